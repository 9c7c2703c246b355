//! Years that don't go to plan, at the `Desk` level: ending the review with sheets outstanding,
//! replacing an expert on one dossier, a unit withdrawing its dossier, and next year's holidays
//! from the State Council's notice. Each refusal's message is read; each refused call is checked
//! to have changed nothing.

#![allow(clippy::unwrap_used)]

mod support;
use pingshen_core::desk::ExpertView;
use pingshen_core::model::ExpertInput;
use support::*;

fn policy(per_dossier: u32) -> Policy {
    Policy { experts_per_dossier: per_dossier, ..Policy::default() }
}

/// The standing reviewers of each dossier (pending or submitted).
fn reviewers(fx: &Fx) -> Vec<(i64, String, Vec<String>)> {
    let mut by: Vec<(i64, String, Vec<String>)> = Vec::new();
    for a in fx.assignments() {
        if !matches!(a.state, SheetState::Pending | SheetState::Submitted) {
            continue;
        }
        match by.iter_mut().find(|x| x.0 == a.dossier_id) {
            Some(x) => x.2.push(a.expert.clone()),
            None => by.push((a.dossier_id, a.unit_code.clone(), vec![a.expert.clone()])),
        }
    }
    by
}

fn audit_ok(fx: &Fx) {
    fx.desk.audit_verify().unwrap();
}

// =============================================================================================
// Ending the review with sheets outstanding

/// SPEC "Default review policy": 「A dossier with fewer than 3 submitted scores is not ranked
/// (flag `insufficient_scores`)」; issue 7: two experts never return their sheets; `review close`
/// marks their sheets 「未返回」 (kept with any draft, never counted) and moves to the decide
/// stage; the dossier left with 2 scores is `insufficient_scores`, unranked and unfunded, the one
/// left with 4 is averaged over 4 (no trimming below 5); a later `reopen` of an unreturned sheet
/// is refused saying why.
#[test]
fn review_close_with_two_experts_missing() {
    let fx = apply_fx(policy(5));
    fx.desk.recommend_auto(&fx.sec, Y).unwrap();
    fx.desk.draw(&fx.sec, Y, None, 11).unwrap();
    // Two experts A and B who share a dossier X of a unit with one dossier only; a dossier Y with
    // exactly one of them; a third expert C of X recuses, so X keeps 5 − 1 = 4 sheets of which A
    // and B never return: 2 scores. Y keeps 4.
    let by = reviewers(&fx);
    let hubei = code("湖北省科协");
    let names: Vec<String> = EXPERTS.iter().map(|e| e.0.to_string()).collect();
    let mut pick = None;
    'search: for a in &names {
        for b in &names {
            if a >= b {
                continue;
            }
            for (x, xu, xs) in &by {
                if *xu == hubei || !xs.contains(a) || !xs.contains(b) {
                    continue;
                }
                let y = by.iter().find(|(y, yu, ys)| y != x && yu != xu && (ys.contains(a) ^ ys.contains(b)));
                let c = xs.iter().find(|c| *c != a && *c != b);
                if let (Some(y), Some(c)) = (y, c) {
                    pick = Some((a.clone(), b.clone(), *x, xu.clone(), y.0, c.clone()));
                    break 'search;
                }
            }
        }
    }
    let (a, b, x, x_unit, y, c) = pick.expect("the draw of seed 11 has such a pair");
    fx.desk.declare_conflict(&fx.sec, Y, &c, &x_unit, "与该单位有合作项目").unwrap();
    // A keeps a draft on X: it must survive the close, not counted
    let expert_a = fx.expert(&a);
    let a_on_x = fx.assignments().into_iter().find(|s| s.dossier_id == x && s.expert == a).unwrap();
    let draft = fx.sheet(&a_on_x)[..2].to_vec();
    fx.desk.save_scores(&expert_a, a_on_x.id, &draft).unwrap();
    fx.import_scores_where("返回的评分.csv", |s| s.expert != a && s.expert != b).unwrap();
    assert_eq!(fx.stage(), Stage::Review, "the review waits for A and B");

    // refusals first: no reason; not the secretariat; nothing changes
    let before = fx.snapshot();
    refused(fx.desk.close_review(&fx.sec, Y, "  "), K::Invalid, &["理由", "提前结束评审须写明理由"]);
    assert_eq!(fx.snapshot(), before);
    refused(fx.desk.close_review(&expert_a, Y, "专家因病"), K::Forbidden, &["结束评审"]);
    // the expert's attempt is logged (issue 9), nothing else is written
    let mut logged = before.clone();
    logged.iter_mut().filter(|(t, _)| *t == "audit").for_each(|(_, n)| *n += 1);
    assert_eq!(fx.snapshot(), logged);
    assert_eq!(fx.audit_actions("access.denied"), 1);

    let r = fx.desk.close_review(&fx.sec, Y, "王、李两位专家因病未能返回评分表").unwrap();
    assert_eq!(fx.stage(), Stage::Decide);
    let missing = fx
        .assignments()
        .iter()
        .filter(|s| s.expert == a || s.expert == b)
        .filter(|s| s.state != SheetState::Recused)
        .count();
    assert_eq!(r.unreturned.len(), missing);
    assert!(fx
        .assignments()
        .iter()
        .filter(|s| s.expert == a || s.expert == b)
        .all(|s| matches!(s.state, SheetState::Unreturned | SheetState::Recused)));
    let kept: i64 = fx
        .desk
        .conn()
        .query_row("SELECT count(*) FROM scores WHERE assignment_id = ?1", [a_on_x.id], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 2, "the unreturned draft is kept");

    let results = fx.desk.results(&fx.sec, Y).unwrap();
    let rx = results.rows.iter().find(|r| r.dossier_id == x).unwrap();
    assert_eq!(rx.n_scores, 2);
    assert!(rx.flags.contains(&"insufficient_scores".to_string()), "{:?}", rx.flags);
    assert_eq!((rx.rank, rx.grade), (None, None), "not ranked");
    assert!(
        r.insufficient.iter().any(|u| u.contains(&full_name(&x_unit)) && u.contains("2份评分")),
        "{:?}",
        r.insufficient
    );
    let ry = results.rows.iter().find(|r| r.dossier_id == y).unwrap();
    assert_eq!(ry.n_scores, 4);
    assert!(!ry.flags.contains(&"insufficient_scores".to_string()));
    let totals: Vec<i64> = ry.experts.iter().map(|e| e.total.0).collect();
    let mean = totals.iter().sum::<i64>() as f64 / 4.0 / 100.0;
    assert!(
        (ry.aggregate.unwrap().as_f64() - mean).abs() < 1e-9,
        "the one left with 4 is averaged over 4: {:?} vs {mean}",
        ry.aggregate
    );
    let funded = fx.desk.funding(&fx.sec, Y).unwrap();
    assert!(!funded.lines.iter().any(|l| l.dossier_id == x), "an unranked dossier is not funded");

    // an unreturned sheet cannot be reopened, nor scored by its expert
    let text = refused(
        fx.desk.reopen_scores(&fx.sec, a_on_x.id, "补评"),
        K::Illegal,
        &["未返回", "提前结束评审时未返回", "不能再退回补评"],
    );
    assert!(text.contains(&a), "{text}");
    refused(fx.desk.save_scores(&expert_a, a_on_x.id, &draft), K::Illegal, &["未返回", "秘书处已结束评审"]);
    // and the review cannot be closed twice
    refused(
        fx.desk.close_review(&fx.sec, Y, "再次结束"),
        K::Illegal,
        &["评审结果确定", "只有在「专家评审」阶段可以结束评审"],
    );
    assert_eq!(fx.audit_actions("review.close"), 1);
    audit_ok(&fx);
}

/// Ending the review is only for the review stage: in Apply it is refused with what is allowed.
#[test]
fn review_close_refused_outside_the_review() {
    let fx = apply_fx(Policy::default());
    let before = fx.snapshot();
    refused(
        fx.desk.close_review(&fx.sec, Y, "专家因病"),
        K::Illegal,
        &["申报推荐", "只有在「专家评审」阶段可以结束评审"],
    );
    assert_eq!(fx.snapshot(), before);
}

// =============================================================================================
// Replacing an expert on one dossier (补充抽取)

/// A pool where exactly one expert may take the dossier: the others are its reviewers already,
/// declared a conflict with it, come from its province (湖北), or work for it. The replacement
/// is that one expert; the old sheet is withdrawn (kept, not counted); the new one is pending
/// and can be scored. Then a pool where none is eligible: refused, saying why, nothing changed.
#[test]
fn replacement_keeps_every_recusal_rule() {
    let fx = review_fx(Policy::default());
    let x = fx.dossier_id("江苏省科协", Award::Subsidy);
    let on_x: Vec<String> = reviewers(&fx).into_iter().find(|r| r.0 == x).unwrap().2;
    assert_eq!(on_x.len(), 3);
    let others: Vec<String> = EXPERTS.iter().map(|e| e.0.to_string()).filter(|n| !on_x.contains(n)).collect();
    assert_eq!(others.len(), 5);
    // two new experts, each with a recusal rule against 江苏: same province, works for it
    for (name, employer, province) in [("周江", "南京大学", "江苏"), ("吴苏", "江苏省科学技术协会", "上海")]
    {
        fx.desk
            .add_expert(
                &fx.sec,
                Y,
                ExpertInput {
                    name: name.into(),
                    employer: employer.into(),
                    province: province.into(),
                    field: String::new(),
                    phone: String::new(),
                    conflicts: vec![],
                },
            )
            .unwrap();
    }
    // four of the five others declare a conflict with 江苏: one eligible expert is left
    let only = others[4].clone();
    for n in &others[..4] {
        fx.desk.declare_conflict(&fx.sec, Y, n, "江苏省科协", "曾参与该单位项目").unwrap();
    }
    let ill = on_x[0].clone();
    let r = fx.desk.replace_expert(&fx.sec, x, &ill, "专家因病无法评审", None, None).unwrap();
    assert_eq!(r.new_expert, only, "the one eligible expert");
    assert_eq!(r.seed, Some(7), "the draw's recorded seed");
    let mine: Vec<AssignmentView> = fx.assignments().into_iter().filter(|s| s.dossier_id == x).collect();
    assert_eq!(mine.iter().find(|s| s.expert == ill).unwrap().state, SheetState::Withdrawn);
    assert_eq!(mine.iter().find(|s| s.expert == only).unwrap().state, SheetState::Pending);
    assert_eq!(fx.audit_actions("review.replace"), 1);
    // the new reviewer scores it
    let e = fx.expert(&only);
    let new = mine.iter().find(|s| s.expert == only).unwrap();
    fx.desk.submit_scores(&e, new.id, &fx.sheet(new)).unwrap();
    // the withdrawn sheet cannot be reopened
    let old = mine.iter().find(|s| s.expert == ill).unwrap();
    refused(fx.desk.reopen_scores(&fx.sec, old.id, "重评"), K::Illegal, &["已撤回", "不能退回重评"]);

    // now nobody is eligible for the next replacement on the same dossier
    let before = fx.snapshot();
    let text = refused(
        fx.desk.replace_expert(&fx.sec, x, &on_x[1], "专家出差", None, None),
        K::Rule,
        &["没有可补充抽取的专家", "同省回避", "本人申明回避", "任职单位回避", "已是或曾是该材料的评审专家"],
    );
    assert!(text.contains("周江") && text.contains("吴苏"), "{text}");
    assert_eq!(fx.snapshot(), before, "nothing changes");
    // naming an ineligible expert by hand is refused with the rule
    refused(
        fx.desk.replace_expert(&fx.sec, x, &on_x[1], "专家出差", None, Some("周江")),
        K::Rule,
        &["周江", "不能评审江苏省科学技术协会", "同省回避"],
    );
    refused(
        fx.desk.replace_expert(&fx.sec, x, &on_x[1], "专家出差", None, Some(&only)),
        K::Rule,
        &["已是或曾是该材料的评审专家"],
    );
    assert_eq!(fx.snapshot(), before);
    audit_ok(&fx);
}

/// The pick prefers the least-loaded eligible experts; `--to` names one by hand (checked the
/// same way); a submitted sheet, an empty reason and a stage other than the review are refused.
#[test]
fn replacement_prefers_the_least_loaded_and_checks_its_inputs() {
    let fx = review_fx(Policy::default());
    let x = fx.dossier_id("浙江省科协", Award::Subsidy);
    let on_x: Vec<String> = reviewers(&fx).into_iter().find(|r| r.0 == x).unwrap().2;
    let loads: Vec<ExpertView> = fx.desk.experts(&fx.sec, Y).unwrap();
    let eligible: Vec<&ExpertView> = loads.iter().filter(|e| !on_x.contains(&e.name)).collect();
    let least = eligible.iter().map(|e| e.load).min().unwrap();
    let before = fx.snapshot();
    refused(fx.desk.replace_expert(&fx.sec, x, &on_x[0], "", None, None), K::Invalid, &["理由"]);
    refused(
        fx.desk.replace_expert(&fx.sec, x, "不存在的专家", "因病", None, None),
        K::NotFound,
        &["评审专家", "不存在的专家"],
    );
    let outsider = eligible[0].name.clone();
    refused(
        fx.desk.replace_expert(&fx.sec, x, &outsider, "因病", None, None),
        K::Rule,
        &["没有被分配评审", "无需替换"],
    );
    assert_eq!(fx.snapshot(), before);
    let r = fx.desk.replace_expert(&fx.sec, x, &on_x[0], "因病", Some(99), None).unwrap();
    let picked = loads.iter().find(|e| e.name == r.new_expert).unwrap();
    assert_eq!(picked.load, least, "{} has load {}, the least is {least}", picked.name, picked.load);
    assert_eq!(r.seed, Some(99));
    // by hand
    let hand = eligible.iter().find(|e| e.name != r.new_expert).unwrap().name.clone();
    let r2 = fx.desk.replace_expert(&fx.sec, x, &on_x[1], "出国", None, Some(&hand)).unwrap();
    assert_eq!((r2.new_expert.as_str(), r2.seed), (hand.as_str(), None));
    // a submitted sheet is not replaced
    let y = fx.dossier_id("湖北省科协", Award::Subsidy);
    let sub = fx.assignments().into_iter().find(|s| s.dossier_id == y).unwrap();
    let e = fx.expert(&sub.expert);
    fx.desk.submit_scores(&e, sub.id, &fx.sheet(&sub)).unwrap();
    refused(
        fx.desk.replace_expert(&fx.sec, y, &sub.expert, "因病", None, None),
        K::Rule,
        &["评分已提交", "先退回评分表"],
    );
    // outside the review
    let fx = decide_fx(Policy::default());
    let s = fx.assignments().into_iter().next().unwrap();
    refused(
        fx.desk.replace_expert(&fx.sec, s.dossier_id, &s.expert, "因病", None, None),
        K::Illegal,
        &["评审结果确定", "补充抽取只能在「专家评审」阶段进行"],
    );
}

// =============================================================================================
// A unit withdraws its dossier (申报单位撤回)

/// Issue 7: a withdrawal after funding recomputes the post-subsidy tiers without the dossier; it
/// leaves the results and the ranking, keeps its record and decision, and its sheets are
/// withdrawn; after publicity opens it is refused.
#[test]
fn withdrawal_after_funding_recomputes_the_tiers() {
    let fx = decide_fx(Policy::default());
    let before = fx.subsidy_lines();
    assert_eq!(before.len(), 4, "{before:?}");
    let hubei = fx.dossier_id("湖北省科协", Award::Subsidy);
    // a manual adjustment made for the old ranking is undone by the new allocation, and said so
    let (adjusted_unit, tier) = before[2].clone();
    let adjusted = if tier < 150_000 { tier + 500 } else { tier - 500 };
    fx.desk.adjust_funding(&fx.sec, Y, &adjusted_unit, Award::Subsidy, adjusted, "配套条件较好").unwrap();
    refused(fx.desk.withdraw_dossier(&fx.sec, hubei, " "), K::Invalid, &["理由", "撤回申报须写明理由"]);
    let w = fx.desk.withdraw_dossier(&fx.sec, hubei, "湖北省科协来函申请撤回").unwrap();
    assert_eq!((w.sheets_withdrawn, w.funding_removed, w.subsidy_recomputed), (3, true, true));
    let after = fx.subsidy_lines();
    let now = after.iter().find(|l| l.0 == adjusted_unit).map(|l| l.1);
    assert_eq!(w.adjustments_undone.len(), 1, "{:?}", w.adjustments_undone);
    let u = &w.adjustments_undone[0];
    assert_eq!(
        (u.unit.as_str(), u.adjusted_yuan, u.reason.as_str(), u.now_yuan),
        (adjusted_unit.as_str(), adjusted, "配套条件较好", now)
    );
    assert_ne!(now, Some(adjusted), "the rule's amount, not the adjusted one");
    let whys = fx
        .desk
        .audit_log(&fx.sec, 200)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "funding.withdraw")
        .map(|e| e.detail["extra"]["why"].as_str().unwrap_or_default().to_string())
        .collect::<Vec<_>>();
    assert!(
        whys.iter().any(|w| w == "申报单位撤回，结果重新计算") && !whys.iter().any(|w| w.contains("评分表被退回")),
        "{whys:?}"
    );
    assert_eq!(after.len(), 3);
    assert!(!after.iter().any(|l| l.0 == full_name("湖北省科协")));
    // the tiers are those of the three left, ranked 1–3, as the funding rule gives them
    let expected = pingshen_core::funding::subsidy_allocation(&[1, 2, 3], &Policy::default());
    let amounts: Vec<i64> = after.iter().map(|l| l.1).collect();
    assert_eq!(amounts, expected.iter().map(|e| e.1).collect::<Vec<_>>(), "{after:?}");
    assert_ne!(amounts, before[1..].iter().map(|l| l.1).collect::<Vec<_>>(), "the tiers moved up");
    let r = fx.desk.results(&fx.sec, Y).unwrap();
    assert!(!r.rows.iter().any(|x| x.dossier_id == hubei));
    assert_eq!(
        r.rows.iter().filter(|x| x.award == Award::Subsidy).map(|x| x.rank).collect::<Vec<_>>(),
        vec![Some(1), Some(2), Some(3)]
    );
    let d = fx.desk.dossier(&fx.sec, hubei).unwrap();
    assert_eq!(d.state, DossierState::Withdrawn);
    assert!(d.decisions.iter().any(|x| x.kind == "withdrawn" && x.reason.contains("来函")));
    assert!(fx.assignments().iter().filter(|s| s.dossier_id == hubei).all(|s| s.state == SheetState::Withdrawn));
    assert_eq!(fx.audit_actions("dossier.withdraw"), 1);
    refused(fx.desk.withdraw_dossier(&fx.sec, hubei, "再次撤回"), K::Illegal, &["已撤回", "已撤回的材料不能再处理"]);
    audit_ok(&fx);
    // after the publicity opens: refused, nothing changes
    fx.desk.open_publicity(&fx.sec, Y, day("2014-12-01"), None).unwrap();
    let js = fx.dossier_id("江苏省科协", Award::Subsidy);
    let snap = fx.snapshot();
    refused(fx.desk.withdraw_dossier(&fx.sec, js, "撤回"), K::Illegal, &["公示中", "公示开始后不能再撤回申报"]);
    assert_eq!(fx.snapshot(), snap);
}

/// Withdrawing during the review takes the dossier's pending sheets out; when they were the last
/// outstanding ones the review ends as after a last submission.
#[test]
fn withdrawal_during_the_review_can_end_it() {
    let fx = review_fx(Policy::default());
    let sc = fx.dossier_id("四川省科协", Award::Pilot);
    fx.import_scores_where("其余评分.csv", |s| s.dossier_id != sc).unwrap();
    assert_eq!(fx.stage(), Stage::Review);
    let w = fx.desk.withdraw_dossier(&fx.sec, sc, "单位撤回").unwrap();
    assert_eq!((w.sheets_withdrawn, w.subsidy_recomputed), (3, false));
    assert_eq!(fx.stage(), Stage::Decide, "no sheet is outstanding any more");
    audit_ok(&fx);
}

// =============================================================================================
// Next year's holidays from the State Council's notice

/// 2027 as its notice would read (weekdays checked by the parser): National Day 10月1日–7日 with
/// make-up working days on Sunday 9月26日 and Saturday 10月9日.
const NOTICE_2027: &str = "国务院办公厅关于2027年部分节假日安排的通知
经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月6日（农历除夕、周六）至13日（农历正月初七、周六）放假调休，共8天。2月14日（周日）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
五、端午节：6月9日（周三）放假1天。
六、中秋节：9月15日（周三）放假1天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。";

fn calendar_rows(fx: &Fx) -> i64 {
    fx.count("calendar_years")
}

/// SPEC "Default review policy": publicity 「5 working days … per the State Council holiday
/// notices」. 2027 is beyond the bundled data: until its notice is imported a publicity start in
/// 2027 is refused, naming the fix; afterwards the period runs across National Day: from
/// Wednesday 9月29日, days 29, 30, (1–7 off), 8, Saturday 9 (make-up), Monday 11 → 10月11日.
#[test]
fn a_2027_notice_gives_the_publicity_end_across_national_day() {
    let fx = decide_fx(Policy::default());
    let start = day("2027-09-29");
    refused(fx.desk.publicity_preview(&fx.sec, Y, start), K::Invalid, &["超出工作日历覆盖范围", "calendar import"]);
    let p = fx.file("2027年节假日安排.txt");
    std::fs::write(&p, NOTICE_2027).unwrap();
    let seen = fx.desk.preview_holiday_notice(&fx.sec, &p).unwrap();
    assert_eq!((seen.year, seen.items.len()), (2027, 7));
    assert_eq!(calendar_rows(&fx), 0, "a preview stores nothing");
    let r = fx.desk.import_holiday_notice(&fx.sec, &p, false).unwrap();
    assert!(!r.replaced);
    assert_eq!(calendar_rows(&fx), 1);
    assert_eq!(fx.audit_actions("calendar.import"), 1);
    let pv = fx.desk.publicity_preview(&fx.sec, Y, start).unwrap();
    assert_eq!(pv.end, day("2027-10-11"));
    let cal = fx.desk.calendar().unwrap();
    assert!(cal.is_workday(day("2027-10-09")).unwrap(), "make-up Saturday");
    assert!(!cal.is_workday(day("2027-10-04")).unwrap(), "National Day Monday");
    assert_eq!(cal.holiday_name(day("2027-09-26")), Some("国庆节调休"));
    let y = fx.desk.calendar_year(2027).unwrap();
    assert_eq!(
        (y.source.as_str(), y.holidays.len(), y.workdays.len()),
        ("2027年节假日安排.txt", 3 + 8 + 3 + 5 + 1 + 1 + 7, 5)
    );
    assert_eq!(fx.desk.calendar_year(2026).unwrap().source, "内置");
    // a year already imported is replaced only when asked
    refused(
        fx.desk.import_holiday_notice(&fx.sec, &p, false),
        K::Rule,
        &["2027年的节假日安排已于", "替换", "--replace"],
    );
    assert!(fx.desk.import_holiday_notice(&fx.sec, &p, true).unwrap().replaced);
    // never once a publicity period in that year has been opened
    fx.desk.open_publicity(&fx.sec, Y, start, None).unwrap();
    refused(
        fx.desk.import_holiday_notice(&fx.sec, &p, true),
        K::Rule,
        &["2027-09-29至2027-10-11", "不能再替换该年的安排"],
    );
    audit_ok(&fx);
}

/// A notice with a wrong weekday, or a line the reader cannot read completely, is refused naming
/// the line, and nothing is stored; a bundled year and a year after a gap are refused too.
#[test]
fn a_bad_notice_is_refused_with_nothing_stored() {
    let fx = Fx::new(Policy::default());
    let before = (calendar_rows(&fx), fx.count("audit"));
    let bad = |name: &str, text: &str| {
        let p = fx.file(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let wrong_day = bad("wrong-day.txt", &NOTICE_2027.replace("2月14日（周日）上班", "2月14日（周六）上班"));
    let text = refused(
        fx.desk.import_holiday_notice(&fx.sec, &wrong_day, false),
        K::Import,
        &["第4行", "2月14日是周日", "周六", "未写入任何数据"],
    );
    assert!(text.contains("wrong-day.txt"), "{text}");
    let unreadable = bad(
        "unreadable.txt",
        &NOTICE_2027.replace("五、端午节：6月9日（周三）放假1天。", "五、端午节：六月初五放假一天。"),
    );
    refused(fx.desk.import_holiday_notice(&fx.sec, &unreadable, false), K::Import, &["第7行", "端午节"]);
    let no_year = bad("no-year.txt", &NOTICE_2027.replace("2027年", "今年"));
    refused(fx.desk.import_holiday_notice(&fx.sec, &no_year, false), K::Import, &["未找到通知的年份"]);
    let bundled = bad("2026.txt", "国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。");
    refused(
        fx.desk.import_holiday_notice(&fx.sec, &bundled, false),
        K::Rule,
        &["2026年的节假日安排已内置", "不能导入替换"],
    );
    let gap = bad(
        "2028.txt",
        "国务院办公厅关于2028年部分节假日安排的通知\n一、元旦：1月1日（周六）至3日（周一）放假，共3天。",
    );
    refused(fx.desk.import_holiday_notice(&fx.sec, &gap, false), K::Invalid, &["缺少 2027 年的节假日安排"]);
    assert_eq!((calendar_rows(&fx), fx.count("audit")), before, "nothing stored");
}
