//! Benchmark (prints figures; `cargo bench -p pingshen-core --bench history`): a unit's history
//! over 10 years × 47 units × 15 experts (5 per dossier, every sheet submitted, each year
//! published), and the newest year's results with every row's 「上年」. Goal (issue 16): history
//! < 10 ms.
#![allow(clippy::unwrap_used)] // a benchmark harness: a failure should stop it loudly

use pingshen_core::rules::Policy;
use pingshen_core::Desk;
use rusqlite::params;
use std::time::{Duration, Instant};

const YEARS: std::ops::RangeInclusive<i32> = 2014..=2023;
const EXPERTS: usize = 15;
const PER: usize = 5;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One year of 47 post-subsidy dossiers, all scored, written straight into the tables.
fn populate(desk: &Desk, year: i32, rng: &mut pingshen_core::assignment::SplitMix64) {
    let conn = desk.conn();
    let cid: i64 = conn.query_row("SELECT id FROM campaigns WHERE year = ?1", [year], |r| r.get(0)).unwrap();
    let crit = ["leadership", "planning", "liaison", "workstations", "innovation_services", "materials"];
    let tx = conn.unchecked_transaction().unwrap();
    let mut experts = Vec::new();
    for e in 0..EXPERTS {
        tx.execute("INSERT INTO experts (campaign_id, name, employer, province, field, phone) VALUES (?1, ?2, '某大学', '北京', '', '')", params![cid, format!("专家{e}")]).unwrap();
        experts.push(tx.last_insert_rowid());
    }
    for (d, u) in pingshen_core::units::all().iter().enumerate() {
        tx.execute(
            "INSERT INTO dossiers (campaign_id, unit_code, award, state, industrial_enterprises, associations_total, associations_new, building_task, zones, zones_with_association, national_zones, national_zones_with_association, created_at, updated_at)
             VALUES (?1, ?2, 'subsidy', 'recommended', 10000, 800, ?3, 150, 40, ?4, 6, ?5, '', '')",
            params![cid, u.code, 80 + rng.below(100) as i64, 5 + rng.below(30) as i64, rng.below(6) as i64],
        )
        .unwrap();
        let did = tx.last_insert_rowid();
        for k in 0..PER {
            tx.execute(
                "INSERT INTO assignments (campaign_id, dossier_id, expert_id, state) VALUES (?1, ?2, ?3, 'submitted')",
                params![cid, did, experts[(d + k * 3) % EXPERTS]],
            )
            .unwrap();
            let aid = tx.last_insert_rowid();
            for c in crit {
                tx.execute(
                    "INSERT INTO scores (assignment_id, criterion, centi, comment) VALUES (?1, ?2, ?3, '')",
                    params![aid, c, (rng.below(21) as i64) * 50],
                )
                .unwrap();
            }
        }
    }
    tx.execute("UPDATE campaigns SET stage = 'published' WHERE id = ?1", [cid]).unwrap();
    tx.commit().unwrap();
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("bench.db")).unwrap();
    let sec = desk.local_secretariat();
    let mut rng = pingshen_core::assignment::SplitMix64::new(16);
    let t = Instant::now();
    for year in YEARS {
        desk.open_campaign(&sec, year, Policy::default()).unwrap();
        populate(&desk, year, &mut rng);
    }
    println!(
        "setup: {} published years × 47 units × {EXPERTS} experts ({PER} per dossier) in {:.0} ms",
        YEARS.count(),
        ms(t.elapsed())
    );

    let h = desk.history(&sec, "北京市科协").unwrap();
    assert_eq!(h.len(), YEARS.count());
    assert!(h.iter().all(|e| e.rank.is_some() && e.of == Some(47)));
    let runs = 15;
    let times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(desk.history(&sec, "北京市科协").unwrap());
            t.elapsed()
        })
        .collect();
    println!(
        "history of one unit over {} years: median {:.2} ms over {runs} runs (goal < 10 ms)",
        YEARS.count(),
        ms(median(times))
    );

    let newest = *YEARS.end();
    let r = desk.results(&sec, Some(newest)).unwrap();
    assert!(r.rows.iter().all(|x| x.previous.as_ref().is_some_and(|p| p.year == newest - 1)));
    let times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(desk.results(&sec, Some(newest)).unwrap());
            t.elapsed()
        })
        .collect();
    println!("results of {newest} with every row's 上年: median {:.2} ms over {runs} runs", ms(median(times)));
}
