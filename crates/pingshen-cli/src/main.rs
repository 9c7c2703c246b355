//! `pingshen`: the award review desk without a window. Every command is one `Desk` call; JSON
//! on stdout with `--json`, Chinese messages on stderr, a non-zero exit on any refusal.

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use kinds::ImportWhat;
use pingshen_core::decimal::wan_yuan;
use pingshen_core::desk::{ImportKind, Recommendation};
use pingshen_core::exchange::ExchangeKind;
use pingshen_core::model::Award;
use pingshen_core::rules::Policy;
use pingshen_core::{Desk, Error};
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

mod archive_cmd;
mod calendar_cmd;
mod checks_cmd;
mod decide_cmd;
mod exceptions;
mod exchange_cmd;
mod export_cmd;
mod history_cmd;
mod kinds;
mod letters_cmd;
mod meeting_cmd;
mod output;
mod pledge_cmd;
mod records_cmd;
mod robustness_cmd;
mod years_cmd;

use output::{need, out};

#[derive(Parser)]
#[command(name = "pingshen", version, about = "评审台：企业科协“试点示范”和“后补助”年度评审（命令行）")]
pub(crate) struct Cli {
    /// 数据库文件（SQLite）
    #[arg(long, global = true, default_value = "pingshen.db")]
    pub(crate) db: PathBuf,
    /// 年度（默认为库中最新年度）
    #[arg(long, global = true)]
    pub(crate) year: Option<i32>,
    /// 以JSON输出结果
    #[arg(long, global = true)]
    pub(crate) json: bool,
    #[command(subcommand)]
    pub(crate) cmd: Cmd,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum AwardArg {
    Pilot,
    Subsidy,
}

impl From<AwardArg> for Award {
    fn from(a: AwardArg) -> Award {
        match a {
            AwardArg::Pilot => Award::Pilot,
            AwardArg::Subsidy => Award::Subsidy,
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum Cmd {
    /// 创建年度评审工作
    /// （年度由全局参数 --year 指定）
    Init {
        /// 从已发布的年度开启新年度：沿用专家库（回避关系待确认）、评审规则和评分细则
        #[arg(long, value_name = "YEAR", conflicts_with_all = ["applicant", "experts_per_dossier", "publicity_days"])]
        from: Option<i32>,
        /// 申报单位的数据库：本单位名称（导出申报材料文件用）
        #[arg(long)]
        applicant: Option<String>,
        /// 后补助年度预算（元）
        #[arg(long)]
        subsidy_budget: Option<i64>,
        #[arg(long)]
        experts_per_dossier: Option<u32>,
        #[arg(long)]
        publicity_days: Option<u32>,
        /// 不轮换专家：上年评过某单位的专家本年仍可抽到该单位（默认轮换）
        #[arg(long)]
        no_rotate: bool,
        /// 书面评审后召开专家组会议评审（会评），只安排会议通过的申报
        #[arg(long)]
        meeting: bool,
    },
    /// 导入电子表格（申报汇总表、评审专家库、评分录入）或交换文件（评分回执、申报材料文件）
    Import {
        kind: kinds::ImportWhat,
        file: PathBuf,
        /// dossier-file：秘书处收到的日期（默认今天）
        #[arg(long)]
        received_on: Option<NaiveDate>,
        /// score-return / dossier-file：只预览导入后的结果，不写入任何内容
        #[arg(long)]
        preview: bool,
    },
    /// 打开交换文件：open review-package FILE --passphrase-file P（在专家本人的新数据库中）
    Open(exchange_cmd::OpenArgs),
    /// 列出申报材料
    Dossiers,
    /// 形式审查并推荐：--auto 审查全部已提交材料；或对单个单位推荐/退回/不予推荐
    Recommend {
        #[arg(long)]
        auto: bool,
        unit: Option<String>,
        #[arg(long)]
        award: Option<AwardArg>,
        #[arg(long = "return", value_name = "REASON")]
        return_reason: Option<String>,
        #[arg(long = "reject", value_name = "REASON")]
        reject_reason: Option<String>,
        /// 将与上年对比的一项标记为「已核实」：对比项代码（如 yoy_decrease_workstations），须同时给 --note
        #[arg(long, value_name = "CODE")]
        verify: Option<String>,
        /// 核实说明
        #[arg(long, value_name = "NOTE")]
        note: Option<String>,
        /// 列出该单位与上年对比的疑点
        #[arg(long)]
        yoy: bool,
    },
    /// 逾期材料：受理（accept）或不予受理（refuse）
    Late {
        #[arg(value_parser = ["accept", "refuse"])]
        decision: String,
        unit: String,
        #[arg(long)]
        award: Option<AwardArg>,
        #[arg(long)]
        reason: String,
    },
    /// 随机抽取评审专家并分配（--seed）；assign replace 补充抽取（替换一位专家）
    Assign(AssignArgs),
    /// 结束评审：review close --reason 理由（尚有评分表未返回时）
    Review(exceptions::ReviewArgs),
    /// 申报材料：dossier withdraw 单位 --reason 理由（申报单位撤回）
    Dossier(exceptions::DossierArgs),
    /// 列出评审分配
    Assignments,
    /// 列出评审专家；experts confirm-conflicts 确认沿用的回避关系
    Experts(years_cmd::ExpertsArgs),
    /// 列出库中的年度及其阶段
    Years,
    /// 评审专家承诺书：pledge show；pledge set --file F（抽取专家前）；pledge accept --name 本人姓名（专家）
    Pledge(pledge_cmd::PledgeArgs),
    /// 申明回避
    Conflict {
        #[arg(long)]
        expert: String,
        #[arg(long)]
        unit: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// 为专家设置登录密码（登录名为专家姓名）
    ExpertLogin {
        #[arg(long)]
        expert: String,
        #[arg(long, env = "PINGSHEN_PASSWORD")]
        password: String,
    },
    /// 查看一个单位的评分
    Scores {
        unit: String,
        #[arg(long)]
        award: Option<AwardArg>,
    },
    /// 退回已提交的评分表
    Reopen {
        #[arg(long)]
        expert: String,
        #[arg(long)]
        unit: String,
        #[arg(long)]
        award: Option<AwardArg>,
        #[arg(long)]
        reason: String,
    },
    /// 评审结果：综合得分、排名、等级、提示；--robustness 名次稳健性（ICC、各种计分方式下的排名与获支持名单、名次不稳定的单位）
    Results {
        /// 名次稳健性：换一种计分方式或去掉任一位专家，获支持名单是否不变
        #[arg(long)]
        robustness: bool,
    },
    /// 单位历年评审情况：history --unit 单位（每个申报年度一行：类别、状态、综合得分、排名、等级、金额）
    History {
        /// 单位全称或简称，如「北京市科协」（已申报单位可用 dossiers 列出）
        #[arg(long)]
        unit: String,
    },
    /// 记录专家组讨论意见
    Consensus {
        unit: String,
        #[arg(long)]
        award: Option<AwardArg>,
        #[arg(long)]
        text: String,
    },
    /// 会议评审：open / agenda / vote / close / settings
    Meeting {
        #[command(subcommand)]
        action: meeting_cmd::MeetingAction,
    },
    /// 试点示范单位：select 确定 / unselect 撤销
    Pilot {
        #[arg(value_parser = ["select", "unselect"])]
        action: String,
        unit: String,
        #[arg(long)]
        reason: String,
    },
    /// 经费安排；funding adjust 调整金额
    Funding(decide_cmd::FundingArgs),
    /// 公示：open / show / close
    Publicity {
        #[arg(value_parser = ["open", "show", "close"])]
        action: String,
        #[arg(long)]
        start: Option<NaiveDate>,
        #[arg(long)]
        days: Option<u32>,
        #[arg(long)]
        on: Option<NaiveDate>,
    },
    /// 异议：add 登记 / resolve 处理
    Objection(decide_cmd::ObjectionArgs),
    /// 发布（公示结束后）
    Publish {
        #[arg(long)]
        on: Option<NaiveDate>,
        #[arg(long)]
        doc_number: Option<String>,
    },
    /// 工作日历：add-workdays / is-workday（--from）；import 导入国务院办公厅节假日安排通知；show 查看某年（--year）
    Calendar(calendar_cmd::CalendarArgs),
    /// 操作日志：verify 校验（--head 序号:哈希 / --against 备份、年度归档或导出的PDF/XLSX）/ log 查看 / head 当前位置
    Audit(records_cmd::AuditArgs),
    /// 在线备份：到新文件，或（省略文件名）到数据库所在文件夹；--list 列出备份；--keep N 自动备份保留份数
    Backup(records_cmd::BackupArgs),
    /// 从备份恢复数据库（先核对备份并保留当前数据库）
    Restore { file: PathBuf },
    /// 导出文件：阅读材料、专家评分表、评审结果、公示名单、通报、经费表（PDF；评分表、结果、公示名单、经费表也可 XLSX）；archive 已发布年度的归档（zip）
    Export(export_cmd::ExportArgs),
    /// 印章：set 载入印章图片（PNG，背景透明，不超过1 MB，保存在数据库中）/ clear 清除 / show 查看
    Seal(letters_cmd::SealArgs),
    /// 运行2014年度演示评审（全流程），并打印评审结果；--years N 连续N个已发布年度（2014起）
    Demo {
        /// 演示输入表格的存放目录（默认临时目录）
        #[arg(long)]
        inputs: Option<PathBuf>,
        /// 年度数：2014 … 2014+N-1，每年都走到发布（默认1，即2014年度）
        #[arg(long, default_value_t = 1)]
        years: u32,
    },
}

#[derive(Args)]
pub(crate) struct AssignArgs {
    #[command(subcommand)]
    replace: Option<exceptions::AssignAction>,
    #[arg(long)]
    per_dossier: Option<u32>,
    #[arg(long)]
    seed: Option<u64>,
}

pub(crate) fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn run(cli: &Cli) -> anyhow::Result<()> {
    if let Cmd::Calendar(args) = &cli.cmd {
        return calendar_cmd::run(cli, args);
    }
    if let Cmd::Restore { file } = &cli.cmd {
        return records_cmd::restore(cli, file);
    }
    if let Cmd::Demo { inputs, years } = &cli.cmd {
        if !(1..=50).contains(years) {
            anyhow::bail!("--years 是演示的年度数，须在1到50之间（例如 --years 10 生成2014至2023年度）");
        }
        if cli.db.exists() {
            anyhow::bail!("数据库文件 {} 已存在；演示需要一个新文件，请换一个文件名或先删除它", cli.db.display());
        }
        let desk = Desk::open(&cli.db)?;
        let tmp;
        let dir = match inputs {
            Some(d) => d.clone(),
            None => {
                tmp = tempfile::tempdir().context("无法创建临时目录")?;
                tmp.path().to_path_buf()
            }
        };
        let summary = if *years == 1 {
            pingshen_core::demo::run_demo(&desk, &dir)?
        } else {
            pingshen_core::demo::run_years(&desk, &dir, *years)?
        };
        for line in &summary.log {
            eprintln!("· {line}");
        }
        let sec = desk.local_secretariat();
        out(
            cli,
            json!({"year": summary.year, "results": results_json(&desk, &sec, Some(summary.year))?, "funding": desk.funding(&sec, Some(summary.year))?}),
            || pingshen_core::demo::results_table(&desk, Some(summary.year)).unwrap_or_default(),
        );
        eprintln!("演示数据库：{}（专家登录密码：{}）", cli.db.display(), pingshen_core::demo::DEMO_PASSWORD);
        return Ok(());
    }
    if let Cmd::Open(args) = &cli.cmd {
        return exchange_cmd::open(cli, args);
    }
    if matches!(cli.cmd, Cmd::Init { from: Some(_), .. }) && !cli.db.exists() {
        anyhow::bail!(
            "数据库文件 {} 不存在：init --from 从已有数据库中已发布的年度开启新年度，请用 --db 指定那个数据库文件",
            cli.db.display()
        );
    }
    if !matches!(cli.cmd, Cmd::Init { .. }) && !cli.db.exists() {
        anyhow::bail!(
            "数据库文件 {} 不存在，请先运行 pingshen --db {} init --year 年份",
            cli.db.display(),
            cli.db.display()
        );
    }
    let desk = Desk::open(&cli.db)?;
    let sec = desk.local_secretariat();
    let year = cli.year;
    match &cli.cmd {
        Cmd::Init { from: Some(from), subsidy_budget, .. } => years_cmd::init_from(cli, &desk, *from, *subsidy_budget)?,
        Cmd::Years => years_cmd::years(cli, &desk)?,
        Cmd::Meeting { action } => meeting_cmd::meeting(cli, &desk, action)?,
        Cmd::Pledge(args) => pledge_cmd::run(cli, &desk, &args.action)?,
        Cmd::Experts(years_cmd::ExpertsArgs {
            action: Some(years_cmd::ExpertsAction::ConfirmConflicts { expert, unit }),
        }) => years_cmd::confirm_conflicts(cli, &desk, expert.as_deref(), unit.as_deref())?,
        Cmd::Init {
            from: None,
            applicant,
            subsidy_budget,
            experts_per_dossier,
            publicity_days,
            no_rotate,
            meeting,
        } => {
            let init_year = &need(cli.year, "--year 年份")?;
            let mut p = Policy::default();
            if let Some(b) = subsidy_budget {
                p.subsidy_budget_yuan = *b;
            }
            if let Some(n) = experts_per_dossier {
                p.experts_per_dossier = *n;
            }
            if let Some(n) = publicity_days {
                p.publicity_days = *n;
            }
            p.rotate_pairs = !no_rotate;
            p.meeting = *meeting;
            let c = desk.open_campaign_for(&sec, *init_year, p, applicant.as_deref())?;
            if let Some(name) = desk.applicant_unit()? {
                eprintln!("本数据库为{name}的申报数据库：填写申报材料后用 export dossier-file 导出交给秘书处");
            }
            out(cli, json!({"year": c.year, "stage": c.stage, "policy": c.policy, "dates": c.dates}), || {
                format!(
                    "已创建{}年度评审工作：申报截止{}，后补助预算{}万元",
                    c.year,
                    c.dates.deadline,
                    wan_yuan(c.policy.subsidy_budget_yuan)
                )
            });
        }
        Cmd::Import { kind: ImportWhat::Exchange(ExchangeKind::DossierFile), file, received_on, preview } => {
            let on = received_on.unwrap_or_else(today);
            if *preview {
                exchange_cmd::preview_dossier_file(cli, &desk, file, on)?
            } else {
                exchange_cmd::import_dossier_file(cli, &desk, file, on)?
            }
        }
        Cmd::Import { kind: ImportWhat::Exchange(ExchangeKind::ScoreReturn), file, preview, .. } => {
            if *preview {
                exchange_cmd::preview_score_return(cli, &desk, file)?
            } else {
                exchange_cmd::import_score_return(cli, &desk, file)?
            }
        }
        Cmd::Import { kind: ImportWhat::Sheet(_), preview: true, .. } => {
            anyhow::bail!(
                "--preview 只用于 score-return 和 dossier-file：表格导入本身全部检查通过才写入，有问题时列出全部问题"
            )
        }
        Cmd::Import { kind: ImportWhat::Exchange(ExchangeKind::ReviewPackage), .. } => {
            unreachable!("not an import kind: a review package is opened (`open review-package`)")
        }
        Cmd::Import { kind: ImportWhat::Sheet(kind), file, .. } => {
            let (n, notes, extra) = match kind {
                ImportKind::Dossiers => {
                    let r = desk.import_dossiers(&sec, year, file)?;
                    (r.imported, r.notes, json!({"late": r.late}))
                }
                ImportKind::Experts => {
                    let r = desk.import_experts(&sec, year, file)?;
                    (r.imported, r.notes, json!({}))
                }
                ImportKind::Scores => {
                    let r = desk.import_scores(&sec, year, file)?;
                    (r.imported, r.notes, json!({}))
                }
            };
            for n in &notes {
                eprintln!("提示：{n}");
            }
            out(cli, json!({"imported": n, "notes": notes, "detail": extra}), || format!("已导入{n}条"));
        }
        Cmd::Dossiers => {
            let v = desk.dossiers(&sec, year)?;
            let j: Vec<_> = v.iter().map(|d| json!({"id": d.id, "unit": d.unit.full_name, "award": d.award().code(), "state": d.state.code(), "late": d.late, "submitted_on": d.input.submitted_on})).collect();
            out(cli, json!(j), || {
                v.iter()
                    .map(|d| {
                        format!(
                            "{:>4} {:<8} {:<24} {}{}",
                            d.id,
                            d.award().label(),
                            d.unit.full_name,
                            d.state.label(),
                            if d.late { "（逾期）" } else { "" }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Cmd::Recommend { auto, unit, award, return_reason, reject_reason, verify, note, yoy } => {
            if note.is_some() && verify.is_none() {
                anyhow::bail!("--note 须与 --verify 对比项代码 一起使用");
            }
            if *auto {
                let v = desk.recommend_auto(&sec, year)?;
                out(cli, serde_json::to_value(&v)?, || checks_cmd::auto_text(&v));
            } else if verify.is_some() || *yoy {
                let unit = need(unit.clone(), "UNIT（单位名称）")?;
                checks_cmd::yoy(cli, &desk, &unit, *award, verify.as_deref(), note.as_deref())?;
            } else {
                let unit = need(unit.clone(), "UNIT 或 --auto")?;
                let id = desk.find_dossier(year, &unit, award.map(Into::into))?;
                let decision = match (return_reason, reject_reason) {
                    (Some(r), None) => Recommendation::Return(vec![r.clone()]),
                    (None, Some(r)) => Recommendation::Reject(r.clone()),
                    (None, None) => Recommendation::Recommend,
                    _ => anyhow::bail!("--return 和 --reject 只能选一个"),
                };
                let s = desk.recommend(&sec, id, decision)?;
                out(cli, json!({"dossier_id": id, "state": s.code()}), || format!("{unit}：{}", s.label()));
            }
        }
        Cmd::Late { decision, unit, award, reason } => {
            let id = desk.find_dossier(year, unit, award.map(Into::into))?;
            let s = desk.decide_late(&sec, id, decision == "accept", reason)?;
            out(cli, json!({"dossier_id": id, "state": s.code()}), || format!("{unit}：{}", s.label()));
        }
        Cmd::Assign(AssignArgs { replace: Some(action), .. }) => exceptions::replace(cli, &desk, action)?,
        Cmd::Review(args) => exceptions::review(cli, &desk, args)?,
        Cmd::Dossier(args) => exceptions::dossier(cli, &desk, args)?,
        Cmd::Assign(AssignArgs { replace: None, per_dossier, seed }) => {
            let r = desk.draw(&sec, year, *per_dossier, need(*seed, "--seed 随机种子")?)?;
            out(cli, serde_json::to_value(&r)?, || checks_cmd::draw_text(&r));
        }
        Cmd::Assignments => {
            let v = desk.assignments(&sec, year)?;
            let j: Vec<_> = v
                .iter()
                .map(|a| json!({"expert": a.expert, "unit": a.unit, "award": a.award.code(), "state": a.state.code(), "repeat_of_year": a.repeat_of_year}))
                .collect();
            out(cli, json!(j), || {
                v.iter()
                    .map(|a| {
                        let repeat =
                            a.repeat_of_year.map(|y| format!("  （{y}年度评过，轮换不足保留）")).unwrap_or_default();
                        format!("{:<6} {:<24} {:<8} {}{repeat}", a.expert, a.unit, a.award.label(), a.state.label())
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Cmd::Experts(years_cmd::ExpertsArgs { action: None }) => {
            let v = desk.experts(&sec, year)?;
            out(cli, serde_json::to_value(&v)?, || {
                v.iter()
                    .map(|e| {
                        format!(
                            "{:<6} {:<4} {:<20} 评审{}份 回避：{}",
                            e.name,
                            e.province,
                            e.employer,
                            e.load,
                            e.conflicts
                                .iter()
                                .map(|c| if e.pending_conflicts.contains(c) {
                                    format!("{c}（待确认）")
                                } else {
                                    c.clone()
                                })
                                .collect::<Vec<_>>()
                                .join("、")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Cmd::Conflict { expert, unit, reason } => {
            desk.declare_conflict(&sec, year, expert, unit, reason)?;
            out(cli, json!({"ok": true}), || format!("已记录：{expert} 回避 {unit}"));
        }
        Cmd::ExpertLogin { expert, password } => {
            desk.set_expert_login(&sec, year, expert, password)?;
            out(cli, json!({"ok": true, "login": expert}), || {
                format!("专家{expert}的登录名为「{expert}」，密码已设置")
            });
        }
        Cmd::Scores { unit, award } => {
            let id = desk.find_dossier(year, unit, award.map(Into::into))?;
            let v = desk.dossier_scores(&sec, id)?;
            out(cli, serde_json::to_value(&v)?, || {
                v.iter()
                    .map(|s| {
                        format!(
                            "{:<6} {:<10} 总分{}",
                            s.expert,
                            s.state.label(),
                            s.total.map(|t| t.to_string()).unwrap_or_else(|| "-".into())
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Cmd::Reopen { expert, unit, award, reason } => {
            let id = desk.find_dossier(year, unit, award.map(Into::into))?;
            let a = desk
                .assignments(&sec, year)?
                .into_iter()
                .find(|a| a.dossier_id == id && a.expert == *expert)
                .ok_or_else(|| {
                    Error::not_found(
                        pingshen_core::t!(pingshen_core::msg::CLI_SCORE_SHEET),
                        format!("{expert} / {unit}"),
                    )
                })?;
            desk.reopen_scores(&sec, a.id, reason)?;
            out(cli, json!({"ok": true}), || format!("已退回{expert}对{unit}的评分表"));
        }
        Cmd::Results { robustness: true } => robustness_cmd::robustness(cli, &desk, &sec, year)?,
        Cmd::Results { robustness: false } => {
            let v = results_json(&desk, &sec, year)?;
            out(cli, v, || pingshen_core::demo::results_table(&desk, year).unwrap_or_default());
        }
        Cmd::History { unit } => history_cmd::history(cli, &desk, &sec, unit)?,
        Cmd::Consensus { unit, award, text } => {
            desk.record_consensus(&sec, year, unit, award.map(Into::into), text)?;
            out(cli, json!({"ok": true}), || "已记录专家组意见".into());
        }
        Cmd::Pilot { action, unit, reason } => {
            if action == "select" {
                let l = desk.select_pilot(&sec, year, unit, reason)?;
                out(
                    cli,
                    json!({"unit": l.unit, "award": "pilot", "amount_yuan": l.amount_yuan, "matching_yuan": l.matching_yuan, "pay_by": l.pay_by}),
                    || {
                        format!(
                            "已确定试点示范单位：{}，支持{}万元（配套{}万元），{}前拨付",
                            l.unit,
                            wan_yuan(l.amount_yuan),
                            wan_yuan(l.matching_yuan),
                            l.pay_by
                        )
                    },
                );
            } else {
                desk.unselect_pilot(&sec, year, unit, reason)?;
                out(cli, json!({"ok": true}), || format!("已撤销试点示范单位：{unit}"));
            }
        }
        Cmd::Funding(f) => decide_cmd::funding(cli, &desk, f)?,
        Cmd::Publicity { action, start, days, on } => decide_cmd::publicity(cli, &desk, action, *start, *days, *on)?,
        Cmd::Objection(o) => decide_cmd::objection(cli, &desk, o)?,
        Cmd::Publish { on, doc_number } => {
            let c = desk.publish(&sec, year, on.unwrap_or_else(today), doc_number.as_deref())?;
            out(cli, json!({"year": c.year, "stage": c.stage, "doc_number": c.doc_number}), || {
                format!("{}年度评审结果已发布（{}）", c.year, c.doc_number.clone().unwrap_or_default())
            });
        }
        Cmd::Audit(a) => records_cmd::audit(cli, &desk, a)?,
        Cmd::Backup(a) => records_cmd::backup(cli, &desk, a)?,
        Cmd::Export(args) => export_cmd::export(cli, &desk, args)?,
        Cmd::Seal(args) => letters_cmd::seal(cli, &desk, args)?,
        Cmd::Calendar(_) | Cmd::Demo { .. } | Cmd::Open(_) | Cmd::Restore { .. } => unreachable!("handled above"),
    }
    Ok(())
}

/// Audit timestamps are stored in UTC and shown in Beijing time (+08:00).
pub(crate) fn beijing_time(utc: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(utc)
        .map(|t| {
            t.with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("valid offset"))
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|_| utc.to_string())
}

fn results_json(desk: &Desk, sec: &pingshen_core::Actor, year: Option<i32>) -> anyhow::Result<serde_json::Value> {
    let r = desk.results(sec, year)?;
    let rows: Vec<_> = r
        .rows
        .iter()
        .map(|x| {
            let mut row = json!({
                "unit": x.unit,
                "award": x.award.code(),
                "n_scores": x.n_scores,
                "aggregate": x.aggregate.map(|a| a.shown().as_f64()),
                "mean": x.mean.map(|a| a.shown().as_f64()),
                "median": x.median.map(|a| a.shown().as_f64()),
                "rank": x.rank,
                "grade": x.grade.map(|g| g.code()),
                "flags": x.flags,
                "previous": x.previous,
                "experts": x.experts.iter().map(|e| json!({"expert": e.expert, "total": e.total.as_f64(), "z": (e.z * 100.0).round() / 100.0})).collect::<Vec<_>>(),
            });
            // the panel meeting's decision, only in a year that held one (issue 18)
            if let Some(m) = &x.meeting {
                row["meeting"] = json!(m);
            }
            row
        })
        .collect();
    Ok(json!(rows))
}

/// An error whose report the command has already printed as JSON (main prints no second document).
#[derive(Debug)]
pub(crate) struct Reported(pub(crate) String);

impl std::fmt::Display for Reported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Reported {}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e}");
            if cli.json && e.downcast_ref::<Reported>().is_none() {
                crate::output::line(&json!({"error": e.to_string()}).to_string());
            }
            ExitCode::from(2)
        }
    }
}
