//! A finished year's archive (年度归档) as far as the desk is concerned: who may make one and of
//! which year (the secretariat, of a published year), the log entry recording it, and the
//! archive's `manifest.json` — what it lists, and reading it back from a zip with every file's
//! size and SHA-256 checked (for `audit verify --against ARCHIVE.zip`). The documents themselves
//! are rendered by `export::archive`, above the desk.

use super::campaign::load;
use super::{Actor, Campaign, Desk, Role};
use crate::error::{Error, Result};
use crate::exchange::crypto::sha256_hex;
use crate::store::{self, AuditHead};
use crate::t;
use crate::text::catalog::msg;
use crate::workflow::Stage;
use crate::AuditAction;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// The `format` of an archive's manifest.
pub const ARCHIVE_FORMAT: &str = "pingshen-archive";
/// The manifest's name in the zip.
pub const MANIFEST_NAME: &str = "manifest.json";
/// More than any manifest Pingshen writes (a few hundred files); a bigger one is not ours.
const MANIFEST_MAX: u64 = 8 << 20;

/// `manifest.json`: every other file of the archive with its size and SHA-256, and the audit
/// log's head the archive was made at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ArchiveManifest {
    /// Always [`ARCHIVE_FORMAT`].
    pub format: String,
    pub version: u32,
    pub year: i32,
    /// When it was made (UTC, RFC 3339).
    pub made_at: String,
    /// The log's last entry when the documents were made (each PDF/XLSX carries it too).
    pub audit_head: AuditHead,
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ManifestFile {
    /// The path in the zip, e.g. 「申报材料/001 北京市科学技术协会（后补助）.pdf」.
    pub name: String,
    /// 文件题名 as the contents list gives it.
    pub title: String,
    #[ts(type = "number")]
    pub size: u64,
    /// Lower-case hex.
    pub sha256: String,
}

/// What the log records of an archive made (and what the window reports).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ArchiveMade {
    pub year: i32,
    pub file: String,
    /// Files in the zip, the manifest included.
    pub files: usize,
    #[ts(type = "number")]
    pub bytes: u64,
    pub audit_head: AuditHead,
    /// SHA-256 of `manifest.json` as stored in the zip (the log keeps it).
    pub manifest_sha256: String,
}

impl Desk {
    /// The year an archive may be made of: the secretariat's, of a published year only (an
    /// archive holds the final documents; before publication there are none).
    pub fn archivable(&self, actor: &Actor, year: Option<i32>) -> Result<Campaign> {
        self.require(actor, Role::Secretariat, t!(msg::FILES_ACTION_ARCHIVE))?;
        let c = load(&self.conn, year)?;
        if c.stage != Stage::Published {
            return Err(Error::invalid(
                t!(msg::FILES_FIELD_YEAR),
                t!(msg::FILES_ARCHIVE_UNPUBLISHED, year = c.year, stage = c.stage.text()),
            ));
        }
        Ok(c)
    }

    /// Records the archive made: one log entry with its manifest's hash, in the transaction
    /// that also runs `finish` (the rename of the written zip into place), so that either both
    /// happen or neither does.
    pub fn record_archive(&self, actor: &Actor, made: &ArchiveMade, finish: impl FnOnce() -> Result<()>) -> Result<()> {
        self.require(actor, Role::Secretariat, t!(msg::FILES_ACTION_ARCHIVE))?;
        self.write(|tx| {
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::ArchiveMake,
                &format!("campaign:{}", made.year),
                &serde_json::json!({
                    "file": made.file,
                    "files": made.files,
                    "bytes": made.bytes,
                    "head": made.audit_head.to_string(),
                    "manifest_sha256": made.manifest_sha256,
                }),
            )?;
            finish()
        })
    }

    /// The log entry recording the archive whose manifest has this hash, if any.
    pub(crate) fn archive_entry(&self, manifest_sha256: &str) -> Result<Option<i64>> {
        let mut st = self.conn.prepare("SELECT seq, detail FROM audit WHERE action = ?1 ORDER BY seq")?;
        let rows =
            st.query_map([AuditAction::ArchiveMake.code()], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (seq, detail) = row?;
            let v: serde_json::Value = serde_json::from_str(&detail).unwrap_or_default();
            if v["manifest_sha256"].as_str() == Some(manifest_sha256) {
                return Ok(Some(seq));
            }
        }
        Ok(None)
    }
}

/// An archive read back: its manifest, the manifest's own hash, and the files whose size or
/// SHA-256 differ from it (or that it lists and the zip lacks, or the zip holds unlisted).
#[derive(Debug, Clone)]
pub struct ArchiveRead {
    pub manifest: ArchiveManifest,
    pub manifest_sha256: String,
    pub mismatched: Vec<String>,
}

/// Reads an archive's manifest from a zip and checks every file against it. `Ok(None)`: the zip
/// is not an archive of ours (no manifest of [`ARCHIVE_FORMAT`]), e.g. an XLSX.
pub fn read_archive(path: &Path) -> Result<Option<ArchiveRead>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else { return Ok(None) };
    let manifest_bytes = {
        let Ok(part) = zip.by_name(MANIFEST_NAME) else { return Ok(None) };
        let mut b = Vec::new();
        part.take(MANIFEST_MAX).read_to_end(&mut b).map_err(|e| Error::io(path, e))?;
        b
    };
    let Ok(manifest) = serde_json::from_slice::<ArchiveManifest>(&manifest_bytes) else { return Ok(None) };
    if manifest.format != ARCHIVE_FORMAT {
        return Ok(None);
    }
    let mut mismatched = Vec::new();
    for f in &manifest.files {
        let ok = match zip.by_name(&f.name) {
            Ok(mut part) => {
                let mut h = Sha256::new();
                let mut buf = vec![0u8; 64 * 1024];
                let mut size = 0u64;
                loop {
                    // stop reading a part that grows past what the manifest says
                    let n = part.read(&mut buf).map_err(|_| damaged(path))?;
                    if n == 0 || size > f.size {
                        break;
                    }
                    size += n as u64;
                    h.update(&buf[..n]);
                }
                size == f.size && hex::encode(h.finalize()) == f.sha256
            }
            Err(_) => false,
        };
        if !ok {
            mismatched.push(f.name.clone());
        }
    }
    let listed: std::collections::HashSet<&str> = manifest.files.iter().map(|f| f.name.as_str()).collect();
    for name in zip.file_names() {
        let name = name.map_err(|_| damaged(path))?;
        if name != MANIFEST_NAME && !name.ends_with('/') && !listed.contains(name.as_ref()) {
            mismatched.push(name.to_string());
        }
    }
    mismatched.sort();
    Ok(Some(ArchiveRead { manifest, manifest_sha256: sha256_hex(&manifest_bytes), mismatched }))
}

fn damaged(path: &Path) -> Error {
    Error::invalid(t!(msg::FILES_FIELD_ARCHIVE), t!(msg::FILES_ARCHIVE_DAMAGED, path = path.display()))
}
