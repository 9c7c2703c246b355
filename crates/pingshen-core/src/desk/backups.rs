//! Backups beside the database: by hand (「<name>-备份-时间.db」), automatically before every stage
//! change (「<name>-自动备份-时间-事件.db」, the last N kept), listed with the log head each one
//! carries, and restored with every check a restore needs.

use super::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::store::open_foreign;
use crate::store::{self, AuditHead};
use crate::t;
use crate::text::catalog::msg;
use crate::workflow::{Stage, StageEvent};
use crate::AuditAction;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How many automatic backups are kept when the setting was never changed.
pub const DEFAULT_BACKUPS_KEPT: u32 = 10;
const AUTO: &str = "自动备份";
const MANUAL: &str = "备份";
const BEFORE_RESTORE: &str = "恢复前";

/// An automatic backup taken for the action under way, not yet in the log.
#[derive(Debug, Clone)]
pub(crate) struct BackupNote {
    actor: String,
    file: PathBuf,
    before: String,
}

impl BackupNote {
    /// The log entry, written in the action's own transaction.
    pub(super) fn record(&self, tx: &rusqlite::Transaction) -> Result<()> {
        store::audit(
            tx,
            &self.actor,
            AuditAction::BackupAuto,
            &format!("file:{}", self.file.display()),
            &serde_json::json!({ "before": self.before }),
        )
    }
}

/// Held while the action that asked for an automatic backup runs. When it is dropped and the
/// action wrote nothing (it was refused), the backup file is removed again.
#[must_use = "hold the guard until the action's write is done"]
pub(crate) struct BackupGuard<'a> {
    desk: &'a Desk,
}

impl Drop for BackupGuard<'_> {
    fn drop(&mut self) {
        if let Some(n) = self.desk.backup_note.borrow_mut().take() {
            let _ = std::fs::remove_file(&n.file);
        }
    }
}

/// A backup file in the database's folder.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct BackupFile {
    pub path: String,
    pub file_name: String,
    /// 「自动备份」「备份」「恢复前」
    pub kind: String,
    pub bytes: u64,
    /// The log head the backup carries (None if it cannot be read).
    pub head: Option<AuditHead>,
}

/// What a restore did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Restored {
    pub from: String,
    pub head: AuditHead,
    /// Where the database as it was before the restore was kept (None if there was none).
    pub previous_kept_at: Option<String>,
}

fn stem_and_dir(db: &Path) -> (String, PathBuf) {
    // a bare file name (`--db y.db`) lives in the current folder
    let dir =
        db.parent().filter(|p| !p.as_os_str().is_empty()).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    let stem = db.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "pingshen".into());
    (stem, dir)
}

/// A new file name 「<stem>-<kind>-YYYYMMDD-HHMMSS[-label].db」 that does not exist yet.
fn fresh_name(db: &Path, kind: &str, label: &str) -> PathBuf {
    let (stem, dir) = stem_and_dir(db);
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let label = if label.is_empty() { String::new() } else { format!("-{label}") };
    let mut out = dir.join(format!("{stem}-{kind}-{stamp}{label}.db"));
    let mut n = 2;
    while out.exists() || out.with_extension("part").exists() {
        out = dir.join(format!("{stem}-{kind}-{stamp}{label}-{n}.db"));
        n += 1;
    }
    out
}

/// The log position a backup holds (0 when it cannot be read).
fn head_seq(p: &Path) -> i64 {
    open_foreign(p).ok().and_then(|c| store::head(&c).ok().flatten()).map(|h| h.seq).unwrap_or(0)
}

fn is_backup_of(stem: &str, name: &str, kind: &str) -> bool {
    name.starts_with(&format!("{stem}-{kind}-")) && name.ends_with(".db")
}

impl Desk {
    /// Online backup to a new file (secretariat).
    pub fn backup(&self, actor: &Actor, out: &Path) -> Result<()> {
        self.require(actor, Role::Secretariat, t!(msg::FILES_ACTION_BACKUP))?;
        store::backup(&self.conn, out)?;
        self.write(|tx| {
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::Backup,
                &format!("file:{}", out.display()),
                &serde_json::json!({}),
            )
        })
    }

    /// Backs the open database up into its own folder as 「<name>-备份-YYYYMMDD-HHMMSS.db」
    /// (never overwriting a file), and returns the path.
    pub fn backup_beside(&self, actor: &Actor) -> Result<PathBuf> {
        self.require(actor, Role::Secretariat, t!(msg::FILES_ACTION_BACKUP))?;
        let db = self.path().ok_or_else(|| Error::rule(t!(msg::FILES_MEMORY_NO_BACKUP)))?;
        let out = fresh_name(db, MANUAL, "");
        self.backup(actor, &out)?;
        Ok(out)
    }

    /// How many automatic backups are kept (setting `backups_kept`).
    pub fn backups_kept(&self) -> Result<u32> {
        let v: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = 'backups_kept'", [], |r| r.get(0))
            .optional()?;
        Ok(v.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_BACKUPS_KEPT))
    }

    /// Sets how many automatic backups are kept (1–100; secretariat).
    pub fn set_backups_kept(&self, actor: &Actor, n: u32) -> Result<()> {
        self.require(actor, Role::Secretariat, t!(msg::FILES_ACTION_SET_BACKUPS_KEPT))?;
        if !(1..=100).contains(&n) {
            return Err(Error::invalid(t!(msg::FILES_FIELD_BACKUPS_KEPT), t!(msg::FILES_KEPT_RANGE, n)));
        }
        self.write(|tx| {
            tx.execute("INSERT INTO settings (key, value) VALUES ('backups_kept', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [n.to_string()])?;
            store::audit(tx, &actor.audit_name(), AuditAction::SettingsBackupsKept, "settings", &serde_json::json!({ "kept": n }))
        })?;
        self.prune_auto_backups()
    }

    /// The automatic backup made before a stage change. A failed backup refuses the change. The
    /// backup is recorded in the log by the action's first write, and the oldest beyond the kept
    /// number are removed then; if the action is refused, the guard removes the backup again, so
    /// a refused action leaves the folder and the log as they were. An in-memory desk has nothing
    /// to back up.
    pub(crate) fn backup_before(&self, actor: &Actor, event: StageEvent) -> Result<BackupGuard<'_>> {
        let Some(db) = self.path().map(Path::to_path_buf) else { return Ok(BackupGuard { desk: self }) };
        let out = fresh_name(&db, AUTO, event.label());
        store::backup(&self.conn, &out)
            .map_err(|e| Error::rule(t!(msg::FILES_AUTO_BACKUP_FAILED, event = event.text(), detail = e.text())))?;
        *self.backup_note.borrow_mut() =
            Some(BackupNote { actor: actor.audit_name(), file: out, before: event.label().to_string() });
        Ok(BackupGuard { desk: self })
    }

    /// `backup_before` for an action that ends the review when it leaves no sheet pending: made
    /// when the review is on and at most `completes` sheets are pending (None: any number).
    pub(crate) fn backup_if_review_may_end(
        &self,
        actor: &Actor,
        year: Option<i32>,
        completes: Option<i64>,
    ) -> Result<BackupGuard<'_>> {
        // (a guard is made only where it is returned: dropping one discards the pending backup)
        let Ok(c) = super::campaign::load(&self.conn, year) else { return Ok(BackupGuard { desk: self }) };
        if c.stage != Stage::Review {
            return Ok(BackupGuard { desk: self });
        }
        let pending: i64 = self.conn.query_row(
            "SELECT count(*) FROM assignments WHERE campaign_id = ?1 AND state = 'pending'",
            [c.id],
            |r| r.get(0),
        )?;
        if completes.is_none_or(|n| pending <= n) {
            return self.backup_before(actor, StageEvent::AllScored);
        }
        Ok(BackupGuard { desk: self })
    }

    /// `backup_before` when the campaign is at `stage` (an action that changes the stage only there).
    pub(crate) fn backup_if_stage(
        &self,
        actor: &Actor,
        year: Option<i32>,
        stage: Stage,
        event: StageEvent,
    ) -> Result<BackupGuard<'_>> {
        match super::campaign::load(&self.conn, year) {
            Ok(c) if c.stage == stage => self.backup_before(actor, event),
            _ => Ok(BackupGuard { desk: self }),
        }
    }

    pub(super) fn prune_auto_backups(&self) -> Result<()> {
        let Some(db) = self.path() else { return Ok(()) };
        let keep = self.backups_kept()? as usize;
        let (stem, dir) = stem_and_dir(db);
        let files: Vec<PathBuf> =
            std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        // what an interrupted backup left (every copy is written as .part, then renamed)
        for p in &files {
            let name = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            let ours = [AUTO, MANUAL, BEFORE_RESTORE].iter().any(|k| name.starts_with(&format!("{stem}-{k}-")));
            if ours && (name.ends_with(".part") || name.ends_with(".part-journal")) {
                let _ = std::fs::remove_file(p);
            }
        }
        let mut autos: Vec<(i64, PathBuf)> = files
            .into_iter()
            .filter(|p| p.file_name().map(|n| is_backup_of(&stem, &n.to_string_lossy(), AUTO)).unwrap_or(false))
            .map(|p| (head_seq(&p), p))
            .collect();
        autos.sort(); // oldest first: by the log position each one holds, then by name
        let excess = autos.len().saturating_sub(keep);
        for (_, p) in autos.into_iter().take(excess) {
            std::fs::remove_file(&p).map_err(|e| Error::io(&p, e))?;
        }
        Ok(())
    }

    /// The backup of `list_backups` with this file name (the window picks from the list).
    pub fn find_backup(&self, actor: &Actor, file_name: &str) -> Result<PathBuf> {
        self.list_backups(actor)?
            .into_iter()
            .find(|b| b.file_name == file_name)
            .map(|b| PathBuf::from(b.path))
            .ok_or_else(|| {
                Error::invalid(t!(msg::FILES_FIELD_BACKUP_FILE), t!(msg::FILES_NO_SUCH_BACKUP, name = file_name))
            })
    }

    /// The backups in the database's folder, newest first, with the head each one carries.
    pub fn list_backups(&self, actor: &Actor) -> Result<Vec<BackupFile>> {
        self.require(actor, Role::Secretariat, t!(msg::FILES_ACTION_LIST_BACKUPS))?;
        let Some(db) = self.path() else { return Ok(Vec::new()) };
        let (stem, dir) = stem_and_dir(db);
        let mut out = Vec::new();
        for e in std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let Some(kind) = [AUTO, MANUAL, BEFORE_RESTORE].into_iter().find(|k| is_backup_of(&stem, &name, k)) else {
                continue;
            };
            let head = open_foreign(&e.path()).ok().and_then(|c| store::head(&c).ok().flatten());
            out.push(BackupFile {
                path: e.path().display().to_string(),
                file_name: name.clone(),
                kind: kind.into(),
                bytes: e.metadata().map(|m| m.len()).unwrap_or(0),
                head,
            });
        }
        out.sort_by(|a, b| {
            (b.head.as_ref().map(|h| h.seq), &b.file_name).cmp(&(a.head.as_ref().map(|h| h.seq), &a.file_name))
        });
        Ok(out)
    }

    /// Replaces the database at `current` with the backup `from`, after checking that `from` is a
    /// Pingshen database of this or an older version, passes `integrity_check` and `audit verify`.
    /// The current file is kept beside as 「<name>-恢复前-时间.db」 first; the restore is recorded in
    /// the restored database's log. No desk may hold `current` open meanwhile.
    pub fn restore(actor: &Actor, current: &Path, from: &Path) -> Result<Restored> {
        actor.require(Role::Secretariat, t!(msg::FILES_ACTION_RESTORE))?;
        let field = || t!(msg::FILES_FIELD_BACKUP_FILE);
        let src = open_foreign(from)?;
        let version: i64 = src.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version as usize > store::schema_version() {
            return Err(Error::invalid(
                field(),
                t!(msg::FILES_BACKUP_NEWER, path = from.display(), version, known = store::schema_version()),
            ));
        }
        let integrity: String =
            src.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap_or_else(|e| e.to_string());
        if integrity != "ok" {
            return Err(Error::invalid(
                field(),
                t!(msg::FILES_BACKUP_DAMAGED, path = from.display(), detail = integrity),
            ));
        }
        // a working copy beside the database, checked before anything is replaced
        let staging = fresh_name(current, "恢复中", "").with_extension("part");
        let _ = std::fs::remove_file(&staging);
        copy_db(&src, &staging)?;
        drop(src);
        let checked = Desk::open(&staging).and_then(|d| {
            let c = d.audit_check()?;
            if !c.ok() {
                let m: Vec<String> = c.findings.iter().take(3).map(|f| f.message.clone()).collect();
                return Err(Error::invalid(
                    field(),
                    t!(msg::FILES_BACKUP_LOG_BROKEN, path = from.display(), findings = m.join("；")),
                ));
            }
            Ok(d)
        });
        let restored = match checked {
            Ok(d) => d,
            Err(e) => {
                remove_db_files(&staging);
                return Err(e);
            }
        };
        let previous = if current.exists() { Some(keep_current(current)?) } else { None };
        let head = restored.audit_head()?.ok_or_else(|| Error::invalid(field(), t!(msg::FILES_BACKUP_NO_LOG)))?;
        restored.write(|tx| {
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::Restore,
                &format!("file:{}", from.display()),
                &serde_json::json!({
                    "from": from.display().to_string(), "from_head": head.to_string(),
                    "previous_kept_at": previous.as_ref().map(|p| p.display().to_string()),
                }),
            )
        })?;
        drop(restored); // the last connection: the WAL is checkpointed into the file
        remove_db_files(current);
        std::fs::rename(&staging, current).map_err(|e| {
            remove_db_files(&staging);
            replace_refused(current, e)
        })?;
        Ok(Restored {
            from: from.display().to_string(),
            head,
            previous_kept_at: previous.map(|p| p.display().to_string()),
        })
    }
}

/// Windows does not replace a file another program holds open (another window or a `pingshen`
/// command on the same database): say so, instead of the system's bare code.
fn replace_refused(current: &Path, e: std::io::Error) -> Error {
    // ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
    let locked = e.kind() == std::io::ErrorKind::PermissionDenied || matches!(e.raw_os_error(), Some(5 | 32 | 33));
    if cfg!(windows) && locked {
        Error::invalid(t!(msg::FILES_FIELD_DB_FILE), t!(msg::FILES_DB_LOCKED, path = current.display()))
    } else {
        Error::io(current, e)
    }
}

/// Copies a database through the backup API (consistent, whatever its journal state).
fn copy_db(src: &Connection, out: &Path) -> Result<()> {
    let mut dst = Connection::open(out).map_err(|e| {
        Error::invalid(
            t!(msg::FILES_FIELD_BACKUP_FILE),
            t!(msg::FILES_CANNOT_CREATE, path = out.display(), detail = e.to_string()),
        )
    })?;
    {
        let b = rusqlite::backup::Backup::new(src, &mut dst)?;
        b.run_to_completion(256, std::time::Duration::ZERO, None)?;
    }
    dst.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    Ok(())
}

/// Keeps the database about to be replaced as 「<name>-恢复前-时间.db」; a file SQLite cannot read
/// any more is copied byte for byte.
fn keep_current(current: &Path) -> Result<PathBuf> {
    let out = fresh_name(current, BEFORE_RESTORE, "");
    let by_api = Connection::open(current).map_err(Error::from).and_then(|c| copy_db(&c, &out));
    if by_api.is_err() {
        let _ = std::fs::remove_file(&out);
        std::fs::copy(current, &out).map_err(|e| Error::io(&out, e))?;
    }
    Ok(out)
}

fn remove_db_files(db: &Path) {
    let _ = std::fs::remove_file(db);
    for ext in ["-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(ext);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}
