//! The demo campaign: a realistic 2014 year run to the end through the `Desk` API and the
//! spreadsheet importers, as the secretariat and the experts would run it, and as many plain
//! published years after it as asked (`demo --years N`). Deterministic. `data` holds the
//! applicants, experts and narratives; `year` runs one year of a [`YearPlan`].

mod data;
mod year;

pub use data::{DEMO_PASSWORD, DEMO_SEED, DEMO_YEAR};
pub use year::{run_year, YearPlan};

use crate::desk::Desk;
use crate::error::{Error, Result};
use crate::t;
use crate::text::catalog::msg;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What the demo did, for printing.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    pub year: i32,
    pub inputs: PathBuf,
    pub log: Vec<String>,
}

/// Runs the demo campaign on an empty database; writes its input spreadsheets to `inputs`.
/// Loads the demo year into an empty database (the window's first-launch choice); a database
/// that already holds a year is refused, so nothing real is mixed with the demo.
pub fn load_demo(desk: &Desk, inputs: &Path) -> Result<DemoSummary> {
    if let Some(y) = desk.years()?.first() {
        return Err(Error::rule(t!(msg::FILES_DEMO_NOT_EMPTY, year = y)));
    }
    run_demo(desk, inputs)
}

pub fn run_demo(desk: &Desk, inputs: &Path) -> Result<DemoSummary> {
    let log = run_year(desk, &YearPlan::story_2014(), inputs)?;
    Ok(DemoSummary { year: DEMO_YEAR, inputs: inputs.to_path_buf(), log })
}

/// `years` published years on an empty database: the 2014 story year, then plain years 2015 …
/// 2014+years-1 (each of the 47 units applying once, the same 15 experts imported again; each
/// year opened with `open_campaign`), their inputs in one folder per year under `inputs`.
pub fn run_years(desk: &Desk, inputs: &Path, years: u32) -> Result<DemoSummary> {
    if years == 0 || years > 50 {
        return Err(Error::invalid(t!(msg::FILES_FIELD_YEARS), t!(msg::FILES_DEMO_YEARS_RANGE, years)));
    }
    if let Some(y) = desk.years()?.first() {
        return Err(Error::rule(t!(msg::FILES_DEMO_YEARS_NOT_EMPTY, year = y)));
    }
    let mut log = run_year(desk, &YearPlan::story_2014(), &inputs.join(DEMO_YEAR.to_string()))?;
    let last = DEMO_YEAR + years as i32 - 1;
    for y in DEMO_YEAR + 1..=last {
        let lines = run_year(desk, &YearPlan::plain(y), &inputs.join(y.to_string()))?;
        log.push(format!("{y}年度：{}", lines.last().cloned().unwrap_or_default()));
    }
    Ok(DemoSummary { year: last, inputs: inputs.to_path_buf(), log })
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
