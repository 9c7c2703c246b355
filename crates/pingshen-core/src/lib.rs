//! Pingshen core: the whole award review desk without a window.
//!
//! Pure modules (no I/O, deterministic): [`units`], [`rules`], [`calendar`], [`rubric`],
//! [`indicators`], [`decimal`], [`scoring`], [`assignment`], [`funding`], [`workflow`].
//! Shell modules: [`store`], [`import`], [`export`], [`desk`], [`demo`].

pub mod error;
pub mod calendar;
pub mod export;

pub use error::{Error, ImportProblem, Result};
