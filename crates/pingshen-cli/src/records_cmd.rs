//! `audit` (verify against the log, a head or a backup; log; head), `backup` (to a file, beside
//! the database, list, how many automatic ones to keep) and `restore`.

use crate::output::out;
use crate::Cli;
use clap::Args;
use pingshen_core::store::AuditHead;
use pingshen_core::Desk;
use serde_json::json;
use std::path::PathBuf;

#[derive(Args)]
pub(crate) struct AuditArgs {
    /// verify 校验 / log 查看 / head 当前日志位置（序号:哈希）
    #[arg(value_parser = ["verify", "log", "head"])]
    action: String,
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// verify：日志须仍到达此位置（导出文件属性「关键词」中的 pingshen-audit-head=序号:哈希）
    #[arg(long)]
    head: Option<String>,
    /// verify：日志须仍到达这些文件所记录的位置（备份、年度归档zip，或评审台导出的PDF/XLSX；可多次给出）
    #[arg(long)]
    against: Vec<PathBuf>,
}

#[derive(Args)]
pub(crate) struct BackupArgs {
    /// 备份到的新文件（省略时备份到数据库所在文件夹，按时间命名）
    out: Option<PathBuf>,
    /// 列出数据库文件夹中的备份
    #[arg(long)]
    list: bool,
    /// 设置自动备份（每次阶段变更前）保留的份数（1–100）
    #[arg(long)]
    keep: Option<u32>,
}

pub(crate) fn audit(cli: &Cli, desk: &Desk, a: &AuditArgs) -> anyhow::Result<()> {
    let sec = desk.local_secretariat();
    match a.action.as_str() {
        "verify" => {
            let c = desk.audit_check()?;
            let mut problems: Vec<String> = c.findings.iter().map(|f| f.message.clone()).collect();
            let mut reached = Vec::new();
            if let Some(h) = &a.head {
                let h: AuditHead = h.trim().trim_start_matches(pingshen_core::store::HEAD_KEYWORD).parse()?;
                match desk.audit_reaches(&h) {
                    Ok(()) => reached.push(h.to_string()),
                    Err(e) => problems.push(e.to_string()),
                }
            }
            for f in &a.against {
                match desk.check_against_file(&sec, f) {
                    Ok(r) if r.reached && r.altered.is_empty() => {
                        reached.push(format!("{}（{}，{}）", r.head, r.kind, r.file))
                    }
                    Ok(r) => problems.push(r.message),
                    Err(e) => problems.push(e.to_string()),
                }
            }
            if !problems.is_empty() {
                let message = format!("操作日志校验失败，共{}处：\n{}", problems.len(), problems.join("\n"));
                if cli.json {
                    // one JSON document on stdout: the report, with the error in it
                    out(
                        cli,
                        json!({"ok": false, "entries": c.entries, "findings": c.findings, "problems": problems, "error": message}),
                        String::new,
                    );
                    return Err(crate::Reported(message).into());
                }
                anyhow::bail!(message);
            }
            let head = c.head.map(|h| h.to_string()).unwrap_or_default();
            out(cli, json!({"ok": true, "entries": c.entries, "head": head, "reached": reached}), || {
                let mut s =
                    format!("操作日志完整：共{}条，每张数据表的每一行都与日志记录一致；当前位置 {head}", c.entries);
                for r in &reached {
                    s += &format!("\n日志仍到达 {r}");
                }
                s
            });
        }
        "head" => {
            let h = desk.audit_head()?.map(|h| h.to_string()).unwrap_or_default();
            out(cli, json!({"head": h}), || h.clone());
        }
        _ => {
            let v = desk.audit_log(&sec, a.limit)?;
            out(cli, serde_json::to_value(&v)?, || {
                v.iter()
                    .map(|e| {
                        format!("{:>5} {} {} {} {}", e.seq, crate::beijing_time(&e.at), e.actor, e.action, e.subject)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(())
}

pub(crate) fn backup(cli: &Cli, desk: &Desk, a: &BackupArgs) -> anyhow::Result<()> {
    let sec = desk.local_secretariat();
    if let Some(n) = a.keep {
        desk.set_backups_kept(&sec, n)?;
        out(cli, json!({"kept": n}), || format!("自动备份保留最近{n}份"));
        return Ok(());
    }
    if a.list {
        let v = desk.list_backups(&sec)?;
        out(cli, serde_json::to_value(&v)?, || {
            v.iter()
                .map(|b| {
                    format!(
                        "{}  {}  {:.1} MB  日志位置 {}",
                        b.kind,
                        b.file_name,
                        b.bytes as f64 / 1e6,
                        b.head.as_ref().map(|h| h.seq.to_string()).unwrap_or_else(|| "无法读取".into())
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        });
        return Ok(());
    }
    let file = match &a.out {
        Some(f) => {
            desk.backup(&sec, f)?;
            f.clone()
        }
        None => desk.backup_beside(&sec)?,
    };
    out(cli, json!({"ok": true, "file": file}), || format!("已备份到 {}", file.display()));
    Ok(())
}

/// `restore FILE`: no desk is open on the database meanwhile.
pub(crate) fn restore(cli: &Cli, from: &std::path::Path) -> anyhow::Result<()> {
    let sec = Desk::open_in_memory()?.local_secretariat();
    let r = Desk::restore(&sec, &cli.db, from)?;
    out(cli, serde_json::to_value(&r)?, || {
        format!(
            "已从 {} 恢复（日志位置 {}）；恢复前的数据库已保留为 {}",
            r.from,
            r.head.seq,
            r.previous_kept_at.clone().unwrap_or_else(|| "（原无数据库）".into())
        )
    });
    Ok(())
}
