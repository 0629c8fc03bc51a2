//! Article extraction: which text of a saved web page is the article, and what the page says
//! about it (title, author, date, language), by two well-kept extractors compared page by page.
//!
//! Readability's algorithm (`dom_smoothie`, the one behind Firefox's reader view) and
//! trafilatura's (`rs-trafilatura`) each propose the article's text. Each mostly errs by taking
//! in some of the page around the article, seldom by leaving part of it out, so where they
//! disagree the shorter proposal is taken ([`Choice`]); except that when trafilatura's is under
//! a third of Readability's, trafilatura has lost most of the article (it read a manual's page
//! as a navigation page, say) and Readability's is taken. `scripts/extraction.py` measures each
//! extractor alone and the choice on Readability's test pages and on a second benchmark.
//!
//! `VOXPRESS_EXTRACTOR=readability` (or `trafilatura`) takes one extractor's proposal always, for
//! measuring the choice against each alone.
//!
//! Only the text is used: the page's own elements are kept or left out by it (`align.rs`),
//! so every paragraph read keeps its place in the file.

use dom_smoothie::Readability;

/// The share of Readability's words under which trafilatura's proposal is taken to have lost the
/// article.
const LOST_SHARE: f64 = 1.0 / 3.0;

/// Which extractor's proposal is the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Readability,
    Trafilatura,
}

/// The article on a page as the extractors found it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// The article's text (its words are what matter, not their layout).
    pub text: String,
    /// Whose text it is; `None` when neither extractor found an article.
    pub choice: Option<Choice>,
    /// The headline: JSON-LD `headline`, `og:title`, or the page's title without the site name.
    pub title: Option<String>,
    /// Who wrote it: JSON-LD `author`, the byline on the page, or `<meta name="author">`.
    pub byline: Option<String>,
    /// When it was published, as an ISO 8601 date ("2024-02-16").
    pub date: Option<String>,
    /// The page's language (`<html lang>`, `og:locale`, JSON-LD `inLanguage`).
    pub language: Option<String>,
    /// The page's own summary (`og:description`, `<meta name="description">`).
    pub description: Option<String>,
}

/// The article on the page `html`, from both extractors.
pub fn article(html: &str) -> Extracted {
    // The two run side by side, each on its own thread; an extractor that panics on a page
    // proposes nothing, and the other (or our own reading) stands.
    let (readability, trafilatura) = std::thread::scope(|scope| {
        let trafilatura = scope.spawn(|| {
            std::panic::catch_unwind(|| rs_trafilatura::extract(html).ok())
                .ok()
                .flatten()
        });
        let readability = std::panic::catch_unwind(|| {
            Readability::new(html, None, None)
                .ok()
                .and_then(|mut r| r.parse().ok())
        })
        .ok()
        .flatten();
        (readability, trafilatura.join().ok().flatten())
    });
    let readability_text = readability
        .as_ref()
        .map(|a| a.text_content.to_string())
        .unwrap_or_default();
    let trafilatura_text = trafilatura
        .as_ref()
        .map(|r| r.content_text.clone())
        .unwrap_or_default();
    let choice = match std::env::var("VOXPRESS_EXTRACTOR").as_deref() {
        Ok("readability") => Some(Choice::Readability),
        Ok("trafilatura") => Some(Choice::Trafilatura),
        _ => choose(word_count(&readability_text), word_count(&trafilatura_text)),
    };
    let meta = trafilatura.as_ref().map(|r| &r.metadata);
    let text = match choice {
        Some(Choice::Readability) => readability_text,
        Some(Choice::Trafilatura) => trafilatura_text,
        None => String::new(),
    };
    let first = |a: Option<String>, b: Option<String>| clean(a).or(clean(b));
    Extracted {
        text,
        choice,
        title: first(
            readability.as_ref().map(|a| a.title.clone()),
            meta.and_then(|m| m.title.clone()),
        ),
        byline: first(
            readability.as_ref().and_then(|a| a.byline.clone()),
            meta.and_then(|m| m.author.clone()),
        ),
        date: first(
            readability.as_ref().and_then(|a| a.published_time.clone()),
            meta.and_then(|m| m.date.map(|d| d.to_rfc3339())),
        )
        .and_then(|d| iso_date(&d)),
        language: first(
            readability.as_ref().and_then(|a| a.lang.clone()),
            meta.and_then(|m| m.language.clone()),
        ),
        description: first(
            readability.as_ref().and_then(|a| a.excerpt.clone()),
            meta.and_then(|m| m.description.clone()),
        ),
    }
}

/// The proposal to read, from the number of words in each (0: no article found).
pub fn choose(readability: usize, trafilatura: usize) -> Option<Choice> {
    match (readability, trafilatura) {
        (0, 0) => None,
        (0, _) => Some(Choice::Trafilatura),
        (_, 0) => Some(Choice::Readability),
        (r, t) if t < r && t as f64 >= LOST_SHARE * r as f64 => Some(Choice::Trafilatura),
        _ => Some(Choice::Readability),
    }
}

/// Words as the extraction counts and compares them: runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// How many [`words`] `text` has.
pub fn word_count(text: &str) -> usize {
    words(text).count()
}

/// Text with its white space made single spaces, or `None` when nothing is left.
fn clean(text: Option<String>) -> Option<String> {
    let text = text?.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// The date at the start of an ISO 8601 date or time ("2018-04-05T06:00" -> "2018-04-05").
fn iso_date(text: &str) -> Option<String> {
    let date = text.get(..10)?;
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10))
        .then(|| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shorter_proposal_wins_unless_trafilatura_lost_the_article() {
        assert_eq!(choose(500, 400), Some(Choice::Trafilatura));
        assert_eq!(choose(400, 500), Some(Choice::Readability));
        assert_eq!(choose(4466, 1230), Some(Choice::Readability));
        assert_eq!(choose(0, 30), Some(Choice::Trafilatura));
        assert_eq!(choose(30, 0), Some(Choice::Readability));
        assert_eq!(choose(0, 0), None);
    }

    #[test]
    fn dates_are_kept_only_when_they_start_as_iso_dates() {
        assert_eq!(iso_date("2018-04-05T06:00").as_deref(), Some("2018-04-05"));
        assert_eq!(iso_date("2018-04-05").as_deref(), Some("2018-04-05"));
        assert_eq!(iso_date("April 5, 2018"), None);
        assert_eq!(iso_date("2018"), None);
    }
}
