//! The chunk cache and parallel synthesis, seen from the command line.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

/// Runs a build and returns (synthesized, from cache) from its summary line.
fn build_counts(dir: &Path, args: &[&str]) -> (usize, usize) {
    let out = voxpress_ok(dir, args);
    let line = stdout(&out);
    let number_before = |word: &str| -> usize {
        let at = line
            .find(word)
            .unwrap_or_else(|| panic!("no '{word}' in {line}"));
        line[..at]
            .trim_end()
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    (number_before("synthesized"), number_before("from cache"))
}

#[test]
fn an_unchanged_rebuild_synthesizes_nothing_and_an_edit_only_its_chunk() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::copy(own_sample(), &article).unwrap();
    let args = ["build", "a.txt", "--voice", "fake"];
    let (cold, _) = build_counts(dir.path(), &args);
    assert!(cold > 10);
    let first = std::fs::read(dir.path().join("output/a.wav")).unwrap();
    assert_eq!(build_counts(dir.path(), &args), (0, cold));
    assert_eq!(
        std::fs::read(dir.path().join("output/a.wav")).unwrap(),
        first,
        "a rebuild from cache is identical"
    );

    let text = std::fs::read_to_string(&article).unwrap().replace(
        "Most of that is never made up.",
        "Most of that is lost for good.",
    );
    std::fs::write(&article, text).unwrap();
    assert_eq!(build_counts(dir.path(), &args), (1, cold - 1));

    let (again, cached) = build_counts(
        dir.path(),
        &["build", "a.txt", "--voice", "fake", "--no-cache"],
    );
    assert_eq!((again, cached), (cold, 0));
}

#[test]
fn the_output_is_the_same_whatever_the_number_of_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let sample = shared_sample();
    let mut outputs = Vec::new();
    for jobs in ["1", "3"] {
        let out_dir = format!("out{jobs}");
        voxpress_ok(
            dir.path(),
            &[
                "build",
                sample.to_str().unwrap(),
                "--voice",
                "fake",
                "--no-cache",
                "-j",
                jobs,
                "--out",
                &out_dir,
            ],
        );
        outputs.push(std::fs::read(dir.path().join(&out_dir).join("mali-solidarity.wav")).unwrap());
    }
    assert_eq!(outputs[0], outputs[1]);
}

#[test]
fn a_shared_cache_folder_serves_another_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let sample = own_sample();
    let s = sample.to_str().unwrap();
    let (cold, _) = build_counts(
        dir.path(),
        &[
            "build",
            s,
            "--voice",
            "fake",
            "--cache",
            "shared-cache",
            "--out",
            "one",
        ],
    );
    assert_eq!(
        build_counts(
            dir.path(),
            &[
                "build",
                s,
                "--voice",
                "fake",
                "--cache",
                "shared-cache",
                "--out",
                "two"
            ]
        ),
        (0, cold)
    );
}

#[test]
fn a_build_killed_midway_resumes_from_the_cache_and_leaves_no_half_file() {
    let dir = tempfile::tempdir().unwrap();
    let sample = shared_sample();
    let cache = dir.path().join(".test-cache");
    let mut child = Command::new(env!("CARGO_BIN_EXE_voxpress"))
        .args([
            "build",
            sample.to_str().unwrap(),
            "--voice",
            "joe",
            "-j",
            "2",
        ])
        .current_dir(dir.path())
        .env("XDG_CACHE_HOME", &cache)
        .spawn()
        .unwrap();
    // Wait until some chunks are cached, then kill without warning.
    let entries = |p: &Path| {
        walk(p)
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "clip"))
            .count()
    };
    let started = std::time::Instant::now();
    while entries(&dir.path().join("output/.cache")) < 5 && started.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let done_before = entries(&dir.path().join("output/.cache"));
    assert!(
        done_before >= 5,
        "only {done_before} chunks cached before the kill"
    );
    assert!(
        !dir.path().join("output/mali-solidarity.wav").exists(),
        "no finished-looking file after a kill"
    );

    let (synthesized, cached) = build_counts(
        dir.path(),
        &[
            "build",
            sample.to_str().unwrap(),
            "--voice",
            "joe",
            "-j",
            "2",
        ],
    );
    assert!(
        cached >= done_before,
        "{cached} from cache, {done_before} were done"
    );
    assert!(synthesized > 0);
    let reader = hound::WavReader::open(dir.path().join("output/mali-solidarity.wav")).unwrap();
    assert!(reader.duration() > 22_050 * 120);
    // What the killed build was writing was under hidden temporary names, and the next build
    // swept those leftovers away, in the output and in the cache.
    for path in walk(&dir.path().join("output")) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            !name.contains(".tmp-") && !name.contains(".pass1-") && !name.ends_with(".tmp"),
            "{name} left behind"
        );
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn an_unchanged_rebuild_rewrites_nothing_and_a_changed_setting_masters_again() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(own_sample(), dir.path().join("a.txt")).unwrap();
    let build = |extra: &[&str]| {
        let mut args = vec!["build", "a.txt", "--voice", "fake"];
        args.extend_from_slice(extra);
        stdout(&voxpress_ok(dir.path(), &args))
    };
    let wav = dir.path().join("output/a.wav");
    build(&[]);
    let first = std::fs::metadata(&wav).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = build(&[]);
    assert!(again.contains("0 synthesized"), "{again}");
    assert_eq!(std::fs::metadata(&wav).unwrap().modified().unwrap(), first);
    let quieter = build(&["--loudness", "-20"]);
    assert!(quieter.contains("0 synthesized"), "{quieter}");
    assert!(
        quieter.contains("-20.") || quieter.contains("-19."),
        "{quieter}"
    );
    assert_ne!(std::fs::metadata(&wav).unwrap().modified().unwrap(), first);
}
