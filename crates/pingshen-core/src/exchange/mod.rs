//! Exchange files: the offline hand-over between applicants, the secretariat and experts
//! (`docs/exchange-format.md`). One format, three kinds:
//!
//! - **dossier file** (applicant → secretariat): one unit's dossier with its attachments; signed
//!   with the applicant installation's key (proves it unaltered), not encrypted;
//! - **review package** (secretariat → one expert): the expert's dossiers, attachments, the frozen
//!   rubrics and policy, the expert's identity, a one-time signing key for the return and the
//!   year's public keys; signed with the year's key, encrypted to a passphrase (age, scrypt);
//! - **score return** (expert → secretariat): that expert's submitted scores for exactly the
//!   package's dossiers; signed with the package's one-time key, encrypted to the year's X25519
//!   public key, so only the secretariat reads it and knows it came, unaltered, from the package.
//!
//! `container` is the signed zip inside every kind; `crypto` the primitives; `kind` tells a
//! file's kind before its passphrase or key is at hand; the desk's `exchange_*` modules make and
//! take each kind.

pub mod container;
pub mod crypto;
pub mod kind;

use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "pingshen-exchange";
pub const VERSION: u32 = 1;
pub const MAX_ENTRIES: usize = 10_000;
/// Largest single part (an attachment).
pub const MAX_PART: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum ExchangeKind {
    DossierFile,
    ReviewPackage,
    ScoreReturn,
}

impl ExchangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ExchangeKind::DossierFile => "申报材料文件",
            ExchangeKind::ReviewPackage => "评审材料包",
            ExchangeKind::ScoreReturn => "评分回执",
        }
    }
}

/// One part of a container as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub name: String,
    pub sha256: String,
    pub size: u64,
}

/// `manifest.json`: what the file is, for which year and database, and every part's hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub kind: ExchangeKind,
    pub year: i32,
    /// The secretariat database the file belongs to (review package, score return), or the
    /// applicant installation's (dossier file).
    pub database_id: String,
    /// The review package's id (review package and its score returns); else empty.
    pub package_id: String,
    pub created_at: String,
    /// The ed25519 public key (hex) the manifest is signed with.
    pub signer: String,
    pub parts: Vec<Part>,
}

impl Manifest {
    pub fn new(kind: ExchangeKind, year: i32, database_id: &str, package_id: &str) -> Manifest {
        Manifest {
            format: FORMAT.into(),
            version: VERSION,
            kind,
            year,
            database_id: database_id.into(),
            package_id: package_id.into(),
            created_at: crate::store::now_utc(),
            signer: String::new(),
            parts: Vec::new(),
        }
    }
}

/// Why an exchange file is refused (turned into the desk's error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExchangeError {
    Damaged(crate::Text),
    BadSignature,
    Version(u32),
    /// A library's error while making a file (its own words).
    Internal(String),
}

impl ExchangeError {
    /// The error about the file `file` (its name, or the kind of file being made).
    pub fn into_error(self, file: impl crate::text::IntoArg) -> crate::Error {
        use crate::{msg, t};
        let message = match self {
            ExchangeError::Damaged(detail) => t!(msg::EXCHANGE_DAMAGED, detail),
            ExchangeError::BadSignature => t!(msg::EXCHANGE_BAD_SIGNATURE),
            ExchangeError::Version(version) => t!(msg::EXCHANGE_VERSION, version, supported = VERSION),
            ExchangeError::Internal(detail) => t!(msg::EXCHANGE_INTERNAL, detail),
        };
        crate::Error::invalid(t!(msg::EXCHANGE_FIELD_FILE, file), message)
    }
}

impl ExchangeKind {
    /// The kind's name as a text.
    pub fn text(self) -> crate::Text {
        match self {
            ExchangeKind::DossierFile => crate::t!(crate::msg::KIND_DOSSIER_FILE),
            ExchangeKind::ReviewPackage => crate::t!(crate::msg::KIND_REVIEW_PACKAGE),
            ExchangeKind::ScoreReturn => crate::t!(crate::msg::KIND_SCORE_RETURN),
        }
    }
}
