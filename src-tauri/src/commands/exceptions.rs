//! Years that don't go to plan: ending the review with sheets outstanding, replacing an expert
//! on one dossier, a unit's withdrawal, and next year's holidays from the State Council's notice
//! (the file chosen in a native dialog, shown before it is stored).

use crate::dialogs::{self, Filter};
use crate::error::{Res, UiError};
use crate::ipc::{IdReasonReq, NoticeImportReq, ReasonReq, ReplaceReq, YearReq};
use crate::state::{fingerprint, AppState};
use pingshen_core::desk::{CalendarImport, CalendarYear, Replacement, ReviewClosed, Withdrawal};
use pingshen_core::holiday_notice::HolidayNotice;
use pingshen_core::{msg, t};
use tauri::{AppHandle, State};

#[tauri::command]
pub async fn close_review(st: State<'_, AppState>, req: ReasonReq) -> Res<ReviewClosed> {
    st.act_in(|d, a, y| d.close_review(a, y, &req.reason))
}

#[tauri::command]
pub async fn replace_expert(st: State<'_, AppState>, req: ReplaceReq) -> Res<Replacement> {
    st.act(|d, a| d.replace_expert(a, req.dossier_id, &req.expert, &req.reason, None, req.to.as_deref()))
}

#[tauri::command]
pub async fn withdraw_dossier(st: State<'_, AppState>, req: IdReasonReq) -> Res<Withdrawal> {
    st.act(|d, a| d.withdraw_dossier(a, req.id, &req.reason))
}

#[tauri::command]
pub async fn calendar_year(st: State<'_, AppState>, req: YearReq) -> Res<CalendarYear> {
    st.act(|d, _| d.calendar_year(req.year))
}

/// Reads a notice chosen in a native dialog and shows what it holds; nothing is stored.
#[tauri::command]
pub async fn preview_holiday_notice(app: AppHandle, st: State<'_, AppState>) -> Res<HolidayNotice> {
    let path = dialogs::pick_file(
        &app,
        "选择国务院办公厅节假日安排通知（文本文件）",
        Filter { label: "文本文件（TXT）", extensions: &["txt"] },
    )?;
    st.with_session(|s| {
        let actor = s.actor.as_ref().ok_or_else(UiError::no_session)?;
        let notice = s.desk.preview_holiday_notice(actor, &path)?;
        s.notice = Some((path.clone(), fingerprint(&path)?));
        Ok(notice)
    })
}

/// Stores the notice last previewed, if it has not changed since.
#[tauri::command]
pub async fn import_holiday_notice(st: State<'_, AppState>, req: NoticeImportReq) -> Res<CalendarImport> {
    st.with_session(|s| {
        let (path, fp) = s.notice.take().ok_or_else(|| UiError::new("rule", t!(msg::UI_NOTICE_FIRST)))?;
        if fingerprint(&path)? != fp {
            return Err(UiError::new("rule", t!(msg::UI_CHANGED_SINCE_LOOK, path = path.display())));
        }
        let actor = s.actor.as_ref().ok_or_else(UiError::no_session)?;
        let done = s.desk.import_holiday_notice(actor, &path, req.replace);
        if done.is_err() {
            s.notice = Some((path, fp)); // the clerk may tick 「替换」 and confirm again
        }
        Ok(done?)
    })
}
