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
/// each with its submitted totals (`inputs`, in the same order), the experts' names by id, and
/// where each dossier id sits in that order.
pub(crate) struct ScoredInputs {
    pub dossiers: Vec<rows::dossiers::ScoredDossier>,
    pub inputs: Vec<DossierScores>,
    pub names: HashMap<i64, String>,
    pub places: IdIndex,
}

/// Where each id of a list sits in it (a year's dossiers in their read order, its experts). A
/// year's rows have mostly consecutive ids, so this is a table indexed by id − the smallest id
/// when the ids span at most four times their number; else the (id, place) pairs sorted by id
/// and searched by halves.
pub(crate) enum IdIndex {
    Dense { base: i64, slot: Vec<u32> },
    Sorted(Vec<(i64, usize)>),
}

impl IdIndex {
    const NONE: u32 = u32::MAX;

    pub fn new(ids: impl ExactSizeIterator<Item = i64> + Clone) -> IdIndex {
        let n = ids.len();
        let (lo, hi) = ids.clone().fold((i64::MAX, i64::MIN), |(lo, hi), id| (lo.min(id), hi.max(id)));
        let span = hi.saturating_sub(lo).saturating_add(1);
        if n > 0 && n < Self::NONE as usize && span <= 4 * n as i64 + 64 {
            let mut slot = vec![Self::NONE; span as usize];
            for (k, id) in ids.enumerate() {
                slot[(id - lo) as usize] = k as u32;
            }
            return IdIndex::Dense { base: lo, slot };
        }
        let mut sorted: Vec<(i64, usize)> = ids.enumerate().map(|(k, id)| (id, k)).collect();
        sorted.sort_unstable();
        IdIndex::Sorted(sorted)
    }

    /// The place of `id`, None when it is not in the list.
    pub fn of(&self, id: i64) -> Option<usize> {
        match self {
            IdIndex::Dense { base, slot } => {
                let k = usize::try_from(id.checked_sub(*base)?).ok()?;
                slot.get(k).filter(|&&s| s != Self::NONE).map(|&s| s as usize)
            }
            IdIndex::Sorted(v) => v.binary_search_by_key(&id, |p| p.0).ok().map(|k| v[k].1),
        }
    }
}

/// Reads the [`ScoredInputs`] of a campaign: each sheet's total summed by SQLite, plus the
/// dossier's auto subtotal; a dossier's place in the read order found by its [`IdIndex`].
pub(crate) fn scored_inputs(conn: &Connection, c: &Campaign) -> Result<ScoredInputs> {
    let dossiers = rows::dossiers::recommended(conn, c.id)?;
    let places = IdIndex::new(dossiers.iter().map(|d| d.id));
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
    // Each submitted sheet's total, summed by SQLite in one ordered pass over the score rows of
    // the year's range of assignment ids (the scores' key starts with the assignment), grouped by
    // sheet as they come and joined to their assignment by rowid: no key lookup per sheet. A sheet
    // without score rows has no group and so no total, as in a plain join. Each total then gets
    // the dossier's auto subtotal.
    {
        let mut st = conn.prepare_cached(
            "SELECT a.dossier_id, a.expert_id, t.total
               FROM (SELECT assignment_id, SUM(centi) AS total FROM scores
                      WHERE assignment_id BETWEEN (SELECT min(id) FROM assignments WHERE campaign_id = ?1)
                                              AND (SELECT max(id) FROM assignments WHERE campaign_id = ?1)
                      GROUP BY assignment_id) t
               JOIN assignments a ON a.id = t.assignment_id
              WHERE a.campaign_id = ?1 AND a.state = 'submitted'",
        )?;
        let mut rows = st.query([c.id])?;
        while let Some(r) = rows.next()? {
            if let Some(k) = places.of(r.get(0)?) {
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
    Ok(ScoredInputs { dossiers, inputs, names, places })
}

/// Computes the results of a campaign from the store (recommended dossiers, submitted sheets).
///
/// Reads only what the results need: the dossiers' unit, award, late mark and indicators (the
/// row layer's narrow `ScoredDossier`, no contacts or narratives), each sheet's total summed by
/// SQLite, the experts' names and the consensus decisions. A dossier's and an expert's place are
/// found by an [`IdIndex`]; the z-scores come from each expert's moments, not a map of every pair.
pub(crate) fn compute_results(conn: &Connection, c: &Campaign) -> Result<Results> {
    let ScoredInputs { dossiers, inputs, names, places } = scored_inputs(conn, c)?;
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
    // the experts who gave a total, in id order: name, moments, deviating; found by one lookup
    let experts: Vec<(i64, scoring::Moments)> = moments.into_iter().collect();
    let expert_at = IdIndex::new(experts.iter().map(|(e, _)| *e));
    let expert_name: Vec<&str> =
        experts.iter().map(|(e, _)| names.get(e).map(String::as_str).unwrap_or_default()).collect();
    // `deviating` is sorted by expert id
    let expert_deviates: Vec<bool> = experts.iter().map(|(e, _)| deviating.binary_search(e).is_ok()).collect();
    let mut rows = Vec::with_capacity(results.len());
    for r in results {
        let k = places
            .of(r.dossier_id)
            .ok_or_else(|| Error::other(t!(msg::DECIDE_RESULTS_DOSSIER_MISSING, id = r.dossier_id)))?;
        let (d, i) = (&dossiers[k], &inputs[k]);
        let mut flags = r.flags;
        if d.late {
            flags.push("late".into());
        }
        // each total's expert (every one has moments, so a place)
        let at: Vec<usize> = i.totals.iter().filter_map(|(e, _)| expert_at.of(*e)).collect();
        for &k in &at {
            if expert_deviates[k] {
                flags.push(format!("deviating_expert:{}", expert_name[k]));
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
                .zip(&at)
                .map(|((_, t), &k)| ExpertTotal {
                    expert: expert_name[k].to_string(),
                    total: *t,
                    z: experts[k].1.z(*t),
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::desk::campaign::load;
    use crate::desk::Desk;
    use crate::rules::Policy;

    #[test]
    fn id_index_finds_every_id_at_its_place_and_nothing_else() {
        // consecutive ids (a table) and scattered ones (sorted pairs), read in any order
        for ids in [vec![12, 10, 11, 15, 13], vec![7, 1_000_000, -3, 42]] {
            let index = IdIndex::new(ids.iter().copied());
            assert_eq!(matches!(index, IdIndex::Dense { .. }), ids[0] == 12);
            for (k, id) in ids.iter().enumerate() {
                assert_eq!(index.of(*id), Some(k), "id {id}");
            }
            for absent in [14, 9, 16, 0, i64::MIN, i64::MAX] {
                assert_eq!(index.of(absent), None, "id {absent}");
            }
        }
        assert_eq!(IdIndex::new(std::iter::empty()).of(1), None);
    }

    /// Each submitted sheet's total is the sum of its own score rows plus the auto subtotal, also
    /// when another year's sheets have ids between this year's (the sums read the year's range of
    /// sheet ids); a sheet not submitted, or submitted without score rows, gives no total.
    #[test]
    fn totals_are_each_sheets_own_with_another_years_sheets_in_between() {
        let desk = Desk::open_in_memory().unwrap();
        let sec = desk.local_secretariat();
        desk.open_campaign(&sec, 2014, Policy::default()).unwrap();
        desk.open_campaign(&sec, 2015, Policy::default()).unwrap();
        let conn = desk.conn();
        let (y14, y15) = (load(conn, Some(2014)).unwrap(), load(conn, Some(2015)).unwrap());
        let dossier = |c: &Campaign, unit: &str| {
            conn.execute(
                "INSERT INTO dossiers (campaign_id, unit_code, award, state, created_at, updated_at)
                 VALUES (?1, ?2, 'subsidy', 'recommended', '', '')",
                rusqlite::params![c.id, unit],
            )
            .unwrap();
            conn.last_insert_rowid()
        };
        let expert = |c: &Campaign, name: &str| {
            conn.execute(
                "INSERT INTO experts (campaign_id, name, employer, province, field, phone) VALUES (?1, ?2, '某大学', '北京', '', '')",
                rusqlite::params![c.id, name],
            )
            .unwrap();
            conn.last_insert_rowid()
        };
        let sheet = |c: &Campaign, d: i64, e: i64, state: &str, scores: &[i64]| {
            conn.execute(
                "INSERT INTO assignments (campaign_id, dossier_id, expert_id, state) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![c.id, d, e, state],
            )
            .unwrap();
            let a = conn.last_insert_rowid();
            for (k, v) in scores.iter().enumerate() {
                conn.execute(
                    "INSERT INTO scores (assignment_id, criterion, centi) VALUES (?1, ?2, ?3)",
                    rusqlite::params![a, format!("c{k}"), v],
                )
                .unwrap();
            }
        };
        let (d14, d15) = (dossier(&y14, "110000"), dossier(&y15, "110000"));
        let (a, b, x) = (expert(&y14, "甲"), expert(&y14, "乙"), expert(&y14, "戊"));
        let (c, e) = (expert(&y15, "丙"), expert(&y15, "丁"));
        // 2014's sheets first and last, 2015's in between
        sheet(&y14, d14, a, "submitted", &[1000, 2000]);
        sheet(&y15, d15, c, "submitted", &[5000, 5000]);
        sheet(&y14, d14, x, "draft", &[9900]);
        sheet(&y15, d15, e, "submitted", &[]);
        sheet(&y14, d14, b, "submitted", &[3000, 50]);
        let totals = |c: &Campaign| {
            let s = scored_inputs(conn, c).unwrap();
            assert_eq!(s.inputs.len(), 1);
            let auto = s.inputs[0].auto_subtotal.0;
            s.inputs[0].totals.iter().map(|(e, t)| (s.names[e].clone(), t.0 - auto)).collect::<Vec<_>>()
        };
        assert_eq!(totals(&y14), vec![("甲".to_string(), 3000), ("乙".to_string(), 3050)]);
        assert_eq!(totals(&y15), vec![("丙".to_string(), 10000)]);
    }
}
