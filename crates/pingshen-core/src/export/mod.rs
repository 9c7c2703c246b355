//! Exports (PDF, XLSX).
pub mod layout;
pub mod pdf;
pub mod xlsx;

use crate::desk::{AssignmentView, Campaign, Desk};
use crate::error::{Error, Result};
use crate::workflow::SheetState;
use chrono::{Datelike, NaiveDate};

/// 2014年12月10日 (GB/T 9704: year, month and day in full, Arabic numerals).
pub fn cn_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// Finds the expert of `year` and their non-recused assignments; refuses an unknown expert or
/// one without any.
pub(crate) fn expert_assignments(
    desk: &Desk,
    c: &Campaign,
    expert: &str,
) -> Result<(String, Vec<AssignmentView>)> {
    let actor = desk.local_secretariat();
    let name = expert.trim();
    let experts = desk.experts(&actor, Some(c.year))?;
    let Some(e) = experts.iter().find(|e| e.name == name) else {
        let known: Vec<&str> = experts.iter().map(|e| e.name.as_str()).take(20).collect();
        let hint = if known.is_empty() {
            "本年度专家库为空，请先导入专家库".to_string()
        } else {
            format!("本年度专家有：{}", known.join("、"))
        };
        return Err(Error::NotFound {
            what: "评审专家".into(),
            name: name.to_string(),
            hint: format!("。{hint}"),
        });
    };
    let assigned: Vec<AssignmentView> = desk
        .assignments(&actor, Some(c.year))?
        .into_iter()
        .filter(|a| a.expert == name && a.state != SheetState::Recused)
        .collect();
    if assigned.is_empty() {
        return Err(Error::rule(format!(
            "专家「{name}」在{}年度没有分配评审材料（尚未抽取专家，或均已回避）",
            c.year
        )));
    }
    Ok((e.employer.clone(), assigned))
}

