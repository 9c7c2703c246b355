"""Benchmark of the window (not a test): cold start to the first painted overview of the demo year
and the memory held after loading it, over several fresh launches of the app given in
PINGSHEN_APP (tests/bench-window.sh passes the release build).

Cold start = (first painted login screen − the process's start time, from /proc) + (first painted
overview − the moment the 「本机秘书处」 button was clicked): the person's reaction time between the
two is left out. The click's moment is when the page received it (a listener on the document, in
the capture phase), not when the benchmark asked WebDriver to click: WebDriver's own round trips
to find the button, check it is enabled, scroll to it and click (≈ 100 ms) are no part of what a
person waits for. That longer figure is printed too, as it was measured before. Paint times come
from the page's own marks (ui/src/utils/paint.ts: two animation frames after the data is in). RSS
is read from /proc for the app process and, separately, with the WebKit processes it started (the
web view runs in its own process).

WebDriver itself slows the start (the automation session is set up before the page loads, and the
page runs under the inspector), so the app is also started without it, as a user starts it, with
PINGSHEN_STARTUP_TRACE=1: the app prints when its database is open, when WebKit has loaded the
page (DOM and scripts) and when the page has painted the login screen (the page's own mark, told to
the app), measured from the process's start; RSS is read on the login page."""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import APP, Window, cli

RUNS = int(os.environ.get("PINGSHEN_BENCH_RUNS", "5"))
TICK = os.sysconf("SC_CLK_TCK")


def start_epoch_ms(pid: int) -> float:
    """The process's start in ms since the epoch. From its start in clock ticks since boot and the
    uptime read now (both monotonic, 10 ms resolution); /proc/stat's btime is whole seconds and
    would shift every figure by up to a second."""
    ticks = int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[19])  # field 22, starttime
    uptime = float(open("/proc/uptime").read().split()[0])
    now = time.time()
    return (now - (uptime - ticks / TICK)) * 1000.0


def rss_kb(pid: int) -> int:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list:
    out = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                ppid = int(open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            if ppid == pid:
                out.append(int(p))
                out.extend(children(int(p)))
    return out


def app_pid() -> int:
    best = None
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                exe = os.readlink(f"/proc/{p}/exe")
            except OSError:
                continue
            if Path(exe) == APP.resolve():
                best = max(best or 0, int(p))
    if best is None:
        raise RuntimeError(f"{APP} is not running")
    return best


def one(demo: Path, work: Path):
    db = work / "demo.db"
    shutil.copy(demo, db)
    w = Window(db, work)
    try:
        pid = app_pid()
        start = start_epoch_ms(pid)
        login = w.wait(lambda: w.d.execute_script("return (window.__pingshenPaint || {}).login"), "the login screen painted", 60)
        w.d.execute_script("document.addEventListener('click', () => { window.__pingshenClick = performance.timeOrigin + performance.now() }, { capture: true, once: true })")
        asked = time.time() * 1000.0
        w.click("login-local")
        overview = w.wait(lambda: w.d.execute_script("return (window.__pingshenPaint || {}).overview"), "the overview painted", 60)
        clicked = w.d.execute_script("return window.__pingshenClick")
        time.sleep(1.0)  # settled
        app = rss_kb(pid)
        total = app + sum(rss_kb(c) for c in children(pid))
        return (login - start) + max(0.0, overview - clicked), login - start, overview - clicked, app / 1024, total / 1024, overview - asked
    finally:
        w.close()


def plain(demo: Path, work: Path):
    """One start without WebDriver: (process → database open, → page loaded, → login painted, RSS MB)."""
    db = work / "plain.db"
    shutil.copy(demo, db)
    env = dict(os.environ, PINGSHEN_DB=str(db), PINGSHEN_STARTUP_TRACE="1", XDG_DATA_HOME=str(work / "xdg-data"), XDG_CACHE_HOME=str(work / "xdg-cache"))
    proc = subprocess.Popen([str(APP)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        start = start_epoch_ms(proc.pid)
        steps = {}
        for line in proc.stderr:
            parts = line.split()
            if len(parts) == 3 and parts[0] == "PINGSHEN_STARTUP":
                steps[parts[1]] = float(parts[2])
                # the database opens on its own thread while the web view starts: either may come first
                if all(s in steps for s in ("page-loaded", "database-open", "login-painted")):
                    break
        time.sleep(2.0)  # the login page settled
        return steps["database-open"] - start, steps["page-loaded"] - start, steps["login-painted"] - start, rss_kb(proc.pid) / 1024
    finally:
        proc.terminate()
        proc.wait(10)


def main():
    work = Path(tempfile.mkdtemp(prefix="pingshen-bench-window-"))
    demo = work / "seed.db"
    cli(demo, "demo")
    rows = []
    for i in range(RUNS):
        run = work / f"run{i}"
        run.mkdir()
        time.sleep(2)  # let the previous run's driver and web processes go
        rows.append(one(demo, run))
        c, l, o, a, t, wd = rows[-1]
        print(f"run {i + 1}: cold start to overview {c:.0f} ms (process → login painted {l:.0f} ms, click → overview painted {o:.0f} ms; from the WebDriver call {wd:.0f} ms); RSS app {a:.0f} MB, with WebKit processes {t:.0f} MB")
    med = lambda k: statistics.median(r[k] for r in rows)
    print(f"median of {RUNS}: cold start to first painted overview {med(0):.0f} ms (login painted {med(1):.0f} ms, click → overview {med(2):.0f} ms; "
          f"counted from the WebDriver call {statistics.median(r[1] + r[5] for r in rows):.0f} ms); RSS after loading it {med(3):.0f} MB (app), {med(4):.0f} MB (app + WebKit)")
    starts = []
    for i in range(RUNS):
        run = work / f"plain{i}"
        run.mkdir()
        time.sleep(1)
        starts.append(plain(demo, run))
        d, p, l, r = starts[-1]
        print(f"without WebDriver, run {i + 1}: process → database open {d:.0f} ms, → page loaded {p:.0f} ms, → login painted {l:.0f} ms; RSS on the login page {r:.0f} MB")
    smed = lambda k: statistics.median(s[k] for s in starts)
    print(f"median without WebDriver: process → login painted {smed(2):.0f} ms (page loaded at {smed(1):.0f} ms, database open at {smed(0):.0f} ms); RSS on the login page {smed(3):.0f} MB")
    print(f"binary: {APP} {APP.stat().st_size / 1e6:.1f} MB")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
