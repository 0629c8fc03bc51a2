//! PDF ingest: newspaper PDFs printed by Chromium from real articles read in column order without
//! running heads, pull quotes, captions or footnote markers, the same PDFs' pasted text read as
//! well, real-world PDFs read or refused with a clear error.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use voxpress::ingest::read_document;
use voxpress::model::{Document, Role};

/// The test set (tests/data/pdf, see its README), unpacked once per test into `dir`.
fn unpack(dir: &Path) -> PathBuf {
    let archive = common::root().join("tests/data/pdf/newspaper-pdfs.tar.xz");
    let status = Command::new("tar")
        .arg("-xJf")
        .arg(&archive)
        .arg("-C")
        .arg(dir)
        .status()
        .expect("tar runs");
    assert!(
        status.success(),
        "tar could not unpack {}",
        archive.display()
    );
    dir.to_path_buf()
}

fn newspapers(set: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(set.join("newspaper-pdfs"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".pdf").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

/// Words as `scripts/pdf_reading.py` counts them: lower case, letters and digits (an apostrophe
/// inside a word kept), soft hyphens dropped.
fn words(text: &str) -> Vec<String> {
    let text = text
        .replace('\u{ad}', "")
        .replace(['\u{2019}', '\u{2018}'], "'")
        .to_lowercase();
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// What a listener hears by default: title, headings and every paragraph that is not a caption
/// or footnote.
fn read_aloud(doc: &Document) -> String {
    let mut text = doc.title.text.clone();
    for section in &doc.sections {
        for p in section.heading.iter().chain(
            section
                .paragraphs
                .iter()
                .filter(|p| !matches!(p.role, Role::Caption | Role::Credit | Role::Footnote)),
        ) {
            text.push(' ');
            text.push_str(&p.text);
        }
    }
    text
}

/// Bag-of-words F1, and reading order as the share of words in the longest common subsequence
/// (difflib's ratio: 2 * matched / total).
fn scores(found: &[String], truth: &[String]) -> (f64, f64) {
    let mut left: std::collections::HashMap<&str, usize> = Default::default();
    for w in truth {
        *left.entry(w).or_default() += 1;
    }
    let common = found
        .iter()
        .filter(|w| {
            left.get_mut(w.as_str()).is_some_and(|n| {
                *n > 0 && {
                    *n -= 1;
                    true
                }
            })
        })
        .count() as f64;
    let f1 = 2.0 * common / (found.len() + truth.len()).max(1) as f64;
    let mut row = vec![0usize; truth.len() + 1];
    for a in found {
        let mut diagonal = 0;
        for (j, b) in truth.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if a == b { diagonal + 1 } else { up.max(row[j]) };
            diagonal = up;
        }
    }
    let order = 2.0 * row[truth.len()] as f64 / (found.len() + truth.len()).max(1) as f64;
    (f1, order)
}

#[test]
fn newspaper_pdfs_are_read_in_column_order_without_running_heads_pull_quotes_or_markers() {
    let dir = tempfile::tempdir().unwrap();
    let set = unpack(dir.path());
    let names = newspapers(&set);
    assert_eq!(names.len(), 12);
    let mut report = Vec::new();
    let (mut f1_sum, mut order_sum) = (0.0, 0.0);
    for name in &names {
        let pdf = set.join("newspaper-pdfs").join(format!("{name}.pdf"));
        let truth = words(&std::fs::read_to_string(pdf.with_extension("txt")).unwrap());
        let doc = read_document(&pdf).unwrap_or_else(|e| panic!("{e}"));
        let heard = read_aloud(&doc);
        for furniture in ["file:", "/tmp/", ".html", "12/7/26"] {
            assert!(!heard.contains(furniture), "{name}: reads {furniture:?}");
        }
        let (f1, order) = scores(&words(&heard), &truth);
        f1_sum += f1;
        order_sum += order;
        report.push(format!("{name}: F1 {f1:.3} order {order:.3}"));
        assert!(f1 >= 0.98 && order >= 0.98, "{report:#?}");
        // The footnote is kept apart, at the end; the caption is a caption.
        let last = doc
            .sections
            .last()
            .and_then(|s| s.paragraphs.last())
            .unwrap();
        assert_eq!(last.role, Role::Footnote, "{name}");
        assert!(
            last.text.starts_with("Figures as the agencies"),
            "{name}: {}",
            last.text
        );
        assert!(
            doc.sections
                .iter()
                .flat_map(|s| &s.paragraphs)
                .any(|p| p.role == Role::Caption && p.text.starts_with("The scene described")),
            "{name}: no caption"
        );
    }
    let n = names.len() as f64;
    assert!(
        f1_sum / n >= 0.99 && order_sum / n >= 0.99,
        "mean F1 {:.3}, order {:.3}: {report:#?}",
        f1_sum / n,
        order_sum / n
    );
}

#[test]
fn the_same_pdfs_pasted_as_text_are_read_without_their_running_heads_and_pull_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let set = unpack(dir.path());
    let mut report = Vec::new();
    let mut f1_sum = 0.0;
    let names = newspapers(&set);
    for name in &names {
        let pdf = set.join("newspaper-pdfs").join(format!("{name}.pdf"));
        let pasted = dir.path().join(format!("{name}-pasted.txt"));
        let status = Command::new("pdftotext")
            .arg("-raw")
            .arg(&pdf)
            .arg(&pasted)
            .status()
            .expect("pdftotext runs (poppler-utils, scripts/setup.sh)");
        assert!(status.success());
        let truth = words(&std::fs::read_to_string(pdf.with_extension("txt")).unwrap());
        let doc = read_document(&pasted).unwrap_or_else(|e| panic!("{e}"));
        let heard = read_aloud(&doc);
        assert!(
            !heard.contains("file:") && !heard.contains("12/7/26"),
            "{name}"
        );
        let (f1, order) = scores(&words(&heard), &truth);
        f1_sum += f1;
        report.push(format!("{name}: F1 {f1:.3} order {order:.3}"));
    }
    let mean = f1_sum / names.len() as f64;
    assert!(mean >= 0.99, "mean F1 {mean:.3}: {report:#?}");
}

#[test]
fn a_pdf_sentence_says_which_page_and_line_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let set = unpack(dir.path());
    let pdf = set.join("newspaper-pdfs/bbc-1.pdf");
    let out = common::voxpress_ok(
        dir.path(),
        &["script", pdf.to_str().unwrap(), "--voice", "espeak"],
    );
    let script: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sentences = script["sentences"].as_array().unwrap();
    let page_of = |start: &str| {
        sentences
            .iter()
            .find(|s| s["written"].as_str().unwrap().starts_with(start))
            .map(|s| (s["span"]["page"].as_u64(), s["span"]["line"].as_u64()))
            .unwrap_or_else(|| panic!("no sentence starting {start:?}"))
    };
    assert_eq!(page_of("President Barack Obama").0, Some(1));
    let (page, line) = page_of("But notably, he did not");
    assert_eq!(page, Some(2));
    assert!(line.is_some_and(|l| l >= 1));
}

#[test]
fn real_world_pdfs_are_read_or_refused_in_one_line_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let set = unpack(dir.path());
    let real = set.join("real-world");
    // A LaTeX paper in two columns: the first column's words come before the second's.
    let doc = read_document(&real.join("multicolumn.pdf")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.title.text, "Two-Column Document with Lorem Ipsum");
    let text = read_aloud(&doc);
    for file in [
        "crazyones-pdfa.pdf",
        "google-doc-document.pdf",
        "pdflatex-4-pages.pdf",
    ] {
        let doc = read_document(&real.join(file)).unwrap_or_else(|e| panic!("{e}"));
        assert!(read_aloud(&doc).split_whitespace().count() > 40, "{file}");
    }
    let crazy = read_aloud(&read_document(&real.join("crazyones-pdfa.pdf")).unwrap());
    assert!(crazy.contains("The misfits. The rebels."), "{crazy}");
    assert!(text.contains("Abstract"));
    let refused = |file: &str| {
        let path = real.join(file);
        let out = common::voxpress(dir.path(), &["script", path.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{file}: {}",
            common::stderr(&out)
        );
        let error = common::stderr(&out);
        assert_eq!(error.trim().lines().count(), 1, "{error}");
        assert!(error.contains(file), "{error}");
        error
    };
    assert!(refused("libreoffice-writer-password.pdf").contains("protected by a password"));
    assert!(refused("imagemagick-images.pdf").contains("no text layer"));
    let broken = real.join("broken.pdf");
    let bytes = std::fs::read(real.join("pdflatex-4-pages.pdf")).unwrap();
    std::fs::write(&broken, &bytes[..bytes.len() / 3]).unwrap();
    // PDFium reads what it can of a cut-off file; whatever it makes of it, no crash, no hang.
    let path = broken.to_str().unwrap();
    let cut = common::voxpress(dir.path(), &["script", path, "--voice", "espeak"]);
    assert!(
        matches!(cut.status.code(), Some(0 | 2)),
        "{}",
        common::stderr(&cut)
    );
    std::fs::write(&broken, b"%PDF-1.7\nnot really").unwrap();
    assert!(refused("broken.pdf").contains("damaged"));
}

#[test]
fn a_pdf_of_three_hundred_pages_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let set = unpack(dir.path());
    let page = set.join("real-world/pdflatex-4-pages.pdf");
    let long = dir.path().join("long.pdf");
    let mut unite = Command::new("pdfunite");
    for _ in 0..75 {
        unite.arg(&page);
    }
    assert!(unite.arg(&long).status().expect("pdfunite runs").success());
    let one = words(&read_aloud(&read_document(&page).unwrap())).len();
    let doc = read_document(&long).unwrap_or_else(|e| panic!("{e}"));
    let all = words(&read_aloud(&doc)).len();
    assert!(all >= one * 70, "{all} words of 300 pages, {one} of 4");
}

#[test]
fn without_pdfium_a_pdf_is_refused_naming_setup() {
    let dir = tempfile::tempdir().unwrap();
    let set = unpack(dir.path());
    let pdf = set.join("newspaper-pdfs/cnn.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_voxpress"))
        .args(["script", pdf.to_str().unwrap()])
        .env("PDFIUM_DYLIB_PATH", dir.path().join("no-such-libpdfium.so"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let error = common::stderr(&out);
    assert!(error.contains("scripts/setup.sh"), "{error}");
    assert!(error.contains("cnn.pdf"), "{error}");
}
