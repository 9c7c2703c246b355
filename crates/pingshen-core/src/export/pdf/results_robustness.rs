//! (3) The results PDF's appendix 「附：名次稳健性」 (issue 18): per award with ranked dossiers,
//! the ICC with its plain reading, every variant (way of counting, or one expert left out) with
//! how many of the actually funded dossiers its top m keeps and which it adds or drops, and the
//! flips table (unit, the
//! variants under which its funded status is the other way). No page when nothing is ranked.

use super::common::{keep_with_table, place_table, quoted};
use super::PdfExporter;
use crate::desk::{AwardRobustness, Desk};
use crate::error::Result;
use crate::export::layout::{zihao, ColWidth, Column, Document, Face, Style, Table};
use std::collections::BTreeSet;

/// 「0.812（良好）」, or 「—」 when the ICC cannot be computed.
fn icc_text(v: Option<f64>, reading: Option<crate::robustness::IccReading>) -> String {
    match (v, reading) {
        (Some(v), Some(r)) => format!("{v:.3}（{}）", r.label()),
        (Some(v), None) => format!("{v:.3}"),
        _ => "—".into(),
    }
}

/// The paragraph above an award's tables: the ICC and what m is.
fn award_summary(a: &AwardRobustness) -> String {
    let icc = if a.icc1.is_some() || a.icc1k.is_some() {
        format!(
            "组内相关系数：单一专家ICC1 = {}，专家平均ICC1k = {}（{}份申报、{}个评分）；",
            icc_text(a.icc1, a.icc1_reading),
            icc_text(a.icc1k, a.icc1k_reading),
            a.icc_dossiers,
            a.icc_scores
        )
    } else {
        "有两个以上评分的申报不足两份，无法计算组内相关系数；".into()
    };
    let stable = a.stable_share.map(|s| format!("，各算法下状态均不变的占{:.1}%", s * 100.0)).unwrap_or_default();
    format!("{icc}排名{}份，{}{}份（m）{stable}。", a.ranked, a.basis.label(), a.m)
}

impl PdfExporter {
    /// Appends the appendix to the results document when some award has ranked dossiers.
    pub(super) fn robustness_appendix(&self, doc: &mut Document<'_>, desk: &Desk, year: i32) -> Result<()> {
        let report = desk.robustness(&desk.local_secretariat(), Some(year))?;
        let awards: Vec<&AwardRobustness> = report.awards.iter().filter(|a| a.ranked > 0).collect();
        if awards.is_empty() {
            return Ok(());
        }
        doc.new_page();
        doc.paragraph("附：名次稳健性", &Style::title(zihao::SAN).face(Face::SansBold).after(2.0));
        doc.paragraph(
            "按已提交评分表的总分，以不同算法（算术平均、中位数、评审规则的综合得分、各专家分数标准化后的平均）和依次去掉一位专家的综合得分重新排名，各取前m名（m为实际获补助或确定的申报数），与实际结果比较。组内相关系数（ICC）读法：小于0.5为差，0.5至0.75为中等，0.75至0.9为良好，0.9及以上为优秀。",
            &Style::body(zihao::XIAO_WU).pitch(14.0).indent(0.0).after(4.0),
        );
        let heading = Style::heading(zihao::XIAO_SI).pitch(22.0).before(6.0).after(3.0);
        let note = Style::body(zihao::XIAO_WU).pitch(14.0).indent(0.0).after(3.0);
        for (i, a) in awards.iter().enumerate() {
            if a.m == 0 {
                doc.paragraph(&format!("{}、{}", i + 1, quoted(a.award)), &heading);
                doc.paragraph(&award_summary(a), &note);
                let names: Vec<&str> = a.variants.iter().map(|v| v.label.as_str()).collect();
                doc.paragraph(
                    &format!("没有获安排的申报（m = 0），各算法的前m名均为空，不作比较。算法：{}。", names.join("、")),
                    &note,
                );
                continue;
            }
            let actual: BTreeSet<i64> = a.dossiers.iter().filter(|d| d.funded).map(|d| d.dossier_id).collect();
            let mut t = Table::new(vec![
                Column::new("算法", ColWidth::Mm(60.0)),
                Column::new("前m名中实际获安排的", ColWidth::Mm(40.0)).center(),
                Column::new("前m名与实际相比", ColWidth::Fr(1.0)),
            ])
            .size(zihao::XIAO_WU);
            let unit_of =
                |id: i64| a.dossiers.iter().find(|d| d.dossier_id == id).map(|d| d.unit.clone()).unwrap_or_default();
            for v in &a.variants {
                let kept = v.funded.iter().filter(|id| actual.contains(id)).count();
                let mine: BTreeSet<i64> = v.funded.iter().copied().collect();
                let added: Vec<String> =
                    v.funded.iter().filter(|id| !actual.contains(id)).map(|&id| unit_of(id)).collect();
                let removed: Vec<String> = a
                    .dossiers
                    .iter()
                    .filter(|d| d.funded && !mine.contains(&d.dossier_id))
                    .map(|d| d.unit.clone())
                    .collect();
                let diff = match (added.is_empty(), removed.is_empty()) {
                    (true, true) => "相同".to_string(),
                    _ => [("增：", added), ("减：", removed)]
                        .into_iter()
                        .filter(|(_, u)| !u.is_empty())
                        .map(|(k, u)| format!("{k}{}", u.join("、")))
                        .collect::<Vec<_>>()
                        .join("；"),
                };
                t.row(vec![v.label.clone(), format!("{kept}/{}", a.m), diff]);
            }
            keep_with_table(doc, heading.space_before + heading.line_pitch + heading.space_after + 30.0, &t, 3);
            doc.paragraph(&format!("{}、{}", i + 1, quoted(a.award)), &heading);
            doc.paragraph(&award_summary(a), &note);
            place_table(doc, &t)?;
            if a.flips.is_empty() {
                doc.paragraph("各算法下获安排的申报均与实际相同，没有名次不稳定的申报。", &note.clone().before(4.0));
                continue;
            }
            let label_of = |key: &str| {
                a.variants.iter().find(|v| v.key == key).map(|v| v.label.clone()).unwrap_or_else(|| key.into())
            };
            let mut f = Table::new(vec![
                Column::new("排名", ColWidth::Mm(12.0)).center(),
                Column::new("申报单位", ColWidth::Mm(60.0)),
                Column::new("实际", ColWidth::Mm(22.0)).center(),
                Column::new("名次不稳定：状态相反的算法", ColWidth::Fr(1.0)),
            ])
            .size(zihao::XIAO_WU);
            for fl in &a.flips {
                f.row(vec![
                    fl.rank.to_string(),
                    fl.unit.clone(),
                    if fl.funded { "获安排".into() } else { "未获安排".into() },
                    fl.variants.iter().map(|k| label_of(k)).collect::<Vec<_>>().join("、"),
                ]);
            }
            keep_with_table(doc, note.line_pitch * 2.0, &f, 2);
            doc.paragraph(&format!("名次不稳定的申报（{}份）：", a.flips.len()), &note.clone().before(4.0));
            place_table(doc, &f)?;
        }
        Ok(())
    }
}
