//! Opening a campaign (one year) and reading it back.

use super::rows::date;
use super::{json, Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::model::Award;
use crate::rubric::Rubric;
use crate::rules::{CampaignDates, Policy};
use crate::store;
use crate::store::year_lock;
use crate::text::Text;
use crate::units;
use crate::workflow::{stage_after_in, Stage, StageEvent};
use crate::{msg, t};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

/// A campaign with its frozen settings and rubrics.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Campaign {
    pub id: i64,
    pub year: i32,
    pub stage: Stage,
    pub policy: Policy,
    pub rubric_pilot: Rubric,
    pub rubric_subsidy: Rubric,
    pub dates: CampaignDates,
    pub doc_number: Option<String>,
}

impl Campaign {
    pub fn rubric(&self, award: Award) -> &Rubric {
        match award {
            Award::Pilot => &self.rubric_pilot,
            Award::Subsidy => &self.rubric_subsidy,
        }
    }
}

/// Loads a campaign by year, or the latest when `year` is None. Inside a write transaction a
/// published year is refused naming it (`store::year_lock`): every write use case loads its year
/// first, so this is where a write to a published year stops, before any other check.
pub(crate) fn load(conn: &Connection, year: Option<i32>) -> Result<Campaign> {
    let c = read(conn, year)?;
    if !conn.is_autocommit() {
        year_lock::check(c.year, c.stage)?;
    }
    Ok(c)
}

/// `load` for a write use case that checks its year before its transaction opens: a published
/// year is refused naming it there too.
pub(crate) fn load_to_write(conn: &Connection, year: Option<i32>) -> Result<Campaign> {
    let c = read(conn, year)?;
    year_lock::check(c.year, c.stage)?;
    Ok(c)
}

/// Loads a campaign by year (or the latest) whatever its stage, also inside a write: for a write
/// that only reads a published year (the source of the next year; publishing's answer).
pub(crate) fn read(conn: &Connection, year: Option<i32>) -> Result<Campaign> {
    let sql = "SELECT id, year, stage, policy_json, rubric_pilot, rubric_subsidy, notice_date, deadline, pilot_pay_by, subsidy_pay_by, doc_number FROM campaigns";
    let map = |r: &rusqlite::Row| -> rusqlite::Result<CampaignRow> {
        Ok(CampaignRow {
            id: r.get(0)?,
            year: r.get(1)?,
            stage: r.get(2)?,
            policy: r.get(3)?,
            rubric_pilot: r.get(4)?,
            rubric_subsidy: r.get(5)?,
            notice: r.get(6)?,
            deadline: r.get(7)?,
            pilot_pay_by: r.get(8)?,
            subsidy_pay_by: r.get(9)?,
            doc_number: r.get(10)?,
        })
    };
    let row = match year {
        Some(y) => conn.query_row(&format!("{sql} WHERE year = ?1"), [y], map).optional()?,
        None => conn.query_row(&format!("{sql} ORDER BY year DESC LIMIT 1"), [], map).optional()?,
    };
    let row = row.ok_or_else(|| match year {
        // the year is part of the hint, so that its words (年) are translated with it
        Some(y) => Error::NotFound {
            what: t!(msg::YEAR_WHAT_YEAR),
            name: String::new(),
            hint: t!(msg::YEAR_HINT_CREATE_YEAR, year = y),
        },
        None => {
            Error::NotFound { what: t!(msg::YEAR_WHAT_YEAR), name: String::new(), hint: t!(msg::YEAR_HINT_NO_YEAR) }
        }
    })?;
    let bad = |what: Text| Error::other(t!(msg::YEAR_DB_DAMAGED, what));
    Ok(Campaign {
        id: row.id,
        year: row.year,
        stage: Stage::from_code(&row.stage).ok_or_else(|| bad(t!(msg::YEAR_PART_STAGE)))?,
        policy: serde_json::from_str(&row.policy).map_err(|_| bad(t!(msg::YEAR_PART_POLICY)))?,
        rubric_pilot: serde_json::from_str(&row.rubric_pilot).map_err(|_| bad(t!(msg::YEAR_PART_RUBRIC_PILOT)))?,
        rubric_subsidy: serde_json::from_str(&row.rubric_subsidy)
            .map_err(|_| bad(t!(msg::YEAR_PART_RUBRIC_SUBSIDY)))?,
        dates: CampaignDates {
            notice: date(&row.notice)?,
            deadline: date(&row.deadline)?,
            pilot_pay_by: date(&row.pilot_pay_by)?,
            subsidy_pay_by: date(&row.subsidy_pay_by)?,
        },
        doc_number: row.doc_number,
    })
}

/// A `campaigns` row as stored, before its JSON and dates are read.
struct CampaignRow {
    id: i64,
    year: i32,
    stage: String,
    policy: String,
    rubric_pilot: String,
    rubric_subsidy: String,
    notice: String,
    deadline: String,
    pilot_pay_by: String,
    subsidy_pay_by: String,
    doc_number: Option<String>,
}

/// Moves the campaign's stage by an event, recording it.
pub(crate) fn advance(tx: &Transaction, c: &Campaign, event: StageEvent, actor: &Actor) -> Result<Stage> {
    let next = stage_after_in(c.stage, event, c.policy.meeting)?;
    tx.execute("UPDATE campaigns SET stage = ?1 WHERE id = ?2", params![next.code(), c.id])?;
    store::audit(
        tx,
        &actor.audit_name(),
        crate::AuditAction::CampaignStage,
        &format!("campaign:{}", c.year),
        &serde_json::json!({"from": c.stage.code(), "to": next.code()}),
    )?;
    Ok(next)
}

/// Inserts the campaign of `year` at the apply stage with its policy and rubrics (frozen copies)
/// and the seed's dates for that year; refused when the year exists. Its id.
pub(crate) fn insert_campaign(tx: &Transaction, year: i32, policy: &Policy, rp: &Rubric, rs: &Rubric) -> Result<i64> {
    let exists: i64 = tx.query_row("SELECT count(*) FROM campaigns WHERE year = ?1", [year], |r| r.get(0))?;
    if exists > 0 {
        return Err(Error::invalid(t!(msg::YEAR_FIELD_YEAR), t!(msg::YEAR_EXISTS, year)));
    }
    let dates = CampaignDates::for_year(year);
    tx.execute(
        "INSERT INTO campaigns (year, stage, policy_json, rubric_pilot, rubric_subsidy, notice_date, deadline, pilot_pay_by, subsidy_pay_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            year,
            Stage::Apply.code(),
            json(policy).to_string(),
            json(rp).to_string(),
            json(rs).to_string(),
            dates.notice.to_string(),
            dates.deadline.to_string(),
            dates.pilot_pay_by.to_string(),
            dates.subsidy_pay_by.to_string(),
            store::now_utc()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Desk {
    /// Opens the campaign of `year` with its policy; the default rubrics are copied (frozen) into it.
    pub fn open_campaign(&self, actor: &Actor, year: i32, policy: Policy) -> Result<Campaign> {
        self.open_campaign_for(actor, year, policy, None)
    }

    /// `open_campaign`, and, for an applicant unit's own installation (`init --applicant`), the
    /// unit it belongs to, in the same transaction.
    pub fn open_campaign_for(
        &self,
        actor: &Actor,
        year: i32,
        policy: Policy,
        applicant: Option<&str>,
    ) -> Result<Campaign> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_OPEN_YEAR))?;
        if !(2000..=2100).contains(&year) {
            return Err(Error::invalid(t!(msg::YEAR_FIELD_YEAR), t!(msg::YEAR_NOT_A_YEAR, year)));
        }
        policy.validate()?;
        let applicant = applicant.map(|u| units::resolve(t!(msg::YEAR_FIELD_APPLICANT), u)).transpose()?;
        self.write(|tx| {
            let rp = Rubric::default_for(Award::Pilot);
            let rs = Rubric::default_for(Award::Subsidy);
            let campaign_id = insert_campaign(tx, year, &policy, &rp, &rs)?;
            store::audit(
                tx,
                &actor.audit_name(),
                crate::AuditAction::CampaignOpen,
                &format!("campaign:{year}"),
                &serde_json::json!({"policy": policy, "rubrics": [rp.id, rs.id]}),
            )?;
            // the year's keys for exchange files are made with it
            super::exchange_keys::ensure_keys(tx, actor, campaign_id, year)?;
            if let Some(u) = applicant {
                super::session::mark_applicant(tx, actor, u)?;
            }
            load(tx, Some(year))
        })
    }

    /// The campaign of `year`, or the latest.
    pub fn campaign(&self, year: Option<i32>) -> Result<Campaign> {
        load(&self.conn, year)
    }

    /// Every campaign year in the database, newest first.
    pub fn years(&self) -> Result<Vec<i32>> {
        let mut st = self.conn.prepare("SELECT year FROM campaigns ORDER BY year DESC")?;
        let v = st.query_map([], |r| r.get(0))?.collect::<std::result::Result<Vec<i32>, _>>()?;
        Ok(v)
    }

    /// Changes the review policy while the campaign is still taking dossiers.
    pub fn update_policy(&self, actor: &Actor, year: Option<i32>, policy: Policy) -> Result<Campaign> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_EDIT_POLICY))?;
        policy.validate()?;
        self.write(|tx| {
            let c = load(tx, year)?;
            if c.stage != Stage::Apply {
                return Err(Error::illegal(
                    c.stage.text(),
                    t!(msg::YEAR_ACTION_EDIT_POLICY),
                    t!(msg::YEAR_POLICY_BEFORE_DRAW),
                ));
            }
            tx.execute(
                "UPDATE campaigns SET policy_json = ?1 WHERE id = ?2",
                params![json(&policy).to_string(), c.id],
            )?;
            store::audit(
                tx,
                &actor.audit_name(),
                crate::AuditAction::CampaignPolicy,
                &format!("campaign:{}", c.year),
                &serde_json::json!({"from": c.policy, "to": policy}),
            )?;
            load(tx, Some(c.year))
        })
    }

    /// Replaces the rubric of an award before review starts (the file is validated first).
    pub fn set_rubric(&self, actor: &Actor, year: Option<i32>, rubric: Rubric) -> Result<Campaign> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_EDIT_RUBRIC))?;
        rubric.validate()?;
        self.write(|tx| {
            let c = load(tx, year)?;
            if c.stage != Stage::Apply {
                return Err(Error::illegal(
                    c.stage.text(),
                    t!(msg::YEAR_ACTION_EDIT_RUBRIC),
                    t!(msg::YEAR_RUBRIC_BEFORE_DRAW),
                ));
            }
            let col = match rubric.award {
                Award::Pilot => "rubric_pilot",
                Award::Subsidy => "rubric_subsidy",
            };
            tx.execute(
                &format!("UPDATE campaigns SET {col} = ?1 WHERE id = ?2"),
                params![json(&rubric).to_string(), c.id],
            )?;
            store::audit(
                tx,
                &actor.audit_name(),
                crate::AuditAction::CampaignRubric,
                &format!("campaign:{}", c.year),
                &serde_json::json!({"award": rubric.award, "rubric": rubric}),
            )?;
            load(tx, Some(c.year))
        })
    }
}

/// The year must be at `stage` for `action` (the action's name, as "you cannot …" says it).
pub(crate) fn require_stage(c: &Campaign, stage: Stage, action: impl Into<Text>) -> Result<()> {
    if c.stage != stage {
        let allowed = match stage {
            Stage::Decide => t!(msg::YEAR_STAGE_DECIDE_ONLY),
            Stage::Meeting => t!(msg::YEAR_STAGE_MEETING_ONLY),
            Stage::Publicity => t!(msg::YEAR_STAGE_PUBLICITY_ONLY),
            Stage::Final => t!(msg::YEAR_STAGE_FINAL_ONLY),
            _ => t!(msg::EMPTY),
        };
        return Err(Error::illegal(c.stage.text(), action, allowed));
    }
    Ok(())
}
