//! The window's session: the open database (`Desk`), who is logged in, the file last previewed
//! for import and the file last exported. One mutex: the core's connection serves one call at a
//! time, and every `Desk` write is its own transaction. At start the database is opened on a
//! thread while the web view starts (`AppState::opening`); the first call that needs the session
//! waits for it.

use crate::error::{Res, UiError};
use crate::ipc::{ActorInfo, LaunchState, RestoreDone, StartupProblem};
use pingshen_core::desk::ImportKind;
use pingshen_core::exchange::ExchangeKind;
use pingshen_core::export::pdf::PdfExporter;
use pingshen_core::{msg, t};
use pingshen_core::{units, Actor, Desk, Role};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::thread::JoinHandle;

/// A file shown in the import preview: only it can be imported, and only unchanged.
pub struct Previewed {
    pub kind: ImportKind,
    pub path: PathBuf,
    pub fingerprint: (u64, Option<std::time::SystemTime>),
}

/// An exchange file shown in its preview (a score return, or a dossier file with the day it was
/// received): only it can be imported, only unchanged since (its SHA-256), with that day.
pub struct ExchangePreviewed {
    pub kind: ExchangeKind,
    pub path: PathBuf,
    pub sha256: String,
    pub received_on: Option<chrono::NaiveDate>,
}

pub struct Session {
    pub desk: Desk,
    pub actor: Option<Actor>,
    pub previewed: Option<Previewed>,
    pub exchange_previewed: Option<ExchangePreviewed>,
    /// The holiday notice last shown (path, fingerprint): only it can be imported, unchanged.
    pub notice: Option<(PathBuf, (u64, Option<std::time::SystemTime>))>,
    pub last_export: Option<PathBuf>,
    /// The year the window works on, chosen in the header's switcher (None: the newest). Every
    /// command that names a year acts on this one.
    pub year: Option<i32>,
    /// Set when the database could not be opened at start: `desk` is then an empty in-memory
    /// stand-in, and nothing that would write a year into it is allowed.
    pub problem: Option<StartupProblem>,
    /// A `.pingshen` file the app was started with or handed by a second launch, not yet taken
    /// by the dialog for its kind (`exchange::opened_file`).
    pub opened_file: Option<PathBuf>,
}

impl Session {
    fn new(desk: Desk, problem: Option<StartupProblem>) -> Session {
        Session {
            desk,
            actor: None,
            previewed: None,
            exchange_previewed: None,
            notice: None,
            last_export: None,
            year: None,
            problem,
            opened_file: None,
        }
    }

    /// Refused while the start's database could not be opened: the stand-in holds nothing.
    pub fn require_database(&self) -> Res<()> {
        match &self.problem {
            Some(p) => Err(UiError::new("db", t!(msg::UI_DB_NOT_OPENED, path = p.db_path.as_str()))),
            None => Ok(()),
        }
    }
}

/// The start's database being opened on its thread: its path and the thread.
type Opening = (PathBuf, JoinHandle<Res<Session>>);

pub struct AppState {
    /// Set at once by `open`; by `opening`, from its thread when the session is first needed.
    session: OnceLock<Mutex<Session>>,
    opening: Mutex<Option<Opening>>,
    /// Fonts and the issuing body for PDFs.
    pub assets: PathBuf,
    pdf: OnceLock<PdfExporter>,
}

pub fn fingerprint(path: &Path) -> Res<(u64, Option<std::time::SystemTime>)> {
    let m = std::fs::metadata(path)
        .map_err(|e| UiError::new("io", t!(msg::UI_CANNOT_READ, path = path.display(), detail = e.to_string())))?;
    Ok((m.len(), m.modified().ok()))
}

/// The session of a start on `db`. A database that cannot be opened (not a Pingshen file,
/// damaged, from a newer version, not readable) does not stop the app: the window opens on an
/// empty stand-in and shows the problem, with a retry and the choice of another file.
fn open_or_explain_session(db: &Path) -> Res<Session> {
    match Desk::open(db) {
        Ok(desk) => Ok(Session::new(desk, None)),
        Err(e) => explained(db, e.to_string()),
    }
}

/// The in-memory stand-in with the problem the launch page shows.
fn explained(db: &Path, message: String) -> Res<Session> {
    let problem = StartupProblem { db_path: db.display().to_string(), message };
    Ok(Session::new(Desk::open_in_memory()?, Some(problem)))
}

impl AppState {
    pub fn open(db: &Path, assets: PathBuf) -> Res<AppState> {
        let desk = Desk::open(db)?;
        Ok(AppState::with(Session::new(desk, None), assets))
    }

    /// Starts opening `db` (a file that cannot be opened leaves the stand-in and its problem, see
    /// `open_or_explain_session`; with the `.pingshen` file the app was
    /// started with) on a thread and returns at once: the window's web view starts meanwhile.
    /// `then` runs on that thread once the database is open (the window title, a trace).
    pub fn opening(
        db: PathBuf,
        assets: PathBuf,
        opened_file: Option<PathBuf>,
        then: impl FnOnce(&Session) + Send + 'static,
    ) -> AppState {
        let path = db.clone();
        let thread = std::thread::spawn(move || {
            let mut s = open_or_explain_session(&path)?;
            s.opened_file = opened_file;
            then(&s);
            Ok(s)
        });
        AppState { session: OnceLock::new(), opening: Mutex::new(Some((db, thread))), assets, pdf: OnceLock::new() }
    }

    fn with(session: Session, assets: PathBuf) -> AppState {
        let session = OnceLock::from(Mutex::new(session));
        AppState { session, opening: Mutex::new(None), assets, pdf: OnceLock::new() }
    }

    /// The session, waiting for the start's thread the first time (callers meanwhile wait too).
    fn session(&self) -> &Mutex<Session> {
        self.session.get_or_init(|| {
            let opening = self.opening.lock().unwrap_or_else(|p| p.into_inner()).take();
            let session = match opening {
                Some((db, thread)) => match thread.join() {
                    Ok(Ok(s)) => Ok(s),
                    Ok(Err(e)) => explained(&db, e.message),
                    Err(_) => explained(&db, "打开数据库时程序出错，请点「重试」".to_string()),
                },
                None => Desk::open_in_memory().map(|d| Session::new(d, None)).map_err(Into::into),
            };
            // an in-memory database that cannot be made: nothing the window could do without one
            Mutex::new(session.unwrap_or_else(|e| panic!("评审台无法启动：{}", e.message)))
        })
    }

    /// Tries the start's database again (e.g. once another program let it go).
    pub fn retry_open(&self) -> Res<()> {
        let path = match &self.lock().problem {
            Some(p) => PathBuf::from(&p.db_path),
            None => return Ok(()),
        };
        match Desk::open(&path) {
            Ok(desk) => {
                *self.lock() = Session::new(desk, None);
                Ok(())
            }
            Err(e) => {
                let message = e.to_string();
                self.lock().problem = Some(StartupProblem { db_path: path.display().to_string(), message });
                Err(e.into())
            }
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Session> {
        // A panic while holding the lock cannot leave the database half-written (every write is
        // one transaction), so a poisoned lock is safe to take over.
        self.session().lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` with the desk and the logged-in user; refused when nobody is logged in.
    pub fn act<T>(&self, f: impl FnOnce(&Desk, &Actor) -> pingshen_core::Result<T>) -> Res<T> {
        let s = self.lock();
        let actor = s.actor.as_ref().ok_or_else(UiError::no_session)?;
        Ok(f(&s.desk, actor)?)
    }

    /// Like `act`, with the session's year (`Session::year`) for the methods that name one.
    pub fn act_in<T>(&self, f: impl FnOnce(&Desk, &Actor, Option<i32>) -> pingshen_core::Result<T>) -> Res<T> {
        let s = self.lock();
        let actor = s.actor.as_ref().ok_or_else(UiError::no_session)?;
        Ok(f(&s.desk, actor, s.year)?)
    }

    /// Like `act`, with the whole session (for commands that also keep a file in it).
    pub fn with_session<T>(&self, f: impl FnOnce(&mut Session) -> Res<T>) -> Res<T> {
        let mut s = self.lock();
        if s.actor.is_none() {
            return Err(UiError::no_session());
        }
        f(&mut s)
    }

    /// The PDF exporter, loaded (fonts, issuer) on first use.
    pub fn pdf(&self) -> Res<&PdfExporter> {
        if let Some(p) = self.pdf.get() {
            return Ok(p);
        }
        let p = PdfExporter::load(&self.assets)?;
        Ok(self.pdf.get_or_init(|| p))
    }

    /// Replaces the open database (a new file chosen, or a fresh demo); logs out.
    pub fn reopen(&self, db: &Path) -> Res<()> {
        let desk = Desk::open(db)?;
        let mut s = self.lock();
        *s = Session::new(desk, None);
        Ok(())
    }

    /// Restores `from` over the open database: the desk is closed meanwhile (an in-memory one
    /// stands in), then the file — restored, or as it was if the restore was refused — is opened
    /// again. The local secretariat stays signed in where the restored file still allows it;
    /// anyone else signs in again (accounts may differ in the restored file).
    pub fn restore(&self, from: &Path) -> Res<RestoreDone> {
        let mut s = self.lock();
        let actor = s.actor.clone().ok_or_else(UiError::no_session)?;
        let current =
            s.desk.path().map(Path::to_path_buf).ok_or_else(|| UiError::new("rule", t!(msg::UI_MEMORY_NO_RESTORE)))?;
        s.desk = Desk::open_in_memory()?;
        let restored = Desk::restore(&actor, &current, from);
        s.desk = Desk::open(&current)?;
        let restored = restored?;
        let keep = actor.user_id().is_none() && !s.desk.has_accounts(Role::Secretariat)?;
        s.year = None;
        s.actor = keep.then_some(actor);
        (s.previewed, s.notice, s.exchange_previewed) = (None, None, None);
        Ok(RestoreDone { restored, signed_out: !keep })
    }

    pub fn launch_state(&self) -> Res<LaunchState> {
        let s = self.lock();
        launch_state_of(&s)
    }
}

pub fn launch_state_of(s: &Session) -> Res<LaunchState> {
    let years = s.desk.years()?;
    // the session's year (while the database still holds it: a restore may not), or the newest
    // (`years` lists the newest first)
    let campaign = match s.year.filter(|y| years.contains(y)).or(years.first().copied()) {
        Some(y) => Some(s.desk.campaign(Some(y))?),
        None => None,
    };
    // the years the switcher offers: those the signed-in user may open
    let year_list = match &s.actor {
        Some(a) => s.desk.years_of(a)?,
        None => s.desk.year_list()?,
    };
    let actor = s.actor.as_ref().map(|a| ActorInfo {
        login: a.login().to_string(),
        name: a.name().to_string(),
        role: a.role(),
        unit_code: a.unit_code().map(str::to_string),
        unit_name: a.unit_code().and_then(units::by_code).map(|u| u.full_name.clone()),
    });
    Ok(LaunchState {
        db_path: s.desk.path().map(|p| p.display().to_string()).unwrap_or_default(),
        demo_available: years.is_empty() && s.problem.is_none(),
        years,
        year_list,
        campaign,
        actor,
        local_login_allowed: s.desk.local_login().is_ok(),
        holds_package: s.desk.held_package()?.is_some(),
        applicant_unit: s.desk.applicant_unit()?,
        problem: s.problem.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn assets() -> PathBuf {
        pingshen_core::export::layout::assets_dir()
    }

    #[test]
    fn the_start_opens_the_database_on_its_thread_and_keeps_the_opened_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("评审 数据.db");
        let file = dir.path().join("2014年度 评审材料包.pingshen");
        let (told, heard) = mpsc::channel();
        let st = AppState::opening(db.clone(), assets(), Some(file.clone()), move |s| {
            told.send(s.desk.path().map(Path::to_path_buf)).expect("told");
        });
        // told from the thread once the file is open, before anyone asked for the session
        assert_eq!(heard.recv().expect("the thread ran"), Some(db.clone()));
        let s = st.lock();
        assert!(s.problem.is_none() && s.require_database().is_ok());
        assert_eq!(s.opened_file, Some(file));
        assert_eq!(s.desk.path(), Some(db.as_path()));
        drop(s);
        // the session is the same on every later call (the thread is joined once)
        st.lock().year = Some(2014);
        assert_eq!(st.lock().year, Some(2014));
    }

    #[test]
    fn a_database_that_cannot_be_opened_at_start_is_explained_on_the_launch_page() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("不是数据库.db");
        std::fs::write(&db, "这不是评审台的数据库文件，只是一段文字。".repeat(200)).expect("write");
        let st = AppState::opening(db.clone(), assets(), None, |_| {});
        let state = st.launch_state().expect("the stand-in answers");
        let problem = state.problem.expect("the problem is shown");
        assert_eq!(problem.db_path, db.display().to_string());
        assert!(!problem.message.is_empty());
        assert!(!state.demo_available, "nothing is written into the stand-in");
        assert!(st.lock().require_database().is_err());
        // the file itself is left as it was
        assert!(std::fs::read_to_string(&db).expect("read").starts_with("这不是评审台"));
    }
}
