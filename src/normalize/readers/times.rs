//! Times of day and clock durations: "9:30 a.m.", "3pm", "14:00 GMT", "2:05:30", and ratios
//! written like times ("10:1").

use super::{Kind, Reader};
use crate::normalize::number_words::cardinal;

/// Time zones said after a time, as letters: "3 p.m. ET", "14:00 GMT", "1:59 p.m. est".
const TIME_ZONES: &[&str] = &[
    "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "AKST", "HST",
    "GMT", "UTC", "BST", "CET", "CEST", "IST", "JST", "AEST", "AEDT", "WAT", "EAT",
];

impl Reader<'_, '_> {
    /// Letters written with or without dots from `j` ("am", "a.m.", "a.m", "e.s.t", "EST"):
    /// the letters in lower case and the index of the last token used.
    fn dotted_letters(&self, j: usize) -> Option<(String, usize)> {
        let first = self.tok(j).filter(|w| w.is(Kind::Word))?;
        if first.text.len() > 1 && !first.text.contains('.') {
            return Some((first.text.to_ascii_lowercase(), j));
        }
        let mut letters = String::new();
        let mut k = j;
        let mut last = j;
        while let Some(w) = self.tok(k).filter(|w| w.is(Kind::Word)) {
            let part: String = w.text.chars().filter(|c| *c != '.').collect();
            if part.chars().count() != 1 && !w.text.contains('.') {
                break;
            }
            letters.push_str(&part.to_ascii_lowercase());
            last = k;
            if w.text.ends_with('.') || !self.tok(k + 1).is_some_and(|d| d.is_punct(".")) {
                k += 1;
            } else {
                last = k + 1;
                k += 2;
            }
            if letters.len() >= 4 {
                break;
            }
        }
        (!letters.is_empty()).then_some((letters, last))
    }

    /// The "a.m."/"p.m." after index `i` (attached or after one space): its spoken form, index of
    /// its last token and end. "am" alone needs to be attached ("8am") unless it follows a clock
    /// time ("4:00 am"), since "I am" is not a time.
    fn meridiem_after(&self, i: usize, after_clock: bool) -> Option<(&'static str, usize, usize)> {
        let j = self.skip_space(i + 1);
        if j > i + 2 {
            return None;
        }
        let (letters, last) = self.dotted_letters(j)?;
        let spoken = match letters.as_str() {
            "am" => "A.M.",
            "pm" => "P.M.",
            "ampm" | "pmam" => return None,
            l if l.starts_with("am") || l.starts_with("pm") => {
                // "p.m.est": the letters run on into a zone; take the meridiem's tokens only.
                return self.meridiem_before_zone(j, &letters[..2]);
            }
            _ => return None,
        };
        let bare = !self.tokens[j].text.contains('.') && last == j;
        if j > i + 1 && bare && letters == "am" && !after_clock {
            return None;
        }
        let mut last = last;
        // "a.m" with its dot apart takes the dot, unless it ends the sentence and stays the stop.
        let dot_taken = self.tokens[last].text.ends_with('.') || self.tokens[last].is_punct(".");
        if !dot_taken
            && self.tok(last + 1).is_some_and(|d| d.is_punct("."))
            && !self.at_end(last + 2)
        {
            last += 1;
        }
        Some((spoken, last, self.tokens[last].range.end))
    }

    /// "p.m.est": the "p", ".", "m", "." tokens before the zone's letters.
    fn meridiem_before_zone(
        &self,
        j: usize,
        meridiem: &str,
    ) -> Option<(&'static str, usize, usize)> {
        let spoken = if meridiem == "am" { "A.M." } else { "P.M." };
        let mut k = j;
        let mut seen = 0;
        while seen < 2 {
            let w = self.tok(k).filter(|w| w.is(Kind::Word))?;
            seen += w.text.chars().filter(|c| c.is_alphabetic()).count();
            k += 1;
            if self.tok(k).is_some_and(|d| d.is_punct(".")) {
                k += 1;
            }
        }
        (seen == 2).then(|| (spoken, k - 1, self.tokens[k - 1].range.end))
    }

    /// A time zone after index `last` (attached or after one space): its letters and last token.
    fn time_zone_after(&self, last: usize) -> Option<(String, usize)> {
        let j = self.skip_space(last + 1);
        if j > last + 2 {
            return None;
        }
        let (letters, end) = self.dotted_letters(j)?;
        let upper = letters.to_ascii_uppercase();
        if !TIME_ZONES.contains(&upper.as_str()) {
            return None;
        }
        // Lower-case "et" or "est" are words unless dotted or right after a meridiem.
        let word = self.tokens[j].text;
        let capitals = word.chars().all(|c| !c.is_lowercase());
        (capitals || end > j || letters.len() >= 3).then(|| {
            let spelled: Vec<String> = upper.chars().map(|c| format!("{c}.")).collect();
            (spelled.concat(), end)
        })
    }

    /// A time said, then its zone, then "to" if a second time follows a dash ("2pm-5pm",
    /// "4:00 am - 8:12 pm"): the tokens used from `i`.
    fn say_time(&mut self, i: usize, mut spoken: String, mut last: usize) -> usize {
        if let Some((zone, end)) = self.time_zone_after(last) {
            spoken = format!("{spoken} {zone}");
            last = end;
        }
        let start = self.tokens[i].range.start;
        self.out.words(&spoken, start..self.tokens[last].range.end);
        let dash = self.skip_space(last + 1);
        let is_dash = self
            .tok(dash)
            .is_some_and(|d| d.is_punct("-") || d.is_punct("\u{2013}") || d.text == "to");
        let next = self.skip_space(dash + 1);
        let time_follows = self.number_at(next).is_some()
            && (self.tok(next + 1).is_some_and(|c| c.is_punct(":"))
                || self.meridiem_after(next, false).is_some());
        if is_dash && time_follows && self.tokens[dash].text != "to" {
            self.out.words("to", self.tokens[dash].range.clone());
            return dash + 1 - i;
        }
        last + 1 - i
    }

    /// "9:30", "9:30 a.m.", "14:00", "2:05:30" (a duration), "10:1" (a ratio).
    pub(super) fn clock(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        // "1.59 p.m.", "10.30pm": a dot for the colon, with a.m. or p.m. after it.
        if let Some((h, m)) = t.text.split_once('.') {
            let h: u64 = h.parse().ok().filter(|h| (1..=12).contains(h))?;
            let m: u64 = m.parse().ok().filter(|v| *v < 60 && m.len() == 2)?;
            let (said, last, _) = self.meridiem_after(i, true)?;
            let spoken = format!("{} {said}", clock_words(h, m, true));
            return Some(self.say_time(i, spoken, last));
        }
        if !self.tok(i + 1).is_some_and(|c| c.is_punct(":")) {
            return None;
        }
        let minutes = self.number_at(i + 2)?.clone();
        let h: u64 = t.text.parse().ok()?;
        if minutes.text.len() != 2 {
            // "a 10:1 ratio"
            let m: u64 = minutes.text.parse().ok()?;
            self.out.words(
                &format!("{} to {}", cardinal(h), cardinal(m)),
                t.range.start..minutes.range.end,
            );
            return Some(3);
        }
        let m: u64 = minutes.text.parse().ok()?;
        if m >= 60 {
            return None;
        }
        // "2:05:30": hours, minutes and seconds.
        if self.tok(i + 3).is_some_and(|c| c.is_punct(":")) {
            let seconds = self.number_at(i + 4)?.clone();
            let s: u64 = seconds.text.parse().ok().filter(|s| *s < 60)?;
            let part = |n: u64, one: &str| {
                format!("{} {one}{}", cardinal(n), if n == 1 { "" } else { "s" })
            };
            // "10:30:15 a.m." is a time of day, not a duration: "ten thirty and fifteen
            // seconds A.M."; "10:00:00 p.m." "ten P.M.".
            let meridiem = self
                .meridiem_after(i + 4, true)
                .filter(|_| (1..=12).contains(&h));
            if let Some((said, last, _)) = meridiem {
                let clock = clock_words(h, m, true);
                let spoken = match s {
                    0 => format!("{clock} {said}"),
                    _ => format!("{clock} and {} {said}", part(s, "second")),
                };
                return Some(self.say_time(i, spoken, last));
            }
            let spoken = format!(
                "{}, {} and {}",
                part(h, "hour"),
                part(m, "minute"),
                part(s, "second")
            );
            return Some(self.say_time(i, spoken, i + 4));
        }
        if h >= 24 {
            return None;
        }
        let meridiem = self.meridiem_after(i + 2, true);
        let mut spoken = clock_words(h, m, meridiem.is_some());
        let mut last = i + 2;
        if let Some((said, j, _)) = meridiem {
            spoken = format!("{spoken} {said}");
            last = j;
        }
        Some(self.say_time(i, spoken, last))
    }

    /// "9 a.m.", "3pm", "8am".
    pub(super) fn hour_of_day(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let h: u64 = t.text.parse().ok().filter(|h| (1..=12).contains(h))?;
        let (said, j, _) = self.meridiem_after(i, false)?;
        Some(self.say_time(i, format!("{} {said}", cardinal(h)), j))
    }
}

/// Hours and minutes as said: "nine thirty", "nine oh five", "nine o'clock", "fourteen hundred";
/// on the hour with a.m. or p.m. just the hour.
fn clock_words(h: u64, m: u64, meridiem: bool) -> String {
    let hour = cardinal(h);
    match m {
        0 if meridiem => hour,
        0 if h > 12 => format!("{hour} hundred"),
        0 => format!("{hour} o'clock"),
        1..=9 => format!("{hour} oh {}", cardinal(m)),
        _ => format!("{hour} {}", cardinal(m)),
    }
}
