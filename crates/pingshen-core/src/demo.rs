//! The demo campaign: a realistic 2014 year run to the end through the `Desk` API and the
//! spreadsheet importers, as the secretariat and the experts would run it. Deterministic.

use crate::assignment::SplitMix64;
use crate::decimal::Centi;
use crate::desk::{Desk, Role};
use crate::error::{Error, Result};
use crate::model::{Award, ScoreInput};
use crate::rules::Policy;
use crate::units;
use chrono::NaiveDate;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub const DEMO_YEAR: i32 = 2014;
pub const DEMO_SEED: u64 = 20141103;
/// Password of the demo experts' logins (login = the expert's name).
pub const DEMO_PASSWORD: &str = "pingshen-2014";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("demo dates are valid")
}

/// Rough size of each applicant's economy: industrial enterprises above designated size.
const APPLICANTS: &[(&str, &str, i64)] = &[
    // (short name, award, industrial enterprises above designated size)
    ("北京市科协", "后补助", 3_700),
    ("天津市科协", "后补助", 5_400),
    ("河北省科协", "后补助", 13_900),
    ("山西省科协", "后补助", 3_900),
    ("内蒙古自治区科协", "后补助", 4_400),
    ("辽宁省科协", "后补助", 17_000),
    ("吉林省科协", "后补助", 5_800),
    ("上海市科协", "后补助", 9_800),
    ("江苏省科协", "后补助", 46_000),
    ("浙江省科协", "后补助", 39_000),
    ("安徽省科协", "后补助", 17_500),
    ("福建省科协", "后补助", 16_000),
    ("江西省科协", "后补助", 8_500),
    ("山东省科协", "后补助", 38_000),
    ("河南省科协", "后补助", 21_000),
    ("湖北省科协", "后补助", 15_000),
    ("湖南省科协", "后补助", 13_000),
    ("广东省科协", "后补助", 41_000),
    ("广西壮族自治区科协", "后补助", 5_300),
    ("重庆市科协", "后补助", 6_200),
    ("四川省科协", "后补助", 13_300),
    ("贵州省科协", "后补助", 3_900),
    ("云南省科协", "后补助", 3_700),
    ("陕西省科协", "后补助", 5_300),
    ("新疆生产建设兵团科协", "后补助", 700),
    ("大连市科协", "后补助", 3_100),
    ("宁波市科协", "后补助", 7_200),
    ("武汉市科协", "后补助", 2_600),
    ("青岛市科协", "后补助", 4_600),
    // pilot applicants
    ("上海市科协", "试点示范", 9_800),
    ("江苏省科协", "试点示范", 46_000),
    ("浙江省科协", "试点示范", 39_000),
    ("湖北省科协", "试点示范", 15_000),
    ("广东省科协", "试点示范", 41_000),
    ("深圳市科协", "试点示范", 6_700),
];

const EXPERTS: &[(&str, &str, &str, &str, &str)] = &[
    // name, employer, province, field, declared conflicts
    ("王建华", "清华大学公共管理学院", "北京市", "科技管理", ""),
    ("李淑敏", "中国科学技术发展战略研究院", "北京", "创新政策", "天津市科协"),
    ("陈志远", "复旦大学管理学院", "上海市", "产业经济", ""),
    ("刘海涛", "浙江大学科技与法律研究中心", "浙江省", "企业创新", ""),
    ("张丽君", "南京大学商学院", "江苏省", "组织管理", ""),
    ("赵国庆", "武汉大学经济与管理学院", "湖北省", "科技统计", "湖南省科协"),
    ("孙明远", "中山大学管理学院", "广东省", "企业管理", ""),
    ("周晓燕", "四川大学公共管理学院", "四川省", "社会组织", "重庆市科协"),
    ("吴天宇", "西安交通大学管理学院", "陕西省", "工程管理", ""),
    ("郑文斌", "山东大学管理学院", "山东省", "区域经济", "青岛市科协"),
    ("黄雅琴", "厦门大学管理学院", "福建省", "科技评价", ""),
    ("马振东", "吉林大学商学院", "吉林省", "产业政策", ""),
    ("林志强", "哈尔滨工业大学经济与管理学院", "黑龙江省", "技术创新", ""),
    ("何佳慧", "中南大学商学院", "湖南省", "财务管理", "江西省科协"),
    ("罗文杰", "兰州大学管理学院", "甘肃", "西部发展", "新疆生产建设兵团科协"),
];

/// What the demo did, for printing.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    pub year: i32,
    pub inputs: PathBuf,
    pub log: Vec<String>,
}

fn narrative(rng: &mut SplitMix64, unit: &str, section: usize, ind: &crate::model::Indicators) -> String {
    let pick = |rng: &mut SplitMix64, v: &[&str]| v[rng.below(v.len() as u64) as usize].to_string();
    match section {
        0 => format!(
            "{unit}党组高度重视企业科协组织建设工作，将其列入重要议事日程，{}。成立了由分管副主席任组长的企业科协工作领导小组，企业工作部配备专职干部{}名，制定了《{}推进企业科协组织建设三年发展规划》和年度工作计划，层层分解组建任务。",
            pick(rng, &["主要领导多次专题研究部署", "年内召开党组会专题研究三次", "与省（市）委组织部联合印发指导意见"]),
            2 + rng.below(4),
            unit.trim_end_matches("科学技术协会")
        ),
        1 => format!(
            "全年新建企业科协{}家，完成组建任务的{}%；全地区企业科协总数达到{}家。{}个园区中已有{}个建立科协组织，国家级园区科协覆盖率达到{}%。在未建会企业推行科协联系人制度{}家，{}",
            ind.associations_new,
            if ind.building_task > 0 { ind.associations_new * 100 / ind.building_task } else { 100 },
            ind.associations_total,
            ind.zones,
            ind.zones_with_association,
            if ind.national_zones > 0 { ind.national_zones_with_association * 100 / ind.national_zones } else { 0 },
            ind.liaison_enterprises,
            pick(rng, &["在重点行业推动建立“一业一会”。", "组建了区域企业科协联合会，实现抱团发展。", "依托县级联系点建成企业科协和院士专家工作站。"])
        ),
        2 => format!(
            "深入开展“讲理想、比贡献”活动和“金桥工程”，全年组织企业科技人员提出合理化建议{}条，实施技术攻关项目{}项；建成院士专家工作站{}家，{}，帮助企业解决关键技术难题，服务企业技术创新成效明显。",
            800 + rng.below(4000),
            60 + rng.below(300),
            ind.workstations,
            pick(rng, &["引进院士及团队成员参与企业研发", "推动产学研合作项目落地", "组织学会专家进企业开展技术咨询"])
        ),
        _ => pick(
            rng,
            &[
                "总结推广“三带”工作法：企业科协带头人带动技术骨干、带领职工群众开展创新，形成了可复制的经验。",
                "探索“科协+园区”共建模式，园区管委会与科协联合设立企业创新服务站，实现服务常态化。",
                "建立企业科协工作考核激励机制，将组建任务完成情况纳入对市县科协的年度考核。",
                "依托“一业一会”推动行业龙头企业牵头组建行业企业科协，带动上下游中小企业共同创新。",
            ],
        ),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write_csv(path: &Path, headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut s = headers.join(",");
    s.push('\n');
    for r in rows {
        s.push_str(&r.iter().map(|x| csv_field(x)).collect::<Vec<_>>().join(","));
        s.push('\n');
    }
    std::fs::write(path, s).map_err(|e| Error::io(path, e))
}

/// Runs the demo campaign on an empty database; writes its input spreadsheets to `inputs`.
/// Loads the demo year into an empty database (the window's first-launch choice); a database
/// that already holds a year is refused, so nothing real is mixed with the demo.
pub fn load_demo(desk: &Desk, inputs: &Path) -> Result<DemoSummary> {
    if let Some(y) = desk.years()?.first() {
        return Err(Error::rule(format!(
            "当前数据库已有{y}年度的数据，示范年度只能载入空数据库；请新建一个数据库文件后再载入"
        )));
    }
    run_demo(desk, inputs)
}

pub fn run_demo(desk: &Desk, inputs: &Path) -> Result<DemoSummary> {
    std::fs::create_dir_all(inputs).map_err(|e| Error::io(inputs, e))?;
    let sec = desk.local_secretariat();
    let mut log = Vec::new();
    let mut rng = SplitMix64::new(DEMO_SEED);
    let year = Some(DEMO_YEAR);

    desk.open_campaign(&sec, DEMO_YEAR, Policy::default())?;
    log.push(format!(
        "开启{DEMO_YEAR}年度评审工作：截止日期{}-10-31，公示{}个工作日，后补助预算{}万元",
        DEMO_YEAR,
        Policy::default().publicity_days,
        Policy::default().subsidy_budget_yuan / 10_000
    ));

    // 申报汇总表
    let mut rows = Vec::new();
    let mut dossier_quality = std::collections::HashMap::new();
    for (i, (unit, award, industrial)) in APPLICANTS.iter().enumerate() {
        let u = units::find(unit).ok_or_else(|| Error::Other(format!("demo unit {unit}")))?;
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
        let submitted = if i == 12 { "2014-11-03".to_string() } else { format!("2014-10-{:02}", 8 + rng.below(23)) };
        if i == 21 {
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
        Ok(_) => return Err(Error::Other("demo: the ineligible unit was not refused".into())),
    }
    let rep = desk.import_dossiers(&sec, year, &dossier_file)?;
    log.push(format!("导入申报材料{}份（其中逾期{}份）", rep.imported, rep.late));

    // attachments of two dossiers, stored content-addressed
    let hubei = desk.find_dossier(year, "湖北省科协", Some(Award::Subsidy))?;
    desk.add_attachment(
        &sec,
        hubei,
        "工作总结",
        "湖北省科协2014年企业科协工作总结.pdf",
        b"%PDF-1.4\n% demo attachment\n",
    )?;
    desk.add_attachment(&sec, hubei, "佐证材料", "院士专家工作站名录.xlsx", b"PK demo attachment bytes")?;

    // the late dossier: a recorded decision
    let late_unit = units::find(APPLICANTS[12].0).map(|u| u.full_name.clone()).unwrap_or_default();
    let late = desk.find_dossier(year, &late_unit, Some(Award::Subsidy))?;
    desk.decide_late(&sec, late, true, "邮寄途中延误，邮戳日期为10月30日，同意受理")?;
    log.push(format!("逾期材料：{late_unit}（11月3日收到），秘书处决定受理"));

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
    for (n, ..) in EXPERTS {
        desk.set_expert_login(&sec, year, n, DEMO_PASSWORD)?;
    }

    let draw = desk.draw(&sec, year, None, DEMO_SEED)?;
    log.push(format!(
        "随机抽取评审专家（种子{}）：{}份材料 × {}位专家，每位专家评审{}–{}份，同省及申明单位回避",
        draw.seed, draw.dossiers, draw.per_dossier, draw.min_load, draw.max_load
    ));

    // scoring: the first half of the experts score in the app (their own login); the others'
    // paper sheets are typed into 评分录入 and imported by the secretariat
    let c = desk.campaign(year)?;
    let assignments = desk.assignments(&sec, year)?;
    let mut paper: Vec<Vec<String>> = Vec::new();
    let bias: Vec<f64> =
        (0..EXPERTS.len()).map(|i| if i == 10 { -0.22 } else { (rng.below(9) as f64 - 4.0) / 100.0 }).collect();
    for (ei, (name, ..)) in EXPERTS.iter().enumerate() {
        let mine: Vec<_> = assignments.iter().filter(|a| a.expert == *name).collect();
        let me = desk.login(name, DEMO_PASSWORD)?;
        debug_assert_eq!(me.role(), Role::Expert);
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
            if ei % 2 == 0 {
                desk.save_scores(&me, a.id, &scores[..1])?;
                desk.submit_scores(&me, a.id, &scores)?;
            } else {
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

    let p = desk.open_publicity(&sec, year, d("2014-12-01"), None)?;
    log.push(format!("公示：{} 至 {}（{}个工作日），拟支持{}家", p.start, p.end, p.working_days, p.rows.len()));
    let target = p.rows.iter().find(|r| r.award == Award::Subsidy).map(|r| r.unit.clone()).unwrap_or_default();
    if let Err(e) =
        desk.add_objection(&sec, year, Some(&target), None, "匿名", "无", d("2014-12-02"), "反映该单位数据有水分")
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
        d("2014-12-03"),
        "反映该单位新建企业科协数量偏高，部分企业科协未正常开展活动",
    )?;
    desk.resolve_objection(&sec, oid, false, "经核查，所列企业科协均有成立批复和年度活动记录，异议不成立")?;
    log.push(format!("异议：李建国对{target}提出异议，经核查不成立，已书面答复"));
    desk.close_publicity(&sec, year, d("2014-12-08"))?;
    desk.publish(&sec, year, d("2014-12-10"), Some("科协计函企字〔2014〕68号"))?;
    log.push("公示期满无未处理异议，12月10日发布通报（科协计函企字〔2014〕68号）".into());
    Ok(DemoSummary { year: DEMO_YEAR, inputs: inputs.to_path_buf(), log })
}

/// Display width of text in a terminal: CJK and full-width characters take two columns.
pub fn display_width(s: &str) -> usize {
    s.chars().map(|c| if (c as u32) >= 0x1100 && !(0xFF61..=0xFF9F).contains(&(c as u32)) { 2 } else { 1 }).sum()
}

fn pad(s: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(display_width(s)));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// The results as a plain text table (for the terminal).
pub fn results_table(desk: &Desk, year: Option<i32>) -> Result<String> {
    let sec = desk.local_secretariat();
    let r = desk.results(&sec, year)?;
    let f = desk.funding(&sec, year)?;
    let widths = [
        (4, false),
        (8, false),
        (28, false),
        (4, true),
        (8, true),
        (8, true),
        (8, true),
        (6, false),
        (10, true),
        (12, false),
    ];
    let line = |cells: [String; 10], flags: &str| {
        let mut s: Vec<String> = cells.iter().zip(widths).map(|(c, (w, right))| pad(c, w, right)).collect();
        s.push(flags.to_string());
        s.join(" ").trim_end().to_string()
    };
    let mut s = String::new();
    let head = ["排名", "类别", "单位", "评分", "综合得分", "平均分", "中位数", "等级", "金额(万元)", "上年"]
        .map(String::from);
    let _ = writeln!(s, "{}", line(head, "提示"));
    for row in &r.rows {
        let amount = f
            .lines
            .iter()
            .find(|l| l.dossier_id == row.dossier_id)
            .map(|l| crate::decimal::wan_yuan(l.amount_yuan))
            .unwrap_or_else(|| "-".into());
        let cells = [
            row.rank.map(|x| x.to_string()).unwrap_or_else(|| "-".into()),
            row.award.label().to_string(),
            row.unit.clone(),
            row.n_scores.to_string(),
            row.aggregate.map(|x| x.to_string()).unwrap_or_default(),
            row.mean.map(|x| x.to_string()).unwrap_or_default(),
            row.median.map(|x| x.to_string()).unwrap_or_default(),
            row.grade.map(|g| g.label()).unwrap_or("-").to_string(),
            amount,
            crate::desk::previous_cell(row, r.year),
        ];
        let _ = writeln!(s, "{}", line(cells, &row.flags.join(" ")));
    }
    let _ = writeln!(
        s,
        "合计拟支持 {} 家，{} 万元（后补助预算 {} 万元，结余 {} 万元）",
        f.lines.len(),
        crate::decimal::wan_yuan(f.total_yuan),
        crate::decimal::wan_yuan(f.subsidy_budget_yuan),
        crate::decimal::wan_yuan(f.subsidy_remaining_yuan)
    );
    Ok(s)
}
