#!/usr/bin/env bash
# The whole test suite: installs what it needs (idempotently), then runs every test of the
# workspace (unit, property, Desk integration, CLI scenarios, export read-backs).
# Usage: bash tests/run-all.sh        (as root on Debian 12, or with sudo available)
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/setup.sh
ensure_apt build-essential pkg-config curl ca-certificates poppler-utils qpdf libreoffice-calc-nogui fonts-noto-cjk
ensure_rust

export CARGO_TERM_COLOR=never
export PROPTEST_CASES="${PROPTEST_CASES:-256}"
echo "== cargo test (debug, one shared target/) =="
log=$(mktemp)
set +e
cargo test --workspace --locked --no-fail-fast >"$log" 2>&1
status=$?
set -e
grep -E "^(test result|     Running|failures:|---- )|FAILED|panicked" "$log" || true
if [ $status -ne 0 ]; then
  echo "== FAILED (exit $status); the end of the log: =="
  tail -n 120 "$log"
  exit $status
fi
passed=$(grep -oE "test result: ok\. [0-9]+ passed" "$log" | awk '{s+=$4} END {print s}')
echo "== all tests passed: ${passed} tests =="
