//! Integration tests of the `Desk` importers: every spreadsheet import is all or nothing, and each
//! refusal names row, column and fix (SPEC "Spreadsheet formats"). Fixtures in `tests/support/mod.rs`.

#![allow(clippy::unwrap_used)]

mod support;
use support::*;

// =============================================================================================
// 5. Imports: all or nothing

/// SPEC "Spreadsheet formats" (申报汇总表) and "Eligible units": a file whose LAST row is bad —
/// unknown unit, duplicate row, ineligible 苏州市科协, wrong award name, parks with associations
/// above parks, a non-numeric cell, a negative number, a bad date, a dossier already in the
/// database — is refused as a whole with the row and column named, and the database is unchanged
/// (dossiers and audit rows counted before and after).
#[test]
fn dossier_import_with_a_bad_last_row_keeps_nothing() {
    let fx = Fx::new(Policy::default());
    let good: Vec<Vec<String>> = mini_dossier_rows()[..5].to_vec();
    let last_row = good.len() + 2; // header = row 1
    let base = drow("四川省科协", "试点示范", "2014-10-20");
    let set = |col: &str, v: &str| {
        let mut r = base.clone();
        r[dcol(col)] = v.into();
        r
    };
    let cases: Vec<(&str, Vec<String>, &str, &str)> = vec![
        ("unknown unit", set("单位名称", "四川科技协会"), "单位名称", "四川省科学技术协会"),
        ("duplicate row", good[0].clone(), "单位名称", "与第2行重复"),
        ("ineligible unit", set("单位名称", "苏州市科协"), "单位名称", "不是可申报单位：苏州市科协"),
        ("wrong award", set("申报类别", "优秀奖"), "申报类别", "请填写「试点示范」或「后补助」"),
        ("parts above whole", set("已建科协园区数", "41"), "已建科协园区数", "大于「园区总数」40"),
        ("non-numeric", set("园区总数", "四十"), "园区总数", "不是整数"),
        ("negative", set("企业科协总数", "-5"), "企业科协总数", "负数"),
        ("negative matching funds", set("配套资金（万元）", "-3"), "配套资金（万元）", "不能为负数"),
        ("bad date", set("提交日期", "2014-13-01"), "提交日期", "YYYY-MM-DD"),
        ("missing unit", set("单位名称", ""), "单位名称", "不能为空"),
    ];
    for (what, bad, col, needle) in cases {
        let mut rows = good.clone();
        rows.push(bad);
        let p = fx.csv(&format!("申报-{what}.csv"), &DOSSIER_HEADERS, &rows);
        let before = fx.snapshot();
        let e = expect_err(fx.desk.import_dossiers(&fx.sec, Y, &p));
        import_problem(&e, last_row, col, needle);
        if let Error::Import { file, .. } = &e {
            assert_eq!(file, &format!("申报-{what}.csv"));
        }
        assert_eq!(fx.snapshot(), before, "{what}: the database must be unchanged");
        assert_eq!(fx.count("dossiers"), 0, "{what}");
    }

    // a dossier already in the database
    let first = fx.csv("申报-第一批.csv", &DOSSIER_HEADERS, &good[..1]);
    fx.desk.import_dossiers(&fx.sec, Y, &first).unwrap();
    let mut rows: Vec<Vec<String>> = good[1..].to_vec();
    rows.push(good[0].clone());
    let p = fx.csv("申报-重复入库.csv", &DOSSIER_HEADERS, &rows);
    let before = fx.snapshot();
    let e = expect_err(fx.desk.import_dossiers(&fx.sec, Y, &p));
    import_problem(&e, rows.len() + 1, "单位名称", "已在库中");
    assert_eq!(fx.snapshot(), before);
    assert_eq!(fx.count("dossiers"), 1);

    // and the good file goes in whole
    let p = fx.csv("申报-其余.csv", &DOSSIER_HEADERS, &good[1..]);
    assert_eq!(fx.desk.import_dossiers(&fx.sec, Y, &p).unwrap().imported, 4);
    assert_eq!(fx.count("dossiers"), 5);
    assert_eq!(fx.audit_actions("dossier.import"), 5);
}

/// SPEC "Spreadsheet formats" (评审专家库): a bad last row — unknown province, unknown conflict
/// unit, duplicate name — refuses the whole file with row and column, nothing kept; a good file
/// accepts the short province (湖北) and conflicts separated by ；or ;.
#[test]
fn expert_import_with_a_bad_last_row_keeps_nothing() {
    let fx = Fx::new(Policy::default());
    let good = expert_rows();
    let last_row = good.len() + 2;
    let row = |name: &str, prov: &str, conf: &str| {
        vec![
            name.to_string(),
            "武汉大学".into(),
            prov.to_string(),
            "科技统计".into(),
            "13900000000".into(),
            conf.to_string(),
        ]
    };
    let cases = vec![
        ("unknown province", row("周新", "火星省", ""), "所在省份", "不是省级行政区名称"),
        ("unknown conflict unit", row("周新", "湖北", "苏州市科协"), "回避单位", "不是可申报单位"),
        ("duplicate name", row("王建国", "湖北", ""), "姓名", "与第2行重复"),
        (
            "missing employer",
            vec!["周新".into(), String::new(), "湖北".into(), String::new(), String::new(), String::new()],
            "工作单位",
            "不能为空",
        ),
    ];
    for (what, bad, col, needle) in cases {
        let mut rows = good.clone();
        rows.push(bad);
        let p = fx.csv(&format!("专家-{what}.csv"), &EXPERT_HEADERS, &rows);
        let before = fx.snapshot();
        let e = expect_err(fx.desk.import_experts(&fx.sec, Y, &p));
        import_problem(&e, last_row, col, needle);
        assert_eq!(fx.snapshot(), before, "{what}");
        assert_eq!(fx.count("experts"), 0);
    }
    let mut rows = good.clone();
    rows.push(row("周新", "湖北", "湖南省科协；江西省科协;重庆市科协"));
    let p = fx.csv("专家.csv", &EXPERT_HEADERS, &rows);
    assert_eq!(fx.desk.import_experts(&fx.sec, Y, &p).unwrap().imported, 9);
    let zhou = fx.desk.experts(&fx.sec, Y).unwrap().into_iter().find(|e| e.name == "周新").unwrap();
    assert_eq!(zhou.province, "湖北");
    assert_eq!(zhou.conflicts.len(), 3, "{zhou:?}");
    // importing again: every name is already in the panel
    let before = fx.snapshot();
    let e = expect_err(fx.desk.import_experts(&fx.sec, Y, &p));
    import_problem(&e, 2, "姓名", "已在专家库中");
    assert_eq!(fx.snapshot(), before);
}

/// SPEC "Spreadsheet formats" (评分录入): 「Importing a row for a pair that is not assigned, a recused
/// pair, an incomplete pair, an auto criterion, a score out of bounds or off the 0.5 step is
/// refused with the row number; nothing of that file is kept.」 Each case is the LAST row of an
/// otherwise complete file for all 18 sheets; afterwards the good file goes in whole.
#[test]
fn score_import_refusals_keep_nothing() {
    let fx = review_fx(Policy::default());
    let all = fx.assignments();
    let full: Vec<Vec<String>> = all.iter().flat_map(|a| fx.score_rows(a)).collect();
    let n = full.len() + 1; // last row number of the full file
                            // an expert not assigned to 江苏 (and not recused from it)
    let js = code("江苏省科协");
    let unassigned =
        EXPERTS.iter().map(|e| e.0).find(|e| !all.iter().any(|a| a.expert == *e && a.unit_code == js)).unwrap();
    let on_js = all.iter().find(|a| a.unit_code == js).unwrap();
    // a panel member from 湖北 added after the draw: recused from 湖北 by province
    fx.desk
        .add_expert(
            &fx.sec,
            Y,
            pingshen_core::model::ExpertInput {
                name: "周新".into(),
                employer: "武汉大学".into(),
                province: "湖北省".into(),
                field: String::new(),
                phone: String::new(),
                conflicts: vec![],
            },
        )
        .unwrap();
    let last = full.last().unwrap().clone();
    let with_last = |r: Vec<String>| {
        let mut v = full.clone();
        v.push(r);
        v
    };
    let replace_last = |col: usize, val: &str| {
        let mut v = full.clone();
        v.last_mut().unwrap()[col] = val.into();
        v
    };
    let last_crit_max = {
        let c = fx.desk.campaign(Y).unwrap();
        let a = all.last().unwrap();
        c.rubric(a.award).criterion(&last[2]).unwrap().points
    };
    let r = |e: &str, u: &str, k: &str, s: &str| {
        vec![e.to_string(), u.to_string(), k.to_string(), s.to_string(), String::new()]
    };
    type Case<'a> = (&'a str, Vec<Vec<String>>, usize, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        (
            "unassigned pair",
            with_last(r(unassigned, "江苏省科协", "leadership", "8")),
            n + 1,
            "专家",
            "未被分配评审江苏省科学技术协会",
        ),
        (
            "recused by province",
            with_last(r("周新", "湖北省科协", "leadership", "8")),
            n + 1,
            "专家",
            "须回避湖北省科学技术协会（同省回避（湖北））",
        ),
        ("off the step", replace_last(3, "8.3"), n, "得分", "不是0.5分的整数倍"),
        ("above max", replace_last(3, &format!("{}.5", last_crit_max)), n, "得分", "超出范围"),
        ("negative", replace_last(3, "-1"), n, "得分", "超出范围"),
        (
            "auto criterion",
            with_last(r(&on_js.expert, "江苏省科协", "task_completion", "15")),
            n + 1,
            "评分项",
            "由指标自动计算，不能录入",
        ),
        ("unknown criterion", replace_last(2, "charisma"), n, "评分项", "不在该单位所申报类别的评分细则中"),
        (
            "unknown expert",
            with_last(r("钱多多", "江苏省科协", "leadership", "8")),
            n + 1,
            "专家",
            "不在本年度专家库中",
        ),
        ("unknown unit", with_last(r(&on_js.expert, "苏州市科协", "leadership", "8")), n + 1, "单位", "不是可申报单位"),
        ("non-numeric score", replace_last(3, "八"), n, "得分", "不是数字"),
    ];
    for (what, rows, row, col, needle) in cases {
        let p = fx.csv(&format!("评分-{what}.csv"), &SCORE_HEADERS, &rows);
        let before = fx.snapshot();
        let e = expect_err(fx.desk.import_scores(&fx.sec, Y, &p));
        import_problem(&e, row, col, needle);
        assert_eq!(fx.snapshot(), before, "{what}");
        assert_eq!(fx.count("scores"), 0, "{what}");
        assert_eq!(fx.stage(), Stage::Review);
    }

    // an incomplete pair: the file lacks the last criterion of the last sheet; the problem is
    // reported on the first row of that pair and names the missing criterion
    let mut incomplete = full.clone();
    let dropped = incomplete.pop().unwrap();
    let crit_count = fx.sheet(all.last().unwrap()).len();
    let p = fx.csv("评分-不完整.csv", &SCORE_HEADERS, &incomplete);
    let before = fx.snapshot();
    let e = expect_err(fx.desk.import_scores(&fx.sec, Y, &p));
    import_problem(&e, n - crit_count + 1, "评分项", "评分不完整");
    assert!(e.to_string().contains(&dropped[2]), "{e}");
    assert_eq!(fx.snapshot(), before);

    // the same criterion twice for one pair: reported on the pair's first row
    let mut twice = full.clone();
    twice.push(full.last().unwrap().clone());
    let p = fx.csv("评分-重复.csv", &SCORE_HEADERS, &twice);
    let before = fx.snapshot();
    let e = expect_err(fx.desk.import_scores(&fx.sec, Y, &p));
    import_problem(&e, n - crit_count + 1, "评分项", "出现多次");
    assert_eq!(fx.snapshot(), before);

    // a pair recused by a conflict declared after the draw
    let victim = all[0].clone();
    fx.desk.declare_conflict(&fx.sec, Y, &victim.expert, &victim.unit, "亲属在该单位任职").unwrap();
    let p = fx.csv("评分-已回避.csv", &SCORE_HEADERS, &full);
    let before = fx.snapshot();
    let e = expect_err(fx.desk.import_scores(&fx.sec, Y, &p));
    import_problem(&e, 2, "专家", "已申明回避");
    assert_eq!(fx.snapshot(), before);

    // a pair already submitted (locked) in the app
    let b = all.iter().find(|a| a.expert != victim.expert || a.unit_code != victim.unit_code).unwrap().clone();
    let eb = fx.expert(&b.expert);
    fx.desk.submit_scores(&eb, b.id, &fx.sheet(&b)).unwrap();
    let rows_b = fx.score_rows(&b);
    let p = fx.csv("评分-已锁定.csv", &SCORE_HEADERS, &rows_b);
    let e = expect_err(fx.desk.import_scores(&fx.sec, Y, &p));
    import_problem(&e, 2, "专家", "已提交锁定");

    // the rest goes in whole and ends the review
    let r = fx.import_scores_where("评分-其余.csv", |_| true).unwrap();
    assert!(r.imported >= 15, "{r:?}");
    assert_eq!(fx.stage(), Stage::Decide);
    fx.desk.audit_verify().unwrap();
}

/// SPEC "Spreadsheet formats" (UTF-8 CSV) with the importer's GBK detection: a CSV saved by
/// Excel on Chinese Windows (GBK) is read, with a note saying so, and yields the same dossiers as
/// the UTF-8 file.
#[test]
fn gbk_csv_is_read_with_a_note() {
    let utf8 = Fx::new(Policy::default());
    let gbk = Fx::new(Policy::default());
    let text = csv_text(&DOSSIER_HEADERS, &mini_dossier_rows());
    let p = utf8.file("申报.csv");
    std::fs::write(&p, &text).unwrap();
    let r = utf8.desk.import_dossiers(&utf8.sec, Y, &p).unwrap();
    assert!(r.notes.is_empty(), "{r:?}");

    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture really is GBK");
    let p = gbk.file("申报-GBK.csv");
    std::fs::write(&p, &bytes).unwrap();
    let r = gbk.desk.import_dossiers(&gbk.sec, Y, &p).unwrap();
    assert_eq!(r.imported, 6);
    assert!(r.notes.iter().any(|n| n.contains("GBK") && n.contains("申报-GBK.csv")), "{:?}", r.notes);
    let inputs =
        |fx: &Fx| fx.desk.dossiers(&fx.sec, Y).unwrap().into_iter().map(|d| (d.state, d.input)).collect::<Vec<_>>();
    assert_eq!(inputs(&gbk), inputs(&utf8));
    assert_eq!(inputs(&gbk)[0].1.narratives.leadership, NARRATIVES[0]);

    // an expert file in GBK too
    let expert_text = csv_text(&EXPERT_HEADERS, &expert_rows());
    let (bytes, _, _) = encoding_rs::GBK.encode(&expert_text);
    let p = gbk.file("专家-GBK.csv");
    std::fs::write(&p, &bytes).unwrap();
    let r = gbk.desk.import_experts(&gbk.sec, Y, &p).unwrap();
    assert_eq!(r.imported, 8);
    assert!(r.notes[0].contains("GBK"));
    assert!(gbk.desk.experts(&gbk.sec, Y).unwrap().iter().any(|e| e.name == "王建国" && e.province == "北京"));
}

/// SPEC "Spreadsheet formats": 「XLSX or UTF-8 CSV」 — the same 申报汇总表 as an XLSX workbook
/// (numbers as number cells, one date as a real date cell) imports exactly as the CSV does,
/// including the late dossier.
#[test]
fn xlsx_dossier_file_imports_like_the_csv() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut rows = mini_dossier_rows();
    rows.push(drow("山东省科协", "后补助", "2014-11-03")); // late
    let csv = Fx::new(Policy::default());
    let p = csv.csv("申报.csv", &DOSSIER_HEADERS, &rows);
    let rc = csv.desk.import_dossiers(&csv.sec, Y, &p).unwrap();

    let xlsx = Fx::new(Policy::default());
    let path = xlsx.file("申报汇总表.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in DOSSIER_HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let col = c as u16;
            if DOSSIER_HEADERS[c] == "提交日期" && r == 1 {
                let d = day(v);
                use chrono::Datelike;
                let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).unwrap();
                ws.write_datetime_with_format(r, col, &dt, &date_fmt).unwrap();
            } else if let (true, Ok(n)) = ((5..=16).contains(&c), v.parse::<f64>()) {
                ws.write_number(r, col, n).unwrap();
            } else if !v.is_empty() {
                ws.write_string(r, col, v).unwrap();
            }
        }
    }
    wb.save(&path).unwrap();
    let rx = xlsx.desk.import_dossiers(&xlsx.sec, Y, &path).unwrap();
    assert_eq!((rx.imported, rx.late), (rc.imported, rc.late));
    assert_eq!((rx.imported, rx.late), (7, 1));
    let inputs = |fx: &Fx| {
        fx.desk.dossiers(&fx.sec, Y).unwrap().into_iter().map(|d| (d.state, d.late, d.input)).collect::<Vec<_>>()
    };
    assert_eq!(inputs(&xlsx), inputs(&csv));
    let pilot = xlsx.desk.dossier(&xlsx.sec, xlsx.dossier_id("湖北省科协", Award::Pilot)).unwrap();
    assert_eq!(pilot.input.matching_funds_yuan, 300_000, "30 万元");
    let first = xlsx.desk.dossier(&xlsx.sec, xlsx.dossier_id("湖北省科协", Award::Subsidy)).unwrap();
    assert_eq!(first.input.submitted_on, Some(day("2014-10-10")), "the date cell is read as a date");
}
