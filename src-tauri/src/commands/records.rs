//! The record kept safe: verifying the audit log (also against the head a backup or an exported
//! PDF/XLSX carries), backups (now, the list, how many automatic ones are kept) and restoring
//! one. Files are picked from the list by name or through a native dialog: the path never comes
//! from the page.

use crate::dialogs::{self, Filter};
use crate::error::Res;
use crate::ipc::{BackupDone, BackupReq, BackupsView, KeepReq, RestoreDone};
use crate::state::AppState;
use pingshen_core::desk::{AuditCheck, HeadReached};
use pingshen_core::Role;
use pingshen_core::{msg, t};
use tauri::{AppHandle, State};

/// Runs `audit verify`: findings are a report (table, row, field), not an error page.
#[tauri::command]
pub async fn audit_verify(st: State<'_, AppState>) -> Res<AuditCheck> {
    st.act(|d, a| d.verify_audit(a))
}

/// Backs the database up next to it, named by the time (never overwrites).
#[tauri::command]
pub async fn backup_now(st: State<'_, AppState>) -> Res<BackupDone> {
    st.act(|d, a| d.backup_beside(a)).map(|p| BackupDone { file: p.display().to_string() })
}

#[tauri::command]
pub async fn backups(st: State<'_, AppState>) -> Res<BackupsView> {
    st.act(|d, a| Ok(BackupsView { files: d.list_backups(a)?, kept: d.backups_kept()? }))
}

#[tauri::command]
pub async fn set_backups_kept(st: State<'_, AppState>, req: KeepReq) -> Res<BackupsView> {
    st.act(|d, a| {
        d.set_backups_kept(a, req.kept)?;
        Ok(BackupsView { files: d.list_backups(a)?, kept: d.backups_kept()? })
    })
}

/// Restores a backup of the list (by file name, found in the database's folder).
#[tauri::command]
pub async fn restore_backup(st: State<'_, AppState>, req: BackupReq) -> Res<RestoreDone> {
    let from = st.act(|d, a| d.find_backup(a, &req.file_name))?;
    st.restore(&from)
}

/// Restores a database file chosen in a native dialog (e.g. a copy on a USB stick).
#[tauri::command]
pub async fn restore_from_file(app: AppHandle, st: State<'_, AppState>) -> Res<RestoreDone> {
    st.act(|d, a| d.require_role(a, Role::Secretariat, t!(msg::FILES_ACTION_RESTORE)))?; // before any dialog
    let from = dialogs::pick_file(
        &app,
        "选择要恢复的数据库备份",
        Filter { label: "评审台数据库", extensions: &["db", "sqlite"] },
    )?;
    st.restore(&from)
}

/// Whether the log still reaches the head a backup of the list carries.
#[tauri::command]
pub async fn check_backup(st: State<'_, AppState>, req: BackupReq) -> Res<HeadReached> {
    st.act(|d, a| d.find_backup(a, &req.file_name).and_then(|f| d.check_against_file(a, &f)))
}

/// Whether the log still reaches the head a chosen file carries: a backup elsewhere, or a PDF or
/// XLSX exported earlier (e.g. the notice as it was sent).
#[tauri::command]
pub async fn check_file(app: AppHandle, st: State<'_, AppState>) -> Res<HeadReached> {
    st.act(|d, a| d.require_role(a, Role::Secretariat, t!(msg::FILES_ACTION_CHECK_FILE)))?; // before any dialog
    let f = dialogs::pick_file(
        &app,
        "选择要核对的备份或导出文件",
        Filter {
            label: "评审台备份、年度归档或导出文件", extensions: &["pdf", "xlsx", "zip", "db", "sqlite"]
        },
    )?;
    st.act(|d, a| d.check_against_file(a, &f))
}
