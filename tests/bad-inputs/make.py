#!/usr/bin/env python3
"""Writes the bad-input corpus (tests/bad-inputs/*) deterministically, and expect.tsv.

Every file is something a clerk, an applicant or a careless tool could really produce. Run:

    pip install --break-system-packages openpyxl xlwt msoffcrypto-tool   # once
    python3 tests/bad-inputs/make.py

expect.tsv: file <TAB> importer <TAB> outcome <TAB> needle ...
  importer: dossiers | experts | scores | calendar | dossier_file | score_return
  outcome:  refused  -> the Chinese error must contain every needle, nothing stored
            accepted -> the importer rightly normalises the file; each needle is key=value
                        checked on the parsed rows (first data row) and the import succeeds
Files listed with the outcome but written by the test itself (too big to commit): see GENERATED
in crates/pingshen-core/tests/bad_inputs.rs (the 10 MB cell, the XLSX zip bomb).
"""

import base64
import datetime as dt
import hashlib
import io
import json
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECT = []
FIXED_TIME = (2014, 10, 20, 12, 0, 0)

DOSSIER_HEADERS = [
    "单位名称", "申报类别", "联系人", "联系电话", "提交日期", "规上工业企业数", "企业科协总数", "本年新建企业科协数", "本年组建任务数",
    "建立科协联系人制度企业数", "园区总数", "已建科协园区数", "国家级园区数", "已建科协国家级园区数", "院士专家工作站数",
    "县级联系点建会建站数", "配套资金（万元）", "组织领导情况", "组织建设成效", "服务企业创新情况", "特色做法",
]
EXPERT_HEADERS = ["姓名", "工作单位", "所在省份", "专业领域", "联系电话", "回避单位"]
SCORE_HEADERS = ["专家", "单位", "评分项", "得分", "意见"]
NARR = [
    "党组高度重视企业科协组织建设，列入重要议事日程，领导分管，专人负责。",
    "全年新建企业科协一百家，完成组建任务，园区科协覆盖率明显提高。",
    "深入开展讲理想比贡献活动和金桥工程，建成院士专家工作站三十家。",
    "总结推广三带工作法，推动一业一会，组建区域企业科协联合会。",
]


def drow(unit="江苏省科协", award="后补助", date="2014-10-20"):
    r = [unit, award, "张伟", "027-87654321", date]
    r += ["10000", "1500", "100", "100", "400", "40", "20", "5", "4", "30", "5"]
    r.append("30" if award == "试点示范" else "")
    r += NARR
    return r


def col(name):
    return DOSSIER_HEADERS.index(name)


def with_(row, **kv):
    r = list(row)
    for k, v in kv.items():
        r[col(k)] = v
    return r


def csv_cell(s):
    s = str(s)
    if any(c in s for c in ',"\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def csv_text(headers, rows, sep=",", nl="\n"):
    lines = [sep.join(csv_cell(h) for h in headers)]
    lines += [sep.join(csv_cell(c) for c in r) for r in rows]
    return nl.join(lines) + nl


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def expect(name, importer, outcome, *needles):
    EXPECT.append((name, importer, outcome) + tuple(needles))


def refused(name, importer, *needles):
    expect(name, importer, "refused", *needles)


def accepted(name, importer, *checks):
    expect(name, importer, "accepted", *checks)


# ----------------------------------------------------------------------------------------------
# XLSX helpers (openpyxl; timestamps pinned so the bytes are reproducible)

def xlsx_bytes(sheets, tweak=None):
    """sheets: [(title, rows)]; tweak(wb) may edit the workbook before saving."""
    import openpyxl
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    if tweak:
        tweak(wb)
    fixed = dt.datetime(*FIXED_TIME)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    buf = io.BytesIO()
    wb.save(buf)
    return normalize_zip(buf.getvalue())


def normalize_zip(data):
    """Rewrites a zip with fixed entry times (openpyxl stamps the current time)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re
                body = re.sub(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>",
                              b'<dcterms:modified xsi:type="dcterms:W3CDTF">2014-10-20T12:00:00Z</dcterms:modified>', body)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, body)
    return out.getvalue()


def xlsx(name, headers, rows, tweak=None, title="Sheet1"):
    write(name, xlsx_bytes([(title, [headers] + rows)], tweak))


def num(row):
    """Counts as numbers (what Excel stores when typed)."""
    out = []
    for i, c in enumerate(row):
        if 5 <= i <= 16 and isinstance(c, str) and c.isdigit():
            out.append(int(c))
        else:
            out.append(c)
    return out


def xls_bytes(headers, rows):
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    for j, h in enumerate(headers):
        ws.write(0, j, h)
    for i, r in enumerate(rows):
        for j, c in enumerate(r):
            ws.write(i + 1, j, c)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ----------------------------------------------------------------------------------------------
# 申报汇总表 (dossiers). The test's database already holds 湖北省科协 后补助.

def dossiers():
    H = DOSSIER_HEADERS
    ok = drow()

    def dcsv(name, rows, headers=H, **kw):
        write(name, csv_text(headers, rows, **kw))

    # the file as a whole
    write("d01-empty-file.csv", b"")
    refused("d01-empty-file.csv", "dossiers", "第1行", "表头缺少列", "单位名称", "第一行应为")
    dcsv("d02-header-only.csv", [])
    refused("d02-header-only.csv", "dossiers", "文件中没有数据行")
    write("d03-only-empty-rows.csv", csv_text(H, []) + ",,,,,,,,,,,,,,,,,,,,\n\n,,  ,\n")
    refused("d03-only-empty-rows.csv", "dossiers", "文件中没有数据行")
    write("d04-title-row-above-header.csv", "2014年度企业科协工作后补助申报汇总表,,,,\n" + csv_text(H, [ok]))
    refused("d04-title-row-above-header.csv", "dossiers", "第1行", "表头缺少列", "第一行应为")
    dcsv("d05-missing-column.csv", [[c for i, c in enumerate(ok) if i != col("园区总数")]], headers=[h for h in H if h != "园区总数"])
    refused("d05-missing-column.csv", "dossiers", "表头缺少列「园区总数」")
    dcsv("d06-semicolon-separated.csv", [ok], sep=";")
    refused("d06-semicolon-separated.csv", "dossiers", "分号", "CSV UTF-8（逗号分隔）")
    write("d07-excel-unicode-text.txt", b"\xff\xfe" + csv_text(H, [ok], sep="\t", nl="\r\n").encode("utf-16-le"))
    refused("d07-excel-unicode-text.txt", "dossiers", "第1行", "制表符", "CSV UTF-8（逗号分隔）")
    write("d08-tab-separated.txt", csv_text(H, [ok], sep="\t"))
    refused("d08-tab-separated.txt", "dossiers", "制表符", "CSV UTF-8（逗号分隔）")
    write("d09-neither-utf8-nor-gbk.csv", csv_text(H, []).encode("utf-8") + "江苏省科协,后补助,".encode("utf-8") + b"\xff\xfe\xfd\x80\n")
    refused("d09-neither-utf8-nor-gbk.csv", "dossiers", "第2行", "不是UTF-8编码", "CSV UTF-8")
    write("d10-gbk-with-bom-and-crlf.csv", csv_text(H, [ok], nl="\r\n").encode("gb18030"))
    accepted("d10-gbk-with-bom-and-crlf.csv", "dossiers", "unit_code=320000", "contact_name=张伟", "note=GBK")
    write("d11-utf8-bom-crlf.csv", b"\xef\xbb\xbf" + csv_text(H, [ok], nl="\r\n").encode())
    accepted("d11-utf8-bom-crlf.csv", "dossiers", "unit_code=320000", "submitted_on=2014-10-20")
    write("d12-unclosed-quote.csv", csv_text(H, [ok]) + '浙江省科协,后补助,"王五,027-1\n')
    refused("d12-unclosed-quote.csv", "dossiers", "第3行", "引号未闭合")
    write("d13-ragged-short-row.csv", csv_text(H, []) + "江苏省科协,后补助,张伟\n")
    refused("d13-ragged-short-row.csv", "dossiers", "第2行「提交日期」列", "不能为空")
    write("d14-pdf-instead.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    refused("d14-pdf-instead.pdf", "dossiers", "文件类型不支持", ".xlsx")
    write("d15-no-extension", csv_text(H, [ok]))
    refused("d15-no-extension", "dossiers", "文件类型不支持", ".csv")
    write("d16-xlsx-renamed.csv", xlsx_bytes([("Sheet1", [H, num(ok)])]))
    refused("d16-xlsx-renamed.csv", "dossiers", "Excel工作簿", ".xlsx")
    write("d17-html-table-saved-as.xls",
          ("<html><head><meta charset=utf-8></head><body><table><tr>" + "".join(f"<td>{h}</td>" for h in H) + "</tr><tr>"
           + "".join(f"<td>{c}</td>" for c in ok) + "</tr></table></body></html>").encode())
    refused("d17-html-table-saved-as.xls", "dossiers", "网页", "另存为")

    # the unit
    dcsv("d20-unit-not-eligible.csv", [with_(ok, 单位名称="苏州市科协")])
    refused("d20-unit-not-eligible.csv", "dossiers", "第2行「单位名称」列", "不是可申报单位")
    dcsv("d21-unit-typo.csv", [with_(ok, 单位名称="江苏科技协会")])
    refused("d21-unit-typo.csv", "dossiers", "第2行「单位名称」列", "江苏省科学技术协会")
    dcsv("d22-unit-trailing-spaces.csv", [with_(ok, 单位名称="江苏省科协   ")])
    accepted("d22-unit-trailing-spaces.csv", "dossiers", "unit_code=320000")
    dcsv("d23-unit-nbsp-and-ideographic-space.csv", [with_(ok, 单位名称="\u00a0江苏省科协\u3000")])
    accepted("d23-unit-nbsp-and-ideographic-space.csv", "dossiers", "unit_code=320000")
    dcsv("d24-unit-zero-width-space.csv", [with_(ok, 单位名称="江苏省\u200b科协")])
    accepted("d24-unit-zero-width-space.csv", "dossiers", "unit_code=320000")
    dcsv("d25-unit-empty-rest-filled.csv", [with_(ok, 单位名称="")])
    refused("d25-unit-empty-rest-filled.csv", "dossiers", "第2行「单位名称」列", "不能为空")
    dcsv("d26-already-in-database.csv", [with_(ok, 单位名称="湖北省科协")])
    refused("d26-already-in-database.csv", "dossiers", "第2行「单位名称」列", "已在库中", "先退回")
    dcsv("d27-duplicate-rows.csv", [ok, ok])
    refused("d27-duplicate-rows.csv", "dossiers", "第3行「单位名称」列", "与第2行重复", "删除其中一行")
    dcsv("d28-duplicate-after-trailing-space.csv", [ok, with_(ok, 单位名称="江苏省科协 ")])
    refused("d28-duplicate-after-trailing-space.csv", "dossiers", "第3行「单位名称」列", "与第2行重复")

    # award, date
    dcsv("d30-award-unknown.csv", [with_(ok, 申报类别="一等奖")])
    refused("d30-award-unknown.csv", "dossiers", "第2行「申报类别」列", "「一等奖」不是有效类别", "试点示范")
    dcsv("d31-award-empty.csv", [with_(ok, 申报类别="")])
    refused("d31-award-empty.csv", "dossiers", "第2行「申报类别」列", "不能为空")
    dcsv("d32-date-excel-serial-as-text.csv", [with_(ok, 提交日期="41932")])
    refused("d32-date-excel-serial-as-text.csv", "dossiers", "第2行「提交日期」列", "「41932」不是日期", "YYYY-MM-DD")
    dcsv("d33-date-us-order.csv", [with_(ok, 提交日期="10/20/2014")])
    refused("d33-date-us-order.csv", "dossiers", "第2行「提交日期」列", "不是日期", "YYYY-MM-DD")
    dcsv("d34-date-feb-30.csv", [with_(ok, 提交日期="2014-02-30")])
    refused("d34-date-feb-30.csv", "dossiers", "第2行「提交日期」列", "「2014-02-30」不是日期")
    dcsv("d35-date-chinese.csv", [with_(ok, 提交日期="2014年10月20日")])
    accepted("d35-date-chinese.csv", "dossiers", "submitted_on=2014-10-20")
    dcsv("d36-date-empty.csv", [with_(ok, 提交日期="")])
    refused("d36-date-empty.csv", "dossiers", "第2行「提交日期」列", "不能为空", "YYYY-MM-DD")
    dcsv("d37-date-with-time.csv", [with_(ok, 提交日期="2014-10-20 14:30")])
    refused("d37-date-with-time.csv", "dossiers", "第2行「提交日期」列", "不是日期")
    dcsv("d38-date-fullwidth-digits.csv", [with_(ok, 提交日期="２０１４－１０－２０")])
    accepted("d38-date-fullwidth-digits.csv", "dossiers", "submitted_on=2014-10-20")

    # numbers
    dcsv("d40-fullwidth-digits.csv", [with_(ok, 规上工业企业数="１００００", 企业科协总数="１５００")])
    accepted("d40-fullwidth-digits.csv", "dossiers", "industrial_enterprises=10000", "associations_total=1500")
    dcsv("d41-thousands-separator.csv", [with_(ok, 规上工业企业数="10,000", 企业科协总数="1，500")])
    accepted("d41-thousands-separator.csv", "dossiers", "industrial_enterprises=10000", "associations_total=1500")
    dcsv("d42-count-decimal.csv", [with_(ok, 园区总数="40.5")])
    refused("d42-count-decimal.csv", "dossiers", "第2行「园区总数」列", "「40.5」不是整数")
    dcsv("d43-count-negative.csv", [with_(ok, 企业科协总数="-5")])
    refused("d43-count-negative.csv", "dossiers", "第2行「企业科协总数」列", "负数", "0或正整数")
    dcsv("d44-count-words.csv", [with_(ok, 园区总数="约40个")])
    refused("d44-count-words.csv", "dossiers", "第2行「园区总数」列", "「约40个」不是整数", "填写数字")
    dcsv("d45-formula-text-in-csv.csv", [with_(ok, 企业科协总数="=SUM(B2:B9)")])
    refused("d45-formula-text-in-csv.csv", "dossiers", "第2行「企业科协总数」列", "不是整数")
    dcsv("d46-excel-error-in-csv.csv", [with_(ok, 企业科协总数="#VALUE!")])
    refused("d46-excel-error-in-csv.csv", "dossiers", "第2行「企业科协总数」列", "「#VALUE!」不是整数")
    dcsv("d47-part-greater-than-whole.csv", [with_(ok, 已建科协园区数="50")])
    refused("d47-part-greater-than-whole.csv", "dossiers", "第2行「已建科协园区数」列", "大于「园区总数」", "请核对")
    dcsv("d48-money-negative.csv", [with_(ok, 申报类别="试点示范", **{"配套资金（万元）": "-30"})])
    refused("d48-money-negative.csv", "dossiers", "第2行「配套资金（万元）」列", "不能为负数")
    dcsv("d49-money-three-decimals.csv", [with_(ok, 申报类别="试点示范", **{"配套资金（万元）": "12.345"})])
    refused("d49-money-three-decimals.csv", "dossiers", "第2行「配套资金（万元）」列", "最多两位小数")
    dcsv("d50-money-with-unit.csv", [with_(ok, 申报类别="试点示范", **{"配套资金（万元）": "30万元"})])
    refused("d50-money-with-unit.csv", "dossiers", "第2行「配套资金（万元）」列", "「30万元」不是金额", "以万元为单位")
    dcsv("d51-money-in-yuan-with-separators.csv", [with_(ok, 申报类别="试点示范", **{"配套资金（万元）": "300,000"})])
    accepted("d51-money-in-yuan-with-separators.csv", "dossiers", "matching_funds_yuan=3000000000")
    dcsv("d52-count-huge.csv", [with_(ok, 规上工业企业数="99999999999999999999")])
    refused("d52-count-huge.csv", "dossiers", "第2行「规上工业企业数」列", "不是整数")
    dcsv("d53-count-with-trailing-space.csv", [with_(ok, 园区总数="40 ")])
    accepted("d53-count-with-trailing-space.csv", "dossiers", "zones=40")
    dcsv("d54-header-halfwidth-parens-and-spaces.csv", [ok], headers=[h.replace("（", "(").replace("）", ")").replace("单位名称", "单位 名称") for h in H])
    accepted("d54-header-halfwidth-parens-and-spaces.csv", "dossiers", "unit_code=320000")
    rows = [with_(drow(), 规上工业企业数="x", 企业科协总数="y", 园区总数="z") for _ in range(120)]
    dcsv("d55-hundreds-of-problems.csv", rows)
    refused("d55-hundreds-of-problems.csv", "dossiers", "第2行「规上工业企业数」列", "不是整数")
    dcsv("d56-control-characters.csv", [with_(ok, 联系人="张\x07伟", 组织领导情况="重视\x00组织建设")])
    refused("d56-control-characters.csv", "dossiers", "第2行「联系人」列", "控制字符")
    dcsv("d57-several-problems-in-one-row.csv", [with_(ok, 单位名称="苏州市科协", 申报类别="优秀奖", 提交日期="2014-13-01", 园区总数="abc")])
    refused("d57-several-problems-in-one-row.csv", "dossiers", "第2行「单位名称」列", "第2行「申报类别」列", "第2行「提交日期」列", "第2行「园区总数」列")

    # XLSX
    def merged_award(wb):
        ws = wb.active
        ws.merge_cells("B2:B3")
    xlsx("x01-merged-award-cells.xlsx", H, [num(drow("江苏省科协")), num(with_(drow("浙江省科协"), 申报类别=None))], merged_award)
    refused("x01-merged-award-cells.xlsx", "dossiers", "第3行「申报类别」列", "合并单元格")

    def hide_first(wb):
        wb.worksheets[0].sheet_state = "hidden"
        wb.active = 1
    write("x02-hidden-first-sheet.xlsx", xlsx_bytes([("旧数据", [H, num(drow("湖北省科协"))]), ("申报汇总表", [H, num(ok)])], hide_first))
    accepted("x02-hidden-first-sheet.xlsx", "dossiers", "unit_code=320000")
    write("x03-instructions-sheet-first.xlsx", xlsx_bytes([("填表说明", [["请在第二个工作表填写"]]), ("申报汇总表", [H, num(ok)])]))
    refused("x03-instructions-sheet-first.xlsx", "dossiers", "工作表「填表说明」", "表头缺少列")

    def formulas(wb):
        ws = wb.active
        ws["F2"] = "=9000+1000"
        ws["G2"] = "=F2*0.15"
    xlsx("x04-formulas-without-cached-values.xlsx", H, [num(ok)], formulas)
    refused("x04-formulas-without-cached-values.xlsx", "dossiers", "第2行「规上工业企业数」列", "公式", "数值")
    xlsx("x05-numbers-stored-as-text.xlsx", H, [ok])
    accepted("x05-numbers-stored-as-text.xlsx", "dossiers", "industrial_enterprises=10000")
    xlsx("x06-date-as-serial-number.xlsx", H, [with_(num(ok), 提交日期=41932)])
    accepted("x06-date-as-serial-number.xlsx", "dossiers", "submitted_on=2014-10-20")

    def date_cells(wb):
        wb.active["E2"] = dt.datetime(2014, 10, 20, 15, 45)
        wb.active["E2"].number_format = "yyyy-mm-dd hh:mm"
    xlsx("x07-date-cell-with-time.xlsx", H, [num(ok)], date_cells)
    accepted("x07-date-cell-with-time.xlsx", "dossiers", "submitted_on=2014-10-20")
    xlsx("x08-error-value-cell.xlsx", H, [with_(num(ok), 企业科协总数="#DIV/0!")])
    refused("x08-error-value-cell.xlsx", "dossiers", "第2行「企业科协总数」列", "#DIV/0!", "不是整数")
    xlsx("x09-boolean-cell.xlsx", H, [with_(num(ok), 园区总数=True)])
    refused("x09-boolean-cell.xlsx", "dossiers", "第2行「园区总数」列", "不是整数")
    xlsx("x10-empty-sheet.xlsx", [], [])
    refused("x10-empty-sheet.xlsx", "dossiers", "表头缺少列", "单位名称")
    xlsx("x11-title-row-merged-above-header.xlsx", ["2014年度申报汇总表"], [H, num(ok)], lambda wb: wb.active.merge_cells("A1:U1"))
    refused("x11-title-row-merged-above-header.xlsx", "dossiers", "第1行", "表头缺少列", "第一行应为")

    def stray(wb):
        wb.active["XFD1048576"] = "x"
    xlsx("x12-stray-value-in-last-cell.xlsx", H, [num(ok)], stray)
    # only the table (as wide as its header row) is read; the stray cell costs nothing
    accepted("x12-stray-value-in-last-cell.xlsx", "dossiers", "unit_code=320000", "rows=1")
    xlsx("x13-count-decimal-number.xlsx", H, [with_(num(ok), 园区总数=40.5)])
    refused("x13-count-decimal-number.xlsx", "dossiers", "第2行「园区总数」列", "「40.5」不是整数")
    xlsx("x14-fullwidth-digits-as-text.xlsx", H, [with_(num(ok), 园区总数="４０")])
    accepted("x14-fullwidth-digits-as-text.xlsx", "dossiers", "zones=40")
    xlsx("x15-empty-rows-between.xlsx", H, [num(ok), [None] * 21, [], num(drow("浙江省科协"))])
    accepted("x15-empty-rows-between.xlsx", "dossiers", "unit_code=320000", "rows=2")

    def protect(wb):
        wb.active.protection.sheet = True
        wb.active.protection.password = "123"
    xlsx("x16-sheet-protection.xlsx", H, [num(ok)], protect)
    accepted("x16-sheet-protection.xlsx", "dossiers", "unit_code=320000")
    write("x17-xls-renamed-xlsx.xlsx", xls_bytes(H, [with_(ok, 单位名称="苏州市科协")]))
    refused("x17-xls-renamed-xlsx.xlsx", "dossiers", "第2行「单位名称」列", "不是可申报单位")
    write("x18-real-xls.xls", xls_bytes(H, [ok]))
    accepted("x18-real-xls.xls", "dossiers", "unit_code=320000")
    good = xlsx_bytes([("Sheet1", [H, num(ok)])])
    write("x19-truncated.xlsx", good[: len(good) // 2])
    refused("x19-truncated.xlsx", "dossiers", "无法读取工作簿", "损坏")
    write("x20-csv-renamed.xlsx", csv_text(H, [ok]))
    refused("x20-csv-renamed.xlsx", "dossiers", "文本", ".csv")
    write("x21-zero-bytes.xlsx", b"")
    refused("x21-zero-bytes.xlsx", "dossiers", "空文件")
    write("x22-password-protected.xlsx", encrypt(good))
    refused("x22-password-protected.xlsx", "dossiers", "密码", "取消")

    def hide_col(wb):
        wb.active.column_dimensions["C"].hidden = True
    xlsx("x23-hidden-column.xlsx", H, [num(ok)], hide_col)
    accepted("x23-hidden-column.xlsx", "dossiers", "contact_name=张伟")
    xlsx("x24-merged-header-cells.xlsx", H[:5] + [None] + H[6:], [num(ok)], lambda wb: wb.active.merge_cells("E1:F1"))
    refused("x24-merged-header-cells.xlsx", "dossiers", "表头缺少列「规上工业企业数」")
    write("x25-docx-renamed.xlsx", docx_like())
    refused("x25-docx-renamed.xlsx", "dossiers", "无法读取工作簿")
    xlsx("x26-leading-apostrophe-and-spaces.xlsx", H, [with_(num(ok), 联系人="  张伟\u00a0", 园区总数=" 40 ")])
    accepted("x26-leading-apostrophe-and-spaces.xlsx", "dossiers", "contact_name=张伟", "zones=40")


def encrypt(plain):
    """The workbook with a password to open (Excel: File → Info → Encrypt with password)."""
    from msoffcrypto.format.ooxml import OOXMLFile
    from msoffcrypto.method import ecma376_agile
    import random
    # msoffcrypto draws its salts and key at random; pinned here, yet ~88 bytes of the container
    # still differ from run to run: the committed file is the reference, the content is the same
    rnd = random.Random(2014)
    real = ecma376_agile._random_buffer
    ecma376_agile._random_buffer = lambda n: bytes(rnd.getrandbits(8) for _ in range(n))
    try:
        out = io.BytesIO()
        OOXMLFile(io.BytesIO(plain)).encrypt("2014", out)
        return out.getvalue()
    finally:
        ecma376_agile._random_buffer = real


def docx_like():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in [
            ("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
            ("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>申报汇总表</w:t></w:r></w:p></w:body></w:document>'),
        ]:
            zi = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, body)
    return out.getvalue()


# ----------------------------------------------------------------------------------------------
# 评审专家库 (experts). The test's database already holds 王建国.

def experts():
    H = EXPERT_HEADERS
    ok = ["李明", "天津大学", "天津市", "科技管理", "13800000000", ""]

    def e(name, rows, headers=H, **kw):
        write(name, csv_text(headers, rows, **kw))

    def w(**kv):
        r = list(ok)
        for k, v in kv.items():
            r[H.index(k)] = v
        return r

    e("e01-province-empty.csv", [w(所在省份="")])
    refused("e01-province-empty.csv", "experts", "第2行「所在省份」列", "不能为空")
    e("e02-province-region-not-province.csv", [w(所在省份="华北")])
    refused("e02-province-region-not-province.csv", "experts", "第2行「所在省份」列", "「华北」不是省级行政区", "湖北省")
    e("e03-duplicate-names.csv", [ok, w(工作单位="南开大学")])
    refused("e03-duplicate-names.csv", "experts", "第3行「姓名」列", "与第2行重复", "加以区分")
    e("e04-duplicate-after-nbsp.csv", [ok, w(姓名="李明\u00a0")])
    refused("e04-duplicate-after-nbsp.csv", "experts", "第3行「姓名」列", "与第2行重复")
    e("e05-conflict-unit-unknown.csv", [w(回避单位="某某市科协")])
    refused("e05-conflict-unit-unknown.csv", "experts", "第2行「回避单位」列", "不是可申报单位", "「；」分隔")
    e("e06-conflicts-comma-separated.csv", [w(回避单位="湖北省科协,江苏省科协")])
    refused("e06-conflicts-comma-separated.csv", "experts", "第2行「回避单位」列", "「；」分隔")
    e("e07-missing-employer-column.csv", [[c for i, c in enumerate(ok) if i != 1]], headers=[h for h in H if h != "工作单位"])
    refused("e07-missing-employer-column.csv", "experts", "表头缺少列「工作单位」")
    e("e08-already-in-database.csv", [w(姓名="王建国")])
    refused("e08-already-in-database.csv", "experts", "第2行「姓名」列", "已在专家库中")
    write("e09-gbk.csv", csv_text(H, [ok]).encode("gbk"))
    accepted("e09-gbk.csv", "experts", "name=李明", "province=天津", "note=GBK")
    e("e10-name-empty.csv", [w(姓名="")])
    refused("e10-name-empty.csv", "experts", "第2行「姓名」列", "不能为空")
    e("e11-province-with-spaces.csv", [w(所在省份=" 天 津 市\u3000")])
    accepted("e11-province-with-spaces.csv", "experts", "province=天津")
    e("e12-conflicts-chinese-separators.csv", [w(回避单位="湖北省科协；江苏省科协、浙江省科协")])
    accepted("e12-conflicts-chinese-separators.csv", "experts", "conflicts=420000;320000;330000")
    e("e13-name-zero-width.csv", [w(姓名="\ufeff李\u200b明")])
    accepted("e13-name-zero-width.csv", "experts", "name=李明")
    e("e14-dossier-file-given.csv", [drow()], headers=DOSSIER_HEADERS)
    refused("e14-dossier-file-given.csv", "experts", "表头缺少列「姓名」", "第一行应为")
    write("e15-utf16.txt", b"\xff\xfe" + csv_text(H, [ok], sep="\t").encode("utf-16-le"))
    refused("e15-utf16.txt", "experts", "制表符")
    write("e23-utf16-commas.csv", b"\xff\xfe" + csv_text(H, [ok]).encode("utf-16-le"))
    accepted("e23-utf16-commas.csv", "experts", "name=李明", "note=UTF-16")
    e("e16-header-only.csv", [])
    refused("e16-header-only.csv", "experts", "文件中没有数据行")

    def merged(wb):
        wb.active.merge_cells("B2:B3")
    xlsx("e17-merged-employer.xlsx", H, [ok, w(姓名="张华", 工作单位=None, 所在省份="河北省")], merged)
    refused("e17-merged-employer.xlsx", "experts", "第3行「工作单位」列", "合并单元格")
    xlsx("e18-phone-as-number.xlsx", H, [w(联系电话=13800000000)])
    accepted("e18-phone-as-number.xlsx", "experts", "phone=13800000000")
    xlsx("e19-phone-scientific.xlsx", H, [w(联系电话=1.38e10)])
    accepted("e19-phone-scientific.xlsx", "experts", "phone=13800000000")
    e("e20-semicolon-separated.csv", [ok], sep=";")
    refused("e20-semicolon-separated.csv", "experts", "分号")
    e("e21-province-abbreviation.csv", [w(所在省份="津")])
    refused("e21-province-abbreviation.csv", "experts", "第2行「所在省份」列", "不是省级行政区")
    e("e22-conflict-trailing-separator.csv", [w(回避单位="湖北省科协；")])
    accepted("e22-conflict-trailing-separator.csv", "experts", "conflicts=420000")


# ----------------------------------------------------------------------------------------------
# 评分录入 (scores). The test's database is at the review stage: the 2014 fixture of
# crates/pingshen-core/tests/support (draw seed 7); ASSIGNED below is one of its drawn pairs.

ASSIGNED = ("王建国", "湖北省科协")  # drawn (subsidy) in that fixture; 王建国 × 江苏 is not
NOT_ASSIGNED = ("王建国", "江苏省科协")


def scores():
    H = SCORE_HEADERS
    ex, unit = ASSIGNED

    def s(name, rows, headers=H, **kw):
        write(name, csv_text(headers, rows, **kw))

    s("s01-score-in-words.csv", [[ex, unit, "leadership", "八", ""]])
    refused("s01-score-in-words.csv", "scores", "第2行「得分」列", "「八」不是数字", "8.5")
    s("s02-score-empty.csv", [[ex, unit, "leadership", "", ""]])
    refused("s02-score-empty.csv", "scores", "第2行「得分」列", "不能为空")
    s("s03-score-with-unit.csv", [[ex, unit, "leadership", "8分", ""]])
    refused("s03-score-with-unit.csv", "scores", "第2行「得分」列", "「8分」不是数字")
    s("s04-decimal-comma.csv", [[ex, unit, "leadership", "8,5", ""]])
    refused("s04-decimal-comma.csv", "scores", "第2行「得分」列", "「8,5」不是数字")
    s("s05-expert-not-in-library.csv", [["钱七", unit, "leadership", "8", ""]])
    refused("s05-expert-not-in-library.csv", "scores", "第2行「专家」列", "「钱七」不在本年度专家库中")
    s("s06-unit-not-eligible.csv", [[ex, "苏州市科协", "leadership", "8", ""]])
    refused("s06-unit-not-eligible.csv", "scores", "第2行「单位」列", "不是可申报单位")
    s("s07-unit-without-dossier.csv", [[ex, "北京市科协", "leadership", "8", ""]])
    refused("s07-unit-without-dossier.csv", "scores", "第2行「单位」列", "没有申报材料")
    s("s08-criterion-unknown.csv", [[ex, "江苏省科协", "创新性", "8", ""]])
    refused("s08-criterion-unknown.csv", "scores", "第2行「评分项」列", "「创新性」不在该单位所申报类别的评分细则中")
    s("s09-award-unknown.csv", [[ex, unit, "leadership", "8", "", "一等奖"]], headers=H + ["类别"])
    refused("s09-award-unknown.csv", "scores", "第2行「类别」列", "「一等奖」不是有效类别")
    s("s10-missing-score-column.csv", [[ex, unit, "leadership", ""]], headers=["专家", "单位", "评分项", "意见"])
    refused("s10-missing-score-column.csv", "scores", "表头缺少列「得分」")
    s("s11-header-only.csv", [])
    refused("s11-header-only.csv", "scores", "文件中没有数据行")
    s("s12-not-assigned.csv", [[NOT_ASSIGNED[0], NOT_ASSIGNED[1], "leadership", "8", "", "后补助"]], headers=H + ["类别"])
    refused("s12-not-assigned.csv", "scores", "第2行「专家」列", "未被分配评审")
    s("s13-incomplete-sheet.csv", [[ex, unit, "leadership", "8", "", "后补助"]], headers=H + ["类别"])
    refused("s13-incomplete-sheet.csv", "scores", "第2行「评分项」列", "评分不完整", "缺少")
    s("s14-score-above-max.csv", [[ex, unit, "leadership", "11", "", "后补助"]], headers=H + ["类别"])
    refused("s14-score-above-max.csv", "scores", "第2行「得分」列", "超出范围", "0至10")
    s("s15-score-not-half-step.csv", [[ex, unit, "leadership", "8.3", "", "后补助"]], headers=H + ["类别"])
    refused("s15-score-not-half-step.csv", "scores", "第2行「得分」列", "0.5分的整数倍")
    s("s16-score-negative.csv", [[ex, unit, "leadership", "-1", "", "后补助"]], headers=H + ["类别"])
    refused("s16-score-negative.csv", "scores", "第2行「得分」列", "超出范围")
    s("s17-auto-criterion-entered.csv", [[ex, unit, "task_completion", "10", "", "后补助"]], headers=H + ["类别"])
    refused("s17-auto-criterion-entered.csv", "scores", "第2行「评分项」列", "自动计算，不能录入")
    s("s18-both-awards-ambiguous.csv", [[ex, unit, "zone_coverage", "8", ""]])
    refused("s18-both-awards-ambiguous.csv", "scores", "第2行「类别」列", "请在「类别」列注明")
    xlsx("s19-float-noise.xlsx", H, [[ex, unit, "leadership", 8.499999999, ""]])
    refused("s19-float-noise.xlsx", "scores", "第2行「得分」列", "0.5分的整数倍")

    def merged(wb):
        wb.active.merge_cells("A2:A3")
    xlsx("s20-merged-expert-cells.xlsx", H, [[ex, unit, "leadership", 8, ""], [None, unit, "planning", 8, ""]], merged)
    refused("s20-merged-expert-cells.xlsx", "scores", "第3行「专家」列", "合并单元格")
    s("s21-fullwidth-score.csv", [[ex, unit, "leadership", "８.５", ""]])
    accepted("s21-fullwidth-score.csv", "scores", "points=8.50", "expert=" + ex)
    s("s22-duplicate-criterion.csv", [[ex, unit, "leadership", "8", "", "后补助"], [ex, unit, "leadership", "9", "", "后补助"]], headers=H + ["类别"])
    refused("s22-duplicate-criterion.csv", "scores", "第2行「评分项」列", "出现多次")
    s("s23-score-text-with-spaces.csv", [[ex, unit, "leadership", " 8.5 ", ""]])
    accepted("s23-score-text-with-spaces.csv", "scores", "points=8.50")
    s("s24-expert-trailing-nbsp.csv", [[ex + "\u00a0", unit, "leadership", "8", "", "后补助"]], headers=H + ["类别"])
    refused("s24-expert-trailing-nbsp.csv", "scores", "第2行「评分项」列", "评分不完整")
    s("s25-formula-text.csv", [[ex, unit, "leadership", "=4+4", ""]])
    refused("s25-formula-text.csv", "scores", "第2行「得分」列", "「=4+4」不是数字")

    def formula(wb):
        wb.active["D2"] = "=4+4"
    xlsx("s26-formula-without-cached-value.xlsx", H, [[ex, unit, "leadership", 0, ""]], formula)
    refused("s26-formula-without-cached-value.xlsx", "scores", "第2行「得分」列", "公式")


# ----------------------------------------------------------------------------------------------
# 国务院办公厅节假日安排通知 (calendar). The bundled calendar ends with 2026; 2027 is importable.

WD = "一二三四五六日"


def d27(m, d):
    x = dt.date(2027, m, d)
    return f"{m}月{d}日（周{WD[x.weekday()]}）"


def notice(items, year=2027):
    return f"国务院办公厅关于{year}年部分节假日安排的通知\n国办发明电〔2026〕9号\n\n各省、自治区、直辖市人民政府：\n" + "\n".join(items) + "\n国务院办公厅\n"


GOOD_ITEMS = [
    f"一、元旦：{d27(1, 1)}放假1天，不调休。",
    f"二、春节：{d27(2, 6)}至{d27(2, 13)[2:]}放假调休，共8天。{d27(2, 14)}、{d27(2, 20)}上班。",
    f"三、清明节：{d27(4, 3)}至{d27(4, 5)[2:]}放假，共3天。",
]


def calendar():
    def c(name, text, enc="utf-8"):
        write(name, text.encode(enc) if isinstance(text, str) else text)

    c("c01-empty.txt", "")
    refused("c01-empty.txt", "calendar", "未找到通知的年份", "标题")
    c("c02-items-without-title.txt", "\n".join(GOOD_ITEMS))
    refused("c02-items-without-title.txt", "calendar", "未找到通知的年份")
    c("c03-title-only.txt", notice([]))
    refused("c03-title-only.txt", "calendar", "未找到节假日安排条目", "全文")
    c("c04-wrong-weekday.txt", notice([GOOD_ITEMS[0].replace("周五", "周六")]))
    refused("c04-wrong-weekday.txt", "calendar", "第5行", "1月1日是周五", "请核对")
    c("c05-stated-length-wrong.txt", notice([GOOD_ITEMS[2].replace("共3天", "共4天")]))
    refused("c05-stated-length-wrong.txt", "calendar", "第5行", "共4天", "3天")
    c("c06-makeup-on-weekday.txt", notice([f"一、元旦：{d27(1, 1)}放假1天。{d27(1, 4)}上班。"]))
    refused("c06-makeup-on-weekday.txt", "calendar", "第5行", "不是周末")
    c("c07-bundled-year.txt", notice(["一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。"], year=2026))
    refused("c07-bundled-year.txt", "calendar", "2026年", "已内置", "不能导入替换")
    c("c08-gbk.txt", notice(GOOD_ITEMS), enc="gbk")
    accepted("c08-gbk.txt", "calendar", "year=2027", "items=3")
    c("c09-utf16-notepad.txt", b"\xff\xfe" + notice(GOOD_ITEMS).encode("utf-16-le"))
    accepted("c09-utf16-notepad.txt", "calendar", "year=2027", "items=3")
    c("c10-chinese-numeral-dates.txt", notice(["一、端午节：六月十一日至十三日放假。"]))
    refused("c10-chinese-numeral-dates.txt", "calendar", "第5行", "端午节", "缺少月份")
    c("c11-date-in-other-year.txt", notice(["一、元旦：2028年1月1日（周六）放假1天。"]))
    refused("c11-date-in-other-year.txt", "calendar", "第5行", "不在2027年内")
    c("c12-feb-30.txt", notice(["一、春节：2月30日放假1天。"]))
    refused("c12-feb-30.txt", "calendar", "第5行", "2027年2月30日不是有效日期")
    c("c13-overlapping-holidays.txt", notice([GOOD_ITEMS[0], f"二、新年：{d27(1, 1)}放假1天。"]))
    refused("c13-overlapping-holidays.txt", "calendar", "第6行", "既列为「元旦」假期")
    c("c14-unclosed-bracket.txt", notice(["一、元旦：1月1日（周五放假1天。"]))
    refused("c14-unclosed-bracket.txt", "calendar", "第5行", "括号没有闭合")
    c("c15-copied-html.html", "<html><body><p>国务院办公厅关于2027年部分节假日安排的通知</p><p>" + "</p><p>".join(GOOD_ITEMS) + "</p></body></html>")
    refused("c15-copied-html.html", "calendar", "未找到节假日安排条目")
    c("c16-pdf-instead.pdf", b"%PDF-1.4\n\x80\x81\xfe\xff binary \x00\x01")
    refused("c16-pdf-instead.pdf", "calendar", "既不是UTF-8编码，也不是GBK编码")
    c("c17-end-before-start.txt", notice([f"一、清明节：{d27(4, 5)}至{d27(4, 3)[2:]}放假。"]))
    refused("c17-end-before-start.txt", "calendar", "第5行", "早于开始日期")
    c("c18-makeup-listed-twice.txt", notice([f"一、春节：{d27(2, 6)}至{d27(2, 13)[2:]}放假调休，共8天。{d27(2, 14)}、{d27(2, 14)}上班。"]))
    refused("c18-makeup-listed-twice.txt", "calendar", "第5行", "列出了两次")
    c("c19-fullwidth-and-spaces.txt", notice(["一、元旦： １月１日（周五） 放假１天，不调休。"]))
    accepted("c19-fullwidth-and-spaces.txt", "calendar", "year=2027", "items=1")
    c("c20-extra-words-in-item.txt", notice([GOOD_ITEMS[0].replace("不调休。", "不调休，请各单位做好值班安排。")]))
    refused("c20-extra-words-in-item.txt", "calendar", "第5行", "无法识别")
    c("c21-makeup-inside-holiday.txt", notice([f"一、春节：{d27(2, 6)}至{d27(2, 13)[2:]}放假调休，共8天。{d27(2, 7)}上班。"]))
    refused("c21-makeup-inside-holiday.txt", "calendar", "第5行", "又是调休上班日")


# ----------------------------------------------------------------------------------------------
# exchange files: 申报材料文件 (dossier_file) and 评分回执 (score_return), see docs/exchange-format.md

SIGN_SEED = bytes(range(32))


def signed_container(manifest_edit=None, parts=None, sig_edit=None, extra=None, skip=()):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives import serialization
    key = Ed25519PrivateKey.from_private_bytes(SIGN_SEED)
    pub = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
    if parts is None:
        parts = {"dossier.json": dossier_json()}
    m = {
        "format": "pingshen-exchange", "version": 1, "kind": "dossier-file", "year": 2014,
        "database_id": "a0b1c2d3e4f5", "package_id": "", "created_at": "2014-10-20T12:00:00Z", "signer": pub,
        "parts": [{"name": n, "sha256": hashlib.sha256(b).hexdigest(), "size": len(b)} for n, b in sorted(parts.items())],
    }
    if manifest_edit:
        manifest_edit(m)
    mb = json.dumps(m, ensure_ascii=False, indent=2).encode()
    sig = key.sign(mb).hex().encode()
    if sig_edit:
        sig = sig_edit(sig)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        entries = [("manifest.json", mb), ("manifest.sig", sig)] + sorted(parts.items()) + list((extra or {}).items())
        for n, b in entries:
            if n in skip:
                continue
            zi = zipfile.ZipInfo(n, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, b)
    return out.getvalue()


def dossier_json(unit_code="320000", attachments=()):
    body = {
        "input": {
            "unit_code": unit_code, "award": "subsidy", "contact_name": "张伟", "contact_phone": "025-1", "submitted_on": None,
            "indicators": {"industrial_enterprises": 10000, "associations_total": 1500, "associations_new": 100, "building_task": 100,
                           "liaison_enterprises": 400, "zones": 40, "zones_with_association": 20, "national_zones": 5,
                           "national_zones_with_association": 4, "workstations": 30, "county_points": 5},
            "matching_funds_yuan": 0,
            "narratives": {"leadership": NARR[0], "building": NARR[1], "services": NARR[2], "distinctive": NARR[3]},
        },
        "applicant_on": "2014-10-20",
        "attachments": list(attachments),
    }
    return json.dumps(body, ensure_ascii=False).encode()


def exchange():
    def f(name, data, *needles):
        write(name, data)
        refused(name, "dossier_file", *needles)

    f("f01-empty.pingshen", b"", "不是评审台交换文件")
    f("f02-random-bytes.pingshen", bytes((i * 7919 + 13) % 256 for i in range(2048)), "不是评审台交换文件")
    good = signed_container()
    f("f03-truncated.pingshen", good[: len(good) * 2 // 3], "损坏")
    f("f04-xlsx-instead.pingshen", xlsx_bytes([("Sheet1", [DOSSIER_HEADERS, num(drow())])]), "缺少「manifest.json」")
    f("f05-manifest-not-json.pingshen", zip_of({"manifest.json": b"{not json", "manifest.sig": b"00"}), "manifest.json）无法识别")
    f("f06-other-format.pingshen", signed_container(lambda m: m.update(format="other-app")), "不是评审台交换文件")
    f("f07-newer-version.pingshen", signed_container(lambda m: m.update(version=2)), "版本2不受支持", "升级")
    f("f08-bad-signature.pingshen", signed_container(sig_edit=lambda s: b"0" * len(s)), "签名不符")
    tampered = {"dossier.json": dossier_json()}
    f("f09-part-altered.pingshen", signed_container(lambda m: m["parts"][0].update(sha256="0" * 64), parts=tampered), "与签名清单不符")
    f("f10-unlisted-part.pingshen", signed_container(extra={"attachments/extra.pdf": b"%PDF"}), "不在签名清单中")
    f("f11-score-return-kind.pingshen", signed_container(lambda m: m.update(kind="score-return")), "这是评分回执，不是申报材料文件")
    f("f12-dossier-json-garbled.pingshen", signed_container(parts={"dossier.json": b'{"input": 1}'}), "无法识别 dossier.json")
    f("f13-unknown-unit-code.pingshen", signed_container(parts={"dossier.json": dossier_json("999999")}), "单位代码「999999」不在47家可申报单位中")
    f("f14-other-year.pingshen", signed_container(lambda m: m.update(year=2015)), "是2015年度的申报材料")
    att = {"kind": "report", "file_name": "工作报告.pdf", "media_type": "application/pdf", "sha256": "ab" * 32}
    f("f15-missing-attachment.pingshen", signed_container(parts={"dossier.json": dossier_json(attachments=[att])}), "缺少附件「工作报告.pdf」")
    f("f16-signer-not-a-key.pingshen", signed_container(lambda m: m.update(signer="xyz")), "签名公钥无效")
    f("f17-no-signature.pingshen", signed_container(skip=("manifest.sig",)), "缺少「manifest.sig」")
    f("f18-part-size-lie.pingshen", signed_container(lambda m: m["parts"][0].update(size=10)), "损坏或被改动", "dossier.json")
    f("f19-unknown-kind.pingshen", signed_container(lambda m: m.update(kind="invoice")), "manifest.json）无法识别")

    def r(name, data, *needles):
        write(name, data)
        refused(name, "score_return", *needles)

    r("r01-empty.pingshen", b"", "评分回执", "损坏")
    r("r02-dossier-file-instead.pingshen", good, "评分回执", "损坏")
    r("r03-truncated-age-header.pingshen", b"age-encryption.org/v1\n-> X25519 ", "评分回执", "损坏")
    r("r04-csv-instead.pingshen", csv_text(SCORE_HEADERS, [["王建国", "湖北省科协", "leadership", "8", ""]]).encode(), "评分回执", "损坏")
    fake = ("age-encryption.org/v1\n-> X25519 " + base64.b64encode(bytes(32)).decode().rstrip("=") + "\n"
            + base64.b64encode(bytes(32)).decode().rstrip("=") + "\n--- " + base64.b64encode(bytes(32)).decode().rstrip("=") + "\n").encode() + bytes(64)
    r("r05-age-to-garbled-key.pingshen", fake, "评分回执", "损坏")


def zip_of(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in entries.items():
            zi = zipfile.ZipInfo(n, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, b)
    return out.getvalue()


def main():
    for name in os.listdir(HERE):
        if name not in ("make.py", "README.md"):
            os.remove(os.path.join(HERE, name))
    dossiers()
    experts()
    scores()
    calendar()
    exchange()
    # written by the test itself (too big to keep in the repository)
    refused("g01-10mb-cell.csv", "dossiers", "第2行「组织领导情况」列", "过长", "字")
    refused("g02-xlsx-zip-bomb.xlsx", "dossiers", "解压后", "过大")
    refused("g03-10mb-cell-experts.csv", "experts", "第2行「专业领域」列", "过长")
    with open(os.path.join(HERE, "expect.tsv"), "w", encoding="utf-8") as f:
        f.write("# file\timporter\toutcome\tneedles (refused: text the error must contain; accepted: key=value of the first parsed row)\n")
        for e in EXPECT:
            f.write("\t".join(e) + "\n")
    print(f"{len(EXPECT)} cases")


if __name__ == "__main__":
    main()
