//! `voxpress build`: outputs, their structure, and their agreement with each other and ffprobe.

mod common;

use common::*;
use voxpress::synth::fake::{SAMPLES_PER_CHAR, SAMPLE_RATE};

#[test]
fn building_with_the_fake_voice_writes_a_wav_whose_length_is_every_chunk_plus_every_pause() {
    let dir = tempfile::tempdir().unwrap();
    let sample = own_sample();
    voxpress_ok(
        dir.path(),
        &[
            "build",
            sample.to_str().unwrap(),
            "--voice",
            "fake",
            "--out",
            "out",
            // At the voice's own rate and level, the length can be counted exactly.
            "--sample-rate",
            "16000",
            "--loudness",
            "off",
        ],
    );
    assert_eq!(
        files_in(&dir.path().join("out")),
        [
            ".cache",
            ".harbor-strike.build.json",
            "harbor-strike.chapters.json",
            "harbor-strike.cue",
            "harbor-strike.ffmeta",
            "harbor-strike.labels.txt",
            "harbor-strike.script.json",
            "harbor-strike.srt",
            "harbor-strike.vtt",
            "harbor-strike.wav",
            "harbor-strike.words.json"
        ]
    );

    let script = json(&dir.path().join("out/harbor-strike.script.json"));
    let chunks = script["chunks"].as_array().unwrap();
    let expected: usize = chunks
        .iter()
        .map(|c| {
            c["text"].as_str().unwrap().chars().count() * SAMPLES_PER_CHAR
                + c["pause_ms"].as_u64().unwrap() as usize * SAMPLE_RATE as usize / 1000
        })
        .sum();
    let reader = hound::WavReader::open(dir.path().join("out/harbor-strike.wav")).unwrap();
    assert_eq!(reader.spec().sample_rate, SAMPLE_RATE);
    assert_eq!(reader.spec().bits_per_sample, 16);
    assert_eq!(reader.duration() as usize, expected);

    // Every chunk's end is its start plus its own length; the next starts after its pause.
    for pair in chunks.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let len = a["text"].as_str().unwrap().chars().count() as f64 * SAMPLES_PER_CHAR as f64
            / f64::from(SAMPLE_RATE);
        let end = a["end"].as_f64().unwrap();
        assert!((end - a["start"].as_f64().unwrap() - len).abs() < 0.002);
        let gap = b["start"].as_f64().unwrap() - end;
        assert!(
            (gap - a["pause_ms"].as_f64().unwrap() / 1000.0).abs() < 0.002,
            "gap {gap} after chunk {}",
            a["index"]
        );
    }
}

#[test]
fn chapters_json_starts_at_zero_ascends_and_matches_the_script() {
    let dir = tempfile::tempdir().unwrap();
    let sample = own_sample();
    voxpress_ok(
        dir.path(),
        &["build", sample.to_str().unwrap(), "--voice", "fake"],
    );
    let chapters = json(&dir.path().join("output/harbor-strike.chapters.json"));
    assert_eq!(chapters["version"], "1.2.0");
    let list = chapters["chapters"].as_array().unwrap();
    let titles = chapter_titles(&chapters);
    assert_eq!(
        titles,
        [
            "Dockworkers end 12-day strike at Port Adair after wage deal with Harbor Auth",
            "Ships wait, shelves empty"
        ]
    );
    assert_eq!(list[0]["startTime"].as_f64(), Some(0.0));
    let starts: Vec<f64> = list
        .iter()
        .map(|c| c["startTime"].as_f64().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");

    let script = json(&dir.path().join("output/harbor-strike.script.json"));
    let heading_chunk = script["chapters"][1]["first_chunk"].as_u64().unwrap() as usize;
    let chunk_start = script["chunks"][heading_chunk]["start"].as_f64().unwrap();
    assert!((chunk_start - starts[1]).abs() < 0.001);
}

#[test]
fn ffprobe_reads_the_wav_chapters_of_the_shared_sample_spoken_by_espeak() {
    let dir = tempfile::tempdir().unwrap();
    let sample = shared_sample();
    voxpress_ok(
        dir.path(),
        &["build", sample.to_str().unwrap(), "--voice", "espeak"],
    );
    let wav = dir.path().join("output/mali-solidarity.wav");
    let Some(chapters) = ffprobe_chapters(&wav) else {
        panic!("ffprobe is needed for this test: run scripts/setup.sh");
    };
    let titles: Vec<&str> = chapters.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Mali: Mass anti-imperialist mobilizations win Pan",
            "Popular coup d\u{2019}etat wants France out of Mali"
        ]
    );
    let ours = json(&dir.path().join("output/mali-solidarity.chapters.json"));
    for ((start, _), mine) in chapters.iter().zip(ours["chapters"].as_array().unwrap()) {
        assert!((start - mine["startTime"].as_f64().unwrap()).abs() <= 0.001);
    }
    let reader = hound::WavReader::open(&wav).unwrap();
    let seconds = reader.duration() as f64 / f64::from(reader.spec().sample_rate);
    // Every spoken word read at espeak-ng's pace: 175 words a minute while it speaks, and with
    // the pauses between sentences and paragraphs between 130 and 175 over the whole file (a
    // chunk left out would make the reading too fast, one read twice too slow).
    let script = json(&dir.path().join("output/mali-solidarity.script.json"));
    let words: usize = script["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap().split_whitespace().count())
        .sum();
    let per_minute = words as f64 * 60.0 / seconds;
    assert!(
        words > 600 && (130.0..175.0).contains(&per_minute),
        "{words} words in {seconds} s: {per_minute} a minute"
    );
}

#[test]
fn an_edition_manifest_builds_one_chapter_per_article_plus_its_sections() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(own_sample(), dir.path().join("harbor.txt")).unwrap();
    std::fs::write(
        dir.path().join("brief.md"),
        "# Weather brief\n\nRain is expected on Jan. 9.\n\n## Outlook\n\nDry by Friday.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("weekly.toml"),
        "title = \"Weekly Audio Edition\"\nvoice = \"fake\"\n\n[[article]]\npath = \"harbor.txt\"\ntitle = \"Port strike ends\"\n\n[[article]]\npath = \"brief.md\"\n",
    )
    .unwrap();
    voxpress_ok(dir.path(), &["build", "weekly.toml"]);
    let chapters = json(&dir.path().join("output/weekly.chapters.json"));
    assert_eq!(chapters["title"], "Weekly Audio Edition");
    let titles = chapter_titles(&chapters);
    assert_eq!(
        titles,
        [
            "Port strike ends",
            "Ships wait, shelves empty",
            "Weather brief",
            "Outlook"
        ]
    );
    let script = json(&dir.path().join("output/weekly.script.json"));
    let chunks = script["chunks"].as_array().unwrap();
    let last_of_first = chunks.iter().rfind(|c| c["article"] == 0).unwrap();
    assert_eq!(last_of_first["boundary"], "article");
    assert_eq!(chunks.last().unwrap()["boundary"], "end");
}

#[test]
fn a_saved_web_page_builds_with_its_headings_as_chapters_and_no_page_furniture() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("tests/fixtures/html/a_saved_news_page_reads_only_its_article.html"),
        dir.path().join("strike.html"),
    )
    .unwrap();
    voxpress_ok(dir.path(), &["build", "strike.html", "--voice", "fake"]);
    let chapters = json(&dir.path().join("output/strike.chapters.json"));
    assert_eq!(
        chapter_titles(&chapters),
        [
            "Harbor workers end strike after nine days",
            "What the deal says"
        ]
    );
    let transcript = spoken_script(dir.path(), &dir.path().join("strike.html"), &[]);
    assert!(transcript.contains("Marta Ruiz"), "{transcript}");
    for furniture in [
        "Sports",
        "All rights reserved",
        "Related",
        "loadComments",
        "Cranes",
    ] {
        assert!(
            !transcript.contains(furniture),
            "{furniture} was read: {transcript}"
        );
    }
}

#[test]
fn several_articles_on_the_command_line_make_one_named_edition() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "First story\n\nIt happened.\n").unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        "# Second story\n\nIt happened again.\n",
    )
    .unwrap();
    voxpress_ok(
        dir.path(),
        &[
            "build", "a.txt", "b.md", "--name", "weekly", "--voice", "fake",
        ],
    );
    let chapters = json(&dir.path().join("output/weekly.chapters.json"));
    let titles = chapter_titles(&chapters);
    assert_eq!(titles, ["First story", "Second story"]);
}

#[test]
fn the_binary_needs_no_system_espeak_and_not_the_folder_it_was_built_in() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("voxpress");
    std::fs::copy(env!("CARGO_BIN_EXE_voxpress"), &copy).unwrap();
    let ldd = std::process::Command::new("ldd")
        .arg(&copy)
        .output()
        .expect("ldd (Debian's libc-bin) lists the libraries the binary needs");
    let libs = String::from_utf8_lossy(&ldd.stdout);
    assert!(ldd.status.success() && libs.contains("libc.so"), "{libs}");
    assert!(
        !libs.contains("espeak") && !libs.contains("sonic"),
        "{libs}"
    );
    std::fs::write(dir.path().join("a.txt"), "Hello\n\nThis is a test.\n").unwrap();
    let out = std::process::Command::new(&copy)
        .args(["build", "a.txt", "--voice", "espeak"])
        .current_dir(dir.path())
        .env_clear()
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        dir.path().join(".cache/voxpress").is_dir(),
        "espeak data unpacked under the user's cache"
    );
    assert!(
        std::fs::metadata(dir.path().join("output/a.wav"))
            .unwrap()
            .len()
            > 10_000
    );
}

#[test]
fn a_build_at_twice_the_rate_lasts_half_as_long_pauses_included_and_is_not_taken_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let normal = build_sample(dir.path(), "fake", &[]);
    assert!(normal.status.success(), "{}", stderr(&normal));
    let normal_script = json(&dir.path().join("out/harbor-strike.script.json"));
    // Into the same folder, with the same cache: nothing of the normal rate's is reused.
    let fast = build_sample(dir.path(), "fake", &["--rate", "2"]);
    assert!(fast.status.success(), "{}", stderr(&fast));
    assert!(stdout(&fast).contains("0 from cache"), "{}", stdout(&fast));
    let fast_script = json(&dir.path().join("out/harbor-strike.script.json"));
    let ratio =
        fast_script["duration"].as_f64().unwrap() / normal_script["duration"].as_f64().unwrap();
    assert!((ratio - 0.5).abs() < 0.5 * 0.02, "lasts {ratio} as long");
    assert_eq!(fast_script["articles"][0]["rate"], 2.0);
    let pauses = |script: &serde_json::Value| -> Vec<u64> {
        script["chunks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["pause_ms"].as_u64().unwrap())
            .collect()
    };
    let halved: Vec<u64> = pauses(&normal_script)
        .iter()
        .map(|p| (*p as f64 / 2.0).round() as u64)
        .collect();
    assert_eq!(pauses(&fast_script), halved);
}

#[test]
fn an_edition_reads_each_article_at_its_own_rate_under_the_listeners() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "First Story\n\nIt was read slowly.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "Second Story\n\nIt was read fast.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("edition.toml"),
        "title = \"Rates\"\nvoice = \"fake\"\nrate = 1.5\n\n[[article]]\npath = \"a.txt\"\nrate = 0.75\n\n[[article]]\npath = \"b.txt\"\n",
    )
    .unwrap();
    let out = voxpress(dir.path(), &["script", "edition.toml", "--rate", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let script: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(script["articles"][0]["rate"], 1.5);
    assert_eq!(script["articles"][1]["rate"], 3.0);
    std::fs::write(
        dir.path().join("bad.toml"),
        "voice = \"fake\"\n[[article]]\npath = \"a.txt\"\nrate = 4\n",
    )
    .unwrap();
    let bad = voxpress(dir.path(), &["script", "bad.toml"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("bad.toml:4:"), "{}", stderr(&bad));
    let too_fast = voxpress(dir.path(), &["script", "edition.toml", "--rate", "2.5"]);
    assert_eq!(too_fast.status.code(), Some(2));
    assert!(
        stderr(&too_fast).contains("from 0.5 to 3"),
        "{}",
        stderr(&too_fast)
    );
}
