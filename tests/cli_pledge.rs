//! The experts' pledge through the CLI (issue 19): `pledge show`, `pledge set --file` until the
//! draw, `pledge accept --name` in the expert's own database (a wrong name refused; scores refused
//! before it), the acceptance back at the secretariat through the score return
//! (`experts --json` field `pledged_at`), and a paper sheet recorded as signed.
#![allow(clippy::unwrap_used)]

mod cli_support;
use cli_support::*;

/// Every pending sheet of `db` (all, or of one expert) as a 评分录入 CSV at `out`.
fn scores_csv(db: &std::path::Path, out: &std::path::Path, expert: Option<&str>) -> usize {
    let desk = pingshen_core::Desk::open(db).unwrap();
    let c = desk.campaign(Some(2014)).unwrap();
    drop(desk);
    let mut csv = String::from("专家,单位,评分项,得分,意见\n");
    let mut n = 0;
    for p in ok_json(db, &["assignments"]).as_array().unwrap() {
        let (e, u) = (p["expert"].as_str().unwrap(), p["unit"].as_str().unwrap());
        if p["state"] != "pending" || expert.is_some_and(|x| x != e) {
            continue;
        }
        n += 1;
        let award = pingshen_core::model::Award::parse(p["award"].as_str().unwrap()).unwrap();
        for crit in c.rubric(award).expert_criteria() {
            csv += &format!("{e},{u},{},{},\n", crit.id, crit.points * 4 / 5);
        }
    }
    std::fs::write(out, csv).unwrap();
    n
}

#[test]
fn the_text_is_shown_and_set_until_the_draw() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let inputs = demo_inputs(d);
    let db = d.join("s.db");
    ok_json(&db, &["--year", "2014", "init"]);
    let shown = pingshen(&db, &["pledge", "show"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    for needle in ["评审专家承诺书", "一、", "五、", "回避", "保密", "销毁", "承诺人（签名）"] {
        assert!(shown.stdout.contains(needle), "«{needle}» not in:\n{}", shown.stdout);
    }
    let j = ok_json(&db, &["pledge", "show"]);
    assert_eq!((j["is_default"].as_bool(), j["editable"].as_bool()), (Some(true), Some(true)));

    // the printed text, edited, reads back
    let f = d.join("承诺书.txt");
    let plain = ok_json(&db, &["pledge", "show"]);
    let mut text = format!("{}\n", plain["text"]["title"].as_str().unwrap());
    text += "本人郑重承诺：\n";
    text += "1. 独立、公正评分。\n2. 申明利害关系并回避。\n3. 对评审材料、评分和其他专家姓名保密。\n";
    text += "如有违反，愿承担相应责任。\n承诺人（签名）：\n";
    std::fs::write(&f, &text).unwrap();
    let set = ok_json(&db, &["pledge", "set", "--file", s(&f)]);
    assert_eq!(set["numbered_points"][2], "三、对评审材料、评分和其他专家姓名保密。");
    assert_eq!(set["is_default"], false);

    // bad text: refused naming the field, nothing stored
    let bad = d.join("bad.txt");
    std::fs::write(&bad, "承诺书\n只有一段话。\n").unwrap();
    refused_unchanged(&db, &["pledge", "set", "--file", s(&bad)], &["承诺事项", "至少一条"]);
    std::fs::write(&bad, [0xb3u8, 0xd0, 0xc5, 0xb5]).unwrap();
    refused_unchanged(&db, &["pledge", "set", "--file", s(&bad)], &["不是 UTF-8"]);

    // after the draw the text is fixed
    ok_json(&db, &["import", "dossiers", s(&inputs.join("申报汇总表.csv"))]);
    ok_json(&db, &["late", "accept", "江西省科协", "--reason", "邮戳日期为10月30日"]);
    ok_json(&db, &["recommend", "--auto"]);
    ok_json(&db, &["import", "experts", s(&inputs.join("评审专家库.csv"))]);
    ok_json(&db, &["assign", "--per-dossier", "5", "--seed", "20141103"]);
    refused_unchanged(&db, &["pledge", "set", "--file", s(&f)], &["抽取评审专家之前修改"]);
    assert_eq!(ok_json(&db, &["pledge", "show"])["editable"], false);
    // the secretariat cannot sign for an expert (the refusal is logged as access.denied)
    let e = refused(&db, &["pledge", "accept", "--name", "王建华"]);
    assert!(e.contains("专家本人签署"), "{e}");
    let c = rusqlite::Connection::open(&db).unwrap();
    let n: i64 = c.query_row("SELECT count(*) FROM pledge_acceptances", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0);
}

#[test]
fn the_expert_signs_in_their_database_and_the_return_carries_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sdb = year_in_review(d, "secretariat.db");
    let pass = d.join("口令.txt");
    std::fs::write(&pass, "correct horse battery\n").unwrap();
    let e = "王建华";
    let pkg = d.join("包.pingshen");
    ok_json(&sdb, &["export", "review-package", "--expert", e, "--out", s(&pkg), "--passphrase-file", s(&pass)]);
    let home = d.join("expert");
    std::fs::create_dir(&home).unwrap();
    let edb = home.join("我的评审.db");
    ok_json(&edb, &["open", "review-package", s(&pkg), "--passphrase-file", s(&pass)]);
    // the package carried the text
    assert!(pingshen(&edb, &["pledge", "show"]).stdout.contains("评审专家承诺书"));

    let sheet = home.join("评分录入.csv");
    assert!(scores_csv(&edb, &sheet, None) > 0);
    refused_unchanged(&edb, &["import", "scores", s(&sheet)], &["尚未签署《评审专家承诺书》", "pledge accept"]);
    refused_unchanged(&edb, &["pledge", "accept", "--name", "李淑敏"], &["姓名", "不是本人姓名"]);
    let a = ok_json(&edb, &["pledge", "accept", "--name", e]);
    assert_eq!((a["kind"].as_str(), a["name"].as_str()), (Some("package"), Some(e)));
    ok_json(&edb, &["import", "scores", s(&sheet)]);
    let ret = home.join("回执.pingshen");
    ok_json(&edb, &["export", "score-return", "--out", s(&ret)]);

    let before = ok_json(&sdb, &["experts"]);
    assert!(before.as_array().unwrap().iter().all(|x| x["pledged_at"].is_null()));
    ok_json(&sdb, &["import", "score-return", s(&ret)]);
    let after = ok_json(&sdb, &["experts"]);
    for x in after.as_array().unwrap() {
        if x["name"] == e {
            assert_eq!(x["pledged_at"], a["accepted_at"], "{x}");
            assert_eq!(x["pledge_kind"], "package");
        } else {
            assert!(x["pledged_at"].is_null(), "{x}");
        }
    }

    // a paper sheet entered at the secretariat counts as signed, recorded as paper
    let other = "李淑敏";
    let paper = d.join("纸质评分表.csv");
    assert!(scores_csv(&sdb, &paper, Some(other)) > 0);
    ok_json(&sdb, &["import", "scores", s(&paper)]);
    let x = ok_json(&sdb, &["experts"]);
    let li = x.as_array().unwrap().iter().find(|x| x["name"] == other).unwrap();
    assert_eq!(li["pledge_kind"], "paper");
    assert!(li["pledged_at"].is_string());
}
