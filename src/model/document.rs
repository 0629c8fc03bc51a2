//! A [`Document`]: one article as titled sections of paragraphs, with a map back to its source.

use super::SourceSpan;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One ingested article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The file it was read from, as the user named it.
    pub source: String,
    /// The article's title: the first line of plain text, or the leading heading of Markdown.
    pub title: Paragraph,
    /// Sections in reading order. The first has no heading of its own (it follows the title).
    pub sections: Vec<Section>,
    /// Who wrote it, where the file says (an EPUB's creator, an HTML page's author tag).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// When it was published, where the file says (Markdown front matter's `date`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// What it is about in a sentence or two, where the file says (a web page's description).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The language it says it is in (a web page's `<html lang>`: "en-GB", "fr").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// What reading the file noticed and the user should be told, one line each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
}

/// A run of paragraphs under one heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// `None` for the untitled opening section that follows the article title.
    pub heading: Option<Paragraph>,
    pub paragraphs: Vec<Paragraph>,
}

/// A reflowed paragraph of written text and where each part of it came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub text: String,
    pub map: SourceMap,
    /// Body text, or a photo caption or credit that the script may skip.
    #[serde(default)]
    pub role: Role,
}

/// What a paragraph is in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    #[default]
    Body,
    /// A photo caption ("Mass rally at Independence Square in Bamako, ...").
    Caption,
    /// A photo credit ("Photo: AFP/Getty Images").
    Credit,
    /// A block of code on a web page (a `<pre>` of code, not of prose), which the script may skip.
    Code,
    /// Who wrote it ("By Maria Chen, Metro Reporter"), a line of its own near the top.
    Byline,
    /// A note at the foot of a page (a PDF's footnote), read at the end of its article.
    Footnote,
    /// When it was published ("Published Tues., Nov. 18, 2025").
    PublicationDate,
    /// Where the story was filed, opening its first paragraph ("WASHINGTON —").
    Dateline,
}

impl Paragraph {
    /// A paragraph whose text was taken verbatim from one place in the source.
    pub fn verbatim(text: &str, at: SourceSpan) -> Paragraph {
        let mut map = SourceMap::default();
        // A title made up by us (a file stem) has an empty span and maps to no source text.
        map.push(0, at, text.len().min(at.end.saturating_sub(at.start)));
        Paragraph {
            text: text.to_string(),
            map,
            role: Role::Body,
        }
    }

    /// Splits the paragraph at byte `at` of its text: `self` keeps the text before `at` (with
    /// its end trimmed), and the rest (its leading spaces trimmed) is returned with its own map
    /// and `self`'s role.
    pub fn split_off(&mut self, at: usize) -> Paragraph {
        let rest = &self.text[at..];
        let start = at + (rest.len() - rest.trim_start().len());
        let map = self.map.split_off(start, &self.text);
        let tail = Paragraph {
            text: self.text[start..].to_string(),
            map,
            role: self.role,
        };
        self.text.truncate(self.text[..at].trim_end().len());
        tail
    }

    /// The source span of the text range `range` of this paragraph.
    pub fn span_of(&self, range: Range<usize>) -> SourceSpan {
        self.map.span_of(range)
    }

    /// The source span of the whole paragraph.
    pub fn span(&self) -> SourceSpan {
        self.map.span_of(0..self.text.len())
    }
}

/// Maps byte offsets of reflowed text back to the source. Each piece is a run of text copied
/// unchanged from the source; text between pieces (joining spaces) belongs to the piece before.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SourceMap {
    pieces: Vec<MapPiece>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct MapPiece {
    text_start: usize,
    len: usize,
    source: SourceSpan,
}

impl SourceMap {
    /// Records that `len` bytes of text starting at `text_start` were copied from `source`.
    pub fn push(&mut self, text_start: usize, source: SourceSpan, len: usize) {
        self.pieces.push(MapPiece {
            text_start,
            len,
            source,
        });
    }

    /// The map of the text from byte `at` of `text` (which this map is for) on, offsets
    /// starting again at 0; `self` keeps the pieces before `at`.
    fn split_off(&mut self, at: usize, text: &str) -> SourceMap {
        let mut tail = SourceMap::default();
        let mut kept = Vec::new();
        for piece in self.pieces.drain(..) {
            let end = piece.text_start + piece.len;
            if end <= at {
                kept.push(piece);
            } else if piece.text_start >= at {
                tail.push(piece.text_start - at, piece.source, piece.len);
            } else {
                let head = at - piece.text_start;
                let chars = text
                    .get(piece.text_start..at)
                    .map_or(head, |t| t.chars().count());
                kept.push(MapPiece { len: head, ..piece });
                let source = SourceSpan {
                    start: piece.source.start + head,
                    column: piece.source.column + chars,
                    ..piece.source
                };
                tail.push(0, source, piece.len - head);
            }
        }
        if tail.pieces.is_empty() {
            // Joining text after the last piece belongs to it: the tail starts where it ends.
            if let Some(last) = kept.last() {
                let source = SourceSpan {
                    start: last.source.start + last.len,
                    ..last.source
                };
                tail.push(0, source, 0);
            }
        }
        self.pieces = kept;
        tail
    }

    /// The source span covering the text range `range`.
    pub fn span_of(&self, range: Range<usize>) -> SourceSpan {
        let Some(first) = self.piece_at(range.start) else {
            return SourceSpan::default();
        };
        let last = self
            .piece_at(range.end.saturating_sub(1).max(range.start))
            .unwrap_or(first);
        let start = first.source.start + (range.start - first.text_start).min(first.len);
        let end = last.source.start + (range.end.saturating_sub(last.text_start)).min(last.len);
        let column = first.source.column + (start - first.source.start);
        SourceSpan {
            start,
            end: end.max(start),
            line: first.source.line,
            column,
            page: first.source.page,
        }
    }

    fn piece_at(&self, offset: usize) -> Option<&MapPiece> {
        let index = self.pieces.partition_point(|p| p.text_start <= offset);
        self.pieces.get(index.saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, line: usize) -> SourceSpan {
        SourceSpan {
            start,
            end: start + 5,
            line,
            column: 1,
            ..SourceSpan::default()
        }
    }

    #[test]
    fn a_range_across_two_pieces_covers_both_source_runs() {
        let mut map = SourceMap::default();
        map.push(0, span(100, 3), 5); // "hello"
        map.push(6, span(200, 4), 5); // "world"
        let joined = map.span_of(0..11);
        assert_eq!((joined.start, joined.end, joined.line), (100, 205, 3));
        let second = map.span_of(7..9);
        assert_eq!((second.start, second.end, second.line), (201, 203, 4));
    }
}
