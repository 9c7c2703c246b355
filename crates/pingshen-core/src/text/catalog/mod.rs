//! The catalog of every sentence the core says to a user, one file per area. [`msg`] names every
//! message (each name once in the whole catalog); [`all`] lists them for the window's
//! `Messages.ts`. A test keeps the catalog sound: codes unique, both languages with the same
//! parameters, English without Chinese.

pub mod decide;
pub mod errors;
pub mod exchange;
pub mod files;
pub mod input;
pub mod labels;
pub mod window;
pub mod year;

/// Every message by its name: `t!(msg::ERR_TAMPERED, detail = …)`.
pub mod msg {
    pub use super::decide::*;
    pub use super::errors::*;
    pub use super::exchange::*;
    pub use super::files::*;
    pub use super::input::*;
    pub use super::labels::*;
    pub use super::window::*;
    pub use super::year::*;
}

/// Every message of the catalog, area by area.
pub fn all() -> impl Iterator<Item = &'static super::Msg> {
    [
        errors::ERRORS,
        labels::LABELS,
        input::INPUT,
        exchange::EXCHANGE,
        year::YEAR,
        decide::DECIDE,
        files::FILES,
        window::WINDOW,
    ]
    .into_iter()
    .flat_map(|area| area.iter())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::params;

    #[test]
    fn every_code_is_used_once() {
        let mut seen = std::collections::BTreeSet::new();
        for m in all() {
            assert!(seen.insert(m.code), "code {} is in the catalog twice", m.code);
            assert!(
                !m.code.is_empty()
                    && m.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_' || b.is_ascii_digit()),
                "code {:?}",
                m.code
            );
        }
    }

    #[test]
    fn both_languages_have_the_same_parameters() {
        for m in all() {
            assert_eq!(params(m.zh), params(m.en), "{}: 中文 {:?} / English {:?}", m.code, m.zh, m.en);
        }
    }

    #[test]
    fn english_is_english() {
        for m in all() {
            let cjk = m.en.chars().find(|c| {
                ('\u{4e00}'..='\u{9fff}').contains(c)
                    || ('\u{3000}'..='\u{303f}').contains(c)
                    || ('\u{ff00}'..='\u{ffef}').contains(c)
            });
            assert!(cjk.is_none(), "{}: the English words hold {:?}: {}", m.code, cjk, m.en);
            assert!(!m.en.trim().is_empty() || m.zh.trim().is_empty(), "{}: no English words", m.code);
        }
    }
}
