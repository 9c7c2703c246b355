//! The bad-input corpus (`tests/bad-inputs/`, written by its `make.py`): every file is something a
//! user could really produce — merged cells, hidden sheets, formulas, full-width digits, odd
//! spaces, BOMs, serial dates, a password-protected workbook, an .xls renamed .xlsx, a zip bomb,
//! a 10 MB cell, damaged exchange files … `expect.tsv` says, for each, which importer takes it and
//! what must happen: refused with a Chinese message containing the needles (naming row, column
//! and the fix) and nothing stored — data tables, audit head, audit check — or, where the file is
//! rightly normalised, accepted with the normalised values.
//!
//! `BAD_INPUTS_ONLY=<substring>` runs only the matching files.

#![allow(clippy::unwrap_used)]

mod support;
use pingshen_core::import::{self, Table};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};
use support::*;

const PASS: &str = "correct horse battery";

#[derive(Debug)]
struct Case {
    file: String,
    importer: String,
    accepted: bool,
    needles: Vec<String>,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bad-inputs")
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(corpus_dir().join("expect.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 4, "expect.tsv line without needles: {l}");
            assert!(matches!(f[2], "refused" | "accepted"), "{l}");
            Case {
                file: f[0].into(),
                importer: f[1].into(),
                accepted: f[2] == "accepted",
                needles: f[3..].iter().map(|s| s.to_string()).collect(),
            }
        })
        .collect()
}

/// The files too big to keep in the repository, written here.
fn generate(dir: &Path, name: &str) -> Option<PathBuf> {
    let p = dir.join(name);
    match name {
        // a whole report pasted into one cell (10 MB)
        "g01-10mb-cell.csv" => {
            let mut row: Vec<String> = drow("江苏省科协", "后补助", "2014-10-20");
            row[dcol("组织领导情况")] = "党组高度重视企业科协组织建设。".repeat(10 * 1024 * 1024 / 45);
            std::fs::write(&p, csv_text(&DOSSIER_HEADERS, &[row])).unwrap();
        }
        "g03-10mb-cell-experts.csv" => {
            let row = vec![
                "李明".into(),
                "天津大学".into(),
                "天津市".into(),
                "科技管理".repeat(10 * 1024 * 1024 / 12),
                String::new(),
                String::new(),
            ];
            std::fs::write(&p, csv_text(&EXPERT_HEADERS, &[row])).unwrap();
        }
        // an XLSX whose sheet inflates to 400 MB (the file is < 1 MB)
        "g02-xlsx-zip-bomb.xlsx" => {
            let good = std::fs::read(corpus_dir().join("x05-numbers-stored-as-text.xlsx")).unwrap();
            let mut src = zip::ZipArchive::new(std::io::Cursor::new(good)).unwrap();
            let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true);
            for i in 0..src.len() {
                let mut e = src.by_index(i).unwrap();
                let name = e.name().unwrap().to_string();
                let mut body = Vec::new();
                std::io::Read::read_to_end(&mut e, &mut body).unwrap();
                out.start_file(name.as_str(), opts).unwrap();
                if name.ends_with("sheet1.xml") {
                    let text = String::from_utf8(body).unwrap();
                    let (head, tail) = text.split_at(text.find("<sheetData>").unwrap() + "<sheetData>".len());
                    out.write_all(head.as_bytes()).unwrap();
                    let pad = vec![b' '; 1 << 20];
                    for _ in 0..400 {
                        out.write_all(&pad).unwrap();
                    }
                    out.write_all(tail.as_bytes()).unwrap();
                } else {
                    out.write_all(&body).unwrap();
                }
            }
            std::fs::write(&p, out.finish().unwrap().into_inner()).unwrap();
        }
        _ => return None,
    }
    Some(p)
}

/// Every table an import could write, with the audit head.
fn state(fx: &Fx) -> (Vec<(&'static str, i64)>, Option<String>) {
    let mut v = fx.snapshot();
    for t in ["calendar_years", "attachments", "blobs", "dossier_files", "returned_sheets"] {
        v.push((t, fx.count(t)));
    }
    (v, fx.desk.audit_head().unwrap().map(|h| h.to_string()))
}

fn dossier_fx() -> Fx {
    let fx = Fx::new(Policy::default());
    let p = fx.csv("已有.csv", &DOSSIER_HEADERS, &[drow("湖北省科协", "后补助", "2014-10-10")]);
    fx.desk.import_dossiers(&fx.sec, Y, &p).unwrap();
    fx
}

fn expert_fx() -> Fx {
    let fx = Fx::new(Policy::default());
    let p = fx.csv(
        "已有.csv",
        &EXPERT_HEADERS,
        &[vec!["王建国".into(), "北京大学".into(), "北京市".into(), String::new(), String::new(), String::new()]],
    );
    fx.desk.import_experts(&fx.sec, Y, &p).unwrap();
    fx
}

fn review_with_keys() -> Fx {
    let fx = review_fx(Policy::default());
    // the year's keys exist once a package was made
    fx.desk.export_review_package(&fx.sec, Y, "王建国", PASS).unwrap();
    fx
}

/// Runs `file` through its importer.
fn run(fx: &Fx, importer: &str, path: &Path) -> pingshen_core::Result<String> {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let d = &fx.desk;
    Ok(match importer {
        "dossiers" => format!("{:?}", d.import_dossiers(&fx.sec, Y, path)?),
        "experts" => format!("{:?}", d.import_experts(&fx.sec, Y, path)?),
        "scores" => format!("{:?}", d.import_scores(&fx.sec, Y, path)?),
        "calendar" => format!("{:?}", d.import_holiday_notice(&fx.sec, path, false)?.notice.year),
        "dossier_file" => {
            format!("{:?}", d.import_dossier_file(&fx.sec, Y, &name, &std::fs::read(path).unwrap(), day("2014-10-20"))?)
        }
        "score_return" => format!("{:?}", d.import_score_return(&fx.sec, &name, &std::fs::read(path).unwrap())?),
        other => panic!("unknown importer {other}"),
    })
}

/// key=value pairs of the first parsed row, for the accepted cases.
fn parsed_values(importer: &str, path: &Path) -> Vec<(String, String)> {
    let mut kv: Vec<(String, String)> = Vec::new();
    let mut put = |k: &str, v: String| kv.push((k.to_string(), v));
    if importer == "calendar" {
        let bytes = std::fs::read(path).unwrap();
        let text = pingshen_core::holiday_notice::decode("n", &bytes).unwrap();
        let n = pingshen_core::holiday_notice::parse("n", &text).unwrap();
        put("year", n.year.to_string());
        put("items", n.items.len().to_string());
        return kv;
    }
    let t: Table = import::read_table(path).unwrap();
    put("note", t.notes.join(" "));
    match importer {
        "dossiers" => {
            let rows = import::parse_dossiers(&t).unwrap();
            put("rows", rows.len().to_string());
            let d = &rows[0].1;
            put("unit_code", d.unit_code.clone());
            put("contact_name", d.contact_name.clone());
            put("submitted_on", d.submitted_on.map(|x| x.to_string()).unwrap_or_default());
            put("matching_funds_yuan", d.matching_funds_yuan.to_string());
            for (id, _) in pingshen_core::model::INDICATORS {
                put(id, d.indicators.get(id).unwrap().to_string());
            }
        }
        "experts" => {
            let rows = import::parse_experts(&t).unwrap();
            let e = &rows[0].1;
            put("name", e.name.clone());
            put("province", e.province.clone());
            put("phone", e.phone.clone());
            put("conflicts", e.conflicts.join(";"));
        }
        "scores" => {
            let rows = import::parse_scores(&t).unwrap();
            put("expert", rows[0].expert.clone());
            put("points", rows[0].points.to_string());
        }
        other => panic!("no accepted cases for {other}"),
    }
    kv
}

fn check_accepted(c: &Case, path: &Path) -> Result<(), String> {
    let kv = parsed_values(&c.importer, path);
    for n in &c.needles {
        let (k, v) = n.split_once('=').ok_or(format!("accepted needle without '=': {n}"))?;
        let got = kv.iter().find(|(x, _)| x == k).map(|(_, y)| y.as_str()).ok_or(format!("unknown key {k}"))?;
        let ok = if k == "note" { got.contains(v) } else { got == v };
        if !ok {
            return Err(format!("{k}: expected «{v}», got «{got}»"));
        }
    }
    // the import itself succeeds on a database at the right stage (scores: parse level only —
    // a complete sheet is the desk tests' business)
    let fx = match c.importer.as_str() {
        "dossiers" | "experts" | "calendar" => Fx::new(Policy::default()),
        _ => return Ok(()),
    };
    run(&fx, &c.importer, path).map_err(|e| format!("the import refused it: {e}"))?;
    if !fx.desk.audit_check().unwrap().ok() {
        return Err("audit check not clean after the import".into());
    }
    Ok(())
}

#[test]
fn every_bad_input_gets_its_message_and_nothing_is_stored() {
    let only = std::env::var("BAD_INPUTS_ONLY").ok();
    let all = cases();
    let on_disk: usize = std::fs::read_dir(corpus_dir())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name() != "make.py" && e.as_ref().unwrap().file_name() != "expect.tsv")
        .count();
    let tmp = tempfile::tempdir().unwrap();
    let (dossiers, experts, review, calendar) =
        (dossier_fx(), expert_fx(), review_with_keys(), Fx::new(Policy::default()));
    let fx_for = |importer: &str| -> &Fx {
        match importer {
            "dossiers" | "dossier_file" => &dossiers,
            "experts" => &experts,
            "scores" | "score_return" => &review,
            "calendar" => &calendar,
            other => panic!("unknown importer {other}"),
        }
    };
    let mut failures = Vec::new();
    let (mut refused_n, mut accepted_n, mut generated) = (0, 0, 0);
    let started = Instant::now();
    for c in &all {
        if only.as_deref().is_some_and(|o| !c.file.contains(o)) {
            continue;
        }
        let path = match generate(tmp.path(), &c.file) {
            Some(p) => {
                generated += 1;
                p
            }
            None => corpus_dir().join(&c.file),
        };
        assert!(path.exists(), "{} is listed in expect.tsv but missing: run tests/bad-inputs/make.py", c.file);
        let t0 = Instant::now();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| -> Result<(), String> {
            if c.accepted {
                accepted_n += 1;
                return check_accepted(c, &path);
            }
            refused_n += 1;
            let fx = fx_for(&c.importer);
            let before = state(fx);
            let text = match run(fx, &c.importer, &path) {
                Ok(v) => return Err(format!("accepted: {v}")),
                Err(e) => e.to_string(),
            };
            let missing: Vec<&String> = c.needles.iter().filter(|n| !text.contains(n.as_str())).collect();
            if !missing.is_empty() {
                return Err(format!("message lacks {missing:?}: {text}"));
            }
            if state(fx) != before {
                return Err(format!("something was stored: {:?} → {:?}", before, state(fx)));
            }
            Ok(())
        }));
        let took = t0.elapsed();
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(why)) => failures.push(format!("{} ({}): {why}", c.file, c.importer)),
            Err(p) => failures.push(format!(
                "{} ({}): PANIC {:?}",
                c.file,
                c.importer,
                p.downcast_ref::<String>().cloned().or(p.downcast_ref::<&str>().map(|s| s.to_string()))
            )),
        }
        if took > Duration::from_secs(5) {
            failures.push(format!("{} ({}): took {took:?}", c.file, c.importer));
        }
    }
    for fx in [&dossiers, &experts, &review, &calendar] {
        let check = fx.desk.audit_check().unwrap();
        assert!(check.ok(), "audit check: {:?}", check.findings);
    }
    eprintln!(
        "bad inputs: {} cases ({refused_n} refused, {accepted_n} accepted; {generated} generated here), {on_disk} files in tests/bad-inputs, {:.1?}",
        refused_n + accepted_n,
        started.elapsed()
    );
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), all.len(), failures.join("\n"));
    if only.is_none() {
        assert!(all.len() >= 100, "the corpus must keep at least 100 cases");
        assert_eq!(on_disk + generated, all.len(), "every file in tests/bad-inputs has its line in expect.tsv");
    }
}
