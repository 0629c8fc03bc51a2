//! The readers: the left-to-right reading of tokens. Each reader recognises one class of written
//! text at a token, in the context of its neighbours, says it, and reports how many tokens it
//! used; which is asked first is listed in [`precedence`].
//!
//! This file holds the reader itself and the reading of plain words; each class has its own
//! file: [`numbers`] (cardinals, ordinals, fractions, ranges, scores, years and decades),
//! [`money`], [`dates`], [`times`], [`units`], [`codes`] (phone numbers, ZIP codes, model and
//! version numbers), [`roman`], [`links`] (addresses, hashtags), [`states`] (party tags, a
//! city's state) and [`symbols`] (punctuation and signs, read by the character).

mod addresses;
mod codes;
mod datelines;
mod dates;
mod links;
mod money;
mod numbers;
mod precedence;
mod roman;
mod states;
mod symbols;
mod times;
mod units;

use super::lexicon::Say;
use super::spoken::Builder;
use super::tables::abbreviations::{expand, expand_dotted, needs_number};
use super::tables::described::not_described;
use super::tables::initialisms::{dotted, is_known, read_capitals, Reading};
use super::tokens::{is_apostrophe, tokenize, Kind, Token};
use super::{Normalizer, Spoken};
use crate::model::phonemes::mark;

pub fn read(settings: &Normalizer, written: &str) -> Spoken {
    let tokens = tokenize(written);
    let mut reader = Reader {
        settings,
        text: written,
        shouting: is_shouting(&tokens),
        tokens: &tokens,
        out: Builder::default(),
        street_type_at: None,
        had_address: false,
        dateline: None,
    };
    let mut i = 0;
    while i < tokens.len() {
        i += reader.step(i).max(1);
    }
    reader.out.finish()
}

struct Reader<'t, 'a> {
    settings: &'t Normalizer,
    /// The written text the tokens are ranges of.
    text: &'a str,
    tokens: &'t [Token<'a>],
    out: Builder,
    /// The line is written in capitals (a headline): its words are words, not initialisms.
    shouting: bool,
    /// The token that ends the street address a house number started ("St" in "1428 Elm St").
    street_type_at: Option<usize>,
    /// The dateline that opens the text, if any.
    dateline: Option<datelines::Dateline>,
    /// A street address has been read in this text, so "City, NY" at its end is a state.
    had_address: bool,
}

/// Three or more words in capitals and hardly any in lower case.
fn is_shouting(tokens: &[Token]) -> bool {
    let words = tokens
        .iter()
        .filter(|t| t.is(Kind::Word) && t.text.len() >= 2);
    let (mut capitals, mut lower) = (0, 0);
    for w in words {
        if w.text.chars().all(|c| !c.is_lowercase()) {
            capitals += 1;
        } else {
            lower += 1;
        }
    }
    capitals >= 3 && lower * 4 <= capitals
}

impl<'a> Reader<'_, 'a> {
    fn tok(&self, i: usize) -> Option<&Token<'a>> {
        self.tokens.get(i)
    }

    /// Index of the next non-space token at or after `i`.
    fn skip_space(&self, i: usize) -> usize {
        let mut j = i;
        while self.tok(j).is_some_and(|t| t.is(Kind::Space)) {
            j += 1;
        }
        j
    }

    /// The token before `i`, skipping spaces.
    fn previous(&self, i: usize) -> Option<&Token<'a>> {
        self.tokens[..i.min(self.tokens.len())]
            .iter()
            .rev()
            .find(|t| !t.is(Kind::Space))
    }

    /// The previous word token before `i` (skipping spaces), if any.
    fn previous_word(&self, i: usize) -> Option<&Token<'a>> {
        self.previous(i).filter(|t| t.is(Kind::Word))
    }

    /// The index of the token before `i`, skipping spaces.
    fn previous_index(&self, i: usize) -> Option<usize> {
        self.tokens[..i.min(self.tokens.len())]
            .iter()
            .rposition(|t| !t.is(Kind::Space))
    }

    /// The index of the previous word token before `i` (skipping spaces), if any.
    fn previous_word_index(&self, i: usize) -> Option<usize> {
        let j = self.previous_index(i)?;
        self.tokens[j].is(Kind::Word).then_some(j)
    }

    /// The word after `i` (skipping spaces) and its index.
    fn next_word(&self, i: usize) -> Option<(usize, &Token<'a>)> {
        let j = self.skip_space(i + 1);
        self.tok(j).filter(|t| t.is(Kind::Word)).map(|t| (j, t))
    }

    /// A proper fraction (said `fraction`) from token `first` to `last` and the noun of measure
    /// in the singular after it, said "of a" one ("3/4 mile" "three quarters of a mile", "1/2
    /// hour" "half an hour"): the words and the noun's index. Not after "a" or "an" ("a 1/2 mile
    /// walk" describes the walk).
    fn fraction_of_measure(
        &self,
        fraction: &str,
        first: usize,
        last: usize,
    ) -> Option<(String, usize)> {
        let (j, noun) = self.next_word(last)?;
        let article = super::tables::units::measure_noun(noun.text)?;
        let after_article = self
            .previous_word(first)
            .is_some_and(|w| matches!(w.text.to_lowercase().as_str(), "a" | "an"));
        let said = match fraction {
            "one half" => format!("half {article} {}", noun.text),
            _ => format!("{fraction} of {article} {}", noun.text),
        };
        (!after_article).then_some((said, j))
    }

    /// The amount or measure from token `first` to `last` describes the word after it, and so
    /// takes the singular ("a $500 fee", "the 5 km race"): that word is one of `nouns` in any
    /// case ("$48.7 Million Budget" in a headline), or a determiner comes before the amount and
    /// a lower-case word after it that is not one an amount is followed by ("the $5 in his hand").
    fn describes_next(&self, first: usize, last: usize, nouns: &[&str]) -> bool {
        let Some((_, next)) = self.next_word(last) else {
            return false;
        };
        let word = next.text.to_lowercase();
        if nouns.contains(&word.as_str()) {
            return true;
        }
        let determiner = self.previous_word(first).is_some_and(|w| {
            matches!(
                w.text.to_lowercase().as_str(),
                "a" | "an" | "the" | "its" | "his" | "her" | "their" | "our" | "this"
            )
        });
        determiner && next.text.chars().all(char::is_lowercase) && !not_described(&word)
    }

    /// The token from `from` on whose text ends at byte `end` of the written text, if a token
    /// ends there (a match found in the text, not the tokens, must end between tokens).
    fn token_ending_at(&self, from: usize, end: usize) -> Option<usize> {
        let last = (from..self.tokens.len()).find(|&j| self.tokens[j].range.end >= end)?;
        (self.tokens[last].range.end == end).then_some(last)
    }

    /// Whether token `i` is written onto a word before it, with no space ("ab9453", "A23").
    fn joined_to_word_before(&self, i: usize) -> bool {
        i > 0 && self.tokens[i - 1].is(Kind::Word)
    }

    fn number_at(&self, i: usize) -> Option<&Token<'a>> {
        self.tok(i).filter(|t| t.is(Kind::Number))
    }

    /// Nothing but spaces, quotes and brackets after `i`.
    fn at_end(&self, i: usize) -> bool {
        self.tokens[i.min(self.tokens.len())..]
            .iter()
            .all(|t| t.is(Kind::Space) || (t.is(Kind::Punct) && is_quote_or_bracket(t.text)))
    }

    fn step(&mut self, i: usize) -> usize {
        if !self.tokens[i].is(Kind::Space) && self.tokens[..i].iter().all(|t| t.is(Kind::Space)) {
            self.dateline(i);
        }
        if let Some(used) = self.dateline_dash(i).or_else(|| self.lexicon_entry(i)) {
            return used;
        }
        let t = self.tokens[i].clone();
        if matches!(t.kind, Kind::Word | Kind::Number)
            && t.text.chars().nth(super::MAX_TOKEN_CHARS).is_some()
        {
            // No word or number is that long: it is debris, and reading it would take minutes.
            self.out.skip(t.range);
            return 1;
        }
        match t.kind {
            Kind::Space => {
                self.out.space();
                1
            }
            Kind::Word => Reader::first_reading(self, precedence::word_readers(), i),
            Kind::Number => Reader::first_reading(self, precedence::number_readers(), i),
            Kind::Link => {
                self.link(&t);
                1
            }
            Kind::Punct => self.punct(i),
            Kind::Phonemes => self.say(t.text, &t),
        }
    }

    /// A lexicon entry for the written text starting at token `i`, whatever its tokens: words
    /// and phrases ("coup d'etat"), and entries with digits or signs ("3M", "AT&T", "@nytimes",
    /// "Sat."). Consulted before every reader, where a word may start.
    fn lexicon_entry(&mut self, i: usize) -> Option<usize> {
        let lexicon = self.settings.lexicon.clone();
        let t = &self.tokens[i];
        if lexicon.is_empty() || t.is(Kind::Space) {
            return None;
        }
        let at_word_start = self
            .tok(i.wrapping_sub(1))
            .is_none_or(|p| !(p.is(Kind::Word) || p.is(Kind::Number)));
        if !at_word_start {
            return None;
        }
        let source = &self.text[t.range.start..];
        // The entry's first word is a run of this text's tokens: try each run up to a space.
        let mut key = String::new();
        let mut best: Option<(usize, bool, &super::lexicon::Entry)> = None;
        for k in i..(i + 8).min(self.tokens.len()) {
            let token = &self.tokens[k];
            if token.is(Kind::Space) {
                break;
            }
            key.push_str(
                &token
                    .text
                    .to_lowercase()
                    .replace(['\u{2019}', '\u{2018}', '\u{2bc}'], "'"),
            );
            let stem = key.strip_suffix("'s").filter(|stem| !stem.is_empty());
            let entries = lexicon.starting_with(&key).iter();
            let stem_entries = stem.map_or(&[][..], |stem| lexicon.starting_with(stem));
            for entry in entries.chain(stem_entries) {
                if let Some((len, possessive)) = entry.matches_at(source) {
                    if best.is_none_or(|(l, _, _)| len > l) {
                        best = Some((len, possessive, entry));
                    }
                }
            }
        }
        let (len, possessive, entry) = best?;
        let end = t.range.start + len;
        // The match must end where a token does.
        let last = self.tokens[i..].iter().position(|x| x.range.end == end)? + i;
        let spoken = match (&entry.say, possessive) {
            (Say::Respelling(words), false) => respelled(words),
            (Say::Respelling(words), true) => format!("{}'s", respelled(words)),
            (Say::Ipa(ipa), false) => mark(ipa),
            (Say::Ipa(ipa), true) => mark(&format!("{ipa}z")),
        };
        self.out.words(&spoken, t.range.start..end);
        if entry.written.ends_with('.') && self.at_end(last + 1) {
            self.out.punct('.');
        }
        Some(last + 1 - i)
    }

    /// "NATO", "FBI", "WHO": capitals read as a word or as letters (not in a headline, where
    /// words are in capitals anyway, unless the initialism is known).
    fn capitals(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        if (self.shouting && !is_known(t.text)) || self.in_dateline_place(i) {
            return None;
        }
        match read_capitals(t.text)? {
            Reading::Letters(letters) => self.out.words(&letters, t.range),
            Reading::Word(word) => self.out.words(&word, t.range),
        }
        Some(1)
    }

    /// A word as it is written, cleaned for the voice (a headline's capitals made title case).
    fn plain_word(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let w = t.text;
        let mut plain = clean_word(w);
        if (self.shouting || self.in_dateline_place(i)) && w.chars().all(|c| !c.is_lowercase()) {
            plain = title_case(&plain);
        }
        if self.tok(i.wrapping_sub(1)).is_some_and(|p| p.is_punct("-"))
            && !self.out.ends_with_alphanumeric()
        {
            self.out.attached(&plain, t.range);
        } else {
            self.out.words(&plain, t.range);
        }
        Some(1)
    }

    /// "e.g.", "a.k.a.", "U.S.": a known expansion, or letters to spell.
    fn dotted_word(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        if !t.text.contains('.') {
            return None;
        }
        let (stem, plural) = match t.text.strip_suffix("'s") {
            Some(stem) => (stem, true),
            None => (t.text, false),
        };
        // "e.g." and "E.g." are Latin; "I.E." in capitals is letters.
        let lower = stem.chars().any(char::is_lowercase);
        if let Some(expansion) = expand_dotted(&stem.to_lowercase()).filter(|_| !plural && lower) {
            self.out.words(expansion, t.range.clone());
        } else {
            let letters: String = stem.split('.').collect::<String>().to_uppercase();
            self.out.words(&dotted(&letters, plural), t.range.clone());
        }
        if self.at_end(i + 1) && !plural {
            self.out.punct('.');
        }
        Some(1)
    }

    /// "Dr.", "St.", "Lt.", "No. 5", "p. 12", "Roe v. Wade": a word and its dot.
    fn abbreviation(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        if !self.tok(i + 1).is_some_and(|n| n.is_punct(".")) {
            return None;
        }
        let after = self.skip_space(i + 2);
        let before_name = self
            .tok(after)
            .is_some_and(|n| n.is(Kind::Word) && starts_upper(n.text));
        let before_number = self.tok(after).is_some_and(|n| n.is(Kind::Number));
        // "Approx." and "Fig." opening a sentence are "approx." and "fig." capitalized.
        let lower = t.text.to_lowercase();
        let capitalized = expand(t.text, before_name).is_none() && capitalize(&lower) == t.text;
        let key = if capitalized { lower.as_str() } else { t.text };
        let expansion = expand(key, before_name)
            .filter(|_| !needs_number(key) || before_number)
            .filter(|_| !super::tables::abbreviations::is_weekday(key))?;
        let expansion = if capitalized {
            capitalize(expansion)
        } else {
            expansion.to_string()
        };
        self.out.words(&expansion, t.range.start..t.range.end + 1);
        if self.at_end(i + 2) {
            self.out.punct('.');
        }
        Some(2)
    }

    /// "PhD" and "Ph.D." (which the tokenizer leaves as "Ph", ".", "D", ".").
    fn doctorate(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        if t.text == "PhD" {
            self.out.words("P.H.D.", t.range);
            return Some(1);
        }
        let dotted = t.text == "Ph"
            && self.tok(i + 1)?.is_punct(".")
            && self.tok(i + 2)?.text == "D"
            && self.tok(i + 3)?.is_punct(".");
        if !dotted {
            return None;
        }
        self.out
            .words("P.H.D.", t.range.start..self.tokens[i + 3].range.end);
        if self.at_end(i + 4) {
            self.out.punct('.');
        }
        Some(4)
    }

    /// "y/y", "y/o/y", "YoY", "q/q", "m/m": year over year, quarter over quarter, month over
    /// month.
    fn period_over_period(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let period = |letter: &str| match letter {
            "y" | "Y" => Some("year"),
            "q" | "Q" => Some("quarter"),
            "m" | "M" => Some("month"),
            _ => None,
        };
        let (word, used) = match t.text {
            "YoY" | "yoy" => ("year", 1),
            "QoQ" | "qoq" => ("quarter", 1),
            _ => {
                let first = period(t.text)?;
                let slash = |k: usize| self.tok(k).is_some_and(|s| s.is_punct("/"));
                let letter = |k: usize| self.tok(k).map(|w| w.text);
                if slash(i + 1) && letter(i + 2).and_then(period) == Some(first) {
                    (first, 3)
                } else if slash(i + 1)
                    && matches!(letter(i + 2), Some("o" | "O"))
                    && slash(i + 3)
                    && letter(i + 4).and_then(period) == Some(first)
                {
                    (first, 5)
                } else {
                    return None;
                }
            }
        };
        let end = self.tokens[i + used - 1].range.end;
        self.out
            .words(&format!("{word} over {word}"), t.range.start..end);
        Some(used)
    }

    /// Words made by a rule (a link's site, a hashtag's words) with the lexicon applied to each,
    /// as it would be if they were written out.
    fn with_lexicon(&self, words: &str) -> String {
        words
            .split(' ')
            .map(|w| match self.settings.lexicon.find(&[w]) {
                Some((entry, 1, false)) if !entry.match_case => match &entry.say {
                    Say::Respelling(r) => r.clone(),
                    Say::Ipa(ipa) => mark(ipa),
                },
                _ => w.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn say(&mut self, words: &str, t: &Token<'a>) -> usize {
        self.out.words(words, t.range.clone());
        1
    }
}

/// A respelling as the voice should get it: a word written in capitals ("BRY") is a word to
/// say, not letters to spell, so it is given in lower case; dotted letters ("W.H.O.") stay.
fn respelled(words: &str) -> String {
    words
        .split(' ')
        .map(|w| {
            let capitals = w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| !c.is_lowercase())
                && !w.contains('.');
            if capitals {
                w.to_lowercase()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// A word as a voice should get it: straight apostrophes, no soft hyphens, ligatures ("ﬁ")
/// spelled out.
fn clean_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{ad}' => {}
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            c if is_apostrophe(c) => out.push('\''),
            c => out.push(c),
        }
    }
    out
}

/// "BAMAKO" -> "Bamako".
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .into_iter()
        .chain(chars.flat_map(char::to_lowercase))
        .collect()
}

/// "approximately" -> "Approximately".
fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .into_iter()
        .flat_map(char::to_uppercase)
        .chain(chars)
        .collect()
}

/// An ordinal suffix written on a number: "st", "nd", "rd", "th", in any case, also possessive
/// ("29th's": see [`is_possessive_suffix`]).
fn is_day_suffix(s: &str) -> bool {
    let s = possessive_stem(s).unwrap_or(s);
    matches!(s.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th")
}

/// Whether an ordinal suffix is possessive ("th's", "th’s"): the reading then ends in "'s".
fn is_possessive_suffix(s: &str) -> bool {
    possessive_stem(s).is_some()
}

fn possessive_stem(s: &str) -> Option<&str> {
    let stem = s.strip_suffix('s')?;
    let last = stem.chars().last()?;
    is_apostrophe(last).then(|| &stem[..stem.len() - last.len_utf8()])
}

/// A one-character token that is an apostrophe or single quote.
fn is_apostrophe_text(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(is_apostrophe) && chars.next().is_none()
}

fn is_quote_or_bracket(s: &str) -> bool {
    matches!(
        s,
        "\"" | "'" | "\u{201c}" | "\u{201d}" | "\u{2018}" | "\u{2019}" | ")" | "]" | "\u{bb}"
    )
}
