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
//!
//! One module per workbook: `results`, `publicity`, `funding` and `score_sheet`; this one holds
//! what they share (cell formats, the width-fitting [`Grid`], print setup, the workbook with the
//! log head in its keywords, cell references and number conversions).

use std::collections::BTreeMap;

use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use crate::decimal::Points;
use crate::desk::Desk;
use crate::error::{Error, Result};
use crate::t;
use crate::text::catalog::msg;

mod funding;
mod publicity;
mod results;
mod score_sheet;

pub use funding::funding_table_xlsx;
pub use publicity::publicity_list_xlsx;
pub use results::results_xlsx;
pub use score_sheet::score_sheet_xlsx;

/// Paper size code of A4 in the XLSX page setup.
const A4: u8 = 9;
/// Width limits of a column (Excel character units).
const MIN_WIDTH: f64 = 6.0;
const MAX_WIDTH: f64 = 60.0;

fn xerr(e: XlsxError) -> Error {
    Error::other(t!(msg::FILES_XLSX_FAILED, detail = e.to_string()))
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
