//! The signed container inside every exchange file: a zip holding `manifest.json`, its ed25519
//! signature `manifest.sig` (hex) and the parts the manifest lists with their SHA-256. Reading is
//! bounded (entries, sizes) and checks, in order: the zip, the manifest, the signature, then every
//! part's size and hash; a part not listed, or listed and missing, refuses the whole file.

use super::crypto;
use super::{ExchangeError, Manifest, Part, FORMAT, MAX_ENTRIES, MAX_PART, VERSION};
use crate::{msg, t};
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

/// Builds the container: the manifest gets the parts' names, sizes and hashes, and is signed.
pub fn seal(
    mut manifest: Manifest,
    parts: &BTreeMap<String, Vec<u8>>,
    signing_key: &[u8; 32],
) -> Result<Vec<u8>, ExchangeError> {
    manifest.parts = parts
        .iter()
        .map(|(name, bytes)| Part { name: name.clone(), sha256: crypto::sha256_hex(bytes), size: bytes.len() as u64 })
        .collect();
    manifest.signer = hex::encode(crypto::public_of(signing_key));
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).map_err(|e| ExchangeError::Internal(e.to_string()))?;
    let signature = hex::encode(crypto::sign(signing_key, &manifest_bytes));
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, bytes: &[u8], opts| -> Result<(), ExchangeError> {
        zip.start_file(name, opts).map_err(|e| ExchangeError::Internal(e.to_string()))?;
        zip.write_all(bytes).map_err(|e| ExchangeError::Internal(e.to_string()))
    };
    put("manifest.json", &manifest_bytes, deflated)?;
    put("manifest.sig", signature.as_bytes(), stored)?;
    for (name, bytes) in parts {
        put(name, bytes, deflated)?;
    }
    let out = zip.finish().map_err(|e| ExchangeError::Internal(e.to_string()))?;
    Ok(out.into_inner())
}

/// A container read and checked: its manifest and parts, the manifest's own bytes (for an
/// idempotency fingerprint) and whether its signature is the given key's.
pub struct Opened {
    pub manifest: Manifest,
    pub manifest_sha256: String,
    pub parts: BTreeMap<String, Vec<u8>>,
}

fn read_entry(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, limit: u64) -> Result<Vec<u8>, ExchangeError> {
    let entry = archive.by_name(name).map_err(|_| ExchangeError::Damaged(t!(msg::EXCHANGE_PART_MISSING, name)))?;
    if entry.size() > limit {
        return Err(ExchangeError::Damaged(t!(msg::EXCHANGE_PART_TOO_LARGE, name)));
    }
    let mut out = Vec::with_capacity(entry.size() as usize);
    entry
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|_| ExchangeError::Damaged(t!(msg::EXCHANGE_PART_UNREADABLE, name)))?;
    if out.len() as u64 > limit {
        return Err(ExchangeError::Damaged(t!(msg::EXCHANGE_PART_TOO_LARGE, name)));
    }
    Ok(out)
}

/// Reads and checks a container. `expected_signer`: the public key the signature must be made
/// with; `None` accepts the key the manifest names (a first contact, e.g. an applicant's file),
/// which still proves the file unaltered since it was signed.
pub fn open(bytes: &[u8], expected_signer: Option<&[u8; 32]>) -> Result<Opened, ExchangeError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| ExchangeError::Damaged(t!(msg::EXCHANGE_NOT_EXCHANGE_OR_CUT)))?;
    if archive.len() > MAX_ENTRIES {
        return Err(ExchangeError::Damaged(t!(msg::EXCHANGE_TOO_MANY_ENTRIES)));
    }
    let manifest_bytes = read_entry(&mut archive, "manifest.json", 4 * 1024 * 1024)?;
    let sig_hex = read_entry(&mut archive, "manifest.sig", 256)?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
        .map_err(|_| ExchangeError::Damaged(t!(msg::EXCHANGE_MANIFEST_UNREADABLE)))?;
    if manifest.format != FORMAT {
        return Err(ExchangeError::Damaged(t!(msg::EXCHANGE_NOT_EXCHANGE)));
    }
    if manifest.version != VERSION {
        return Err(ExchangeError::Version(manifest.version));
    }
    let signer: [u8; 32] = hex::decode(&manifest.signer)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| ExchangeError::Damaged(t!(msg::EXCHANGE_SIGNER_INVALID)))?;
    if let Some(expected) = expected_signer {
        if *expected != signer {
            return Err(ExchangeError::BadSignature);
        }
    }
    let sig = std::str::from_utf8(&sig_hex)
        .ok()
        .and_then(|s| hex::decode(s.trim()).ok())
        .ok_or(ExchangeError::BadSignature)?;
    if !crypto::verify(&signer, &manifest_bytes, &sig) {
        return Err(ExchangeError::BadSignature);
    }
    let listed: Vec<&str> = manifest.parts.iter().map(|p| p.name.as_str()).collect();
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|_| ExchangeError::Damaged(t!(msg::EXCHANGE_ENTRY_DAMAGED)))?;
        let name = entry.name().map_err(|_| ExchangeError::Damaged(t!(msg::EXCHANGE_ENTRY_NAME)))?.to_string();
        drop(entry);
        if name != "manifest.json" && name != "manifest.sig" && !listed.contains(&name.as_str()) {
            return Err(ExchangeError::Damaged(t!(msg::EXCHANGE_PART_UNLISTED, name)));
        }
    }
    let mut parts = BTreeMap::new();
    for p in &manifest.parts {
        if p.size > MAX_PART {
            return Err(ExchangeError::Damaged(t!(msg::EXCHANGE_PART_TOO_LARGE, name = p.name.as_str())));
        }
        let data = read_entry(&mut archive, &p.name, p.size)?;
        if data.len() as u64 != p.size || crypto::sha256_hex(&data) != p.sha256 {
            return Err(ExchangeError::Damaged(t!(msg::EXCHANGE_PART_MISMATCH, name = p.name.as_str())));
        }
        parts.insert(p.name.clone(), data);
    }
    Ok(Opened { manifest_sha256: crypto::sha256_hex(&manifest_bytes), manifest, parts })
}
