//! United States states in news copy: party-and-state tags ("Sen. Maria Lopez, D-Calif., said"
//! -> "Senator Maria Lopez, Democrat of California, said") and a city's state ("Fresno, Calif.,
//! police said" -> "Fresno, California, police said").
//!
//! A tag needs its frame: a comma or bracket before, a party letter and a hyphen, a state, and a
//! comma, bracket or the end after. A state after a city needs a capitalized word and a comma
//! before it; an abbreviation that is also a word ("Pa.", "Mass.", "Mo.") ending a sentence is a
//! state only when the city does not open the sentence: "St. Louis, Mo." is Missouri, and
//! "Goodnight, Pa." stays a goodnight to Pa.

use super::{starts_upper, Kind, Reader};
use crate::normalize::tables::abbreviations::binds_forward;
use crate::normalize::tables::states::{by_abbreviation, by_postal_or_name, party, State};

/// A state written at a token, and how many tokens it takes.
struct Written {
    state: &'static State,
    used: usize,
    /// Written as an AP abbreviation, whose last dot may also end the sentence.
    abbreviated: bool,
}

impl Reader<'_, '_> {
    /// "D-Calif.", "(R-Texas)", "I-Vt.", "D-NY": a party and a state between commas or brackets.
    pub(super) fn party_tag(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let party = party(t.text)?;
        let framed_before = self
            .previous(i)
            .is_some_and(|p| p.is_punct(",") || p.is_punct("("));
        if !framed_before || !self.tok(i + 1)?.is_punct("-") {
            return None;
        }
        let written = self
            .abbreviated_state(i + 2)
            .or_else(|| self.state_written_out(i + 2))?;
        let after = i + 2 + written.used;
        let framed_after = self.at_end(after)
            || self
                .tok(after)
                .is_some_and(|n| [",", ")", ";", ".", ":"].iter().any(|p| n.is_punct(p)))
            || (written.abbreviated && self.word_follows(after));
        if !framed_after {
            return None;
        }
        let end = self.tokens[after - 1].range.end;
        let spoken = format!("{party} of {}", written.state.name);
        self.out.words(&spoken, t.range.start..end);
        self.sentence_end_after(&written, after);
        Some(after - i)
    }

    /// "Fresno, Calif.": a state's abbreviation after a city and a comma.
    pub(super) fn state_after_city(&mut self, i: usize) -> Option<usize> {
        let written = self
            .abbreviated_state(i)
            .or_else(|| self.postal_state_in_address(i))?;
        let comma = self.previous_index(i)?;
        if !self.tokens[comma].is_punct(",") {
            return None;
        }
        let city = self.previous_word(comma)?;
        if !starts_upper(city.text) {
            return None;
        }
        let after = i + written.used;
        let framed_after = self
            .tok(after)
            .is_some_and(|n| [",", ")", ";", ":"].iter().any(|p| n.is_punct(p)))
            || self.skip_space(after) > after
                && self
                    .tok(self.skip_space(after))
                    .is_some_and(|d| d.is_punct("\u{2014}") || d.is_punct("\u{2013}"));
        let ends_sentence = self.at_end(after) || self.word_follows(after);
        let zip_follows = self.tok(after).is_some_and(|s| s.text == " ")
            && self
                .number_at(after + 1)
                .is_some_and(|n| n.text.len() == 5 && n.text.bytes().all(|b| b.is_ascii_digit()));
        // "Goodnight, Pa." opens its sentence with the word before the comma; "St. Louis, Mo."
        // does not.
        let city_opens_sentence = match self.previous_index(self.previous_word_index(comma)?) {
            None => true,
            Some(k) if self.tokens[k].is_punct(".") => {
                !self.previous_word(k).is_some_and(|w| binds_forward(w.text))
            }
            Some(k) => self.tokens[k].is_punct("!") || self.tokens[k].is_punct("?"),
        };
        let plain_word_ok = !written.state.plain_word() || !city_opens_sentence;
        if !(framed_after || zip_follows || (ends_sentence && plain_word_ok)) {
            return None;
        }
        let range = self.tokens[i].range.start..self.tokens[after - 1].range.end;
        self.out.words(written.state.name, range);
        self.sentence_end_after(&written, after);
        Some(written.used)
    }

    /// "Calif." (a word and a dot), "N.Y." (one dotted token) or "W.Va." (word, dot, word, dot).
    fn abbreviated_state(&self, i: usize) -> Option<Written> {
        let t = self.tok(i).filter(|t| t.is(Kind::Word))?;
        let found = |state, used| {
            Some(Written {
                state,
                used,
                abbreviated: true,
            })
        };
        if let Some(stem) = t.text.strip_suffix('.') {
            return found(by_abbreviation(stem)?, 1);
        }
        if !self.tok(i + 1)?.is_punct(".") {
            return None;
        }
        if let Some(state) = by_abbreviation(t.text) {
            return found(state, 2);
        }
        // "W.Va.": the tokenizer leaves "W", ".", "Va", ".".
        let second = self.tok(i + 2).filter(|n| n.is(Kind::Word))?;
        if !self.tok(i + 3)?.is_punct(".") {
            return None;
        }
        found(by_abbreviation(&format!("{}.{}", t.text, second.text))?, 4)
    }

    /// "CA 95051", "FL, 95051", or "NY" ending a line that holds a street address: a postal
    /// code in an address.
    fn postal_state_in_address(&self, i: usize) -> Option<Written> {
        self.tok(i)
            .filter(|t| t.text.len() == 2 && t.text.chars().all(|c| c.is_ascii_uppercase()))?;
        let mut z = i + 1;
        if self.tok(z).is_some_and(|c| c.is_punct(",")) {
            z += 1;
        }
        let zip_at = self.skip_space(z);
        let zip = zip_at > z
            && self
                .number_at(zip_at)
                .is_some_and(|n| n.text.len() == 5 && n.text.bytes().all(|b| b.is_ascii_digit()));
        let ends_address = self.had_address && self.at_end(i + 1);
        if !(zip || ends_address) {
            return None;
        }
        self.state_written_out(i)
    }

    /// "Texas", "Maine", "CA": a name AP writes out, or a postal code (only inside a tag).
    fn state_written_out(&self, i: usize) -> Option<Written> {
        let t = self.tok(i).filter(|t| t.is(Kind::Word))?;
        Some(Written {
            state: by_postal_or_name(t.text)?,
            used: 1,
            abbreviated: false,
        })
    }

    /// A space and then a capitalized word: the abbreviation's dot ended the sentence.
    fn word_follows(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|s| s.is(Kind::Space))
            && self
                .tok(i + 1)
                .is_some_and(|w| w.is(Kind::Word) && starts_upper(w.text))
    }

    /// The sentence ends with the abbreviation's dot: keep the full stop.
    fn sentence_end_after(&mut self, written: &Written, after: usize) {
        if written.abbreviated && (self.at_end(after) || self.word_follows(after)) {
            self.out.punct('.');
        }
    }
}
