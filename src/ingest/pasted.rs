//! What a PDF's text carries besides the article, found in text pasted from it by the shape of
//! its lines, before the lines are reflowed ([`super::plain`]). Each rule works on lines, since
//! text pasted from a PDF often has no blank line anywhere:
//!
//! 1. **Running heads and feet go**: a line made of a date or time, a web address or file path,
//!    "n/m" or a page number, alone or beside the article's title or beside text that comes again
//!    in another such line ("12/7/26, 9:46 PM The birth lottery", "file:///tmp/a.html 1/2").
//! 2. **Footnotes go to the end**: a number glued to a word ("Sopel1 said") is a footnote marker
//!    when a later line starts with that number (the note); the marker is not read, and the note
//!    (to a blank line, a page's end or a running foot) becomes a footnote paragraph.
//! 3. **A pull quote goes**: a run of up to sixteen whole lines, from a sentence's start to a
//!    sentence's end, whose words (eight or more) the article has word for word elsewhere, in
//!    lines holding more words (the quote is set larger) or running on into other text.
//! 4. **Captions stand apart**: the sentence around a photo credit ("Photograph: AP") on lines
//!    of its own becomes a caption (with the lines of its sentence before it).

use std::collections::HashMap;

use super::debris::{self, squeeze};
use super::lines::Line;
use crate::model::Role;

/// The article's lines with what is not the article taken out or marked.
pub struct Sifted<'a> {
    /// The lines to reflow, a blank line around each caption.
    pub lines: Vec<Line<'a>>,
    /// The role of a block starting at a byte offset (captions).
    pub roles: HashMap<usize, Role>,
    /// Footnotes, each its lines, for the end of the article.
    pub notes: Vec<Vec<Line<'a>>>,
}

/// Sifts pasted `lines`.
pub fn sift(lines: Vec<Line<'_>>) -> Sifted<'_> {
    let lines = without_running_heads(lines);
    let (lines, notes) = footnotes(lines);
    let lines = without_pull_quotes(lines);
    let (lines, roles) = captions(lines);
    Sifted {
        lines,
        roles,
        notes,
    }
}

/// Rule 1. The title a running head carries begins the text's opening: its first three lines
/// that are not running heads. A removed line leaves a blank line, so the text around it is not
/// run together.
fn without_running_heads(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    let rests: Vec<Option<String>> = lines
        .iter()
        .map(|l| {
            debris::running_rest(l.text).map(|r| squeeze(r.trim_end_matches(['\u{2026}', '.'])))
        })
        .collect();
    let opening = squeeze(
        &lines
            .iter()
            .zip(&rests)
            .filter(|(l, rest)| !l.text.is_empty() && rest.is_none())
            .take(3)
            .map(|(l, _)| l.text)
            .collect::<Vec<_>>()
            .join(" "),
    );
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for rest in rests.iter().flatten() {
        *counts.entry(rest.as_str()).or_default() += 1;
    }
    lines
        .into_iter()
        .zip(&rests)
        .map(|(line, rest)| match rest {
            Some(r)
                if r.is_empty() || opening.starts_with(r.as_str()) || counts[r.as_str()] >= 2 =>
            {
                blank(line)
            }
            _ => line,
        })
        .collect()
}

fn blank(line: Line<'_>) -> Line<'_> {
    Line {
        text: "",
        span: line.span,
    }
}

/// Words lower-cased, letters and digits only, each as a number standing for it (the same word,
/// the same number), and the index of each line's first word.
fn word_list(lines: &[Line]) -> (Vec<u32>, Vec<usize>) {
    let mut vocabulary: HashMap<String, u32> = HashMap::new();
    let mut words = Vec::new();
    let mut starts = Vec::with_capacity(lines.len() + 1);
    let mut word = String::new();
    for line in lines {
        starts.push(words.len());
        // Hyphens part words too: a compound broken at a line's end is the same two words.
        for written in line.text.split([' ', '-', '\u{2010}']) {
            word.clear();
            word.extend(
                written
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase),
            );
            if word.is_empty() {
                continue;
            }
            let next = vocabulary.len() as u32;
            let id = match vocabulary.get(word.as_str()) {
                Some(&id) => id,
                None => *vocabulary.entry(word.clone()).or_insert(next),
            };
            words.push(id);
        }
    }
    starts.push(words.len());
    (words, starts)
}

/// Rule 3 (after the markers are out, so the body's words are as the quote's).
fn without_pull_quotes(mut lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    const SHINGLE: usize = 8;
    // A pull quote in a narrow column runs to a dozen short lines.
    const MAX_QUOTE_LINES: usize = 16;
    let (words, starts) = word_list(&lines);
    // A line that opens as a quote can be one; where else its first words come is looked up.
    // (Lines taken out below are never looked at again, so this is decided once.)
    let opens: Vec<bool> = (0..lines.len())
        .map(|k| {
            starts[k] + SHINGLE <= words.len()
                && lines[k]
                    .text
                    .starts_with(|c: char| c.is_uppercase() || is_open_quote(c))
        })
        .collect();
    // Only those lines' first words are kept as keys, so memory follows the lines, not the words.
    let mut at: HashMap<&[u32], Vec<usize>> = (0..lines.len())
        .filter(|&k| opens[k])
        .map(|k| (&words[starts[k]..starts[k] + SHINGLE], Vec::new()))
        .collect();
    for (k, window) in words.windows(SHINGLE).enumerate() {
        if let Some(places) = at.get_mut(window) {
            places.push(k);
        }
    }
    // Which line starts at a word index, if one does.
    let line_at: HashMap<usize, usize> = starts
        .iter()
        .enumerate()
        .filter(|(k, _)| *k < lines.len() && !lines[*k].text.is_empty())
        .map(|(k, &w)| (w, k))
        .collect();
    // Word ranges already taken out as quotes: never the "elsewhere" of another.
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let from = starts[k];
        let mut removed = false;
        let longest = starts[(k + MAX_QUOTE_LINES).min(lines.len())] - from;
        if opens[k] {
            for &p in &at[&words[from..from + SHINGLE]] {
                if p == from || taken.iter().any(|r| r.contains(&p)) {
                    continue;
                }
                // The longest run of words both places share, kept off the run itself (no
                // longer than the longest quote: the lines below decide no more).
                let mut len = 0;
                while len < longest
                    && from + len < words.len()
                    && p + len < words.len()
                    && words[from + len] == words[p + len]
                    && (p + len < from || p > from + len)
                {
                    len += 1;
                }
                let Some(end) = (k + 1..=(k + MAX_QUOTE_LINES).min(lines.len()))
                    .rev()
                    .find(|&e| starts[e] <= from + len && starts[e] - from >= SHINGLE)
                else {
                    continue;
                };
                let closes = lines[end - 1]
                    .text
                    .trim_end_matches(['\u{201d}', '"', '\u{2019}'])
                    .ends_with(['.', '!', '?', '\u{201d}', '"', ',']);
                let quoted = lines[k].text.starts_with(is_open_quote);
                let size = starts[end] - from;
                // The body's copy, when it too is whole lines, keeps its place when its lines
                // hold more words (the quote is set larger).
                let other_whole = line_at.get(&p).zip(line_at.get(&(p + size)));
                let quote_is_this = match other_whole {
                    Some((&a, &b)) => {
                        let here = size as f32 / (end - k) as f32;
                        let there = size as f32 / b.saturating_sub(a).max(1) as f32;
                        here < there || (quoted && here <= there)
                    }
                    None => true,
                };
                if closes && quote_is_this {
                    taken.push(from..starts[end]);
                    for line in &mut lines[k..end] {
                        *line = blank(*line);
                    }
                    k = end;
                    removed = true;
                    break;
                }
            }
        }
        if !removed {
            k += 1;
        }
    }
    lines
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '\u{201c}' | '"' | '\u{2018}' | '\u{ab}')
}

/// Rule 2: the lines without glued markers and notes, and the notes.
fn footnotes(lines: Vec<Line<'_>>) -> (Vec<Line<'_>>, Vec<Vec<Line<'_>>>) {
    // Markers: (line index, byte range in the line, number).
    let mut markers = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let mut offset = 0;
        for token in line.text.split(' ') {
            if let Some(digits) = glued_number(token) {
                let end = offset + token.trim_end_matches([',', ';', ':', '.']).len();
                markers.push((k, end - digits.len()..end, digits.to_string()));
            }
            offset += token.len() + 1;
        }
    }
    // The lines a note may start: the marker alone, or before a space; by marker, in order.
    let mut openers: HashMap<&str, Vec<usize>> = HashMap::new();
    if !markers.is_empty() {
        for (j, line) in lines.iter().enumerate() {
            let first = line.text.split(' ').next().unwrap_or("");
            if is_marker(first) {
                openers.entry(first).or_default().push(j);
            }
        }
    }
    let mut notes = Vec::new();
    let mut in_note = vec![false; lines.len()];
    let mut cut: HashMap<usize, Vec<std::ops::Range<usize>>> = HashMap::new();
    for (k, range, number) in markers {
        let note_start = openers.get(number.as_str()).and_then(|at| {
            let after = at.partition_point(|&j| j <= k);
            at[after..].iter().copied().find(|&j| !in_note[j])
        });
        let Some(start) = note_start else { continue };
        let end = (start + 1..lines.len())
            .find(|&j| lines[j].text.is_empty())
            .unwrap_or(lines.len());
        let mut note = Vec::new();
        for j in start..end {
            in_note[j] = true;
            let text = if j == start {
                lines[j].text[number.len()..].trim_start()
            } else {
                lines[j].text
            };
            if !text.is_empty() {
                let skip = lines[j].text.len() - text.len();
                note.push(Line {
                    text,
                    span: shifted(lines[j].span, skip, lines[j].text),
                });
            }
        }
        notes.push(note);
        cut.entry(k).or_default().push(range);
    }
    let mut out = Vec::with_capacity(lines.len());
    for (k, line) in lines.into_iter().enumerate() {
        if in_note[k] {
            out.push(blank(line));
            continue;
        }
        let Some(ranges) = cut.get(&k) else {
            out.push(line);
            continue;
        };
        let mut from = 0;
        for range in ranges {
            out.push(piece(line, from..range.start));
            from = range.end;
        }
        out.push(piece(line, from..line.text.len()));
    }
    (out, notes)
}

/// A footnote marker by itself: one or two digits, or one of `* † ‡`.
fn is_marker(token: &str) -> bool {
    ((1..=2).contains(&token.len()) && token.chars().all(|c| c.is_ascii_digit()))
        || matches!(token, "*" | "\u{2020}" | "\u{2021}")
}

/// The footnote marker glued to a word's end ("Sopel1", "said.2", "Bassi,1", "former*"), if
/// any: one or two digits, or one of `* † ‡`, after a letter or punctuation that ends a word.
fn glued_number(token: &str) -> Option<&str> {
    let token = token.trim_end_matches([',', ';', ':', '.']);
    if let Some(symbol) = ['*', '\u{2020}', '\u{2021}']
        .into_iter()
        .find(|&c| token.ends_with(c))
    {
        let stem = &token[..token.len() - symbol.len_utf8()];
        return (stem.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && stem
                .chars()
                .last()
                .is_some_and(|c| c.is_alphabetic() || matches!(c, '.' | ',' | '\u{201d}' | '"')))
        .then(|| &token[stem.len()..]);
    }
    let stem = token.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = &token[stem.len()..];
    let before = stem.chars().last()?;
    let letters = stem.chars().filter(|c| c.is_alphabetic()).count();
    ((1..=2).contains(&digits.len())
        && letters >= 2
        && (before.is_alphabetic()
            || matches!(before, '.' | ',' | ';' | ':' | '\u{201d}' | '"' | ')')))
    .then_some(digits)
}

/// The part `range` of a line, its span moved along.
fn piece<'a>(line: Line<'a>, range: std::ops::Range<usize>) -> Line<'a> {
    let text = &line.text[range.clone()];
    let trimmed = text.trim();
    let skip = range.start + (text.len() - text.trim_start().len());
    Line {
        text: trimmed,
        span: shifted(line.span, skip, line.text),
    }
}

/// `span` (of `text`) from byte `skip` of it on.
fn shifted(span: crate::model::SourceSpan, skip: usize, text: &str) -> crate::model::SourceSpan {
    crate::model::SourceSpan {
        start: span.start + skip,
        column: span.column + text[..skip].chars().count(),
        ..span
    }
}

/// Rule 4: the caption's lines stand apart (a blank line before and after), marked by the offset
/// of their first line.
fn captions(lines: Vec<Line<'_>>) -> (Vec<Line<'_>>, HashMap<usize, Role>) {
    let mut roles = HashMap::new();
    let mut out = Vec::with_capacity(lines.len());
    let mut k = 0;
    // The first line a caption may start at: after the last caption.
    let mut floor = 0;
    while k < lines.len() {
        if !debris::credit_mark_in(lines[k].text) {
            out.push(lines[k]);
            k += 1;
            continue;
        }
        // A credit opening its line closes the caption before it: back to the line after the
        // last one that ended a sentence (up to three lines). A credit inside a line is the end
        // of a caption that line starts.
        let mut start = k;
        let head: String = lines[k].text.chars().take(12).collect();
        let opens = debris::credit_mark_in(&head);
        if opens && k > floor && super::plain::ends_sentence(lines[k - 1].text) {
            start = k - 1;
            // Further back only within the sentence: to a line the caption's line continues.
            while start > floor
                && k - start < 3
                && !lines[start - 1].text.is_empty()
                && !super::plain::ends_sentence(lines[start - 1].text)
                && lines[start]
                    .text
                    .starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
            {
                start -= 1;
            }
        }
        // The credit line ends the caption when it opens with the credit; else the caption runs
        // on to its sentence's end.
        let end = if opens {
            k + 1
        } else {
            (k..lines.len().min(k + 3))
                .find(|&j| lines[j].text.is_empty() || super::plain::ends_sentence(lines[j].text))
                .map_or(k + 1, |j| if lines[j].text.is_empty() { j } else { j + 1 })
        };
        out.truncate(out.len().saturating_sub(k - start));
        out.push(blank(lines[start]));
        roles.insert(lines[start].span.start, Role::Caption);
        out.extend_from_slice(&lines[start..end]);
        out.push(blank(lines[end - 1]));
        k = end;
        floor = end;
    }
    (out, roles)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::lines::lines;

    fn sifted(text: &str) -> Vec<String> {
        sift(lines(text))
            .lines
            .iter()
            .map(|l| l.text.to_string())
            .collect()
    }

    #[test]
    fn a_browsers_running_head_and_foot_go_even_on_a_two_page_pdf() {
        let text = "Harbor strike ends\nBy Dana Whitfield\nThe port reopened.\n\
                    12/7/26, 9:46 PM Harbor strike ends\nfile:///tmp/a.html 1/2\n\
                    Cranes moved again.\n";
        let kept = sifted(text);
        assert!(
            !kept.iter().any(|l| l.contains("PM") || l.contains("file:")),
            "{kept:?}"
        );
        assert!(kept.contains(&"Cranes moved again.".to_string()));
        // A line that only starts with a time is the article's.
        let kept = sifted("Title\n9:30 PM was when the crowd gathered.\n");
        assert_eq!(kept[1], "9:30 PM was when the crowd gathered.");
    }

    #[test]
    fn a_glued_footnote_marker_is_not_read_and_its_note_goes_to_the_end() {
        let text =
            "Title\nthe editor Jon Sopel1 said the\npresident was calm.\n1\nFigures as reported.\n";
        let out = sift(lines(text));
        let kept: Vec<&str> = out.lines.iter().map(|l| l.text).collect();
        assert_eq!(
            kept[1..4],
            ["the editor Jon Sopel", "said the", "president was calm."]
        );
        assert_eq!(out.notes.len(), 1);
        assert_eq!(out.notes[0][0].text, "Figures as reported.");
        // Without a note, a number after a word stays (a model name, a year's digits).
        let kept = sifted("Title\nThe A380 and the Boeing 7 flew.\n");
        assert_eq!(kept[1], "The A380 and the Boeing 7 flew.");
    }

    #[test]
    fn a_pull_quote_repeating_the_body_goes_and_a_real_quote_stays() {
        let body = "Title\nShe said the harbor will reopen on Monday after nine days of strike.\n";
        let text = format!(
            "{body}\u{201c}the harbor will reopen on\nMonday after nine days\nof strike.\u{201d}\nMore text here.\n\u{201c}Nobody expected a deal this week at all,\u{201d} he said.\n"
        );
        let kept = sifted(&text);
        assert!(
            !kept.iter().any(|l| l.starts_with("\u{201c}the harbor")),
            "{kept:?}"
        );
        assert!(
            kept.iter().any(|l| l.starts_with("\u{201c}Nobody")),
            "{kept:?}"
        );
    }

    #[test]
    fn the_sentence_before_a_photo_credit_is_a_caption() {
        let text = "Title\nThe port reopened.\nCranes at the north terminal.\nPhotograph: AP\nWork resumed.\n";
        let out = sift(lines(text));
        let start = out
            .lines
            .iter()
            .find(|l| l.text == "Cranes at the north terminal.")
            .unwrap()
            .span
            .start;
        assert_eq!(out.roles.get(&start), Some(&Role::Caption));
    }
}
