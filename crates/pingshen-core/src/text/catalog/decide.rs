//! Deciding and telling: the panel meeting, pledges, publicity, funding, results, letters and the seal.

crate::messages! {
    list DECIDE;
    DECIDE_TOO_LONG = "decide.too_long", "不超过{max}个字（现为{n}个字）", "at most {max} characters (now {n})";

    // actions (what a role or a stage allows)
    DECIDE_ACTION_MEETING_SETTINGS = "decide.action.meeting_settings", "修改会议评审设置", "change the meeting settings";
    DECIDE_ACTION_OPEN_MEETING = "decide.action.open_meeting", "召开会议评审", "open the panel meeting";
    DECIDE_ACTION_ENTER_VOTES = "decide.action.enter_votes", "录入会议表决", "enter the meeting's votes";
    DECIDE_ACTION_ENTER_VOTE_RESULTS = "decide.action.enter_vote_results", "录入表决结果", "enter the votes";
    DECIDE_ACTION_ADD_EXPERT = "decide.action.add_expert", "添加评审专家", "add an expert";
    DECIDE_ACTION_IMPORT_EXPERTS = "decide.action.import_experts", "导入评审专家", "import experts";
    DECIDE_ACTION_IMPORT_POOL = "decide.action.import_pool", "导入专家库", "import the expert pool";
    DECIDE_ACTION_SET_EXPERT_LOGIN = "decide.action.set_expert_login", "设置专家账号", "set an expert's login";
    DECIDE_ACTION_VIEW_EXPERTS = "decide.action.view_experts", "查看专家库", "view the expert pool";
    DECIDE_ACTION_DECLARE_CONFLICT = "decide.action.declare_conflict", "申明回避", "declare a conflict";
    DECIDE_ACTION_EDIT_PLEDGE = "decide.action.edit_pledge", "修改评审专家承诺书", "change the experts' pledge";
    DECIDE_ACTION_SIGN_PLEDGE = "decide.action.sign_pledge", "签署评审专家承诺书", "sign the experts' pledge";
    DECIDE_ACTION_VIEW_PUBLICITY = "decide.action.view_publicity", "查看公示和异议", "view the publicity and its objections";
    DECIDE_ACTION_ADD_OBJECTION = "decide.action.add_objection", "登记异议", "record an objection";
    DECIDE_ACTION_RESOLVE_OBJECTION = "decide.action.resolve_objection", "处理异议", "resolve an objection";
    DECIDE_ACTION_SELECT_PILOT = "decide.action.select_pilot", "确定试点示范单位", "select a Pilot demonstration unit";
    DECIDE_ACTION_UNSELECT_PILOT = "decide.action.unselect_pilot", "撤销试点示范单位", "undo a Pilot demonstration selection";
    DECIDE_ACTION_ADJUST_FUNDING = "decide.action.adjust_funding", "调整经费", "adjust the funding";
    DECIDE_ACTION_VIEW_FUNDING = "decide.action.view_funding", "查看经费安排", "view the funding table";
    DECIDE_ACTION_VIEW_RESULTS = "decide.action.view_results", "查看评审结果", "view the results";
    DECIDE_ACTION_RECORD_CONSENSUS = "decide.action.record_consensus", "记录专家组意见", "record the panel's opinion";
    DECIDE_ACTION_EXPORT_FEEDBACK = "decide.action.export_feedback", "导出评审意见反馈函", "export the feedback letters";
    DECIDE_ACTION_EXPORT_RETURN_NOTICES = "decide.action.export_return_notices", "导出补正通知", "export the correction notices";
    DECIDE_ACTION_EXPORT_LETTERS = "decide.action.export_letters", "导出函件", "export letters";
    DECIDE_ACTION_SEALED_EXPORT = "decide.action.sealed_export", "加盖印章导出", "export with the seal";
    DECIDE_ACTION_EXPORT_INVITATIONS = "decide.action.export_invitations", "导出评审邀请函", "export the invitations";
    DECIDE_ACTION_SET_SEAL = "decide.action.set_seal", "设置印章", "set the seal";
    DECIDE_ACTION_CLEAR_SEAL = "decide.action.clear_seal", "清除印章", "clear the seal";
    DECIDE_ACTION_VIEW_SEAL = "decide.action.view_seal", "查看印章", "view the seal";

    // field labels
    DECIDE_FIELD_PLACE = "decide.field.place", "地点", "Place";
    DECIDE_FIELD_PRESENT = "decide.field.present", "出席专家", "Experts present";
    DECIDE_FIELD_CHAIR = "decide.field.chair", "组长", "Chair";
    DECIDE_FIELD_VOTES = "decide.field.votes", "表决票数", "Votes";
    DECIDE_FIELD_REVOTE_REASON = "decide.field.revote_reason", "重新录入理由", "Reason for entering again";
    DECIDE_FIELD_NAME = "decide.field.name", "姓名", "Name";
    DECIDE_FIELD_PROVINCE = "decide.field.province", "所在省份", "Province";
    DECIDE_FIELD_CONFLICT_UNIT = "decide.field.conflict_unit", "回避单位", "Unit to recuse from";
    DECIDE_FIELD_EXPERT_LOGIN = "decide.field.expert_login", "专家账号", "Expert login";
    DECIDE_FIELD_PLEDGE_POINTS = "decide.field.pledge_points", "承诺事项", "Pledge points";
    DECIDE_FIELD_PLEDGE_TITLE = "decide.field.pledge_title", "承诺书标题", "Pledge title";
    DECIDE_FIELD_PLEDGE_POINT = "decide.field.pledge_point", "第{ordinal}条承诺事项", "Pledge point {ordinal}";
    DECIDE_FIELD_PLEDGE_INTRO = "decide.field.pledge_intro", "承诺书开头段", "Pledge opening paragraph";
    DECIDE_FIELD_PLEDGE_CLOSING = "decide.field.pledge_closing", "承诺书结尾段", "Pledge closing paragraph";
    DECIDE_FIELD_OBJECTION_CONTENT = "decide.field.objection_content", "异议内容", "Content of the objection";
    DECIDE_FIELD_OBJECTION_TARGET = "decide.field.objection_target", "异议对象", "Objection against";
    DECIDE_FIELD_AWARD = "decide.field.award", "类别", "Award";
    DECIDE_FIELD_RESOLUTION = "decide.field.resolution", "处理意见", "Resolution";
    DECIDE_FIELD_CLOSING_DATE = "decide.field.closing_date", "结束日期", "Closing date";
    DECIDE_FIELD_PUBLISH_DATE = "decide.field.publish_date", "发布日期", "Publication date";
    DECIDE_FIELD_AMOUNT = "decide.field.amount", "金额", "Amount";
    DECIDE_FIELD_CONSENSUS = "decide.field.consensus", "专家组意见", "Panel's opinion";
    DECIDE_FIELD_EXPERT = "decide.field.expert", "专家", "Expert";
    DECIDE_FIELD_SEAL = "decide.field.seal", "印章图片", "Seal image";

    // the panel meeting
    DECIDE_MEETING_NOT_IN_POLICY = "decide.meeting.not_in_policy", "{year}年度的评审规则未设会议评审；如需召开，请在书面评审结束前于评审规则中开启「会议评审」", "The {year} review rules have no panel meeting; to hold one, turn on “Panel meeting” in the review rules before the written review ends";
    DECIDE_MEETING_REVIEW_NOT_ENDED = "decide.meeting.review_not_ended", "书面评审尚未结束：全部评分表提交（或秘书处结束评审）后进入会议评审", "The written review has not ended: the panel meeting comes once every score sheet is submitted (or the secretariat ends the review)";
    DECIDE_MEETING_ENDED = "decide.meeting.ended", "会议评审已经结束", "The panel meeting has already closed";
    DECIDE_MEETING_NOT_OPENED = "decide.meeting.not_opened", "会议评审尚未召开，不能{action}：请先登记会议（日期、地点、组长和出席专家）", "The panel meeting has not been opened, so you cannot {action}: record the meeting first (date, place, chair and the experts present)";
    DECIDE_MEETING_CLOSED = "decide.meeting.closed", "会议评审已经结束，不能{action}", "The panel meeting has closed: you cannot {action} any more";
    DECIDE_MEETING_SETTINGS_UNTIL = "decide.meeting.settings_until", "会议评审设置只能在书面评审结束前修改", "The meeting settings can only be changed before the written review ends";
    DECIDE_MEETING_PLACE_EMPTY = "decide.meeting.place_empty", "请填写会议地点，如「中国科协机关 三层会议室」", "Please enter the meeting's place, e.g. “CAST, meeting room 3”";
    DECIDE_MEETING_ALREADY_OPEN = "decide.meeting.already_open", "本年度会议评审已经召开，不能再次登记；出席情况以已登记的为准", "This year's panel meeting is already open and cannot be recorded again; the attendance already recorded stands";
    DECIDE_MEETING_PRESENT_TWICE = "decide.meeting.present_twice", "「{name}」重复填写，请每位专家只填一次", "“{name}” is entered twice: enter each expert once";
    DECIDE_MEETING_PRESENT_EMPTY = "decide.meeting.present_empty", "请填写出席会议的专家姓名（逗号分隔）", "Please enter the names of the experts present (separated by commas)";
    DECIDE_MEETING_CHAIR_ABSENT = "decide.meeting.chair_absent", "组长「{name}」不在出席专家之中，请从出席专家中确定组长", "The chair “{name}” is not among the experts present: choose the chair from those present";
    DECIDE_MEETING_NO_QUORUM = "decide.meeting.no_quorum", "出席专家{present}人，不足法定人数：专家组共{panel}人，须{share}即至少{needed}人出席（评审规则「会议法定人数」），会议不能召开", "{present} experts present is below the quorum: of a panel of {panel}, {share}, that is at least {needed}, must be present (review rules, “Meeting quorum”). The meeting cannot open";
    DECIDE_MEETING_NOT_ON_AGENDA = "decide.meeting.not_on_agenda", "「{unit}」不在会议议程中（未进入评审结果），不能表决", "“{unit}” is not on the meeting's agenda (it is not among the results), so it cannot be voted on";
    DECIDE_MEETING_VOTES_DONT_ADD_UP = "decide.meeting.votes_dont_add_up", "「{unit}」赞成{votes_for}、反对{votes_against}、弃权{votes_abstain}，合计{sum}票，应为出席{present}人减去回避{away}人即{eligible}票；请按纸质表决票重新清点", "“{unit}”: {votes_for} for, {votes_against} against and {votes_abstain} abstaining make {sum} votes, but there should be {eligible}: the {present} present minus the {away} recused. Please count the paper ballots again";
    DECIDE_MEETING_REVOTE_NEEDS_REASON = "decide.meeting.revote_needs_reason", "「{unit}」已录入表决结果（赞成{votes_for}、反对{votes_against}、弃权{votes_abstain}），重新录入须写明理由", "The votes of “{unit}” are already entered ({votes_for} for, {votes_against} against, {votes_abstain} abstaining): give a reason to enter them again";
    DECIDE_MEETING_NOT_VOTED = "decide.meeting.not_voted", "尚有{n}项未表决：{items}；请录入全部表决结果后再结束会议评审", "{n} items are not voted yet: {items}. Enter every vote before closing the panel meeting";
    DECIDE_MEETING_ITEM_DUE = "decide.meeting.item_due", "{unit}（应为{n}票）", "{unit} ({n} votes due)";
    DECIDE_MEETING_VOTES_STALE = "decide.meeting.votes_stale", "以下事项录入表决后回避情况有变，票数已不相符，请重新录入：{items}", "The recusals of these items changed after their votes were entered, so the counts no longer match; please enter them again: {items}";

    // the expert panel
    DECIDE_PANEL_NOT_PROVINCE = "decide.panel.not_province", "「{value}」不是省级行政区名称", "“{value}” is not the name of a province-level region";
    DECIDE_PANEL_NO_SUCH_UNIT_CODE = "decide.panel.no_such_unit_code", "单位代码「{code}」不在可申报单位中", "The unit code “{code}” is not one of the units that may apply";
    DECIDE_PANEL_ADD_AFTER_REVIEW = "decide.panel.add_after_review", "评审结束后不能再添加专家", "Experts cannot be added once the review has ended";
    DECIDE_PANEL_EXPERT_EXISTS = "decide.panel.expert_exists", "专家「{name}」已在专家库中", "The expert “{name}” is already in the expert pool";
    DECIDE_PANEL_IMPORT_BEFORE_DRAW = "decide.panel.import_before_draw", "专家库须在抽取评审专家前导入", "The expert pool must be imported before the reviewers are drawn";
    DECIDE_PANEL_EXPERT_EXISTS_IMPORT = "decide.panel.expert_exists_import", "专家「{name}」已在专家库中，不能重复导入", "The expert “{name}” is already in the expert pool and cannot be imported again";
    DECIDE_PANEL_OTHER_ROLE = "decide.panel.other_role", "其他", "other";
    DECIDE_PANEL_LOGIN_TAKEN = "decide.panel.login_taken", "登录名「{login}」已被{role}用户使用，不能作为专家账号；请先为该专家改用可区分的姓名（如「{login}（专家）」）", "The login “{login}” is already used by a user of the role {role} and cannot be an expert's login; first give this expert a name that tells them apart (e.g. “{login} (expert)”)";
    DECIDE_PANEL_OWN_CONFLICTS_ONLY = "decide.panel.own_conflicts_only", "只能申明本人的回避", "You can only declare your own conflicts";
    DECIDE_PANEL_CONFLICT_AFTER_PUBLICITY = "decide.panel.conflict_after_publicity", "名单公示后不能再改变评审专家；如有利益冲突，请作为异议处理", "The reviewers cannot change once the list is public; please handle a conflict of interest as an objection";

    // the pledge
    DECIDE_PLEDGE_POINT_AFTER_CLOSING = "decide.pledge.point_after_closing", "「{excerpt}」出现在结尾段之后：编号的承诺事项须连续写在开头段与结尾段之间", "“{excerpt}” comes after the closing paragraph: the numbered points must come together between the opening and the closing paragraphs";
    DECIDE_PLEDGE_TITLE_EMPTY = "decide.pledge.title_empty", "不能为空，例如「评审专家承诺书」（文件的第一行为标题）", "must not be empty, e.g. “Experts' pledge” (the first line of the file is the title)";
    DECIDE_PLEDGE_NO_POINTS = "decide.pledge.no_points", "至少一条；每条承诺事项另起一行，以「一、」「二、」或「1.」「2.」开头", "at least one is needed; start each point on a line of its own with its number (“1.”, “2.”, …)";
    DECIDE_PLEDGE_TOO_MANY_POINTS = "decide.pledge.too_many_points", "不超过{max}条（现为{n}条），请合并相近的事项", "at most {max} points (now {n}): please merge points that are alike";
    DECIDE_PLEDGE_POINT_TOO_LONG = "decide.pledge.point_too_long", "不超过{max}个字（现为{n}个字），请拆分为两条", "at most {max} characters (now {n}): please split it into two points";
    DECIDE_PLEDGE_NOT_SIGNED = "decide.pledge.not_signed", "专家「{name}」尚未签署《评审专家承诺书》，评分不能保存：请先在评分页阅读承诺书，输入本人姓名并点击「我已阅读并承诺」（命令行：pingshen pledge accept --name 本人姓名）", "The expert “{name}” has not signed the experts' pledge, so the scores cannot be saved: first read the pledge on the scoring page, type your name and click “I have read it and I pledge” (command line: pingshen pledge accept --name YOUR_NAME)";
    DECIDE_PLEDGE_WHO_MAY_VIEW = "decide.pledge.who_may_view", "只有秘书处和{year}年度的评审专家可以查看评审专家承诺书", "Only the secretariat and the experts of the {year} review year can see the experts' pledge";
    DECIDE_PLEDGE_FROZEN = "decide.pledge.frozen", "承诺书只能在抽取评审专家之前修改；{year}年度的专家已抽取，须按已发出的承诺书签署", "The pledge can only be changed before the reviewers are drawn; the experts of {year} are drawn and sign the pledge as it was sent";
    DECIDE_PLEDGE_NOT_PANEL_EXPERT = "decide.pledge.not_panel_expert", "您不是{year}年度的评审专家", "You are not an expert of the {year} review year";
    DECIDE_PLEDGE_BY_EXPERT = "decide.pledge.by_expert", "评审专家承诺书由评审专家本人签署", "The experts' pledge is signed by each expert in person";
    DECIDE_PLEDGE_NOT_PANEL_EXPERT_NO_NEED = "decide.pledge.not_panel_expert_no_need", "您不是{year}年度的评审专家，无需签署承诺书", "You are not an expert of the {year} review year and need not sign the pledge";
    DECIDE_PLEDGE_NO_PROXY = "decide.pledge.no_proxy", "评审专家承诺书须由专家本人签署，秘书处不能代签（导入纸质评分表时以专家在评分表上的签名为准）", "Each expert signs the pledge in person; the secretariat cannot sign for them (for imported paper score sheets, the expert's signature on the sheet counts)";
    DECIDE_PLEDGE_AFTER_DRAW = "decide.pledge.after_draw", "承诺书在抽取评审专家之后签署（抽取之前秘书处仍可能修改承诺书）", "The pledge is signed after the reviewers are drawn (before the draw the secretariat may still change it)";
    DECIDE_PLEDGE_NAME_EMPTY = "decide.pledge.name_empty", "请输入本人姓名以确认承诺", "Please type your name to confirm the pledge";
    DECIDE_PLEDGE_WRONG_NAME = "decide.pledge.wrong_name", "「{name}」不是本人姓名：请输入您在评审专家名单中的姓名", "“{name}” is not your name: please type your name as it is on the list of experts";
    /// A pledge point's number, in words in Chinese (一 … 二十) and in figures in English.
    DECIDE_ORDINAL_1 = "decide.ordinal.1", "一", "1";
    DECIDE_ORDINAL_2 = "decide.ordinal.2", "二", "2";
    DECIDE_ORDINAL_3 = "decide.ordinal.3", "三", "3";
    DECIDE_ORDINAL_4 = "decide.ordinal.4", "四", "4";
    DECIDE_ORDINAL_5 = "decide.ordinal.5", "五", "5";
    DECIDE_ORDINAL_6 = "decide.ordinal.6", "六", "6";
    DECIDE_ORDINAL_7 = "decide.ordinal.7", "七", "7";
    DECIDE_ORDINAL_8 = "decide.ordinal.8", "八", "8";
    DECIDE_ORDINAL_9 = "decide.ordinal.9", "九", "9";
    DECIDE_ORDINAL_10 = "decide.ordinal.10", "十", "10";
    DECIDE_ORDINAL_11 = "decide.ordinal.11", "十一", "11";
    DECIDE_ORDINAL_12 = "decide.ordinal.12", "十二", "12";
    DECIDE_ORDINAL_13 = "decide.ordinal.13", "十三", "13";
    DECIDE_ORDINAL_14 = "decide.ordinal.14", "十四", "14";
    DECIDE_ORDINAL_15 = "decide.ordinal.15", "十五", "15";
    DECIDE_ORDINAL_16 = "decide.ordinal.16", "十六", "16";
    DECIDE_ORDINAL_17 = "decide.ordinal.17", "十七", "17";
    DECIDE_ORDINAL_18 = "decide.ordinal.18", "十八", "18";
    DECIDE_ORDINAL_19 = "decide.ordinal.19", "十九", "19";
    DECIDE_ORDINAL_20 = "decide.ordinal.20", "二十", "20";

    // publicity and publication
    DECIDE_PUBLICITY_LIST_DAMAGED = "decide.publicity.list_damaged", "数据库中的公示名单已损坏", "The publicity list in the database is damaged";
    DECIDE_PUBLICITY_AT_LEAST_ONE_DAY = "decide.publicity.at_least_one_day", "至少为1个工作日", "at least 1 working day";
    DECIDE_PUBLICITY_LIST_EMPTY = "decide.publicity.list_empty", "拟支持名单为空：请先确定试点示范单位，或确认后补助有优秀单位", "The list proposed for support is empty: select the Pilot demonstration units first, or make sure that Post-subsidy has units graded excellent";
    DECIDE_PUBLICITY_NOT_WRITTEN = "decide.publicity.not_written", "公示未写入", "The publicity was not written";
    DECIDE_PUBLICITY_NOT_OPENED = "decide.publicity.not_opened", "尚未开始公示", "The publicity has not started";
    DECIDE_PUBLICITY_NOT_LISTED = "decide.publicity.not_listed", "{unit}不在公示名单中", "{unit} is not on the publicity list";
    DECIDE_PUBLICITY_NOT_LISTED_AWARD = "decide.publicity.not_listed_award", "{unit}（{award}）不在公示名单中", "{unit} ({award}) is not on the publicity list";
    DECIDE_PUBLICITY_WHICH_AWARD = "decide.publicity.which_award", "{unit}同时列入试点示范和后补助名单，请指明异议针对的类别", "{unit} is on both the Pilot demonstration and the Post-subsidy lists: please say which award the objection is about";
    DECIDE_PUBLICITY_OBJECTION_NEEDS_REASON = "decide.publicity.objection_needs_reason", "处理异议须写明理由", "give the reasons for the resolution";
    DECIDE_PUBLICITY_OBJECTION = "decide.publicity.objection", "异议", "Objection";
    DECIDE_PUBLICITY_OBJECTION_UPHELD = "decide.publicity.objection_upheld", "异议成立", "Objection upheld";
    DECIDE_PUBLICITY_OBJECTION_DISMISSED = "decide.publicity.objection_dismissed", "异议不成立", "Objection dismissed";
    DECIDE_PUBLICITY_OBJECTION_RESOLVED = "decide.publicity.objection_resolved", "该异议已处理", "This objection has already been resolved";
    DECIDE_PUBLICITY_NOT_OVER = "decide.publicity.not_over", "公示期至{end}，须在公示期满后（{end}之后）结束公示", "The publicity runs until {end}: it can be closed only after the period is over (after {end})";
    DECIDE_PUBLICITY_OBJECTION_ITEM = "decide.publicity.objection_item", "第{id}号（{name}）", "No. {id} ({name})";
    DECIDE_PUBLICITY_OBJECTIONS_OPEN = "decide.publicity.objections_open", "尚有未处理的异议：{items}，处理后才能结束公示", "Some objections are not resolved yet: {items}. Resolve them before closing the publicity";
    DECIDE_PUBLICITY_NOT_FOUND = "decide.publicity.not_found", "公示未找到", "The publicity was not found";
    DECIDE_PUBLICITY_NEVER_HELD = "decide.publicity.never_held", "尚未公示", "The list has not been publicized yet";
    DECIDE_PUBLICITY_PUBLISH_TOO_EARLY = "decide.publicity.publish_too_early", "不能早于公示结束日期{date}", "cannot be earlier than the day the publicity closed, {date}";

    // funding
    DECIDE_FUNDING_PILOT_NEEDS_REASON = "decide.funding.pilot_needs_reason", "确定试点示范单位须写明理由（如调研考察、平时掌握情况）", "give the reason for selecting a Pilot demonstration unit (e.g. a site visit, or what is known of its work)";
    DECIDE_FUNDING_PILOT_NOT_REVIEWED = "decide.funding.pilot_not_reviewed", "{unit}的试点示范申报未进入评审，不能确定为试点示范单位", "The Pilot demonstration dossier of {unit} did not go to review, so it cannot be selected";
    DECIDE_FUNDING_PILOT_UNRANKED = "decide.funding.pilot_unranked", "{unit}的有效评分不足，未参与排名，不能确定为试点示范单位", "{unit} has too few valid scores to be ranked, so it cannot be selected as a Pilot demonstration unit";
    DECIDE_FUNDING_PILOT_NOT_PASSED = "decide.funding.pilot_not_passed", "{unit}的试点示范申报未获会议评审通过（赞成{votes_for}票，应投{eligible}票），不能确定为试点示范单位", "The Pilot demonstration dossier of {unit} was not passed by the panel meeting ({votes_for} for, {eligible} due), so it cannot be selected";
    DECIDE_FUNDING_PILOT_ALREADY = "decide.funding.pilot_already", "{unit}已确定为试点示范单位", "{unit} is already selected as a Pilot demonstration unit";
    DECIDE_FUNDING_PILOT_NOT_WRITTEN = "decide.funding.pilot_not_written", "试点示范经费未写入", "The Pilot demonstration funding was not written";
    DECIDE_FUNDING_NOT_PILOT = "decide.funding.not_pilot", "{unit}不是已确定的试点示范单位", "{unit} is not a selected Pilot demonstration unit";
    DECIDE_FUNDING_ADJUST_NEEDS_REASON = "decide.funding.adjust_needs_reason", "调整经费须写明理由", "give the reason for adjusting the funding";
    DECIDE_FUNDING_NO_LINE = "decide.funding.no_line", "{unit}没有{award}经费安排，不能调整", "{unit} has no {award} funding to adjust";
    DECIDE_FUNDING_NOT_HUNDREDS = "decide.funding.not_hundreds", "{amount}元不是百元的整数倍；公布的表格以万元保留两位小数，请填写如 125500 的金额", "{amount} yuan is not a multiple of 100 yuan: the published table shows amounts in 10,000 yuan to two decimals. Please enter an amount such as 125500";

    // results
    DECIDE_RESULTS_DOSSIER_MISSING = "decide.results.dossier_missing", "评审结果中的申报材料{id}不在库中", "Dossier {id} of the results is not in the database";
    DECIDE_RESULTS_CONSENSUS_WHEN = "decide.results.consensus_when", "须在评审或结果确定阶段记录", "It must be recorded during the expert review or the results decision";
    DECIDE_RESULTS_NOT_REVIEWED = "decide.results.not_reviewed", "{unit}的材料未进入评审，没有评审结果", "The dossier of {unit} did not go to review and has no results";

    // letters and invitations
    DECIDE_LETTERS_NO_RANDOM = "decide.letters.no_random", "无法取得随机数：{detail}", "Cannot get a random number: {detail}";
    DECIDE_LETTERS_FEEDBACK_AFTER_PUBLISH = "decide.letters.feedback_after_publish", "反馈函在评审结果发布后才能导出：请先发布{year}年度评审结果（pingshen publish）", "Feedback letters can be exported only once the results are published: publish the {year} results first (pingshen publish)";
    DECIDE_LETTERS_NOT_APPLIED = "decide.letters.not_applied", "{unit}在{year}年度没有申报，没有反馈函", "{unit} did not apply in {year} and has no feedback letter";
    DECIDE_LETTERS_RETURN_TIME = "decide.letters.return_time", "{unit}的退回时间「{at}」无法读取", "The time “{at}” when the dossier of {unit} was returned cannot be read";
    DECIDE_LETTERS_NONE_RETURNED_UNIT = "decide.letters.none_returned_unit", "{year}年度{unit}没有被退回修改的申报材料，没有补正通知", "{unit} has no dossier returned for correction in {year}, so there is no correction notice";
    DECIDE_LETTERS_NONE_RETURNED = "decide.letters.none_returned", "{year}年度没有被退回修改的申报材料，没有补正通知", "No dossier was returned for correction in {year}, so there are no correction notices";
    DECIDE_INVITE_NO_SUCH_EXPERT = "decide.invite.no_such_expert", "{year}年度专家库中没有「{name}」：请核对姓名（pingshen experts 列出专家库）", "The {year} expert pool has no “{name}”: please check the name (pingshen experts lists the pool)";
    DECIDE_INVITE_NO_DOSSIERS = "decide.invite.no_dossiers", "{name}在{year}年度没有分配评审材料，不发评审邀请函：请先抽签分配（pingshen draw），或核对专家", "{name} has no dossiers assigned in {year} and gets no invitation: make the draw first (pingshen draw), or check the expert";
    DECIDE_INVITE_NONE = "decide.invite.none", "{year}年度还没有专家分配到评审材料，没有评审邀请函：请先抽签分配（pingshen draw）", "No expert has dossiers assigned in {year} yet, so there are no invitations: make the draw first (pingshen draw)";

    // the seal
    DECIDE_SEAL_TOO_BIG = "decide.seal.too_big", "文件有 {size} MB，超过 1 MB：请缩小图片（印章约 4 厘米见方，600×600 像素已足够）后再设置", "The file is {size} MB, over 1 MB: make the image smaller (a seal is about 4 cm across; 600×600 pixels are enough), then set it again";
    DECIDE_SEAL_NOT_PNG = "decide.seal.not_png", "不是 PNG 图片：请用图像软件把印章扫描件去掉白底（背景透明）后另存为 PNG 格式再设置", "not a PNG image: remove the white background of the seal's scan in an image editor (leaving it transparent), save it as PNG, then set it again";
    DECIDE_SEAL_BROKEN = "decide.seal.broken", "PNG 图片已损坏，无法读取（{detail}）：请重新导出印章图片后再设置", "the PNG image is damaged and cannot be read ({detail}): export the seal image again, then set it";
    DECIDE_SEAL_DIMENSIONS = "decide.seal.dimensions", "图片为 {w}×{h} 像素：印章图片应在 16 至 4096 像素见方之间，请调整大小后再设置", "the image is {w}×{h} pixels: a seal image should be between 16 and 4096 pixels on each side. Resize it, then set it again";
    DECIDE_SEAL_UNREADABLY_LARGE = "decide.seal.unreadably_large", "图片过大，无法读取：请缩小后再设置", "the image is too large to read: make it smaller, then set it again";
    DECIDE_SEAL_NO_ALPHA = "decide.seal.no_alpha", "图片没有透明背景（无 Alpha 通道）：印章须去掉白底、背景透明，否则会遮住下面的落款和日期。请在图像软件中删除背景后另存为带透明度的 PNG", "the image has no transparent background (no alpha channel): the seal's white background must be removed, or it hides the signature and the date beneath it. Delete the background in an image editor and save it as a PNG with transparency";
    DECIDE_SEAL_OPAQUE = "decide.seal.opaque", "图片虽有 Alpha 通道但没有一处透明：印章须去掉白底、背景透明。请在图像软件中删除背景后另存为 PNG", "the image has an alpha channel but no transparent part: the seal's white background must be removed. Delete the background in an image editor and save it as PNG";
    DECIDE_SEAL_NOTHING_TO_CLEAR = "decide.seal.nothing_to_clear", "尚未设置印章，无需清除", "No seal is set, so there is nothing to clear";
    DECIDE_SEAL_NOT_SET = "decide.seal.not_set", "尚未设置印章，不能加盖印章导出：请先在「设置 › 印章」中载入印章图片（pingshen seal set 文件.png）", "No seal is set, so nothing can be exported with it: first load the seal image in “Settings › Seal” (pingshen seal set FILE.png)";
}
