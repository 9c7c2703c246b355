//! The State Council's yearly holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知), read
//! from its text as a clerk copies it from the web page. Pure.
//!
//! The notice's items read, for example (2027 would be):
//!
//! ```text
//! 一、元旦：1月1日（周五）放假1天，不调休。
//! 二、春节：2月6日（农历除夕、周六）至13日（农历正月初七、周六）放假调休，共8天。2月14日（周日）上班。
//! ```
//!
//! Every numbered item must be read completely: the holiday period (`M月D日` to `[M月]D日`, days
//! off whatever the weekday), its stated length (`共N天` / `放假N天`, checked against the dates),
//! and the make-up working days (`M月D日（周X）、… 上班`, each a Saturday or Sunday). Every
//! weekday named in brackets must match its date. Anything else in an item is refused with its
//! line number; lines that are not numbered items (title, preamble, closing words) are skipped.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

use crate::calendar::{NamedDay, YearDays};
use crate::error::{Error, ImportProblem, Result};
use crate::{msg, t, Text};

/// One holiday item of the notice, as shown to the clerk before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct NoticeItem {
    /// Line number in the text (1-based).
    pub line: usize,
    pub name: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Days off in the period.
    pub days: u32,
    /// Make-up working days (调休上班).
    pub makeup: Vec<NaiveDate>,
}

/// A notice read completely.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct HolidayNotice {
    pub year: i32,
    pub items: Vec<NoticeItem>,
    /// The year's named days, in the calendar's own form.
    pub days: YearDays,
}

/// The text of a notice file: UTF-8 (with or without BOM), else GBK/GB18030 as saved by a
/// Chinese-Windows editor. `file` names the file in errors.
pub fn decode(file: &str, bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let (text, _, bad) = encoding_rs::GB18030.decode(bytes);
    if bad {
        return Err(refusal(file, 0, t!(msg::INPUT_NOTICE_ENCODING)));
    }
    Ok(text.into_owned())
}

fn refusal(file: &str, line: usize, message: Text) -> Error {
    Error::Import { file: file.to_string(), problems: vec![ImportProblem::new(line, String::new(), message)] }
}

/// Reads the notice's text (see the module documentation). `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<HolidayNotice> {
    let lines: Vec<String> = text.lines().map(normalize).collect();
    let year = find_year(&lines).ok_or_else(|| refusal(file, 0, t!(msg::INPUT_NOTICE_NO_YEAR)))?;
    let mut items = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = strip_item_number(line) else { continue };
        let item = parse_item(year, i + 1, rest)
            .map_err(|why| refusal(file, i + 1, t!(msg::INPUT_NOTICE_ITEM, line = shorten(line), why)))?;
        items.push(item);
    }
    if items.is_empty() {
        return Err(refusal(file, 0, t!(msg::INPUT_NOTICE_NO_ITEMS)));
    }
    let mut holidays: Vec<NamedDay> = Vec::new();
    let mut workdays: Vec<NamedDay> = Vec::new();
    for it in &items {
        for d in it.first.iter_days().take(it.days as usize) {
            if let Some(other) = holidays.iter().find(|h| h.date == d) {
                return Err(refusal(
                    file,
                    it.line,
                    t!(
                        msg::INPUT_NOTICE_TWO_HOLIDAYS,
                        date = cn(d),
                        first = other.name.as_str(),
                        second = it.name.as_str()
                    ),
                ));
            }
            holidays.push(NamedDay { date: d, name: it.name.clone() });
        }
    }
    for it in &items {
        for &d in &it.makeup {
            if let Some(h) = holidays.iter().find(|h| h.date == d) {
                return Err(refusal(
                    file,
                    it.line,
                    t!(msg::INPUT_NOTICE_HOLIDAY_AND_MAKEUP, date = cn(d), name = h.name.as_str()),
                ));
            }
            if workdays.iter().any(|w| w.date == d) {
                return Err(refusal(file, it.line, t!(msg::INPUT_NOTICE_MAKEUP_TWICE, date = cn(d))));
            }
            workdays.push(NamedDay { date: d, name: format!("{}调休", it.name) });
        }
    }
    holidays.sort_by_key(|d| d.date);
    workdays.sort_by_key(|d| d.date);
    Ok(HolidayNotice { year, items, days: YearDays { holidays, workdays } })
}

/// Full-width digits and punctuation to the forms parsed; all white space removed.
fn normalize(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '(' => '（',
            ')' => '）',
            ':' => '：',
            ',' => '，',
            ';' => '；',
            _ => c,
        })
        .collect()
}

fn shorten(line: &str) -> String {
    let n = line.chars().count();
    if n <= 40 {
        line.to_string()
    } else {
        format!("{}…", line.chars().take(40).collect::<String>())
    }
}

/// 「M月D日」 of a date.
fn cn(d: NaiveDate) -> Text {
    t!(msg::INPUT_MONTH_DAY, month = d.month(), day = d.day())
}

/// The year of 「关于YYYY年部分节假日安排」 or 「现将YYYY年」.
fn find_year(lines: &[String]) -> Option<i32> {
    for line in lines {
        for key in ["年部分节假日安排", "年元旦"] {
            if let Some(at) = line.find(key) {
                let digits: String = line[..at]
                    .chars()
                    .rev()
                    .take_while(char::is_ascii_digit)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                if digits.len() == 4 {
                    return digits.parse().ok();
                }
            }
        }
    }
    None
}

const NUMERALS: &str = "一二三四五六七八九十";

/// `一、元旦：…` → `元旦：…`.
fn strip_item_number(line: &str) -> Option<&str> {
    let n: usize = line.chars().take_while(|c| NUMERALS.contains(*c)).map(char::len_utf8).sum();
    if n == 0 {
        return None;
    }
    line[n..].strip_prefix('、')
}

/// A cursor over one item's text.
struct Cur<'a> {
    s: &'a str,
}

impl<'a> Cur<'a> {
    fn eat(&mut self, p: &str) -> bool {
        match self.s.strip_prefix(p) {
            Some(r) => {
                self.s = r;
                true
            }
            None => false,
        }
    }

    /// Digits followed by `unit` (e.g. `12月`), consumed only when both are there.
    fn number_then(&mut self, unit: char) -> Option<u32> {
        let n: usize = self.s.chars().take_while(char::is_ascii_digit).count();
        if n == 0 || !self.s[n..].starts_with(unit) {
            return None;
        }
        let v = self.s[..n].parse().ok()?;
        self.s = &self.s[n + unit.len_utf8()..];
        Some(v)
    }

    /// `（…）` → its contents.
    fn bracket(&mut self) -> std::result::Result<Option<&'a str>, Text> {
        if !self.s.starts_with('（') {
            return Ok(None);
        }
        let close = self.s.find('）').ok_or_else(|| t!(msg::INPUT_NOTICE_BRACKET_OPEN))?;
        let inner = &self.s['（'.len_utf8()..close];
        self.s = &self.s[close + '）'.len_utf8()..];
        Ok(Some(inner))
    }

    /// `[YYYY年][M月]D日[（…周X…）]`; the month may be left out when `month` is given (the
    /// second date of a period), the year must be the notice's.
    fn date(&mut self, year: i32, month: Option<u32>) -> std::result::Result<NaiveDate, Text> {
        let y = self.number_then('年').map(|y| y as i32);
        let m = self.number_then('月').or(month).ok_or_else(|| t!(msg::INPUT_NOTICE_NO_MONTH))?;
        let d = self.number_then('日').ok_or_else(|| t!(msg::INPUT_NOTICE_NO_DAY))?;
        let y = y.unwrap_or(year);
        let date = NaiveDate::from_ymd_opt(y, m, d)
            .ok_or_else(|| t!(msg::INPUT_NOTICE_BAD_DATE, year = y, month = m, day = d))?;
        if y != year {
            return Err(t!(msg::INPUT_NOTICE_OTHER_YEAR, date_year = y, month = m, day = d, year));
        }
        if let Some(inner) = self.bracket()? {
            check_weekday(date, inner)?;
        }
        Ok(date)
    }
}

const WEEKDAYS: [(char, Weekday); 8] = [
    ('一', Weekday::Mon),
    ('二', Weekday::Tue),
    ('三', Weekday::Wed),
    ('四', Weekday::Thu),
    ('五', Weekday::Fri),
    ('六', Weekday::Sat),
    ('日', Weekday::Sun),
    ('天', Weekday::Sun),
];

/// 「周X」 of a weekday.
fn weekday_cn(w: Weekday) -> Text {
    match w {
        Weekday::Mon => t!(msg::INPUT_WEEKDAY_MON),
        Weekday::Tue => t!(msg::INPUT_WEEKDAY_TUE),
        Weekday::Wed => t!(msg::INPUT_WEEKDAY_WED),
        Weekday::Thu => t!(msg::INPUT_WEEKDAY_THU),
        Weekday::Fri => t!(msg::INPUT_WEEKDAY_FRI),
        Weekday::Sat => t!(msg::INPUT_WEEKDAY_SAT),
        Weekday::Sun => t!(msg::INPUT_WEEKDAY_SUN),
    }
}

/// The bracket after a date (`农历除夕、周二`): a 周X / 星期X in it must be the date's weekday.
fn check_weekday(date: NaiveDate, inner: &str) -> std::result::Result<(), Text> {
    for part in inner.split(['、', '，']) {
        let rest = part.strip_prefix("星期").or_else(|| part.strip_prefix('周'));
        let Some(rest) = rest else { continue };
        let named = rest.chars().next().and_then(|c| WEEKDAYS.iter().find(|(x, _)| *x == c)).map(|(_, w)| *w);
        let Some(named) = named.filter(|_| rest.chars().count() == 1) else {
            return Err(t!(msg::INPUT_NOTICE_NOT_WEEKDAY, part));
        };
        if named != date.weekday() {
            return Err(t!(
                msg::INPUT_NOTICE_WEEKDAY_MISMATCH,
                date = cn(date),
                weekday = weekday_cn(date.weekday()),
                part
            ));
        }
    }
    Ok(())
}

fn parse_item(year: i32, line: usize, rest: &str) -> std::result::Result<NoticeItem, Text> {
    let (name, body) = rest.split_once('：').ok_or_else(|| t!(msg::INPUT_NOTICE_NO_COLON))?;
    if name.is_empty() || name.chars().any(|c| c.is_ascii_digit()) {
        return Err(t!(msg::INPUT_NOTICE_NO_NAME));
    }
    let mut segments = body.split(['。', '；']).filter(|s| !s.is_empty());
    let first = segments.next().ok_or_else(|| t!(msg::INPUT_NOTICE_NO_DAYS_OFF))?;
    let (from, to, stated) = holiday_period(year, first)?;
    let days = u32::try_from((to - from).num_days() + 1).map_err(|_| t!(msg::INPUT_NOTICE_END_BEFORE_START))?;
    if to < from {
        return Err(t!(msg::INPUT_NOTICE_END_BEFORE_START));
    }
    if let Some(n) = stated {
        if n != days {
            return Err(t!(msg::INPUT_NOTICE_DAYS_MISMATCH, n, from = cn(from), to = cn(to), days));
        }
    }
    let mut makeup = Vec::new();
    for seg in segments {
        if tail_ok(seg) {
            continue;
        }
        makeup.extend(makeup_days(year, seg)?);
    }
    Ok(NoticeItem { line, name: name.to_string(), first: from, last: to, days, makeup })
}

/// `M月D日（…）[至[M月]D日（…）]放假…` → (first, last, stated length).
fn holiday_period(year: i32, seg: &str) -> std::result::Result<(NaiveDate, NaiveDate, Option<u32>), Text> {
    let mut c = Cur { s: seg };
    let from = c.date(year, None)?;
    let to = if c.eat("至") { c.date(year, Some(from.month()))? } else { from };
    if !c.eat("放假") {
        return Err(t!(msg::INPUT_NOTICE_NOT_OFF, text = c.s));
    }
    let mut stated = None;
    for token in c.s.split('，') {
        let mut t = Cur { s: token };
        t.eat("共");
        if let Some(n) = t.number_then('天') {
            if t.s.is_empty() {
                stated = Some(n);
                continue;
            }
        }
        if !tail_ok(token) {
            return Err(t!(msg::INPUT_NOTICE_UNREADABLE, text = token));
        }
    }
    Ok((from, to, stated))
}

/// Words of an item that change nothing: 调休, 不调休, 与周末连休 …
fn tail_ok(token: &str) -> bool {
    matches!(token, "" | "调休" | "不调休" | "与周末连休" | "放假调休")
}

/// `2月14日（周日）、2月27日（周六）上班` → the dates, each a weekend day.
fn makeup_days(year: i32, seg: &str) -> std::result::Result<Vec<NaiveDate>, Text> {
    let body = seg.strip_suffix("上班").ok_or_else(|| t!(msg::INPUT_NOTICE_NOT_MAKEUP, text = seg))?;
    let mut out = Vec::new();
    let mut c = Cur { s: body };
    loop {
        let d = c.date(year, out.last().map(|x: &NaiveDate| x.month()))?;
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            return Err(t!(msg::INPUT_NOTICE_MAKEUP_WEEKDAY, date = cn(d), weekday = weekday_cn(d.weekday())));
        }
        out.push(d);
        if c.s.is_empty() {
            break;
        }
        if !c.eat("、") && !c.eat("和") && !c.eat("，") {
            return Err(t!(msg::INPUT_NOTICE_UNREADABLE, text = c.s));
        }
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // in tests a panic is the failure report
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The 2026 notice (国办发明电〔2025〕7号) as published: its days equal the bundled 2026 data.
    const NOTICE_2026: &str = "国务院办公厅关于2026年部分节假日安排的通知
国办发明电〔2025〕7号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2025年11月4日";

    #[test]
    fn the_2026_notice_gives_exactly_the_bundled_2026_days() {
        let n = parse("2026.txt", NOTICE_2026).unwrap();
        assert_eq!(n.year, 2026);
        assert_eq!(n.items.len(), 7);
        assert_eq!(n.items[1].name, "春节");
        assert_eq!((n.items[1].first, n.items[1].last, n.items[1].days), (date(2026, 2, 15), date(2026, 2, 23), 9));
        assert_eq!(n.items[1].makeup, vec![date(2026, 2, 14), date(2026, 2, 28)]);
        assert_eq!(&n.days, crate::calendar::WorkCalendar::china().year(2026).unwrap());
    }

    /// Saved by Windows Notepad: CRLF line ends, a UTF-8 BOM or GBK; the same notice, and a
    /// refusal still names the same line.
    #[test]
    fn a_notice_saved_on_windows_with_crlf_reads_the_same() {
        let crlf = NOTICE_2026.replace('\n', "\r\n");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(crlf.as_bytes());
        let (gbk, _, _) = encoding_rs::GBK.encode(&crlf);
        for bytes in [bom, gbk.into_owned()] {
            let n = parse("通知 2026.txt", &decode("通知 2026.txt", &bytes).unwrap()).unwrap();
            assert_eq!(n.days, parse("n.txt", NOTICE_2026).unwrap().days);
            assert!(n.items.iter().all(|i| !i.name.contains('\r')));
        }
        let e = parse("n.txt", &crlf.replace("5月9日（周六）上班", "5月9日（周日）上班")).unwrap_err().to_string();
        assert!(e.contains("第9行") && e.contains("5月9日是周六"), "{e}");
    }

    #[test]
    fn a_wrong_weekday_is_refused_naming_the_line_and_the_right_day() {
        let text = NOTICE_2026.replace("5月9日（周六）上班", "5月9日（周日）上班");
        let e = parse("n.txt", &text).unwrap_err().to_string();
        assert!(e.contains("第9行") && e.contains("5月9日是周六") && e.contains("周日"), "{e}");
    }

    #[test]
    fn a_stated_length_that_disagrees_with_the_dates_is_refused() {
        let text =
            NOTICE_2026.replace("4月4日（周六）至6日（周一）放假，共3天", "4月4日（周六）至6日（周一）放假，共4天");
        let e = parse("n.txt", &text).unwrap_err().to_string();
        assert!(e.contains("共4天") && e.contains("3天"), "{e}");
    }

    #[test]
    fn an_unreadable_item_is_refused_naming_its_line() {
        let text = NOTICE_2026
            .replace("五、端午节：6月19日（周五）至21日（周日）放假，共3天。", "五、端午节：六月十九日至廿一日放假。");
        let e = parse("n.txt", &text).unwrap_err().to_string();
        assert!(e.contains("第10行") && e.contains("端午节"), "{e}");
        let text = NOTICE_2026.replace("5月9日（周六）上班。", "5月9日（周六）照常上班并另行通知。");
        let e = parse("n.txt", &text).unwrap_err().to_string();
        assert!(e.contains("第9行"), "{e}");
    }

    #[test]
    fn a_make_up_day_on_a_weekday_is_refused() {
        let text = NOTICE_2026.replace("1月4日（周日）上班", "1月5日（周一）上班");
        let e = parse("n.txt", &text).unwrap_err().to_string();
        assert!(e.contains("1月5日是周一") && e.contains("不是周末"), "{e}");
    }

    #[test]
    fn a_text_without_year_or_items_is_refused() {
        assert!(parse("n.txt", "一、元旦：1月1日（周五）放假1天。")
            .unwrap_err()
            .to_string()
            .contains("未找到通知的年份"));
        assert!(parse("n.txt", "国务院办公厅关于2027年部分节假日安排的通知\n节假日期间……")
            .unwrap_err()
            .to_string()
            .contains("未找到节假日安排条目"));
    }

    #[test]
    fn full_width_digits_spaces_and_a_single_day_with_no_makeup() {
        let n = parse(
            "n.txt",
            "国务院办公厅关于２０２７年部分节假日安排的通知\n 一、元旦：１月１日（周五） 放假1天，不调休。",
        )
        .unwrap();
        assert_eq!(n.year, 2027);
        assert_eq!(n.days.holidays, vec![NamedDay { date: date(2027, 1, 1), name: "元旦".into() }]);
        assert!(n.days.workdays.is_empty());
    }

    #[test]
    fn gbk_text_is_read() {
        let (bytes, _, _) = encoding_rs::GBK.encode(NOTICE_2026);
        let text = decode("n.txt", &bytes).unwrap();
        assert_eq!(parse("n.txt", &text).unwrap().items.len(), 7);
        assert!(decode("n.txt", b"\x81\x20\x81\x20").is_err(), "neither UTF-8 nor GBK");
    }
}
