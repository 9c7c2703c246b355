//! The letters of issue 19 in the letter format (`letter.rs`): the feedback letter
//! (评审意见反馈函) of a unit, the correction notice (补正通知) of a returned dossier, and the
//! invitation (评审邀请函) of an expert. What each may say comes from the desk
//! (`desk::letters`); here only the words and their order.

use chrono::NaiveDate;

use super::common::{cn_ordinal, keep_with_table, place_table, quoted};
use super::letter::{keep_with_signature, letter_head, letter_styles, sign, LetterStyles};
use super::{Issuer, PdfExporter};
use crate::dates::cn_date;
use crate::decimal::wan_yuan;
use crate::desk::{FeedbackLetter, HistoryEntry, ReturnNotice};
use crate::error::Result;
use crate::export::layout::{zihao, ColWidth, Column, Document, Image, Table};

/// The office's own letter number: the notice's (or the year's plan's) 机关代字, the year and the
/// letter's place (the unit's place in the list of 47, an expert's in the panel), e.g.
/// 科协计函企字〔2014〕反馈12号.
pub fn letter_number(doc_number: Option<&str>, issuer: &Issuer, year: i32, kind: &str, n: u32) -> String {
    let prefix = doc_number
        .or_else(|| issuer.plan(year).map(|p| p.doc_number.as_str()))
        .or_else(|| issuer.plans.last().map(|p| p.doc_number.as_str()))
        .and_then(|d| d.split('〔').next())
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| format!("{}函", issuer.parent));
    format!("{prefix}〔{year}〕{kind}{n}号")
}

pub(super) fn contact_line(issuer: &Issuer) -> String {
    let people = if issuer.contacts.is_empty() {
        String::new()
    } else {
        format!("联系人：{}；", issuer.contacts.join("、"))
    };
    format!("{people}电话：{}；电子邮箱：{}；通信地址：{}。", issuer.phone, issuer.email, issuer.mailing_address())
}

fn trim_wan(yuan: i64) -> String {
    let s = wan_yuan(yuan);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// 「2013年度“后补助”：评审得分82.10分，等级合格，在20个参加排名的单位中列第5位，获经费12万元」
pub fn previous_line(p: &HistoryEntry) -> String {
    let mut parts = Vec::new();
    match (&p.aggregate, p.rank, p.of) {
        (Some(a), Some(k), Some(n)) => parts.push(format!("评审得分{a}分，在{n}个参加排名的单位中列第{k}位")),
        _ => parts.push(format!("{}，未参加排名", p.state.label())),
    }
    if let Some(g) = p.grade {
        parts.push(format!("等级{}", g.label()));
    }
    if let Some(y) = p.amount_yuan {
        parts.push(format!("获经费{}万元", trim_wan(y)));
    }
    format!("{}年度{}：{}", p.year, quoted(p.award), parts.join("，"))
}

impl PdfExporter {
    /// One unit's feedback letter into `doc` (from a new page unless `first`).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn feedback_letter_into(
        &self,
        doc: &mut Document,
        issuer: &Issuer,
        l: &FeedbackLetter,
        doc_number: Option<&str>,
        issued: NaiveDate,
        seal: Option<&Image>,
        first: bool,
    ) -> Result<()> {
        let st: LetterStyles = letter_styles(doc.page_setup());
        let order = crate::units::by_code(&l.unit_code).map(|u| u.order).unwrap_or(0);
        let number = letter_number(doc_number, issuer, l.year, "反馈", order);
        letter_head(doc, issuer, &number, &format!("关于{}年度企业科协组织建设\n评审意见的反馈函", l.year), first);
        doc.paragraph(&format!("{}：", l.unit), &st.flush);
        let awards: Vec<String> = l.dossiers.iter().map(|d| quoted(d.award)).collect();
        let notice = doc_number.map(|n| format!("，评审结果已以{n}通报")).unwrap_or_default();
        doc.paragraph(
            &format!(
                "你单位申报的{}年度企业科协组织建设{}材料，已按程序完成形式审查、专家评审和公示{notice}。为帮助你单位了解评审情况、改进工作，现将你单位的评审结果和专家意见反馈如下。",
                l.year,
                awards.join("和")
            ),
            &st.body,
        );
        let mut section = 0;
        for d in &l.dossiers {
            section += 1;
            let mut lines: Vec<String> = Vec::new();
            match (&d.aggregate, d.rank, d.of) {
                (Some(a), Some(k), Some(n)) => lines.push(format!(
                    "你单位评审得分{a}分{}，在{n}个参加排名的{}申报单位中列第{k}位。",
                    d.grade.map(|g| format!("，等级为{}", g.label())).unwrap_or_default(),
                    quoted(d.award)
                )),
                _ => lines.push(format!("你单位的申报材料{}。", d.unranked.clone().unwrap_or_default())),
            }
            match (d.amount_yuan, d.pay_by) {
                (Some(y), Some(by)) => lines.push(format!(
                    "你单位获{}经费支持{}万元，经费于{}前拨付{}。",
                    quoted(d.award),
                    trim_wan(y),
                    cn_date(by),
                    if d.award == crate::model::Award::Pilot { "，请按申报承诺落实配套资金" } else { "" }
                )),
                (Some(y), None) => lines.push(format!("你单位获{}经费支持{}万元。", quoted(d.award), trim_wan(y))),
                _ => lines.push("你单位本年度未获经费支持。".to_string()),
            }
            let text = lines.join("");
            let mut t = Table::new(vec![
                Column::new("评分项目", ColWidth::Fr(1.0)),
                Column::new("满分", ColWidth::Mm(18.0)).center(),
                Column::new("本单位\n平均得分", ColWidth::Mm(28.0)).right(),
                Column::new("同类申报\n平均得分", ColWidth::Mm(28.0)).right(),
            ])
            .size(zihao::XIAO_SI);
            for k in &d.criteria {
                let show = |p: &Option<crate::decimal::Points>| p.map(|p| p.to_string()).unwrap_or_else(|| "—".into());
                t.row([k.name.clone(), k.points.to_string(), show(&k.own), show(&k.award)]);
            }
            let title = format!("{}、{}申报评审情况", cn_ordinal(section), quoted(d.award));
            let lead = st.pitch + doc.paragraph_height(&text, &st.body);
            if d.criteria.iter().any(|k| k.own.is_some()) {
                keep_with_table(doc, lead + st.pitch, &t, 3);
                doc.paragraph(&title, &st.heading);
                doc.paragraph(&text, &st.body);
                doc.paragraph(
                    "各评分项目得分如下（专家评分的平均值；同类申报平均得分为本年度同类全部参评材料的平均值）：",
                    &st.body,
                );
                place_table(doc, &t)?;
                doc.space(st.pitch / 2.0);
            } else {
                doc.ensure_space(lead.min(st.pitch * 3.0));
                doc.paragraph(&title, &st.heading);
                doc.paragraph(&text, &st.body);
            }
            if d.comments.is_empty() {
                if d.criteria.iter().any(|k| k.own.is_some()) {
                    doc.paragraph("评审专家未填写书面意见。", &st.body);
                }
            } else {
                doc.paragraph("评审专家的书面意见如下（已隐去专家姓名，顺序随机排列）：", &st.body);
                for (i, m) in d.comments.iter().enumerate() {
                    doc.paragraph(&format!("{}．〔{}〕{}", i + 1, m.criterion, m.text), &st.body);
                }
            }
        }
        if !l.previous.is_empty() {
            section += 1;
            doc.ensure_space(st.pitch * 3.0);
            doc.paragraph(&format!("{}、与上次申报的比较", cn_ordinal(section)), &st.heading);
            let lines: Vec<String> = l.previous.iter().map(previous_line).collect();
            doc.paragraph(&format!("你单位上次申报的情况：{}。", lines.join("；")), &st.body);
        }
        let closing = format!(
            "希望你单位认真研究专家意见，总结经验，查找不足，进一步加强企业科协组织建设工作。如对本函有疑问，请与{}联系。{}",
            issuer.name,
            contact_line(issuer)
        );
        let last_h = doc.paragraph_height(&closing, &st.body) + doc.paragraph_height("特此函告。", &st.body);
        keep_with_signature(doc, last_h, &st.body, seal);
        doc.paragraph(&closing, &st.body);
        doc.paragraph("特此函告。", &st.body);
        doc.space(st.pitch);
        sign(doc, &issuer.name, &cn_date(issued), &st.body, seal);
        Ok(())
    }

    /// One correction notice into `doc` (from a new page unless `first`).
    pub(super) fn return_notice_into(
        &self,
        doc: &mut Document,
        issuer: &Issuer,
        n: &ReturnNotice,
        doc_number: Option<&str>,
        seal: Option<&Image>,
        first: bool,
    ) -> Result<()> {
        let st = letter_styles(doc.page_setup());
        let order = crate::units::by_code(&n.unit_code).map(|u| u.order).unwrap_or(0);
        let number = letter_number(doc_number, issuer, n.year, "补正", order);
        letter_head(doc, issuer, &number, &format!("关于{}年度企业科协组织建设\n申报材料补正的通知", n.year), first);
        doc.paragraph(&format!("{}：", n.unit), &st.flush);
        let sent = n.submitted_on.map(|d| format!("于{}", cn_date(d))).unwrap_or_default();
        doc.paragraph(
            &format!(
                "你单位{sent}报送的{}年度企业科协组织建设{}申报材料，经形式审查，尚需补正。现将有关事项通知如下。",
                n.year,
                quoted(n.award)
            ),
            &st.body,
        );
        doc.paragraph("一、需要补正的问题", &st.heading);
        let mut items: Vec<String> = n.reasons.clone();
        items.extend(n.findings.iter().cloned());
        for (i, r) in items.iter().enumerate() {
            let r = r.trim_end_matches(['。', '；', ';']);
            doc.paragraph(&format!("{}．{r}。", i + 1), &st.body);
        }
        doc.paragraph("二、补正要求", &st.heading);
        doc.paragraph(
            "请对照上述问题逐项修改、补充申报材料，核实各项数据与佐证材料一致，经单位负责人审核后重新提交。通过评审台填报的，请在申报端修改后重新提交；以申报材料文件报送的，请导出新的申报材料文件报送。",
            &st.body,
        );
        doc.paragraph("三、补正期限", &st.heading);
        doc.paragraph(
            &format!(
                "请于{}前重新报送（自{}退回之日起{}个工作日，退回当日不计，遇法定节假日顺延）。如有特殊情况不能按期报送，请在期限内与我部联系。",
                cn_date(n.resubmit_by),
                cn_date(n.returned_on),
                n.working_days
            ),
            &st.body,
        );
        doc.paragraph("四、联系方式", &st.heading);
        doc.paragraph(&contact_line(issuer), &st.body);
        let last_h = doc.paragraph_height("特此通知。", &st.body);
        keep_with_signature(doc, last_h, &st.body, seal);
        doc.paragraph("特此通知。", &st.body);
        doc.space(st.pitch);
        sign(doc, &issuer.name, &cn_date(n.returned_on), &st.body, seal);
        Ok(())
    }
}
