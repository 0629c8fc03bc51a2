//! Blocks in reading order become the article: what each block is, by its size, weight, words
//! and place, and its lines joined into paragraphs.
//!
//! | block                                                     | becomes                         |
//! |-----------------------------------------------------------|---------------------------------|
//! | the largest text on the first page                        | the title                       |
//! | a byline or date line ([`openings::opening_role`])         | a paragraph with that role      |
//! | larger than the body, whose word triples the body has      | a pull quote: not read          |
//! | larger or bold, short, not ending a sentence               | a section heading (a chapter)   |
//! | smaller, opening with a footnote marker                    | a footnote, at the article's end|
//! | smaller                                                    | a caption                       |
//! | anything else                                              | body paragraphs                 |
//!
//! A body block's lines make a new paragraph at an indented line, or after a short line that
//! ends a sentence; a block that starts a column goes on with the paragraph before it unless that
//! ended a sentence and the block's first line is indented or the paragraph's last line was short.

use std::collections::HashSet;

use super::lines::TextLine;
use super::order::Block;
use crate::ingest::hyphens::{append_lines, Vocabulary};
use crate::ingest::lines::Line;
use crate::ingest::openings::opening_role;
use crate::ingest::outline::Outline;
use crate::ingest::plain::ends_sentence;
use crate::model::{Paragraph, Role, Section, SourceSpan};

/// A line with the span of its text in the PDF's text.
pub struct Placed<'a> {
    pub line: &'a TextLine,
    pub span: SourceSpan,
}

/// What the layout found: the title (if the file shows one) and the sections.
pub struct Article {
    pub title: Option<Paragraph>,
    pub sections: Vec<Section>,
}

/// The article of `blocks` (in reading order, over all pages) whose lines are `lines`.
pub fn article(blocks: &[Block], lines: &[Placed], body: f32) -> Article {
    let text_of = |b: &Block| {
        b.lines
            .iter()
            .map(|&k| lines[k].line.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let title_at = title_block(blocks, lines, body);
    let words = Vocabulary::of(
        blocks
            .iter()
            .flat_map(|b| &b.lines)
            .map(|&k| lines[k].line.text.as_str()),
    );
    let body_triples: HashSet<String> = blocks
        .iter()
        .filter(|b| (b.size - body).abs() <= 0.08 * body)
        .flat_map(|b| triples(&text_of(b)))
        .collect();
    let mut outline = Outline::default();
    let mut notes: Vec<Paragraph> = Vec::new();
    let mut title = None;
    let mut last_line: Option<(&Placed, f32)> = None;
    for (index, block) in blocks.iter().enumerate() {
        let placed: Vec<&Placed> = block.lines.iter().map(|&k| &lines[k]).collect();
        let text = text_of(block);
        if Some(index) == title_at {
            title = Some(paragraph(&words, &placed, Role::Body));
            continue;
        }
        if let Some(role) = opening_role(&text).filter(|_| placed.len() <= 2) {
            outline.paragraph(paragraph(&words, &placed, role));
            continue;
        }
        let larger = block.size > 1.12 * body;
        if larger && is_pull_quote(&text, &body_triples) {
            continue;
        }
        let count = text.split_whitespace().count();
        if (larger || block.bold) && count <= 20 && placed.len() <= 5 && !ends_sentence(&text) {
            outline.heading(paragraph(&words, &placed, Role::Body));
            last_line = None;
            continue;
        }
        if block.size < 0.92 * body {
            if placed[0].line.marked {
                notes.push(paragraph(&words, &placed, Role::Footnote));
            } else {
                outline.paragraph(paragraph(&words, &placed, Role::Caption));
            }
            continue;
        }
        body_paragraphs(&mut outline, &words, block, &placed, last_line);
        last_line = placed.last().map(|p| (*p, block.rect.right));
    }
    if !notes.is_empty() {
        outline.open_section().paragraphs.extend(notes);
    }
    Article {
        title,
        sections: outline.finish(),
    }
}

/// The title: the first page's largest text, when it is larger than the body and short.
fn title_block(blocks: &[Block], lines: &[Placed], body: f32) -> Option<usize> {
    let first_page = |b: &Block| lines[b.lines[0]].line.page == 0;
    let largest = blocks
        .iter()
        .filter(|b| first_page(b))
        .map(|b| b.size)
        .fold(0.0f32, f32::max);
    if largest < 1.2 * body {
        return None;
    }
    blocks
        .iter()
        .position(|b| first_page(b) && b.size >= largest * 0.98 && b.lines.len() <= 4)
}

/// Larger text most of whose word triples the body has: a quote pulled from the article.
fn is_pull_quote(text: &str, body: &HashSet<String>) -> bool {
    let own = triples(text);
    own.len() >= 3
        && own.len() <= 60
        && own.iter().filter(|t| body.contains(*t)).count() * 10 >= own.len() * 7
}

/// Runs of three words, lower case, letters and digits only.
fn triples(text: &str) -> Vec<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(3).map(|w| w.join(" ")).collect()
}

/// A block's lines as one paragraph of `role`.
fn paragraph(words: &Vocabulary, placed: &[&Placed], role: Role) -> Paragraph {
    let mut paragraph = Paragraph {
        role,
        ..Paragraph::default()
    };
    append_lines(&mut paragraph, &as_lines(placed), words);
    paragraph
}

fn as_lines<'a>(placed: &[&'a Placed]) -> Vec<Line<'a>> {
    placed
        .iter()
        .map(|p| Line {
            text: p.line.text.as_str(),
            span: p.span,
        })
        .collect()
}

/// A body block's lines as paragraphs, the first going on with the paragraph before it (from
/// the foot of the last column) when that did not end.
fn body_paragraphs(
    outline: &mut Outline,
    words: &Vocabulary,
    block: &Block,
    placed: &[&Placed],
    before: Option<(&Placed, f32)>,
) {
    let indent = |p: &Placed| p.line.rect.left > block.rect.left + 0.8 * p.line.size;
    let mut runs: Vec<Vec<&Placed>> = Vec::new();
    for (k, line) in placed.iter().enumerate() {
        let new = match k.checked_sub(1).map(|j| placed[j]) {
            None => true,
            Some(previous) => {
                indent(line)
                    || (previous.line.rect.right < block.rect.right - 2.0 * previous.line.size
                        && ends_sentence(&previous.line.text))
            }
        };
        if new {
            runs.push(Vec::new());
        }
        if let Some(run) = runs.last_mut() {
            run.push(line);
        }
    }
    let previous_text = outline
        .last_paragraph()
        .filter(|p| p.role == Role::Body)
        .map(|p| p.text.clone());
    let goes_on = match (previous_text, before) {
        (Some(text), Some((last, right))) => {
            let first_indented = block.lines.len() > 1 && indent(placed[0]);
            let full = last.line.rect.right >= right - 2.0 * last.line.size;
            !ends_sentence(&text) || (block.lines.len() > 1 && !first_indented && full)
        }
        _ => false,
    };
    for (k, run) in runs.into_iter().enumerate() {
        let lines = as_lines(&run);
        if k == 0 && goes_on {
            if let Some(paragraph) = outline.open_section().paragraphs.last_mut() {
                append_lines(paragraph, &lines, words);
                continue;
            }
        }
        let mut paragraph = Paragraph::default();
        append_lines(&mut paragraph, &lines, words);
        outline.paragraph(paragraph);
    }
}
