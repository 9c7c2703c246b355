//! The panel meeting as the secretariat and the chair see it (issue 18): when and where, the
//! chair, who is present and absent, the quorum, and the agenda — per award the dossiers in rank
//! order with their written-review figures and flags, the reasons to discuss them, the members
//! who must leave the room for each (the draw's recusal rules: `rules::recusal`) and the votes
//! entered. Derived whenever read; the writes are in `meeting.rs`.

use super::campaign::{load, Campaign};
use super::ranking::{compute_results, ResultRow};
use super::robustness::robustness_report;
use super::rows::experts::{panel, PanelMember};
use super::rows::meeting as rows;
use super::{Actor, Desk, Role};
use crate::decimal::Points;
use crate::error::Result;
use crate::model::Award;
use crate::rules::{self, MeetingShare};
use crate::scoring::Grade;
use crate::units;
use crate::workflow::Stage;
use crate::{msg, t};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashSet;

/// A member who must leave the room for an item, and why (the recusal rule's words).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Recused {
    pub name: String,
    pub reason: String,
    /// Whether the member is present (a present member who leaves lowers the item's eligible votes).
    pub present: bool,
}

/// The votes entered for an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ItemVote {
    pub votes_for: u32,
    pub votes_against: u32,
    pub votes_abstain: u32,
    /// The members present minus those who left the room, when the votes were entered.
    pub eligible: u32,
    pub passed: bool,
    pub note: String,
    /// How many times the votes were entered (more than 1: entered again with a reason).
    pub entries: u32,
    /// The reason of the last entry again ('' for the first).
    pub reason: String,
}

/// One agenda item: a dossier with its written-review figures.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AgendaItem {
    pub dossier_id: i64,
    pub unit: String,
    pub unit_code: String,
    pub award: Award,
    pub rank: Option<u32>,
    pub n_scores: usize,
    pub aggregate: Option<Points>,
    pub mean: Option<Points>,
    pub median: Option<Points>,
    pub grade: Option<Grade>,
    /// The results' flags (`insufficient_scores`, `disagreement`, `deviating_expert:NAME`, `late`).
    pub flags: Vec<String>,
    /// Why the item is marked for discussion: `disagreement`, `deviating_expert:NAME`,
    /// `insufficient_scores`, `unstable` (名次不稳定: its funding status flips under another
    /// count, `Desk::robustness`); empty: not marked.
    pub discuss: Vec<String>,
    /// The members who must leave the room for this item.
    pub recused: Vec<Recused>,
    /// Votes due: the members present minus those recused (None before the meeting opens).
    pub eligible: Option<u32>,
    pub vote: Option<ItemVote>,
}

/// The year's panel meeting and its agenda.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MeetingView {
    pub year: i32,
    pub stage: Stage,
    /// The policy holds a meeting this year.
    pub enabled: bool,
    pub opened: bool,
    pub closed: bool,
    pub held_on: Option<NaiveDate>,
    pub place: Option<String>,
    pub chair: Option<String>,
    /// The whole panel, in the order it was entered.
    pub panel: Vec<String>,
    pub present: Vec<String>,
    pub absent: Vec<String>,
    pub quorum: MeetingShare,
    /// The fewest members present for the quorum.
    pub quorum_needed: u32,
    pub majority: MeetingShare,
    pub items: Vec<AgendaItem>,
}

impl MeetingView {
    /// The item of a unit (and award, when the unit has two).
    pub fn item(&self, dossier_id: i64) -> Option<&AgendaItem> {
        self.items.iter().find(|i| i.dossier_id == dossier_id)
    }
}

/// The discussion reasons of a results row (the flags that call for it) and its instability.
fn discuss_reasons(r: &ResultRow, unstable: &HashSet<i64>) -> Vec<String> {
    let mut v: Vec<String> = r
        .flags
        .iter()
        .filter(|f| matches!(f.as_str(), "disagreement" | "insufficient_scores") || f.starts_with("deviating_expert:"))
        .cloned()
        .collect();
    if unstable.contains(&r.dossier_id) {
        v.push("unstable".into());
    }
    v
}

/// The members of `panel` who must leave for `unit_code` (the draw's recusal rule).
fn recused_for(panel: &[PanelMember], unit_code: &str, present: &[i64]) -> Vec<Recused> {
    let Some(u) = units::by_code(unit_code) else { return Vec::new() };
    panel
        .iter()
        .filter_map(|m| {
            rules::recusal(&m.province, &m.employer, &m.conflicts, u).map(|r| Recused {
                name: m.name.clone(),
                reason: r.label(),
                present: present.contains(&m.id),
            })
        })
        .collect()
}

/// The dossiers whose funding status is not stable under other reasonable counts: the
/// robustness report's flips (`desk/robustness.rs`), marked 「名次不稳定」 on the agenda.
pub(crate) fn unstable_dossiers(conn: &Connection, c: &Campaign) -> Result<HashSet<i64>> {
    let report = robustness_report(conn, c)?;
    Ok(report.awards.iter().flat_map(|a| a.flips.iter().map(|f| f.dossier_id)).collect())
}

/// The meeting of campaign `c` with its agenda.
pub(crate) fn meeting_view(conn: &Connection, c: &Campaign) -> Result<MeetingView> {
    let stored = rows::get(conn, c.id)?;
    let members = panel(conn, c.id)?;
    let present_ids: Vec<i64> = stored.as_ref().map(|m| m.present.clone()).unwrap_or_default();
    let name_of = |id: i64| members.iter().find(|m| m.id == id).map(|m| m.name.clone()).unwrap_or_default();
    let results = compute_results(conn, c)?;
    let unstable = unstable_dossiers(conn, c)?;
    let votes = rows::votes(conn, c.id)?;
    let mut rows_sorted: Vec<&ResultRow> = results.rows.iter().collect();
    rows_sorted.sort_by_key(|r| (r.award, r.rank.unwrap_or(u32::MAX), r.unit_order));
    let items = rows_sorted
        .into_iter()
        .map(|r| {
            let recused = recused_for(&members, &r.unit_code, &present_ids);
            let away = recused.iter().filter(|x| x.present).count() as u32;
            AgendaItem {
                dossier_id: r.dossier_id,
                unit: r.unit.clone(),
                unit_code: r.unit_code.clone(),
                award: r.award,
                rank: r.rank,
                n_scores: r.n_scores,
                aggregate: r.aggregate,
                mean: r.mean,
                median: r.median,
                grade: r.grade,
                flags: r.flags.clone(),
                discuss: discuss_reasons(r, &unstable),
                eligible: stored.as_ref().map(|_| present_ids.len() as u32 - away),
                recused,
                vote: votes.get(&r.dossier_id).map(|v| ItemVote {
                    votes_for: v.votes_for,
                    votes_against: v.votes_against,
                    votes_abstain: v.votes_abstain,
                    eligible: v.eligible,
                    passed: v.passed,
                    note: v.note.clone(),
                    entries: v.entries,
                    reason: v.reason.clone(),
                }),
            }
        })
        .collect();
    let panel_n = members.len() as u32;
    Ok(MeetingView {
        year: c.year,
        stage: c.stage,
        enabled: c.policy.meeting,
        opened: stored.is_some(),
        closed: stored.as_ref().is_some_and(|m| m.closed),
        held_on: stored.as_ref().map(|m| m.held_on),
        place: stored.as_ref().map(|m| m.place.clone()),
        chair: stored.as_ref().map(|m| name_of(m.chair_id)),
        panel: members.iter().map(|m| m.name.clone()).collect(),
        present: members.iter().filter(|m| present_ids.contains(&m.id)).map(|m| m.name.clone()).collect(),
        absent: if stored.is_some() {
            members.iter().filter(|m| !present_ids.contains(&m.id)).map(|m| m.name.clone()).collect()
        } else {
            Vec::new()
        },
        quorum: c.policy.meeting_quorum,
        quorum_needed: c.policy.meeting_quorum.needed(panel_n),
        majority: c.policy.meeting_majority,
        items,
    })
}

impl Desk {
    /// The year's panel meeting and its agenda (secretariat only): also before it opens, so the
    /// secretariat can prepare the table; `enabled` false for a year without a meeting.
    pub fn meeting(&self, actor: &Actor, year: Option<i32>) -> Result<MeetingView> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_VIEW_MEETING))?;
        let c = load(&self.conn, year)?;
        meeting_view(&self.conn, &c)
    }
}
