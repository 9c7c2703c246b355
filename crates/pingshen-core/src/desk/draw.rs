//! The random draw of reviewers (recusal, balanced loads, the seed recorded) and the
//! assignments it made.

use super::campaign::load;
use super::rows::assignments::scored_pairs;
use super::rows::experts::{conflicts_of, expert_id_of};
use super::{Actor, Desk, Role};
use crate::assignment::DrawDossier;
use crate::error::{Error, Result};
use crate::model::Award;
use crate::rotation;
use crate::rules;
use crate::store;
use crate::units;
use crate::workflow::{SheetState, Stage, StageEvent};
use crate::AuditAction;
use crate::{msg, t};
use rusqlite::params;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AssignmentView {
    pub id: i64,
    pub dossier_id: i64,
    pub expert: String,
    pub expert_id: i64,
    pub unit: String,
    pub unit_code: String,
    pub award: Award,
    pub state: SheetState,
    /// The earlier year in which this expert scored this unit, when rotation had to keep the pair.
    pub repeat_of_year: Option<i32>,
}

/// A pair the draw kept although the expert scored the unit the year before (rotation could not
/// avoid it: too few experts once recusals and balanced loads are kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RepeatedPair {
    pub expert: String,
    pub unit: String,
    pub award: Award,
    pub repeat_of_year: i32,
    /// Why, in words.
    pub why: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct DrawReport {
    pub seed: u64,
    pub per_dossier: u32,
    pub dossiers: usize,
    pub experts: usize,
    pub assignments: usize,
    pub min_load: i64,
    pub max_load: i64,
    /// Whether the policy's rotation applied (`rotate_pairs`).
    pub rotate_pairs: bool,
    /// The previous year's pairs the draw kept (the fewest possible); empty when none.
    pub repeats: Vec<RepeatedPair>,
}

impl Desk {
    /// The random draw: every recommended dossier gets `per_dossier` experts (policy default),
    /// with recusal and balanced loads; the seed is recorded. Apply → Review.
    pub fn draw(&self, actor: &Actor, year: Option<i32>, per_dossier: Option<u32>, seed: u64) -> Result<DrawReport> {
        self.require(actor, Role::Secretariat, StageEvent::Draw.text())?;
        let _backup = self.backup_if_stage(actor, year, Stage::Apply, StageEvent::Draw)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            let k = per_dossier.unwrap_or(c.policy.experts_per_dossier);
            if k == 0 {
                return Err(Error::invalid(t!(msg::INPUT_FIELD_EXPERTS_PER_DOSSIER), t!(msg::INPUT_AT_LEAST_ONE)));
            }
            let open: i64 = tx.query_row("SELECT count(*) FROM dossiers WHERE campaign_id = ?1 AND state IN ('submitted', 'late')", [c.id], |r| r.get(0))?;
            if open > 0 {
                return Err(Error::rule(t!(msg::YEAR_DRAW_OPEN_DOSSIERS, n = open)));
            }
            super::campaign::advance(tx, &c, StageEvent::Draw, actor)?;
            let dossiers: Vec<(i64, String)> = {
                let mut st = tx.prepare("SELECT id, unit_code FROM dossiers WHERE campaign_id = ?1 AND state = 'recommended' ORDER BY id")?;
                let v = st.query_map([c.id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<std::result::Result<_, _>>()?;
                v
            };
            if dossiers.is_empty() {
                return Err(Error::rule(t!(msg::YEAR_DRAW_NONE_RECOMMENDED)));
            }
            let experts: Vec<(i64, String, String, String)> = {
                let mut st = tx.prepare("SELECT id, province, employer, name FROM experts WHERE campaign_id = ?1 ORDER BY id")?;
                let v = st.query_map([c.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<std::result::Result<_, _>>()?;
                v
            };
            let mut conflicts: HashMap<i64, Vec<String>> = HashMap::new();
            for (id, _, _, _) in &experts {
                conflicts.insert(*id, conflicts_of(tx, *id)?);
            }
            let draw_in: Vec<DrawDossier> = dossiers
                .iter()
                .map(|(id, code)| {
                    let u = units::by_code(code).expect("stored unit codes are valid");
                    DrawDossier {
                        id: *id,
                        label: u.full_name.clone(),
                        recused: experts.iter().filter(|(e, p, emp, _)| rules::recusal(p, emp, &conflicts[e], u).is_some()).map(|(e, _, _, _)| *e).collect(),
                    }
                })
                .collect();
            let ids: Vec<i64> = experts.iter().map(|e| e.0).collect();
            let last_year = c.year - 1;
            // rotation: this year's (dossier, expert) pairs whose expert scored the unit last year
            let previous: Vec<(i64, i64)> = if c.policy.rotate_pairs {
                let scored = &scored_pairs(tx, last_year)?;
                dossiers
                    .iter()
                    .flat_map(|(d, code)| {
                        experts
                            .iter()
                            .filter(move |(_, _, _, name)| scored.iter().any(|(u, n)| u == code && n == name))
                            .map(move |(e, _, _, _)| (*d, *e))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let rotation::RotatedDraw { pairs, repeats } = rotation::draw_rotating(&draw_in, &ids, k, seed, &previous)?;
            tx.execute("INSERT INTO draws (campaign_id, seed, per_dossier, actor, at) VALUES (?1, ?2, ?3, ?4, ?5)", params![c.id, seed as i64, k, actor.audit_name(), store::now_utc()])?;
            for (d, e) in &pairs {
                let repeat = repeats.contains(&(*d, *e)).then_some(last_year);
                tx.execute("INSERT INTO assignments (campaign_id, dossier_id, expert_id, state, repeat_of_year) VALUES (?1, ?2, ?3, 'pending', ?4)", params![c.id, d, e, repeat])?;
            }
            let mut loads: HashMap<i64, i64> = ids.iter().map(|e| (*e, 0)).collect();
            for (_, e) in &pairs {
                *loads.entry(*e).or_default() += 1;
            }
            let awards: HashMap<i64, Award> = {
                let mut st = tx.prepare("SELECT id, award FROM dossiers WHERE campaign_id = ?1")?;
                let v = st.query_map([c.id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<std::result::Result<_, _>>()?;
                v
            };
            let repeated: Vec<RepeatedPair> = repeats
                .iter()
                .map(|(d, e)| {
                    let unit = draw_in.iter().find(|x| x.id == *d).map(|x| x.label.clone()).unwrap_or_default();
                    let expert = experts.iter().find(|x| x.0 == *e).map(|x| x.3.clone()).unwrap_or_default();
                    RepeatedPair {
                        why: format!("{expert}在{last_year}年度评过{unit}；回避与工作量均衡之下可评审该材料的其他专家不足，保留最少的重复"),
                        expert,
                        unit,
                        award: awards[d],
                        repeat_of_year: last_year,
                    }
                })
                .collect();
            let report = DrawReport {
                seed,
                per_dossier: k,
                dossiers: dossiers.len(),
                experts: ids.len(),
                assignments: pairs.len(),
                min_load: loads.values().copied().min().unwrap_or(0),
                max_load: loads.values().copied().max().unwrap_or(0),
                rotate_pairs: c.policy.rotate_pairs,
                repeats: repeated,
            };
            let repeats_json: Vec<serde_json::Value> = report
                .repeats
                .iter()
                .map(|r| serde_json::json!({"expert": r.expert, "unit": r.unit, "award": r.award, "repeat_of_year": r.repeat_of_year}))
                .collect();
            store::audit(tx, &actor.audit_name(), AuditAction::ReviewDraw, &format!("campaign:{}", c.year), &serde_json::json!({"seed": seed.to_string(), "per_dossier": k, "pairs": pairs, "rotate_pairs": c.policy.rotate_pairs, "repeats": repeats_json}))?;
            Ok(report)
        })
    }

    /// Assignments: the secretariat sees all; an expert only their own.
    pub fn assignments(&self, actor: &Actor, year: Option<i32>) -> Result<Vec<AssignmentView>> {
        let c = load(&self.conn, year)?;
        let filter = match actor.role {
            Role::Secretariat => None,
            Role::Expert => Some(expert_id_of(&self.conn, actor, c.id)?.unwrap_or(-1)),
            Role::Applicant => return Err(self.deny(actor, t!(msg::YEAR_APPLICANT_NO_ASSIGNMENTS))),
        };
        let mut st = self.conn.prepare(
            "SELECT a.id, a.dossier_id, e.name, e.id, u.full_name, u.code, d.award, a.state, a.repeat_of_year FROM assignments a
               JOIN experts e ON e.id = a.expert_id JOIN dossiers d ON d.id = a.dossier_id JOIN units u ON u.code = d.unit_code
              WHERE a.campaign_id = ?1 AND (?2 IS NULL OR a.expert_id = ?2) ORDER BY e.id, d.award, u.ord",
        )?;
        let v = st
            .query_map(params![c.id, filter], |r| {
                Ok(AssignmentView {
                    id: r.get(0)?,
                    dossier_id: r.get(1)?,
                    expert: r.get(2)?,
                    expert_id: r.get(3)?,
                    unit: r.get(4)?,
                    unit_code: r.get(5)?,
                    award: r.get(6)?,
                    state: r.get(7)?,
                    repeat_of_year: r.get(8)?,
                })
            })?
            .collect::<std::result::Result<_, _>>()
            .map_err(super::rows::at("assignments", t!(msg::YEAR_ROW_YEAR, year = c.year)))?;
        Ok(v)
    }
}
