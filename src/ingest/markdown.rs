//! Markdown: headings are sections, a leading heading is the title, prose is paragraphs.
//!
//! Paragraphs, list items, block quotes and table cells are read; code blocks, raw HTML and image
//! descriptions are not (a listener cannot use them); link text is read and its address is not.
//! When the file does not open with a heading, its file stem is the title.

use super::openings::{front_matter, opening_role};
use super::outline::Outline;
use super::positions::Positions;
use crate::model::{Document, Paragraph, Section};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Parses Markdown into a document; never fails (emptiness is checked by the caller).
pub fn parse(name: &str, text: &str) -> Document {
    // Front matter is not read: blanked (its line breaks kept, so positions hold) and used for
    // the title, author and date.
    let front = front_matter(text);
    let blanked: String;
    let text = match &front {
        Some(front) => {
            blanked = text[..front.len]
                .chars()
                .map(|c| if c == '\n' { c } else { ' ' })
                .collect::<String>()
                + &text[front.len..];
            blanked.as_str()
        }
        None => text,
    };
    let mut positions = Positions::new(text);
    let mut opening = true;

    let mut title: Option<Paragraph> = None;
    let mut outline = Outline::default();
    let mut open: Option<Paragraph> = None;
    let mut in_heading = false;
    let mut skip_depth = 0usize;

    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock | Tag::FootnoteDefinition(_),
            ) => {
                skip_depth += 1;
            }
            Event::End(
                TagEnd::CodeBlock | TagEnd::Image | TagEnd::HtmlBlock | TagEnd::FootnoteDefinition,
            ) => {
                skip_depth = skip_depth.saturating_sub(1);
            }
            _ if skip_depth > 0 => {}
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut open, &mut outline);
                in_heading = true;
                open = Some(Paragraph::default());
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                let heading = open.take().filter(|p| !p.text.trim().is_empty());
                let Some(heading) = heading else { continue };
                if title.is_none() && outline.is_empty() {
                    title = Some(heading);
                } else {
                    outline.heading(heading);
                }
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::TableHead | Tag::TableRow)
                if !in_heading =>
            {
                flush(&mut open, &mut outline);
                open = Some(Paragraph::default());
            }
            // A table is read row by row, its cells one after another: "Alvarez, 12,408".
            Event::Start(Tag::TableCell) => {
                if let Some(p) = open.as_mut().filter(|p| !p.text.trim().is_empty()) {
                    p.text.push_str(", ");
                }
            }
            Event::End(TagEnd::TableCell) => {}
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some(p) = open.as_mut().filter(|p| !p.text.trim().is_empty()) {
                    p.text.push('.');
                }
                flush(&mut open, &mut outline);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) if !in_heading => {
                if let Some(p) = open.as_mut().filter(|_| opening) {
                    match opening_role(&p.text) {
                        Some(role) => p.role = role,
                        None => opening = false,
                    }
                }
                flush(&mut open, &mut outline);
            }
            Event::Text(t) | Event::Code(t) => {
                let paragraph = open.get_or_insert_with(Paragraph::default);
                let exact = text.get(range.clone()) == Some(t.as_ref());
                let len = if exact {
                    t.len()
                } else {
                    t.len().min(range.len())
                };
                paragraph.map.push(
                    paragraph.text.len(),
                    positions.span(range.start, range.start + len),
                    len,
                );
                paragraph.text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(p) = open.as_mut() {
                    p.text.push(' ');
                }
            }
            _ => {}
        }
    }
    flush(&mut open, &mut outline);
    let sections = outline.finish();
    let front = front.unwrap_or_default();
    let title = match (title, front.title) {
        // The front matter's title names the article; a heading too is read as a section.
        (Some(heading), Some(named)) if heading.text.trim().eq_ignore_ascii_case(named.trim()) => {
            Paragraph { ..heading }
        }
        (Some(heading), Some(named)) => {
            let mut sections = sections;
            if sections.first().is_some_and(|s| s.heading.is_none()) {
                sections[0].heading = Some(heading);
            } else {
                sections.insert(
                    0,
                    Section {
                        heading: Some(heading),
                        paragraphs: Vec::new(),
                    },
                );
            }
            return Document {
                source: name.to_string(),
                title: Paragraph::verbatim(&named, positions.span(0, 0)),
                sections,
                author: front.author,
                date: front.date,
                description: None,
                language: None,
                notices: Vec::new(),
            };
        }
        (Some(heading), None) => heading,
        (None, Some(named)) => Paragraph::verbatim(&named, positions.span(0, 0)),
        (None, None) => {
            Paragraph::verbatim(&super::title_from_file_name(name), positions.span(0, 0))
        }
    };
    Document {
        source: name.to_string(),
        title,
        sections,
        author: front.author,
        date: front.date,
        description: None,
        language: None,
        notices: Vec::new(),
    }
}

fn flush(open: &mut Option<Paragraph>, outline: &mut Outline) {
    if let Some(mut p) = open.take() {
        let trimmed = p.text.trim_end().len();
        p.text.truncate(trimmed);
        if !p.text.trim().is_empty() {
            outline.paragraph(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_leading_heading_is_the_title_and_later_headings_are_sections() {
        let doc = parse(
            "a.md",
            "# Title\n\nIntro text.\n\n## Part two\n\nMore *text* here.\n",
        );
        assert_eq!(doc.title.text, "Title");
        assert_eq!(doc.sections.len(), 2);
        assert_eq!(doc.sections[1].heading.as_ref().unwrap().text, "Part two");
        assert_eq!(doc.sections[1].paragraphs[0].text, "More text here.");
        assert_eq!(doc.sections[1].paragraphs[0].span().line, 7);
    }

    #[test]
    fn code_blocks_and_link_addresses_are_not_read() {
        let doc = parse(
            "a.md",
            "# T\n\nSee [the site](https://example.com).\n\n```\nlet x = 1;\n```\n",
        );
        let texts: Vec<_> = doc
            .sections
            .iter()
            .flat_map(|s| &s.paragraphs)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(texts, ["See the site."]);
    }
}
