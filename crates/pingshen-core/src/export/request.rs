//! One export request → the bytes of the document, for every front end (the window's
//! 「文件导出」 and `pingshen export`): which documents exist in which formats and what each
//! takes ([`ExportReq::unfit`]), the format a file name asks for, who may print what, the file
//! name to suggest, and a destination folder that does not exist refused before the work.
//! Nothing is written here; callers save atomically (`layout::write_atomic`).
//!
//! Exchange files (review package, score return, dossier file) are not documents: they are made
//! by the desk's `exchange_*` methods and named by [`crate::exchange::ExchangeKind`].

use crate::desk::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::export::{pdf, xlsx};
use crate::model::Award;
use crate::t;
use crate::text::catalog::msg;
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    /// 阅读材料（单份）
    Dossier,
    /// 专家评审材料包（一位专家的全部材料）
    ExpertPackage,
    /// 专家评分表
    ScoreSheet,
    /// 评审结果
    Results,
    /// 公示名单
    PublicityList,
    /// 通报
    Notice,
    /// 经费表
    FundingTable,
    /// 会议评审表决票（issue 18）
    Ballots,
    /// 会议评审会议纪要（issue 18）
    Minutes,
}

impl ExportKind {
    pub fn label(self) -> &'static str {
        match self {
            ExportKind::Dossier => "阅读材料",
            ExportKind::ExpertPackage => "评审材料",
            ExportKind::ScoreSheet => "专家评分表",
            ExportKind::Results => "评审结果",
            ExportKind::PublicityList => "公示名单",
            ExportKind::Notice => "通报",
            ExportKind::FundingTable => "经费表",
            ExportKind::Ballots => "表决票",
            ExportKind::Minutes => "会议纪要",
        }
    }

    /// The document's name for a message (its Chinese is `label`).
    pub fn text(self) -> Text {
        match self {
            ExportKind::Dossier => t!(msg::FILES_DOC_DOSSIER),
            ExportKind::ExpertPackage => t!(msg::FILES_DOC_EXPERT_PACKAGE),
            ExportKind::ScoreSheet => t!(msg::FILES_DOC_SCORE_SHEET),
            ExportKind::Results => t!(msg::FILES_DOC_RESULTS),
            ExportKind::PublicityList => t!(msg::FILES_DOC_PUBLICITY_LIST),
            ExportKind::Notice => t!(msg::FILES_DOC_NOTICE),
            ExportKind::FundingTable => t!(msg::FILES_DOC_FUNDING_TABLE),
            ExportKind::Ballots => t!(msg::FILES_DOC_BALLOTS),
            ExportKind::Minutes => t!(msg::FILES_DOC_MINUTES),
        }
    }

    /// Whether the document comes in `format` (the dossier, an expert's package and the notice
    /// are PDF only).
    pub fn has_format(self, format: ExportFormat) -> bool {
        format == ExportFormat::Pdf
            || !matches!(
                self,
                ExportKind::Dossier
                    | ExportKind::ExpertPackage
                    | ExportKind::Notice
                    | ExportKind::Ballots
                    | ExportKind::Minutes
            )
    }

    /// Whether a unit (and award) may be named: only for a dossier.
    pub fn takes_unit(self) -> bool {
        self == ExportKind::Dossier
    }

    /// Whether an expert may be named: an expert's package and score sheet, and a dossier (its
    /// reader).
    pub fn takes_expert(self) -> bool {
        matches!(self, ExportKind::Dossier | ExportKind::ExpertPackage | ExportKind::ScoreSheet)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Pdf,
    Xlsx,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "pdf",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    /// The format a file name asks for by its extension (.pdf, .xlsx, in any case).
    pub fn of_path(path: &Path) -> Option<ExportFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "pdf" => Some(ExportFormat::Pdf),
            "xlsx" => Some(ExportFormat::Xlsx),
            _ => None,
        }
    }
}

/// What to export. `unit` (and `award` when the unit applied for both) names the dossier of a
/// `Dossier` export; `expert` the expert of a package or score sheet (an expert always gets
/// their own, whatever is named).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportReq {
    pub kind: ExportKind,
    pub format: ExportFormat,
    #[serde(default)]
    #[ts(optional)]
    pub unit: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub award: Option<Award>,
    #[serde(default)]
    #[ts(optional)]
    pub expert: Option<String>,
}

/// What a request names that its document does not take, or a format it does not come in;
/// found before any work. Each front end words it for its own controls: [`render`] refuses in
/// the window's words, the command line names its options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unfit {
    /// The document is PDF only.
    Format,
    /// A unit or award named for a document other than a dossier.
    Unit,
    /// An expert named for a document that has none.
    Expert,
}

impl ExportReq {
    /// The first thing the request names that its kind does not take: the format, then a unit
    /// or award, then an expert.
    pub fn unfit(&self) -> Option<Unfit> {
        if !self.kind.has_format(self.format) {
            Some(Unfit::Format)
        } else if !self.kind.takes_unit() && (self.unit.is_some() || self.award.is_some()) {
            Some(Unfit::Unit)
        } else if !self.kind.takes_expert() && self.expert.is_some() {
            Some(Unfit::Expert)
        } else {
            None
        }
    }

    fn refuse(&self, u: Unfit) -> Error {
        let doc = self.kind.text();
        match u {
            Unfit::Format => Error::invalid(t!(msg::FILES_FIELD_FORMAT), t!(msg::FILES_DOC_ONLY_PDF, doc)),
            Unfit::Unit => Error::invalid(t!(msg::YEAR_FIELD_UNIT), t!(msg::FILES_DOC_NO_UNIT, doc)),
            Unfit::Expert => Error::invalid(t!(msg::DECIDE_FIELD_EXPERT), t!(msg::FILES_DOC_NO_EXPERT, doc)),
        }
    }
}

/// Refuses a destination whose folder does not exist, before any work (the atomic write would
/// refuse it only after the layout). A bare file name is in the current folder.
pub fn check_folder(path: &Path) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::other(t!(msg::FILES_FOLDER_MISSING, path = path.display(), dir = dir.display())));
    }
    Ok(())
}

/// A rendered document.
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: Option<usize>,
    /// e.g. 「2014年度通报.pdf」, 「王建华评审材料.pdf」
    pub suggested_name: String,
}

/// A name given, trimmed; blank is none.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn named(v: &Option<String>, field: Text, choose: Text) -> Result<String> {
    given(v).map(str::to_string).ok_or_else(|| Error::invalid(field, choose))
}

/// Whether dossier `id` is assigned to `expert` (or, without one, to the actor, an expert) and
/// the sheet still stands (not recused, not withdrawn).
fn assigned(desk: &Desk, actor: &Actor, year: Option<i32>, id: i64, expert: Option<&str>) -> Result<bool> {
    Ok(desk
        .assignments(actor, year)?
        .iter()
        .any(|a| a.dossier_id == id && expert.is_none_or(|e| a.expert == e) && a.state.stands()))
}

/// The expert the actor is (by their assignments), for an expert's own package and sheet.
fn own_expert_name(desk: &Desk, actor: &Actor, year: Option<i32>) -> Result<String> {
    Ok(desk.assignments(actor, year)?.first().map(|a| a.expert.clone()).unwrap_or_else(|| actor.name().to_string()))
}

/// Renders one document for `actor`. Secretariat: everything, a dossier read by the secretariat
/// or by an expert it is assigned to. Expert: their own package, their own score sheet, and a
/// dossier assigned to them (their name in the watermark). Applicant: their own unit's dossier.
/// Every refusal comes before any layout work. `pdf`: the loaded PDF exporter; without one, a PDF
/// loads the default fonts after the request's checks (an XLSX needs none).
pub fn render(
    desk: &Desk,
    actor: &Actor,
    year: Option<i32>,
    req: &ExportReq,
    pdf: Option<&pdf::PdfExporter>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Rendered> {
    if let Some(u) = req.unfit() {
        return Err(req.refuse(u));
    }
    // The exporter given, or the default fonts loaded when a PDF arm first needs them.
    let own = OnceCell::new();
    let pdf = || -> Result<&pdf::PdfExporter> {
        match (pdf, own.get()) {
            (Some(p), _) | (None, Some(p)) => Ok(p),
            (None, None) => {
                let loaded = pdf::PdfExporter::load_default()?;
                Ok(own.get_or_init(|| loaded))
            }
        }
    };
    let c = desk.campaign(year)?;
    let year = Some(c.year);
    let role = actor.role();
    let allowed = match role {
        Role::Secretariat => true,
        Role::Expert => matches!(req.kind, ExportKind::Dossier | ExportKind::ExpertPackage | ExportKind::ScoreSheet),
        Role::Applicant => req.kind == ExportKind::Dossier,
    };
    if !allowed {
        return Err(desk.deny(actor, t!(msg::FILES_ROLE_CANNOT_EXPORT, role = role.text(), doc = req.kind.text())));
    }
    let expert = || -> Result<String> {
        match role {
            Role::Expert => own_expert_name(desk, actor, year),
            _ => named(&req.expert, t!(msg::DECIDE_FIELD_EXPERT), t!(msg::FILES_CHOOSE_EXPERT)),
        }
    };
    let ext = req.format.extension();
    let (bytes, name) = match req.kind {
        ExportKind::Dossier => {
            let unit = match role {
                Role::Applicant => actor
                    .unit_code()
                    .map(str::to_string)
                    .ok_or_else(|| desk.deny(actor, t!(msg::FILES_APPLICANT_NO_UNIT)))?,
                _ => named(&req.unit, t!(msg::YEAR_FIELD_UNIT), t!(msg::FILES_CHOOSE_UNIT))?,
            };
            let id = desk.find_dossier(year, &unit, req.award)?;
            let d = desk.dossier(actor, id)?;
            let reader = match role {
                Role::Expert => {
                    let me = own_expert_name(desk, actor, year)?;
                    if !assigned(desk, actor, year, id, None)? {
                        return Err(
                            desk.deny(actor, t!(msg::FILES_NOT_ASSIGNED_TO_YOU, unit = d.unit.full_name.as_str()))
                        );
                    }
                    me
                }
                Role::Applicant => d.unit.full_name.clone(),
                Role::Secretariat => match given(&req.expert) {
                    // An expert's name goes on the pages only of a dossier assigned to them.
                    Some(e) if !assigned(desk, actor, year, id, Some(e))? => {
                        return Err(Error::rule(t!(
                            msg::FILES_EXPERT_NOT_ASSIGNED_DOSSIER,
                            expert = e,
                            unit = unit.as_str()
                        )));
                    }
                    Some(e) => e.to_string(),
                    None => "秘书处".to_string(),
                },
            };
            (
                pdf()?.dossier(desk, year, id, &reader)?,
                format!("{}{}申报材料.{ext}", d.unit.full_name, d.award().label()),
            )
        }
        ExportKind::ExpertPackage => {
            let e = expert()?;
            (pdf()?.expert_dossiers(desk, year, &e, progress)?, format!("{e}评审材料.{ext}"))
        }
        ExportKind::ScoreSheet => {
            let e = expert()?;
            let bytes = match req.format {
                ExportFormat::Pdf => pdf()?.score_sheet(desk, year, &e)?,
                ExportFormat::Xlsx => xlsx::score_sheet_xlsx(desk, year, &e)?,
            };
            (bytes, format!("{e}评分表.{ext}"))
        }
        ExportKind::Results => (
            match req.format {
                ExportFormat::Pdf => pdf()?.results(desk, year)?,
                ExportFormat::Xlsx => xlsx::results_xlsx(desk, year)?,
            },
            format!("{}年度评审结果.{ext}", c.year),
        ),
        ExportKind::PublicityList => (
            match req.format {
                ExportFormat::Pdf => pdf()?.publicity_list(desk, year)?,
                ExportFormat::Xlsx => xlsx::publicity_list_xlsx(desk, year)?,
            },
            format!("{}年度公示名单.{ext}", c.year),
        ),
        ExportKind::Notice => (pdf()?.notice(desk, year)?, format!("{}年度通报.{ext}", c.year)),
        ExportKind::FundingTable => (
            match req.format {
                ExportFormat::Pdf => pdf()?.funding_table(desk, year)?,
                ExportFormat::Xlsx => xlsx::funding_table_xlsx(desk, year)?,
            },
            format!("{}年度经费表.{ext}", c.year),
        ),
        ExportKind::Ballots => (pdf()?.ballots(desk, year)?, format!("{}年度会议评审表决票.{ext}", c.year)),
        ExportKind::Minutes => (pdf()?.minutes(desk, year)?, format!("{}年度会议评审会议纪要.{ext}", c.year)),
    };
    let pages = (req.format == ExportFormat::Pdf).then(|| pdf::page_count(&bytes)).flatten();
    Ok(Rendered { bytes, pages, suggested_name: name })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(kind: ExportKind, format: ExportFormat) -> ExportReq {
        ExportReq { kind, format, unit: None, award: None, expert: None }
    }

    #[test]
    fn the_format_comes_from_the_extension_in_any_case() {
        assert_eq!(ExportFormat::of_path(Path::new("a/通报.PDF")), Some(ExportFormat::Pdf));
        assert_eq!(ExportFormat::of_path(Path::new("结果.xlsx")), Some(ExportFormat::Xlsx));
        assert_eq!(ExportFormat::of_path(Path::new("结果.xls")), None);
        assert_eq!(ExportFormat::of_path(Path::new("结果")), None);
    }

    #[test]
    fn what_a_kind_does_not_take_is_found_format_first() {
        use ExportFormat::{Pdf, Xlsx};
        for k in [ExportKind::Dossier, ExportKind::ExpertPackage, ExportKind::Notice] {
            assert_eq!(req(k, Xlsx).unfit(), Some(Unfit::Format), "{k:?}");
            assert_eq!(req(k, Pdf).unfit(), None, "{k:?}");
        }
        let mut r = req(ExportKind::Results, Xlsx);
        assert_eq!(r.unfit(), None);
        r.award = Some(Award::Pilot);
        assert_eq!(r.unfit(), Some(Unfit::Unit));
        r.award = None;
        r.expert = Some(String::new());
        assert_eq!(r.unfit(), Some(Unfit::Expert));
        let mut r = req(ExportKind::Notice, Xlsx);
        r.unit = Some("湖北省科协".into());
        assert_eq!(r.unfit(), Some(Unfit::Format));
        let mut r = req(ExportKind::Dossier, Pdf);
        r.unit = Some("湖北省科协".into());
        r.expert = Some("王建华".into());
        assert_eq!(r.unfit(), None);
        let mut r = req(ExportKind::ScoreSheet, Pdf);
        r.expert = Some("王建华".into());
        assert_eq!(r.unfit(), None);
        r.unit = Some("湖北省科协".into());
        assert_eq!(r.unfit(), Some(Unfit::Unit));
    }

    #[test]
    fn each_document_text_says_its_label() {
        use ExportKind::*;
        for k in [Dossier, ExpertPackage, ScoreSheet, Results, PublicityList, Notice, FundingTable, Ballots, Minutes] {
            assert_eq!(k.text().zh(), k.label(), "{k:?}");
        }
        let e = req(Notice, ExportFormat::Xlsx).refuse(Unfit::Format).text();
        assert_eq!(e.zh(), "「文件格式」通报只能导出为PDF");
        assert_eq!(e.en(), "File format: The notice can only be exported as PDF");
    }

    #[test]
    fn a_missing_folder_is_refused_naming_it() {
        let e = check_folder(Path::new("/nonexistent/dir/x.pdf")).unwrap_err().to_string();
        assert_eq!(e, "无法保存「/nonexistent/dir/x.pdf」：文件夹「/nonexistent/dir」不存在");
        assert!(check_folder(Path::new("x.pdf")).is_ok());
        assert!(check_folder(&std::env::temp_dir().join("x.pdf")).is_ok());
    }
}
