//! Issue 19 on the command line: `export letters --kind feedback|return|invitation --out DIR
//! [--unit U] [--expert E] [--seal] [--seed N]` through the core's `export::letters`, the seal on
//! `export notice|publicity-list --seal`, and `seal set FILE` / `seal clear` / `seal show`.

use crate::export_cmd::ExportArgs;
use crate::output::out;
use crate::Cli;
use clap::{Args, ValueEnum};
use pingshen_core::desk::LetterKind;
use pingshen_core::export::layout::write_atomic;
use pingshen_core::export::letters::{export_letters, LettersReq};
use pingshen_core::export::pdf::PdfExporter;
use pingshen_core::export::request::{self, ExportKind};
use pingshen_core::Desk;
use serde_json::json;
use std::path::PathBuf;

/// `--kind` of `export letters`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LetterArg {
    /// 评审意见反馈函（每个申报单位一份；已发布年度）
    Feedback,
    /// 补正通知（形式审查退回的申报材料）
    Return,
    /// 评审邀请函（每位专家一份）
    Invitation,
}

impl From<LetterArg> for LetterKind {
    fn from(a: LetterArg) -> LetterKind {
        match a {
            LetterArg::Feedback => LetterKind::Feedback,
            LetterArg::Return => LetterKind::Return,
            LetterArg::Invitation => LetterKind::Invitation,
        }
    }
}

pub(crate) fn export(cli: &Cli, desk: &Desk, args: &ExportArgs) -> anyhow::Result<()> {
    let Some(kind) = args.kind_of_letters else {
        anyhow::bail!(
            "请用 --kind 指明函件：feedback（评审意见反馈函）、return（补正通知）或 invitation（评审邀请函）"
        );
    };
    if args.format.is_some() || args.award.is_some() || args.passphrase_file.is_some() {
        anyhow::bail!("函件为 PDF，每个单位（专家）一份：不用 --format、--award 或 --passphrase-file");
    }
    let pdf = PdfExporter::load_default()?;
    let req = LettersReq { unit: args.unit.clone(), expert: args.expert.clone(), seal: args.seal, seed: args.seed };
    let mut shown = false;
    let run =
        export_letters(desk, &desk.local_secretariat(), cli.year, kind.into(), &args.out, &req, &pdf, &mut |d, t| {
            eprint!("\r正在生成 {d}/{t} …");
            shown = true;
        });
    if shown {
        eprintln!();
    }
    let run = run?;
    let files: Vec<String> = run.files.iter().map(|f| f.display().to_string()).collect();
    out(
        cli,
        json!({"kind": run.kind, "letters": run.letters, "files": files, "seed": run.seed.map(|s| s.to_string()), "sealed": run.sealed}),
        || {
            format!(
                "已导出{}{}份{}：{}（共{}个文件）",
                LetterKind::from(kind).label(),
                run.letters,
                if run.sealed { "（加盖印章）" } else { "" },
                args.out.display(),
                run.files.len()
            )
        },
    );
    Ok(())
}

/// `export notice|publicity-list --seal`: the document with the seal, logged with its head.
pub(crate) fn export_sealed(cli: &Cli, desk: &Desk, args: &ExportArgs, kind: ExportKind) -> anyhow::Result<()> {
    if !matches!(kind, ExportKind::Notice | ExportKind::PublicityList) {
        anyhow::bail!("--seal 只用于通报（notice）、公示名单（publicity-list）和函件（letters）");
    }
    if !args.out.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf"))
        || args.format.is_some_and(|f| f.0 != request::ExportFormat::Pdf)
    {
        anyhow::bail!("加盖印章的文件只能导出为 PDF：请让 --out 以 .pdf 结尾");
    }
    request::check_folder(&args.out)?;
    let seal = desk.seal_image()?;
    let pdf = PdfExporter::load_default()?;
    let bytes = match kind {
        ExportKind::Notice => pdf.notice_sealed(desk, cli.year, &seal)?,
        _ => pdf.publicity_list_sealed(desk, cli.year, &seal)?,
    };
    write_atomic(&args.out, &bytes)?;
    let head = desk.audit_head()?.map(|h| h.to_string());
    let name = args.out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    desk.record_sealed_export(&desk.local_secretariat(), cli.year, kind.label(), &name, head)?;
    out(cli, json!({"file": args.out, "bytes": bytes.len(), "sealed": true}), || {
        format!("已导出{}（加盖印章）：{}", kind.label(), args.out.display())
    });
    Ok(())
}

#[derive(Args)]
pub(crate) struct SealArgs {
    #[arg(value_parser = ["set", "clear", "show"])]
    action: String,
    /// set：印章图片（PNG，背景透明，不超过 1 MB）
    file: Option<PathBuf>,
}

pub(crate) fn seal(cli: &Cli, desk: &Desk, args: &SealArgs) -> anyhow::Result<()> {
    let me = desk.local_secretariat();
    match args.action.as_str() {
        "set" => {
            let Some(file) = &args.file else {
                anyhow::bail!("请给出印章图片文件：pingshen seal set 印章.png")
            };
            let info = desk.set_seal(&me, file)?;
            out(cli, serde_json::to_value(&info)?, || {
                format!("已设置印章：{}×{} 像素，{} 字节，SHA-256 {}", info.width, info.height, info.bytes, info.sha256)
            });
            Ok(())
        }
        "clear" => {
            desk.clear_seal(&me)?;
            out(cli, json!({"cleared": true}), || "已清除印章".to_string());
            Ok(())
        }
        _ => {
            let info = desk.seal_info(&me)?;
            out(cli, serde_json::to_value(&info)?, || match &info {
                Some(i) => {
                    format!("印章：{}×{} 像素，{} 字节，{} 于 {} 设置", i.width, i.height, i.bytes, i.set_by, i.set_at)
                }
                None => "尚未设置印章".to_string(),
            });
            Ok(())
        }
    }
}
