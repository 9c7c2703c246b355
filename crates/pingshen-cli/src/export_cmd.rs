//! `export`: a document (PDF/XLSX) through the core's `export::request`, as the window asks for
//! one, or an exchange file through `exchange_cmd`. Here only what belongs to the command line:
//! the options turned into an `ExportReq`, their refusals worded with the options' names, the
//! expert package's progress on stderr, and the report. Nothing is written on any refusal. A
//! year's archive is handed to `archive_cmd`.

use crate::kinds::{ExportWhat, Format};
use crate::output::{need, out};
use crate::{archive_cmd, exchange_cmd, letters_cmd, AwardArg, Cli};
use clap::Args;
use pingshen_core::export::layout::write_atomic;
use pingshen_core::export::pdf::PdfExporter;
use pingshen_core::export::request::{self, ExportFormat, ExportKind, ExportReq, Unfit};
use pingshen_core::Desk;
use serde_json::json;
use std::path::PathBuf;

#[derive(Args)]
pub(crate) struct ExportArgs {
    pub(crate) kind: ExportWhat,
    /// 文件格式（默认按 --out 的扩展名）
    #[arg(long)]
    pub(crate) format: Option<Format>,
    /// 保存到的文件
    #[arg(long)]
    pub(crate) out: PathBuf,
    /// review-package：口令文件（口令也可放在环境变量 PINGSHEN_PASSPHRASE；不接受命令行参数）
    #[arg(long)]
    pub(crate) passphrase_file: Option<PathBuf>,
    /// 专家姓名：dossier 导出该专家的全部材料（或作为单份材料的阅读人水印），score-sheet 必填
    #[arg(long)]
    pub(crate) expert: Option<String>,
    /// dossier：单位名称（全称或简称）
    #[arg(long)]
    pub(crate) unit: Option<String>,
    /// dossier：单位同时申报两类时指明类别
    #[arg(long)]
    pub(crate) award: Option<AwardArg>,
    /// letters：函件种类
    #[arg(long = "kind")]
    pub(crate) kind_of_letters: Option<letters_cmd::LetterArg>,
    /// notice、publicity-list、letters：加盖印章（须先 seal set）
    #[arg(long)]
    pub(crate) seal: bool,
    /// letters --kind feedback：专家意见排列顺序的种子（默认随机；操作日志记录所用种子）
    #[arg(long)]
    pub(crate) seed: Option<u64>,
}

/// The request the options ask for. `dossier` without `--unit` but with `--expert` is that
/// expert's whole package (its `--award`, if any, is not used).
fn request_for(kind: ExportKind, format: ExportFormat, args: &ExportArgs) -> ExportReq {
    let expert_named = args.expert.as_deref().is_some_and(|e| !e.trim().is_empty());
    if kind == ExportKind::Dossier && args.unit.is_none() && expert_named {
        return ExportReq {
            kind: ExportKind::ExpertPackage,
            format,
            unit: None,
            award: None,
            expert: args.expert.clone(),
        };
    }
    ExportReq { kind, format, unit: args.unit.clone(), award: args.award.map(Into::into), expert: args.expert.clone() }
}

/// A request's unfitness in the command line's words (`what` as the user named it).
fn refusal(u: Unfit, what: ExportWhat) -> anyhow::Error {
    match u {
        Unfit::Format => anyhow::anyhow!("{}只能导出为 PDF（--format pdf）", what.label()),
        Unfit::Unit => anyhow::anyhow!("--unit 和 --award 只用于导出阅读材料（export dossier）"),
        Unfit::Expert => anyhow::anyhow!("--expert 只用于导出阅读材料（dossier）和专家评分表（score-sheet）"),
    }
}

pub(crate) fn export(cli: &Cli, desk: &Desk, args: &ExportArgs) -> anyhow::Result<()> {
    let kind = match args.kind {
        ExportWhat::Document(k) => k,
        ExportWhat::Exchange(k) => return exchange_cmd::export(cli, desk, args, k),
        ExportWhat::Archive => return archive_cmd::export(cli, desk, args),
        ExportWhat::Letters => return letters_cmd::export(cli, desk, args),
    };
    if args.kind_of_letters.is_some() || args.seed.is_some() {
        anyhow::bail!("--kind 和 --seed 只用于导出函件（export letters）");
    }
    if args.seal {
        return letters_cmd::export_sealed(cli, desk, args, kind);
    }
    let file = &args.out;
    let format = match args.format.map(|f| f.0).or_else(|| ExportFormat::of_path(file)) {
        Some(f) => f,
        None => anyhow::bail!("请用 --format pdf 或 --format xlsx 指明文件格式（或让 --out 以 .pdf / .xlsx 结尾）"),
    };
    let req = request_for(kind, format, args);
    if let Some(u) = req.unfit() {
        return Err(refusal(u, args.kind));
    }
    request::check_folder(file)?;
    let pdf = match format {
        ExportFormat::Pdf => Some(PdfExporter::load_default()?),
        ExportFormat::Xlsx => None,
    };
    match req.kind {
        ExportKind::Dossier if req.unit.is_none() => {
            anyhow::bail!("导出阅读材料须指定 --unit 单位（单份材料）或 --expert 专家（该专家的全部材料）")
        }
        ExportKind::ScoreSheet => {
            need(req.expert.as_deref().map(str::trim).filter(|e| !e.is_empty()), "--expert 专家姓名")?;
        }
        _ => {}
    }
    let mut shown = false;
    let doc = request::render(desk, &desk.local_secretariat(), cli.year, &req, pdf.as_ref(), &mut |done, total| {
        eprint!("\r正在生成 {done}/{total} …");
        shown = true;
    });
    if shown {
        eprintln!();
    }
    let doc = doc?;
    write_atomic(file, &doc.bytes)?;
    let (size, pages) = (doc.bytes.len(), doc.pages);
    let mut j = json!({"file": file, "bytes": size});
    if let Some(p) = pages {
        j["pages"] = json!(p);
    }
    out(cli, j, || {
        let size = if size >= 1 << 20 {
            format!("{:.1} MB", size as f64 / (1 << 20) as f64)
        } else {
            format!("{:.0} KB", (size as f64 / 1024.0).ceil())
        };
        format!(
            "已导出{}：{}（{}{}）",
            args.kind.label(),
            file.display(),
            pages.map(|p| format!("{p}页，")).unwrap_or_default(),
            size
        )
    });
    Ok(())
}
