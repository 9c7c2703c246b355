//! Panel results: aggregation, flags, ranking and grades (SPEC "Default review policy"). Pure.

use crate::decimal::{Centi, Points, Ratio};
use crate::model::Award;
use crate::rules::Policy;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    Excellent,
    Qualified,
    Unqualified,
}

impl Grade {
    pub fn label(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Qualified => "合格",
            Grade::Unqualified => "不合格",
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Grade::Excellent => "excellent",
            Grade::Qualified => "qualified",
            Grade::Unqualified => "unqualified",
        }
    }
}

/// What the results need of one dossier.
#[derive(Debug, Clone)]
pub struct DossierScores {
    pub dossier_id: i64,
    pub award: Award,
    /// Unit list order: the last tie-breaker.
    pub unit_order: u32,
    /// Sum of the auto criteria (same for every expert).
    pub auto_subtotal: Centi,
    /// Task completion rate; None (no task assigned) ranks as a full rate.
    pub task_rate: Option<Ratio>,
    /// (expert id, that expert's submitted total).
    pub totals: Vec<(i64, Centi)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DossierResult {
    pub dossier_id: i64,
    pub award: Award,
    pub n_scores: usize,
    pub aggregate: Option<Points>,
    pub mean: Option<Points>,
    pub median: Option<Points>,
    pub rank: Option<u32>,
    pub grade: Option<Grade>,
    pub flags: Vec<String>,
}

/// Aggregate: the trimmed mean (drop one highest and one lowest) with ≥ `trim_from` scores, else
/// the plain mean; None with no scores. Exact.
pub fn aggregate(totals: &[Centi], policy: &Policy) -> Option<Points> {
    aggregate_sorted(&sorted_hundredths(totals), policy)
}

pub fn mean(totals: &[Centi]) -> Option<Points> {
    mean_of(totals.iter().map(|c| c.0))
}

pub fn median(totals: &[Centi]) -> Option<Points> {
    median_sorted(&sorted_hundredths(totals))
}

fn sorted_hundredths(totals: &[Centi]) -> Vec<i64> {
    let mut v: Vec<i64> = totals.iter().map(|c| c.0).collect();
    v.sort_unstable();
    v
}

/// [`aggregate`] of totals (in hundredths) already sorted.
fn aggregate_sorted(v: &[i64], policy: &Policy) -> Option<Points> {
    let kept = if v.len() >= policy.trim_from as usize && v.len() >= 3 { &v[1..v.len() - 1] } else { v };
    mean_of(kept.iter().copied())
}

fn mean_of(v: impl ExactSizeIterator<Item = i64>) -> Option<Points> {
    let n = v.len() as i128;
    let sum: i128 = v.map(|x| x as i128).sum();
    (n > 0).then(|| Points(Ratio::new(sum, n)))
}

/// [`median`] of totals (in hundredths) already sorted.
fn median_sorted(v: &[i64]) -> Option<Points> {
    let n = v.len();
    (n > 0).then(|| {
        Points(if n % 2 == 1 {
            Ratio::int(v[n / 2] as i128)
        } else {
            Ratio::new(v[n / 2 - 1] as i128 + v[n / 2] as i128, 2)
        })
    })
}

/// Grade on the shown (rounded) aggregate, so what is published never contradicts itself.
pub fn grade(aggregate: Points, policy: &Policy) -> Grade {
    let shown = aggregate.shown();
    if shown >= Centi::from_points(policy.excellent_from) {
        Grade::Excellent
    } else if shown >= Centi::from_points(policy.qualified_from) {
        Grade::Qualified
    } else {
        Grade::Unqualified
    }
}

/// The ranking order: aggregate (exact, higher first), then auto subtotal, then task completion
/// rate (no task = full rate), then unit list order.
pub fn rank_order(a: &DossierScores, agg_a: Points, b: &DossierScores, agg_b: Points) -> Ordering {
    agg_b.cmp(&agg_a).then_with(|| tie_break(a, b))
}

/// The policy's tie-breaks of two dossiers whose aggregate is equal: auto subtotal (higher first),
/// then task completion rate (no task = full rate), then unit list order. Every ranking uses them
/// (the results and the robustness variants alike).
pub fn tie_break(a: &DossierScores, b: &DossierScores) -> Ordering {
    let rate = |d: &DossierScores| d.task_rate.unwrap_or(Ratio::int(1));
    b.auto_subtotal.cmp(&a.auto_subtotal).then(rate(b).cmp(&rate(a))).then(a.unit_order.cmp(&b.unit_order))
}

/// Each expert's deviation from the panel, exact, in hundredths of a point: the mean over their
/// dossiers (with at least two scores) of |their total − the other experts' mean|.
pub fn deviation_of_experts(dossiers: &[DossierScores]) -> BTreeMap<i64, Ratio> {
    // per expert: the sum of the numerators |n·x − S| for each denominator n − 1 met (a panel has
    // few sizes), and the number of dossiers; added as fractions once, at the end (exact either way)
    let mut acc: BTreeMap<i64, (Vec<(i128, i128)>, i128)> = BTreeMap::new();
    for d in dossiers {
        let n = d.totals.len() as i128;
        if n < 2 {
            continue;
        }
        let sum: i128 = d.totals.iter().map(|(_, c)| c.0 as i128).sum();
        for (e, c) in &d.totals {
            // |x − (S − x)/(n − 1)| = |n·x − S| / (n − 1)
            let (parts, k) = acc.entry(*e).or_default();
            let num = (n * c.0 as i128 - sum).abs();
            match parts.iter_mut().find(|(den, _)| *den == n - 1) {
                Some((_, s)) => *s += num,
                None => parts.push((n - 1, num)),
            }
            *k += 1;
        }
    }
    acc.into_iter()
        .map(|(e, (parts, k))| {
            let s = parts.into_iter().fold(Ratio::int(0), |s, (den, num)| s + Ratio::new(num, den));
            (e, Ratio::new(s.num(), s.den() * k))
        })
        .collect()
}

/// Experts whose totals deviate from the panel: their [`deviation_of_experts`] exceeds
/// `deviation_points`. Exact; sorted by expert id.
pub fn deviating_experts(dossiers: &[DossierScores], policy: &Policy) -> Vec<i64> {
    let limit = Ratio::int(policy.deviation_points as i128 * 100);
    deviation_of_experts(dossiers).into_iter().filter(|(_, d)| *d > limit).map(|(e, _)| e).collect()
}

/// Per-expert z-normalised totals: (x − mean of that expert) / population sd of that expert
/// (0 when the expert gave every dossier the same total). Display only.
pub fn z_scores(dossiers: &[DossierScores]) -> BTreeMap<(i64, i64), f64> {
    let moments = expert_moments(dossiers);
    let mut out = BTreeMap::new();
    for d in dossiers {
        for (e, c) in &d.totals {
            out.insert((d.dossier_id, *e), moments[e].z(*c));
        }
    }
    out
}

/// One expert's mean and population sd over their totals, for [`z_scores`].
#[derive(Debug, Clone, Copy)]
pub struct Moments {
    pub mean: f64,
    pub sd: f64,
}

impl Moments {
    /// A total z-normalised (0 when the expert gave every dossier the same total).
    pub fn z(self, total: Centi) -> f64 {
        if self.sd > 1e-12 {
            (total.as_f64() - self.mean) / self.sd
        } else {
            0.0
        }
    }
}

/// Each expert's [`Moments`], summed over the dossiers in the order given (the float sums, and so
/// the last digits of a z-score, follow it).
pub fn expert_moments(dossiers: &[DossierScores]) -> BTreeMap<i64, Moments> {
    let mut by_expert: BTreeMap<i64, Vec<f64>> = BTreeMap::new();
    for d in dossiers {
        for (e, c) in &d.totals {
            by_expert.entry(*e).or_default().push(c.as_f64());
        }
    }
    by_expert
        .into_iter()
        .map(|(e, xs)| {
            let n = xs.len() as f64;
            let mean = xs.iter().sum::<f64>() / n;
            let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
            (e, Moments { mean, sd })
        })
        .collect()
}

/// Results of every dossier: aggregate, mean, median, rank within award, grade, flags.
/// Ranked and unranked dossiers alike, in award then rank order (unranked last).
pub fn results(dossiers: &[DossierScores], policy: &Policy) -> Vec<DossierResult> {
    // one buffer for every dossier's sorted totals (in hundredths), reused
    let mut sorted: Vec<i64> = Vec::new();
    let mut out: Vec<(DossierResult, &DossierScores)> = dossiers
        .iter()
        .map(|d| {
            sorted.clear();
            sorted.extend(d.totals.iter().map(|(_, c)| c.0));
            sorted.sort_unstable();
            let n = sorted.len();
            let mut flags = Vec::new();
            let ranked = n >= policy.min_scores_to_rank as usize;
            if !ranked {
                flags.push("insufficient_scores".to_string());
            }
            if let (Some(mn), Some(mx)) = (sorted.first(), sorted.last()) {
                if mx - mn > policy.disagreement_points * 100 {
                    flags.push("disagreement".to_string());
                }
            }
            let agg = aggregate_sorted(&sorted, policy);
            (
                DossierResult {
                    dossier_id: d.dossier_id,
                    award: d.award,
                    n_scores: n,
                    aggregate: agg,
                    mean: mean_of(sorted.iter().copied()),
                    median: median_sorted(&sorted),
                    rank: None,
                    grade: if ranked { agg.map(|a| grade(a, policy)) } else { None },
                    flags,
                },
                d,
            )
        })
        .collect();
    let is_ranked = |r: &DossierResult| r.grade.is_some();
    out.sort_by(|(ra, da), (rb, db)| {
        ra.award.cmp(&rb.award).then(is_ranked(rb).cmp(&is_ranked(ra))).then_with(|| {
            match (ra.aggregate, rb.aggregate, is_ranked(ra)) {
                (Some(a), Some(b), true) => rank_order(da, a, db, b),
                _ => da.unit_order.cmp(&db.unit_order),
            }
        })
    });
    let mut counters: BTreeMap<Award, u32> = BTreeMap::new();
    for (r, _) in out.iter_mut() {
        if is_ranked(r) {
            let c = counters.entry(r.award).or_insert(0);
            *c += 1;
            r.rank = Some(*c);
        }
    }
    out.into_iter().map(|(r, _)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ds(id: i64, award: Award, order: u32, auto: i64, totals: &[i64]) -> DossierScores {
        DossierScores {
            dossier_id: id,
            award,
            unit_order: order,
            auto_subtotal: Centi(auto),
            task_rate: None,
            totals: totals.iter().enumerate().map(|(i, t)| (i as i64 + 1, Centi(*t))).collect(),
        }
    }

    /// SPEC: drop one highest and one lowest with ≥ 5 scores, else plain mean.
    #[test]
    fn trimmed_mean_with_five_plain_mean_below() {
        let p = Policy::default();
        let a = aggregate(&[Centi(9000), Centi(8000), Centi(8500), Centi(7000), Centi(9900)], &p).unwrap();
        assert_eq!(a.shown(), Centi(8500)); // (9000+8000+8500)/3
        let a = aggregate(&[Centi(9000), Centi(8000), Centi(8600), Centi(7000)], &p).unwrap();
        assert_eq!(a.shown(), Centi(8150));
        let a = aggregate(&[Centi(8000), Centi(8050), Centi(8050)], &p).unwrap();
        assert_eq!(a.shown(), Centi(8033)); // 80.3333…
        assert_eq!(median(&[Centi(1), Centi(4), Centi(2), Centi(3)]).unwrap().0, Ratio::new(5, 2));
    }

    /// SPEC: grades on the shown aggregate: 84.995 shows as 85.00 → excellent.
    #[test]
    fn grade_uses_rounded_aggregate() {
        let p = Policy::default();
        assert_eq!(grade(Points(Ratio::new(16999, 2)), &p), Grade::Excellent); // 84.995
        assert_eq!(grade(Points(Ratio::new(16997, 2)), &p), Grade::Qualified); // 84.985
        assert_eq!(grade(Points(Ratio::int(5999)), &p), Grade::Unqualified);
    }

    #[test]
    fn flags_and_ranking() {
        let p = Policy::default();
        let r = results(
            &[
                ds(1, Award::Subsidy, 3, 2000, &[8000, 8000, 8000, 8000, 8000]),
                ds(2, Award::Subsidy, 1, 2500, &[8000, 8000, 8000, 8000, 8000]), // tie → higher auto first
                ds(3, Award::Subsidy, 2, 2500, &[9000, 6500, 8000]),             // disagreement 25 > 20
                ds(4, Award::Subsidy, 4, 2500, &[9000, 9000]),                   // insufficient
                ds(5, Award::Pilot, 5, 2500, &[9000, 9000, 9000]),
            ],
            &p,
        );
        let by: BTreeMap<i64, &DossierResult> = r.iter().map(|x| (x.dossier_id, x)).collect();
        assert_eq!(by[&2].rank, Some(1));
        assert_eq!(by[&1].rank, Some(2));
        assert_eq!(by[&3].rank, Some(3));
        assert!(by[&3].flags.contains(&"disagreement".to_string()));
        assert_eq!(by[&4].rank, None);
        assert_eq!(by[&4].grade, None);
        assert!(by[&4].flags.contains(&"insufficient_scores".to_string()));
        assert_eq!(by[&5].rank, Some(1));
    }

    #[test]
    fn deviating_expert_is_found() {
        let p = Policy::default();
        let d: Vec<DossierScores> = (0..4)
            .map(|i| DossierScores {
                totals: vec![(1, Centi(8000)), (2, Centi(8100)), (3, Centi(7900)), (9, Centi(6000))],
                ..ds(i, Award::Subsidy, i as u32, 0, &[])
            })
            .collect();
        assert_eq!(deviating_experts(&d, &p), vec![9]);
    }

    proptest! {
        /// The aggregate lies between the min and max total, and equals the mean when < 5 scores.
        #[test]
        fn aggregate_is_bounded(ts in proptest::collection::vec(0i64..=10000, 1..9)) {
            let p = Policy::default();
            let c: Vec<Centi> = ts.iter().map(|t| Centi(*t)).collect();
            let a = aggregate(&c, &p).unwrap();
            let lo = Points(Ratio::int(*ts.iter().min().unwrap() as i128));
            let hi = Points(Ratio::int(*ts.iter().max().unwrap() as i128));
            prop_assert!(lo <= a && a <= hi);
            if ts.len() < 5 { prop_assert_eq!(Some(a), mean(&c)); }
            // permutation invariance
            let mut rev = c.clone(); rev.reverse();
            prop_assert_eq!(aggregate(&rev, &p), Some(a));
        }

        /// Ranks within each award are 1..n without gaps, ordered by aggregate (higher first), and
        /// every ranked dossier has ≥ 3 scores.
        #[test]
        fn ranking_is_a_total_order(specs in proptest::collection::vec((0u8..2, 0i64..3000, proptest::collection::vec(0i64..=10000, 0..7)), 1..40)) {
            let p = Policy::default();
            let d: Vec<DossierScores> = specs.iter().enumerate().map(|(i, (a, auto, ts))| ds(i as i64, if *a == 0 { Award::Pilot } else { Award::Subsidy }, i as u32 + 1, *auto, ts)).collect();
            let r = results(&d, &p);
            prop_assert_eq!(r.len(), d.len());
            for award in Award::ALL {
                let ranked: Vec<&DossierResult> = r.iter().filter(|x| x.award == award && x.rank.is_some()).collect();
                for (i, x) in ranked.iter().enumerate() {
                    prop_assert_eq!(x.rank, Some(i as u32 + 1));
                    prop_assert!(x.n_scores >= 3);
                    if i > 0 { prop_assert!(ranked[i - 1].aggregate >= x.aggregate); }
                }
            }
            for x in &r { prop_assert_eq!(x.rank.is_none(), x.n_scores < 3); }
        }
    }
}
