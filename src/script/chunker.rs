//! Cuts a spoken sentence into chunks no longer than a voice's limit, never inside a word.
//!
//! A sentence that fits is one chunk. A longer one is cut after clause punctuation (`, ; :`),
//! packing as many clauses into each chunk as fit; a clause that is still too long is cut between
//! words. A single word longer than the limit becomes a chunk of its own rather than being cut.

use std::ops::Range;

/// Byte ranges of `spoken`, each trimmed and holding at least one letter or digit.
pub fn chunk(spoken: &str, max_chars: usize) -> Vec<Range<usize>> {
    let max = max_chars.max(1);
    let mut out = Vec::new();
    if spoken.chars().count() <= max {
        push(&mut out, spoken, 0..spoken.len());
        return out;
    }
    let mut current: Option<Range<usize>> = None;
    for clause in clauses(spoken) {
        if let Some(cur) = current.as_mut() {
            if chars(spoken, cur.start..clause.end) <= max {
                cur.end = clause.end;
                continue;
            }
            push(&mut out, spoken, cur.clone());
            current = None;
        }
        if chars(spoken, clause.clone()) <= max {
            current = Some(clause);
        } else {
            for piece in by_words(spoken, clause, max) {
                push(&mut out, spoken, piece);
            }
        }
    }
    if let Some(cur) = current {
        push(&mut out, spoken, cur);
    }
    out
}

fn chars(text: &str, range: Range<usize>) -> usize {
    text[range].trim().chars().count()
}

/// Clause ranges: each ends just after a `, ; :` followed by a space, or at the end.
fn clauses(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b',' | b';' | b':') && bytes.get(i + 1) == Some(&b' ') {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Greedy packing of whole words into pieces of at most `max` characters.
fn by_words(text: &str, range: Range<usize>, max: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut pos = range.start;
    for word in text[range.clone()].split(' ') {
        let word_range = pos..pos + word.len();
        pos += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        match current.as_mut() {
            Some(cur) if chars(text, cur.start..word_range.end) <= max => cur.end = word_range.end,
            Some(cur) => {
                out.push(cur.clone());
                current = Some(word_range);
            }
            None => current = Some(word_range),
        }
    }
    out.extend(current);
    out
}

fn push(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if trimmed.chars().any(char::is_alphanumeric) {
        out.push(range.start + lead..range.start + lead + trimmed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, max: usize) -> Vec<&str> {
        chunk(text, max).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn a_long_sentence_is_cut_after_clause_punctuation() {
        let text =
            "the sanctions were announced in Accra, and include the closure of borders, and more.";
        assert_eq!(
            pieces(text, 40),
            [
                "the sanctions were announced in Accra,",
                "and include the closure of borders,",
                "and more."
            ]
        );
    }

    #[test]
    fn a_clause_over_the_limit_is_cut_between_words() {
        for piece in pieces("one two three four five six seven eight nine ten", 12) {
            assert!(piece.len() <= 12, "{piece}");
            assert!(!piece.starts_with(' ') && !piece.ends_with(' '));
        }
    }

    #[test]
    fn a_word_longer_than_the_limit_is_not_cut() {
        assert_eq!(
            pieces("a supercalifragilistic word", 8),
            ["a", "supercalifragilistic", "word"]
        );
    }
}
