//! Benchmark (prints figures; `cargo bench -p pingshen-core --bench letters`): the feedback
//! letters of the demo's published 2014 year as one run (`export_letters`: one PDF per unit that
//! applied plus 全部反馈函.pdf, written, logged). Goal (issue 19): < 2 s. Also the invitations.
#![allow(clippy::unwrap_used)] // a benchmark harness: a failure should stop it loudly

use pingshen_core::desk::{Desk, LetterKind};
use pingshen_core::export::letters::{export_letters, LettersReq};
use pingshen_core::export::pdf::PdfExporter;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let dir = std::env::temp_dir().join(format!("pingshen-bench-letters-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let desk = Desk::open(&dir.join("demo.db")).unwrap();
    pingshen_core::demo::run_demo(&desk, &dir.join("inputs")).unwrap();
    let pdf = PdfExporter::load_default().unwrap();
    let me = desk.local_secretariat();
    for (kind, runs) in [(LetterKind::Feedback, 5), (LetterKind::Invitation, 3)] {
        let mut times = Vec::new();
        let mut letters = 0;
        let mut bytes = 0u64;
        for i in 0..runs {
            let out = dir.join(format!("{kind:?}-{i}"));
            std::fs::create_dir_all(&out).unwrap();
            let t = Instant::now();
            let run = export_letters(&desk, &me, Some(2014), kind, &out, &LettersReq::default(), &pdf, &mut |_, _| {})
                .unwrap();
            times.push(t.elapsed());
            letters = run.letters;
            bytes = run.files.iter().map(|f| std::fs::metadata(f).unwrap().len()).sum();
        }
        println!(
            "{} of 2014: {letters} letters + the file with all ({:.1} MB): median of {runs} {:.0} ms{}",
            kind.label(),
            bytes as f64 / 1e6,
            median(times).as_secs_f64() * 1000.0,
            if kind == LetterKind::Feedback { " (goal < 2,000 ms)" } else { "" }
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
