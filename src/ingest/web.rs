//! A saved web page as an article: the extractors' choice of text ([`super::extract`]) laid over
//! the page's own blocks ([`super::html`]), so the article read is theirs and every paragraph of
//! it keeps its place in the file.
//!
//! The title is the page's heading that says the extractors' headline (else the first `<h1>`,
//! else the page's `<title>` without the site's name); it is read once, even when the article
//! repeats it. The byline the extractors found is a paragraph of its own after the title: the
//! page's own line when it has one ("By Maria Chen"), else "By" and the name from the page's
//! metadata. Where neither extractor finds an article, or none of the page's blocks holds what
//! they found, the article is the `<article>` with the most prose, else `<main>`, else the body.

use super::align;
use super::extract::{self, Extracted};
use super::html::{self, Block, Kind, Sifting};
use crate::model::{Document, Paragraph, Role, SourceSpan};

/// How alike a heading's words must be to the headline's for the heading to be the title.
const LIKE_HEADLINE: f64 = 0.75;

/// Parses a web page into a document; never fails (emptiness is checked by the caller).
pub fn parse(name: &str, text: &str) -> Document {
    let found = extract::article(text);
    let page = html::read_whole_page(text, Sifting::Extractor);
    let mut blocks = page.blocks;
    let title_at = title_block(&blocks, found.title.as_deref());
    let title = title_at.map(|at| blocks.remove(at).paragraph);
    let byline_at = found.byline.as_deref().and_then(|b| {
        blocks
            .iter()
            .position(|x| says_byline(&x.paragraph.text, b))
    });
    let byline = byline_at.map(|at| blocks.remove(at).paragraph);
    let mut article = if found.choice.is_some() {
        align::keep(blocks, &found.text)
    } else {
        Vec::new()
    };
    if article.is_empty() {
        article = html::choose_article(html::read_whole_page(text, Sifting::Own).blocks);
    }
    let title = title
        .or_else(|| stated_title(&found, page.title.as_ref()))
        .or(page.title)
        .unwrap_or_else(|| {
            Paragraph::verbatim(&super::title_from_file_name(name), SourceSpan::default())
        });
    let heard = words(&title.text);
    article.retain(|b| words(&b.paragraph.text) != heard);
    if let Some(mut line) = byline.or_else(|| stated_byline(&found)) {
        line.role = Role::Byline;
        article.insert(0, html::Block::body(line));
    }
    let (_, sections) = html::sections(article, None);
    Document {
        source: name.to_string(),
        title,
        sections,
        author: page.author.or(found.byline),
        date: found.date,
        description: found.description,
        language: found.language,
        notices: Vec::new(),
    }
}

/// The block that is the page's headline: a heading that says `headline`, else any block that
/// does, else the heading most like it (a visible "nine days" for a `<title>`'s "9 days"); with no
/// headline found, the first `<h1>`.
fn title_block(blocks: &[Block], headline: Option<&str>) -> Option<usize> {
    let Some(headline) = headline.map(words).filter(|w| !w.is_empty()) else {
        return blocks.iter().position(|b| b.kind == Kind::Heading(1));
    };
    let heading = |b: &Block| matches!(b.kind, Kind::Heading(_));
    let says = |b: &Block| words(&b.paragraph.text) == headline;
    blocks
        .iter()
        .position(|b| heading(b) && says(b))
        .or_else(|| blocks.iter().position(says))
        .or_else(|| {
            // The first of the most alike headings, each heading's likeness found once.
            let (best, alike) = (0..blocks.len())
                .filter(|&i| heading(&blocks[i]))
                .map(|i| (i, likeness(&words(&blocks[i].paragraph.text), &headline)))
                .max_by(|(a, x), (b, y)| x.total_cmp(y).then(b.cmp(a)))?;
            (alike >= LIKE_HEADLINE).then_some(best)
        })
}

/// How alike two headlines' words are, from 0 to 1 (shared words over their mean count).
fn likeness(a: &[String], b: &[String]) -> f64 {
    let mut left: Vec<&String> = b.iter().collect();
    let shared = a
        .iter()
        .filter(|w| {
            left.iter()
                .position(|x| x == w)
                .map(|i| left.swap_remove(i))
                .is_some()
        })
        .count();
    2.0 * shared as f64 / (a.len() + b.len()).max(1) as f64
}

/// The headline the page's metadata states. When it is the page's `<title>` with the site's name
/// still on it, the title without it (and its place in the file).
fn stated_title(found: &Extracted, page_title: Option<&Paragraph>) -> Option<Paragraph> {
    let headline = found.title.as_deref()?;
    if let Some(page_title) = page_title.filter(|t| words(headline).starts_with(&words(&t.text))) {
        return Some(page_title.clone());
    }
    Some(Paragraph::verbatim(headline, SourceSpan::default()))
}

/// "By" and the author's name from the page's metadata, a line of the reader's own making.
fn stated_byline(found: &Extracted) -> Option<Paragraph> {
    let name = found.byline.as_deref()?;
    let line = if words(name).first().is_some_and(|w| w == "by") {
        name.to_string()
    } else {
        format!("By {name}")
    };
    Some(Paragraph::verbatim(&line, SourceSpan::default()))
}

/// True when a line of the page is the byline: the name, or "By" and the name.
fn says_byline(line: &str, name: &str) -> bool {
    let (line, name) = (words(line), words(name));
    !name.is_empty()
        && (line == name || (line.first().is_some_and(|w| w == "by") && line[1..] == name[..]))
}

/// The [`extract::words`] of `text` in lower case, for comparing what two pieces of text say.
fn words(text: &str) -> Vec<String> {
    extract::words(text).map(str::to_lowercase).collect()
}
