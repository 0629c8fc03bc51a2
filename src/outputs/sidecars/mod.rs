//! Sidecars: the files beside the audio, each a function of one [`Published`] edition, listed
//! in one table, [`SIDECARS`]. Adding a sidecar is its function and one line there.

pub mod chapter_files;
pub mod json;
pub mod transcript;
pub mod words;

use super::Published;

/// One sidecar: the suffix after the stem and how to render it.
pub struct Sidecar {
    /// ".chapters.json": the file is `STEM.chapters.json`.
    pub suffix: &'static str,
    pub render: fn(&Published) -> String,
}

/// Every sidecar a build writes, in order.
pub static SIDECARS: &[Sidecar] = &[
    Sidecar {
        suffix: ".chapters.json",
        render: json::chapters_json,
    },
    Sidecar {
        suffix: ".script.json",
        render: json::timed_script_json,
    },
    Sidecar {
        suffix: ".words.json",
        render: words::words_json,
    },
    Sidecar {
        suffix: ".vtt",
        render: transcript::vtt,
    },
    Sidecar {
        suffix: ".srt",
        render: transcript::srt,
    },
    Sidecar {
        suffix: ".ffmeta",
        render: chapter_files::ffmetadata,
    },
    Sidecar {
        suffix: ".cue",
        render: chapter_files::cue_sheet,
    },
    Sidecar {
        suffix: ".labels.txt",
        render: chapter_files::audacity_labels,
    },
];
