//! Results: aggregate, mean, median, rank, grade and flags per dossier, derived from the
//! recommended dossiers and the submitted sheets whenever they are read; the panel's consensus.

use super::campaign::{load, Campaign};
use super::dossiers::{find_dossier, record_decision};
use super::rows;
use super::{Actor, Desk, Role};
use crate::decimal::{Centi, Points};
use crate::error::{Error, Result};
use crate::model::Award;
use crate::scoring::{self, DossierScores, Grade};
use crate::store;
use crate::workflow::Stage;
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
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Results {
    pub year: i32,
    pub stage: Stage,
    pub rows: Vec<ResultRow>,
    pub deviating_experts: Vec<String>,
}

/// Computes the results of a campaign from the store (recommended dossiers, submitted sheets).
///
/// Reads only what the results need: the dossiers' unit, award, late mark and indicators (the
/// row layer's narrow `ScoredDossier`, no contacts or narratives), each sheet's total summed by
/// SQLite, the experts' names and the consensus decisions. A dossier's place in the read order is
/// found by binary search; the z-scores come from each expert's moments, not a map of every pair.
pub(crate) fn compute_results(conn: &Connection, c: &Campaign) -> Result<Results> {
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
    let mut consensus: HashMap<i64, String> = HashMap::new();
    {
        let mut st = conn.prepare_cached("SELECT x.dossier_id, x.reason FROM decisions x JOIN dossiers d ON d.id = x.dossier_id WHERE d.campaign_id = ?1 AND x.kind = 'consensus' ORDER BY x.id")?;
        let mut rows = st.query([c.id])?;
        while let Some(r) = rows.next()? {
            consensus.insert(r.get(0)?, r.get(1)?);
        }
    }
    let results = scoring::results(&inputs, &c.policy);
    let deviating = scoring::deviating_experts(&inputs, &c.policy);
    let moments = scoring::expert_moments(&inputs);
    let name = |e: &i64| names.get(e).cloned().unwrap_or_default();
    let mut rows = Vec::with_capacity(results.len());
    for r in results {
        let k = place_of(r.dossier_id)
            .ok_or_else(|| Error::Other(format!("评审结果中的申报材料{}不在库中", r.dossier_id)))?;
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
        });
    }
    Ok(Results {
        year: c.year,
        stage: c.stage,
        rows,
        deviating_experts: deviating.iter().filter_map(|e| names.get(e).cloned()).collect(),
    })
}

impl Desk {
    /// Results of the campaign: aggregate, mean, median, rank, grade and flags per dossier, with
    /// every expert's total (secretariat only).
    pub fn results(&self, actor: &Actor, year: Option<i32>) -> Result<Results> {
        self.require(actor, Role::Secretariat, "查看评审结果")?;
        let c = load(&self.conn, year)?;
        compute_results(&self.conn, &c)
    }

    /// Records the panel's consensus decision on a dossier (e.g. after a disagreement).
    pub fn record_consensus(
        &self,
        actor: &Actor,
        year: Option<i32>,
        unit: &str,
        award: Option<Award>,
        text: &str,
    ) -> Result<()> {
        self.require(actor, Role::Secretariat, "记录专家组意见")?;
        if text.trim().is_empty() {
            return Err(Error::invalid("专家组意见", "不能为空"));
        }
        self.write(|tx| {
            let c = load(tx, year)?;
            if !matches!(c.stage, Stage::Review | Stage::Decide) {
                return Err(Error::IllegalTransition {
                    state: c.stage.label().into(),
                    action: "记录专家组意见".into(),
                    allowed: "须在评审或结果确定阶段记录".into(),
                });
            }
            let id = find_dossier(tx, c.id, unit, award)?;
            record_decision(tx, actor, id, "consensus", text)?;
            store::audit(
                tx,
                &actor.audit_name(),
                crate::AuditAction::DossierConsensus,
                &format!("dossier:{id}"),
                &serde_json::json!({"text": text}),
            )
        })
    }
}
