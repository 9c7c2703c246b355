//! Rows for the year-over-year check (issue 16 §4): the unit's dossier of the year before (its
//! indicators and narratives only) and `yoy_verifications`, the clerk's 已核实 with a note. The
//! findings of a dossier are the pure rules of `plausibility` over those two years, each with the
//! verification that still holds for it.

use super::at;
use crate::desk::Actor;
use crate::error::Result;
use crate::model::{Award, DossierInput, Indicators, Narratives, INDICATORS};
use crate::plausibility::{yoy_findings, YoyFinding};
use crate::rules::Policy;
use crate::store;
use crate::{msg, t};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// The clerk's 已核实 on a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct YoyVerified {
    pub note: String,
    pub actor: String,
    /// UTC, RFC 3339.
    pub at: String,
}

/// A year-over-year finding of a dossier, and whether it has been verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct YoyCheck {
    #[serde(flatten)]
    pub finding: YoyFinding,
    /// None: not yet verified (or verified for values that have changed since).
    pub verified: Option<YoyVerified>,
}

/// A dossier's findings against the unit's dossier of `last_year` (None: the unit did not apply
/// the year before, and there is nothing to compare).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct YoyReport {
    pub dossier_id: i64,
    pub last_year: Option<i32>,
    pub findings: Vec<YoyCheck>,
}

impl YoyReport {
    /// The findings still waiting for the clerk.
    pub fn unverified(&self) -> impl Iterator<Item = &YoyFinding> {
        self.findings.iter().filter(|c| c.verified.is_none()).map(|c| &c.finding)
    }
}

/// The unit's dossier of the year before `year` that was handed in (any state but draft), the
/// same award first: its indicators and narratives.
fn previous(conn: &Connection, year: i32, unit_code: &str, award: Award) -> Result<Option<(Indicators, Narratives)>> {
    let cols: Vec<String> = INDICATORS.iter().map(|(id, _)| format!("d.{id}")).collect();
    let sql = format!(
        "SELECT d.id, {}, d.narrative_leadership, d.narrative_building, d.narrative_services, d.narrative_distinctive
           FROM dossiers d JOIN campaigns c ON c.id = d.campaign_id
          WHERE c.year = ?1 AND d.unit_code = ?2 AND d.state <> 'draft'
          ORDER BY d.award = ?3 DESC, d.id LIMIT 1",
        cols.join(", ")
    );
    let n = INDICATORS.len();
    let row = conn
        .query_row(&sql, params![year - 1, unit_code, award], |r| {
            let mut ind = Indicators::default();
            for (i, (id, _)) in INDICATORS.iter().enumerate() {
                ind.set(id, r.get(1 + i)?);
            }
            let narr = Narratives {
                leadership: r.get(1 + n)?,
                building: r.get(2 + n)?,
                services: r.get(3 + n)?,
                distinctive: r.get(4 + n)?,
            };
            Ok((ind, narr))
        })
        .optional()
        .map_err(at("dossiers", t!(msg::YEAR_ROW_YEAR_UNIT, year = year - 1, unit = unit_code)))?;
    Ok(row)
}

/// The verifications recorded for a dossier: (code, this year, last year, verified), oldest first.
fn verifications(conn: &Connection, dossier_id: i64) -> Result<Vec<(String, String, String, YoyVerified)>> {
    let mut st = conn.prepare_cached(
        "SELECT code, this_year, last_year, note, actor, at FROM yoy_verifications WHERE dossier_id = ?1 ORDER BY id",
    )?;
    let v = st
        .query_map([dossier_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, YoyVerified { note: r.get(3)?, actor: r.get(4)?, at: r.get(5)? }))
        })?
        .collect::<std::result::Result<_, _>>()?;
    Ok(v)
}

/// The year-over-year findings of a dossier of `year` (as it stands in `input`), each with the
/// latest verification made for the same code and the same two values.
pub(crate) fn report(
    conn: &Connection,
    year: i32,
    dossier_id: i64,
    input: &DossierInput,
    policy: &Policy,
) -> Result<YoyReport> {
    let Some((ind, narr)) = previous(conn, year, &input.unit_code, input.award)? else {
        return Ok(YoyReport { dossier_id, last_year: None, findings: Vec::new() });
    };
    let found = yoy_findings((&input.indicators, &input.narratives), (&ind, &narr), policy);
    let done = if found.is_empty() { Vec::new() } else { verifications(conn, dossier_id)? };
    let findings = found
        .into_iter()
        .map(|f| {
            let verified = done
                .iter()
                .rev()
                .find(|(c, t, l, _)| *c == f.code && *t == f.this_year && *l == f.last_year)
                .map(|v| v.3.clone());
            YoyCheck { finding: f, verified }
        })
        .collect();
    Ok(YoyReport { dossier_id, last_year: Some(year - 1), findings })
}

/// Records the clerk's 已核实 of one finding with both values as seen.
pub(crate) fn insert_verification(
    conn: &Connection,
    actor: &Actor,
    dossier_id: i64,
    f: &YoyFinding,
    note: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO yoy_verifications (dossier_id, code, this_year, last_year, note, actor, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![dossier_id, f.code, f.this_year, f.last_year, note.trim(), actor.audit_name(), store::now_utc()],
    )?;
    Ok(())
}
