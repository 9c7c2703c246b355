//! Integration tests of the `Desk` after the review: funding (post-subsidy tiers within the budget,
//! adjustments, pilot selection), the public notice with its objections, and probes of behaviour the
//! SPEC implies. Fixtures in `tests/support/mod.rs`.

#![allow(clippy::unwrap_used)]

mod support;
use support::*;

// =============================================================================================
// 7. Funding and publicity

/// Seed 002 「补助资金原则上为10-15万元不等」 and SPEC "Default review policy": post-subsidy lines go
/// to the excellent dossiers in rank order by thirds, and while the sum exceeds the year's budget
/// the lowest-ranked grantee is dropped — with a budget of 300,000 only the first two (150,000
/// each) are funded although four are excellent.
#[test]
fn subsidy_lines_never_exceed_a_small_budget() {
    let fx = decide_fx(Policy { subsidy_budget_yuan: 300_000, ..Default::default() });
    let r = fx.desk.results(&fx.sec, Y).unwrap();
    let excellent: Vec<&str> = r
        .rows
        .iter()
        .filter(|x| x.award == Award::Subsidy && x.grade == Some(Grade::Excellent))
        .map(|x| x.unit.as_str())
        .collect();
    assert_eq!(excellent.len(), 4, "{excellent:?}");
    let t = fx.desk.funding(&fx.sec, Y).unwrap();
    assert_eq!(fx.subsidy_lines(), vec![(full_name("湖北省科协"), 150_000), (full_name("江苏省科协"), 150_000)]);
    assert!(t.subsidy_total_yuan <= t.subsidy_budget_yuan);
    assert_eq!((t.subsidy_total_yuan, t.subsidy_budget_yuan, t.subsidy_remaining_yuan), (300_000, 300_000, 0));
    assert!(t.lines.iter().all(|l| l.pay_by == day("2015-03-31")), "post-subsidy is paid in Q1 of the next year");
    assert!(t.lines.iter().all(|l| (100_000..=150_000).contains(&l.amount_yuan)));
}

/// Seed 002 「补助资金原则上为10-15万元不等」, SPEC "Decide and fund" 「The secretariat can adjust an
/// amount within the allowed range, with a recorded reason」 and 「within the year's budget, never
/// above it」: adjustments outside 100,000–150,000, above the budget, without a reason, or for a
/// unit without a line are refused; one within the rules is applied and recorded in decisions;
/// a pilot amount must stay «about 200,000».
#[test]
fn adjust_funding_within_range_and_budget() {
    let fx = decide_fx(Policy { subsidy_budget_yuan: 420_000, ..Default::default() });
    let sec = &fx.sec;
    assert_eq!(
        fx.subsidy_lines(),
        vec![
            (full_name("湖北省科协"), 150_000),
            (full_name("江苏省科协"), 150_000),
            (full_name("浙江省科协"), 120_000)
        ]
    );
    let before = fx.snapshot();
    refused(
        fx.desk.adjust_funding(sec, Y, "浙江省科协", Award::Subsidy, 99_900, "调减"),
        K::Invalid,
        &["补助金额", "10-15万元", "99900"],
    );
    refused(
        fx.desk.adjust_funding(sec, Y, "浙江省科协", Award::Subsidy, 150_100, "调增"),
        K::Invalid,
        &["10-15万元", "150100"],
    );
    // the funding table shows 万元 with two decimals: whole hundreds of yuan only
    refused(
        fx.desk.adjust_funding(sec, Y, "浙江省科协", Award::Subsidy, 110_050, "调减"),
        K::Invalid,
        &["不是百元的整数倍"],
    );
    refused(
        fx.desk.adjust_funding(sec, Y, "浙江省科协", Award::Subsidy, 130_000, "调增"),
        K::Invalid,
        &["430000", "超过年度预算420000"],
    );
    refused(
        fx.desk.adjust_funding(sec, Y, "浙江省科协", Award::Subsidy, 110_000, " "),
        K::Invalid,
        &["调整经费须写明理由"],
    );
    refused(
        fx.desk.adjust_funding(sec, Y, "广东省科协", Award::Subsidy, 110_000, "补充"),
        K::Invalid,
        &["没有后补助经费安排"],
    );
    assert_eq!(fx.snapshot(), before);

    let t =
        fx.desk.adjust_funding(sec, Y, "浙江省科协", Award::Subsidy, 110_000, "核减重复统计的新建企业科协").unwrap();
    assert_eq!(t.subsidy_total_yuan, 410_000);
    assert_eq!(t.subsidy_remaining_yuan, 10_000);
    let zj = fx.desk.dossier(sec, fx.dossier_id("浙江省科协", Award::Subsidy)).unwrap();
    let pingshen_core::desk::Decision { kind: k, reason, .. } = zj.decisions.last().unwrap();
    assert_eq!(k, "funding_adjusted");
    assert!(
        reason.contains("120000") && reason.contains("110000") && reason.contains("核减重复统计的新建企业科协"),
        "{reason}"
    );
    assert_eq!(fx.audit_actions("funding.adjust"), 1);
    fx.desk.audit_verify().unwrap();

    fx.desk.select_pilot(sec, Y, "湖北省科协", "调研考察情况良好").unwrap();
    refused(fx.desk.adjust_funding(sec, Y, "湖北省科协", Award::Pilot, 250_000, "增加"), K::Invalid, &["20万元左右"]);
    let t = fx.desk.adjust_funding(sec, Y, "湖北省科协", Award::Pilot, 210_000, "示范任务较重").unwrap();
    assert_eq!(t.pilot_total_yuan, 210_000);
}

/// Seed 002 §三(三)1 「试点示范单位需给予配套资金支持」 and SPEC "Pilot: the secretariat selects the
/// pilot units": a unit without a pilot dossier, a pilot dossier with matching funds 0, an empty
/// reason, or a second selection is refused; a valid selection gives 200,000 payable by 09-30
/// with the pledged matching funds, and can be undone with a reason.
#[test]
fn select_pilot_needs_a_pilot_dossier_and_matching_funds() {
    let fx = decide_fx(Policy::default());
    let sec = &fx.sec;
    refused(
        fx.desk.select_pilot(sec, Y, "江苏省科协", "理由"),
        K::NotFound,
        &["申报材料", "江苏省科学技术协会（试点示范）"],
    );
    refused(fx.desk.select_pilot(sec, Y, "苏州市科协", "理由"), K::Invalid, &["不是可申报单位"]);
    refused(fx.desk.select_pilot(sec, Y, "湖北省科协", ""), K::Invalid, &["须写明理由"]);
    // the formal check already stops a pilot dossier without matching funds; simulate one that
    // got through (e.g. an older database) to check the selection refuses it on its own
    let sc = fx.dossier_id("四川省科协", Award::Pilot);
    fx.desk.conn().execute("UPDATE dossiers SET matching_funds_yuan = 0 WHERE id = ?1", [sc]).unwrap();
    let before = fx.snapshot();
    refused(
        fx.desk.select_pilot(sec, Y, "四川省科协", "调研考察情况良好"),
        K::Invalid,
        &["配套资金", "试点示范单位需给予配套资金支持"],
    );
    assert_eq!(fx.snapshot(), before);
    // the edit was made outside the app: `audit verify` names it until it is put back
    refused(fx.desk.audit_verify(), K::Tampered, &["申报材料", "四川省科学技术协会", "matching_funds_yuan"]);
    fx.desk.conn().execute("UPDATE dossiers SET matching_funds_yuan = 300000 WHERE id = ?1", [sc]).unwrap();

    let line = fx.desk.select_pilot(sec, Y, "湖北省科协", "调研考察和平时掌握情况良好").unwrap();
    assert_eq!(
        (line.award, line.amount_yuan, line.matching_yuan, line.pay_by),
        (Award::Pilot, 200_000, 300_000, day("2014-09-30"))
    );
    assert_eq!(line.rank, Some(1));
    refused(fx.desk.select_pilot(sec, Y, "湖北省科协", "再次"), K::Invalid, &["已确定为试点示范单位"]);
    let d = fx.desk.dossier(sec, fx.dossier_id("湖北省科协", Award::Pilot)).unwrap();
    assert_eq!(d.decisions.last().map(|x| x.kind.as_str()), Some("pilot_selected"));
    fx.desk.unselect_pilot(sec, Y, "湖北省科协", "改为明年试点").unwrap();
    assert!(fx.desk.funding(sec, Y).unwrap().lines.iter().all(|l| l.award != Award::Pilot));
    fx.desk.audit_verify().unwrap();
}

/// SPEC "Public notice": 5 working days from the start day, weekends and holidays off, make-up
/// working days on — opening on Sunday 2014-09-28 (a make-up working day) ends on 2014-10-09
/// across the National Day holiday. Objections that are anonymous, carry no contact, or arrive
/// outside the period are refused with the reason and recorded as objection.refused; one against
/// a unit not on the list is refused too.
#[test]
fn publicity_period_and_objection_refusals() {
    let fx = decide_fx(Policy::default());
    let sec = &fx.sec;
    fx.desk.select_pilot(sec, Y, "湖北省科协", "调研考察情况良好").unwrap();
    refused(fx.desk.open_publicity(sec, Y, day("2014-09-28"), Some(0)), K::Invalid, &["公示天数", "至少为1个工作日"]);
    let p = fx.desk.open_publicity(sec, Y, day("2014-09-28"), None).unwrap();
    assert_eq!((p.start, p.end, p.working_days), (day("2014-09-28"), day("2014-10-09"), 5));
    assert_eq!(fx.desk.publicity(&fx.sec, Y).unwrap().unwrap().end, day("2014-10-09"));

    let cases: Vec<(&str, &str, &str, &str)> = vec![
        ("匿名", "13912345678", "2014-10-08", "匿名异议不予受理"),
        ("李建国", "无", "2014-10-08", "须留有效联系方式"),
        ("李建国", "", "2014-10-08", "须留有效联系方式"),
        ("李建国", "13912345678", "2014-10-10", "不在公示期（2014-09-28 至 2014-10-09）内"),
        ("李建国", "13912345678", "2014-09-27", "不在公示期"),
    ];
    for (i, (name, contact, on, needle)) in cases.iter().enumerate() {
        refused(
            fx.desk.add_objection(sec, Y, Some("江苏省科协"), None, name, contact, day(on), "反映该单位数据有水分"),
            K::Invalid,
            &[needle],
        );
        assert_eq!(fx.audit_actions("objection.refused"), i as i64 + 1, "{name} {contact} {on}");
    }
    assert_eq!(fx.count("objections"), 0);
    let detail: String = fx
        .desk
        .conn()
        .query_row("SELECT detail FROM audit WHERE action = 'objection.refused' ORDER BY seq LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert!(detail.contains("匿名") && detail.contains("不予受理"), "{detail}");
    refused(
        fx.desk.add_objection(sec, Y, Some("四川省科协"), None, "李建国", "13912345678", day("2014-10-08"), "x"),
        K::Invalid,
        &["不在公示名单中"],
    );
    refused(
        fx.desk.add_objection(sec, Y, Some("江苏省科协"), None, "李建国", "13912345678", day("2014-10-08"), " "),
        K::Invalid,
        &["异议内容"],
    );
    // the first and the last day of the period are inside it
    fx.desk
        .add_objection(
            sec,
            Y,
            Some("江苏省科协"),
            None,
            "李建国",
            "13912345678",
            day("2014-09-28"),
            "反映该单位数据有水分",
        )
        .unwrap();
    fx.desk
        .add_objection(
            sec,
            Y,
            Some("浙江省科协"),
            None,
            "王小明",
            "010-62345678",
            day("2014-10-09"),
            "反映该单位数据有水分",
        )
        .unwrap();
    assert_eq!(fx.count("objections"), 2);
    assert_eq!(fx.audit_actions("objection.refused"), 5);
    fx.desk.audit_verify().unwrap();
}

/// SPEC "Public notice": objections are resolved upheld/dismissed with reasons; an upheld
/// objection against a listed unit removes it from the list and its funding line (recorded as a
/// decision and in the audit log); a dismissed one changes nothing; a resolved objection cannot be
/// resolved again; the published list is the list without the removed unit.
#[test]
fn upheld_objection_removes_the_unit_and_its_funding() {
    let fx = decide_fx(Policy::default());
    let sec = &fx.sec;
    fx.desk.open_publicity(sec, Y, day("2014-12-01"), None).unwrap();
    let js = fx.dossier_id("江苏省科协", Award::Subsidy);
    let o1 = fx
        .desk
        .add_objection(
            sec,
            Y,
            Some("江苏省科协"),
            None,
            "李建国",
            "13912345678",
            day("2014-12-02"),
            "部分企业科协未正常开展活动",
        )
        .unwrap();
    let o2 = fx
        .desk
        .add_objection(sec, Y, Some("浙江省科协"), None, "王小明", "13812345678", day("2014-12-03"), "数据偏高")
        .unwrap();
    fx.desk.resolve_objection(sec, o1, true, "经核查，所列企业科协有12家未开展活动，异议成立").unwrap();
    fx.desk.resolve_objection(sec, o2, false, "经核查，数据有成立批复为证，异议不成立").unwrap();
    refused(fx.desk.resolve_objection(sec, o1, false, "再议"), K::Illegal, &["异议成立", "该异议已处理"]);

    let p = fx.desk.publicity(&fx.sec, Y).unwrap().unwrap();
    assert!(!p.rows.iter().any(|r| r.dossier_id == js), "{:?}", p.rows);
    assert_eq!(p.rows.len(), 3);
    assert_eq!(
        p.objections.iter().map(|o| (o.id, o.state.as_str())).collect::<Vec<_>>(),
        vec![(o1, "upheld"), (o2, "dismissed")]
    );
    let units: Vec<String> = fx.subsidy_lines().into_iter().map(|l| l.0).collect();
    assert_eq!(units, vec![full_name("湖北省科协"), full_name("浙江省科协"), full_name("广东省科协")]);
    let d = fx.desk.dossier(sec, js).unwrap();
    assert_eq!(
        d.decisions.last().map(|x| (x.kind.as_str(), x.reason.contains("异议成立"))),
        Some(("removed_by_objection", true))
    );
    assert_eq!(fx.audit_actions("funding.remove_by_objection"), 1);
    fx.desk.audit_verify().unwrap();

    fx.desk.close_publicity(sec, Y, day("2014-12-08")).unwrap();
    fx.desk.publish(sec, Y, day("2014-12-10"), None).unwrap();
    let c = fx.desk.campaign(Y).unwrap();
    assert_eq!(c.doc_number.as_deref(), Some("科协计函企字〔2014〕　号"));
    let listed: Vec<i64> = fx.desk.publicity(&fx.sec, Y).unwrap().unwrap().rows.iter().map(|r| r.dossier_id).collect();
    let funded: Vec<i64> = fx.desk.funding(sec, Y).unwrap().lines.iter().map(|l| l.dossier_id).collect();
    assert_eq!(listed, funded, "the published list and the funding table agree");
}

/// SPEC "Public notice": the proposed list is published — an empty list (no pilot selected and no
/// excellent post-subsidy dossier within a zero budget) cannot be put on public notice.
#[test]
fn open_publicity_refuses_an_empty_list() {
    let fx = decide_fx(Policy { subsidy_budget_yuan: 0, ..Default::default() });
    assert!(fx.subsidy_lines().is_empty());
    let before = fx.snapshot();
    refused(fx.desk.open_publicity(&fx.sec, Y, day("2014-12-01"), None), K::Rule, &["拟支持名单为空"]);
    assert_eq!(fx.snapshot(), before);
    assert_eq!(fx.stage(), Stage::Decide);
    assert!(fx.desk.publicity(&fx.sec, Y).unwrap().is_none());
}

// =============================================================================================
// Probes of behaviour the SPEC implies (see the report for those found broken)

/// SPEC "The workflow" 3→4 and "Review" (recusal): when the last pending sheet of the review is
/// recused by a conflict declared after the draw, no sheet is pending any more and the review
/// must end (Review → Decide, post-subsidy lines allocated) — otherwise the campaign is stuck in
/// Review with nothing left to submit.
#[test]
fn recusing_the_last_pending_sheet_ends_the_review() {
    let fx = review_fx(Policy::default());
    let all = fx.assignments();
    let last = all.iter().find(|a| a.unit_code == code("四川省科协")).unwrap().clone();
    fx.import_scores_where("评分-除一份.csv", |a| a.id != last.id).unwrap();
    assert_eq!(fx.stage(), Stage::Review);
    fx.desk.declare_conflict(&fx.sec, Y, &last.expert, "四川省科协", "近三年曾在该单位兼职").unwrap();
    assert_eq!(fx.assignments().iter().filter(|a| a.state == SheetState::Pending).count(), 0);
    assert_eq!(fx.stage(), Stage::Decide, "no sheet is pending: the review has ended");
    assert_eq!(fx.subsidy_lines().len(), 4);
}

/// SPEC "Who uses it" (roles enforced by the core): `set_expert_login` gives an expert a login
/// named after them; when that login already belongs to a secretariat (or applicant) user it must
/// refuse, not reset that user's password and hand the account — with its role — to the expert.
#[test]
fn set_expert_login_does_not_take_over_a_non_expert_account() {
    let fx = review_fx(Policy::default());
    fx.desk
        .create_user(&fx.sec, "王建国", "王建国（秘书处工作人员）", Role::Secretariat, "staff-password-1", None)
        .unwrap();
    let r = fx.desk.set_expert_login(&fx.sec, Y, "王建国", PW);
    assert!(r.is_err(), "the login 王建国 belongs to a secretariat user; it must not be reassigned to the expert");
    let staff = fx.desk.login("王建国", "staff-password-1").unwrap();
    assert_eq!(staff.role(), Role::Secretariat);
    if let Ok(a) = fx.desk.login("王建国", PW) {
        assert_ne!(a.role(), Role::Secretariat, "the expert must never log in with the secretariat role");
    }
}

/// SPEC "Default review policy": 「Objections must carry a real name and a contact」; the refusal
/// text itself says the contact may be 「电话或电子邮箱」 — an ordinary e-mail address such as
/// lijianguo@example.cn (no digits) must be accepted as a contact.
#[test]
fn objection_contact_may_be_an_email_address() {
    let fx = decide_fx(Policy::default());
    fx.desk.open_publicity(&fx.sec, Y, day("2014-12-01"), None).unwrap();
    fx.desk
        .add_objection(
            &fx.sec,
            Y,
            Some("江苏省科协"),
            None,
            "李建国",
            "lijianguo@example.cn",
            day("2014-12-02"),
            "部分企业科协未正常开展活动",
        )
        .unwrap();
    fx.desk
        .add_objection(&fx.sec, Y, Some("浙江省科协"), None, "王小明", "wxm@163.com", day("2014-12-02"), "数据偏高")
        .unwrap();
}

/// SPEC "Public notice": an upheld objection removes the unit it concerns from the list. When a
/// unit is listed under both awards (pilot and post-subsidy), an objection naming only the unit
/// must not silently attach to the first listed line (the pilot one): it must be refused asking
/// for the award (as `find_dossier` does: 「…同时申报了试点示范和后补助，请指明类别」).
#[test]
fn objection_against_a_unit_listed_under_both_awards_names_the_award() {
    let fx = decide_fx(Policy::default());
    fx.desk.select_pilot(&fx.sec, Y, "湖北省科协", "调研考察情况良好").unwrap();
    let p = fx.desk.open_publicity(&fx.sec, Y, day("2014-12-01"), None).unwrap();
    assert_eq!(p.rows.iter().filter(|r| r.unit == full_name("湖北省科协")).count(), 2);
    let r = fx.desk.add_objection(
        &fx.sec,
        Y,
        Some("湖北省科协"),
        None,
        "李建国",
        "13912345678",
        day("2014-12-02"),
        "后补助申报数据有水分",
    );
    let e = expect_err(r);
    assert!(e.to_string().contains("类别"), "{e}");
}

/// `add_attachment` (doc: 「Stores an attachment … on a draft/submitted dossier」) and SPEC
/// "Recommend" (the formal check covers required attachments): once the formal check has given
/// its outcome (recommended or rejected) the dossier's attachments can no longer change.
#[test]
fn attachments_cannot_be_added_after_the_formal_check() {
    let fx = Fx::new(Policy::default());
    let sec = &fx.sec;
    let id = fx.desk.save_dossier(sec, Y, dinput("湖北省科协", Award::Subsidy)).unwrap();
    fx.desk.add_attachment(sec, id, "工作总结", "总结.pdf", b"%PDF-1.4 draft").unwrap();
    fx.desk.submit_dossier(sec, id, day("2014-10-20")).unwrap();
    fx.desk.add_attachment(sec, id, "佐证材料", "名录.xlsx", b"PK submitted").unwrap();
    fx.desk.recommend(sec, id, Recommendation::Recommend).unwrap();
    refused(fx.desk.add_attachment(sec, id, "补充材料", "补充.pdf", b"%PDF-1.4 after"), K::Illegal, &["已推荐"]);
    let js = fx.desk.save_dossier(sec, Y, dinput("江苏省科协", Award::Subsidy)).unwrap();
    fx.desk.submit_dossier(sec, js, day("2014-10-20")).unwrap();
    fx.desk.recommend(sec, js, Recommendation::Reject("不符合条件".into())).unwrap();
    refused(fx.desk.add_attachment(sec, js, "补充材料", "补充.pdf", b"%PDF-1.4 late"), K::Illegal, &["不予推荐"]);
}

/// SPEC "Review": no expert reviews a unit they declared a conflict with — also when the conflict
/// comes to light after the expert submitted: the sheet stops counting and the allocation follows.
#[test]
fn conflict_after_submission_removes_the_sheet_from_the_results() {
    let fx = decide_fx(Policy::default());
    let sec = &fx.sec;
    let before = fx.desk.results(sec, Y).unwrap();
    let row = before.rows.iter().find(|r| r.award == Award::Subsidy).unwrap().clone();
    let expert = row.experts[0].expert.clone();
    fx.desk.declare_conflict(sec, Y, &expert, &row.unit, "评审后发现曾在该单位兼职").unwrap();
    let after = fx.desk.results(sec, Y).unwrap();
    let r2 = after.rows.iter().find(|r| r.dossier_id == row.dossier_id).unwrap();
    assert_eq!(r2.n_scores, row.n_scores - 1);
    assert!(r2.experts.iter().all(|e| e.expert != expert));
    assert!(fx.desk.audit_verify().is_ok());
    // once the list is public the panel can no longer change
    let _ = fx.desk.select_pilot(sec, Y, "湖北省科协", "调研考察情况良好");
    fx.desk.open_publicity(sec, Y, day("2014-12-01"), None).unwrap();
    let other = after.rows.iter().find(|r| r.dossier_id != row.dossier_id).unwrap();
    let e = fx.desk.declare_conflict(sec, Y, &other.experts[0].expert, &other.unit, "x").unwrap_err();
    assert!(e.to_string().contains("公示"), "{e}");
}
