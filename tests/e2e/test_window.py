"""End-to-end tests of the real window (debug build, front end embedded) under Xvfb.

1. tour: the 2014 demo year — every main screen of the secretariat and the expert, screenshots.
2. year: a fresh database — the secretariat imports dossiers (a refused file's problems first),
   recommends, draws; an expert scores a dossier with the keyboard only (bad values refused next to
   the field), submits, cannot edit afterwards; the secretariat sees the results, selects a pilot
   unit, runs the publicity with an objection, publishes and exports the notice (pdftotext finds
   「通报」). The database is checked after each step that matters.
"""

import csv
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import traceback
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from harness import ROOT, SHOTS, Window, cli
from exceptions_window import exceptions  # noqa: F401  (a scenario main() runs by name)
from offline_window import offline  # noqa: F401
from records_window import records  # noqa: F401
from next_year_window import next_year  # noqa: F401
from meeting_window import meeting  # noqa: F401

FAILED = []


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def local_login(w: Window):
    w.click("login-local")
    w.wait(lambda: "#/overview" in w.d.current_url, "the overview after login")
    w.settle()


def logout(w: Window):
    w.click("logout")
    w.wait(lambda: "#/login" in w.d.current_url, "the login page")
    w.settle(0.3)


def login(w: Window, name: str, password: str):
    w.fill("login-name", name)
    w.fill("login-password", password)
    w.click("login-submit")


def confirm_box(w: Window):
    """Confirms the open ElMessageBox."""
    btn = w.css(".el-message-box__btns .el-button--primary")
    btn.click()


def tour(work: Path):
    db = work / "demo.db"
    cli(db, "demo", "--inputs", str(work / "inputs"))
    w = Window(db, work)
    try:
        w.see("本机秘书处")
        title = w.d.title
        w.shot("01-login")
        local_login(w)
        check("评审台" in title and "2014" in title, f"page title {title!r}")
        native = w.wait(lambda: next((l for l in w.native_titles().splitlines() if "评审台" in l and "2014" in l), None), "the native window title with 评审台 and the year")
        print(f"     native window: {native.strip()[:120]}")
        w.see("2014年度评审工作总览")
        w.see("已发布")
        w.shot("02-overview")
        for route, text in [("dossiers", "湖北省科学技术协会"), ("recommend", "形式审查"), ("experts", "分配矩阵"), ("results", "综合得分"),
                            ("funding", "后补助已用 148.00 万元"), ("publicity", "科协计函企字"), ("documents", "通报"), ("audit", "操作日志"), ("settings", "评审规则")]:
            w.route(route)
            w.see(text)
            w.shot(f"03-{route}")
        # the arithmetic of one result
        w.route("results")
        w.all("result-row")[0].click()
        w.see("去掉一个最高分和一个最低分")
        w.settle()
        w.shot("04-result-detail")
        # audit verify from the window
        w.route("audit")
        w.click("audit-verify")
        w.see("操作日志完整")
        logout(w)
        # an expert of the demo year: their sheets are submitted and locked
        login(w, "王建华", "pingshen-2014")
        w.wait(lambda: "#/expert" in w.d.current_url, "my reviews")
        w.settle()
        w.see("已提交（已锁定）")
        w.shot("05-expert-reviews")
        w.all("review-row")[0].find_element(By.CSS_SELECTOR, "td").click()
        w.see("其他专家的评分")
        w.settle()
        w.shot("06-expert-sheet-locked")
        inputs = [e for e in w.d.find_elements(By.CSS_SELECTOR, "input.score") if e.is_displayed()]
        check(inputs and all(e.get_attribute("readonly") is not None for e in inputs), "a submitted sheet is read-only")
    finally:
        w.close()


def scores_csv(db: Path, path: Path, skip: tuple):
    """评分录入 for every assigned pair but `skip` (expert, unit): deterministic, varied scores."""
    rubrics = {a: tomllib.loads((ROOT / "assets" / "rubrics" / f"{a}.toml").read_text()) for a in ("pilot", "subsidy")}
    import json
    pairs = json.loads(cli(db, "assignments", "--json"))
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["专家", "单位", "评分项", "得分", "意见"])
        for i, p in enumerate(pairs):
            if (p["expert"], p["unit"]) == skip or p["state"] != "pending":
                continue
            award = p["award"]
            q = 0.62 + ((hash(p["unit"]) % 30) / 100.0) + ((i % 5) - 2) / 100.0
            for c in rubrics[award]["criteria"]:
                if c["how"] != "expert":
                    continue
                v = round(c["points"] * min(q, 1.0) * 2) / 2
                out.writerow([p["expert"], p["unit"], c["id"], f"{v:g}", ""])
    return pairs


def year(work: Path):
    inputs = work / "inputs"
    cli(work / "scratch.db", "demo", "--inputs", str(inputs))
    db = work / "year.db"
    w = Window(db, work)
    try:
        w.see("开始使用")
        w.shot("10-first-launch")
        w.click("launch-new")
        w.fill("new-year", "2014")
        w.click("new-confirm")
        w.see("本机秘书处")
        local_login(w)
        check(w.sql("SELECT year, stage FROM campaigns") == [(2014, "apply")], "the 2014 campaign is open")

        # dossiers: the refused file's problems first, nothing stored; then the good file
        w.route("dossiers")
        w.see("还没有申报材料")
        w.answer(inputs / "申报汇总表-含不符合条件单位.csv")
        w.click("import-dossiers")
        w.el("import-problems")
        w.see("苏州市科学技术协会")
        check(not w.el("import-confirm").is_enabled(), "a refused file cannot be imported")
        w.shot("11-import-refused")
        check(w.sql("SELECT count(*) FROM dossiers") == [(0,)], "nothing of a refused file is stored")
        w.answer(inputs / "申报汇总表.csv")
        w.click("import-rechoose")
        w.wait(lambda: w.el("import-confirm").is_enabled(), "the good file can be imported")
        w.see("可导入35条")
        w.click("import-confirm")
        w.wait(lambda: w.sql("SELECT count(*) FROM dossiers") == [(35,)], "35 dossiers stored")
        w.settle()

        # bad input in the dossier form: an empty required field, letters in a number field
        w.click("dossier-new")
        w.click("form-submit")
        w.see("请选择申报单位")
        w.see("请填写联系人")
        w.fill("form-ind-zones", "abc")
        w.click("form-submit")
        w.see("请输入整数")
        w.shot("12-form-errors")
        # a duplicate dossier: 湖北 already applied for the post-subsidy award
        w.click("form-unit")
        w.click_text("湖北省科学技术协会", "li span, li")
        w.fill("form-contact", "张三")
        w.fill("form-phone", "027-87654321")
        w.fill("form-ind-zones", "3")
        w.click("form-submit")
        w.see("不能修改申报材料")
        check(w.sql("SELECT count(*) FROM dossiers") == [(35,)], "a duplicate dossier is not stored")
        w.d.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
        time.sleep(0.5)

        # recommend: the late dossier accepted with a reason, then the formal check
        w.route("recommend")
        w.click("late-accept")
        w.fill("reason-input", "邮戳日期为10月30日，同意受理")
        w.click("reason-confirm")
        w.wait(lambda: w.sql("SELECT count(*) FROM dossiers WHERE state = 'late'") == [(0,)], "the late dossier decided")
        w.click("recommend-auto")
        w.wait(lambda: w.sql("SELECT count(*) FROM dossiers WHERE state = 'recommended'") == [(34,)], "34 recommended")
        w.see("退回修改")
        w.shot("13-recommend")

        # experts: import, a login for one expert, the draw with its seed
        w.route("experts")
        w.answer(inputs / "评审专家库.csv")
        w.click("import-experts")
        w.wait(lambda: w.el("import-confirm").is_enabled(), "the expert file can be imported")
        w.click("import-confirm")
        w.wait(lambda: w.sql("SELECT count(*) FROM experts") == [(15,)], "15 experts")
        w.settle()
        w.all("expert-login")[0].click()
        w.fill("expert-pw", "pingshen-expert")
        w.fill("expert-pw2", "pingshen-expert")
        w.click("expert-login-save")
        w.wait(lambda: w.sql("SELECT count(*) FROM users WHERE role = 'expert'") == [(1,)], "the expert's login")
        w.fill("draw-seed", "20141103")
        w.click("draw-confirm")
        confirm_box(w)
        w.wait(lambda: w.sql("SELECT count(*) FROM assignments") == [(170,)], "34 × 5 assignments")
        w.see("抽取完成")
        confirm_box(w)
        w.settle()
        w.el("matrix")
        w.see("种子 20141103")
        w.shot("14-matrix")

        # the expert with a login signs the pledge the first time they open the scoring screen
        # (before their paper sheets arrive, which would count as signed by their signature)
        expert = w.sql("SELECT e.name FROM experts e JOIN users u ON u.id = e.user_id")[0][0]
        logout(w)
        login(w, expert, "pingshen-expert")
        w.wait(lambda: "#/expert" in w.d.current_url, "my reviews")
        w.settle()
        [r for r in w.all("review-row") if "待评分" in r.text][0].find_element(By.CSS_SELECTOR, "td").click()
        w.wait(lambda: "#/expert/score/" in w.d.current_url, "the scoring screen")
        w.el("pledge-dialog")
        w.see("评审专家承诺书")
        w.see("其他评审专家的姓名")
        w.fill("pledge-name", "李四")
        w.click("pledge-accept")
        w.see("不是本人姓名")
        check(w.sql("SELECT count(*) FROM pledge_acceptances") == [(0,)], "a wrong name signs nothing")
        w.fill("pledge-name", expert)
        w.shot("14b-pledge")
        w.click("pledge-accept")
        w.wait(lambda: w.sql("SELECT name, kind FROM pledge_acceptances") == [(expert, "window")], "the pledge signed in the window")
        check(w.sql("SELECT count(*) FROM audit WHERE action = 'expert.pledge'") == [(1,)], "the signature audited")
        check(w.sql("SELECT count(*) FROM scores") == [(0,)], "no score before the pledge")
        w.settle()
        w.shot("14c-pledge-signed")
        logout(w)
        local_login(w)

        # every other sheet comes on paper: imported, leaving one pair for the keyboard
        aid, unit = w.sql("SELECT a.id, u.full_name FROM assignments a JOIN experts e ON e.id = a.expert_id JOIN dossiers d ON d.id = a.dossier_id JOIN units u ON u.code = d.unit_code WHERE e.name = ? AND a.state = 'pending' ORDER BY a.id LIMIT 1", expert)[0]
        scores_csv(db, work / "评分录入.csv", (expert, unit))
        w.route("results")
        w.answer(work / "评分录入.csv")
        w.click("import-scores")
        w.wait(lambda: w.el("import-confirm").is_enabled(), "the score file can be imported")
        w.click("import-confirm")
        w.wait(lambda: w.sql("SELECT count(*) FROM assignments WHERE state = 'pending'") == [(1,)], "one sheet left")
        logout(w)

        # the expert scores with the keyboard only
        login(w, expert, "pingshen-expert")
        w.wait(lambda: "#/expert" in w.d.current_url, "my reviews")
        w.settle()
        w.shot("15-expert-reviews")
        w.d.find_elements(By.CSS_SELECTOR, '[data-test="review-row"]')
        rows = [r for r in w.all("review-row") if "待评分" in r.text]
        rows[0].find_element(By.CSS_SELECTOR, "td").click()
        w.wait(lambda: "#/expert/score/" in w.d.current_url, "the scoring screen")
        w.settle()
        active = lambda: w.d.switch_to.active_element
        w.wait(lambda: (active().get_attribute("data-test") or "").startswith("score-"), "the first criterion focused")
        first = active().get_attribute("data-test")
        # 11 on a 10-point criterion, letters, 7.3 on a 0.5 step: refused next to the field, never saved
        for bad, msg in [("11", "超出范围"), ("abc", "请输入数字"), ("7.3", "须为0.5的整数倍")]:
            active().send_keys(Keys.CONTROL, "a")
            active().send_keys(bad)
            w.see(msg)
        w.shot("16-score-errors")
        time.sleep(1.2)
        check(w.sql("SELECT count(*) FROM scores WHERE assignment_id = ? AND centi NOT IN (SELECT centi FROM scores WHERE centi % 50 = 0)", aid) == [(0,)], "no off-step score stored")
        active().send_keys(Keys.CONTROL, "a")
        values = ["8.5", "9", "4", "8", "22", "9.5", "20", "5", "9"]
        i = 0
        while (active().get_attribute("data-test") or "").startswith("score-"):
            active().send_keys(values[i % len(values)])
            active().send_keys(Keys.ENTER)
            i += 1
            active().send_keys(Keys.CONTROL, "a") if (active().get_attribute("data-test") or "").startswith("score-") else None
        check(active().get_attribute("data-test") == "sheet-submit", "Enter after the last criterion goes to submit")
        w.see("已自动保存")
        w.shot("17-scoring")
        typed = w.sql("SELECT count(*) FROM scores WHERE assignment_id = ?", aid)[0][0]
        check(typed == i, f"the draft holds every typed criterion ({typed} of {i})")
        # a double click on submit: one confirmation, one submission
        btn = w.el("sheet-submit")
        w.d.execute_script("arguments[0].click(); arguments[0].click();", btn)
        w.css(".el-message-box")
        check(len([e for e in w.d.find_elements(By.CSS_SELECTOR, ".el-message-box") if e.is_displayed()]) == 1, "one confirmation")
        confirm_box(w)
        w.el("sheet-locked")
        w.see("已提交（已锁定）")
        check(w.sql("SELECT count(*) FROM audit WHERE action = 'scores.submit' AND subject = ?", f"assignment:{aid}") == [(1,)], "submitted once")
        check(w.sql("SELECT state FROM assignments WHERE id = ?", aid) == [("submitted",)], "the sheet is submitted")
        before = w.sql("SELECT criterion, centi FROM scores WHERE assignment_id = ? ORDER BY criterion", aid)
        box = w.css(f'[data-test="{first}"]')
        check(box.get_attribute("readonly") is not None, "the submitted sheet is read-only")
        box.send_keys("1")
        time.sleep(1.0)
        check(w.sql("SELECT criterion, centi FROM scores WHERE assignment_id = ? ORDER BY criterion", aid) == before, "nothing changes after submit")
        w.see("其他专家的评分")
        w.shot("18-scoring-locked")
        check(w.sql("SELECT stage FROM campaigns") == [("decide",)], "the last sheet ends the review")
        logout(w)

        # results, pilot, publicity, objection, publication, the notice
        local_login(w)
        w.route("results")
        w.see("优秀")
        w.shot("19-results")
        w.route("funding")
        w.click("select-pilot")
        w.fill("reason-input", "调研考察情况良好，配套资金落实")
        w.click("reason-confirm")
        w.wait(lambda: w.sql("SELECT count(*) FROM funding_lines WHERE award = 'pilot'") == [(1,)], "one pilot unit")
        w.settle()
        w.shot("20-funding")
        w.route("publicity")
        w.fill_date("publicity-start", "2014-12-01")
        w.click("publicity-preview-btn")
        w.el("publicity-preview")
        w.see("2014年12月1日 至 2014年12月5日（5个工作日）")
        check(w.sql("SELECT count(*) FROM publicity") == [(0,)], "the preview opens nothing")
        w.shot("21-publicity-preview")
        w.click("publicity-open")
        w.wait(lambda: w.sql("SELECT stage FROM campaigns") == [("publicity",)], "publicity open")
        w.settle()
        w.click("objection-add")
        w.fill("objection-name", "李建国")
        w.fill("objection-contact", "13912345678")
        w.fill_date("objection-date", "2014-12-03")
        w.fill("objection-content", "该单位园区科协数量统计有误")
        w.click("objection-save")
        w.wait(lambda: w.sql("SELECT count(*) FROM objections") == [(1,)], "the objection logged")
        w.settle()
        w.click("objection-resolve")
        w.fill("reason-input", "经核查统计口径无误，异议不成立")
        w.click("reason-confirm")
        w.wait(lambda: w.sql("SELECT state FROM objections") == [("dismissed",)], "the objection resolved")
        w.settle()
        w.shot("22-publicity")
        w.fill_date("close-date", "2014-12-08")
        w.click("publicity-close")
        w.wait(lambda: w.sql("SELECT stage FROM campaigns") == [("final",)], "publicity closed")
        w.settle()
        w.fill_date("publish-date", "2014-12-10")
        w.fill("doc-number", "科协计函企字〔2014〕68号")
        w.click("publish")
        w.wait(lambda: w.sql("SELECT stage, doc_number FROM campaigns") == [("published", "科协计函企字〔2014〕68号")], "published")
        w.route("documents")
        notice = work / "通报.pdf"
        w.answer(notice)
        w.click("export-notice-pdf")
        w.el("export-done")
        w.shot("23-documents")
        check(notice.exists() and notice.stat().st_size > 10_000, "the notice PDF exists")
        text = subprocess.run(["pdftotext", str(notice), "-"], capture_output=True, text=True).stdout
        check("通报" in text and "科协计函企字〔2014〕68号" in text, "pdftotext finds 「通报」 and the document number")
        w.route("overview")
        w.see("结果已发布")
        out = subprocess.run([str(ROOT / "target" / "debug" / "pingshen"), "--db", str(db), "audit", "verify"], capture_output=True, text=True)
        check(out.returncode == 0, f"audit verify after the window's year: {out.stderr}")
    finally:
        w.close()


def main():
    only = sys.argv[1:] or ["tour", "year", "exceptions", "offline", "records", "next_year", "meeting"]
    for name in only:
        work = Path(tempfile.mkdtemp(prefix=f"pingshen-e2e-{name}-"))
        t = time.time()
        try:
            globals()[name](work)
            print(f"ok   {name} ({time.time() - t:.0f} s)")
        except Exception as e:  # report every scenario, fail at the end
            FAILED.append(name)
            print(f"FAIL {name}: {e}")
            traceback.print_exc()
            log = work / "tauri-driver.log"
            if log.exists():
                print(log.read_text()[-3000:])
        finally:
            if name not in FAILED:
                shutil.rmtree(work, ignore_errors=True)
    print(f"screenshots: {SHOTS}")
    sys.exit(1 if FAILED else 0)


if __name__ == "__main__":
    main()
