//! Stitch: rendered clips and pauses become one WAV with chapter markers, plus sidecars.
//!
//! Clips arrive in script order and are written straight to a temporary WAV ([`wav`]), each
//! followed by its chunk's pause, so memory does not grow with the edition. Chapter and chunk
//! positions are the real sample offsets written. At the end the `cue `/`labl` chapter chunks are
//! appended ([`cue`]) and the file is renamed into place; [`sidecars`] renders the JSON chapters
//! and the timed script.

pub mod chapter_files;
pub mod cue;
pub mod sidecars;
pub mod transcript;
pub mod wav;

use crate::atomic::AtomicFile;
use crate::model::{Chunk, Clip, Script, TimedChapter, TimedChunk, Timeline};
use std::path::Path;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StitchError {
    #[error("{path}: cannot write the audio ({source}); check the output folder is writable and has space")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("chunk {chunk} is at {got} Hz but the edition is at {expected} Hz; use voices with the same sample rate")]
    SampleRate {
        chunk: usize,
        got: u32,
        expected: u32,
    },
    #[error("chunk {got} arrived out of order (expected chunk {expected})")]
    OutOfOrder { expected: usize, got: usize },
    #[error("the audio would pass the 4 GiB limit of a WAV file; split the edition")]
    TooLong,
}

/// Writes clips in order into a WAV under a temporary name.
pub struct Stitcher {
    file: AtomicFile,
    sink: wav::WavSink,
    sample_rate: u32,
    position: u64,
    chunks: Vec<TimedChunk>,
}

impl Stitcher {
    pub fn create(target: &Path, sample_rate: u32) -> Result<Stitcher, StitchError> {
        let file = AtomicFile::new(target);
        let sink = wav::WavSink::create(file.temp_path(), sample_rate)
            .map_err(|source| write_error(target, source))?;
        Ok(Stitcher {
            file,
            sink,
            sample_rate,
            position: 0,
            chunks: Vec::new(),
        })
    }

    /// Appends the clip of `chunk` followed by the chunk's pause.
    pub fn push(&mut self, chunk: &Chunk, clip: &Clip) -> Result<(), StitchError> {
        if chunk.index != self.chunks.len() {
            return Err(StitchError::OutOfOrder {
                expected: self.chunks.len(),
                got: chunk.index,
            });
        }
        if clip.sample_rate != self.sample_rate {
            return Err(StitchError::SampleRate {
                chunk: chunk.index,
                got: clip.sample_rate,
                expected: self.sample_rate,
            });
        }
        let pause = u64::from(chunk.pause_ms) * u64::from(self.sample_rate) / 1000;
        let start = self.position;
        let end = start + clip.samples.len() as u64;
        if (end + pause) * 2 > u64::from(u32::MAX) - 1024 * 1024 {
            return Err(StitchError::TooLong);
        }
        let target = self.file.target().to_path_buf();
        self.sink
            .samples(&clip.samples)
            .map_err(|e| write_error(&target, e))?;
        self.sink
            .silence(pause)
            .map_err(|e| write_error(&target, e))?;
        self.position = end + pause;
        self.chunks.push(TimedChunk {
            start_sample: start,
            end_sample: end,
        });
        Ok(())
    }

    /// Finishes the WAV with its chapter markers and renames it into place.
    pub fn finish(self, script: &Script) -> Result<Timeline, StitchError> {
        let target = self.file.target().to_path_buf();
        let chapters: Vec<TimedChapter> = script
            .chapters
            .iter()
            .map(|c| TimedChapter {
                title: c.title.clone(),
                start_sample: self
                    .chunks
                    .get(c.first_chunk)
                    .map_or(self.position, |t| t.start_sample),
            })
            .collect();
        let markers: Vec<(u64, &str)> = chapters
            .iter()
            .map(|c| (c.start_sample, c.title.as_str()))
            .collect();
        self.sink
            .finish(&markers)
            .map_err(|e| write_error(&target, e))?;
        self.file.commit().map_err(|e| write_error(&target, e))?;
        Ok(Timeline {
            sample_rate: self.sample_rate,
            total_samples: self.position,
            chapters,
            chunks: self.chunks,
        })
    }
}

fn write_error(path: &Path, source: std::io::Error) -> StitchError {
    StitchError::Write {
        path: path.display().to_string(),
        source,
    }
}
