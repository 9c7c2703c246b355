//! Benchmarks of a database with many years (issue 16; a bench binary that prints figures;
//! `cargo bench -p pingshen-core --bench years`).
//!
//! The database: 10 published years made by the demo generator (`demo::run_years`: 2014 the
//! story year, 2015–2023 each of the 47 units applying once, 15 experts), in a file. Figures:
//!
//! 1. opening the newest year: the file opened (`Desk::open`, migrations checked, the row
//!    record's triggers installed) and the newest year's overview read — what the window does
//!    at start and when the year switcher picks it; then the overview alone on an open desk;
//! 2. the archive of one year (`export::archive::make_archive`, every document rendered, the
//!    zip written and logged; goal < 5 s);
//! 3. (the `history` helper's figure: a unit's history across the 10 years, goal < 10 ms);
//! 4. (the formal check's figure: 47 dossiers with the year-over-year findings, goal < 100 ms).
//!
//! Set `PINGSHEN_BENCH_DB` to a file to keep (and on a later run reuse) the 10-year database.

#![allow(clippy::unwrap_used)]

use pingshen_core::export::archive::make_archive;
use pingshen_core::export::pdf::PdfExporter;
use pingshen_core::Desk;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const YEARS: u32 = 10;
const RUNS: usize = 7;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The 10-year database: made once (and kept at `PINGSHEN_BENCH_DB` when set).
fn database(tmp: &Path) -> PathBuf {
    let db = std::env::var_os("PINGSHEN_BENCH_DB").map(PathBuf::from).unwrap_or_else(|| tmp.join("years.db"));
    if db.exists() {
        println!("database: {} (reused)", db.display());
        return db;
    }
    let t = Instant::now();
    let desk = Desk::open(&db).unwrap();
    let summary = pingshen_core::demo::run_years(&desk, &tmp.join("inputs"), YEARS).unwrap();
    let entries: i64 = desk.conn().query_row("SELECT count(*) FROM audit", [], |r| r.get(0)).unwrap();
    println!(
        "database: {YEARS} published years (2014–{}) made by the demo generator in {:.1} s; {:.1} MB, {entries} log entries",
        summary.year,
        t.elapsed().as_secs_f64(),
        std::fs::metadata(&db).unwrap().len() as f64 / 1e6
    );
    db
}

fn bench_open_newest(db: &Path) {
    let mut cold = Vec::new();
    let mut overview = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let desk = Desk::open(db).unwrap();
        let o = desk.overview(&desk.local_secretariat(), None).unwrap();
        cold.push(t.elapsed());
        std::hint::black_box(o);
        let t = Instant::now();
        std::hint::black_box(desk.overview(&desk.local_secretariat(), None).unwrap());
        overview.push(t.elapsed());
    }
    println!(
        "open the newest year: Desk::open + overview {:.1} ms; overview on an open desk {:.1} ms (median of {RUNS})",
        ms(median(cold)),
        ms(median(overview))
    );
}

fn bench_archive(db: &Path, tmp: &Path) {
    let desk = Desk::open(db).unwrap();
    let sec = desk.local_secretariat();
    let pdf = PdfExporter::load_default().unwrap();
    let mut times = Vec::new();
    let mut last = None;
    // one year in the middle (a plain year: 47 dossiers, 15 score sheets), three runs: each
    // run also appends its log entry, as a clerk's would
    for i in 0..3 {
        let out = tmp.join(format!("2018年度评审档案-{i}.zip"));
        let t = Instant::now();
        let made = make_archive(&desk, &sec, Some(2018), &out, Some(&pdf), &mut |_, _| {}).unwrap();
        times.push(t.elapsed());
        last = Some(made);
    }
    let made = last.unwrap();
    println!(
        "archive of one year (2018: {} files, {:.1} MB): {:.2} s (median of 3; goal < 5 s)",
        made.files,
        made.bytes as f64 / 1e6,
        median(times).as_secs_f64()
    );
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let db = database(tmp.path());
    bench_open_newest(&db);
    bench_archive(&db, tmp.path());
    // history of a unit (the `history` helper's figure, added at integration)
    // formal check of the newest year's 47 dossiers with year-over-year findings (the `checks`
    // helper's figure, added at integration)
}
