//! An HTML output made inert before it becomes a document: the page shows it with `srcdoc` in a
//! sandboxed frame, where it inherits the page's Content-Security-Policy. That policy stops
//! images, styles, fonts, frames and scripts from other hosts, but not everything: resource hints
//! (`<link rel=prefetch|preload|preconnect|dns-prefetch|modulepreload|prerender>`) go out even
//! then, a `<meta>` can set a leaky referrer policy or refresh the frame to another site, a nested
//! frame may load from any S3 host the policy allows. So, as text and before anything parses it,
//! every element that can reach the network without a click goes: `link`, `meta`, `base`,
//! `script` (with its text), `noscript`, `iframe`, `frame`, `frameset`, `object`, `embed`,
//! `applet`, `portal`. What stays is markup and text.
//!
//! Tags are found the way an HTML tokenizer finds them (a `<`, an optional `/`, a name ending at
//! whitespace, `/` or `>`, case-insensitive; attribute values quoted or not), and removing one can
//! never join the text around it into a new one: the pass repeats until nothing changes.

/// Elements removed with their tags.
const REMOVED: [&str; 12] = [
    "link", "meta", "base", "script", "noscript", "iframe", "frame", "frameset", "object", "embed",
    "applet", "portal",
];

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The tag name at `html[at..]` (just after `<` and an optional `/`), lower case, if one starts there.
fn tag_name(html: &[u8], at: usize) -> Option<(String, usize)> {
    let first = *html.get(at)?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let mut end = at;
    while end < html.len() && !is_space(html[end]) && html[end] != b'/' && html[end] != b'>' {
        end += 1;
    }
    Some((
        String::from_utf8_lossy(&html[at..end]).to_ascii_lowercase(),
        end,
    ))
}

/// Where the tag whose name ends at `at` ends (just after its `>`, or the end of the text).
fn tag_end(html: &[u8], mut at: usize) -> usize {
    #[derive(PartialEq)]
    enum State {
        Attributes,
        BeforeValue,
        Quoted(u8),
        Unquoted,
    }
    let mut state = State::Attributes;
    while at < html.len() {
        let b = html[at];
        state = match state {
            State::Attributes if b == b'>' => return at + 1,
            State::Attributes if b == b'=' => State::BeforeValue,
            State::Attributes => State::Attributes,
            State::BeforeValue if is_space(b) => State::BeforeValue,
            State::BeforeValue if b == b'>' => return at + 1,
            State::BeforeValue if b == b'"' || b == b'\'' => State::Quoted(b),
            State::BeforeValue => State::Unquoted,
            State::Quoted(q) if b == q => State::Attributes,
            State::Quoted(q) => State::Quoted(q),
            State::Unquoted if b == b'>' => return at + 1,
            State::Unquoted if is_space(b) => State::Attributes,
            State::Unquoted => State::Unquoted,
        };
        at += 1;
    }
    html.len()
}

/// Where a `script` element's text ends: at its `</script` end tag, or the end of the text.
fn script_end(html: &[u8], from: usize) -> usize {
    let mut i = from;
    while i + 8 <= html.len() {
        if html[i] == b'<'
            && html[i + 1] == b'/'
            && html[i + 2..i + 8].eq_ignore_ascii_case(b"script")
        {
            return i;
        }
        i += 1;
    }
    html.len()
}

/// One pass: every removed element's tags (and a script's text) cut out.
fn pass(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'<' {
            let close = b.get(i + 1) == Some(&b'/');
            let name_at = i + 1 + close as usize;
            if let Some((name, name_end)) = tag_name(b, name_at) {
                if REMOVED.contains(&name.as_str()) {
                    let mut end = tag_end(b, name_end);
                    if name == "script" && !close {
                        end = script_end(b, end);
                    }
                    i = end;
                    continue;
                }
            }
        }
        out.push(b[i]);
        i += 1;
    }
    // Only whole ASCII tags were cut, so what is left is still UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// `html` with nothing left in it that reaches the network by itself.
pub fn inert(html: &str) -> String {
    let mut current = pass(html);
    loop {
        let next = pass(&current);
        if next == current {
            return current;
        }
        current = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_hints_and_everything_else_that_loads_by_itself_go() {
        let html = r#"<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="unsafe-url"><meta http-equiv="refresh" content="0;url=https://t.example">
<link rel="stylesheet" href="https://t.example/s.css"><LINK REL=prefetch href=https://t.example/p><link
rel="preconnect" href="https://t.example"><link rel=dns-prefetch href=//t.example/><base href="https://t.example/">
<style>h1{color:red}</style><title>Report</title></head><body><h1 class="x">Report</h1>
<script src="https://t.example/a.js"></script><script>if (a < b && "</scr" + "ipt>") {}</script>
<iframe src="https://bucket.s3.us-east-1.amazonaws.com/x"></iframe><object data="https://t.example/o"><embed src="https://t.example/e"></object>
<p title="<link rel=prefetch>">kept</p><img src="x.png" alt="a > b"></body></html>"#;
        let out = inert(html);
        for gone in [
            "<meta",
            "<link",
            "<LINK",
            "<base",
            "<script",
            "</script",
            "<iframe",
            "<object",
            "<embed",
            "t.example/p",
            "unsafe-url",
            "a.js",
        ] {
            assert!(!out.contains(gone), "{gone} left in {out}");
        }
        for kept in [
            "<style>h1{color:red}</style>",
            "<title>Report</title>",
            "<h1 class=\"x\">Report</h1>",
            "<p title=\"",
            ">kept</p>",
            "<img src=\"x.png\" alt=\"a > b\">",
        ] {
            assert!(out.contains(kept), "{kept} missing from {out}");
        }
    }

    #[test]
    fn a_removal_never_joins_text_into_a_new_tag() {
        // `<li` + `<link x>` + `nk …>`: cutting the inner link must not leave a link behind.
        assert_eq!(inert("<li<link x>nk rel=prefetch href=//t>ok"), "ok");
        assert_eq!(inert("<<link>link rel=preconnect>"), "");
        assert_eq!(inert("<scr<script>x</script>ipt src=//t>"), "");
    }

    #[test]
    fn what_is_not_a_tag_stays_text() {
        for text in [
            "a < b",
            "x <3 y",
            "<linked>",
            "<lin k>",
            "<link\x0bx>",
            "no tags at all",
            "ünïcødé <b>bold</b>",
            "",
        ] {
            assert_eq!(inert(text), text, "{text:?}");
        }
        // An unfinished tag at the end goes (a browser drops it too).
        assert_eq!(inert("text<link rel=prefetch href=//t"), "text");
        assert_eq!(inert("<meta"), "");
    }

    #[test]
    fn it_is_idempotent() {
        for html in ["<link>a<meta>b", "<li<link x>nk>", "<script>s</script>t"] {
            let once = inert(html);
            assert_eq!(inert(&once), once);
        }
    }
}
