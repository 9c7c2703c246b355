//! (1) The dossier for reading — cover, unit and contact, indicators with the derived ratios,
//! narratives, attachments with SHA-256, a blank score sheet — alone or as an expert's package
//! with the year's pledge (评审专家承诺书) and a contents page.

use std::collections::BTreeMap;

use super::common::{cn_ordinal, confidential, keep_with_table, place_table, quoted, signature_box};
use super::PdfExporter;
use crate::dates::cn_date;
use crate::decimal::{wan_yuan, Centi, Ratio};
use crate::desk::{Campaign, Desk, Dossier, Pledge};
use crate::error::{Error, Result};
use crate::export::expert_assignments;
use crate::export::layout::{
    zihao, Align, ColWidth, Column, Document, Face, Margins, PageSetup, Style, Table, PT_PER_MM,
};
use crate::model::{indicator_label, Award, INDICATORS};
use crate::rubric::{Criterion, Rubric};
use crate::t;
use crate::text::catalog::msg;

impl PdfExporter {
    pub(super) fn dossier_doc(
        &self,
        desk: &Desk,
        year: Option<i32>,
        dossier_id: i64,
        reader: &str,
    ) -> Result<Document<'_>> {
        let actor = desk.local_secretariat();
        let d = desk.dossier(&actor, dossier_id)?;
        if let Some(y) = year {
            if d.year != y {
                return Err(Error::invalid(
                    t!(msg::YEAR_WHAT_DOSSIER),
                    t!(msg::FILES_DOSSIER_OTHER_YEAR, id = dossier_id, year = d.year, asked = y),
                ));
            }
        }
        let c = desk.campaign(Some(d.year))?;
        let title = format!("{}年度{}申报材料：{}", c.year, quoted(d.award()), d.unit.full_name);
        let mut doc = self.doc(&title, reading_setup());
        doc.set_watermark(Some(confidential(reader)));
        self.render_dossier(&mut doc, &c, &d, reader)?;
        Ok(doc)
    }

    pub(super) fn expert_dossiers_doc(
        &self,
        desk: &Desk,
        year: Option<i32>,
        expert: &str,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Document<'_>> {
        let actor = desk.local_secretariat();
        let c = desk.campaign(year)?;
        let (_, assigned) = expert_assignments(desk, &c, expert)?;
        let name = expert.trim();
        let dossiers: Vec<Dossier> =
            assigned.iter().map(|a| desk.dossier(&actor, a.dossier_id)).collect::<Result<_>>()?;
        let total = dossiers.len();
        // the year's pledge goes first: the expert reads and signs it before scoring (issue 19)
        let pledge = desk.pledge(&actor, Some(c.year))?;

        // Page counts first (a dossier's layout does not depend on where it starts), so the
        // contents page can give each dossier's first page.
        let mut counts = Vec::with_capacity(total);
        for d in &dossiers {
            let mut scratch = self.doc("", reading_setup());
            self.render_dossier(&mut scratch, &c, d, name)?;
            counts.push(scratch.page_count());
        }
        let mut scratch = self.doc("", reading_setup());
        render_pledge(&mut scratch, &pledge, name);
        scratch.new_page();
        self.render_contents(&mut scratch, &c, name, &dossiers, &vec![999; total])?;
        let mut next = scratch.page_count() + 1;
        let mut starts = Vec::with_capacity(total);
        for n in &counts {
            starts.push(next);
            next += n;
        }

        let title = format!("{}年度评审材料（评审专家：{name}）", c.year);
        let mut doc = self.doc(&title, reading_setup());
        doc.set_watermark(Some(confidential(name)));
        render_pledge(&mut doc, &pledge, name);
        doc.new_page();
        self.render_contents(&mut doc, &c, name, &dossiers, &starts)?;
        for (i, d) in dossiers.iter().enumerate() {
            doc.new_page();
            self.render_dossier(&mut doc, &c, d, name)?;
            progress(i + 1, total);
        }
        Ok(doc)
    }

    fn render_contents(
        &self,
        doc: &mut Document,
        c: &Campaign,
        expert: &str,
        dossiers: &[Dossier],
        starts: &[usize],
    ) -> Result<()> {
        doc.space(20.0);
        doc.paragraph(
            &format!("{}年度企业科协组织建设评审材料", c.year),
            &Style::title(zihao::ER).face(Face::SansBold).after(6.0),
        );
        doc.paragraph(&format!("评审专家：{expert}"), &Style::title(zihao::SAN).face(Face::Serif).after(18.0));
        let mut t = Table::new(vec![
            Column::new("序号", ColWidth::Mm(14.0)).center(),
            Column::new("申报单位", ColWidth::Fr(1.0)),
            Column::new("申报类别", ColWidth::Mm(26.0)).center(),
            Column::new("收到日期", ColWidth::Mm(36.0)).center(),
            Column::new("起始页", ColWidth::Mm(18.0)).right(),
        ])
        .size(zihao::XIAO_SI);
        for (i, (d, start)) in dossiers.iter().zip(starts).enumerate() {
            t.row([
                (i + 1).to_string(),
                d.unit.full_name.clone(),
                d.award().label().to_string(),
                d.input.submitted_on.map(cn_date).unwrap_or_else(|| "—".into()),
                start.to_string(),
            ]);
        }
        place_table(doc, &t)?;
        doc.paragraph(
            &format!(
                "共{}份。每份材料后附空白评分表，请逐项打分、填写评语并签名。本材料仅供评审使用，请妥善保管，不得复制、外传。",
                dossiers.len()
            ),
            &Style::body(zihao::XIAO_SI).before(12.0),
        );
        Ok(())
    }

    /// Lays out one dossier at the cursor (the cover takes the current page).
    fn render_dossier(&self, doc: &mut Document, c: &Campaign, d: &Dossier, reader: &str) -> Result<()> {
        let setup = doc.page_setup();
        let left = setup.margins.left;
        let width = setup.content_width_mm();
        let award = d.award();
        let received = match d.input.submitted_on {
            Some(day) if d.late => format!("{}（逾期，经秘书处决定受理）", cn_date(day)),
            Some(day) => cn_date(day),
            None => "尚未提交".to_string(),
        };
        let matching = (award == Award::Pilot).then(|| format!("{}万元", wan_yuan(d.input.matching_funds_yuan)));

        // ---- cover
        let top = doc.cursor_mm();
        doc.text_at(left, top, "内部资料　注意保密", &Style::new(Face::SansBold, zihao::XIAO_SI));
        doc.text_at(
            left + width,
            top,
            &format!("材料编号：{}-{:04}", c.year, d.id),
            &Style::new(Face::Serif, zihao::XIAO_SI).align(Align::Right),
        );
        doc.set_cursor_mm(top + 55.0);
        doc.paragraph(
            &format!("{}年度企业科协组织建设\n{}申报材料", c.year, quoted(award)),
            &Style::title(zihao::YI).face(Face::SansBold).pitch(46.0),
        );
        let mut fields: Vec<(&str, String)> = vec![
            ("申报单位", d.unit.full_name.clone()),
            ("申报类别", award.label().to_string()),
            ("联 系 人", d.input.contact_name.clone()),
            ("联系电话", d.input.contact_phone.clone()),
            ("收到日期", received.clone()),
        ];
        if let Some(m) = &matching {
            fields.push(("配套资金", m.clone()));
        }
        fields.push(("阅 读 人", reader.trim().to_string()));
        let label = Style::new(Face::SansBold, zihao::SAN).align(Align::Right).pitch(34.0);
        let value = Style::new(Face::Serif, zihao::SAN).pitch(34.0);
        let x = left + 48.0;
        let mut y = top + 130.0;
        for (k, v) in &fields {
            doc.text_at(x, y, &format!("{k}："), &label);
            doc.text_at(x, y, if v.is_empty() { "—" } else { v }, &value);
            y += value.line_pitch / PT_PER_MM;
        }
        let bottom = setup.height_mm() - setup.margins.bottom - 12.0;
        doc.text_at(
            left + width / 2.0,
            bottom,
            "本材料仅供评审使用，请妥善保管，不得复制、外传",
            &Style::new(Face::Serif, zihao::XIAO_SI).align(Align::Center),
        );
        doc.new_page();

        // ---- body
        let heading = Style::heading(zihao::SI).pitch(26.0).before(6.0).after(4.0);
        let heading_h = heading.space_before + heading.line_pitch + heading.space_after;
        let sub = Style::new(Face::SerifBold, zihao::XIAO_SI).pitch(22.0).before(6.0).after(2.0);
        let body = Style::body(zihao::XIAO_SI).pitch(21.0);
        let note = Style::new(Face::Serif, zihao::WU).pitch(16.0);
        doc.paragraph(
            &format!("{}　{}申报材料", d.unit.full_name, quoted(award)),
            &Style::title(zihao::XIAO_ER).face(Face::SansBold).after(10.0),
        );

        let mut t = Table::new(vec![
            Column::new("项目", ColWidth::Mm(24.0)),
            Column::new("内容", ColWidth::Fr(1.0)),
            Column::new("项目", ColWidth::Mm(24.0)),
            Column::new("内容", ColWidth::Fr(1.0)),
        ]);
        t.header = false;
        t.row(["单位名称".to_string(), d.unit.full_name.clone(), "简称".into(), d.unit.short_name.clone()]);
        t.row(["申报类别".to_string(), award.label().into(), "材料状态".into(), d.state.label().into()]);
        t.row(["联系人".to_string(), d.input.contact_name.clone(), "联系电话".into(), d.input.contact_phone.clone()]);
        t.row(["收到日期".to_string(), received, "配套资金".into(), matching.clone().unwrap_or_else(|| "—".into())]);
        keep_with_table(doc, heading_h, &t, 4);
        doc.paragraph("一、单位和联系人", &heading);
        place_table(doc, &t)?;

        let ind = &d.input.indicators;
        let mut t = Table::new(vec![
            Column::new("指标", ColWidth::Fr(1.0)),
            Column::new("数值", ColWidth::Mm(22.0)).right(),
            Column::new("指标", ColWidth::Fr(1.0)),
            Column::new("数值", ColWidth::Mm(22.0)).right(),
        ]);
        let cells: Vec<(String, String)> =
            INDICATORS.iter().map(|(id, label)| (label.to_string(), ind.get(id).unwrap_or(0).to_string())).collect();
        let half = cells.len().div_ceil(2);
        for i in 0..half {
            let (a, av) = cells[i].clone();
            let (b, bv) = cells.get(half + i).cloned().unwrap_or_default();
            t.row([a, av, b, bv]);
        }
        keep_with_table(doc, heading_h, &t, half);
        doc.paragraph("二、主要指标", &heading);
        place_table(doc, &t)?;
        doc.space(8.0);
        let ratios = [
            ("任务完成率", "associations_new", "building_task", ind.task_completion_rate()),
            ("企业科协覆盖率", "associations_total", "industrial_enterprises", ind.enterprise_coverage()),
            ("园区科协覆盖率", "zones_with_association", "zones", ind.zone_coverage()),
            ("国家级园区科协覆盖率", "national_zones_with_association", "national_zones", ind.national_zone_coverage()),
        ];
        let mut t = Table::new(vec![
            Column::new("派生比率", ColWidth::Mm(41.0)),
            Column::new("计算方法", ColWidth::Fr(1.0)),
            Column::new("数据", ColWidth::Mm(30.0)).center(),
            Column::new("比率", ColWidth::Mm(18.0)).right(),
        ]);
        for (name, num, den, r) in ratios {
            let (n, m) = (ind.get(num).unwrap_or(0), ind.get(den).unwrap_or(0));
            t.row([
                name.to_string(),
                format!("{} ÷ {}", indicator_label(num), indicator_label(den)),
                format!("{n} ÷ {m}"),
                if r.is_some() { percent(r) } else { "—（分母为0）".to_string() },
            ]);
        }
        place_table(doc, &t)?;

        doc.ensure_space(heading_h + sub.space_before + sub.line_pitch + sub.space_after + 3.0 * body.line_pitch);
        doc.paragraph("三、工作情况", &heading);
        for (i, (label, text)) in d.input.narratives.sections().iter().enumerate() {
            doc.ensure_space(sub.space_before + sub.line_pitch + sub.space_after + 2.0 * body.line_pitch);
            doc.paragraph(&format!("（{}）{label}", cn_ordinal(i + 1)), &sub);
            let text = text.trim();
            doc.paragraph(if text.is_empty() { "（未填写）" } else { text }, &body);
        }

        if d.attachments.is_empty() {
            doc.ensure_space(heading_h + body.line_pitch);
            doc.paragraph("四、附件", &heading);
            doc.paragraph("（无附件）", &body.clone().indent(0.0));
        } else {
            let mut t = Table::new(vec![
                Column::new("序号", ColWidth::Mm(10.0)).center(),
                Column::new("类别", ColWidth::Mm(18.0)),
                Column::new("文件名", ColWidth::Fr(1.0)),
                Column::new("大小", ColWidth::Mm(16.0)).right(),
                Column::new("SHA-256 校验值", ColWidth::Mm(64.0)),
            ])
            .size(zihao::XIAO_WU);
            for (i, a) in d.attachments.iter().enumerate() {
                t.row([
                    (i + 1).to_string(),
                    a.kind.clone(),
                    a.file_name.clone(),
                    file_size(a.size),
                    sha_two_lines(&a.sha256),
                ]);
            }
            keep_with_table(doc, heading_h, &t, 3);
            doc.paragraph("四、附件", &heading);
            place_table(doc, &t)?;
            doc.paragraph("核对附件：计算收到文件的 SHA-256 值，应与上表一致。", &note.clone().before(4.0));
        }
        // Characters of the applicant's text the bundled fonts lack print as empty boxes: say so.
        let mut typed: Vec<&str> = vec![&d.input.contact_name, &d.input.contact_phone];
        typed.extend(d.input.narratives.sections().iter().map(|(_, t)| *t));
        typed.extend(d.attachments.iter().flat_map(|a| [a.kind.as_str(), a.file_name.as_str()]));
        let mut missing: Vec<char> = Vec::new();
        for t in typed {
            for ch in self.fonts.missing_chars(Face::Serif, t) {
                if !missing.contains(&ch) {
                    missing.push(ch);
                }
            }
        }
        if !missing.is_empty() {
            let list: Vec<String> = missing.iter().map(|c| format!("「{c}」（U+{:04X}）", *c as u32)).collect();
            doc.paragraph(
                &format!("注：申报材料中的字符{}超出本软件字库，显示为空框，请以申报单位原件为准。", list.join("、")),
                &note.clone().before(6.0),
            );
        }

        // ---- blank score sheet, on a page of its own
        doc.new_page();
        self.render_blank_sheet(doc, c, d)
    }

    /// The blank score sheet of a dossier's rubric: one row per criterion (auto criteria with
    /// their computed value), a comment box, 合计, overall opinion, signature and date.
    fn render_blank_sheet(&self, doc: &mut Document, c: &Campaign, d: &Dossier) -> Result<()> {
        let award = d.award();
        let rubric: &Rubric = c.rubric(award);
        let ind = &d.input.indicators;
        doc.paragraph("评　分　表", &Style::title(zihao::XIAO_ER).face(Face::SansBold).after(4.0));
        doc.paragraph(
            &format!("{}年度企业科协组织建设{}评审　　申报单位：{}", c.year, quoted(award), d.unit.full_name),
            &Style::title(zihao::XIAO_SI).face(Face::Serif).after(6.0),
        );
        doc.paragraph(
            &format!(
                "评分细则：{}（{}版）。专家评分项按{}分步长在0至满分之间打分；自动评分项由申报指标计算，无需填写。",
                rubric.title, rubric.version, rubric.step
            ),
            &Style::body(zihao::WU).pitch(17.0).indent(0.0).after(6.0),
        );
        let mut t = Table::new(vec![
            Column::new("序号", ColWidth::Mm(11.0)).center(),
            Column::new("评分项", ColWidth::Fr(1.2)),
            Column::new("满分", ColWidth::Mm(12.0)).right(),
            Column::new("得分", ColWidth::Mm(18.0)).right(),
            Column::new("评语", ColWidth::Fr(1.0)),
        ]);
        let auto: BTreeMap<String, Centi> = rubric.auto_scores(ind).into_iter().collect();
        for (i, k) in rubric.criteria.iter().enumerate() {
            if k.is_auto() {
                let v = auto.get(&k.id).copied().unwrap_or_default();
                t.row([
                    (i + 1).to_string(),
                    format!("{}（自动计算）", k.name),
                    k.points.to_string(),
                    v.to_string(),
                    auto_explanation(k, ind),
                ]);
            } else {
                // Two lines of room for the score and the comment.
                t.row([(i + 1).to_string(), k.name.clone(), k.points.to_string(), String::new(), "\n".to_string()]);
            }
        }
        t.total([
            String::new(),
            "合计".to_string(),
            rubric.total().to_string(),
            String::new(),
            format!("其中自动评分 {} 分", rubric.auto_subtotal(ind)),
        ]);
        place_table(doc, &t)?;
        doc.space(8.0);
        let mut opinion =
            Table::new(vec![Column::new("", ColWidth::Mm(29.0)).center(), Column::new("", ColWidth::Fr(1.0))]);
        opinion.header = false;
        opinion.row(["综合意见", "\n\n\n"]);
        place_table(doc, &opinion)?;
        doc.space(8.0);
        signature_box(doc, "评审专家签名")
    }
}

/// A ratio as a percentage with two decimals, exact (rounded once, half away from zero).
/// The year's pledge (评审专家承诺书) on the package's first page: title, the opening
/// paragraph, the numbered points, the closing paragraph, and the line the expert signs on.
fn render_pledge(doc: &mut Document, p: &Pledge, expert: &str) {
    doc.space(10.0);
    doc.paragraph(&p.text.title, &Style::title(zihao::ER).face(Face::SansBold).after(14.0));
    let body = Style::body(zihao::SI).indent(2.0).after(4.0);
    for para in p.text.paragraphs() {
        doc.paragraph(&para, &body);
    }
    doc.paragraph(&format!("评审专家：{expert}"), &Style::body(zihao::SI).before(24.0));
    doc.paragraph(&p.signature_line, &Style::body(zihao::SI).before(18.0));
}

fn percent(r: Option<Ratio>) -> String {
    match r {
        Some(r) => format!("{}%", Centi(Ratio::new(r.num() * 10_000, r.den()).round_half_away() as i64)),
        None => "—".to_string(),
    }
}

/// A rubric target ("0.25") as a percentage ("25%").
fn target_percent(target: &str) -> String {
    match target.trim().parse::<f64>() {
        Ok(t) => {
            let s = format!("{:.2}", t * 100.0);
            format!("{}%", s.trim_end_matches('0').trim_end_matches('.'))
        }
        Err(_) => target.to_string(),
    }
}

fn file_size(bytes: i64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} 字节"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / 1024.0 / 1024.0),
    }
}

/// The SHA-256 in two halves, so a table cell breaks it in the middle.
fn sha_two_lines(sha: &str) -> String {
    if sha.len() == 64 && sha.is_ascii() {
        format!("{} {}", &sha[..32], &sha[32..])
    } else {
        sha.to_string()
    }
}

/// Reading documents: A4 portrait, 25 mm margins (22 mm right).
fn reading_setup() -> PageSetup {
    PageSetup::a4_portrait(Margins { top: 25.0, bottom: 25.0, left: 25.0, right: 22.0 })
}

/// An auto criterion's computation in words: 本年新建企业科协数 ÷ 本年组建任务数 = 190 ÷ 255 = 74.51%（目标100%）.
fn auto_explanation(k: &Criterion, ind: &crate::model::Indicators) -> String {
    let (Some(num), Some(den)) = (k.numerator.as_deref(), k.denominator.as_deref()) else {
        return "按指标自动计算".to_string();
    };
    let (n, m) = (ind.get(num).unwrap_or(0), ind.get(den).unwrap_or(0));
    let r = (m > 0).then(|| Ratio::new(n as i128, m as i128));
    let value = if r.is_some() { percent(r) } else { "分母为0，得满分".to_string() };
    let target = k.target.as_deref().map(target_percent).unwrap_or_default();
    format!("{} ÷ {} = {n} ÷ {m} = {value}（目标{target}）", indicator_label(num), indicator_label(den))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(percent(Some(Ratio::new(190, 255))), "74.51%");
        assert_eq!(percent(Some(Ratio::new(1, 8))), "12.50%");
        assert_eq!(percent(None), "—");
        assert_eq!(target_percent("0.25"), "25%");
        assert_eq!(target_percent("0.122"), "12.2%");
        assert_eq!(target_percent("1"), "100%");
        assert_eq!(file_size(25), "25 字节");
        assert_eq!(sha_two_lines(&"a".repeat(64)).split(' ').count(), 2);
    }
}
