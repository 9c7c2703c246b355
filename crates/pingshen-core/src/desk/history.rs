//! A unit's history across years: one entry per dossier it applied with (year, award, state,
//! aggregate, rank of the ranked, grade, amount), each from that year's own results
//! (`ranking::year_standings`); and the 「上年」 of this year's results rows.
//!
//! Who sees what: the secretariat every unit and every year; an applicant only its own unit, and
//! the figures of a year only once that year is published (before, the state alone); an expert
//! nothing — an expert reviews this year's dossier on its merits, and a unit's earlier ranks are
//! not part of what is assigned to them (refused and logged like any other refusal).

use super::campaign::{load, Campaign};
use super::ranking::{year_standings, HistoryEntry};
use super::rows;
use super::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::units;
use crate::workflow::Stage;
use crate::{msg, t};
use rusqlite::Connection;
use std::collections::HashMap;

impl Desk {
    /// The unit's history: one entry per dossier it applied with (drafts aside), oldest year first,
    /// pilot before post-subsidy within a year. Equal to each year's own results and funding table.
    pub fn history(&self, actor: &Actor, unit: &str) -> Result<Vec<HistoryEntry>> {
        if actor.role() == Role::Expert {
            return Err(self.deny(actor, t!(msg::YEAR_HISTORY_EXPERT, name = actor.name())));
        }
        let u = unit_named(unit)?;
        self.require_own_unit(actor, &u.code, || {
            t!(msg::YEAR_HISTORY_OWN_ONLY, unit = u.full_name.as_str(), name = actor.name())
        })?;
        let figures_of = |c: &Campaign| actor.role() == Role::Secretariat || c.stage == Stage::Published;
        let mut out = Vec::new();
        for (_, year) in rows::dossiers::years_applied(&self.conn, &u.code)? {
            let c = load(&self.conn, Some(year))?;
            for (code, e) in year_standings(&self.conn, &c)? {
                if code == u.code {
                    out.push(if figures_of(&c) { e } else { e.without_figures() });
                }
            }
        }
        Ok(out)
    }
}

/// The unit a name, short name or code gives, or a Chinese refusal naming it and saying where the
/// names are.
fn unit_named(name: &str) -> Result<&'static units::Unit> {
    units::find(name).ok_or_else(|| {
        let s = units::suggestions(name);
        let close = if s.is_empty() { t!(msg::EMPTY) } else { t!(msg::YEAR_DID_YOU_MEAN, names = s.join("、")) };
        Error::invalid(
            t!(msg::YEAR_FIELD_UNIT),
            t!(msg::YEAR_NOT_A_UNIT, name = name.trim(), close, example = "北京市科协"),
        )
    })
}

/// The standing of each of the given units the last year before `c` in which it applied, every
/// dossier of that year (None for a unit that never applied before: 首次申报). Reads back one
/// earlier year at a time, newest first, until every unit is found or the years run out.
pub(crate) fn previous_standings(
    conn: &Connection,
    c: &Campaign,
    unit_codes: &[&str],
) -> Result<HashMap<String, Vec<HistoryEntry>>> {
    let mut found: HashMap<String, Vec<HistoryEntry>> = HashMap::new();
    if unit_codes.is_empty() {
        return Ok(found);
    }
    for year in rows::dossiers::years_before(conn, c.year)? {
        let earlier = load(conn, Some(year))?;
        let mut this_year: HashMap<String, Vec<HistoryEntry>> = HashMap::new();
        for (code, e) in year_standings(conn, &earlier)? {
            if unit_codes.contains(&code.as_str()) && !found.contains_key(&code) {
                this_year.entry(code).or_default().push(e);
            }
        }
        found.extend(this_year);
        if unit_codes.iter().all(|u| found.contains_key(*u)) {
            break;
        }
    }
    Ok(found)
}
