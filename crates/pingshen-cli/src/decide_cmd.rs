//! The decision stage's lists on the command line: `funding` (show, adjust), `publicity` (open,
//! show, close) and `objection` (add, resolve, list). Each is one `Desk` call.

use crate::output::{need, out};
use crate::{today, AwardArg, Cli};
use chrono::NaiveDate;
use clap::Args;
use pingshen_core::decimal::wan_yuan;
use pingshen_core::Desk;
use serde_json::json;

#[derive(Args)]
pub(crate) struct FundingArgs {
    #[arg(value_parser = ["show", "adjust"], default_value = "show")]
    action: String,
    unit: Option<String>,
    #[arg(long)]
    award: Option<AwardArg>,
    #[arg(long)]
    amount: Option<i64>,
    #[arg(long)]
    reason: Option<String>,
}

#[derive(Args)]
pub(crate) struct ObjectionArgs {
    #[arg(value_parser = ["add", "resolve", "list"])]
    action: String,
    /// resolve：异议编号
    id: Option<i64>,
    #[arg(long)]
    unit: Option<String>,
    /// 单位同时列入两类名单时，指明异议针对的类别
    #[arg(long)]
    award: Option<AwardArg>,
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    contact: Option<String>,
    #[arg(long)]
    on: Option<NaiveDate>,
    #[arg(long)]
    text: Option<String>,
    #[arg(long)]
    upheld: bool,
    #[arg(long)]
    dismissed: bool,
    #[arg(long)]
    reason: Option<String>,
}

/// `funding [show]` or `funding adjust UNIT --award --amount --reason`.
pub(crate) fn funding(cli: &Cli, desk: &Desk, f: &FundingArgs) -> anyhow::Result<()> {
    let (sec, year) = (desk.local_secretariat(), cli.year);
    let t = if f.action == "adjust" {
        let unit = need(f.unit.clone(), "UNIT")?;
        desk.adjust_funding(
            &sec,
            year,
            &unit,
            need(f.award, "--award")?.into(),
            need(f.amount, "--amount")?,
            &need(f.reason.clone(), "--reason")?,
        )?
    } else {
        desk.funding(&sec, year)?
    };
    let lines: Vec<_> = t.lines.iter().map(|l| json!({"unit": l.unit, "award": l.award.code(), "amount_yuan": l.amount_yuan, "matching_yuan": l.matching_yuan, "pay_by": l.pay_by, "note": l.note})).collect();
    out(
        cli,
        json!({"lines": lines, "total_yuan": t.total_yuan, "pilot_total_yuan": t.pilot_total_yuan, "subsidy_total_yuan": t.subsidy_total_yuan, "subsidy_budget_yuan": t.subsidy_budget_yuan, "subsidy_remaining_yuan": t.subsidy_remaining_yuan}),
        || {
            let mut s: Vec<String> = t
                .lines
                .iter()
                .map(|l| {
                    format!(
                        "{:<24} {:<8} {:>8}万元  {}前拨付 {}",
                        l.unit,
                        l.award.label(),
                        wan_yuan(l.amount_yuan),
                        l.pay_by,
                        l.note
                    )
                })
                .collect();
            s.push(format!(
                "合计 {} 万元；后补助 {} / 预算 {} 万元",
                wan_yuan(t.total_yuan),
                wan_yuan(t.subsidy_total_yuan),
                wan_yuan(t.subsidy_budget_yuan)
            ));
            s.join("\n")
        },
    );
    Ok(())
}

/// `publicity open --start [--days] | show | close --on`.
pub(crate) fn publicity(
    cli: &Cli,
    desk: &Desk,
    action: &str,
    start: Option<NaiveDate>,
    days: Option<u32>,
    on: Option<NaiveDate>,
) -> anyhow::Result<()> {
    let (sec, year) = (desk.local_secretariat(), cli.year);
    let p = match action {
        "open" => desk.open_publicity(&sec, year, need(start, "--start YYYY-MM-DD")?, days)?,
        "close" => desk.close_publicity(&sec, year, need(on, "--on YYYY-MM-DD")?)?,
        _ => desk.publicity(&sec, year)?.ok_or_else(|| anyhow::anyhow!("尚未开始公示"))?,
    };
    out(cli, serde_json::to_value(&p)?, || {
        format!(
            "公示期：{} 至 {}（{}个工作日），名单{}家{}",
            p.start,
            p.end,
            p.working_days,
            p.rows.len(),
            p.closed_on.map(|d| format!("，已于{d}结束")).unwrap_or_default()
        )
    });
    Ok(())
}

/// `objection add | resolve ID | list`.
pub(crate) fn objection(cli: &Cli, desk: &Desk, o: &ObjectionArgs) -> anyhow::Result<()> {
    let (sec, year) = (desk.local_secretariat(), cli.year);
    match o.action.as_str() {
        "add" => {
            let id = desk.add_objection(
                &sec,
                year,
                o.unit.as_deref(),
                o.award.map(Into::into),
                &need(o.name.clone(), "--name")?,
                &need(o.contact.clone(), "--contact")?,
                o.on.unwrap_or_else(today),
                &need(o.text.clone(), "--text")?,
            )?;
            out(cli, json!({"id": id}), || format!("已登记异议，编号{id}"));
        }
        "resolve" => {
            let id = need(o.id, "ID")?;
            if o.upheld == o.dismissed {
                anyhow::bail!("请指明 --upheld（异议成立）或 --dismissed（异议不成立）");
            }
            desk.resolve_objection(&sec, id, o.upheld, &need(o.reason.clone(), "--reason")?)?;
            out(cli, json!({"id": id, "state": if o.upheld { "upheld" } else { "dismissed" }}), || {
                format!("异议{id}已处理")
            });
        }
        _ => {
            let p = desk.publicity(&sec, year)?.ok_or_else(|| anyhow::anyhow!("尚未开始公示"))?;
            out(cli, serde_json::to_value(&p.objections)?, || {
                p.objections
                    .iter()
                    .map(|x| format!("{} {} {} {} {}", x.id, x.name, x.received_on, x.state, x.content))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}
