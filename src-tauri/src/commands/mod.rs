//! The Tauri commands: each one delegates to one `Desk` (or exporter) method. Grouped as the
//! window's screens are.

pub mod decide;
pub mod documents;
pub mod dossiers;
pub mod exceptions;
pub mod exchange;
pub mod meeting;
pub mod pledge;
pub mod records;
pub mod review;
pub mod session;
pub mod year;
pub mod years;
