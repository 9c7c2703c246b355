//! Issue 9 through the `pingshen` binary, as a new user tried it: an expert's comment edited with
//! a sqlite3 shell is named by `audit verify`; a log cut short is noticed against the head of an
//! exported PDF (`--head`) and of a backup, a PDF and an XLSX (`--against`); `backup --list/--keep`; `restore`.
#![allow(clippy::unwrap_used)]

mod cli_support;

use cli_support::{command, json_of, ok_json, pingshen, refused, run};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn pdf_head(pdf: &Path) -> String {
    let o = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    text.lines().find_map(|l| l.strip_prefix("Keywords:")).unwrap().trim().to_string()
}

#[test]
fn a_comment_edited_in_the_shell_and_a_cut_log_are_named_and_a_backup_restores() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("y.db");
    let r = pingshen(&db, &["demo", "--inputs", dir.path().join("in").to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v = ok_json(&db, &["audit", "verify"]);
    assert_eq!(v["ok"], true);

    // the new user's try: an expert's comment edited with the sqlite3 shell
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute("UPDATE scores SET comment = '材料详实' WHERE assignment_id = (SELECT min(assignment_id) FROM scores) AND criterion = 'leadership'", []).unwrap();
    let e = refused(&db, &["audit", "verify"]);
    assert!(e.contains("「评分」") && e.contains("comment（评语）") && e.contains("现为「材料详实」"), "{e}");
    let j: Value = serde_json::from_str(&pingshen(&db, &["audit", "verify", "--json"]).stdout).unwrap();
    assert_eq!(j["ok"], false);
    assert!(j["findings"].as_array().unwrap().iter().any(|f| f["table"] == "评分" && f["field"] == "comment"), "{j}");
    let old: String = c.query_row("SELECT detail FROM audit WHERE action IN ('record.rows', 'record.baseline') AND detail LIKE '%\"scores\"%' ORDER BY seq DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    assert!(old.contains("comment"));
    drop(c);

    // a fresh year to cut: the notice's head and a backup's head
    let db2 = dir.path().join("z.db");
    pingshen(&db2, &["demo", "--inputs", dir.path().join("in2").to_str().unwrap()]);
    let notice = dir.path().join("通报.pdf");
    ok_json(&db2, &["export", "notice", "--out", notice.to_str().unwrap()]);
    let kw = pdf_head(&notice);
    assert!(kw.starts_with("pingshen-audit-head="), "{kw}");
    let b = ok_json(&db2, &["backup"]);
    let backup = b["file"].as_str().unwrap().to_string();
    let table = dir.path().join("经费表.xlsx");
    ok_json(&db2, &["export", "funding-table", "--out", table.to_str().unwrap()]);
    let (notice_s, table_s) = (notice.to_str().unwrap(), table.to_str().unwrap());
    let v = ok_json(
        &db2,
        &["audit", "verify", "--head", &kw, "--against", &backup, "--against", notice_s, "--against", table_s],
    );
    let reached: Vec<String> =
        v["reached"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_string()).collect();
    assert_eq!(reached.len(), 4, "{v}");
    assert!(
        reached[1].contains("备份") && reached[2].contains("PDF文件") && reached[3].contains("XLSX文件"),
        "{reached:?}"
    );
    // a file that carries no head is refused naming it and what it lacks
    let plain = dir.path().join("说明.txt");
    std::fs::write(&plain, "不是导出的文件").unwrap();
    let e = refused(&db2, &["audit", "verify", "--against", plain.to_str().unwrap()]);
    assert!(e.contains("说明.txt") && e.contains("无从核对"), "{e}");
    let list = ok_json(&db2, &["backup", "--list"]);
    assert!(list.as_array().unwrap().iter().filter(|b| b["kind"] == "自动备份").count() >= 5, "{list}");
    assert!(list.as_array().unwrap().iter().any(|b| b["kind"] == "备份"));
    ok_json(&db2, &["backup", "--keep", "3"]);
    assert_eq!(
        ok_json(&db2, &["backup", "--list"]).as_array().unwrap().iter().filter(|b| b["kind"] == "自动备份").count(),
        3
    );
    assert!(refused(&db2, &["backup", "--keep", "0"]).contains("1到100"));

    let c = rusqlite::Connection::open(&db2).unwrap();
    c.execute_batch("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq > (SELECT max(seq) - 4 FROM audit);")
        .unwrap();
    drop(c);
    let e = refused(&db2, &["audit", "verify", "--head", &kw]);
    assert!(e.contains("截去"), "{e}");
    let e = refused(&db2, &["audit", "verify", "--against", &backup]);
    assert!(e.contains("截去"), "{e}");
    for doc in [notice_s, table_s] {
        let e = refused(&db2, &["audit", "verify", "--against", doc]);
        assert!(e.contains("截去") && e.contains(doc), "{e}");
    }

    // restore the good backup over the cut database
    let e = refused(&db2, &["restore", notice.to_str().unwrap()]);
    assert!(e.contains("不是评审台数据库"), "{e}");
    let r = ok_json(&db2, &["restore", &backup]);
    assert!(r["previous_kept_at"].as_str().unwrap().contains("恢复前"));
    let v = ok_json(&db2, &["audit", "verify", "--head", &kw]);
    assert_eq!(v["ok"], true);
    let log = ok_json(&db2, &["audit", "log", "--limit", "1"]);
    assert_eq!(log[0]["action"], "restore");
}

/// Found by the crash harness: `--db y.db` (a bare name, like the default `pingshen.db`) made
/// every stage change report a failure after it had committed (the backup folder was ""). Run
/// from the database's own folder, the demo year completes with its five automatic backups, and
/// what an interrupted backup left (`.part`, `.part-journal`) is tidied away.
#[test]
fn a_bare_database_name_backs_up_beside_it_and_tidies_interrupted_backups() {
    let dir = tempfile::tempdir().unwrap();
    for stale in ["y-自动备份-20000101-000000-发布.part", "y-自动备份-20000101-000000-发布.part-journal"] {
        std::fs::write(dir.path().join(stale), b"half a copy").unwrap();
    }
    let r = run(command().current_dir(dir.path()).args(["--db", "y.db", "demo", "--inputs", "in"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
    assert_eq!(names.iter().filter(|n| n.starts_with("y-自动备份-") && n.ends_with(".db")).count(), 5, "{names:?}");
    assert!(!names.iter().any(|n| n.contains(".part")), "{names:?}");
    let args = ["--db", "y.db", "backup", "--list", "--json"];
    let list = json_of(&run(command().current_dir(dir.path()).args(args)), &args);
    assert_eq!(list.as_array().unwrap().len(), 5, "{list}");
}
