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
