//! Issue 16 §§4–5 through `Desk`: a 2014 year carried to publication, a 2015 year opened beside
//! it, the formal check's findings against last year (both values, 已核实 with a note, the
//! return path) and the draw's rotation (none repeated when the pool allows; the fewest repeats
//! kept, listed and recorded when it does not).

#![allow(clippy::unwrap_used)]

mod support;

use pingshen_core::desk::RecommendOutcome;
use std::collections::{BTreeMap, BTreeSet};
use support::*;

const Y15: Option<i32> = Some(2015);

/// The fixture's 2014 year carried to publication (pilot 湖北; publicity 12-01 to 12-05).
fn published_2014() -> Fx {
    let fx = decide_fx(Policy::default());
    let sec = &fx.sec;
    fx.desk.select_pilot(sec, Y, "湖北省科协", "调研考察情况良好").unwrap();
    fx.desk.open_publicity(sec, Y, day("2014-12-01"), None).unwrap();
    fx.desk.close_publicity(sec, Y, day("2014-12-08")).unwrap();
    fx.desk.publish(sec, Y, day("2014-12-10"), Some("科协计函企字〔2014〕68号")).unwrap();
    assert_eq!(fx.stage(), Stage::Published);
    fx
}

/// A 2015 row of 申报汇总表 that moves on plausibly from the fixture's 2014 figures: 100 new
/// associations and the total 100 higher, and this year's own texts.
fn row_2015(unit: &str, award: &str) -> Vec<String> {
    let mut r = drow(unit, award, "2015-10-12");
    r[dcol("企业科协总数")] = "1600".into();
    for (i, h) in ["组织领导情况", "组织建设成效", "服务企业创新情况", "特色做法"].iter().enumerate()
    {
        r[dcol(h)] = format!("二〇一五年{unit}{h}第{i}项工作取得新进展。全年召开专题会议四次。");
    }
    r
}

/// 2015 opened (the `years` helper carries the pool over; here it is imported again) with
/// `rows` as its dossiers and the fixture's 8 experts.
fn open_2015(fx: &Fx, policy: Policy, rows: &[Vec<String>]) {
    fx.desk.open_campaign(&fx.sec, 2015, policy).unwrap();
    let p = fx.csv("申报汇总表2015.csv", &DOSSIER_HEADERS, rows);
    assert_eq!(fx.desk.import_dossiers(&fx.sec, Y15, &p).unwrap().imported, rows.len());
    let p = fx.csv("评审专家库2015.csv", &EXPERT_HEADERS, &expert_rows());
    assert_eq!(fx.desk.import_experts(&fx.sec, Y15, &p).unwrap().imported, 8);
}

fn outcome<'a>(v: &'a [RecommendOutcome], unit: &str, award: Award) -> &'a RecommendOutcome {
    v.iter().find(|o| o.unit == full_name(unit) && o.award == award).unwrap_or_else(|| panic!("{unit} {award:?}"))
}

fn codes(o: &RecommendOutcome) -> Vec<&str> {
    o.yoy.iter().map(|c| c.finding.code.as_str()).collect()
}

/// Issue 16 §4: a 2015 dossier whose cumulative count went down and whose narrative is mostly
/// last year's is flagged with the right `yoy_` codes and both years' values; it is not
/// recommended (nor refused) until the clerk marks each finding 已核实 with a note, or returns it.
#[test]
fn findings_against_last_year_with_both_values_verified_or_returned() {
    let fx = published_2014();
    let sec = &fx.sec;
    let mut hubei = row_2015("湖北省科协", "后补助");
    hubei[dcol("院士专家工作站数")] = "28".into(); // 30 in 2014
    hubei[dcol("组织领导情况")] = NARRATIVES[0].into(); // 2014's text word for word
    let mut zhejiang = row_2015("浙江省科协", "后补助");
    zhejiang[dcol("已建科协园区数")] = "18".into(); // 20 in 2014
    let rows = vec![hubei, row_2015("江苏省科协", "后补助"), zhejiang, row_2015("福建省科协", "后补助")];
    open_2015(&fx, Policy::default(), &rows);

    let out = fx.desk.recommend_auto(sec, Y15).unwrap();
    let hb = outcome(&out, "湖北省科协", Award::Subsidy);
    assert_eq!(hb.outcome, "awaiting_yoy_check", "{hb:?}");
    assert_eq!(hb.last_year, Some(2014));
    assert_eq!(codes(hb), ["yoy_decrease_workstations", "yoy_copied_leadership"]);
    let ws = &hb.yoy[0].finding;
    assert_eq!((ws.subject.as_str(), ws.this_year.as_str(), ws.last_year.as_str()), ("workstations", "28", "30"));
    let copied = &hb.yoy[1].finding;
    assert_eq!((copied.this_year.as_str(), copied.last_year.as_str()), (NARRATIVES[0], NARRATIVES[0]));
    assert!(copied.message.contains("100%"), "{}", copied.message);
    assert!(hb.yoy.iter().all(|c| c.verified.is_none()));
    assert_eq!(hb.reasons.len(), 2, "the findings are the reasons it waits: {:?}", hb.reasons);
    let zj = outcome(&out, "浙江省科协", Award::Subsidy);
    assert_eq!((zj.outcome.as_str(), codes(zj)), ("awaiting_yoy_check", vec!["yoy_decrease_zones_with_association"]));
    let js = outcome(&out, "江苏省科协", Award::Subsidy);
    assert_eq!((js.outcome.as_str(), js.last_year, js.yoy.len()), ("recommended", Some(2014), 0));
    let fj = outcome(&out, "福建省科协", Award::Subsidy);
    assert_eq!((fj.outcome.as_str(), fj.last_year), ("recommended", None), "福建 did not apply in 2014");

    // never an automatic refusal: both wait, submitted; recommending by hand is refused saying why
    let hb_id = fx.desk.find_dossier(Y15, "湖北省科协", Some(Award::Subsidy)).unwrap();
    let zj_id = fx.desk.find_dossier(Y15, "浙江省科协", Some(Award::Subsidy)).unwrap();
    assert_eq!(fx.desk.dossier(sec, hb_id).unwrap().state, DossierState::Submitted);
    refused(fx.desk.recommend(sec, hb_id, Recommendation::Recommend), K::Rule, &["与上年相比有2项待核实", "已核实"]);
    refused(fx.desk.draw(sec, Y15, Some(3), 1), K::Rule, &["未完成形式审查"]);

    // 已核实 needs a note and one of the dossier's codes; nothing is written otherwise
    let before = fx.count("yoy_verifications");
    refused(fx.desk.verify_yoy(sec, hb_id, "yoy_decrease_workstations", "  "), K::Invalid, &["核实说明"]);
    refused(
        fx.desk.verify_yoy(sec, hb_id, "yoy_decrease_associations_total", "已核实"),
        K::Invalid,
        &["对比项代码", "yoy_decrease_workstations", "yoy_copied_leadership"],
    );
    assert_eq!(fx.count("yoy_verifications"), before);
    let r =
        fx.desk.verify_yoy(sec, hb_id, "yoy_decrease_workstations", "两家工作站因企业破产撤销，已电话核实").unwrap();
    let v = r.findings[0].verified.as_ref().unwrap();
    assert_eq!(v.note, "两家工作站因企业破产撤销，已电话核实");
    assert!(r.findings[1].verified.is_none());
    let out = fx.desk.recommend_auto(sec, Y15).unwrap();
    assert_eq!(outcome(&out, "湖北省科协", Award::Subsidy).outcome, "awaiting_yoy_check", "one still open");
    fx.desk.verify_yoy(sec, hb_id, "yoy_copied_leadership", "组织领导情况确无变化，单位书面说明").unwrap();

    // the other is returned by the existing path, amended, handed in again and passes
    fx.desk.recommend(sec, zj_id, Recommendation::Return(vec!["已建科协园区数比上年减少，请核对".into()])).unwrap();
    let mut amended = fx.desk.dossier(sec, zj_id).unwrap().input;
    amended.indicators.zones_with_association = 21;
    fx.desk.save_dossier(sec, Y15, amended).unwrap();
    fx.desk.submit_dossier(sec, zj_id, day("2015-10-20")).unwrap();

    let out = fx.desk.recommend_auto(sec, Y15).unwrap();
    let hb = outcome(&out, "湖北省科协", Award::Subsidy);
    assert_eq!(hb.outcome, "recommended");
    assert!(hb.yoy.iter().all(|c| c.verified.is_some()), "the report keeps the verified findings: {hb:?}");
    let zj = outcome(&out, "浙江省科协", Award::Subsidy);
    assert_eq!((zj.outcome.as_str(), zj.yoy.len()), ("recommended", 0));
    assert_eq!(fx.audit_actions("dossier.yoy_verified"), 2);
    refused(fx.desk.verify_yoy(sec, hb_id, "yoy_copied_leadership", "再次"), K::Illegal, &["已推荐"]);
    fx.desk.audit_verify().unwrap();
}

/// (unit code, expert name) pairs with a submitted sheet in `year`.
fn scored(fx: &Fx, year: i32) -> BTreeSet<(String, String)> {
    fx.desk
        .assignments(&fx.sec, Some(year))
        .unwrap()
        .into_iter()
        .filter(|a| a.state == SheetState::Submitted)
        .map(|a| (a.unit_code, a.expert))
        .collect()
}

fn recommend_all_2015(fx: &Fx) {
    let out = fx.desk.recommend_auto(&fx.sec, Y15).unwrap();
    assert!(out.iter().all(|o| o.outcome == "recommended"), "{out:?}");
}

/// Issue 16 §5: with rotation on and a pool that allows it, no expert is drawn for a unit they
/// scored in 2014.
#[test]
fn rotation_repeats_no_pair_when_the_pool_allows() {
    let fx = published_2014();
    let units =
        [("江苏省科协", "后补助"), ("浙江省科协", "后补助"), ("广东省科协", "后补助"), ("四川省科协", "试点示范")];
    open_2015(&fx, Policy::default(), &units.map(|(u, a)| row_2015(u, a)));
    recommend_all_2015(&fx);
    let before = scored(&fx, 2014);
    let r = fx.desk.draw(&fx.sec, Y15, Some(3), 20151103).unwrap();
    assert!(r.rotate_pairs);
    assert_eq!((r.assignments, r.repeats.len()), (12, 0));
    let drawn = fx.desk.assignments(&fx.sec, Y15).unwrap();
    for a in &drawn {
        assert!(!before.contains(&(a.unit_code.clone(), a.expert.clone())), "{} drawn again for {}", a.expert, a.unit);
        assert_eq!(a.repeat_of_year, None);
    }
    let m = fx.desk.assignment_matrix(&fx.sec, Y15).unwrap();
    assert!(m.cells.iter().all(|c| c.repeat_of_year.is_none()));
}

/// Issue 16 §5: a pool too small to rotate — 6 of 8 experts a dossier — keeps the fewest repeats
/// possible (each dossier can avoid at most 8 − 6 = 2 experts, so at least as many repeats as
/// its unit's 2014 reviewers beyond that), lists each (expert, unit, why) in the draw's answer,
/// marks them in the assignments and the matrix, and records them with the seed.
#[test]
fn a_tight_pool_keeps_the_fewest_repeats_and_lists_them() {
    let fx = published_2014();
    let units =
        [("湖北省科协", "后补助"), ("江苏省科协", "后补助"), ("浙江省科协", "后补助"), ("四川省科协", "试点示范")];
    open_2015(&fx, Policy { experts_per_dossier: 6, ..Policy::default() }, &units.map(|(u, a)| row_2015(u, a)));
    recommend_all_2015(&fx);
    let before = scored(&fx, 2014);
    // the least any draw can keep: per dossier, 6 − the experts who did not score its unit in 2014
    let mut by_unit: BTreeMap<String, usize> = BTreeMap::new();
    for (u, _) in &before {
        *by_unit.entry(u.clone()).or_default() += 1;
    }
    let least: usize = units.iter().map(|(u, _)| 6usize.saturating_sub(8 - by_unit[&code(u)])).sum();
    assert!(least > 0, "the pool must be tight");

    let r = fx.desk.draw(&fx.sec, Y15, None, 99).unwrap();
    assert_eq!(r.assignments, 24);
    assert_eq!(r.repeats.len(), least, "{:?}", r.repeats);
    let drawn = fx.desk.assignments(&fx.sec, Y15).unwrap();
    let repeated: BTreeSet<(String, String)> = drawn
        .iter()
        .filter(|a| before.contains(&(a.unit_code.clone(), a.expert.clone())))
        .map(|a| (a.unit.clone(), a.expert.clone()))
        .collect();
    assert_eq!(repeated.len(), least);
    let listed: BTreeSet<(String, String)> = r.repeats.iter().map(|p| (p.unit.clone(), p.expert.clone())).collect();
    assert_eq!(listed, repeated, "the draw's answer lists exactly the repeats");
    for p in &r.repeats {
        assert_eq!(p.repeat_of_year, 2014);
        assert!(p.why.contains("2014年度评过") && p.why.contains(&p.expert), "{}", p.why);
    }
    for a in &drawn {
        let is_repeat = repeated.contains(&(a.unit.clone(), a.expert.clone()));
        assert_eq!(a.repeat_of_year, is_repeat.then_some(2014), "{} {}", a.expert, a.unit);
    }
    let m = fx.desk.assignment_matrix(&fx.sec, Y15).unwrap();
    assert_eq!(m.cells.iter().filter(|c| c.repeat_of_year == Some(2014)).count(), least);
    let detail: String = fx
        .desk
        .conn()
        .query_row("SELECT detail FROM audit WHERE action = 'review.draw' ORDER BY seq DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(v["seed"], "99");
    assert_eq!(v["repeats"].as_array().unwrap().len(), least);
    fx.desk.audit_verify().unwrap();
}

/// Issue 16 §5: `rotate_pairs` off: the draw is the one the seed gives without rotation, and it
/// lists nothing.
#[test]
fn without_rotation_the_draw_ignores_last_year() {
    let fx = published_2014();
    let units =
        [("湖北省科协", "后补助"), ("江苏省科协", "后补助"), ("浙江省科协", "后补助"), ("四川省科协", "试点示范")];
    let p = Policy { experts_per_dossier: 6, rotate_pairs: false, ..Policy::default() };
    open_2015(&fx, p, &units.map(|(u, a)| row_2015(u, a)));
    recommend_all_2015(&fx);
    let r = fx.desk.draw(&fx.sec, Y15, None, 99).unwrap();
    assert!(!r.rotate_pairs);
    assert!(r.repeats.is_empty());
    assert!(fx.desk.assignments(&fx.sec, Y15).unwrap().iter().all(|a| a.repeat_of_year.is_none()));
}
