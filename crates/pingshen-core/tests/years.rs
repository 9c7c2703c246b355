//! Issue 16, year after year: a published 2014 opened into 2015 carries the panel (conflicts
//! 待确认), the accounts, the policy and rubrics, never the year's record; the refusals; carried
//! conflicts confirmed by the secretariat or by the expert declaring again, recusing meanwhile;
//! and a published year read-only: every write use case of `Desk` refused naming the year, with
//! nothing changed.
#![allow(clippy::unwrap_used)]

mod support;
use pingshen_core::desk::YearInfo;
use pingshen_core::model::ExpertInput;
use support::*;

const NEXT: i32 = 2015;
const N: Option<i32> = Some(NEXT);

/// Expert rows with declared conflicts (units that do not apply, so the draw is the fixture's).
fn experts_with_conflicts() -> Vec<Vec<String>> {
    let mut rows = expert_rows();
    rows[0][5] = "山东省科协；河南省科协".into();
    rows[1][5] = "福建省科协".into();
    rows
}

/// The fixture's 2014 year carried to publication: conflicts declared in the pool, two expert
/// logins, an applicant account, an objection resolved.
fn published() -> Fx {
    let fx = Fx::new(Policy::default());
    let (desk, sec) = (&fx.desk, &fx.sec);
    let p = fx.csv("申报汇总表.csv", &DOSSIER_HEADERS, &mini_dossier_rows());
    desk.import_dossiers(sec, Y, &p).unwrap();
    let p = fx.csv("评审专家库.csv", &EXPERT_HEADERS, &experts_with_conflicts());
    desk.import_experts(sec, Y, &p).unwrap();
    desk.set_expert_login(sec, Y, "王建国", PW).unwrap();
    desk.set_expert_login(sec, Y, "李明", PW).unwrap();
    desk.create_user(sec, "hubei", "湖北省科协申报员", Role::Applicant, "applicant-pass", Some("湖北省科协")).unwrap();
    desk.recommend_auto(sec, Y).unwrap();
    desk.draw(sec, Y, Some(3), 7).unwrap();
    fx.import_scores_where("评分录入.csv", |_| true).unwrap();
    assert_eq!(fx.stage(), Stage::Decide);
    desk.open_publicity(sec, Y, day("2014-12-01"), None).unwrap();
    let oid = desk
        .add_objection(sec, Y, Some("江苏省科协"), None, "李建国", "13912345678", day("2014-12-02"), "反映数据偏高")
        .unwrap();
    desk.resolve_objection(sec, oid, false, "经核查异议不成立").unwrap();
    desk.close_publicity(sec, Y, day("2014-12-08")).unwrap();
    desk.publish(sec, Y, day("2014-12-10"), None).unwrap();
    assert_eq!(fx.stage(), Stage::Published);
    fx
}

fn count_in(fx: &Fx, table: &str, year: i32) -> i64 {
    let sql = format!("SELECT count(*) FROM {table} t JOIN campaigns c ON c.id = t.campaign_id WHERE c.year = ?1");
    fx.desk.conn().query_row(&sql, [year], |r| r.get(0)).unwrap()
}

/// Every row of every table but the log (and the sign-in failures), as text: what "nothing
/// changed" compares.
fn everything(fx: &Fx) -> Vec<String> {
    let mut out = Vec::new();
    for t in pingshen_core::store::tables::TABLES.iter().filter(|t| t.name != "access_failures") {
        let mut st = fx.desk.conn().prepare(&format!("SELECT * FROM \"{}\"", t.name)).unwrap();
        let n = st.column_count();
        let mut rows: Vec<String> = st
            .query_map([], |r| {
                let v: Vec<String> = (0..n)
                    .map(|i| match r.get_ref(i).unwrap() {
                        rusqlite::types::ValueRef::Null => "null".to_string(),
                        rusqlite::types::ValueRef::Integer(x) => x.to_string(),
                        rusqlite::types::ValueRef::Real(x) => x.to_string(),
                        rusqlite::types::ValueRef::Text(b) => String::from_utf8_lossy(b).into_owned(),
                        rusqlite::types::ValueRef::Blob(b) => format!("{} bytes", b.len()),
                    })
                    .collect();
                Ok(format!("{}: {}", t.name, v.join("|")))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        out.extend(rows);
    }
    out
}

#[test]
fn the_next_year_carries_the_panel_and_settings_never_the_record() {
    let fx = published();
    let (desk, sec) = (&fx.desk, &fx.sec);
    let before = desk.campaign(Y).unwrap();
    let carried = desk.open_next_year(sec, YEAR, NEXT, Some(2_500_000)).unwrap();
    assert_eq!((carried.from, carried.to), (YEAR, NEXT));
    assert_eq!((carried.experts, carried.expert_logins, carried.conflicts_pending), (8, 2, 3));
    assert_eq!(carried.subsidy_budget_yuan, 2_500_000);
    assert_eq!(fx.audit_actions("campaign.carry_over"), 1);

    // the new year: at the apply stage, the policy (budget replaced) and rubrics copied
    let c = desk.campaign(N).unwrap();
    assert_eq!(c.stage, Stage::Apply);
    assert_eq!(c.policy.subsidy_budget_yuan, 2_500_000);
    assert_eq!(c.policy.experts_per_dossier, before.policy.experts_per_dossier);
    assert_eq!(c.rubric_pilot.id, before.rubric_pilot.id);
    assert_eq!(serde_json::to_value(&c.rubric_subsidy).unwrap(), serde_json::to_value(&before.rubric_subsidy).unwrap());
    assert_eq!(c.dates.deadline, day("2015-10-31"));
    // the newest year is what an unnamed year means now
    assert_eq!(desk.campaign(None).unwrap().year, NEXT);
    assert_eq!(
        desk.year_list().unwrap(),
        vec![YearInfo { year: NEXT, stage: Stage::Apply }, YearInfo { year: YEAR, stage: Stage::Published }]
    );

    // the pool as it was, conflicts 待确认; nobody's load carried
    let old = desk.experts(sec, Y).unwrap();
    let new = desk.experts(sec, N).unwrap();
    assert_eq!(new.len(), old.len());
    for (o, n) in old.iter().zip(&new) {
        assert_eq!(
            (&n.name, &n.employer, &n.province, &n.field, &n.phone),
            (&o.name, &o.employer, &o.province, &o.field, &o.phone)
        );
        assert_eq!(n.conflicts, o.conflicts);
        assert_eq!(n.pending_conflicts, o.conflicts, "{}: every carried conflict is 待确认", n.name);
        assert!(o.pending_conflicts.is_empty());
        assert_eq!(n.load, 0);
    }
    // the experts' logins are theirs in the new year too: 王建国 signs in and sees both years
    let wang = desk.login("王建国", PW).unwrap();
    assert_eq!(desk.years_of(&wang).unwrap().len(), 2);
    assert!(desk.assignments(&wang, N).unwrap().is_empty());
    // an expert of 2014 without a login has none in 2015; an applicant sees the years it applied in and the newest
    let hubei = desk.login("hubei", "applicant-pass").unwrap();
    assert_eq!(desk.years_of(&hubei).unwrap().iter().map(|y| y.year).collect::<Vec<_>>(), vec![NEXT, YEAR]);

    // never the record: dossiers, sheets, scores, decisions, funding, publicity, objections
    for t in ["dossiers", "assignments", "draws", "funding_lines", "objections", "publicity"] {
        assert_eq!(count_in(&fx, t, NEXT), 0, "{t} carried");
        assert!(count_in(&fx, t, YEAR) > 0, "{t} of 2014 lost");
    }
    assert!(desk.dossiers(sec, N).unwrap().is_empty());
    assert_eq!(desk.results(sec, N).unwrap().rows.len(), 0);

    // the rubrics and the policy can still change until the draw
    desk.set_rubric(sec, N, c.rubric_subsidy.clone()).unwrap();
    desk.update_policy(sec, N, c.policy.clone()).unwrap();
    assert!(desk.audit_check().unwrap().findings.is_empty());
}

#[test]
fn opening_a_year_is_refused_naming_the_fix_and_writes_nothing() {
    let fx = published();
    let (desk, sec) = (&fx.desk, &fx.sec);
    let before = everything(&fx);
    // the source year does not exist
    let e = refused(desk.open_next_year(sec, 2013, NEXT, None), K::NotFound, &["来源年度", "2013", "2014（已发布）"]);
    assert!(e.contains("已发布的年度"), "{e}");
    // the new year not after the source
    refused(desk.open_next_year(sec, YEAR, 2014, None), K::Invalid, &["新年度", "须晚于", "2015"]);
    // a budget the policy refuses
    assert!(desk.open_next_year(sec, YEAR, NEXT, Some(-1)).is_err());
    // not the secretariat
    let wang = desk.login("王建国", PW).unwrap();
    refused(desk.open_next_year(&wang, YEAR, NEXT, None), K::Forbidden, &["开启新年度"]);
    assert_eq!(everything(&fx), before, "a refused opening wrote something");

    desk.open_next_year(sec, YEAR, NEXT, None).unwrap();
    let before = everything(&fx);
    // the target year exists (a second init of the same year)
    refused(desk.open_next_year(sec, YEAR, NEXT, None), K::Invalid, &["2015年度评审工作已存在", "切换到2015年度"]);
    // the source year not yet published
    refused(
        desk.open_next_year(sec, NEXT, 2016, None),
        K::Rule,
        &["2015年度评审工作尚未发布", "申报", "请先完成并发布2015年度"],
    );
    assert_eq!(everything(&fx), before, "a refused opening wrote something");
}

#[test]
fn carried_conflicts_recuse_until_confirmed_by_the_secretariat_or_declared_again() {
    let fx = published();
    let (desk, sec) = (&fx.desk, &fx.sec);
    desk.open_next_year(sec, YEAR, NEXT, None).unwrap();
    let pending =
        |name: &str| desk.experts(sec, N).unwrap().into_iter().find(|e| e.name == name).unwrap().pending_conflicts;

    // a pending conflict recuses all the same, and the matrix says 待确认
    let id = desk.save_dossier(sec, N, dinput("山东省科协", Award::Subsidy)).unwrap();
    desk.submit_dossier(sec, id, day("2015-10-20")).unwrap();
    desk.recommend(sec, id, Recommendation::Recommend).unwrap();
    let m = desk.assignment_matrix(sec, N).unwrap();
    let wang = m.experts.iter().find(|e| e.name == "王建国").unwrap().id;
    let cell = m.cells.iter().find(|c| c.expert_id == wang).unwrap();
    assert_eq!(cell.reason.as_deref(), Some("本人申明回避（待确认）"));

    // the secretariat confirms one pair; the expert declares another again
    assert_eq!(desk.confirm_conflicts(sec, N, Some("王建国"), Some("山东省科协")).unwrap(), 1);
    assert_eq!(pending("王建国"), vec![full_name("河南省科协")]);
    let m = desk.assignment_matrix(sec, N).unwrap();
    let cell = m.cells.iter().find(|c| c.expert_id == wang).unwrap();
    assert_eq!(cell.reason.as_deref(), Some("本人申明回避"), "confirmed: no longer 待确认, still recused");
    let li = desk.login("李明", PW).unwrap();
    desk.declare_conflict(&li, N, "李明", "福建省科协", "仍在该会兼职").unwrap();
    assert!(pending("李明").is_empty());
    // the rest at once; then nothing is left to confirm
    assert_eq!(desk.confirm_conflicts(sec, N, None, None).unwrap(), 1);
    assert_eq!(desk.confirm_conflicts(sec, N, None, None).unwrap(), 0);
    assert!(desk.experts(sec, N).unwrap().iter().all(|e| e.pending_conflicts.is_empty()));
    assert_eq!(fx.audit_actions("expert.conflict_confirm"), 3);
    // confirming is the secretariat's; an unknown expert is named
    refused(desk.confirm_conflicts(&li, N, None, None), K::Forbidden, &["确认回避关系"]);
    refused(desk.confirm_conflicts(sec, N, Some("无此人"), None), K::NotFound, &["无此人"]);
}

/// Every `pub fn NAME(&self, actor: &Actor …` of src/desk, signatures over several lines too.
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
            let sig: String = part[name.len()..].chars().take(60).filter(|c| !c.is_whitespace()).collect();
            if sig.starts_with("(&self,actor:&Actor") {
                names.insert(name);
            }
        }
    }
    names
}

/// Methods that read (nothing to refuse) or write what belongs to no year (accounts, backups,
/// the calendar, a new year).
const NOT_A_YEAR_WRITE: &[&str] = &[
    // a published year's archive: only of a published year, writing only the audit log's entry
    // (tests/archive.rs makes one of the published demo year)
    "archivable",
    "record_archive",
    "yoy_check",
    "meeting",
    "assignment_matrix",
    "assignments",
    "attachment",
    "attachment_file",
    "audit_log",
    "audit_query",
    "backup",
    "backup_beside",
    "check_against_file",
    "create_user",
    "dossier",
    "dossier_detail",
    "dossier_scores",
    "dossiers",
    "experts",
    "explain_result",
    "export_dossier_file",
    "find_backup",
    "funding",
    "history",
    "import_holiday_notice",
    "list_backups",
    "open_campaign",
    "open_campaign_for",
    "open_next_year",
    // reading a year's pledge and an expert's acceptance
    "pledge",
    "pledge_status",
    "overview",
    "preview_holiday_notice",
    "preview_import",
    "publicity",
    "publicity_preview",
    "require_role",
    "results",
    "review_statistics",
    "scoring_sheet",
    "set_backups_kept",
    "set_password",
    "verify_audit",
    "years_of",
    // letters and the ranking's robustness are read from the year (feedback letters only of a
    // published one); recording their export writes only the audit log's entry, as the archive
    "feedback_letters",
    "return_notices",
    "invitations",
    "robustness",
    "record_letters_export",
    "record_sealed_export",
    // the seal belongs to the issuing body, not to a year (tests/letters.rs sets and clears it)
    "set_seal",
    "clear_seal",
    "seal_info",
];

/// Exchange files from outside, refused at the file before any year is reached (a file of a
/// published year meets the row guard, checked below on the connection itself), and the work of
/// an expert's or an applicant unit's own installation (this database is the secretariat's).
const REFUSED_AT_THE_FILE: &[&str] = &[
    "import_dossier_file",
    "import_score_return",
    "open_review_package",
    "export_score_return",
    "amend_own_dossier",
    // the import's preview: the same import, on a throw-away copy
    "preview_dossier_file",
    "preview_score_return",
];

type Call<'a> = Box<dyn Fn() -> pingshen_core::Result<()> + 'a>;

fn call<'a, T>(f: impl Fn() -> pingshen_core::Result<T> + 'a) -> Call<'a> {
    Box::new(move || f().map(|_| ()))
}

#[test]
fn every_write_to_a_published_year_is_refused_naming_the_year() {
    let fx = published();
    let (desk, sec) = (&fx.desk, &fx.sec);
    // the next year exists: a published year stays read-only beside it
    desk.open_next_year(sec, YEAR, NEXT, None).unwrap();
    let wang = desk.login("王建国", PW).unwrap();
    let hubei = desk.login("hubei", "applicant-pass").unwrap();
    let sheets = desk.assignments(sec, Y).unwrap();
    let mine = sheets.iter().find(|a| a.expert == "王建国").unwrap();
    let dossier = fx.dossier_id("湖北省科协", Award::Subsidy);
    let sheet = fx.sheet(mine);
    let c = desk.campaign(Y).unwrap();
    let d = fx.csv("d.csv", &DOSSIER_HEADERS, &[drow("山东省科协", "后补助", "2014-10-20")]);
    let e = fx.csv(
        "e.csv",
        &EXPERT_HEADERS,
        &[vec!["赵新".into(), "某大学".into(), "河北省".into(), "科普".into(), "13800000000".into(), String::new()]],
    );
    let s = fx.csv("s.csv", &SCORE_HEADERS, &fx.score_rows(mine));
    let ex = ExpertInput {
        name: "赵新".into(),
        employer: "某大学".into(),
        province: "河北".into(),
        field: "科普".into(),
        phone: "13800000000".into(),
        conflicts: vec![],
    };
    let objection = desk.publicity(sec, Y).unwrap().unwrap().objections[0].id;
    let writes: Vec<(&str, Call)> = vec![
        ("add_attachment", call(|| desk.add_attachment(sec, dossier, "其他", "x.pdf", b"%PDF-1.4"))),
        ("add_expert", call(|| desk.add_expert(sec, Y, ex.clone()))),
        (
            "add_objection",
            call(|| desk.add_objection(sec, Y, None, None, "李建国", "13912345678", day("2014-12-05"), "异议")),
        ),
        ("adjust_funding", call(|| desk.adjust_funding(sec, Y, "湖北省科协", Award::Subsidy, 120_000, "理由"))),
        ("attach", call(|| desk.attach(sec, dossier, "其他", "x.pdf", b"%PDF-1.4"))),
        ("close_publicity", call(|| desk.close_publicity(sec, Y, day("2014-12-20")))),
        ("close_review", call(|| desk.close_review(sec, Y, "理由"))),
        ("confirm_conflicts", call(|| desk.confirm_conflicts(sec, Y, None, None))),
        ("decide_late", call(|| desk.decide_late(sec, dossier, true, "理由"))),
        ("declare_conflict", call(|| desk.declare_conflict(&wang, Y, "王建国", "江苏省科协", "理由"))),
        ("draw", call(|| desk.draw(sec, Y, Some(3), 1))),
        ("export_review_package", call(|| desk.export_review_package(sec, Y, "王建国", "口令口令口令口令"))),
        ("import_dossiers", call(|| desk.import_dossiers(sec, Y, &d))),
        ("import_experts", call(|| desk.import_experts(sec, Y, &e))),
        ("import_scores", call(|| desk.import_scores(sec, Y, &s))),
        ("open_publicity", call(|| desk.open_publicity(sec, Y, day("2014-12-01"), None))),
        ("publish", call(|| desk.publish(sec, Y, day("2014-12-30"), None))),
        ("recommend", call(|| desk.recommend(sec, dossier, Recommendation::Recommend))),
        ("recommend_auto", call(|| desk.recommend_auto(sec, Y))),
        ("record_consensus", call(|| desk.record_consensus(sec, Y, "湖北省科协", Some(Award::Subsidy), "一致意见"))),
        ("reopen_scores", call(|| desk.reopen_scores(sec, mine.id, "理由"))),
        ("replace_expert", call(|| desk.replace_expert(sec, dossier, "王建国", "理由", Some(1), None))),
        ("resolve_objection", call(|| desk.resolve_objection(sec, objection, true, "理由"))),
        ("save_dossier", call(|| desk.save_dossier(&hubei, Y, dinput("湖北省科协", Award::Subsidy)))),
        ("save_scores", call(|| desk.save_scores(&wang, mine.id, &sheet[..1]))),
        ("select_pilot", call(|| desk.select_pilot(sec, Y, "四川省科协", "理由"))),
        ("set_expert_login", call(|| desk.set_expert_login(sec, Y, "张华", "password-123"))),
        ("set_rubric", call(|| desk.set_rubric(sec, Y, c.rubric_subsidy.clone()))),
        ("submit_dossier", call(|| desk.submit_dossier(&hubei, dossier, day("2014-10-20")))),
        ("submit_scores", call(|| desk.submit_scores(&wang, mine.id, &sheet))),
        ("unselect_pilot", call(|| desk.unselect_pilot(sec, Y, "湖北省科协", "理由"))),
        ("update_policy", call(|| desk.update_policy(sec, Y, Policy::default()))),
        ("set_pledge", call(|| desk.set_pledge(sec, Y, &pingshen_core::desk::default_pledge_text()))),
        ("accept_pledge", call(|| desk.accept_pledge(&wang, Y, "王建国"))),
        ("withdraw_dossier", call(|| desk.withdraw_dossier(sec, dossier, "理由"))),
        (
            "set_meeting_settings",
            call(|| {
                let s = pingshen_core::desk::MeetingSettings {
                    meeting: true,
                    quorum: pingshen_core::rules::MeetingShare::Half,
                    majority: pingshen_core::rules::MeetingShare::Half,
                };
                desk.set_meeting_settings(sec, Y, s)
            }),
        ),
        (
            "open_meeting",
            call(|| desk.open_meeting(sec, Y, day("2014-11-20"), "会议室", "王建国", &["王建国".to_string()])),
        ),
        (
            "vote",
            call(|| {
                let v = pingshen_core::desk::VoteCounts { votes_for: 1, votes_against: 0, votes_abstain: 0 };
                desk.vote(sec, Y, "湖北省科协", Some(Award::Subsidy), v, "", None)
            }),
        ),
        ("close_meeting", call(|| desk.close_meeting(sec, Y))),
        ("verify_yoy", call(|| desk.verify_yoy(sec, dossier, "yoy_decrease_workstations", "已核实"))),
    ];

    // the table covers every method taking an actor
    let covered: BTreeSet<String> = writes
        .iter()
        .map(|(n, _)| n.to_string())
        .chain(NOT_A_YEAR_WRITE.iter().chain(REFUSED_AT_THE_FILE).map(|n| n.to_string()))
        .collect();
    let missing: Vec<String> = methods_taking_an_actor().difference(&covered).cloned().collect();
    assert!(missing.is_empty(), "Desk methods neither tried on a published year nor said why not: {missing:?}");

    let before = everything(&fx);
    let mut wrong = Vec::new();
    for (what, f) in &writes {
        match f() {
            Err(e @ Error::ReadOnlyYear { year: YEAR }) => {
                let text = e.to_string();
                assert!(text.starts_with("2014年度评审工作已发布，只读") && text.contains("恢复"), "{what}: {text}");
            }
            other => wrong.push(format!("{what}: {other:?}")),
        }
    }
    assert!(wrong.is_empty(), "not refused as a published year's write:\n{}", wrong.join("\n"));
    assert_eq!(everything(&fx), before, "a refused write changed something");

    // the row guard under every use case: even SQL on the app's own connection cannot change 2014
    for sql in [
        "UPDATE scores SET centi = 0",
        "DELETE FROM funding_lines",
        "UPDATE conflicts SET confirmed = 0",
        "UPDATE campaigns SET doc_number = 'x' WHERE year = 2014",
        "INSERT INTO decisions (dossier_id, kind, reason, actor, at) SELECT id, 'x', 'x', 'x', 'x' FROM dossiers",
    ] {
        let e: Error = desk.conn().execute(sql, []).unwrap_err().into();
        assert!(matches!(e, Error::ReadOnlyYear { year: YEAR }), "{sql}: {e:?}");
    }
    assert_eq!(everything(&fx), before);

    // what belongs to no year still works beside it, and so does the next year
    desk.set_password(sec, "hubei", "another-pass").unwrap();
    desk.add_expert(sec, N, ex.clone()).unwrap();
    // reading the published year is untouched
    assert_eq!(desk.results(sec, Y).unwrap().rows.len(), 6);
    assert!(desk.audit_check().unwrap().findings.is_empty());
}
