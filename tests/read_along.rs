//! Read along: word timings in `words.json` and WebVTT, and the read-along page driven in
//! Debian's chromium through chromedriver (`tests/read_along.py`), with axe-core's WCAG 2 A and
//! AA rules in the light and the dark scheme. One edition, built once with espeak.

mod common;

use common::{stderr, voxpress_ok};
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

struct Built {
    dir: PathBuf,
    _temp: tempfile::TempDir,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().to_path_buf();
        std::fs::write(
            dir.join("harbor.txt"),
            "Harbor strike ends\n\nThe dock workers voted on Tuesday to end the strike, which \
             cost $3.5 million. The port reopens at 6 a.m. on Monday.\n\nShipping lines said \
             they would return within a week. Farmers had waited since March.\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("council.txt"),
            "Council budget\n\nThe City Council approved a $48.7 million budget. It takes \
             effect July 1.\n\nThe vote was 7 to 2.\n",
        )
        .unwrap();
        std::fs::copy(
            common::root().join("tests/fixtures/show-cover-1400.png"),
            dir.join("cover.png"),
        )
        .unwrap();
        std::fs::write(
            dir.join("weekly.toml"),
            "title = \"Weekly <Edition> & More\"\nauthor = \"The Harbor Weekly\"\n\
             date = \"2024-02-16\"\nvoice = \"espeak\"\ncover = \"cover.png\"\n\
             [[article]]\npath = \"harbor.txt\"\n[[article]]\npath = \"council.txt\"\n",
        )
        .unwrap();
        voxpress_ok(
            &dir,
            &[
                "build",
                "weekly.toml",
                "--format",
                "mp3,html",
                "--split",
                "chapters",
                "-j",
                "2",
            ],
        );
        Built { dir, _temp: temp }
    })
}

fn out(name: &str) -> PathBuf {
    built().dir.join("output").join(name)
}

#[test]
fn words_json_times_every_written_word_from_the_voice_within_its_sentence() {
    let words = common::json(&out("weekly.words.json"));
    let script = common::json(&out("weekly.script.json"));
    assert_eq!(words["timing"], "voice");
    let list = words["words"].as_array().unwrap();
    let texts: Vec<&str> = list.iter().map(|w| w["text"].as_str().unwrap()).collect();
    assert!(
        texts.contains(&"$3.5 million"),
        "one written unit: {texts:?}"
    );
    assert!(texts.contains(&"6 a.m."), "{texts:?}");
    let source = std::fs::read_to_string(built().dir.join("harbor.txt")).unwrap();
    let mut last = 0.0;
    for w in list {
        let (start, end) = (w["start"].as_f64().unwrap(), w["end"].as_f64().unwrap());
        assert!(start >= last && end >= start, "{w}");
        last = start;
        // Within the sentence's speech, as the timed script places it.
        let sentence = w["sentence"].as_u64().unwrap();
        let chunks: Vec<&serde_json::Value> = script["chunks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["sentence"].as_u64() == Some(sentence))
            .collect();
        let from = chunks[0]["start"].as_f64().unwrap();
        let to = chunks.last().unwrap()["end"].as_f64().unwrap();
        assert!(
            start >= from - 0.001 && end <= to + 0.001,
            "{w} not in {from}..{to}"
        );
        // The span points at the word in its article's file.
        if w["article"] == 0 {
            let span = &w["span"];
            let (a, b) = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&source[a..b], w["text"].as_str().unwrap());
        }
    }
    // The voice's own times are not the sentence spread by length: words of equal length
    // within a sentence take different times.
    let durations: Vec<f64> = list
        .iter()
        .filter(|w| w["text"] == "the" || w["text"] == "The")
        .map(|w| w["end"].as_f64().unwrap() - w["start"].as_f64().unwrap())
        .collect();
    let spread = durations.iter().cloned().fold(0.0, f64::max)
        - durations.iter().cloned().fold(f64::INFINITY, f64::min);
    assert!(durations.len() >= 3 && spread > 0.005, "{durations:?}");
}

#[test]
fn vtt_cues_carry_each_words_start_between_the_cue_times() {
    let vtt = std::fs::read_to_string(out("weekly.vtt")).unwrap();
    let mut tags = 0;
    let seconds = |t: &str| {
        let parts: Vec<f64> = t.split(':').map(|p| p.parse().unwrap()).collect();
        parts[0] * 3600.0 + parts[1] * 60.0 + parts[2]
    };
    let mut cue: Option<(f64, f64)> = None;
    for line in vtt.lines() {
        if let Some((a, b)) = line.split_once(" --> ") {
            cue = Some((seconds(a), seconds(b)));
            continue;
        }
        let Some((start, end)) = cue else { continue };
        let mut previous = start;
        for piece in line.split('<').skip(1) {
            let stamp = piece.split_once('>').unwrap().0;
            let t = seconds(stamp);
            assert!(
                t > previous && t < end,
                "{stamp} outside {start}..{end}: {line}"
            );
            previous = t;
            tags += 1;
        }
    }
    assert!(tags >= 20, "{tags} word timestamps in\n{vtt}");
}

#[test]
fn the_page_marks_the_sentence_and_word_heard_seeks_takes_keys_and_passes_axe_in_chromium() {
    let page = out("weekly.html");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<title>Weekly &lt;Edition&gt; &amp; More</title>"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network"
    );
    assert!(html.contains("src=\"weekly.mp3\""));
    let axe = common::root().join(".tools/axe/node_modules/axe-core/axe.min.js");
    assert!(
        axe.is_file(),
        "{} missing: run scripts/setup.sh",
        axe.display()
    );
    let shot = built().dir.join("read-along.png");
    let run = Command::new("python3")
        .arg(common::root().join("tests/read_along.py"))
        .arg(&page)
        .arg(out("weekly.script.json"))
        .arg(&axe)
        .arg(&shot)
        .output()
        .expect("python3");
    assert!(run.status.success(), "read_along.py: {}", stderr(&run));
    let found: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    eprintln!("{}", serde_json::to_string_pretty(&found).unwrap());
    let words = common::json(&out("weekly.words.json"));
    let words = words["words"].as_array().unwrap();
    let near = |a: &serde_json::Value, b: &serde_json::Value| {
        (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() < 0.01
    };
    assert!(found["duration"].as_f64().unwrap() > 10.0);
    for probe in found["probes"].as_array().unwrap() {
        assert!(
            near(&probe["sentence"], &probe["expected_sentence"]),
            "{probe}"
        );
        // The word marked is the last one started by then.
        let at = probe["at"].as_f64().unwrap();
        let expected = words
            .iter()
            .rfind(|w| w["start"].as_f64().unwrap() <= at + 0.001)
            .unwrap();
        assert_eq!(probe["word"], expected["text"], "{probe}");
    }
    assert!(
        near(&found["click"]["time"], &found["click"]["expected"]),
        "click seeks"
    );
    assert!(near(
        &found["arrow_right"]["time"],
        &found["arrow_right"]["expected"]
    ));
    let chapters = found["chapters"].as_array().unwrap();
    assert_eq!(chapters.len(), 2);
    assert!(
        near(&found["next_chapter"]["time"], &chapters[1]),
        "] to chapter 2"
    );
    assert_eq!(found["rate"]["rate"], 1.25, "+ + - is a quarter faster");
    assert_eq!(found["rate"]["status"], "Speed 1.25\u{d7}");
    assert_eq!(found["after_space"]["paused"], false, "space plays");
    assert_eq!(found["after_second_space"]["paused"], true, "space pauses");
    for scheme in ["axe_light", "axe_dark"] {
        assert_eq!(
            found[scheme]["violations"],
            serde_json::json!([]),
            "{scheme}: {}",
            found[scheme]
        );
        assert!(found[scheme]["passes"].as_u64().unwrap() > 10);
    }
    assert_eq!(found["dark_background"], "rgb(20, 20, 20)");
    let zoomed = &found["zoomed"];
    assert!(
        zoomed["scroll"].as_u64() <= zoomed["width"].as_u64(),
        "no sideways scrolling at 200%: {zoomed}"
    );
    let served = &found["served"];
    assert!(
        near(&served["sentence"], &served["expected_sentence"]),
        "from a static web server too: {served}"
    );
    let png = std::fs::read(&shot).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    assert_eq!(width, 1280);
}

#[test]
fn chapter_pages_play_their_own_file_from_zero_and_link_to_each_other() {
    let dir = out("weekly-chapters");
    let first = std::fs::read_to_string(dir.join("01-harbor-strike-ends.html")).unwrap();
    let second = std::fs::read_to_string(dir.join("02-council-budget.html")).unwrap();
    assert!(
        first.contains("src=\"01-harbor-strike-ends.mp3\""),
        "{first}"
    );
    assert!(first.contains("<a href=\"02-council-budget.html\" rel=\"next\">"));
    assert!(second.contains("<a href=\"01-harbor-strike-ends.html\" rel=\"prev\">"));
    assert!(second.contains("<a href=\"../weekly.html\">The whole edition</a>"));
    // Each page holds its own chapter's text, timed from its own file's start.
    assert!(first.contains(">dock<") && !first.contains(">approved<"));
    assert!(second.contains(">approved<") && !second.contains(">dock<"));
    assert!(second.contains("data-start=\"0.000\""));
    let starts: Vec<f64> = second
        .split("class=\"s\" tabindex=\"0\" data-start=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
        .collect();
    let length = common::ffprobe_duration(&dir.join("02-council-budget.mp3")).unwrap();
    assert!(
        starts.len() >= 3 && starts.iter().all(|s| *s < length),
        "{starts:?} in {length} s"
    );
}
