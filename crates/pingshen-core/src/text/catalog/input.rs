//! Imported files and values: spreadsheets, CSV, the holiday notice, the calendar, units, rules and rubrics.

crate::messages! {
    list INPUT;
    /// Field labels.
    INPUT_FIELD_CALENDAR = "input.field.calendar", "工作日历", "Working-day calendar";
    INPUT_FIELD_DATE = "input.field.date", "日期", "Date";
    INPUT_FIELD_WORKDAY_COUNT = "input.field.workday_count", "工作日天数", "Working days";
    INPUT_FIELD_MATCHING_FUNDS = "input.field.matching_funds", "配套资金", "Matching funds";
    INPUT_FIELD_SUPPORT_AMOUNT = "input.field.support_amount", "支持金额", "Support amount";
    INPUT_FIELD_SUBSIDY_AMOUNT = "input.field.subsidy_amount", "补助金额", "Subsidy amount";
    INPUT_FIELD_RETURN_DATE = "input.field.return_date", "退回日期", "Return date";
    INPUT_FIELD_OBJECTOR_NAME = "input.field.objector_name", "异议人姓名", "Objector's name";
    INPUT_FIELD_CONTACT = "input.field.contact", "联系方式", "Contact";
    INPUT_FIELD_RECEIVED_ON = "input.field.received_on", "收到日期", "Received on";
    INPUT_FIELD_EXPERTS_PER_DOSSIER = "input.field.experts_per_dossier", "每份材料评审专家数", "Experts per dossier";
    INPUT_FIELD_MIN_SCORES = "input.field.min_scores", "参与排名的最少评分数", "Minimum scores to rank";
    INPUT_FIELD_GRADE_LINES = "input.field.grade_lines", "等级分数线", "Grade lines";
    INPUT_FIELD_SUBSIDY_BUDGET = "input.field.subsidy_budget", "后补助预算", "Post-subsidy budget";
    INPUT_FIELD_PUBLICITY_DAYS = "input.field.publicity_days", "公示天数", "Publicity days";
    INPUT_FIELD_YOY_TOLERANCE = "input.field.yoy_tolerance", "新建数容差", "New-association tolerance";
    INPUT_FIELD_YOY_COPIED = "input.field.yoy_copied", "文字雷同比例", "Copied text share";
    INPUT_FIELD_RESUBMIT_DAYS = "input.field.resubmit_days", "补正期限", "Resubmission period";
    INPUT_FIELD_RUBRIC_FILE = "input.field.rubric_file", "评分细则文件", "Rubric file";
    INPUT_FIELD_RUBRIC = "input.field.rubric", "评分细则", "Rubric";
    INPUT_FIELD_UNIT_NAME = "input.field.unit_name", "单位名称", "Unit name";
    INPUT_FIELD_AWARD = "input.field.award", "申报类别", "Award";

    /// What was refused (an action).
    INPUT_ACTION_IMPORT_NOTICE = "input.action.import_notice", "导入节假日安排", "import holiday notices";

    /// Short answers shared by several fields.
    INPUT_REQUIRED = "input.required", "不能为空", "must not be empty";
    INPUT_NOT_NEGATIVE = "input.not_negative", "不能为负数", "must not be negative";
    INPUT_AT_LEAST_ONE = "input.at_least_one", "至少为1", "must be at least 1";
    /// A library's own words, as they are.
    INPUT_DETAIL = "input.detail", "{detail}", "{detail}";

    /// The indicators (the 申报汇总表's columns).
    INPUT_IND_INDUSTRIAL_ENTERPRISES = "input.ind.industrial_enterprises", "规上工业企业数", "Industrial enterprises above designated size";
    INPUT_IND_ASSOCIATIONS_TOTAL = "input.ind.associations_total", "企业科协总数", "Enterprise S&T associations";
    INPUT_IND_ASSOCIATIONS_NEW = "input.ind.associations_new", "本年新建企业科协数", "Enterprise associations founded this year";
    INPUT_IND_BUILDING_TASK = "input.ind.building_task", "本年组建任务数", "Founding target this year";
    INPUT_IND_LIAISON_ENTERPRISES = "input.ind.liaison_enterprises", "建立科协联系人制度企业数", "Enterprises with an association liaison";
    INPUT_IND_ZONES = "input.ind.zones", "园区总数", "Industrial parks";
    INPUT_IND_ZONES_WITH_ASSOCIATION = "input.ind.zones_with_association", "已建科协园区数", "Parks with an association";
    INPUT_IND_NATIONAL_ZONES = "input.ind.national_zones", "国家级园区数", "National-level parks";
    INPUT_IND_NATIONAL_ZONES_WITH_ASSOCIATION = "input.ind.national_zones_with_association", "已建科协国家级园区数", "National-level parks with an association";
    INPUT_IND_WORKSTATIONS = "input.ind.workstations", "院士专家工作站数", "Academician and expert workstations";
    INPUT_IND_COUNTY_POINTS = "input.ind.county_points", "县级联系点建会建站数", "County contact points with an association or workstation";
    INPUT_PLAUS_NEGATIVE = "input.plausibility.negative", "不能为负数，请填写0或正整数", "must not be negative: enter 0 or a positive whole number";
    INPUT_PLAUS_PART_ABOVE_WHOLE = "input.plausibility.part_above_whole", "为{value}，大于「{whole}」{whole_value}，覆盖率将超过100%，请核对这两个数", "is {value}, more than “{whole}” ({whole_value}): the coverage would exceed 100%; please check both numbers";
    INPUT_AWARD_INVALID = "input.award_invalid", "「{text}」不是有效的申报类别，请填写「试点示范」或「后补助」", "“{text}” is not a valid award: enter “pilot” (Pilot demonstration) or “subsidy” (Post-subsidy)";

    /// The eligible units.
    INPUT_UNIT_NOT_ELIGIBLE = "input.unit.not_eligible", "不是可申报单位：{name}。只有47家省级科协、新疆生产建设兵团科协和副省级城市科协可以申报", "{name} is not an eligible applicant unit. Only the 47 associations for science and technology of the provinces, of the Xinjiang Production and Construction Corps and of the sub-provincial cities may apply";
    INPUT_UNIT_NOT_ELIGIBLE_SUGGEST = "input.unit.not_eligible_suggest", "不是可申报单位：{name}。是否为：{suggestions}？只有47家省级科协、新疆生产建设兵团科协和副省级城市科协可以申报", "{name} is not an eligible applicant unit. Did you mean: {suggestions}? Only the 47 associations for science and technology of the provinces, of the Xinjiang Production and Construction Corps and of the sub-provincial cities may apply";

    /// The working-day calendar.
    INPUT_CAL_UNPARSABLE = "input.calendar.unparsable", "无法解析（{detail}），请检查 {file}", "cannot be read ({detail}): please check {file}";
    INPUT_CAL_YEARS_REVERSED = "input.calendar.years_reversed", "起始年份 {first} 晚于结束年份 {last}，请检查 {file}", "the first year {first} is after the last year {last}: please check {file}";
    INPUT_CAL_SPAN_TOO_LONG_FILE = "input.calendar.span_too_long_file", "覆盖年份 {first}–{last} 过长（最多 {max} 年），请检查 {file}", "the years {first}–{last} are too many (at most {max} years): please check {file}";
    INPUT_CAL_SPAN_TOO_LONG = "input.calendar.span_too_long", "覆盖年份 {first}–{last} 过长（最多 {max} 年）", "the years {first}–{last} are too many (at most {max} years)";
    INPUT_CAL_YEAR_NOT_NUMBER = "input.calendar.year_not_number", "年份「{key}」不是数字", "the year “{key}” is not a number";
    INPUT_CAL_YEAR_OUTSIDE = "input.calendar.year_outside", "年份 {year} 不在声明的覆盖范围 {first}–{last} 内", "the year {year} is outside the declared years {first}–{last}";
    INPUT_CAL_YEAR_TWICE = "input.calendar.year_twice", "年份 {year} 出现了两次", "the year {year} is given twice";
    INPUT_CAL_YEAR_GAP = "input.calendar.year_gap", "缺少 {year} 年的节假日安排：请先导入 {year} 年的国务院办公厅节假日安排通知", "the holidays of {year} are missing: first import the State Council holiday notice of {year}";
    INPUT_CAL_FIRST_YEAR_INVALID = "input.calendar.first_year_invalid", "起始年份 {year} 无效", "the first year {year} is not valid";
    INPUT_CAL_LAST_YEAR_INVALID = "input.calendar.last_year_invalid", "结束年份 {year} 无效", "the last year {year} is not valid";
    INPUT_CAL_YEAR_MISSING = "input.calendar.year_missing", "缺少 {year} 年的节假日安排，请用 generate.py 重新生成 {file}", "the holidays of {year} are missing: generate {file} again with generate.py";
    INPUT_CAL_DAY_WRONG_YEAR = "input.calendar.day_wrong_year", "{date} 被列在 {year} 年下", "{date} is listed under the year {year}";
    INPUT_CAL_DAY_NO_NAME = "input.calendar.day_no_name", "{date} 缺少名称", "{date} has no name";
    INPUT_CAL_MAKEUP_NOT_WEEKEND = "input.calendar.makeup_not_weekend", "调休上班日 {date} 不是周六或周日（{name}）", "the make-up working day {date} is not a Saturday or a Sunday ({name})";
    INPUT_CAL_DAY_TWICE = "input.calendar.day_twice", "{date} 被列出了两次", "{date} is listed twice";
    INPUT_CAL_RANGE_INVALID = "input.calendar.range_invalid", "覆盖范围无效", "the years covered are not valid";
    INPUT_CAL_AT_LEAST_ONE = "input.calendar.at_least_one", "必须至少为 1", "must be at least 1";
    /// Follows a date or [`INPUT_CAL_NTH_WORKDAY`].
    INPUT_CAL_BEYOND = "input.calendar.beyond", "超出工作日历覆盖范围（{first}–{last}年）：请导入该年的国务院办公厅节假日安排通知（「设置 → 工作日历」，或 pingshen calendar import）", "is outside the working-day calendar ({first}–{last}): please import that year's State Council holiday notice (Settings › Working-day calendar, or pingshen calendar import)";
    INPUT_CAL_NTH_WORKDAY = "input.calendar.nth_workday", "从 {start} 起第 {n} 个工作日{beyond}", "working day {n} counted from {start} {beyond}";
    INPUT_CAL_DATE_BEYOND = "input.calendar.date_beyond", "{date} {beyond}", "{date} {beyond}";
    INPUT_CAL_STORED_DAMAGED = "input.calendar.stored_damaged", "数据库中{year}年的节假日安排已损坏", "The holidays of {year} stored in the database are damaged";
    INPUT_CAL_WHAT_HOLIDAYS = "input.calendar.what_holidays", "节假日安排", "holidays";
    /// The hint after a year not in the calendar (the year is the name before it).
    INPUT_CAL_YEAR_UNKNOWN_HINT = "input.calendar.year_unknown_hint", "年（已有{first}–{last}年）：请导入该年的国务院办公厅节假日安排通知", " (the calendar holds {first}–{last}): please import that year's State Council holiday notice";
    INPUT_NOTICE_BUILT_IN = "input.notice.built_in", "{year}年的节假日安排已内置于评审台（{first}–{last}年），不能导入替换", "The holidays of {year} are built into Pingshen ({first}–{last}) and cannot be replaced by an import";
    INPUT_NOTICE_ALREADY_IMPORTED = "input.notice.already_imported", "{year}年的节假日安排已于{date}导入；如需以新通知替换，请选择「替换」（命令行加 --replace）", "The holidays of {year} were already imported on {date}. To replace them with a new notice, choose “Replace” (on the command line, add --replace)";
    INPUT_NOTICE_PUBLICITY_USES = "input.notice.publicity_uses", "{campaign_year}年度的公示期（{start}至{end}）已按{year}年的节假日安排计算，不能再替换该年的安排", "The publicity period of the {campaign_year} review year ({start} to {end}) was computed with the holidays of {year}: they can no longer be replaced";

    /// The State Council's holiday notice.
    INPUT_NOTICE_ENCODING = "input.notice.encoding", "文件既不是UTF-8编码，也不是GBK编码：请把通知全文粘贴到记事本，另存为UTF-8后重新导入", "The file is neither UTF-8 nor GBK encoded: paste the whole notice into Notepad, save it as UTF-8 and import it again";
    INPUT_NOTICE_NO_YEAR = "input.notice.no_year", "未找到通知的年份：请连同标题「国务院办公厅关于YYYY年部分节假日安排的通知」一起复制", "The year of the notice was not found: copy the notice together with its title (the General Office of the State Council's notice on the holidays of YYYY)";
    INPUT_NOTICE_NO_ITEMS = "input.notice.no_items", "未找到节假日安排条目（形如「一、元旦：1月1日（周五）放假1天」）：请复制通知的全文", "No holiday items were found (the numbered lines, one per holiday, with its days off): copy the whole text of the notice";
    INPUT_NOTICE_ITEM = "input.notice.item", "「{line}」{why}", "“{line}”: {why}";
    INPUT_NOTICE_TWO_HOLIDAYS = "input.notice.two_holidays", "{date}既列为「{first}」假期，又列为「{second}」假期", "{date} is listed as a day off of both “{first}” and “{second}”";
    INPUT_NOTICE_HOLIDAY_AND_MAKEUP = "input.notice.holiday_and_makeup", "{date}既是「{name}」假期，又是调休上班日", "{date} is both a day off of “{name}” and a make-up working day";
    INPUT_NOTICE_MAKEUP_TWICE = "input.notice.makeup_twice", "调休上班日{date}列出了两次", "The make-up working day {date} is listed twice";
    /// A date of the notice, month and day.
    INPUT_MONTH_DAY = "input.month_day", "{month}月{day}日", "{month}/{day}";
    INPUT_WEEKDAY_MON = "input.weekday.mon", "周一", "a Monday";
    INPUT_WEEKDAY_TUE = "input.weekday.tue", "周二", "a Tuesday";
    INPUT_WEEKDAY_WED = "input.weekday.wed", "周三", "a Wednesday";
    INPUT_WEEKDAY_THU = "input.weekday.thu", "周四", "a Thursday";
    INPUT_WEEKDAY_FRI = "input.weekday.fri", "周五", "a Friday";
    INPUT_WEEKDAY_SAT = "input.weekday.sat", "周六", "a Saturday";
    INPUT_WEEKDAY_SUN = "input.weekday.sun", "周日", "a Sunday";
    INPUT_NOTICE_BRACKET_OPEN = "input.notice.bracket_open", "括号没有闭合", "a bracket is not closed";
    INPUT_NOTICE_NO_MONTH = "input.notice.no_month", "缺少月份（应为「M月D日」）", "the month is missing (each date needs its month and day)";
    INPUT_NOTICE_NO_DAY = "input.notice.no_day", "缺少日期（应为「M月D日」）", "the day is missing (each date needs its month and day)";
    INPUT_NOTICE_BAD_DATE = "input.notice.bad_date", "{year}年{month}月{day}日不是有效日期", "{year}-{month}-{day} is not a valid date";
    INPUT_NOTICE_OTHER_YEAR = "input.notice.other_year", "{date_year}年{month}月{day}日不在{year}年内：本通知只能导入{year}年的日期", "{date_year}-{month}-{day} is not in {year}: this notice can only give dates of {year}";
    INPUT_NOTICE_NOT_WEEKDAY = "input.notice.not_weekday", "括号中的「{part}」不是星期几", "“{part}” in the brackets is not a day of the week";
    INPUT_NOTICE_WEEKDAY_MISMATCH = "input.notice.weekday_mismatch", "{date}是{weekday}，通知中写的是「{part}」：请核对日期和星期", "{date} is {weekday}, but the notice says “{part}”: please check the date and the day of the week";
    INPUT_NOTICE_NO_COLON = "input.notice.no_colon", "缺少「：」（应为「一、元旦：1月1日……」）", "the colon is missing (an item gives its number, the holiday's name, a colon, then its dates)";
    INPUT_NOTICE_NO_NAME = "input.notice.no_name", "节日名称无法识别", "the holiday's name cannot be read";
    INPUT_NOTICE_NO_DAYS_OFF = "input.notice.no_days_off", "缺少放假日期", "the days off are missing";
    INPUT_NOTICE_END_BEFORE_START = "input.notice.end_before_start", "放假的结束日期早于开始日期", "the last day off is before the first";
    INPUT_NOTICE_DAYS_MISMATCH = "input.notice.days_mismatch", "写的是共{n}天，但{from}至{to}是{days}天", "it says {n} days in all, but {from} to {to} is {days} days";
    INPUT_NOTICE_NOT_OFF = "input.notice.not_off", "无法识别「{text}」（应为「……放假」）", "“{text}” cannot be read (the dates should be followed by the words for “days off”)";
    INPUT_NOTICE_UNREADABLE = "input.notice.unreadable", "无法识别「{text}」", "“{text}” cannot be read";
    INPUT_NOTICE_NOT_MAKEUP = "input.notice.not_makeup", "无法识别「{text}」（调休上班日应为「M月D日（周X）上班」）", "“{text}” cannot be read (make-up working days are given as month, day and day of the week, followed by the word for “work”)";
    INPUT_NOTICE_MAKEUP_WEEKDAY = "input.notice.makeup_weekday", "{date}是{weekday}，不是周末，不能是调休上班日", "{date} is {weekday}, not a weekend day: it cannot be a make-up working day";

    /// Reading a CSV file.
    INPUT_CSV_UTF16_DAMAGED = "input.csv.utf16_damaged", "文件是UTF-16编码但已损坏，无法识别。请在Excel中「另存为 → CSV UTF-8（逗号分隔）」后重新导入", "The file is UTF-16 encoded but damaged, and cannot be read. In Excel, use “Save As → CSV UTF-8 (Comma delimited)” and import it again";
    INPUT_CSV_ENCODING = "input.csv.encoding", "文件不是UTF-8编码，也不是GBK编码，无法识别。请在Excel中「另存为 → CSV UTF-8（逗号分隔）」后重新导入", "The file is neither UTF-8 nor GBK encoded, and cannot be read. In Excel, use “Save As → CSV UTF-8 (Comma delimited)” and import it again";
    INPUT_CSV_IS_WORKBOOK = "input.csv.is_workbook", "文件内容是Excel工作簿，不是CSV文本：请把扩展名改为 .xlsx（旧版为 .xls）后导入，或在Excel中「另存为 → CSV UTF-8（逗号分隔）」", "The file is an Excel workbook, not CSV text: change its extension to .xlsx (.xls for older versions) and import it, or in Excel use “Save As → CSV UTF-8 (Comma delimited)”";
    INPUT_CSV_SEP_TAB = "input.csv.sep_tab", "制表符", "tabs";
    INPUT_CSV_SEP_SEMICOLON = "input.csv.sep_semicolon", "分号", "semicolons";
    INPUT_CSV_WRONG_SEPARATOR = "input.csv.wrong_separator", "各列是用{sep}分隔的，不是逗号：请在Excel中「另存为 → CSV UTF-8（逗号分隔）」后重新导入", "The columns are separated by {sep}, not commas: in Excel, use “Save As → CSV UTF-8 (Comma delimited)” and import it again";
    INPUT_CSV_OPEN_QUOTE = "input.csv.open_quote", "引号未闭合，请检查该行的双引号", "A quotation mark is not closed: please check the double quotes of this row";

    /// Reading a workbook.
    INPUT_FILE_TYPE = "input.file_type", "文件类型不支持，请使用 .xlsx 或 UTF-8 编码的 .csv 文件", "This file type is not supported: please use an .xlsx file or a UTF-8 encoded .csv file";
    INPUT_WB_DAMAGED = "input.workbook.damaged", "无法读取工作簿：文件已损坏或不完整（可能下载或复制时被截断）。请在Excel中打开确认，另存为 .xlsx 后重新导入", "The workbook cannot be read: the file is damaged or incomplete (perhaps cut short while downloading or copying). Open it in Excel to check it, save it as .xlsx and import it again";
    INPUT_WB_IS_HTML = "input.workbook.is_html", "文件是网页（HTML）格式，不是真正的Excel工作簿（常见于从其他系统导出的 .xls）。请用Excel打开后「另存为 → Excel工作簿（*.xlsx）」再导入", "The file is a web page (HTML), not a real Excel workbook (common for .xls files exported by other systems). Open it in Excel, use “Save As → Excel Workbook (*.xlsx)” and import that";
    INPUT_WB_IS_TEXT = "input.workbook.is_text", "文件内容是文本（CSV），不是Excel工作簿：请把扩展名改为 .csv 后导入，或在Excel中另存为 .xlsx", "The file is text (CSV), not an Excel workbook: change its extension to .csv and import it, or save it as .xlsx in Excel";
    INPUT_WB_TOO_BIG = "input.workbook.too_big", "文件解压后超过{mb}MB，内容过大或是异常的压缩文件（“压缩炸弹”），无法导入。请检查文件来源，或只保留要导入的工作表后另存", "Unpacked, the file is larger than {mb} MB: its content is too large or it is an abnormal compressed file (a “zip bomb”), and it cannot be imported. Check where the file came from, or keep only the sheet to import and save it again";
    INPUT_WB_NO_SHEET = "input.workbook.no_sheet", "工作簿中没有工作表", "The workbook has no worksheet";
    INPUT_WB_EMPTY_FILE = "input.workbook.empty_file", "是空文件（0字节），请确认文件已完整保存后重新导入", "The file is empty (0 bytes): make sure it was saved completely and import it again";
    INPUT_WB_ENCRYPTED = "input.workbook.encrypted", "工作簿设置了打开密码（已加密），评审台无法读取。请在Excel中打开，「文件 → 信息 → 保护工作簿 → 用密码进行加密」清空密码以取消加密并保存，再重新导入", "The workbook has a password to open it (it is encrypted), so Pingshen cannot read it. Open it in Excel, clear the password under “File → Info → Protect Workbook → Encrypt with Password” to remove the encryption, save it and import it again";
    INPUT_XLS_UNREADABLE = "input.workbook.xls_unreadable", "无法读取 .xls 工作簿（{detail}）：请在Excel中打开后另存为 .xlsx 再导入", "The .xls workbook cannot be read ({detail}): open it in Excel, save it as .xlsx and import that";
    INPUT_SHEET_UNREADABLE_SAVE = "input.workbook.sheet_unreadable_save", "无法读取工作表「{sheet}」（{detail}）：请另存为 .xlsx 后再导入", "The worksheet “{sheet}” cannot be read ({detail}): save the file as .xlsx and import that";
    INPUT_ODS_UNREADABLE = "input.workbook.ods_unreadable", "无法读取工作簿（{detail}），请确认文件未损坏", "The workbook cannot be read ({detail}): please make sure the file is not damaged";
    INPUT_SHEET_UNREADABLE = "input.workbook.sheet_unreadable", "无法读取工作表「{sheet}」（{detail}）", "The worksheet “{sheet}” cannot be read ({detail})";
    INPUT_XLSX_UNREADABLE = "input.workbook.xlsx_unreadable", "无法读取工作簿（{detail}），请确认文件未损坏且是Excel工作簿（.xlsx）", "The workbook cannot be read ({detail}): please make sure the file is not damaged and is an Excel workbook (.xlsx)";
    INPUT_SHEET_UNREADABLE_DAMAGED = "input.workbook.sheet_unreadable_damaged", "无法读取工作表「{sheet}」（{detail}），请确认文件未损坏", "The worksheet “{sheet}” cannot be read ({detail}): please make sure the file is not damaged";
    INPUT_WB_TOO_MANY_ROWS = "input.workbook.too_many_rows", "工作表的行数过多，无法导入：请只保留要导入的表格后另存", "The worksheet has too many rows to import: keep only the table to import and save it again";
    INPUT_WB_TOO_MANY_CELLS = "input.workbook.too_many_cells", "工作表的单元格过多，无法导入：请只保留要导入的表格后另存", "The worksheet has too many cells to import: keep only the table to import and save it again";

    /// Checking the rows of a spreadsheet.
    INPUT_OF_SHEET = "input.sheet.of_sheet", "工作表「{sheet}」的", " of the worksheet “{sheet}”";
    /// A column name quoted, alone or before the rest of a list.
    INPUT_QUOTED_ONE = "input.sheet.quoted_one", "「{name}」", "“{name}”";
    INPUT_QUOTED_MORE = "input.sheet.quoted_more", "「{name}」{rest}", "“{name}”, {rest}";
    /// A column name in a list of them, alone or before the rest.
    INPUT_LIST_ONE = "input.sheet.list_one", "{name}", "{name}";
    INPUT_LIST_MORE = "input.sheet.list_more", "{name}，{rest}", "{name}, {rest}";
    INPUT_MISSING_COLUMNS = "input.sheet.missing_columns", "{of_sheet}表头缺少列{missing}。第一行应为：{names}", "The header row{of_sheet} lacks the column(s) {missing}. The first row should be: {names}";
    INPUT_IN_MERGED = "input.sheet.in_merged", "{message}（该单元格在合并单元格内，合并单元格只有第{row}行有值：请取消合并，在每一行分别填写）", "{message} (this cell is inside merged cells, whose value is held by row {row} only: unmerge them and fill in every row)";
    INPUT_FORMULA_NO_VALUE = "input.sheet.formula_no_value", "是公式「={formula}」，但文件中没有保存公式的计算结果（常见于由程序生成的文件）：请在Excel中打开并保存一次，或把公式「选择性粘贴 → 数值」后重新导入", "holds the formula “={formula}”, but the file has no computed value for it (common in files made by programs): open and save it once in Excel, or replace the formula by its value (“Paste Special → Values”), and import it again";
    INPUT_TOO_LONG = "input.sheet.too_long", "内容过长（{len}字），超过单元格上限{max}字：请检查是否误粘贴了整篇文档，只填写摘要", "is too long ({len} characters; a cell holds at most {max}): check that no whole document was pasted by mistake, and give only a summary";
    INPUT_CONTROL_CHARS = "input.sheet.control_chars", "含有不可见的控制字符（多为从Word或网页复制带入）：请删除该单元格内容后重新输入", "holds invisible control characters (mostly brought in by copying from Word or a web page): delete the cell's content and type it again";
    INPUT_NEGATIVE_COUNT = "input.sheet.negative_count", "为负数（{value}），请填写0或正整数", "is negative ({value}): enter 0 or a positive whole number";
    INPUT_NOT_INTEGER = "input.sheet.not_integer", "「{text}」不是整数，请填写数字（如 120）", "“{text}” is not a whole number: enter a number (such as 120)";
    INPUT_AWARD_NOT_CATEGORY = "input.sheet.award_not_category", "「{text}」不是有效类别，请填写「试点示范」或「后补助」", "“{text}” is not a valid award: enter “pilot” (Pilot demonstration) or “subsidy” (Post-subsidy)";
    INPUT_AWARD_NOT_CATEGORY_OR_EMPTY = "input.sheet.award_not_category_or_empty", "「{text}」不是有效类别，请填写「试点示范」或「后补助」，或留空", "“{text}” is not a valid award: enter “pilot” (Pilot demonstration) or “subsidy” (Post-subsidy), or leave it empty";
    INPUT_DATE_REQUIRED = "input.sheet.date_required", "不能为空，请按 YYYY-MM-DD 填写收到材料的日期", "must not be empty: enter the date the dossier was received as YYYY-MM-DD";
    INPUT_DATE_INVALID = "input.sheet.date_invalid", "「{text}」不是日期，请按 YYYY-MM-DD 填写（如 2014-10-20）", "“{text}” is not a date: enter it as YYYY-MM-DD (such as 2014-10-20)";
    INPUT_AMOUNT_INVALID = "input.sheet.amount_invalid", "「{text}」不是金额，请以万元为单位填写数字，最多两位小数（如 30 或 12.5）", "“{text}” is not an amount: enter a number in 10k CNY, with at most two decimals (such as 30 or 12.5)";
    INPUT_DUPLICATE_DOSSIER = "input.sheet.duplicate_dossier", "{unit}的{award}申报与第{row}行重复，每个单位每类只能申报一份，请删除其中一行", "The {award} application of {unit} repeats row {row}: each unit may apply once per award; please delete one of the two rows";
    INPUT_NO_DATA_ROWS = "input.sheet.no_data_rows", "文件中没有数据行", "The file has no data rows";
    INPUT_PROVINCE_INVALID = "input.sheet.province_invalid", "「{text}」不是省级行政区名称，请填写如「湖北省」或「湖北」", "“{text}” is not the name of a province-level region: enter the region's Chinese name, in full or short (as for Hubei Province or Hubei)";
    INPUT_CONFLICT_UNKNOWN = "input.sheet.conflict_unknown", "「{part}」不是可申报单位；多个单位请用「；」分隔", "“{part}” is not an eligible applicant unit; separate several units with semicolons";
    INPUT_CONFLICT_UNKNOWN_SUGGEST = "input.sheet.conflict_unknown_suggest", "「{part}」不是可申报单位，是否为：{suggestions}；多个单位请用「；」分隔", "“{part}” is not an eligible applicant unit. Did you mean: {suggestions}? Separate several units with semicolons";
    INPUT_EXPERT_DUPLICATE = "input.sheet.expert_duplicate", "专家「{name}」与第{row}行重复；同名专家请加以区分（如「王伟（北京）」）", "The expert “{name}” repeats row {row}: please tell experts of the same name apart (for example by their city in brackets)";
    INPUT_SCORE_NOT_HALF = "input.sheet.score_not_half", "「{value}」不是0.5分的整数倍，请按0.5分步长打分", "“{value}” is not a multiple of 0.5: please score in steps of 0.5 points";
    INPUT_SCORE_NOT_NUMBER = "input.sheet.score_not_number", "「{text}」不是数字，请填写如 8 或 8.5", "“{text}” is not a number: enter one such as 8 or 8.5";

    /// The rules of seed 002 and the review policy.
    INPUT_PILOT_NEEDS_MATCHING = "input.rules.pilot_needs_matching", "试点示范单位需给予配套资金支持（科协计函企字〔2014〕25号 三(三)1），请先在申报材料中填写大于0的配套资金", "A Pilot demonstration unit must give matching funds (CAST notice No. 25 of 2014, section 3(3)1): first enter matching funds above 0 in the dossier";
    INPUT_PILOT_AMOUNT_RANGE = "input.rules.pilot_amount_range", "试点示范经费为20万元左右，应在{min}至{max}元之间", "Pilot demonstration funding is about 200,000 yuan: it must be between {min} and {max} yuan";
    INPUT_SUBSIDY_AMOUNT_RANGE = "input.rules.subsidy_amount_range", "后补助资金原则上为10-15万元，应在{min}至{max}元之间（当前{amount}元）", "Post-subsidy funding is in principle 100,000 to 150,000 yuan: it must be between {min} and {max} yuan (now {amount} yuan)";
    INPUT_SUBSIDY_OVER_BUDGET = "input.rules.subsidy_over_budget", "调整后后补助合计{total}元，超过年度预算{budget}元，请降低金额", "After this change the Post-subsidy total would be {total} yuan, over the year's budget of {budget} yuan: please lower the amount";
    INPUT_DATE_OUT_OF_RANGE = "input.rules.date_out_of_range", "日期超出范围", "the date is out of range";
    INPUT_OBJECTION_ANONYMOUS = "input.rules.objection_anonymous", "异议须署真实姓名，匿名异议不予受理", "an objection must carry a real name: anonymous objections are not accepted";
    INPUT_OBJECTION_NO_CONTACT = "input.rules.objection_no_contact", "异议须留有效联系方式（电话或电子邮箱），否则不予受理", "an objection must give a valid contact (a phone number or an email address), or it is not accepted";
    INPUT_OBJECTION_LATE = "input.rules.objection_late", "{received} 不在公示期（{start} 至 {end}）内，逾期异议不予受理", "{received} is not within the publicity period ({start} to {end}): late objections are not accepted";
    INPUT_POLICY_MIN_SCORES = "input.rules.policy_min_scores", "应在1至每份材料评审专家数之间", "must be between 1 and the experts per dossier";
    INPUT_POLICY_GRADES = "input.rules.policy_grades", "应满足 0 ≤ 合格线 ≤ 优秀线 ≤ 100", "must satisfy 0 ≤ qualified ≤ excellent ≤ 100";
    INPUT_POLICY_PUBLICITY_DAYS = "input.rules.policy_publicity_days", "至少为1个工作日", "must be at least 1 working day";
    INPUT_POLICY_YOY_TOLERANCE = "input.rules.policy_yoy_tolerance", "不能为负数，请填写0或正整数（家）", "must not be negative: enter 0 or a positive whole number (of associations)";
    INPUT_POLICY_YOY_COPIED = "input.rules.policy_yoy_copied", "应在1%至100%之间", "must be between 1% and 100%";
    INPUT_POLICY_RESUBMIT_DAYS = "input.rules.policy_resubmit_days", "应在1至60个工作日之间", "must be between 1 and 60 working days";
    /// Why an expert may not review a unit (`Recusal::text`).
    INPUT_RECUSAL_SAME_PROVINCE = "input.recusal.same_province", "同省回避（{province}）", "Same province ({province})";
    INPUT_RECUSAL_DECLARED = "input.recusal.declared", "本人申明回避", "Declared by the expert";
    INPUT_RECUSAL_EMPLOYER = "input.recusal.employer", "任职单位回避", "Works for the unit";
    /// The meeting's shares (`MeetingShare::text`).
    INPUT_SHARE_HALF = "input.share.half", "过半数", "more than half";
    INPUT_SHARE_TWO_THIRDS = "input.share.two_thirds", "三分之二以上", "two thirds or more";

    /// Rubrics.
    INPUT_RUBRIC_FORMAT = "input.rubric.format", "格式错误：{detail}", "format error: {detail}";
    INPUT_RUBRIC_BAD_STEP = "input.rubric.bad_step", "步长「{step}」无效，应为如 0.5 的正数", "the step “{step}” is not valid: it must be a positive number such as 0.5";
    INPUT_RUBRIC_ZERO_DENOMINATOR = "input.rubric.zero_denominator", "zero_denominator 目前只支持 \"full\"（分母为0时得满分）", "zero_denominator can only be \"full\" for now (full points when the denominator is 0)";
    INPUT_RUBRIC_DUPLICATE_ID = "input.rubric.duplicate_id", "评分项编号「{id}」重复", "the criterion id “{id}” is given twice";
    INPUT_RUBRIC_POINTS_POSITIVE = "input.rubric.points_positive", "评分项「{name}」分值必须为正", "the points of the criterion “{name}” must be positive";
    INPUT_RUBRIC_MAX_NOT_STEP = "input.rubric.max_not_step", "评分项「{name}」满分不是步长的整数倍", "the maximum of the criterion “{name}” is not a multiple of the step";
    INPUT_RUBRIC_AUTO_UNKNOWN = "input.rubric.auto_unknown", "自动评分项「{name}」的分子或分母不是已知指标", "the numerator or the denominator of the auto criterion “{name}” is not a known indicator";
    INPUT_RUBRIC_AUTO_TARGET = "input.rubric.auto_target", "自动评分项「{name}」的目标值无效", "the target of the auto criterion “{name}” is not valid";
    INPUT_RUBRIC_TOTAL = "input.rubric.total", "各评分项分值合计为{total}，应为100", "the criteria's points add up to {total}; they must add up to 100";
    INPUT_SCORE_UNKNOWN_CRITERION = "input.rubric.unknown_criterion", "评分项「{criterion}」不在{rubric}中，可填：{ids}", "The criterion “{criterion}” is not in {rubric}; these can be entered: {ids}";
    INPUT_SCORE_AUTO = "input.rubric.score_auto", "评分项「{name}」由指标自动计算，不能录入", "The criterion “{name}” is computed from the indicators and cannot be entered";
    INPUT_SCORE_OUT_OF_RANGE = "input.rubric.score_out_of_range", "得分{points}超出范围，「{name}」应在0至{max}之间", "The score {points} is out of range: “{name}” must be between 0 and {max}";
    INPUT_SCORE_BAD_STEP = "input.rubric.score_bad_step", "{rubric}的步长「{step}」无效，请检查评分细则", "The step “{step}” of {rubric} is not valid: please check the rubric";
    INPUT_SCORE_NOT_STEP = "input.rubric.score_not_step", "得分{points}不是{step}分的整数倍，请按{step}分步长打分", "The score {points} is not a multiple of {step}: please score in steps of {step} points";

    /// The draw of the reviewers.
    INPUT_DRAW_POOL_TOO_SMALL = "input.draw.pool_too_small", "专家库只有{n}位专家，少于每份材料所需的{per_dossier}位，请增加专家或减少每份材料的评审专家数", "The expert pool has only {n} experts, fewer than the {per_dossier} each dossier needs: please add experts or lower the experts per dossier";
    INPUT_DRAW_RECUSED_TOO_MANY = "input.draw.recused_too_many", "「{unit}」回避后只剩{free}位可评审专家，少于所需的{per_dossier}位，请增加其他省份的专家", "After recusals only {free} experts can review “{unit}”, fewer than the {per_dossier} needed: please add experts from other provinces";
    INPUT_DRAW_MIN_LOAD = "input.draw.min_load", "回避限制过多，无法使每位专家至少评审{n}份材料，请增加专家或调整回避", "Recusals leave too little room to give every expert at least {n} dossiers: please add experts or change the recusals";
    INPUT_DRAW_UNBALANCED = "input.draw.unbalanced", "回避限制过多，只能安排{done}/{slots}个评审任务且保持工作量均衡，请增加专家或调整回避", "Recusals leave room for only {done}/{slots} reviews with balanced workloads: please add experts or change the recusals";
    INPUT_DRAW_ROTATION = "input.draw.rotation", "回避和轮换限制下无法完成抽取，请增加专家或调整回避", "The draw cannot be made with the recusals and the rotation: please add experts or change the recusals";
}
