//! Crash injection through the `pingshen` binary: a scripted year whose commands are killed with
//! SIGKILL at random moments, each kill followed by the checks a secretariat would need after a
//! power cut — the database opens, `PRAGMA integrity_check` is ok, `audit verify` passes and the
//! log still reaches where it was before the command, the data is exactly as before the command or
//! exactly as after it (never half-written), every automatic backup on disk is whole — and then the
//! year is carried on to publication from whatever state the kill left.
//!
//! "Before or after" is decided against an uncrashed reference run: a digest of every data table
//! (timestamps, keys and other per-run values left out) after each step. A step's typical run time
//! is measured in the reference run, and the kill comes after a random delay of 0–1.2× that time,
//! so some kills land while the process starts, some inside the write, some after it has finished.
//!
//! What kills leave that is whole but worth knowing (counted in the figures, not failures): a kill
//! inside `init` between the new file's baseline log entry and the year leaves an empty database
//! (`init` run again completes it); a kill while an automatic backup is written leaves its
//! `<name>.part` and `<name>.part-journal` beside the database, never listed, pruned or removed; a
//! kill after the backup's rename but before the action's commit leaves a whole backup of the state
//! before that the log does not mention (`backup --list` shows it); a kill inside `export` can
//! leave its hidden `.<file>.<pid>-<nanos>.tmp`.
//!
//! Used by `tests/cli_crash.rs` (a bounded run in CI and the ≥ 1,000-kill benchmark).
#![allow(dead_code)] // each test binary uses part of the harness

pub use crate::cli_support::Run;
use crate::cli_support::{command_at, json_of, run};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Per table: (rows, hash of the rows without their volatile columns). Only non-empty tables.
pub type Digest = BTreeMap<String, (usize, u64)>;

/// The name of the year's database in its folder (automatic backups go beside it).
pub const DB: &str = "y.db";
/// Where the `export` step writes.
pub const EXPORT: &str = "通报.pdf";

/// The small deterministic generator of the harness (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One command of the scripted year.
#[derive(Debug, Clone)]
pub struct Step {
    pub name: String,
    /// argv after `--db Y`; `{W}` stands for the year's folder
    pub args: Vec<String>,
    /// data digest before and after the step (reference run)
    pub pre: Digest,
    pub post: Digest,
    /// typical wall time of the uncrashed command (spawn to exit)
    pub millis: f64,
    /// kills get weighted to the steps that write more (stage changes with their backups)
    pub weight: u32,
    /// the step writes a file, not the database (its outcome is read from the file)
    pub export: bool,
    /// a state between `pre` and `post` that is whole in itself and counts as "before": `init`
    /// creates the database (its first log entry, the baseline of the new file, in a transaction
    /// of its own) and then opens the year; killed in between, the folder holds an empty
    /// database and `init` run again opens the year
    pub mid: Option<Digest>,
}

/// How one killed attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// killed; the database is as it was before the command
    Before,
    /// killed; the command's whole write is there
    After,
    /// the command had already exited (status 0) when the kill came
    Finished,
}

#[derive(Debug, Default, Clone)]
pub struct Stats {
    pub attempts: u64,
    /// SIGKILL delivered to a running command, state found as before it
    pub killed_before: u64,
    /// SIGKILL delivered to a running command, its whole write found there
    pub killed_after: u64,
    /// the command had finished before the kill (not counted as a kill)
    pub finished: u64,
    /// "before" kills that caught the command making its automatic (or manual) backup: a
    /// leftover `.part`, or a whole backup file not in the log
    pub killed_in_backup: u64,
    /// "before" kills that caught the command writing its commit: the write-ahead log ended in
    /// frames of a transaction without its commit frame (rolled back when the database opened)
    pub killed_mid_commit: u64,
    /// per step: [killed before, killed after, finished]
    pub per_step: BTreeMap<String, [u64; 3]>,
    pub failures: Vec<String>,
    /// automatic or manual backups left on disk by a killed command whose write did not happen
    /// (a whole copy of the state before; not in the log)
    pub orphan_backups: u64,
    /// unfinished backup files (`*.part`, `*.part-journal`) left by a kill
    pub part_files: u64,
    /// unfinished export temporaries (`.NAME.PID-NANOS.tmp`) left by a kill
    pub tmp_files: u64,
    pub years_published: u64,
    /// kills that left a step's `mid` state (counted in `killed_before`)
    pub mid_states: u64,
    pub check_time: Duration,
}

impl Stats {
    pub fn kills(&self) -> u64 {
        self.killed_before + self.killed_after
    }
    pub fn report(&self, elapsed: Duration) -> String {
        let mut s = format!(
            "kills {} (state before {} — of which {} while making a backup, {} while writing the commit to the WAL —, state after {}), attempts {} (command already finished {}), failures {}, \
             of which an empty database created by init {}, years carried on to publication {}, orphan backups {}, leftover .part {}, leftover export .tmp {}, \
             time {:.1} s ({:.1} ms per attempt, checks {:.1} s)\n",
            self.kills(),
            self.killed_before,
            self.killed_in_backup,
            self.killed_mid_commit,
            self.killed_after,
            self.attempts,
            self.finished,
            self.failures.len(),
            self.mid_states,
            self.years_published,
            self.orphan_backups,
            self.part_files,
            self.tmp_files,
            elapsed.as_secs_f64(),
            elapsed.as_secs_f64() * 1000.0 / self.attempts.max(1) as f64,
            self.check_time.as_secs_f64()
        );
        for (k, [b, a, f]) in &self.per_step {
            s += &format!("  {k:<28} before {b:>4}  after {a:>4}  finished {f:>4}\n");
        }
        for f in &self.failures {
            s += &format!("FAILURE: {f}\n");
        }
        s
    }
}

pub struct Harness {
    /// a private link to the binary (a concurrent build cannot swap it under the run)
    pub bin: PathBuf,
    pub root: tempfile::TempDir,
    pub inputs: PathBuf,
    pub steps: Vec<Step>,
}

fn args_in(args: &[String], w: &Path) -> Vec<String> {
    args.iter().map(|a| a.replace("{W}", &w.display().to_string())).collect()
}

impl Harness {
    pub fn run(&self, w: &Path, args: &[String]) -> Run {
        run(command_at(&self.bin).arg("--db").arg(w.join(DB)).args(args_in(args, w)))
    }

    fn json(&self, w: &Path, args: &[&str]) -> Value {
        let mut a: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        a.push("--json".into());
        json_of(&self.run(w, &a), args)
    }

    /// Links the binary, writes the demo's input spreadsheets, and runs the scripted year twice
    /// uncrashed: the second run must give the same digests (the digest ignores only what
    /// differs between runs); a step's time is the shorter of its two (the less disturbed by
    /// whatever else the machine is doing).
    pub fn new() -> Harness {
        let root = tempfile::tempdir().expect("tempdir");
        let bin = root.path().join("pingshen");
        let src = PathBuf::from(env!("CARGO_BIN_EXE_pingshen"));
        if std::fs::hard_link(&src, &bin).is_err() {
            std::fs::copy(&src, &bin).expect("copy the binary");
        }
        let inputs = root.path().join("inputs");
        let mut h = Harness { bin, inputs, root, steps: Vec::new() };
        let scratch = h.root.path().join("scratch");
        std::fs::create_dir_all(&scratch).unwrap();
        let r =
            run(command_at(&h.bin).arg("--db").arg(scratch.join("demo.db")).args(["demo", "--inputs"]).arg(&h.inputs));
        assert_eq!(r.code, 0, "demo: {}", r.stderr);
        let first = h.reference("ref1");
        let second = h.reference("ref2");
        assert_eq!(first.len(), second.len());
        for (a, b) in first.iter().zip(&second) {
            assert_eq!(a.args, b.args, "the script is deterministic");
            assert_eq!(a.post, b.post, "step {}: two uncrashed runs give different digests", a.name);
        }
        h.steps = first
            .into_iter()
            .zip(second)
            .map(|(mut a, b)| {
                a.millis = a.millis.min(b.millis);
                a
            })
            .collect();
        h
    }

    /// The scripted year, uncrashed, in its own folder: each step's argv (some chosen from what
    /// the year produced so far), digests and timing.
    fn reference(&self, name: &str) -> Vec<Step> {
        let w = self.root.path().join(name);
        std::fs::create_dir_all(&w).unwrap();
        let mut steps: Vec<Step> = Vec::new();
        let mut last = Digest::new();
        // the database as created, before the year is opened in it
        let fresh = self.root.path().join(format!("{name}-fresh.db"));
        drop(pingshen_core::Desk::open(&fresh).unwrap());
        let created = digest(&fresh).unwrap();
        let input = |f: &str| self.inputs.join(f).display().to_string();
        let mut step = |h: &Harness, name: &str, args: Vec<String>, weight: u32| -> Value {
            let mut a = args.clone();
            a.push("--json".into());
            let t = Instant::now();
            let r = h.run(&w, &a);
            let millis = t.elapsed().as_secs_f64() * 1000.0;
            assert_eq!(r.code, 0, "reference step {name} {args:?}: {}", r.stderr);
            let post = digest(&w.join(DB)).unwrap();
            let export = name.starts_with("export");
            assert!(export || post != last, "step {name} changed nothing");
            steps.push(Step {
                name: name.into(),
                args,
                pre: last.clone(),
                post: post.clone(),
                millis,
                weight,
                export,
                mid: None,
            });
            last = post;
            serde_json::from_str(&r.stdout).unwrap_or(Value::Null)
        };
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<String>>();
        step(self, "init", s(&["--year", "2014", "init"]), 2);
        step(self, "import dossiers", s(&["import", "dossiers", &input("申报汇总表.csv")]), 2);
        step(self, "late accept", s(&["late", "accept", "江西省科协", "--reason", "邮戳日期为10月30日"]), 1);
        step(self, "recommend --auto", s(&["recommend", "--auto"]), 2);
        step(self, "import experts", s(&["import", "experts", &input("评审专家库.csv")]), 1);
        step(self, "assign (→ review)", s(&["assign", "--per-dossier", "5", "--seed", "20141103"]), 3);
        let (all, one, reopen) = self.write_scores(&w);
        step(self, "import scores (→ decide)", s(&["import", "scores", &all]), 3);
        step(self, "reopen (→ review)", reopen, 3);
        step(self, "import scores (1 sheet)", s(&["import", "scores", &one]), 3);
        let results = self.json(&w, &["results"]);
        for r in results.as_array().unwrap() {
            if r["flags"].as_array().unwrap().iter().any(|f| f == "disagreement") {
                let (u, a) = (r["unit"].as_str().unwrap(), r["award"].as_str().unwrap());
                step(
                    self,
                    "consensus",
                    s(&["consensus", u, "--award", a, "--text", "专家组会议讨论后维持综合得分"]),
                    1,
                );
            }
        }
        let mut pilots: Vec<&Value> =
            results.as_array().unwrap().iter().filter(|r| r["award"] == "pilot" && r["rank"].is_i64()).collect();
        pilots.sort_by_key(|r| r["rank"].as_i64());
        for p in pilots.iter().take(2) {
            step(
                self,
                "pilot select",
                s(&["pilot", "select", p["unit"].as_str().unwrap(), "--reason", "调研考察情况良好，工作特色鲜明"]),
                2,
            );
        }
        let fund = self.json(&w, &["funding"]);
        let line = fund["lines"].as_array().unwrap().iter().find(|l| l["award"] == "subsidy").unwrap().clone();
        let amount = if line["amount_yuan"] == 100_000 { "110000" } else { "100000" };
        step(
            self,
            "funding adjust",
            s(&[
                "funding",
                "adjust",
                line["unit"].as_str().unwrap(),
                "--award",
                "subsidy",
                "--amount",
                amount,
                "--reason",
                "考核材料有瑕疵，调整金额",
            ]),
            2,
        );
        let p = step(self, "publicity open", s(&["publicity", "open", "--start", "2014-12-01"]), 3);
        let target = p["rows"]
            .as_array()
            .and_then(|r| r.iter().find(|r| r["award"] == "subsidy"))
            .and_then(|r| r["unit"].as_str())
            .unwrap_or(line["unit"].as_str().unwrap())
            .to_string();
        let o = step(
            self,
            "objection add",
            s(&[
                "objection",
                "add",
                "--unit",
                &target,
                "--award",
                "subsidy",
                "--name",
                "李建国",
                "--contact",
                "13912345678",
                "--on",
                "2014-12-03",
                "--text",
                "反映该单位数据偏高",
            ]),
            1,
        );
        let id = o["id"].as_i64().expect("objection id").to_string();
        step(
            self,
            "objection resolve",
            s(&["objection", "resolve", &id, "--dismissed", "--reason", "经核查异议不成立"]),
            1,
        );
        step(self, "publicity close", s(&["publicity", "close", "--on", "2014-12-08"]), 3);
        step(self, "publish", s(&["publish", "--on", "2014-12-10", "--doc-number", "科协计函企字〔2014〕68号"]), 3);
        step(self, "backup (manual)", s(&["backup"]), 2);
        step(self, "export notice", s(&["export", "notice", "--out", &format!("{{W}}/{EXPORT}")]), 2);
        steps[0].mid = Some(created);
        steps
    }

    /// 评分录入 for every pending sheet (with scores that vary by unit), one file with a single
    /// sheet of a unit applying for one award only, and the `reopen` argv for that sheet.
    fn write_scores(&self, w: &Path) -> (String, String, Vec<String>) {
        let all = self.inputs.join("评分录入.csv");
        let one = self.inputs.join("评分录入-补评.csv");
        let desk = pingshen_core::Desk::open(&w.join(DB)).unwrap();
        let c = desk.campaign(Some(2014)).unwrap();
        drop(desk);
        let pairs = self.json(w, &["assignments"]);
        let pairs = pairs.as_array().unwrap();
        let awards_of = |unit: &str| {
            pairs
                .iter()
                .filter(|p| p["unit"] == unit)
                .map(|p| p["award"].as_str().unwrap().to_string())
                .collect::<BTreeSet<_>>()
                .len()
        };
        let header = "专家,单位,评分项,得分,意见\n";
        let (mut csv, mut single, mut reopen) = (String::from(header), String::from(header), Vec::new());
        for (i, p) in pairs.iter().enumerate() {
            let (expert, unit, award) =
                (p["expert"].as_str().unwrap(), p["unit"].as_str().unwrap(), p["award"].as_str().unwrap());
            let a = pingshen_core::model::Award::parse(award).unwrap();
            let q = 0.62 + (unit.chars().count() % 7) as f64 * 0.04 + (i % 3) as f64 * 0.02;
            let pick = reopen.is_empty() && award == "subsidy" && awards_of(unit) == 1;
            for k in c.rubric(a).expert_criteria() {
                let v = ((k.points as f64) * q.min(1.0) * 2.0).round() / 2.0;
                csv += &format!("{expert},{unit},{},{v},\n", k.id);
                if pick {
                    // the second look gives half a point less where it can
                    let v2 = if v >= 1.0 { v - 0.5 } else { v };
                    single += &format!("{expert},{unit},{},{v2},复核后调整\n", k.id);
                }
            }
            if pick {
                reopen = ["reopen", "--expert", expert, "--unit", unit, "--award", award, "--reason", "评分需复核"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
            }
        }
        std::fs::write(&all, csv).unwrap();
        std::fs::write(&one, single).unwrap();
        (all.display().to_string(), one.display().to_string(), reopen)
    }

    /// Runs the scripted year in a fresh folder with `kills` SIGKILLs delivered to running
    /// commands (spread over the steps by weight), checking every one and carrying the year on to
    /// publication. Failures are collected (with a copy of the folder kept for reproduction).
    pub fn crash_year(&self, label: &str, kills: u64, rng: &mut Rng, stats: &mut Stats) {
        let w = self.root.path().join(label);
        let snap = self.root.path().join(format!("{label}-snapshot"));
        std::fs::create_dir_all(&w).unwrap();
        let total_weight: u64 = self.steps.iter().map(|s| s.weight as u64).sum();
        for (i, step) in self.steps.iter().enumerate() {
            let quota = ((kills * step.weight as u64) as f64 / total_weight as f64).round().max(1.0) as u64;
            copy_dir(&w, &snap);
            let pre_head = head(&w.join(DB));
            // the step uncrashed on a copy of the state before it: the state after must be the
            // reference's, and its time (under the machine's present load) spreads the kills
            let timing = self.root.path().join(format!("{label}-uncrashed"));
            copy_dir(&snap, &timing);
            let t = Instant::now();
            let r = self.run(&timing, &step.args);
            let millis = t.elapsed().as_secs_f64() * 1000.0;
            if r.code != 0 || (!step.export && digest(&timing.join(DB)).ok().as_ref() != Some(&step.post)) {
                stats.failures.push(format!(
                    "{label} step {i} «{}» uncrashed on a copy of the state before it: status {}, {}",
                    step.name,
                    r.code,
                    r.stderr.trim()
                ));
            }
            let _ = std::fs::remove_dir_all(&timing);
            let mut delivered = 0;
            let mut tries = 0;
            let mut state = Outcome::Before;
            // kills within 0–1.2× that time; a command that finished first (the machine got
            // faster than when it was timed) narrows the window for the next try
            let mut window = 1.2 * millis;
            while delivered < quota && tries < quota * 10 {
                tries += 1;
                if state != Outcome::Before {
                    restore_dir(&snap, &w);
                }
                let delay = Duration::from_secs_f64(rng.unit() * window / 1000.0);
                let before_files = files(&w);
                let (parts, orphans) = (stats.part_files, stats.orphan_backups);
                let exited = self.kill_after(&w, step, delay);
                let outcome = if exited.is_some() { Outcome::Finished } else { Outcome::Before };
                let torn = uncommitted_wal_frames(&w.join(format!("{DB}-wal")));
                stats.attempts += 1;
                let t = Instant::now();
                let checked = if let Some(code) = exited.filter(|c| *c != 0) {
                    Err(format!("exited with status {code} before the kill"))
                } else {
                    self.check(&w, step, pre_head.as_deref(), &before_files, stats)
                };
                stats.check_time += t.elapsed();
                if std::env::var_os("PINGSHEN_CRASH_TRACE").is_some() {
                    eprintln!(
                        "{label} {i:02} {:<26} delay {:>6.2} ms of {millis:>6.2}: {exited:?} → {checked:?}",
                        step.name,
                        delay.as_secs_f64() * 1000.0
                    );
                }
                let e = stats.per_step.entry(format!("{i:02} {}", step.name)).or_default();
                match (checked, outcome) {
                    (Err(why), _) => {
                        let keep = std::env::temp_dir()
                            .join(format!("pingshen-crash-failure-{}-{label}-{i}-{tries}", std::process::id()));
                        copy_dir(&w, &keep);
                        stats.failures.push(format!(
                            "{label} step {i} «{}» killed after {:.2} ms ({outcome:?}): {why} (folder kept at {})",
                            step.name,
                            delay.as_secs_f64() * 1000.0,
                            keep.display()
                        ));
                        restore_dir(&snap, &w);
                        state = Outcome::Before;
                    }
                    (Ok(found), Outcome::Finished) => {
                        window *= 0.85;
                        e[2] += 1;
                        stats.finished += 1;
                        if found != Outcome::After {
                            stats
                                .failures
                                .push(format!("{label} step {i} «{}»: exited 0 but its write is not there", step.name));
                        }
                        state = Outcome::After;
                    }
                    (Ok(found), _) => {
                        delivered += 1;
                        if found == Outcome::Before {
                            e[0] += 1;
                            stats.killed_before += 1;
                            if stats.part_files > parts || stats.orphan_backups > orphans {
                                stats.killed_in_backup += 1;
                            }
                            if torn {
                                stats.killed_mid_commit += 1;
                            }
                        } else {
                            e[1] += 1;
                            stats.killed_after += 1;
                        }
                        state = found;
                    }
                }
            }
            // carry on from what the last kill left: the step again if it did not happen
            if state == Outcome::Before {
                let mut before_files = files(&w);
                let r = self.run(&w, &step.args);
                if r.code != 0 {
                    stats.failures.push(format!(
                        "{label} step {i} «{}» refused when run again after a kill: {}",
                        step.name,
                        r.stderr.trim()
                    ));
                    restore_dir(&snap, &w);
                    before_files = files(&w);
                    let r = self.run(&w, &step.args);
                    assert_eq!(r.code, 0, "step {} on the restored folder: {}", step.name, r.stderr);
                }
                match self.check(&w, step, pre_head.as_deref(), &before_files, stats) {
                    Ok(Outcome::After) => {}
                    other => stats
                        .failures
                        .push(format!("{label} step {i} «{}» run again after a kill: {other:?}", step.name)),
                }
            }
        }
        // the year reached publication and its log holds together
        let v = self.run(&w, &["audit".into(), "verify".into(), "--json".into()]);
        let ok = v.code == 0 && serde_json::from_str::<Value>(&v.stdout).map(|j| j["ok"] == true).unwrap_or(false);
        let stage: Option<String> = rusqlite::Connection::open(w.join(DB))
            .ok()
            .and_then(|c| c.query_row("SELECT stage FROM campaigns WHERE year = 2014", [], |r| r.get(0)).ok());
        let last = &self.steps[self.steps.len() - 1];
        if ok && stage.as_deref() == Some("published") && digest(&w.join(DB)).ok().as_ref() == Some(&last.post) {
            stats.years_published += 1;
        } else {
            stats.failures.push(format!(
                "{label}: the year did not end published and verified (stage {stage:?}, audit verify {}: {})",
                v.code,
                v.stderr.trim()
            ));
        }
        // every backup the kills left beside the database is listed and readable
        let l = self.run(&w, &["backup".into(), "--list".into(), "--json".into()]);
        match serde_json::from_str::<Value>(&l.stdout) {
            Ok(Value::Array(list)) if l.code == 0 => {
                for b in list.iter().filter(|b| b["head"].is_null()) {
                    stats
                        .failures
                        .push(format!("{label}: backup --list shows {} without a readable log head", b["file_name"]));
                }
            }
            _ => stats.failures.push(format!("{label}: backup --list failed ({}): {}", l.code, l.stderr.trim())),
        }
        let _ = std::fs::remove_dir_all(&snap);
        let _ = std::fs::remove_dir_all(&w);
    }

    /// Spawns the step and sends SIGKILL after `delay`: None when the signal found it running,
    /// else the status it had exited with.
    fn kill_after(&self, w: &Path, step: &Step, delay: Duration) -> Option<i32> {
        let mut child = command_at(&self.bin)
            .arg("--db")
            .arg(w.join(DB))
            .args(args_in(&step.args, w))
            .arg("--json")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn pingshen");
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL on Unix; harmless if it has exited
        let status = child.wait().expect("wait");
        match status.signal() {
            Some(9) => None,
            _ => Some(status.code().unwrap_or(-1)),
        }
    }

    /// The checks after a kill: whole files, a sound database holding exactly the state before
    /// or after the step, a log that verifies and still reaches where it was, whole backups.
    fn check(
        &self,
        w: &Path,
        step: &Step,
        pre_head: Option<&str>,
        before_files: &BTreeSet<String>,
        stats: &mut Stats,
    ) -> Result<Outcome, String> {
        let db = w.join(DB);
        let now = files(w);
        let new: Vec<&String> = now.difference(before_files).collect();
        for f in &new {
            if f.ends_with(".part") || f.ends_with(".part-journal") {
                stats.part_files += 1;
            } else if f.starts_with('.') && f.ends_with(".tmp") {
                stats.tmp_files += 1;
            }
        }
        if db.exists() {
            let c = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)
                .map_err(|e| format!("the database does not open: {e}"))?;
            let ic: String =
                c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| format!("integrity_check: {e}"))?;
            if ic != "ok" {
                return Err(format!("integrity_check: {ic}"));
            }
            let fk: i64 = c
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
                .map_err(|e| format!("foreign_key_check: {e}"))?;
            if fk != 0 {
                return Err(format!("{fk} rows break a foreign key"));
            }
        }
        let d = digest(&db).map_err(|e| format!("digest: {e}"))?;
        let outcome = if step.export {
            if d != step.pre {
                return Err(format!("an export changed the data: {}", diff(&step.pre, &d)));
            }
            let out = w.join(EXPORT);
            match std::fs::read(&out) {
                Ok(b) => {
                    let tail = String::from_utf8_lossy(&b[b.len().saturating_sub(64)..]).trim_end().to_string();
                    if !b.starts_with(b"%PDF-") || !tail.ends_with("%%EOF") {
                        return Err(format!("{EXPORT} is half written ({} bytes)", b.len()));
                    }
                    Outcome::After
                }
                Err(_) => Outcome::Before,
            }
        } else if d == step.pre {
            Outcome::Before
        } else if d == step.post {
            Outcome::After
        } else if step.mid.as_ref() == Some(&d) {
            stats.mid_states += 1;
            Outcome::Before
        } else {
            return Err(format!(
                "half-written state: against before {}; against after {}",
                diff(&step.pre, &d),
                diff(&step.post, &d)
            ));
        };
        if db.exists() {
            let mut a: Vec<String> = vec!["audit".into(), "verify".into(), "--json".into()];
            if let Some(h) = pre_head {
                a.extend(["--head".into(), h.to_string()]);
            }
            let r = self.run(w, &a);
            let ok = serde_json::from_str::<Value>(&r.stdout).map(|j| j["ok"] == true).unwrap_or(false);
            if r.code != 0 || !ok {
                return Err(format!("audit verify (status {}): {} {}", r.code, r.stdout.trim(), r.stderr.trim()));
            }
        }
        // backups made during the step: whole, and in the log exactly when the step's write is
        for f in new.iter().filter(|f| f.ends_with(".db") && f.as_str() != DB) {
            let p = w.join(f.as_str());
            let c = rusqlite::Connection::open_with_flags(&p, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .map_err(|e| format!("backup {f} does not open: {e}"))?;
            let ic: String =
                c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| format!("backup {f}: {e}"))?;
            if ic != "ok" {
                return Err(format!("backup {f}: integrity_check {ic}"));
            }
            drop(c);
            let logged: i64 = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .and_then(|c| {
                    c.query_row(
                        "SELECT count(*) FROM audit WHERE action LIKE 'backup%' AND subject LIKE '%' || ?1",
                        [f.as_str()],
                        |r| r.get(0),
                    )
                })
                .map_err(|e| format!("reading the log: {e}"))?;
            match (outcome, logged) {
                (Outcome::After | Outcome::Finished, 0) if !step.export => {
                    return Err(format!("backup {f} made by the step is not in the log"))
                }
                (Outcome::Before, n) if n > 0 => {
                    return Err(format!("backup {f} is in the log but the step's write is not"))
                }
                (Outcome::Before, _) => stats.orphan_backups += 1,
                _ => {}
            }
            let r = self.run(
                w,
                &["audit".into(), "verify".into(), "--json".into(), "--against".into(), p.display().to_string()],
            );
            if r.code != 0 {
                return Err(format!("audit verify --against {f}: {}", r.stderr.trim()));
            }
        }
        Ok(outcome)
    }
}

/// The files (names) in a folder.
pub fn files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .map(|r| {
            r.flatten().filter(|e| e.path().is_file()).map(|e| e.file_name().to_string_lossy().to_string()).collect()
        })
        .unwrap_or_default()
}

fn copy_dir(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).unwrap();
    for f in files(from) {
        std::fs::copy(from.join(&f), to.join(&f)).unwrap();
    }
}

fn restore_dir(snapshot: &Path, w: &Path) {
    for f in files(w) {
        std::fs::remove_file(w.join(f)).unwrap();
    }
    for f in files(snapshot) {
        std::fs::copy(snapshot.join(&f), w.join(&f)).unwrap();
    }
}

/// Whether a write-ahead log ends in frames of a transaction whose commit frame was never
/// written (read before anything opens the database again, which would roll them back). Frames
/// count while their salts match the log's header (older frames of a reset log do not).
pub fn uncommitted_wal_frames(wal: &Path) -> bool {
    let Ok(b) = std::fs::read(wal) else { return false };
    let be = |o: usize| u32::from_be_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]]);
    if b.len() < 32 {
        return false;
    }
    let (page, salts) = (be(8) as usize, (be(16), be(20)));
    let (mut off, mut tail) = (32, 0usize);
    while page > 0 && off + 24 + page <= b.len() && (be(off + 8), be(off + 12)) == salts {
        tail = if be(off + 4) != 0 { 0 } else { tail + 1 };
        off += 24 + page;
    }
    tail > 0
}

/// `SEQ:HASH` of the log's last entry (None without a database or a log).
pub fn head(db: &Path) -> Option<String> {
    if !db.exists() {
        return None;
    }
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    c.query_row("SELECT seq || ':' || hash FROM audit ORDER BY seq DESC LIMIT 1", [], |r| r.get(0)).ok()
}

/// Whether a column holds a per-run value: a time, a key, a salted hash.
fn volatile(col: &str) -> bool {
    col == "at"
        || col.ends_with("_at")
        || matches!(col, "sign_secret" | "enc_identity" | "password_hash" | "return_secret")
}

/// The data of a database, per non-empty table, without volatile columns; the log as its
/// entries' (seq, actor, action, subject) — backup subjects (file names with a time) left out.
/// A missing database or table counts as empty; `units` (seeded) and `meta` (random id) are left
/// out.
pub fn digest(db: &Path) -> Result<Digest, rusqlite::Error> {
    let mut out = Digest::new();
    if !db.exists() {
        return Ok(out);
    }
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let tables: Vec<String> = {
        let mut st = c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('units', 'meta') ORDER BY name")?;
        let v = st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        v
    };
    for t in tables {
        let sql = if t == "audit" {
            "SELECT seq, actor, action, CASE WHEN action LIKE 'backup%' THEN '' ELSE subject END FROM audit ORDER BY seq".to_string()
        } else {
            let cols: Vec<String> = {
                let mut st = c.prepare(&format!("SELECT name FROM pragma_table_info('{t}') ORDER BY cid"))?;
                let v: Vec<String> = st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
                v.into_iter().filter(|n| !volatile(n)).collect()
            };
            let list = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
            let order = (1..=cols.len()).map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
            format!("SELECT {list} FROM \"{t}\" ORDER BY {order}")
        };
        let mut st = c.prepare(&sql)?;
        let n = st.column_count();
        let mut rows = st.query([])?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let mut count = 0usize;
        while let Some(r) = rows.next()? {
            count += 1;
            for i in 0..n {
                format!("{:?}", r.get_ref(i)?).hash(&mut h);
            }
        }
        if count > 0 {
            out.insert(t, (count, h.finish()));
        }
    }
    Ok(out)
}

/// Which tables differ between two digests, with their row counts.
pub fn diff(a: &Digest, b: &Digest) -> String {
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let v: Vec<String> = keys
        .into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| format!("{k} {}→{}", a.get(k).map(|x| x.0).unwrap_or(0), b.get(k).map(|x| x.0).unwrap_or(0)))
        .collect();
    if v.is_empty() {
        "same".into()
    } else {
        v.join(", ")
    }
}
