//! Rows of `meetings`, `meeting_members` and `meeting_votes`: a year's panel meeting (issue 18) —
//! when and where it sat, its chair and the members present — and each agenda item's votes.

use super::{at, date};
use crate::error::Result;
use crate::store;
use crate::{msg, t};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::collections::{HashMap, HashSet};

/// A meeting as stored.
pub(crate) struct StoredMeeting {
    pub held_on: NaiveDate,
    pub place: String,
    pub chair_id: i64,
    pub closed: bool,
    /// The expert ids of the members present.
    pub present: Vec<i64>,
}

/// One item's votes as stored.
#[derive(Debug, Clone)]
pub(crate) struct StoredVote {
    pub votes_for: u32,
    pub votes_against: u32,
    pub votes_abstain: u32,
    pub eligible: u32,
    pub passed: bool,
    pub note: String,
    pub entries: u32,
    pub reason: String,
}

/// The year's meeting (None: not opened).
pub(crate) fn get(conn: &Connection, campaign_id: i64) -> Result<Option<StoredMeeting>> {
    let row = conn
        .query_row(
            "SELECT held_on, place, chair_id, closed_at IS NOT NULL FROM meetings WHERE campaign_id = ?1",
            [campaign_id],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, bool>(3)?)),
        )
        .optional()?;
    let Some((held_on, place, chair_id, closed)) = row else { return Ok(None) };
    let mut st =
        conn.prepare_cached("SELECT expert_id FROM meeting_members WHERE campaign_id = ?1 ORDER BY expert_id")?;
    let present = st
        .query_map([campaign_id], |r| r.get(0))?
        .collect::<std::result::Result<Vec<i64>, _>>()
        .map_err(at("meeting_members", t!(msg::YEAR_ROW_YEAR_NO, id = campaign_id)))?;
    Ok(Some(StoredMeeting { held_on: date(&held_on)?, place, chair_id, closed, present }))
}

/// Opens the year's meeting with the members present.
pub(crate) fn insert(
    tx: &Transaction,
    campaign_id: i64,
    held_on: NaiveDate,
    place: &str,
    chair_id: i64,
    present: &[i64],
) -> Result<()> {
    tx.execute(
        "INSERT INTO meetings (campaign_id, held_on, place, chair_id, opened_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![campaign_id, held_on.to_string(), place, chair_id, store::now_utc()],
    )?;
    for e in present {
        tx.execute("INSERT INTO meeting_members (campaign_id, expert_id) VALUES (?1, ?2)", params![campaign_id, e])?;
    }
    Ok(())
}

/// Marks the meeting closed.
pub(crate) fn close(tx: &Transaction, campaign_id: i64) -> Result<()> {
    tx.execute("UPDATE meetings SET closed_at = ?1 WHERE campaign_id = ?2", params![store::now_utc(), campaign_id])?;
    Ok(())
}

/// The votes entered in the year's meeting, by dossier id.
pub(crate) fn votes(conn: &Connection, campaign_id: i64) -> Result<HashMap<i64, StoredVote>> {
    let mut st = conn.prepare_cached(
        "SELECT v.dossier_id, v.votes_for, v.votes_against, v.votes_abstain, v.eligible, v.passed, v.note, v.entries, v.reason
           FROM meeting_votes v JOIN dossiers d ON d.id = v.dossier_id WHERE d.campaign_id = ?1",
    )?;
    let v = st
        .query_map([campaign_id], |r| {
            Ok((
                r.get(0)?,
                StoredVote {
                    votes_for: r.get(1)?,
                    votes_against: r.get(2)?,
                    votes_abstain: r.get(3)?,
                    eligible: r.get(4)?,
                    passed: r.get(5)?,
                    note: r.get(6)?,
                    entries: r.get(7)?,
                    reason: r.get(8)?,
                },
            ))
        })?
        .collect::<std::result::Result<_, _>>()
        .map_err(at("meeting_votes", t!(msg::YEAR_ROW_YEAR_NO, id = campaign_id)))?;
    Ok(v)
}

/// Enters (or enters again) an item's votes; `entries` counts how often.
pub(crate) fn put_vote(tx: &Transaction, dossier_id: i64, v: &StoredVote) -> Result<()> {
    tx.execute(
        "INSERT INTO meeting_votes (dossier_id, votes_for, votes_against, votes_abstain, eligible, passed, note, entries, reason, entered_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (dossier_id) DO UPDATE SET votes_for = excluded.votes_for, votes_against = excluded.votes_against,
           votes_abstain = excluded.votes_abstain, eligible = excluded.eligible, passed = excluded.passed,
           note = excluded.note, entries = excluded.entries, reason = excluded.reason, entered_at = excluded.entered_at",
        params![
            dossier_id,
            v.votes_for,
            v.votes_against,
            v.votes_abstain,
            v.eligible,
            v.passed,
            v.note,
            v.entries,
            v.reason,
            store::now_utc()
        ],
    )?;
    Ok(())
}

/// The dossiers a closed meeting passed (None: the year had no meeting, or it has not closed).
pub(crate) fn passed(conn: &Connection, campaign_id: i64) -> Result<Option<HashSet<i64>>> {
    match get(conn, campaign_id)? {
        Some(m) if m.closed => {
            Ok(Some(votes(conn, campaign_id)?.into_iter().filter(|(_, v)| v.passed).map(|(id, _)| id).collect()))
        }
        _ => Ok(None),
    }
}
