//! What the window itself says (`src-tauri`): its session, its file dialogs and its previews.

crate::messages! {
    list WINDOW;
    UI_NO_SESSION = "window.no_session", "请先登录", "Please sign in first";
    UI_CANCELLED = "window.cancelled", "已取消", "Cancelled";
    UI_DB_NOT_OPENED = "window.db_not_opened", "数据库「{path}」未能打开，请先点「重试」或打开其他数据库文件。", "The database “{path}” could not be opened. Click “Retry” or open another database file.";
    UI_CANNOT_READ = "window.cannot_read", "无法读取「{path}」：{detail}", "Cannot read “{path}”: {detail}";
    UI_CANNOT_OPEN = "window.cannot_open", "无法打开「{path}」：{detail}", "Cannot open “{path}”: {detail}";
    UI_MEMORY_NO_RESTORE = "window.memory_no_restore", "内存数据库不能恢复备份", "A database held in memory cannot restore a backup";
    UI_ANSWERS_UNREADABLE = "window.answers_unreadable", "无法读取对话框应答文件：{detail}", "Cannot read the dialog answers file: {detail}";
    UI_ANSWERS_UNWRITABLE = "window.answers_unwritable", "无法写回对话框应答文件：{detail}", "Cannot write back the dialog answers file: {detail}";
    UI_CHOSEN_FILE = "window.chosen_file", "无法使用所选文件：{detail}", "Cannot use the chosen file: {detail}";
    UI_CHOSEN_FOLDER = "window.chosen_folder", "无法使用所选文件夹：{detail}", "Cannot use the chosen folder: {detail}";
    UI_CHOSEN_PLACE = "window.chosen_place", "无法使用所选位置：{detail}", "Cannot use the chosen place: {detail}";
    UI_PREVIEW_DATE_FIRST = "window.preview_date_first", "请先选择收到日期并预览，再确认导入", "Choose the date received and preview first, then confirm the import";
    UI_PREVIEW_KIND_FIRST = "window.preview_kind_first", "请先选择{kind}并预览，再确认导入", "Choose the {kind} and preview it first, then confirm the import";
    UI_CHANGED_SINCE_PREVIEW = "window.changed_since_preview", "「{name}」在预览后已被修改，请重新选择文件预览", "“{name}” was changed after the preview: choose the file again and preview it";
    UI_PREVIEW_FILE_FIRST = "window.preview_file_first", "请先选择文件并预览，再确认导入", "Choose a file and preview it first, then confirm the import";
    UI_NO_SUCH_YEAR = "window.no_such_year", "没有可打开的{year}年度", "There is no {year} review year to open";
    UI_NOTHING_EXPORTED = "window.nothing_exported", "还没有导出过文件", "Nothing has been exported yet";
    UI_TEMP_FOLDER = "window.temp_folder", "无法创建临时文件夹：{detail}", "Cannot make a temporary folder: {detail}";
    UI_WRITE_ATTACHMENT = "window.write_attachment", "无法写出附件：{detail}", "Cannot write the attachment out: {detail}";
    UI_NOTICE_FIRST = "window.notice_first", "请先选择通知文件并查看识别结果，再确认导入", "Choose the notice file and look at what was read from it first, then confirm the import";
    UI_CHANGED_SINCE_LOOK = "window.changed_since_look", "「{path}」在查看后已被修改，请重新选择", "“{path}” was changed after you looked at it: choose it again";
    UI_FIELD_FILE = "window.field.file", "文件", "File";
    UI_SEAL_ONLY = "window.seal_only", "只有通报、公示名单和函件可以加盖印章", "Only the notice, the publicity list and the letters can carry the seal";
    /// The CLI: the score sheet of one expert for one unit.
    CLI_SCORE_SHEET = "window.cli_score_sheet", "评分任务", "score sheet";
}
