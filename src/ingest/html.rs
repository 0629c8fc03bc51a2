//! HTML: the blocks of a page (headings, paragraphs, captions), each mapped to its source.
//!
//! A web page's blocks are all read (`Sifting::Extractor`) and the extractors' choice is laid
//! over them ([`super::web`]). An EPUB chapter, or a page on which no extractor finds an article,
//! is read by our own rules (`Sifting::Own`): the text of the `<article>` with the most
//! prose, else of `<main>`, else of the whole body. What a listener cannot use is not read:
//! scripts, styles, navigation, asides, forms, embedded media, code blocks, hidden elements,
//! elements whose class or id says comments, sharing, sign-up or advertising (and not content),
//! and a page's own header and footer outside the article. Headings start sections; paragraphs,
//! list items, quotes, table cells and loose text in containers are paragraphs; a `<figcaption>`
//! is a caption, which the script skips unless asked. Footnote marks (a linked or bracketed
//! `<sup>3</sup>` after a word) are dropped; "mc<sup>2</sup>" is read.
//! Every piece of text keeps the source span of the HTML text it was decoded from.

use super::outline::Outline;
use super::positions::Positions;
use crate::model::{Paragraph, Role, Section, SourceSpan};
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Elements whose content is never read.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "nav", "aside", "form", "button",
    "select", "textarea", "iframe", "object", "canvas", "audio", "video", "pre",
];
/// Elements whose content is never read, even when an extractor keeps it: what is not text.
const NOT_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "button", "select", "textarea",
    "iframe", "object", "canvas", "audio", "video", "nav",
];

/// Which elements of a page are read before the article is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sifting {
    /// Our own rules: no navigation, asides, forms, code blocks, page header or footer, nor
    /// boxes whose class says comments, sharing or advertising (for EPUB chapters, and pages on
    /// which no extractor finds an article).
    Own,
    /// Everything that is text and not hidden, for an extractor's choice to be laid over; a `<pre>`
    /// is read, its blank lines ending paragraphs, as code ([`Role::Code`]) unless it is prose.
    Extractor,
}

/// Words in an element's class or id that mark it as not part of the story (comments, sharing,
/// sign-up boxes, advertising), unless a word from [`STORY_WORDS`] is there too.
const NOT_STORY_WORDS: &[&str] = &[
    "comment",
    "comments",
    "disqus",
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "signup",
    "sponsor",
    "sponsored",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "promo",
    "cookie",
    "cookies",
    "gdpr",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "popup",
    "modal",
    "paywall",
];
/// Words that, ending a class or id name, mark the story itself ("post-content").
const STORY_WORDS: &[&str] = &[
    "article", "body", "content", "main", "story", "text", "entry",
];
/// Elements whose content is read only inside the article: a page's own header and footer.
const PAGE_FURNITURE: &[&str] = &["header", "footer"];
/// Elements that end the paragraph before them and start a new one.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "header",
    "footer",
    "hr",
    "pre",
    "address",
    "details",
    "summary",
];

/// What can be read on one HTML page.
pub(super) struct Page {
    /// The article's headings and paragraphs, in reading order.
    pub blocks: Vec<Block>,
    /// The page's `<title>`, without a site name after a separator.
    pub title: Option<Paragraph>,
    /// The page's `<meta name="author">`.
    pub author: Option<String>,
    /// How much of the page's text is the text of links, from 0 to 1 (a table of contents is
    /// nearly all links).
    pub link_share: f64,
}

/// Reads the article on an HTML page: the `<article>` with the most prose, else `<main>`, else
/// the body.
pub(super) fn read_page(text: &str) -> Page {
    let mut page = read_whole_page(text, Sifting::Own);
    page.blocks = choose_article(page.blocks);
    page
}

/// Reads every block of an HTML page that `sifting` lets through, in page order.
pub(super) fn read_whole_page(text: &str, sifting: Sifting) -> Page {
    let mut reader = PageReader::new(text, sifting);
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        reader.token(token);
    }
    reader.flush();
    let page = page_title(&reader.page_title);
    Page {
        title: page
            .chars()
            .any(char::is_alphanumeric)
            .then(|| Paragraph::verbatim(&page, reader.page_title_span)),
        author: reader.author.clone(),
        link_share: reader.link_chars as f64 / reader.all_chars.max(1) as f64,
        blocks: mark_code(reader.blocks),
    }
}

/// The blocks, those of a `<pre>` that holds code marked as code: one of fewer than 20 words, or
/// with more than one character in 25 a bracket, operator or sigil. A `<pre>` of prose (a
/// plain-text document such as an RFC, a poem) is body text.
fn mark_code(mut blocks: Vec<Block>) -> Vec<Block> {
    let mut pres: Vec<(usize, usize, usize)> = Vec::new(); // (words, code marks, characters)
    for block in &blocks {
        let Some(pre) = block.pre else { continue };
        if pres.len() <= pre {
            pres.resize(pre + 1, (0, 0, 0));
        }
        let text = &block.paragraph.text;
        pres[pre].0 += text.split_whitespace().count();
        pres[pre].1 += text
            .chars()
            .filter(|c| "{}[]()<>;=$#*|&\\_^~`".contains(*c))
            .count();
        pres[pre].2 += text.chars().filter(|c| !c.is_whitespace()).count();
    }
    let prose = |pre: usize| {
        let (words, marks, chars) = pres[pre];
        words >= 20 && marks * 25 <= chars
    };
    for block in &mut blocks {
        if block.pre.is_some_and(|pre| !prose(pre)) {
            block.paragraph.role = Role::Code;
        }
    }
    blocks
}

/// Blocks as sections: the block at `title_at` is the title, every other heading starts a
/// section, and paragraphs go to the section they follow.
pub(super) fn sections(
    blocks: Vec<Block>,
    title_at: Option<usize>,
) -> (Option<Paragraph>, Vec<Section>) {
    let mut title = None;
    let mut outline = Outline::default();
    for (index, block) in blocks.into_iter().enumerate() {
        let mut paragraph = block.paragraph;
        match block.kind {
            Kind::Heading(_) if Some(index) == title_at => title = Some(paragraph),
            Kind::Heading(_) => outline.heading(paragraph),
            Kind::Body | Kind::Caption => {
                if block.kind == Kind::Caption {
                    paragraph.role = Role::Caption;
                }
                outline.paragraph(paragraph);
            }
        }
    }
    let sections = outline.finish();
    (title, sections)
}

/// What a run of text is on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Heading(u8),
    Body,
    Caption,
}

/// A finished paragraph or heading, and where on the page it stood.
#[derive(Clone)]
pub(super) struct Block {
    pub kind: Kind,
    pub paragraph: Paragraph,
    /// The `<article>` it is in (numbered in order), if any.
    article: Option<usize>,
    in_main: bool,
    /// The `<pre>` it is in (numbered in order), if any.
    pre: Option<usize>,
}

impl Block {
    /// A paragraph of body text outside any `<article>` or `<main>`.
    pub fn body(paragraph: Paragraph) -> Block {
        Block {
            kind: Kind::Body,
            paragraph,
            article: None,
            in_main: false,
            pre: None,
        }
    }
}

/// An element being skipped: its name and how many of the same name are open inside it.
struct Skipping {
    name: String,
    depth: usize,
}

struct PageReader<'t> {
    positions: Positions<'t>,
    sifting: Sifting,
    /// `<pre>` elements open around the text, and how many have been seen.
    pre_depth: usize,
    pres_seen: usize,
    blocks: Vec<Block>,
    open: Paragraph,
    /// A space is owed before the next word of the open paragraph.
    space: bool,
    skipping: Option<Skipping>,
    /// Heading and caption elements open around the text, innermost last.
    kinds: Vec<(String, Kind)>,
    articles_seen: usize,
    articles: Vec<usize>,
    main_depth: usize,
    in_title: bool,
    page_title: String,
    page_title_span: SourceSpan,
    /// Text inside `<sup>`, held until its end shows whether it is a footnote mark, and whether a
    /// link is in or around it.
    superscript: Option<(Vec<(String, SourceSpan)>, bool)>,
    /// Links open around the text, and characters read inside links and in all.
    link_depth: usize,
    link_chars: usize,
    all_chars: usize,
    author: Option<String>,
}

impl<'t> PageReader<'t> {
    fn new(source: &'t str, sifting: Sifting) -> Self {
        PageReader {
            positions: Positions::new(source),
            sifting,
            pre_depth: 0,
            pres_seen: 0,
            blocks: Vec::new(),
            open: Paragraph::default(),
            space: false,
            skipping: None,
            kinds: Vec::new(),
            articles_seen: 0,
            articles: Vec::new(),
            main_depth: 0,
            in_title: false,
            page_title: String::new(),
            page_title_span: SourceSpan::default(),
            superscript: None,
            link_depth: 0,
            link_chars: 0,
            all_chars: 0,
            author: None,
        }
    }

    fn token(&mut self, token: Token<usize>) {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attribute = |key: &str| {
                    tag.attributes
                        .get(key.as_bytes())
                        .map(|v| String::from_utf8_lossy(&v.value).to_ascii_lowercase())
                };
                if name == "meta" && attribute("name").is_some_and(|n| n == "author") {
                    let content = tag.attributes.get(b"content".as_slice());
                    let author =
                        content.map(|v| String::from_utf8_lossy(&v.value).trim().to_string());
                    self.author = author.filter(|a| !a.is_empty()).or(self.author.take());
                }
                let classes = [attribute("class"), attribute("id")];
                let boxed_off = self.sifting == Sifting::Own
                    && !matches!(name.as_str(), "html" | "body" | "article" | "main")
                    && not_story(classes.iter().flatten().map(String::as_str));
                let unread = attribute("hidden").is_some()
                    || attribute("aria-hidden").is_some_and(|v| v == "true")
                    || boxed_off;
                self.start(&name, unread, tag.self_closing);
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                self.end(&name);
            }
            Token::String(text) => {
                let decoded = String::from_utf8_lossy(&text.value).into_owned();
                let span = self.positions.span(text.span.start, text.span.end);
                self.text(&decoded, span);
            }
            _ => {}
        }
    }

    /// An element starts; `unread` when it is hidden or not part of the story.
    fn start(&mut self, name: &str, unread: bool, self_closing: bool) {
        if let Some(skipping) = self.skipping.as_mut() {
            if skipping.name == name && !self_closing {
                skipping.depth += 1;
            }
            return;
        }
        if name == "title" {
            self.in_title = !self_closing;
            return;
        }
        let in_article = !self.articles.is_empty() || self.main_depth > 0;
        let skipped = unread
            || match self.sifting {
                Sifting::Own => {
                    SKIPPED.contains(&name) || (PAGE_FURNITURE.contains(&name) && !in_article)
                }
                Sifting::Extractor => NOT_TEXT.contains(&name),
            };
        if skipped {
            if !self_closing && !is_void(name) {
                self.flush();
                self.skipping = Some(Skipping {
                    name: name.to_string(),
                    depth: 1,
                });
            }
            return;
        }
        if BLOCKS.contains(&name) {
            self.flush();
        }
        match name {
            "br" => self.space = true,
            "article" => {
                self.articles.push(self.articles_seen);
                self.articles_seen += 1;
            }
            "main" => self.main_depth += 1,
            "pre" if !self_closing => {
                self.pre_depth += 1;
                self.pres_seen += 1;
            }
            "a" if !self_closing => {
                self.link_depth += 1;
                if let Some((_, linked)) = self.superscript.as_mut() {
                    *linked = true;
                }
            }
            "sup" if self.superscript.is_none() => {
                self.superscript = Some((Vec::new(), self.link_depth > 0));
            }
            _ => {}
        }
        let kind = match name.as_bytes() {
            [b'h', level @ b'1'..=b'6'] => Some(Kind::Heading(level - b'0')),
            b"figcaption" => Some(Kind::Caption),
            _ => None,
        };
        if let Some(kind) = kind.filter(|_| !self_closing) {
            self.kinds.push((name.to_string(), kind));
        }
    }

    fn end(&mut self, name: &str) {
        if let Some(skipping) = self.skipping.as_mut() {
            if skipping.name == name {
                skipping.depth -= 1;
                if skipping.depth == 0 {
                    self.skipping = None;
                }
            }
            return;
        }
        if name == "title" {
            self.in_title = false;
            return;
        }
        if name == "sup" {
            self.end_superscript();
        }
        if BLOCKS.contains(&name) {
            self.flush();
        }
        if let Some(at) = self.kinds.iter().rposition(|(open, _)| open == name) {
            self.kinds.truncate(at);
        }
        match name {
            "article" => {
                self.articles.pop();
            }
            "main" => self.main_depth = self.main_depth.saturating_sub(1),
            "pre" => self.pre_depth = self.pre_depth.saturating_sub(1),
            "a" => self.link_depth = self.link_depth.saturating_sub(1),
            _ => {}
        }
    }

    /// A superscript of digits and brackets right after a word, linked (to its note) or in
    /// brackets, is a footnote mark and is not read; "mc<sup>2</sup>" is read.
    fn end_superscript(&mut self) {
        let Some((pieces, linked)) = self.superscript.take() else {
            return;
        };
        let written: String = pieces.iter().map(|(t, _)| t.as_str()).collect();
        let written = written.trim();
        let marks = ['[', ']', '(', ')', ',', '*', '\u{2020}'];
        let mark = !written.is_empty()
            && written
                .chars()
                .all(|c| c.is_ascii_digit() || marks.contains(&c))
            && (linked || written.contains(['[', '*', '\u{2020}']));
        let after_word = !self.space
            && self
                .open
                .text
                .chars()
                .last()
                .is_some_and(|c| !c.is_ascii_digit() && !c.is_whitespace());
        if !(mark && after_word) {
            for (text, span) in pieces {
                self.append(&text, span);
            }
        }
    }

    fn text(&mut self, text: &str, span: SourceSpan) {
        if self.skipping.is_some() {
            return;
        }
        if self.in_title {
            if self.page_title.is_empty() {
                self.page_title_span = span;
            }
            self.page_title.push_str(text);
            return;
        }
        match self.superscript.as_mut() {
            Some((held, _)) => held.push((text.to_string(), span)),
            None if self.pre_depth > 0 => self.preformatted(text, span),
            None => self.append(text, span),
        }
    }

    /// Preformatted text: a blank line ends a paragraph. A piece's span is its own where the
    /// text is the source's as it stands (no character references), else the whole text's.
    fn preformatted(&mut self, text: &str, span: SourceSpan) {
        let verbatim = span.end - span.start == text.len();
        let mut at = 0;
        for (index, line) in text.split_inclusive('\n').enumerate() {
            if index > 0 && line.trim().is_empty() {
                self.flush();
            }
            let piece = if verbatim {
                self.positions
                    .span(span.start + at, span.start + at + line.len())
            } else {
                span
            };
            self.append(line, piece);
            at += line.len();
        }
    }

    /// Adds text to the open paragraph, with runs of white space made one space.
    fn append(&mut self, text: &str, span: SourceSpan) {
        let mut words = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if self.space && !(self.open.text.is_empty() && words.is_empty()) {
                words.push(' ');
            }
            self.space = false;
            words.push(c);
        }
        if words.is_empty() {
            return;
        }
        let letters = words.chars().filter(|c| c.is_alphanumeric()).count();
        self.all_chars += letters;
        if self.link_depth > 0 {
            self.link_chars += letters;
        }
        let start = self.open.text.len();
        let len = words.len().min(span.end - span.start);
        self.open.map.push(start, span, len);
        self.open.text.push_str(&words);
    }

    /// Ends the open paragraph, keeping it if it has anything to say.
    fn flush(&mut self) {
        if self.superscript.is_some() {
            self.end_superscript();
        }
        self.space = false;
        let paragraph = std::mem::take(&mut self.open);
        if !paragraph.text.chars().any(char::is_alphanumeric) {
            return;
        }
        let kind = self.kinds.last().map_or(Kind::Body, |(_, kind)| *kind);
        self.blocks.push(Block {
            kind,
            paragraph,
            article: self.articles.first().copied(),
            in_main: self.main_depth > 0,
            pre: (self.pre_depth > 0).then(|| self.pres_seen - 1),
        });
    }
}

/// The blocks of the `<article>` with the most prose, else those in `<main>`, else all.
pub(super) fn choose_article(blocks: Vec<Block>) -> Vec<Block> {
    let mut prose: Vec<usize> = Vec::new();
    for block in &blocks {
        if let Some(article) = block.article {
            if prose.len() <= article {
                prose.resize(article + 1, 0);
            }
            prose[article] += block.paragraph.text.len();
        }
    }
    if let Some(best) = (0..prose.len()).max_by_key(|&a| (prose[a], std::cmp::Reverse(a))) {
        return blocks
            .into_iter()
            .filter(|b| b.article == Some(best))
            .collect();
    }
    if blocks.iter().any(|b| b.in_main) {
        return blocks.into_iter().filter(|b| b.in_main).collect();
    }
    blocks
}

/// A page's `<title>` without the site's name after a separator: "Title | Site" -> "Title".
fn page_title(raw: &str) -> String {
    let title = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    for separator in [" | ", " \u{2013} ", " \u{2014} ", " - ", " :: "] {
        if let Some((head, _)) = title.rsplit_once(separator) {
            if head.chars().any(char::is_alphanumeric) {
                return head.to_string();
            }
        }
    }
    title
}

/// Class and id names that say "comments", "share" or "advert" ("article-comments", "ad-slot"),
/// and none that ends in a story word ("post-content").
fn not_story<'a>(names: impl Iterator<Item = &'a str>) -> bool {
    let (mut against, mut story) = (false, false);
    for name in names.flat_map(str::split_whitespace) {
        let parts: Vec<String> = name
            .split(['-', '_'])
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        let last_is_story = parts
            .last()
            .is_some_and(|w| STORY_WORDS.contains(&w.as_str()));
        story |= last_is_story;
        against |= !last_is_story && parts.iter().any(|w| NOT_STORY_WORDS.contains(&w.as_str()));
    }
    against && !story
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

#[cfg(test)]
mod tests {
    use super::not_story;
    use crate::ingest::web::parse;

    #[test]
    fn linked_or_bracketed_footnote_marks_are_dropped_but_powers_are_read() {
        let doc = parse(
            "n.html",
            "<p>It is mc<sup>2</sup>.<sup><a href='#n1'>1</a></sup> See<sup>[2]</sup> \
             this<a href='#n3'><sup>3</sup></a> too.</p>",
        );
        assert_eq!(
            doc.sections[0].paragraphs[0].text,
            "It is mc2. See this too."
        );
    }

    #[test]
    fn comment_share_and_advert_boxes_are_not_story_but_content_is() {
        let judge = |names: &[&str]| not_story(names.iter().copied());
        assert!(judge(&["article-comments", "comments"]));
        assert!(judge(&["ad-slot"]));
        assert!(judge(&["social-share"]));
        assert!(judge(&["newsletter-signup"]));
        assert!(!judge(&["post-content share-enabled"]));
        assert!(!judge(&["entry-content"]));
        assert!(!judge(&["headline", "lead"]));
    }
}
