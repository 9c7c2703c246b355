//! The expert panel: experts added or imported, their logins, the list with conflicts and loads,
//! and declared conflicts (a declared conflict recuses the pair's sheet).

use super::allocation::reallocate_subsidy;
use super::campaign::load;
use super::review_end::end_review_if_done;
use super::rows::assignments;
use super::rows::experts::{conflicts_of, expert_id_of, find_expert, insert_expert, pending_conflicts_of};
use super::rows::pledges::PledgeKind;
use super::{Actor, Desk, Role};
use crate::error::{Error, ImportProblem, Result};
use crate::import;
use crate::model::{normalize_province, ExpertInput};
use crate::store;
use crate::text::catalog::msg;
use crate::units;
use crate::workflow::{SheetEvent, SheetState, Stage};
use crate::{t, AuditAction};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::path::Path;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExpertView {
    pub id: i64,
    pub name: String,
    pub employer: String,
    pub province: String,
    pub field: String,
    pub phone: String,
    /// Declared conflicts as unit full names.
    pub conflicts: Vec<String>,
    /// Those of `conflicts` carried from an earlier year and not yet confirmed (待确认); they
    /// recuse all the same.
    pub pending_conflicts: Vec<String>,
    pub load: i64,
    /// When the expert accepted the year's pledge (UTC, RFC 3339; None: not yet), and where.
    pub pledged_at: Option<String>,
    pub pledge_kind: Option<PledgeKind>,
}

/// Result of an expert or score import.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ImportSummary {
    pub file: String,
    pub imported: usize,
    pub notes: Vec<String>,
}

impl Desk {
    /// Adds one expert to the campaign's panel.
    pub fn add_expert(&self, actor: &Actor, year: Option<i32>, e: ExpertInput) -> Result<i64> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_ADD_EXPERT))?;
        if e.name.trim().is_empty() {
            return Err(Error::invalid(t!(msg::DECIDE_FIELD_NAME), t!(msg::INPUT_REQUIRED)));
        }
        let province = normalize_province(&e.province).ok_or_else(|| {
            Error::invalid(
                t!(msg::DECIDE_FIELD_PROVINCE),
                t!(msg::DECIDE_PANEL_NOT_PROVINCE, value = e.province.as_str()),
            )
        })?;
        for u in &e.conflicts {
            units::by_code(u).ok_or_else(|| {
                Error::invalid(t!(msg::DECIDE_FIELD_CONFLICT_UNIT), t!(msg::DECIDE_PANEL_NO_SUCH_UNIT_CODE, code = u))
            })?;
        }
        self.write(|tx| {
            let c = load(tx, year)?;
            if matches!(c.stage, Stage::Publicity | Stage::Final | Stage::Published) {
                return Err(Error::illegal(
                    c.stage.text(),
                    t!(msg::DECIDE_ACTION_ADD_EXPERT),
                    t!(msg::DECIDE_PANEL_ADD_AFTER_REVIEW),
                ));
            }
            if find_expert(tx, c.id, &e.name).is_ok() {
                return Err(Error::invalid(
                    t!(msg::DECIDE_FIELD_NAME),
                    t!(msg::DECIDE_PANEL_EXPERT_EXISTS, name = e.name.as_str()),
                ));
            }
            let id = insert_expert(tx, c.id, &ExpertInput { province, ..e.clone() })?;
            store::audit(tx, &actor.audit_name(), AuditAction::ExpertAdd, &format!("expert:{id}"), &super::json(&e))?;
            Ok(id)
        })
    }

    /// Imports 评审专家库: all rows or nothing.
    pub fn import_experts(&self, actor: &Actor, year: Option<i32>, path: &Path) -> Result<ImportSummary> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_IMPORT_EXPERTS))?;
        let table = import::read_table(path)?;
        let rows = import::parse_experts(&table)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            if c.stage != Stage::Apply {
                return Err(Error::illegal(
                    c.stage.text(),
                    t!(msg::DECIDE_ACTION_IMPORT_POOL),
                    t!(msg::DECIDE_PANEL_IMPORT_BEFORE_DRAW),
                ));
            }
            let mut problems = Vec::new();
            for (n, e) in &rows {
                if find_expert(tx, c.id, &e.name).is_ok() {
                    problems.push(ImportProblem::new(
                        *n,
                        "姓名",
                        t!(msg::DECIDE_PANEL_EXPERT_EXISTS_IMPORT, name = e.name.as_str()),
                    ));
                }
            }
            if !problems.is_empty() {
                return Err(Error::Import { file: table.file.clone(), problems });
            }
            for (_, e) in &rows {
                let id = insert_expert(tx, c.id, e)?;
                store::audit(
                    tx,
                    &actor.audit_name(),
                    AuditAction::ExpertImport,
                    &format!("expert:{id}"),
                    &super::json(e),
                )?;
            }
            Ok(ImportSummary { file: table.file.clone(), imported: rows.len(), notes: table.notes.clone() })
        })
    }

    /// Gives an expert a login (login = their name) with a password; secretariat only.
    pub fn set_expert_login(&self, actor: &Actor, year: Option<i32>, expert: &str, password: &str) -> Result<()> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_SET_EXPERT_LOGIN))?;
        let login = expert.trim();
        let hash = Desk::hash_password(password)?;
        // one transaction: the account and its link to the expert together, or neither
        self.write(|tx| {
            let c = load(tx, year)?;
            let eid = find_expert(tx, c.id, login)?.id;
            let existing: Option<(i64, String)> = tx
                .query_row("SELECT id, role FROM users WHERE login = ?1", [login], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let uid = match existing {
                Some((_, role)) if role != Role::Expert.code() => {
                    let role =
                        Role::from_code(&role).map(|r| r.text()).unwrap_or_else(|| t!(msg::DECIDE_PANEL_OTHER_ROLE));
                    return Err(Error::invalid(
                        t!(msg::DECIDE_FIELD_EXPERT_LOGIN),
                        t!(msg::DECIDE_PANEL_LOGIN_TAKEN, login, role),
                    ));
                }
                Some((id, _)) => {
                    super::update_password(tx, actor, login, &hash)?;
                    id
                }
                None => super::insert_user(tx, actor, login, login, Role::Expert, &hash, None)?,
            };
            tx.execute("UPDATE experts SET user_id = ?1 WHERE id = ?2", params![uid, eid])?;
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::ExpertLogin,
                &format!("expert:{eid}"),
                &serde_json::json!({"user": uid}),
            )
        })
    }

    /// The campaign's panel with declared conflicts and current loads (secretariat).
    pub fn experts(&self, actor: &Actor, year: Option<i32>) -> Result<Vec<ExpertView>> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_VIEW_EXPERTS))?;
        let c = load(&self.conn, year)?;
        let mut st = self.conn.prepare(
            "SELECT e.id, e.name, e.employer, e.province, e.field, e.phone, (SELECT count(*) FROM assignments a WHERE a.expert_id = e.id AND a.state IN ('pending', 'submitted', 'unreturned'))
             FROM experts e WHERE e.campaign_id = ?1 ORDER BY e.id",
        )?;
        let mut v: Vec<ExpertView> = st
            .query_map([c.id], |r| {
                Ok(ExpertView {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    employer: r.get(2)?,
                    province: r.get(3)?,
                    field: r.get(4)?,
                    phone: r.get(5)?,
                    conflicts: Vec::new(),
                    pending_conflicts: Vec::new(),
                    load: r.get(6)?,
                    pledged_at: None,
                    pledge_kind: None,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        for e in &mut v {
            if let Some(a) = super::rows::pledges::acceptance(&self.conn, e.id)? {
                e.pledged_at = Some(a.accepted_at);
                e.pledge_kind = Some(a.kind);
            }
            e.conflicts = conflicts_of(&self.conn, e.id)?
                .iter()
                .filter_map(|c| units::by_code(c))
                .map(|u| u.full_name.clone())
                .collect();
            e.pending_conflicts = pending_conflicts_of(&self.conn, e.id)?
                .iter()
                .filter_map(|c| units::by_code(c))
                .map(|u| u.full_name.clone())
                .collect();
        }
        Ok(v)
    }

    /// Declares a conflict between an expert and a unit (the secretariat, or the expert for
    /// themself). The pair's sheet, pending or submitted, is marked recused and no longer counts;
    /// in Decide the post-subsidy allocation is made again. Refused once the list is public.
    pub fn declare_conflict(
        &self,
        actor: &Actor,
        year: Option<i32>,
        expert: &str,
        unit: &str,
        reason: &str,
    ) -> Result<()> {
        let u = units::resolve(t!(msg::DECIDE_FIELD_CONFLICT_UNIT), unit)?;
        let _backup = self.backup_if_review_may_end(actor, year, Some(2))?;
        self.write(|tx| {
            let c = load(tx, year)?;
            let eid = find_expert(tx, c.id, expert)?.id;
            match actor.role {
                Role::Secretariat => {}
                Role::Expert if expert_id_of(tx, actor, c.id)? == Some(eid) => {}
                _ => return Err(self.deny(actor, t!(msg::DECIDE_PANEL_OWN_CONFLICTS_ONLY))),
            }
            if matches!(c.stage, Stage::Publicity | Stage::Final | Stage::Published) {
                return Err(Error::illegal(
                    c.stage.text(),
                    t!(msg::DECIDE_ACTION_DECLARE_CONFLICT),
                    t!(msg::DECIDE_PANEL_CONFLICT_AFTER_PUBLICITY),
                ));
            }
            tx.execute(
                // declared (again) in this year: confirmed, also one carried over as 待确认
                "INSERT OR REPLACE INTO conflicts (expert_id, unit_code, reason, confirmed) VALUES (?1, ?2, ?3, 1)",
                params![eid, u.code, reason],
            )?;
            // a recused sheet no longer counts, whether pending or already submitted
            let (mut n, mut submitted) = (0, 0);
            for (aid, state) in assignments::of_expert_on_unit(tx, eid, &u.code, c.id)? {
                if matches!(state, SheetState::Pending | SheetState::Submitted) {
                    submitted += usize::from(state == SheetState::Submitted);
                    assignments::set_state(tx, aid, SheetEvent::Recuse)?;
                    n += 1;
                }
            }
            if submitted > 0 && c.stage == Stage::Decide {
                // the results changed: the post-subsidy allocation is made again
                reallocate_subsidy(tx, actor, c.year, "专家申明回避，结果重新计算")?;
            }
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::ExpertConflict,
                &format!("expert:{eid}"),
                &serde_json::json!({"unit": u.code, "reason": reason, "recused_assignments": n}),
            )?;
            // recusing the last pending sheet ends the review like a last submission
            end_review_if_done(tx, actor, c.year)
        })
    }
}
