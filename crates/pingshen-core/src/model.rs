//! What things are: awards, indicators, dossiers, experts, scores — the plain data the rest of the
//! core works on. No I/O here.

use crate::decimal::{Centi, Ratio};
use crate::error::{Error, Result};
use crate::{msg, t, Text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Award {
    /// 试点示范
    Pilot,
    /// 后补助
    Subsidy,
}

impl Award {
    pub const ALL: [Award; 2] = [Award::Pilot, Award::Subsidy];
    pub fn label(self) -> &'static str {
        match self {
            Award::Pilot => "试点示范",
            Award::Subsidy => "后补助",
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Award::Pilot => "pilot",
            Award::Subsidy => "subsidy",
        }
    }
    /// Accepts the Chinese label or the code.
    pub fn parse(s: &str) -> Option<Award> {
        match s.trim() {
            "试点示范" | "pilot" | "试点" => Some(Award::Pilot),
            "后补助" | "subsidy" => Some(Award::Subsidy),
            _ => None,
        }
    }
    pub fn parse_field(field: impl Into<Text>, s: &str) -> Result<Award> {
        Award::parse(s).ok_or_else(|| Error::invalid(field, t!(msg::INPUT_AWARD_INVALID, text = s)))
    }
}

/// The indicator ids used by rubric formulas, with their Chinese labels (SPEC "Indicators").
pub const INDICATORS: [(&str, &str); 11] = [
    ("industrial_enterprises", "规上工业企业数"),
    ("associations_total", "企业科协总数"),
    ("associations_new", "本年新建企业科协数"),
    ("building_task", "本年组建任务数"),
    ("liaison_enterprises", "建立科协联系人制度企业数"),
    ("zones", "园区总数"),
    ("zones_with_association", "已建科协园区数"),
    ("national_zones", "国家级园区数"),
    ("national_zones_with_association", "已建科协国家级园区数"),
    ("workstations", "院士专家工作站数"),
    ("county_points", "县级联系点建会建站数"),
];

pub fn indicator_label(id: &str) -> &str {
    INDICATORS.iter().find(|(k, _)| *k == id).map(|(_, l)| *l).unwrap_or(id)
}

/// The indicator's name as a text (its Chinese is [`indicator_label`]); an unknown id is shown as it is.
pub fn indicator_text(id: &str) -> Text {
    let m = match id {
        "industrial_enterprises" => &msg::INPUT_IND_INDUSTRIAL_ENTERPRISES,
        "associations_total" => &msg::INPUT_IND_ASSOCIATIONS_TOTAL,
        "associations_new" => &msg::INPUT_IND_ASSOCIATIONS_NEW,
        "building_task" => &msg::INPUT_IND_BUILDING_TASK,
        "liaison_enterprises" => &msg::INPUT_IND_LIAISON_ENTERPRISES,
        "zones" => &msg::INPUT_IND_ZONES,
        "zones_with_association" => &msg::INPUT_IND_ZONES_WITH_ASSOCIATION,
        "national_zones" => &msg::INPUT_IND_NATIONAL_ZONES,
        "national_zones_with_association" => &msg::INPUT_IND_NATIONAL_ZONES_WITH_ASSOCIATION,
        "workstations" => &msg::INPUT_IND_WORKSTATIONS,
        "county_points" => &msg::INPUT_IND_COUNTY_POINTS,
        _ => return t!(msg::INPUT_DETAIL, detail = id),
    };
    t!(*m)
}

/// The year's quantitative indicators a dossier reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Indicators {
    pub industrial_enterprises: i64,
    pub associations_total: i64,
    pub associations_new: i64,
    pub building_task: i64,
    pub liaison_enterprises: i64,
    pub zones: i64,
    pub zones_with_association: i64,
    pub national_zones: i64,
    pub national_zones_with_association: i64,
    pub workstations: i64,
    pub county_points: i64,
}

impl Indicators {
    pub fn get(&self, id: &str) -> Option<i64> {
        Some(match id {
            "industrial_enterprises" => self.industrial_enterprises,
            "associations_total" => self.associations_total,
            "associations_new" => self.associations_new,
            "building_task" => self.building_task,
            "liaison_enterprises" => self.liaison_enterprises,
            "zones" => self.zones,
            "zones_with_association" => self.zones_with_association,
            "national_zones" => self.national_zones,
            "national_zones_with_association" => self.national_zones_with_association,
            "workstations" => self.workstations,
            "county_points" => self.county_points,
            _ => return None,
        })
    }
    pub fn set(&mut self, id: &str, v: i64) -> bool {
        let slot = match id {
            "industrial_enterprises" => &mut self.industrial_enterprises,
            "associations_total" => &mut self.associations_total,
            "associations_new" => &mut self.associations_new,
            "building_task" => &mut self.building_task,
            "liaison_enterprises" => &mut self.liaison_enterprises,
            "zones" => &mut self.zones,
            "zones_with_association" => &mut self.zones_with_association,
            "national_zones" => &mut self.national_zones,
            "national_zones_with_association" => &mut self.national_zones_with_association,
            "workstations" => &mut self.workstations,
            "county_points" => &mut self.county_points,
            _ => return false,
        };
        *slot = v;
        true
    }

    fn ratio(num: i64, den: i64) -> Option<Ratio> {
        (den > 0).then(|| Ratio::new(num as i128, den as i128))
    }
    /// 任务完成率 = new associations / building task (None when no task was assigned).
    pub fn task_completion_rate(&self) -> Option<Ratio> {
        Self::ratio(self.associations_new, self.building_task)
    }
    /// 企业科协覆盖率 = associations / industrial enterprises above designated size.
    pub fn enterprise_coverage(&self) -> Option<Ratio> {
        Self::ratio(self.associations_total, self.industrial_enterprises)
    }
    /// 园区科协覆盖率.
    pub fn zone_coverage(&self) -> Option<Ratio> {
        Self::ratio(self.zones_with_association, self.zones)
    }
    /// 国家级园区科协覆盖率.
    pub fn national_zone_coverage(&self) -> Option<Ratio> {
        Self::ratio(self.national_zones_with_association, self.national_zones)
    }

    /// Plausibility (SPEC "Recommend": parts ≤ wholes, ratios within 0–100 %). Returns every
    /// problem as (field label, message with the fix), in Chinese; [`Indicators::plausibility_texts`]
    /// gives the same as texts.
    pub fn plausibility_problems(&self) -> Vec<(String, String)> {
        self.plausibility_texts().into_iter().map(|(id, text)| (indicator_label(id).to_string(), text.zh())).collect()
    }

    /// [`Indicators::plausibility_problems`] as (indicator id, message with the fix): the
    /// indicator's name is [`indicator_label`] or [`indicator_text`].
    pub fn plausibility_texts(&self) -> Vec<(&'static str, Text)> {
        let mut p = Vec::new();
        for (id, _) in INDICATORS {
            if self.get(id).unwrap_or(0) < 0 {
                p.push((id, t!(msg::INPUT_PLAUS_NEGATIVE)));
            }
        }
        let part_whole = [
            ("zones_with_association", "zones"),
            ("national_zones_with_association", "national_zones"),
            ("national_zones", "zones"),
            ("national_zones_with_association", "zones_with_association"),
            ("associations_new", "associations_total"),
            ("associations_total", "industrial_enterprises"),
        ];
        for (part, whole) in part_whole {
            let (a, b) = (self.get(part).unwrap_or(0), self.get(whole).unwrap_or(0));
            if a > b {
                p.push((
                    part,
                    t!(msg::INPUT_PLAUS_PART_ABOVE_WHOLE, value = a, whole = indicator_text(whole), whole_value = b),
                ));
            }
        }
        p
    }
}

/// The four narrative sections of a dossier (SPEC "Apply").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Narratives {
    /// 组织领导情况
    pub leadership: String,
    /// 组织建设成效
    pub building: String,
    /// 服务企业创新情况
    pub services: String,
    /// 特色做法
    pub distinctive: String,
}

impl Narratives {
    pub const LABELS: [&'static str; 4] = ["组织领导情况", "组织建设成效", "服务企业创新情况", "特色做法"];
    pub fn sections(&self) -> [(&'static str, &str); 4] {
        [
            (Self::LABELS[0], &self.leadership),
            (Self::LABELS[1], &self.building),
            (Self::LABELS[2], &self.services),
            (Self::LABELS[3], &self.distinctive),
        ]
    }
}

/// A dossier as entered or imported, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DossierInput {
    /// Unit code of the 47-unit list.
    pub unit_code: String,
    pub award: Award,
    pub contact_name: String,
    pub contact_phone: String,
    /// The date the secretariat received it; None = still a draft.
    pub submitted_on: Option<NaiveDate>,
    pub indicators: Indicators,
    /// Pledged matching funds in yuan (pilot award).
    pub matching_funds_yuan: i64,
    pub narratives: Narratives,
}

/// An expert as entered or imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ExpertInput {
    pub name: String,
    pub employer: String,
    /// Short province name (湖北), as units.json `province`.
    pub province: String,
    pub field: String,
    pub phone: String,
    /// Unit codes the expert declared a conflict with.
    pub conflicts: Vec<String>,
}

/// One typed score: expert × unit × criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ScoreInput {
    pub criterion: String,
    pub points: Centi,
    pub comment: String,
}

/// Province names as experts write them (湖北省 / 湖北 / 广西壮族自治区 …) → the short form.
pub fn normalize_province(s: &str) -> Option<String> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return None;
    }
    for u in crate::units::all() {
        if u.kind == crate::units::UnitKind::SubProvincialCity {
            continue;
        }
        if s == u.region || s == u.province || (u.kind == crate::units::UnitKind::Corps && s == "兵团") {
            return Some(u.province.clone());
        }
    }
    None
}

impl Award {
    /// The award's name as a text.
    pub fn text(self) -> crate::Text {
        match self {
            Award::Pilot => crate::t!(crate::msg::AWARD_PILOT),
            Award::Subsidy => crate::t!(crate::msg::AWARD_SUBSIDY),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn award_names() {
        assert_eq!(Award::parse("试点示范"), Some(Award::Pilot));
        assert_eq!(Award::parse("后补助"), Some(Award::Subsidy));
        assert!(Award::parse_field(t!(msg::INPUT_FIELD_AWARD), "优秀奖").unwrap_err().to_string().contains("试点示范"));
    }

    #[test]
    fn provinces_normalize() {
        assert_eq!(normalize_province("湖北省").as_deref(), Some("湖北"));
        assert_eq!(normalize_province("湖北").as_deref(), Some("湖北"));
        assert_eq!(normalize_province("广西壮族自治区").as_deref(), Some("广西"));
        assert_eq!(normalize_province("新疆生产建设兵团").as_deref(), Some("新疆"));
        assert_eq!(normalize_province("火星"), None);
    }

    #[test]
    fn plausibility_catches_parts_above_wholes() {
        let mut i =
            Indicators { zones: 10, zones_with_association: 12, industrial_enterprises: 100, ..Default::default() };
        let p = i.plausibility_problems();
        assert!(p.iter().any(|(f, m)| f == "已建科协园区数" && m.contains("园区总数")), "{p:?}");
        i.zones_with_association = 3;
        assert!(i.plausibility_problems().is_empty());
        i.workstations = -1;
        assert!(i.plausibility_problems().iter().any(|(f, _)| f == "院士专家工作站数"));
    }

    #[test]
    fn indicator_texts_are_their_labels() {
        for (id, label) in INDICATORS {
            assert_eq!(indicator_text(id).zh(), label);
        }
        assert_eq!(indicator_text("bogus").zh(), "bogus");
    }
}
