//! Issue 16 item 6, a finished year's archive (年度归档), through `Desk` and the exporters: every
//! final document of the published demo year in one zip, each file's size and SHA-256 checked
//! against `manifest.json`, the contents list 卷内目录 read back, the log entry, an unpublished
//! year refused with nothing written, and `audit verify --against` the archive reached — and,
//! after the log was cut short or a file in the zip changed, not.
#![allow(clippy::unwrap_used)]

use pingshen_core::desk::{read_archive, ArchiveManifest, MANIFEST_NAME};
use pingshen_core::exchange::crypto::sha256_hex;
use pingshen_core::export::archive::{make_archive, CONTENTS_NAME};
use pingshen_core::export::pdf::PdfExporter;
use pingshen_core::model::Award;
use pingshen_core::rules::Policy;
use pingshen_core::workflow::SheetState;
use pingshen_core::{AuditAction, Desk};
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

mod support;

fn demo_year(dir: &Path) -> (Desk, PathBuf) {
    let db = dir.join("year.db");
    let desk = Desk::open(&db).unwrap();
    pingshen_core::demo::run_demo(&desk, &dir.join("inputs")).unwrap();
    (desk, db)
}

/// Every file of a zip with its bytes.
fn unzip(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        out.insert(f.name().unwrap().to_string(), b);
    }
    out
}

fn zip_up(path: &Path, files: &BTreeMap<String, Vec<u8>>) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in files {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

fn pdftotext(bytes: &[u8], dir: &Path) -> Option<String> {
    let f = dir.join("contents-check.pdf");
    std::fs::write(&f, bytes).unwrap();
    let out = Command::new("pdftotext").args(["-layout", f.to_str().unwrap(), "-"]).output().ok()?;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).unwrap())
}

fn audit_count(desk: &Desk, action: AuditAction) -> i64 {
    desk.conn().query_row("SELECT count(*) FROM audit WHERE action = ?1", [action.code()], |r| r.get(0)).unwrap()
}

#[test]
fn the_archive_of_a_published_year_holds_every_final_document_with_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, _db) = demo_year(dir.path());
    let sec = desk.local_secretariat();
    let head = desk.audit_head().unwrap().unwrap();
    let out = dir.path().join("2014年度评审档案.zip");
    let pdf = PdfExporter::load_default().unwrap();
    let mut calls = Vec::new();
    let made = make_archive(&desk, &sec, Some(2014), &out, Some(&pdf), &mut |d, t| calls.push((d, t))).unwrap();
    assert_eq!(calls.last().map(|&(d, t)| d == t), Some(true), "progress ends at its total: {calls:?}");

    // the manifest: the head the documents were made at, every other file with size and hash
    let files = unzip(&out);
    let manifest: ArchiveManifest = serde_json::from_slice(&files[MANIFEST_NAME]).unwrap();
    assert_eq!((manifest.format.as_str(), manifest.year), ("pingshen-archive", 2014));
    assert_eq!(manifest.audit_head, head, "the archive was made at the log's head");
    assert_eq!(made.audit_head, head);
    assert_eq!(manifest.files.len() + 1, files.len(), "the manifest lists every file but itself");
    assert_eq!(made.files, files.len());
    assert_eq!(made.bytes, std::fs::metadata(&out).unwrap().len());
    for f in &manifest.files {
        let bytes = files.get(&f.name).unwrap_or_else(|| panic!("{} listed but not in the zip", f.name));
        assert_eq!(f.size, bytes.len() as u64, "{}", f.name);
        assert_eq!(f.sha256, sha256_hex(bytes), "{}", f.name);
    }

    // every expected document
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    for expected in [
        CONTENTS_NAME,
        "01 2014年度通报.pdf",
        "02 2014年度公示名单.pdf",
        "03 2014年度评审结果.pdf",
        "04 2014年度评审结果.xlsx",
        "05 2014年度经费表.pdf",
        "06 2014年度经费表.xlsx",
    ] {
        assert!(names.contains(&expected), "{expected} missing from {names:?}");
    }
    // the demo year had no panel meeting: no minutes, no ballots, and the notice reads as before
    assert!(!names.iter().any(|n| n.contains("会议纪要") || n.contains("表决票")), "{names:?}");
    if let Some(notice) = pdftotext(&files["01 2014年度通报.pdf"], dir.path()) {
        let notice: String = notice.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(notice.contains("形式审查和专家评审，") && !notice.contains("专家组会议"), "{notice}");
    }
    for (name, bytes) in &files {
        if name.ends_with(".pdf") && !name.contains("/附件/") {
            assert!(bytes.starts_with(b"%PDF-"), "{name}");
        }
        if name.ends_with(".xlsx") && !name.contains("/附件/") {
            assert!(bytes.starts_with(b"PK"), "{name}");
        }
    }
    let submitted: std::collections::BTreeSet<String> = desk
        .assignments(&sec, Some(2014))
        .unwrap()
        .into_iter()
        .filter(|a| a.state == SheetState::Submitted)
        .map(|a| a.expert)
        .collect();
    assert_eq!(submitted.len(), 15);
    for e in &submitted {
        assert_eq!(
            names.iter().filter(|n| n.starts_with("专家评分表/") && n.ends_with(&format!("{e}评分表.pdf"))).count(),
            1,
            "{e}'s score sheet"
        );
    }
    let received: Vec<_> =
        desk.dossiers(&sec, Some(2014)).unwrap().into_iter().filter(|d| d.input.submitted_on.is_some()).collect();
    assert_eq!(received.len(), 35);
    let dossier_pdfs: Vec<&&str> = names.iter().filter(|n| n.ends_with("/申报材料.pdf")).collect();
    assert_eq!(dossier_pdfs.len(), received.len());
    for d in &received {
        let folder = format!("{}（{}）/申报材料.pdf", d.unit.full_name, d.award().label());
        assert!(dossier_pdfs.iter().any(|n| n.ends_with(&folder)), "{folder}");
    }
    // the attachments as they were stored
    let hubei = desk.find_dossier(Some(2014), "湖北省科协", Some(Award::Subsidy)).unwrap();
    let d = desk.dossier(&sec, hubei).unwrap();
    assert_eq!(d.attachments.len(), 2);
    for a in &d.attachments {
        let (name, bytes) = files.iter().find(|(n, _)| n.ends_with(&format!("/附件/{}", a.file_name))).unwrap();
        assert!(name.contains("湖北省科学技术协会（后补助）"), "{name}");
        assert_eq!(*bytes, desk.attachment(&sec, hubei, &a.sha256).unwrap());
    }

    // the contents list, read back: its columns, the periods, a row of each kind
    if let Some(p) = std::env::var_os("PINGSHEN_CONTENTS_PDF") {
        std::fs::write(p, &files[CONTENTS_NAME]).unwrap();
    }
    if let Some(text) = pdftotext(&files[CONTENTS_NAME], dir.path()) {
        let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        for needle in [
            "卷内目录",
            "2014年度企业科协组织建设",
            "序号",
            "文件题名",
            "责任者",
            "日期",
            "页数",
            "保管期限",
            "永久",
            "定期30年",
            "中国科协计划财务部",
            "20141210",
            "王建华",
            "湖北省科学技术协会",
            &format!("第{}条", head.seq),
            // every file but the contents list itself and the manifest
            &format!("共{}件", manifest.files.len() - 1),
        ] {
            assert!(squashed.contains(needle), "卷内目录 lacks 「{needle}」:\n{text}");
        }
    }

    // logged once, after the head the archive carries
    assert_eq!(audit_count(&desk, AuditAction::ArchiveMake), 1);
    let (seq, detail): (i64, String) = desk
        .conn()
        .query_row("SELECT seq, detail FROM audit WHERE action = 'archive.make'", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert!(seq > head.seq);
    assert!(detail.contains(&sha256_hex(&files[MANIFEST_NAME])), "{detail}");
    // nothing left beside it
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn an_unpublished_year_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("new.db")).unwrap();
    let sec = desk.local_secretariat();
    desk.open_campaign(&sec, 2015, Policy::default()).unwrap();
    let before = desk.audit_head().unwrap();
    let out = dir.path().join("2015年度评审档案.zip");
    let e = make_archive(&desk, &sec, Some(2015), &out, None, &mut |_, _| {}).unwrap_err().to_string();
    assert!(e.contains("2015年度尚未发布") && e.contains("只有已发布的年度才能归档"), "{e}");
    assert!(e.contains("申报推荐"), "names the stage it is in: {e}");
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| { e.as_ref().unwrap().file_name().to_string_lossy().contains(".zip") })
            .count(),
        0
    );
    assert_eq!(desk.audit_head().unwrap(), before, "nothing logged");
    // a year that does not exist: named
    let e = make_archive(&desk, &sec, Some(2013), &out, None, &mut |_, _| {}).unwrap_err().to_string();
    assert!(e.contains("2013"), "{e}");
    assert!(!out.exists());
}

#[test]
fn only_the_secretariat_makes_an_archive() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, _db) = demo_year(dir.path());
    let expert = desk.login("王建华", pingshen_core::demo::DEMO_PASSWORD).unwrap();
    let out = dir.path().join("a.zip");
    let before = audit_count(&desk, AuditAction::AccessDenied);
    assert!(make_archive(&desk, &expert, Some(2014), &out, None, &mut |_, _| {}).is_err());
    assert!(!out.exists());
    assert_eq!(audit_count(&desk, AuditAction::AccessDenied), before + 1, "the refusal is logged");
    assert_eq!(audit_count(&desk, AuditAction::ArchiveMake), 0);
}

/// `audit verify --against ARCHIVE.zip`: the head in its manifest reached, its files intact and
/// the log's entry found; after a file in the zip changed, that file named; after the log was
/// cut short before the head, not reached.
#[test]
fn verify_against_the_archive_before_and_after_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let (desk, db) = demo_year(dir.path());
    let sec = desk.local_secretariat();
    let out = dir.path().join("2014年度评审档案.zip");
    let made = make_archive(&desk, &sec, None, &out, None, &mut |_, _| {}).unwrap();
    let r = desk.check_against_file(&sec, &out).unwrap();
    assert!(r.reached && r.altered.is_empty() && r.kind == "年度归档", "{r:?}");
    assert_eq!(r.head, made.audit_head);
    assert!(r.message.contains("一致") && r.message.contains("记有制作此归档"), "{}", r.message);
    assert_eq!(read_archive(&out).unwrap().unwrap().manifest.audit_head, made.audit_head);

    // a file changed inside the zip: named, the log still reached
    let mut files = unzip(&out);
    files.get_mut("01 2014年度通报.pdf").unwrap().extend_from_slice(b"\n% changed");
    let changed = dir.path().join("改过的归档.zip");
    zip_up(&changed, &files);
    let r = desk.check_against_file(&sec, &changed).unwrap();
    assert_eq!(r.altered, vec!["01 2014年度通报.pdf".to_string()], "{r:?}");
    assert!(r.reached && r.message.contains("不符") && r.message.contains("01 2014年度通报.pdf"), "{}", r.message);

    // the log cut short before the archive's head (a sqlite3 shell, the guard dropped)
    let sh = Connection::open(&db).unwrap();
    sh.execute_batch("DROP TRIGGER audit_no_delete").unwrap();
    sh.execute("DELETE FROM audit WHERE seq > ?1", [made.audit_head.seq - 2]).unwrap();
    let r = desk.check_against_file(&sec, &out).unwrap();
    assert!(!r.reached && r.message.contains("截去"), "{r:?}");
}

/// Issue 18: a year whose review had a panel meeting keeps its minutes and ballots in the
/// archive, listed in 卷内目录 with the meeting's date (their periods, minutes 永久 and ballots
/// 定期30年: `retention::tests::retention_periods_of_the_archive`). The shared small year
/// with the meeting on, every item passed by all 8 members, published.
#[test]
fn the_archive_of_a_year_with_a_meeting_holds_its_minutes_and_ballots() {
    use support::{day, Fx, Stage, DOSSIER_HEADERS, EXPERTS, EXPERT_HEADERS, Y};
    let fx = Fx::new(Policy { meeting: true, ..Policy::default() });
    let sec = &fx.sec;
    let p = fx.csv("申报汇总表.csv", &DOSSIER_HEADERS, &support::mini_dossier_rows());
    fx.desk.import_dossiers(sec, Y, &p).unwrap();
    let p = fx.csv("评审专家库.csv", &EXPERT_HEADERS, &support::expert_rows());
    fx.desk.import_experts(sec, Y, &p).unwrap();
    fx.desk.recommend_auto(sec, Y).unwrap();
    fx.desk.draw(sec, Y, Some(3), 7).unwrap();
    fx.import_scores_where("评分录入.csv", |_| true).unwrap();
    assert_eq!(fx.stage(), Stage::Meeting);
    let all: Vec<String> = EXPERTS.iter().map(|e| e.0.to_string()).collect();
    let m = fx.desk.open_meeting(sec, Y, day("2014-11-20"), "中国科协机关 三层会议室", "王建国", &all).unwrap();
    for i in &m.items {
        let c = pingshen_core::desk::VoteCounts { votes_for: 8, votes_against: 0, votes_abstain: 0 };
        fx.desk.vote(sec, Y, &i.unit_code, Some(i.award), c, "", None).unwrap();
    }
    fx.desk.close_meeting(sec, Y).unwrap();
    fx.desk.select_pilot(sec, Y, "湖北省科协", "调研考察情况良好").unwrap();
    let p = fx.desk.open_publicity(sec, Y, day("2014-12-01"), None).unwrap();
    fx.desk.close_publicity(sec, Y, p.end.succ_opt().unwrap()).unwrap();
    fx.desk.publish(sec, Y, p.end.succ_opt().unwrap(), Some("科协计函企字〔2014〕68号")).unwrap();
    assert_eq!(fx.stage(), Stage::Published);

    let out = fx.dir.path().join("2014年度评审档案.zip");
    let pdf = PdfExporter::load_default().unwrap();
    make_archive(&fx.desk, sec, Y, &out, Some(&pdf), &mut |_, _| {}).unwrap();
    let files = unzip(&out);
    let minutes = files.get("07 2014年度会议纪要.pdf").expect("the minutes in the archive");
    let ballots = files.get("08 2014年度表决票.pdf").expect("the ballots in the archive");
    assert!(minutes.starts_with(b"%PDF-") && ballots.starts_with(b"%PDF-"));
    let manifest: ArchiveManifest = serde_json::from_slice(&files[MANIFEST_NAME]).unwrap();
    for name in ["07 2014年度会议纪要.pdf", "08 2014年度表决票.pdf"] {
        let f = manifest.files.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("{name} not in the manifest"));
        assert_eq!(f.sha256, sha256_hex(&files[name]));
    }
    if let Some(text) = pdftotext(minutes, fx.dir.path()) {
        assert!(text.contains("会议纪要"), "{text}");
    }
    // the award notice and the results say there was a meeting (issue 18)
    let squash = |t: String| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
    if let Some(notice) = pdftotext(&files["01 2014年度通报.pdf"], fx.dir.path()).map(squash) {
        assert!(notice.contains("经各单位申报、形式审查和专家书面评审和11月20日专家组会议评审"), "{notice}");
    }
    if let Some(results) = pdftotext(&files["03 2014年度评审结果.pdf"], fx.dir.path()).map(squash) {
        for needle in [
            "会议评审：2014年11月20日在中国科协机关三层会议室召开专家组会议，组长王建国，出席8人",
            "会议评审通过（赞成8/应投8）",
        ] {
            assert!(results.contains(needle), "{needle} in {results}");
        }
    }
    if let Some(text) = pdftotext(&files[CONTENTS_NAME], fx.dir.path()) {
        let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        for needle in ["评审专家组会议纪要", "20141120", "评审专家组会议表决票"] {
            assert!(squashed.contains(needle), "卷内目录 lacks 「{needle}」:\n{text}");
        }
    }
}
