#!/usr/bin/env bash
# The Windows packages, cross-built on Debian (idempotent; installs its Debian packages and the
# Rust target):
#   target/windows/pingshen-<version>-x64-setup.exe     the installer (src-tauri/windows/installer.nsi,
#                                                      Debian's makensis; per user, Chinese pages)
#   target/windows/pingshen-<version>-x64-portable.zip  the same files plus portable.txt (the
#                                                      database then stays beside the program)
# Both hold pingshen-app.exe, pingshen.exe (the CLI), WebView2Loader.dll and the fonts and issuer
# file the PDFs need — nothing else (checked, and never the Wine test's bcryptprimitives.dll).
# Then, under wine64 in a prefix of its own: the installer run with /S, the files and the .pingshen
# association checked, the installed CLI run (an export with the installed fonts), the uninstaller
# run with /S, the files and the association gone and the user's database kept.
# The release cross-build runs at nice 15 in target/windows-build (the Linux target/ untouched).
# Usage: bash tests/package-windows.sh   (PINGSHEN_WIN_NO_WINE=1: build only)
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/setup.sh
ensure_apt mingw-w64 nsis wine64 python3
ensure_rust
rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu || rustup target add x86_64-pc-windows-gnu
TARGET=x86_64-pc-windows-gnu
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
OUT="$PWD/target/windows"
REL="$PWD/target/windows-build/$TARGET/release"
mkdir -p "$OUT"

if [ -z "${PINGSHEN_WIN_SKIP_UI:-}" ]; then
  ensure_node
  ensure_ui_packages
  echo "== front end (vue-tsc + vite build) =="
  (cd ui && npm run -s build)
fi
echo "== release cross-build for $TARGET (app with the front end embedded, CLI) =="
t=$(date +%s)
nice -n 15 cargo build --locked --release --target $TARGET --target-dir target/windows-build \
  -p pingshen-app -p pingshen-cli --features pingshen-app/custom-protocol
echo "   ($(( $(date +%s) - t )) s)"

echo "== staging =="
STAGE="$OUT/stage"
rm -rf "$STAGE"
mkdir -p "$STAGE/assets/fonts"
cp "$REL/pingshen-app.exe" "$REL/pingshen.exe" "$STAGE/"
# webview2-com-sys ships WebView2Loader.dll; on the GNU target it must sit beside the .exe
loader=$(find "$REL" -name WebView2Loader.dll -path '*x64*' | head -1)
[ -n "$loader" ] || loader=$(find "$REL" -name WebView2Loader.dll | head -1)
[ -n "$loader" ] || { echo "WebView2Loader.dll not found under $REL" >&2; exit 1; }
cp "$loader" "$STAGE/"
cp assets/issuer.toml "$STAGE/assets/"
cp assets/fonts/*.otf assets/fonts/OFL.txt "$STAGE/assets/fonts/"

# exactly these files, and never the Wine test's stand-in DLL
expected=$(cd "$STAGE" && find . -type f | sort)
check_contents() { # NAME LISTING
  if grep -qi 'bcryptprimitives' <<<"$2"; then
    echo "FAILED: $1 contains bcryptprimitives.dll (the Wine test's stand-in must never ship)" >&2
    exit 1
  fi
  for need in pingshen-app.exe pingshen.exe WebView2Loader.dll assets/issuer.toml; do
    grep -q "$need\$" <<<"$2" || { echo "FAILED: $1 lacks $need" >&2; exit 1; }
  done
}
check_contents stage "$expected"

echo "== installer (makensis) =="
SETUP="$OUT/pingshen-$VERSION-x64-setup.exe"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DSTAGE="$STAGE" -DOUTFILE="$SETUP" \
  -DICON="$PWD/src-tauri/icons/icon.ico" src-tauri/windows/installer.nsi
ls -l "$SETUP"

echo "== portable zip =="
ZIP="$OUT/pingshen-$VERSION-x64-portable.zip"
python3 - "$STAGE" "$ZIP" "pingshen-$VERSION" <<'EOF'
import pathlib, sys, zipfile
stage, out, top = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
marker = ("此文件表示这是评审台的便携版：数据库 pingshen.db 保存在本文件夹中（可放在 U 盘上随身携带）。\r\n"
          "双击 pingshen-app.exe 启动。删除本文件后，数据库改为保存在 %APPDATA%\\cn.org.cast.pingshen 中。\r\n")
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for f in sorted(p for p in stage.rglob('*') if p.is_file()):
        z.write(f, f"{top}/{f.relative_to(stage).as_posix()}")
    z.writestr(f"{top}/portable.txt", marker.encode('utf-8-sig'))
EOF
listing=$(python3 -c 'import sys,zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$ZIP")
check_contents "$ZIP" "$listing"
extra=$(diff <(sed "s#^#pingshen-$VERSION/#; s#/\./#/#" <<<"$expected" | sort; echo "pingshen-$VERSION/portable.txt") <(sort <<<"$listing") || true)
[ -z "$extra" ] || { echo "FAILED: the zip differs from the staged files: $extra" >&2; exit 1; }
ls -l "$ZIP"

if [ -n "${PINGSHEN_WIN_NO_WINE:-}" ]; then exit 0; fi

echo "== under Wine: install with /S, run, uninstall with /S =="
WINE=$(command -v wine64 || echo /usr/lib/wine/wine64)
WINESERVER=$(command -v wineserver || echo /usr/lib/wine/wineserver)
export WINEPREFIX="$OUT/wineprefix-install" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export LC_ALL=C.UTF-8 LANG=C.UTF-8
rm -rf "$WINEPREFIX"
"$WINE" wineboot -i >/dev/null 2>&1 || true
# Wine 8 lacks bcryptprimitives.dll: the stand-in goes into this throw-away prefix's system32,
# never into the packages (checked above)
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  tests/windows/bcryptprimitives.c tests/windows/bcryptprimitives.def -ladvapi32
"$WINE" "$SETUP" /S
"$WINESERVER" -w
inst=$(find "$WINEPREFIX/drive_c/users" -maxdepth 5 -type d -path '*/AppData/Local/Programs/Pingshen' | head -1)
[ -n "$inst" ] || { echo "FAILED: nothing installed under %LOCALAPPDATA%\\Programs\\Pingshen" >&2; exit 1; }
echo "   installed in ${inst#"$WINEPREFIX/"}"
got=$(cd "$inst" && find . -type f | sort)
want=$( (echo "$expected"; echo ./uninstall.exe) | sort)
[ "$got" = "$want" ] || { echo "FAILED: installed files differ:"; diff <(echo "$want") <(echo "$got"); exit 1; } >&2
appdata="$(dirname "$(dirname "$(dirname "$inst")")")"
[ -f "$appdata/Roaming/Microsoft/Windows/Start Menu/Programs/评审台.lnk" ] \
  || { echo "FAILED: no Start-menu entry 评审台" >&2; exit 1; }
assoc=$("$WINE" reg query 'HKCU\Software\Classes\Pingshen.Exchange\shell\open\command' /ve 2>/dev/null | tr -d '\r')
grep -q 'pingshen-app.exe" "%1"' <<<"$assoc" || { echo "FAILED: .pingshen not associated: $assoc" >&2; exit 1; }
"$WINE" reg query 'HKCU\Software\Classes\.pingshen' /ve 2>/dev/null | tr -d '\r' | grep -q Pingshen.Exchange \
  || { echo "FAILED: .pingshen → Pingshen.Exchange missing" >&2; exit 1; }
echo "   files, Start-menu entry and the .pingshen association in the registry: present"
# the installed CLI: the demo year and a PDF with the installed fonts, in a folder with a Chinese name and a space
work="$WINEPREFIX/drive_c/评审 测试"
mkdir -p "$work"
"$WINE" "$inst/pingshen.exe" --db 'C:\评审 测试\演示.db' demo >/dev/null
"$WINE" "$inst/pingshen.exe" --db 'C:\评审 测试\演示.db' export notice --out 'C:\评审 测试\通报.pdf' >/dev/null
head -c 5 "$work/通报.pdf" | grep -q '%PDF-' || { echo "FAILED: the installed CLI wrote no PDF" >&2; exit 1; }
echo "   the installed CLI: demo year and the notice PDF ($(stat -c %s "$work/通报.pdf") bytes)"
# a user database under %APPDATA% that the uninstaller must keep
data="$appdata/Roaming/cn.org.cast.pingshen"
mkdir -p "$data" && cp "$work/演示.db" "$data/pingshen.db"
"$WINE" "$inst/uninstall.exe" /S
"$WINESERVER" -w
sleep 2
if [ -e "$inst/pingshen-app.exe" ] || [ -e "$inst/pingshen.exe" ]; then echo "FAILED: uninstall left the program" >&2; exit 1; fi
[ -f "$data/pingshen.db" ] || { echo "FAILED: uninstall removed the user's database" >&2; exit 1; }
if "$WINE" reg query 'HKCU\Software\Classes\.pingshen' /ve >/dev/null 2>&1; then
  echo "FAILED: the .pingshen association is still registered after uninstall" >&2; exit 1
fi
echo "   uninstalled: program files and association gone, the database under %APPDATA% kept"
echo "== Windows packages: $SETUP, $ZIP =="
