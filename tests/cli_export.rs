//! `pingshen export` through the binary: every document of the published 2014 demo in every
//! format it comes in, the JSON report ({"file", "bytes", "pages"}), the expert package's
//! progress on stderr, and the refusals (wrong format, missing arguments, unwritable folder,
//! a campaign not yet published), each of which writes nothing.

#![allow(clippy::unwrap_used)]

mod cli_support;

use cli_support::{pingshen, Run};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_export").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The published 2014 demo, made once through the binary; the tests only read it.
fn demo_db() -> &'static Path {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let db = scratch("shared").join("demo.db");
        let r = pingshen(&db, &["demo"]);
        assert_eq!(r.code, 0, "demo: {}", r.stderr);
        db
    })
}

/// `export … --json`: succeeds, the file exists with the reported size.
fn export(db: &Path, args: &[&str]) -> (Value, Run) {
    let mut a = vec!["--json", "export"];
    a.extend(args);
    let r = pingshen(db, &a);
    assert_eq!(r.code, 0, "export {args:?} failed: {}", r.stderr);
    let j: Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.stdout));
    let file = PathBuf::from(j["file"].as_str().unwrap());
    let len = std::fs::metadata(&file).unwrap().len();
    assert_eq!(j["bytes"].as_u64(), Some(len), "{j}");
    (j, r)
}

/// `export …` refused: exit 2, a Chinese message, and no file under `out`.
fn refused(db: &Path, args: &[&str], out: &Path) -> String {
    let mut a = vec!["export"];
    a.extend(args);
    let r = pingshen(db, &a);
    assert_eq!(r.code, 2, "export {args:?} should have been refused: {}{}", r.stdout, r.stderr);
    assert!(r.stderr.starts_with("错误："), "{}", r.stderr);
    assert!(!out.exists(), "{} was written", out.display());
    let leftovers: Vec<_> = out
        .parent()
        .and_then(|d| std::fs::read_dir(d).ok())
        .map(|d| {
            d.filter_map(|e| e.ok()).map(|e| e.file_name()).filter(|n| n.to_string_lossy().contains(".tmp")).collect()
        })
        .unwrap_or_default();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    r.stderr
}

fn tool(name: &str, args: &[&str]) -> Option<String> {
    match Command::new(name).args(args).output() {
        Ok(o) => {
            assert!(o.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&o.stderr));
            Some(String::from_utf8_lossy(&o.stdout).into_owned())
        }
        Err(_) => {
            eprintln!("note: {name} not installed, check skipped");
            None
        }
    }
}

/// Page count by pdfinfo, and the upright text without whitespace (None without poppler).
fn read_pdf(path: &Path) -> Option<(usize, String)> {
    let p = path.to_str().unwrap();
    let info = tool("pdfinfo", &[p])?;
    let pages = info.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().parse().unwrap()).unwrap();
    tool("qpdf", &["--check", p]);
    let text = tool("pdftotext", &["-raw", "-nodiag", p, "-"])?;
    Some((pages, text.chars().filter(|c| !c.is_whitespace()).collect()))
}

#[test]
fn every_document_as_pdf() {
    let db = demo_db();
    let dir = scratch("pdf");
    let cases: &[(&[&str], &str, &[&str])] = &[
        (
            &["notice"],
            "notice.pdf",
            &["中国科学技术协会计划财务部", "科协计函企字〔2014〕68号", "单位的通报", "2014年12月10日"],
        ),
        (&["publicity-list"], "publicity.pdf", &["拟支持单位的公示", "2014年12月1日至2014年12月5日", "010-68571894"]),
        (&["funding-table"], "funding.pdf", &["经费安排表", "合计", "年度后补助预算"]),
        (&["results"], "results.pdf", &["评审结果", "“试点示范”", "“后补助”"]),
        (&["score-sheet", "--expert", "王建华"], "sheet.pdf", &["专家评分表", "评审专家：王建华"]),
        (
            &["dossier", "--unit", "湖北省科协", "--award", "subsidy"],
            "hubei.pdf",
            &["申报单位：湖北省科学技术协会", "阅读人：秘书处", "评分表"],
        ),
    ];
    for (args, name, texts) in cases {
        let out = dir.join(name);
        let mut a = args.to_vec();
        a.extend(["--out", out.to_str().unwrap()]);
        let (j, _) = export(db, &a);
        assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"), "{name}");
        let pages = j["pages"].as_u64().unwrap_or_else(|| panic!("{name}: no pages in {j}")) as usize;
        if let Some((n, text)) = read_pdf(&out) {
            assert_eq!(n, pages, "{name}");
            for t in *texts {
                assert!(text.contains(t), "{name}: 「{t}」 not in:\n{text}");
            }
        }
    }
    // Human output: what was written, with pages and size.
    let out = dir.join("again.pdf");
    let r = pingshen(db, &["export", "notice", "--out", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("已导出通报：") && r.stdout.contains("页"), "{}", r.stdout);
}

#[test]
fn spreadsheets_where_they_exist() {
    let db = demo_db();
    let dir = scratch("xlsx");
    for (args, name) in [
        (vec!["results"], "results.xlsx"),
        (vec!["publicity-list"], "publicity.xlsx"),
        (vec!["funding-table"], "funding.xlsx"),
        (vec!["score-sheet", "--expert", "王建华"], "sheet.xlsx"),
    ] {
        let out = dir.join(name);
        let mut a = args.clone();
        a.extend(["--out", out.to_str().unwrap()]);
        // The format comes from the extension; --format says it explicitly.
        let (j, _) = export(db, &a);
        assert!(j.get("pages").is_none(), "{j}");
        assert!(std::fs::read(&out).unwrap().starts_with(b"PK"), "{name}");
        a.extend(["--format", "xlsx"]);
        export(db, &a);
    }
}

#[test]
fn expert_package_shows_progress() {
    let db = demo_db();
    let dir = scratch("package");
    let r = pingshen(db, &["--json", "assignments"]);
    let all: Value = serde_json::from_str(&r.stdout).unwrap();
    let n = all.as_array().unwrap().iter().filter(|a| a["expert"] == "李淑敏" && a["state"] != "recused").count();
    assert!(n > 1);
    let out = dir.join("李淑敏.pdf");
    let (j, r) = export(db, &["dossier", "--expert", "李淑敏", "--out", out.to_str().unwrap()]);
    assert!(r.stderr.contains("\r正在生成 1/"), "{:?}", r.stderr);
    assert!(r.stderr.contains(&format!("\r正在生成 {n}/{n} …")), "{:?}", r.stderr);
    assert!(j["pages"].as_u64().unwrap() as usize > 3 * n);
    if let Some((_, text)) = read_pdf(&out) {
        assert!(text.contains("评审专家：李淑敏"), "{text}");
    }
    // One dossier with an assigned expert as the reader; a dossier not assigned to them is refused.
    let r = pingshen(db, &["--json", "assignments"]);
    let all: Value = serde_json::from_str(&r.stdout).unwrap();
    let mine = all.as_array().unwrap().iter().find(|a| a["expert"] == "王建华" && a["state"] != "recused").unwrap();
    let unit = mine["unit"].as_str().unwrap();
    let award = mine["award"].as_str().unwrap();
    let out = dir.join("one.pdf");
    export(db, &["dossier", "--unit", unit, "--award", award, "--expert", "王建华", "--out", out.to_str().unwrap()]);
    if let Some(p) = out.to_str() {
        if let Some(raw) = tool("pdftotext", &["-raw", "-f", "1", "-l", "1", p, "-"]) {
            let raw: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(raw.contains("王建华内部资料注意保密"), "{raw}");
        }
    }
    let theirs: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["expert"] == "王建华")
        .map(|a| a["unit"].as_str().unwrap())
        .collect();
    let other = all
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["award"] == "subsidy" && !theirs.contains(&a["unit"].as_str().unwrap()))
        .unwrap();
    let out = dir.join("not-mine.pdf");
    let e = refused(
        db,
        &[
            "dossier",
            "--unit",
            other["unit"].as_str().unwrap(),
            "--award",
            "subsidy",
            "--expert",
            "王建华",
            "--out",
            out.to_str().unwrap(),
        ],
        &out,
    );
    assert!(e.contains("未被分配评审"), "{e}");
}

#[test]
fn refusals_write_nothing() {
    let db = demo_db();
    let dir = scratch("refused");
    let out = dir.join("x.xlsx");
    let e = refused(db, &["notice", "--format", "xlsx", "--out", out.to_str().unwrap()], &out);
    assert!(e.contains("通报只能导出为 PDF"), "{e}");
    let e = refused(db, &["dossier", "--unit", "湖北省科协", "--out", out.to_str().unwrap()], &out);
    assert!(e.contains("阅读材料只能导出为 PDF"), "{e}");
    let out = dir.join("x.pdf");
    let e = refused(db, &["dossier", "--out", out.to_str().unwrap()], &out);
    assert!(e.contains("须指定 --unit") && e.contains("--expert"), "{e}");
    let e = refused(db, &["score-sheet", "--out", out.to_str().unwrap()], &out);
    assert!(e.contains("--expert"), "{e}");
    let e = refused(db, &["results", "--unit", "湖北省科协", "--out", out.to_str().unwrap()], &out);
    assert!(e.contains("--unit 和 --award 只用于"), "{e}");
    let e = refused(db, &["score-sheet", "--expert", "张三", "--out", out.to_str().unwrap()], &out);
    assert!(e.contains("未找到评审专家：张三"), "{e}");
    let txt = dir.join("x.txt");
    let e = refused(db, &["results", "--out", txt.to_str().unwrap()], &txt);
    assert!(e.contains("--format pdf"), "{e}");
    // An unwritable destination: a Chinese error, no file.
    let missing = Path::new("/nonexistent/dir/x.pdf");
    let e = refused(db, &["notice", "--out", missing.to_str().unwrap()], missing);
    assert!(e.contains("无法保存「/nonexistent/dir/x.pdf」") && e.contains("不存在"), "{e}");
    // A folder where the file should go.
    let folder = dir.join("folder.pdf");
    std::fs::create_dir(&folder).unwrap();
    let r = pingshen(db, &["export", "notice", "--out", folder.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("文件夹"), "{}", r.stderr);
    assert!(folder.is_dir());
}

#[test]
fn notice_refused_before_publication() {
    let dir = scratch("unpublished");
    let db = dir.join("y.db");
    let r = pingshen(&db, &["init", "--year", "2015"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = dir.join("notice.pdf");
    let e = refused(&db, &["notice", "--out", out.to_str().unwrap()], &out);
    assert!(e.contains("不能导出通报") && e.contains("发布后才能导出"), "{e}");
    let e = refused(&db, &["publicity-list", "--out", out.to_str().unwrap()], &out);
    assert!(e.contains("尚未开始公示"), "{e}");
    let out = dir.join("funding.xlsx");
    let e = refused(&db, &["funding-table", "--out", out.to_str().unwrap()], &out);
    assert!(e.contains("尚无经费安排"), "{e}");
}
