//! Issue 9, "a complete audit": every column of every recorded table, edited outside the app
//! (a sqlite3 shell with the file's triggers dropped), is named by `audit verify` with its table
//! and field; a log cut short is noticed against the head a backup or an exported document carries.
#![allow(clippy::unwrap_used)]

use pingshen_core::export::pdf::PdfExporter;
use pingshen_core::export::request::{render, ExportFormat, ExportKind, ExportReq};
use pingshen_core::store::tables::TABLES;
use pingshen_core::store::AuditHead;
use pingshen_core::Desk;
use rusqlite::types::Value;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

fn demo_year(dir: &Path) -> (Desk, PathBuf) {
    let db = dir.join("year.db");
    let desk = Desk::open(&db).unwrap();
    pingshen_core::demo::run_demo(&desk, &dir.join("inputs")).unwrap();
    desk.set_backups_kept(&desk.local_secretariat(), 20).unwrap();
    (desk, db)
}

/// A second connection on the file, as a sqlite3 shell would have: no TEMP triggers, and the
/// file's own triggers (the log's append-only guard) dropped.
fn shell(db: &Path) -> Connection {
    let c = Connection::open(db).unwrap();
    let triggers: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|x| x.unwrap())
        .collect();
    for t in triggers {
        c.execute_batch(&format!("DROP TRIGGER \"{t}\"")).unwrap();
    }
    c.execute_batch("PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF;").unwrap();
    c
}

fn changed(v: &Value) -> Value {
    match v {
        Value::Integer(i) => Value::Integer(i + 100_003),
        Value::Real(f) => Value::Real(f + 0.5),
        Value::Text(s) => Value::Text(format!("{s}改")),
        Value::Blob(b) => Value::Blob([b.as_slice(), b"!"].concat()),
        Value::Null => Value::Text("补".into()),
    }
}

/// `"a" IS ?{from} AND "b" IS ?{from+1}`
fn where_key(key: &[&str], from: usize) -> String {
    key.iter().enumerate().map(|(i, k)| format!("\"{k}\" IS ?{}", i + from)).collect::<Vec<_>>().join(" AND ")
}

/// The list (scores with comments, sheets' states, dossiers with indicators and
/// narratives, decisions and consensus records, funding lines, publicity and objections,
/// conflicts, assignments) and every other table the demo year fills: each column edited alone,
/// then put back.
#[test]
fn every_column_edited_outside_the_app_is_named_with_its_row_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, db) = demo_year(dir.path());
    assert!(desk.audit_check().unwrap().ok(), "{:?}", desk.audit_check().unwrap().findings);
    let sh = shell(&db);
    let mut edited = Vec::new();
    for tb in TABLES {
        let cols: Vec<String> = sh
            .prepare(&format!("SELECT * FROM \"{}\" LIMIT 0", tb.name))
            .unwrap()
            .column_names()
            .into_iter()
            .map(String::from)
            .collect();
        let key_sel = tb.key.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(", ");
        let first: Option<Vec<Value>> = sh
            .query_row(&format!("SELECT {key_sel} FROM \"{}\" ORDER BY {key_sel} LIMIT 1", tb.name), [], |r| {
                (0..tb.key.len()).map(|i| r.get::<_, Value>(i)).collect()
            })
            .ok();
        let Some(key) = first else { continue };
        for col in &cols {
            let old: Value = sh
                .query_row(
                    &format!("SELECT \"{col}\" FROM \"{}\" WHERE {}", tb.name, where_key(tb.key, 1)),
                    rusqlite::params_from_iter(key.iter()),
                    |r| r.get(0),
                )
                .unwrap();
            let new = changed(&old);
            let params = |v: &Value, k: &[Value]| -> Vec<Value> {
                std::iter::once(v.clone()).chain(k.iter().cloned()).collect()
            };
            let n = sh
                .execute(
                    &format!("UPDATE \"{}\" SET \"{col}\" = ?1 WHERE {}", tb.name, where_key(tb.key, 2)),
                    rusqlite::params_from_iter(params(&new, &key)),
                )
                .unwrap();
            assert_eq!(n, 1, "{}.{col}", tb.name);
            let is_key = tb.key.contains(&col.as_str());
            let found = desk.audit_check().unwrap().findings;
            let named = found
                .iter()
                .any(|f| f.table == tb.label && (f.field.starts_with(col.as_str()) || (is_key && f.field.is_empty())));
            assert!(named, "editing {}.{col} was not named: {found:?}", tb.name);
            assert!(desk.audit_verify().is_err());
            // put it back; for a key column the row is now found under its new key
            let now_key: Vec<Value> =
                tb.key.iter().zip(&key).map(|(k, v)| if k == col { new.clone() } else { v.clone() }).collect();
            sh.execute(
                &format!("UPDATE \"{}\" SET \"{col}\" = ?1 WHERE {}", tb.name, where_key(tb.key, 2)),
                rusqlite::params_from_iter(params(&old, &now_key)),
            )
            .unwrap();
            let left = desk.audit_check().unwrap().findings;
            assert!(left.is_empty(), "after putting {}.{col} back: {left:?}", tb.name);
            edited.push(format!("{}.{col}", tb.name));
        }
    }
    for must in [
        "scores.comment",
        "scores.centi",
        "assignments.state",
        "dossiers.associations_new",
        "dossiers.narrative_services",
        "decisions.reason",
        "decisions.kind",
        "funding_lines.amount_yuan",
        "publicity.list_json",
        "publicity.end_on",
        "objections.resolution",
        "conflicts.reason",
        "assignments.expert_id",
        "users.password_hash",
        "campaigns.stage",
        "attachments.sha256",
        "blobs.data",
    ] {
        assert!(edited.iter().any(|e| e == must), "the demo year has no {must} to edit; edited: {edited:?}");
    }
    let tables: std::collections::BTreeSet<&str> = edited.iter().filter_map(|e| e.split('.').next()).collect();
    println!("{} columns of {} tables edited, each named: {tables:?}", edited.len(), tables.len());
}

/// Rows added or deleted outside the app are named as such.
#[test]
fn rows_added_or_deleted_outside_the_app_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, db) = demo_year(dir.path());
    let sh = shell(&db);
    sh.execute("INSERT INTO decisions (dossier_id, kind, reason, actor, at) SELECT dossier_id, 'consensus', '伪造的讨论意见', '秘书处', at FROM decisions LIMIT 1", []).unwrap();
    let f = desk.audit_check().unwrap().findings;
    assert!(f.iter().any(|f| f.table == "审查决定" && f.message.contains("不在操作日志中")), "{f:?}");
    sh.execute("DELETE FROM decisions WHERE reason = '伪造的讨论意见'", []).unwrap();
    assert!(desk.audit_check().unwrap().ok());
    let obj: i64 = sh.query_row("SELECT min(id) FROM objections", [], |r| r.get(0)).unwrap();
    sh.execute("DELETE FROM objections WHERE id = ?1", [obj]).unwrap();
    let f = desk.audit_check().unwrap().findings;
    assert!(
        f.iter().any(|f| f.table == "异议"
            && f.message.contains("已在评审台之外被删除")
            && f.row.contains(&format!("id={obj}"))),
        "{f:?}"
    );
}

fn pdf_keywords(bytes: &[u8], dir: &Path) -> String {
    let p = dir.join("doc.pdf");
    std::fs::write(&p, bytes).unwrap();
    let out = std::process::Command::new("pdfinfo")
        .arg(&p)
        .output()
        .expect("pdfinfo (poppler-utils) is installed by tests/run-all.sh");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.lines().find_map(|l| l.strip_prefix("Keywords:")).map(|s| s.trim().to_string()).unwrap_or_default()
}

fn xlsx_keywords(bytes: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("docProps/core.xml").unwrap(), &mut xml).unwrap();
    let a = xml.find("<cp:keywords>").unwrap() + "<cp:keywords>".len();
    let b = xml[a..].find("</cp:keywords>").unwrap();
    xml[a..a + b].to_string()
}

/// The head is in every backup and in the exported PDF's and XLSX's properties; cutting the
/// log's tail after them is reported against each, naming how many entries are missing.
#[test]
fn a_log_cut_short_is_noticed_against_backups_and_exported_documents() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, db) = demo_year(dir.path());
    let sec = desk.local_secretariat();
    let head = desk.audit_head().unwrap().unwrap();
    let pdf = PdfExporter::load_default().unwrap();
    let req = |kind, format| ExportReq { kind, format, unit: None, award: None, expert: None };
    let notice =
        render(&desk, &sec, None, &req(ExportKind::Notice, ExportFormat::Pdf), Some(&pdf), &mut |_, _| {}).unwrap();
    let kw = pdf_keywords(&notice.bytes, dir.path());
    assert_eq!(kw, format!("pingshen-audit-head={head}"));
    let table =
        render(&desk, &sec, None, &req(ExportKind::FundingTable, ExportFormat::Xlsx), Some(&pdf), &mut |_, _| {})
            .unwrap();
    assert_eq!(xlsx_keywords(&table.bytes), format!("pingshen-audit-head={head}"));
    let from_doc: AuditHead = kw.trim_start_matches("pingshen-audit-head=").parse().unwrap();

    let backup = desk.backup_beside(&sec).unwrap();
    assert_eq!(
        desk.audit_reaches_backup(&backup).unwrap(),
        head,
        "the backup's head is the log's head when it was made"
    );
    desk.audit_reaches(&from_doc).unwrap();
    // the same, from the files themselves, as a clerk picks them
    let (notice_file, table_file) = (dir.path().join("通报.pdf"), dir.path().join("经费表.xlsx"));
    std::fs::write(&notice_file, &notice.bytes).unwrap();
    std::fs::write(&table_file, &table.bytes).unwrap();
    for (f, kind) in [(&notice_file, "PDF文件"), (&table_file, "XLSX文件"), (&backup, "备份")] {
        let r = desk.check_against_file(&sec, f).unwrap();
        assert!(r.reached && r.kind == kind && r.head == head, "{r:?}");
        assert!(r.message.contains(&format!("第{}条", head.seq)), "{}", r.message);
    }
    let stranger = dir.path().join("别处的.pdf");
    std::fs::write(&stranger, b"%PDF-1.4\n<</Title (x)>>\n%%EOF").unwrap();
    let e = desk.check_against_file(&sec, &stranger).unwrap_err().to_string();
    assert!(e.contains("别处的.pdf") && e.contains("没有日志位置"), "{e}");
    let n = desk.audit_check().unwrap().entries;

    // the last 3 entries cut off with the shell
    let sh = shell(&db);
    sh.execute("DELETE FROM audit WHERE seq > ?1", [n as i64 - 3]).unwrap();
    let e = desk.audit_reaches(&from_doc).unwrap_err().to_string();
    assert!(e.contains("截去") && e.contains(&format!("第{}条", head.seq)), "{e}");
    let e = desk.audit_reaches_backup(&backup).unwrap_err().to_string();
    assert!(e.contains("截去"), "{e}");
    for f in [&notice_file, &table_file, &backup] {
        let r = desk.check_against_file(&sec, f).unwrap();
        assert!(!r.reached && r.message.contains("截去"), "{r:?}");
    }
    // a rewritten entry at the same number is told apart from a cut
    let forged = AuditHead { seq: head.seq - 5, hash: "0".repeat(64) };
    assert!(desk.audit_reaches(&forged).unwrap_err().to_string().contains("改写"));
    assert!("12:zz".parse::<AuditHead>().unwrap_err().to_string().contains("序号:哈希"));
}
