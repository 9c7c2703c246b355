//! `export archive --year Y --out FILE.zip`: a published year's archive through the core's
//! `export::archive` (every final document, 卷内目录, manifest.json with the log head). Here only
//! the options that do not apply refused in their names, the progress on stderr and the report.

use crate::export_cmd::ExportArgs;
use crate::output::out;
use crate::Cli;
use pingshen_core::export::archive::make_archive;
use pingshen_core::Desk;
use serde_json::json;

pub(crate) fn export(cli: &Cli, desk: &Desk, args: &ExportArgs) -> anyhow::Result<()> {
    if args.format.is_some() {
        anyhow::bail!("年度归档是一个zip文件，不用 --format；请去掉 --format，用 --out 指定 .zip 文件");
    }
    if args.unit.is_some() || args.award.is_some() || args.expert.is_some() {
        anyhow::bail!("年度归档包含该年度的全部文件，不用 --unit、--award 或 --expert；请去掉这些参数");
    }
    if args.passphrase_file.is_some() {
        anyhow::bail!("年度归档不加密，不用 --passphrase-file");
    }
    let file = &args.out;
    if !file.extension().is_some_and(|x| x.eq_ignore_ascii_case("zip")) {
        anyhow::bail!("年度归档是zip文件：请让 --out 以 .zip 结尾（例如 --out 2014年度评审档案.zip）");
    }
    let mut shown = false;
    let made = make_archive(desk, &desk.local_secretariat(), cli.year, file, None, &mut |done, total| {
        eprint!("\r正在制作年度归档 {done}/{total} …");
        shown = true;
    });
    if shown {
        eprintln!();
    }
    let made = made?;
    out(
        cli,
        json!({
            "file": made.file,
            "year": made.year,
            "files": made.files,
            "bytes": made.bytes,
            "audit_head": made.audit_head,
            "manifest_sha256": made.manifest_sha256,
        }),
        || {
            format!(
                "已制作{}年度归档：{}（{}个文件，{:.1} MB；日志位置 {}）",
                made.year,
                made.file,
                made.files,
                made.bytes as f64 / (1 << 20) as f64,
                made.audit_head
            )
        },
    );
    Ok(())
}
