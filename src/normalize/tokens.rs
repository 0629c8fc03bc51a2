//! Splits written text into tokens: words, numbers, links, spaces and single punctuation marks.
//!
//! Dotted initialisms ("U.S.", "e.g.", "a.m.") are one word token with their dots; numbers keep
//! digit grouping ("16,000") and decimals ("3.5"); web addresses and e-mail addresses are one
//! link token. Everything else is one character per token.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    Link,
    Space,
    Punct,
    /// Phonemes already marked for the voice: `[[...]]`.
    Phonemes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    pub range: Range<usize>,
}

impl Token<'_> {
    pub fn is(&self, kind: Kind) -> bool {
        self.kind == kind
    }

    pub fn is_punct(&self, text: &str) -> bool {
        self.kind == Kind::Punct && self.text == text
    }
}

/// Apostrophes that may sit inside a word ("Mali's", "d'etat").
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}')
}

pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        let c = rest.chars().next().unwrap_or(' ');
        let (kind, len) = if let Some(len) = marked_phonemes_len(rest) {
            (Kind::Phonemes, len)
        } else if c.is_whitespace() {
            (
                Kind::Space,
                rest.find(|c: char| !c.is_whitespace())
                    .unwrap_or(rest.len()),
            )
        } else if let Some(len) = link_len(
            rest,
            text[..pos]
                .chars()
                .next_back()
                .is_none_or(|p| p.is_whitespace() || is_link_boundary(p)),
        ) {
            (Kind::Link, len)
        } else if c.is_ascii_digit() {
            (Kind::Number, number_len(rest))
        } else if c.is_alphabetic() {
            (
                Kind::Word,
                initialism_len(rest).unwrap_or_else(|| word_len(rest)),
            )
        } else {
            (Kind::Punct, c.len_utf8())
        };
        tokens.push(Token {
            kind,
            text: &rest[..len],
            range: pos..pos + len,
        });
        pos += len;
    }
    tokens
}

/// `[[...]]` at the start of `s` (IPA a lexicon put there), so spoken text reads back unchanged.
fn marked_phonemes_len(s: &str) -> Option<usize> {
    use crate::model::phonemes::{CLOSE, OPEN};
    let inner = s.strip_prefix(OPEN)?;
    let close = inner.find(CLOSE)?;
    Some(OPEN.len() + close + CLOSE.len())
}

/// Letters, with apostrophes and the combining marks that may sit between them. Looks only as
/// far as the word goes (and one character past an apostrophe), so a text of many words is
/// tokenized in time linear in its length.
fn word_len(s: &str) -> usize {
    let mut chars = s.char_indices().peekable();
    let mut end = 0;
    let mut first = true;
    while let Some((at, c)) = chars.next() {
        let inner_apostrophe =
            is_apostrophe(c) && !first && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic());
        // A soft hyphen inside a word (PDF debris) stays part of it; the reader drops it.
        let soft_hyphen = c == '\u{ad}' && !first;
        if c.is_alphabetic() || inner_apostrophe || soft_hyphen || (!first && is_combining(c)) {
            end = at + c.len_utf8();
        } else {
            break;
        }
        first = false;
    }
    end.max(s.chars().next().map_or(1, char::len_utf8))
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036f)
}

/// "U.S.", "D.C.", "e.g.": two or more single letters each followed by a dot.
fn initialism_len(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut letters = 0;
    while i + 1 < bytes.len() && bytes[i].is_ascii_alphabetic() && bytes[i + 1] == b'.' {
        letters += 1;
        i += 2;
    }
    let followed_by_letter = bytes.get(i).is_some_and(|b| b.is_ascii_alphabetic());
    if letters < 2 || followed_by_letter {
        return None;
    }
    // "N.G.O.'s": a plural written with an apostrophe stays part of the word.
    let plural = s[i..].starts_with("'s") && !s[i + 2..].starts_with(|c: char| c.is_alphanumeric());
    Some(if plural { i + 2 } else { i })
}

/// Digits with thousands separators ("16,000") and one decimal part ("3.5").
fn number_len(s: &str) -> usize {
    let b = s.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut end = digits(0);
    while end + 4 <= b.len() && b[end] == b',' && digits(end + 1) == 3 {
        end += 4;
    }
    if end + 1 < b.len() && b[end] == b'.' && b[end + 1].is_ascii_digit() {
        end += 1 + digits(end + 1);
    }
    end
}

const TOP_LEVEL_DOMAINS: &[&str] = &[
    "com", "org", "net", "edu", "gov", "io", "be", "ly", "co", "uk", "fr", "de", "info", "tv",
    "me", "ml", "ng", "za", "ke", "gh", "sn", "ca", "au", "us", "eu", "int", "news", "app", "dev",
];

/// Brackets and quotes, which may stand right before a link and end one.
fn is_link_boundary(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '<'
            | '>'
            | '"'
            | '\''
            | '\u{201c}'
            | '\u{201d}'
            | '\u{2018}'
            | '\u{2019}'
    )
}

/// The length of a web or e-mail address at the start of `s`, if there is one. A link starts
/// after white space or a bracket or quote (`at_word_start`) and ends before the next: so the
/// candidates looked at never overlap, and tokenizing stays linear whatever the text.
fn link_len(s: &str, at_word_start: bool) -> Option<usize> {
    if !at_word_start || !s.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let end = s
        .find(|c: char| c.is_whitespace() || is_link_boundary(c))
        .unwrap_or(s.len());
    let candidate = s[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '\u{2019}']);
    if candidate.is_empty() {
        return None;
    }
    let lower = candidate.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return Some(candidate.len());
    }
    if let Some((user, domain)) = lower.split_once('@') {
        let user_ok = user.starts_with(|c: char| c.is_ascii_alphanumeric())
            && user
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '+' | '-'));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels
                .iter()
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        let ok = user_ok && domain_ok;
        return ok.then_some(candidate.len());
    }
    let host = lower.split('/').next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    let tld_ok = labels.len() >= 2
        && labels
            .last()
            .is_some_and(|tld| TOP_LEVEL_DOMAINS.contains(tld))
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    let looks_like_host =
        tld_ok && (lower.contains('/') || labels.len() >= 3 || labels[0].len() > 1);
    // "U.S." and "e.g." are not hosts; neither is a sentence like "end.Next" with a capital.
    (looks_like_host
        && !candidate.contains("..")
        && labels[0]
            .chars()
            .all(|c| !c.is_uppercase() || lower.contains('/')))
    .then_some(candidate.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.kind, t.text))
            .collect()
    }

    #[test]
    fn dotted_initialisms_stay_one_token() {
        assert_eq!(kinds("U.S./NATO")[0], (Kind::Word, "U.S."));
        assert_eq!(kinds("D.C.;")[0], (Kind::Word, "D.C."));
    }

    #[test]
    fn grouped_and_decimal_numbers_stay_one_token() {
        assert_eq!(kinds("16,000 troops")[0], (Kind::Number, "16,000"));
        assert_eq!(kinds("3.5 million")[0], (Kind::Number, "3.5"));
        assert_eq!(kinds("2022, while")[0], (Kind::Number, "2022"));
    }

    #[test]
    fn a_bare_short_link_is_one_token() {
        assert_eq!(
            kinds("youtu.be/ztYixk N46E")[0],
            (Kind::Link, "youtu.be/ztYixk")
        );
        assert_eq!(
            kinds("see www.example.com.")[2],
            (Kind::Link, "www.example.com")
        );
        assert_eq!(kinds("Mali’s capital")[0], (Kind::Word, "Mali’s"));
    }
}
