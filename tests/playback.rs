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
    assert!(
        root().join("voices/models/en_US-joe-medium.onnx").is_file(),
        "joe is not installed: run scripts/setup.sh"
    );
    for voice in ["espeak", "fake", "joe"] {
        let home = alsa_capture_home(dir.path());
        let out = voxpress_at_home(
            dir.path(),
            &home,
            &["say", "Bamako, Jan. 14: $3.5 million.", "--voice", voice],
        );
        assert!(out.status.success(), "{voice}: {}", stderr(&out));
        let (rate, got) = played(&home);
        let secs = got.len() as f64 / f64::from(rate);
        // Eight spoken words ("Bamako, January fourteenth: three point five million dollars.")
        // at 120 to 300 words a minute, with a little silence either side.
        assert!((1.6..5.0).contains(&secs), "{voice}: {secs} s played");
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

/// A short article of two chapters (its title, and a section), two paragraphs each.
const BRIEF: &str = "Council Passes Budget\n\nThe council met on Monday night. It voted on the budget.\n\n\
A second paragraph follows here. It is short.\n\nHow Residents Reacted\n\n\
Residents spoke at length. Some were pleased.\n\nOthers were not pleased at all. The mayor will respond.\n";

/// The brief built with the fake voice into `dir/out/brief.*` in `formats`.
fn built_brief(dir: &Path, formats: &str) -> std::path::PathBuf {
    let article = dir.join("brief.txt");
    std::fs::write(&article, BRIEF).unwrap();
    let out = voxpress(
        dir,
        &[
            "build",
            article.to_str().unwrap(),
            "--voice",
            "fake",
            "--out",
            "out",
            "--format",
            formats,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    dir.join("out/brief.wav")
}

/// Zero crossings per second: the pitch of the fake voice's tones, times two.
fn crossings_per_second(samples: &[i16], rate: u32) -> f64 {
    let n = samples
        .windows(2)
        .filter(|w| (w[0] < 0) != (w[1] < 0))
        .count();
    n as f64 * f64::from(rate) / samples.len().max(1) as f64
}

#[test]
fn chapter_two_at_double_speed_is_delivered_in_half_its_time_at_the_same_pitch() {
    let dir = tempfile::tempdir().unwrap();
    let wav = built_brief(dir.path(), "wav");
    let chapters = ffprobe_chapters(&wav).expect("ffprobe reads the chapters");
    let (rate, all) = wav_samples(&wav);
    let start = (chapters[1].0 * f64::from(rate)).round() as usize;
    let chapter = trimmed(&all[start..]);
    let home = alsa_capture_home(dir.path());
    let out = voxpress_at_home(
        dir.path(),
        &home,
        &[
            "play",
            wav.to_str().unwrap(),
            "--chapter",
            "2",
            "--speed",
            "2",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (_, got) = played(&home);
    let ratio = got.len() as f64 / chapter.len() as f64;
    assert!(
        (ratio - 0.5).abs() <= 0.5 * 0.03,
        "delivered {ratio} of the chapter's length"
    );
    let pitch = crossings_per_second(&got, rate) / crossings_per_second(chapter, rate);
    assert!(
        (pitch - 1.0).abs() <= 0.05,
        "pitch moved by a factor {pitch}"
    );
}

#[test]
fn a_finished_file_plays_at_the_rate_asked_and_refuses_the_flags_that_change_a_reading() {
    let dir = tempfile::tempdir().unwrap();
    let wav = built_brief(dir.path(), "wav");
    let (_, all) = wav_samples(&wav);
    let home = alsa_capture_home(dir.path());
    let wav = wav.to_str().unwrap();
    let out = voxpress_at_home(dir.path(), &home, &["play", wav, "--rate", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let (_, got) = played(&home);
    let ratio = got.len() as f64 / trimmed(&all).len() as f64;
    assert!(
        (ratio - 0.5).abs() <= 0.5 * 0.03,
        "--rate 2 delivered {ratio} of the file"
    );
    for (args, says) in [
        (
            vec!["--voice", "espeak"],
            "--voice would change how an article is read",
        ),
        (
            vec!["--byline", "skip", "--captions", "read"],
            "--captions, --byline would change",
        ),
        (vec!["--rate", "2", "--speed", "1.5"], "not both"),
    ] {
        let mut all_args = vec!["play", wav];
        all_args.extend(args);
        let out = voxpress_at_home(dir.path(), &home, &all_args);
        assert_eq!(out.status.code(), Some(2), "{all_args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(says),
            "{all_args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn a_start_past_the_end_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let wav = built_brief(dir.path(), "wav");
    let home = alsa_capture_home(dir.path());
    let out = voxpress_at_home(
        dir.path(),
        &home,
        &["play", wav.to_str().unwrap(), "--from", "9:00"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("it lasts 0:11"), "{}", stderr(&out));
}

#[test]
fn finished_files_of_every_format_play_their_chapters_and_queue_one_after_another() {
    let dir = tempfile::tempdir().unwrap();
    let wav = built_brief(dir.path(), "wav,mp3,opus,m4b");
    let chapters = ffprobe_chapters(&wav).unwrap();
    let (rate, all) = wav_samples(&wav);
    let start = (chapters[1].0 * f64::from(rate)).round() as usize;
    let chapter_secs = trimmed(&all[start..]).len() as f64 / f64::from(rate);
    for format in ["mp3", "opus", "m4b"] {
        let file = wav.with_extension(format);
        let home = alsa_capture_home(dir.path());
        let out = voxpress_at_home(
            dir.path(),
            &home,
            &["play", file.to_str().unwrap(), "--chapter", "2"],
        );
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let (got_rate, got) = played(&home);
        let secs = got.len() as f64 / f64::from(got_rate);
        assert!(
            (secs - chapter_secs).abs() < 0.15,
            "{format}: chapter 2 played for {secs} s, it lasts {chapter_secs} s"
        );
    }
    let home = alsa_capture_home(dir.path());
    let mp3 = wav.with_extension("mp3");
    let out = voxpress_at_home(
        dir.path(),
        &home,
        &["play", wav.to_str().unwrap(), mp3.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("played to 0:11").count(), 2, "{err}");
}

/// `voxpress` with a private home and state folder, standard input not a terminal.
fn voxpress_with_state(cwd: &Path, home: &Path, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_voxpress"));
    command
        .args(args)
        .current_dir(cwd)
        .env("XDG_CACHE_HOME", cwd.join(".test-cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("HOME", home)
        .stdin(std::process::Stdio::null());
    command
}

#[test]
fn where_the_listener_stopped_is_remembered_resumed_and_forgotten_after_ninety_days() {
    let dir = tempfile::tempdir().unwrap();
    let wav = built_brief(dir.path(), "wav");
    let paced = PacedDevice::new(dir.path(), 44_100);
    let play = [wav.to_str().unwrap().to_string()];
    let mut child = voxpress_with_state(dir.path(), &paced.home, &["play", &play[0]])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(4500));
    let signalled = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(signalled.success());
    assert!(child.wait().unwrap().success());
    let delivered = paced.delivered().len() as f64 / 44_100.0;
    assert!(delivered < 8.0, "stopped after {delivered} s");
    let home = alsa_capture_home(dir.path());
    std::fs::rename(dir.path().join("paced-home/state"), home.join("state"))
        .expect("something remembered");
    let memory = home.join("state/voxpress/resume.json");
    let saved: serde_json::Value = json(&memory);
    let entry = saved["entries"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap()
        .clone();
    let position = entry["position"].as_f64().unwrap();
    assert!((2.5..8.0).contains(&position), "stopped at {position} s");

    let again = voxpress_with_state(dir.path(), &home, &["play", &play[0], "--from", "11"])
        .output()
        .unwrap();
    assert!(!stderr(&again).contains("resuming"), "a start given wins");
    let resumed = voxpress_with_state(dir.path(), &home, &["play", &play[0]])
        .output()
        .unwrap();
    let expected = format!("resuming at 0:{:02}", (position - 2.0).max(0.0) as u64);
    assert!(stderr(&resumed).contains(&expected), "{}", stderr(&resumed));
    // Played to the end, it is forgotten; an entry ninety days old is dropped unread.
    let forgotten: serde_json::Value = json(&memory);
    assert!(forgotten["entries"].as_object().unwrap().is_empty());
    let mut old = saved.clone();
    for (_, e) in old["entries"].as_object_mut().unwrap() {
        e["saved"] = serde_json::json!(1);
    }
    std::fs::write(&memory, serde_json::to_vec(&old).unwrap()).unwrap();
    let stale = voxpress_with_state(dir.path(), &home, &["play", &play[0]])
        .output()
        .unwrap();
    assert!(!stderr(&stale).contains("resuming"), "{}", stderr(&stale));
}

#[test]
fn plain_play_says_each_sentence_once_as_it_starts() {
    let dir = tempfile::tempdir().unwrap();
    let wav = built_brief(dir.path(), "wav");
    let paced = PacedDevice::new(dir.path(), 44_100);
    let out = voxpress_at_home(
        dir.path(),
        &paced.home,
        &[
            "play",
            wav.to_str().unwrap(),
            "--plain",
            "--from-sentence",
            "6",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    paced.delivered();
    let lines: Vec<String> = stderr(&out).lines().map(str::to_string).collect();
    assert_eq!(
        &lines[..4],
        [
            "How Residents Reacted",
            "Residents spoke at length.",
            "Some were pleased.",
            "Others were not pleased at all.",
        ],
        "{lines:?}"
    );
    assert_eq!(lines.iter().filter(|l| l.contains("The mayor")).count(), 1);
    assert!(!stderr(&out).contains('\r'), "nothing is redrawn");
}

/// A device that takes sound in real time, as speakers do (ALSA's null device takes it as fast as
/// it comes): ALSA's file plugin writes raw 16-bit samples into a FIFO that a thread drains at
/// `rate` frames a second, keeping what it read.
struct PacedDevice {
    home: std::path::PathBuf,
    reader: Option<std::thread::JoinHandle<Vec<u8>>>,
}

impl PacedDevice {
    fn new(dir: &Path, rate: u32) -> PacedDevice {
        let home = dir.join("paced-home");
        std::fs::create_dir_all(&home).unwrap();
        let fifo = home.join("device.fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        std::fs::write(
            home.join(".asoundrc"),
            format!(
                "pcm.!default {{\n  type plug\n  slave {{ pcm \"paced\"\n    format S16_LE\n    rate {rate}\n    channels 1 }}\n}}\n\
                 pcm.paced {{\n  type file\n  slave.pcm \"null\"\n  file \"{}\"\n  format \"raw\"\n}}\n",
                fifo.display()
            ),
        )
        .unwrap();
        let reader = std::thread::spawn(move || {
            use std::io::Read;
            let mut file = std::fs::File::open(&fifo).unwrap();
            let mut kept = Vec::new();
            let mut block = vec![0u8; (rate as usize * 2 / 50) & !1];
            let started = std::time::Instant::now();
            loop {
                let n = file.read(&mut block).unwrap_or(0);
                if n == 0 {
                    break;
                }
                kept.extend_from_slice(&block[..n]);
                // Wait until the sound taken so far has had time to play.
                let due =
                    std::time::Duration::from_secs_f64(kept.len() as f64 / 2.0 / f64::from(rate));
                if let Some(wait) = due.checked_sub(started.elapsed()) {
                    std::thread::sleep(wait);
                }
            }
            kept
        });
        PacedDevice {
            home,
            reader: Some(reader),
        }
    }

    /// The samples delivered, once the player has closed the device.
    fn delivered(mut self) -> Vec<i16> {
        let bytes = self.reader.take().unwrap().join().unwrap();
        bytes
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect()
    }
}

/// A tmux server of its own, killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let out = std::process::Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "play"])
    }

    fn keys(&self, keys: &str) {
        self.run(&["send-keys", "-t", "play", "-l", keys]);
    }

    /// The position the status line shows, in seconds.
    fn position(&self) -> f64 {
        let screen = self.screen();
        let clock = screen
            .split_whitespace()
            .skip_while(|w| *w != "playing" && *w != "paused")
            .nth(1)
            .unwrap_or_else(|| panic!("no status line in {screen:?}"));
        let (m, s) = clock.split_once(':').unwrap();
        m.parse::<f64>().unwrap() * 60.0 + s.parse::<f64>().unwrap()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

fn pause(ms: u64) {
    std::thread::sleep(std::time::Duration::from_millis(ms));
}

#[test]
fn keys_in_a_terminal_pause_change_speed_jump_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let wav = built_brief(dir.path(), "wav");
    let paced = PacedDevice::new(dir.path(), 44_100);
    let home = paced.home.clone();
    let done = dir.path().join("done.txt");
    let command = format!(
        "cd {} && HOME={} XDG_STATE_HOME={}/state XDG_CACHE_HOME=.test-cache {} play {}; echo $? > {}",
        dir.path().display(),
        home.display(),
        home.display(),
        env!("CARGO_BIN_EXE_voxpress"),
        wav.display(),
        done.display()
    );
    let tmux = Tmux {
        socket: format!("voxpress-test-{}", std::process::id()),
    };
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "play",
        "-x",
        "120",
        "-y",
        "8",
        &command,
    ]);
    pause(1500);
    let screen = tmux.screen();
    assert!(
        screen.contains("playing 0:0") && screen.contains("1x"),
        "{screen}"
    );
    assert_eq!(
        screen.lines().filter(|l| l.contains("playing")).count(),
        1,
        "one line: {screen}"
    );
    tmux.keys("++");
    pause(400);
    assert!(tmux.screen().contains("1.5x"), "{}", tmux.screen());
    tmux.keys("0");
    tmux.keys(" ");
    pause(400);
    assert!(tmux.screen().contains("paused"), "{}", tmux.screen());
    let held = tmux.position();
    pause(1200);
    assert_eq!(tmux.position(), held, "paused, the position holds");
    tmux.keys(" ");
    // The body's paragraphs start at 1.3 s and 3.8 s, its second sentence at 5.0 s, the next
    // chapter at 6.5 s.
    tmux.keys("n");
    pause(500);
    let at = tmux.position();
    assert!((6.0..8.0).contains(&at), "chapter 2 at {at} s");
    tmux.keys("p");
    pause(300);
    // The headline is a paragraph of its own: two paragraphs on is the second of the body.
    tmux.keys("]]");
    pause(400);
    let at = tmux.position();
    assert!((3.0..5.0).contains(&at), "the second paragraph at {at} s");
    tmux.keys(".");
    pause(300);
    let at = tmux.position();
    assert!((5.0..6.0).contains(&at), "its second sentence at {at} s");
    tmux.keys("q");
    for _ in 0..50 {
        if done.exists() {
            break;
        }
        pause(100);
    }
    assert_eq!(std::fs::read_to_string(&done).unwrap().trim(), "0");
    let got = paced.delivered();
    assert!(
        (got.len() as f64 / 44_100.0) < 9.0,
        "quitting stopped the sound"
    );
    assert!(home.join("state/voxpress/resume.json").is_file());
}
