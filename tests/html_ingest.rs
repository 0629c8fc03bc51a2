//! HTML ingest: the article of a saved web page, checked on fixtures named for what they show.

use std::path::PathBuf;
use voxpress::ingest::read_document;
use voxpress::model::{Document, Role};

fn fixture(name: &str) -> (Document, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html")
        .join(name);
    let source = std::fs::read_to_string(&path).unwrap();
    (
        read_document(&path).unwrap_or_else(|e| panic!("{e}")),
        source,
    )
}

fn paragraphs(doc: &Document) -> Vec<(&str, Role)> {
    doc.sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(|p| (p.text.as_str(), p.role))
        .collect()
}

fn texts(doc: &Document) -> Vec<&str> {
    paragraphs(doc).into_iter().map(|(t, _)| t).collect()
}

#[test]
fn a_saved_news_page_reads_only_its_article() {
    let (doc, source) = fixture("a_saved_news_page_reads_only_its_article.html");
    assert_eq!(doc.title.text, "Harbor workers end strike after nine days");
    assert_eq!(doc.author.as_deref(), Some("Dana Whitfield"));
    let body = Role::Body;
    assert_eq!(
        paragraphs(&doc),
        [
            ("By Dana Whitfield", Role::Byline),
            ("Cranes stand idle at the north terminal on Monday.", Role::Caption),
            (
                "Dock workers at the port of Halden voted on Sunday to end a strike that had stopped cargo traffic for nine days.",
                body
            ),
            (
                "The union\u{2019}s leader, Marta Ruiz, said the deal \u{201c}gives every crew a fair shift\u{201d}.",
                body
            ),
            ("A 4% raise this year.", body),
            ("Shorter night shifts.", body),
            ("We waited a long time for this.", body),
            ("Ships will berth again from Tuesday. Queues are expected.", body),
        ]
    );
    let headings: Vec<_> = doc
        .sections
        .iter()
        .filter_map(|s| s.heading.as_ref().map(|h| h.text.as_str()))
        .collect();
    assert_eq!(headings, ["What the deal says"]);
    // Spans point at the HTML text each paragraph was decoded from.
    let title = doc.title.span();
    assert_eq!(
        &source[title.start..title.end],
        "Harbor workers end strike after nine days"
    );
    assert_eq!(title.line, 18);
    let halden = doc.sections[0].paragraphs[2].span();
    assert!(source[halden.start..halden.end].starts_with("Dock workers at the port of Halden"));
    assert_eq!(halden.line, 25);
}

#[test]
fn a_page_without_an_article_element_reads_its_body() {
    // The blog's header and footer, the code and the loose line after the paragraphs are left out
    // (trafilatura's reading, the shorter of the two extractors').
    let (doc, _) = fixture("a_page_without_an_article_element_reads_its_body.html");
    assert_eq!(doc.title.text, "Notes from the valley");
    assert_eq!(
        texts(&doc),
        [
            "The river rose two meters overnight.",
            "By morning the bridge was closed.",
        ]
    );
}

#[test]
fn the_article_with_the_most_prose_is_chosen() {
    let (doc, _) = fixture("the_article_with_the_most_prose_is_chosen.html");
    assert_eq!(doc.title.text, "The real story");
    assert_eq!(
        texts(&doc),
        [
            "This article has the most prose on the page, so it is the one that is read aloud.",
            "It has a second paragraph as well.",
        ]
    );
}

#[test]
fn a_page_with_nothing_to_say_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty-page.html");
    std::fs::write(
        &path,
        "<html><head><script>var x = 1;</script></head><body><nav>Home</nav></body></html>",
    )
    .unwrap();
    let error = read_document(&path).unwrap_err().to_string();
    assert!(error.contains("empty-page.html"), "{error}");
    assert!(
        error.contains("nothing in the file can be spoken"),
        "{error}"
    );
}
