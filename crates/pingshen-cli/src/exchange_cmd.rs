//! Exchange files on the command line: `export review-package | score-return | dossier-file`,
//! `open review-package`, `import score-return | dossier-file` (with `--preview`: what the
//! import would do, nothing written). The passphrase comes from
//! `--passphrase-file` or `PINGSHEN_PASSPHRASE`, never from an argument (it would show in the
//! shell's history and the process list).

use crate::export_cmd::ExportArgs;
use crate::output::{need, out};
use crate::{AwardArg, Cli};
use chrono::NaiveDate;
use clap::Args;
use pingshen_core::desk::{DossierFilePreview, ReturnPreview, SheetBefore};
use pingshen_core::exchange::ExchangeKind;
use pingshen_core::export::layout;
use pingshen_core::model::INDICATORS;
use pingshen_core::Desk;
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub(crate) struct OpenArgs {
    #[arg(value_parser = ["review-package"])]
    kind: String,
    file: PathBuf,
    /// 口令文件（或环境变量 PINGSHEN_PASSPHRASE）
    #[arg(long)]
    passphrase_file: Option<PathBuf>,
}

fn passphrase(file: Option<&Path>) -> anyhow::Result<String> {
    if let Some(f) = file {
        let text =
            std::fs::read_to_string(f).map_err(|e| anyhow::anyhow!("无法读取口令文件「{}」：{e}", f.display()))?;
        let p = text.lines().next().unwrap_or("").trim_end_matches('\r').to_string();
        if p.is_empty() {
            anyhow::bail!("口令文件「{}」是空的", f.display());
        }
        return Ok(p);
    }
    match std::env::var("PINGSHEN_PASSPHRASE") {
        Ok(p) if !p.is_empty() => Ok(p),
        _ => anyhow::bail!(
            "缺少口令：请用 --passphrase-file 指定口令文件，或设置环境变量 PINGSHEN_PASSPHRASE（口令不能写在命令行上）"
        ),
    }
}

fn name_of(p: &Path) -> String {
    p.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string())
}

fn read(p: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(p).map_err(|e| anyhow::anyhow!("无法读取「{}」：{e}", p.display()))
}

/// `export review-package | score-return | dossier-file` (`kind`).
pub(crate) fn export(cli: &Cli, desk: &Desk, args: &ExportArgs, kind: ExchangeKind) -> anyhow::Result<()> {
    let sec = desk.local_secretariat();
    let (bytes, detail) = match kind {
        ExchangeKind::ReviewPackage => {
            let expert = need(args.expert.as_deref(), "--expert 专家姓名")?;
            let pass = passphrase(args.passphrase_file.as_deref())?;
            let (bytes, info) = desk.export_review_package(&sec, cli.year, expert, &pass)?;
            (
                bytes,
                json!({"package_id": info.package_id, "expert": info.expert, "dossiers": info.dossiers, "attachments": info.attachments}),
            )
        }
        ExchangeKind::ScoreReturn => {
            let (bytes, n) = desk.export_score_return(&sec, cli.year)?;
            (bytes, json!({"sheets": n}))
        }
        ExchangeKind::DossierFile => {
            let unit = need(args.unit.as_deref(), "--unit 单位名称")?;
            (
                desk.export_dossier_file(&sec, cli.year, unit, args.award.map(|a: AwardArg| a.into()))?,
                json!({"unit": unit}),
            )
        }
    };
    layout::write_atomic(&args.out, &bytes)?;
    let mut j = json!({"file": args.out, "bytes": bytes.len()});
    j["detail"] = detail;
    out(cli, j, || format!("已导出{}：{}（{} 字节）", kind.label(), args.out.display(), bytes.len()));
    Ok(())
}

/// `open review-package FILE`: in the expert's own (new) database.
pub(crate) fn open(cli: &Cli, args: &OpenArgs) -> anyhow::Result<()> {
    let pass = passphrase(args.passphrase_file.as_deref())?;
    let bytes = read(&args.file)?;
    let desk = Desk::open(&cli.db)?;
    let info = desk.open_review_package(&desk.local_secretariat(), &name_of(&args.file), &bytes, &pass)?;
    out(cli, serde_json::to_value(&info)?, || {
        format!("已打开{}的评审材料包（{}年度，{}份材料）：用 export score-sheet 导出评分表，评完后 export score-return 导出评分回执", info.expert, info.year, info.dossiers)
    });
    Ok(())
}

pub(crate) fn import_score_return(cli: &Cli, desk: &Desk, file: &Path) -> anyhow::Result<()> {
    let r = desk.import_score_return(&desk.local_secretariat(), &name_of(file), &read(file)?)?;
    out(cli, serde_json::to_value(&r)?, || r.message.clone());
    Ok(())
}

pub(crate) fn import_dossier_file(cli: &Cli, desk: &Desk, file: &Path, received_on: NaiveDate) -> anyhow::Result<()> {
    let r = desk.import_dossier_file(&desk.local_secretariat(), cli.year, &name_of(file), &read(file)?, received_on)?;
    out(cli, serde_json::to_value(&r)?, || {
        if !r.changed {
            format!("{}（{}）的这份申报材料文件已导入过，未作任何更改", r.unit, r.award.label())
        } else {
            format!(
                "已{}{}（{}）的申报材料：{}收到{}",
                if r.replaced { "替换" } else { "导入" },
                r.unit,
                r.award.label(),
                r.received_on,
                if r.late { "（逾期，待秘书处决定）" } else { "" }
            )
        }
    });
    Ok(())
}

/// `import score-return FILE --preview`: what taking the return would do; nothing written.
pub(crate) fn preview_score_return(cli: &Cli, desk: &Desk, file: &Path) -> anyhow::Result<()> {
    let p = desk.preview_score_return(&desk.local_secretariat(), &name_of(file), &read(file)?)?;
    out(cli, serde_json::to_value(&p)?, || return_text(&p));
    Ok(())
}

fn return_text(p: &ReturnPreview) -> String {
    let mut lines = vec![
        format!("评分回执「{}」预览（未写入任何内容）", p.file),
        format!("专家：{}（{}年度，评审材料包 {}）", p.expert, p.year, p.package_id),
        match &p.pledge {
            Some(a) => format!(
                "承诺书：{}于{}签署{}",
                a.name,
                &a.accepted_at[..10.min(a.accepted_at.len())],
                if p.pledge_recorded { "（导入时记录）" } else { "" }
            ),
            None => "承诺书：回执未附专家的签署".to_string(),
        },
    ];
    for s in &p.sheets {
        let before = match s.before {
            SheetBefore::Pending => "新",
            SheetBefore::EarlierReturn => "替换此前的回执",
            SheetBefore::SameReturn => "已导入，无变化",
        };
        lines.push(format!("  {}　{}　总分 {}　{before}", s.unit, s.award.label(), s.total));
    }
    lines.push(format!("导入将：{}", p.message));
    lines.join("\n")
}

/// `import dossier-file FILE --received-on D --preview`: what taking the file would do; nothing written.
pub(crate) fn preview_dossier_file(cli: &Cli, desk: &Desk, file: &Path, received_on: NaiveDate) -> anyhow::Result<()> {
    let p =
        desk.preview_dossier_file(&desk.local_secretariat(), cli.year, &name_of(file), &read(file)?, received_on)?;
    out(cli, serde_json::to_value(&p)?, || dossier_text(&p));
    Ok(())
}

fn dossier_text(p: &DossierFilePreview) -> String {
    let mut lines = vec![
        format!("申报材料文件「{}」预览（未写入任何内容）", p.file),
        format!("单位：{}（{}）", p.unit, p.award.label()),
        format!(
            "申报单位日期：{}　秘书处收到：{}{}",
            p.applicant_on.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
            p.received_on,
            if p.late { "（逾期，待秘书处决定）" } else { "" }
        ),
        if !p.changed {
            "该文件已导入过，导入不会作任何更改".to_string()
        } else if p.replaces {
            "将替换已有的申报材料".to_string()
        } else {
            "将新增一份申报材料".to_string()
        },
        format!("联系人：{} {}", p.contact_name, p.contact_phone),
    ];
    let figures: Vec<String> =
        INDICATORS.iter().filter_map(|(id, label)| p.indicators.get(id).map(|v| format!("{label} {v}"))).collect();
    lines.push(format!("指标：{}", figures.join("，")));
    if p.matching_funds_yuan > 0 {
        lines.push(format!("配套资金：{} 元", p.matching_funds_yuan));
    }
    lines.push(format!("附件（{}）：", p.attachments.len()));
    for a in &p.attachments {
        lines.push(format!("  {}　{}　{} 字节", a.kind, a.file_name, a.size));
    }
    lines.join("\n")
}
