//! The panel meeting (会议评审, issue 18) through `Desk`: the stage after the written review when
//! the policy holds one, the quorum, the agenda with the members who must leave (the draw's
//! recusal rules), votes that must add up to those present minus those recused, entering a vote
//! again with a reason, the close with funding over the dossiers passed, and every refusal read.
//!
//! The fixture is the shared small year (4 post-subsidy dossiers 湖北 > 江苏 > 浙江 > 广东, all
//! excellent; 2 pilot 湖北 > 四川) with a panel of 8 where 李明 is from 湖北 (same province) and
//! 张华 declared a conflict with 湖北省科协: both must leave the room for 湖北's two items.

#![allow(clippy::unwrap_used)]

mod support;
use pingshen_core::desk::{MeetingSettings, VoteCounts};
use pingshen_core::rules::MeetingShare;
use support::*;

fn meeting_policy() -> Policy {
    Policy { meeting: true, ..Policy::default() }
}

/// The experts of the shared fixture, with 李明 from 湖北 and 张华's declared conflict with 湖北省科协.
fn meeting_experts() -> Vec<Vec<String>> {
    let mut rows = expert_rows();
    rows[1][2] = "湖北省".into();
    rows[2][5] = "湖北省科协".into();
    rows
}

/// The year at the end of its written review, with `policy`.
fn reviewed(policy: Policy) -> Fx {
    let fx = Fx::new(policy);
    let p = fx.csv("申报汇总表.csv", &DOSSIER_HEADERS, &mini_dossier_rows());
    fx.desk.import_dossiers(&fx.sec, Y, &p).unwrap();
    let p = fx.csv("评审专家库.csv", &EXPERT_HEADERS, &meeting_experts());
    assert_eq!(fx.desk.import_experts(&fx.sec, Y, &p).unwrap().imported, 8);
    fx.desk.recommend_auto(&fx.sec, Y).unwrap();
    fx.desk.draw(&fx.sec, Y, Some(3), 7).unwrap();
    assert_eq!(fx.import_scores_where("评分录入.csv", |_| true).unwrap().imported, 18);
    fx
}

const ALL: [&str; 8] = ["王建国", "李明", "张华", "刘芳", "陈静", "杨帆", "赵严", "孙立"];

fn names(n: &[&str]) -> Vec<String> {
    n.iter().map(|s| s.to_string()).collect()
}

fn counts(f: u32, a: u32, b: u32) -> VoteCounts {
    VoteCounts { votes_for: f, votes_against: a, votes_abstain: b }
}

fn open_all(fx: &Fx) {
    fx.desk.open_meeting(&fx.sec, Y, day("2014-11-20"), "中国科协机关 三层会议室", "王建国", &names(&ALL)).unwrap();
}

#[test]
fn without_a_meeting_the_written_review_ends_in_the_decide_stage_as_before() {
    let fx = reviewed(Policy::default());
    assert_eq!(fx.stage(), Stage::Decide);
    assert_eq!(fx.subsidy_lines().len(), 4);
    let m = fx.desk.meeting(&fx.sec, Y).unwrap();
    assert!(!m.enabled && !m.opened);
    assert!(fx.desk.results(&fx.sec, Y).unwrap().rows.iter().all(|r| r.meeting.is_none()));
    assert!(fx.desk.funding(&fx.sec, Y).unwrap().not_passed.is_none());
    refused(
        fx.desk.open_meeting(&fx.sec, Y, day("2014-11-20"), "会议室", "王建国", &names(&ALL)),
        K::Illegal,
        &["评审结果确定", "未设会议评审", "开启「会议评审」"],
    );
}

#[test]
fn the_meeting_setting_is_editable_until_the_written_review_ends() {
    let fx = Fx::new(Policy::default());
    let s = MeetingSettings { meeting: true, quorum: MeetingShare::Half, majority: MeetingShare::TwoThirds };
    let c = fx.desk.set_meeting_settings(&fx.sec, Y, s).unwrap();
    assert!(c.policy.meeting);
    assert_eq!((c.policy.meeting_quorum, c.policy.meeting_majority), (MeetingShare::Half, MeetingShare::TwoThirds));
    assert_eq!(fx.audit_actions("meeting.policy"), 1);
    let fx = reviewed(meeting_policy());
    assert_eq!(fx.stage(), Stage::Meeting);
    refused(
        fx.desk.set_meeting_settings(&fx.sec, Y, MeetingSettings { meeting: false, ..s }),
        K::Illegal,
        &["会议评审", "书面评审结束前修改"],
    );
    let expert = fx.expert("王建国");
    refused(fx.desk.meeting(&expert, Y), K::Forbidden, &["查看会议评审", "秘书处"]);
}

#[test]
fn the_written_review_leads_to_the_meeting_and_nothing_is_funded_before_it_closes() {
    let fx = reviewed(meeting_policy());
    assert_eq!(fx.stage(), Stage::Meeting);
    assert_eq!(stage_moves(&fx).last().unwrap(), &("review".to_string(), "meeting".to_string()));
    assert!(fx.subsidy_lines().is_empty());
    refused(fx.desk.select_pilot(&fx.sec, Y, "湖北省科协", "调研考察"), K::Illegal, &["会议评审", "确定试点示范单位"]);
    refused(
        fx.desk.vote(&fx.sec, Y, "江苏省科协", None, counts(8, 0, 0), "", None),
        K::Rule,
        &["会议评审尚未召开", "请先登记会议"],
    );
    refused(fx.desk.close_meeting(&fx.sec, Y), K::Rule, &["会议评审尚未召开"]);
    // the agenda can be prepared before the meeting sits: per award in rank order
    let m = fx.desk.meeting(&fx.sec, Y).unwrap();
    assert!(m.enabled && !m.opened);
    let order: Vec<(Award, &str)> = m.items.iter().map(|i| (i.award, i.unit.as_str())).collect();
    assert_eq!(
        order,
        vec![
            (Award::Pilot, "湖北省科学技术协会"),
            (Award::Pilot, "四川省科学技术协会"),
            (Award::Subsidy, "湖北省科学技术协会"),
            (Award::Subsidy, "江苏省科学技术协会"),
            (Award::Subsidy, "浙江省科学技术协会"),
            (Award::Subsidy, "广东省科学技术协会"),
        ]
    );
    assert_eq!(m.quorum_needed, 6, "two thirds of a panel of 8");
    // a sheet can still be reopened before the meeting sits (back to the written review)
    let a = fx.assignments().into_iter().find(|a| a.state == SheetState::Submitted).unwrap();
    fx.desk.reopen_scores(&fx.sec, a.id, "笔误").unwrap();
    assert_eq!(fx.stage(), Stage::Review);
    let rows = fx.score_rows(&a);
    fx.desk.import_scores(&fx.sec, Y, &fx.csv("补评.csv", &SCORE_HEADERS, &rows)).unwrap();
    assert_eq!(fx.stage(), Stage::Meeting);
    open_all(&fx);
    let a = fx.assignments().into_iter().find(|a| a.state == SheetState::Submitted).unwrap();
    refused(fx.desk.reopen_scores(&fx.sec, a.id, "笔误"), K::Illegal, &["会议评审已经召开", "不能再改变"]);
}

#[test]
fn opening_needs_a_quorum_a_place_and_a_chair_among_those_present() {
    let fx = reviewed(meeting_policy());
    let d = day("2014-11-20");
    let snap = fx.snapshot();
    let text = refused(
        fx.desk.open_meeting(&fx.sec, Y, d, "会议室", "王建国", &names(&ALL[..5])),
        K::Rule,
        &["出席专家5人", "不足法定人数", "专家组共8人", "三分之二以上", "至少6人"],
    );
    assert!(text.contains("会议法定人数"), "{text}");
    refused(fx.desk.open_meeting(&fx.sec, Y, d, " ", "王建国", &names(&ALL)), K::Invalid, &["地点", "请填写会议地点"]);
    refused(
        fx.desk.open_meeting(&fx.sec, Y, d, "会议室", "孙立", &names(&ALL[..7])),
        K::Invalid,
        &["组长", "「孙立」不在出席专家之中"],
    );
    refused(
        fx.desk.open_meeting(&fx.sec, Y, d, "会议室", "王建国", &names(&["王建国", "周无"])),
        K::NotFound,
        &["周无"],
    );
    refused(
        fx.desk.open_meeting(&fx.sec, Y, d, "会议室", "王建国", &names(&["王建国", "王建国"])),
        K::Invalid,
        &["出席专家", "「王建国」重复填写"],
    );
    refused(fx.desk.open_meeting(&fx.sec, Y, d, "会议室", "王建国", &[]), K::Invalid, &["出席专家", "请填写"]);
    assert_eq!(fx.snapshot(), snap, "nothing written by a refusal");
    assert_eq!(fx.count("meetings"), 0);
    // six of eight reach two thirds
    let m = fx.desk.open_meeting(&fx.sec, Y, d, "会议室", "王建国", &names(&ALL[..6])).unwrap();
    assert_eq!((m.opened, m.chair.as_deref(), m.present.len()), (true, Some("王建国"), 6));
    assert_eq!(m.absent, names(&["赵严", "孙立"]));
    assert_eq!(fx.audit_actions("meeting.open"), 1);
    refused(
        fx.desk.open_meeting(&fx.sec, Y, d, "会议室", "王建国", &names(&ALL)),
        K::Rule,
        &["已经召开", "不能再次登记"],
    );
}

#[test]
fn recused_members_leave_the_room_and_votes_must_add_up() {
    let fx = reviewed(meeting_policy());
    open_all(&fx);
    let m = fx.desk.meeting(&fx.sec, Y).unwrap();
    let hubei = m.items.iter().find(|i| i.award == Award::Subsidy && i.unit_code == code("湖北省科协")).unwrap();
    let away: Vec<(&str, &str)> = hubei.recused.iter().map(|r| (r.name.as_str(), r.reason.as_str())).collect();
    assert_eq!(away, vec![("李明", "同省回避（湖北）"), ("张华", "本人申明回避")]);
    assert_eq!(hubei.eligible, Some(6), "8 present, 2 leave the room");
    let js = m.items.iter().find(|i| i.unit_code == code("江苏省科协")).unwrap();
    assert!(js.recused.is_empty());
    assert_eq!(js.eligible, Some(8));
    // all 8 counted for 湖北: refused, and the message says why and what to do
    let snap = fx.snapshot();
    refused(
        fx.desk.vote(&fx.sec, Y, "湖北省科协", Some(Award::Subsidy), counts(8, 0, 0), "", None),
        K::Invalid,
        &["表决票数", "赞成8、反对0、弃权0，合计8票", "出席8人减去回避2人即6票", "重新清点"],
    );
    refused(fx.desk.vote(&fx.sec, Y, "江苏省科协", None, counts(5, 1, 1), "", None), K::Invalid, &["合计7票", "即8票"]);
    assert_eq!(fx.snapshot(), snap);
    refused(
        fx.desk.vote(&fx.sec, Y, "湖北省科协", None, counts(6, 0, 0), "", None),
        K::Invalid,
        &["申报类别", "请指明类别"],
    );
    let m = fx.desk.vote(&fx.sec, Y, "湖北省科协", Some(Award::Subsidy), counts(5, 0, 1), "材料扎实", None).unwrap();
    let v = m.items.iter().find(|i| i.dossier_id == hubei.dossier_id).unwrap().vote.clone().unwrap();
    assert_eq!((v.votes_for, v.eligible, v.passed, v.note.as_str(), v.entries), (5, 6, true, "材料扎实", 1));
    // an even split is not more than half
    let m = fx.desk.vote(&fx.sec, Y, "浙江省科协", None, counts(4, 4, 0), "", None).unwrap();
    assert!(!m.items.iter().find(|i| i.unit_code == code("浙江省科协")).unwrap().vote.as_ref().unwrap().passed);
    assert_eq!(fx.audit_actions("meeting.vote"), 2);
}

#[test]
fn a_vote_is_entered_again_only_with_a_reason_and_each_entry_is_logged() {
    let fx = reviewed(meeting_policy());
    open_all(&fx);
    fx.desk.vote(&fx.sec, Y, "江苏省科协", None, counts(3, 5, 0), "", None).unwrap();
    let text = refused(
        fx.desk.vote(&fx.sec, Y, "江苏省科协", None, counts(6, 2, 0), "", None),
        K::Invalid,
        &["重新录入理由", "已录入表决结果（赞成3、反对5、弃权0）", "须写明理由"],
    );
    assert!(text.contains("江苏省科学技术协会"), "{text}");
    refused(
        fx.desk.vote(&fx.sec, Y, "江苏省科协", None, counts(6, 2, 0), "", Some("  ")),
        K::Invalid,
        &["重新录入理由"],
    );
    let m = fx.desk.vote(&fx.sec, Y, "江苏省科协", None, counts(6, 2, 0), "", Some("计票员漏记两张")).unwrap();
    let v = m.items.iter().find(|i| i.unit_code == code("江苏省科协")).unwrap().vote.clone().unwrap();
    assert_eq!((v.votes_for, v.passed, v.entries, v.reason.as_str()), (6, true, 2, "计票员漏记两张"));
    assert_eq!((fx.audit_actions("meeting.vote"), fx.audit_actions("meeting.revote")), (1, 1));
    let log = fx.desk.audit_log(&fx.sec, 50).unwrap();
    let e = log.iter().find(|e| e.action == "meeting.revote").unwrap();
    assert_eq!(e.detail["reason"], "计票员漏记两张");
    assert_eq!(e.detail["before"]["for"], 3);
    fx.desk.audit_verify().unwrap();
}

#[test]
fn a_meeting_that_votes_a_funded_dossier_down_recomputes_the_tiers() {
    let fx = reviewed(meeting_policy());
    open_all(&fx);
    refused(
        fx.desk.close_meeting(&fx.sec, Y),
        K::Rule,
        &["尚有6项未表决", "四川省科学技术协会（试点示范）", "请录入全部表决结果"],
    );
    for (u, a, c) in [
        ("湖北省科协", Award::Pilot, counts(6, 0, 0)),
        ("四川省科协", Award::Pilot, counts(2, 5, 1)),
        ("湖北省科协", Award::Subsidy, counts(6, 0, 0)),
        ("江苏省科协", Award::Subsidy, counts(3, 4, 1)),
        ("浙江省科协", Award::Subsidy, counts(7, 1, 0)),
        ("广东省科协", Award::Subsidy, counts(5, 2, 1)),
    ] {
        fx.desk.vote(&fx.sec, Y, u, Some(a), c, "", None).unwrap();
    }
    let m = fx.desk.close_meeting(&fx.sec, Y).unwrap();
    assert!(m.closed);
    assert_eq!(fx.stage(), Stage::Decide);
    assert_eq!(fx.audit_actions("meeting.close"), 1);
    // without the meeting all four were funded 150,000, 150,000, 120,000, 120,000; 江苏 (rank 2)
    // voted down: the tiers are those of the three passed, in rank order
    let expected = pingshen_core::funding::subsidy_allocation(&[1, 3, 4], &Policy::default());
    let lines = fx.subsidy_lines();
    assert_eq!(
        lines,
        vec![
            (full_name("湖北省科协"), expected[0].1),
            (full_name("浙江省科协"), expected[1].1),
            (full_name("广东省科协"), expected[2].1),
        ]
    );
    assert_eq!(lines.iter().map(|l| l.1).collect::<Vec<_>>(), vec![150_000, 120_000, 100_000], "one in each third");
    // the dossier that did not pass says so in the results and on the funding screen
    let r = fx.desk.results(&fx.sec, Y).unwrap();
    let js = r.rows.iter().find(|x| x.unit_code == code("江苏省科协")).unwrap();
    let d = js.meeting.as_ref().unwrap();
    assert_eq!((d.passed, d.votes_for, d.eligible), (false, 3, 8));
    assert_eq!(js.grade, Some(Grade::Excellent), "its written-review grade stands");
    let t = fx.desk.funding(&fx.sec, Y).unwrap();
    let np = t.not_passed.unwrap();
    let np: Vec<(&str, Award)> = np.iter().map(|n| (n.unit.as_str(), n.award)).collect();
    assert_eq!(np, vec![("四川省科学技术协会", Award::Pilot), ("江苏省科学技术协会", Award::Subsidy)]);
    // the robustness report does not count the meeting's decision as a flip: 江苏, voted down,
    // is in no variant's funded set; every variant funds the three that passed, as funded
    let rb = fx.desk.robustness(&fx.sec, Y).unwrap();
    let s = rb.awards.iter().find(|a| a.award == Award::Subsidy).unwrap();
    assert_eq!(s.m, 3);
    assert!(s.flips.is_empty(), "{:?}", s.flips);
    let passed: BTreeSet<i64> =
        ["湖北省科协", "浙江省科协", "广东省科协"].iter().map(|u| fx.dossier_id(u, Award::Subsidy)).collect();
    for v in &s.variants {
        assert_eq!(v.funded.iter().copied().collect::<BTreeSet<i64>>(), passed, "{}", v.label);
    }
    // a pilot dossier not passed cannot be selected; one passed can
    refused(
        fx.desk.select_pilot(&fx.sec, Y, "四川省科协", "调研考察"),
        K::Rule,
        &["四川省科学技术协会的试点示范申报未获会议评审通过", "赞成2票", "不能确定为试点示范单位"],
    );
    fx.desk.select_pilot(&fx.sec, Y, "湖北省科协", "调研考察").unwrap();
    // the meeting is over: no more votes, no second close
    refused(
        fx.desk.vote(&fx.sec, Y, "江苏省科协", None, counts(8, 0, 0), "", Some("复议")),
        K::Illegal,
        &["会议评审已经结束"],
    );
    refused(fx.desk.close_meeting(&fx.sec, Y), K::Illegal, &["会议评审已经结束"]);
    fx.desk.audit_verify().unwrap();
}

#[test]
fn a_stricter_majority_and_quorum_from_the_policy() {
    let policy =
        Policy { meeting_majority: MeetingShare::TwoThirds, meeting_quorum: MeetingShare::Half, ..meeting_policy() };
    let fx = reviewed(policy);
    // five of eight is more than half
    fx.desk.open_meeting(&fx.sec, Y, day("2014-11-20"), "会议室", "刘芳", &names(&ALL[3..])).unwrap();
    // 5 present, none recused for 江苏: 3 for is more than half but not two thirds (9 < 10)
    let m = fx.desk.vote(&fx.sec, Y, "江苏省科协", None, counts(3, 2, 0), "", None).unwrap();
    assert!(!m.items.iter().find(|i| i.unit_code == code("江苏省科协")).unwrap().vote.as_ref().unwrap().passed);
    let m = fx.desk.vote(&fx.sec, Y, "浙江省科协", None, counts(4, 1, 0), "", None).unwrap();
    assert!(m.items.iter().find(|i| i.unit_code == code("浙江省科协")).unwrap().vote.as_ref().unwrap().passed);
}

/// Issue 18: a dossier whose funding status is unstable is marked 「名次不稳定」 for discussion on
/// the agenda. One expert carries 江苏 over 浙江 (support `import_one_expert_carries_jiangsu`):
/// with a budget for two, 湖北 and 江苏 would be funded, but leaving that expert out funds 浙江
/// instead, so both 江苏 and 浙江 are marked `unstable`; 湖北 (first under every count) and 广东
/// (last under every count) are not.
#[test]
fn the_agenda_marks_a_dossier_whose_funding_status_is_unstable() {
    let fx = Fx::new(Policy { meeting: true, subsidy_budget_yuan: 300_000, ..Policy::default() });
    let p = fx.csv("申报汇总表.csv", &DOSSIER_HEADERS, &mini_dossier_rows());
    fx.desk.import_dossiers(&fx.sec, Y, &p).unwrap();
    let p = fx.csv("评审专家库.csv", &EXPERT_HEADERS, &meeting_experts());
    fx.desk.import_experts(&fx.sec, Y, &p).unwrap();
    fx.desk.recommend_auto(&fx.sec, Y).unwrap();
    fx.desk.draw(&fx.sec, Y, Some(3), 7).unwrap();
    let carrier = fx.import_one_expert_carries_jiangsu();
    assert_eq!(fx.stage(), Stage::Meeting);
    let r = fx.desk.robustness(&fx.sec, Y).unwrap();
    let s = r.awards.iter().find(|a| a.award == Award::Subsidy).unwrap();
    assert_eq!(s.m, 2);
    let without = format!("without:{carrier}");
    let js_flip = s.flips.iter().find(|f| f.unit == full_name("江苏省科协")).expect("江苏 flips");
    assert!(js_flip.funded && js_flip.variants.contains(&without), "{js_flip:?}");
    let m = fx.desk.meeting(&fx.sec, Y).unwrap();
    let item = |unit: &str| {
        m.items.iter().find(|i| i.award == Award::Subsidy && i.unit_code == code(unit)).unwrap().discuss.clone()
    };
    assert!(item("江苏省科协").contains(&"unstable".to_string()), "{:?}", item("江苏省科协"));
    assert!(item("浙江省科协").contains(&"unstable".to_string()), "{:?}", item("浙江省科协"));
    assert!(!item("湖北省科协").contains(&"unstable".to_string()));
    assert!(!item("广东省科协").contains(&"unstable".to_string()));
    // the printed label the agenda and the minutes use
    assert!(pingshen_core::export::flag_label("unstable").starts_with("名次不稳定"));
}
