//! Transcripts and chapter files, read back by ffmpeg's own demuxers where it has one.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

/// (start, end) of each packet ffprobe reads from a subtitle file.
fn ffprobe_cues(path: &Path) -> Vec<(f64, f64)> {
    let out = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "packet=pts_time,duration_time",
            "-of",
            "csv=p=0",
        ])
        .arg(path)
        .output()
        .expect("ffprobe runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut fields = l.split(',');
            let start: f64 = fields.next()?.parse().ok()?;
            let duration: f64 = fields.next()?.parse().ok()?;
            Some((start, start + duration))
        })
        .collect()
}

fn build(dir: &Path) -> (f64, serde_json::Value) {
    build_sample(dir, "fake", &[]);
    let script = json(&dir.join("out/harbor-strike.script.json"));
    (script["duration"].as_f64().unwrap(), script)
}

#[test]
fn vtt_and_srt_cues_parse_ascend_and_end_within_the_audio() {
    let dir = tempfile::tempdir().unwrap();
    let (duration, script) = build(dir.path());
    for name in ["harbor-strike.vtt", "harbor-strike.srt"] {
        let cues = ffprobe_cues(&dir.path().join("out").join(name));
        assert!(
            cues.len() >= script["sentences"].as_array().unwrap().len(),
            "{name}"
        );
        for pair in cues.windows(2) {
            assert!(
                pair[0].0 <= pair[1].0 && pair[0].1 <= pair[1].0 + 0.002,
                "{name}: {pair:?}"
            );
        }
        assert!(
            cues.iter().all(|(s, e)| s < e && *e <= duration + 0.002),
            "{name}"
        );
    }
    let vtt = std::fs::read_to_string(dir.path().join("out/harbor-strike.vtt")).unwrap();
    assert!(vtt.starts_with("WEBVTT"));
    // Written words, not spoken ones, and short lines.
    assert!(
        vtt.contains("2,400 dockworkers") || vtt.contains("2,400"),
        "{vtt}"
    );
    assert!(!vtt.contains("two thousand four hundred"));
    for block in vtt.split("\n\n").skip(2) {
        let lines: Vec<&str> = block.lines().skip(2).collect();
        assert!(lines.len() <= 2, "{block}");
        assert!(lines.iter().all(|l| l.chars().count() <= 42), "{block}");
    }
}

#[test]
fn ffmetadata_chapters_read_by_ffprobe_match_the_wav_chapters() {
    let dir = tempfile::tempdir().unwrap();
    build(dir.path());
    let from_wav = ffprobe_chapters(&dir.path().join("out/harbor-strike.wav")).unwrap();
    let from_meta = ffprobe_chapters(&dir.path().join("out/harbor-strike.ffmeta")).unwrap();
    assert_eq!(from_meta.len(), from_wav.len());
    for ((a, ta), (b, tb)) in from_meta.iter().zip(&from_wav) {
        assert_eq!(ta, tb);
        assert!((a - b).abs() < 0.002, "{a} vs {b}");
    }
}

#[test]
fn cue_sheet_and_audacity_labels_list_every_chapter_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (duration, _) = build(dir.path());
    let chapters = ffprobe_chapters(&dir.path().join("out/harbor-strike.wav")).unwrap();
    let cue = std::fs::read_to_string(dir.path().join("out/harbor-strike.cue")).unwrap();
    assert!(cue.contains("FILE \"harbor-strike.wav\" WAVE"));
    assert_eq!(cue.matches("TRACK ").count(), chapters.len());
    let labels = std::fs::read_to_string(dir.path().join("out/harbor-strike.labels.txt")).unwrap();
    let rows: Vec<Vec<&str>> = labels.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), chapters.len());
    for (row, (start, title)) in rows.iter().zip(&chapters) {
        assert!((row[0].parse::<f64>().unwrap() - start).abs() < 0.001);
        assert_eq!(row[2], title);
    }
    let last_end: f64 = rows.last().unwrap()[1].parse().unwrap();
    assert!((last_end - duration).abs() < 0.01);
}
