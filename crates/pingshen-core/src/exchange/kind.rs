//! What kind of exchange file a file is, before any passphrase or key is at hand (a `.pingshen`
//! file double-clicked, or handed over by a second launch), so that the window opens the dialog
//! for that kind. Two of the three kinds are encrypted as a whole, so their manifest cannot be
//! read yet; the encryption itself tells them apart:
//! - a review package is encrypted to a passphrase: its age header's recipient is `scrypt`;
//! - a score return is encrypted to the year's key: its recipient is `X25519`;
//! - a dossier file is not encrypted: a signed container whose manifest (checked) names its kind.
//!
//! Nothing is decrypted and nothing is proved about an encrypted file here: the dialog for its
//! kind opens and checks it in full.

use super::{container, ExchangeError, ExchangeKind};
use crate::{msg, t};

/// The first line of every age file (binary, not armored, as `crypto` writes them).
const AGE_HEADER: &[u8] = b"age-encryption.org/v1\n";

/// The kind of the exchange file `bytes`, or why it is none.
pub fn kind_of(bytes: &[u8]) -> Result<ExchangeKind, ExchangeError> {
    let Some(rest) = bytes.strip_prefix(AGE_HEADER) else {
        return container::open(bytes, None).map(|o| o.manifest.kind);
    };
    // the first recipient stanza: `-> <type> <arguments…>`
    let line = rest.split(|b| *b == b'\n').next().unwrap_or_default();
    let recipient = line.strip_prefix(b"-> ").and_then(|s| s.split(|b| *b == b' ').next());
    match recipient {
        Some(b"scrypt") => Ok(ExchangeKind::ReviewPackage),
        Some(b"X25519") => Ok(ExchangeKind::ScoreReturn),
        _ => Err(ExchangeError::Damaged(t!(msg::EXCHANGE_NOT_EXCHANGE))),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::exchange::{crypto, Manifest};
    use std::collections::BTreeMap;

    fn sealed(kind: ExchangeKind) -> Vec<u8> {
        let parts = BTreeMap::from([("scores.json".to_string(), b"[]".to_vec())]);
        container::seal(Manifest::new(kind, 2014, "db", "pkg"), &parts, &crypto::new_signing_key().unwrap()).unwrap()
    }

    /// A review package is the container encrypted to the expert's passphrase (exchange/mod.rs).
    #[test]
    fn a_review_package_is_known_by_its_passphrase() {
        let file =
            crypto::encrypt_to_passphrase(&sealed(ExchangeKind::ReviewPackage), "correct horse battery").unwrap();
        assert_eq!(kind_of(&file), Ok(ExchangeKind::ReviewPackage));
    }

    /// A score return is the container encrypted to the year's X25519 key (exchange/mod.rs).
    #[test]
    fn a_score_return_is_known_by_the_years_key() {
        let recipient = crypto::age_recipient_of(&crypto::new_age_identity()).unwrap();
        let file = crypto::encrypt_to_recipient(&sealed(ExchangeKind::ScoreReturn), &recipient).unwrap();
        assert_eq!(kind_of(&file), Ok(ExchangeKind::ScoreReturn));
    }

    /// A dossier file is signed, not encrypted: its checked manifest names the kind.
    #[test]
    fn a_dossier_file_is_known_by_its_manifest() {
        assert_eq!(kind_of(&sealed(ExchangeKind::DossierFile)), Ok(ExchangeKind::DossierFile));
    }

    #[test]
    fn anything_else_is_refused() {
        assert!(matches!(kind_of(b"just some text"), Err(ExchangeError::Damaged(_))));
        assert!(matches!(kind_of(b""), Err(ExchangeError::Damaged(_))));
        // an age file, but to a recipient we never write (an SSH key)
        assert!(matches!(kind_of(b"age-encryption.org/v1\n-> ssh-ed25519 abc def\n"), Err(ExchangeError::Damaged(_))));
        assert!(matches!(kind_of(b"age-encryption.org/v1\n"), Err(ExchangeError::Damaged(_))));
        // a dossier file cut short is no longer a container
        let whole = sealed(ExchangeKind::DossierFile);
        assert!(kind_of(&whole[..whole.len() / 2]).is_err());
    }
}
