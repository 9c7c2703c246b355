//! Rows of `dossiers` as the results read them: a year's recommended dossiers with only what
//! aggregation, ranking and flags need (unit, award, late, indicators) — no contacts, narratives
//! or attachments.

use crate::error::Result;
use crate::model::{Award, Indicators, INDICATORS};
use crate::units::{self, Unit};
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
