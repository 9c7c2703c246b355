//! (3) The results: every expert's total per dossier, aggregate, mean, median, rank, grade, the
//! unit's 「上年」 and flags, one table per award (landscape); then the appendix 「附：名次稳健性」
//! (`results_robustness`).

use super::common::{cn_ordinal, confidential, keep_with_table, landscape_setup, place_table, quoted};
use super::PdfExporter;
use crate::desk::{previous_cell_lines, Desk, ResultRow};
use crate::error::Result;
use crate::export::flag_label;
use crate::export::layout::{zihao, ColWidth, Column, Document, Face, Style, Table};
use crate::model::Award;

impl PdfExporter {
    pub(super) fn results_doc(&self, desk: &Desk, year: Option<i32>) -> Result<Document<'_>> {
        let actor = desk.local_secretariat();
        let c = desk.campaign(year)?;
        let results = desk.results(&actor, Some(c.year))?;
        let title = format!("{}年度企业科协组织建设“试点示范”和“后补助”评审结果", c.year);
        let mut doc = self.doc(&title, landscape_setup());
        doc.set_watermark(Some(confidential("秘书处")));
        doc.paragraph(&title, &Style::title(zihao::XIAO_ER).face(Face::SansBold).after(2.0));
        doc.paragraph(
            &format!(
                "综合得分：有效评分不少于{}个时去掉一个最高分和一个最低分后取平均，否则取平均，显示保留两位小数（排名按精确值）；等级：{}分及以上为优秀，{}分及以上为合格，其余为不合格。当前阶段：{}。",
                c.policy.trim_from,
                c.policy.excellent_from,
                c.policy.qualified_from,
                results.stage.label()
            ),
            &Style::body(zihao::XIAO_WU).pitch(14.0).indent(0.0).after(4.0),
        );
        // a year with a panel meeting: when and where it sat, and its decisions in the flags (issue 18)
        let meeting = desk.meeting(&actor, Some(c.year))?;
        if meeting.enabled && meeting.opened {
            doc.paragraph(
                &format!(
                    "会议评审：{}在{}召开专家组会议，组长{}，出席{}人；{}。只有会议通过的申报安排经费。",
                    meeting.held_on.map(crate::dates::cn_date).unwrap_or_default(),
                    meeting.place.clone().unwrap_or_default(),
                    meeting.chair.clone().unwrap_or_default(),
                    meeting.present.len(),
                    if meeting.closed { "会议评审已结束" } else { "会议评审进行中" }
                ),
                &Style::body(zihao::XIAO_WU).pitch(14.0).indent(0.0).after(4.0),
            );
        }
        let heading = Style::heading(zihao::XIAO_SI).pitch(22.0).before(6.0).after(3.0);
        let mut section = 0;
        for award in Award::ALL {
            let mut rows: Vec<&ResultRow> = results.rows.iter().filter(|r| r.award == award).collect();
            if rows.is_empty() {
                continue;
            }
            rows.sort_by_key(|r| (r.rank.unwrap_or(u32::MAX), r.unit_order));
            section += 1;
            let n_pos = rows.iter().map(|r| r.experts.len()).max().unwrap_or(0).max(1);
            let mut cols = vec![
                Column::new("排名", ColWidth::Mm(10.0)).center(),
                Column::new("申报单位", ColWidth::Mm(48.0)),
                Column::new("评分数", ColWidth::Mm(13.0)).center(),
            ];
            // Each expert's cell: the name over the total.
            for i in 1..=n_pos {
                cols.push(Column::new(format!("专家{i}"), ColWidth::Mm(13.0)).right());
            }
            cols.extend([
                Column::new("综合得分", ColWidth::Mm(16.0)).right(),
                Column::new("平均分", ColWidth::Mm(14.0)).right(),
                Column::new("中位数", ColWidth::Mm(14.0)).right(),
                Column::new("等级", ColWidth::Mm(12.0)).center(),
                // the unit's grade and rank/of the last year it applied, or 首次申报
                Column::new("上年", ColWidth::Mm(22.0)).center(),
                Column::new("提示", ColWidth::Fr(1.0)),
            ]);
            let mut t = Table::new(cols).size(zihao::XIAO_WU);
            for r in &rows {
                let mut row = vec![
                    r.rank.map(|k| k.to_string()).unwrap_or_else(|| "—".into()),
                    r.unit.clone(),
                    r.n_scores.to_string(),
                ];
                for p in 0..n_pos {
                    row.push(r.experts.get(p).map(|e| format!("{}\n{}", e.expert, e.total)).unwrap_or_default());
                }
                let show = |p: Option<crate::decimal::Points>| p.map(|x| x.to_string()).unwrap_or_else(|| "—".into());
                let mut flags: Vec<String> = r.flags.iter().map(|f| flag_label(f)).collect();
                if let Some(m) = &r.meeting {
                    flags.push(format!(
                        "会议评审{}（赞成{}/应投{}）",
                        if m.passed { "通过" } else { "未通过，不安排经费" },
                        m.votes_for,
                        m.eligible
                    ));
                }
                if let Some(cn) = r.consensus.as_deref().filter(|s| !s.trim().is_empty()) {
                    flags.push(format!("专家组意见：{cn}"));
                }
                row.extend([
                    show(r.aggregate),
                    show(r.mean),
                    show(r.median),
                    r.grade.map(|g| g.label().to_string()).unwrap_or_else(|| "—".into()),
                    previous_cell_lines(r, c.year),
                    flags.join("；"),
                ]);
                t.row(row);
            }
            keep_with_table(&mut doc, heading.space_before + heading.line_pitch + heading.space_after, &t, 3);
            let ranked = rows.iter().filter(|r| r.rank.is_some()).count();
            doc.paragraph(
                &format!("{}、{}（{}份，排名{}份）", cn_ordinal(section), quoted(award), rows.len(), ranked),
                &heading,
            );
            place_table(&mut doc, &t)?;
        }
        if section == 0 {
            doc.paragraph("（暂无已推荐进入评审的申报材料）", &Style::body(zihao::XIAO_SI).before(12.0));
        }
        if !results.deviating_experts.is_empty() {
            doc.paragraph(
                &format!(
                    "评分偏离的专家（与同组其他专家平均分的平均绝对差超过{}分）：{}。",
                    c.policy.deviation_points,
                    results.deviating_experts.join("、")
                ),
                &Style::body(zihao::XIAO_WU).pitch(14.0).indent(0.0).before(6.0),
            );
        }
        self.robustness_appendix(&mut doc, desk, c.year)?;
        Ok(doc)
    }
}
