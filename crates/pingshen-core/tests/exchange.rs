//! Exchange files at the `Desk` level: every bad file is refused with a clear Chinese reason and
//! nothing written; a newer score return supersedes an older one while the review lasts; nothing
//! leaks from a review package; and a mutation fuzz of a valid score return (byte flips,
//! truncations, part swaps) never panics and never writes.

#![allow(clippy::unwrap_used)]

mod support;
use pingshen_core::exchange::{container, crypto};
use proptest::prelude::*;
use support::*;

const PASS: &str = "correct horse battery";

/// The expert's own installation, with the package of `expert` opened in it.
fn expert_install(fx: &Fx, expert: &str) -> (Desk, Vec<u8>) {
    let (pkg, info) = fx.desk.export_review_package(&fx.sec, Y, expert, PASS).unwrap();
    assert_eq!(info.expert, expert);
    let e = Desk::open_in_memory().unwrap();
    e.open_review_package(&e.local_secretariat(), "包.pingshen", &pkg, PASS).unwrap();
    (e, pkg)
}

fn first_expert(fx: &Fx) -> String {
    fx.assignments()[0].expert.clone()
}

fn year_identity(fx: &Fx) -> String {
    fx.desk.conn().query_row("SELECT enc_identity FROM campaign_keys", [], |r| r.get(0)).unwrap()
}

fn return_secret(e: &Desk) -> [u8; 32] {
    let h: String = e.conn().query_row("SELECT return_secret FROM held_packages", [], |r| r.get(0)).unwrap();
    hex::decode(h).unwrap().try_into().unwrap()
}

/// Re-seals a return's container (after `edit`) with `key` and encrypts it to the year again:
/// what someone holding the year's public key, but not the package's key, could make.
fn forged(fx: &Fx, ret: &[u8], key: &[u8; 32], edit: impl FnOnce(&mut pingshen_core::exchange::Manifest)) -> Vec<u8> {
    let plain = crypto::decrypt_with_identity(ret, &year_identity(fx)).unwrap();
    let opened = container::open(&plain, None).unwrap();
    let mut m = opened.manifest.clone();
    edit(&mut m);
    let sealed = container::seal(m, &opened.parts, key).unwrap();
    crypto::encrypt_to_recipient(&sealed, &crypto::age_recipient_of(&year_identity(fx)).unwrap()).unwrap()
}

#[track_caller]
fn refused_return(fx: &Fx, bytes: &[u8], needles: &[&str]) {
    let before = fx.snapshot();
    refused(fx.desk.import_score_return(&fx.sec, "回执.pingshen", bytes), K::Invalid, needles);
    assert_eq!(fx.snapshot(), before, "a refused return writes nothing");
}

/// The expert's installation holds exactly that expert's work; the package opens only with its
/// passphrase, only whole, and only in an empty database (or that expert's own).
#[test]
fn a_package_opens_only_whole_with_its_passphrase_in_its_own_database() {
    let fx = review_fx(Policy::default());
    let x = first_expert(&fx);
    refused(fx.desk.export_review_package(&fx.sec, Y, &x, "short"), K::Invalid, &["口令", "至少8个字符"]);
    let (pkg, _) = fx.desk.export_review_package(&fx.sec, Y, &x, PASS).unwrap();
    let e = Desk::open_in_memory().unwrap();
    let sec = e.local_secretariat();
    refused(e.open_review_package(&sec, "包.pingshen", &pkg, "not the passphrase"), K::Invalid, &["口令不正确"]);
    refused(e.open_review_package(&sec, "包.pingshen", &pkg[..pkg.len() / 2], PASS), K::Invalid, &["已损坏"]);
    let mut flipped = pkg.clone();
    let at = flipped.len() - 40;
    flipped[at] ^= 0x20;
    refused(e.open_review_package(&sec, "包.pingshen", &flipped, PASS), K::Invalid, &["已损坏"]);
    assert_eq!(
        e.conn().query_row("SELECT count(*) FROM campaigns", [], |r| r.get::<_, i64>(0)).unwrap(),
        0,
        "nothing was written"
    );
    refused(fx.desk.open_review_package(&fx.sec, "包.pingshen", &pkg, PASS), K::Rule, &["新建的空数据库"]);
    let info = e.open_review_package(&sec, "包.pingshen", &pkg, PASS).unwrap();
    let mine: Vec<_> = fx.assignments().into_iter().filter(|a| a.expert == x).collect();
    assert_eq!(info.dossiers, mine.len());
    let theirs = e.assignments(&sec, Y).unwrap();
    assert_eq!(theirs.iter().map(|a| a.id).collect::<Vec<_>>(), mine.iter().map(|a| a.id).collect::<Vec<_>>());
    assert_eq!(e.experts(&sec, Y).unwrap().iter().map(|x| x.name.clone()).collect::<Vec<_>>(), vec![x.clone()]);
    refused(e.open_review_package(&sec, "包.pingshen", &pkg, PASS), K::Rule, &["已经打开过"]);
    // another expert's package cannot go into this installation
    let y = fx.assignments().into_iter().find(|a| a.expert != x).unwrap().expert;
    let (other, _) = fx.desk.export_review_package(&fx.sec, Y, &y, PASS).unwrap();
    refused(
        e.open_review_package(&sec, "别人的包.pingshen", &other, PASS),
        K::Rule,
        &["不能打开其他专家或其他年度的评审材料包"],
    );
}

/// Nothing leaks: the decrypted package names no other expert and holds no score; neither file
/// shows a unit or expert name without its key.
#[test]
fn nothing_leaks_from_a_package_or_a_return() {
    let fx = review_fx(Policy::default());
    let x = first_expert(&fx);
    // others have scored already: their scores must not travel
    fx.import_scores_where("其他.csv", |a| a.expert != x).unwrap();
    let (e, pkg) = expert_install(&fx, &x);
    let plain = crypto::decrypt_with_passphrase(&pkg, PASS).unwrap();
    let opened = container::open(&plain, None).unwrap();
    let mut everything: Vec<u8> = serde_json::to_vec(&opened.manifest).unwrap();
    for bytes in opened.parts.values() {
        everything.extend_from_slice(bytes);
    }
    let text = String::from_utf8_lossy(&everything);
    for (name, _, _) in EXPERTS.iter().filter(|e| e.0 != x) {
        assert!(!text.contains(name), "{name} appears in {x}'s package");
    }
    assert!(text.contains(&x));
    for word in ["\"scores\"", "centi", "\"total\"", "\"comment\""] {
        assert!(!text.contains(word), "«{word}» appears in the package");
    }
    // what package.json holds, key by key: the dossiers, the rubrics, the policy, the expert, keys
    let body: serde_json::Value = serde_json::from_slice(&opened.parts["package.json"]).unwrap();
    let keys: Vec<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "dossiers",
            "expert",
            "package_id",
            "pledge",
            "policy",
            "return_secret",
            "rubric_pilot",
            "rubric_subsidy",
            "year",
            "year_recipient",
            "year_sign_public"
        ]
    );
    let dkeys: Vec<&str> = body["dossiers"][0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(dkeys, ["assignment_id", "attachments", "dossier_id", "input", "late"]);
    fx.score_in(&e, "mine.csv", |_| true);
    let (ret, _) = e.export_score_return(&e.local_secretariat(), Y).unwrap();
    for file in [&pkg, &ret] {
        let raw = String::from_utf8_lossy(file);
        for (u, _, _) in MINI {
            assert!(!raw.contains(&full_name(u)) && !raw.contains(u), "{u} readable without the key");
        }
        for (n, _, _) in EXPERTS {
            assert!(!raw.contains(n), "{n} readable without the key");
        }
    }
}

/// Every bad score return is refused with its reason and nothing written: a wrong signature, a
/// tampered or truncated file, another database's, another year's, a pair withdrawn after the
/// package was made; the same return twice changes nothing the second time and says so; a newer
/// return supersedes an older one while the review lasts, never the reverse.
#[test]
fn score_returns_refused_idempotent_and_superseded() {
    let fx = review_fx(Policy::default());
    let x = first_expert(&fx);
    let (e, _) = expert_install(&fx, &x);
    let mine: Vec<AssignmentView> = e.assignments(&e.local_secretariat(), Y).unwrap();
    assert!(mine.len() >= 2);
    // a first return with one sheet
    fx.score_in(&e, "first.csv", |a| a.id == mine[0].id);
    let (first, n) = e.export_score_return(&e.local_secretariat(), Y).unwrap();
    assert_eq!(n, 1);

    refused_return(&fx, &forged(&fx, &first, &crypto::new_signing_key().unwrap(), |_| {}), &["签名不符"]);
    refused_return(&fx, &forged(&fx, &first, &return_secret(&e), |m| m.year = 2015), &["属于2015年度"]);
    refused_return(
        &fx,
        &forged(&fx, &first, &return_secret(&e), |m| m.database_id = "0".repeat(32)),
        &["属于其他数据库"],
    );
    refused_return(&fx, &first[..first.len() - 20], &["已损坏"]);
    let mut tampered = first.clone();
    let at = tampered.len() / 2;
    tampered[at] ^= 1;
    refused_return(&fx, &tampered, &["已损坏"]);
    let other = Fx::new(Policy::default());
    let before = other.snapshot();
    refused(
        other.desk.import_score_return(&other.sec, "回执.pingshen", &first),
        K::Invalid,
        &["不是发给本数据库的评分回执"],
    );
    assert_eq!(other.snapshot(), before);

    let r = fx.desk.import_score_return(&fx.sec, "回执.pingshen", &first).unwrap();
    assert!(r.changed && !r.superseded);
    let before = fx.snapshot();
    let again = fx.desk.import_score_return(&fx.sec, "回执.pingshen", &first).unwrap();
    assert!(!again.changed && again.message.contains("未作任何更改"), "{}", again.message);
    assert_eq!(fx.snapshot(), before, "the same return twice changes nothing");

    // a newer return with every sheet supersedes it; the older one cannot come back
    fx.score_in(&e, "rest.csv", |_| true);
    std::thread::sleep(std::time::Duration::from_millis(5));
    let (newer, n2) = e.export_score_return(&e.local_secretariat(), Y).unwrap();
    assert_eq!(n2, mine.len());
    let r = fx.desk.import_score_return(&fx.sec, "回执2.pingshen", &newer).unwrap();
    assert!(r.changed && r.superseded);
    refused_return(&fx, &first, &["比已导入的回执更早"]);
    assert!(fx.assignments().iter().filter(|a| a.expert == x).all(|a| a.state == SheetState::Submitted));
    fx.desk.audit_verify().unwrap();
}

/// A pair withdrawn after the package was made (the expert replaced on that dossier) is refused
/// in a return, and nothing of the return is written.
#[test]
fn a_return_for_a_withdrawn_pair_is_refused() {
    let fx = review_fx(Policy::default());
    let x = first_expert(&fx);
    let (e, _) = expert_install(&fx, &x);
    fx.score_in(&e, "all.csv", |_| true);
    let (ret, _) = e.export_score_return(&e.local_secretariat(), Y).unwrap();
    let a = fx.assignments().into_iter().find(|a| a.expert == x).unwrap();
    fx.desk.replace_expert(&fx.sec, a.dossier_id, &x, "专家出国", None, None).unwrap();
    refused_return(&fx, &ret, &["已撤回"]);
}

fn fuzz_fixture() -> (Fx, Vec<u8>, Vec<u8>) {
    let fx = review_fx(Policy::default());
    let x = first_expert(&fx);
    let (e, _) = expert_install(&fx, &x);
    fx.score_in(&e, "all.csv", |_| true);
    let (ret, _) = e.export_score_return(&e.local_secretariat(), Y).unwrap();
    let plain = crypto::decrypt_with_identity(&ret, &year_identity(&fx)).unwrap();
    (fx, ret, plain)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64), ..ProptestConfig::default() })]

    /// Random byte flips and truncations of a valid return: never a panic, never a write.
    #[test]
    fn mutated_returns_are_refused_without_writing(flips in proptest::collection::vec((any::<usize>(), 1u8..=255), 0..6), cut in proptest::option::of(any::<usize>())) {
        thread_local! { static FX: (Fx, Vec<u8>, Vec<u8>) = fuzz_fixture(); }
        FX.with(|(fx, ret, _)| {
            let mut m = ret.clone();
            for (at, x) in &flips { let i = at % m.len(); m[i] ^= x; }
            if let Some(c) = cut { m.truncate(c % m.len()); }
            prop_assume!(m != *ret);
            let before = fx.snapshot();
            let r = fx.desk.import_score_return(&fx.sec, "fuzz.pingshen", &m);
            prop_assert!(r.is_err(), "a mutated return was accepted");
            prop_assert_eq!(fx.snapshot(), before);
            Ok(())
        })?;
    }

    /// Part swaps and renames inside the container, re-encrypted to the year: refused, no write.
    /// `junk` is never empty: scores followed by nothing would be the genuine, acceptable part.
    #[test]
    fn swapped_parts_are_refused_without_writing(swap in 0usize..3, junk in proptest::collection::vec(any::<u8>(), 1..64)) {
        thread_local! { static FX: (Fx, Vec<u8>, Vec<u8>) = fuzz_fixture(); }
        FX.with(|(fx, _, plain)| {
            let opened = container::open(plain, None).unwrap();
            let mut parts = opened.parts.clone();
            let scores = parts.remove("scores.json").unwrap();
            match swap {
                0 => { parts.insert("scores.json".into(), junk.clone()); }
                1 => { parts.insert("attachments/extra".into(), scores); parts.insert("scores.json".into(), junk.clone()); }
                _ => { parts.insert("scores.json".into(), [scores, junk.clone()].concat()); }
            }
            // keep the original signed manifest: the parts no longer match it
            let resealed = {
                let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
                let o = zip::write::SimpleFileOptions::default();
                use std::io::Write;
                zip.start_file("manifest.json", o).unwrap();
                zip.write_all(&serde_json::to_vec_pretty(&opened.manifest).unwrap()).unwrap();
                let mut a = zip::ZipArchive::new(std::io::Cursor::new(plain.as_slice())).unwrap();
                let mut sig = Vec::new();
                std::io::Read::read_to_end(&mut a.by_name("manifest.sig").unwrap(), &mut sig).unwrap();
                zip.start_file("manifest.sig", o).unwrap();
                zip.write_all(&sig).unwrap();
                for (n, b) in &parts { zip.start_file(n.as_str(), o).unwrap(); zip.write_all(b).unwrap(); }
                zip.finish().unwrap().into_inner()
            };
            let bytes = crypto::encrypt_to_recipient(&resealed, &crypto::age_recipient_of(&year_identity(fx)).unwrap()).unwrap();
            let before = fx.snapshot();
            let r = fx.desk.import_score_return(&fx.sec, "swap.pingshen", &bytes);
            prop_assert!(r.is_err(), "a return with swapped parts was accepted");
            prop_assert_eq!(fx.snapshot(), before);
            Ok(())
        })?;
    }
}

/// In their own installation the expert signs in with their name and the package's passphrase,
/// scores as in the window (submit) and exports the return themselves; a wrong password is refused.
#[test]
fn the_expert_signs_in_with_the_passphrase_and_returns_their_scores() {
    let fx = review_fx(Policy::default());
    let x = first_expert(&fx);
    let (e, _) = expert_install(&fx, &x);
    assert!(e.login(&x, "wrong password").is_err());
    let me = e.login(&x, PASS).unwrap();
    assert_eq!(me.role(), Role::Expert);
    let mine = e.assignments(&me, Y).unwrap();
    e.accept_pledge(&me, Y, &x).unwrap();
    for a in &mine {
        e.submit_scores(&me, a.id, &fx.sheet(a)).unwrap();
    }
    let (ret, n) = e.export_score_return(&me, Y).unwrap();
    assert_eq!(n, mine.len());
    let r = fx.desk.import_score_return(&fx.sec, "回执.pingshen", &ret).unwrap();
    assert_eq!((r.changed, r.sheets), (true, mine.len()));
}

/// An applicant unit's own installation (`init --applicant`, or 申报单位填报 in the window):
/// marked in the same transaction as its year; entering without a password is as that unit's
/// applicant, who fills in, submits and makes the dossier file of its own dossier only; the
/// secretariat takes the file. Once an account exists, nobody enters without a password.
#[test]
fn an_applicant_installation_enters_as_its_unit_and_hands_over_its_own_dossier() {
    let home = tempfile::tempdir().unwrap();
    let a = Desk::open(&home.path().join("申报.db")).unwrap();
    let setup = a.local_secretariat();
    refused(a.open_campaign_for(&setup, YEAR, Policy::default(), Some("火星科协")), K::Invalid, &["申报单位"]);
    assert!(a.years().unwrap().is_empty(), "a refused start leaves no year behind");
    a.open_campaign_for(&setup, YEAR, Policy::default(), Some("北京市科协")).unwrap();
    assert_eq!(a.applicant_unit().unwrap().as_deref(), Some("北京市科学技术协会"));
    let me = a.local_login().unwrap();
    assert_eq!((me.role(), me.unit_code()), (Role::Applicant, Some("110000")));
    let id = a.save_dossier(&me, Some(YEAR), dinput("北京市科协", Award::Subsidy)).unwrap();
    refused(
        a.save_dossier(&me, Some(YEAR), dinput("天津市科协", Award::Subsidy)),
        K::Forbidden,
        &["只能填写本单位的申报材料"],
    );
    a.submit_dossier(&me, id, day("2014-10-20")).unwrap();
    let file = a.export_dossier_file(&me, Some(YEAR), "北京市科协", None).unwrap();
    refused(
        a.export_dossier_file(&me, Some(YEAR), "天津市科协", None),
        K::Forbidden,
        &["导出申报材料文件只能由秘书处或本单位操作"],
    );

    let fx = Fx::new(Policy::default());
    let got = fx.desk.import_dossier_file(&fx.sec, Some(YEAR), "申报材料.pingshen", &file, day("2014-10-22")).unwrap();
    assert!(got.changed && !got.late, "{got:?}");
    assert!(fx.desk.dossiers(&fx.sec, Some(YEAR)).unwrap().iter().any(|d| d.unit.full_name == "北京市科学技术协会"));

    // the unit amends what it submitted, submits again, and its newer file replaces the older
    assert_eq!(a.amend_own_dossier(&me, id).unwrap(), DossierState::Draft);
    let mut amended = dinput("北京市科协", Award::Subsidy);
    amended.contact_name = "李华".into();
    assert_eq!(a.save_dossier(&me, Some(YEAR), amended).unwrap(), id);
    a.submit_dossier(&me, id, day("2014-10-21")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let newer = a.export_dossier_file(&me, Some(YEAR), "北京市科协", None).unwrap();
    let got = fx
        .desk
        .import_dossier_file(&fx.sec, Some(YEAR), "申报材料（修改）.pingshen", &newer, day("2014-10-23"))
        .unwrap();
    assert!(got.replaced, "{got:?}");
    assert_eq!(fx.desk.dossier(&fx.sec, got.dossier_id).unwrap().input.contact_name, "李华");
    // at the secretariat's own database the secretariat returns a dossier instead
    refused(
        fx.desk.amend_own_dossier(&fx.sec, got.dossier_id),
        K::Illegal,
        &["只有申报单位自己的申报数据库可以撤回修改"],
    );

    // the secretariat's own database enters as the local secretariat; accounts end both
    assert_eq!(fx.desk.local_login().unwrap().role(), Role::Secretariat);
    a.create_user(&setup, "bj", "北京申报员", Role::Applicant, "applicant-pass", Some("北京市科协")).unwrap();
    refused(a.local_login(), K::Forbidden, &["请用登录名和密码登录"]);
}
