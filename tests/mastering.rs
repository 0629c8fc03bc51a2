//! Mastering, checked by readers nobody here wrote: ffmpeg's `ebur128` filter for loudness and
//! true peak, ffprobe for the WAV's and MP3's chapters, symphonia for the MP3's
//! length; and the joins, sample by sample.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

fn build_both(dir: &Path) -> serde_json::Value {
    build_sample(dir, "espeak", &["--format", "wav,mp3"]);
    json(&dir.join("out/harbor-strike.script.json"))
}

#[test]
fn wav_and_mp3_reach_minus_16_lufs_under_minus_1_dbtp_as_ffmpeg_measures() {
    let dir = tempfile::tempdir().unwrap();
    build_both(dir.path());
    for file in ["harbor-strike.wav", "harbor-strike.mp3"] {
        let (lufs, peak) = ffmpeg_loudness(&dir.path().join("out").join(file));
        assert!((lufs + 16.0).abs() <= 1.0, "{file}: {lufs} LUFS");
        assert!(peak <= -1.0 + 0.05, "{file}: true peak {peak} dBTP");
    }
}

#[test]
fn our_loudness_agrees_with_ffmpeg_within_half_a_lu() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_sample(dir.path(), "espeak", &["--loudness", "-19"]);
    let line = stdout(&out);
    let ours: f64 = line
        .split(" at ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no loudness in {line}"));
    let (theirs, _) = ffmpeg_loudness(&dir.path().join("out/harbor-strike.wav"));
    assert!((ours - theirs).abs() <= 0.5, "ours {ours}, ffmpeg {theirs}");
    assert!((theirs + 19.0).abs() <= 1.0, "{theirs}");
}

#[test]
fn ffprobe_reads_the_same_chapters_from_the_wav_and_the_mp3() {
    let dir = tempfile::tempdir().unwrap();
    build_both(dir.path());
    let wav = ffprobe_chapters(&dir.path().join("out/harbor-strike.wav")).unwrap();
    let mp3 = ffprobe_chapters(&dir.path().join("out/harbor-strike.mp3")).unwrap();
    assert_eq!(wav.len(), 2);
    assert_eq!(wav.len(), mp3.len());
    for ((a, ta), (b, tb)) in wav.iter().zip(&mp3) {
        assert_eq!(ta, tb);
        assert!((a - b).abs() < 0.05, "{a} vs {b}");
    }
}

#[test]
fn symphonia_decodes_the_mp3_to_the_wavs_length() {
    let dir = tempfile::tempdir().unwrap();
    let script = build_both(dir.path());
    let duration = script["duration"].as_f64().unwrap();
    let (rate, samples) =
        voxpress::stitch::music::decode(&dir.path().join("out/harbor-strike.mp3")).unwrap();
    let decoded = samples.len() as f64 / f64::from(rate);
    assert!(
        (decoded - duration).abs() < 0.05,
        "MP3 {decoded} s, WAV {duration} s"
    );
}

#[test]
fn the_mp3_has_the_bit_rate_asked_for_as_ffprobe_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let bit_rate = |kbps: &str| {
        build_sample(
            dir.path(),
            "espeak",
            &["--format", "mp3", "--mp3-bitrate", kbps, "--no-cache"],
        );
        let probe = Command::new("ffprobe")
            .args([
                "-v",
                "error",
                "-show_entries",
                "format=bit_rate",
                "-of",
                "csv=p=0",
            ])
            .arg(dir.path().join("out/harbor-strike.mp3"))
            .output()
            .unwrap();
        String::from_utf8_lossy(&probe.stdout)
            .trim()
            .parse::<f64>()
            .unwrap()
            / 1000.0
    };
    for kbps in ["64", "128"] {
        let measured = bit_rate(kbps);
        let asked: f64 = kbps.parse().unwrap();
        // The ID3 tag (chapters, cover) adds a little to the file's average.
        assert!(
            (measured - asked).abs() <= asked * 0.03,
            "{kbps} kbit/s asked, {measured} measured"
        );
    }
}

#[test]
fn no_join_between_chunks_jumps() {
    let dir = tempfile::tempdir().unwrap();
    let script = build_both(dir.path());
    let (rate, samples) = wav_samples(&dir.path().join("out/harbor-strike.wav"));
    let rate = f64::from(rate);
    let mut joins = 0;
    for chunk in script["chunks"].as_array().unwrap() {
        for key in ["start", "end"] {
            let at = (chunk[key].as_f64().unwrap() * rate).round() as usize;
            let end = (at + 8).min(samples.len());
            let window = &samples[at.saturating_sub(8).min(end)..end];
            let jump = window
                .windows(2)
                .map(|w| (i32::from(w[1]) - i32::from(w[0])).abs())
                .max()
                .unwrap_or(0);
            assert!(
                jump < 600,
                "a jump of {jump} at {key} of chunk {}",
                chunk["index"]
            );
            joins += 1;
        }
    }
    assert!(joins > 20);
}

#[test]
fn split_chapters_join_back_into_the_whole_edition() {
    let dir = tempfile::tempdir().unwrap();
    build_sample(dir.path(), "fake", &["--split", "chapters"]);
    let (_, whole) = wav_samples(&dir.path().join("out/harbor-strike.wav"));
    let parts_dir = dir.path().join("out/harbor-strike-chapters");
    let mut parts: Vec<_> = std::fs::read_dir(&parts_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    parts.sort();
    let names: Vec<String> = parts
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[1].starts_with("02-ships-wait"), "{names:?}");
    let joined: Vec<i16> = parts.iter().flat_map(|p| wav_samples(p).1).collect();
    assert_eq!(joined, whole);
    // Each chapter file is read as one chapter of its own title.
    let first = ffprobe_chapters(&parts[1]).unwrap();
    assert_eq!(first[0].1, "Ships wait, shelves empty");
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
    };
    // A limit of 1 KiB stands in for 4 GiB.
    let mut sink = wav::open_with_limit(&target, 1024).unwrap();
    sink.write(&vec![0.0; 32_000]).unwrap();
    sink.finish().unwrap();
    assert_eq!(&std::fs::read(&path).unwrap()[0..4], b"RF64");
    let out = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "csv=p=0",
        ])
        .arg(&path)
        .output()
        .unwrap();
    let secs: f64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    assert!((secs - 2.0).abs() < 0.01, "{secs}");
}
