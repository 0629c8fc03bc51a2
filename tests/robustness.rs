//! Nothing a user feeds voxpress makes it hang, crash or lose work: text of any shape in linear
//! time, control characters and other encodings, broken voices, damaged cache entries, two builds
//! at once, interrupts and full disks.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs `voxpress` and kills it if it has not finished within `limit`: a hang fails the test
/// instead of stalling the suite. (The limit is ten times what the work takes here; speed itself
/// is measured by `scripts/bench.sh`.)
fn voxpress_within(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_voxpress"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CACHE_HOME", dir.join(".test-cache"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let id = child.id();
    let watchdog = std::thread::spawn(move || {
        std::thread::sleep(limit);
        let _ = Command::new("kill")
            .args(["-KILL", &id.to_string()])
            .status();
    });
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.code().is_some(),
        "voxpress {args:?} did not finish within {limit:?}"
    );
    drop(watchdog);
    out
}

/// `voxpress script NAME --voice espeak --format text EXTRA...`, killed after `limit`.
fn script_text(dir: &Path, name: &str, extra: &[&str], limit: Duration) -> Output {
    let mut args = vec!["script", name, "--voice", "espeak", "--format", "text"];
    args.extend_from_slice(extra);
    voxpress_within(dir, &args, limit)
}

fn spoken_lines(out: &Output) -> Vec<String> {
    stdout(out).lines().map(str::to_string).collect()
}

#[test]
fn a_long_text_with_no_sentence_end_is_scripted_in_bounded_sentences() {
    let dir = tempfile::tempdir().unwrap();
    // 2 MB of words with no punctuation at all: what took minutes grew with the square of this.
    let words = ["the", "council", "voted", "on", "roads", "and", "schools"];
    let run: Vec<&str> = (0..300_000).map(|k| words[k * 7 % 5 + k % 2]).collect();
    std::fs::write(dir.path().join("transcript.txt"), run.join(" ")).unwrap();
    let out = script_text(dir.path(), "transcript.txt", &[], Duration::from_secs(60));
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = spoken_lines(&out);
    // The first line is too long for a title: the file's name is the title, the text is body.
    assert_eq!(lines[0], "transcript.");
    assert!(lines.len() > 500, "{} sentences", lines.len());
    let spoken_words: usize = lines[1..].iter().map(|l| l.split(' ').count()).sum();
    assert_eq!(spoken_words, run.len(), "every word is said once");
    assert!(
        lines.iter().all(|l| l.len() <= 2100),
        "no sentence is a run-on"
    );
}

#[test]
fn text_without_any_space_is_scripted_in_bounded_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("Title\n\n{}\n", "[1](2)-3.".repeat(100_000));
    std::fs::write(dir.path().join("debris.txt"), text).unwrap();
    let out = script_text(dir.path(), "debris.txt", &[], Duration::from_secs(60));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(spoken_lines(&out).len() > 100);
}

#[test]
fn a_word_or_number_too_long_to_say_is_skipped_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "Title\n\nThe word {} is long.\n\nThe number {} is longer than any.\n",
        "a".repeat(200_000),
        "7".repeat(5_000)
    );
    std::fs::write(dir.path().join("long.txt"), text).unwrap();
    let out = script_text(dir.path(), "long.txt", &[], Duration::from_secs(30));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        spoken_lines(&out),
        [
            "Title.",
            "The word is long.",
            "The number is longer than any."
        ]
    );
    let err = stderr(&out);
    assert!(
        err.contains("long.txt:3: a 200000-character word is not read"),
        "{err}"
    );
    assert!(
        err.contains("long.txt:5: a 5000-character number is not read"),
        "{err}"
    );
}

#[test]
fn stray_control_characters_are_dropped_with_one_notice_and_the_text_is_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("pasted.txt"),
        "Budget vote\n\nThe \x1b[1mcouncil\x1b[0m voted\x07 on Tuesday.\x00\n\x0c\nThe mayor\x0bsigned it.\n",
    )
    .unwrap();
    let out = script_text(dir.path(), "pasted.txt", &[], Duration::from_secs(30));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        spoken_lines(&out),
        [
            "Budget vote.",
            "The council voted on Tuesday.",
            "The mayor signed it."
        ]
    );
    let err = stderr(&out);
    assert_eq!(err.matches("control character").count(), 1, "{err}");
    assert!(
        err.contains("pasted.txt: 4 control characters (first on line 3)"),
        "{err}"
    );
}

#[test]
fn utf16_with_a_byte_order_mark_reads_like_its_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Caf\u{e9} owners\n\nThe caf\u{e9} on Main Street reopened on Jan. 14.\n";
    let little: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let big: Vec<u8> = [0xfe, 0xff]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    std::fs::write(dir.path().join("utf8.txt"), text).unwrap();
    std::fs::write(dir.path().join("le.txt"), little).unwrap();
    std::fs::write(dir.path().join("be.txt"), big).unwrap();
    let read = |name: &str| {
        let out = script_text(dir.path(), name, &[], Duration::from_secs(30));
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        spoken_lines(&out)
    };
    let expected = read("utf8.txt");
    assert!(expected[1].contains("January fourteenth"), "{expected:?}");
    assert_eq!(read("le.txt"), expected);
    assert_eq!(read("be.txt"), expected);
}

#[test]
fn latin1_text_names_its_likely_encoding_and_reads_when_told() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("old.txt"),
        b"Caf\xe9 owners\n\nThe caf\xe9 reopened.\n",
    )
    .unwrap();
    let out = voxpress(dir.path(), &["script", "old.txt", "--voice", "espeak"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("old.txt:1:4") && err.contains("--encoding WINDOWS-1252"),
        "{err}"
    );
    assert!(
        err.contains("iconv -f WINDOWS-1252 -t UTF-8 old.txt"),
        "{err}"
    );
    let out = script_text(
        dir.path(),
        "old.txt",
        &["--encoding", "latin-1"],
        Duration::from_secs(30),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(spoken_lines(&out)[1], "The caf\u{e9} reopened.");
}

/// A voices folder with one Piper preset `broken` whose model and config are as given.
fn voices_with(dir: &Path, model: &[u8], config: &[u8]) -> PathBuf {
    let voices = dir.join("voices");
    std::fs::create_dir_all(voices.join("models")).unwrap();
    std::fs::write(
        voices.join("broken.toml"),
        "engine = \"piper\"\ndescription = \"a broken voice\"\nmodel = \"models/broken.onnx\"\n",
    )
    .unwrap();
    std::fs::write(voices.join("models/broken.onnx"), model).unwrap();
    std::fs::write(voices.join("models/broken.onnx.json"), config).unwrap();
    voices
}

#[test]
fn a_voice_whose_model_or_config_is_broken_is_named_at_open_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Title\n\nOne sentence.\n").unwrap();
    let joe_config = std::fs::read(root().join("voices/models/en_US-joe-medium.onnx.json"))
        .unwrap_or_else(|_| b"{}".to_vec());
    // An HTML error page saved as the model; then a model-shaped file with a config that is not
    // JSON (ir_version 8 and a three-byte graph, which is all the check at open looks for).
    let cases: [(&[u8], &[u8], &str); 2] = [
        (b"<html>404 Not Found</html>", &joe_config, "broken.onnx:"),
        (
            &[0x08, 0x08, 0x3a, 0x03, 1, 2, 3],
            b"not json",
            "broken.onnx.json:",
        ),
    ];
    for (model, config, named) in cases {
        let voices = voices_with(dir.path(), model, config);
        let out = Command::new(env!("CARGO_BIN_EXE_voxpress"))
            .args(["build", "a.txt", "--voice", "broken"])
            .current_dir(dir.path())
            .env("VOXPRESS_VOICES", &voices)
            .env("XDG_CACHE_HOME", dir.path().join(".test-cache"))
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(named), "{named} not in {err}");
        assert!(
            !dir.path().join("output").exists(),
            "nothing was started: {err}"
        );
    }
}

/// Every cache entry under `dir`: path and whether its header, length and CRC-32 are sound.
fn cache_entries(dir: &Path) -> Vec<(PathBuf, bool)> {
    let mut entries = Vec::new();
    for sub in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(sub.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let bytes = std::fs::read(file.path()).unwrap_or_default();
            // VXC3: magic, rate, sample count, word count, CRC-32 of the body; samples (4 bytes
            // each) then words (24 bytes each).
            let sound = bytes.len() >= 24
                && &bytes[..4] == b"VXC3"
                && u64::from_le_bytes(bytes[8..16].try_into().unwrap()) * 4
                    + u64::from(u32::from_le_bytes(bytes[16..20].try_into().unwrap())) * 24
                    + 24
                    == bytes.len() as u64
                && u32::from_le_bytes(bytes[20..24].try_into().unwrap())
                    == crc32fast::hash(&bytes[24..]);
            entries.push((file.path(), sound));
        }
    }
    entries.sort();
    entries
}

#[test]
fn damaged_cache_entries_are_synthesized_again_and_never_stitched_in() {
    let dir = tempfile::tempdir().unwrap();
    let sample = own_sample();
    let args = ["build", sample.to_str().unwrap(), "--voice", "fake"];
    voxpress_ok(dir.path(), &args);
    let wav = dir.path().join("output/harbor-strike.wav");
    let first = std::fs::read(&wav).unwrap();
    let cache = dir.path().join("output/.cache");
    let entries = cache_entries(&cache);
    assert!(entries.len() >= 5 && entries.iter().all(|(_, sound)| *sound));
    // Truncated, emptied, a wrong header, one flipped bit in the samples.
    let damage: [fn(&mut Vec<u8>); 4] = [
        |b| b.truncate(b.len() / 2),
        |b| b.clear(),
        |b| b[..4].copy_from_slice(b"JUNK"),
        |b| b[100] ^= 0x04,
    ];
    for ((path, _), damage) in entries.iter().zip(damage) {
        let mut bytes = std::fs::read(path).unwrap();
        damage(&mut bytes);
        std::fs::write(path, bytes).unwrap();
    }
    // The audio must be rebuilt: remove it so the build is not recognized as unchanged.
    std::fs::remove_file(&wav).unwrap();
    std::fs::remove_file(dir.path().join("output/.harbor-strike.build.json")).unwrap();
    let out = voxpress_ok(dir.path(), &args);
    let summary = stdout(&out);
    assert!(summary.contains("(4 synthesized,"), "{summary}");
    assert_eq!(
        std::fs::read(&wav).unwrap(),
        first,
        "the same audio, bit for bit"
    );
    assert!(cache_entries(&cache).iter().all(|(_, sound)| *sound));
}

/// A small tmpfs mounted at `at` for the life of the value. Mounting needs root, as CI and the
/// development machines have; where it fails the test fails and says why, it never passes
/// unchecked.
struct SmallDisk {
    at: PathBuf,
}

impl SmallDisk {
    fn mount(at: &Path, kib: u32) -> SmallDisk {
        std::fs::create_dir_all(at).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(at)
            .stderr(Stdio::inherit())
            .status();
        assert!(
            mounted.as_ref().is_ok_and(|s| s.success()),
            "cannot mount a {kib} KiB tmpfs at {} to fill ({mounted:?}): this test needs root",
            at.display()
        );
        SmallDisk {
            at: at.to_path_buf(),
        }
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.at).status();
    }
}

#[test]
fn a_full_output_disk_is_one_line_naming_the_folder_and_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("small");
    let _disk = SmallDisk::mount(&out_dir, 512);
    let sample = own_sample();
    let cache = dir.path().join("cache");
    let out = voxpress(
        dir.path(),
        &[
            "build",
            sample.to_str().unwrap(),
            "--voice",
            "fake",
            "--out",
            out_dir.to_str().unwrap(),
            "--cache",
            cache.to_str().unwrap(),
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!("{}: the disk is full", out_dir.display())),
        "{err}"
    );
    // Nothing is left there: no audio, no temporary file, no lock.
    assert_eq!(files_in(&out_dir), Vec::<String>::new());
    // The chunks went to the cache on the other disk and are all sound.
    let entries = cache_entries(&cache);
    assert!(!entries.is_empty() && entries.iter().all(|(_, sound)| *sound));
}

#[test]
fn a_full_cache_disk_keeps_only_sound_entries_and_the_build_still_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("small-cache");
    let _disk = SmallDisk::mount(&cache, 1024);
    let sample = own_sample();
    let out = voxpress(
        dir.path(),
        &[
            "build",
            sample.to_str().unwrap(),
            "--voice",
            "fake",
            "--cache",
            cache.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("output/harbor-strike.wav").is_file());
    let entries = cache_entries(&cache);
    assert!(!entries.is_empty(), "some entries fit");
    for (path, sound) in &entries {
        assert!(sound, "{} is not a sound entry", path.display());
    }
}

fn joe_build(dir: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_voxpress"))
        .args([
            "build",
            shared_sample().to_str().unwrap(),
            "--voice",
            "joe",
            "-j",
            "2",
        ])
        .current_dir(dir)
        .env("XDG_CACHE_HOME", dir.join(".test-cache"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// How many finished entries the cache holds: counted by name, not read (it is polled).
fn clips(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|sub| {
            std::fs::read_dir(sub.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .filter(|f| f.path().extension().is_some_and(|e| e == "clip"))
        .count()
}

fn wait_for_clips(cache: &Path, at_least: usize) {
    let started = Instant::now();
    while clips(cache) < at_least && started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(clips(cache) >= at_least, "the build made no progress");
}

fn temporary_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.path().is_dir() {
                stack.push(e.path());
            } else if name.contains(".tmp") || name.contains(".pass1-") {
                found.push(name);
            }
        }
    }
    found
}

#[test]
fn a_second_build_of_the_same_output_is_refused_and_an_interrupt_stops_cleanly_to_resume() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("output/.cache");
    for (signal, code) in [("-INT", 130), ("-TERM", 143)] {
        let mut first = joe_build(dir.path());
        wait_for_clips(&cache, clips(&cache) + 3);
        // While it runs, a second build into the same folder is turned away, naming it.
        let second = voxpress(
            dir.path(),
            &["build", shared_sample().to_str().unwrap(), "--voice", "joe"],
        );
        let err = stderr(&second);
        assert_eq!(second.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!("already being built by PID {}", first.id())),
            "{err}"
        );
        let asked = Instant::now();
        let sent = Command::new("kill")
            .args([signal, &first.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = first.wait().unwrap();
        let stopped_after = asked.elapsed();
        eprintln!(
            "{signal}: stopped after {:.2} s",
            stopped_after.as_secs_f64()
        );
        let mut err = String::new();
        std::io::Read::read_to_string(first.stderr.as_mut().unwrap(), &mut err).unwrap();
        assert_eq!(status.code(), Some(code), "{err}");
        assert!(err.contains("interrupted"), "{err}");
        assert!(
            stopped_after < Duration::from_secs(5),
            "took {stopped_after:?}"
        );
        assert!(!dir.path().join("output/mali-solidarity.wav").exists());
        assert_eq!(
            temporary_files(&dir.path().join("output")),
            Vec::<String>::new()
        );
        assert!(cache_entries(&cache).iter().all(|(_, sound)| *sound));
    }
    // The next build resumes from what both interrupted builds finished.
    let done = clips(&cache);
    let out = voxpress_ok(
        dir.path(),
        &["build", shared_sample().to_str().unwrap(), "--voice", "joe"],
    );
    let summary = stdout(&out);
    let cached: usize = summary
        .split(" from cache")
        .next()
        .and_then(|head| head.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {summary}"));
    assert!(cached >= done, "{done} were cached: {summary}");
}
