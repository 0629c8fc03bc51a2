//! Measures: a number and its unit ("5 km", "10kg", "120 mph", "3 sq. miles", "30°C", "80 km/h").
//! One takes the singular ("1 km"), as does a unit used as an adjective ("a 6-ft wall" "a six-foot
//! wall", "a 5 km race", "the 5 km race").

use super::{Kind, Reader};
use crate::normalize::number_words::read_number;
use crate::normalize::tables::units::{find, per, scale};

/// Units written out that "sq." may stand before: "3 sq. miles".
const SPELLED_AREAS: &[&str] = &[
    "mile",
    "miles",
    "foot",
    "feet",
    "yard",
    "yards",
    "inch",
    "inches",
    "meter",
    "meters",
    "metre",
    "metres",
    "kilometer",
    "kilometers",
    "kilometre",
    "kilometres",
];

impl Reader<'_, '_> {
    /// The unit after the number at `i`: its spoken name (singular when `one`), the index of its
    /// last token and the end of its written range.
    pub(super) fn unit_after(&self, i: usize, one: bool) -> Option<(String, usize, usize)> {
        let mut j = self.skip_space(i + 1);
        if j > i + 2 {
            return None;
        }
        let mut square = false;
        let mut cubic = false;
        if self.tok(j).is_some_and(|w| w.text == "sq") {
            square = true;
            j += 1;
            if self.tok(j).is_some_and(|d| d.is_punct(".")) {
                j += 1;
            }
            j = self.skip_space(j);
        }
        // "12/kg": a number per unit.
        if self.tok(j).is_some_and(|p| p.is_punct("/")) && j == i + 1 {
            let unit = self.tok(j + 1).filter(|w| w.is(Kind::Word))?;
            let rate = find(unit.text).map(|u| u.one)?;
            let joined_on = self
                .tok(j + 2)
                .is_some_and(|n| !n.is(Kind::Space) && !n.is(Kind::Punct));
            return (!joined_on).then(|| (format!("per {rate}"), j + 1, unit.range.end));
        }
        let word = self.tok(j).filter(|w| w.is(Kind::Word))?;
        let (mut name, mut last) = match find(word.text) {
            Some(unit) => (if one { unit.one } else { unit.many }.to_string(), j),
            // "3 sq. miles": a spelled-out unit after "sq."
            None if square && SPELLED_AREAS.contains(&word.text) => (word.text.to_string(), j),
            None => return None,
        };
        // "50m2": square meters written without the superscript. A unit written onto any other
        // number is part of a code ("0t25d12").
        if let Some(power) = self.tok(j + 1).filter(|n| n.is(Kind::Number)) {
            let ends = self
                .tok(j + 2)
                .is_none_or(|n| !n.is(Kind::Word) && !n.is(Kind::Number));
            match power.text {
                "2" if ends => square = true,
                "3" if ends => cubic = true,
                _ => return None,
            }
            last = j + 1;
        } else if self.tok(j + 1).is_some_and(|p| p.is_punct("/")) {
            if let Some(rate) = self.tok(j + 2).and_then(|w| per(w.text)) {
                name = format!("{name} per {rate}");
                last = j + 2;
            }
        } else if self.tok(j + 1).is_some_and(|p| p.is_punct("\u{b2}")) {
            square = true;
            last = j + 1;
        } else if self.tok(j + 1).is_some_and(|p| p.is_punct("\u{b3}")) {
            cubic = true;
            last = j + 1;
        }
        if square {
            name = format!("square {name}");
        } else if cubic {
            name = format!("cubic {name}");
        }
        Some((name, last, self.tokens[last].range.end))
    }

    /// A number and its unit, or a number and degrees.
    pub(super) fn measure(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        // "B2A23C": a number written onto letters is part of a code, and so is what follows it.
        if self.joined_to_word_before(i) {
            return None;
        }
        let number = read_number(t.text)?;
        let attributive = self
            .previous_word(i)
            .is_some_and(|w| matches!(w.text.to_lowercase().as_str(), "a" | "an"));
        let one = number == "one" || attributive;
        if let Some(used) = self.degrees(i, &number, attributive) {
            return Some(used);
        }
        // "a 6-ft wall", "a 10-kg bag"
        if self.tok(i + 1).is_some_and(|d| d.is_punct("-")) {
            let (name, last, end) = self.unit_after(i + 1, true)?;
            if last != i + 2 {
                return None;
            }
            self.out
                .words(&format!("{number}-{name}"), t.range.start..end);
            return Some(last + 1 - i);
        }
        // "75F", "30C": a temperature without its degree sign.
        if let Some(letter) = self.tok(i + 1).filter(|w| matches!(w.text, "F" | "C")) {
            let ends = self
                .tok(i + 2)
                .is_none_or(|n| !n.is(Kind::Word) && !n.is(Kind::Number));
            if ends && t.text.len() <= 3 {
                let name = if number == "one" { "degree" } else { "degrees" };
                let scale_name = scale(letter.text)?;
                self.out.words(
                    &format!("{number} {name} {scale_name}"),
                    t.range.start..letter.range.end,
                );
                return Some(2);
            }
        }
        // "100 million kg": a scale word between the number and its unit.
        let scale_at = self.skip_space(i + 1);
        if let Some(scale) = self
            .tok(scale_at)
            .filter(|w| scale_at == i + 2 && matches!(w.text, "thousand" | "million" | "billion"))
        {
            let scale = scale.text;
            let (name, last, end) = self.unit_after(scale_at, false)?;
            self.out
                .words(&format!("{number} {scale} {name}"), t.range.start..end);
            return Some(last + 1 - i);
        }
        let (mut name, last, end) = self.unit_after(i, one)?;
        // "the 5 km race": a measure that describes a noun is singular, as after "a".
        if !one && self.describes_next(i, last, &[]) {
            name = self.unit_after(i, true)?.0;
        }
        // "5 ft 11 in": inches after feet ("in" alone is never a unit).
        let inches = matches!(name.as_str(), "feet" | "foot")
            .then(|| self.inches_after(last))
            .flatten();
        if let Some((inches, last, end)) = inches {
            self.out
                .words(&format!("{number} {name} {inches}"), t.range.start..end);
            return Some(last + 1 - i);
        }
        self.out
            .words(&format!("{number} {name}"), t.range.start..end);
        Some(last + 1 - i)
    }

    /// " 11 in" or " 11in." after a measure in feet: the inches, and the last token and end.
    fn inches_after(&self, last: usize) -> Option<(String, usize, usize)> {
        let n = self.skip_space(last + 1);
        let number = self.number_at(n).filter(|_| n == last + 2)?.clone();
        let unit = self.skip_space(n + 1);
        if unit > n + 2 || self.tok(unit).is_none_or(|w| w.text != "in") {
            return None;
        }
        let value = read_number(number.text)?;
        let name = if value == "one" { "inch" } else { "inches" };
        let mut last = unit;
        if self.tok(unit + 1).is_some_and(|d| d.is_punct("."))
            && self.tok(unit + 2).is_some_and(|s| s.is(Kind::Space))
            && self
                .tok(unit + 3)
                .is_some_and(|w| w.text.starts_with(char::is_lowercase))
        {
            last = unit + 1;
        }
        Some((format!("{value} {name}"), last, self.tokens[last].range.end))
    }

    /// "30°C", "20 °C", "-5°F", "30°", "a 45° angle".
    fn degrees(&mut self, i: usize, number: &str, attributive: bool) -> Option<usize> {
        let t = self.tokens[i].clone();
        let d = self.skip_space(i + 1);
        if d > i + 2 || !self.tok(d).is_some_and(|p| p.is_punct("\u{b0}")) {
            return None;
        }
        let letter = self.tok(d + 1).filter(|w| w.is(Kind::Word));
        let (name, last) = match letter.and_then(|w| scale(w.text)) {
            Some(s) if number == "one" => (format!("degree {s}"), d + 1),
            Some(s) => (format!("degrees {s}"), d + 1),
            None if attributive || number == "one" => ("degree".to_string(), d),
            None => ("degrees".to_string(), d),
        };
        let end = self.tokens[last].range.end;
        self.out
            .words(&format!("{number} {name}"), t.range.start..end);
        Some(last + 1 - i)
    }
}
