//! The experts' pledge (issue 19): `pledge show`, `pledge set --file F` (the secretariat, until
//! the draw) and `pledge accept --name NAME` (in an expert's own database opened from a review
//! package: the expert signs before their scores can be saved).

use crate::output::out;
use crate::Cli;
use clap::{Args, Subcommand};
use pingshen_core::desk::PledgeText;
use pingshen_core::Desk;
use serde_json::json;
use std::path::PathBuf;

#[derive(Args)]
pub(crate) struct PledgeArgs {
    #[command(subcommand)]
    pub(crate) action: PledgeAction,
}

#[derive(Subcommand)]
pub(crate) enum PledgeAction {
    /// 显示本年度的评审专家承诺书（纯文本，可修改后用 pledge set --file 保存）
    Show,
    /// 修改本年度的评审专家承诺书（抽取专家之前）：UTF-8 文本文件，第一行为标题，
    /// 每条承诺事项另起一行并以「一、」「二、」或「1.」「2.」开头，其前为开头段、其后为结尾段
    Set {
        #[arg(long)]
        file: PathBuf,
    },
    /// 专家签署承诺书（在打开了评审材料包的专家本人数据库中）：--name 本人姓名
    Accept {
        #[arg(long)]
        name: String,
    },
}

pub(crate) fn run(cli: &Cli, desk: &Desk, action: &PledgeAction) -> anyhow::Result<()> {
    let me = desk.local_secretariat();
    match action {
        PledgeAction::Show => {
            let p = desk.pledge(&me, cli.year)?;
            out(cli, json!(p), || {
                let state = match (p.is_default, p.editable) {
                    (true, true) => "默认文本；抽取专家之前可用 pledge set --file 修改",
                    (false, true) => "本年度文本；抽取专家之前可用 pledge set --file 修改",
                    (_, false) => "专家已抽取，不能再修改",
                };
                format!("{}（{}年度，{state}）\n\n{}", "评审专家承诺书", p.year, p.plain().trim_end())
            });
        }
        PledgeAction::Set { file } => {
            let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("无法读取「{}」：{e}", file.display()))?;
            let text = String::from_utf8(bytes).map_err(|_| {
                anyhow::anyhow!("「{}」不是 UTF-8 文本：请以 UTF-8 编码保存承诺书文本后重试", file.display())
            })?;
            let parsed = PledgeText::parse(&text)?;
            let p = desk.set_pledge(&me, cli.year, &parsed)?;
            out(cli, json!(p), || {
                format!(
                    "已保存{}年度的《{}》：{}条承诺事项（SHA-256 {}…）。专家抽取后不能再修改。",
                    p.year,
                    p.text.title,
                    p.text.points.len(),
                    &p.sha256[..12]
                )
            });
        }
        PledgeAction::Accept { name } => {
            let a = desk.accept_pledge(&me, cli.year, name)?;
            out(cli, json!(a), || {
                format!("「{}」已签署评审专家承诺书（{}，{}），可以评分", a.name, a.kind.label(), a.accepted_at)
            });
        }
    }
    Ok(())
}
