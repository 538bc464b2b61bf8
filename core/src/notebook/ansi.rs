//! ANSI escape codes in tracebacks and streams: colours and emphasis become styled spans (the view
//! maps them to classes); every other escape sequence (cursor moves, titles, hyperlinks) is dropped.
//! Raw escapes never reach the page.

/// Text attributes from SGR codes. Colours are the 16 standard ones (0–7, bright 8–15).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    pub fg: Option<u8>,
    pub bg: Option<u8>,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
}

impl Style {
    /// CSS classes for this style (`ansi-fg-1 ansi-bold`), empty for plain text.
    pub fn classes(&self) -> String {
        let mut c = Vec::new();
        if let Some(f) = self.fg {
            c.push(format!("ansi-fg-{f}"));
        }
        if let Some(b) = self.bg {
            c.push(format!("ansi-bg-{b}"));
        }
        if self.bold {
            c.push("ansi-bold".to_string());
        }
        if self.italic {
            c.push("ansi-italic".to_string());
        }
        if self.underline {
            c.push("ansi-underline".to_string());
        }
        c.join(" ")
    }

    fn apply(&mut self, params: &[u32]) {
        let mut i = 0;
        if params.is_empty() {
            *self = Style::default();
        }
        while i < params.len() {
            match params[i] {
                0 => *self = Style::default(),
                1 => self.bold = true,
                3 => self.italic = true,
                4 => self.underline = true,
                22 => self.bold = false,
                23 => self.italic = false,
                24 => self.underline = false,
                n @ 30..=37 => self.fg = Some((n - 30) as u8),
                39 => self.fg = None,
                n @ 40..=47 => self.bg = Some((n - 40) as u8),
                49 => self.bg = None,
                n @ 90..=97 => self.fg = Some((n - 90 + 8) as u8),
                n @ 100..=107 => self.bg = Some((n - 100 + 8) as u8),
                n @ (38 | 48) => {
                    // 256-colour (5;n) keeps the 16 standard ones; true colour (2;r;g;b) is dropped.
                    let colour = match params.get(i + 1) {
                        Some(5) => {
                            let c = params
                                .get(i + 2)
                                .copied()
                                .filter(|c| *c < 16)
                                .map(|c| c as u8);
                            i += 2;
                            c
                        }
                        Some(2) => {
                            i += 4;
                            None
                        }
                        _ => None,
                    };
                    if n == 38 {
                        self.fg = colour;
                    } else {
                        self.bg = colour;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

/// Splits `s` into styled spans; escapes are consumed, never shown.
pub fn spans(s: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut style = Style::default();
    let mut text = String::new();
    let mut chars = s.chars().peekable();
    let flush = |text: &mut String, style: Style, out: &mut Vec<Span>| {
        if !text.is_empty() {
            match out.last_mut() {
                Some(last) if last.style == style => last.text.push_str(text),
                _ => out.push(Span {
                    text: std::mem::take(text),
                    style,
                }),
            }
            text.clear();
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.peek() {
                Some('[') => {
                    chars.next();
                    // CSI: parameters, intermediates, one final byte.
                    let mut body = String::new();
                    let mut last = None;
                    for n in chars.by_ref() {
                        if ('\u{40}'..='\u{7e}').contains(&n) {
                            last = Some(n);
                            break;
                        }
                        body.push(n);
                    }
                    if last == Some('m') {
                        flush(&mut text, style, &mut out);
                        let params: Vec<u32> = body
                            .split(';')
                            .filter(|p| !p.is_empty())
                            .map(|p| p.parse().unwrap_or(0))
                            .collect();
                        style.apply(&params);
                    }
                }
                Some(']') => {
                    // OSC (titles, hyperlinks): up to BEL or ESC \.
                    chars.next();
                    while let Some(n) = chars.next() {
                        if n == '\u{7}' || (n == '\u{1b}' && chars.peek() == Some(&'\\')) {
                            if n == '\u{1b}' {
                                chars.next();
                            }
                            break;
                        }
                    }
                }
                Some(_) => {
                    chars.next();
                }
                None => {}
            },
            '\n' | '\t' => text.push(c),
            c if c.is_control() => {}
            c => text.push(c),
        }
    }
    flush(&mut text, style, &mut out);
    out
}

/// `s` without any escape sequence.
pub fn strip(s: &str) -> String {
    spans(s).into_iter().map(|sp| sp.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_and_emphasis_become_styles() {
        let s = spans("\u{1b}[0;31mValueError\u{1b}[0m: bad \u{1b}[1;32mok\u{1b}[22m!");
        assert_eq!(
            s[0],
            Span {
                text: "ValueError".into(),
                style: Style {
                    fg: Some(1),
                    ..Default::default()
                }
            }
        );
        assert_eq!(s[1].text, ": bad ");
        assert_eq!(s[1].style, Style::default());
        assert_eq!(
            s[2].style,
            Style {
                fg: Some(2),
                bold: true,
                ..Default::default()
            }
        );
        assert_eq!(
            s[3],
            Span {
                text: "!".into(),
                style: Style {
                    fg: Some(2),
                    ..Default::default()
                }
            }
        );
        assert_eq!(s[2].style.classes(), "ansi-fg-2 ansi-bold");
        assert_eq!(
            spans("\u{1b}[91;44mx")[0].style,
            Style {
                fg: Some(9),
                bg: Some(4),
                ..Default::default()
            }
        );
        assert_eq!(
            spans("\u{1b}[38;5;3mx\u{1b}[38;5;200my")[0].style.fg,
            Some(3)
        );
        assert_eq!(spans("\u{1b}[38;5;200my")[0].style.fg, None);
        assert_eq!(
            spans("\u{1b}[38;2;1;2;3;1mz")[0].style,
            Style {
                bold: true,
                ..Default::default()
            }
        );
        assert_eq!(
            spans("\u{1b}[mx"),
            vec![Span {
                text: "x".into(),
                style: Style::default()
            }]
        );
    }

    #[test]
    fn other_escapes_and_controls_are_dropped() {
        assert_eq!(strip("a\u{1b}[2Kb\u{1b}[1Ac"), "abc");
        assert_eq!(
            strip("\u{1b}]0;title\u{7}x\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "xlink"
        );
        assert_eq!(strip("t\u{1b}"), "t");
        assert_eq!(strip("a\r\u{0}b\u{7}\tc\n"), "ab\tc\n");
        assert_eq!(strip("\u{1b}[31"), "");
        assert_eq!(strip("plain <script>"), "plain <script>");
    }
}
