//! Importers for the secretariat's three spreadsheet formats (SPEC "Spreadsheet formats"): XLSX
//! (calamine) or CSV (UTF-8; GBK/GB18030 from Excel on Chinese Windows is detected and read).
//!
//! Reading and checking are pure: a file becomes typed rows or a list of problems naming row,
//! column and fix. The `Desk` then writes all rows in one transaction, or nothing.

use crate::decimal::Centi;
use crate::error::{Error, ImportProblem, Result};
use crate::model::{normalize_province, Award, DossierInput, ExpertInput, Indicators, Narratives, INDICATORS};
use crate::units;
use crate::{msg, t, Text};
use chrono::NaiveDate;
use std::path::Path;

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => strip_invisible(s.trim()),
            Cell::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    n.to_string()
                }
            }
            Cell::Date(d) => d.to_string(),
        }
    }
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty) || matches!(self, Cell::Text(s) if s.trim().is_empty())
    }
}

/// Zero-width characters (pasted from web pages and chat apps) are invisible in a cell: dropped.
fn strip_invisible(s: &str) -> String {
    if !s.contains(['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}']) {
        return s.to_string();
    }
    s.chars()
        .filter(|c| !matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'))
        .collect::<String>()
        .trim()
        .to_string()
}

/// Full-width digits and signs (１２３，－，．) as typed with a Chinese input method → ASCII, for
/// the numeric and date fields only.
fn halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '－' => '-',
            '／' => '/',
            '＋' => '+',
            _ => c,
        })
        .collect()
}

/// Excel's own limit for one cell; longer text cannot come from a spreadsheet cell.
pub const MAX_CELL_CHARS: usize = 32_767;
/// An XLSX file may unpack to at most this much (a zip bomb is refused before it is read).
pub const MAX_UNPACKED_BYTES: u64 = 100 * 1024 * 1024;
/// At most this many cells are read from a sheet (rows × used columns).
const MAX_CELLS: usize = 5_000_000;

/// A sheet: its header row and data rows with their 1-based row numbers.
#[derive(Debug, Clone)]
pub struct Table {
    pub file: String,
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<Cell>)>,
    /// Notes for the user (e.g. the file was read as GBK).
    pub notes: Vec<String>,
    /// The worksheet read (workbooks only).
    pub sheet: Option<String>,
    /// Merged areas (first row, last row — 1-based; first column, last column — 0-based, as in
    /// `headers`): only their top-left cell holds a value.
    pub merged: Vec<(usize, usize, usize, usize)>,
    /// Formula cells saved without their computed value: (row, column, formula).
    pub uncomputed: Vec<(usize, usize, String)>,
}

fn file_label(path: &Path) -> String {
    path.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_else(|| path.display().to_string())
}

fn fail(file: &str, row: usize, column: &str, message: Text) -> Error {
    Error::Import { file: file.to_string(), problems: vec![ImportProblem::new(row, column, message)] }
}

/// `names` quoted or listed, each through `one` (the last) or `more` (one before the rest).
fn joined(names: &[&str], one: &'static crate::text::Msg, more: &'static crate::text::Msg) -> Text {
    let mut out: Option<Text> = None;
    for name in names.iter().rev() {
        out = Some(match out {
            None => t!(*one, name),
            Some(rest) => t!(*more, name, rest),
        });
    }
    out.unwrap_or(t!(msg::EMPTY))
}

mod csv;
mod workbook;
pub use csv::{decode_text, read_csv_bytes};
pub use workbook::read_table;

/// Column lookup with the problems collected along the way.
struct Sheet<'a> {
    t: &'a Table,
    cols: Vec<Option<usize>>,
    names: &'a [&'a str],
    problems: Vec<ImportProblem>,
}

impl<'a> Sheet<'a> {
    fn new(t: &'a Table, names: &'a [&'a str], required: &[&str]) -> std::result::Result<Sheet<'a>, Error> {
        let norm = |s: &str| {
            s.chars().filter(|c| !c.is_whitespace()).collect::<String>().replace('(', "（").replace(')', "）")
        };
        let headers: Vec<String> = t.headers.iter().map(|h| norm(h)).collect();
        let cols: Vec<Option<usize>> = names.iter().map(|n| headers.iter().position(|h| *h == norm(n))).collect();
        let missing: Vec<&str> =
            names.iter().zip(&cols).filter(|(n, c)| c.is_none() && required.contains(n)).map(|(n, _)| *n).collect();
        if !missing.is_empty() {
            let of_sheet = t.sheet.as_deref().map(|sheet| t!(msg::INPUT_OF_SHEET, sheet)).unwrap_or(t!(msg::EMPTY));
            let message = t!(
                msg::INPUT_MISSING_COLUMNS,
                of_sheet,
                missing = joined(&missing, &msg::INPUT_QUOTED_ONE, &msg::INPUT_QUOTED_MORE),
                names = joined(names, &msg::INPUT_LIST_ONE, &msg::INPUT_LIST_MORE)
            );
            return Err(Error::Import {
                file: t.file.clone(),
                problems: vec![ImportProblem::new(1, missing.join("、"), message)],
            });
        }
        Ok(Sheet { t, cols, names, problems: Vec::new() })
    }
    fn cell<'r>(&self, row: &'r [Cell], name: &str) -> &'r Cell {
        static EMPTY: Cell = Cell::Empty;
        let i = self.names.iter().position(|n| *n == name).and_then(|i| self.cols[i]);
        i.and_then(|i| row.get(i)).unwrap_or(&EMPTY)
    }
    fn text(&self, row: &[Cell], name: &str) -> String {
        self.cell(row, name).text()
    }
    fn col_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| *n == name).and_then(|i| self.cols[i])
    }
    fn problem(&mut self, row: usize, column: &str, message: Text) {
        let mut message = message;
        if let Some(c) = self.col_of(column) {
            // a formula without its value was already named; nothing more to say about the cell
            if self.t.uncomputed.iter().any(|(r, x, _)| *r == row && *x == c) {
                return;
            }
            let top_left = self.t.merged.iter().find(|(r1, r2, c1, c2)| {
                (*r1..=*r2).contains(&row) && (*c1..=*c2).contains(&c) && (row, c) != (*r1, *c1)
            });
            if let Some((r1, _, _, _)) = top_left {
                message = t!(msg::INPUT_IN_MERGED, message, row = *r1);
            }
        }
        self.problems.push(ImportProblem::new(row, column, message));
    }
    /// Cells of the known columns that cannot be taken as they are: formulas saved without their
    /// value, text longer than a spreadsheet cell holds, invisible control characters.
    fn check_cells(&mut self, n: usize, row: &[Cell]) {
        let (names, t) = (self.names, self.t);
        for (k, name) in names.iter().enumerate() {
            let Some(i) = self.cols[k] else { continue };
            if let Some((_, _, f)) = t.uncomputed.iter().find(|(r, c, _)| *r == n && *c == i) {
                let f = if f.chars().count() > 30 {
                    format!("{}…", f.chars().take(30).collect::<String>())
                } else {
                    f.clone()
                };
                self.problems.push(ImportProblem::new(
                    n,
                    name.to_string(),
                    t!(msg::INPUT_FORMULA_NO_VALUE, formula = f),
                ));
                continue;
            }
            if let Some(Cell::Text(s)) = row.get(i) {
                let len = s.chars().count();
                if len > MAX_CELL_CHARS {
                    self.problem(n, name, t!(msg::INPUT_TOO_LONG, len, max = MAX_CELL_CHARS));
                } else if s.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
                    self.problem(n, name, t!(msg::INPUT_CONTROL_CHARS));
                }
            }
        }
    }
    fn required_text(&mut self, n: usize, row: &[Cell], name: &str) -> Option<String> {
        let s = self.text(row, name);
        if s.is_empty() {
            self.problem(n, name, t!(msg::INPUT_REQUIRED));
            None
        } else {
            Some(s)
        }
    }
    fn count(&mut self, n: usize, row: &[Cell], name: &str) -> i64 {
        match self.cell(row, name) {
            Cell::Empty => 0,
            Cell::Number(x) if x.fract() == 0.0 && *x >= 0.0 && *x < 1e12 => *x as i64,
            Cell::Number(x) if *x < 0.0 => {
                self.problem(n, name, t!(msg::INPUT_NEGATIVE_COUNT, value = *x));
                0
            }
            c => {
                let s = halfwidth(&c.text()).replace([',', '，'], "");
                match s.parse::<i64>() {
                    Ok(v) if v >= 0 => v,
                    Ok(v) => {
                        self.problem(n, name, t!(msg::INPUT_NEGATIVE_COUNT, value = v));
                        0
                    }
                    Err(_) => {
                        self.problem(n, name, t!(msg::INPUT_NOT_INTEGER, text = c.text()));
                        0
                    }
                }
            }
        }
    }
    fn finish<T>(self, rows: T) -> Result<T> {
        if self.problems.is_empty() {
            Ok(rows)
        } else {
            let mut p = self.problems;
            p.truncate(200);
            Err(Error::Import { file: self.t.file.clone(), problems: p })
        }
    }
}

pub const DOSSIER_HEADERS: [&str; 21] = [
    "单位名称",
    "申报类别",
    "联系人",
    "联系电话",
    "提交日期",
    "规上工业企业数",
    "企业科协总数",
    "本年新建企业科协数",
    "本年组建任务数",
    "建立科协联系人制度企业数",
    "园区总数",
    "已建科协园区数",
    "国家级园区数",
    "已建科协国家级园区数",
    "院士专家工作站数",
    "县级联系点建会建站数",
    "配套资金（万元）",
    "组织领导情况",
    "组织建设成效",
    "服务企业创新情况",
    "特色做法",
];

fn parse_date(c: &Cell) -> Option<NaiveDate> {
    match c {
        Cell::Date(d) => Some(*d),
        Cell::Number(x) if *x > 20000.0 && *x < 80000.0 && x.fract() == 0.0 => {
            NaiveDate::from_ymd_opt(1899, 12, 30).and_then(|e| e.checked_add_signed(chrono::Duration::days(*x as i64)))
        }
        _ => {
            let s = halfwidth(&c.text()).replace(['/', '.', '年', '月'], "-").replace('日', "");
            NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()
        }
    }
}

/// 申报汇总表 → dossiers. Checks unit (eligible, known), award, date, numbers, plausibility and
/// duplicates within the file.
pub fn parse_dossiers(t: &Table) -> Result<Vec<(usize, DossierInput)>> {
    parse_dossiers_opts(t, true)
}

/// As [`parse_dossiers`]; `refuse_duplicates = false` skips only the cross-row duplicate check
/// (used by the benchmark, whose 10,000 synthetic rows repeat the 47 units).
pub fn parse_dossiers_opts(t: &Table, refuse_duplicates: bool) -> Result<Vec<(usize, DossierInput)>> {
    let mut s = Sheet::new(t, &DOSSIER_HEADERS, &DOSSIER_HEADERS[..17])?;
    let mut out: Vec<(usize, DossierInput)> = Vec::new();
    let mut seen: std::collections::HashMap<(&str, Award), usize> = std::collections::HashMap::new();
    for (n, row) in &t.rows {
        if row.iter().all(Cell::is_empty) && !t.uncomputed.iter().any(|u| u.0 == *n) {
            continue;
        }
        let n = *n;
        s.check_cells(n, row);
        let unit = match s.required_text(n, row, "单位名称") {
            Some(name) => match units::find(&name) {
                Some(u) => Some(u),
                None => {
                    s.problem(n, "单位名称", units::not_eligible(&name));
                    None
                }
            },
            None => None,
        };
        let award = match s.required_text(n, row, "申报类别") {
            Some(a) => match Award::parse(&a) {
                Some(a) => Some(a),
                None => {
                    s.problem(n, "申报类别", t!(msg::INPUT_AWARD_NOT_CATEGORY, text = a.as_str()));
                    None
                }
            },
            None => None,
        };
        let date_cell = s.cell(row, "提交日期").clone();
        let submitted_on = if date_cell.is_empty() {
            s.problem(n, "提交日期", t!(msg::INPUT_DATE_REQUIRED));
            None
        } else {
            let d = parse_date(&date_cell);
            if d.is_none() {
                s.problem(n, "提交日期", t!(msg::INPUT_DATE_INVALID, text = date_cell.text()));
            }
            d
        };
        let mut ind = Indicators::default();
        for (id, label) in INDICATORS {
            let v = s.count(n, row, label);
            ind.set(id, v);
        }
        // a negative count was named by `count` already
        for (id, problem) in ind.plausibility_texts() {
            if problem.code != msg::INPUT_PLAUS_NEGATIVE.code {
                s.problem(n, crate::model::indicator_label(id), problem);
            }
        }
        let matching_cell = s.cell(row, "配套资金（万元）").clone();
        let matching_funds_yuan = match &matching_cell {
            Cell::Empty => 0,
            c => match Centi::parse(&halfwidth(&c.text()).replace([',', '，'], "")).or_else(|| {
                if let Cell::Number(x) = c {
                    Centi::from_f64_exact(*x)
                } else {
                    None
                }
            }) {
                // 万元 with at most two decimals = whole hundreds of yuan
                Some(w) if w.0 >= 0 => w.0 * 100,
                Some(_) => {
                    s.problem(n, "配套资金（万元）", t!(msg::INPUT_NOT_NEGATIVE));
                    0
                }
                None => {
                    s.problem(n, "配套资金（万元）", t!(msg::INPUT_AMOUNT_INVALID, text = c.text()));
                    0
                }
            },
        };
        if let (Some(u), Some(a)) = (unit, award) {
            if let Some(first) = seen.get(&(u.code.as_str(), a)).filter(|_| refuse_duplicates) {
                s.problem(
                    n,
                    "单位名称",
                    t!(msg::INPUT_DUPLICATE_DOSSIER, unit = u.full_name.as_str(), award = a.text(), row = *first),
                );
                continue;
            }
            seen.entry((u.code.as_str(), a)).or_insert(n);
            out.push((
                n,
                DossierInput {
                    unit_code: u.code.clone(),
                    award: a,
                    contact_name: s.text(row, "联系人"),
                    contact_phone: s.text(row, "联系电话"),
                    submitted_on,
                    indicators: ind,
                    matching_funds_yuan,
                    narratives: Narratives {
                        leadership: s.text(row, "组织领导情况"),
                        building: s.text(row, "组织建设成效"),
                        services: s.text(row, "服务企业创新情况"),
                        distinctive: s.text(row, "特色做法"),
                    },
                },
            ));
        }
    }
    if out.is_empty() && s.problems.is_empty() {
        s.problem(2, "", t!(msg::INPUT_NO_DATA_ROWS));
    }
    s.finish(out)
}

pub const EXPERT_HEADERS: [&str; 6] = ["姓名", "工作单位", "所在省份", "专业领域", "联系电话", "回避单位"];

/// 评审专家库 → experts.
pub fn parse_experts(t: &Table) -> Result<Vec<(usize, ExpertInput)>> {
    let mut s = Sheet::new(t, &EXPERT_HEADERS, &EXPERT_HEADERS[..3])?;
    let mut out: Vec<(usize, ExpertInput)> = Vec::new();
    for (n, row) in &t.rows {
        if row.iter().all(Cell::is_empty) && !t.uncomputed.iter().any(|u| u.0 == *n) {
            continue;
        }
        let n = *n;
        s.check_cells(n, row);
        let name = s.required_text(n, row, "姓名");
        let employer = s.required_text(n, row, "工作单位");
        let province = match s.required_text(n, row, "所在省份") {
            Some(p) => {
                let v = normalize_province(&p);
                if v.is_none() {
                    s.problem(n, "所在省份", t!(msg::INPUT_PROVINCE_INVALID, text = p.as_str()));
                }
                v
            }
            None => None,
        };
        let mut conflicts = Vec::new();
        for part in s.text(row, "回避单位").split(['；', ';', '、']).map(str::trim).filter(|x| !x.is_empty()) {
            match units::find(part) {
                Some(u) => conflicts.push(u.code.clone()),
                None => {
                    let sug = units::suggestions(part);
                    let problem = if sug.is_empty() {
                        t!(msg::INPUT_CONFLICT_UNKNOWN, part)
                    } else {
                        t!(msg::INPUT_CONFLICT_UNKNOWN_SUGGEST, part, suggestions = sug.join("、"))
                    };
                    s.problem(n, "回避单位", problem);
                }
            }
        }
        if let (Some(name), Some(employer), Some(province)) = (name, employer, province) {
            if let Some((first, _)) = out.iter().find(|(_, e)| e.name == name) {
                s.problem(n, "姓名", t!(msg::INPUT_EXPERT_DUPLICATE, name = name.as_str(), row = *first));
                continue;
            }
            out.push((
                n,
                ExpertInput {
                    name,
                    employer,
                    province,
                    field: s.text(row, "专业领域"),
                    phone: s.text(row, "联系电话"),
                    conflicts,
                },
            ));
        }
    }
    if out.is_empty() && s.problems.is_empty() {
        s.problem(2, "", t!(msg::INPUT_NO_DATA_ROWS));
    }
    s.finish(out)
}

pub const SCORE_HEADERS: [&str; 5] = ["专家", "单位", "评分项", "得分", "意见"];
/// Optional columns of 评分录入: 类别 (申报类别) tells which dossier when a unit applied for both awards.
const SCORE_COLUMNS: [&str; 6] = ["专家", "单位", "评分项", "得分", "意见", "类别"];

/// One typed row of 评分录入 before it is matched to assignments.
#[derive(Debug, Clone)]
pub struct ScoreRow {
    pub row: usize,
    pub expert: String,
    pub unit_code: String,
    pub criterion: String,
    pub points: Centi,
    pub comment: String,
    /// The award, when the file says (column 类别); else found from the criterion.
    pub award: Option<Award>,
}

/// 评分录入 → score rows (the `Desk` checks them against assignments and the rubric).
pub fn parse_scores(t: &Table) -> Result<Vec<ScoreRow>> {
    let mut s = Sheet::new(t, &SCORE_COLUMNS, &SCORE_HEADERS[..4])?;
    let mut out = Vec::new();
    for (n, row) in &t.rows {
        if row.iter().all(Cell::is_empty) && !t.uncomputed.iter().any(|u| u.0 == *n) {
            continue;
        }
        let n = *n;
        s.check_cells(n, row);
        let expert = s.required_text(n, row, "专家");
        let unit = s.required_text(n, row, "单位").and_then(|u| match units::find(&u) {
            Some(u) => Some(u.code.clone()),
            None => {
                s.problem(n, "单位", units::not_eligible(&u));
                None
            }
        });
        let criterion = s.required_text(n, row, "评分项");
        let pc = s.cell(row, "得分").clone();
        let points = match &pc {
            Cell::Empty => {
                s.problem(n, "得分", t!(msg::INPUT_REQUIRED));
                None
            }
            Cell::Number(x) => {
                let v = Centi::from_f64_exact(*x);
                if v.is_none() {
                    s.problem(n, "得分", t!(msg::INPUT_SCORE_NOT_HALF, value = *x));
                }
                v
            }
            c => {
                let v = Centi::parse(&halfwidth(&c.text()));
                if v.is_none() {
                    s.problem(n, "得分", t!(msg::INPUT_SCORE_NOT_NUMBER, text = c.text()));
                }
                v
            }
        };
        let award_text = s.text(row, "类别");
        let award = if award_text.is_empty() {
            None
        } else {
            let a = Award::parse(&award_text);
            if a.is_none() {
                s.problem(n, "类别", t!(msg::INPUT_AWARD_NOT_CATEGORY_OR_EMPTY, text = award_text.as_str()));
            }
            a
        };
        if let (Some(expert), Some(unit_code), Some(criterion), Some(points)) = (expert, unit, criterion, points) {
            out.push(ScoreRow { row: n, expert, unit_code, criterion, points, comment: s.text(row, "意见"), award });
        }
    }
    if out.is_empty() && s.problems.is_empty() {
        s.problem(2, "", t!(msg::INPUT_NO_DATA_ROWS));
    }
    s.finish(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(text: &str) -> Table {
        read_csv_bytes("t.csv", text.as_bytes()).unwrap()
    }

    fn header() -> String {
        DOSSIER_HEADERS.join(",")
    }

    #[test]
    fn csv_parser_handles_quotes_and_newlines() {
        let t = csv("a,b\n\"x,1\",\"he said \"\"hi\"\"\nnext\"\n\n3,4\r\n");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].1[0], Cell::Text("x,1".into()));
        assert_eq!(t.rows[0].1[1], Cell::Text("he said \"hi\"\nnext".into()));
        assert_eq!(t.rows[1].0, 5);
    }

    #[test]
    fn gbk_csv_is_detected_and_read() {
        let (bytes, _, _) = encoding_rs::GBK.encode("姓名,工作单位,所在省份\n张三,清华大学,北京市\n");
        let t = read_csv_bytes("专家.csv", &bytes).unwrap();
        assert!(t.notes[0].contains("GBK"));
        let e = parse_experts(&t).unwrap();
        assert_eq!(e[0].1.name, "张三");
        assert_eq!(e[0].1.province, "北京");
    }

    #[test]
    fn bad_dossier_rows_name_row_and_column() {
        let text = format!(
            "{}\n{}\n{}\n{}\n{}\n",
            header(),
            "湖北省科协,后补助,张三,027-1,2014-10-20,1000,60,10,8,20,30,12,5,2,3,1,,a,b,c,d",
            "湖北省科协,后补助,张三,027-1,2014-10-20,1000,60,10,8,20,30,12,5,2,3,1,,a,b,c,d",
            "苏州市科协,优秀奖,李四,1,2014-13-01,abc,-5,1,1,1,10,12,1,1,1,1,,a,b,c,d",
            "湖北科技协会,试点示范,王五,1,2014-10-01,10,1,1,1,1,1,1,1,1,1,1,x,a,b,c,d",
        );
        let err = parse_dossiers(&csv(&text)).unwrap_err();
        let Error::Import { problems, file } = &err else { panic!("{err}") };
        assert_eq!(file, "t.csv");
        let has = |row: usize, col: &str, needle: &str| {
            problems.iter().any(|p| p.row == row && p.column == col && p.message.contains(needle))
        };
        assert!(has(3, "单位名称", "与第2行重复"), "{err}");
        assert!(has(4, "单位名称", "不是可申报单位"), "{err}");
        assert!(has(4, "申报类别", "试点示范"), "{err}");
        assert!(has(4, "提交日期", "YYYY-MM-DD"), "{err}");
        assert!(has(4, "规上工业企业数", "不是整数"), "{err}");
        assert!(has(4, "企业科协总数", "负数"), "{err}");
        assert!(has(4, "已建科协园区数", "大于「园区总数」"), "{err}");
        assert!(has(5, "单位名称", "湖北省科学技术协会"), "{err}");
        assert!(has(5, "配套资金（万元）", "不是金额"), "{err}");
        assert!(err.to_string().contains("第4行「申报类别」列"), "{err}");
    }

    #[test]
    fn missing_header_is_refused() {
        let err = parse_dossiers(&csv("单位名称,申报类别\n湖北省科协,后补助\n")).unwrap_err().to_string();
        assert!(err.contains("表头缺少列") && err.contains("联系人"), "{err}");
    }

    #[test]
    fn score_rows_may_name_the_award() {
        let t = csv("专家,单位,评分项,得分,意见,类别\n张三,湖北省科协,leadership,8.5,好,后补助\n张三,湖北省科协,priority,20,,\n张三,湖北省科协,quality,8,,一等奖\n");
        let err = parse_scores(&t).unwrap_err().to_string();
        assert!(err.contains("第4行「类别」列"), "{err}");
        let t = csv("专家,单位,评分项,得分,意见,类别\n张三,湖北省科协,leadership,8.5,好,后补助\n张三,湖北省科协,priority,20,,\n");
        let rows = parse_scores(&t).unwrap();
        assert_eq!(rows[0].award, Some(Award::Subsidy));
        assert_eq!(rows[1].award, None);
    }

    #[test]
    fn scores_parse_and_refuse_non_numbers() {
        let t = csv("专家,单位,评分项,得分,意见\n张三,湖北省科协,leadership,8.5,好\n张三,湖北省科协,planning,八,\n");
        let err = parse_scores(&t).unwrap_err().to_string();
        assert!(err.contains("第3行「得分」列") && err.contains("不是数字"), "{err}");
    }
}
