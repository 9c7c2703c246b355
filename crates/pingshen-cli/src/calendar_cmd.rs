//! `pingshen calendar`: working days (`add-workdays`, `is-workday`), and the years after the
//! bundled ones from the State Council's holiday notice (`import FILE [--replace]`, `show`).
//! With an existing `--db` the database's calendar (bundled + imported years) is used.

use crate::output::{need, out};
use crate::Cli;
use chrono::NaiveDate;
use clap::Args;
use pingshen_core::calendar::WorkCalendar;
use pingshen_core::Desk;
use serde_json::json;
use std::path::PathBuf;

#[derive(Args)]
pub(crate) struct CalendarArgs {
    #[arg(value_parser = ["add-workdays", "is-workday", "import", "show"])]
    action: String,
    /// import：通知全文的文本文件（UTF-8 或 GBK）
    file: Option<PathBuf>,
    #[arg(long)]
    from: Option<NaiveDate>,
    #[arg(long, default_value_t = 1)]
    days: u32,
    /// import：替换已导入的同一年度
    #[arg(long)]
    replace: bool,
}

fn open(cli: &Cli) -> anyhow::Result<Desk> {
    if !cli.db.exists() {
        anyhow::bail!(
            "数据库文件 {} 不存在，请先运行 pingshen --db {} init --year 年份",
            cli.db.display(),
            cli.db.display()
        );
    }
    Ok(Desk::open(&cli.db)?)
}

pub(crate) fn run(cli: &Cli, args: &CalendarArgs) -> anyhow::Result<()> {
    match args.action.as_str() {
        "import" => {
            let desk = open(cli)?;
            let file = need(args.file.clone(), "FILE（通知全文的文本文件）")?;
            let r = desk.import_holiday_notice(&desk.local_secretariat(), &file, args.replace)?;
            let n = &r.notice;
            out(cli, serde_json::to_value(&r)?, || {
                let mut s = vec![format!(
                    "已{}{}年节假日安排（{}项）：",
                    if r.replaced { "替换" } else { "导入" },
                    n.year,
                    n.items.len()
                )];
                for it in &n.items {
                    let makeup = if it.makeup.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "；调休上班：{}",
                            it.makeup.iter().map(|d| d.format("%m-%d").to_string()).collect::<Vec<_>>().join("、")
                        )
                    };
                    s.push(format!("  {}：{} 至 {}，共{}天{makeup}", it.name, it.first, it.last, it.days));
                }
                s.join("\n")
            });
        }
        "show" => {
            let desk = open(cli)?;
            let y = need(cli.year, "--year 年份")?;
            let v = desk.calendar_year(y)?;
            out(cli, serde_json::to_value(&v)?, || {
                let mut s = vec![format!("{}年节假日安排（来源：{}）", v.year, v.source)];
                s.push(format!(
                    "放假：{}",
                    v.holidays
                        .iter()
                        .map(|d| format!("{}{}", d.date.format("%m-%d"), d.name))
                        .collect::<Vec<_>>()
                        .join(" ")
                ));
                s.push(format!(
                    "调休上班：{}",
                    v.workdays
                        .iter()
                        .map(|d| format!("{}{}", d.date.format("%m-%d"), d.name))
                        .collect::<Vec<_>>()
                        .join(" ")
                ));
                s.join("\n")
            });
        }
        action => {
            let from = need(args.from, "--from YYYY-MM-DD")?;
            let cal = if cli.db.exists() { Desk::open(&cli.db)?.calendar()? } else { WorkCalendar::china().clone() };
            if action == "is-workday" {
                let w = cal.is_workday(from)?;
                out(cli, json!({"date": from, "workday": w, "note": cal.holiday_name(from)}), || {
                    format!(
                        "{from} {}{}",
                        if w { "工作日" } else { "休息日" },
                        cal.holiday_name(from).map(|n| format!("（{n}）")).unwrap_or_default()
                    )
                });
            } else {
                let end = cal.add_workdays(from, args.days)?;
                out(cli, json!({"from": from, "days": args.days, "end": end}), || end.to_string());
            }
        }
    }
    Ok(())
}
