"""End-to-end: the panel meeting (会议评审, issue 18) in the real window, on the demo's 2014 inputs
brought to the written review through the CLI (the demo's 评分录入 leaves sheets pending).

- 会议评审 during the written review: the switch turns the meeting on, saved (the policy says so);
- 评审结果 › 结束专家评审: the year goes to 会议评审, nothing is funded yet;
- 会议评审: the open form with every member ticked, the place and the chair; opened (the database
  holds the meeting and its members); the agenda with the members who leave the room (screenshot);
- a vote with wrong counts refused in the dialog, in Chinese, naming the votes due (screenshot),
  then entered right; the first-ranked post-subsidy dossier voted down, every other item passed
  through the page's IPC as the page would; the agenda reloaded shows every result;
- 结束会议评审: the year at 评审结果确定; the funding screen lists the dossier not passed and funds
  only those passed (screenshot);
- 评审结果 › 稳健性 after the meeting: the ICC, the ranges of ranks and the variants (screenshot);
- 文件导出: 会议评审表决票 and 会议纪要 saved through the native dialog; the files are PDFs whose text
  says 回避 and 出席专家签字, rendered with pdftoppm for a look.
"""

import subprocess
import time
from pathlib import Path

from harness import SHOTS, Window, cli
from selenium.webdriver.common.by import By


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def invoke(w: Window, cmd: str, req=None):
    """Calls a command through the page's IPC as the page's api would; its answer or its error."""
    return w.d.execute_async_script(
        """const [cmd, req, done] = arguments;
        const args = req === null ? {} : { req };
        window.__TAURI_INTERNALS__.invoke(cmd, args).then((v) => done({ ok: v }), (e) => done({ err: e }));""",
        cmd, req)


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", "-nodiag", str(path), "-"], capture_output=True, text=True)
    return "".join(out.stdout.split())


def meeting(work: Path):
    inputs = work / "inputs"
    cli(work / "scratch.db", "demo", "--inputs", str(inputs))
    db = work / "m.db"
    cli(db, "--year", "2014", "init")
    cli(db, "import", "dossiers", str(inputs / "申报汇总表.csv"))
    cli(db, "late", "accept", "江西省科协", "--reason", "邮戳日期为10月30日")
    cli(db, "recommend", "--auto")
    cli(db, "import", "experts", str(inputs / "评审专家库.csv"))
    cli(db, "assign", "--per-dossier", "5", "--seed", "20141103")
    cli(db, "import", "scores", str(inputs / "评分录入.csv"))
    w = Window(db, work)
    try:
        w.click("login-local")
        w.wait(lambda: "#/overview" in w.d.current_url, "the overview")
        w.settle()

        # the meeting turned on during the written review
        w.route("meeting")
        w.el("meeting-settings")
        w.click("meeting-on")
        w.click("meeting-settings-save")
        w.wait(lambda: '"meeting":true' in w.sql("SELECT policy_json FROM campaigns")[0][0], "the policy holds a meeting")
        w.shot("70-meeting-settings")

        # the written review ended in the window
        w.route("results")
        w.click("review-close")
        w.fill("reason-input", "评分表返回截止，进入会议评审")
        w.click("reason-confirm")
        w.wait(lambda: w.sql("SELECT stage FROM campaigns") == [("meeting",)], "the meeting stage")
        check(w.sql("SELECT count(*) FROM funding_lines") == [(0,)], "nothing funded before the meeting")
        w.see("专家评审已结束")
        w.css(".el-message-box__btns .el-button--primary").click()
        w.settle()

        # open the meeting: everyone present, a place, a chair
        w.route("meeting")
        w.el("meeting-open-form")
        w.see("法定人数为三分之二以上即至少10人")
        w.fill_date("meeting-date", "2014-11-20")
        w.fill("meeting-place", "中国科协机关三层会议室")
        w.click("meeting-chair")
        w.click_text("王建华", "li")
        w.shot("71-meeting-open-form")
        w.click("meeting-open")
        w.el("meeting-info")
        check(w.sql("SELECT count(*) FROM meeting_members") == [(15,)], "15 members present")
        check(w.sql("SELECT held_on FROM meetings") == [("2014-11-20",)], "the day as entered")
        w.el("meeting-agenda")
        w.see("同省回避")
        w.shot("72-meeting-agenda")

        # a vote that does not add up: refused in the dialog, in Chinese
        first = next(i for i in invoke(w, "meeting")["ok"]["items"] if any(r["present"] for r in i["recused"]))
        did, due = first["dossier_id"], first["eligible"]
        w.click(f"vote-{did}")
        w.el("vote-dialog")
        w.fill("vote-for", "15")
        w.click("vote-save")
        err = w.el("vote-error").text
        check("表决票数" in err and "重新清点" in err and "出席15人" in err, f"the refusal: {err}")
        w.shot("73-meeting-vote-refused")
        w.fill("vote-for", str(due))
        w.click("vote-save")
        w.wait(lambda: w.sql("SELECT count(*) FROM meeting_votes WHERE dossier_id = ?", did) == [(1,)], "the vote entered")
        w.settle()

        # every other item through the page's IPC; the first-ranked post-subsidy dossier voted down
        agenda = invoke(w, "meeting")["ok"]
        top = next(i for i in agenda["items"] if i["award"] == "subsidy" and i["rank"] == 1)
        for i in agenda["items"]:
            if i["dossier_id"] == did:
                continue
            down = i["dossier_id"] == top["dossier_id"]
            e = i["eligible"]
            r = invoke(w, "vote_meeting", {"unit": i["unit"], "award": i["award"], "votes_for": 0 if down else e,
                                           "votes_against": e if down else 0, "votes_abstain": 0,
                                           "note": "材料数据前后不一致" if down else "", "reason": None})
            check("ok" in r, f"vote {i['unit']}: {r}")
        w.route("overview")
        w.route("meeting")
        w.el(f"vote-result-{top['dossier_id']}")
        w.shot("74-meeting-all-voted")
        w.click("meeting-close")
        w.wait(lambda: w.sql("SELECT stage FROM campaigns") == [("decide",)], "the decide stage")
        w.el("meeting-closed")

        # funding follows the meeting
        w.route("funding")
        card = w.el("funding-not-passed")
        w.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", card)
        w.wait(lambda: top["unit"] in (w.d.execute_script("return arguments[0].innerText", card) or ""), "the dossier not passed listed on the funding screen")
        w.settle()
        check(w.sql("SELECT count(*) FROM funding_lines WHERE dossier_id = ?", top["dossier_id"]) == [(0,)], "not funded")
        check(w.sql("SELECT count(*) FROM funding_lines WHERE award = 'subsidy'")[0][0] > 0, "the others funded")
        w.shot("75-meeting-funding")

        # 评审结果 › 稳健性: the agreement of the scores, the ranges of ranks, the flips and variants
        w.route("results")
        w.css("#tab-robustness").click()
        w.el("robustness-icc")
        w.see("评分一致性（组内相关系数 ICC）")
        w.el("robustness-chart")
        w.el("robustness-variants")
        check(len(w.d.find_elements(By.CSS_SELECTOR, "[data-test=range-row]")) > 0, "the ranges of ranks drawn")
        w.settle()
        w.shot("75b-meeting-robustness")

        # the papers
        w.route("documents")
        ballots, minutes = work / "表决票.pdf", work / "会议纪要.pdf"
        w.answer(str(ballots))
        w.click("export-ballots-pdf")
        w.wait(lambda: ballots.exists(), "the ballots saved", 120)
        w.answer(str(minutes))
        w.click("export-minutes-pdf")
        w.wait(lambda: minutes.exists(), "the minutes saved", 120)
        w.shot("76-meeting-documents")
        tb, tm = pdf_text(ballots), pdf_text(minutes)
        check("会议表决票" in tb and "回避" in tb and "专家签名" in tb, "the ballots' text")
        check("会议纪要" in tm and "出席专家签字" in tm and "未通过" in tm, "the minutes' text")
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(ballots), str(SHOTS / "77-ballots")], check=False)
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(minutes), str(SHOTS / "78-minutes")], check=False)
        check("操作日志完整" in cli(db, "audit", "verify"), "audit verify after the meeting")
    finally:
        w.close()
