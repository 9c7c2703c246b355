//! How long each document of a year's archive is kept (保管期限): the desk's policy, in one
//! place. The periods are those of the archival scheme for government documents, 永久 / 定期30年
//! / 定期10年 (《机关文件材料归档范围和文书档案保管期限规定》, 国家档案局令第8号); which document
//! gets which period is our reading of what a secretariat keeps (RULES.md, 「年度归档」):
//!
//! * the decision and what it rests on — the award notice, the publicity list, the results and,
//!   in a year with a panel meeting, its minutes (会议纪要) — are kept permanently;
//! * the funding table (money paid out), each expert's score sheet, the meeting's ballots
//!   (表决票), every dossier and its attachments for 30 years.
//!
//! The contents list 卷内目录 lists each file with its period; nothing else decides one.

/// A retention period (保管期限).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Retention {
    /// 永久
    Permanent,
    /// 定期30年
    Years30,
    /// 定期10年 (no document of the archive has it today; the scheme's third period)
    Years10,
}

impl Retention {
    /// As the contents list writes it.
    pub fn label(self) -> &'static str {
        match self {
            Retention::Permanent => "永久",
            Retention::Years30 => "定期30年",
            Retention::Years10 => "定期10年",
        }
    }
}

/// The kinds of document a year's archive holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchivedDoc {
    /// 通报
    Notice,
    /// 公示名单
    PublicityList,
    /// 评审结果 (PDF and XLSX)
    Results,
    /// 经费表 (PDF and XLSX)
    FundingTable,
    /// 专家评分表 (one per expert)
    ScoreSheet,
    /// 申报材料 (one per dossier)
    Dossier,
    /// 申报材料附件 (kept with its dossier)
    Attachment,
    /// 会议纪要 (a year with a panel meeting, issue 18)
    Minutes,
    /// 表决票 (a year with a panel meeting, issue 18)
    Ballots,
}

/// The retention period of a kind of document: the one place it is decided.
pub fn retention(doc: ArchivedDoc) -> Retention {
    match doc {
        ArchivedDoc::Notice | ArchivedDoc::PublicityList | ArchivedDoc::Results | ArchivedDoc::Minutes => {
            Retention::Permanent
        }
        ArchivedDoc::FundingTable
        | ArchivedDoc::ScoreSheet
        | ArchivedDoc::Ballots
        | ArchivedDoc::Dossier
        | ArchivedDoc::Attachment => Retention::Years30,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RULES.md 「年度归档」: the decision (notice, publicity list, results, the meeting's
    /// minutes) 永久; money, score sheets, the meeting's ballots and dossiers with their attachments 定期30年; an attachment never outlives or
    /// undershoots its dossier.
    #[test]
    fn retention_periods_of_the_archive() {
        use ArchivedDoc::*;
        for d in [Notice, PublicityList, Results, Minutes] {
            assert_eq!(retention(d).label(), "永久", "{d:?}");
        }
        for d in [FundingTable, ScoreSheet, Ballots, Dossier, Attachment] {
            assert_eq!(retention(d).label(), "定期30年", "{d:?}");
        }
        assert_eq!(retention(Attachment), retention(Dossier));
        assert_eq!(Retention::Years10.label(), "定期10年");
    }
}
