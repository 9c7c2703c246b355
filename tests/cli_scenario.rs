//! End-to-end: a whole campaign year scripted through the `pingshen` binary, as the secretariat
//! would run it from a terminal, with the JSON outputs checked; and the refusals a user meets.
#![allow(clippy::unwrap_used)] // a benchmark/test harness: a failure should stop it loudly

mod cli_support;

use cli_support::{ok_json, pingshen, refused};
use std::path::{Path, PathBuf};

const DOSSIER_HEADER: &str = "单位名称,申报类别,联系人,联系电话,提交日期,规上工业企业数,企业科协总数,本年新建企业科协数,本年组建任务数,建立科协联系人制度企业数,园区总数,已建科协园区数,国家级园区数,已建科协国家级园区数,院士专家工作站数,县级联系点建会建站数,配套资金（万元）,组织领导情况,组织建设成效,服务企业创新情况,特色做法";
const NARR: &str = "党组高度重视，列入重要议事日程，有专人负责,全年新建企业科协组织成效明显，覆盖率稳步提升,深入开展讲理想比贡献活动和金桥工程服务企业,探索一业一会和企业科协联合会等特色做法";

fn dossier_row(unit: &str, award: &str, date: &str, matching: &str) -> String {
    format!("{unit},{award},张伟,027-87654321,{date},12000,900,150,200,400,40,12,6,3,30,4,{matching},{NARR}")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// A year through the CLI: init → import → recommend → assign → score → results → pilot →
/// funding → publicity with an objection → close → publish → audit verify → backup.
#[test]
fn scripted_year_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("y.db");
    let j = ok_json(&db, &["init", "--year", "2014", "--subsidy-budget", "600000"]);
    assert_eq!(j["year"], 2014);

    let units = [
        "北京市科协",
        "天津市科协",
        "河北省科协",
        "山西省科协",
        "辽宁省科协",
        "上海市科协",
        "江苏省科协",
        "浙江省科协",
    ];
    let mut csv = format!("{DOSSIER_HEADER}\n");
    for u in units {
        csv += &dossier_row(u, "后补助", "2014-10-20", "");
        csv.push('\n');
    }
    csv += &dossier_row("湖北省科学技术协会", "试点示范", "2014-10-21", "30");
    csv.push('\n');
    csv += &dossier_row("广东省科协", "试点示范", "2014-11-02", "25"); // late
    csv.push('\n');
    let f = write(dir.path(), "申报汇总表.csv", &csv);
    let j = ok_json(&db, &["import", "dossiers", f.to_str().unwrap()]);
    assert_eq!(j["imported"], 10);
    assert_eq!(j["detail"]["late"], 1);

    // the late dossier blocks the draw until decided
    let j = ok_json(&db, &["recommend", "--auto"]);
    let outcomes: Vec<&str> = j.as_array().unwrap().iter().map(|o| o["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes.iter().filter(|o| **o == "recommended").count(), 9);
    assert!(outcomes.contains(&"awaiting_late_decision"));
    let experts = "姓名,工作单位,所在省份,专业领域,联系电话,回避单位\n王建华,清华大学,北京市,科技管理,1,\n陈志远,复旦大学,上海,产业经济,1,\n刘海涛,浙江大学,浙江省,企业创新,1,\n赵国庆,武汉大学,湖北省,科技统计,1,江苏省科协\n孙明远,中山大学,广东省,企业管理,1,\n周晓燕,四川大学,四川省,社会组织,1,\n吴天宇,西安交通大学,陕西省,工程管理,1,\n";
    let f = write(dir.path(), "专家.csv", experts);
    assert_eq!(ok_json(&db, &["import", "experts", f.to_str().unwrap()])["imported"], 7);
    let e = refused(&db, &["assign", "--per-dossier", "3", "--seed", "7"]);
    assert!(e.contains("逾期"), "{e}");
    ok_json(&db, &["late", "accept", "广东省科协", "--reason", "邮戳日期在截止日前"]);
    ok_json(&db, &["recommend", "--auto"]);

    let draw = ok_json(&db, &["assign", "--per-dossier", "3", "--seed", "7"]);
    assert_eq!(draw["assignments"], 30);
    assert!(draw["max_load"].as_i64().unwrap() - draw["min_load"].as_i64().unwrap() <= 1);
    let asg = ok_json(&db, &["assignments"]);
    let asg = asg.as_array().unwrap();
    assert_eq!(asg.len(), 30);
    for a in asg {
        // recusal: no expert reviews their own province, nor a declared conflict
        let (ex, unit) = (a["expert"].as_str().unwrap(), a["unit"].as_str().unwrap());
        assert!(!(ex == "王建华" && unit.starts_with("北京")), "{ex} {unit}");
        assert!(!(ex == "赵国庆" && (unit.starts_with("湖北") || unit.starts_with("江苏"))), "{ex} {unit}");
        assert!(!(ex == "孙明远" && unit.starts_with("广东")), "{ex} {unit}");
    }
    // same seed → same draw, on a copy of the database taken before the draw is not possible
    // here; the property is tested in the core. Scores: every expert criterion of each pair.
    let subsidy = ["leadership", "planning", "liaison", "workstations", "innovation_services", "materials"];
    let pilot = ["priority", "quality", "distinctive", "timeliness"];
    let mut rows = String::from("专家,单位,评分项,得分,意见\n");
    for (i, a) in asg.iter().enumerate() {
        let crits: &[&str] = if a["award"] == "pilot" { &pilot } else { &subsidy };
        for c in crits {
            let max = match *c {
                "innovation_services" => 25.0,
                "priority" => 25.0,
                "distinctive" => 30.0,
                "liaison" => 5.0,
                _ => 10.0,
            };
            let v = (max * (0.7 + (i % 7) as f64 * 0.05) * 2.0).round() / 2.0;
            rows += &format!("{},{},{},{},\n", a["expert"].as_str().unwrap(), a["unit"].as_str().unwrap(), c, v);
        }
    }
    // a bad row first: nothing of the file is kept
    let bad = rows.replacen("\n", "\n王建华,北京市科协,leadership,8,\n", 1);
    let f = write(dir.path(), "评分-错.csv", &bad);
    let e = refused(&db, &["import", "scores", f.to_str().unwrap()]);
    assert!(e.contains("第2行") && e.contains("回避"), "{e}");
    let f = write(dir.path(), "评分.csv", &rows);
    assert_eq!(ok_json(&db, &["import", "scores", f.to_str().unwrap()])["imported"], 30);

    let res = ok_json(&db, &["results"]);
    let res = res.as_array().unwrap();
    assert_eq!(res.len(), 10);
    for r in res {
        for k in ["unit", "award", "n_scores", "aggregate", "mean", "median", "rank", "grade", "flags"] {
            assert!(r.get(k).is_some(), "missing {k} in {r}");
        }
        assert_eq!(r["n_scores"], 3);
        let agg = r["aggregate"].as_f64().unwrap();
        assert_eq!((agg * 100.0).round() / 100.0, agg, "aggregate has 2 decimals");
        let g = r["grade"].as_str().unwrap();
        assert_eq!(
            g,
            if agg >= 85.0 {
                "excellent"
            } else if agg >= 60.0 {
                "qualified"
            } else {
                "unqualified"
            }
        );
    }
    let ranks: Vec<i64> = res.iter().filter(|r| r["award"] == "subsidy").map(|r| r["rank"].as_i64().unwrap()).collect();
    assert_eq!(ranks, (1..=8).collect::<Vec<_>>());

    let e = refused(&db, &["pilot", "select", "北京市科协", "--reason", "x"]);
    assert!(e.contains("未找到申报材料"), "{e}");
    ok_json(&db, &["pilot", "select", "湖北省科协", "--reason", "调研考察情况良好"]);
    let fund = ok_json(&db, &["funding"]);
    let lines = fund["lines"].as_array().unwrap();
    let pilot_line = lines.iter().find(|l| l["award"] == "pilot").unwrap();
    assert_eq!(pilot_line["amount_yuan"], 200_000);
    assert_eq!(pilot_line["pay_by"], "2014-09-30");
    let subsidy_sum: i64 =
        lines.iter().filter(|l| l["award"] == "subsidy").map(|l| l["amount_yuan"].as_i64().unwrap()).sum();
    assert!(subsidy_sum <= 600_000, "within budget: {subsidy_sum}");
    for l in lines.iter().filter(|l| l["award"] == "subsidy") {
        let a = l["amount_yuan"].as_i64().unwrap();
        assert!((100_000..=150_000).contains(&a));
        assert_eq!(l["pay_by"], "2015-03-31");
    }
    assert_eq!(
        fund["total_yuan"].as_i64().unwrap(),
        lines.iter().map(|l| l["amount_yuan"].as_i64().unwrap()).sum::<i64>()
    );

    // a secretariat adjustment: within 100,000–150,000, whole hundreds of yuan, with a reason
    let first = lines.iter().find(|l| l["award"] == "subsidy").unwrap()["unit"].as_str().unwrap().to_string();
    let e = refused(&db, &["funding", "adjust", &first, "--award", "subsidy", "--amount", "123456", "--reason", "x"]);
    assert!(e.contains("百元"), "{e}");
    let e = refused(&db, &["funding", "adjust", &first, "--award", "subsidy", "--amount", "160000", "--reason", "x"]);
    assert!(e.contains("10-15万元"), "{e}");
    let adj = ok_json(
        &db,
        &[
            "funding",
            "adjust",
            &first,
            "--award",
            "subsidy",
            "--amount",
            "100000",
            "--reason",
            "考核材料有瑕疵，按下限安排",
        ],
    );
    assert_eq!(
        adj["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["unit"] == first.as_str() && l["award"] == "subsidy")
            .unwrap()["amount_yuan"],
        100_000
    );

    // publicity across National Day is tested by the calendar command; here 2014-12-01 (Mon)
    let p = ok_json(&db, &["publicity", "open", "--start", "2014-12-01"]);
    assert_eq!(p["end"], "2014-12-05");
    let e = refused(
        &db,
        &[
            "objection",
            "add",
            "--unit",
            "湖北省科协",
            "--name",
            "匿名",
            "--contact",
            "无",
            "--on",
            "2014-12-02",
            "--text",
            "有问题",
        ],
    );
    assert!(e.contains("真实姓名"), "{e}");
    let o = ok_json(
        &db,
        &[
            "objection",
            "add",
            "--unit",
            "湖北省科协",
            "--name",
            "李建国",
            "--contact",
            "13912345678",
            "--on",
            "2014-12-03",
            "--text",
            "数据偏高",
        ],
    );
    let id = o["id"].as_i64().unwrap().to_string();
    let e = refused(&db, &["publicity", "close", "--on", "2014-12-08"]);
    assert!(e.contains("未处理的异议"), "{e}");
    ok_json(&db, &["objection", "resolve", &id, "--dismissed", "--reason", "经核查异议不成立"]);
    let e = refused(&db, &["publicity", "close", "--on", "2014-12-04"]);
    assert!(e.contains("公示期满"), "{e}");
    ok_json(&db, &["publicity", "close", "--on", "2014-12-08"]);
    let j = ok_json(&db, &["publish", "--on", "2014-12-10", "--doc-number", "科协计函企字〔2014〕68号"]);
    assert_eq!(j["stage"], "published");

    let v = ok_json(&db, &["audit", "verify"]);
    assert!(v["entries"].as_i64().unwrap() > 50);
    let out = dir.path().join("backup.db");
    ok_json(&db, &["backup", out.to_str().unwrap()]);
    assert_eq!(ok_json(&out, &["results"]).as_array().unwrap().len(), 10);
    refused(&db, &["backup", out.to_str().unwrap()]); // never overwrites

    // tampering: an edited score row, then an edited audit row
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute("UPDATE scores SET centi = centi + 50 WHERE assignment_id = (SELECT min(assignment_id) FROM scores) AND criterion = 'leadership'", []).unwrap();
    let e = refused(&db, &["audit", "verify"]);
    assert!(e.contains("评分") && e.contains("不符"), "{e}");
    c.execute("UPDATE scores SET centi = centi - 50 WHERE assignment_id = (SELECT min(assignment_id) FROM scores) AND criterion = 'leadership'", []).unwrap();
    assert_eq!(pingshen(&db, &["audit", "verify"]).code, 0);
    c.execute_batch("DROP TRIGGER audit_no_update; UPDATE audit SET actor = '某人' WHERE seq = 3;").unwrap();
    let e = refused(&db, &["audit", "verify"]);
    assert!(e.contains("第3条"), "{e}");
}

/// Bad input files: a clear Chinese error naming row and column; the database unchanged.
#[test]
fn bad_input_is_refused_and_nothing_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    ok_json(&db, &["init", "--year", "2014"]);
    let cases: &[(&str, &str, &str)] = &[
        ("湖北科技协会,后补助,张伟,1,2014-10-20,1,1,1,1,1,1,1,1,1,1,1,,a,b,c,d", "单位名称", "湖北省科学技术协会"),
        ("苏州市科协,后补助,张伟,1,2014-10-20,1,1,1,1,1,1,1,1,1,1,1,,a,b,c,d", "单位名称", "不是可申报单位"),
        ("湖北省科协,优秀奖,张伟,1,2014-10-20,1,1,1,1,1,1,1,1,1,1,1,,a,b,c,d", "申报类别", "试点示范"),
        ("湖北省科协,后补助,张伟,1,2014-10-20,100,10,1,1,1,10,12,1,1,1,1,,a,b,c,d", "已建科协园区数", "园区总数"),
        ("湖北省科协,后补助,张伟,1,2014-10-20,一百,10,1,1,1,10,1,1,1,1,1,,a,b,c,d", "规上工业企业数", "不是整数"),
        ("湖北省科协,后补助,张伟,1,2014-10-20,100,-3,1,1,1,10,1,1,1,1,1,,a,b,c,d", "企业科协总数", "负数"),
        ("湖北省科协,后补助,张伟,1,20141020x,100,3,1,1,1,10,1,1,1,1,1,,a,b,c,d", "提交日期", "YYYY-MM-DD"),
    ];
    for (i, (row, col, needle)) in cases.iter().enumerate() {
        let good = dossier_row("北京市科协", "后补助", "2014-10-20", "");
        let f = write(dir.path(), &format!("bad{i}.csv"), &format!("{DOSSIER_HEADER}\n{good}\n{row}\n"));
        let e = refused(&db, &["import", "dossiers", f.to_str().unwrap()]);
        assert!(e.contains(&format!("第3行「{col}」列")) && e.contains(needle), "case {i}: {e}");
        assert!(e.contains("未写入任何数据"), "{e}");
        assert_eq!(ok_json(&db, &["dossiers"]).as_array().unwrap().len(), 0, "nothing kept");
    }
    // duplicate dossier within one file
    let good = dossier_row("北京市科协", "后补助", "2014-10-20", "");
    let f = write(dir.path(), "dup.csv", &format!("{DOSSIER_HEADER}\n{good}\n{good}\n"));
    let e = refused(&db, &["import", "dossiers", f.to_str().unwrap()]);
    assert!(e.contains("第3行") && e.contains("重复"), "{e}");
    // a GBK CSV is read (and said so)
    let text = format!("{DOSSIER_HEADER}\n{good}\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let f = dir.path().join("gbk.csv");
    std::fs::write(&f, &gbk).unwrap();
    let r = pingshen(&db, &["import", "dossiers", f.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("GBK"), "{}", r.stderr);
    // duplicate against the database
    let e = refused(&db, &["import", "dossiers", f.to_str().unwrap()]);
    assert!(e.contains("已在库中"), "{e}");
    // a missing database is a clear error, not a new empty file
    let e = refused(&dir.path().join("nope.db"), &["results"]);
    assert!(e.contains("不存在"), "{e}");
}

/// SPEC: 5 working days from the start day across the National Day holiday.
#[test]
fn calendar_command_counts_working_days() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.db");
    let j = ok_json(&db, &["calendar", "add-workdays", "--from", "2014-09-28", "--days", "5"]);
    assert_eq!(j["end"], "2014-10-09");
    let j = ok_json(&db, &["calendar", "add-workdays", "--from", "2014-12-01", "--days", "5"]);
    assert_eq!(j["end"], "2014-12-05");
    let e = refused(&db, &["calendar", "add-workdays", "--from", "2030-01-01", "--days", "5"]);
    assert!(e.contains("覆盖范围"), "{e}");
}

/// The demo runs to the end from a fresh database and the year is published and intact.
#[test]
fn demo_runs_to_publication() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let r = pingshen(&db, &["demo"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("综合得分") && r.stdout.contains("合计拟支持"), "{}", r.stdout);
    let res = ok_json(&db, &["results"]);
    assert!(res.as_array().unwrap().len() >= 30);
    let f = ok_json(&db, &["funding"]);
    assert!(f["subsidy_total_yuan"].as_i64().unwrap() <= f["subsidy_budget_yuan"].as_i64().unwrap());
    assert_eq!(f["lines"].as_array().unwrap().iter().filter(|l| l["award"] == "pilot").count(), 2);
    assert!(ok_json(&db, &["audit", "verify"])["ok"].as_bool().unwrap());
    assert!(refused(&db, &["demo"]).contains("已存在"));
}
