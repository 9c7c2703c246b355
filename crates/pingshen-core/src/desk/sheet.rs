//! The expert's scoring screen (the dossier, the rubric, the sheet as saved so far) and the
//! publicity period as it would be opened.

use super::campaign::load;
use super::campaign::require_stage;
use super::dossiers::load_dossier;
use super::funding::funding_table;
use super::overview::{ratios, RatioView};
use super::rows;
use super::rows::experts::expert_id_of;
use super::rows::scores::sheet_scores;
use super::score_sheet::SheetScore;
use super::{Actor, Desk, Dossier, PublicityRow, Role};
use crate::decimal::Centi;
use crate::error::{Error, Result};
use crate::rubric::{Criterion, Rubric};
use crate::rules;
use crate::workflow::{SheetState, Stage, StageEvent};
use crate::{msg, t};
use chrono::{Datelike, NaiveDate};
use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct ScoringItem {
    pub criterion: Criterion,
    /// Typed so far (expert criteria) or computed (auto criteria).
    pub points: Option<Centi>,
    pub comment: String,
    pub auto: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ScoringSheet {
    pub assignment_id: i64,
    pub state: SheetState,
    pub expert: String,
    pub dossier: Dossier,
    pub ratios: Vec<RatioView>,
    pub rubric: Rubric,
    /// The step of expert scores (50 = 0.5 points).
    pub step: Centi,
    pub items: Vec<ScoringItem>,
    /// Typed plus auto so far.
    pub total: Centi,
    /// Every expert criterion scored.
    pub complete: bool,
    /// Other experts' submitted sheets: only once this one is submitted.
    pub others: Vec<SheetView>,
    /// Pending, in review, and the actor is this sheet's expert.
    pub editable: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SkippedDay {
    pub date: NaiveDate,
    /// 「周六」「周日」 or the holiday's name.
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PublicityPreview {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub working_days: u32,
    /// Days in the period that do not count.
    pub skipped: Vec<SkippedDay>,
    pub rows: Vec<PublicityRow>,
}

impl Desk {
    /// An expert's sheet as the scoring screen shows it (that expert, or the secretariat).
    pub fn scoring_sheet(&self, actor: &Actor, assignment_id: i64) -> Result<ScoringSheet> {
        let row: Option<(i64, i64, String, SheetState)> = self
            .conn
            .query_row("SELECT a.dossier_id, a.expert_id, e.name, a.state FROM assignments a JOIN experts e ON e.id = a.expert_id WHERE a.id = ?1", [assignment_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()
            .map_err(rows::at("assignments", assignment_id))?;
        let (dossier_id, expert_id, expert, state) = row.ok_or_else(|| Error::NotFound {
            what: t!(msg::EXCHANGE_WHAT_ASSIGNMENT),
            name: String::new(),
            hint: t!(msg::EXCHANGE_NUMBER, id = assignment_id),
        })?;
        let d = load_dossier(&self.conn, dossier_id)?;
        let c = load(&self.conn, Some(d.year))?;
        let mine = match actor.role() {
            Role::Secretariat => false,
            Role::Expert if expert_id_of(&self.conn, actor, c.id)? == Some(expert_id) => true,
            _ => return Err(self.deny(actor, t!(msg::EXCHANGE_SHEET_VIEW_OWN_ONLY))),
        };
        let rubric = c.rubric(d.award()).clone();
        let typed = sheet_scores(&self.conn, assignment_id)?;
        let autos = rubric.auto_scores(&d.input.indicators);
        let items: Vec<ScoringItem> = rubric
            .criteria
            .iter()
            .map(|k| {
                if k.is_auto() {
                    ScoringItem {
                        criterion: k.clone(),
                        points: autos.iter().find(|(id, _)| *id == k.id).map(|x| x.1),
                        comment: "按指标自动计算".into(),
                        auto: true,
                    }
                } else {
                    let t = typed.get(&k.id);
                    ScoringItem {
                        criterion: k.clone(),
                        points: t.map(|x| x.0),
                        comment: t.map(|x| x.1.clone()).unwrap_or_default(),
                        auto: false,
                    }
                }
            })
            .collect();
        let total = Centi(items.iter().filter_map(|i| i.points).map(|p| p.0).sum());
        let complete = items.iter().all(|i| i.auto || i.points.is_some());
        let others = if state == SheetState::Submitted {
            self.dossier_scores(actor, dossier_id)?
                .into_iter()
                .filter(|s| s.assignment_id != assignment_id && s.state == SheetState::Submitted)
                .collect()
        } else {
            Vec::new()
        };
        Ok(ScoringSheet {
            assignment_id,
            state,
            expert,
            ratios: ratios(&d.input.indicators),
            dossier: d,
            step: rubric.step().ok_or_else(|| {
                Error::other(t!(
                    msg::EXCHANGE_RUBRIC_STEP_DAMAGED,
                    rubric = rubric.title.as_str(),
                    step = rubric.step.as_str()
                ))
            })?,
            rubric,
            items,
            total,
            complete,
            others,
            editable: mine && state == SheetState::Pending && c.stage == Stage::Review,
        })
    }

    /// The publicity period and list as `open_publicity` would make them, with the days that do
    /// not count (secretariat; nothing is written; the same refusals as opening).
    pub fn publicity_preview(&self, actor: &Actor, year: Option<i32>, start: NaiveDate) -> Result<PublicityPreview> {
        self.require(actor, Role::Secretariat, StageEvent::OpenPublicity.text())?;
        let c = load(&self.conn, year)?;
        require_stage(&c, Stage::Decide, StageEvent::OpenPublicity.text())?;
        let days = c.policy.publicity_days;
        let cal = &super::calendar::work_calendar(&self.conn)?;
        let end = rules::publicity_end(cal, start, days)?;
        let mut skipped = Vec::new();
        let mut d = start;
        while d <= end {
            if !cal.is_workday(d)? {
                let reason = cal.holiday_name(d).map(str::to_string).unwrap_or_else(|| {
                    if d.weekday() == chrono::Weekday::Sat {
                        "周六".into()
                    } else {
                        "周日".into()
                    }
                });
                skipped.push(SkippedDay { date: d, reason });
            }
            d = d.succ_opt().ok_or_else(|| {
                Error::invalid(t!(msg::EXCHANGE_FIELD_PUBLICITY_START), t!(msg::EXCHANGE_DATE_OUT_OF_RANGE))
            })?;
        }
        let t = funding_table(&self.conn, &c)?;
        if t.lines.is_empty() {
            return Err(Error::rule(t!(msg::EXCHANGE_PUBLICITY_LIST_EMPTY)));
        }
        let rows = t
            .lines
            .iter()
            .map(|l| PublicityRow {
                dossier_id: l.dossier_id,
                unit: l.unit.clone(),
                award: l.award,
                amount_yuan: l.amount_yuan,
            })
            .collect();
        Ok(PublicityPreview { start, end, working_days: days, skipped, rows })
    }
}
/// One expert's sheet on one dossier, as the viewer may see it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SheetView {
    pub assignment_id: i64,
    pub expert: String,
    pub state: SheetState,
    /// In rubric order: expert criteria as typed, auto criteria computed.
    pub scores: Vec<SheetScore>,
    pub total: Option<Centi>,
}

impl Desk {
    /// The sheets of one dossier as the actor may see them: the secretariat all; an assigned
    /// expert only their own until they have submitted, then every submitted sheet.
    pub fn dossier_scores(&self, actor: &Actor, dossier_id: i64) -> Result<Vec<SheetView>> {
        let d = load_dossier(&self.conn, dossier_id)?;
        let c = load(&self.conn, Some(d.year))?;
        let me = match actor.role {
            Role::Secretariat => None,
            Role::Expert => {
                let eid = expert_id_of(&self.conn, actor, c.id)?
                    .ok_or_else(|| self.deny(actor, t!(msg::EXCHANGE_NOT_IN_PANEL)))?;
                Some(eid)
            }
            Role::Applicant => return Err(self.deny(actor, t!(msg::EXCHANGE_APPLICANT_NO_SCORES))),
        };
        let mut st = self.conn.prepare("SELECT a.id, a.expert_id, e.name, a.state FROM assignments a JOIN experts e ON e.id = a.expert_id WHERE a.dossier_id = ?1 ORDER BY e.id")?;
        let sheets: Vec<(i64, i64, String, SheetState)> = st
            .query_map([dossier_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<std::result::Result<_, _>>()
            .map_err(rows::at("assignments", t!(msg::YEAR_ROW_DOSSIER_NO, id = dossier_id)))?;
        let mine_submitted = match me {
            None => true,
            Some(eid) => match sheets.iter().find(|s| s.1 == eid) {
                None => return Err(self.deny(actor, t!(msg::EXCHANGE_NOT_ASSIGNED_DOSSIER))),
                Some(s) => s.3 == SheetState::Submitted,
            },
        };
        let rubric = c.rubric(d.award());
        let auto = rubric.auto_scores(&d.input.indicators);
        let mut out = Vec::new();
        for (aid, eid, name, state) in sheets {
            let visible = me.is_none() || Some(eid) == me || (mine_submitted && state == SheetState::Submitted);
            if !visible {
                continue;
            }
            let typed = sheet_scores(&self.conn, aid)?;
            let mut scores: Vec<SheetScore> = Vec::new();
            for k in &rubric.criteria {
                if k.is_auto() {
                    let v = auto.iter().find(|(id, _)| *id == k.id).map(|x| x.1).unwrap_or_default();
                    scores.push(SheetScore {
                        criterion: k.id.clone(), points: v, comment: "按指标自动计算".into()
                    });
                } else if let Some((v, cm)) = typed.get(&k.id) {
                    scores.push(SheetScore { criterion: k.id.clone(), points: *v, comment: cm.clone() });
                }
            }
            let total = (state == SheetState::Submitted).then(|| Centi(scores.iter().map(|s| s.points.0).sum()));
            out.push(SheetView { assignment_id: aid, expert: name, state, scores, total });
        }
        Ok(out)
    }
}
