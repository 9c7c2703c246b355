//! A letters export (issue 19, `export letters` and 文件导出 › 反馈函 / 补正通知): the letters of
//! one kind written into a folder, one PDF per unit (or expert) named by it plus one file with
//! all of them, each written atomically; then one log entry (`letters.export`) with the files,
//! the seed the feedback letters' comments were shuffled with, whether they carry the seal, and
//! the log head the files carry.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::layout::write_atomic;
use super::pdf::PdfExporter;
use crate::desk::{Actor, Desk, LetterKind, SealImage};
use crate::error::{Error, Result};
use crate::t;
use crate::text::catalog::msg;

/// What a letters export asks for.
#[derive(Debug, Clone, Default)]
pub struct LettersReq {
    pub unit: Option<String>,
    pub expert: Option<String>,
    pub seal: bool,
    /// The feedback letters' shuffle seed; None: a fresh one (the log records it either way).
    pub seed: Option<u64>,
}

/// What was written.
#[derive(Debug, Clone, Serialize)]
pub struct LettersRun {
    pub kind: LetterKind,
    pub files: Vec<PathBuf>,
    /// The letters written (units or experts).
    pub letters: usize,
    pub seed: Option<u64>,
    pub sealed: bool,
}

/// A name fit for a file: path separators and characters Windows refuses made 「_」.
fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
        .collect()
}

/// Writes the letters of `kind` into the folder `dir` (which must exist).
#[allow(clippy::too_many_arguments)]
pub fn export_letters(
    desk: &Desk,
    actor: &Actor,
    year: Option<i32>,
    kind: LetterKind,
    dir: &Path,
    req: &LettersReq,
    pdf: &PdfExporter,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<LettersRun> {
    if !dir.is_dir() {
        return Err(Error::invalid(t!(msg::FILES_FIELD_SAVE_TO), t!(msg::FILES_NO_FOLDER, path = dir.display())));
    }
    if req.expert.is_some() && kind != LetterKind::Invitation {
        return Err(Error::invalid(t!(msg::DECIDE_FIELD_EXPERT), t!(msg::FILES_LETTERS_BY_UNIT)));
    }
    if req.unit.is_some() && kind == LetterKind::Invitation {
        return Err(Error::invalid(t!(msg::YEAR_FIELD_UNIT), t!(msg::FILES_LETTERS_BY_EXPERT)));
    }
    let seal: Option<SealImage> = if req.seal { Some(desk.seal_image()?) } else { None };
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let (letters, seed) = match kind {
        LetterKind::Feedback => {
            let set = desk.feedback_letters(actor, year, req.unit.as_deref(), req.seed)?;
            let n = set.letters.len();
            for (i, l) in set.letters.iter().enumerate() {
                let bytes = pdf.feedback_letters(desk, &set, Some(i), seal.as_ref())?;
                outputs.push((dir.join(format!("{}{}.pdf", file_safe(&l.unit), kind.short())), bytes));
                progress(i + 1, n + 1);
            }
            outputs.push((
                dir.join(format!("全部{}.pdf", kind.short())),
                pdf.feedback_letters(desk, &set, None, seal.as_ref())?,
            ));
            progress(n + 1, n + 1);
            (n, Some(set.seed))
        }
        LetterKind::Return => {
            let notices = desk.return_notices(actor, year, req.unit.as_deref())?;
            let n = notices.len();
            for (i, x) in notices.iter().enumerate() {
                let bytes = pdf.return_notices(desk, std::slice::from_ref(x), seal.as_ref())?;
                let name = format!("{}{}{}.pdf", file_safe(&x.unit), x.award.label(), kind.short());
                outputs.push((dir.join(name), bytes));
                progress(i + 1, n + 1);
            }
            outputs.push((
                dir.join(format!("全部{}.pdf", kind.short())),
                pdf.return_notices(desk, &notices, seal.as_ref())?,
            ));
            progress(n + 1, n + 1);
            (n, None)
        }
        LetterKind::Invitation => {
            let set = desk.invitations(actor, year, req.expert.as_deref())?;
            let n = set.letters.len();
            for (i, l) in set.letters.iter().enumerate() {
                let bytes = pdf.invitations(desk, &set, Some(i), seal.as_ref())?;
                outputs.push((dir.join(format!("{}{}.pdf", file_safe(&l.expert), kind.short())), bytes));
                progress(i + 1, n + 1);
            }
            outputs.push((
                dir.join(format!("全部{}.pdf", kind.short())),
                pdf.invitations(desk, &set, None, seal.as_ref())?,
            ));
            progress(n + 1, n + 1);
            (n, None)
        }
    };
    for (path, bytes) in &outputs {
        write_atomic(path, bytes)?;
    }
    let head = desk.audit_head()?.map(|h| h.to_string());
    let names: Vec<String> = outputs
        .iter()
        .map(|(p, _)| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
        .collect();
    desk.record_letters_export(actor, year, kind, &names, seed, req.seal, head)?;
    Ok(LettersRun { kind, files: outputs.into_iter().map(|(p, _)| p).collect(), letters, seed, sealed: req.seal })
}
