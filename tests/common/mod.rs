//! Helpers shared by the integration tests: run the binary, find fixtures, read outputs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn shared_sample() -> PathBuf {
    root().join("../shared/corpus/mali-solidarity.txt")
}

pub fn own_sample() -> PathBuf {
    root().join("samples/harbor-strike.txt")
}

/// Runs `voxpress` with `args` in `cwd`, with a private cache home so nothing leaks between tests.
pub fn voxpress(cwd: &Path, args: &[&str]) -> Output {
    let cache = cwd.join(".test-cache");
    Command::new(env!("CARGO_BIN_EXE_voxpress"))
        .args(args)
        .current_dir(cwd)
        .env("XDG_CACHE_HOME", &cache)
        .output()
        .expect("run voxpress")
}

/// Runs `voxpress` like [`voxpress`] and fails the test, showing its errors, unless it succeeded.
pub fn voxpress_ok(cwd: &Path, args: &[&str]) -> Output {
    let out = voxpress(cwd, args);
    assert!(
        out.status.success(),
        "voxpress {args:?} failed: {}",
        stderr(&out)
    );
    out
}

/// The titles of a Podcasting 2.0 chapters document, in order.
pub fn chapter_titles(chapters: &serde_json::Value) -> Vec<String> {
    chapters["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap().to_string())
        .collect()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Files in `dir`, sorted, ignoring the private test cache.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.retain(|n| n != ".test-cache");
    names.sort();
    names
}

/// ffprobe's chapters of a media file as (start seconds, title), or `None` without ffprobe.
pub fn ffprobe_chapters(path: &Path) -> Option<Vec<(f64, String)>> {
    let out = Command::new("ffprobe")
        .args(["-v", "error", "-print_format", "json", "-show_chapters"])
        .arg(path)
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "ffprobe failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    Some(
        value["chapters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let start: f64 = c["start_time"].as_str().unwrap().parse().unwrap();
                (start, c["tags"]["title"].as_str().unwrap_or("").to_string())
            })
            .collect(),
    )
}

/// A private `HOME` whose `.asoundrc` routes ALSA's default device through a `plug` (S16_LE) into
/// a `file` device that writes everything played to `HOME/played.wav`.
pub fn alsa_capture_home(dir: &Path) -> PathBuf {
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let capture = home.join("played.wav");
    std::fs::write(
        home.join(".asoundrc"),
        format!(
            "pcm.!default {{\n  type plug\n  slave {{ pcm \"capture\"\n    format S16_LE }}\n}}\n\
             pcm.capture {{\n  type file\n  slave.pcm \"null\"\n  file \"{}\"\n  format \"wav\"\n}}\n",
            capture.display()
        ),
    )
    .unwrap();
    home
}

/// Runs `voxpress` like [`voxpress`] with `HOME` set to `home` and no terminal on standard input.
pub fn voxpress_at_home(cwd: &Path, home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_voxpress"))
        .args(args)
        .current_dir(cwd)
        .env("XDG_CACHE_HOME", cwd.join(".test-cache"))
        .env("HOME", home)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run voxpress")
}

/// The 16-bit mono samples of a WAV file.
pub fn wav_samples(path: &Path) -> (u32, Vec<i16>) {
    let mut reader =
        hound::WavReader::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rate = reader.spec().sample_rate;
    (rate, reader.samples::<i16>().map(Result::unwrap).collect())
}

/// ffmpeg's integrated loudness (LUFS) and true peak (dBTP) of a file.
pub fn ffmpeg_loudness(path: &Path) -> (f64, f64) {
    ffmpeg_loudness_after(path, "")
}

/// ffmpeg's integrated loudness (LUFS) and true peak (dBTP) of a file between `from` and `to`
/// seconds (over three seconds, the short-term loudness there).
pub fn ffmpeg_window_loudness(path: &Path, from: f64, to: f64) -> (f64, f64) {
    ffmpeg_loudness_after(path, &format!("atrim=start={from:.3}:end={to:.3},"))
}

/// ffmpeg's `ebur128` summary of a file, after the filters `before` (each ending in a comma).
fn ffmpeg_loudness_after(path: &Path, before: &str) -> (f64, f64) {
    let out = Command::new("ffmpeg")
        .args(["-hide_banner", "-nostats", "-i"])
        .arg(path)
        .arg("-af")
        .arg(format!("{before}ebur128=peak=true"))
        .args(["-f", "null", "-"])
        .output()
        .expect("ffmpeg runs");
    let log = String::from_utf8_lossy(&out.stderr);
    let summary = log.rsplit("Summary:").next().unwrap_or("");
    let value = |key: &str| -> f64 {
        summary
            .lines()
            .find(|l| l.trim_start().starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {key} in ffmpeg's summary:\n{summary}"))
    };
    (value("I:"), value("Peak:"))
}

/// Builds our own sample into `cwd/out` with `voice` and any `extra` arguments; fails
/// the test unless it succeeded.
pub fn build_sample(cwd: &Path, voice: &str, extra: &[&str]) -> Output {
    let sample = own_sample();
    let mut args = vec![
        "build",
        sample.to_str().unwrap(),
        "--voice",
        voice,
        "--out",
        "out",
    ];
    args.extend_from_slice(extra);
    voxpress_ok(cwd, &args)
}

/// What `voxpress script --format text --voice fake` says for `article`, with `extra` arguments;
/// fails the test unless it succeeded.
pub fn spoken_script(cwd: &Path, article: &Path, extra: &[&str]) -> String {
    let mut args = vec!["script", "--format", "text", "--voice", "fake"];
    args.extend_from_slice(extra);
    args.push(article.to_str().unwrap());
    stdout(&voxpress_ok(cwd, &args))
}

/// Packs the folder `dir` into the zip file `out` (an EPUB when `dir` is laid out as one), with
/// `mimetype` first and stored, as the format asks; `leave_out` names files not to pack.
pub fn zip_folder(dir: &Path, out: &Path, leave_out: &[&str]) {
    use std::io::Write;
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .replace('\\', "/");
                files.push((name, path));
            }
        }
    }
    files.sort_by_key(|(name, _)| (name != "mimetype", name.clone()));
    let mut zip = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    for (name, path) in files {
        if leave_out.contains(&name.as_str()) {
            continue;
        }
        let method = if name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        zip.start_file(name, options).unwrap();
        zip.write_all(&std::fs::read(path).unwrap()).unwrap();
    }
    zip.finish().unwrap();
}

/// ffprobe's duration of a media file in seconds, or `None` without ffprobe.
pub fn ffprobe_duration(path: &Path) -> Option<f64> {
    let out = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "csv=p=0",
        ])
        .arg(path)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}
