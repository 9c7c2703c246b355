//! `history --unit NAME`: a unit's standing in every year it applied (one `Desk::history` call).

use crate::Cli;
use pingshen_core::decimal::wan_yuan;
use pingshen_core::demo::display_width;
use pingshen_core::desk::HistoryEntry;
use pingshen_core::{Actor, Desk};

pub(crate) fn history(cli: &Cli, desk: &Desk, actor: &Actor, unit: &str) -> anyhow::Result<()> {
    let entries = desk.history(actor, unit)?;
    if cli.json {
        // straight from the entries, so each object keeps the key order (year, award, …)
        crate::output::line(&serde_json::to_string_pretty(&entries)?);
    } else {
        crate::output::line(&table(unit, &entries));
    }
    Ok(())
}

/// The human table: one line per year and award.
fn table(unit: &str, entries: &[HistoryEntry]) -> String {
    if entries.is_empty() {
        return format!("{unit}在本数据库中没有申报记录");
    }
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(display_width(s))));
    let dash = || "-".to_string();
    let mut lines = vec![["年度", "类别", "状态", "综合得分", "排名", "等级", "金额(万元)"].map(String::from)];
    for e in entries {
        lines.push([
            e.year.to_string(),
            e.award.label().to_string(),
            e.state.label().to_string(),
            e.aggregate.clone().unwrap_or_else(dash),
            match (e.rank, e.of) {
                (Some(k), Some(n)) => format!("{k}/{n}"),
                _ => dash(),
            },
            e.grade.map(|g| g.label().to_string()).unwrap_or_else(dash),
            e.amount_yuan.map(wan_yuan).unwrap_or_else(dash),
        ]);
    }
    let widths = [6, 10, 10, 10, 8, 8, 10];
    lines
        .iter()
        .map(|l| l.iter().zip(widths).map(|(c, w)| pad(c, w)).collect::<Vec<_>>().join(" ").trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}
