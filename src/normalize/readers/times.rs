//! Times of day and clock durations: "9:30 a.m.", "3pm", "14:00 GMT", "2:05:30", and ratios
//! written like times ("10:1").

use super::{Kind, Reader};
use crate::normalize::number_words::cardinal;

/// "a.m.", "am", "PM" and friends, as spoken.
fn meridiem(word: &str) -> Option<&'static str> {
    match word.to_lowercase().as_str() {
        "a.m." | "am" | "a.m" => Some("A.M."),
        "p.m." | "pm" | "p.m" => Some("P.M."),
        _ => None,
    }
}

impl Reader<'_, '_> {
    /// The "a.m."/"p.m." after index `i` (attached or after one space): its spoken form, index and
    /// end. "am" alone needs to be attached ("8am"), since "I am" is not a time.
    fn meridiem_after(&self, i: usize) -> Option<(&'static str, usize, usize)> {
        let j = self.skip_space(i + 1);
        let w = self.tok(j).filter(|w| w.is(Kind::Word))?;
        let spoken = meridiem(w.text)?;
        let attached = j == i + 1;
        if !attached && w.text.eq_ignore_ascii_case("am") {
            return None;
        }
        Some((spoken, j, w.range.end))
    }

    /// "9:30", "9:30 a.m.", "14:00", "2:05:30" (a duration), "10:1" (a ratio).
    pub(super) fn clock(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
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
            let spoken = format!(
                "{}, {} and {}",
                part(h, "hour"),
                part(m, "minute"),
                part(s, "second")
            );
            self.out.words(&spoken, t.range.start..seconds.range.end);
            return Some(5);
        }
        if h >= 24 {
            return None;
        }
        let meridiem = self.meridiem_after(i + 2);
        let hour = cardinal(h);
        let mut spoken = match (m, meridiem) {
            (0, Some(_)) => hour,
            (0, None) if h > 12 => format!("{hour} hundred"),
            (0, None) => format!("{hour} o'clock"),
            (1..=9, _) => format!("{hour} oh {}", cardinal(m)),
            _ => format!("{hour} {}", cardinal(m)),
        };
        let mut end = minutes.range.end;
        let mut used = 3;
        if let Some((said, j, until)) = meridiem {
            spoken = format!("{spoken} {said}");
            end = until;
            used = j + 1 - i;
        }
        self.out.words(&spoken, t.range.start..end);
        Some(used)
    }

    /// "9 a.m.", "3pm", "8am".
    pub(super) fn hour_of_day(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let h: u64 = t.text.parse().ok().filter(|h| (1..=12).contains(h))?;
        let (said, j, end) = self.meridiem_after(i)?;
        self.out
            .words(&format!("{} {said}", cardinal(h)), t.range.start..end);
        Some(j + 1 - i)
    }
}
