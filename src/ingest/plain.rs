//! Plain text, including text pasted from a PDF, reflowed into paragraphs and sections.
//!
//! PDF extraction breaks text in ways a listener must never hear. The rules, in the order they
//! apply, each tested by a fixture named for it in `tests/fixtures/ingest/`:
//!
//! 1. **Lines are trimmed.** Stray leading and trailing spaces (and no-break or zero-width
//!    spaces) are dropped.
//! 2. **The first line is the title.** It stands alone: whatever follows it, even a line right
//!    after a title that ends in a hyphen ("... win Pan-"), starts the body and is never glued to it.
//!    A first line longer than [`MAX_TITLE_CHARS`] is no title but the start of the body (a
//!    transcript, text pasted as one line); the file's name is the title then.
//! 3. **Hard-wrapped lines are joined** with a space into one paragraph.
//! 4. **Words hyphenated across lines are rejoined** ([`super::hyphens`]). When a line ends in
//!    `letter-` and the next starts with a letter, the halves are joined; the hyphen stays when
//!    the text writes the word with it elsewhere or both halves are words of the text, when a
//!    half is capitalized ("Pan-African") or the first is a prefix that keeps its hyphen ("anti-",
//!    "self-", "well-"), and goes when the text writes the word whole elsewhere or otherwise.
//! 5. **A short line without final punctuation between complete paragraphs is a section
//!    heading**: one line, at most 12 words and 90 characters, starting with a capital or digit,
//!    not ending a sentence or in `, ; : -` or a function word ("of", "the"), leaving no quotation
//!    open, with the text before it ending a sentence and text after it starting with a capital,
//!    digit or quote.
//! 6. **A blank line inside a sentence is not a paragraph break.** The next block continues the
//!    paragraph when it starts in lower case or mid-phrase (with `, ; : )`), or when the block
//!    before does not end a sentence. One exception: a block that leaves a quotation open and is
//!    followed by a capitalized block ends there, since the quotation (not the sentence) was cut.
//!    A trailing parenthetical such as "(AFP Jan. 15, 2022)" does not hide the full stop before it.
//! 7. **Page numbers and running heads go** ([`super::debris`]): lines that are only a page number,
//!    and short lines repeated on three or more pages, are removed before anything is joined.
//! 8. **Captions and credits are marked, not merged**: a block opening with "Photo:", "Credit:" and
//!    the like, or the one short line right after the title that is a noun phrase ending in a full
//!    stop, becomes a paragraph of its own with the caption or credit role.
//! 9. **A soft hyphen at a line end joins the word** without it.
//! 10. **Bylines and publication dates are their own parts.** Up to three lines right after the
//!     title that are a byline ("By Maria Chen, Metro Reporter") or a date ("Published Tues.,
//!     Nov. 18, 2025") become paragraphs with those roles ([`super::openings`]), never joined to
//!     the lead; and the one short line after the title is a caption only when more follows it.

use super::debris::{remove_page_furniture, role_of};
use super::hyphens::{append_lines, Vocabulary};
use super::lines::{blocks, lines, Line};
use super::openings::opening_role;
use super::outline::Outline;
use super::pasted;
use crate::model::{Document, Paragraph, Role, Section};

/// The longest first line that is taken for a title (rule 2).
pub const MAX_TITLE_CHARS: usize = 200;

/// Parses plain text into a document; never fails (emptiness is checked by the caller).
pub fn parse(name: &str, text: &str) -> Document {
    let sifted = pasted::sift(lines(text));
    let mut all = sifted.lines;
    remove_page_furniture(&mut all);
    let mut blocks = blocks(&all);
    let mut builder = Builder {
        outline: Outline::default(),
        words: Vocabulary::of(all.iter().map(|l| l.text)),
    };
    let title = match blocks.first_mut() {
        Some(first) if first[0].text.chars().nth(MAX_TITLE_CHARS).is_none() => {
            let line = first.remove(0);
            Paragraph::verbatim(line.text, line.span)
        }
        Some(_) => Paragraph::verbatim(&super::title_from_file_name(name), Default::default()),
        None => Paragraph::verbatim("", Default::default()),
    };
    blocks.retain(|b| !b.is_empty());
    // Rule 10: bylines and publication dates right after the title stand alone.
    let mut opening = 0;
    while let Some(block) = blocks.first_mut() {
        let Some(role) = block.first().and_then(|l| opening_role(l.text)) else {
            break;
        };
        if opening >= 3 {
            break;
        }
        let line = block.remove(0);
        builder.push_paragraph(&[line], role);
        opening += 1;
        if block.is_empty() {
            blocks.remove(0);
        }
    }
    let count = blocks.len();
    for (index, block) in blocks.iter().enumerate() {
        let next = blocks.get(index + 1);
        // A one-paragraph body is the story, not the caption of a photo.
        let role = match sifted.roles.get(&block[0].span.start) {
            Some(role) => *role,
            None => role_of(block, index == 0 && count > 1),
        };
        if role != Role::Body {
            builder.push_paragraph(block, role);
        } else if is_heading(block, builder.last_text(), next) {
            builder.start_section(block[0]);
        } else if builder
            .last_text()
            .is_some_and(|prev| continues(prev, block[0].text))
        {
            builder.extend_last(block);
        } else {
            builder.push_paragraph(block, Role::Body);
        }
    }
    for note in &sifted.notes {
        builder.push_paragraph(note, Role::Footnote);
    }
    Document {
        source: name.to_string(),
        title,
        sections: builder.finish(),
        author: None,
        date: None,
        description: None,
        language: None,
        notices: Vec::new(),
    }
}

struct Builder {
    outline: Outline,
    words: Vocabulary,
}

impl Builder {
    /// The last body paragraph's text, which a following block may continue.
    fn last_text(&self) -> Option<&str> {
        self.outline
            .last_paragraph()
            .filter(|p| p.role == Role::Body)
            .map(|p| p.text.as_str())
    }

    fn start_section(&mut self, line: Line) {
        self.outline
            .heading(Paragraph::verbatim(line.text, line.span));
    }

    fn push_paragraph(&mut self, block: &[Line], role: Role) {
        let mut paragraph = Paragraph {
            role,
            ..Paragraph::default()
        };
        append_lines(&mut paragraph, block, &self.words);
        self.outline.paragraph(paragraph);
    }

    fn extend_last(&mut self, block: &[Line]) {
        if let Some(paragraph) = self.outline.open_section().paragraphs.last_mut() {
            append_lines(paragraph, block, &self.words);
        }
    }

    fn finish(self) -> Vec<Section> {
        self.outline.finish()
    }
}

/// Rule 5: a lone short line between a finished paragraph and a capitalized one.
fn is_heading(block: &[Line], previous: Option<&str>, next: Option<&Vec<Line>>) -> bool {
    let [line] = block else { return false };
    let text = line.text;
    let words = text.split_whitespace().count();
    let starts_well = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let ends_open = text.ends_with(['.', ',', ';', ':', '-', '\u{2013}', '\u{2014}']);
    let next_starts_well = next
        .and_then(|b| b[0].text.chars().next())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_open_quote(c));
    words <= 12
        && text.len() <= 90
        && starts_well
        && !ends_open
        && !ends_sentence(text)
        && !ends_mid_phrase(text)
        && !leaves_quote_open(text)
        && text.chars().any(char::is_alphabetic)
        && previous.is_none_or(ends_sentence)
        && next_starts_well
}

/// Rule 6: does a block starting with `next` continue the paragraph `previous`?
fn continues(previous: &str, next: &str) -> bool {
    let first = next.chars().next();
    if first.is_some_and(|c| c.is_lowercase() || matches!(c, ',' | ';' | ':' | ')' | ']')) {
        return true;
    }
    if ends_sentence(previous) {
        return false;
    }
    if ends_mid_phrase(previous) {
        return true;
    }
    !leaves_quote_open(previous)
}

/// True when text ends a sentence, ignoring closing quotes and a trailing parenthetical.
pub fn ends_sentence(text: &str) -> bool {
    let mut rest = text.trim_end();
    loop {
        rest = rest.trim_end_matches(is_close_quote).trim_end();
        if let Some(inner) = rest.strip_suffix(')') {
            match inner.rfind('(') {
                Some(open) => rest = inner[..open].trim_end(),
                None => return false,
            }
        } else {
            break;
        }
    }
    rest.ends_with(['.', '!', '?', '\u{2026}'])
}

/// Ends in a comma, dash or function word: the sentence plainly goes on.
fn ends_mid_phrase(text: &str) -> bool {
    const FUNCTION_WORDS: &[&str] = &[
        "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "by", "for",
        "from", "with", "into", "onto", "as", "than", "that", "which", "who", "whose", "its",
        "their", "his", "her", "our", "is", "are", "was", "were", "be", "been", "has", "have",
        "had", "said", "says",
    ];
    if text.ends_with([',', ';', ':', '-', '\u{2013}', '\u{2014}', '(']) {
        return true;
    }
    let last = text.rsplit(char::is_whitespace).next().unwrap_or("");
    FUNCTION_WORDS.contains(&last)
}

/// The last curly double quote is an opening one, or straight double quotes are unbalanced.
/// (Counting curly quotes is not enough: pasted text often loses an opening quote earlier on.)
fn leaves_quote_open(text: &str) -> bool {
    let last_curly = text
        .chars()
        .rev()
        .find(|&c| matches!(c, '\u{201c}' | '\u{201d}'));
    last_curly == Some('\u{201c}') || text.matches('"').count() % 2 == 1
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{2018}' | '\'' | '(' | '\u{ab}')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201d}' | '\u{2019}' | '\'' | '\u{bb}' | ']')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parenthetical_citation_does_not_hide_the_full_stop() {
        assert!(ends_sentence("as he said.\u{201d} (AFP Jan.15, 2022)"));
        assert!(!ends_sentence("the link (youtu.be/x) and"));
    }
}
