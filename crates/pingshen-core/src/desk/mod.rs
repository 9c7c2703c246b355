//! `Desk`: the service API. Every use case is one method taking the acting user; roles are
//! enforced here, not in a UI; every write is one SQLite transaction that also appends to the
//! hash-chained audit log.

mod access;
mod allocation;
mod archive;
mod audit;
mod audit_against;
mod backups;
mod calendar;
mod campaign;
mod dossiers;
mod draw;
mod exceptions;
mod exchange_dossier;
mod exchange_keys;
mod exchange_package;
mod exchange_preview;
mod exchange_return;
mod explain;
mod files;
mod funding;
mod history;
mod invitations;
mod letters;
mod matrix;
mod meeting;
mod meeting_agenda;
mod overview;
mod panel;
mod pledge;
mod preview;
mod publicity;
mod ranking;
mod results;
mod review_end;
mod robustness;
mod rows;
mod score_import;
mod score_sheet;
mod seal;
mod session;
mod sheet;
mod years;
mod yoy;

pub use allocation::AdjustmentUndone;
pub use archive::{
    read_archive, ArchiveMade, ArchiveManifest, ArchiveRead, ManifestFile, ARCHIVE_FORMAT, MANIFEST_NAME,
};
pub use audit::AuditCheck;
pub use audit_against::HeadReached;
pub use backups::{BackupFile, Restored, DEFAULT_BACKUPS_KEPT};
pub use calendar::{CalendarImport, CalendarYear};
pub use campaign::Campaign;
pub use dossiers::{Attachment, Decision, Dossier, ImportReport, RecommendOutcome, Recommendation};
pub use draw::{AssignmentView, DrawReport, RepeatedPair};
pub use exceptions::{Replacement, ReviewClosed, UnreturnedSheet, Withdrawal};
pub use exchange_dossier::DossierFileImport;
pub use exchange_package::{PackageInfo, MIN_PASSPHRASE};
pub use exchange_preview::{DossierFilePreview, PreviewAttachment, ReturnPreview, ReturnSheetPreview, SheetBefore};
pub use exchange_return::ReturnImport;
pub use explain::{AutoExplained, CriterionRow, ExplainedTotal, Explanation};
pub use funding::{FundingLine, FundingTable, NotPassed};
pub use invitations::{Invitation, Invitations};
pub use letters::{
    comment_order, fresh_seed, DossierFeedback, FeedbackLetter, FeedbackLetters, LetterComment, LetterCriterion,
    LetterKind, ReturnNotice,
};
pub use matrix::{
    AssignmentMatrix, CriterionAverage, ExpertStat, MatrixCell, MatrixDossier, MatrixExpert, ReviewStats,
};
pub use meeting::{MeetingSettings, VoteCounts};
pub use meeting_agenda::{AgendaItem, ItemVote, MeetingView, Recused};
pub use overview::{AuditQuery, DossierDetail, Overview, OverviewCounts, OverviewStep, RatioView, Todo};
pub use panel::{ExpertView, ImportSummary};
pub use pledge::{
    default_text as default_pledge_text, Pledge, PledgeAcceptance, PledgeKind, PledgeStatus, PledgeText,
    SIGNATURE_LINE as PLEDGE_SIGNATURE_LINE,
};
pub use preview::{ImportKind, ImportPreview, PreviewRow};
pub use publicity::{Objection, PublicityInfo, PublicityRow};
pub use ranking::{
    previous_cell, previous_cell_lines, ExpertTotal, HistoryEntry, MeetingDecision, ResultRow, Results, FIRST_TIME,
};
pub use robustness::{AwardRobustness, FundedBasis, RankRangeRow, RobustnessFlip, RobustnessReport, RobustnessVariant};
pub use rows::yoy::{YoyCheck, YoyReport, YoyVerified};
pub use score_sheet::SheetScore;
pub use seal::{decode_seal, SealImage, SealInfo, SEAL_MAX_BYTES};
pub use sheet::{PublicityPreview, ScoringItem, ScoringSheet, SheetView, SkippedDay};
pub use years::{CarriedOver, YearInfo};

use crate::error::{Error, Result};
use crate::store;
use crate::store::record;
use crate::text::Text;
use crate::AuditAction;
use crate::{msg, t};
use argon2::password_hash::{PasswordHasher, SaltString};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 秘书处
    Secretariat,
    /// 评审专家
    Expert,
    /// 申报单位
    Applicant,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Secretariat => "secretariat",
            Role::Expert => "expert",
            Role::Applicant => "applicant",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Role::Secretariat => "秘书处",
            Role::Expert => "评审专家",
            Role::Applicant => "申报单位",
        }
    }
    pub(crate) fn from_code(s: &str) -> Option<Role> {
        match s {
            "secretariat" => Some(Role::Secretariat),
            "expert" => Some(Role::Expert),
            "applicant" => Some(Role::Applicant),
            _ => None,
        }
    }
}

/// The acting user. Only `Desk::login` and `Desk::local_secretariat` make one, so a caller cannot
/// forge a role.
#[derive(Debug, Clone, Serialize)]
pub struct Actor {
    user_id: Option<i64>,
    login: String,
    name: String,
    role: Role,
    unit_code: Option<String>,
}

impl Actor {
    /// The user's account (None: the local secretariat, signed in without one).
    pub fn user_id(&self) -> Option<i64> {
        self.user_id
    }
    pub fn role(&self) -> Role {
        self.role
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn login(&self) -> &str {
        &self.login
    }
    pub fn unit_code(&self) -> Option<&str> {
        self.unit_code.as_deref()
    }
    /// How the audit log names this actor.
    pub(crate) fn audit_name(&self) -> String {
        if self.name == self.role.label() {
            self.name.clone()
        } else {
            format!("{}（{}）", self.name, self.role.label())
        }
    }
    fn require(&self, role: Role, what: Text) -> Result<()> {
        if self.role != role {
            return Err(Error::forbidden(t!(
                msg::YEAR_ROLE_ONLY,
                what,
                role = role.text(),
                name = self.name.as_str(),
                actor_role = self.role.text()
            )));
        }
        Ok(())
    }
}

/// Inserts a user inside the caller's transaction (the login must be free).
pub(crate) fn insert_user(
    tx: &Transaction,
    actor: &Actor,
    login: &str,
    display_name: &str,
    role: Role,
    hash: &str,
    unit_code: Option<&str>,
) -> Result<i64> {
    let exists: bool =
        tx.query_row("SELECT count(*) FROM users WHERE login = ?1", [login], |r| r.get::<_, i64>(0))? > 0;
    if exists {
        return Err(Error::invalid(t!(msg::YEAR_FIELD_LOGIN), t!(msg::YEAR_LOGIN_TAKEN, login)));
    }
    tx.execute(
        "INSERT INTO users (login, display_name, role, password_hash, unit_code, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![login, display_name, role.code(), hash, unit_code, store::now_utc()],
    )?;
    let id = tx.last_insert_rowid();
    store::audit(
        tx,
        &actor.audit_name(),
        AuditAction::UserCreate,
        &format!("user:{id}"),
        &serde_json::json!({"login": login, "role": role.code(), "unit": unit_code}),
    )?;
    Ok(id)
}

/// Replaces a user's password hash inside the caller's transaction.
pub(crate) fn update_password(tx: &Transaction, actor: &Actor, login: &str, hash: &str) -> Result<()> {
    let n = tx.execute("UPDATE users SET password_hash = ?1 WHERE login = ?2", params![hash, login])?;
    access::clear_failures(tx, login)?;
    if n == 0 {
        return Err(Error::not_found(t!(msg::YEAR_WHAT_USER), login));
    }
    store::audit(tx, &actor.audit_name(), AuditAction::UserPassword, &format!("login:{login}"), &serde_json::json!({}))
}

pub struct Desk {
    /// The WAL checkpoint on a thread of its own (a file database only); first, so that its drop
    /// waits for that thread before the connection closes.
    checkpoint: Option<store::checkpoint::Checkpointer>,
    conn: Connection,
    path: Option<PathBuf>,
    /// The automatic backup taken for the action under way, recorded by its first write.
    backup_note: std::cell::RefCell<Option<backups::BackupNote>>,
    /// Refusals met inside a transaction (rolled back): logged once it has ended.
    denials: std::cell::RefCell<Vec<access::Denial>>,
}

/// The texts joined by `sep` (`YEAR_JOIN`: 「、」, `YEAR_JOIN_SEMI`: 「；」); None when there are none.
pub(crate) fn joined(items: Vec<Text>, sep: &'static crate::text::Msg) -> Option<Text> {
    items.into_iter().rev().reduce(|rest, first| t!(*sep, first, rest))
}

pub(crate) fn json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

impl Desk {
    /// Opens (creating if needed) the database at `path` and runs pending migrations.
    pub fn open(path: &Path) -> Result<Desk> {
        Desk::with_conn(store::open(path)?, Some(path.to_path_buf()))
    }

    pub fn open_in_memory() -> Result<Desk> {
        Desk::with_conn(store::open_in_memory()?, None)
    }

    /// A desk over an open, migrated connection: installs the row record's TEMP triggers and, the
    /// first time, records every row as it stands (store/record.rs).
    pub(crate) fn with_conn(conn: Connection, path: Option<PathBuf>) -> Result<Desk> {
        record::install(&conn)?;
        store::year_lock::install(&conn)?;
        let checkpoint = path.clone().map(|p| store::checkpoint::Checkpointer::install(&conn, p));
        let desk = Desk { checkpoint, conn, path, backup_note: Default::default(), denials: Default::default() };
        let schema = store::schema_version().to_string();
        let since: Option<String> = desk
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'rows_recorded_schema'", [], |r| r.get(0))
            .optional()?;
        if since.as_deref() != Some(schema.as_str()) {
            // first open by this version (or after a migration that may have added columns)
            desk.write_as(AuditAction::RecordBaseline, |tx| {
                tx.execute("INSERT INTO meta (key, value) VALUES ('rows_recorded_schema', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [&schema])?;
                record::touch_all(tx)
            })?;
        }
        Ok(desk)
    }

    /// A throw-away in-memory copy of this database, for a preview that runs the real use case
    /// and reads back what it did (preview.rs, exchange_preview.rs). The copy has no path, so
    /// nothing it does reaches a file: no automatic backup (`backup_before` makes none without a
    /// path), and its log and rows are dropped with it.
    pub(crate) fn scratch_copy(&self) -> Result<Desk> {
        let mut mem = Connection::open_in_memory()?;
        {
            let b = rusqlite::backup::Backup::new(&self.conn, &mut mem)?;
            b.run_to_completion(4096, std::time::Duration::ZERO, None)?;
        }
        mem.execute_batch("PRAGMA foreign_keys = ON;")?;
        Desk::with_conn(mem, None)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Waits for the background WAL checkpoint a write may have started (store/checkpoint.rs).
    /// For the benchmark only, which reports it apart.
    #[doc(hidden)]
    pub fn bench_wait_checkpoint(&self) {
        if let Some(c) = &self.checkpoint {
            c.wait();
        }
    }

    /// Read access to the connection for exports and benchmarks (never for writes).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The secretariat working at its own machine (the CLI and the local desktop session).
    pub fn local_secretariat(&self) -> Actor {
        Actor {
            user_id: None,
            login: "secretariat".into(),
            name: "秘书处".into(),
            role: Role::Secretariat,
            unit_code: None,
        }
    }

    /// Runs `f` in one immediate transaction; commits only if it returns Ok.
    /// Every row the transaction touched is recorded in the audit log before it commits.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.write_as(AuditAction::RecordRows, f)
    }

    fn write_as<T>(&self, record_action: AuditAction, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let r = self.write_in_tx(record_action, f);
        self.log_denials();
        r
    }

    fn write_in_tx<T>(&self, record_action: AuditAction, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        record::begin(&tx)?;
        let note = self.backup_note.borrow().clone();
        if let Some(n) = &note {
            n.record(&tx)?;
        }
        let v = f(&tx)?;
        record::capture(&tx, record_action)?;
        tx.commit()?;
        if let Some(c) = &self.checkpoint {
            c.after_commit();
        }
        if note.is_some() {
            // the action happened: its backup stays, and the oldest beyond the kept number go
            self.backup_note.borrow_mut().take();
            // the action is committed: a folder that cannot be tidied must not report it failed
            let _ = self.prune_auto_backups();
        }
        Ok(v)
    }

    pub(crate) fn hash_password(password: &str) -> Result<String> {
        if password.chars().count() < 8 {
            return Err(Error::invalid(t!(msg::YEAR_FIELD_PASSWORD), t!(msg::YEAR_PASSWORD_SHORT)));
        }
        // a random salt from the operating system
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        Ok(access::password_hasher()
            .hash_password(password.as_bytes(), &salt)
            .map_err(|e| Error::other(t!(msg::YEAR_PASSWORD_HASH_FAILED, detail = e.to_string())))?
            .to_string())
    }

    /// Creates a user (secretariat only). Passwords are stored as argon2 hashes.
    pub fn create_user(
        &self,
        actor: &Actor,
        login: &str,
        display_name: &str,
        role: Role,
        password: &str,
        unit: Option<&str>,
    ) -> Result<i64> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_CREATE_USER))?;
        let login = login.trim();
        if login.is_empty() {
            return Err(Error::invalid(t!(msg::YEAR_FIELD_LOGIN), t!(msg::INPUT_REQUIRED)));
        }
        let unit_code = match (role, unit) {
            (Role::Applicant, Some(u)) => {
                Some(crate::rules::check_eligible(t!(msg::YEAR_FIELD_APPLICANT), u)?.code.clone())
            }
            (Role::Applicant, None) => {
                return Err(Error::invalid(t!(msg::YEAR_FIELD_APPLICANT), t!(msg::YEAR_APPLICANT_NEEDS_UNIT)))
            }
            _ => None,
        };
        let hash = Self::hash_password(password)?;
        self.write(|tx| insert_user(tx, actor, login, display_name, role, &hash, unit_code.as_deref()))
    }

    /// Sets a user's password (secretariat, or the user for themself).
    pub fn set_password(&self, actor: &Actor, login: &str, password: &str) -> Result<()> {
        if actor.role != Role::Secretariat && actor.login != login {
            return Err(self.deny(actor, t!(msg::YEAR_OWN_PASSWORD_ONLY)));
        }
        let hash = Self::hash_password(password)?;
        self.write(|tx| update_password(tx, actor, login, &hash))
    }
}

impl Role {
    /// The role's name as a text.
    pub fn text(self) -> crate::Text {
        match self {
            Role::Secretariat => crate::t!(crate::msg::ROLE_SECRETARIAT),
            Role::Expert => crate::t!(crate::msg::ROLE_EXPERT),
            Role::Applicant => crate::t!(crate::msg::ROLE_APPLICANT),
        }
    }
}
