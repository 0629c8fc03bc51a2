//! The Piper engine with the joe voice and ONNX Runtime installed by `scripts/setup.sh`, run for real.
#![cfg(feature = "piper")]

use voxpress::synth::{open_voice, Backend, OpenOptions};

fn joe() -> Box<dyn Backend> {
    open_voice(
        "joe",
        OpenOptions {
            jobs: 1,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e} (run scripts/setup.sh first)"))
}

fn reference() -> Vec<serde_json::Value> {
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/piper/joe-ids.json"
    ))
    .unwrap();
    let cases: serde_json::Value = serde_json::from_str(&fixture).unwrap();
    cases.as_array().unwrap().clone()
}

fn open_piper() -> voxpress::synth::piper::Piper {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let preset = voxpress::synth::presets::read(&root.join("voices/joe.toml")).unwrap();
    let parallelism = voxpress::synth::piper::Parallelism {
        sessions: 1,
        threads_per_session: 1,
    };
    voxpress::synth::piper::Piper::open(&preset, parallelism, 1.0)
        .unwrap_or_else(|e| panic!("{e} (run scripts/setup.sh first)"))
}

#[test]
fn pipers_phonemes_map_to_exactly_pipers_ids() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("voices/models/en_US-joe-medium.onnx.json"))
            .expect("run scripts/setup.sh"),
    )
    .unwrap();
    let map = serde_json::from_value(config["phoneme_id_map"].clone()).unwrap();
    let ids = voxpress::synth::piper::PhonemeIds::new(map);
    for case in reference() {
        let phonemes: Vec<Vec<String>> = serde_json::from_value(case["phonemes"].clone()).unwrap();
        let expected: Vec<Vec<i64>> = serde_json::from_value(case["ids"].clone()).unwrap();
        let ours: Vec<Vec<i64>> = phonemes.iter().map(|p| ids.ids(p)).collect();
        assert_eq!(ours, expected, "{}", case["text"]);
    }
}

/// Piper's wheel bundles a newer espeak-ng, which marks palatalized consonants with "ʲ" (id 119);
/// the espeak-ng compiled into voxpress (1.52.0) does not. Everything else must be identical:
/// clause splitting, terminators, sentence breaks, the id mapping and padding.
#[test]
fn our_phoneme_ids_equal_pipers_apart_from_its_newer_espeaks_palatalization_mark() {
    let piper = open_piper();
    let cases = reference();
    assert!(cases.len() >= 8);
    let mut differ = Vec::new();
    let mut palatal_marks = 0;
    for case in &cases {
        let text = case["text"].as_str().unwrap();
        let mut expected: Vec<Vec<i64>> = serde_json::from_value(case["ids"].clone()).unwrap();
        for sentence in &mut expected {
            // Each phoneme id is followed by a pad (0): drop the mark together with its pad.
            let mut kept = Vec::new();
            let mut i = 0;
            while i < sentence.len() {
                if sentence[i] == 119 && sentence.get(i + 1) == Some(&0) {
                    palatal_marks += 1;
                    i += 2;
                } else {
                    kept.push(sentence[i]);
                    i += 1;
                }
            }
            *sentence = kept;
        }
        let ours = piper.phoneme_ids(text).unwrap();
        if ours != expected {
            differ.push(format!(
                "{text:?}\n  ours   {ours:?}\n  piper  {expected:?}"
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    assert!(
        palatal_marks < 30,
        "the only difference should be rare: {palatal_marks}"
    );
}

#[test]
fn joe_speaks_a_sentence_as_audible_speech_of_a_plausible_length() {
    let voice = joe();
    assert_eq!(voice.sample_rate(), 22_050);
    let clip = voice
        .clip("The sanctions were announced on January ninth in Accra, Ghana.")
        .unwrap();
    let seconds = clip.duration_secs();
    assert!((2.0..7.0).contains(&seconds), "{seconds} s");
    let rms = (clip
        .samples
        .iter()
        .map(|&s| f64::from(s).powi(2))
        .sum::<f64>()
        / clip.samples.len() as f64)
        .sqrt();
    assert!(rms > 0.02, "too quiet: {rms}");
    let longer = voice.synthesize("Mali is a landlocked, former French colony, whose largest export is gold. Most of its people live in the south.").unwrap();
    assert!(longer.len() > clip.samples.len());
}

#[test]
fn joe_is_listed_as_installed_with_its_rate() {
    let entry = voxpress::synth::voice_catalog()
        .into_iter()
        .find(|v| v.name == "joe")
        .expect("joe preset");
    assert!(entry.installed, "{entry:?}");
    assert_eq!((entry.engine, entry.sample_rate), ("piper", 22_050));
}

#[test]
fn a_missing_runtime_or_model_is_a_clear_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ghost.toml"),
        "engine = \"piper\"\nmodel = \"models/ghost.onnx\"\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_voxpress"))
        .args([
            "script",
            "--voice",
            "ghost",
            concat!(env!("CARGO_MANIFEST_DIR"), "/samples/harbor-strike.txt"),
        ])
        .env("VOXPRESS_VOICES", dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("ghost.onnx") && err.contains("scripts/setup.sh"),
        "{err}"
    );
}
