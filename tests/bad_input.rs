//! Bad input: a one-line error naming the file and what to do, exit code 2, and no output left.

mod common;

use common::*;
use std::path::Path;

fn assert_refused(dir: &Path, args: &[&str], mentions: &[&str]) {
    let out = voxpress(dir, args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    for m in mentions {
        assert!(err.contains(m), "{args:?}: '{err}' should mention '{m}'");
    }
    assert!(
        files_in(&dir.join("output")).is_empty(),
        "no output for {args:?}"
    );
}

#[test]
fn a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    assert_refused(
        dir.path(),
        &["build", "nope.txt", "--voice", "fake"],
        &["nope.txt", "check the path"],
    );
}

#[test]
fn an_empty_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "\n \n").unwrap();
    assert_refused(
        dir.path(),
        &["build", "empty.txt", "--voice", "fake"],
        &["empty.txt", "empty"],
    );
}

#[test]
fn a_binary_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("photo.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    )
    .unwrap();
    assert_refused(
        dir.path(),
        &["build", "photo.txt", "--voice", "fake"],
        &["photo.txt", "binary"],
    );
}

#[test]
fn text_that_is_not_utf8_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"Title\n\nCaf\xe9 society.\n",
    )
    .unwrap();
    assert_refused(
        dir.path(),
        &["build", "latin1.txt", "--voice", "fake"],
        &["latin1.txt:3:4", "UTF-8"],
    );
}

#[test]
fn a_file_with_nothing_speakable_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dots.txt"), "...\n\n--- *** ---\n").unwrap();
    assert_refused(
        dir.path(),
        &["build", "dots.txt", "--voice", "fake"],
        &["dots.txt", "nothing"],
    );
}

#[test]
fn an_unknown_voice_lists_the_voices() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Title\n\nText.\n").unwrap();
    assert_refused(
        dir.path(),
        &["build", "a.txt", "--voice", "galadriel"],
        &["galadriel", "voxpress voices", "espeak"],
    );
}

#[test]
fn an_output_folder_that_cannot_be_written_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Title\n\nText.\n").unwrap();
    std::fs::write(dir.path().join("blocker"), "a file, not a folder").unwrap();
    assert_refused(
        dir.path(),
        &["build", "a.txt", "--voice", "fake", "--out", "blocker/out"],
        &["blocker/out", "--out"],
    );
}

#[test]
fn a_manifest_with_an_unknown_key_names_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Title\n\nText.\n").unwrap();
    std::fs::write(
        dir.path().join("e.toml"),
        "title = \"E\"\n[[article]]\npath = \"a.txt\"\nspeed = 2\n",
    )
    .unwrap();
    assert_refused(
        dir.path(),
        &["build", "e.toml", "--voice", "fake"],
        &["e.toml:4:1", "speed"],
    );
}

#[test]
fn a_manifest_naming_a_missing_article_points_at_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("e.toml"),
        "[[article]]\npath = \"gone.txt\"\n",
    )
    .unwrap();
    assert_refused(
        dir.path(),
        &["build", "e.toml"],
        &["e.toml:2:8", "gone.txt"],
    );
}

#[test]
fn bad_usage_exits_with_two_and_help_with_zero() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(voxpress(dir.path(), &["build"]).status.code(), Some(2));
    assert_eq!(voxpress(dir.path(), &["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        voxpress(dir.path(), &["build", "a.txt", "--pauses", "sentence=abc"])
            .status
            .code(),
        Some(2)
    );
    for command in [
        &["--help"][..],
        &["build", "--help"],
        &["script", "--help"],
        &["normalize", "--help"],
        &["voices", "--help"],
    ] {
        let out = voxpress(dir.path(), command);
        assert_eq!(out.status.code(), Some(0), "{command:?}");
        assert!(stdout(&out).contains("Usage"), "{command:?}");
    }
}

#[test]
fn a_chunk_that_fails_to_speak_names_its_chunk_and_line_and_leaves_no_audio() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Title\n\nFine.\n\nThis one is unspeakable.\n",
    )
    .unwrap();
    let out = voxpress(dir.path(), &["build", "a.txt", "--voice", "fake"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("chunk 2") && err.contains("a.txt:5"), "{err}");
    // No audio or sidecar; the chunks finished before the failure stay in the cache.
    assert_eq!(files_in(&dir.path().join("output")), [".cache"]);
    let cached = std::fs::read_dir(dir.path().join("output/.cache"))
        .unwrap()
        .count();
    assert!(cached >= 1, "finished chunks are kept");
}

#[test]
fn build_refuses_the_system_voice_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let out = voxpress(
        dir.path(),
        &["build", own_sample().to_str().unwrap(), "--voice", "system"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot render files"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_mp3_bit_rate_its_sample_rate_cannot_carry_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Title\n\nSome words.\n").unwrap();
    assert_refused(
        dir.path(),
        &[
            "build",
            "a.txt",
            "--voice",
            "fake",
            "--format",
            "mp3",
            "--mp3-bitrate",
            "192",
            "--sample-rate",
            "22050",
        ],
        &["--mp3-bitrate 192", "at most 160 kbit/s", "--sample-rate"],
    );
}
