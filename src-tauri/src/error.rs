//! The error the page receives: `{code, field, message, problems}` with a Chinese message fit to
//! show, and the field it concerns when there is one.

use pingshen_core::{Error, ImportProblem};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct UiError {
    /// invalid · not_found · forbidden · illegal_transition · rule · import · tampered · db · io ·
    /// other · no_session · cancelled
    pub code: String,
    /// The field concerned (its Chinese label), when the error names one.
    pub field: Option<String>,
    pub message: String,
    /// A refused import's problems (row, column, fix).
    pub problems: Vec<ImportProblem>,
}

impl UiError {
    pub fn new(code: &str, message: impl Into<String>) -> UiError {
        UiError { code: code.into(), field: None, message: message.into(), problems: Vec::new() }
    }
    pub fn no_session() -> UiError {
        UiError::new("no_session", "请先登录")
    }
    pub fn cancelled() -> UiError {
        UiError::new("cancelled", "已取消")
    }
}

impl From<Error> for UiError {
    fn from(e: Error) -> UiError {
        let message = e.to_string();
        let (code, field, problems) = match e {
            Error::Invalid { field, .. } => ("invalid", Some(field), Vec::new()),
            Error::NotFound { .. } => ("not_found", None, Vec::new()),
            Error::Forbidden(_) => ("forbidden", None, Vec::new()),
            Error::IllegalTransition { .. } => ("illegal_transition", None, Vec::new()),
            Error::Rule(_) => ("rule", None, Vec::new()),
            Error::ReadOnlyYear { .. } => ("read_only", None, Vec::new()),
            Error::Import { problems, .. } => ("import", None, problems),
            Error::Tampered(_) => ("tampered", None, Vec::new()),
            Error::Db(_) => ("db", None, Vec::new()),
            Error::Io { .. } => ("io", None, Vec::new()),
            Error::Other(_) => ("other", None, Vec::new()),
        };
        UiError { code: code.into(), field, message, problems }
    }
}

pub type Res<T> = Result<T, UiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_error_keeps_its_field_and_chinese_message() {
        let e: UiError = Error::invalid("联系电话", "不能为空").into();
        assert_eq!(e.code, "invalid");
        assert_eq!(e.field.as_deref(), Some("联系电话"));
        assert_eq!(e.message, "「联系电话」不能为空");
    }

    #[test]
    fn an_import_error_carries_its_problems() {
        let p = ImportProblem { row: 3, column: "园区总数".into(), message: "请填写整数".into() };
        let e: UiError = Error::Import { file: "a.xlsx".into(), problems: vec![p.clone()] }.into();
        assert_eq!(e.code, "import");
        assert_eq!(e.problems, vec![p]);
        assert!(e.message.contains("第3行「园区总数」列：请填写整数"));
    }
}
