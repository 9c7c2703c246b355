//! 评分录入: paper sheets (e.g. from a panel meeting) imported by the secretariat, every expert ×
//! dossier pair in the file submitted through the one path of a score sheet. All or nothing;
//! every problem names its row.

use super::campaign::load;
use super::pledge::accept_by_signature;
use super::review_end::end_review_if_done;
use super::rows::assignments::load_sheet;
use super::rows::at;
use super::rows::experts::{conflicts_of, find_expert};
use super::score_sheet::{check_score, missing, store, CheckedScore, Outcome};
use super::{Actor, Desk, ImportSummary, Role};
use crate::error::{Error, ImportProblem, Result};
use crate::import;
use crate::model::{Award, ScoreInput};
use crate::rules;
use crate::text::Text;
use crate::units;
use crate::workflow::{SheetState, Stage};
use crate::AuditAction;
use crate::{msg, t};
use rusqlite::params;
use std::collections::BTreeMap;
use std::path::Path;

impl Desk {
    /// Imports 评分录入 (secretariat, e.g. paper sheets from a panel meeting) and submits every
    /// expert × dossier pair in it. All or nothing; every problem names its row.
    pub fn import_scores(&self, actor: &Actor, year: Option<i32>, path: &Path) -> Result<ImportSummary> {
        self.require(actor, Role::Secretariat, t!(msg::EXCHANGE_ACTION_IMPORT_SCORES))?;
        let table = import::read_table(path)?;
        let rows = import::parse_scores(&table)?;
        let _backup = self.backup_if_review_may_end(actor, year, None)?;
        self.write(|tx| {
            let c = load(tx, year)?;
            if c.stage != Stage::Review {
                return Err(Error::IllegalTransition { state: c.stage.text(), action: t!(msg::EXCHANGE_ACTION_IMPORT_SCORES), allowed: t!(msg::EXCHANGE_SCORES_IN_REVIEW, stage = Stage::Review.text()) });
            }
            let mut problems = Vec::new();
            // (assignment id) → (first row, award, rows)
            let mut pairs: BTreeMap<i64, (usize, Award, Vec<CheckedScore>)> = BTreeMap::new();
            for r in &rows {
                let mut p = |m: Text, col: &str| problems.push(ImportProblem::new(r.row, col, m));
                let Ok(expert) = find_expert(tx, c.id, &r.expert) else {
                    p(t!(msg::EXCHANGE_SCORE_EXPERT_UNKNOWN, name = r.expert.as_str()), "专家");
                    continue;
                };
                // which dossier of the unit: the one whose rubric has this criterion
                let cands: Vec<(Option<(i64, SheetState)>, Award)> = {
                    let mut st = tx.prepare_cached("SELECT a.id, a.state, d.award FROM dossiers d LEFT JOIN assignments a ON a.dossier_id = d.id AND a.expert_id = ?3 WHERE d.campaign_id = ?1 AND d.unit_code = ?2")?;
                    let v = st
                        .query_map(params![c.id, r.unit_code, expert.id], |x| {
                            let sheet = match x.get::<_, Option<i64>>(0)? {
                                Some(aid) => Some((aid, x.get(1)?)),
                                None => None,
                            };
                            Ok((sheet, x.get(2)?))
                        })?
                        .collect::<std::result::Result<_, _>>()
                        .map_err(at("assignments", t!(msg::EXCHANGE_ROW_EXPERT, name = r.expert.as_str())))?;
                    v
                };
                let unit_name = units::by_code(&r.unit_code).map(|u| u.full_name.clone()).unwrap_or_default();
                let matching: Vec<&(Option<(i64, SheetState)>, Award)> = cands
                    .iter()
                    .filter(|(_, a)| r.award.is_none_or(|w| w == *a) && c.rubric(*a).criterion(&r.criterion).is_some())
                    .collect();
                let Some(&&(sheet, award)) = matching.first() else {
                    if cands.is_empty() {
                        p(t!(msg::EXCHANGE_SCORE_UNIT_NO_DOSSIER, unit = unit_name.as_str()), "单位");
                    } else {
                        p(t!(msg::EXCHANGE_SCORE_CRITERION_NOT_IN_AWARD, criterion = r.criterion.as_str()), "评分项");
                    }
                    continue;
                };
                if matching.len() > 1 {
                    p(
                        t!(
                            msg::EXCHANGE_SCORE_AWARD_AMBIGUOUS,
                            unit = unit_name.as_str(),
                            pilot = Award::Pilot.text(),
                            subsidy = Award::Subsidy.text(),
                            criterion = r.criterion.as_str(),
                            column = "类别"
                        ),
                        "类别",
                    );
                    continue;
                }
                let Some((aid, state)) = sheet else {
                    let recused = match units::by_code(&r.unit_code) {
                        Some(u) => rules::recusal(&expert.province, &expert.employer, &conflicts_of(tx, expert.id)?, u),
                        None => None,
                    };
                    match recused {
                        Some(why) => p(
                            t!(
                                msg::EXCHANGE_SCORE_EXPERT_RECUSED,
                                name = r.expert.as_str(),
                                unit = unit_name.as_str(),
                                reason = recusal_text(&why)
                            ),
                            "专家",
                        ),
                        None => p(t!(msg::EXCHANGE_SCORE_NOT_ASSIGNED, name = r.expert.as_str(), unit = unit_name.as_str()), "专家"),
                    }
                    continue;
                };
                match state {
                    SheetState::Recused => {
                        p(t!(msg::EXCHANGE_SCORE_DECLARED_RECUSAL, name = r.expert.as_str(), unit = unit_name.as_str()), "专家");
                        continue;
                    }
                    SheetState::Withdrawn => {
                        p(t!(msg::EXCHANGE_SCORE_WITHDRAWN, name = r.expert.as_str(), unit = unit_name.as_str()), "专家");
                        continue;
                    }
                    SheetState::Unreturned => {
                        p(t!(msg::EXCHANGE_SCORE_UNRETURNED, name = r.expert.as_str(), unit = unit_name.as_str()), "专家");
                        continue;
                    }
                    SheetState::Submitted => {
                        p(t!(msg::EXCHANGE_SCORE_LOCKED, name = r.expert.as_str(), unit = unit_name.as_str()), "专家");
                        continue;
                    }
                    SheetState::Pending => {}
                }
                let typed = ScoreInput { criterion: r.criterion.clone(), points: r.points, comment: r.comment.clone() };
                match check_score(c.rubric(award), &typed) {
                    Ok(checked) => pairs.entry(aid).or_insert((r.row, award, Vec::new())).2.push(checked),
                    Err(m) => {
                        let col = if m.zh().contains("得分") { "得分" } else { "评分项" };
                        p(m, col);
                    }
                }
            }
            if problems.is_empty() {
                for (aid, (row, award, scores)) in &pairs {
                    let mut ids: Vec<&str> = scores.iter().map(|s| s.criterion.as_str()).collect();
                    ids.sort_unstable();
                    if let Some(d) = ids.windows(2).find(|w| w[0] == w[1]) {
                        problems.push(ImportProblem::new(*row, "评分项", t!(msg::EXCHANGE_SCORE_DUPLICATE, criterion = d[0])));
                    }
                    let missing: Vec<&str> = missing(c.rubric(*award), &ids).iter().map(|k| k.id.as_str()).collect();
                    if !missing.is_empty() {
                        let s = load_sheet(tx, *aid)?;
                        problems.push(ImportProblem::new(
                            *row,
                            "评分项",
                            t!(
                                msg::EXCHANGE_SCORE_INCOMPLETE,
                                name = s.expert.as_str(),
                                unit = s.unit.as_str(),
                                missing = missing.join("、")
                            ),
                        ));
                    }
                }
            }
            if !problems.is_empty() {
                problems.sort_by_key(|p| p.row);
                return Err(Error::Import { file: table.file.clone(), problems });
            }
            // a paper sheet carries the expert's signature: it counts as the pledge accepted. Not
            // in an expert's own installation: there the expert types their own scores and signs
            // the pledge first (`pledge accept`), as in the window.
            let own_installation: bool =
                tx.query_row("SELECT count(*) FROM held_packages WHERE campaign_id = ?1", [c.id], |r| r.get::<_, i64>(0))? > 0;
            for aid in pairs.keys().filter(|_| !own_installation) {
                let (eid, name): (i64, String) = tx.query_row(
                    "SELECT e.id, e.name FROM assignments a JOIN experts e ON e.id = a.expert_id WHERE a.id = ?1",
                    [*aid],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                accept_by_signature(tx, actor, c.id, c.year, eid, &name)?;
            }
            for (aid, (_, _, scores)) in &pairs {
                store(tx, actor, *aid, scores, Outcome::Submit, AuditAction::ScoresImport, serde_json::json!({"file": table.file}))?;
            }
            end_review_if_done(tx, actor, c.year)?;
            Ok(ImportSummary { file: table.file.clone(), imported: pairs.len(), notes: table.notes.clone() })
        })
    }
}

/// Why an expert must recuse, in words of the catalog.
fn recusal_text(why: &rules::Recusal) -> Text {
    match why {
        rules::Recusal::SameProvince(province) => t!(msg::EXCHANGE_RECUSAL_SAME_PROVINCE, province = province.as_str()),
        rules::Recusal::Declared => t!(msg::EXCHANGE_RECUSAL_DECLARED),
        rules::Recusal::Employer => t!(msg::EXCHANGE_RECUSAL_EMPLOYER),
    }
}
