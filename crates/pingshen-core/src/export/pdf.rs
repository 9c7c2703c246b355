//! The printed documents, built on the layout layer ([`super::layout`]): the dossier for reading
//! (one, or all of an expert's as one package), the expert's score sheet for panel meetings, the
//! results, the publicity list 公示名单, the award notice 通报 after GB/T 9704-2012 and the
//! funding table 经费表.
//!
//! [`PdfExporter`] holds the loaded fonts; every method reads through the [`Desk`] as the local
//! secretariat (like [`super::xlsx`]) and returns the PDF's bytes, or refuses — before anything
//! is laid out — when the data the document needs does not exist yet (no publicity, not
//! published, no funding line). [`super::layout::write_atomic`] writes the bytes.
//!
//! The issuing body (red header, signature, where objections go, contact lines) comes from
//! `assets/issuer.toml` ([`load_issuer`]), never from code.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::layout::{
    assets_dir, zihao, Align, ColWidth, Colour, Column, Document, Face, Fonts,
    Margins, PageNumbers, PageSetup, Rule, Style, Table, Watermark, PT_PER_MM,
};
use super::xlsx::flag_label;
use crate::decimal::{wan_yuan, Centi, Ratio};
use crate::desk::{AssignmentView, Campaign, Desk, Dossier, ResultRow};
use crate::error::{Error, Result};
use crate::model::{indicator_label, Award, INDICATORS};
use crate::rubric::{Criterion, Rubric};
use crate::scoring::Grade;
use crate::units;
use crate::workflow::{SheetState, Stage};

// ---------------------------------------------------------------------------------------------
// Issuing body (assets/issuer.toml)
// ---------------------------------------------------------------------------------------------

/// File name of the issuing body's data under the assets directory.
pub const ISSUER_FILE: &str = "issuer.toml";

/// The year's implementation plan a notice cites (e.g. 科协计函企字〔2014〕25号).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Plan {
    pub year: i32,
    pub title: String,
    pub doc_number: String,
}

/// The issuing body of the publicity list and the award notice (`assets/issuer.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// 发文机关标志 (red header), e.g. 中国科学技术协会计划财务部.
    pub header: String,
    /// 发文机关署名 (signature), e.g. 中国科协计划财务部; objections go here.
    pub name: String,
    /// The parent organisation named in the body (中国科协).
    pub parent: String,
    /// 主送机关 of the notice, without the final colon.
    pub addressee: String,
    /// 抄送机关 in the notice's 版记 (may be empty).
    #[serde(default)]
    pub copy_to: String,
    #[serde(default)]
    pub contacts: Vec<String>,
    pub phone: String,
    pub email: String,
    pub address: String,
    #[serde(default)]
    pub postcode: String,
    #[serde(default)]
    pub plans: Vec<Plan>,
}

impl Issuer {
    /// 北京市海淀区复兴路3号科技会堂1903室（邮编：100863）
    pub fn mailing_address(&self) -> String {
        if self.postcode.trim().is_empty() {
            self.address.clone()
        } else {
            format!("{}（邮编：{}）", self.address, self.postcode)
        }
    }

    /// The plan of `year`, if the file has one.
    pub fn plan(&self, year: i32) -> Option<&Plan> {
        self.plans.iter().find(|p| p.year == year)
    }

    /// 《中国科协2014年推进企业科协组织建设工作实施方案》（科协计函企字〔2014〕25号）, or the plan's
    /// generic name when the file has no entry for the year.
    pub fn basis(&self, year: i32) -> String {
        match self.plan(year) {
            Some(p) if p.doc_number.trim().is_empty() => format!("《{}》", p.title),
            Some(p) => format!("《{}》（{}）", p.title, p.doc_number),
            None => format!("{}{}年推进企业科协组织建设工作实施方案", self.parent, year),
        }
    }

    fn check(&self, path: &Path) -> Result<()> {
        let fields = [
            ("header", &self.header),
            ("name", &self.name),
            ("parent", &self.parent),
            ("addressee", &self.addressee),
            ("phone", &self.phone),
            ("email", &self.email),
            ("address", &self.address),
        ];
        for (key, value) in fields {
            if value.trim().is_empty() {
                return Err(Error::invalid(
                    "发文单位信息",
                    format!("文件 {} 中的 {key} 为空，请填写后再导出", path.display()),
                ));
            }
        }
        Ok(())
    }
}

/// Loads the issuing body from `<assets_dir>/issuer.toml`. A missing, unreadable or incomplete
/// file is an error naming it.
pub fn load_issuer(assets_dir: &Path) -> Result<Issuer> {
    let path = assets_dir.join(ISSUER_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Other(format!(
                "缺少发文单位信息文件 {}（发文机关名称、通讯地址、电话、邮箱），请重新安装或设置 PINGSHEN_ASSETS",
                path.display()
            )))
        }
        Err(e) => return Err(Error::io(&path, e)),
    };
    let issuer: Issuer = toml::from_str(&text).map_err(|e| {
        Error::invalid(
            "发文单位信息",
            format!("文件 {} 格式错误：{e}", path.display()),
        )
    })?;
    issuer.check(&path)?;
    Ok(issuer)
}

// ---------------------------------------------------------------------------------------------
// Small formatting helpers
// ---------------------------------------------------------------------------------------------

pub use super::cn_date;

/// 12月5日 when in `year`, else the full date.
fn cn_date_in(d: NaiveDate, year: i32) -> String {
    if d.year() == year {
        format!("{}月{}日", d.month(), d.day())
    } else {
        cn_date(d)
    }
}

/// A ratio as a percentage with two decimals, exact (rounded once, half away from zero).
fn percent(r: Option<Ratio>) -> String {
    match r {
        Some(r) => format!(
            "{}%",
            Centi(Ratio::new(r.num() * 10_000, r.den()).round_half_away() as i64)
        ),
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

/// The short head of a criterion's name: up to the first colon, bracket or comma
/// (组织领导：列入议事日程… → 组织领导).
fn short_name(name: &str) -> &str {
    let end = name
        .find(['：', '（', '，', '(', ':'])
        .unwrap_or(name.len());
    if end == 0 {
        name
    } else {
        &name[..end]
    }
}

/// “试点示范”
fn quoted(award: Award) -> String {
    format!("“{}”", award.label())
}

/// 一、二、三 … for section numbers.
fn cn_ordinal(n: usize) -> &'static str {
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        .get(n.saturating_sub(1))
        .copied()
        .unwrap_or("十")
}

fn confidential(reader: &str) -> Watermark {
    let reader = reader.trim();
    if reader.is_empty() {
        Watermark::new("内部资料 注意保密")
    } else {
        Watermark::new(format!("{reader}  内部资料 注意保密"))
    }
}

/// Reading documents: A4 portrait, 25 mm margins (22 mm right).
fn reading_setup() -> PageSetup {
    PageSetup::a4_portrait(Margins {
        top: 25.0,
        bottom: 25.0,
        left: 25.0,
        right: 22.0,
    })
}

/// Wide tables: A4 landscape.
fn landscape_setup() -> PageSetup {
    PageSetup::a4_landscape(Margins {
        top: 18.0,
        bottom: 20.0,
        left: 15.0,
        right: 15.0,
    })
}

/// Lines per page of the award notice. The issue asks for 28–29 lines a page; GB/T 9704-2012
/// §5.2.2 itself says 22 lines of 28 characters. We follow the issue (see the report).
pub const NOTICE_LINES_PER_PAGE: u32 = 28;
/// Characters per line of the notice's body (GB/T 9704: 28).
pub const NOTICE_CHARS_PER_LINE: u32 = 28;

use super::expert_assignments;

// ---------------------------------------------------------------------------------------------
// The exporter
// ---------------------------------------------------------------------------------------------

/// Builds every printed document; holds the loaded fonts (load once, export many).
pub struct PdfExporter {
    fonts: Fonts,
    assets: PathBuf,
}

impl std::fmt::Debug for PdfExporter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfExporter")
            .field("assets", &self.assets)
            .finish_non_exhaustive()
    }
}

impl PdfExporter {
    /// Loads the fonts from `<assets_dir>/fonts/`; a missing font file is an error naming it.
    /// `assets/issuer.toml` is read when a document needs it (publicity list, notice).
    pub fn load(assets_dir: &Path) -> Result<PdfExporter> {
        Ok(PdfExporter {
            fonts: Fonts::load(assets_dir)?,
            assets: assets_dir.to_path_buf(),
        })
    }

    /// [`PdfExporter::load`] from [`assets_dir`].
    pub fn load_default() -> Result<PdfExporter> {
        PdfExporter::load(&assets_dir())
    }

    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// The issuing body of `assets/issuer.toml`.
    pub fn issuer(&self) -> Result<Issuer> {
        load_issuer(&self.assets)
    }

    fn doc(&self, title: &str, setup: PageSetup) -> Document<'_> {
        let mut doc = Document::new(&self.fonts, title, setup);
        doc.set_author("秘书处");
        doc.set_page_numbers(Some(PageNumbers::default()));
        doc
    }

    /// (1) One dossier for reading: cover, unit and contact, indicators with the derived
    /// ratios, the four narratives, the attachment list with SHA-256, and a blank score sheet
    /// of the dossier's rubric with signature and date; `reader`'s name in the watermark of
    /// every page.
    pub fn dossier(
        &self,
        desk: &Desk,
        year: Option<i32>,
        dossier_id: i64,
        reader: &str,
    ) -> Result<Vec<u8>> {
        self.dossier_doc(desk, year, dossier_id, reader)?.to_bytes()
    }

    /// (1) All of an expert's assigned (not recused) dossiers as one PDF: a contents page, then
    /// each dossier from a new page; the expert's name in the watermark. `progress(done, total)`
    /// is called after each dossier is laid out.
    pub fn expert_dossiers(
        &self,
        desk: &Desk,
        year: Option<i32>,
        expert: &str,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Vec<u8>> {
        self.expert_dossiers_doc(desk, year, expert, progress)?
            .to_bytes()
    }

    /// (2) The expert's dossiers × criteria grid (landscape) for panel meetings, one table per
    /// award, with the submitted sheets' scores and totals; pending sheets are left blank to
    /// fill in by hand; signature box.
    pub fn score_sheet(&self, desk: &Desk, year: Option<i32>, expert: &str) -> Result<Vec<u8>> {
        self.score_sheet_doc(desk, year, expert)?.to_bytes()
    }

    /// (3) Every expert's total per dossier, aggregate, mean, median, rank, grade and flags,
    /// one table per award (landscape).
    pub fn results(&self, desk: &Desk, year: Option<i32>) -> Result<Vec<u8>> {
        self.results_doc(desk, year)?.to_bytes()
    }

    /// (4) The publicity list 公示名单: title, preamble, the period and how and until when to
    /// object (real name and contact; the issuer's address, phone and e-mail), the list,
    /// issuing body and date. Refused before the publicity has been opened.
    pub fn publicity_list(&self, desk: &Desk, year: Option<i32>) -> Result<Vec<u8>> {
        self.publicity_list_doc(desk, year)?.to_bytes()
    }

    /// (5) The award notice 通报 after GB/T 9704-2012: red issuing-body header, document number,
    /// red rule, title, addressee, body, the pilot and post-subsidy lists with amounts, the
    /// units commended and criticised, signature and date. Refused before publication.
    pub fn notice(&self, desk: &Desk, year: Option<i32>) -> Result<Vec<u8>> {
        self.notice_doc(desk, year)?.to_bytes()
    }

    /// (6) The funding table 经费表 in 万元 (landscape): one row per funding line, totals row,
    /// then the budget and what remains of it. Refused before any funding line exists.
    pub fn funding_table(&self, desk: &Desk, year: Option<i32>) -> Result<Vec<u8>> {
        self.funding_table_doc(desk, year)?.to_bytes()
    }

    // -----------------------------------------------------------------------------------------
    // 1. Dossier for reading
    // -----------------------------------------------------------------------------------------

    fn dossier_doc(
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
                    "申报材料",
                    format!("编号{dossier_id}属于{}年度，不是{y}年度", d.year),
                ));
            }
        }
        let c = desk.campaign(Some(d.year))?;
        let title = format!(
            "{}年度{}申报材料：{}",
            c.year,
            quoted(d.award()),
            d.unit.full_name
        );
        let mut doc = self.doc(&title, reading_setup());
        doc.set_watermark(Some(confidential(reader)));
        self.render_dossier(&mut doc, &c, &d, reader)?;
        Ok(doc)
    }

    fn expert_dossiers_doc(
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
        let dossiers: Vec<Dossier> = assigned
            .iter()
            .map(|a| desk.dossier(&actor, a.dossier_id))
            .collect::<Result<_>>()?;
        let total = dossiers.len();

        // Page counts first (a dossier's layout does not depend on where it starts), so the
        // contents page can give each dossier's first page.
        let mut counts = Vec::with_capacity(total);
        for d in &dossiers {
            let mut scratch = self.doc("", reading_setup());
            self.render_dossier(&mut scratch, &c, d, name)?;
            counts.push(scratch.page_count());
        }
        let mut scratch = self.doc("", reading_setup());
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
        doc.paragraph(
            &format!("评审专家：{expert}"),
            &Style::title(zihao::SAN).face(Face::Serif).after(18.0),
        );
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
                d.input
                    .submitted_on
                    .map(cn_date)
                    .unwrap_or_else(|| "—".into()),
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
    fn render_dossier(
        &self,
        doc: &mut Document,
        c: &Campaign,
        d: &Dossier,
        reader: &str,
    ) -> Result<()> {
        let setup = doc.page_setup();
        let left = setup.margins.left;
        let width = setup.content_width_mm();
        let award = d.award();
        let received = match d.input.submitted_on {
            Some(day) if d.late => format!("{}（逾期，经秘书处决定受理）", cn_date(day)),
            Some(day) => cn_date(day),
            None => "尚未提交".to_string(),
        };
        let matching = (award == Award::Pilot)
            .then(|| format!("{}万元", wan_yuan(d.input.matching_funds_yuan)));

        // ---- cover
        let top = doc.cursor_mm();
        doc.text_at(
            left,
            top,
            "内部资料　注意保密",
            &Style::new(Face::SansBold, zihao::XIAO_SI),
        );
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
        let label = Style::new(Face::SansBold, zihao::SAN)
            .align(Align::Right)
            .pitch(34.0);
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
        let sub = Style::new(Face::SerifBold, zihao::XIAO_SI)
            .pitch(22.0)
            .before(6.0)
            .after(2.0);
        let body = Style::body(zihao::XIAO_SI).pitch(21.0);
        let note = Style::new(Face::Serif, zihao::WU).pitch(16.0);
        doc.paragraph(
            &format!("{}　{}申报材料", d.unit.full_name, quoted(award)),
            &Style::title(zihao::XIAO_ER)
                .face(Face::SansBold)
                .after(10.0),
        );

        let mut t = Table::new(vec![
            Column::new("项目", ColWidth::Mm(24.0)),
            Column::new("内容", ColWidth::Fr(1.0)),
            Column::new("项目", ColWidth::Mm(24.0)),
            Column::new("内容", ColWidth::Fr(1.0)),
        ]);
        t.header = false;
        t.row([
            "单位名称".to_string(),
            d.unit.full_name.clone(),
            "简称".into(),
            d.unit.short_name.clone(),
        ]);
        t.row([
            "申报类别".to_string(),
            award.label().into(),
            "材料状态".into(),
            d.state.label().into(),
        ]);
        t.row([
            "联系人".to_string(),
            d.input.contact_name.clone(),
            "联系电话".into(),
            d.input.contact_phone.clone(),
        ]);
        t.row([
            "收到日期".to_string(),
            received,
            "配套资金".into(),
            matching.clone().unwrap_or_else(|| "—".into()),
        ]);
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
        let cells: Vec<(String, String)> = INDICATORS
            .iter()
            .map(|(id, label)| (label.to_string(), ind.get(id).unwrap_or(0).to_string()))
            .collect();
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
            (
                "任务完成率",
                "associations_new",
                "building_task",
                ind.task_completion_rate(),
            ),
            (
                "企业科协覆盖率",
                "associations_total",
                "industrial_enterprises",
                ind.enterprise_coverage(),
            ),
            (
                "园区科协覆盖率",
                "zones_with_association",
                "zones",
                ind.zone_coverage(),
            ),
            (
                "国家级园区科协覆盖率",
                "national_zones_with_association",
                "national_zones",
                ind.national_zone_coverage(),
            ),
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
                if r.is_some() {
                    percent(r)
                } else {
                    "—（分母为0）".to_string()
                },
            ]);
        }
        place_table(doc, &t)?;

        doc.ensure_space(
            heading_h + sub.space_before + sub.line_pitch + sub.space_after + 3.0 * body.line_pitch,
        );
        doc.paragraph("三、工作情况", &heading);
        for (i, (label, text)) in d.input.narratives.sections().iter().enumerate() {
            doc.ensure_space(
                sub.space_before + sub.line_pitch + sub.space_after + 2.0 * body.line_pitch,
            );
            doc.paragraph(&format!("（{}）{label}", cn_ordinal(i + 1)), &sub);
            let text = text.trim();
            doc.paragraph(
                if text.is_empty() {
                    "（未填写）"
                } else {
                    text
                },
                &body,
            );
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
            doc.paragraph(
                "核对附件：计算收到文件的 SHA-256 值，应与上表一致。",
                &note.clone().before(4.0),
            );
        }
        // Characters of the applicant's text the bundled fonts lack print as empty boxes: say so.
        let mut typed: Vec<&str> = vec![&d.input.contact_name, &d.input.contact_phone];
        typed.extend(d.input.narratives.sections().iter().map(|(_, t)| *t));
        typed.extend(
            d.attachments
                .iter()
                .flat_map(|a| [a.kind.as_str(), a.file_name.as_str()]),
        );
        let mut missing: Vec<char> = Vec::new();
        for t in typed {
            for ch in self.fonts.missing_chars(Face::Serif, t) {
                if !missing.contains(&ch) {
                    missing.push(ch);
                }
            }
        }
        if !missing.is_empty() {
            let list: Vec<String> = missing
                .iter()
                .map(|c| format!("「{c}」（U+{:04X}）", *c as u32))
                .collect();
            doc.paragraph(
                &format!(
                    "注：申报材料中的字符{}超出本软件字库，显示为空框，请以申报单位原件为准。",
                    list.join("、")
                ),
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
        doc.paragraph(
            "评　分　表",
            &Style::title(zihao::XIAO_ER).face(Face::SansBold).after(4.0),
        );
        doc.paragraph(
            &format!(
                "{}年度企业科协组织建设{}评审　　申报单位：{}",
                c.year,
                quoted(award),
                d.unit.full_name
            ),
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
                t.row([
                    (i + 1).to_string(),
                    k.name.clone(),
                    k.points.to_string(),
                    String::new(),
                    "\n".to_string(),
                ]);
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
        let mut opinion = Table::new(vec![
            Column::new("", ColWidth::Mm(29.0)).center(),
            Column::new("", ColWidth::Fr(1.0)),
        ]);
        opinion.header = false;
        opinion.row(["综合意见", "\n\n\n"]);
        place_table(doc, &opinion)?;
        doc.space(8.0);
        signature_box(doc, "评审专家签名")
    }

    // -----------------------------------------------------------------------------------------
    // 2. Score sheet of an expert (panel meetings)
    // -----------------------------------------------------------------------------------------

    fn score_sheet_doc(
        &self,
        desk: &Desk,
        year: Option<i32>,
        expert: &str,
    ) -> Result<Document<'_>> {
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
            &format!(
                "评审专家：{name}　　工作单位：{employer}　　评审材料：{}份",
                assigned.len()
            ),
            &Style::title(zihao::XIAO_SI).face(Face::Serif).after(6.0),
        );
        let heading = Style::heading(zihao::XIAO_SI)
            .pitch(22.0)
            .before(6.0)
            .after(3.0);
        let mut section = 0;
        for award in Award::ALL {
            let mine: Vec<&AssignmentView> = assigned.iter().filter(|a| a.award == award).collect();
            if mine.is_empty() {
                continue;
            }
            section += 1;
            let rubric = c.rubric(award);
            let mut cols = vec![
                Column::new("序号", ColWidth::Mm(12.0)).center(),
                Column::new("申报单位", ColWidth::Mm(44.0)),
            ];
            for k in &rubric.criteria {
                let how = if k.is_auto() { "自动·" } else { "" };
                cols.push(
                    Column::new(
                        format!("{}\n{how}{}分", short_name(&k.name), k.points),
                        ColWidth::Fr(1.0),
                    )
                    .right(),
                );
            }
            cols.push(Column::new("合计", ColWidth::Mm(18.0)).right());
            let mut t = Table::new(cols).size(zihao::WU);
            let mut submitted = 0;
            for (i, a) in mine.iter().enumerate() {
                let sheet = desk
                    .dossier_scores(&actor, a.dossier_id)?
                    .into_iter()
                    .find(|s| s.assignment_id == a.id);
                let done = a.state == SheetState::Submitted;
                let unit = units::by_code(&a.unit_code)
                    .map(|u| u.short_name.clone())
                    .unwrap_or_else(|| a.unit.clone());
                let mut row = vec![(i + 1).to_string(), unit];
                for k in &rubric.criteria {
                    let v = sheet
                        .as_ref()
                        .and_then(|s| s.scores.iter().find(|x| x.criterion == k.id))
                        .map(|x| x.points);
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
            keep_with_table(
                &mut doc,
                heading.space_before + heading.line_pitch + heading.space_after,
                &t,
                3,
            );
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
                .map(|k| {
                    format!(
                        "{}（{}分{}）",
                        k.name,
                        k.points,
                        if k.is_auto() { "，自动计算" } else { "" }
                    )
                })
                .collect();
            doc.paragraph(
                &format!("评分项：{}。", legend.join("；")),
                &Style::body(zihao::XIAO_WU)
                    .pitch(14.0)
                    .indent(0.0)
                    .before(3.0),
            );
        }
        doc.paragraph(
            "说明：自动评分项按申报指标计算；得分和合计只列出已提交（锁定）的评分表，“未提交”的请专家在会上补填。",
            &Style::new(Face::Serif, zihao::XIAO_WU).pitch(14.0).before(6.0).after(10.0),
        );
        signature_box(&mut doc, "评审专家签名")?;
        Ok(doc)
    }

    // -----------------------------------------------------------------------------------------
    // 3. Results
    // -----------------------------------------------------------------------------------------

    fn results_doc(&self, desk: &Desk, year: Option<i32>) -> Result<Document<'_>> {
        let actor = desk.local_secretariat();
        let c = desk.campaign(year)?;
        let results = desk.results(&actor, Some(c.year))?;
        let title = format!("{}年度企业科协组织建设“试点示范”和“后补助”评审结果", c.year);
        let mut doc = self.doc(&title, landscape_setup());
        doc.set_watermark(Some(confidential("秘书处")));
        doc.paragraph(
            &title,
            &Style::title(zihao::XIAO_ER).face(Face::SansBold).after(2.0),
        );
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
        let heading = Style::heading(zihao::XIAO_SI)
            .pitch(22.0)
            .before(6.0)
            .after(3.0);
        let mut section = 0;
        for award in Award::ALL {
            let mut rows: Vec<&ResultRow> =
                results.rows.iter().filter(|r| r.award == award).collect();
            if rows.is_empty() {
                continue;
            }
            rows.sort_by_key(|r| (r.rank.unwrap_or(u32::MAX), r.unit_order));
            section += 1;
            let n_pos = rows
                .iter()
                .map(|r| r.experts.len())
                .max()
                .unwrap_or(0)
                .max(1);
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
                    row.push(
                        r.experts
                            .get(p)
                            .map(|e| format!("{}\n{}", e.expert, e.total))
                            .unwrap_or_default(),
                    );
                }
                let show = |p: Option<crate::decimal::Points>| {
                    p.map(|x| x.to_string()).unwrap_or_else(|| "—".into())
                };
                let mut flags: Vec<String> = r.flags.iter().map(|f| flag_label(f)).collect();
                if let Some(cn) = r.consensus.as_deref().filter(|s| !s.trim().is_empty()) {
                    flags.push(format!("专家组意见：{cn}"));
                }
                row.extend([
                    show(r.aggregate),
                    show(r.mean),
                    show(r.median),
                    r.grade
                        .map(|g| g.label().to_string())
                        .unwrap_or_else(|| "—".into()),
                    flags.join("；"),
                ]);
                t.row(row);
            }
            keep_with_table(
                &mut doc,
                heading.space_before + heading.line_pitch + heading.space_after,
                &t,
                3,
            );
            let ranked = rows.iter().filter(|r| r.rank.is_some()).count();
            doc.paragraph(
                &format!(
                    "{}、{}（{}份，排名{}份）",
                    cn_ordinal(section),
                    quoted(award),
                    rows.len(),
                    ranked
                ),
                &heading,
            );
            place_table(&mut doc, &t)?;
        }
        if section == 0 {
            doc.paragraph(
                "（暂无已推荐进入评审的申报材料）",
                &Style::body(zihao::XIAO_SI).before(12.0),
            );
        }
        if !results.deviating_experts.is_empty() {
            doc.paragraph(
                &format!(
                    "评分偏离的专家（与同组其他专家平均分的平均绝对差超过{}分）：{}。",
                    c.policy.deviation_points,
                    results.deviating_experts.join("、")
                ),
                &Style::body(zihao::XIAO_WU)
                    .pitch(14.0)
                    .indent(0.0)
                    .before(6.0),
            );
        }
        Ok(doc)
    }

    // -----------------------------------------------------------------------------------------
    // 4. Publicity list
    // -----------------------------------------------------------------------------------------

    fn publicity_list_doc(&self, desk: &Desk, year: Option<i32>) -> Result<Document<'_>> {
        let (c, p) = super::opened_publicity(desk, year)?;
        let issuer = self.issuer()?;
        let setup = PageSetup::official();
        let title = format!(
            "关于{}年度企业科协组织建设“试点示范”和“后补助”拟支持单位的公示",
            c.year
        );
        let mut doc = self.doc(&title, setup);
        doc.set_author(&issuer.name);
        let pitch = setup.pitch_for_lines(NOTICE_LINES_PER_PAGE);
        let body = Style::body(zihao::SAN)
            .pitch(pitch)
            .spacing(setup.spacing_for_chars(zihao::SAN, NOTICE_CHARS_PER_LINE));
        doc.paragraph(
            &format!(
                "关于{}年度企业科协组织建设\n“试点示范”和“后补助”拟支持单位的公示",
                c.year
            ),
            &Style::title(zihao::ER)
                .face(Face::SansBold)
                .pitch(pitch * 1.4)
                .after(pitch),
        );
        let count = |a: Award| p.rows.iter().filter(|r| r.award == a).count();
        let (n_pilot, n_sub) = (count(Award::Pilot), count(Award::Subsidy));
        let mut whom = Vec::new();
        if n_pilot > 0 {
            whom.push(format!(
                "{n_pilot}个单位为{}年度企业科协组织建设“试点示范”单位",
                c.year
            ));
        }
        if n_sub > 0 {
            whom.push(format!("{n_sub}个单位为“后补助”单位"));
        }
        doc.paragraph(
            &format!(
                "根据{}要求，经各单位申报、形式审查和专家评审，拟确定{}（名单附后），现予公示。",
                issuer.basis(c.year),
                if whom.is_empty() {
                    "拟支持单位".to_string()
                } else {
                    whom.join("，")
                }
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
            t.row([
                (i + 1).to_string(),
                r.unit.clone(),
                r.award.label().to_string(),
                wan_yuan(r.amount_yuan),
            ]);
        }
        let total: i64 = p.rows.iter().map(|r| r.amount_yuan).sum();
        t.total([
            String::new(),
            format!("合计（{}个单位）", p.rows.len()),
            String::new(),
            wan_yuan(total),
        ]);
        let list_title = Style::title(zihao::SAN)
            .face(Face::SansBold)
            .pitch(pitch)
            .before(pitch / 2.0)
            .after(4.0);
        keep_with_table(
            &mut doc,
            list_title.space_before + list_title.line_pitch + list_title.space_after,
            &t,
            3,
        );
        doc.paragraph("拟支持单位名单", &list_title);
        place_table(&mut doc, &t)?;
        doc.space(pitch);
        signature(&mut doc, &issuer.name, &cn_date(p.start), &body);
        Ok(doc)
    }

    // -----------------------------------------------------------------------------------------
    // 5. Award notice
    // -----------------------------------------------------------------------------------------

    fn notice_doc(&self, desk: &Desk, year: Option<i32>) -> Result<Document<'_>> {
        let actor = desk.local_secretariat();
        let c = desk.campaign(year)?;
        if c.stage != Stage::Published {
            return Err(Error::IllegalTransition {
                state: c.stage.label().into(),
                action: "导出通报".into(),
                allowed: format!(
                    "通报在评审结果发布后才能导出：请在公示结束后发布{}年度评审结果（pingshen publish --doc-number 文号），再导出通报",
                    c.year
                ),
            });
        }
        let p = desk.publicity(&desk.local_secretariat(), Some(c.year))?.ok_or_else(|| {
            Error::Other(format!(
                "{}年度已发布但没有公示记录，数据库可能已损坏",
                c.year
            ))
        })?;
        let funding = desk.funding(&actor, Some(c.year))?;
        let results = desk.results(&actor, Some(c.year))?;
        let issuer = self.issuer()?;
        let issued = p.published_on.or(p.closed_on).unwrap_or(p.end);
        let doc_number = c.doc_number.clone().unwrap_or_default();

        let setup = PageSetup::official();
        let title_text = format!(
            "关于{}年度企业科协组织建设“试点示范”和“后补助”单位的通报",
            c.year
        );
        let mut doc = self.doc(&title_text, setup);
        doc.set_author(&issuer.name);
        doc.set_page_numbers(Some(PageNumbers {
            format: "— {page} —".to_string(),
            size: zihao::SI,
            outside: true,
            ..PageNumbers::default()
        }));
        let pitch = setup.pitch_for_lines(NOTICE_LINES_PER_PAGE);
        let body = Style::body(zihao::SAN)
            .pitch(pitch)
            .spacing(setup.spacing_for_chars(zihao::SAN, NOTICE_CHARS_PER_LINE));
        let flush = body.clone().indent(0.0);
        let heading = body.clone().face(Face::SansBold).align(Align::Left);
        let width = setup.content_width_mm();

        // ---- 版头: the header's top edge 35 mm below the text block's top (GB/T 9704 7.2.3),
        // red, as large as fits; 文号 two lines below, centred; the red rule 4 mm under it.
        let n = issuer.header.chars().count().max(1) as f32;
        let size = (width * PT_PER_MM * 0.94 / n).min(zihao::XIAO_CHU);
        let gap = if n > 1.0 {
            ((width * PT_PER_MM * 0.80 - n * size) / ((n - 1.0) * size)).clamp(0.0, 0.25)
        } else {
            0.0
        };
        let header = Style::title(size)
            .colour(Colour::Red)
            .spacing(gap)
            .pitch(size);
        doc.set_cursor_mm(setup.margins.top + 35.0);
        doc.paragraph(&issuer.header, &header);
        doc.space(2.0 * pitch);
        doc.paragraph(
            &doc_number,
            &Style::new(Face::Serif, zihao::SAN)
                .align(Align::Center)
                .pitch(zihao::SAN),
        );
        doc.rule(
            &Rule::new(1.5)
                .colour(Colour::Red)
                .before(4.0 * PT_PER_MM)
                .after(2.0 * pitch),
        );

        // ---- 标题, 主送机关
        doc.paragraph(
            &format!(
                "关于{}年度企业科协组织建设\n“试点示范”和“后补助”单位的通报",
                c.year
            ),
            &Style::title(zihao::ER)
                .face(Face::SansBold)
                .pitch(pitch * 1.4)
                .after(pitch),
        );
        doc.paragraph(
            &format!("{}：", issuer.addressee.trim_end_matches(['：', ':'])),
            &flush,
        );

        // ---- 正文
        let lines_of = |a: Award| {
            funding
                .lines
                .iter()
                .filter(|l| l.award == a)
                .collect::<Vec<_>>()
        };
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
        doc.paragraph(
            &format!(
                "根据{}要求，{}组织开展了{}年度企业科协组织建设“试点示范”和“后补助”评审工作。经各单位申报、形式审查和专家评审，拟支持单位名单于{}至{}公示{}个工作日，{}。现确定{}，并将有关情况通报如下。",
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
        let mut section_start =
            |doc: &mut Document, title: &str, text: &str, table: Option<&Table>| {
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
            let pay = pilots
                .iter()
                .map(|l| l.pay_by)
                .max()
                .filter(|d| *d >= issued);
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
                t.row([
                    (i + 1).to_string(),
                    l.unit.clone(),
                    wan_yuan(l.amount_yuan),
                    wan_yuan(l.matching_yuan),
                ]);
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
            t.total([
                String::new(),
                "合计".to_string(),
                wan_yuan(subsidies.iter().map(|l| l.amount_yuan).sum()),
            ]);
            section_start(&mut doc, "“后补助”单位", &text, Some(&t));
            doc.space(pitch / 4.0);
            place_table(&mut doc, &t)?;
            doc.space(pitch / 2.0);
        }
        // Seed 002 §四(四): excellent units commended, unqualified units criticised.
        let units_with = |g: Grade| -> Vec<String> {
            let mut rows: Vec<&ResultRow> =
                results.rows.iter().filter(|r| r.grade == Some(g)).collect();
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
        let unqualified: Vec<String> = units_with(Grade::Unqualified)
            .into_iter()
            .filter(|u| !excellent.contains(u))
            .collect();
        if !excellent.is_empty() {
            let text = format!(
                "对考核优秀的以下{}个单位予以通报表扬：{}。",
                excellent.len(),
                excellent.join("、")
            );
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
        // The closing paragraph's last lines stay with the signature (GB/T 9704 7.3.5: no
        // signature alone on a page).
        doc.ensure_space((doc.paragraph_height(closing, &body) + 3.0 * pitch).min(5.0 * pitch));
        doc.paragraph(closing, &body);

        // ---- 落款: one blank line, signature and date (no seal: GB/T 9704 7.3.5.2)
        doc.space(pitch);
        signature(&mut doc, &issuer.name, &cn_date(issued), &body);
        colophon(&mut doc, &issuer.copy_to, &issuer.name, &format!("{}印发", cn_date(issued)));
        Ok(doc)
    }

    // -----------------------------------------------------------------------------------------
    // 6. Funding table
    // -----------------------------------------------------------------------------------------

    fn funding_table_doc(&self, desk: &Desk, year: Option<i32>) -> Result<Document<'_>> {
        let (c, t) = super::funding_lines(desk, year)?;
        let title = format!(
            "{}年度企业科协组织建设“试点示范”和“后补助”经费安排表",
            c.year
        );
        let mut doc = self.doc(&title, landscape_setup());
        doc.paragraph(
            &title,
            &Style::title(zihao::XIAO_ER).face(Face::SansBold).after(4.0),
        );
        let small = Style::new(Face::Serif, zihao::WU).pitch(16.0);
        let setup = doc.page_setup();
        let y = doc.cursor_mm();
        doc.text_at(
            setup.margins.left + setup.content_width_mm(),
            y,
            "单位：万元",
            &small.clone().align(Align::Right),
        );
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
                l.aggregate
                    .map(|a| a.to_string())
                    .unwrap_or_else(|| "—".into()),
                l.grade
                    .map(|g| g.label().to_string())
                    .unwrap_or_else(|| "—".into()),
                wan_yuan(l.amount_yuan),
                if l.award == Award::Pilot || l.matching_yuan != 0 {
                    wan_yuan(l.matching_yuan)
                } else {
                    String::new()
                },
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
            Column::new(
                format!("试点示范（{}个单位）", count(Award::Pilot)),
                ColWidth::Fr(1.0),
            )
            .right(),
            Column::new(
                format!("后补助（{}个单位）", count(Award::Subsidy)),
                ColWidth::Fr(1.0),
            )
            .right(),
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
        let label = Style::new(Face::SansBold, zihao::WU)
            .pitch(18.0)
            .before(8.0)
            .after(2.0);
        let sign = Style::new(Face::Serif, zihao::XIAO_SI)
            .align(Align::Right)
            .before(10.0);
        // The summary and the sign-off line stay on the page of the table's end.
        keep_with_table(
            &mut doc,
            label.space_before
                + label.line_pitch
                + label.space_after
                + sign.space_before
                + sign.line_pitch,
            &sum,
            1,
        );
        doc.paragraph("经费汇总（万元）：后补助经费总额不超过年度预算", &label);
        place_table(&mut doc, &sum)?;
        let made = desk
            .publicity(&desk.local_secretariat(), Some(c.year))?
            .and_then(|p| p.published_on)
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        doc.paragraph(
            &format!(
                "制表：　　　　　　　　审核：　　　　　　　　制表日期：{}",
                cn_date(made)
            ),
            &sign,
        );
        Ok(doc)
    }
}

/// Starts a new page unless `lead` pt (a heading, a paragraph) plus the table's header and its
/// first `rows` rows fit below the cursor, so a heading never stays alone under its table.
fn keep_with_table(doc: &mut Document, lead: f32, t: &Table, rows: usize) {
    // a table the layout cannot measure is refused by `place_table` right after
    let Ok((header, body)) = doc.table_heights(t) else { return };
    let first: f32 = body.iter().take(rows).sum();
    doc.ensure_space(lead + header + first);
}

/// Rows (the totals row counts) a table's last page keeps at least, when rows before can move.
const TABLE_TAIL_ROWS: usize = 3;

/// [`Document::table`] with widow control: when the table would break leaving fewer than
/// [`TABLE_TAIL_ROWS`] rows on its last page, rows from the page before move down with them
/// (the table is laid out in two parts, the second on a new page, both with the header).
fn place_table(doc: &mut Document, t: &Table) -> Result<()> {
    let (header, rows) = doc.table_heights(t)?;
    let n = rows.len();
    let full = doc.page_setup().content_height_mm() * PT_PER_MM;
    let remaining = doc.remaining_mm() * PT_PER_MM;
    let at_top = (remaining - full).abs() < 0.01;
    // Follow the layout's pagination: where each page's rows start.
    let first = rows.first().copied().unwrap_or(0.0);
    let mut room = if header + first > remaining + 0.01 && !at_top {
        full
    } else {
        remaining
    };
    let (mut used, mut last_break, mut prev_break) = (header, 0usize, 0usize);
    for (i, h) in rows.iter().enumerate() {
        if used + h > room + 0.01 && i > 0 {
            prev_break = last_break;
            last_break = i;
            room = full;
            used = header;
        }
        used += h;
    }
    let tail = n - last_break;
    let k = n
        .saturating_sub(TABLE_TAIL_ROWS)
        .max(prev_break + 1)
        .min(t.rows.len());
    if last_break == 0 || tail >= TABLE_TAIL_ROWS.min(n) || k >= last_break {
        return doc.table(t);
    }
    let mut before = t.clone();
    before.rows.truncate(k);
    before.totals = None;
    let mut after = t.clone();
    after.rows = t.rows[k..].to_vec();
    doc.table(&before)?;
    doc.new_page();
    doc.table(&after)
}

/// Number of pages of a PDF this module wrote (the `/Count` of its page tree).
pub fn page_count(pdf: &[u8]) -> Option<usize> {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let at = find(pdf, b"/Type/Pages")?;
    let dict = &pdf[at..pdf.len().min(at + 256)];
    let c = find(dict, b"/Count")? + "/Count".len();
    let digits: String = dict[c..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| b as char)
        .collect();
    digits.parse().ok()
}

/// 20 for 200,000 yuan, 12.5 for 125,000 (amounts in running text).
fn trim_wan(yuan: i64) -> String {
    let s = wan_yuan(yuan);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// An auto criterion's computation in words: 本年新建企业科协数 ÷ 本年组建任务数 = 190 ÷ 255 = 74.51%（目标100%）.
fn auto_explanation(k: &Criterion, ind: &crate::model::Indicators) -> String {
    let (Some(num), Some(den)) = (k.numerator.as_deref(), k.denominator.as_deref()) else {
        return "按指标自动计算".to_string();
    };
    let (n, m) = (ind.get(num).unwrap_or(0), ind.get(den).unwrap_or(0));
    let r = (m > 0).then(|| Ratio::new(n as i128, m as i128));
    let value = if r.is_some() {
        percent(r)
    } else {
        "分母为0，得满分".to_string()
    };
    let target = k.target.as_deref().map(target_percent).unwrap_or_default();
    format!(
        "{} ÷ {} = {n} ÷ {m} = {value}（目标{target}）",
        indicator_label(num),
        indicator_label(den)
    )
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
        let spread = if n < 4.0 {
            (4.0 - n) / n
        } else {
            plain.letter_spacing
        };
        let spaced = plain.clone().spacing(spread);
        let rest = format!("：{value}");
        let total = doc.text_width_mm(&format!("　　{label}{rest}"), &plain)
            + (4.0 - n).max(0.0) * plain.size / PT_PER_MM;
        if total > width {
            doc.paragraph(&format!("{label}{rest}"), &body.clone().align(Align::Left));
            continue;
        }
        doc.runs(
            &[("　　", &plain), (label, &spaced), (&rest, &plain)],
            Align::Left,
        );
    }
}

/// A two-cell signature box: label, room to sign, 日期, 年 月 日.
fn signature_box(doc: &mut Document, label: &str) -> Result<()> {
    let mut t = Table::new(vec![
        Column::new("", ColWidth::Mm(30.0)).center(),
        Column::new("", ColWidth::Fr(1.0)),
        Column::new("", ColWidth::Mm(18.0)).center(),
        Column::new("", ColWidth::Mm(56.0)).center(),
    ])
    .size(zihao::XIAO_SI);
    t.header = false;
    t.row([
        label.to_string(),
        "\n".to_string(),
        "日　期".to_string(),
        "　　　　年　　月　　日".to_string(),
    ]);
    doc.table(&t)
}

/// 发文机关署名 and 成文日期 after GB/T 9704-2012 7.3.5.2 (no seal): the signature two
/// characters from the right edge, the date on the next line starting two characters right of
/// the signature's start; a date longer than that ends two characters from the right edge and
/// pushes the signature left. Both stay on one page.
fn signature(doc: &mut Document, name: &str, date: &str, body: &Style) {
    let style = body.clone().indent(0.0).align(Align::Left).spacing(0.0);
    let setup = doc.page_setup();
    let right = setup.margins.left + setup.content_width_mm();
    let ch = style.size / PT_PER_MM;
    let name_w = doc.text_width_mm(name, &style);
    let date_w = doc.text_width_mm(date, &style);
    let mut name_x = right - 2.0 * ch - name_w;
    let mut date_x = name_x + 2.0 * ch;
    if date_x + date_w > right - 2.0 * ch {
        date_x = right - 2.0 * ch - date_w;
        name_x = date_x - 2.0 * ch;
    }
    doc.ensure_space(2.0 * style.line_pitch);
    let y = doc.cursor_mm();
    doc.text_at(name_x, y, name, &style);
    doc.text_at(date_x, y + style.line_pitch / PT_PER_MM, date, &style);
    doc.space(2.0 * style.line_pitch);
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
        assert_eq!(
            cn_date(NaiveDate::from_ymd_opt(2014, 12, 10).unwrap_or_default()),
            "2014年12月10日"
        );
        assert_eq!(percent(Some(Ratio::new(190, 255))), "74.51%");
        assert_eq!(percent(Some(Ratio::new(1, 8))), "12.50%");
        assert_eq!(percent(None), "—");
        assert_eq!(target_percent("0.25"), "25%");
        assert_eq!(target_percent("0.122"), "12.2%");
        assert_eq!(target_percent("1"), "100%");
        assert_eq!(
            short_name("组织领导：列入议事日程，领导分管，专人负责"),
            "组织领导"
        );
        assert_eq!(short_name("园区科协覆盖率（目标25%）"), "园区科协覆盖率");
        assert_eq!(short_name("发展规划和年度计划"), "发展规划和年度计划");
        assert_eq!(trim_wan(200_000), "20");
        assert_eq!(trim_wan(125_000), "12.5");
        assert_eq!(file_size(25), "25 字节");
        assert_eq!(sha_two_lines(&"a".repeat(64)).split(' ').count(), 2);
    }

    #[test]
    fn bundled_issuer_is_complete() {
        let i = load_issuer(&assets_dir()).expect("issuer.toml");
        assert_eq!(i.name, "中国科协计划财务部");
        assert_eq!(i.phone, "010-68571894");
        assert_eq!(i.email, "qykxgzc@cast.org.cn");
        assert_eq!(
            i.mailing_address(),
            "北京市海淀区复兴路3号科技会堂1903室（邮编：100863）"
        );
        assert_eq!(
            i.basis(2014),
            "《中国科协2014年推进企业科协组织建设工作实施方案》（科协计函企字〔2014〕25号）"
        );
        assert_eq!(
            i.basis(2015),
            "中国科协2015年推进企业科协组织建设工作实施方案"
        );
    }

    #[test]
    fn missing_or_broken_issuer_is_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let msg = load_issuer(dir.path()).expect_err("missing").to_string();
        assert!(
            msg.contains("缺少发文单位信息文件") && msg.contains("issuer.toml"),
            "{msg}"
        );
        std::fs::write(dir.path().join(ISSUER_FILE), "header = \"x\"\n").expect("write");
        let msg = load_issuer(dir.path()).expect_err("incomplete").to_string();
        assert!(
            msg.contains("格式错误") && msg.contains("issuer.toml"),
            "{msg}"
        );
        let text = std::fs::read_to_string(assets_dir().join(ISSUER_FILE)).expect("read");
        std::fs::write(
            dir.path().join(ISSUER_FILE),
            text.replace("010-68571894", " "),
        )
        .expect("write");
        let msg = load_issuer(dir.path())
            .expect_err("blank phone")
            .to_string();
        assert!(msg.contains("phone 为空"), "{msg}");
    }

    /// Every character of every document (demo data, issuer.toml, the fixed texts) is in the
    /// bundled fonts: nothing prints as an empty box.
    #[test]
    fn every_document_prints_every_character() {
        let dir = tempfile::tempdir().expect("tempdir");
        let desk = Desk::open_in_memory().expect("desk");
        crate::demo::run_demo(&desk, dir.path()).expect("demo");
        let ex = PdfExporter::load_default().expect("fonts");
        let y = Some(crate::demo::DEMO_YEAR);
        let id = desk
            .find_dossier(y, "湖北省科协", Some(Award::Subsidy))
            .expect("dossier");
        let docs = [
            (
                "dossier",
                ex.dossier_doc(&desk, y, id, "王建华").expect("dossier"),
            ),
            (
                "package",
                ex.expert_dossiers_doc(&desk, y, "王建华", &mut |_, _| {})
                    .expect("package"),
            ),
            (
                "score sheet",
                ex.score_sheet_doc(&desk, y, "王建华").expect("score sheet"),
            ),
            ("results", ex.results_doc(&desk, y).expect("results")),
            (
                "publicity",
                ex.publicity_list_doc(&desk, y).expect("publicity"),
            ),
            ("notice", ex.notice_doc(&desk, y).expect("notice")),
            ("funding", ex.funding_table_doc(&desk, y).expect("funding")),
        ];
        for (name, doc) in docs {
            assert!(
                doc.missing_chars().is_empty(),
                "{name}: {:?}",
                doc.missing_chars()
            );
            let pages = doc.page_count();
            let bytes = doc.to_bytes().expect("pdf");
            assert_eq!(page_count(&bytes), Some(pages), "{name}");
        }
    }
}
