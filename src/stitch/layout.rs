//! [`Layout`]: the first pass of stitching, shared by `build` and `play`. Clips arrive in
//! script order; each clip's seams are trimmed and faded ([`super::seams`]), it is resampled to
//! the output rate ([`super::resample`]) and laid on a [`Track`] with its chunk's pause; music
//! is bedded under the words said over it ([`super::music`]). The layout keeps where every chunk,
//! word, passage and chapter lands, in output samples.
//!
//! A build's track is the scratch file the second pass masters ([`super::Stitcher`]); play's is
//! the tape it plays while the rest is synthesized ([`crate::play`]), so what plays is laid out
//! exactly as the built file is.
//!
//! Invariants: the position only grows, by exactly what was given to the track; chunks come in
//! script order at the voice rate, else an error names the chunk.

use super::{music, resample, seams, StitchError};
use crate::model::{Chunk, Clip, TimedChunk, TimedPassage, TimedWord};
use std::collections::BTreeMap;

/// Where the layout puts the audio, as it is laid out.
pub trait Track {
    /// `samples` of sound starting at frame `at`, spoken by the backend called `voice` (`None`
    /// for music, with or without words over it).
    fn sound(&mut self, at: u64, samples: &[f32], voice: Option<&str>) -> Result<(), StitchError>;
    /// `frames` of silence.
    fn silence(&mut self, frames: u64) -> Result<(), StitchError>;
    /// A chapter starts at frame `at`: told as soon as it is known, for tracks that are played
    /// while they are made.
    fn chapter(&mut self, _at: u64, _title: &str) {}
    /// `chunk` starts at frame `at`.
    fn chunk(&mut self, _at: u64, _chunk: &Chunk) {}
}

pub struct Layout<T> {
    pub(crate) track: T,
    pub(crate) voice_rate: u32,
    pub(crate) rate: u32,
    resample: resample::Resample,
    pub(crate) position: u64,
    /// The index of the first chunk laid (0 but when playing from a chapter).
    first_chunk: usize,
    pub(crate) chunks: Vec<TimedChunk>,
    /// When each timed word is heard, in the output's samples.
    pub(crate) words: Vec<TimedWord>,
    /// Chapters that are not the script's (intro, outro): start sample and title.
    pub(crate) extra_chapters: Vec<(u64, String)>,
    /// Where the words said over music are, in the order of the script's passages.
    pub(crate) passages: Vec<TimedPassage>,
    /// Where the chapter of a chunk starts when music leads into it: chunk index -> sample.
    pub(crate) leads: BTreeMap<usize, u64>,
    /// The script's chapter titles by their first chunk, told to the track as they start.
    announced: BTreeMap<usize, Vec<String>>,
}

impl<T: Track> Layout<T> {
    /// Lays clips at `voice_rate` onto `track` at `rate`.
    pub fn new(track: T, voice_rate: u32, rate: u32) -> Layout<T> {
        Layout {
            track,
            voice_rate,
            rate,
            resample: resample::Resample::new(voice_rate, rate),
            position: 0,
            first_chunk: 0,
            chunks: Vec::new(),
            words: Vec::new(),
            extra_chapters: Vec::new(),
            passages: Vec::new(),
            leads: BTreeMap::new(),
            announced: BTreeMap::new(),
        }
    }

    /// Tells the track each of `chapters` (first chunk, title) where it starts.
    pub fn announcing(mut self, chapters: impl IntoIterator<Item = (usize, String)>) -> Self {
        for (first_chunk, title) in chapters {
            self.announced.entry(first_chunk).or_default().push(title);
        }
        self
    }

    /// Lays the script from chunk `first` on, not from its start.
    pub fn from_chunk(mut self, first: usize) -> Self {
        self.first_chunk = first;
        self
    }

    pub fn track(&self) -> &T {
        &self.track
    }

    /// Frames laid so far.
    pub fn position(&self) -> u64 {
        self.position
    }

    /// Appends music (at `music_rate`) with, optionally, a voice clip (at the voice rate) spoken
    /// over it, then `pause_ms` of silence. With `chapter`, the music is a chapter of its own;
    /// otherwise it leads into the next chunk's chapter.
    pub fn push_music(
        &mut self,
        music_rate: u32,
        music: Vec<f32>,
        voice: Option<Vec<f32>>,
        chapter: Option<&str>,
        pause_ms: u32,
    ) -> Result<(), StitchError> {
        let rate = self.rate;
        let music = resample::Resample::new(music_rate, rate).clip(music);
        let voice = voice.map(|mut v| {
            seams::trim_and_fade(&mut v, self.voice_rate);
            resample::Resample::new(self.voice_rate, rate).clip(v)
        });
        if let Some(voice) = &voice {
            let lead = ((music::LEAD_IN * f64::from(rate)) as u64).min(music.len() as u64);
            self.passages.push(TimedPassage {
                start_sample: self.position + lead,
                end_sample: self.position + lead + voice.len() as u64,
            });
        }
        let mut mixed = music::bed(&music, voice.as_deref(), rate);
        seams::fade(&mut mixed, rate);
        match chapter {
            Some(title) => {
                self.extra_chapters.push((self.position, title.to_string()));
                self.track.chapter(self.position, title);
            }
            None => {
                self.leads
                    .insert(self.first_chunk + self.chunks.len(), self.position);
            }
        }
        self.append(&mixed, None, pause_ms)
    }

    /// Gives the track `sound` and `pause_ms` of silence and moves the position past them.
    fn append(
        &mut self,
        sound: &[f32],
        voice: Option<&str>,
        pause_ms: u32,
    ) -> Result<(), StitchError> {
        let pause = u64::from(pause_ms) * u64::from(self.rate) / 1000;
        self.track.sound(self.position, sound, voice)?;
        self.track.silence(pause)?;
        self.position += sound.len() as u64 + pause;
        Ok(())
    }

    /// Appends the clip of `chunk`, spoken by the backend `voice`, seams trimmed and faded,
    /// followed by the chunk's pause.
    pub fn push(&mut self, chunk: &Chunk, clip: &Clip, voice: &str) -> Result<(), StitchError> {
        let expected = self.first_chunk + self.chunks.len();
        if chunk.index != expected {
            return Err(StitchError::OutOfOrder {
                expected,
                got: chunk.index,
            });
        }
        if clip.sample_rate != self.voice_rate {
            return Err(StitchError::SampleRate {
                chunk: chunk.index,
                got: clip.sample_rate,
                expected: self.voice_rate,
            });
        }
        let rate = self.rate;
        let mut samples = clip.samples.clone();
        let head = seams::trim_and_fade(&mut samples, self.voice_rate) as u64;
        let mut samples = self.resample.clip(samples);
        if rate != self.voice_rate {
            // The resampler's ringing may lift the ends off zero; bring them back to rest.
            seams::fade(&mut samples, rate);
        }
        let start = self.position;
        let end = start + samples.len() as u64;
        // A word's time in the clip, less the trimmed start, at the output's rate, within the
        // chunk's speech.
        let place = |sample: u64| {
            let at =
                sample.saturating_sub(head) as f64 * f64::from(rate) / f64::from(self.voice_rate);
            (start + at.round() as u64).min(end)
        };
        self.words.extend(clip.words.iter().map(|w| TimedWord {
            chunk: chunk.index,
            text_start: w.text_start,
            text_end: w.text_end,
            start_sample: place(w.start_sample),
            end_sample: place(w.end_sample),
        }));
        if let Some(titles) = self.announced.remove(&chunk.index) {
            let at = self.leads.get(&chunk.index).copied().unwrap_or(start);
            for title in titles {
                self.track.chapter(at, &title);
            }
        }
        self.track.chunk(start, chunk);
        self.append(&samples, Some(voice), chunk.pause_ms)?;
        self.chunks.push(TimedChunk {
            start_sample: start,
            end_sample: end,
        });
        Ok(())
    }
}
