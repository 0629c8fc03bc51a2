//! Errors of the ingest stage: each names the file and says what to do.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum IngestError {
    #[error("{path}: cannot read the file ({source}); check the path and its permissions")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: the file is empty; give an article with some text in it")]
    Empty { path: String },
    #[error(
        "{path}: this looks like a binary file, not text; give a .txt, .md, .html, .epub or edition .toml file"
    )]
    Binary { path: String },
    #[error("{path}:{line}:{column}: the file is not UTF-8 text; {hint}")]
    NotUtf8 {
        path: String,
        line: usize,
        column: usize,
        /// What to do: the encoding it seems to be in, or to re-save it as UTF-8.
        hint: String,
    },
    #[error(
        "{path}:{line}: the file starts as UTF-16 text but is broken there; re-save it as UTF-8"
    )]
    NotUtf16 { path: String, line: usize },
    #[error("{path}: nothing in the file can be spoken (no letters or digits); check it is the right file")]
    NothingToSay { path: String },
    #[error(
        "{path}: not a readable EPUB book: {message}; check the file, or export the book again"
    )]
    Epub { path: String, message: String },
    #[error("{path}: .{format} files are not supported yet; convert the article to HTML, Markdown or plain text")]
    Unsupported { path: String, format: String },
}
