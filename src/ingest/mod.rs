//! Ingest: a file on disk becomes a [`Document`] of titled sections and paragraphs.
//!
//! The file is read and checked ([`decode`]: present, not empty, not binary, in a known encoding,
//! stray control characters set aside), then parsed by
//! its format: Markdown ([`markdown`]) for `.md` and `.markdown`, HTML ([`web`]: the article of a
//! web page as two extractors find it ([`extract`]), laid over the page's blocks ([`html`])) for
//! `.html` and `.htm`, EPUB ([`epub`]: a book, its chapters as sections) for `.epub`, PDF
//! ([`pdf`]: through PDFium, read column by column) for `.pdf` or a file that starts as one,
//! otherwise plain text ([`plain`]), which reflows text pasted from a PDF (what the PDF carried
//! besides the article found first by [`pasted`], line-end hyphens decided by `hyphens`). An
//! article given by web address is fetched into the page cache first ([`fetch`]). Every
//! paragraph keeps a map back to the byte ranges and lines of the file it came from.

mod align;
mod debris;
pub mod decode;
pub mod epub;
mod error;
pub mod extract;
pub mod fetch;
pub mod html;
mod hyphens;
mod lines;
pub mod markdown;
pub mod openings;
mod outline;
mod pasted;
pub mod pdf;
pub mod plain;
mod positions;
pub mod web;

pub use decode::Encoding;
pub use error::IngestError;

use crate::model::Document;
use std::path::Path;

/// The formats ingest understands, chosen from the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
    Html,
    /// A book: read from its file, not from text.
    Epub,
    /// A PDF: read from its file through PDFium.
    Pdf,
}

impl Format {
    /// The format for `path`, or an error naming formats we cannot read yet.
    pub fn of(path: &Path) -> Result<Format, IngestError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "md" | "markdown" | "mdown" => Ok(Format::Markdown),
            "html" | "htm" | "xhtml" => Ok(Format::Html),
            "epub" => Ok(Format::Epub),
            "pdf" => Ok(Format::Pdf),
            "docx" | "doc" | "odt" | "rtf" => Err(IngestError::Unsupported {
                path: path.display().to_string(),
                format: ext,
            }),
            _ => Ok(Format::Plain),
        }
    }
}

/// A title made from the file's name when the file has none: "harbor-year.epub" -> "harbor year".
fn title_from_file_name(name: &str) -> String {
    std::path::Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name)
        .replace(['_', '-'], " ")
}

/// Reads one article: a file, or the page at a web address (fetched into `pages` unless cached
/// there). Its text is in `encoding` (`None`: UTF-8 unless a byte order mark says otherwise; a
/// fetched page is decoded by its charset). Errors name the file or address.
pub fn read_article(
    input: &Path,
    encoding: Option<Encoding>,
    pages: &fetch::PageCache,
) -> Result<Document, IngestError> {
    let name = input.to_string_lossy();
    if !fetch::is_address(&name) {
        return read_document_in(input, encoding);
    }
    let cached = fetch::page(name.trim(), pages)?;
    let rename = |path: String| {
        if path == cached.display().to_string() {
            name.to_string()
        } else {
            path
        }
    };
    let mut document = read_document_in(&cached, None).map_err(|e| match e {
        IngestError::NothingToSay { path } => IngestError::NothingToSay { path: rename(path) },
        IngestError::Empty { path } => IngestError::Empty { path: rename(path) },
        IngestError::Pdf { path, message } => IngestError::Pdf {
            path: rename(path),
            message,
        },
        IngestError::PdfLibrary { path, why } => IngestError::PdfLibrary {
            path: rename(path),
            why,
        },
        other => other,
    })?;
    document.source = name.to_string();
    let own = cached.display().to_string();
    for notice in &mut document.notices {
        *notice = notice.replace(&own, &name);
    }
    Ok(document)
}

/// Reads and parses one article file, UTF-8 unless a byte order mark says otherwise.
pub fn read_document(path: &Path) -> Result<Document, IngestError> {
    read_document_in(path, None)
}

/// Reads and parses one article file whose text is in `encoding` (`None`: UTF-8 unless a byte
/// order mark says otherwise). What the reading noticed is in the document's `notices`.
pub fn read_document_in(path: &Path, encoding: Option<Encoding>) -> Result<Document, IngestError> {
    let format = Format::of(path)?;
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| IngestError::Read {
        path: name.clone(),
        source,
    })?;
    if format == Format::Epub {
        if bytes.is_empty() {
            return Err(IngestError::Empty { path: name });
        }
        return something_to_say(&name, epub::parse(&name, &bytes)?);
    }
    if format == Format::Pdf || bytes.starts_with(b"%PDF-") {
        if bytes.is_empty() {
            return Err(IngestError::Empty { path: name });
        }
        let mut document = pdf::parse(&name, &bytes)?;
        openings::split_dateline(&mut document);
        return something_to_say(&name, document);
    }
    let decoded = decode::decode(&name, &bytes, encoding)?;
    let mut notices = decoded.notices;
    let format = if format == Format::Plain && looks_like_html(&decoded.text) {
        notices.push(format!(
            "{name}: this is a web page saved as text; it is read as HTML (rename it .html to \
             say so)"
        ));
        Format::Html
    } else {
        format
    };
    let mut document = parse(&name, &decoded.text, format)?;
    document.notices = notices;
    Ok(document)
}

/// True when text starts as a web page does: a doctype, an `<html>` or `<head>` tag (after
/// blank lines and comments), or with markup that has both `<head` or `<body` and `</`.
pub fn looks_like_html(text: &str) -> bool {
    let start: String = text
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    if start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || start.starts_with("<head")
        || (start.starts_with("<?xml") && start.contains("<html"))
    {
        return true;
    }
    start.starts_with('<')
        && (start.contains("<body") || start.contains("<head"))
        && start.contains("</")
}

/// Parses text already in memory; `name` is used in errors and recorded as the document's source.
pub fn parse(name: &str, text: &str, format: Format) -> Result<Document, IngestError> {
    let mut document = match format {
        Format::Plain => plain::parse(name, text),
        Format::Markdown => markdown::parse(name, text),
        Format::Html => web::parse(name, text),
        Format::Epub => epub::parse(name, text.as_bytes())?,
        Format::Pdf => pdf::parse(name, text.as_bytes())?,
    };
    openings::split_dateline(&mut document);
    something_to_say(name, document)
}

/// The document, or an error if nothing in it can be spoken.
fn something_to_say(name: &str, document: Document) -> Result<Document, IngestError> {
    let speakable = |t: &str| t.chars().any(char::is_alphanumeric);
    // A title made up from the file stem does not count: it is not in the file.
    let title_span = document.title.span();
    let any_speech = (title_span.end > title_span.start && speakable(&document.title.text))
        || document.sections.iter().any(|s| {
            s.heading.as_ref().is_some_and(|h| speakable(&h.text))
                || s.paragraphs.iter().any(|p| speakable(&p.text))
        });
    if any_speech {
        Ok(document)
    } else {
        Err(IngestError::NothingToSay {
            path: name.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    #[test]
    fn web_pages_are_recognized_by_their_start_and_prose_is_not() {
        assert!(looks_like_html(
            "\n<!DOCTYPE html>\n<html><body>x</body></html>"
        ));
        assert!(looks_like_html("<html lang=\"en\">"));
        assert!(looks_like_html("<div><head></head><body>x</body>"));
        assert!(!looks_like_html("Use <b> for bold, she said."));
        assert!(!looks_like_html("The <html> tag starts a page."));
    }

    #[test]
    fn a_dateline_opening_the_lead_is_a_part_of_its_own_that_maps_to_its_source() {
        let body = "By Maria Chen\n\nWASHINGTON — The Senate passed it.\n\nMore.\n";
        for (format, title) in [(Format::Plain, ""), (Format::Markdown, "# ")] {
            let text = &format!("{title}Senate Passes Bill\n\n{body}");
            let doc = parse("a.txt", text, format).unwrap();
            let paragraphs = &doc.sections[0].paragraphs;
            let roles: Vec<Role> = paragraphs.iter().map(|p| p.role).collect();
            assert_eq!(
                roles,
                [Role::Byline, Role::Dateline, Role::Body, Role::Body],
                "{format:?}"
            );
            assert_eq!(paragraphs[1].text, "WASHINGTON —");
            assert_eq!(paragraphs[2].text, "The Senate passed it.");
            let lead = paragraphs[2].span();
            assert_eq!(&text[lead.start..lead.end], "The Senate passed it.");
            let dateline = paragraphs[1].span();
            assert_eq!(&text[dateline.start..dateline.end], "WASHINGTON —");
        }
        let doc = parse(
            "b.txt",
            "Title\n\nNATO — The alliance met.\n",
            Format::Plain,
        )
        .unwrap();
        assert_eq!(doc.sections[0].paragraphs[0].role, Role::Body);
    }
}
