//! Exports (PDF, XLSX).
pub mod layout;
pub mod xlsx;
