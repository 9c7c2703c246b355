//! The import preview: what importing a spreadsheet would do — its rows and every problem the
//! real import would refuse it with (including those that depend on the database, like a
//! duplicate dossier) — with nothing saved. The real import runs on an in-memory copy of the
//! database that is thrown away.

use super::{Actor, Desk, Role};
use crate::error::{Error, ImportProblem, Result};
use crate::import;
use crate::{msg, t};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// Which spreadsheet of SPEC: 申报汇总表, 评审专家库 or 评分录入.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Dossiers,
    Experts,
    Scores,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PreviewRow {
    /// The row number as the spreadsheet shows it (the header is row 1).
    pub row: usize,
    pub cells: Vec<String>,
    /// No problem names this row.
    pub ok: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportPreview {
    pub kind: ImportKind,
    pub file: String,
    pub columns: Vec<String>,
    /// At most [`PREVIEW_ROWS`] rows.
    pub rows: Vec<PreviewRow>,
    pub total_rows: usize,
    pub problems: Vec<ImportProblem>,
    pub notes: Vec<String>,
    /// What the import would store (dossiers, experts or sheets) when it has no problem.
    pub would_import: usize,
    pub importable: bool,
}

pub const PREVIEW_ROWS: usize = 2000;

impl Desk {
    /// Previews an import (secretariat). Writes nothing, not even to the audit log.
    pub fn preview_import(
        &self,
        actor: &Actor,
        year: Option<i32>,
        kind: ImportKind,
        path: &Path,
    ) -> Result<ImportPreview> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_PREVIEW_IMPORT))?;
        let table = import::read_table(path);
        let (columns, rows, total, mut notes, file) = match &table {
            Ok(t) => (
                t.headers.clone(),
                t.rows
                    .iter()
                    .take(PREVIEW_ROWS)
                    .map(|(n, cells)| (*n, cells.iter().map(|c| c.text()).collect::<Vec<_>>()))
                    .collect::<Vec<_>>(),
                t.rows.len(),
                t.notes.clone(),
                t.file.clone(),
            ),
            Err(_) => (
                Vec::new(),
                Vec::new(),
                0,
                Vec::new(),
                path.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default(),
            ),
        };
        // The real import, on a throw-away copy.
        let scratch = self.scratch_copy()?;
        let outcome = match kind {
            ImportKind::Dossiers => scratch.import_dossiers(actor, year, path).map(|r| (r.imported, r.notes)),
            ImportKind::Experts => scratch.import_experts(actor, year, path).map(|r| (r.imported, r.notes)),
            ImportKind::Scores => scratch.import_scores(actor, year, path).map(|r| (r.imported, r.notes)),
        };
        let (problems, would_import) = match outcome {
            Ok((n, more)) => {
                for m in more {
                    if !notes.contains(&m) {
                        notes.push(m);
                    }
                }
                (Vec::new(), n)
            }
            Err(Error::Import { problems, .. }) => (problems, 0),
            Err(e) => return Err(e),
        };
        let rows = rows
            .into_iter()
            .map(|(row, cells)| PreviewRow { ok: !problems.iter().any(|p| p.row == row), row, cells })
            .collect();
        Ok(ImportPreview {
            kind,
            file,
            columns,
            rows,
            total_rows: total,
            importable: problems.is_empty() && would_import > 0,
            problems,
            notes,
            would_import,
        })
    }
}
