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
        lines.contains(&"Popular [[kˌuː deɪtˈɑː]] wants France out of [[mˈɑːliː]]."),
        "{text}"
    );
    assert!(
        lines.contains(
            &"Other demonstrations took place in Timbuktu, [[kɑːdiˈoʊloʊ]] and [[bˈuːɡuːni]]."
        ),
        "{text}"
    );
    for line in &lines {
        assert!(
            line.starts_with(|c: char| c.is_uppercase()) || line.starts_with("[["),
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
        .find(|c| c["text"].as_str().unwrap().starts_with("Popular [[k"))
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
        .write_all("On Jan. 14, 2022.\n\nLt. Col. Okafor (U.S.) saw 16,000.\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "On January fourteenth, twenty twenty-two.\n\nLieutenant Colonel Okafor, U.S., saw sixteen thousand.\n"
    );
}

#[test]
fn a_lexicon_given_on_the_command_line_overrides_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("names.toml");
    std::fs::write(
        &lexicon,
        "[words]\nDiallo = \"Jallo\"\nBamako = { ipa = \"bɑːmˈɑːkoʊ\" }\n",
    )
    .unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Diallo's team left Bamako and Kidal.\n").unwrap();
    let spoken = spoken_script(
        dir.path(),
        &article,
        &["--lexicon", lexicon.to_str().unwrap()],
    );
    assert_eq!(
        spoken.trim(),
        "Jallo's team left [[bɑːmˈɑːkoʊ]] and [[kiːdˈɑːl]]."
    );
}

#[test]
fn lexicon_check_shows_what_each_entry_says_and_rejects_bad_ipa() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.toml");
    std::fs::write(
        &good,
        "[words]\nMaiga = \"Myga\"\nGao = { ipa = \"ɡˈaʊ\" }\n",
    )
    .unwrap();
    let out = voxpress_ok(dir.path(), &["lexicon", "check", good.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(text.contains("says:     Myga"), "{text}");
    assert!(text.contains("phonemes: mˈaɪɡə"), "{text}");
    assert!(text.contains("2 entries, all valid"), "{text}");

    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[words]\nGao = \"Gow\"\nSegou = { ipa = \"seɡuχ\" }\n",
    )
    .unwrap();
    let out = voxpress(dir.path(), &["lexicon", "check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("bad.toml:3:"), "{err}");
    assert!(err.contains("'χ'"), "{err}");
}

#[test]
fn script_diff_puts_written_and_spoken_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Title\n\nPrices rose 14% on Jan. 9.\n\nNothing changes here.\n",
    )
    .unwrap();
    let out = voxpress_ok(
        dir.path(),
        &[
            "script",
            "--diff",
            "--voice",
            "fake",
            article.to_str().unwrap(),
        ],
    );
    let text = stdout(&out);
    let changed = text.lines().find(|l| l.contains("Prices")).unwrap();
    assert!(changed.contains(" ~ "), "{text}");
    assert!(
        changed.contains("| Prices rose fourteen percent on January ninth."),
        "{text}"
    );
    let same = text.lines().find(|l| l.contains("Nothing")).unwrap();
    assert!(!same.contains(" ~ "), "{text}");
    assert!(
        same.trim_start().starts_with('5'),
        "the source line leads: {text}"
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
        espeak.contains("22050 Hz")
            && espeak.contains("installed")
            && espeak.contains("en-us")
            && espeak.contains(" timed "),
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

#[test]
fn captions_and_citations_are_skipped_unless_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Farmers march\n\nTractors on the ring road outside the capital at dawn.\n\nFarmers protested on Monday (AFP Jan. 15, 2022).\n",
    )
    .unwrap();
    let script = |extra: &[&str]| spoken_script(dir.path(), &article, extra);
    assert_eq!(
        script(&[]),
        "Farmers march.\nFarmers protested on Monday.\n"
    );
    assert_eq!(
        script(&["--captions", "read", "--citations", "read"]),
        "Farmers march.\nPhoto caption: Tractors on the ring road outside the capital at dawn.\nFarmers protested on Monday, A.F.P. January fifteenth, twenty twenty-two.\n"
    );
}
