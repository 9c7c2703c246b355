#!/usr/bin/env bash
# The whole test suite: installs what it needs (idempotently), then runs
#   0. the formatter's check (rustfmt.toml) and clippy with every warning an error,
#   1. every Rust test of the workspace (core unit, property, Desk integration, CLI scenarios,
#      export read-backs, the window's command layer, the generated TypeScript bindings),
#   2. the front end's unit tests (Vitest + happy-dom, IPC mocked),
#   3. the Windows build on Debian (tests/windows-cli.sh): `cargo check` of the window for the
#      Windows target (≈ 7 min cold on two cores), the CLI cross-built and a year run under wine64,
#      compared with the Linux build's (PINGSHEN_WIN_SKIP_APP_CHECK=1 skips the check, by hand),
#   4. the window end to end (the debug app, front end embedded, tauri-driver + WebKitWebDriver
#      under Xvfb, on fresh temporary databases), with screenshots in target/e2e-shots.
# One debug build in one target/ serves all three.
# Usage: bash tests/run-all.sh        (as root on Debian 12, or with sudo available)
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/setup.sh
ensure_apt build-essential pkg-config curl ca-certificates poppler-utils qpdf libreoffice-calc-nogui fonts-noto-cjk
ensure_rust
export CARGO_TERM_COLOR=never
export PROPTEST_CASES="${PROPTEST_CASES:-256}"
start=$(date +%s)
stamp() { echo "   ($(( $(date +%s) - start )) s so far)"; }

echo "== cargo fmt --check =="
cargo fmt --all --check

build_app
stamp

echo "== cargo clippy (every warning an error) =="
cargo clippy "${WORKSPACE[@]}" --all-targets --locked -q -- -D warnings
stamp

echo "== cargo test (debug, one shared target/) =="
log=$(mktemp)
set +e
cargo test "${WORKSPACE[@]}" --locked --no-fail-fast >"$log" 2>&1
status=$?
set -e
grep -E "^(test result|     Running|failures:|---- )|FAILED|panicked" "$log" || true
if [ $status -ne 0 ]; then
  echo "== FAILED (exit $status); the end of the log: =="
  tail -n 120 "$log"
  exit $status
fi
passed=$(grep -oE "test result: ok\. [0-9]+ passed" "$log" | awk '{s+=$4} END {print s}')
echo "== Rust: ${passed} tests passed =="
stamp

echo "== the Windows build (the CLI cross-compiled, a year under wine64) =="
bash tests/windows-cli.sh
stamp

echo "== front end: vitest =="
(cd ui && npx vitest run --reporter=dot)
stamp

echo "== the window end to end (WebDriver under Xvfb) =="
bash tests/e2e/run.sh
stamp
echo "== all tests passed =="
