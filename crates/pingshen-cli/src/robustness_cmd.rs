//! `results --robustness`: does the ranking hold? (one `Desk::robustness` call; issue 18)

use crate::Cli;
use pingshen_core::desk::{AwardRobustness, RobustnessReport};
use pingshen_core::{Actor, Desk};
use std::collections::{BTreeSet, HashMap};

pub(crate) fn robustness(cli: &Cli, desk: &Desk, actor: &Actor, year: Option<i32>) -> anyhow::Result<()> {
    let r = desk.robustness(actor, year)?;
    if cli.json {
        crate::output::line(&serde_json::to_string_pretty(&r)?);
    } else {
        crate::output::line(&text(&r));
    }
    Ok(())
}

/// An ICC with its plain reading: 「0.916（优秀）」, or 「—（不足两个有两份以上评分的材料）」.
fn icc_text(x: Option<f64>, reading: Option<pingshen_core::robustness::IccReading>) -> String {
    match (x, reading) {
        (Some(x), Some(r)) => format!("{x:.3}（{}）", r.label()),
        _ => "—（无法计算）".into(),
    }
}

/// The readable report: per award the ICC, how each variant's funded list differs from the
/// actual one, the flips and the stable share.
pub(crate) fn text(r: &RobustnessReport) -> String {
    let mut out = vec![format!("{}年度 名次稳健性（{}）", r.year, r.stage.label())];
    for a in &r.awards {
        out.push(String::new());
        out.extend(award_text(a));
    }
    out.join("\n")
}

fn award_text(a: &AwardRobustness) -> Vec<String> {
    let mut out = vec![format!("{}：参与排名{}个，获支持{}个（{}）", a.award.label(), a.ranked, a.m, a.basis.label())];
    if a.ranked == 0 {
        out.push("  无参与排名的申报材料".into());
        return out;
    }
    out.push(format!(
        "  评分一致性：ICC1 = {}，ICC1k = {}（{}个有两份以上评分的材料，{}份评分，k0 = {}）",
        icc_text(a.icc1, a.icc1_reading),
        icc_text(a.icc1k, a.icc1k_reading),
        a.icc_dossiers,
        a.icc_scores,
        a.k0.map(|k| format!("{k:.3}")).unwrap_or_else(|| "—".into())
    ));
    let unit: HashMap<i64, &str> = a.dossiers.iter().map(|d| (d.dossier_id, d.unit.as_str())).collect();
    let actual: BTreeSet<i64> = a.dossiers.iter().filter(|d| d.funded).map(|d| d.dossier_id).collect();
    let names = |ids: Vec<i64>| ids.iter().map(|i| unit.get(i).copied().unwrap_or("?")).collect::<Vec<_>>().join("、");
    out.push("  各计分方式下的获支持名单（与实际相比）：".into());
    for v in &a.variants {
        let set: BTreeSet<i64> = v.funded.iter().copied().collect();
        let added: Vec<i64> = v.funded.iter().copied().filter(|i| !actual.contains(i)).collect();
        let removed: Vec<i64> =
            a.dossiers.iter().map(|d| d.dossier_id).filter(|i| actual.contains(i) && !set.contains(i)).collect();
        let diff = if added.is_empty() && removed.is_empty() {
            "相同".to_string()
        } else {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("进入：{}", names(added)));
            }
            if !removed.is_empty() {
                parts.push(format!("退出：{}", names(removed)));
            }
            parts.join("；")
        };
        out.push(format!("    {}：{diff}", v.label));
    }
    let label: HashMap<&str, &str> = a.variants.iter().map(|v| (v.key.as_str(), v.label.as_str())).collect();
    if a.flips.is_empty() {
        out.push("  名次不稳定：无（任一计分方式下获支持名单都不变）".into());
    } else {
        out.push("  名次不稳定（获支持与否随计分方式改变）：".into());
        for f in &a.flips {
            let vs: Vec<&str> = f.variants.iter().map(|k| label.get(k.as_str()).copied().unwrap_or(k)).collect();
            out.push(format!(
                "    第{}名 {}：实际{}；{}时{}",
                f.rank,
                f.unit,
                if f.funded { "获支持" } else { "未获支持" },
                vs.join("、"),
                if f.funded { "不获支持" } else { "获支持" }
            ));
        }
    }
    if let Some(s) = a.stable_share {
        let stable = a.dossiers.iter().filter(|d| d.stable).count();
        out.push(format!("  名次稳定的比例：{:.1}%（{stable}/{}）", s * 100.0, a.ranked));
    }
    out
}
