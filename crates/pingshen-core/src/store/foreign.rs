//! Another database file (a backup, or a file picked to restore or check), opened read-only
//! once it is known to be one of ours.

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// Opens another database file read-only after checking that it is one of ours.
pub(crate) fn open_foreign(path: &Path) -> Result<Connection> {
    let field = "备份文件";
    let mut head = [0u8; 16];
    let ok = std::fs::File::open(path).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head)).is_ok();
    if !ok || &head != b"SQLite format 3\0" {
        return Err(Error::invalid(
            field,
            format!("{}不是评审台数据库（不是SQLite数据库文件，可能已损坏或选错了文件）", path.display()),
        ));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| Error::invalid(field, format!("无法打开{}：{e}", path.display())))?;
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('audit', 'campaigns', 'meta')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| Error::invalid(field, format!("{}无法读取（{e}），文件可能已损坏", path.display())))?;
    if tables < 3 {
        return Err(Error::invalid(field, format!("{}不是评审台数据库（缺少评审台的数据表）", path.display())));
    }
    Ok(conn)
}
