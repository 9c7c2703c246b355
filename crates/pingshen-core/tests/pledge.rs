//! The experts' pledge (issue 19): no score is saved before the expert accepts it — in the
//! window (the Desk methods its commands call), in the expert's own database opened from a review
//! package, and by a paper sheet's signature —; the acceptance travels in the score return; the
//! secretariat edits the text until the draw; every step audited.
#![allow(clippy::unwrap_used)]

mod support;
use pingshen_core::desk::{default_pledge_text, PledgeKind, PledgeText};
use support::*;

const PASS: &str = "correct horse battery";

fn unit_scores(fx: &Fx) -> i64 {
    fx.count("scores")
}

/// The window's path: the scoring screen saves and submits through `save_scores` /
/// `submit_scores`; both refuse until the expert has typed their name under the pledge.
#[test]
fn a_score_is_refused_in_the_window_until_the_expert_signs() {
    let fx = review_fx(Policy::default());
    let a = fx.assignments()[0].clone();
    let me = fx.expert_unpledged(&a.expert);
    let status = fx.desk.pledge_status(&me, Y).unwrap();
    assert!(status.accepted.is_none());
    assert_eq!(status.expert, a.expert);
    assert_eq!(status.pledge.text, default_pledge_text());
    assert!(!status.pledge.editable, "drawn: no longer editable");

    let before = unit_scores(&fx);
    for r in [fx.desk.save_scores(&me, a.id, &fx.sheet(&a)[..1]), fx.desk.submit_scores(&me, a.id, &fx.sheet(&a))] {
        refused(r, K::Rule, &[&a.expert, "尚未签署《评审专家承诺书》", "我已阅读并承诺"]);
    }
    assert_eq!(unit_scores(&fx), before, "nothing saved");

    // a name that is not theirs is refused, nothing recorded
    let other = fx.assignments().into_iter().find(|x| x.expert != a.expert).unwrap().expert;
    refused(fx.desk.accept_pledge(&me, Y, &other), K::Invalid, &["姓名", "不是本人姓名"]);
    refused(fx.desk.accept_pledge(&me, Y, "  "), K::Invalid, &["姓名"]);
    assert_eq!(fx.count("pledge_acceptances"), 0);
    assert_eq!(fx.audit_actions("expert.pledge"), 0);
    // the secretariat cannot sign for an expert
    refused(fx.desk.accept_pledge(&fx.sec, Y, &a.expert), K::Forbidden, &["专家本人签署"]);

    let spaced: String = a.expert.chars().map(|c| format!("{c} ")).collect();
    let acc = fx.desk.accept_pledge(&me, Y, &spaced).unwrap();
    assert_eq!(acc.kind, PledgeKind::Window);
    assert_eq!(acc.text_sha256, default_pledge_text().sha256());
    // signing again changes nothing
    assert_eq!(fx.desk.accept_pledge(&me, Y, &a.expert).unwrap(), acc);
    assert_eq!(fx.audit_actions("expert.pledge"), 1);
    let detail: String =
        fx.desk.conn().query_row("SELECT detail FROM audit WHERE action = 'expert.pledge'", [], |r| r.get(0)).unwrap();
    assert!(detail.contains(&a.expert) && detail.contains("\"window\""), "{detail}");

    fx.desk.save_scores(&me, a.id, &fx.sheet(&a)[..1]).unwrap();
    fx.desk.submit_scores(&me, a.id, &fx.sheet(&a)).unwrap();

    // the secretariat sees who signed and when: the expert list and the matrix
    let experts = fx.desk.experts(&fx.sec, Y).unwrap();
    for e in &experts {
        assert_eq!(e.pledged_at.is_some(), e.name == a.expert, "{}", e.name);
    }
    let signed = experts.iter().find(|e| e.name == a.expert).unwrap();
    assert_eq!(signed.pledged_at.as_deref(), Some(acc.accepted_at.as_str()));
    assert_eq!(signed.pledge_kind, Some(PledgeKind::Window));
    let m = fx.desk.assignment_matrix(&fx.sec, Y).unwrap();
    let row = m.experts.iter().find(|e| e.name == a.expert).unwrap();
    assert_eq!(row.pledge_kind, Some(PledgeKind::Window));
    assert!(m.experts.iter().filter(|e| e.name != a.expert).all(|e| e.pledged_at.is_none()));
    assert!(fx.desk.audit_check().unwrap().findings.is_empty());
}

/// Before the draw nobody signs (the secretariat may still change the text).
#[test]
fn signing_waits_for_the_draw() {
    let fx = apply_fx(Policy::default());
    let me = fx.expert_unpledged("王建国");
    refused(fx.desk.accept_pledge(&me, Y, "王建国"), K::Illegal, &["抽取评审专家之后签署"]);
}

/// The expert's own database: the package carries the year's text; scores typed there are
/// refused until the expert signs there; the acceptance travels in the signed score return and is
/// stored at the secretariat as made in the package, audited.
#[test]
fn the_package_carries_the_text_and_the_return_carries_the_acceptance() {
    let fx = apply_fx(Policy::default());
    // the secretariat's own text, set before the draw, is what the package carries
    let mut text = default_pledge_text();
    text.points.push("本人在评审期间如实记录并报告评审中发现的问题。".into());
    fx.desk.set_pledge(&fx.sec, Y, &text).unwrap();
    fx.desk.recommend_auto(&fx.sec, Y).unwrap();
    fx.desk.draw(&fx.sec, Y, Some(3), 7).unwrap();
    let x = fx.assignments()[0].expert.clone();
    let (pkg, _) = fx.desk.export_review_package(&fx.sec, Y, &x, PASS).unwrap();
    let e = Desk::open_in_memory().unwrap();
    e.open_review_package(&e.local_secretariat(), "包.pingshen", &pkg, PASS).unwrap();
    let me = e.login(&x, PASS).unwrap();
    let status = e.pledge_status(&me, Y).unwrap();
    assert_eq!(status.pledge.text, text, "the package carries the year's own text");
    assert!(status.accepted.is_none());

    let mine = e.assignments(&me, Y).unwrap();
    refused(e.submit_scores(&me, mine[0].id, &fx.sheet(&mine[0])), K::Rule, &["尚未签署《评审专家承诺书》"]);
    // typing the scores into a spreadsheet in their own database is no paper signature
    let rows: Vec<Vec<String>> = mine.iter().flat_map(|a| fx.score_rows(a)).collect();
    let csv = fx.csv("我的评分.csv", &SCORE_HEADERS, &rows);
    refused(e.import_scores(&e.local_secretariat(), Y, &csv), K::Rule, &["尚未签署《评审专家承诺书》"]);
    let n: i64 = e.conn().query_row("SELECT count(*) FROM scores", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0);

    refused(e.accept_pledge(&me, Y, "别人"), K::Invalid, &["不是本人姓名"]);
    let acc = e.accept_pledge(&me, Y, &x).unwrap();
    assert_eq!(acc.kind, PledgeKind::Package);
    assert_eq!(acc.text_sha256, text.sha256());
    for a in &mine {
        e.submit_scores(&me, a.id, &fx.sheet(a)).unwrap();
    }
    let (ret, _) = e.export_score_return(&me, Y).unwrap();

    // at the secretariat: stored before the scores, as made in the package, audited
    assert_eq!(fx.audit_actions("expert.pledge"), 0);
    fx.desk.import_score_return(&fx.sec, "回执.pingshen", &ret).unwrap();
    let shown = fx.desk.experts(&fx.sec, Y).unwrap().into_iter().find(|e| e.name == x).unwrap();
    assert_eq!(shown.pledged_at.as_deref(), Some(acc.accepted_at.as_str()));
    assert_eq!(shown.pledge_kind, Some(PledgeKind::Package));
    assert_eq!(fx.audit_actions("expert.pledge"), 1);
    let (name, sha): (String, String) = fx
        .desk
        .conn()
        .query_row("SELECT name, text_sha256 FROM pledge_acceptances", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((name, sha), (x.clone(), text.sha256()));
    // the same return again changes nothing
    fx.desk.import_score_return(&fx.sec, "回执.pingshen", &ret).unwrap();
    assert_eq!(fx.audit_actions("expert.pledge"), 1);
    assert!(fx.desk.audit_check().unwrap().findings.is_empty());
}

/// A paper sheet entered from the spreadsheet counts as signed: recorded as paper, in the
/// expert's name, once per expert, audited.
#[test]
fn a_paper_sheet_counts_as_signed_by_its_signature() {
    let fx = review_fx(Policy::default());
    let x = fx.assignments()[0].expert.clone();
    fx.import_scores_where("纸质评分表.csv", |a| a.expert == x).unwrap();
    let shown = fx.desk.experts(&fx.sec, Y).unwrap();
    let e = shown.iter().find(|e| e.name == x).unwrap();
    assert_eq!(e.pledge_kind, Some(PledgeKind::Paper));
    assert!(e.pledged_at.is_some());
    assert!(shown.iter().filter(|e| e.name != x).all(|e| e.pledged_at.is_none()));
    assert_eq!(fx.audit_actions("expert.pledge"), 1);
    let detail: String =
        fx.desk.conn().query_row("SELECT detail FROM audit WHERE action = 'expert.pledge'", [], |r| r.get(0)).unwrap();
    assert!(detail.contains("\"paper\""), "{detail}");
}

/// The secretariat edits the text until the draw (audited with the text's SHA-256); after it the
/// text is fixed; bad text is refused naming the field, nothing stored.
#[test]
fn the_text_is_editable_until_the_draw() {
    let fx = apply_fx(Policy::default());
    let p = fx.desk.pledge(&fx.sec, Y).unwrap();
    assert!(p.is_default && p.editable);
    assert_eq!(p.numbered_points.len(), 5);
    assert!(p.plain().starts_with("评审专家承诺书\n"));

    let bad = PledgeText { points: vec![], ..default_pledge_text() };
    refused(fx.desk.set_pledge(&fx.sec, Y, &bad), K::Invalid, &["承诺事项", "至少一条"]);
    assert_eq!(fx.count("pledges"), 0);
    assert_eq!(fx.audit_actions("campaign.pledge"), 0);

    let text = PledgeText::parse(
        "评审专家承诺书（2014年度）\n本人承诺：\n一、独立评分。\n二、申明回避。\n如有违反，愿承担责任。",
    )
    .unwrap();
    let p = fx.desk.set_pledge(&fx.sec, Y, &text).unwrap();
    assert!(!p.is_default);
    assert_eq!(p.numbered_points, ["一、独立评分。", "二、申明回避。"]);
    assert_eq!(fx.desk.pledge(&fx.sec, Y).unwrap().text, text);
    assert_eq!(fx.audit_actions("campaign.pledge"), 1);
    // an applicant does not read it; an expert of the year does
    let hubei = {
        fx.desk
            .create_user(&fx.sec, "hubei", "湖北省科协", Role::Applicant, "applicant-pass", Some("湖北省科协"))
            .unwrap();
        fx.desk.login("hubei", "applicant-pass").unwrap()
    };
    refused(fx.desk.pledge(&hubei, Y), K::Forbidden, &["评审专家承诺书"]);
    assert_eq!(fx.desk.pledge(&fx.expert_unpledged("王建国"), Y).unwrap().text, text);

    fx.desk.recommend_auto(&fx.sec, Y).unwrap();
    fx.desk.draw(&fx.sec, Y, Some(3), 7).unwrap();
    assert!(!fx.desk.pledge(&fx.sec, Y).unwrap().editable);
    refused(fx.desk.set_pledge(&fx.sec, Y, &default_pledge_text()), K::Illegal, &["抽取评审专家之前修改"]);
    assert_eq!(fx.desk.pledge(&fx.sec, Y).unwrap().text, text);
    assert_eq!(fx.audit_actions("campaign.pledge"), 1);
}
