//! Sentence splitting of written text that survives abbreviations.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and brackets after it) when
//! white space follows and the next text starts with a capital, digit, quote or bracket. A dot does
//! not end a sentence after a title or other forward-binding abbreviation ("Lt. Colonel",
//! "Dr. Diallo", "No. 5"), after a month before a number ("Jan. 14"), after a single initial
//! ("J. Smith"), after "e.g." or "i.e.", or after a dotted initialism ("U.S.", "D.C.") unless the
//! next word is one that usually starts a sentence ("The", "It", "But", ...).

use crate::normalize::{abbreviations, dates};
use std::ops::Range;

/// Byte ranges of the sentences of `text`, trimmed, in order, covering every non-blank character.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        if !matches!(c, '.' | '!' | '?' | '\u{2026}') {
            k += 1;
            continue;
        }
        let mut end_k = k;
        while end_k + 1 < chars.len()
            && (matches!(chars[end_k + 1].1, '.' | '!' | '?' | '\u{2026}')
                || is_closer(chars[end_k + 1].1))
        {
            end_k += 1;
        }
        let end = chars[end_k].0 + chars[end_k].1.len_utf8();
        let next_k = end_k + 1;
        let followed_by_space = chars.get(next_k).is_some_and(|&(_, c)| c.is_whitespace());
        let next_start = chars[next_k.min(chars.len())..]
            .iter()
            .find(|(_, c)| !c.is_whitespace());
        let next_ok = next_start
            .is_some_and(|&(_, c)| c.is_uppercase() || c.is_ascii_digit() || is_opener(c));
        if followed_by_space
            && next_ok
            && !is_abbreviation_dot(text, at, c, next_start.map_or(end, |&(p, _)| p))
        {
            push_trimmed(&mut sentences, text, start..end);
            start = end;
        }
        k = next_k;
    }
    push_trimmed(&mut sentences, text, start..text.len());
    sentences
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        out.push(range.start + lead..range.start + lead + trimmed.len());
    }
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '\u{bb}'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' | '[' | '\u{ab}'
    )
}

/// Words that usually begin a sentence, so a dotted initialism before them ends one.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "In",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "However",
    "Its",
    "There",
    "Their",
    "His",
    "Her",
    "Our",
    "Some",
    "Many",
    "Most",
    "Meanwhile",
    "Still",
    "Yet",
];

/// Is the mark at byte `at` the dot of an abbreviation rather than a sentence end?
fn is_abbreviation_dot(text: &str, at: usize, mark: char, next_at: usize) -> bool {
    if mark != '.' {
        return false;
    }
    let before = &text[..at];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '\u{201c}'))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    let next_word: &str = text[next_at..]
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let next_is_digit = text[next_at..].starts_with(|c: char| c.is_ascii_digit());
    if abbreviations::binds_forward(word) {
        return true;
    }
    if dates::is_abbreviated_month(word) && next_is_digit {
        return true;
    }
    let lower = word.to_lowercase();
    if lower == "e.g" || lower == "i.e" || lower == "cf" {
        return true;
    }
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    if single_initial {
        return true;
    }
    let dotted = word.contains('.') && word.split('.').all(|p| p.chars().count() == 1);
    if dotted {
        return !SENTENCE_STARTERS.contains(&next_word);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "It began on Jan. 14 in the U.S. capital. Lt. Colonel Diallo spoke in Washington, D.C. The end.";
        assert_eq!(
            sentences(text),
            [
                "It began on Jan. 14 in the U.S. capital.",
                "Lt. Colonel Diallo spoke in Washington, D.C.",
                "The end."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let text =
            "He said, \u{201c}Go now!\u{201d} \u{201c}Down with France!\u{201d} Then he left.";
        assert_eq!(
            sentences(text),
            [
                "He said, \u{201c}Go now!\u{201d}",
                "\u{201c}Down with France!\u{201d}",
                "Then he left."
            ]
        );
    }
}
