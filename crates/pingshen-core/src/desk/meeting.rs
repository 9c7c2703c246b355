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
use crate::workflow::{Stage, StageEvent};
use crate::AuditAction;
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

/// Refused unless the campaign is at 会议评审, saying why it is not.
fn require_meeting_stage(c: &Campaign, action: &str) -> Result<()> {
    if c.stage == Stage::Meeting {
        return Ok(());
    }
    let allowed = if !c.policy.meeting {
        format!("{}年度的评审规则未设会议评审；如需召开，请在书面评审结束前于评审规则中开启「会议评审」", c.year)
    } else if matches!(c.stage, Stage::Apply | Stage::Review) {
        "书面评审尚未结束：全部评分表提交（或秘书处结束评审）后进入会议评审".to_string()
    } else {
        "会议评审已经结束".to_string()
    };
    Err(Error::IllegalTransition { state: c.stage.label().into(), action: action.into(), allowed })
}

/// The open meeting of the year, refused before it opens or after it closes.
fn sitting(tx: &Transaction, c: &Campaign, action: &str) -> Result<rows::StoredMeeting> {
    require_meeting_stage(c, action)?;
    let m = rows::get(tx, c.id)?.ok_or_else(|| {
        Error::rule(format!("会议评审尚未召开，不能{action}：请先登记会议（日期、地点、组长和出席专家）"))
    })?;
    if m.closed {
        return Err(Error::rule(format!("会议评审已经结束，不能{action}")));
    }
    Ok(m)
}

impl Desk {
    /// Changes the meeting settings of the year's policy (on/off, quorum, majority) while the
    /// written review has not ended (申报推荐 or 专家评审).
    pub fn set_meeting_settings(&self, actor: &Actor, year: Option<i32>, s: MeetingSettings) -> Result<Campaign> {
        self.require(actor, Role::Secretariat, "修改会议评审设置")?;
        self.write(|tx| {
            let c = load(tx, year)?;
            if !matches!(c.stage, Stage::Apply | Stage::Review) {
                return Err(Error::IllegalTransition {
                    state: c.stage.label().into(),
                    action: "修改会议评审设置".into(),
                    allowed: "会议评审设置只能在书面评审结束前修改".into(),
                });
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
        self.require(actor, Role::Secretariat, "召开会议评审")?;
        let place = place.trim();
        if place.is_empty() {
            return Err(Error::invalid("地点", "请填写会议地点，如「中国科协机关 三层会议室」"));
        }
        self.write(|tx| {
            let c = load(tx, year)?;
            require_meeting_stage(&c, "召开会议评审")?;
            if rows::get(tx, c.id)?.is_some() {
                return Err(Error::rule("本年度会议评审已经召开，不能再次登记；出席情况以已登记的为准"));
            }
            let mut ids: Vec<i64> = Vec::new();
            let mut names: Vec<String> = Vec::new();
            for n in present.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                let e = find_expert(tx, c.id, n)?;
                if ids.contains(&e.id) {
                    return Err(Error::invalid("出席专家", format!("「{n}」重复填写，请每位专家只填一次")));
                }
                ids.push(e.id);
                names.push(n.to_string());
            }
            if ids.is_empty() {
                return Err(Error::invalid("出席专家", "请填写出席会议的专家姓名（逗号分隔）"));
            }
            let chair_e = find_expert(tx, c.id, chair)?;
            if !ids.contains(&chair_e.id) {
                return Err(Error::invalid(
                    "组长",
                    format!("组长「{}」不在出席专家之中，请从出席专家中确定组长", chair.trim()),
                ));
            }
            let panel: u32 = tx.query_row("SELECT count(*) FROM experts WHERE campaign_id = ?1", [c.id], |r| r.get(0))?;
            let quorum = c.policy.meeting_quorum;
            if !rules::quorum_met(ids.len() as u32, panel, quorum) {
                return Err(Error::rule(format!(
                    "出席专家{}人，不足法定人数：专家组共{panel}人，须{}即至少{}人出席（评审规则「会议法定人数」），会议不能召开",
                    ids.len(),
                    quorum.label(),
                    quorum.needed(panel)
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
        self.require(actor, Role::Secretariat, "录入会议表决")?;
        self.write(|tx| {
            let c = load(tx, year)?;
            sitting(tx, &c, "录入表决结果")?;
            let id = super::dossiers::find_dossier(tx, c.id, unit, award)?;
            let view = meeting_view(tx, &c)?;
            let item = view.item(id).ok_or_else(|| {
                Error::rule(format!("「{}」不在会议议程中（未进入评审结果），不能表决", unit.trim()))
            })?;
            let eligible = item.eligible.unwrap_or(0);
            let away = item.recused.iter().filter(|r| r.present).count();
            let VoteCounts { votes_for, votes_against, votes_abstain } = counts;
            let sum = votes_for + votes_against + votes_abstain;
            if sum != eligible {
                return Err(Error::invalid(
                    "表决票数",
                    format!(
                        "「{}」赞成{votes_for}、反对{votes_against}、弃权{votes_abstain}，合计{sum}票，应为出席{}人减去回避{away}人即{eligible}票；请按纸质表决票重新清点",
                        item.unit,
                        view.present.len()
                    ),
                ));
            }
            let reason = reason.map(str::trim).filter(|r| !r.is_empty());
            let entries = match (&item.vote, reason) {
                (Some(v), None) => {
                    return Err(Error::invalid(
                        "重新录入理由",
                        format!(
                            "「{}」已录入表决结果（赞成{}、反对{}、弃权{}），重新录入须写明理由",
                            item.unit, v.votes_for, v.votes_against, v.votes_abstain
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
        self.require(actor, Role::Secretariat, "结束会议评审")?;
        let _backup = self.backup_if_stage(actor, year, Stage::Meeting, StageEvent::CloseMeeting)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            sitting(tx, &c, "结束会议评审")?;
            let view = meeting_view(tx, &c)?;
            let missing: Vec<String> = view
                .items
                .iter()
                .filter(|i| i.vote.is_none())
                .map(|i| format!("{}（{}）", i.unit, i.award.label()))
                .collect();
            if !missing.is_empty() {
                return Err(Error::rule(format!(
                    "尚有{}项未表决：{}；请录入全部表决结果后再结束会议评审",
                    missing.len(),
                    missing.join("、")
                )));
            }
            let stale: Vec<String> = view
                .items
                .iter()
                .filter(|i| i.vote.as_ref().map(|v| v.eligible) != i.eligible)
                .map(|i| format!("{}（应为{}票）", i.unit, i.eligible.unwrap_or(0)))
                .collect();
            if !stale.is_empty() {
                return Err(Error::rule(format!(
                    "以下事项录入表决后回避情况有变，票数已不相符，请重新录入：{}",
                    stale.join("、")
                )));
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
