//! Rows of `experts` and `conflicts`: who is on a year's panel and which units they declared.

use crate::desk::Actor;
use crate::error::{Error, Result};
use crate::model::ExpertInput;
use crate::{msg, t};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// An expert of the panel as the draw and the recusal rules need them.
pub(crate) struct PanelExpert {
    pub id: i64,
    pub province: String,
    pub employer: String,
}

/// The panel expert the actor is (None: not signed in as one of this year's experts).
pub(crate) fn expert_id_of(conn: &Connection, actor: &Actor, campaign_id: i64) -> Result<Option<i64>> {
    let Some(uid) = actor.user_id() else { return Ok(None) };
    Ok(conn
        .query_row("SELECT id FROM experts WHERE campaign_id = ?1 AND user_id = ?2", params![campaign_id, uid], |r| {
            r.get(0)
        })
        .optional()?)
}

/// The expert of the year by name; refused naming the fix when there is none.
pub(crate) fn find_expert(conn: &Connection, campaign_id: i64, name: &str) -> Result<PanelExpert> {
    conn.query_row(
        "SELECT id, province, employer FROM experts WHERE campaign_id = ?1 AND name = ?2",
        params![campaign_id, name.trim()],
        |r| Ok(PanelExpert { id: r.get(0)?, province: r.get(1)?, employer: r.get(2)? }),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: t!(msg::YEAR_WHAT_EXPERT),
        name: name.to_string(),
        hint: t!(msg::YEAR_HINT_IMPORT_PANEL),
    })
}

/// The unit codes an expert declared a conflict with.
pub(crate) fn conflicts_of(conn: &Connection, expert_id: i64) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached("SELECT unit_code FROM conflicts WHERE expert_id = ?1")?;
    let v = st.query_map([expert_id], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
    Ok(v)
}

/// Adds an expert and the conflicts their entry in the pool declares.
pub(crate) fn insert_expert(tx: &Transaction, campaign_id: i64, e: &ExpertInput) -> Result<i64> {
    tx.execute(
        "INSERT INTO experts (campaign_id, name, employer, province, field, phone) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![campaign_id, e.name, e.employer, e.province, e.field, e.phone],
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

/// The unit codes of an expert's conflicts still 待确认 (carried from an earlier year, neither
/// confirmed by the secretariat nor declared again). They recuse all the same: [`conflicts_of`]
/// lists every conflict, pending or not.
pub(crate) fn pending_conflicts_of(conn: &Connection, expert_id: i64) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached("SELECT unit_code FROM conflicts WHERE expert_id = ?1 AND confirmed = 0")?;
    let v = st.query_map([expert_id], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
    Ok(v)
}

/// What carrying a panel into another year copied.
pub(crate) struct PoolCarried {
    pub experts: usize,
    pub logins: usize,
    pub conflicts: usize,
}

/// Copies the panel of campaign `from` into campaign `to`: each expert (name, employer, province,
/// field, phone and their login) and their declared conflicts, marked 待确认 (`confirmed = 0`).
pub(crate) fn carry_pool(tx: &Transaction, from: i64, to: i64) -> Result<PoolCarried> {
    let experts = tx.execute(
        "INSERT INTO experts (campaign_id, user_id, name, employer, province, field, phone)
         SELECT ?2, user_id, name, employer, province, field, phone FROM experts WHERE campaign_id = ?1 ORDER BY id",
        params![from, to],
    )?;
    let logins: i64 =
        tx.query_row("SELECT count(*) FROM experts WHERE campaign_id = ?1 AND user_id IS NOT NULL", [to], |r| {
            r.get(0)
        })?;
    let conflicts = tx.execute(
        "INSERT INTO conflicts (expert_id, unit_code, reason, confirmed)
         SELECT n.id, c.unit_code, c.reason, 0 FROM conflicts c
           JOIN experts o ON o.id = c.expert_id AND o.campaign_id = ?1
           JOIN experts n ON n.campaign_id = ?2 AND n.name = o.name
         ORDER BY n.id, c.unit_code",
        params![from, to],
    )?;
    Ok(PoolCarried { experts, logins: logins as usize, conflicts })
}

/// Marks the pending conflicts of campaign `campaign_id` confirmed — of one expert, with one
/// unit, or all; how many.
pub(crate) fn confirm_conflicts(
    tx: &Transaction,
    campaign_id: i64,
    expert_id: Option<i64>,
    unit_code: Option<&str>,
) -> Result<usize> {
    Ok(tx.execute(
        "UPDATE conflicts SET confirmed = 1
          WHERE confirmed = 0
            AND expert_id IN (SELECT id FROM experts WHERE campaign_id = ?1)
            AND (?2 IS NULL OR expert_id = ?2)
            AND (?3 IS NULL OR unit_code = ?3)",
        params![campaign_id, expert_id, unit_code],
    )?)
}

/// A member of a year's panel with what the recusal rules read (the meeting's agenda and ballots).
pub(crate) struct PanelMember {
    pub id: i64,
    pub name: String,
    pub province: String,
    pub employer: String,
    pub conflicts: Vec<String>,
}

/// The year's panel in the order it was entered, each with their declared conflicts.
pub(crate) fn panel(conn: &Connection, campaign_id: i64) -> Result<Vec<PanelMember>> {
    let mut st =
        conn.prepare_cached("SELECT id, name, province, employer FROM experts WHERE campaign_id = ?1 ORDER BY id")?;
    let rows: Vec<(i64, String, String, String)> = st
        .query_map([campaign_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<std::result::Result<_, _>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, name, province, employer) in rows {
        out.push(PanelMember { id, name, province, employer, conflicts: conflicts_of(conn, id)? });
    }
    Ok(out)
}
