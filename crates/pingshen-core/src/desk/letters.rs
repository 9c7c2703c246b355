//! What units hear back (issue 19): the data of the feedback letter (评审意见反馈函) of each unit
//! that applied in a published year and of the correction notice (补正通知) of a dossier returned
//! at the formal check, and the log entry of every letters export. The letters' layout is
//! `export::pdf::letters`; this file decides what a letter may say.
//!
//! A feedback letter holds only its own unit's figures: its award, aggregate, grade, rank among
//! the ranked dossiers of its award, its funding, per criterion its own average beside the award's
//! average (an average over every scored dossier of the award, never another unit's figure), the
//! experts' non-blank comments on its dossier with no name and in an order shuffled by a seed the
//! log records ([`comment_order`]), and its standing the last year it applied (`history.rs`).

use chrono::{FixedOffset, NaiveDate};
use serde::Serialize;

use super::campaign::load;
use super::dossiers::load_dossier;
use super::history::previous_standings;
use super::ranking::{year_standings, HistoryEntry};
use super::rows;
use super::{Actor, Desk, Role};
use crate::assignment::SplitMix64;
use crate::decimal::{Points, Ratio};
use crate::error::{Error, Result};
use crate::model::Award;
use crate::rules;
use crate::scoring::Grade;
use crate::store;
use crate::text::catalog::msg;
use crate::units;
use crate::workflow::{DossierState, Stage};
use crate::{t, AuditAction};

/// Which letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    /// 评审意见反馈函, one per unit that applied, once the year is published.
    Feedback,
    /// 补正通知, one per dossier returned at the formal check.
    Return,
    /// 评审邀请函, one per expert.
    Invitation,
}

impl LetterKind {
    pub fn label(self) -> &'static str {
        match self {
            LetterKind::Feedback => "评审意见反馈函",
            LetterKind::Return => "补正通知",
            LetterKind::Invitation => "评审邀请函",
        }
    }
    /// The short name in file names (全部反馈函.pdf).
    pub fn short(self) -> &'static str {
        match self {
            LetterKind::Feedback => "反馈函",
            LetterKind::Return => "补正通知",
            LetterKind::Invitation => "邀请函",
        }
    }
}

/// One criterion of a dossier's rubric: its own average beside its award's.
#[derive(Debug, Clone, Serialize)]
pub struct LetterCriterion {
    pub name: String,
    pub points: i64,
    /// The mean of the submitted sheets' scores on this dossier (None: no sheet).
    pub own: Option<Points>,
    /// The mean over every scored dossier of the award of each one's mean.
    pub award: Option<Points>,
}

/// One expert comment, without its author.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterComment {
    pub criterion: String,
    pub text: String,
}

/// What a feedback letter says of one of the unit's dossiers.
#[derive(Debug, Clone, Serialize)]
pub struct DossierFeedback {
    pub dossier_id: i64,
    pub award: Award,
    pub state: DossierState,
    pub aggregate: Option<String>,
    pub grade: Option<Grade>,
    pub rank: Option<u32>,
    /// Ranked dossiers of the award.
    pub of: Option<u32>,
    pub amount_yuan: Option<i64>,
    pub pay_by: Option<NaiveDate>,
    /// Why it was not ranked, in words (None when ranked).
    pub unranked: Option<String>,
    pub criteria: Vec<LetterCriterion>,
    pub comments: Vec<LetterComment>,
}

/// A feedback letter: one unit, its dossiers, its last earlier standing.
#[derive(Debug, Clone, Serialize)]
pub struct FeedbackLetter {
    pub year: i32,
    pub unit: String,
    pub unit_code: String,
    pub dossiers: Vec<DossierFeedback>,
    /// The unit's standing the last year it applied before (None: first time).
    pub previous: Vec<HistoryEntry>,
}

/// The feedback letters of a year and the seed their comments were shuffled with.
#[derive(Debug, Clone, Serialize)]
pub struct FeedbackLetters {
    pub year: i32,
    pub seed: u64,
    pub doc_number: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub letters: Vec<FeedbackLetter>,
}

/// A correction notice: a returned dossier, why, and by when to send it again.
#[derive(Debug, Clone, Serialize)]
pub struct ReturnNotice {
    pub year: i32,
    pub dossier_id: i64,
    pub unit: String,
    pub unit_code: String,
    pub award: Award,
    pub submitted_on: Option<NaiveDate>,
    pub returned_on: NaiveDate,
    /// The clerk's reasons, one a line.
    pub reasons: Vec<String>,
    /// What the formal check still finds now (not already among the reasons).
    pub findings: Vec<String>,
    pub working_days: u32,
    pub resubmit_by: NaiveDate,
}

/// The order of a dossier's comments in its letter: shuffled by `seed` mixed with the dossier id
/// (SplitMix64, `assignment::SplitMix64`), so the order says nothing of which sheet a comment
/// came from and the same seed gives the same order again.
pub fn comment_order(seed: u64, dossier_id: i64, comments: &mut [LetterComment]) {
    let mut rng = SplitMix64::new(seed ^ (dossier_id as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
    rng.shuffle(comments);
}

/// A fresh seed from the operating system.
pub fn fresh_seed() -> Result<u64> {
    getrandom::u64().map_err(|e| Error::other(t!(msg::DECIDE_LETTERS_NO_RANDOM, detail = e.to_string())))
}

/// The day (Beijing time) of an RFC 3339 UTC time stored in the log or a row.
fn beijing_day(at: &str) -> Option<NaiveDate> {
    let t = chrono::DateTime::parse_from_rfc3339(at).ok()?;
    let east8 = FixedOffset::east_opt(8 * 3600)?;
    Some(t.with_timezone(&east8).date_naive())
}

fn mean(sum: i64, n: i64) -> Option<Points> {
    (n > 0).then(|| Points(Ratio::new(sum as i128, n as i128)))
}

impl Desk {
    /// The feedback letters of a published year (secretariat): every unit that applied, or only
    /// `unit` (name or short name). The comments are shuffled by `seed` (a fresh one when None).
    pub fn feedback_letters(
        &self,
        actor: &Actor,
        year: Option<i32>,
        unit: Option<&str>,
        seed: Option<u64>,
    ) -> Result<FeedbackLetters> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_EXPORT_FEEDBACK))?;
        let c = load(&self.conn, year)?;
        if c.stage != Stage::Published {
            return Err(Error::illegal(
                c.stage.text(),
                t!(msg::DECIDE_ACTION_EXPORT_FEEDBACK),
                t!(msg::DECIDE_LETTERS_FEEDBACK_AFTER_PUBLISH, year = c.year),
            ));
        }
        let only = match unit {
            Some(u) => Some(units::resolve(t!(msg::YEAR_FIELD_UNIT), u)?.code.clone()),
            None => None,
        };
        let seed = match seed {
            Some(s) => s,
            None => fresh_seed()?,
        };
        let standings = year_standings(&self.conn, &c)?;
        if let Some(code) = &only {
            if !standings.iter().any(|(u, _)| u == code) {
                let name = units::by_code(code).map(|u| u.full_name.clone()).unwrap_or_default();
                return Err(Error::invalid(
                    t!(msg::YEAR_FIELD_UNIT),
                    t!(msg::DECIDE_LETTERS_NOT_APPLIED, unit = name, year = c.year),
                ));
            }
        }
        let pay_by: std::collections::HashMap<i64, NaiveDate> =
            rows::funding::all(&self.conn, c.id)?.into_iter().map(|l| (l.dossier_id, l.pay_by)).collect();
        // per dossier: criterion → (sum, n); comments
        let scores = rows::scores::submitted_of_campaign(&self.conn, c.id)?;
        let mut sums: std::collections::HashMap<(i64, String), (i64, i64)> = std::collections::HashMap::new();
        let mut comments: std::collections::HashMap<i64, Vec<LetterComment>> = std::collections::HashMap::new();
        for s in &scores {
            let e = sums.entry((s.dossier_id, s.criterion.clone())).or_default();
            e.0 += s.centi.0;
            e.1 += 1;
            let text = s.comment.trim();
            if !text.is_empty() {
                comments
                    .entry(s.dossier_id)
                    .or_default()
                    .push(LetterComment { criterion: s.criterion.clone(), text: text.to_string() });
            }
        }
        // `year_standings` lists the applied dossiers in `applied`'s order
        let applied = rows::dossiers::applied(&self.conn, c.id)?;
        let award_of: std::collections::HashMap<i64, Award> = applied.iter().map(|d| (d.id, d.award)).collect();
        // the award's average per criterion: the mean of the dossiers' means
        let mut award_avg: std::collections::HashMap<(Award, String), (Ratio, i64)> = std::collections::HashMap::new();
        for ((id, crit), (sum, n)) in &sums {
            if let (Some(a), Some(m)) = (award_of.get(id), mean(*sum, *n)) {
                let e = award_avg.entry((*a, crit.clone())).or_insert((Ratio::int(0), 0));
                e.0 = Ratio::new(e.0.num() * m.0.den() + m.0.num() * e.0.den(), e.0.den() * m.0.den());
                e.1 += 1;
            }
        }
        let codes: Vec<&str> = {
            let mut v: Vec<&str> = standings.iter().map(|(u, _)| u.as_str()).collect();
            v.dedup();
            v.retain(|u| only.as_deref().is_none_or(|o| o == *u));
            v
        };
        let previous = previous_standings(&self.conn, &c, &codes)?;
        let mut letters: Vec<FeedbackLetter> = Vec::new();
        for ((code, e), d) in standings.iter().zip(&applied) {
            if only.as_deref().is_some_and(|o| o != code) {
                continue;
            }
            let id = d.id;
            let rubric = c.rubric(e.award);
            let criteria = rubric
                .expert_criteria()
                .map(|k| {
                    let own = sums.get(&(id, k.id.clone())).and_then(|(s, n)| mean(*s, *n));
                    let award = award_avg
                        .get(&(e.award, k.id.clone()))
                        .map(|(r, n)| Points(Ratio::new(r.num(), r.den() * *n as i128)));
                    LetterCriterion { name: k.name.clone(), points: k.points, own, award }
                })
                .collect();
            let mut own_comments: Vec<LetterComment> = comments
                .get(&id)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|mut m| {
                    m.criterion = rubric.criterion(&m.criterion).map(|k| k.name.clone()).unwrap_or(m.criterion);
                    m
                })
                .collect();
            comment_order(seed, id, &mut own_comments);
            let unranked = match (e.rank, e.state) {
                (Some(_), _) => None,
                (None, DossierState::Recommended) => {
                    Some(format!("有效评分少于{}份，未参加排名", c.policy.min_scores_to_rank))
                }
                (None, s) => Some(format!("{}，未进入专家评审", s.label())),
            };
            let fb = DossierFeedback {
                dossier_id: id,
                award: e.award,
                state: e.state,
                aggregate: e.aggregate.clone(),
                grade: e.grade,
                rank: e.rank,
                of: e.of,
                amount_yuan: e.amount_yuan,
                pay_by: pay_by.get(&id).copied(),
                unranked,
                criteria,
                comments: own_comments,
            };
            match letters.last_mut() {
                Some(l) if l.unit_code == *code => l.dossiers.push(fb),
                _ => letters.push(FeedbackLetter {
                    year: c.year,
                    unit: units::by_code(code).map(|u| u.full_name.clone()).unwrap_or_else(|| code.clone()),
                    unit_code: code.clone(),
                    dossiers: vec![fb],
                    previous: previous.get(code).cloned().unwrap_or_default(),
                }),
            }
        }
        let published_on = self.publicity(actor, Some(c.year))?.and_then(|p| p.published_on);
        Ok(FeedbackLetters { year: c.year, seed, doc_number: c.doc_number.clone(), published_on, letters })
    }

    /// The correction notices of the dossiers returned at the formal check and not yet sent again
    /// (secretariat), or only `unit`'s. The deadline counts `Policy::resubmit_working_days` working
    /// days from the return (`rules::resubmit_by`, over the database's working-day calendar).
    pub fn return_notices(&self, actor: &Actor, year: Option<i32>, unit: Option<&str>) -> Result<Vec<ReturnNotice>> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_EXPORT_RETURN_NOTICES))?;
        let c = load(&self.conn, year)?;
        let only = match unit {
            Some(u) => Some(units::resolve(t!(msg::YEAR_FIELD_UNIT), u)?.code.clone()),
            None => None,
        };
        let cal = super::calendar::work_calendar(&self.conn)?;
        let mut out = Vec::new();
        for a in rows::dossiers::applied(&self.conn, c.id)? {
            if a.state != DossierState::Returned || only.as_deref().is_some_and(|o| o != a.unit_code) {
                continue;
            }
            let d = load_dossier(&self.conn, a.id)?;
            let Some(ret) = d.decisions.iter().rev().find(|x| x.kind == "returned") else { continue };
            let returned_on = beijing_day(&ret.at).ok_or_else(|| {
                Error::other(t!(
                    msg::DECIDE_LETTERS_RETURN_TIME,
                    unit = d.unit.full_name.as_str(),
                    at = ret.at.as_str()
                ))
            })?;
            let reasons: Vec<String> =
                ret.reason.split('；').map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).collect();
            let findings: Vec<String> = self
                .check_dossier(a.id)?
                .into_iter()
                .filter(|f| !reasons.iter().any(|r| r.contains(f.as_str())))
                .collect();
            let n = c.policy.resubmit_working_days;
            out.push(ReturnNotice {
                year: c.year,
                dossier_id: a.id,
                unit: d.unit.full_name.clone(),
                unit_code: d.unit.code.clone(),
                award: d.award(),
                submitted_on: d.input.submitted_on,
                returned_on,
                reasons,
                findings,
                working_days: n,
                resubmit_by: rules::resubmit_by(&cal, returned_on, n)?,
            });
        }
        if out.is_empty() {
            let whom = only.as_deref().and_then(units::by_code).map(|u| u.full_name.clone());
            return Err(Error::rule(match whom {
                Some(u) => t!(msg::DECIDE_LETTERS_NONE_RETURNED_UNIT, year = c.year, unit = u),
                None => t!(msg::DECIDE_LETTERS_NONE_RETURNED, year = c.year),
            }));
        }
        Ok(out)
    }

    /// Logs a letters export (secretariat): the kind, the files written, the shuffle seed of the
    /// feedback letters, whether they carry the seal, and the log head the files carry.
    #[allow(clippy::too_many_arguments)]
    pub fn record_letters_export(
        &self,
        actor: &Actor,
        year: Option<i32>,
        kind: LetterKind,
        files: &[String],
        seed: Option<u64>,
        sealed: bool,
        head: Option<String>,
    ) -> Result<()> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_EXPORT_LETTERS))?;
        let c = super::campaign::read(&self.conn, year)?;
        self.write(|tx| {
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::LettersExport,
                &format!("campaign:{}", c.year),
                &serde_json::json!({
                    "kind": kind,
                    "files": files,
                    "seed": seed.map(|s| s.to_string()),
                    "sealed": sealed,
                    "head": head,
                }),
            )
        })
    }

    /// Logs a document exported with the seal (notice, publicity list): the file name and the
    /// log head it carries.
    pub fn record_sealed_export(
        &self,
        actor: &Actor,
        year: Option<i32>,
        document: &str,
        file: &str,
        head: Option<String>,
    ) -> Result<()> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_SEALED_EXPORT))?;
        let c = super::campaign::read(&self.conn, year)?;
        self.write(|tx| {
            store::audit(
                tx,
                &actor.audit_name(),
                AuditAction::SealedExport,
                &format!("campaign:{}", c.year),
                &serde_json::json!({"document": document, "file": file, "head": head}),
            )
        })
    }
}
