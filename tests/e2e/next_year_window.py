"""End-to-end: the second year (issue 16), in the real window, from the demo's published 2014
(run through the CLI). Each step is one function of `STEPS`, sharing one window: a later step
(a unit's history on its dossier page, the year's archive) is one more function in the list.

- 2014 is published: the header names it, the read-only banner says so;
- 概览 › 「开启新年度」: 2014 → 2015 with a budget of 250 万元; the dialog lists what was carried;
  「进入2015年度」 → the header shows 2015 at 申报推荐, no banner; the database holds the pool with
  every conflict 待确认 and no dossier of 2015;
- 专家与分配 in 2015: the carried conflicts tagged 待确认; 「确认全部」 confirms them;
- the header's switcher lists both years with their stages (screenshot); 2014 → read-only banner,
  no write button on the experts screen, and a write sent to the backend anyway (through the
  page's IPC, as a stale page would) is refused naming 2014 with nothing written; back to 2015.
- a 2015 dossier of 北京市科学技术协会 (which applied in 2014), imported through the CLI beside the
  open window as a late spreadsheet would be: its page in 2015 shows the history card with one
  row, 2014, whose aggregate, rank/of, grade and amount are what `--year 2014 results --json` and
  `funding --json` say of the unit, and the trend chart with its one point (screenshot);
- 2014's results: every row's 「上年」 says 首次申报 (the demo year is the first);
- 文件导出 › 年度归档 on 2014, the save dialog answered: the zip is there, every member reads
  back, manifest.json lists every other file with the size and SHA-256 it has, its audit head is
  in the log, making it was logged once, and `audit verify --against` accepts it (screenshot);
- the same card on 2015 says it can be archived only once published, its button off (screenshot).
"""

import csv
import hashlib
import json
import time
import zipfile
from pathlib import Path

from selenium.webdriver.common.by import By

from harness import Window, cli

UNIT = "北京市科学技术协会"
GRADE = {"excellent": "优秀", "qualified": "合格", "unqualified": "不合格"}


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def header_year(w: Window) -> str:
    return w.el("year").text


def switch_to(w: Window, year: int):
    w.click("year-switcher-open")
    w.el(f"year-item-{year}")
    w.click(f"year-item-{year}")
    w.wait(lambda: str(year) in header_year(w), f"the header at {year}")
    w.settle()


def invoke(w: Window, cmd: str, req: dict):
    """Calls a command through the page's IPC as the page's api would; its answer or its error."""
    return w.d.execute_async_script(
        """const [cmd, req, done] = arguments;
        window.__TAURI_INTERNALS__.invoke(cmd, { req }).then((v) => done({ ok: v }), (e) => done({ err: e }));""",
        cmd, req)


def published_2014(w: Window, ctx: dict):
    w.click("login-local")
    w.wait(lambda: "#/overview" in w.d.current_url, "the overview after login")
    w.settle()
    check("2014" in header_year(w), "the header names 2014")
    banner = w.el("read-only-banner").text
    check("2014年度评审工作已发布，只读" in banner, f"the read-only banner: {banner}")
    check(not w.all("year-switcher-open"), "one year: no switcher menu yet")
    w.shot("50-published-2014")


def open_2015(w: Window, ctx: dict):
    w.click("next-year-open")
    w.el("next-year-dialog")
    w.fill("next-year-budget", "250")
    w.shot("51-next-year-dialog")
    w.click("next-year-confirm")
    carried = w.el("next-year-carried").text
    check("已开启2015年度（沿用自2014年度）" in carried and "待确认" in carried, f"what was carried: {carried}")
    w.shot("52-next-year-carried")
    w.click("next-year-enter")
    w.wait(lambda: "2015" in header_year(w), "the header at 2015")
    w.settle()
    check("申报推荐" in w.el("stage").text, "2015 at the apply stage")
    check(not w.all("read-only-banner"), "2015 is not read-only")
    (c15, budget), = w.sql("SELECT id, json_extract(policy_json, '$.subsidy_budget_yuan') FROM campaigns WHERE year = 2015")
    check(budget == 2_500_000, f"the budget in yuan: {budget}")
    pool = w.sql("SELECT count(*) FROM experts WHERE campaign_id = ?", c15)[0][0]
    check(pool == ctx["experts_2014"], f"the pool carried: {pool} of {ctx['experts_2014']}")
    pending = w.sql("SELECT count(*) FROM conflicts c JOIN experts e ON e.id = c.expert_id WHERE e.campaign_id = ? AND c.confirmed = 0", c15)[0][0]
    check(pending == ctx["conflicts_2014"] > 0, f"every conflict 待确认: {pending} of {ctx['conflicts_2014']}")
    check(w.sql("SELECT count(*) FROM dossiers WHERE campaign_id = ?", c15) == [(0,)], "no dossier carried")
    ctx["c15"] = c15


def confirm_conflicts_2015(w: Window, ctx: dict):
    w.route("experts")
    w.el("conflict-pending")
    w.see("待确认")
    w.shot("53-experts-pending-2015")
    w.click("confirm-all-conflicts")
    w.wait(lambda: not w.all("conflict-pending"), "no conflict left 待确认")
    left = w.sql("SELECT count(*) FROM conflicts c JOIN experts e ON e.id = c.expert_id WHERE e.campaign_id = ? AND c.confirmed = 0", ctx["c15"])
    check(left == [(0,)], f"all confirmed in the database: {left}")


def switch_years(w: Window, ctx: dict):
    # the 确认全部 toast gone first: the switcher's shot shows it alone
    w.wait(lambda: not [e for e in w.d.find_elements(By.CSS_SELECTOR, ".el-message") if e.is_displayed()], "the toast to go", 10)
    w.click("year-switcher-open")
    item = w.el("year-item-2014")
    check("已发布" in item.text, f"2014 listed with its stage: {item.text}")
    check("申报推荐" in w.el("year-item-2015").text, "2015 listed with its stage")
    w.settle(0.3)
    w.shot("54-year-switcher")
    w.click("year-item-2014")
    w.wait(lambda: "2014" in header_year(w), "the header at 2014")
    w.settle()
    check("2014年度评审工作已发布，只读" in w.el("read-only-banner").text, "the banner on 2014")
    check("#/experts" in w.d.current_url, "the same screen, now of 2014")
    check(not w.all("expert-login") and not w.all("confirm-all-conflicts"), "no write button on a published year")
    w.shot("55-experts-2014-read-only")
    # a write sent anyway (a page left open elsewhere would): refused by the core, naming 2014
    audit_before = w.sql("SELECT count(*) FROM conflicts")
    name = w.sql("SELECT e.name FROM experts e JOIN campaigns c ON c.id = e.campaign_id WHERE c.year = 2014 LIMIT 1")[0][0]
    r = invoke(w, "declare_conflict", {"expert": name, "unit": "湖北省科协", "reason": "e2e"})
    err = json.dumps(r.get("err"), ensure_ascii=False)
    check("ok" not in r and "2014年度评审工作已发布，只读" in err, f"the write refused naming 2014: {r}")
    check(w.sql("SELECT count(*) FROM conflicts") == audit_before, "nothing written")
    switch_to(w, 2015)
    check(not w.all("read-only-banner"), "back in 2015: no banner")
    w.shot("56-back-to-2015")


def wan(yuan: int) -> str:
    """Integer yuan as the window's 万元 text (two decimals, half up)."""
    cents = (yuan + 50) // 100
    return f"{cents // 100}.{cents % 100:02d}"


def dossier_2015(w: Window, ctx: dict):
    # the unit's row of the demo's spreadsheet, a year on, imported into 2015 through the CLI
    src = ctx["work"] / "inputs" / "申报汇总表.csv"
    with open(src, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    row = next(r for r in rows[1:] if r[0] == UNIT)
    one = ctx["work"] / "2015申报汇总表.csv"
    with open(one, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([rows[0], [c.replace("2014-", "2015-") for c in row]])
    cli(ctx["db"], "--year", "2015", "import", "dossiers", str(one))
    (d15,), = w.sql("SELECT d.id FROM dossiers d JOIN campaigns c ON c.id = d.campaign_id WHERE c.year = 2015")
    # what 2014's own results and funding table say of the unit
    results = json.loads(cli(ctx["db"], "--year", "2014", "--json", "results"))
    r14 = next(r for r in results if r["unit"] == UNIT)
    of = sum(1 for r in results if r["award"] == r14["award"] and r["rank"] is not None)
    funding = json.loads(cli(ctx["db"], "--year", "2014", "--json", "funding"))
    amount = next((l["amount_yuan"] for l in funding["lines"] if l["unit"] == UNIT and l["award"] == r14["award"]), None)
    check(r14["rank"] is not None and r14["grade"] is not None, f"the unit was ranked in 2014: {r14}")

    w.route("dossiers")
    check(len(w.all("dossier-row")) == 1, "2015 lists the one dossier")
    w.click("dossier-row")
    w.wait(lambda: f"#/dossiers/{d15}" in w.d.current_url, "the 2015 dossier's page")
    w.settle()
    card = w.el("unit-history")
    w.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", card)
    check("历年评审情况" in card.text, f"the card's title: {card.text[:80]}")
    years = w.wait(lambda: w.all("history-row"), "the history rows")
    check([y.text for y in years] == ["2014"], f"one earlier year, 2014: {[y.text for y in years]}")
    w.settle(0.3)
    w.shot("57-unit-history-2015")
    # the row's cells as rendered (innerText: WebKitWebDriver's own text of an el-table cell
    # beside the first comes back empty)
    cells = w.d.execute_script("return [...arguments[0].closest('tr').cells].map((c) => c.innerText.trim())", years[0])
    want = ["2014", "后补助" if r14["award"] == "subsidy" else "试点示范", "已推荐", f"{r14['aggregate']:.2f}",
            f"{r14['rank']}/{of}", GRADE[r14["grade"]], "—" if amount is None else wan(amount)]
    check(cells == want, f"the 2014 row {cells} is 2014's results {want}")
    trend = w.el("history-trend")
    points = trend.find_elements(By.TAG_NAME, "circle")
    check(len(points) == 1, f"the trend chart has 2014's point: {len(points)}")
    check("2014" in trend.text, f"the trend's year axis: {trend.text}")
    ctx["r14"] = r14


def results_previous_2014(w: Window, ctx: dict):
    w.route("dossiers")  # off the 2015 dossier's page before the year changes
    switch_to(w, 2014)
    w.route("results")
    cells = w.wait(lambda: w.all("result-previous"), "the results' 上年 column")
    shown = sum(1 for r in json.loads(cli(ctx["db"], "--year", "2014", "--json", "results")) if r["award"] == "subsidy")
    check(len(cells) == shown, f"every 后补助 row has 上年: {len(cells)} of {shown}")
    texts = {c.text.strip() for c in cells}
    check(texts == {"首次申报"}, f"2014 is every unit's first year: {texts}")
    w.shot("58-results-2014-previous")


def archive_2014(w: Window, ctx: dict):
    """文件导出 › 年度归档 on the published 2014 (the session's year since the last step)."""
    check("2014" in header_year(w), "still in 2014")
    w.route("documents")
    card = w.el("archive-card")
    w.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", card)
    check("年度归档（2014年度）" in card.text, f"the card names the year: {card.text[:60]}")
    check(not w.all("archive-not-published"), "2014 is published: no 'not yet'")
    out = ctx["work"] / "2014年度评审档案.zip"
    made_before = w.sql("SELECT count(*) FROM audit WHERE action = 'archive.make'")
    w.answer(out)
    w.click("export-archive")
    done = w.el("archive-done", timeout=180).text
    check(str(out) in done and "已保存" in done, f"the card names the file: {done}")
    w.settle(0.3)
    w.shot("59-archive-2014")
    check(made_before == [(0,)] and w.sql("SELECT count(*) FROM audit WHERE action = 'archive.make'") == [(1,)], "making the archive is logged once")
    check(out.exists() and not list(ctx["work"].glob("*.tmp*")), "the zip is there, no temporary file beside it")
    with zipfile.ZipFile(out) as z:
        check(z.testzip() is None, "every member of the zip reads back")
        names = z.namelist()
        manifest = json.loads(z.read("manifest.json"))
        check(manifest["year"] == 2014, f"the manifest's year: {manifest['year']}")
        listed = [f["name"] for f in manifest["files"]]
        check(sorted(listed + ["manifest.json"]) == sorted(names), f"the manifest lists every other file: {set(names) ^ set(listed)}")
        check("卷内目录.pdf" in listed, "the contents list is in")
        for f in manifest["files"]:
            data = z.read(f["name"])
            check(len(data) == f["size"] and hashlib.sha256(data).hexdigest() == f["sha256"], f"{f['name']}: size and SHA-256 as listed")
        kinds = {n.rsplit(".", 1)[-1] for n in listed}
        check({"pdf", "xlsx"} <= kinds, f"PDF and Excel documents: {kinds}")
    head = manifest["audit_head"]
    check(w.sql("SELECT count(*) FROM audit WHERE seq = ? AND hash = ?", head["seq"], head["hash"]) == [(1,)], f"the manifest's audit head is in the log: {head}")
    said = cli(ctx["db"], "audit", "verify", "--against", str(out))
    print(f"       audit verify --against: {said.strip().splitlines()[-1] if said.strip() else ''}")
    ctx["archive_files"] = len(names)


def archive_2015_refused(w: Window, ctx: dict):
    """The same card in 2015 (not published): says it cannot be archived yet, the button is off."""
    switch_to(w, 2015)
    check("#/documents" in w.d.current_url, "the same screen, now of 2015")
    card = w.el("archive-card")
    w.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", card)
    check("年度归档（2015年度）" in card.text, f"the card names 2015: {card.text[:60]}")
    check("本年度发布后才能归档" in w.el("archive-not-published").text, "it says 2015 cannot be archived yet")
    check(not w.el("export-archive").is_enabled(), "no archive of an unpublished year")
    w.shot("60-archive-2015-not-yet")


STEPS = [published_2014, open_2015, confirm_conflicts_2015, switch_years, dossier_2015, results_previous_2014, archive_2014, archive_2015_refused]


def next_year(work: Path):
    db = work / "年度.db"
    cli(db, "demo", "--inputs", str(work / "inputs"))
    ctx = {"work": work, "db": db}
    w = Window(db, work)
    try:
        (ctx["experts_2014"],), = w.sql("SELECT count(*) FROM experts")
        (ctx["conflicts_2014"],), = w.sql("SELECT count(*) FROM conflicts")
        for step in STEPS:
            t = time.time()
            step(w, ctx)
            print(f"     {step.__name__} ({time.time() - t:.0f} s)")
    finally:
        w.close()
