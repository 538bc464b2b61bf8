//! A release wasm build with the `split` feature is cut into chunks after linking
//! (`scripts/postbuild.mjs`): the code gets `cfg(wasm_split)` for its split points (`src/split.rs`)
//! and the linker keeps its relocations, which the splitter needs.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(wasm_split)");
    println!("cargo::rerun-if-changed=build.rs");
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let release = std::env::var_os("CARGO_CFG_DEBUG_ASSERTIONS").is_none();
    if split && wasm && release {
        println!("cargo::rustc-cfg=wasm_split");
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
}
