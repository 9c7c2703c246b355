# Shared by tests/run-all.sh and tests/demo.sh: idempotent installs on Debian 12.
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

ensure_apt() {
  local missing=()
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== apt-get install ${missing[*]} =="
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

ensure_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    [ -x "$HOME/.cargo/bin/cargo" ] || {
      echo "== installing Rust (rustup, stable) =="
      curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal >/dev/null
    }
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  # the formatter and the linter the test command runs (a minimal rustup profile has neither)
  if command -v rustup >/dev/null 2>&1; then
    for c in rustfmt clippy; do
      rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c" >/dev/null
    done
  fi
}

# What the window needs to build (Tauri 2 on WebKitGTK 4.1) and to be driven end to end.
APP_BUILD_APT=(build-essential pkg-config curl ca-certificates libwebkit2gtk-4.1-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev)
APP_E2E_APT=(xvfb xauth webkit2gtk-driver poppler-utils fonts-noto-cjk sqlite3 imagemagick x11-utils dbus)

# Node.js ≥ 20 and npm (Vite 7 needs 20.19+). Debian 12's own nodejs is 18: then say so plainly.
ensure_node() {
  if ! command -v node >/dev/null 2>&1; then
    ensure_apt nodejs npm
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 20 ]; then
    echo "需要 Node.js 20 或更高版本（当前 $(node --version 2>/dev/null)）：请安装 Node.js 20 LTS 后重试" >&2
    exit 1
  fi
}

# The front end's packages, exactly as ui/package-lock.json pins them (again only when it changed).
ensure_ui_packages() {
  local stamp=ui/node_modules/.pingshen-lock
  if [ ! -f "$stamp" ] || ! cmp -s ui/package-lock.json "$stamp"; then
    # `npm install --no-save` keeps every version the lock pins and leaves the lock as it is.
    # (`npm ci` was once refused here because a lock written on this machine listed only its own
    # platform's optional packages; the lock now lists every platform's, but this path is the one
    # CI has proven, so it stays.)
    echo "== npm install (ui/, as package-lock.json pins it) =="
    (cd ui && npm install --no-save --no-audit --no-fund --loglevel=error)
    cp ui/package-lock.json "$stamp"
  fi
}

ensure_tauri_driver() {
  if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    echo "== cargo install tauri-driver =="
    cargo install tauri-driver --locked --version 2.1.0 -q
  fi
}

# What the tests build, test and lint: the whole workspace with the window's front end embedded.
# One list for build_app, run-all.sh's clippy and test, and windows-cli.sh's Linux CLI: cargo
# resolves features per command line, so any other selection rebuilds shared dependencies.
WORKSPACE=(--workspace --features pingshen-app/custom-protocol)

# Builds the front end and the window with the front end embedded (debug: the tests' build).
build_app() {
  ensure_apt "${APP_BUILD_APT[@]}"
  ensure_rust
  ensure_node
  ensure_ui_packages
  echo "== front end (vue-tsc + vite build) =="
  (cd ui && npm run -s build)
  echo "== pingshen-app (debug, front end embedded) =="
  # the whole workspace with the features the tests use, so that `cargo test` rebuilds nothing shared
  cargo build --locked -q "${WORKSPACE[@]}"
}
