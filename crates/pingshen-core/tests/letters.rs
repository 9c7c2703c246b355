//! Issue 19: the letters and the seal. Every letter is read back with `pdftotext`; a feedback
//! letter holds its own unit's figures and comments and nothing of any other unit or of any
//! expert (checked against every expert and unit of the 2014 demo year); the comments' order comes
//! back from the seed the log records; the correction notice's deadline crosses National Day; the
//! seal's image is in a PDF only when asked for; a bad seal file is refused with nothing stored.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use pingshen_core::desk::{Desk, LetterKind};
use pingshen_core::export::letters::{export_letters, LettersReq};
use pingshen_core::export::pdf::PdfExporter;

const YEAR: Option<i32> = Some(2014);

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("letters").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn demo_in(dir: &Path) -> Desk {
    let desk = Desk::open(&dir.join("demo.db")).unwrap();
    pingshen_core::demo::run_demo(&desk, &dir.join("inputs")).unwrap();
    desk
}

/// The text of a PDF with every whitespace removed (justified CJK lines are spaced out).
fn text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Image XObjects in a PDF (the seal and its soft mask).
fn images(pdf: &[u8]) -> usize {
    pdf.windows(b"/Subtype/Image".len()).filter(|w| *w == b"/Subtype/Image").count()
        + pdf.windows(b"/Subtype /Image".len()).filter(|w| *w == b"/Subtype /Image").count()
}

/// The text (whitespace removed) of each page that shows an image — the seal — by poppler's
/// `pdfimages -list` and `pdftotext -f P -l P`.
fn seal_pages_text(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdfimages").arg("-list").arg(pdf).output().expect("pdfimages (poppler-utils)");
    assert!(out.status.success(), "pdfimages {}", pdf.display());
    let mut pages: Vec<u32> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    pages.dedup();
    pages
        .iter()
        .map(|p| {
            let page = p.to_string();
            let out = Command::new("pdftotext")
                .args(["-enc", "UTF-8", "-f", &page, "-l", &page])
                .arg(pdf)
                .arg("-")
                .output()
                .expect("pdftotext");
            String::from_utf8_lossy(&out.stdout).chars().filter(|c| !c.is_whitespace()).collect()
        })
        .collect()
}

fn letters_logged(desk: &Desk) -> Vec<serde_json::Value> {
    desk.audit_log(&desk.local_secretariat(), 10_000)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "letters.export")
        .map(|e| e.detail)
        .collect()
}

fn export(
    desk: &Desk,
    kind: LetterKind,
    dir: &Path,
    req: &LettersReq,
) -> pingshen_core::Result<pingshen_core::export::letters::LettersRun> {
    let pdf = PdfExporter::load_default().unwrap();
    export_letters(desk, &desk.local_secretariat(), YEAR, kind, dir, req, &pdf, &mut |_, _| {})
}

/// A seal: a red ring on a transparent ground (RGBA), `size` pixels square.
fn seal_png(size: u32, alpha: bool) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, size, size);
        enc.set_color(if alpha { png::ColorType::Rgba } else { png::ColorType::Rgb });
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().unwrap();
        let c = size as f32 / 2.0;
        let mut data = Vec::new();
        for y in 0..size {
            for x in 0..size {
                let r = ((x as f32 - c).powi(2) + (y as f32 - c).powi(2)).sqrt();
                let ink = (r > c * 0.80 && r < c * 0.95) || (r < c * 0.25);
                if alpha {
                    data.extend_from_slice(&[200, 20, 20, if ink { 230 } else { 0 }]);
                } else {
                    data.extend_from_slice(if ink { &[200, 20, 20] } else { &[255, 255, 255] });
                }
            }
        }
        w.write_image_data(&data).unwrap();
    }
    out
}

#[test]
fn a_feedback_letter_holds_only_its_own_units_figures_and_no_expert() {
    let dir = scratch("feedback");
    let desk = demo_in(&dir);
    let me = desk.local_secretariat();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let run = export(&desk, LetterKind::Feedback, &out, &LettersReq::default()).unwrap();
    let set = desk.feedback_letters(&me, YEAR, None, run.seed).unwrap();
    let units: std::collections::BTreeSet<String> = desk
        .dossiers(&me, YEAR)
        .unwrap()
        .iter()
        .filter(|d| d.state.code() != "draft")
        .map(|d| d.unit.full_name.clone())
        .collect();
    assert_eq!(set.letters.len(), units.len(), "one letter per unit that applied");
    assert_eq!(run.files.len(), units.len() + 1, "one file per unit and 全部反馈函.pdf");
    assert!(out.join("全部反馈函.pdf").exists());
    let experts: Vec<String> = desk.experts(&me, YEAR).unwrap().into_iter().map(|e| e.name).collect();
    assert!(experts.len() >= 10);
    let results = desk.results(&me, YEAR).unwrap();
    let all_units: Vec<&pingshen_core::units::Unit> = pingshen_core::units::all().iter().collect();
    let mut comments_seen = 0;
    for l in &set.letters {
        let file = out.join(format!("{}反馈函.pdf", l.unit));
        let t = text(&file);
        assert!(t.contains(&format!("{}：", l.unit)), "{}: addressee", l.unit);
        assert!(t.contains("评审意见的反馈函"));
        for d in &l.dossiers {
            if let Some(a) = &d.aggregate {
                assert!(t.contains(&format!("评审得分{a}分")), "{}: its aggregate {a}", l.unit);
                assert!(t.contains(&format!("列第{}位", d.rank.unwrap())));
            }
            if let Some(y) = d.amount_yuan {
                assert!(t.contains("经费支持") && y > 0, "{}: its funding", l.unit);
            } else {
                assert!(t.contains("未获经费支持"), "{}: no funding said", l.unit);
            }
            for m in &d.comments {
                assert!(t.contains(&m.text.replace(char::is_whitespace, "")), "{}: comment {}", l.unit, m.text);
                comments_seen += 1;
            }
        }
        for e in &experts {
            assert!(!t.contains(e.as_str()), "{}'s letter names the expert {e}", l.unit);
        }
        for u in &all_units {
            if u.code == l.unit_code {
                continue;
            }
            for name in [&u.full_name, &u.short_name] {
                if !l.unit.contains(name.as_str()) {
                    assert!(!t.contains(name.as_str()), "{}'s letter names another unit {name}", l.unit);
                }
            }
        }
        let own: Vec<String> = l.dossiers.iter().filter_map(|d| d.aggregate.clone()).collect();
        for r in results.rows.iter().filter(|r| r.unit_code != l.unit_code) {
            if let Some(a) = r.aggregate.map(|a| a.to_string()) {
                if !own.contains(&a) {
                    assert!(!t.contains(&format!("{a}分")), "{}'s letter holds {}'s aggregate {a}", l.unit, r.unit);
                }
            }
        }
    }
    assert!(comments_seen > 0, "the demo's comments reach the letters");
    // blank comments are left out: every comment printed has text
    assert!(set.letters.iter().flat_map(|l| &l.dossiers).flat_map(|d| &d.comments).all(|m| !m.text.trim().is_empty()));
}

#[test]
fn the_comments_order_comes_back_from_the_logged_seed() {
    let dir = scratch("seed");
    let desk = demo_in(&dir);
    let me = desk.local_secretariat();
    let (a, b) = (dir.join("a"), dir.join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let run = export(&desk, LetterKind::Feedback, &a, &LettersReq::default()).unwrap();
    let logged = letters_logged(&desk);
    assert_eq!(logged.len(), 1);
    let seed: u64 = logged[0]["seed"].as_str().unwrap().parse().unwrap();
    assert_eq!(Some(seed), run.seed);
    assert_eq!(logged[0]["kind"], "feedback");
    assert_eq!(logged[0]["files"].as_array().unwrap().len(), run.files.len());
    assert!(logged[0]["head"].as_str().is_some_and(|h| h.contains(':')));
    // the same seed: the same letters, word for word
    export(&desk, LetterKind::Feedback, &b, &LettersReq { seed: Some(seed), ..LettersReq::default() }).unwrap();
    assert_eq!(text(&a.join("全部反馈函.pdf")), text(&b.join("全部反馈函.pdf")));
    // another seed: another order somewhere
    let order = |s: u64| -> Vec<Vec<(String, String)>> {
        desk.feedback_letters(&me, YEAR, None, Some(s))
            .unwrap()
            .letters
            .iter()
            .flat_map(|l| {
                l.dossiers.iter().map(|d| d.comments.iter().map(|m| (m.criterion.clone(), m.text.clone())).collect())
            })
            .collect()
    };
    assert_eq!(order(seed), order(seed));
    assert_ne!(order(seed), order(seed.wrapping_add(1)));
}

#[test]
fn a_correction_notice_gives_the_deadline_in_working_days_across_national_day() {
    let dir = scratch("return");
    let desk = demo_in(&dir);
    let me = desk.local_secretariat();
    let notices = desk.return_notices(&me, YEAR, None).unwrap();
    assert!(!notices.is_empty(), "the demo returns a dossier");
    // the return moved to Friday 2014-09-26 (Beijing), in the file, behind the desk's back
    {
        let conn = rusqlite::Connection::open(dir.join("demo.db")).unwrap();
        conn.execute("UPDATE decisions SET at = '2014-09-26T02:00:00.000Z' WHERE kind = 'returned'", []).unwrap();
    }
    let n = &desk.return_notices(&me, YEAR, None).unwrap()[0];
    assert_eq!(n.returned_on.to_string(), "2014-09-26");
    assert_eq!(n.working_days, 5);
    // 09-28 (make-up working Sunday), 09-29, 09-30, holiday 10-01…10-07, 10-08, 10-09
    assert_eq!(n.resubmit_by.to_string(), "2014-10-09");
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let run = export(&desk, LetterKind::Return, &out, &LettersReq::default()).unwrap();
    assert_eq!(run.letters, notices.len());
    let t = text(&out.join(format!("{}{}补正通知.pdf", n.unit, n.award.label())));
    assert!(t.contains(&format!("{}：", n.unit)));
    assert!(t.contains("申报材料补正的通知"));
    assert!(t.contains("请于2014年10月9日前重新报送"), "{t}");
    for r in &n.reasons {
        assert!(t.contains(&r.replace(char::is_whitespace, "").trim_end_matches('。').to_string()), "reason {r}");
    }
    assert!(out.join("全部补正通知.pdf").exists());
    assert_eq!(letters_logged(&desk)[0]["kind"], "return");
}

#[test]
fn the_seal_is_in_a_pdf_only_when_asked_and_a_bad_file_is_refused_with_nothing_stored() {
    let dir = scratch("seal");
    let desk = demo_in(&dir);
    let me = desk.local_secretariat();
    let pdf = PdfExporter::load_default().unwrap();
    let rows = |desk: &Desk| -> i64 { desk.conn().query_row("SELECT COUNT(*) FROM seal", [], |r| r.get(0)).unwrap() };
    let setting = |desk: &Desk| desk.audit_log(&me, 10_000).unwrap().iter().filter(|e| e.action == "seal.set").count();
    // refused: not a PNG, too large, no transparency (no alpha channel), alpha but all opaque
    let not_png = dir.join("seal.jpg");
    std::fs::write(&not_png, b"\xFF\xD8\xFF\xE0 not a png").unwrap();
    let big = dir.join("big.png");
    let mut bytes = seal_png(64, true);
    bytes.resize((1 << 20) + 10, 0);
    std::fs::write(&big, &bytes).unwrap();
    let opaque = dir.join("opaque.png");
    std::fs::write(&opaque, seal_png(64, false)).unwrap();
    for (file, needle) in [(&not_png, "不是 PNG"), (&big, "超过 1 MB"), (&opaque, "没有透明背景")] {
        let e = desk.set_seal(&me, file).unwrap_err().to_string();
        assert!(e.contains("印章图片") && e.contains(needle), "{}: {e}", file.display());
        assert!(e.contains("请"), "names the fix: {e}");
        assert_eq!(rows(&desk), 0, "nothing stored");
        assert_eq!(setting(&desk), 0);
    }
    assert!(desk.seal_info(&me).unwrap().is_none());
    // no seal: an export asking for it is refused naming the fix
    let e = desk.seal_image().unwrap_err().to_string();
    assert!(e.contains("seal set"), "{e}");
    // a good seal
    let good = dir.join("seal.png");
    std::fs::write(&good, seal_png(300, true)).unwrap();
    let info = desk.set_seal(&me, &good).unwrap();
    assert_eq!((info.width, info.height), (300, 300));
    assert_eq!(rows(&desk), 1);
    assert_eq!(setting(&desk), 1);
    let seal = desk.seal_image().unwrap();
    let plain = pdf.notice(&desk, YEAR).unwrap();
    let sealed = pdf.notice_sealed(&desk, YEAR, &seal).unwrap();
    assert_eq!(images(&plain), 0, "no image without --seal");
    assert!(images(&sealed) >= 1, "the seal's image with --seal");
    assert_eq!(images(&pdf.publicity_list(&desk, YEAR).unwrap()), 0);
    assert!(images(&pdf.publicity_list_sealed(&desk, YEAR, &seal).unwrap()) >= 1);
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let sealed_run =
        export(&desk, LetterKind::Feedback, &out, &LettersReq { seal: true, ..LettersReq::default() }).unwrap();
    let one = std::fs::read(&sealed_run.files[0]).unwrap();
    assert!(images(&one) >= 1);
    let unsealed = dir.join("plain");
    std::fs::create_dir_all(&unsealed).unwrap();
    let plain_run = export(&desk, LetterKind::Feedback, &unsealed, &LettersReq::default()).unwrap();
    assert_eq!(images(&std::fs::read(&plain_run.files[0]).unwrap()), 0);
    let logged = letters_logged(&desk); // newest first
    assert_eq!(logged[0]["sealed"], false);
    assert_eq!(logged[1]["sealed"], true);
    // the text under the seal still reads
    let t = text(&sealed_run.files[0]);
    assert!(t.contains("中国科协计划财务部"));
    // cleared: gone from the database
    desk.clear_seal(&me).unwrap();
    assert_eq!(rows(&desk), 0);
    assert!(desk.clear_seal(&me).is_err());
}

/// GB/T 9704-2012 7.3.5.1: the seal stands on a page with the text above it, never alone (the
/// seal needs some nine lines; the closing paragraph moves with it). Checked on the demo year's
/// sealed notice and each sealed feedback letter: the page that shows the seal also holds the
/// closing words.
#[test]
fn the_seal_never_stands_alone_on_a_page() {
    let dir = scratch("seal-page");
    let desk = demo_in(&dir);
    let me = desk.local_secretariat();
    let pdf = PdfExporter::load_default().unwrap();
    let good = dir.join("seal.png");
    std::fs::write(&good, seal_png(300, true)).unwrap();
    desk.set_seal(&me, &good).unwrap();
    let seal = desk.seal_image().unwrap();
    let notice = dir.join("通报.pdf");
    std::fs::write(&notice, pdf.notice_sealed(&desk, YEAR, &seal).unwrap()).unwrap();
    let pages = seal_pages_text(&notice);
    assert_eq!(pages.len(), 1, "the seal on one page");
    assert!(pages[0].contains("再上新台阶。"), "the closing paragraph with the seal: {}", pages[0]);
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let run = export(&desk, LetterKind::Feedback, &out, &LettersReq { seal: true, ..LettersReq::default() }).unwrap();
    for f in run.files.iter().filter(|f| !f.ends_with("全部反馈函.pdf")) {
        let pages = seal_pages_text(f);
        assert_eq!(pages.len(), 1, "{}", f.display());
        assert!(pages[0].contains("特此函告。"), "{}: {}", f.display(), pages[0]);
    }
}

#[test]
fn an_invitation_names_the_expert_their_count_and_prints_the_whole_pledge() {
    let dir = scratch("invitation");
    let desk = demo_in(&dir);
    let me = desk.local_secretariat();
    let panel = desk.experts(&me, YEAR).unwrap();
    let assigned: Vec<_> = panel.iter().filter(|e| e.load > 0).collect();
    assert!(!assigned.is_empty(), "the demo's draw assigns dossiers");
    // an expert on the panel with nothing assigned (added behind the desk's back: the year is
    // published): no letter of their own, and left out of the whole panel's run
    {
        let conn = rusqlite::Connection::open(dir.join("demo.db")).unwrap();
        conn.execute(
            "INSERT INTO experts (campaign_id, name, employer, province, field, phone)
             SELECT id, '候补专家', '某大学', '北京', '管理', '010-1' FROM campaigns WHERE year = 2014",
            [],
        )
        .unwrap();
    }
    let err = desk.invitations(&me, YEAR, Some("候补专家")).unwrap_err().to_string();
    assert!(err.contains("候补专家") && err.contains("没有分配评审材料"), "{err}");
    let err = desk.invitations(&me, YEAR, Some("无此人")).unwrap_err().to_string();
    assert!(err.contains("专家库中没有「无此人」"), "{err}");

    let out = scratch("invitation-out");
    let run = export(&desk, LetterKind::Invitation, &out, &LettersReq::default()).unwrap();
    assert_eq!(run.letters, assigned.len(), "one letter per expert with dossiers, none for the reserve");
    assert!(!out.join("候补专家邀请函.pdf").exists());
    let pledge = desk.pledge(&me, YEAR).unwrap();
    for e in &assigned {
        let t = text(&out.join(format!("{}邀请函.pdf", e.name)));
        assert!(t.contains(&format!("{}专家：", e.name)), "{}: {t}", e.name);
        assert!(t.contains(&format!("请您评审申报材料{}份", e.load)), "{}: {t}", e.name);
        for p in pledge.text.paragraphs() {
            let p: String = p.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(t.contains(&p), "{}: the pledge's 「{p}」 printed in full", e.name);
        }
        assert!(t.contains(".pingshen") && t.contains("口令另行"), "how the package reaches them");
        // no other expert's name in a letter
        for o in &panel {
            if o.name != e.name {
                assert!(!t.contains(&o.name), "{} names {}", e.name, o.name);
            }
        }
    }
    let all = text(&out.join("全部邀请函.pdf"));
    for e in &assigned {
        assert!(all.contains(&format!("{}专家：", e.name)));
    }
    let logged = letters_logged(&desk);
    assert!(logged.iter().any(|d| d["kind"] == "invitation"), "{logged:?}");
}
