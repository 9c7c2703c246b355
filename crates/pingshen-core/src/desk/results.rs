//! Results: the year's results (`ranking::compute_results`, derived whenever read) with each
//! row's 「上年」 (the unit's standing the last year it applied, from `history`); the panel's
//! consensus.

use super::campaign::load;
use super::dossiers::{find_dossier, record_decision};
use super::history::previous_standings;
use super::ranking::{compute_results, Results};
use super::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::model::Award;
use crate::store;
use crate::t;
use crate::text::catalog::msg;
use crate::workflow::Stage;

impl Desk {
    /// Results of the campaign: aggregate, mean, median, rank, grade and flags per dossier, with
    /// every expert's total and the unit's standing the last year it applied (secretariat only).
    pub fn results(&self, actor: &Actor, year: Option<i32>) -> Result<Results> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_VIEW_RESULTS))?;
        let c = load(&self.conn, year)?;
        let mut results = compute_results(&self.conn, &c)?;
        let units: Vec<&str> = results.rows.iter().map(|r| r.unit_code.as_str()).collect();
        let previous = previous_standings(&self.conn, &c, &units)?;
        for r in &mut results.rows {
            // the same award that year if the unit applied for it, else its other dossier
            if let Some(entries) = previous.get(&r.unit_code) {
                let k = entries.iter().position(|e| e.award == r.award).unwrap_or(0);
                r.previous = Some(entries[k].clone());
            }
        }
        Ok(results)
    }

    /// Records the panel's consensus decision on a dossier (e.g. after a disagreement).
    pub fn record_consensus(
        &self,
        actor: &Actor,
        year: Option<i32>,
        unit: &str,
        award: Option<Award>,
        text: &str,
    ) -> Result<()> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_RECORD_CONSENSUS))?;
        if text.trim().is_empty() {
            return Err(Error::invalid(t!(msg::DECIDE_FIELD_CONSENSUS), t!(msg::INPUT_REQUIRED)));
        }
        self.write(|tx| {
            let c = load(tx, year)?;
            if !matches!(c.stage, Stage::Review | Stage::Decide) {
                return Err(Error::illegal(
                    c.stage.text(),
                    t!(msg::DECIDE_ACTION_RECORD_CONSENSUS),
                    t!(msg::DECIDE_RESULTS_CONSENSUS_WHEN),
                ));
            }
            let id = find_dossier(tx, c.id, unit, award)?;
            record_decision(tx, actor, id, "consensus", text)?;
            store::audit(
                tx,
                &actor.audit_name(),
                crate::AuditAction::DossierConsensus,
                &format!("dossier:{id}"),
                &serde_json::json!({"text": text}),
            )
        })
    }
}
