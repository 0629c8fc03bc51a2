//! Mastering, checked by readers nobody here wrote: ffmpeg's `ebur128` filter for our own
//! loudness figure, ffprobe for the MP3's bit rate; and the joins, sample by sample. Every
//! format's chapters, loudness and length are in `audio_formats.rs`.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

fn build_both(dir: &Path) -> serde_json::Value {
    build_sample(dir, "espeak", &["--format", "wav,mp3"]);
    json(&dir.join("out/harbor-strike.script.json"))
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
