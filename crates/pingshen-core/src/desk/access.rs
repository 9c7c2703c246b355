//! Who may do what, and the record of it: `Desk::require` (the role an action needs) and
//! `Desk::deny` (any other refusal) log every refused attempt as 「access.denied」 — also when
//! the refusal rolled its transaction back; sign-in with argon2id at explicit parameters and a
//! lock-out after repeated wrong passwords.

use super::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::store::{self, record};
use crate::text::Text;
use crate::AuditAction;
use crate::{msg, t};
use argon2::password_hash::{PasswordHash, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

/// Wrong passwords in a row after which a login name is locked.
pub const MAX_FAILED_SIGN_INS: i64 = 5;
/// How long a locked login name stays locked.
pub const LOCK_MINUTES: i64 = 15;
/// argon2id memory cost in KiB (19 MiB), iterations and lanes: the OWASP minimum for argon2id,
/// about 30 ms per sign-in on the secretariat's laptop.
pub const ARGON2_MEMORY_KIB: u32 = 19_456;
pub const ARGON2_ITERATIONS: u32 = 2;
pub const ARGON2_LANES: u32 = 1;

/// The one password hasher: argon2id v1.3 with the parameters above.
pub(crate) fn password_hasher() -> Argon2<'static> {
    let params = Params::new(ARGON2_MEMORY_KIB, ARGON2_ITERATIONS, ARGON2_LANES, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A refused attempt not yet in the log.
#[derive(Debug, Clone)]
pub(crate) struct Denial {
    actor: String,
    login: String,
    message: String,
}

/// Who signs in, as the log names them before they have.
const NOT_SIGNED_IN: &str = "（未登录）";

impl Desk {
    /// The role `what` needs; a refusal is logged.
    pub(crate) fn require(&self, actor: &Actor, role: Role, what: impl Into<Text>) -> Result<()> {
        actor.require(role, what.into()).map_err(|e| self.denied(actor, e))
    }

    /// Whether `actor` may do `what`, which needs `role`; asked before a native dialog is shown
    /// for it (a refusal is logged like any other).
    pub fn require_role(&self, actor: &Actor, role: Role, what: impl Into<Text>) -> Result<()> {
        self.require(actor, role, what)
    }

    /// Work on one unit's dossier: the secretariat, or that unit's own applicant; anyone else is
    /// refused with `refusal` (logged).
    pub(crate) fn require_own_unit<R: Into<Text>>(
        &self,
        actor: &Actor,
        unit_code: &str,
        refusal: impl FnOnce() -> R,
    ) -> Result<()> {
        match actor.role() {
            Role::Secretariat => Ok(()),
            Role::Applicant if actor.unit_code() == Some(unit_code) => Ok(()),
            _ => Err(self.deny(actor, refusal())),
        }
    }

    /// A refusal (`Error::Forbidden`) for `actor`, logged.
    pub(crate) fn deny(&self, actor: &Actor, message: impl Into<Text>) -> Error {
        self.denied(actor, Error::forbidden(message))
    }

    fn denied(&self, actor: &Actor, e: Error) -> Error {
        if let Error::Forbidden(m) = &e {
            self.denials.borrow_mut().push(Denial {
                actor: actor.audit_name(),
                login: actor.login().to_string(),
                message: m.zh(),
            });
            // inside a transaction the entry waits for it to end (a refusal rolls it back)
            self.log_denials();
        }
        e
    }

    /// Writes the pending refusals, in a transaction of their own, once none is open.
    pub(super) fn log_denials(&self) {
        if !self.conn.is_autocommit() || self.denials.borrow().is_empty() {
            return;
        }
        let pending = std::mem::take(&mut *self.denials.borrow_mut());
        let write = || -> Result<()> {
            let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
            record::begin(&tx)?;
            for d in &pending {
                store::audit(
                    &tx,
                    &d.actor,
                    AuditAction::AccessDenied,
                    &format!("user:{}", d.login),
                    &serde_json::json!({ "message": d.message }),
                )?;
            }
            record::capture(&tx, AuditAction::RecordRows)?;
            tx.commit()?;
            Ok(())
        };
        // the refusal itself stands even if its entry cannot be written (e.g. a read-only file)
        let _ = write();
    }

    /// Checks a login and password; the same message for an unknown login and a wrong password.
    /// After `MAX_FAILED_SIGN_INS` wrong passwords in a row the login name is locked for
    /// `LOCK_MINUTES`; every failure and lock is logged (never the password typed).
    pub fn login(&self, login: &str, password: &str) -> Result<Actor> {
        self.login_at(login, password, Utc::now())
    }

    /// `login` at a given moment (the lock-out's clock).
    pub fn login_at(&self, login: &str, password: &str, now: DateTime<Utc>) -> Result<Actor> {
        let login: String = login.trim().chars().take(64).collect();
        if let Some(until) = self.locked_until(&login)?.filter(|u| *u > now) {
            return Err(locked(&until));
        }
        let row: Option<(i64, String, String, String, Option<String>, bool)> = self
            .conn
            .query_row(
                "SELECT id, display_name, role, password_hash, unit_code, active FROM users WHERE login = ?1",
                [&login],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )
            .optional()?;
        let verified = row.filter(|(_, _, _, hash, _, _)| {
            PasswordHash::new(hash).is_ok_and(|p| password_hasher().verify_password(password.as_bytes(), &p).is_ok())
        });
        let Some((id, name, role, _, unit_code, active)) = verified else {
            return Err(self.failed_sign_in(&login, now)?);
        };
        if !active {
            return Err(Error::forbidden(t!(msg::YEAR_ACCOUNT_DISABLED)));
        }
        let role =
            Role::from_code(&role).ok_or_else(|| Error::other(t!(msg::YEAR_ROLE_UNKNOWN, login = login.as_str())))?;
        let failures: i64 = self.conn.query_row(
            "SELECT coalesce(max(failures), 0) FROM access_failures WHERE login = ?1",
            [&login],
            |r| r.get(0),
        )?;
        if failures > 0 {
            self.write(|tx| {
                tx.execute("DELETE FROM access_failures WHERE login = ?1", [&login])?;
                Ok(())
            })?;
        }
        Ok(Actor { user_id: Some(id), login, name, role, unit_code })
    }

    fn locked_until(&self, login: &str) -> Result<Option<DateTime<Utc>>> {
        let s: Option<Option<String>> = self
            .conn
            .query_row("SELECT locked_until FROM access_failures WHERE login = ?1", [login], |r| r.get(0))
            .optional()?;
        Ok(s.flatten().and_then(|s| DateTime::parse_from_rfc3339(&s).ok()).map(|d| d.with_timezone(&Utc)))
    }

    /// Counts a wrong password (one transaction), locking at the limit; the error to show.
    fn failed_sign_in(&self, login: &str, now: DateTime<Utc>) -> Result<Error> {
        self.write(|tx| {
            let before: i64 = tx.query_row("SELECT coalesce(max(failures), 0) FROM access_failures WHERE login = ?1", [login], |r| r.get(0))?;
            let failures = before + 1;
            let subject = format!("login:{login}");
            store::audit(tx, NOT_SIGNED_IN, AuditAction::LoginFailed, &subject, &serde_json::json!({ "failures": failures }))?;
            if failures >= MAX_FAILED_SIGN_INS {
                let until = now + Duration::minutes(LOCK_MINUTES);
                tx.execute(
                    "INSERT INTO access_failures (login, failures, locked_until) VALUES (?1, 0, ?2) ON CONFLICT(login) DO UPDATE SET failures = 0, locked_until = excluded.locked_until",
                    params![login, until.to_rfc3339()],
                )?;
                store::audit(tx, NOT_SIGNED_IN, AuditAction::LoginLocked, &subject, &serde_json::json!({ "until": until.to_rfc3339(), "minutes": LOCK_MINUTES }))?;
                return Ok(locked(&until));
            }
            tx.execute(
                "INSERT INTO access_failures (login, failures, locked_until) VALUES (?1, ?2, NULL) ON CONFLICT(login) DO UPDATE SET failures = excluded.failures, locked_until = NULL",
                params![login, failures],
            )?;
            let left = MAX_FAILED_SIGN_INS - failures;
            let warn = if left <= 2 { t!(msg::YEAR_LOCK_WARNING, left, minutes = LOCK_MINUTES) } else { t!(msg::EMPTY) };
            Ok(Error::invalid(t!(msg::YEAR_FIELD_LOGIN_PASSWORD), t!(msg::YEAR_WRONG_PASSWORD, warn)))
        })
    }
}

/// Lifts a lock and forgets the failures (a new password set by the secretariat).
pub(crate) fn clear_failures(tx: &Transaction, login: &str) -> Result<()> {
    tx.execute("DELETE FROM access_failures WHERE login = ?1", [login])?;
    Ok(())
}

fn locked(until: &DateTime<Utc>) -> Error {
    let beijing = chrono::FixedOffset::east_opt(8 * 3600)
        .map(|tz| until.with_timezone(&tz).format("%H:%M").to_string())
        .unwrap_or_default();
    Error::forbidden(t!(msg::YEAR_LOCKED, n = MAX_FAILED_SIGN_INS, until = beijing))
}
