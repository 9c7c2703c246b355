//! Read models of the window's secretariat screens: the year at a glance (timeline, counts, what
//! needs doing now), a dossier with its derived ratios, formal-check findings and history, and the
//! audit log filtered.

use super::campaign::load;
use super::funding::funding_table;
use super::publicity::load_publicity;
use super::{Actor, Desk, Dossier, Role};
use crate::dates::cn_date;
use crate::error::Result;
use crate::model::Indicators;
use crate::store::AuditEntry;
use crate::workflow::Stage;
use crate::{msg, t};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct OverviewStep {
    pub stage: Stage,
    pub label: String,
    /// done · current · upcoming
    pub state: String,
    pub date_text: String,
    pub detail: String,
}

#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct OverviewCounts {
    pub dossiers: i64,
    pub recommended: i64,
    pub returned: i64,
    pub rejected: i64,
    pub late_pending: i64,
    pub experts: i64,
    pub sheets_total: i64,
    pub sheets_submitted: i64,
    pub sheets_pending: i64,
    pub objections_open: i64,
    pub pilot_selected: i64,
    pub subsidy_funded: i64,
    pub funding_total_yuan: i64,
}

/// Something the secretariat should do now, and the screen where it is done.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Todo {
    /// warning · info
    pub level: String,
    pub text: String,
    pub route: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Overview {
    pub year: i32,
    pub stage: Stage,
    pub stage_label: String,
    pub steps: Vec<OverviewStep>,
    pub counts: OverviewCounts,
    pub todos: Vec<Todo>,
}

/// A derived ratio of a dossier's indicators, as shown.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RatioView {
    pub id: String,
    pub label: String,
    /// 0..1 (may exceed 1 for a task over-fulfilled); None when the denominator is 0.
    pub value: Option<f64>,
    /// 「85.00%」 or 「—（无组建任务）」
    pub text: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DossierDetail {
    pub dossier: Dossier,
    pub ratios: Vec<RatioView>,
    /// Formal-check findings; empty when the dossier passes.
    pub findings: Vec<String>,
    /// The audit entries about this dossier and its sheets, oldest first.
    pub history: Vec<AuditEntry>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct AuditQuery {
    pub limit: u32,
    /// e.g. 「dossier.」, 「scores.」
    pub action_prefix: Option<String>,
    /// Matches the actor, subject or detail.
    pub text: Option<String>,
    /// Only entries before this sequence number (paging back).
    pub before_seq: Option<i64>,
}

/// The derived ratios of a dossier's indicators (SPEC "Indicators": derived).
pub fn ratios(ind: &Indicators) -> Vec<RatioView> {
    let v = |id: &str, label: &str, r: Option<crate::decimal::Ratio>, none: &str| RatioView {
        id: id.into(),
        label: label.into(),
        value: r.map(|x| x.as_f64()),
        text: match r {
            Some(x) => format!("{:.2}%", x.as_f64() * 100.0),
            None => format!("—（{none}）"),
        },
    };
    vec![
        v("task_completion_rate", "新建企业科协任务完成率", ind.task_completion_rate(), "无组建任务"),
        v("enterprise_coverage", "企业科协占规上工业企业比例", ind.enterprise_coverage(), "无规上工业企业"),
        v("zone_coverage", "园区科协覆盖率", ind.zone_coverage(), "无园区"),
        v("national_zone_coverage", "国家级园区科协覆盖率", ind.national_zone_coverage(), "无国家级园区"),
    ]
}

fn entries(conn: &rusqlite::Connection, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Result<Vec<AuditEntry>> {
    let mut st = conn.prepare(sql)?;
    let rows = st.query_map(params, |r| {
        let d: String = r.get(5)?;
        Ok(AuditEntry {
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            subject: r.get(4)?,
            detail: serde_json::from_str(&d).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

fn count(conn: &rusqlite::Connection, sql: &str, id: i64) -> Result<i64> {
    Ok(conn.query_row(sql, [id], |r| r.get(0))?)
}

fn md(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}月{}日", d.month(), d.day())
}

impl Desk {
    /// The year at a glance (secretariat): the five steps with dates and counts, and what needs
    /// doing now.
    pub fn overview(&self, actor: &Actor, year: Option<i32>) -> Result<Overview> {
        self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_VIEW_OVERVIEW))?;
        let c = load(&self.conn, year)?;
        let conn = &self.conn;
        let q = |sql: &str| count(conn, sql, c.id);
        let mut n = OverviewCounts {
            dossiers: q("SELECT count(*) FROM dossiers WHERE campaign_id = ?1 AND state != 'draft'")?,
            recommended: q("SELECT count(*) FROM dossiers WHERE campaign_id = ?1 AND state = 'recommended'")?,
            returned: q("SELECT count(*) FROM dossiers WHERE campaign_id = ?1 AND state = 'returned'")?,
            rejected: q("SELECT count(*) FROM dossiers WHERE campaign_id = ?1 AND state = 'rejected'")?,
            late_pending: q("SELECT count(*) FROM dossiers WHERE campaign_id = ?1 AND state = 'late'")?,
            experts: q("SELECT count(*) FROM experts WHERE campaign_id = ?1")?,
            sheets_total: q("SELECT count(*) FROM assignments WHERE campaign_id = ?1 AND state IN ('pending', 'submitted', 'unreturned')")?,
            sheets_submitted: q("SELECT count(*) FROM assignments WHERE campaign_id = ?1 AND state = 'submitted'")?,
            sheets_pending: q("SELECT count(*) FROM assignments WHERE campaign_id = ?1 AND state = 'pending'")?,
            objections_open: q("SELECT count(*) FROM objections WHERE campaign_id = ?1 AND state = 'open'")?,
            ..OverviewCounts::default()
        };
        let submitted_unchecked = q("SELECT count(*) FROM dossiers WHERE campaign_id = ?1 AND state = 'submitted'")?;
        let funding = funding_table(conn, &c)?;
        n.pilot_selected = funding.lines.iter().filter(|l| l.award == crate::model::Award::Pilot).count() as i64;
        n.subsidy_funded = funding.lines.iter().filter(|l| l.award == crate::model::Award::Subsidy).count() as i64;
        n.funding_total_yuan = funding.total_yuan;
        let publicity = load_publicity(conn, &c)?;

        // a year with a panel meeting shows it between the written review and the decision
        let mut order = vec![Stage::Apply, Stage::Review];
        if c.policy.meeting {
            order.push(Stage::Meeting);
        }
        order.extend([Stage::Decide, Stage::Publicity, Stage::Published]);
        let pos = |s: Stage| {
            let s = if s == Stage::Final { Stage::Publicity } else { s };
            order.iter().position(|x| *x == s).unwrap_or(0)
        };
        let meeting = super::rows::meeting::get(conn, c.id)?;
        let votes = if c.policy.meeting { super::rows::meeting::votes(conn, c.id)?.len() } else { 0 };
        let here = pos(c.stage);
        let steps = order
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let (label, date_text, detail) = match s {
                    Stage::Apply => (
                        "申报推荐",
                        format!("截止{}", md(c.dates.deadline)),
                        format!("收到{}份，已推荐{}份", n.dossiers, n.recommended),
                    ),
                    Stage::Review => (
                        "专家评审",
                        String::new(),
                        format!("{}位专家，评分表{}/{}", n.experts, n.sheets_submitted, n.sheets_total),
                    ),
                    Stage::Meeting => (
                        "会议评审",
                        meeting.as_ref().map(|m| md(m.held_on)).unwrap_or_default(),
                        meeting
                            .as_ref()
                            .map(|m| format!("出席{}人，已表决{}项", m.present.len(), votes))
                            .unwrap_or_default(),
                    ),
                    Stage::Decide => (
                        "结果与经费",
                        String::new(),
                        format!("试点示范{}家，后补助{}家", n.pilot_selected, n.subsidy_funded),
                    ),
                    Stage::Publicity => (
                        "公示",
                        publicity.as_ref().map(|p| format!("{}至{}", md(p.start), md(p.end))).unwrap_or_default(),
                        publicity
                            .as_ref()
                            .map(|p| format!("名单{}家，异议{}条", p.rows.len(), p.objections.len()))
                            .unwrap_or_default(),
                    ),
                    _ => (
                        "发布",
                        publicity.as_ref().and_then(|p| p.published_on).map(md).unwrap_or_default(),
                        c.doc_number.clone().unwrap_or_default(),
                    ),
                };
                let state = if i < here || (c.stage == Stage::Published && i == here) {
                    "done"
                } else if i == here {
                    "current"
                } else {
                    "upcoming"
                };
                OverviewStep { stage: *s, label: label.into(), state: state.into(), date_text, detail }
            })
            .collect();

        let mut todos = Vec::new();
        let mut todo = |level: &str, text: String, route: &str| {
            todos.push(Todo { level: level.into(), text, route: route.into() })
        };
        match c.stage {
            Stage::Apply => {
                if n.dossiers == 0 {
                    todo(
                        "info",
                        format!("尚未收到申报材料：导入申报汇总表或新建申报（截止{}）", cn_date(c.dates.deadline)),
                        "dossiers",
                    );
                }
                if n.late_pending > 0 {
                    todo("warning", format!("{}份逾期材料待决定是否受理", n.late_pending), "recommend");
                }
                if submitted_unchecked > 0 {
                    todo("warning", format!("{submitted_unchecked}份材料待形式审查"), "recommend");
                }
                if n.experts == 0 {
                    todo("info", "尚未组建评审专家组：导入评审专家库".into(), "experts");
                } else if n.recommended > 0 && submitted_unchecked == 0 && n.late_pending == 0 {
                    todo("info", format!("{}份材料已推荐，可以随机抽取评审专家", n.recommended), "experts");
                }
            }
            Stage::Review => {
                if n.sheets_pending > 0 {
                    todo("warning", format!("{}份评分表未提交", n.sheets_pending), "results");
                }
            }
            Stage::Meeting => {
                if meeting.is_none() {
                    todo(
                        "warning",
                        "书面评审已结束：召开专家组会议评审（登记日期、地点、组长和出席专家）".into(),
                        "meeting",
                    );
                } else {
                    todo("info", format!("会议评审进行中：已表决{votes}项，全部表决后结束会议评审"), "meeting");
                }
            }
            Stage::Decide => {
                todo("info", "评审已结束：查看结果，确定试点示范单位和经费安排".into(), "funding");
                todo("info", "经费安排确定后开始公示".into(), "publicity");
            }
            Stage::Publicity => {
                if let Some(p) = &publicity {
                    todo("info", format!("公示期至{}", md(p.end)), "publicity");
                }
                if n.objections_open > 0 {
                    todo("warning", format!("{}条异议待处理", n.objections_open), "publicity");
                }
            }
            Stage::Final => todo("warning", "公示已结束，可以发布结果并印发通报".into(), "publicity"),
            Stage::Published => todo("info", "结果已发布：导出通报和经费表".into(), "documents"),
        }
        Ok(Overview { year: c.year, stage: c.stage, stage_label: c.stage.label().into(), steps, counts: n, todos })
    }

    /// A dossier with what the detail screen shows (secretariat; an applicant its own unit's).
    pub fn dossier_detail(&self, actor: &Actor, id: i64) -> Result<DossierDetail> {
        if actor.role() == Role::Expert {
            self.require(actor, Role::Secretariat, t!(msg::YEAR_ACTION_VIEW_DOSSIER))?;
        }
        let dossier = self.dossier(actor, id)?;
        let findings = self.check_dossier(id)?;
        let ratios = ratios(&dossier.input.indicators);
        let history = entries(
            &self.conn,
            "SELECT seq, at, actor, action, subject, detail FROM audit WHERE subject = ?1
               OR subject IN (SELECT 'assignment:' || id FROM assignments WHERE dossier_id = ?2) ORDER BY seq",
            &[&format!("dossier:{id}"), &id],
        )?;
        Ok(DossierDetail { dossier, ratios, findings, history })
    }

    /// The audit log, newest first, filtered (secretariat).
    pub fn audit_query(&self, actor: &Actor, q: &AuditQuery) -> Result<Vec<AuditEntry>> {
        self.require(actor, Role::Secretariat, t!(msg::FILES_ACTION_READ_AUDIT))?;
        let prefix = format!("{}%", q.action_prefix.clone().unwrap_or_default().replace('%', ""));
        let text =
            q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(|t| format!("%{}%", t.replace('%', "")));
        entries(
            &self.conn,
            "SELECT seq, at, actor, action, subject, detail FROM audit
              WHERE action LIKE ?1 AND (action NOT LIKE 'record.%' OR ?1 LIKE 'record.%') AND (?2 IS NULL OR actor LIKE ?2 OR subject LIKE ?2 OR detail LIKE ?2) AND (?3 IS NULL OR seq < ?3)
              ORDER BY seq DESC LIMIT ?4",
            &[&prefix, &text, &q.before_seq, &(q.limit.clamp(1, 5000) as i64)],
        )
    }
}
