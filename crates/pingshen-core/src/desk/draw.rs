//! The random draw of reviewers (recusal, balanced loads, the seed recorded) and the
//! assignments it made.

use super::campaign::load;
use super::rows::experts::{conflicts_of, expert_id_of};
use super::{Actor, Desk, Role};
use crate::assignment::{self, DrawDossier};
use crate::error::{Error, Result};
use crate::model::Award;
use crate::rules;
use crate::store;
use crate::units;
use crate::workflow::{SheetState, Stage, StageEvent};
use crate::AuditAction;
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
}

impl Desk {
    /// The random draw: every recommended dossier gets `per_dossier` experts (policy default),
    /// with recusal and balanced loads; the seed is recorded. Apply → Review.
    pub fn draw(&self, actor: &Actor, year: Option<i32>, per_dossier: Option<u32>, seed: u64) -> Result<DrawReport> {
        self.require(actor, Role::Secretariat, "抽取评审专家")?;
        let _backup = self.backup_if_stage(actor, year, Stage::Apply, StageEvent::Draw)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            let k = per_dossier.unwrap_or(c.policy.experts_per_dossier);
            if k == 0 {
                return Err(Error::invalid("每份材料评审专家数", "至少为1"));
            }
            let open: i64 = tx.query_row("SELECT count(*) FROM dossiers WHERE campaign_id = ?1 AND state IN ('submitted', 'late')", [c.id], |r| r.get(0))?;
            if open > 0 {
                return Err(Error::rule(format!("尚有{open}份申报材料未完成形式审查或逾期处理，请先推荐（recommend）或处理后再抽取专家")));
            }
            super::campaign::advance(tx, &c, StageEvent::Draw, actor)?;
            let dossiers: Vec<(i64, String)> = {
                let mut st = tx.prepare("SELECT id, unit_code FROM dossiers WHERE campaign_id = ?1 AND state = 'recommended' ORDER BY id")?;
                let v = st.query_map([c.id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<std::result::Result<_, _>>()?;
                v
            };
            if dossiers.is_empty() {
                return Err(Error::rule("没有已推荐的申报材料，无法抽取专家"));
            }
            let experts: Vec<(i64, String, String)> = {
                let mut st = tx.prepare("SELECT id, province, employer FROM experts WHERE campaign_id = ?1 ORDER BY id")?;
                let v = st.query_map([c.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<std::result::Result<_, _>>()?;
                v
            };
            let mut conflicts: HashMap<i64, Vec<String>> = HashMap::new();
            for (id, _, _) in &experts {
                conflicts.insert(*id, conflicts_of(tx, *id)?);
            }
            let draw_in: Vec<DrawDossier> = dossiers
                .iter()
                .map(|(id, code)| {
                    let u = units::by_code(code).expect("stored unit codes are valid");
                    DrawDossier {
                        id: *id,
                        label: u.full_name.clone(),
                        recused: experts.iter().filter(|(e, p, emp)| rules::recusal(p, emp, &conflicts[e], u).is_some()).map(|(e, _, _)| *e).collect(),
                    }
                })
                .collect();
            let ids: Vec<i64> = experts.iter().map(|e| e.0).collect();
            let pairs = assignment::draw(&draw_in, &ids, k, seed)?;
            tx.execute("INSERT INTO draws (campaign_id, seed, per_dossier, actor, at) VALUES (?1, ?2, ?3, ?4, ?5)", params![c.id, seed as i64, k, actor.audit_name(), store::now_utc()])?;
            for (d, e) in &pairs {
                tx.execute("INSERT INTO assignments (campaign_id, dossier_id, expert_id, state) VALUES (?1, ?2, ?3, 'pending')", params![c.id, d, e])?;
            }
            let mut loads: HashMap<i64, i64> = ids.iter().map(|e| (*e, 0)).collect();
            for (_, e) in &pairs {
                *loads.entry(*e).or_default() += 1;
            }
            let report = DrawReport {
                seed,
                per_dossier: k,
                dossiers: dossiers.len(),
                experts: ids.len(),
                assignments: pairs.len(),
                min_load: loads.values().copied().min().unwrap_or(0),
                max_load: loads.values().copied().max().unwrap_or(0),
            };
            store::audit(tx, &actor.audit_name(), AuditAction::ReviewDraw, &format!("campaign:{}", c.year), &serde_json::json!({"seed": seed.to_string(), "per_dossier": k, "pairs": pairs}))?;
            Ok(report)
        })
    }

    /// Assignments: the secretariat sees all; an expert only their own.
    pub fn assignments(&self, actor: &Actor, year: Option<i32>) -> Result<Vec<AssignmentView>> {
        let c = load(&self.conn, year)?;
        let filter = match actor.role {
            Role::Secretariat => None,
            Role::Expert => Some(expert_id_of(&self.conn, actor, c.id)?.unwrap_or(-1)),
            Role::Applicant => return Err(self.deny(actor, "申报单位不能查看评审分配")),
        };
        let mut st = self.conn.prepare(
            "SELECT a.id, a.dossier_id, e.name, e.id, u.full_name, u.code, d.award, a.state FROM assignments a
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
                })
            })?
            .collect::<std::result::Result<_, _>>()
            .map_err(super::rows::at("assignments", format!("（{}年度）", c.year)))?;
        Ok(v)
    }
}
