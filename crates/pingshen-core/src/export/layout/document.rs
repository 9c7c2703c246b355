//! [`Document`]: a PDF being laid out — pages, the cursor, paragraphs, runs, rules, the
//! drawing primitives, and the output: page numbers and watermark added, fonts embedded and
//! subset, [`Document::to_bytes`] / [`Document::save_atomic`] (through [`write_atomic`]).

use std::collections::BTreeSet;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use printpdf::{
    FontId, Mm, OffsetDateTime, Op, PaintMode, PdfDocument, PdfFont, PdfPage, PdfParseErrorSeverity, PdfSaveOptions,
    Pt, Rect,
};

use super::draw::{baseline_offset, line_ops, place_line, text_ops};
use super::fonts::{Face, Fonts};
use super::image::{Image, Images};
use super::page::{PageNumbers, PageSetup, Rule, Watermark};
use super::style::{Align, Colour, Style};
use super::text::{avoid_lone_last_characters, break_lines, BrokenLine};
use super::{mm, EPS, PT_PER_MM};
use crate::error::{Error, Result};
use crate::t;
use crate::text::catalog::msg;

pub(super) struct Page {
    pub(super) setup: PageSetup,
    ops: Vec<Op>,
}

/// A PDF being laid out. See the module documentation for an example.
pub struct Document<'f> {
    pub(super) fonts: &'f Fonts,
    title: String,
    author: String,
    keywords: Vec<String>,
    next_setup: PageSetup,
    pages: Vec<Page>,
    /// Cursor: distance of the next content from the top of the current page, pt.
    pub(super) y: f32,
    used: [bool; 3],
    /// Font resource ids per face. Random like printpdf's own: their first six letters
    /// become the `XXXXXX+` subset tag of the embedded fonts.
    ids: [FontId; 3],
    missing: BTreeSet<char>,
    page_numbers: Option<PageNumbers>,
    watermark: Option<Watermark>,
    pub(super) images: Images,
}

impl fmt::Debug for Document<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("title", &self.title)
            .field("pages", &self.pages.len())
            .field("y", &self.y)
            .finish_non_exhaustive()
    }
}

impl<'f> Document<'f> {
    /// A document with one empty page; `title` becomes the PDF title.
    pub fn new(fonts: &'f Fonts, title: &str, setup: PageSetup) -> Document<'f> {
        Document {
            fonts,
            title: title.to_string(),
            author: String::new(),
            keywords: Vec::new(),
            next_setup: setup,
            pages: vec![Page { setup, ops: Vec::new() }],
            y: setup.top_pt(),
            used: [false; 3],
            ids: [FontId::new(), FontId::new(), FontId::new()],
            missing: BTreeSet::new(),
            page_numbers: None,
            watermark: None,
            images: Images::default(),
        }
    }

    /// PDF author metadata.
    pub fn set_author(&mut self, author: &str) {
        self.author = author.to_string();
    }

    /// PDF keywords metadata (the audit-log head a document was made at).
    pub fn set_keywords(&mut self, keywords: Vec<String>) {
        self.keywords = keywords;
    }

    /// Page numbers on every page (drawn when the document is written).
    pub fn set_page_numbers(&mut self, numbers: Option<PageNumbers>) {
        self.page_numbers = numbers;
    }

    /// Watermark on every page, under the content (drawn when the document is written).
    pub fn set_watermark(&mut self, watermark: Option<Watermark>) {
        self.watermark = watermark;
    }

    /// Setup of the current page.
    pub fn page_setup(&self) -> PageSetup {
        self.page().setup
    }

    /// Setup for the pages started from now on; also applied to the current page if
    /// nothing has been drawn on it yet.
    pub fn set_page_setup(&mut self, setup: PageSetup) {
        self.next_setup = setup;
        if self.page().ops.is_empty() {
            let top_gap = self.y - self.page().setup.top_pt();
            self.page_mut().setup = setup;
            self.y = setup.top_pt() + top_gap.max(0.0);
        }
    }

    /// Starts a new page (with the setup of [`Document::set_page_setup`]). Does nothing but
    /// reset the cursor if the current page is still empty.
    pub fn new_page(&mut self) {
        if self.page().ops.is_empty() {
            self.page_mut().setup = self.next_setup;
        } else {
            self.pages.push(Page { setup: self.next_setup, ops: Vec::new() });
        }
        self.y = self.next_setup.top_pt();
    }

    /// Pages so far. A last page that is still empty (the cursor just moved past the bottom
    /// of the previous one) is not counted and not written.
    pub fn page_count(&self) -> usize {
        let n = self.pages.len();
        if n > 1 && self.pages[n - 1].ops.is_empty() {
            n - 1
        } else {
            n
        }
    }

    /// Cursor position: mm from the top edge of the current page.
    pub fn cursor_mm(&self) -> f32 {
        self.y / PT_PER_MM
    }

    /// Moves the cursor to `y` mm from the top edge of the current page.
    pub fn set_cursor_mm(&mut self, y: f32) {
        self.y = mm(y);
    }

    /// Space left between the cursor and the bottom margin, mm.
    pub fn remaining_mm(&self) -> f32 {
        (self.page().setup.bottom_pt() - self.y) / PT_PER_MM
    }

    /// Moves the cursor down by `pt`; past the bottom margin it goes to the top of a new page.
    pub fn space(&mut self, pt: f32) {
        if self.y + pt > self.page().setup.bottom_pt() + EPS {
            self.new_page();
        } else {
            self.y += pt;
        }
    }

    /// Starts a new page unless `pt` of content fit below the cursor (keep-together).
    /// Returns whether a page was started.
    pub fn ensure_space(&mut self, pt: f32) -> bool {
        if self.y + pt > self.page().setup.bottom_pt() + EPS && !self.at_page_top() {
            self.new_page();
            true
        } else {
            false
        }
    }

    /// Characters drawn so far that the fonts cannot print (they show as empty boxes).
    pub fn missing_chars(&self) -> Vec<char> {
        self.missing.iter().copied().collect()
    }

    /// Width of `text` on one line in `style`, mm.
    pub fn text_width_mm(&self, text: &str, style: &Style) -> f32 {
        self.fonts.text_width(style.face, style.size, style.letter_spacing, text) / PT_PER_MM
    }

    /// Lines `text` takes in `style` across the current text block width.
    pub fn lines(&self, text: &str, style: &Style) -> Vec<BrokenLine> {
        self.break_text(text, style, self.page().setup.content_width_pt())
    }

    /// Height of a paragraph in pt, space before and after included.
    pub fn paragraph_height(&self, text: &str, style: &Style) -> f32 {
        style.space_before + self.lines(text, style).len() as f32 * style.line_pitch + style.space_after
    }

    /// Lays out a paragraph at the cursor, across pages if needed. `\n` starts a new
    /// paragraph (with the same style and first-line indent).
    pub fn paragraph(&mut self, text: &str, style: &Style) {
        if !self.at_page_top() {
            self.space(style.space_before);
        }
        let lines = self.lines(text, style);
        for line in &lines {
            if self.y + style.line_pitch > self.page().setup.bottom_pt() + EPS && !self.at_page_top() {
                self.new_page();
            }
            let setup = self.page().setup;
            let indent = if line.first { style.indent * style.size } else { 0.0 };
            let (x, tc) = place_line(
                line,
                style.align,
                setup.left_pt() + indent,
                setup.content_width_pt() - indent,
                style.letter_spacing * style.size,
            );
            let baseline = self.y + baseline_offset(style.line_pitch, style.size);
            self.draw_text(&line.text, style.face, style.size, style.colour, x, baseline, tc);
            self.y += style.line_pitch;
        }
        self.space(style.space_after);
    }

    /// [`Document::paragraph`] kept on one page: starts a new page first unless the whole
    /// paragraph fits below the cursor (signature blocks, short headed sections).
    pub fn paragraph_together(&mut self, text: &str, style: &Style) {
        let h = self.paragraph_height(text, style) - style.space_after;
        self.ensure_space(h);
        self.paragraph(text, style);
    }

    /// One line made of runs in different styles (e.g. a bold label then normal text),
    /// sharing one baseline, aligned as a whole within the text block. The line box is as
    /// high as the largest `line_pitch` of the runs; letter spacing and colour are per run;
    /// indent, paragraph spacing and justification are ignored. Not wrapped: keep it short.
    pub fn runs(&mut self, runs: &[(&str, &Style)], align: Align) {
        if runs.is_empty() {
            return;
        }
        let pitch = runs.iter().map(|(_, st)| st.line_pitch).fold(0.0, f32::max);
        let size = runs.iter().map(|(_, st)| st.size).fold(0.0, f32::max);
        if self.y + pitch > self.page().setup.bottom_pt() + EPS && !self.at_page_top() {
            self.new_page();
        }
        let widths: Vec<f32> =
            runs.iter().map(|(t, st)| self.fonts.text_width(st.face, st.size, st.letter_spacing, t)).collect();
        // Letter spacing also separates the last character of a run from the next run.
        let gaps: f32 = runs[..runs.len() - 1].iter().map(|(_, st)| st.letter_spacing * st.size).sum();
        let total: f32 = widths.iter().sum::<f32>() + gaps;
        let setup = self.page().setup;
        let mut x = match align {
            Align::Left | Align::Justify => setup.left_pt(),
            Align::Center => setup.left_pt() + (setup.content_width_pt() - total) / 2.0,
            Align::Right => setup.left_pt() + setup.content_width_pt() - total,
        };
        let baseline = self.y + baseline_offset(pitch, size);
        for ((text, st), w) in runs.iter().zip(&widths) {
            let tc = st.letter_spacing * st.size;
            self.draw_text(text, st.face, st.size, st.colour, x, baseline, tc);
            x += w + tc;
        }
        self.y += pitch;
    }

    /// Draws one line of `text` at an absolute position without moving the cursor:
    /// `x` mm from the left edge is where the line starts (Left/Justify), its centre
    /// (Center) or its end (Right); `y` mm from the top edge is the top of the line box
    /// (`style.line_pitch` high).
    pub fn text_at(&mut self, x: f32, y: f32, text: &str, style: &Style) {
        let width = self.fonts.text_width(style.face, style.size, style.letter_spacing, text);
        let x = match style.align {
            Align::Left | Align::Justify => mm(x),
            Align::Center => mm(x) - width / 2.0,
            Align::Right => mm(x) - width,
        };
        let baseline = mm(y) + baseline_offset(style.line_pitch, style.size);
        let tc = style.letter_spacing * style.size;
        self.draw_text(text, style.face, style.size, style.colour, x, baseline, tc);
    }

    /// Draws a horizontal rule at the cursor and moves the cursor below it.
    pub fn rule(&mut self, rule: &Rule) {
        if !self.at_page_top() {
            self.space(rule.space_before);
        }
        self.ensure_space(rule.thickness);
        let setup = self.page().setup;
        let full = setup.content_width_pt();
        let len = rule.length.map(mm).unwrap_or(full);
        let x = setup.left_pt() + (full - len) / 2.0;
        let y = self.y + rule.thickness / 2.0;
        self.hline(x, x + len, y, rule.thickness, rule.colour);
        self.y += rule.thickness;
        self.space(rule.space_after);
    }

    /// Draws a horizontal rule `len` mm long starting `x` mm from the left edge, its centre `y`
    /// mm below the top edge, `thickness` pt thick; the cursor does not move.
    pub fn hrule_at(&mut self, x: f32, y: f32, len: f32, thickness: f32, colour: Colour) {
        self.hline(mm(x), mm(x + len), mm(y), thickness, colour);
    }

    // -- drawing primitives (y from the top of the page, pt) ------------------------------

    pub(super) fn page(&self) -> &Page {
        // `pages` is never empty: `new` creates the first page.
        &self.pages[self.pages.len() - 1]
    }

    pub(super) fn page_mut(&mut self) -> &mut Page {
        let n = self.pages.len();
        &mut self.pages[n - 1]
    }

    pub(super) fn at_page_top(&self) -> bool {
        self.y <= self.page().setup.top_pt() + EPS
    }

    fn break_text(&self, text: &str, style: &Style, width: f32) -> Vec<BrokenLine> {
        let f = self.fonts.face(style.face);
        let advance = |c| f.advance_em(c) * style.size;
        let spacing = style.letter_spacing * style.size;
        let mut lines = break_lines(text, width, style.indent * style.size, spacing, advance);
        avoid_lone_last_characters(&mut lines, spacing, advance);
        lines
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn draw_text(
        &mut self,
        text: &str,
        face: Face,
        size: f32,
        colour: Colour,
        x: f32,
        baseline: f32,
        tc: f32,
    ) {
        if text.is_empty() {
            return;
        }
        let missing: Vec<char> = self.fonts.missing_chars(face, text);
        self.missing.extend(missing);
        self.used[face.index()] = true;
        let h = self.page().setup.height_pt();
        let items = self.fonts.face(face).items(text, size, tc);
        let ops = text_ops(items, &self.ids[face.index()], size, colour, x, h - baseline, tc, None);
        self.page_mut().ops.extend(ops);
    }

    pub(super) fn push_ops(&mut self, ops: Vec<Op>) {
        self.page_mut().ops.extend(ops);
    }

    pub(super) fn hline(&mut self, x1: f32, x2: f32, y: f32, thickness: f32, colour: Colour) {
        let h = self.page().setup.height_pt();
        let ops = line_ops(&[(x1, h - y), (x2, h - y)], thickness, colour);
        self.page_mut().ops.extend(ops);
    }

    pub(super) fn vline(&mut self, x: f32, y1: f32, y2: f32, thickness: f32) {
        let h = self.page().setup.height_pt();
        // Extend by half the thickness so the corners close.
        let ops = line_ops(&[(x, h - y1 + thickness / 2.0), (x, h - y2 - thickness / 2.0)], thickness, Colour::Black);
        self.page_mut().ops.extend(ops);
    }

    pub(super) fn fill_rect(&mut self, x: f32, y: f32, w: f32, hgt: f32, colour: Colour) {
        let h = self.page().setup.height_pt();
        let rect = Rect {
            x: Pt(x),
            y: Pt(h - y - hgt),
            width: Pt(w),
            height: Pt(hgt),
            mode: Some(PaintMode::Fill),
            winding_order: None,
        };
        self.page_mut().ops.extend([
            Op::SaveGraphicsState,
            Op::SetFillColor { col: colour.pdf() },
            Op::DrawRectangle { rectangle: rect },
            Op::RestoreGraphicsState,
        ]);
    }

    // -- output ---------------------------------------------------------------------------

    fn watermark_ops(&mut self, setup: PageSetup) -> Vec<Op> {
        let Some(wm) = self.watermark.clone() else {
            return Vec::new();
        };
        if wm.text.trim().is_empty() {
            return Vec::new();
        }
        self.missing.extend(self.fonts.missing_chars(wm.face, &wm.text));
        self.used[wm.face.index()] = true;
        wm.ops(self.fonts, &self.ids[wm.face.index()], setup)
    }

    fn page_number_ops(&mut self, index: usize, total: usize, setup: PageSetup) -> Vec<Op> {
        let Some(pn) = self.page_numbers.clone() else {
            return Vec::new();
        };
        let text = pn.text(index, total);
        self.missing.extend(self.fonts.missing_chars(pn.face, &text));
        self.used[pn.face.index()] = true;
        pn.ops(&text, self.fonts, &self.ids[pn.face.index()], index, setup)
    }

    fn into_pdf(mut self) -> PdfDocument {
        let total = self.page_count();
        let mut pages = std::mem::take(&mut self.pages);
        pages.truncate(total);
        let mut out = Vec::with_capacity(total);
        for (i, page) in pages.into_iter().enumerate() {
            let mut ops = self.watermark_ops(page.setup);
            if !ops.is_empty() {
                // Mark the watermark as an artifact: not part of the document's text.
                ops.insert(0, Op::BeginMarkedContent { tag: "Artifact".to_string() });
                ops.push(Op::EndMarkedContent);
            }
            ops.extend(page.ops);
            ops.extend(self.page_number_ops(i, total, page.setup));
            out.push(PdfPage::new(Mm(page.setup.width_mm()), Mm(page.setup.height_mm()), ops));
        }
        let mut doc = PdfDocument::new(&self.title);
        let now = OffsetDateTime::now_utc();
        let info = &mut doc.metadata.info;
        info.author = self.author.clone();
        info.keywords = self.keywords.clone();
        info.creator = "评审台 Pingshen".to_string();
        info.producer = "评审台 Pingshen (printpdf 0.12)".to_string();
        info.creation_date = now;
        info.modification_date = now;
        info.metadata_date = now;
        for face in Face::ALL {
            if self.used[face.index()] {
                let font = self.fonts.face(face).font.clone();
                doc.resources.fonts.map.insert(self.ids[face.index()].clone(), PdfFont::new(font));
            }
        }
        std::mem::take(&mut self.images).into_resources(&mut doc);
        doc.with_pages(out);
        doc
    }

    /// Writes the PDF (fonts subset to the glyphs used) into memory.
    pub fn to_bytes(self) -> Result<Vec<u8>> {
        let doc = self.into_pdf();
        let opts = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
        let mut warnings = Vec::new();
        let bytes = doc.save(&opts, &mut warnings);
        let errors: Vec<String> =
            warnings.into_iter().filter(|w| w.severity == PdfParseErrorSeverity::Error).map(|w| w.msg).collect();
        if !errors.is_empty() {
            return Err(Error::other(t!(msg::FILES_PDF_FAILED, detail = errors.join("；"))));
        }
        if bytes.is_empty() {
            return Err(Error::other(t!(msg::FILES_PDF_EMPTY)));
        }
        Ok(bytes)
    }

    /// Writes the PDF to `path` atomically: into a temporary file in the same directory,
    /// flushed to disk, then renamed over `path`. On any error nothing exists under `path`
    /// that was not there before, and the temporary file is removed.
    pub fn save_atomic(self, path: &Path) -> Result<()> {
        let bytes = self.to_bytes()?;
        write_atomic(path, &bytes)
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory + fsync + rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |step: crate::text::Text, e: std::io::Error| {
        Error::other(t!(msg::FILES_CANNOT_SAVE, path = path.display(), step, reason = io_reason(&e)))
    };
    let name = path.file_name().ok_or_else(|| {
        Error::invalid(t!(msg::FILES_FIELD_SAVE_TO), t!(msg::FILES_NOT_A_FILE_NAME, path = path.display()))
    })?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.is_dir() {
        return Err(Error::invalid(t!(msg::FILES_FIELD_SAVE_TO), t!(msg::FILES_IS_A_FOLDER, path = path.display())));
    }
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let tmp = dir.join(format!(".{}.{}-{}.tmp", name.to_string_lossy(), std::process::id(), stamp));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| fail(t!(msg::FILES_STEP_CREATE), e))?;
        file.write_all(bytes).map_err(|e| fail(t!(msg::FILES_STEP_WRITE), e))?;
        file.sync_all().map_err(|e| fail(t!(msg::FILES_STEP_SYNC), e))?;
        drop(file);
        std::fs::rename(&tmp, path).map_err(|e| fail(t!(msg::FILES_STEP_REPLACE), e))?;
        // Make the rename itself durable (best effort: not every platform opens directories).
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn io_reason(e: &std::io::Error) -> crate::text::Text {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => t!(msg::FILES_IO_NOT_FOUND),
        K::PermissionDenied => t!(msg::FILES_IO_DENIED),
        K::ReadOnlyFilesystem => t!(msg::FILES_IO_READ_ONLY),
        K::StorageFull => t!(msg::FILES_IO_FULL),
        K::NotADirectory => t!(msg::FILES_IO_NOT_A_DIR),
        K::IsADirectory => t!(msg::FILES_IO_IS_A_DIR),
        K::AlreadyExists => t!(msg::FILES_IO_EXISTS),
        _ => t!(msg::FILES_IO_OTHER, detail = e.to_string()),
    }
}

impl Document<'_> {
    /// Draws `image` on the current page with its top-left corner `x`, `y` mm from the page's
    /// left and top edges, `w` × `h` mm; the cursor does not move.
    pub fn image_at(&mut self, x: f32, y: f32, w: f32, h: f32, image: &Image) {
        let id = self.images.id_of(image);
        let page_h = self.page_setup().height_mm();
        let transform = printpdf::XObjectTransform {
            translate_x: Some(printpdf::Pt(mm(x))),
            translate_y: Some(printpdf::Pt(mm(page_h - y - h))),
            rotate: None,
            // at 72 dpi one pixel is one point: scale from there
            scale_x: Some(mm(w) / image.width.max(1) as f32),
            scale_y: Some(mm(h) / image.height.max(1) as f32),
            dpi: Some(72.0),
            no_auto_scale: false,
        };
        self.push_ops(vec![printpdf::Op::UseXobject { id, transform }]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::layout::test_support::fonts;
    use crate::export::layout::zihao;

    #[test]
    fn unwritable_path_leaves_nothing() {
        let fonts = fonts();
        let dir = tempfile::tempdir().expect("tempdir");
        let blocker = dir.path().join("not-a-dir");
        std::fs::write(&blocker, b"x").expect("write");
        for target in [dir.path().join("missing").join("a.pdf"), blocker.join("a.pdf")] {
            let mut doc = Document::new(fonts, "x", PageSetup::official());
            doc.paragraph("内容", &Style::body(zihao::SAN));
            let msg = doc.save_atomic(&target).expect_err("unwritable").to_string();
            assert!(msg.contains("无法保存") && msg.contains("无法在该文件夹中创建文件"), "{msg}");
            assert!(!target.exists());
        }
        // Target is a directory: refused, directory untouched, no temp files left.
        let sub = dir.path().join("sub.pdf");
        std::fs::create_dir(&sub).expect("mkdir");
        let doc = Document::new(fonts, "x", PageSetup::official());
        let msg = doc.save_atomic(&sub).expect_err("dir").to_string();
        assert!(msg.contains("文件夹"), "{msg}");
        assert!(sub.is_dir());
        let names: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").map(|e| e.expect("e").file_name()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
        // And a normal save replaces an existing file atomically.
        let ok = dir.path().join("ok.pdf");
        std::fs::write(&ok, b"old").expect("write");
        let mut doc = Document::new(fonts, "x", PageSetup::official());
        doc.paragraph("内容", &Style::body(zihao::SAN));
        doc.save_atomic(&ok).expect("save");
        assert!(std::fs::read(&ok).expect("read").starts_with(b"%PDF-"));
        let names: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").map(|e| e.expect("e").file_name()).collect();
        assert_eq!(names.len(), 3, "{names:?}");
    }

    #[test]
    fn missing_chars_are_reported() {
        let fonts = fonts();
        assert_eq!(fonts.missing_chars(Face::Serif, "中文😀A"), vec!['😀']);
        let mut doc = Document::new(fonts, "x", PageSetup::official());
        doc.paragraph("鿿中", &Style::body(zihao::SAN));
        assert_eq!(doc.missing_chars(), vec!['鿿']);
        assert!(fonts.advance_em(Face::Serif, '中') == 1.0);
        assert!(fonts.advance_em(Face::Serif, 'i') < 0.5);
    }
}
