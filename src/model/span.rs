//! Where a piece of text came from: a byte range of the source file and the line it starts on.

use serde::{Deserialize, Serialize};

/// A byte range `start..end` of a source file, with the 1-based line and column of `start`.
/// In a paged source (a PDF) `page` is the 1-based page, `line` the line on that page and the
/// range is in the text voxpress read from the file (its pages joined by form feeds); elsewhere
/// `page` is 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SourceSpan {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub page: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl SourceSpan {
    /// Where the span starts, as a person finds it: "12" (a line), or "page 3, line 12".
    pub fn place(&self) -> String {
        if self.page > 0 {
            format!("page {}, line {}", self.page, self.line)
        } else {
            self.line.to_string()
        }
    }
}

/// 1-based line and column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// `text` read as TOML into `T`, or where and why not: (1-based line, column, message).
pub fn parse_toml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, (usize, usize, String)> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = line_column(text, e.span().map_or(0, |s| s.start));
        (line, column, e.message().trim().to_string())
    })
}
