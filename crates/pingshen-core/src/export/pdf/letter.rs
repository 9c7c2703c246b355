//! The letter format of GB/T 9704-2012 §10.1 (信函格式), shared by the feedback letter, the
//! correction notice and the invitation (`letters.rs`), and the seal placed over a signature
//! (§7.3.5.1) for those and for the award notice and the publicity list.
//!
//! The letter's first page: the issuing body's name in red with its top edge 30 mm below the
//! page's top edge; 4 mm under it a red double line (thick over thin), 170 mm long and centred;
//! the document number flush right under that line at 7/8 of a 三号 character's height; the
//! title two lines below; near the foot, 20 mm above the page's bottom edge, a red double line
//! (thin over thick). The first page carries no page number.

use super::common::signature;
use super::common::{NOTICE_CHARS_PER_LINE, NOTICE_LINES_PER_PAGE};
use super::{Issuer, PdfExporter};
use crate::desk::SealImage;
use crate::export::layout::{zihao, Align, Colour, Document, Face, Image, PageSetup, Style, PT_PER_MM};

/// The red double lines' length (GB/T 9704 §10.1.2: 170 mm).
pub const LETTER_RULE_MM: f32 = 170.0;
/// The issuing body's name: its top edge 30 mm below the page's top edge (§10.1.1).
pub const LETTER_HEAD_TOP_MM: f32 = 30.0;
/// The lower red double line: 20 mm above the page's bottom edge (§10.1.2).
pub const LETTER_FOOT_RULE_MM: f32 = 20.0;
/// The seal's diameter as printed (an official seal is 42 mm across).
pub const SEAL_MM: f32 = 42.0;

/// The paragraph styles of a letter's body (the official page: 三号 on the 22 × 28 grid).
pub(super) struct LetterStyles {
    pub body: Style,
    pub flush: Style,
    pub heading: Style,
    pub pitch: f32,
}

pub(super) fn letter_styles(setup: PageSetup) -> LetterStyles {
    let pitch = setup.pitch_for_lines(NOTICE_LINES_PER_PAGE);
    let body = Style::body(zihao::SAN).pitch(pitch).spacing(setup.spacing_for_chars(zihao::SAN, NOTICE_CHARS_PER_LINE));
    let flush = body.clone().indent(0.0);
    let heading = body.clone().face(Face::SansBold).align(Align::Left);
    LetterStyles { body, flush, heading, pitch }
}

/// The seal as the layout draws it.
pub(super) fn seal_image(seal: &SealImage) -> Image {
    Image { width: seal.width, height: seal.height, rgba: seal.rgba.clone(), key: seal.sha256.clone() }
}

impl PdfExporter {
    /// A document of letters: the official page, no page numbers (a letter's first page has
    /// none, and a file of many letters is not one document to number).
    pub(super) fn letters_doc(&self, title: &str, issuer: &Issuer) -> Document<'_> {
        let mut doc = self.doc(title, PageSetup::official());
        doc.set_author(&issuer.name);
        doc.set_page_numbers(None);
        doc
    }
}

/// Starts a letter on a new page (unless the document is still empty): the red head, the
/// double lines, the document number, then the title; the cursor below the title.
pub(super) fn letter_head(doc: &mut Document, issuer: &Issuer, doc_number: &str, title: &str, first: bool) {
    if !first {
        doc.new_page();
    }
    let setup = doc.page_setup();
    let st = letter_styles(setup);
    let page_w = setup.width_mm();
    let rule_x = (page_w - LETTER_RULE_MM) / 2.0;
    // the name, red, as large as fits the 170 mm
    let n = issuer.header.chars().count().max(1) as f32;
    let size = (LETTER_RULE_MM * PT_PER_MM * 0.9 / n).min(zihao::XIAO_CHU);
    let head = Style::title(size).colour(Colour::Red).pitch(size);
    doc.text_at(page_w / 2.0, LETTER_HEAD_TOP_MM, &issuer.header, &head);
    let rule_y = LETTER_HEAD_TOP_MM + size / PT_PER_MM + 4.0;
    double_line(doc, rule_x, rule_y, true);
    // the lower double line near the foot of the first page
    double_line(doc, rule_x, setup.height_mm() - LETTER_FOOT_RULE_MM - 1.6, false);
    // 发文字号 flush right under the line, 7/8 of a 三号 character below it
    let number_y = rule_y + 1.6 + zihao::SAN * 7.0 / 8.0 / PT_PER_MM;
    let right = setup.margins.left + setup.content_width_mm();
    let number = Style::new(Face::Serif, zihao::SAN).align(Align::Right).pitch(zihao::SAN);
    doc.text_at(right, number_y, doc_number, &number);
    // the title two lines below
    doc.set_cursor_mm(number_y + zihao::SAN / PT_PER_MM + 2.0 * st.pitch / PT_PER_MM);
    doc.paragraph(title, &Style::title(zihao::ER).face(Face::SansBold).pitch(st.pitch * 1.4).after(st.pitch));
}

/// A red double line 170 mm long: thick over thin under the head, thin over thick at the foot.
fn double_line(doc: &mut Document, x: f32, y: f32, thick_first: bool) {
    let (thick, thin) = (1.0, 0.35);
    let (a, b) = if thick_first { (thick, thin) } else { (thin, thick) };
    doc.hrule_at(x, y, LETTER_RULE_MM, a, Colour::Red);
    doc.hrule_at(x, y + 1.2, LETTER_RULE_MM, b, Colour::Red);
}

/// The seal's printed height in mm (its width is `SEAL_MM`).
fn seal_height_mm(seal: &Image) -> f32 {
    SEAL_MM * seal.height as f32 / seal.width.max(1) as f32
}

/// Before the last text above the signature (`last_h` pt high: a closing paragraph, 「特此函告。」):
/// room for that text, the blank line and `sign`'s block on one page — two lines without the
/// seal, the seal's height and a line with it — so that the signature, and above all the seal,
/// never stands alone on a page (GB/T 9704-2012 7.3.5.1: the seal on the page of the text).
pub(super) fn keep_with_signature(doc: &mut Document, last_h: f32, body: &Style, seal: Option<&Image>) {
    let block = match seal {
        None => 2.0 * body.line_pitch,
        Some(s) => seal_height_mm(s) * PT_PER_MM + body.line_pitch,
    };
    doc.ensure_space(last_h + body.line_pitch + block);
}

/// 发文机关署名, 成文日期 and, when given, the seal (GB/T 9704 §7.3.5.1): the date four
/// characters in from the right edge, the signature centred over it, the seal centred on them
/// with its top within a line of the text above, so that the signature and date sit a little
/// below the seal's centre. Without a seal: `common::signature` (§7.3.5.2).
pub(super) fn sign(doc: &mut Document, name: &str, date: &str, body: &Style, seal: Option<&Image>) {
    let Some(seal) = seal else {
        signature(doc, name, date, body);
        return;
    };
    let style = body.clone().indent(0.0).align(Align::Left).spacing(0.0);
    let setup = doc.page_setup();
    let right = setup.margins.left + setup.content_width_mm();
    let ch = style.size / PT_PER_MM;
    let line = style.line_pitch / PT_PER_MM;
    let date_w = doc.text_width_mm(date, &style);
    let name_w = doc.text_width_mm(name, &style);
    let date_x = right - 4.0 * ch - date_w;
    let centre_x = date_x + date_w / 2.0;
    let seal_h = seal_height_mm(seal);
    // the seal's top half a line below the text above; signature and date below its centre
    doc.ensure_space((seal_h + line) * PT_PER_MM);
    let top = doc.cursor_mm() + line / 2.0;
    let name_y = top + seal_h / 2.0 - line * 0.6;
    doc.text_at(centre_x - name_w / 2.0, name_y, name, &style);
    doc.text_at(date_x, name_y + line, date, &style);
    doc.image_at(centre_x - SEAL_MM / 2.0, top, SEAL_MM, seal_h, seal);
    let bottom = (top + seal_h).max(name_y + 2.0 * line);
    doc.set_cursor_mm(bottom);
}
