//! Who may enter without a password: the local secretariat on a single-user machine, or, on an
//! applicant unit's own installation (`init --applicant`), that unit's applicant.

use super::exchange_keys::meta;
use super::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::units;
use crate::AuditAction;
use crate::{msg, t};

impl Desk {
    /// Whether any active account of `role` exists.
    pub fn has_accounts(&self, role: Role) -> Result<bool> {
        let n: i64 =
            self.conn
                .query_row("SELECT count(*) FROM users WHERE role = ?1 AND active", [role.code()], |r| r.get(0))?;
        Ok(n > 0)
    }

    /// The local secretariat without a password, as the window offers it on a single-user
    /// machine: allowed only while no secretariat account exists (once one does, the
    /// secretariat logs in with its password like everyone else).
    pub fn local_secretariat_login(&self) -> Result<Actor> {
        if self.has_accounts(Role::Secretariat)? {
            return Err(Error::forbidden(t!(msg::YEAR_SECRETARIAT_ACCOUNT_EXISTS)));
        }
        Ok(self.local_secretariat())
    }

    /// The unit whose own installation this is (`init --applicant`): its full name.
    pub fn applicant_unit(&self) -> Result<Option<String>> {
        Ok(meta(&self.conn, "applicant_unit")?.map(|c| units::full_name_or_code(&c)))
    }

    /// Entering without a password: on an applicant unit's own installation as that unit's
    /// applicant (it fills in and submits its own dossier and makes the dossier file), elsewhere
    /// as the local secretariat (`local_secretariat_login`). Refused once accounts exist.
    pub fn local_login(&self) -> Result<Actor> {
        let Some(code) = meta(&self.conn, "applicant_unit")? else { return self.local_secretariat_login() };
        if self.has_accounts(Role::Secretariat)? || self.has_accounts(Role::Applicant)? {
            return Err(Error::forbidden(t!(msg::YEAR_ACCOUNTS_EXIST)));
        }
        Ok(Actor {
            user_id: None,
            login: "applicant".into(),
            name: units::full_name_or_code(&code),
            role: Role::Applicant,
            unit_code: Some(code),
        })
    }
}

/// Marks the installation as `unit`'s own, in the caller's transaction.
pub(crate) fn mark_applicant(tx: &rusqlite::Transaction, actor: &Actor, u: &units::Unit) -> Result<()> {
    super::exchange_keys::set_meta(tx, "applicant_unit", &u.code)?;
    crate::store::audit(
        tx,
        &actor.audit_name(),
        AuditAction::ExchangeApplicant,
        &format!("unit:{}", u.code),
        &serde_json::json!({"unit": u.full_name}),
    )
}
