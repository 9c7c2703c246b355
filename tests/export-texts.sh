#!/usr/bin/env bash
# Writes every export of the demo year as text into OUT, so that two builds can be compared:
# PDFs through `pdftotext -layout`, XLSX as their worksheet and shared-string XML. What differs
# from run to run by design (the audit head a file carries, the time it was made) is masked.
#
#   bash tests/export-texts.sh OUT [PINGSHEN_BINARY]
#
# Before/after a change of structure (issue 15: "no figure in any export changes"):
#   git worktree add /tmp/base BASE_COMMIT
#   (cd /tmp/base && CARGO_TARGET_DIR=/tmp/base-target cargo build -q -p pingshen-cli)
#   bash tests/export-texts.sh /tmp/before /tmp/base-target/debug/pingshen
#   bash tests/export-texts.sh /tmp/after
#   diff -r /tmp/before /tmp/after && echo same
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: export-texts.sh OUT [PINGSHEN_BINARY]}
bin=${2:-target/debug/pingshen}
[ -x "$bin" ] || { echo "no binary at $bin (cargo build -p pingshen-cli)" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/demo.db"
"$bin" --db "$db" demo >/dev/null
p() { "$bin" --db "$db" "$@"; }

unit=$(p --json assignments | python3 -c 'import json,sys; a=json.load(sys.stdin); print(a[0]["unit"])')
expert=$(p --json assignments | python3 -c 'import json,sys; a=json.load(sys.stdin); print(a[0]["expert"])')
award=$(p --json assignments | python3 -c 'import json,sys; a=json.load(sys.stdin); print(a[0]["award"])')

export_one() { # name, then the export arguments
  local name=$1
  shift
  p export "$@" --out "$work/$name" >/dev/null
  case "$name" in
  *.pdf)
    pdftotext -layout "$work/$name" - | sed -E 's/[0-9]+:[0-9a-f]{16,}/HEAD/g' >"$out/$name.txt"
    pdfinfo "$work/$name" | grep -E '^(Pages|Page size)' >>"$out/$name.txt"
    ;;
  *.xlsx)
    mkdir -p "$out/$name"
    (cd "$out/$name" && unzip -q "$work/$name" 'xl/worksheets/*' 'xl/sharedStrings.xml' 'xl/workbook.xml' 2>/dev/null || true)
    find "$out/$name" -type f -exec sed -i -E 's/[0-9]+:[0-9a-f]{16,}/HEAD/g' {} +
    ;;
  esac
}

export_one results.pdf results
export_one results.xlsx results
export_one publicity.pdf publicity-list
export_one publicity.xlsx publicity-list
export_one funding.pdf funding-table
export_one funding.xlsx funding-table
export_one notice.pdf notice
export_one score-sheet.pdf score-sheet --expert "$expert"
export_one score-sheet.xlsx score-sheet --expert "$expert"
export_one dossier.pdf dossier --unit "$unit" --award "$award"
export_one expert-dossiers.pdf dossier --expert "$expert"
p --json results >"$out/results.json"
p --json funding >"$out/funding.json" 2>/dev/null || true
echo "exports of the demo year written as text to $out ($(find "$out" -type f | wc -l) files)"
