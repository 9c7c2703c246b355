//! The year-over-year check of a dossier (issue 16 §4): its findings against the unit's dossier of
//! the year before, and the clerk's 已核实 with a note. The rules are `plausibility`'s; the rows
//! and the report are `rows::yoy`'s; the formal check (`dossiers.rs`) lists the findings and keeps
//! a dossier with one unverified from being recommended.

use super::campaign::load;
use super::dossiers::load_dossier;
use super::rows::yoy::{self, YoyReport};
use super::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::store;
use crate::text::Text;
use crate::workflow::{DossierState, Stage};
use crate::AuditAction;
use crate::{msg, t};

impl Desk {
    /// A dossier's year-over-year findings with both years' values and their verification
    /// (secretariat).
    pub fn yoy_check(&self, actor: &Actor, dossier_id: i64) -> Result<YoyReport> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_YOY_VIEW))?;
        let d = load_dossier(&self.conn, dossier_id)?;
        let c = load(&self.conn, Some(d.year))?;
        yoy::report(&self.conn, d.year, dossier_id, &d.input, &c.policy)
    }

    /// Marks one finding 已核实 with the clerk's note (secretariat; during the formal check of a
    /// submitted dossier). The verification holds for the values seen: a figure changed later
    /// makes the finding open again.
    pub fn verify_yoy(&self, actor: &Actor, dossier_id: i64, code: &str, note: &str) -> Result<YoyReport> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_YOY_VERIFY))?;
        if note.trim().is_empty() {
            return Err(Error::invalid(t!(msg::YEAR_FIELD_YOY_NOTE), t!(msg::YEAR_YOY_NOTE_NEEDED)));
        }
        self.write(|tx| {
            let d = load_dossier(tx, dossier_id)?;
            let c = load(tx, Some(d.year))?;
            if c.stage != Stage::Apply || d.state != DossierState::Submitted {
                return Err(Error::illegal(
                    if c.stage != Stage::Apply { c.stage.text() } else { d.state.text() },
                    t!(msg::YEAR_ACTION_YOY_VERIFY),
                    t!(msg::YEAR_YOY_DURING_CHECK),
                ));
            }
            let report = yoy::report(tx, d.year, dossier_id, &d.input, &c.policy)?;
            let Some(check) = report.findings.iter().find(|f| f.finding.code == code.trim()) else {
                let known: Vec<&str> = report.findings.iter().map(|f| f.finding.code.as_str()).collect();
                let unit = d.unit.full_name.as_str();
                let message: Text = if known.is_empty() {
                    t!(msg::YEAR_YOY_NONE, unit)
                } else {
                    t!(msg::YEAR_YOY_UNKNOWN_CODE, code = code.trim(), unit, known = known.join("、"))
                };
                return Err(Error::invalid(t!(msg::YEAR_FIELD_YOY_CODE), message));
            };
            yoy::insert_verification(tx, actor, dossier_id, &check.finding, note)?;
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::DossierYoyVerified,
                &format!("dossier:{dossier_id}"),
                &serde_json::json!({
                    "code": check.finding.code,
                    "this_year": check.finding.this_year,
                    "last_year": check.finding.last_year,
                    "note": note.trim(),
                }),
            )?;
            yoy::report(tx, d.year, dossier_id, &d.input, &c.policy)
        })
    }
}
