//! The command line's names for the core's kinds. `export KIND` takes a document
//! (`export::request::ExportKind`) or an exchange file (`exchange::ExchangeKind`), `import KIND` a
//! spreadsheet (`desk::ImportKind`) or an exchange file, `--format` an `ExportFormat`: the kinds
//! are defined once, in the core; here they get their command-line names and the help that names
//! this program's options.

use clap::builder::PossibleValue;
use clap::ValueEnum;
use pingshen_core::desk::ImportKind;
use pingshen_core::exchange::ExchangeKind;
use pingshen_core::export::request::{ExportFormat, ExportKind};

/// What `export` writes: a document through `export::request`, an exchange file, or a year's
/// archive (`export::archive`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExportWhat {
    Document(ExportKind),
    Exchange(ExchangeKind),
    Archive,
    Letters,
}

impl ExportWhat {
    pub(crate) fn label(self) -> &'static str {
        match self {
            ExportWhat::Document(k) => k.label(),
            ExportWhat::Exchange(k) => k.label(),
            ExportWhat::Archive => "年度归档",
            ExportWhat::Letters => "函件",
        }
    }
}

impl ValueEnum for ExportWhat {
    fn value_variants<'a>() -> &'a [Self] {
        use ExportWhat::{Document as D, Exchange as X};
        // An expert's whole package is `dossier --expert` (ExportKind::ExpertPackage has no name here).
        &[
            D(ExportKind::Dossier),
            D(ExportKind::ScoreSheet),
            D(ExportKind::Results),
            D(ExportKind::PublicityList),
            D(ExportKind::Notice),
            D(ExportKind::FundingTable),
            D(ExportKind::Ballots),
            D(ExportKind::Minutes),
            X(ExchangeKind::ReviewPackage),
            X(ExchangeKind::ScoreReturn),
            X(ExchangeKind::DossierFile),
            ExportWhat::Archive,
            ExportWhat::Letters,
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let (name, help) = match *self {
            ExportWhat::Letters => {
                ("letters", "函件（--kind feedback 反馈函 / return 补正通知 / invitation 邀请函；--out 文件夹）")
            }
            ExportWhat::Archive => ("archive", "年度归档（zip：全部定稿文件、卷内目录和清单；仅已发布年度）"),
            ExportWhat::Document(k) => match k {
                ExportKind::Dossier => ("dossier", "阅读材料（单份：--unit；专家的全部材料：--expert）"),
                ExportKind::ExpertPackage => return None,
                ExportKind::ScoreSheet => ("score-sheet", "专家评分表（--expert）"),
                ExportKind::Results => ("results", "评审结果"),
                ExportKind::PublicityList => ("publicity-list", "公示名单"),
                ExportKind::Notice => ("notice", "通报"),
                ExportKind::FundingTable => ("funding-table", "经费表"),
                ExportKind::Ballots => ("ballots", "会议评审表决票（每位专家一页，回避事项不设选项）"),
                ExportKind::Minutes => ("minutes", "会议评审会议纪要（含出席专家签字页）"),
            },
            ExportWhat::Exchange(k) => match k {
                ExchangeKind::ReviewPackage => ("review-package", "评审材料包（交换文件，--expert，口令加密）"),
                ExchangeKind::ScoreReturn => ("score-return", "评分回执（交换文件，在专家的数据库中）"),
                ExchangeKind::DossierFile => ("dossier-file", "申报材料文件（交换文件，--unit）"),
            },
        };
        Some(PossibleValue::new(name).help(help))
    }
}

/// What `import` reads: a spreadsheet (previewed and imported by the desk), or an exchange file.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImportWhat {
    Sheet(ImportKind),
    Exchange(ExchangeKind),
}

impl ValueEnum for ImportWhat {
    fn value_variants<'a>() -> &'a [Self] {
        use ImportWhat::{Exchange as X, Sheet as S};
        // A review package is opened, not imported (`open review-package`).
        &[
            S(ImportKind::Dossiers),
            S(ImportKind::Experts),
            S(ImportKind::Scores),
            X(ExchangeKind::ScoreReturn),
            X(ExchangeKind::DossierFile),
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match *self {
            ImportWhat::Sheet(ImportKind::Dossiers) => PossibleValue::new("dossiers"),
            ImportWhat::Sheet(ImportKind::Experts) => PossibleValue::new("experts"),
            ImportWhat::Sheet(ImportKind::Scores) => PossibleValue::new("scores"),
            ImportWhat::Exchange(ExchangeKind::ScoreReturn) => {
                PossibleValue::new("score-return").help("评分回执（专家导出的交换文件）")
            }
            ImportWhat::Exchange(ExchangeKind::DossierFile) => {
                PossibleValue::new("dossier-file").help("申报材料文件（申报单位导出的交换文件）")
            }
            ImportWhat::Exchange(ExchangeKind::ReviewPackage) => return None,
        })
    }
}

/// `--format`: the core's `ExportFormat` under its extension's name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Format(pub(crate) ExportFormat);

impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &[Format(ExportFormat::Pdf), Format(ExportFormat::Xlsx)]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.extension()))
    }
}
