//! `emr-wasm-split <linked.wasm> <out-dir>`: splits the app's release wasm (linked with
//! `--emit-relocs`) at its `split_point!`s into `<out-dir>/main.wasm` (for wasm-bindgen), one wasm
//! per chunk, and `<out-dir>/__wasm_split.js`, the loader that fetches a chunk on first use.
//! `scripts/postbuild.mjs` runs it and finishes the job (bindgen, wasm-opt, names, integrity).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [input, out_dir] = args.as_slice() else {
        eprintln!("usage: emr-wasm-split <linked.wasm> <out-dir>");
        return ExitCode::from(2);
    };
    let wasm = match std::fs::read(input) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("emr-wasm-split: cannot read {}: {e}", input.display());
            return ExitCode::FAILURE;
        }
    };
    let main_out = out_dir.join("main.wasm");
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = out_dir;
    options.main_out_path = &main_out;
    // The loader imports `initSync` from here; postbuild.mjs inlines the loader into this very
    // module (so the two never need each other's hashed names).
    options.main_module = "./emr-console.js";
    options.verbose = std::env::var_os("EMR_WASM_SPLIT_VERBOSE").is_some();
    match wasm_split_cli_support::transform(options) {
        Ok(split) => {
            for (split_point, files) in &split.prefetch_map {
                println!("{split_point}: {}", files.join(" "));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("emr-wasm-split: {e:?}");
            ExitCode::FAILURE
        }
    }
}
