"""End-to-end: the offline hand-over in the real window, two installations on two databases.
- the secretariat (documents) exports an expert's review package with a passphrase dialog;
- the expert's own, empty installation opens it from the launch page with the passphrase (a wrong
  one refused), then started with the package (a double-click), which asks for its passphrase at
  once and keeps the file after a wrong one; the expert signs in with name and passphrase, sees
  only their dossiers, and (after scoring, typed in through the CLI of that installation here)
  exports the score return;
- the secretariat's window, started with the return (a double-click), previews it on the results
  screen after signing in (nothing written), then takes it;
  the database shows the sheets; on a session bus, as on a desktop, the return double-clicked
  again (a copy with a space in its name) while the window shows the overview: the second launch
  hands it over and ends, and the window previews it on the results page (nothing new in it);
- an applicant unit's own installation: 申报单位填报 on the launch page (refused without a unit),
  entered as that unit without a password, the dossier typed into the form and submitted, its
  dossier file exported from the window; taken back to amend, changed, submitted and exported
  again; the secretariat's window, started with the first file (a double-click), previews it
  with the day received and takes it, then the newer one picked with the button in its place
  (both previewed first); the older file again is refused in the preview.
"""

import shutil
import sqlite3
import time
from pathlib import Path

from harness import SessionBus, Window, cli, launch_again
from exceptions_window import scores_except

PASS = "correct horse battery"


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def offline(work: Path):
    inputs = work / "inputs"
    cli(work / "scratch.db", "demo", "--inputs", str(inputs))
    sdb = work / "secretariat.db"
    cli(sdb, "--year", "2014", "init")
    cli(sdb, "import", "dossiers", str(inputs / "申报汇总表.csv"))
    cli(sdb, "late", "accept", "江西省科协", "--reason", "邮戳日期为10月30日")
    cli(sdb, "recommend", "--auto")
    cli(sdb, "import", "experts", str(inputs / "评审专家库.csv"))
    cli(sdb, "assign", "--per-dossier", "5", "--seed", "20141103")
    expert = "王建华"
    pkg = work / "评审材料包.pingshen"

    w = Window(sdb, work)
    try:
        w.click("login-local")
        w.wait(lambda: "#/overview" in w.d.current_url, "the overview")
        w.settle()
        w.route("documents")
        w.click("doc-expert")
        w.click_text(expert, "li span, li")
        w.click("export-review-package")
        w.el("passphrase-dialog")
        w.fill("passphrase", "short")
        w.fill("passphrase2", "short")
        w.click("passphrase-confirm")
        w.see("口令至少8个字符")
        w.fill("passphrase", PASS)
        w.fill("passphrase2", PASS)
        w.answer(pkg)
        w.click("passphrase-confirm")
        w.el("package-saved")
        w.shot("40-package-saved")
        check(pkg.exists() and pkg.stat().st_size > 1000, "the package file exists")
        check(expert.encode() not in pkg.read_bytes(), "the package is encrypted")
        check(w.sql("SELECT count(*) FROM review_packages") == [(1,)], "the package is recorded")
    finally:
        w.close()

    # the expert's own installation: an empty database
    home = work / "expert"
    home.mkdir()
    edb = home / "我的评审.db"
    ret = home / "评分回执.pingshen"
    w = Window(edb, home)
    try:
        w.see("打开评审材料包")
        w.click("launch-package")
        w.fill("passphrase", "not the passphrase")
        w.answer(pkg)
        refused_passphrase(w)
    finally:
        w.close()
    # the package double-clicked: the app starts with it and asks for its passphrase at once; a
    # wrong one keeps the same file for the next try (no file dialog: nothing answers one here)
    w = Window(edb, home, args=(pkg,))
    try:
        w.el("passphrase")
        w.fill("passphrase", "still not the passphrase")
        refused_passphrase(w)
        w.fill("passphrase", PASS)
        w.click("passphrase-confirm")
        w.wait(lambda: "#/login" in w.d.current_url, "the login page")
        w.settle()
        mine = w.sql("SELECT count(*) FROM assignments")[0][0]
        check(mine >= 10, f"the expert's sheets arrived ({mine})")
        check(w.sql("SELECT count(DISTINCT expert_id) FROM assignments") == [(1,)], "only this expert's work")
        # score in this installation (the paper sheets typed in), then sign in as the expert
        scores_except(edb, home / "评分.csv", "nobody")
        cli(edb, "pledge", "accept", "--name", expert)  # the expert signs before the first score
        cli(edb, "import", "scores", str(home / "评分.csv"))
        w.fill("login-name", expert)
        w.fill("login-password", PASS)
        w.click("login-submit")
        w.wait(lambda: "#/expert" in w.d.current_url, "my reviews")
        w.settle()
        w.see("已提交（已锁定）")
        w.answer(ret)
        w.click("export-score-return")
        w.el("return-saved")
        w.shot("41-score-return")
        check(ret.exists(), "the score return exists")
    finally:
        w.close()

    # the return double-clicked at the secretariat: after signing in, the results page opens its
    # preview
    with SessionBus() as bus:
        w = Window(sdb, work, args=(ret,), env=bus.env)
        try:
            submitted = "SELECT count(*) FROM assignments a JOIN experts e ON e.id = a.expert_id WHERE e.name = ? AND a.state = 'submitted'"
            w.click("login-local")
            w.wait(lambda: "#/results" in w.d.current_url, "the results page for the score return")
            head = w.sql("SELECT count(*) FROM audit")  # signed in; the preview itself writes nothing
            # the preview first: the expert, the pledge, each sheet with its total and 新; nothing written
            w.el("exchange-sheets")
            w.see(f"专家：{expert}（2014年度）")
            w.see(f"确认后将导入{mine}份评分表，均为新提交")
            w.settle()
            w.shot("42-return-preview")
            check(w.sql(submitted, expert)[0][0] == 0 and w.sql("SELECT count(*) FROM audit") == head, "the preview wrote nothing")
            w.click("exchange-confirm")
            w.see("评分回执已导入")
            w.shot("42-return-imported")
            check(w.sql(submitted, expert)[0][0] == mine, "the expert's sheets are in")
            w.css(".el-message-box__btns .el-button--primary").click()
            time.sleep(0.3)
            w.answer(ret)
            w.click("import-score-return")
            w.el("exchange-outcome")
            w.see("未作任何更改")
            # taken before: nothing to confirm, only 「关闭」
            check(not w.all("exchange-confirm"), "no 「确认导入」 for a return taken before")
            w.click("exchange-close")
            time.sleep(0.3)
            # double-clicked again while the window is open elsewhere: the second launch hands it over
            w.route("overview")
            again = work / "王建华 评分回执（副本）.pingshen"
            shutil.copy(ret, again)
            ms = launch_again(w, again)
            print(f"    the second launch handed the return over and ended after {ms:.0f} ms")
            w.wait(lambda: "#/results" in w.d.current_url and "file=score-return" in w.d.current_url, "the results page for the handed-over return")
            w.el("exchange-outcome")
            w.see("未作任何更改")
            w.settle()
            w.shot("42-return-handed-over")
            w.click("exchange-close")
        finally:
            w.close()

    # an applicant unit's own installation, from an empty database
    home = work / "applicant"
    home.mkdir()
    adb = home / "本单位申报.db"
    dfile = home / "申报材料.pingshen"
    dfile2 = home / "申报材料-修改.pingshen"
    unit = "北京市科学技术协会"
    w = Window(adb, home)
    try:
        w.click("launch-applicant")
        w.fill("new-year", "2014")
        w.click("new-confirm")
        w.see("请选择本单位")
        check(w.sql("SELECT count(*) FROM campaigns") == [(0,)], "nothing started without a unit")
        w.click("new-unit")
        w.click_text(unit, "li span, li")
        w.click("new-confirm")
        w.wait(lambda: "#/login" in w.d.current_url, "the login page")
        w.see(f"以{unit}身份进入")
        w.click("login-local")
        w.wait(lambda: "#/applicant" in w.d.current_url, "the unit's own page")
        w.see(f"本数据库是{unit}的申报数据库")
        w.click("applicant-new-subsidy")
        w.fill("form-contact", "张明")
        w.fill("form-phone", "010-68571234")
        for k, v in INDICATORS.items():
            w.fill(f"form-ind-{k}", str(v))
        for k in ("leadership", "building", "services", "distinctive"):
            w.fill(f"form-nar-{k}", "市科协党组高度重视企业科协组织建设，列入年度重点工作，层层分解组建任务，定期督促检查。")
        submit_and_export(w, dfile)
        w.shot("43-applicant-file")
        check(dfile.exists() and dfile.read_bytes()[:2] == b"PK", "the dossier file exists")
        # a correction: taken back to amend, changed, submitted and exported again
        w.click("applicant-amend")
        w.click_text("撤回修改", ".el-message-box__btns button")
        w.wait(lambda: w.sql("SELECT state FROM dossiers") == [("draft",)], "taken back to amend")
        w.settle()
        w.fill("form-contact", "李华")
        submit_and_export(w, dfile2)
        check(dfile2.exists(), "the newer dossier file exists")
        check(w.sql("SELECT count(*) FROM audit WHERE action = 'dossier.amend'") == [(1,)], "the amendment is in the log")
    finally:
        w.close()
    s2 = work / "秘书处2014.db"
    cli(s2, "--year", "2014", "init")
    # the first file double-clicked: the app starts with it; after signing in, the dossiers page
    # opens its preview — the day received first, then the file's unit, dates, figures
    w = Window(s2, work, args=(dfile,))
    try:
        w.click("login-local")
        w.wait(lambda: "#/dossiers" in w.d.current_url, "the dossiers page for the dossier file")
        w.el("exchange-received-on")
        w.fill_date("exchange-received-on", "2014-10-22")
        w.click("exchange-choose")
        w.el("exchange-dossier")
        w.see(unit)
        w.see("2014年10月22日")
        w.see("新增")
        w.settle()
        w.shot("44-dossier-file-preview")
        check(w.sql("SELECT count(*) FROM dossiers") == [(0,)], "the preview wrote nothing")
        w.click("exchange-confirm")
        w.see(f"已导入{unit}（后补助）的申报材料")
        check(cli(s2, "dossiers").count(unit) == 1, "the secretariat holds the unit's dossier")
        w.css(".el-message-box__btns .el-button--primary").click()
        time.sleep(0.3)
        # the newer file picked with the button: it replaces the one held
        w.click("import-dossier-file")
        w.fill_date("exchange-received-on", "2014-10-23")
        w.answer(dfile2)
        w.click("exchange-choose")
        w.el("exchange-dossier")
        w.see("替换已有申报材料")
        w.see("李华")
        w.shot("44-dossier-file-replaces")
        w.click("exchange-confirm")
        w.see(f"已替换{unit}（后补助）的申报材料")
        w.css(".el-message-box__btns .el-button--primary").click()
        time.sleep(0.3)
        # the older file again: the import's refusal, in red, with 「关闭」 only
        w.click("import-dossier-file")
        w.answer(dfile)
        w.click("exchange-choose")
        w.el("exchange-refused")
        w.see("比已导入的文件更早")
        w.settle()
        w.shot("45-dossier-file-refused")
        check(not w.all("exchange-confirm"), "no 「确认导入」 for a refused file")
        w.click("exchange-close")
    finally:
        w.close()
    con = sqlite3.connect(f"file:{s2}?mode=ro", uri=True)
    try:
        contact = con.execute("SELECT contact_name FROM dossiers").fetchall()
    finally:
        con.close()
    check(contact == [("李华",)], f"the amended contact is at the secretariat: {contact}")


def refused_passphrase(w: Window):
    """Confirms the passphrase typed, which is wrong: refused in the dialog, nothing opened."""
    w.click("passphrase-confirm")
    w.see("口令不正确")
    check(w.sql("SELECT count(*) FROM campaigns") == [(0,)], "nothing opened with a wrong passphrase")


def submit_and_export(w: Window, to: Path):
    """Submits the unit's dossier in its form (confirmed), then exports its dossier file."""
    w.click("form-submit")
    w.click_text("确认提交", ".el-message-box__btns button")
    # dated today, so late for 2014 here; the secretariat's received date is what counts
    w.wait(lambda: w.sql("SELECT state FROM dossiers") in ([("submitted",)], [("late",)]), "the dossier submitted")
    w.settle()
    w.answer(to)
    w.click("applicant-export-file")
    w.el("applicant-exported")


# a plausible unit's figures (parts never above their wholes)
INDICATORS = {
    "industrial_enterprises": 5200, "associations_total": 610, "associations_new": 96, "building_task": 90,
    "liaison_enterprises": 210, "zones": 14, "zones_with_association": 9, "national_zones": 3,
    "national_zones_with_association": 2, "workstations": 18, "county_points": 6,
}
