//! A year and its dossiers: the campaign, years, access and sessions, dossiers, exceptions, the draw.

crate::messages! {
    list YEAR;
    YEAR_ACTION_VIEW_MATRIX = "year.action.view_matrix", "查看评审分配", "view the assignments";
    YEAR_ACTION_VIEW_STATS = "year.action.view_stats", "查看评审统计", "view the review statistics";
    YEAR_ACTION_VIEW_MEETING = "year.action.view_meeting", "查看会议评审", "view the panel meeting";
    YEAR_ACTION_VIEW_OVERVIEW = "year.action.view_overview", "查看年度总览", "view the year's overview";
    YEAR_ACTION_VIEW_DOSSIER = "year.action.view_dossier", "查看申报材料详情", "view a dossier's details";
    YEAR_ACTION_PREVIEW_IMPORT = "year.action.preview_import", "导入表格", "import a spreadsheet";
    YEAR_ACTION_VIEW_ROBUSTNESS = "year.action.view_robustness", "查看名次稳健性", "view how robust the ranking is";
    /// Two parts of a list (「、」 between them); a longer list nests them.
    YEAR_JOIN = "year.join", "{first}、{rest}", "{first}, {rest}";
    /// Two sentences of a list (「；」 between them).
    YEAR_JOIN_SEMI = "year.join_semi", "{first}；{rest}", "{first}; {rest}";

    // Who may do what (access, sessions, accounts).
    YEAR_ROLE_ONLY = "year.role_only", "{what}只能由{role}操作，当前用户「{name}」是{actor_role}", "Only the {role} role may {what}; the current user “{name}” has the role {actor_role}";
    YEAR_FIELD_LOGIN = "year.field.login", "登录名", "Login name";
    YEAR_FIELD_PASSWORD = "year.field.password", "密码", "Password";
    YEAR_FIELD_LOGIN_PASSWORD = "year.field.login_password", "登录名或密码", "Login name or password";
    YEAR_LOGIN_TAKEN = "year.login_taken", "「{login}」已被使用，请换一个", "“{login}” is already in use; choose another one";
    YEAR_WHAT_USER = "year.what.user", "用户", "User";
    YEAR_PASSWORD_SHORT = "year.password_short", "至少8个字符", "must have at least 8 characters";
    YEAR_PASSWORD_HASH_FAILED = "year.password_hash_failed", "密码加密失败：{detail}", "The password could not be hashed: {detail}";
    YEAR_ACTION_CREATE_USER = "year.action.create_user", "创建用户", "create a user";
    YEAR_APPLICANT_NEEDS_UNIT = "year.applicant_needs_unit", "申报单位用户须指定所属单位", "A user of an applicant unit must be given the unit it belongs to";
    YEAR_OWN_PASSWORD_ONLY = "year.own_password_only", "只能修改自己的密码", "You can change only your own password";
    YEAR_ACCOUNT_DISABLED = "year.account_disabled", "该账号已停用，请与秘书处联系", "This account is disabled; please contact the secretariat";
    YEAR_ROLE_UNKNOWN = "year.role_unknown", "账号「{login}」的角色无法识别", "The role of the account “{login}” is not recognised";
    YEAR_WRONG_PASSWORD = "year.wrong_password", "不正确，请重新输入{warn}", "is not correct; please enter it again{warn}";
    YEAR_LOCK_WARNING = "year.lock_warning", "（再错{left}次，该账号将锁定{minutes}分钟）", " (after {left} more wrong tries the account will be locked for {minutes} minutes)";
    YEAR_LOCKED = "year.locked", "密码连续输错{n}次，该账号已锁定至{until}（北京时间）。请稍后再试，或请秘书处重设密码后立即解锁", "The password was entered wrongly {n} times in a row: the account is locked until {until} (Beijing time). Try again later, or ask the secretariat to set a new password, which unlocks it at once";
    YEAR_SECRETARIAT_ACCOUNT_EXISTS = "year.secretariat_account_exists", "本数据库已设置秘书处账号，请用登录名和密码登录", "This database has a secretariat account: sign in with its login name and password";
    YEAR_ACCOUNTS_EXIST = "year.accounts_exist", "本数据库已设置账号，请用登录名和密码登录", "This database has accounts: sign in with your login name and password";

    // The campaign (one year) and the list of years.
    YEAR_WHAT_YEAR = "year.what.year", "年度评审工作", "Review year";
    YEAR_HINT_CREATE_YEAR = "year.hint.create_year", "{year}年，请先用 init 创建", "{year}; create it first with init";
    YEAR_HINT_NO_YEAR = "year.hint.no_year", "任何年度，请先用 pingshen init --year 年份 创建", "no review year at all; create one first with pingshen init --year YEAR";
    YEAR_DB_DAMAGED = "year.db_damaged", "数据库中的{what}已损坏", "The {what} stored in the database is damaged";
    YEAR_PART_STAGE = "year.part.stage", "阶段", "stage";
    YEAR_PART_POLICY = "year.part.policy", "评审规则设置", "review policy";
    YEAR_PART_RUBRIC_PILOT = "year.part.rubric_pilot", "试点示范评分细则", "Pilot demonstration rubric";
    YEAR_PART_RUBRIC_SUBSIDY = "year.part.rubric_subsidy", "后补助评分细则", "Post-subsidy rubric";
    YEAR_FIELD_YEAR = "year.field.year", "年度", "Year";
    YEAR_EXISTS = "year.exists", "{year}年度评审工作已存在，不能再次创建；请换一个年度，或在页首切换到{year}年度", "The {year} review year already exists and cannot be created again; choose another year, or switch to {year} at the top of the page";
    YEAR_NOT_A_YEAR = "year.not_a_year", "{year} 不是有效年份", "{year} is not a valid year";
    YEAR_ACTION_OPEN_YEAR = "year.action.open_year", "创建年度评审工作", "create a review year";
    YEAR_ACTION_EDIT_POLICY = "year.action.edit_policy", "修改评审规则", "change the review policy";
    YEAR_POLICY_BEFORE_DRAW = "year.policy_before_draw", "评审规则只能在抽取专家前修改", "The review policy can be changed only before the reviewers are drawn";
    YEAR_ACTION_EDIT_RUBRIC = "year.action.edit_rubric", "修改评分细则", "change a rubric";
    YEAR_RUBRIC_BEFORE_DRAW = "year.rubric_before_draw", "评分细则只能在抽取专家前修改", "A rubric can be changed only before the reviewers are drawn";
    YEAR_STAGE_DECIDE_ONLY = "year.stage.decide_only", "须在全部评分提交后、公示开始前进行", "This is done after every score sheet is submitted and before the publicity opens";
    YEAR_STAGE_MEETING_ONLY = "year.stage.meeting_only", "须在书面评审结束后、会议评审结束前进行", "This is done after the written review has ended and before the panel meeting closes";
    YEAR_STAGE_PUBLICITY_ONLY = "year.stage.publicity_only", "须在公示期间进行", "This is done during the publicity";
    YEAR_STAGE_FINAL_ONLY = "year.stage.final_only", "须在公示结束后进行", "This is done after the publicity has closed";
    YEAR_ACTION_OPEN_NEXT = "year.action.open_next", "开启新年度", "open a new review year";
    YEAR_FIELD_NEW_YEAR = "year.field.new_year", "新年度", "New year";
    YEAR_NEXT_AFTER_SOURCE = "year.next_after_source", "须晚于来源年度{from}年，例如{example}", "must be later than the source year {from}, for example {example}";
    YEAR_NEXT_EXISTS = "year.next_exists", "{to}年度评审工作已存在，不能再次开启；请在页首切换到{to}年度，或换一个年度", "The {to} review year already exists and cannot be opened again; switch to {to} at the top of the page, or choose another year";
    YEAR_WHAT_SOURCE_YEAR = "year.what.source_year", "来源年度", "Source year";
    YEAR_HINT_SOURCE_YEARS = "year.hint.source_years", "{from}年；库中的年度：{years}，请从其中已发布的年度开启", "{from}; the years in the database: {years}. Open the new year from one of them that is published";
    YEAR_NO_YEARS = "year.no_years", "（无）", "(none)";
    YEAR_YEAR_STAGE = "year.year_stage", "{year}（{stage}）", "{year} ({stage})";
    YEAR_SOURCE_UNPUBLISHED = "year.source_unpublished", "{from}年度评审工作尚未发布（当前阶段：{stage}），不能从它开启新年度；请先完成并发布{from}年度，再开启{to}年度", "The {from} review year is not published yet (current stage: {stage}), so no new year can be opened from it; finish and publish {from} first, then open {to}";
    YEAR_ACTION_CONFIRM_CONFLICTS = "year.action.confirm_conflicts", "确认回避关系", "confirm recusals";
    YEAR_FIELD_CONFLICT_UNIT = "year.field.conflict_unit", "回避单位", "Recusal unit";
    YEAR_STAGE_UNKNOWN = "year.stage_unknown", "数据库中{year}年度的阶段「{stage}」无法识别", "The stage “{stage}” of the {year} review year in the database is not recognised";

    // Damaged rows read back from the database.
    YEAR_TABLE_ROW_DAMAGED = "year.table_row_damaged", "数据库表 {table} 中的第{row}行已损坏：{detail}", "The database table {table} has a damaged row {row}: {detail}";
    YEAR_UNKNOWN_VALUE = "year.unknown_value", "无法识别的{what}「{value}」", "unrecognised {what} “{value}”";
    YEAR_COLUMN_AWARD = "year.column.award", "申报类别", "award";
    YEAR_COLUMN_STAGE = "year.column.stage", "年度阶段", "stage of the year";
    YEAR_COLUMN_DOSSIER_STATE = "year.column.dossier_state", "申报材料状态", "dossier state";
    YEAR_COLUMN_SHEET_STATE = "year.column.sheet_state", "评分表状态", "score sheet state";
    YEAR_COLUMN_PLEDGE_KIND = "year.column.pledge_kind", "承诺方式", "way the pledge was made";
    YEAR_ROW_YEAR = "year.row.year", "（{year}年度）", "(year {year})";
    YEAR_ROW_YEAR_UNIT = "year.row.year_unit", "（{year}年度，{unit}）", "(year {year}, {unit})";
    YEAR_ROW_YEAR_NO = "year.row.year_no", "（年度编号{id}）", "(year number {id})";
    YEAR_ROW_DOSSIER_NO = "year.row.dossier_no", "（材料编号{id}）", "(dossier number {id})";
    YEAR_ROW_EXPERT_NO = "year.row.expert_no", "（专家编号{id}）", "(expert number {id})";
    YEAR_PLEDGE_POINTS_UNREADABLE = "year.pledge_points_unreadable", "承诺事项无法读取", "the pledge's points cannot be read";
    YEAR_WHAT_SHEET = "year.what.sheet", "评分任务", "Score sheet";
    YEAR_WHAT_EXPERT = "year.what.expert", "评审专家", "Expert";
    YEAR_HINT_IMPORT_PANEL = "year.hint.import_panel", "，请先导入专家库", ". Import the expert pool first";

    // Dossiers: apply and recommend.
    YEAR_WHAT_DOSSIER = "year.what.dossier", "申报材料", "Dossier";
    YEAR_WHAT_ATTACHMENT = "year.what.attachment", "附件", "Attachment";
    YEAR_AWARD_PAREN = "year.award_paren", "（{award}）", " ({award})";
    YEAR_UNIT_AWARD = "year.unit_award", "{unit}（{award}）", "{unit} ({award})";
    YEAR_BOTH_AWARDS = "year.both_awards", "{unit}同时申报了试点示范和后补助，请指明类别", "{unit} applied for both Pilot demonstration and Post-subsidy: say which award";
    YEAR_FIELD_APPLICANT = "year.field.applicant", "申报单位", "Applicant unit";
    YEAR_OWN_DOSSIER_FILL = "year.own_dossier.fill", "只能填写本单位的申报材料（{unit}）", "You can fill in only your own unit's dossier ({unit})";
    YEAR_OWN_DOSSIER_SUBMIT = "year.own_dossier.submit", "只能提交本单位的申报材料", "You can submit only your own unit's dossier";
    YEAR_OWN_DOSSIER_ATTACH = "year.own_dossier.attach", "只能为本单位的申报材料添加附件", "You can add attachments only to your own unit's dossier";
    YEAR_NO_RIGHT_TO_DOSSIER = "year.no_right_to_dossier", "无权查看该申报材料", "You may not view this dossier";
    YEAR_NEGATIVE_COUNT = "year.negative_count", "不能为负数，请填写0或正整数", "cannot be negative: enter 0 or a positive whole number";
    YEAR_NEGATIVE = "year.negative", "不能为负数", "cannot be negative";
    YEAR_ACTION_FILL_DOSSIER = "year.action.fill_dossier", "填写申报材料", "fill in a dossier";
    YEAR_ACTION_EDIT_DOSSIER = "year.action.edit_dossier", "修改申报材料", "change the dossier";
    YEAR_EDIT_DRAFT_ONLY = "year.edit_draft_only", "只有草稿或退回修改的材料可以修改", "Only a draft or a returned dossier can be changed";
    YEAR_ACTION_SUBMIT_DOSSIER = "year.action.submit_dossier", "提交申报材料", "submit the dossier";
    YEAR_ACTION_IMPORT_DOSSIERS = "year.action.import_dossiers", "导入申报材料", "import dossiers";
    YEAR_IMPORT_DUPLICATE = "year.import_duplicate", "{unit}的{award}申报已在库中（{state}），不能重复申报；如需修改请先退回", "The {award} dossier of {unit} is already in the database ({state}) and cannot be entered twice; to change it, return it first";
    YEAR_ACTION_DECIDE_LATE = "year.action.decide_late", "处理逾期材料", "decide on a late dossier";
    YEAR_REASON_NEEDED = "year.reason_needed", "{what}须写明理由", "Give the reason to {what}";
    YEAR_FIELD_RETURN_REASON = "year.field.return_reason", "退回理由", "Reason for returning";
    YEAR_FIELD_REJECT_REASON = "year.field.reject_reason", "不予推荐理由", "Reason for not recommending";
    YEAR_FORMAL_CHECK_FAILED = "year.formal_check_failed", "{unit}未通过形式审查，不能推荐：{problems}", "{unit} did not pass the formal check and cannot be recommended: {problems}";
    YEAR_YOY_OPEN = "year.yoy_open", "{unit}与上年相比有{n}项待核实，不能推荐：{findings}。请逐项核实后标记「已核实」（recommend 单位 --verify 代码 --note 说明），或退回修改", "{unit} has {n} findings against last year still to verify and cannot be recommended: {findings}. Verify each and mark it “Verified” (recommend UNIT --verify CODE --note NOTE), or return the dossier";
    YEAR_ATTACHMENT_TYPE = "year.attachment_type", "「{file}」的类型不支持，请上传 PDF、图片（PNG/JPG）或 Office 文件", "The type of “{file}” is not supported: upload a PDF, an image (PNG/JPG) or an Office file";
    YEAR_ATTACHMENT_EMPTY = "year.attachment_empty", "「{file}」是空文件", "“{file}” is an empty file";
    YEAR_ACTION_ADD_ATTACHMENT = "year.action.add_attachment", "添加附件", "add an attachment";
    YEAR_ATTACH_BEFORE_CHECK = "year.attach_before_check", "附件只能在形式审查之前（草稿、已提交、逾期待定或退回修改时）添加", "Attachments can be added only before the formal check (while the dossier is a draft, submitted, late and pending, or returned)";

    // The formal check's problems.
    YEAR_CHECK_CONTACT = "year.check.contact", "「联系人」未填写", "“Contact person” is not filled in";
    YEAR_CHECK_PHONE = "year.check.phone", "「联系电话」未填写或不完整", "“Contact phone” is not filled in or incomplete";
    YEAR_CHECK_NARRATIVE = "year.check.narrative", "「{section}」未填写或过于简略（不足10字）", "“{section}” is not filled in or too short (under 10 characters)";
    YEAR_CHECK_FIELD = "year.check.field", "「{field}」{message}", "“{field}”: {message}";
    YEAR_CHECK_MATCHING = "year.check.matching", "「配套资金（万元）」未填写：试点示范单位需给予配套资金支持", "“Matching funds (10k CNY)” is not filled in: a Pilot demonstration unit must pledge matching funds";
    YEAR_CHECK_ATTACHMENT = "year.check.attachment", "缺少必需附件「{kind}」", "The required attachment “{kind}” is missing";
    YEAR_NAR_LEADERSHIP = "year.nar.leadership", "组织领导情况", "Organisation and leadership";
    YEAR_NAR_BUILDING = "year.nar.building", "组织建设成效", "Results of organisation building";
    YEAR_NAR_SERVICES = "year.nar.services", "服务企业创新情况", "Services for enterprise innovation";
    YEAR_NAR_DISTINCTIVE = "year.nar.distinctive", "特色做法", "Distinctive practices";

    // Year over year (issue 16).
    YEAR_ACTION_YOY_VIEW = "year.action.yoy_view", "查看与上年对比", "view the comparison with last year";
    YEAR_ACTION_YOY_VERIFY = "year.action.yoy_verify", "核实与上年对比", "verify the comparison with last year";
    YEAR_FIELD_YOY_NOTE = "year.field.yoy_note", "核实说明", "Verification note";
    YEAR_YOY_NOTE_NEEDED = "year.yoy_note_needed", "标记「已核实」须写明核实情况（如：已电话核实，因企业注销减少）", "To mark a finding “Verified”, write how it was verified (e.g. confirmed by phone: fewer because enterprises closed)";
    YEAR_YOY_DURING_CHECK = "year.yoy_during_check", "只能在形式审查时（材料已提交、尚未推荐或退回）核实", "Findings can be verified only during the formal check (the dossier submitted, not yet recommended or returned)";
    YEAR_FIELD_YOY_CODE = "year.field.yoy_code", "对比项代码", "Finding code";
    YEAR_YOY_NONE = "year.yoy_none", "{unit}没有与上年对比的待核实项", "{unit} has no findings against last year to verify";
    YEAR_YOY_UNKNOWN_CODE = "year.yoy_unknown_code", "「{code}」不是{unit}的对比项，应为：{known}", "“{code}” is not a finding of {unit}; it should be one of: {known}";

    // History (issue 16).
    YEAR_HISTORY_EXPERT = "year.history_expert", "评审专家不能查看申报单位的历年评审情况（当前用户「{name}」是评审专家）", "An expert cannot view an applicant unit's review history (the current user “{name}” is an expert)";
    YEAR_HISTORY_OWN_ONLY = "year.history_own_only", "只能查看本单位的历年评审情况，不能查看{unit}（当前用户「{name}」）", "You can view only your own unit's review history, not that of {unit} (current user “{name}”)";
    YEAR_FIELD_UNIT = "year.field.unit", "单位", "Unit";
    YEAR_NOT_A_UNIT = "year.not_a_unit", "「{name}」不是可申报单位的名称。{close}请用单位全称或简称（如「{example}」）；已申报单位的名称可用 pingshen dossiers 列出，或在「申报材料」页查看", "“{name}” is not the name of a unit that may apply. {close}Use the unit's full or short name (e.g. “{example}”); the names of the units that applied are listed by pingshen dossiers, or on the “Dossiers” page";
    YEAR_DID_YOU_MEAN = "year.did_you_mean", "是否为：{names}？", "Did you mean: {names}? ";

    // The draw.
    YEAR_DRAW_OPEN_DOSSIERS = "year.draw_open_dossiers", "尚有{n}份申报材料未完成形式审查或逾期处理，请先推荐（recommend）或处理后再抽取专家", "{n} dossiers have not finished the formal check or the late decision: recommend them (recommend) or decide on them before drawing the reviewers";
    YEAR_DRAW_NONE_RECOMMENDED = "year.draw_none_recommended", "没有已推荐的申报材料，无法抽取专家", "No dossier is recommended, so no reviewers can be drawn";
    YEAR_APPLICANT_NO_ASSIGNMENTS = "year.applicant_no_assignments", "申报单位不能查看评审分配", "An applicant unit cannot view the review assignments";

    // Years that don't go to plan: ending the review, replacing an expert, withdrawing a dossier.
    YEAR_CLOSE_REVIEW_IN_REVIEW = "year.close_review_in_review", "只有在「专家评审」阶段可以结束评审", "The review can be ended only in the “Expert review” stage";
    YEAR_ACTION_REPLACE_EXPERT = "year.action.replace_expert", "补充抽取评审专家", "draw a replacement reviewer";
    YEAR_ACTION_REPLACE = "year.action.replace", "补充抽取", "draw a replacement reviewer";
    YEAR_REPLACE_IN_REVIEW = "year.replace_in_review", "补充抽取只能在「专家评审」阶段进行", "A replacement reviewer can be drawn only in the “Expert review” stage";
    YEAR_NOT_ASSIGNED = "year.not_assigned", "专家「{expert}」没有被分配评审{dossier}，无需替换", "The expert “{expert}” is not assigned to review {dossier}: there is nothing to replace";
    YEAR_SHEET_SUBMITTED_NO_REPLACE = "year.sheet_submitted_no_replace", "专家「{expert}」对{dossier}的评分已提交，不能替换；如需重评，请先退回评分表", "The expert “{expert}” has submitted the scores for {dossier}, so they cannot be replaced; to have it scored again, reopen the score sheet first";
    YEAR_SHEET_NO_REPLACE = "year.sheet_no_replace", "专家「{expert}」对{dossier}的评审任务{state}，无需替换", "The review of {dossier} by the expert “{expert}” is {state}: there is nothing to replace";
    YEAR_SHEET_STATE_UNKNOWN = "year.sheet_state_unknown", "评审任务状态「{state}」无法识别", "The score sheet state “{state}” is not recognised";
    YEAR_WHY_ON_DOSSIER = "year.why.on_dossier", "已是或曾是该材料的评审专家", "is or was already a reviewer of this dossier";
    YEAR_WHY_SAME_PROVINCE = "year.why.same_province", "同省回避（{province}）", "recused: same province ({province})";
    YEAR_WHY_DECLARED = "year.why.declared", "本人申明回避", "recused: declared by the expert";
    YEAR_WHY_EMPLOYER = "year.why.employer", "任职单位回避", "recused: works for the unit";
    YEAR_EXPERT_CANNOT_REVIEW = "year.expert_cannot_review", "专家「{expert}」不能评审{dossier}：{why}", "The expert “{expert}” cannot review {dossier}: {why}";
    YEAR_NO_DRAW_SEED = "year.no_draw_seed", "没有抽取记录，无法按记录的种子补充抽取", "There is no record of a draw, so no replacement can be drawn with its recorded seed";
    YEAR_EXPERT_WHY = "year.expert_why", "{name}：{why}", "{name}: {why}";
    YEAR_NO_REPLACEMENT = "year.no_replacement", "没有可补充抽取的专家：专家库{n}位专家都不能评审{dossier}（{detail}）。请先在专家库中添加专家，再补充抽取", "No expert can be drawn as a replacement: none of the {n} experts of the pool may review {dossier} ({detail}). Add experts to the pool first, then draw the replacement";
    YEAR_ACTION_REGISTER_WITHDRAWAL = "year.action.register_withdrawal", "登记撤回申报", "register a withdrawal";
    YEAR_WITHDRAW_BEFORE_PUBLICITY = "year.withdraw_before_publicity", "公示开始后不能再撤回申报；单位放弃资助的，请在公示期作为异议处理", "An application cannot be withdrawn once the publicity has opened; a unit that gives up its funding is handled as an objection during the publicity";

    // The state machines: the events and what each state allows.
    YEAR_DEVENT_SUBMIT = "year.dossier_event.submit", "提交", "submit the dossier";
    YEAR_DEVENT_ACCEPT_LATE = "year.dossier_event.accept_late", "同意受理逾期材料", "accept the late dossier";
    YEAR_DEVENT_REFUSE_LATE = "year.dossier_event.refuse_late", "不予受理逾期材料", "refuse the late dossier";
    YEAR_DEVENT_RECOMMEND = "year.dossier_event.recommend", "推荐", "recommend the dossier";
    YEAR_DEVENT_RETURN = "year.dossier_event.return", "退回修改", "return the dossier for changes";
    YEAR_DEVENT_REJECT = "year.dossier_event.reject", "不予推荐", "mark the dossier not recommended";
    YEAR_DEVENT_WITHDRAW = "year.dossier_event.withdraw", "撤回申报", "withdraw the application";
    YEAR_SEVENT_SUBMIT = "year.sheet_event.submit", "提交评分", "submit the scores";
    YEAR_SEVENT_REPLACE = "year.sheet_event.replace", "以新的评分回执替换", "replace it with a newer score return";
    YEAR_SEVENT_REOPEN = "year.sheet_event.reopen", "退回评分表", "reopen the score sheet";
    YEAR_SEVENT_RECUSE = "year.sheet_event.recuse", "申明回避", "declare a recusal";
    YEAR_SEVENT_CLOSE_UNRETURNED = "year.sheet_event.close_unreturned", "结束评审（未返回）", "end the review (not returned)";
    YEAR_SEVENT_WITHDRAW = "year.sheet_event.withdraw", "撤回评审任务", "withdraw the review assignment";
    YEAR_ALLOWED_STAGE_APPLY = "year.allowed.stage.apply", "此阶段可以录入、推荐申报材料，然后抽取评审专家", "In this stage dossiers are entered and recommended; then the reviewers are drawn";
    YEAR_ALLOWED_STAGE_REVIEW = "year.allowed.stage.review", "此阶段专家评分；全部评分提交后进入结果确定，秘书处可退回评分表", "In this stage the experts score; once every score sheet is submitted the results are decided. The secretariat can reopen a score sheet";
    YEAR_ALLOWED_STAGE_MEETING = "year.allowed.stage.meeting", "此阶段召开专家组会议评审：开会、逐项表决，全部表决后结束会议评审", "In this stage the panel meeting sits: open it and vote item by item; once every item is voted, close the panel meeting";
    YEAR_ALLOWED_STAGE_DECIDE = "year.allowed.stage.decide", "此阶段可确定试点示范单位、调整经费，然后开始公示；也可退回评分表", "In this stage the Pilot demonstration units are decided and the funding adjusted, then the publicity opens; a score sheet can also be reopened";
    YEAR_ALLOWED_STAGE_PUBLICITY = "year.allowed.stage.publicity", "此阶段可登记和处理异议，公示期满且无未处理异议后结束公示", "In this stage objections are registered and handled; the publicity closes once its period is over and no objection is open";
    YEAR_ALLOWED_STAGE_FINAL = "year.allowed.stage.final", "公示已结束，可以发布通报", "The publicity is closed: the notice can be published";
    YEAR_ALLOWED_STAGE_PUBLISHED = "year.allowed.stage.published", "本年度评审工作已发布，不能再修改", "This review year is published and can no longer be changed";
    YEAR_ALLOWED_DOSSIER_DRAFT = "year.allowed.dossier.draft", "草稿可以修改后提交；未提交的草稿无需撤回", "A draft can be changed and then submitted; a draft not yet submitted need not be withdrawn";
    YEAR_ALLOWED_DOSSIER_SUBMITTED = "year.allowed.dossier.submitted", "已提交的材料可以推荐、退回修改或不予推荐", "A submitted dossier can be recommended, returned for changes or not recommended";
    YEAR_ALLOWED_DOSSIER_LATE = "year.allowed.dossier.late", "逾期材料须由秘书处决定是否受理", "The secretariat must decide whether to accept a late dossier";
    YEAR_ALLOWED_DOSSIER_RECOMMENDED = "year.allowed.dossier.recommended", "已推荐的材料进入专家评审，不能再改变推荐结论", "A recommended dossier goes to the expert review; its recommendation can no longer change";
    YEAR_ALLOWED_DOSSIER_RETURNED = "year.allowed.dossier.returned", "退回的材料修改后可以重新提交", "A returned dossier can be submitted again once changed";
    YEAR_ALLOWED_DOSSIER_REJECTED = "year.allowed.dossier.rejected", "不予推荐的材料不能再处理", "A dossier not recommended cannot be handled any further";
    YEAR_ALLOWED_DOSSIER_WITHDRAWN = "year.allowed.dossier.withdrawn", "已撤回的材料不能再处理", "A withdrawn dossier cannot be handled any further";
    YEAR_ALLOWED_SHEET_PENDING = "year.allowed.sheet.pending", "待评分的评分表可以提交、回避、撤回，或在结束评审时记为未返回", "A score sheet still to score can be submitted, recused or withdrawn, or recorded as not returned when the review ends";
    YEAR_ALLOWED_SHEET_SUBMITTED = "year.allowed.sheet.submitted", "已提交的评分表已锁定，可由秘书处退回重评", "A submitted score sheet is locked; the secretariat can reopen it to be scored again";
    YEAR_ALLOWED_SHEET_RECUSED = "year.allowed.sheet.recused", "已回避的评分表不再计入结果", "A recused score sheet no longer counts in the results";
    YEAR_ALLOWED_SHEET_UNRETURNED = "year.allowed.sheet.unreturned", "未返回的评分表不再计入结果", "A score sheet not returned no longer counts in the results";
    YEAR_ALLOWED_SHEET_WITHDRAWN = "year.allowed.sheet.withdrawn", "已撤回的评分表不再计入结果", "A withdrawn score sheet no longer counts in the results";
}
