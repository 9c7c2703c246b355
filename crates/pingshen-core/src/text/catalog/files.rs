//! Files and the record: exports, PDF and XLSX, archives, backups, the database and its audit.

crate::messages! {
    list FILES;
    // Fields (the `field` of an invalid value) and things not found.
    FILES_FIELD_BACKUP_FILE = "files.field.backup_file", "备份文件", "Backup file";
    FILES_FIELD_SAVE_TO = "files.field.save_to", "保存位置", "Save to";
    FILES_FIELD_AUDIT_HEAD = "files.field.audit_head", "日志位置", "Audit log position";
    FILES_FIELD_BACKUPS_KEPT = "files.field.backups_kept", "自动备份保留份数", "Automatic backups kept";
    FILES_FIELD_DB_FILE = "files.field.db_file", "数据库文件", "Database file";
    FILES_FIELD_YEAR = "files.field.year", "年度", "Review year";
    FILES_FIELD_ARCHIVE = "files.field.archive", "年度归档", "Year archive";
    FILES_FIELD_CHECKED_FILE = "files.field.checked_file", "核对文件", "File to check";
    FILES_FIELD_FORMAT = "files.field.format", "文件格式", "File format";
    FILES_FIELD_TABLE = "files.field.table", "表格", "Table";
    FILES_FIELD_COLUMN_WIDTHS = "files.field.column_widths", "表格列宽", "Table column widths";
    FILES_FIELD_ISSUER = "files.field.issuer", "发文单位信息", "Issuing body";
    FILES_FIELD_YEARS = "files.field.years", "年数", "Number of years";
    FILES_WHAT_ATTACHMENT = "files.what.attachment", "附件", "attachment";
    FILES_WHAT_EXPERT = "files.what.expert", "评审专家", "expert";
    // What a role may do (the `what` of a refusal by role).
    FILES_ACTION_BACKUP = "files.action.backup", "备份数据库", "back up the database";
    FILES_ACTION_SET_BACKUPS_KEPT = "files.action.set_backups_kept", "设置自动备份份数", "set how many automatic backups are kept";
    FILES_ACTION_LIST_BACKUPS = "files.action.list_backups", "查看备份", "see the backups";
    FILES_ACTION_RESTORE = "files.action.restore", "恢复备份", "restore a backup";
    FILES_ACTION_ARCHIVE = "files.action.archive", "制作年度归档", "make the year archive";
    FILES_ACTION_VERIFY_AUDIT = "files.action.verify_audit", "校验操作日志", "verify the audit log";
    FILES_ACTION_READ_AUDIT = "files.action.read_audit", "查看操作日志", "see the audit log";
    FILES_ACTION_CHECK_FILE = "files.action.check_file", "核对文件中的日志位置", "check the audit log position a file carries";
    FILES_ACTION_EXPORT_NOTICE = "files.action.export_notice", "导出通报", "export the notice";
    // The documents (`ExportKind::text`).
    FILES_DOC_DOSSIER = "files.doc.dossier", "阅读材料", "reading copy";
    FILES_DOC_EXPERT_PACKAGE = "files.doc.expert_package", "评审材料", "expert's review materials";
    FILES_DOC_SCORE_SHEET = "files.doc.score_sheet", "专家评分表", "expert score sheet";
    FILES_DOC_RESULTS = "files.doc.results", "评审结果", "review results";
    FILES_DOC_PUBLICITY_LIST = "files.doc.publicity_list", "公示名单", "publicity list";
    FILES_DOC_NOTICE = "files.doc.notice", "通报", "notice";
    FILES_DOC_FUNDING_TABLE = "files.doc.funding_table", "经费表", "funding table";
    FILES_DOC_BALLOTS = "files.doc.ballots", "表决票", "ballots";
    FILES_DOC_MINUTES = "files.doc.minutes", "会议纪要", "minutes";
    // Opening the database.
    FILES_DB_NOT_OURS = "files.db.not_ours", "「{path}」不是评审台数据库文件，或文件已损坏", "“{path}” is not a Pingshen database file, or the file is damaged";
    FILES_DB_CANNOT_OPEN = "files.db.cannot_open", "无法打开「{path}」：文件夹不存在，或没有读写权限", "Cannot open “{path}”: the folder does not exist, or you may not read and write in it";
    FILES_DB_READ_ONLY = "files.db.read_only", "「{path}」只读，评审台需要能写入数据库文件", "“{path}” is read-only; Pingshen needs to write to the database file";
    FILES_DB_BUSY = "files.db.busy", "「{path}」正被另一个程序使用，请关闭后重试", "“{path}” is in use by another program: close it and try again";
    FILES_DB_FOREIGN = "files.db.foreign", "「{path}」是其他程序的数据库，不是评审台数据库文件；未作任何改动", "“{path}” is another program's database, not a Pingshen database file; nothing was changed";
    FILES_DB_NEWER = "files.db.newer", "数据库版本（{version}）比本程序（{known}）新，请升级评审台", "The database's version ({version}) is newer than this program's ({known}): please upgrade Pingshen";
    // The audit log.
    FILES_HEAD_FORMAT = "files.head.format", "「{value}」格式不对，应为「序号:哈希」，如导出文件属性中的 12:3fa9…（64位十六进制）", "“{value}” is not in the form “number:hash”, such as 12:3fa9… (64 hexadecimal digits) in an exported file's properties";
    FILES_LOG_CUT = "files.log.cut", "操作日志只到第{last}条，但此前的文件或备份记录的日志已到第{seq}条：日志末尾被截去了{cut}条", "the audit log ends at entry {last}, but an earlier file or backup recorded it up to entry {seq}: {cut} entries were cut from the end of the log";
    FILES_LOG_REWRITTEN = "files.log.rewritten", "第{seq}条日志与此前的文件或备份记录的不同：日志被改写", "entry {seq} of the audit log differs from what an earlier file or backup recorded: the log was rewritten";
    FILES_LOG_MISSING = "files.log.missing", "第{expected}条日志缺失（下一条为第{seq}条）", "entry {expected} of the audit log is missing (the next one is entry {seq})";
    FILES_LOG_PREV_HASH = "files.log.prev_hash", "第{seq}条日志（{action} {subject}）的前序哈希不符，之前的日志被删除或改动", "the previous hash of entry {seq} ({action} {subject}) does not match: earlier entries were deleted or changed";
    FILES_LOG_EDITED = "files.log.edited", "第{seq}条日志（{action} {subject}）的内容被改动", "the content of entry {seq} ({action} {subject}) was changed";
    FILES_RECORD_UNREADABLE = "files.record.unreadable", "第{seq}条日志（数据记录）无法读取", "entry {seq} of the audit log (a data record) cannot be read";
    FILES_RECORD_UNWRITABLE = "files.record.unwritable", "数据记录无法写入：{detail}", "The data record cannot be written: {detail}";
    FILES_RECORD_UNKNOWN_TABLE = "files.record.unknown_table", "未登记的数据表：{table}", "A table that is not registered for the record: {table}";
    /// The first differences the check found (their words as the check gives them), then how many more.
    FILES_AUDIT_FINDINGS = "files.audit.findings", "{findings}{more}", "{findings}{more}";
    FILES_AUDIT_MORE = "files.audit.more", "；\n另有{n}处不符", ";\n{n} more differences";
    // Backups and restoring.
    FILES_BACKUP_EXISTS = "files.backup.exists", "{path} 已存在，请换一个文件名，以免覆盖", "{path} already exists: choose another file name so that it is not overwritten";
    FILES_CANNOT_CREATE = "files.cannot_create", "无法创建 {path}：{detail}", "Cannot create {path}: {detail}";
    FILES_FOREIGN_NOT_SQLITE = "files.foreign.not_sqlite", "{path}不是评审台数据库（不是SQLite数据库文件，可能已损坏或选错了文件）", "{path} is not a Pingshen database (it is not an SQLite database file: it may be damaged, or the wrong file was chosen)";
    FILES_FOREIGN_CANNOT_OPEN = "files.foreign.cannot_open", "无法打开{path}：{detail}", "Cannot open {path}: {detail}";
    FILES_FOREIGN_UNREADABLE = "files.foreign.unreadable", "{path}无法读取（{detail}），文件可能已损坏", "{path} cannot be read ({detail}); the file may be damaged";
    FILES_FOREIGN_NO_TABLES = "files.foreign.no_tables", "{path}不是评审台数据库（缺少评审台的数据表）", "{path} is not a Pingshen database (Pingshen's tables are missing)";
    FILES_MEMORY_NO_BACKUP = "files.backup.memory", "内存数据库不能备份到文件", "A database held in memory cannot be backed up to a file";
    FILES_KEPT_RANGE = "files.backup.kept_range", "{n} 不在1到100之间，请重新填写", "{n} is not between 1 and 100: please enter it again";
    FILES_AUTO_BACKUP_FAILED = "files.backup.auto_failed", "「{event}」前的自动备份失败，为免数据丢失，本次操作没有执行：{detail}。请检查磁盘空间和文件夹权限后重试", "The automatic backup before “{event}” failed, so this action was not carried out, to avoid losing data: {detail}. Check the disk space and the folder's permissions, then try again";
    FILES_NO_SUCH_BACKUP = "files.backup.no_such", "数据库所在文件夹中没有备份「{name}」，请刷新备份列表后重选", "There is no backup “{name}” in the database's folder: refresh the list of backups and choose again";
    FILES_BACKUP_NEWER = "files.backup.newer", "{path}来自更新版本的评审台（数据库版本{version}，本程序只认识到{known}），请先升级评审台", "{path} comes from a newer version of Pingshen (database version {version}; this program knows versions up to {known}): upgrade Pingshen first";
    FILES_BACKUP_DAMAGED = "files.backup.damaged", "{path}未通过完整性检查（{detail}），文件已损坏，不能恢复", "{path} failed the integrity check ({detail}): the file is damaged and cannot be restored";
    /// The findings are the check's own words, joined.
    FILES_BACKUP_LOG_BROKEN = "files.backup.log_broken", "{path}未通过操作日志校验，不能恢复：{findings}", "{path} failed the audit log check and cannot be restored: {findings}";
    FILES_BACKUP_NO_LOG = "files.backup.no_log", "备份中没有操作日志", "The backup holds no audit log";
    FILES_DB_LOCKED = "files.backup.db_locked", "「{path}」正被其他程序使用（例如另一个评审台窗口或命令行），无法替换为备份。请关闭它们后再恢复", "“{path}” is in use by another program (for example another Pingshen window or the command line), so it cannot be replaced by the backup. Close them, then restore again";
    // The year archive and checking a file against the log.
    FILES_ARCHIVE_UNPUBLISHED = "files.archive.unpublished", "{year}年度尚未发布（当前阶段：{stage}），只有已发布的年度才能归档。请在公示结束、发布通报后再制作年度归档，或选择一个已发布的年度", "The {year} review year is not published yet (current stage: {stage}); only a published year can be archived. Make the year archive once the publicity has closed and the notice is published, or choose a published year";
    FILES_ARCHIVE_DAMAGED = "files.archive.damaged", "{path}已损坏，无法读出其中的文件", "{path} is damaged: the files in it cannot be read";
    FILES_ARCHIVE_EMPTY_LOG = "files.archive.empty_log", "操作日志为空，不能制作年度归档", "The audit log is empty, so the year archive cannot be made";
    FILES_ARCHIVE_NO_PUBLICITY = "files.archive.no_publicity", "{year}年度没有公示记录", "The {year} review year has no publicity record";
    FILES_ARCHIVE_MANIFEST = "files.archive.manifest", "归档清单：{detail}", "Archive manifest: {detail}";
    FILES_ARCHIVE_ZIP = "files.archive.zip", "制作归档zip失败：{detail}", "Making the archive zip failed: {detail}";
    FILES_NOT_CHECKABLE = "files.check.not_checkable", "{path}既不是评审台的备份或年度归档，也不是评审台导出的PDF或XLSX文件，无从核对", "{path} is neither a Pingshen backup or year archive nor a PDF or XLSX file exported by Pingshen, so there is nothing to check";
    FILES_NO_HEAD_IN_FILE = "files.check.no_head", "{path}的文件属性中没有日志位置（评审台导出的{kind}在「关键词」中记有 pingshen-audit-head=序号:哈希；此文件可能不是评审台导出的，或被其他程序另存过）", "The properties of {path} hold no audit log position (a {kind} exported by Pingshen records pingshen-audit-head=number:hash in its “Keywords”; this file may not have been exported by Pingshen, or another program saved it again)";
    FILES_KIND_PDF = "files.check.kind_pdf", "PDF文件", "PDF file";
    FILES_KIND_XLSX = "files.check.kind_xlsx", "XLSX文件", "XLSX file";
    FILES_HEAD_INCOMPLETE = "files.check.head_incomplete", "{path}中记的日志位置「{value}」不完整，文件可能已损坏", "The audit log position “{value}” recorded in {path} is incomplete; the file may be damaged";
    FILES_BACKUP_OWN_LOG = "files.check.backup_own_log", "{path}本身的操作日志不完整：{detail}", "The audit log of {path} itself is not whole: {detail}";
    FILES_BACKUP_NO_LOG_IN = "files.check.backup_no_log", "{path}中没有操作日志", "{path} holds no audit log";
    // Exporting documents.
    FILES_HINT_NO_EXPERTS = "files.export.hint_no_experts", "。本年度专家库为空，请先导入专家库", ". The expert pool of this year is empty: import the expert pool first";
    FILES_HINT_EXPERTS = "files.export.hint_experts", "。本年度专家有：{names}", ". The experts of this year: {names}";
    FILES_EXPERT_NOT_ASSIGNED = "files.export.expert_not_assigned", "专家「{name}」在{year}年度没有分配评审材料（尚未抽取专家，或均已回避）", "The expert “{name}” has no dossiers assigned in the {year} review year (the reviewers have not been drawn yet, or the expert recused themselves from all)";
    FILES_PUBLICITY_NOT_OPEN = "files.export.publicity_not_open", "{year}年度尚未开始公示，不能导出公示名单。请先确定拟支持名单并开始公示", "The publicity of the {year} review year has not opened, so the publicity list cannot be exported. Settle the list to be funded and open the publicity first";
    FILES_NO_FUNDING = "files.export.no_funding", "{year}年度尚无经费安排，不能导出经费表。后补助经费在全部评分提交后按结果自动安排，试点示范单位须由秘书处确定", "The {year} review year has no funding yet, so the funding table cannot be exported. Post-subsidy funding is set from the results once every score is submitted; Pilot demonstration units are decided by the secretariat";
    FILES_DOC_ONLY_PDF = "files.export.only_pdf", "{doc}只能导出为PDF", "The {doc} can only be exported as PDF";
    FILES_DOC_NO_UNIT = "files.export.no_unit", "导出{doc}不需要选择申报单位", "Exporting the {doc} needs no applicant unit: leave it unchosen";
    FILES_DOC_NO_EXPERT = "files.export.no_expert", "导出{doc}不需要选择专家", "Exporting the {doc} needs no expert: leave it unchosen";
    FILES_FOLDER_MISSING = "files.export.folder_missing", "无法保存「{path}」：文件夹「{dir}」不存在", "Cannot save “{path}”: the folder “{dir}” does not exist";
    FILES_CHOOSE_EXPERT = "files.export.choose_expert", "请选择专家", "Choose an expert";
    FILES_CHOOSE_UNIT = "files.export.choose_unit", "请选择申报单位", "Choose an applicant unit";
    FILES_ROLE_CANNOT_EXPORT = "files.export.role_cannot", "{role}不能导出{doc}", "the role “{role}” cannot export the {doc}";
    FILES_APPLICANT_NO_UNIT = "files.export.applicant_no_unit", "申报单位账号未关联单位", "this applicant account is not linked to a unit";
    FILES_NOT_ASSIGNED_TO_YOU = "files.export.not_assigned_to_you", "您未被分配评审{unit}的申报材料（或已回避）", "you are not assigned the dossier of {unit} (or you recused yourself)";
    FILES_EXPERT_NOT_ASSIGNED_DOSSIER = "files.export.expert_not_assigned_dossier", "专家「{expert}」未被分配评审{unit}的申报材料（或已回避），不能导出其阅读材料", "The expert “{expert}” is not assigned the dossier of {unit} (or recused themselves), so a reading copy in their name cannot be exported";
    FILES_DOSSIER_OTHER_YEAR = "files.export.dossier_other_year", "编号{id}属于{year}年度，不是{asked}年度", "Number {id} belongs to the {year} review year, not to {asked}";
    FILES_NO_FOLDER = "files.export.no_folder", "文件夹「{path}」不存在：请先建立该文件夹，或选择已有的文件夹", "The folder “{path}” does not exist: make it first, or choose a folder that exists";
    FILES_LETTERS_BY_UNIT = "files.letters.by_unit", "只有评审邀请函按专家导出；反馈函和补正通知请按单位（--unit）导出", "Only invitations are exported by expert; export feedback letters and correction notices by unit (--unit)";
    FILES_LETTERS_BY_EXPERT = "files.letters.by_expert", "评审邀请函按专家导出（--expert），不按单位", "Invitations are exported by expert (--expert), not by unit";
    FILES_MEETING_NONE = "files.meeting.none", "{year}年度的评审规则未设会议评审，没有{doc}", "The rules of the {year} review year have no panel meeting, so there are no {doc}";
    FILES_MEETING_NO_ITEMS = "files.meeting.no_items", "{year}年度尚无进入评审结果的申报材料，无法制作{doc}", "No dossier of the {year} review year is in the results yet, so the {doc} cannot be made";
    FILES_MEETING_NOT_HELD = "files.meeting.not_held", "{year}年度会议评审尚未召开，没有会议纪要：请先登记会议（日期、地点、组长和出席专家）", "The panel meeting of the {year} review year has not been held, so there are no minutes: record the meeting first (date, place, chair and experts present)";
    FILES_NOTICE_AFTER_PUBLISH = "files.notice.after_publish", "通报在评审结果发布后才能导出：请在公示结束后发布{year}年度评审结果（pingshen publish --doc-number 文号），再导出通报", "The notice can be exported once the results are published: after the publicity closes, publish the results of the {year} review year (pingshen publish --doc-number NUMBER), then export the notice";
    FILES_PUBLISHED_NO_PUBLICITY = "files.notice.no_publicity", "{year}年度已发布但没有公示记录，数据库可能已损坏", "The {year} review year is published but has no publicity record; the database may be damaged";
    FILES_ISSUER_FIELD_EMPTY = "files.issuer.field_empty", "文件 {path} 中的 {key} 为空，请填写后再导出", "{key} in the file {path} is empty: fill it in, then export again";
    FILES_ISSUER_MISSING = "files.issuer.missing", "缺少发文单位信息文件 {path}（发文机关名称、通讯地址、电话、邮箱），请重新安装或设置 PINGSHEN_ASSETS", "The issuing body's file {path} is missing (the issuer's name, postal address, phone and email): reinstall Pingshen or set PINGSHEN_ASSETS";
    FILES_ISSUER_BAD = "files.issuer.bad", "文件 {path} 格式错误：{detail}", "The file {path} is not in the right format: {detail}";
    // Writing PDF and XLSX files.
    FILES_PDF_FAILED = "files.pdf.failed", "生成 PDF 失败：{detail}", "Making the PDF failed: {detail}";
    FILES_PDF_EMPTY = "files.pdf.empty", "生成 PDF 失败：输出为空", "Making the PDF failed: the output is empty";
    FILES_XLSX_FAILED = "files.xlsx.failed", "生成电子表格失败：{detail}", "Making the spreadsheet failed: {detail}";
    FILES_FONTS_MISSING = "files.fonts.missing", "缺少字体文件 {files}，请重新安装或设置 PINGSHEN_ASSETS", "Font files are missing: {files}. Reinstall Pingshen or set PINGSHEN_ASSETS";
    FILES_FONT_DAMAGED = "files.fonts.damaged", "字体文件 {path} 已损坏，无法读取，请重新安装或设置 PINGSHEN_ASSETS", "The font file {path} is damaged and cannot be read: reinstall Pingshen or set PINGSHEN_ASSETS";
    FILES_FONT_NOT_OURS = "files.fonts.not_ours", "字体文件 {path} 不含常用汉字，不是本软件附带的字体，请重新安装或设置 PINGSHEN_ASSETS", "The font file {path} has no common Chinese characters, so it is not the font that comes with Pingshen: reinstall Pingshen or set PINGSHEN_ASSETS";
    FILES_TABLE_NO_COLUMNS = "files.table.no_columns", "没有列", "There are no columns";
    FILES_TABLE_ROW_CELLS = "files.table.row_cells", "第{row}行有{cells}格，应为{columns}格", "Row {row} has {cells} cells; it should have {columns}";
    FILES_TABLE_TOTALS_CELLS = "files.table.totals_cells", "合计行有{cells}格，应为{columns}格", "The totals row has {cells} cells; it should have {columns}";
    FILES_TABLE_ROW_TOO_LONG = "files.table.row_too_long", "第{row}行内容过多，一页放不下，请精简该行文字", "Row {row} holds too much to fit on one page: shorten its text";
    FILES_TABLE_FIXED_TOO_WIDE = "files.table.fixed_too_wide", "固定列宽合计 {fixed} 毫米，超过版心宽度 {width} 毫米", "The fixed columns add up to {fixed} mm, more than the text width of {width} mm";
    FILES_TABLE_NO_ROOM = "files.table.no_room", "固定列太宽，按比例分配的列没有剩余宽度", "The fixed columns are too wide: no width is left for the proportional columns";
    FILES_NOT_A_FILE_NAME = "files.save.not_a_file_name", "「{path}」不是文件名", "“{path}” is not a file name";
    FILES_IS_A_FOLDER = "files.save.is_a_folder", "「{path}」是一个文件夹，请另选文件名", "“{path}” is a folder: choose a file name instead";
    /// Saving a file failed at `step` for `reason`.
    FILES_CANNOT_SAVE = "files.save.failed", "无法保存「{path}」：{step}（{reason}）", "Cannot save “{path}”: {step} ({reason})";
    FILES_STEP_CREATE = "files.save.step_create", "无法在该文件夹中创建文件", "cannot create a file in that folder";
    FILES_STEP_WRITE = "files.save.step_write", "写入失败", "writing failed";
    FILES_STEP_SYNC = "files.save.step_sync", "写入磁盘失败", "writing to the disk failed";
    FILES_STEP_REPLACE = "files.save.step_replace", "无法替换为最终文件", "cannot put the final file in place";
    FILES_IO_NOT_FOUND = "files.io.not_found", "文件夹不存在", "the folder does not exist";
    FILES_IO_DENIED = "files.io.denied", "没有写入权限", "no permission to write";
    FILES_IO_READ_ONLY = "files.io.read_only", "磁盘或文件夹为只读", "the disk or folder is read-only";
    FILES_IO_FULL = "files.io.full", "磁盘空间不足", "the disk is full";
    FILES_IO_NOT_A_DIR = "files.io.not_a_dir", "路径中有一部分不是文件夹", "part of the path is not a folder";
    FILES_IO_IS_A_DIR = "files.io.is_a_dir", "目标是一个文件夹", "the target is a folder";
    FILES_IO_EXISTS = "files.io.exists", "文件已存在", "the file already exists";
    FILES_IO_OTHER = "files.io.other", "系统错误：{detail}", "system error: {detail}";
    // The demo years.
    FILES_DEMO_NOT_EMPTY = "files.demo.not_empty", "当前数据库已有{year}年度的数据，示范年度只能载入空数据库；请新建一个数据库文件后再载入", "This database already holds the {year} review year; the demo year can only be loaded into an empty database. Make a new database file, then load it";
    FILES_DEMO_YEARS_NOT_EMPTY = "files.demo.years_not_empty", "当前数据库已有{year}年度的数据，演示年度只能载入空数据库；请新建一个数据库文件后再载入", "This database already holds the {year} review year; the demo years can only be loaded into an empty database. Make a new database file, then load them";
    FILES_DEMO_YEARS_RANGE = "files.demo.years_range", "演示年数须在1到50之间，收到{years}", "The number of demo years must be between 1 and 50, not {years}";
    FILES_DEMO_UNKNOWN_UNIT = "files.demo.unknown_unit", "demo unit {unit}", "Demo: unknown unit {unit}";
    FILES_DEMO_NOT_REFUSED = "files.demo.not_refused", "demo: the ineligible unit was not refused", "Demo: the ineligible unit was not refused";
}
