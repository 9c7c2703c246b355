//! Exports (PDF, XLSX).
pub mod layout;
