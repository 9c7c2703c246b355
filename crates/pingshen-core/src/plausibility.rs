//! Year-over-year plausibility (issue 16, item 4): a unit's figures and texts this year checked
//! against its own dossier of the year before. Findings for the formal check, never a refusal:
//! the clerk marks each 已核实 with a note, or returns the dossier. Pure; every rule is one
//! function or constant here, and RULES.md maps them.
//!
//! - a cumulative count that went down → `yoy_decrease_<indicator>` ([`CUMULATIVE`]);
//! - more new associations than the total rose by, beyond `Policy::yoy_new_tolerance` →
//!   `yoy_new_exceeds_rise` ([`new_exceeds_rise`]);
//! - a derived ratio that moved by more than [`RATIO_MOVE_POINTS`] percentage points →
//!   `yoy_ratio_<ratio>` ([`RATIOS`]);
//! - a narrative section whose sentences are mostly last year's (share ≥
//!   `Policy::yoy_copied_percent`) → `yoy_copied_<section>` ([`sentences`], [`copied_share`]).

use crate::decimal::Ratio;
use crate::model::{indicator_label, Indicators, Narratives};
use crate::rules::Policy;
use serde::{Deserialize, Serialize};

/// The counts that accumulate year by year and so should never go down: 企业科协总数,
/// 已建科协园区数, 已建科协国家级园区数, 院士专家工作站数.
pub const CUMULATIVE: [&str; 4] =
    ["associations_total", "zones_with_association", "national_zones_with_association", "workstations"];

/// The derived ratios compared (ids as the rubrics name them) with their labels.
pub const RATIOS: [(&str, &str); 4] = [
    ("task_completion", "任务完成率"),
    ("enterprise_coverage", "企业科协覆盖率"),
    ("zone_coverage", "园区科协覆盖率"),
    ("national_zone_coverage", "国家级园区科协覆盖率"),
];

/// A derived ratio that moved by more than this many percentage points is a finding.
pub const RATIO_MOVE_POINTS: i128 = 50;

/// Where a narrative is cut into sentences: 。！？； and line breaks.
pub const SENTENCE_ENDS: [char; 6] = ['。', '！', '？', '；', '\n', '\r'];

/// The narrative sections' ids, in the order of `Narratives::LABELS`.
pub const SECTIONS: [&str; 4] = ["leadership", "building", "services", "distinctive"];

/// One year-over-year finding: what, and both years' values side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct YoyFinding {
    /// `yoy_decrease_<indicator>`, `yoy_new_exceeds_rise`, `yoy_ratio_<ratio>` or `yoy_copied_<section>`.
    pub code: String,
    /// The indicator, ratio or narrative section the finding names (its id).
    pub subject: String,
    /// Its Chinese name.
    pub label: String,
    /// This year's value as shown (a count, a percentage, or the section's text).
    pub this_year: String,
    /// Last year's value, shown the same way.
    pub last_year: String,
    /// The finding in words, with the threshold it crossed.
    pub message: String,
}

/// A ratio as a percentage with two decimals (rounded half away from zero): 「45.00%」.
pub fn percent(r: Ratio) -> String {
    let hundredths = (r * Ratio::int(10_000)).round_half_away();
    let sign = if hundredths < 0 { "-" } else { "" };
    let h = hundredths.abs();
    format!("{sign}{}.{:02}%", h / 100, h % 100)
}

fn ratio_of(i: &Indicators, id: &str) -> Option<Ratio> {
    match id {
        "task_completion" => i.task_completion_rate(),
        "enterprise_coverage" => i.enterprise_coverage(),
        "zone_coverage" => i.zone_coverage(),
        "national_zone_coverage" => i.national_zone_coverage(),
        _ => None,
    }
}

/// A cumulative count ([`CUMULATIVE`]) lower than last year's.
pub fn decreases(this: &Indicators, last: &Indicators) -> Vec<YoyFinding> {
    CUMULATIVE
        .iter()
        .filter_map(|id| {
            let (now, before) = (this.get(id)?, last.get(id)?);
            (now < before).then(|| YoyFinding {
                code: format!("yoy_decrease_{id}"),
                subject: id.to_string(),
                label: indicator_label(id).to_string(),
                this_year: now.to_string(),
                last_year: before.to_string(),
                message: format!(
                    "「{}」为累计数，本年{now}比上年{before}减少{}，请核实",
                    indicator_label(id),
                    before - now
                ),
            })
        })
        .collect()
}

/// New associations this year (本年新建企业科协数) exceeding the rise of the total
/// (企业科协总数 this year − last year) by more than `tolerance`.
pub fn new_exceeds_rise(this: &Indicators, last: &Indicators, tolerance: i64) -> Option<YoyFinding> {
    let rise = this.associations_total - last.associations_total;
    let excess = this.associations_new - rise;
    (excess > tolerance).then(|| YoyFinding {
        code: "yoy_new_exceeds_rise".into(),
        subject: "associations_new".into(),
        label: indicator_label("associations_new").to_string(),
        this_year: format!("新建{}，总数{}", this.associations_new, this.associations_total),
        last_year: format!("总数{}", last.associations_total),
        message: format!(
            "本年新建企业科协{}家，但企业科协总数只比上年增加{rise}家，多出{excess}家，超过容差{tolerance}家，请核实",
            this.associations_new
        ),
    })
}

/// A derived ratio ([`RATIOS`]) that moved by more than [`RATIO_MOVE_POINTS`] percentage points
/// (both years must have it: a ratio over a zero denominator is not compared).
pub fn ratio_moves(this: &Indicators, last: &Indicators) -> Vec<YoyFinding> {
    RATIOS
        .iter()
        .filter_map(|(id, label)| {
            let (now, before) = (ratio_of(this, id)?, ratio_of(last, id)?);
            let moved = (now - before).abs();
            (moved > Ratio::new(RATIO_MOVE_POINTS, 100)).then(|| YoyFinding {
                code: format!("yoy_ratio_{id}"),
                subject: id.to_string(),
                label: label.to_string(),
                this_year: percent(now),
                last_year: percent(before),
                message: format!(
                    "「{label}」比上年{}{}个百分点，超过{RATIO_MOVE_POINTS}个百分点，请核实",
                    if now > before { "上升" } else { "下降" },
                    percent(moved).trim_end_matches('%')
                ),
            })
        })
        .collect()
}

/// A text cut into sentences at [`SENTENCE_ENDS`], each with its whitespace normalised (runs of
/// whitespace made one space, trimmed); empty pieces dropped.
pub fn sentences(text: &str) -> Vec<String> {
    text.split(|c| SENTENCE_ENDS.contains(&c))
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect()
}

/// (sentences of `this` found among `last`'s, sentences of `this`).
pub fn copied_share(this: &str, last: &str) -> (usize, usize) {
    let before: std::collections::HashSet<String> = sentences(last).into_iter().collect();
    let now = sentences(this);
    (now.iter().filter(|s| before.contains(*s)).count(), now.len())
}

/// A narrative section whose share of sentences identical to last year's is at least `percent`.
pub fn copied(this: &Narratives, last: &Narratives, percent: u32) -> Vec<YoyFinding> {
    this.sections()
        .iter()
        .zip(last.sections().iter())
        .zip(SECTIONS)
        .filter_map(|(((label, now), (_, before)), id)| {
            let (same, total) = copied_share(now, before);
            (total > 0 && same * 100 >= percent as usize * total).then(|| YoyFinding {
                code: format!("yoy_copied_{id}"),
                subject: id.to_string(),
                label: label.to_string(),
                this_year: now.to_string(),
                last_year: before.to_string(),
                message: format!(
                    "「{label}」{total}句中有{same}句与上年相同（{}%），达到{percent}%，请核实是否照抄上年材料",
                    same * 100 / total
                ),
            })
        })
        .collect()
}

/// Every year-over-year finding of a dossier against the unit's dossier of the year before.
pub fn yoy_findings(
    this: (&Indicators, &Narratives),
    last: (&Indicators, &Narratives),
    policy: &Policy,
) -> Vec<YoyFinding> {
    let mut v = decreases(this.0, last.0);
    v.extend(new_exceeds_rise(this.0, last.0, policy.yoy_new_tolerance));
    v.extend(ratio_moves(this.0, last.0));
    v.extend(copied(this.1, last.1, policy.yoy_copied_percent));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ind() -> Indicators {
        Indicators {
            industrial_enterprises: 10000,
            associations_total: 1500,
            associations_new: 100,
            building_task: 100,
            liaison_enterprises: 400,
            zones: 40,
            zones_with_association: 20,
            national_zones: 5,
            national_zones_with_association: 4,
            workstations: 30,
            county_points: 5,
        }
    }

    fn codes(v: &[YoyFinding]) -> Vec<&str> {
        v.iter().map(|f| f.code.as_str()).collect()
    }

    /// Issue 16 §4: 「a cumulative count that went down (enterprise associations, zones with an
    /// association, national zones with an association, academician-expert workstations)」.
    #[test]
    fn issue_16_a_cumulative_count_that_went_down() {
        let last = ind();
        let mut this = ind();
        this.associations_total = 1600;
        assert!(decreases(&this, &last).is_empty());
        this.workstations = 28;
        this.zones_with_association = 19;
        this.county_points = 1; // not cumulative: never a finding
        let f = decreases(&this, &last);
        assert_eq!(codes(&f), ["yoy_decrease_zones_with_association", "yoy_decrease_workstations"]);
        assert_eq!((f[1].this_year.as_str(), f[1].last_year.as_str()), ("28", "30"));
        assert!(f[1].message.contains("院士专家工作站数") && f[1].message.contains("减少2"), "{}", f[1].message);
    }

    /// Issue 16 §4: 「new associations this year larger than the rise of the total by more than the
    /// policy's tolerance」.
    #[test]
    fn issue_16_new_associations_beyond_the_rise_of_the_total() {
        let last = ind();
        let mut this = ind();
        this.associations_total = 1560; // rose by 60
        this.associations_new = 65; // 5 more than the rise: within a tolerance of 5
        assert_eq!(new_exceeds_rise(&this, &last, 5), None);
        this.associations_new = 66;
        let f = new_exceeds_rise(&this, &last, 5).unwrap();
        assert_eq!(f.code, "yoy_new_exceeds_rise");
        assert_eq!((f.this_year.as_str(), f.last_year.as_str()), ("新建66，总数1560", "总数1500"));
        assert!(f.message.contains("多出6家") && f.message.contains("容差5家"), "{}", f.message);
        assert!(new_exceeds_rise(&this, &last, 6).is_none());
    }

    /// Issue 16 §4: 「a derived ratio that moved by more than 50 percentage points」 (exactly 50 is not).
    #[test]
    fn issue_16_a_ratio_that_moved_by_more_than_50_points() {
        let last = ind(); // zone coverage 20/40 = 50 %
        let mut this = ind();
        this.zones_with_association = 40; // 100 %: exactly 50 points up
        assert!(ratio_moves(&this, &last).is_empty());
        this.zones = 39; // 40/39 > 100 %: more than 50 points
        let f = ratio_moves(&this, &last);
        assert_eq!(codes(&f), ["yoy_ratio_zone_coverage"]);
        assert_eq!((f[0].this_year.as_str(), f[0].last_year.as_str()), ("102.56%", "50.00%"));
        this = ind();
        this.building_task = 0; // no task: the completion rate is not compared
        this.associations_new = 10_000;
        assert!(!codes(&ratio_moves(&this, &last)).contains(&"yoy_ratio_task_completion"));
        this.building_task = 100;
        this.associations_new = 40; // 40 % after 100 %: 60 points down
        let f = ratio_moves(&this, &last);
        assert_eq!(codes(&f), ["yoy_ratio_task_completion"]);
        assert!(f[0].message.contains("下降60.00个百分点"), "{}", f[0].message);
    }

    /// Issue 16 §4: sentences cut at 。！？； and line breaks, whitespace normalised.
    #[test]
    fn issue_16_sentences_split_and_normalised() {
        assert_eq!(
            sentences("一是  加强领导。二是\t建章立制！\n三是？四是；；\r\n  "),
            ["一是 加强领导", "二是 建章立制", "三是", "四是"]
        );
        assert_eq!(copied_share("甲。乙。丙。", "乙。 甲 。丁。"), (2, 3));
        assert_eq!(copied_share("", "甲。"), (0, 0));
    }

    /// Issue 16 §4: 「a narrative section whose text is mostly last year's (share of identical
    /// sentences ≥ 60 %, threshold in the policy)」.
    #[test]
    fn issue_16_a_narrative_mostly_last_years() {
        let last = Narratives {
            leadership: "甲。乙。丙。丁。戊。".into(),
            building: "一。二。".into(),
            services: "同。".into(),
            distinctive: String::new(),
        };
        let this = Narratives {
            leadership: "甲。乙。丙。新一。新二。".into(), // 3/5 = 60 %
            building: "一。新。新二。".into(),             // 1/3
            services: String::new(),                       // nothing written: not a copy
            distinctive: "全新。".into(),
        };
        let f = copied(&this, &last, 60);
        assert_eq!(codes(&f), ["yoy_copied_leadership"]);
        assert_eq!(f[0].label, "组织领导情况");
        assert_eq!(f[0].this_year, this.leadership);
        assert_eq!(f[0].last_year, last.leadership);
        assert!(f[0].message.contains("5句中有3句与上年相同（60%）"), "{}", f[0].message);
        assert!(copied(&this, &last, 61).is_empty(), "the threshold is the policy's");
    }

    #[test]
    fn percentages_are_rounded_half_away() {
        assert_eq!(percent(Ratio::new(1, 3)), "33.33%");
        assert_eq!(percent(Ratio::new(2, 3)), "66.67%");
        assert_eq!(percent(Ratio::new(-1, 8)), "-12.50%");
    }

    #[test]
    fn every_rule_together_and_the_default_policy() {
        let p = Policy::default();
        assert_eq!((p.yoy_new_tolerance, p.yoy_copied_percent, p.rotate_pairs), (5, 60, true));
        let n = Narratives { leadership: "甲。".into(), ..Default::default() };
        let mut this = ind();
        this.associations_total = 1600; // 100 new, the total 100 higher
        assert!(yoy_findings((&this, &n), (&ind(), &Narratives::default()), &p).is_empty());
        this.workstations = 1;
        let f = yoy_findings((&this, &n), (&ind(), &n), &p);
        assert_eq!(codes(&f), ["yoy_decrease_workstations", "yoy_copied_leadership"]);
    }
}
