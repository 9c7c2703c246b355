//! The record of every row. Each write transaction, before it commits, appends one `record.rows`
//! audit entry with the full current values of every row it inserted, changed or deleted (or
//! `null` for a row it deleted). The rows touched are collected by TEMP triggers that exist only
//! on the app's own connection — a sqlite3 shell on the same file neither sees nor needs to drop
//! them. `check` replays those entries and compares every current row of every recorded table
//! with what the log last recorded, naming the row and the field that differ.
//!
//! A database written by an older version gets one `record.baseline` entry (all rows as they are)
//! the first time this version opens it; from then on nothing can change unseen.

use super::describe;
use super::tables::{Table, TABLES};
use crate::error::{Error, Result};
use crate::t;
use crate::text::catalog::msg;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Transaction};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};

fn key_sql(table: &Table, row: &str) -> String {
    let cols: Vec<String> = table.key.iter().map(|c| format!("{row}.\"{c}\"")).collect();
    format!("json_array({})", cols.join(", "))
}

/// `INSERT INTO touched`. A row changed twice in one transaction is listed twice: `capture` reads
/// the distinct keys (a lookup for an existing key before every insert cost a 10,000-dossier
/// import 15 ms, more than the duplicates ever do).
fn touch_sql(table: &str, key: &str) -> String {
    format!("INSERT INTO touched (tbl, k) VALUES ('{table}', {key});")
}

/// Creates the per-connection TEMP table of touched rows and its triggers (idempotent).
pub fn install(conn: &Connection) -> Result<()> {
    let mut sql = String::from(
        "CREATE TEMP TABLE IF NOT EXISTS touched (tbl TEXT NOT NULL, k TEXT NOT NULL);\n\
         CREATE INDEX IF NOT EXISTS temp.touched_at ON touched (tbl, k);\n",
    );
    for tb in TABLES {
        let (n, new, old) = (tb.name, touch_sql(tb.name, &key_sql(tb, "NEW")), touch_sql(tb.name, &key_sql(tb, "OLD")));
        sql += &format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS rec_{n}_ins AFTER INSERT ON main.\"{n}\" BEGIN {new} END;
             CREATE TEMP TRIGGER IF NOT EXISTS rec_{n}_upd AFTER UPDATE ON main.\"{n}\" BEGIN {old} {new} END;
             CREATE TEMP TRIGGER IF NOT EXISTS rec_{n}_del AFTER DELETE ON main.\"{n}\" BEGIN {old} END;\n"
        );
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Forgets what an earlier (rolled back) attempt touched; called when a write begins.
pub fn begin(tx: &Transaction) -> Result<()> {
    tx.execute("DELETE FROM temp.touched", [])?;
    Ok(())
}

/// Marks every row of every recorded table as touched (the baseline of an older database).
pub fn touch_all(tx: &Transaction) -> Result<()> {
    for tb in TABLES {
        tx.execute(
            &format!(
                "INSERT INTO temp.touched SELECT DISTINCT '{}', {} FROM main.\"{}\" AS r",
                tb.name,
                key_sql(tb, "r"),
                tb.name
            ),
            [],
        )?;
    }
    Ok(())
}

/// One recorded row: its table, key (a JSON array) and values (`None`: the row is gone).
#[derive(Debug, Serialize, serde::Deserialize)]
struct RowRecord {
    table: String,
    key: String,
    values: Option<Map<String, Value>>,
}

fn digest(bytes: &[u8]) -> Value {
    Value::String(format!("sha256:{}", hex::encode(Sha256::digest(bytes))))
}

/// The values of one row as the log records them.
fn row_values(tb: &Table, names: &[String], r: &rusqlite::Row, skip: usize) -> Result<Map<String, Value>> {
    let mut m = Map::new();
    for (i, name) in names.iter().enumerate().skip(skip) {
        let hashed = tb.digest.contains(&name.as_str());
        let v = match r.get_ref(i)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(x) => Value::from(x),
            ValueRef::Real(x) => Value::from(x),
            ValueRef::Text(b) if hashed => digest(b),
            ValueRef::Text(b) => Value::String(String::from_utf8_lossy(b).into_owned()),
            ValueRef::Blob(b) => digest(b),
        };
        m.insert(name.clone(), v);
    }
    Ok(m)
}

fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// The order in which the log writes the fields `names` of one object: the order a
/// `serde_json::Map` keeps them in (sorted, or as inserted with serde_json's `preserve_order`),
/// so that an entry written in bulk is the very text `serde_json::json!` made of the same rows.
fn map_order(names: &[&str]) -> Vec<usize> {
    let m: Map<String, Value> = names.iter().map(|n| (n.to_string(), Value::Null)).collect();
    m.keys().filter_map(|k| names.iter().position(|n| n == k)).collect()
}

/// Appends `v` to `out` as JSON text (strings escaped as serde_json escapes them).
fn push_json(out: &mut Vec<u8>, v: &(impl Serialize + ?Sized)) -> Result<()> {
    serde_json::to_writer(out, v).map_err(|e| Error::other(t!(msg::FILES_RECORD_UNWRITABLE, detail = e.to_string())))
}

/// Appends one value of a row as the log records it, exactly as [`row_values`] holds it.
fn push_value(out: &mut Vec<u8>, v: ValueRef, hashed: bool) -> Result<()> {
    match v {
        ValueRef::Null => out.extend_from_slice(b"null"),
        ValueRef::Integer(x) => push_json(out, &x)?,
        ValueRef::Real(x) => push_json(out, &Value::from(x))?,
        ValueRef::Text(b) if hashed => push_json(out, &digest(b))?,
        ValueRef::Text(b) => push_json(out, &*String::from_utf8_lossy(b))?,
        ValueRef::Blob(b) => push_json(out, &digest(b))?,
    }
    Ok(())
}

/// Appends the `action` entry (`record.rows`, `record.baseline`) with the current values of every
/// row touched in this transaction; nothing when no row was touched.
///
/// The entry is `{"rows": [{table, key, values}, …]}`, ordered by table and key. It is written in
/// bulk: one query per table over its touched rows (not one per row), each value written straight
/// into the entry's text — the same text, field for field, as serialising [`RowRecord`]s.
pub fn capture(tx: &Transaction, action: crate::AuditAction) -> Result<()> {
    let touched: Vec<(String, String)> = {
        let mut st = tx.prepare_cached("SELECT DISTINCT tbl, k FROM temp.touched ORDER BY tbl, k")?;
        let v = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<std::result::Result<_, _>>()?;
        v
    };
    if touched.is_empty() {
        return Ok(());
    }
    let fields = map_order(&["table", "key", "values"]);
    let mut out: Vec<u8> = Vec::with_capacity(64 * touched.len());
    out.extend_from_slice(b"{\"rows\":[");
    let mut first = true;
    for run in touched.chunk_by(|a, b| a.0 == b.0) {
        let name = run[0].0.as_str();
        let tb = table(name).ok_or_else(|| Error::other(t!(msg::FILES_RECORD_UNKNOWN_TABLE, table = name)))?;
        // the table's touched rows that still exist, in key order (the order of `run`). The touched
        // keys are read straight from their index (tbl, k), which is already in that order: no
        // subquery to materialise and no sort of whole rows (a 10,000-dossier import sorted 20 MB)
        let cond: Vec<String> =
            tb.key.iter().enumerate().map(|(i, c)| format!("r.\"{c}\" IS json_extract(t.k, '$[{i}]')")).collect();
        let mut st = tx.prepare(&format!(
            "SELECT t.k, r.* FROM temp.touched AS t INDEXED BY touched_at
               JOIN main.\"{}\" AS r ON {} WHERE t.tbl = ?1 ORDER BY t.k",
            tb.name,
            cond.join(" AND ")
        ))?;
        let names: Vec<String> = st.column_names().into_iter().skip(1).map(String::from).collect();
        let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let order = map_order(&name_refs);
        let hashed: Vec<bool> = names.iter().map(|n| tb.digest.contains(&n.as_str())).collect();
        let mut labels: Vec<Vec<u8>> = Vec::with_capacity(names.len());
        for n in &names {
            let mut l = Vec::new();
            push_json(&mut l, n.as_str())?;
            l.push(b':');
            labels.push(l);
        }
        let mut q = st.query([name])?;
        let mut next = q.next()?;
        for (_, key) in run {
            let found = match next {
                Some(r) if r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)? == key => Some(r),
                _ => None,
            };
            out.extend_from_slice(if first { b"{" } else { b",{" });
            first = false;
            for (n, f) in fields.iter().enumerate() {
                if n > 0 {
                    out.push(b',');
                }
                match f {
                    0 => {
                        out.extend_from_slice(b"\"table\":");
                        push_json(&mut out, name)?;
                    }
                    1 => {
                        out.extend_from_slice(b"\"key\":");
                        push_json(&mut out, key.as_str())?;
                    }
                    _ => {
                        out.extend_from_slice(b"\"values\":");
                        match found {
                            None => out.extend_from_slice(b"null"),
                            Some(r) => {
                                out.push(b'{');
                                for (m, &i) in order.iter().enumerate() {
                                    if m > 0 {
                                        out.push(b',');
                                    }
                                    out.extend_from_slice(&labels[i]);
                                    push_value(&mut out, r.get_ref(i + 1)?, hashed[i])?;
                                }
                                out.push(b'}');
                            }
                        }
                    }
                }
            }
            out.push(b'}');
            if found.is_some() {
                // the next existing row (a key names one row; any further match is skipped)
                next = q.next()?;
                while let Some(r) = next {
                    if r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)? != key {
                        break;
                    }
                    next = q.next()?;
                }
            }
        }
    }
    out.extend_from_slice(b"]}");
    let detail =
        String::from_utf8(out).map_err(|e| Error::other(t!(msg::FILES_RECORD_UNWRITABLE, detail = e.to_string())))?;
    super::audit_text(tx, "评审台", action, "rows", &detail)?;
    tx.execute("DELETE FROM temp.touched", [])?;
    Ok(())
}

/// A row or field that differs from what the log last recorded.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Finding {
    /// Table label, e.g. 「评分」.
    pub table: String,
    /// The row, e.g. 「assignment_id=3，criterion=c2（专家「王建华」评「北京市科学技术协会」）」.
    pub row: String,
    /// The column that differs; empty when the whole row was added or deleted outside the app.
    pub field: String,
    pub message: String,
}

fn show(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Null => "（空）".into(),
        other => other.to_string(),
    };
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

/// (table, key) → the row's values as last recorded (None: deleted).
type Recorded = HashMap<(String, String), Option<Map<String, Value>>>;

/// Every recorded row as the log last recorded it.
fn replay(conn: &Connection) -> Result<Recorded> {
    let mut out = HashMap::new();
    let mut st =
        conn.prepare("SELECT seq, detail FROM audit WHERE action IN ('record.rows', 'record.baseline') ORDER BY seq")?;
    let mut q = st.query([])?;
    while let Some(r) = q.next()? {
        let seq: i64 = r.get(0)?;
        let detail: String = r.get(1)?;
        #[derive(serde::Deserialize)]
        struct Entry {
            rows: Vec<RowRecord>,
        }
        let e: Entry =
            serde_json::from_str(&detail).map_err(|_| Error::tampered(t!(msg::FILES_RECORD_UNREADABLE, seq)))?;
        for row in e.rows {
            out.insert((row.table, row.key), row.values);
        }
    }
    Ok(out)
}

/// Compares every current row of every recorded table with the log; returns the differences.
pub fn check(conn: &Connection) -> Result<Vec<Finding>> {
    let mut recorded = replay(conn)?;
    let mut findings = Vec::new();
    let existing: Vec<String> = {
        let mut st = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?;
        let v = st.query_map([], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
        v
    };
    for tb in TABLES.iter().filter(|t| existing.iter().any(|e| e == t.name)) {
        let mut st =
            conn.prepare(&format!("SELECT {} AS __key, * FROM main.\"{}\" AS r", key_sql(tb, "r"), tb.name))?;
        let names: Vec<String> = st.column_names().into_iter().map(String::from).collect();
        let mut q = st.query([])?;
        let mut current: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
        while let Some(r) = q.next()? {
            let key: String = r.get(0)?;
            current.insert(key, row_values(tb, &names, r, 1)?);
        }
        for (key, now) in &current {
            let row = describe::row(conn, tb, key);
            match recorded.remove(&(tb.name.to_string(), key.clone())) {
                None | Some(None) => findings.push(Finding {
                    table: tb.label.into(),
                    row: row.clone(),
                    field: String::new(),
                    message: format!("「{}」中的一行（{row}）不在操作日志中：它是在评审台之外添加的", tb.label),
                }),
                Some(Some(then)) => {
                    let mut fields: Vec<&String> = then.keys().chain(now.keys()).collect();
                    fields.sort();
                    fields.dedup();
                    for f in fields {
                        let (a, b) = (then.get(f).unwrap_or(&Value::Null), now.get(f).unwrap_or(&Value::Null));
                        if a != b {
                            findings.push(Finding {
                                table: tb.label.into(),
                                row: row.clone(),
                                field: f.clone(),
                                message: format!(
                                    "「{}」（{row}）的字段「{}」与操作日志记录不符：日志记录为「{}」，现为「{}」",
                                    tb.label,
                                    describe::field(f),
                                    show(a),
                                    show(b)
                                ),
                            });
                        }
                    }
                }
            }
        }
        let gone: Vec<(String, &Map<String, Value>)> = recorded
            .iter()
            .filter(|((t, k), _)| t == tb.name && !current.contains_key(k))
            .filter_map(|((_, k), v)| v.as_ref().map(|then| (k.clone(), then)))
            .collect();
        for (key, then) in gone {
            let row = describe::gone_row(conn, tb, &key, then);
            findings.push(Finding {
                table: tb.label.into(),
                row: row.clone(),
                field: String::new(),
                message: format!("「{}」中的一行（{row}）在操作日志中有记录，但已在评审台之外被删除", tb.label),
            });
        }
    }
    Ok(findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entry as it was written one row at a time: a query per touched row, its values as a
    /// `Map`, the whole serialised through `json!`.
    fn entry_one_row_at_a_time(tx: &Transaction) -> String {
        let mut st = tx.prepare("SELECT DISTINCT tbl, k FROM temp.touched ORDER BY tbl, k").unwrap();
        let touched: Vec<(String, String)> =
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|x| x.unwrap()).collect();
        let mut rows = Vec::new();
        for (name, key) in touched {
            let tb = table(&name).unwrap();
            let cond: Vec<String> =
                tb.key.iter().enumerate().map(|(i, c)| format!("\"{c}\" IS json_extract(?1, '$[{i}]')")).collect();
            let mut st =
                tx.prepare(&format!("SELECT * FROM main.\"{}\" WHERE {}", tb.name, cond.join(" AND "))).unwrap();
            let names: Vec<String> = st.column_names().into_iter().map(String::from).collect();
            let mut q = st.query([&key]).unwrap();
            let values = q.next().unwrap().map(|r| row_values(tb, &names, r, 0).unwrap());
            rows.push(RowRecord { table: name, key, values });
        }
        serde_json::json!({ "rows": rows }).to_string()
    }

    /// The bulk entry is the very text the entry made one row at a time was: inserted, changed
    /// and deleted rows, composite and text keys, digested columns, blobs, NULLs, reals, quotes.
    #[test]
    fn bulk_capture_writes_the_same_entry_as_one_row_at_a_time() {
        let mut c = crate::store::open_in_memory().unwrap();
        install(&c).unwrap();
        let tx = c.transaction().unwrap();
        begin(&tx).unwrap();
        tx.execute_batch(
            "INSERT INTO users (id, login, display_name, role, password_hash, unit_code, created_at)
               VALUES (7, 'a\"b', '名 \\ 字', 'secretariat', 'argon2-secret', NULL, 'x'),
                      (10, 'c', 'd', 'expert', 'h', NULL, 'y'), (2, 'e', 'f', 'expert', 'g', NULL, 'z');
             INSERT INTO blobs (sha256, size, data) VALUES ('ab', 2.5, x'0001'), ('cd', 1, x'02');
             INSERT INTO settings (key, value) VALUES ('k1', 'v1'), ('k2', 'v2');
             UPDATE users SET display_name = 'changed' WHERE id = 10;
             UPDATE users SET display_name = 'changed again' WHERE id = 10;
             INSERT OR REPLACE INTO settings (key, value) VALUES ('k1', 'v3');
             DELETE FROM users WHERE id = 2;
             DELETE FROM settings WHERE key = 'k2';",
        )
        .unwrap();
        // a row changed several times is listed several times; the entry names it once
        let (all, distinct): (i64, i64) = tx
            .query_row(
                "SELECT count(*), (SELECT count(*) FROM (SELECT DISTINCT tbl, k FROM temp.touched)) FROM temp.touched",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(all > distinct, "{all} {distinct}");
        let before = entry_one_row_at_a_time(&tx);
        assert!(before.contains("\"values\":null") && before.contains("sha256:"), "{before}");
        capture(&tx, crate::AuditAction::RecordRows).unwrap();
        let written: String =
            tx.query_row("SELECT detail FROM audit ORDER BY seq DESC LIMIT 1", [], |r| r.get(0)).unwrap();
        assert_eq!(written, before);
        assert_eq!(before.matches("\"key\":\"[10]\"").count(), 1, "{before}");
        assert!(before.contains("changed again") && before.contains("v3"), "{before}");
        tx.commit().unwrap();
    }

    /// Every table a migration creates is recorded, except the log and the re-seeded unit list.
    #[test]
    fn every_table_is_recorded() {
        let c = crate::store::open_in_memory().unwrap();
        let mut st =
            c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").unwrap();
        let names: Vec<String> = st.query_map([], |r| r.get(0)).unwrap().map(|x| x.unwrap()).collect();
        for n in names.iter().filter(|n| *n != "audit" && *n != "units") {
            assert!(table(n).is_some(), "table {n} is not in tables::TABLES");
        }
        for tb in TABLES {
            assert!(names.iter().any(|n| n == tb.name), "tables::TABLES names {} which no migration creates", tb.name);
        }
    }
}
