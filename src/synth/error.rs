//! Errors of the synthesis stage.

use thiserror::Error;

/// Every field is owned text or a number, so an error remembered once (such as a failed runtime
/// load) can be handed out again.
#[derive(Debug, Clone, Error)]
pub enum SynthError {
    #[error(
        "unknown voice '{name}'; run `voxpress voices` to see the voices (available: {available})"
    )]
    UnknownVoice { name: String, available: String },
    #[error("voice '{name}' is not installed; {hint}")]
    NotInstalled { name: String, hint: String },
    #[error("{path}: bad voice preset: {message}")]
    Preset { path: String, message: String },
    /// An engine that cannot start here: its library, runtime or service is missing or broken.
    #[error("{engine} cannot start: {message}")]
    Unavailable {
        engine: &'static str,
        message: String,
    },
    /// An engine that failed while speaking a chunk.
    #[error("{engine} failed to speak {text:?}: {message}")]
    Failed {
        engine: &'static str,
        text: String,
        message: String,
    },
    #[error("{path}: {message}")]
    Model { path: String, message: String },
    #[error("the system voice speaks live but cannot render files; use it with `voxpress play` or `voxpress say`, and another voice (see `voxpress voices`) to build")]
    LiveOnly,
    #[error("{engine} refused to speak {text:?}: {reason}")]
    Refused {
        engine: &'static str,
        text: String,
        reason: String,
    },
}
