//! Every action the audit log records: one [`AuditAction`] per kind of entry, with the code stored
//! in the log (part of each entry's hash, so a code never changes once written) and its name in
//! Chinese and English (the window's 操作日志 and a dossier's history show these). The window
//! takes the names from `ui/src/bindings/AuditAction.ts`, generated from [`AuditAction::ALL`].

macro_rules! audit_actions {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $zh:literal, $en:literal; )+) => {
        /// One kind of audit-log entry (see the module).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum AuditAction {
            $( $(#[$doc])* $variant, )+
        }

        impl AuditAction {
            /// Every action, in the order the table above lists them.
            pub const ALL: &'static [AuditAction] = &[$(AuditAction::$variant),+];

            /// The code stored in the log's `action` column, e.g. `scores.submit`.
            pub const fn code(self) -> &'static str {
                match self { $(AuditAction::$variant => $code,)+ }
            }

            /// The action's name in Chinese, e.g. 「提交评分」.
            pub const fn label_zh(self) -> &'static str {
                match self { $(AuditAction::$variant => $zh,)+ }
            }

            /// The action's name in English, e.g. "Submit scores".
            pub const fn label_en(self) -> &'static str {
                match self { $(AuditAction::$variant => $en,)+ }
            }
        }
    };
}

audit_actions! {
    CampaignOpen = "campaign.open", "开启年度评审", "Open the review year";
    CampaignPolicy = "campaign.policy", "修改评审规则", "Change the review policy";
    CampaignRubric = "campaign.rubric", "修改评分细则", "Change the rubric";
    CampaignPledge = "campaign.pledge", "修改评审专家承诺书", "Change the experts’ pledge";
    CampaignStage = "campaign.stage", "阶段变更", "Stage change";
    CampaignPublish = "campaign.publish", "发布", "Publish";
    CampaignKeys = "campaign.keys", "生成年度交换密钥", "Make the year’s exchange keys";
    CampaignCarryOver = "campaign.carry_over", "开启新年度（沿用上年设置）", "Open the next year from an earlier one";
    DossierImport = "dossier.import", "导入申报材料", "Import dossiers";
    DossierSave = "dossier.save", "保存申报材料", "Save dossier";
    DossierSubmit = "dossier.submit", "提交申报材料", "Submit dossier";
    DossierAttach = "dossier.attach", "添加附件", "Add attachment";
    DossierRecommended = "dossier.recommended", "推荐", "Recommend";
    DossierReturned = "dossier.returned", "退回修改", "Return for changes";
    DossierRejected = "dossier.rejected", "不予推荐", "Not recommended";
    DossierLateAccepted = "dossier.late_accepted", "受理逾期材料", "Accept late dossier";
    DossierLateRefused = "dossier.late_refused", "不予受理逾期材料", "Refuse late dossier";
    DossierConsensus = "dossier.consensus", "记录专家组意见", "Record the panel’s consensus";
    DossierWithdraw = "dossier.withdraw", "撤回申报", "Withdraw dossier";
    DossierAmend = "dossier.amend", "撤回修改（本单位）", "Take back to amend (own unit)";
    DossierFileImport = "dossier.file_import", "导入申报材料文件", "Import dossier file";
    DossierFileReplace = "dossier.file_replace", "以新文件替换申报材料", "Replace dossier by a newer file";
    DossierYoyVerified = "dossier.yoy_verified", "核实与上年对比", "Verify a year-over-year finding";
    ExpertAdd = "expert.add", "添加专家", "Add expert";
    ExpertImport = "expert.import", "导入专家库", "Import expert pool";
    ExpertConflict = "expert.conflict", "申明回避", "Declare recusal";
    ExpertConflictConfirm = "expert.conflict_confirm", "确认沿用的回避关系", "Confirm carried recusals";
    ExpertLogin = "expert.login", "设置专家登录", "Set expert login";
    ExpertPledge = "expert.pledge", "专家签署承诺书", "Expert accepts the pledge";
    ReviewDraw = "review.draw", "随机抽取专家", "Draw experts";
    ReviewReplace = "review.replace", "补充抽取专家", "Replacement draw";
    ReviewClose = "review.close", "结束评审", "Close the review";
    /// The meeting settings changed before the written review ended (issue 18).
    MeetingPolicy = "meeting.policy", "修改会议评审设置", "Change the meeting settings";
    /// The panel meeting sits: date, place, chair, members present, quorum.
    MeetingOpen = "meeting.open", "召开会议评审", "Open the panel meeting";
    /// An agenda item's votes entered from the paper ballots.
    MeetingVote = "meeting.vote", "录入会议表决", "Enter a meeting vote";
    /// An agenda item's votes entered again, with the reason.
    MeetingRevote = "meeting.revote", "重新录入会议表决", "Enter a meeting vote again";
    /// The meeting closes with every item voted; funding follows the items passed.
    MeetingClose = "meeting.close", "结束会议评审", "Close the panel meeting";
    ScoresSave = "scores.save", "保存评分草稿", "Save score draft";
    ScoresSubmit = "scores.submit", "提交评分", "Submit scores";
    ScoresImport = "scores.import", "导入评分", "Import scores";
    ScoresReopen = "scores.reopen", "退回评分表", "Reopen score sheet";
    ScoresUnreturned = "scores.unreturned", "评分表未返回", "Sheet not returned";
    ScoresWithdraw = "scores.withdraw", "撤回评审任务", "Withdraw review task";
    ScoresReturn = "scores.return", "由评分回执录入评分", "Scores from a score return";
    FundingAllocate = "funding.allocate", "安排后补助经费", "Allocate post-subsidies";
    FundingAdjust = "funding.adjust", "调整经费", "Adjust funding";
    FundingWithdraw = "funding.withdraw", "撤回经费安排", "Withdraw funding";
    FundingPilotSelect = "funding.pilot_select", "选定试点示范单位", "Select pilot unit";
    FundingPilotUnselect = "funding.pilot_unselect", "撤销试点示范单位", "Unselect pilot unit";
    FundingRemoveByObjection = "funding.remove_by_objection", "因异议成立移出名单", "Removed after an upheld objection";
    PublicityOpen = "publicity.open", "开始公示", "Open publicity";
    PublicityClose = "publicity.close", "结束公示", "Close publicity";
    ObjectionAdd = "objection.add", "登记异议", "Register objection";
    ObjectionRefused = "objection.refused", "异议不予受理", "Objection not accepted";
    ObjectionUpheld = "objection.upheld", "异议成立", "Objection upheld";
    ObjectionDismissed = "objection.dismissed", "异议不成立", "Objection dismissed";
    CalendarImport = "calendar.import", "导入节假日安排", "Import holidays";
    UserCreate = "user.create", "创建账号", "Create account";
    UserPassword = "user.password", "修改密码", "Change password";
    Backup = "backup", "备份", "Backup";
    BackupAuto = "backup.auto", "自动备份", "Automatic backup";
    Restore = "restore", "恢复备份", "Restore backup";
    SettingsBackupsKept = "settings.backups_kept", "设置自动备份份数", "Set backups kept";
    AccessDenied = "access.denied", "拒绝越权操作", "Access denied";
    LoginFailed = "login.failed", "登录失败", "Login failed";
    LoginLocked = "login.locked", "账号锁定", "Account locked";
    ExchangeApplicant = "exchange.applicant", "设为申报单位数据库", "Mark as applicant unit’s database";
    ExchangeDossierFile = "exchange.dossier_file", "导出申报材料文件", "Export dossier file";
    ExchangeOpenPackage = "exchange.open_package", "打开评审材料包", "Open review package";
    ExchangePackage = "exchange.package", "导出评审材料包", "Export review package";
    ExchangeReturn = "exchange.return", "导出评分回执", "Export score return";
    ExchangeTakeReturn = "exchange.take_return", "导入评分回执", "Import score return";
    /// A finished year's archive made (`export::archive`): its manifest's hash and the head.
    ArchiveMake = "archive.make", "制作年度归档", "Make the year’s archive";
    /// The seal image stored (`seal set`): its SHA-256 and size, never the bytes.
    SealSet = "seal.set", "设置印章", "Set the seal";
    /// The seal image removed (`seal clear`).
    SealClear = "seal.clear", "清除印章", "Clear the seal";
    /// Letters exported (`export letters`): the kind, the files, the shuffle seed of the feedback
    /// letters' comments, whether sealed, and the log head the files carry.
    LettersExport = "letters.export", "导出函件", "Export letters";
    /// A document exported with the seal (notice, publicity list): the file and the head it carries.
    SealedExport = "export.sealed", "导出加盖印章的文件", "Export with the seal";
    /// The full values of every row a write touched (`store::record`).
    RecordRows = "record.rows", "记录数据行", "Rows recorded";
    /// Every row as it was, once, in a database written by an older version (`store::record`).
    RecordBaseline = "record.baseline", "记录现有数据", "Rows recorded as found";
}

impl AuditAction {
    /// The action a stored code names; `None` for a code no version wrote.
    pub fn from_code(code: &str) -> Option<AuditAction> {
        AuditAction::ALL.iter().copied().find(|a| a.code() == code)
    }
}

impl std::fmt::Display for AuditAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::AuditAction;
    use std::collections::HashSet;

    #[test]
    fn every_action_has_a_distinct_code_and_names_in_both_languages() {
        let mut codes = HashSet::new();
        for a in AuditAction::ALL {
            assert!(codes.insert(a.code()), "{a:?}: code {} used twice", a.code());
            assert!(!a.label_zh().trim().is_empty(), "{a:?}: no Chinese name");
            assert!(!a.label_en().trim().is_empty(), "{a:?}: no English name");
            assert!(
                a.code().chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'),
                "{a:?}: code {}",
                a.code()
            );
            assert_eq!(AuditAction::from_code(a.code()), Some(*a));
        }
        let zh: HashSet<_> = AuditAction::ALL.iter().map(|a| a.label_zh()).collect();
        let en: HashSet<_> = AuditAction::ALL.iter().map(|a| a.label_en()).collect();
        assert_eq!(zh.len(), AuditAction::ALL.len(), "two actions share a Chinese name");
        assert_eq!(en.len(), AuditAction::ALL.len(), "two actions share an English name");
    }
}
