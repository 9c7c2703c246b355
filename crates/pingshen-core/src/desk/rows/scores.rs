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

/// One criterion's score on a submitted sheet of a year, with the expert's comment (issue 19:
/// the feedback letters' averages and comments). No expert is named: the letters never say who.
pub(crate) struct SubmittedScore {
    pub dossier_id: i64,
    pub criterion: String,
    pub centi: Centi,
    pub comment: String,
}

/// Every score of every submitted sheet of a campaign, by dossier, then sheet, then criterion.
pub(crate) fn submitted_of_campaign(conn: &Connection, campaign_id: i64) -> Result<Vec<SubmittedScore>> {
    let mut st = conn.prepare_cached(
        "SELECT a.dossier_id, s.criterion, s.centi, s.comment FROM scores s JOIN assignments a ON a.id = s.assignment_id
          WHERE a.campaign_id = ?1 AND a.state = 'submitted' ORDER BY a.dossier_id, a.id, s.criterion",
    )?;
    let v = st
        .query_map([campaign_id], |r| {
            Ok(SubmittedScore { dossier_id: r.get(0)?, criterion: r.get(1)?, centi: r.get(2)?, comment: r.get(3)? })
        })?
        .collect::<std::result::Result<_, _>>()?;
    Ok(v)
}
