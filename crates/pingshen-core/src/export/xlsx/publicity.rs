//! The publicity list 公示名单.

use super::{finish, print_setup, sheet_named, wan, workbook, xerr, Grid, Styles};
use crate::dates::cn_date;
use crate::desk::Desk;
use crate::error::Result;
use crate::export::opened_publicity;

/// Who objections go to (SPEC: the secretariat is CAST's Planning & Finance Department).
const OBJECTIONS_TO: &str = "中国科协计划财务部";

/// The publicity list 公示名单: title, period, list, where to send objections.
/// Refused before the publicity has been opened.
pub fn publicity_list_xlsx(desk: &Desk, year: Option<i32>) -> Result<Vec<u8>> {
    let (c, p) = opened_publicity(desk, year)?;
    let st = Styles::new();
    let title = format!("{}年度企业科协组织建设“试点示范”和“后补助”拟支持单位公示名单", c.year);
    let mut wb = workbook(desk, &title)?;
    let ws = sheet_named(&mut wb, "公示名单")?;
    let mut g = Grid::new(ws);
    let headers = ["序号", "单位", "类别", "拟支持金额（万元）"];
    let ncols = headers.len() as u16;
    g.headers(3, &headers, &st.header)?;
    let mut r = 4u32;
    for (i, row) in p.rows.iter().enumerate() {
        g.int(r, 0, i as i64 + 1, &st.int)?;
        g.text(r, 1, &row.unit, &st.text)?;
        g.text(r, 2, row.award.label(), &st.center)?;
        g.num(r, 3, wan(row.amount_yuan), &st.num2)?;
        r += 1;
    }
    if p.rows.is_empty() {
        g.line(r, ncols, "（公示名单为空）", &st.note)?;
        r += 1;
    }
    g.fit_columns()?;
    g.line(0, ncols, &title, &st.title)?;
    let h = g.line_height(ncols, &title, 16.0);
    g.ws.set_row_height(0, h).map_err(xerr)?;
    let period = format!("公示期：{}至{}（{}个工作日）", cn_date(p.start), cn_date(p.end), p.working_days);
    g.line(1, ncols, &period, &st.subtitle)?;
    let notice = format!(
        "公示期间，任何单位和个人对名单有异议的，请于{}前以书面形式向{}反映，须署真实姓名并注明联系方式；匿名、逾期或无联系方式的异议不予受理。",
        cn_date(p.end),
        OBJECTIONS_TO
    );
    let nr = r + 1;
    g.line(nr, ncols, &notice, &st.note)?;
    let hn = g.line_height(ncols, &notice, 11.0);
    g.ws.set_row_height(nr, hn).map_err(xerr)?;
    g.ws.set_freeze_panes(4, 0).map_err(xerr)?;
    print_setup(g.ws, false, 3)?;
    finish(wb)
}
