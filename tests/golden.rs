//! Golden tests: normalization cases and whole-article scripts, kept as reviewable text files.
//! Run with `VOXPRESS_BLESS=1` to rewrite the expected side from the current output, then review
//! the diff before committing.

mod common;

use common::*;
use std::fmt::Write;
use std::path::Path;
use voxpress::normalize::normalize;

fn bless() -> bool {
    std::env::var_os("VOXPRESS_BLESS").is_some()
}

/// Checks one class file; returns (cases, failures) and rewrites it when blessing.
fn check_class(path: &Path) -> (usize, Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap();
    let class = path.file_stem().unwrap().to_string_lossy().into_owned();
    let mut failures = Vec::new();
    let mut blessed = String::new();
    let mut cases = 0;
    for line in text.lines() {
        let Some((written, expected)) = line.split_once('\t').filter(|_| !line.starts_with('#'))
        else {
            blessed.push_str(line);
            blessed.push('\n');
            continue;
        };
        cases += 1;
        let spoken = normalize(written).text;
        writeln!(blessed, "{written}\t{spoken}").unwrap();
        if spoken != expected {
            failures.push(format!(
                "[{class}] {written:?}\n   expected {expected:?}\n        got {spoken:?}"
            ));
        }
    }
    if bless() {
        std::fs::write(path, blessed).unwrap();
    }
    (cases, failures)
}

#[test]
fn normalization_cases_read_as_written_in_the_golden_tables() {
    let dir = root().join("tests/golden/normalize");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    let (mut cases, mut failures) = (0, Vec::new());
    for file in &files {
        let (n, f) = check_class(file);
        cases += n;
        failures.extend(f);
    }
    if bless() {
        return;
    }
    assert!(files.len() >= 12, "only {} class files", files.len());
    assert!(cases >= 800, "only {cases} cases");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn check_script(article: &Path, golden: &str) {
    let dir = tempfile::tempdir().unwrap();
    let actual = spoken_script(dir.path(), article, &[]);
    let path = root().join("tests/golden").join(golden);
    if bless() {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    let diff: Vec<String> = expected
        .lines()
        .zip(actual.lines())
        .enumerate()
        .filter(|(_, (e, a))| e != a)
        .map(|(i, (e, a))| format!("line {}:\n  - {e}\n  + {a}", i + 1))
        .collect();
    assert!(
        diff.is_empty() && expected.lines().count() == actual.lines().count(),
        "{golden} differs:\n{}",
        diff.join("\n")
    );
}

#[test]
fn the_shared_sample_script_matches_its_golden_file() {
    check_script(&shared_sample(), "mali-solidarity.script.txt");
}

#[test]
fn our_own_sample_script_matches_its_golden_file() {
    check_script(&own_sample(), "harbor-strike.script.txt");
}

/// The written inputs of NeMo's English test cases (the conformance suite), five characters or
/// longer.
fn nemo_inputs() -> Vec<String> {
    let dir = root().join("scripts/conformance/nemo-en");
    let mut inputs = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            if let Some((written, _)) = line.split_once('~') {
                let written = written.trim();
                if written.chars().count() >= 5 {
                    inputs.push(written.to_string());
                }
            }
        }
    }
    inputs
}

/// `part` occurs in `text` with no letter or digit right before or after it.
fn holds_whole(text: &str, part: &str) -> bool {
    text.match_indices(part).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + part.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn only_the_file_that_says_so_holds_inputs_of_the_conformance_suite() {
    let inputs = nemo_inputs();
    assert!(inputs.len() > 300, "only {} NeMo inputs", inputs.len());
    let dir = root().join("tests/golden/normalize");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".tsv") || name == "with_nemo_inputs.tsv" {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let Some((written, _)) = line.split_once('\t').filter(|_| !line.starts_with('#'))
            else {
                continue;
            };
            if let Some(input) = inputs.iter().find(|i| holds_whole(written, i)) {
                found.push(format!("{name}: {written:?} holds NeMo's {input:?}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "move these to with_nemo_inputs.tsv:\n{}",
        found.join("\n")
    );
}

#[test]
fn normalizing_spoken_text_again_changes_nothing() {
    let dir = root().join("tests/golden/normalize");
    let mut failures = Vec::new();
    let mut cases = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "tsv") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let Some((_, spoken)) = line.split_once('\t').filter(|_| !line.starts_with('#')) else {
                continue;
            };
            cases += 1;
            let again = normalize(spoken).text;
            if again != spoken {
                failures.push(format!("{spoken:?}\n   became {again:?}"));
            }
        }
    }
    assert!(cases >= 400);
    assert!(
        failures.is_empty(),
        "{} of {cases}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
