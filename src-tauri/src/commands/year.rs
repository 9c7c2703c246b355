//! The year as a whole: overview, its settings, the unit list.

use crate::error::Res;
use crate::state::AppState;
use pingshen_core::desk::{Campaign, Overview};
use pingshen_core::rules::Policy;
use pingshen_core::units::{self, Unit};
use tauri::State;

#[tauri::command]
pub async fn overview(st: State<'_, AppState>) -> Res<Overview> {
    st.act(|d, a| d.overview(a, None))
}

#[tauri::command]
pub async fn campaign(st: State<'_, AppState>) -> Res<Campaign> {
    st.act(|d, _| d.campaign(None))
}

#[tauri::command]
pub async fn update_policy(st: State<'_, AppState>, req: Policy) -> Res<Campaign> {
    st.act(|d, a| d.update_policy(a, None, req))
}

#[tauri::command]
pub async fn units() -> Res<Vec<Unit>> {
    Ok(units::all().to_vec())
}
