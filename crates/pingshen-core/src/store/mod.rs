//! The SQLite store: opening with WAL and foreign keys, numbered migrations, the hash-chained
//! append-only audit log, and online backup.

pub(crate) mod checkpoint;
mod describe;
mod foreign;
pub mod record;
pub mod tables;
pub mod year_lock;

pub(crate) use foreign::open_foreign;

use crate::error::{Error, Result};
use crate::t;
use crate::text::catalog::msg;
use crate::AuditAction;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Numbered migrations; `PRAGMA user_version` records how many have run.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../../migrations/0001_init.sql")),
    ("0002_calendar_years", include_str!("../../migrations/0002_calendar_years.sql")),
    ("0003_exchange", include_str!("../../migrations/0003_exchange.sql")),
    ("0004_records", include_str!("../../migrations/0004_records.sql")),
    ("0005_years", include_str!("../../migrations/0005_years.sql")),
    ("0006_checks", include_str!("../../migrations/0006_checks.sql")),
    ("0007_meeting", include_str!("../../migrations/0007_meeting.sql")),
    ("0008_letters", include_str!("../../migrations/0008_letters.sql")),
    ("0009_pledge", include_str!("../../migrations/0009_pledge.sql")),
];

/// How many migrations this program knows: a database with a higher `user_version` was written
/// by a newer program.
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Opens (or creates) the database file at `path` and brings it to this program's schema. A file
/// that is not SQLite, cannot be opened, or is another program's database is refused in Chinese
/// naming the file, and is left as it was (nothing is migrated into someone else's database).
pub fn open(path: &Path) -> Result<Connection> {
    let explain = |e: Error| match e {
        Error::Db(e) => explain_open(path, e),
        e => e,
    };
    let conn = Connection::open(path).map_err(|e| explain_open(path, e))?;
    refuse_foreign(&conn, path).map_err(explain)?;
    configure(&conn).map_err(explain)?;
    migrate(&conn)?;
    Ok(conn)
}

fn explain_open(path: &Path, e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode::*;
    let path = path.display();
    match e.sqlite_error_code() {
        Some(NotADatabase) => Error::other(t!(msg::FILES_DB_NOT_OURS, path)),
        Some(CannotOpen) => Error::other(t!(msg::FILES_DB_CANNOT_OPEN, path)),
        Some(ReadOnly) | Some(PermissionDenied) => Error::other(t!(msg::FILES_DB_READ_ONLY, path)),
        Some(DatabaseBusy) | Some(DatabaseLocked) => Error::other(t!(msg::FILES_DB_BUSY, path)),
        _ => Error::Db(e),
    }
}

/// A database that holds tables but was never migrated by Pingshen (`user_version` 0) belongs to
/// another program.
fn refuse_foreign(conn: &Connection, path: &Path) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if version == 0 && tables > 0 {
        return Err(Error::other(t!(msg::FILES_DB_FOREIGN, path = path.display())));
    }
    Ok(())
}

pub fn open_in_memory() -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&conn)?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    let _ = mode; // in-memory databases answer "memory"
                  // a 64 MB page cache and reads through a memory map (256 MB at most): reading a year's
                  // 300,000 score rows for the results then costs about half (README, `--bench results`)
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; \
         PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456;",
    )?;
    Ok(())
}

/// Runs the migrations not yet applied, each in its own transaction; seeds the unit list.
pub fn migrate(conn: &Connection) -> Result<()> {
    let done: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if done as usize > MIGRATIONS.len() {
        return Err(Error::other(t!(msg::FILES_DB_NEWER, version = done, known = MIGRATIONS.len())));
    }
    for (i, (_name, sql)) in MIGRATIONS.iter().enumerate().skip(done as usize) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        tx.commit()?;
    }
    seed_units(conn)?;
    Ok(())
}

fn seed_units(conn: &Connection) -> Result<()> {
    let tx = conn.unchecked_transaction()?;
    {
        let mut st = tx.prepare(
            "INSERT INTO units (code, ord, kind, region, province, full_name, short_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(code) DO UPDATE SET ord = excluded.ord, kind = excluded.kind, region = excluded.region,
               province = excluded.province, full_name = excluded.full_name, short_name = excluded.short_name",
        )?;
        for u in crate::units::all() {
            let kind = serde_json::to_value(u.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
            st.execute(params![u.code, u.order, kind, u.region, u.province, u.full_name, u.short_name])?;
        }
    }
    tx.commit()?;
    Ok(())
}

pub fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn entry_hash(prev: &str, seq: i64, at: &str, actor: &str, action: &str, subject: &str, detail: &str) -> String {
    let mut h = Sha256::new();
    for part in [prev, &seq.to_string(), at, actor, action, subject, detail] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Appends one audit entry inside the caller's transaction.
pub fn audit(
    tx: &Transaction,
    actor: &str,
    action: AuditAction,
    subject: &str,
    detail: &serde_json::Value,
) -> Result<()> {
    audit_text(tx, actor, action, subject, &detail.to_string())
}

/// Appends one audit entry whose detail is already JSON text (`record::capture` writes its rows
/// straight into one). Both statements are prepared once per connection.
pub(crate) fn audit_text(
    tx: &Transaction,
    actor: &str,
    action: AuditAction,
    subject: &str,
    detail: &str,
) -> Result<()> {
    let action = action.code();
    let (seq, prev): (i64, String) = tx
        .prepare_cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS_HASH.to_string()));
    let seq = seq + 1;
    let at = now_utc();
    let hash = entry_hash(&prev, seq, &at, actor, action, subject, detail);
    tx.prepare_cached(
        "INSERT INTO audit (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![seq, at, actor, action, subject, detail, prev, hash])?;
    Ok(())
}

#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: serde_json::Value,
}

/// How an exported document names the audit-log head it was made at, in its keywords (PDF
/// Keywords, XLSX core properties): 「pingshen-audit-head=SEQ:HASH」. `audit verify --head` takes it.
pub const HEAD_KEYWORD: &str = "pingshen-audit-head=";

/// The last entry of the log: a backup and every exported document carry it, so that a log cut
/// short afterwards is noticed (`audit verify --head SEQ:HASH`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct AuditHead {
    pub seq: i64,
    pub hash: String,
}

impl std::fmt::Display for AuditHead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

impl std::str::FromStr for AuditHead {
    type Err = Error;
    fn from_str(s: &str) -> Result<AuditHead> {
        let bad = || Error::invalid(t!(msg::FILES_FIELD_AUDIT_HEAD), t!(msg::FILES_HEAD_FORMAT, value = s));
        let (seq, hash) = s.trim().split_once(':').ok_or_else(bad)?;
        let seq: i64 = seq.trim().parse().map_err(|_| bad())?;
        let hash = hash.trim().to_ascii_lowercase();
        if seq < 1 || hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad());
        }
        Ok(AuditHead { seq, hash })
    }
}

/// The head of the log (None while it is empty).
pub fn head(conn: &Connection) -> Result<Option<AuditHead>> {
    Ok(conn
        .query_row("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok(AuditHead { seq: r.get(0)?, hash: r.get(1)? })
        })
        .optional()?)
}

/// Whether the log still reaches `head`: the entry is there with the same hash. Names what is
/// missing when the log was cut short after it or rewritten.
pub fn reaches(conn: &Connection, head: &AuditHead) -> Result<()> {
    let at: Option<String> =
        conn.query_row("SELECT hash FROM audit WHERE seq = ?1", [head.seq], |r| r.get(0)).optional()?;
    let last = self::head(conn)?.map(|h| h.seq).unwrap_or(0);
    match at {
        None => Err(Error::tampered(t!(msg::FILES_LOG_CUT, last, seq = head.seq, cut = head.seq - last))),
        Some(h) if h != head.hash => Err(Error::tampered(t!(msg::FILES_LOG_REWRITTEN, seq = head.seq))),
        Some(_) => Ok(()),
    }
}

/// Checks the hash chain; returns the number of entries, or names the first broken one.
pub fn verify_chain(conn: &Connection) -> Result<usize> {
    let mut st =
        conn.prepare("SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit ORDER BY seq")?;
    let mut rows = st.query([])?;
    let mut prev = GENESIS_HASH.to_string();
    let mut expect_seq = 1i64;
    let mut n = 0usize;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let (at, actor, action, subject, detail, prev_hash, hash): (
            String,
            String,
            String,
            String,
            String,
            String,
            String,
        ) = (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?);
        if seq != expect_seq {
            return Err(Error::tampered(t!(msg::FILES_LOG_MISSING, expected = expect_seq, seq)));
        }
        if prev_hash != prev {
            return Err(Error::tampered(t!(msg::FILES_LOG_PREV_HASH, seq, action = &action, subject = &subject)));
        }
        if entry_hash(&prev, seq, &at, &actor, &action, &subject, &detail) != hash {
            return Err(Error::tampered(t!(msg::FILES_LOG_EDITED, seq, action = &action, subject = &subject)));
        }
        prev = hash;
        expect_seq += 1;
        n += 1;
    }
    Ok(n)
}

/// Online backup of the whole database to `out` (a consistent copy even while in use).
pub fn backup(conn: &Connection, out: &Path) -> Result<()> {
    if out.exists() {
        return Err(Error::invalid(
            t!(msg::FILES_FIELD_BACKUP_FILE),
            t!(msg::FILES_BACKUP_EXISTS, path = out.display()),
        ));
    }
    let tmp = out.with_extension("part");
    let mut dst = Connection::open(&tmp).map_err(|e| {
        Error::invalid(
            t!(msg::FILES_FIELD_BACKUP_FILE),
            t!(msg::FILES_CANNOT_CREATE, path = tmp.display(), detail = e.to_string()),
        )
    })?;
    {
        let b = rusqlite::backup::Backup::new(conn, &mut dst)?;
        b.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
    }
    // a backup is a single file: opening it later (even read-only) leaves no -wal/-shm beside it
    dst.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    drop(dst);
    std::fs::rename(&tmp, out).map_err(|e| Error::io(out, e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_idempotent_and_seed_units() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.db");
        drop(open(&p).unwrap());
        let c = open(&p).unwrap();
        let n: i64 = c.query_row("SELECT count(*) FROM units", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 47);
        let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v as usize, MIGRATIONS.len());
        let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
        let jm: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(jm, "wal");
    }

    #[test]
    fn audit_chain_detects_edits() {
        let mut c = open_in_memory().unwrap();
        for i in 0..3 {
            let tx = c.transaction().unwrap();
            audit(&tx, "秘书处", AuditAction::Backup, &format!("x:{i}"), &serde_json::json!({"i": i})).unwrap();
            tx.commit().unwrap();
        }
        assert_eq!(verify_chain(&c).unwrap(), 3);
        assert!(c.execute("UPDATE audit SET detail = '{}' WHERE seq = 2", []).is_err(), "append-only trigger");
        c.execute_batch("DROP TRIGGER audit_no_update; UPDATE audit SET detail = '{\"i\":9}' WHERE seq = 2").unwrap();
        let e = verify_chain(&c).unwrap_err().to_string();
        assert!(e.contains("第2条"), "{e}");
    }

    /// What `open` refuses is named in Chinese with the file, and the file is left as it was.
    #[test]
    fn open_refuses_what_is_not_ours_and_leaves_it_alone() {
        let dir = tempfile::tempdir().unwrap();
        let garbage = dir.path().join("损坏.db");
        let bytes = "这不是数据库".repeat(400).into_bytes();
        std::fs::write(&garbage, &bytes).unwrap();
        let e = open(&garbage).unwrap_err().to_string();
        assert!(e.contains("不是评审台数据库文件") && e.contains("损坏.db"), "{e}");
        assert!(std::fs::read(&garbage).unwrap() == bytes, "the damaged file is left as it was");

        let foreign = dir.path().join("other.sqlite");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
            .unwrap();
        let before = std::fs::read(&foreign).unwrap();
        let e = open(&foreign).unwrap_err().to_string();
        assert!(e.contains("其他程序的数据库") && e.contains("other.sqlite"), "{e}");
        assert!(std::fs::read(&foreign).unwrap() == before, "nothing migrated into it, not even WAL mode");

        let nowhere = dir.path().join("no-such-folder").join("x.db");
        let e = open(&nowhere).unwrap_err().to_string();
        assert!(e.contains("无法打开") && e.contains("no-such-folder"), "{e}");

        // a new file and one of ours open
        let ours = dir.path().join("new.db");
        drop(open(&ours).unwrap());
        drop(open(&ours).unwrap());
    }
}
