//! `pingshen results --robustness [--json]` (issue 18) on the published demo year: per award the
//! ICC with its reading, every variant's ranking and top m (m = the dossiers actually funded or
//! selected), the flips — each named variant really puts the unit on the other side of the
//! funding line — the stable share, and each dossier's range of ranks; the readable form; a
//! year that does not exist refused in Chinese, writing nothing.
#![allow(clippy::unwrap_used)]

mod cli_support;

use cli_support::{ok_json, pingshen, refused_unchanged, s};
use serde_json::Value;
use std::collections::BTreeSet;

fn ids(v: &Value) -> Vec<i64> {
    v.as_array().unwrap().iter().map(|x| x.as_i64().unwrap()).collect()
}

#[test]
fn robustness_of_the_demo_year_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let r = pingshen(&db, &["demo", "--inputs", s(&dir.path().join("in"))]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rob = ok_json(&db, &["results", "--robustness"]);
    assert_eq!(rob["year"], 2014);
    let results = ok_json(&db, &["results"]);
    let funding = ok_json(&db, &["funding"]);
    let awards = rob["awards"].as_array().unwrap();
    assert_eq!(awards.iter().map(|a| a["award"].as_str().unwrap()).collect::<Vec<_>>(), ["pilot", "subsidy"]);
    for a in awards {
        let award = a["award"].as_str().unwrap();
        // m: the dossiers actually funded (post-subsidy) or selected (pilot)
        let lines: Vec<&Value> = funding["lines"].as_array().unwrap().iter().filter(|l| l["award"] == award).collect();
        assert_eq!(a["m"].as_u64().unwrap() as usize, lines.len(), "{award}");
        assert_eq!(a["basis"], if award == "pilot" { "selected" } else { "funded" });
        // ICC1 ≤ ICC1k, three decimals, with a reading
        let (i1, ik) = (a["icc1"].as_f64().unwrap(), a["icc1k"].as_f64().unwrap());
        assert!(i1 <= ik, "{a}");
        assert_eq!((i1 * 1000.0).round() / 1000.0, i1);
        assert!(["poor", "moderate", "good", "excellent"].contains(&a["icc1_reading"].as_str().unwrap()));
        // the policy variant is the results' ranking
        let variants = a["variants"].as_array().unwrap();
        let policy = variants.iter().find(|v| v["key"] == "policy").unwrap();
        let mut ranked: Vec<&Value> =
            results.as_array().unwrap().iter().filter(|r| r["award"] == award && !r["rank"].is_null()).collect();
        ranked.sort_by_key(|r| r["rank"].as_u64());
        let units_by_policy: Vec<String> = ids(&policy["ranking"])
            .iter()
            .map(|id| {
                a["dossiers"].as_array().unwrap().iter().find(|d| d["dossier_id"] == *id).unwrap()["unit"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        let units_by_results: Vec<String> = ranked.iter().map(|r| r["unit"].as_str().unwrap().to_string()).collect();
        assert_eq!(units_by_policy, units_by_results, "{award}");
        assert_eq!(a["ranked"].as_u64().unwrap() as usize, ranked.len());
        // four ways of counting and one per expert who scored
        let keys: Vec<&str> = variants.iter().map(|v| v["key"].as_str().unwrap()).collect();
        assert_eq!(&keys[..4], ["mean", "median", "policy", "z_mean"]);
        assert!(keys[4..].iter().all(|k| k.starts_with("without:")) && keys.len() > 4);
        // each variant's funded list is its top m
        for v in variants {
            let m = a["m"].as_u64().unwrap() as usize;
            assert_eq!(ids(&v["funded"]), ids(&v["ranking"])[..m.min(ids(&v["ranking"]).len())].to_vec());
        }
        // each flip: every named variant puts it on the other side; the others do not
        let funded_actual: BTreeSet<i64> = a["dossiers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["funded"] == true)
            .map(|d| d["dossier_id"].as_i64().unwrap())
            .collect();
        let flips = a["flips"].as_array().unwrap();
        for f in flips {
            let id = f["dossier_id"].as_i64().unwrap();
            assert_eq!(f["funded"].as_bool().unwrap(), funded_actual.contains(&id));
            for v in variants {
                let named = f["variants"].as_array().unwrap().iter().any(|k| *k == v["key"]);
                let there = ids(&v["funded"]).contains(&id);
                assert_eq!(named, there != funded_actual.contains(&id), "{f} {}", v["key"]);
            }
        }
        // the stable share and the rank ranges
        let n = ranked.len() as f64;
        let share = a["stable_share"].as_f64().unwrap();
        assert!((share - (n - flips.len() as f64) / n).abs() < 0.0005, "{share}");
        for d in a["dossiers"].as_array().unwrap() {
            let (lo, rank, hi) =
                (d["min_rank"].as_u64().unwrap(), d["rank"].as_u64().unwrap(), d["max_rank"].as_u64().unwrap());
            assert!(lo <= rank && rank <= hi, "{d}");
            assert_eq!(d["stable"].as_bool().unwrap(), !flips.iter().any(|f| f["dossier_id"] == d["dossier_id"]));
        }
    }
    // the readable form: the ICC with its reading, the flips named with their variants
    let text = pingshen(&db, &["results", "--robustness"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(text.stdout.contains("2014年度 名次稳健性"), "{}", text.stdout);
    assert!(text.stdout.contains("评分一致性：ICC1 = "), "{}", text.stdout);
    assert!(text.stdout.contains("名次稳定的比例："), "{}", text.stdout);
    for a in awards {
        for f in a["flips"].as_array().unwrap() {
            let unit = f["unit"].as_str().unwrap();
            let line =
                text.stdout.lines().find(|l| l.contains(unit) && l.contains(&format!("第{}名", f["rank"]))).unwrap();
            let key = f["variants"][0].as_str().unwrap();
            let label =
                a["variants"].as_array().unwrap().iter().find(|v| v["key"] == key).unwrap()["label"].as_str().unwrap();
            assert!(line.contains(label), "{line}");
        }
    }
    // a year that is not in the database: refused, nothing written
    refused_unchanged(&db, &["--year", "2013", "results", "--robustness"], &["2013"]);
}
