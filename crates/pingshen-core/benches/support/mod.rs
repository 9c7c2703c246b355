//! The results benchmark's data, shared by `--bench results` and `--bench robustness`: 10,000
//! post-subsidy dossiers × 5 experts (of 50) × 6 typed criteria, written straight into SQLite.
//! The synthetic campaign repeats the 47 units, so the one-dossier-per-unit index is dropped on
//! the benchmark's own database (never in the product).
#![allow(clippy::unwrap_used, dead_code)] // a benchmark harness: a failure should stop it loudly

use pingshen_core::Desk;
use rusqlite::params;

pub const DOSSIERS: usize = 10_000;
pub const EXPERTS: usize = 50;
pub const PER: usize = 5;

/// Fills campaign 1 (stage decide) with the dossiers, assignments and scores.
pub fn populate(desk: &Desk) {
    let conn = desk.conn();
    conn.execute_batch("DROP INDEX dossiers_one_per_unit_award; UPDATE campaigns SET stage = 'decide';").unwrap();
    let units: Vec<String> = pingshen_core::units::all().iter().map(|u| u.code.clone()).collect();
    let crit = ["leadership", "planning", "liaison", "workstations", "innovation_services", "materials"];
    let tx = conn.unchecked_transaction().unwrap();
    let mut rng = pingshen_core::assignment::SplitMix64::new(1);
    for e in 0..EXPERTS {
        tx.execute("INSERT INTO experts (campaign_id, name, employer, province, field, phone) VALUES (1, ?1, '某大学', '北京', '', '')", [format!("专家{e}")]).unwrap();
    }
    {
        let mut ins_d = tx
            .prepare(
                "INSERT INTO dossiers (campaign_id, unit_code, award, state, industrial_enterprises, associations_total, associations_new, building_task, zones, zones_with_association, national_zones, national_zones_with_association, created_at, updated_at)
                 VALUES (1, ?1, 'subsidy', 'recommended', 10000, 800, ?2, 150, 40, ?3, 6, ?4, '', '')",
            )
            .unwrap();
        let mut ins_a = tx
            .prepare(
                "INSERT INTO assignments (campaign_id, dossier_id, expert_id, state) VALUES (1, ?1, ?2, 'submitted')",
            )
            .unwrap();
        let mut ins_s = tx
            .prepare("INSERT INTO scores (assignment_id, criterion, centi, comment) VALUES (?1, ?2, ?3, '')")
            .unwrap();
        for d in 0..DOSSIERS {
            ins_d
                .execute(params![
                    units[d % units.len()],
                    80 + rng.below(100) as i64,
                    5 + rng.below(30) as i64,
                    rng.below(6) as i64
                ])
                .unwrap();
            let did = tx.last_insert_rowid();
            for k in 0..PER {
                ins_a.execute(params![did, ((d + k * 7) % EXPERTS) as i64 + 1]).unwrap();
                let aid = tx.last_insert_rowid();
                for c in crit {
                    ins_s.execute(params![aid, c, (rng.below(21) as i64) * 50]).unwrap();
                }
            }
        }
    }
    tx.commit().unwrap();
}
