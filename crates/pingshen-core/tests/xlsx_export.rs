//! XLSX exports: a 2014 campaign is run through the `Desk` API, every expert's scores go in
//! through their own score-sheet template (generated, read back with calamine, filled, written
//! with rust_xlsxwriter, imported), and every export is read back with calamine and compared with
//! the store. LibreOffice (if installed) must convert every file to PDF.

#![allow(clippy::unwrap_used)]

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use pingshen_core::decimal::Centi;
use pingshen_core::desk::Desk;
use pingshen_core::export::xlsx::{
    funding_table_xlsx, publicity_list_xlsx, results_xlsx, save_atomic, score_sheet_xlsx,
};
use pingshen_core::import::{DOSSIER_HEADERS, EXPERT_HEADERS, SCORE_HEADERS};
use pingshen_core::model::{Award, ScoreInput};
use pingshen_core::rules::Policy;
use pingshen_core::workflow::{SheetState, Stage};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const YEAR: i32 = 2014;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// (unit, award, quality 0..1 that drives the experts' scores, new associations of a task of 30)
const DOSSIERS: &[(&str, &str, f64, i64)] = &[
    ("湖北省科协", "后补助", 0.96, 30),
    ("江苏省科协", "后补助", 0.92, 30),
    ("浙江省科协", "后补助", 0.90, 27),
    ("广东省科协", "后补助", 0.86, 30),
    ("四川省科协", "后补助", 0.70, 20),
    ("武汉市科协", "后补助", 0.55, 12),
    ("湖北省科协", "试点示范", 0.93, 30),
    ("山东省科协", "试点示范", 0.80, 25),
    ("深圳市科协", "试点示范", 0.88, 30),
];

/// (name, employer, province, conflicts); 赵严 scores harshly on purpose (deviating expert).
const EXPERTS: &[(&str, &str, &str, &str)] = &[
    ("王建国", "北京大学", "北京市", ""),
    ("李明", "天津大学", "天津", ""),
    ("张华", "河北工业大学", "河北省", "江苏省科协"),
    ("刘芳", "山西大学", "山西省", ""),
    ("陈静", "内蒙古大学", "内蒙古自治区", ""),
    ("杨帆", "大连理工大学", "辽宁省", ""),
    ("赵严", "吉林大学", "吉林省", ""),
    ("孙立", "哈尔滨工业大学", "黑龙江省", ""),
];

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

fn csv_line(cells: &[String]) -> String {
    cells.iter().map(|c| if c.contains(',') { format!("\"{c}\"") } else { c.clone() }).collect::<Vec<_>>().join(",")
}

/// Opens the 2014 campaign, imports dossiers and experts, recommends and draws.
fn campaign_in_review(dir: &Path) -> Desk {
    let desk = Desk::open_in_memory().unwrap();
    let a = desk.local_secretariat();
    desk.open_campaign(&a, YEAR, Policy::default()).unwrap();
    let mut text = DOSSIER_HEADERS.join(",") + "\n";
    for (unit, award, _, new) in DOSSIERS {
        let matching = if *award == "试点示范" { "30" } else { "" };
        let row: Vec<String> = [
            unit,
            award,
            "张联络",
            "027-87654321",
            "2014-10-20",
            "12000",
            "900",
            &new.to_string(),
            "30",
            "400",
            "20",
            "9",
            "6",
            "3",
            "12",
            "8",
            matching,
            "主要领导亲自抓，列入议事日程，专人负责企业科协工作。",
            "全年新建企业科协多家，园区科协覆盖率稳步提高。",
            "开展讲理想比贡献、金桥工程等活动，服务企业技术创新。",
            "探索一业一会和三带工作法，形成了可推广的经验。",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        text += &(csv_line(&row) + "\n");
    }
    let p = dir.join("申报汇总表.csv");
    write(&p, &text);
    let rep = desk.import_dossiers(&a, Some(YEAR), &p).unwrap();
    assert_eq!(rep.imported, DOSSIERS.len());
    let out = desk.recommend_auto(&a, Some(YEAR)).unwrap();
    assert!(out.iter().all(|o| o.outcome == "recommended"), "{out:?}");

    let mut text = EXPERT_HEADERS.join(",") + "\n";
    for (name, employer, prov, conflicts) in EXPERTS {
        text += &format!("{name},{employer},{prov},企业管理,010-12345678,{conflicts}\n");
    }
    let p = dir.join("评审专家库.csv");
    write(&p, &text);
    desk.import_experts(&a, Some(YEAR), &p).unwrap();
    desk.draw(&a, Some(YEAR), None, 20141103).unwrap();
    desk
}

/// What an expert types for a criterion: max × (quality ± the expert's leaning), on the 0.5 step.
fn typed_score(expert: &str, unit_full: &str, award: Award, max: i64) -> Centi {
    let (_, _, q, _) = DOSSIERS
        .iter()
        .find(|(u, a, _, _)| {
            pingshen_core::units::find(u).unwrap().full_name == unit_full && Award::parse(a) == Some(award)
        })
        .unwrap();
    let idx = EXPERTS.iter().position(|e| e.0 == expert).unwrap() as f64;
    let lean = if expert == "赵严" { -0.35 } else { (idx % 3.0 - 1.0) * 0.03 };
    let f = (q + lean).clamp(0.0, 1.0);
    let halves = (max as f64 * 100.0 * f / 50.0).round() as i64;
    Centi((halves * 50).clamp(0, max * 100))
}

/// The sheet as an absolute grid of cells (rows and columns from A1).
fn grid(bytes: &[u8], sheet: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    let (h, w) = range.end().map(|(r, c)| (r as usize + 1, c as usize + 1)).unwrap_or((0, 0));
    let mut g = vec![vec![Data::Empty; w]; h];
    for (r, c, v) in range.used_cells() {
        let (r0, c0) = range.start().unwrap();
        g[r + r0 as usize][c + c0 as usize] = v.clone();
    }
    g
}

fn formulas(bytes: &[u8], sheet: &str) -> BTreeMap<(usize, usize), String> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let range = wb.worksheet_formula(sheet).unwrap();
    let (r0, c0) = range.start().unwrap_or((0, 0));
    range
        .used_cells()
        .filter(|(_, _, f)| !f.is_empty())
        .map(|(r, c, f)| ((r + r0 as usize, c + c0 as usize), f.clone()))
        .collect()
}

fn sheet_names(bytes: &[u8]) -> Vec<String> {
    let wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    wb.sheet_names()
}

fn s(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(x) => x.clone(),
        other => other.to_string(),
    }
}

fn f(d: &Data) -> Option<f64> {
    match d {
        Data::Float(x) => Some(*x),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn col(header: &[Data], name: &str) -> usize {
    header.iter().position(|h| s(h) == name).unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Fills an expert's template: reads it back, types every 得分 (and an 意见), writes a new XLSX
/// with rust_xlsxwriter keeping every column of the template. Returns what was typed.
fn fill_template(template: &[u8], out: &Path, desk: &Desk) -> BTreeMap<(String, String, String), (Centi, String)> {
    let g = grid(template, "评分录入");
    let header = &g[0];
    assert_eq!(
        header.iter().take(5).map(s).collect::<Vec<_>>(),
        SCORE_HEADERS.to_vec(),
        "the import headers come first, in order"
    );
    let c = desk.campaign(Some(YEAR)).unwrap();
    let (ce, cu, ck, cs, cc, ca) = (
        col(header, "专家"),
        col(header, "单位"),
        col(header, "评分项"),
        col(header, "得分"),
        col(header, "意见"),
        col(header, "类别（参考）"),
    );
    let mut typed = BTreeMap::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (i, h) in header.iter().enumerate() {
        ws.write_string(0, i as u16, s(h)).unwrap();
    }
    for (r, row) in g.iter().enumerate().skip(1) {
        let (expert, unit, crit) = (s(&row[ce]), s(&row[cu]), s(&row[ck]));
        assert!(
            row[cs] == Data::Empty || s(&row[cc]) == "草稿意见",
            "a pending sheet's 得分 starts empty unless a draft was saved"
        );
        let award = Award::parse(&s(&row[ca])).unwrap();
        let k = c.rubric(award).criterion(&crit).unwrap_or_else(|| panic!("{crit} is a criterion of {award:?}"));
        assert!(!k.is_auto(), "auto criteria are never typed");
        let v = typed_score(&expert, &unit, award, k.points);
        let comment = if r % 4 == 0 { format!("{unit}{crit}：材料翔实，特色鲜明") } else { String::new() };
        for (i, cell) in row.iter().enumerate() {
            if i == cs {
                ws.write_number(r as u32, i as u16, v.as_f64()).unwrap();
            } else if i == cc {
                ws.write_string(r as u32, i as u16, &comment).unwrap();
            } else if let Some(x) = f(cell) {
                ws.write_number(r as u32, i as u16, x).unwrap();
            } else {
                ws.write_string(r as u32, i as u16, s(cell)).unwrap();
            }
        }
        assert!(typed.insert((expert, unit, crit), (v, comment)).is_none(), "one row per criterion");
    }
    wb.save(out).unwrap();
    typed
}

/// Converts with LibreOffice to PDF when it is installed (own profile, 180 s limit).
fn soffice_converts(file: &Path, outdir: &Path) {
    let Some(soffice) = ["soffice", "libreoffice"]
        .iter()
        .find(|b| std::process::Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()))
    else {
        println!("note: soffice is not installed; skipped the LibreOffice conversion of {}", file.display());
        return;
    };
    let profile = outdir.join("lo-profile");
    let mut child = std::process::Command::new(soffice)
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(outdir)
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "soffice failed on {}", file.display());
            break;
        }
        if start.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            panic!("soffice did not finish converting {}", file.display());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let pdf = outdir.join(file.with_extension("pdf").file_name().unwrap());
    let bytes = std::fs::read(&pdf).unwrap_or_else(|_| panic!("no PDF from {}", file.display()));
    assert!(bytes.starts_with(b"%PDF") && bytes.len() > 1000, "{} converted to an empty PDF", file.display());
}

#[test]
fn exports_match_the_store_and_templates_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let desk = campaign_in_review(dir);
    let a = desk.local_secretariat();

    // ---- refusals before there is anything to export
    let e = publicity_list_xlsx(&desk, Some(YEAR)).unwrap_err().to_string();
    assert!(e.contains("尚未开始公示"), "{e}");
    let e = funding_table_xlsx(&desk, Some(YEAR)).unwrap_err().to_string();
    assert!(e.contains("尚无经费安排"), "{e}");
    let e = score_sheet_xlsx(&desk, Some(YEAR), "钱不存在").unwrap_err().to_string();
    assert!(e.contains("钱不存在") && e.contains("王建国"), "{e}");

    // results can be exported while the review runs: no scores yet, nothing ranked
    let early = results_xlsx(&desk, Some(YEAR)).unwrap();
    let g = grid(&early, "评审结果");
    let h = g[2].clone();
    let data: Vec<&Vec<Data>> = g.iter().skip(3).filter(|r| f(&r[0]).is_some()).collect();
    assert_eq!(data.len(), DOSSIERS.len());
    for row in data {
        assert_eq!(f(&row[col(&h, "评分专家数")]), Some(0.0));
        assert_eq!(row[col(&h, "综合得分")], Data::Empty);
        assert!(s(&row[col(&h, "提示")]).contains("有效评分不足"));
    }

    // an expert's draft (saved, not submitted) is pre-filled in their template
    let drafter = "李明";
    desk.set_expert_login(&a, Some(YEAR), drafter, "draft-pass-2014").unwrap();
    let ex = desk.login(drafter, "draft-pass-2014").unwrap();
    desk.accept_pledge(&ex, Some(YEAR), drafter).unwrap();
    let first =
        desk.assignments(&ex, Some(YEAR)).unwrap().into_iter().find(|x| x.state == SheetState::Pending).unwrap();
    let crit = desk.campaign(Some(YEAR)).unwrap().rubric(first.award).expert_criteria().next().unwrap().id.clone();
    let draft = ScoreInput { criterion: crit.clone(), points: Centi(750), comment: "草稿意见".into() };
    desk.save_scores(&ex, first.id, &[draft]).unwrap();
    let t = score_sheet_xlsx(&desk, Some(YEAR), drafter).unwrap();
    let g = grid(&t, "评分录入");
    let row = g.iter().find(|r| s(&r[1]) == first.unit && s(&r[2]) == crit).unwrap();
    assert_eq!((f(&row[3]), s(&row[4])), (Some(7.5), "草稿意见".to_string()));

    // ---- every expert scores through their own template
    let mut typed_all = BTreeMap::new();
    let mut first_template = Vec::new();
    let experts = desk.experts(&a, Some(YEAR)).unwrap();
    assert_eq!(experts.len(), EXPERTS.len());
    let assignments = desk.assignments(&a, Some(YEAR)).unwrap();
    for (i, e) in experts.iter().enumerate() {
        let mine: Vec<_> =
            assignments.iter().filter(|x| x.expert == e.name && x.state != SheetState::Recused).collect();
        if mine.is_empty() {
            assert!(score_sheet_xlsx(&desk, Some(YEAR), &e.name).is_err());
            continue;
        }
        let template = score_sheet_xlsx(&desk, Some(YEAR), &e.name).unwrap();
        let names = sheet_names(&template);
        assert_eq!(names[0], "评分录入", "the importer reads the first sheet");
        let tpath = dir.join(format!("评分录入表-{}.xlsx", e.name));
        save_atomic(&tpath, &template).unwrap();
        // rows: every assigned dossier × every expert criterion of its rubric
        let c = desk.campaign(Some(YEAR)).unwrap();
        let expected_rows: usize = mine.iter().map(|x| c.rubric(x.award).expert_criteria().count()).sum();
        assert_eq!(grid(&template, "评分录入").len() - 1, expected_rows, "{}", e.name);
        // the unfilled template is refused by the importer (得分 empty) and nothing is kept
        let err = desk.import_scores(&a, Some(YEAR), &tpath).unwrap_err().to_string();
        assert!(err.contains("「得分」列") && err.contains("不能为空"), "{err}");
        let filled = dir.join(format!("评分录入-{}-已填.xlsx", e.name));
        let typed = fill_template(&template, &filled, &desk);
        let rep = desk.import_scores(&a, Some(YEAR), &filled).unwrap();
        assert_eq!(rep.imported, mine.len());
        if i == 0 {
            soffice_converts(&tpath, dir);
            first_template = template.clone();
        }
        typed_all.extend(typed);
    }
    let c = desk.campaign(Some(YEAR)).unwrap();
    assert_eq!(c.stage, Stage::Decide, "the last import ends the review");

    // the round trip: the store holds exactly what was typed in the templates
    let mut seen = 0;
    for x in desk.assignments(&a, Some(YEAR)).unwrap() {
        if x.state == SheetState::Recused {
            continue;
        }
        assert_eq!(x.state, SheetState::Submitted);
        let sheets = desk.dossier_scores(&a, x.dossier_id).unwrap();
        let sheet = sheets.iter().find(|s| s.assignment_id == x.id).unwrap();
        for k in c.rubric(x.award).expert_criteria() {
            let (v, cm) = &typed_all[&(x.expert.clone(), x.unit.clone(), k.id.clone())];
            let got = sheet.scores.iter().find(|s| s.criterion == k.id).unwrap();
            assert_eq!((&got.points, &got.comment), (v, cm), "{} {} {}", x.expert, x.unit, k.id);
            seen += 1;
        }
    }
    assert_eq!(seen, typed_all.len());

    // after submission the template lists the locked scores on a reference sheet only
    let wang = score_sheet_xlsx(&desk, Some(YEAR), "王建国").unwrap();
    let t = &wang;
    assert_eq!(grid(t, "评分录入").len(), 1, "only the header: nothing left to score");
    let done = grid(t, "已提交评分");
    let h = &done[0];
    for row in &done[1..] {
        let award = Award::parse(&s(&row[col(h, "类别")])).unwrap();
        let (v, _) = &typed_all[&("王建国".to_string(), s(&row[col(h, "单位")]), s(&row[col(h, "评分项")]))];
        assert_eq!(f(&row[col(h, "得分")]), Some(v.as_f64()));
        let _ = award;
    }

    // ---- decide: a pilot unit, one adjusted post-subsidy amount
    desk.select_pilot(&a, Some(YEAR), "湖北省科协", "调研考察和平时掌握情况表明其工作成效突出").unwrap();
    let before = desk.funding(&a, Some(YEAR)).unwrap();
    let subsidy: Vec<_> = before.lines.iter().filter(|l| l.award == Award::Subsidy).collect();
    assert!(subsidy.len() >= 2, "several excellent post-subsidy units: {:?}", before.lines);
    let last = subsidy.last().unwrap();
    desk.adjust_funding(&a, Some(YEAR), &last.unit, Award::Subsidy, 125_500, "按专家组意见微调").unwrap();

    // ---- results
    let results = desk.results(&a, Some(YEAR)).unwrap();
    let rx = results_xlsx(&desk, Some(YEAR)).unwrap();
    assert_eq!(sheet_names(&rx), vec!["评审结果", "评分明细"]);
    let g = grid(&rx, "评审结果");
    assert!(s(&g[0][0]).contains("2014年度") && s(&g[0][0]).contains("评审结果"));
    let h = g[2].clone();
    let (cu, ca) = (col(&h, "单位"), col(&h, "类别"));
    let mut n = 0;
    for row in g.iter().skip(3).filter(|r| f(&r[0]).is_some()) {
        let r = results.rows.iter().find(|x| x.unit == s(&row[cu]) && x.award.label() == s(&row[ca])).unwrap();
        n += 1;
        assert_eq!(f(&row[0]), Some(n as f64), "序号");
        assert_eq!(f(&row[col(&h, "评分专家数")]), Some(r.n_scores as f64));
        for (p, e) in r.experts.iter().enumerate() {
            assert_eq!(f(&row[col(&h, &format!("专家{}总分", p + 1))]), Some(e.total.as_f64()));
        }
        assert_eq!(f(&row[col(&h, "综合得分")]), r.aggregate.map(|x| x.shown().as_f64()));
        assert_eq!(f(&row[col(&h, "平均分")]), r.mean.map(|x| x.shown().as_f64()));
        assert_eq!(f(&row[col(&h, "中位数")]), r.median.map(|x| x.shown().as_f64()));
        assert_eq!(f(&row[col(&h, "排名")]), r.rank.map(|x| x as f64));
        assert_eq!(s(&row[col(&h, "等级")]), r.grade.map(|x| x.label()).unwrap_or(""));
        assert_eq!(f(&row[col(&h, "自动评分小计")]), Some(r.auto_subtotal.as_f64()));
        let names = s(&row[col(&h, "评分专家（按专家1、专家2……顺序）")]);
        assert_eq!(names, r.experts.iter().map(|e| e.expert.as_str()).collect::<Vec<_>>().join("、"));
        let flags = s(&row[col(&h, "提示")]);
        if r.flags.iter().any(|f| f == "disagreement") {
            assert!(flags.contains("差异较大"), "{flags}");
        }
    }
    assert_eq!(n, results.rows.len());
    assert!(results.deviating_experts.contains(&"赵严".to_string()), "{:?}", results.deviating_experts);
    assert!(g.iter().any(|r| s(&r[0]).contains("评分偏离的专家") && s(&r[0]).contains("赵严")));

    // 评分明细: every criterion of every sheet, and each sheet's total
    let d = grid(&rx, "评分明细");
    let h = d[0].clone();
    let fm = formulas(&rx, "评分明细");
    let (cu, ce, ck, cs) = (col(&h, "单位"), col(&h, "专家"), col(&h, "评分项编号"), col(&h, "得分"));
    let mut totals = 0;
    let mut crits = 0;
    for row in &results.rows {
        for sheet in desk.dossier_scores(&a, row.dossier_id).unwrap() {
            if sheet.state == SheetState::Recused {
                continue;
            }
            let mine: Vec<(usize, &Vec<Data>)> = d
                .iter()
                .enumerate()
                .filter(|(_, r)| {
                    s(&r[cu]) == row.unit && s(&r[ce]) == sheet.expert && s(&r[col(&h, "类别")]) == row.award.label()
                })
                .collect();
            assert_eq!(mine.len(), c.rubric(row.award).criteria.len() + 1);
            for pingshen_core::desk::SheetScore { criterion: id, points: v, .. } in &sheet.scores {
                let r = mine.iter().find(|(_, r)| s(&r[ck]) == *id).unwrap();
                assert_eq!(f(&r.1[cs]), Some(v.as_f64()), "{} {} {id}", row.unit, sheet.expert);
                crits += 1;
            }
            let (ti, total) = mine.iter().find(|(_, r)| s(&r[col(&h, "计分方式")]) == "合计").unwrap();
            assert_eq!(f(&total[cs]), sheet.total.map(|t| t.as_f64()));
            assert!(fm[&(*ti, cs)].starts_with("SUM("), "{:?}", fm.get(&(*ti, cs)));
            totals += 1;
        }
    }
    assert!(totals >= 40 && crits > totals * 6, "{totals} {crits}");

    // ---- funding table
    let t = desk.funding(&a, Some(YEAR)).unwrap();
    let fx = funding_table_xlsx(&desk, Some(YEAR)).unwrap();
    let g = grid(&fx, "经费安排表");
    let fm = formulas(&fx, "经费安排表");
    assert!(s(&g[0][0]).contains("经费安排表"));
    let h = g[2].clone();
    assert_eq!(
        h.iter().map(s).collect::<Vec<_>>(),
        ["序号", "单位", "类别", "评审得分", "等级", "金额（万元）", "配套资金（万元）", "拨付时限", "备注"]
    );
    let (cf, cm) = (5usize, 6usize);
    for (i, l) in t.lines.iter().enumerate() {
        let row = &g[3 + i];
        assert_eq!(f(&row[0]), Some(i as f64 + 1.0));
        assert_eq!(s(&row[1]), l.unit);
        assert_eq!(s(&row[2]), l.award.label());
        assert_eq!(f(&row[3]), l.aggregate.map(|x| x.shown().as_f64()));
        assert_eq!(s(&row[4]), l.grade.map(|x| x.label()).unwrap_or(""));
        assert!(close(f(&row[cf]).unwrap(), l.amount_yuan as f64 / 10_000.0), "{} {:?}", l.unit, row[cf]);
        if l.award == Award::Pilot {
            assert!(close(f(&row[cm]).unwrap(), l.matching_yuan as f64 / 10_000.0));
            assert_eq!(s(&row[7]), "2014年9月30日前");
        } else {
            assert_eq!(s(&row[7]), "2015年3月31日前");
        }
        assert_eq!(s(&row[8]), l.note);
    }
    assert!(t.lines.iter().any(|l| l.amount_yuan == 125_500 && l.note == "按专家组意见微调"));
    let tr = 3 + t.lines.len();
    let label = |r: usize| s(&g[r][0]);
    assert_eq!(label(tr), "合计");
    assert!(close(f(&g[tr][cf]).unwrap(), t.total_yuan as f64 / 10_000.0));
    assert_eq!(fm[&(tr, cf)], format!("SUM(F4:F{})", 3 + t.lines.len()));
    assert_eq!(fm[&(tr, cm)], format!("SUM(G4:G{})", 3 + t.lines.len()));
    let matching: i64 = t.lines.iter().map(|l| l.matching_yuan).sum();
    assert!(close(f(&g[tr][cm]).unwrap(), matching as f64 / 10_000.0));
    assert_eq!(label(tr + 1), "其中：试点示范");
    assert!(close(f(&g[tr + 1][cf]).unwrap(), t.pilot_total_yuan as f64 / 10_000.0));
    assert!(fm[&(tr + 1, cf)].starts_with("SUMIF(C4:C"));
    assert_eq!(label(tr + 2), "其中：后补助");
    assert!(close(f(&g[tr + 2][cf]).unwrap(), t.subsidy_total_yuan as f64 / 10_000.0));
    assert_eq!(label(tr + 3), "年度后补助预算");
    assert!(close(f(&g[tr + 3][cf]).unwrap(), 300.0));
    assert_eq!(label(tr + 4), "预算结余");
    assert!(close(f(&g[tr + 4][cf]).unwrap(), t.subsidy_remaining_yuan as f64 / 10_000.0));
    assert_eq!(fm[&(tr + 4, cf)], format!("F{}-F{}", tr + 4, tr + 3));
    assert_eq!(t.total_yuan, t.lines.iter().map(|l| l.amount_yuan).sum::<i64>());

    // ---- publicity list
    let p = desk.open_publicity(&a, Some(YEAR), day("2014-12-01"), None).unwrap();
    let px = publicity_list_xlsx(&desk, Some(YEAR)).unwrap();
    let g = grid(&px, "公示名单");
    assert_eq!(s(&g[0][0]), "2014年度企业科协组织建设“试点示范”和“后补助”拟支持单位公示名单");
    assert_eq!(
        s(&g[1][0]),
        format!("公示期：2014年12月1日至2014年12月{}日（5个工作日）", chrono::Datelike::day(&p.end))
    );
    assert_eq!(g[3].iter().map(s).collect::<Vec<_>>(), ["序号", "单位", "类别", "拟支持金额（万元）"]);
    for (i, r) in p.rows.iter().enumerate() {
        let row = &g[4 + i];
        assert_eq!(f(&row[0]), Some(i as f64 + 1.0));
        assert_eq!(s(&row[1]), r.unit);
        assert_eq!(s(&row[2]), r.award.label());
        assert!(close(f(&row[3]).unwrap(), r.amount_yuan as f64 / 10_000.0));
    }
    assert!(g.iter().any(|r| s(&r[0]).contains("中国科协计划财务部") && s(&r[0]).contains("真实姓名")));

    // ---- files: saved atomically, opened by LibreOffice
    let out = dir.join("out");
    std::fs::create_dir(&out).unwrap();
    let files: Vec<(PathBuf, &Vec<u8>)> =
        vec![(out.join("评审结果.xlsx"), &rx), (out.join("经费安排表.xlsx"), &fx), (out.join("公示名单.xlsx"), &px)];
    for (path, bytes) in &files {
        save_atomic(path, bytes).unwrap();
        assert_eq!(&std::fs::read(path).unwrap(), *bytes);
        soffice_converts(path, &out);
    }
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    if let Ok(keep) = std::env::var("PINGSHEN_XLSX_OUT") {
        for (path, bytes) in &files {
            std::fs::write(Path::new(&keep).join(path.file_name().unwrap()), bytes).unwrap();
        }
        std::fs::write(Path::new(&keep).join("评分录入表-王建国-已提交.xlsx"), &wang).unwrap();
        std::fs::write(Path::new(&keep).join("评分录入表-王建国-空白.xlsx"), &first_template).unwrap();
    }
}

#[test]
fn save_atomic_refuses_unwritable_paths_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("没有这个文件夹").join("经费安排表.xlsx");
    let e = save_atomic(&missing, b"x").unwrap_err().to_string();
    assert!(e.contains("无法保存") && e.contains("文件夹不存在"), "{e}");
    assert!(!missing.exists());
    let e = save_atomic(tmp.path(), b"x").unwrap_err().to_string();
    assert!(e.contains("文件夹"), "{e}");
    // an existing file is replaced whole
    let p = tmp.path().join("公示名单.xlsx");
    save_atomic(&p, b"old").unwrap();
    save_atomic(&p, b"new contents").unwrap();
    assert_eq!(std::fs::read(&p).unwrap(), b"new contents");
    let names: Vec<String> =
        std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, vec!["公示名单.xlsx".to_string()], "no temporary file is left behind");
    // a read-only folder (only meaningful when not running as root)
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let ro = tmp.path().join("只读");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        let target = ro.join("评审结果.xlsx");
        if std::fs::File::create(ro.join("probe")).is_err() {
            let e = save_atomic(&target, b"x").unwrap_err().to_string();
            assert!(e.contains("无法保存") && e.contains("没有写入权限"), "{e}");
            assert!(!target.exists());
        } else {
            println!("note: running with permission to write a read-only folder (root); skipped that case");
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}
