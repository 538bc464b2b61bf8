//! Code that loads on first use: the mechanism. Each chunk's split point is declared in the folder
//! that owns it (`net::chunk`, `ui::list::chunk`, `ui::detail::chunk`, …) with [`split_point!`].
//!
//! The release build cuts the WebAssembly at each split point (Cargo feature `split`, which
//! `index.html` turns on for Trunk; `scripts/postbuild.mjs` does the cutting): the first call
//! fetches the chunk that holds the function and everything only it needs, later calls go straight
//! in. Debug builds and the browser tests call straight through.
//!
//! Each chunk hands back a small table of plain function pointers, so the code in the first load
//! calls into a loaded chunk synchronously and never names what is inside it. What must stay out
//! of the first load is checked after every release build (`scripts/first-load-check.mjs`).
//!
//! A chunk that cannot be fetched (offline, or a deploy replaced the files under an open page) is
//! an [`Unavailable`], shown like any other failure; the next use tries again.

/// A chunk of the app could not be loaded (the browser console has the network error).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unavailable;

impl From<leptos::wasm_split::SplitLoaderError> for Unavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Unavailable
    }
}

/// `split_point!(chunk: pub fn name() -> T { body })` declares the module `name` with
/// `load() -> Result<T, Unavailable>` (async), `now() -> Option<T>` (already loaded) and
/// `prefetch()`. In a split build `body` lives in `chunk` and the first `load` fetches it;
/// elsewhere it is an ordinary call. `body` runs in the chunk, so it should only hand back pointers
/// into it (`T` is `Copy`).
macro_rules! split_point {
    ($chunk:ident: $(#[$attr:meta])* pub fn $name:ident() -> $ret:ty $body:block) => {
        $(#[$attr])*
        pub mod $name {
            #[allow(unused_imports)]
            use super::*;
            use $crate::edge::split::Unavailable;

            thread_local! {
                static LOADED: std::cell::Cell<Option<$ret>> = const { std::cell::Cell::new(None) };
                static REQUESTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
            }

            #[cfg(wasm_split)]
            #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn entry() -> Result<$ret, Unavailable> {
                Ok($body)
            }

            #[cfg(not(wasm_split))]
            async fn entry() -> Result<$ret, Unavailable> {
                Ok($body)
            }

            /// What the chunk hands back, if it is loaded already.
            pub fn now() -> Option<$ret> {
                LOADED.with(std::cell::Cell::get)
            }

            /// Loads the chunk (once; a failure is tried again on the next call).
            pub async fn load() -> Result<$ret, Unavailable> {
                if let Some(loaded) = now() {
                    return Ok(loaded);
                }
                // The views' styles come with the first chunk.
                $crate::edge::page::on_use_styles();
                let loaded = entry().await?;
                LOADED.with(|cell| cell.set(Some(loaded)));
                Ok(loaded)
            }

            /// Starts loading the chunk in the background, once, because the user is about to
            /// need it; a failure shows when it is used (and is tried again then).
            pub fn prefetch() {
                if now().is_none() && !REQUESTED.with(|r| r.replace(true)) {
                    $crate::edge::page::on_use_styles();
                    leptos::task::spawn_local(async {
                        let _ = load().await;
                    });
                }
            }
        }
    };
}

pub(crate) use split_point;
