//! The assignment matrix (experts × dossiers with recusals and their reasons, loads, progress) and
//! the review statistics (each expert's deviation from the panel, criterion averages).

use super::campaign::load;
use super::ranking::compute_results;
use super::rows::experts::{conflicts_of, pending_conflicts_of};
use super::rows::pledges::{acceptance, PledgeKind};
use super::{Actor, Desk, Role};
use crate::decimal::Centi;
use crate::error::Result;
use crate::model::Award;
use crate::rules;
use crate::scoring::{deviation_of_experts, DossierScores};
use crate::units;
use crate::{msg, t};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct MatrixExpert {
    pub id: i64,
    pub name: String,
    pub province: String,
    pub employer: String,
    /// Sheets assigned (not recused).
    pub load: u32,
    pub submitted: u32,
    pub pending: u32,
    /// When the expert accepted the year's pledge (UTC, RFC 3339; None: not yet), and where.
    pub pledged_at: Option<String>,
    pub pledge_kind: Option<PledgeKind>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct MatrixDossier {
    pub id: i64,
    pub unit: String,
    pub unit_short: String,
    pub award: Award,
    pub province: String,
    /// Experts assigned (not recused).
    pub assigned: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct MatrixCell {
    pub expert_id: i64,
    pub dossier_id: i64,
    /// assigned · submitted · unreturned (left when the review ended) · recused (assigned, then recused) · withdrawn (replaced, or the dossier withdrawn) · ineligible (a recusal rule applies)
    pub state: String,
    pub assignment_id: Option<i64>,
    /// Why the expert may not review the unit, e.g. 「同省回避（湖北）」.
    pub reason: Option<String>,
    /// The earlier year in which the expert scored this unit, when the draw had to keep the pair
    /// (rotation could not avoid it); the matrix marks the cell.
    pub repeat_of_year: Option<i32>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AssignmentMatrix {
    pub seed: Option<u64>,
    pub per_dossier: u32,
    pub experts: Vec<MatrixExpert>,
    pub dossiers: Vec<MatrixDossier>,
    /// Only the non-empty cells.
    pub cells: Vec<MatrixCell>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ExpertStat {
    pub expert: String,
    pub assigned: u32,
    pub submitted: u32,
    pub pending: u32,
    /// Mean over the expert's dossiers of |their total − the other experts' mean|, in points;
    /// the quantity the `deviating` flag compares with the policy.
    pub mean_abs_deviation: Option<f64>,
    pub deviating: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CriterionAverage {
    pub award: Award,
    pub id: String,
    pub name: String,
    pub max: i64,
    pub auto: bool,
    /// Over the submitted sheets (auto criteria: over the ranked dossiers).
    pub average: Option<f64>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ReviewStats {
    pub experts: Vec<ExpertStat>,
    pub criteria: Vec<CriterionAverage>,
}

struct ExpertRow {
    id: i64,
    name: String,
    province: String,
    employer: String,
}

impl Desk {
    fn expert_rows(&self, campaign_id: i64) -> Result<Vec<ExpertRow>> {
        let mut st =
            self.conn.prepare("SELECT id, name, province, employer FROM experts WHERE campaign_id = ?1 ORDER BY id")?;
        let v = st
            .query_map([campaign_id], |r| {
                Ok(ExpertRow { id: r.get(0)?, name: r.get(1)?, province: r.get(2)?, employer: r.get(3)? })
            })?
            .collect::<std::result::Result<_, _>>()?;
        Ok(v)
    }

    /// Experts × recommended dossiers (secretariat): who reviews what, who may not and why.
    pub fn assignment_matrix(&self, actor: &Actor, year: Option<i32>) -> Result<AssignmentMatrix> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_VIEW_MATRIX))?;
        let c = load(&self.conn, year)?;
        let experts = self.expert_rows(c.id)?;
        let mut st = self.conn.prepare(
            "SELECT d.id, d.unit_code, d.award FROM dossiers d JOIN units u ON u.code = d.unit_code
              WHERE d.campaign_id = ?1 AND (d.state = 'recommended' OR d.id IN (SELECT dossier_id FROM assignments WHERE campaign_id = ?1)) ORDER BY d.award, u.ord",
        )?;
        let dossiers: Vec<(i64, String, Award)> =
            st.query_map([c.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<std::result::Result<_, _>>()?;
        let mut st = self.conn.prepare(
            "SELECT id, expert_id, dossier_id, state, repeat_of_year FROM assignments WHERE campaign_id = ?1",
        )?;
        let assigned: Vec<(i64, i64, i64, String, Option<i32>)> = st
            .query_map([c.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<std::result::Result<_, _>>()?;
        let by_pair: HashMap<(i64, i64), (i64, String)> =
            assigned.iter().map(|(a, e, d, s, _)| ((*e, *d), (*a, s.clone()))).collect();
        let repeat_of: HashMap<i64, i32> = assigned.iter().filter_map(|(a, _, _, _, y)| Some((*a, (*y)?))).collect();
        let draw: Option<(i64, u32)> = self
            .conn
            .query_row(
                "SELECT seed, per_dossier FROM draws WHERE campaign_id = ?1 ORDER BY id DESC LIMIT 1",
                [c.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ok();
        let mut cells = Vec::new();
        let mut mx: Vec<MatrixExpert> = Vec::new();
        let mut md: Vec<MatrixDossier> = dossiers
            .iter()
            .filter_map(|(id, code, award)| {
                let u = units::by_code(code)?;
                Some(MatrixDossier {
                    id: *id,
                    unit: u.full_name.clone(),
                    unit_short: u.short_name.clone(),
                    award: *award,
                    province: u.province.clone(),
                    assigned: 0,
                })
            })
            .collect();
        for e in &experts {
            let declared = conflicts_of(&self.conn, e.id)?;
            let pending = pending_conflicts_of(&self.conn, e.id)?;
            let mut me = MatrixExpert {
                id: e.id,
                name: e.name.clone(),
                province: e.province.clone(),
                employer: e.employer.clone(),
                load: 0,
                submitted: 0,
                pending: 0,
                pledged_at: None,
                pledge_kind: None,
            };
            if let Some(a) = acceptance(&self.conn, e.id)? {
                me.pledged_at = Some(a.accepted_at);
                me.pledge_kind = Some(a.kind);
            }
            for d in md.iter_mut() {
                let Some(u) =
                    units::by_code(&dossiers.iter().find(|x| x.0 == d.id).map(|x| x.1.clone()).unwrap_or_default())
                else {
                    continue;
                };
                let reason = rules::recusal(&e.province, &e.employer, &declared, u).map(|r| match r {
                    // carried from an earlier year, not yet confirmed: it recuses all the same
                    rules::Recusal::Declared if pending.contains(&u.code) => format!("{}（待确认）", r.label()),
                    r => r.label(),
                });
                let (state, aid) = match by_pair.get(&(e.id, d.id)) {
                    Some((aid, s)) if s == "recused" => ("recused", Some(*aid)),
                    Some((aid, s)) if s == "withdrawn" => ("withdrawn", Some(*aid)),
                    Some((aid, s)) => {
                        me.load += 1;
                        d.assigned += 1;
                        if s == "submitted" {
                            me.submitted += 1;
                            ("submitted", Some(*aid))
                        } else if s == "unreturned" {
                            ("unreturned", Some(*aid))
                        } else {
                            me.pending += 1;
                            ("assigned", Some(*aid))
                        }
                    }
                    None if reason.is_some() => ("ineligible", None),
                    None => continue,
                };
                let reason = match state {
                    "recused" => reason.or_else(|| Some("已回避".to_string())),
                    "ineligible" => reason,
                    "withdrawn" => Some("已撤回（专家已替换或申报已撤回）".to_string()),
                    "unreturned" => Some("结束评审时未返回".to_string()),
                    _ => None,
                };
                cells.push(MatrixCell {
                    expert_id: e.id,
                    dossier_id: d.id,
                    state: state.into(),
                    assignment_id: aid,
                    reason,
                    repeat_of_year: aid.and_then(|a| repeat_of.get(&a).copied()),
                });
            }
            mx.push(me);
        }
        Ok(AssignmentMatrix {
            seed: draw.map(|d| d.0 as u64),
            per_dossier: draw.map(|d| d.1).unwrap_or(c.policy.experts_per_dossier),
            experts: mx,
            dossiers: md,
            cells,
        })
    }

    /// Each expert's progress and deviation from the panel; each criterion's average (secretariat).
    pub fn review_statistics(&self, actor: &Actor, year: Option<i32>) -> Result<ReviewStats> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_VIEW_STATS))?;
        let c = load(&self.conn, year)?;
        let results = compute_results(&self.conn, &c)?;
        let experts = self.expert_rows(c.id)?;
        let name_id: HashMap<&str, i64> = experts.iter().map(|e| (e.name.as_str(), e.id)).collect();
        let inputs: Vec<DossierScores> = results
            .rows
            .iter()
            .map(|r| DossierScores {
                dossier_id: r.dossier_id,
                award: r.award,
                unit_order: r.unit_order,
                auto_subtotal: r.auto_subtotal,
                task_rate: None,
                totals: r
                    .experts
                    .iter()
                    .filter_map(|t| name_id.get(t.expert.as_str()).map(|id| (*id, t.total)))
                    .collect(),
            })
            .collect();
        let deviation = deviation_of_experts(&inputs);
        let mut st = self.conn.prepare(
            "SELECT expert_id, state, count(*) FROM assignments WHERE campaign_id = ?1 GROUP BY expert_id, state",
        )?;
        let mut counts: HashMap<(i64, String), u32> = HashMap::new();
        for row in st.query_map([c.id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, u32>(2)?)))? {
            let (e, s, n) = row?;
            counts.insert((e, s), n);
        }
        let limit = c.policy.deviation_points as f64;
        let stats = experts
            .iter()
            .map(|e| {
                let get = |s: &str| counts.get(&(e.id, s.to_string())).copied().unwrap_or(0);
                let dev = deviation.get(&e.id).map(|r| r.as_f64() / 100.0);
                ExpertStat {
                    expert: e.name.clone(),
                    assigned: get("pending") + get("submitted") + get("unreturned"),
                    submitted: get("submitted"),
                    pending: get("pending"),
                    mean_abs_deviation: dev.map(|d| (d * 100.0).round() / 100.0),
                    deviating: results.deviating_experts.contains(&e.name),
                }
            })
            .collect::<Vec<_>>();
        let _ = limit;
        // criterion averages over submitted sheets (typed) and over scored dossiers (auto)
        let mut st = self.conn.prepare(
            "SELECT d.award, s.criterion, AVG(s.centi) FROM scores s JOIN assignments a ON a.id = s.assignment_id JOIN dossiers d ON d.id = a.dossier_id
              WHERE a.campaign_id = ?1 AND a.state = 'submitted' GROUP BY d.award, s.criterion",
        )?;
        let mut typed: HashMap<(String, String), f64> = HashMap::new();
        for row in
            st.query_map([c.id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, f64>(2)?)))?
        {
            let (a, k, v) = row?;
            typed.insert((a, k), v / 100.0);
        }
        let mut criteria = Vec::new();
        for award in [Award::Subsidy, Award::Pilot] {
            let rubric = c.rubric(award);
            let scored: Vec<&super::ResultRow> =
                results.rows.iter().filter(|r| r.award == award && r.n_scores > 0).collect();
            for k in &rubric.criteria {
                let average = if k.is_auto() {
                    let mut sum = 0i64;
                    for r in &scored {
                        let d = super::dossiers::load_dossier(&self.conn, r.dossier_id)?;
                        sum += rubric
                            .auto_scores(&d.input.indicators)
                            .iter()
                            .find(|(id, _)| *id == k.id)
                            .map(|x| x.1 .0)
                            .unwrap_or(0);
                    }
                    (!scored.is_empty()).then(|| Centi(sum).as_f64() / scored.len() as f64)
                } else {
                    typed.get(&(award.code().to_string(), k.id.clone())).copied()
                };
                criteria.push(CriterionAverage {
                    award,
                    id: k.id.clone(),
                    name: k.name.clone(),
                    max: k.points,
                    auto: k.is_auto(),
                    average: average.map(|a| (a * 100.0).round() / 100.0),
                });
            }
        }
        Ok(ReviewStats { experts: stats, criteria })
    }
}
