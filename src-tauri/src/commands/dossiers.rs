//! Apply and recommend: dossiers, attachments, the import with its preview, the formal check
//! (with the findings against last year and their 已核实).

use crate::dialogs::{self, Filter};
use crate::error::{Res, UiError};
use crate::ipc::{
    AttachReq, AttachmentRef, IdReq, ImportDone, LateReq, PreviewReq, RecommendReq, UnitReq, VerifyYoyReq,
};
use crate::state::{fingerprint, AppState, Previewed};
use pingshen_core::desk::{
    Attachment, Dossier, DossierDetail, HistoryEntry, ImportKind, ImportPreview, RecommendOutcome, YoyReport,
};
use pingshen_core::model::DossierInput;
use pingshen_core::workflow::DossierState;
use pingshen_core::{msg, t};
use tauri::{AppHandle, Manager, State};

#[tauri::command]
pub async fn dossiers(st: State<'_, AppState>) -> Res<Vec<Dossier>> {
    st.act_in(|d, a, y| d.dossiers(a, y))
}

#[tauri::command]
pub async fn dossier_detail(st: State<'_, AppState>, req: IdReq) -> Res<DossierDetail> {
    st.act(|d, a| d.dossier_detail(a, req.id))
}

/// A unit's standing in every year it applied (the dossier page's 历年情况).
#[tauri::command]
pub async fn unit_history(st: State<'_, AppState>, req: UnitReq) -> Res<Vec<HistoryEntry>> {
    st.act(|d, a| d.history(a, &req.unit))
}

#[tauri::command]
pub async fn save_dossier(st: State<'_, AppState>, req: DossierInput) -> Res<i64> {
    st.act_in(|d, a, y| d.save_dossier(a, y, req))
}

#[tauri::command]
pub async fn submit_dossier(st: State<'_, AppState>, req: IdReq) -> Res<DossierState> {
    st.act(|d, a| d.submit_dossier(a, req.id, chrono::Local::now().date_naive()))
}

/// Attaches a file chosen in a native dialog.
#[tauri::command]
pub async fn add_attachment(app: AppHandle, st: State<'_, AppState>, req: AttachReq) -> Res<Attachment> {
    let path = dialogs::pick_file(
        &app,
        "选择附件",
        Filter {
            label: "附件（PDF、图片、Office文件）",
            extensions: &["pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx", "ofd"],
        },
    )?;
    let bytes = std::fs::read(&path)
        .map_err(|e| UiError::new("io", t!(msg::UI_CANNOT_READ, path = path.display(), detail = e.to_string())))?;
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    st.act(|d, a| d.attach(a, req.dossier_id, &req.kind, &name, &bytes))
}

/// Opens an attachment in the system's viewer (a copy in the temporary folder).
#[tauri::command]
pub async fn open_attachment(app: AppHandle, st: State<'_, AppState>, req: AttachmentRef) -> Res<()> {
    let (name, bytes) = st.act(|d, a| d.attachment_file(a, req.dossier_id, &req.sha256))?;
    let dir = app
        .path()
        .temp_dir()
        .map_err(|e| UiError::new("io", t!(msg::INPUT_DETAIL, detail = e.to_string())))?
        .join("pingshen-attachments")
        .join(&req.sha256[..12.min(req.sha256.len())]);
    std::fs::create_dir_all(&dir).map_err(|e| UiError::new("io", t!(msg::UI_TEMP_FOLDER, detail = e.to_string())))?;
    let file = dir.join(name);
    std::fs::write(&file, bytes)
        .map_err(|e| UiError::new("io", t!(msg::UI_WRITE_ATTACHMENT, detail = e.to_string())))?;
    crate::open_path(&app, &file)
}

/// Reads a spreadsheet chosen in a native dialog and shows what an import would do, saving nothing.
#[tauri::command]
pub async fn preview_import(app: AppHandle, st: State<'_, AppState>, req: PreviewReq) -> Res<ImportPreview> {
    let title = match req.kind {
        ImportKind::Dossiers => "选择申报汇总表",
        ImportKind::Experts => "选择评审专家库",
        ImportKind::Scores => "选择评分录入表",
    };
    let path = dialogs::pick_file(&app, title, Filter { label: "表格（XLSX、CSV）", extensions: &["xlsx", "csv"] })?;
    st.with_session(|s| {
        let actor = s.actor.as_ref().ok_or_else(UiError::no_session)?;
        let preview = s.desk.preview_import(actor, s.year, req.kind, &path)?;
        s.previewed = Some(Previewed { kind: req.kind, fingerprint: fingerprint(&path)?, path });
        Ok(preview)
    })
}

/// Imports the file last previewed, if it has not changed since (all or nothing).
#[tauri::command]
pub async fn import_previewed(st: State<'_, AppState>) -> Res<ImportDone> {
    st.with_session(|s| {
        let p = s.previewed.take().ok_or_else(|| UiError::new("rule", t!(msg::UI_PREVIEW_FILE_FIRST)))?;
        if fingerprint(&p.path)? != p.fingerprint {
            return Err(UiError::new("rule", t!(msg::UI_CHANGED_SINCE_PREVIEW, name = p.path.display())));
        }
        let actor = s.actor.as_ref().ok_or_else(UiError::no_session)?;
        let file = p.path.display().to_string();
        let done = match p.kind {
            ImportKind::Dossiers => s.desk.import_dossiers(actor, s.year, &p.path).map(|r| ImportDone {
                kind: p.kind,
                file,
                imported: r.imported,
                late: r.late,
                notes: r.notes,
            }),
            ImportKind::Experts => s.desk.import_experts(actor, s.year, &p.path).map(|r| ImportDone {
                kind: p.kind,
                file,
                imported: r.imported,
                late: 0,
                notes: r.notes,
            }),
            ImportKind::Scores => s.desk.import_scores(actor, s.year, &p.path).map(|r| ImportDone {
                kind: p.kind,
                file,
                imported: r.imported,
                late: 0,
                notes: r.notes,
            }),
        };
        Ok(done?)
    })
}

#[tauri::command]
pub async fn recommend_auto(st: State<'_, AppState>) -> Res<Vec<RecommendOutcome>> {
    st.act_in(|d, a, y| d.recommend_auto(a, y))
}

#[tauri::command]
pub async fn recommend(st: State<'_, AppState>, req: RecommendReq) -> Res<DossierState> {
    st.act(|d, a| d.recommend(a, req.id, req.decision))
}

#[tauri::command]
pub async fn yoy_check(st: State<'_, AppState>, req: IdReq) -> Res<YoyReport> {
    st.act(|d, a| d.yoy_check(a, req.id))
}

#[tauri::command]
pub async fn verify_yoy(st: State<'_, AppState>, req: VerifyYoyReq) -> Res<YoyReport> {
    st.act(|d, a| d.verify_yoy(a, req.id, &req.code, &req.note))
}

#[tauri::command]
pub async fn decide_late(st: State<'_, AppState>, req: LateReq) -> Res<DossierState> {
    st.act(|d, a| d.decide_late(a, req.id, req.accept, &req.reason))
}
