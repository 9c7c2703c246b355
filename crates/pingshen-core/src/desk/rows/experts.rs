//! Rows of `experts` and `conflicts`: who is on a year's panel and which units they declared.

use crate::desk::Actor;
use crate::error::{Error, Result};
use crate::model::ExpertInput;
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
        what: "评审专家".into(),
        name: name.to_string(),
        hint: "，请先导入专家库".into(),
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
