//! What PDF extraction leaves in pasted text that is not the article: page numbers, running
//! headers and footers repeated page after page, and photo captions and credits.
//!
//! Page numbers and running heads are removed before reflow, so the sentence they interrupted
//! joins up again. Captions and credits stay, marked with their [`Role`], for the script to skip
//! or read as captions.

use super::lines::Line;
use crate::model::Role;
use crate::normalize::tables::months::month_in_any_case;

/// A line that is only a page number: "12", "- 12 -", "Page 12", "12 of 30", "p. 12".
pub fn is_page_number(text: &str) -> bool {
    let t = text
        .trim_matches(|c: char| c == '-' || c == '\u{2013}' || c == '\u{2014}' || c.is_whitespace())
        .to_lowercase();
    let labelled = t
        .strip_prefix("page ")
        .or_else(|| t.strip_prefix("p. "))
        .or_else(|| t.strip_prefix("pg. "));
    // A bare number of four digits is more likely a year than a page.
    let most = if labelled.is_some() { 4 } else { 3 };
    let t = labelled.unwrap_or(&t);
    let number =
        |s: &str| !s.is_empty() && s.len() <= most && s.chars().all(|c| c.is_ascii_digit());
    match t.split_once(" of ").or_else(|| t.split_once('/')) {
        Some((a, b)) => number(a.trim()) && number(b.trim()),
        None => number(t.trim()),
    }
}

/// What is left of a line once the running-head pieces at its ends (dates, times, web addresses,
/// file paths, page numbers and "n/m") are taken off; `None` when it has none of them. Month and
/// day names, "Page", "of", "AM" and "PM" go with them but do not make a line a running head.
pub fn running_rest(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let shape = |t: &str| token_shape(t.trim_end_matches([',', ';', '|', '\u{b7}']));
    let mut start = 0;
    let mut end = tokens.len();
    let mut strong = false;
    while start < end {
        match shape(tokens[start]) {
            Shape::Strong => strong = true,
            Shape::Weak => {}
            Shape::Text => break,
        }
        start += 1;
    }
    while end > start {
        match shape(tokens[end - 1]) {
            Shape::Strong => strong = true,
            Shape::Weak => {}
            Shape::Text => break,
        }
        end -= 1;
    }
    strong.then(|| tokens[start..end].join(" "))
}

#[derive(PartialEq)]
enum Shape {
    /// A date, a time, an address, a path or "n/m": running-head furniture by itself.
    Strong,
    /// A word that goes with one ("PM", "Page", "December", "Tue").
    Weak,
    Text,
}

fn token_shape(token: &str) -> Shape {
    const WEAK: &[&str] = &[
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "page",
        "p.",
        "of",
        "-",
        "\u{2013}",
        "\u{2014}",
        "|",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let lower = token.to_lowercase();
    let digits_and = |seps: &[char]| {
        let parts: Vec<&str> = lower.split(seps).collect();
        parts.len() >= 2
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
    };
    let address = lower.contains("://")
        || lower.starts_with("www.")
        || (lower.starts_with('/') && lower[1..].contains('/'));
    if address || digits_and(&['/']) || digits_and(&[':']) || digits_and(&['-', '.']) {
        Shape::Strong
    } else if WEAK.contains(&lower.trim_end_matches('.'))
        || WEAK.contains(&lower.as_str())
        || month_in_any_case(lower.trim_end_matches('.')).is_some()
        || (lower.len() <= 4 && lower.chars().all(|c| c.is_ascii_digit()))
    {
        Shape::Weak
    } else {
        Shape::Text
    }
}

/// The line with its digits taken out, so "Mali Report 3" and "Mali Report 4" compare equal.
pub(super) fn without_digits(text: &str) -> String {
    squeeze(&text.replace(|c: char| c.is_ascii_digit(), ""))
}

/// Lower case, runs of white space one space, none at the ends: lines compared as a reader sees
/// them.
pub(super) fn squeeze(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Removes page numbers and running headers and footers: lines standing alone between blank lines,
/// of at most 12 words and not ending a sentence, that recur three or more times, digits aside.
/// The first line (the title) is kept even when it recurs.
pub fn remove_page_furniture(lines: &mut Vec<Line<'_>>) {
    let blank = |k: Option<&Line>| k.is_none_or(|l| l.text.is_empty());
    let candidate: Vec<bool> = (0..lines.len())
        .map(|k| {
            let text = lines[k].text;
            !text.is_empty()
                && blank(k.checked_sub(1).and_then(|p| lines.get(p)))
                && blank(lines.get(k + 1))
                && text.split_whitespace().count() <= 12
                && !text.ends_with(['.', '!', '?', '"', '\u{201d}'])
                && !without_digits(text).is_empty()
        })
        .collect();
    let mut counts = std::collections::HashMap::new();
    for (line, _) in lines.iter().zip(&candidate).filter(|(_, c)| **c) {
        *counts.entry(without_digits(line.text)).or_insert(0usize) += 1;
    }
    let first = lines.iter().position(|l| !l.text.is_empty());
    let mut index = 0;
    lines.retain(|line| {
        let running_head = candidate[index]
            && counts
                .get(&without_digits(line.text))
                .is_some_and(|&n| n >= 3);
        let keep = Some(index) == first
            || line.text.is_empty()
            || !(is_page_number(line.text) || running_head);
        index += 1;
        keep
    });
}

/// Marks of a photo credit anywhere in a line of pasted text.
const CREDIT_ANYWHERE: &[&str] = &[
    "photo:",
    "photograph:",
    "photo credit",
    "photo by ",
    "photos by ",
    "image credit",
    "(photo",
    "getty images",
    "ap photo",
    "afp photo",
    "reuters/",
];

/// True when `text` holds a photo credit ("Photograph: AP", "(Photo: Getty Images)").
pub fn credit_mark_in(text: &str) -> bool {
    let lower = text.to_lowercase();
    CREDIT_ANYWHERE.iter().any(|m| lower.contains(m))
}

/// Words that start a caption or credit line.
const CAPTION_MARKS: &[&str] = &[
    "photo:",
    "photograph:",
    "image:",
    "picture:",
    "caption:",
    "pictured:",
    "above:",
    "below:",
    "top:",
    "left:",
    "right:",
    "inset:",
];
const CREDIT_MARKS: &[&str] = &[
    "photo credit",
    "credit:",
    "credits:",
    "photo by ",
    "photos by ",
    "image credit",
    "courtesy of ",
    "(photo",
    "source: getty",
    "getty images",
    "ap photo",
    "afp photo",
    "reuters/",
    "\u{a9}",
];
/// Words that make a line a sentence, not a caption's noun phrase.
const VERBS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "said",
    "says",
    "say",
    "did",
    "does",
    "do",
    "be",
    "been",
    "being",
    "may",
    "might",
    "must",
    "should",
    "shall",
    "wants",
    "want",
    "took",
    "take",
    "takes",
    "made",
    "make",
    "makes",
    "came",
    "come",
    "went",
    "go",
    "goes",
    "gave",
    "give",
    "gives",
    "won",
    "win",
    "wins",
    "led",
    "leads",
    "held",
    "holds",
    "told",
    "tells",
    "called",
    "calls",
    "became",
    "become",
    "becomes",
    "rose",
    "fell",
    "grew",
    "met",
    "left",
    "ran",
    "saw",
    "hit",
    "cut",
    "set",
    "put",
    "shot",
    "fought",
    "lost",
    "began",
    "broke",
    "brought",
    "bought",
    "built",
    "caught",
    "chose",
    "drew",
    "drove",
    "fled",
    "flew",
    "got",
    "hid",
    "kept",
    "knew",
    "meant",
    "paid",
    "sought",
    "sold",
    "sent",
    "shook",
    "spoke",
    "spent",
    "stood",
    "struck",
    "swept",
    "taught",
    "threw",
    "understood",
    "wrote",
    "rises",
    "falls",
    "remains",
    "remain",
    "seems",
    "appears",
    "continues",
    "plans",
    "faces",
    "warns",
];

/// The role of a block of lines: a credit or a caption by its opening words, a credit by an
/// agency's byline; and the single short line right after the title that is a noun phrase (no
/// verb) ending in a full stop, as the caption of the photo an article opens with.
pub fn role_of(block: &[Line<'_>], right_after_title: bool) -> Role {
    let text = block.iter().map(|l| l.text).collect::<Vec<_>>().join(" ");
    let lower = text.to_lowercase();
    if CREDIT_MARKS.iter().any(|m| lower.starts_with(m)) || lower.ends_with("getty images") {
        return Role::Credit;
    }
    if CAPTION_MARKS.iter().any(|m| lower.starts_with(m)) {
        return Role::Caption;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let noun_phrase = !words
        .iter()
        .any(|w| VERBS.contains(w) || (w.len() > 4 && w.ends_with("ed")));
    if right_after_title
        && block.len() == 1
        && (5..=25).contains(&words.len())
        && text.ends_with('.')
        && noun_phrase
    {
        return Role::Caption;
    }
    Role::Body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_in_their_usual_forms() {
        for page in ["12", "- 12 -", "Page 12", "12 of 30", "p. 3", "3/12"] {
            assert!(is_page_number(page), "{page}");
        }
        for not in ["12 people", "2022", "Chapter 12", ""] {
            assert!(!is_page_number(not), "{not}");
        }
    }
}
