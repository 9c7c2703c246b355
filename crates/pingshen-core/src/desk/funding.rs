//! Funding: the funding table, pilot selection and manual adjustments within the rules.

use super::allocation::audit_funding;
use super::campaign::{load, require_stage, Campaign};
use super::dossiers::{find_dossier, record_decision};
use super::ranking::{compute_results, ResultRow};
use super::rows::funding as lines;
use super::{Actor, Desk, Role};
use crate::decimal::Points;
use crate::error::{Error, Result};
use crate::funding;
use crate::model::Award;
use crate::rules;
use crate::scoring::Grade;
use crate::text::catalog::msg;
use crate::units;
use crate::workflow::Stage;
use crate::{t, AuditAction};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;

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
    /// The dossiers the panel meeting did not pass (issue 18): not funded, whatever their grade;
    /// absent in a year without a meeting.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub not_passed: Option<Vec<NotPassed>>,
}

/// A dossier the panel meeting did not pass, as the funding screen lists it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct NotPassed {
    pub unit: String,
    pub award: Award,
    pub rank: Option<u32>,
    pub grade: Option<Grade>,
    pub votes_for: u32,
    pub eligible: u32,
}

pub(crate) fn funding_table(conn: &Connection, c: &Campaign) -> Result<FundingTable> {
    let results = compute_results(conn, c)?;
    let by_id: HashMap<i64, &ResultRow> = results.rows.iter().map(|r| (r.dossier_id, r)).collect();
    let mut lines: Vec<FundingLine> = lines::all(conn, c.id)?
        .into_iter()
        .map(|l| {
            let rr = by_id.get(&l.dossier_id);
            FundingLine {
                dossier_id: l.dossier_id,
                unit: units::by_code(&l.unit_code).map(|u| u.full_name.clone()).unwrap_or_default(),
                unit_code: l.unit_code,
                award: l.award,
                amount_yuan: l.amount_yuan,
                matching_yuan: l.matching_yuan,
                pay_by: l.pay_by,
                note: l.note,
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
    let not_passed = c.policy.meeting.then(|| {
        results
            .rows
            .iter()
            .filter_map(|r| {
                r.meeting.as_ref().filter(|m| !m.passed).map(|m| NotPassed {
                    unit: r.unit.clone(),
                    award: r.award,
                    rank: r.rank,
                    grade: r.grade,
                    votes_for: m.votes_for,
                    eligible: m.eligible,
                })
            })
            .collect()
    });
    Ok(FundingTable {
        year: c.year,
        lines,
        total_yuan: pilot + subsidy,
        pilot_total_yuan: pilot,
        subsidy_total_yuan: subsidy,
        subsidy_budget_yuan: c.policy.subsidy_budget_yuan,
        subsidy_remaining_yuan: c.policy.subsidy_budget_yuan - subsidy,
        not_passed,
    })
}

impl Desk {
    /// Selects a pilot demonstration unit (the secretariat decides; expert scores support it).
    /// The unit's pilot dossier must be ranked and have pledged matching funds > 0.
    pub fn select_pilot(&self, actor: &Actor, year: Option<i32>, unit: &str, reason: &str) -> Result<FundingLine> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_SELECT_PILOT))?;
        if reason.trim().is_empty() {
            return Err(Error::invalid(t!(msg::EXCHANGE_FIELD_REASON), t!(msg::DECIDE_FUNDING_PILOT_NEEDS_REASON)));
        }
        self.write(|tx| {
            let c = load(tx, year)?;
            require_stage(&c, Stage::Decide, t!(msg::DECIDE_ACTION_SELECT_PILOT))?;
            let id = find_dossier(tx, c.id, unit, Some(Award::Pilot))?;
            let r = compute_results(tx, &c)?;
            let row = r
                .rows
                .iter()
                .find(|x| x.dossier_id == id)
                .ok_or_else(|| Error::rule(t!(msg::DECIDE_FUNDING_PILOT_NOT_REVIEWED, unit)))?;
            if row.rank.is_none() {
                return Err(Error::rule(t!(msg::DECIDE_FUNDING_PILOT_UNRANKED, unit = row.unit.as_str())));
            }
            if let Some(m) = &row.meeting {
                if !m.passed {
                    return Err(Error::rule(t!(
                        msg::DECIDE_FUNDING_PILOT_NOT_PASSED,
                        unit = row.unit.as_str(),
                        votes_for = m.votes_for,
                        eligible = m.eligible
                    )));
                }
            }
            if lines::amount_of(tx, id)?.is_some() {
                return Err(Error::invalid(
                    t!(msg::YEAR_FIELD_UNIT),
                    t!(msg::DECIDE_FUNDING_PILOT_ALREADY, unit = row.unit.as_str()),
                ));
            }
            let matching: i64 =
                tx.query_row("SELECT matching_funds_yuan FROM dossiers WHERE id = ?1", [id], |x| x.get(0))?;
            rules::check_pilot_funding(c.policy.pilot_amount_yuan, matching)?;
            lines::insert(tx, c.id, id, Award::Pilot, c.policy.pilot_amount_yuan, matching, c.dates.pilot_pay_by)?;
            record_decision(tx, actor, id, "pilot_selected", reason)?;
            audit_funding(tx, actor, AuditAction::FundingPilotSelect, id, serde_json::json!({"reason": reason}))?;
            let t = funding_table(tx, &c)?;
            t.lines
                .into_iter()
                .find(|l| l.dossier_id == id)
                .ok_or_else(|| Error::other(t!(msg::DECIDE_FUNDING_PILOT_NOT_WRITTEN)))
        })
    }

    /// Undoes a pilot selection before publicity (with a reason).
    pub fn unselect_pilot(&self, actor: &Actor, year: Option<i32>, unit: &str, reason: &str) -> Result<()> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_UNSELECT_PILOT))?;
        self.write(|tx| {
            let c = load(tx, year)?;
            require_stage(&c, Stage::Decide, t!(msg::DECIDE_ACTION_UNSELECT_PILOT))?;
            let id = find_dossier(tx, c.id, unit, Some(Award::Pilot))?;
            if !lines::delete(tx, id)? {
                return Err(Error::invalid(t!(msg::YEAR_FIELD_UNIT), t!(msg::DECIDE_FUNDING_NOT_PILOT, unit)));
            }
            record_decision(tx, actor, id, "pilot_unselected", reason)?;
            audit_funding(tx, actor, AuditAction::FundingPilotUnselect, id, serde_json::json!({"reason": reason}))
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
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_ADJUST_FUNDING))?;
        if reason.trim().is_empty() {
            return Err(Error::invalid(t!(msg::EXCHANGE_FIELD_REASON), t!(msg::DECIDE_FUNDING_ADJUST_NEEDS_REASON)));
        }
        self.write(|tx| {
            let c = load(tx, year)?;
            require_stage(&c, Stage::Decide, t!(msg::DECIDE_ACTION_ADJUST_FUNDING))?;
            let id = find_dossier(tx, c.id, unit, Some(award))?;
            let (old, matching) = lines::amount_and_matching(tx, id)?.ok_or_else(|| {
                Error::invalid(t!(msg::YEAR_FIELD_UNIT), t!(msg::DECIDE_FUNDING_NO_LINE, unit, award = award.text()))
            })?;
            if amount_yuan % 100 != 0 {
                return Err(Error::invalid(
                    t!(msg::DECIDE_FIELD_AMOUNT),
                    t!(msg::DECIDE_FUNDING_NOT_HUNDREDS, amount = amount_yuan),
                ));
            }
            match award {
                Award::Pilot => rules::check_pilot_funding(amount_yuan, matching)?,
                Award::Subsidy => {
                    let total = lines::subsidy_total(tx, c.id)?;
                    funding::check_subsidy_adjustment(total, old, amount_yuan, &c.policy)?;
                }
            }
            lines::set_amount(tx, id, amount_yuan, reason)?;
            record_decision(tx, actor, id, "funding_adjusted", &format!("{old} → {amount_yuan} 元：{reason}"))?;
            audit_funding(
                tx,
                actor,
                AuditAction::FundingAdjust,
                id,
                serde_json::json!({"from": old, "reason": reason}),
            )?;
            funding_table(tx, &c)
        })
    }

    /// The funding table: lines (pilot first, then post-subsidy by rank), totals and budget.
    pub fn funding(&self, actor: &Actor, year: Option<i32>) -> Result<FundingTable> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_VIEW_FUNDING))?;
        let c = load(&self.conn, year)?;
        funding_table(&self.conn, &c)
    }
}
