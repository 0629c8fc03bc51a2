//! Playback that really plays: ALSA's default device is routed (by a private `HOME` with an
//! `.asoundrc`) into a file device, and what reached the device is compared with what should have.
#![cfg(feature = "playback")]

mod common;

use common::*;
use std::path::Path;

/// What reached the device, without the silence the device is fed before playback starts and
/// after it ends.
fn played(home: &Path) -> (u32, Vec<i16>) {
    let (rate, samples) = wav_samples(&home.join("played.wav"));
    (rate, trimmed(&samples).to_vec())
}

/// Leading and trailing silence off a slice, to compare with what was played.
fn trimmed(samples: &[i16]) -> &[i16] {
    let start = samples
        .iter()
        .position(|&s| s != 0)
        .unwrap_or(samples.len());
    let end = samples
        .iter()
        .rposition(|&s| s != 0)
        .map_or(start, |k| k + 1);
    &samples[start..end]
}

fn assert_same(got: &[i16], want: &[i16]) {
    assert_eq!(
        got.len(),
        want.len(),
        "played {} samples, expected {}",
        got.len(),
        want.len()
    );
    let worst = got
        .iter()
        .zip(want)
        .map(|(a, b)| (a - b).abs())
        .max()
        .unwrap_or(0);
    assert!(worst <= 1, "samples differ by up to {worst}");
}

#[test]
fn playing_chapter_two_of_a_wav_plays_exactly_chapter_two() {
    let dir = tempfile::tempdir().unwrap();
    build_sample(dir.path(), "fake", &[]);
    let wav = dir.path().join("out/harbor-strike.wav");
    let chapters = ffprobe_chapters(&wav).expect("ffprobe reads the chapters");
    assert_eq!(chapters.len(), 2);
    let (rate, all) = wav_samples(&wav);
    let start = (chapters[1].0 * f64::from(rate)).round() as usize;

    let home = alsa_capture_home(dir.path());
    let out = voxpress_at_home(
        dir.path(),
        &home,
        &["play", wav.to_str().unwrap(), "--chapter", "2"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (played_rate, got) = played(&home);
    assert_eq!(played_rate, rate);
    assert_same(&got, trimmed(&all[start..]));
}

#[test]
fn playing_from_a_time_skips_what_comes_before_it() {
    let dir = tempfile::tempdir().unwrap();
    build_sample(dir.path(), "fake", &[]);
    let wav = dir.path().join("out/harbor-strike.wav");
    let (rate, all) = wav_samples(&wav);
    let home = alsa_capture_home(dir.path());
    let out = voxpress_at_home(
        dir.path(),
        &home,
        &["play", wav.to_str().unwrap(), "--from", "0:10"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (_, got) = played(&home);
    assert_same(&got, trimmed(&all[10 * rate as usize..]));
}

#[test]
fn playing_an_article_plays_what_build_would_write() {
    let dir = tempfile::tempdir().unwrap();
    build_sample(
        dir.path(),
        "fake",
        &["--sample-rate", "16000", "--loudness", "off"],
    );
    let (_, built) = wav_samples(&dir.path().join("out/harbor-strike.wav"));
    let home = alsa_capture_home(dir.path());
    let out = voxpress_at_home(
        dir.path(),
        &home,
        &[
            "play",
            own_sample().to_str().unwrap(),
            "--voice",
            "fake",
            "--cache",
            "out/.cache",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("first audio after"),
        "{}",
        stderr(&out)
    );
    let (_, got) = played(&home);
    // The null device takes audio faster than it is made, so the player may have waited (in
    // silence) between chunks: every sound sample must arrive, in order, and nothing else.
    let sound = |s: &[i16]| s.iter().copied().filter(|&x| x != 0).collect::<Vec<_>>();
    assert!(got.len() >= trimmed(&built).len());
    assert_same(&sound(&got), &sound(&built));
}

#[test]
fn say_speaks_a_line_with_each_voice() {
    let dir = tempfile::tempdir().unwrap();
    let mut voices = vec!["espeak", "fake"];
    if root().join("voices/models/en_US-joe-medium.onnx").is_file() {
        voices.push("joe");
    }
    for voice in voices {
        let home = alsa_capture_home(dir.path());
        let out = voxpress_at_home(
            dir.path(),
            &home,
            &["say", "Bamako, Jan. 14: $3.5 million.", "--voice", voice],
        );
        assert!(out.status.success(), "{voice}: {}", stderr(&out));
        let (rate, got) = played(&home);
        let secs = got.len() as f64 / f64::from(rate);
        assert!((1.0..20.0).contains(&secs), "{voice}: {secs} s played");
        std::fs::remove_file(home.join("played.wav")).unwrap();
    }
}

#[test]
fn no_audio_device_is_a_clear_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(home.join(".asoundrc"), "pcm.!default { type hw card 97 }\n").unwrap();
    let out = voxpress_at_home(dir.path(), &home, &["say", "hello", "--voice", "fake"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("no audio device"), "{}", stderr(&out));
}

#[test]
fn an_mp3_plays_to_its_length() {
    let dir = tempfile::tempdir().unwrap();
    build_sample(dir.path(), "fake", &[]);
    let wav = dir.path().join("out/harbor-strike.wav");
    let mp3 = dir.path().join("out/harbor-strike.mp3");
    let made = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-i"])
        .arg(&wav)
        .arg(&mp3)
        .status()
        .expect("ffmpeg runs");
    assert!(made.success());
    let (rate, all) = wav_samples(&wav);
    let home = alsa_capture_home(dir.path());
    let out = voxpress_at_home(dir.path(), &home, &["play", mp3.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let played_secs = played(&home).1.len() as f64 / f64::from(rate);
    let wav_secs = trimmed(&all).len() as f64 / f64::from(rate);
    assert!(
        (played_secs - wav_secs).abs() < 0.1,
        "{played_secs} s of sound played, {wav_secs} s in the file"
    );
}
