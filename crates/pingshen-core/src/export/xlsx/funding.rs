//! The funding table 经费安排表.

use super::{cell_ref, finish, print_setup, sheet_named, shown, wan, workbook, xerr, Grid, Styles};
use crate::dates::cn_date;
use crate::desk::Desk;
use crate::error::Result;
use crate::export::funding_lines;
use crate::model::Award;

/// The funding table 经费安排表 in 万元 (two decimals) with totals (SUM formulas carrying their
/// values), the year's post-subsidy budget and what remains of it. Refused before any funding
/// line exists.
pub fn funding_table_xlsx(desk: &Desk, year: Option<i32>) -> Result<Vec<u8>> {
    let (c, t) = funding_lines(desk, year)?;
    let st = Styles::new();
    let title = format!("{}年度企业科协组织建设“试点示范”和“后补助”经费安排表", c.year);
    let mut wb = workbook(desk, &title)?;
    let ws = sheet_named(&mut wb, "经费安排表")?;
    let mut g = Grid::new(ws);
    let headers = ["序号", "单位", "类别", "评审得分", "等级", "金额（万元）", "配套资金（万元）", "拨付时限", "备注"];
    let ncols = headers.len() as u16;
    let header_row = 2u32;
    g.headers(header_row, &headers, &st.header)?;
    let first = header_row + 1;
    let mut r = first;
    for (i, l) in t.lines.iter().enumerate() {
        g.int(r, 0, i as i64 + 1, &st.int)?;
        g.text(r, 1, &l.unit, &st.text)?;
        g.text(r, 2, l.award.label(), &st.center)?;
        g.opt_num(r, 3, l.aggregate.map(shown), &st.num2)?;
        g.text(r, 4, l.grade.map(|x| x.label()).unwrap_or(""), &st.center)?;
        g.num(r, 5, wan(l.amount_yuan), &st.num2)?;
        if l.award == Award::Pilot || l.matching_yuan != 0 {
            g.num(r, 6, wan(l.matching_yuan), &st.num2)?;
        } else {
            g.blank(r, 6, &st.num2)?;
        }
        g.text(r, 7, &format!("{}前", cn_date(l.pay_by)), &st.center)?;
        g.text(r, 8, &l.note, &st.text)?;
        r += 1;
    }
    let last = r - 1;
    let (f, m, cat) = (5u16, 6u16, 2u16);
    let range = |col: u16| format!("{}:{}", cell_ref(first, col), cell_ref(last, col));
    let matching_total: i64 = t.lines.iter().map(|l| l.matching_yuan).sum();
    let pilot_matching: i64 = t.lines.iter().filter(|l| l.award == Award::Pilot).map(|l| l.matching_yuan).sum();
    let subsidy_matching = matching_total - pilot_matching;

    // 合计
    let total_row = r;
    let label = |g: &mut Grid, row: u32, s: &str| -> Result<()> {
        g.ws.merge_range(row, 0, row, 4, s, &st.total_label).map_err(xerr)?;
        Ok(())
    };
    label(&mut g, total_row, "合计")?;
    g.formula(total_row, f, &format!("=SUM({})", range(f)), wan(t.total_yuan), &st.total_num2)?;
    g.formula(total_row, m, &format!("=SUM({})", range(m)), wan(matching_total), &st.total_num2)?;
    g.text(total_row, 7, "", &st.total_text)?;
    g.text(total_row, 8, "", &st.total_text)?;
    // 其中：试点示范 / 后补助
    let sub_rows =
        [(Award::Pilot, t.pilot_total_yuan, pilot_matching), (Award::Subsidy, t.subsidy_total_yuan, subsidy_matching)];
    let mut subsidy_row = total_row;
    for (k, (award, yuan, matching)) in sub_rows.iter().enumerate() {
        let row = total_row + 1 + k as u32;
        label(&mut g, row, &format!("其中：{}", award.label()))?;
        g.formula(
            row,
            f,
            &format!("=SUMIF({},\"{}\",{})", range(cat), award.label(), range(f)),
            wan(*yuan),
            &st.total_num2,
        )?;
        g.formula(
            row,
            m,
            &format!("=SUMIF({},\"{}\",{})", range(cat), award.label(), range(m)),
            wan(*matching),
            &st.total_num2,
        )?;
        g.text(row, 7, "", &st.total_text)?;
        g.text(row, 8, "", &st.total_text)?;
        if *award == Award::Subsidy {
            subsidy_row = row;
        }
    }
    // budget and remainder
    let budget_row = total_row + 3;
    label(&mut g, budget_row, "年度后补助预算")?;
    g.num(budget_row, f, wan(t.subsidy_budget_yuan), &st.total_num2)?;
    g.text(budget_row, m, "", &st.total_text)?;
    g.text(budget_row, 7, "", &st.total_text)?;
    g.text(budget_row, 8, "后补助经费总额不超过年度预算", &st.total_text)?;
    let remain_row = budget_row + 1;
    label(&mut g, remain_row, "预算结余")?;
    g.formula(
        remain_row,
        f,
        &format!("={}-{}", cell_ref(budget_row, f), cell_ref(subsidy_row, f)),
        wan(t.subsidy_remaining_yuan),
        &st.total_num2,
    )?;
    g.text(remain_row, m, "", &st.total_text)?;
    g.text(remain_row, 7, "", &st.total_text)?;
    g.text(remain_row, 8, "", &st.total_text)?;

    g.cap(8, 40.0);
    g.see(1, "其中：试点示范"); // the merged labels are shown in the first five columns
    g.fit_columns()?;
    g.line(0, ncols, &title, &st.title)?;
    let h = g.line_height(ncols, &title, 16.0);
    g.ws.set_row_height(0, h).map_err(xerr)?;
    let sub = format!(
        "单位：万元。试点示范经费{}前拨付，单位须按申报承诺给予配套资金；后补助经费于{}前拨付。",
        cn_date(c.dates.pilot_pay_by),
        cn_date(c.dates.subsidy_pay_by)
    );
    g.line(1, ncols, &sub, &st.note)?;
    let hs = g.line_height(ncols, &sub, 11.0);
    g.ws.set_row_height(1, hs).map_err(xerr)?;
    g.ws.set_freeze_panes(header_row + 1, 0).map_err(xerr)?;
    print_setup(g.ws, true, header_row)?;
    finish(wb)
}
