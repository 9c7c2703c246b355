//! The page: A4 geometry ([`PageSetup`], [`Margins`]), horizontal [`Rule`]s, and what is drawn on
//! every page once the content is laid out: [`PageNumbers`] and the [`Watermark`].

use printpdf::{FontId, Op, TextItem};

use super::draw::text_ops;
use super::fonts::{Face, Fonts};
use super::style::{Align, Colour};
use super::{mm, zihao, EM_ASCENT};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// Page margins in mm.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

impl Margins {
    /// GB/T 9704-2012 official document margins: top 37, bottom 35, left 28, right 26 mm
    /// (text block 156 × 225 mm on A4).
    pub const GBT9704: Margins = Margins { top: 37.0, bottom: 35.0, left: 28.0, right: 26.0 };

    pub fn uniform(mm: f32) -> Margins {
        Margins { top: mm, bottom: mm, left: mm, right: mm }
    }
}

/// A4 page geometry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageSetup {
    pub orientation: Orientation,
    pub margins: Margins,
}

impl PageSetup {
    pub fn a4_portrait(margins: Margins) -> PageSetup {
        PageSetup { orientation: Orientation::Portrait, margins }
    }

    pub fn a4_landscape(margins: Margins) -> PageSetup {
        PageSetup { orientation: Orientation::Landscape, margins }
    }

    /// A4 portrait with the GB/T 9704 margins.
    pub fn official() -> PageSetup {
        PageSetup::a4_portrait(Margins::GBT9704)
    }

    pub fn width_mm(&self) -> f32 {
        match self.orientation {
            Orientation::Portrait => 210.0,
            Orientation::Landscape => 297.0,
        }
    }

    pub fn height_mm(&self) -> f32 {
        match self.orientation {
            Orientation::Portrait => 297.0,
            Orientation::Landscape => 210.0,
        }
    }

    pub fn content_width_mm(&self) -> f32 {
        self.width_mm() - self.margins.left - self.margins.right
    }

    pub fn content_height_mm(&self) -> f32 {
        self.height_mm() - self.margins.top - self.margins.bottom
    }

    /// Line pitch (pt) that puts exactly `lines` lines in the text block
    /// (GB/T 9704: 22 lines → 28.99 pt).
    pub fn pitch_for_lines(&self, lines: u32) -> f32 {
        mm(self.content_height_mm()) / lines.max(1) as f32
    }

    /// Letter spacing (em) that puts exactly `chars` full-width characters of `size` pt on
    /// a line of the text block (GB/T 9704: 28 characters of 16 pt → −0.0134 em).
    pub fn spacing_for_chars(&self, size: f32, chars: u32) -> f32 {
        let n = chars.max(2) as f32;
        (mm(self.content_width_mm()) - n * size) / ((n - 1.0) * size)
    }

    pub(super) fn width_pt(&self) -> f32 {
        mm(self.width_mm())
    }

    pub(super) fn height_pt(&self) -> f32 {
        mm(self.height_mm())
    }

    pub(super) fn top_pt(&self) -> f32 {
        mm(self.margins.top)
    }

    pub(super) fn bottom_pt(&self) -> f32 {
        mm(self.height_mm() - self.margins.bottom)
    }

    pub(super) fn left_pt(&self) -> f32 {
        mm(self.margins.left)
    }

    pub(super) fn content_width_pt(&self) -> f32 {
        mm(self.content_width_mm())
    }
}

/// A horizontal rule across the text block (e.g. the red rule under an official header).
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// Line thickness in pt.
    pub thickness: f32,
    pub colour: Colour,
    /// Length in mm; `None` = the width of the text block. Centred.
    pub length: Option<f32>,
    /// Space above and below, pt.
    pub space_before: f32,
    pub space_after: f32,
}

impl Rule {
    pub fn new(thickness: f32) -> Rule {
        Rule { thickness, colour: Colour::Black, length: None, space_before: 0.0, space_after: 0.0 }
    }
    pub fn colour(mut self, colour: Colour) -> Rule {
        self.colour = colour;
        self
    }
    pub fn length(mut self, mm: f32) -> Rule {
        self.length = Some(mm);
        self
    }
    pub fn before(mut self, pt: f32) -> Rule {
        self.space_before = pt;
        self
    }
    pub fn after(mut self, pt: f32) -> Rule {
        self.space_after = pt;
        self
    }
}

/// Page numbers drawn on every page once the content is laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct PageNumbers {
    /// `{page}` and `{pages}` are replaced, e.g. 「第 {page} 页 共 {pages} 页」 or 「— {page} —」.
    pub format: String,
    pub face: Face,
    pub size: f32,
    pub align: Align,
    /// Distance in mm from the bottom of the text block to the top of the number's em box
    /// (GB/T 9704: 7 mm).
    pub offset: f32,
    /// GB/T 9704-2012 7.5: odd pages at the right and even pages at the left, one character in
    /// from the edge of the text block (overrides `align`).
    pub outside: bool,
}

impl Default for PageNumbers {
    fn default() -> PageNumbers {
        PageNumbers {
            format: "第 {page} 页 共 {pages} 页".to_string(),
            face: Face::Serif,
            size: zihao::WU,
            align: Align::Center,
            offset: 7.0,
            outside: false,
        }
    }
}

impl PageNumbers {
    /// The number of page `index` (from 0) of `total`: the format with `{page}` and `{pages}`
    /// replaced.
    pub(super) fn text(&self, index: usize, total: usize) -> String {
        self.format.replace("{page}", &(index + 1).to_string()).replace("{pages}", &total.to_string())
    }

    /// Ops drawing `text` (see [`PageNumbers::text`]) under the text block of page `index`
    /// (from 0) of `setup`, in the resource `font` of `self.face`.
    pub(super) fn ops(&self, text: &str, fonts: &Fonts, font: &FontId, index: usize, setup: PageSetup) -> Vec<Op> {
        // Spaces are drawn half an em wide (the half-width space of Chinese fonts; Noto's
        // is 0.224 em), which also makes text extractors read them back as spaces.
        let f = fonts.face(self.face);
        let widen = (0.5 - f.advance_em(' ')).max(0.0);
        let spaces = text.chars().filter(|&c| c == ' ').count() as f32;
        let width = fonts.text_width(self.face, self.size, 0.0, text) + spaces * widen * self.size;
        let mut items = Vec::new();
        for (i, part) in text.split(' ').enumerate() {
            if i > 0 {
                items.push(TextItem::Text(" ".to_string()));
                items.push(TextItem::Offset(-widen * 1000.0));
            }
            if !part.is_empty() {
                items.push(TextItem::Text(part.to_string()));
            }
        }
        let left = setup.left_pt();
        let cw = setup.content_width_pt();
        let x = if self.outside {
            // one character (of the number's size) in from the edge of the text block
            if index.is_multiple_of(2) {
                left + cw - width - self.size
            } else {
                left + self.size
            }
        } else {
            match self.align {
                Align::Left | Align::Justify => left,
                Align::Center => left + (cw - width) / 2.0,
                Align::Right => left + cw - width,
            }
        };
        let top = (setup.bottom_pt() + mm(self.offset)).min(setup.height_pt() - self.size * 1.2);
        let baseline = top + EM_ASCENT * self.size;
        text_ops(items, font, self.size, Colour::Black, x, setup.height_pt() - baseline, 0.0, None)
    }
}

/// Light diagonal text repeated over every page, drawn under the content.
#[derive(Clone, Debug, PartialEq)]
pub struct Watermark {
    pub text: String,
    pub face: Face,
    pub size: f32,
    /// Grey level (1.0 = white); the default 0.87 is light enough to read the content through.
    pub grey: f32,
    /// Counter-clockwise angle in degrees.
    pub angle: f32,
    /// Gap between copies in mm.
    pub gap: f32,
}

impl Watermark {
    pub fn new(text: impl Into<String>) -> Watermark {
        Watermark { text: text.into(), face: Face::Serif, size: 20.0, grey: 0.87, angle: 30.0, gap: 18.0 }
    }

    /// Ops drawing copies of the watermark over a page of `setup` on a staggered grid, in the
    /// resource `font` of `self.face`.
    pub(super) fn ops(&self, fonts: &Fonts, font: &FontId, setup: PageSetup) -> Vec<Op> {
        let wm = self;
        let w = fonts.text_width(wm.face, wm.size, 0.0, &wm.text);
        let hgt = wm.size;
        let (sin, cos) = wm.angle.to_radians().sin_cos();
        // Bounding box of the rotated text relative to its start point (left end of the baseline).
        let corners = [(0.0, -0.12 * hgt), (w, -0.12 * hgt), (0.0, 0.88 * hgt), (w, 0.88 * hgt)];
        let rot: Vec<(f32, f32)> = corners.iter().map(|&(x, y)| (x * cos - y * sin, x * sin + y * cos)).collect();
        let min_x = rot.iter().map(|p| p.0).fold(f32::MAX, f32::min);
        let max_x = rot.iter().map(|p| p.0).fold(f32::MIN, f32::max);
        let min_y = rot.iter().map(|p| p.1).fold(f32::MAX, f32::min);
        let max_y = rot.iter().map(|p| p.1).fold(f32::MIN, f32::max);
        let (bw, bh) = (max_x - min_x, max_y - min_y);
        let gap = mm(wm.gap);
        let (pw, ph) = (setup.width_pt(), setup.height_pt());
        let margin = mm(8.0);
        // Copies whose rotated box lies inside the page, on a staggered grid centred on it.
        let step_x = bw + gap;
        let step_y = bh * 0.55 + gap;
        let cols = ((pw - 2.0 * margin + gap) / step_x).floor().max(1.0) as i32;
        let rows = ((ph - 2.0 * margin - bh) / step_y).floor().max(0.0) as i32 + 1;
        let used_h = (rows - 1) as f32 * step_y + bh;
        let y_start = (ph - used_h) / 2.0; // bottom of the lowest box
                                           // The trailing space ends the diagonal "word" for text extractors: without it
                                           // poppler (pdftotext -nodiag) treats the following upright text as diagonal too.
        let drawn = format!("{} ", wm.text.trim_end());
        let used_w = cols as f32 * step_x - gap;
        let x_base = (pw - used_w) / 2.0;
        let mut ops = vec![Op::SaveGraphicsState];
        for r in 0..rows {
            let stagger = if r % 2 == 1 { step_x / 2.0 } else { 0.0 };
            for c in -1..=cols {
                let box_x = x_base + stagger + c as f32 * step_x;
                let box_y = y_start + r as f32 * step_y;
                if box_x < margin / 2.0 || box_x + bw > pw - margin / 2.0 || box_y < 0.0 || box_y + bh > ph {
                    continue;
                }
                // Start point = box corner minus the rotated offset of the box minimum.
                let (sx, sy) = (box_x - min_x, box_y - min_y);
                let items = fonts.face(wm.face).items(&drawn, wm.size, 0.0);
                ops.extend(text_ops(items, font, wm.size, Colour::Grey(wm.grey), sx, sy, 0.0, Some(wm.angle)));
            }
        }
        ops.push(Op::RestoreGraphicsState);
        ops
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::layout::test_support::{fonts, pdftotext, tool};
    use crate::export::layout::{Document, Style, PT_PER_MM};

    #[test]
    fn no_trailing_blank_page() {
        let fonts = fonts();
        let setup = PageSetup::official();
        let style = Style::body(zihao::SAN).indent(0.0).pitch(setup.pitch_for_lines(22)).after(10.0);
        let mut doc = Document::new(fonts, "x", setup);
        // Exactly one full page, then space after: the cursor moves to a new, empty page.
        doc.paragraph(&"国".repeat(27 * 22), &style);
        assert_eq!(doc.page_count(), 1);
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("one.pdf");
        doc.save_atomic(&path).expect("save");
        if let Some(out) = tool("pdfinfo", &[path.to_str().expect("path")]) {
            let info = String::from_utf8_lossy(&out.stdout).to_string();
            assert!(info.lines().any(|l| l.starts_with("Pages:") && l.ends_with(" 1")), "{info}");
        }
    }

    #[test]
    fn page_numbers_first_of_three() {
        let fonts = fonts();
        let mut doc = Document::new(fonts, "三页", PageSetup::official());
        doc.paragraph("第一页", &Style::body(zihao::SAN));
        doc.new_page();
        doc.paragraph("第二页", &Style::body(zihao::SAN));
        doc.new_page();
        doc.paragraph("第三页", &Style::body(zihao::SAN));
        doc.set_page_numbers(Some(PageNumbers::default()));
        assert_eq!(doc.page_count(), 3);
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.pdf");
        doc.save_atomic(&path).expect("save");
        if let Some(t) = pdftotext(&path, Some(1), &[]) {
            assert!(t.contains("第 1 页 共 3 页"), "{t}");
        }
        if let Some(t) = pdftotext(&path, Some(3), &[]) {
            assert!(t.contains("第 3 页 共 3 页"), "{t}");
        }
    }

    #[test]
    fn official_grid_22_lines_of_28_chars() {
        let fonts = fonts();
        let setup = PageSetup::official();
        let pitch = setup.pitch_for_lines(22);
        assert!((pitch - 28.99).abs() < 0.01, "{pitch}");
        let size = zihao::SAN;
        let style = Style::body(size).pitch(pitch).indent(0.0).spacing(setup.spacing_for_chars(size, 28));
        let doc = Document::new(fonts, "grid", setup);
        let text: String = "国".repeat(28 * 50);
        let lines = doc.lines(&text, &style);
        assert!(lines.iter().all(|l| l.text.chars().count() == 28), "{:?}", lines[0]);
        // 50 lines = 22 + 22 + 6.
        let mut doc = Document::new(fonts, "grid", setup);
        doc.paragraph(&text, &style);
        assert_eq!(doc.page_count(), 3);
        assert!((doc.cursor_mm() - (37.0 + 6.0 * pitch / PT_PER_MM)).abs() < 0.01);
    }
}
