//! Year over year at the command line (issue 16 §§4–5): the formal check's findings against last
//! year in `recommend --auto`'s text, `recommend UNIT --verify CODE --note N` (已核实), a unit's
//! findings with `recommend UNIT --yoy`, and the draw's repeated pairs in `assign`'s text.

use crate::output::{need, out};
use crate::{AwardArg, Cli};
use pingshen_core::desk::{DrawReport, RecommendOutcome, YoyCheck, YoyReport};
use pingshen_core::Desk;

/// One finding on one line: code, what, this year ↔ last year (a narrative by its message).
fn finding_line(c: &YoyCheck) -> String {
    let f = &c.finding;
    let values = if f.code.starts_with("yoy_copied_") {
        f.message.clone()
    } else {
        format!("本年 {} ↔ 上年 {}", f.this_year, f.last_year)
    };
    let state = match &c.verified {
        Some(v) => format!("已核实（{}）", v.note),
        None => "待核实".to_string(),
    };
    format!("    {} 「{}」 {values}  {state}", f.code, f.label)
}

/// `recommend --auto` as text: each dossier's outcome and reasons, then its findings against
/// last year.
pub(crate) fn auto_text(v: &[RecommendOutcome]) -> String {
    let mut lines = Vec::new();
    for o in v {
        let reasons = if o.reasons.is_empty() { String::new() } else { format!("：{}", o.reasons.join("；")) };
        lines.push(format!("{:<24} {:<8} {}{reasons}", o.unit, o.award.label(), o.outcome));
        if let (Some(y), false) = (o.last_year, o.yoy.is_empty()) {
            lines.push(format!("  与{y}年度相比："));
            lines.extend(o.yoy.iter().map(finding_line));
        }
    }
    lines.join("\n")
}

fn report_text(unit: &str, r: &YoyReport) -> String {
    match r.last_year {
        None => format!("{unit}上年未申报，无可对比"),
        Some(y) if r.findings.is_empty() => format!("{unit}与{y}年度相比没有疑点"),
        Some(y) => {
            let mut lines = vec![format!("{unit}与{y}年度相比：")];
            lines.extend(r.findings.iter().map(finding_line));
            lines.join("\n")
        }
    }
}

/// `recommend UNIT --verify CODE --note N`: marks one finding 已核实; `recommend UNIT --yoy`
/// lists the unit's findings.
pub(crate) fn yoy(
    cli: &Cli,
    desk: &Desk,
    unit: &str,
    award: Option<AwardArg>,
    verify: Option<&str>,
    note: Option<&str>,
) -> anyhow::Result<()> {
    let sec = desk.local_secretariat();
    let id = desk.find_dossier(cli.year, unit, award.map(Into::into))?;
    let r = match verify {
        Some(code) => desk.verify_yoy(&sec, id, code, need(note, "--note 核实说明")?)?,
        None => desk.yoy_check(&sec, id)?,
    };
    out(cli, serde_json::to_value(&r)?, || report_text(unit, &r));
    Ok(())
}

/// `assign` as text: the draw, then each repeated pair it had to keep.
pub(crate) fn draw_text(r: &DrawReport) -> String {
    let mut s = format!(
        "已分配{}份材料 × {}位专家（种子{}），每位专家{}–{}份",
        r.dossiers, r.per_dossier, r.seed, r.min_load, r.max_load
    );
    if !r.repeats.is_empty() {
        s.push_str(&format!("\n专家不足，保留{}对与上年重复的评审（已为最少）：", r.repeats.len()));
        for p in &r.repeats {
            s.push_str(&format!("\n  {} — {}（{}）：{}", p.expert, p.unit, p.award.label(), p.why));
        }
    }
    s
}
