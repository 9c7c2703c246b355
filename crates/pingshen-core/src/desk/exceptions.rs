//! Years that don't go to plan: ending the review with sheets outstanding, replacing an expert on
//! one dossier (补充抽取), and a unit withdrawing its dossier (申报单位撤回). Each is one
//! transaction with its audit entries; each refusal says why in Chinese and changes nothing.

use super::allocation::{audit_funding, reallocate_subsidy, AdjustmentUndone};
use super::campaign::load;
use super::dossiers::{load_dossier, record_decision, set_state};
use super::ranking::compute_results;
use super::review_end::{end_review_if_done, enter_decide};
use super::rows;
use super::rows::assignments::{self, scored_pairs};
use super::rows::experts::{conflicts_of, find_expert};
use super::rows::funding as lines;
use super::score_sheet::audit_scores;
use super::{Actor, Desk, Role};
use crate::assignment;
use crate::error::{Error, Result};
use crate::model::Award;
use crate::rules;
use crate::store;
use crate::text::Text;
use crate::units;
use crate::workflow::reason_required;
use crate::workflow::{dossier_after, DossierEvent, SheetEvent, SheetState, Stage, StageEvent};
use crate::AuditAction;
use crate::{msg, t};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// A sheet left outstanding when the review was ended.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct UnreturnedSheet {
    pub assignment_id: i64,
    pub expert: String,
    pub unit: String,
    pub award: Award,
}

/// What ending the review did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReviewClosed {
    pub year: i32,
    pub unreturned: Vec<UnreturnedSheet>,
    /// Dossiers left with fewer submitted scores than the policy's minimum: not ranked, not funded.
    pub insufficient: Vec<String>,
}

/// A replacement reviewer on one dossier.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Replacement {
    pub dossier_id: i64,
    pub unit: String,
    pub award: Award,
    pub old_expert: String,
    pub new_expert: String,
    pub new_assignment_id: i64,
    /// The seed the pick used (the draw's, unless one was given); `None` when named by hand.
    pub seed: Option<u64>,
}

/// What withdrawing a dossier did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Withdrawal {
    pub dossier_id: i64,
    pub unit: String,
    pub award: Award,
    pub sheets_withdrawn: usize,
    /// It had a funding line, now removed.
    pub funding_removed: bool,
    /// The post-subsidy allocation was made again without it.
    pub subsidy_recomputed: bool,
    /// Manual adjustments that the new allocation undid (to be made again if still wanted).
    pub adjustments_undone: Vec<AdjustmentUndone>,
}

/// Why an expert must recuse, in words.
fn recusal_text(r: &rules::Recusal) -> Text {
    match r {
        rules::Recusal::SameProvince(province) => t!(msg::YEAR_WHY_SAME_PROVINCE, province = province.as_str()),
        rules::Recusal::Declared => t!(msg::YEAR_WHY_DECLARED),
        rules::Recusal::Employer => t!(msg::YEAR_WHY_EMPLOYER),
    }
}

impl Desk {
    /// Ends the review while sheets are still outstanding (e.g. an expert fell ill): every sheet
    /// not submitted becomes 「未返回」 (kept with its draft, never counted), the campaign moves to
    /// the decide stage, and the post-subsidy funding is allocated from the sheets returned.
    /// Dossiers left with fewer scores than the policy's minimum are flagged
    /// `insufficient_scores`: not ranked, not funded.
    pub fn close_review(&self, actor: &Actor, year: Option<i32>, reason: &str) -> Result<ReviewClosed> {
        self.require(actor, Role::Secretariat, StageEvent::AllScored.text())?;
        reason_required(reason, StageEvent::CloseReview.text())?;
        let _backup = self.backup_if_stage(actor, year, Stage::Review, StageEvent::CloseReview)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            if c.stage != Stage::Review {
                return Err(Error::illegal(
                    c.stage.text(),
                    StageEvent::AllScored.text(),
                    t!(msg::YEAR_CLOSE_REVIEW_IN_REVIEW),
                ));
            }
            let unreturned: Vec<UnreturnedSheet> = {
                let mut st = tx.prepare(
                    "SELECT a.id, e.name, u.full_name, d.award FROM assignments a JOIN experts e ON e.id = a.expert_id
                       JOIN dossiers d ON d.id = a.dossier_id JOIN units u ON u.code = d.unit_code
                      WHERE a.campaign_id = ?1 AND a.state = 'pending' ORDER BY e.id, d.award, u.ord",
                )?;
                let v = st
                    .query_map([c.id], |r| {
                        Ok(UnreturnedSheet {
                            assignment_id: r.get(0)?,
                            expert: r.get(1)?,
                            unit: r.get(2)?,
                            award: r.get(3)?,
                        })
                    })?
                    .collect::<std::result::Result<_, _>>()
                    .map_err(rows::at("assignments", t!(msg::YEAR_ROW_YEAR, year = c.year)))?;
                v
            };
            for s in &unreturned {
                assignments::set_state(tx, s.assignment_id, SheetEvent::CloseUnreturned)?;
                audit_scores(
                    tx,
                    actor,
                    AuditAction::ScoresUnreturned,
                    s.assignment_id,
                    serde_json::json!({"reason": reason, "expert": s.expert, "unit": s.unit}),
                )?;
            }
            enter_decide(tx, actor, &c, StageEvent::CloseReview)?;
            let results = compute_results(tx, &load(tx, Some(c.year))?)?;
            let insufficient: Vec<String> = results
                .rows
                .iter()
                .filter(|r| r.flags.iter().any(|f| f == "insufficient_scores"))
                .map(|r| format!("{}（{}，{}份评分）", r.unit, r.award.label(), r.n_scores))
                .collect();
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::ReviewClose,
                &format!("campaign:{}", c.year),
                &serde_json::json!({"reason": reason, "unreturned": unreturned.len(), "insufficient": insufficient}),
            )?;
            Ok(ReviewClosed { year: c.year, unreturned, insufficient })
        })
    }

    /// Replaces an expert on one dossier (补充抽取) during the review: the expert's sheet is
    /// withdrawn (kept, not counted) and another expert takes the dossier — named by hand (`to`),
    /// or drawn among the eligible experts with the least load by the draw's recorded seed (or
    /// `seed`). Every recusal rule holds; when no expert is eligible nothing changes.
    pub fn replace_expert(
        &self,
        actor: &Actor,
        dossier_id: i64,
        expert: &str,
        reason: &str,
        seed: Option<u64>,
        to: Option<&str>,
    ) -> Result<Replacement> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_REPLACE_EXPERT))?;
        reason_required(reason, t!(msg::YEAR_ACTION_REPLACE))?;
        self.write(|tx| {
            let d = load_dossier(tx, dossier_id)?;
            let c = load(tx, Some(d.year))?;
            if c.stage != Stage::Review {
                return Err(Error::illegal(c.stage.text(), t!(msg::YEAR_ACTION_REPLACE_EXPERT), t!(msg::YEAR_REPLACE_IN_REVIEW)));
            }
            let unit = &d.unit;
            let label = t!(msg::YEAR_UNIT_AWARD, unit = unit.full_name.as_str(), award = d.award().text());
            let old_id = find_expert(tx, c.id, expert)?.id;
            let old: Option<(i64, String)> =
                tx.query_row("SELECT id, state FROM assignments WHERE dossier_id = ?1 AND expert_id = ?2", params![dossier_id, old_id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
            let Some((old_aid, old_state)) = old else {
                return Err(Error::rule(t!(msg::YEAR_NOT_ASSIGNED, expert, dossier = &label)));
            };
            match SheetState::from_code(&old_state) {
                Some(SheetState::Pending) => {}
                Some(SheetState::Submitted) => return Err(Error::rule(t!(msg::YEAR_SHEET_SUBMITTED_NO_REPLACE, expert, dossier = &label))),
                Some(s) => return Err(Error::rule(t!(msg::YEAR_SHEET_NO_REPLACE, expert, dossier = &label, state = s.text()))),
                None => return Err(Error::other(t!(msg::YEAR_SHEET_STATE_UNKNOWN, state = old_state.as_str()))),
            }
            // every expert of the panel with why they may not take this dossier, if they may not
            let panel: Vec<(i64, String, String, String, i64, bool)> = {
                let mut st = tx.prepare(
                    "SELECT e.id, e.name, e.province, e.employer,
                            (SELECT count(*) FROM assignments a WHERE a.expert_id = e.id AND a.state IN ('pending', 'submitted')),
                            EXISTS (SELECT 1 FROM assignments a WHERE a.expert_id = e.id AND a.dossier_id = ?2)
                       FROM experts e WHERE e.campaign_id = ?1 ORDER BY e.id",
                )?;
                let v = st.query_map(params![c.id, dossier_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?.collect::<std::result::Result<_, _>>()?;
                v
            };
            let mut eligible: Vec<(i64, i64)> = Vec::new();
            let mut why_not: Vec<(String, Text)> = Vec::new();
            for (id, name, province, employer, load, on_dossier) in &panel {
                let why = if *on_dossier {
                    Some(t!(msg::YEAR_WHY_ON_DOSSIER))
                } else {
                    rules::recusal(province, employer, &conflicts_of(tx, *id)?, unit).map(|r| recusal_text(&r))
                };
                match why {
                    None => eligible.push((*id, *load)),
                    Some(w) => why_not.push((name.clone(), w)),
                }
            }
            let scored_before: Vec<String> = if c.policy.rotate_pairs {
                scored_pairs(tx, c.year - 1)?.into_iter().filter(|(u, _)| *u == unit.code).map(|(_, n)| n).collect()
            } else {
                Vec::new()
            };
            let repeat_of = |id: i64| panel.iter().any(|p| p.0 == id && scored_before.contains(&p.1));
            let (new_id, used_seed) = match to {
                Some(name) => {
                    let id = find_expert(tx, c.id, name)?.id;
                    if let Some((_, w)) = why_not.iter().find(|(n, _)| n == name.trim()) {
                        return Err(Error::rule(t!(msg::YEAR_EXPERT_CANNOT_REVIEW, expert = name.trim(), dossier = &label, why = w)));
                    }
                    (id, None)
                }
                None => {
                    let seed = match seed {
                        Some(s) => s,
                        None => tx
                            .query_row("SELECT seed FROM draws WHERE campaign_id = ?1 ORDER BY id DESC LIMIT 1", [c.id], |r| r.get::<_, i64>(0))
                            .optional()?
                            .map(|s| s as u64)
                            .ok_or_else(|| Error::rule(t!(msg::YEAR_NO_DRAW_SEED)))?,
                    };
                    let round: i64 = tx.query_row("SELECT count(*) FROM assignments WHERE campaign_id = ?1 AND state = 'withdrawn'", [c.id], |r| r.get(0))?;
                    // rotation: one who did not score the unit last year, while any is eligible
                    let fresh: Vec<(i64, i64)> = eligible.iter().copied().filter(|(id, _)| !repeat_of(*id)).collect();
                    let pool = if fresh.is_empty() { &eligible } else { &fresh };
                    let Some(id) = assignment::pick_replacement(pool, seed, dossier_id, round as u64) else {
                        let each = why_not.iter().map(|(name, why)| t!(msg::YEAR_EXPERT_WHY, name, why)).collect();
                        let detail = super::joined(each, &msg::YEAR_JOIN_SEMI).unwrap_or_else(|| t!(msg::EMPTY));
                        return Err(Error::rule(t!(msg::YEAR_NO_REPLACEMENT, n = panel.len(), dossier = &label, detail)));
                    };
                    (id, Some(seed))
                }
            };
            let new_name = panel.iter().find(|p| p.0 == new_id).map(|p| p.1.clone()).unwrap_or_default();
            assignments::set_state(tx, old_aid, SheetEvent::Withdraw)?;
            audit_scores(tx, actor, AuditAction::ScoresWithdraw, old_aid, serde_json::json!({"reason": reason, "replaced_by": new_name}))?;
            let repeat = repeat_of(new_id).then_some(c.year - 1);
            tx.execute("INSERT INTO assignments (campaign_id, dossier_id, expert_id, state, repeat_of_year) VALUES (?1, ?2, ?3, 'pending', ?4)", params![c.id, dossier_id, new_id, repeat])?;
            let new_aid = tx.last_insert_rowid();
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::ReviewReplace,
                &format!("dossier:{dossier_id}"),
                &serde_json::json!({"old_expert": expert.trim(), "new_expert": new_name, "reason": reason, "seed": used_seed.map(|s| s.to_string()), "by_hand": to.is_some(), "assignment": new_aid, "repeat_of_year": repeat}),
            )?;
            Ok(Replacement { dossier_id, unit: unit.full_name.clone(), award: d.award(), old_expert: expert.trim().to_string(), new_expert: new_name, new_assignment_id: new_aid, seed: used_seed })
        })
    }

    /// Records that the applicant unit withdrew its dossier (申报单位撤回), before publicity: the
    /// dossier leaves the review, the results, the ranking and the funding (the post-subsidy
    /// allocation is made again without it); it stays in the record with its sheets withdrawn.
    pub fn withdraw_dossier(&self, actor: &Actor, dossier_id: i64, reason: &str) -> Result<Withdrawal> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_REGISTER_WITHDRAWAL))?;
        reason_required(reason, DossierEvent::Withdraw.text())?;
        let year = super::dossiers::load_dossier(&self.conn, dossier_id).ok().map(|d| d.year);
        let _backup = if year.is_some() { Some(self.backup_if_review_may_end(actor, year, Some(8))?) } else { None };
        self.write(|tx| {
            let d = load_dossier(tx, dossier_id)?;
            let c = load(tx, Some(d.year))?;
            if !matches!(c.stage, Stage::Apply | Stage::Review | Stage::Decide) {
                return Err(Error::illegal(c.stage.text(), DossierEvent::Withdraw.text(), t!(msg::YEAR_WITHDRAW_BEFORE_PUBLICITY)));
            }
            let next = dossier_after(d.state, DossierEvent::Withdraw)?;
            set_state(tx, dossier_id, next)?;
            record_decision(tx, actor, dossier_id, "withdrawn", reason)?;
            let sheets = assignments::standing_on_dossier(tx, dossier_id)?;
            for aid in &sheets {
                assignments::set_state(tx, *aid, SheetEvent::Withdraw)?;
                audit_scores(tx, actor, AuditAction::ScoresWithdraw, *aid, serde_json::json!({"reason": "申报单位撤回", "dossier": dossier_id}))?;
            }
            let funded = lines::delete(tx, dossier_id)?;
            if funded {
                audit_funding(tx, actor, AuditAction::FundingWithdraw, dossier_id, serde_json::json!({"why": "申报单位撤回"}))?;
            }
            let (mut recomputed, mut adjustments_undone) = (false, Vec::new());
            if c.stage == Stage::Decide && d.award() == Award::Subsidy {
                adjustments_undone = reallocate_subsidy(tx, actor, c.year, "申报单位撤回，结果重新计算")?;
                recomputed = true;
            }
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::DossierWithdraw,
                &format!("dossier:{dossier_id}"),
                &serde_json::json!({"unit": d.unit.code, "award": d.award().code(), "from": d.state.code(), "reason": reason, "sheets_withdrawn": sheets.len(), "funding_removed": funded}),
            )?;
            if c.stage == Stage::Review {
                // its sheets may have been the last outstanding ones
                end_review_if_done(tx, actor, c.year)?;
            }
            Ok(Withdrawal {
                dossier_id,
                unit: units::by_code(&d.unit.code).map(|u| u.full_name.clone()).unwrap_or_default(),
                award: d.award(),
                sheets_withdrawn: sheets.len(),
                funding_removed: funded,
                subsidy_recomputed: recomputed,
                adjustments_undone,
            })
        })
    }
}
