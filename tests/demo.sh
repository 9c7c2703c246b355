#!/usr/bin/env bash
# Opens the window on the 2014 demo campaign, kept in an embedded SQLite database
# (target/pingshen-demo.db). Builds what it needs first (Debian packages, Rust, Node packages;
# idempotently). Without a display (a server, CI) the window runs under Xvfb: a screenshot of it
# is saved and the app is stopped after PINGSHEN_DEMO_SECONDS (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/setup.sh
build_app
mkdir -p target
DB="${PINGSHEN_DEMO_DB:-$PWD/target/pingshen-demo.db}"
if [ ! -f "$DB" ]; then
  echo "== 2014 demo year → $DB =="
  ./target/debug/pingshen --db "$DB" demo --inputs target/demo-inputs >/dev/null
fi
export PINGSHEN_DB="$DB"
echo "== 评审台 on $DB (log in as 本机秘书处; experts: e.g. 王建华 / pingshen-2014) =="
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec ./target/debug/pingshen-app
fi
ensure_apt "${APP_E2E_APT[@]}" imagemagick
export WEBKIT_DISABLE_COMPOSITING_MODE=1 WEBKIT_DISABLE_DMABUF_RENDERER=1 NO_AT_BRIDGE=1
SHOT="${PINGSHEN_DEMO_SHOT:-$PWD/target/demo-window.png}"
echo "no display: running under Xvfb for ${PINGSHEN_DEMO_SECONDS:-20} s; screenshot → $SHOT"
xvfb-run -a -s "-screen 0 1366x768x24" bash -c '
  ./target/debug/pingshen-app & pid=$!
  sleep "${PINGSHEN_DEMO_SECONDS:-20}"
  import -window root "'"$SHOT"'" || true
  kill $pid 2>/dev/null || true
'
