//! The one place engines and voices are registered, listed and opened.

use super::espeak::{self, Espeak};
use super::fake::{self, Fake};
use super::{Backend, EngineInfo, SynthError};

/// Every engine compiled into this build.
pub fn engines() -> Vec<&'static EngineInfo> {
    vec![&espeak::ENGINE, &fake::ENGINE]
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
    /// Test voices are not listed for users.
    #[serde(skip)]
    pub hidden: bool,
}

/// The built-in espeak voices: name, espeak-ng language voice, description.
const ESPEAK_VOICES: &[(&str, &str, &str)] = &[
    ("espeak", "en-us", "espeak-ng, American English (built in)"),
    ("espeak-gb", "en", "espeak-ng, British English (built in)"),
];

/// All voices, installed or not.
pub fn voice_catalog() -> Vec<VoiceEntry> {
    let mut voices: Vec<VoiceEntry> = ESPEAK_VOICES
        .iter()
        .map(|(name, language, description)| VoiceEntry {
            name: name.to_string(),
            engine: espeak::ENGINE.name,
            language: if *language == "en" {
                "en-gb".to_string()
            } else {
                language.to_string()
            },
            sample_rate: 22_050,
            installed: true,
            install: None,
            description: description.to_string(),
            hidden: false,
        })
        .collect();
    voices.push(VoiceEntry {
        name: "fake".into(),
        engine: fake::ENGINE.name,
        language: "any".into(),
        sample_rate: fake::SAMPLE_RATE,
        installed: true,
        install: None,
        description: fake::ENGINE.description.into(),
        hidden: true,
    });
    voices
}

/// Opens the voice called `name`.
pub fn open_voice(name: &str) -> Result<Box<dyn Backend>, SynthError> {
    if name == "fake" {
        return Ok(Box::new(Fake));
    }
    if let Some((_, language, _)) = ESPEAK_VOICES.iter().find(|(n, _, _)| *n == name) {
        return Ok(Box::new(Espeak::open(
            name,
            language,
            espeak::DEFAULT_RATE,
        )?));
    }
    let catalog = voice_catalog();
    if let Some(entry) = catalog.iter().find(|v| v.name == name) {
        return Err(SynthError::NotInstalled {
            name: name.into(),
            hint: entry.install.clone().unwrap_or_default(),
        });
    }
    let available: Vec<String> = catalog
        .iter()
        .filter(|v| !v.hidden)
        .map(|v| v.name.clone())
        .collect();
    Err(SynthError::UnknownVoice {
        name: name.into(),
        available: available.join(", "),
    })
}

/// The static description of the engine behind voice `name`, without opening it.
pub fn engine_of(name: &str) -> Option<&'static EngineInfo> {
    let entry = voice_catalog().into_iter().find(|v| v.name == name)?;
    engines().into_iter().find(|e| e.name == entry.engine)
}
