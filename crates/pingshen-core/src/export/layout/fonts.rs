//! The three bundled faces ([`Face`]), where the assets are ([`assets_dir`]), and [`Fonts`]:
//! the faces loaded once, with their glyph lookup and advance widths.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use printpdf::{ParsedFont, TextItem};

use crate::error::{Error, Result};
use crate::t;
use crate::text::catalog::msg;

/// One of the three bundled faces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// Noto Serif CJK SC Regular: body text (宋体 role).
    Serif,
    /// Noto Serif CJK SC Bold: bold body, table headers and totals, titles (标宋 role).
    SerifBold,
    /// Noto Sans CJK SC Bold: headings (黑体 role).
    SansBold,
}

impl Face {
    pub const ALL: [Face; 3] = [Face::Serif, Face::SerifBold, Face::SansBold];

    pub(super) fn index(self) -> usize {
        match self {
            Face::Serif => 0,
            Face::SerifBold => 1,
            Face::SansBold => 2,
        }
    }

    /// File name under `<assets>/fonts/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Face::Serif => "NotoSerifSC-Regular-subset.otf",
            Face::SerifBold => "NotoSerifSC-Bold-subset.otf",
            Face::SansBold => "NotoSansSC-Bold-subset.otf",
        }
    }
}

/// The assets directory: `PINGSHEN_ASSETS` if set, else `assets/` next to the running
/// executable if it exists, else the source checkout's `assets/`.
pub fn assets_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PINGSHEN_ASSETS") {
        if !dir.is_empty() {
            return PathBuf::from(dir);
        }
    }
    if let Ok(exe) = std::env::current_exe() {
        if let Some(parent) = exe.parent() {
            let dir = parent.join("assets");
            if dir.is_dir() {
                return dir;
            }
        }
    }
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets"))
}

pub(super) struct LoadedFace {
    pub(super) font: ParsedFont,
    units_per_em: f32,
    notdef_advance: f32,
    /// Glyph of the two-em dash "——" (private-use U+E000 of the bundled subsets).
    dash_pair: Option<u16>,
}

impl LoadedFace {
    fn glyph(&self, c: char) -> Option<u16> {
        self.font.lookup_glyph_index(c as u32).filter(|&g| g != 0)
    }

    /// Text items for `text`: plain text, except that each "——" is drawn as the font's
    /// two-em dash glyph (one unbroken rule, as Chinese typography wants; two U+2014 glyphs
    /// leave a gap), with "——" as its extracted text. `tc` is the character spacing in pt,
    /// applied once to the ligature instead of twice: the missing one is added back.
    pub(super) fn items(&self, text: &str, size: f32, tc: f32) -> Vec<TextItem> {
        let Some(gid) = self.dash_pair.filter(|_| text.contains("——")) else {
            return vec![TextItem::Text(text.to_string())];
        };
        let mut items = Vec::new();
        for (i, part) in text.split("——").enumerate() {
            if i > 0 {
                let offset = if size > 0.0 { -tc / size * 1000.0 } else { 0.0 };
                items.push(TextItem::GlyphIds(vec![printpdf::Codepoint {
                    gid, offset, cid: Some("——".to_string())
                }]));
            }
            if !part.is_empty() {
                items.push(TextItem::Text(part.to_string()));
            }
        }
        items
    }

    /// Advance of `c` in em (the .notdef advance if the face lacks it).
    pub(super) fn advance_em(&self, c: char) -> f32 {
        match self.glyph(c) {
            Some(g) => f32::from(self.font.get_horizontal_advance(g)) / self.units_per_em,
            None => self.notdef_advance,
        }
    }
}

/// The bundled faces, loaded once and shared by any number of [`Document`](super::Document)s.
pub struct Fonts {
    faces: Vec<LoadedFace>,
    dir: PathBuf,
}

impl fmt::Debug for Fonts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fonts").field("dir", &self.dir).finish_non_exhaustive()
    }
}

impl Fonts {
    /// Loads the three faces from `<dir>/fonts/` (`dir` is the assets directory; a
    /// directory holding the font files directly is accepted too). A missing or unreadable
    /// file is an error naming it; nothing is loaded then.
    pub fn load(dir: &Path) -> Result<Fonts> {
        let mut missing = Vec::new();
        let mut paths = Vec::new();
        for face in Face::ALL {
            let nested = dir.join("fonts").join(face.file_name());
            let flat = dir.join(face.file_name());
            if nested.is_file() {
                paths.push(nested);
            } else if flat.is_file() {
                paths.push(flat);
            } else {
                missing.push(nested.display().to_string());
            }
        }
        if !missing.is_empty() {
            return Err(Error::other(t!(msg::FILES_FONTS_MISSING, files = missing.join("、"))));
        }
        let mut faces = Vec::with_capacity(3);
        for path in &paths {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let mut warnings = Vec::new();
            let font = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
                .ok_or_else(|| Error::other(t!(msg::FILES_FONT_DAMAGED, path = path.display())))?;
            let units_per_em = f32::from(font.font_metrics.units_per_em.max(1));
            let notdef_advance = f32::from(font.get_horizontal_advance(0)) / units_per_em;
            let dash_pair = font.lookup_glyph_index(0xE000).filter(|&g| {
                let dash = font.lookup_glyph_index(0x2014).unwrap_or(0);
                g != 0 && font.get_horizontal_advance(g) == 2 * font.get_horizontal_advance(dash)
            });
            let face = LoadedFace { font, units_per_em, notdef_advance, dash_pair };
            if face.glyph('中').is_none() || face.glyph('A').is_none() {
                return Err(Error::other(t!(msg::FILES_FONT_NOT_OURS, path = path.display())));
            }
            faces.push(face);
        }
        Ok(Fonts { faces, dir: dir.to_path_buf() })
    }

    /// [`Fonts::load`] from [`assets_dir`].
    pub fn load_default() -> Result<Fonts> {
        Fonts::load(&assets_dir())
    }

    pub(super) fn face(&self, face: Face) -> &LoadedFace {
        &self.faces[face.index()]
    }

    /// Advance width of `c` in em.
    pub fn advance_em(&self, face: Face, c: char) -> f32 {
        self.face(face).advance_em(c)
    }

    /// Whether the face has a glyph for `c` (whitespace and line breaks count as present).
    pub fn has_char(&self, face: Face, c: char) -> bool {
        c.is_control() || self.face(face).glyph(c).is_some()
    }

    /// Characters of `text` the face cannot print (each once, in order of appearance).
    pub fn missing_chars(&self, face: Face, text: &str) -> Vec<char> {
        let mut seen = BTreeSet::new();
        text.chars().filter(|&c| !self.has_char(face, c) && seen.insert(c)).collect()
    }

    /// Width of a single line of `text` in pt: advances plus letter spacing between chars.
    pub fn text_width(&self, face: Face, size: f32, letter_spacing_em: f32, text: &str) -> f32 {
        let f = self.face(face);
        let mut n = 0usize;
        let mut sum = 0.0;
        for c in text.chars() {
            sum += f.advance_em(c) * size;
            n += 1;
        }
        sum + letter_spacing_em * size * n.saturating_sub(1) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_font_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = Fonts::load(dir.path()).expect_err("no fonts");
        let msg = e.to_string();
        assert!(msg.starts_with("缺少字体文件 "), "{msg}");
        assert!(msg.contains("fonts/NotoSerifSC-Regular-subset.otf"), "{msg}");
        assert!(msg.contains("请重新安装或设置 PINGSHEN_ASSETS"), "{msg}");
        // A corrupt file is named too.
        std::fs::create_dir(dir.path().join("fonts")).expect("mkdir");
        for f in Face::ALL {
            std::fs::write(dir.path().join("fonts").join(f.file_name()), b"not a font").expect("write");
        }
        let msg = Fonts::load(dir.path()).expect_err("corrupt").to_string();
        assert!(msg.contains("已损坏") || msg.contains("不含常用汉字"), "{msg}");
    }
}
