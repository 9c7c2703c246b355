//! `pingshen export letters --kind feedback|return|invitation --out DIR` and `--seal` (issue 19)
//! on the demo's published 2014 year: one PDF per unit (or expert) named by it and one file with
//! all of them; `--seal` refused in Chinese naming `seal set` while no seal is set, and with one
//! set the seal's image is in every file written.
#![allow(clippy::unwrap_used)]

mod cli_support;

use cli_support::{ok_json, pingshen, refused_unchanged, s};
use std::path::{Path, PathBuf};

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("d.db");
    let r = pingshen(&db, &["demo", "--inputs", s(&dir.join("in"))]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    db
}

/// The names of the files in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

/// Image XObjects in a PDF (a byte scan: the seal and its soft mask).
fn images(pdf: &Path) -> usize {
    let b = std::fs::read(pdf).unwrap();
    ["/Subtype/Image", "/Subtype /Image"]
        .iter()
        .map(|n| b.windows(n.len()).filter(|w| *w == n.as_bytes()).count())
        .sum()
}

fn letters(db: &Path, kind: &str, out: &Path, extra: &[&str]) -> serde_json::Value {
    std::fs::create_dir_all(out).unwrap();
    let mut args = vec!["--year", "2014", "export", "letters", "--kind", kind, "--out", s(out)];
    args.extend_from_slice(extra);
    ok_json(db, &args)
}

#[test]
fn the_three_kinds_of_letters_are_written_one_per_unit_or_expert_and_all_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut units: Vec<String> = ok_json(&db, &["--year", "2014", "results"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["unit"].as_str().unwrap().to_string())
        .collect();
    units.sort();
    units.dedup();

    let fb = dir.path().join("feedback");
    let r = letters(&db, "feedback", &fb, &[]);
    let n = r["letters"].as_u64().unwrap() as usize;
    assert!(n >= units.len(), "every ranked unit hears back, and those that were not ranked: {r}");
    let files = names(&fb);
    assert_eq!(files.len(), n + 1, "{files:?}");
    assert!(files.contains(&"全部反馈函.pdf".to_string()), "{files:?}");
    for u in &units {
        assert!(files.contains(&format!("{u}反馈函.pdf")), "{u} has its letter: {files:?}");
    }
    assert!(r["seed"].is_string(), "the shuffle seed is given back: {r}");

    let one = dir.path().join("one");
    let r = letters(&db, "feedback", &one, &["--unit", "北京市科协"]);
    assert_eq!(r["letters"], 1, "{r}");
    assert_eq!(names(&one), ["全部反馈函.pdf", "北京市科学技术协会反馈函.pdf"]);

    let ret = dir.path().join("return");
    let r = letters(&db, "return", &ret, &[]);
    assert!(r["letters"].as_u64().unwrap() >= 1, "the demo returns a dossier: {r}");
    let files = names(&ret);
    assert!(files.contains(&"全部补正通知.pdf".to_string()), "{files:?}");
    assert_eq!(files.len(), r["letters"].as_u64().unwrap() as usize + 1, "{files:?}");
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("科学技术协会后补助补正通知.pdf") || f.ends_with("科学技术协会试点示范补正通知.pdf")),
        "named by unit and award: {files:?}"
    );

    let inv = dir.path().join("invitation");
    let r = letters(&db, "invitation", &inv, &[]);
    let experts: Vec<String> = ok_json(&db, &["--year", "2014", "experts"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["load"].as_i64().unwrap() > 0)
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(r["letters"].as_u64().unwrap() as usize, experts.len(), "{r}");
    let files = names(&inv);
    assert!(files.contains(&"全部邀请函.pdf".to_string()), "{files:?}");
    for e in &experts {
        assert!(files.contains(&format!("{e}邀请函.pdf")), "{e}: {files:?}");
    }
    // an expert by name; a unit is not how invitations are asked for
    let single = dir.path().join("single");
    let r = letters(&db, "invitation", &single, &["--expert", &experts[0]]);
    assert_eq!(r["letters"], 1, "{r}");
    std::fs::create_dir_all(dir.path().join("x")).unwrap();
    let x = dir.path().join("x");
    let msg = refused_unchanged(
        &db,
        &["--year", "2014", "export", "letters", "--kind", "invitation", "--out", s(&x), "--unit", "北京市科协"],
        &["--expert"],
    );
    assert!(msg.contains("按专家"), "{msg}");
}

#[test]
fn the_seal_is_refused_until_set_and_then_in_every_letter() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = dir.path().join("sealed");
    std::fs::create_dir_all(&out).unwrap();
    let args = ["--year", "2014", "export", "letters", "--kind", "feedback", "--out", s(&out), "--seal"];
    let msg = refused_unchanged(&db, &args, &["尚未设置印章", "seal set"]);
    assert!(msg.contains("印章"), "{msg}");
    assert!(names(&out).is_empty(), "nothing written: {:?}", names(&out));

    let plain = dir.path().join("plain");
    letters(&db, "feedback", &plain, &["--unit", "北京市科协"]);
    assert_eq!(images(&plain.join("北京市科学技术协会反馈函.pdf")), 0, "no seal unless asked");

    let png = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/icons/128x128.png");
    ok_json(&db, &["seal", "set", s(&png)]);
    let r = letters(&db, "feedback", &out, &["--seal"]);
    assert_eq!(r["sealed"], true, "{r}");
    for f in names(&out) {
        assert!(images(&out.join(&f)) >= 1, "{f} carries the seal");
    }
    let inv = dir.path().join("inv");
    letters(&db, "invitation", &inv, &["--seal"]);
    assert!(images(&inv.join("全部邀请函.pdf")) >= 1);
}
