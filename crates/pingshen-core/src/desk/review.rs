//! Review: the expert panel, conflicts, the random draw, scoring, submission and reopening.

use super::campaign::{advance, load, Campaign};
use super::dossiers::load_dossier;
use super::{Actor, Desk, Role};
use crate::assignment::{self, DrawDossier};
use crate::decimal::Centi;
use crate::error::{Error, ImportProblem, Result};
use crate::import;
use crate::model::{normalize_province, Award, ExpertInput, ScoreInput};
use crate::rules;
use crate::store;
use crate::units;
use crate::workflow::{SheetState, Stage, StageEvent};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExpertView {
    pub id: i64,
    pub name: String,
    pub employer: String,
    pub province: String,
    pub field: String,
    pub phone: String,
    /// Declared conflicts as unit full names.
    pub conflicts: Vec<String>,
    pub load: i64,
}

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

/// One criterion's score on a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SheetScore {
    pub criterion: String,
    pub points: Centi,
    pub comment: String,
}

/// One expert's sheet on one dossier, as the viewer may see it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SheetView {
    pub assignment_id: i64,
    pub expert: String,
    pub state: SheetState,
    /// In rubric order: expert criteria as typed, auto criteria computed.
    pub scores: Vec<SheetScore>,
    pub total: Option<Centi>,
}

pub(crate) fn expert_id_of(conn: &Connection, actor: &Actor, campaign_id: i64) -> Result<Option<i64>> {
    let Some(uid) = actor.user_id else { return Ok(None) };
    Ok(conn
        .query_row("SELECT id FROM experts WHERE campaign_id = ?1 AND user_id = ?2", params![campaign_id, uid], |r| {
            r.get(0)
        })
        .optional()?)
}

pub(crate) fn expert_assigned(conn: &Connection, actor: &Actor, dossier_id: i64) -> Result<bool> {
    let Some(uid) = actor.user_id else { return Ok(false) };
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM assignments a JOIN experts e ON e.id = a.expert_id WHERE a.dossier_id = ?1 AND e.user_id = ?2 AND a.state IN ('pending', 'submitted', 'unreturned')",
        params![dossier_id, uid],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

pub(crate) fn find_expert(conn: &Connection, campaign_id: i64, name: &str) -> Result<(i64, String, String)> {
    conn.query_row(
        "SELECT id, province, employer FROM experts WHERE campaign_id = ?1 AND name = ?2",
        params![campaign_id, name.trim()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "评审专家".into(),
        name: name.to_string(),
        hint: "，请先导入专家库".into(),
    })
}

pub(crate) fn conflicts_of(conn: &Connection, expert_id: i64) -> Result<Vec<String>> {
    let mut st = conn.prepare("SELECT unit_code FROM conflicts WHERE expert_id = ?1")?;
    let v = st.query_map([expert_id], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
    Ok(v)
}

fn insert_expert(tx: &Transaction, c: &Campaign, e: &ExpertInput) -> Result<i64> {
    tx.execute(
        "INSERT INTO experts (campaign_id, name, employer, province, field, phone) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![c.id, e.name, e.employer, e.province, e.field, e.phone],
    )?;
    let id = tx.last_insert_rowid();
    for u in &e.conflicts {
        tx.execute(
            "INSERT OR IGNORE INTO conflicts (expert_id, unit_code, reason) VALUES (?1, ?2, '专家库申明')",
            params![id, u],
        )?;
    }
    Ok(id)
}

/// Current scores of an assignment (criterion → (centi, comment)).
pub(crate) fn sheet_scores(conn: &Connection, assignment_id: i64) -> Result<BTreeMap<String, (i64, String)>> {
    let mut st = conn.prepare("SELECT criterion, centi, comment FROM scores WHERE assignment_id = ?1")?;
    let v = st
        .query_map([assignment_id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(v)
}

/// Writes the assignment's stored scores into the audit log, so `audit verify` can detect a
/// score edited outside the app.
pub(crate) fn audit_scores(
    tx: &Transaction,
    actor: &Actor,
    action: &str,
    assignment_id: i64,
    extra: serde_json::Value,
) -> Result<()> {
    let s: BTreeMap<String, i64> = sheet_scores(tx, assignment_id)?.into_iter().map(|(k, (v, _))| (k, v)).collect();
    store::audit(
        tx,
        &actor.audit_name(),
        action,
        &format!("assignment:{assignment_id}"),
        &serde_json::json!({"scores": s, "extra": extra}),
    )
}

pub(crate) fn verify_scores_against_audit(conn: &Connection) -> Result<()> {
    let mut recorded: HashMap<i64, BTreeMap<String, i64>> = HashMap::new();
    let mut st = conn.prepare("SELECT subject, detail FROM audit WHERE action LIKE 'scores.%' ORDER BY seq")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let subject: String = r.get(0)?;
        let detail: String = r.get(1)?;
        let Some(id) = subject.strip_prefix("assignment:").and_then(|x| x.parse::<i64>().ok()) else { continue };
        let v: serde_json::Value = serde_json::from_str(&detail).unwrap_or_default();
        let m: BTreeMap<String, i64> = serde_json::from_value(v["scores"].clone()).unwrap_or_default();
        recorded.insert(id, m);
    }
    let mut st = conn.prepare("SELECT a.id, s.criterion, s.centi, e.name, u.full_name FROM scores s JOIN assignments a ON a.id = s.assignment_id JOIN experts e ON e.id = a.expert_id JOIN dossiers d ON d.id = a.dossier_id JOIN units u ON u.code = d.unit_code ORDER BY a.id")?;
    let mut current: BTreeMap<i64, (BTreeMap<String, i64>, String, String)> = BTreeMap::new();
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let e = current.entry(r.get(0)?).or_insert_with(|| (BTreeMap::new(), String::new(), String::new()));
        e.0.insert(r.get(1)?, r.get(2)?);
        e.1 = r.get(3)?;
        e.2 = r.get(4)?;
    }
    for (id, (scores, expert, unit)) in &current {
        if recorded.get(id) != Some(scores) {
            return Err(Error::Tampered(format!(
                "评分表（专家「{expert}」评「{unit}」，编号{id}）与操作日志记录不符，评分被改动"
            )));
        }
    }
    for (id, m) in &recorded {
        if !m.is_empty() && !current.contains_key(id) {
            return Err(Error::Tampered(format!("编号{id}的评分表在操作日志中有记录，但评分已被删除")));
        }
    }
    Ok(())
}

/// Checks and stores a set of typed expert scores on one sheet (upsert).
pub(crate) fn put_scores(
    tx: &Transaction,
    c: &Campaign,
    assignment_id: i64,
    award: Award,
    scores: &[ScoreInput],
) -> std::result::Result<(), String> {
    let rubric = c.rubric(award);
    let mut seen = std::collections::HashSet::new();
    for s in scores {
        let crit = rubric.check_expert_score(&s.criterion, s.points)?;
        if !seen.insert(crit.id.clone()) {
            return Err(format!("评分项「{}」重复录入", crit.name));
        }
        tx.execute(
            "INSERT INTO scores (assignment_id, criterion, centi, comment) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(assignment_id, criterion) DO UPDATE SET centi = excluded.centi, comment = excluded.comment",
            params![assignment_id, crit.id, s.points.0, s.comment],
        )
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Every expert criterion of the rubric present on the sheet?
pub(crate) fn missing_criteria(
    tx: &Transaction,
    c: &Campaign,
    assignment_id: i64,
    award: Award,
) -> Result<Vec<String>> {
    let have = sheet_scores(tx, assignment_id)?;
    Ok(c.rubric(award).expert_criteria().filter(|k| !have.contains_key(&k.id)).map(|k| k.name.clone()).collect())
}

struct Sheet {
    id: i64,
    campaign_year: i32,
    expert_user: Option<i64>,
    expert: String,
    unit: String,
    award: Award,
    state: SheetState,
}

fn load_sheet(conn: &Connection, assignment_id: i64) -> Result<Sheet> {
    conn.query_row(
        "SELECT a.id, c.year, e.id, e.user_id, e.name, u.full_name, d.award, a.state FROM assignments a
           JOIN experts e ON e.id = a.expert_id JOIN dossiers d ON d.id = a.dossier_id
           JOIN units u ON u.code = d.unit_code JOIN campaigns c ON c.id = a.campaign_id WHERE a.id = ?1",
        [assignment_id],
        |r| {
            let award: String = r.get(6)?;
            let state: String = r.get(7)?;
            Ok(Sheet {
                id: r.get(0)?,
                campaign_year: r.get(1)?,
                expert_user: r.get(3)?,
                expert: r.get(4)?,
                unit: r.get(5)?,
                award: Award::parse(&award).unwrap_or(Award::Subsidy),
                state: SheetState::from_code(&state).unwrap_or(SheetState::Pending),
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found("评分任务", format!("编号{assignment_id}")))
}

/// After a submission: when no sheet is pending any more, the review ends (Review → Decide) and
/// the post-subsidy funding is allocated from the results.
pub(crate) fn maybe_close_review(tx: &Transaction, actor: &Actor, year: i32) -> Result<()> {
    let c = load(tx, Some(year))?;
    let pending: i64 =
        tx.query_row("SELECT count(*) FROM assignments WHERE campaign_id = ?1 AND state = 'pending'", [c.id], |r| {
            r.get(0)
        })?;
    if pending == 0 && c.stage == Stage::Review {
        advance(tx, &c, StageEvent::AllScored, actor)?;
        super::decide::allocate_subsidy(tx, actor, year)?;
    }
    Ok(())
}

impl Desk {
    /// Adds one expert to the campaign's panel.
    pub fn add_expert(&self, actor: &Actor, year: Option<i32>, e: ExpertInput) -> Result<i64> {
        self.require(actor, Role::Secretariat, "添加评审专家")?;
        if e.name.trim().is_empty() {
            return Err(Error::invalid("姓名", "不能为空"));
        }
        let province = normalize_province(&e.province)
            .ok_or_else(|| Error::invalid("所在省份", format!("「{}」不是省级行政区名称", e.province)))?;
        for u in &e.conflicts {
            units::by_code(u).ok_or_else(|| Error::invalid("回避单位", format!("单位代码「{u}」不在可申报单位中")))?;
        }
        self.write(|tx| {
            let c = load(tx, year)?;
            if matches!(c.stage, Stage::Publicity | Stage::Final | Stage::Published) {
                return Err(Error::IllegalTransition {
                    state: c.stage.label().into(),
                    action: "添加评审专家".into(),
                    allowed: "评审结束后不能再添加专家".into(),
                });
            }
            if find_expert(tx, c.id, &e.name).is_ok() {
                return Err(Error::invalid("姓名", format!("专家「{}」已在专家库中", e.name)));
            }
            let id = insert_expert(tx, &c, &ExpertInput { province, ..e.clone() })?;
            store::audit(tx, &actor.audit_name(), "expert.add", &format!("expert:{id}"), &super::json(&e))?;
            Ok(id)
        })
    }

    /// Imports 评审专家库: all rows or nothing.
    pub fn import_experts(&self, actor: &Actor, year: Option<i32>, path: &Path) -> Result<ImportReport2> {
        self.require(actor, Role::Secretariat, "导入评审专家")?;
        let table = import::read_table(path)?;
        let rows = import::parse_experts(&table)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            if c.stage != Stage::Apply {
                return Err(Error::IllegalTransition {
                    state: c.stage.label().into(),
                    action: "导入专家库".into(),
                    allowed: "专家库须在抽取评审专家前导入".into(),
                });
            }
            let mut problems = Vec::new();
            for (n, e) in &rows {
                if find_expert(tx, c.id, &e.name).is_ok() {
                    problems.push(ImportProblem {
                        row: *n,
                        column: "姓名".into(),
                        message: format!("专家「{}」已在专家库中，不能重复导入", e.name),
                    });
                }
            }
            if !problems.is_empty() {
                return Err(Error::Import { file: table.file.clone(), problems });
            }
            for (_, e) in &rows {
                let id = insert_expert(tx, &c, e)?;
                store::audit(tx, &actor.audit_name(), "expert.import", &format!("expert:{id}"), &super::json(e))?;
            }
            Ok(ImportReport2 { file: table.file.clone(), imported: rows.len(), notes: table.notes.clone() })
        })
    }

    /// Gives an expert a login (login = their name) with a password; secretariat only.
    pub fn set_expert_login(&self, actor: &Actor, year: Option<i32>, expert: &str, password: &str) -> Result<()> {
        self.require(actor, Role::Secretariat, "设置专家账号")?;
        let login = expert.trim();
        let hash = Desk::hash_password(password)?;
        // one transaction: the account and its link to the expert together, or neither
        self.write(|tx| {
            let c = load(tx, year)?;
            let (eid, _, _) = find_expert(tx, c.id, login)?;
            let existing: Option<(i64, String)> = tx.query_row("SELECT id, role FROM users WHERE login = ?1", [login], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
            let uid = match existing {
                Some((_, role)) if role != Role::Expert.code() => {
                    return Err(Error::invalid("专家账号", format!("登录名「{login}」已被{}用户使用，不能作为专家账号；请先为该专家改用可区分的姓名（如「{login}（专家）」）", Role::from_code(&role).map(|r| r.label()).unwrap_or("其他"))));
                }
                Some((id, _)) => {
                    super::update_password(tx, actor, login, &hash)?;
                    id
                }
                None => super::insert_user(tx, actor, login, login, Role::Expert, &hash, None)?,
            };
            tx.execute("UPDATE experts SET user_id = ?1 WHERE id = ?2", params![uid, eid])?;
            store::audit(tx, &actor.audit_name(), "expert.login", &format!("expert:{eid}"), &serde_json::json!({"user": uid}))
        })
    }

    /// The campaign's panel with declared conflicts and current loads (secretariat).
    pub fn experts(&self, actor: &Actor, year: Option<i32>) -> Result<Vec<ExpertView>> {
        self.require(actor, Role::Secretariat, "查看专家库")?;
        let c = load(&self.conn, year)?;
        let mut st = self.conn.prepare(
            "SELECT e.id, e.name, e.employer, e.province, e.field, e.phone, (SELECT count(*) FROM assignments a WHERE a.expert_id = e.id AND a.state IN ('pending', 'submitted', 'unreturned'))
             FROM experts e WHERE e.campaign_id = ?1 ORDER BY e.id",
        )?;
        let mut v: Vec<ExpertView> = st
            .query_map([c.id], |r| {
                Ok(ExpertView {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    employer: r.get(2)?,
                    province: r.get(3)?,
                    field: r.get(4)?,
                    phone: r.get(5)?,
                    conflicts: Vec::new(),
                    load: r.get(6)?,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        for e in &mut v {
            e.conflicts = conflicts_of(&self.conn, e.id)?
                .iter()
                .filter_map(|c| units::by_code(c))
                .map(|u| u.full_name.clone())
                .collect();
        }
        Ok(v)
    }

    /// Declares a conflict between an expert and a unit (the secretariat, or the expert for
    /// themself). The pair's sheet, pending or submitted, is marked recused and no longer counts;
    /// in Decide the post-subsidy allocation is made again. Refused once the list is public.
    pub fn declare_conflict(
        &self,
        actor: &Actor,
        year: Option<i32>,
        expert: &str,
        unit: &str,
        reason: &str,
    ) -> Result<()> {
        let u = units::resolve("回避单位", unit)?;
        let _backup = self.backup_if_review_may_end(actor, year, Some(2))?;
        self.write(|tx| {
            let c = load(tx, year)?;
            let (eid, _, _) = find_expert(tx, c.id, expert)?;
            match actor.role {
                Role::Secretariat => {}
                Role::Expert if expert_id_of(tx, actor, c.id)? == Some(eid) => {}
                _ => return Err(self.deny(actor, "只能申明本人的回避")),
            }
            if matches!(c.stage, Stage::Publicity | Stage::Final | Stage::Published) {
                return Err(Error::IllegalTransition { state: c.stage.label().into(), action: "申明回避".into(), allowed: "名单公示后不能再改变评审专家；如有利益冲突，请作为异议处理".into() });
            }
            tx.execute("INSERT OR REPLACE INTO conflicts (expert_id, unit_code, reason) VALUES (?1, ?2, ?3)", params![eid, u.code, reason])?;
            let submitted: i64 = tx.query_row(
                "SELECT count(*) FROM assignments WHERE expert_id = ?1 AND state = 'submitted' AND dossier_id IN (SELECT id FROM dossiers WHERE unit_code = ?2 AND campaign_id = ?3)",
                params![eid, u.code, c.id],
                |r| r.get(0),
            )?;
            // a recused sheet no longer counts, whether pending or already submitted
            let n = tx.execute(
                "UPDATE assignments SET state = 'recused' WHERE expert_id = ?1 AND state IN ('pending', 'submitted') AND dossier_id IN (SELECT id FROM dossiers WHERE unit_code = ?2 AND campaign_id = ?3)",
                params![eid, u.code, c.id],
            )?;
            if submitted > 0 && c.stage == Stage::Decide {
                // the results changed: the post-subsidy allocation is made again
                super::decide::reallocate_subsidy(tx, actor, c.year, "专家申明回避，结果重新计算")?;
            }
            store::audit(tx, &actor.audit_name(), "expert.conflict", &format!("expert:{eid}"), &serde_json::json!({"unit": u.code, "reason": reason, "recused_assignments": n}))?;
            // recusing the last pending sheet ends the review like a last submission
            maybe_close_review(tx, actor, c.year)
        })
    }

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
            store::audit(tx, &actor.audit_name(), "review.draw", &format!("campaign:{}", c.year), &serde_json::json!({"seed": seed.to_string(), "per_dossier": k, "pairs": pairs}))?;
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
                let award: String = r.get(6)?;
                let state: String = r.get(7)?;
                Ok(AssignmentView {
                    id: r.get(0)?,
                    dossier_id: r.get(1)?,
                    expert: r.get(2)?,
                    expert_id: r.get(3)?,
                    unit: r.get(4)?,
                    unit_code: r.get(5)?,
                    award: Award::parse(&award).unwrap_or(Award::Subsidy),
                    state: SheetState::from_code(&state).unwrap_or(SheetState::Pending),
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        Ok(v)
    }

    fn own_pending_sheet(&self, tx: &Transaction, actor: &Actor, assignment_id: i64) -> Result<(Sheet, Campaign)> {
        let sheet = load_sheet(tx, assignment_id)?;
        if actor.role != Role::Expert || actor.user_id.is_none() || sheet.expert_user != actor.user_id {
            return Err(self.deny(actor, "只有被分配的专家本人可以为该材料评分"));
        }
        let c = load(tx, Some(sheet.campaign_year))?;
        // an unreturned or withdrawn sheet says why itself; otherwise the stage comes first
        let gone = matches!(sheet.state, SheetState::Unreturned | SheetState::Withdrawn);
        if c.stage != Stage::Review && !gone {
            return Err(Error::IllegalTransition {
                state: c.stage.label().into(),
                action: "评分".into(),
                allowed: "只能在专家评审阶段评分".into(),
            });
        }
        match sheet.state {
            SheetState::Pending => Ok((sheet, c)),
            SheetState::Submitted => Err(Error::IllegalTransition {
                state: sheet.state.label().into(),
                action: "修改评分".into(),
                allowed: "评分已提交锁定，如需修改请联系秘书处退回".into(),
            }),
            SheetState::Recused => Err(Error::IllegalTransition {
                state: sheet.state.label().into(),
                action: "评分".into(),
                allowed: "已回避的材料不能评分".into(),
            }),
            SheetState::Unreturned => Err(Error::IllegalTransition {
                state: sheet.state.label().into(),
                action: "评分".into(),
                allowed: "秘书处已结束评审，这份评分表未返回，不再计入结果".into(),
            }),
            SheetState::Withdrawn => Err(Error::IllegalTransition {
                state: sheet.state.label().into(),
                action: "评分".into(),
                allowed: "这项评审任务已撤回（已另行抽取专家或申报已撤回）".into(),
            }),
        }
    }

    /// Saves an expert's draft scores on their own pending sheet.
    pub fn save_scores(&self, actor: &Actor, assignment_id: i64, scores: &[ScoreInput]) -> Result<()> {
        self.write(|tx| {
            let (sheet, c) = self.own_pending_sheet(tx, actor, assignment_id)?;
            put_scores(tx, &c, sheet.id, sheet.award, scores).map_err(|m| Error::invalid("得分", m))?;
            audit_scores(tx, actor, "scores.save", sheet.id, serde_json::json!({}))
        })
    }

    /// Submits (and locks) an expert's own sheet: every expert criterion must be scored.
    /// The last submission of the campaign ends the review.
    pub fn submit_scores(&self, actor: &Actor, assignment_id: i64, scores: &[ScoreInput]) -> Result<()> {
        let year = load_sheet(&self.conn, assignment_id).ok().map(|s| s.campaign_year);
        let _backup = if year.is_some() { Some(self.backup_if_review_may_end(actor, year, Some(1))?) } else { None };
        self.write(|tx| {
            let (sheet, c) = self.own_pending_sheet(tx, actor, assignment_id)?;
            put_scores(tx, &c, sheet.id, sheet.award, scores).map_err(|m| Error::invalid("得分", m))?;
            let missing = missing_criteria(tx, &c, sheet.id, sheet.award)?;
            if !missing.is_empty() {
                return Err(Error::invalid(
                    "评分项",
                    format!("尚未评分：{}。全部评分项打分后才能提交", missing.join("、")),
                ));
            }
            tx.execute(
                "UPDATE assignments SET state = 'submitted', submitted_at = ?1 WHERE id = ?2",
                params![store::now_utc(), sheet.id],
            )?;
            audit_scores(tx, actor, "scores.submit", sheet.id, serde_json::json!({}))?;
            maybe_close_review(tx, actor, c.year)
        })
    }

    /// Imports 评分录入 (secretariat, e.g. paper sheets from a panel meeting) and submits every
    /// expert × dossier pair in it. All or nothing; every problem names its row.
    pub fn import_scores(&self, actor: &Actor, year: Option<i32>, path: &Path) -> Result<ImportReport2> {
        self.require(actor, Role::Secretariat, "导入评分")?;
        let table = import::read_table(path)?;
        let rows = import::parse_scores(&table)?;
        let _backup = self.backup_if_review_may_end(actor, year, None)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            if c.stage != Stage::Review {
                return Err(Error::IllegalTransition { state: c.stage.label().into(), action: "导入评分".into(), allowed: "只能在专家评审阶段导入评分".into() });
            }
            let mut problems = Vec::new();
            // (assignment id) → (first row, award, rows)
            let mut pairs: BTreeMap<i64, (usize, Award, Vec<ScoreInput>)> = BTreeMap::new();
            for r in &rows {
                let mut p = |m: String, col: &str| problems.push(ImportProblem { row: r.row, column: col.into(), message: m });
                let Ok((eid, _, _)) = find_expert(tx, c.id, &r.expert) else {
                    p(format!("专家「{}」不在本年度专家库中", r.expert), "专家");
                    continue;
                };
                // which dossier of the unit: the one whose rubric has this criterion
                let cands: Vec<(i64, i64, String, String)> = {
                    let mut st = tx.prepare("SELECT a.id, d.id, d.award, a.state FROM dossiers d LEFT JOIN assignments a ON a.dossier_id = d.id AND a.expert_id = ?3 WHERE d.campaign_id = ?1 AND d.unit_code = ?2")?;
                    let v = st.query_map(params![c.id, r.unit_code, eid], |x| Ok((x.get::<_, Option<i64>>(0)?.unwrap_or(-1), x.get(1)?, x.get(2)?, x.get::<_, Option<String>>(3)?.unwrap_or_default())))?.collect::<std::result::Result<_, _>>()?;
                    v
                };
                let unit_name = units::by_code(&r.unit_code).map(|u| u.full_name.clone()).unwrap_or_default();
                let matching: Vec<&(i64, i64, String, String)> = cands
                    .iter()
                    .filter(|(_, _, a, _)| Award::parse(a).is_some_and(|a| r.award.is_none_or(|w| w == a) && c.rubric(a).criterion(&r.criterion).is_some()))
                    .collect();
                let Some(&&(aid, _, ref award, ref state)) = matching.first() else {
                    if cands.is_empty() {
                        p(format!("{unit_name}没有申报材料"), "单位");
                    } else {
                        p(format!("评分项「{}」不在该单位所申报类别的评分细则中", r.criterion), "评分项");
                    }
                    continue;
                };
                if matching.len() > 1 {
                    p(format!("{unit_name}同时申报了试点示范和后补助，且评分项「{}」两类都有，请在「类别」列注明", r.criterion), "类别");
                    continue;
                }
                if aid < 0 {
                    let recused = {
                        let (_, prov, emp) = find_expert(tx, c.id, &r.expert)?;
                        match units::by_code(&r.unit_code) {
                            Some(u) => rules::recusal(&prov, &emp, &conflicts_of(tx, eid)?, u),
                            None => None,
                        }
                    };
                    match recused {
                        Some(why) => p(format!("专家「{}」须回避{unit_name}（{}），不能为其评分", r.expert, why.label()), "专家"),
                        None => p(format!("专家「{}」未被分配评审{unit_name}，不能为其评分", r.expert), "专家"),
                    }
                    continue;
                }
                match state.as_str() {
                    "recused" => {
                        p(format!("专家「{}」已申明回避{unit_name}，不能为其评分", r.expert), "专家");
                        continue;
                    }
                    "withdrawn" => {
                        p(format!("专家「{}」对{unit_name}的评审任务已撤回（已另行抽取专家或申报已撤回），不能为其评分", r.expert), "专家");
                        continue;
                    }
                    "unreturned" => {
                        p(format!("专家「{}」对{unit_name}的评分表在结束评审时未返回，不再计入结果", r.expert), "专家");
                        continue;
                    }
                    "submitted" => {
                        p(format!("专家「{}」对{unit_name}的评分已提交锁定，如需修改请先退回", r.expert), "专家");
                        continue;
                    }
                    _ => {}
                }
                let award = Award::parse(award).unwrap_or(Award::Subsidy);
                if let Err(m) = c.rubric(award).check_expert_score(&r.criterion, r.points) {
                    let col = if m.contains("得分") { "得分" } else { "评分项" };
                    p(m, col);
                    continue;
                }
                pairs.entry(aid).or_insert((r.row, award, Vec::new())).2.push(ScoreInput { criterion: r.criterion.clone(), points: r.points, comment: r.comment.clone() });
            }
            if problems.is_empty() {
                for (aid, (row, award, scores)) in &pairs {
                    let rubric = c.rubric(*award);
                    let mut ids: Vec<&str> = scores.iter().filter_map(|s| rubric.criterion(&s.criterion)).map(|k| k.id.as_str()).collect();
                    ids.sort_unstable();
                    if let Some(d) = ids.windows(2).find(|w| w[0] == w[1]) {
                        problems.push(ImportProblem { row: *row, column: "评分项".into(), message: format!("同一专家对同一单位的评分项「{}」出现多次", d[0]) });
                    }
                    let missing: Vec<&str> = rubric.expert_criteria().filter(|k| !ids.contains(&k.id.as_str())).map(|k| k.id.as_str()).collect();
                    if !missing.is_empty() {
                        let s = load_sheet(tx, *aid)?;
                        problems.push(ImportProblem { row: *row, column: "评分项".into(), message: format!("专家「{}」对{}的评分不完整，缺少：{}；每位专家对每个单位须包含全部专家评分项", s.expert, s.unit, missing.join("、")) });
                    }
                }
            }
            if !problems.is_empty() {
                problems.sort_by_key(|p| p.row);
                return Err(Error::Import { file: table.file.clone(), problems });
            }
            for (aid, (_, award, scores)) in &pairs {
                put_scores(tx, &c, *aid, *award, scores).map_err(|m| Error::invalid("得分", m))?;
                tx.execute("UPDATE assignments SET state = 'submitted', submitted_at = ?1 WHERE id = ?2", params![store::now_utc(), aid])?;
                audit_scores(tx, actor, "scores.import", *aid, serde_json::json!({"file": table.file}))?;
            }
            maybe_close_review(tx, actor, c.year)?;
            Ok(ImportReport2 { file: table.file.clone(), imported: pairs.len(), notes: table.notes.clone() })
        })
    }

    /// Reopens a submitted sheet (secretariat, with a reason). A campaign in Decide goes back to
    /// Review and its post-subsidy allocation is withdrawn (it will be recomputed).
    pub fn reopen_scores(&self, actor: &Actor, assignment_id: i64, reason: &str) -> Result<()> {
        self.require(actor, Role::Secretariat, "退回评分表")?;
        if reason.trim().is_empty() {
            return Err(Error::invalid("理由", "退回评分表须写明理由"));
        }
        let year = load_sheet(&self.conn, assignment_id).ok().map(|s| s.campaign_year);
        let _backup = if year.is_some() {
            Some(self.backup_if_stage(actor, year, Stage::Decide, StageEvent::Reopen)?)
        } else {
            None
        };
        self.write(|tx| {
            let sheet = load_sheet(tx, assignment_id)?;
            let c = load(tx, Some(sheet.campaign_year))?;
            match sheet.state {
                SheetState::Unreturned => {
                    return Err(Error::IllegalTransition {
                        state: sheet.state.label().into(),
                        action: "退回评分表".into(),
                        allowed: format!(
                            "{}对{}的评分表在秘书处提前结束评审时未返回，已不计入结果，不能再退回补评",
                            sheet.expert, sheet.unit
                        ),
                    })
                }
                SheetState::Withdrawn => {
                    return Err(Error::IllegalTransition {
                        state: sheet.state.label().into(),
                        action: "退回评分表".into(),
                        allowed: "这份评分表已撤回（专家已被替换或申报已撤回），不能退回重评".into(),
                    })
                }
                _ => {}
            }
            if sheet.state != SheetState::Submitted {
                return Err(Error::IllegalTransition {
                    state: sheet.state.label().into(),
                    action: "退回评分表".into(),
                    allowed: "只有已提交的评分表可以退回".into(),
                });
            }
            if c.stage == Stage::Decide {
                advance(tx, &c, StageEvent::Reopen, actor)?;
                super::decide::withdraw_subsidy(tx, actor, c.id, "评分表被退回，结果重新计算")?;
            } else if c.stage != Stage::Review {
                return Err(Error::IllegalTransition {
                    state: c.stage.label().into(),
                    action: "退回评分表".into(),
                    allowed: "公示开始后不能再退回评分表".into(),
                });
            }
            tx.execute("UPDATE assignments SET state = 'pending', submitted_at = NULL WHERE id = ?1", [assignment_id])?;
            audit_scores(
                tx,
                actor,
                "scores.reopen",
                assignment_id,
                serde_json::json!({"reason": reason, "expert": sheet.expert, "unit": sheet.unit}),
            )
        })
    }

    /// The sheets of one dossier as the actor may see them: the secretariat all; an assigned
    /// expert only their own until they have submitted, then every submitted sheet.
    pub fn dossier_scores(&self, actor: &Actor, dossier_id: i64) -> Result<Vec<SheetView>> {
        let d = load_dossier(&self.conn, dossier_id)?;
        let c = load(&self.conn, Some(d.year))?;
        let me = match actor.role {
            Role::Secretariat => None,
            Role::Expert => {
                let eid =
                    expert_id_of(&self.conn, actor, c.id)?.ok_or_else(|| self.deny(actor, "您不在本年度专家组中"))?;
                Some(eid)
            }
            Role::Applicant => return Err(self.deny(actor, "申报单位不能查看专家评分")),
        };
        let mut st = self.conn.prepare("SELECT a.id, a.expert_id, e.name, a.state FROM assignments a JOIN experts e ON e.id = a.expert_id WHERE a.dossier_id = ?1 ORDER BY e.id")?;
        let sheets: Vec<(i64, i64, String, String)> = st
            .query_map([dossier_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<std::result::Result<_, _>>()?;
        let mine_submitted = match me {
            None => true,
            Some(eid) => match sheets.iter().find(|s| s.1 == eid) {
                None => return Err(self.deny(actor, "您未被分配评审该材料")),
                Some(s) => s.3 == "submitted",
            },
        };
        let rubric = c.rubric(d.award());
        let auto = rubric.auto_scores(&d.input.indicators);
        let mut out = Vec::new();
        for (aid, eid, name, state) in sheets {
            let visible = me.is_none() || Some(eid) == me || (mine_submitted && state == "submitted");
            if !visible {
                continue;
            }
            let typed = sheet_scores(&self.conn, aid)?;
            let state = SheetState::from_code(&state).unwrap_or(SheetState::Pending);
            let mut scores: Vec<SheetScore> = Vec::new();
            for k in &rubric.criteria {
                if k.is_auto() {
                    let v = auto.iter().find(|(id, _)| *id == k.id).map(|x| x.1).unwrap_or_default();
                    scores.push(SheetScore {
                        criterion: k.id.clone(), points: v, comment: "按指标自动计算".into()
                    });
                } else if let Some((v, cm)) = typed.get(&k.id) {
                    scores.push(SheetScore { criterion: k.id.clone(), points: Centi(*v), comment: cm.clone() });
                }
            }
            let total = (state == SheetState::Submitted).then(|| Centi(scores.iter().map(|s| s.points.0).sum()));
            out.push(SheetView { assignment_id: aid, expert: name, state, scores, total });
        }
        Ok(out)
    }
}

/// Result of an expert or score import.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ImportReport2 {
    pub file: String,
    pub imported: usize,
    pub notes: Vec<String>,
}
