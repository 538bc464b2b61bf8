# Sourced by the other scripts: tool paths for this checkout.
# wasm-opt comes from npm's binaryen (Debian's is too old), Trunk and wasm-bindgen from cargo.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# wasm-bindgen-test-runner drives headless Chromium through Debian's chromedriver.
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver || echo /usr/bin/chromedriver)}"
# Never let Trunk try to download tools: this network only reaches package registries.
export TRUNK_OFFLINE=true
