//! Each reflow rule of plain-text ingest, checked on a fixture named for it.

use std::path::PathBuf;
use voxpress::ingest::read_document;
use voxpress::model::Document;

fn fixture(name: &str) -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest")
        .join(name);
    read_document(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(|p| p.text.as_str())
        .collect()
}

#[test]
fn lines_are_trimmed() {
    let doc = fixture("lines_are_trimmed.txt");
    assert_eq!(doc.title.text, "Stray spaces around the title");
    assert_eq!(
        paragraphs(&doc),
        ["The first line of the body has leading spaces. So does the second line, which ends here."]
    );
}

#[test]
fn title_stands_alone_even_after_a_trailing_hyphen() {
    let doc = fixture("title_stands_alone_even_after_a_trailing_hyphen.txt");
    assert_eq!(doc.title.text, "Farmers rally against new tariffs on Pan-");
    assert_eq!(
        paragraphs(&doc)[0],
        "Farmers march through the capital on March 3."
    );
}

#[test]
fn hard_wrapped_lines_are_joined() {
    let doc = fixture("hard_wrapped_lines_are_joined.txt");
    assert_eq!(
        paragraphs(&doc),
        ["This sentence was wrapped at a fixed width by the PDF and must read as one line."]
    );
}

#[test]
fn hyphenated_words_are_rejoined() {
    let doc = fixture("hyphenated_words_are_rejoined.txt");
    assert_eq!(
        paragraphs(&doc),
        ["The negotiations were interrupted twice by the anti-imperialist protests, and the Pan-African movement grew."]
    );
}

#[test]
fn a_short_unpunctuated_line_between_paragraphs_is_a_heading() {
    let doc = fixture("a_short_unpunctuated_line_between_paragraphs_is_a_heading.txt");
    assert_eq!(doc.sections.len(), 2);
    assert!(doc.sections[0].heading.is_none());
    assert_eq!(
        doc.sections[1].heading.as_ref().unwrap().text,
        "What Comes Next for the Port"
    );
    assert_eq!(
        doc.sections[1].paragraphs[0].text,
        "The second section starts here."
    );
}

#[test]
fn a_blank_line_inside_a_sentence_is_not_a_paragraph_break() {
    let doc = fixture("a_blank_line_inside_a_sentence_is_not_a_paragraph_break.txt");
    assert_eq!(
        paragraphs(&doc),
        [
            "The meeting was held in the town of Kadiolo, where the mayor spoke at length. A new paragraph was not intended here either.",
            "This is a real new paragraph."
        ]
    );
}

#[test]
fn an_open_quotation_before_a_capital_ends_the_paragraph() {
    let doc = fixture("an_open_quotation_before_a_capital_ends_the_paragraph.txt");
    assert_eq!(
        paragraphs(&doc),
        [
            "The crowd chanted \u{201c}Down with racism",
            "And the prime minister then spoke."
        ]
    );
}

#[test]
fn a_trailing_citation_keeps_the_full_stop_before_it() {
    let doc = fixture("a_trailing_citation_keeps_the_full_stop_before_it.txt");
    assert_eq!(paragraphs(&doc).len(), 2);
}

#[test]
fn every_paragraph_maps_back_to_its_source_lines() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ingest/hyphenated_words_are_rejoined.txt");
    let source = std::fs::read_to_string(&path).unwrap();
    let doc = read_document(&path).unwrap();
    let p = &doc.sections[0].paragraphs[0];
    let at = p.text.find("protests").unwrap();
    let span = p.span_of(at..at + "protests".len());
    assert_eq!(&source[span.start..span.end], "protests");
    assert_eq!(span.line, 5);
}

#[test]
fn the_shared_sample_reflows_into_whole_paragraphs_with_its_heading() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/mali-solidarity.txt");
    let doc = read_document(&path).unwrap();
    assert_eq!(
        doc.title.text,
        "Mali: Mass anti-imperialist mobilizations win Pan-"
    );
    let headings: Vec<_> = doc
        .sections
        .iter()
        .filter_map(|s| s.heading.as_ref())
        .map(|h| h.text.as_str())
        .collect();
    assert_eq!(
        headings,
        ["Popular coup d\u{2019}etat wants France out of Mali"]
    );
    let all = paragraphs(&doc);
    assert!(
        all.iter()
            .any(|p| p.contains("Timbuktu, Kadiolo and Bougouni.")),
        "{all:#?}"
    );
    assert!(all.iter().any(|p| p
        .contains("in the Sahel region of Africa on the southern border of the Sahara desert.")));
    assert!(all
        .iter()
        .any(|p| p.starts_with("And Interim Prime Minister")));
    for p in &all {
        assert!(
            !p.starts_with(char::is_lowercase),
            "paragraph starts mid-sentence: {p}"
        );
        assert!(!p.contains("  "), "double space in: {p}");
    }
}

#[test]
fn page_numbers_and_running_heads_are_removed() {
    let doc = fixture("page_numbers_and_running_heads_are_removed.txt");
    assert_eq!(
        paragraphs(&doc),
        [
            "The dockworkers voted on Tuesday to end the strike that had kept the terminal closed for twelve days, and the first ships came in at dawn.",
            "The union said members would return to every shift by Thursday, when the cranes at Gate 4 were back in service and the backlog began to clear.",
            "Officials expect normal traffic within a month."
        ]
    );
}

#[test]
fn captions_and_credits_are_marked_not_merged() {
    use voxpress::model::Role;
    let doc = fixture("captions_and_credits_are_marked_not_merged.txt");
    let roles: Vec<(Role, &str)> = doc
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(|p| (p.role, p.text.as_str()))
        .collect();
    assert_eq!(
        roles,
        [
            (
                Role::Caption,
                "Tractors on the ring road outside the capital at dawn on March 3."
            ),
            (
                Role::Body,
                "Thousands of farmers drove tractors into the capital on Monday to protest against new tariffs on imported grain."
            ),
            (
                Role::Caption,
                "Photo: A farmer waves a flag from the cab of his tractor."
            ),
            (Role::Credit, "Credit: Ana Ruiz/Harbor Weekly"),
            // A soft hyphen at the end of a line joins the word without it.
            (
                Role::Body,
                "The protest ended peacefully in the afternoon, the police said."
            ),
        ]
    );
}
