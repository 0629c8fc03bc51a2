//! RSS dates: the RFC 2822 form (`Fri, 16 Feb 2024 06:00:00 +0000`) of an edition's ISO 8601
//! date or of the present time, and back to an instant for ordering a feed's items.

/// Seconds since 1970 of a civil date and time in UTC.
fn unix_seconds(year: i64, month: u32, day: u32, secs_of_day: i64) -> i64 {
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400 + secs_of_day
}

/// The civil date of a day count since 1970: (year, month, day).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];

/// An instant as RFC 2822 in the zone `offset_minutes` east of UTC.
pub fn rfc2822(unix: i64, offset_minutes: i64) -> String {
    let local = unix + offset_minutes * 60;
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let (year, month, day) = civil(days);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let offset = offset_minutes.abs();
    format!(
        "{}, {day:02} {} {year:04} {:02}:{:02}:{:02} {sign}{:02}{:02}",
        WEEKDAYS[days.rem_euclid(7) as usize],
        MONTHS[month as usize - 1],
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        offset / 60,
        offset % 60
    )
}

/// The instant of an ISO 8601 date (`2024`, `2024-02`, `2024-02-16`, with an optional time and
/// zone, as [`crate::edition::is_iso_date`] accepts) and its zone offset in minutes.
pub fn from_iso(text: &str) -> Option<(i64, i64)> {
    if !crate::edition::is_iso_date(text) {
        return None;
    }
    let (date, time) = match text.split_once(['T', ' ']) {
        Some((d, t)) => (d, t),
        None => (text, ""),
    };
    let mut parts = date.split('-').map(|p| p.parse::<u32>().ok());
    let year = i64::from(parts.next()??);
    let month = parts.next().flatten().unwrap_or(1);
    let day = parts.next().flatten().unwrap_or(1);
    let (clock, zone) = match time.find(['Z', 'z', '+', '-']) {
        Some(at) => time.split_at(at),
        None => (time, ""),
    };
    let mut fields = clock
        .split('.')
        .next()
        .unwrap_or("")
        .split(':')
        .map(|f| f.parse::<i64>().unwrap_or(0));
    let secs = fields.next().unwrap_or(0) * 3600
        + fields.next().unwrap_or(0) * 60
        + fields.next().unwrap_or(0);
    let offset = match zone.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let hm = &zone[1..];
            let (h, m) = hm.split_once(':').unwrap_or((hm, "00"));
            let minutes = h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?;
            if sign == '-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => 0,
    };
    Some((unix_seconds(year, month, day, secs) - offset * 60, offset))
}

/// The instant an RFC 2822 date names (as [`rfc2822`] writes it, or with a zone name), for
/// ordering; `None` when it cannot be read.
pub fn parse_rfc2822(text: &str) -> Option<i64> {
    let text = text.split_once(',').map_or(text, |(_, rest)| rest).trim();
    let mut words = text.split_whitespace();
    let day: u32 = words.next()?.parse().ok()?;
    let month = words.next()?;
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? as u32 + 1;
    let year: i64 = words.next()?.parse().ok()?;
    let mut clock = words.next().unwrap_or("00:00:00").split(':');
    let mut field = || {
        clock
            .next()
            .and_then(|f| f.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let secs = field() * 3600 + field() * 60 + field();
    let offset = match words.next() {
        Some(z) if z.len() == 5 && (z.starts_with('+') || z.starts_with('-')) => {
            let minutes = z[1..3].parse::<i64>().ok()? * 60 + z[3..5].parse::<i64>().ok()?;
            if z.starts_with('-') {
                -minutes
            } else {
                minutes
            }
        }
        _ => 0,
    };
    Some(unix_seconds(year, month, day, secs) - offset * 60)
}

/// Now, in seconds since 1970.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_become_rfc_2822_with_the_right_weekday() {
        let at = |iso: &str| {
            let (unix, offset) = from_iso(iso).unwrap();
            rfc2822(unix, offset)
        };
        assert_eq!(at("2024-02-16"), "Fri, 16 Feb 2024 00:00:00 +0000");
        assert_eq!(
            at("2024-02-29T06:30:00Z"),
            "Thu, 29 Feb 2024 06:30:00 +0000"
        );
        assert_eq!(
            at("2025-11-18T09:00+01:00"),
            "Tue, 18 Nov 2025 09:00:00 +0100"
        );
        assert_eq!(
            at("1999-12-31T23:59:59-05:00"),
            "Fri, 31 Dec 1999 23:59:59 -0500"
        );
        assert_eq!(at("2024"), "Mon, 01 Jan 2024 00:00:00 +0000");
        assert_eq!(from_iso("16/02/2024"), None);
    }

    #[test]
    fn rfc_2822_reads_back_to_the_same_instant() {
        for iso in [
            "2024-02-16",
            "2025-11-18T09:00+01:00",
            "1999-12-31T23:59:59-05:00",
        ] {
            let (unix, offset) = from_iso(iso).unwrap();
            assert_eq!(parse_rfc2822(&rfc2822(unix, offset)), Some(unix), "{iso}");
        }
        assert_eq!(
            parse_rfc2822("16 Feb 2024 00:00:00 GMT"),
            from_iso("2024-02-16").map(|d| d.0)
        );
    }
}
