#!/usr/bin/env bash
# Benchmarks of the window (not tests; not in CI): builds the release app with the front end
# embedded, then prints
#   - a scoring keystroke's autosave through the command layer, p50/p99 (cargo bench),
#   - cold start to the first painted overview of the demo year and RSS after loading it,
#     over PINGSHEN_BENCH_RUNS fresh launches under Xvfb (tests/e2e/bench_window.py), driven by
#     WebDriver; then the same launches without it (process → page loaded, RSS on the login page),
#   - the release binary's size.
# Goals (issue 6): < 0.5 s, < 150 MB, < 5 ms p99, < 20 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/setup.sh
build_app
echo "== pingshen-app (release, front end embedded) =="
cargo build --locked -q --release -p pingshen-app --features custom-protocol
echo "== autosave through the command layer =="
# (with the feature: a bench build also relinks the package's binary in target/release)
cargo bench --locked -q -p pingshen-app --features custom-protocol --bench autosave
echo "== start-up and memory (release build, Xvfb) =="
PINGSHEN_APP="$PWD/target/release/pingshen-app" bash tests/e2e/run.sh --bench
echo "== release binary =="
ls -l target/release/pingshen-app | awk '{printf "target/release/pingshen-app: %.1f MB\n", $5 / 1e6}'
