//! The Pingshen window (Tauri 2): the session state, the commands that delegate to `Desk`, the
//! file dialogs. The page is the Vue front end in `ui/`, embedded in the binary.

pub mod bindings;
pub mod commands;
pub mod dialogs;
pub mod error;
pub mod ipc;
pub mod state;

use error::{Res, UiError};
use state::AppState;
use std::path::{Path, PathBuf};
use tauri::Manager;
use tauri_plugin_opener::OpenerExt;

/// The database: `PINGSHEN_DB` if set (tests), else `pingshen.db` in the app's data directory.
fn database_path(app: &tauri::App) -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("PINGSHEN_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dir = app.path().app_data_dir().map_err(|e| format!("无法确定数据目录：{e}"))?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("无法创建数据目录「{}」：{e}", dir.display()))?;
    Ok(dir.join("pingshen.db"))
}

/// Fonts and the issuing body: bundled resources when installed, else the checkout's `assets/`.
fn assets_dir(app: &tauri::App) -> PathBuf {
    if let Ok(res) = app.path().resource_dir() {
        let dir = res.join("assets");
        if dir.join("fonts").is_dir() {
            return dir;
        }
    }
    pingshen_core::export::layout::assets_dir()
}

/// Opens a file or folder with the system's default program.
pub fn open_path(app: &tauri::AppHandle, path: &Path) -> Res<()> {
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| UiError::new("io", format!("无法打开「{}」：{e}", path.display())))
}

/// `PINGSHEN_STARTUP_TRACE=1` (the start-up benchmark, tests/e2e/bench_window.py): one line on
/// stderr per start-up step, `PINGSHEN_STARTUP <step> <ms since the epoch>`.
fn startup_trace(step: &str) {
    if std::env::var_os("PINGSHEN_STARTUP_TRACE").is_some() {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0);
        eprintln!("PINGSHEN_STARTUP {step} {ms:.1}");
    }
}

pub fn run() {
    startup_trace("run");
    tauri::Builder::default()
        .on_page_load(|_, p| {
            startup_trace(if p.event() == tauri::webview::PageLoadEvent::Started {
                "page-started"
            } else {
                "page-loaded"
            })
        })
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let db = database_path(app)?;
            let state = AppState::open_or_explain(&db, assets_dir(app))
                .map_err(|e| format!("无法打开数据库「{}」：{}", db.display(), e.message))?;
            if let Ok(s) = state.launch_state() {
                if let Some(w) = app.get_webview_window("main") {
                    let _ = w.set_title(&commands::session::window_title(&s));
                }
            }
            app.manage(state);
            startup_trace("database-open");
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::session::launch_state,
            commands::session::open_demo,
            commands::session::start_year,
            commands::session::open_database,
            commands::session::retry_open,
            commands::session::login,
            commands::session::login_local,
            commands::session::logout,
            commands::year::overview,
            commands::year::campaign,
            commands::year::update_policy,
            commands::year::units,
            commands::dossiers::dossiers,
            commands::dossiers::dossier_detail,
            commands::dossiers::save_dossier,
            commands::dossiers::submit_dossier,
            commands::dossiers::add_attachment,
            commands::dossiers::open_attachment,
            commands::dossiers::preview_import,
            commands::dossiers::import_previewed,
            commands::dossiers::recommend_auto,
            commands::dossiers::recommend,
            commands::dossiers::decide_late,
            commands::review::experts,
            commands::review::add_expert,
            commands::review::declare_conflict,
            commands::review::draw,
            commands::review::assignment_matrix,
            commands::review::set_expert_login,
            commands::review::reopen_sheet,
            commands::review::create_user,
            commands::decide::results,
            commands::decide::explain_result,
            commands::decide::review_statistics,
            commands::decide::record_consensus,
            commands::decide::funding,
            commands::decide::select_pilot,
            commands::decide::unselect_pilot,
            commands::decide::adjust_funding,
            commands::decide::publicity_preview,
            commands::decide::open_publicity,
            commands::decide::publicity,
            commands::decide::add_objection,
            commands::decide::resolve_objection,
            commands::decide::close_publicity,
            commands::decide::publish,
            commands::documents::export_document,
            commands::documents::open_export_folder,
            commands::documents::audit_log,
            commands::records::audit_verify,
            commands::records::backup_now,
            commands::records::backups,
            commands::records::set_backups_kept,
            commands::records::restore_backup,
            commands::records::restore_from_file,
            commands::records::check_backup,
            commands::records::check_file,
            commands::review::assignments,
            commands::review::scoring_sheet,
            commands::review::save_draft,
            commands::review::submit_sheet,
            commands::exceptions::close_review,
            commands::exceptions::replace_expert,
            commands::exceptions::withdraw_dossier,
            commands::exceptions::calendar_year,
            commands::exceptions::preview_holiday_notice,
            commands::exceptions::import_holiday_notice,
            commands::exchange::export_review_package,
            commands::exchange::export_score_return,
            commands::exchange::export_dossier_file,
            commands::exchange::amend_own_dossier,
            commands::exchange::import_score_return,
            commands::exchange::import_dossier_file,
            commands::exchange::open_review_package,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("评审台无法启动：{e}");
            std::process::exit(1);
        });
}

#[cfg(test)]
mod tests {
    /// The command manifest of build.rs (what the capability allows) lists exactly the commands
    /// registered in `generate_handler!` above.
    #[test]
    fn manifest_matches_handlers() {
        let src = include_str!("lib.rs");
        let start = src.find("generate_handler![").expect("handler list");
        let end = start + src[start..].find("])").expect("end of handler list");
        let mut handlers: Vec<&str> = src[start..end]
            .split(',')
            .filter_map(|s| s.trim().rsplit("::").next())
            .map(str::trim)
            .filter(|s| !s.is_empty() && !s.contains('['))
            .collect();
        let mut manifest: Vec<&str> = env!("PINGSHEN_COMMANDS").split(',').collect();
        handlers.sort_unstable();
        manifest.sort_unstable();
        assert_eq!(handlers, manifest);
    }
}
