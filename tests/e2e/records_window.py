"""End-to-end: the record kept safe, in the real window on the demo year (run through the CLI,
which leaves an automatic backup before each of its five stage changes):
- 操作日志 → 核对备份或导出文件: the notice PDF exported after publication carries the log's
  position, which the log still reaches; a file that is neither is refused in place, saying so;
- 操作日志 → 校验: the log is whole; an expert's comment then edited in the database file with
  sqlite3 (outside the app) → 校验 names the table 「评分」, the row and the field 「意见」;
- 设置 → 备份: the automatic backups are listed with their log positions; 恢复 the one made
  before 「发布」, confirmed → the window shows the restored year (back at 公示结束) from its
  overview, the file as it was is kept as a 「恢复前」 backup, the restore is in the log, and 校验
  is clean again; 核对 the notice PDF now says the log no longer reaches it (the entries after
  the backup were replaced by the restore), while the backup's own 核对 is reached;
- 设置 → 印章: the seal loaded through the file dialog (its size shown); 文件导出 → 评审意见反馈函
  with 「加盖印章」: one PDF per unit and 全部反馈函.pdf in the chosen folder, the seal in them, logged;
- a file that is not a Pingshen database at start: the window opens on the launch page and says
  which file and why (no year can be started over it, the file is left as it was); once the
  right file is back in its place, 「重试」 opens it.
"""

import sqlite3
import time
from pathlib import Path

from harness import Window, cli


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def records(work: Path):
    db = work / "年度.db"
    cli(db, "demo", "--inputs", str(work / "inputs"))
    autos = sorted(p.name for p in work.glob("年度-自动备份-*.db"))
    check(len(autos) == 5, f"five automatic backups: {autos}")
    notice = work / "通报-已发出.pdf"
    cli(db, "export", "notice", "--out", str(notice))
    w = Window(db, work)
    try:
        w.click("login-local")
        w.wait(lambda: "#/overview" in w.d.current_url, "the overview")
        w.settle()

        # issue 19: the seal loaded in settings, then every unit's feedback letter with it
        w.route("settings")
        # issue 15: the core's refusal in the window's language — in English, a file that is not a
        # PNG is refused as the seal in English words (the catalog's), with the file's name as data
        w.click("lang-en")
        w.answer(str(work / "inputs" / "评审专家库.csv"))
        w.click("seal-load")
        w.see("Seal image: not a PNG image")
        time.sleep(0.5)  # the message fades in
        w.shot("38a-refusal-in-english")
        check(w.sql("SELECT count(*) FROM audit WHERE action = 'seal.set'") == [(0,)], "nothing saved by a refused seal")
        w.click("lang-zh-CN")
        w.answer(str(Path(__file__).resolve().parents[2] / "src-tauri" / "icons" / "128x128.png"))
        w.click("seal-load")
        w.wait(lambda: "128 × 128 像素" in w.el("seal-info").text, "the seal's size shown")
        w.d.execute_script("document.querySelector('[data-test=seal-card]').scrollIntoView({block: 'start'})")
        w.settle(0.3)
        w.shot("38-seal")
        w.route("documents")
        letters = work / "反馈函"
        letters.mkdir()
        w.click("letters-feedback-seal")
        w.answer(str(letters))
        w.click("export-letters-feedback")
        w.el("letters-done")
        w.see("已导出")
        check((letters / "全部反馈函.pdf").exists(), f"全部反馈函.pdf written: {sorted(p.name for p in letters.iterdir())}")
        check((letters / "北京市科学技术协会反馈函.pdf").exists(), "one letter per unit, named by it")
        check(b"/Subtype /Image" in (letters / "全部反馈函.pdf").read_bytes() or b"/Subtype/Image" in (letters / "全部反馈函.pdf").read_bytes(), "the seal is in the letters")
        check(w.sql("SELECT count(*) FROM audit WHERE action = 'letters.export'") == [(1,)], "the export is in the log")
        w.shot("39-feedback-letters")

        w.route("audit")
        w.answer(str(notice))
        w.click("audit-check-file")
        w.see("操作日志仍完整到达该文件记录的第")
        check(str(notice) in w.el("audit-report").text, "the report names the file checked")
        w.answer(str(work / "inputs" / "评审专家库.csv"))
        w.click("audit-check-file")
        w.see("无从核对")
        w.click("audit-verify")
        w.see("操作日志完整")
        # a curious colleague at the same desk: a comment changed in the file itself
        aid, criterion = w.sql("SELECT assignment_id, criterion FROM scores WHERE comment != '' ORDER BY assignment_id LIMIT 1")[0]
        con = sqlite3.connect(db)
        con.execute("UPDATE scores SET comment = '材料很好' WHERE assignment_id = ? AND criterion = ?", (aid, criterion))
        con.commit()
        con.close()
        w.click("audit-verify")
        w.el("audit-findings")
        w.see("与操作日志不符")
        w.see("意见")
        w.shot("40-audit-findings")

        w.route("settings")
        w.el("backup-list")
        before_publish = next(n for n in autos if n.endswith("-发布.db"))
        w.see(before_publish)
        w.d.execute_script("document.querySelector('[data-test=settings-backup]').scrollIntoView({block: 'start'})")
        w.settle(0.3)
        w.shot("41-backups")
        w.click(f"restore-{before_publish}")
        w.click_text("恢复", ".el-message-box__btns button")
        w.see("已恢复")
        w.wait(lambda: w.sql("SELECT stage FROM campaigns") == [("final",)], "the year back at its final stage")
        kept = list(work.glob("年度-恢复前-*.db"))
        check(len(kept) == 1, f"the file as it was is kept: {kept}")
        check(w.sql("SELECT count(*) FROM audit WHERE action = 'restore'") == [(1,)], "the restore is in the log")
        # the window follows: the restored year's overview, then the kept file in the list
        w.wait(lambda: "#/overview" in w.d.current_url, "the overview of the restored year")
        w.see("公示结束")
        w.settle()
        w.shot("42-restored")
        w.route("settings")
        w.see(kept[0].name)
        w.click(f"check-{before_publish}")
        w.wait(lambda: "操作日志仍完整到达" in w.el("backup-checked").text, "the restored backup's position reached")

        w.route("audit")
        time.sleep(0.3)
        w.answer(str(notice))
        w.click("audit-check-file")
        w.wait(lambda: "截去" in w.el("audit-report").text or "改写" in w.el("audit-report").text, "the notice's position no longer reached")
        check("恢复备份" in w.el("audit-report").text, "the report says a restore is in the log")
        w.shot("44-audit-check-file")
        w.click("audit-verify")
        w.see("操作日志完整")
        out = cli(db, "audit", "verify")
        check("操作日志完整" in out, out)
    finally:
        w.close()


    # the app started on a file it cannot open: it explains instead of closing without a word
    bad = work / "损坏.db"
    garbage = "这不是数据库".encode() * 400
    bad.write_bytes(garbage)
    w = Window(bad, work)
    try:
        w.el("launch-problem")
        w.see("数据库未能打开")
        w.see(str(bad))
        check(not w.el("launch-demo").is_enabled() and not w.el("launch-new").is_enabled(), "no year can be started over the file")
        w.settle()
        w.shot("43-launch-problem")
        check(bad.read_bytes() == garbage, "the file is left as it was")
        # the right file put back in its place, then 重试
        bad.unlink()
        src, dst = sqlite3.connect(db), sqlite3.connect(bad)
        src.backup(dst)
        src.close()
        dst.close()
        w.click("launch-retry")
        w.wait(lambda: "#/login" in w.d.current_url, "the login page of the file now readable")
        w.click("login-local")
        w.wait(lambda: "#/overview" in w.d.current_url, "the overview")
    finally:
        w.close()
