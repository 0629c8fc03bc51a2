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
    #[error("espeak-ng could not start: {0}")]
    EspeakInit(String),
    #[error("espeak-ng failed to speak {text:?} (error code {code})")]
    EspeakSynth { text: String, code: i32 },
    #[error("ONNX Runtime could not be loaded from {path} ({message}); run `bash scripts/setup.sh` or set ORT_DYLIB_PATH")]
    Runtime { path: String, message: String },
    #[error("ONNX Runtime library not found; run `bash scripts/setup.sh` (it installs vendor/onnxruntime/) or set ORT_DYLIB_PATH")]
    RuntimeMissing,
    #[error("{path}: {message}")]
    Model { path: String, message: String },
    #[error("the system voice speaks live but cannot render files; use it with `voxpress play` or `voxpress say`, and another voice (see `voxpress voices`) to build")]
    LiveOnly,
    #[error(
        "the system voice is not available here ({0}); on Linux it needs speech-dispatcher running"
    )]
    SystemVoice(String),
    #[error("{engine} refused to speak {text:?}: {reason}")]
    Refused {
        engine: &'static str,
        text: String,
        reason: String,
    },
}
