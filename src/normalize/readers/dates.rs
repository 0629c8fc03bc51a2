//! Dates and weekdays: "Jan. 14", "JAN. 15 2020", "july 25 2012", "May 24, 2021", "Jan-15-2020",
//! "February 2022", "Sept. 1-15", "14 January 2022", "26th May", "2022-01-14", "1/14/2022",
//! "01.10.2010", "11/17/05", "set for 10/14", "Tues., Jan. 4".
//!
//! Numeric dates: a four-digit first part is a year, then month, then day. Otherwise the year
//! comes last (four digits, or two: "98" is "ninety-eight", "05" is "oh five") and the first two
//! parts are month and day in the publication's [`DateOrder`]: US order by default, so
//! `01/07/98` is January seventh, and day first with `--date-order dmy`, so it is the first of
//! July. A part over 12 can only be the day, and decides whatever the order ("15-01-2020" is
//! January fifteenth). Two parts alone ("10/14") are a date only after a word that takes one
//! ("on", "by", "for", "until", a weekday) or when the second part is past 16 (no common
//! fraction has such a denominator), so "3/4" stays three quarters.

use super::{is_day_suffix, Kind, Reader};
use crate::normalize::number_words::{cardinal, ordinal, year};
use crate::normalize::tables::abbreviations::{expand, is_weekday};
use crate::normalize::tables::months::{day, month, month_in_any_case, name, year as year_number};
use crate::normalize::DateOrder;

/// Words after which "10/14" is a date.
const TAKES_A_DATE: &[&str] = &[
    "on",
    "by",
    "for",
    "until",
    "till",
    "through",
    "thru",
    "since",
    "from",
    "before",
    "after",
    "starting",
    "ending",
    "dated",
    "due",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

impl Reader<'_, '_> {
    /// A month (with its day, range and year) or a weekday abbreviation, starting at word `i`.
    pub(super) fn date(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        if is_weekday(t.text) {
            return self.weekday(i);
        }
        let m = month_in_any_case(t.text)?;
        let dotted = m.abbreviated && self.tok(i + 1).is_some_and(|n| n.is_punct("."));
        let mut j = i + 1 + usize::from(dotted);
        // "Jan-15-2020": a month joined to its day.
        let hyphened = self.tok(j).is_some_and(|n| n.is_punct("-"))
            && self.number_at(j + 1).is_some_and(|n| day(n.text).is_some());
        if hyphened {
            j += 1;
        }
        let k = if hyphened { j } else { self.skip_space(j) };
        let number = self
            .number_at(k)
            .cloned()
            .filter(|n| !n.text.contains([',', '.']) && (k > j || hyphened));
        let attached_word = |r: &Self, at: usize| {
            r.tok(at + 1)
                .is_some_and(|n| (n.is(Kind::Word) && !is_day_suffix(n.text)) || n.is_punct(":"))
        };
        if let Some(n) = number.as_ref().filter(|_| !attached_word(self, k)) {
            if let Some(d) = day(n.text) {
                let mut spoken = format!("{} {}", m.full, ordinal(d));
                let mut end = n.range.end;
                let mut next = k + 1;
                if self.tok(next).is_some_and(|s| is_day_suffix(s.text)) {
                    if super::is_possessive_suffix(self.tokens[next].text) {
                        spoken.push_str("'s");
                    }
                    end = self.tokens[next].range.end;
                    next += 1;
                }
                // "Sept. 1-15"
                if self
                    .tok(next)
                    .is_some_and(|d| d.is_punct("-") || d.is_punct("\u{2013}"))
                {
                    if let Some(last) = self.number_at(next + 1).filter(|n| n.text.len() <= 2) {
                        if let Some(last) = day(last.text) {
                            spoken = format!("{spoken} to {}", ordinal(last));
                            end = self.tokens[next + 1].range.end;
                            next += 2;
                        }
                    }
                }
                // ", 2021", " 2021" or "-2020".
                let year_at = if self.tok(next).is_some_and(|c| c.is_punct(",")) {
                    Some(self.skip_space(next + 1))
                } else if hyphened && self.tok(next).is_some_and(|c| c.is_punct("-")) {
                    Some(next + 1)
                } else {
                    let y = self.skip_space(next);
                    (y > next).then_some(y)
                };
                if let Some((said, at, until)) = year_at.and_then(|y| self.year_at(y)) {
                    spoken = format!("{spoken}, {said}");
                    (end, next) = (until, at + 1);
                }
                self.out.words(&spoken, t.range.start..end);
                return Some(next - i);
            }
            if let Some(y) = year_number(n.text).filter(|_| !hyphened) {
                self.out.words(
                    &format!("{} {}", m.full, year(y)),
                    t.range.start..n.range.end,
                );
                return Some(k + 1 - i);
            }
        }
        if dotted && m.title_case {
            self.out.words(m.full, t.range.start..t.range.end + 1);
            if self.at_end(j) {
                self.out.punct('.');
            }
            return Some(j - i);
        }
        None
    }

    /// "Tues." before a comma, a date, "and" or the end of the line: "Tuesday".
    fn weekday(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        if !self.tok(i + 1).is_some_and(|n| n.is_punct(".")) {
            return None;
        }
        let after = self.skip_space(i + 2);
        let goes_on = match self.tok(after) {
            None => true,
            Some(n) if n.is(Kind::Punct) => n.text == ",",
            Some(n) if n.is(Kind::Number) => true,
            // "Sat. at noon": a capitalized "Sat." before a word in lower case is a day.
            Some(n) => {
                n.text == "and"
                    || month(n.text).is_some()
                    || n.text.starts_with(|c: char| c.is_lowercase())
            }
        };
        if !goes_on {
            return None;
        }
        self.out
            .words(expand(t.text, false)?, t.range.start..t.range.end + 1);
        if self.at_end(i + 2) {
            self.out.punct('.');
        }
        Some(2)
    }

    /// "14 January 2022", "on 3 March", "1 Jan", "25 july 2012", "the 26th May": the day before
    /// the month, said "the fourteenth of January".
    pub(super) fn day_before_month(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let d = day(t.text)?;
        let mut m = i + 1;
        if self.tok(m).is_some_and(|s| is_day_suffix(s.text)) {
            m += 1;
        }
        let month_at = self.skip_space(m);
        if month_at == m {
            return None;
        }
        let month_token = self.tok(month_at).filter(|w| w.is(Kind::Word))?.clone();
        let found = month_in_any_case(month_token.text)?;
        let mut end = month_token.range.end;
        let mut next = month_at + 1;
        if found.abbreviated && self.tok(next).is_some_and(|n| n.is_punct(".")) {
            end += 1;
            next += 1;
        }
        let year_at = match self.tok(next) {
            Some(c) if c.is_punct(",") => self.skip_space(next + 1),
            _ => self.skip_space(next),
        };
        let said_year = (year_at > next || self.tok(next).is_some_and(|c| c.is_punct(",")))
            .then(|| self.year_at(year_at))
            .flatten();
        // "all 5 may leave": a month that is also a word needs a year or the end of a clause.
        let closes = self
            .tok(next)
            .is_none_or(|n| n.is(Kind::Punct) && n.text != "-" && n.text != "/");
        if found.also_a_word && !found.title_case && said_year.is_none() && !closes {
            return None;
        }
        let the = if self
            .previous_word(i)
            .is_some_and(|w| w.text.eq_ignore_ascii_case("the"))
        {
            ""
        } else {
            "the "
        };
        let mut spoken = format!("{the}{} of {}", ordinal(d), found.full);
        if let Some((said, at, until)) = said_year {
            spoken = format!("{spoken}, {said}");
            (end, next) = (until, at + 1);
        }
        self.out.words(&spoken, t.range.start..end);
        Some(next - i)
    }

    /// "2022-01-14", "1/14/2022", "01.10.2010", "11/17/05", "for 10/14".
    pub(super) fn numeric_date(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let (parts, last) = self.date_parts(i)?;
        let (y, m, d) = match parts {
            DateParts::Three(a, b, c) if a.len() == 4 => (Some(a), b, c),
            DateParts::Three(a, b, c) if matches!(c.len(), 2 | 4) && a.len() <= 2 => {
                let (m, d) = self.month_and_day(a, b)?;
                (Some(c), m, d)
            }
            // "9/11" is the attacks; "24/7" is always.
            DateParts::Two("9", "11") | DateParts::Two("24", "7") => return None,
            DateParts::Two(a, b) => {
                let (m, d) = self.month_and_day(a, b)?;
                // Two parts keep the publication's order: "22/3" is no date in US copy.
                let in_order = match self.settings.date_order {
                    DateOrder::Mdy => m == a,
                    DateOrder::Dmy => m == b,
                };
                if !in_order {
                    return None;
                }
                let after_date_word = self
                    .previous_word(i)
                    .is_some_and(|w| TAKES_A_DATE.contains(&w.text.to_lowercase().as_str()));
                let past_fractions = b.parse::<u64>().is_ok_and(|b| b > 16);
                let after_number = self
                    .previous(i)
                    .is_some_and(|p| p.is(Kind::Number) || p.is_punct("/"));
                if !(after_date_word || past_fractions) || after_number {
                    return None;
                }
                (None, m, d)
            }
            DateParts::Three(..) => return None,
        };
        // The day written first ("15-01-2020") is said first, as "15 January 2020" is.
        let day_first =
            matches!(parts, DateParts::Three(a, ..) if a.len() <= 2 && std::ptr::eq(a, d));
        let m: usize = m.parse().ok().filter(|m| (1..=12).contains(m))?;
        let d = day(d)?;
        let mut spoken = if day_first {
            format!("the {} of {}", ordinal(d), name(m)?)
        } else {
            format!("{} {}", name(m)?, ordinal(d))
        };
        if let Some(y) = y {
            let said = match y.len() {
                4 => year(year_number(y)?),
                _ => short_year(y)?,
            };
            spoken = format!("{spoken}, {said}");
        }
        self.out
            .words(&spoken, t.range.start..self.tokens[last].range.end);
        Some(last + 1 - i)
    }

    /// Month and day from the first two parts of a numeric date, in the publication's order
    /// unless one part is past 12.
    fn month_and_day<'s>(&self, a: &'s str, b: &'s str) -> Option<(&'s str, &'s str)> {
        if a.len() > 2 || b.len() > 2 {
            return None;
        }
        let (x, y): (u64, u64) = (a.parse().ok()?, b.parse().ok()?);
        Some(match self.settings.date_order {
            _ if x > 12 && y <= 12 => (b, a),
            _ if y > 12 => (a, b),
            DateOrder::Mdy => (a, b),
            DateOrder::Dmy => (b, a),
        })
    }

    /// The parts of a numeric date at `i` and the index of its last token: three numbers joined
    /// by "-", "/" or "." (the same mark twice), or two joined by "/".
    fn date_parts(&self, i: usize) -> Option<(DateParts<'_>, usize)> {
        let first = self.tokens[i].text;
        if first.contains(',') {
            return None;
        }
        // "01.10.2010": the tokenizer made "01.10" a decimal.
        if let Some((a, b)) = first.split_once('.') {
            let y = self
                .number_at(i + 2)
                .filter(|_| self.tok(i + 1).is_some_and(|d| d.is_punct(".")))?;
            let followed = self
                .tok(i + 3)
                .is_some_and(|n| n.is_punct(".") && self.number_at(i + 4).is_some());
            if followed || y.text.contains(['.', ',']) || a.len() > 2 || b.len() > 2 {
                return None;
            }
            return Some((DateParts::Three(a, b, y.text), i + 2));
        }
        let mark = self
            .tok(i + 1)
            .filter(|m| m.is_punct("-") || m.is_punct("/"))?;
        let second = self
            .number_at(i + 2)
            .filter(|n| !n.text.contains([',', '.']))?;
        let third_mark = self.tok(i + 3).filter(|m| m.text == mark.text);
        if let Some(third) = third_mark.and_then(|_| self.number_at(i + 4)) {
            let more = self.tok(i + 5).is_some_and(|m| {
                (m.is_punct("-") || m.is_punct("/")) && self.number_at(i + 6).is_some()
            });
            if third.text.contains([',', '.']) || more {
                return None;
            }
            return Some((DateParts::Three(first, second.text, third.text), i + 4));
        }
        let joined_on = self.tok(i + 3).is_some_and(|n| {
            n.is(Kind::Number) || n.is(Kind::Word) || n.is_punct("/") || n.is_punct("-")
        });
        (mark.text == "/" && !joined_on).then_some((DateParts::Two(first, second.text), i + 2))
    }

    /// A year written at token `at`: how it is said, its index and the end of its text.
    fn year_at(&self, at: usize) -> Option<(String, usize, usize)> {
        let token = self.number_at(at)?;
        let value = year_number(token.text)?;
        let attached = self.tok(at + 1).is_some_and(|n| n.is(Kind::Word));
        (!attached).then(|| (year(value), at, token.range.end))
    }
}

/// The written parts of a numeric date.
#[derive(Clone, Copy)]
enum DateParts<'a> {
    Three(&'a str, &'a str, &'a str),
    Two(&'a str, &'a str),
}

/// A two-digit year: "98" "ninety-eight", "05" "oh five", "00" "two thousand".
fn short_year(written: &str) -> Option<String> {
    let n: u64 = written.parse().ok()?;
    Some(match n {
        0 => "two thousand".to_string(),
        1..=9 => format!("oh {}", cardinal(n)),
        _ => cardinal(n),
    })
}
