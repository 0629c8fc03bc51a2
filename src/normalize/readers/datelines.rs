//! Datelines: the place in capitals that opens a news story, "WASHINGTON — The Senate...",
//! "NEW YORK (AP) — Stocks...", "BAMAKO, Mali — Troops...". The place is said as a name and
//! ends with a full stop ("Washington. The Senate..."); the dash goes; a wire service's tag in
//! brackets is left to the citation rules.

use super::{Kind, Reader};
use crate::normalize::tables::initialisms::is_known;

/// At most this many words name the place ("SALT LAKE CITY", "RIO DE JANEIRO").
const MAX_PLACE_WORDS: usize = 4;

impl Reader<'_, '_> {
    /// A dateline at the start of the text, at its first word: remembered, not said.
    pub(super) fn dateline(&mut self, i: usize) -> Option<()> {
        // The place: words in capitals, one space apart.
        let mut words = vec![i];
        let mut k = i + 1;
        while self.tok(k).is_some_and(|s| s.text == " ")
            && self.tok(k + 1).is_some_and(|w| is_capitals_word(w.text))
            && words.len() < MAX_PLACE_WORDS
        {
            words.push(k + 1);
            k += 2;
        }
        if !words.iter().all(|&w| is_capitals_word(self.tokens[w].text)) {
            return None;
        }
        let place_end = *words.last()?;
        // Then maybe ", Mali" or ", Calif." and "(AP)", then the dash.
        let mut j = place_end + 1;
        let mut region = None;
        if self.tok(j).is_some_and(|c| c.is_punct(",")) {
            let r = self.skip_space(j + 1);
            self.tok(r)
                .filter(|w| w.is(Kind::Word) && w.text.starts_with(char::is_uppercase))?;
            let dotted = self.tok(r + 1).is_some_and(|d| d.is_punct("."));
            region = Some(r);
            j = r + 1 + usize::from(dotted);
        }
        let mut tag = None;
        let after_place = self.skip_space(j);
        if self.tok(after_place).is_some_and(|b| b.is_punct("(")) {
            let close = (after_place + 1..(after_place + 6).min(self.tokens.len()))
                .find(|&c| self.tokens[c].is_punct(")"))?;
            tag = Some((after_place, close));
            j = close + 1;
        }
        let dash = self.skip_space(j);
        let dash_len = match self.tok(dash) {
            Some(d) if d.is_punct("\u{2014}") || d.is_punct("\u{2013}") => 1,
            Some(d) if d.is_punct("-") && self.tok(dash + 1).is_some_and(|n| n.is_punct("-")) => 2,
            Some(d) if d.is_punct("-") && dash > j => 1,
            _ => return None,
        };
        // A known initialism alone ("NATO — ...") is not a place.
        if words.len() == 1 && is_known(self.tokens[i].text) {
            return None;
        }
        let _ = (region, tag);
        // The place's words are read by the usual readers as names (not initialisms); the dash
        // becomes a full stop when the reading gets there.
        self.dateline = Some(Dateline {
            place_end,
            dash,
            dash_len,
        });
        Some(())
    }

    /// The dash that ends a dateline read by [`Reader::dateline`]: a full stop.
    pub(super) fn dateline_dash(&mut self, i: usize) -> Option<usize> {
        let dateline = self.dateline.filter(|d| d.dash == i)?;
        self.out.punct('.');
        Some(dateline.dash_len)
    }

    /// Token `i` is a word of the dateline's place.
    pub(super) fn in_dateline_place(&self, i: usize) -> bool {
        self.dateline.is_some_and(|d| i <= d.place_end)
    }
}

/// Where a dateline's place ends and its dash stands.
#[derive(Debug, Clone, Copy)]
pub(super) struct Dateline {
    place_end: usize,
    dash: usize,
    dash_len: usize,
}

fn is_capitals_word(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '\'' || c == '.')
        && !word.contains('.')
}
