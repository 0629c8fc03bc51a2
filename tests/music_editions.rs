//! A two-article edition with intro and outro music (and an interlude), built to WAV and MP3: the
//! issue's whole "done" case, checked with ffmpeg and ffprobe.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

/// A tone of `secs` seconds written by ffmpeg in the format of `name`'s extension.
fn tone(dir: &Path, name: &str, hz: u32, secs: u32) {
    let ok = Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi", "-i"])
        .arg(format!("sine=frequency={hz}:duration={secs}"))
        .args(["-ac", "2"])
        .arg(dir.join(name))
        .status()
        .expect("ffmpeg runs")
        .success();
    assert!(ok, "ffmpeg made {name}");
}

#[test]
fn an_edition_with_intro_and_outro_music_builds_to_chaptered_wav_and_mp3() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    tone(d, "theme.mp3", 330, 8);
    tone(d, "sting.ogg", 440, 2);
    tone(d, "close.flac", 262, 5);
    let cover = Command::new("ffmpeg")
        .args([
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "color=c=navy:s=64x64",
            "-frames:v",
            "1",
        ])
        .arg(d.join("cover.png"))
        .status()
        .unwrap();
    assert!(cover.success());
    std::fs::copy(own_sample(), d.join("harbor.txt")).unwrap();
    std::fs::write(
        d.join("brief.txt"),
        "Markets in brief\n\nGrain prices rose for a third week, traders in Bamako said on Monday.\n",
    )
    .unwrap();
    std::fs::write(
        d.join("weekly.toml"),
        r#"title = "Harbor Weekly"
author = "The Harbor Desk"
date = "2024-02-16"
description = "The week's news, read aloud."
cover = "cover.png"
voice = "espeak"
[intro]
audio = "theme.mp3"
text = "This is the Harbor Weekly for February 16."
[outro]
audio = "close.flac"
[[article]]
path = "harbor.txt"
[[article]]
path = "brief.txt"
interlude = "sting.ogg"
"#,
    )
    .unwrap();
    voxpress_ok(d, &["build", "weekly.toml", "--format", "wav,mp3", "-q"]);
    let out = d.join("output");
    for file in ["weekly.wav", "weekly.mp3"] {
        let chapters = ffprobe_chapters(&out.join(file)).unwrap();
        let titles: Vec<&str> = chapters.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(titles.first(), Some(&"Intro"), "{file}: {titles:?}");
        assert_eq!(titles.last(), Some(&"Outro"), "{file}: {titles:?}");
        assert!(titles.contains(&"Markets in brief"), "{file}: {titles:?}");
        // The intro (8 s of music with words) comes before the first article.
        assert!(chapters[1].0 > 6.0, "{file}: {chapters:?}");
        assert!(
            chapters.windows(2).all(|w| w[0].0 < w[1].0),
            "{file}: {chapters:?}"
        );
    }
    for file in ["weekly.wav", "weekly.mp3"] {
        let (lufs, peak) = ffmpeg_loudness(&out.join(file));
        assert!((lufs + 16.0).abs() <= 1.0, "{file}: {lufs} LUFS");
        assert!(peak <= -1.0 + 0.05, "{file}: {peak} dBTP");
    }
    for sidecar in [
        "weekly.vtt",
        "weekly.srt",
        "weekly.chapters.json",
        "weekly.ffmeta",
    ] {
        assert!(out.join(sidecar).is_file(), "{sidecar}");
    }
    let json = json(&out.join("weekly.chapters.json"));
    assert_eq!(json["chapters"][0]["title"], "Intro");
    // The MP3's tag carries the edition's metadata.
    let probe = Command::new("ffprobe")
        .args(["-v", "error", "-show_entries", "format_tags", "-of", "json"])
        .arg(out.join("weekly.mp3"))
        .output()
        .unwrap();
    let tags: serde_json::Value = serde_json::from_slice(&probe.stdout).unwrap();
    assert_eq!(tags["format"]["tags"]["title"], "Harbor Weekly");
    assert_eq!(tags["format"]["tags"]["artist"], "The Harbor Desk");
    // The cover is there as a picture stream, and the sidecars carry the metadata.
    let streams = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "stream=codec_type,codec_name",
            "-of",
            "csv=p=0",
        ])
        .arg(out.join("weekly.mp3"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&streams.stdout).contains("png,video"));
    assert_eq!(json["author"], "The Harbor Desk");
    let vtt = std::fs::read_to_string(out.join("weekly.vtt")).unwrap();
    assert!(
        vtt.starts_with("WEBVTT\n\nNOTE\nHarbor Weekly\nThe Harbor Desk\n2024-02-16"),
        "{vtt}"
    );
}

#[test]
fn music_that_cannot_be_decoded_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("theme.mp3"), b"this is not audio").unwrap();
    std::fs::write(d.join("a.txt"), "Title\n\nA sentence.\n").unwrap();
    std::fs::write(
        d.join("e.toml"),
        "[intro]\naudio = \"theme.mp3\"\n[[article]]\npath = \"a.txt\"\n",
    )
    .unwrap();
    let out = voxpress(d, &["build", "e.toml", "--voice", "fake"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("theme.mp3"), "{}", stderr(&out));
}
