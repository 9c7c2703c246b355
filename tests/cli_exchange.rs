//! Offline hand-over through the `pingshen` binary, each party with its own database in its own
//! temporary directory: the secretariat issues review packages to three experts; each opens
//! theirs in a new database, scores there and exports a score return; the secretariat takes the
//! returns (twice: the second time changes nothing), and the results equal those of the same
//! scores entered directly. Two applicant units' dossier files travel the same way and pass the
//! formal check. `import … --preview` shows what each import then does, writing nothing.
#![allow(clippy::unwrap_used)]

mod cli_support;

use cli_support::{fingerprint, ok_json, pingshen, refused_unchanged as refused, s, year_in_review as secretariat};
use pingshen_core::model::Award;
use pingshen_core::Desk;
use std::path::Path;

/// The same scores whoever enters them: a function of expert, unit and criterion only.
fn score(expert: &str, unit: &str, points: i64, k: usize) -> f64 {
    let h = expert.chars().chain(unit.chars()).fold(k as u32, |a, c| a.wrapping_mul(31).wrapping_add(c as u32));
    let q = 0.6 + (h % 40) as f64 / 100.0;
    ((points as f64) * q.min(1.0) * 2.0).round() / 2.0
}

/// 评分录入 for the pending sheets of `db` whose expert `keep` accepts.
fn scores_csv(db: &Path, out: &Path, keep: impl Fn(&str) -> bool) -> usize {
    let desk = Desk::open(db).unwrap();
    let c = desk.campaign(Some(2014)).unwrap();
    drop(desk);
    let mut csv = String::from("专家,单位,评分项,得分,意见\n");
    let mut n = 0;
    for p in ok_json(db, &["assignments"]).as_array().unwrap() {
        let (e, u) = (p["expert"].as_str().unwrap(), p["unit"].as_str().unwrap());
        if p["state"] != "pending" || !keep(e) {
            continue;
        }
        n += 1;
        for (k, crit) in c.rubric(Award::parse(p["award"].as_str().unwrap()).unwrap()).expert_criteria().enumerate() {
            csv += &format!("{e},{u},{},{},意见{k}\n", crit.id, score(e, u, crit.points, k));
        }
    }
    std::fs::write(out, csv).unwrap();
    n
}

/// Every file under `dir` (a preview leaves no backup beside the database).
fn folder(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(folder(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn three_experts_score_offline_and_the_results_equal_direct_entry() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sdb = secretariat(d, "secretariat.db");
    let pass = d.join("口令.txt");
    std::fs::write(&pass, "correct horse battery\n").unwrap();
    let experts = ["王建华", "李淑敏", "陈志远"];
    let all = ok_json(&sdb, &["assignments"]);
    refused(
        &sdb,
        &["export", "review-package", "--expert", experts[0], "--out", s(&d.join("x.pingshen"))],
        &["缺少口令", "PINGSHEN_PASSPHRASE"],
    );
    let mut returns = Vec::new();
    for (i, e) in experts.iter().enumerate() {
        let pkg = d.join(format!("{e}-评审材料包.pingshen"));
        let j = ok_json(
            &sdb,
            &["export", "review-package", "--expert", e, "--out", s(&pkg), "--passphrase-file", s(&pass)],
        );
        let mine = all.as_array().unwrap().iter().filter(|p| p["expert"] == *e).count();
        assert_eq!(j["detail"]["dossiers"], mine);
        // the expert's own installation: a new database in its own folder
        let home = d.join(format!("expert{i}"));
        std::fs::create_dir(&home).unwrap();
        let edb = home.join("我的评审.db");
        refused(
            &edb,
            &["open", "review-package", s(&pkg), "--passphrase-file", s(&d.join("missing.txt"))],
            &["无法读取口令文件"],
        );
        let wrong = home.join("wrong.txt");
        std::fs::write(&wrong, "not the passphrase").unwrap();
        refused(&edb, &["open", "review-package", s(&pkg), "--passphrase-file", s(&wrong)], &["口令不正确"]);
        let o = ok_json(&edb, &["open", "review-package", s(&pkg), "--passphrase-file", s(&pass)]);
        assert_eq!(o["expert"], *e);
        let theirs = ok_json(&edb, &["assignments"]);
        assert_eq!(theirs.as_array().unwrap().len(), mine, "assignments lists only theirs");
        assert!(theirs.as_array().unwrap().iter().all(|p| p["expert"] == *e));
        let ex = ok_json(&edb, &["experts"]);
        assert_eq!(ex.as_array().unwrap().len(), 1);
        assert_eq!(ex[0]["name"], *e);
        refused(&edb, &["export", "score-return", "--out", s(&home.join("r.pingshen"))], &["还没有提交任何评分表"]);
        let sheet = home.join("评分录入.csv");
        assert_eq!(scores_csv(&edb, &sheet, |_| true), mine);
        // the expert signs the pledge in their own database before their scores are saved
        ok_json(&edb, &["pledge", "accept", "--name", e]);
        ok_json(&edb, &["import", "scores", s(&sheet)]);
        let ret = home.join(format!("{e}-评分回执.pingshen"));
        let r = ok_json(&edb, &["export", "score-return", "--out", s(&ret)]);
        assert_eq!(r["detail"]["sheets"], mine);
        returns.push(ret);
    }
    for (ret, e) in returns.iter().zip(experts) {
        // the preview first: what the import will do, with nothing written (no row, no log
        // entry, no backup file beside the database)
        let (before, files) = (fingerprint(&sdb), folder(d));
        let p = ok_json(&sdb, &["import", "score-return", s(ret), "--preview"]);
        let text = pingshen(&sdb, &["import", "score-return", s(ret), "--preview"]);
        assert_eq!((fingerprint(&sdb), folder(d)), (before, files), "a preview writes nothing");
        assert_eq!(
            (p["changed"].as_bool(), p["expert"].as_str(), p["superseded"].as_bool()),
            (Some(true), Some(e), Some(false)),
            "{p}"
        );
        let sheets = p["sheets"].as_array().unwrap();
        assert!(sheets.iter().all(|x| x["before"] == "pending" && x["total"].as_i64().unwrap() > 0), "{p}");
        assert_eq!(p["pledge"]["name"], e, "the return carries the expert's pledge");
        assert!(
            text.stdout.contains("预览（未写入任何内容）") && text.stdout.contains(&format!("专家：{e}")),
            "{}",
            text.stdout
        );
        assert!(text.stdout.contains("总分") && text.stdout.contains("　新"), "{}", text.stdout);
        let j = ok_json(&sdb, &["import", "score-return", s(ret)]);
        assert_eq!((j["changed"].as_bool(), j["expert"].as_str()), (Some(true), Some(e)), "{j}");
        assert_eq!(
            (&j["message"], j["sheets"].as_u64()),
            (&p["message"], Some(sheets.len() as u64)),
            "the import did what the preview showed"
        );
        let p = ok_json(&sdb, &["import", "score-return", s(ret), "--preview"]);
        assert!(
            p["changed"] == false && p["sheets"].as_array().unwrap().iter().all(|x| x["before"] == "same_return"),
            "{p}"
        );
        let again = ok_json(&sdb, &["import", "score-return", s(ret)]);
        assert_eq!(again["changed"], false);
        assert!(again["message"].as_str().unwrap().contains("未作任何更改"), "{again}");
    }
    // everyone else on paper
    let rest = d.join("其余评分.csv");
    scores_csv(&sdb, &rest, |e| !experts.contains(&e));
    ok_json(&sdb, &["import", "scores", s(&rest)]);
    // the same scores, all entered directly, in a second secretariat database
    let direct = secretariat(d, "direct.db");
    let all_csv = d.join("全部评分.csv");
    scores_csv(&direct, &all_csv, |_| true);
    ok_json(&direct, &["import", "scores", s(&all_csv)]);
    let (a, b) = (ok_json(&sdb, &["results"]), ok_json(&direct, &["results"]));
    assert_eq!(a.as_array().unwrap().len(), 34);
    assert_eq!(a, b, "results via score returns equal those entered directly");
    assert!(ok_json(&sdb, &["audit", "verify"])["ok"].as_bool().unwrap());
    // a return for this database's package is no use to another database
    refused(&direct, &["import", "score-return", s(&returns[0])], &["不是发给本数据库的评分回执"]);
}

#[test]
fn two_units_dossier_files_pass_the_formal_check() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let inputs = d.join("inputs");
    assert_eq!(pingshen(&d.join("scratch.db"), &["demo", "--inputs", s(&inputs)]).code, 0);
    let table = std::fs::read_to_string(inputs.join("申报汇总表.csv")).unwrap();
    let header = table.lines().next().unwrap().to_string();
    let sdb = d.join("secretariat.db");
    ok_json(&sdb, &["--year", "2014", "init"]);
    let mut files = Vec::new();
    for (i, unit) in ["北京市科学技术协会", "天津市科学技术协会"].iter().enumerate() {
        let home = d.join(format!("unit{i}"));
        std::fs::create_dir(&home).unwrap();
        let adb = home.join("申报.db");
        ok_json(&adb, &["--year", "2014", "init", "--applicant", unit]);
        let row = table.lines().find(|l| l.starts_with(unit)).unwrap();
        std::fs::write(home.join("本单位.csv"), format!("{header}\n{row}\n")).unwrap();
        ok_json(&adb, &["import", "dossiers", s(&home.join("本单位.csv"))]);
        refused(
            &adb,
            &["export", "dossier-file", "--unit", "上海市科协", "--out", s(&home.join("x.pingshen"))],
            &["不能导出其他单位的申报材料"],
        );
        let f = home.join("申报材料.pingshen");
        ok_json(&adb, &["export", "dossier-file", "--unit", unit, "--out", s(&f)]);
        let bytes = std::fs::read(&f).unwrap();
        assert!(bytes.starts_with(b"PK"), "a dossier file is a zip");
        files.push((adb, f));
    }
    for (_, f) in &files {
        let (before, seen) = (fingerprint(&sdb), folder(d));
        let p = ok_json(&sdb, &["import", "dossier-file", s(f), "--received-on", "2014-10-20", "--preview"]);
        let late = pingshen(&sdb, &["import", "dossier-file", s(f), "--received-on", "2014-11-03", "--preview"]);
        assert_eq!((fingerprint(&sdb), folder(d)), (before, seen), "a preview writes nothing");
        assert_eq!(
            (p["changed"].as_bool(), p["late"].as_bool(), p["replaces"].as_bool()),
            (Some(true), Some(false), Some(false)),
            "{p}"
        );
        assert!(
            late.stdout.contains("秘书处收到：2014-11-03（逾期") && late.stdout.contains("将新增一份申报材料"),
            "{}",
            late.stdout
        );
        let j = ok_json(&sdb, &["import", "dossier-file", s(f), "--received-on", "2014-10-20"]);
        assert_eq!((&j["unit"], &j["award"], &j["received_on"]), (&p["unit"], &p["award"], &p["received_on"]));
        assert_eq!(
            (j["changed"].as_bool(), j["late"].as_bool(), j["replaced"].as_bool()),
            (Some(true), Some(false), Some(false)),
            "{j}"
        );
        assert_eq!(ok_json(&sdb, &["import", "dossier-file", s(f), "--received-on", "2014-10-20"])["changed"], false);
    }
    // a newer file of the same unit before the formal check replaces the older one
    std::thread::sleep(std::time::Duration::from_millis(20));
    let newer = d.join("newer.pingshen");
    ok_json(&files[0].0, &["export", "dossier-file", "--unit", "北京市科学技术协会", "--out", s(&newer)]);
    let j = ok_json(&sdb, &["import", "dossier-file", s(&newer), "--received-on", "2014-10-22"]);
    assert_eq!(j["replaced"], true);
    refused(&sdb, &["import", "dossier-file", s(&files[0].1), "--received-on", "2014-10-23"], &["比已导入的文件更早"]);
    // a file the import refuses: the preview says the same
    refused(
        &sdb,
        &["import", "dossier-file", s(&files[0].1), "--received-on", "2014-10-23", "--preview"],
        &["比已导入的文件更早"],
    );
    refused(
        &sdb,
        &["import", "dossiers", s(&files[0].1), "--preview"],
        &["--preview 只用于 score-return 和 dossier-file"],
    );
    let out = ok_json(&sdb, &["recommend", "--auto"]);
    assert_eq!(out.as_array().unwrap().len(), 2);
    assert!(out.as_array().unwrap().iter().all(|o| o["outcome"] == "recommended"), "{out}");
    // after the formal check a newer file is refused
    let newest = d.join("newest.pingshen");
    ok_json(&files[1].0, &["export", "dossier-file", "--unit", "天津市科学技术协会", "--out", s(&newest)]);
    refused(&sdb, &["import", "dossier-file", s(&newest)], &["已经过形式审查", "不能再用新文件替换"]);
    // amending: on the unit's own installation its dossier goes back to a draft; at the
    // secretariat's database the secretariat returns a dossier instead
    let amended = ok_json(&files[1].0, &["dossier", "amend", "天津市科学技术协会"]);
    assert_eq!(amended["state"], "draft", "{amended}");
    refused(&sdb, &["dossier", "amend", "北京市科学技术协会"], &["只有申报单位自己的申报数据库可以撤回修改"]);
    // a file of another year
    let other = d.join("other.db");
    ok_json(&other, &["--year", "2015", "init"]);
    refused(&other, &["import", "dossier-file", s(&newer)], &["2014年度", "2015年度"]);
}
