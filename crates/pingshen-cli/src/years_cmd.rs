//! Year after year: `init --from YEAR` (the next year from a published one), `years`, and
//! `experts confirm-conflicts` (the conflicts carried as 待确认).

use crate::output::{need, out};
use crate::Cli;
use clap::{Args, Subcommand};
use pingshen_core::decimal::wan_yuan;
use pingshen_core::Desk;
use serde_json::json;

#[derive(Args)]
pub(crate) struct ExpertsArgs {
    #[command(subcommand)]
    pub(crate) action: Option<ExpertsAction>,
}

#[derive(Subcommand)]
pub(crate) enum ExpertsAction {
    /// 确认从上一年度沿用的回避关系（待确认）：某位专家（--expert）、某个单位（--unit），或全部
    ConfirmConflicts {
        #[arg(long)]
        expert: Option<String>,
        #[arg(long)]
        unit: Option<String>,
    },
}

/// `init --from FROM`: opens `--year` from the published year FROM.
pub(crate) fn init_from(cli: &Cli, desk: &Desk, from: i32, subsidy_budget: Option<i64>) -> anyhow::Result<()> {
    let to = need(cli.year, "--year 新年度（例如 --year 2015 init --from 2014）")?;
    let c = desk.open_next_year(&desk.local_secretariat(), from, to, subsidy_budget)?;
    out(cli, json!(c), || {
        format!(
            "已从{}年度开启{}年度评审工作：沿用评审专家{}位（其中{}位有登录账号）、回避关系{}条（待确认，请核实后用 experts confirm-conflicts 确认）、评审规则与两类评分细则（抽取专家前仍可修改）；秘书处账号{}个、已导入的工作日历{}年继续有效；后补助预算{}万元。申报材料、评分、经费和异议不沿用。",
            c.from,
            c.to,
            c.experts,
            c.expert_logins,
            c.conflicts_pending,
            c.secretariat_accounts,
            c.calendar_years,
            wan_yuan(c.subsidy_budget_yuan)
        )
    });
    Ok(())
}

/// `years`: every year with its stage, newest first.
pub(crate) fn years(cli: &Cli, desk: &Desk) -> anyhow::Result<()> {
    let v = desk.year_list()?;
    let j: Vec<_> = v.iter().map(|y| json!({"year": y.year, "stage": y.stage.code()})).collect();
    out(cli, json!(j), || {
        if v.is_empty() {
            return "库中尚无年度评审工作，请先用 init 创建".into();
        }
        v.iter().map(|y| format!("{}年度  {}", y.year, y.stage.label())).collect::<Vec<_>>().join("\n")
    });
    Ok(())
}

/// `experts confirm-conflicts [--expert E] [--unit U]`.
pub(crate) fn confirm_conflicts(
    cli: &Cli,
    desk: &Desk,
    expert: Option<&str>,
    unit: Option<&str>,
) -> anyhow::Result<()> {
    let n = desk.confirm_conflicts(&desk.local_secretariat(), cli.year, expert, unit)?;
    out(cli, json!({"confirmed": n}), || {
        if n == 0 {
            "没有待确认的回避关系".into()
        } else {
            format!("已确认{n}条回避关系")
        }
    });
    Ok(())
}
