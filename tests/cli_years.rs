//! Issue 16 through the `pingshen` binary: the demo's published 2014 opened into 2015 with
//! `init --from`, `years --json`, the carried conflicts 待确认 and `experts confirm-conflicts`;
//! the bad inputs (a source year that does not exist, a second init of the same year, an
//! unpublished source) refused in Chinese with nothing written; 2014 read-only.
#![allow(clippy::unwrap_used)]

mod cli_support;

use cli_support::{ok_json, pingshen, refused_unchanged};
use serde_json::{json, Value};

fn pending(v: &Value) -> usize {
    v.as_array().unwrap().iter().map(|e| e["pending_conflicts"].as_array().unwrap().len()).sum()
}

#[test]
fn the_second_year_from_the_published_demo_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("y.db");
    let r = pingshen(&db, &["demo", "--inputs", dir.path().join("in").to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(ok_json(&db, &["years"]), json!([{"year": 2014, "stage": "published"}]));
    let experts_2014 = ok_json(&db, &["--year", "2014", "experts"]);
    let declared: usize =
        experts_2014.as_array().unwrap().iter().map(|e| e["conflicts"].as_array().unwrap().len()).sum();
    assert!(declared > 0, "the demo declares conflicts");

    // bad inputs first: each refused naming the fix, the database untouched
    refused_unchanged(&db, &["--year", "2015", "init", "--from", "2013"], &["来源年度", "2013", "2014（已发布）"]);
    refused_unchanged(&db, &["init", "--from", "2014"], &["--year"]);
    refused_unchanged(&db, &["--year", "2014", "init", "--from", "2014"], &["须晚于"]);
    let r = pingshen(&db, &["--year", "2015", "init", "--from", "2014", "--publicity-days", "7"]);
    assert_ne!(r.code, 0, "--from takes the policy from the source year");

    // 2015 from 2014, with a new budget
    let c = ok_json(&db, &["--year", "2015", "init", "--from", "2014", "--subsidy-budget", "2500000"]);
    assert_eq!((c["from"].as_i64(), c["to"].as_i64()), (Some(2014), Some(2015)));
    assert_eq!(c["experts"].as_u64(), Some(experts_2014.as_array().unwrap().len() as u64));
    assert_eq!(c["conflicts_pending"].as_u64(), Some(declared as u64));
    assert_eq!(c["subsidy_budget_yuan"], 2_500_000);
    assert_eq!(
        ok_json(&db, &["years"]),
        json!([{"year": 2015, "stage": "apply"}, {"year": 2014, "stage": "published"}])
    );

    // a second init of 2015, and 2017 from the unpublished 2015
    refused_unchanged(&db, &["--year", "2015", "init", "--from", "2014"], &["2015年度评审工作已存在"]);
    refused_unchanged(
        &db,
        &["--year", "2017", "init", "--from", "2015"],
        &["2015年度评审工作尚未发布", "请先完成并发布2015年度"],
    );

    // the pool carried, conflicts 待确认 (the text says so too); no dossier carried
    let v = ok_json(&db, &["--year", "2015", "experts"]);
    assert_eq!(pending(&v), declared);
    let text = pingshen(&db, &["--year", "2015", "experts"]).stdout;
    assert!(text.contains("（待确认）"), "{text}");
    assert_eq!(ok_json(&db, &["--year", "2015", "dossiers"]), json!([]));

    // confirm one expert's, then the rest
    let first = v.as_array().unwrap().iter().find(|e| !e["pending_conflicts"].as_array().unwrap().is_empty()).unwrap();
    let name = first["name"].as_str().unwrap();
    let n = first["pending_conflicts"].as_array().unwrap().len();
    let r = ok_json(&db, &["--year", "2015", "experts", "confirm-conflicts", "--expert", name]);
    assert_eq!(r["confirmed"].as_u64(), Some(n as u64));
    let r = ok_json(&db, &["--year", "2015", "experts", "confirm-conflicts"]);
    assert_eq!(r["confirmed"].as_u64(), Some((declared - n) as u64));
    assert_eq!(pending(&ok_json(&db, &["--year", "2015", "experts"])), 0);
    refused_unchanged(&db, &["--year", "2015", "experts", "confirm-conflicts", "--expert", "无此人"], &["无此人"]);

    // the published 2014 is read-only, and says so naming the year
    refused_unchanged(
        &db,
        &["--year", "2014", "conflict", "--expert", name, "--unit", "湖北省科协"],
        &["2014年度评审工作已发布，只读"],
    );
    refused_unchanged(&db, &["--year", "2014", "experts", "confirm-conflicts"], &["2014年度评审工作已发布，只读"]);
    assert_eq!(ok_json(&db, &["audit", "verify"])["ok"], true);
}

#[test]
fn init_from_needs_a_database_with_the_source_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    // no database yet: refused, and no file made
    let e = cli_support::refused(&db, &["--year", "2015", "init", "--from", "2014"]);
    assert!(e.contains("不存在") && e.contains("--from"), "{e}");
    assert!(!db.exists());
    // a fresh database with an unpublished year
    ok_json(&db, &["--year", "2014", "init"]);
    refused_unchanged(
        &db,
        &["--year", "2015", "init", "--from", "2014"],
        &["2014年度评审工作尚未发布（当前阶段：申报推荐）"],
    );
}
