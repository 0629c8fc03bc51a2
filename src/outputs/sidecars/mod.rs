//! Sidecars: the files beside the audio, each a function of one [`Published`] edition, listed
//! in one table, [`SIDECARS`]. Adding a sidecar is its function and one line there.

pub mod chapter_files;
pub mod json;
pub mod page;
pub mod transcript;
pub mod words;

use super::Published;

/// One sidecar: the suffix after the stem and how to render it.
pub struct Sidecar {
    /// ".chapters.json": the file is `STEM.chapters.json`.
    pub suffix: &'static str,
    pub render: fn(&Published) -> String,
    /// Whether this edition has it (most sidecars always; the page when asked for).
    pub wanted: fn(&Published) -> bool,
}

fn always(_: &Published) -> bool {
    true
}

/// Every sidecar a build writes, in order.
pub static SIDECARS: &[Sidecar] = &[
    Sidecar {
        suffix: ".chapters.json",
        render: json::chapters_json,
        wanted: always,
    },
    Sidecar {
        suffix: ".script.json",
        render: json::timed_script_json,
        wanted: always,
    },
    Sidecar {
        suffix: ".words.json",
        render: words::words_json,
        wanted: always,
    },
    Sidecar {
        suffix: ".vtt",
        render: transcript::vtt,
        wanted: always,
    },
    Sidecar {
        suffix: ".srt",
        render: transcript::srt,
        wanted: always,
    },
    Sidecar {
        suffix: ".ffmeta",
        render: chapter_files::ffmetadata,
        wanted: always,
    },
    Sidecar {
        suffix: ".cue",
        render: chapter_files::cue_sheet,
        wanted: always,
    },
    Sidecar {
        suffix: ".labels.txt",
        render: chapter_files::audacity_labels,
        wanted: always,
    },
    Sidecar {
        suffix: ".html",
        render: page::page,
        wanted: |edition| edition.page,
    },
];
