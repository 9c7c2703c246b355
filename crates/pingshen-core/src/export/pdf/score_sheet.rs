//! (2) An expert's score sheet for panel meetings: dossiers × criteria (landscape), one table
//! per award, with the submitted scores.

use super::common::{cn_ordinal, confidential, keep_with_table, landscape_setup, place_table, quoted, signature_box};
use super::PdfExporter;
use crate::desk::{AssignmentView, Desk};
use crate::error::Result;
use crate::export::expert_assignments;
use crate::export::layout::{zihao, ColWidth, Column, Document, Face, Style, Table};
use crate::model::Award;
use crate::units;
use crate::workflow::SheetState;

impl PdfExporter {
    pub(super) fn score_sheet_doc(&self, desk: &Desk, year: Option<i32>, expert: &str) -> Result<Document<'_>> {
        let actor = desk.local_secretariat();
        let c = desk.campaign(year)?;
        let (employer, assigned) = expert_assignments(desk, &c, expert)?;
        let name = expert.trim();
        let title = format!("{}年度评审专家评分表（{name}）", c.year);
        let mut doc = self.doc(&title, landscape_setup());
        doc.set_watermark(Some(confidential(name)));
        doc.paragraph(
            &format!("{}年度企业科协组织建设评审　专家评分表", c.year),
            &Style::title(zihao::XIAO_ER).face(Face::SansBold).after(2.0),
        );
        doc.paragraph(
            &format!("评审专家：{name}　　工作单位：{employer}　　评审材料：{}份", assigned.len()),
            &Style::title(zihao::XIAO_SI).face(Face::Serif).after(6.0),
        );
        let heading = Style::heading(zihao::XIAO_SI).pitch(22.0).before(6.0).after(3.0);
        let mut section = 0;
        for award in Award::ALL {
            let mine: Vec<&AssignmentView> = assigned.iter().filter(|a| a.award == award).collect();
            if mine.is_empty() {
                continue;
            }
            section += 1;
            let rubric = c.rubric(award);
            let mut cols =
                vec![Column::new("序号", ColWidth::Mm(12.0)).center(), Column::new("申报单位", ColWidth::Mm(44.0))];
            for k in &rubric.criteria {
                let how = if k.is_auto() { "自动·" } else { "" };
                cols.push(
                    Column::new(format!("{}\n{how}{}分", short_name(&k.name), k.points), ColWidth::Fr(1.0)).right(),
                );
            }
            cols.push(Column::new("合计", ColWidth::Mm(18.0)).right());
            let mut t = Table::new(cols).size(zihao::WU);
            let mut submitted = 0;
            for (i, a) in mine.iter().enumerate() {
                let sheet = desk.dossier_scores(&actor, a.dossier_id)?.into_iter().find(|s| s.assignment_id == a.id);
                let done = a.state == SheetState::Submitted;
                let unit = units::by_code(&a.unit_code).map(|u| u.short_name.clone()).unwrap_or_else(|| a.unit.clone());
                let mut row = vec![(i + 1).to_string(), unit];
                for k in &rubric.criteria {
                    let v =
                        sheet.as_ref().and_then(|s| s.scores.iter().find(|x| x.criterion == k.id)).map(|x| x.points);
                    row.push(match v {
                        Some(v) if k.is_auto() || done => v.to_string(),
                        _ => String::new(),
                    });
                }
                let total = sheet.as_ref().and_then(|s| s.total);
                row.push(match total {
                    Some(t) if done => {
                        submitted += 1;
                        t.to_string()
                    }
                    _ => "未提交".to_string(),
                });
                t.row(row);
            }
            keep_with_table(&mut doc, heading.space_before + heading.line_pitch + heading.space_after, &t, 3);
            doc.paragraph(
                &format!(
                    "{}、{}（{}份，已提交{}份）　{}",
                    cn_ordinal(section),
                    quoted(award),
                    mine.len(),
                    submitted,
                    rubric.title
                ),
                &heading,
            );
            place_table(&mut doc, &t)?;
            let legend: Vec<String> = rubric
                .criteria
                .iter()
                .map(|k| format!("{}（{}分{}）", k.name, k.points, if k.is_auto() { "，自动计算" } else { "" }))
                .collect();
            doc.paragraph(
                &format!("评分项：{}。", legend.join("；")),
                &Style::body(zihao::XIAO_WU).pitch(14.0).indent(0.0).before(3.0),
            );
        }
        doc.paragraph(
            "说明：自动评分项按申报指标计算；得分和合计只列出已提交（锁定）的评分表，“未提交”的请专家在会上补填。",
            &Style::new(Face::Serif, zihao::XIAO_WU).pitch(14.0).before(6.0).after(10.0),
        );
        signature_box(&mut doc, "评审专家签名")?;
        Ok(doc)
    }
}

/// The short head of a criterion's name: up to the first colon, bracket or comma
/// (组织领导：列入议事日程… → 组织领导).
fn short_name(name: &str) -> &str {
    let end = name.find(['：', '（', '，', '(', ':']).unwrap_or(name.len());
    if end == 0 {
        name
    } else {
        &name[..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(short_name("组织领导：列入议事日程，领导分管，专人负责"), "组织领导");
        assert_eq!(short_name("园区科协覆盖率（目标25%）"), "园区科协覆盖率");
        assert_eq!(short_name("发展规划和年度计划"), "发展规划和年度计划");
    }
}
