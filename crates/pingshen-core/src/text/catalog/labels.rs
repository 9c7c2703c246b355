//! The names of the workflow's states, the awards, the roles and the exchange files, for texts
//! that name them (`Stage::text`, …, beside each enum). The Chinese is each enum's `label()`; the test
//! `tests/text_catalog.rs` keeps both equal.

crate::messages! {
    list LABELS;
    STAGE_APPLY = "stage.apply", "申报推荐", "Application";
    STAGE_REVIEW = "stage.review", "专家评审", "Expert review";
    STAGE_MEETING = "stage.meeting", "会议评审", "Panel meeting";
    STAGE_DECIDE = "stage.decide", "评审结果确定", "Results decision";
    STAGE_PUBLICITY = "stage.publicity", "公示中", "Publicity";
    STAGE_FINAL = "stage.final", "公示结束", "Publicity closed";
    STAGE_PUBLISHED = "stage.published", "已发布", "Published";
    DOSSIER_DRAFT = "dossier_state.draft", "草稿", "Draft";
    DOSSIER_SUBMITTED = "dossier_state.submitted", "已提交", "Submitted";
    DOSSIER_LATE = "dossier_state.late", "逾期待定", "Late, pending";
    DOSSIER_RECOMMENDED = "dossier_state.recommended", "已推荐", "Recommended";
    DOSSIER_RETURNED = "dossier_state.returned", "退回修改", "Returned";
    DOSSIER_REJECTED = "dossier_state.rejected", "不予推荐", "Not recommended";
    DOSSIER_WITHDRAWN = "dossier_state.withdrawn", "已撤回", "Withdrawn";
    SHEET_PENDING = "sheet_state.pending", "待评分", "To score";
    SHEET_SUBMITTED = "sheet_state.submitted", "已提交（已锁定）", "Submitted (locked)";
    SHEET_RECUSED = "sheet_state.recused", "已回避", "Recused";
    SHEET_UNRETURNED = "sheet_state.unreturned", "未返回", "Not returned";
    SHEET_WITHDRAWN = "sheet_state.withdrawn", "已撤回", "Withdrawn";
    EVENT_DRAW = "stage_event.draw", "抽取评审专家", "draw the reviewers";
    EVENT_ALL_SCORED = "stage_event.all_scored", "结束评审", "end the review";
    EVENT_CLOSE_REVIEW = "stage_event.close_review", "提前结束评审", "end the review early";
    EVENT_REOPEN = "stage_event.reopen", "退回评分表", "reopen a score sheet";
    EVENT_CLOSE_MEETING = "stage_event.close_meeting", "结束会议评审", "close the panel meeting";
    EVENT_OPEN_PUBLICITY = "stage_event.open_publicity", "开始公示", "open the publicity";
    EVENT_CLOSE_PUBLICITY = "stage_event.close_publicity", "结束公示", "close the publicity";
    EVENT_PUBLISH = "stage_event.publish", "发布", "publish";
    AWARD_PILOT = "award.pilot", "试点示范", "Pilot demonstration";
    AWARD_SUBSIDY = "award.subsidy", "后补助", "Post-subsidy";
    ROLE_SECRETARIAT = "role.secretariat", "秘书处", "Secretariat";
    ROLE_EXPERT = "role.expert", "评审专家", "Expert";
    ROLE_APPLICANT = "role.applicant", "申报单位", "Applicant unit";
    KIND_DOSSIER_FILE = "exchange_kind.dossier_file", "申报材料文件", "dossier file";
    KIND_REVIEW_PACKAGE = "exchange_kind.review_package", "评审材料包", "review package";
    KIND_SCORE_RETURN = "exchange_kind.score_return", "评分回执", "score return";
}
