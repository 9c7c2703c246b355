//! A year's results computed from the store — aggregation, ranking, grades and flags of every
//! recommended dossier — and each dossier's standing in its year (`HistoryEntry`: state, shown
//! aggregate, rank of the ranked, grade, amount). One place for both, so the results screen, the
//! exports, the funding table, a unit's history and the results' 「上年」 column agree.

use super::campaign::Campaign;
use super::rows;
use crate::decimal::{Centi, Points};
use crate::error::{Error, Result};
use crate::model::Award;
use crate::scoring::{self, DossierScores, Grade};
use crate::t;
use crate::text::catalog::msg;
use crate::workflow::{DossierState, Stage};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExpertTotal {
    pub expert: String,
    pub total: Centi,
    /// The total z-normalised within that expert's own scores.
    pub z: f64,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ResultRow {
    pub dossier_id: i64,
    pub unit: String,
    pub unit_code: String,
    pub unit_order: u32,
    pub award: Award,
    pub n_scores: usize,
    pub aggregate: Option<Points>,
    pub mean: Option<Points>,
    pub median: Option<Points>,
    pub rank: Option<u32>,
    pub grade: Option<Grade>,
    pub flags: Vec<String>,
    pub auto_subtotal: Centi,
    pub task_rate: Option<f64>,
    pub experts: Vec<ExpertTotal>,
    pub consensus: Option<String>,
    /// The unit's standing the last year it applied before this one (None: 首次申报); filled by
    /// `Desk::results`, None where only this year's figures are wanted.
    pub previous: Option<HistoryEntry>,
    /// The panel meeting's decision on the dossier (issue 18), once its votes are entered; absent
    /// in a year without a meeting.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub meeting: Option<MeetingDecision>,
}

/// The panel meeting's decision on a dossier: its votes and whether it passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct MeetingDecision {
    pub passed: bool,
    pub votes_for: u32,
    pub votes_against: u32,
    pub votes_abstain: u32,
    pub eligible: u32,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Results {
    pub year: i32,
    pub stage: Stage,
    pub rows: Vec<ResultRow>,
    pub deviating_experts: Vec<String>,
}

/// What every ranking of a year starts from: the recommended dossiers (row layer's narrow read),
/// each with its submitted totals (`inputs`, in the same order), and the experts' names by id.
pub(crate) struct ScoredInputs {
    pub dossiers: Vec<rows::dossiers::ScoredDossier>,
    pub inputs: Vec<DossierScores>,
    pub names: HashMap<i64, String>,
}

/// Reads the [`ScoredInputs`] of a campaign: each sheet's total summed by SQLite, plus the
/// dossier's auto subtotal; a dossier's place in the read order found by binary search.
pub(crate) fn scored_inputs(conn: &Connection, c: &Campaign) -> Result<ScoredInputs> {
    let dossiers = rows::dossiers::recommended(conn, c.id)?;
    // dossier id → its place in `dossiers`
    let mut place: Vec<(i64, usize)> = dossiers.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
    place.sort_unstable();
    let place_of = |id: i64| place.binary_search_by_key(&id, |p| p.0).ok().map(|k| place[k].1);
    let mut inputs: Vec<DossierScores> = dossiers
        .iter()
        .map(|d| DossierScores {
            dossier_id: d.id,
            award: d.award,
            unit_order: d.unit.order,
            auto_subtotal: c.rubric(d.award).auto_subtotal(&d.indicators),
            task_rate: d.indicators.task_completion_rate(),
            totals: Vec::new(),
        })
        .collect();
    // expert sums of submitted sheets, summed by SQLite; each with the dossier's auto subtotal
    {
        let mut st = conn.prepare_cached(
            "SELECT a.dossier_id, a.expert_id, SUM(s.centi) FROM assignments a JOIN scores s ON s.assignment_id = a.id
              WHERE a.campaign_id = ?1 AND a.state = 'submitted' GROUP BY a.id",
        )?;
        let mut rows = st.query([c.id])?;
        while let Some(r) = rows.next()? {
            if let Some(k) = place_of(r.get(0)?) {
                let i = &mut inputs[k];
                let sum: i64 = r.get(2)?;
                i.totals.push((r.get(1)?, Centi(sum + i.auto_subtotal.0)));
            }
        }
    }
    for i in &mut inputs {
        i.totals.sort_unstable();
    }
    let mut names: HashMap<i64, String> = HashMap::new();
    {
        let mut st = conn.prepare_cached("SELECT id, name FROM experts WHERE campaign_id = ?1")?;
        let mut rows = st.query([c.id])?;
        while let Some(r) = rows.next()? {
            names.insert(r.get(0)?, r.get(1)?);
        }
    }
    Ok(ScoredInputs { dossiers, inputs, names })
}

/// Computes the results of a campaign from the store (recommended dossiers, submitted sheets).
///
/// Reads only what the results need: the dossiers' unit, award, late mark and indicators (the
/// row layer's narrow `ScoredDossier`, no contacts or narratives), each sheet's total summed by
/// SQLite, the experts' names and the consensus decisions. A dossier's place in the read order is
/// found by binary search; the z-scores come from each expert's moments, not a map of every pair.
pub(crate) fn compute_results(conn: &Connection, c: &Campaign) -> Result<Results> {
    let ScoredInputs { dossiers, inputs, names } = scored_inputs(conn, c)?;
    let mut place: Vec<(i64, usize)> = dossiers.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
    place.sort_unstable();
    let place_of = |id: i64| place.binary_search_by_key(&id, |p| p.0).ok().map(|k| place[k].1);
    let mut consensus: HashMap<i64, String> = HashMap::new();
    {
        let mut st = conn.prepare_cached("SELECT x.dossier_id, x.reason FROM decisions x JOIN dossiers d ON d.id = x.dossier_id WHERE d.campaign_id = ?1 AND x.kind = 'consensus' ORDER BY x.id")?;
        let mut rows = st.query([c.id])?;
        while let Some(r) = rows.next()? {
            consensus.insert(r.get(0)?, r.get(1)?);
        }
    }
    let votes = if c.policy.meeting { rows::meeting::votes(conn, c.id)? } else { HashMap::new() };
    let results = scoring::results(&inputs, &c.policy);
    let deviating = scoring::deviating_experts(&inputs, &c.policy);
    let moments = scoring::expert_moments(&inputs);
    let name = |e: &i64| names.get(e).cloned().unwrap_or_default();
    let mut rows = Vec::with_capacity(results.len());
    for r in results {
        let k = place_of(r.dossier_id)
            .ok_or_else(|| Error::other(t!(msg::DECIDE_RESULTS_DOSSIER_MISSING, id = r.dossier_id)))?;
        let (d, i) = (&dossiers[k], &inputs[k]);
        let mut flags = r.flags;
        if d.late {
            flags.push("late".into());
        }
        for (e, _) in &i.totals {
            if deviating.contains(e) {
                flags.push(format!("deviating_expert:{}", name(e)));
            }
        }
        rows.push(ResultRow {
            dossier_id: d.id,
            unit: d.unit.full_name.clone(),
            unit_code: d.unit.code.clone(),
            unit_order: d.unit.order,
            award: d.award,
            n_scores: r.n_scores,
            aggregate: r.aggregate,
            mean: r.mean,
            median: r.median,
            rank: r.rank,
            grade: r.grade,
            flags,
            auto_subtotal: i.auto_subtotal,
            task_rate: i.task_rate.map(|x| x.as_f64()),
            experts: i
                .totals
                .iter()
                .map(|(e, t)| ExpertTotal {
                    expert: name(e),
                    total: *t,
                    z: moments.get(e).map(|m| m.z(*t)).unwrap_or(0.0),
                })
                .collect(),
            consensus: consensus.get(&d.id).cloned(),
            previous: None,
            meeting: votes.get(&d.id).map(|v| MeetingDecision {
                passed: v.passed,
                votes_for: v.votes_for,
                votes_against: v.votes_against,
                votes_abstain: v.votes_abstain,
                eligible: v.eligible,
            }),
        });
    }
    Ok(Results {
        year: c.year,
        stage: c.stage,
        rows,
        deviating_experts: deviating.iter().filter_map(|e| names.get(e).cloned()).collect(),
    })
}

/// A dossier's standing in its year, as that year's results and funding table give it: one entry
/// of a unit's history, and the 「上年」 of a results row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct HistoryEntry {
    pub year: i32,
    pub award: Award,
    pub state: DossierState,
    /// The aggregate as the results show it (two decimals, rounded once); None when unranked.
    pub aggregate: Option<String>,
    pub rank: Option<u32>,
    /// How many dossiers of that award were ranked that year (None when this one was not).
    pub of: Option<u32>,
    pub grade: Option<Grade>,
    /// The funding table's amount (None: not funded).
    pub amount_yuan: Option<i64>,
}

impl HistoryEntry {
    /// The entry with its figures withheld (state only): a year not yet published, for an applicant.
    pub(crate) fn without_figures(self) -> HistoryEntry {
        HistoryEntry { aggregate: None, rank: None, of: None, grade: None, amount_yuan: None, ..self }
    }

    /// The 「上年」 cell of the results row of `award` in `year`: grade and rank/of (「优秀 3/20」),
    /// the state when it was not ranked (「退回修改」), prefixed by the year when it is not the one
    /// before (「2012年 优秀 3/20」) and by the award when it is the other one.
    pub fn previous_text(&self, year: i32, award: Award) -> String {
        let (prefix, standing) = self.previous_parts(year, award);
        prefix.map(|p| format!("{p} {standing}")).unwrap_or(standing)
    }

    /// `previous_text` in its two parts: the year and award when they need saying, and the standing.
    fn previous_parts(&self, year: i32, award: Award) -> (Option<String>, String) {
        let mut prefix: Vec<String> = Vec::new();
        if self.year != year - 1 {
            prefix.push(format!("{}年", self.year));
        }
        if self.award != award {
            prefix.push(self.award.label().to_string());
        }
        let standing = match (self.grade, self.rank, self.of) {
            (Some(g), Some(k), Some(n)) => format!("{} {k}/{n}", g.label()),
            (Some(g), _, _) => g.label().to_string(),
            (None, Some(k), Some(n)) => format!("{k}/{n}"),
            _ if self.state == DossierState::Recommended => "未排名".into(),
            _ => self.state.label().to_string(),
        };
        ((!prefix.is_empty()).then(|| prefix.join(" ")), standing)
    }
}

/// The text of a results row's 「上年」 cell: `previous_text`, or 「首次申报」.
pub fn previous_cell(row: &ResultRow, year: i32) -> String {
    row.previous.as_ref().map(|p| p.previous_text(year, row.award)).unwrap_or_else(|| FIRST_TIME.into())
}

/// The same cell for a narrow printed column: the year and award (when said) on a line of their
/// own above the standing, so that neither is broken inside a word.
pub fn previous_cell_lines(row: &ResultRow, year: i32) -> String {
    match &row.previous {
        None => FIRST_TIME.into(),
        Some(p) => match p.previous_parts(year, row.award) {
            (Some(prefix), standing) => format!("{prefix}\n{standing}"),
            (None, standing) => standing,
        },
    }
}

/// What the 「上年」 column says of a unit that never applied before.
pub const FIRST_TIME: &str = "首次申报";

/// Every applied (not draft) dossier of a year with its standing, by unit code, from the year's
/// own results (`compute_results`) and funding lines.
pub(crate) fn year_standings(conn: &Connection, c: &Campaign) -> Result<Vec<(String, HistoryEntry)>> {
    let results = compute_results(conn, c)?;
    let amounts: HashMap<i64, i64> =
        rows::funding::all(conn, c.id)?.into_iter().map(|l| (l.dossier_id, l.amount_yuan)).collect();
    let ranked = |award: Award| results.rows.iter().filter(|r| r.award == award && r.rank.is_some()).count() as u32;
    let of = [ranked(Award::Pilot), ranked(Award::Subsidy)];
    let by_id: HashMap<i64, &ResultRow> = results.rows.iter().map(|r| (r.dossier_id, r)).collect();
    let mut out = Vec::new();
    for d in rows::dossiers::applied(conn, c.id)? {
        let r = by_id.get(&d.id);
        let rank = r.and_then(|r| r.rank);
        out.push((
            d.unit_code,
            HistoryEntry {
                year: c.year,
                award: d.award,
                state: d.state,
                aggregate: r.filter(|r| r.rank.is_some()).and_then(|r| r.aggregate).map(|a| a.to_string()),
                rank,
                of: rank.map(|_| of[if d.award == Award::Pilot { 0 } else { 1 }]),
                grade: r.and_then(|r| r.grade),
                amount_yuan: amounts.get(&d.id).copied(),
            },
        ));
    }
    Ok(out)
}
