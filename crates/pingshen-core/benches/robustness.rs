//! Benchmark of the robustness report (issue 18; `cargo bench -p pingshen-core --bench robustness`,
//! prints figures): the results bench's data — 10,000 post-subsidy dossiers × 5 experts of 50 —
//! in the review stage, so m is what the post-subsidy allocation would give now.
//!
//! 1. `Desk::robustness`: read the totals, ICC, 4 ways of counting + 50 leave-one-expert-out
//!    rankings, top m, flips, rank ranges (goal < 1 s).
//! 2. The pure analysis alone on the same totals, against leaving each expert out by a full
//!    recount (every aggregate recomputed and every dossier sorted again, per expert).
#![allow(clippy::unwrap_used)] // a benchmark harness: a failure should stop it loudly

use pingshen_core::decimal::Centi;
use pingshen_core::robustness;
use pingshen_core::rules::Policy;
use pingshen_core::scoring::{self, DossierScores};
use pingshen_core::Desk;
use std::collections::{BTreeSet, HashMap};
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

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("bench.db")).unwrap();
    let sec = desk.local_secretariat();
    desk.open_campaign(&sec, 2014, Policy::default()).unwrap();
    populate(&desk);
    desk.conn().execute_batch("UPDATE campaigns SET stage = 'review'").unwrap();
    let r = desk.robustness(&sec, Some(2014)).unwrap();
    let s = r.awards.iter().find(|a| a.award == pingshen_core::model::Award::Subsidy).unwrap();
    assert_eq!(s.ranked as usize, DOSSIERS);
    println!(
        "data: {DOSSIERS} dossiers × {PER} experts; {} variants, m = {} ({:?}), {} flips, stable share {:?}, ICC1 {:?}, ICC1k {:?}",
        s.variants.len(),
        s.m,
        s.basis,
        s.flips.len(),
        s.stable_share,
        s.icc1,
        s.icc1k
    );
    let runs = 5;
    let whole: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(desk.robustness(&sec, Some(2014)).unwrap());
            t.elapsed()
        })
        .collect();
    println!(
        "Desk::robustness (read + analyse + report): median {:.1} ms over {runs} runs (goal < 1 s)",
        ms(median(whole))
    );

    // the same totals in memory for the pure analysis
    let results = desk.results(&sec, Some(2014)).unwrap();
    let mut ids: HashMap<String, i64> = HashMap::new();
    let inputs: Vec<DossierScores> = results
        .rows
        .iter()
        .map(|row| DossierScores {
            dossier_id: row.dossier_id,
            award: row.award,
            unit_order: row.unit_order,
            auto_subtotal: row.auto_subtotal,
            task_rate: None,
            totals: row
                .experts
                .iter()
                .map(|e| {
                    let n = ids.len() as i64;
                    (*ids.entry(e.expert.clone()).or_insert(n), e.total)
                })
                .collect(),
        })
        .collect();
    let policy = Policy::default();
    let funded: BTreeSet<i64> = s.variants[2].funded.iter().copied().collect();
    let pure: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(robustness::analyse(&inputs, &policy, &funded));
            t.elapsed()
        })
        .collect();
    println!("robustness::analyse alone (incremental leave-one-out): median {:.1} ms", ms(median(pure)));
    let naive: Vec<Duration> = (0..3)
        .map(|_| {
            let t = Instant::now();
            for e in 0..ids.len() as i64 {
                let aggs: Vec<_> = inputs
                    .iter()
                    .map(|d| {
                        let rest: Vec<Centi> = d.totals.iter().filter(|x| x.0 != e).map(|x| x.1).collect();
                        scoring::aggregate(&rest, &policy).unwrap()
                    })
                    .collect();
                let mut order: Vec<usize> = (0..inputs.len()).collect();
                order.sort_by(|&a, &b| scoring::rank_order(&inputs[a], aggs[a], &inputs[b], aggs[b]));
                std::hint::black_box(order);
            }
            t.elapsed()
        })
        .collect();
    println!(
        "leave-one-out by full recount ({} experts × {DOSSIERS} aggregates and sorts), for comparison: median {:.1} ms",
        ids.len(),
        ms(median(naive))
    );
}
