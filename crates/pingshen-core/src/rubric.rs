//! Scoring rubrics as data (`assets/rubrics/*.toml`), and the auto criteria computed from
//! indicators by the formula the rubric file states.

use crate::decimal::{Centi, Ratio};
use crate::error::{Error, Result};
use crate::model::{Award, Indicators};
use crate::{msg, t, Text};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum How {
    Expert,
    Auto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    /// Maximum points (whole points).
    pub points: i64,
    pub how: How,
    /// Auto criteria: indicator ids and the target ratio (a decimal string, e.g. "0.25").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

impl Criterion {
    pub fn max(&self) -> Centi {
        Centi::from_points(self.points)
    }
    pub fn is_auto(&self) -> bool {
        self.how == How::Auto
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Rubric {
    pub id: String,
    pub award: Award,
    pub version: String,
    pub title: String,
    /// Step of expert scores, a decimal string ("0.5").
    pub step: String,
    /// What a zero denominator gives: "full" (the unit had nothing to build).
    pub zero_denominator: String,
    pub criteria: Vec<Criterion>,
}

/// Parses a non-negative decimal string into a ratio ("0.122" → 122/1000).
fn parse_decimal(s: &str) -> Option<Ratio> {
    let (i, f) = s.trim().split_once('.').unwrap_or((s.trim(), ""));
    if i.is_empty() && f.is_empty() || !i.chars().chain(f.chars()).all(|c| c.is_ascii_digit()) || f.len() > 9 {
        return None;
    }
    let den = 10i128.pow(f.len() as u32);
    let iv: i128 = if i.is_empty() { 0 } else { i.parse().ok()? };
    let fv: i128 = if f.is_empty() { 0 } else { f.parse().ok()? };
    Some(Ratio::new(iv * den + fv, den))
}

impl Rubric {
    pub fn default_for(award: Award) -> Rubric {
        let text = match award {
            Award::Pilot => include_str!("../../../assets/rubrics/pilot.toml"),
            Award::Subsidy => include_str!("../../../assets/rubrics/subsidy.toml"),
        };
        Rubric::from_toml(text).expect("bundled rubric is valid (checked by tests)")
    }

    pub fn from_toml(text: &str) -> Result<Rubric> {
        let r: Rubric = toml::from_str(text).map_err(|e| {
            Error::invalid(t!(msg::INPUT_FIELD_RUBRIC_FILE), t!(msg::INPUT_RUBRIC_FORMAT, detail = e.to_string()))
        })?;
        r.validate()?;
        Ok(r)
    }

    /// The step of expert scores in hundredths; None when the stored text is not a positive
    /// decimal (`validate` refuses such a rubric, so only a damaged database can hold one).
    pub fn step(&self) -> Option<Centi> {
        Centi::parse(&self.step).filter(|s| s.0 > 0)
    }

    pub fn total(&self) -> i64 {
        self.criteria.iter().map(|c| c.points).sum()
    }

    /// Checks the rubric is usable: unique ids, positive points, total 100, formulas complete.
    pub fn validate(&self) -> Result<()> {
        let f = |message: Text| Error::invalid(t!(msg::INPUT_FIELD_RUBRIC), message);
        let step = self.step().ok_or_else(|| f(t!(msg::INPUT_RUBRIC_BAD_STEP, step = self.step.as_str())))?;
        if self.zero_denominator != "full" {
            return Err(f(t!(msg::INPUT_RUBRIC_ZERO_DENOMINATOR)));
        }
        let mut ids = std::collections::HashSet::new();
        for c in &self.criteria {
            if !ids.insert(c.id.as_str()) {
                return Err(f(t!(msg::INPUT_RUBRIC_DUPLICATE_ID, id = c.id.as_str())));
            }
            if c.points <= 0 {
                return Err(f(t!(msg::INPUT_RUBRIC_POINTS_POSITIVE, name = c.name.as_str())));
            }
            if c.how == How::Expert && c.max().0 % step.0 != 0 {
                return Err(f(t!(msg::INPUT_RUBRIC_MAX_NOT_STEP, name = c.name.as_str())));
            }
            if c.how == How::Auto {
                let ok = |o: &Option<String>| o.as_deref().and_then(|x| Indicators::default().get(x)).is_some();
                if !ok(&c.numerator) || !ok(&c.denominator) {
                    return Err(f(t!(msg::INPUT_RUBRIC_AUTO_UNKNOWN, name = c.name.as_str())));
                }
                if c.target.as_deref().and_then(parse_decimal).is_none_or(|t| t.num() <= 0) {
                    return Err(f(t!(msg::INPUT_RUBRIC_AUTO_TARGET, name = c.name.as_str())));
                }
            }
        }
        if self.total() != 100 {
            return Err(f(t!(msg::INPUT_RUBRIC_TOTAL, total = self.total())));
        }
        Ok(())
    }

    pub fn criterion(&self, id_or_name: &str) -> Option<&Criterion> {
        let k = id_or_name.trim();
        self.criteria.iter().find(|c| c.id == k || c.name == k)
    }

    pub fn expert_criteria(&self) -> impl Iterator<Item = &Criterion> {
        self.criteria.iter().filter(|c| !c.is_auto())
    }

    pub fn auto_criteria(&self) -> impl Iterator<Item = &Criterion> {
        self.criteria.iter().filter(|c| c.is_auto())
    }

    /// An auto criterion's score: points × min((num / den) / target, 1), exact, rounded half away
    /// from zero to 0.01; a zero denominator gives the full points.
    pub fn auto_score(&self, c: &Criterion, ind: &Indicators) -> Centi {
        let num = c.numerator.as_deref().and_then(|k| ind.get(k)).unwrap_or(0);
        let den = c.denominator.as_deref().and_then(|k| ind.get(k)).unwrap_or(0);
        let target = c.target.as_deref().and_then(parse_decimal).unwrap_or(Ratio::int(1));
        if den <= 0 {
            return c.max();
        }
        let max = Ratio::int(c.max().0 as i128);
        let v = (max * Ratio::new(num.max(0) as i128, den as i128) / target).min(max);
        Centi(v.round_half_away() as i64)
    }

    /// Auto scores for every auto criterion, in rubric order.
    pub fn auto_scores(&self, ind: &Indicators) -> Vec<(String, Centi)> {
        self.auto_criteria().map(|c| (c.id.clone(), self.auto_score(c, ind))).collect()
    }

    /// The sum of [`Rubric::auto_scores`] (without collecting them).
    pub fn auto_subtotal(&self, ind: &Indicators) -> Centi {
        Centi(self.auto_criteria().map(|c| self.auto_score(c, ind).0).sum())
    }

    /// Checks one typed expert score: an expert criterion, within 0..max, on the step. The
    /// refusal in Chinese; [`Rubric::check_expert_score_text`] gives it as a text.
    pub fn check_expert_score(&self, criterion: &str, points: Centi) -> std::result::Result<&Criterion, String> {
        self.check_expert_score_text(criterion, points).map_err(|t| t.zh())
    }

    /// [`Rubric::check_expert_score`], refusing with a text.
    pub fn check_expert_score_text(&self, criterion: &str, points: Centi) -> std::result::Result<&Criterion, Text> {
        let c = self.criterion(criterion).ok_or_else(|| {
            t!(
                msg::INPUT_SCORE_UNKNOWN_CRITERION,
                criterion,
                rubric = self.title.as_str(),
                ids = self.expert_criteria().map(|c| c.id.as_str()).collect::<Vec<_>>().join("、")
            )
        })?;
        if c.is_auto() {
            return Err(t!(msg::INPUT_SCORE_AUTO, name = c.name.as_str()));
        }
        if points.0 < 0 || points > c.max() {
            return Err(t!(msg::INPUT_SCORE_OUT_OF_RANGE, points, name = c.name.as_str(), max = c.points));
        }
        let step = self
            .step()
            .ok_or_else(|| t!(msg::INPUT_SCORE_BAD_STEP, rubric = self.title.as_str(), step = self.step.as_str()))?;
        if points.0 % step.0 != 0 {
            return Err(t!(msg::INPUT_SCORE_NOT_STEP, points, step = self.step.as_str()));
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_rubrics_are_valid_and_match_spec() {
        let s = Rubric::default_for(Award::Subsidy);
        assert_eq!(s.criteria.len(), 9);
        assert_eq!(s.total(), 100);
        assert_eq!(s.auto_criteria().count(), 3);
        let p = Rubric::default_for(Award::Pilot);
        assert_eq!(p.criteria.len(), 7);
        assert_eq!(p.total(), 100);
        assert_eq!(p.criterion("distinctive").map(|c| c.points), Some(30));
    }

    /// SPEC: task_completion = 15 × min(rate, 1); zone_coverage = 10 × min(cov / 0.25, 1);
    /// national_zone_coverage = 5 × min(cov / 0.40, 1); zero denominator → full points.
    #[test]
    fn auto_formulas() {
        let r = Rubric::default_for(Award::Subsidy);
        let ind = Indicators {
            associations_new: 2,
            building_task: 3,
            zones: 30,
            zones_with_association: 4,
            national_zones: 7,
            national_zones_with_association: 1,
            ..Default::default()
        };
        let sc: std::collections::HashMap<_, _> = r.auto_scores(&ind).into_iter().collect();
        assert_eq!(sc["task_completion"], Centi(1000)); // 15 × 2/3 = 10.00
        assert_eq!(sc["zone_coverage"], Centi(533)); // 10 × (4/30)/0.25 = 5.333… → 5.33
        assert_eq!(sc["national_zone_coverage"], Centi(179)); // 5 × (1/7)/0.4 = 1.7857… → 1.79
        let none = Indicators::default();
        assert_eq!(r.auto_subtotal(&none), Centi(3000));
        let over = Indicators { associations_new: 9, building_task: 3, ..Default::default() };
        assert_eq!(r.auto_score(r.criterion("task_completion").unwrap(), &over), Centi(1500));
        // half away from zero: 10 × (1/8)/0.25 = 5.0; 5 × (1/16)/0.4 = 0.78125 → 0.78
        let p = Rubric::default_for(Award::Pilot);
        let ind = Indicators { associations_total: 61, industrial_enterprises: 1000, ..Default::default() };
        assert_eq!(p.auto_score(p.criterion("enterprise_coverage").unwrap(), &ind), Centi(500)); // 10 × 0.061/0.122
        let ind = Indicators { associations_total: 1, industrial_enterprises: 8, ..Default::default() };
        assert_eq!(p.auto_score(p.criterion("enterprise_coverage").unwrap(), &ind), Centi(1000));
    }

    #[test]
    fn expert_score_checks() {
        let r = Rubric::default_for(Award::Subsidy);
        assert!(r.check_expert_score("leadership", Centi(850)).is_ok());
        assert!(r.check_expert_score("组织领导：列入议事日程，领导分管，专人负责", Centi(1000)).is_ok());
        assert!(r.check_expert_score("leadership", Centi(825)).unwrap_err().contains("0.5"));
        assert!(r.check_expert_score("leadership", Centi(1050)).unwrap_err().contains("超出范围"));
        assert!(r.check_expert_score("leadership", Centi(-50)).is_err());
        assert!(r.check_expert_score("zone_coverage", Centi(500)).unwrap_err().contains("自动计算"));
        assert!(r.check_expert_score("nonsense", Centi(500)).unwrap_err().contains("leadership"));
    }

    #[test]
    fn invalid_rubrics_are_refused() {
        let mut r = Rubric::default_for(Award::Subsidy);
        r.criteria[0].points = 20;
        assert!(r.validate().unwrap_err().to_string().contains("合计为110"));
        let mut r = Rubric::default_for(Award::Subsidy);
        r.criteria[2].numerator = Some("bogus".into());
        assert!(r.validate().is_err());
    }
}
