//! Synthesis: the [`Backend`] trait that turns a chunk of spoken text into samples, one engine
//! per file, all registered in [`registry`].
//!
//! Each engine has a static [`EngineInfo`]: its name, what it is, the languages it speaks and the
//! longest chunk it reads well. A backend is one engine opened with one voice.

pub mod cache;
mod error;
pub mod espeak;
pub mod fake;
pub mod locate;
#[cfg(feature = "piper")]
pub mod onnx;
#[cfg(feature = "piper")]
pub mod piper;
pub mod presets;
pub mod registry;
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
