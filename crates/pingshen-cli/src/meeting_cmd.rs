//! The panel meeting (会议评审, issue 18) on the command line: `meeting open / agenda / vote /
//! close / settings`. Each is one `Desk` call; the text is what the secretariat reads aloud.

use crate::output::out;
use crate::{AwardArg, Cli};
use chrono::NaiveDate;
use clap::{Subcommand, ValueEnum};
use pingshen_core::desk::{AgendaItem, MeetingSettings, MeetingView, VoteCounts};
use pingshen_core::export::flag_label;
use pingshen_core::rules::MeetingShare;
use pingshen_core::Desk;

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ShareArg {
    /// 过半数
    Half,
    /// 三分之二以上
    TwoThirds,
}

impl From<ShareArg> for MeetingShare {
    fn from(s: ShareArg) -> MeetingShare {
        match s {
            ShareArg::Half => MeetingShare::Half,
            ShareArg::TwoThirds => MeetingShare::TwoThirds,
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum MeetingAction {
    /// 召开会议评审：日期、地点、组长和出席专家（逗号分隔）；检查法定人数
    Open {
        #[arg(long)]
        date: NaiveDate,
        #[arg(long)]
        place: String,
        #[arg(long)]
        chair: String,
        #[arg(long, value_delimiter = ',')]
        present: Vec<String>,
    },
    /// 会议议程：按类别、名次列出申报材料，书面评审得分、提示、需讨论的理由、回避专家和表决结果
    Agenda,
    /// 录入一项的表决结果（纸质表决票清点）：赞成+反对+弃权须等于出席人数减回避人数
    Vote {
        unit: String,
        #[arg(long)]
        award: Option<AwardArg>,
        #[arg(long = "for")]
        votes_for: u32,
        #[arg(long = "against")]
        votes_against: u32,
        #[arg(long = "abstain")]
        votes_abstain: u32,
        /// 讨论意见
        #[arg(long, default_value = "")]
        note: String,
        /// 重新录入的理由（已录入过的事项须填写）
        #[arg(long)]
        reason: Option<String>,
    },
    /// 结束会议评审（须全部表决）：经费只安排通过的申报
    Close,
    /// 会议评审设置（书面评审结束前）：--on / --off，法定人数和表决通过比例
    Settings {
        #[arg(long, conflicts_with = "off")]
        on: bool,
        #[arg(long)]
        off: bool,
        #[arg(long, value_enum)]
        quorum: Option<ShareArg>,
        #[arg(long, value_enum)]
        majority: Option<ShareArg>,
    },
}

fn item_line(i: &AgendaItem) -> String {
    let rank = i.rank.map(|r| format!("第{r}名")).unwrap_or_else(|| "未排名".into());
    let agg = i.aggregate.map(|a| a.to_string()).unwrap_or_else(|| "—".into());
    let mut s = format!("  {} {}  综合得分{agg}（{}份评分）", rank, i.unit, i.n_scores);
    if !i.discuss.is_empty() {
        let why: Vec<String> = i.discuss.iter().map(|d| flag_label(d)).collect();
        s.push_str(&format!("\n      需讨论：{}", why.join("；")));
    }
    if !i.recused.is_empty() {
        let who: Vec<String> = i.recused.iter().map(|r| format!("{}（{}）", r.name, r.reason)).collect();
        s.push_str(&format!("\n      回避：{}", who.join("、")));
    }
    if let Some(e) = i.eligible {
        s.push_str(&format!("\n      应投票{e}人"));
    }
    if let Some(v) = &i.vote {
        s.push_str(&format!(
            "；赞成{}、反对{}、弃权{}：{}",
            v.votes_for,
            v.votes_against,
            v.votes_abstain,
            if v.passed { "通过" } else { "未通过" }
        ));
    }
    s
}

fn agenda_text(m: &MeetingView) -> String {
    let mut s = Vec::new();
    if !m.enabled {
        s.push(format!("{}年度的评审规则未设会议评审", m.year));
    }
    if m.opened {
        s.push(format!(
            "{}年度会议评审：{}，{}，组长{}；出席{}人（{}），缺席{}人{}",
            m.year,
            m.held_on.map(|d| d.to_string()).unwrap_or_default(),
            m.place.clone().unwrap_or_default(),
            m.chair.clone().unwrap_or_default(),
            m.present.len(),
            m.present.join("、"),
            m.absent.len(),
            if m.closed { "；已结束" } else { "" }
        ));
    } else {
        s.push(format!(
            "{}年度会议评审尚未召开：专家组{}人，法定人数{}即至少{}人",
            m.year,
            m.panel.len(),
            m.quorum.label(),
            m.quorum_needed
        ));
    }
    let mut award = None;
    for i in &m.items {
        if award != Some(i.award) {
            s.push(format!("【{}】", i.award.label()));
            award = Some(i.award);
        }
        s.push(item_line(i));
    }
    s.join("\n")
}

pub(crate) fn meeting(cli: &Cli, desk: &Desk, action: &MeetingAction) -> anyhow::Result<()> {
    let sec = desk.local_secretariat();
    let view = match action {
        MeetingAction::Open { date, place, chair, present } => {
            desk.open_meeting(&sec, cli.year, *date, place, chair, present)?
        }
        MeetingAction::Agenda => desk.meeting(&sec, cli.year)?,
        MeetingAction::Vote { unit, award, votes_for, votes_against, votes_abstain, note, reason } => desk.vote(
            &sec,
            cli.year,
            unit,
            award.map(Into::into),
            VoteCounts { votes_for: *votes_for, votes_against: *votes_against, votes_abstain: *votes_abstain },
            note,
            reason.as_deref(),
        )?,
        MeetingAction::Close => {
            let m = desk.close_meeting(&sec, cli.year)?;
            let f = desk.funding(&sec, Some(m.year))?;
            out(cli, serde_json::json!({"meeting": m, "funding": f}), || {
                let passed = m.items.iter().filter(|i| i.vote.as_ref().is_some_and(|v| v.passed)).count();
                format!(
                    "{}年度会议评审已结束：{}项通过，{}项未通过；后补助经费按通过的申报重新安排，共{}家",
                    m.year,
                    passed,
                    m.items.len() - passed,
                    f.lines.iter().filter(|l| l.award == pingshen_core::model::Award::Subsidy).count()
                )
            });
            return Ok(());
        }
        MeetingAction::Settings { on, off, quorum, majority } => {
            let c = desk.campaign(cli.year)?;
            let s = MeetingSettings {
                meeting: if *on {
                    true
                } else if *off {
                    false
                } else {
                    c.policy.meeting
                },
                quorum: quorum.map(Into::into).unwrap_or(c.policy.meeting_quorum),
                majority: majority.map(Into::into).unwrap_or(c.policy.meeting_majority),
            };
            let c = desk.set_meeting_settings(&sec, cli.year, s)?;
            out(cli, serde_json::json!({"year": c.year, "policy": c.policy}), || {
                format!(
                    "{}年度会议评审：{}；法定人数{}，表决通过须{}",
                    c.year,
                    if c.policy.meeting { "召开" } else { "不召开" },
                    c.policy.meeting_quorum.label(),
                    c.policy.meeting_majority.label()
                )
            });
            return Ok(());
        }
    };
    out(cli, serde_json::to_value(&view)?, || agenda_text(&view));
    Ok(())
}
