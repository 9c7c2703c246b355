//! The end of the written review: when no sheet is pending any more, Review → Decide, and at
//! that stage change the post-subsidy allocation is made from the results. A year whose policy
//! holds a panel meeting (issue 18) goes to 会议评审 instead; the allocation is made when the
//! meeting closes (`desk/meeting.rs`), over the dossiers it passed.

use super::allocation::allocate_subsidy;
use super::campaign::{advance, load, Campaign};
use super::rows::assignments::pending_count;
use super::Actor;
use crate::error::Result;
use crate::workflow::{Stage, StageEvent};
use rusqlite::Transaction;

/// After a sheet is submitted, recused or withdrawn: ends the review when none is pending.
pub(crate) fn end_review_if_done(tx: &Transaction, actor: &Actor, year: i32) -> Result<()> {
    let c = load(tx, Some(year))?;
    if c.stage == Stage::Review && pending_count(tx, c.id)? == 0 {
        enter_decide(tx, actor, &c, StageEvent::AllScored)?;
    }
    Ok(())
}

/// Review → Decide by `event` (every sheet in, or the review ended with sheets left
/// unreturned); the post-subsidy allocation is made at this stage change. With a meeting in the
/// policy, Review → Meeting, and nothing is allocated yet.
pub(crate) fn enter_decide(tx: &Transaction, actor: &Actor, c: &Campaign, event: StageEvent) -> Result<()> {
    if advance(tx, c, event, actor)? == Stage::Meeting {
        return Ok(());
    }
    allocate_subsidy(tx, actor, c.year)
}
