//! An expert's score-sheet template 评分录入, which `import scores` reads back.

use std::collections::BTreeMap;

use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, DataValidationRule};

use super::{finish, print_setup, sheet_named, workbook, xerr, Grid, Styles};
use crate::decimal::Centi;
use crate::desk::Desk;
use crate::error::Result;
use crate::export::expert_assignments;
use crate::import::SCORE_HEADERS;
use crate::model::Award;
use crate::rubric::Rubric;
use crate::workflow::SheetState;

/// One row of a score-sheet template.
struct TemplateRow {
    unit: String,
    award: Award,
    criterion_id: String,
    criterion_name: String,
    max: i64,
    score: Option<Centi>,
    comment: String,
}

/// The score-sheet template 评分录入 of one expert: the first sheet has exactly the import headers
/// (专家, 单位, 评分项, 得分, 意见) and one row per pending assigned dossier × expert criterion,
/// 专家/单位/评分项 pre-filled (draft scores too), with a 0..max check on 得分; reference columns
/// (类别, 评分项名称, 满分) follow to the right and are ignored by the importer. Sheets already
/// submitted (locked) are listed on a separate reference sheet, since importing them again is
/// refused. A second sheet explains how to fill it in. Refused for an unknown expert or one
/// without assignments.
pub fn score_sheet_xlsx(desk: &Desk, year: Option<i32>, expert: &str) -> Result<Vec<u8>> {
    let actor = desk.local_secretariat();
    let c = desk.campaign(year)?;
    let name = expert.trim();
    let (_, assigned) = expert_assignments(desk, &c, name)?;
    let mut pending: Vec<TemplateRow> = Vec::new();
    let mut submitted: Vec<TemplateRow> = Vec::new();
    for a in &assigned {
        let rubric: &Rubric = c.rubric(a.award);
        let sheet = desk.dossier_scores(&actor, a.dossier_id)?.into_iter().find(|s| s.assignment_id == a.id);
        let typed: BTreeMap<String, (Centi, String)> = sheet
            .map(|s| s.scores.into_iter().map(|x| (x.criterion, (x.points, x.comment))).collect())
            .unwrap_or_default();
        let target = match a.state {
            SheetState::Submitted => &mut submitted,
            SheetState::Pending => &mut pending,
            _ => continue, // left unreturned when the review ended: nothing more to fill in
        };
        for k in rubric.expert_criteria() {
            let t = typed.get(&k.id);
            target.push(TemplateRow {
                unit: a.unit.clone(),
                award: a.award,
                criterion_id: k.id.clone(),
                criterion_name: k.name.clone(),
                max: k.points,
                score: t.map(|x| x.0),
                comment: t.map(|x| x.1.clone()).unwrap_or_default(),
            });
        }
    }
    let st = Styles::new();
    let mut wb = workbook(desk, &format!("{}年度评分录入表（{}）", c.year, name))?;
    let step = |award: Award| c.rubric(award).step.clone();

    // ---- sheet 1: 评分录入 (what the importer reads: first sheet, header in row 1)
    {
        let ws = sheet_named(&mut wb, "评分录入")?;
        let mut g = Grid::new(ws);
        let mut headers: Vec<&str> = SCORE_HEADERS.to_vec();
        headers.extend(["类别（参考）", "评分项名称（参考）", "满分（参考）"]);
        g.headers(0, &headers, &st.header)?;
        for (i, t) in pending.iter().enumerate() {
            let r = i as u32 + 1;
            g.text(r, 0, name, &st.text)?;
            g.text(r, 1, &t.unit, &st.text)?;
            g.text(r, 2, &t.criterion_id, &st.text)?;
            match t.score {
                Some(s) => g.num(r, 3, s.as_f64(), &st.input)?,
                None => g.blank(r, 3, &st.input)?,
            }
            if t.comment.is_empty() {
                g.blank(r, 4, &st.input)?;
            } else {
                g.text(r, 4, &t.comment, &st.input)?;
            }
            g.text(r, 5, t.award.label(), &st.reference)?;
            g.text(r, 6, &t.criterion_name, &st.reference)?;
            g.int(r, 7, t.max, &st.reference)?;
            let s = step(t.award);
            let dv = DataValidation::new()
                .allow_decimal_number(DataValidationRule::Between(0.0, t.max as f64))
                .set_input_title(format!("满分{}分", t.max))
                .map_err(xerr)?
                .set_input_message(format!("{}：0至{}分，按{}分步长打分", short(&t.criterion_name, 40), t.max, s))
                .map_err(xerr)?
                .set_error_title("得分超出范围")
                .map_err(xerr)?
                .set_error_message(format!("该评分项应在0至{}分之间（按{}分步长）", t.max, s))
                .map_err(xerr)?
                .set_error_style(DataValidationErrorStyle::Stop);
            g.ws.add_data_validation(r, 3, r, 3, &dv).map_err(xerr)?;
        }
        // the comment column is for free text: give it room, and let long names wrap
        g.widen(3, 8.0);
        g.widen(4, 30.0);
        g.cap(6, 44.0);
        g.fit_columns()?;
        g.ws.set_freeze_panes(1, 3).map_err(xerr)?;
        print_setup(g.ws, true, 0)?;
    }

    // ---- sheet 2: 填写说明
    {
        let ws = sheet_named(&mut wb, "填写说明")?;
        let mut lines = vec![
            format!("{}年度评分录入表　专家：{}", c.year, name),
            "1. 只填写「评分录入」表中的「得分」和「意见」两列，不要修改「专家」「单位」「评分项」三列，也不要删除第一行表头。".to_string(),
            "2. 得分为0至该项满分之间、按步长（见下）的数字；每个单位的全部评分项都须打分，缺一项则该文件整体不能导入。".to_string(),
            "3. 由指标自动计算的评分项（如任务完成率、园区科协覆盖率）无需填写，不在表中。".to_string(),
            "4. 右侧灰色的「类别」「评分项名称」「满分」三列仅供参考，导入时不读取。".to_string(),
            "5. 填好后交秘书处导入；导入即提交并锁定，如需修改须由秘书处退回。".to_string(),
        ];
        if !submitted.is_empty() {
            lines.push("6. 已提交（已锁定）的评分列在「已提交评分」表中，仅供核对，不能再次导入。".to_string());
        }
        lines.push(String::new());
        lines.push("评分细则：".to_string());
        for award in Award::ALL {
            if !assigned.iter().any(|a| a.award == award) {
                continue;
            }
            let rubric = c.rubric(award);
            lines.push(format!("【{}】{}（步长{}分）", award.label(), rubric.title, rubric.step));
            for k in &rubric.criteria {
                let how = if k.is_auto() { "自动计算，无需填写" } else { "专家评分" };
                lines.push(format!("　{}　{}　满分{}分　{}", k.id, k.name, k.points, how));
            }
        }
        for (i, l) in lines.iter().enumerate() {
            let f = if i == 0 { &st.total_text } else { &st.note };
            ws.write_string_with_format(i as u32, 0, l, f).map_err(xerr)?;
        }
        ws.set_column_width(0, 110.0).map_err(xerr)?;
        print_setup(ws, false, 0)?;
    }

    // ---- sheet 3: 已提交评分 (reference only)
    if !submitted.is_empty() {
        let ws = sheet_named(&mut wb, "已提交评分")?;
        let mut g = Grid::new(ws);
        let headers = ["专家", "单位", "类别", "评分项", "评分项名称", "满分", "得分", "意见"];
        g.headers(0, &headers, &st.header)?;
        for (i, t) in submitted.iter().enumerate() {
            let r = i as u32 + 1;
            g.text(r, 0, name, &st.text)?;
            g.text(r, 1, &t.unit, &st.text)?;
            g.text(r, 2, t.award.label(), &st.center)?;
            g.text(r, 3, &t.criterion_id, &st.text)?;
            g.text(r, 4, &t.criterion_name, &st.text)?;
            g.int(r, 5, t.max, &st.int)?;
            g.opt_num(r, 6, t.score.map(|s| s.as_f64()), &st.num2)?;
            g.text(r, 7, &t.comment, &st.text)?;
        }
        g.cap(4, 44.0);
        g.cap(7, 40.0);
        g.fit_columns()?;
        g.ws.set_freeze_panes(1, 0).map_err(xerr)?;
        print_setup(g.ws, true, 0)?;
    }
    finish(wb)
}

/// At most `n` characters (with an ellipsis), for the limited data-validation messages.
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
