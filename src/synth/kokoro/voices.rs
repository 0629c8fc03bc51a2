//! The English voices of Kokoro v1.0, as a data table: each voice's style file (in
//! `models/kokoro/voices/`), its accent, and the overall grade its model card gives it (A best, F
//! worst: how well the voice was trained, judged by its authors). Every one is a built-in preset
//! of the `kokoro` engine, named as the voice is, listed by `voxpress voices` and installed by
//! `scripts/setup.sh` or `voxpress setup`.

use super::super::presets::Preset;

/// Where a voice's English is from, and so how espeak-ng phonemizes for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accent {
    American,
    British,
}

impl Accent {
    /// The language tag voxpress uses for it.
    pub fn language(self) -> &'static str {
        match self {
            Accent::American => "en-us",
            Accent::British => "en-gb",
        }
    }
}

/// One voice of the table.
#[derive(Debug, Clone, Copy)]
pub struct KokoroVoice {
    /// Its name, and its style file's stem.
    pub name: &'static str,
    /// The name its authors give it.
    pub called: &'static str,
    pub accent: Accent,
    pub female: bool,
    /// The model card's overall grade.
    pub grade: &'static str,
}

const fn voice(
    name: &'static str,
    called: &'static str,
    accent: Accent,
    female: bool,
    grade: &'static str,
) -> KokoroVoice {
    KokoroVoice {
        name,
        called,
        accent,
        female,
        grade,
    }
}

use Accent::{American as US, British as GB};

/// The 28 English voices, best graded first within each accent and gender.
pub const VOICES: &[KokoroVoice] = &[
    voice("af_heart", "Heart", US, true, "A"),
    voice("af_bella", "Bella", US, true, "A-"),
    voice("af_nicole", "Nicole", US, true, "B-"),
    voice("af_aoede", "Aoede", US, true, "C+"),
    voice("af_kore", "Kore", US, true, "C+"),
    voice("af_sarah", "Sarah", US, true, "C+"),
    voice("af_alloy", "Alloy", US, true, "C"),
    voice("af_nova", "Nova", US, true, "C"),
    voice("af_sky", "Sky", US, true, "C-"),
    voice("af_jessica", "Jessica", US, true, "D"),
    voice("af_river", "River", US, true, "D"),
    voice("am_fenrir", "Fenrir", US, false, "C+"),
    voice("am_michael", "Michael", US, false, "C+"),
    voice("am_puck", "Puck", US, false, "C+"),
    voice("am_echo", "Echo", US, false, "D"),
    voice("am_eric", "Eric", US, false, "D"),
    voice("am_liam", "Liam", US, false, "D"),
    voice("am_onyx", "Onyx", US, false, "D"),
    voice("am_santa", "Santa", US, false, "D-"),
    voice("am_adam", "Adam", US, false, "F+"),
    voice("bf_emma", "Emma", GB, true, "B-"),
    voice("bf_isabella", "Isabella", GB, true, "C"),
    voice("bf_alice", "Alice", GB, true, "D"),
    voice("bf_lily", "Lily", GB, true, "D"),
    voice("bm_fable", "Fable", GB, false, "C"),
    voice("bm_george", "George", GB, false, "C"),
    voice("bm_lewis", "Lewis", GB, false, "D+"),
    voice("bm_daniel", "Daniel", GB, false, "D"),
];

/// The voices' licence, in a line.
pub const LICENCE: &str = "Apache-2.0 (Kokoro-82M weights and voices; its ONNX export MIT)";

/// Where the engine's files are, relative to a voices folder.
pub const MODEL: &str = "models/kokoro/kokoro-v1.0.int8.onnx";

/// The built-in preset of every voice, in the first of `dirs` (voices folders, in precedence)
/// that holds the model, else the first.
pub fn builtin_presets(dirs: &[std::path::PathBuf]) -> Vec<Preset> {
    let Some(dir) = dirs
        .iter()
        .find(|d| d.join(MODEL).is_file())
        .or_else(|| dirs.first())
    else {
        return Vec::new();
    };
    VOICES
        .iter()
        .map(|v| {
            let accent = match v.accent {
                US => "American",
                GB => "British",
            };
            let gender = if v.female { "female" } else { "male" };
            let mut settings = toml::Table::new();
            settings.insert("voice".into(), v.name.into());
            Preset::builtin(
                dir.join(format!("{}.toml", v.name)),
                "kokoro",
                format!(
                    "{}, {accent} English, {gender}, grade {} (Kokoro neural voice)",
                    v.called, v.grade
                ),
                v.accent.language(),
                LICENCE,
                settings,
            )
        })
        .collect()
}

/// The voice called `name` in the table.
pub fn find(name: &str) -> Option<&'static KokoroVoice> {
    VOICES.iter().find(|v| v.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_the_28_english_voices_once_each_with_their_accent_in_the_name() {
        assert_eq!(VOICES.len(), 28);
        let names: std::collections::BTreeSet<_> = VOICES.iter().map(|v| v.name).collect();
        assert_eq!(names.len(), 28);
        for v in VOICES {
            let prefix = match (v.accent, v.female) {
                (US, true) => "af_",
                (US, false) => "am_",
                (GB, true) => "bf_",
                (GB, false) => "bm_",
            };
            assert!(v.name.starts_with(prefix), "{}", v.name);
        }
    }
}
