//! How text looks: [`Colour`], [`Align`] and the paragraph [`Style`].

use printpdf::{Color, Greyscale, Rgb};

use super::fonts::Face;

/// Text colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Colour {
    Black,
    /// The red of official headers and the red rule (RGB 255, 0, 0).
    Red,
    /// Grey level, 0.0 black … 1.0 white.
    Grey(f32),
    Rgb(u8, u8, u8),
}

impl Colour {
    pub(super) fn pdf(self) -> Color {
        let rgb = |r: f32, g: f32, b: f32| Color::Rgb(Rgb { r, g, b, icc_profile: None });
        match self {
            Colour::Black => Color::Greyscale(Greyscale { percent: 0.0, icc_profile: None }),
            Colour::Grey(g) => Color::Greyscale(Greyscale { percent: g.clamp(0.0, 1.0), icc_profile: None }),
            Colour::Red => rgb(1.0, 0.0, 0.0),
            Colour::Rgb(r, g, b) => rgb(f32::from(r) / 255.0, f32::from(g) / 255.0, f32::from(b) / 255.0),
        }
    }
}

/// Horizontal alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    /// Both edges flush (两端对齐); the last line of a paragraph is left-aligned.
    Justify,
}

/// Style of a paragraph (also of a single line: a paragraph that fits on one line).
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    pub face: Face,
    /// Font size in pt.
    pub size: f32,
    pub colour: Colour,
    pub align: Align,
    /// Extra space between characters, in em (0.5 = half a character).
    pub letter_spacing: f32,
    /// First-line indent in characters (em) — 2.0 for Chinese body text.
    pub indent: f32,
    /// Line pitch in pt, baseline to baseline; each line is a box of this height with the
    /// em box of the text centred in it.
    pub line_pitch: f32,
    /// Space above the paragraph in pt (dropped at the top of a page).
    pub space_before: f32,
    /// Space below the paragraph in pt.
    pub space_after: f32,
}

impl Style {
    /// Left-aligned, no indent, line pitch 1.5 × size.
    pub fn new(face: Face, size: f32) -> Style {
        Style {
            face,
            size,
            colour: Colour::Black,
            align: Align::Left,
            letter_spacing: 0.0,
            indent: 0.0,
            line_pitch: size * 1.5,
            space_before: 0.0,
            space_after: 0.0,
        }
    }

    /// Chinese body text: serif, justified, first-line indent of 2 characters, pitch 1.75 × size.
    pub fn body(size: f32) -> Style {
        Style { align: Align::Justify, indent: 2.0, line_pitch: size * 1.75, ..Style::new(Face::Serif, size) }
    }

    /// Centred bold serif title, pitch 1.5 × size.
    pub fn title(size: f32) -> Style {
        Style { align: Align::Center, ..Style::new(Face::SerifBold, size) }
    }

    /// Left-aligned sans bold heading (黑体 role), pitch 1.75 × size.
    pub fn heading(size: f32) -> Style {
        Style { line_pitch: size * 1.75, ..Style::new(Face::SansBold, size) }
    }

    pub fn face(mut self, face: Face) -> Style {
        self.face = face;
        self
    }
    /// Font size in pt (the line pitch is not changed).
    pub fn size(mut self, size: f32) -> Style {
        self.size = size;
        self
    }
    pub fn colour(mut self, colour: Colour) -> Style {
        self.colour = colour;
        self
    }
    pub fn align(mut self, align: Align) -> Style {
        self.align = align;
        self
    }
    /// Letter spacing in em.
    pub fn spacing(mut self, em: f32) -> Style {
        self.letter_spacing = em;
        self
    }
    /// First-line indent in characters.
    pub fn indent(mut self, chars: f32) -> Style {
        self.indent = chars;
        self
    }
    /// Line pitch in pt.
    pub fn pitch(mut self, pt: f32) -> Style {
        self.line_pitch = pt;
        self
    }
    /// Space above, pt.
    pub fn before(mut self, pt: f32) -> Style {
        self.space_before = pt;
        self
    }
    /// Space below, pt.
    pub fn after(mut self, pt: f32) -> Style {
        self.space_after = pt;
        self
    }
}
