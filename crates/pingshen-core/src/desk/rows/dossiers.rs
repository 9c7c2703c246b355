//! Rows of `dossiers` as the results read them: a year's recommended dossiers with only what
//! aggregation, ranking and flags need (unit, award, late, indicators) — no contacts, narratives
//! or attachments; and a unit's applied dossiers year by year, for its history.

use super::at;
use crate::error::Result;
use crate::model::{Award, Indicators, INDICATORS};
use crate::units::{self, Unit};
use crate::workflow::DossierState;
use crate::{msg, t};
use rusqlite::Connection;

/// A recommended dossier as the results need it.
pub(crate) struct ScoredDossier {
    pub id: i64,
    pub unit: &'static Unit,
    pub award: Award,
    pub late: bool,
    pub indicators: Indicators,
}

/// The recommended dossiers of a campaign, in the order the full dossier read gives them (the same
/// FROM and WHERE, so the same plan: the z-scores' float sums follow this order).
pub(crate) fn recommended(conn: &Connection, campaign_id: i64) -> Result<Vec<ScoredDossier>> {
    let cols: Vec<String> = INDICATORS.iter().map(|(id, _)| format!("d.{id}")).collect();
    let mut st = conn.prepare_cached(&format!(
        "SELECT d.id, d.unit_code, d.award, d.late, {} FROM dossiers d JOIN campaigns c ON c.id = d.campaign_id
          WHERE d.campaign_id = ?1 AND d.state = 'recommended'",
        cols.join(", ")
    ))?;
    let mut rows = st.query([campaign_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let code = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        let unit = units::by_code(code).ok_or_else(|| rusqlite::Error::InvalidColumnName(format!("unit {code}")))?;
        let mut indicators = Indicators::default();
        for (i, (id, _)) in INDICATORS.iter().enumerate() {
            indicators.set(id, r.get(4 + i)?);
        }
        out.push(ScoredDossier { id: r.get(0)?, unit, award: r.get(2)?, late: r.get(3)?, indicators });
    }
    Ok(out)
}

/// An applied dossier's place in its year: unit, award and state (for a unit's history).
pub(crate) struct AppliedDossier {
    pub id: i64,
    pub unit_code: String,
    pub award: Award,
    pub state: DossierState,
}

/// The dossiers of a campaign that were applied for (every state but a draft), by unit list
/// order, then award.
pub(crate) fn applied(conn: &Connection, campaign_id: i64) -> Result<Vec<AppliedDossier>> {
    let mut st = conn.prepare_cached(
        "SELECT d.id, d.unit_code, d.award, d.state FROM dossiers d JOIN units u ON u.code = d.unit_code
          WHERE d.campaign_id = ?1 AND d.state <> 'draft' ORDER BY u.ord, d.award, d.id",
    )?;
    let v = st
        .query_map([campaign_id], |r| {
            Ok(AppliedDossier { id: r.get(0)?, unit_code: r.get(1)?, award: r.get(2)?, state: r.get(3)? })
        })?
        .collect::<std::result::Result<_, _>>()
        .map_err(at("dossiers", t!(msg::YEAR_ROW_YEAR_NO, id = campaign_id)))?;
    Ok(v)
}

/// The years (campaign id and year, oldest first) in which a unit applied (a dossier not a draft).
pub(crate) fn years_applied(conn: &Connection, unit_code: &str) -> Result<Vec<(i64, i32)>> {
    let mut st = conn.prepare_cached(
        "SELECT DISTINCT c.id, c.year FROM dossiers d JOIN campaigns c ON c.id = d.campaign_id
          WHERE d.unit_code = ?1 AND d.state <> 'draft' ORDER BY c.year",
    )?;
    let v = st.query_map([unit_code], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<std::result::Result<_, _>>()?;
    Ok(v)
}

/// The years before `year` in which any dossier was applied for, newest first.
pub(crate) fn years_before(conn: &Connection, year: i32) -> Result<Vec<i32>> {
    let mut st = conn.prepare_cached(
        "SELECT c.year FROM campaigns c
          WHERE c.year < ?1 AND EXISTS (SELECT 1 FROM dossiers d WHERE d.campaign_id = c.id AND d.state <> 'draft')
          ORDER BY c.year DESC",
    )?;
    let v = st.query_map([year], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
    Ok(v)
}
