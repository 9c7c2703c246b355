//! Benchmarks (a bench binary that prints figures; `cargo bench -p pingshen-core --bench results`).
//!
//! 1. Results of 10,000 dossiers × 5 experts × 9 criteria (6 typed by experts, 3 computed from
//!    indicators) read from SQLite, against a bare loop over the same score rows.
//! 2. Import of 10,000 dossiers from XLSX: read (calamine) + parse/check + insert in one
//!    transaction, with the complete audit (the row capture into one `record.rows` entry).
//!
//! The synthetic campaign repeats the 47 units, so the one-dossier-per-unit index is dropped on
//! the benchmark's own database (never in the product).
#![allow(clippy::unwrap_used)] // a benchmark/test harness: a failure should stop it loudly

use pingshen_core::import;
use pingshen_core::rules::Policy;
use pingshen_core::Desk;
use std::time::{Duration, Instant};

mod support;
use support::{populate, DOSSIERS, PER};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn bench_results() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("bench.db")).unwrap();
    let sec = desk.local_secretariat();
    desk.open_campaign(&sec, 2014, Policy::default()).unwrap();
    let t = Instant::now();
    populate(&desk);
    let n_scores: i64 = desk.conn().query_row("SELECT count(*) FROM scores", [], |r| r.get(0)).unwrap();
    println!("setup: {DOSSIERS} dossiers × {PER} experts × 9 criteria ({n_scores} typed score rows + 3 auto criteria per dossier) in {:.0} ms", ms(t.elapsed()));

    // warm the page cache once
    let r = desk.results(&sec, Some(2014)).unwrap();
    assert_eq!(r.rows.len(), DOSSIERS);
    assert!(r.rows.iter().all(|x| x.rank.is_some()));

    let runs = 7;
    let ours: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let r = desk.results(&sec, Some(2014)).unwrap();
            std::hint::black_box(&r);
            t.elapsed()
        })
        .collect();
    let bare: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let mut st = desk.conn().prepare("SELECT a.dossier_id, a.expert_id, s.criterion, s.centi FROM scores s JOIN assignments a ON a.id = s.assignment_id WHERE a.campaign_id = 1").unwrap();
            let mut rows = st.query([]).unwrap();
            let mut sum = 0i64;
            let mut n = 0usize;
            while let Some(r) = rows.next().unwrap() {
                let d: i64 = r.get(0).unwrap();
                let e: i64 = r.get(1).unwrap();
                let c: String = r.get(2).unwrap();
                let v: i64 = r.get(3).unwrap();
                sum += v + d + e + c.len() as i64;
                n += 1;
            }
            std::hint::black_box((sum, n));
            t.elapsed()
        })
        .collect();
    let (o, b) = (median(ours), median(bare));
    println!("results (desk.results: read, aggregate, flag, rank, grade, z-scores): median {:.1} ms over {runs} runs (goal < 100 ms)", ms(o));
    println!("bare loop over the same {n_scores} score rows from SQLite:             median {:.1} ms", ms(b));
    println!("ratio results / bare loop: {:.2} (goal ≤ 1.25)", o.as_secs_f64() / b.as_secs_f64());
}

fn bench_import() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("申报汇总表-10000.xlsx");
    {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in import::DOSSIER_HEADERS.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let units = pingshen_core::units::all();
        for r in 1..=DOSSIERS as u32 {
            let u = &units[r as usize % units.len()];
            ws.write_string(r, 0, &u.full_name).unwrap();
            ws.write_string(r, 1, "后补助").unwrap();
            ws.write_string(r, 2, "张伟").unwrap();
            ws.write_string(r, 3, "027-87654321").unwrap();
            ws.write_string(r, 4, "2014-10-20").unwrap();
            let nums = [12000, 900, 150, 200, 400, 40, 12, 6, 3, 30, 4];
            for (i, v) in nums.iter().enumerate() {
                ws.write_number(r, 5 + i as u16, *v as f64).unwrap();
            }
            ws.write_number(r, 16, 0.0).unwrap();
            for c in 17..21 {
                ws.write_string(r, c, "党组高度重视企业科协组织建设工作，列入重要议事日程，制定发展规划和年度计划，有领导分管和专人负责。").unwrap();
            }
        }
        wb.save(&path).unwrap();
    }
    let size = std::fs::metadata(&path).unwrap().len();
    let desk = Desk::open(&dir.path().join("import.db")).unwrap();
    let sec = desk.local_secretariat();
    desk.open_campaign(&sec, 2014, Policy::default()).unwrap();
    desk.conn().execute_batch("DROP INDEX dossiers_one_per_unit_award").unwrap();
    let t0 = Instant::now();
    let table = import::read_table(&path).unwrap();
    let t1 = Instant::now();
    let rows = import::parse_dossiers_opts(&table, false).unwrap();
    let t2 = Instant::now();
    let n = desk.bench_insert_dossiers(Some(2014), &rows).unwrap();
    let t3 = Instant::now();
    desk.bench_wait_checkpoint();
    let t4 = Instant::now();
    assert_eq!(n, DOSSIERS);
    println!(
        "import {DOSSIERS} dossiers from XLSX ({:.1} MB): read {:.0} ms + parse/check {:.0} ms + insert (one transaction, with audit) {:.0} ms = {:.0} ms (goal < 400 ms); the WAL checkpoint then ran {:.0} ms more in the background",
        size as f64 / 1e6,
        ms(t1 - t0),
        ms(t2 - t1),
        ms(t3 - t2),
        ms(t3 - t0),
        ms(t4 - t3)
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    // `cargo bench --bench results -- import` (or `-- results`) runs one of the two, e.g. under perf
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    if only.is_empty() || only.iter().any(|a| a == "results") {
        bench_results();
    }
    if only.is_empty() || only.iter().any(|a| a == "import") {
        bench_import();
    }
}
