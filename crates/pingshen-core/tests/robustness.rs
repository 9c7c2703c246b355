//! Does the ranking hold? (issue 18) The robustness statistics with figures worked out by hand
//! (`robustness.rs`), and `Desk::robustness` on a decided year. RULES.md 「名次稳健性」.

#![allow(clippy::unwrap_used)]

mod support;
use pingshen_core::decimal::Centi;
use pingshen_core::robustness::{self, IccReading, VariantKind};
use pingshen_core::scoring::{self, DossierScores};
use support::*;

/// A post-subsidy dossier with (expert id, total in points) pairs; unit order = id (no ties here).
fn ds(id: i64, totals: &[(i64, i64)]) -> DossierScores {
    DossierScores {
        dossier_id: id,
        award: Award::Subsidy,
        unit_order: id as u32,
        auto_subtotal: Centi(0),
        task_rate: None,
        totals: totals.iter().map(|(e, t)| (*e, Centi(t * 100))).collect(),
    }
}

/// Issue 18: ICC1 and ICC1k, one-way random effects, unbalanced (k0), three decimals.
///
/// ```text
///   A: 80 84 82      k=3  mean 82
///   B: 70 74         k=2  mean 72
///   C: 90 86 88 92   k=4  mean 89
///   D: 60            k=1  left out (fewer than two scores)
/// n = 3, N = 9, grand mean = 746/9
/// SSB = 3·(82 − 746/9)² + 2·(72 − 746/9)² + 4·(89 − 746/9)²
///     = 3·64/81 + 2·9604/81 + 4·3025/81 = 31500/81 = 3500/9;  MSB = SSB/(n−1) = 1750/9 ≈ 194.444
/// SSW = (4+4+0) + (4+4) + (1+9+1+9) = 36;                      MSW = SSW/(N−n) = 36/6 = 6
/// k0  = (N − Σkᵢ²/N)/(n−1) = (9 − 29/9)/2 = 26/9 ≈ 2.889
/// ICC1  = (MSB − MSW)/(MSB + (k0−1)·MSW) = (1696/9)/(1750/9 + 102/9) = 1696/1852 = 0.91577… → 0.916
/// ICC1k = (MSB − MSW)/MSB = 1696/1750 = 0.96914… → 0.969
/// ```
#[test]
fn issue_18_icc_on_a_small_unbalanced_table() {
    let groups = vec![vec![80.0, 84.0, 82.0], vec![70.0, 74.0], vec![90.0, 86.0, 88.0, 92.0], vec![60.0]];
    let icc = robustness::icc(&groups).unwrap();
    assert_eq!((icc.dossiers, icc.scores), (3, 9));
    assert!((icc.msb - 1750.0 / 9.0).abs() < 1e-9, "{icc:?}");
    assert!((icc.msw - 6.0).abs() < 1e-9, "{icc:?}");
    assert!((icc.k0 - 26.0 / 9.0).abs() < 1e-9, "{icc:?}");
    assert_eq!(icc.icc1.map(robustness::round3), Some(0.916));
    assert_eq!(icc.icc1k.map(robustness::round3), Some(0.969));
    // the same table through the award analysis (totals in hundredths)
    let d = [
        ds(1, &[(1, 80), (2, 84), (3, 82)]),
        ds(2, &[(1, 70), (2, 74)]),
        ds(3, &[(1, 90), (2, 86), (3, 88), (4, 92)]),
        ds(4, &[(1, 60)]),
    ];
    let a = robustness::analyse(&d, &Policy::default(), &BTreeSet::new());
    assert_eq!(a.icc.unwrap().icc1.map(robustness::round3), Some(0.916));
    // fewer than two dossiers with two scores: no ICC
    assert_eq!(robustness::icc(&[vec![80.0, 81.0], vec![70.0]]), None);
}

/// Issue 18's plain reading: poor < 0.5 ≤ moderate < 0.75 ≤ good < 0.9 ≤ excellent.
#[test]
fn issue_18_icc_reading_cut_points() {
    assert_eq!(IccReading::of(-0.2), IccReading::Poor);
    assert_eq!(IccReading::of(0.499), IccReading::Poor);
    assert_eq!(IccReading::of(0.5), IccReading::Moderate);
    assert_eq!(IccReading::of(0.7499), IccReading::Good); // shown as 0.750
    assert_eq!(IccReading::of(0.749), IccReading::Moderate);
    assert_eq!(IccReading::of(0.899), IccReading::Good);
    assert_eq!(IccReading::of(0.9), IccReading::Excellent);
    assert_eq!(IccReading::Good.label(), "良好");
}

/// Four post-subsidy dossiers, three scores each (so the policy aggregate is the plain mean),
/// two funded. Leaving expert 1 out moves D3 above the line and D2 below it:
///
/// ```text
///        e1  e2  e3  e4   mean (policy)   median   without e1
///   D1   91  88  86   -   88.333          88       87
///   D2   95  80   -  81   85.333          81       80.5
///   D3    -  84  85  85   84.667          85       84.667
///   D4   70   -  75  72   72.333          72       73.5
/// policy: D1 D2 D3 D4 → funded {D1, D2}
/// without e1: D1 87, D3 84.667, D2 80.5, D4 73.5 → {D1, D3}: D2 and D3 flip
/// median: D1 88, D3 85, D2 81, D4 72 → {D1, D3}
/// without e2: D1 88.5, D2 88, D3 85, D4 72.33 → {D1, D2};  without e3: D1 89.5, D2 85.33,
/// D3 84.5, D4 71 → {D1, D2};  without e4: D1 88.33, D2 87.5, D3 84.5, D4 72.5 → {D1, D2}
/// z (population sd per expert): e1 91 95 70 (mean 85.33, sd 10.965): +0.517 +0.882 −1.398;
/// e2 88 80 84 (84, 3.266): +1.225 −1.225 0; e3 86 85 75 (82, 4.967): +0.805 +0.604 −1.409;
/// e4 81 85 72 (79.33, 5.437): +0.307 +1.042 −1.349 →
/// z-mean D1 +0.849, D2 −0.012, D3 +0.549, D4 −1.386 → D1 D3 D2 D4 → {D1, D3}
/// ```
fn four() -> Vec<DossierScores> {
    vec![
        ds(1, &[(1, 91), (2, 88), (3, 86)]),
        ds(2, &[(1, 95), (2, 80), (4, 81)]),
        ds(3, &[(2, 84), (3, 85), (4, 85)]),
        ds(4, &[(1, 70), (3, 75), (4, 72)]),
    ]
}

#[test]
fn issue_18_the_variants_rankings_and_top_m_sets() {
    let v = robustness::variant_rankings(&four(), &Policy::default());
    let kinds: Vec<VariantKind> = v.iter().map(|x| x.kind).collect();
    assert_eq!(
        kinds,
        vec![
            VariantKind::Mean,
            VariantKind::Median,
            VariantKind::Policy,
            VariantKind::ZMean,
            VariantKind::LeaveOut(1),
            VariantKind::LeaveOut(2),
            VariantKind::LeaveOut(3),
            VariantKind::LeaveOut(4),
        ]
    );
    let rankings: Vec<Vec<i64>> = v.iter().map(|x| x.ranking.clone()).collect();
    assert_eq!(
        rankings,
        vec![
            vec![1, 2, 3, 4], // mean
            vec![1, 3, 2, 4], // median
            vec![1, 2, 3, 4], // policy
            vec![1, 3, 2, 4], // z-mean
            vec![1, 3, 2, 4], // without e1
            vec![1, 2, 3, 4], // without e2
            vec![1, 2, 3, 4], // without e3
            vec![1, 2, 3, 4], // without e4
        ]
    );
    let tops: Vec<BTreeSet<i64>> = v.iter().map(|x| x.top(2)).collect();
    assert_eq!(tops[2], BTreeSet::from([1, 2]));
    assert_eq!(tops[4], BTreeSet::from([1, 3]));
    // the policy variant is the results' own ranking
    let results = scoring::results(&four(), &Policy::default());
    let by_rank: Vec<i64> = results.iter().map(|r| r.dossier_id).collect();
    assert_eq!(by_rank, rankings[2]);
}

/// Leaving expert 1 out moves D3 across the funding line (and D2 below it): both flips name
/// `LeaveOut(1)` (with the median and the z-mean); D1 and D4 keep their status everywhere.
#[test]
fn issue_18_leaving_one_expert_out_moves_a_dossier_across_the_funding_line() {
    let a = robustness::analyse(&four(), &Policy::default(), &BTreeSet::from([1, 2]));
    assert_eq!(a.m, 2);
    let named = |f: &robustness::Flip| f.variants.iter().map(|&k| a.variants[k].kind).collect::<Vec<_>>();
    assert_eq!(a.flips.len(), 2, "{:?}", a.flips);
    assert_eq!((a.flips[0].dossier_id, a.flips[0].funded), (2, true));
    assert_eq!((a.flips[1].dossier_id, a.flips[1].funded), (3, false));
    for f in &a.flips {
        assert_eq!(named(f), vec![VariantKind::Median, VariantKind::ZMean, VariantKind::LeaveOut(1)]);
    }
    assert_eq!(a.stable_share, Some(0.5));
    let ranges: Vec<(i64, u32, u32, u32)> = a.ranges.iter().map(|r| (r.dossier_id, r.rank, r.min, r.max)).collect();
    assert_eq!(ranges, vec![(1, 1, 1, 1), (2, 2, 2, 3), (3, 3, 2, 3), (4, 4, 4, 4)]);
}

/// Issue 18: z = 0 when an expert's deviation is 0. Expert 2 gives 80 to both dossiers; experts
/// 1 (90, 70) and 3 (85, 75) have z = ±1. z-mean D1 = (1 + 0 + 1)/3 = 2/3, D2 = −2/3.
#[test]
fn issue_18_z_score_with_a_zero_deviation() {
    let d = [ds(1, &[(1, 90), (2, 80), (3, 85)]), ds(2, &[(1, 70), (2, 80), (3, 75)])];
    let m = scoring::expert_moments(&d);
    assert_eq!(m[&2].sd, 0.0);
    assert_eq!(m[&2].z(Centi(8000)), 0.0);
    assert!((m[&1].z(Centi(9000)) - 1.0).abs() < 1e-12);
    let v = robustness::variant_rankings(&d, &Policy::default());
    let z = v.iter().find(|x| x.kind == VariantKind::ZMean).unwrap();
    assert_eq!(z.ranking, vec![1, 2]);
    // an award where every expert gives every dossier the same total: every z is 0 and the
    // policy's tie-breaks (here unit order) decide
    let flat = [ds(5, &[(1, 80), (2, 80), (3, 80)]), ds(4, &[(1, 80), (2, 80), (3, 80)])];
    let v = robustness::variant_rankings(&flat, &Policy::default());
    assert!(v.iter().all(|x| x.ranking == vec![4, 5]), "{v:?}");
}

/// Leaving an expert out is computed incrementally; it must agree with ranking from scratch (the
/// policy aggregate of the remaining scores, ties as in the policy) on a larger award.
#[test]
fn issue_18_incremental_leave_one_out_agrees_with_a_full_recount() {
    let mut rng = pingshen_core::assignment::SplitMix64::new(5);
    let d: Vec<DossierScores> = (0..120)
        .map(|i| {
            let k = 3 + (i % 4);
            let totals: Vec<(i64, i64)> =
                (0..k).map(|j| (((i + j * 2) % 13) as i64, 60 + rng.below(40) as i64)).collect();
            DossierScores { unit_order: (i % 47) as u32, ..ds(i as i64, &totals) }
        })
        .collect();
    let p = Policy::default();
    for v in robustness::variant_rankings(&d, &p) {
        let VariantKind::LeaveOut(e) = v.kind else { continue };
        let without: Vec<DossierScores> = d
            .iter()
            .map(|x| DossierScores { totals: x.totals.iter().filter(|t| t.0 != e).copied().collect(), ..x.clone() })
            .collect();
        let mut order: Vec<usize> = (0..d.len()).collect();
        let agg =
            |i: usize| scoring::aggregate(&without[i].totals.iter().map(|t| t.1).collect::<Vec<_>>(), &p).unwrap();
        order.sort_by(|&a, &b| scoring::rank_order(&without[a], agg(a), &without[b], agg(b)).then(a.cmp(&b)));
        let expected: Vec<i64> = order.iter().map(|&i| d[i].dossier_id).collect();
        assert_eq!(v.ranking, expected, "without expert {e}");
    }
}

/// `Desk::robustness` on a decided year (four excellent post-subsidy dossiers, a budget for two):
/// m is the funded count, every expert gives a dossier the same total so the ranking holds under
/// every variant; a leave-out variant per expert who scored; an expert may not read it.
#[test]
fn issue_18_the_desk_report_of_a_decided_year() {
    let fx = decide_fx(Policy { subsidy_budget_yuan: 300_000, ..Default::default() });
    let r = fx.desk.robustness(&fx.sec, Y).unwrap();
    let s = r.awards.iter().find(|a| a.award == Award::Subsidy).unwrap();
    assert_eq!((s.ranked, s.m, s.basis), (4, 2, pingshen_core::desk::FundedBasis::Funded));
    assert!(s.flips.is_empty());
    assert_eq!(s.stable_share, Some(1.0));
    assert_eq!(s.icc1, Some(1.0)); // no spread within a dossier
    let funded: Vec<String> = s.variants[2]
        .funded
        .iter()
        .map(|id| s.dossiers.iter().find(|d| d.dossier_id == *id).unwrap().unit.clone())
        .collect();
    assert_eq!(funded, vec![full_name("湖北省科协"), full_name("江苏省科协")]);
    assert_eq!(&s.variants[2].key, "policy");
    assert!(s.variants.iter().skip(4).all(|v| v.key.starts_with("without:") && v.expert.is_some()));
    let p = r.awards.iter().find(|a| a.award == Award::Pilot).unwrap();
    assert_eq!((p.m, p.basis), (0, pingshen_core::desk::FundedBasis::Selected));
    let expert = fx.expert("王建国");
    refused(fx.desk.robustness(&expert, Y), K::Forbidden, &["名次稳健性"]);
}

/// Before the decide stage the post-subsidy m is what the allocation would give now.
#[test]
fn issue_18_before_funding_the_allocation_now_gives_m() {
    let fx = review_fx(Policy { subsidy_budget_yuan: 300_000, ..Default::default() });
    fx.import_scores_where("部分评分.csv", |a| a.award == Award::Subsidy).unwrap();
    assert_eq!(fx.stage(), Stage::Review);
    let r = fx.desk.robustness(&fx.sec, Y).unwrap();
    let s = r.awards.iter().find(|a| a.award == Award::Subsidy).unwrap();
    assert_eq!((s.m, s.basis), (2, pingshen_core::desk::FundedBasis::AllocationNow));
    let p = r.awards.iter().find(|a| a.award == Award::Pilot).unwrap();
    assert_eq!((p.ranked, p.m, p.basis), (0, 0, pingshen_core::desk::FundedBasis::NotYetSelected));
}

/// The results PDF read back with `pdftotext` (None, with a note, when poppler is not installed).
fn results_pdf_text(fx: &Fx) -> Option<String> {
    let ex = pingshen_core::export::pdf::PdfExporter::load_default().unwrap();
    let bytes = ex.results(&fx.desk, Y).unwrap();
    let f = fx.file("results.pdf");
    std::fs::write(&f, bytes).unwrap();
    if let Ok(dir) = std::env::var("PINGSHEN_PDF_DUMP") {
        let _ = std::fs::copy(&f, std::path::Path::new(&dir).join("results-robustness.pdf"));
    }
    let out = match std::process::Command::new("pdftotext").args([f.to_str().unwrap(), "-"]).output() {
        Ok(o) => o,
        Err(_) => {
            eprintln!("note: pdftotext not installed, the PDF's text is not checked");
            return None;
        }
    };
    assert!(out.status.success());
    Some(String::from_utf8(out.stdout).unwrap())
}

/// Issue 18: the results PDF ends with the appendix 「附：名次稳健性」 — per award the ICC with
/// its plain reading, every variant with how many funded dossiers its top m keeps (leaving out the
/// expert who carries 江苏 keeps 1 of 2), and the flips table naming the variants.
#[test]
fn issue_18_the_results_pdf_has_the_robustness_appendix() {
    let fx = review_fx(Policy { subsidy_budget_yuan: 300_000, ..Default::default() });
    let carrier = fx.import_one_expert_carries_jiangsu();
    assert_eq!(fx.stage(), Stage::Decide);
    let r = fx.desk.robustness(&fx.sec, Y).unwrap();
    let s = r.awards.iter().find(|a| a.award == Award::Subsidy).unwrap();
    let Some(text) = results_pdf_text(&fx) else { return };
    let flat: String = text.split_whitespace().collect();
    let at = flat.find("附：名次稳健性").expect("the appendix");
    let appendix = &flat[at..];
    assert!(appendix.contains("“后补助”") && appendix.contains("“试点示范”"), "{appendix}");
    let icc = format!("ICC1={:.3}（{}）", s.icc1.unwrap(), s.icc1_reading.unwrap().label());
    assert!(appendix.contains(&icc), "{icc} in {appendix}");
    assert!(appendix.contains("实际获补助2份"), "{appendix}");
    // nobody selected for the pilot in this fixture: no top-m table, the variants still named
    assert!(appendix.contains("没有获安排的申报（m=0）"), "{appendix}");
    // every variant named with its kept count; leaving the carrier out keeps 1 of 2
    for v in &s.variants {
        assert!(appendix.contains(&v.label), "{} in {appendix}", v.label);
    }
    let without = s.variants.iter().find(|v| v.expert.as_deref() == Some(carrier.as_str())).unwrap();
    assert!(
        appendix.contains(&format!(
            "{}1/2增：{}；减：{}",
            without.label,
            full_name("浙江省科协"),
            full_name("江苏省科协")
        )),
        "{appendix}"
    );
    assert!(appendix.contains("现行汇总规则2/2"), "{appendix}");
    assert!(appendix.contains("名次不稳定的申报（2份）"), "{appendix}");
    let flips = &appendix[appendix.find("名次不稳定的申报").unwrap()..];
    assert!(flips.contains(&full_name("江苏省科协")) && flips.contains(&full_name("浙江省科协")), "{flips}");
    assert!(flips.contains("获安排") && flips.contains("未获安排"), "{flips}");
}

/// No ranked dossier: the results PDF has no appendix.
#[test]
fn issue_18_no_appendix_without_ranked_dossiers() {
    let fx = review_fx(Policy::default());
    let Some(text) = results_pdf_text(&fx) else { return };
    assert!(!text.contains("名次稳健性"), "{text}");
}
