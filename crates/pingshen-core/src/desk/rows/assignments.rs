//! Rows of `assignments`: one expert's sheet on one dossier. Its state moves only through
//! `workflow::sheet_after` (`set_state`), like stages and dossiers.

use super::at;
use crate::desk::Actor;
use crate::error::{Error, Result};
use crate::model::Award;
use crate::store;
use crate::workflow::{sheet_after, SheetEvent, SheetState};
use crate::{msg, t};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// A sheet with who scores what.
pub(crate) struct Sheet {
    pub id: i64,
    pub campaign_year: i32,
    pub expert_user: Option<i64>,
    pub expert: String,
    pub unit: String,
    pub award: Award,
    pub state: SheetState,
}

pub(crate) fn load_sheet(conn: &Connection, assignment_id: i64) -> Result<Sheet> {
    conn.query_row(
        "SELECT a.id, c.year, e.user_id, e.name, u.full_name, d.award, a.state FROM assignments a
           JOIN experts e ON e.id = a.expert_id JOIN dossiers d ON d.id = a.dossier_id
           JOIN units u ON u.code = d.unit_code JOIN campaigns c ON c.id = a.campaign_id WHERE a.id = ?1",
        [assignment_id],
        |r| {
            Ok(Sheet {
                id: r.get(0)?,
                campaign_year: r.get(1)?,
                expert_user: r.get(2)?,
                expert: r.get(3)?,
                unit: r.get(4)?,
                award: r.get(5)?,
                state: r.get(6)?,
            })
        },
    )
    .optional()
    .map_err(at("assignments", assignment_id))?
    .ok_or_else(|| sheet_not_found(assignment_id))
}

/// No score sheet numbered `assignment_id`.
fn sheet_not_found(assignment_id: i64) -> Error {
    Error::NotFound {
        what: t!(msg::YEAR_WHAT_SHEET),
        name: String::new(),
        hint: t!(msg::EXCHANGE_NUMBER, id = assignment_id),
    }
}

/// The state of a sheet.
pub(crate) fn state_of(conn: &Connection, assignment_id: i64) -> Result<SheetState> {
    conn.query_row("SELECT state FROM assignments WHERE id = ?1", [assignment_id], |r| r.get(0))
        .optional()
        .map_err(at("assignments", assignment_id))?
        .ok_or_else(|| sheet_not_found(assignment_id))
}

/// Moves a sheet by an event of the sheet state machine; a submission stamps its time, a reopened
/// sheet loses it. Returns the new state.
pub(crate) fn set_state(tx: &Transaction, assignment_id: i64, event: SheetEvent) -> Result<SheetState> {
    let next = sheet_after(state_of(tx, assignment_id)?, event)?;
    match event {
        SheetEvent::Submit | SheetEvent::Replace => tx.execute(
            "UPDATE assignments SET state = ?1, submitted_at = ?2 WHERE id = ?3",
            params![next, store::now_utc(), assignment_id],
        )?,
        SheetEvent::Reopen => tx.execute(
            "UPDATE assignments SET state = ?1, submitted_at = NULL WHERE id = ?2",
            params![next, assignment_id],
        )?,
        _ => tx.execute("UPDATE assignments SET state = ?1 WHERE id = ?2", params![next, assignment_id])?,
    };
    Ok(next)
}

/// How many sheets of the year are still pending.
pub(crate) fn pending_count(conn: &Connection, campaign_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM assignments WHERE campaign_id = ?1 AND state = ?2",
        params![campaign_id, SheetState::Pending],
        |r| r.get(0),
    )?)
}

/// Whether the actor is an expert whose sheet on the dossier still stands (`SheetState::stands`).
pub(crate) fn expert_assigned(conn: &Connection, actor: &Actor, dossier_id: i64) -> Result<bool> {
    let Some(uid) = actor.user_id() else { return Ok(false) };
    let mut st = conn.prepare(
        "SELECT a.state FROM assignments a JOIN experts e ON e.id = a.expert_id WHERE a.dossier_id = ?1 AND e.user_id = ?2",
    )?;
    let states: Vec<SheetState> = st
        .query_map(params![dossier_id, uid], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()
        .map_err(at("assignments", t!(msg::YEAR_ROW_DOSSIER_NO, id = dossier_id)))?;
    Ok(states.iter().any(|s| s.stands()))
}

/// An expert's sheets on a unit's dossiers of the year, with their states.
pub(crate) fn of_expert_on_unit(
    conn: &Connection,
    expert_id: i64,
    unit_code: &str,
    campaign_id: i64,
) -> Result<Vec<(i64, SheetState)>> {
    let mut st = conn.prepare(
        "SELECT a.id, a.state FROM assignments a JOIN dossiers d ON d.id = a.dossier_id WHERE a.expert_id = ?1 AND d.unit_code = ?2 AND d.campaign_id = ?3 ORDER BY a.id",
    )?;
    let v = st
        .query_map(params![expert_id, unit_code, campaign_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()
        .map_err(at("assignments", t!(msg::YEAR_ROW_EXPERT_NO, id = expert_id)))?;
    Ok(v)
}

/// The sheets of one dossier that still stand (`SheetState::stands`: pending, submitted, unreturned).
pub(crate) fn standing_on_dossier(conn: &Connection, dossier_id: i64) -> Result<Vec<i64>> {
    let mut st = conn.prepare("SELECT id, state FROM assignments WHERE dossier_id = ?1 ORDER BY id")?;
    let all: Vec<(i64, SheetState)> = st
        .query_map([dossier_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()
        .map_err(at("assignments", t!(msg::YEAR_ROW_DOSSIER_NO, id = dossier_id)))?;
    Ok(all.into_iter().filter(|(_, s)| s.stands()).map(|(id, _)| id).collect())
}

/// The pending sheets of a year.
pub(crate) fn pending_of(conn: &Connection, campaign_id: i64) -> Result<Vec<i64>> {
    let mut st = conn.prepare("SELECT id FROM assignments WHERE campaign_id = ?1 AND state = ?2 ORDER BY id")?;
    let v = st
        .query_map(params![campaign_id, SheetState::Pending], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(v)
}

/// (unit code, expert name) of every sheet submitted in `year`: who scored which unit, for the
/// rotation of the next year's draw (an expert is the same person across years by name, as the
/// panel's rows are unique by name within a year).
pub(crate) fn scored_pairs(conn: &Connection, year: i32) -> Result<Vec<(String, String)>> {
    let mut st = conn.prepare(
        "SELECT DISTINCT d.unit_code, e.name FROM assignments a
           JOIN campaigns c ON c.id = a.campaign_id JOIN dossiers d ON d.id = a.dossier_id
           JOIN experts e ON e.id = a.expert_id
          WHERE c.year = ?1 AND a.state = 'submitted' ORDER BY d.unit_code, e.name",
    )?;
    let v = st.query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<std::result::Result<_, _>>()?;
    Ok(v)
}
