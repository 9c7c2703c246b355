//! The 47 eligible applicant units (SPEC "Eligible units"), loaded from `assets/units.json`.

use crate::error::{Error, Result};
use crate::{msg, t, Text};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 省级科协 (province, autonomous region, municipality).
    Provincial,
    /// 新疆生产建设兵团科协.
    Corps,
    /// 副省级城市科协.
    SubProvincialCity,
}

impl UnitKind {
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Provincial => "省级科协",
            UnitKind::Corps => "新疆生产建设兵团科协",
            UnitKind::SubProvincialCity => "副省级城市科协",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct Unit {
    /// GB/T 2260 division code (660000 for the Corps).
    pub code: String,
    /// Position in the fixed list; the last tie-breaker of the ranking.
    pub order: u32,
    pub kind: UnitKind,
    /// The region's name, e.g. 湖北省, 武汉市.
    pub region: String,
    /// The province the unit counts as for recusal: a city counts as its province.
    pub province: String,
    pub full_name: String,
    pub short_name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
struct UnitsFile {
    units: Vec<Unit>,
}

/// All 47 eligible units in list order.
pub fn all() -> &'static [Unit] {
    static UNITS: OnceLock<Vec<Unit>> = OnceLock::new();
    UNITS.get_or_init(|| {
        let f: UnitsFile = serde_json::from_str(include_str!("../../../assets/units.json"))
            .expect("assets/units.json is valid (checked by tests)");
        f.units
    })
}

fn normalize(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect()
}

/// Finds a unit by full name, short name, alias or code.
pub fn find(name: &str) -> Option<&'static Unit> {
    let n = normalize(name);
    all().iter().find(|u| u.full_name == n || u.short_name == n || u.code == n || u.aliases.contains(&n))
}

pub fn by_code(code: &str) -> Option<&'static Unit> {
    // the units sorted by code, once: a read of many dossiers looks up one unit per row
    static BY_CODE: OnceLock<Vec<&'static Unit>> = OnceLock::new();
    let sorted = BY_CODE.get_or_init(|| {
        let mut v: Vec<&'static Unit> = all().iter().collect();
        v.sort_by(|a, b| a.code.cmp(&b.code));
        v
    });
    sorted.binary_search_by(|u| u.code.as_str().cmp(code)).ok().map(|k| sorted[k])
}

/// The full name of the unit with `code`, or the code itself when no unit has it.
pub fn full_name_or_code(code: &str) -> String {
    by_code(code).map(|u| u.full_name.clone()).unwrap_or_else(|| code.to_string())
}

/// The closest known names to an unknown one (for "did you mean").
pub fn suggestions(name: &str) -> Vec<&'static str> {
    let n = normalize(name);
    let mut scored: Vec<(f64, &'static str)> = all()
        .iter()
        .map(|u| {
            let a = strsim::normalized_levenshtein(&n, &u.full_name);
            let b = strsim::normalized_levenshtein(&n, &u.short_name);
            // sharing the region name is a strong hint (湖北科技协会 → 湖北省科学技术协会)
            let region_core: String = u.region.chars().take(2).collect();
            let bonus = if n.contains(&region_core) { 0.3 } else { 0.0 };
            (a.max(b) + bonus, u.full_name.as_str())
        })
        .collect();
    scored.sort_by(|x, y| y.0.total_cmp(&x.0));
    scored.into_iter().take(3).filter(|(s, _)| *s > 0.25).map(|(_, n)| n).collect()
}

/// Resolves a unit name, or a clear error naming the closest known units.
pub fn resolve(field: impl Into<Text>, name: &str) -> Result<&'static Unit> {
    find(name).ok_or_else(|| Error::invalid(field, not_eligible(name)))
}

/// Why `name` is not a unit: 「不是可申报单位：…」 with the closest known names.
pub fn not_eligible(name: &str) -> Text {
    let s = suggestions(name);
    if s.is_empty() {
        t!(msg::INPUT_UNIT_NOT_ELIGIBLE, name)
    } else {
        t!(msg::INPUT_UNIT_NOT_ELIGIBLE_SUGGEST, name, suggestions = s.join("、"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forty_seven_units_with_unique_codes_and_names() {
        let u = all();
        assert_eq!(u.len(), 47);
        assert_eq!(u.iter().filter(|x| x.kind == UnitKind::Provincial).count(), 31);
        assert_eq!(u.iter().filter(|x| x.kind == UnitKind::Corps).count(), 1);
        assert_eq!(u.iter().filter(|x| x.kind == UnitKind::SubProvincialCity).count(), 15);
        let mut codes: Vec<_> = u.iter().map(|x| &x.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 47);
        for (i, x) in u.iter().enumerate() {
            assert_eq!(x.order as usize, i + 1);
        }
    }

    #[test]
    fn names_resolve_and_cities_count_as_their_province() {
        assert_eq!(find("湖北省科学技术协会").map(|u| u.code.as_str()), Some("420000"));
        assert_eq!(find("湖北省科协").map(|u| u.code.as_str()), Some("420000"));
        assert_eq!(find("武汉市科协").map(|u| u.province.as_str()), Some("湖北"));
        assert_eq!(find("深圳市科学技术协会").map(|u| u.province.as_str()), Some("广东"));
        assert!(find("苏州市科协").is_none());
    }

    #[test]
    fn unknown_names_get_suggestions() {
        let e = resolve(t!(msg::INPUT_FIELD_UNIT_NAME), "湖北科技协会").unwrap_err().to_string();
        assert!(e.contains("湖北省科学技术协会"), "{e}");
        let e = resolve(t!(msg::INPUT_FIELD_UNIT_NAME), "苏州市科协").unwrap_err().to_string();
        assert!(e.contains("不是可申报单位"), "{e}");
    }
}
