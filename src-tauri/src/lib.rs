//! The Pingshen window (Tauri 2): the session state, the commands that delegate to `Desk`, the
//! file dialogs. The page is the Vue front end in `ui/`, embedded in the binary.

pub mod bindings;
pub mod commands;
pub mod dialogs;
pub mod error;
#[cfg(target_os = "linux")]
mod graphics;
pub mod ipc;
pub mod launch;
pub mod state;

use error::{Res, UiError};
use pingshen_core::{msg, t};
use state::AppState;
use std::path::{Path, PathBuf};
use tauri::{Emitter, Manager};
use tauri_plugin_opener::OpenerExt;

/// The database: `PINGSHEN_DB` if set (tests); with `--portable` (or `portable.txt` beside the
/// program, as in the portable zip) `pingshen.db` beside the program; else `pingshen.db` in the
/// app's data directory (on Windows under `%APPDATA%`, on Linux under `~/.local/share`).
fn database_path(app: &tauri::App, given: &launch::LaunchArgs) -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("PINGSHEN_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let exe = std::env::current_exe().map_err(|e| format!("无法确定程序所在文件夹：{e}"))?;
    if launch::is_portable(given, &exe) {
        return launch::portable_database(&exe).ok_or_else(|| "无法确定程序所在文件夹".to_string());
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
        .map_err(|e| UiError::new("io", t!(msg::UI_CANNOT_OPEN, path = path.display(), detail = e.to_string())))
}

/// `PINGSHEN_STARTUP_TRACE=1` (the start-up benchmark, tests/e2e/bench_window.py): one line on
/// stderr per start-up step, `PINGSHEN_STARTUP <step> <ms since the epoch>`.
pub(crate) fn startup_trace(step: &str) {
    if std::env::var_os("PINGSHEN_STARTUP_TRACE").is_some() {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0);
        eprintln!("PINGSHEN_STARTUP {step} {ms:.1}");
    }
}

/// A `.pingshen` file handed over by a second launch: kept for the page, which is told with the
/// `opened-file` event and asks `opened_file` for its kind; the window comes to the front.
fn hand_over(app: &tauri::AppHandle, args: Vec<String>, cwd: String) {
    let given = launch::parse(args.get(1..).unwrap_or_default(), Path::new(&cwd));
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
    if let (Some(file), Some(st)) = (given.file, app.try_state::<AppState>()) {
        st.lock().opened_file = Some(file);
        let _ = app.emit("opened-file", ());
    }
}

pub fn run() {
    startup_trace("run");
    #[cfg(target_os = "linux")]
    graphics::skip_unneeded_probes();
    let cwd = std::env::current_dir().unwrap_or_default();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let given = launch::parse(&args, &cwd);
    tauri::Builder::default()
        // first, so that a second launch hands its file over before anything else starts
        .plugin(tauri_plugin_single_instance::init(hand_over))
        .on_page_load(|_, p| {
            startup_trace(if p.event() == tauri::webview::PageLoadEvent::Started {
                "page-started"
            } else {
                "page-loaded"
            })
        })
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            // the window's web view is already starting (Tauri makes it before this hook): the
            // database opens on a thread meanwhile, and the first command waits for it
            let db = database_path(app, &given)?;
            let handle = app.handle().clone();
            let state = AppState::opening(db, assets_dir(app), given.file.clone(), move |s| {
                if let (Ok(s), Some(w)) = (state::launch_state_of(s), handle.get_webview_window("main")) {
                    let _ = w.set_title(&commands::session::window_title(&s));
                }
                startup_trace("database-open");
            });
            app.manage(state);
            Ok(())
        })
        // the commands listed once in build.rs (`COMMANDS`)
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handlers.rs")))
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("评审台无法启动：{e}");
            std::process::exit(1);
        });
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// The command names of build.rs's list (what the capability allows and `generate_handler!` registers).
    fn listed() -> BTreeSet<&'static str> {
        env!("PINGSHEN_COMMANDS").split(',').collect()
    }

    /// Every `#[tauri::command]` of `src/commands/` is in build.rs's list (those in the list
    /// exist, or `generate_handler!` would not compile).
    #[test]
    fn every_command_is_listed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
        let mut defined = BTreeSet::new();
        for e in std::fs::read_dir(&dir).expect("src/commands").flatten() {
            let text = std::fs::read_to_string(e.path()).expect("a command module");
            for part in text.split("#[tauri::command").skip(1) {
                let after_fn = part.split_once("fn ").expect("a command is a fn").1;
                let name: String = after_fn.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                defined.insert(name);
            }
        }
        let listed: BTreeSet<String> = listed().into_iter().map(String::from).collect();
        assert!(defined.len() > 60, "found only {} commands", defined.len());
        assert_eq!(defined, listed, "src/commands/ and build.rs's COMMANDS differ");
    }

    /// `ui/src/api/index.ts` calls exactly the listed commands (its `call('name', …)`s; the
    /// `Command` type generated from the list refuses a name not in it when the page is typechecked).
    #[test]
    fn the_page_calls_the_listed_commands() {
        let src = include_str!("../../ui/src/api/index.ts");
        let mut called = BTreeSet::new();
        // `call<T>('name'` and `call('name'`
        let typed = src.split("call<").skip(1).filter_map(|p| p.split_once(">('").filter(|(ty, _)| !ty.contains('\n')));
        let untyped = src.split("call('").skip(1).map(|p| ("", p));
        for (_, rest) in typed.chain(untyped) {
            called.insert(rest.split_once('\'').expect("a quoted name").0);
        }
        assert_eq!(called, listed(), "ui/src/api/index.ts and build.rs's COMMANDS differ");
    }
}
