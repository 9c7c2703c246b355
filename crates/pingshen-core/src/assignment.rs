//! The random draw of reviewers (SPEC "Review"): each dossier gets N experts, no recused pair,
//! loads spread by at most 1, and the same seed always gives the same draw. Pure.
//!
//! Method: the seed shuffles dossiers and experts (SplitMix64, written out here so a recorded seed
//! reproduces the draw on any build), then a max-flow over source → dossier (capacity N) →
//! expert (1 if not recused) → sink assigns reviewers. The expert → sink capacities are first
//! ⌊T/E⌋ and then ⌈T/E⌉ (T = slots, E = experts): augmenting paths never lower the flow into the
//! sink, so every load ends in [⌊T/E⌋, ⌈T/E⌉] or the draw is refused with the reason.

use crate::error::{Error, Result};
use crate::{msg, t};

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, well-studied, and stable forever.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (rejection sampling, no modulo bias).
    pub fn below(&mut self, n: u64) -> u64 {
        let zone = u64::MAX - (u64::MAX % n);
        loop {
            let x = self.next_u64();
            if x < zone {
                return x % n;
            }
        }
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            v.swap(i, j);
        }
    }
}

/// One dossier to be reviewed: its id, a label for messages, and the experts it may not get.
#[derive(Debug, Clone)]
pub struct DrawDossier {
    pub id: i64,
    pub label: String,
    pub recused: Vec<i64>,
}

struct Flow {
    to: Vec<usize>,
    cap: Vec<i64>,
    head: Vec<Vec<usize>>,
}

impl Flow {
    fn new(n: usize) -> Self {
        Flow { to: Vec::new(), cap: Vec::new(), head: vec![Vec::new(); n] }
    }
    fn edge(&mut self, a: usize, b: usize, c: i64) -> usize {
        let id = self.to.len();
        self.to.push(b);
        self.cap.push(c);
        self.head[a].push(id);
        self.to.push(a);
        self.cap.push(0);
        self.head[b].push(id + 1);
        id
    }
    /// Dinic's algorithm; returns the flow added.
    fn max_flow(&mut self, s: usize, t: usize) -> i64 {
        let n = self.head.len();
        let mut total = 0;
        loop {
            let mut level = vec![-1i64; n];
            level[s] = 0;
            let mut q = std::collections::VecDeque::from([s]);
            while let Some(u) = q.pop_front() {
                for &e in &self.head[u] {
                    if self.cap[e] > 0 && level[self.to[e]] < 0 {
                        level[self.to[e]] = level[u] + 1;
                        q.push_back(self.to[e]);
                    }
                }
            }
            if level[t] < 0 {
                return total;
            }
            let mut it = vec![0usize; n];
            loop {
                let f = self.dfs(s, t, i64::MAX, &level, &mut it);
                if f == 0 {
                    break;
                }
                total += f;
            }
        }
    }
    fn dfs(&mut self, u: usize, t: usize, f: i64, level: &[i64], it: &mut [usize]) -> i64 {
        if u == t {
            return f;
        }
        while it[u] < self.head[u].len() {
            let e = self.head[u][it[u]];
            let v = self.to[e];
            if self.cap[e] > 0 && level[v] == level[u] + 1 {
                let d = self.dfs(v, t, f.min(self.cap[e]), level, it);
                if d > 0 {
                    self.cap[e] -= d;
                    self.cap[e ^ 1] += d;
                    return d;
                }
            }
            it[u] += 1;
        }
        0
    }
}

/// Draws `per_dossier` reviewers for every dossier. Returns (dossier id, expert id) pairs sorted
/// by dossier then expert. Refuses, naming the dossier, when recusals leave too few experts.
pub fn draw(dossiers: &[DrawDossier], experts: &[i64], per_dossier: u32, seed: u64) -> Result<Vec<(i64, i64)>> {
    let k = per_dossier as i64;
    if dossiers.is_empty() {
        return Ok(Vec::new());
    }
    if experts.len() < per_dossier as usize {
        return Err(Error::rule(t!(msg::INPUT_DRAW_POOL_TOO_SMALL, n = experts.len(), per_dossier)));
    }
    for d in dossiers {
        let free = experts.iter().filter(|e| !d.recused.contains(e)).count();
        if (free as i64) < k {
            return Err(Error::rule(t!(msg::INPUT_DRAW_RECUSED_TOO_MANY, unit = d.label.as_str(), free, per_dossier)));
        }
    }
    let mut rng = SplitMix64::new(seed);
    let mut ds: Vec<&DrawDossier> = dossiers.iter().collect();
    rng.shuffle(&mut ds);
    let mut es: Vec<i64> = experts.to_vec();
    es.sort_unstable();
    rng.shuffle(&mut es);

    let (nd, ne) = (ds.len(), es.len());
    let (s, t) = (nd + ne, nd + ne + 1);
    let mut g = Flow::new(nd + ne + 2);
    let mut pair_edges = Vec::new();
    for (i, d) in ds.iter().enumerate() {
        g.edge(s, i, k);
        // each dossier sees the experts in its own shuffled order
        let mut order: Vec<usize> = (0..ne).collect();
        rng.shuffle(&mut order);
        for j in order {
            if !d.recused.contains(&es[j]) {
                let e = g.edge(i, nd + j, 1);
                pair_edges.push((e, d.id, es[j]));
            }
        }
    }
    let slots = nd as i64 * k;
    let lo = slots / ne as i64;
    let hi = (slots + ne as i64 - 1) / ne as i64;
    let sink_edges: Vec<usize> = (0..ne).map(|j| g.edge(nd + j, t, lo)).collect();
    let f1 = g.max_flow(s, t);
    if f1 < lo * ne as i64 {
        return Err(Error::rule(t!(msg::INPUT_DRAW_MIN_LOAD, n = lo)));
    }
    for &e in &sink_edges {
        g.cap[e] += hi - lo;
    }
    let f2 = f1 + g.max_flow(s, t);
    if f2 < slots {
        return Err(Error::rule(t!(msg::INPUT_DRAW_UNBALANCED, done = f2, slots)));
    }
    let mut out: Vec<(i64, i64)> =
        pair_edges.into_iter().filter(|(e, _, _)| g.cap[*e] == 0).map(|(_, d, x)| (d, x)).collect();
    out.sort_unstable();
    Ok(out)
}

/// A replacement reviewer (补充抽取) for one dossier: among the eligible experts (not recused,
/// not already on the dossier; given as (expert id, current load)), those with the least load,
/// and among them one chosen by the recorded seed mixed with the dossier and the number of
/// replacements made so far, so that the same record always gives the same pick.
pub fn pick_replacement(eligible: &[(i64, i64)], seed: u64, dossier_id: i64, round: u64) -> Option<i64> {
    let least = eligible.iter().map(|e| e.1).min()?;
    let mut pool: Vec<i64> = eligible.iter().filter(|e| e.1 == least).map(|e| e.0).collect();
    pool.sort_unstable();
    let mut rng =
        SplitMix64::new(seed ^ (dossier_id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ round.rotate_left(32));
    Some(pool[rng.below(pool.len() as u64) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    fn check(ds: &[DrawDossier], experts: &[i64], k: u32, out: &[(i64, i64)]) {
        let mut per_d: HashMap<i64, Vec<i64>> = HashMap::new();
        let mut load: HashMap<i64, i64> = experts.iter().map(|e| (*e, 0)).collect();
        for (d, e) in out {
            per_d.entry(*d).or_default().push(*e);
            *load.get_mut(e).unwrap() += 1;
        }
        for d in ds {
            let got = &per_d[&d.id];
            assert_eq!(got.len(), k as usize);
            let mut u = got.clone();
            u.dedup();
            assert_eq!(u.len(), got.len());
            assert!(got.iter().all(|e| !d.recused.contains(e)), "recusal violated");
        }
        let (mn, mx) = (load.values().min().unwrap(), load.values().max().unwrap());
        assert!(mx - mn <= 1, "loads {load:?}");
    }

    #[test]
    fn splitmix_is_stable() {
        // Reference values of SplitMix64 with seed 0 (published test vector).
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn refuses_when_recusal_leaves_too_few() {
        let ds = vec![DrawDossier { id: 1, label: "湖北省科学技术协会".into(), recused: vec![1, 2] }];
        let e = draw(&ds, &[1, 2, 3, 4, 5], 5, 1).unwrap_err().to_string();
        assert!(e.contains("湖北省科学技术协会") && e.contains("3位"), "{e}");
    }

    proptest! {
        /// Recusal never violated, loads spread ≤ 1, same seed → same draw.
        #[test]
        fn draw_properties(nd in 1usize..40, ne in 5usize..16, k in 1u32..6, seed in any::<u64>(), rec in proptest::collection::vec((0usize..40, 0usize..16), 0..60)) {
            let experts: Vec<i64> = (100..100 + ne as i64).collect();
            let ds: Vec<DrawDossier> = (0..nd).map(|i| DrawDossier {
                id: i as i64 + 1,
                label: format!("d{i}"),
                recused: rec.iter().filter(|(d, _)| *d == i).map(|(_, e)| 100 + (*e % ne) as i64).collect(),
            }).collect();
            match draw(&ds, &experts, k, seed) {
                Ok(out) => {
                    check(&ds, &experts, k, &out);
                    prop_assert_eq!(draw(&ds, &experts, k, seed).unwrap(), out);
                }
                Err(e) => prop_assert!(e.to_string().contains("回避") || e.to_string().contains("专家")),
            }
        }

        /// Without recusals a draw always succeeds, and different seeds usually differ.
        #[test]
        fn draw_without_recusal_always_succeeds(nd in 1usize..60, ne in 5usize..20, seed in any::<u64>()) {
            let experts: Vec<i64> = (1..=ne as i64).collect();
            let ds: Vec<DrawDossier> = (0..nd).map(|i| DrawDossier { id: i as i64, label: String::new(), recused: vec![] }).collect();
            let out = draw(&ds, &experts, 5, seed).unwrap();
            check(&ds, &experts, 5, &out);
        }
    }

    #[test]
    fn a_replacement_is_one_of_the_least_loaded_and_the_same_for_the_same_record() {
        let eligible = [(1, 12), (2, 11), (3, 11), (4, 13), (5, 11)];
        for round in 0..20 {
            let e = pick_replacement(&eligible, 20141103, 7, round).unwrap();
            assert!([2, 3, 5].contains(&e), "{e} is not among the least loaded");
            assert_eq!(pick_replacement(&eligible, 20141103, 7, round), Some(e));
        }
        let picks: std::collections::HashSet<i64> =
            (0..40).map(|r| pick_replacement(&eligible, 20141103, 7, r).unwrap()).collect();
        assert_eq!(picks.len(), 3, "the seed spreads picks over the tied experts");
        assert_eq!(pick_replacement(&[(9, 3)], 1, 1, 0), Some(9));
        assert_eq!(pick_replacement(&[], 1, 1, 0), None);
    }

    #[test]
    fn different_seeds_give_different_draws() {
        let experts: Vec<i64> = (1..=12).collect();
        let ds: Vec<DrawDossier> =
            (0..30).map(|i| DrawDossier { id: i, label: String::new(), recused: vec![] }).collect();
        assert_ne!(draw(&ds, &experts, 5, 1).unwrap(), draw(&ds, &experts, 5, 2).unwrap());
    }
}
