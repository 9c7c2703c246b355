//! The arithmetic behind each published figure of one dossier: which totals were kept or dropped,
//! how the aggregate was computed, the auto criteria with their indicator values, each criterion
//! by expert, and which tie-break decided its place.

use super::campaign::load;
use super::dossiers::load_dossier;
use super::ranking::compute_results;
use super::{Actor, Desk, ResultRow, Role, SheetScore};
use crate::decimal::{Centi, Points};
use crate::error::{Error, Result};
use crate::model::{indicator_label, Award};
use crate::scoring::Grade;
use crate::t;
use crate::text::catalog::msg;
use crate::workflow::SheetState;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
pub struct ExplainedTotal {
    pub expert: String,
    pub total: Centi,
    pub kept: bool,
    /// 「去掉最高分」 / 「去掉最低分」 / empty
    pub note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AutoExplained {
    pub id: String,
    pub name: String,
    pub points: i64,
    /// e.g. 「15 × min(12 ÷ 10, 1) = 15.00」
    pub formula: String,
    pub numerator_label: String,
    pub numerator: Option<i64>,
    pub denominator_label: String,
    pub denominator: Option<i64>,
    pub value: Centi,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CriterionRow {
    pub id: String,
    pub name: String,
    pub max: i64,
    pub auto: bool,
    /// One per submitted sheet, in the order of `Explanation::totals`.
    pub by_expert: Vec<SheetScore>,
    pub average: Option<f64>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Explanation {
    pub dossier_id: i64,
    pub unit: String,
    pub award: Award,
    pub totals: Vec<ExplainedTotal>,
    /// The aggregate's arithmetic in words and numbers.
    pub method: String,
    pub aggregate: Option<Points>,
    pub mean: Option<Points>,
    pub median: Option<Points>,
    pub auto: Vec<AutoExplained>,
    pub criteria: Vec<CriterionRow>,
    pub rank: Option<u32>,
    pub grade: Option<Grade>,
    pub flags: Vec<String>,
    /// When the shown aggregate equals a neighbour's: which rule decided the order.
    pub tie_break: Option<String>,
    pub consensus: Option<String>,
}

/// Which rule orders `a` before or after `b` when their shown aggregates are equal.
fn tie_rule(me: &ResultRow, other: &ResultRow) -> String {
    let (Some(am), Some(ao)) = (me.aggregate, other.aggregate) else { return String::new() };
    let before = me.rank < other.rank;
    let word = if before { "排前" } else { "排后" };
    if am != ao {
        return format!("与{}综合得分显示值相同（{}），按精确值（不四舍五入）{}", other.unit, am, word);
    }
    if me.auto_subtotal != other.auto_subtotal {
        return format!(
            "与{}综合得分相同（{}），按自动评分小计（{} 对 {}）{}",
            other.unit, am, me.auto_subtotal, other.auto_subtotal, word
        );
    }
    let rate = |r: &ResultRow| r.task_rate.unwrap_or(1.0);
    if (rate(me) - rate(other)).abs() > f64::EPSILON {
        return format!(
            "与{}综合得分和自动评分小计均相同，按任务完成率（{:.2}% 对 {:.2}%）{}",
            other.unit,
            rate(me) * 100.0,
            rate(other) * 100.0,
            word
        );
    }
    format!("与{}综合得分、自动评分小计和任务完成率均相同，按单位名单顺序{}", other.unit, word)
}

impl Desk {
    /// The arithmetic of a dossier's published figures (secretariat). Agrees with `results`.
    pub fn explain_result(&self, actor: &Actor, dossier_id: i64) -> Result<Explanation> {
        self.require(actor, Role::Secretariat, t!(msg::DECIDE_ACTION_VIEW_RESULTS))?;
        let d = load_dossier(&self.conn, dossier_id)?;
        let c = load(&self.conn, Some(d.year))?;
        let results = compute_results(&self.conn, &c)?;
        let row = results
            .rows
            .iter()
            .find(|r| r.dossier_id == dossier_id)
            .ok_or_else(|| Error::rule(t!(msg::DECIDE_RESULTS_NOT_REVIEWED, unit = d.unit.full_name.as_str())))?;
        let policy = &c.policy;
        // kept and dropped totals
        let n = row.experts.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|i| row.experts[*i].total);
        let trim = n >= policy.trim_from as usize && n >= 3;
        let (lo, hi) = if trim { (Some(order[0]), Some(order[n - 1])) } else { (None, None) };
        let totals: Vec<ExplainedTotal> = row
            .experts
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let note = if Some(i) == hi {
                    "去掉最高分"
                } else if Some(i) == lo {
                    "去掉最低分"
                } else {
                    ""
                };
                ExplainedTotal { expert: e.expert.clone(), total: e.total, kept: note.is_empty(), note: note.into() }
            })
            .collect();
        let kept: Vec<String> = totals.iter().filter(|t| t.kept).map(|t| t.total.to_string()).collect();
        let method = match row.aggregate {
            None => "尚无提交的评分".to_string(),
            Some(a) if n < policy.min_scores_to_rank as usize => {
                format!("有效评分{n}份，不足{}份，不参与排名（平均{a}）", policy.min_scores_to_rank)
            }
            Some(a) if trim => format!(
                "{n}份有效评分，去掉一个最高分和一个最低分后取平均：({}) ÷ {} = {a}",
                kept.join(" + "),
                kept.len()
            ),
            Some(a) => format!(
                "{n}份有效评分（不足{}份，不去掉最高分和最低分），取平均：({}) ÷ {} = {a}",
                policy.trim_from,
                kept.join(" + "),
                kept.len()
            ),
        };
        // auto criteria
        let rubric = c.rubric(d.award());
        let ind = &d.input.indicators;
        let autos = rubric.auto_scores(ind);
        let auto = rubric
            .criteria
            .iter()
            .filter(|k| k.is_auto())
            .map(|k| {
                let num = k.numerator.as_deref().and_then(|x| ind.get(x));
                let den = k.denominator.as_deref().and_then(|x| ind.get(x));
                let value = autos.iter().find(|(id, _)| *id == k.id).map(|x| x.1).unwrap_or_default();
                let target = k.target.clone().unwrap_or_else(|| "1".into());
                let ratio = match (num, den) {
                    (Some(nv), Some(dv)) if target == "1" || target == "1.0" => format!("{nv} ÷ {dv}"),
                    (Some(nv), Some(dv)) => format!("{nv} ÷ {dv} ÷ {target}"),
                    _ => "?".into(),
                };
                let formula = if den == Some(0) {
                    format!("分母为0（无可建对象），得满分 {value}")
                } else {
                    format!("{} × min({ratio}, 1) = {value}", k.points)
                };
                AutoExplained {
                    id: k.id.clone(),
                    name: k.name.clone(),
                    points: k.points,
                    formula,
                    numerator_label: k.numerator.as_deref().map(indicator_label).unwrap_or_default().to_string(),
                    numerator: num,
                    denominator_label: k.denominator.as_deref().map(indicator_label).unwrap_or_default().to_string(),
                    denominator: den,
                    value,
                }
            })
            .collect();
        // every criterion by expert (submitted sheets)
        let sheets: Vec<_> =
            self.dossier_scores(actor, dossier_id)?.into_iter().filter(|s| s.state == SheetState::Submitted).collect();
        let criteria = rubric
            .criteria
            .iter()
            .map(|k| {
                let by_expert: Vec<SheetScore> =
                    sheets.iter().filter_map(|s| s.scores.iter().find(|x| x.criterion == k.id).cloned()).collect();
                let average = (!by_expert.is_empty())
                    .then(|| by_expert.iter().map(|x| x.points.as_f64()).sum::<f64>() / by_expert.len() as f64)
                    .map(|a| (a * 100.0).round() / 100.0);
                CriterionRow {
                    id: k.id.clone(),
                    name: k.name.clone(),
                    max: k.points,
                    auto: k.is_auto(),
                    by_expert,
                    average,
                }
            })
            .collect();
        // tie-break with a neighbour of the same shown aggregate
        let tie_break = row.rank.and_then(|rank| {
            let shown = row.aggregate.map(|a| a.shown());
            results
                .rows
                .iter()
                .filter(|o| {
                    o.award == row.award
                        && o.dossier_id != row.dossier_id
                        && o.rank.is_some_and(|r| r + 1 == rank || r == rank + 1)
                })
                .find(|o| o.aggregate.map(|a| a.shown()) == shown)
                .map(|o| tie_rule(row, o))
        });
        Ok(Explanation {
            dossier_id,
            unit: d.unit.full_name.clone(),
            award: d.award(),
            totals,
            method,
            aggregate: row.aggregate,
            mean: row.mean,
            median: row.median,
            auto,
            criteria,
            rank: row.rank,
            grade: row.grade,
            flags: row.flags.clone(),
            tie_break,
            consensus: row.consensus.clone(),
        })
    }
}
