//! Dates and weekdays: "Jan. 14", "Jan.15, 2022", "May 24, 2021", "February 2022", "Sept. 1-15",
//! "14 January 2022", "2022-01-14", "1/14/2022", "Tues., Jan. 4".

use super::{Kind, Reader};
use crate::normalize::number_words::{ordinal, year};
use crate::normalize::tables::abbreviations::{expand, is_weekday};
use crate::normalize::tables::months::{day, is_abbreviated_month, month, year as year_number};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Reader<'_, '_> {
    /// A month (with its day, range and year) or a weekday abbreviation, starting at word `i`.
    pub(super) fn date(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        if is_weekday(t.text) {
            return self.weekday(i);
        }
        let full = month(t.text)?;
        let abbreviated = is_abbreviated_month(t.text);
        let dotted = self.tok(i + 1).is_some_and(|n| n.is_punct("."));
        let mut j = i + 1;
        if dotted && abbreviated {
            j += 1;
        }
        let k = self.skip_space(j);
        let number = self.number_at(k).cloned();
        let followed_by_word = |r: &Self, at: usize| {
            r.tok(at + 1)
                .is_some_and(|n| (n.is(Kind::Word) && !is_day_suffix(n.text)) || n.is_punct(":"))
        };
        if let Some(n) = number.as_ref().filter(|_| !followed_by_word(self, k)) {
            if let Some(d) = day(n.text) {
                let mut spoken = format!("{full} {}", ordinal(d));
                let mut end = n.range.end;
                let mut next = k + 1;
                if self.tok(next).is_some_and(|s| is_day_suffix(s.text)) {
                    end = self.tokens[next].range.end;
                    next += 1;
                }
                // "Sept. 1-15"
                if self
                    .tok(next)
                    .is_some_and(|d| d.is_punct("-") || d.is_punct("\u{2013}"))
                {
                    if let Some(last) = self.number_at(next + 1).and_then(|n| day(n.text)) {
                        spoken = format!("{spoken} to {}", ordinal(last));
                        end = self.tokens[next + 1].range.end;
                        next += 2;
                    }
                }
                if self.tok(next).is_some_and(|c| c.is_punct(",")) {
                    if let Some((said, at, until)) = self.year_at(self.skip_space(next + 1)) {
                        spoken = format!("{spoken}, {said}");
                        (end, next) = (until, at + 1);
                    }
                }
                self.out.words(&spoken, t.range.start..end);
                return Some(next - i);
            }
            if let Some(y) = year_number(n.text) {
                self.out
                    .words(&format!("{full} {}", year(y)), t.range.start..n.range.end);
                return Some(k + 1 - i);
            }
        }
        if abbreviated && dotted {
            self.out.words(full, t.range.start..t.range.end + 1);
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
            Some(n) => n.text == "and" || month(n.text).is_some(),
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

    /// "14 January 2022", "on 3 March", "1 Jan": the day before the month.
    pub(super) fn day_before_month(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let d = day(t.text)?;
        let m = self.skip_space(i + 1);
        if m == i + 1 {
            return None;
        }
        let month_token = self.tok(m).filter(|w| w.is(Kind::Word))?.clone();
        let full = month(month_token.text)?;
        let mut end = month_token.range.end;
        let mut next = m + 1;
        if is_abbreviated_month(month_token.text) && self.tok(next).is_some_and(|n| n.is_punct("."))
        {
            end += 1;
            next += 1;
        }
        let mut spoken = format!("the {} of {full}", ordinal(d));
        let y = self.skip_space(next);
        if y > next {
            if let Some((said, at, until)) = self.year_at(y) {
                spoken = format!("{spoken}, {said}");
                (end, next) = (until, at + 1);
            }
        }
        self.out.words(&spoken, t.range.start..end);
        Some(next - i)
    }

    /// "2022-01-14" and "1/14/2022".
    pub(super) fn numeric_date(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let [a, sep1, b, sep2, c] = self.three_joined_numbers(i)?;
        let texts: Vec<&str> = [a, b, c].iter().map(|k| self.tokens[*k].text).collect();
        let (y, m, d) = match (self.tokens[sep1].text, self.tokens[sep2].text) {
            ("-", "-") if texts[0].len() == 4 && texts[1].len() == 2 && texts[2].len() == 2 => {
                (texts[0], texts[1], texts[2])
            }
            ("/", "/") if texts[2].len() == 4 && texts[0].len() <= 2 && texts[1].len() <= 2 => {
                (texts[2], texts[0], texts[1])
            }
            _ => return None,
        };
        let y = year_number(y)?;
        let m: usize = m.parse().ok().filter(|m| (1..=12).contains(m))?;
        let d = day(d.trim_start_matches('0')).or_else(|| day(d))?;
        let spoken = format!("{} {}, {}", MONTHS[m - 1], ordinal(d), year(y));
        self.out
            .words(&spoken, t.range.start..self.tokens[c].range.end);
        Some(c + 1 - i)
    }

    /// A year written at token `at`: how it is said, its index and the end of its text.
    fn year_at(&self, at: usize) -> Option<(String, usize, usize)> {
        let token = self.number_at(at)?;
        let value = year_number(token.text)?;
        Some((year(value), at, token.range.end))
    }

    /// Indices of three numbers joined by `-` or `/` with no spaces, starting at `i`: number,
    /// mark, number, mark, number (and no fourth number after them).
    pub(super) fn three_joined_numbers(&self, i: usize) -> Option<[usize; 5]> {
        let at = [i, i + 1, i + 2, i + 3, i + 4];
        let ok = (0..5).all(|s| {
            let tok = self.tok(i + s);
            if s % 2 == 0 {
                tok.is_some_and(|t| t.is(Kind::Number) && !t.text.contains([',', '.']))
            } else {
                tok.is_some_and(|t| t.is_punct("-") || t.is_punct("/"))
            }
        });
        let more = self
            .tok(i + 5)
            .is_some_and(|t| t.is_punct("-") || t.is_punct("/"))
            && self.number_at(i + 6).is_some();
        (ok && !more).then_some(at)
    }
}

fn is_day_suffix(s: &str) -> bool {
    matches!(s.to_lowercase().as_str(), "st" | "nd" | "rd" | "th")
}
