//! Decide, fund, publicity and publish: results, pilot selection, funding lines, the public
//! notice with objections, and publication.

use super::campaign::{advance, load, Campaign};
use super::dossiers::{dossier_from_row, find_dossier, record_decision, DOSSIER_COLS};
use super::{Actor, Desk, Role};
use crate::decimal::{Centi, Points};
use crate::error::{Error, Result};
use crate::funding;
use crate::model::Award;
use crate::rules;
use crate::scoring::{self, DossierScores, Grade};
use crate::store;
use crate::units;
use crate::workflow::{Stage, StageEvent};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
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

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct FundingLine {
    pub dossier_id: i64,
    pub unit: String,
    pub unit_code: String,
    pub award: Award,
    pub amount_yuan: i64,
    pub matching_yuan: i64,
    pub pay_by: NaiveDate,
    pub note: String,
    pub aggregate: Option<Points>,
    pub grade: Option<Grade>,
    pub rank: Option<u32>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct FundingTable {
    pub year: i32,
    pub lines: Vec<FundingLine>,
    pub total_yuan: i64,
    pub pilot_total_yuan: i64,
    pub subsidy_total_yuan: i64,
    pub subsidy_budget_yuan: i64,
    pub subsidy_remaining_yuan: i64,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, ts_rs::TS)]
pub struct PublicityRow {
    pub dossier_id: i64,
    pub unit: String,
    pub award: Award,
    pub amount_yuan: i64,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Objection {
    pub id: i64,
    pub unit: Option<String>,
    pub name: String,
    pub contact: String,
    pub received_on: NaiveDate,
    pub content: String,
    /// open / upheld / dismissed
    pub state: String,
    pub resolution: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PublicityInfo {
    pub year: i32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub working_days: u32,
    pub rows: Vec<PublicityRow>,
    pub objections: Vec<Objection>,
    pub closed_on: Option<NaiveDate>,
    pub published_on: Option<NaiveDate>,
}

/// A stored ISO date; a corrupt one is an error, never a silent 1970-01-01.
pub(crate) fn date(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// Computes the results of a campaign from the store (recommended dossiers, submitted sheets).
pub(crate) fn compute_results(conn: &Connection, c: &Campaign) -> Result<Results> {
    let mut st = conn.prepare(&format!(
        "SELECT {DOSSIER_COLS} FROM dossiers d JOIN campaigns c ON c.id = d.campaign_id WHERE d.campaign_id = ?1 AND d.state = 'recommended'"
    ))?;
    let dossiers: Vec<super::Dossier> =
        st.query_map([c.id], dossier_from_row)?.collect::<std::result::Result<_, _>>()?;
    // expert sums of submitted sheets, summed by SQLite
    let mut totals: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
    let mut names: HashMap<i64, String> = HashMap::new();
    {
        let mut st = conn.prepare(
            "SELECT a.dossier_id, a.expert_id, SUM(s.centi) FROM assignments a JOIN scores s ON s.assignment_id = a.id
              WHERE a.campaign_id = ?1 AND a.state = 'submitted' GROUP BY a.id",
        )?;
        let mut rows = st.query([c.id])?;
        while let Some(r) = rows.next()? {
            totals.entry(r.get(0)?).or_default().push((r.get(1)?, r.get(2)?));
        }
        let mut st = conn.prepare("SELECT id, name FROM experts WHERE campaign_id = ?1")?;
        let mut rows = st.query([c.id])?;
        while let Some(r) = rows.next()? {
            names.insert(r.get(0)?, r.get(1)?);
        }
    }
    let mut consensus: HashMap<i64, String> = HashMap::new();
    {
        let mut st = conn.prepare("SELECT x.dossier_id, x.reason FROM decisions x JOIN dossiers d ON d.id = x.dossier_id WHERE d.campaign_id = ?1 AND x.kind = 'consensus' ORDER BY x.id")?;
        let mut rows = st.query([c.id])?;
        while let Some(r) = rows.next()? {
            consensus.insert(r.get(0)?, r.get(1)?);
        }
    }
    let inputs: Vec<DossierScores> = dossiers
        .iter()
        .map(|d| {
            let auto = c.rubric(d.award()).auto_subtotal(&d.input.indicators);
            let mut t: Vec<(i64, Centi)> =
                totals.get(&d.id).map(|v| v.iter().map(|(e, s)| (*e, Centi(s + auto.0))).collect()).unwrap_or_default();
            t.sort_unstable();
            DossierScores {
                dossier_id: d.id,
                award: d.award(),
                unit_order: d.unit.order,
                auto_subtotal: auto,
                task_rate: d.input.indicators.task_completion_rate(),
                totals: t,
            }
        })
        .collect();
    let results = scoring::results(&inputs, &c.policy);
    let deviating = scoring::deviating_experts(&inputs, &c.policy);
    let z = scoring::z_scores(&inputs);
    let by_id: HashMap<i64, (&super::Dossier, &DossierScores)> =
        dossiers.iter().zip(&inputs).map(|(d, i)| (d.id, (d, i))).collect();
    let rows = results
        .into_iter()
        .map(|r| {
            let (d, i) = by_id[&r.dossier_id];
            let mut flags = r.flags;
            if d.late {
                flags.push("late".into());
            }
            for (e, _) in &i.totals {
                if deviating.contains(e) {
                    flags.push(format!("deviating_expert:{}", names.get(e).cloned().unwrap_or_default()));
                }
            }
            ResultRow {
                dossier_id: d.id,
                unit: d.unit.full_name.clone(),
                unit_code: d.unit.code.clone(),
                unit_order: d.unit.order,
                award: d.award(),
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
                        expert: names.get(e).cloned().unwrap_or_default(),
                        total: *t,
                        z: z.get(&(d.id, *e)).copied().unwrap_or(0.0),
                    })
                    .collect(),
                consensus: consensus.get(&d.id).cloned(),
            }
        })
        .collect();
    Ok(Results {
        year: c.year,
        stage: c.stage,
        rows,
        deviating_experts: deviating.iter().filter_map(|e| names.get(e).cloned()).collect(),
    })
}

/// Records the current funding line of a dossier (or its absence) in the audit log.
pub(crate) fn audit_funding(
    tx: &Transaction,
    actor: &Actor,
    action: &str,
    dossier_id: i64,
    extra: serde_json::Value,
) -> Result<()> {
    let amount: Option<i64> = tx
        .query_row("SELECT amount_yuan FROM funding_lines WHERE dossier_id = ?1", [dossier_id], |r| r.get(0))
        .optional()?;
    store::audit(
        tx,
        &actor.audit_name(),
        action,
        &format!("dossier:{dossier_id}"),
        &serde_json::json!({"amount_yuan": amount, "extra": extra}),
    )
}

pub(crate) fn verify_funding_against_audit(conn: &Connection) -> Result<()> {
    let mut recorded: HashMap<i64, Option<i64>> = HashMap::new();
    let mut st = conn.prepare("SELECT subject, detail FROM audit WHERE action LIKE 'funding.%' ORDER BY seq")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let subject: String = r.get(0)?;
        let detail: String = r.get(1)?;
        let Some(id) = subject.strip_prefix("dossier:").and_then(|x| x.parse::<i64>().ok()) else { continue };
        let v: serde_json::Value = serde_json::from_str(&detail).unwrap_or_default();
        recorded.insert(id, v["amount_yuan"].as_i64());
    }
    let mut st = conn.prepare("SELECT f.dossier_id, f.amount_yuan, u.full_name FROM funding_lines f JOIN dossiers d ON d.id = f.dossier_id JOIN units u ON u.code = d.unit_code")?;
    let current: Vec<(i64, i64, String)> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<std::result::Result<_, _>>()?;
    for (id, amount, unit) in &current {
        if recorded.get(id).copied().flatten() != Some(*amount) {
            return Err(Error::Tampered(format!("「{unit}」的经费金额{amount}元与操作日志记录不符，经费被改动")));
        }
    }
    for (id, amount) in &recorded {
        if amount.is_some() && !current.iter().any(|c| c.0 == *id) {
            return Err(Error::Tampered(format!("编号{id}的经费安排在操作日志中有记录，但已被删除")));
        }
    }
    Ok(())
}

/// Allocates the post-subsidy lines from the results (on entering Decide).
pub(crate) fn allocate_subsidy(tx: &Transaction, actor: &Actor, year: i32) -> Result<()> {
    let c = load(tx, Some(year))?;
    let r = compute_results(tx, &c)?;
    let excellent: Vec<i64> = r
        .rows
        .iter()
        .filter(|x| x.award == Award::Subsidy && x.grade == Some(Grade::Excellent))
        .map(|x| x.dossier_id)
        .collect();
    let lines = funding::subsidy_allocation(&excellent, &c.policy);
    for (id, amount) in lines {
        tx.execute(
            "INSERT INTO funding_lines (campaign_id, dossier_id, award, amount_yuan, matching_yuan, pay_by, note) VALUES (?1, ?2, 'subsidy', ?3, 0, ?4, '')",
            params![c.id, id, amount, c.dates.subsidy_pay_by.to_string()],
        )?;
        audit_funding(
            tx,
            actor,
            "funding.allocate",
            id,
            serde_json::json!({"rule": "excellent post-subsidy dossiers by rank thirds, within budget"}),
        )?;
    }
    Ok(())
}

/// A manual funding adjustment that a new post-subsidy allocation undid: the unit, the amount it
/// had been adjusted to and why, and what the rule gives it now (`None`: no longer funded).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AdjustmentUndone {
    pub unit: String,
    pub adjusted_yuan: i64,
    pub reason: String,
    pub now_yuan: Option<i64>,
}

/// Makes the post-subsidy allocation again after the results changed (`why`, for the log), and
/// returns the manual adjustments it undid: tiers follow the new ranking, so an amount adjusted
/// for the old one is not carried over silently; the secretariat is told and adjusts again.
pub(crate) fn reallocate_subsidy(
    tx: &Transaction,
    actor: &Actor,
    year: i32,
    why: &str,
) -> Result<Vec<AdjustmentUndone>> {
    let c = load(tx, Some(year))?;
    let adjusted: Vec<(i64, String, i64, String)> = {
        let mut st = tx.prepare("SELECT f.dossier_id, d.unit_code, f.amount_yuan, f.note FROM funding_lines f JOIN dossiers d ON d.id = f.dossier_id WHERE f.campaign_id = ?1 AND f.award = 'subsidy' AND f.note != '' ORDER BY f.dossier_id")?;
        let v = st
            .query_map([c.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<std::result::Result<_, _>>()?;
        v
    };
    withdraw_subsidy(tx, actor, c.id, why)?;
    allocate_subsidy(tx, actor, year)?;
    let mut undone = Vec::new();
    for (id, code, adjusted_yuan, reason) in adjusted {
        let now_yuan: Option<i64> = tx
            .query_row("SELECT amount_yuan FROM funding_lines WHERE dossier_id = ?1", [id], |r| r.get(0))
            .optional()?;
        undone.push(AdjustmentUndone { unit: units::full_name_or_code(&code), adjusted_yuan, reason, now_yuan });
    }
    Ok(undone)
}

/// Withdraws the post-subsidy lines (results may change: `why` says how, for the log).
pub(crate) fn withdraw_subsidy(tx: &Transaction, actor: &Actor, campaign_id: i64, why: &str) -> Result<()> {
    let ids: Vec<i64> = {
        let mut st = tx.prepare("SELECT dossier_id FROM funding_lines WHERE campaign_id = ?1 AND award = 'subsidy'")?;
        let v = st.query_map([campaign_id], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
        v
    };
    for id in ids {
        tx.execute("DELETE FROM funding_lines WHERE dossier_id = ?1", [id])?;
        audit_funding(tx, actor, "funding.withdraw", id, serde_json::json!({"why": why}))?;
    }
    Ok(())
}

pub(crate) fn require_stage(c: &Campaign, stage: Stage, action: &str) -> Result<()> {
    if c.stage != stage {
        let allowed = match stage {
            Stage::Decide => "须在全部评分提交后、公示开始前进行",
            Stage::Publicity => "须在公示期间进行",
            Stage::Final => "须在公示结束后进行",
            _ => "",
        };
        return Err(Error::IllegalTransition {
            state: c.stage.label().into(),
            action: action.into(),
            allowed: allowed.into(),
        });
    }
    Ok(())
}

pub(crate) fn funding_table(conn: &Connection, c: &Campaign) -> Result<FundingTable> {
    let results = compute_results(conn, c)?;
    let by_id: HashMap<i64, &ResultRow> = results.rows.iter().map(|r| (r.dossier_id, r)).collect();
    let mut st = conn.prepare(
        "SELECT f.dossier_id, d.unit_code, f.award, f.amount_yuan, f.matching_yuan, f.pay_by, f.note FROM funding_lines f JOIN dossiers d ON d.id = f.dossier_id WHERE f.campaign_id = ?1",
    )?;
    let mut lines: Vec<FundingLine> = st
        .query_map([c.id], |r| {
            let code: String = r.get(1)?;
            let award: String = r.get(2)?;
            let pay: String = r.get(5)?;
            Ok((
                r.get::<_, i64>(0)?,
                code,
                award,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                date(&pay)?,
                r.get::<_, String>(6)?,
            ))
        })?
        .collect::<std::result::Result<Vec<_>, _>>()?
        .into_iter()
        .map(|(id, code, award, amount, matching, pay, note)| {
            let rr = by_id.get(&id);
            FundingLine {
                dossier_id: id,
                unit: units::by_code(&code).map(|u| u.full_name.clone()).unwrap_or_default(),
                unit_code: code,
                award: Award::parse(&award).unwrap_or(Award::Subsidy),
                amount_yuan: amount,
                matching_yuan: matching,
                pay_by: pay,
                note,
                aggregate: rr.and_then(|r| r.aggregate),
                grade: rr.and_then(|r| r.grade),
                rank: rr.and_then(|r| r.rank),
            }
        })
        .collect();
    let order = |l: &FundingLine| {
        (l.award, l.rank.unwrap_or(u32::MAX), units::by_code(&l.unit_code).map(|u| u.order).unwrap_or(0))
    };
    lines.sort_by_key(order);
    let pilot: i64 = lines.iter().filter(|l| l.award == Award::Pilot).map(|l| l.amount_yuan).sum();
    let subsidy: i64 = lines.iter().filter(|l| l.award == Award::Subsidy).map(|l| l.amount_yuan).sum();
    Ok(FundingTable {
        year: c.year,
        lines,
        total_yuan: pilot + subsidy,
        pilot_total_yuan: pilot,
        subsidy_total_yuan: subsidy,
        subsidy_budget_yuan: c.policy.subsidy_budget_yuan,
        subsidy_remaining_yuan: c.policy.subsidy_budget_yuan - subsidy,
    })
}

pub(crate) fn load_publicity(conn: &Connection, c: &Campaign) -> Result<Option<PublicityInfo>> {
    let row: Option<(String, String, u32, String, Option<String>, Option<String>)> = conn
        .query_row("SELECT start_on, end_on, working_days, list_json, closed_on, published_on FROM publicity WHERE campaign_id = ?1", [c.id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .optional()?;
    let Some((start, end, days, list, closed, published)) = row else { return Ok(None) };
    let mut st = conn.prepare("SELECT o.id, u.full_name, o.name, o.contact, o.received_on, o.content, o.state, o.resolution FROM objections o LEFT JOIN dossiers d ON d.id = o.dossier_id LEFT JOIN units u ON u.code = d.unit_code WHERE o.campaign_id = ?1 ORDER BY o.id")?;
    let objections = st
        .query_map([c.id], |r| {
            let on: String = r.get(4)?;
            Ok(Objection {
                id: r.get(0)?,
                unit: r.get(1)?,
                name: r.get(2)?,
                contact: r.get(3)?,
                received_on: date(&on)?,
                content: r.get(5)?,
                state: r.get(6)?,
                resolution: r.get(7)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    Ok(Some(PublicityInfo {
        year: c.year,
        start: date(&start)?,
        end: date(&end)?,
        working_days: days,
        rows: serde_json::from_str(&list).map_err(|_| Error::Other("数据库中的公示名单已损坏".into()))?,
        objections,
        closed_on: closed.map(|s| date(&s)).transpose()?,
        published_on: published.map(|s| date(&s)).transpose()?,
    }))
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
                "dossier.consensus",
                &format!("dossier:{id}"),
                &serde_json::json!({"text": text}),
            )
        })
    }

    /// Selects a pilot demonstration unit (the secretariat decides; expert scores support it).
    /// The unit's pilot dossier must be ranked and have pledged matching funds > 0.
    pub fn select_pilot(&self, actor: &Actor, year: Option<i32>, unit: &str, reason: &str) -> Result<FundingLine> {
        self.require(actor, Role::Secretariat, "确定试点示范单位")?;
        if reason.trim().is_empty() {
            return Err(Error::invalid("理由", "确定试点示范单位须写明理由（如调研考察、平时掌握情况）"));
        }
        self.write(|tx| {
            let c = load(tx, year)?;
            require_stage(&c, Stage::Decide, "确定试点示范单位")?;
            let id = find_dossier(tx, c.id, unit, Some(Award::Pilot))?;
            let r = compute_results(tx, &c)?;
            let row = r.rows.iter().find(|x| x.dossier_id == id).ok_or_else(|| Error::rule(format!("{unit}的试点示范申报未进入评审，不能确定为试点示范单位")))?;
            if row.rank.is_none() {
                return Err(Error::rule(format!("{}的有效评分不足，未参与排名，不能确定为试点示范单位", row.unit)));
            }
            let exists: i64 = tx.query_row("SELECT count(*) FROM funding_lines WHERE dossier_id = ?1", [id], |x| x.get(0))?;
            if exists > 0 {
                return Err(Error::invalid("单位", format!("{}已确定为试点示范单位", row.unit)));
            }
            let matching: i64 = tx.query_row("SELECT matching_funds_yuan FROM dossiers WHERE id = ?1", [id], |x| x.get(0))?;
            rules::check_pilot_funding(c.policy.pilot_amount_yuan, matching)?;
            tx.execute(
                "INSERT INTO funding_lines (campaign_id, dossier_id, award, amount_yuan, matching_yuan, pay_by, note) VALUES (?1, ?2, 'pilot', ?3, ?4, ?5, '')",
                params![c.id, id, c.policy.pilot_amount_yuan, matching, c.dates.pilot_pay_by.to_string()],
            )?;
            record_decision(tx, actor, id, "pilot_selected", reason)?;
            audit_funding(tx, actor, "funding.pilot_select", id, serde_json::json!({"reason": reason}))?;
            let t = funding_table(tx, &c)?;
            t.lines.into_iter().find(|l| l.dossier_id == id).ok_or_else(|| Error::Other("试点示范经费未写入".into()))
        })
    }

    /// Undoes a pilot selection before publicity (with a reason).
    pub fn unselect_pilot(&self, actor: &Actor, year: Option<i32>, unit: &str, reason: &str) -> Result<()> {
        self.require(actor, Role::Secretariat, "撤销试点示范单位")?;
        self.write(|tx| {
            let c = load(tx, year)?;
            require_stage(&c, Stage::Decide, "撤销试点示范单位")?;
            let id = find_dossier(tx, c.id, unit, Some(Award::Pilot))?;
            if tx.execute("DELETE FROM funding_lines WHERE dossier_id = ?1", [id])? == 0 {
                return Err(Error::invalid("单位", format!("{unit}不是已确定的试点示范单位")));
            }
            record_decision(tx, actor, id, "pilot_unselected", reason)?;
            audit_funding(tx, actor, "funding.pilot_unselect", id, serde_json::json!({"reason": reason}))
        })
    }

    /// Adjusts one funding amount within the rules, with a recorded reason.
    pub fn adjust_funding(
        &self,
        actor: &Actor,
        year: Option<i32>,
        unit: &str,
        award: Award,
        amount_yuan: i64,
        reason: &str,
    ) -> Result<FundingTable> {
        self.require(actor, Role::Secretariat, "调整经费")?;
        if reason.trim().is_empty() {
            return Err(Error::invalid("理由", "调整经费须写明理由"));
        }
        self.write(|tx| {
            let c = load(tx, year)?;
            require_stage(&c, Stage::Decide, "调整经费")?;
            let id = find_dossier(tx, c.id, unit, Some(award))?;
            let (old, matching): (i64, i64) = tx
                .query_row("SELECT amount_yuan, matching_yuan FROM funding_lines WHERE dossier_id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or_else(|| Error::invalid("单位", format!("{unit}没有{}经费安排，不能调整", award.label())))?;
            if amount_yuan % 100 != 0 {
                return Err(Error::invalid("金额", format!("{amount_yuan}元不是百元的整数倍；公布的表格以万元保留两位小数，请填写如 125500 的金额")));
            }
            match award {
                Award::Pilot => rules::check_pilot_funding(amount_yuan, matching)?,
                Award::Subsidy => {
                    let total: i64 = tx.query_row("SELECT coalesce(sum(amount_yuan), 0) FROM funding_lines WHERE campaign_id = ?1 AND award = 'subsidy'", [c.id], |r| r.get(0))?;
                    funding::check_subsidy_adjustment(total, old, amount_yuan, &c.policy)?;
                }
            }
            tx.execute("UPDATE funding_lines SET amount_yuan = ?1, note = ?2 WHERE dossier_id = ?3", params![amount_yuan, reason, id])?;
            record_decision(tx, actor, id, "funding_adjusted", &format!("{old} → {amount_yuan} 元：{reason}"))?;
            audit_funding(tx, actor, "funding.adjust", id, serde_json::json!({"from": old, "reason": reason}))?;
            funding_table(tx, &c)
        })
    }

    /// The funding table: lines (pilot first, then post-subsidy by rank), totals and budget.
    pub fn funding(&self, actor: &Actor, year: Option<i32>) -> Result<FundingTable> {
        self.require(actor, Role::Secretariat, "查看经费安排")?;
        let c = load(&self.conn, year)?;
        funding_table(&self.conn, &c)
    }

    /// Opens the public notice of the proposed list for `days` working days (policy default)
    /// from `start`. Decide → Publicity; the list is frozen as published.
    pub fn open_publicity(
        &self,
        actor: &Actor,
        year: Option<i32>,
        start: NaiveDate,
        days: Option<u32>,
    ) -> Result<PublicityInfo> {
        self.require(actor, Role::Secretariat, "开始公示")?;
        let _backup = self.backup_if_stage(actor, year, Stage::Decide, StageEvent::OpenPublicity)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            let days = days.unwrap_or(c.policy.publicity_days);
            if days == 0 {
                return Err(Error::invalid("公示天数", "至少为1个工作日"));
            }
            require_stage(&c, Stage::Decide, "开始公示")?;
            let end = rules::publicity_end(&super::calendar::work_calendar(tx)?, start, days)?;
            let t = funding_table(tx, &c)?;
            if t.lines.is_empty() {
                return Err(Error::rule("拟支持名单为空：请先确定试点示范单位，或确认后补助有优秀单位"));
            }
            let rows: Vec<PublicityRow> = t.lines.iter().map(|l| PublicityRow { dossier_id: l.dossier_id, unit: l.unit.clone(), award: l.award, amount_yuan: l.amount_yuan }).collect();
            advance(tx, &c, StageEvent::OpenPublicity, actor)?;
            tx.execute(
                "INSERT INTO publicity (campaign_id, start_on, end_on, working_days, list_json) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![c.id, start.to_string(), end.to_string(), days, serde_json::to_string(&rows).unwrap_or_default()],
            )?;
            store::audit(tx, &actor.audit_name(), "publicity.open", &format!("campaign:{}", c.year), &serde_json::json!({"start": start, "end": end, "days": days, "rows": rows.len()}))?;
            let c = load(tx, Some(c.year))?;
            load_publicity(tx, &c)?.ok_or_else(|| Error::Other("公示未写入".into()))
        })
    }

    /// The publicity (period, list as published, objections with their authors' contacts):
    /// secretariat only, as the objections carry personal data.
    pub fn publicity(&self, actor: &Actor, year: Option<i32>) -> Result<Option<PublicityInfo>> {
        self.require(actor, Role::Secretariat, "查看公示和异议")?;
        let c = load(&self.conn, year)?;
        load_publicity(&self.conn, &c)
    }

    /// Logs an objection received during the period (real name, contact, in time); a refused
    /// objection is itself recorded in the audit log with the reason, and an error returned.
    #[allow(clippy::too_many_arguments)]
    pub fn add_objection(
        &self,
        actor: &Actor,
        year: Option<i32>,
        unit: Option<&str>,
        award: Option<Award>,
        name: &str,
        contact: &str,
        received_on: NaiveDate,
        content: &str,
    ) -> Result<i64> {
        self.require(actor, Role::Secretariat, "登记异议")?;
        let c = load(&self.conn, year)?;
        require_stage(&c, Stage::Publicity, "登记异议")?;
        let p = load_publicity(&self.conn, &c)?.ok_or_else(|| Error::rule("尚未开始公示"))?;
        if content.trim().is_empty() {
            return Err(Error::invalid("异议内容", "不能为空"));
        }
        let dossier = match unit {
            Some(u) => {
                let code = units::resolve("异议对象", u)?.code.clone();
                let rows: Vec<&PublicityRow> = p
                    .rows
                    .iter()
                    .filter(|r| {
                        units::find(&r.unit).is_some_and(|x| x.code == code) && award.is_none_or(|a| a == r.award)
                    })
                    .collect();
                match rows.as_slice() {
                    [r] => Some(r.dossier_id),
                    [] => {
                        return Err(Error::invalid(
                            "异议对象",
                            format!(
                                "{u}{}不在公示名单中",
                                award.map(|a| format!("（{}）", a.label())).unwrap_or_default()
                            ),
                        ))
                    }
                    _ => {
                        return Err(Error::invalid(
                            "类别",
                            format!("{u}同时列入试点示范和后补助名单，请指明异议针对的类别"),
                        ))
                    }
                }
            }
            None => None,
        };
        if let Err(e) = rules::check_objection(name, contact, received_on, p.start, p.end) {
            self.write(|tx| {
                store::audit(
                    tx,
                    &actor.audit_name(),
                    "objection.refused",
                    &format!("campaign:{}", c.year),
                    &serde_json::json!({"name": name, "received_on": received_on, "reason": e.to_string()}),
                )
            })?;
            return Err(e);
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO objections (campaign_id, dossier_id, name, contact, received_on, content, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open')",
                params![c.id, dossier, name.trim(), contact.trim(), received_on.to_string(), content],
            )?;
            let id = tx.last_insert_rowid();
            store::audit(tx, &actor.audit_name(), "objection.add", &format!("objection:{id}"), &serde_json::json!({"dossier": dossier, "name": name, "contact": contact, "received_on": received_on, "content": content}))?;
            Ok(id)
        })
    }

    /// Resolves an objection: upheld or dismissed, with reasons. Upholding an objection against a
    /// listed unit removes that unit from the list and its funding line.
    pub fn resolve_objection(&self, actor: &Actor, id: i64, upheld: bool, reason: &str) -> Result<()> {
        self.require(actor, Role::Secretariat, "处理异议")?;
        if reason.trim().is_empty() {
            return Err(Error::invalid("处理意见", "处理异议须写明理由"));
        }
        self.write(|tx| {
            let (campaign_id, dossier, state): (i64, Option<i64>, String) = tx
                .query_row("SELECT campaign_id, dossier_id, state FROM objections WHERE id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?
                .ok_or_else(|| Error::not_found("异议", format!("编号{id}")))?;
            let year: i32 = tx.query_row("SELECT year FROM campaigns WHERE id = ?1", [campaign_id], |r| r.get(0))?;
            let c = load(tx, Some(year))?;
            require_stage(&c, Stage::Publicity, "处理异议")?;
            if state != "open" {
                return Err(Error::IllegalTransition {
                    state: if state == "upheld" { "异议成立".into() } else { "异议不成立".into() },
                    action: "处理异议".into(),
                    allowed: "该异议已处理".into(),
                });
            }
            let new_state = if upheld { "upheld" } else { "dismissed" };
            tx.execute(
                "UPDATE objections SET state = ?1, resolution = ?2, resolved_at = ?3 WHERE id = ?4",
                params![new_state, reason, store::now_utc(), id],
            )?;
            store::audit(
                tx,
                &actor.audit_name(),
                &format!("objection.{new_state}"),
                &format!("objection:{id}"),
                &serde_json::json!({"reason": reason}),
            )?;
            if let (true, Some(d)) = (upheld, dossier) {
                tx.execute("DELETE FROM funding_lines WHERE dossier_id = ?1", [d])?;
                record_decision(tx, actor, d, "removed_by_objection", reason)?;
                audit_funding(tx, actor, "funding.remove_by_objection", d, serde_json::json!({"objection": id}))?;
                let list: String =
                    tx.query_row("SELECT list_json FROM publicity WHERE campaign_id = ?1", [campaign_id], |r| {
                        r.get(0)
                    })?;
                let mut rows: Vec<PublicityRow> =
                    serde_json::from_str(&list).map_err(|_| Error::Other("数据库中的公示名单已损坏".into()))?;
                rows.retain(|r| r.dossier_id != d);
                tx.execute(
                    "UPDATE publicity SET list_json = ?1 WHERE campaign_id = ?2",
                    params![serde_json::to_string(&rows).unwrap_or_default(), campaign_id],
                )?;
            }
            Ok(())
        })
    }

    /// Closes the publicity on `on` (not before the period's last day; no open objection).
    pub fn close_publicity(&self, actor: &Actor, year: Option<i32>, on: NaiveDate) -> Result<PublicityInfo> {
        self.require(actor, Role::Secretariat, "结束公示")?;
        let _backup = self.backup_if_stage(actor, year, Stage::Publicity, StageEvent::ClosePublicity)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            require_stage(&c, Stage::Publicity, "结束公示")?;
            let p = load_publicity(tx, &c)?.ok_or_else(|| Error::rule("尚未开始公示"))?;
            if on <= p.end {
                return Err(Error::invalid(
                    "结束日期",
                    format!("公示期至{}，须在公示期满后（{}之后）结束公示", p.end, p.end),
                ));
            }
            let open: Vec<String> = p
                .objections
                .iter()
                .filter(|o| o.state == "open")
                .map(|o| format!("第{}号（{}）", o.id, o.name))
                .collect();
            if !open.is_empty() {
                return Err(Error::rule(format!("尚有未处理的异议：{}，处理后才能结束公示", open.join("、"))));
            }
            advance(tx, &c, StageEvent::ClosePublicity, actor)?;
            tx.execute("UPDATE publicity SET closed_on = ?1 WHERE campaign_id = ?2", params![on.to_string(), c.id])?;
            store::audit(
                tx,
                &actor.audit_name(),
                "publicity.close",
                &format!("campaign:{}", c.year),
                &serde_json::json!({"on": on}),
            )?;
            load_publicity(tx, &c)?.ok_or_else(|| Error::Other("公示未找到".into()))
        })
    }

    /// Publishes the final list: Final → Published, with the notice's document number.
    pub fn publish(
        &self,
        actor: &Actor,
        year: Option<i32>,
        on: NaiveDate,
        doc_number: Option<&str>,
    ) -> Result<Campaign> {
        self.require(actor, Role::Secretariat, "发布")?;
        let _backup = self.backup_if_stage(actor, year, Stage::Final, StageEvent::Publish)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            require_stage(&c, Stage::Final, "发布")?;
            let p = load_publicity(tx, &c)?.ok_or_else(|| Error::rule("尚未公示"))?;
            if let Some(closed) = p.closed_on {
                if on < closed {
                    return Err(Error::invalid("发布日期", format!("不能早于公示结束日期{closed}")));
                }
            }
            let number = doc_number.map(str::to_string).unwrap_or_else(|| format!("科协计函企字〔{}〕　号", c.year));
            advance(tx, &c, StageEvent::Publish, actor)?;
            tx.execute("UPDATE publicity SET published_on = ?1 WHERE campaign_id = ?2", params![on.to_string(), c.id])?;
            tx.execute("UPDATE campaigns SET doc_number = ?1 WHERE id = ?2", params![number, c.id])?;
            store::audit(
                tx,
                &actor.audit_name(),
                "campaign.publish",
                &format!("campaign:{}", c.year),
                &serde_json::json!({"on": on, "doc_number": number}),
            )?;
            load(tx, Some(c.year))
        })
    }
}
