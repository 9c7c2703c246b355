//! The post-subsidy allocation: made when the review ends (entering Decide), made again when the
//! results change there, withdrawn when they may change; every funding line's amount recorded in
//! the audit log, and checked against it.

use super::campaign::load;
use super::ranking::compute_results;
use super::rows::funding as lines;
use super::rows::meeting as lines_meeting;
use super::Actor;
use crate::error::Result;
use crate::funding;
use crate::model::Award;
use crate::scoring::Grade;
use crate::store;
use crate::units;
use crate::AuditAction;
use rusqlite::Transaction;
use serde::Serialize;

/// Records the current funding line of a dossier (or its absence) in the audit log.
pub(crate) fn audit_funding(
    tx: &Transaction,
    actor: &Actor,
    action: AuditAction,
    dossier_id: i64,
    extra: serde_json::Value,
) -> Result<()> {
    let amount = lines::amount_of(tx, dossier_id)?;
    store::audit(
        tx,
        &actor.audit_name(),
        action,
        &format!("dossier:{dossier_id}"),
        &serde_json::json!({"amount_yuan": amount, "extra": extra}),
    )
}

/// Allocates the post-subsidy lines from the results (on entering Decide): the excellent
/// post-subsidy dossiers in rank order — of a year with a panel meeting, only those it passed.
pub(crate) fn allocate_subsidy(tx: &Transaction, actor: &Actor, year: i32) -> Result<()> {
    let c = load(tx, Some(year))?;
    let r = compute_results(tx, &c)?;
    // a year with a panel meeting funds only the dossiers it passed (issue 18)
    let passed = lines_meeting::passed(tx, c.id)?;
    let excellent: Vec<i64> = r
        .rows
        .iter()
        .filter(|x| x.award == Award::Subsidy && x.grade == Some(Grade::Excellent))
        .filter(|x| passed.as_ref().is_none_or(|p| p.contains(&x.dossier_id)))
        .map(|x| x.dossier_id)
        .collect();
    for (id, amount) in funding::subsidy_allocation(&excellent, &c.policy) {
        lines::insert(tx, c.id, id, Award::Subsidy, amount, 0, c.dates.subsidy_pay_by)?;
        audit_funding(
            tx,
            actor,
            AuditAction::FundingAllocate,
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
    let adjusted = lines::adjusted_subsidy(tx, c.id)?;
    withdraw_subsidy(tx, actor, c.id, why)?;
    allocate_subsidy(tx, actor, year)?;
    let mut undone = Vec::new();
    for (id, code, adjusted_yuan, reason) in adjusted {
        let now_yuan = lines::amount_of(tx, id)?;
        undone.push(AdjustmentUndone { unit: units::full_name_or_code(&code), adjusted_yuan, reason, now_yuan });
    }
    Ok(undone)
}

/// Withdraws the post-subsidy lines (results may change: `why` says how, for the log).
pub(crate) fn withdraw_subsidy(tx: &Transaction, actor: &Actor, campaign_id: i64, why: &str) -> Result<()> {
    for id in lines::subsidy_dossiers(tx, campaign_id)? {
        lines::delete(tx, id)?;
        audit_funding(tx, actor, AuditAction::FundingWithdraw, id, serde_json::json!({"why": why}))?;
    }
    Ok(())
}
