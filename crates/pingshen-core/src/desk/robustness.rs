//! Does the ranking hold? (issue 18) The robustness report of a year, per award, from the
//! submitted sheets' totals (`ranking::scored_inputs`) and the funded set, through the pure
//! `robustness` module. Read only; the secretariat's.
//!
//! The funded count m of an award: from the decide stage on, the dossiers actually funded
//! (post-subsidy funding lines) or selected (pilot); before that, for the post-subsidy award
//! what the allocation would give now (`funding::subsidy_allocation` over the excellent dossiers
//! in rank order), for the pilot award none (no one is selected before the decide stage).
//! After a closed panel meeting the dossiers it did not pass keep their ranks but are in no
//! variant's top m (`robustness::analyse_among`): the meeting's decision is not a flip.

use super::campaign::load;
use super::ranking::{scored_inputs, ScoredInputs};
use super::rows;
use super::{Actor, Desk, Role};
use crate::error::Result;
use crate::funding;
use crate::model::Award;
use crate::robustness::{self, IccReading};
use crate::scoring::{self, DossierScores, Grade};
use crate::workflow::Stage;
use crate::{msg, t};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// Where an award's funded set (and so m) comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FundedBasis {
    /// The post-subsidy dossiers actually funded (funding lines).
    Funded,
    /// The pilot dossiers actually selected.
    Selected,
    /// Before the decide stage: the post-subsidy allocation the current results would give.
    AllocationNow,
    /// Before the decide stage, pilot: nobody selected yet (m = 0).
    NotYetSelected,
}

impl FundedBasis {
    pub fn label(self) -> &'static str {
        match self {
            FundedBasis::Funded => "实际获补助",
            FundedBasis::Selected => "实际确定的试点示范单位",
            FundedBasis::AllocationNow => "按现有结果试算的补助安排",
            FundedBasis::NotYetSelected => "尚未确定试点示范单位",
        }
    }
}

/// One way of counting and its ranking.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct RobustnessVariant {
    /// `mean`, `median`, `policy`, `z_mean`, or `without:NAME` (leaving that expert out).
    pub key: String,
    /// The variant's name in Chinese (「去掉张三」).
    pub label: String,
    /// The expert left out, for `without:` variants.
    pub expert: Option<String>,
    /// Dossier ids, best first (the award's ranked dossiers).
    pub ranking: Vec<i64>,
    /// The top m of `ranking`.
    pub funded: Vec<i64>,
}

/// A unit whose funded status under some variant differs from the actual one.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct RobustnessFlip {
    pub unit: String,
    pub dossier_id: i64,
    /// Its actual status (funded/selected, or would be under the allocation now).
    pub funded: bool,
    /// Its rank under the policy.
    pub rank: u32,
    /// The keys of the variants under which it is the other way.
    pub variants: Vec<String>,
}

/// A ranked dossier's range of ranks across the variants (the window's chart).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct RankRangeRow {
    pub dossier_id: i64,
    pub unit: String,
    pub unit_code: String,
    /// The results' rank (policy).
    pub rank: u32,
    pub min_rank: u32,
    pub max_rank: u32,
    pub funded: bool,
    /// Same status as the actual one under every variant.
    pub stable: bool,
}

/// One award's robustness.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AwardRobustness {
    pub award: Award,
    /// Dossiers ranked (the variants rank these).
    pub ranked: u32,
    /// ICC1 (single rater), three decimals; None with fewer than two dossiers of two scores, or a
    /// zero denominator.
    pub icc1: Option<f64>,
    /// ICC1k (mean of k raters), three decimals.
    pub icc1k: Option<f64>,
    pub icc1_reading: Option<IccReading>,
    pub icc1k_reading: Option<IccReading>,
    /// n: dossiers with at least two scores (the ICC's groups).
    pub icc_dossiers: u32,
    /// N: their scores.
    pub icc_scores: u32,
    /// k0, three decimals.
    pub k0: Option<f64>,
    /// m: the size of every variant's funded set.
    pub m: u32,
    pub basis: FundedBasis,
    pub variants: Vec<RobustnessVariant>,
    pub flips: Vec<RobustnessFlip>,
    /// Share of ranked dossiers whose status is the actual one under every variant, three decimals.
    pub stable_share: Option<f64>,
    /// Ranked dossiers in rank order with their range of ranks.
    pub dossiers: Vec<RankRangeRow>,
}

/// The robustness report of a year.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct RobustnessReport {
    pub year: i32,
    pub stage: Stage,
    pub awards: Vec<AwardRobustness>,
}

impl RobustnessReport {
    /// The units marked 「名次不稳定」 (their funded status flips under some variant), by award.
    pub fn unstable(&self, award: Award) -> Vec<i64> {
        self.awards.iter().filter(|a| a.award == award).flat_map(|a| a.flips.iter().map(|f| f.dossier_id)).collect()
    }
}

/// Whether the funding of the year exists (the decide stage or after).
fn funding_exists(stage: Stage) -> bool {
    matches!(stage, Stage::Decide | Stage::Publicity | Stage::Final | Stage::Published)
}

/// The funded set of each award and its basis.
fn funded_sets(
    conn: &rusqlite::Connection,
    c: &super::Campaign,
    inputs: &[DossierScores],
) -> Result<HashMap<Award, (BTreeSet<i64>, FundedBasis)>> {
    let mut out = HashMap::new();
    if funding_exists(c.stage) {
        let lines = rows::funding::all(conn, c.id)?;
        for award in Award::ALL {
            let set: BTreeSet<i64> = lines.iter().filter(|l| l.award == award).map(|l| l.dossier_id).collect();
            let basis = if award == Award::Pilot { FundedBasis::Selected } else { FundedBasis::Funded };
            out.insert(award, (set, basis));
        }
    } else {
        let results = scoring::results(inputs, &c.policy);
        let excellent: Vec<i64> = results
            .iter()
            .filter(|r| r.award == Award::Subsidy && r.grade == Some(Grade::Excellent))
            .map(|r| r.dossier_id)
            .collect();
        let now: BTreeSet<i64> =
            funding::subsidy_allocation(&excellent, &c.policy).into_iter().map(|(id, _)| id).collect();
        out.insert(Award::Subsidy, (now, FundedBasis::AllocationNow));
        out.insert(Award::Pilot, (BTreeSet::new(), FundedBasis::NotYetSelected));
    }
    Ok(out)
}

/// The report of a campaign (`Desk::robustness` without the role check; the results PDF's
/// appendix uses it too).
pub(crate) fn robustness_report(conn: &rusqlite::Connection, c: &super::Campaign) -> Result<RobustnessReport> {
    let ScoredInputs { dossiers, inputs, names, .. } = scored_inputs(conn, c)?;
    let unit_of: HashMap<i64, (&str, &str)> =
        dossiers.iter().map(|d| (d.id, (d.unit.full_name.as_str(), d.unit.code.as_str()))).collect();
    let name = |e: i64| names.get(&e).cloned().unwrap_or_default();
    let funded = funded_sets(conn, c, &inputs)?;
    // a closed panel meeting's decisions: the dossiers it did not pass are in no variant's top m
    let voted_down: BTreeSet<i64> = match rows::meeting::passed(conn, c.id)? {
        Some(passed) => inputs.iter().map(|d| d.dossier_id).filter(|id| !passed.contains(id)).collect(),
        None => BTreeSet::new(),
    };
    let mut awards = Vec::new();
    for award in Award::ALL {
        let mine: Vec<DossierScores> = inputs.iter().filter(|d| d.award == award).cloned().collect();
        let (set, basis) = funded.get(&award).cloned().unwrap_or((BTreeSet::new(), FundedBasis::NotYetSelected));
        let a = robustness::analyse_among(&mine, &c.policy, &set, &voted_down);
        let m = a.m;
        let variants: Vec<RobustnessVariant> = a
            .variants
            .iter()
            .map(|v| RobustnessVariant {
                key: v.kind.key(name),
                label: v.kind.label(name),
                expert: match v.kind {
                    robustness::VariantKind::LeaveOut(e) => Some(name(e)),
                    _ => None,
                },
                funded: v.top_among(m, &voted_down),
                ranking: v.ranking.clone(),
            })
            .collect();
        let unit = |id: i64| unit_of.get(&id).map(|u| u.0.to_string()).unwrap_or_default();
        let rank_of: HashMap<i64, u32> = a.ranges.iter().map(|r| (r.dossier_id, r.rank)).collect();
        let flipped: BTreeSet<i64> = a.flips.iter().map(|f| f.dossier_id).collect();
        let icc = a.icc;
        awards.push(AwardRobustness {
            award,
            ranked: a.ranges.len() as u32,
            icc1: icc.and_then(|i| i.icc1).map(robustness::round3),
            icc1k: icc.and_then(|i| i.icc1k).map(robustness::round3),
            icc1_reading: icc.and_then(|i| i.icc1).map(IccReading::of),
            icc1k_reading: icc.and_then(|i| i.icc1k).map(IccReading::of),
            icc_dossiers: icc.map(|i| i.dossiers as u32).unwrap_or(0),
            icc_scores: icc.map(|i| i.scores as u32).unwrap_or(0),
            k0: icc.map(|i| robustness::round3(i.k0)),
            m: m as u32,
            basis,
            flips: a
                .flips
                .iter()
                .map(|f| RobustnessFlip {
                    unit: unit(f.dossier_id),
                    dossier_id: f.dossier_id,
                    funded: f.funded,
                    rank: rank_of.get(&f.dossier_id).copied().unwrap_or(0),
                    variants: f.variants.iter().map(|&k| variants[k].key.clone()).collect(),
                })
                .collect(),
            variants,
            stable_share: a.stable_share.map(robustness::round3),
            dossiers: a
                .ranges
                .iter()
                .map(|r| RankRangeRow {
                    dossier_id: r.dossier_id,
                    unit: unit(r.dossier_id),
                    unit_code: unit_of.get(&r.dossier_id).map(|u| u.1.to_string()).unwrap_or_default(),
                    rank: r.rank,
                    min_rank: r.min,
                    max_rank: r.max,
                    funded: set.contains(&r.dossier_id),
                    stable: !flipped.contains(&r.dossier_id),
                })
                .collect(),
        });
    }
    Ok(RobustnessReport { year: c.year, stage: c.stage, awards })
}

impl Desk {
    /// Does the ranking hold? Per award: ICC1 and ICC1k of the submitted totals, the ranking
    /// under each variant (mean, median, policy, z-mean, each expert left out) with its top m,
    /// the flips, the stable share and each dossier's range of ranks (secretariat only; read only).
    pub fn robustness(&self, actor: &Actor, year: Option<i32>) -> Result<RobustnessReport> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_VIEW_ROBUSTNESS))?;
        let c = load(&self.conn, year)?;
        robustness_report(&self.conn, &c)
    }
}
