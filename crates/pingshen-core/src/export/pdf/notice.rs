//! (5) The award notice 通报 after GB/T 9704-2012: 版头 with the red rule, title, addressee,
//! body with the pilot and post-subsidy lists, units commended and criticised, signature and
//! date, 版记, page numbers outside.

use chrono::{Datelike, NaiveDate};

use super::common::{cn_ordinal, keep_with_table, place_table};
use super::common::{NOTICE_CHARS_PER_LINE, NOTICE_LINES_PER_PAGE};
use super::letter::{keep_with_signature, sign};
use super::PdfExporter;
use crate::dates::cn_date;
use crate::decimal::wan_yuan;
use crate::desk::{Desk, ResultRow};
use crate::error::{Error, Result};
use crate::export::layout::{
    zihao, Align, ColWidth, Colour, Column, Document, Face, Image, PageNumbers, PageSetup, Rule, Style, Table,
    PT_PER_MM,
};
use crate::model::Award;
use crate::scoring::Grade;
use crate::t;
use crate::text::catalog::msg;
use crate::workflow::Stage;

impl PdfExporter {
    pub(super) fn notice_doc(&self, desk: &Desk, year: Option<i32>) -> Result<Document<'_>> {
        self.notice_doc_sealed(desk, year, None)
    }

    /// The notice with the seal over the signature and date when one is given (issue 19).
    pub(super) fn notice_doc_sealed(
        &self,
        desk: &Desk,
        year: Option<i32>,
        seal: Option<&Image>,
    ) -> Result<Document<'_>> {
        let actor = desk.local_secretariat();
        let c = desk.campaign(year)?;
        if c.stage != Stage::Published {
            return Err(Error::illegal(
                c.stage.text(),
                t!(msg::FILES_ACTION_EXPORT_NOTICE),
                t!(msg::FILES_NOTICE_AFTER_PUBLISH, year = c.year),
            ));
        }
        let p = desk
            .publicity(&desk.local_secretariat(), Some(c.year))?
            .ok_or_else(|| Error::other(t!(msg::FILES_PUBLISHED_NO_PUBLICITY, year = c.year)))?;
        let funding = desk.funding(&actor, Some(c.year))?;
        let results = desk.results(&actor, Some(c.year))?;
        let issuer = self.issuer()?;
        let issued = p.published_on.or(p.closed_on).unwrap_or(p.end);
        let doc_number = c.doc_number.clone().unwrap_or_default();

        let setup = PageSetup::official();
        let title_text = format!("关于{}年度企业科协组织建设“试点示范”和“后补助”单位的通报", c.year);
        let mut doc = self.doc(&title_text, setup);
        doc.set_author(&issuer.name);
        doc.set_page_numbers(Some(PageNumbers {
            format: "— {page} —".to_string(),
            size: zihao::SI,
            outside: true,
            ..PageNumbers::default()
        }));
        let pitch = setup.pitch_for_lines(NOTICE_LINES_PER_PAGE);
        let body =
            Style::body(zihao::SAN).pitch(pitch).spacing(setup.spacing_for_chars(zihao::SAN, NOTICE_CHARS_PER_LINE));
        let flush = body.clone().indent(0.0);
        let heading = body.clone().face(Face::SansBold).align(Align::Left);
        let width = setup.content_width_mm();

        // ---- 版头: the header's top edge 35 mm below the text block's top (GB/T 9704 7.2.3),
        // red, as large as fits; 文号 two lines below, centred; the red rule 4 mm under it.
        let n = issuer.header.chars().count().max(1) as f32;
        let size = (width * PT_PER_MM * 0.94 / n).min(zihao::XIAO_CHU);
        let gap =
            if n > 1.0 { ((width * PT_PER_MM * 0.80 - n * size) / ((n - 1.0) * size)).clamp(0.0, 0.25) } else { 0.0 };
        let header = Style::title(size).colour(Colour::Red).spacing(gap).pitch(size);
        doc.set_cursor_mm(setup.margins.top + 35.0);
        doc.paragraph(&issuer.header, &header);
        doc.space(2.0 * pitch);
        doc.paragraph(&doc_number, &Style::new(Face::Serif, zihao::SAN).align(Align::Center).pitch(zihao::SAN));
        doc.rule(&Rule::new(1.5).colour(Colour::Red).before(4.0 * PT_PER_MM).after(2.0 * pitch));

        // ---- 标题, 主送机关
        doc.paragraph(
            &format!("关于{}年度企业科协组织建设\n“试点示范”和“后补助”单位的通报", c.year),
            &Style::title(zihao::ER).face(Face::SansBold).pitch(pitch * 1.4).after(pitch),
        );
        doc.paragraph(&format!("{}：", issuer.addressee.trim_end_matches(['：', ':'])), &flush);

        // ---- 正文
        let lines_of = |a: Award| funding.lines.iter().filter(|l| l.award == a).collect::<Vec<_>>();
        let pilots = lines_of(Award::Pilot);
        let subsidies = lines_of(Award::Subsidy);
        let decided = p.objections.iter().filter(|o| o.state != "open").count();
        let upheld = p.objections.iter().filter(|o| o.state == "upheld").count();
        let objections = match (decided, upheld) {
            (0, _) => "公示期间未收到异议".to_string(),
            (n, 0) => format!("公示期间收到实名异议{n}件，经核查均不成立"),
            (n, u) => format!("公示期间收到实名异议{n}件，经核查{u}件成立，相关单位已调整出名单"),
        };
        let mut whom = Vec::new();
        if !pilots.is_empty() {
            whom.push(format!("{}个单位为“试点示范”单位", pilots.len()));
        }
        if !subsidies.is_empty() {
            whom.push(format!("{}个单位为“后补助”支持单位", subsidies.len()));
        }
        // a year with a panel meeting says so (issue 18); a year without one reads as before
        let meeting = desk.meeting(&desk.local_secretariat(), Some(c.year))?;
        let review = match meeting.held_on.filter(|_| meeting.enabled && meeting.closed) {
            Some(d) => format!("专家书面评审和{}专家组会议评审", cn_date_in(d, c.year)),
            None => "专家评审".to_string(),
        };
        doc.paragraph(
            &format!(
                "根据{}要求，{}组织开展了{}年度企业科协组织建设“试点示范”和“后补助”评审工作。经各单位申报、形式审查和{review}，拟支持单位名单于{}至{}公示{}个工作日，{}。现确定{}，并将有关情况通报如下。",
                issuer.basis(c.year),
                issuer.parent,
                c.year,
                cn_date(p.start),
                cn_date_in(p.end, p.start.year()),
                p.working_days,
                objections,
                if whom.is_empty() { "支持单位".to_string() } else { whom.join("，") },
            ),
            &body,
        );

        let mut section = 0;
        // A section: its heading and first paragraph, kept with the start of its table.
        let mut section_start = |doc: &mut Document, title: &str, text: &str, table: Option<&Table>| {
            section += 1;
            let lead = pitch + doc.paragraph_height(text, &body);
            match table {
                Some(t) => keep_with_table(doc, lead + pitch / 4.0, t, 3),
                None => {
                    doc.ensure_space(lead.min(pitch * 3.0));
                }
            }
            doc.paragraph(&format!("{}、{title}", cn_ordinal(section)), &heading);
            doc.paragraph(text, &body);
        };
        if !pilots.is_empty() {
            let amounts: Vec<i64> = pilots.iter().map(|l| l.amount_yuan).collect();
            let each = if amounts.iter().all(|a| *a == amounts[0]) {
                format!("每个单位给予{}万元经费支持", trim_wan(amounts[0]))
            } else {
                "按下表给予经费支持".to_string()
            };
            let pay = pilots.iter().map(|l| l.pay_by).max().filter(|d| *d >= issued);
            let text = format!(
                "经调研考察和专家评审，确定以下{}个单位为{}年度企业科协组织建设“试点示范”单位，{each}{}；各试点示范单位须按申报承诺落实配套资金。",
                pilots.len(),
                c.year,
                pay.map(|d| format!("，经费于{}前拨付", cn_date(d))).unwrap_or_default()
            );
            let mut t = Table::new(vec![
                Column::new("序号", ColWidth::Mm(16.0)).center(),
                Column::new("单位", ColWidth::Fr(1.0)),
                Column::new("经费支持\n（万元）", ColWidth::Mm(34.0)).right(),
                Column::new("配套资金\n（万元）", ColWidth::Mm(34.0)).right(),
            ])
            .size(zihao::SI);
            for (i, l) in pilots.iter().enumerate() {
                t.row([(i + 1).to_string(), l.unit.clone(), wan_yuan(l.amount_yuan), wan_yuan(l.matching_yuan)]);
            }
            t.total([
                String::new(),
                "合计".to_string(),
                wan_yuan(pilots.iter().map(|l| l.amount_yuan).sum()),
                wan_yuan(pilots.iter().map(|l| l.matching_yuan).sum()),
            ]);
            section_start(&mut doc, "“试点示范”单位", &text, Some(&t));
            doc.space(pitch / 4.0);
            place_table(&mut doc, &t)?;
            doc.space(pitch / 2.0);
        }
        if !subsidies.is_empty() {
            let pay = subsidies.iter().map(|l| l.pay_by).max();
            let text = format!(
                "以下{}个单位推进企业科协组织建设工作卓有成效，经评审考核优秀，给予“后补助”经费支持{}。",
                subsidies.len(),
                pay.map(|d| format!("，补助经费于{}前拨付到各单位", cn_date(d))).unwrap_or_default()
            );
            let mut t = Table::new(vec![
                Column::new("序号", ColWidth::Mm(16.0)).center(),
                Column::new("单位", ColWidth::Fr(1.0)),
                Column::new("补助经费\n（万元）", ColWidth::Mm(34.0)).right(),
            ])
            .size(zihao::SI);
            for (i, l) in subsidies.iter().enumerate() {
                t.row([(i + 1).to_string(), l.unit.clone(), wan_yuan(l.amount_yuan)]);
            }
            t.total([String::new(), "合计".to_string(), wan_yuan(subsidies.iter().map(|l| l.amount_yuan).sum())]);
            section_start(&mut doc, "“后补助”单位", &text, Some(&t));
            doc.space(pitch / 4.0);
            place_table(&mut doc, &t)?;
            doc.space(pitch / 2.0);
        }
        // Seed 002 §四(四): excellent units commended, unqualified units criticised.
        let units_with = |g: Grade| -> Vec<String> {
            let mut rows: Vec<&ResultRow> = results.rows.iter().filter(|r| r.grade == Some(g)).collect();
            rows.sort_by_key(|r| r.unit_order);
            let mut names: Vec<String> = Vec::new();
            for r in rows {
                if !names.contains(&r.unit) {
                    names.push(r.unit.clone());
                }
            }
            names
        };
        let excellent = units_with(Grade::Excellent);
        let unqualified: Vec<String> =
            units_with(Grade::Unqualified).into_iter().filter(|u| !excellent.contains(u)).collect();
        if !excellent.is_empty() {
            let text = format!("对考核优秀的以下{}个单位予以通报表扬：{}。", excellent.len(), excellent.join("、"));
            section_start(&mut doc, "通报表扬", &text, None);
        }
        if !unqualified.is_empty() {
            let text = format!(
                "以下{}个单位考核不合格，予以通报批评：{}。请上述单位认真查找差距，切实加以改进。",
                unqualified.len(),
                unqualified.join("、")
            );
            section_start(&mut doc, "通报批评", &text, None);
        }
        let closing = "希望受到表扬和支持的单位珍惜荣誉，再接再厉，充分发挥示范带动作用。各地科协要学习借鉴先进经验，进一步加强对企业科协组织建设工作的领导，扩大企业科协组织覆盖面，推动企业科协组织建设工作再上新台阶。";
        // the closing paragraph stays with the signature and the seal (GB/T 9704 7.3.5)
        let closing_h = doc.paragraph_height(closing, &body);
        keep_with_signature(&mut doc, closing_h, &body, seal);
        doc.paragraph(closing, &body);

        // ---- 落款: one blank line, signature and date (no seal: GB/T 9704 7.3.5.2; with the
        // seal: 7.3.5.1, `letter::sign`)
        doc.space(pitch);
        sign(&mut doc, &issuer.name, &cn_date(issued), &body, seal);
        colophon(&mut doc, &issuer.copy_to, &issuer.name, &format!("{}印发", cn_date(issued)));
        Ok(doc)
    }
}

/// 12月5日 when in `year`, else the full date.
fn cn_date_in(d: NaiveDate, year: i32) -> String {
    if d.year() == year {
        format!("{}月{}日", d.month(), d.day())
    } else {
        cn_date(d)
    }
}

/// 20 for 200,000 yuan, 12.5 for 125,000 (amounts in running text).
fn trim_wan(yuan: i64) -> String {
    let s = wan_yuan(yuan);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// 版记 (GB/T 9704-2012 7.4): at the foot of the last page, between a thick rule, a thin rule
/// and a thick rule: 抄送 (copies to; left out when empty) and 印发机关 with 印发日期, in 4号
/// type one character in from each edge. Starts a new page when the last one has no room.
fn colophon(doc: &mut Document, copy_to: &str, office: &str, printed: &str) {
    let setup = doc.page_setup();
    let style = Style::new(Face::Serif, zihao::SI).pitch(zihao::SI * 1.5);
    let (thick, thin) = (0.35 * PT_PER_MM, 0.25 * PT_PER_MM);
    let gap = 1.5 * PT_PER_MM;
    let block_mm = (2.0 * style.line_pitch + 3.0 * thick + 4.0 * gap) / PT_PER_MM;
    if doc.remaining_mm() < block_mm + 2.0 {
        doc.new_page();
    }
    let bottom_mm = setup.height_mm() - setup.margins.bottom;
    doc.set_cursor_mm(bottom_mm - block_mm);
    let ch = zihao::SI / PT_PER_MM;
    let left = setup.margins.left + ch;
    let right = setup.margins.left + setup.content_width_mm() - ch;
    doc.rule(&Rule::new(thick).after(gap));
    let copy_to = copy_to.trim().trim_end_matches(['：', ':', '。']);
    if !copy_to.is_empty() {
        let y = doc.cursor_mm();
        doc.text_at(left, y, &format!("抄送：{copy_to}。"), &style);
        doc.set_cursor_mm(y + style.line_pitch / PT_PER_MM);
        doc.rule(&Rule::new(thin).before(gap).after(gap));
    }
    let y = doc.cursor_mm();
    doc.text_at(left, y, office, &style);
    doc.text_at(right, y, printed, &style.clone().align(Align::Right));
    doc.set_cursor_mm(y + style.line_pitch / PT_PER_MM);
    doc.rule(&Rule::new(thick).before(gap));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(trim_wan(200_000), "20");
        assert_eq!(trim_wan(125_000), "12.5");
    }
}
