#!/usr/bin/env bash
# Builds the Debian package of the window with the Tauri bundler (release), installs it with
# dpkg -i, and launches it once under Xvfb to check it starts and shows its window.
# Not part of CI (a release build takes ~6 minutes on 2 cores).
# Usage: bash tests/package-deb.sh [--no-install]
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/setup.sh
ensure_apt "${APP_BUILD_APT[@]}" "${APP_E2E_APT[@]}" dpkg-dev file imagemagick
ensure_rust
ensure_node
ensure_ui_packages
(cd ui && npm run -s build)
# The bundler runs from src-tauri; the front end is already built.
(cd src-tauri && ../ui/node_modules/.bin/tauri build --bundles deb --config '{"build":{"beforeBuildCommand":""}}')
DEB=$(ls -t target/release/bundle/deb/*.deb | head -1)
echo "== built $DEB ($(du -h "$DEB" | cut -f1)) =="
dpkg-deb --info "$DEB" | sed -n '1,20p'
dpkg-deb --contents "$DEB"
[ "${1:-}" = "--no-install" ] && exit 0
dpkg -i "$DEB"
BIN=$(command -v pingshen-app)
echo "== installed: $BIN =="
# Launch once under Xvfb on a throwaway database, screenshot the window, then stop it.
tmp=$(mktemp -d)
export PINGSHEN_DB="$tmp/deb-check.db" WEBKIT_DISABLE_COMPOSITING_MODE=1 WEBKIT_DISABLE_DMABUF_RENDERER=1 NO_AT_BRIDGE=1
xvfb-run -a -s "-screen 0 1366x768x24" bash -c "
  '$BIN' & pid=\$!
  sleep 8
  import -window root '$tmp/deb-window.png' || true
  if kill -0 \$pid 2>/dev/null; then echo 'pingshen-app is running (pid '\$pid')'; kill \$pid; else echo 'pingshen-app exited early' >&2; exit 1; fi
"
ls -la "$tmp"
echo "screenshot: $tmp/deb-window.png"
