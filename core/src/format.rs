//! Text for humans: timestamps, relative times, durations, JSON, truncation.
//!
//! The browser's time zone enters as a number (minutes east of UTC at the instant shown), so all of
//! this runs natively without a time-zone database.

/// Milliseconds since the Unix epoch, UTC.
pub type EpochMs = i64;

const MS_PER_DAY: i64 = 86_400_000;

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm, proleptic Gregorian).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days since 1970-01-01 from a civil date.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

struct Parts {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    milli: u32,
}

fn parts(ms: EpochMs) -> Parts {
    let days = ms.div_euclid(MS_PER_DAY);
    let rem = ms.rem_euclid(MS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    Parts {
        year,
        month,
        day,
        hour: (rem / 3_600_000) as u32,
        minute: (rem / 60_000 % 60) as u32,
        second: (rem / 1000 % 60) as u32,
        milli: (rem % 1000) as u32,
    }
}

/// `YYYY-MM-DDTHH:MM:SS.sssZ`, the `<time datetime>` form.
pub fn iso_utc(ms: EpochMs) -> String {
    let p = parts(ms);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        p.year, p.month, p.day, p.hour, p.minute, p.second, p.milli
    )
}

/// `2026-11-25 19:20:22 UTC`, the hover text.
pub fn utc_display(ms: EpochMs) -> String {
    let p = parts(ms);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        p.year, p.month, p.day, p.hour, p.minute, p.second
    )
}

/// `2026-11-25 20:20:22 (UTC+01:00)`: local wall time given the zone's offset at that instant.
pub fn local_display(ms: EpochMs, offset_minutes: i32) -> String {
    let p = parts(ms + offset_minutes as i64 * 60_000);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} (UTC{sign}{:02}:{:02})",
        p.year,
        p.month,
        p.day,
        p.hour,
        p.minute,
        p.second,
        off / 60,
        off % 60
    )
}

/// `2026-11-25 20:20:22`: local wall time without the zone, for table cells (the zone is in the
/// column's hover text).
pub fn local_short(ms: EpochMs, offset_minutes: i32) -> String {
    let p = parts(ms + offset_minutes as i64 * 60_000);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        p.year, p.month, p.day, p.hour, p.minute, p.second
    )
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `14:05` and `25 Nov`: timeline axis labels in local time.
pub fn local_clock(ms: EpochMs, offset_minutes: i32) -> String {
    let p = parts(ms + offset_minutes as i64 * 60_000);
    format!("{:02}:{:02}", p.hour, p.minute)
}

pub fn local_day(ms: EpochMs, offset_minutes: i32) -> String {
    let p = parts(ms + offset_minutes as i64 * 60_000);
    format!("{} {}", p.day, MONTHS[(p.month - 1) as usize])
}

/// The value an `<input type="datetime-local">` shows for `ms`: `2026-11-25T20:20`, with `:SS`
/// only when the seconds are not zero.
pub fn datetime_local(ms: EpochMs, offset_minutes: i32) -> String {
    let p = parts(ms + offset_minutes as i64 * 60_000);
    let mut out = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        p.year, p.month, p.day, p.hour, p.minute
    );
    if p.second != 0 {
        out.push_str(&format!(":{:02}", p.second));
    }
    out
}

/// Reads an `<input type="datetime-local">` value (`YYYY-MM-DDTHH:MM[:SS[.sss]]`) as wall time in
/// the zone whose offset (minutes east) at an instant `offset_at` reports; the offset is looked up
/// twice so that a value on the other side of a DST change gets its own offset.
pub fn parse_datetime_local(text: &str, offset_at: impl Fn(EpochMs) -> i32) -> Option<EpochMs> {
    let t = text.trim();
    let b = t.as_bytes();
    if b.len() < 16
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b' ')
        || b[13] != b':'
    {
        return None;
    }
    let mut second = 0;
    let mut millis = 0;
    match t.get(16..)? {
        "" => {}
        rest => {
            let rest = rest.strip_prefix(':')?;
            second = digits(rest, 0..2)? as u32;
            match rest.get(2..)? {
                "" => {}
                frac => {
                    let frac = frac.strip_prefix('.')?;
                    if frac.is_empty() || frac.len() > 3 {
                        return None;
                    }
                    millis = digits(&format!("{frac:0<3}"), 0..3)?;
                }
            }
        }
    }
    let year = digits(t, 0..4)?;
    let day = digits(t, 8..10)? as u32;
    let month = digits(t, 5..7)? as u32;
    if day > days_in_month(year, month)? {
        return None;
    }
    let naive = civil_ms(
        year,
        month,
        day,
        digits(t, 11..13)? as u32,
        digits(t, 14..16)? as u32,
        second,
    )? + millis;
    let guess = naive - offset_at(naive) as i64 * 60_000;
    Some(naive - offset_at(guess) as i64 * 60_000)
}

fn days_in_month(year: i64, month: u32) -> Option<u32> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

/// "just now", "4 min ago", "in 2 h": coarse, for scanning.
pub fn relative(ms: EpochMs, now_ms: EpochMs) -> String {
    let delta = now_ms - ms;
    let abs = delta.unsigned_abs() / 1000;
    if abs < 10 {
        return "just now".to_string();
    }
    let amount = if abs < 60 {
        format!("{abs} s")
    } else if abs < 3600 {
        format!("{} min", abs / 60)
    } else if abs < 86_400 {
        format!("{} h", abs / 3600)
    } else {
        let d = abs / 86_400;
        format!("{d} day{}", if d == 1 { "" } else { "s" })
    };
    if delta >= 0 {
        format!("{amount} ago")
    } else {
        format!("in {amount}")
    }
}

/// A duration in its two largest units: "45 s", "2 min 3 s", "1 h 4 min", "3 d 2 h".
pub fn duration(ms: i64) -> String {
    if ms < 0 {
        return "—".to_string();
    }
    if ms < 1000 {
        return format!("{ms} ms");
    }
    let s = ms / 1000;
    let (d, h, m, sec) = (s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{sec} s"),
        (0, 0, _) => format!("{m} min {sec} s"),
        (0, _, _) => format!("{h} h {m} min"),
        _ => format!("{d} d {h} h"),
    }
}

/// Parses ISO-8601 / RFC 3339 instants as AWS tools print them: `2026-01-02T03:04:05Z`,
/// `…+00:00`, `…-0700`, with optional fractional seconds.
pub fn parse_iso8601(text: &str) -> Option<EpochMs> {
    let t = text.trim();
    let b = t.as_bytes();
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r| digits(t, r);
    let start = civil_ms(
        num(0..4)?,
        num(5..7)? as u32,
        num(8..10)? as u32,
        num(11..13)? as u32,
        num(14..16)? as u32,
        num(17..19)? as u32,
    )?;
    let mut rest = &t[19..];
    let mut millis = 0;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let padded = format!("{:0<3}", &frac[..digits.min(3)]);
        millis = padded.parse::<i64>().ok()?;
        rest = &frac[digits..];
    }
    let offset_min = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let hm: String = rest[1..].chars().filter(|c| *c != ':').collect();
            if hm.len() != 4 || !hm.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            sign * (hm[..2].parse::<i64>().ok()? * 60 + hm[2..].parse::<i64>().ok()?)
        }
    };
    Some(start - offset_min * 60_000 + millis)
}

/// The ASCII digits in `s[range]` as a number; `None` for anything else.
pub(crate) fn digits(s: &str, range: std::ops::Range<usize>) -> Option<i64> {
    let part = s.get(range)?;
    if part.is_empty() || !part.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

/// Epoch milliseconds of a UTC civil date and time, checking the fields' ranges.
pub(crate) fn civil_ms(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<EpochMs> {
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    Some(days * MS_PER_DAY + (h as i64 * 3600 + mi as i64 * 60 + s as i64) * 1000)
}

/// Truncates to `max` characters with an ellipsis (on a char boundary).
pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", &s[..i]),
    }
}

/// Re-indents valid JSON, keeping key order and number spelling exactly as sent; `None` when the
/// text is not JSON (the caller then shows it raw).
pub fn pretty_json(text: &str) -> Option<String> {
    serde_json::from_str::<serde::de::IgnoredAny>(text).ok()?;
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = text.trim().chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                // Keep empty containers on one line.
                while chars.peek().is_some_and(|n| n.is_whitespace()) {
                    chars.next();
                }
                if matches!(chars.peek(), Some('}') | Some(']')) {
                    out.push(chars.next().expect("peeked"));
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_and_round_trip_of_dates() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_utc(1_647_768_150_761), "2022-03-20T09:22:30.761Z");
        assert_eq!(iso_utc(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(iso_utc(-1), "1969-12-31T23:59:59.999Z");
        for days in [-800_000, -1, 0, 59, 11_016, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn local_time_uses_the_given_offset() {
        let t = 1_647_768_150_761; // 09:22:30 UTC
        assert_eq!(local_display(t, 60), "2022-03-20 10:22:30 (UTC+01:00)");
        assert_eq!(local_display(t, -570), "2022-03-19 23:52:30 (UTC-09:30)");
        assert_eq!(local_display(t, 0), "2022-03-20 09:22:30 (UTC+00:00)");
        assert_eq!(utc_display(t), "2022-03-20 09:22:30 UTC");
    }

    #[test]
    fn datetime_local_round_trips_in_any_zone() {
        let t = 1_647_768_150_000; // 2022-03-20 09:22:30 UTC
        assert_eq!(datetime_local(t, 60), "2022-03-20T10:22:30");
        assert_eq!(datetime_local(t - 30_000, 0), "2022-03-20T09:22");
        assert_eq!(parse_datetime_local("2022-03-20T10:22:30", |_| 60), Some(t));
        assert_eq!(
            parse_datetime_local("2022-03-20T09:22", |_| 0),
            Some(t - 30_000)
        );
        assert_eq!(
            parse_datetime_local("2022-03-19T23:52:30", |_| -570),
            Some(t)
        );
        assert_eq!(
            parse_datetime_local("2022-03-20T09:22:30.5", |_| 0),
            Some(t + 500)
        );
        for offset in [-720, -570, 0, 330, 840] {
            assert_eq!(
                parse_datetime_local(&datetime_local(t, offset), |_| offset),
                Some(t)
            );
        }
        // A zone that is UTC+1 before 2022-03-27 01:00 UTC and UTC+2 after (Europe's DST).
        let switch = 1_648_342_800_000;
        let cet = |ms: EpochMs| if ms < switch { 60 } else { 120 };
        assert_eq!(
            parse_datetime_local("2022-03-27T04:00", cet),
            Some(switch + 3_600_000)
        );
        assert_eq!(
            parse_datetime_local("2022-03-26T23:00", cet),
            Some(switch - 3 * 3_600_000)
        );
        for bad in [
            "",
            "2022-03-20",
            "2022-03-20T10:\u{fffd}:30",
            "2022-03-20T10:22:\u{e9}",
            "2022-02-30T10:00",
            "2022-13-01T00:00",
            "2022-03-20T25:00",
            "2022-03-20T10:22:",
            "2022-03-20T10:22:30.",
            "2022-03-20T10:22:30.1234",
            "2022-03-20T10:22x",
            "２０２２-03-20T10:22",
        ] {
            assert_eq!(parse_datetime_local(bad, |_| 0), None, "{bad}");
        }
        assert_eq!(
            parse_datetime_local("2024-02-29T00:00", |_| 0),
            Some(1_709_164_800_000)
        );
        assert_eq!(parse_datetime_local("2023-02-29T00:00", |_| 0), None);
    }

    #[test]
    fn short_forms() {
        let t = 1_647_768_150_761;
        assert_eq!(local_short(t, 60), "2022-03-20 10:22:30");
        assert_eq!(local_clock(t, -570), "23:52");
        assert_eq!(local_day(t, -570), "19 Mar");
        assert_eq!(local_day(t, 0), "20 Mar");
    }

    #[test]
    fn relative_times() {
        let now = 1_000_000_000;
        assert_eq!(relative(now - 3_000, now), "just now");
        assert_eq!(relative(now - 45_000, now), "45 s ago");
        assert_eq!(relative(now - 4 * 60_000 - 59_000, now), "4 min ago");
        assert_eq!(relative(now - 3 * 3_600_000, now), "3 h ago");
        assert_eq!(relative(now - 86_400_000, now), "1 day ago");
        assert_eq!(relative(now - 3 * 86_400_000, now), "3 days ago");
        assert_eq!(relative(now + 120_000, now), "in 2 min");
    }

    #[test]
    fn durations() {
        assert_eq!(duration(250), "250 ms");
        assert_eq!(duration(45_000), "45 s");
        assert_eq!(duration(123_456), "2 min 3 s");
        assert_eq!(duration(3_840_000), "1 h 4 min");
        assert_eq!(duration(3 * 86_400_000 + 7_200_000), "3 d 2 h");
        assert_eq!(duration(-5), "—");
    }

    #[test]
    fn iso8601_forms() {
        let want = Some(1_767_323_045_000);
        assert_eq!(parse_iso8601("2026-01-02T03:04:05Z"), want);
        assert_eq!(parse_iso8601("2026-01-02T03:04:05+00:00"), want);
        assert_eq!(parse_iso8601("2026-01-02T05:04:05+02:00"), want);
        assert_eq!(parse_iso8601("2026-01-01T20:04:05-0700"), want);
        assert_eq!(
            parse_iso8601("2026-01-02T03:04:05.250Z"),
            Some(1_767_323_045_250)
        );
        assert_eq!(
            parse_iso8601("2026-01-02T03:04:05.2Z"),
            Some(1_767_323_045_200)
        );
        for bad in [
            "",
            "2026-01-02",
            "2026-13-02T03:04:05Z",
            "2026-01-02T03:04:05",
            "2026-01-02T03:04:05+0",
            "soon",
            "2026-01-02T03:04:05.Z",
            "２０２６-01-02T03:04:05Z",
        ] {
            assert_eq!(parse_iso8601(bad), None, "{bad}");
        }
    }

    #[test]
    fn shorten_on_char_boundaries() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcd", 3), "abc…");
        assert_eq!(shorten("ééééé", 2), "éé…");
    }

    #[test]
    fn pretty_json_keeps_order_and_spelling() {
        assert_eq!(
            pretty_json(r#"{"z":1.50,"a":[1,{"b":"x,y:{}"}],"e":{},"f":[ ]}"#).unwrap(),
            "{\n  \"z\": 1.50,\n  \"a\": [\n    1,\n    {\n      \"b\": \"x,y:{}\"\n    }\n  ],\n  \"e\": {},\n  \"f\": []\n}"
        );
        assert_eq!(pretty_json(r#""esc \" q""#).unwrap(), r#""esc \" q""#);
        assert_eq!(pretty_json("not json"), None);
        assert_eq!(pretty_json("{\"a\":1"), None);
    }
}
