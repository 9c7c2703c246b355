//! `pingshen history --unit NAME [--json]` (issue 16, item 3) on the published demo year and a
//! 2015 year opened beside it with the same units' dossiers recommended: each year's entry
//! equals what `results` and `funding` say of that year, the 2015 results carry 「上年」, and an
//! unknown unit is refused in Chinese naming it and where the names are, writing nothing.
#![allow(clippy::unwrap_used)]

mod cli_support;

use cli_support::{ok_json, pingshen, refused_unchanged, s};
use serde_json::Value;
use std::path::Path;

/// The demo's published 2014 year, then 2015 opened with the demo's 申报汇总表 moved a year on
/// (dates 2015-…) and its dossiers recommended; the database's path.
fn two_years(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("y.db");
    let inputs = dir.join("in");
    let r = pingshen(&db, &["demo", "--inputs", s(&inputs)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    ok_json(&db, &["--year", "2015", "init"]);
    let csv = std::fs::read_to_string(inputs.join("申报汇总表.csv")).unwrap().replace("2014-", "2015-");
    let next = dir.join("2015申报汇总表.csv");
    std::fs::write(&next, csv).unwrap();
    ok_json(&db, &["--year", "2015", "import", "dossiers", s(&next)]);
    // the copied dossiers repeat 2014's texts and figures: the clerk verifies each
    // year-over-year finding, then the formal check recommends them
    let held = ok_json(&db, &["--year", "2015", "recommend", "--auto"]);
    for o in held.as_array().unwrap().iter().filter(|o| o["outcome"] == "awaiting_yoy_check") {
        let (unit, award) = (o["unit"].as_str().unwrap(), o["award"].as_str().unwrap());
        for f in o["yoy"].as_array().unwrap() {
            let code = f["code"].as_str().unwrap();
            let args =
                ["--year", "2015", "recommend", unit, "--award", award, "--verify", code, "--note", "已电话核实"];
            ok_json(&db, &args);
        }
    }
    let out = ok_json(&db, &["--year", "2015", "recommend", "--auto"]);
    let held: Vec<&Value> = out.as_array().unwrap().iter().filter(|o| o["outcome"] == "awaiting_yoy_check").collect();
    assert!(held.is_empty(), "{held:?}");
    let beijing = out.as_array().unwrap().iter().find(|o| o["unit"] == "北京市科学技术协会").unwrap();
    assert_eq!(beijing["outcome"], "recommended", "{beijing}");
    db
}

/// The row of `unit` (full name) and `award` in a `results --json` array.
fn result_row<'a>(results: &'a Value, unit: &str, award: &str) -> &'a Value {
    results.as_array().unwrap().iter().find(|r| r["unit"] == unit && r["award"] == award).unwrap()
}

#[test]
fn history_through_the_cli_equals_each_years_results() {
    let dir = tempfile::tempdir().unwrap();
    let db = two_years(dir.path());
    let h = ok_json(&db, &["history", "--unit", "北京市科协"]);
    let entries = h.as_array().unwrap();
    assert_eq!(entries.len(), 2, "{h}");
    const KEYS: [&str; 8] = ["year", "award", "state", "aggregate", "rank", "of", "grade", "amount_yuan"];
    for e in entries {
        let mut keys: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
        let mut want = KEYS.to_vec();
        keys.sort_unstable();
        want.sort_unstable();
        assert_eq!(keys, want, "{e}");
    }
    // printed in the order
    let raw = pingshen(&db, &["history", "--unit", "北京市科协", "--json"]).stdout;
    let first = &raw[..raw.find('}').unwrap()];
    let at: Vec<usize> = KEYS.iter().map(|k| first.find(&format!("\"{k}\"")).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{first}");
    // 2014: what that year's results and funding table say
    let e = &entries[0];
    assert_eq!(
        (e["year"].as_i64(), e["award"].as_str(), e["state"].as_str()),
        (Some(2014), Some("subsidy"), Some("recommended"))
    );
    let results = ok_json(&db, &["--year", "2014", "results"]);
    let r = result_row(&results, "北京市科学技术协会", "subsidy");
    assert_eq!(e["aggregate"].as_str().unwrap(), format!("{:.2}", r["aggregate"].as_f64().unwrap()));
    assert_eq!(e["rank"], r["rank"]);
    assert_eq!(e["grade"], r["grade"]);
    let ranked = results.as_array().unwrap().iter().filter(|x| x["award"] == "subsidy" && !x["rank"].is_null()).count();
    assert_eq!(e["of"].as_u64(), Some(ranked as u64));
    let funding = ok_json(&db, &["--year", "2014", "funding"]);
    let line = funding["lines"].as_array().unwrap().iter().find(|l| l["unit"] == "北京市科学技术协会");
    assert_eq!(e["amount_yuan"], line.map(|l| l["amount_yuan"].clone()).unwrap_or(Value::Null));
    // 2015: recommended, nothing scored yet — no figure
    let e = &entries[1];
    assert_eq!((e["year"].as_i64(), e["state"].as_str()), (Some(2015), Some("recommended")));
    for k in ["aggregate", "rank", "of", "grade", "amount_yuan"] {
        assert!(e[k].is_null(), "{k}: {e}");
    }

    // the human table: one line per year
    let r = pingshen(&db, &["history", "--unit", "北京市科协"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    assert!(lines[0].contains("年度") && lines[0].contains("综合得分") && lines[0].contains("排名"), "{}", lines[0]);
    assert!(
        lines[1].starts_with("2014") && lines[1].contains(entries[0]["aggregate"].as_str().unwrap()),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains(&format!("{}/{}", entries[0]["rank"], entries[0]["of"])), "{}", lines[1]);
    assert!(lines[2].starts_with("2015") && lines[2].contains("已推荐"), "{}", lines[2]);

    // the 2015 results rows carry 2014's standing
    let r15 = ok_json(&db, &["--year", "2015", "results"]);
    let p = &result_row(&r15, "北京市科学技术协会", "subsidy")["previous"];
    assert_eq!(p, &entries[0], "上年 of 北京 is its 2014 entry");
    let text = pingshen(&db, &["--year", "2015", "results"]).stdout;
    assert!(text.lines().next().unwrap().contains("上年"), "{text}");
    // the 2014 results: every unit 首次申报
    assert!(ok_json(&db, &["--year", "2014", "results"]).as_array().unwrap().iter().all(|r| r["previous"].is_null()));
}

#[test]
fn history_of_an_unknown_unit_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("y.db");
    let r = pingshen(&db, &["demo", "--inputs", s(&dir.path().join("in"))]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let e = refused_unchanged(
        &db,
        &["history", "--unit", "北京科学协会"],
        &["「北京科学协会」", "不是可申报单位", "dossiers"],
    );
    assert!(e.contains("北京市科学技术协会"), "the closest name is offered: {e}");
    let r = pingshen(&db, &["history", "--unit", "北京科学协会", "--json"]);
    assert_ne!(r.code, 0);
    let j: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(j["error"].as_str().unwrap().contains("不是可申报单位"), "{j}");
    // a unit that never applied: an empty history, not an error
    assert_eq!(ok_json(&db, &["history", "--unit", "黑龙江省科协"]), Value::Array(vec![]));
    let r = pingshen(&db, &["history", "--unit", "黑龙江省科协"]);
    assert!(r.stdout.contains("没有申报记录"), "{}", r.stdout);
}

/// A reader that stops early (`pingshen history --unit … | head -1`) closes the pipe before the
/// table is written: the program ends quietly with success, it does not panic.
#[test]
fn a_reader_that_stops_early_ends_the_program_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    assert_eq!(pingshen(&db, &["demo"]).code, 0);
    for json in [false, true] {
        let mut cmd = cli_support::command();
        cmd.arg("--db").arg(&db).args(["history", "--unit", "北京市科学技术协会"]);
        if json {
            cmd.arg("--json");
        }
        let mut child = cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap();
        drop(child.stdout.take()); // the reader is gone before anything is written
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "json={json}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "json={json}: {stderr}");
    }
}
