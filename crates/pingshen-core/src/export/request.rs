//! One export request → the bytes of the document, for every front end (the window's
//! 「文件导出」 and `pingshen export`): which documents exist in which formats, who may print
//! what, and the file name to suggest. Nothing is written here; callers save atomically.

use crate::desk::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::export::{pdf, xlsx};
use crate::model::Award;
use serde::{Deserialize, Serialize};
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
        }
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

/// A rendered document.
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: Option<usize>,
    /// e.g. 「2014年度通报.pdf」, 「王建华评审材料.pdf」
    pub suggested_name: String,
}

fn named(v: &Option<String>, field: &str, what: &str) -> Result<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .ok_or_else(|| Error::invalid(field, format!("请选择{what}")))
}

/// The expert the actor is (by their assignments), for an expert's own package and sheet.
fn own_expert_name(desk: &Desk, actor: &Actor, year: Option<i32>) -> Result<String> {
    Ok(desk.assignments(actor, year)?.first().map(|a| a.expert.clone()).unwrap_or_else(|| actor.name().to_string()))
}

/// Renders one document for `actor`. Secretariat: everything. Expert: their own package, their
/// own score sheet, and a dossier assigned to them (their name in the watermark). Applicant: their
/// own unit's dossier. Every refusal comes before any layout work.
pub fn render(
    desk: &Desk,
    actor: &Actor,
    year: Option<i32>,
    req: &ExportReq,
    pdf: &pdf::PdfExporter,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Rendered> {
    if req.format == ExportFormat::Xlsx
        && matches!(req.kind, ExportKind::Dossier | ExportKind::ExpertPackage | ExportKind::Notice)
    {
        return Err(Error::invalid("文件格式", format!("{}只能导出为PDF", req.kind.label())));
    }
    let c = desk.campaign(year)?;
    let year = Some(c.year);
    let role = actor.role();
    let allowed = match role {
        Role::Secretariat => true,
        Role::Expert => matches!(req.kind, ExportKind::Dossier | ExportKind::ExpertPackage | ExportKind::ScoreSheet),
        Role::Applicant => req.kind == ExportKind::Dossier,
    };
    if !allowed {
        return Err(desk.deny(actor, format!("{}不能导出{}", role.label(), req.kind.label())));
    }
    let expert = || -> Result<String> {
        match role {
            Role::Expert => own_expert_name(desk, actor, year),
            _ => named(&req.expert, "专家", "专家"),
        }
    };
    let ext = req.format.extension();
    let (bytes, name) = match req.kind {
        ExportKind::Dossier => {
            let unit = match role {
                Role::Applicant => {
                    actor.unit_code().map(str::to_string).ok_or_else(|| desk.deny(actor, "申报单位账号未关联单位"))?
                }
                _ => named(&req.unit, "单位", "申报单位")?,
            };
            let id = desk.find_dossier(year, &unit, req.award)?;
            let d = desk.dossier(actor, id)?;
            let reader = match role {
                Role::Expert => {
                    let me = own_expert_name(desk, actor, year)?;
                    let mine = desk.assignments(actor, year)?.iter().any(|a| a.dossier_id == id && a.state.stands());
                    if !mine {
                        return Err(
                            desk.deny(actor, format!("您未被分配评审{}的申报材料（或已回避）", d.unit.full_name))
                        );
                    }
                    me
                }
                Role::Applicant => d.unit.full_name.clone(),
                Role::Secretariat => "秘书处".to_string(),
            };
            (pdf.dossier(desk, year, id, &reader)?, format!("{}{}申报材料.{ext}", d.unit.full_name, d.award().label()))
        }
        ExportKind::ExpertPackage => {
            let e = expert()?;
            (pdf.expert_dossiers(desk, year, &e, progress)?, format!("{e}评审材料.{ext}"))
        }
        ExportKind::ScoreSheet => {
            let e = expert()?;
            let bytes = match req.format {
                ExportFormat::Pdf => pdf.score_sheet(desk, year, &e)?,
                ExportFormat::Xlsx => xlsx::score_sheet_xlsx(desk, year, &e)?,
            };
            (bytes, format!("{e}评分表.{ext}"))
        }
        ExportKind::Results => (
            match req.format {
                ExportFormat::Pdf => pdf.results(desk, year)?,
                ExportFormat::Xlsx => xlsx::results_xlsx(desk, year)?,
            },
            format!("{}年度评审结果.{ext}", c.year),
        ),
        ExportKind::PublicityList => (
            match req.format {
                ExportFormat::Pdf => pdf.publicity_list(desk, year)?,
                ExportFormat::Xlsx => xlsx::publicity_list_xlsx(desk, year)?,
            },
            format!("{}年度公示名单.{ext}", c.year),
        ),
        ExportKind::Notice => (pdf.notice(desk, year)?, format!("{}年度通报.{ext}", c.year)),
        ExportKind::FundingTable => (
            match req.format {
                ExportFormat::Pdf => pdf.funding_table(desk, year)?,
                ExportFormat::Xlsx => xlsx::funding_table_xlsx(desk, year)?,
            },
            format!("{}年度经费表.{ext}", c.year),
        ),
    };
    let pages = (req.format == ExportFormat::Pdf).then(|| pdf::page_count(&bytes)).flatten();
    Ok(Rendered { bytes, pages, suggested_name: name })
}
