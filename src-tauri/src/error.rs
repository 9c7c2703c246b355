//! The error the page receives: `{code, field, message, text, problems}` with a Chinese message fit
//! to show, the same words as a catalog text the window translates into its language, and the
//! field it concerns when there is one.

use pingshen_core::{msg, t, Error, ImportProblem, Text};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct UiError {
    /// invalid · not_found · forbidden · illegal_transition · rule · import · tampered · db · io ·
    /// other · no_session · cancelled
    pub code: String,
    /// The field concerned (its Chinese label, which the forms know it by), when the error names one.
    pub field: Option<String>,
    /// The words in Chinese.
    pub message: String,
    /// The words as a text of the catalog (`Messages.ts`), for the window to show in its language.
    pub text: Box<Text>,
    /// A refused import's problems (row, column, fix).
    pub problems: Vec<ImportProblem>,
}

impl UiError {
    pub fn new(code: &str, text: Text) -> UiError {
        UiError { code: code.into(), field: None, message: text.zh(), text: Box::new(text), problems: Vec::new() }
    }
    pub fn no_session() -> UiError {
        UiError::new("no_session", t!(msg::UI_NO_SESSION))
    }
    pub fn cancelled() -> UiError {
        UiError::new("cancelled", t!(msg::UI_CANCELLED))
    }
}

impl From<Error> for UiError {
    fn from(e: Error) -> UiError {
        let text = e.text();
        let message = text.zh();
        let (code, field, problems) = match e {
            Error::Invalid { field, .. } => ("invalid", Some(field.zh()), Vec::new()),
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
        UiError { code: code.into(), field, message, text: Box::new(text), problems }
    }
}

pub type Res<T> = Result<T, UiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_error_keeps_its_field_and_chinese_message() {
        let e: UiError = Error::invalid(t!(msg::INPUT_FIELD_CONTACT), t!(msg::INPUT_REQUIRED)).into();
        assert_eq!(e.code, "invalid");
        assert_eq!(e.field.as_deref(), Some("联系方式"));
        assert_eq!(e.message, "「联系方式」不能为空");
        assert_eq!(e.text.en(), "Contact: must not be empty");
    }

    #[test]
    fn an_import_error_carries_its_problems() {
        let p = ImportProblem::new(3, "园区总数", t!(msg::STAGE_REVIEW));
        let e: UiError = Error::Import { file: "a.xlsx".into(), problems: vec![p.clone()] }.into();
        assert_eq!(e.code, "import");
        assert_eq!(e.problems, vec![p]);
        assert!(e.message.contains("第3行「园区总数」列：专家评审"), "{}", e.message);
        assert!(e.text.en().contains("Row 3, column “园区总数”: Expert review"), "{}", e.text.en());
    }
}
