//! Splits source text into trimmed lines that remember their byte offset and line number.

use crate::model::SourceSpan;

/// One line of the source with surrounding white space removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub text: &'a str,
    pub span: SourceSpan,
}

/// Every line of `text`, trimmed; blank lines are kept (with empty text) so callers see breaks.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (index, raw) in text.split('\n').enumerate() {
        let leading = raw.len() - raw.trim_start_matches(is_blank).len();
        let trimmed = raw.trim_matches(is_blank);
        let start = offset + leading;
        let column = raw[..leading].chars().count() + 1;
        out.push(Line {
            text: trimmed,
            span: SourceSpan {
                start,
                end: start + trimmed.len(),
                line: index + 1,
                column,
                page: 0,
            },
        });
        offset += raw.len() + 1;
    }
    out
}

/// White space, including the no-break, zero-width and BOM characters PDFs leave behind.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{00a0}' | '\u{2060}')
}

/// Groups lines into blocks separated by one or more blank lines.
pub fn blocks<'a>(lines: &[Line<'a>]) -> Vec<Vec<Line<'a>>> {
    let mut blocks = Vec::new();
    let mut current = Vec::new();
    for line in lines {
        if line.text.is_empty() {
            if !current.is_empty() {
                blocks.push(std::mem::take(&mut current));
            }
        } else {
            current.push(*line);
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_spaces_are_trimmed_but_offsets_point_at_the_text() {
        let src = "Title\n  indented line\n";
        let l = lines(src);
        assert_eq!(l[1].text, "indented line");
        assert_eq!(&src[l[1].span.start..l[1].span.end], "indented line");
        assert_eq!((l[1].span.line, l[1].span.column), (2, 3));
    }
}
