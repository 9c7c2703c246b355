//! The printed documents, built on the layout layer ([`super::layout`]): the dossier for reading
//! (one, or all of an expert's as one package), the expert's score sheet for panel meetings, the
//! results, the publicity list 公示名单, the award notice 通报 after GB/T 9704-2012 and the
//! funding table 经费表.
//!
//! [`PdfExporter`] holds the loaded fonts; every method reads through the [`Desk`] as the local
//! secretariat (like [`super::xlsx`]) and returns the PDF's bytes, or refuses — before anything
//! is laid out — when the data the document needs does not exist yet (no publicity, not
//! published, no funding line). [`super::layout::write_atomic`] writes the bytes.
//!
//! The issuing body (red header, signature, where objections go, contact lines) comes from
//! `assets/issuer.toml` ([`load_issuer`]), never from code.
//!
//! One module per document: `dossier` (the dossier for reading and an expert's package),
//! `score_sheet`, `results`, `publicity`, `notice` (with [`NOTICE_LINES_PER_PAGE`]) and
//! `funding`; `issuer` reads `assets/issuer.toml`; `common` holds what several documents share
//! (page setups, keep-together and widow control for tables, signature blocks).

use std::path::{Path, PathBuf};

use super::layout::{assets_dir, Document, Fonts, PageNumbers, PageSetup};
use crate::desk::{Desk, FeedbackLetter, FeedbackLetters, Invitations, ReturnNotice, SealImage};
use crate::error::Result;

mod common;
mod contents;
mod dossier;
mod funding;
mod invitation;
mod issuer;
mod letter;
mod letters;
mod meeting;
mod notice;
mod publicity;
mod results;
mod results_robustness;
mod score_sheet;

pub use common::{NOTICE_CHARS_PER_LINE, NOTICE_LINES_PER_PAGE};
pub use contents::{archive_date, ContentsEntry};
pub use issuer::{load_issuer, Issuer, Plan, ISSUER_FILE};
pub use letter::{LETTER_FOOT_RULE_MM, LETTER_HEAD_TOP_MM, LETTER_RULE_MM, SEAL_MM};
pub use letters::{letter_number, previous_line};

/// Builds every printed document; holds the loaded fonts (load once, export many).
pub struct PdfExporter {
    fonts: Fonts,
    assets: PathBuf,
}

impl std::fmt::Debug for PdfExporter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfExporter").field("assets", &self.assets).finish_non_exhaustive()
    }
}

impl PdfExporter {
    /// Loads the fonts from `<assets_dir>/fonts/`; a missing font file is an error naming it.
    /// `assets/issuer.toml` is read when a document needs it (publicity list, notice).
    pub fn load(assets_dir: &Path) -> Result<PdfExporter> {
        Ok(PdfExporter { fonts: Fonts::load(assets_dir)?, assets: assets_dir.to_path_buf() })
    }

    /// [`PdfExporter::load`] from [`assets_dir`].
    pub fn load_default() -> Result<PdfExporter> {
        PdfExporter::load(&assets_dir())
    }

    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// The issuing body of `assets/issuer.toml`.
    pub fn issuer(&self) -> Result<Issuer> {
        load_issuer(&self.assets)
    }

    fn doc(&self, title: &str, setup: PageSetup) -> Document<'_> {
        let mut doc = Document::new(&self.fonts, title, setup);
        doc.set_author("秘书处");
        doc.set_page_numbers(Some(PageNumbers::default()));
        doc
    }

    /// (1) One dossier for reading: cover, unit and contact, indicators with the derived
    /// ratios, the four narratives, the attachment list with SHA-256, and a blank score sheet
    /// of the dossier's rubric with signature and date; `reader`'s name in the watermark of
    /// every page.
    pub fn dossier(&self, desk: &Desk, year: Option<i32>, dossier_id: i64, reader: &str) -> Result<Vec<u8>> {
        stamped(desk, self.dossier_doc(desk, year, dossier_id, reader)?)
    }

    /// (1) All of an expert's assigned (not recused) dossiers as one PDF: a contents page, then
    /// each dossier from a new page; the expert's name in the watermark. `progress(done, total)`
    /// is called after each dossier is laid out.
    pub fn expert_dossiers(
        &self,
        desk: &Desk,
        year: Option<i32>,
        expert: &str,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Vec<u8>> {
        stamped(desk, self.expert_dossiers_doc(desk, year, expert, progress)?)
    }

    /// (2) The expert's dossiers × criteria grid (landscape) for panel meetings, one table per
    /// award, with the submitted sheets' scores and totals; pending sheets are left blank to
    /// fill in by hand; signature box.
    pub fn score_sheet(&self, desk: &Desk, year: Option<i32>, expert: &str) -> Result<Vec<u8>> {
        stamped(desk, self.score_sheet_doc(desk, year, expert)?)
    }

    /// (3) Every expert's total per dossier, aggregate, mean, median, rank, grade and flags,
    /// one table per award (landscape).
    pub fn results(&self, desk: &Desk, year: Option<i32>) -> Result<Vec<u8>> {
        stamped(desk, self.results_doc(desk, year)?)
    }

    /// (4) The publicity list 公示名单: title, preamble, the period and how and until when to
    /// object (real name and contact; the issuer's address, phone and e-mail), the list,
    /// issuing body and date. Refused before the publicity has been opened.
    pub fn publicity_list(&self, desk: &Desk, year: Option<i32>) -> Result<Vec<u8>> {
        stamped(desk, self.publicity_list_doc(desk, year)?)
    }

    /// (5) The award notice 通报 after GB/T 9704-2012: red issuing-body header, document number,
    /// red rule, title, addressee, body, the pilot and post-subsidy lists with amounts, the
    /// units commended and criticised, signature and date. Refused before publication.
    pub fn notice(&self, desk: &Desk, year: Option<i32>) -> Result<Vec<u8>> {
        stamped(desk, self.notice_doc(desk, year)?)
    }

    /// (4) with the seal (issue 19): the publicity list with `seal` over its signature and date.
    pub fn publicity_list_sealed(&self, desk: &Desk, year: Option<i32>, seal: &SealImage) -> Result<Vec<u8>> {
        stamped(desk, self.publicity_list_doc_sealed(desk, year, Some(&letter::seal_image(seal)))?)
    }

    /// (5) with the seal (issue 19): the award notice with `seal` over its signature and date.
    pub fn notice_sealed(&self, desk: &Desk, year: Option<i32>, seal: &SealImage) -> Result<Vec<u8>> {
        stamped(desk, self.notice_doc_sealed(desk, year, Some(&letter::seal_image(seal)))?)
    }

    /// (7) Feedback letters (issue 19): the letters of `set` (all, or only the one at `only`) in
    /// one PDF, each from a new page, with the seal when given.
    pub fn feedback_letters(
        &self,
        desk: &Desk,
        set: &FeedbackLetters,
        only: Option<usize>,
        seal: Option<&SealImage>,
    ) -> Result<Vec<u8>> {
        let issuer = self.issuer()?;
        let seal = seal.map(letter::seal_image);
        let title = format!("{}年度评审意见反馈函", set.year);
        let mut doc = self.letters_doc(&title, &issuer);
        let issued = set.published_on.unwrap_or_else(|| chrono::Local::now().date_naive());
        let picked: Vec<&FeedbackLetter> = match only {
            Some(i) => set.letters.get(i).into_iter().collect(),
            None => set.letters.iter().collect(),
        };
        for (i, l) in picked.iter().enumerate() {
            self.feedback_letter_into(&mut doc, &issuer, l, set.doc_number.as_deref(), issued, seal.as_ref(), i == 0)?;
        }
        stamped(desk, doc)
    }

    /// (8) Correction notices (issue 19): the given notices in one PDF, each from a new page.
    pub fn return_notices(&self, desk: &Desk, notices: &[ReturnNotice], seal: Option<&SealImage>) -> Result<Vec<u8>> {
        let issuer = self.issuer()?;
        let seal = seal.map(letter::seal_image);
        let year = notices.first().map(|n| n.year).unwrap_or_default();
        let mut doc = self.letters_doc(&format!("{year}年度申报材料补正通知"), &issuer);
        let c = desk.campaign(Some(year))?;
        for (i, n) in notices.iter().enumerate() {
            self.return_notice_into(&mut doc, &issuer, n, c.doc_number.as_deref(), seal.as_ref(), i == 0)?;
        }
        stamped(desk, doc)
    }

    /// (9) Invitations (issue 19): the invitations of `set` (all, or only the one at `only`) in
    /// one PDF, each from a new page with the pledge after it, with the seal when given.
    pub fn invitations(
        &self,
        desk: &Desk,
        set: &Invitations,
        only: Option<usize>,
        seal: Option<&SealImage>,
    ) -> Result<Vec<u8>> {
        let issuer = self.issuer()?;
        let seal = seal.map(letter::seal_image);
        let mut doc = self.letters_doc(&format!("{}年度评审邀请函", set.year), &issuer);
        let issued = chrono::Local::now().date_naive();
        let picked: Vec<_> = match only {
            Some(i) => set.letters.get(i).into_iter().collect(),
            None => set.letters.iter().collect(),
        };
        for (i, l) in picked.iter().enumerate() {
            self.invitation_into(&mut doc, &issuer, set, l, issued, seal.as_ref(), i == 0)?;
        }
        stamped(desk, doc)
    }

    /// (6) The funding table 经费表 in 万元 (landscape): one row per funding line, totals row,
    /// then the budget and what remains of it. Refused before any funding line exists.
    pub fn funding_table(&self, desk: &Desk, year: Option<i32>) -> Result<Vec<u8>> {
        stamped(desk, self.funding_table_doc(desk, year)?)
    }

    /// (7) The panel meeting's ballots 表决票 (issue 18): one page per member, the items they
    /// must leave printed 「回避」 without boxes. Refused for a year without a meeting.
    pub fn ballots(&self, desk: &Desk, year: Option<i32>) -> Result<Vec<u8>> {
        stamped(desk, self.ballots_doc(desk, year)?)
    }

    /// (7) The panel meeting's minutes 会议纪要 with a signature page. Refused before it opens.
    pub fn minutes(&self, desk: &Desk, year: Option<i32>) -> Result<Vec<u8>> {
        stamped(desk, self.minutes_doc(desk, year)?)
    }
}

/// The document's bytes with the audit-log head it was made at in its keywords.
fn stamped(desk: &Desk, mut doc: Document<'_>) -> Result<Vec<u8>> {
    doc.set_keywords(super::head_keyword(desk)?);
    doc.to_bytes()
}

/// Number of pages of a PDF this module wrote (the `/Count` of its page tree).
pub fn page_count(pdf: &[u8]) -> Option<usize> {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let at = find(pdf, b"/Type/Pages")?;
    let dict = &pdf[at..pdf.len().min(at + 256)];
    let c = find(dict, b"/Count")? + "/Count".len();
    let digits: String = dict[c..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| b as char)
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Award;

    /// Every character of every document (demo data, issuer.toml, the fixed texts) is in the
    /// bundled fonts: nothing prints as an empty box.
    #[test]
    fn every_document_prints_every_character() {
        let dir = tempfile::tempdir().expect("tempdir");
        let desk = Desk::open_in_memory().expect("desk");
        crate::demo::run_demo(&desk, dir.path()).expect("demo");
        let ex = PdfExporter::load_default().expect("fonts");
        let y = Some(crate::demo::DEMO_YEAR);
        let id = desk.find_dossier(y, "湖北省科协", Some(Award::Subsidy)).expect("dossier");
        let docs = [
            ("dossier", ex.dossier_doc(&desk, y, id, "王建华").expect("dossier")),
            ("package", ex.expert_dossiers_doc(&desk, y, "王建华", &mut |_, _| {}).expect("package")),
            ("score sheet", ex.score_sheet_doc(&desk, y, "王建华").expect("score sheet")),
            ("results", ex.results_doc(&desk, y).expect("results")),
            ("publicity", ex.publicity_list_doc(&desk, y).expect("publicity")),
            ("notice", ex.notice_doc(&desk, y).expect("notice")),
            ("funding", ex.funding_table_doc(&desk, y).expect("funding")),
        ];
        for (name, doc) in docs {
            assert!(doc.missing_chars().is_empty(), "{name}: {:?}", doc.missing_chars());
            let pages = doc.page_count();
            let bytes = doc.to_bytes().expect("pdf");
            assert_eq!(page_count(&bytes), Some(pages), "{name}");
        }
    }
}
