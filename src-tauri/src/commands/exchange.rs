//! Exchange files in the window: the review package (with its passphrase), the expert's score
//! return, dossier files, and opening a package in the expert's own installation. Files are
//! chosen in native dialogs; the passphrase is passed to the core and never stored. A score
//! return or a dossier file is previewed first (nothing written) and only the file previewed,
//! unchanged, is then taken.

use crate::dialogs::{self, Filter};
use crate::error::{Res, UiError};
use crate::ipc::{DossierFileReq, FileSaved, IdReq, OpenedFile, PackageOpened, PackageReq, PassphraseReq};
use crate::state::{AppState, ExchangePreviewed, Session};
use pingshen_core::desk::{DossierFileImport, DossierFilePreview, ReturnImport, ReturnPreview};
use pingshen_core::exchange::crypto::sha256_hex;
use pingshen_core::exchange::ExchangeKind;
use pingshen_core::export::layout::write_atomic;
use pingshen_core::workflow::DossierState;
use pingshen_core::{msg, t};
use tauri::{AppHandle, State};

const EXCHANGE: Filter = Filter { label: "评审台交换文件", extensions: &["pingshen"] };

fn read(path: &std::path::Path) -> Res<(String, Vec<u8>)> {
    let bytes = std::fs::read(path)
        .map_err(|e| UiError::new("io", t!(msg::UI_CANNOT_READ, path = path.display(), detail = e.to_string())))?;
    Ok((path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default(), bytes))
}

/// The file to read: the `.pingshen` file the app was started with (or handed by a second
/// launch), taken once; else the one chosen in a native dialog.
fn pick(app: &AppHandle, st: &AppState, title: &str) -> Res<std::path::PathBuf> {
    match st.lock().opened_file.take() {
        Some(p) => Ok(p),
        None => dialogs::pick_file(app, title, EXCHANGE),
    }
}

/// The `.pingshen` file waiting to be opened (a double-click or a second launch) and its kind
/// (`exchange::kind`: a package or a return by its encryption, a dossier file by its signed
/// manifest), so that the page opens the dialog for that kind. A file that is not an exchange
/// file is dropped and refused with the reason.
#[tauri::command]
pub async fn opened_file(st: State<'_, AppState>) -> Res<Option<OpenedFile>> {
    let Some(path) = st.lock().opened_file.clone() else { return Ok(None) };
    let (name, bytes) = read(&path).inspect_err(|_| st.lock().opened_file = None)?;
    match pingshen_core::exchange::kind::kind_of(&bytes) {
        Ok(kind) => Ok(Some(OpenedFile { name, kind })),
        Err(e) => {
            st.lock().opened_file = None;
            Err(UiError::from(e.into_error(&name)))
        }
    }
}

/// The page declined the waiting file (e.g. a score return opened on an expert's installation).
#[tauri::command]
pub async fn forget_opened_file(st: State<'_, AppState>) -> Res<()> {
    st.lock().opened_file = None;
    Ok(())
}

fn save(app: &AppHandle, st: &AppState, title: &str, suggested: &str, bytes: &[u8], detail: String) -> Res<FileSaved> {
    let path = dialogs::save_file(app, title, suggested, EXCHANGE)?;
    write_atomic(&path, bytes)?;
    st.lock().last_export = Some(path.clone());
    Ok(FileSaved { file: path.display().to_string(), bytes: bytes.len(), detail })
}

#[tauri::command]
pub async fn export_review_package(app: AppHandle, st: State<'_, AppState>, req: PackageReq) -> Res<FileSaved> {
    let (bytes, info) = st.act_in(|d, a, y| d.export_review_package(a, y, &req.expert, &req.passphrase))?;
    let detail = format!("{}份材料、{}个附件", info.dossiers, info.attachments);
    save(&app, &st, "保存评审材料包", &format!("{}年度评审材料包-{}.pingshen", info.year, info.expert), &bytes, detail)
}

#[tauri::command]
pub async fn export_score_return(app: AppHandle, st: State<'_, AppState>) -> Res<FileSaved> {
    let (bytes, n) = st.act_in(|d, a, y| d.export_score_return(a, y))?;
    let who = st.lock().actor.as_ref().map(|a| a.name().to_string()).unwrap_or_default();
    save(&app, &st, "保存评分回执", &format!("评分回执-{who}.pingshen"), &bytes, format!("{n}份评分表"))
}

/// On an applicant unit's own installation: its submitted dossier back to a draft to amend it.
#[tauri::command]
pub async fn amend_own_dossier(st: State<'_, AppState>, req: IdReq) -> Res<DossierState> {
    st.act(|d, a| d.amend_own_dossier(a, req.id))
}

#[tauri::command]
pub async fn export_dossier_file(app: AppHandle, st: State<'_, AppState>, req: IdReq) -> Res<FileSaved> {
    let (bytes, unit) = st.act(|d, a| {
        let x = d.dossier(a, req.id)?;
        Ok((
            d.export_dossier_file(a, Some(x.year), &x.unit.full_name, Some(x.award()))?,
            format!("{}-{}", x.unit.full_name, x.award().label()),
        ))
    })?;
    save(&app, &st, "保存申报材料文件", &format!("申报材料-{unit}.pingshen"), &bytes, String::new())
}

/// Reads a score return (the file the app was started with, else one chosen) and shows what
/// taking it would do, writing nothing; the file is remembered for `import_previewed_return`.
#[tauri::command]
pub async fn preview_score_return(app: AppHandle, st: State<'_, AppState>) -> Res<ReturnPreview> {
    let path = pick(&app, &st, "选择评分回执")?;
    let (name, bytes) = read(&path)?;
    st.with_session(|s| {
        s.exchange_previewed = None;
        let actor = s.actor.as_ref().ok_or_else(UiError::no_session)?;
        let preview = s.desk.preview_score_return(actor, &name, &bytes)?;
        s.exchange_previewed = Some(ExchangePreviewed {
            kind: ExchangeKind::ScoreReturn,
            sha256: sha256_hex(&bytes),
            path,
            received_on: None,
        });
        Ok(preview)
    })
}

/// Takes the score return last previewed, if it is unchanged since.
#[tauri::command]
pub async fn import_previewed_return(st: State<'_, AppState>) -> Res<ReturnImport> {
    st.with_session(|s| {
        let (_, name, bytes) = take_previewed(s, ExchangeKind::ScoreReturn)?;
        let actor = s.actor.as_ref().ok_or_else(UiError::no_session)?;
        Ok(s.desk.import_score_return(actor, &name, &bytes)?)
    })
}

/// Reads a dossier file (the file the app was started with, else one chosen) and shows what
/// taking it as received on `received_on` would do, writing nothing; the file and the day are
/// remembered for `import_previewed_dossier_file`.
#[tauri::command]
pub async fn preview_dossier_file(
    app: AppHandle,
    st: State<'_, AppState>,
    req: DossierFileReq,
) -> Res<DossierFilePreview> {
    let again = match &st.lock().exchange_previewed {
        Some(p) if req.same_file && p.kind == ExchangeKind::DossierFile => Some(p.path.clone()),
        _ => None,
    };
    let path = match again {
        Some(p) => p,
        None => pick(&app, &st, "选择申报材料文件")?,
    };
    let (name, bytes) = read(&path)?;
    st.with_session(|s| {
        s.exchange_previewed = None;
        let actor = s.actor.as_ref().ok_or_else(UiError::no_session)?;
        let preview = s.desk.preview_dossier_file(actor, s.year, &name, &bytes, req.received_on)?;
        s.exchange_previewed = Some(ExchangePreviewed {
            kind: ExchangeKind::DossierFile,
            sha256: sha256_hex(&bytes),
            path,
            received_on: Some(req.received_on),
        });
        Ok(preview)
    })
}

/// Takes the dossier file last previewed, as received on the day it was previewed with, if the
/// file is unchanged since.
#[tauri::command]
pub async fn import_previewed_dossier_file(st: State<'_, AppState>) -> Res<DossierFileImport> {
    st.with_session(|s| {
        let (on, name, bytes) = take_previewed(s, ExchangeKind::DossierFile)?;
        let on = on.ok_or_else(|| UiError::new("rule", t!(msg::UI_PREVIEW_DATE_FIRST)))?;
        let actor = s.actor.as_ref().ok_or_else(UiError::no_session)?;
        Ok(s.desk.import_dossier_file(actor, s.year, &name, &bytes, on)?)
    })
}

/// The exchange file of `kind` last previewed (taken: one confirmation per preview), read again
/// and refused if it changed since.
fn take_previewed(s: &mut Session, kind: ExchangeKind) -> Res<(Option<chrono::NaiveDate>, String, Vec<u8>)> {
    let p = match s.exchange_previewed.take() {
        Some(p) if p.kind == kind => p,
        _ => return Err(UiError::new("rule", t!(msg::UI_PREVIEW_KIND_FIRST, kind = kind.text()))),
    };
    let (name, bytes) = read(&p.path)?;
    if sha256_hex(&bytes) != p.sha256 {
        return Err(UiError::new("rule", t!(msg::UI_CHANGED_SINCE_PREVIEW, name = name.as_str())));
    }
    Ok((p.received_on, name, bytes))
}

/// Opens a review package in this (empty) installation; nobody needs to be signed in. A package
/// the app was started with (a double-click) stays waiting when its passphrase is wrong, so that
/// the next try takes the same file instead of asking for it in a dialog.
#[tauri::command]
pub async fn open_review_package(app: AppHandle, st: State<'_, AppState>, req: PassphraseReq) -> Res<PackageOpened> {
    st.lock().require_database()?;
    let waiting = st.lock().opened_file.is_some();
    let path = pick(&app, &st, "选择评审材料包")?;
    let (name, bytes) = read(&path)?;
    let opened = {
        let s = st.lock();
        let keeper = s.desk.local_secretariat();
        s.desk.open_review_package(&keeper, &name, &bytes, &req.passphrase)
    };
    let info = opened.inspect_err(|e| {
        let passphrase =
            matches!(e, pingshen_core::Error::Invalid { field, .. } if *field == t!(msg::EXCHANGE_FIELD_PASSPHRASE));
        if waiting && passphrase {
            st.lock().opened_file = Some(path);
        }
    })?;
    let state = crate::commands::session::titled(&app, st.launch_state()?);
    Ok(PackageOpened { info, state })
}
