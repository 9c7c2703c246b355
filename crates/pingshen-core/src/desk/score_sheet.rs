//! One path for a score sheet. Whether typed in the window, imported from a spreadsheet or taken
//! from an expert's score return, a sheet's scores are checked once against the rubric
//! (`check_score`: `Centi::parse` is the one grammar, applied by every reader before this),
//! checked for completeness one way (`missing`), stored, moved by the sheet state machine and
//! recorded in the audit log by `store`, which first refuses a score of an expert who has not
//! accepted the year's pledge (`pledge::require_accepted`). The review ends, at the stage change, in `review_end`.

use super::allocation::withdraw_subsidy;
use super::campaign::{advance, load, Campaign};
use super::pledge::require_accepted;
use super::review_end::end_review_if_done;
use super::rows::assignments::{load_sheet, set_state, state_of, Sheet};
use super::rows::scores;
use super::{Actor, Desk, Role};
use crate::decimal::Centi;
use crate::error::{Error, Result};
use crate::model::ScoreInput;
use crate::rubric::{Criterion, Rubric};
use crate::store;
use crate::text::Text;
use crate::workflow::{SheetEvent, SheetState, Stage, StageEvent};
use crate::AuditAction;
use crate::{msg, t};
use rusqlite::Transaction;
use serde::Serialize;
use std::collections::BTreeMap;

/// One criterion's score on a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SheetScore {
    pub criterion: String,
    pub points: Centi,
    pub comment: String,
}

/// A typed score checked against the rubric: the criterion's id, the hundredths, the comment.
pub(crate) struct CheckedScore {
    pub criterion: String,
    pub centi: Centi,
    pub comment: String,
}

/// Checks one typed score: an expert criterion of the rubric (by id or name), within its bounds
/// and in the rubric's steps.
pub(crate) fn check_score(rubric: &Rubric, s: &ScoreInput) -> std::result::Result<CheckedScore, Text> {
    let crit = rubric.check_expert_score_text(&s.criterion, s.points)?;
    Ok(CheckedScore { criterion: crit.id.clone(), centi: s.points, comment: s.comment.clone() })
}

/// Checks the scores given for one sheet: each one, and no criterion twice.
pub(crate) fn check_scores(rubric: &Rubric, given: &[ScoreInput]) -> std::result::Result<Vec<CheckedScore>, Text> {
    let mut out: Vec<CheckedScore> = Vec::with_capacity(given.len());
    for s in given {
        let checked = check_score(rubric, s)?;
        if out.iter().any(|o| o.criterion == checked.criterion) {
            let name = rubric.criterion(&checked.criterion).map(|k| k.name.as_str()).unwrap_or(&checked.criterion);
            return Err(t!(msg::EXCHANGE_CRITERION_TWICE, name));
        }
        out.push(checked);
    }
    Ok(out)
}

/// The expert criteria of the rubric a sheet lacks, given the criterion ids it has.
pub(crate) fn missing<'r>(rubric: &'r Rubric, have: &[&str]) -> Vec<&'r Criterion> {
    rubric.expert_criteria().filter(|k| !have.contains(&k.id.as_str())).collect()
}

/// How stored scores leave the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Saved as a draft; the sheet stays pending.
    Draft,
    /// Submitted and locked.
    Submit,
    /// The sheet replaced whole by a score return (a newer return of the same package may
    /// replace the sheet an older one submitted).
    Return,
}

/// Stores checked scores on a sheet, moves the sheet by its state machine and records the stored
/// scores in the audit log (`action`, with `extra`): the one way a sheet's scores are written.
pub(crate) fn store(
    tx: &Transaction,
    actor: &Actor,
    assignment_id: i64,
    checked: &[CheckedScore],
    outcome: Outcome,
    action: AuditAction,
    extra: serde_json::Value,
) -> Result<()> {
    // no score of an expert is saved before they accepted the year's pledge (issue 19)
    let expert_id: i64 =
        tx.query_row("SELECT expert_id FROM assignments WHERE id = ?1", [assignment_id], |r| r.get(0))?;
    require_accepted(tx, expert_id)?;
    if outcome == Outcome::Return {
        scores::clear(tx, assignment_id)?;
    }
    for s in checked {
        scores::upsert(tx, assignment_id, &s.criterion, s.centi, &s.comment)?;
    }
    match outcome {
        Outcome::Draft => {}
        Outcome::Submit => {
            set_state(tx, assignment_id, SheetEvent::Submit)?;
        }
        Outcome::Return => {
            let event = match state_of(tx, assignment_id)? {
                SheetState::Submitted => SheetEvent::Replace,
                _ => SheetEvent::Submit,
            };
            set_state(tx, assignment_id, event)?;
        }
    }
    audit_scores(tx, actor, action, assignment_id, extra)
}

/// Writes the assignment's stored scores into the audit log, so `audit verify` can detect a
/// score edited outside the app.
pub(crate) fn audit_scores(
    tx: &Transaction,
    actor: &Actor,
    action: AuditAction,
    assignment_id: i64,
    extra: serde_json::Value,
) -> Result<()> {
    let s: BTreeMap<String, i64> =
        scores::sheet_scores(tx, assignment_id)?.into_iter().map(|(k, (v, _))| (k, v.0)).collect();
    store::audit(
        tx,
        &actor.audit_name(),
        action,
        &format!("assignment:{assignment_id}"),
        &serde_json::json!({"scores": s, "extra": extra}),
    )
}

impl Desk {
    fn own_pending_sheet(&self, tx: &Transaction, actor: &Actor, assignment_id: i64) -> Result<(Sheet, Campaign)> {
        let sheet = load_sheet(tx, assignment_id)?;
        if actor.role != Role::Expert || actor.user_id.is_none() || sheet.expert_user != actor.user_id {
            return Err(self.deny(actor, t!(msg::EXCHANGE_SCORE_OWN_ONLY)));
        }
        let c = load(tx, Some(sheet.campaign_year))?;
        // an unreturned or withdrawn sheet says why itself; otherwise the stage comes first
        let gone = matches!(sheet.state, SheetState::Unreturned | SheetState::Withdrawn);
        if c.stage != Stage::Review && !gone {
            return Err(Error::IllegalTransition {
                state: c.stage.text(),
                action: t!(msg::EXCHANGE_ACTION_SCORE),
                allowed: t!(msg::EXCHANGE_SCORE_IN_REVIEW, stage = Stage::Review.text()),
            });
        }
        match sheet.state {
            SheetState::Pending => Ok((sheet, c)),
            SheetState::Submitted => Err(Error::IllegalTransition {
                state: sheet.state.text(),
                action: t!(msg::EXCHANGE_ACTION_CHANGE_SCORES),
                allowed: t!(msg::EXCHANGE_SHEET_LOCKED),
            }),
            SheetState::Recused => Err(Error::IllegalTransition {
                state: sheet.state.text(),
                action: t!(msg::EXCHANGE_ACTION_SCORE),
                allowed: t!(msg::EXCHANGE_SHEET_RECUSED),
            }),
            SheetState::Unreturned => Err(Error::IllegalTransition {
                state: sheet.state.text(),
                action: t!(msg::EXCHANGE_ACTION_SCORE),
                allowed: t!(msg::EXCHANGE_SHEET_UNRETURNED),
            }),
            SheetState::Withdrawn => Err(Error::IllegalTransition {
                state: sheet.state.text(),
                action: t!(msg::EXCHANGE_ACTION_SCORE),
                allowed: t!(msg::EXCHANGE_SHEET_WITHDRAWN),
            }),
        }
    }

    /// Saves an expert's draft scores on their own pending sheet.
    pub fn save_scores(&self, actor: &Actor, assignment_id: i64, scores: &[ScoreInput]) -> Result<()> {
        self.write(|tx| {
            let (sheet, c) = self.own_pending_sheet(tx, actor, assignment_id)?;
            let checked = check_scores(c.rubric(sheet.award), scores)
                .map_err(|m| Error::invalid(t!(msg::EXCHANGE_FIELD_POINTS), m))?;
            store(tx, actor, sheet.id, &checked, Outcome::Draft, AuditAction::ScoresSave, serde_json::json!({}))
        })
    }

    /// Submits (and locks) an expert's own sheet: every expert criterion must be scored.
    /// The last submission of the campaign ends the review.
    pub fn submit_scores(&self, actor: &Actor, assignment_id: i64, scores: &[ScoreInput]) -> Result<()> {
        let year = load_sheet(&self.conn, assignment_id).ok().map(|s| s.campaign_year);
        let _backup = if year.is_some() { Some(self.backup_if_review_may_end(actor, year, Some(1))?) } else { None };
        self.write(|tx| {
            let (sheet, c) = self.own_pending_sheet(tx, actor, assignment_id)?;
            let rubric = c.rubric(sheet.award);
            let checked =
                check_scores(rubric, scores).map_err(|m| Error::invalid(t!(msg::EXCHANGE_FIELD_POINTS), m))?;
            // complete with what was saved before and what comes now
            let saved = scores::sheet_scores(tx, sheet.id)?;
            let have: Vec<&str> =
                saved.keys().map(String::as_str).chain(checked.iter().map(|s| s.criterion.as_str())).collect();
            let lacking: Vec<&str> = missing(rubric, &have).iter().map(|k| k.name.as_str()).collect();
            if !lacking.is_empty() {
                return Err(Error::invalid(
                    t!(msg::EXCHANGE_FIELD_CRITERION),
                    t!(msg::EXCHANGE_SCORES_MISSING, missing = lacking.join("、")),
                ));
            }
            store(tx, actor, sheet.id, &checked, Outcome::Submit, AuditAction::ScoresSubmit, serde_json::json!({}))?;
            end_review_if_done(tx, actor, c.year)
        })
    }

    /// Reopens a submitted sheet (secretariat, with a reason). A campaign in Decide goes back to
    /// Review and its post-subsidy allocation is withdrawn (it will be recomputed).
    pub fn reopen_scores(&self, actor: &Actor, assignment_id: i64, reason: &str) -> Result<()> {
        self.require(actor, Role::Secretariat, StageEvent::Reopen.text())?;
        if reason.trim().is_empty() {
            return Err(Error::invalid(t!(msg::EXCHANGE_FIELD_REASON), t!(msg::EXCHANGE_REOPEN_NEEDS_REASON)));
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
                        state: sheet.state.text(),
                        action: StageEvent::Reopen.text(),
                        allowed: t!(
                            msg::EXCHANGE_REOPEN_UNRETURNED,
                            expert = sheet.expert.as_str(),
                            unit = sheet.unit.as_str()
                        ),
                    })
                }
                SheetState::Withdrawn => {
                    return Err(Error::IllegalTransition {
                        state: sheet.state.text(),
                        action: StageEvent::Reopen.text(),
                        allowed: t!(msg::EXCHANGE_REOPEN_WITHDRAWN),
                    })
                }
                _ => {}
            }
            if sheet.state != SheetState::Submitted {
                return Err(Error::IllegalTransition {
                    state: sheet.state.text(),
                    action: StageEvent::Reopen.text(),
                    allowed: t!(msg::EXCHANGE_REOPEN_ONLY_SUBMITTED),
                });
            }
            if c.stage == Stage::Decide {
                advance(tx, &c, StageEvent::Reopen, actor)?;
                withdraw_subsidy(tx, actor, c.id, "评分表被退回，结果重新计算")?;
            } else if c.stage == Stage::Meeting {
                // before the panel meeting sits the written review can still be reopened
                if super::rows::meeting::get(tx, c.id)?.is_some() {
                    return Err(Error::IllegalTransition {
                        state: c.stage.text(),
                        action: StageEvent::Reopen.text(),
                        allowed: t!(msg::EXCHANGE_REOPEN_MEETING_HELD),
                    });
                }
                advance(tx, &c, StageEvent::Reopen, actor)?;
            } else if c.stage != Stage::Review {
                return Err(Error::IllegalTransition {
                    state: c.stage.text(),
                    action: StageEvent::Reopen.text(),
                    allowed: t!(msg::EXCHANGE_REOPEN_AFTER_PUBLICITY),
                });
            }
            set_state(tx, assignment_id, SheetEvent::Reopen)?;
            audit_scores(
                tx,
                actor,
                AuditAction::ScoresReopen,
                assignment_id,
                serde_json::json!({"reason": reason, "expert": sheet.expert, "unit": sheet.unit}),
            )
        })
    }
}
