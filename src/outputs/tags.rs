//! What the audio files say about the edition: title, album, author, date, description, cover,
//! track number and chapters. One value serves every format; each sink writes what its format
//! can hold.

use super::Cover;
use crate::model::Timeline;

/// A chapter in samples of the edition's rate: it ends where the next begins.
#[derive(Debug, Clone, PartialEq)]
pub struct ChapterMark {
    pub start: u64,
    pub end: u64,
    pub title: String,
}

/// The tags of one audio file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tags {
    pub title: String,
    /// The edition's title (the same as `title` for the whole edition; the edition for a chapter
    /// file).
    pub album: String,
    pub author: Option<String>,
    /// An ISO 8601 date ("2024-02-16"), checked when the manifest was read.
    pub date: Option<String>,
    pub description: Option<String>,
    pub cover: Option<Cover>,
    /// (this track, of how many), for chapter files.
    pub track: Option<(usize, usize)>,
    pub chapters: Vec<ChapterMark>,
    /// The voices that read it, credited (see [`crate::stitch::Metadata::voices`]).
    pub voices: Vec<String>,
    /// The rate `chapters` are counted in.
    pub sample_rate: u32,
}

impl Tags {
    /// The whole edition's tags: its chapters from `timeline`.
    pub fn edition(metadata: &crate::stitch::Metadata, timeline: &Timeline) -> Tags {
        Tags {
            title: metadata.title.clone(),
            album: metadata.title.clone(),
            author: metadata.author.clone(),
            date: metadata.date.clone(),
            description: metadata.description.clone(),
            cover: metadata.cover.clone(),
            voices: metadata.voices.clone(),
            track: None,
            chapters: timeline
                .chapter_spans()
                .into_iter()
                .map(|(start, end, title)| ChapterMark {
                    start,
                    end,
                    title: title.to_string(),
                })
                .collect(),
            sample_rate: timeline.sample_rate,
        }
    }

    /// Milliseconds from the start of the file at `sample`.
    pub fn millis(&self, sample: u64) -> u64 {
        (sample as u128 * 1000 / u128::from(self.sample_rate.max(1))) as u64
    }

    /// The year of the date ("2024").
    pub fn year(&self) -> Option<&str> {
        self.date.as_deref().and_then(|d| d.get(..4))
    }
}
