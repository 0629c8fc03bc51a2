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
        "{path}: this looks like a binary file, not text; give a .txt, .md, .html, .epub, .pdf or edition .toml file"
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
    #[error("{path}: not a readable PDF: {message}")]
    Pdf { path: String, message: String },
    #[error("{path}: cannot read PDFs here: {why}; run `bash scripts/setup.sh` (or `voxpress setup`) or set PDFIUM_DYLIB_PATH")]
    PdfLibrary { path: String, why: String },
    #[error("{path}: .{format} files are not supported yet; convert the article to HTML, Markdown or plain text")]
    Unsupported { path: String, format: String },
    #[error("{url}: cannot fetch the page ({why}); check the address and the connection, or save the page and give the file")]
    Network { url: String, why: String },
    #[error("{url}: the server answered {status} ({}); {}", status_name(*status), status_advice(*status))]
    HttpStatus { url: String, status: u16 },
    #[error("{url}: this is {kind}; give the address of an article's page")]
    NotAPage { url: String, kind: String },
}

impl IngestError {
    /// True for a failure of the network, a server or the installation (PDFium missing): exit 1,
    /// not a fault of the input (exit 2).
    pub fn is_network(&self) -> bool {
        match self {
            IngestError::Network { .. } | IngestError::PdfLibrary { .. } => true,
            IngestError::HttpStatus { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }
}

/// The name of an HTTP status a user meets.
fn status_name(status: u16) -> &'static str {
    match status {
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not found",
        410 => "gone",
        429 => "too many requests",
        500 => "server error",
        502 => "bad gateway",
        503 => "unavailable",
        504 => "gateway timeout",
        _ if status >= 500 => "server error",
        _ => "not a page",
    }
}

/// What to do about an HTTP status.
fn status_advice(status: u16) -> &'static str {
    match status {
        401 | 403 => {
            "the page is not open to voxpress; save it from your browser and give the file"
        }
        404 | 410 => "check the address",
        429 => "wait a while and try again",
        _ if status >= 500 => "the server failed; try again later",
        _ => "check the address",
    }
}
