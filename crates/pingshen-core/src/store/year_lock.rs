//! A published year is read-only (issue 16). Two guards, each in one place:
//! - the row guard here: TEMP triggers on the app's own connection (like `record.rs`'s) refuse
//!   every INSERT, UPDATE or DELETE of a row that belongs to a published year — the tables that
//!   belong to a year are listed once, [`PER_YEAR`], with how a row reaches its year — so nothing
//!   of a published year changes, whichever use case tries;
//! - `desk::campaign::load` refuses a published year to a write transaction before the use case
//!   checks anything else, so the refusal names the year rather than a stage.
//!
//! Both refuse with [`Error::ReadOnlyYear`] naming the year. The audit log, the global tables
//! ([`GLOBAL`]: accounts, settings, the calendar, …) and a new year stay writable.

use crate::error::{Error, Result};
use crate::workflow::Stage;
use rusqlite::Connection;

/// How a row of a per-year table reaches its campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The `campaigns` row itself (only changing or deleting a published one is refused).
    Itself,
    /// A `campaign_id` column.
    Campaign,
    /// A `dossier_id` column (the dossier's campaign).
    Dossier,
    /// An `expert_id` column (the expert's campaign: a panel is per year).
    Expert,
    /// An `assignment_id` column (the sheet's campaign).
    Assignment,
}

/// Every table whose rows belong to one year.
pub const PER_YEAR: &[(&str, Via)] = &[
    ("campaigns", Via::Itself),
    ("dossiers", Via::Campaign),
    ("attachments", Via::Dossier),
    ("decisions", Via::Dossier),
    ("experts", Via::Campaign),
    ("conflicts", Via::Expert),
    ("draws", Via::Campaign),
    ("assignments", Via::Campaign),
    ("scores", Via::Assignment),
    ("funding_lines", Via::Campaign),
    ("publicity", Via::Campaign),
    ("objections", Via::Campaign),
    ("campaign_keys", Via::Campaign),
    ("review_packages", Via::Campaign),
    ("held_packages", Via::Campaign),
    ("returned_sheets", Via::Assignment),
    ("dossier_files", Via::Dossier),
    ("yoy_verifications", Via::Dossier),
    ("meetings", Via::Campaign),
    ("meeting_members", Via::Campaign),
    ("meeting_votes", Via::Dossier),
    ("pledges", Via::Campaign),
    ("pledge_acceptances", Via::Expert),
];

/// The recorded tables that belong to no year (shared by every year of the database).
pub const GLOBAL: &[&str] = &["meta", "users", "blobs", "calendar_years", "access_failures", "settings", "seal"];

/// What a trigger's refusal starts with; the year follows (`error.rs` reads it back).
const MARK: &str = crate::error::READ_ONLY_MARK;

/// The campaign id of row `r` (NEW or OLD) of a table reached `via`.
fn campaign_of(via: Via, r: &str) -> String {
    match via {
        Via::Itself => format!("{r}.id"),
        Via::Campaign => format!("{r}.campaign_id"),
        Via::Dossier => format!("(SELECT campaign_id FROM main.dossiers WHERE id = {r}.dossier_id)"),
        Via::Expert => format!("(SELECT campaign_id FROM main.experts WHERE id = {r}.expert_id)"),
        Via::Assignment => format!("(SELECT campaign_id FROM main.assignments WHERE id = {r}.assignment_id)"),
    }
}

fn refuse_if_published(ids: &str) -> String {
    format!(
        "SELECT RAISE(ABORT, '{MARK}' || c.year) FROM main.campaigns AS c WHERE c.id IN ({ids}) AND c.stage = '{}';",
        Stage::Published.code()
    )
}

/// Creates the TEMP triggers guarding published years on this connection (idempotent).
pub fn install(conn: &Connection) -> Result<()> {
    let mut sql = String::new();
    for (t, via) in PER_YEAR {
        let (old, new) = (campaign_of(*via, "OLD"), campaign_of(*via, "NEW"));
        if *via != Via::Itself {
            sql += &format!(
                "CREATE TEMP TRIGGER IF NOT EXISTS ro_{t}_ins BEFORE INSERT ON main.\"{t}\" BEGIN {} END;\n",
                refuse_if_published(&new)
            );
        }
        sql += &format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS ro_{t}_upd BEFORE UPDATE ON main.\"{t}\" BEGIN {} END;
             CREATE TEMP TRIGGER IF NOT EXISTS ro_{t}_del BEFORE DELETE ON main.\"{t}\" BEGIN {} END;\n",
            refuse_if_published(&format!("{old}, {new}")),
            refuse_if_published(&old)
        );
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// The refusal of a write to a published year (the words of `Error::ReadOnlyYear`).
pub fn refusal(year: i32) -> Error {
    Error::ReadOnlyYear { year }
}

/// Refuses `year` when its stage is published (for `desk::campaign::load` in a write).
pub(crate) fn check(year: i32, stage: Stage) -> Result<()> {
    if stage == Stage::Published {
        return Err(refusal(year));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tables::TABLES;
    use super::*;
    use std::collections::BTreeSet;

    /// Every recorded table is either a year's or global: a migration adding a table must say
    /// which, or a published year could change through it.
    #[test]
    fn every_table_is_per_year_or_global() {
        let per_year: BTreeSet<&str> = PER_YEAR.iter().map(|(t, _)| *t).collect();
        let global: BTreeSet<&str> = GLOBAL.iter().copied().collect();
        assert!(per_year.is_disjoint(&global));
        let listed: BTreeSet<&str> = per_year.union(&global).copied().collect();
        let recorded: BTreeSet<&str> = TABLES.iter().map(|t| t.name).collect();
        assert_eq!(listed, recorded);
    }

    #[test]
    fn a_published_year_refuses_every_row_write_and_names_the_year() {
        let conn = crate::store::open_in_memory().unwrap();
        install(&conn).unwrap();
        let campaign = |year: i32, stage: &str| {
            conn.execute(
                "INSERT INTO campaigns (year, stage, policy_json, rubric_pilot, rubric_subsidy, notice_date, deadline, pilot_pay_by, subsidy_pay_by, created_at)
                 VALUES (?1, ?2, '{}', '{}', '{}', '', '', '', '', '')",
                rusqlite::params![year, stage],
            )
            .unwrap();
            conn.last_insert_rowid()
        };
        let c14 = campaign(2014, "final");
        let c15 = campaign(2015, "apply");
        let expert = |cid: i64, name: &str| {
            conn.execute(
                "INSERT INTO experts (campaign_id, name, employer, province) VALUES (?1, ?2, 'x', '北京')",
                rusqlite::params![cid, name],
            )
        };
        expert(c14, "甲").unwrap();
        conn.execute(
            "INSERT INTO conflicts (expert_id, unit_code) SELECT id, 'hubei' FROM experts WHERE name = '甲'",
            [],
        )
        .ok();
        conn.execute("UPDATE campaigns SET stage = 'published' WHERE id = ?1", [c14]).unwrap();
        let year_of = |r: rusqlite::Result<usize>| match Error::from(r.unwrap_err()) {
            Error::ReadOnlyYear { year } => Some(year),
            _ => None,
        };
        assert_eq!(year_of(expert(c14, "乙")), Some(2014));
        assert_eq!(year_of(conn.execute("UPDATE experts SET phone = '1' WHERE campaign_id = ?1", [c14])), Some(2014));
        assert_eq!(year_of(conn.execute("DELETE FROM experts WHERE campaign_id = ?1", [c14])), Some(2014));
        assert_eq!(year_of(conn.execute("UPDATE campaigns SET stage = 'final' WHERE id = ?1", [c14])), Some(2014));
        // moving a row into the published year is refused too
        expert(c15, "丙").unwrap();
        assert_eq!(year_of(conn.execute("UPDATE experts SET campaign_id = ?1 WHERE name = '丙'", [c14])), Some(2014));
        // the next year, a new year and the global tables stay writable
        conn.execute("UPDATE experts SET phone = '2' WHERE campaign_id = ?1", [c15]).unwrap();
        campaign(2016, "apply");
        conn.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')", []).unwrap();
        assert_eq!(refusal(2014).to_string().matches("2014年度").count(), 1);
    }
}
