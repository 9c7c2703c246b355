//! Issue 16 item 6 through the `pingshen` binary: `demo --years 2` makes two published years,
//! `export archive --year 2015 --out …zip` writes the year's archive (its manifest's hashes
//! checked here), `audit verify --against` the zip is reached — and, after the log was cut short,
//! not; an archive of an unpublished year, and options that do not apply, are refused with a
//! Chinese message naming what to do, and nothing is written.
#![allow(clippy::unwrap_used)]

mod cli_support;

use cli_support::{ok_json, pingshen, refused_unchanged, s, year_in_review};
use sha2::{Digest, Sha256};
use std::io::Read;

#[test]
fn two_demo_years_the_archive_of_one_and_verify_against_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("years.db");
    let r = pingshen(&db, &["demo", "--years", "2", "--inputs", s(&dir.path().join("in")), "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let c = rusqlite::Connection::open(&db).unwrap();
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM dossiers d JOIN campaigns c ON c.id = d.campaign_id WHERE c.year = 2015",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 47, "a plain demo year: each of the 47 units applies once");
    let stages: Vec<String> = c
        .prepare("SELECT stage FROM campaigns ORDER BY year")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|x| x.unwrap())
        .collect();
    assert_eq!(stages, ["published", "published"]);
    drop(c);

    let out = dir.path().join("2015年度评审档案.zip");
    let v = ok_json(&db, &["--year", "2015", "export", "archive", "--out", s(&out)]);
    assert_eq!(v["year"], 2015);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    assert_eq!(v["files"].as_u64().unwrap() as usize, zip.len());
    let mut manifest = String::new();
    zip.by_name("manifest.json").unwrap().read_to_string(&mut manifest).unwrap();
    let m: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(m["audit_head"], v["audit_head"]);
    let listed = m["files"].as_array().unwrap();
    assert_eq!(listed.len() + 1, zip.len());
    for f in listed {
        let name = f["name"].as_str().unwrap();
        let mut bytes = Vec::new();
        zip.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
        assert_eq!(f["size"].as_u64().unwrap(), bytes.len() as u64, "{name}");
        assert_eq!(f["sha256"].as_str().unwrap(), hex(&Sha256::digest(&bytes)), "{name}");
    }
    assert_eq!(listed.iter().filter(|f| f["name"].as_str().unwrap().ends_with("/申报材料.pdf")).count(), 47);
    assert!(listed.iter().any(|f| f["name"] == "卷内目录.pdf"));

    // verify against it: reached; the text names the archive
    let ok = pingshen(&db, &["audit", "verify", "--against", s(&out)]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let head = v["audit_head"]["seq"].as_i64().unwrap();
    let shown = format!("{}{}", ok.stdout, ok.stderr);
    assert!(shown.contains("年度归档"), "{shown}");

    // the log cut short before the archive's head: not reached, named
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch("DROP TRIGGER audit_no_delete").unwrap();
    c.execute("DELETE FROM audit WHERE seq > ?1", [head - 1]).unwrap();
    drop(c);
    let cut = pingshen(&db, &["audit", "verify", "--against", s(&out)]);
    assert_ne!(cut.code, 0);
    assert!(cut.stderr.contains("截去") && cut.stderr.contains(&format!("第{head}条")), "{}", cut.stderr);
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn an_archive_of_an_unpublished_year_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = year_in_review(dir.path(), "review.db");
    let out = dir.path().join("2014年度评审档案.zip");
    refused_unchanged(
        &db,
        &["--year", "2014", "export", "archive", "--out", s(&out)],
        &["2014年度尚未发布", "专家评审", "只有已发布的年度才能归档"],
    );
    refused_unchanged(&db, &["--year", "2013", "export", "archive", "--out", s(&out)], &["2013"]);
    refused_unchanged(&db, &["export", "archive", "--out", s(&dir.path().join("档案.pdf"))], &[".zip"]);
    refused_unchanged(&db, &["export", "archive", "--format", "pdf", "--out", s(&out)], &["不用 --format"]);
    refused_unchanged(&db, &["export", "archive", "--unit", "北京市科协", "--out", s(&out)], &["不用 --unit"]);
    refused_unchanged(
        &db,
        &["export", "archive", "--out", s(&dir.path().join("没有的文件夹/a.zip"))],
        &["2014年度尚未发布"],
    );
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".zip") || n.ends_with(".tmp"))
        .collect();
    assert!(written.is_empty(), "{written:?}");
    // demo --years out of range: refused before any file is made
    let fresh = dir.path().join("fresh.db");
    let r = pingshen(&fresh, &["demo", "--years", "0"]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("--years") && r.stderr.contains("1到50"), "{}", r.stderr);
    assert!(!fresh.exists());
}
