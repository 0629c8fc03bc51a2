//! EPUB ingest: a book's chapters in reading order, checked on a small book packed from
//! `tests/fixtures/epub/a_small_book/`.

mod common;

use common::*;
use voxpress::ingest::read_document;

fn small_book(dir: &std::path::Path, leave_out: &[&str]) -> std::path::PathBuf {
    let out = dir.join("harbor-year.epub");
    zip_folder(
        &root().join("tests/fixtures/epub/a_small_book"),
        &out,
        leave_out,
    );
    out
}

#[test]
fn a_book_reads_its_chapters_in_spine_order_and_skips_navigation_contents_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let doc = read_document(&small_book(dir.path(), &[])).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.title.text, "The Harbor Year");
    assert_eq!(doc.author.as_deref(), Some("Dana Whitfield"));
    let outline: Vec<(Option<&str>, Vec<&str>)> = doc
        .sections
        .iter()
        .map(|s| {
            (
                s.heading.as_ref().map(|h| h.text.as_str()),
                s.paragraphs.iter().map(|p| p.text.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        outline,
        [
            (
                Some("Chapter One: Winter"),
                vec![
                    "The cranes stood still in January.",
                    "Nobody expected the strike to last.",
                    "By the ninth day, the ships had turned away.",
                ]
            ),
            (
                Some("Chapter Two: Spring"),
                vec!["The deal was signed on a Sunday."]
            ),
            (Some("The vote"), vec!["Nine in ten voted yes."]),
            (
                Some("Chapter Three: Summer"),
                vec!["Summer brought the ships back."]
            ),
        ]
    );
    // Lines point into the chapter's own file.
    assert_eq!(doc.sections[1].paragraphs[0].span().line, 5);
}

#[test]
fn a_book_builds_with_a_chapter_per_chapter() {
    let dir = tempfile::tempdir().unwrap();
    small_book(dir.path(), &[]);
    voxpress_ok(
        dir.path(),
        &["build", "harbor-year.epub", "--voice", "fake"],
    );
    let chapters = json(&dir.path().join("output/harbor-year.chapters.json"));
    // The book's creator is the recording's author.
    assert_eq!(chapters["author"], "Dana Whitfield");
    let titles = chapter_titles(&chapters);
    assert_eq!(
        titles,
        [
            "The Harbor Year",
            "Chapter One: Winter",
            "Chapter Two: Spring",
            "The vote",
            "Chapter Three: Summer"
        ]
    );
}

#[test]
fn chapter_files_without_headings_are_named_by_the_ncx_of_an_epub2_book() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("letters.epub");
    zip_folder(
        &root().join("tests/fixtures/epub/an_epub2_book_named_by_its_ncx"),
        &book,
        &[],
    );
    let doc = read_document(&book).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.title.text, "Letters from the Coast");
    let outline: Vec<(&str, usize)> = doc
        .sections
        .iter()
        .map(|s| {
            (
                s.heading.as_ref().unwrap().text.as_str(),
                s.paragraphs.len(),
            )
        })
        .collect();
    assert_eq!(outline, [("The First Letter", 2), ("The Second Letter", 1)]);
}

#[test]
fn a_file_that_is_not_a_book_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.epub"), "just some text").unwrap();
    let out = voxpress(dir.path(), &["build", "notes.epub", "--voice", "fake"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("notes.epub: not a readable EPUB book"),
        "{message}"
    );
}

#[test]
fn a_chapter_missing_from_the_book_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let book = small_book(dir.path(), &["OEBPS/text/chapter2.xhtml"]);
    let error = read_document(&book).unwrap_err().to_string();
    assert!(
        error.contains("OEBPS/text/chapter2.xhtml is listed but missing from the book"),
        "{error}"
    );
}

#[test]
fn a_book_with_drm_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("locked");
    let fixture = root().join("tests/fixtures/epub/a_small_book");
    for file in ["mimetype", "META-INF/container.xml", "OEBPS/content.opf"] {
        let to = folder.join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixture.join(file), to).unwrap();
    }
    std::fs::create_dir_all(folder.join("OEBPS/text")).unwrap();
    for file in std::fs::read_dir(fixture.join("OEBPS/text")).unwrap() {
        let file = file.unwrap();
        std::fs::copy(
            file.path(),
            folder.join("OEBPS/text").join(file.file_name()),
        )
        .unwrap();
    }
    std::fs::write(
        folder.join("META-INF/encryption.xml"),
        r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
  <enc:EncryptedData><enc:CipherData><enc:CipherReference URI="OEBPS/text/chapter2.xhtml"/></enc:CipherData></enc:EncryptedData>
</encryption>"#,
    )
    .unwrap();
    let book = dir.path().join("locked.epub");
    zip_folder(&folder, &book, &[]);
    let error = read_document(&book).unwrap_err().to_string();
    assert!(
        error.contains("OEBPS/text/chapter2.xhtml is encrypted (the book has DRM)"),
        "{error}"
    );
}
