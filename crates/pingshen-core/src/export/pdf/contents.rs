//! (7) The contents list 卷内目录 of a year's archive, after the conventions of DA/T 2: one row
//! per file — 序号, 文件题名, 责任者, 日期 (eight digits, 20141210), 页数, 保管期限 — and in 备注
//! the file's path in the zip; above the table the volume's title, the 立档单位 and the audit
//! log's head the archive was made at.

use super::common::place_table;
use super::PdfExporter;
use crate::desk::Desk;
use crate::error::Result;
use crate::export::layout::{zihao, Align, ColWidth, Column, Face, Margins, PageSetup, Style, Table};
use crate::retention::Retention;
use crate::store::AuditHead;
use chrono::NaiveDate;

/// One row of the contents list (the files are numbered in the order given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentsEntry {
    /// 文件题名
    pub title: String,
    /// 责任者: the issuing body, the expert, the applicant unit.
    pub author: String,
    pub date: NaiveDate,
    /// 页数 of a PDF; none for a spreadsheet or an attachment whose pages are not known.
    pub pages: Option<usize>,
    pub retention: Retention,
    /// The path in the zip.
    pub file: String,
}

/// 20141210, as an archive's contents list writes a date.
pub fn archive_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

impl PdfExporter {
    /// The contents list of `year`'s archive; `keeper` is the 立档单位, `made_on` the day the
    /// archive was made, `head` the log's head it was made at.
    pub fn archive_contents(
        &self,
        desk: &Desk,
        year: i32,
        keeper: &str,
        made_on: NaiveDate,
        head: &AuditHead,
        entries: &[ContentsEntry],
    ) -> Result<Vec<u8>> {
        let setup = PageSetup::a4_portrait(Margins { top: 25.0, bottom: 22.0, left: 20.0, right: 18.0 });
        let mut doc = self.doc(&format!("{year}年度评审档案卷内目录"), setup);
        doc.paragraph("卷　内　目　录", &Style::title(zihao::XIAO_ER).face(Face::SansBold).after(4.0));
        doc.paragraph(
            &format!("{year}年度企业科协组织建设“试点示范”和“后补助”评审档案"),
            &Style::title(zihao::XIAO_SI).face(Face::Serif).after(6.0),
        );
        let small = Style::new(Face::Serif, zihao::XIAO_WU).pitch(14.0).align(Align::Left);
        doc.paragraph(
            &format!("立档单位：{keeper}　　归档日期：{}　　共{}件", archive_date(made_on), entries.len()),
            &small,
        );
        doc.paragraph(
            &format!("操作日志位置：第{}条（{}）；各文件的大小和SHA-256见 manifest.json", head.seq, head.hash),
            &small.clone().after(4.0),
        );
        let mut t = Table::new(vec![
            Column::new("序号", ColWidth::Mm(11.0)).center(),
            Column::new("文件题名", ColWidth::Fr(1.6)),
            Column::new("责任者", ColWidth::Mm(34.0)),
            Column::new("日期", ColWidth::Mm(19.0)).center(),
            Column::new("页数", ColWidth::Mm(11.0)).center(),
            Column::new("保管期限", ColWidth::Mm(17.0)).center(),
            Column::new("备注", ColWidth::Fr(1.0)),
        ])
        .size(zihao::XIAO_WU);
        for (i, e) in entries.iter().enumerate() {
            t.row([
                (i + 1).to_string(),
                e.title.clone(),
                e.author.clone(),
                archive_date(e.date),
                e.pages.map(|p| p.to_string()).unwrap_or_else(|| "—".into()),
                e.retention.label().to_string(),
                e.file.clone(),
            ]);
        }
        place_table(&mut doc, &t)?;
        doc.paragraph(
            "说明：页数为PDF文件的页数，电子表格和页数不明的附件记为“—”；保管期限按本系统的归档规则（RULES.md「年度归档」）。",
            &small.clone().before(6.0),
        );
        super::stamped(desk, doc)
    }
}
