# Sourced by the other scripts: tool paths for this checkout.
# wasm-opt comes from npm's binaryen (Debian's is too old), Trunk and wasm-bindgen from cargo.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# wasm-bindgen-test-runner drives headless Chromium through Debian's chromedriver.
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver || echo /usr/bin/chromedriver)}"
# Never let Trunk try to download tools: this network only reaches package registries.
export TRUNK_OFFLINE=true
# wasm builds: erased Leptos component types (as .cargo/config.toml) and short panic paths (no
# $CARGO_HOME or checkout path in the bundle). This variable replaces the config's rustflags.
wasm_flags="--cfg erase_components --remap-path-prefix=$ROOT/="
for d in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do wasm_flags+=" --remap-path-prefix=$d="; done
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$wasm_flags"
