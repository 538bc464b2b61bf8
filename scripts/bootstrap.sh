#!/usr/bin/env bash
# Installs what this project needs from the package registries only (Debian apt, crates.io, npm),
# skipping whatever is already present: seconds on a warm machine, ~8 minutes on a fresh one.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

say() { printf 'bootstrap: %s\n' "$*"; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

# Chromium + chromedriver for the browser tests, brotli for size reports, Node for tools.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v brotli >/dev/null || missing+=(brotli)
command -v curl >/dev/null || missing+=(curl)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  say "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Rust: the wasm target and the linters.
rustup target list --installed | grep -qx wasm32-unknown-unknown || { say "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
cargo clippy --version >/dev/null 2>&1 || rustup component add clippy

# Trunk 0.21.14 (0.22 needs a newer rustc than this machine has).
if ! trunk --version 2>/dev/null | grep -q '0\.21\.14'; then
  say "cargo install trunk 0.21.14 (about 5 minutes)"
  cargo install --locked trunk@0.21.14
fi

# wasm-bindgen CLI at exactly Cargo.lock's version; without --locked (its own lockfile wants a
# webpki-roots release the registry here lacks).
wb=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
grep -q "wasm_bindgen = \"$wb\"" Trunk.toml || { echo "bootstrap: Trunk.toml [tools].wasm_bindgen must be $wb (Cargo.lock)" >&2; exit 1; }
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb\$"; then
  say "cargo install wasm-bindgen-cli $wb (about 2 minutes)"
  cargo install wasm-bindgen-cli --version "$wb" --force
fi

# cargo-fuzz for the fuzz smoke run (scripts/fuzz.sh).
if ! cargo fuzz --version 2>/dev/null | grep -q '0\.13\.2'; then
  say "cargo install cargo-fuzz 0.13.2 (about 2 minutes)"
  cargo install cargo-fuzz --version 0.13.2 --locked
fi

# npm tools: wasm-opt (binaryen 132), playwright-core, axe-core and terser, exactly as
# package-lock.json says. (The benchmarks' tools live in bench/package.json, installed on demand.)
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ ! -d node_modules/terser ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Crates, so that offline builds (trunk --offline) find everything.
cargo fetch --quiet
say "ready ($(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}'), $(chromium --version 2>/dev/null | head -1))"
