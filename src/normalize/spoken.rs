//! [`Spoken`]: normalized text plus, for every spoken word, the written range it came from.
//!
//! The builder keeps spacing and punctuation tidy as pieces are added: one space between words,
//! none before punctuation, never two pauses in a row, never a pause at the start.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Text as a voice should say it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Spoken {
    pub text: String,
    /// Spoken byte range -> written byte range, in order, for every word (not for punctuation).
    pub pieces: Vec<Piece>,
    /// Written ranges left unread because no voice should read them (a word or number of more
    /// than [`super::MAX_TOKEN_CHARS`] characters); the caller tells the user.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub spoken: Range<usize>,
    pub written: Range<usize>,
}

impl Spoken {
    /// The written range that the spoken range `spoken` was made from (empty if it holds no word).
    /// Pieces are in spoken order, so this is two binary searches, not a scan.
    pub fn written_range(&self, spoken: Range<usize>) -> Option<Range<usize>> {
        let from = self
            .pieces
            .partition_point(|p| p.spoken.end <= spoken.start);
        let to = self.pieces.partition_point(|p| p.spoken.start < spoken.end);
        let hits = self.pieces.get(from..to.max(from))?;
        let first = hits.first()?;
        let end = hits.last().map_or(first.written.end, |p| p.written.end);
        Some(first.written.start..end.max(first.written.start))
    }
}

#[derive(Default)]
pub struct Builder {
    out: Spoken,
}

impl Builder {
    /// Adds spoken words for the written range `written`, separated from what came before.
    pub fn words(&mut self, words: &str, written: Range<usize>) {
        let words = words.trim();
        if words.is_empty() {
            return;
        }
        let text = &mut self.out.text;
        if let Some(last) = text.chars().last() {
            if !(last.is_whitespace() || matches!(last, '-' | '\'')) {
                text.push(' ');
            }
        }
        let start = text.len();
        text.push_str(words);
        self.out.pieces.push(Piece {
            spoken: start..text.len(),
            written,
        });
    }

    /// A word that attaches to the previous one without a space (the "African" of "Pan-African").
    pub fn attached(&mut self, words: &str, written: Range<usize>) {
        let start = self.out.text.len();
        self.out.text.push_str(words);
        self.out.pieces.push(Piece {
            spoken: start..self.out.text.len(),
            written,
        });
    }

    /// A written range left unread (see [`Spoken::skipped`]).
    pub fn skip(&mut self, written: Range<usize>) {
        self.out.skipped.push(written);
    }

    pub fn space(&mut self) {
        if !self.out.text.is_empty() && !self.out.text.ends_with(' ') {
            self.out.text.push(' ');
        }
    }

    /// Sentence punctuation (`. , ; : ! ?`) or a joining hyphen, attached to the previous word.
    pub fn punct(&mut self, mark: char) {
        let text = &mut self.out.text;
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
        let Some(last) = text.chars().last() else {
            return;
        };
        let is_pause = |c: char| matches!(c, ',' | ';' | ':');
        let is_stop = |c: char| matches!(c, '.' | '!' | '?');
        if mark == '-' {
            if last.is_alphanumeric() {
                text.push('-');
            }
        } else if is_pause(last) && (is_stop(mark) || is_pause(mark)) {
            if is_stop(mark) || mark == ';' {
                text.pop();
                if !(mark == '.' && text.ends_with('.')) {
                    text.push(mark);
                }
            }
        } else if last == '.' && is_pause(mark) && ends_with_dotted_letters(text) {
            // "the Harbor Authority (H.A.) had": the dots spell letters, the pause still counts.
            text.push(mark);
        } else if is_stop(last) && (is_pause(mark) || is_stop(mark)) {
            // "?!" or "U.S..": the stronger mark already stands.
        } else if last != '-' {
            text.push(mark);
        }
    }

    /// A short pause (written as a comma) where the text had a dash, bracket or ellipsis.
    pub fn pause(&mut self) {
        self.punct(',');
    }

    pub fn ends_with_alphanumeric(&self) -> bool {
        self.out
            .text
            .trim_end()
            .chars()
            .last()
            .is_some_and(char::is_alphanumeric)
    }

    pub fn finish(mut self) -> Spoken {
        let text = &mut self.out.text;
        while text.ends_with([' ', ',', ';', ':', '-']) {
            text.pop();
        }
        for piece in &mut self.out.pieces {
            piece.spoken.end = piece.spoken.end.min(text.len());
        }
        self.out
    }
}

/// True when the text ends in spelled letters such as "H.A." (two or more dots in the last word).
fn ends_with_dotted_letters(text: &str) -> bool {
    let last_word = text.rsplit(' ').next().unwrap_or("");
    last_word.matches('.').count() >= 2
        && last_word.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_never_double_and_a_stop_replaces_a_pause() {
        let mut b = Builder::default();
        b.words("one", 0..3);
        b.pause();
        b.pause();
        b.words("two", 4..7);
        b.pause();
        b.punct('.');
        assert_eq!(b.finish().text, "one, two.");
    }

    #[test]
    fn spoken_ranges_map_back_to_written_ranges() {
        let mut b = Builder::default();
        b.words("January fourteenth", 0..7);
        b.words("twenty twenty-two", 9..13);
        let s = b.finish();
        assert_eq!(s.written_range(0..7), Some(0..7));
        assert_eq!(s.written_range(0..s.text.len()), Some(0..13));
    }
}
