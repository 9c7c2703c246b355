//! The cryptography of exchange files, all from well-kept crates (nothing home-made):
//! ed25519 signatures (`ed25519-dalek`), age encryption to a passphrase (scrypt) or to an X25519
//! recipient (`age`), SHA-256 (`sha2`), and key material from the operating system (`getrandom`).

use crate::error::{Error, Result};
use crate::msg;
use crate::text::{IntoArg, Msg, Text};
use age::secrecy::{ExposeSecret, SecretString};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::str::FromStr;

/// Largest plaintext accepted from a decrypted file (a bound against a hostile file).
pub const MAX_PLAINTEXT: u64 = 256 * 1024 * 1024;

/// `what` (a message of the catalog with `{detail}`) with a library's error as its detail.
fn other(what: &'static Msg, e: impl std::fmt::Display) -> Error {
    Error::other(Text::new(what, vec![("detail", e.to_string().into_arg())]))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// 32 random bytes from the operating system.
pub fn random32() -> Result<[u8; 32]> {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).map_err(|e| other(&msg::EXCHANGE_NO_RANDOM, e))?;
    Ok(b)
}

/// A new ed25519 signing key (its 32 secret bytes).
pub fn new_signing_key() -> Result<[u8; 32]> {
    random32()
}

pub fn public_of(secret: &[u8; 32]) -> [u8; 32] {
    SigningKey::from_bytes(secret).verifying_key().to_bytes()
}

pub fn sign(secret: &[u8; 32], message: &[u8]) -> [u8; 64] {
    SigningKey::from_bytes(secret).sign(message).to_bytes()
}

/// Whether `signature` is `public`'s (strict verification) over `message`.
pub fn verify(public: &[u8; 32], message: &[u8], signature: &[u8]) -> bool {
    let Ok(sig) = <[u8; 64]>::try_from(signature) else { return false };
    let Ok(key) = VerifyingKey::from_bytes(public) else { return false };
    key.verify_strict(message, &Signature::from_bytes(&sig)).is_ok()
}

/// A new age X25519 identity as its secret string (`AGE-SECRET-KEY-1…`).
pub fn new_age_identity() -> String {
    age::x25519::Identity::generate().to_string().expose_secret().to_string()
}

/// The public recipient (`age1…`) of an identity string.
pub fn age_recipient_of(identity: &str) -> Result<String> {
    let id = age::x25519::Identity::from_str(identity).map_err(|e| other(&msg::EXCHANGE_YEAR_KEY_DAMAGED, e))?;
    Ok(id.to_public().to_string())
}

fn seal(encryptor: age::Encryptor, plain: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(plain.len() + 512);
    let mut w = encryptor.wrap_output(&mut out).map_err(|e| other(&msg::EXCHANGE_ENCRYPT_FAILED, e))?;
    w.write_all(plain).map_err(|e| other(&msg::EXCHANGE_ENCRYPT_FAILED, e))?;
    w.finish().map_err(|e| other(&msg::EXCHANGE_ENCRYPT_FAILED, e))?;
    Ok(out)
}

/// scrypt work factor of a package's passphrase (N = 2^18, 256 MiB, about 0.75 s here). Fixed,
/// not timed: age's default picks it by timing this machine, so a package made on a fast,
/// idle machine could be refused on a slower or busy one (its own limit is timed too).
pub const PASSPHRASE_WORK_FACTOR: u8 = 18;
/// The most work a package may ask of the machine opening it (beyond is refused as damaged:
/// a crafted file must not make an expert's laptop compute for hours).
pub const MAX_PASSPHRASE_WORK_FACTOR: u8 = 20;

/// Encrypts to a passphrase (age scrypt at `PASSPHRASE_WORK_FACTOR`).
pub fn encrypt_to_passphrase(plain: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    let mut r = age::scrypt::Recipient::new(SecretString::from(passphrase.to_string()));
    r.set_work_factor(PASSPHRASE_WORK_FACTOR);
    let enc = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
        .map_err(|e| other(&msg::EXCHANGE_ENCRYPT_FAILED, e))?;
    seal(enc, plain)
}

/// Encrypts to an age X25519 recipient (`age1…`).
pub fn encrypt_to_recipient(plain: &[u8], recipient: &str) -> Result<Vec<u8>> {
    let r = age::x25519::Recipient::from_str(recipient).map_err(|e| other(&msg::EXCHANGE_RECIPIENT_INVALID, e))?;
    let enc = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient))
        .map_err(|e| other(&msg::EXCHANGE_ENCRYPT_FAILED, e))?;
    seal(enc, plain)
}

/// Why a file could not be decrypted, for the message the user sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenFailure {
    /// Not an age file at all, or cut short / altered.
    Damaged,
    /// An age file, but the passphrase or key does not open it.
    WrongKey,
    /// Larger than any exchange file may be.
    TooLarge,
}

fn open_with(bytes: &[u8], identity: &dyn age::Identity) -> std::result::Result<Vec<u8>, OpenFailure> {
    let d = age::Decryptor::new_buffered(bytes).map_err(|_| OpenFailure::Damaged)?;
    let r = d.decrypt(std::iter::once(identity)).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys | age::DecryptError::DecryptionFailed => OpenFailure::WrongKey,
        _ => OpenFailure::Damaged,
    })?;
    let mut plain = Vec::new();
    r.take(MAX_PLAINTEXT + 1).read_to_end(&mut plain).map_err(|_| OpenFailure::Damaged)?;
    if plain.len() as u64 > MAX_PLAINTEXT {
        return Err(OpenFailure::TooLarge);
    }
    Ok(plain)
}

/// Decrypts a file encrypted to a passphrase.
pub fn decrypt_with_passphrase(bytes: &[u8], passphrase: &str) -> std::result::Result<Vec<u8>, OpenFailure> {
    let mut id = age::scrypt::Identity::new(SecretString::from(passphrase.to_string()));
    id.set_max_work_factor(MAX_PASSPHRASE_WORK_FACTOR);
    open_with(bytes, &id)
}

/// Decrypts a file encrypted to the X25519 identity given as its secret string.
pub fn decrypt_with_identity(bytes: &[u8], identity: &str) -> std::result::Result<Vec<u8>, OpenFailure> {
    let id = age::x25519::Identity::from_str(identity).map_err(|_| OpenFailure::WrongKey)?;
    open_with(bytes, &id)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn signatures_verify_only_for_their_key_and_message() {
        let sk = new_signing_key().unwrap();
        let pk = public_of(&sk);
        let sig = sign(&sk, b"manifest");
        assert!(verify(&pk, b"manifest", &sig));
        assert!(!verify(&pk, b"manifest!", &sig));
        let other = public_of(&new_signing_key().unwrap());
        assert!(!verify(&other, b"manifest", &sig));
        assert!(!verify(&pk, b"manifest", &sig[..63]));
    }

    #[test]
    fn recipient_encryption_round_trip_and_wrong_key() {
        let id = new_age_identity();
        let r = age_recipient_of(&id).unwrap();
        assert!(r.starts_with("age1"));
        let c = encrypt_to_recipient(b"scores", &r).unwrap();
        assert!(!c.windows(6).any(|w| w == b"scores"));
        assert_eq!(decrypt_with_identity(&c, &id).unwrap(), b"scores");
        assert_eq!(decrypt_with_identity(&c, &new_age_identity()), Err(OpenFailure::WrongKey));
        assert_eq!(decrypt_with_identity(&c[..c.len() - 3], &id), Err(OpenFailure::Damaged));
        assert_eq!(decrypt_with_identity(b"not an age file", &id), Err(OpenFailure::Damaged));
    }

    /// A package's passphrase work factor is fixed, not timed on the machine that makes it (a
    /// timed one made on a fast machine was refused on a busy one — found in CI); a file asking
    /// for more than the maximum is refused before any scrypt work.
    #[test]
    fn passphrase_work_factor_is_fixed_and_bounded() {
        let c = encrypt_to_passphrase(b"package", "correct horse").unwrap();
        let header = String::from_utf8_lossy(&c[..c.len().min(200)]).to_string();
        let stanza = header.lines().find(|l| l.starts_with("-> scrypt ")).unwrap().to_string();
        assert!(stanza.ends_with(&format!(" {PASSPHRASE_WORK_FACTOR}")), "{stanza}");
        assert_eq!(decrypt_with_passphrase(&c, "correct horse").unwrap(), b"package");
        let greedy =
            stanza.replace(&format!(" {PASSPHRASE_WORK_FACTOR}"), &format!(" {}", MAX_PASSPHRASE_WORK_FACTOR + 1));
        let at = c.windows(stanza.len()).position(|w| w == stanza.as_bytes()).unwrap();
        let mut forged = c[..at].to_vec();
        forged.extend_from_slice(greedy.as_bytes());
        forged.extend_from_slice(&c[at + stanza.len()..]);
        assert_eq!(decrypt_with_passphrase(&forged, "correct horse"), Err(OpenFailure::Damaged));
    }
}
