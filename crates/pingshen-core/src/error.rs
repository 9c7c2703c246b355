//! The one error type of the core. Every variant carries what a user needs to fix the problem:
//! the field (or file, row and column) and a message in Chinese fit to show in the UI.

use std::fmt;

/// One problem found in an imported file: where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct ImportProblem {
    /// 1-based row number as a spreadsheet shows it (the header is row 1); 0: the whole file.
    pub row: usize,
    /// Column header (e.g. `园区总数`); empty when the problem concerns the whole row or file.
    pub column: String,
    pub message: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.row == 0 && self.column.is_empty() {
            // the whole file (no row to point at)
            write!(f, "{}", self.message)
        } else if self.row == 0 {
            write!(f, "「{}」列：{}", self.column, self.message)
        } else if self.column.is_empty() {
            write!(f, "第{}行：{}", self.row, self.message)
        } else {
            write!(f, "第{}行「{}」列：{}", self.row, self.column, self.message)
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value the user gave is wrong. `field` names it (Chinese label), `message` says the fix.
    #[error("「{field}」{message}")]
    Invalid { field: String, message: String },

    /// Something named does not exist.
    #[error("未找到{what}：{name}{hint}")]
    NotFound { what: String, name: String, hint: String },

    /// The acting user's role does not allow this.
    #[error("无权操作：{0}")]
    Forbidden(String),

    /// The action is not allowed in the current state; says what is allowed.
    #[error("当前状态为「{state}」，不能{action}。{allowed}")]
    IllegalTransition { state: String, action: String, allowed: String },

    /// A business rule of seed 002 or of the campaign settings refuses the action.
    #[error("{0}")]
    Rule(String),

    /// A file could not be imported; nothing of it was kept.
    #[error("导入「{file}」失败，未写入任何数据：\n{}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Import { file: String, problems: Vec<ImportProblem> },

    /// The audit log or a protected table was altered outside the app.
    #[error("操作日志校验失败：{0}")]
    Tampered(String),

    /// A write to a year already published (issue 16): every year's record is final once
    /// published; the words name the year and the way to correct it.
    #[error("{year}年度评审工作已发布，只读：不能再修改该年度的任何内容。如需更正，请在「备份与恢复」中恢复该年度发布前的自动备份后重新办理")]
    ReadOnlyYear { year: i32 },

    #[error("数据库错误：{0}")]
    Db(rusqlite::Error),

    #[error("文件读写错误（{path}）：{source}")]
    Io { path: String, source: std::io::Error },

    #[error("{0}")]
    Other(String),
}

/// What the row guard of a published year (`store::year_lock`) starts its refusal with; the
/// year follows.
pub(crate) const READ_ONLY_MARK: &str = "pingshen-read-only-year:";

/// The year the row guard refused a write to, read from SQLite's error.
fn refused_year(e: &rusqlite::Error) -> Option<i32> {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(m)) => m.strip_prefix(READ_ONLY_MARK)?.trim().parse().ok(),
        _ => None,
    }
}

/// SQLite's errors, except the row guard of a published year, which names the year.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        match refused_year(&e) {
            Some(year) => Error::ReadOnlyYear { year },
            None => Error::Db(e),
        }
    }
}

impl Error {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid { field: field.into(), message: message.into() }
    }
    pub fn not_found(what: impl Into<String>, name: impl Into<String>) -> Self {
        Error::NotFound { what: what.into(), name: name.into(), hint: String::new() }
    }
    pub fn rule(message: impl Into<String>) -> Self {
        Error::Rule(message.into())
    }
    pub fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::Io { path: path.as_ref().display().to_string(), source }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
