//! `voxpress script`, `normalize` and `voices`.

mod common;

use common::*;
use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn script_text_reads_the_reflowed_sample_as_whole_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let out = voxpress_ok(
        dir.path(),
        &[
            "script",
            "--format",
            "text",
            shared_sample().to_str().unwrap(),
        ],
    );
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.contains(&"Popular coup d'etat wants France out of Mali."),
        "{text}"
    );
    assert!(
        lines.contains(&"Other demonstrations took place in Timbuktu, Kadiolo and Bougouni."),
        "{text}"
    );
    for line in &lines {
        assert!(
            line.starts_with(|c: char| c.is_uppercase()),
            "starts mid-sentence: {line}"
        );
        assert!(line.ends_with(['.', '!', '?']), "no ending: {line}");
    }
}

#[test]
fn script_json_carries_spans_pauses_and_chapters() {
    let dir = tempfile::tempdir().unwrap();
    let sample = shared_sample();
    let out = voxpress_ok(dir.path(), &["script", sample.to_str().unwrap()]);
    let script: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let source = std::fs::read_to_string(&sample).unwrap();
    let chunks = script["chunks"].as_array().unwrap();
    assert!(chunks.len() > 30);
    let heading = chunks
        .iter()
        .find(|c| c["text"].as_str().unwrap().starts_with("Popular coup"))
        .unwrap();
    let (start, end) = (
        heading["span"]["start"].as_u64().unwrap() as usize,
        heading["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &source[start..end],
        "Popular coup d\u{2019}etat wants France out of Mali"
    );
    assert_eq!(heading["span"]["line"], 47);
    let before = &chunks[heading["index"].as_u64().unwrap() as usize - 1];
    assert_eq!(before["boundary"], "section");
    assert!(before["pause_ms"].as_u64().unwrap() > 800);
}

#[test]
fn normalize_prints_one_spoken_line_per_input_line() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_voxpress"))
        .arg("normalize")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("On Jan. 14, 2022.\n\nLt. Col. Diallo (U.S.) saw 16,000.\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "On January fourteenth, twenty twenty-two.\n\nLieutenant Colonel Diallo, U.S., saw sixteen thousand.\n"
    );
}

#[test]
fn voices_lists_the_built_in_voices_as_installed() {
    let dir = tempfile::tempdir().unwrap();
    let out = voxpress(dir.path(), &["voices"]);
    assert!(out.status.success());
    let text = stdout(&out);
    let espeak = text
        .lines()
        .find(|l| l.starts_with("espeak "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        espeak.contains("22050 Hz") && espeak.contains("installed") && espeak.contains("en-us"),
        "{espeak}"
    );
    assert!(
        !text.lines().any(|l| l.starts_with("fake")),
        "the test voice is not listed"
    );
}

#[test]
fn custom_pauses_change_the_gaps_between_sentences() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Title\n\nOne. Two. Three.\n").unwrap();
    let out = voxpress(dir.path(), &["script", "a.txt", "--pauses", "sentence=520"]);
    let script: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(script["chunks"][1]["pause_ms"], 520);
    let refused = voxpress(
        dir.path(),
        &["script", "a.txt", "--pauses", "sentence=5000"],
    );
    assert_eq!(
        refused.status.code(),
        Some(2),
        "a sentence pause longer than a paragraph pause"
    );
}
