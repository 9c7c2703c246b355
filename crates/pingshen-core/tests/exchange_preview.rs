//! The preview of a score return and of a dossier file (issue 17): what it shows is what the
//! import then does; it writes nothing — no row, no audit entry, no backup file — on the
//! secretariat's database file; a file the import refuses gets the import's own message.

#![allow(clippy::unwrap_used)]

mod support;
use pingshen_core::desk::{ReturnPreview, SheetBefore};
use pingshen_core::exchange::{container, crypto};
use std::path::Path;
use support::*;

const PASS: &str = "correct horse battery";

/// Every table's row count, the log's head, and every file in the database's folder.
type Written = (Vec<(String, i64)>, Option<String>, BTreeSet<String>);

fn written(desk: &Desk, dir: &Path) -> Written {
    let conn = desk.conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let counts = tables
        .into_iter()
        .map(|t| {
            let n = conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).unwrap();
            (t, n)
        })
        .collect();
    let head = desk.audit_head().unwrap().map(|h| h.to_string());
    let files = walk(dir);
    (counts, head, files)
}

fn walk(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.insert(p.display().to_string());
        }
    }
    out
}

fn backups_in(dir: &Path) -> usize {
    walk(dir).iter().filter(|f| f.contains("自动备份")).count()
}

/// The fixture's year in the review, copied to a database file (so that an automatic backup
/// would land beside it), with `expert`'s package opened in their own installation.
fn on_file(fx: &Fx, expert: &str) -> (Desk, Actor, TempDir, Desk) {
    let (pkg, _) = fx.desk.export_review_package(&fx.sec, Y, expert, PASS).unwrap();
    let e = Desk::open_in_memory().unwrap();
    e.open_review_package(&e.local_secretariat(), "包.pingshen", &pkg, PASS).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("秘书处.db");
    fx.desk.backup(&fx.sec, &db).unwrap();
    let desk = Desk::open(&db).unwrap();
    let sec = desk.local_secretariat();
    (desk, sec, dir, e)
}

/// Scores, submits and returns, in the expert's installation, the sheets `keep` accepts.
fn returned(fx: &Fx, e: &Desk, keep: impl Fn(&AssignmentView) -> bool) -> Vec<u8> {
    fx.score_in(e, "回执评分.csv", keep);
    std::thread::sleep(std::time::Duration::from_millis(5));
    e.export_score_return(&e.local_secretariat(), Y).unwrap().0
}

/// What the preview shows is what the import then says and stores.
#[track_caller]
fn import_agrees(desk: &Desk, sec: &Actor, p: &ReturnPreview, bytes: &[u8]) {
    let r = desk.import_score_return(sec, "回执.pingshen", bytes).unwrap();
    assert_eq!(
        (&r.package_id, &r.expert, r.sheets, r.changed, r.superseded, &r.message),
        (&p.package_id, &p.expert, p.sheets.len(), p.changed, p.superseded, &p.message)
    );
    let views = desk.assignments(sec, Y).unwrap();
    for s in &p.sheets {
        let a = views.iter().find(|a| a.id == s.assignment_id).unwrap();
        assert_eq!((&a.unit, a.award, a.state), (&s.unit, s.award, SheetState::Submitted));
        let stored: i64 = desk
            .conn()
            .query_row("SELECT sum(centi) FROM scores WHERE assignment_id = ?1", [s.assignment_id], |r| r.get(0))
            .unwrap();
        assert_eq!(Centi(stored), s.total, "{}", s.unit);
    }
}

/// A first return (one sheet, new, the pledge recorded), the same return again (nothing
/// changes), a newer return with every sheet (the first replaced, the rest new): each preview
/// writes nothing on the database file, and the import then does what it showed.
#[test]
fn a_score_return_preview_shows_what_the_import_does_and_writes_nothing() {
    let fx = review_fx(Policy::default());
    let x = fx.assignments()[0].expert.clone();
    let (desk, sec, dir, e) = on_file(&fx, &x);
    let mine = e.assignments(&e.local_secretariat(), Y).unwrap();
    assert!(mine.len() >= 2);
    let first = returned(&fx, &e, |a| a.id == mine[0].id);

    let before = written(&desk, dir.path());
    let p = desk.preview_score_return(&sec, "回执.pingshen", &first).unwrap();
    assert_eq!(written(&desk, dir.path()), before, "a preview writes no row, no log entry, no file");
    assert_eq!((p.expert.as_str(), p.year, p.changed, p.superseded), (x.as_str(), YEAR, true, false));
    assert_eq!(p.sheets.len(), 1);
    assert_eq!((p.sheets[0].assignment_id, p.sheets[0].before), (mine[0].id, SheetBefore::Pending));
    assert_eq!(p.sheets[0].unit, mine[0].unit);
    let expected: i64 = fx.sheet(&mine[0]).iter().map(|s| s.points.0).sum();
    assert_eq!(p.sheets[0].total, Centi(expected));
    let pledge = p.pledge.clone().expect("the return carries the expert's acceptance");
    assert_eq!(pledge.name, x);
    assert!(p.pledge_recorded, "the secretariat had no acceptance of {x} yet");
    assert!(p.message.contains("已导入"), "{}", p.message);

    let autos = backups_in(dir.path());
    import_agrees(&desk, &sec, &p, &first);
    assert!(
        backups_in(dir.path()) > autos,
        "the real import backs up first: the preview's none is not for lack of a path"
    );

    let before = written(&desk, dir.path());
    let again = desk.preview_score_return(&sec, "回执.pingshen", &first).unwrap();
    assert_eq!(written(&desk, dir.path()), before);
    assert!(!again.changed && again.message.contains("未作任何更改"), "{}", again.message);
    assert!(!again.pledge_recorded);
    assert!(again.sheets.iter().all(|s| s.before == SheetBefore::SameReturn));
    import_agrees(&desk, &sec, &again, &first);

    let newer = returned(&fx, &e, |_| true);
    let before = written(&desk, dir.path());
    let p = desk.preview_score_return(&sec, "回执2.pingshen", &newer).unwrap();
    assert_eq!(written(&desk, dir.path()), before);
    assert!(p.changed && p.superseded);
    assert_eq!(p.sheets.len(), mine.len());
    for s in &p.sheets {
        let want = if s.assignment_id == mine[0].id { SheetBefore::EarlierReturn } else { SheetBefore::Pending };
        assert_eq!(s.before, want, "{}", s.unit);
    }
    import_agrees(&desk, &sec, &p, &newer);
    desk.audit_verify().unwrap();
}

/// A return the import refuses — signed with another key, or for a pair withdrawn since (a
/// refusal made inside the import's transaction) — gets the import's own message from the
/// preview, and nothing is written.
#[test]
fn a_refused_return_gets_the_imports_message_from_the_preview() {
    let fx = review_fx(Policy::default());
    let x = fx.assignments()[0].expert.clone();
    let (desk, sec, dir, e) = on_file(&fx, &x);
    let ret = returned(&fx, &e, |_| true);

    // re-sealed with a key that is not the package's
    let identity: String = desk.conn().query_row("SELECT enc_identity FROM campaign_keys", [], |r| r.get(0)).unwrap();
    let plain = crypto::decrypt_with_identity(&ret, &identity).unwrap();
    let opened = container::open(&plain, None).unwrap();
    let sealed = container::seal(opened.manifest.clone(), &opened.parts, &crypto::new_signing_key().unwrap()).unwrap();
    let forged = crypto::encrypt_to_recipient(&sealed, &crypto::age_recipient_of(&identity).unwrap()).unwrap();

    let a = desk.assignments(&sec, Y).unwrap().into_iter().find(|a| a.expert == x).unwrap();
    for (bytes, needle, withdraw) in
        [(forged, "签名不符", false), (ret[..ret.len() - 20].to_vec(), "已损坏", false), (ret.clone(), "已撤回", true)]
    {
        if withdraw {
            desk.replace_expert(&sec, a.dossier_id, &x, "专家出国", None, None).unwrap();
        }
        let before = written(&desk, dir.path());
        let shown = expect_err(desk.preview_score_return(&sec, "回执.pingshen", &bytes)).to_string();
        assert_eq!(written(&desk, dir.path()), before, "a refused preview writes nothing");
        assert!(shown.contains(needle), "{shown}");
        let refused = expect_err(desk.import_score_return(&sec, "回执.pingshen", &bytes)).to_string();
        assert_eq!(shown, refused, "the preview refuses with the import's message");
    }
    // only the secretariat previews a return, and the refusal is logged like the import's
    let expert = {
        desk.set_expert_login(&sec, Y, &x, "expert-password").unwrap();
        desk.login(&x, "expert-password").unwrap()
    };
    refused(desk.preview_score_return(&expert, "回执.pingshen", &ret), K::Forbidden, &["导入评分回执"]);
}

/// A dossier file: the preview shows unit, award, both dates, 逾期, whether it replaces, the
/// attachments with their sizes and the figures — what the import then stores; it writes
/// nothing; the same file again changes nothing; a file the import refuses gets its message.
#[test]
fn a_dossier_file_preview_shows_what_the_import_does_and_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let a = Desk::open(&home.path().join("申报.db")).unwrap();
    a.open_campaign_for(&a.local_secretariat(), YEAR, Policy::default(), Some("北京市科协")).unwrap();
    let me = a.local_login().unwrap();
    let id = a.save_dossier(&me, Some(YEAR), dinput("北京市科协", Award::Subsidy)).unwrap();
    a.attach(&me, id, "其他", "工作总结.pdf", b"%PDF-1.4 a summary").unwrap();
    a.submit_dossier(&me, id, day("2014-10-20")).unwrap();
    let file = a.export_dossier_file(&me, Some(YEAR), "北京市科协", None).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("秘书处.db")).unwrap();
    let sec = desk.local_secretariat();
    desk.open_campaign(&sec, YEAR, Policy::default()).unwrap();

    let before = written(&desk, dir.path());
    let late = desk.preview_dossier_file(&sec, Some(YEAR), "申报材料.pingshen", &file, day("2014-11-05")).unwrap();
    assert!(late.late && late.state == DossierState::Late, "{late:?}");
    let p = desk.preview_dossier_file(&sec, Some(YEAR), "申报材料.pingshen", &file, day("2014-10-22")).unwrap();
    assert_eq!(written(&desk, dir.path()), before, "a preview writes no row, no log entry, no file");
    assert_eq!((p.unit.as_str(), p.award, p.received_on), ("北京市科学技术协会", Award::Subsidy, day("2014-10-22")));
    assert!(p.applicant_on.is_some(), "the applicant's own date travels in the file");
    assert!(!p.late && !p.replaces && p.changed && p.state == DossierState::Submitted, "{p:?}");
    assert_eq!(p.attachments.len(), 1);
    assert_eq!((p.attachments[0].file_name.as_str(), p.attachments[0].size), ("工作总结.pdf", 18));
    let input = dinput("北京市科协", Award::Subsidy);
    assert_eq!((&p.indicators, &p.contact_name), (&input.indicators, &input.contact_name));

    let r = desk.import_dossier_file(&sec, Some(YEAR), "申报材料.pingshen", &file, day("2014-10-22")).unwrap();
    assert_eq!(
        (&r.unit, r.award, r.received_on, r.applicant_on, r.late, r.replaced, r.changed),
        (&p.unit, p.award, p.received_on, p.applicant_on, p.late, p.replaces, p.changed)
    );
    let d = desk.dossier(&sec, r.dossier_id).unwrap();
    assert_eq!(
        d.attachments.iter().map(|a| (a.file_name.clone(), a.size)).collect::<Vec<_>>(),
        p.attachments.iter().map(|a| (a.file_name.clone(), a.size)).collect::<Vec<_>>()
    );
    assert_eq!((d.state, d.input.indicators.clone()), (p.state, p.indicators.clone()));

    let before = written(&desk, dir.path());
    let again = desk.preview_dossier_file(&sec, Some(YEAR), "申报材料.pingshen", &file, day("2014-10-23")).unwrap();
    assert_eq!(written(&desk, dir.path()), before);
    assert!(!again.changed, "{again:?}");

    // a newer file of the same dossier replaces it
    a.amend_own_dossier(&me, id).unwrap();
    let mut amended = dinput("北京市科协", Award::Subsidy);
    amended.contact_name = "李华".into();
    a.save_dossier(&me, Some(YEAR), amended).unwrap();
    a.submit_dossier(&me, id, day("2014-10-21")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let newer = a.export_dossier_file(&me, Some(YEAR), "北京市科协", None).unwrap();
    let p = desk.preview_dossier_file(&sec, Some(YEAR), "修改.pingshen", &newer, day("2014-10-23")).unwrap();
    assert!(p.replaces && p.changed && p.contact_name == "李华", "{p:?}");
    let r = desk.import_dossier_file(&sec, Some(YEAR), "修改.pingshen", &newer, day("2014-10-23")).unwrap();
    assert!(r.replaced);

    // refused: the older file after the newer, and what is no dossier file at all
    for (bytes, needle) in [(file.clone(), "比已导入的文件更早"), (b"not a file".to_vec(), "不是评审台交换文件")]
    {
        let before = written(&desk, dir.path());
        let shown = expect_err(desk.preview_dossier_file(&sec, Some(YEAR), "旧.pingshen", &bytes, day("2014-10-24")))
            .to_string();
        assert_eq!(written(&desk, dir.path()), before);
        assert!(shown.contains(needle), "{shown}");
        let refused = expect_err(desk.import_dossier_file(&sec, Some(YEAR), "旧.pingshen", &bytes, day("2014-10-24")))
            .to_string();
        assert_eq!(shown, refused);
    }
}
