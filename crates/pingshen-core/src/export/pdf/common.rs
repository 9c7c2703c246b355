//! What several printed documents share: 「“试点示范”」 quoting, section numbers, the
//! confidential watermark, the landscape page, tables kept with their heading and with widow
//! control, and the signature blocks.

use crate::error::Result;
use crate::export::layout::{
    zihao, Align, ColWidth, Column, Document, Margins, PageSetup, Style, Table, Watermark, PT_PER_MM,
};
use crate::model::Award;

/// “试点示范”
pub(super) fn quoted(award: Award) -> String {
    format!("“{}”", award.label())
}

/// 一、二、三 … for section numbers.
pub(super) fn cn_ordinal(n: usize) -> &'static str {
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"].get(n.saturating_sub(1)).copied().unwrap_or("十")
}

pub(super) fn confidential(reader: &str) -> Watermark {
    let reader = reader.trim();
    if reader.is_empty() {
        Watermark::new("内部资料 注意保密")
    } else {
        Watermark::new(format!("{reader}  内部资料 注意保密"))
    }
}

/// Wide tables: A4 landscape.
pub(super) fn landscape_setup() -> PageSetup {
    PageSetup::a4_landscape(Margins { top: 18.0, bottom: 20.0, left: 15.0, right: 15.0 })
}

/// Starts a new page unless `lead` pt (a heading, a paragraph) plus the table's header and its
/// first `rows` rows fit below the cursor, so a heading never stays alone under its table.
pub(super) fn keep_with_table(doc: &mut Document, lead: f32, t: &Table, rows: usize) {
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
pub(super) fn place_table(doc: &mut Document, t: &Table) -> Result<()> {
    let (header, rows) = doc.table_heights(t)?;
    let n = rows.len();
    let full = doc.page_setup().content_height_mm() * PT_PER_MM;
    let remaining = doc.remaining_mm() * PT_PER_MM;
    let at_top = (remaining - full).abs() < 0.01;
    // Follow the layout's pagination: where each page's rows start.
    let first = rows.first().copied().unwrap_or(0.0);
    let mut room = if header + first > remaining + 0.01 && !at_top { full } else { remaining };
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
    let k = n.saturating_sub(TABLE_TAIL_ROWS).max(prev_break + 1).min(t.rows.len());
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

/// A two-cell signature box: label, room to sign, 日期, 年 月 日.
pub(super) fn signature_box(doc: &mut Document, label: &str) -> Result<()> {
    let mut t = Table::new(vec![
        Column::new("", ColWidth::Mm(30.0)).center(),
        Column::new("", ColWidth::Fr(1.0)),
        Column::new("", ColWidth::Mm(18.0)).center(),
        Column::new("", ColWidth::Mm(56.0)).center(),
    ])
    .size(zihao::XIAO_SI);
    t.header = false;
    t.row([label.to_string(), "\n".to_string(), "日　期".to_string(), "　　　　年　　月　　日".to_string()]);
    doc.table(&t)
}

/// 发文机关署名 and 成文日期 after GB/T 9704-2012 7.3.5.2 (no seal): the signature two
/// characters from the right edge, the date on the next line starting two characters right of
/// the signature's start; a date longer than that ends two characters from the right edge and
/// pushes the signature left. Both stay on one page.
pub(super) fn signature(doc: &mut Document, name: &str, date: &str, body: &Style) {
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

/// The GB/T 9704 body grid shared by the notice, the publicity list and the letters.
/// Lines per page of the official documents' body (the notice, the letters): GB/T 9704-2012 §5.2.2, 「一般每面排22行，每行排28个字」.
/// (An earlier request for 28 lines was wrong; the standard is the rule.)
pub const NOTICE_LINES_PER_PAGE: u32 = 22;
/// Characters per line of the notice's body (GB/T 9704: 28).
pub const NOTICE_CHARS_PER_LINE: u32 = 28;
