//! Documents and the audit log. Save locations come from native dialogs, never from the page.

use crate::dialogs::{self, Filter};
use crate::error::{Res, UiError};
use crate::ipc::{ExportDone, ExportProgress, LettersDone, LettersExportReq};
use crate::state::AppState;
use pingshen_core::desk::{ArchiveMade, AuditQuery, SealInfo};
use pingshen_core::export::archive::{make_archive, suggested_name};
use pingshen_core::export::layout::write_atomic;
use pingshen_core::export::letters::{export_letters as write_letters, LettersReq};
use pingshen_core::export::request::{render, ExportFormat, ExportKind, ExportReq};
use pingshen_core::store::AuditEntry;
use pingshen_core::{msg, t};
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

/// Letters of one kind into a folder the user picks: one PDF per unit (or expert) and one with all.
#[tauri::command]
pub async fn export_letters(app: AppHandle, st: State<'_, AppState>, req: LettersExportReq) -> Res<LettersDone> {
    let pdf = st.pdf()?;
    let dir = dialogs::pick_folder(&app, "选择保存函件的文件夹")?;
    let emit = |done: usize, total: usize| {
        let _ = app.emit("export-progress", ExportProgress { done, total });
    };
    let lreq = LettersReq { unit: req.unit.clone(), expert: req.expert.clone(), seal: req.seal, seed: None };
    let run =
        st.act_in(|d, a, y| write_letters(d, a, y, req.kind, &dir, &lreq, pdf, &mut |done, total| emit(done, total)))?;
    let done = LettersDone {
        folder: dir.display().to_string(),
        letters: run.letters,
        files: run.files.len(),
        sealed: run.sealed,
    };
    st.lock().last_export = run.files.into_iter().next();
    Ok(done)
}

/// The award notice or the publicity list with the seal (PDF), saved where the user says and
/// logged with the file's audit head; refused at once while no seal is set.
#[tauri::command]
pub async fn export_sealed(app: AppHandle, st: State<'_, AppState>, kind: ExportKind) -> Res<ExportDone> {
    let pdf = st.pdf()?;
    let (bytes, name) = st.act_in(|d, a, y| {
        d.require_role(a, pingshen_core::desk::Role::Secretariat, t!(msg::DECIDE_ACTION_SEALED_EXPORT))?;
        let seal = d.seal_image()?;
        let c = d.campaign(y)?;
        match kind {
            ExportKind::Notice => Ok((pdf.notice_sealed(d, y, &seal)?, format!("{}年度通报（加盖印章）.pdf", c.year))),
            ExportKind::PublicityList => {
                Ok((pdf.publicity_list_sealed(d, y, &seal)?, format!("{}年度公示名单（加盖印章）.pdf", c.year)))
            }
            _ => Err(pingshen_core::Error::invalid(t!(msg::UI_FIELD_FILE), t!(msg::UI_SEAL_ONLY))),
        }
    })?;
    let path = dialogs::save_file(&app, "保存文件", &name, Filter { label: "PDF 文件", extensions: &["pdf"] })?;
    write_atomic(&path, &bytes)?;
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    st.act_in(|d, a, y| {
        let head = d.audit_head()?.map(|h| h.to_string());
        d.record_sealed_export(a, y, kind.label(), &file, head)
    })?;
    let done = ExportDone { file: path.display().to_string(), bytes: bytes.len(), pages: None };
    st.lock().last_export = Some(path);
    Ok(done)
}

/// The seal set in this database, if any (the exports' 「加盖印章」 is offered only then).
#[tauri::command]
pub async fn seal_info(st: State<'_, AppState>) -> Res<Option<SealInfo>> {
    st.act(|d, a| d.seal_info(a))
}

/// 设置 › 印章 › 载入: a PNG chosen in the file dialog, checked and kept in the database.
#[tauri::command]
pub async fn set_seal(app: AppHandle, st: State<'_, AppState>) -> Res<SealInfo> {
    st.act(|d, a| d.require_role(a, pingshen_core::desk::Role::Secretariat, t!(msg::DECIDE_ACTION_SET_SEAL)))?;
    let path =
        dialogs::pick_file(&app, "选择印章图片", Filter { label: "PNG 图片（背景透明）", extensions: &["png"] })?;
    st.act(|d, a| d.set_seal(a, &path))
}

/// 设置 › 印章 › 清除.
#[tauri::command]
pub async fn clear_seal(st: State<'_, AppState>) -> Res<()> {
    st.act(|d, a| d.clear_seal(a))
}

/// Opens the folder of the last exported file in the file manager.
#[tauri::command]
pub async fn open_export_folder(app: AppHandle, st: State<'_, AppState>) -> Res<()> {
    let last = st.lock().last_export.clone().ok_or_else(|| UiError::new("rule", t!(msg::UI_NOTHING_EXPORTED)))?;
    let dir = last.parent().map(|p| p.to_path_buf()).unwrap_or(last);
    crate::open_path(&app, &dir)
}

#[tauri::command]
pub async fn audit_log(st: State<'_, AppState>, req: AuditQuery) -> Res<Vec<AuditEntry>> {
    st.act(|d, a| d.audit_query(a, &req))
}
