//! Voice presets: `voices/*.toml`, one file per voice, named by its file stem. Every preset has
//! the same few common keys; the rest are its engine's own settings, which the engine reads into
//! its own typed struct (see [`Preset::settings`] and each engine's `Settings`), unknown keys
//! refused with the line they are on.
//!
//! ```toml
//! engine = "piper"
//! description = "Joe, American English"
//! language = "en-us"
//! install = "bash scripts/setup.sh"        # shown when the voice is missing
//! licence = "CC0-1.0 recordings; ..."      # what the voice may be used for, shown by `voices`
//! commercial = false                       # cleared for commercial use (a build says when not)
//! lexicon = "joe.lexicon.toml"             # a pronunciation lexicon for this voice
//! # the engine's own settings (here Piper's):
//! model = "models/en_US-joe-medium.onnx"   # relative to voices/; config is model + ".json"
//! length_scale = 1.0                       # above 1 is slower
//! ```

use super::SynthError;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Preset {
    pub engine: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_language")]
    pub language: String,
    pub install: Option<String>,
    /// The voice's licence, in a line.
    pub licence: Option<String>,
    /// Whether its licence allows commercial use; `None` when the preset does not say.
    pub commercial: Option<bool>,
    /// A pronunciation lexicon for this voice, relative to the presets folder.
    pub lexicon: Option<PathBuf>,
    /// Everything else: the engine's own settings.
    #[serde(flatten)]
    pub settings: toml::Table,
    #[serde(skip)]
    pub name: String,
    #[serde(skip)]
    pub path: PathBuf,
    /// The preset file's text, to point at the line of a bad setting.
    #[serde(skip)]
    text: String,
}

fn default_language() -> String {
    "en-us".into()
}

impl Preset {
    /// The engine's typed settings, read from the preset's own keys (unknown keys refused).
    pub fn settings<T: DeserializeOwned>(&self) -> Result<T, SynthError> {
        T::deserialize(toml::Value::Table(self.settings.clone())).map_err(|e| {
            let message = e.message().to_string();
            // toml's value deserializer does not know the file: find the key's line by name.
            let line = message
                .split('`')
                .nth(1)
                .and_then(|key| {
                    self.text
                        .lines()
                        .position(|l| l.trim_start().starts_with(key))
                })
                .map(|k| format!("line {}: ", k + 1))
                .unwrap_or_default();
            SynthError::Preset {
                path: self.path.display().to_string(),
                message: format!("{line}{message}"),
            }
        })
    }

    /// A preset made in code, not read from a file (an engine's built-in voices): `path` is where
    /// its file would be, so its settings resolve against that folder; cleared for commercial
    /// use, installed by setup.
    pub fn builtin(
        path: PathBuf,
        engine: &str,
        description: String,
        language: &str,
        licence: &str,
        settings: toml::Table,
    ) -> Preset {
        Preset {
            engine: engine.into(),
            description,
            language: language.into(),
            install: Some("bash scripts/setup.sh (or `voxpress setup`)".into()),
            licence: Some(licence.into()),
            commercial: Some(true),
            lexicon: None,
            settings,
            name: path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path,
            text: String::new(),
        }
    }

    /// `relative`, resolved against the presets folder.
    pub fn resolve(&self, relative: &Path) -> PathBuf {
        match self.path.parent() {
            Some(dir) => dir.join(relative),
            None => relative.to_path_buf(),
        }
    }

    /// The files the voice needs here, its model first (none for a voice on a server).
    pub fn files(&self) -> Vec<PathBuf> {
        super::registry::factory(&self.engine)
            .and_then(|f| (f.files)(self).ok())
            .unwrap_or_default()
    }

    /// The voice's model file, for engines that have one.
    pub fn model_path(&self) -> Option<PathBuf> {
        self.files().into_iter().next()
    }

    /// The voice's lexicon file, resolved against the presets folder.
    pub fn lexicon_path(&self) -> Option<PathBuf> {
        self.lexicon.as_ref().map(|l| self.resolve(l))
    }

    /// True when its engine is in this build and every file the preset needs is present.
    pub fn installed(&self) -> bool {
        match super::registry::factory(&self.engine) {
            Some(factory) => {
                (factory.files)(self).is_ok_and(|files| files.iter().all(|f| f.is_file()))
            }
            None => false,
        }
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
    preset.text = text;
    preset.name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    preset.path = path.to_path_buf();
    // The engine checks its settings now, so a bad key is named when the preset is read.
    if let Some(factory) = super::registry::factory(&preset.engine) {
        (factory.files)(&preset)?;
    }
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
