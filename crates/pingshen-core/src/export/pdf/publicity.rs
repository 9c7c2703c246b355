//! (4) The publicity list 公示名单: preamble, period, how and until when to object, the list,
//! issuing body and date.

use super::common::{keep_with_table, place_table};
use super::common::{NOTICE_CHARS_PER_LINE, NOTICE_LINES_PER_PAGE};
use super::letter::sign;
use super::PdfExporter;
use crate::dates::cn_date;
use crate::decimal::wan_yuan;
use crate::desk::Desk;
use crate::error::Result;
use crate::export::layout::{
    zihao, Align, ColWidth, Column, Document, Face, Image, PageSetup, Style, Table, PT_PER_MM,
};
use crate::export::opened_publicity;
use crate::model::Award;

impl PdfExporter {
    pub(super) fn publicity_list_doc(&self, desk: &Desk, year: Option<i32>) -> Result<Document<'_>> {
        self.publicity_list_doc_sealed(desk, year, None)
    }

    /// The publicity list with the seal over the signature and date when one is given (issue 19).
    pub(super) fn publicity_list_doc_sealed(
        &self,
        desk: &Desk,
        year: Option<i32>,
        seal: Option<&Image>,
    ) -> Result<Document<'_>> {
        let (c, p) = opened_publicity(desk, year)?;
        let issuer = self.issuer()?;
        let setup = PageSetup::official();
        let title = format!("关于{}年度企业科协组织建设“试点示范”和“后补助”拟支持单位的公示", c.year);
        let mut doc = self.doc(&title, setup);
        doc.set_author(&issuer.name);
        let pitch = setup.pitch_for_lines(NOTICE_LINES_PER_PAGE);
        let body =
            Style::body(zihao::SAN).pitch(pitch).spacing(setup.spacing_for_chars(zihao::SAN, NOTICE_CHARS_PER_LINE));
        doc.paragraph(
            &format!("关于{}年度企业科协组织建设\n“试点示范”和“后补助”拟支持单位的公示", c.year),
            &Style::title(zihao::ER).face(Face::SansBold).pitch(pitch * 1.4).after(pitch),
        );
        let count = |a: Award| p.rows.iter().filter(|r| r.award == a).count();
        let (n_pilot, n_sub) = (count(Award::Pilot), count(Award::Subsidy));
        let mut whom = Vec::new();
        if n_pilot > 0 {
            whom.push(format!("{n_pilot}个单位为{}年度企业科协组织建设“试点示范”单位", c.year));
        }
        if n_sub > 0 {
            whom.push(format!("{n_sub}个单位为“后补助”单位"));
        }
        doc.paragraph(
            &format!(
                "根据{}要求，经各单位申报、形式审查和专家评审，拟确定{}（名单附后），现予公示。",
                issuer.basis(c.year),
                if whom.is_empty() { "拟支持单位".to_string() } else { whom.join("，") }
            ),
            &body,
        );
        doc.paragraph(
            &format!(
                "公示期为{}至{}（{}个工作日）。公示期间，任何单位和个人对公示名单有异议的，请于{}（含当日）前以书面形式向{}反映。反映情况须署真实姓名并注明联系方式；匿名、逾期或无联系方式的异议不予受理。",
                cn_date(p.start),
                cn_date(p.end),
                p.working_days,
                cn_date(p.end),
                issuer.name
            ),
            &body,
        );
        let mut contact: Vec<(&str, String)> = Vec::new();
        if !issuer.contacts.is_empty() {
            contact.push(("联系人", issuer.contacts.join("　")));
        }
        contact.push(("联系电话", issuer.phone.clone()));
        contact.push(("电子邮箱", issuer.email.clone()));
        contact.push(("通讯地址", issuer.address.clone()));
        if !issuer.postcode.trim().is_empty() {
            contact.push(("邮政编码", issuer.postcode.clone()));
        }
        labelled_lines(&mut doc, &contact, &body);

        let mut t = Table::new(vec![
            Column::new("序号", ColWidth::Mm(16.0)).center(),
            Column::new("单位", ColWidth::Fr(1.0)),
            Column::new("类别", ColWidth::Mm(28.0)).center(),
            Column::new("拟支持金额\n（万元）", ColWidth::Mm(36.0)).right(),
        ])
        .size(zihao::SI);
        for (i, r) in p.rows.iter().enumerate() {
            t.row([(i + 1).to_string(), r.unit.clone(), r.award.label().to_string(), wan_yuan(r.amount_yuan)]);
        }
        let total: i64 = p.rows.iter().map(|r| r.amount_yuan).sum();
        t.total([String::new(), format!("合计（{}个单位）", p.rows.len()), String::new(), wan_yuan(total)]);
        let list_title = Style::title(zihao::SAN).face(Face::SansBold).pitch(pitch).before(pitch / 2.0).after(4.0);
        keep_with_table(&mut doc, list_title.space_before + list_title.line_pitch + list_title.space_after, &t, 3);
        doc.paragraph("拟支持单位名单", &list_title);
        place_table(&mut doc, &t)?;
        doc.space(pitch);
        sign(&mut doc, &issuer.name, &cn_date(p.start), &body, seal);
        Ok(doc)
    }
}

/// Lines of 「label：value」 in `body`'s size, indented two characters, the labels spread to
/// four characters wide so the colons line up (联 系 人：); kept on one page. A line too long
/// for one line is wrapped as a paragraph instead.
fn labelled_lines(doc: &mut Document, lines: &[(&str, String)], body: &Style) {
    let plain = body.clone().indent(0.0).align(Align::Left);
    doc.ensure_space(lines.len() as f32 * plain.line_pitch);
    let width = doc.page_setup().content_width_mm();
    for (label, value) in lines {
        let n = label.chars().count().max(1) as f32;
        // n characters plus n gaps of `spread` (the last before the colon) = four characters.
        let spread = if n < 4.0 { (4.0 - n) / n } else { plain.letter_spacing };
        let spaced = plain.clone().spacing(spread);
        let rest = format!("：{value}");
        let total =
            doc.text_width_mm(&format!("　　{label}{rest}"), &plain) + (4.0 - n).max(0.0) * plain.size / PT_PER_MM;
        if total > width {
            doc.paragraph(&format!("{label}{rest}"), &body.clone().align(Align::Left));
            continue;
        }
        doc.runs(&[("　　", &plain), (label, &spaced), (&rest, &plain)], Align::Left);
    }
}
