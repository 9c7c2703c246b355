//! Rows of `seal` (issue 19): the issuing body's seal image, one row at most.

use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// The stored seal: the PNG as loaded, its SHA-256, its size in pixels, who set it and when.
#[derive(Debug, Clone)]
pub(crate) struct SealRow {
    pub png: Vec<u8>,
    pub sha256: String,
    pub width: u32,
    pub height: u32,
    pub actor: String,
    pub at: String,
}

pub(crate) fn get(conn: &Connection) -> Result<Option<SealRow>> {
    Ok(conn
        .query_row("SELECT png, sha256, width, height, actor, at FROM seal WHERE id = 1", [], |r| {
            Ok(SealRow {
                png: r.get(0)?,
                sha256: r.get(1)?,
                width: r.get(2)?,
                height: r.get(3)?,
                actor: r.get(4)?,
                at: r.get(5)?,
            })
        })
        .optional()?)
}

/// Stores the seal, replacing the one there was.
pub(crate) fn put(tx: &Transaction, row: &SealRow) -> Result<()> {
    tx.execute(
        "INSERT INTO seal (id, png, sha256, width, height, actor, at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(id) DO UPDATE SET png = excluded.png, sha256 = excluded.sha256, width = excluded.width,
           height = excluded.height, actor = excluded.actor, at = excluded.at",
        params![row.png, row.sha256, row.width, row.height, row.actor, row.at],
    )?;
    Ok(())
}

/// Removes the seal; whether there was one.
pub(crate) fn delete(tx: &Transaction) -> Result<bool> {
    Ok(tx.execute("DELETE FROM seal WHERE id = 1", [])? > 0)
}
