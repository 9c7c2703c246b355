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
cargo test --workspace --locked --no-fail-fast 2>&1 | tee /tmp/pingshen-test.log | grep -E "^(test result|running|     Running|failures:|---- )|FAILED|panicked" || true
if grep -qE "test result: FAILED|error(\[E[0-9]+\])?:" /tmp/pingshen-test.log; then
  echo "== FAILED: see the log above (full log in /tmp/pingshen-test.log) =="
  grep -A20 "^failures:" /tmp/pingshen-test.log | head -80 || true
  exit 1
fi
passed=$(grep -oE "test result: ok\. [0-9]+ passed" /tmp/pingshen-test.log | awk '{s+=$4} END {print s}')
echo "== all tests passed: ${passed} tests =="
