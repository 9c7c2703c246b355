//! Documents and the audit log. Save locations come from native dialogs, never from the page.

use crate::dialogs::{self, Filter};
use crate::error::{Res, UiError};
use crate::ipc::{ExportDone, ExportProgress};
use crate::state::AppState;
use pingshen_core::desk::{ArchiveMade, AuditQuery};
use pingshen_core::export::archive::{make_archive, suggested_name};
use pingshen_core::export::layout::write_atomic;
use pingshen_core::export::request::{render, ExportFormat, ExportReq};
use pingshen_core::store::AuditEntry;
use tauri::{AppHandle, Emitter, State};

/// Renders a document, asks where to save it, writes it atomically.
#[tauri::command]
pub async fn export_document(app: AppHandle, st: State<'_, AppState>, req: ExportReq) -> Res<ExportDone> {
    let pdf = st.pdf()?;
    let emit = |done: usize, total: usize| {
        let _ = app.emit("export-progress", ExportProgress { done, total });
    };
    let doc = st.act_in(|d, a, y| render(d, a, y, &req, Some(pdf), &mut |done, total| emit(done, total)))?;
    let filter = match req.format {
        ExportFormat::Pdf => Filter { label: "PDF 文件", extensions: &["pdf"] },
        ExportFormat::Xlsx => Filter { label: "Excel 工作簿", extensions: &["xlsx"] },
    };
    let path = dialogs::save_file(&app, "保存文件", &doc.suggested_name, filter)?;
    write_atomic(&path, &doc.bytes)?;
    let done = ExportDone { file: path.display().to_string(), bytes: doc.bytes.len(), pages: doc.pages };
    st.lock().last_export = Some(path);
    Ok(done)
}

/// 年度归档 of the session's year: refused at once when it is not published, then asks where to save the zip and
/// makes it (progress events as for an expert's package).
#[tauri::command]
pub async fn export_archive(app: AppHandle, st: State<'_, AppState>) -> Res<ArchiveMade> {
    let pdf = st.pdf()?;
    let c = st.act_in(|d, a, y| d.archivable(a, y))?;
    let path = dialogs::save_file(
        &app,
        "保存年度归档",
        &suggested_name(c.year),
        Filter { label: "ZIP 压缩文件", extensions: &["zip"] },
    )?;
    let emit = |done: usize, total: usize| {
        let _ = app.emit("export-progress", ExportProgress { done, total });
    };
    let made =
        st.act(|d, a| make_archive(d, a, Some(c.year), &path, Some(pdf), &mut |done, total| emit(done, total)))?;
    st.lock().last_export = Some(path);
    Ok(made)
}

/// Opens the folder of the last exported file in the file manager.
#[tauri::command]
pub async fn open_export_folder(app: AppHandle, st: State<'_, AppState>) -> Res<()> {
    let last = st.lock().last_export.clone().ok_or_else(|| UiError::new("rule", "还没有导出过文件"))?;
    let dir = last.parent().map(|p| p.to_path_buf()).unwrap_or(last);
    crate::open_path(&app, &dir)
}

#[tauri::command]
pub async fn audit_log(st: State<'_, AppState>, req: AuditQuery) -> Res<Vec<AuditEntry>> {
    st.act(|d, a| d.audit_query(a, &req))
}
