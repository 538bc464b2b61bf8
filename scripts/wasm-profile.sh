#!/usr/bin/env bash
# Where the first load's bytes go: the release wasm's first-load part (what scripts/split-wasm.mjs
# ships as emr-console-…_bg.wasm) after wasm-bindgen and wasm-opt -Oz, but with its name section
# kept, ranked by twiggy. Needs a release build first (trunk build --release) and twiggy
# (cargo install twiggy --locked).
#   scripts/wasm-profile.sh [N]     top N functions (default 40), then the largest by crate
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
n="${1:-40}"
command -v twiggy >/dev/null || { echo "wasm-profile: install twiggy first: cargo install twiggy --locked" >&2; exit 2; }
raw=target/wasm-split/main.wasm
[ -f "$raw" ] || { echo "wasm-profile: $raw is missing: run trunk build --release first" >&2; exit 2; }
out=target/wasm-profile
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --keep-debug --keep-lld-exports --out-name emr-console --out-dir "$out" "$raw"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --debuginfo "$out/emr-console_bg.wasm" -o "$out/named.wasm"
# The same without names: the bytes that ship.
wasm-opt --strip-debug "$out/named.wasm" -o "$out/shipped.wasm"
echo "shipped wasm: $(stat -c %s "$out/shipped.wasm") bytes raw, $(brotli -q 11 -c "$out/shipped.wasm" | wc -c) bytes brotli"
twiggy top -n "$n" "$out/named.wasm"
echo
echo "by crate (shallow bytes of functions whose names start with it):"
twiggy top -n 100000 --format csv "$out/named.wasm" | awk -F, 'NR>1 { name=$1; gsub(/^"|"$/, "", name); sub(/^</, "", name); split(name, p, "::"); c=p[1]; sub(/ as .*/, "", c); b[c]+=$2 } END { for (c in b) printf "%9d  %s\n", b[c], c }' | sort -rn | head -25
