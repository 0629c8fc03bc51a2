//! Errors of the synthesis stage.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum SynthError {
    #[error(
        "unknown voice '{name}'; run `voxpress voices` to see the voices (available: {available})"
    )]
    UnknownVoice { name: String, available: String },
    #[error("voice '{name}' is not installed; {hint}")]
    NotInstalled { name: String, hint: String },
    #[error("espeak-ng could not start: {0}")]
    EspeakInit(String),
    #[error("espeak-ng failed to speak {text:?} (error code {code})")]
    EspeakSynth { text: String, code: i32 },
    #[error("{engine} refused to speak {text:?}: {reason}")]
    Refused {
        engine: &'static str,
        text: String,
        reason: String,
    },
}
