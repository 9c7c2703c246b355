//! The rules of seed 002 (`shared/seeds/002_f32f64a28ea42285.txt`, 《中国科协2014年推进企业科协组织建设工作
//! 实施方案》, 科协计函企字〔2014〕25号) and the campaign's review policy, in one place.
//!
//! Each rule is one constant or one function with the seed sentence it implements quoted in its
//! doc comment, and a test below that cites it. RULES.md maps every sentence to its place here.

use crate::calendar::WorkCalendar;
use crate::error::{Error, Result};
use crate::model::Award;
use crate::units::{self, Unit};
use crate::{msg, t, Text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Eligibility. Seed 002 §三(三)2: 「推进企业科协组织建设工作卓有成效的省级科协、副省级城市科协均可申报。」
/// and §三(三)1: 「遴选一批……的省级科协和副省级城市科协」; the notice is addressed to 「各省、自治区、
/// 直辖市、副省级城市科协……新疆生产建设兵团科协」. Only the 47 units of `assets/units.json` may apply;
/// any other name is refused with the closest known names.
pub fn check_eligible(field: impl Into<Text>, name: &str) -> Result<&'static Unit> {
    units::resolve(field, name)
}

/// Deadline. Seed 002 §三(三)2: 「各申报单位于每年10月31日前报送有关材料至中国科协计划财务部」.
pub fn submission_deadline(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 10, 31).expect("valid date")
}

/// Late handling. A dossier received after the deadline of seed 002 §三(三)2 is marked late (逾期)
/// and goes on only with a recorded secretariat decision (SPEC "Apply").
pub fn is_late(deadline: NaiveDate, submitted_on: NaiveDate) -> bool {
    submitted_on > deadline
}

/// Pilot amount. Seed 002 §三(三)1: 「对被确定为全国试点示范单位的，在当年9月底前给予20万元左右的经费支持」.
pub const PILOT_AMOUNT_YUAN: i64 = 200_000;
/// 「左右」 (about): we allow the secretariat to adjust within ±10 % with a recorded reason.
pub const PILOT_MIN_YUAN: i64 = 180_000;
pub const PILOT_MAX_YUAN: i64 = 220_000;

/// Pilot matching funds. Seed 002 §三(三)1: 「试点示范单位需给予配套资金支持」 — a pilot unit must
/// have pledged matching funds > 0; the amount must be about 200,000 yuan.
pub fn check_pilot_funding(amount_yuan: i64, matching_yuan: i64) -> Result<()> {
    if matching_yuan <= 0 {
        return Err(Error::invalid(t!(msg::INPUT_FIELD_MATCHING_FUNDS), t!(msg::INPUT_PILOT_NEEDS_MATCHING)));
    }
    if !(PILOT_MIN_YUAN..=PILOT_MAX_YUAN).contains(&amount_yuan) {
        return Err(Error::invalid(
            t!(msg::INPUT_FIELD_SUPPORT_AMOUNT),
            t!(msg::INPUT_PILOT_AMOUNT_RANGE, min = PILOT_MIN_YUAN, max = PILOT_MAX_YUAN),
        ));
    }
    Ok(())
}

/// Post-subsidy amount. Seed 002 §三(三)2: 「补助资金原则上为10-15万元不等」.
pub const SUBSIDY_MIN_YUAN: i64 = 100_000;
pub const SUBSIDY_MAX_YUAN: i64 = 150_000;

pub fn check_subsidy_amount(amount_yuan: i64) -> Result<()> {
    if !(SUBSIDY_MIN_YUAN..=SUBSIDY_MAX_YUAN).contains(&amount_yuan) {
        return Err(Error::invalid(
            t!(msg::INPUT_FIELD_SUBSIDY_AMOUNT),
            t!(msg::INPUT_SUBSIDY_AMOUNT_RANGE, min = SUBSIDY_MIN_YUAN, max = SUBSIDY_MAX_YUAN, amount = amount_yuan),
        ));
    }
    Ok(())
}

/// Payment deadline of the pilot award. Seed 002 §三(三)1: 「在当年9月底前给予……经费支持」 → 09-30 of the year.
pub fn pilot_pay_by(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 9, 30).expect("valid date")
}

/// Payment deadline of the post-subsidy award. Seed 002 §三(三)2: 「其补助经费在下一年度的第一季度发放到
/// 各单位」 → 03-31 of the next year.
pub fn subsidy_pay_by(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year + 1, 3, 31).expect("valid date")
}

pub fn pay_by(award: Award, year: i32) -> NaiveDate {
    match award {
        Award::Pilot => pilot_pay_by(year),
        Award::Subsidy => subsidy_pay_by(year),
    }
}

/// Why an expert may not review a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub enum Recusal {
    /// The expert is from the unit's province (a city counts as its province).
    SameProvince(String),
    /// The expert declared a conflict with the unit.
    Declared,
    /// The expert works for the unit.
    Employer,
}

impl Recusal {
    pub fn label(&self) -> String {
        self.text().zh()
    }

    /// Why, as a text (its Chinese is [`Recusal::label`]).
    pub fn text(&self) -> Text {
        match self {
            Recusal::SameProvince(p) => t!(msg::INPUT_RECUSAL_SAME_PROVINCE, province = p.as_str()),
            Recusal::Declared => t!(msg::INPUT_RECUSAL_DECLARED),
            Recusal::Employer => t!(msg::INPUT_RECUSAL_EMPLOYER),
        }
    }
}

/// Recusal. Seed 002 §三(三)2: 「中国科协组成专家组负责评审、公示工作」 with SPEC "Review": no expert
/// reviews a unit from their own province (a city counts as its province; the Corps as 新疆), a unit
/// they declared a conflict with, or the unit they work for.
pub fn recusal(expert_province: &str, expert_employer: &str, declared: &[String], unit: &Unit) -> Option<Recusal> {
    if expert_province == unit.province {
        return Some(Recusal::SameProvince(unit.province.clone()));
    }
    if declared.contains(&unit.code) {
        return Some(Recusal::Declared);
    }
    let emp: String = expert_employer.chars().filter(|c| !c.is_whitespace()).collect();
    if !emp.is_empty() && units::find(&emp).is_some_and(|u| u.code == unit.code) {
        return Some(Recusal::Employer);
    }
    None
}

/// Publicity period. Seed 002 §三(三)2: 「采取申报、推荐、评审、公示的方式进行」, 「11-12月为评审、公示
/// 时间」; SPEC: 5 working days starting on the start day (counted if a working day), weekends and
/// public holidays off, make-up working days on. Returns the last day of the period.
pub fn publicity_end(cal: &WorkCalendar, start: NaiveDate, working_days: u32) -> Result<NaiveDate> {
    cal.add_workdays(start, working_days)
}

/// Issue 19 (the desk's policy, not the seed): the date by which a dossier returned at the formal
/// check must be sent again — the `working_days`-th working day after the day of the return. The
/// day of the return itself is not counted (as 《民法典》第二百零一条 counts a period in days:
/// 「开始的当日不计入，自下一日开始计算」); weekends, public holidays and make-up working days
/// come from the working-day calendar ([`WorkCalendar`], `desk::calendar::work_calendar`).
pub fn resubmit_by(cal: &WorkCalendar, returned_on: NaiveDate, working_days: u32) -> Result<NaiveDate> {
    let next = returned_on
        .succ_opt()
        .ok_or_else(|| Error::invalid(t!(msg::INPUT_FIELD_RETURN_DATE), t!(msg::INPUT_DATE_OUT_OF_RANGE)))?;
    cal.add_workdays(next, working_days)
}

/// Objections. SPEC: 「Objections must carry a real name and a contact and arrive within the period;
/// others are refused with the reason.」
pub fn check_objection(
    name: &str,
    contact: &str,
    received_on: NaiveDate,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<()> {
    let anonymous = ["匿名", "无名氏", "不详", "某某", "anonymous"];
    let n = name.trim();
    if n.chars().count() < 2 || anonymous.iter().any(|a| n.contains(a)) {
        return Err(Error::invalid(t!(msg::INPUT_FIELD_OBJECTOR_NAME), t!(msg::INPUT_OBJECTION_ANONYMOUS)));
    }
    let c = contact.trim();
    let phone = c.chars().filter(|x| x.is_ascii_digit()).count() >= 7;
    let email = c.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty()
            && host.contains('.')
            && !host.starts_with('.')
            && !host.ends_with('.')
            && !c.contains(char::is_whitespace)
    });
    if !phone && !email {
        return Err(Error::invalid(t!(msg::INPUT_FIELD_CONTACT), t!(msg::INPUT_OBJECTION_NO_CONTACT)));
    }
    if received_on < start || received_on > end {
        return Err(Error::invalid(
            t!(msg::INPUT_FIELD_RECEIVED_ON),
            t!(msg::INPUT_OBJECTION_LATE, received = received_on, start, end),
        ));
    }
    Ok(())
}

/// The campaign's review policy (SPEC "Default review policy"); every value is editable when the
/// campaign opens and frozen with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Policy {
    pub experts_per_dossier: u32,
    /// A dossier with fewer submitted scores is not ranked (flag `insufficient_scores`).
    pub min_scores_to_rank: u32,
    /// With at least this many scores, drop one highest and one lowest.
    pub trim_from: u32,
    /// `disagreement` when max − min of a dossier's totals exceeds this (points).
    pub disagreement_points: i64,
    /// An expert is `deviating` when their mean absolute difference from the others exceeds this.
    pub deviation_points: i64,
    pub excellent_from: i64,
    pub qualified_from: i64,
    pub subsidy_budget_yuan: i64,
    /// Post-subsidy tiers by rank thirds: first ⌈n/3⌉, next ⌈n/3⌉, the rest.
    pub subsidy_tiers_yuan: [i64; 3],
    pub pilot_amount_yuan: i64,
    pub publicity_days: u32,
    /// Attachment kinds every dossier must carry (default none, so a spreadsheet dossier can pass).
    pub required_attachments: Vec<String>,
    /// Year over year (`plausibility::new_exceeds_rise`): how many more new associations than the
    /// total rose by are let pass (associations closing or merging) before it is a finding.
    pub yoy_new_tolerance: i64,
    /// Year over year (`plausibility::copied`): a narrative section is a finding when at least this
    /// share (percent) of its sentences is identical to last year's.
    pub yoy_copied_percent: u32,
    /// Expert rotation (`rotation::draw_rotating`): an expert who scored a unit in the previous
    /// year is not drawn for it this year, unless the draw cannot do otherwise (fewest repeats kept).
    pub rotate_pairs: bool,
    /// The panel meeting (会议评审, issue 18): when on, the end of the written review leads to the
    /// stage 会议评审, and only the dossiers the meeting passes are funded. Off by default, so a
    /// year without a meeting runs as before. Editable until the written review ends.
    pub meeting: bool,
    /// How many of the panel must be present for the meeting to sit (`quorum_met`).
    pub meeting_quorum: MeetingShare,
    /// How many of the eligible votes an item needs to pass (`vote_passes`).
    pub meeting_majority: MeetingShare,
    /// Issue 19: the working days a unit has to send a returned dossier again (补正通知), counted
    /// from the day after the return by [`resubmit_by`].
    pub resubmit_working_days: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            experts_per_dossier: 5,
            min_scores_to_rank: 3,
            trim_from: 5,
            disagreement_points: 20,
            deviation_points: 10,
            excellent_from: 85,
            qualified_from: 60,
            subsidy_budget_yuan: 3_000_000,
            subsidy_tiers_yuan: [150_000, 120_000, 100_000],
            pilot_amount_yuan: PILOT_AMOUNT_YUAN,
            publicity_days: 5,
            required_attachments: Vec::new(),
            yoy_new_tolerance: 5,
            yoy_copied_percent: 60,
            rotate_pairs: true,
            meeting: false,
            meeting_quorum: MeetingShare::TwoThirds,
            meeting_majority: MeetingShare::Half,
            resubmit_working_days: 5,
        }
    }
}

impl Policy {
    pub fn validate(&self) -> Result<()> {
        if self.experts_per_dossier == 0 {
            return Err(Error::invalid(t!(msg::INPUT_FIELD_EXPERTS_PER_DOSSIER), t!(msg::INPUT_AT_LEAST_ONE)));
        }
        if self.min_scores_to_rank == 0 || self.min_scores_to_rank > self.experts_per_dossier {
            return Err(Error::invalid(t!(msg::INPUT_FIELD_MIN_SCORES), t!(msg::INPUT_POLICY_MIN_SCORES)));
        }
        if !(0..=100).contains(&self.qualified_from)
            || self.excellent_from < self.qualified_from
            || self.excellent_from > 100
        {
            return Err(Error::invalid(t!(msg::INPUT_FIELD_GRADE_LINES), t!(msg::INPUT_POLICY_GRADES)));
        }
        for t in self.subsidy_tiers_yuan {
            check_subsidy_amount(t)?;
        }
        if self.subsidy_budget_yuan < 0 {
            return Err(Error::invalid(t!(msg::INPUT_FIELD_SUBSIDY_BUDGET), t!(msg::INPUT_NOT_NEGATIVE)));
        }
        check_pilot_funding(self.pilot_amount_yuan, 1)?;
        if self.publicity_days == 0 {
            return Err(Error::invalid(t!(msg::INPUT_FIELD_PUBLICITY_DAYS), t!(msg::INPUT_POLICY_PUBLICITY_DAYS)));
        }
        if self.yoy_new_tolerance < 0 {
            return Err(Error::invalid(t!(msg::INPUT_FIELD_YOY_TOLERANCE), t!(msg::INPUT_POLICY_YOY_TOLERANCE)));
        }
        if !(1..=100).contains(&self.yoy_copied_percent) {
            return Err(Error::invalid(t!(msg::INPUT_FIELD_YOY_COPIED), t!(msg::INPUT_POLICY_YOY_COPIED)));
        }
        if !(1..=60).contains(&self.resubmit_working_days) {
            return Err(Error::invalid(t!(msg::INPUT_FIELD_RESUBMIT_DAYS), t!(msg::INPUT_POLICY_RESUBMIT_DAYS)));
        }
        Ok(())
    }
}

/// A share of a body of members the meeting rules count with (issue 18; policy, not the seed):
/// 过半数 (more than half) or 三分之二以上 (two thirds or more).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum MeetingShare {
    /// More than half (过半数).
    Half,
    /// Two thirds or more (三分之二以上).
    TwoThirds,
}

impl MeetingShare {
    pub fn label(self) -> &'static str {
        match self {
            MeetingShare::Half => "过半数",
            MeetingShare::TwoThirds => "三分之二以上",
        }
    }

    /// The share's name as a text (its Chinese is [`MeetingShare::label`]).
    pub fn text(self) -> Text {
        match self {
            MeetingShare::Half => t!(msg::INPUT_SHARE_HALF),
            MeetingShare::TwoThirds => t!(msg::INPUT_SHARE_TWO_THIRDS),
        }
    }

    /// Whether `part` of `whole` reaches the share (exact integer arithmetic). Nothing of an empty
    /// whole reaches it.
    pub fn reached(self, part: u32, whole: u32) -> bool {
        let (part, whole) = (u64::from(part), u64::from(whole));
        whole > 0
            && match self {
                MeetingShare::Half => 2 * part > whole,
                MeetingShare::TwoThirds => 3 * part >= 2 * whole,
            }
    }

    /// The fewest of `whole` that reach the share.
    pub fn needed(self, whole: u32) -> u32 {
        (0..=whole).find(|k| self.reached(*k, whole)).unwrap_or(whole.saturating_add(1))
    }
}

/// The meeting's quorum (issue 18; policy `meeting_quorum`, default two thirds of the panel): the
/// meeting sits only when the members present reach the share of the year's panel.
pub fn quorum_met(present: u32, panel: u32, quorum: MeetingShare) -> bool {
    quorum.reached(present, panel)
}

/// Whether an agenda item passes (issue 18; policy `meeting_majority`, default a simple majority):
/// the votes for reach the share of the votes of those eligible — the members present minus those
/// who left the room for the item (abstentions count as not for).
pub fn vote_passes(votes_for: u32, eligible: u32, majority: MeetingShare) -> bool {
    majority.reached(votes_for, eligible)
}

/// The calendar dates of a campaign (SPEC "Calendar of a campaign").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CampaignDates {
    pub notice: NaiveDate,
    pub deadline: NaiveDate,
    pub pilot_pay_by: NaiveDate,
    pub subsidy_pay_by: NaiveDate,
}

impl CampaignDates {
    pub fn for_year(year: i32) -> CampaignDates {
        CampaignDates {
            notice: NaiveDate::from_ymd_opt(year, 6, 4).expect("valid date"),
            deadline: submission_deadline(year),
            pilot_pay_by: pilot_pay_by(year),
            subsidy_pay_by: subsidy_pay_by(year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn share_texts_say_their_labels() {
        for share in [MeetingShare::Half, MeetingShare::TwoThirds] {
            assert_eq!(share.text().zh(), share.label());
        }
    }

    /// 「省级科协、副省级城市科协均可申报」: 47 units; a prefecture-level city is refused.
    #[test]
    fn seed_002_eligibility() {
        assert!(check_eligible(t!(msg::INPUT_FIELD_UNIT_NAME), "宁波市科协").is_ok());
        assert!(check_eligible(t!(msg::INPUT_FIELD_UNIT_NAME), "新疆生产建设兵团科协").is_ok());
        let e = check_eligible(t!(msg::INPUT_FIELD_UNIT_NAME), "苏州市科学技术协会").unwrap_err().to_string();
        assert!(e.contains("单位名称") && e.contains("不是可申报单位"), "{e}");
    }

    /// 「各申报单位于每年10月31日前报送有关材料」.
    #[test]
    fn seed_002_deadline_is_october_31() {
        let dl = submission_deadline(2014);
        assert_eq!(dl, d("2014-10-31"));
        assert!(!is_late(dl, d("2014-10-31")));
        assert!(is_late(dl, d("2014-11-01")));
    }

    /// 「在当年9月底前给予20万元左右的经费支持，试点示范单位需给予配套资金支持」.
    #[test]
    fn seed_002_pilot_amount_and_matching() {
        assert!(check_pilot_funding(200_000, 50_000).is_ok());
        assert!(check_pilot_funding(200_000, 0).unwrap_err().to_string().contains("配套资金"));
        assert!(check_pilot_funding(300_000, 1).is_err());
        assert_eq!(pilot_pay_by(2014), d("2014-09-30"));
    }

    /// 「补助资金原则上为10-15万元不等」, 「补助经费在下一年度的第一季度发放」.
    #[test]
    fn seed_002_subsidy_amount_and_payment() {
        assert!(check_subsidy_amount(100_000).is_ok());
        assert!(check_subsidy_amount(150_000).is_ok());
        assert!(check_subsidy_amount(99_999).is_err());
        assert!(check_subsidy_amount(150_001).is_err());
        assert_eq!(subsidy_pay_by(2014), d("2015-03-31"));
    }

    /// SPEC Review: no expert reviews a unit of their own province (a city counts as its province).
    #[test]
    fn recusal_same_province_declared_and_employer() {
        let wuhan = units::find("武汉市科协").unwrap();
        assert_eq!(recusal("湖北", "华中科技大学", &[], wuhan), Some(Recusal::SameProvince("湖北".into())));
        assert_eq!(recusal("北京", "清华大学", std::slice::from_ref(&wuhan.code), wuhan), Some(Recusal::Declared));
        assert_eq!(recusal("北京", "武汉市科学技术协会", &[], wuhan), Some(Recusal::Employer));
        assert_eq!(recusal("北京", "清华大学", &[], wuhan), None);
        let corps = units::find("兵团科协").unwrap();
        assert!(recusal("新疆", "新疆大学", &[], corps).is_some());
    }

    #[test]
    fn objections_need_name_contact_and_period() {
        let (s, e) = (d("2014-12-01"), d("2014-12-05"));
        assert!(check_objection("李明", "13800000000", d("2014-12-03"), s, e).is_ok());
        assert!(check_objection("匿名", "13800000000", d("2014-12-03"), s, e)
            .unwrap_err()
            .to_string()
            .contains("真实姓名"));
        assert!(check_objection("李明", "无", d("2014-12-03"), s, e).unwrap_err().to_string().contains("联系方式"));
        assert!(check_objection("李明", "12345", d("2014-12-03"), s, e).is_err());
        assert!(check_objection("李明", "wxm@163.com", d("2014-12-03"), s, e).is_ok());
        assert!(check_objection("李明", "wxm@", d("2014-12-03"), s, e).is_err());
        assert!(check_objection("李明", "13800000000", d("2014-12-08"), s, e)
            .unwrap_err()
            .to_string()
            .contains("逾期"));
    }

    /// Issue 19: 补正期限 counted in working days from the day after the return, across the
    /// National Day holiday of 2014 (10-01 … 10-07 off, 09-28 and 10-11 make-up working days).
    #[test]
    fn issue_19_resubmit_deadline_in_working_days_from_the_return() {
        let cal = WorkCalendar::china();
        let d = |m, day| NaiveDate::from_ymd_opt(2014, m, day).unwrap();
        // returned Monday 2014-11-03: Tue … Mon, five working days
        assert_eq!(resubmit_by(cal, d(11, 3), 5).unwrap(), d(11, 10));
        // returned Friday 2014-09-26: 09-28 (Sunday, a make-up working day), 09-29, 09-30,
        // then the holiday, 10-08, 10-09
        assert_eq!(resubmit_by(cal, d(9, 26), 5).unwrap(), d(10, 9));
        assert_eq!(Policy::default().resubmit_working_days, 5);
        let p = Policy { resubmit_working_days: 0, ..Policy::default() };
        assert!(p.validate().unwrap_err().to_string().contains("补正期限"));
    }

    #[test]
    fn default_policy_is_valid() {
        Policy::default().validate().unwrap();
        let p = Policy { subsidy_tiers_yuan: [160_000, 120_000, 100_000], ..Policy::default() };
        assert!(p.validate().is_err());
        let p = Policy { yoy_copied_percent: 0, ..Policy::default() };
        assert!(p.validate().unwrap_err().to_string().contains("文字雷同比例"));
        let p = Policy { yoy_new_tolerance: -1, ..Policy::default() };
        assert!(p.validate().unwrap_err().to_string().contains("新建数容差"));
    }

    /// Issue 16: a policy stored before the year-over-year settings existed loads with their
    /// defaults (tolerance 5, 60 %, rotation on).
    #[test]
    fn a_policy_stored_before_issue_16_loads_with_the_defaults() {
        let mut v = serde_json::to_value(Policy::default()).unwrap();
        for k in
            ["yoy_new_tolerance", "yoy_copied_percent", "rotate_pairs", "meeting", "meeting_quorum", "meeting_majority"]
        {
            v.as_object_mut().unwrap().remove(k);
        }
        let p: Policy = serde_json::from_value(v).unwrap();
        assert_eq!(p, Policy::default());
    }

    /// Issue 18: the quorum is two thirds of the panel by default (10 of 15 sit, 9 do not), or
    /// more than half; an item passes with more than half of the eligible votes (abstentions are
    /// not for), or two thirds when the policy says so.
    #[test]
    fn issue_18_quorum_and_majority_are_policy() {
        let p = Policy::default();
        assert!(!p.meeting);
        assert_eq!(p.meeting_quorum, MeetingShare::TwoThirds);
        assert_eq!(p.meeting_majority, MeetingShare::Half);
        assert!(quorum_met(10, 15, p.meeting_quorum));
        assert!(!quorum_met(9, 15, p.meeting_quorum));
        assert!(quorum_met(8, 15, MeetingShare::Half));
        assert!(!quorum_met(7, 15, MeetingShare::Half));
        assert!(!quorum_met(0, 0, MeetingShare::Half));
        // 9 present, 2 left the room: 7 eligible; 4 for pass, 3 for (4 abstaining) do not
        assert!(vote_passes(4, 7, p.meeting_majority));
        assert!(!vote_passes(3, 7, p.meeting_majority));
        // an even split is not more than half
        assert!(!vote_passes(3, 6, MeetingShare::Half));
        // two thirds: 5 of 7 pass (15 ≥ 14), 4 of 7 do not
        assert!(vote_passes(5, 7, MeetingShare::TwoThirds));
        assert!(!vote_passes(4, 7, MeetingShare::TwoThirds));
        assert_eq!(MeetingShare::TwoThirds.needed(15), 10);
        assert_eq!(MeetingShare::Half.needed(7), 4);
    }
}
