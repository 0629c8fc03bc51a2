//! Street addresses: "1428 Elm St.", "1420 N. Oak St.", "2788 San Tomas Expy", "708 N 1st St",
//! "Apt. 3B", "Ste. 200". The house number is read in pairs as people say it ("fourteen
//! twenty-eight"), a compass point in full ("North"), the street type in full ("Street"), and a
//! street type's dot that ends the sentence ends it.

use super::{Kind, Reader};
use crate::normalize::number_words::{cardinal, digits, paired};
use crate::normalize::tables::streets::{compass_point, street_type, unit_in_building};

/// At most this many words name the street ("Martin Luther King Jr").
const MAX_NAME_WORDS: usize = 4;

impl Reader<'_, '_> {
    /// A house number starting a street address; the street type it ends with is remembered so
    /// that [`Reader::street_type_word`] says it when the reading gets there.
    pub(super) fn house_number(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        if t.text.len() > 6
            || !t.text.bytes().all(|b| b.is_ascii_digit())
            || t.text.starts_with('0')
        {
            return None;
        }
        if self.tok(i + 1).is_none_or(|s| s.text != " ") {
            return None;
        }
        let mut k = i + 2;
        let mut compass = None;
        if let Some(point) = self.tok(k).and_then(|w| compass_point(w.text)) {
            let dotted = self.tok(k + 1).is_some_and(|d| d.is_punct("."));
            let after = k + 1 + usize::from(dotted);
            if self.tok(after).is_some_and(|s| s.text == " ") {
                compass = Some((point, k, after - 1));
                k = after + 1;
            }
        }
        let mut names = 0;
        let street = loop {
            let w = self.tok(k)?;
            let ordinal_name = w.is(Kind::Number)
                && self
                    .tok(k + 1)
                    .is_some_and(|s| super::is_day_suffix(s.text));
            let name_word = w.is(Kind::Word) && w.text.starts_with(char::is_uppercase);
            let end_of_word = if ordinal_name { k + 1 } else { k };
            if names > 0 && w.is(Kind::Word) && street_type(w.text).is_some() {
                let next = self.tok(k + 1);
                let word_ends = next.is_none_or(|n| !n.is(Kind::Word) && !n.is(Kind::Number));
                if word_ends {
                    break k;
                }
            }
            if !(ordinal_name || name_word) || names == MAX_NAME_WORDS {
                return None;
            }
            names += 1;
            if self.tok(end_of_word + 1).is_none_or(|s| s.text != " ") {
                return None;
            }
            k = end_of_word + 2;
        };
        self.street_type_at = Some(street);
        self.had_address = true;
        let number = match t.text.len() {
            3 | 4 => paired(t.text)?,
            1 | 2 => cardinal(t.text.parse().ok()?),
            _ => digits(t.text),
        };
        self.out.words(&number, t.range.clone());
        match compass {
            Some((point, at, last)) => {
                self.out.space();
                self.out.words(
                    point,
                    self.tokens[at].range.start..self.tokens[last].range.end,
                );
                Some(last + 1 - i)
            }
            None => Some(1),
        }
    }

    /// The street type of the address a house number started: "St." "Street".
    pub(super) fn street_type_word(&mut self, i: usize) -> Option<usize> {
        if self.street_type_at != Some(i) {
            return None;
        }
        self.street_type_at = None;
        let t = self.tokens[i].clone();
        let said = street_type(t.text)?;
        let dotted = self.tok(i + 1).is_some_and(|d| d.is_punct("."));
        let end = if dotted { t.range.end + 1 } else { t.range.end };
        self.out.words(said, t.range.start..end);
        if dotted {
            // "1428 Elm St. It was": the dot also ends the sentence.
            let after = self.skip_space(i + 2);
            let sentence_goes_on = self
                .tok(after)
                .is_some_and(|n| n.is(Kind::Word) && n.text.starts_with(char::is_uppercase));
            if self.at_end(i + 2) || sentence_goes_on {
                self.out.punct('.');
            }
        }
        Some(1 + usize::from(dotted))
    }

    /// "Apt. 3B", "Ste 200", "apt 4": the unit inside a building.
    pub(super) fn unit_in_building(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let said = unit_in_building(t.text)?;
        let dotted = self.tok(i + 1).is_some_and(|d| d.is_punct("."));
        let after = self.skip_space(i + 1 + usize::from(dotted));
        if after == i + 1 + usize::from(dotted)
            || !self.tok(after).is_some_and(|n| n.is(Kind::Number))
        {
            return None;
        }
        let end = if dotted { t.range.end + 1 } else { t.range.end };
        self.out.words(said, t.range.start..end);
        Some(1 + usize::from(dotted))
    }
}
