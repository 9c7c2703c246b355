//! Fixtures shared by the `Desk` integration tests (tests/desk.rs, tests/exceptions.rs): a small
//! 2014 campaign of 6 dossiers (4 post-subsidy, 2 pilot) and 8 experts from provinces none of the
//! applicants is in, drawn with 3 experts per dossier (18 sheets), scored through
//! `import_scores` with a per-dossier quality so the ranking is known in advance:
//! post-subsidy 湖北 > 江苏 > 浙江 > 广东 (all excellent), pilot 湖北 > 四川.

#![allow(clippy::unwrap_used, dead_code, unused_imports)]

pub use chrono::NaiveDate;
pub use pingshen_core::decimal::Centi;
pub use pingshen_core::desk::{AssignmentView, Desk, ImportSummary, Recommendation, Role};
pub use pingshen_core::import::{DOSSIER_HEADERS, EXPERT_HEADERS, SCORE_HEADERS};
pub use pingshen_core::model::{Award, DossierInput, Indicators, Narratives, ScoreInput};
pub use pingshen_core::rules::Policy;
pub use pingshen_core::scoring::Grade;
pub use pingshen_core::workflow::{DossierState, SheetState, Stage};
pub use pingshen_core::{Actor, Error};
pub use std::collections::BTreeSet;
pub use std::fmt::Debug;
pub use std::path::PathBuf;
pub use tempfile::TempDir;

pub const YEAR: i32 = 2014;
pub const Y: Option<i32> = Some(YEAR);
pub const PW: &str = "expert-pass-2014";

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn code(unit: &str) -> String {
    pingshen_core::units::find(unit).unwrap_or_else(|| panic!("unit {unit}")).code.clone()
}

pub fn full_name(unit: &str) -> String {
    pingshen_core::units::find(unit).unwrap().full_name.clone()
}

// ---------------------------------------------------------------------------------------------
// error assertions

#[track_caller]
pub fn expect_err<T: Debug>(r: pingshen_core::Result<T>) -> Error {
    match r {
        Ok(v) => panic!("expected an error, got Ok({v:?})"),
        Err(e) => e,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum K {
    Illegal,
    Forbidden,
    Invalid,
    Rule,
    NotFound,
    Import,
    Tampered,
}

pub fn kind(e: &Error) -> Option<K> {
    Some(match e {
        Error::IllegalTransition { .. } => K::Illegal,
        Error::Forbidden(_) => K::Forbidden,
        Error::Invalid { .. } => K::Invalid,
        Error::Rule(_) => K::Rule,
        Error::NotFound { .. } => K::NotFound,
        Error::Import { .. } => K::Import,
        Error::Tampered(_) => K::Tampered,
        _ => return None,
    })
}

/// Asserts the call failed with an error of kind `k` whose text contains every needle.
#[track_caller]
pub fn refused<T: Debug>(r: pingshen_core::Result<T>, k: K, needles: &[&str]) -> String {
    let e = expect_err(r);
    let text = e.to_string();
    assert_eq!(kind(&e), Some(k), "wrong error kind: {e:?}");
    for n in needles {
        assert!(text.contains(n), "«{n}» not in the error text: {text}");
    }
    text
}

/// Asserts an `Error::Import` that names `row` and `column` with a message containing `needle`.
#[track_caller]
pub fn import_problem(e: &Error, row: usize, column: &str, needle: &str) {
    let text = e.to_string();
    let Error::Import { problems, .. } = e else { panic!("expected Error::Import, got {e:?}") };
    assert!(
        problems.iter().any(|p| p.row == row && p.column == column && p.message.contains(needle)),
        "no problem at row {row} column «{column}» containing «{needle}»: {text}"
    );
    assert!(text.contains("未写入任何数据"), "{text}");
    if column.is_empty() {
        assert!(text.contains(&format!("第{row}行")), "{text}");
    } else {
        assert!(text.contains(&format!("第{row}行「{column}」列")), "{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// spreadsheet fixtures

pub fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn csv_text(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut s = headers.join(",");
    s.push('\n');
    for r in rows {
        s.push_str(&r.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        s.push('\n');
    }
    s
}

pub fn dcol(name: &str) -> usize {
    DOSSIER_HEADERS.iter().position(|h| *h == name).unwrap_or_else(|| panic!("header {name}"))
}

pub const NARRATIVES: [&str; 4] = [
    "党组高度重视企业科协组织建设，列入重要议事日程，领导分管，专人负责。",
    "全年新建企业科协一百家，完成组建任务，园区科协覆盖率明显提高。",
    "深入开展讲理想比贡献活动和金桥工程，建成院士专家工作站三十家。",
    "总结推广三带工作法，推动一业一会，组建区域企业科协联合会。",
];

/// A complete, plausible row of 申报汇总表 (passes the formal check).
pub fn drow(unit: &str, award: &str, date: &str) -> Vec<String> {
    let mut r: Vec<String> = vec![unit.into(), award.into(), "张伟".into(), "027-87654321".into(), date.into()];
    // 规上 企业科协 新建 任务 联系人 园区 已建园区 国家级 已建国家级 工作站 县级
    for v in ["10000", "1500", "100", "100", "400", "40", "20", "5", "4", "30", "5"] {
        r.push(v.into());
    }
    r.push(if award == "试点示范" { "30".into() } else { String::new() });
    r.extend(NARRATIVES.iter().map(|s| s.to_string()));
    assert_eq!(r.len(), DOSSIER_HEADERS.len());
    r
}

/// The same dossier as entered in the app.
pub fn dinput(unit: &str, award: Award) -> DossierInput {
    DossierInput {
        unit_code: code(unit),
        award,
        contact_name: "张伟".into(),
        contact_phone: "027-87654321".into(),
        submitted_on: None,
        indicators: Indicators {
            industrial_enterprises: 10000,
            associations_total: 1500,
            associations_new: 100,
            building_task: 100,
            liaison_enterprises: 400,
            zones: 40,
            zones_with_association: 20,
            national_zones: 5,
            national_zones_with_association: 4,
            workstations: 30,
            county_points: 5,
        },
        matching_funds_yuan: if award == Award::Pilot { 300_000 } else { 0 },
        narratives: Narratives {
            leadership: NARRATIVES[0].into(),
            building: NARRATIVES[1].into(),
            services: NARRATIVES[2].into(),
            distinctive: NARRATIVES[3].into(),
        },
    }
}

/// (unit, award, quality that drives every expert's scores)
pub const MINI: [(&str, &str, f64); 6] = [
    ("湖北省科协", "后补助", 0.98),
    ("江苏省科协", "后补助", 0.94),
    ("浙江省科协", "后补助", 0.90),
    ("广东省科协", "后补助", 0.86),
    ("湖北省科协", "试点示范", 0.95),
    ("四川省科协", "试点示范", 0.80),
];

/// (name, employer, province) — none from an applicant's province.
pub const EXPERTS: [(&str, &str, &str); 8] = [
    ("王建国", "北京大学", "北京市"),
    ("李明", "天津大学", "天津"),
    ("张华", "河北工业大学", "河北省"),
    ("刘芳", "山西大学", "山西省"),
    ("陈静", "内蒙古大学", "内蒙古自治区"),
    ("杨帆", "大连理工大学", "辽宁省"),
    ("赵严", "吉林大学", "吉林省"),
    ("孙立", "哈尔滨工业大学", "黑龙江省"),
];

pub fn mini_dossier_rows() -> Vec<Vec<String>> {
    MINI.iter().enumerate().map(|(i, (u, a, _))| drow(u, a, &format!("2014-10-{:02}", 10 + i))).collect()
}

pub fn expert_rows() -> Vec<Vec<String>> {
    EXPERTS
        .iter()
        .map(|(n, e, p)| {
            vec![n.to_string(), e.to_string(), p.to_string(), "科技管理".into(), "13800000000".into(), String::new()]
        })
        .collect()
}

pub fn quality(a: &AssignmentView) -> f64 {
    MINI.iter().find(|(u, w, _)| code(u) == a.unit_code && Award::parse(w) == Some(a.award)).map(|x| x.2).unwrap()
}

/// A desk with an open 2014 campaign, in a temporary directory for its input files.
pub struct Fx {
    pub desk: Desk,
    pub dir: TempDir,
    pub sec: Actor,
}

impl Fx {
    pub fn new(policy: Policy) -> Fx {
        let desk = Desk::open_in_memory().unwrap();
        let sec = desk.local_secretariat();
        desk.open_campaign(&sec, YEAR, policy).unwrap();
        Fx { desk, dir: tempfile::tempdir().unwrap(), sec }
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn csv(&self, name: &str, headers: &[&str], rows: &[Vec<String>]) -> PathBuf {
        let p = self.file(name);
        std::fs::write(&p, csv_text(headers, rows)).unwrap();
        p
    }

    pub fn count(&self, table: &str) -> i64 {
        self.desk.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    pub fn audit_actions(&self, action: &str) -> i64 {
        self.desk.conn().query_row("SELECT count(*) FROM audit WHERE action = ?1", [action], |r| r.get(0)).unwrap()
    }

    /// Row counts of every table an import or a refused action could touch.
    pub fn snapshot(&self) -> Vec<(&'static str, i64)> {
        [
            "dossiers",
            "experts",
            "conflicts",
            "assignments",
            "scores",
            "audit",
            "decisions",
            "funding_lines",
            "objections",
            "users",
        ]
        .into_iter()
        .map(|t| (t, self.count(t)))
        .collect()
    }

    pub fn stage(&self) -> Stage {
        self.desk.campaign(Y).unwrap().stage
    }

    /// An expert signed in; once the experts are drawn they have also signed the year's pledge
    /// (typing their name), as every expert must before their first score is saved (issue 19).
    pub fn expert(&self, name: &str) -> Actor {
        let a = self.expert_unpledged(name);
        if self.stage() != Stage::Apply {
            self.desk.accept_pledge(&a, Y, name).unwrap();
        }
        a
    }

    /// An expert signed in who has not signed the pledge (yet).
    pub fn expert_unpledged(&self, name: &str) -> Actor {
        self.desk.set_expert_login(&self.sec, Y, name, PW).unwrap();
        let a = self.desk.login(name, PW).unwrap();
        assert_eq!(a.role(), Role::Expert);
        a
    }

    pub fn assignments(&self) -> Vec<AssignmentView> {
        self.desk.assignments(&self.sec, Y).unwrap()
    }

    pub fn scores_for(&self, award: Award, q: f64) -> Vec<ScoreInput> {
        let c = self.desk.campaign(Y).unwrap();
        c.rubric(award)
            .expert_criteria()
            .map(|k| ScoreInput {
                criterion: k.id.clone(),
                points: Centi(((k.points as f64) * 2.0 * q).round() as i64 * 50),
                comment: String::new(),
            })
            .collect()
    }

    pub fn sheet(&self, a: &AssignmentView) -> Vec<ScoreInput> {
        self.scores_for(a.award, quality(a))
    }

    /// Scores and submits, in an expert's own installation `e` (opened from a review package),
    /// the pending sheets that `keep` accepts, through a spreadsheet named `name`; the expert
    /// signs the pledge there first. Returns the number of score rows.
    pub fn score_in(&self, e: &Desk, name: &str, keep: impl Fn(&AssignmentView) -> bool) -> usize {
        let sec = e.local_secretariat();
        let rows: Vec<Vec<String>> = e
            .assignments(&sec, Y)
            .unwrap()
            .iter()
            .filter(|a| a.state == SheetState::Pending && keep(a))
            .flat_map(|a| self.score_rows(a))
            .collect();
        let p = self.csv(name, &SCORE_HEADERS, &rows);
        let expert: String = e.conn().query_row("SELECT name FROM experts", [], |r| r.get(0)).unwrap();
        e.accept_pledge(&sec, Y, &expert).unwrap();
        e.import_scores(&sec, Y, &p).unwrap();
        rows.len()
    }

    pub fn score_rows(&self, a: &AssignmentView) -> Vec<Vec<String>> {
        self.sheet(a)
            .into_iter()
            .map(|s| vec![a.expert.clone(), a.unit.clone(), s.criterion, s.points.to_string(), s.comment])
            .collect()
    }

    /// Imports 评分录入 for every pending assignment that `keep` accepts.
    pub fn import_scores_where(
        &self,
        name: &str,
        keep: impl Fn(&AssignmentView) -> bool,
    ) -> pingshen_core::Result<ImportSummary> {
        let rows: Vec<Vec<String>> = self
            .assignments()
            .iter()
            .filter(|a| a.state == SheetState::Pending && keep(a))
            .flat_map(|a| self.score_rows(a))
            .collect();
        let p = self.csv(name, &SCORE_HEADERS, &rows);
        self.desk.import_scores(&self.sec, Y, &p)
    }

    /// Imports 评分录入 for every pending assignment with its quality from `q` instead of the
    /// dossier's (an expert's own view of a dossier).
    pub fn import_scores_with(
        &self,
        name: &str,
        q: impl Fn(&AssignmentView) -> f64,
    ) -> pingshen_core::Result<ImportSummary> {
        let rows: Vec<Vec<String>> = self
            .assignments()
            .iter()
            .filter(|a| a.state == SheetState::Pending)
            .flat_map(|a| {
                self.scores_for(a.award, q(a))
                    .into_iter()
                    .map(|s| vec![a.expert.clone(), a.unit.clone(), s.criterion, s.points.to_string(), s.comment])
                    .collect::<Vec<_>>()
            })
            .collect();
        let p = self.csv(name, &SCORE_HEADERS, &rows);
        self.desk.import_scores(&self.sec, Y, &p)
    }

    /// Scores every sheet so that leaving one expert out moves a dossier across the post-subsidy
    /// funding line (a budget for two): 湖北 0.98 from all; 江苏 1.00 from the first of its
    /// experts by name (returned) and 0.86 from the others (mean 0.907, second; without that
    /// expert 0.86, below 浙江); 浙江 0.89 from all, third; 广东 0.86; the pilot as in `MINI`.
    pub fn import_one_expert_carries_jiangsu(&self) -> String {
        let mut js: Vec<String> = self
            .assignments()
            .iter()
            .filter(|a| a.award == Award::Subsidy && a.unit_code == code("江苏省科协"))
            .map(|a| a.expert.clone())
            .collect();
        js.sort();
        let carrier = js[0].clone();
        let r = self
            .import_scores_with("评分录入.csv", |a| {
                if a.award != Award::Subsidy {
                    return quality(a);
                }
                match a.unit_code.as_str() {
                    u if u == code("湖北省科协") => 0.98,
                    u if u == code("江苏省科协") && a.expert == carrier => 1.0,
                    u if u == code("江苏省科协") => 0.86,
                    u if u == code("浙江省科协") => 0.89,
                    _ => 0.86,
                }
            })
            .unwrap();
        assert!(r.imported > 0);
        carrier
    }

    pub fn dossier_id(&self, unit: &str, award: Award) -> i64 {
        self.desk.find_dossier(Y, unit, Some(award)).unwrap()
    }

    pub fn subsidy_lines(&self) -> Vec<(String, i64)> {
        self.desk
            .funding(&self.sec, Y)
            .unwrap()
            .lines
            .iter()
            .filter(|l| l.award == Award::Subsidy)
            .map(|l| (l.unit.clone(), l.amount_yuan))
            .collect()
    }
}

/// Apply stage with the 6 dossiers and 8 experts imported.
pub fn apply_fx(policy: Policy) -> Fx {
    let fx = Fx::new(policy);
    let p = fx.csv("申报汇总表.csv", &DOSSIER_HEADERS, &mini_dossier_rows());
    let r = fx.desk.import_dossiers(&fx.sec, Y, &p).unwrap();
    assert_eq!((r.imported, r.late), (6, 0));
    let p = fx.csv("评审专家库.csv", &EXPERT_HEADERS, &expert_rows());
    assert_eq!(fx.desk.import_experts(&fx.sec, Y, &p).unwrap().imported, 8);
    fx
}

/// Review stage: every dossier recommended, 3 experts drawn per dossier.
pub fn review_fx(policy: Policy) -> Fx {
    let fx = apply_fx(policy);
    let out = fx.desk.recommend_auto(&fx.sec, Y).unwrap();
    assert!(out.iter().all(|o| o.outcome == "recommended"), "{out:?}");
    let d = fx.desk.draw(&fx.sec, Y, Some(3), 7).unwrap();
    assert_eq!((d.dossiers, d.assignments), (6, 18));
    assert_eq!(fx.stage(), Stage::Review);
    fx
}

/// Decide stage: every sheet imported.
pub fn decide_fx(policy: Policy) -> Fx {
    let fx = review_fx(policy);
    assert_eq!(fx.import_scores_where("评分录入.csv", |_| true).unwrap().imported, 18);
    assert_eq!(fx.stage(), Stage::Decide);
    fx
}

pub fn one_score_file(fx: &Fx, name: &str) -> PathBuf {
    fx.csv(
        name,
        &SCORE_HEADERS,
        &[vec!["王建国".into(), "湖北省科协".into(), "leadership".into(), "8".into(), String::new()]],
    )
}

pub fn stage_moves(fx: &Fx) -> Vec<(String, String)> {
    let mut st =
        fx.desk.conn().prepare("SELECT detail FROM audit WHERE action = 'campaign.stage' ORDER BY seq").unwrap();
    st.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|d| {
            let v: serde_json::Value = serde_json::from_str(&d.unwrap()).unwrap();
            (v["from"].as_str().unwrap().to_string(), v["to"].as_str().unwrap().to_string())
        })
        .collect()
}
