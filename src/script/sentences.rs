//! Sentence splitting of written text that survives abbreviations.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and brackets after it) when
//! white space follows and the next text starts with a capital, digit, quote or bracket. A dot does
//! not end a sentence after a title or other forward-binding abbreviation ("Lt. Colonel",
//! "Dr. Diallo", "No. 5"), after a month before a number ("Jan. 14"), after a single initial
//! ("J. Smith"), after "e.g." or "i.e.", or after a dotted initialism ("U.S.", "D.C.") unless the
//! next word is one that usually starts a sentence ("The", "It", "But", ...).
//!
//! Text that runs on without a sentence end (a transcript, a list or a table pasted from a PDF)
//! is cut into sentences of at most [`MAX_SENTENCE_BYTES`], after the last clause mark (`, ; :`)
//! in reach, else between words, so every sentence is read with bounded work and memory. A single
//! word longer than that is a sentence of its own, never cut.

use crate::normalize::tables::{abbreviations, months};
use std::ops::Range;

/// The longest sentence, in bytes, that is read as one; longer runs are cut (see the module docs).
pub const MAX_SENTENCE_BYTES: usize = 2000;

/// Byte ranges of the sentences of `text`, trimmed, in order, covering every non-blank character.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for sentence in split_at_ends(text) {
        cut_run_on(text, sentence, &mut out);
    }
    out
}

/// Pushes `range` of `text`, cut into pieces of at most [`MAX_SENTENCE_BYTES`] where it is
/// longer: after the last clause mark followed by a space in the second half of its reach, else
/// at the last space, else (no space at all: debris) where letters, digits and marks meet last.
/// A single run of letters, digits or marks longer than the limit is one piece. Each cut moves on
/// by half the limit or past a whole run, so this is linear in the text.
pub fn cut_run_on(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut start = range.start;
    while weighs_more_than_a_sentence(&text[start..range.end]) {
        let mut reach = start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(reach) {
            reach -= 1;
        }
        let window = &text[start..reach];
        let clause = window
            .rmatch_indices([',', ';', ':'])
            .take_while(|&(at, _)| at >= MAX_SENTENCE_BYTES / 2)
            .find(|&(at, _)| window[at + 1..].starts_with(char::is_whitespace))
            .map(|(at, _)| at + 1);
        let cut = clause
            .or_else(|| window.rfind(char::is_whitespace).filter(|&at| at > 0))
            .or_else(|| last_change_of_class(window))
            .unwrap_or_else(|| {
                let rest = &text[start..range.end];
                let class = rest.chars().next().map_or(Class::Space, Class::of);
                rest.find(|c| Class::of(c) != class).unwrap_or(rest.len())
            });
        push_trimmed(out, text, start..start + cut);
        start += cut;
        let rest = &text[start..range.end];
        start += rest.len() - rest.trim_start().len();
    }
    push_trimmed(out, text, start..range.end);
}

/// Whether `text` is more than [`MAX_SENTENCE_BYTES`] long, not counting words or numbers too
/// long to be read (the normalizer skips each as one token, at no cost): "The word aaaa...a is
/// long." stays one sentence however long its word. Looks no further than it must.
fn weighs_more_than_a_sentence(text: &str) -> bool {
    if text.len() <= MAX_SENTENCE_BYTES {
        return false;
    }
    let mut weight = 0;
    for run in text.split_whitespace() {
        let core = run.trim_matches(|c: char| !c.is_alphanumeric());
        let one_token = core.chars().all(char::is_alphabetic)
            || core
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
        if !(one_token
            && core
                .chars()
                .nth(crate::normalize::MAX_TOKEN_CHARS)
                .is_some())
        {
            weight += run.len() + 1;
            if weight > MAX_SENTENCE_BYTES {
                return true;
            }
        }
    }
    false
}

/// What a character is, for cutting text that has no spaces.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Letter,
    Digit,
    Mark,
}

impl Class {
    fn of(c: char) -> Class {
        if c.is_whitespace() {
            Class::Space
        } else if c.is_alphabetic() {
            Class::Letter
        } else if c.is_numeric() {
            Class::Digit
        } else {
            Class::Mark
        }
    }
}

/// The byte offset (never 0) of the last place in `window` where one class of character meets
/// another.
fn last_change_of_class(window: &str) -> Option<usize> {
    let mut after: Option<Class> = None;
    let mut at_after = 0;
    for (at, c) in window.char_indices().rev() {
        let class = Class::of(c);
        if after.is_some_and(|a| a != class) {
            return Some(at_after);
        }
        after = Some(class);
        at_after = at;
    }
    None
}

/// Sentences as the text's own punctuation ends them.
fn split_at_ends(text: &str) -> Vec<Range<usize>> {
    let is_mark = |c: char| matches!(c, '.' | '!' | '?' | '\u{2026}');
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while let Some(found) = text[at..].find(is_mark) {
        let mark_at = at + found;
        let mark = text[mark_at..].chars().next().unwrap_or('.');
        let rest = &text[mark_at..];
        // The marks and closing quotes or brackets that end the sentence with it.
        let end = mark_at
            + rest
                .find(|c: char| !(is_mark(c) || is_closer(c)))
                .unwrap_or(rest.len());
        let after = &text[end..];
        let followed_by_space = after.starts_with(char::is_whitespace);
        let next_at = end + (after.len() - after.trim_start().len());
        let next_ok = text[next_at..]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_opener(c));
        if followed_by_space && next_ok && !is_abbreviation_dot(text, mark_at, mark, next_at) {
            push_trimmed(&mut sentences, text, start..end);
            start = end;
        }
        at = end;
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
    if months::is_abbreviated_month(word) && next_is_digit {
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
    fn a_run_on_text_is_cut_between_words_after_a_clause_where_it_can() {
        let run = "word ".repeat(1000);
        let pieces = sentences(&run);
        assert!(pieces.len() >= 3, "{}", pieces.len());
        assert!(pieces.iter().all(|p| p.len() <= MAX_SENTENCE_BYTES));
        let words: usize = pieces.iter().map(|p| p.split_whitespace().count()).sum();
        assert_eq!(words, 1000, "every word is in one piece");
        let with_clause = format!("{}, and {}", "a ".repeat(900), "b ".repeat(900));
        assert!(sentences(&with_clause)[0].ends_with(','));
        // A word too long to read weighs nothing: the sentence around it stays whole.
        let long_word = format!("one {} two", "x".repeat(5000));
        assert_eq!(sentences(&long_word).len(), 1);
        let long_word_in_a_run = format!("{} {}", "x".repeat(5000), "word ".repeat(1000));
        let pieces = sentences(&long_word_in_a_run);
        assert!(
            pieces[0] == "x".repeat(5000) && pieces.len() >= 3,
            "{}",
            pieces.len()
        );
        let no_spaces = "[1]".repeat(2000);
        let pieces = sentences(&no_spaces);
        assert!(pieces.len() >= 3 && pieces.iter().all(|p| p.len() <= MAX_SENTENCE_BYTES));
        assert_eq!(pieces.concat(), no_spaces);
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
