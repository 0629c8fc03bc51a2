//! Punctuation and symbols: sentence marks pass through; dashes, brackets and ellipses become short
//! pauses and are never read; quotes are silent; "&", "+", "=", "@", "%", "°", "×", "~", "<", ">",
//! "±" are said; slashes read "and" between names ("U.S./NATO"), "or" between words; vulgar
//! fractions ("½") are said; footnote marks, trademark signs and emoji are dropped, and so are
//! markup tags left in the text (`<breathing/>`, `<pitch=-.3>`, `</singing>`): they were never
//! words.

use super::super::{CitationPolicy, LinkPolicy};
use super::{is_apostrophe_text, Kind, Reader, Token};
use crate::normalize::number_words::digits;
use crate::normalize::tables::months::month;

/// News agencies whose name alone in brackets is a citation: "(Reuters)", "(AFP)".
const AGENCIES: &[&str] = &[
    "AFP",
    "AP",
    "Reuters",
    "Bloomberg",
    "Xinhua",
    "TASS",
    "EFE",
    "DPA",
    "ANSA",
    "UPI",
    "AAP",
    "PTI",
    "IANS",
    "Kyodo",
    "Yonhap",
    "RFI",
    "APS",
    "MAP",
    "AA",
    "IPS",
    "CNA",
];

/// A bracket's contents that cite a source: an agency, or a name in capitals followed by a date
/// ("AFP Jan.15, 2022", "Reuters, March 3").
fn is_citation(inside: &[Token]) -> bool {
    let words: Vec<&Token> = inside.iter().filter(|t| !t.is(Kind::Space)).collect();
    let Some(first) = words.first().filter(|t| t.is(Kind::Word)) else {
        return false;
    };
    let agency = AGENCIES.contains(&first.text);
    if words.len() == 1 {
        return agency;
    }
    let capitals = first.text.len() >= 2 && first.text.chars().all(|c| c.is_ascii_uppercase());
    let dated = words[1..].iter().any(|t| month(t.text).is_some())
        || words[1..]
            .iter()
            .any(|t| t.is(Kind::Number) && t.text.len() == 4);
    (agency || capitals) && dated
}

/// "½" -> ("one half", "a half").
fn vulgar_fraction(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        '\u{bd}' => ("one half", "a half"),
        '\u{bc}' => ("one quarter", "a quarter"),
        '\u{be}' => ("three quarters", "three quarters"),
        '\u{2153}' => ("one third", "a third"),
        '\u{2154}' => ("two thirds", "two thirds"),
        '\u{215b}' => ("one eighth", "an eighth"),
        _ => return None,
    })
}

/// How many tokens after an opening bracket are searched for its closing one.
const BRACKET_REACH: usize = 64;

impl Reader<'_, '_> {
    /// A markup tag at token `i` (a `<`): `<name/>`, `<name>`, `</name>`, `<name=value>` or
    /// `<name key="value">`, in at most 200 bytes; it is skipped, and a space stands for it
    /// ("go<noise/>home" "go home"). "x < y and z > w" is not a tag: words in a tag are
    /// attributes, each with "=".
    fn markup_tag(&mut self, i: usize) -> Option<usize> {
        let start = self.tokens[i].range.start;
        let rest = &self.text[start..];
        let cut = (0..=rest.len().min(200))
            .rev()
            .find(|&n| rest.is_char_boundary(n))?;
        let len = markup_tag_len(&rest[..cut])?;
        let end = start + len;
        let last = self.token_ending_at(i, end)?;
        self.out.skip(start..end);
        self.out.space();
        Some(last + 1 - i)
    }

    pub(super) fn punct(&mut self, i: usize) -> usize {
        let t = self.tokens[i].clone();
        let c = t.text.chars().next().unwrap_or(' ');
        match c {
            '.' if self.tok(i + 1).is_some_and(|n| n.is_punct(".")) => {
                let run = self.tokens[i..]
                    .iter()
                    .take_while(|n| n.is_punct("."))
                    .count();
                self.out.pause();
                run
            }
            // ".5", "-.3": a decimal written without its zero.
            '.' if self.bare_decimal(i) => {
                let n = self.tokens[i + 1].clone();
                let spoken = format!("point {}", digits(n.text));
                self.out.words(&spoken, t.range.start..n.range.end);
                2
            }
            // "test.abc", "image.jpg": a dot between lower-case words written together is a
            // name's dot, never a full stop (a sentence has a space after its stop).
            '.' if self.dot_in_name(i) => self.say("dot", &t),
            '.' | ',' | ';' | ':' | '!' | '?' => {
                self.out.punct(c);
                1
            }
            '(' | '[' => self.opening_bracket(i, c),
            ')' | ']' | '\u{2014}' | '\u{2013}' | '\u{2026}' => {
                self.out.pause();
                1
            }
            '-' | '\u{2212}' => self.hyphen(i),
            '$' | '\u{a3}' | '\u{20ac}' | '\u{a5}' | '\u{20b9}' | '\u{20a9}' => self.money(i),
            '\u{a2}'
                if self
                    .tok(i.wrapping_sub(1))
                    .is_some_and(|n| n.is(Kind::Number)) =>
            {
                self.cents_sign(i)
            }
            '&' => self.say("and", &t),
            '+' => self
                .international_phone(i)
                .unwrap_or_else(|| self.say("plus", &t)),
            '=' => self.say("equals", &t),
            '@' => self.handle(i).unwrap_or_else(|| self.say("at", &t)),
            '%' => self.say("percent", &t),
            '\u{b0}' => self.say("degrees", &t),
            '\u{d7}' => self.say("times", &t),
            '~' | '\u{2248}' => self.say("about", &t),
            '<' => self
                .markup_tag(i)
                .unwrap_or_else(|| self.say("less than", &t)),
            '>' => self.say("more than", &t),
            '\u{b1}' => self.say("plus or minus", &t),
            '\u{a7}' => self.say("section", &t),
            '#' if self.tok(i + 1).is_some_and(|n| n.is(Kind::Number)) => self.say("number", &t),
            '#' => self.hashtag(i).unwrap_or(1),
            '/' => self.slash(i),
            _ if is_apostrophe_text(t.text) => self.apostrophe(i),
            _ => match vulgar_fraction(c) {
                Some((alone, after_whole)) => {
                    let after_number = self
                        .tok(i.wrapping_sub(1))
                        .is_some_and(|p| p.is(Kind::Number));
                    if after_number {
                        self.out.words(&format!("and {after_whole}"), t.range);
                    } else if let Some((said, noun)) = self.fraction_of_measure(alone, i, i) {
                        let end = self.tokens[noun].range.end;
                        self.out.words(&said, t.range.start..end);
                        return noun + 1 - i;
                    } else {
                        self.out.words(alone, t.range);
                    }
                    1
                }
                // Quotes, footnote marks, trademark signs, emoji: not read.
                None => 1,
            },
        }
    }

    /// A dot that starts a number: after a space, a bracket, a minus or the start of the text.
    fn dot_in_name(&self, i: usize) -> bool {
        let lower_word = |t: Option<&Token>| {
            t.is_some_and(|w| {
                w.is(Kind::Word)
                    && w.text.len() >= 2
                    && w.text.chars().all(|c| c.is_ascii_lowercase())
            })
        };
        i > 0 && lower_word(self.tok(i - 1)) && lower_word(self.tok(i + 1))
    }

    fn bare_decimal(&self, i: usize) -> bool {
        let starts = self.tok(i.wrapping_sub(1)).is_none_or(|p| {
            p.is(Kind::Space) || p.is_punct("-") || p.is_punct("(") || p.is_punct("=")
        });
        starts
            && self
                .number_at(i + 1)
                .is_some_and(|n| n.text.bytes().all(|b| b.is_ascii_digit()))
    }

    /// A bracket is a pause, a bracketed phone area code starts a number, and a bracket that holds
    /// only a link is a citation, skipped unless links are read in full.
    fn opening_bracket(&mut self, i: usize, c: char) -> usize {
        if let Some(used) = self.phone_in_brackets(i) {
            return used;
        }
        let close = if c == '(' { ")" } else { "]" };
        // Footnote marks, citations and bracketed links are short: looking no further than
        // BRACKET_REACH tokens for the closing bracket keeps a run of brackets linear.
        let reach = &self.tokens[i + 1..(i + 1 + BRACKET_REACH).min(self.tokens.len())];
        let inside = reach
            .iter()
            .position(|n| n.is_punct(close))
            .map(|len| &reach[..len]);
        if let Some(inside) = inside {
            // "[1]", "[12]": footnote markers.
            let footnote = c == '[' && inside.len() == 1 && inside[0].is(Kind::Number);
            let citation = self.settings.citations == CitationPolicy::Skip && is_citation(inside);
            if footnote || citation {
                return inside.len() + 2;
            }
        }
        if self.settings.links != LinkPolicy::Full {
            let first = self.skip_space(i + 1);
            if self.tok(first).is_some_and(|n| n.is(Kind::Link)) {
                if let Some(len) = inside.map(<[Token]>::len) {
                    return len + 2;
                }
            }
        }
        self.out.pause();
        1
    }

    /// "-5" is minus five; "Pan-African" and "mid-2021" keep their hyphen; " - " and "--" pause.
    fn hyphen(&mut self, i: usize) -> usize {
        let t = self.tokens[i].clone();
        let next = self.tok(i + 1);
        if next.is_some_and(|n| n.is_punct("-")) {
            self.out.pause();
            return 2;
        }
        let after_space = i == 0
            || self
                .tok(i - 1)
                .is_some_and(|p| p.is(Kind::Space) || p.is_punct("("));
        let after_word = i > 0 && self.tok(i - 1).is_some_and(|p| p.is(Kind::Word));
        if next.is_some_and(|n| n.is(Kind::Number)) && after_space {
            self.out.words("minus", t.range);
        } else if (next.is_some_and(|n| n.is(Kind::Word)) && !after_space)
            || (next.is_some_and(|n| n.is(Kind::Number)) && after_word)
        {
            self.out.punct('-');
        } else if next.is_some_and(|n| n.is(Kind::Space)) && after_space {
            self.out.pause();
        }
        1
    }

    /// "U.S./NATO" and, "his/her" or, "2/3" over; "and/or" just both words.
    fn slash(&mut self, i: usize) -> usize {
        let t = self.tokens[i].clone();
        let prev = self.tokens[..i].last();
        let next = self.tok(i + 1);
        if prev.is_some_and(|p| p.text == "and") && next.is_some_and(|n| n.text == "or") {
            return 1;
        }
        let capital = |t: Option<&super::Token>| {
            t.is_some_and(|t| t.text.chars().next().is_some_and(char::is_uppercase))
        };
        let numeric = |t: Option<&super::Token>| t.is_some_and(|t| t.is(Kind::Number));
        let word = if numeric(prev) && numeric(next) {
            "over"
        } else if capital(prev) || capital(next) {
            "and"
        } else {
            "or"
        };
        self.say(word, &t)
    }

    /// Quotes are silent, but "rock 'n' roll" keeps its "'n'" and "the workers' union" its
    /// possessive.
    fn apostrophe(&mut self, i: usize) -> usize {
        let after_plural = i > 0
            && self.tokens[i - 1].is(Kind::Word)
            && self.tokens[i - 1].text.ends_with('s')
            && self
                .tok(i + 1)
                .is_none_or(|n| n.is(Kind::Space) || n.is(Kind::Punct));
        if after_plural {
            self.out.attached("'", self.tokens[i].range.clone());
            return 1;
        }
        let n = self
            .tok(i + 1)
            .filter(|w| w.is(Kind::Word) && w.text == "n");
        let closing = self.tok(i + 2).is_some_and(|a| is_apostrophe_text(a.text));
        if let (Some(n), true) = (n, closing) {
            let start = self.tokens[i].range.start;
            let end = self.tokens[i + 2].range.end.max(n.range.end);
            self.out.words("'n'", start..end);
            return 3;
        }
        1
    }
}

/// The length of the markup tag `s` starts with, if it starts with one (see
/// [`Reader::markup_tag`]).
fn markup_tag_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let name_char = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b':');
    let mut at = 1;
    if b.get(at) == Some(&b'/') {
        at += 1;
    }
    if !b.get(at)?.is_ascii_alphabetic() {
        return None;
    }
    while b.get(at).is_some_and(|&c| name_char(c)) {
        at += 1;
    }
    let value = |at: &mut usize| -> Option<()> {
        match *b.get(*at)? {
            q @ (b'"' | b'\'') => {
                *at += 1 + s[*at + 1..].find(q as char)? + 1;
            }
            _ => {
                let from = *at;
                while b
                    .get(*at)
                    .is_some_and(|&c| !c.is_ascii_whitespace() && !matches!(c, b'<' | b'>' | b'/'))
                {
                    *at += 1;
                }
                if *at == from {
                    return None;
                }
            }
        }
        Some(())
    };
    if b.get(at) == Some(&b'=') {
        at += 1;
        value(&mut at)?;
    }
    loop {
        let spaced = at;
        while b.get(at).is_some_and(|c| c.is_ascii_whitespace()) {
            at += 1;
        }
        if at == spaced || !b.get(at)?.is_ascii_alphabetic() {
            at = spaced;
            break;
        }
        while b.get(at).is_some_and(|&c| name_char(c)) {
            at += 1;
        }
        if b.get(at) != Some(&b'=') {
            return None;
        }
        at += 1;
        value(&mut at)?;
    }
    while b.get(at).is_some_and(|c| c.is_ascii_whitespace()) {
        at += 1;
    }
    if b.get(at) == Some(&b'/') {
        at += 1;
    }
    (b.get(at) == Some(&b'>')).then_some(at + 1)
}
