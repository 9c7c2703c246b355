"""End-to-end: the offline hand-over in the real window, two installations on two databases.
- the secretariat (documents) exports an expert's review package with a passphrase dialog;
- the expert's own, empty installation opens it from the launch page with the passphrase; the
  expert signs in with name and passphrase, sees only their dossiers, and (after scoring, typed
  in through the CLI of that installation here) exports the score return;
- the secretariat imports the return on the results screen; the database shows the sheets.
"""

import time
from pathlib import Path

from harness import Window, cli
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
        w.click("passphrase-confirm")
        w.see("口令不正确")
        check(w.sql("SELECT count(*) FROM campaigns") == [(0,)], "nothing opened with a wrong passphrase")
        w.fill("passphrase", PASS)
        w.answer(pkg)
        w.click("passphrase-confirm")
        w.wait(lambda: "#/login" in w.d.current_url, "the login page")
        w.settle()
        mine = w.sql("SELECT count(*) FROM assignments")[0][0]
        check(mine >= 10, f"the expert's sheets arrived ({mine})")
        check(w.sql("SELECT count(DISTINCT expert_id) FROM assignments") == [(1,)], "only this expert's work")
        # score in this installation (the paper sheets typed in), then sign in as the expert
        scores_except(edb, home / "评分.csv", "nobody")
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

    w = Window(sdb, work)
    try:
        w.click("login-local")
        w.wait(lambda: "#/overview" in w.d.current_url, "the overview")
        w.settle()
        w.route("results")
        w.answer(ret)
        w.click("import-score-return")
        w.see("评分回执已导入")
        w.shot("42-return-imported")
        check(w.sql("SELECT count(*) FROM assignments a JOIN experts e ON e.id = a.expert_id WHERE e.name = ? AND a.state = 'submitted'", expert)[0][0] == mine, "the expert's sheets are in")
        w.css(".el-message-box__btns .el-button--primary").click()
        time.sleep(0.3)
        w.answer(ret)
        w.click("import-score-return")
        w.see("未作任何更改")
    finally:
        w.close()
