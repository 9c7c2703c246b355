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
use crate::workflow::{DossierState, Stage};
use crate::AuditAction;

impl Desk {
    /// A dossier's year-over-year findings with both years' values and their verification
    /// (secretariat).
    pub fn yoy_check(&self, actor: &Actor, dossier_id: i64) -> Result<YoyReport> {
        self.require(actor, Role::Secretariat, "查看与上年对比")?;
        let d = load_dossier(&self.conn, dossier_id)?;
        let c = load(&self.conn, Some(d.year))?;
        yoy::report(&self.conn, d.year, dossier_id, &d.input, &c.policy)
    }

    /// Marks one finding 已核实 with the clerk's note (secretariat; during the formal check of a
    /// submitted dossier). The verification holds for the values seen: a figure changed later
    /// makes the finding open again.
    pub fn verify_yoy(&self, actor: &Actor, dossier_id: i64, code: &str, note: &str) -> Result<YoyReport> {
        self.require(actor, Role::Secretariat, "核实与上年对比")?;
        if note.trim().is_empty() {
            return Err(Error::invalid("核实说明", "标记「已核实」须写明核实情况（如：已电话核实，因企业注销减少）"));
        }
        self.write(|tx| {
            let d = load_dossier(tx, dossier_id)?;
            let c = load(tx, Some(d.year))?;
            if c.stage != Stage::Apply || d.state != DossierState::Submitted {
                return Err(Error::IllegalTransition {
                    state: if c.stage != Stage::Apply { c.stage.label() } else { d.state.label() }.into(),
                    action: "核实与上年对比".into(),
                    allowed: "只能在形式审查时（材料已提交、尚未推荐或退回）核实".into(),
                });
            }
            let report = yoy::report(tx, d.year, dossier_id, &d.input, &c.policy)?;
            let Some(check) = report.findings.iter().find(|f| f.finding.code == code.trim()) else {
                let known: Vec<&str> = report.findings.iter().map(|f| f.finding.code.as_str()).collect();
                return Err(Error::invalid(
                    "对比项代码",
                    if known.is_empty() {
                        format!("{}没有与上年对比的待核实项", d.unit.full_name)
                    } else {
                        format!("「{}」不是{}的对比项，应为：{}", code.trim(), d.unit.full_name, known.join("、"))
                    },
                ));
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
