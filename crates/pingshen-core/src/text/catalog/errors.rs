//! The frame of each kind of error (`crate::Error`), and an imported file's problem lines.

crate::messages! {
    list ERRORS;
    ERR_INVALID = "error.invalid", "「{field}」{message}", "{field}: {message}";
    ERR_NOT_FOUND = "error.not_found", "未找到{what}：{name}{hint}", "Not found — {what}: {name}{hint}";
    ERR_FORBIDDEN = "error.forbidden", "无权操作：{reason}", "Not permitted: {reason}";
    ERR_ILLEGAL = "error.illegal_transition", "当前状态为「{state}」，不能{action}。{allowed}", "The current state is “{state}”: you cannot {action}. {allowed}";
    ERR_IMPORT = "error.import", "导入「{file}」失败，未写入任何数据：\n{problems}", "Importing “{file}” failed; nothing of it was written:\n{problems}";
    ERR_TAMPERED = "error.tampered", "操作日志校验失败：{detail}", "The audit log check failed: {detail}";
    ERR_READ_ONLY_YEAR = "error.read_only_year", "{year}年度评审工作已发布，只读：不能再修改该年度的任何内容。如需更正，请在「备份与恢复」中恢复该年度发布前的自动备份后重新办理", "the {year} review year is published and read-only: nothing of it can be changed any more. To correct it, restore the automatic backup made before it was published (Backup and restore) and do the work again";
    ERR_DB = "error.db", "数据库错误：{detail}", "Database error: {detail}";
    ERR_IO = "error.io", "文件读写错误（{path}）：{detail}", "File error ({path}): {detail}";
    /// Nothing more to say (an empty hint).
    EMPTY = "empty", "", "";
    /// An imported file's problem concerning the whole file.
    PROBLEM_FILE = "problem.file", "{message}", "{message}";
    PROBLEM_COLUMN = "problem.column", "「{column}」列：{message}", "Column “{column}”: {message}";
    PROBLEM_ROW = "problem.row", "第{row}行：{message}", "Row {row}: {message}";
    PROBLEM_CELL = "problem.cell", "第{row}行「{column}」列：{message}", "Row {row}, column “{column}”: {message}";
}
