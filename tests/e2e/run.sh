#!/usr/bin/env bash
# End-to-end tests of the real window: the debug app with its front end embedded, driven by
# WebDriver (tauri-driver + WebKitWebDriver) under Xvfb at 1366×768, on fresh temporary databases.
# Screenshots go to $PINGSHEN_SHOTS (default target/e2e-shots).
# Usage: bash tests/e2e/run.sh [tour|year|exceptions|offline|records|next_year|meeting]   (after tests/setup.sh's build_app; run-all.sh does both)
#        bash tests/e2e/run.sh --bench       (the start-up benchmark; tests/bench-window.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/setup.sh
ensure_apt "${APP_E2E_APT[@]}" python3-venv
ensure_rust
ensure_tauri_driver
export PATH="$HOME/.cargo/bin:$PATH"
VENV=target/e2e-venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import selenium" 2>/dev/null; then
  echo "== python venv + selenium (PyPI) =="
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "selenium==4.*"
fi
APP_BIN="${PINGSHEN_APP:-target/debug/pingshen-app}"
[ -x "$APP_BIN" ] || { echo "$APP_BIN is missing: build it first (tests/setup.sh build_app)" >&2; exit 1; }
export PINGSHEN_SHOTS="${PINGSHEN_SHOTS:-$PWD/target/e2e-shots}"
mkdir -p "$PINGSHEN_SHOTS"
export WEBKIT_DISABLE_COMPOSITING_MODE=1 WEBKIT_DISABLE_DMABUF_RENDERER=1 NO_AT_BRIDGE=1
SCRIPT=tests/e2e/test_window.py
BUS=()
if [ "${1:-}" = "--bench" ]; then
  SCRIPT=tests/e2e/bench_window.py
  shift
  # the benchmark starts the app as on a desktop, which has a session bus (without one, GLib and
  # libdbus each try to start one; 24 interleaved starts showed no difference in time either way)
  BUS=(dbus-run-session --)
fi
exec "${BUS[@]}" xvfb-run -a -s "-screen 0 1366x768x24" "$VENV/bin/python" -u "$SCRIPT" "$@"
