//! Does the ranking hold? (issue 18) Pure statistics over one award's submitted totals: the
//! one-way random-effects intraclass correlation (ICC1, ICC1k with the unbalanced k0), the
//! ranking under other reasonable ways of counting (plain mean, median, the policy aggregate, the
//! mean of per-expert z-scores, the policy aggregate leaving out each expert in turn), each
//! variant's top-m set, the dossiers whose funded status flips under some variant, and each
//! dossier's range of ranks. RULES.md 「名次稳健性」.
//!
//! Every variant ranks the same dossiers: those the policy ranks (at least
//! `Policy::min_scores_to_rank` scores). Ties break as in the policy (`scoring::tie_break`).
//! Leaving one expert out is incremental: only the dossiers that expert scored get a new
//! aggregate; they are taken out of the policy order, sorted among themselves and merged back.

use crate::decimal::Points;
use crate::rules::Policy;
use crate::scoring::{self, DossierScores};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The ICC's plain reading, after the cut points: poor < 0.5 ≤ moderate < 0.75 ≤ good <
/// 0.9 ≤ excellent (Koo & Li's usual reading).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum IccReading {
    Poor,
    Moderate,
    Good,
    Excellent,
}

/// The cut points of [`IccReading`]: moderate from 0.5, good from 0.75, excellent from 0.9.
pub const ICC_CUTS: [f64; 3] = [0.5, 0.75, 0.9];

impl IccReading {
    /// The reading of an ICC value (on the value as shown, three decimals).
    pub fn of(icc: f64) -> IccReading {
        let x = round3(icc);
        if x >= ICC_CUTS[2] {
            IccReading::Excellent
        } else if x >= ICC_CUTS[1] {
            IccReading::Good
        } else if x >= ICC_CUTS[0] {
            IccReading::Moderate
        } else {
            IccReading::Poor
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            IccReading::Poor => "差",
            IccReading::Moderate => "中等",
            IccReading::Good => "良好",
            IccReading::Excellent => "优秀",
        }
    }
}

/// A figure rounded to three decimals (half away from zero), as the report shows it.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The one-way random-effects ANOVA of one award's totals and the two ICCs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Icc {
    /// n: dossiers with at least two scores.
    pub dossiers: usize,
    /// N = Σ kᵢ: their scores.
    pub scores: usize,
    /// k0 = (N − Σ kᵢ² / N) / (n − 1).
    pub k0: f64,
    /// MSB = Σ kᵢ (ȳᵢ − ȳ)² / (n − 1).
    pub msb: f64,
    /// MSW = Σᵢ Σⱼ (yᵢⱼ − ȳᵢ)² / (N − n).
    pub msw: f64,
    /// (MSB − MSW) / (MSB + (k0 − 1)·MSW); None when the denominator is 0.
    pub icc1: Option<f64>,
    /// (MSB − MSW) / MSB; None when MSB is 0.
    pub icc1k: Option<f64>,
}

/// The ICC of groups of scores (one group a dossier, in points). Groups with fewer than two
/// scores are left out; None when fewer than two groups remain.
pub fn icc(groups: &[Vec<f64>]) -> Option<Icc> {
    let used: Vec<&Vec<f64>> = groups.iter().filter(|g| g.len() >= 2).collect();
    let n = used.len();
    if n < 2 {
        return None;
    }
    let total: usize = used.iter().map(|g| g.len()).sum();
    let grand = used.iter().flat_map(|g| g.iter()).sum::<f64>() / total as f64;
    let (mut ssb, mut ssw, mut sum_k2) = (0.0, 0.0, 0.0);
    for g in &used {
        let k = g.len() as f64;
        let mean = g.iter().sum::<f64>() / k;
        ssb += k * (mean - grand).powi(2);
        ssw += g.iter().map(|y| (y - mean).powi(2)).sum::<f64>();
        sum_k2 += k * k;
    }
    let msb = ssb / (n - 1) as f64;
    let msw = ssw / (total - n) as f64;
    let k0 = (total as f64 - sum_k2 / total as f64) / (n - 1) as f64;
    let denominator = msb + (k0 - 1.0) * msw;
    let icc1 = (denominator.abs() > 1e-12).then(|| (msb - msw) / denominator);
    let icc1k = (msb.abs() > 1e-12).then(|| (msb - msw) / msb);
    Some(Icc { dossiers: n, scores: total, k0, msb, msw, icc1, icc1k })
}

/// A way of counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum VariantKind {
    /// The plain mean of the totals.
    Mean,
    /// The median of the totals.
    Median,
    /// The policy aggregate (the results' own ranking).
    Policy,
    /// The mean of the dossier's per-expert z-scores.
    ZMean,
    /// The policy aggregate without this expert's scores (expert id).
    LeaveOut(i64),
}

impl VariantKind {
    /// The stable key of a variant in the report (`without:NAME` for leaving an expert out).
    pub fn key(self, expert_name: impl Fn(i64) -> String) -> String {
        match self {
            VariantKind::Mean => "mean".into(),
            VariantKind::Median => "median".into(),
            VariantKind::Policy => "policy".into(),
            VariantKind::ZMean => "z_mean".into(),
            VariantKind::LeaveOut(e) => format!("without:{}", expert_name(e)),
        }
    }
    /// The variant's name in Chinese.
    pub fn label(self, expert_name: impl Fn(i64) -> String) -> String {
        match self {
            VariantKind::Mean => "算术平均".into(),
            VariantKind::Median => "中位数".into(),
            VariantKind::Policy => "现行汇总规则".into(),
            VariantKind::ZMean => "标准分（z）均值".into(),
            VariantKind::LeaveOut(e) => format!("去掉{}", expert_name(e)),
        }
    }
}

/// One variant's ranking: dossier ids, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantRanking {
    pub kind: VariantKind,
    pub ranking: Vec<i64>,
}

impl VariantRanking {
    /// The top m of this ranking.
    pub fn top(&self, m: usize) -> BTreeSet<i64> {
        self.ranking.iter().take(m).copied().collect()
    }

    /// The first m of the ranking among the dossiers not in `out` (those a closed panel meeting
    /// did not pass: no way of counting funds them).
    pub fn top_among(&self, m: usize, out: &BTreeSet<i64>) -> Vec<i64> {
        self.ranking.iter().filter(|id| !out.contains(id)).take(m).copied().collect()
    }
}

/// Sorts `idx` (into `ds`) by a key, higher first, then the policy's tie-breaks.
fn sort_by_key<K>(idx: &mut [usize], ds: &[&DossierScores], key: &[K], cmp: impl Fn(&K, &K) -> Ordering) {
    idx.sort_by(|&a, &b| cmp(&key[b], &key[a]).then_with(|| scoring::tie_break(ds[a], ds[b])).then(a.cmp(&b)));
}

/// Each expert's z-score moments over their totals in this award (`scoring::expert_moments`).
fn z_means(ds: &[&DossierScores], all: &[DossierScores]) -> Vec<f64> {
    let moments = scoring::expert_moments(all);
    ds.iter()
        .map(|d| {
            let s: f64 = d.totals.iter().map(|(e, t)| moments[e].z(*t)).sum();
            s / d.totals.len() as f64
        })
        .collect()
}

/// The rankings of one award's dossiers under every variant: mean, median, policy, z-mean, then
/// leaving out each expert who scored a ranked dossier (by expert id). `dossiers` are the
/// award's scored dossiers (any number of scores: the z-scores use every total of the award);
/// only those with at least `min_scores_to_rank` scores are ranked.
pub fn variant_rankings(dossiers: &[DossierScores], policy: &Policy) -> Vec<VariantRanking> {
    let ds: Vec<&DossierScores> =
        dossiers.iter().filter(|d| d.totals.len() >= policy.min_scores_to_rank as usize).collect();
    let n = ds.len();
    let centis: Vec<Vec<crate::decimal::Centi>> = ds.iter().map(|d| d.totals.iter().map(|t| t.1).collect()).collect();
    let exact = |f: &dyn Fn(&[crate::decimal::Centi]) -> Option<Points>| -> Vec<Points> {
        centis.iter().map(|c| f(c).unwrap_or(Points(crate::decimal::Ratio::int(0)))).collect()
    };
    let ids = |idx: &[usize]| idx.iter().map(|&i| ds[i].dossier_id).collect::<Vec<i64>>();
    let mut out = Vec::new();
    let mean = exact(&scoring::mean);
    let median = exact(&scoring::median);
    let policy_agg = exact(&|c| scoring::aggregate(c, policy));
    let z = z_means(&ds, dossiers);
    let mut policy_order: Vec<usize> = (0..n).collect();
    for (kind, key) in [(VariantKind::Mean, &mean), (VariantKind::Median, &median), (VariantKind::Policy, &policy_agg)]
    {
        let mut idx: Vec<usize> = (0..n).collect();
        sort_by_key(&mut idx, &ds, key, Points::cmp);
        out.push(VariantRanking { kind, ranking: ids(&idx) });
        if kind == VariantKind::Policy {
            policy_order = idx;
        }
    }
    let mut idx: Vec<usize> = (0..n).collect();
    sort_by_key(&mut idx, &ds, &z, f64::total_cmp);
    out.push(VariantRanking { kind: VariantKind::ZMean, ranking: ids(&idx) });

    // leave one expert out: the dossiers each expert scored
    let mut scored_by: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (i, d) in ds.iter().enumerate() {
        for (e, _) in &d.totals {
            let mine = scored_by.entry(*e).or_default();
            if mine.last() != Some(&i) {
                mine.push(i);
            }
        }
    }
    let mut key = policy_agg.clone();
    let mut changed = vec![false; n];
    for (e, mine) in &scored_by {
        for &i in mine {
            let rest: Vec<crate::decimal::Centi> =
                ds[i].totals.iter().filter(|(x, _)| x != e).map(|(_, t)| *t).collect();
            key[i] = scoring::aggregate(&rest, policy).unwrap_or(Points(crate::decimal::Ratio::int(0)));
            changed[i] = true;
        }
        let mut moved: Vec<usize> = mine.clone();
        sort_by_key(&mut moved, &ds, &key, Points::cmp);
        let better =
            |a: usize, b: usize| key[b].cmp(&key[a]).then_with(|| scoring::tie_break(ds[a], ds[b])).then(a.cmp(&b));
        let mut merged = Vec::with_capacity(n);
        let mut m = moved.iter().peekable();
        for &i in policy_order.iter().filter(|&&i| !changed[i]) {
            while let Some(&&j) = m.peek() {
                if better(j, i) == Ordering::Less {
                    merged.push(j);
                    m.next();
                } else {
                    break;
                }
            }
            merged.push(i);
        }
        merged.extend(m);
        out.push(VariantRanking { kind: VariantKind::LeaveOut(*e), ranking: ids(&merged) });
        for &i in mine {
            key[i] = policy_agg[i];
            changed[i] = false;
        }
    }
    out
}

/// A dossier whose funded status under some variant differs from the actual one.
#[derive(Debug, Clone, PartialEq)]
pub struct Flip {
    pub dossier_id: i64,
    /// Its actual status.
    pub funded: bool,
    /// The variants (indices into the rankings) under which it is the other way.
    pub variants: Vec<usize>,
}

/// A ranked dossier's ranks across the variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankRange {
    pub dossier_id: i64,
    /// Its rank under the policy (the results' rank).
    pub rank: u32,
    pub min: u32,
    pub max: u32,
}

/// One award's analysis.
#[derive(Debug, Clone)]
pub struct AwardAnalysis {
    pub icc: Option<Icc>,
    pub variants: Vec<VariantRanking>,
    /// How many are funded (or selected): the size of each variant's top set.
    pub m: usize,
    pub flips: Vec<Flip>,
    /// The share of ranked dossiers with the same status under every variant as the actual one;
    /// None with no ranked dossier.
    pub stable_share: Option<f64>,
    /// In policy rank order.
    pub ranges: Vec<RankRange>,
}

/// Analyses one award: `dossiers` its scored dossiers, `funded` the dossiers actually funded (or
/// selected, or those the allocation would fund now): m = their number.
pub fn analyse(dossiers: &[DossierScores], policy: &Policy, funded: &BTreeSet<i64>) -> AwardAnalysis {
    analyse_among(dossiers, policy, funded, &BTreeSet::new())
}

/// `analyse` in a year whose panel meeting closed: the dossiers it did not pass (`voted_down`)
/// keep their ranks, but no variant's top m takes them (the top m among the others), so the
/// meeting's own decision is not reported as a flip (issue 18).
pub fn analyse_among(
    dossiers: &[DossierScores],
    policy: &Policy,
    funded: &BTreeSet<i64>,
    voted_down: &BTreeSet<i64>,
) -> AwardAnalysis {
    let groups: Vec<Vec<f64>> = dossiers.iter().map(|d| d.totals.iter().map(|t| t.1.as_f64()).collect()).collect();
    let variants = variant_rankings(dossiers, policy);
    let m = funded.len();
    let tops: Vec<BTreeSet<i64>> = variants.iter().map(|v| v.top_among(m, voted_down).into_iter().collect()).collect();
    let policy_ranking: &[i64] =
        variants.iter().find(|v| v.kind == VariantKind::Policy).map(|v| &v.ranking[..]).unwrap_or(&[]);
    let mut positions: BTreeMap<i64, (u32, u32)> = BTreeMap::new();
    for v in &variants {
        for (k, id) in v.ranking.iter().enumerate() {
            let r = k as u32 + 1;
            let slot = positions.entry(*id).or_insert((r, r));
            slot.0 = slot.0.min(r);
            slot.1 = slot.1.max(r);
        }
    }
    let mut flips = Vec::new();
    let mut ranges = Vec::new();
    for (k, id) in policy_ranking.iter().enumerate() {
        let actual = funded.contains(id);
        let differing: Vec<usize> = (0..variants.len()).filter(|&v| tops[v].contains(id) != actual).collect();
        if !differing.is_empty() {
            flips.push(Flip { dossier_id: *id, funded: actual, variants: differing });
        }
        let (min, max) = positions[id];
        ranges.push(RankRange { dossier_id: *id, rank: k as u32 + 1, min, max });
    }
    let ranked = policy_ranking.len();
    AwardAnalysis {
        icc: icc(&groups),
        variants,
        m,
        stable_share: (ranked > 0).then(|| (ranked - flips.len()) as f64 / ranked as f64),
        flips,
        ranges,
    }
}
