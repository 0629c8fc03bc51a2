//! Every audio format of one build, checked by readers nobody here wrote: an edition with intro
//! words over music, an interlude, an outro, a cover and tags, built once to WAV, MP3, M4B and
//! Opus with chapter files, then read by ffprobe and ffmpeg (chapters, tags, loudness, length),
//! opusinfo, Python's mutagen, hound and symphonia.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const FORMATS: [&str; 4] = ["wav", "mp3", "m4b", "opus"];

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

/// A `size` x `size` PNG made by ffmpeg.
fn cover(path: &Path, size: u32) {
    let ok = Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi", "-i"])
        .arg(format!("color=c=navy:s={size}x{size}"))
        .args(["-frames:v", "1"])
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok);
}

const MANIFEST: &str = r#"title = "Harbor Weekly"
author = "The Harbor Desk"
date = "2024-02-16"
description = "The week's news, read aloud."
cover = "cover.png"
voice = "espeak"
[intro]
audio = "theme.mp3"
text = "This is the Harbor Weekly for Feb. 16."
[outro]
audio = "close.flac"
[[article]]
path = "harbor.txt"
[[article]]
path = "brief.txt"
interlude = "sting.ogg"
"#;

struct Built {
    _dir: tempfile::TempDir,
    root: PathBuf,
    out: PathBuf,
}

/// The edition, built once for every test of this file.
fn edition() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_path_buf();
        tone(&d, "theme.mp3", 330, 8);
        tone(&d, "sting.ogg", 440, 2);
        tone(&d, "close.flac", 262, 5);
        cover(&d.join("cover.png"), 64);
        std::fs::copy(own_sample(), d.join("harbor.txt")).unwrap();
        std::fs::write(
            d.join("brief.txt"),
            "Markets in brief\n\nGrain prices rose for a third week, traders in Bamako said on Monday.\n",
        )
        .unwrap();
        std::fs::write(d.join("weekly.toml"), MANIFEST).unwrap();
        voxpress_ok(
            &d,
            &[
                "build",
                "weekly.toml",
                "--format",
                "wav,mp3,m4b,opus",
                "--split",
                "chapters",
                "-q",
            ],
        );
        Built {
            out: d.join("output"),
            root: d,
            _dir: dir,
        }
    })
}

fn probe_json(path: &Path, what: &str) -> serde_json::Value {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-of", "json"])
        .args(what.split(' '))
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Seconds of audio ffmpeg decodes from `path`.
fn decoded_secs(path: &Path) -> f64 {
    let out = Command::new("ffmpeg")
        .args(["-v", "error", "-i"])
        .arg(path)
        .args([
            "-map", "0:a", "-f", "s16le", "-ac", "1", "-ar", "48000", "-",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    out.stdout.len() as f64 / 2.0 / 48_000.0
}

#[test]
fn ffprobe_lists_the_same_chapters_in_every_format_and_the_ffmetadata_equals_them() {
    let e = edition();
    let wav = ffprobe_chapters(&e.out.join("weekly.wav")).unwrap();
    let titles: Vec<&str> = wav.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(titles.first(), Some(&"Intro"), "{titles:?}");
    assert_eq!(titles.last(), Some(&"Outro"), "{titles:?}");
    assert!(titles.contains(&"Markets in brief"), "{titles:?}");
    assert!(wav.windows(2).all(|w| w[0].0 < w[1].0), "{wav:?}");
    for format in &FORMATS[1..] {
        let theirs = ffprobe_chapters(&e.out.join(format!("weekly.{format}"))).unwrap();
        assert_eq!(theirs.len(), wav.len(), "{format}: {theirs:?}");
        for ((a, ta), (b, tb)) in wav.iter().zip(&theirs) {
            assert_eq!(ta, tb, "{format}");
            // The README promises the same chapters within a millisecond.
            assert!((a - b).abs() <= 0.001, "{format}: {ta} at {a} vs {b}");
        }
    }
    // FFMETADATA: START of each [CHAPTER] in milliseconds, the same chapters.
    let ffmeta = std::fs::read_to_string(e.out.join("weekly.ffmeta")).unwrap();
    let starts: Vec<f64> = ffmeta
        .lines()
        .filter_map(|l| l.strip_prefix("START="))
        .map(|ms| ms.parse::<f64>().unwrap() / 1000.0)
        .collect();
    assert_eq!(starts.len(), wav.len());
    for (ms, (secs, _)) in starts.iter().zip(&wav) {
        assert!((ms - secs).abs() <= 0.001, "{ms} vs {secs}");
    }
    assert!(ffmeta.contains("artist=The Harbor Desk"), "{ffmeta}");
}

#[test]
fn every_format_reaches_minus_16_lufs_within_half_a_lu_under_minus_1_dbtp() {
    let e = edition();
    for format in FORMATS {
        let (lufs, peak) = ffmpeg_loudness(&e.out.join(format!("weekly.{format}")));
        assert!((lufs + 16.0).abs() <= 0.5, "{format}: {lufs} LUFS");
        assert!(peak <= -1.0, "{format}: true peak {peak} dBTP");
    }
}

#[test]
fn every_format_decodes_to_the_wavs_length_within_50_ms() {
    let e = edition();
    let script = json(&e.out.join("weekly.script.json"));
    let duration = script["duration"].as_f64().unwrap();
    let (rate, samples) = wav_samples(&e.out.join("weekly.wav"));
    let wav = samples.len() as f64 / f64::from(rate);
    assert!((wav - duration).abs() < 0.001, "{wav} vs {duration}");
    for format in FORMATS {
        let secs = decoded_secs(&e.out.join(format!("weekly.{format}")));
        assert!(
            (secs - wav).abs() <= 0.05,
            "{format}: {secs} s, WAV {wav} s"
        );
    }
    // symphonia, where it can: the MP3.
    let (rate, samples) = voxpress::stitch::music::decode(&e.out.join("weekly.mp3")).unwrap();
    let secs = samples.len() as f64 / f64::from(rate);
    assert!(
        (secs - wav).abs() <= 0.05,
        "symphonia: MP3 {secs} s, WAV {wav} s"
    );
}

#[test]
fn opusinfo_accepts_the_opus_file_and_ffprobe_reads_its_tags_and_cover() {
    let e = edition();
    let path = e.out.join("weekly.opus");
    let out = Command::new("opusinfo").arg(&path).output().unwrap();
    let text = stdout(&out) + &stderr(&out);
    assert!(out.status.success(), "{text}");
    assert!(!text.to_lowercase().contains("warning"), "{text}");
    assert!(text.contains("Playback length"), "{text}");
    let probe = probe_json(&path, "-show_streams -show_format");
    assert_eq!(probe["streams"][0]["codec_name"], "opus");
    assert_eq!(probe["streams"][0]["sample_rate"], "48000");
    let tags = &probe["streams"][0]["tags"];
    let tag = |k: &str| tags[k].as_str().or(tags[k.to_uppercase()].as_str());
    assert_eq!(tag("title"), Some("Harbor Weekly"), "{tags}");
    assert_eq!(tag("artist"), Some("The Harbor Desk"), "{tags}");
    assert_eq!(tag("date"), Some("2024-02-16"), "{tags}");
    assert!(
        tag("METADATA_BLOCK_PICTURE").is_some() || probe["streams"].as_array().unwrap().len() > 1,
        "{probe}"
    );
    let bit_rate: f64 = probe["format"]["bit_rate"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((20_000.0..48_000.0).contains(&bit_rate), "{bit_rate}");
}

#[test]
fn mutagen_reads_the_m4bs_tags_chapters_and_cover() {
    let e = edition();
    let script = r#"
import sys, json
from mutagen.mp4 import MP4
f = MP4(sys.argv[1])
t = f.tags
print(json.dumps({
  "title": t["\xa9nam"][0], "artist": t["\xa9ART"][0], "album": t["\xa9alb"][0],
  "date": t["\xa9day"][0], "comment": t["\xa9cmt"][0],
  "covers": [len(c) for c in t.get("covr", [])],
  "chapters": [[c.start, c.title] for c in (f.chapters or [])],
  "codec": f.info.codec, "length": f.info.length,
}))
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(e.out.join("weekly.m4b"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let m: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(m["title"], "Harbor Weekly");
    assert_eq!(m["artist"], "The Harbor Desk");
    assert_eq!(m["album"], "Harbor Weekly");
    assert_eq!(m["date"], "2024-02-16");
    // The description, then who read it.
    let comment = m["comment"].as_str().unwrap();
    assert!(
        comment.starts_with("The week's news, read aloud.\nRead by espeak: "),
        "{comment}"
    );
    assert_eq!(m["codec"], "mp4a.40.2", "AAC-LC");
    let png = std::fs::metadata(e.root.join("cover.png")).unwrap().len();
    assert_eq!(m["covers"], serde_json::json!([png]));
    // mutagen reads the QuickTime chapter track: the same titles as ffprobe (Nero chpl).
    let chapters = m["chapters"].as_array().unwrap();
    let ffprobe = ffprobe_chapters(&e.out.join("weekly.m4b")).unwrap();
    assert_eq!(chapters.len(), ffprobe.len(), "{m}");
    for (c, (start, title)) in chapters.iter().zip(&ffprobe) {
        assert_eq!(c[1].as_str(), Some(title.as_str()));
        assert!(
            (c[0].as_f64().unwrap() - start).abs() <= 0.001,
            "{c} vs {start}"
        );
    }
}

#[test]
fn chapter_files_in_every_format_are_tracks_of_the_edition() {
    let e = edition();
    let dir = e.out.join("weekly-chapters");
    let names = files_in(&dir);
    let chapters = ffprobe_chapters(&e.out.join("weekly.wav")).unwrap();
    for format in FORMATS {
        let of: Vec<&String> = names
            .iter()
            .filter(|n| n.ends_with(&format!(".{format}")))
            .collect();
        assert_eq!(of.len(), chapters.len(), "{format}: {names:?}");
    }
    // The WAV chapters join back into the whole edition, sample for sample.
    let (_, whole) = wav_samples(&e.out.join("weekly.wav"));
    let joined: Vec<i16> = names
        .iter()
        .filter(|n| n.ends_with(".wav"))
        .flat_map(|n| wav_samples(&dir.join(n)).1)
        .collect();
    assert_eq!(joined.len(), whole.len());
    assert!(joined == whole);
    // The second MP3 is track 2 of the edition, its title the chapter's.
    let second = names
        .iter()
        .find(|n| n.starts_with("02-") && n.ends_with(".mp3"))
        .unwrap();
    let tags = probe_json(&dir.join(second), "-show_entries format_tags");
    let tags = &tags["format"]["tags"];
    assert_eq!(tags["album"], "Harbor Weekly", "{tags}");
    assert_eq!(
        tags["title"].as_str(),
        Some(chapters[1].1.as_str()),
        "{tags}"
    );
    assert_eq!(
        tags["track"].as_str(),
        Some(format!("2/{}", chapters.len()).as_str()),
        "{tags}"
    );
}

#[test]
fn the_intro_words_are_in_the_transcripts_and_the_timed_script() {
    let e = edition();
    let vtt = std::fs::read_to_string(e.out.join("weekly.vtt")).unwrap();
    let srt = std::fs::read_to_string(e.out.join("weekly.srt")).unwrap();
    for text in [&vtt, &srt] {
        assert!(
            text.contains("This is the Harbor Weekly for Feb. 16."),
            "{text}"
        );
    }
    assert!(vtt.starts_with("WEBVTT\n\nNOTE\nHarbor Weekly\nThe Harbor Desk\n2024-02-16"));
    let script = json(&e.out.join("weekly.script.json"));
    let passage = &script["passages"][0];
    assert_eq!(passage["part"], "intro");
    assert_eq!(
        passage["spoken"],
        "This is the Harbor Weekly for February sixteenth."
    );
    // Spoken 2 s into the intro's music, before the first article's chapter.
    let start = passage["start"].as_f64().unwrap();
    assert!((1.9..2.5).contains(&start), "{passage}");
    // Each chapter of the script starts where ffprobe says that chapter starts.
    let probed = ffprobe_chapters(&e.out.join("weekly.wav")).unwrap();
    for chapter in script["chapters"].as_array().unwrap() {
        let title = chapter["title"].as_str().unwrap();
        let (at, _) = probed.iter().find(|(_, t)| t == title).unwrap();
        let start = chapter["start"].as_f64().unwrap();
        assert!((start - at).abs() <= 0.002, "{title}: {start} vs {at}");
    }
}

#[test]
fn hound_reads_every_wav_written() {
    let e = edition();
    let dir = e.out.join("weekly-chapters");
    let mut wavs = vec![e.out.join("weekly.wav")];
    wavs.extend(
        files_in(&dir)
            .into_iter()
            .filter(|n| n.ends_with(".wav"))
            .map(|n| dir.join(n)),
    );
    for path in wavs {
        let reader = hound::WavReader::open(&path).unwrap();
        assert_eq!(reader.spec().channels, 1);
        assert_eq!(reader.spec().bits_per_sample, 16);
        assert!(reader.len() > 0, "{}", path.display());
    }
}

#[test]
fn ffprobe_reads_an_rf64_file_to_its_length() {
    use voxpress::outputs::{wav, ChapterMark, SinkTarget, Tags};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.wav");
    let mark = |start, end, title: &str| ChapterMark {
        start,
        end,
        title: title.into(),
    };
    let tags = Tags {
        sample_rate: 16_000,
        chapters: vec![mark(0, 16_000, "One"), mark(16_000, 32_000, "Two")],
        ..Tags::default()
    };
    let target = SinkTarget {
        path: &path,
        sample_rate: 16_000,
        total_samples: 32_000,
        kbps: None,
        tags: &tags,
        level: None,
    };
    // A limit of 1 KiB stands in for 4 GiB.
    let mut sink = wav::open_with_limit(&target, 1024).unwrap();
    sink.write(&vec![0.0; 32_000]).unwrap();
    sink.finish().unwrap();
    assert_eq!(&std::fs::read(&path).unwrap()[0..4], b"RF64");
    let probe = probe_json(&path, "-show_entries format=duration");
    let secs: f64 = probe["format"]["duration"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((secs - 2.0).abs() < 0.01, "{secs}");
    // And it plays: our reader takes it back whole.
    assert_eq!(wav::read(&path).unwrap().1.len(), 32_000);
}

/// The first line of `voxpress build` with `--voice fake` in `dir`, which must succeed.
fn build_fake(dir: &Path, extra: &[&str]) -> String {
    let mut args = vec!["build", "harbor.txt", "--voice", "fake"];
    args.extend_from_slice(extra);
    stdout(&voxpress_ok(dir, &args))
}

#[test]
fn a_deleted_or_changed_output_is_written_again_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(own_sample(), d.join("harbor.txt")).unwrap();
    let first = build_fake(d, &["--format", "wav,mp3"]);
    assert!(first.contains(" 0 from cache"), "{first}");
    let out = d.join("output");
    let again = build_fake(d, &["--format", "wav,mp3"]);
    assert!(again.contains("0 synthesized"), "{again}");
    let listed = files_in(&out);
    for (victim, change) in [
        ("harbor.vtt", false),
        ("harbor.cue", false),
        ("harbor.mp3", false),
        ("harbor.srt", true),
        ("harbor.wav", true),
    ] {
        let path = out.join(victim);
        let before = std::fs::read(&path).unwrap();
        if change {
            std::fs::write(&path, b"edited").unwrap();
        } else {
            std::fs::remove_file(&path).unwrap();
        }
        let line = build_fake(d, &["--format", "wav,mp3"]);
        assert!(line.contains("(0 synthesized,"), "{victim}: {line}");
        assert_eq!(
            std::fs::read(&path).unwrap().len(),
            before.len(),
            "{victim}"
        );
        assert_eq!(files_in(&out), listed);
    }
    // An MP3-only build's CUE sheet names the MP3.
    build_fake(d, &["--format", "mp3", "--out", "mp3only"]);
    let cue = std::fs::read_to_string(d.join("mp3only/harbor.cue")).unwrap();
    assert!(cue.contains("FILE \"harbor.mp3\" MP3"), "{cue}");
    assert!(!d.join("mp3only/harbor.wav").exists());
}

#[test]
fn out_naming_an_audio_file_writes_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(own_sample(), d.join("harbor.txt")).unwrap();
    let line = build_fake(d, &["--out", "dist/episode.opus"]);
    assert!(line.starts_with("dist/episode.opus:"), "{line}");
    assert!(d.join("dist/episode.opus").is_file());
    assert!(d.join("dist/episode.chapters.json").is_file());
    assert!(!d.join("dist/episode.wav").exists());
    // A folder that is not named like an audio file stays a folder.
    build_fake(d, &["--out", "plain"]);
    assert!(d.join("plain/harbor.wav").is_file());
}

/// Runs a build expected to fail with exit code 2, returning its message.
fn refused(dir: &Path, args: &[&str]) -> String {
    let out = voxpress(dir, args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    let message = stderr(&out);
    // One line (clap adds a hint to its own usage errors).
    let lines: Vec<&str> = message
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("For more information"))
        .collect();
    assert_eq!(lines.len(), 1, "{message}");
    message
}

#[test]
fn mistakes_in_outputs_and_manifests_are_refused_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), "Title\n\nA sentence.\n").unwrap();
    std::fs::write(d.join("cover.jpg"), "not an image at all").unwrap();
    let manifest = |name: &str, body: &str| {
        std::fs::write(d.join(name), body).unwrap();
        name.to_string()
    };
    let m = manifest(
        "cover.toml",
        "cover = \"cover.jpg\"\n[[article]]\npath = \"a.txt\"\n",
    );
    let e = refused(d, &["build", &m, "--voice", "fake"]);
    assert!(
        e.contains("cover.jpg") && e.contains("not a JPEG or PNG"),
        "{e}"
    );
    let m = manifest("self.toml", "[[article]]\npath = \"self.toml\"\n");
    let e = refused(d, &["build", &m, "--voice", "fake"]);
    assert!(
        e.contains("self.toml:2:8") && e.contains("manifest itself"),
        "{e}"
    );
    let m = manifest("other.toml", "[[article]]\npath = \"cover.toml\"\n");
    let e = refused(d, &["build", &m, "--voice", "fake"]);
    assert!(e.contains("not an article file"), "{e}");
    let m = manifest(
        "date.toml",
        "date = \"banana\"\n[[article]]\npath = \"a.txt\"\n",
    );
    let e = refused(d, &["build", &m, "--voice", "fake"]);
    assert!(e.contains("date.toml:1:8") && e.contains("ISO 8601"), "{e}");
    // `voxpress build a.txt --voice fake` with `extra`, refused.
    let refused_build = |extra: &[&str]| {
        let mut args = vec!["build", "a.txt", "--voice", "fake"];
        args.extend_from_slice(extra);
        refused(d, &args)
    };
    let e = refused_build(&["--format", "mp3", "--sample-rate", "96000"]);
    assert!(e.contains("96000") && e.contains("MP3"), "{e}");
    let e = refused_build(&["--format", "flac"]);
    assert!(e.contains("wav, mp3, m4b, opus"), "{e}");
    let e = refused_build(&["--out", "x.wav", "--format", "mp3"]);
    assert!(e.contains("x.wav"), "{e}");
    let e = refused_build(&["--format", "opus", "--opus-bitrate", "1000"]);
    assert!(e.contains("opus-bitrate"), "{e}");
}

#[test]
fn a_web_page_saved_as_text_is_read_as_html_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("page.txt"),
        "<!DOCTYPE html>\n<html><head><title>Port reopens</title><style>p{color:red}</style></head>\n<body><article><h1>Port reopens</h1><p>Ships sailed on <b>Monday</b>.</p></article></body></html>\n",
    )
    .unwrap();
    let out = voxpress_ok(
        d,
        &["script", "--format", "text", "--voice", "fake", "page.txt"],
    );
    let said = stdout(&out);
    assert!(said.contains("Ships sailed on Monday."), "{said}");
    assert!(!said.contains('<') && !said.contains("color"), "{said}");
    assert!(stderr(&out).contains("read as HTML"), "{}", stderr(&out));
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
    let e = refused(d, &["build", "e.toml", "--voice", "fake"]);
    assert!(e.contains("theme.mp3"), "{e}");
}
