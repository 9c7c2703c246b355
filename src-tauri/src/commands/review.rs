//! Experts, the draw, accounts, and the expert's own scoring.

use crate::error::Res;
use crate::ipc::{ConflictReq, CreateUserReq, DrawReq, ExpertLoginReq, IdReq, ReopenReq, ScoresReq};
use crate::state::AppState;
use pingshen_core::desk::{AssignmentMatrix, AssignmentView, DrawReport, ExpertView, ScoringSheet};
use pingshen_core::model::ExpertInput;
use tauri::State;

#[tauri::command]
pub async fn experts(st: State<'_, AppState>) -> Res<Vec<ExpertView>> {
    st.act_in(|d, a, y| d.experts(a, y))
}

#[tauri::command]
pub async fn add_expert(st: State<'_, AppState>, req: ExpertInput) -> Res<i64> {
    st.act_in(|d, a, y| d.add_expert(a, y, req))
}

#[tauri::command]
pub async fn declare_conflict(st: State<'_, AppState>, req: ConflictReq) -> Res<()> {
    st.act_in(|d, a, y| d.declare_conflict(a, y, &req.expert, &req.unit, &req.reason))
}

#[tauri::command]
pub async fn draw(st: State<'_, AppState>, req: DrawReq) -> Res<DrawReport> {
    st.act_in(|d, a, y| d.draw(a, y, req.per_dossier, req.seed))
}

#[tauri::command]
pub async fn assignment_matrix(st: State<'_, AppState>) -> Res<AssignmentMatrix> {
    st.act_in(|d, a, y| d.assignment_matrix(a, y))
}

#[tauri::command]
pub async fn set_expert_login(st: State<'_, AppState>, req: ExpertLoginReq) -> Res<()> {
    st.act_in(|d, a, y| d.set_expert_login(a, y, &req.expert, &req.password))
}

#[tauri::command]
pub async fn reopen_sheet(st: State<'_, AppState>, req: ReopenReq) -> Res<()> {
    st.act(|d, a| d.reopen_scores(a, req.assignment_id, &req.reason))
}

#[tauri::command]
pub async fn create_user(st: State<'_, AppState>, req: CreateUserReq) -> Res<i64> {
    st.act(|d, a| d.create_user(a, &req.login, &req.display_name, req.role, &req.password, req.unit.as_deref()))
}

/// The expert's assignments (the secretariat sees all).
#[tauri::command]
pub async fn assignments(st: State<'_, AppState>) -> Res<Vec<AssignmentView>> {
    st.act_in(|d, a, y| d.assignments(a, y))
}

#[tauri::command]
pub async fn scoring_sheet(st: State<'_, AppState>, req: IdReq) -> Res<ScoringSheet> {
    st.act(|d, a| d.scoring_sheet(a, req.id))
}

/// The autosave of the scoring screen: the expert's draft, checked and stored.
#[tauri::command]
pub async fn save_draft(st: State<'_, AppState>, req: ScoresReq) -> Res<()> {
    st.act(|d, a| d.save_scores(a, req.assignment_id, &req.scores))
}

#[tauri::command]
pub async fn submit_sheet(st: State<'_, AppState>, req: ScoresReq) -> Res<()> {
    st.act(|d, a| d.submit_scores(a, req.assignment_id, &req.scores))
}
