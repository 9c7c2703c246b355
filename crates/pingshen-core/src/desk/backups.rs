//! Backups beside the database, named by the time they were made.

use super::{Actor, Desk};
use crate::error::{Error, Result};
use std::path::PathBuf;

impl Desk {
    /// Backs the open database up into its own folder as 「<name>-备份-YYYYMMDD-HHMMSS.db」
    /// (never overwriting a file), and returns the path.
    pub fn backup_beside(&self, actor: &Actor) -> Result<PathBuf> {
        let db = self.path().ok_or_else(|| Error::rule("内存数据库不能备份到文件"))?;
        let dir = db.parent().map(PathBuf::from).unwrap_or_default();
        let stem = db.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "pingshen".into());
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let mut out = dir.join(format!("{stem}-备份-{stamp}.db"));
        let mut n = 2;
        while out.exists() {
            out = dir.join(format!("{stem}-备份-{stamp}-{n}.db"));
            n += 1;
        }
        self.backup(actor, &out)?;
        Ok(out)
    }
}
