//! Year after year: the header's switcher (the session's year), 「开启新年度」 from a published
//! year, and confirming the conflicts carried as 待确认.

use crate::commands::session::titled;
use crate::error::{Res, UiError};
use crate::ipc::{ConfirmConflictsReq, LaunchState, NextYearReq, YearReq};
use crate::state::{launch_state_of, AppState};
use pingshen_core::desk::CarriedOver;
use pingshen_core::{msg, t};
use tauri::{AppHandle, State};

/// Opens `req.year` in the window: every command then acts on it. Only a year the signed-in
/// user may see (the secretariat every year; an expert the years of their panel; an applicant
/// unit its own years and the newest).
#[tauri::command]
pub async fn select_year(app: AppHandle, st: State<'_, AppState>, req: YearReq) -> Res<LaunchState> {
    st.with_session(|s| {
        let actor = s.actor.as_ref().ok_or_else(UiError::no_session)?;
        if !s.desk.years_of(actor)?.iter().any(|y| y.year == req.year) {
            return Err(UiError::new("not_found", t!(msg::UI_NO_SUCH_YEAR, year = req.year)));
        }
        s.year = Some(req.year);
        (s.previewed, s.notice, s.exchange_previewed) = (None, None, None);
        Ok(titled(&app, launch_state_of(s)?))
    })
}

/// 「开启新年度」: opens `req.to` from the published `req.from`; the window then works on it.
#[tauri::command]
pub async fn open_next_year(st: State<'_, AppState>, req: NextYearReq) -> Res<CarriedOver> {
    st.with_session(|s| {
        let actor = s.actor.as_ref().ok_or_else(UiError::no_session)?;
        let carried = s.desk.open_next_year(actor, req.from, req.to, req.subsidy_budget_yuan)?;
        s.year = Some(carried.to);
        (s.previewed, s.notice, s.exchange_previewed) = (None, None, None);
        Ok(carried)
    })
}

/// Confirms carried conflicts of the session's year.
#[tauri::command]
pub async fn confirm_conflicts(st: State<'_, AppState>, req: ConfirmConflictsReq) -> Res<usize> {
    st.act_in(|d, a, y| d.confirm_conflicts(a, y, req.expert.as_deref(), req.unit.as_deref()))
}
