//! Issue 16 §§4–5 through the `pingshen` binary: on the demo's published 2014 year, a 2015 year
//! whose dossiers are checked against 2014 (`recommend --auto --json` shows each `yoy_` finding
//! with both values; `recommend UNIT --verify CODE --note N` marks it 已核实), then the draw with
//! rotation (`assign`'s repeats, `assignments --json`'s `repeat_of_year`), and `init --no-rotate`.

#![allow(clippy::unwrap_used)]

mod cli_support;

use cli_support::*;
use pingshen_core::import::DOSSIER_HEADERS;
use pingshen_core::model::INDICATORS;
use serde_json::Value;
use std::path::Path;

/// One 2015 row of 申报汇总表 for `unit` (post-subsidy), moved on from its 2014 dossier in `db`:
/// the total up by the new associations, this year's own texts — then `edit` changes it.
fn row_2015(db: &Path, unit: &str, edit: impl FnOnce(&mut Vec<String>)) -> Vec<String> {
    let c = rusqlite::Connection::open(db).unwrap();
    let code = pingshen_core::units::find(unit).unwrap().code.clone();
    let cols: Vec<String> = INDICATORS.iter().map(|(id, _)| format!("d.{id}")).collect();
    let (mut figures, leadership): (Vec<i64>, String) = c
        .query_row(
            &format!(
                "SELECT {}, d.narrative_leadership FROM dossiers d JOIN campaigns c ON c.id = d.campaign_id
                  WHERE c.year = 2014 AND d.unit_code = ?1 AND d.award = 'subsidy'",
                cols.join(", ")
            ),
            [&code],
            |r| Ok(((0..INDICATORS.len()).map(|i| r.get(i).unwrap()).collect(), r.get(INDICATORS.len())?)),
        )
        .unwrap();
    let at = |id: &str| INDICATORS.iter().position(|(k, _)| *k == id).unwrap();
    figures[at("associations_total")] += figures[at("associations_new")];
    let mut r: Vec<String> =
        vec![unit.into(), "后补助".into(), "张伟".into(), "027-87654321".into(), "2015-10-12".into()];
    r.extend(figures.iter().map(|v| v.to_string()));
    r.push(String::new()); // matching funds: none for the post-subsidy
    for h in ["组织领导情况", "组织建设成效", "服务企业创新情况", "特色做法"] {
        r.push(format!("二〇一五年{unit}{h}取得新进展。全年召开专题会议四次。"));
    }
    assert_eq!(r.len(), DOSSIER_HEADERS.len());
    r.push(leadership); // 2014's text, for `edit` to copy in
    edit(&mut r);
    r.truncate(DOSSIER_HEADERS.len());
    r
}

fn col(name: &str) -> usize {
    DOSSIER_HEADERS.iter().position(|h| *h == name).unwrap()
}

fn csv(rows: &[Vec<String>]) -> String {
    let cell =
        |s: &String| if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.clone() };
    let mut out = DOSSIER_HEADERS.join(",") + "\n";
    for r in rows {
        out += &(r.iter().map(cell).collect::<Vec<_>>().join(",") + "\n");
    }
    out
}

fn outcome<'a>(v: &'a Value, unit: &str) -> &'a Value {
    let full = &pingshen_core::units::find(unit).unwrap().full_name;
    v.as_array().unwrap().iter().find(|o| o["unit"] == full.as_str()).unwrap_or_else(|| panic!("{unit}: {v}"))
}

#[test]
fn yoy_findings_verified_and_rotation_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("y.db");
    let inputs = dir.path().join("inputs");
    let r = pingshen(&db, &["demo", "--inputs", s(&inputs)]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    let init = ok_json(&db, &["--year", "2015", "init"]);
    assert_eq!(init["policy"]["rotate_pairs"], true, "rotation is on by default");
    assert_eq!(init["policy"]["yoy_copied_percent"], 60);
    let hubei = row_2015(&db, "湖北省科协", |r| {
        let ws = col("院士专家工作站数");
        r[ws] = (r[ws].parse::<i64>().unwrap() - 3).to_string();
        r[col("组织领导情况")] = r[DOSSIER_HEADERS.len()].clone();
    });
    let jiangsu = row_2015(&db, "江苏省科协", |_| {});
    let file = dir.path().join("申报汇总表2015.csv");
    std::fs::write(&file, csv(&[hubei.clone(), jiangsu])).unwrap();
    ok_json(&db, &["--year", "2015", "import", "dossiers", s(&file)]);
    ok_json(&db, &["--year", "2015", "import", "experts", s(&inputs.join("评审专家库.csv"))]);

    let out = ok_json(&db, &["--year", "2015", "recommend", "--auto"]);
    let hb = outcome(&out, "湖北省科协");
    assert_eq!(hb["outcome"], "awaiting_yoy_check", "{hb}");
    assert_eq!(hb["last_year"], 2014);
    let codes: Vec<&str> = hb["yoy"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["yoy_decrease_workstations", "yoy_copied_leadership"]);
    let ws = &hb["yoy"][0];
    assert_eq!(ws["subject"], "workstations");
    assert_eq!(ws["this_year"], hubei[col("院士专家工作站数")].as_str());
    assert_eq!(
        ws["last_year"].as_str().unwrap().parse::<i64>().unwrap(),
        hubei[col("院士专家工作站数")].parse::<i64>().unwrap() + 3
    );
    assert_eq!(hb["yoy"][1]["subject"], "leadership");
    assert_eq!(hb["yoy"][1]["this_year"], hb["yoy"][1]["last_year"]);
    assert!(hb["yoy"][0]["verified"].is_null());
    assert_eq!(outcome(&out, "江苏省科协")["outcome"], "recommended");

    // the text output shows both values too
    let text = pingshen(&db, &["--year", "2015", "recommend", "湖北省科协", "--yoy"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(text.stdout.contains("yoy_decrease_workstations") && text.stdout.contains("↔ 上年"), "{}", text.stdout);

    // bad input: a clear Chinese message naming the fix; nothing written
    refused_unchanged(
        &db,
        &["--year", "2015", "recommend", "湖北省科协", "--verify", "yoy_decrease_workstations"],
        &["--note"],
    );
    refused_unchanged(
        &db,
        &["--year", "2015", "recommend", "湖北省科协", "--verify", "yoy_decrease_zones", "--note", "已核实"],
        &["对比项代码", "yoy_decrease_workstations", "yoy_copied_leadership"],
    );
    refused_unchanged(&db, &["--year", "2015", "recommend", "湖北省科协"], &["待核实", "--verify"]);

    let v = ok_json(
        &db,
        &[
            "--year",
            "2015",
            "recommend",
            "湖北省科协",
            "--verify",
            "yoy_decrease_workstations",
            "--note",
            "三家工作站随企业注销撤销，已电话核实",
        ],
    );
    assert_eq!(v["findings"][0]["verified"]["note"], "三家工作站随企业注销撤销，已电话核实");
    ok_json(
        &db,
        &[
            "--year",
            "2015",
            "recommend",
            "湖北省科协",
            "--verify",
            "yoy_copied_leadership",
            "--note",
            "单位书面说明组织领导未变",
        ],
    );
    let out = ok_json(&db, &["--year", "2015", "recommend", "--auto"]);
    assert_eq!(outcome(&out, "湖北省科协")["outcome"], "recommended");

    // rotation: 2 dossiers × 12 of 15 experts — more than those who did not score them in 2014
    let draw = ok_json(&db, &["--year", "2015", "assign", "--per-dossier", "12", "--seed", "20151103"]);
    assert_eq!(draw["rotate_pairs"], true);
    let repeats = draw["repeats"].as_array().unwrap();
    assert!(!repeats.is_empty(), "{draw}");
    for p in repeats {
        assert_eq!(p["repeat_of_year"], 2014);
        assert!(p["why"].as_str().unwrap().contains("2014年度评过"), "{p}");
    }
    let a = ok_json(&db, &["--year", "2015", "assignments"]);
    let marked: Vec<(String, String)> = a
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["repeat_of_year"] == 2014)
        .map(|x| (x["expert"].as_str().unwrap().to_string(), x["unit"].as_str().unwrap().to_string()))
        .collect();
    let listed: Vec<(String, String)> = repeats
        .iter()
        .map(|p| (p["expert"].as_str().unwrap().to_string(), p["unit"].as_str().unwrap().to_string()))
        .collect();
    let (mut m, mut l) = (marked.clone(), listed.clone());
    m.sort();
    l.sort();
    assert_eq!(m, l, "assignments --json marks exactly the repeats the draw listed");
    assert!(a.as_array().unwrap().iter().all(|x| x.get("repeat_of_year").is_some()));
    let c = rusqlite::Connection::open(&db).unwrap();
    let detail: String = c
        .query_row("SELECT detail FROM audit WHERE action = 'review.draw' ORDER BY seq DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let detail: Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["seed"], "20151103");
    assert_eq!(detail["repeats"].as_array().unwrap().len(), repeats.len());
    let r = pingshen(&db, &["audit", "verify"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn init_no_rotate_turns_rotation_off() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let v = ok_json(&db, &["--year", "2015", "init", "--no-rotate"]);
    assert_eq!(v["policy"]["rotate_pairs"], false);
    let db = dir.path().join("r.db");
    let v = ok_json(&db, &["--year", "2015", "init"]);
    assert_eq!(v["policy"]["rotate_pairs"], true);
}
