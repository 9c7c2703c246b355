//! Reading a workbook (XLSX, XLS, ODS through calamine) into a `Table`: recognised by its content,
//! not its extension; a damaged, encrypted or oversized file refused before calamine reads it.

use super::*;

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
        _ => Err(fail(&file, 0, "", t!(msg::INPUT_FILE_TYPE))),
    }
}

pub(super) const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn damaged(file: &str) -> Error {
    fail(file, 0, "", t!(msg::INPUT_WB_DAMAGED))
}

/// What a file that is not a readable workbook really is, by its content.
fn not_a_workbook(file: &str, bytes: &[u8]) -> Error {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    if head.trim_start_matches('\u{feff}').trim_start().starts_with('<')
        && (head.contains("<html") || head.contains("<table"))
    {
        return fail(file, 0, "", t!(msg::INPUT_WB_IS_HTML));
    }
    if !bytes[..bytes.len().min(4096)].contains(&0)
        && (std::str::from_utf8(bytes).is_ok() || !encoding_rs::GB18030.decode(bytes).2)
    {
        return fail(file, 0, "", t!(msg::INPUT_WB_IS_TEXT));
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
    let too_big = || fail(file, 0, "", t!(msg::INPUT_WB_TOO_BIG, mb = MAX_UNPACKED_BYTES >> 20));
    if zip.len() > 10_000 {
        return Err(too_big());
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|_| damaged(file))?;
        let n = std::io::copy(&mut std::io::Read::take(entry, MAX_UNPACKED_BYTES - total + 1), &mut std::io::sink())
            .map_err(|_| damaged(file))?;
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
        .ok_or_else(|| fail(file, 0, "", t!(msg::INPUT_WB_NO_SHEET)))
}

/// Reads an XLSX/XLS/ODS file, recognised by its content (an .xls renamed .xlsx is read as what
/// it is; a password-protected workbook, a web page or a text file saved as .xls/.xlsx is refused
/// saying so). The first visible worksheet is read.
fn read_workbook(path: &Path, file: &str) -> Result<Table> {
    // calamine indexes damaged structures without checking them (found by tests/fuzz_parsers.rs):
    // a panic inside it is a damaged file, not a crash
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_workbook_unguarded(path, file)))
        .unwrap_or_else(|_| Err(damaged(file)))
}

fn read_workbook_unguarded(path: &Path, file: &str) -> Result<Table> {
    use calamine::Reader;
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if bytes.is_empty() {
        return Err(fail(file, 0, "", t!(msg::INPUT_WB_EMPTY_FILE)));
    }
    if bytes.starts_with(CFB_MAGIC) {
        if utf16_contains(&bytes, "EncryptedPackage") {
            return Err(fail(file, 0, "", t!(msg::INPUT_WB_ENCRYPTED)));
        }
        if !cfb_chains_end(&bytes) {
            return Err(damaged(file));
        }
        let mut wb = calamine::Xls::new(std::io::Cursor::new(bytes))
            .map_err(|e| fail(file, 0, "", t!(msg::INPUT_XLS_UNREADABLE, detail = e.to_string())))?;
        let name = first_visible(&wb, file)?;
        let range = wb.worksheet_range(&name).map_err(|e| {
            fail(file, 0, "", t!(msg::INPUT_SHEET_UNREADABLE_SAVE, sheet = name.as_str(), detail = e.to_string()))
        })?;
        return Ok(range_table(file, name, &range));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(not_a_workbook(file, &bytes));
    }
    check_unpacked_size(file, &bytes)?;
    let is_ods = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ods"));
    if is_ods {
        let mut wb = calamine::Ods::new(std::io::Cursor::new(bytes))
            .map_err(|e| fail(file, 0, "", t!(msg::INPUT_ODS_UNREADABLE, detail = e.to_string())))?;
        let name = first_visible(&wb, file)?;
        let range = wb.worksheet_range(&name).map_err(|e| {
            fail(file, 0, "", t!(msg::INPUT_SHEET_UNREADABLE, sheet = name.as_str(), detail = e.to_string()))
        })?;
        return Ok(range_table(file, name, &range));
    }
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(&bytes[..]))
        .map_err(|e| fail(file, 0, "", t!(msg::INPUT_XLSX_UNREADABLE, detail = e.to_string())))?;
    let name = first_visible(&wb, file)?;
    // The merged areas come after the cells in the sheet's XML, and calamine finds them by reading
    // the whole sheet once more (about a third of the read): that second read runs on a thread of
    // its own, over the same bytes, while this one reads the cells.
    let (merges, read) = std::thread::scope(|s| {
        let merges = s.spawn(|| {
            calamine::Xlsx::new(std::io::Cursor::new(&bytes[..]))
                .ok()
                .and_then(|mut other| other.merge_cells_by_sheet_name(&name).ok())
                .unwrap_or_default()
        });
        let read = xlsx_cells(&mut wb, &name, file);
        (merges.join(), read)
    });
    // calamine panicking on its thread is a damaged file, as on this one
    let merges: Vec<calamine::Dimensions> = merges.map_err(|_| damaged(file))?;
    let (cells, formulas) = read?;
    let Some(r0) = cells.iter().map(|c| c.0).chain(formulas.iter().map(|c| c.0)).min() else {
        return Ok(Table {
            file: file.to_string(),
            headers: Vec::new(),
            rows: Vec::new(),
            notes: Vec::new(),
            sheet: Some(name),
            merged: Vec::new(),
            uncomputed: Vec::new(),
        });
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
                return Err(fail(file, 0, "", t!(msg::INPUT_WB_TOO_MANY_ROWS)));
            }
            rows.entry(r).or_insert_with(|| vec![Cell::Empty; width])[col] = v;
        }
    }
    let c0 = c0 as usize;
    let merged = merges
        .iter()
        .filter(|d| (d.end.1 as usize) >= c0)
        .map(|d| {
            (
                d.start.0 as usize + 1,
                d.end.0 as usize + 1,
                (d.start.1 as usize).saturating_sub(c0),
                d.end.1 as usize - c0,
            )
        })
        .collect();
    let uncomputed = formulas
        .into_iter()
        .filter(|f| (f.1 as usize) >= c0)
        .map(|(r, c, f)| (r as usize + 1, c as usize - c0, f))
        .collect();
    let rows = rows.into_iter().map(|(r, v)| (r as usize + 1, v)).collect();
    Ok(Table { file: file.to_string(), headers, rows, notes: Vec::new(), sheet: Some(name), merged, uncomputed })
}

/// The cells of an XLSX sheet that hold something — sparse, so a stray value in XFD1048576 costs
/// nothing — and the formula cells saved without a value.
#[allow(clippy::type_complexity)]
fn xlsx_cells(
    wb: &mut calamine::Xlsx<std::io::Cursor<&[u8]>>,
    name: &str,
    file: &str,
) -> Result<(Vec<(u32, u32, Cell)>, Vec<(u32, u32, String)>)> {
    let unreadable = |e: calamine::XlsxError| {
        fail(file, 0, "", t!(msg::INPUT_SHEET_UNREADABLE_DAMAGED, sheet = name, detail = e.to_string()))
    };
    let mut cells: Vec<(u32, u32, Cell)> = Vec::new();
    let mut formulas: Vec<(u32, u32, String)> = Vec::new();
    let mut reader = wb.worksheet_cells_reader(name).map_err(unreadable)?;
    while let Some(c) = reader.next_cell_with_formula().map_err(unreadable)? {
        let value = convert(calamine::Data::from(c.value));
        match (value, c.formula) {
            (Cell::Empty, Some(f)) if !f.is_empty() => formulas.push((c.pos.0, c.pos.1, f)),
            (Cell::Empty, _) => {}
            (v, _) => cells.push((c.pos.0, c.pos.1, v)),
        }
        if cells.len() + formulas.len() > MAX_CELLS {
            return Err(fail(file, 0, "", t!(msg::INPUT_WB_TOO_MANY_CELLS)));
        }
    }
    Ok((cells, formulas))
}

fn range_table(file: &str, sheet: String, range: &calamine::Range<calamine::Data>) -> Table {
    let (r0, _c0) = range.start().unwrap_or((0, 0));
    let mut rows = range.rows();
    let headers: Vec<String> =
        rows.next().map(|r| r.iter().map(|c| convert(c.clone()).text()).collect()).unwrap_or_default();
    let out =
        rows.enumerate().map(|(i, r)| (r0 as usize + i + 2, r.iter().map(|c| convert(c.clone())).collect())).collect();
    Table {
        file: file.to_string(),
        headers,
        rows: out,
        notes: Vec::new(),
        sheet: Some(sheet),
        merged: Vec::new(),
        uncomputed: Vec::new(),
    }
}
