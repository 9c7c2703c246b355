//! XLSX exports (rust_xlsxwriter): the results workbook, the publicity list, the funding table and
//! an expert's score-sheet template that the score importer reads back.
//!
//! Every function reads through the [`Desk`] service API as the local secretariat and returns the
//! file's bytes; [`save_atomic`] writes them (temporary file in the same folder, then rename).
//!
//! * Numbers are written as numbers: scores as the published value (rounded half away from zero to
//!   0.01) with number format `0.00`; money in 万元 (`yuan / 10000`) with `0.00`.
//! * Totals are `SUM`/`SUMIF` formulas that also carry their computed result, so a reader that does
//!   not recalculate (calamine, previewers) shows the same number as Excel.
//! * Column widths are computed from the text (a CJK character counts as two width units).

use std::collections::BTreeMap;

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, Format, FormatAlign,
    FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use crate::decimal::{Centi, Points};
use crate::desk::{Desk, ResultRow};
use crate::error::{Error, Result};
use crate::import::SCORE_HEADERS;
use crate::model::Award;
use crate::rubric::Rubric;
use crate::workflow::SheetState;

/// Paper size code of A4 in the XLSX page setup.
const A4: u8 = 9;
/// Width limits of a column (Excel character units).
const MIN_WIDTH: f64 = 6.0;
const MAX_WIDTH: f64 = 60.0;

fn xerr(e: XlsxError) -> Error {
    Error::Other(format!("生成电子表格失败：{e}"))
}

/// Display width of a text in Excel character units: CJK and full-width characters (and the
/// East Asian ambiguous punctuation Chinese fonts draw full width) count 2, others 1. For a
/// multi-line text, the longest line.
pub fn text_width(s: &str) -> f64 {
    s.lines().map(|l| l.chars().map(char_width).sum::<f64>()).fold(0.0, f64::max)
}

fn char_width(c: char) -> f64 {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F | 0x2014 | 0x2018..=0x201D | 0x2026 | 0x2E80..=0x303E | 0x3040..=0xA4CF |
        0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide {
        2.0
    } else {
        1.0
    }
}

use super::cn_date;

/// Money in 万元 as a number (exact yuan / 10000; the cell format shows two decimals).
fn wan(yuan: i64) -> f64 {
    yuan as f64 / 10_000.0
}

/// The value that is shown and published for an exact score.
fn shown(p: Points) -> f64 {
    p.shown().as_f64()
}

/// A formula's cached result as text (what a non-recalculating reader shows).
fn result_text(v: f64) -> String {
    let r = (v * 1e6).round() / 1e6;
    if r == 0.0 {
        "0".to_string()
    } else {
        format!("{r}")
    }
}

/// Excel column letters (0 → A).
fn col_name(mut c: u16) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

/// `F3` for row index 2, column index 5.
fn cell_ref(row: u32, col: u16) -> String {
    format!("{}{}", col_name(col), row + 1)
}

/// The result flags in words a clerk reads.
pub fn flag_label(flag: &str) -> String {
    match flag {
        "insufficient_scores" => "有效评分不足，未参与排名".to_string(),
        "disagreement" => "专家评分差异较大，需专家组讨论".to_string(),
        "late" => "逾期提交（经秘书处决定受理）".to_string(),
        f => match f.strip_prefix("deviating_expert:") {
            Some(name) => format!("评分偏离专家：{name}"),
            None => f.to_string(),
        },
    }
}

/// The cell formats of every export (宋体, thin borders).
struct Styles {
    title: Format,
    subtitle: Format,
    note: Format,
    header: Format,
    text: Format,
    center: Format,
    int: Format,
    num2: Format,
    total_label: Format,
    total_num2: Format,
    total_text: Format,
    input: Format,
    reference: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new().set_font_name("宋体").set_font_size(11).set_align(FormatAlign::VerticalCenter);
        let cell = base.clone().set_border(FormatBorder::Thin);
        Styles {
            title: base.clone().set_bold().set_font_size(16).set_align(FormatAlign::Center).set_text_wrap(),
            subtitle: base.clone().set_align(FormatAlign::Center),
            note: base.clone().set_text_wrap(),
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_text_wrap()
                .set_background_color(Color::RGB(0xD9D9D9)),
            text: cell.clone().set_text_wrap(),
            center: cell.clone().set_align(FormatAlign::Center),
            int: cell.clone().set_align(FormatAlign::Center).set_num_format("0"),
            num2: cell.clone().set_num_format("0.00"),
            total_label: cell.clone().set_bold().set_align(FormatAlign::Center),
            total_num2: cell.clone().set_bold().set_num_format("0.00"),
            total_text: cell.clone().set_bold(),
            input: cell.clone().set_background_color(Color::RGB(0xFFF2CC)).set_unlocked(),
            reference: cell
                .set_font_color(Color::RGB(0x595959))
                .set_background_color(Color::RGB(0xF2F2F2))
                .set_text_wrap(),
        }
    }
}

/// A worksheet with the widths its cells need.
struct Grid<'a> {
    ws: &'a mut Worksheet,
    widths: Vec<f64>,
    /// (row, column, text width) of every text cell, to size the rows of wrapped text.
    texts: Vec<(u32, u16, f64)>,
}

/// Header texts wider than this wrap instead of widening their column.
const HEADER_WIDTH_CAP: f64 = 12.0;
/// Height of one line of 11 pt text, in points.
const LINE_PT: f64 = 14.5;

fn fitted(w: f64) -> f64 {
    (w + 2.0).clamp(MIN_WIDTH, MAX_WIDTH)
}

impl<'a> Grid<'a> {
    fn new(ws: &'a mut Worksheet) -> Grid<'a> {
        Grid { ws, widths: Vec::new(), texts: Vec::new() }
    }
    fn see(&mut self, col: u16, shown: &str) {
        let c = col as usize;
        if self.widths.len() <= c {
            self.widths.resize(c + 1, 0.0);
        }
        self.widths[c] = self.widths[c].max(text_width(shown));
    }
    fn text(&mut self, row: u32, col: u16, s: &str, f: &Format) -> Result<()> {
        self.ws.write_string_with_format(row, col, s, f).map_err(xerr)?;
        self.see(col, s);
        self.texts.push((row, col, text_width(s)));
        Ok(())
    }
    fn num(&mut self, row: u32, col: u16, v: f64, f: &Format) -> Result<()> {
        self.ws.write_number_with_format(row, col, v, f).map_err(xerr)?;
        self.see(col, &format!("{v:.2}"));
        Ok(())
    }
    fn opt_num(&mut self, row: u32, col: u16, v: Option<f64>, f: &Format) -> Result<()> {
        match v {
            Some(v) => self.num(row, col, v, f),
            None => self.blank(row, col, f),
        }
    }
    fn int(&mut self, row: u32, col: u16, v: i64, f: &Format) -> Result<()> {
        self.ws.write_number_with_format(row, col, v as f64, f).map_err(xerr)?;
        self.see(col, &v.to_string());
        Ok(())
    }
    fn blank(&mut self, row: u32, col: u16, f: &Format) -> Result<()> {
        self.ws.write_blank(row, col, f).map_err(xerr)?;
        Ok(())
    }
    fn formula(&mut self, row: u32, col: u16, formula: &str, result: f64, f: &Format) -> Result<()> {
        self.ws
            .write_formula_with_format(row, col, Formula::new(formula).set_result(result_text(result)), f)
            .map_err(xerr)?;
        self.see(col, &format!("{result:.2}"));
        Ok(())
    }
    fn headers(&mut self, row: u32, names: &[&str], f: &Format) -> Result<()> {
        for (i, h) in names.iter().enumerate() {
            let c = i as u16;
            self.ws.write_string_with_format(row, c, *h, f).map_err(xerr)?;
            let w = text_width(h);
            self.see(c, &"0".repeat(w.min(HEADER_WIDTH_CAP) as usize));
            self.texts.push((row, c, w));
        }
        Ok(())
    }
    /// Limits a column's width (its long texts wrap).
    fn cap(&mut self, col: u16, max: f64) {
        if let Some(w) = self.widths.get_mut(col as usize) {
            *w = w.min(max);
        }
    }
    /// Gives a column at least this width (e.g. room to type).
    fn widen(&mut self, col: u16, min: f64) {
        self.see(col, &"0".repeat(min as usize));
    }
    /// A merged line across `cols` columns (titles, notes); not counted in the widths.
    fn line(&mut self, row: u32, cols: u16, s: &str, f: &Format) -> Result<()> {
        if cols <= 1 {
            self.ws.write_string_with_format(row, 0, s, f).map_err(xerr)?;
        } else {
            self.ws.merge_range(row, 0, row, cols - 1, s, f).map_err(xerr)?;
        }
        Ok(())
    }
    /// Sets every column's width from its widest cell (+2 for padding), within limits, then the
    /// height of every row whose text wraps in the fitted width (readers do not all re-measure
    /// rows on opening).
    fn fit_columns(&mut self) -> Result<()> {
        for (c, w) in self.widths.clone().into_iter().enumerate() {
            self.ws.set_column_width(c as u16, fitted(w)).map_err(xerr)?;
        }
        let mut lines: BTreeMap<u32, f64> = BTreeMap::new();
        for &(r, c, w) in &self.texts {
            let room = self.widths.get(c as usize).map(|w| fitted(*w)).unwrap_or(MIN_WIDTH) - 1.0;
            let n = (w / room.max(1.0)).ceil().max(1.0);
            let e = lines.entry(r).or_insert(1.0);
            *e = e.max(n);
        }
        for (r, n) in lines {
            if n > 1.0 {
                self.ws.set_row_height(r, n * LINE_PT + 3.0).map_err(xerr)?;
            }
        }
        Ok(())
    }
    /// Sum of the fitted widths of the first `cols` columns.
    fn total_width(&self, cols: u16) -> f64 {
        self.widths.iter().take(cols as usize).map(|w| fitted(*w)).sum()
    }
    /// Height (points) a merged line needs to show `s` wrapped over the table's width.
    fn line_height(&self, cols: u16, s: &str, font_pt: f64) -> f64 {
        let lines = (text_width(s) * font_pt / 11.0 / self.total_width(cols).max(1.0)).ceil().max(1.0);
        lines * font_pt * 1.45 + 4.0
    }
}

/// Print setup shared by the exports: A4, orientation, fit to one page wide, the header row
/// repeated on every page, centred, page numbers in the footer.
fn print_setup(ws: &mut Worksheet, landscape: bool, header_row: u32) -> Result<()> {
    ws.set_paper_size(A4);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_repeat_rows(header_row, header_row).map_err(xerr)?;
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&C第 &P 页 共 &N 页");
    Ok(())
}

fn workbook(desk: &Desk, title: &str) -> Result<Workbook> {
    let mut wb = Workbook::new();
    let keywords = super::head_keyword(desk)?.join(",");
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author("秘书处")
            .set_company("中国科协计划财务部")
            .set_keywords(&keywords),
    );
    Ok(wb)
}

fn finish(mut wb: Workbook) -> Result<Vec<u8>> {
    wb.save_to_buffer().map_err(xerr)
}

fn sheet_named<'w>(wb: &'w mut Workbook, name: &str) -> Result<&'w mut Worksheet> {
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(xerr)?;
    Ok(ws)
}

/// Results rows in the order they are read: pilot then post-subsidy, by rank (unranked last),
/// then in the order of the 47-unit list.
fn ordered(rows: &[ResultRow]) -> Vec<&ResultRow> {
    let mut v: Vec<&ResultRow> = rows.iter().collect();
    v.sort_by_key(|r| (r.award, r.rank.unwrap_or(u32::MAX), r.unit_order));
    v
}

// ---------------------------------------------------------------------------------------------
// 1. Results
// ---------------------------------------------------------------------------------------------

/// The results workbook (secretariat): sheet 「评审结果」 (one row per dossier: every expert's
/// total, aggregate, mean, median, rank, grade, flags) and sheet 「评分明细」 (one row per expert ×
/// dossier × criterion with a 合计 row per sheet, for filtering in Excel).
pub fn results_xlsx(desk: &Desk, year: Option<i32>) -> Result<Vec<u8>> {
    let actor = desk.local_secretariat();
    let c = desk.campaign(year)?;
    let results = desk.results(&actor, Some(c.year))?;
    let rows = ordered(&results.rows);
    let st = Styles::new();
    let mut wb = workbook(desk, &format!("{}年度评审结果", c.year))?;

    // ---- sheet 1: 评审结果
    let n_pos = rows.iter().map(|r| r.experts.len()).max().unwrap_or(0).max(1);
    let mut headers: Vec<String> = vec!["序号".into(), "单位".into(), "类别".into(), "评分专家数".into()];
    for i in 1..=n_pos {
        headers.push(format!("专家{i}总分"));
    }
    let first_after = headers.len() as u16;
    for h in [
        "综合得分",
        "平均分",
        "中位数",
        "排名",
        "等级",
        "自动评分小计",
        "提示",
        "评分专家（按专家1、专家2……顺序）",
        "专家组意见",
    ] {
        headers.push(h.into());
    }
    let ncols = headers.len() as u16;
    {
        let ws = sheet_named(&mut wb, "评审结果")?;
        let mut g = Grid::new(ws);
        let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        g.headers(2, &header_refs, &st.header)?;
        let mut r = 3u32;
        for (i, row) in rows.iter().enumerate() {
            g.int(r, 0, i as i64 + 1, &st.int)?;
            g.text(r, 1, &row.unit, &st.text)?;
            g.text(r, 2, row.award.label(), &st.center)?;
            g.int(r, 3, row.n_scores as i64, &st.int)?;
            for p in 0..n_pos {
                g.opt_num(r, 4 + p as u16, row.experts.get(p).map(|e| e.total.as_f64()), &st.num2)?;
            }
            let c0 = first_after;
            g.opt_num(r, c0, row.aggregate.map(shown), &st.num2)?;
            g.opt_num(r, c0 + 1, row.mean.map(shown), &st.num2)?;
            g.opt_num(r, c0 + 2, row.median.map(shown), &st.num2)?;
            match row.rank {
                Some(k) => g.int(r, c0 + 3, k as i64, &st.int)?,
                None => g.blank(r, c0 + 3, &st.int)?,
            }
            g.text(r, c0 + 4, row.grade.map(|x| x.label()).unwrap_or(""), &st.center)?;
            g.num(r, c0 + 5, row.auto_subtotal.as_f64(), &st.num2)?;
            g.text(r, c0 + 6, &row.flags.iter().map(|f| flag_label(f)).collect::<Vec<_>>().join("；"), &st.text)?;
            g.text(r, c0 + 7, &row.experts.iter().map(|e| e.expert.as_str()).collect::<Vec<_>>().join("、"), &st.text)?;
            g.text(r, c0 + 8, row.consensus.as_deref().unwrap_or(""), &st.text)?;
            r += 1;
        }
        // the long names column and the consensus should wrap rather than widen the sheet
        for c in [ncols - 3, ncols - 2, ncols - 1] {
            g.cap(c, 24.0);
        }
        let title = format!("{}年度企业科协组织建设“试点示范”和“后补助”评审结果", c.year);
        g.fit_columns()?;
        let h = g.line_height(ncols, &title, 16.0);
        g.line(0, ncols, &title, &st.title)?;
        g.ws.set_row_height(0, h).map_err(xerr)?;
        let sub = format!(
            "综合得分：有效评分不少于{}个时去掉一个最高分和一个最低分后取平均，否则取平均；显示保留两位小数；等级：{}分及以上为优秀，{}分及以上为合格。阶段：{}",
            c.policy.trim_from,
            c.policy.excellent_from,
            c.policy.qualified_from,
            results.stage.label()
        );
        let hs = g.line_height(ncols, &sub, 11.0);
        g.line(1, ncols, &sub, &st.note)?;
        g.ws.set_row_height(1, hs).map_err(xerr)?;
        if !results.deviating_experts.is_empty() {
            let text = format!(
                "评分偏离的专家（与同组其他专家平均分的平均绝对差超过{}分）：{}",
                c.policy.deviation_points,
                results.deviating_experts.join("、")
            );
            g.line(r + 1, ncols, &text, &st.note)?;
        }
        if rows.is_empty() {
            g.line(r, ncols, "（暂无已推荐进入评审的申报材料）", &st.note)?;
        }
        g.ws.set_freeze_panes(3, 2).map_err(xerr)?;
        if !rows.is_empty() {
            g.ws.autofilter(2, 0, r - 1, ncols - 1).map_err(xerr)?;
        }
        print_setup(g.ws, true, 2)?;
    }

    // ---- sheet 2: 评分明细
    {
        let ws = sheet_named(&mut wb, "评分明细")?;
        let mut g = Grid::new(ws);
        let headers = ["单位", "类别", "专家", "评分状态", "评分项编号", "评分项", "计分方式", "满分", "得分", "意见"];
        g.headers(0, &headers, &st.header)?;
        let mut r = 1u32;
        for row in &rows {
            let rubric = c.rubric(row.award);
            for sheet in desk.dossier_scores(&actor, row.dossier_id)? {
                // recused and withdrawn sheets are not the panel's; an unreturned one holds a draft only
                if !matches!(sheet.state, SheetState::Pending | SheetState::Submitted) {
                    continue;
                }
                let first = r;
                for k in &rubric.criteria {
                    let typed = sheet.scores.iter().find(|s| s.criterion == k.id);
                    g.text(r, 0, &row.unit, &st.text)?;
                    g.text(r, 1, row.award.label(), &st.center)?;
                    g.text(r, 2, &sheet.expert, &st.center)?;
                    g.text(r, 3, sheet.state.label(), &st.center)?;
                    g.text(r, 4, &k.id, &st.text)?;
                    g.text(r, 5, &k.name, &st.text)?;
                    g.text(r, 6, if k.is_auto() { "自动计算" } else { "专家评分" }, &st.center)?;
                    g.int(r, 7, k.points, &st.int)?;
                    g.opt_num(r, 8, typed.map(|s| s.points.as_f64()), &st.num2)?;
                    g.text(r, 9, typed.map(|s| s.comment.as_str()).unwrap_or(""), &st.text)?;
                    r += 1;
                }
                // 合计 row of this sheet
                g.text(r, 0, &row.unit, &st.total_text)?;
                g.text(r, 1, row.award.label(), &st.total_label)?;
                g.text(r, 2, &sheet.expert, &st.total_label)?;
                g.text(r, 3, sheet.state.label(), &st.total_label)?;
                g.text(r, 4, "", &st.total_text)?;
                g.text(r, 5, "合计", &st.total_text)?;
                g.text(r, 6, "合计", &st.total_label)?;
                g.int(r, 7, rubric.total(), &st.total_label)?;
                match sheet.total {
                    Some(t) => {
                        let f = format!("=SUM({}:{})", cell_ref(first, 8), cell_ref(r - 1, 8));
                        g.formula(r, 8, &f, t.as_f64(), &st.total_num2)?;
                        g.text(r, 9, "", &st.total_text)?;
                    }
                    None => {
                        g.blank(r, 8, &st.total_num2)?;
                        g.text(r, 9, "评分尚未提交，不计总分", &st.total_text)?;
                    }
                }
                r += 1;
            }
        }
        g.cap(5, 40.0);
        g.cap(9, 40.0);
        g.fit_columns()?;
        g.ws.set_freeze_panes(1, 3).map_err(xerr)?;
        if r > 1 {
            g.ws.autofilter(0, 0, r - 1, headers.len() as u16 - 1).map_err(xerr)?;
        }
        print_setup(g.ws, true, 0)?;
    }
    finish(wb)
}

// ---------------------------------------------------------------------------------------------
// 2. Publicity list
// ---------------------------------------------------------------------------------------------

/// Who objections go to (SPEC: the secretariat is CAST's Planning & Finance Department).
const OBJECTIONS_TO: &str = "中国科协计划财务部";

/// The publicity list 公示名单: title, period, list, where to send objections.
/// Refused before the publicity has been opened.
pub fn publicity_list_xlsx(desk: &Desk, year: Option<i32>) -> Result<Vec<u8>> {
    let (c, p) = super::opened_publicity(desk, year)?;
    let st = Styles::new();
    let title = format!("{}年度企业科协组织建设“试点示范”和“后补助”拟支持单位公示名单", c.year);
    let mut wb = workbook(desk, &title)?;
    let ws = sheet_named(&mut wb, "公示名单")?;
    let mut g = Grid::new(ws);
    let headers = ["序号", "单位", "类别", "拟支持金额（万元）"];
    let ncols = headers.len() as u16;
    g.headers(3, &headers, &st.header)?;
    let mut r = 4u32;
    for (i, row) in p.rows.iter().enumerate() {
        g.int(r, 0, i as i64 + 1, &st.int)?;
        g.text(r, 1, &row.unit, &st.text)?;
        g.text(r, 2, row.award.label(), &st.center)?;
        g.num(r, 3, wan(row.amount_yuan), &st.num2)?;
        r += 1;
    }
    if p.rows.is_empty() {
        g.line(r, ncols, "（公示名单为空）", &st.note)?;
        r += 1;
    }
    g.fit_columns()?;
    g.line(0, ncols, &title, &st.title)?;
    let h = g.line_height(ncols, &title, 16.0);
    g.ws.set_row_height(0, h).map_err(xerr)?;
    let period = format!("公示期：{}至{}（{}个工作日）", cn_date(p.start), cn_date(p.end), p.working_days);
    g.line(1, ncols, &period, &st.subtitle)?;
    let notice = format!(
        "公示期间，任何单位和个人对名单有异议的，请于{}前以书面形式向{}反映，须署真实姓名并注明联系方式；匿名、逾期或无联系方式的异议不予受理。",
        cn_date(p.end),
        OBJECTIONS_TO
    );
    let nr = r + 1;
    g.line(nr, ncols, &notice, &st.note)?;
    let hn = g.line_height(ncols, &notice, 11.0);
    g.ws.set_row_height(nr, hn).map_err(xerr)?;
    g.ws.set_freeze_panes(4, 0).map_err(xerr)?;
    print_setup(g.ws, false, 3)?;
    finish(wb)
}

// ---------------------------------------------------------------------------------------------
// 3. Funding table
// ---------------------------------------------------------------------------------------------

/// The funding table 经费安排表 in 万元 (two decimals) with totals (SUM formulas carrying their
/// values), the year's post-subsidy budget and what remains of it. Refused before any funding
/// line exists.
pub fn funding_table_xlsx(desk: &Desk, year: Option<i32>) -> Result<Vec<u8>> {
    let (c, t) = super::funding_lines(desk, year)?;
    let st = Styles::new();
    let title = format!("{}年度企业科协组织建设“试点示范”和“后补助”经费安排表", c.year);
    let mut wb = workbook(desk, &title)?;
    let ws = sheet_named(&mut wb, "经费安排表")?;
    let mut g = Grid::new(ws);
    let headers = ["序号", "单位", "类别", "评审得分", "等级", "金额（万元）", "配套资金（万元）", "拨付时限", "备注"];
    let ncols = headers.len() as u16;
    let header_row = 2u32;
    g.headers(header_row, &headers, &st.header)?;
    let first = header_row + 1;
    let mut r = first;
    for (i, l) in t.lines.iter().enumerate() {
        g.int(r, 0, i as i64 + 1, &st.int)?;
        g.text(r, 1, &l.unit, &st.text)?;
        g.text(r, 2, l.award.label(), &st.center)?;
        g.opt_num(r, 3, l.aggregate.map(shown), &st.num2)?;
        g.text(r, 4, l.grade.map(|x| x.label()).unwrap_or(""), &st.center)?;
        g.num(r, 5, wan(l.amount_yuan), &st.num2)?;
        if l.award == Award::Pilot || l.matching_yuan != 0 {
            g.num(r, 6, wan(l.matching_yuan), &st.num2)?;
        } else {
            g.blank(r, 6, &st.num2)?;
        }
        g.text(r, 7, &format!("{}前", cn_date(l.pay_by)), &st.center)?;
        g.text(r, 8, &l.note, &st.text)?;
        r += 1;
    }
    let last = r - 1;
    let (f, m, cat) = (5u16, 6u16, 2u16);
    let range = |col: u16| format!("{}:{}", cell_ref(first, col), cell_ref(last, col));
    let matching_total: i64 = t.lines.iter().map(|l| l.matching_yuan).sum();
    let pilot_matching: i64 = t.lines.iter().filter(|l| l.award == Award::Pilot).map(|l| l.matching_yuan).sum();
    let subsidy_matching = matching_total - pilot_matching;

    // 合计
    let total_row = r;
    let label = |g: &mut Grid, row: u32, s: &str| -> Result<()> {
        g.ws.merge_range(row, 0, row, 4, s, &st.total_label).map_err(xerr)?;
        Ok(())
    };
    label(&mut g, total_row, "合计")?;
    g.formula(total_row, f, &format!("=SUM({})", range(f)), wan(t.total_yuan), &st.total_num2)?;
    g.formula(total_row, m, &format!("=SUM({})", range(m)), wan(matching_total), &st.total_num2)?;
    g.text(total_row, 7, "", &st.total_text)?;
    g.text(total_row, 8, "", &st.total_text)?;
    // 其中：试点示范 / 后补助
    let sub_rows =
        [(Award::Pilot, t.pilot_total_yuan, pilot_matching), (Award::Subsidy, t.subsidy_total_yuan, subsidy_matching)];
    let mut subsidy_row = total_row;
    for (k, (award, yuan, matching)) in sub_rows.iter().enumerate() {
        let row = total_row + 1 + k as u32;
        label(&mut g, row, &format!("其中：{}", award.label()))?;
        g.formula(
            row,
            f,
            &format!("=SUMIF({},\"{}\",{})", range(cat), award.label(), range(f)),
            wan(*yuan),
            &st.total_num2,
        )?;
        g.formula(
            row,
            m,
            &format!("=SUMIF({},\"{}\",{})", range(cat), award.label(), range(m)),
            wan(*matching),
            &st.total_num2,
        )?;
        g.text(row, 7, "", &st.total_text)?;
        g.text(row, 8, "", &st.total_text)?;
        if *award == Award::Subsidy {
            subsidy_row = row;
        }
    }
    // budget and remainder
    let budget_row = total_row + 3;
    label(&mut g, budget_row, "年度后补助预算")?;
    g.num(budget_row, f, wan(t.subsidy_budget_yuan), &st.total_num2)?;
    g.text(budget_row, m, "", &st.total_text)?;
    g.text(budget_row, 7, "", &st.total_text)?;
    g.text(budget_row, 8, "后补助经费总额不超过年度预算", &st.total_text)?;
    let remain_row = budget_row + 1;
    label(&mut g, remain_row, "预算结余")?;
    g.formula(
        remain_row,
        f,
        &format!("={}-{}", cell_ref(budget_row, f), cell_ref(subsidy_row, f)),
        wan(t.subsidy_remaining_yuan),
        &st.total_num2,
    )?;
    g.text(remain_row, m, "", &st.total_text)?;
    g.text(remain_row, 7, "", &st.total_text)?;
    g.text(remain_row, 8, "", &st.total_text)?;

    g.cap(8, 40.0);
    g.see(1, "其中：试点示范"); // the merged labels are shown in the first five columns
    g.fit_columns()?;
    g.line(0, ncols, &title, &st.title)?;
    let h = g.line_height(ncols, &title, 16.0);
    g.ws.set_row_height(0, h).map_err(xerr)?;
    let sub = format!(
        "单位：万元。试点示范经费{}前拨付，单位须按申报承诺给予配套资金；后补助经费于{}前拨付。",
        cn_date(c.dates.pilot_pay_by),
        cn_date(c.dates.subsidy_pay_by)
    );
    g.line(1, ncols, &sub, &st.note)?;
    let hs = g.line_height(ncols, &sub, 11.0);
    g.ws.set_row_height(1, hs).map_err(xerr)?;
    g.ws.set_freeze_panes(header_row + 1, 0).map_err(xerr)?;
    print_setup(g.ws, true, header_row)?;
    finish(wb)
}

// ---------------------------------------------------------------------------------------------
// 4. Score-sheet template for one expert
// ---------------------------------------------------------------------------------------------

/// One row of a score-sheet template.
struct TemplateRow {
    unit: String,
    award: Award,
    criterion_id: String,
    criterion_name: String,
    max: i64,
    score: Option<Centi>,
    comment: String,
}

/// The score-sheet template 评分录入 of one expert: the first sheet has exactly the import headers
/// (专家, 单位, 评分项, 得分, 意见) and one row per pending assigned dossier × expert criterion,
/// 专家/单位/评分项 pre-filled (draft scores too), with a 0..max check on 得分; reference columns
/// (类别, 评分项名称, 满分) follow to the right and are ignored by the importer. Sheets already
/// submitted (locked) are listed on a separate reference sheet, since importing them again is
/// refused. A second sheet explains how to fill it in. Refused for an unknown expert or one
/// without assignments.
pub fn score_sheet_xlsx(desk: &Desk, year: Option<i32>, expert: &str) -> Result<Vec<u8>> {
    let actor = desk.local_secretariat();
    let c = desk.campaign(year)?;
    let name = expert.trim();
    let (_, assigned) = super::expert_assignments(desk, &c, name)?;
    let mut pending: Vec<TemplateRow> = Vec::new();
    let mut submitted: Vec<TemplateRow> = Vec::new();
    for a in &assigned {
        let rubric: &Rubric = c.rubric(a.award);
        let sheet = desk.dossier_scores(&actor, a.dossier_id)?.into_iter().find(|s| s.assignment_id == a.id);
        let typed: BTreeMap<String, (Centi, String)> = sheet
            .map(|s| s.scores.into_iter().map(|x| (x.criterion, (x.points, x.comment))).collect())
            .unwrap_or_default();
        let target = match a.state {
            SheetState::Submitted => &mut submitted,
            SheetState::Pending => &mut pending,
            _ => continue, // left unreturned when the review ended: nothing more to fill in
        };
        for k in rubric.expert_criteria() {
            let t = typed.get(&k.id);
            target.push(TemplateRow {
                unit: a.unit.clone(),
                award: a.award,
                criterion_id: k.id.clone(),
                criterion_name: k.name.clone(),
                max: k.points,
                score: t.map(|x| x.0),
                comment: t.map(|x| x.1.clone()).unwrap_or_default(),
            });
        }
    }
    let st = Styles::new();
    let mut wb = workbook(desk, &format!("{}年度评分录入表（{}）", c.year, name))?;
    let step = |award: Award| c.rubric(award).step.clone();

    // ---- sheet 1: 评分录入 (what the importer reads: first sheet, header in row 1)
    {
        let ws = sheet_named(&mut wb, "评分录入")?;
        let mut g = Grid::new(ws);
        let mut headers: Vec<&str> = SCORE_HEADERS.to_vec();
        headers.extend(["类别（参考）", "评分项名称（参考）", "满分（参考）"]);
        g.headers(0, &headers, &st.header)?;
        for (i, t) in pending.iter().enumerate() {
            let r = i as u32 + 1;
            g.text(r, 0, name, &st.text)?;
            g.text(r, 1, &t.unit, &st.text)?;
            g.text(r, 2, &t.criterion_id, &st.text)?;
            match t.score {
                Some(s) => g.num(r, 3, s.as_f64(), &st.input)?,
                None => g.blank(r, 3, &st.input)?,
            }
            if t.comment.is_empty() {
                g.blank(r, 4, &st.input)?;
            } else {
                g.text(r, 4, &t.comment, &st.input)?;
            }
            g.text(r, 5, t.award.label(), &st.reference)?;
            g.text(r, 6, &t.criterion_name, &st.reference)?;
            g.int(r, 7, t.max, &st.reference)?;
            let s = step(t.award);
            let dv = DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(0.0, t.max as f64))
                .set_input_title(format!("满分{}分", t.max))
                .map_err(xerr)?
                .set_input_message(format!("{}：0至{}分，按{}分步长打分", short(&t.criterion_name, 40), t.max, s))
                .map_err(xerr)?
                .set_error_title("得分超出范围")
                .map_err(xerr)?
                .set_error_message(format!("该评分项应在0至{}分之间（按{}分步长）", t.max, s))
                .map_err(xerr)?
                .set_error_style(DataValidationErrorStyle::Stop);
            g.ws.add_data_validation(r, 3, r, 3, &dv).map_err(xerr)?;
        }
        // the comment column is for free text: give it room, and let long names wrap
        g.widen(3, 8.0);
        g.widen(4, 30.0);
        g.cap(6, 44.0);
        g.fit_columns()?;
        g.ws.set_freeze_panes(1, 3).map_err(xerr)?;
        print_setup(g.ws, true, 0)?;
    }

    // ---- sheet 2: 填写说明
    {
        let ws = sheet_named(&mut wb, "填写说明")?;
        let mut lines = vec![
            format!("{}年度评分录入表　专家：{}", c.year, name),
            "1. 只填写「评分录入」表中的「得分」和「意见」两列，不要修改「专家」「单位」「评分项」三列，也不要删除第一行表头。".to_string(),
            "2. 得分为0至该项满分之间、按步长（见下）的数字；每个单位的全部评分项都须打分，缺一项则该文件整体不能导入。".to_string(),
            "3. 由指标自动计算的评分项（如任务完成率、园区科协覆盖率）无需填写，不在表中。".to_string(),
            "4. 右侧灰色的「类别」「评分项名称」「满分」三列仅供参考，导入时不读取。".to_string(),
            "5. 填好后交秘书处导入；导入即提交并锁定，如需修改须由秘书处退回。".to_string(),
        ];
        if !submitted.is_empty() {
            lines.push("6. 已提交（已锁定）的评分列在「已提交评分」表中，仅供核对，不能再次导入。".to_string());
        }
        lines.push(String::new());
        lines.push("评分细则：".to_string());
        for award in Award::ALL {
            if !assigned.iter().any(|a| a.award == award) {
                continue;
            }
            let rubric = c.rubric(award);
            lines.push(format!("【{}】{}（步长{}分）", award.label(), rubric.title, rubric.step));
            for k in &rubric.criteria {
                let how = if k.is_auto() { "自动计算，无需填写" } else { "专家评分" };
                lines.push(format!("　{}　{}　满分{}分　{}", k.id, k.name, k.points, how));
            }
        }
        for (i, l) in lines.iter().enumerate() {
            let f = if i == 0 { &st.total_text } else { &st.note };
            ws.write_string_with_format(i as u32, 0, l, f).map_err(xerr)?;
        }
        ws.set_column_width(0, 110.0).map_err(xerr)?;
        print_setup(ws, false, 0)?;
    }

    // ---- sheet 3: 已提交评分 (reference only)
    if !submitted.is_empty() {
        let ws = sheet_named(&mut wb, "已提交评分")?;
        let mut g = Grid::new(ws);
        let headers = ["专家", "单位", "类别", "评分项", "评分项名称", "满分", "得分", "意见"];
        g.headers(0, &headers, &st.header)?;
        for (i, t) in submitted.iter().enumerate() {
            let r = i as u32 + 1;
            g.text(r, 0, name, &st.text)?;
            g.text(r, 1, &t.unit, &st.text)?;
            g.text(r, 2, t.award.label(), &st.center)?;
            g.text(r, 3, &t.criterion_id, &st.text)?;
            g.text(r, 4, &t.criterion_name, &st.text)?;
            g.int(r, 5, t.max, &st.int)?;
            g.opt_num(r, 6, t.score.map(|s| s.as_f64()), &st.num2)?;
            g.text(r, 7, &t.comment, &st.text)?;
        }
        g.cap(4, 44.0);
        g.cap(7, 40.0);
        g.fit_columns()?;
        g.ws.set_freeze_panes(1, 0).map_err(xerr)?;
        print_setup(g.ws, true, 0)?;
    }
    finish(wb)
}

/// At most `n` characters (with an ellipsis), for the limited data-validation messages.
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

// ---------------------------------------------------------------------------------------------
// Saving
// ---------------------------------------------------------------------------------------------

/// Writes `bytes` to `path` safely (temporary file in the same folder, flushed, renamed); on any
/// failure nothing is left under the final name. The one implementation lives in the layout layer.
pub use super::layout::write_atomic as save_atomic;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_cjk_double() {
        assert_eq!(text_width("abc"), 3.0);
        assert_eq!(text_width("湖北省科学技术协会"), 18.0);
        assert_eq!(text_width("金额（万元）"), 12.0);
        assert_eq!(text_width("a\n中文字"), 6.0);
    }

    #[test]
    fn column_letters() {
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(27), "AB");
        assert_eq!(cell_ref(2, 5), "F3");
    }

    #[test]
    fn formula_results_are_plain_numbers() {
        assert_eq!(result_text(75.0), "75");
        assert_eq!(result_text(12.3456), "12.3456");
        assert_eq!(result_text(0.1 + 0.2), "0.3");
    }
}
