//! Where a piece of text came from: a byte range of the source file and the line it starts on.

use serde::{Deserialize, Serialize};

/// A byte range `start..end` of a source file, with the 1-based line and column of `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SourceSpan {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

impl SourceSpan {
    /// The smallest span covering both `self` and `other` (line and column of the earlier start).
    pub fn cover(self, other: SourceSpan) -> SourceSpan {
        let first = if other.start < self.start {
            other
        } else {
            self
        };
        SourceSpan {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
            line: first.line,
            column: first.column,
        }
    }
}
