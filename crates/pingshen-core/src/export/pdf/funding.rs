//! (6) The funding table 经费表 in 万元 (landscape): one row per funding line, totals, the
//! budget and what remains of it.

use super::common::{keep_with_table, landscape_setup, place_table};
use super::PdfExporter;
use crate::dates::cn_date;
use crate::decimal::wan_yuan;
use crate::desk::Desk;
use crate::error::Result;
use crate::export::funding_lines;
use crate::export::layout::{zihao, Align, ColWidth, Column, Document, Face, Style, Table};
use crate::model::Award;

impl PdfExporter {
    pub(super) fn funding_table_doc(&self, desk: &Desk, year: Option<i32>) -> Result<Document<'_>> {
        let (c, t) = funding_lines(desk, year)?;
        let title = format!("{}年度企业科协组织建设“试点示范”和“后补助”经费安排表", c.year);
        let mut doc = self.doc(&title, landscape_setup());
        doc.paragraph(&title, &Style::title(zihao::XIAO_ER).face(Face::SansBold).after(4.0));
        let small = Style::new(Face::Serif, zihao::WU).pitch(16.0);
        let setup = doc.page_setup();
        let y = doc.cursor_mm();
        doc.text_at(setup.margins.left + setup.content_width_mm(), y, "单位：万元", &small.clone().align(Align::Right));
        doc.paragraph(
            &format!(
                "试点示范经费{}前拨付，单位须按申报承诺给予配套资金；后补助经费于{}前拨付。",
                cn_date(c.dates.pilot_pay_by),
                cn_date(c.dates.subsidy_pay_by)
            ),
            &small.clone().after(2.0),
        );
        let mut table = Table::new(vec![
            Column::new("序号", ColWidth::Mm(12.0)).center(),
            Column::new("单位", ColWidth::Fr(1.2)),
            Column::new("类别", ColWidth::Mm(20.0)).center(),
            Column::new("评审得分", ColWidth::Mm(19.0)).right(),
            Column::new("等级", ColWidth::Mm(13.0)).center(),
            Column::new("金额\n（万元）", ColWidth::Mm(22.0)).right(),
            Column::new("配套资金\n（万元）", ColWidth::Mm(22.0)).right(),
            Column::new("拨付时限", ColWidth::Mm(36.0)).center(),
            Column::new("备注", ColWidth::Fr(1.5)),
        ]);
        for (i, l) in t.lines.iter().enumerate() {
            table.row([
                (i + 1).to_string(),
                l.unit.clone(),
                l.award.label().to_string(),
                l.aggregate.map(|a| a.to_string()).unwrap_or_else(|| "—".into()),
                l.grade.map(|g| g.label().to_string()).unwrap_or_else(|| "—".into()),
                wan_yuan(l.amount_yuan),
                if l.award == Award::Pilot || l.matching_yuan != 0 { wan_yuan(l.matching_yuan) } else { String::new() },
                format!("{}前", cn_date(l.pay_by)),
                l.note.clone(),
            ]);
        }
        let matching_total: i64 = t.lines.iter().map(|l| l.matching_yuan).sum();
        table.total([
            String::new(),
            format!("合计（{}个单位）", t.lines.len()),
            String::new(),
            String::new(),
            String::new(),
            wan_yuan(t.total_yuan),
            wan_yuan(matching_total),
            String::new(),
            String::new(),
        ]);
        place_table(&mut doc, &table)?;

        // The budget and what remains, in one row under the table.
        let count = |a: Award| t.lines.iter().filter(|l| l.award == a).count();
        let mut sum = Table::new(vec![
            Column::new(format!("试点示范（{}个单位）", count(Award::Pilot)), ColWidth::Fr(1.0)).right(),
            Column::new(format!("后补助（{}个单位）", count(Award::Subsidy)), ColWidth::Fr(1.0)).right(),
            Column::new("合计", ColWidth::Fr(1.0)).right(),
            Column::new("年度后补助预算", ColWidth::Fr(1.0)).right(),
            Column::new("预算结余（预算减后补助）", ColWidth::Fr(1.0)).right(),
        ]);
        sum.row([
            wan_yuan(t.pilot_total_yuan),
            wan_yuan(t.subsidy_total_yuan),
            wan_yuan(t.total_yuan),
            wan_yuan(t.subsidy_budget_yuan),
            wan_yuan(t.subsidy_remaining_yuan),
        ]);
        let label = Style::new(Face::SansBold, zihao::WU).pitch(18.0).before(8.0).after(2.0);
        let sign = Style::new(Face::Serif, zihao::XIAO_SI).align(Align::Right).before(10.0);
        // The summary and the sign-off line stay on the page of the table's end.
        keep_with_table(
            &mut doc,
            label.space_before + label.line_pitch + label.space_after + sign.space_before + sign.line_pitch,
            &sum,
            1,
        );
        doc.paragraph("经费汇总（万元）：后补助经费总额不超过年度预算", &label);
        place_table(&mut doc, &sum)?;
        let made = desk
            .publicity(&desk.local_secretariat(), Some(c.year))?
            .and_then(|p| p.published_on)
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        doc.paragraph(&format!("制表：　　　　　　　　审核：　　　　　　　　制表日期：{}", cn_date(made)), &sign);
        Ok(doc)
    }
}
