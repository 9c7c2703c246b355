//! What the `pingshen` binary's tests share (`tests/cli_*.rs`, and the crash harness through
//! `cli_crash.rs`): running the binary, its JSON, a refusal and what it must leave unchanged, and
//! the demo's 2014 year up to the review.
#![allow(dead_code)] // each test binary uses part of it

use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One finished run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The binary at `bin`, with no passphrase from the environment (`PINGSHEN_PASSPHRASE`): a test
/// that needs one says so.
pub fn command_at(bin: impl AsRef<OsStr>) -> Command {
    let mut c = Command::new(bin);
    c.env_remove("PINGSHEN_PASSPHRASE");
    c
}

/// The binary under test.
pub fn command() -> Command {
    command_at(env!("CARGO_BIN_EXE_pingshen"))
}

/// Runs `cmd` to its end.
pub fn run(cmd: &mut Command) -> Run {
    let o = cmd.output().expect("run pingshen");
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into(),
        stderr: String::from_utf8_lossy(&o.stderr).into(),
    }
}

/// `pingshen --db DB ARGS…`.
pub fn pingshen(db: &Path, args: &[&str]) -> Run {
    run(command().arg("--db").arg(db).args(args))
}

/// The JSON a successful run printed (`args` names the command in a failure).
pub fn json_of(r: &Run, args: &[&str]) -> Value {
    assert_eq!(r.code, 0, "pingshen {args:?} failed: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.stdout))
}

/// `pingshen --db DB ARGS… --json`: succeeds; its JSON.
pub fn ok_json(db: &Path, args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.push("--json");
    json_of(&pingshen(db, &a), args)
}

/// The command fails (a non-zero exit); its message (stderr).
pub fn refused(db: &Path, args: &[&str]) -> String {
    let r = pingshen(db, args);
    assert_ne!(r.code, 0, "pingshen {args:?} should have been refused: {}", r.stdout);
    r.stderr
}

/// The command fails, its message contains every needle, and the database (if it existed) is as
/// it was: the same [`fingerprint`].
pub fn refused_unchanged(db: &Path, args: &[&str], needles: &[&str]) -> String {
    let before = db.exists().then(|| fingerprint(db));
    let e = refused(db, args);
    for n in needles {
        assert!(e.contains(n), "«{n}» not in: {e}");
    }
    if let Some(before) = before {
        assert_eq!(fingerprint(db), before, "pingshen {args:?} changed the database");
    }
    e
}

/// Row counts, pending sheets and the audit log's length: what any write would change (every
/// write extends the audit log).
pub fn fingerprint(db: &Path) -> Vec<i64> {
    let c = rusqlite::Connection::open(db).expect("open the database");
    let count = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).expect(sql) };
    ["dossiers", "assignments", "scores", "funding_lines", "calendar_years", "audit", "decisions"]
        .iter()
        .map(|t| count(&format!("SELECT count(*) FROM {t}")))
        .chain([count("SELECT count(*) FROM assignments WHERE state = 'pending'")])
        .collect()
}

/// A path as the `&str` an argument list takes.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// The demo's input spreadsheets (申报汇总表, 评审专家库) in `dir/inputs`, written once.
pub fn demo_inputs(dir: &Path) -> PathBuf {
    let inputs = dir.join("inputs");
    if !inputs.exists() {
        let r = pingshen(&dir.join("scratch.db"), &["demo", "--inputs", s(&inputs)]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    inputs
}

/// A 2014 secretariat year up to the review in `dir/name`, from the demo's spreadsheets: 34
/// dossiers recommended (江西省科协's late one accepted), 15 experts, 5 per dossier.
pub fn year_in_review(dir: &Path, name: &str) -> PathBuf {
    let inputs = demo_inputs(dir);
    let db = dir.join(name);
    ok_json(&db, &["--year", "2014", "init"]);
    ok_json(&db, &["import", "dossiers", s(&inputs.join("申报汇总表.csv"))]);
    ok_json(&db, &["late", "accept", "江西省科协", "--reason", "邮戳日期为10月30日"]);
    ok_json(&db, &["recommend", "--auto"]);
    ok_json(&db, &["import", "experts", s(&inputs.join("评审专家库.csv"))]);
    ok_json(&db, &["assign", "--per-dossier", "5", "--seed", "20141103"]);
    db
}
