//! Launch and session: the first-launch choices (demo year, new year, existing file), log in and
//! out. Each returns the new `LaunchState` and keeps the window title in step.

use crate::dialogs::{self, Filter};
use crate::error::{Res, UiError};
use crate::ipc::{LaunchState, LoginReq, PaintedReq, StartYearReq};
use crate::state::{launch_state_of, AppState};
use pingshen_core::rules::Policy;
use pingshen_core::{msg, t};
use tauri::{AppHandle, Manager, State};

/// 「评审台 · 2014年度 · 专家评审」, or 「评审台」 before a year exists.
pub fn window_title(s: &LaunchState) -> String {
    match &s.campaign {
        Some(c) => format!("评审台 · {}年度 · {}", c.year, c.stage.label()),
        None => "评审台".to_string(),
    }
}

/// Sets the native window title from the state and hands the state back.
pub fn titled(app: &AppHandle, s: LaunchState) -> LaunchState {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.set_title(&window_title(&s));
    }
    s
}

/// A screen first painted with its data: a line for the start-up benchmark
/// (`PINGSHEN_STARTUP_TRACE`, tests/e2e/bench_window.py), which has no WebDriver to read the page's
/// marks from; nothing otherwise.
#[tauri::command]
pub fn painted(req: PaintedReq) {
    crate::startup_trace(&format!("{}-painted", req.screen));
}

#[tauri::command]
pub async fn launch_state(app: AppHandle, st: State<'_, AppState>) -> Res<LaunchState> {
    Ok(titled(&app, st.launch_state()?))
}

/// Loads the 2014 demo year into the (empty) open database.
#[tauri::command]
pub async fn open_demo(app: AppHandle, st: State<'_, AppState>) -> Res<LaunchState> {
    let s = st.lock();
    s.require_database()?;
    let inputs =
        tempfile::tempdir().map_err(|e| UiError::new("io", t!(msg::UI_TEMP_FOLDER, detail = e.to_string())))?;
    pingshen_core::demo::load_demo(&s.desk, inputs.path())?;
    Ok(titled(&app, launch_state_of(&s)?))
}

#[tauri::command]
pub async fn start_year(app: AppHandle, st: State<'_, AppState>, req: StartYearReq) -> Res<LaunchState> {
    let s = st.lock();
    s.require_database()?;
    let policy = Policy {
        subsidy_budget_yuan: req.subsidy_budget_yuan.unwrap_or(Policy::default().subsidy_budget_yuan),
        ..Policy::default()
    };
    let actor = s.actor.clone().unwrap_or_else(|| s.desk.local_secretariat());
    s.desk.open_campaign_for(&actor, req.year, policy, req.applicant_unit.as_deref())?;
    Ok(titled(&app, launch_state_of(&s)?))
}

/// Opens another database file (chosen in a native dialog); logs out.
#[tauri::command]
pub async fn open_database(app: AppHandle, st: State<'_, AppState>) -> Res<LaunchState> {
    let path = dialogs::pick_file(
        &app,
        "打开评审台数据库",
        Filter { label: "评审台数据库", extensions: &["db", "sqlite", "pingshen"] },
    )?;
    st.reopen(&path)?;
    Ok(titled(&app, st.launch_state()?))
}

/// Tries the start's database again after it could not be opened.
#[tauri::command]
pub async fn retry_open(app: AppHandle, st: State<'_, AppState>) -> Res<LaunchState> {
    st.retry_open()?;
    Ok(titled(&app, st.launch_state()?))
}

#[tauri::command]
pub async fn login(app: AppHandle, st: State<'_, AppState>, req: LoginReq) -> Res<LaunchState> {
    let mut s = st.lock();
    s.require_database()?;
    let actor = s.desk.login(&req.login, &req.password)?;
    // the newest of the years this user may open
    s.year = s.desk.years_of(&actor)?.first().map(|y| y.year);
    s.actor = Some(actor);
    Ok(titled(&app, launch_state_of(&s)?))
}

/// The local secretariat on a single-user machine: no password while no secretariat account exists.
#[tauri::command]
pub async fn login_local(app: AppHandle, st: State<'_, AppState>) -> Res<LaunchState> {
    let mut s = st.lock();
    s.require_database()?;
    s.actor = Some(s.desk.local_login()?);
    Ok(titled(&app, launch_state_of(&s)?))
}

#[tauri::command]
pub async fn logout(app: AppHandle, st: State<'_, AppState>) -> Res<LaunchState> {
    let mut s = st.lock();
    s.actor = None;
    s.previewed = None;
    s.exchange_previewed = None;
    s.year = None;
    Ok(titled(&app, launch_state_of(&s)?))
}
