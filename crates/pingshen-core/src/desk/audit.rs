//! The audit log seen from the desk: verifying it (the hash chain, scores and amounts, every
//! recorded row, and a head it must still reach), and reading it.

use super::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::store::{self, record, record::Finding, AuditHead};
use crate::t;
use crate::text::catalog::msg;
use rusqlite::Connection;
use serde::Serialize;
use std::path::Path;

/// What `audit verify` found: the number of entries, the head, and every difference.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AuditCheck {
    pub entries: usize,
    pub head: Option<AuditHead>,
    /// Empty when the log is whole and every row is as it last recorded.
    pub findings: Vec<Finding>,
}

impl AuditCheck {
    pub fn ok(&self) -> bool {
        self.findings.is_empty()
    }
}

fn log_finding(message: String) -> Finding {
    Finding { table: "操作日志".into(), row: String::new(), field: String::new(), message }
}

/// The whole check on one connection.
fn check(conn: &Connection) -> Result<AuditCheck> {
    let mut findings = Vec::new();
    let entries = match store::verify_chain(conn) {
        Ok(n) => n,
        Err(Error::Tampered(m)) => {
            findings.push(log_finding(m.zh()));
            0
        }
        Err(e) => return Err(e),
    };
    findings.extend(record::check(conn)?);
    Ok(AuditCheck { entries, head: store::head(conn)?, findings })
}

impl Desk {
    /// Checks the hash chain of the log, then every current row of every recorded table against
    /// what the log last recorded; lists every difference (row and field).
    pub fn audit_check(&self) -> Result<AuditCheck> {
        check(&self.conn)
    }

    /// `audit_check` for the window's secretariat (the CLI runs `audit_check` at its own desk).
    pub fn verify_audit(&self, actor: &Actor) -> Result<AuditCheck> {
        self.require(actor, Role::Secretariat, t!(msg::FILES_ACTION_VERIFY_AUDIT))?;
        self.audit_check()
    }

    /// `audit_check` as a yes/no: the number of entries, or `Tampered` naming what differs.
    pub fn audit_verify(&self) -> Result<usize> {
        let c = self.audit_check()?;
        if c.ok() {
            return Ok(c.entries);
        }
        let findings: Vec<&str> = c.findings.iter().take(5).map(|f| f.message.as_str()).collect();
        let more = match c.findings.len() {
            n if n > 5 => t!(msg::FILES_AUDIT_MORE, n = n - 5),
            _ => t!(msg::EMPTY),
        };
        Err(Error::tampered(t!(msg::FILES_AUDIT_FINDINGS, findings = findings.join("；\n"), more)))
    }

    /// The last entry of the log (written into backups and exported documents).
    pub fn audit_head(&self) -> Result<Option<AuditHead>> {
        store::head(&self.conn)
    }

    /// Whether the log still reaches `head` (taken from an exported document's properties).
    pub fn audit_reaches(&self, head: &AuditHead) -> Result<()> {
        store::reaches(&self.conn, head)
    }

    /// Whether the log still reaches the head of a backup file (read only; its own chain must be
    /// whole). Returns that head.
    pub fn audit_reaches_backup(&self, backup: &Path) -> Result<AuditHead> {
        let head = super::audit_against::backup_head(backup)?;
        store::reaches(&self.conn, &head)?;
        Ok(head)
    }

    pub fn audit_log(&self, actor: &Actor, limit: usize) -> Result<Vec<store::AuditEntry>> {
        self.require(actor, Role::Secretariat, t!(msg::FILES_ACTION_READ_AUDIT))?;
        let mut st = self.conn.prepare("SELECT seq, at, actor, action, subject, detail FROM audit WHERE action NOT LIKE 'record.%' ORDER BY seq DESC LIMIT ?1")?;
        let rows = st.query_map([limit as i64], |r| {
            let d: String = r.get(5)?;
            Ok(store::AuditEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                subject: r.get(4)?,
                detail: serde_json::from_str(&d).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
