//! The year as a whole: overview, its settings, the unit list.

use crate::error::Res;
use crate::state::AppState;
use pingshen_core::desk::{Campaign, Overview};
use pingshen_core::rules::Policy;
use pingshen_core::units::{self, Unit};
use tauri::State;

#[tauri::command]
pub async fn overview(st: State<'_, AppState>) -> Res<Overview> {
    st.act_in(|d, a, y| d.overview(a, y))
}

#[tauri::command]
pub async fn campaign(st: State<'_, AppState>) -> Res<Campaign> {
    st.act_in(|d, _, y| d.campaign(y))
}

#[tauri::command]
pub async fn update_policy(st: State<'_, AppState>, req: Policy) -> Res<Campaign> {
    st.act_in(|d, a, y| d.update_policy(a, y, req))
}

#[tauri::command]
pub async fn units() -> Res<Vec<Unit>> {
    Ok(units::all().to_vec())
}
