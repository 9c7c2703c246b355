//! Rows of `funding_lines`: one funded dossier's amount, matching funds, payment deadline and the
//! note of a manual adjustment.

use super::{at, date};
use crate::error::Result;
use crate::model::Award;
use crate::{msg, t};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// A funding line as stored.
pub(crate) struct StoredLine {
    pub dossier_id: i64,
    pub unit_code: String,
    pub award: Award,
    pub amount_yuan: i64,
    pub matching_yuan: i64,
    pub pay_by: NaiveDate,
    pub note: String,
}

/// The year's funding lines.
pub(crate) fn all(conn: &Connection, campaign_id: i64) -> Result<Vec<StoredLine>> {
    let mut st = conn.prepare(
        "SELECT f.dossier_id, d.unit_code, f.award, f.amount_yuan, f.matching_yuan, f.pay_by, f.note FROM funding_lines f JOIN dossiers d ON d.id = f.dossier_id WHERE f.campaign_id = ?1",
    )?;
    let v = st
        .query_map([campaign_id], |r| {
            let pay: String = r.get(5)?;
            Ok(StoredLine {
                dossier_id: r.get(0)?,
                unit_code: r.get(1)?,
                award: r.get(2)?,
                amount_yuan: r.get(3)?,
                matching_yuan: r.get(4)?,
                pay_by: date(&pay)?,
                note: r.get(6)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()
        .map_err(at("funding_lines", t!(msg::YEAR_ROW_YEAR_NO, id = campaign_id)))?;
    Ok(v)
}

/// The amount of a dossier's line (None: not funded).
pub(crate) fn amount_of(conn: &Connection, dossier_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT amount_yuan FROM funding_lines WHERE dossier_id = ?1")?
        .query_row([dossier_id], |r| r.get(0))
        .optional()?)
}

/// The amount and pledged matching funds of a dossier's line.
pub(crate) fn amount_and_matching(conn: &Connection, dossier_id: i64) -> Result<Option<(i64, i64)>> {
    Ok(conn
        .query_row("SELECT amount_yuan, matching_yuan FROM funding_lines WHERE dossier_id = ?1", [dossier_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?)
}

/// The year's post-subsidy total so far.
pub(crate) fn subsidy_total(conn: &Connection, campaign_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(sum(amount_yuan), 0) FROM funding_lines WHERE campaign_id = ?1 AND award = ?2",
        params![campaign_id, Award::Subsidy],
        |r| r.get(0),
    )?)
}

/// The dossiers with a post-subsidy line.
pub(crate) fn subsidy_dossiers(conn: &Connection, campaign_id: i64) -> Result<Vec<i64>> {
    let mut st = conn.prepare("SELECT dossier_id FROM funding_lines WHERE campaign_id = ?1 AND award = ?2")?;
    let v = st.query_map(params![campaign_id, Award::Subsidy], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
    Ok(v)
}

/// The post-subsidy lines adjusted by hand: (dossier, unit code, amount, reason).
pub(crate) fn adjusted_subsidy(conn: &Connection, campaign_id: i64) -> Result<Vec<(i64, String, i64, String)>> {
    let mut st = conn.prepare("SELECT f.dossier_id, d.unit_code, f.amount_yuan, f.note FROM funding_lines f JOIN dossiers d ON d.id = f.dossier_id WHERE f.campaign_id = ?1 AND f.award = ?2 AND f.note != '' ORDER BY f.dossier_id")?;
    let v = st
        .query_map(params![campaign_id, Award::Subsidy], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(v)
}

/// Adds a line (no note: an adjustment sets one).
pub(crate) fn insert(
    tx: &Transaction,
    campaign_id: i64,
    dossier_id: i64,
    award: Award,
    amount_yuan: i64,
    matching_yuan: i64,
    pay_by: NaiveDate,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO funding_lines (campaign_id, dossier_id, award, amount_yuan, matching_yuan, pay_by, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '')",
    )?
    .execute(params![campaign_id, dossier_id, award, amount_yuan, matching_yuan, pay_by.to_string()])?;
    Ok(())
}

/// Sets an adjusted amount with its reason.
pub(crate) fn set_amount(tx: &Transaction, dossier_id: i64, amount_yuan: i64, note: &str) -> Result<()> {
    tx.execute(
        "UPDATE funding_lines SET amount_yuan = ?1, note = ?2 WHERE dossier_id = ?3",
        params![amount_yuan, note, dossier_id],
    )?;
    Ok(())
}

/// Removes a dossier's line; whether there was one.
pub(crate) fn delete(tx: &Transaction, dossier_id: i64) -> Result<bool> {
    Ok(tx.execute("DELETE FROM funding_lines WHERE dossier_id = ?1", [dossier_id])? > 0)
}
