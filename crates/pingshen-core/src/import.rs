//! Importers for the secretariat's three spreadsheet formats (SPEC "Spreadsheet formats"): XLSX
//! (calamine) or CSV (UTF-8; GBK/GB18030 from Excel on Chinese Windows is detected and read).
//!
//! Reading and checking are pure: a file becomes typed rows or a list of problems naming row,
//! column and fix. The `Desk` then writes all rows in one transaction, or nothing.

use crate::decimal::Centi;
use crate::error::{Error, ImportProblem, Result};
use crate::model::{normalize_province, Award, DossierInput, ExpertInput, Indicators, Narratives, INDICATORS};
use crate::units;
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
                if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", *n as i64) } else { n.to_string() }
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
    s.chars().filter(|c| !matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')).collect::<String>().trim().to_string()
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

fn fail(file: &str, row: usize, column: &str, message: impl Into<String>) -> Error {
    Error::Import { file: file.to_string(), problems: vec![ImportProblem { row, column: column.to_string(), message: message.into() }] }
}

/// Reads the first sheet of an XLSX/XLS/ODS file or a CSV file.
pub fn read_table(path: &Path) -> Result<Table> {
    let file = file_label(path);
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            read_csv_bytes(&file, &bytes)
        }
        "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(path, &file),
        _ => Err(fail(&file, 0, "", "文件类型不支持，请使用 .xlsx 或 UTF-8 编码的 .csv 文件")),
    }
}

const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn damaged(file: &str) -> Error {
    fail(file, 0, "", "无法读取工作簿：文件已损坏或不完整（可能下载或复制时被截断）。请在Excel中打开确认，另存为 .xlsx 后重新导入")
}

/// What a file that is not a readable workbook really is, by its content.
fn not_a_workbook(file: &str, bytes: &[u8]) -> Error {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    if head.trim_start_matches('\u{feff}').trim_start().starts_with('<') && (head.contains("<html") || head.contains("<table")) {
        return fail(file, 0, "", "文件是网页（HTML）格式，不是真正的Excel工作簿（常见于从其他系统导出的 .xls）。请用Excel打开后「另存为 → Excel工作簿（*.xlsx）」再导入");
    }
    if !bytes[..bytes.len().min(4096)].contains(&0) && (std::str::from_utf8(bytes).is_ok() || !encoding_rs::GB18030.decode(bytes).2) {
        return fail(file, 0, "", "文件内容是文本（CSV），不是Excel工作簿：请把扩展名改为 .csv 后导入，或在Excel中另存为 .xlsx");
    }
    damaged(file)
}

/// calamine follows a CFB (.xls) sector chain until its end marker, so a damaged file whose chain
/// loops back would be read forever (found by tests/fuzz_parsers.rs). Checked here first: every
/// chain of the FAT and of the mini FAT ends.
fn cfb_chains_end(bytes: &[u8]) -> bool {
    let u32_at = |o: usize| bytes.get(o..o + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    if bytes.len() < 512 {
        return false;
    }
    let shift = u16::from_le_bytes([bytes[30], bytes[31]]);
    if shift != 9 && shift != 12 {
        return false;
    }
    let ss = 1usize << shift;
    let n = bytes.len().saturating_sub(ss).div_ceil(ss);
    let sector = |id: u32| -> Option<Vec<u32>> {
        let at = (id as usize).checked_add(1)?.checked_mul(ss)?;
        let s = bytes.get(at..(at + ss).min(bytes.len()))?;
        Some(s.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    };
    // the FAT's sectors: 109 in the header, then the DIFAT chain (each sector ends with the next)
    let mut fat_ids: Vec<u32> = (0..109).filter_map(|k| u32_at(76 + 4 * k)).filter(|id| (*id as usize) < n).collect();
    let mut d = u32_at(68).unwrap_or(u32::MAX);
    let mut steps = 0;
    while (d as usize) < n {
        steps += 1;
        if steps > n {
            return false;
        }
        let Some(mut s) = sector(d) else { return false };
        d = s.pop().unwrap_or(u32::MAX);
        fat_ids.extend(s.into_iter().filter(|id| (*id as usize) < n));
    }
    let mut fat: Vec<u32> = Vec::new();
    for id in fat_ids {
        match sector(id) {
            Some(s) => fat.extend(s),
            None => return false,
        }
    }
    let acyclic = |next: &[u32]| -> bool {
        let mut state = vec![0u8; next.len()];
        for start in 0..next.len() {
            let mut path = Vec::new();
            let mut i = start;
            while i < next.len() && state[i] == 0 {
                state[i] = 1;
                path.push(i);
                i = next[i] as usize;
            }
            if i < next.len() && state[i] == 1 {
                return false;
            }
            for p in path {
                state[p] = 2;
            }
        }
        true
    };
    if !acyclic(&fat) {
        return false;
    }
    // the mini FAT, read through the (now finite) FAT
    let mut minifat: Vec<u32> = Vec::new();
    let mut m = u32_at(60).unwrap_or(u32::MAX) as usize;
    while m < fat.len() && m < n {
        match sector(m as u32) {
            Some(s) => minifat.extend(s),
            None => return false,
        }
        m = fat[m] as usize;
    }
    acyclic(&minifat)
}

fn utf16_contains(bytes: &[u8], needle: &str) -> bool {
    let n: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(n.len()).any(|w| w == n.as_slice())
}

/// Refuses a zip that unpacks to more than [`MAX_UNPACKED_BYTES`] (counted while inflating, so a
/// lying header does not help).
fn check_unpacked_size(file: &str, bytes: &[u8]) -> Result<()> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| damaged(file))?;
    let too_big = || fail(file, 0, "", format!("文件解压后超过{}MB，内容过大或是异常的压缩文件（“压缩炸弹”），无法导入。请检查文件来源，或只保留要导入的工作表后另存", MAX_UNPACKED_BYTES >> 20));
    if zip.len() > 10_000 {
        return Err(too_big());
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|_| damaged(file))?;
        let n = std::io::copy(&mut std::io::Read::take(entry, MAX_UNPACKED_BYTES - total + 1), &mut std::io::sink()).map_err(|_| damaged(file))?;
        total += n;
        if total > MAX_UNPACKED_BYTES {
            return Err(too_big());
        }
    }
    Ok(())
}

fn convert(c: calamine::Data) -> Cell {
    use calamine::Data;
    match c {
        Data::Empty => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s),
        Data::Int(i) => Cell::Number(i as f64),
        Data::Float(f) => Cell::Number(f),
        Data::Bool(b) => Cell::Text(if b { "TRUE".into() } else { "FALSE".into() }),
        Data::DateTime(d) => d.as_datetime().map(|x| Cell::Date(x.date())).unwrap_or(Cell::Number(d.as_f64())),
        Data::Error(e) => Cell::Text(e.to_string()),
    }
}

/// The first visible worksheet (a hidden sheet is not what the user sees as "the" table).
fn first_visible<RS: std::io::Read + std::io::Seek, R: calamine::Reader<RS>>(wb: &R, file: &str) -> Result<String> {
    use calamine::{SheetType, SheetVisible};
    let sheets = wb.sheets_metadata();
    sheets
        .iter()
        .find(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
        .or_else(|| sheets.iter().find(|s| s.typ == SheetType::WorkSheet))
        .map(|s| s.name.clone())
        .ok_or_else(|| fail(file, 0, "", "工作簿中没有工作表"))
}

/// Reads an XLSX/XLS/ODS file, recognised by its content (an .xls renamed .xlsx is read as what
/// it is; a password-protected workbook, a web page or a text file saved as .xls/.xlsx is refused
/// saying so). The first visible worksheet is read.
fn read_workbook(path: &Path, file: &str) -> Result<Table> {
    // calamine indexes damaged structures without checking them (found by tests/fuzz_parsers.rs):
    // a panic inside it is a damaged file, not a crash
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_workbook_unguarded(path, file))).unwrap_or_else(|_| Err(damaged(file)))
}

fn read_workbook_unguarded(path: &Path, file: &str) -> Result<Table> {
    use calamine::Reader;
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if bytes.is_empty() {
        return Err(fail(file, 0, "", "是空文件（0字节），请确认文件已完整保存后重新导入"));
    }
    if bytes.starts_with(CFB_MAGIC) {
        if utf16_contains(&bytes, "EncryptedPackage") {
            return Err(fail(file, 0, "", "工作簿设置了打开密码（已加密），评审台无法读取。请在Excel中打开，「文件 → 信息 → 保护工作簿 → 用密码进行加密」清空密码以取消加密并保存，再重新导入"));
        }
        if !cfb_chains_end(&bytes) {
            return Err(damaged(file));
        }
        let mut wb = calamine::Xls::new(std::io::Cursor::new(bytes)).map_err(|e| fail(file, 0, "", format!("无法读取 .xls 工作簿（{e}）：请在Excel中打开后另存为 .xlsx 再导入")))?;
        let name = first_visible(&wb, file)?;
        let range = wb.worksheet_range(&name).map_err(|e| fail(file, 0, "", format!("无法读取工作表「{name}」（{e}）：请另存为 .xlsx 后再导入")))?;
        return Ok(range_table(file, name, &range));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(not_a_workbook(file, &bytes));
    }
    check_unpacked_size(file, &bytes)?;
    let is_ods = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ods"));
    if is_ods {
        let mut wb = calamine::Ods::new(std::io::Cursor::new(bytes)).map_err(|e| fail(file, 0, "", format!("无法读取工作簿（{e}），请确认文件未损坏")))?;
        let name = first_visible(&wb, file)?;
        let range = wb.worksheet_range(&name).map_err(|e| fail(file, 0, "", format!("无法读取工作表「{name}」（{e}）")))?;
        return Ok(range_table(file, name, &range));
    }
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| fail(file, 0, "", format!("无法读取工作簿（{e}），请确认文件未损坏且是Excel工作簿（.xlsx）")))?;
    let name = first_visible(&wb, file)?;
    let merges: Vec<calamine::Dimensions> = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
    let unreadable = |e: calamine::XlsxError| fail(file, 0, "", format!("无法读取工作表「{name}」（{e}），请确认文件未损坏"));
    // sparse: only the cells that hold something (a stray value in XFD1048576 costs nothing)
    let mut cells: Vec<(u32, u32, Cell)> = Vec::new();
    let mut formulas: Vec<(u32, u32, String)> = Vec::new();
    {
        let mut reader = wb.worksheet_cells_reader(&name).map_err(unreadable)?;
        while let Some(c) = reader.next_cell_with_formula().map_err(unreadable)? {
            let value = convert(calamine::Data::from(c.value));
            match (value, c.formula) {
                (Cell::Empty, Some(f)) if !f.is_empty() => formulas.push((c.pos.0, c.pos.1, f)),
                (Cell::Empty, _) => {}
                (v, _) => cells.push((c.pos.0, c.pos.1, v)),
            }
            if cells.len() + formulas.len() > MAX_CELLS {
                return Err(fail(file, 0, "", "工作表的单元格过多，无法导入：请只保留要导入的表格后另存"));
            }
        }
    }
    let Some(r0) = cells.iter().map(|c| c.0).chain(formulas.iter().map(|c| c.0)).min() else {
        return Ok(Table { file: file.to_string(), headers: Vec::new(), rows: Vec::new(), notes: Vec::new(), sheet: Some(name), merged: Vec::new(), uncomputed: Vec::new() });
    };
    let c0 = cells.iter().map(|c| c.1).chain(formulas.iter().map(|c| c.1)).min().unwrap_or(0);
    // the table is as wide as its header row; what lies further right is not part of it
    let width = cells.iter().filter(|c| c.0 == r0).map(|c| (c.1 - c0) as usize + 1).max().unwrap_or(0).min(1024);
    let mut headers = vec![String::new(); width];
    let mut rows: std::collections::BTreeMap<u32, Vec<Cell>> = std::collections::BTreeMap::new();
    for (r, c, v) in cells {
        let col = (c - c0) as usize;
        if col >= width {
            continue;
        }
        if r == r0 {
            headers[col] = v.text();
        } else {
            if !rows.contains_key(&r) && (rows.len() + 1) * width.max(1) > MAX_CELLS {
                return Err(fail(file, 0, "", "工作表的行数过多，无法导入：请只保留要导入的表格后另存"));
            }
            rows.entry(r).or_insert_with(|| vec![Cell::Empty; width])[col] = v;
        }
    }
    let c0 = c0 as usize;
    let merged = merges
        .iter()
        .filter(|d| (d.end.1 as usize) >= c0)
        .map(|d| (d.start.0 as usize + 1, d.end.0 as usize + 1, (d.start.1 as usize).saturating_sub(c0), d.end.1 as usize - c0))
        .collect();
    let uncomputed = formulas.into_iter().filter(|f| (f.1 as usize) >= c0).map(|(r, c, f)| (r as usize + 1, c as usize - c0, f)).collect();
    let rows = rows.into_iter().map(|(r, v)| (r as usize + 1, v)).collect();
    Ok(Table { file: file.to_string(), headers, rows, notes: Vec::new(), sheet: Some(name), merged, uncomputed })
}

fn range_table(file: &str, sheet: String, range: &calamine::Range<calamine::Data>) -> Table {
    let (r0, _c0) = range.start().unwrap_or((0, 0));
    let mut rows = range.rows();
    let headers: Vec<String> = rows.next().map(|r| r.iter().map(|c| convert(c.clone()).text()).collect()).unwrap_or_default();
    let out = rows.enumerate().map(|(i, r)| (r0 as usize + i + 2, r.iter().map(|c| convert(c.clone())).collect())).collect();
    Table { file: file.to_string(), headers, rows: out, notes: Vec::new(), sheet: Some(sheet), merged: Vec::new(), uncomputed: Vec::new() }
}

/// Decodes CSV bytes: UTF-8 (with or without BOM); else GB18030 (a superset of GBK) when it
/// decodes cleanly, with a note; UTF-16 with its BOM (Excel's 「Unicode文本」), with a note; else a
/// clear error.
pub fn decode_text(file: &str, bytes: &[u8]) -> Result<(String, Option<String>)> {
    for (bom, enc) in [([0xFF, 0xFE], encoding_rs::UTF_16LE), ([0xFE, 0xFF], encoding_rs::UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(&bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(rest);
            if had_errors {
                return Err(fail(file, 0, "", "文件是UTF-16编码但已损坏，无法识别。请在Excel中「另存为 → CSV UTF-8（逗号分隔）」后重新导入"));
            }
            return Ok((text.into_owned(), Some(format!("「{file}」是UTF-16编码，已按UTF-16读取；建议今后另存为「CSV UTF-8」"))));
        }
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(e) => {
            let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
            if had_errors {
                let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
                Err(fail(file, line, "", "文件不是UTF-8编码，也不是GBK编码，无法识别。请在Excel中「另存为 → CSV UTF-8（逗号分隔）」后重新导入"))
            } else {
                Ok((text.into_owned(), Some(format!("「{file}」不是UTF-8编码，已按GBK（GB18030）编码读取；建议今后另存为「CSV UTF-8」"))))
            }
        }
    }
}

pub fn read_csv_bytes(file: &str, bytes: &[u8]) -> Result<Table> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(CFB_MAGIC) {
        return Err(fail(file, 0, "", "文件内容是Excel工作簿，不是CSV文本：请把扩展名改为 .xlsx（旧版为 .xls）后导入，或在Excel中「另存为 → CSV UTF-8（逗号分隔）」"));
    }
    let (text, note) = decode_text(file, bytes)?;
    let records = parse_csv(&text).map_err(|(row, msg)| fail(file, row, "", msg))?;
    let mut it = records.into_iter();
    let headers: Vec<String> = it.next().map(|(_, r)| r.into_iter().map(|h| h.trim().to_string()).collect()).unwrap_or_default();
    if let [only] = headers.as_slice() {
        for (sep, name) in [('\t', "制表符"), (';', "分号"), ('；', "分号")] {
            if only.contains(sep) {
                return Err(fail(file, 1, "", format!("各列是用{name}分隔的，不是逗号：请在Excel中「另存为 → CSV UTF-8（逗号分隔）」后重新导入")));
            }
        }
    }
    let rows = it.map(|(n, r)| (n, r.into_iter().map(|s| if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s) }).collect())).collect();
    Ok(Table { file: file.to_string(), headers, rows, notes: note.into_iter().collect(), sheet: None, merged: Vec::new(), uncomputed: Vec::new() })
}

/// RFC 4180 CSV: quoted fields with "" escapes and embedded newlines; returns (line, fields).
fn parse_csv(text: &str) -> std::result::Result<Vec<(usize, Vec<String>)>, (usize, String)> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut rec: Vec<String> = Vec::new();
    let mut in_q = false;
    let mut line = 1usize;
    let mut rec_line = 1usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_q {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_q = false,
                '\n' => {
                    line += 1;
                    field.push(c)
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => in_q = true,
            ',' => rec.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                rec.push(std::mem::take(&mut field));
                if !(rec.len() == 1 && rec[0].is_empty()) {
                    out.push((rec_line, std::mem::take(&mut rec)));
                }
                rec.clear();
                line += 1;
                rec_line = line;
            }
            _ => field.push(c),
        }
    }
    if in_q {
        return Err((rec_line, "引号未闭合，请检查该行的双引号".into()));
    }
    if !field.is_empty() || !rec.is_empty() {
        rec.push(field);
        out.push((rec_line, rec));
    }
    Ok(out)
}

/// Column lookup with the problems collected along the way.
struct Sheet<'a> {
    t: &'a Table,
    cols: Vec<Option<usize>>,
    names: &'a [&'a str],
    problems: Vec<ImportProblem>,
}

impl<'a> Sheet<'a> {
    fn new(t: &'a Table, names: &'a [&'a str], required: &[&str]) -> std::result::Result<Sheet<'a>, Error> {
        let norm = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>().replace('(', "（").replace(')', "）");
        let headers: Vec<String> = t.headers.iter().map(|h| norm(h)).collect();
        let cols: Vec<Option<usize>> = names.iter().map(|n| headers.iter().position(|h| *h == norm(n))).collect();
        let missing: Vec<&str> = names.iter().zip(&cols).filter(|(n, c)| c.is_none() && required.contains(n)).map(|(n, _)| *n).collect();
        if !missing.is_empty() {
            let sheet = t.sheet.as_ref().map(|s| format!("工作表「{s}」的")).unwrap_or_default();
            return Err(Error::Import {
                file: t.file.clone(),
                problems: vec![ImportProblem {
                    row: 1,
                    column: missing.join("、"),
                    message: format!("{sheet}表头缺少列「{}」。第一行应为：{}", missing.join("」「"), names.join("，")),
                }],
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
    fn problem(&mut self, row: usize, column: &str, message: impl Into<String>) {
        let mut message = message.into();
        if let Some(c) = self.col_of(column) {
            // a formula without its value was already named; nothing more to say about the cell
            if self.t.uncomputed.iter().any(|(r, x, _)| *r == row && *x == c) {
                return;
            }
            let top_left = self.t.merged.iter().find(|(r1, r2, c1, c2)| (*r1..=*r2).contains(&row) && (*c1..=*c2).contains(&c) && (row, c) != (*r1, *c1));
            if let Some((r1, _, _, _)) = top_left {
                message.push_str(&format!("（该单元格在合并单元格内，合并单元格只有第{r1}行有值：请取消合并，在每一行分别填写）"));
            }
        }
        self.problems.push(ImportProblem { row, column: column.to_string(), message });
    }
    /// Cells of the known columns that cannot be taken as they are: formulas saved without their
    /// value, text longer than a spreadsheet cell holds, invisible control characters.
    fn check_cells(&mut self, n: usize, row: &[Cell]) {
        let (names, t) = (self.names, self.t);
        for (k, name) in names.iter().enumerate() {
            let Some(i) = self.cols[k] else { continue };
            if let Some((_, _, f)) = t.uncomputed.iter().find(|(r, c, _)| *r == n && *c == i) {
                let f = if f.chars().count() > 30 { format!("{}…", f.chars().take(30).collect::<String>()) } else { f.clone() };
                self.problems.push(ImportProblem {
                    row: n,
                    column: name.to_string(),
                    message: format!("是公式「={f}」，但文件中没有保存公式的计算结果（常见于由程序生成的文件）：请在Excel中打开并保存一次，或把公式「选择性粘贴 → 数值」后重新导入"),
                });
                continue;
            }
            if let Some(Cell::Text(s)) = row.get(i) {
                let len = s.chars().count();
                if len > MAX_CELL_CHARS {
                    self.problem(n, name, format!("内容过长（{len}字），超过单元格上限{MAX_CELL_CHARS}字：请检查是否误粘贴了整篇文档，只填写摘要"));
                } else if s.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
                    self.problem(n, name, "含有不可见的控制字符（多为从Word或网页复制带入）：请删除该单元格内容后重新输入");
                }
            }
        }
    }
    fn required_text(&mut self, n: usize, row: &[Cell], name: &str) -> Option<String> {
        let s = self.text(row, name);
        if s.is_empty() {
            self.problem(n, name, "不能为空");
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
                self.problem(n, name, format!("为负数（{x}），请填写0或正整数"));
                0
            }
            c => {
                let s = halfwidth(&c.text()).replace([',', '，'], "");
                match s.parse::<i64>() {
                    Ok(v) if v >= 0 => v,
                    Ok(v) => {
                        self.problem(n, name, format!("为负数（{v}），请填写0或正整数"));
                        0
                    }
                    Err(_) => {
                        self.problem(n, name, format!("「{}」不是整数，请填写数字（如 120）", c.text()));
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
    "单位名称", "申报类别", "联系人", "联系电话", "提交日期", "规上工业企业数", "企业科协总数", "本年新建企业科协数", "本年组建任务数",
    "建立科协联系人制度企业数", "园区总数", "已建科协园区数", "国家级园区数", "已建科协国家级园区数", "院士专家工作站数",
    "县级联系点建会建站数", "配套资金（万元）", "组织领导情况", "组织建设成效", "服务企业创新情况", "特色做法",
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
            Some(name) => match units::resolve("单位名称", &name) {
                Ok(u) => Some(u),
                Err(e) => {
                    let msg = e.to_string();
                    s.problem(n, "单位名称", msg.trim_start_matches("「单位名称」").to_string());
                    None
                }
            },
            None => None,
        };
        let award = match s.required_text(n, row, "申报类别") {
            Some(a) => match Award::parse(&a) {
                Some(a) => Some(a),
                None => {
                    s.problem(n, "申报类别", format!("「{a}」不是有效类别，请填写「试点示范」或「后补助」"));
                    None
                }
            },
            None => None,
        };
        let date_cell = s.cell(row, "提交日期").clone();
        let submitted_on = if date_cell.is_empty() {
            s.problem(n, "提交日期", "不能为空，请按 YYYY-MM-DD 填写收到材料的日期");
            None
        } else {
            let d = parse_date(&date_cell);
            if d.is_none() {
                s.problem(n, "提交日期", format!("「{}」不是日期，请按 YYYY-MM-DD 填写（如 2014-10-20）", date_cell.text()));
            }
            d
        };
        let mut ind = Indicators::default();
        for (id, label) in INDICATORS {
            let v = s.count(n, row, label);
            ind.set(id, v);
        }
        for (field, msg) in ind.plausibility_problems() {
            if !msg.contains("负数") {
                s.problem(n, &field, msg);
            }
        }
        let matching_cell = s.cell(row, "配套资金（万元）").clone();
        let matching_funds_yuan = match &matching_cell {
            Cell::Empty => 0,
            c => match Centi::parse(&halfwidth(&c.text()).replace([',', '，'], "")).or_else(|| if let Cell::Number(x) = c { Centi::from_f64_exact(*x) } else { None }) {
                // 万元 with at most two decimals = whole hundreds of yuan
                Some(w) if w.0 >= 0 => w.0 * 100,
                Some(_) => {
                    s.problem(n, "配套资金（万元）", "不能为负数");
                    0
                }
                None => {
                    s.problem(n, "配套资金（万元）", format!("「{}」不是金额，请以万元为单位填写数字，最多两位小数（如 30 或 12.5）", c.text()));
                    0
                }
            },
        };
        if let (Some(u), Some(a)) = (unit, award) {
            if let Some(first) = seen.get(&(u.code.as_str(), a)).filter(|_| refuse_duplicates) {
                s.problem(n, "单位名称", format!("{}的{}申报与第{}行重复，每个单位每类只能申报一份，请删除其中一行", u.full_name, a.label(), first));
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
        s.problem(2, "", "文件中没有数据行");
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
                    s.problem(n, "所在省份", format!("「{p}」不是省级行政区名称，请填写如「湖北省」或「湖北」"));
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
                    let hint = if sug.is_empty() { String::new() } else { format!("，是否为：{}", sug.join("、")) };
                    s.problem(n, "回避单位", format!("「{part}」不是可申报单位{hint}；多个单位请用「；」分隔"));
                }
            }
        }
        if let (Some(name), Some(employer), Some(province)) = (name, employer, province) {
            if let Some((first, _)) = out.iter().find(|(_, e)| e.name == name) {
                s.problem(n, "姓名", format!("专家「{name}」与第{first}行重复；同名专家请加以区分（如「王伟（北京）」）"));
                continue;
            }
            out.push((n, ExpertInput { name, employer, province, field: s.text(row, "专业领域"), phone: s.text(row, "联系电话"), conflicts }));
        }
    }
    if out.is_empty() && s.problems.is_empty() {
        s.problem(2, "", "文件中没有数据行");
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
        let unit = s.required_text(n, row, "单位").and_then(|u| match units::resolve("单位", &u) {
            Ok(u) => Some(u.code.clone()),
            Err(e) => {
                s.problem(n, "单位", e.to_string().trim_start_matches("「单位」").to_string());
                None
            }
        });
        let criterion = s.required_text(n, row, "评分项");
        let pc = s.cell(row, "得分").clone();
        let points = match &pc {
            Cell::Empty => {
                s.problem(n, "得分", "不能为空");
                None
            }
            Cell::Number(x) => {
                let v = Centi::from_f64_exact(*x);
                if v.is_none() {
                    s.problem(n, "得分", format!("「{x}」不是0.5分的整数倍，请按0.5分步长打分"));
                }
                v
            }
            c => {
                let v = Centi::parse(&halfwidth(&c.text()));
                if v.is_none() {
                    s.problem(n, "得分", format!("「{}」不是数字，请填写如 8 或 8.5", c.text()));
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
                s.problem(n, "类别", format!("「{award_text}」不是有效类别，请填写「试点示范」或「后补助」，或留空"));
            }
            a
        };
        if let (Some(expert), Some(unit_code), Some(criterion), Some(points)) = (expert, unit, criterion, points) {
            out.push(ScoreRow { row: n, expert, unit_code, criterion, points, comment: s.text(row, "意见"), award });
        }
    }
    if out.is_empty() && s.problems.is_empty() {
        s.problem(2, "", "文件中没有数据行");
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
        let has = |row: usize, col: &str, needle: &str| problems.iter().any(|p| p.row == row && p.column == col && p.message.contains(needle));
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
