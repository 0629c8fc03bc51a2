//! The Kokoro engine with the model and voices `scripts/setup.sh` installs, run for real: a voice
//! cleared for commercial use reads the sample with every word timed by the model, its voices are
//! listed with their grades, and a broken or missing file is named with its fix.
#![cfg(feature = "piper")]

mod common;

use common::*;
use std::path::Path;

#[test]
fn af_heart_reads_the_sample_with_every_word_timed_by_the_voice_and_no_licence_warning() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_sample(dir.path(), "af_heart", &["--format", "wav", "-j", "2"]);
    let said = stderr(&out);
    assert!(!said.contains("commercial"), "{said}");
    let wav = dir.path().join("out/harbor-strike.wav");
    let seconds = ffprobe_duration(&wav).expect("ffprobe reads the WAV");
    // The sample is about 230 words: at a narrator's 130 to 190 words a minute, with pauses.
    assert!((70.0..110.0).contains(&seconds), "{seconds} s");
    let words = json(&dir.path().join("out/harbor-strike.words.json"));
    assert_eq!(words["timing"], "voice", "the model's own durations");
    let words = words["words"].as_array().unwrap();
    assert!(words.len() > 200, "{} words", words.len());
    let (mut previous_start, mut previous_end) = (0.0, 0.0);
    let mut lengths = Vec::new();
    for word in words {
        let (start, end) = (
            word["start"].as_f64().unwrap(),
            word["end"].as_f64().unwrap(),
        );
        // In order; written words said as one ("12-day") share that word's time.
        let shared = start == previous_start && end == previous_end;
        assert!(
            end > start && (start >= previous_end - 1e-6 || shared),
            "{word}"
        );
        (previous_start, previous_end) = (start, end);
        lengths.push(end - start);
    }
    assert!(
        previous_end <= seconds + 0.01,
        "{previous_end} s of {seconds} s"
    );
    lengths.sort_by(f64::total_cmp);
    let median = lengths[lengths.len() / 2];
    assert!((0.15..0.6).contains(&median), "a word lasts {median} s");
}

#[test]
fn the_english_voices_are_listed_with_grade_accent_and_licence() {
    let dir = tempfile::tempdir().unwrap();
    let listed = stdout(&voxpress_ok(dir.path(), &["voices"]));
    let kokoro: Vec<&str> = listed.lines().filter(|l| l.contains(" kokoro ")).collect();
    assert_eq!(kokoro.len(), 28, "{listed}");
    assert!(kokoro.iter().all(|l| l.contains("installed")), "{listed}");
    let heart = kokoro.iter().find(|l| l.starts_with("af_heart ")).unwrap();
    assert!(
        heart.contains("grade A ") && heart.contains("American"),
        "{heart}"
    );
    let george = kokoro.iter().find(|l| l.starts_with("bm_george ")).unwrap();
    assert!(
        george.contains("en-gb") && george.contains("British"),
        "{george}"
    );
    let licence = listed
        .lines()
        .skip_while(|l| !l.starts_with("af_heart "))
        .nth(1)
        .unwrap();
    assert!(
        licence.contains("Apache-2.0") && licence.contains("commercial use allowed"),
        "{licence}"
    );
}

/// A voices folder whose Kokoro files are the installed ones except what `spoil` changes.
fn kokoro_folder(dir: &Path, spoil: impl Fn(&Path)) -> std::path::PathBuf {
    let from = root().join("voices/models/kokoro");
    let to = dir.join("voices/models/kokoro");
    std::fs::create_dir_all(to.join("voices")).unwrap();
    for file in ["vocab.json", "voices/af_heart.bin"] {
        std::fs::copy(from.join(file), to.join(file)).unwrap();
    }
    std::os::unix::fs::symlink(
        from.join("kokoro-v1.0.int8.onnx"),
        to.join("kokoro-v1.0.int8.onnx"),
    )
    .unwrap();
    std::fs::write(
        dir.join("voices/heart.toml"),
        "engine = \"kokoro\"\nvoice = \"af_heart\"\n",
    )
    .unwrap();
    spoil(&to);
    dir.join("voices")
}

fn build_with(dir: &Path, voices: &Path) -> std::process::Output {
    std::fs::write(dir.join("a.txt"), "Title\n\nThe port reopens on Monday.\n").unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_voxpress"))
        .args(["build", "a.txt", "--voice", "heart", "--out", "out"])
        .current_dir(dir)
        .env("VOXPRESS_VOICES", voices)
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .output()
        .unwrap()
}

/// What a case does to the Kokoro folder.
type Spoil = fn(&Path);

#[test]
fn a_broken_or_missing_kokoro_file_is_named_with_the_command_that_fixes_it() {
    let cases: [(&str, Spoil); 3] = [
        ("kokoro-v1.0.int8.onnx", |k| {
            let model = k.join("kokoro-v1.0.int8.onnx");
            std::fs::remove_file(&model).unwrap();
            std::fs::write(&model, b"<html>Not found</html>").unwrap();
        }),
        ("af_heart.bin", |k| {
            std::fs::write(k.join("voices/af_heart.bin"), [0u8; 1000]).unwrap()
        }),
        ("vocab.json", |k| {
            std::fs::remove_file(k.join("vocab.json")).unwrap()
        }),
    ];
    for (file, spoil) in cases {
        let dir = tempfile::tempdir().unwrap();
        let voices = kokoro_folder(dir.path(), spoil);
        let out = build_with(dir.path(), &voices);
        let said = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{file}: {said}");
        assert!(
            said.contains(file) && said.contains("setup"),
            "{file}: {said}"
        );
        assert_eq!(said.trim().lines().count(), 1, "{file}: one line: {said}");
    }
    // Unspoiled, the same folder speaks.
    let dir = tempfile::tempdir().unwrap();
    let voices = kokoro_folder(dir.path(), |_| {});
    let out = build_with(dir.path(), &voices);
    assert!(out.status.success(), "{}", stderr(&out));
}
