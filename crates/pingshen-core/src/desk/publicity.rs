//! Publicity and publication: the public notice of the proposed list, objections received in
//! the period and their resolution, closing the period, publishing the final list.

use super::allocation::audit_funding;
use super::campaign::{advance, load, require_stage, Campaign};
use super::dossiers::record_decision;
use super::funding::funding_table;
use super::rows::{date, funding as lines};
use super::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::model::Award;
use crate::rules;
use crate::store;
use crate::t;
use crate::text::catalog::msg;
use crate::text::Text;
use crate::units;
use crate::workflow::{Stage, StageEvent};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, serde::Deserialize, ts_rs::TS)]
pub struct PublicityRow {
    pub dossier_id: i64,
    pub unit: String,
    pub award: Award,
    pub amount_yuan: i64,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Objection {
    pub id: i64,
    pub unit: Option<String>,
    pub name: String,
    pub contact: String,
    pub received_on: NaiveDate,
    pub content: String,
    /// open / upheld / dismissed
    pub state: String,
    pub resolution: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PublicityInfo {
    pub year: i32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub working_days: u32,
    pub rows: Vec<PublicityRow>,
    pub objections: Vec<Objection>,
    pub closed_on: Option<NaiveDate>,
    pub published_on: Option<NaiveDate>,
}
/// A `publicity` row: start, end, working days, the list as published (JSON), closed, published.
type PublicityRowStored = (String, String, u32, String, Option<String>, Option<String>);

pub(crate) fn load_publicity(conn: &Connection, c: &Campaign) -> Result<Option<PublicityInfo>> {
    let row: Option<PublicityRowStored> = conn
        .query_row("SELECT start_on, end_on, working_days, list_json, closed_on, published_on FROM publicity WHERE campaign_id = ?1", [c.id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .optional()?;
    let Some((start, end, days, list, closed, published)) = row else { return Ok(None) };
    let mut st = conn.prepare("SELECT o.id, u.full_name, o.name, o.contact, o.received_on, o.content, o.state, o.resolution FROM objections o LEFT JOIN dossiers d ON d.id = o.dossier_id LEFT JOIN units u ON u.code = d.unit_code WHERE o.campaign_id = ?1 ORDER BY o.id")?;
    let objections = st
        .query_map([c.id], |r| {
            let on: String = r.get(4)?;
            Ok(Objection {
                id: r.get(0)?,
                unit: r.get(1)?,
                name: r.get(2)?,
                contact: r.get(3)?,
                received_on: date(&on)?,
                content: r.get(5)?,
                state: r.get(6)?,
                resolution: r.get(7)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    Ok(Some(PublicityInfo {
        year: c.year,
        start: date(&start)?,
        end: date(&end)?,
        working_days: days,
        rows: serde_json::from_str(&list).map_err(|_| Error::other(t!(msg::DECIDE_PUBLICITY_LIST_DAMAGED)))?,
        objections,
        closed_on: closed.map(|s| date(&s)).transpose()?,
        published_on: published.map(|s| date(&s)).transpose()?,
    }))
}

impl Desk {
    /// Opens the public notice of the proposed list for `days` working days (policy default)
    /// from `start`. Decide → Publicity; the list is frozen as published.
    pub fn open_publicity(
        &self,
        actor: &Actor,
        year: Option<i32>,
        start: NaiveDate,
        days: Option<u32>,
    ) -> Result<PublicityInfo> {
        self.require(actor, Role::Secretariat, StageEvent::OpenPublicity.text())?;
        let _backup = self.backup_if_stage(actor, year, Stage::Decide, StageEvent::OpenPublicity)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            let days = days.unwrap_or(c.policy.publicity_days);
            if days == 0 {
                return Err(Error::invalid(
                    t!(msg::INPUT_FIELD_PUBLICITY_DAYS),
                    t!(msg::DECIDE_PUBLICITY_AT_LEAST_ONE_DAY),
                ));
            }
            require_stage(&c, Stage::Decide, StageEvent::OpenPublicity.text())?;
            let end = rules::publicity_end(&super::calendar::work_calendar(tx)?, start, days)?;
            let t = funding_table(tx, &c)?;
            if t.lines.is_empty() {
                return Err(Error::rule(t!(msg::DECIDE_PUBLICITY_LIST_EMPTY)));
            }
            let rows: Vec<PublicityRow> = t.lines.iter().map(|l| PublicityRow { dossier_id: l.dossier_id, unit: l.unit.clone(), award: l.award, amount_yuan: l.amount_yuan }).collect();
            advance(tx, &c, StageEvent::OpenPublicity, actor)?;
            tx.execute(
                "INSERT INTO publicity (campaign_id, start_on, end_on, working_days, list_json) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![c.id, start.to_string(), end.to_string(), days, serde_json::to_string(&rows).unwrap_or_default()],
            )?;
            store::audit(tx, &actor.audit_name(), crate::AuditAction::PublicityOpen, &format!("campaign:{}", c.year), &serde_json::json!({"start": start, "end": end, "days": days, "rows": rows.len()}))?;
            let c = load(tx, Some(c.year))?;
            load_publicity(tx, &c)?.ok_or_else(|| Error::other(t!(msg::DECIDE_PUBLICITY_NOT_WRITTEN)))
        })
    }

    /// The publicity (period, list as published, objections with their authors' contacts):
    /// secretariat only, as the objections carry personal data.
    pub fn publicity(&self, actor: &Actor, year: Option<i32>) -> Result<Option<PublicityInfo>> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_VIEW_PUBLICITY))?;
        let c = load(&self.conn, year)?;
        load_publicity(&self.conn, &c)
    }

    /// Logs an objection received during the period (real name, contact, in time); a refused
    /// objection is itself recorded in the audit log with the reason, and an error returned.
    #[allow(clippy::too_many_arguments)]
    pub fn add_objection(
        &self,
        actor: &Actor,
        year: Option<i32>,
        unit: Option<&str>,
        award: Option<Award>,
        name: &str,
        contact: &str,
        received_on: NaiveDate,
        content: &str,
    ) -> Result<i64> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_ADD_OBJECTION))?;
        let c = super::campaign::load_to_write(&self.conn, year)?;
        require_stage(&c, Stage::Publicity, t!(msg::DECIDE_ACTION_ADD_OBJECTION))?;
        let p = load_publicity(&self.conn, &c)?.ok_or_else(|| Error::rule(t!(msg::DECIDE_PUBLICITY_NOT_OPENED)))?;
        if content.trim().is_empty() {
            return Err(Error::invalid(t!(msg::DECIDE_FIELD_OBJECTION_CONTENT), t!(msg::INPUT_REQUIRED)));
        }
        let dossier = match unit {
            Some(u) => {
                let code = units::resolve(t!(msg::DECIDE_FIELD_OBJECTION_TARGET), u)?.code.clone();
                let rows: Vec<&PublicityRow> = p
                    .rows
                    .iter()
                    .filter(|r| {
                        units::find(&r.unit).is_some_and(|x| x.code == code) && award.is_none_or(|a| a == r.award)
                    })
                    .collect();
                match rows.as_slice() {
                    [r] => Some(r.dossier_id),
                    [] => {
                        return Err(Error::invalid(
                            t!(msg::DECIDE_FIELD_OBJECTION_TARGET),
                            match award {
                                Some(a) => t!(msg::DECIDE_PUBLICITY_NOT_LISTED_AWARD, unit = u, award = a.text()),
                                None => t!(msg::DECIDE_PUBLICITY_NOT_LISTED, unit = u),
                            },
                        ))
                    }
                    _ => {
                        return Err(Error::invalid(
                            t!(msg::DECIDE_FIELD_AWARD),
                            t!(msg::DECIDE_PUBLICITY_WHICH_AWARD, unit = u),
                        ))
                    }
                }
            }
            None => None,
        };
        if let Err(e) = rules::check_objection(name, contact, received_on, p.start, p.end) {
            self.write(|tx| {
                store::audit(
                    tx,
                    &actor.audit_name(),
                    crate::AuditAction::ObjectionRefused,
                    &format!("campaign:{}", c.year),
                    &serde_json::json!({"name": name, "received_on": received_on, "reason": e.to_string()}),
                )
            })?;
            return Err(e);
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO objections (campaign_id, dossier_id, name, contact, received_on, content, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open')",
                params![c.id, dossier, name.trim(), contact.trim(), received_on.to_string(), content],
            )?;
            let id = tx.last_insert_rowid();
            store::audit(tx, &actor.audit_name(), crate::AuditAction::ObjectionAdd, &format!("objection:{id}"), &serde_json::json!({"dossier": dossier, "name": name, "contact": contact, "received_on": received_on, "content": content}))?;
            Ok(id)
        })
    }

    /// Resolves an objection: upheld or dismissed, with reasons. Upholding an objection against a
    /// listed unit removes that unit from the list and its funding line.
    pub fn resolve_objection(&self, actor: &Actor, id: i64, upheld: bool, reason: &str) -> Result<()> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_RESOLVE_OBJECTION))?;
        if reason.trim().is_empty() {
            return Err(Error::invalid(
                t!(msg::DECIDE_FIELD_RESOLUTION),
                t!(msg::DECIDE_PUBLICITY_OBJECTION_NEEDS_REASON),
            ));
        }
        self.write(|tx| {
            let (campaign_id, dossier, state): (i64, Option<i64>, String) = tx
                .query_row("SELECT campaign_id, dossier_id, state FROM objections WHERE id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?
                .ok_or_else(|| Error::NotFound {
                    what: t!(msg::DECIDE_PUBLICITY_OBJECTION),
                    name: String::new(),
                    hint: t!(msg::EXCHANGE_NUMBER, id),
                })?;
            let year: i32 = tx.query_row("SELECT year FROM campaigns WHERE id = ?1", [campaign_id], |r| r.get(0))?;
            let c = load(tx, Some(year))?;
            require_stage(&c, Stage::Publicity, t!(msg::DECIDE_ACTION_RESOLVE_OBJECTION))?;
            if state != "open" {
                return Err(Error::illegal(
                    if state == "upheld" {
                        t!(msg::DECIDE_PUBLICITY_OBJECTION_UPHELD)
                    } else {
                        t!(msg::DECIDE_PUBLICITY_OBJECTION_DISMISSED)
                    },
                    t!(msg::DECIDE_ACTION_RESOLVE_OBJECTION),
                    t!(msg::DECIDE_PUBLICITY_OBJECTION_RESOLVED),
                ));
            }
            let new_state = if upheld { "upheld" } else { "dismissed" };
            tx.execute(
                "UPDATE objections SET state = ?1, resolution = ?2, resolved_at = ?3 WHERE id = ?4",
                params![new_state, reason, store::now_utc(), id],
            )?;
            store::audit(
                tx,
                &actor.audit_name(),
                if upheld { crate::AuditAction::ObjectionUpheld } else { crate::AuditAction::ObjectionDismissed },
                &format!("objection:{id}"),
                &serde_json::json!({"reason": reason}),
            )?;
            if let (true, Some(d)) = (upheld, dossier) {
                lines::delete(tx, d)?;
                record_decision(tx, actor, d, "removed_by_objection", reason)?;
                audit_funding(
                    tx,
                    actor,
                    crate::AuditAction::FundingRemoveByObjection,
                    d,
                    serde_json::json!({"objection": id}),
                )?;
                let list: String =
                    tx.query_row("SELECT list_json FROM publicity WHERE campaign_id = ?1", [campaign_id], |r| {
                        r.get(0)
                    })?;
                let mut rows: Vec<PublicityRow> =
                    serde_json::from_str(&list).map_err(|_| Error::other(t!(msg::DECIDE_PUBLICITY_LIST_DAMAGED)))?;
                rows.retain(|r| r.dossier_id != d);
                tx.execute(
                    "UPDATE publicity SET list_json = ?1 WHERE campaign_id = ?2",
                    params![serde_json::to_string(&rows).unwrap_or_default(), campaign_id],
                )?;
            }
            Ok(())
        })
    }

    /// Closes the publicity on `on` (not before the period's last day; no open objection).
    pub fn close_publicity(&self, actor: &Actor, year: Option<i32>, on: NaiveDate) -> Result<PublicityInfo> {
        self.require(actor, Role::Secretariat, StageEvent::ClosePublicity.text())?;
        let _backup = self.backup_if_stage(actor, year, Stage::Publicity, StageEvent::ClosePublicity)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            require_stage(&c, Stage::Publicity, StageEvent::ClosePublicity.text())?;
            let p = load_publicity(tx, &c)?.ok_or_else(|| Error::rule(t!(msg::DECIDE_PUBLICITY_NOT_OPENED)))?;
            if on <= p.end {
                return Err(Error::invalid(
                    t!(msg::DECIDE_FIELD_CLOSING_DATE),
                    t!(msg::DECIDE_PUBLICITY_NOT_OVER, end = p.end),
                ));
            }
            let open: Vec<Text> = p
                .objections
                .iter()
                .filter(|o| o.state == "open")
                .map(|o| t!(msg::DECIDE_PUBLICITY_OBJECTION_ITEM, id = o.id, name = o.name.as_str()))
                .collect();
            if !open.is_empty() {
                return Err(Error::rule(t!(
                    msg::DECIDE_PUBLICITY_OBJECTIONS_OPEN,
                    items = super::meeting::joined(open)
                )));
            }
            advance(tx, &c, StageEvent::ClosePublicity, actor)?;
            tx.execute("UPDATE publicity SET closed_on = ?1 WHERE campaign_id = ?2", params![on.to_string(), c.id])?;
            store::audit(
                tx,
                &actor.audit_name(),
                crate::AuditAction::PublicityClose,
                &format!("campaign:{}", c.year),
                &serde_json::json!({"on": on}),
            )?;
            load_publicity(tx, &c)?.ok_or_else(|| Error::other(t!(msg::DECIDE_PUBLICITY_NOT_FOUND)))
        })
    }

    /// Publishes the final list: Final → Published, with the notice's document number.
    pub fn publish(
        &self,
        actor: &Actor,
        year: Option<i32>,
        on: NaiveDate,
        doc_number: Option<&str>,
    ) -> Result<Campaign> {
        self.require(actor, Role::Secretariat, StageEvent::Publish.text())?;
        let _backup = self.backup_if_stage(actor, year, Stage::Final, StageEvent::Publish)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            require_stage(&c, Stage::Final, StageEvent::Publish.text())?;
            let p = load_publicity(tx, &c)?.ok_or_else(|| Error::rule(t!(msg::DECIDE_PUBLICITY_NEVER_HELD)))?;
            if let Some(closed) = p.closed_on {
                if on < closed {
                    return Err(Error::invalid(
                        t!(msg::DECIDE_FIELD_PUBLISH_DATE),
                        t!(msg::DECIDE_PUBLICITY_PUBLISH_TOO_EARLY, date = closed),
                    ));
                }
            }
            let number = doc_number.map(str::to_string).unwrap_or_else(|| format!("科协计函企字〔{}〕　号", c.year));
            tx.execute("UPDATE publicity SET published_on = ?1 WHERE campaign_id = ?2", params![on.to_string(), c.id])?;
            tx.execute("UPDATE campaigns SET doc_number = ?1 WHERE id = ?2", params![number, c.id])?;
            // the stage last: from here on the year is read-only (store::year_lock)
            advance(tx, &c, StageEvent::Publish, actor)?;
            store::audit(
                tx,
                &actor.audit_name(),
                crate::AuditAction::CampaignPublish,
                &format!("campaign:{}", c.year),
                &serde_json::json!({"on": on, "doc_number": number}),
            )?;
            super::campaign::read(tx, Some(c.year))
        })
    }
}
