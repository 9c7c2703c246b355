# A year with the `pingshen` CLI, run the same way by the Linux build and by the Windows build
# under Wine (sourced by tests/windows-cli.sh). `scenario OUT` writes what must be equal across
# the two into OUT/compare/ (results JSON, the funding table's cell values, audit verification);
# the work itself happens in OUT/评审 数据/ (Chinese names and spaces in every path).
# Needs: PS (the command: an array, e.g. (./target/debug/pingshen) or (wine64 …/pingshen.exe)),
# P (a function turning a Linux path into the path the command takes).

ps() { "${PS[@]}" "$@"; }

# the cell values of an XLSX (every sheet, shared strings resolved) one per line: ref<TAB>value
xlsx_values() {
  python3 - "$1" <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = []
if 'xl/sharedStrings.xml' in z.namelist():
    for si in re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode(), re.S):
        strings.append(''.join(re.findall(r'<t[^>]*>(.*?)</t>', si, re.S)))
for name in sorted(n for n in z.namelist() if n.startswith('xl/worksheets/sheet')):
    for attrs, body in re.findall(r'<c ([^>]*?)(?:/>|>(.*?)</c>)', z.read(name).decode(), re.S):
        ref = re.search(r'r="([A-Z]+[0-9]+)"', attrs).group(1)
        v = re.search(r'<v>(.*?)</v>', body or '')
        f = re.search(r'<f>(.*?)</f>', body or '')
        val = v.group(1) if v else ''
        if 't="s"' in attrs and v:
            val = strings[int(val)]
        print(f"{name}\t{ref}\t{val}\t{f.group(1) if f else ''}")
EOF
}

# 评分录入 for the pending sheets of DB's assignments (every expert criterion of the rubric at
# 80 % of its points, in the rubric's steps of 0.5; the same numbers whichever build reads them)
scores_csv() {
  python3 - "$1" "$2" assets/rubrics <<'EOF'
import json, sys, tomllib, pathlib
assignments, out, rubrics = json.load(open(sys.argv[1])), sys.argv[2], pathlib.Path(sys.argv[3])
crit = {}
for f in rubrics.glob('*.toml'):
    r = tomllib.loads(f.read_text())
    crit[r['award']] = [(c['id'], c['points']) for c in r['criteria'] if c['how'] == 'expert']
rows = ['专家,单位,评分项,得分,意见']
for a in assignments:
    if a['state'] != 'pending':
        continue
    for k, (cid, pts) in enumerate(crit[a['award']]):
        rows.append(f"{a['expert']},{a['unit']},{cid},{round(pts * 0.8 * 2) / 2},意见{k}")
open(out, 'w', encoding='utf-8', newline='\r\n').write('\n'.join(rows) + '\n')
EOF
}

scenario() {
  local out="$1" w
  w="$out/评审 数据"
  rm -rf "$out"
  mkdir -p "$w/输入 表格" "$w/导出 文件" "$w/专家 王建华" "$out/compare"
  local db="$w/2014 年度.db" pass="$w/口令 文件.txt"
  printf 'correct horse battery\r\n' >"$pass"

  echo "   demo (the 2014 year, published)"
  ps --db "$(P "$db")" demo --inputs "$(P "$w/输入 表格")" >/dev/null
  ps --db "$(P "$db")" results --json >"$out/compare/demo-results.json"
  echo "   exports: funding table (XLSX, PDF), notice, results (PDF)"
  ps --db "$(P "$db")" export funding-table --out "$(P "$w/导出 文件/经费 安排表.xlsx")" --json >/dev/null
  ps --db "$(P "$db")" export funding-table --out "$(P "$w/导出 文件/经费 安排表.pdf")" --json >/dev/null
  ps --db "$(P "$db")" export notice --out "$(P "$w/导出 文件/通报 2014.pdf")" --json >/dev/null
  ps --db "$(P "$db")" export results --out "$(P "$w/导出 文件/评审 结果.pdf")" --json >/dev/null
  xlsx_values "$w/导出 文件/经费 安排表.xlsx" >"$out/compare/funding-values.tsv"
  for f in "经费 安排表.pdf" "通报 2014.pdf" "评审 结果.pdf"; do
    head -c 5 "$w/导出 文件/$f" | grep -q '%PDF-' || { echo "not a PDF: $f" >&2; return 1; }
  done
  ps --db "$(P "$db")" audit verify --json | python3 -c 'import json,sys; j=json.load(sys.stdin); print("ok" if j["ok"] else "NOT OK", len(j.get("problems", j.get("findings", []))))' >"$out/compare/audit-demo.txt"

  echo "   backup to a folder with a Chinese name and a space, then restore"
  ps --db "$(P "$db")" backup "$(P "$w/备份 副本.db")" --json >/dev/null
  ps --db "$(P "$db")" audit verify --against "$(P "$w/备份 副本.db")" --json | python3 -c 'import json,sys; j=json.load(sys.stdin); print("ok" if j["ok"] else "NOT OK")' >"$out/compare/audit-against-backup.txt"
  ps --db "$(P "$db")" restore "$(P "$w/备份 副本.db")" --json >/dev/null
  ps --db "$(P "$db")" results --json >"$out/compare/restored-results.json"
  ps --db "$(P "$db")" audit verify --json | python3 -c 'import json,sys; j=json.load(sys.stdin); print("ok" if j["ok"] else "NOT OK")' >"$out/compare/audit-restored.txt"

  echo "   review package → the expert's own database → score return → the secretariat"
  local sdb="$w/秘书处 2014.db" edb="$w/专家 王建华/我的 评审.db" in="$w/输入 表格"
  ps --db "$(P "$sdb")" --year 2014 init --json >/dev/null
  ps --db "$(P "$sdb")" import dossiers "$(P "$in/申报汇总表.csv")" --json >/dev/null
  ps --db "$(P "$sdb")" late accept 江西省科协 --reason 邮戳日期为10月30日 --json >/dev/null
  ps --db "$(P "$sdb")" recommend --auto --json >/dev/null
  ps --db "$(P "$sdb")" import experts "$(P "$in/评审专家库.csv")" --json >/dev/null
  ps --db "$(P "$sdb")" assign --per-dossier 5 --seed 20141103 --json >/dev/null
  ps --db "$(P "$sdb")" export review-package --expert 王建华 --out "$(P "$w/王建华 评审材料包.pingshen")" \
    --passphrase-file "$(P "$pass")" --json >/dev/null
  ps --db "$(P "$edb")" open review-package "$(P "$w/王建华 评审材料包.pingshen")" --passphrase-file "$(P "$pass")" --json >/dev/null
  ps --db "$(P "$edb")" assignments --json >"$w/assignments.json"
  # the expert signs the pledge (issue 19) before the first score
  ps --db "$(P "$edb")" pledge accept --name 王建华 --json >/dev/null
  scores_csv "$w/assignments.json" "$w/专家 王建华/评分 录入.csv"
  ps --db "$(P "$edb")" import scores "$(P "$w/专家 王建华/评分 录入.csv")" --json >/dev/null
  ps --db "$(P "$edb")" export score-return --out "$(P "$w/专家 王建华/评分 回执.pingshen")" --json >/dev/null
  ps --db "$(P "$sdb")" import score-return "$(P "$w/专家 王建华/评分 回执.pingshen")" --json \
    | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["expert"], j["changed"])' >"$out/compare/return-imported.txt"
  ps --db "$(P "$sdb")" assignments --json >"$out/compare/secretariat-assignments.json"
  ps --db "$(P "$sdb")" audit verify --json | python3 -c 'import json,sys; j=json.load(sys.stdin); print("ok" if j["ok"] else "NOT OK")' >"$out/compare/audit-secretariat.txt"
}
