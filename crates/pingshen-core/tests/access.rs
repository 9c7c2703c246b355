//! Issue 9, access: every `Desk` method that takes an actor is called by the roles that must be
//! refused (an expert and an applicant unit for the secretariat's work; the other expert or the
//! other unit for work that belongs to someone); each attempt is refused with 「无权操作」, writes
//! nothing, and leaves one 「access.denied」 entry naming who tried. A scan of `src/desk/*.rs`
//! makes sure no method taking an actor is missing from the table. Sign-in: argon2id with the
//! stated parameters, and a lock-out after five wrong passwords.
#![allow(clippy::unwrap_used)]

mod support;
use chrono::{Duration, Utc};
use pingshen_core::desk::{ArchiveMade, AuditQuery, ImportKind};
use pingshen_core::model::ExpertInput;
use pingshen_core::store::AuditHead;
use support::*;

type Call<'a> = Box<dyn Fn(&Actor) -> Result<(), Error> + 'a>;

fn call<'a, T>(f: impl Fn(&Actor) -> pingshen_core::Result<T> + 'a) -> Call<'a> {
    Box::new(move |a| f(a).map(|_| ()))
}

/// Methods open to every role because they act only on the actor themself or on what was
/// handed to this installation; each names where its scoping is tested.
const SCOPED_ELSEWHERE: &[(&str, &str)] = &[
    ("export_score_return", "tests/exchange.rs: only the expert whose package the database holds (no package here)"),
    ("years_of", "tests/years.rs: each role lists only its own years"),
];

/// Every `pub fn NAME(&self, actor: &Actor` in src/desk/ (its files and folders).
fn methods_taking_an_actor() -> BTreeSet<String> {
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                files(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut paths = Vec::new();
    files(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/desk"), &mut paths);
    let mut names = BTreeSet::new();
    for path in paths {
        let text = std::fs::read_to_string(path).unwrap();
        for part in text.split("pub fn ").skip(1) {
            let name: String = part.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if part[name.len()..].starts_with("(&self, actor: &Actor") {
                names.insert(name);
            }
        }
    }
    names
}

#[test]
fn every_method_refuses_the_roles_it_must_and_logs_the_attempt() {
    let fx = review_fx(Policy::default());
    let sec = &fx.sec;
    let all = fx.assignments();
    let expert = fx.expert(&all[0].expert);
    let mine: BTreeSet<i64> = all.iter().filter(|a| a.expert == all[0].expert).map(|a| a.dossier_id).collect();
    let foreign_sheet = all.iter().find(|a| a.expert != all[0].expert).unwrap();
    let made = ArchiveMade {
        year: 2014,
        file: "a.zip".into(),
        files: 1,
        bytes: 1,
        audit_head: AuditHead { seq: 1, hash: "0".repeat(64) },
        manifest_sha256: "0".repeat(64),
    };
    let unassigned = all.iter().find(|a| !mine.contains(&a.dossier_id)).unwrap().dossier_id;
    fx.desk
        .create_user(sec, "hubei", "湖北省科协申报员", Role::Applicant, "applicant-pass", Some("湖北省科学技术协会"))
        .unwrap();
    let applicant = fx.desk.login("hubei", "applicant-pass").unwrap();
    let other_unit = fx.dossier_id("江苏省科协", Award::Subsidy);
    let d = fx.csv("d.csv", &DOSSIER_HEADERS, &[drow("山东省科协", "后补助", "2014-10-20")]);
    let e = fx.csv("e.csv", &EXPERT_HEADERS, &expert_rows());
    let s = one_score_file(&fx, "s.csv");
    let notice = fx.file("notice.txt");
    std::fs::write(&notice, "国务院办公厅关于2015年部分节假日安排的通知").unwrap();
    let c = fx.desk.campaign(Y).unwrap();
    let desk = &fx.desk;
    let ex = || ExpertInput {
        name: "赵新".into(),
        employer: "某大学".into(),
        province: "河北".into(),
        field: "科普".into(),
        phone: "13800000000".into(),
        conflicts: vec![],
    };
    let sheet = fx.sheet(foreign_sheet);

    // secretariat-only: refused to the expert and to the applicant
    let secretariat_only: Vec<(&str, Call)> = vec![
        ("add_expert", call(|a| desk.add_expert(a, Y, ex()))),
        (
            "add_objection",
            call(|a| desk.add_objection(a, Y, None, None, "李建国", "13912345678", day("2014-12-02"), "异议")),
        ),
        ("adjust_funding", call(|a| desk.adjust_funding(a, Y, "湖北省科协", Award::Subsidy, 120_000, "理由"))),
        ("assignment_matrix", call(|a| desk.assignment_matrix(a, Y))),
        ("audit_log", call(|a| desk.audit_log(a, 10))),
        (
            "audit_query",
            call(|a| desk.audit_query(a, &AuditQuery { limit: 10, action_prefix: None, text: None, before_seq: None })),
        ),
        ("archivable", call(|a| desk.archivable(a, Y))),
        ("record_archive", call(|a| desk.record_archive(a, &made, || Ok(())))),
        ("backup", call(|a| desk.backup(a, &fx.file("copy.db")))),
        ("backup_beside", call(|a| desk.backup_beside(a))),
        (
            "require_role",
            call(|a| {
                desk.require_role(a, Role::Secretariat, pingshen_core::t!(pingshen_core::msg::FILES_ACTION_RESTORE))
            }),
        ),
        ("check_against_file", call(|a| desk.check_against_file(a, &fx.file("copy.db")))),
        ("open_campaign_for", call(|a| desk.open_campaign_for(a, 2015, Policy::default(), Some("湖北省科协")))),
        ("close_publicity", call(|a| desk.close_publicity(a, Y, day("2014-12-20")))),
        ("close_review", call(|a| desk.close_review(a, Y, "理由"))),
        ("create_user", call(|a| desk.create_user(a, "x", "x", Role::Expert, "password-123", None))),
        ("decide_late", call(|a| desk.decide_late(a, other_unit, true, "理由"))),
        ("draw", call(|a| desk.draw(a, Y, Some(3), 1))),
        ("experts", call(|a| desk.experts(a, Y))),
        ("explain_result", call(|a| desk.explain_result(a, other_unit))),
        ("export_review_package", call(|a| desk.export_review_package(a, Y, &all[0].expert, "口令口令口令口令"))),
        ("find_backup", call(|a| desk.find_backup(a, "x.db"))),
        ("funding", call(|a| desk.funding(a, Y))),
        ("import_dossier_file", call(|a| desk.import_dossier_file(a, Y, "x.pingshen", b"x", day("2014-10-20")))),
        ("import_dossiers", call(|a| desk.import_dossiers(a, Y, &d))),
        ("import_experts", call(|a| desk.import_experts(a, Y, &e))),
        ("import_holiday_notice", call(|a| desk.import_holiday_notice(a, &notice, false))),
        ("import_score_return", call(|a| desk.import_score_return(a, "r.pingshen", b"x"))),
        ("import_scores", call(|a| desk.import_scores(a, Y, &s))),
        ("list_backups", call(|a| desk.list_backups(a))),
        ("open_campaign", call(|a| desk.open_campaign(a, 2015, Policy::default()))),
        ("open_next_year", call(|a| desk.open_next_year(a, 2014, 2015, None))),
        ("confirm_conflicts", call(|a| desk.confirm_conflicts(a, Y, None, None))),
        ("open_publicity", call(|a| desk.open_publicity(a, Y, day("2014-12-01"), None))),
        ("open_review_package", call(|a| desk.open_review_package(a, "p.pingshen", b"x", "口令"))),
        ("overview", call(|a| desk.overview(a, Y))),
        ("preview_holiday_notice", call(|a| desk.preview_holiday_notice(a, &notice))),
        ("preview_import", call(|a| desk.preview_import(a, Y, ImportKind::Dossiers, &d))),
        ("preview_dossier_file", call(|a| desk.preview_dossier_file(a, Y, "x.pingshen", b"x", day("2014-10-20")))),
        ("preview_score_return", call(|a| desk.preview_score_return(a, "r.pingshen", b"x"))),
        ("publicity", call(|a| desk.publicity(a, Y))),
        ("publicity_preview", call(|a| desk.publicity_preview(a, Y, day("2014-12-01")))),
        ("publish", call(|a| desk.publish(a, Y, day("2014-12-30"), None))),
        ("recommend", call(|a| desk.recommend(a, other_unit, Recommendation::Recommend))),
        ("recommend_auto", call(|a| desk.recommend_auto(a, Y))),
        ("record_consensus", call(|a| desk.record_consensus(a, Y, "湖北省科协", Some(Award::Subsidy), "一致意见"))),
        ("reopen_scores", call(|a| desk.reopen_scores(a, foreign_sheet.id, "理由"))),
        ("replace_expert", call(|a| desk.replace_expert(a, other_unit, &all[0].expert, "理由", Some(1), None))),
        ("resolve_objection", call(|a| desk.resolve_objection(a, 1, false, "理由"))),
        ("results", call(|a| desk.results(a, Y))),
        ("robustness", call(|a| desk.robustness(a, Y))),
        // the seal and the letters (issue 19): the secretariat's alone
        ("set_seal", call(|a| desk.set_seal(a, std::path::Path::new("印章.png")).map(|_| ()))),
        ("clear_seal", call(|a| desk.clear_seal(a))),
        ("seal_info", call(|a| desk.seal_info(a))),
        ("return_notices", call(|a| desk.return_notices(a, Y, None))),
        ("invitations", call(|a| desk.invitations(a, Y, None))),
        ("meeting", call(|a| desk.meeting(a, Y))),
        (
            "set_meeting_settings",
            call(|a| {
                let s = pingshen_core::desk::MeetingSettings {
                    meeting: true,
                    quorum: pingshen_core::rules::MeetingShare::Half,
                    majority: pingshen_core::rules::MeetingShare::Half,
                };
                desk.set_meeting_settings(a, Y, s)
            }),
        ),
        ("open_meeting", call(|a| desk.open_meeting(a, Y, day("2014-11-20"), "会议室", "王建国", &[]))),
        (
            "vote",
            call(|a| {
                let v = pingshen_core::desk::VoteCounts { votes_for: 1, votes_against: 0, votes_abstain: 0 };
                desk.vote(a, Y, "湖北省科协", Some(Award::Subsidy), v, "", None)
            }),
        ),
        ("close_meeting", call(|a| desk.close_meeting(a, Y))),
        ("review_statistics", call(|a| desk.review_statistics(a, Y))),
        ("select_pilot", call(|a| desk.select_pilot(a, Y, "湖北省科协", "理由"))),
        ("set_backups_kept", call(|a| desk.set_backups_kept(a, 3))),
        ("set_expert_login", call(|a| desk.set_expert_login(a, Y, &foreign_sheet.expert, "password-123"))),
        ("set_rubric", call(|a| desk.set_rubric(a, Y, c.rubric_subsidy.clone()))),
        ("set_pledge", call(|a| desk.set_pledge(a, Y, &pingshen_core::desk::default_pledge_text()))),
        ("unselect_pilot", call(|a| desk.unselect_pilot(a, Y, "湖北省科协", "理由"))),
        ("update_policy", call(|a| desk.update_policy(a, Y, Policy::default()))),
        ("verify_audit", call(|a| desk.verify_audit(a))),
        ("withdraw_dossier", call(|a| desk.withdraw_dossier(a, other_unit, "理由"))),
        ("yoy_check", call(|a| desk.yoy_check(a, other_unit))),
        ("verify_yoy", call(|a| desk.verify_yoy(a, other_unit, "yoy_decrease_workstations", "已核实"))),
    ];
    // work that belongs to someone: refused to whoever it does not belong to
    let not_theirs: Vec<(&str, &Actor, Call)> = vec![
        ("add_attachment", &applicant, call(|a| desk.add_attachment(a, other_unit, "其他", "x.pdf", b"%PDF-1.4"))),
        ("attach", &expert, call(|a| desk.attach(a, other_unit, "其他", "x.pdf", b"%PDF-1.4"))),
        ("attachment", &expert, call(|a| desk.attachment(a, unassigned, "00"))),
        ("attachment_file", &applicant, call(|a| desk.attachment_file(a, other_unit, "00"))),
        ("assignments", &applicant, call(|a| desk.assignments(a, Y))),
        (
            "declare_conflict",
            &expert,
            call(|a| desk.declare_conflict(a, Y, &foreign_sheet.expert, "湖北省科协", "代人申明")),
        ),
        ("dossier", &expert, call(|a| desk.dossier(a, unassigned))),
        ("export_dossier_file", &applicant, call(|a| desk.export_dossier_file(a, Y, "江苏省科协", None))),
        ("amend_own_dossier", &applicant, call(|a| desk.amend_own_dossier(a, other_unit))),
        ("amend_own_dossier", &expert, call(|a| desk.amend_own_dossier(a, other_unit))),
        ("export_dossier_file", &expert, call(|a| desk.export_dossier_file(a, Y, "湖北省科协", None))),
        ("dossier_detail", &applicant, call(|a| desk.dossier_detail(a, other_unit))),
        ("history", &applicant, call(|a| desk.history(a, "江苏省科协"))),
        ("history", &expert, call(|a| desk.history(a, "湖北省科协"))),
        ("dossier_scores", &expert, call(|a| desk.dossier_scores(a, unassigned))),
        ("dossier_scores", &applicant, call(|a| desk.dossier_scores(a, other_unit))),
        ("save_dossier", &applicant, call(|a| desk.save_dossier(a, Y, dinput("山东省科协", Award::Subsidy)))),
        ("save_dossier", &expert, call(|a| desk.save_dossier(a, Y, dinput("山东省科协", Award::Subsidy)))),
        ("save_scores", &expert, call(|a| desk.save_scores(a, foreign_sheet.id, &sheet[..1]))),
        ("save_scores", &applicant, call(|a| desk.save_scores(a, foreign_sheet.id, &sheet[..1]))),
        ("scoring_sheet", &expert, call(|a| desk.scoring_sheet(a, foreign_sheet.id))),
        ("set_password", &expert, call(|a| desk.set_password(a, "hubei", "password-123"))),
        ("submit_dossier", &applicant, call(|a| desk.submit_dossier(a, other_unit, day("2014-10-20")))),
        ("submit_scores", &expert, call(|a| desk.submit_scores(a, foreign_sheet.id, &sheet))),
        ("submit_scores", sec, call(|a| desk.submit_scores(a, foreign_sheet.id, &sheet))),
        // the pledge: read by the secretariat and the year's experts, signed by an expert only
        ("pledge", &applicant, call(|a| desk.pledge(a, Y))),
        ("pledge_status", &applicant, call(|a| desk.pledge_status(a, Y))),
        ("pledge_status", sec, call(|a| desk.pledge_status(a, Y))),
        ("accept_pledge", sec, call(|a| desk.accept_pledge(a, Y, "秘书处"))),
        ("accept_pledge", &applicant, call(|a| desk.accept_pledge(a, Y, "湖北"))),
    ];

    // the table covers every method taking an actor
    let covered: BTreeSet<String> = secretariat_only
        .iter()
        .map(|(n, _)| n.to_string())
        .chain(not_theirs.iter().map(|(n, _, _)| n.to_string()))
        .chain(SCOPED_ELSEWHERE.iter().map(|(n, _)| n.to_string()))
        .chain(["dossiers".to_string()])
        .collect();
    let missing: Vec<String> = methods_taking_an_actor().difference(&covered).cloned().collect();
    assert!(missing.is_empty(), "Desk methods taking an actor with no access case: {missing:?}");

    let before = fx.snapshot();
    let head = desk.audit_head().unwrap().unwrap();
    let mut attempts: Vec<(String, String)> = Vec::new();
    let mut check = |what: &str, who: &Actor, r: Result<(), Error>| {
        let e = r.expect_err(&format!("{what} allowed to {}", who.name()));
        assert_eq!(kind(&e), Some(K::Forbidden), "{what} by {}: {e:?}", who.name());
        assert!(e.to_string().starts_with("无权操作"), "{what}: {e}");
        attempts.push((what.to_string(), who.name().to_string()));
    };
    for (what, f) in &secretariat_only {
        for who in [&expert, &applicant] {
            check(what, who, f(who));
        }
    }
    for (what, who, f) in &not_theirs {
        check(what, who, f(who));
    }
    // 「dossiers」 lists only what the actor may see: nothing of another unit, nothing unassigned
    assert!(desk.dossiers(&applicant, Y).unwrap().iter().all(|d| d.unit.full_name == "湖北省科学技术协会"));
    assert!(desk.dossiers(&expert, Y).unwrap().iter().all(|d| mine.contains(&d.id)));

    // nothing written but one entry per attempt, in order, naming who tried
    let after = fx.snapshot();
    let data = |s: &Vec<(&'static str, i64)>| s.iter().filter(|(t, _)| *t != "audit").cloned().collect::<Vec<_>>();
    assert_eq!(data(&after), data(&before), "a refused call wrote data");
    assert!(!fx.file("copy.db").exists());
    let entries =
        desk.audit_query(sec, &AuditQuery { limit: 1000, action_prefix: None, text: None, before_seq: None }).unwrap();
    let new: Vec<_> = entries.iter().filter(|e| e.seq > head.seq).rev().collect();
    assert_eq!(new.len(), attempts.len(), "{:?}", new.iter().map(|e| &e.action).collect::<Vec<_>>());
    for (e, (what, who)) in new.iter().zip(&attempts) {
        assert_eq!(e.action, "access.denied", "{what}");
        assert!(e.actor.contains(who.as_str()), "{what}: {} not {who}", e.actor);
    }
    assert!(desk.audit_check().unwrap().findings.is_empty());
}

/// argon2id v1.3, 19 MiB, 2 iterations, 1 lane (OWASP's minimum for argon2id).
#[test]
fn passwords_are_argon2id_with_the_stated_parameters() {
    let fx = apply_fx(Policy::default());
    fx.desk.create_user(&fx.sec, "clerk", "办事员", Role::Secretariat, "clerk-pass-1", None).unwrap();
    let hash: String =
        fx.desk.conn().query_row("SELECT password_hash FROM users WHERE login = 'clerk'", [], |r| r.get(0)).unwrap();
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
    assert!(!hash.contains("clerk-pass-1"));
}

/// Five wrong passwords in a row lock the login name for 15 minutes (the right password is
/// refused meanwhile, and the message says until when); the 4th and 5th warn; a sign-in after
/// the lock ends works and clears the count; a new password set by the secretariat unlocks at
/// once. Failures and the lock are in the log, the passwords typed are not.
#[test]
fn repeated_wrong_passwords_lock_the_login_for_a_while() {
    let fx = apply_fx(Policy::default());
    fx.desk.create_user(&fx.sec, "clerk", "办事员", Role::Secretariat, "clerk-pass-1", None).unwrap();
    let t0 = Utc::now();
    for i in 1..=4 {
        let e = fx.desk.login_at("clerk", &format!("wrong-{i}"), t0).unwrap_err().to_string();
        assert!(e.contains("登录名或密码") && e.contains("不正确"), "{e}");
        assert_eq!(e.contains("将锁定15分钟"), i >= 3, "attempt {i}: {e}");
    }
    fx.desk.login_at("clerk", "clerk-pass-1", t0).unwrap(); // the 4th failure did not lock; success clears
    for i in 1..=5 {
        let e = fx.desk.login_at("clerk", "wrong", t0).unwrap_err().to_string();
        assert_eq!(e.contains("已锁定"), i == 5, "attempt {i}: {e}");
    }
    let e = fx.desk.login_at("clerk", "clerk-pass-1", t0 + Duration::minutes(14)).unwrap_err();
    assert_eq!(kind(&e), Some(K::Forbidden));
    assert!(e.to_string().contains("已锁定至") && e.to_string().contains("北京时间"), "{e}");
    fx.desk.login_at("clerk", "clerk-pass-1", t0 + Duration::minutes(16)).unwrap();
    // locked again, then unlocked at once by a new password from the secretariat
    for _ in 0..5 {
        let _ = fx.desk.login_at("clerk", "wrong", t0 + Duration::minutes(20));
    }
    assert!(fx.desk.login_at("clerk", "clerk-pass-1", t0 + Duration::minutes(21)).is_err());
    fx.desk.set_password(&fx.sec, "clerk", "clerk-pass-2").unwrap();
    fx.desk.login_at("clerk", "clerk-pass-2", t0 + Duration::minutes(21)).unwrap();
    // an unknown name is counted the same way (no telling which names exist)
    for _ in 0..5 {
        let _ = fx.desk.login_at("nobody", "x", t0);
    }
    assert!(fx.desk.login_at("nobody", "x", t0).unwrap_err().to_string().contains("已锁定"));

    let log = |prefix: &str| {
        fx.desk
            .audit_query(
                &fx.sec,
                &AuditQuery { limit: 100, action_prefix: Some(prefix.into()), text: None, before_seq: None },
            )
            .unwrap()
    };
    assert_eq!(log("login.failed").len(), 4 + 5 + 5 + 5);
    assert_eq!(log("login.locked").len(), 3);
    assert!(log("login.")
        .iter()
        .all(|e| !e.detail.to_string().contains("wrong") && !e.detail.to_string().contains("clerk-pass")));
    assert!(fx.desk.audit_check().unwrap().findings.is_empty());
}
