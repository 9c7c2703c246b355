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
//! `container` is the signed zip inside every kind; `crypto` the primitives; the desk's
//! `exchange_*` modules make and take each kind.

pub mod container;
pub mod crypto;

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

/// Why an exchange file is refused (turned into the desk's Chinese error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExchangeError {
    Damaged(String),
    BadSignature,
    Version(u32),
    Internal(String),
}

impl ExchangeError {
    pub fn into_error(self, file: &str) -> crate::Error {
        let message = match self {
            ExchangeError::Damaged(m) => format!("文件已损坏或被改动：{m}"),
            ExchangeError::BadSignature => "签名不符：文件不是由对应的评审台签发，或签发后被改动".into(),
            ExchangeError::Version(v) => format!("文件格式版本{v}不受支持（本程序支持版本{VERSION}），请升级评审台"),
            ExchangeError::Internal(m) => format!("内部错误：{m}"),
        };
        crate::Error::invalid(format!("交换文件「{file}」"), message)
    }
}
