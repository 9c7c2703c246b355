//! The one error type of the core. Every variant carries what a user needs to fix the problem:
//! the field (or file, row and column) and what to do, as [`Text`] of the catalog, so that the
//! CLI prints it in Chinese and the window in the user's language ([`Error::text`]).

use crate::t;
use crate::text::catalog::msg;
use crate::text::Text;
use std::fmt;

/// One problem found in an imported file: where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct ImportProblem {
    /// 1-based row number as a spreadsheet shows it (the header is row 1); 0: the whole file.
    pub row: usize,
    /// Column header (e.g. `园区总数`); empty when the problem concerns the whole row or file.
    pub column: String,
    /// The fix in Chinese (the words of `text`).
    pub message: String,
    /// The fix, for the window to translate.
    pub text: Text,
}

impl ImportProblem {
    pub fn new(row: usize, column: impl Into<String>, text: impl Into<Text>) -> ImportProblem {
        let text = text.into();
        ImportProblem { row, column: column.into(), message: text.zh(), text }
    }

    /// The problem with where it is, e.g. 「第3行「园区总数」列：请填写整数」.
    pub fn located(&self) -> Text {
        let (row, column, message) = (self.row, self.column.as_str(), &self.text);
        if self.row == 0 && self.column.is_empty() {
            t!(msg::PROBLEM_FILE, message)
        } else if self.row == 0 {
            t!(msg::PROBLEM_COLUMN, column, message)
        } else if self.column.is_empty() {
            t!(msg::PROBLEM_ROW, row, message)
        } else {
            t!(msg::PROBLEM_CELL, row, column, message)
        }
    }
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.located().zh())
    }
}

#[derive(Debug)]
pub enum Error {
    /// A value the user gave is wrong. `field` names it, `message` says the fix.
    Invalid {
        field: Text,
        message: Text,
    },

    /// Something named does not exist; `hint` says where to look or what to do first.
    NotFound {
        what: Text,
        name: String,
        hint: Text,
    },

    /// The acting user's role does not allow this.
    Forbidden(Text),

    /// The action is not allowed in the current state; says what is allowed.
    IllegalTransition {
        state: Text,
        action: Text,
        allowed: Text,
    },

    /// A business rule of seed 002 or of the campaign settings refuses the action.
    Rule(Text),

    /// A file could not be imported; nothing of it was kept.
    Import {
        file: String,
        problems: Vec<ImportProblem>,
    },

    /// The audit log or a protected table was altered outside the app.
    Tampered(Text),

    /// A write to a year already published (issue 16): every year's record is final once
    /// published; the words name the year and the way to correct it.
    ReadOnlyYear {
        year: i32,
    },

    Db(rusqlite::Error),

    Io {
        path: String,
        source: std::io::Error,
    },

    Other(Text),
}

impl Error {
    /// What the error says, for the window to translate.
    pub fn text(&self) -> Text {
        match self {
            Error::Invalid { field, message } => t!(msg::ERR_INVALID, field, message),
            Error::NotFound { what, name, hint } => t!(msg::ERR_NOT_FOUND, what, name, hint),
            Error::Forbidden(reason) => t!(msg::ERR_FORBIDDEN, reason),
            Error::IllegalTransition { state, action, allowed } => t!(msg::ERR_ILLEGAL, state, action, allowed),
            Error::Rule(t) | Error::Other(t) => t.clone(),
            Error::Import { file, problems } => {
                t!(msg::ERR_IMPORT, file, problems = problems.iter().map(ImportProblem::located).collect::<Vec<_>>())
            }
            Error::Tampered(detail) => t!(msg::ERR_TAMPERED, detail),
            Error::ReadOnlyYear { year } => t!(msg::ERR_READ_ONLY_YEAR, year),
            Error::Db(e) => t!(msg::ERR_DB, detail = e.to_string()),
            Error::Io { path, source } => t!(msg::ERR_IO, path, detail = source.to_string()),
        }
    }
}

/// The Chinese words, as the CLI prints them.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().zh())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Db(e) => Some(e),
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
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
    pub fn invalid(field: impl Into<Text>, message: impl Into<Text>) -> Self {
        Error::Invalid { field: field.into(), message: message.into() }
    }
    pub fn not_found(what: impl Into<Text>, name: impl Into<String>) -> Self {
        Error::NotFound { what: what.into(), name: name.into(), hint: t!(msg::EMPTY) }
    }
    pub fn rule(message: impl Into<Text>) -> Self {
        Error::Rule(message.into())
    }
    pub fn forbidden(reason: impl Into<Text>) -> Self {
        Error::Forbidden(reason.into())
    }
    pub fn tampered(detail: impl Into<Text>) -> Self {
        Error::Tampered(detail.into())
    }
    pub fn other(words: impl Into<Text>) -> Self {
        Error::Other(words.into())
    }
    pub fn illegal(state: impl Into<Text>, action: impl Into<Text>, allowed: impl Into<Text>) -> Self {
        Error::IllegalTransition { state: state.into(), action: action.into(), allowed: allowed.into() }
    }
    pub fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::Io { path: path.as_ref().display().to_string(), source }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
