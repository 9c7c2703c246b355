//! Exports (PDF, XLSX).
pub mod layout;
pub mod pdf;
pub mod xlsx;
