//! China working-day calendar (pure; the data is embedded at compile time).
//!
//! SPEC "Default review policy": *Publicity: 5 working days starting on the start day (counted if
//! it is a working day), per the State Council holiday notices (weekends and holidays off,
//! make-up working days on).*
//!
//! The data lives in `assets/calendar/cn-workdays.json`, generated and cross-checked day by day by
//! `assets/calendar/generate.py` from the notices 国务院办公厅关于部分节假日安排的通知 (as
//! transcribed by the PyPI package `chinese-calendar`). Each year lists
//! - `holidays`: days off (a listed holiday is never a working day, even on a weekday), and
//! - `workdays`: make-up working days (调休上班), always a Saturday or Sunday.
//!
//! Every other day is a working day iff it is Monday to Friday. Dates outside the covered years
//! are an error, never a guess: the notices are issued one year at a time. A year after the
//! bundled ones is added from the text of its notice (`holiday_notice.rs`, stored by the desk in
//! the database) with [`WorkCalendar::with_years`].

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text::catalog::msg;
use crate::{t, Text};

/// The embedded China calendar data.
const CHINA_JSON: &str = include_str!("../../../assets/calendar/cn-workdays.json");
/// Where the data lives in the repository (named in error messages).
const DATA_FILE: &str = "assets/calendar/cn-workdays.json";
/// Widest span of years a calendar may cover (keeps a hostile file from allocating much).
const MAX_SPAN_YEARS: i32 = 400;

/// One day as the calendar sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Day {
    pub date: NaiveDate,
    pub workday: bool,
    /// Holiday name (`国庆节`) or make-up working day name (`国庆节调休`); `None` for an ordinary day.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Holiday,
    MakeUp,
}

/// Working-day calendar over whole years `first_year..=last_year`.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    first_year: i32,
    last_year: i32,
    /// January 1 of `first_year`.
    start: NaiveDate,
    /// December 31 of `last_year`.
    end: NaiveDate,
    source: String,
    /// `cum[i]` = number of working days in `[start, start + i days)`; `len` = days covered + 1.
    cum: Vec<u32>,
    /// Named days: holidays and make-up working days.
    notes: BTreeMap<NaiveDate, (String, Kind)>,
    /// The data each year was built from (kept so that years can be added).
    years: BTreeMap<i32, YearDays>,
}

#[derive(Deserialize)]
struct RawCalendar {
    source: String,
    first_year: i32,
    last_year: i32,
    years: BTreeMap<String, YearDays>,
}

/// One year's named days as a State Council notice gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct YearDays {
    /// Days off (every day of each holiday period, weekends included).
    pub holidays: Vec<NamedDay>,
    /// Make-up working days (调休上班), each a Saturday or Sunday.
    pub workdays: Vec<NamedDay>,
}

/// A date with its name (`国庆节`, `国庆节调休`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct NamedDay {
    pub date: NaiveDate,
    pub name: String,
}

/// An error about the calendar data itself.
fn data_error(message: Text) -> Error {
    Error::invalid(t!(msg::INPUT_FIELD_CALENDAR), message)
}

/// An error about a date (field 日期).
fn date_error(message: Text) -> Error {
    Error::invalid(t!(msg::INPUT_FIELD_DATE), message)
}

impl WorkCalendar {
    /// The calendar of mainland China (State Council notices), parsed once.
    pub fn china() -> &'static WorkCalendar {
        static CHINA: OnceLock<WorkCalendar> = OnceLock::new();
        CHINA.get_or_init(|| {
            WorkCalendar::from_json(CHINA_JSON).expect(
                "embedded assets/calendar/cn-workdays.json is valid: generate.py cross-checks it \
                 and the calendar tests parse it",
            )
        })
    }

    /// Parses and validates calendar data in the format of `assets/calendar/cn-workdays.json`.
    pub fn from_json(json: &str) -> Result<WorkCalendar> {
        let raw: RawCalendar = serde_json::from_str(json)
            .map_err(|e| data_error(t!(msg::INPUT_CAL_UNPARSABLE, detail = e.to_string(), file = DATA_FILE)))?;
        let (first_year, last_year) = (raw.first_year, raw.last_year);
        if first_year > last_year {
            return Err(data_error(t!(
                msg::INPUT_CAL_YEARS_REVERSED,
                first = first_year,
                last = last_year,
                file = DATA_FILE
            )));
        }
        if last_year - first_year >= MAX_SPAN_YEARS {
            return Err(data_error(t!(
                msg::INPUT_CAL_SPAN_TOO_LONG_FILE,
                first = first_year,
                last = last_year,
                max = MAX_SPAN_YEARS,
                file = DATA_FILE
            )));
        }
        let mut years = BTreeMap::new();
        for (key, year) in raw.years {
            let y: i32 =
                key.trim().parse().map_err(|_| data_error(t!(msg::INPUT_CAL_YEAR_NOT_NUMBER, key = key.as_str())))?;
            if !(first_year..=last_year).contains(&y) {
                return Err(data_error(t!(
                    msg::INPUT_CAL_YEAR_OUTSIDE,
                    year = y,
                    first = first_year,
                    last = last_year
                )));
            }
            if years.insert(y, year).is_some() {
                return Err(data_error(t!(msg::INPUT_CAL_YEAR_TWICE, year = y)));
            }
        }

        Self::build(raw.source, first_year, last_year, years)
    }

    /// This calendar with more years (each a whole year's named days, e.g. from a notice the
    /// secretariat imported). A year given replaces the one known; the years must stay
    /// contiguous: adding 2028 needs 2027.
    pub fn with_years(&self, extra: impl IntoIterator<Item = (i32, YearDays)>) -> Result<WorkCalendar> {
        let mut years = self.years.clone();
        for (y, days) in extra {
            years.insert(y, days);
        }
        let first = *years.keys().next().unwrap_or(&self.first_year);
        let last = *years.keys().next_back().unwrap_or(&self.last_year);
        if let Some(gap) = (first..=last).find(|y| !years.contains_key(y)) {
            return Err(data_error(t!(msg::INPUT_CAL_YEAR_GAP, year = gap)));
        }
        Self::build(self.source.clone(), first, last, years)
    }

    fn build(
        source: String,
        first_year: i32,
        last_year: i32,
        mut years: BTreeMap<i32, YearDays>,
    ) -> Result<WorkCalendar> {
        if last_year - first_year >= MAX_SPAN_YEARS {
            return Err(data_error(t!(
                msg::INPUT_CAL_SPAN_TOO_LONG,
                first = first_year,
                last = last_year,
                max = MAX_SPAN_YEARS
            )));
        }
        let start = NaiveDate::from_ymd_opt(first_year, 1, 1)
            .ok_or_else(|| data_error(t!(msg::INPUT_CAL_FIRST_YEAR_INVALID, year = first_year)))?;
        let end = NaiveDate::from_ymd_opt(last_year, 12, 31)
            .ok_or_else(|| data_error(t!(msg::INPUT_CAL_LAST_YEAR_INVALID, year = last_year)))?;

        let mut notes: BTreeMap<NaiveDate, (String, Kind)> = BTreeMap::new();
        let kept = years.clone();
        for y in first_year..=last_year {
            let year = years
                .remove(&y)
                .ok_or_else(|| data_error(t!(msg::INPUT_CAL_YEAR_MISSING, year = y, file = DATA_FILE)))?;
            let lists = [(year.holidays, Kind::Holiday), (year.workdays, Kind::MakeUp)];
            for (list, kind) in lists {
                for day in list {
                    let d = day.date;
                    if d.year() != y {
                        return Err(data_error(t!(msg::INPUT_CAL_DAY_WRONG_YEAR, date = d, year = y)));
                    }
                    let name = day.name.trim();
                    if name.is_empty() {
                        return Err(data_error(t!(msg::INPUT_CAL_DAY_NO_NAME, date = d)));
                    }
                    if kind == Kind::MakeUp && !is_weekend(d) {
                        return Err(data_error(t!(msg::INPUT_CAL_MAKEUP_NOT_WEEKEND, date = d, name)));
                    }
                    if notes.insert(d, (name.to_string(), kind)).is_some() {
                        return Err(data_error(t!(msg::INPUT_CAL_DAY_TWICE, date = d)));
                    }
                }
            }
        }

        let days =
            usize::try_from((end - start).num_days() + 1).map_err(|_| data_error(t!(msg::INPUT_CAL_RANGE_INVALID)))?;
        let mut cum = Vec::with_capacity(days + 1);
        let mut count = 0u32;
        cum.push(count);
        for d in start.iter_days().take(days) {
            let work = match notes.get(&d) {
                Some((_, Kind::Holiday)) => false,
                Some((_, Kind::MakeUp)) => true,
                None => !is_weekend(d),
            };
            count += u32::from(work);
            cum.push(count);
        }

        Ok(WorkCalendar { first_year, last_year, start, end, source, cum, notes, years: kept })
    }

    pub fn first_year(&self) -> i32 {
        self.first_year
    }

    pub fn last_year(&self) -> i32 {
        self.last_year
    }

    /// Where the data comes from (the notices and the generator version).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The named days of year `y`, if the calendar covers it.
    pub fn year(&self, y: i32) -> Option<&YearDays> {
        self.years.get(&y)
    }

    pub fn covers(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// Whether `d` is a working day. Err if `d` is outside the covered years.
    pub fn is_workday(&self, d: NaiveDate) -> Result<bool> {
        let i = self.index(d)?;
        Ok(self.cum[i + 1] > self.cum[i])
    }

    /// Name of the holiday (`国庆节`) or of the make-up working day (`国庆节调休`) on `d`.
    pub fn holiday_name(&self, d: NaiveDate) -> Option<&str> {
        self.notes.get(&d).map(|(name, _)| name.as_str())
    }

    /// Everything the calendar knows about `d`. Err if `d` is outside the covered years.
    pub fn day(&self, d: NaiveDate) -> Result<Day> {
        Ok(Day { date: d, workday: self.is_workday(d)?, note: self.holiday_name(d).map(str::to_string) })
    }

    /// The n-th working day counting `start` itself when it is a working day (n >= 1; n == 0 is an
    /// error naming field "工作日天数").
    ///
    /// Err as well when `start` or the result lies outside the covered years.
    pub fn add_workdays(&self, start: NaiveDate, n: u32) -> Result<NaiveDate> {
        if n == 0 {
            return Err(Error::invalid(t!(msg::INPUT_FIELD_WORKDAY_COUNT), t!(msg::INPUT_CAL_AT_LEAST_ONE)));
        }
        let i = self.index(start)?;
        let beyond = || date_error(t!(msg::INPUT_CAL_NTH_WORKDAY, start, n, beyond = self.coverage_message()));
        let target = self.cum[i].checked_add(n).ok_or_else(beyond)?;
        // Smallest p with cum[p] >= target; the n-th working day is day p - 1 (p > i since
        // cum[i] < target, and p >= 1 since target >= 1 = cum[0] + 1).
        let p = self.cum.partition_point(|&c| c < target);
        if p >= self.cum.len() {
            return Err(beyond());
        }
        Ok(self.date_at(p - 1))
    }

    /// Working days in `[from, to]`, both inclusive (0 if `to < from`).
    ///
    /// Err if either end lies outside the covered years.
    pub fn workdays_between(&self, from: NaiveDate, to: NaiveDate) -> Result<u32> {
        let i = self.index(from)?;
        let j = self.index(to)?;
        if j < i {
            return Ok(0);
        }
        Ok(self.cum[j + 1] - self.cum[i])
    }

    fn index(&self, d: NaiveDate) -> Result<usize> {
        if !self.covers(d) {
            return Err(self.outside(d));
        }
        // In range, so 0 <= offset < cum.len() - 1.
        usize::try_from((d - self.start).num_days()).map_err(|_| self.outside(d))
    }

    fn date_at(&self, i: usize) -> NaiveDate {
        u64::try_from(i).ok().and_then(|i| self.start.checked_add_days(Days::new(i))).unwrap_or(self.end)
    }

    /// 「超出工作日历覆盖范围……」, after a date.
    fn coverage_message(&self) -> Text {
        t!(msg::INPUT_CAL_BEYOND, first = self.first_year, last = self.last_year)
    }

    /// `d` is outside the covered years.
    fn outside(&self, d: NaiveDate) -> Error {
        date_error(t!(msg::INPUT_CAL_DATE_BEYOND, date = d, beyond = self.coverage_message()))
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a panic is the failure report
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cal() -> &'static WorkCalendar {
        WorkCalendar::china()
    }

    /// The SPEC publicity period: 5 working days starting on the start day.
    fn publicity_end(start: NaiveDate) -> NaiveDate {
        cal().add_workdays(start, 5).unwrap()
    }

    fn invalid_field(e: Error) -> (String, String) {
        match e {
            Error::Invalid { field, message } => (field.zh(), message.zh()),
            other => panic!("expected Error::Invalid, got {other:?}"),
        }
    }

    #[test]
    fn coverage_is_2004_to_2026() {
        let c = cal();
        assert_eq!((c.first_year(), c.last_year()), (2004, 2026));
        assert!(c.covers(date(2004, 1, 1)));
        assert!(c.covers(date(2026, 12, 31)));
        assert!(!c.covers(date(2003, 12, 31)));
        assert!(!c.covers(date(2027, 1, 1)));
        assert!(c.source().contains("国务院办公厅关于部分节假日安排的通知"));
    }

    #[test]
    fn weekends_holidays_and_makeup_days_2014_national_day() {
        // 2014 notice: 国庆节 10月1日至7日放假调休；9月28日（星期日）、10月11日（星期六）上班.
        let c = cal();
        assert!(c.is_workday(date(2014, 9, 26)).unwrap()); // Friday
        assert!(!c.is_workday(date(2014, 9, 27)).unwrap()); // ordinary Saturday
        assert!(c.is_workday(date(2014, 9, 28)).unwrap()); // Sunday, make-up
        for d in 1..=7 {
            assert!(!c.is_workday(date(2014, 10, d)).unwrap(), "2014-10-{d:02} is off");
            assert_eq!(c.holiday_name(date(2014, 10, d)), Some("国庆节"));
        }
        assert!(c.is_workday(date(2014, 10, 8)).unwrap());
        assert!(c.is_workday(date(2014, 10, 11)).unwrap()); // Saturday, make-up
        assert!(!c.is_workday(date(2014, 10, 12)).unwrap()); // ordinary Sunday
        assert_eq!(c.holiday_name(date(2014, 9, 28)), Some("国庆节调休"));
        assert_eq!(c.holiday_name(date(2014, 10, 11)), Some("国庆节调休"));
        assert_eq!(c.holiday_name(date(2014, 10, 8)), None);
        assert_eq!(c.holiday_name(date(2030, 10, 1)), None);
    }

    #[test]
    fn publicity_from_makeup_sunday_2014_09_28() {
        // 9-28 (Sun, make-up: counted), 9-29, 9-30, [10-1..10-7 off], 10-8, 10-9.
        assert_eq!(publicity_end(date(2014, 9, 28)), date(2014, 10, 9));
    }

    #[test]
    fn publicity_from_eve_of_national_day_2014_09_30() {
        // 9-30 (1), [10-1..10-7 off], 10-8 (2), 10-9 (3), 10-10 (4), 10-11 Saturday make-up (5).
        assert_eq!(publicity_end(date(2014, 9, 30)), date(2014, 10, 11));
    }

    #[test]
    fn publicity_starting_on_a_holiday_does_not_count_the_start() {
        // 10-1 is 国庆节: not counted. 10-8, 10-9, 10-10, 10-11 (make-up), 10-13 (10-12 Sunday off).
        assert_eq!(publicity_end(date(2014, 10, 1)), date(2014, 10, 13));
    }

    #[test]
    fn publicity_across_spring_festival_2025() {
        // 2025 notice: 春节 1月28日至2月4日放假调休；1月26日（周日）、2月8日（周六）上班.
        // 1-27 (1), [1-28..2-4 off], 2-5 (2), 2-6 (3), 2-7 (4), 2-8 Saturday make-up (5).
        assert_eq!(publicity_end(date(2025, 1, 27)), date(2025, 2, 8));
        assert_eq!(cal().holiday_name(date(2025, 1, 29)), Some("春节"));
        assert_eq!(cal().holiday_name(date(2025, 2, 8)), Some("春节调休"));
    }

    #[test]
    fn publicity_in_2026() {
        // 2026 notice: 春节 2月15日至23日放假调休；2月14日（周六）、2月28日（周六）上班.
        // 2-13 Fri (1), 2-14 Sat make-up (2), [2-15..2-23 off], 2-24 (3), 2-25 (4), 2-26 (5).
        assert_eq!(publicity_end(date(2026, 2, 13)), date(2026, 2, 26));
        // 国庆节 10月1日至7日放假调休；9月20日（周日）、10月10日（周六）上班.
        // 9-30 (1), [10-1..10-7 off], 10-8 (2), 10-9 (3), 10-10 Sat make-up (4), 10-12 Mon (5).
        assert_eq!(publicity_end(date(2026, 9, 30)), date(2026, 10, 12));
    }

    #[test]
    fn publicity_starting_on_an_ordinary_saturday() {
        // 2024-03-02 is a Saturday (no holiday near): counting starts Monday 3-4, ends Friday 3-8.
        assert!(!cal().is_workday(date(2024, 3, 2)).unwrap());
        assert_eq!(publicity_end(date(2024, 3, 2)), date(2024, 3, 8));
        // A working Friday counts itself: 3-1, 3-4, 3-5, 3-6, 3-7.
        assert_eq!(publicity_end(date(2024, 3, 1)), date(2024, 3, 7));
    }

    #[test]
    fn first_working_day_is_the_start_itself_when_it_works() {
        let c = cal();
        assert_eq!(c.add_workdays(date(2014, 9, 28), 1).unwrap(), date(2014, 9, 28));
        assert_eq!(c.add_workdays(date(2014, 10, 1), 1).unwrap(), date(2014, 10, 8));
    }

    #[test]
    fn special_2015_victory_day_holiday() {
        // 2015: 9月3日至5日放假调休，9月6日（星期日）上班.
        let c = cal();
        assert_eq!(c.holiday_name(date(2015, 9, 3)), Some("抗战胜利纪念日"));
        assert!(!c.is_workday(date(2015, 9, 3)).unwrap());
        assert!(!c.is_workday(date(2015, 9, 4)).unwrap());
        assert!(c.is_workday(date(2015, 9, 6)).unwrap());
        assert_eq!(c.holiday_name(date(2015, 9, 6)), Some("抗战胜利纪念日调休"));
    }

    #[test]
    fn outside_coverage_is_an_error_naming_the_date_field() {
        let c = cal();
        for d in [date(2027, 1, 4), date(2003, 12, 31)] {
            let (field, message) = invalid_field(c.is_workday(d).unwrap_err());
            assert_eq!(field, "日期");
            assert!(message.contains("超出工作日历覆盖范围（2004–2026年）"), "{message}");
            assert!(message.contains("pingshen calendar import"), "{message}");
            let (field, _) = invalid_field(c.add_workdays(d, 5).unwrap_err());
            assert_eq!(field, "日期");
            assert!(c.workdays_between(d, date(2026, 12, 31)).is_err());
            assert!(c.day(d).is_err());
        }
        // Starting inside but running past the last covered day is an error too.
        let (field, message) = invalid_field(c.add_workdays(date(2026, 12, 28), 10).unwrap_err());
        assert_eq!(field, "日期");
        assert!(message.contains("超出工作日历覆盖范围"), "{message}");
        assert!(c.add_workdays(date(2026, 12, 28), u32::MAX).is_err());
        // The last working day of 2026 is still reachable.
        assert_eq!(c.add_workdays(date(2026, 12, 28), 4).unwrap(), date(2026, 12, 31));
    }

    #[test]
    fn zero_working_days_is_an_error() {
        let (field, message) = invalid_field(cal().add_workdays(date(2020, 6, 1), 0).unwrap_err());
        assert_eq!(field, "工作日天数");
        assert!(!message.is_empty());
    }

    #[test]
    fn workdays_between_is_inclusive_and_zero_when_reversed() {
        let c = cal();
        assert_eq!(c.workdays_between(date(2014, 9, 28), date(2014, 10, 9)).unwrap(), 5);
        assert_eq!(c.workdays_between(date(2014, 10, 1), date(2014, 10, 7)).unwrap(), 0);
        assert_eq!(c.workdays_between(date(2014, 10, 8), date(2014, 10, 8)).unwrap(), 1);
        assert_eq!(c.workdays_between(date(2014, 10, 9), date(2014, 10, 8)).unwrap(), 0);
    }

    #[test]
    fn working_days_per_year_are_plausible() {
        // Every year of the notices has about 250 working days (2004–2026: 248–252).
        let c = cal();
        for y in c.first_year()..=c.last_year() {
            let n = c.workdays_between(date(y, 1, 1), date(y, 12, 31)).unwrap();
            assert!((240..=255).contains(&n), "{y}: {n} working days");
        }
    }

    #[test]
    fn every_year_has_new_year_and_national_day() {
        let c = cal();
        for y in c.first_year()..=c.last_year() {
            assert_eq!(c.holiday_name(date(y, 1, 1)), Some("元旦"), "{y}-01-01");
            assert_eq!(c.holiday_name(date(y, 10, 1)), Some("国庆节"), "{y}-10-01");
            assert!(!c.is_workday(date(y, 1, 1)).unwrap());
            assert!(!c.is_workday(date(y, 10, 1)).unwrap());
        }
    }

    #[test]
    fn day_helper() {
        let d = cal().day(date(2014, 10, 11)).unwrap();
        assert_eq!(d, Day { date: date(2014, 10, 11), workday: true, note: Some("国庆节调休".into()) });
        let d = cal().day(date(2014, 10, 12)).unwrap();
        assert_eq!(d, Day { date: date(2014, 10, 12), workday: false, note: None });
    }

    #[test]
    fn from_json_accepts_a_minimal_calendar() {
        let json = r#"{"source":"t","first_year":2030,"last_year":2030,"years":{"2030":{
            "holidays":[{"date":"2030-01-01","name":"元旦"}],
            "workdays":[{"date":"2030-01-05","name":"元旦调休"}]}}}"#;
        let c = WorkCalendar::from_json(json).unwrap();
        assert!(!c.is_workday(date(2030, 1, 1)).unwrap()); // Tuesday, holiday
        assert!(c.is_workday(date(2030, 1, 5)).unwrap()); // Saturday, make-up
        assert!(!c.is_workday(date(2030, 1, 6)).unwrap());
        assert_eq!(c.add_workdays(date(2030, 1, 1), 1).unwrap(), date(2030, 1, 2));
        assert!(!c.covers(date(2029, 12, 31)));
    }

    #[test]
    fn from_json_rejects_bad_data() {
        let year =
            |body: &str| format!(r#"{{"source":"t","first_year":2030,"last_year":2030,"years":{{"2030":{body}}}}}"#);
        let bad = [
            "not json".to_string(),
            // missing year
            r#"{"source":"t","first_year":2030,"last_year":2031,"years":{"2030":{"holidays":[],"workdays":[]}}}"#.into(),
            // year outside declared range
            r#"{"source":"t","first_year":2030,"last_year":2030,"years":{"2030":{"holidays":[],"workdays":[]},"2031":{"holidays":[],"workdays":[]}}}"#.into(),
            // reversed range
            r#"{"source":"t","first_year":2031,"last_year":2030,"years":{}}"#.into(),
            // make-up workday on a weekday
            year(r#"{"holidays":[],"workdays":[{"date":"2030-01-07","name":"x调休"}]}"#),
            // listed twice
            year(r#"{"holidays":[{"date":"2030-01-05","name":"元旦"}],"workdays":[{"date":"2030-01-05","name":"元旦调休"}]}"#),
            // wrong year
            year(r#"{"holidays":[{"date":"2031-01-01","name":"元旦"}],"workdays":[]}"#),
            // empty name
            year(r#"{"holidays":[{"date":"2030-01-01","name":" "}],"workdays":[]}"#),
            // invalid date
            year(r#"{"holidays":[{"date":"2030-02-30","name":"x"}],"workdays":[]}"#),
        ];
        for json in bad {
            let (field, message) = invalid_field(WorkCalendar::from_json(&json).unwrap_err());
            assert_eq!(field, "工作日历", "{json}");
            assert!(!message.is_empty());
        }
    }

    fn covered_date() -> impl Strategy<Value = NaiveDate> {
        let days = (date(2026, 12, 31) - date(2004, 1, 1)).num_days() as u64;
        (0..=days).prop_map(|i| date(2004, 1, 1) + chrono::Days::new(i))
    }

    proptest! {
        #[test]
        fn add_workdays_lands_on_a_workday_and_counts_back(start in covered_date(), n in 1u32..400) {
            let c = cal();
            match c.add_workdays(start, n) {
                Ok(end) => {
                    prop_assert!(end >= start);
                    prop_assert!(c.is_workday(end).unwrap());
                    prop_assert_eq!(c.workdays_between(start, end).unwrap(), n);
                    // And it is the first such day: one day earlier counts n - 1.
                    if let Some(prev) = end.pred_opt().filter(|p| *p >= start) {
                        prop_assert_eq!(c.workdays_between(start, prev).unwrap(), n - 1);
                    }
                }
                Err(_) => {
                    let left = c.workdays_between(start, date(2026, 12, 31)).unwrap();
                    prop_assert!(left < n, "{} working days left from {}, n = {}", left, start, n);
                }
            }
        }

        #[test]
        fn add_workdays_is_monotone_in_n(start in covered_date(), n in 1u32..300) {
            let c = cal();
            if let Ok(next) = c.add_workdays(start, n + 1) {
                let this = c.add_workdays(start, n).unwrap();
                prop_assert!(this < next);
            }
        }

        #[test]
        fn workdays_between_matches_day_by_day_count(from in covered_date(), len in 0u64..60) {
            let c = cal();
            let to = (from + chrono::Days::new(len)).min(date(2026, 12, 31));
            let mut count = 0;
            for d in from.iter_days().take_while(|d| *d <= to) {
                let listed = c.holiday_name(d).is_some();
                let workday = c.is_workday(d).unwrap();
                // Unlisted days follow the weekday rule.
                if !listed {
                    prop_assert_eq!(workday, !is_weekend(d));
                }
                count += u32::from(workday);
            }
            prop_assert_eq!(c.workdays_between(from, to).unwrap(), count);
        }
    }
}
