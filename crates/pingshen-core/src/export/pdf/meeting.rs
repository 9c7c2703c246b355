//! (7) The panel meeting's papers (issue 18): the ballots 表决票 — one per member (those present
//! once the meeting sits, else the whole panel), every agenda item listed with boxes to tick, the
//! items the member must leave printed 「回避」 with no boxes — and the minutes 会议纪要: date,
//! place, chair, present and absent, per item the written-review summary, who left, the votes,
//! the decision and the notes, the decisions, and a signature page with a line for every member
//! present.

use super::common::{cn_ordinal, keep_with_table, place_table, quoted, signature_box};
use super::PdfExporter;
use crate::dates::cn_date;
use crate::desk::{AgendaItem, Desk, MeetingView};
use crate::error::{Error, Result};
use crate::export::flag_label;
use crate::export::layout::{zihao, ColWidth, Column, Document, Face, Margins, PageSetup, Style, Table};
use crate::model::Award;
use crate::t;
use crate::text::catalog::msg;

fn portrait() -> PageSetup {
    PageSetup::a4_portrait(Margins { top: 22.0, bottom: 22.0, left: 20.0, right: 20.0 })
}

/// The meeting of the year, refused for a year without one.
fn meeting_of(desk: &Desk, year: Option<i32>, doc: crate::text::Text) -> Result<MeetingView> {
    let m = desk.meeting(&desk.local_secretariat(), year)?;
    if !m.enabled {
        return Err(Error::rule(t!(msg::FILES_MEETING_NONE, year = m.year, doc)));
    }
    if m.items.is_empty() {
        return Err(Error::rule(t!(msg::FILES_MEETING_NO_ITEMS, year = m.year, doc)));
    }
    Ok(m)
}

fn written(i: &AgendaItem) -> String {
    match (i.rank, i.aggregate) {
        (Some(r), Some(a)) => {
            format!("第{r}名 {}\n{a}分（{}份）", i.grade.map(|g| g.label()).unwrap_or("—"), i.n_scores)
        }
        (None, Some(a)) => format!("未排名\n{a}分（{}份）", i.n_scores),
        _ => format!("未排名\n{}份评分", i.n_scores),
    }
}

fn items_of(m: &MeetingView, award: Award) -> Vec<&AgendaItem> {
    m.items.iter().filter(|i| i.award == award).collect()
}

impl PdfExporter {
    pub(super) fn ballots_doc(&self, desk: &Desk, year: Option<i32>) -> Result<Document<'_>> {
        let m = meeting_of(desk, year, t!(msg::FILES_DOC_BALLOTS))?;
        let title = format!("{}年度企业科协组织建设评审专家组会议表决票", m.year);
        let mut doc = self.doc(&title, portrait());
        let members: &[String] = if m.opened { &m.present } else { &m.panel };
        let date = m.held_on.map(cn_date).unwrap_or_else(|| "　　　　年　　月　　日".into());
        for (k, member) in members.iter().enumerate() {
            if k > 0 {
                doc.new_page();
            }
            doc.paragraph(&title, &Style::title(zihao::XIAO_ER).face(Face::SansBold).after(4.0));
            doc.paragraph(
                &format!("专家：{member}　　　会议日期：{date}"),
                &Style::title(zihao::XIAO_SI).face(Face::Serif).after(4.0),
            );
            doc.paragraph(
                "请在所选一栏的方框内划“√”，每项只选一栏；标明「回避」的事项本人须离席，不参加表决。",
                &Style::body(zihao::XIAO_WU).pitch(14.0).indent(0.0).after(4.0),
            );
            let mut t = Table::new(vec![
                Column::new("序号", ColWidth::Mm(11.0)).center(),
                Column::new("类别", ColWidth::Mm(20.0)).center(),
                Column::new("申报单位", ColWidth::Fr(1.0)),
                Column::new("书面评审", ColWidth::Mm(30.0)).center(),
                Column::new("赞成", ColWidth::Mm(14.0)).center(),
                Column::new("反对", ColWidth::Mm(14.0)).center(),
                Column::new("弃权", ColWidth::Mm(14.0)).center(),
            ])
            .size(zihao::WU);
            for (n, i) in m.items.iter().enumerate() {
                let away = i.recused.iter().any(|r| &r.name == member);
                let mut row = vec![(n + 1).to_string(), i.award.label().to_string(), i.unit.clone(), written(i)];
                if away {
                    row.extend(["回避".to_string(), String::new(), String::new()]);
                } else {
                    row.extend(["□".to_string(), "□".to_string(), "□".to_string()]);
                }
                t.row(row);
            }
            place_table(&mut doc, &t)?;
            doc.space(12.0);
            signature_box(&mut doc, "专家签名")?;
        }
        Ok(doc)
    }

    pub(super) fn minutes_doc(&self, desk: &Desk, year: Option<i32>) -> Result<Document<'_>> {
        let m = meeting_of(desk, year, t!(msg::FILES_DOC_MINUTES))?;
        if !m.opened {
            return Err(Error::rule(t!(msg::FILES_MEETING_NOT_HELD, year = m.year)));
        }
        let title = format!("{}年度企业科协组织建设评审专家组会议纪要", m.year);
        let mut doc = self.doc(&title, portrait());
        let body = Style::body(zihao::XIAO_SI).pitch(24.0);
        let small = Style::body(zihao::XIAO_WU).pitch(15.0).indent(0.0);
        let heading = Style::heading(zihao::XIAO_SI).pitch(24.0).before(8.0).after(3.0);
        doc.paragraph(&title, &Style::title(zihao::XIAO_ER).face(Face::SansBold).after(8.0));
        let panel = m.panel.len();
        doc.paragraph(
            &format!(
                "{}，评审专家组在{}召开会议，对{}年度企业科协组织建设“试点示范”和“后补助”书面评审结果进行会议评审。会议由组长{}主持。专家组共{panel}人，出席{}人：{}；{}。出席人数达到法定人数（{}即至少{}人）。",
                m.held_on.map(cn_date).unwrap_or_default(),
                m.place.clone().unwrap_or_default(),
                m.year,
                m.chair.clone().unwrap_or_default(),
                m.present.len(),
                m.present.join("、"),
                if m.absent.is_empty() { "无缺席".to_string() } else { format!("缺席{}人：{}", m.absent.len(), m.absent.join("、")) },
                m.quorum.label(),
                m.quorum_needed
            ),
            &body,
        );
        doc.paragraph(
            &format!(
                "会议听取了书面评审情况，按类别、名次逐项讨论，对评分分歧较大、有专家评分偏离、有效评分不足或名次不稳定的申报重点讨论；与申报单位同省、任职或申明回避的专家离席，不参加该项表决。各项以应投票人数（出席人数减回避人数）的{}赞成为通过。",
                m.majority.label()
            ),
            &body,
        );
        let mut section = 0;
        for award in Award::ALL {
            let items = items_of(&m, award);
            if items.is_empty() {
                continue;
            }
            section += 1;
            let mut t = Table::new(vec![
                Column::new("序号", ColWidth::Mm(10.0)).center(),
                Column::new("申报单位", ColWidth::Mm(34.0)),
                Column::new("书面评审", ColWidth::Mm(28.0)).center(),
                Column::new("回避", ColWidth::Mm(24.0)),
                Column::new("赞成/反对/弃权\n（应投）", ColWidth::Mm(25.0)).center(),
                Column::new("决定", ColWidth::Mm(14.0)).center(),
                Column::new("讨论情况", ColWidth::Fr(1.0)),
            ])
            .size(zihao::XIAO_WU);
            for (n, i) in items.iter().enumerate() {
                let away: Vec<String> = i.recused.iter().filter(|r| r.present).map(|r| r.name.clone()).collect();
                let (votes, decision) = match &i.vote {
                    Some(v) => (
                        format!("{}/{}/{}\n（{}）", v.votes_for, v.votes_against, v.votes_abstain, v.eligible),
                        if v.passed { "通过" } else { "未通过" }.to_string(),
                    ),
                    None => ("—".to_string(), "未表决".to_string()),
                };
                let mut notes: Vec<String> = i.discuss.iter().map(|d| flag_label(d)).collect();
                if let Some(v) = &i.vote {
                    if !v.note.is_empty() {
                        notes.push(v.note.clone());
                    }
                    if v.entries > 1 {
                        notes.push(format!("表决结果重新录入（{}）", v.reason));
                    }
                }
                t.row([
                    (n + 1).to_string(),
                    i.unit.clone(),
                    written(i),
                    if away.is_empty() { "—".to_string() } else { away.join("、") },
                    votes,
                    decision,
                    notes.join("；"),
                ]);
            }
            keep_with_table(&mut doc, heading.space_before + heading.line_pitch + heading.space_after, &t, 3);
            doc.paragraph(&format!("{}、{}（{}项）", cn_ordinal(section), quoted(award), items.len()), &heading);
            place_table(&mut doc, &t)?;
        }
        section += 1;
        doc.paragraph(&format!("{}、会议决定", cn_ordinal(section)), &heading);
        for award in Award::ALL {
            let items = items_of(&m, award);
            if items.is_empty() {
                continue;
            }
            let passed: Vec<&str> =
                items.iter().filter(|i| i.vote.as_ref().is_some_and(|v| v.passed)).map(|i| i.unit.as_str()).collect();
            let not: Vec<&str> =
                items.iter().filter(|i| i.vote.as_ref().is_some_and(|v| !v.passed)).map(|i| i.unit.as_str()).collect();
            let mut text = format!(
                "{}：会议通过{}项（{}）",
                quoted(award),
                passed.len(),
                if passed.is_empty() { "无".to_string() } else { passed.join("、") }
            );
            if !not.is_empty() {
                text.push_str(&format!("；未通过{}项（{}），不予安排经费", not.len(), not.join("、")));
            }
            text.push('。');
            doc.paragraph(&text, &body);
        }
        doc.paragraph(
            if m.closed {
                "会议评审结束后，经费只在会议通过的申报中安排：后补助按名次分档、不超过年度预算；试点示范单位在会议通过的申报中确定。"
            } else {
                "（会议评审尚未结束，本纪要为会中稿。）"
            },
            &body,
        );
        // the signature page: a line for every member present, the chair first
        doc.new_page();
        doc.paragraph("出席专家签字", &Style::title(zihao::SAN).face(Face::SansBold).after(6.0));
        doc.paragraph(
            &format!("以上为{}年度评审专家组会议纪要，出席专家确认无误后签字。", m.year),
            &small.clone().after(6.0),
        );
        let mut t = Table::new(vec![
            Column::new("序号", ColWidth::Mm(14.0)).center(),
            Column::new("姓名", ColWidth::Mm(34.0)).center(),
            Column::new("职务", ColWidth::Mm(20.0)).center(),
            Column::new("签字", ColWidth::Fr(1.0)),
            Column::new("日期", ColWidth::Mm(40.0)).center(),
        ])
        .size(zihao::XIAO_SI);
        let chair = m.chair.clone().unwrap_or_default();
        let mut order: Vec<&String> = m.present.iter().filter(|n| **n == chair).collect();
        order.extend(m.present.iter().filter(|n| **n != chair));
        for (n, name) in order.iter().enumerate() {
            t.row([
                (n + 1).to_string(),
                name.to_string(),
                if **name == chair { "组长" } else { "成员" }.to_string(),
                "\n".to_string(),
                "　　年　月　日".to_string(),
            ]);
        }
        place_table(&mut doc, &t)?;
        Ok(doc)
    }
}
