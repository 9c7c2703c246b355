"""The WebDriver harness of the window's end-to-end tests: starts tauri-driver with the app on a
given database, finds elements by their data-test names, answers the native file dialogs through
PINGSHEN_DIALOG_ANSWERS, takes screenshots, and reads the database afterwards."""

import os
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.options import ArgOptions
from selenium.common.exceptions import ElementClickInterceptedException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement

ROOT = Path(__file__).resolve().parents[2]
APP = Path(os.environ.get("PINGSHEN_APP", ROOT / "target" / "debug" / "pingshen-app"))
CLI = ROOT / "target" / "debug" / "pingshen"
SHOTS = Path(os.environ.get("PINGSHEN_SHOTS", ROOT / "target" / "e2e-shots"))
TIMEOUT = float(os.environ.get("PINGSHEN_E2E_TIMEOUT", "20"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, who: str, seconds: float = 30):
    deadline = time.time() + seconds
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.time() > deadline:
                raise RuntimeError(f"{who} did not start listening on port {port}")
            time.sleep(0.2)


class Window:
    """One run of the app on one database."""

    def __init__(self, db: Path, workdir: Path, args: tuple = (), env: dict | None = None):
        """`args`: the app's command line (a .pingshen file as a double-click hands it over);
        `env`: variables added to the app's (a session bus's address)."""
        self.db = db
        self.answers = workdir / "dialog-answers.txt"
        self.answers.write_text("")
        # the app's whole environment, kept for a second launch (on a desktop it has the same);
        # the web view's storage (the chosen language in localStorage, caches) in this run's own
        # folder: a language picked in an earlier run on this machine must not carry over
        self.app_env = dict(os.environ, PINGSHEN_DB=str(db), PINGSHEN_DIALOG_ANSWERS=str(self.answers), XDG_DATA_HOME=str(workdir / "xdg-data"), XDG_CACHE_HOME=str(workdir / "xdg-cache"), **(env or {}))
        self.port = _free_port()
        native = _free_port()
        driver_bin = os.environ.get("TAURI_DRIVER", str(Path.home() / ".cargo" / "bin" / "tauri-driver"))
        self.log = open(workdir / "tauri-driver.log", "w")
        self.proc = subprocess.Popen([driver_bin, "--port", str(self.port), "--native-port", str(native)], env=self.app_env, stdout=self.log, stderr=subprocess.STDOUT)
        # tauri-driver answers on its port before the WebKitWebDriver it starts listens on the
        # native one; a session asked for in between is dropped ("client error (Connect)", seen
        # on a busy 2-core machine), so both ports must accept connections first
        for port, who in ((self.port, "tauri-driver"), (native, "WebKitWebDriver")):
            _wait_for_port(port, who)
        opts = ArgOptions()
        opts.set_capability("browserName", "wry")
        opts.set_capability("tauri:options", {"application": str(APP), "args": [str(a) for a in args]})
        self.d = webdriver.Remote(command_executor=f"http://127.0.0.1:{self.port}", options=opts)
        self.d.implicitly_wait(0)

    def close(self):
        try:
            self.d.quit()
        except WebDriverException:
            pass
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()

    # -- waiting and finding -------------------------------------------------------------------
    def wait(self, fn, what: str, timeout: float = TIMEOUT):
        deadline = time.time() + timeout
        last = None
        while time.time() < deadline:
            try:
                v = fn()
                if v:
                    return v
            except (WebDriverException, StaleElementReferenceException) as e:
                last = e
            time.sleep(0.15)
        self.shot(f"FAILED-{what[:40]}")
        raise AssertionError(f"timed out waiting for {what} (last error: {last}); page text: {self.text()[:1500]}")

    def all(self, test: str) -> list:
        return [e for e in self.d.find_elements(By.CSS_SELECTOR, f'[data-test="{test}"]') if e.is_displayed()]

    def el(self, test: str, timeout: float = TIMEOUT) -> WebElement:
        return self.wait(lambda: (self.all(test) or [None])[0], f'[data-test="{test}"]', timeout)

    def css(self, selector: str, timeout: float = TIMEOUT) -> WebElement:
        return self.wait(lambda: next((e for e in self.d.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()), None), selector, timeout)

    def click(self, test: str):
        e = self.el(test)
        self.wait(lambda: e.is_enabled(), f"{test} enabled")
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", e)
        self._click(e)
        return e

    def _click(self, e: WebElement):
        """A real click; while a toast or a closing dialog still covers the element, wait for it to
        go as a person would (a few tries), and only then click through it."""
        for _ in range(8):
            try:
                e.click()
                return
            except ElementClickInterceptedException:
                time.sleep(0.4)
        self.d.execute_script("arguments[0].click()", e)

    def click_text(self, text: str, selector: str = "button, a, li, span, div, label"):
        """Clicks the innermost visible element whose own text is `text`."""
        def find():
            for e in self.d.find_elements(By.CSS_SELECTOR, selector):
                try:
                    if e.is_displayed() and e.text.strip() == text:
                        return e
                except StaleElementReferenceException:
                    continue
            return None
        e = self.wait(find, f"text {text!r}")
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", e)
        self._click(e)
        return e

    def input_in(self, test: str) -> WebElement:
        """The <input> or <textarea> at or inside [data-test=test]."""
        e = self.el(test)
        if e.tag_name.lower() in ("input", "textarea"):
            return e
        return self.wait(lambda: next((x for x in e.find_elements(By.CSS_SELECTOR, "input, textarea") if x.is_displayed()), None), f"input in {test}")

    def fill(self, test: str, value: str):
        i = self.input_in(test)
        i.click()
        i.send_keys(Keys.CONTROL, "a")
        i.send_keys(Keys.BACKSPACE)
        if value:
            i.send_keys(value)
        return i

    def fill_date(self, test: str, iso: str):
        """Types a date into an Element Plus date picker and commits it with Enter."""
        i = self.fill(test, iso)
        i.send_keys(Keys.ENTER)
        time.sleep(0.3)
        return i

    def text(self) -> str:
        try:
            return self.d.execute_script("return document.body.innerText") or ""
        except WebDriverException:
            return ""

    def see(self, text: str, timeout: float = TIMEOUT):
        return self.wait(lambda: text in self.text(), f"text {text!r} on the page", timeout)

    def route(self, name: str):
        self.click(f"nav-{name}")
        self.wait(lambda: f"#/{name}" in self.d.current_url, f"route {name}")
        self.settle()

    def settle(self, pause: float = 0.6):
        """Waits until no loading mask or skeleton is shown, then a little for paint."""
        self.wait(lambda: not [e for e in self.d.find_elements(By.CSS_SELECTOR, ".el-loading-mask, .el-skeleton") if e.is_displayed()], "loading to finish")
        time.sleep(pause)

    def shot(self, name: str):
        """The whole Xvfb screen (the window fills it at 1366×768). WebKitWebDriver's own
        screenshot command can hang under Xvfb, so ImageMagick's `import` takes it instead."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        try:
            subprocess.run(["import", "-window", "root", str(SHOTS / f"{name}.png")], timeout=20, check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            pass

    def native_titles(self) -> str:
        """The names of the X windows on the Xvfb screen (the native title bar's text)."""
        out = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True, timeout=20)
        return out.stdout

    def answer(self, *paths):
        """The next native dialogs' answers, in order (a path, or 'CANCEL')."""
        with open(self.answers, "a") as f:
            for p in paths:
                f.write(f"{p}\n")

    # -- the database afterwards ---------------------------------------------------------------
    def sql(self, query: str, *args):
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            return con.execute(query, args).fetchall()
        finally:
            con.close()


class SessionBus:
    """A D-Bus session bus of its own, as a desktop has one: there a second launch of the app
    hands its file to the window already open (the single-instance plugin). `env` is what a
    program needs to be on it; the e2e runs have no bus otherwise, so no other window shares one."""

    def __enter__(self):
        out = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
                             capture_output=True, text=True, timeout=20, check=True).stdout.split()
        self.env = {"DBUS_SESSION_BUS_ADDRESS": out[0]}
        self.pid = int(out[1])
        return self

    def __exit__(self, *_):
        try:
            os.kill(self.pid, 15)
        except ProcessLookupError:
            pass


def launch_again(w: Window, file: Path, seconds: float = 60) -> float:
    """Starts the app a second time with `file` (relative to its folder, as a file manager
    starts a program in the file's folder), on the bus of the open window `w`: that launch must
    hand the file over and end by itself. Returns how long it ran, in ms."""
    t0 = time.monotonic()
    out = subprocess.run([str(APP), file.name], cwd=file.parent, env=w.app_env, capture_output=True, text=True, timeout=seconds)
    if out.returncode != 0:
        raise AssertionError(f"the second launch ended with {out.returncode}: {out.stderr[-2000:]}")
    return (time.monotonic() - t0) * 1000


def cli(db: Path, *args: str) -> str:
    out = subprocess.run([str(CLI), "--db", str(db), *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise AssertionError(f"pingshen {' '.join(args)} failed: {out.stderr}")
    return out.stdout
