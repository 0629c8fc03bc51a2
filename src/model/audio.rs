//! Audio-side types: a rendered [`Clip`] and the [`Timeline`] that places clips in the output.

use serde::{Deserialize, Serialize};

/// One chunk rendered by a voice: mono samples in `-1.0..=1.0` at `sample_rate`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Clip {
    pub sample_rate: u32,
    pub samples: Vec<f32>,
    /// When each word of the chunk's text is heard, as the voice itself knows it; empty for a
    /// voice that cannot tell.
    #[serde(default)]
    pub words: Vec<WordTime>,
}

/// A word of a chunk's spoken text (a byte range of it) and where it is heard in the clip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordTime {
    pub text_start: u32,
    pub text_end: u32,
    pub start_sample: u64,
    pub end_sample: u64,
}

impl Clip {
    pub fn duration_secs(&self) -> f64 {
        self.samples.len() as f64 / f64::from(self.sample_rate.max(1))
    }
}

/// Where everything landed in the written audio, measured in samples of the output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    pub sample_rate: u32,
    pub total_samples: u64,
    pub chapters: Vec<TimedChapter>,
    pub chunks: Vec<TimedChunk>,
    /// Where each of the script's passages (words said over music) is heard, in its order.
    #[serde(default)]
    pub passages: Vec<TimedPassage>,
    /// When each word the voices timed is heard, chunk by chunk, in order.
    #[serde(default)]
    pub words: Vec<TimedWord>,
}

impl Timeline {
    pub fn seconds(&self, sample: u64) -> f64 {
        sample as f64 / f64::from(self.sample_rate.max(1))
    }

    pub fn duration_secs(&self) -> f64 {
        self.seconds(self.total_samples)
    }

    /// Each chapter's (start, end, title) in samples: a chapter ends where the next begins, the
    /// last at the end of the audio.
    pub fn chapter_spans(&self) -> Vec<(u64, u64, &str)> {
        let ends = self
            .chapters
            .iter()
            .skip(1)
            .map(|c| c.start_sample)
            .chain(std::iter::once(self.total_samples));
        self.chapters
            .iter()
            .zip(ends)
            .map(|(c, end)| (c.start_sample, end, c.title.as_str()))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimedChapter {
    pub title: String,
    pub start_sample: u64,
    /// The script's chapter this is; `None` for an intro or outro.
    #[serde(default)]
    pub script_chapter: Option<usize>,
}

/// Words said over music in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimedPassage {
    pub start_sample: u64,
    pub end_sample: u64,
}

/// A spoken word of a chunk (a byte range of its text) where it is heard in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimedWord {
    pub chunk: usize,
    pub text_start: u32,
    pub text_end: u32,
    pub start_sample: u64,
    pub end_sample: u64,
}

/// A chunk's speech (without the pause after it) in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimedChunk {
    pub start_sample: u64,
    pub end_sample: u64,
}
