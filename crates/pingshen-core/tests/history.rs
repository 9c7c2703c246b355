//! A unit's history across years (issue 16, item 3): the 2014 year of `support/` carried through
//! publication, then a 2015 year in the same database (opened with `open_campaign`) with its own
//! dossiers, draw and scores. A unit's history equals each year's own results and funding table;
//! the 2015 results rows carry 「上年」 (2014's grade and rank/of, or 首次申报), also in the results
//! PDF (read back with pdftotext) and XLSX (read back with calamine). Who sees what: the
//! secretariat everything, an applicant its own unit with an unpublished year's figures withheld,
//! an expert nothing; an unknown unit is refused naming it and where the names are.

#![allow(clippy::unwrap_used)]

mod support;
use pingshen_core::desk::{previous_cell, previous_cell_lines, HistoryEntry, ResultRow, Results};
use std::io::Cursor;
use support::*;

const NEXT: i32 = 2015;
const N: Option<i32> = Some(NEXT);

/// 2015's dossiers: (unit, award, quality). 北京 applies for the first time; 江苏 now beats 湖北;
/// 四川 moves from pilot to post-subsidy; 湖北 drops its pilot application.
const DOSSIERS_2015: [(&str, &str, f64); 5] = [
    ("湖北省科协", "后补助", 0.90),
    ("江苏省科协", "后补助", 0.97),
    ("浙江省科协", "后补助", 0.70),
    ("北京市科协", "后补助", 0.93),
    ("四川省科协", "后补助", 0.84),
];

/// 2014 carried from the decide stage to publication: 湖北 selected as pilot, the publicity
/// opened, closed after its period, the year published.
fn published_2014() -> Fx {
    let fx = decide_fx(Policy::default());
    let sec = &fx.sec;
    fx.desk.select_pilot(sec, Y, "湖北省科协", "调研考察情况良好").unwrap();
    let p = fx.desk.open_publicity(sec, Y, day("2014-12-01"), None).unwrap();
    fx.desk.close_publicity(sec, Y, p.end.succ_opt().unwrap()).unwrap();
    fx.desk.publish(sec, Y, p.end.succ_opt().unwrap(), Some("科协计函企字〔2014〕68号")).unwrap();
    assert_eq!(fx.stage(), Stage::Published);
    fx
}

/// …then 2015 opened beside it and run to the decide stage (every sheet imported).
fn two_years() -> Fx {
    let fx = published_2014();
    let sec = &fx.sec;
    fx.desk.open_campaign(sec, NEXT, Policy::default()).unwrap();
    let rows: Vec<Vec<String>> =
        DOSSIERS_2015.iter().enumerate().map(|(i, (u, a, _))| drow(u, a, &format!("2015-10-{:02}", 10 + i))).collect();
    let p = fx.csv("2015申报汇总表.csv", &DOSSIER_HEADERS, &rows);
    assert_eq!(fx.desk.import_dossiers(sec, N, &p).unwrap().imported, 5);
    let p = fx.csv("2015评审专家库.csv", &EXPERT_HEADERS, &expert_rows());
    assert_eq!(fx.desk.import_experts(sec, N, &p).unwrap().imported, 8);
    // the 2015 dossiers repeat 2014's texts: the formal check holds those of units that applied
    // in 2014 until the clerk has verified each year-over-year finding
    let out = fx.desk.recommend_auto(sec, N).unwrap();
    for o in &out {
        assert!(o.outcome == "recommended" || (o.outcome == "awaiting_yoy_check" && o.last_year == Y), "{o:?}");
        for f in &o.yoy {
            fx.desk.verify_yoy(sec, o.dossier_id, &f.finding.code, "已与申报单位电话核实").unwrap();
        }
    }
    let out = fx.desk.recommend_auto(sec, N).unwrap();
    assert!(out.iter().all(|o| o.outcome == "recommended"), "{out:?}");
    fx.desk.draw(sec, N, Some(3), 2015).unwrap();
    let c = fx.desk.campaign(N).unwrap();
    let rows: Vec<Vec<String>> = fx
        .desk
        .assignments(sec, N)
        .unwrap()
        .iter()
        .flat_map(|a| {
            let q = DOSSIERS_2015.iter().find(|(u, _, _)| code(u) == a.unit_code).unwrap().2;
            c.rubric(a.award)
                .expert_criteria()
                .map(|k| {
                    let points = Centi(((k.points as f64) * 2.0 * q).round() as i64 * 50);
                    vec![a.expert.clone(), a.unit.clone(), k.id.clone(), points.to_string(), String::new()]
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let p = fx.csv("2015评分录入.csv", &SCORE_HEADERS, &rows);
    assert_eq!(fx.desk.import_scores(sec, N, &p).unwrap().imported, 15);
    assert_eq!(fx.desk.campaign(N).unwrap().stage, Stage::Decide);
    fx
}

fn row<'a>(r: &'a Results, unit: &str, award: Award) -> &'a ResultRow {
    r.rows.iter().find(|x| x.unit_code == code(unit) && x.award == award).unwrap()
}

/// aggregate, rank, of, grade, amount
type Figures = (Option<String>, Option<u32>, Option<u32>, Option<Grade>, Option<i64>);

/// What a year's own results and funding table say of a unit's dossier, as a history entry.
fn from_results(fx: &Fx, year: i32, unit: &str, award: Award) -> Figures {
    let r = fx.desk.results(&fx.sec, Some(year)).unwrap();
    let x = row(&r, unit, award);
    let of = r.rows.iter().filter(|y| y.award == award && y.rank.is_some()).count() as u32;
    let amount = fx
        .desk
        .funding(&fx.sec, Some(year))
        .unwrap()
        .lines
        .iter()
        .find(|l| l.dossier_id == x.dossier_id)
        .map(|l| l.amount_yuan);
    (x.aggregate.map(|a| a.to_string()), x.rank, x.rank.map(|_| of), x.grade, amount)
}

fn figures(e: &HistoryEntry) -> Figures {
    (e.aggregate.clone(), e.rank, e.of, e.grade, e.amount_yuan)
}

/// Issue 16 item 3: 「history of a unit across both years equal to each year's results」 — every
/// entry of every unit that applied in either year has the aggregate as the results show it, the
/// rank, the number ranked of its award, the grade and the funding table's amount of that year.
#[test]
fn history_of_every_unit_equals_each_years_results() {
    let fx = two_years();
    let sec = &fx.sec;
    let units: BTreeSet<&str> = MINI.iter().map(|m| m.0).chain(DOSSIERS_2015.iter().map(|d| d.0)).collect();
    for unit in units {
        let h = fx.desk.history(sec, unit).unwrap();
        let mut expected: Vec<(i32, Award)> = Vec::new();
        for (u, a, _) in MINI {
            if u == unit {
                expected.push((YEAR, Award::parse(a).unwrap()));
            }
        }
        for (u, a, _) in DOSSIERS_2015 {
            if u == unit {
                expected.push((NEXT, Award::parse(a).unwrap()));
            }
        }
        expected.sort();
        assert_eq!(h.iter().map(|e| (e.year, e.award)).collect::<Vec<_>>(), expected, "{unit}");
        for e in &h {
            assert_eq!(e.state, DossierState::Recommended, "{unit} {}", e.year);
            assert_eq!(figures(e), from_results(&fx, e.year, unit, e.award), "{unit} {} {:?}", e.year, e.award);
        }
    }
    // the figures themselves, as the fixture's qualities order them
    let hubei = fx.desk.history(sec, "湖北省科协").unwrap();
    assert_eq!(hubei.len(), 3);
    assert_eq!((hubei[0].year, hubei[0].award, hubei[0].rank, hubei[0].of), (2014, Award::Pilot, Some(1), Some(2)));
    assert_eq!(hubei[0].amount_yuan, Some(200_000), "the pilot selected in 2014");
    assert_eq!((hubei[1].year, hubei[1].award, hubei[1].rank, hubei[1].of), (2014, Award::Subsidy, Some(1), Some(4)));
    assert_eq!(hubei[1].grade, Some(Grade::Excellent));
    assert!(hubei[1].amount_yuan.is_some());
    assert_eq!((hubei[2].year, hubei[2].rank, hubei[2].of), (2015, Some(3), Some(5)));
    // the shown two-decimal string, as the results print it
    assert!(hubei
        .iter()
        .all(|e| e.aggregate.as_deref().is_some_and(|a| a.len() >= 4 && a.as_bytes()[a.len() - 3] == b'.')));
    // a unit that never applied has an empty history, not an error
    assert!(fx.desk.history(sec, "上海市科协").unwrap().is_empty());
}

/// The results' 「上年」: a unit's standing the last year it applied (same award preferred), or
/// none — 首次申报 — for a unit that never applied before; the 2014 results have none at all.
#[test]
fn results_rows_carry_last_years_standing() {
    let fx = two_years();
    let sec = &fx.sec;
    let r14 = fx.desk.results(sec, Y).unwrap();
    assert!(r14.rows.iter().all(|x| x.previous.is_none()));
    assert!(r14.rows.iter().all(|x| previous_cell(x, YEAR) == "首次申报"));

    let r15 = fx.desk.results(sec, N).unwrap();
    let hubei = row(&r15, "湖北省科协", Award::Subsidy);
    let p = hubei.previous.as_ref().unwrap();
    assert_eq!(
        (p.year, p.award, p.rank, p.of, p.grade),
        (2014, Award::Subsidy, Some(1), Some(4), Some(Grade::Excellent))
    );
    assert_eq!(previous_cell(hubei, NEXT), "优秀 1/4");
    assert_eq!(
        Some(p),
        fx.desk.history(sec, "湖北省科协").unwrap().iter().find(|e| e.year == 2014 && e.award == Award::Subsidy)
    );
    let jiangsu = row(&r15, "江苏省科协", Award::Subsidy);
    assert_eq!(previous_cell(jiangsu, NEXT), "优秀 2/4");
    let beijing = row(&r15, "北京市科协", Award::Subsidy);
    assert!(beijing.previous.is_none());
    assert_eq!(previous_cell(beijing, NEXT), "首次申报");
    // 四川 applied for the pilot in 2014 and for the post-subsidy now: the award is named
    let sichuan = row(&r15, "四川省科协", Award::Subsidy);
    let p = sichuan.previous.as_ref().unwrap();
    assert_eq!((p.award, p.rank, p.of), (Award::Pilot, Some(2), Some(2)));
    assert_eq!(previous_cell(sichuan, NEXT), format!("试点示范 {} 2/2", p.grade.unwrap().label()));
}

/// Roles: an applicant sees only its own unit, and a year's figures only once it is published
/// (2015 is still being decided: its state only); an expert is refused. Every refusal is logged.
#[test]
fn applicants_see_their_own_published_years_and_experts_nothing() {
    let fx = two_years();
    let sec = &fx.sec;
    fx.desk.create_user(sec, "hubei", "湖北省科协", Role::Applicant, "hubei-pass-2015", Some("湖北省科协")).unwrap();
    let hubei = fx.desk.login("hubei", "hubei-pass-2015").unwrap();
    let mine = fx.desk.history(&hubei, "湖北省科协").unwrap();
    let all = fx.desk.history(sec, "湖北省科协").unwrap();
    assert_eq!(mine.len(), 3);
    assert_eq!(mine[..2], all[..2], "2014 is published: the same figures as the secretariat's");
    let y15 = &mine[2];
    assert_eq!((y15.year, y15.state), (2015, DossierState::Recommended));
    assert_eq!(figures(y15), (None, None, None, None, None), "2015 is not published: no figure leaks");
    assert!(all[2].aggregate.is_some());

    let denied = fx.audit_actions("access.denied");
    let e = refused(fx.desk.history(&hubei, "江苏省科协"), K::Forbidden, &["本单位", "江苏省科学技术协会"]);
    assert!(!e.contains("优秀"), "{e}");
    assert_eq!(fx.audit_actions("access.denied"), denied + 1);

    fx.desk.set_expert_login(sec, Some(NEXT), "王建国", PW).unwrap();
    let expert = fx.desk.login("王建国", PW).unwrap();
    refused(fx.desk.history(&expert, "湖北省科协"), K::Forbidden, &["评审专家不能查看"]);
    assert_eq!(fx.audit_actions("access.denied"), denied + 2);
}

/// Bad input (issue 16): `history` of an unknown unit — a Chinese message naming what was typed,
/// the closest names and where the names are listed; nothing written.
#[test]
fn unknown_unit_is_refused_naming_it_and_where_the_names_are() {
    let fx = published_2014();
    let before = fx.snapshot();
    let e = refused(
        fx.desk.history(&fx.sec, "湖北科技协会"),
        K::Invalid,
        &["单位", "「湖北科技协会」", "湖北省科学技术协会", "dossiers"],
    );
    assert!(e.contains("不是可申报单位"), "{e}");
    refused(fx.desk.history(&fx.sec, "   "), K::Invalid, &["不是可申报单位"]);
    assert_eq!(fx.snapshot(), before, "a refused history writes nothing");
}

// ---------------------------------------------------------------------------------------------
// the 「上年」 column of the results exports

fn exporter() -> pingshen_core::export::pdf::PdfExporter {
    pingshen_core::export::pdf::PdfExporter::load_default().unwrap()
}

/// The results PDF of 2015 has the column 「上年」 with each unit's 2014 standing (pdftotext), and
/// the 2014 results say 首次申报 throughout.
#[test]
fn results_pdf_has_the_last_year_column() {
    let fx = two_years();
    let pdf = exporter().results(&fx.desk, N).unwrap();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("history-2015评审结果.pdf");
    std::fs::write(&path, &pdf).unwrap();
    // -raw -nodiag: the table's cells in drawing order, the diagonal watermark left out
    let Ok(out) =
        std::process::Command::new("pdftotext").args(["-raw", "-nodiag", path.to_str().unwrap(), "-"]).output()
    else {
        eprintln!("pdftotext is not installed: the PDF's 上年 column is not read back");
        return;
    };
    let text = String::from_utf8(out.stdout).unwrap();
    let header = text.lines().find(|l| l.starts_with("排名")).unwrap_or_else(|| panic!("{text}"));
    assert!(header.contains("等级 上年 提示"), "上年 stands between 等级 and 提示: {header}");
    // each unit's row: from its name to the next row's start
    let row_text = |unit: &str| -> String {
        let from = text.find(&full_name(unit)).unwrap_or_else(|| panic!("{unit} in {text}"));
        let rest = &text[from..];
        let skip = full_name(unit).len();
        let end = DOSSIERS_2015.iter().filter_map(|(u, _, _)| rest[skip..].find(&full_name(u)).map(|k| k + skip)).min();
        rest[..end.unwrap_or(rest.len())].to_string()
    };
    let r15 = fx.desk.results(&fx.sec, N).unwrap();
    for (u, _, _) in DOSSIERS_2015 {
        // the year and award, when said, stand on a line above the standing
        let cell = previous_cell_lines(row(&r15, u, Award::Subsidy), NEXT);
        assert!(row_text(u).contains(&cell), "{u}: {cell} not in {}", row_text(u));
    }
    assert!(row_text("湖北省科协").contains("优秀 1/4"));
    assert!(row_text("四川省科协").contains("试点示范\n"), "{}", row_text("四川省科协"));
    assert!(row_text("北京市科协").contains("首次申报"));
}

/// The results XLSX of 2015 has the column 「上年」 (calamine) with the same texts as the PDF.
#[test]
fn results_xlsx_has_the_last_year_column() {
    use calamine::{Data, Reader, Xlsx};
    let fx = two_years();
    let bytes = pingshen_core::export::xlsx::results_xlsx(&fx.desk, N).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("评审结果").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|d| if let Data::String(s) = d { s.clone() } else { d.to_string() }).collect())
        .collect();
    let header = rows.iter().find(|r| r.iter().any(|c| c == "综合得分")).unwrap();
    let unit_col = header.iter().position(|c| c == "单位").unwrap();
    let prev_col = header.iter().position(|c| c == "上年").unwrap();
    let grade_col = header.iter().position(|c| c == "等级").unwrap();
    assert_eq!(prev_col, grade_col + 1, "上年 stands beside 等级");
    let r15 = fx.desk.results(&fx.sec, N).unwrap();
    let mut seen = 0;
    for r in &rows {
        if let Some((u, _, _)) = DOSSIERS_2015.iter().find(|(u, _, _)| r.get(unit_col) == Some(&full_name(u))) {
            assert_eq!(r[prev_col], previous_cell(row(&r15, u, Award::Subsidy), NEXT), "{u}");
            seen += 1;
        }
    }
    assert_eq!(seen, 5);
    let cell = |u: &str| rows.iter().find(|r| r.get(unit_col) == Some(&full_name(u))).unwrap()[prev_col].clone();
    assert_eq!(cell("湖北省科协"), "优秀 1/4");
    assert_eq!(cell("北京市科协"), "首次申报");
}
