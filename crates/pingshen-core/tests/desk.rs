//! Integration tests of the `Desk` service API on temporary databases: the campaign stage
//! machine, dossier states, role boundaries, score checks, all-or-nothing imports, the audit log,
//! funding and publicity. Each test's doc comment names the SPEC section or seed-002 rule it checks.
//! The fixtures are in `tests/support/mod.rs`.

#![allow(clippy::unwrap_used)]

mod support;
use support::*;

// =============================================================================================
// 1. The campaign stage machine

/// SPEC "The workflow" 1–3: a campaign starts in Apply (申报推荐); while in Apply nothing of the
/// later stages is possible (score import, pilot selection, publicity, publish), each refusal
/// saying what the stage allows; a refused draw (too few experts) leaves the stage untouched;
/// `draw` moves Apply → Review and is recorded in the audit log.
#[test]
fn stage_apply_refuses_later_actions_and_draw_moves_to_review() {
    let fx = apply_fx(Policy::default());
    assert_eq!(fx.stage(), Stage::Apply);
    let sec = &fx.sec;
    let scores = one_score_file(&fx, "评分.csv");
    refused(
        fx.desk.import_scores(sec, Y, &scores),
        K::Illegal,
        &["申报推荐", "导入评分", "只能在专家评审阶段导入评分"],
    );
    refused(
        fx.desk.select_pilot(sec, Y, "湖北省科协", "调研考察情况良好"),
        K::Illegal,
        &["申报推荐", "须在全部评分提交后、公示开始前进行"],
    );
    refused(
        fx.desk.adjust_funding(sec, Y, "湖北省科协", Award::Subsidy, 120_000, "调整"),
        K::Illegal,
        &["申报推荐", "调整经费"],
    );
    refused(
        fx.desk.open_publicity(sec, Y, day("2014-12-01"), None),
        K::Illegal,
        &["申报推荐", "开始公示", "须在全部评分提交后、公示开始前进行"],
    );
    refused(
        fx.desk.add_objection(sec, Y, None, None, "李建国", "13912345678", day("2014-12-02"), "异议"),
        K::Illegal,
        &["申报推荐", "须在公示期间进行"],
    );
    refused(
        fx.desk.close_publicity(sec, Y, day("2014-12-10")),
        K::Illegal,
        &["申报推荐", "结束公示", "须在公示期间进行"],
    );
    refused(fx.desk.publish(sec, Y, day("2014-12-10"), None), K::Illegal, &["申报推荐", "发布", "须在公示结束后进行"]);
    assert_eq!(fx.stage(), Stage::Apply);

    fx.desk.recommend_auto(sec, Y).unwrap();
    // 9 experts per dossier out of a panel of 8: refused, and the stage stays Apply
    let before = fx.snapshot();
    expect_err(fx.desk.draw(sec, Y, Some(9), 1));
    assert_eq!(fx.stage(), Stage::Apply);
    assert_eq!(fx.snapshot(), before, "a refused draw must write nothing");

    let d = fx.desk.draw(sec, Y, Some(3), 7).unwrap();
    assert_eq!((d.per_dossier, d.dossiers, d.experts, d.assignments), (3, 6, 8, 18));
    assert!(d.max_load - d.min_load <= 1, "{d:?}");
    assert_eq!(fx.stage(), Stage::Review);
    assert_eq!(stage_moves(&fx), vec![("apply".to_string(), "review".to_string())]);
    assert_eq!(fx.count("draws"), 1);
}

/// SPEC "The workflow" 1 and 3: once the experts are drawn (Review) dossiers and experts can no
/// longer be entered or imported, the policy is frozen, a second draw is refused, and the decide
/// and publicity actions are refused — each error says what is allowed.
#[test]
fn stage_review_refuses_apply_and_decide_actions() {
    let fx = review_fx(Policy::default());
    let sec = &fx.sec;
    let more = fx.csv("补充申报.csv", &DOSSIER_HEADERS, &[drow("山东省科协", "后补助", "2014-10-20")]);
    refused(
        fx.desk.import_dossiers(sec, Y, &more),
        K::Illegal,
        &["专家评审", "导入申报材料", "申报材料只能在抽取评审专家之前录入和处理"],
    );
    refused(
        fx.desk.save_dossier(sec, Y, dinput("山东省科协", Award::Subsidy)),
        K::Illegal,
        &["专家评审", "申报材料只能在抽取评审专家之前录入和处理"],
    );
    let hubei = fx.dossier_id("湖北省科协", Award::Subsidy);
    refused(
        fx.desk.recommend(sec, hubei, Recommendation::Reject("不符合条件".into())),
        K::Illegal,
        &["专家评审", "推荐"],
    );
    let ex = fx.csv(
        "专家补充.csv",
        &EXPERT_HEADERS,
        &[vec!["周新".into(), "四川大学".into(), "四川省".into(), String::new(), String::new(), String::new()]],
    );
    refused(fx.desk.import_experts(sec, Y, &ex), K::Illegal, &["专家评审", "专家库须在抽取评审专家前导入"]);
    refused(
        fx.desk.update_policy(sec, Y, Policy::default()),
        K::Illegal,
        &["专家评审", "评审规则只能在抽取专家前修改"],
    );
    refused(fx.desk.draw(sec, Y, Some(3), 8), K::Illegal, &["专家评审", "抽取评审专家", "全部评分提交后进入结果确定"]);
    refused(
        fx.desk.open_publicity(sec, Y, day("2014-12-01"), None),
        K::Illegal,
        &["专家评审", "开始公示", "须在全部评分提交后、公示开始前进行"],
    );
    refused(
        fx.desk.select_pilot(sec, Y, "湖北省科协", "调研考察情况良好"),
        K::Illegal,
        &["专家评审", "确定试点示范单位"],
    );
    refused(fx.desk.adjust_funding(sec, Y, "湖北省科协", Award::Subsidy, 120_000, "调整"), K::Illegal, &["专家评审"]);
    refused(fx.desk.close_publicity(sec, Y, day("2014-12-10")), K::Illegal, &["专家评审", "须在公示期间进行"]);
    refused(fx.desk.publish(sec, Y, day("2014-12-10"), None), K::Illegal, &["专家评审", "须在公示结束后进行"]);
    assert_eq!(fx.stage(), Stage::Review);
    assert_eq!(fx.count("assignments"), 18);
}

/// SPEC "The workflow" 3→4: the review ends (Review → Decide) with the last submitted sheet —
/// here one submitted by the expert in the app after the others were imported — and the
/// post-subsidy lines are allocated at that moment (excellent dossiers by rank thirds: ⌈4/3⌉ = 2 ×
/// 150,000 then 2 × 120,000). A sheet cannot be scored or imported once the review has ended.
#[test]
fn stage_review_to_decide_by_the_last_submit_scores() {
    let fx = review_fx(Policy::default());
    let all = fx.assignments();
    let last = all.iter().max_by_key(|a| a.id).unwrap().clone();
    fx.import_scores_where("评分录入-除最后一份.csv", |a| a.id != last.id).unwrap();
    assert_eq!(fx.stage(), Stage::Review, "one sheet is still pending");
    assert!(fx.subsidy_lines().is_empty(), "no funding before the review ends");

    let me = fx.expert(&last.expert);
    fx.desk.submit_scores(&me, last.id, &fx.sheet(&last)).unwrap();
    assert_eq!(fx.stage(), Stage::Decide);
    assert_eq!(stage_moves(&fx).last().unwrap(), &("review".to_string(), "decide".to_string()));
    let lines = fx.subsidy_lines();
    assert_eq!(
        lines,
        vec![
            (full_name("湖北省科协"), 150_000),
            (full_name("江苏省科协"), 150_000),
            (full_name("浙江省科协"), 120_000),
            (full_name("广东省科协"), 120_000)
        ]
    );
    assert_eq!(fx.audit_actions("funding.allocate"), 4);

    // scoring is over
    refused(
        fx.desk.submit_scores(&me, last.id, &fx.sheet(&last)),
        K::Illegal,
        &["评审结果确定", "只能在专家评审阶段评分"],
    );
    let f = one_score_file(&fx, "迟到评分.csv");
    refused(fx.desk.import_scores(&fx.sec, Y, &f), K::Illegal, &["评审结果确定", "只能在专家评审阶段导入评分"]);
    refused(fx.desk.close_publicity(&fx.sec, Y, day("2014-12-10")), K::Illegal, &["评审结果确定", "须在公示期间进行"]);
    refused(fx.desk.publish(&fx.sec, Y, day("2014-12-10"), None), K::Illegal, &["评审结果确定", "须在公示结束后进行"]);
    refused(
        fx.desk.add_objection(&fx.sec, Y, None, None, "李建国", "13912345678", day("2014-12-02"), "异议"),
        K::Illegal,
        &["评审结果确定", "须在公示期间进行"],
    );
}

/// SPEC "The workflow" 3→4: the review also ends when the last pending sheets arrive through
/// `import_scores` (paper sheets of a panel meeting), not only through `submit_scores`.
#[test]
fn stage_review_to_decide_by_the_last_import_scores() {
    let fx = review_fx(Policy::default());
    let r = fx.import_scores_where("评分-后补助.csv", |a| a.award == Award::Subsidy).unwrap();
    assert_eq!(r.imported, 12);
    assert_eq!(fx.stage(), Stage::Review);
    let r = fx.import_scores_where("评分-试点示范.csv", |a| a.award == Award::Pilot).unwrap();
    assert_eq!(r.imported, 6);
    assert_eq!(fx.stage(), Stage::Decide);
    assert!(fx.assignments().iter().all(|a| a.state == SheetState::Submitted));
    assert_eq!(fx.subsidy_lines().len(), 4);
}

/// SPEC "The workflow" 3 (the secretariat can send a sheet back) and the stage machine
/// Decide → Review: reopening a submitted sheet needs a reason, takes the campaign back to Review
/// and withdraws the post-subsidy lines (recorded as funding.withdraw); when the expert submits
/// again the campaign returns to Decide and the lines are allocated anew from the new results.
#[test]
fn stage_decide_back_to_review_by_reopen_withdraws_and_reallocates_funding() {
    let fx = decide_fx(Policy::default());
    let before = fx.subsidy_lines();
    assert_eq!(before.len(), 4);
    let sheet = fx.assignments().into_iter().find(|a| a.unit_code == code("广东省科协")).unwrap();

    refused(fx.desk.reopen_scores(&fx.sec, sheet.id, "  "), K::Invalid, &["理由", "退回评分表须写明理由"]);
    assert_eq!(fx.stage(), Stage::Decide);

    fx.desk.reopen_scores(&fx.sec, sheet.id, "专家要求更正笔误").unwrap();
    assert_eq!(fx.stage(), Stage::Review);
    assert!(fx.subsidy_lines().is_empty(), "post-subsidy lines are withdrawn while results may change");
    assert_eq!(fx.audit_actions("funding.withdraw"), 4);
    let reopened = fx.assignments().into_iter().find(|a| a.id == sheet.id).unwrap();
    assert_eq!(reopened.state, SheetState::Pending);
    refused(fx.desk.open_publicity(&fx.sec, Y, day("2014-12-01"), None), K::Illegal, &["专家评审"]);
    refused(fx.desk.select_pilot(&fx.sec, Y, "湖北省科协", "理由"), K::Illegal, &["专家评审"]);

    // the expert re-scores 广东 much lower: it falls below excellent and loses its line
    let me = fx.expert(&sheet.expert);
    let low = fx.scores_for(sheet.award, 0.3);
    fx.desk.submit_scores(&me, sheet.id, &low).unwrap();
    assert_eq!(fx.stage(), Stage::Decide);
    assert_eq!(fx.audit_actions("funding.allocate"), 4 + 3);
    // three excellent now: ⌈3/3⌉ = 1 per tier → 150,000 / 120,000 / 100,000
    let after = fx.subsidy_lines();
    assert_eq!(
        after,
        vec![
            (full_name("湖北省科协"), 150_000),
            (full_name("江苏省科协"), 120_000),
            (full_name("浙江省科协"), 100_000)
        ]
    );
    let r = fx.desk.results(&fx.sec, Y).unwrap();
    let gd = r.rows.iter().find(|x| x.unit_code == code("广东省科协")).unwrap();
    assert_ne!(gd.grade, Some(Grade::Excellent));
    assert_eq!(
        stage_moves(&fx),
        [("apply", "review"), ("review", "decide"), ("decide", "review"), ("review", "decide")]
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .to_vec()
    );
    fx.desk.audit_verify().unwrap();
}

/// SPEC "The workflow" 4–6: Decide → Publicity by `open_publicity`, Publicity → Final by
/// `close_publicity` (not before the period's last day has passed, not with an open objection),
/// Final → Published by `publish` (not dated before the close); once public, sheets can no longer
/// be reopened nor pilots selected, and a published campaign refuses every further move.
#[test]
fn stage_publicity_final_published_and_their_refusals() {
    let fx = decide_fx(Policy::default());
    let sec = &fx.sec;
    fx.desk.select_pilot(sec, Y, "湖北省科协", "调研考察和平时掌握情况良好").unwrap();
    let p = fx.desk.open_publicity(sec, Y, day("2014-12-01"), None).unwrap();
    assert_eq!(fx.stage(), Stage::Publicity);
    assert_eq!((p.start, p.end, p.working_days), (day("2014-12-01"), day("2014-12-05"), 5));
    assert_eq!(p.rows.len(), 5, "1 pilot + 4 post-subsidy");

    let any_sheet = fx.assignments()[0].id;
    refused(fx.desk.reopen_scores(sec, any_sheet, "更正"), K::Illegal, &["公示中", "公示开始后不能再退回评分表"]);
    refused(
        fx.desk.select_pilot(sec, Y, "四川省科协", "理由"),
        K::Illegal,
        &["公示中", "须在全部评分提交后、公示开始前进行"],
    );
    refused(fx.desk.adjust_funding(sec, Y, "浙江省科协", Award::Subsidy, 110_000, "调整"), K::Illegal, &["公示中"]);
    refused(fx.desk.open_publicity(sec, Y, day("2014-12-02"), None), K::Illegal, &["公示中", "开始公示"]);
    refused(fx.desk.publish(sec, Y, day("2014-12-10"), None), K::Illegal, &["公示中", "须在公示结束后进行"]);
    refused(fx.desk.close_publicity(sec, Y, day("2014-12-05")), K::Invalid, &["结束日期", "2014-12-05", "公示期满后"]);
    refused(fx.desk.close_publicity(sec, Y, day("2014-12-03")), K::Invalid, &["公示期满后"]);

    let oid = fx
        .desk
        .add_objection(
            sec,
            Y,
            Some("浙江省科协"),
            None,
            "李建国",
            "13912345678",
            day("2014-12-03"),
            "反映新建企业科协数量偏高",
        )
        .unwrap();
    refused(
        fx.desk.close_publicity(sec, Y, day("2014-12-08")),
        K::Rule,
        &["尚有未处理的异议", &format!("第{oid}号"), "李建国"],
    );
    assert_eq!(fx.stage(), Stage::Publicity);
    refused(fx.desk.resolve_objection(sec, oid, false, " "), K::Invalid, &["处理异议须写明理由"]);
    fx.desk.resolve_objection(sec, oid, false, "经核查，异议不成立").unwrap();
    let closed = fx.desk.close_publicity(sec, Y, day("2014-12-08")).unwrap();
    assert_eq!(closed.closed_on, Some(day("2014-12-08")));
    assert_eq!(fx.stage(), Stage::Final);

    refused(
        fx.desk.add_objection(sec, Y, None, None, "王五", "13912345678", day("2014-12-05"), "异议"),
        K::Illegal,
        &["公示结束", "须在公示期间进行"],
    );
    refused(fx.desk.reopen_scores(sec, any_sheet, "更正"), K::Illegal, &["公示结束"]);
    refused(
        fx.desk.publish(sec, Y, day("2014-12-07"), None),
        K::Invalid,
        &["发布日期", "不能早于公示结束日期2014-12-08"],
    );
    let c = fx.desk.publish(sec, Y, day("2014-12-10"), Some("科协计函企字〔2014〕68号")).unwrap();
    assert_eq!(c.stage, Stage::Published);
    assert_eq!(c.doc_number.as_deref(), Some("科协计函企字〔2014〕68号"));
    assert_eq!(fx.desk.publicity(&fx.sec, Y).unwrap().unwrap().published_on, Some(day("2014-12-10")));

    // a published year is read-only (issue 16): refused naming the year, before any stage check
    for e in [
        expect_err(fx.desk.publish(sec, Y, day("2014-12-11"), None)),
        expect_err(fx.desk.close_publicity(sec, Y, day("2014-12-11"))),
        expect_err(fx.desk.reopen_scores(sec, any_sheet, "更正")),
    ] {
        assert!(matches!(e, Error::ReadOnlyYear { year: YEAR }), "{e:?}");
        assert!(e.to_string().starts_with("2014年度评审工作已发布，只读"), "{e}");
    }
    assert_eq!(
        stage_moves(&fx),
        [
            ("apply", "review"),
            ("review", "decide"),
            ("decide", "publicity"),
            ("publicity", "final"),
            ("final", "published")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .to_vec()
    );
    fx.desk.audit_verify().unwrap();
}

// =============================================================================================
// 2. Dossier states

/// SPEC "Apply" and seed 002 §三(三)2 「各申报单位于每年10月31日前报送有关材料」: a saved dossier is a
/// draft; handed in on 10-31 it is submitted; handed in on 11-01 it is late and waits for a
/// recorded secretariat decision (reason required): accepted → submitted, refused → rejected.
/// A submitted dossier can no longer be edited; negative numbers are refused on entry.
#[test]
fn dossier_draft_submit_late_accept_and_refuse() {
    let fx = Fx::new(Policy::default());
    let sec = &fx.sec;
    let hubei = fx.desk.save_dossier(sec, Y, dinput("湖北省科协", Award::Subsidy)).unwrap();
    let d = fx.desk.dossier(sec, hubei).unwrap();
    assert_eq!((d.state, d.late, d.input.submitted_on), (DossierState::Draft, false, None));
    // a draft may be saved again (same dossier, updated)
    let mut edited = dinput("湖北省科协", Award::Subsidy);
    edited.contact_name = "王芳".into();
    assert_eq!(fx.desk.save_dossier(sec, Y, edited).unwrap(), hubei);
    assert_eq!(fx.desk.dossier(sec, hubei).unwrap().input.contact_name, "王芳");

    assert_eq!(fx.desk.submit_dossier(sec, hubei, day("2014-10-31")).unwrap(), DossierState::Submitted);
    let d = fx.desk.dossier(sec, hubei).unwrap();
    assert_eq!((d.state, d.late, d.input.submitted_on), (DossierState::Submitted, false, Some(day("2014-10-31"))));
    refused(
        fx.desk.save_dossier(sec, Y, dinput("湖北省科协", Award::Subsidy)),
        K::Illegal,
        &["已提交", "只有草稿或退回修改的材料可以修改"],
    );
    refused(fx.desk.submit_dossier(sec, hubei, day("2014-10-31")), K::Illegal, &["已提交"]);

    let mut neg = dinput("山东省科协", Award::Subsidy);
    neg.indicators.workstations = -1;
    refused(fx.desk.save_dossier(sec, Y, neg), K::Invalid, &["院士专家工作站数", "不能为负数"]);

    let jiangsu = fx.desk.save_dossier(sec, Y, dinput("江苏省科协", Award::Subsidy)).unwrap();
    assert_eq!(fx.desk.submit_dossier(sec, jiangsu, day("2014-11-01")).unwrap(), DossierState::Late);
    assert!(fx.desk.dossier(sec, jiangsu).unwrap().late);
    refused(
        fx.desk.recommend(sec, jiangsu, Recommendation::Recommend),
        K::Illegal,
        &["逾期待定", "逾期材料须由秘书处决定是否受理"],
    );
    refused(fx.desk.decide_late(sec, jiangsu, true, "   "), K::Invalid, &["理由", "处理逾期材料须写明理由"]);
    assert_eq!(
        fx.desk.decide_late(sec, jiangsu, true, "邮寄途中延误，邮戳日期为10月30日").unwrap(),
        DossierState::Submitted
    );
    let d = fx.desk.dossier(sec, jiangsu).unwrap();
    assert!(d.late, "the dossier stays marked late after the decision");
    let pingshen_core::desk::Decision { kind, reason, actor, at } = d.decisions.last().unwrap();
    assert_eq!((kind.as_str(), reason.as_str()), ("late_accepted", "邮寄途中延误，邮戳日期为10月30日"));
    assert!(actor.contains("秘书处") && !at.is_empty(), "{actor} {at}");
    refused(fx.desk.decide_late(sec, jiangsu, false, "重复处理"), K::Illegal, &["已提交"]);

    let zhejiang = fx.desk.save_dossier(sec, Y, dinput("浙江省科协", Award::Subsidy)).unwrap();
    assert_eq!(fx.desk.submit_dossier(sec, zhejiang, day("2014-11-20")).unwrap(), DossierState::Late);
    assert_eq!(fx.desk.decide_late(sec, zhejiang, false, "逾期二十天且无正当理由").unwrap(), DossierState::Rejected);
    let d = fx.desk.dossier(sec, zhejiang).unwrap();
    assert_eq!(
        d.decisions.last().map(|x| (x.kind.as_str(), x.reason.as_str())),
        Some(("late_refused", "逾期二十天且无正当理由"))
    );
    assert_eq!(fx.audit_actions("dossier.late_accepted"), 1);
    assert_eq!(fx.audit_actions("dossier.late_refused"), 1);
}

/// SPEC "Recommend": recommending a dossier that fails the formal check is refused with every
/// problem named (contact phone, a part above its whole, a too-short narrative); a return needs
/// reasons and a rejection a reason; a returned dossier can be corrected and handed in again,
/// then recommended; every outcome is recorded with who and when; rejected and recommended
/// dossiers cannot change outcome.
#[test]
fn dossier_formal_check_return_resubmit_reject() {
    let fx = Fx::new(Policy::default());
    let sec = &fx.sec;
    let mut bad = dinput("湖北省科协", Award::Subsidy);
    bad.contact_phone = String::new();
    bad.indicators.zones_with_association = 50; // > 园区总数 40
    bad.narratives.distinctive = "见附件。".into();
    let id = fx.desk.save_dossier(sec, Y, bad).unwrap();
    fx.desk.submit_dossier(sec, id, day("2014-10-20")).unwrap();
    let problems = fx.desk.check_dossier(id).unwrap();
    assert_eq!(problems.len(), 3, "{problems:?}");
    let text = refused(
        fx.desk.recommend(sec, id, Recommendation::Recommend),
        K::Rule,
        &["湖北省科学技术协会", "未通过形式审查", "联系电话", "已建科协园区数", "园区总数", "特色做法"],
    );
    assert!(!text.is_empty());
    assert_eq!(fx.desk.dossier(sec, id).unwrap().state, DossierState::Submitted);

    refused(
        fx.desk.recommend(sec, id, Recommendation::Return(vec![" ".into()])),
        K::Invalid,
        &["退回理由", "须写明理由"],
    );
    assert_eq!(fx.desk.recommend(sec, id, Recommendation::Return(problems.clone())).unwrap(), DossierState::Returned);
    let d = fx.desk.dossier(sec, id).unwrap();
    let pingshen_core::desk::Decision { kind: k, reason, actor, at } = d.decisions.last().unwrap();
    assert_eq!(k, "returned");
    assert!(reason.contains("联系电话") && reason.contains("特色做法"), "{reason}");
    assert!(actor.contains("秘书处") && at.starts_with("20"), "{actor} {at}");

    // the unit corrects it and hands it in again
    assert_eq!(fx.desk.save_dossier(sec, Y, dinput("湖北省科协", Award::Subsidy)).unwrap(), id);
    assert_eq!(fx.desk.submit_dossier(sec, id, day("2014-10-28")).unwrap(), DossierState::Submitted);
    assert!(fx.desk.check_dossier(id).unwrap().is_empty());
    assert_eq!(fx.desk.recommend(sec, id, Recommendation::Recommend).unwrap(), DossierState::Recommended);
    refused(
        fx.desk.recommend(sec, id, Recommendation::Reject("改变主意".into())),
        K::Illegal,
        &["已推荐", "不能再改变推荐结论"],
    );
    refused(fx.desk.save_dossier(sec, Y, dinput("湖北省科协", Award::Subsidy)), K::Illegal, &["已推荐"]);
    let kinds: Vec<String> = fx.desk.dossier(sec, id).unwrap().decisions.into_iter().map(|d| d.kind).collect();
    assert_eq!(kinds, vec!["returned", "recommended"]);

    let js = fx.desk.save_dossier(sec, Y, dinput("江苏省科协", Award::Subsidy)).unwrap();
    fx.desk.submit_dossier(sec, js, day("2014-10-20")).unwrap();
    refused(fx.desk.recommend(sec, js, Recommendation::Reject("".into())), K::Invalid, &["不予推荐理由", "须写明理由"]);
    assert_eq!(
        fx.desk.recommend(sec, js, Recommendation::Reject("年度内发生重大违规问题".into())).unwrap(),
        DossierState::Rejected
    );
    let d = fx.desk.dossier(sec, js).unwrap();
    assert_eq!(
        d.decisions.last().map(|x| (x.kind.as_str(), x.reason.as_str())),
        Some(("rejected", "年度内发生重大违规问题"))
    );
    refused(
        fx.desk.recommend(sec, js, Recommendation::Recommend),
        K::Illegal,
        &["不予推荐", "不予推荐的材料不能再处理"],
    );
    refused(fx.desk.submit_dossier(sec, js, day("2014-10-21")), K::Illegal, &["不予推荐"]);
}

/// SPEC "Recommend" and "Apply": `recommend_auto` recommends dossiers that pass the formal check,
/// returns the others with the problems as reasons (a pilot dossier without matching funds:
/// seed 002 「试点示范单位需给予配套资金支持」), and lists late dossiers as awaiting a decision
/// without touching them; the draw is refused while any dossier is unchecked or late-undecided.
#[test]
fn recommend_auto_outcomes_and_draw_waits_for_every_dossier() {
    let fx = Fx::new(Policy::default());
    let sec = &fx.sec;
    let mut no_phone = drow("江苏省科协", "后补助", "2014-10-15");
    no_phone[dcol("联系电话")] = String::new();
    let mut no_matching = drow("四川省科协", "试点示范", "2014-10-16");
    no_matching[dcol("配套资金（万元）")] = String::new();
    let rows = vec![
        drow("湖北省科协", "后补助", "2014-10-14"),
        no_phone,
        drow("浙江省科协", "后补助", "2014-11-03"),
        no_matching,
    ];
    let p = fx.csv("申报.csv", &DOSSIER_HEADERS, &rows);
    let r = fx.desk.import_dossiers(sec, Y, &p).unwrap();
    assert_eq!((r.imported, r.late), (4, 1));
    let ex = fx.csv("专家.csv", &EXPERT_HEADERS, &expert_rows());
    fx.desk.import_experts(sec, Y, &ex).unwrap();

    refused(fx.desk.draw(sec, Y, Some(3), 1), K::Rule, &["尚有4份申报材料未完成形式审查或逾期处理"]);
    assert_eq!(fx.stage(), Stage::Apply);

    let out = fx.desk.recommend_auto(sec, Y).unwrap();
    let by = |unit: &str| {
        out.iter().find(|o| o.unit == full_name(unit)).unwrap_or_else(|| panic!("{unit} missing in {out:?}"))
    };
    assert_eq!(out.len(), 4);
    assert_eq!(by("湖北省科协").outcome, "recommended");
    assert!(by("湖北省科协").reasons.is_empty());
    assert_eq!(by("江苏省科协").outcome, "returned");
    assert!(by("江苏省科协").reasons.iter().any(|r| r.contains("联系电话")), "{out:?}");
    assert_eq!(by("四川省科协").outcome, "returned");
    assert!(by("四川省科协").reasons.iter().any(|r| r.contains("试点示范单位需给予配套资金支持")), "{out:?}");
    assert_eq!(by("浙江省科协").outcome, "awaiting_late_decision");
    let state = |u: &str, a: Award| fx.desk.dossier(sec, fx.dossier_id(u, a)).unwrap().state;
    assert_eq!(state("湖北省科协", Award::Subsidy), DossierState::Recommended);
    assert_eq!(state("江苏省科协", Award::Subsidy), DossierState::Returned);
    assert_eq!(state("四川省科协", Award::Pilot), DossierState::Returned);
    assert_eq!(state("浙江省科协", Award::Subsidy), DossierState::Late);

    refused(fx.desk.draw(sec, Y, Some(3), 1), K::Rule, &["尚有1份申报材料"]);
    fx.desk.decide_late(sec, fx.dossier_id("浙江省科协", Award::Subsidy), true, "邮戳日期在截止日前").unwrap();
    let out = fx.desk.recommend_auto(sec, Y).unwrap();
    assert_eq!(
        out.iter().map(|o| (o.unit.as_str(), o.outcome.as_str())).collect::<Vec<_>>(),
        vec![(full_name("浙江省科协").as_str(), "recommended")]
    );
    let d = fx.desk.draw(sec, Y, Some(3), 1).unwrap();
    assert_eq!(d.dossiers, 2, "returned dossiers are not reviewed");
    assert_eq!(fx.stage(), Stage::Review);
}

// =============================================================================================
// 3. Role boundaries

/// SPEC "Who uses it": users are created by the secretariat only; passwords are stored as argon2
/// hashes (never in clear); a wrong password and an unknown login give the same message; an
/// applicant user must belong to one of the 47 units.
#[test]
fn users_are_created_by_the_secretariat_and_log_in_with_argon2() {
    let fx = Fx::new(Policy::default());
    let sec = &fx.sec;
    let pw = "mishu-secret-2014";
    fx.desk.create_user(sec, "zhangmishu", "张秘书", Role::Secretariat, pw, None).unwrap();
    let a = fx.desk.login(" zhangmishu ", pw).unwrap();
    assert_eq!((a.role(), a.name(), a.login()), (Role::Secretariat, "张秘书", "zhangmishu"));

    let wrong = refused(fx.desk.login("zhangmishu", "not-the-password"), K::Invalid, &["登录名或密码", "不正确"]);
    let unknown = refused(fx.desk.login("nobody", pw), K::Invalid, &[]);
    assert_eq!(wrong, unknown, "a wrong password and an unknown login must not be told apart");

    let hash: String = fx
        .desk
        .conn()
        .query_row("SELECT password_hash FROM users WHERE login = 'zhangmishu'", [], |r| r.get(0))
        .unwrap();
    assert!(hash.starts_with("$argon2"), "{hash}");
    assert!(!hash.contains(pw));
    let clear: i64 = fx
        .desk
        .conn()
        .query_row("SELECT count(*) FROM users WHERE password_hash LIKE '%' || ?1 || '%'", [pw], |r| r.get(0))
        .unwrap();
    assert_eq!(clear, 0);
    let in_audit: i64 = fx
        .desk
        .conn()
        .query_row("SELECT count(*) FROM audit WHERE detail LIKE '%' || ?1 || '%'", [pw], |r| r.get(0))
        .unwrap();
    assert_eq!(in_audit, 0, "the audit log must not hold the password");

    refused(
        fx.desk.create_user(sec, "zhangmishu", "另一个", Role::Secretariat, pw, None),
        K::Invalid,
        &["登录名", "已被使用"],
    );
    refused(
        fx.desk.create_user(sec, "short", "短密码", Role::Secretariat, "1234567", None),
        K::Invalid,
        &["密码", "至少8个字符"],
    );
    refused(
        fx.desk.create_user(sec, "hb", "湖北", Role::Applicant, pw, None),
        K::Invalid,
        &["申报单位用户须指定所属单位"],
    );
    refused(
        fx.desk.create_user(sec, "sz", "苏州", Role::Applicant, pw, Some("苏州市科协")),
        K::Invalid,
        &["不是可申报单位"],
    );
    fx.desk.create_user(sec, "hubei", "湖北省科协用户", Role::Applicant, pw, Some("湖北省科协")).unwrap();
    let app = fx.desk.login("hubei", pw).unwrap();
    assert_eq!((app.role(), app.unit_code()), (Role::Applicant, Some(code("湖北省科协").as_str())));
    refused(
        fx.desk.create_user(&app, "x1", "x", Role::Secretariat, pw, None),
        K::Forbidden,
        &["无权操作", "创建用户只能由秘书处操作"],
    );
    refused(fx.desk.set_password(&app, "zhangmishu", "hijacked-password"), K::Forbidden, &["只能修改自己的密码"]);
    fx.desk.set_password(&app, "hubei", "new-password-2014").unwrap();
    expect_err(fx.desk.login("hubei", pw));
    fx.desk.login("hubei", "new-password-2014").unwrap();
}

/// SPEC "Review" and "Who uses it": an expert (logged in through `set_expert_login`) sees only
/// their own assignments and assigned dossiers, cannot score another expert's sheet, and every
/// secretariat method refuses them with Error::Forbidden; the secretariat cannot score for them.
#[test]
fn expert_sees_only_own_work_and_cannot_act_as_secretariat() {
    let fx = review_fx(Policy::default());
    let all = fx.assignments();
    let name = all[0].expert.clone();
    let me = fx.expert(&name);
    let mine = fx.desk.assignments(&me, Y).unwrap();
    assert!(!mine.is_empty());
    assert!(mine.iter().all(|a| a.expert == name));
    assert_eq!(
        mine.iter().map(|a| a.id).collect::<Vec<_>>(),
        all.iter().filter(|a| a.expert == name).map(|a| a.id).collect::<Vec<_>>()
    );

    let my_dossiers: BTreeSet<i64> = mine.iter().map(|a| a.dossier_id).collect();
    let seen: BTreeSet<i64> = fx.desk.dossiers(&me, Y).unwrap().iter().map(|d| d.id).collect();
    assert_eq!(seen, my_dossiers);
    let other = all.iter().find(|a| !my_dossiers.contains(&a.dossier_id)).unwrap();
    refused(fx.desk.dossier(&me, other.dossier_id), K::Forbidden, &["无权查看该申报材料"]);
    fx.desk.dossier(&me, mine[0].dossier_id).unwrap();
    refused(fx.desk.dossier_scores(&me, other.dossier_id), K::Forbidden, &["您未被分配评审该材料"]);

    let foreign = all.iter().find(|a| a.expert != name).unwrap();
    refused(
        fx.desk.submit_scores(&me, foreign.id, &fx.sheet(foreign)),
        K::Forbidden,
        &["只有被分配的专家本人可以为该材料评分"],
    );
    refused(fx.desk.save_scores(&me, foreign.id, &fx.sheet(foreign)[..1]), K::Forbidden, &["只有被分配的专家本人"]);
    refused(fx.desk.submit_scores(&fx.sec, mine[0].id, &fx.sheet(&mine[0])), K::Forbidden, &["只有被分配的专家本人"]);
    refused(
        fx.desk.declare_conflict(&me, Y, &foreign.expert, "湖北省科协", "代人申明"),
        K::Forbidden,
        &["只能申明本人的回避"],
    );

    let f = one_score_file(&fx, "s.csv");
    let d = fx.csv("d.csv", &DOSSIER_HEADERS, &[drow("山东省科协", "后补助", "2014-10-20")]);
    let e = fx.csv("e.csv", &EXPERT_HEADERS, &expert_rows());
    let before = fx.snapshot();
    let forbidden: Vec<(&str, Error)> = vec![
        ("results", expect_err(fx.desk.results(&me, Y))),
        ("draw", expect_err(fx.desk.draw(&me, Y, Some(3), 1))),
        ("import_dossiers", expect_err(fx.desk.import_dossiers(&me, Y, &d))),
        ("import_experts", expect_err(fx.desk.import_experts(&me, Y, &e))),
        ("import_scores", expect_err(fx.desk.import_scores(&me, Y, &f))),
        ("experts", expect_err(fx.desk.experts(&me, Y))),
        ("funding", expect_err(fx.desk.funding(&me, Y))),
        ("audit_log", expect_err(fx.desk.audit_log(&me, 10))),
        ("create_user", expect_err(fx.desk.create_user(&me, "x", "x", Role::Expert, "password-123", None))),
        ("open_campaign", expect_err(fx.desk.open_campaign(&me, 2015, Policy::default()))),
        ("recommend_auto", expect_err(fx.desk.recommend_auto(&me, Y))),
        ("decide_late", expect_err(fx.desk.decide_late(&me, mine[0].dossier_id, true, "理由"))),
        ("reopen_scores", expect_err(fx.desk.reopen_scores(&me, mine[0].id, "理由"))),
        ("select_pilot", expect_err(fx.desk.select_pilot(&me, Y, "湖北省科协", "理由"))),
        ("adjust_funding", expect_err(fx.desk.adjust_funding(&me, Y, "湖北省科协", Award::Subsidy, 120_000, "理由"))),
        ("open_publicity", expect_err(fx.desk.open_publicity(&me, Y, day("2014-12-01"), None))),
        (
            "add_objection",
            expect_err(fx.desk.add_objection(&me, Y, None, None, "李建国", "13912345678", day("2014-12-02"), "x")),
        ),
        ("publicity", expect_err(fx.desk.publicity(&me, Y))),
        ("set_expert_login", expect_err(fx.desk.set_expert_login(&me, Y, &foreign.expert, "password-123"))),
        ("backup", expect_err(fx.desk.backup(&me, &fx.file("copy.db")))),
        ("save_dossier", expect_err(fx.desk.save_dossier(&me, Y, dinput("山东省科协", Award::Subsidy)))),
    ];
    for (what, e) in &forbidden {
        assert_eq!(kind(e), Some(K::Forbidden), "{what}: {e:?}");
        assert!(e.to_string().starts_with("无权操作"), "{what}: {e}");
    }
    assert!(
        forbidden[0].1.to_string().contains("秘书处") && forbidden[0].1.to_string().contains(&name),
        "{}",
        forbidden[0].1
    );
    // issue 9: nothing is written but one 「access.denied」 entry per attempt, naming who tried
    let after = fx.snapshot();
    let without_audit =
        |s: &Vec<(&'static str, i64)>| s.iter().filter(|(t, _)| *t != "audit").cloned().collect::<Vec<_>>();
    assert_eq!(without_audit(&after), without_audit(&before), "forbidden calls must write nothing");
    let audit = |s: &Vec<(&'static str, i64)>| s.iter().find(|(t, _)| *t == "audit").map(|(_, n)| *n).unwrap_or(0);
    let denied = fx
        .desk
        .audit_query(
            &fx.sec,
            &pingshen_core::desk::AuditQuery {
                limit: 100,
                action_prefix: Some("access.denied".into()),
                text: None,
                before_seq: None,
            },
        )
        .unwrap();
    assert_eq!(audit(&after) - audit(&before), forbidden.len() as i64, "one entry per refused attempt");
    let new: Vec<_> = denied.iter().take(forbidden.len()).collect(); // newest first
    assert!(new.iter().all(|e| e.actor.contains(&name) && e.action == "access.denied"), "{new:?}");
    assert!(new.last().unwrap().detail.to_string().contains("秘书处"), "{new:?}");
    assert!(!fx.file("copy.db").exists());
}

/// SPEC "Review": 「Scores stay hidden from other experts until that expert submits.」 Before
/// submitting, an expert sees only their own sheet (with their saved draft); after submitting,
/// they see every submitted sheet of the dossier, never a pending one; the secretariat sees all.
#[test]
fn expert_sees_other_sheets_only_after_submitting_own() {
    let fx = review_fx(Policy::default());
    let all = fx.assignments();
    let dossier = all[0].dossier_id;
    let sheets: Vec<AssignmentView> = all.iter().filter(|a| a.dossier_id == dossier).cloned().collect();
    assert_eq!(sheets.len(), 3);
    let (a, b, c) = (&sheets[0], &sheets[1], &sheets[2]);
    let (ea, eb) = (fx.expert(&a.expert), fx.expert(&b.expert));
    let names = |v: Vec<pingshen_core::desk::SheetView>| v.into_iter().map(|s| s.expert).collect::<Vec<_>>();

    fx.desk.save_scores(&eb, b.id, &fx.sheet(b)[..2]).unwrap();
    fx.desk.save_scores(&ea, a.id, &fx.sheet(a)[..1]).unwrap();
    let bv = fx.desk.dossier_scores(&eb, dossier).unwrap();
    assert_eq!(names(bv.clone()), vec![b.expert.clone()], "before submitting B sees only B's own sheet");
    assert_eq!(bv[0].state, SheetState::Pending);
    assert_eq!(bv[0].total, None);
    let typed = bv[0].scores.iter().filter(|s| fx.sheet(b).iter().any(|x| x.criterion == s.criterion)).count();
    assert_eq!(typed, 2, "B's own draft scores are shown to B: {bv:?}");

    fx.desk.submit_scores(&ea, a.id, &fx.sheet(a)).unwrap();
    assert_eq!(
        names(fx.desk.dossier_scores(&eb, dossier).unwrap()),
        vec![b.expert.clone()],
        "A's submission stays hidden from B until B submits"
    );
    let av = fx.desk.dossier_scores(&ea, dossier).unwrap();
    assert_eq!(names(av.clone()), vec![a.expert.clone()], "A sees no pending sheet of others");
    assert!(av[0].total.is_some());

    fx.desk.submit_scores(&eb, b.id, &fx.sheet(b)).unwrap();
    let want = vec![a.expert.clone(), b.expert.clone()];
    assert_eq!(names(fx.desk.dossier_scores(&ea, dossier).unwrap()), want);
    assert_eq!(names(fx.desk.dossier_scores(&eb, dossier).unwrap()), want);
    let secv = fx.desk.dossier_scores(&fx.sec, dossier).unwrap();
    assert_eq!(names(secv), vec![a.expert.clone(), b.expert.clone(), c.expert.clone()]);
}

/// SPEC "Who uses it" (applicant unit fills in its dossier): an applicant user saves, submits and
/// attaches files only for its own unit's dossier, sees only its own dossiers, and never sees
/// assignments, scores or results.
#[test]
fn applicant_works_only_on_own_unit_and_never_sees_scores() {
    let fx = Fx::new(Policy::default());
    let sec = &fx.sec;
    fx.desk
        .create_user(sec, "hubei", "湖北省科协申报员", Role::Applicant, "applicant-pass", Some("湖北省科学技术协会"))
        .unwrap();
    let app = fx.desk.login("hubei", "applicant-pass").unwrap();

    let own = fx.desk.save_dossier(&app, Y, dinput("湖北省科协", Award::Subsidy)).unwrap();
    refused(
        fx.desk.save_dossier(&app, Y, dinput("江苏省科协", Award::Subsidy)),
        K::Forbidden,
        &["只能填写本单位的申报材料", "江苏省科学技术协会"],
    );
    let js = fx.desk.save_dossier(sec, Y, dinput("江苏省科协", Award::Subsidy)).unwrap();
    refused(fx.desk.submit_dossier(&app, js, day("2014-10-20")), K::Forbidden, &["只能提交本单位的申报材料"]);
    refused(fx.desk.dossier(&app, js), K::Forbidden, &["无权查看"]);
    refused(
        fx.desk.add_attachment(&app, js, "工作总结", "总结.pdf", b"%PDF-1.4 x"),
        K::Forbidden,
        &["只能为本单位的申报材料添加附件"],
    );
    let sha = fx.desk.add_attachment(&app, own, "工作总结", "湖北总结.pdf", b"%PDF-1.4 hubei").unwrap();
    assert_eq!(fx.desk.attachment(&app, own, &sha).unwrap(), b"%PDF-1.4 hubei".to_vec());
    assert_eq!(fx.desk.dossiers(&app, Y).unwrap().iter().map(|d| d.id).collect::<Vec<_>>(), vec![own]);
    // an applicant cannot backdate: its submission is dated today (after the 2014 deadline → late)
    assert_eq!(fx.desk.submit_dossier(&app, own, day("2014-10-25")).unwrap(), DossierState::Late);
    assert_eq!(fx.desk.dossier(sec, own).unwrap().input.submitted_on, Some(chrono::Local::now().date_naive()));
    assert_eq!(fx.desk.dossier(sec, js).unwrap().state, DossierState::Draft, "the other unit's dossier is untouched");

    refused(fx.desk.dossier_scores(&app, own), K::Forbidden, &["申报单位不能查看专家评分"]);
    refused(fx.desk.assignments(&app, Y), K::Forbidden, &["申报单位不能查看评审分配"]);
    refused(fx.desk.results(&app, Y), K::Forbidden, &["查看评审结果只能由秘书处操作"]);
    refused(fx.desk.funding(&app, Y), K::Forbidden, &[]);
    refused(fx.desk.recommend(&app, own, Recommendation::Recommend), K::Forbidden, &[]);
    refused(fx.desk.decide_late(&app, own, true, "自己同意"), K::Forbidden, &[]);
}

// =============================================================================================
// 4. Scores

/// SPEC "default rubric" 「Expert scores step by 0.5 within 0..max」, auto criteria are never typed:
/// a score off the step, above the maximum, negative, on an auto criterion, on an unknown
/// criterion, or twice in one call is refused in Chinese and nothing of the call is kept;
/// submitting with a criterion missing is refused naming it; a submitted sheet is locked.
#[test]
fn expert_score_refusals() {
    let fx = review_fx(Policy::default());
    let mine_all = fx.assignments();
    let a = mine_all.iter().find(|a| a.award == Award::Subsidy).unwrap().clone();
    let me = fx.expert(&a.expert);
    let good = fx.sheet(&a);
    let with = |crit: &str, centi: i64| -> Vec<ScoreInput> {
        let mut v = good.clone();
        v.push(ScoreInput { criterion: crit.into(), points: Centi(centi), comment: String::new() });
        v.retain(|s| s.criterion != crit || s.points == Centi(centi));
        v
    };
    refused(
        fx.desk.save_scores(&me, a.id, &with("leadership", 830)),
        K::Invalid,
        &["得分8.30不是0.5分的整数倍", "步长"],
    );
    refused(fx.desk.save_scores(&me, a.id, &with("leadership", 1050)), K::Invalid, &["超出范围", "0至10之间"]);
    refused(fx.desk.save_scores(&me, a.id, &with("innovation_services", -100)), K::Invalid, &["超出范围", "0至25之间"]);
    refused(
        fx.desk.submit_scores(&me, a.id, &with("task_completion", 1500)),
        K::Invalid,
        &["由指标自动计算，不能录入"],
    );
    refused(
        fx.desk.submit_scores(&me, a.id, &with("charisma", 500)),
        K::Invalid,
        &["评分项「charisma」不在", "leadership"],
    );
    let mut dup = good.clone();
    dup.push(good[0].clone());
    refused(fx.desk.submit_scores(&me, a.id, &dup), K::Invalid, &["重复录入"]);
    assert_eq!(fx.count("scores"), 0, "nothing of a refused call is kept");

    let c = fx.desk.campaign(Y).unwrap();
    let last = c.rubric(Award::Subsidy).expert_criteria().last().unwrap().clone();
    let incomplete: Vec<ScoreInput> = good.iter().filter(|s| s.criterion != last.id).cloned().collect();
    refused(
        fx.desk.submit_scores(&me, a.id, &incomplete),
        K::Invalid,
        &["尚未评分", &last.name, "全部评分项打分后才能提交"],
    );
    assert_eq!(fx.count("scores"), 0);
    assert_eq!(fx.assignments().iter().find(|x| x.id == a.id).unwrap().state, SheetState::Pending);

    // a typed criterion may also be given by its Chinese name
    let mut by_name = good.clone();
    by_name[0].criterion = c.rubric(Award::Subsidy).criterion(&good[0].criterion).unwrap().name.clone();
    fx.desk.submit_scores(&me, a.id, &by_name).unwrap();
    assert_eq!(fx.assignments().iter().find(|x| x.id == a.id).unwrap().state, SheetState::Submitted);
    refused(
        fx.desk.save_scores(&me, a.id, &good),
        K::Illegal,
        &["已提交（已锁定）", "评分已提交锁定，如需修改请联系秘书处退回"],
    );
    refused(fx.desk.submit_scores(&me, a.id, &good), K::Illegal, &["评分已提交锁定"]);
}

/// SPEC "Review": no expert reviews a unit they declared a conflict with — a conflict declared
/// after the draw marks the pending sheet recused: scoring it is refused, the expert can no longer
/// open the dossier, and the secretariat's panel view lists the conflict. Reopening needs a
/// reason and applies only to a submitted sheet; a reopened sheet can be scored again.
#[test]
fn recused_sheet_refused_and_reopen_rules() {
    let fx = review_fx(Policy::default());
    let all = fx.assignments();
    let a = all.iter().find(|a| a.unit_code == code("四川省科协")).unwrap().clone();
    let me = fx.expert(&a.expert);
    fx.desk.declare_conflict(&fx.sec, Y, &a.expert, "四川省科协", "近三年曾在该单位兼职").unwrap();
    let now = fx.assignments().into_iter().find(|x| x.id == a.id).unwrap();
    assert_eq!(now.state, SheetState::Recused);
    refused(fx.desk.submit_scores(&me, a.id, &fx.sheet(&a)), K::Illegal, &["已回避", "已回避的材料不能评分"]);
    refused(fx.desk.save_scores(&me, a.id, &fx.sheet(&a)), K::Illegal, &["已回避的材料不能评分"]);
    refused(fx.desk.dossier(&me, a.dossier_id), K::Forbidden, &[]);
    let panel = fx.desk.experts(&fx.sec, Y).unwrap();
    let ex = panel.iter().find(|e| e.name == a.expert).unwrap();
    assert!(ex.conflicts.contains(&full_name("四川省科协")), "{ex:?}");
    assert_eq!(fx.count("scores"), 0);

    // reopening
    let b = all.iter().find(|x| x.expert != a.expert).unwrap().clone();
    let eb = fx.expert(&b.expert);
    refused(fx.desk.reopen_scores(&fx.sec, b.id, "更正"), K::Illegal, &["待评分", "只有已提交的评分表可以退回"]);
    fx.desk.submit_scores(&eb, b.id, &fx.sheet(&b)).unwrap();
    refused(fx.desk.reopen_scores(&fx.sec, b.id, ""), K::Invalid, &["退回评分表须写明理由"]);
    fx.desk.reopen_scores(&fx.sec, b.id, "专家申请更正笔误").unwrap();
    assert_eq!(fx.assignments().into_iter().find(|x| x.id == b.id).unwrap().state, SheetState::Pending);
    let reopen_audits = fx.audit_actions("scores.reopen");
    assert_eq!(reopen_audits, 1);
    fx.desk.save_scores(&eb, b.id, &fx.sheet(&b)[..1]).unwrap();
    fx.desk.submit_scores(&eb, b.id, &fx.sheet(&b)).unwrap();
    fx.desk.audit_verify().unwrap();
}

// =============================================================================================
// 6. Audit

/// SPEC 「Every change of state, score, decision and amount goes into an append-only audit log
/// that can be verified for tampering.」 On an intact database `audit_verify` returns the number of
/// entries; a score edited with SQL is detected naming the sheet (expert, unit, number) and both
/// values, once (issue 15: one tamper check per stored value — the complete record's), and
/// putting the value back makes the database verify again; an added and a deleted row too.
#[test]
fn audit_verify_counts_entries_and_detects_an_edited_score() {
    let fx = decide_fx(Policy::default());
    let n = fx.desk.audit_verify().unwrap();
    assert_eq!(n as i64, fx.count("audit"));
    assert!(n > 30, "{n}");

    let a = fx.assignments()[3].clone();
    let (crit, centi): (String, i64) = fx
        .desk
        .conn()
        .query_row("SELECT criterion, centi FROM scores WHERE assignment_id = ?1 LIMIT 1", [a.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    fx.desk
        .conn()
        .execute(
            "UPDATE scores SET centi = ?1 WHERE assignment_id = ?2 AND criterion = ?3",
            rusqlite::params![centi - 50, a.id, crit],
        )
        .unwrap();
    refused(
        fx.desk.audit_verify(),
        K::Tampered,
        &[
            "操作日志校验失败",
            &format!("专家「{}」", a.expert),
            &a.unit,
            &format!("assignment_id={}", a.id),
            "与操作日志记录不符",
            &format!("日志记录为「{centi}」，现为「{}」", centi - 50),
        ],
    );
    let check = fx.desk.audit_check().unwrap();
    assert_eq!(check.findings.len(), 1, "one finding for one edited value: {:?}", check.findings);
    fx.desk
        .conn()
        .execute(
            "UPDATE scores SET centi = ?1 WHERE assignment_id = ?2 AND criterion = ?3",
            rusqlite::params![centi, a.id, crit],
        )
        .unwrap();
    assert_eq!(fx.desk.audit_verify().unwrap(), n);

    // a comment is not protected, but an added criterion row is
    fx.desk
        .conn()
        .execute("INSERT INTO scores (assignment_id, criterion, centi, comment) VALUES (?1, 'bonus', 500, '')", [a.id])
        .unwrap();
    refused(
        fx.desk.audit_verify(),
        K::Tampered,
        &[&format!("assignment_id={}，criterion=bonus", a.id), "不在操作日志中"],
    );
    fx.desk.conn().execute("DELETE FROM scores WHERE assignment_id = ?1 AND criterion = 'bonus'", [a.id]).unwrap();
    fx.desk.audit_verify().unwrap();

    fx.desk.conn().execute("DELETE FROM scores WHERE assignment_id = ?1", [a.id]).unwrap();
    refused(
        fx.desk.audit_verify(),
        K::Tampered,
        &[&format!("assignment_id={}", a.id), &format!("专家「{}」", a.expert), "已在评审台之外被删除"],
    );
}

/// SPEC audit log: the log is append-only (UPDATE/DELETE refused by triggers); if someone drops
/// the trigger and edits an entry's detail, `audit_verify` names that entry.
#[test]
fn audit_chain_detects_an_edited_entry() {
    let fx = decide_fx(Policy::default());
    let conn = fx.desk.conn();
    assert!(conn.execute("UPDATE audit SET detail = '{}' WHERE seq = 3", []).is_err(), "append-only: UPDATE refused");
    assert!(conn.execute("DELETE FROM audit WHERE seq = 3", []).is_err(), "append-only: DELETE refused");
    fx.desk.audit_verify().unwrap();
    let action: String = conn.query_row("SELECT action FROM audit WHERE seq = 3", [], |r| r.get(0)).unwrap();
    conn.execute_batch("DROP TRIGGER audit_no_update; UPDATE audit SET detail = '{\"forged\":true}' WHERE seq = 3")
        .unwrap();
    refused(fx.desk.audit_verify(), K::Tampered, &["第3条日志", &action, "内容被改动"]);
}

/// SPEC audit log covers amounts: a funding line's amount edited with SQL is detected naming the
/// unit; restoring it verifies again; a deleted line is detected as well.
#[test]
fn audit_detects_an_edited_or_deleted_funding_line() {
    let fx = decide_fx(Policy::default());
    fx.desk.select_pilot(&fx.sec, Y, "湖北省科协", "调研考察情况良好").unwrap();
    let n = fx.desk.audit_verify().unwrap();
    let js = fx.dossier_id("江苏省科协", Award::Subsidy);
    fx.desk.conn().execute("UPDATE funding_lines SET amount_yuan = 149000 WHERE dossier_id = ?1", [js]).unwrap();
    refused(fx.desk.audit_verify(), K::Tampered, &["江苏省科学技术协会", "日志记录为「150000」，现为「149000」"]);
    assert_eq!(fx.desk.audit_check().unwrap().findings.len(), 1, "one finding for one edited amount");
    fx.desk.conn().execute("UPDATE funding_lines SET amount_yuan = 150000 WHERE dossier_id = ?1", [js]).unwrap();
    assert_eq!(fx.desk.audit_verify().unwrap(), n);
    let pilot = fx.dossier_id("湖北省科协", Award::Pilot);
    fx.desk.conn().execute("UPDATE funding_lines SET amount_yuan = 220000 WHERE dossier_id = ?1", [pilot]).unwrap();
    refused(fx.desk.audit_verify(), K::Tampered, &["湖北省科学技术协会", "220000"]);
    fx.desk.conn().execute("UPDATE funding_lines SET amount_yuan = 200000 WHERE dossier_id = ?1", [pilot]).unwrap();
    fx.desk.audit_verify().unwrap();
    fx.desk.conn().execute("DELETE FROM funding_lines WHERE dossier_id = ?1", [js]).unwrap();
    refused(fx.desk.audit_verify(), K::Tampered, &["江苏省科学技术协会", "已在评审台之外被删除"]);
}

/// SPEC 「The secretariat's database is the record of truth」 and store backup: `backup` of a full
/// demo year (on a file database) writes a file that opens as a Desk with the same stage, results,
/// funding table and a verifying audit log; an existing file is never overwritten; only the
/// secretariat may back up.
#[test]
fn backup_opens_as_a_desk_with_the_same_results() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("pingshen.db")).unwrap();
    let sec = desk.local_secretariat();
    pingshen_core::demo::run_demo(&desk, &dir.path().join("inputs")).unwrap();
    let n = desk.audit_verify().unwrap();
    let out = dir.path().join("备份-2014.db");
    desk.backup(&sec, &out).unwrap();
    assert!(out.exists());
    assert_eq!(desk.audit_verify().unwrap(), n + 1, "the backup itself is logged");
    refused(desk.backup(&sec, &out), K::Invalid, &["备份文件", "已存在"]);
    let expert = desk.login("王建华", pingshen_core::demo::DEMO_PASSWORD).unwrap();
    refused(desk.backup(&expert, &dir.path().join("x.db")), K::Forbidden, &[]);

    let copy = Desk::open(&out).unwrap();
    assert_eq!(copy.audit_verify().unwrap(), n);
    let y = Some(pingshen_core::demo::DEMO_YEAR);
    assert_eq!(copy.campaign(y).unwrap().stage, Stage::Published);
    let csec = copy.local_secretariat();
    let (a, b) = (desk.results(&sec, y).unwrap(), copy.results(&csec, y).unwrap());
    assert!(a.rows.len() >= 30);
    assert_eq!(serde_json::to_value(&a.rows).unwrap(), serde_json::to_value(&b.rows).unwrap());
    assert_eq!(a.deviating_experts, b.deviating_experts);
    let (fa, fb) = (desk.funding(&sec, y).unwrap(), copy.funding(&csec, y).unwrap());
    assert_eq!(serde_json::to_value(&fa).unwrap(), serde_json::to_value(&fb).unwrap());
    assert!(fa.total_yuan > 0);
    assert_eq!(
        serde_json::to_value(desk.publicity(&desk.local_secretariat(), y).unwrap()).unwrap(),
        serde_json::to_value(copy.publicity(&copy.local_secretariat(), y).unwrap()).unwrap()
    );
}
