//! Clock skew: learning how far the browser's clock is from AWS's.
//!
//! AWS refuses signatures more than 15 minutes off. Like the JavaScript SDK v3, we keep an offset
//! (server − browser), learn it from a response's `Date` header when it is off by ≥ 5 minutes, and
//! from the server time AWS quotes in "Signature expired" / "Signature not yet current" messages.

use crate::format::{civil_ms, digits, EpochMs};

/// Skew smaller than this is left alone: it is within AWS's tolerance and normal drift.
pub const SKEW_THRESHOLD_MS: i64 = 5 * 60_000;

/// An endpoint that claims a time further from the browser's than this is not believed: no real
/// clock is a day off, and a stranger's endpoint must not move the dates this page signs with.
pub const MAX_OFFSET_MS: i64 = 24 * 60 * 60_000;

/// The new offset if the server's time says ours (`browser_ms + current_offset`) is off by at least
/// [`SKEW_THRESHOLD_MS`]; `None` when the current offset is good enough.
pub fn learn_offset(
    server_ms: EpochMs,
    browser_ms: EpochMs,
    current_offset_ms: i64,
) -> Option<i64> {
    let drift = server_ms - (browser_ms + current_offset_ms);
    let offset = server_ms - browser_ms;
    (drift.abs() >= SKEW_THRESHOLD_MS && offset.abs() <= MAX_OFFSET_MS).then_some(offset)
}

/// Parses an IMF-fixdate (`Wed, 25 Nov 2026 20:20:22 GMT`), the `Date` header's form.
pub fn parse_http_date(value: &str) -> Option<EpochMs> {
    let mut it = value.split_whitespace();
    let _weekday = it.next()?.strip_suffix(',')?;
    let day: u32 = it.next()?.parse().ok()?;
    let month = month_number(it.next()?)?;
    let year: i64 = it.next()?.parse().ok()?;
    let time = it.next()?;
    if it.next()? != "GMT" || it.next().is_some() {
        return None;
    }
    let (h, m, s) = parse_hms(time, ':')?;
    civil_ms(year, month, day, h, m, s)
}

/// The server time inside AWS's clock errors: `(20140325T145251Z - 15 min.)` or `(… + 15 min.)`.
pub fn server_time_from_message(message: &str) -> Option<EpochMs> {
    if !crate::aws::error::is_clock_message(message) {
        return None;
    }
    let start = message.rfind('(')? + 1;
    let stamp = message[start..].split_whitespace().next()?;
    parse_amz_date(stamp)
}

/// `YYYYMMDDTHHMMSSZ`, the `X-Amz-Date` form.
pub fn parse_amz_date(s: &str) -> Option<EpochMs> {
    let b = s.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let num = |r| digits(s, r).map(|n| n as u32);
    civil_ms(
        digits(s, 0..4)?,
        num(4..6)?,
        num(6..8)?,
        num(9..11)?,
        num(11..13)?,
        num(13..15)?,
    )
}

/// `YYYYMMDDTHHMMSSZ` from epoch milliseconds.
pub fn format_amz_date(ms: EpochMs) -> String {
    let iso = crate::format::iso_utc(ms);
    // 2026-11-25T18:38:33.000Z → 20261125T183833Z
    let digits: String = iso[..19]
        .chars()
        .filter(|c| *c != '-' && *c != ':')
        .collect();
    format!("{digits}Z")
}

/// `Wed, 25 Nov 2026 20:20:22 GMT` from epoch milliseconds.
pub fn format_http_date(ms: EpochMs) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = ms.div_euclid(86_400_000);
    let iso = crate::format::iso_utc(ms);
    let month: usize = iso[5..7].parse().unwrap_or(1);
    format!(
        "{}, {} {} {} {} GMT",
        DAYS[days.rem_euclid(7) as usize],
        &iso[8..10],
        MONTHS[month - 1],
        &iso[0..4],
        &iso[11..19]
    )
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    MONTHS.iter().position(|m| *m == name).map(|i| i as u32 + 1)
}

fn parse_hms(s: &str, sep: char) -> Option<(u32, u32, u32)> {
    let mut it = s.split(sep);
    let h = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let sec = it.next()?.parse().ok()?;
    it.next().is_none().then_some((h, m, sec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offset_of_more_than_a_day_is_not_believed() {
        let now = 1_795_631_913_000;
        assert_eq!(
            learn_offset(now + MAX_OFFSET_MS, now, 0),
            Some(MAX_OFFSET_MS)
        );
        assert_eq!(
            learn_offset(now - MAX_OFFSET_MS, now, 0),
            Some(-MAX_OFFSET_MS)
        );
        assert_eq!(learn_offset(now + MAX_OFFSET_MS + 1, now, 0), None);
        assert_eq!(learn_offset(now - 30 * MAX_OFFSET_MS, now, 0), None);
        // A bad answer does not undo a good offset either.
        assert_eq!(
            learn_offset(now + 10 * MAX_OFFSET_MS, now, 40 * 60_000),
            None
        );
    }

    #[test]
    fn http_dates() {
        assert_eq!(
            parse_http_date("Wed, 25 Nov 2026 18:38:33 GMT"),
            Some(1_795_631_913_000)
        );
        assert_eq!(
            format_http_date(1_795_631_913_000),
            "Wed, 25 Nov 2026 18:38:33 GMT"
        );
        assert_eq!(format_http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(parse_http_date("Wed, 25 Nov 2026 18:38:33 UTC"), None);
        assert_eq!(parse_http_date("Wed, 25 Foo 2026 18:38:33 GMT"), None);
        assert_eq!(parse_http_date("garbage"), None);
        assert_eq!(parse_http_date(""), None);
    }

    #[test]
    fn amz_dates() {
        assert_eq!(parse_amz_date("20261125T183833Z"), Some(1_795_631_913_000));
        assert_eq!(format_amz_date(1_795_631_913_999), "20261125T183833Z");
        assert_eq!(parse_amz_date("20261325T183833Z"), None);
        assert_eq!(parse_amz_date("2026112xT183833Z"), None);
        assert_eq!(parse_amz_date("20261125T183833"), None);
    }

    #[test]
    fn server_time_from_aws_messages() {
        let behind = "Signature expired: 20140325T143453Z is now earlier than 20140325T143751Z (20140325T145251Z - 15 min.)";
        assert_eq!(
            server_time_from_message(behind),
            parse_amz_date("20140325T145251Z")
        );
        let ahead = "Signature not yet current: 20190305T002809Z is still later than 20190304T214315Z (20190304T212815Z + 15 min.)";
        assert_eq!(
            server_time_from_message(ahead),
            parse_amz_date("20190304T212815Z")
        );
        assert_eq!(
            server_time_from_message("The request signature we calculated does not match (x)"),
            None
        );
        assert_eq!(
            server_time_from_message("Signature expired: but mangled"),
            None
        );
    }

    #[test]
    fn learns_only_significant_skew() {
        let now = 1_000_000_000_000;
        assert_eq!(learn_offset(now + 4 * 60_000, now, 0), None);
        assert_eq!(learn_offset(now + 40 * 60_000, now, 0), Some(40 * 60_000));
        assert_eq!(learn_offset(now - 40 * 60_000, now, 0), Some(-40 * 60_000));
        // Already corrected: stays.
        assert_eq!(
            learn_offset(now + 40 * 60_000 + 1_000, now, 40 * 60_000),
            None
        );
        // The skew went away: the offset is dropped.
        assert_eq!(learn_offset(now, now, 40 * 60_000), Some(0));
    }
}
