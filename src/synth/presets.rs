//! Voice presets: `voices/*.toml`, one file per voice, named by its file stem.
//!
//! ```toml
//! engine = "piper"
//! description = "Joe, American English"
//! language = "en-us"
//! model = "models/en_US-joe-medium.onnx"   # relative to voices/; config is model + ".json"
//! speaker = 0                              # multi-speaker models only
//! length_scale = 1.0                       # above 1 is slower
//! noise_scale = 0.667
//! noise_w = 0.8
//! install = "bash scripts/setup.sh"        # shown when the model is missing
//! licence = "CC0-1.0 recordings; ..."      # what the voice may be used for, shown by `voices`
//! commercial = false                       # cleared for commercial use (a build says when not)
//! ```

use super::SynthError;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    pub engine: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_language")]
    pub language: String,
    pub model: Option<PathBuf>,
    pub speaker: Option<i64>,
    pub length_scale: Option<f32>,
    pub noise_scale: Option<f32>,
    pub noise_w: Option<f32>,
    pub install: Option<String>,
    /// The voice's licence, in a line.
    pub licence: Option<String>,
    /// Whether its licence allows commercial use; `None` when the preset does not say.
    pub commercial: Option<bool>,
    /// A pronunciation lexicon for this voice, relative to the presets folder.
    pub lexicon: Option<PathBuf>,
    #[serde(skip)]
    pub name: String,
    #[serde(skip)]
    pub path: PathBuf,
}

fn default_language() -> String {
    "en-us".into()
}

impl Preset {
    /// The model file, resolved against the presets folder.
    pub fn model_path(&self) -> Option<PathBuf> {
        let dir = self.path.parent()?;
        self.model.as_ref().map(|m| dir.join(m))
    }

    /// The voice's lexicon file, resolved against the presets folder.
    pub fn lexicon_path(&self) -> Option<PathBuf> {
        let dir = self.path.parent()?;
        self.lexicon.as_ref().map(|l| dir.join(l))
    }

    /// True when every file the preset needs is present.
    pub fn installed(&self) -> bool {
        self.model_path()
            .is_none_or(|m| m.is_file() && config_path(&m).is_file())
    }
}

/// Where the word-timing copy of a Piper model is: `NAME.timing.onnx` beside `NAME.onnx` (made by
/// `scripts/piper_timing.py`; see `piper.rs`).
pub fn timing_copy(model: &Path) -> PathBuf {
    model.with_extension("timing.onnx")
}

/// A Piper model's config file: the model path with `.json` appended.
pub fn config_path(model: &Path) -> PathBuf {
    let mut name = model.as_os_str().to_owned();
    name.push(".json");
    PathBuf::from(name)
}

/// Reads one preset file.
pub fn read(path: &Path) -> Result<Preset, SynthError> {
    let bad = |message: String| SynthError::Preset {
        path: path.display().to_string(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
    let mut preset: Preset = toml::from_str(&text).map_err(|e| {
        let at = e.span().map(|s| crate::model::line_column(&text, s.start));
        match at {
            Some((line, column)) => bad(format!("line {line}, column {column}: {}", e.message())),
            None => bad(e.message().to_string()),
        }
    })?;
    preset.name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    preset.path = path.to_path_buf();
    Ok(preset)
}

/// Every preset in `dir`, sorted by name; unreadable presets come back as errors.
pub fn read_all(dir: &Path) -> Vec<Result<Preset, SynthError>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths.iter().map(|p| read(p)).collect()
}
