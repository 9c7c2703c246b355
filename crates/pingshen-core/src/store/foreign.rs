//! Another database file (a backup, or a file picked to restore or check), opened read-only
//! once it is known to be one of ours.

use crate::error::{Error, Result};
use crate::t;
use crate::text::catalog::msg;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// Opens another database file read-only after checking that it is one of ours.
pub(crate) fn open_foreign(path: &Path) -> Result<Connection> {
    let field = || t!(msg::FILES_FIELD_BACKUP_FILE);
    let shown = path.display();
    let mut head = [0u8; 16];
    let ok = std::fs::File::open(path).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head)).is_ok();
    if !ok || &head != b"SQLite format 3\0" {
        return Err(Error::invalid(field(), t!(msg::FILES_FOREIGN_NOT_SQLITE, path = &shown)));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| {
            Error::invalid(field(), t!(msg::FILES_FOREIGN_CANNOT_OPEN, path = &shown, detail = e.to_string()))
        })?;
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('audit', 'campaigns', 'meta')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| {
            Error::invalid(field(), t!(msg::FILES_FOREIGN_UNREADABLE, path = &shown, detail = e.to_string()))
        })?;
    if tables < 3 {
        return Err(Error::invalid(field(), t!(msg::FILES_FOREIGN_NO_TABLES, path = &shown)));
    }
    Ok(conn)
}
