//! An HTML output made inert (`emr_core::notebook::html::inert`): no panic, idempotent, and no
//! element that loads by itself left in it, by an independent look at what remains.
#![no_main]

use emr_core::notebook::html::inert;
use libfuzzer_sys::fuzz_target;

const GONE: [&str; 12] = [
    "link", "meta", "base", "script", "noscript", "iframe", "frame", "frameset", "object", "embed",
    "applet", "portal",
];

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let out = inert(&html);
    assert_eq!(inert(&out), out, "inert is idempotent");
    let lower = out.to_ascii_lowercase();
    let b = lower.as_bytes();
    for (i, _) in lower.match_indices('<') {
        let start = i + 1 + (b.get(i + 1) == Some(&b'/')) as usize;
        let end = b[start..]
            .iter()
            .position(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'))
            .map_or(b.len(), |p| start + p);
        let name = &lower[start..end];
        assert!(!GONE.contains(&name), "a <{name}> tag is left in {out:?}");
    }
});
