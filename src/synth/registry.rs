//! The one place engines and voices are registered, listed and opened.
//!
//! Built-in voices (espeak-ng, and in debug builds the hidden `fake` test voice) are always here;
//! neural voices come from presets in the voices folder (`voices/*.toml`, see [`super::presets`]).

use super::espeak::{self, Espeak};
#[cfg(debug_assertions)]
use super::fake::{self, Fake};
use super::{locate, presets, Backend, EngineFactory, EngineInfo, SynthError};

/// Every engine a voice preset can name, as compiled into this build: one line each (an engine
/// behind a cargo feature is here only with it).
static FACTORIES: &[&EngineFactory] = &[
    &espeak::FACTORY,
    #[cfg(feature = "piper")]
    &super::piper::FACTORY,
    #[cfg(feature = "piper")]
    &super::kokoro::FACTORY,
    #[cfg(feature = "remote")]
    &super::remote::FACTORY,
];

/// The engine called `name`, if it is in this build.
pub fn factory(name: &str) -> Option<&'static EngineFactory> {
    FACTORIES.iter().copied().find(|f| f.info.name == name)
}

/// Every engine compiled into this build.
pub fn engines() -> Vec<&'static EngineInfo> {
    let engines = FACTORIES.iter().map(|f| f.info);
    #[cfg(debug_assertions)]
    let engines = engines.chain(std::iter::once(&fake::ENGINE));
    engines.collect()
}

/// A voice a user can choose, and whether it can speak here.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VoiceEntry {
    pub name: String,
    pub engine: &'static str,
    pub language: String,
    pub sample_rate: u32,
    pub installed: bool,
    /// How to install it, when it is not.
    pub install: Option<String>,
    pub description: String,
    /// True when the voice times the words it speaks (word timings for read-along pages).
    pub word_timings: bool,
    /// Its licence in a line, and whether that allows commercial use (`None`: not said).
    pub licence: Option<String>,
    pub commercial: Option<bool>,
    /// Test voices are not listed for users.
    #[serde(skip)]
    pub hidden: bool,
}

/// What espeak-ng's voices may be used for.
const ESPEAK_LICENCE: &str = "espeak-ng is GPL-3.0-or-later; what it says is yours to use";

/// The voice called `name`, as [`voice_catalog`] lists it.
pub fn voice_entry(name: &str) -> Option<VoiceEntry> {
    voice_catalog().into_iter().find(|v| v.name == name)
}

/// The built-in espeak voices: name, espeak-ng voice, language, description.
const ESPEAK_VOICES: &[(&str, &str, &str, &str)] = &[
    (
        "espeak",
        "en-us",
        "en-us",
        "espeak-ng, American English (built in)",
    ),
    (
        "espeak-gb",
        "en",
        "en-gb",
        "espeak-ng, British English (built in)",
    ),
];

/// How a voice is opened: how many workers will speak at once (to size neural engines' sessions
/// and threads), and the speaking rate (1 as the voice speaks, 2 twice as fast; espeak-ng through
/// its words per minute, Piper through Sonic on
/// each clip (its length scale shortens speech far less than it says), a remote voice through its
/// server's
/// `speed`), which the voice's fingerprint, and so the cache key, carries.
#[derive(Debug, Clone, Copy)]
pub struct OpenOptions {
    pub jobs: usize,
    pub rate: f32,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions { jobs: 1, rate: 1.0 }
    }
}

/// See [`OpenOptions::espeak_rate`].
const ESPEAK_RATE_POWER: f32 = 1.0 / 0.86;

impl OpenOptions {
    /// espeak-ng's words per minute for `base` at this rate, within what espeak-ng speaks (to
    /// 900 with Sonic, which we link). Its words per minute shorten pauses within a sentence and
    /// some phonemes less than the words: measured on the shared sample, its speech lasts as if
    /// spoken at `rate ^ 0.86`, so the rate is raised to the power `1 / 0.86` first.
    pub fn espeak_rate(&self, base: u32) -> u32 {
        ((base as f32 * self.rate.powf(ESPEAK_RATE_POWER)).round() as u32).clamp(80, 900)
    }
}

/// All voices, installed or not.
pub fn voice_catalog() -> Vec<VoiceEntry> {
    let mut voices: Vec<VoiceEntry> = ESPEAK_VOICES
        .iter()
        .map(|(name, _, language, description)| VoiceEntry {
            name: name.to_string(),
            engine: espeak::ENGINE.name,
            language: language.to_string(),
            sample_rate: 22_050,
            installed: true,
            install: None,
            description: description.to_string(),
            word_timings: true,
            licence: Some(ESPEAK_LICENCE.into()),
            commercial: Some(true),
            hidden: false,
        })
        .collect();
    for preset in presets_found().into_iter().flatten() {
        let engine = factory(&preset.engine);
        let facts = engine.map(|f| (f.facts)(&preset));
        voices.push(VoiceEntry {
            name: preset.name.clone(),
            engine: engine.map_or("unknown", |e| e.info.name),
            language: preset.language.clone(),
            sample_rate: facts.map_or(22_050, |f| f.sample_rate),
            installed: preset.installed(),
            install: Some(match engine {
                Some(_) => preset
                    .install
                    .clone()
                    .unwrap_or_else(|| "bash scripts/setup.sh".into()),
                None => format!("rebuild voxpress with the `{}` feature", preset.engine),
            }),
            description: preset.description.clone(),
            licence: preset.licence.clone(),
            commercial: preset.commercial,
            word_timings: facts.is_some_and(|f| f.word_timings),
            hidden: false,
        });
    }
    #[cfg(feature = "system-voice")]
    voices.push(VoiceEntry {
        name: super::system::NAME.into(),
        engine: "system",
        language: "system".into(),
        sample_rate: 0,
        installed: true,
        install: None,
        description: "the computer's own voice, live only (play and say)".into(),
        word_timings: false,
        licence: None,
        commercial: None,
        hidden: false,
    });
    #[cfg(debug_assertions)]
    voices.push(VoiceEntry {
        name: "fake".into(),
        engine: fake::ENGINE.name,
        language: "any".into(),
        sample_rate: fake::SAMPLE_RATE,
        installed: true,
        install: None,
        description: fake::ENGINE.description.into(),
        word_timings: false,
        licence: None,
        commercial: None,
        hidden: true,
    });
    voices
}

/// The installed voices with a model file: (voice name, the model's file name).
pub fn installed_models() -> Vec<(String, String)> {
    presets_found()
        .into_iter()
        .flatten()
        .filter(|p| p.installed())
        .filter_map(|p| {
            let file = p.model_path()?.file_name()?.to_string_lossy().into_owned();
            Some((p.name, file))
        })
        .collect()
}

/// The presets of every voices folder ([`locate::voices_dirs`]), then the engines' built-in
/// voices; a name found twice is the first's.
fn presets_found() -> Vec<Result<presets::Preset, SynthError>> {
    let mut seen = std::collections::BTreeSet::new();
    let mut found = Vec::new();
    let dirs = locate::voices_dirs();
    for dir in &dirs {
        for preset in presets::read_all(dir) {
            let name = match &preset {
                Ok(p) => p.name.clone(),
                Err(SynthError::Preset { path, .. }) => path.clone(),
                Err(_) => String::new(),
            };
            if seen.insert(name) {
                found.push(preset);
            }
        }
    }
    // Engines' built-in voices, unless a preset file of the same name stands in for one.
    #[cfg(feature = "piper")]
    for preset in super::kokoro::voices::builtin_presets(&dirs) {
        if seen.insert(preset.name.clone()) {
            found.push(Ok(preset));
        }
    }
    found
}

/// Opens the voice called `name`.
pub fn open_voice(name: &str, options: OpenOptions) -> Result<Box<dyn Backend>, SynthError> {
    #[cfg(debug_assertions)]
    if name == "fake" {
        return Ok(Box::new(Fake { rate: options.rate }));
    }
    if name == "system" {
        // Live only: it speaks to the speakers and gives back no samples to write.
        return Err(SynthError::LiveOnly);
    }
    if let Some((_, voice, _, _)) = ESPEAK_VOICES.iter().find(|(n, ..)| *n == name) {
        let rate = options.espeak_rate(espeak::DEFAULT_RATE);
        return Ok(Box::new(Espeak::open(name, voice, rate)?));
    }
    for preset in presets_found() {
        let preset = match preset {
            Ok(p) if p.name == name => p,
            Err(SynthError::Preset { path, message })
                if path.ends_with(&format!("{name}.toml")) =>
            {
                return Err(SynthError::Preset { path, message })
            }
            _ => continue,
        };
        return open_preset(&preset, options);
    }
    let available: Vec<String> = voice_catalog()
        .into_iter()
        .filter(|v| !v.hidden)
        .map(|v| v.name)
        .collect();
    Err(SynthError::UnknownVoice {
        name: name.into(),
        available: available.join(", "),
    })
}

fn open_preset(
    preset: &presets::Preset,
    options: OpenOptions,
) -> Result<Box<dyn Backend>, SynthError> {
    match factory(&preset.engine) {
        Some(engine) => (engine.open)(preset, options),
        None => Err(SynthError::NotInstalled {
            name: preset.name.clone(),
            hint: format!(
                "its engine '{}' is not in this build (rebuild with the `{}` feature)",
                preset.engine, preset.engine
            ),
        }),
    }
}

/// The lexicon file a voice's preset names, if any.
pub fn voice_lexicon(name: &str) -> Option<std::path::PathBuf> {
    presets_found()
        .into_iter()
        .flatten()
        .find(|p| p.name == name)
        .and_then(|p| p.lexicon_path())
}

/// True when `name` names a voice that is installed and can speak here.
pub fn is_installed(name: &str) -> bool {
    voice_catalog()
        .iter()
        .any(|v| v.name == name && v.installed)
}
