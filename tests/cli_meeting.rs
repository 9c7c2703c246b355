//! The panel meeting (会议评审, issue 18) through the `pingshen` binary: `init --meeting`,
//! `meeting settings --on` during the written review, `meeting agenda / open / vote / close`
//! as the issue writes them, a quorum refused, votes that do not add up refused, a vote entered
//! again only with a reason, the funding over the dossiers passed, and `export ballots / minutes`
//! read back with pdftotext. Every refusal's message is read; a refused command changes nothing.
#![allow(clippy::unwrap_used)]

mod cli_support;

use cli_support::{ok_json, pingshen, refused_unchanged as refused, s, year_in_review};
use pingshen_core::model::Award;
use pingshen_core::Desk;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// 评分录入 for every pending sheet, with scores that vary by unit (as tests/cli_exceptions.rs).
fn scores_csv(db: &Path, dir: &Path) -> PathBuf {
    let desk = Desk::open(db).unwrap();
    let c = desk.campaign(Some(2014)).unwrap();
    let pairs = ok_json(db, &["assignments"]);
    let mut csv = String::from("专家,单位,评分项,得分,意见\n");
    for (i, p) in pairs.as_array().unwrap().iter().enumerate() {
        let (expert, unit) = (p["expert"].as_str().unwrap(), p["unit"].as_str().unwrap());
        if p["state"] != "pending" {
            continue;
        }
        let award = Award::parse(p["award"].as_str().unwrap()).unwrap();
        let q = 0.80 + (unit.chars().count() % 7) as f64 * 0.03 + (i % 3) as f64 * 0.01;
        for k in c.rubric(award).expert_criteria() {
            let v = ((k.points as f64) * q.min(1.0) * 2.0).round() / 2.0;
            csv += &format!("{expert},{unit},{},{v},\n", k.id);
        }
    }
    let path = dir.join("评分录入.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

fn pdf_text(path: &Path) -> Option<String> {
    let out = Command::new("pdftotext").args(["-raw", "-nodiag", s(path), "-"]).output().ok()?;
    assert!(out.status.success());
    Some(String::from_utf8_lossy(&out.stdout).chars().filter(|c| !c.is_whitespace()).collect())
}

fn items(agenda: &Value) -> &Vec<Value> {
    agenda["items"].as_array().unwrap()
}

#[test]
fn init_meeting_turns_the_meeting_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let c = ok_json(&db, &["--year", "2014", "init", "--meeting"]);
    assert_eq!(c["policy"]["meeting"], true);
    assert_eq!(c["policy"]["meeting_quorum"], "two_thirds");
    assert_eq!(c["policy"]["meeting_majority"], "half");
    let db2 = dir.path().join("n.db");
    assert_eq!(ok_json(&db2, &["--year", "2014", "init"])["policy"]["meeting"], false);
}

#[test]
fn a_meeting_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = year_in_review(dir.path(), "y.db");
    // the setting is editable during the written review
    let p = ok_json(&db, &["meeting", "settings", "--on"]);
    assert_eq!(p["policy"]["meeting"], true);
    refused(
        &db,
        &["meeting", "open", "--date", "2014-11-20", "--place", "会议室", "--chair", "x", "--present", "x"],
        &["专家评审", "书面评审尚未结束"],
    );
    let f = scores_csv(&db, dir.path());
    ok_json(&db, &["import", "scores", s(&f)]);
    let agenda = ok_json(&db, &["meeting", "agenda"]);
    assert_eq!(
        (agenda["stage"].as_str(), agenda["enabled"].as_bool(), agenda["opened"].as_bool()),
        (Some("meeting"), Some(true), Some(false))
    );
    refused(&db, &["meeting", "settings", "--off"], &["会议评审", "书面评审结束前修改"]);
    // 「名次不稳定」: the robustness report's flips are marked for discussion on the agenda
    let rob = ok_json(&db, &["results", "--robustness"]);
    let mut flips: Vec<(String, String)> = rob["awards"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| {
            a["flips"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| (f["unit"].as_str().unwrap().to_string(), a["award"].as_str().unwrap().to_string()))
        })
        .collect();
    let mut unstable: Vec<(String, String)> = items(&agenda)
        .iter()
        .filter(|i| i["discuss"].as_array().unwrap().iter().any(|d| d == "unstable"))
        .map(|i| (i["unit"].as_str().unwrap().to_string(), i["award"].as_str().unwrap().to_string()))
        .collect();
    flips.sort();
    unstable.sort();
    assert!(!flips.is_empty(), "the scores of this year leave some dossier near the funding line");
    assert_eq!(unstable, flips);
    let panel: Vec<String> =
        agenda["panel"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    assert_eq!((panel.len(), agenda["quorum_needed"].as_u64()), (15, Some(10)));
    // nine of fifteen: below two thirds
    let nine = panel[..9].join(",");
    refused(
        &db,
        &[
            "meeting",
            "open",
            "--date",
            "2014-11-20",
            "--place",
            "中国科协三层会议室",
            "--chair",
            &panel[0],
            "--present",
            &nine,
        ],
        &["出席专家9人", "不足法定人数", "专家组共15人", "至少10人"],
    );
    let all = panel.join(",");
    refused(
        &db,
        &["meeting", "open", "--date", "2014-11-20", "--place", "会议室", "--chair", "不在册", "--present", &all],
        &["不在册"],
    );
    let opened = ok_json(
        &db,
        &[
            "meeting",
            "open",
            "--date",
            "2014-11-20",
            "--place",
            "中国科协三层会议室",
            "--chair",
            &panel[0],
            "--present",
            &all,
        ],
    );
    assert_eq!(opened["chair"], panel[0].as_str());
    assert_eq!(opened["present"].as_array().unwrap().len(), 15);
    // the agenda names the members who leave; their votes are not counted
    let with_recusal = items(&opened).iter().find(|i| !i["recused"].as_array().unwrap().is_empty()).unwrap().clone();
    let away = with_recusal["recused"].as_array().unwrap().len() as u64;
    let eligible = with_recusal["eligible"].as_u64().unwrap();
    assert_eq!(eligible, 15 - away);
    let unit = with_recusal["unit"].as_str().unwrap();
    let award = with_recusal["award"].as_str().unwrap();
    let too_many = (eligible + 1).to_string();
    let e = refused(
        &db,
        &["meeting", "vote", unit, "--award", award, "--for", &too_many, "--against", "0", "--abstain", "0"],
        &["表决票数", &format!("合计{too_many}票"), &format!("出席15人减去回避{away}人即{eligible}票"), "重新清点"],
    );
    assert!(e.contains(unit), "{e}");
    // vote every item: the first-ranked post-subsidy dossier voted down, every other passed
    let top = items(&opened).iter().find(|i| i["award"] == "subsidy" && i["rank"] == 1).unwrap().clone();
    let top_unit = top["unit"].as_str().unwrap().to_string();
    let before_close = ok_json(&db, &["funding"]);
    assert!(before_close["lines"].as_array().unwrap().is_empty(), "nothing funded before the close");
    for (k, i) in items(&opened).iter().enumerate() {
        let (u, a) = (i["unit"].as_str().unwrap(), i["award"].as_str().unwrap());
        let n = i["eligible"].as_u64().unwrap().to_string();
        let down = u == top_unit && a == "subsidy";
        if k == 3 {
            refused(&db, &["meeting", "close"], &["未表决", "请录入全部表决结果"]);
        }
        let (f, against) = if down { ("0", n.as_str()) } else { (n.as_str(), "0") };
        let v = ok_json(
            &db,
            &[
                "meeting",
                "vote",
                u,
                "--award",
                a,
                "--for",
                f,
                "--against",
                against,
                "--abstain",
                "0",
                "--note",
                "经讨论",
            ],
        );
        let item = items(&v).iter().find(|x| x["unit"] == u && x["award"] == a).unwrap();
        assert_eq!(item["vote"]["passed"], !down);
    }
    // entered again: refused without a reason, logged with one
    let (u, a) = (items(&opened)[0]["unit"].as_str().unwrap(), items(&opened)[0]["award"].as_str().unwrap());
    let n = items(&opened)[0]["eligible"].as_u64().unwrap();
    let (f, ab) = ((n - 1).to_string(), "1");
    refused(
        &db,
        &["meeting", "vote", u, "--award", a, "--for", &f, "--against", "0", "--abstain", ab],
        &["重新录入理由", "已录入表决结果", "须写明理由"],
    );
    let v = ok_json(
        &db,
        &[
            "meeting",
            "vote",
            u,
            "--award",
            a,
            "--for",
            &f,
            "--against",
            "0",
            "--abstain",
            ab,
            "--reason",
            "一张票误记为赞成",
        ],
    );
    let first = items(&v).iter().find(|x| x["unit"] == u && x["award"] == a).unwrap();
    assert_eq!(
        (first["vote"]["entries"].as_u64(), first["vote"]["reason"].as_str()),
        (Some(2), Some("一张票误记为赞成"))
    );
    let log = ok_json(&db, &["audit", "log"]);
    assert!(log.as_array().unwrap().iter().any(|e| e["action"] == "meeting.revote"), "the entry again is logged");
    // close: funding follows the dossiers passed
    let closed = ok_json(&db, &["meeting", "close"]);
    assert_eq!(closed["meeting"]["closed"], true);
    let lines = closed["funding"]["lines"].as_array().unwrap();
    assert!(!lines.is_empty());
    assert!(!lines.iter().any(|l| l["unit"] == top_unit.as_str()), "the dossier voted down is not funded");
    assert_eq!(lines[0]["rank"], 2, "the tiers start from the next dossier passed");
    assert_eq!(lines[0]["amount_yuan"], 150_000);
    let np = closed["funding"]["not_passed"].as_array().unwrap();
    assert_eq!(np.len(), 1);
    assert_eq!(np[0]["unit"], top_unit.as_str());
    let results = ok_json(&db, &["results"]);
    let row =
        results.as_array().unwrap().iter().find(|r| r["unit"] == top_unit.as_str() && r["award"] == "subsidy").unwrap();
    assert_eq!(row["meeting"]["passed"], false);
    refused(&db, &["meeting", "close"], &["会议评审已经结束"]);
    // the papers
    let ballots = dir.path().join("表决票.pdf");
    let minutes = dir.path().join("会议纪要.pdf");
    let r = pingshen(&db, &["export", "ballots", "--out", s(&ballots)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = pingshen(&db, &["export", "minutes", "--out", s(&minutes)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    if let Some(t) = pdf_text(&ballots) {
        assert!(t.contains("会议表决票") && t.contains("回避") && t.contains("专家签名"), "{t}");
        assert_eq!(t.matches("会议表决票").count(), 15, "one ballot per member present");
    }
    if let Some(t) = pdf_text(&minutes) {
        for n in ["会议纪要", "中国科协三层会议室", "出席15人", "未通过", "出席专家签字", "组长", &top_unit]
        {
            assert!(t.contains(n), "«{n}» not in the minutes");
        }
    }
    // the results PDF and, once published, the award notice mention the meeting
    let results_pdf = dir.path().join("结果.pdf");
    assert_eq!(pingshen(&db, &["export", "results", "--out", s(&results_pdf)]).code, 0);
    if let Some(t) = pdf_text(&results_pdf) {
        assert!(t.contains("会议评审：2014年11月20日") && t.contains("会议评审未通过"), "the results PDF");
    }
    ok_json(&db, &["publicity", "open", "--start", "2014-12-01"]);
    ok_json(&db, &["publicity", "close", "--on", "2014-12-08"]);
    ok_json(&db, &["publish", "--on", "2014-12-10", "--doc-number", "科协计函企字〔2014〕68号"]);
    let notice = dir.path().join("通报.pdf");
    assert_eq!(pingshen(&db, &["export", "notice", "--out", s(&notice)]).code, 0);
    if let Some(t) = pdf_text(&notice) {
        assert!(t.contains("专家书面评审和11月20日专家组会议评审"), "the notice names the meeting: {t}");
    }
    let e = pingshen(&db, &["export", "ballots", "--out", s(&dir.path().join("x.xlsx"))]);
    assert_ne!(e.code, 0);
    assert!(e.stderr.contains("只能导出为PDF") || e.stderr.contains("PDF"), "{}", e.stderr);
}

#[test]
fn a_year_without_a_meeting_has_no_meeting_papers() {
    let dir = tempfile::tempdir().unwrap();
    let db = year_in_review(dir.path(), "y.db");
    let agenda = ok_json(&db, &["meeting", "agenda"]);
    assert_eq!(agenda["enabled"], false);
    refused(&db, &["export", "ballots", "--out", s(&dir.path().join("b.pdf"))], &["未设会议评审", "表决票"]);
    refused(
        &db,
        &["meeting", "vote", "湖北省科协", "--for", "1", "--against", "0", "--abstain", "0"],
        &["专家评审", "未设会议评审"],
    );
}
