//! Years that don't go to plan, through the `pingshen` binary: `review close` with sheets
//! outstanding, `assign replace` (drawn and by hand), `dossier withdraw`, and `calendar import` /
//! `calendar show` for a year beyond the bundled calendar. JSON outputs and refusal messages are
//! read; a refused command leaves the database as it was.
#![allow(clippy::unwrap_used)]

mod cli_support;

use cli_support::{ok_json, pingshen, refused_unchanged as refused, year_in_review};
use pingshen_core::model::Award;
use pingshen_core::Desk;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// 评分录入 for every pending sheet but those of `skip`, with scores that vary by unit.
fn scores_csv(db: &Path, dir: &Path, skip: &[&str]) -> PathBuf {
    let desk = Desk::open(db).unwrap();
    let c = desk.campaign(Some(2014)).unwrap();
    let pairs = ok_json(db, &["assignments"]);
    let mut csv = String::from("专家,单位,评分项,得分,意见\n");
    for (i, p) in pairs.as_array().unwrap().iter().enumerate() {
        let (expert, unit) = (p["expert"].as_str().unwrap(), p["unit"].as_str().unwrap());
        if skip.contains(&expert) || p["state"] != "pending" {
            continue;
        }
        let award = Award::parse(p["award"].as_str().unwrap()).unwrap();
        let q = 0.62 + (unit.chars().count() % 7) as f64 * 0.04 + (i % 3) as f64 * 0.02;
        for k in c.rubric(award).expert_criteria() {
            let v = ((k.points as f64) * q.min(1.0) * 2.0).round() / 2.0;
            csv += &format!("{expert},{unit},{},{v},\n", k.id);
        }
    }
    let path = dir.join("评分录入.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

/// Two experts never return their sheets: the secretariat ends the review with `review close`;
/// their sheets are 「未返回」, the year is in the decide stage, every dossier left with fewer
/// than 3 scores is `insufficient_scores` (unranked), and the ranked ones are averaged over what
/// came back; `reopen` of an unreturned sheet is refused saying why.
#[test]
fn review_close_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = year_in_review(dir.path(), "y.db");
    let (a, b) = ("王建华", "李淑敏");
    let f = scores_csv(&db, dir.path(), &[a, b]);
    ok_json(&db, &["import", "scores", f.to_str().unwrap()]);
    refused(&db, &["pilot", "select", "浙江省科协", "--reason", "考察"], &["专家评审"]);
    refused(&db, &["review", "close", "--reason", " "], &["理由", "须写明理由"]);
    let r = ok_json(&db, &["review", "close", "--reason", "两位专家因病未能返回评分表"]);
    let unreturned = r["unreturned"].as_array().unwrap();
    assert!(unreturned.len() >= 20, "{r}");
    assert!(unreturned.iter().all(|u| u["expert"] == a || u["expert"] == b));
    let assignments = ok_json(&db, &["assignments"]);
    assert!(assignments.as_array().unwrap().iter().filter(|p| p["expert"] == a).all(|p| p["state"] == "unreturned"));
    let results = ok_json(&db, &["results"]);
    for row in results.as_array().unwrap() {
        let n = row["n_scores"].as_u64().unwrap();
        let flagged = row["flags"].as_array().unwrap().iter().any(|f| f == "insufficient_scores");
        assert_eq!(flagged, n < 3, "{row}");
        if n < 3 {
            assert!(row["rank"].is_null() && row["grade"].is_null(), "{row}");
        }
        if n == 4 {
            let totals: Vec<f64> =
                row["experts"].as_array().unwrap().iter().map(|e| e["total"].as_f64().unwrap()).collect();
            let mean = totals.iter().sum::<f64>() / 4.0;
            assert!((row["aggregate"].as_f64().unwrap() - (mean * 100.0).round() / 100.0).abs() < 0.006, "{row}");
        }
    }
    assert!(results.as_array().unwrap().iter().any(|r| r["n_scores"] == 4), "some dossier lost one of its five");
    // an unreturned sheet cannot be reopened
    let unit = unreturned[0]["unit"].as_str().unwrap().to_string();
    let award = unreturned[0]["award"].as_str().unwrap().to_string();
    let expert = unreturned[0]["expert"].as_str().unwrap().to_string();
    refused(
        &db,
        &["reopen", "--expert", &expert, "--unit", &unit, "--award", &award, "--reason", "补评"],
        &["未返回", "不能再退回补评"],
    );
    refused(&db, &["review", "close", "--reason", "再次"], &["只有在「专家评审」阶段可以结束评审"]);
    assert!(ok_json(&db, &["audit", "verify"])["ok"].as_bool().unwrap());

    // a withdrawal while deciding makes the post-subsidies again: a manual adjustment made for
    // the old ranking is undone, and the command says which, with what it was and what it is now
    let table = ok_json(&db, &["funding"]);
    let subsidy: Vec<&Value> = table["lines"].as_array().unwrap().iter().filter(|l| l["award"] == "subsidy").collect();
    assert!(subsidy.len() >= 2, "{table}");
    let (top, last) = (subsidy[0]["unit"].as_str().unwrap(), subsidy[subsidy.len() - 1]);
    let (adj_unit, amount) = (last["unit"].as_str().unwrap(), last["amount_yuan"].as_i64().unwrap());
    let adjusted = if amount < 150_000 { amount + 500 } else { amount - 500 };
    ok_json(
        &db,
        &[
            "funding",
            "adjust",
            adj_unit,
            "--award",
            "subsidy",
            "--amount",
            &adjusted.to_string(),
            "--reason",
            "配套条件较好",
        ],
    );
    let r = pingshen(&db, &["dossier", "withdraw", top, "--award", "subsidy", "--reason", "单位来函撤回"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let said =
        format!("{}（曾调整为{}万元，理由：配套条件较好；", adj_unit, pingshen_core::decimal::wan_yuan(adjusted));
    assert!(r.stdout.contains("此前的人工调整已按新的排名撤销") && r.stdout.contains(&said), "{}", r.stdout);
    assert!(ok_json(&db, &["audit", "verify"])["ok"].as_bool().unwrap());
}

/// `assign replace`: by the recorded seed among the least loaded, or `--to` by hand, every
/// recusal rule kept; `dossier withdraw` takes a dossier out of the review.
#[test]
fn replace_and_withdraw_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = year_in_review(dir.path(), "y.db");
    let pairs = ok_json(&db, &["assignments"]);
    let first = &pairs.as_array().unwrap()[0];
    let (expert, unit, award) =
        (first["expert"].as_str().unwrap(), first["unit"].as_str().unwrap(), first["award"].as_str().unwrap());
    refused(
        &db,
        &["assign", "replace", "--expert", expert, "--unit", unit, "--award", award, "--reason", ""],
        &["理由"],
    );
    let r = ok_json(
        &db,
        &["assign", "replace", "--expert", expert, "--unit", unit, "--award", award, "--reason", "专家因病"],
    );
    assert_eq!(r["seed"], "20141103".parse::<u64>().unwrap());
    let new = r["new_expert"].as_str().unwrap().to_string();
    assert_ne!(new, expert);
    let after = ok_json(&db, &["assignments"]);
    let on = |e: &str| {
        after
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["expert"] == e && p["unit"] == unit && p["award"] == award)
            .map(|p| p["state"].as_str().unwrap().to_string())
    };
    assert_eq!(on(expert).as_deref(), Some("withdrawn"));
    assert_eq!(on(&new).as_deref(), Some("pending"));
    // by hand: an expert from the unit's own province is refused with the rule
    let experts = ok_json(&db, &["experts"]);
    let province = pingshen_core::units::find(unit).unwrap().province.clone();
    if let Some(same) = experts.as_array().unwrap().iter().find(|e| e["province"] == province.as_str()) {
        refused(
            &db,
            &[
                "assign",
                "replace",
                "--expert",
                &new,
                "--unit",
                unit,
                "--award",
                award,
                "--reason",
                "出差",
                "--to",
                same["name"].as_str().unwrap(),
            ],
            &["同省回避"],
        );
    }
    // withdraw a dossier during the review: its sheets leave with it
    let w = ok_json(&db, &["dossier", "withdraw", unit, "--award", award, "--reason", "单位来函撤回"]);
    assert_eq!(w["sheets_withdrawn"], 5);
    let after = ok_json(&db, &["assignments"]);
    assert!(after
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["unit"] == unit && p["award"] == award)
        .all(|p| p["state"] == "withdrawn"));
    refused(&db, &["dossier", "withdraw", unit, "--award", award, "--reason", "再次"], &["已撤回的材料不能再处理"]);
    assert!(ok_json(&db, &["audit", "verify"])["ok"].as_bool().unwrap());
}

const NOTICE_2027: &str = "国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（农历除夕、周六）至13日（农历正月初七、周六）放假调休，共8天。2月14日（周日）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
五、端午节：6月9日（周三）放假1天。
六、中秋节：9月15日（周三）放假1天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。";

/// `calendar import` of a 2027 notice saved as GBK (as from a Chinese-Windows editor): then
/// `add-workdays` on that database runs across National Day and `show` lists the year; a wrong
/// weekday is refused naming the line, nothing stored.
#[test]
fn calendar_import_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    ok_json(&db, &["--year", "2027", "init"]);
    refused(
        &db,
        &["calendar", "add-workdays", "--from", "2027-09-29", "--days", "5"],
        &["超出工作日历覆盖范围", "calendar import"],
    );
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, NOTICE_2027.replace("10月9日（周六）", "10月9日（周日）")).unwrap();
    refused(&db, &["calendar", "import", bad.to_str().unwrap()], &["第8行", "10月9日是周六", "未写入任何数据"]);
    let good = dir.path().join("通知.txt");
    let (gbk, _, _) = encoding_rs::GBK.encode(NOTICE_2027);
    std::fs::write(&good, &gbk).unwrap();
    let r = ok_json(&db, &["calendar", "import", good.to_str().unwrap()]);
    assert_eq!(r["notice"]["year"], 2027);
    assert_eq!(r["notice"]["items"].as_array().unwrap().len(), 7);
    assert_eq!(ok_json(&db, &["calendar", "add-workdays", "--from", "2027-09-29", "--days", "5"])["end"], "2027-10-11");
    let show = ok_json(&db, &["--year", "2027", "calendar", "show"]);
    assert_eq!(show["workdays"].as_array().unwrap().len(), 5);
    let text = pingshen(&db, &["--year", "2027", "calendar", "show"]).stdout;
    assert!(text.contains("10-09国庆节调休") && text.contains("来源：通知.txt"), "{text}");
    refused(&db, &["calendar", "import", good.to_str().unwrap()], &["已于", "--replace"]);
    assert_eq!(ok_json(&db, &["calendar", "import", good.to_str().unwrap(), "--replace"])["replaced"], true);
}
