//! EPUB: a book becomes one document whose chapters are its sections.
//!
//! The package file named by `META-INF/container.xml` gives the book's title and its spine, the
//! chapter files in reading order. Each chapter file is read as HTML ([`super::html`]): its first
//! heading, when it comes before any text, names the chapter, and its later headings start
//! sections of their own. A chapter file without a heading is named by the book's table of
//! contents (the EPUB 3 navigation document, else the EPUB 2 NCX) when it lists the file, and
//! otherwise (a part of a chapter split over two files) goes on the section before it. The
//! navigation document, contents pages (text that is mostly links) and files marked
//! `linear="no"` are not read. Spans and lines point into the chapter's own XHTML file inside the
//! book.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use super::html::{read_page, sections, Kind, Page};
use super::IngestError;
use crate::model::{Document, Paragraph, Section, SourceSpan};

/// No file inside a book is read past this size (a guard against a zip bomb).
const MAX_ENTRY_BYTES: u64 = 64 << 20;
/// A chapter file whose text is at least this much link text is a contents page, not read.
const CONTENTS_LINK_SHARE: f64 = 0.7;

/// Parses the EPUB `bytes` read from the file `name`.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    let bad = |message: String| IngestError::Epub {
        path: name.to_string(),
        message,
    };
    let mut book = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(format!("it is not a zip archive ({e})")))?;
    let package_path = package_path(&mut book).map_err(&bad)?;
    let package_text = entry(&mut book, &package_path).map_err(&bad)?;
    let package = Package::parse(&package_text, &package_path)
        .map_err(|e| bad(format!("{package_path}: {e}")))?;

    if let Some(locked) = encrypted_chapter(&mut book, &package.spine) {
        return Err(bad(format!(
            "{locked} is encrypted (the book has DRM); voxpress can read only books without it"
        )));
    }
    let contents = package.contents_labels(&mut book);

    let mut all: Vec<Section> = Vec::new();
    for file in &package.spine {
        let page = read_page(&entry(&mut book, file).map_err(&bad)?);
        if page.blocks.len() >= 3 && page.link_share >= CONTENTS_LINK_SHARE {
            continue; // a contents page: a list of links to the chapters
        }
        let (title, chapter) = chapter_outline(page, contents.get(file));
        add_chapter(&mut all, title, chapter);
    }
    let title = package
        .title
        .unwrap_or_else(|| super::title_from_file_name(name));
    Ok(Document {
        source: name.to_string(),
        title: Paragraph::verbatim(&title, SourceSpan::default()),
        sections: all,
        author: package.author,
        date: None,
        description: None,
        language: None,
        notices: Vec::new(),
    })
}

/// One chapter file's title (its first heading when it comes before any text, else its label in
/// the table of contents) and its sections.
fn chapter_outline(page: Page, label: Option<&String>) -> (Option<Paragraph>, Vec<Section>) {
    let first_text = page
        .blocks
        .iter()
        .position(|b| !matches!(b.kind, Kind::Heading(_)));
    let title_at = page
        .blocks
        .iter()
        .position(|b| matches!(b.kind, Kind::Heading(_)))
        .filter(|&h| first_text.is_none_or(|t| h < t));
    let (title, mut chapter) = sections(page.blocks, title_at);
    if title.is_some() {
        return (title, chapter);
    }
    let Some(label) = label else {
        return (None, chapter);
    };
    // A chapter title styled as a paragraph ("Chapter Three") is said once, as the label.
    if let Some(first) = chapter.first_mut().filter(|s| s.heading.is_none()) {
        let label_lower = label.to_lowercase();
        let repeats_label = first.paragraphs.first().is_some_and(|p| {
            let text = p.text.trim().trim_end_matches('.').to_lowercase();
            label_lower.contains(text.as_str())
        });
        if repeats_label {
            first.paragraphs.remove(0);
        }
    }
    (
        Some(Paragraph::verbatim(label, SourceSpan::default())),
        chapter,
    )
}

/// Adds a chapter to the book's sections: its title heads its first section, and a chapter file
/// with no title continues the section before it.
fn add_chapter(all: &mut Vec<Section>, title: Option<Paragraph>, mut chapter: Vec<Section>) {
    match (title, chapter.first_mut()) {
        (Some(title), Some(first)) if first.heading.is_none() => first.heading = Some(title),
        (Some(title), _) => chapter.insert(
            0,
            Section {
                heading: Some(title),
                paragraphs: Vec::new(),
            },
        ),
        (None, Some(first)) if first.heading.is_none() => {
            if let Some(previous) = all.last_mut() {
                previous.paragraphs.append(&mut first.paragraphs);
                chapter.remove(0);
            }
        }
        (None, _) => {}
    }
    all.extend(chapter);
}

/// The first chapter file that `META-INF/encryption.xml` lists as encrypted (fonts obfuscated by
/// the publisher are listed there too, and do not matter).
fn encrypted_chapter(
    book: &mut zip::ZipArchive<Cursor<&[u8]>>,
    spine: &[String],
) -> Option<String> {
    let xml = entry(book, "META-INF/encryption.xml").ok()?;
    let doc = roxmltree::Document::parse_with_options(&xml, xml_options()).ok()?;
    doc.descendants()
        .filter(|n| n.has_tag_name("CipherReference"))
        .filter_map(|n| n.attribute("URI"))
        .map(|uri| resolve("", uri))
        .find(|path| spine.contains(path))
}

/// The package (OPF) file's path: from `META-INF/container.xml`, else the first `.opf` file.
fn package_path(book: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<String, String> {
    if let Ok(container) = entry(book, "META-INF/container.xml") {
        let xml = roxmltree::Document::parse_with_options(&container, xml_options())
            .map_err(|e| format!("META-INF/container.xml is not valid XML ({e})"))?;
        if let Some(path) = xml
            .descendants()
            .find(|n| n.has_tag_name("rootfile"))
            .and_then(|n| n.attribute("full-path"))
        {
            return Ok(path.to_string());
        }
    }
    book.file_names()
        .find(|n| n.ends_with(".opf"))
        .map(str::to_string)
        .ok_or_else(|| "it has no package file (META-INF/container.xml or an .opf file)".into())
}

/// The text of the file `path` inside the book.
fn entry(book: &mut zip::ZipArchive<Cursor<&[u8]>>, path: &str) -> Result<String, String> {
    let file = book
        .by_name(path)
        .map_err(|_| format!("{path} is listed but missing from the book"))?;
    let mut bytes = Vec::new();
    file.take(MAX_ENTRY_BYTES)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{path} cannot be unpacked ({e})"))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn xml_options<'input>() -> roxmltree::ParsingOptions<'input> {
    roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    }
}

/// What the package file says: the title and the chapter files in reading order.
struct Package {
    title: Option<String>,
    author: Option<String>,
    spine: Vec<String>,
    /// The EPUB 3 navigation document and the EPUB 2 NCX, where the book has them.
    navigation: Option<String>,
    ncx: Option<String>,
}

impl Package {
    fn parse(xml: &str, path: &str) -> Result<Package, String> {
        let doc = roxmltree::Document::parse_with_options(xml, xml_options())
            .map_err(|e| format!("not valid XML ({e})"))?;
        let metadata = |name: &str| {
            doc.descendants()
                .find(|n| {
                    n.tag_name().name() == name
                        && n.ancestors().any(|a| a.tag_name().name() == "metadata")
                })
                .and_then(|n| n.text())
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| t.chars().any(char::is_alphanumeric))
        };
        let (title, author) = (metadata("title"), metadata("creator"));
        let base = path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let items: Vec<(&str, &str, &str, &str)> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "item")
            .filter_map(|n| {
                Some((
                    n.attribute("id")?,
                    n.attribute("href")?,
                    n.attribute("media-type").unwrap_or(""),
                    n.attribute("properties").unwrap_or(""),
                ))
            })
            .collect();
        let spine: Vec<String> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "itemref")
            .filter(|n| n.attribute("linear") != Some("no"))
            .filter_map(|n| {
                let idref = n.attribute("idref")?;
                let (_, href, media, properties) = items.iter().find(|i| i.0 == idref)?;
                let readable = media.contains("html") || media.is_empty();
                let navigation = properties.split_whitespace().any(|p| p == "nav");
                (readable && !navigation).then(|| resolve(base, href))
            })
            .collect();
        if spine.is_empty() {
            return Err("its spine lists no chapters to read".into());
        }
        let navigation = items
            .iter()
            .find(|i| i.3.split_whitespace().any(|p| p == "nav"))
            .map(|i| resolve(base, i.1));
        let ncx_id = doc
            .descendants()
            .find(|n| n.tag_name().name() == "spine")
            .and_then(|n| n.attribute("toc"));
        let ncx = items
            .iter()
            .find(|i| Some(i.0) == ncx_id || i.2 == "application/x-dtbncx+xml")
            .map(|i| resolve(base, i.1));
        Ok(Package {
            title,
            author,
            spine,
            navigation,
            ncx,
        })
    }

    /// The book's table of contents as the first label given to each chapter file, from the
    /// navigation document or else the NCX. A table that cannot be read gives no labels: they
    /// only name chapter files that have no heading of their own.
    fn contents_labels(
        &self,
        book: &mut zip::ZipArchive<Cursor<&[u8]>>,
    ) -> HashMap<String, String> {
        let mut labels = HashMap::new();
        let tables = [
            (&self.navigation, "a", "href"),
            (&self.ncx, "navPoint", "src"),
        ];
        for (path, entry_tag, link_attribute) in tables {
            let Some(path) = path else { continue };
            let Ok(xml) = entry(book, path) else { continue };
            let Ok(doc) = roxmltree::Document::parse_with_options(&xml, xml_options()) else {
                continue;
            };
            let base = path.rsplit_once('/').map_or("", |(dir, _)| dir);
            let other_list = |n: &roxmltree::Node| {
                n.ancestors().any(|a| {
                    a.has_tag_name("nav")
                        && a.attributes().any(|t| {
                            t.name() == "type"
                                && (t.value().contains("landmarks")
                                    || t.value().contains("page-list"))
                        })
                })
            };
            for node in doc
                .descendants()
                .filter(|n| n.has_tag_name(entry_tag) && !other_list(n))
            {
                // A navigation link holds its label; an NCX point holds a label and a content.
                let (label_node, link) = if entry_tag == "a" {
                    (Some(node), node.attribute(link_attribute))
                } else {
                    let content = node.children().find(|c| c.has_tag_name("content"));
                    (
                        node.children().find(|c| c.has_tag_name("navLabel")),
                        content.and_then(|c| c.attribute(link_attribute)),
                    )
                };
                let (Some(label_node), Some(link)) = (label_node, link) else {
                    continue;
                };
                let label: Vec<&str> = label_node
                    .descendants()
                    .filter_map(|t| t.is_text().then(|| t.text()).flatten())
                    .flat_map(str::split_whitespace)
                    .collect();
                if !label.is_empty() {
                    labels
                        .entry(resolve(base, link))
                        .or_insert_with(|| label.join(" "));
                }
            }
            if !labels.is_empty() {
                break;
            }
        }
        labels
    }
}

/// `href` (relative to the folder `base`, maybe with `%20` escapes and a `#fragment`) as a path
/// inside the book.
fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or(href);
    let href = percent_decode(href);
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_paths_are_resolved_against_the_package_folder() {
        assert_eq!(
            resolve("OEBPS", "text/ch%201.xhtml#top"),
            "OEBPS/text/ch 1.xhtml"
        );
        assert_eq!(
            resolve("OEBPS/pkg", "../text/ch1.xhtml"),
            "OEBPS/text/ch1.xhtml"
        );
        assert_eq!(resolve("", "ch1.xhtml"), "ch1.xhtml");
    }
}
