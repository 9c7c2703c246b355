//! The invitation (评审邀请函) of each expert of a year's panel (issue 19): the year, how many
//! dossiers the draw gave them, the review period from the campaign's dates, how the review
//! package reaches them, and the year's pledge (`pledge.rs`) printed in full. The layout is
//! `export::pdf::invitation`; this file decides what an invitation says.
//!
//! An expert with no dossier assigned gets no invitation: one asked for by name is refused (the
//! draw first, or the expert has none), and a run over the whole panel leaves them out; a year
//! whose draw has not been made has no invitations at all.

use chrono::NaiveDate;
use serde::Serialize;

use super::campaign::load;
use super::pledge::Pledge;
use super::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::t;
use crate::text::catalog::msg;

/// One expert's invitation.
#[derive(Debug, Clone, Serialize)]
pub struct Invitation {
    pub year: i32,
    /// The expert's place in the panel (1-based), the letter's number.
    pub order: u32,
    pub expert: String,
    pub employer: String,
    /// Dossiers assigned to the expert (pending, submitted or unreturned sheets).
    pub dossiers: i64,
}

/// The invitations of a year with what they share: the period and the pledge.
#[derive(Debug, Clone, Serialize)]
pub struct Invitations {
    pub year: i32,
    pub doc_number: Option<String>,
    /// The submission deadline: the review starts after it.
    pub review_from: NaiveDate,
    /// The earlier of the two payment deadlines: the results must be out before it.
    pub review_before: NaiveDate,
    pub pledge: Pledge,
    pub letters: Vec<Invitation>,
}

impl Desk {
    /// The invitations of the experts with dossiers assigned (secretariat), or only `expert`'s.
    pub fn invitations(&self, actor: &Actor, year: Option<i32>, expert: Option<&str>) -> Result<Invitations> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_EXPORT_INVITATIONS))?;
        let c = load(&self.conn, year)?;
        let panel = self.experts(actor, Some(c.year))?;
        if let Some(name) = expert {
            let name = name.trim();
            match panel.iter().find(|e| e.name == name) {
                None => {
                    return Err(Error::invalid(
                        t!(msg::DECIDE_FIELD_EXPERT),
                        t!(msg::DECIDE_INVITE_NO_SUCH_EXPERT, year = c.year, name),
                    ))
                }
                Some(e) if e.load == 0 => {
                    return Err(Error::rule(t!(msg::DECIDE_INVITE_NO_DOSSIERS, name, year = c.year)))
                }
                Some(_) => {}
            }
        }
        let letters: Vec<Invitation> = panel
            .iter()
            .enumerate()
            .filter(|(_, e)| e.load > 0 && expert.is_none_or(|n| n.trim() == e.name))
            .map(|(i, e)| Invitation {
                year: c.year,
                order: i as u32 + 1,
                expert: e.name.clone(),
                employer: e.employer.clone(),
                dossiers: e.load,
            })
            .collect();
        if letters.is_empty() {
            return Err(Error::rule(t!(msg::DECIDE_INVITE_NONE, year = c.year)));
        }
        let pledge = self.pledge(actor, Some(c.year))?;
        Ok(Invitations {
            year: c.year,
            doc_number: c.doc_number.clone(),
            review_from: c.dates.deadline,
            review_before: c.dates.pilot_pay_by.min(c.dates.subsidy_pay_by),
            pledge,
            letters,
        })
    }
}
