//! Exchange files (review packages, score returns, dossier files), their keys, and score sheets.

crate::messages! {
    list EXCHANGE;
    /// The field of an error about an exchange file, a dossier file or a score return.
    EXCHANGE_FIELD_FILE = "exchange.field.file", "交换文件「{file}」", "Exchange file “{file}”";
    EXCHANGE_FIELD_DOSSIER_FILE = "exchange.field.dossier_file", "申报材料文件「{file}」", "Dossier file “{file}”";
    EXCHANGE_FIELD_RETURN = "exchange.field.score_return", "评分回执「{file}」", "Score return “{file}”";
    EXCHANGE_FIELD_PASSPHRASE = "exchange.field.passphrase", "口令", "Passphrase";
    EXCHANGE_FIELD_POINTS = "exchange.field.points", "得分", "Score";
    EXCHANGE_FIELD_CRITERION = "exchange.field.criterion", "评分项", "Criterion";
    EXCHANGE_FIELD_REASON = "exchange.field.reason", "理由", "Reason";
    EXCHANGE_FIELD_PUBLICITY_START = "exchange.field.publicity_start", "公示开始日期", "Publicity start date";

    /// Actions (what was refused).
    EXCHANGE_ACTION_AMEND = "exchange.action.amend", "撤回修改", "take the dossier back to amend it";
    EXCHANGE_ACTION_IMPORT_DOSSIER_FILE = "exchange.action.import_dossier_file", "导入申报材料文件", "import a dossier file";
    EXCHANGE_ACTION_EXPORT_PACKAGE = "exchange.action.export_package", "导出评审材料包", "export a review package";
    EXCHANGE_ACTION_OPEN_PACKAGE = "exchange.action.open_package", "打开评审材料包", "open a review package";
    EXCHANGE_ACTION_IMPORT_RETURN = "exchange.action.import_return", "导入评分回执", "import a score return";
    EXCHANGE_ACTION_IMPORT_SCORES = "exchange.action.import_scores", "导入评分", "import scores";
    EXCHANGE_ACTION_SCORE = "exchange.action.score", "评分", "score";
    EXCHANGE_ACTION_CHANGE_SCORES = "exchange.action.change_scores", "修改评分", "change the scores";

    /// The container of every exchange file.
    EXCHANGE_DAMAGED = "exchange.damaged", "文件已损坏或被改动：{detail}", "The file is damaged or was altered: {detail}";
    EXCHANGE_BAD_SIGNATURE = "exchange.bad_signature", "签名不符：文件不是由对应的评审台签发，或签发后被改动", "The signature does not match: the file was not issued by the matching Pingshen installation, or was altered after it was issued";
    EXCHANGE_VERSION = "exchange.version", "文件格式版本{version}不受支持（本程序支持版本{supported}），请升级评审台", "File format version {version} is not supported (this program supports version {supported}): please upgrade Pingshen";
    EXCHANGE_INTERNAL = "exchange.internal", "内部错误：{detail}", "Internal error: {detail}";
    EXCHANGE_PART_MISSING = "exchange.part.missing", "缺少「{name}」", "“{name}” is missing";
    EXCHANGE_PART_TOO_LARGE = "exchange.part.too_large", "「{name}」超过允许的大小", "“{name}” is larger than allowed";
    EXCHANGE_PART_UNREADABLE = "exchange.part.unreadable", "「{name}」无法读取（文件损坏）", "“{name}” cannot be read (the file is damaged)";
    EXCHANGE_PART_UNLISTED = "exchange.part.unlisted", "「{name}」不在签名清单中", "“{name}” is not in the signed manifest";
    EXCHANGE_PART_MISMATCH = "exchange.part.mismatch", "「{name}」与签名清单不符（被改动或损坏）", "“{name}” does not match the signed manifest (altered or damaged)";
    EXCHANGE_NOT_EXCHANGE_OR_CUT = "exchange.not_exchange_or_cut", "不是评审台交换文件，或文件已损坏、被截断", "This is not a Pingshen exchange file, or the file is damaged or cut short";
    EXCHANGE_NOT_EXCHANGE = "exchange.not_exchange", "不是评审台交换文件", "This is not a Pingshen exchange file";
    EXCHANGE_TOO_MANY_ENTRIES = "exchange.too_many_entries", "文件包含的条目过多", "The file holds too many entries";
    EXCHANGE_MANIFEST_UNREADABLE = "exchange.manifest_unreadable", "清单（manifest.json）无法识别", "The manifest (manifest.json) cannot be read";
    EXCHANGE_SIGNER_INVALID = "exchange.signer_invalid", "清单中的签名公钥无效", "The signing public key in the manifest is invalid";
    EXCHANGE_ENTRY_DAMAGED = "exchange.entry_damaged", "文件已损坏", "The file is damaged";
    EXCHANGE_ENTRY_NAME = "exchange.entry_name", "文件中有无法识别的条目名", "The file holds an entry whose name cannot be read";

    /// Cryptography and keys.
    EXCHANGE_NO_RANDOM = "exchange.no_random", "无法取得随机数：{detail}", "Could not get random numbers: {detail}";
    EXCHANGE_YEAR_KEY_DAMAGED = "exchange.year_key_damaged", "年度加密密钥已损坏：{detail}", "The year's encryption key is damaged: {detail}";
    EXCHANGE_ENCRYPT_FAILED = "exchange.encrypt_failed", "加密失败：{detail}", "Encryption failed: {detail}";
    EXCHANGE_RECIPIENT_INVALID = "exchange.recipient_invalid", "年度公钥无效：{detail}", "The year's public key is invalid: {detail}";
    EXCHANGE_NO_DATABASE_ID = "exchange.no_database_id", "数据库缺少标识（meta.database_id）", "The database has no identity (meta.database_id)";
    EXCHANGE_SIGN_KEY_DAMAGED = "exchange.sign_key_damaged", "数据库中的签名密钥已损坏", "The signing key in the database is damaged";

    /// Any kind of exchange file.
    EXCHANGE_WRONG_KIND = "exchange.wrong_kind", "这是{kind}，不是{expected}", "This is a {kind}, not a {expected}";
    EXCHANGE_DAMAGED_OR_NOT = "exchange.damaged_or_not", "文件已损坏、被截断或不是{kind}", "The file is damaged, cut short, or not a {kind}";
    EXCHANGE_TOO_LARGE = "exchange.too_large", "文件内容超过允许的大小", "The file's content is larger than allowed";
    EXCHANGE_PART_JSON = "exchange.part_json", "缺少或无法识别 {part}", "{part} is missing or cannot be read";
    EXCHANGE_ATTACHMENT_MISSING = "exchange.attachment_missing", "缺少附件「{name}」", "The attachment “{name}” is missing";

    /// Dossier files.
    EXCHANGE_AMEND_OWN_ONLY = "exchange.amend_own_only", "只能修改本单位的申报材料（{unit}）", "You can only amend your own unit's dossier ({unit})";
    EXCHANGE_AMEND_APPLICANT_ONLY = "exchange.amend_applicant_only", "只有申报单位自己的申报数据库可以撤回修改；已交给秘书处的材料如需修改，请秘书处退回", "Only the applicant unit's own dossier database can take a dossier back to amend it; to change a dossier already handed to the secretariat, ask the secretariat to return it";
    EXCHANGE_AMEND_IN_APPLY = "exchange.amend_in_apply", "申报材料只能在申报推荐阶段修改", "A dossier can be amended only in the Application stage";
    EXCHANGE_EXPORT_DOSSIER_OWN_ONLY = "exchange.export_dossier_own_only", "导出申报材料文件只能由秘书处或本单位操作（{unit}）", "Only the secretariat or the unit itself can export its dossier file ({unit})";
    EXCHANGE_OTHER_UNITS_DATABASE = "exchange.other_units_database", "本数据库是{unit}的申报数据库，不能导出其他单位的申报材料", "This database is the dossier database of {unit}: it cannot export another unit's dossier";
    EXCHANGE_UNIT_CODE_UNKNOWN = "exchange.unit_code_unknown", "单位代码「{code}」不在47家可申报单位中", "The unit code “{code}” is not one of the 47 units that may apply";
    EXCHANGE_DOSSIER_OTHER_YEAR = "exchange.dossier_other_year", "是{year}年度的申报材料，本数据库当前为{current}年度", "It is a dossier of the {year} review year; this database is at the {current} review year";
    EXCHANGE_DOSSIER_BEFORE_DRAW = "exchange.dossier_before_draw", "申报材料只能在抽取评审专家之前录入和处理", "Dossiers can be entered and handled only before the reviewers are drawn";
    EXCHANGE_DOSSIER_CHECKED = "exchange.dossier_checked", "{unit}（{award}）的申报材料已经过形式审查（{state}），不能再用新文件替换", "The dossier of {unit} ({award}) has already passed the formal check ({state}): a new file can no longer replace it";
    EXCHANGE_DOSSIER_FILE_OLDER = "exchange.dossier_file_older", "比已导入的文件更早（已导入的文件制作于{date}），不能替换", "It is older than the file already imported (made on {date}), so it cannot replace it";

    /// Review packages.
    EXCHANGE_PASSPHRASE_SHORT = "exchange.passphrase_short", "至少{min}个字符（口令请另行告知专家，不要与文件一起发送）", "At least {min} characters are required (tell the expert the passphrase separately; never send it with the file)";
    EXCHANGE_PASSPHRASE_WRONG = "exchange.passphrase_wrong", "口令不正确，无法打开「{file}」：请向秘书处核对口令", "The passphrase is wrong, so “{file}” cannot be opened: please check the passphrase with the secretariat";
    EXCHANGE_PACKAGE_IN_REVIEW = "exchange.package_in_review", "评审材料包在「{stage}」阶段导出（抽取专家之后、评审结束之前）", "Review packages are exported in the “{stage}” stage (after the experts are drawn, before the review ends)";
    EXCHANGE_NOTHING_TO_SCORE = "exchange.nothing_to_score", "专家「{name}」没有待评分的材料，无需导出评审材料包", "The expert “{name}” has no dossier left to score, so no review package is needed";
    EXCHANGE_PACKAGE_CLAIMS_MISMATCH = "exchange.package_claims_mismatch", "签名不符：包内的年度公钥、包编号或年度与签名清单不一致", "The signature does not match: the year's public key, the package number or the year inside the package differ from the signed manifest";
    EXCHANGE_PACKAGE_ALREADY_OPEN = "exchange.package_already_open", "评审材料包（编号{id}）已经打开过，无需重复打开", "The review package (number {id}) has already been opened; there is no need to open it again";
    EXCHANGE_PACKAGE_OTHER_WORK = "exchange.package_other_work", "本数据库保存的是「{name}」{year}年度的评审工作，不能打开其他专家或其他年度的评审材料包：请新建一个数据库文件", "This database holds the {year} review work of “{name}” and cannot open another expert's or another year's review package: please create a new database file";
    EXCHANGE_PACKAGE_NEEDS_EMPTY = "exchange.package_needs_empty", "本数据库已有年度评审工作（秘书处或申报单位的数据库），评审材料包须在新建的空数据库中打开", "This database already holds a review year (it is a secretariat's or an applicant unit's database): open the review package in a new, empty database";

    /// Score returns.
    EXCHANGE_NO_PACKAGE_HELD = "exchange.no_package_held", "本数据库没有打开评审材料包：评分回执只能在打开了评审材料包的专家数据库中导出", "This database has not opened a review package: a score return can be exported only from an expert's database that opened one";
    EXCHANGE_RETURN_OWN_EXPERT = "exchange.return_own_expert", "评分回执只能由持有该评审材料包的专家导出", "Only the expert who holds this review package can export its score return";
    EXCHANGE_NOTHING_SUBMITTED = "exchange.nothing_submitted", "还没有提交任何评分表：请先评分并提交，再导出评分回执", "No score sheet has been submitted yet: score and submit first, then export the score return";
    EXCHANGE_RETURN_OLDER = "exchange.return_older", "比已导入的回执更早（{date}），不能替换较新的评分", "It is older than the score return already imported ({date}), so it cannot replace newer scores";
    EXCHANGE_RETURN_IN_REVIEW = "exchange.return_in_review", "评分回执只能在「{stage}」阶段导入", "Score returns can be imported only in the “{stage}” stage";
    EXCHANGE_SHEET_NOT_IN_PACKAGE = "exchange.sheet_not_in_package", "评分表编号{id}不在该评审材料包中", "Score sheet number {id} is not in this review package";
    EXCHANGE_SHEET_DOSSIER_MISMATCH = "exchange.sheet_dossier_mismatch", "评分表编号{id}对应的材料与本数据库不符", "The dossier of score sheet number {id} differs from the one in this database";
    EXCHANGE_SHEET_LOCKED_ELSEWHERE = "exchange.sheet_locked_elsewhere", "{expert}对{unit}的评分表已由其他方式提交锁定，回执不能覆盖", "The score sheet of {expert} for {unit} was submitted and locked another way: the score return cannot overwrite it";
    EXCHANGE_SHEET_NOT_PENDING = "exchange.sheet_not_pending", "{expert}对{unit}的评审任务当前为「{state}」（已撤回、回避或未返回），回执不能导入", "The review of {unit} by {expert} is now “{state}” (withdrawn, recused or not returned): the score return cannot be imported";
    EXCHANGE_RETURN_INCOMPLETE = "exchange.return_incomplete", "{expert}对{unit}的评分不完整，缺少：{missing}", "The scores of {expert} for {unit} are incomplete; missing: {missing}";
    EXCHANGE_RETURN_SCORE = "exchange.return_score", "{expert}对{unit}的评分：{detail}", "The scores of {expert} for {unit}: {detail}";
    EXCHANGE_RETURN_NOT_OURS = "exchange.return_not_ours", "不是发给本数据库的评分回执（属于其他数据库或其他年度），无法解密", "This score return is not addressed to this database (it belongs to another database or another year), so it cannot be decrypted";
    EXCHANGE_RETURN_OTHER_DATABASE = "exchange.return_other_database", "属于其他数据库：该回执对应的评审材料包不是本数据库签发的", "It belongs to another database: its review package was not issued by this database";
    EXCHANGE_RETURN_UNKNOWN_PACKAGE = "exchange.return_unknown_package", "未找到对应的评审材料包：本数据库没有签发过该包", "Its review package was not found: this database never issued it";
    EXCHANGE_RETURN_OTHER_YEAR = "exchange.return_other_year", "属于{year}年度，而该评审材料包是{package_year}年度的", "It belongs to the {year} review year, but its review package is of the {package_year} review year";
    EXCHANGE_RETURN_BAD_SIGNATURE = "exchange.return_bad_signature", "签名不符：回执不是用该评审材料包的密钥签名的", "The signature does not match: the score return was not signed with this review package's key";
    EXCHANGE_RETURN_BODY_MISMATCH = "exchange.return_body_mismatch", "回执内容与签名清单不一致", "The score return's content differs from its signed manifest";

    /// Scores imported from a spreadsheet (评分录入).
    /// Which rows of a table could not be read.
    EXCHANGE_ROW_EXPERT = "exchange.row.expert", "（专家「{name}」）", "(expert “{name}”)";
    EXCHANGE_SCORE_EXPERT_UNKNOWN = "exchange.score.expert_unknown", "专家「{name}」不在本年度专家库中", "The expert “{name}” is not in this year's expert pool";
    EXCHANGE_SCORE_UNIT_NO_DOSSIER = "exchange.score.unit_no_dossier", "{unit}没有申报材料", "{unit} has no dossier";
    EXCHANGE_SCORE_CRITERION_NOT_IN_AWARD = "exchange.score.criterion_not_in_award", "评分项「{criterion}」不在该单位所申报类别的评分细则中", "The criterion “{criterion}” is not in the rubric of the award the unit applied for";
    EXCHANGE_SCORE_AWARD_AMBIGUOUS = "exchange.score.award_ambiguous", "{unit}同时申报了{pilot}和{subsidy}，且评分项「{criterion}」两类都有，请在「{column}」列注明", "{unit} applied for both {pilot} and {subsidy}, and both have the criterion “{criterion}”: please name the award in the “{column}” column";
    EXCHANGE_SCORE_EXPERT_RECUSED = "exchange.score.expert_recused", "专家「{name}」须回避{unit}（{reason}），不能为其评分", "The expert “{name}” must recuse from {unit} ({reason}) and cannot score it";
    EXCHANGE_RECUSAL_SAME_PROVINCE = "exchange.recusal.same_province", "同省回避（{province}）", "same province: {province}";
    EXCHANGE_RECUSAL_DECLARED = "exchange.recusal.declared", "本人申明回避", "declared by the expert";
    EXCHANGE_RECUSAL_EMPLOYER = "exchange.recusal.employer", "任职单位回避", "the expert's employer";
    EXCHANGE_SCORE_NOT_ASSIGNED = "exchange.score.not_assigned", "专家「{name}」未被分配评审{unit}，不能为其评分", "The expert “{name}” is not assigned to review {unit} and cannot score it";
    EXCHANGE_SCORE_DECLARED_RECUSAL = "exchange.score.declared_recusal", "专家「{name}」已申明回避{unit}，不能为其评分", "The expert “{name}” has declared a recusal from {unit} and cannot score it";
    EXCHANGE_SCORE_WITHDRAWN = "exchange.score.withdrawn", "专家「{name}」对{unit}的评审任务已撤回（已另行抽取专家或申报已撤回），不能为其评分", "The review of {unit} by the expert “{name}” was withdrawn (another expert was drawn, or the dossier was withdrawn), so they cannot score it";
    EXCHANGE_SCORE_UNRETURNED = "exchange.score.unreturned", "专家「{name}」对{unit}的评分表在结束评审时未返回，不再计入结果", "The score sheet of the expert “{name}” for {unit} was not returned when the review ended and no longer counts";
    EXCHANGE_SCORE_LOCKED = "exchange.score.locked", "专家「{name}」对{unit}的评分已提交锁定，如需修改请先退回", "The scores of the expert “{name}” for {unit} are submitted and locked: to change them, reopen the score sheet first";
    EXCHANGE_SCORE_DUPLICATE = "exchange.score.duplicate", "同一专家对同一单位的评分项「{criterion}」出现多次", "The criterion “{criterion}” appears more than once for the same expert and unit";
    EXCHANGE_SCORE_INCOMPLETE = "exchange.score.incomplete", "专家「{name}」对{unit}的评分不完整，缺少：{missing}；每位专家对每个单位须包含全部专家评分项", "The scores of the expert “{name}” for {unit} are incomplete; missing: {missing}. Each expert must score every expert criterion of each unit";
    EXCHANGE_SCORES_IN_REVIEW = "exchange.scores_in_review", "只能在{stage}阶段导入评分", "Scores can be imported only in the {stage} stage";

    /// Score sheets.
    EXCHANGE_CRITERION_TWICE = "exchange.criterion_twice", "评分项「{name}」重复录入", "The criterion “{name}” is entered twice";
    EXCHANGE_SCORE_OWN_ONLY = "exchange.score_own_only", "只有被分配的专家本人可以为该材料评分", "Only the expert assigned to this dossier can score it";
    EXCHANGE_SCORE_IN_REVIEW = "exchange.score_in_review", "只能在{stage}阶段评分", "Scores can be given only in the {stage} stage";
    EXCHANGE_SHEET_LOCKED = "exchange.sheet.locked", "评分已提交锁定，如需修改请联系秘书处退回", "The scores are submitted and locked: to change them, ask the secretariat to reopen this sheet";
    EXCHANGE_SHEET_RECUSED = "exchange.sheet.recused", "已回避的材料不能评分", "A dossier you are recused from cannot be scored";
    EXCHANGE_SHEET_UNRETURNED = "exchange.sheet.unreturned", "秘书处已结束评审，这份评分表未返回，不再计入结果", "The secretariat has ended the review; this score sheet was not returned and no longer counts";
    EXCHANGE_SHEET_WITHDRAWN = "exchange.sheet.withdrawn", "这项评审任务已撤回（已另行抽取专家或申报已撤回）", "This review was withdrawn (another expert was drawn, or the dossier was withdrawn)";
    EXCHANGE_SCORES_MISSING = "exchange.scores_missing", "尚未评分：{missing}。全部评分项打分后才能提交", "Not yet scored: {missing}. Score every criterion before submitting";
    EXCHANGE_REOPEN_NEEDS_REASON = "exchange.reopen.needs_reason", "退回评分表须写明理由", "A reason is required to reopen a score sheet";
    EXCHANGE_REOPEN_UNRETURNED = "exchange.reopen.unreturned", "{expert}对{unit}的评分表在秘书处提前结束评审时未返回，已不计入结果，不能再退回补评", "The score sheet of {expert} for {unit} was not returned when the secretariat ended the review early; it no longer counts and cannot be reopened to be scored";
    EXCHANGE_REOPEN_WITHDRAWN = "exchange.reopen.withdrawn", "这份评分表已撤回（专家已被替换或申报已撤回），不能退回重评", "This score sheet was withdrawn (the expert was replaced, or the dossier was withdrawn), so it cannot be reopened";
    EXCHANGE_REOPEN_ONLY_SUBMITTED = "exchange.reopen.only_submitted", "只有已提交的评分表可以退回", "Only a submitted score sheet can be reopened";
    EXCHANGE_REOPEN_MEETING_HELD = "exchange.reopen.meeting_held", "会议评审已经召开，书面评审结果不能再改变", "The panel meeting has already sat: the written review's results can no longer change";
    EXCHANGE_REOPEN_AFTER_PUBLICITY = "exchange.reopen.after_publicity", "公示开始后不能再退回评分表", "Score sheets can no longer be reopened once the publicity has started";

    /// The scoring screen and the publicity preview.
    EXCHANGE_WHAT_ASSIGNMENT = "exchange.what.assignment", "评分任务", "review assignment";
    EXCHANGE_NUMBER = "exchange.number", "编号{id}", "number {id}";
    EXCHANGE_SHEET_VIEW_OWN_ONLY = "exchange.sheet_view_own_only", "只能查看分配给本人的评分表", "You can only view the score sheets assigned to you";
    EXCHANGE_RUBRIC_STEP_DAMAGED = "exchange.rubric_step_damaged", "数据库中{rubric}的步长「{step}」已损坏，请恢复备份", "The step “{step}” of {rubric} in the database is damaged: please restore a backup";
    EXCHANGE_DATE_OUT_OF_RANGE = "exchange.date_out_of_range", "日期超出范围", "The date is out of range";
    EXCHANGE_PUBLICITY_LIST_EMPTY = "exchange.publicity_list_empty", "拟支持名单为空：请先确定试点示范单位，或确认后补助有优秀单位", "The list of units proposed for funding is empty: first decide the Pilot demonstration units, or make sure Post-subsidy has units graded excellent";
    EXCHANGE_NOT_IN_PANEL = "exchange.not_in_panel", "您不在本年度专家组中", "You are not on this year's expert panel";
    EXCHANGE_APPLICANT_NO_SCORES = "exchange.applicant_no_scores", "申报单位不能查看专家评分", "An applicant unit cannot view the experts' scores";
    EXCHANGE_NOT_ASSIGNED_DOSSIER = "exchange.not_assigned_dossier", "您未被分配评审该材料", "You are not assigned to review this dossier";
}
