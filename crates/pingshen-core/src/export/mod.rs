//! Exports (PDF, XLSX) and a year's archive (zip of them).
pub mod archive;
pub mod layout;
pub mod letters;
pub mod pdf;
pub mod request;
pub mod xlsx;

use crate::desk::{AssignmentView, Campaign, Desk, FundingTable, PublicityInfo};
use crate::error::{Error, Result};
use crate::t;
use crate::text::catalog::msg;

use crate::store::HEAD_KEYWORD;

/// The keywords of an exported document: the log head (none while the log is empty).
pub fn head_keyword(desk: &Desk) -> Result<Vec<String>> {
    Ok(desk.audit_head()?.map(|h| vec![format!("{HEAD_KEYWORD}{h}")]).unwrap_or_default())
}

/// The result flags in words a clerk reads.
pub fn flag_label(flag: &str) -> String {
    match flag {
        "insufficient_scores" => "有效评分不足，未参与排名".to_string(),
        "disagreement" => "专家评分差异较大，需专家组讨论".to_string(),
        "late" => "逾期提交（经秘书处决定受理）".to_string(),
        "unstable" => "名次不稳定（换一种计分方式资助与否会改变）".to_string(),
        f => match f.strip_prefix("deviating_expert:") {
            Some(name) => format!("评分偏离专家：{name}"),
            None => f.to_string(),
        },
    }
}

/// Finds the expert of `year` and their non-recused assignments; refuses an unknown expert or
/// one without any.
pub(crate) fn expert_assignments(desk: &Desk, c: &Campaign, expert: &str) -> Result<(String, Vec<AssignmentView>)> {
    let actor = desk.local_secretariat();
    let name = expert.trim();
    let experts = desk.experts(&actor, Some(c.year))?;
    let Some(e) = experts.iter().find(|e| e.name == name) else {
        let known: Vec<&str> = experts.iter().map(|e| e.name.as_str()).take(20).collect();
        let hint = if known.is_empty() {
            t!(msg::FILES_HINT_NO_EXPERTS)
        } else {
            t!(msg::FILES_HINT_EXPERTS, names = known.join("、"))
        };
        return Err(Error::NotFound { what: t!(msg::FILES_WHAT_EXPERT), name: name.to_string(), hint });
    };
    let assigned: Vec<AssignmentView> =
        desk.assignments(&actor, Some(c.year))?.into_iter().filter(|a| a.expert == name && a.state.stands()).collect();
    if assigned.is_empty() {
        return Err(Error::rule(t!(msg::FILES_EXPERT_NOT_ASSIGNED, name, year = c.year)));
    }
    Ok((e.employer.clone(), assigned))
}

/// The campaign and its publicity, for the publicity list; refused before the publicity opens.
pub(crate) fn opened_publicity(desk: &Desk, year: Option<i32>) -> Result<(Campaign, PublicityInfo)> {
    let c = desk.campaign(year)?;
    let p = desk
        .publicity(&desk.local_secretariat(), Some(c.year))?
        .ok_or_else(|| Error::rule(t!(msg::FILES_PUBLICITY_NOT_OPEN, year = c.year)))?;
    Ok((c, p))
}

/// The campaign and its funding table, for the funding exports; refused before any line exists.
pub(crate) fn funding_lines(desk: &Desk, year: Option<i32>) -> Result<(Campaign, FundingTable)> {
    let c = desk.campaign(year)?;
    let t = desk.funding(&desk.local_secretariat(), Some(c.year))?;
    if t.lines.is_empty() {
        return Err(Error::rule(t!(msg::FILES_NO_FUNDING, year = c.year)));
    }
    Ok((c, t))
}
