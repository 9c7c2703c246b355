//! Crash injection (harness in `tests/crash/mod.rs`): a scripted year through the `pingshen`
//! binary, its commands killed with SIGKILL at random moments; after every kill the database opens,
//! `PRAGMA integrity_check` is ok, `audit verify` passes and still reaches the log position of
//! before the command, the data is exactly as before or exactly as after the command, backups on
//! disk are whole (and logged exactly when the command's write is), and the year is carried on to
//! publication.
//!
//! CI: `bounded_kills` (≥ 100 kills). Benchmark (≥ 1,000 kills, figures printed):
//! `cargo test -p pingshen-cli --test cli_crash -- --ignored thousand_kills --nocapture`
//! (`PINGSHEN_CRASH_KILLS`, `PINGSHEN_CRASH_YEARS`, `PINGSHEN_CRASH_SEED` change the run).
#![allow(clippy::unwrap_used)] // a test harness: a failure should stop it loudly

mod cli_support;
mod crash;

use crash::{Harness, Rng, Stats};
use std::time::Instant;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// `years` scripted years with `kills` SIGKILLs each; panics with the figures on any failure.
fn crash_run(years: u64, kills: u64, seed: u64) -> Stats {
    let t = Instant::now();
    let h = Harness::new();
    let setup = t.elapsed();
    let plan: Vec<String> = h.steps.iter().map(|s| format!("{} {:.0}ms", s.name, s.millis)).collect();
    eprintln!("crash injection: seed {seed}, {years} year(s) × {kills} kills over {} steps; reference runs {:.1} s\n  steps: {}", h.steps.len(), setup.as_secs_f64(), plan.join(" · "));
    let mut rng = Rng::new(seed);
    let mut stats = Stats::default();
    let t = Instant::now();
    for y in 0..years {
        h.crash_year(&format!("year{y}"), kills, &mut rng, &mut stats);
    }
    let report = stats.report(t.elapsed());
    eprintln!("{report}");
    assert!(stats.failures.is_empty(), "{report}");
    assert_eq!(stats.years_published, years, "{report}");
    stats
}

/// The bounded variant for CI: two years, at least 100 kills.
#[test]
fn bounded_kills() {
    let s = crash_run(
        env_u64("PINGSHEN_CRASH_YEARS", 2),
        env_u64("PINGSHEN_CRASH_KILLS", 75),
        env_u64("PINGSHEN_CRASH_SEED", 20141103),
    );
    assert!(s.kills() >= 100, "only {} kills", s.kills());
    assert!(s.killed_before > 0 && s.killed_after > 0, "kills landed on one side only: {s:?}");
}

/// The benchmark: at least 1,000 kills (run explicitly, see the file's header).
#[test]
#[ignore = "benchmark: ≥ 1,000 kills, run explicitly"]
fn thousand_kills() {
    let s = crash_run(
        env_u64("PINGSHEN_CRASH_YEARS", 10),
        env_u64("PINGSHEN_CRASH_KILLS", 105),
        env_u64("PINGSHEN_CRASH_SEED", 2014),
    );
    assert!(s.kills() >= 1000, "only {} kills", s.kills());
}
