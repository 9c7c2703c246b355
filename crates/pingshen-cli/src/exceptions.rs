//! Years that don't go to plan, on the command line: `review close`, `assign replace`,
//! `dossier withdraw`. Each is one `Desk` call.

use crate::output::out;
use crate::{AwardArg, Cli};
use clap::{Args, Subcommand};
use pingshen_core::decimal::wan_yuan;
use pingshen_core::Desk;

#[derive(Subcommand)]
pub(crate) enum AssignAction {
    /// 补充抽取：撤回某专家对一份材料的评审任务，另行抽取一位专家（或用 --to 指定）
    Replace {
        #[arg(long)]
        expert: String,
        #[arg(long)]
        unit: String,
        #[arg(long)]
        award: Option<AwardArg>,
        #[arg(long)]
        reason: String,
        /// 随机种子（默认用本年度抽取时记录的种子）
        #[arg(long)]
        seed: Option<u64>,
        /// 指定替换的专家（同样检查回避）
        #[arg(long)]
        to: Option<String>,
    },
}

#[derive(Args)]
pub(crate) struct ReviewArgs {
    #[arg(value_parser = ["close"])]
    action: String,
    #[arg(long)]
    reason: String,
}

#[derive(Args)]
pub(crate) struct DossierArgs {
    /// withdraw 撤回申报（秘书处，须写理由）/ amend 撤回修改（申报单位自己的申报数据库）
    #[arg(value_parser = ["withdraw", "amend"])]
    action: String,
    unit: String,
    #[arg(long)]
    award: Option<AwardArg>,
    #[arg(long)]
    reason: Option<String>,
}

/// `review close --reason`: the sheets not returned are kept but not counted.
pub(crate) fn review(cli: &Cli, desk: &Desk, args: &ReviewArgs) -> anyhow::Result<()> {
    let sec = desk.local_secretariat();
    let r = desk.close_review(&sec, cli.year, &args.reason)?;
    out(cli, serde_json::to_value(&r)?, || {
        let mut s =
            vec![format!("{}年度专家评审已结束：{}份评分表未返回（保留，不计入结果）", r.year, r.unreturned.len())];
        s.extend(r.unreturned.iter().map(|u| format!("  未返回：{} / {}（{}）", u.expert, u.unit, u.award.label())));
        if !r.insufficient.is_empty() {
            s.push(format!("评分不足、不参加排名和资助：{}", r.insufficient.join("、")));
        }
        s.join("\n")
    });
    Ok(())
}

/// `assign replace --expert --unit [--award] --reason [--seed] [--to]`.
pub(crate) fn replace(cli: &Cli, desk: &Desk, action: &AssignAction) -> anyhow::Result<()> {
    let AssignAction::Replace { expert, unit, award, reason, seed, to } = action;
    let sec = desk.local_secretariat();
    let id = desk.find_dossier(cli.year, unit, award.map(Into::into))?;
    let r = desk.replace_expert(&sec, id, expert, reason, *seed, to.as_deref())?;
    out(cli, serde_json::to_value(&r)?, || {
        let how = match r.seed {
            Some(s) => format!("按种子{s}补充抽取"),
            None => "指定".to_string(),
        };
        format!("{}（{}）：{}的评审任务已撤回，{how}由{}评审", r.unit, r.award.label(), r.old_expert, r.new_expert)
    });
    Ok(())
}

/// `dossier withdraw UNIT [--award] --reason`; `dossier amend UNIT [--award]`.
pub(crate) fn dossier(cli: &Cli, desk: &Desk, args: &DossierArgs) -> anyhow::Result<()> {
    let sec = desk.local_secretariat();
    let id = desk.find_dossier(cli.year, &args.unit, args.award.map(Into::into))?;
    if args.action == "amend" {
        let state = desk.amend_own_dossier(&sec, id)?;
        out(cli, serde_json::json!({"dossier_id": id, "state": state}), || {
            format!(
                "{}的申报材料已撤回修改（现为{}）：修改后重新提交，再导出申报材料文件交给秘书处",
                args.unit,
                state.label()
            )
        });
        return Ok(());
    }
    let w = desk.withdraw_dossier(&sec, id, args.reason.as_deref().unwrap_or(""))?;
    out(cli, serde_json::to_value(&w)?, || {
        let mut s = format!("{}（{}）已撤回申报；撤回评审任务{}项", w.unit, w.award.label(), w.sheets_withdrawn);
        if w.funding_removed {
            s.push_str("，已移出经费安排");
        }
        if w.subsidy_recomputed {
            s.push_str("，后补助经费已重新安排");
        }
        if !w.adjustments_undone.is_empty() {
            let each: Vec<String> = w
                .adjustments_undone
                .iter()
                .map(|u| {
                    let now = u
                        .now_yuan
                        .map(|n| format!("现为{}万元", wan_yuan(n)))
                        .unwrap_or_else(|| "现已不在资助名单中".into());
                    format!("{}（曾调整为{}万元，理由：{}；{now}）", u.unit, wan_yuan(u.adjusted_yuan), u.reason)
                })
                .collect();
            s.push_str(&format!(
                "。\n此前的人工调整已按新的排名撤销：{}；如仍需调整，请用 funding adjust 重新调整",
                each.join("；")
            ));
        }
        s
    });
    Ok(())
}
