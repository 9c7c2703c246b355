//! Whether the log still reaches the head a file carries: a backup (its own log's last entry) or
//! a document exported by Pingshen (the head written into its properties as
//! 「pingshen-audit-head=SEQ:HASH」: a PDF's Keywords, an XLSX's core properties), or a year's
//! archive (the head in its `manifest.json`, every file checked against it). A clerk picks
//! the notice sent last month, or a backup on a USB stick, and learns whether entries were cut
//! from the log or rewritten since.

use super::archive::read_archive;
use super::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::store::open_foreign;
use crate::store::{self, AuditHead, HEAD_KEYWORD};
use crate::t;
use crate::text::catalog::msg;
use rusqlite::OptionalExtension;
use serde::Serialize;
use std::io::Read;
use std::path::Path;

/// The kind of an archive (年度归档) in a [`HeadReached`].
const ARCHIVE_KIND: &str = "年度归档";
/// More than any core.xml Pingshen writes; a bigger part is not ours (and is not inflated).
const CORE_XML_MAX: u64 = 1 << 20;

/// The answer for one file: the head it carries and whether the log still reaches it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct HeadReached {
    pub file: String,
    /// 「备份」, 「PDF文件」, 「XLSX文件」 or 「年度归档」.
    pub kind: String,
    pub head: AuditHead,
    /// False when entries after the head were cut off or the entry at it was rewritten.
    pub reached: bool,
    /// What was found, in Chinese (the cut or rewrite named when not reached).
    pub message: String,
    /// For a year's archive: the files whose size or SHA-256 no longer match its manifest (or
    /// that are missing or were added). Empty for other files.
    pub altered: Vec<String>,
}

impl Desk {
    /// Reads the head a backup or an exported PDF/XLSX carries and checks that the log still
    /// reaches it. A file that carries none, or is none of these, is refused naming it.
    pub fn check_against_file(&self, actor: &Actor, path: &Path) -> Result<HeadReached> {
        self.require(actor, Role::Secretariat, t!(msg::FILES_ACTION_CHECK_FILE))?;
        let (kind, head) = head_of_file(path)?;
        let (reached, mut message) = match store::reaches(&self.conn, &head) {
            Ok(()) => (true, format!("操作日志仍完整到达{kind}记录的第{}条（{}）", head.seq, path.display())),
            Err(Error::Tampered(m)) => (false, format!("{}：{m}{}", path.display(), self.restore_note()?)),
            Err(e) => return Err(e),
        };
        let mut altered = Vec::new();
        if kind == ARCHIVE_KIND {
            let (note, files) = self.archive_note(path)?;
            message.push_str(&note);
            altered = files;
        }
        Ok(HeadReached { file: path.display().to_string(), kind: kind.into(), head, reached, message, altered })
    }

    /// For an archive: whether its files still match its manifest, and the log entry recording
    /// it (the manifest's hash is in the log); the files that do not match.
    fn archive_note(&self, path: &Path) -> Result<(String, Vec<String>)> {
        let Some(a) = read_archive(path)? else { return Ok((String::new(), Vec::new())) };
        let files = if a.mismatched.is_empty() {
            format!("。归档中{}个文件与清单（manifest.json）的大小和SHA-256一致", a.manifest.files.len())
        } else {
            format!(
                "。归档中有{}个文件与清单（manifest.json）不符，已被改动、缺失或为后加：{}",
                a.mismatched.len(),
                a.mismatched.join("、")
            )
        };
        let entry = match self.archive_entry(&a.manifest_sha256)? {
            Some(seq) => format!("；第{seq}条日志记有制作此归档，清单未被改动"),
            None => "；日志中没有制作此归档的记录（清单可能被改动，或归档来自另一个数据库）".to_string(),
        };
        Ok((format!("{files}{entry}"), a.mismatched))
    }

    /// A log that no longer reaches a file made before a restore is expected: the restored
    /// backup's log continues from its own end. Said, so that a restore is not taken for a cut.
    fn restore_note(&self) -> Result<String> {
        let last: Option<i64> = self
            .conn
            .query_row("SELECT max(seq) FROM audit WHERE action = 'restore'", [], |r| r.get(0))
            .optional()?
            .flatten();
        Ok(match last {
            Some(seq) => format!(
                "。注意：第{seq}条日志记有一次恢复备份；若该文件是在恢复之前制作的，恢复后的日志本就不含其后的记录"
            ),
            None => String::new(),
        })
    }
}

/// The kind of file and the head it carries. A backup's own chain must be whole.
pub(crate) fn head_of_file(path: &Path) -> Result<(&'static str, AuditHead)> {
    // a backup is opened by SQLite; only a document is read whole
    let mut magic = Vec::with_capacity(16);
    std::fs::File::open(path).and_then(|f| f.take(16).read_to_end(&mut magic)).map_err(|e| Error::io(path, e))?;
    if magic.starts_with(b"SQLite format 3\0") {
        return Ok(("备份", backup_head(path)?));
    }
    if magic.starts_with(b"PK\x03\x04") {
        if let Some(a) = read_archive(path)? {
            return Ok((ARCHIVE_KIND, a.manifest.audit_head));
        }
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let field = || t!(msg::FILES_FIELD_CHECKED_FILE);
    let (kind, kind_text, keywords) = if bytes.starts_with(b"%PDF-") {
        ("PDF文件", t!(msg::FILES_KIND_PDF), pdf_keywords(&bytes))
    } else if bytes.starts_with(b"PK\x03\x04") {
        ("XLSX文件", t!(msg::FILES_KIND_XLSX), xlsx_keywords(&bytes))
    } else {
        return Err(Error::invalid(field(), t!(msg::FILES_NOT_CHECKABLE, path = path.display())));
    };
    let text = keywords.unwrap_or_default();
    let Some(at) = text.find(HEAD_KEYWORD) else {
        return Err(Error::invalid(field(), t!(msg::FILES_NO_HEAD_IN_FILE, path = path.display(), kind = kind_text)));
    };
    let value: String =
        text[at + HEAD_KEYWORD.len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == ':').collect();
    let head = value
        .parse::<AuditHead>()
        .map_err(|_| Error::invalid(field(), t!(msg::FILES_HEAD_INCOMPLETE, path = path.display(), value = &value)))?;
    Ok((kind, head))
}

/// The last entry of a backup's log, after checking that its chain is whole.
pub(crate) fn backup_head(path: &Path) -> Result<AuditHead> {
    let b = open_foreign(path)?;
    let field = || t!(msg::FILES_FIELD_BACKUP_FILE);
    store::verify_chain(&b).map_err(|e| {
        Error::invalid(field(), t!(msg::FILES_BACKUP_OWN_LOG, path = path.display(), detail = e.text()))
    })?;
    store::head(&b)?.ok_or_else(|| Error::invalid(field(), t!(msg::FILES_BACKUP_NO_LOG_IN, path = path.display())))
}

/// The Keywords of a PDF's document information (the last one: a later incremental update
/// replaces earlier ones), as a hex or a literal string, UTF-16BE with its mark or bytes.
fn pdf_keywords(pdf: &[u8]) -> Option<String> {
    const KEY: &[u8] = b"/Keywords";
    let at = pdf.windows(KEY.len()).rposition(|w| w == KEY)? + KEY.len();
    let rest = &pdf[at..];
    let start = rest.iter().position(|b| !b.is_ascii_whitespace())?;
    let raw = match rest[start] {
        b'<' => {
            let end = rest[start..].iter().position(|&b| b == b'>')? + start;
            let hex: Vec<u8> = rest[start + 1..end].iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
            hex::decode(hex).ok()?
        }
        b'(' => literal_string(&rest[start + 1..])?,
        _ => return None,
    };
    Some(text_string(&raw))
}

/// A PDF literal string up to its closing parenthesis: escapes and nesting as the format has
/// them (octal escapes are not used for the ASCII head, so they are read as their digits).
fn literal_string(s: &[u8]) -> Option<Vec<u8>> {
    let (mut out, mut depth, mut i) = (Vec::new(), 0usize, 0usize);
    while i < s.len() {
        match s[i] {
            b'\\' if i + 1 < s.len() => {
                i += 1;
                out.push(match s[i] {
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    c => c,
                });
            }
            b'(' => {
                depth += 1;
                out.push(b'(');
            }
            b')' if depth == 0 => return Some(out),
            b')' => {
                depth -= 1;
                out.push(b')');
            }
            c => out.push(c),
        }
        i += 1;
    }
    None
}

/// A PDF text string: UTF-16BE after its byte-order mark, otherwise bytes read as UTF-8.
fn text_string(raw: &[u8]) -> String {
    match raw.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(raw).into_owned(),
    }
}

/// The keywords of an XLSX's core properties (docProps/core.xml).
fn xlsx_keywords(bytes: &[u8]) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let part = zip.by_name("docProps/core.xml").ok()?;
    let mut xml = String::new();
    part.take(CORE_XML_MAX).read_to_string(&mut xml).ok()?;
    let open = xml.find("<cp:keywords>")? + "<cp:keywords>".len();
    let close = xml[open..].find("</cp:keywords>")? + open;
    Some(xml[open..close].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_keywords_read_as_hex_utf16_or_literal_and_the_last_one_counts() {
        let hex = b"%PDF-1.7\n<</Title(x)/Keywords<FEFF0061003D0031>>>\n".to_vec();
        assert_eq!(pdf_keywords(&hex).as_deref(), Some("a=1"));
        let literal = b"%PDF-1.4\n<</Keywords (old)>>\n<</Keywords (pingshen-audit-head=3:ab\\)c)>>".to_vec();
        assert_eq!(pdf_keywords(&literal).as_deref(), Some("pingshen-audit-head=3:ab)c"));
        assert_eq!(pdf_keywords(b"%PDF-1.7\n<</Keywords<FEFF0061"), None, "cut off: nothing, no panic");
        assert_eq!(pdf_keywords(b"%PDF-1.7\n<</Title(x)>>"), None);
    }
}
