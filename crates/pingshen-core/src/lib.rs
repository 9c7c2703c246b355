//! Pingshen core: the whole award review desk without a window.
//!
//! Pure modules (no I/O, deterministic): [`units`], [`rules`], [`calendar`], [`dates`], [`holiday_notice`], [`rubric`],
//! [`model`], [`plausibility`], [`retention`], [`decimal`], [`scoring`], [`robustness`], [`assignment`], [`rotation`], [`funding`], [`workflow`].
//! Shell modules: [`store`], [`import`], [`export`], [`desk`], [`demo`].

pub mod assignment;
pub mod audit_action;
pub mod calendar;
pub mod dates;
pub mod decimal;
pub mod demo;
pub mod desk;
pub mod error;
pub mod exchange;
pub mod export;
pub mod funding;
pub mod holiday_notice;
pub mod import;
pub mod model;
pub mod plausibility;
pub mod retention;
pub mod robustness;
pub mod rotation;
pub mod rubric;
pub mod rules;
pub mod scoring;
pub mod store;
pub mod text;
pub mod units;
pub mod workflow;

pub use audit_action::AuditAction;
pub use desk::{Actor, Desk, Role};
pub use error::{Error, ImportProblem, Result};
pub use text::{catalog::msg, Text};
