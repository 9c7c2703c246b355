//! The write-ahead log's checkpoint, on a thread of its own.
//!
//! SQLite copies the WAL back into the database file once it holds 1,000 pages, inside the commit
//! that crossed the mark (two `fsync`s: about 70 ms of a 10,000-dossier import's 105 ms commit).
//! A desk over a file replaces that automatic checkpoint by SQLite's documented alternative: a
//! WAL hook counts the log's pages, and after a commit that leaves 1,000 or more, a passive
//! checkpoint runs on a second connection in the background. The committed data is safe in the
//! WAL either way; only where it sits changes. `Checkpointer`'s drop waits for that thread, so a
//! closing CLI or a restore (which renames the file) never meets it still running.

use rusqlite::hooks::Wal;
use rusqlite::{Connection, OpenFlags};
use std::cell::{Cell, RefCell};
use std::os::raw::c_int;
use std::path::PathBuf;
use std::thread::JoinHandle;

/// SQLite's own default mark (`wal_autocheckpoint`), in pages.
const CHECKPOINT_PAGES: c_int = 1000;

thread_local! {
    /// The WAL's length in pages after the last commit on this thread (the hook runs on the
    /// committing thread, inside the commit).
    static WAL_PAGES: Cell<c_int> = const { Cell::new(0) };
}

fn count_pages(_wal: &Wal, pages: c_int) -> rusqlite::Result<()> {
    WAL_PAGES.with(|p| p.set(pages));
    Ok(())
}

/// The background checkpoint of one database file.
pub(crate) struct Checkpointer {
    path: PathBuf,
    running: RefCell<Option<JoinHandle<()>>>,
}

impl Checkpointer {
    /// Counts `conn`'s WAL pages from now on, in place of SQLite's automatic checkpoint.
    pub(crate) fn install(conn: &Connection, path: PathBuf) -> Checkpointer {
        conn.wal_hook(Some(count_pages));
        Checkpointer { path, running: RefCell::new(None) }
    }

    /// Called right after a commit on this thread: starts a checkpoint when the WAL has reached
    /// the mark and none is running. A failed checkpoint is left for the next one (the data is in
    /// the WAL, and SQLite checkpoints when the last connection closes).
    pub(crate) fn after_commit(&self) {
        let pages = WAL_PAGES.with(|p| p.replace(0));
        if pages < CHECKPOINT_PAGES {
            return;
        }
        let mut running = self.running.borrow_mut();
        if running.as_ref().is_some_and(|h| !h.is_finished()) {
            return;
        }
        if let Some(done) = running.take() {
            let _ = done.join();
        }
        let path = self.path.clone();
        *running = Some(std::thread::spawn(move || {
            let _ = checkpoint(&path);
        }));
    }

    /// Waits for a checkpoint under way (benchmarks report it apart from the write).
    pub(crate) fn wait(&self) {
        if let Some(h) = self.running.borrow_mut().take() {
            let _ = h.join();
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.wait();
    }
}

/// A passive checkpoint through a connection of its own: copies what it can without waiting for
/// readers or writers, and is not blocked by them.
fn checkpoint(path: &std::path::Path) -> rusqlite::Result<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of table `t` in the database file alone, as a copy without its WAL sees them.
    fn rows_in_file_alone(db: &std::path::Path, t: &str) -> i64 {
        let copy = db.with_file_name("alone.db");
        std::fs::copy(db, &copy).unwrap();
        let c = Connection::open(&copy).unwrap();
        let n = c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap_or(-1);
        drop(c);
        std::fs::remove_file(&copy).unwrap();
        n
    }

    /// Writes `n` rows of 4 KB (about `n` pages of the WAL) in one transaction.
    fn write_rows(conn: &Connection, t: &str, n: i64) {
        conn.execute_batch(&format!(
            "BEGIN; CREATE TABLE {t} (v BLOB); \
             WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {n}) \
             INSERT INTO {t} SELECT randomblob(4000) FROM k; COMMIT;"
        ))
        .unwrap();
    }

    /// A large commit returns without copying the WAL into the file (SQLite's automatic checkpoint
    /// is replaced); the checkpoint it starts brings the file up to date in the background; a
    /// small commit starts none; and the data is complete through the connection throughout.
    #[test]
    fn a_large_commit_is_checkpointed_in_the_background_a_small_one_not() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("评审 台.db");
        let conn = crate::store::open(&db).unwrap();
        let ck = Checkpointer::install(&conn, db.clone());

        write_rows(&conn, "small", 10);
        ck.after_commit();
        ck.wait();
        assert_eq!(rows_in_file_alone(&db, "small"), -1, "10 pages: no checkpoint yet");

        write_rows(&conn, "large", 1500);
        assert_eq!(rows_in_file_alone(&db, "large"), -1, "the commit itself did not checkpoint");
        ck.after_commit();
        ck.wait();
        assert_eq!(rows_in_file_alone(&db, "large"), 1500, "the background checkpoint copied the WAL");
        assert_eq!(rows_in_file_alone(&db, "small"), 10);
        let n: i64 = conn.query_row("SELECT count(*) FROM large", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1500);
    }
}
