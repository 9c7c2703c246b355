//! The panel meeting (会议评审, issue 18), the writes: its settings (until the written review
//! ends), opening it (date, place, chair, members present; the quorum), each item's votes from
//! the paper ballots (they must add up to the members present minus those who left; entered again
//! only with a reason, until the close), and closing it — every item voted, then the post-subsidy
//! allocation over the dossiers it passed. Each write is one transaction with its audit entry.

use super::allocation::allocate_subsidy;
use super::campaign::{advance, load, Campaign};
use super::meeting_agenda::{meeting_view, MeetingView};
use super::rows::experts::find_expert;
use super::rows::meeting::{self as rows, StoredVote};
use super::{json, Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::model::Award;
use crate::rules::{self, MeetingShare};
use crate::store;
use crate::text::catalog::msg;
use crate::text::Text;
use crate::workflow::{Stage, StageEvent};
use crate::{t, AuditAction};
use chrono::NaiveDate;
use rusqlite::{params, Transaction};

/// The meeting settings of a year's policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize, ts_rs::TS)]
pub struct MeetingSettings {
    pub meeting: bool,
    pub quorum: MeetingShare,
    pub majority: MeetingShare,
}

/// The votes of one item as counted from the paper ballots.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
pub struct VoteCounts {
    pub votes_for: u32,
    pub votes_against: u32,
    pub votes_abstain: u32,
}

/// The words of a meeting share (过半数, 三分之二以上).
pub(crate) fn share_text(s: MeetingShare) -> Text {
    match s {
        MeetingShare::Half => t!(msg::INPUT_SHARE_HALF),
        MeetingShare::TwoThirds => t!(msg::INPUT_SHARE_TWO_THIRDS),
    }
}

/// A list of texts in one sentence: 「甲、乙、丙」 (“A, B, C” in English); empty for none.
pub(crate) fn joined(items: Vec<Text>) -> Text {
    let mut rest = items.into_iter().rev();
    match rest.next() {
        None => t!(msg::EMPTY),
        Some(last) => rest.fold(last, |rest, first| t!(msg::YEAR_JOIN, first, rest)),
    }
}

/// Refused unless the campaign is at 会议评审, saying why it is not.
fn require_meeting_stage(c: &Campaign, action: Text) -> Result<()> {
    if c.stage == Stage::Meeting {
        return Ok(());
    }
    let allowed = if !c.policy.meeting {
        t!(msg::DECIDE_MEETING_NOT_IN_POLICY, year = c.year)
    } else if matches!(c.stage, Stage::Apply | Stage::Review) {
        t!(msg::DECIDE_MEETING_REVIEW_NOT_ENDED)
    } else {
        t!(msg::DECIDE_MEETING_ENDED)
    };
    Err(Error::illegal(c.stage.text(), action, allowed))
}

/// The open meeting of the year, refused before it opens or after it closes.
fn sitting(tx: &Transaction, c: &Campaign, action: Text) -> Result<rows::StoredMeeting> {
    require_meeting_stage(c, action.clone())?;
    let m = rows::get(tx, c.id)?.ok_or_else(|| Error::rule(t!(msg::DECIDE_MEETING_NOT_OPENED, action = &action)))?;
    if m.closed {
        return Err(Error::rule(t!(msg::DECIDE_MEETING_CLOSED, action)));
    }
    Ok(m)
}

impl Desk {
    /// Changes the meeting settings of the year's policy (on/off, quorum, majority) while the
    /// written review has not ended (申报推荐 or 专家评审).
    pub fn set_meeting_settings(&self, actor: &Actor, year: Option<i32>, s: MeetingSettings) -> Result<Campaign> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_MEETING_SETTINGS))?;
        self.write(|tx| {
            let c = load(tx, year)?;
            if !matches!(c.stage, Stage::Apply | Stage::Review) {
                return Err(Error::illegal(
                    c.stage.text(),
                    t!(msg::DECIDE_ACTION_MEETING_SETTINGS),
                    t!(msg::DECIDE_MEETING_SETTINGS_UNTIL),
                ));
            }
            let mut policy = c.policy.clone();
            policy.meeting = s.meeting;
            policy.meeting_quorum = s.quorum;
            policy.meeting_majority = s.majority;
            tx.execute(
                "UPDATE campaigns SET policy_json = ?1 WHERE id = ?2",
                params![json(&policy).to_string(), c.id],
            )?;
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::MeetingPolicy,
                &format!("campaign:{}", c.year),
                &serde_json::json!({"meeting": s.meeting, "quorum": s.quorum, "majority": s.majority}),
            )?;
            load(tx, Some(c.year))
        })
    }

    /// Opens the panel meeting: the day, the place, the chair (组长, one of those present) and the
    /// members present, chosen from the year's panel; refused below the policy's quorum.
    pub fn open_meeting(
        &self,
        actor: &Actor,
        year: Option<i32>,
        held_on: NaiveDate,
        place: &str,
        chair: &str,
        present: &[String],
    ) -> Result<MeetingView> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_OPEN_MEETING))?;
        let place = place.trim();
        if place.is_empty() {
            return Err(Error::invalid(t!(msg::DECIDE_FIELD_PLACE), t!(msg::DECIDE_MEETING_PLACE_EMPTY)));
        }
        self.write(|tx| {
            let c = load(tx, year)?;
            require_meeting_stage(&c, t!(msg::DECIDE_ACTION_OPEN_MEETING))?;
            if rows::get(tx, c.id)?.is_some() {
                return Err(Error::rule(t!(msg::DECIDE_MEETING_ALREADY_OPEN)));
            }
            let mut ids: Vec<i64> = Vec::new();
            let mut names: Vec<String> = Vec::new();
            for n in present.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                let e = find_expert(tx, c.id, n)?;
                if ids.contains(&e.id) {
                    return Err(Error::invalid(
                        t!(msg::DECIDE_FIELD_PRESENT),
                        t!(msg::DECIDE_MEETING_PRESENT_TWICE, name = n),
                    ));
                }
                ids.push(e.id);
                names.push(n.to_string());
            }
            if ids.is_empty() {
                return Err(Error::invalid(t!(msg::DECIDE_FIELD_PRESENT), t!(msg::DECIDE_MEETING_PRESENT_EMPTY)));
            }
            let chair_e = find_expert(tx, c.id, chair)?;
            if !ids.contains(&chair_e.id) {
                return Err(Error::invalid(
                    t!(msg::DECIDE_FIELD_CHAIR),
                    t!(msg::DECIDE_MEETING_CHAIR_ABSENT, name = chair.trim()),
                ));
            }
            let panel: u32 = tx.query_row("SELECT count(*) FROM experts WHERE campaign_id = ?1", [c.id], |r| r.get(0))?;
            let quorum = c.policy.meeting_quorum;
            if !rules::quorum_met(ids.len() as u32, panel, quorum) {
                return Err(Error::rule(t!(
                    msg::DECIDE_MEETING_NO_QUORUM,
                    present = ids.len(),
                    panel,
                    share = share_text(quorum),
                    needed = quorum.needed(panel)
                )));
            }
            rows::insert(tx, c.id, held_on, place, chair_e.id, &ids)?;
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::MeetingOpen,
                &format!("campaign:{}", c.year),
                &serde_json::json!({"date": held_on, "place": place, "chair": chair.trim(), "present": names, "panel": panel}),
            )?;
            meeting_view(tx, &c)
        })
    }

    /// Enters an item's votes from the paper ballots: refused unless 赞成 + 反对 + 弃权 equals the
    /// members present minus those who left the room for it; an item already voted is entered
    /// again only with a `reason` (until the meeting closes). Passes by the policy's majority.
    #[allow(clippy::too_many_arguments)]
    pub fn vote(
        &self,
        actor: &Actor,
        year: Option<i32>,
        unit: &str,
        award: Option<Award>,
        counts: VoteCounts,
        note: &str,
        reason: Option<&str>,
    ) -> Result<MeetingView> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_ENTER_VOTES))?;
        self.write(|tx| {
            let c = load(tx, year)?;
            sitting(tx, &c, t!(msg::DECIDE_ACTION_ENTER_VOTE_RESULTS))?;
            let id = super::dossiers::find_dossier(tx, c.id, unit, award)?;
            let view = meeting_view(tx, &c)?;
            let item = view
                .item(id)
                .ok_or_else(|| Error::rule(t!(msg::DECIDE_MEETING_NOT_ON_AGENDA, unit = unit.trim())))?;
            let eligible = item.eligible.unwrap_or(0);
            let away = item.recused.iter().filter(|r| r.present).count();
            let VoteCounts { votes_for, votes_against, votes_abstain } = counts;
            let sum = votes_for + votes_against + votes_abstain;
            if sum != eligible {
                return Err(Error::invalid(
                    t!(msg::DECIDE_FIELD_VOTES),
                    t!(
                        msg::DECIDE_MEETING_VOTES_DONT_ADD_UP,
                        unit = item.unit.as_str(),
                        votes_for,
                        votes_against,
                        votes_abstain,
                        sum,
                        present = view.present.len(),
                        away,
                        eligible
                    ),
                ));
            }
            let reason = reason.map(str::trim).filter(|r| !r.is_empty());
            let entries = match (&item.vote, reason) {
                (Some(v), None) => {
                    return Err(Error::invalid(
                        t!(msg::DECIDE_FIELD_REVOTE_REASON),
                        t!(
                            msg::DECIDE_MEETING_REVOTE_NEEDS_REASON,
                            unit = item.unit.as_str(),
                            votes_for = v.votes_for,
                            votes_against = v.votes_against,
                            votes_abstain = v.votes_abstain
                        ),
                    ))
                }
                (Some(v), Some(_)) => v.entries + 1,
                (None, _) => 1,
            };
            let passed = rules::vote_passes(votes_for, eligible, c.policy.meeting_majority);
            let previous = item.vote.clone();
            rows::put_vote(
                tx,
                id,
                &StoredVote {
                    votes_for,
                    votes_against,
                    votes_abstain,
                    eligible,
                    passed,
                    note: note.trim().to_string(),
                    entries,
                    reason: reason.unwrap_or_default().to_string(),
                },
            )?;
            store::audit(
                tx,
                &actor.audit_name(),
                if previous.is_some() { AuditAction::MeetingRevote } else { AuditAction::MeetingVote },
                &format!("dossier:{id}"),
                &serde_json::json!({
                    "unit": item.unit, "award": item.award, "for": votes_for, "against": votes_against,
                    "abstain": votes_abstain, "eligible": eligible, "passed": passed, "note": note.trim(),
                    "reason": reason,
                    "before": previous.map(|v| serde_json::json!({"for": v.votes_for, "against": v.votes_against, "abstain": v.votes_abstain, "passed": v.passed})),
                }),
            )?;
            meeting_view(tx, &c)
        })
    }

    /// Closes the meeting: every agenda item voted (with the counts still adding up); then the
    /// year moves to the decide stage and the post-subsidy tiers are made over the dossiers that
    /// passed, in rank order within the budget (pilot selection takes only those that passed).
    pub fn close_meeting(&self, actor: &Actor, year: Option<i32>) -> Result<MeetingView> {
        self.require(actor, Role::Secretariat, StageEvent::CloseMeeting.text())?;
        let _backup = self.backup_if_stage(actor, year, Stage::Meeting, StageEvent::CloseMeeting)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            sitting(tx, &c, StageEvent::CloseMeeting.text())?;
            let view = meeting_view(tx, &c)?;
            let missing: Vec<Text> = view
                .items
                .iter()
                .filter(|i| i.vote.is_none())
                .map(|i| t!(msg::YEAR_UNIT_AWARD, unit = i.unit.as_str(), award = i.award.text()))
                .collect();
            if !missing.is_empty() {
                return Err(Error::rule(t!(msg::DECIDE_MEETING_NOT_VOTED, n = missing.len(), items = joined(missing))));
            }
            let stale: Vec<Text> = view
                .items
                .iter()
                .filter(|i| i.vote.as_ref().map(|v| v.eligible) != i.eligible)
                .map(|i| t!(msg::DECIDE_MEETING_ITEM_DUE, unit = i.unit.as_str(), n = i.eligible.unwrap_or(0)))
                .collect();
            if !stale.is_empty() {
                return Err(Error::rule(t!(msg::DECIDE_MEETING_VOTES_STALE, items = joined(stale))));
            }
            rows::close(tx, c.id)?;
            let passed: Vec<&str> = view
                .items
                .iter()
                .filter(|i| i.vote.as_ref().is_some_and(|v| v.passed))
                .map(|i| i.unit.as_str())
                .collect();
            let not_passed: Vec<&str> = view
                .items
                .iter()
                .filter(|i| i.vote.as_ref().is_some_and(|v| !v.passed))
                .map(|i| i.unit.as_str())
                .collect();
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::MeetingClose,
                &format!("campaign:{}", c.year),
                &serde_json::json!({"passed": passed, "not_passed": not_passed}),
            )?;
            advance(tx, &c, StageEvent::CloseMeeting, actor)?;
            allocate_subsidy(tx, actor, c.year)?;
            meeting_view(tx, &load(tx, Some(c.year))?)
        })
    }
}
