#!/usr/bin/env bash
# Runs the 2014 demo campaign end to end in an embedded SQLite database (pingshen-demo.db) and
# prints the results table. Installs what it needs (idempotently).
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/setup.sh
ensure_apt build-essential pkg-config curl ca-certificates
ensure_rust
cargo build --locked -q -p pingshen-cli
DB="${PINGSHEN_DEMO_DB:-pingshen-demo.db}"
rm -f "$DB" "$DB-wal" "$DB-shm"
./target/debug/pingshen --db "$DB" demo --inputs demo-inputs
echo
echo "下一步可试：./target/debug/pingshen --db $DB funding   |   ... audit verify   |   ... --help"
