//! PDF layout layer over printpdf 0.12, shared by every printed document (award notice after
//! GB/T 9704-2012, publicity list, funding table, dossiers, score sheets).
//!
//! * [`Fonts`]: the three subset Chinese faces of `assets/fonts/`, loaded once at run time
//!   ([`assets_dir`]); text is measured with their real advance widths.
//! * [`Document`]: A4 pages (portrait or landscape, margins in mm) and a cursor that flows
//!   paragraphs, rules and tables down the page and starts new pages by itself.
//!   After the content: optional page numbers (「第 N 页 共 M 页」) and a diagonal watermark
//!   drawn under the content; then [`Document::to_bytes`] or [`Document::save_atomic`].
//! * [`break_lines`]: the pure line breaker (CJK breaks anywhere, Latin at spaces, with the
//!   Chinese line-start / line-end prohibitions).
//!
//! Units: lengths given by the caller are in millimetres where they describe the page
//! (margins, column widths, offsets), font sizes and line pitches are in points
//! (1 pt = 1/72 in); see [`zihao`] for the Chinese size names. Internally everything is
//! points, y measured downwards from the top edge of the page.
//!
//! ```no_run
//! use pingshen_core::export::layout::*;
//! # fn main() -> pingshen_core::Result<()> {
//! let fonts = Fonts::load(&assets_dir())?;
//! let setup = PageSetup::official(); // A4, GB/T 9704 margins 37/35/28/26 mm
//! let mut doc = Document::new(&fonts, "关于表彰的决定", setup);
//! let body = Style::body(zihao::SAN).pitch(setup.pitch_for_lines(22));
//! doc.paragraph("某某评审委员会文件", &Style::title(zihao::XIAO_CHU).colour(Colour::Red).spacing(0.3));
//! doc.rule(&Rule::new(1.0).colour(Colour::Red).before(4.0).after(10.0));
//! doc.paragraph("各有关单位：", &body.clone().indent(0.0));
//! doc.paragraph("经评审委员会评审，……现予公布。", &body);
//! let mut table = Table::new(vec![
//!     Column::new("序号", ColWidth::Mm(14.0)).center(),
//!     Column::new("项目名称", ColWidth::Fr(1.0)),
//!     Column::new("金额（万元）", ColWidth::Mm(30.0)).right(),
//! ]);
//! table.row(["1", "某某项目", "12.50"]);
//! table.total(["", "合计", "12.50"]);
//! doc.table(&table)?;
//! doc.set_page_numbers(Some(PageNumbers::default()));
//! doc.set_watermark(Some(Watermark::new("张三  内部资料 注意保密")));
//! doc.save_atomic(std::path::Path::new("决定.pdf"))?;
//! # Ok(()) }
//! ```

use std::collections::BTreeSet;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use printpdf::{
    Color, FontId, Greyscale, Line as PdfLine, LinePoint, Mm, OffsetDateTime, Op, PaintMode,
    ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfParseErrorSeverity,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use crate::error::{Error, Result};

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// Top of the ideographic em box above the baseline, in em (Noto CJK: 880/1000).
const EM_ASCENT: f32 = 0.88;
/// Tolerance when comparing lengths in points.
const EPS: f32 = 0.01;

/// Chinese font size names (字号) in points.
pub mod zihao {
    /// 初号
    pub const CHU: f32 = 42.0;
    /// 小初
    pub const XIAO_CHU: f32 = 36.0;
    /// 一号
    pub const YI: f32 = 26.0;
    /// 小一
    pub const XIAO_YI: f32 = 24.0;
    /// 二号 (GB/T 9704 title)
    pub const ER: f32 = 22.0;
    /// 小二
    pub const XIAO_ER: f32 = 18.0;
    /// 三号 (GB/T 9704 body)
    pub const SAN: f32 = 16.0;
    /// 小三
    pub const XIAO_SAN: f32 = 15.0;
    /// 四号 (GB/T 9704 page numbers)
    pub const SI: f32 = 14.0;
    /// 小四
    pub const XIAO_SI: f32 = 12.0;
    /// 五号 (tables)
    pub const WU: f32 = 10.5;
    /// 小五
    pub const XIAO_WU: f32 = 9.0;
}

// ---------------------------------------------------------------------------------------
// Fonts
// ---------------------------------------------------------------------------------------

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

    fn index(self) -> usize {
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

struct LoadedFace {
    font: ParsedFont,
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
    fn items(&self, text: &str, size: f32, tc: f32) -> Vec<TextItem> {
        let Some(gid) = self.dash_pair.filter(|_| text.contains("——")) else {
            return vec![TextItem::Text(text.to_string())];
        };
        let mut items = Vec::new();
        for (i, part) in text.split("——").enumerate() {
            if i > 0 {
                let offset = if size > 0.0 { -tc / size * 1000.0 } else { 0.0 };
                items.push(TextItem::GlyphIds(vec![printpdf::Codepoint {
                    gid,
                    offset,
                    cid: Some("——".to_string()),
                }]));
            }
            if !part.is_empty() {
                items.push(TextItem::Text(part.to_string()));
            }
        }
        items
    }

    /// Advance of `c` in em (the .notdef advance if the face lacks it).
    fn advance_em(&self, c: char) -> f32 {
        match self.glyph(c) {
            Some(g) => f32::from(self.font.get_horizontal_advance(g)) / self.units_per_em,
            None => self.notdef_advance,
        }
    }
}

/// The bundled faces, loaded once and shared by any number of [`Document`]s.
pub struct Fonts {
    faces: Vec<LoadedFace>,
    dir: PathBuf,
}

impl fmt::Debug for Fonts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fonts")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
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
            return Err(Error::Other(format!(
                "缺少字体文件 {}，请重新安装或设置 PINGSHEN_ASSETS",
                missing.join("、")
            )));
        }
        let mut faces = Vec::with_capacity(3);
        for path in &paths {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let mut warnings = Vec::new();
            let font = ParsedFont::from_bytes(&bytes, 0, &mut warnings).ok_or_else(|| {
                Error::Other(format!(
                    "字体文件 {} 已损坏，无法读取，请重新安装或设置 PINGSHEN_ASSETS",
                    path.display()
                ))
            })?;
            let units_per_em = f32::from(font.font_metrics.units_per_em.max(1));
            let notdef_advance = f32::from(font.get_horizontal_advance(0)) / units_per_em;
            let dash_pair = font.lookup_glyph_index(0xE000).filter(|&g| {
                let dash = font.lookup_glyph_index(0x2014).unwrap_or(0);
                g != 0 && font.get_horizontal_advance(g) == 2 * font.get_horizontal_advance(dash)
            });
            let face = LoadedFace {
                font,
                units_per_em,
                notdef_advance,
                dash_pair,
            };
            if face.glyph('中').is_none() || face.glyph('A').is_none() {
                return Err(Error::Other(format!(
                    "字体文件 {} 不含常用汉字，不是本软件附带的字体，请重新安装或设置 PINGSHEN_ASSETS",
                    path.display()
                )));
            }
            faces.push(face);
        }
        Ok(Fonts {
            faces,
            dir: dir.to_path_buf(),
        })
    }

    /// [`Fonts::load`] from [`assets_dir`].
    pub fn load_default() -> Result<Fonts> {
        Fonts::load(&assets_dir())
    }

    fn face(&self, face: Face) -> &LoadedFace {
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
        text.chars()
            .filter(|&c| !self.has_char(face, c) && seen.insert(c))
            .collect()
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

// ---------------------------------------------------------------------------------------
// Line breaking (pure)
// ---------------------------------------------------------------------------------------

/// Characters that must not begin a line (行首禁则).
pub const NO_LINE_START: &str = "，。、；：？！）」』》〉】〕〗〙〛”’·•%‰℃．,.;:?!)]}％～々〃ー";
/// Characters that must not end a line (行尾禁则).
pub const NO_LINE_END: &str = "（「『《〈【〔〖〘〚“‘([{";

fn no_start(c: char) -> bool {
    NO_LINE_START.contains(c)
}

fn no_end(c: char) -> bool {
    NO_LINE_END.contains(c)
}

/// Whether a line may break on either side of `c` (CJK ideographs, kana, CJK and
/// full-width punctuation, and the typographic quotes, dashes and ellipses of Chinese text).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303F     // radicals, CJK symbols and punctuation
        | 0x3040..=0x9FFF   // kana, bopomofo, CJK strokes, Ext. A, URO
        | 0xAC00..=0xD7AF   // hangul
        | 0xF900..=0xFAFF   // compatibility ideographs
        | 0xFE10..=0xFE1F   // vertical forms
        | 0xFE30..=0xFE4F   // compatibility forms
        | 0xFF00..=0xFFEF   // full-width forms
        | 0x20000..=0x3FFFF // Ext. B and beyond
    ) || "‘’“”…—―·•".contains(c)
}

/// One line produced by [`break_lines`].
#[derive(Clone, Debug, PartialEq)]
pub struct BrokenLine {
    pub text: String,
    /// Natural width: sum of advances plus letter spacing between the characters.
    pub width: f32,
    /// First line of a paragraph (gets the first-line indent).
    pub first: bool,
    /// Last line of a paragraph (never justified).
    pub last: bool,
}

#[derive(Debug)]
struct Cluster {
    chars: Vec<char>,
    space: bool,
}

/// Splits one paragraph (no `\n`) into unbreakable clusters: a CJK character, a Latin word
/// or a run of spaces, with line-start-prohibited characters glued to what precedes them
/// and line-end-prohibited ones glued to what follows, and ——/…… kept in one piece.
fn clusters(text: &str) -> Vec<Cluster> {
    // Units first: single CJK chars, Latin words, space runs.
    let mut units: Vec<Cluster> = Vec::new();
    for c in text.chars() {
        let c = if c == '\t' { ' ' } else { c };
        if c.is_control() {
            continue;
        }
        let space = c == ' ' || (c.is_whitespace() && c != '\u{3000}');
        if space {
            match units.last_mut() {
                Some(u) if u.space => u.chars.push(c),
                _ => units.push(Cluster {
                    chars: vec![c],
                    space: true,
                }),
            }
        } else if is_cjk(c) {
            units.push(Cluster {
                chars: vec![c],
                space: false,
            });
        } else {
            match units.last_mut() {
                Some(u) if !u.space && !u.chars.last().is_some_and(|&l| is_cjk(l)) => {
                    u.chars.push(c)
                }
                _ => units.push(Cluster {
                    chars: vec![c],
                    space: false,
                }),
            }
        }
    }
    // Then glue. A space after a line-end-prohibited character or before a
    // line-start-prohibited one is glued too (it cannot be a break either).
    let mut out: Vec<Cluster> = Vec::new();
    for u in units {
        let n = out.len();
        let last_char = |c: &Cluster| c.chars[c.chars.len() - 1];
        if u.space {
            if n > 0 && !out[n - 1].space && no_end(last_char(&out[n - 1])) {
                out[n - 1].chars.extend(u.chars);
            } else {
                out.push(u);
            }
            continue;
        }
        let f = u.chars[0];
        if n >= 2 && out[n - 1].space && !out[n - 2].space && no_start(f) {
            if let Some(sp) = out.pop() {
                out[n - 2].chars.extend(sp.chars);
            }
            out[n - 2].chars.extend(u.chars);
            continue;
        }
        let glue = n > 0 && !out[n - 1].space && {
            let p = last_char(&out[n - 1]);
            no_start(f) || no_end(p) || (p == f && (p == '—' || p == '…'))
        };
        if glue {
            out[n - 1].chars.extend(u.chars);
        } else {
            out.push(u);
        }
    }
    out
}

/// Breaks `text` into lines of at most `width` (same unit as `advance`), the first line of
/// each paragraph (`\n` separates paragraphs) being `first_indent` narrower. `spacing` is
/// added between consecutive characters (letter spacing). Lines break at any CJK character
/// and at spaces between Latin words; spaces at a break are dropped. No line starts with a
/// character of [`NO_LINE_START`] (the character before it moves down with it) and no line
/// ends with one of [`NO_LINE_END`]. Only a piece wider than a whole line is cut anywhere.
pub fn break_lines(
    text: &str,
    width: f32,
    first_indent: f32,
    spacing: f32,
    advance: impl Fn(char) -> f32,
) -> Vec<BrokenLine> {
    let sum = |cs: &[char]| -> f32 { cs.iter().map(|&c| advance(c)).sum() };
    let fits =
        |adv: f32, n: usize, avail: f32| adv + spacing * n.saturating_sub(1) as f32 <= avail + EPS;
    let mut out = Vec::new();
    for para in text.split('\n') {
        let para = para.strip_suffix('\r').unwrap_or(para);
        let mut first = true;
        let mut line: Vec<char> = Vec::new();
        let mut adv = 0.0f32;
        let mut pending: Vec<char> = Vec::new(); // spaces waiting for the next word
        let mut emit = |line: &mut Vec<char>, adv: f32, first: &mut bool, last: bool| {
            out.push(BrokenLine {
                text: line.iter().collect(),
                width: adv + spacing * line.len().saturating_sub(1) as f32,
                first: *first,
                last,
            });
            line.clear();
            *first = false;
        };
        for cl in clusters(para) {
            if cl.space {
                if !line.is_empty() {
                    pending.extend(&cl.chars);
                }
                continue;
            }
            let avail = if first { width - first_indent } else { width };
            let (cl_adv, pend_adv) = (sum(&cl.chars), sum(&pending));
            let n = line.len() + pending.len() + cl.chars.len();
            if line.is_empty() || fits(adv + pend_adv + cl_adv, n, avail) {
                if !line.is_empty() {
                    line.append(&mut pending);
                    adv += pend_adv;
                }
                pending.clear();
                line.extend(&cl.chars);
                adv += cl_adv;
            } else {
                pending.clear();
                emit(&mut line, adv, &mut first, false);
                line.extend(&cl.chars);
                adv = cl_adv;
            }
            // Only a piece wider than a whole line can overflow here: cut it by characters.
            loop {
                let avail = if first { width - first_indent } else { width };
                if line.len() <= 1 || fits(adv, line.len(), avail) {
                    break;
                }
                let mut k = 1;
                let mut a = advance(line[0]);
                while k < line.len() && fits(a + advance(line[k]), k + 1, avail) {
                    a += advance(line[k]);
                    k += 1;
                }
                let rest = line.split_off(k);
                emit(&mut line, a, &mut first, false);
                adv = sum(&rest);
                line = rest;
            }
        }
        emit(&mut line, adv, &mut first, true);
    }
    out
}

/// 一字不成行: wherever a paragraph's last line would hold a single character (with its trailing
/// punctuation, e.g. 「下。」), the line before gives it its last cluster. Whole clusters move,
/// so the punctuation rules of [`break_lines`] still hold, and the moved line stays far inside
/// the width. Used for running text (paragraphs), not for table cells.
pub fn avoid_lone_last_characters(lines: &mut [BrokenLine], spacing: f32, advance: impl Fn(char) -> f32) {
    for i in 1..lines.len() {
        if lines[i].last && !lines[i].first {
            pull_one_cluster_down(&mut lines[i - 1..=i], spacing, &advance);
        }
    }
}

fn pull_one_cluster_down(out: &mut [BrokenLine], spacing: f32, advance: &impl Fn(char) -> f32) {
    let n = out.len();
    let last: Vec<char> = out[n - 1].text.chars().collect();
    let core = last.iter().filter(|&&c| !no_start(c)).count();
    if core != 1 || !last.first().is_some_and(|&c| is_cjk(c)) {
        return;
    }
    let prev = clusters(&out[n - 2].text);
    let words = prev.iter().filter(|c| !c.space).count();
    if words < 4 {
        return;
    }
    let Some(k) = prev.iter().rposition(|c| !c.space) else { return };
    if !prev[k].chars.first().is_some_and(|&c| is_cjk(c)) {
        return;
    }
    let keep: Vec<char> = prev[..k].iter().flat_map(|c| c.chars.iter().copied()).collect();
    let keep: Vec<char> = {
        let mut v = keep;
        while v.last().is_some_and(|c| *c == ' ') {
            v.pop();
        }
        v
    };
    let moved: Vec<char> = prev[k].chars.iter().copied().chain(last.iter().copied()).collect();
    let width = |cs: &[char]| cs.iter().map(|&c| advance(c)).sum::<f32>() + spacing * cs.len().saturating_sub(1) as f32;
    out[n - 2].width = width(&keep);
    out[n - 2].text = keep.into_iter().collect();
    out[n - 1].width = width(&moved);
    out[n - 1].text = moved.into_iter().collect();
}

// ---------------------------------------------------------------------------------------
// Page setup and styles
// ---------------------------------------------------------------------------------------

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
    pub const GBT9704: Margins = Margins {
        top: 37.0,
        bottom: 35.0,
        left: 28.0,
        right: 26.0,
    };

    pub fn uniform(mm: f32) -> Margins {
        Margins {
            top: mm,
            bottom: mm,
            left: mm,
            right: mm,
        }
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
        PageSetup {
            orientation: Orientation::Portrait,
            margins,
        }
    }

    pub fn a4_landscape(margins: Margins) -> PageSetup {
        PageSetup {
            orientation: Orientation::Landscape,
            margins,
        }
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

    fn width_pt(&self) -> f32 {
        mm(self.width_mm())
    }

    fn height_pt(&self) -> f32 {
        mm(self.height_mm())
    }

    fn top_pt(&self) -> f32 {
        mm(self.margins.top)
    }

    fn bottom_pt(&self) -> f32 {
        mm(self.height_mm() - self.margins.bottom)
    }

    fn left_pt(&self) -> f32 {
        mm(self.margins.left)
    }

    fn content_width_pt(&self) -> f32 {
        mm(self.content_width_mm())
    }
}

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
    fn pdf(self) -> Color {
        let rgb = |r: f32, g: f32, b: f32| {
            Color::Rgb(Rgb {
                r,
                g,
                b,
                icc_profile: None,
            })
        };
        match self {
            Colour::Black => Color::Greyscale(Greyscale {
                percent: 0.0,
                icc_profile: None,
            }),
            Colour::Grey(g) => Color::Greyscale(Greyscale {
                percent: g.clamp(0.0, 1.0),
                icc_profile: None,
            }),
            Colour::Red => rgb(1.0, 0.0, 0.0),
            Colour::Rgb(r, g, b) => rgb(
                f32::from(r) / 255.0,
                f32::from(g) / 255.0,
                f32::from(b) / 255.0,
            ),
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
        Style {
            align: Align::Justify,
            indent: 2.0,
            line_pitch: size * 1.75,
            ..Style::new(Face::Serif, size)
        }
    }

    /// Centred bold serif title, pitch 1.5 × size.
    pub fn title(size: f32) -> Style {
        Style {
            align: Align::Center,
            ..Style::new(Face::SerifBold, size)
        }
    }

    /// Left-aligned sans bold heading (黑体 role), pitch 1.75 × size.
    pub fn heading(size: f32) -> Style {
        Style {
            line_pitch: size * 1.75,
            ..Style::new(Face::SansBold, size)
        }
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
        Rule {
            thickness,
            colour: Colour::Black,
            length: None,
            space_before: 0.0,
            space_after: 0.0,
        }
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
        Watermark {
            text: text.into(),
            face: Face::Serif,
            size: 20.0,
            grey: 0.87,
            angle: 30.0,
            gap: 18.0,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------

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
        Column {
            title: title.into(),
            width,
            align: Align::Left,
        }
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

// ---------------------------------------------------------------------------------------
// Document
// ---------------------------------------------------------------------------------------

struct Page {
    setup: PageSetup,
    ops: Vec<Op>,
}

/// A PDF being laid out. See the module documentation for an example.
pub struct Document<'f> {
    fonts: &'f Fonts,
    title: String,
    author: String,
    next_setup: PageSetup,
    pages: Vec<Page>,
    /// Cursor: distance of the next content from the top of the current page, pt.
    y: f32,
    used: [bool; 3],
    /// Font resource ids per face. Random like printpdf's own: their first six letters
    /// become the `XXXXXX+` subset tag of the embedded fonts.
    ids: [FontId; 3],
    missing: BTreeSet<char>,
    page_numbers: Option<PageNumbers>,
    watermark: Option<Watermark>,
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
            next_setup: setup,
            pages: vec![Page {
                setup,
                ops: Vec::new(),
            }],
            y: setup.top_pt(),
            used: [false; 3],
            ids: [FontId::new(), FontId::new(), FontId::new()],
            missing: BTreeSet::new(),
            page_numbers: None,
            watermark: None,
        }
    }

    /// PDF author metadata.
    pub fn set_author(&mut self, author: &str) {
        self.author = author.to_string();
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
            self.pages.push(Page {
                setup: self.next_setup,
                ops: Vec::new(),
            });
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
        self.fonts
            .text_width(style.face, style.size, style.letter_spacing, text)
            / PT_PER_MM
    }

    /// Lines `text` takes in `style` across the current text block width.
    pub fn lines(&self, text: &str, style: &Style) -> Vec<BrokenLine> {
        self.break_text(text, style, self.page().setup.content_width_pt())
    }

    /// Height of a paragraph in pt, space before and after included.
    pub fn paragraph_height(&self, text: &str, style: &Style) -> f32 {
        style.space_before
            + self.lines(text, style).len() as f32 * style.line_pitch
            + style.space_after
    }

    /// Lays out a paragraph at the cursor, across pages if needed. `\n` starts a new
    /// paragraph (with the same style and first-line indent).
    pub fn paragraph(&mut self, text: &str, style: &Style) {
        if !self.at_page_top() {
            self.space(style.space_before);
        }
        let lines = self.lines(text, style);
        for line in &lines {
            if self.y + style.line_pitch > self.page().setup.bottom_pt() + EPS
                && !self.at_page_top()
            {
                self.new_page();
            }
            let setup = self.page().setup;
            let indent = if line.first {
                style.indent * style.size
            } else {
                0.0
            };
            let (x, tc) = place_line(
                line,
                style.align,
                setup.left_pt() + indent,
                setup.content_width_pt() - indent,
                style.letter_spacing * style.size,
            );
            let baseline = self.y + baseline_offset(style.line_pitch, style.size);
            self.draw_text(
                &line.text,
                style.face,
                style.size,
                style.colour,
                x,
                baseline,
                tc,
            );
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
        let widths: Vec<f32> = runs
            .iter()
            .map(|(t, st)| {
                self.fonts
                    .text_width(st.face, st.size, st.letter_spacing, t)
            })
            .collect();
        // Letter spacing also separates the last character of a run from the next run.
        let gaps: f32 = runs[..runs.len() - 1]
            .iter()
            .map(|(_, st)| st.letter_spacing * st.size)
            .sum();
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
        let width = self
            .fonts
            .text_width(style.face, style.size, style.letter_spacing, text);
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

    /// Lays out a table at the cursor, across pages: the header row is repeated at the top
    /// of every page, rows are never split, the totals row (if any) is bold.
    pub fn table(&mut self, table: &Table) -> Result<()> {
        let ncol = table.columns.len();
        if ncol == 0 {
            return Err(Error::invalid("表格", "没有列"));
        }
        for (i, row) in table.rows.iter().enumerate() {
            if row.len() != ncol {
                return Err(Error::invalid(
                    "表格",
                    format!("第{}行有{}格，应为{}格", i + 1, row.len(), ncol),
                ));
            }
        }
        if let Some(t) = &table.totals {
            if t.len() != ncol {
                return Err(Error::invalid(
                    "表格",
                    format!("合计行有{}格，应为{}格", t.len(), ncol),
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
        let mut body: Vec<RowLayout> = table
            .rows
            .iter()
            .map(|r| self.layout_row(table, &widths, r, Face::Serif, false))
            .collect();
        if let Some(t) = &table.totals {
            body.push(self.layout_row(table, &widths, t, Face::SerifBold, false));
        }
        let room = setup.bottom_pt() - setup.top_pt() - header_h;
        if let Some((i, _)) = body.iter().enumerate().find(|(_, r)| r.height > room + EPS) {
            return Err(Error::invalid(
                "表格",
                format!("第{}行内容过多，一页放不下，请精简该行文字", i + 1),
            ));
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

    fn layout_row(
        &self,
        table: &Table,
        widths: &[f32],
        cells: &[String],
        face: Face,
        header: bool,
    ) -> RowLayout {
        let pad = mm(table.padding);
        let cells: Vec<Vec<BrokenLine>> = cells
            .iter()
            .zip(widths)
            .map(|(text, w)| {
                let f = self.fonts.face(face);
                break_lines(text, (w - 2.0 * pad).max(table.size), 0.0, 0.0, |c| {
                    f.advance_em(c) * table.size
                })
            })
            .collect();
        let max_lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        RowLayout {
            height: max_lines as f32 * table.line_pitch + pad,
            cells,
            face,
            header,
        }
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
            let align = if row.header {
                Align::Center
            } else {
                table.columns[i].align
            };
            let text_h = lines.len() as f32 * table.line_pitch;
            let mut ly = match table.valign {
                VAlign::Top => top + pad / 2.0,
                VAlign::Middle => top + (row.height - text_h) / 2.0,
            };
            for line in lines {
                let (lx, tc) = place_line(line, align, x + pad, w - 2.0 * pad, 0.0);
                let baseline = ly + baseline_offset(table.line_pitch, table.size);
                self.draw_text(
                    &line.text,
                    row.face,
                    table.size,
                    Colour::Black,
                    lx,
                    baseline,
                    tc,
                );
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

    // -- drawing primitives (y from the top of the page, pt) ------------------------------

    fn page(&self) -> &Page {
        // `pages` is never empty: `new` creates the first page.
        &self.pages[self.pages.len() - 1]
    }

    fn page_mut(&mut self) -> &mut Page {
        let n = self.pages.len();
        &mut self.pages[n - 1]
    }

    fn at_page_top(&self) -> bool {
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
    fn draw_text(
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
        let ops = text_ops(
            items,
            &self.ids[face.index()],
            size,
            colour,
            x,
            h - baseline,
            tc,
            None,
        );
        self.page_mut().ops.extend(ops);
    }

    fn hline(&mut self, x1: f32, x2: f32, y: f32, thickness: f32, colour: Colour) {
        let h = self.page().setup.height_pt();
        let ops = line_ops(&[(x1, h - y), (x2, h - y)], thickness, colour);
        self.page_mut().ops.extend(ops);
    }

    fn vline(&mut self, x: f32, y1: f32, y2: f32, thickness: f32) {
        let h = self.page().setup.height_pt();
        // Extend by half the thickness so the corners close.
        let ops = line_ops(
            &[(x, h - y1 + thickness / 2.0), (x, h - y2 - thickness / 2.0)],
            thickness,
            Colour::Black,
        );
        self.page_mut().ops.extend(ops);
    }

    fn fill_rect(&mut self, x: f32, y: f32, w: f32, hgt: f32, colour: Colour) {
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
        self.missing
            .extend(self.fonts.missing_chars(wm.face, &wm.text));
        self.used[wm.face.index()] = true;
        let w = self.fonts.text_width(wm.face, wm.size, 0.0, &wm.text);
        let hgt = wm.size;
        let (sin, cos) = wm.angle.to_radians().sin_cos();
        // Bounding box of the rotated text relative to its start point (left end of the baseline).
        let corners = [
            (0.0, -0.12 * hgt),
            (w, -0.12 * hgt),
            (0.0, 0.88 * hgt),
            (w, 0.88 * hgt),
        ];
        let rot: Vec<(f32, f32)> = corners
            .iter()
            .map(|&(x, y)| (x * cos - y * sin, x * sin + y * cos))
            .collect();
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
                if box_x < margin / 2.0
                    || box_x + bw > pw - margin / 2.0
                    || box_y < 0.0
                    || box_y + bh > ph
                {
                    continue;
                }
                // Start point = box corner minus the rotated offset of the box minimum.
                let (sx, sy) = (box_x - min_x, box_y - min_y);
                let items = self.fonts.face(wm.face).items(&drawn, wm.size, 0.0);
                ops.extend(text_ops(
                    items,
                    &self.ids[wm.face.index()],
                    wm.size,
                    Colour::Grey(wm.grey),
                    sx,
                    sy,
                    0.0,
                    Some(wm.angle),
                ));
            }
        }
        ops.push(Op::RestoreGraphicsState);
        ops
    }

    fn page_number_ops(&mut self, index: usize, total: usize, setup: PageSetup) -> Vec<Op> {
        let Some(pn) = self.page_numbers.clone() else {
            return Vec::new();
        };
        let text = pn
            .format
            .replace("{page}", &(index + 1).to_string())
            .replace("{pages}", &total.to_string());
        self.missing
            .extend(self.fonts.missing_chars(pn.face, &text));
        self.used[pn.face.index()] = true;
        // Spaces are drawn half an em wide (the half-width space of Chinese fonts; Noto's
        // is 0.224 em), which also makes text extractors read them back as spaces.
        let f = self.fonts.face(pn.face);
        let widen = (0.5 - f.advance_em(' ')).max(0.0);
        let spaces = text.chars().filter(|&c| c == ' ').count() as f32;
        let width = self.fonts.text_width(pn.face, pn.size, 0.0, &text) + spaces * widen * pn.size;
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
        let x = if pn.outside {
            // one character (of the number's size) in from the edge of the text block
            if index % 2 == 0 { left + cw - width - pn.size } else { left + pn.size }
        } else {
            match pn.align {
                Align::Left | Align::Justify => left,
                Align::Center => left + (cw - width) / 2.0,
                Align::Right => left + cw - width,
            }
        };
        let top = (setup.bottom_pt() + mm(pn.offset)).min(setup.height_pt() - pn.size * 1.2);
        let baseline = top + EM_ASCENT * pn.size;
        text_ops(
            items,
            &self.ids[pn.face.index()],
            pn.size,
            Colour::Black,
            x,
            setup.height_pt() - baseline,
            0.0,
            None,
        )
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
                ops.insert(
                    0,
                    Op::BeginMarkedContent {
                        tag: "Artifact".to_string(),
                    },
                );
                ops.push(Op::EndMarkedContent);
            }
            ops.extend(page.ops);
            ops.extend(self.page_number_ops(i, total, page.setup));
            out.push(PdfPage::new(
                Mm(page.setup.width_mm()),
                Mm(page.setup.height_mm()),
                ops,
            ));
        }
        let mut doc = PdfDocument::new(&self.title);
        let now = OffsetDateTime::now_utc();
        let info = &mut doc.metadata.info;
        info.author = self.author.clone();
        info.creator = "评审台 Pingshen".to_string();
        info.producer = "评审台 Pingshen (printpdf 0.12)".to_string();
        info.creation_date = now;
        info.modification_date = now;
        info.metadata_date = now;
        for face in Face::ALL {
            if self.used[face.index()] {
                let font = self.fonts.face(face).font.clone();
                doc.resources
                    .fonts
                    .map
                    .insert(self.ids[face.index()].clone(), PdfFont::new(font));
            }
        }
        doc.with_pages(out);
        doc
    }

    /// Writes the PDF (fonts subset to the glyphs used) into memory.
    pub fn to_bytes(self) -> Result<Vec<u8>> {
        let doc = self.into_pdf();
        let opts = PdfSaveOptions {
            optimize: true,
            subset_fonts: true,
            secure: true,
            image_optimization: None,
        };
        let mut warnings = Vec::new();
        let bytes = doc.save(&opts, &mut warnings);
        let errors: Vec<String> = warnings
            .into_iter()
            .filter(|w| w.severity == PdfParseErrorSeverity::Error)
            .map(|w| w.msg)
            .collect();
        if !errors.is_empty() {
            return Err(Error::Other(format!(
                "生成 PDF 失败：{}",
                errors.join("；")
            )));
        }
        if bytes.is_empty() {
            return Err(Error::Other("生成 PDF 失败：输出为空".to_string()));
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
    let fail = |what: &str, e: std::io::Error| {
        Error::Other(format!(
            "无法保存「{}」：{}（{}）",
            path.display(),
            what,
            io_reason(&e)
        ))
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::invalid("保存位置", format!("「{}」不是文件名", path.display())))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.is_dir() {
        return Err(Error::invalid(
            "保存位置",
            format!("「{}」是一个文件夹，请另选文件名", path.display()),
        ));
    }
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let tmp = dir.join(format!(
        ".{}.{}-{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        stamp
    ));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| fail("无法在该文件夹中创建文件", e))?;
        file.write_all(bytes).map_err(|e| fail("写入失败", e))?;
        file.sync_all().map_err(|e| fail("写入磁盘失败", e))?;
        drop(file);
        std::fs::rename(&tmp, path).map_err(|e| fail("无法替换为最终文件", e))?;
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

fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "文件夹不存在".to_string(),
        K::PermissionDenied => "没有写入权限".to_string(),
        K::ReadOnlyFilesystem => "磁盘或文件夹为只读".to_string(),
        K::StorageFull => "磁盘空间不足".to_string(),
        K::NotADirectory => "路径中有一部分不是文件夹".to_string(),
        K::IsADirectory => "目标是一个文件夹".to_string(),
        K::AlreadyExists => "文件已存在".to_string(),
        _ => format!("系统错误：{e}"),
    }
}

/// Baseline offset from the top of a line box of height `pitch` with the em box of `size`
/// centred in it.
fn baseline_offset(pitch: f32, size: f32) -> f32 {
    (pitch - size) / 2.0 + EM_ASCENT * size
}

/// Start x and character spacing (Tc, pt) of a line in a box `[left, left + width]`.
fn place_line(line: &BrokenLine, align: Align, left: f32, width: f32, spacing: f32) -> (f32, f32) {
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

/// Resolves column widths (pt) within `avail` pt.
fn column_widths(columns: &[Column], avail: f32) -> Result<Vec<f32>> {
    let fixed: f32 = columns
        .iter()
        .map(|c| {
            if let ColWidth::Mm(w) = c.width {
                mm(w)
            } else {
                0.0
            }
        })
        .sum();
    let fr: f32 = columns
        .iter()
        .map(|c| {
            if let ColWidth::Fr(f) = c.width {
                f.max(0.0)
            } else {
                0.0
            }
        })
        .sum();
    if fixed > avail + EPS {
        return Err(Error::invalid(
            "表格列宽",
            format!(
                "固定列宽合计 {:.1} 毫米，超过版心宽度 {:.1} 毫米",
                fixed / PT_PER_MM,
                avail / PT_PER_MM
            ),
        ));
    }
    let rest = avail - fixed;
    if fr > 0.0 && rest < mm(5.0) {
        return Err(Error::invalid(
            "表格列宽",
            "固定列太宽，按比例分配的列没有剩余宽度",
        ));
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

/// Ops for one run of text; `x`, `y` = start of the baseline in PDF coordinates (pt from
/// the bottom-left corner); `angle` rotates counter-clockwise around that point.
#[allow(clippy::too_many_arguments)]
fn text_ops(
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
        Op::SetFont {
            font: PdfFontHandle::External(font.clone()),
            size: Pt(size),
        },
        Op::SetFillColor { col: colour.pdf() },
        Op::SetCharacterSpacing { multiplier: tc },
        Op::SetTextMatrix { matrix },
        Op::ShowText { items },
        Op::EndTextSection,
    ]
}

fn line_ops(points: &[(f32, f32)], thickness: f32, colour: Colour) -> Vec<Op> {
    let line = PdfLine {
        points: points
            .iter()
            .map(|&(x, y)| LinePoint {
                p: Point { x: Pt(x), y: Pt(y) },
                bezier: false,
            })
            .collect(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;
    use std::sync::OnceLock;

    // -- pure line breaking -----------------------------------------------------------------

    /// CJK = 1 unit, anything else 0.5.
    fn unit(c: char) -> f32 {
        if is_cjk(c) {
            1.0
        } else {
            0.5
        }
    }

    fn texts(lines: &[BrokenLine]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn breaks_cjk_anywhere() {
        let l = break_lines("一二三四五六七八九十一二三", 10.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八九十", "一二三"]);
        assert!(l[0].first && !l[0].last && !l[1].first && l[1].last);
        assert_eq!(l[0].width, 10.0);
    }

    #[test]
    fn closing_punctuation_pulls_previous_char_down() {
        let l = break_lines("一二三四五六七八九十。", 10.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八九", "十。"]);
        let l = break_lines("一二三四五六七八九十。”后文", 10.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八九", "十。”后文"]);
        for p in [
            "，", "。", "、", "；", "：", "？", "！", "）", "」", "》", "”", "’",
        ] {
            let l = break_lines(&format!("一二三四五六七八九十{p}一"), 10.0, 0.0, 0.0, unit);
            assert_eq!(
                texts(&l),
                ["一二三四五六七八九", &format!("十{p}一")],
                "{p}"
            );
        }
    }

    #[test]
    fn a_lone_last_character_gets_company() {
        // 「十。」 alone would be one character on the last line: 「九」 comes down with it.
        let mut l = break_lines("一二三四五六七八九十。", 10.0, 0.0, 0.0, unit);
        avoid_lone_last_characters(&mut l, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八", "九十。"]);
        assert_eq!((l[0].width, l[1].width), (8.0, 3.0));
        // two characters on the last line are fine; so is a one-line paragraph
        let mut l = break_lines("一二三四五六七八九十一二", 10.0, 0.0, 0.0, unit);
        avoid_lone_last_characters(&mut l, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八九十", "一二"]);
        let mut l = break_lines("下。", 10.0, 0.0, 0.0, unit);
        avoid_lone_last_characters(&mut l, 0.0, unit);
        assert_eq!(texts(&l), ["下。"]);
        // per paragraph: only the paragraph whose last line is lonely changes
        let mut l = break_lines("一二三四五六七八九十一\n一二三四五六七八九十一二", 10.0, 0.0, 0.0, unit);
        avoid_lone_last_characters(&mut l, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八九", "十一", "一二三四五六七八九十", "一二"]);
        // a line never starts with closing punctuation after the move (whole clusters move)
        let mut l = break_lines("一二三四五六七八九，十。", 10.0, 0.0, 0.0, unit);
        avoid_lone_last_characters(&mut l, 0.0, unit);
        assert!(l.iter().all(|x| !x.text.starts_with('，') && !x.text.starts_with('。')), "{:?}", texts(&l));
    }

    #[test]
    fn opening_punctuation_moves_down() {
        let l = break_lines("一二三四五六七八九《十》", 10.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八九", "《十》"]);
        for p in ["（", "「", "《", "“", "‘"] {
            let l = break_lines(&format!("一二三四五六七八九{p}十"), 10.0, 0.0, 0.0, unit);
            assert_eq!(texts(&l), ["一二三四五六七八九", &format!("{p}十")], "{p}");
        }
    }

    #[test]
    fn latin_breaks_at_spaces_and_long_words_are_cut() {
        // "ab cd" = 1 + .5 + 1 = 2.5; adding " ef" would make 4.
        let l = break_lines("ab cd ef", 3.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["ab cd", "ef"]);
        let l = break_lines("abcdefghij", 2.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["abcd", "efgh", "ij"]);
        // Mixed: a number stays whole, CJK may break around it.
        let l = break_lines("金额12345万元", 5.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["金额12345", "万元"]);
    }

    #[test]
    fn indent_spacing_and_hard_breaks() {
        let l = break_lines("一二三四五六七八九十一二", 10.0, 2.0, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八", "九十一二"]);
        // Letter spacing 0.5 between chars: 7 chars = 7 + 3 = 10.
        let l = break_lines("一二三四五六七八", 10.0, 0.0, 0.5, unit);
        assert_eq!(texts(&l), ["一二三四五六七", "八"]);
        let l = break_lines("第一段\n\n第三段", 10.0, 2.0, 0.0, unit);
        assert_eq!(texts(&l), ["第一段", "", "第三段"]);
        assert!(l.iter().all(|x| x.first && x.last));
        assert_eq!(texts(&break_lines("", 10.0, 0.0, 0.0, unit)), [""]);
    }

    #[test]
    fn dashes_and_ellipses_stay_together() {
        let l = break_lines("一二三四五六七八九——十", 10.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八九", "——十"]);
        let l = break_lines("一二三四五六七八九……", 10.0, 0.0, 0.0, unit);
        assert_eq!(texts(&l), ["一二三四五六七八九", "……"]);
    }

    proptest::proptest! {
        #[test]
        fn breaking_keeps_text_and_rules(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "评", "审", "委员会", "项目", "，", "。", "、", "；", "：", "？", "！",
                    "（", "）", "《", "》", "“", "”", "‘", "’", "「", "」", "2025", "年", "ABC", " ",
                ]),
                0..80,
            ),
            width in 6u32..30,
        ) {
            let text: String = pieces.concat();
            let width = width as f32;
            // Only a piece wider than a line may break the rules (it is cut anywhere).
            let widest = clusters(&text)
                .iter()
                .map(|c| c.chars.iter().map(|&ch| unit(ch)).sum::<f32>())
                .fold(0.0, f32::max);
            proptest::prop_assume!(widest <= width - 2.0);
            let lines = break_lines(&text, width, 2.0, 0.0, unit);
            // Nothing lost but spaces at breaks.
            let joined: String = lines.iter().map(|l| l.text.as_str()).collect::<String>();
            let strip = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
            proptest::prop_assert_eq!(strip(&joined), strip(&text));
            for (i, l) in lines.iter().enumerate() {
                let avail = if l.first { width - 2.0 } else { width };
                proptest::prop_assert!(l.width <= avail + 0.001, "line {} too wide: {:?}", i, l);
                if let Some(c) = l.text.chars().next() {
                    proptest::prop_assert!(i == 0 || !no_start(c), "line starts with {}: {:?}", c, lines);
                }
                if let Some(c) = l.text.chars().last() {
                    proptest::prop_assert!(l.last || !no_end(c), "line ends with {}: {:?}", c, lines);
                }
                proptest::prop_assert!(!l.text.starts_with(' ') || i == 0);
            }
        }
    }

    // -- PDF output -------------------------------------------------------------------------

    fn fonts() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            Fonts::load(Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../assets"
            )))
            .expect("fonts")
        })
    }

    /// Runs an external tool; `None` (with a note) when it is not installed.
    fn tool(name: &str, args: &[&str]) -> Option<std::process::Output> {
        match Command::new(name).args(args).output() {
            Ok(out) => Some(out),
            Err(_) => {
                eprintln!("note: {name} not installed, check skipped");
                None
            }
        }
    }

    fn pdftotext(path: &Path, page: Option<usize>, extra: &[&str]) -> Option<String> {
        let p = page.map(|p| p.to_string());
        let mut args: Vec<&str> = extra.to_vec();
        if let Some(p) = &p {
            args.extend(["-f", p, "-l", p]);
        }
        let path = path.to_str().expect("utf-8 path");
        args.extend([path, "-"]);
        let out = tool("pdftotext", &args)?;
        assert!(
            out.status.success(),
            "pdftotext failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(String::from_utf8(out.stdout).expect("utf-8"))
    }

    fn squash(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    const PARA: &str =
        "为深入实施创新驱动发展战略，表彰在科学技术进步活动中做出突出贡献的单位和个人，\
        根据《科学技术奖励办法》（以下简称“办法”）的规定，经评审委员会评审、监督委员会审核，\
        现将2025年度拟授奖项目予以公示。公示期为7个工作日，自公布之日起计算；对公示项目有异议的，\
        请于公示期内以书面形式提出——逾期不予受理……";

    fn sample(fonts: &Fonts, rows: usize) -> Document<'_> {
        let setup = PageSetup::official();
        let mut doc = Document::new(fonts, "关于2025年度科学技术奖拟授奖项目的公示", setup);
        doc.paragraph(
            "某某市科学技术奖励委员会文件",
            &Style::title(zihao::YI).colour(Colour::Red).spacing(0.05),
        );
        doc.rule(&Rule::new(1.5).colour(Colour::Red).before(6.0).after(18.0));
        doc.paragraph(
            "关于2025年度科学技术奖\n拟授奖项目的公示",
            &Style::title(zihao::ER).pitch(34.0).after(16.0),
        );
        let body = Style::body(zihao::SAN).pitch(setup.pitch_for_lines(22));
        doc.runs(
            &[
                ("发文字号：", &Style::new(Face::SansBold, zihao::SAN)),
                ("某奖委〔2025〕12号", &Style::new(Face::Serif, zihao::SAN)),
            ],
            Align::Right,
        );
        doc.paragraph("各有关单位：", &body.clone().indent(0.0));
        doc.paragraph(PARA, &body);
        doc.paragraph(
            "一、拟授奖项目名单",
            &Style::heading(zihao::SAN)
                .pitch(setup.pitch_for_lines(22))
                .indent(2.0),
        );
        let mut t = Table::new(vec![
            Column::new("序号", ColWidth::Mm(13.0)).center(),
            Column::new("项目名称", ColWidth::Fr(2.0)),
            Column::new("完成单位", ColWidth::Fr(1.4)),
            Column::new("奖励金额（万元）", ColWidth::Mm(24.0)).right(),
        ]);
        for i in 1..=rows {
            let name = if i % 4 == 0 {
                format!("第{i}号项目：复杂地质条件下深大基坑变形控制关键技术研究与工程应用")
            } else {
                format!("第{i}号项目：智能评审系统研究")
            };
            t.row([
                i.to_string(),
                name,
                "某某大学、某某研究院".to_string(),
                format!("{}.50", i * 3),
            ]);
        }
        t.total(["", "合计", "", "123.50"]);
        doc.table(&t).expect("table");
        doc.space(12.0);
        doc.paragraph_together(
            "某某市科学技术奖励委员会\n2025年12月1日",
            &Style::new(Face::Serif, zihao::SAN)
                .align(Align::Right)
                .pitch(28.99),
        );
        doc.set_page_numbers(Some(PageNumbers::default()));
        doc.set_watermark(Some(Watermark::new("张三  内部资料 注意保密")));
        doc
    }

    #[test]
    fn sample_document_end_to_end() {
        let fonts = fonts();
        let t0 = std::time::Instant::now();
        let doc = sample(fonts, 60);
        assert!(doc.missing_chars().is_empty(), "{:?}", doc.missing_chars());
        let pages = doc.page_count();
        let bytes = doc.to_bytes().expect("pdf");
        let elapsed = t0.elapsed();
        eprintln!(
            "sample: {pages} pages, {} bytes, laid out and written in {elapsed:?}",
            bytes.len()
        );
        assert!(pages >= 3, "table should span 3+ pages, got {pages}");
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sample.pdf");
        std::fs::write(&path, &bytes).expect("write");
        if let Some(p) = std::env::var_os("PINGSHEN_SAMPLE_PDF") {
            std::fs::write(p, &bytes).expect("write sample");
        }

        // Text in order (diagonal watermark text excluded).
        if let Some(all) = pdftotext(&path, None, &["-nodiag"]) {
            let all = squash(&all);
            let mut pos = 0;
            for expect in [
                "某某市科学技术奖励委员会文件",
                "关于2025年度科学技术奖",
                "拟授奖项目的公示",
                "各有关单位：",
                &squash(PARA),
                "一、拟授奖项目名单",
                "序号",
                "第1号项目：智能评审系统研究",
                "第60号项目",
                "合计",
                "123.50",
                "2025年12月1日",
            ] {
                let at = all[pos..]
                    .find(expect)
                    .unwrap_or_else(|| panic!("「{expect}」 not found in order in:\n{all}"));
                pos += at + expect.len();
            }
            assert!(!all.contains("内部资料"), "watermark must be diagonal");
        }
        // Header repeated, page numbers, watermark on every page.
        let mut table_pages = 0;
        for page in 1..=pages {
            let Some(text) = pdftotext(&path, Some(page), &["-nodiag"]) else {
                break;
            };
            let squashed = squash(&text);
            if squashed.contains("号项目") {
                table_pages += 1;
                // Reading order of table cells is up to pdftotext's column detection: check each title.
                for title in ["序号", "项目名称", "完成单位", "奖励金额（万元）"]
                {
                    assert!(
                        squashed.contains(title),
                        "page {page} lacks header 「{title}」:\n{text}"
                    );
                }
            }
            assert!(
                text.contains(&format!("第 {page} 页 共 {pages} 页")),
                "page {page} number:\n{text}"
            );
            // The diagonal watermark comes out one character per line in -raw mode.
            let raw = squash(&pdftotext(&path, Some(page), &["-raw"]).unwrap_or_default());
            assert!(
                raw.contains("张三内部资料注意保密"),
                "page {page} watermark:\n{raw}"
            );
        }
        if tool("pdftotext", &["-v"]).is_some() {
            assert!(table_pages >= 3, "table on {table_pages} pages");
        }
        // Fonts embedded and subset.
        if let Some(out) = tool("pdffonts", &[path.to_str().expect("path")]) {
            let s = String::from_utf8_lossy(&out.stdout);
            let rows: Vec<&str> = s.lines().skip(2).collect();
            assert!(rows.len() >= 3, "{s}");
            for r in rows {
                let cols: Vec<&str> = r.split_whitespace().collect();
                assert!(cols[0].contains('+'), "subset tag: {r}");
                let n = cols.len();
                assert_eq!(
                    &cols[n - 5..n - 2],
                    ["yes", "yes", "yes"],
                    "emb/sub/uni: {r}"
                );
            }
        }
        if let Some(out) = tool("qpdf", &["--check", path.to_str().expect("path")]) {
            assert!(
                out.status.success(),
                "qpdf --check: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        if let Some(out) = tool("pdfinfo", &[path.to_str().expect("path")]) {
            let s = String::from_utf8_lossy(&out.stdout);
            assert!(
                s.contains("关于2025年度科学技术奖拟授奖项目的公示"),
                "title: {s}"
            );
        }
    }

    #[test]
    fn landscape_funding_table() {
        let fonts = fonts();
        let mut doc = Document::new(
            fonts,
            "经费分配表",
            PageSetup::a4_landscape(Margins {
                top: 20.0,
                bottom: 20.0,
                left: 15.0,
                right: 15.0,
            }),
        );
        doc.paragraph(
            "2025年度科学技术奖奖金分配表",
            &Style::title(zihao::XIAO_ER).after(8.0),
        );
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
        doc.set_page_numbers(Some(PageNumbers {
            format: "— {page} —".to_string(),
            ..PageNumbers::default()
        }));
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
    fn no_trailing_blank_page() {
        let fonts = fonts();
        let setup = PageSetup::official();
        let style = Style::body(zihao::SAN)
            .indent(0.0)
            .pitch(setup.pitch_for_lines(22))
            .after(10.0);
        let mut doc = Document::new(fonts, "x", setup);
        // Exactly one full page, then space after: the cursor moves to a new, empty page.
        doc.paragraph(&"国".repeat(27 * 22), &style);
        assert_eq!(doc.page_count(), 1);
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("one.pdf");
        doc.save_atomic(&path).expect("save");
        if let Some(out) = tool("pdfinfo", &[path.to_str().expect("path")]) {
            let info = String::from_utf8_lossy(&out.stdout).to_string();
            assert!(
                info.lines()
                    .any(|l| l.starts_with("Pages:") && l.ends_with(" 1")),
                "{info}"
            );
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
        let style = Style::body(size)
            .pitch(pitch)
            .indent(0.0)
            .spacing(setup.spacing_for_chars(size, 28));
        let doc = Document::new(fonts, "grid", setup);
        let text: String = "国".repeat(28 * 50);
        let lines = doc.lines(&text, &style);
        assert!(
            lines.iter().all(|l| l.text.chars().count() == 28),
            "{:?}",
            lines[0]
        );
        // 50 lines = 22 + 22 + 6.
        let mut doc = Document::new(fonts, "grid", setup);
        doc.paragraph(&text, &style);
        assert_eq!(doc.page_count(), 3);
        assert!((doc.cursor_mm() - (37.0 + 6.0 * pitch / PT_PER_MM)).abs() < 0.01);
    }

    #[test]
    fn table_rows_never_split_and_widths_checked() {
        let fonts = fonts();
        let mut doc = Document::new(fonts, "t", PageSetup::a4_landscape(Margins::uniform(15.0)));
        let mut t = Table::new(vec![
            Column::new("甲", ColWidth::Mm(200.0)),
            Column::new("乙", ColWidth::Mm(100.0)),
        ]);
        t.row(["1", "2"]);
        let e = doc.table(&t).expect_err("too wide");
        assert!(e.to_string().contains("超过版心宽度"), "{e}");
        let mut t = Table::new(vec![Column::new("甲", ColWidth::Fr(1.0))]);
        t.row(["1", "2"]);
        assert!(doc
            .table(&t)
            .expect_err("cells")
            .to_string()
            .contains("第1行有2格，应为1格"));
        let mut t = Table::new(vec![Column::new("甲", ColWidth::Mm(20.0))]);
        t.row(["很长".repeat(400)]);
        assert!(doc
            .table(&t)
            .expect_err("tall")
            .to_string()
            .contains("一页放不下"));
    }

    #[test]
    fn missing_font_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = Fonts::load(dir.path()).expect_err("no fonts");
        let msg = e.to_string();
        assert!(msg.starts_with("缺少字体文件 "), "{msg}");
        assert!(
            msg.contains("fonts/NotoSerifSC-Regular-subset.otf"),
            "{msg}"
        );
        assert!(msg.contains("请重新安装或设置 PINGSHEN_ASSETS"), "{msg}");
        // A corrupt file is named too.
        std::fs::create_dir(dir.path().join("fonts")).expect("mkdir");
        for f in Face::ALL {
            std::fs::write(dir.path().join("fonts").join(f.file_name()), b"not a font")
                .expect("write");
        }
        let msg = Fonts::load(dir.path()).expect_err("corrupt").to_string();
        assert!(
            msg.contains("已损坏") || msg.contains("不含常用汉字"),
            "{msg}"
        );
    }

    #[test]
    fn unwritable_path_leaves_nothing() {
        let fonts = fonts();
        let dir = tempfile::tempdir().expect("tempdir");
        let blocker = dir.path().join("not-a-dir");
        std::fs::write(&blocker, b"x").expect("write");
        for target in [
            dir.path().join("missing").join("a.pdf"),
            blocker.join("a.pdf"),
        ] {
            let mut doc = Document::new(fonts, "x", PageSetup::official());
            doc.paragraph("内容", &Style::body(zihao::SAN));
            let msg = doc
                .save_atomic(&target)
                .expect_err("unwritable")
                .to_string();
            assert!(
                msg.contains("无法保存") && msg.contains("无法在该文件夹中创建文件"),
                "{msg}"
            );
            assert!(!target.exists());
        }
        // Target is a directory: refused, directory untouched, no temp files left.
        let sub = dir.path().join("sub.pdf");
        std::fs::create_dir(&sub).expect("mkdir");
        let doc = Document::new(fonts, "x", PageSetup::official());
        let msg = doc.save_atomic(&sub).expect_err("dir").to_string();
        assert!(msg.contains("文件夹"), "{msg}");
        assert!(sub.is_dir());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("ls")
            .map(|e| e.expect("e").file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        // And a normal save replaces an existing file atomically.
        let ok = dir.path().join("ok.pdf");
        std::fs::write(&ok, b"old").expect("write");
        let mut doc = Document::new(fonts, "x", PageSetup::official());
        doc.paragraph("内容", &Style::body(zihao::SAN));
        doc.save_atomic(&ok).expect("save");
        assert!(std::fs::read(&ok).expect("read").starts_with(b"%PDF-"));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("ls")
            .map(|e| e.expect("e").file_name())
            .collect();
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
