//! Byte offsets in a source file as spans with a line and a column (in characters, from 1).
//!
//! Offsets are mostly asked for in increasing order, so the column is counted on from the last
//! one asked for on the same line: a long line (minified HTML, a one-line Markdown paragraph) is
//! counted once, not once per piece of text on it.

use crate::model::SourceSpan;

pub(super) struct Positions<'t> {
    source: &'t str,
    line_starts: Vec<usize>,
    /// The last offset asked for, its line and its column.
    last: (usize, usize, usize),
}

impl<'t> Positions<'t> {
    pub fn new(source: &'t str) -> Self {
        Positions {
            source,
            line_starts: std::iter::once(0)
                .chain(source.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            last: (0, 1, 1),
        }
    }

    /// The span of the bytes `start..end` (clamped to the source).
    pub fn span(&mut self, start: usize, end: usize) -> SourceSpan {
        let start = start.min(self.source.len());
        let line = self.line_starts.partition_point(|&s| s <= start);
        let (at, at_line, at_column) = self.last;
        let (from, column) = if at_line == line && at <= start {
            (at, at_column)
        } else {
            (self.line_starts[line - 1], 1)
        };
        let column = column
            + self
                .source
                .get(from..start)
                .map_or(0, |s| s.chars().count());
        self.last = (start, line, column);
        SourceSpan {
            start,
            end: end.clamp(start, self.source.len()),
            line,
            column,
            page: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Positions;

    #[test]
    fn columns_count_characters_in_any_order_of_asking() {
        let text = "ab\nçd é\n";
        let mut positions = Positions::new(text);
        let e = text.find('é').unwrap();
        let at = |p: &mut Positions, o: usize| (p.span(o, o).line, p.span(o, o).column);
        assert_eq!(at(&mut positions, e), (2, 4));
        assert_eq!(at(&mut positions, 1), (1, 2));
        assert_eq!(at(&mut positions, 3), (2, 1));
        assert_eq!(at(&mut positions, e), (2, 4));
    }
}
