//! The experts' pledge (评审专家承诺书): the secretariat reads and edits the year's text (until
//! the draw); an expert reads it and signs by typing their name before their first score.

use crate::error::Res;
use crate::ipc::NameReq;
use crate::state::AppState;
use pingshen_core::desk::{Pledge, PledgeAcceptance, PledgeStatus, PledgeText};
use tauri::State;

#[tauri::command]
pub async fn pledge(st: State<'_, AppState>) -> Res<Pledge> {
    st.act_in(|d, a, y| d.pledge(a, y))
}

#[tauri::command]
pub async fn set_pledge(st: State<'_, AppState>, req: PledgeText) -> Res<Pledge> {
    st.act_in(|d, a, y| d.set_pledge(a, y, &req))
}

#[tauri::command]
pub async fn pledge_status(st: State<'_, AppState>) -> Res<PledgeStatus> {
    st.act_in(|d, a, y| d.pledge_status(a, y))
}

#[tauri::command]
pub async fn accept_pledge(st: State<'_, AppState>, req: NameReq) -> Res<PledgeAcceptance> {
    st.act_in(|d, a, y| d.accept_pledge(a, y, &req.name))
}
