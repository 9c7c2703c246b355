//! Tables: [`Column`]s and their widths ([`ColWidth`]), the [`Table`] itself, and how a
//! [`Document`] lays one out ([`Document::table`]) and measures it ([`Document::table_heights`]).

use super::document::Document;
use super::draw::{baseline_offset, place_line};
use super::fonts::Face;
use super::style::{Align, Colour};
use super::text::{break_lines, BrokenLine};
use super::{mm, zihao, EPS, PT_PER_MM};
use crate::error::{Error, Result};
use crate::t;
use crate::text::catalog::msg;

/// Column width: fixed in mm, or a share of what the fixed columns leave of the text block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ColWidth {
    Mm(f32),
    Fr(f32),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub title: String,
    pub width: ColWidth,
    /// Alignment of the body cells (headers are centred).
    pub align: Align,
}

impl Column {
    pub fn new(title: impl Into<String>, width: ColWidth) -> Column {
        Column { title: title.into(), width, align: Align::Left }
    }
    /// Right-aligned (numbers).
    pub fn right(mut self) -> Column {
        self.align = Align::Right;
        self
    }
    pub fn center(mut self) -> Column {
        self.align = Align::Center;
        self
    }
}

/// Vertical placement of cell text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VAlign {
    Top,
    Middle,
}

/// A table: a header row repeated on every page, body rows that are never split across
/// pages, an optional bold totals row.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    pub totals: Option<Vec<String>>,
    /// Font size of all cells, pt.
    pub size: f32,
    /// Line pitch inside cells, pt.
    pub line_pitch: f32,
    /// Cell padding in mm (left/right; top/bottom is half of it plus the line box).
    pub padding: f32,
    /// Border thickness in pt.
    pub border: f32,
    /// Grey level of the header background, `None` for none.
    pub header_fill: Option<f32>,
    pub valign: VAlign,
    /// Whether to draw the header row (on every page).
    pub header: bool,
}

impl Table {
    /// 五号 (10.5 pt) text, pitch 1.4 × size, 1.5 mm padding, 0.5 pt borders, light grey header.
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
            totals: None,
            size: zihao::WU,
            line_pitch: zihao::WU * 1.4,
            padding: 1.5,
            border: 0.5,
            header_fill: Some(0.92),
            valign: VAlign::Middle,
            header: true,
        }
    }

    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    pub fn total<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.totals = Some(cells.into_iter().map(Into::into).collect());
    }

    /// Font size in pt; the line pitch becomes 1.4 × size.
    pub fn size(mut self, size: f32) -> Table {
        self.size = size;
        self.line_pitch = size * 1.4;
        self
    }
}

/// A laid-out row: per cell its lines, and the row height.
struct RowLayout {
    cells: Vec<Vec<BrokenLine>>,
    height: f32,
    face: Face,
    header: bool,
}

impl Document<'_> {
    /// Lays out a table at the cursor, across pages: the header row is repeated at the top
    /// of every page, rows are never split, the totals row (if any) is bold.
    pub fn table(&mut self, table: &Table) -> Result<()> {
        let ncol = table.columns.len();
        if ncol == 0 {
            return Err(Error::invalid(t!(msg::FILES_FIELD_TABLE), t!(msg::FILES_TABLE_NO_COLUMNS)));
        }
        for (i, row) in table.rows.iter().enumerate() {
            if row.len() != ncol {
                return Err(Error::invalid(
                    t!(msg::FILES_FIELD_TABLE),
                    t!(msg::FILES_TABLE_ROW_CELLS, row = i + 1, cells = row.len(), columns = ncol),
                ));
            }
        }
        if let Some(t) = &table.totals {
            if t.len() != ncol {
                return Err(Error::invalid(
                    t!(msg::FILES_FIELD_TABLE),
                    t!(msg::FILES_TABLE_TOTALS_CELLS, cells = t.len(), columns = ncol),
                ));
            }
        }
        let setup = self.page().setup;
        let widths = column_widths(&table.columns, setup.content_width_pt())?;
        let total_width: f32 = widths.iter().sum();
        let x0 = setup.left_pt() + (setup.content_width_pt() - total_width) / 2.0;

        let header = table.header.then(|| {
            let titles: Vec<String> = table.columns.iter().map(|c| c.title.clone()).collect();
            self.layout_row(table, &widths, &titles, Face::SerifBold, true)
        });
        let header_h = header.as_ref().map_or(0.0, |h| h.height);
        let mut body: Vec<RowLayout> =
            table.rows.iter().map(|r| self.layout_row(table, &widths, r, Face::Serif, false)).collect();
        if let Some(t) = &table.totals {
            body.push(self.layout_row(table, &widths, t, Face::SerifBold, false));
        }
        let room = setup.bottom_pt() - setup.top_pt() - header_h;
        if let Some((i, _)) = body.iter().enumerate().find(|(_, r)| r.height > room + EPS) {
            return Err(Error::invalid(t!(msg::FILES_FIELD_TABLE), t!(msg::FILES_TABLE_ROW_TOO_LONG, row = i + 1)));
        }

        // Header plus the first row must fit, or the table starts on a new page.
        let first_h = body.first().map_or(0.0, |r| r.height);
        self.ensure_space(header_h + first_h);
        if let Some(h) = &header {
            self.draw_row(table, &widths, x0, h);
        }
        for row in &body {
            if self.y + row.height > self.page().setup.bottom_pt() + EPS {
                self.new_page();
                if let Some(h) = &header {
                    self.draw_row(table, &widths, x0, h);
                }
            }
            self.draw_row(table, &widths, x0, row);
        }
        Ok(())
    }

    /// Heights (pt) of a table's header row (0 without one) and of each body row, the totals
    /// row last, exactly as [`Document::table`] lays them out on the current page.
    pub fn table_heights(&self, table: &Table) -> Result<(f32, Vec<f32>)> {
        let widths = column_widths(&table.columns, self.page().setup.content_width_pt())?;
        let header = if table.header {
            let titles: Vec<String> = table.columns.iter().map(|c| c.title.clone()).collect();
            self.layout_row(table, &widths, &titles, Face::SerifBold, true).height
        } else {
            0.0
        };
        let row = |cells: &[String], face| self.layout_row(table, &widths, cells, face, false).height;
        let mut body: Vec<f32> = table.rows.iter().map(|r| row(r, Face::Serif)).collect();
        if let Some(t) = &table.totals {
            body.push(row(t, Face::SerifBold));
        }
        Ok((header, body))
    }

    fn layout_row(&self, table: &Table, widths: &[f32], cells: &[String], face: Face, header: bool) -> RowLayout {
        let pad = mm(table.padding);
        let cells: Vec<Vec<BrokenLine>> = cells
            .iter()
            .zip(widths)
            .map(|(text, w)| {
                let f = self.fonts.face(face);
                break_lines(text, (w - 2.0 * pad).max(table.size), 0.0, 0.0, |c| f.advance_em(c) * table.size)
            })
            .collect();
        let max_lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        RowLayout { height: max_lines as f32 * table.line_pitch + pad, cells, face, header }
    }

    fn draw_row(&mut self, table: &Table, widths: &[f32], x0: f32, row: &RowLayout) {
        let pad = mm(table.padding);
        let top = self.y;
        let bottom = top + row.height;
        let width: f32 = widths.iter().sum();
        if row.header {
            if let Some(grey) = table.header_fill {
                self.fill_rect(x0, top, width, row.height, Colour::Grey(grey));
            }
        }
        let mut x = x0;
        for (i, (lines, w)) in row.cells.iter().zip(widths).enumerate() {
            let align = if row.header { Align::Center } else { table.columns[i].align };
            let text_h = lines.len() as f32 * table.line_pitch;
            let mut ly = match table.valign {
                VAlign::Top => top + pad / 2.0,
                VAlign::Middle => top + (row.height - text_h) / 2.0,
            };
            for line in lines {
                let (lx, tc) = place_line(line, align, x + pad, w - 2.0 * pad, 0.0);
                let baseline = ly + baseline_offset(table.line_pitch, table.size);
                self.draw_text(&line.text, row.face, table.size, Colour::Black, lx, baseline, tc);
                ly += table.line_pitch;
            }
            x += w;
        }
        // Borders: top, bottom and every column boundary of this row.
        let b = table.border;
        if b > 0.0 {
            self.hline(x0, x0 + width, top, b, Colour::Black);
            self.hline(x0, x0 + width, bottom, b, Colour::Black);
            let mut x = x0;
            self.vline(x, top, bottom, b);
            for w in widths {
                x += w;
                self.vline(x, top, bottom, b);
            }
        }
        self.y = bottom;
    }
}

/// Resolves column widths (pt) within `avail` pt.
fn column_widths(columns: &[Column], avail: f32) -> Result<Vec<f32>> {
    let fixed: f32 = columns.iter().map(|c| if let ColWidth::Mm(w) = c.width { mm(w) } else { 0.0 }).sum();
    let fr: f32 = columns.iter().map(|c| if let ColWidth::Fr(f) = c.width { f.max(0.0) } else { 0.0 }).sum();
    if fixed > avail + EPS {
        return Err(Error::invalid(
            t!(msg::FILES_FIELD_COLUMN_WIDTHS),
            t!(
                msg::FILES_TABLE_FIXED_TOO_WIDE,
                fixed = format!("{:.1}", fixed / PT_PER_MM),
                width = format!("{:.1}", avail / PT_PER_MM)
            ),
        ));
    }
    let rest = avail - fixed;
    if fr > 0.0 && rest < mm(5.0) {
        return Err(Error::invalid(t!(msg::FILES_FIELD_COLUMN_WIDTHS), t!(msg::FILES_TABLE_NO_ROOM)));
    }
    Ok(columns
        .iter()
        .map(|c| match c.width {
            ColWidth::Mm(w) => mm(w),
            ColWidth::Fr(f) if fr > 0.0 => rest * f.max(0.0) / fr,
            ColWidth::Fr(_) => 0.0,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::layout::test_support::{fonts, pdftotext, squash};
    use crate::export::layout::{Margins, PageNumbers, PageSetup, Style};

    #[test]
    fn landscape_funding_table() {
        let fonts = fonts();
        let mut doc = Document::new(
            fonts,
            "经费分配表",
            PageSetup::a4_landscape(Margins { top: 20.0, bottom: 20.0, left: 15.0, right: 15.0 }),
        );
        doc.paragraph("2025年度科学技术奖奖金分配表", &Style::title(zihao::XIAO_ER).after(8.0));
        let mut t = Table::new(vec![
            Column::new("序号", ColWidth::Mm(12.0)).center(),
            Column::new("奖项", ColWidth::Fr(1.0)),
            Column::new("项目名称", ColWidth::Fr(3.0)),
            Column::new("第一完成人", ColWidth::Mm(26.0)).center(),
            Column::new("等级", ColWidth::Mm(16.0)).center(),
            Column::new("奖金（元）", ColWidth::Mm(30.0)).right(),
            Column::new("备注", ColWidth::Fr(1.0)),
        ]);
        for i in 1..=30 {
            t.row([
                i.to_string(),
                "科学技术进步奖".to_string(),
                format!("项目{i}：基于多源数据融合的城市内涝预警与应急调度平台研发及示范应用（第{i}期）"),
                "欧阳明远".to_string(),
                ["一等奖", "二等奖", "三等奖"][i % 3].to_string(),
                format!("{},000.00", 50 + i),
                if i % 5 == 0 { "联合申报，奖金按协议比例分配".to_string() } else { String::new() },
            ]);
        }
        t.total(["", "合计", "", "", "", "1,965,000.00", ""]);
        doc.table(&t).expect("table");
        doc.set_page_numbers(Some(PageNumbers { format: "— {page} —".to_string(), ..PageNumbers::default() }));
        let pages = doc.page_count();
        assert!(pages >= 2, "{pages}");
        let bytes = doc.to_bytes().expect("pdf");
        if let Some(p) = std::env::var_os("PINGSHEN_SAMPLE_PDF2") {
            std::fs::write(p, &bytes).expect("write sample");
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("l.pdf");
        std::fs::write(&path, &bytes).expect("write");
        if let Some(t) = pdftotext(&path, Some(pages), &[]) {
            let t = squash(&t);
            assert!(t.contains("合计") && t.contains("1,965,000.00"), "{t}");
            assert!(t.contains(&format!("—{pages}—")), "{t}");
        }
    }

    #[test]
    fn table_rows_never_split_and_widths_checked() {
        let fonts = fonts();
        let mut doc = Document::new(fonts, "t", PageSetup::a4_landscape(Margins::uniform(15.0)));
        let mut t = Table::new(vec![Column::new("甲", ColWidth::Mm(200.0)), Column::new("乙", ColWidth::Mm(100.0))]);
        t.row(["1", "2"]);
        let e = doc.table(&t).expect_err("too wide");
        assert!(e.to_string().contains("超过版心宽度"), "{e}");
        let mut t = Table::new(vec![Column::new("甲", ColWidth::Fr(1.0))]);
        t.row(["1", "2"]);
        assert!(doc.table(&t).expect_err("cells").to_string().contains("第1行有2格，应为1格"));
        let mut t = Table::new(vec![Column::new("甲", ColWidth::Mm(20.0))]);
        t.row(["很长".repeat(400)]);
        assert!(doc.table(&t).expect_err("tall").to_string().contains("一页放不下"));
    }
}
