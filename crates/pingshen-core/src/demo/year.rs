//! One demo year run to publication through `Desk` and the importers, as a function of its
//! [`YearPlan`]: the 2014 story year (a refused import, attachments, a late and a returned
//! dossier, half the experts scoring in the app, an anonymous and a real objection) or a plain
//! later year (every one of the 47 units applies once, all scores from the paper sheets).

use super::data::{d, narrative, write_csv, APPLICANTS, DEMO_PASSWORD, DEMO_SEED, DEMO_YEAR, EXPERTS};
use crate::assignment::SplitMix64;
use crate::decimal::Centi;
use crate::desk::{Desk, Role};
use crate::error::{Error, Result};
use crate::model::{Award, ScoreInput};
use crate::rules::Policy;
use crate::t;
use crate::text::catalog::msg;
use crate::units;
use chrono::NaiveDate;
use std::path::Path;

/// What one demo year is made of.
#[derive(Debug, Clone)]
pub struct YearPlan {
    pub year: i32,
    /// The seed of the year's data and of its draw.
    pub seed: u64,
    /// (unit, award label 「后补助」/「试点示范」, industrial enterprises above designated size)
    pub applicants: Vec<(String, &'static str, i64)>,
    /// The 2014 story's events (see the module); a plain year has none.
    pub story: bool,
    /// The notice's document number.
    pub doc_number: String,
}

impl YearPlan {
    /// The 2014 demo year (35 dossiers of 30 units).
    pub fn story_2014() -> YearPlan {
        YearPlan {
            year: DEMO_YEAR,
            seed: DEMO_SEED,
            applicants: APPLICANTS.iter().map(|(u, a, n)| (u.to_string(), *a, *n)).collect(),
            story: true,
            doc_number: "科协计函企字〔2014〕68号".into(),
        }
    }

    /// A plain later year: each of the 47 units applies once (the six pilot applicants of 2014
    /// for the pilot award, the others for the post-subsidy), their economies grown 5 % a year.
    pub fn plain(year: i32) -> YearPlan {
        let k = (year - DEMO_YEAR).max(0) as f64;
        let mut rng = SplitMix64::new(DEMO_SEED ^ (year as u64) << 20);
        let pilots: Vec<&str> = APPLICANTS.iter().filter(|a| a.1 == "试点示范").map(|a| a.0).collect();
        let applicants = units::all()
            .iter()
            .map(|u| {
                let known = APPLICANTS.iter().find(|a| units::find(a.0).is_some_and(|x| x.code == u.code));
                let base = known.map(|a| a.2).unwrap_or_else(|| 600 + rng.below(6000) as i64);
                let pilot = pilots.iter().any(|p| units::find(p).is_some_and(|x| x.code == u.code));
                let award = if pilot { "试点示范" } else { "后补助" };
                (u.full_name.clone(), award, (base as f64 * (1.0 + 0.05 * k)).round() as i64)
            })
            .collect();
        YearPlan {
            year,
            seed: DEMO_SEED + (year - DEMO_YEAR) as u64,
            applicants,
            story: false,
            doc_number: format!("科协计函企字〔{year}〕{}号", 60 + (year - DEMO_YEAR)),
        }
    }
}

/// Runs one year of `plan` on `desk` (the year must not exist yet); the input spreadsheets go
/// to `inputs`. Returns what happened, one line an event.
pub fn run_year(desk: &Desk, plan: &YearPlan, inputs: &Path) -> Result<Vec<String>> {
    std::fs::create_dir_all(inputs).map_err(|e| Error::io(inputs, e))?;
    let sec = desk.local_secretariat();
    let mut log = Vec::new();
    let mut rng = SplitMix64::new(plan.seed);
    let y = plan.year;
    let year = Some(y);
    let day = |md: &str| d(&format!("{y}-{md}"));

    desk.open_campaign(&sec, y, Policy::default())?;
    log.push(format!(
        "开启{y}年度评审工作：截止日期{y}-10-31，公示{}个工作日，后补助预算{}万元",
        Policy::default().publicity_days,
        Policy::default().subsidy_budget_yuan / 10_000
    ));

    // 申报汇总表
    let mut rows = Vec::new();
    let mut dossier_quality = std::collections::HashMap::new();
    for (i, (unit, award, industrial)) in plan.applicants.iter().enumerate() {
        let u =
            units::find(unit).ok_or_else(|| Error::other(t!(msg::FILES_DEMO_UNKNOWN_UNIT, unit = unit.as_str())))?;
        let q = 0.62 + (rng.below(36) as f64) / 100.0; // the unit's real quality 0.62–0.97
        dossier_quality.insert((u.code.clone(), *award), q);
        let ind = crate::model::Indicators {
            industrial_enterprises: *industrial,
            associations_total: (*industrial as f64 * (0.03 + q * 0.09)) as i64,
            building_task: (*industrial as f64 * 0.017).round() as i64,
            associations_new: ((*industrial as f64 * 0.017) * (0.55 + q * 0.7)).round() as i64,
            liaison_enterprises: (*industrial as f64 * 0.04 * q) as i64,
            zones: 8 + (*industrial / 600).min(140),
            zones_with_association: ((8 + (*industrial / 600).min(140)) as f64 * (0.08 + q * 0.35)) as i64,
            national_zones: 1 + (*industrial / 5000).min(12),
            national_zones_with_association: ((1 + (*industrial / 5000).min(12)) as f64 * (q * 0.75)).round() as i64,
            workstations: 3 + (*industrial / 400).min(150) * (q * 100.0) as i64 / 100,
            county_points: rng.below(8) as i64,
        };
        let mut narr: Vec<String> = (0..4).map(|s| narrative(&mut rng, &u.full_name, s, &ind)).collect();
        let mut phone = format!("0{}-{}", 10 + rng.below(890), 60_000_000 + rng.below(9_999_999));
        let submitted =
            if plan.story && i == 12 { format!("{y}-11-03") } else { format!("{y}-10-{:02}", 8 + rng.below(23)) };
        if plan.story && i == 21 {
            // returned: incomplete dossier (no phone, a one-line narrative)
            phone = String::new();
            narr[3] = "见附件。".into();
        }
        let matching = if *award == "试点示范" { format!("{}", 20 + rng.below(31)) } else { String::new() };
        let contact =
            ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇"][rng.below(8) as usize].to_string();
        let mut r = vec![u.full_name.clone(), award.to_string(), contact, phone, submitted];
        for (id, _) in crate::model::INDICATORS {
            r.push(ind.get(id).unwrap_or(0).to_string());
        }
        r.push(matching);
        r.extend(narr);
        rows.push(r);
    }
    let dossier_file = inputs.join("申报汇总表.csv");
    write_csv(&dossier_file, &crate::import::DOSSIER_HEADERS, &rows)?;

    if plan.story {
        // an ineligible unit tries first: the whole file is refused, nothing is written
        let bad_file = inputs.join("申报汇总表-含不符合条件单位.csv");
        let mut bad_rows = rows[..2].to_vec();
        let mut suzhou = rows[2].clone();
        suzhou[0] = "苏州市科学技术协会".into();
        bad_rows.push(suzhou);
        write_csv(&bad_file, &crate::import::DOSSIER_HEADERS, &bad_rows)?;
        match desk.import_dossiers(&sec, year, &bad_file) {
            Err(e) => log.push(format!(
                "导入被拒（不符合条件的单位，未写入任何数据）：{}",
                e.to_string().lines().nth(1).unwrap_or_default()
            )),
            Ok(_) => return Err(Error::other(t!(msg::FILES_DEMO_NOT_REFUSED))),
        }
    }
    let rep = desk.import_dossiers(&sec, year, &dossier_file)?;
    log.push(format!("导入申报材料{}份（其中逾期{}份）", rep.imported, rep.late));

    if plan.story {
        // attachments of two dossiers, stored content-addressed
        let hubei = desk.find_dossier(year, "湖北省科协", Some(Award::Subsidy))?;
        desk.add_attachment(
            &sec,
            hubei,
            "工作总结",
            &format!("湖北省科协{y}年企业科协工作总结.pdf"),
            b"%PDF-1.4\n% demo attachment\n",
        )?;
        desk.add_attachment(&sec, hubei, "佐证材料", "院士专家工作站名录.xlsx", b"PK demo attachment bytes")?;

        // the late dossier: a recorded decision
        let late_unit = units::find(&plan.applicants[12].0).map(|u| u.full_name.clone()).unwrap_or_default();
        let late = desk.find_dossier(year, &late_unit, Some(Award::Subsidy))?;
        desk.decide_late(&sec, late, true, "邮寄途中延误，邮戳日期为10月30日，同意受理")?;
        log.push(format!("逾期材料：{late_unit}（11月3日收到），秘书处决定受理"));
    }

    if !plan.story {
        // year-over-year findings against the year before: the clerk checks each with the unit
        let ids: Vec<i64> = desk.dossiers(&sec, year)?.iter().map(|d| d.id).collect();
        for id in ids {
            let report = desk.yoy_check(&sec, id)?;
            let codes: Vec<String> = report.unverified().map(|f| f.code.clone()).collect();
            for code in codes {
                desk.verify_yoy(&sec, id, &code, "已与申报单位电话核实，数据属实")?;
            }
        }
    }
    for o in desk.recommend_auto(&sec, year)? {
        if o.outcome != "recommended" {
            log.push(format!(
                "形式审查：{}（{}）{}：{}",
                o.unit,
                o.award.label(),
                if o.outcome == "returned" { "退回修改" } else { &o.outcome },
                o.reasons.join("；")
            ));
        }
    }

    // 评审专家库
    let expert_rows: Vec<Vec<String>> = EXPERTS
        .iter()
        .map(|(n, emp, prov, field, conf)| {
            vec![
                n.to_string(),
                emp.to_string(),
                prov.to_string(),
                field.to_string(),
                format!("1380000{:04}", n.chars().count() * 1000 + emp.chars().count()),
                conf.to_string(),
            ]
        })
        .collect();
    let expert_file = inputs.join("评审专家库.csv");
    write_csv(&expert_file, &crate::import::EXPERT_HEADERS, &expert_rows)?;
    let rep = desk.import_experts(&sec, year, &expert_file)?;
    log.push(format!(
        "导入评审专家{}位（来自{}个省份），其中{}位申明了回避单位",
        rep.imported,
        15,
        EXPERTS.iter().filter(|e| !e.4.is_empty()).count()
    ));
    if plan.story {
        for (n, ..) in EXPERTS {
            desk.set_expert_login(&sec, year, n, DEMO_PASSWORD)?;
        }
    }

    let draw = desk.draw(&sec, year, None, plan.seed)?;
    log.push(format!(
        "随机抽取评审专家（种子{}）：{}份材料 × {}位专家，每位专家评审{}–{}份，同省及申明单位回避",
        draw.seed, draw.dossiers, draw.per_dossier, draw.min_load, draw.max_load
    ));

    // scoring: in the story year the first half of the experts score in the app (their own
    // login) and the others' paper sheets are typed into 评分录入 and imported by the
    // secretariat; in a plain year every sheet comes on paper
    let c = desk.campaign(year)?;
    let assignments = desk.assignments(&sec, year)?;
    let mut paper: Vec<Vec<String>> = Vec::new();
    let bias: Vec<f64> =
        (0..EXPERTS.len()).map(|i| if i == 10 { -0.22 } else { (rng.below(9) as f64 - 4.0) / 100.0 }).collect();
    for (ei, (name, ..)) in EXPERTS.iter().enumerate() {
        let mine: Vec<_> = assignments.iter().filter(|a| a.expert == *name).collect();
        let me = if plan.story { Some(desk.login(name, DEMO_PASSWORD)?) } else { None };
        debug_assert!(me.as_ref().is_none_or(|m| m.role() == Role::Expert));
        // those who score in the app first sign the pledge there, typing their name (issue 19);
        // the paper sheets carry their signature
        if let Some(me) = me.as_ref().filter(|_| ei % 2 == 0 && !mine.is_empty()) {
            desk.accept_pledge(me, year, name)?;
        }
        for a in mine {
            let q = dossier_quality.get(&(a.unit_code.clone(), a.award.label())).copied().unwrap_or(0.8);
            let scores: Vec<ScoreInput> = c
                .rubric(a.award)
                .expert_criteria()
                .map(|k| {
                    let noise = (rng.below(13) as f64 - 6.0) / 100.0;
                    let f = (q + bias[ei] + noise).clamp(0.3, 1.0);
                    let halves = (k.points as f64 * 2.0 * f).round() as i64;
                    ScoreInput {
                        criterion: k.id.clone(),
                        points: Centi(halves * 50),
                        comment: if f > 0.9 {
                            "工作扎实，特色突出".into()
                        } else if f < 0.6 {
                            "材料不够充分".into()
                        } else {
                            String::new()
                        },
                    }
                })
                .collect();
            match &me {
                Some(me) if ei % 2 == 0 => {
                    desk.save_scores(me, a.id, &scores[..1])?;
                    desk.submit_scores(me, a.id, &scores)?;
                }
                _ => {
                    for s in &scores {
                        paper.push(vec![
                            name.to_string(),
                            a.unit.clone(),
                            s.criterion.clone(),
                            s.points.to_string(),
                            s.comment.clone(),
                        ]);
                    }
                }
            }
        }
    }
    let score_file = inputs.join("评分录入.csv");
    write_csv(&score_file, &crate::import::SCORE_HEADERS, &paper)?;
    let rep = desk.import_scores(&sec, year, &score_file)?;
    log.push(format!("专家在评审台提交评分，另导入纸质评分表{}份；全部评分提交后进入结果确定阶段", rep.imported));

    let results = desk.results(&sec, year)?;
    if !results.deviating_experts.is_empty() {
        log.push(format!("评分偏离提示：{}的评分与其他专家平均差异超过10分", results.deviating_experts.join("、")));
    }
    for r in results.rows.iter().filter(|r| r.flags.iter().any(|f| f == "disagreement")) {
        desk.record_consensus(&sec, year, &r.unit, Some(r.award), "专家组会议讨论后认为该单位材料真实，维持综合得分")?;
        log.push(format!("专家分歧较大（最高与最低分差超过20分）：{}，专家组已记录讨论意见", r.unit));
    }
    // two pilot units: the two best-ranked pilot dossiers
    let mut pilots: Vec<_> = results.rows.iter().filter(|r| r.award == Award::Pilot && r.rank.is_some()).collect();
    pilots.sort_by_key(|r| r.rank);
    for r in pilots.iter().take(2) {
        desk.select_pilot(&sec, year, &r.unit, "调研考察和平时掌握情况良好，专家评审排名靠前，工作特色鲜明")?;
    }
    let f = desk.funding(&sec, year)?;
    log.push(format!(
        "经费安排：试点示范{}家共{}万元，后补助{}家共{}万元（预算{}万元，结余{}万元）",
        f.lines.iter().filter(|l| l.award == Award::Pilot).count(),
        crate::decimal::wan_yuan(f.pilot_total_yuan),
        f.lines.iter().filter(|l| l.award == Award::Subsidy).count(),
        crate::decimal::wan_yuan(f.subsidy_total_yuan),
        crate::decimal::wan_yuan(f.subsidy_budget_yuan),
        crate::decimal::wan_yuan(f.subsidy_remaining_yuan)
    ));

    let p = desk.open_publicity(&sec, year, day("12-01"), None)?;
    log.push(format!("公示：{} 至 {}（{}个工作日），拟支持{}家", p.start, p.end, p.working_days, p.rows.len()));
    let (closed, published): (NaiveDate, NaiveDate) = if plan.story {
        let target = p.rows.iter().find(|r| r.award == Award::Subsidy).map(|r| r.unit.clone()).unwrap_or_default();
        if let Err(e) =
            desk.add_objection(&sec, year, Some(&target), None, "匿名", "无", day("12-02"), "反映该单位数据有水分")
        {
            log.push(format!("匿名异议不予受理：{e}"));
        }
        let oid = desk.add_objection(
            &sec,
            year,
            Some(&target),
            None,
            "李建国",
            "13912345678",
            day("12-03"),
            "反映该单位新建企业科协数量偏高，部分企业科协未正常开展活动",
        )?;
        desk.resolve_objection(&sec, oid, false, "经核查，所列企业科协均有成立批复和年度活动记录，异议不成立")?;
        log.push(format!("异议：李建国对{target}提出异议，经核查不成立，已书面答复"));
        (day("12-08"), day("12-10"))
    } else {
        let after = p.end.succ_opt().unwrap_or(p.end);
        (after, after + chrono::Days::new(2))
    };
    desk.close_publicity(&sec, year, closed)?;
    desk.publish(&sec, year, published, Some(&plan.doc_number))?;
    log.push(format!(
        "公示期满无未处理异议，{}月{}日发布通报（{}）",
        chrono::Datelike::month(&published),
        chrono::Datelike::day(&published),
        plan.doc_number
    ));
    Ok(log)
}
