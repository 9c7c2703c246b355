//! Exact numbers for scores and aggregates.
//!
//! Scores are integer hundredths of a point ([`Centi`]); aggregates are exact fractions
//! ([`Ratio`]) rounded once, half away from zero, to hundredths for display. Ranks compare the
//! exact fractions, so an official result is reproducible to the last digit.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// A score in hundredths of a point: `Centi(8550)` is 85.50 points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default, ts_rs::TS)]
pub struct Centi(pub i64);

impl Centi {
    pub fn from_points(p: i64) -> Centi {
        Centi(p * 100)
    }
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
    /// The one grammar of a typed score (the importers, the rubric and the window's scoring form
    /// all keep to it; `tests/score-grammar.tsv` is the shared list both sides are tested on):
    /// "8", "8.5", "8.50", ".5", "8.", "-1", full-width as an input method types it (「８．５」,
    /// 「８。５」); digits past the hundredths only when they are zeros ("8.500"). Anything else —
    /// letters, exponents, thousands separators, a lone point — is not a score.
    pub fn parse(s: &str) -> Option<Centi> {
        let half: String = s
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '．' | '。' => '.',
                '－' => '-',
                '＋' => '+',
                _ => c,
            })
            .collect();
        let s = half.trim();
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        if body.is_empty() {
            return None;
        }
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        // past the hundredths only zeros: "8.500" is 8.50, "8.501" is no score
        let (frac, beyond) = frac.split_at(frac.len().min(2));
        if beyond.chars().any(|c| c != '0') || int.len() > 12 {
            return None;
        }
        let i: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
        let f: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().ok()? * 10,
            _ => frac.parse().ok()?,
        };
        let v = i * 100 + f;
        Some(Centi(if neg { -v } else { v }))
    }
    /// From a spreadsheet number cell; refuses values that are not whole hundredths.
    pub fn from_f64_exact(x: f64) -> Option<Centi> {
        if !x.is_finite() {
            return None;
        }
        let c = (x * 100.0).round();
        if ((c / 100.0) - x).abs() > 1e-9 || c.abs() > 1e15 {
            return None;
        }
        Some(Centi(c as i64))
    }
}

impl fmt::Display for Centi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", a / 100, a % 100)
    }
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    if a <= u64::MAX as i128 && b <= u64::MAX as i128 {
        // the same Euclid on 64 bits: a hardware division instead of a 128-bit library call
        let (mut a, mut b) = (a as u64, b as u64);
        while b != 0 {
            let t = a % b;
            a = b;
            b = t;
        }
        return a as i128;
    }
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

/// An exact fraction `num / den` with `den > 0`, kept reduced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ratio {
    num: i128,
    den: i128,
}

impl Ratio {
    pub fn new(num: i128, den: i128) -> Ratio {
        assert!(den != 0, "Ratio with zero denominator");
        let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
        let g = gcd(num, den).max(1);
        Ratio { num: num / g, den: den / g }
    }
    pub fn int(n: i128) -> Ratio {
        Ratio { num: n, den: 1 }
    }
    pub fn num(&self) -> i128 {
        self.num
    }
    pub fn den(&self) -> i128 {
        self.den
    }
    pub fn abs(self) -> Ratio {
        Ratio { num: self.num.abs(), den: self.den }
    }
    pub fn min(self, o: Ratio) -> Ratio {
        if self <= o {
            self
        } else {
            o
        }
    }
    pub fn as_f64(&self) -> f64 {
        self.num as f64 / self.den as f64
    }
    /// Rounds to the nearest integer, halves away from zero.
    pub fn round_half_away(&self) -> i128 {
        let q = self.num.abs() / self.den;
        let r = self.num.abs() % self.den;
        let q = if 2 * r >= self.den { q + 1 } else { q };
        if self.num < 0 {
            -q
        } else {
            q
        }
    }
}

impl std::ops::Add for Ratio {
    type Output = Ratio;
    fn add(self, o: Ratio) -> Ratio {
        Ratio::new(self.num * o.den + o.num * self.den, self.den * o.den)
    }
}
impl std::ops::Sub for Ratio {
    type Output = Ratio;
    fn sub(self, o: Ratio) -> Ratio {
        Ratio::new(self.num * o.den - o.num * self.den, self.den * o.den)
    }
}
impl std::ops::Mul for Ratio {
    type Output = Ratio;
    fn mul(self, o: Ratio) -> Ratio {
        Ratio::new(self.num * o.num, self.den * o.den)
    }
}
impl std::ops::Div for Ratio {
    type Output = Ratio;
    fn div(self, o: Ratio) -> Ratio {
        Ratio::new(self.num * o.den, self.den * o.num)
    }
}

impl Ord for Ratio {
    fn cmp(&self, o: &Self) -> Ordering {
        (self.num * o.den).cmp(&(o.num * self.den))
    }
}
impl PartialOrd for Ratio {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// A value in points held exactly as a fraction of hundredths (so a mean of scores in hundredths is exact).
/// Serialised as the shown value (a number rounded to 0.01).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ts_rs::TS)]
#[ts(type = "number")]
pub struct Points(#[ts(skip)] pub Ratio);

impl Points {
    /// Rounded once, half away from zero, to hundredths: what is shown and published.
    pub fn shown(&self) -> Centi {
        Centi(self.0.round_half_away() as i64)
    }
    pub fn as_f64(&self) -> f64 {
        self.0.as_f64() / 100.0
    }
}

impl Serialize for Points {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.shown().as_f64())
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.shown().fmt(f)
    }
}

/// Money is integer yuan; shown in 万元 with two decimals (rounded half away from zero).
pub fn wan_yuan(yuan: i64) -> String {
    let c = Ratio::new(yuan as i128, 100).round_half_away() as i64; // hundredths of 万元
    Centi(c).to_string()
}

/// A score in a text is shown as it is.
impl crate::text::IntoArg for Centi {
    fn into_arg(self) -> crate::text::Arg {
        crate::text::Arg::Plain(self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parse_and_show() {
        assert_eq!(Centi::parse("8.5"), Some(Centi(850)));
        assert_eq!(Centi::parse("10"), Some(Centi(1000)));
        assert_eq!(Centi::parse(" 7.25 "), Some(Centi(725)));
        assert_eq!(Centi::parse("7.255"), None);
        assert_eq!(Centi::parse("abc"), None);
        assert_eq!(Centi::parse(""), None);
        assert_eq!(Centi::parse("-2"), Some(Centi(-200)));
        assert_eq!(Centi(8533).to_string(), "85.33");
        assert_eq!(Centi(-5).to_string(), "-0.05");
        assert_eq!(wan_yuan(150_000), "15.00");
        assert_eq!(wan_yuan(123_456), "12.35");
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(Ratio::new(5, 2).round_half_away(), 3);
        assert_eq!(Ratio::new(-5, 2).round_half_away(), -3);
        assert_eq!(Ratio::new(7, 3).round_half_away(), 2);
        assert_eq!(Ratio::new(8, 3).round_half_away(), 3);
    }

    proptest! {
        #[test]
        fn ratio_order_matches_cross_multiplication(a in -10_000i128..10_000, b in 1i128..1000, c in -10_000i128..10_000, d in 1i128..1000) {
            let x = Ratio::new(a, b); let y = Ratio::new(c, d);
            prop_assert_eq!(x.cmp(&y), (a * d).cmp(&(c * b)));
        }
        #[test]
        fn rounding_within_half(a in -1_000_000i128..1_000_000, b in 1i128..10_000) {
            let r = Ratio::new(a, b).round_half_away();
            // |r - a/b| <= 1/2  <=>  |r*b - a| * 2 <= b
            prop_assert!((r * b - a).abs() * 2 <= b);
        }
    }

    #[test]
    fn the_score_grammar_the_window_shares() {
        // tests/score-grammar.tsv: what one types → the hundredths, or "refused"; the window's
        // scoring form is tested on the same list (ui/src/components/scoring/scoring.test.ts)
        let list = include_str!("../../../tests/score-grammar.tsv");
        let mut n = 0;
        for line in list.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let (typed, expected) = line.split_once('\t').expect("two columns");
            let typed = typed.replace("\\s", " ");
            let got = Centi::parse(&typed).map(|c| c.0.to_string()).unwrap_or_else(|| "refused".into());
            assert_eq!(got, expected, "「{typed}」");
            n += 1;
        }
        assert!(n >= 20, "the list is read ({n} lines)");
    }
}
