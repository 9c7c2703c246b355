//! Time-bounded mutation fuzzing of every parser of outside input: CSV (+ the three sheet
//! parsers), XLSX (`read_table` through a file, + the parsers), the holiday notice (text and the
//! desk import), the rubric TOML, the calendar JSON, dossier files and score returns (through the
//! desk; structure-aware too: a mutated body re-signed, so the checks behind the signature are
//! reached). Seeds: `tests/fuzz-corpus/<target>/`. Every input must return Ok or Err — no panic —
//! within 5 s. The mutated-return and swapped-parts properties of `tests/exchange.rs` (proptest)
//! stay where they are; this file does not repeat them.
//!
//! `PINGSHEN_FUZZ_SECS` (default 8) is the time per target; `PINGSHEN_FUZZ_SEED` changes the
//! deterministic sequence. A failing input is written to `target/fuzz-failures/`; minimise it,
//! add it to the corpus and fix the parser. Run with `--nocapture` to see the executions.

#![allow(clippy::unwrap_used)]

mod support;
use pingshen_core::exchange::{container, crypto};
use pingshen_core::import;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::*;

const PER_INPUT: Duration = Duration::from_secs(5);

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // SplitMix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// What users' files and tools put where a parser does not expect it.
const TOKENS: &[&str] = &[
    ",",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    "\t",
    ";",
    "\u{feff}",
    "\u{a0}",
    "\u{3000}",
    "\u{200b}",
    "１２３",
    "．",
    "－",
    "，",
    "、",
    "；",
    "。",
    "（",
    "）",
    "：",
    "年",
    "月",
    "日",
    "至",
    "周六",
    "星期日",
    "上班",
    "放假",
    "共99天",
    "一、",
    "十一、",
    "2014-10-20",
    "2027",
    "41932",
    "-1",
    "0",
    "0.5",
    "8.3",
    "1e308",
    "NaN",
    "99999999999999999999",
    "=SUM(A1:A9)",
    "#DIV/0!",
    "湖北省科协",
    "后补助",
    "试点示范",
    "王建国",
    "leadership",
    "\u{0}",
    "\u{7}",
    "\u{fffd}",
    "𠀀",
    "é",
    "[[criteria]]",
    "points = ",
    "step = \"0.25\"",
    "how = \"auto\"",
    "{",
    "}",
    "[",
    "]",
    "null",
    "\"years\"",
    "\"date\"",
];

fn mutate(rng: &mut Rng, input: &[u8], seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = v.len();
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                v[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                v[i] = rng.next() as u8;
            }
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let i = rng.below(len + 1);
                v.splice(i..i, t.iter().copied());
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below(16.min(len - i));
                v.drain(i..i + n);
            }
            4 => v.truncate(rng.below(len + 1)),
            5 if !seeds.is_empty() => {
                // splice: a prefix of this with a suffix of another seed
                let other = &seeds[rng.below(seeds.len())];
                let (a, b) = (rng.below(len + 1), rng.below(other.len() + 1));
                v.truncate(a);
                v.extend_from_slice(&other[b..]);
            }
            6 | 7 => {
                // duplicate or drop a line (a row of a table, an item of a notice)
                let lines: Vec<usize> = std::iter::once(0)
                    .chain(v.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1))
                    .filter(|i| *i <= len)
                    .collect();
                if lines.len() > 1 {
                    let k = rng.below(lines.len() - 1);
                    let (s, e) = (lines[k], lines[k + 1]);
                    if rng.below(2) == 0 {
                        let line = v[s..e].to_vec();
                        let at = lines[rng.below(lines.len())];
                        v.splice(at..at, line);
                    } else {
                        v.drain(s..e);
                    }
                }
            }
            _ if len > 0 => {
                // an ASCII digit becomes another, or grows
                let digits: Vec<usize> =
                    v.iter().enumerate().filter(|(_, b)| b.is_ascii_digit()).map(|(i, _)| i).collect();
                if !digits.is_empty() {
                    let i = digits[rng.below(digits.len())];
                    if rng.below(3) == 0 {
                        v.splice(i..i, b"9999".iter().copied());
                    } else {
                        v[i] = b'0' + rng.below(10) as u8;
                    }
                }
            }
            _ => {}
        }
    }
    v
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fuzz-corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn secs() -> f64 {
    std::env::var("PINGSHEN_FUZZ_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(8.0)
}

fn failure_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-failures");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs `target`: the seeds as they are, then mutations of them (by `gen`) until the time is up.
/// `make` builds, on the worker thread, the function that takes one input (true = accepted).
fn fuzz<F, G>(target: &str, seeds: Vec<Vec<u8>>, make: impl FnOnce() -> F + Send + 'static, mut gen: G)
where
    F: FnMut(&[u8]) -> bool,
    G: FnMut(&mut Rng, &[Vec<u8>]) -> Vec<u8>,
{
    assert!(!seeds.is_empty(), "{target}: no seeds");
    let seed: u64 = std::env::var("PINGSHEN_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(2014);
    let mut rng =
        Rng(seed ^ target.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3)));
    let (to_worker, inputs) = mpsc::channel::<Vec<u8>>();
    let (to_main, results) = mpsc::channel::<Result<bool, String>>();
    let worker = std::thread::spawn(move || {
        let mut f = make();
        for input in inputs {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&input))).map_err(|p| {
                p.downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default()
            });
            if to_main.send(r).is_err() {
                break;
            }
        }
    });
    let mut started = Instant::now();
    let budget = Duration::from_secs_f64(secs());
    let (mut runs, mut ok, mut err) = (0u64, 0u64, 0u64);
    let mut failures: Vec<String> = Vec::new();
    let mut queue: Vec<Vec<u8>> = seeds.clone();
    queue.reverse();
    // the first result may wait for the fixture to be built
    let mut first = true;
    while started.elapsed() < budget || !queue.is_empty() {
        let input = queue.pop().unwrap_or_else(|| gen(&mut rng, &seeds));
        to_worker.send(input.clone()).unwrap();
        let wait = if first { PER_INPUT * 12 } else { PER_INPUT };
        let t0 = Instant::now();
        match results.recv_timeout(wait) {
            Ok(Ok(true)) => ok += 1,
            Ok(Ok(false)) => err += 1,
            Ok(Err(panic)) => {
                let p = failure_dir().join(format!("{target}-panic-{runs}.bin"));
                std::fs::write(&p, &input).unwrap();
                failures.push(format!("panic «{panic}» on {} ({} bytes)", p.display(), input.len()));
            }
            Err(_) => {
                let p = failure_dir().join(format!("{target}-hang-{runs}.bin"));
                std::fs::write(&p, &input).unwrap();
                panic!(
                    "{target}: an input took more than {:?} ({} bytes), written to {}",
                    t0.elapsed(),
                    input.len(),
                    p.display()
                );
            }
        }
        if first {
            // the clock starts once the fixture is built
            started = Instant::now();
            first = false;
        }
        runs += 1;
        if failures.len() >= 5 {
            break;
        }
    }
    drop(to_worker);
    worker.join().unwrap();
    eprintln!(
        "fuzz {target:<13} {runs:>7} executions in {:.1?} ({ok} Ok, {err} Err, {} panics; {} seeds)",
        started.elapsed(),
        failures.len(),
        seeds.len()
    );
    assert!(failures.is_empty(), "{target}:\n{}", failures.join("\n"));
}

fn parse_all(t: &import::Table) {
    let _ = import::parse_dossiers(t);
    let _ = import::parse_experts(t);
    let _ = import::parse_scores(t);
}

#[test]
fn fuzz_csv() {
    let s = seeds("csv");
    fuzz(
        "csv",
        s,
        || {
            |b: &[u8]| match import::read_csv_bytes("f.csv", b) {
                Ok(t) => {
                    parse_all(&t);
                    true
                }
                Err(_) => false,
            }
        },
        |rng, seeds| {
            let i = rng.below(seeds.len());
            mutate(rng, &seeds[i], seeds)
        },
    );
}

/// Unzips, mutates one part's text (mostly a sheet or the shared strings), zips again; now and
/// then the raw bytes instead.
fn mutate_zip(rng: &mut Rng, input: &[u8], seeds: &[Vec<u8>]) -> Vec<u8> {
    let Ok(mut z) = zip::ZipArchive::new(std::io::Cursor::new(input)) else { return mutate(rng, input, seeds) };
    if rng.below(5) == 0 {
        return mutate(rng, input, seeds);
    }
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut b = Vec::new();
        if e.read_to_end(&mut b).is_err() {
            return mutate(rng, input, seeds);
        }
        parts.push((name, b));
    }
    let sheets: Vec<usize> =
        (0..parts.len()).filter(|i| parts[*i].0.contains("sheet") || parts[*i].0.contains("sharedStrings")).collect();
    let k = if !sheets.is_empty() && rng.below(4) != 0 {
        sheets[rng.below(sheets.len())]
    } else {
        rng.below(parts.len().max(1))
    };
    if let Some(p) = parts.get_mut(k) {
        p.1 = mutate(rng, &p.1, &[]);
    }
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (n, b) in &parts {
        let m = if rng.below(2) == 0 { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
        out.start_file(n.as_str(), zip::write::SimpleFileOptions::default().compression_method(m)).unwrap();
        out.write_all(b).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn fuzz_xlsx() {
    let s = seeds("xlsx");
    fuzz(
        "xlsx",
        s,
        || {
            let dir = tempfile::tempdir().unwrap();
            move |b: &[u8]| {
                let p = dir.path().join("f.xlsx");
                std::fs::write(&p, b).unwrap();
                match import::read_table(&p) {
                    Ok(t) => {
                        parse_all(&t);
                        true
                    }
                    Err(_) => false,
                }
            }
        },
        |rng, seeds| {
            let i = rng.below(seeds.len());
            mutate_zip(rng, &seeds[i], seeds)
        },
    );
}

#[test]
fn fuzz_holiday_notice() {
    let s = seeds("notice");
    fuzz(
        "notice",
        s,
        || {
            let fx = Fx::new(Policy::default());
            move |b: &[u8]| {
                // the pure parser, and the desk import (calendar checks, one transaction)
                let pure = pingshen_core::holiday_notice::decode("n.txt", b)
                    .and_then(|t| pingshen_core::holiday_notice::parse("n.txt", &t))
                    .is_ok();
                let p = fx.file("通知.txt");
                std::fs::write(&p, b).unwrap();
                let r = fx.desk.import_holiday_notice(&fx.sec, &p, true);
                assert!(fx.desk.audit_check().unwrap().ok());
                pure && r.is_ok()
            }
        },
        |rng, seeds| {
            let i = rng.below(seeds.len());
            mutate(rng, &seeds[i], seeds)
        },
    );
}

#[test]
fn fuzz_rubric_toml() {
    let s = seeds("rubric");
    fuzz(
        "rubric",
        s,
        || |b: &[u8]| pingshen_core::rubric::Rubric::from_toml(&String::from_utf8_lossy(b)).is_ok(),
        |rng, seeds| {
            let i = rng.below(seeds.len());
            mutate(rng, &seeds[i], seeds)
        },
    );
}

#[test]
fn fuzz_calendar_json() {
    let s = seeds("calendar_json");
    fuzz(
        "calendar_json",
        s,
        || |b: &[u8]| pingshen_core::calendar::WorkCalendar::from_json(&String::from_utf8_lossy(b)).is_ok(),
        |rng, seeds| {
            let i = rng.below(seeds.len());
            mutate(rng, &seeds[i], seeds)
        },
    );
}

/// Opens a container (unchecked signer), mutates one part, seals it again with `key`: the
/// signature holds, so what lies behind it is exercised.
fn resealed(rng: &mut Rng, plain: &[u8], key: &[u8; 32], bump: u64) -> Option<Vec<u8>> {
    let opened = container::open(plain, None).ok()?;
    let mut parts: BTreeMap<String, Vec<u8>> = opened.parts.clone();
    let names: Vec<String> = parts.keys().cloned().collect();
    let name = names.get(rng.below(names.len()))?.clone();
    let body = parts.get(&name).cloned().unwrap_or_default();
    parts.insert(name, mutate(rng, &body, &[]));
    let mut m = opened.manifest.clone();
    if rng.below(8) == 0 {
        m.year += rng.below(3) as i32 - 1;
    }
    m.created_at = format!("{}{bump:012}", m.created_at);
    container::seal(m, &parts, key).ok()
}

#[test]
fn fuzz_dossier_file() {
    let s = seeds("dossier_file");
    let key = [7u8; 32];
    let mut bump = 0;
    fuzz(
        "dossier_file",
        s,
        || {
            let fx = Fx::new(Policy::default());
            move |b: &[u8]| {
                let before = fx.snapshot();
                let r = fx.desk.import_dossier_file(&fx.sec, Y, "f.pingshen", b, day("2014-10-20"));
                if r.is_err() {
                    assert_eq!(fx.snapshot(), before, "a refused dossier file wrote something");
                }
                r.is_ok()
            }
        },
        move |rng, seeds| {
            let i = rng.below(seeds.len());
            let s = &seeds[i];
            bump += 1;
            if rng.below(2) == 0 {
                if let Some(v) = resealed(rng, s, &key, bump) {
                    return v;
                }
            }
            mutate(rng, s, seeds)
        },
    );
}

/// A genuine return: its bytes, its container, the package's signing key, the year's recipient.
type Genuine = (Vec<u8>, Vec<u8>, [u8; 32], String);

#[test]
fn fuzz_score_return() {
    // a genuine return of this database, made at start; the worker's database takes the inputs
    let (tx, rx) = mpsc::channel::<Genuine>();
    let mut s = seeds("score_return");
    let make = move || {
        let fx = review_fx(Policy::default());
        let expert = fx.assignments()[0].expert.clone();
        let (pkg, _) = fx.desk.export_review_package(&fx.sec, Y, &expert, "correct horse battery").unwrap();
        let e = Desk::open_in_memory().unwrap();
        let esec = e.local_secretariat();
        e.open_review_package(&esec, "包.pingshen", &pkg, "correct horse battery").unwrap();
        e.accept_pledge(&esec, Y, &expert).unwrap();
        let rows: Vec<Vec<String>> = e.assignments(&esec, Y).unwrap().iter().flat_map(|a| fx.score_rows(a)).collect();
        let p = fx.csv("all.csv", &SCORE_HEADERS, &rows);
        e.import_scores(&esec, Y, &p).unwrap();
        let (ret, _) = e.export_score_return(&esec, Y).unwrap();
        let identity: String =
            fx.desk.conn().query_row("SELECT enc_identity FROM campaign_keys", [], |r| r.get(0)).unwrap();
        let plain = crypto::decrypt_with_identity(&ret, &identity).unwrap();
        let secret: String = e.conn().query_row("SELECT return_secret FROM held_packages", [], |r| r.get(0)).unwrap();
        let secret: [u8; 32] = hex::decode(secret).unwrap().try_into().unwrap();
        tx.send((ret, plain, secret, crypto::age_recipient_of(&identity).unwrap())).unwrap();
        move |b: &[u8]| {
            let before = fx.snapshot();
            let r = fx.desk.import_score_return(&fx.sec, "回执.pingshen", b);
            if r.is_err() {
                assert_eq!(fx.snapshot(), before, "a refused return wrote something");
            }
            r.is_ok()
        }
    };
    // the genuine return joins the seeds once the worker has made it
    let mut genuine: Option<Genuine> = None;
    let mut bump = 0;
    let gen = move |rng: &mut Rng, seeds: &[Vec<u8>]| {
        if genuine.is_none() {
            genuine = rx.try_recv().ok();
        }
        bump += 1;
        if let Some((ret, plain, secret, recipient)) = &genuine {
            return match rng.below(3) {
                0 => mutate(rng, ret, seeds),
                _ => match resealed(rng, plain, secret, bump) {
                    Some(sealed) => crypto::encrypt_to_recipient(&sealed, recipient).unwrap(),
                    None => mutate(rng, ret, seeds),
                },
            };
        }
        {
            let i = rng.below(seeds.len());
            mutate(rng, &seeds[i], seeds)
        }
    };
    s.sort();
    fuzz("score_return", s, make, gen);
}

/// `PINGSHEN_REPLAY=<file> cargo test -p pingshen-core --test fuzz_parsers replay -- --ignored --nocapture`:
/// one input through `read_table` (its extension decides the reader), timed.
#[test]
#[ignore]
fn replay() {
    let p = PathBuf::from(std::env::var("PINGSHEN_REPLAY").unwrap());
    let t0 = Instant::now();
    let r = import::read_table(&p).map(|t| (t.headers.len(), t.rows.len()));
    eprintln!("{r:?} in {:?}", t0.elapsed());
}
