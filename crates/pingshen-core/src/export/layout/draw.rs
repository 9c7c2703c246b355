//! Content-stream operations shared by the document, its tables and its page furniture: where a
//! line of text starts, and the PDF ops of a run of text and of a line.

use printpdf::{FontId, Line as PdfLine, LinePoint, Op, PdfFontHandle, Point, Pt, TextItem, TextMatrix};

use super::style::{Align, Colour};
use super::text::BrokenLine;
use super::EM_ASCENT;

/// Baseline offset from the top of a line box of height `pitch` with the em box of `size`
/// centred in it.
pub(super) fn baseline_offset(pitch: f32, size: f32) -> f32 {
    (pitch - size) / 2.0 + EM_ASCENT * size
}

/// Start x and character spacing (Tc, pt) of a line in a box `[left, left + width]`.
pub(super) fn place_line(line: &BrokenLine, align: Align, left: f32, width: f32, spacing: f32) -> (f32, f32) {
    let slack = width - line.width;
    match align {
        Align::Left => (left, spacing),
        Align::Center => (left + slack / 2.0, spacing),
        Align::Right => (left + slack, spacing),
        Align::Justify => {
            let n = line.text.chars().count();
            // Justify unless last line, or the slack is too large to spread nicely
            // (more than a quarter of the line: a long Latin word was pushed down).
            if line.last || n < 2 || slack <= 0.0 || slack > width * 0.25 {
                (left, spacing)
            } else {
                (left, spacing + slack / (n - 1) as f32)
            }
        }
    }
}

/// Ops for one run of text; `x`, `y` = start of the baseline in PDF coordinates (pt from
/// the bottom-left corner); `angle` rotates counter-clockwise around that point.
#[allow(clippy::too_many_arguments)]
pub(super) fn text_ops(
    items: Vec<TextItem>,
    font: &FontId,
    size: f32,
    colour: Colour,
    x: f32,
    y: f32,
    tc: f32,
    angle: Option<f32>,
) -> Vec<Op> {
    let matrix = match angle {
        Some(a) => TextMatrix::TranslateRotate(Pt(x), Pt(y), a),
        None => TextMatrix::Translate(Pt(x), Pt(y)),
    };
    vec![
        Op::StartTextSection,
        Op::SetFont { font: PdfFontHandle::External(font.clone()), size: Pt(size) },
        Op::SetFillColor { col: colour.pdf() },
        Op::SetCharacterSpacing { multiplier: tc },
        Op::SetTextMatrix { matrix },
        Op::ShowText { items },
        Op::EndTextSection,
    ]
}

pub(super) fn line_ops(points: &[(f32, f32)], thickness: f32, colour: Colour) -> Vec<Op> {
    let line = PdfLine {
        points: points.iter().map(|&(x, y)| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false }).collect(),
        is_closed: false,
    };
    vec![
        Op::SaveGraphicsState,
        Op::SetOutlineColor { col: colour.pdf() },
        Op::SetOutlineThickness { pt: Pt(thickness) },
        Op::DrawLine { line },
        Op::RestoreGraphicsState,
    ]
}
