//! Synthesis: the [`Backend`] trait that turns a chunk of spoken text into samples, one engine
//! per file, all registered in [`registry`].
//!
//! Each engine has a static [`EngineInfo`]: its name, what it is, the languages it speaks and the
//! longest chunk it reads well. A backend is one engine opened with one voice.

pub mod cache;
mod error;
pub mod espeak;
/// The test engine lives only in debug builds (the tests'), never in a release binary.
#[cfg(debug_assertions)]
pub mod fake;
#[cfg(feature = "piper")]
pub mod kokoro;
pub mod locate;
#[cfg(feature = "piper")]
mod neural;
#[cfg(feature = "piper")]
pub mod onnx;
#[cfg(feature = "piper")]
pub mod piper;
pub mod presets;
pub mod registry;
#[cfg(feature = "remote")]
pub mod remote;
pub mod scheduler;
#[cfg(feature = "system-voice")]
pub mod system;
pub mod timing;

pub use error::SynthError;
pub use registry::{
    installed_models, open_voice, voice_catalog, voice_entry, voice_lexicon, OpenOptions,
    VoiceEntry,
};

use crate::model::Clip;

/// The static description of an engine.
#[derive(Debug)]
pub struct EngineInfo {
    pub name: &'static str,
    pub description: &'static str,
    pub languages: &'static [&'static str],
    /// The longest chunk, in characters, the engine reads with good prosody.
    pub max_chunk_chars: usize,
}

/// What a voice of a preset is like before it is opened, for `voxpress voices`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PresetFacts {
    pub sample_rate: u32,
    /// True when the voice will time the words it speaks.
    pub word_timings: bool,
}

/// How an engine opens the voice of a preset.
pub type OpenPreset = fn(&presets::Preset, OpenOptions) -> Result<Box<dyn Backend>, SynthError>;

/// An engine's line in the table of [`registry`]: its description, and how it reads a preset's
/// settings. Each engine reads its own typed settings from the preset ([`presets::Preset::settings`]).
pub struct EngineFactory {
    pub info: &'static EngineInfo,
    /// Opens the voice of a preset.
    pub open: OpenPreset,
    /// Checks the preset's settings and gives the files the voice needs here, its model first.
    pub files: fn(&presets::Preset) -> Result<Vec<std::path::PathBuf>, SynthError>,
    /// The voice's rate and whether it times words, without opening it.
    pub facts: fn(&presets::Preset) -> PresetFacts,
}

/// An engine opened with one voice, ready to speak.
pub trait Backend: Send + Sync {
    fn engine(&self) -> &'static EngineInfo;

    /// The voice's name, as the user chose it.
    fn voice(&self) -> &str;

    fn sample_rate(&self) -> u32;

    /// Every setting that changes the sound, as text: two backends with equal fingerprints say
    /// the same text identically.
    fn fingerprint(&self) -> String;

    /// Speaks `text`, returning mono samples at [`Backend::sample_rate`].
    fn synthesize(&self, text: &str) -> Result<Vec<f32>, SynthError>;

    /// Speaks `text` into a [`Clip`], with the time of each of its words when the engine can
    /// tell (see [`timing`]).
    fn clip(&self, text: &str) -> Result<Clip, SynthError> {
        Ok(Clip {
            sample_rate: self.sample_rate(),
            samples: self.synthesize(text)?,
            words: Vec::new(),
        })
    }

    /// True when [`Backend::clip`] times the words it speaks.
    fn times_words(&self) -> bool {
        false
    }

    /// True for an engine whose output depends on what it said before (espeak-ng: one global
    /// state, its pitch flutter running on across utterances): its chunks are rendered one at a
    /// time in script order, so a build says the same thing the same way every time.
    fn in_order(&self) -> bool {
        false
    }
}
