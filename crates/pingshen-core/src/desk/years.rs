//! Year after year (issue 16): the next year opened from a published one, carrying what a
//! secretariat keeps from year to year and nothing of the year's own record; carried conflicts
//! confirmed; the list of years with their stages.
//!
//! What belongs to a year and what to the database (see `store::year_lock::PER_YEAR` and
//! `GLOBAL`): the panel (experts and their conflicts), the policy and both rubrics are a year's
//! and are copied; accounts (the secretariat's, the experts' logins), the imported calendar years
//! and the issuing body (`assets/issuer.toml`) belong to the database or the installation and
//! simply stay. Dossiers, scores, decisions, funding and objections are never carried.

use super::campaign::{insert_campaign, read};
use super::rows::experts::{self as expert_rows, carry_pool, find_expert};
use super::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::store;
use crate::text::Text;
use crate::units;
use crate::workflow::Stage;
use crate::AuditAction;
use crate::{msg, t};
use rusqlite::OptionalExtension;
use serde::Serialize;

/// A year of the database and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct YearInfo {
    pub year: i32,
    pub stage: Stage,
}

/// What opening the next year carried over from the source year (counts the window and the CLI
/// show).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CarriedOver {
    pub from: i32,
    pub to: i32,
    /// Experts of the panel copied (name, employer, province, field, phone, login).
    pub experts: u32,
    /// Of them, those with a login (their account and password stay as they were).
    pub expert_logins: u32,
    /// Declared conflicts copied, each 待确认 until confirmed or declared again.
    pub conflicts_pending: u32,
    /// Secretariat accounts (they belong to the database: every year uses them).
    pub secretariat_accounts: u32,
    /// Calendar years imported from holiday notices (they belong to the database).
    pub calendar_years: u32,
    /// The review policy (with the subsidy budget given, if any) and both rubrics, copied and
    /// still editable until the draw.
    pub subsidy_budget_yuan: i64,
    pub rubrics: Vec<String>,
    /// Whether the year's own pledge text was copied (false: both years use the default text).
    pub pledge_text: bool,
}

impl Desk {
    /// Opens year `to` from the published year `from` (secretariat only, one transaction,
    /// audited): the expert pool with logins, their declared conflicts marked 待确认, the policy
    /// (the subsidy budget replaced when given) and both rubrics. Refused naming the fix when
    /// `to` exists, `from` does not, or `from` is not published yet.
    pub fn open_next_year(
        &self,
        actor: &Actor,
        from: i32,
        to: i32,
        subsidy_budget_yuan: Option<i64>,
    ) -> Result<CarriedOver> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_OPEN_NEXT))?;
        if !(2000..=2100).contains(&to) {
            return Err(Error::invalid(t!(msg::YEAR_FIELD_NEW_YEAR), t!(msg::YEAR_NOT_A_YEAR, year = to)));
        }
        if to <= from {
            return Err(Error::invalid(
                t!(msg::YEAR_FIELD_NEW_YEAR),
                t!(msg::YEAR_NEXT_AFTER_SOURCE, from, example = from + 1),
            ));
        }
        self.write(|tx| {
            let exists: bool = tx
                .query_row("SELECT 1 FROM campaigns WHERE year = ?1", [to], |r| r.get::<_, i64>(0))
                .optional()?
                .is_some();
            if exists {
                return Err(Error::invalid(t!(msg::YEAR_FIELD_NEW_YEAR), t!(msg::YEAR_NEXT_EXISTS, to)));
            }
            let src = read(tx, Some(from)).map_err(|e| match e {
                Error::NotFound { .. } => Error::NotFound {
                    what: t!(msg::YEAR_WHAT_SOURCE_YEAR),
                    name: String::new(),
                    hint: t!(msg::YEAR_HINT_SOURCE_YEARS, from, years = years_text(&self.year_list_in(tx))),
                },
                e => e,
            })?;
            if src.stage != Stage::Published {
                return Err(Error::rule(t!(msg::YEAR_SOURCE_UNPUBLISHED, from, to, stage = src.stage.text())));
            }
            let mut policy = src.policy.clone();
            if let Some(b) = subsidy_budget_yuan {
                policy.subsidy_budget_yuan = b;
            }
            policy.validate()?;
            let id = insert_campaign(tx, to, &policy, &src.rubric_pilot, &src.rubric_subsidy)?;
            let pool = carry_pool(tx, src.id, id)?;
            // the pledge's text, like the policy (a year on the default text carries nothing)
            let pledge_text = super::rows::pledges::carry(tx, src.id, id)?;
            let count = |sql: &str| -> Result<u32> { Ok(tx.query_row(sql, [], |r| r.get::<_, u32>(0))?) };
            let carried = CarriedOver {
                from,
                to,
                experts: pool.experts as u32,
                expert_logins: pool.logins as u32,
                conflicts_pending: pool.conflicts as u32,
                secretariat_accounts: count("SELECT count(*) FROM users WHERE role = 'secretariat' AND active = 1")?,
                calendar_years: count("SELECT count(*) FROM calendar_years")?,
                subsidy_budget_yuan: policy.subsidy_budget_yuan,
                rubrics: vec![src.rubric_pilot.id.clone(), src.rubric_subsidy.id.clone()],
                pledge_text,
            };
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::CampaignCarryOver,
                &format!("campaign:{to}"),
                &serde_json::json!({"policy": policy, "carried": carried}),
            )?;
            // the year's keys for exchange files are made with it, as for any new year
            super::exchange_keys::ensure_keys(tx, actor, id, to)?;
            Ok(carried)
        })
    }

    /// Confirms the conflicts carried into `year` as 待确认 (secretariat only, audited): those of
    /// one expert, with one unit, or all. How many were confirmed (none pending: 0).
    pub fn confirm_conflicts(
        &self,
        actor: &Actor,
        year: Option<i32>,
        expert: Option<&str>,
        unit: Option<&str>,
    ) -> Result<usize> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_CONFIRM_CONFLICTS))?;
        let unit = unit.map(|u| units::resolve(t!(msg::YEAR_FIELD_CONFLICT_UNIT), u)).transpose()?;
        self.write(|tx| {
            let c = super::campaign::load(tx, year)?;
            let eid = expert.map(|e| find_expert(tx, c.id, e).map(|x| x.id)).transpose()?;
            let code = unit.map(|u| u.code.as_str());
            let n = expert_rows::confirm_conflicts(tx, c.id, eid, code)?;
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::ExpertConflictConfirm,
                &format!("campaign:{}", c.year),
                &serde_json::json!({"expert": expert, "unit": code, "confirmed": n}),
            )?;
            Ok(n)
        })
    }

    /// Every year of the database with its stage, newest first.
    pub fn year_list(&self) -> Result<Vec<YearInfo>> {
        Ok(self.year_list_in(&self.conn))
    }

    fn year_list_in(&self, conn: &rusqlite::Connection) -> Vec<YearInfo> {
        let read = || -> Result<Vec<YearInfo>> {
            let mut st = conn.prepare("SELECT year, stage FROM campaigns ORDER BY year DESC")?;
            let rows = st.query_map([], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)))?;
            let mut v = Vec::new();
            for row in rows {
                let (year, stage) = row?;
                let stage = Stage::from_code(&stage)
                    .ok_or_else(|| Error::other(t!(msg::YEAR_STAGE_UNKNOWN, year, stage = stage.as_str())))?;
                v.push(YearInfo { year, stage });
            }
            Ok(v)
        };
        read().unwrap_or_default()
    }

    /// The years `actor` may switch between: the secretariat every year; an expert the years
    /// whose panel they are on; an applicant unit the years it applied in and the newest.
    pub fn years_of(&self, actor: &Actor) -> Result<Vec<YearInfo>> {
        let all = self.year_list()?;
        let theirs: Vec<i32> = match (actor.role(), actor.user_id()) {
            (Role::Secretariat, _) => return Ok(all),
            (Role::Expert, Some(uid)) => {
                let mut st = self.conn.prepare(
                    "SELECT DISTINCT c.year FROM experts e JOIN campaigns c ON c.id = e.campaign_id WHERE e.user_id = ?1",
                )?;
                let v = st.query_map([uid], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
                v
            }
            (Role::Applicant, _) => {
                let mut st = self.conn.prepare(
                    "SELECT DISTINCT c.year FROM dossiers d JOIN campaigns c ON c.id = d.campaign_id WHERE d.unit_code = ?1",
                )?;
                let mut v: Vec<i32> = st
                    .query_map([actor.unit_code().unwrap_or("")], |r| r.get(0))?
                    .collect::<std::result::Result<_, _>>()?;
                v.extend(all.first().map(|y| y.year));
                v
            }
            (Role::Expert, None) => Vec::new(),
        };
        Ok(all.into_iter().filter(|y| theirs.contains(&y.year)).collect())
    }
}

/// The years with their stages, e.g. 「2014（已发布）、2015（申报推荐）」, or 「（无）」.
fn years_text(v: &[YearInfo]) -> Text {
    let items: Vec<Text> = v.iter().map(|y| t!(msg::YEAR_YEAR_STAGE, year = y.year, stage = y.stage.text())).collect();
    super::joined(items, &msg::YEAR_JOIN).unwrap_or_else(|| t!(msg::YEAR_NO_YEARS))
}
