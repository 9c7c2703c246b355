//! How dates are written in Chinese documents and messages (pure).

use chrono::{Datelike, NaiveDate};

/// 2014年12月10日 (GB/T 9704: year, month and day in full, Arabic numerals).
pub fn cn_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_date() {
        assert_eq!(cn_date(NaiveDate::from_ymd_opt(2014, 12, 10).unwrap_or_default()), "2014年12月10日");
    }
}
