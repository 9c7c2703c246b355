//! Rows of `scores`: an expert's typed score per criterion on one sheet, in hundredths.

use crate::decimal::Centi;
use crate::error::Result;
use rusqlite::{params, Connection, Transaction};
use std::collections::BTreeMap;

/// The scores stored on a sheet: criterion id → (hundredths, comment).
pub(crate) fn sheet_scores(conn: &Connection, assignment_id: i64) -> Result<BTreeMap<String, (Centi, String)>> {
    let mut st = conn.prepare_cached("SELECT criterion, centi, comment FROM scores WHERE assignment_id = ?1")?;
    let v = st
        .query_map([assignment_id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(v)
}

/// Stores one criterion's score on a sheet (replacing what was there for that criterion).
pub(crate) fn upsert(tx: &Transaction, assignment_id: i64, criterion: &str, centi: Centi, comment: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO scores (assignment_id, criterion, centi, comment) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(assignment_id, criterion) DO UPDATE SET centi = excluded.centi, comment = excluded.comment",
    )?
    .execute(params![assignment_id, criterion, centi, comment])?;
    Ok(())
}

/// Removes every score of a sheet (a score return replaces the sheet whole).
pub(crate) fn clear(tx: &Transaction, assignment_id: i64) -> Result<()> {
    tx.execute("DELETE FROM scores WHERE assignment_id = ?1", [assignment_id])?;
    Ok(())
}
