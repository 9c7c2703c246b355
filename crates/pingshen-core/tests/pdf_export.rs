//! PDF exports: the 2014 demo campaign (published, 35 dossiers, 15 experts) is exported to every
//! printed document, and each PDF is read back with poppler (`pdftotext`, `pdffonts`) and checked
//! with `qpdf --check`: the Chinese titles, unit names and amounts come out in the right order,
//! every font is embedded and subset. Refusals write nothing. A tool that is not installed skips
//! its check with a printed note (CI installs poppler-utils and qpdf).
//!
//! `PINGSHEN_PDF_DUMP=dir` keeps a copy of every PDF there, to look at.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use pingshen_core::desk::Desk;
use pingshen_core::export::layout::{assets_dir, Face};
use pingshen_core::export::pdf::{PdfExporter, ISSUER_FILE};
use pingshen_core::model::Award;
use pingshen_core::workflow::SheetState;

const YEAR: Option<i32> = Some(2014);

// ---------------------------------------------------------------------------------------------
// fixtures
// ---------------------------------------------------------------------------------------------

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf_export").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the demo into a new database under `dir`.
fn demo_in(dir: &Path) -> Desk {
    let desk = Desk::open(&dir.join("demo.db")).unwrap();
    pingshen_core::demo::run_demo(&desk, &dir.join("inputs")).unwrap();
    desk
}

/// The published demo, run once per test binary; tests only read it.
fn demo_db() -> &'static Path {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = scratch("shared");
        drop(demo_in(&dir));
        dir.join("demo.db")
    })
}

fn desk() -> Desk {
    Desk::open(demo_db()).unwrap()
}

fn exporter() -> &'static PdfExporter {
    static EXPORTER: OnceLock<PdfExporter> = OnceLock::new();
    EXPORTER.get_or_init(|| PdfExporter::load_default().unwrap())
}

// ---------------------------------------------------------------------------------------------
// reading PDFs back
// ---------------------------------------------------------------------------------------------

/// Runs an external tool; `None` (with a note) when it is not installed.
fn tool(name: &str, args: &[&str]) -> Option<std::process::Output> {
    match Command::new(name).args(args).output() {
        Ok(out) => Some(out),
        Err(_) => {
            eprintln!("note: {name} not installed, check skipped");
            None
        }
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

struct Pdf {
    path: PathBuf,
    pages: usize,
}

impl Pdf {
    /// Writes the bytes, checks the file with qpdf and pdffonts, counts its pages.
    fn new(bytes: &[u8], dir: &Path, name: &str) -> Pdf {
        assert!(bytes.starts_with(b"%PDF-"), "{name}: not a PDF");
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        if let Some(d) = std::env::var_os("PINGSHEN_PDF_DUMP") {
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(Path::new(&d).join(name), bytes).unwrap();
        }
        let p = path.to_str().unwrap();
        if let Some(out) = tool("qpdf", &["--check", p]) {
            assert!(
                out.status.success(),
                "{name}: qpdf --check: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        if let Some(out) = tool("pdffonts", &[p]) {
            assert!(out.status.success(), "{name}: pdffonts failed");
            let s = String::from_utf8_lossy(&out.stdout);
            let rows: Vec<&str> = s.lines().skip(2).collect();
            assert!(!rows.is_empty(), "{name}: no fonts\n{s}");
            for r in rows {
                let cols: Vec<&str> = r.split_whitespace().collect();
                assert!(cols[0].contains('+'), "{name}: font not subset: {r}");
                let n = cols.len();
                assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{name}: emb/sub/uni: {r}");
            }
        }
        let mut pages = 0;
        if let Some(out) = tool("pdfinfo", &[p]) {
            let s = String::from_utf8_lossy(&out.stdout);
            pages = s.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().parse().unwrap()).unwrap_or(0);
            assert!(pages > 0, "{name}: pdfinfo\n{s}");
        }
        Pdf { path, pages }
    }

    /// `pdftotext` of one page or all with `mode` (`-layout`, `-raw`, `-nodiag` …); `None` if
    /// poppler is missing.
    fn text(&self, page: Option<usize>, mode: &[&str]) -> Option<String> {
        let p = page.map(|p| p.to_string());
        let mut args: Vec<&str> = mode.to_vec();
        if let Some(p) = &p {
            args.extend(["-f", p, "-l", p]);
        }
        let path = self.path.to_str().unwrap();
        args.extend([path, "-"]);
        let out = tool("pdftotext", &args)?;
        assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
        Some(String::from_utf8(out.stdout).unwrap())
    }

    /// The upright text (diagonal watermark left out) in drawing order, so that a table cell
    /// wrapped over two lines reads as one piece; whitespace removed.
    fn body(&self) -> Option<String> {
        self.text(None, &["-raw", "-nodiag"]).map(|t| squash(&t))
    }
}

/// Asserts that every expected piece occurs in `text` in the given order.
fn in_order(what: &str, text: &str, expected: &[String]) {
    let mut pos = 0;
    for e in expected {
        let e = squash(e);
        match text[pos..].find(&e) {
            Some(at) => pos += at + e.len(),
            None => panic!("{what}: 「{e}」 not found in order after position {pos} in:\n{text}"),
        }
    }
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------------------------------------
// documents
// ---------------------------------------------------------------------------------------------

#[test]
fn notice_is_an_official_document() {
    let desk = desk();
    let dir = scratch("notice");
    let pdf = Pdf::new(&exporter().notice(&desk, YEAR).unwrap(), &dir, "notice.pdf");
    let sec = desk.local_secretariat();
    let funding = desk.funding(&sec, YEAR).unwrap();
    let Some(first) = pdf.text(Some(1), &["-layout"]) else {
        return;
    };
    let first = squash(&first);
    in_order(
        "notice page 1",
        &first,
        &strings(&[
            "中国科学技术协会计划财务部",
            "科协计函企字〔2014〕68号",
            "关于2014年度企业科协组织建设",
            "“试点示范”和“后补助”单位的通报",
            "各省、自治区、直辖市、副省级城市科协，新疆生产建设兵团科协：",
            "科协计函企字〔2014〕25号",
            "2014年12月1日至12月5日公示5个工作日",
        ]),
    );
    assert!(first.contains("—1—"), "page number:\n{first}");
    let all = pdf.body().unwrap();
    let mut expected = strings(&["一、“试点示范”单位"]);
    for l in funding.lines.iter().filter(|l| l.award == Award::Pilot) {
        expected.push(l.unit.clone());
        expected.push(pingshen_core::decimal::wan_yuan(l.amount_yuan));
    }
    expected.push("二、“后补助”单位".into());
    expected.push("2015年3月31日前拨付".into());
    for l in funding.lines.iter().filter(|l| l.award == Award::Subsidy) {
        expected.push(l.unit.clone());
        expected.push(pingshen_core::decimal::wan_yuan(l.amount_yuan));
    }
    expected.push(pingshen_core::decimal::wan_yuan(funding.subsidy_total_yuan));
    expected.extend(strings(&["通报表扬", "希望受到表扬和支持的单位", "中国科协计划财务部", "2014年12月10日"]));
    in_order("notice", &all, &expected);
    // Criticised units only if some dossier is graded unqualified.
    let results = desk.results(&sec, YEAR).unwrap();
    let unqualified = results.rows.iter().any(|r| r.grade == Some(pingshen_core::scoring::Grade::Unqualified));
    assert_eq!(all.contains("通报批评"), unqualified, "{all}");
    // The signature and date close the body, date below the signature, both at the right; then
    // the 版记 (GB/T 9704 7.4) at the foot of the last page: 抄送, then 印发机关 and 印发日期.
    // (with 22 lines a page the 版记 may stand alone on the last page; GB/T 9704 7.4 puts it on
    // the last page, its last element on the last line)
    let last = pdf.text(Some(pdf.pages), &["-layout"]).unwrap();
    let body = pdf.text(None, &["-layout"]).unwrap();
    let page_number = |l: &&str| l.trim().starts_with('—') && l.trim().ends_with('—');
    let lines: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).filter(|l| !page_number(l)).collect();
    let n = lines.len();
    assert!(lines[n - 4].trim_end().ends_with("中国科协计划财务部"), "{body}");
    assert!(lines[n - 3].trim_end().ends_with("2014年12月10日"), "{body}");
    assert!(lines[n - 2].contains("抄送：中国科协办公厅。"), "{body}");
    assert!(
        lines[n - 1].contains("中国科协计划财务部") && lines[n - 1].trim_end().ends_with("2014年12月10日印发"),
        "{body}"
    );
    let foot: Vec<&str> = last.lines().filter(|l| !l.trim().is_empty()).collect();
    let m = foot.len();
    assert!(
        foot[m - 3].contains("抄送：中国科协办公厅。") && foot[m - 2].trim_end().ends_with("印发"),
        "the 版记 at the foot of the last page:\n{last}"
    );
    assert!(foot[m - 1].contains(&format!("— {} —", pdf.pages)), "{last}");
    let sig = lines[n - 4].find("中国").unwrap();
    assert!(sig > lines[n - 4].len() / 3, "signature not at the right:\n{body}");
    // Page numbers (GB/T 9704 7.5): odd pages at the right, even pages at the left.
    for page in 1..=pdf.pages {
        let xml = pdf.text(Some(page), &["-bbox"]).unwrap();
        let num = page.to_string();
        // the lowest word on the page that is the page number
        let (x, _) = xml
            .lines()
            .filter(|l| l.trim_start().starts_with("<word ") && l.contains(&format!(">{num}</word>")))
            .map(|l| {
                let attr = |name: &str| -> f32 {
                    let at = l.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                    l[at..].split('"').next().unwrap().parse().unwrap()
                };
                (attr("xMin"), attr("yMin"))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap();
        let half = 210.0 / 2.0 * 72.0 / 25.4;
        assert_eq!(x > half, page % 2 == 1, "page {page}: number at x = {x} pt (odd pages right, even left)");
    }
}

/// GB/T 9704-2012 §5.2.2: 22 lines of 28 characters a page. The body's baselines are 225 mm / 22
/// apart, and full lines fill the 156 mm text block from edge to edge (the letter spacing puts 28
/// full-width characters on a line: `spacing_for_chars`).
#[test]
fn notice_body_is_on_the_gbt9704_grid_of_22_lines() {
    let desk = desk();
    let dir = scratch("notice-grid");
    let pdf = Pdf::new(&exporter().notice(&desk, YEAR).unwrap(), &dir, "notice.pdf");
    let Some(xml) = pdf.text(Some(1), &["-bbox-layout"]) else {
        return;
    };
    let attr = |line: &str, name: &str| -> f32 {
        let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[at..].split('"').next().unwrap().parse().unwrap()
    };
    let mm = 72.0 / 25.4;
    let (left, right) = (28.0 * mm, (210.0 - 26.0) * mm);
    // Lines that run from the left edge to the right edge of the text block: full body lines.
    let full: Vec<f32> = xml
        .lines()
        .filter(|l| l.trim_start().starts_with("<line "))
        .filter(|l| (attr(l, "xMin") - left).abs() < 0.5 && (attr(l, "xMax") - right).abs() < 0.5)
        .map(|l| attr(l, "yMin"))
        .collect();
    assert!(full.len() >= 5, "{xml}");
    let pitch = 225.0 * mm / 22.0;
    let steps = full.windows(2).filter(|w| (w[1] - w[0] - pitch).abs() < 0.05).count();
    assert!(steps >= 4, "line pitch should be {pitch} pt: {full:?}");
}

#[test]
fn notice_refused_before_publication() {
    let dir = scratch("unpublished");
    let desk = demo_in(&dir);
    // A second year, just opened: nothing to publish yet.
    desk.open_campaign(&desk.local_secretariat(), 2015, pingshen_core::rules::Policy::default()).unwrap();
    let e = exporter().notice(&desk, Some(2015)).unwrap_err().to_string();
    assert!(e.contains("申报推荐") && e.contains("发布后才能导出"), "{e}");
    let e = exporter().publicity_list(&desk, Some(2015)).unwrap_err().to_string();
    assert!(e.contains("尚未开始公示"), "{e}");
    let e = exporter().funding_table(&desk, Some(2015)).unwrap_err().to_string();
    assert!(e.contains("尚无经费安排"), "{e}");
    // The 2014 campaign stopped after the publicity closed, before publication (set from outside
    // the app: on its own connection a published year is read-only).
    let outside = rusqlite::Connection::open(desk.path().unwrap()).unwrap();
    outside.execute("UPDATE campaigns SET stage = 'final' WHERE year = 2014", []).unwrap();
    let e = exporter().notice(&desk, YEAR).unwrap_err().to_string();
    assert!(e.contains("当前状态为「公示结束」，不能导出通报"), "{e}");
    // The publicity list is still there.
    exporter().publicity_list(&desk, YEAR).unwrap();
}

#[test]
fn publicity_list_names_period_and_where_to_object() {
    let desk = desk();
    let dir = scratch("publicity");
    let pdf = Pdf::new(&exporter().publicity_list(&desk, YEAR).unwrap(), &dir, "publicity.pdf");
    let p = desk.publicity(&desk.local_secretariat(), YEAR).unwrap().unwrap();
    let Some(all) = pdf.body() else { return };
    let mut expected = strings(&[
        "关于2014年度企业科协组织建设",
        "“试点示范”和“后补助”拟支持单位的公示",
        "科协计函企字〔2014〕25号",
        "拟确定2个单位为2014年度企业科协组织建设“试点示范”单位，12个单位为“后补助”单位",
        "公示期为2014年12月1日至2014年12月5日（5个工作日）",
        "请于2014年12月5日（含当日）前以书面形式向中国科协计划财务部反映",
        "须署真实姓名并注明联系方式",
        "联系电话：010-68571894",
        "电子邮箱：qykxgzc@cast.org.cn",
        "通讯地址：北京市海淀区复兴路3号科技会堂1903室",
        "邮政编码：100863",
        "拟支持单位名单",
        "序号",
        "拟支持金额（万元）",
    ]);
    for (i, r) in p.rows.iter().enumerate() {
        expected.push((i + 1).to_string());
        expected.push(r.unit.clone());
        expected.push(r.award.label().into());
        expected.push(pingshen_core::decimal::wan_yuan(r.amount_yuan));
    }
    expected.extend(strings(&["合计（14个单位）", "188.00", "中国科协计划财务部", "2014年12月1日"]));
    in_order("publicity list", &all, &expected);
}

#[test]
fn funding_table_lists_amounts_totals_and_budget() {
    let desk = desk();
    let dir = scratch("funding");
    let pdf = Pdf::new(&exporter().funding_table(&desk, YEAR).unwrap(), &dir, "funding.pdf");
    let t = desk.funding(&desk.local_secretariat(), YEAR).unwrap();
    let Some(all) = pdf.body() else { return };
    let mut expected = strings(&[
        "2014年度企业科协组织建设“试点示范”和“后补助”经费安排表",
        "序号",
        "单位",
        "类别",
        "评审得分",
        "等级",
        "金额（万元）",
        "配套资金（万元）",
        "拨付时限",
        "备注",
    ]);
    for l in &t.lines {
        expected.push(l.unit.clone());
        expected.push(l.award.label().into());
        expected.push(pingshen_core::decimal::wan_yuan(l.amount_yuan));
        expected.push(format!(
            "{}年{}月{}日前",
            chrono::Datelike::year(&l.pay_by),
            chrono::Datelike::month(&l.pay_by),
            chrono::Datelike::day(&l.pay_by)
        ));
    }
    expected.push(format!("合计（{}个单位）", t.lines.len()));
    expected.push(pingshen_core::decimal::wan_yuan(t.total_yuan));
    expected.extend(strings(&["经费汇总", "年度后补助预算", "预算结余"]));
    for v in [t.pilot_total_yuan, t.subsidy_total_yuan, t.total_yuan, t.subsidy_budget_yuan, t.subsidy_remaining_yuan] {
        expected.push(pingshen_core::decimal::wan_yuan(v));
    }
    expected.push("制表日期：2014年12月10日".into());
    in_order("funding table", &all, &expected);
    // Landscape.
    if let Some(out) = tool("pdfinfo", &[pdf.path.to_str().unwrap()]) {
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(s.contains("841.89 x 595.276") || s.contains("841.89 x 595.28"), "{s}");
    }
}

#[test]
fn dossier_for_reading_has_watermark_on_every_page_and_attachment_hashes() {
    let desk = desk();
    let dir = scratch("dossier");
    let id = desk.find_dossier(YEAR, "湖北省科协", Some(Award::Subsidy)).unwrap();
    let d = desk.dossier(&desk.local_secretariat(), id).unwrap();
    assert_eq!(d.attachments.len(), 2);
    let pdf = Pdf::new(&exporter().dossier(&desk, YEAR, id, "王建华").unwrap(), &dir, "dossier.pdf");
    assert!(pdf.pages >= 3 || pdf.pages == 0, "{} pages", pdf.pages);
    let Some(all) = pdf.body() else { return };
    let c = desk.campaign(YEAR).unwrap();
    let mut expected = strings(&[
        "内部资料注意保密",
        "2014年度企业科协组织建设",
        "“后补助”申报材料",
        "申报单位：湖北省科学技术协会",
        "收到日期：",
        "阅读人：王建华",
        "一、单位和联系人",
        &d.input.contact_name,
        &d.input.contact_phone,
        "二、主要指标",
        "规上工业企业数",
        &d.input.indicators.industrial_enterprises.to_string(),
        "任务完成率",
    ]);
    let rate = d.input.indicators.task_completion_rate().unwrap();
    let pct = pingshen_core::decimal::Ratio::new(rate.num() * 10_000, rate.den()).round_half_away();
    expected.push(format!("{}.{:02}%", pct / 100, pct % 100));
    expected.push("三、工作情况".into());
    for (label, text) in d.input.narratives.sections() {
        expected.push(label.to_string());
        expected.push(text.to_string());
    }
    expected.push("四、附件".into());
    for a in &d.attachments {
        expected.push(a.file_name.clone());
        expected.push(a.sha256.clone());
    }
    expected.push("评分表".into());
    for k in &c.rubric_subsidy.criteria {
        expected.push(k.name.clone());
    }
    expected.extend(strings(&["合计", "综合意见", "评审专家签名", "日期", "年月日"]));
    in_order("dossier", &all, &expected);
    // The watermark on every page (diagonal: read in raw mode), page numbers on every page.
    for page in 1..=pdf.pages {
        let raw = squash(&pdf.text(Some(page), &["-raw"]).unwrap());
        assert!(raw.contains("王建华内部资料注意保密"), "page {page} watermark:\n{raw}");
        let upright = pdf.text(Some(page), &["-layout", "-nodiag"]).unwrap();
        assert!(upright.contains(&format!("第 {page} 页 共 {} 页", pdf.pages)), "page {page}:\n{upright}");
        assert!(!squash(&upright).contains("王建华内部资料"), "watermark must be diagonal, page {page}");
    }
    // The auto criteria show their computed values on the blank score sheet.
    let auto = c.rubric_subsidy.auto_scores(&d.input.indicators);
    for (_, v) in auto {
        assert!(all.contains(&v.to_string()), "auto score {v}");
    }
}

#[test]
fn pilot_dossier_shows_matching_funds_and_its_rubric() {
    let desk = desk();
    let dir = scratch("dossier-pilot");
    let id = desk.find_dossier(YEAR, "深圳市科协", Some(Award::Pilot)).unwrap();
    let d = desk.dossier(&desk.local_secretariat(), id).unwrap();
    let pdf = Pdf::new(&exporter().dossier(&desk, YEAR, id, "秘书处").unwrap(), &dir, "pilot.pdf");
    let Some(all) = pdf.body() else { return };
    let c = desk.campaign(YEAR).unwrap();
    let mut expected = strings(&[
        "“试点示范”申报材料",
        "配套资金：",
        &format!("{}万元", pingshen_core::decimal::wan_yuan(d.input.matching_funds_yuan)),
        "（无附件）",
    ]);
    for k in &c.rubric_pilot.criteria {
        expected.push(k.name.clone());
    }
    in_order("pilot dossier", &all, &expected);
    let e = exporter().dossier(&desk, Some(2013), id, "秘书处").unwrap_err().to_string();
    assert!(e.contains("不是2013年度"), "{e}");
}

#[test]
fn expert_package_has_every_assigned_dossier() {
    let desk = desk();
    let dir = scratch("expert-package");
    let sec = desk.local_secretariat();
    let mine: Vec<_> = desk
        .assignments(&sec, YEAR)
        .unwrap()
        .into_iter()
        .filter(|a| a.expert == "李淑敏" && a.state != SheetState::Recused)
        .collect();
    assert!(mine.len() > 3);
    let mut calls = Vec::new();
    let bytes =
        exporter().expert_dossiers(&desk, YEAR, "李淑敏", &mut |done, total| calls.push((done, total))).unwrap();
    let n = mine.len();
    assert_eq!(calls, (1..=n).map(|i| (i, n)).collect::<Vec<_>>());
    let pdf = Pdf::new(&bytes, &dir, "package.pdf");
    let Some(all) = pdf.body() else { return };
    // The year's pledge first (issue 19), then the contents, then each dossier in the same
    // order, each with its score sheet.
    let pledge = squash(&pdf.text(Some(1), &["-nodiag"]).unwrap());
    for needle in
        ["评审专家承诺书", "一、坚持独立、客观、公正", "其他评审专家的姓名", "评审专家：李淑敏", "承诺人（签名）"]
    {
        assert!(pledge.contains(&squash(needle)), "page 1 lacks the pledge's «{needle}»:\n{pledge}");
    }
    let mut expected =
        strings(&["评审专家承诺书", "承诺人（签名）", "2014年度企业科协组织建设评审材料", "评审专家：李淑敏"]);
    for a in &mine {
        expected.push(a.unit.clone());
    }
    for a in &mine {
        expected.push(format!("申报单位：{}", a.unit));
        expected.push("评分表".into());
    }
    in_order("package", &all, &expected);
    // Each dossier starts on the page the contents give, and on a page of its own.
    let toc = pdf.text(Some(2), &["-layout", "-nodiag"]).unwrap();
    for a in &mine {
        let line = toc.lines().find(|l| l.contains(&a.unit)).unwrap();
        let start: usize = line.split_whitespace().last().unwrap().parse().unwrap();
        let page = squash(&pdf.text(Some(start), &["-nodiag"]).unwrap());
        assert!(page.starts_with("内部资料注意保密"), "page {start} is not a cover:\n{page}");
        assert!(page.contains(&format!("申报单位：{}", a.unit)), "page {start}:\n{page}");
    }
    for page in 1..=pdf.pages {
        let raw = squash(&pdf.text(Some(page), &["-raw"]).unwrap());
        assert!(raw.contains("李淑敏内部资料注意保密"), "page {page} watermark");
    }
    // Unknown expert: refused with the known names.
    let e = exporter().expert_dossiers(&desk, YEAR, "张三", &mut |_, _| {}).unwrap_err().to_string();
    assert!(e.contains("未找到评审专家：张三") && e.contains("王建华"), "{e}");
}

#[test]
fn score_sheet_grid_of_an_expert() {
    let desk = desk();
    let dir = scratch("score-sheet");
    let sec = desk.local_secretariat();
    let mine: Vec<_> = desk
        .assignments(&sec, YEAR)
        .unwrap()
        .into_iter()
        .filter(|a| a.expert == "王建华" && a.state != SheetState::Recused)
        .collect();
    let pdf = Pdf::new(&exporter().score_sheet(&desk, YEAR, "王建华").unwrap(), &dir, "score-sheet.pdf");
    let Some(all) = pdf.body() else { return };
    let mut expected = strings(&["专家评分表", "评审专家：王建华"]);
    for award in Award::ALL {
        for a in mine.iter().filter(|a| a.award == award) {
            // The grid names units by their short names (湖北省科协).
            expected.push(pingshen_core::units::by_code(&a.unit_code).unwrap().short_name.clone());
            let total = desk
                .dossier_scores(&sec, a.dossier_id)
                .unwrap()
                .into_iter()
                .find(|s| s.assignment_id == a.id)
                .unwrap()
                .total
                .unwrap();
            expected.push(total.to_string());
        }
    }
    expected.extend(strings(&["评审专家签名", "日期"]));
    in_order("score sheet", &all, &expected);
    let raw = squash(&pdf.text(Some(1), &["-raw"]).unwrap());
    assert!(raw.contains("王建华内部资料注意保密"));
}

#[test]
fn results_per_award_with_ranks_and_flags() {
    let desk = desk();
    let dir = scratch("results");
    let pdf = Pdf::new(&exporter().results(&desk, YEAR).unwrap(), &dir, "results.pdf");
    let r = desk.results(&desk.local_secretariat(), YEAR).unwrap();
    let Some(all) = pdf.body() else { return };
    let mut expected = strings(&["2014年度企业科协组织建设“试点示范”和“后补助”评审结果"]);
    for (i, award) in Award::ALL.iter().enumerate() {
        expected.push(format!("{}、“{}”", ["一", "二"][i], award.label()));
        let mut rows: Vec<_> = r.rows.iter().filter(|x| x.award == *award).collect();
        rows.sort_by_key(|x| (x.rank.unwrap_or(u32::MAX), x.unit_order));
        for row in rows {
            expected.push(row.unit.clone());
            if let Some(e) = row.experts.first() {
                expected.push(e.total.to_string());
            }
            if let Some(a) = row.aggregate {
                expected.push(a.to_string());
            }
        }
    }
    in_order("results", &all, &expected);
    if r.rows.iter().any(|x| x.flags.iter().any(|f| f == "disagreement")) {
        assert!(all.contains("专家评分差异较大"), "flag label");
    }
    for name in &r.deviating_experts {
        assert!(all.contains("评分偏离的专家") && all.contains(name.as_str()));
    }
}

// ---------------------------------------------------------------------------------------------
// refusals
// ---------------------------------------------------------------------------------------------

#[test]
fn missing_fonts_and_issuer_are_named() {
    let empty = tempfile::tempdir().unwrap();
    let e = PdfExporter::load(empty.path()).unwrap_err().to_string();
    assert!(e.contains("缺少字体文件") && e.contains(Face::Serif.file_name()), "{e}");
    // Fonts but no issuer.toml: the documents that need it say so; the others work.
    let assets = tempfile::tempdir().unwrap();
    std::fs::create_dir(assets.path().join("fonts")).unwrap();
    for f in Face::ALL {
        std::fs::copy(assets_dir().join("fonts").join(f.file_name()), assets.path().join("fonts").join(f.file_name()))
            .unwrap();
    }
    let ex = PdfExporter::load(assets.path()).unwrap();
    let desk = desk();
    let e = ex.publicity_list(&desk, YEAR).unwrap_err().to_string();
    assert!(e.contains("缺少发文单位信息文件") && e.contains(ISSUER_FILE), "{e}");
    assert!(ex.notice(&desk, YEAR).is_err());
    ex.funding_table(&desk, YEAR).unwrap();
}
