//! The results workbook: 「评审结果」 and 「评分明细」.

use super::{cell_ref, finish, print_setup, sheet_named, shown, workbook, xerr, Grid, Styles};
use crate::desk::{previous_cell, Desk, ResultRow};
use crate::error::Result;
use crate::export::flag_label;
use crate::workflow::SheetState;

/// Results rows in the order they are read: pilot then post-subsidy, by rank (unranked last),
/// then in the order of the 47-unit list.
fn ordered(rows: &[ResultRow]) -> Vec<&ResultRow> {
    let mut v: Vec<&ResultRow> = rows.iter().collect();
    v.sort_by_key(|r| (r.award, r.rank.unwrap_or(u32::MAX), r.unit_order));
    v
}

/// The results workbook (secretariat): sheet 「评审结果」 (one row per dossier: every expert's
/// total, aggregate, mean, median, rank, grade, 上年 — the unit's last year —, flags) and sheet 「评分明细」 (one row per expert ×
/// dossier × criterion with a 合计 row per sheet, for filtering in Excel).
pub fn results_xlsx(desk: &Desk, year: Option<i32>) -> Result<Vec<u8>> {
    let actor = desk.local_secretariat();
    let c = desk.campaign(year)?;
    let results = desk.results(&actor, Some(c.year))?;
    let rows = ordered(&results.rows);
    let st = Styles::new();
    let mut wb = workbook(desk, &format!("{}年度评审结果", c.year))?;

    // ---- sheet 1: 评审结果
    let n_pos = rows.iter().map(|r| r.experts.len()).max().unwrap_or(0).max(1);
    let mut headers: Vec<String> = vec!["序号".into(), "单位".into(), "类别".into(), "评分专家数".into()];
    for i in 1..=n_pos {
        headers.push(format!("专家{i}总分"));
    }
    let first_after = headers.len() as u16;
    for h in [
        "综合得分",
        "平均分",
        "中位数",
        "排名",
        "等级",
        "上年",
        "自动评分小计",
        "提示",
        "评分专家（按专家1、专家2……顺序）",
        "专家组意见",
    ] {
        headers.push(h.into());
    }
    let ncols = headers.len() as u16;
    {
        let ws = sheet_named(&mut wb, "评审结果")?;
        let mut g = Grid::new(ws);
        let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        g.headers(2, &header_refs, &st.header)?;
        let mut r = 3u32;
        for (i, row) in rows.iter().enumerate() {
            g.int(r, 0, i as i64 + 1, &st.int)?;
            g.text(r, 1, &row.unit, &st.text)?;
            g.text(r, 2, row.award.label(), &st.center)?;
            g.int(r, 3, row.n_scores as i64, &st.int)?;
            for p in 0..n_pos {
                g.opt_num(r, 4 + p as u16, row.experts.get(p).map(|e| e.total.as_f64()), &st.num2)?;
            }
            let c0 = first_after;
            g.opt_num(r, c0, row.aggregate.map(shown), &st.num2)?;
            g.opt_num(r, c0 + 1, row.mean.map(shown), &st.num2)?;
            g.opt_num(r, c0 + 2, row.median.map(shown), &st.num2)?;
            match row.rank {
                Some(k) => g.int(r, c0 + 3, k as i64, &st.int)?,
                None => g.blank(r, c0 + 3, &st.int)?,
            }
            g.text(r, c0 + 4, row.grade.map(|x| x.label()).unwrap_or(""), &st.center)?;
            g.text(r, c0 + 5, &previous_cell(row, c.year), &st.center)?;
            g.num(r, c0 + 6, row.auto_subtotal.as_f64(), &st.num2)?;
            g.text(r, c0 + 7, &row.flags.iter().map(|f| flag_label(f)).collect::<Vec<_>>().join("；"), &st.text)?;
            g.text(r, c0 + 8, &row.experts.iter().map(|e| e.expert.as_str()).collect::<Vec<_>>().join("、"), &st.text)?;
            g.text(r, c0 + 9, row.consensus.as_deref().unwrap_or(""), &st.text)?;
            r += 1;
        }
        // the long names column and the consensus should wrap rather than widen the sheet
        for c in [ncols - 3, ncols - 2, ncols - 1] {
            g.cap(c, 24.0);
        }
        let title = format!("{}年度企业科协组织建设“试点示范”和“后补助”评审结果", c.year);
        g.fit_columns()?;
        let h = g.line_height(ncols, &title, 16.0);
        g.line(0, ncols, &title, &st.title)?;
        g.ws.set_row_height(0, h).map_err(xerr)?;
        let sub = format!(
            "综合得分：有效评分不少于{}个时去掉一个最高分和一个最低分后取平均，否则取平均；显示保留两位小数；等级：{}分及以上为优秀，{}分及以上为合格。阶段：{}",
            c.policy.trim_from,
            c.policy.excellent_from,
            c.policy.qualified_from,
            results.stage.label()
        );
        let hs = g.line_height(ncols, &sub, 11.0);
        g.line(1, ncols, &sub, &st.note)?;
        g.ws.set_row_height(1, hs).map_err(xerr)?;
        if !results.deviating_experts.is_empty() {
            let text = format!(
                "评分偏离的专家（与同组其他专家平均分的平均绝对差超过{}分）：{}",
                c.policy.deviation_points,
                results.deviating_experts.join("、")
            );
            g.line(r + 1, ncols, &text, &st.note)?;
        }
        if rows.is_empty() {
            g.line(r, ncols, "（暂无已推荐进入评审的申报材料）", &st.note)?;
        }
        g.ws.set_freeze_panes(3, 2).map_err(xerr)?;
        if !rows.is_empty() {
            g.ws.autofilter(2, 0, r - 1, ncols - 1).map_err(xerr)?;
        }
        print_setup(g.ws, true, 2)?;
    }

    // ---- sheet 2: 评分明细
    {
        let ws = sheet_named(&mut wb, "评分明细")?;
        let mut g = Grid::new(ws);
        let headers = ["单位", "类别", "专家", "评分状态", "评分项编号", "评分项", "计分方式", "满分", "得分", "意见"];
        g.headers(0, &headers, &st.header)?;
        let mut r = 1u32;
        for row in &rows {
            let rubric = c.rubric(row.award);
            for sheet in desk.dossier_scores(&actor, row.dossier_id)? {
                // recused and withdrawn sheets are not the panel's; an unreturned one holds a draft only
                if !matches!(sheet.state, SheetState::Pending | SheetState::Submitted) {
                    continue;
                }
                let first = r;
                for k in &rubric.criteria {
                    let typed = sheet.scores.iter().find(|s| s.criterion == k.id);
                    g.text(r, 0, &row.unit, &st.text)?;
                    g.text(r, 1, row.award.label(), &st.center)?;
                    g.text(r, 2, &sheet.expert, &st.center)?;
                    g.text(r, 3, sheet.state.label(), &st.center)?;
                    g.text(r, 4, &k.id, &st.text)?;
                    g.text(r, 5, &k.name, &st.text)?;
                    g.text(r, 6, if k.is_auto() { "自动计算" } else { "专家评分" }, &st.center)?;
                    g.int(r, 7, k.points, &st.int)?;
                    g.opt_num(r, 8, typed.map(|s| s.points.as_f64()), &st.num2)?;
                    g.text(r, 9, typed.map(|s| s.comment.as_str()).unwrap_or(""), &st.text)?;
                    r += 1;
                }
                // 合计 row of this sheet
                g.text(r, 0, &row.unit, &st.total_text)?;
                g.text(r, 1, row.award.label(), &st.total_label)?;
                g.text(r, 2, &sheet.expert, &st.total_label)?;
                g.text(r, 3, sheet.state.label(), &st.total_label)?;
                g.text(r, 4, "", &st.total_text)?;
                g.text(r, 5, "合计", &st.total_text)?;
                g.text(r, 6, "合计", &st.total_label)?;
                g.int(r, 7, rubric.total(), &st.total_label)?;
                match sheet.total {
                    Some(t) => {
                        let f = format!("=SUM({}:{})", cell_ref(first, 8), cell_ref(r - 1, 8));
                        g.formula(r, 8, &f, t.as_f64(), &st.total_num2)?;
                        g.text(r, 9, "", &st.total_text)?;
                    }
                    None => {
                        g.blank(r, 8, &st.total_num2)?;
                        g.text(r, 9, "评分尚未提交，不计总分", &st.total_text)?;
                    }
                }
                r += 1;
            }
        }
        g.cap(5, 40.0);
        g.cap(9, 40.0);
        g.fit_columns()?;
        g.ws.set_freeze_panes(1, 3).map_err(xerr)?;
        if r > 1 {
            g.ws.autofilter(0, 0, r - 1, headers.len() as u16 - 1).map_err(xerr)?;
        }
        print_setup(g.ws, true, 0)?;
    }
    finish(wb)
}
