//! Reading CSV text (UTF-8, UTF-16, GBK/GB18030 detected) into a `Table`.

use super::workbook::CFB_MAGIC;
use super::*;

/// Decodes CSV bytes: UTF-8 (with or without BOM); else GB18030 (a superset of GBK) when it
/// decodes cleanly, with a note; UTF-16 with its BOM (Excel's 「Unicode文本」), with a note; else a
/// clear error.
pub fn decode_text(file: &str, bytes: &[u8]) -> Result<(String, Option<String>)> {
    for (bom, enc) in [([0xFF, 0xFE], encoding_rs::UTF_16LE), ([0xFE, 0xFF], encoding_rs::UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(&bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(rest);
            if had_errors {
                return Err(fail(file, 0, "", t!(msg::INPUT_CSV_UTF16_DAMAGED)));
            }
            return Ok((
                text.into_owned(),
                Some(format!("「{file}」是UTF-16编码，已按UTF-16读取；建议今后另存为「CSV UTF-8」")),
            ));
        }
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(e) => {
            let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
            if had_errors {
                let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
                Err(fail(file, line, "", t!(msg::INPUT_CSV_ENCODING)))
            } else {
                Ok((
                    text.into_owned(),
                    Some(format!("「{file}」不是UTF-8编码，已按GBK（GB18030）编码读取；建议今后另存为「CSV UTF-8」")),
                ))
            }
        }
    }
}

pub fn read_csv_bytes(file: &str, bytes: &[u8]) -> Result<Table> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(CFB_MAGIC) {
        return Err(fail(file, 0, "", t!(msg::INPUT_CSV_IS_WORKBOOK)));
    }
    let (text, note) = decode_text(file, bytes)?;
    let records = parse_csv(&text).map_err(|(row, msg)| fail(file, row, "", msg))?;
    let mut it = records.into_iter();
    let headers: Vec<String> =
        it.next().map(|(_, r)| r.into_iter().map(|h| h.trim().to_string()).collect()).unwrap_or_default();
    if let [only] = headers.as_slice() {
        for (sep, name) in [
            ('\t', &msg::INPUT_CSV_SEP_TAB),
            (';', &msg::INPUT_CSV_SEP_SEMICOLON),
            ('；', &msg::INPUT_CSV_SEP_SEMICOLON),
        ] {
            if only.contains(sep) {
                return Err(fail(file, 1, "", t!(msg::INPUT_CSV_WRONG_SEPARATOR, sep = t!(*name))));
            }
        }
    }
    let rows = it
        .map(|(n, r)| {
            (n, r.into_iter().map(|s| if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s) }).collect())
        })
        .collect();
    Ok(Table {
        file: file.to_string(),
        headers,
        rows,
        notes: note.into_iter().collect(),
        sheet: None,
        merged: Vec::new(),
        uncomputed: Vec::new(),
    })
}

/// CSV records with the line each starts on.
type Records = Vec<(usize, Vec<String>)>;

/// RFC 4180 CSV: quoted fields with "" escapes and embedded newlines; returns (line, fields).
fn parse_csv(text: &str) -> std::result::Result<Records, (usize, Text)> {
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
        return Err((rec_line, t!(msg::INPUT_CSV_OPEN_QUOTE)));
    }
    if !field.is_empty() || !rec.is_empty() {
        rec.push(field);
        out.push((rec_line, rec));
    }
    Ok(out)
}
