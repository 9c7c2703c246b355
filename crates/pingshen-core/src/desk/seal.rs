//! The issuing body's seal (印章, issue 19): loaded by the secretariat from a PNG with
//! transparency of at most [`SEAL_MAX_BYTES`], kept only in the database (so in every backup),
//! never written to any other file; placed over the signature and date of the award notice, the
//! publicity list and the letters when an export asks for it. Every refusal is in Chinese, names
//! the fix, and stores nothing.

use std::path::Path;

use serde::Serialize;

use super::rows::seal::{self, SealRow};
use super::{Actor, Desk, Role};
use crate::error::{Error, Result};
use crate::exchange::crypto::sha256_hex;
use crate::store;
use crate::text::catalog::msg;
use crate::text::Text;
use crate::{t, AuditAction};

/// The largest seal file taken: 1 MB (issue 19).
pub const SEAL_MAX_BYTES: usize = 1 << 20;

/// The field every refusal of a seal file names: 印章图片.
fn field() -> Text {
    t!(msg::DECIDE_FIELD_SEAL)
}

/// The seal as settings show it (no image bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SealInfo {
    pub sha256: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u32,
    pub set_by: String,
    pub set_at: String,
}

/// The seal decoded for printing: 8-bit RGBA pixels, row by row from the top.
#[derive(Clone, PartialEq, Eq)]
pub struct SealImage {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
    pub sha256: String,
}

impl std::fmt::Debug for SealImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SealImage").field("width", &self.width).field("height", &self.height).finish_non_exhaustive()
    }
}

/// Decodes and checks a seal file's bytes: a PNG (by its signature and a full decode), at most
/// [`SEAL_MAX_BYTES`], with an alpha channel (or a transparent colour) that makes at least one
/// pixel transparent. Errors name the field and the fix.
pub fn decode_seal(bytes: &[u8]) -> Result<SealImage> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.len() > SEAL_MAX_BYTES {
        return Err(Error::invalid(
            field(),
            t!(msg::DECIDE_SEAL_TOO_BIG, size = format!("{:.1}", bytes.len() as f64 / (1 << 20) as f64)),
        ));
    }
    if !bytes.starts_with(SIGNATURE) {
        return Err(Error::invalid(field(), t!(msg::DECIDE_SEAL_NOT_PNG)));
    }
    let broken = |e: png::DecodingError| Error::invalid(field(), t!(msg::DECIDE_SEAL_BROKEN, detail = e.to_string()));
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(broken)?;
    let (w, h) = (reader.info().width, reader.info().height);
    if w < 16 || h < 16 || w > 4096 || h > 4096 {
        return Err(Error::invalid(field(), t!(msg::DECIDE_SEAL_DIMENSIONS, w, h)));
    }
    let size =
        reader.output_buffer_size().ok_or_else(|| Error::invalid(field(), t!(msg::DECIDE_SEAL_UNREADABLY_LARGE)))?;
    let mut buf = vec![0u8; size];
    let out = reader.next_frame(&mut buf).map_err(broken)?;
    buf.truncate(out.buffer_size());
    let rgba: Vec<u8> = match out.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::GrayscaleAlpha => buf.chunks_exact(2).flat_map(|p| [p[0], p[0], p[0], p[1]]).collect(),
        _ => return Err(Error::invalid(field(), t!(msg::DECIDE_SEAL_NO_ALPHA))),
    };
    if rgba.chunks_exact(4).all(|p| p[3] == 255) {
        return Err(Error::invalid(field(), t!(msg::DECIDE_SEAL_OPAQUE)));
    }
    Ok(SealImage { width: w, height: h, rgba, sha256: sha256_hex(bytes) })
}

impl Desk {
    /// Loads the seal from a PNG file (secretariat). The file is checked whole before anything is
    /// stored; the log records its SHA-256 and size.
    pub fn set_seal(&self, actor: &Actor, path: &Path) -> Result<SealInfo> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_SET_SEAL))?;
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.len() > SEAL_MAX_BYTES as u64 {
            return Err(decode_seal(&vec![0; SEAL_MAX_BYTES + 1]).expect_err("too large"));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let img = decode_seal(&bytes)?;
        let row = SealRow {
            png: bytes,
            sha256: img.sha256.clone(),
            width: img.width,
            height: img.height,
            actor: actor.audit_name(),
            at: store::now_utc(),
        };
        self.write(|tx| {
            seal::put(tx, &row)?;
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::SealSet,
                "seal",
                &serde_json::json!({"sha256": row.sha256, "bytes": row.png.len(), "width": row.width, "height": row.height}),
            )
        })?;
        Ok(info(&row))
    }

    /// Removes the seal (secretariat); refused when none is set.
    pub fn clear_seal(&self, actor: &Actor) -> Result<()> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_CLEAR_SEAL))?;
        self.write(|tx| {
            let old = seal::get(tx)?;
            let Some(old) = old else {
                return Err(Error::rule(t!(msg::DECIDE_SEAL_NOTHING_TO_CLEAR)));
            };
            seal::delete(tx)?;
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::SealClear,
                "seal",
                &serde_json::json!({"sha256": old.sha256}),
            )
        })
    }

    /// The seal as settings show it, None when none is set (secretariat).
    pub fn seal_info(&self, actor: &Actor) -> Result<Option<SealInfo>> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_VIEW_SEAL))?;
        Ok(seal::get(&self.conn)?.as_ref().map(info))
    }

    /// The seal decoded for printing; refused naming the fix when none is set.
    pub fn seal_image(&self) -> Result<SealImage> {
        let row = seal::get(&self.conn)?.ok_or_else(|| Error::rule(t!(msg::DECIDE_SEAL_NOT_SET)))?;
        decode_seal(&row.png)
    }
}

fn info(row: &SealRow) -> SealInfo {
    SealInfo {
        sha256: row.sha256.clone(),
        width: row.width,
        height: row.height,
        bytes: row.png.len() as u32,
        set_by: row.actor.clone(),
        set_at: row.at.clone(),
    }
}
