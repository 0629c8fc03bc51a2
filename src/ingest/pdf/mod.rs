//! PDF: the article a PDF shows, read in the order a reader takes it.
//!
//! PDFium (the library Chromium uses, loaded at run time) gives each page's characters with
//! their boxes and fonts ([`glyphs`]); they become lines ([`lines`]); running heads and feet
//! are set aside ([`furniture`]); each page's lines are gathered into blocks read column by
//! column ([`order`]); and the blocks become the title, headings, paragraphs, captions and
//! footnotes of the article ([`layout`]). A pull quote (larger text repeating the body) and
//! footnote markers are not read.
//!
//! Spans point into the PDF's text as voxpress read it: every line of a page in the order the
//! file draws them, one a line, pages parted by form feeds; a span names its page and its line on
//! that page.

mod furniture;
pub mod glyphs;
mod layout;
mod lines;
mod order;
mod rect;

use super::IngestError;
use crate::model::{Document, Paragraph, SourceSpan};
use glyphs::ReadFailure;
use layout::Placed;

/// Pages past this many are not read (a guard on time and memory; a book is not an article).
pub const MAX_PAGES: usize = 2000;

/// Parses the PDF `bytes` read from the file `name`.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    let fail = |message: String| IngestError::Pdf {
        path: name.to_string(),
        message,
    };
    let text = glyphs::read(bytes).map_err(|e| match e {
        ReadFailure::Library(why) => IngestError::PdfLibrary {
            path: name.to_string(),
            why,
        },
        ReadFailure::Encrypted => fail(
            "it is protected by a password; open it and save a copy without one, then give that"
                .into(),
        ),
        ReadFailure::Broken(why) => fail(format!(
            "it is damaged or not a PDF ({why}); open it in a PDF reader and save it again, or give its text"
        )),
    })?;
    if text.pages.len() > MAX_PAGES {
        return Err(fail(format!(
            "it has {} pages, more than the {MAX_PAGES} voxpress reads; split it into articles",
            text.pages.len()
        )));
    }
    let any_text = text
        .pages
        .iter()
        .any(|p| p.glyphs.iter().any(|g| g.c.is_alphanumeric()));
    if !any_text {
        return Err(fail(
            "it has no text layer (a scan or pictures of pages); run it through OCR (for instance ocrmypdf) and give the result".into(),
        ));
    }
    let all: Vec<lines::TextLine> = text
        .pages
        .iter()
        .enumerate()
        .flat_map(|(k, page)| lines::lines(page, k))
        .collect();
    let spans = layer_spans(&all);
    let placed: Vec<Placed> = all
        .iter()
        .zip(spans)
        .map(|(line, span)| Placed { line, span })
        .collect();
    let body = body_size(&all);
    let heights: Vec<f32> = text.pages.iter().map(|p| p.height).collect();
    let own_title = text.title.as_deref().filter(|t| !looks_like_file_name(t));
    let running = furniture::running(&all, &heights, body, own_title);
    let mut blocks = Vec::new();
    let mut start = 0;
    while start < all.len() {
        let page = all[start].page;
        let end = start + all[start..].iter().take_while(|l| l.page == page).count();
        for mut block in order::blocks(&all[start..end], &running[start..end]) {
            block.lines.iter_mut().for_each(|k| *k += start);
            blocks.push(block);
        }
        start = end;
    }
    let article = layout::article(&blocks, &placed, body);
    let title = article.title.unwrap_or_else(|| {
        let text = own_title
            .map(str::to_string)
            .unwrap_or_else(|| super::title_from_file_name(name));
        Paragraph::verbatim(&text, SourceSpan::default())
    });
    Ok(Document {
        source: name.to_string(),
        title,
        sections: article.sections,
        author: text.author,
        date: None,
        description: None,
        language: None,
        notices: Vec::new(),
    })
}

/// Each line's span in the PDF's text: lines one a line, pages parted by a form feed.
fn layer_spans(all: &[lines::TextLine]) -> Vec<SourceSpan> {
    let mut offset = 0;
    let mut page = usize::MAX;
    let mut line_on_page = 0;
    all.iter()
        .map(|line| {
            if line.page != page {
                if page != usize::MAX {
                    offset += 1; // the form feed
                }
                page = line.page;
                line_on_page = 0;
            }
            line_on_page += 1;
            let span = SourceSpan {
                start: offset,
                end: offset + line.text.len(),
                line: line_on_page,
                column: 1,
                page: line.page + 1,
            };
            offset += line.text.len() + 1;
            span
        })
        .collect()
}

/// The body text's size: the size most characters are set in (to the half point).
fn body_size(all: &[lines::TextLine]) -> f32 {
    let mut counts: std::collections::HashMap<i32, usize> = Default::default();
    for line in all {
        *counts.entry((line.size * 2.0).round() as i32).or_default() += line.text.len();
    }
    counts
        .into_iter()
        .max_by_key(|&(size, n)| (n, -size))
        .map_or(10.0, |(size, _)| size as f32 / 2.0)
}

/// A title a program wrote for the file rather than the article ("Microsoft Word - a.docx").
fn looks_like_file_name(title: &str) -> bool {
    let lower = title.to_lowercase();
    lower.starts_with("microsoft ")
        || lower.ends_with(".doc")
        || lower.ends_with(".docx")
        || lower.ends_with(".pdf")
        || lower.ends_with(".html")
        || lower.starts_with("untitled")
}
