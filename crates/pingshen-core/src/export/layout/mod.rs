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
//! The layer is split by concern: `fonts` (the faces and their metrics), `text` (the pure line
//! breaker), `style` (colours, alignment, paragraph styles), `page` (page geometry, rules, page
//! numbers, watermark), `table` (columns, tables and their heights), `document` (the document
//! being laid out, drawing, atomic writes), and `draw` (the content-stream operations they
//! share). Everything public is re-exported here.
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

mod document;
mod draw;
mod fonts;
mod image;
mod page;
mod style;
mod table;
#[cfg(test)]
mod test_support;
mod text;

pub use document::{write_atomic, Document};
pub use fonts::{assets_dir, Face, Fonts};
pub use image::Image;
pub use page::{Margins, Orientation, PageNumbers, PageSetup, Rule, Watermark};
pub use style::{Align, Colour, Style};
pub use table::{ColWidth, Column, Table, VAlign};
pub use text::{avoid_lone_last_characters, break_lines, is_cjk, BrokenLine, NO_LINE_END, NO_LINE_START};

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

#[cfg(test)]
mod tests {
    use super::test_support::{fonts, pdftotext, squash, tool};
    use super::*;

    const PARA: &str = "为深入实施创新驱动发展战略，表彰在科学技术进步活动中做出突出贡献的单位和个人，\
        根据《科学技术奖励办法》（以下简称“办法”）的规定，经评审委员会评审、监督委员会审核，\
        现将2025年度拟授奖项目予以公示。公示期为7个工作日，自公布之日起计算；对公示项目有异议的，\
        请于公示期内以书面形式提出——逾期不予受理……";

    fn sample(fonts: &Fonts, rows: usize) -> Document<'_> {
        let setup = PageSetup::official();
        let mut doc = Document::new(fonts, "关于2025年度科学技术奖拟授奖项目的公示", setup);
        doc.paragraph("某某市科学技术奖励委员会文件", &Style::title(zihao::YI).colour(Colour::Red).spacing(0.05));
        doc.rule(&Rule::new(1.5).colour(Colour::Red).before(6.0).after(18.0));
        doc.paragraph("关于2025年度科学技术奖\n拟授奖项目的公示", &Style::title(zihao::ER).pitch(34.0).after(16.0));
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
        doc.paragraph("一、拟授奖项目名单", &Style::heading(zihao::SAN).pitch(setup.pitch_for_lines(22)).indent(2.0));
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
            t.row([i.to_string(), name, "某某大学、某某研究院".to_string(), format!("{}.50", i * 3)]);
        }
        t.total(["", "合计", "", "123.50"]);
        doc.table(&t).expect("table");
        doc.space(12.0);
        doc.paragraph_together(
            "某某市科学技术奖励委员会\n2025年12月1日",
            &Style::new(Face::Serif, zihao::SAN).align(Align::Right).pitch(28.99),
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
        eprintln!("sample: {pages} pages, {} bytes, laid out and written in {elapsed:?}", bytes.len());
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
                let at =
                    all[pos..].find(expect).unwrap_or_else(|| panic!("「{expect}」 not found in order in:\n{all}"));
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
                for title in ["序号", "项目名称", "完成单位", "奖励金额（万元）"] {
                    assert!(squashed.contains(title), "page {page} lacks header 「{title}」:\n{text}");
                }
            }
            assert!(text.contains(&format!("第 {page} 页 共 {pages} 页")), "page {page} number:\n{text}");
            // The diagonal watermark comes out one character per line in -raw mode.
            let raw = squash(&pdftotext(&path, Some(page), &["-raw"]).unwrap_or_default());
            assert!(raw.contains("张三内部资料注意保密"), "page {page} watermark:\n{raw}");
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
                assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "emb/sub/uni: {r}");
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
            assert!(s.contains("关于2025年度科学技术奖拟授奖项目的公示"), "title: {s}");
        }
    }
}
