//! Benchmarks of the PDF exports (a bench binary that prints figures;
//! `cargo bench -p pingshen-core --bench exports`).
//!
//! 1. 1,000 dossier PDFs for reading (the 2014 demo's 35 dossiers repeated): cover, indicators,
//!    narratives, attachments, blank score sheet, watermark, page numbers; fonts loaded once.
//!    On one thread, then on every core (one database connection per thread).
//! 2. The funding table as PDF: XLSX → PDF through LibreOffice (`soffice --headless
//!    --convert-to pdf`, its own user profile in a temporary folder) against our
//!    `PdfExporter::funding_table`, timed in the same run.

#![allow(clippy::unwrap_used)]

use pingshen_core::export::pdf::{page_count, PdfExporter};
use pingshen_core::export::xlsx::funding_table_xlsx;
use pingshen_core::Desk;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const DOSSIER_PDFS: usize = 1_000;
const YEAR: Option<i32> = Some(pingshen_core::demo::DEMO_YEAR);

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Writes `DOSSIER_PDFS` dossier PDFs, the `w`-th of every `workers`; returns (bytes, pages).
fn dossier_pdfs(desk: &Desk, ex: &PdfExporter, ids: &[i64], w: usize, workers: usize) -> (usize, usize) {
    let (mut bytes, mut pages) = (0usize, 0usize);
    for i in (w..DOSSIER_PDFS).step_by(workers) {
        let pdf = ex.dossier(desk, YEAR, ids[i % ids.len()], "王建华").unwrap();
        bytes += pdf.len();
        pages += page_count(&pdf).unwrap();
    }
    (bytes, pages)
}

fn bench_dossiers(desk: &Desk, db: &Path, ex: &PdfExporter) {
    let ids: Vec<i64> = desk.dossiers(&desk.local_secretariat(), YEAR).unwrap().iter().map(|d| d.id).collect();
    std::hint::black_box(ex.dossier(desk, YEAR, ids[0], "王建华").unwrap());
    let report = |how: &str, total: Duration, (bytes, pages): (usize, usize)| {
        println!(
            "{DOSSIER_PDFS} dossier PDFs, {how} ({} dossiers repeated; {pages} pages, {:.1} MB): {:.2} s, {:.1} ms each (goal < 20 s)",
            ids.len(),
            bytes as f64 / 1e6,
            total.as_secs_f64(),
            ms(total) / DOSSIER_PDFS as f64
        );
    };
    let t = Instant::now();
    let sizes = dossier_pdfs(desk, ex, &ids, 0, 1);
    report("one thread", t.elapsed(), sizes);
    // The same on every core: one Desk (SQLite connection) per thread, the fonts shared.
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    if workers > 1 {
        let t = Instant::now();
        let sizes = std::thread::scope(|s| {
            let handles: Vec<_> = (0..workers)
                .map(|w| {
                    let ids = &ids;
                    s.spawn(move || dossier_pdfs(&Desk::open(db).unwrap(), ex, ids, w, workers))
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        });
        report(&format!("{workers} threads"), t.elapsed(), sizes);
    }
}

/// One LibreOffice conversion of `xlsx` into `out`, timed (start-up included, as a user meets it).
fn soffice(profile: &Path, xlsx: &Path, out: &Path) -> Option<Duration> {
    let t = Instant::now();
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .arg(xlsx)
        .output();
    let elapsed = t.elapsed();
    match status {
        Ok(o) if o.status.success() && out.join("funding.pdf").is_file() => Some(elapsed),
        Ok(o) => {
            println!("note: soffice failed: {}", String::from_utf8_lossy(&o.stderr).trim());
            None
        }
        Err(_) => {
            println!("note: soffice (LibreOffice) not installed, comparison skipped");
            None
        }
    }
}

fn bench_funding(desk: &Desk, ex: &PdfExporter, dir: &Path) {
    let runs = 50;
    std::hint::black_box(ex.funding_table(desk, YEAR).unwrap());
    let ours: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(ex.funding_table(desk, YEAR).unwrap());
            t.elapsed()
        })
        .collect();
    let ours = median(ours);
    println!("funding table, our PDF (PdfExporter::funding_table): median {:.1} ms over {runs} runs", ms(ours));

    let xlsx = dir.join("funding.xlsx");
    let t = Instant::now();
    std::fs::write(&xlsx, funding_table_xlsx(desk, YEAR).unwrap()).unwrap();
    let make_xlsx = t.elapsed();
    let profile = dir.join("lo-profile");
    let out = dir.join("lo-out");
    std::fs::create_dir_all(&out).unwrap();
    // The first conversion also creates the LibreOffice profile.
    let Some(cold) = soffice(&profile, &xlsx, &out) else {
        return;
    };
    let warm: Vec<Duration> = (0..3).filter_map(|_| soffice(&profile, &xlsx, &out)).collect();
    if warm.is_empty() {
        return;
    }
    let warm = median(warm) + make_xlsx;
    println!(
        "funding table, XLSX → PDF via soffice --headless --convert-to pdf: {:.0} ms (median of 3, XLSX {:.1} ms included; first run with a new profile {:.0} ms)",
        ms(warm),
        ms(make_xlsx),
        ms(cold)
    );
    println!("ratio soffice / ours: {:.0}× (goal ≥ 20×)", warm.as_secs_f64() / ours.as_secs_f64());
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let desk = Desk::open(&db).unwrap();
    let t = Instant::now();
    pingshen_core::demo::run_demo(&desk, &dir.path().join("inputs")).unwrap();
    println!("setup: the 2014 demo campaign in {:.0} ms", ms(t.elapsed()));
    let t = Instant::now();
    let ex = PdfExporter::load_default().unwrap();
    println!("fonts loaded once in {:.0} ms", ms(t.elapsed()));
    bench_dossiers(&desk, &db, &ex);
    bench_funding(&desk, &ex, dir.path());
}
