//! Stitch and master: rendered clips, music and pauses become the finished edition's one
//! mastered stream, handed to [`crate::outputs`] for every file.
//!
//! Two passes keep memory flat however long the edition. The first, [`layout`], as clips arrive
//! in script order (shared with `play`): each clip's seams are trimmed and faded ([`seams`]), it
//! is resampled to the edition's rate ([`resample`]) and laid with its chunk's pause on a track;
//! a build's track measures it ([`loudness::Meter`]) and writes it to a scratch file
//! ([`scratch`]); chapter and chunk positions are the real sample offsets. The
//! second, at [`Stitcher::finish`]: each voice is brought to the level of the edition's main
//! voice ([`voice_levels`]), one gain brings the whole to the target loudness, a
//! look-ahead limiter holds the peaks under the ceiling ([`loudness`]), and the result streams
//! into an [`EditionWriter`]: every format's file, each renamed into place when complete.

#[cfg(feature = "m4b")]
pub mod ffmpeg_decode;
mod gain_search;
pub mod layout;
pub mod loudness;
pub mod music;
pub mod ogg_opus;
pub mod resample;
pub mod scratch;
pub mod seams;
pub mod sonic;
pub mod voice_levels;

use crate::cancel::Cancel;
use crate::model::{Script, TimedChapter, Timeline};
use crate::outputs::{Cover, EditionWriter, Formats, Level, Tags, WriteFailure};
pub use layout::{Layout, Track};
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StitchError {
    #[error("{path}: cannot write the audio ({source}); check the output folder is writable and has space")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{folder}: the disk is full ({source}); free some space there, or choose another folder with --out")]
    DiskFull {
        folder: String,
        source: std::io::Error,
    },
    #[error("interrupted while mastering")]
    Cancelled(i32),
    #[error("chunk {chunk} is at {got} Hz but the edition is at {expected} Hz; use voices with the same sample rate")]
    SampleRate {
        chunk: usize,
        got: u32,
        expected: u32,
    },
    #[error("chunk {got} arrived out of order (expected chunk {expected})")]
    OutOfOrder { expected: usize, got: usize },
}

/// How the edition is finished.
#[derive(Debug, Clone, PartialEq)]
pub struct Mastering {
    /// The output sample rate.
    pub sample_rate: u32,
    /// Integrated loudness to reach, in LUFS; `None` leaves the level as the voices made it.
    pub loudness: Option<f64>,
    /// The highest true peak allowed, in dBTP, when `loudness` is set.
    pub true_peak: f64,
    /// The audio formats to write, with their bit rates.
    pub formats: Formats,
    /// Also one file per chapter, in the folder `STEM-chapters/`.
    pub split_chapters: bool,
    /// Also the read-along page, `STEM.html`.
    pub page: bool,
}

impl Default for Mastering {
    /// 44,100 Hz (what podcast hosts ask for), -16 LUFS, -1 dBTP, WAV only.
    fn default() -> Self {
        Mastering {
            sample_rate: 44_100,
            loudness: Some(-16.0),
            true_peak: -1.0,
            formats: Formats::default(),
            split_chapters: false,
            page: false,
        }
    }
}

/// Edition metadata for the files' tags and headers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: String,
    pub author: Option<String>,
    pub date: Option<String>,
    pub description: Option<String>,
    /// Cover art, checked to be a JPEG or PNG.
    pub cover: Option<Cover>,
    /// The voices that read it, credited: "joe: Joe, American English (licence)".
    pub voices: Vec<String>,
}

/// What mastering did and made.
#[derive(Debug, Clone, PartialEq)]
pub struct Mastered {
    pub timeline: Timeline,
    /// Audio files written, in the order of [`crate::outputs::FORMATS`], then the chapter files.
    pub files: Vec<PathBuf>,
    /// Integrated loudness (LUFS) and sample peak (dBFS) of the finished audio, when measurable.
    pub loudness: Option<(f64, f64)>,
    /// The tags the audio files carry, for the sidecars.
    pub tags: Tags,
}

pub struct Stitcher {
    stem: PathBuf,
    mastering: Mastering,
    layout: Layout<Master>,
    /// The gain of each clip from [`voice_levels`], set when the second pass starts.
    clip_gains: voice_levels::ClipGains,
}

/// The first pass's track for mastering: the scratch file, measured as it is written.
struct Master {
    stem: PathBuf,
    scratch: scratch::Scratch,
    meter: loudness::Meter,
    /// Each voice's level, to match them on the second pass.
    levels: voice_levels::VoiceLevels,
}

impl Track for Master {
    fn sound(&mut self, at: u64, samples: &[f32], voice: Option<&str>) -> Result<(), StitchError> {
        self.scratch
            .append(samples)
            .map_err(|e| write_error(&self.stem, e))?;
        self.meter.add(samples);
        if let Some(voice) = voice {
            self.levels.record(voice, at, samples);
        }
        Ok(())
    }

    fn silence(&mut self, frames: u64) -> Result<(), StitchError> {
        let silence = vec![0.0f32; frames as usize];
        self.scratch
            .append(&silence)
            .map_err(|e| write_error(&self.stem, e))?;
        self.meter.add(&silence);
        Ok(())
    }
}

impl Stitcher {
    /// A stitcher for `stem` (the output path without extension) of clips at `voice_rate`.
    pub fn create(
        stem: &Path,
        voice_rate: u32,
        mastering: Mastering,
    ) -> Result<Stitcher, StitchError> {
        let scratch = scratch::Scratch::create(stem).map_err(|source| write_error(stem, source))?;
        let master = Master {
            stem: stem.to_path_buf(),
            scratch,
            meter: loudness::Meter::new(mastering.sample_rate),
            levels: voice_levels::VoiceLevels::new(mastering.sample_rate),
        };
        Ok(Stitcher {
            stem: stem.to_path_buf(),
            layout: Layout::new(master, voice_rate, mastering.sample_rate),
            mastering,
            clip_gains: Default::default(),
        })
    }

    /// The first pass, where clips and music are laid (see [`Layout`]).
    pub fn layout(&mut self) -> &mut Layout<impl Track> {
        &mut self.layout
    }

    /// The second pass: gain and limiter, then every audio file with its chapters and tags,
    /// each renamed into place when complete.
    /// Stops early, with [`StitchError::Cancelled`], when `cancel` is set.
    pub fn finish(
        mut self,
        script: &Script,
        metadata: &Metadata,
        cancel: &Cancel,
    ) -> Result<Mastered, StitchError> {
        let rate = self.mastering.sample_rate;
        let layout = &mut self.layout;
        let mut chapters: Vec<TimedChapter> = script
            .chapters
            .iter()
            .enumerate()
            .map(|(k, c)| TimedChapter {
                title: c.title.clone(),
                start_sample: layout
                    .leads
                    .get(&c.first_chunk)
                    .copied()
                    .unwrap_or_else(|| {
                        layout
                            .chunks
                            .get(c.first_chunk)
                            .map_or(layout.position, |t| t.start_sample)
                    }),
                script_chapter: Some(k),
            })
            .collect();
        chapters.extend(
            layout
                .extra_chapters
                .drain(..)
                .map(|(start, title)| TimedChapter {
                    title,
                    start_sample: start,
                    script_chapter: None,
                }),
        );
        chapters.sort_by_key(|c| c.start_sample);
        let timeline = Timeline {
            sample_rate: rate,
            total_samples: layout.position,
            chapters,
            chunks: std::mem::take(&mut layout.chunks),
            passages: std::mem::take(&mut layout.passages),
            words: std::mem::take(&mut layout.words),
        };
        let Finish {
            gain,
            mut limiter,
            loudness: known,
        } = self.gain_and_limiter()?;
        crate::timings::mark("mastering: the gain search");
        let tags = Tags::edition(metadata, &timeline);
        let failed = |f: WriteFailure| write_error(&f.path, f.source);
        let mut writer = EditionWriter::open(
            &self.stem,
            &self.mastering.formats,
            self.mastering.split_chapters,
            &tags,
            timeline.total_samples,
            self.mastering.loudness.map(|lufs| Level {
                lufs,
                true_peak: self.mastering.true_peak,
            }),
        )
        .map_err(failed)?;
        // The loudness is measured again only when the gain search did not end on this gain.
        let mut out_meter = known.is_none().then(|| loudness::Meter::new(rate));
        let mut peak = 0.0f32;
        let mut out = Vec::with_capacity(1 << 16);
        let mut failure = None;
        let mut emit = |out: &mut Vec<f32>| -> std::io::Result<()> {
            if let Some(meter) = out_meter.as_mut() {
                meter.add(out);
            }
            peak = out.iter().fold(peak, |p, s| p.max(s.abs()));
            let written = writer.write(out);
            out.clear();
            written.map_err(|f| {
                let kind = f.source.kind();
                failure = Some(f);
                std::io::Error::from(kind)
            })
        };
        let stem = self.stem.clone();
        let clip_gains = &self.clip_gains;
        let mut at = 0u64;
        let mut gained = Vec::with_capacity(1 << 16);
        let read = self.layout.track.scratch.read_blocks(1 << 16, |block| {
            if cancel.requested().is_some() {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            match limiter.as_mut() {
                Some(limiter) => {
                    clip_gains.apply(at, block, gain, &mut gained);
                    limiter.process(&gained, &mut out);
                }
                None => out.extend_from_slice(block),
            }
            at += block.len() as u64;
            emit(&mut out)
        });
        let read = read.and_then(|()| {
            if let Some(limiter) = limiter.as_mut() {
                limiter.finish(&mut out);
            }
            emit(&mut out)
        });
        if let Err(e) = read {
            return Err(match (cancel.requested(), failure) {
                (Some(signal), _) => StitchError::Cancelled(signal),
                (None, Some(f)) => failed(f),
                (None, None) => write_error(&stem, e),
            });
        }
        let files = writer.finish().map_err(failed)?;
        crate::timings::mark("mastering and encoding every format");
        let peak_db = (peak > 0.0).then(|| 20.0 * f64::from(peak).log10());
        Ok(Mastered {
            timeline,
            files,
            loudness: known
                .or_else(|| out_meter.as_ref().and_then(loudness::Meter::integrated))
                .zip(peak_db),
            tags,
        })
    }

    /// The one gain that brings the edition to its target and the limiter that holds its peaks
    /// (found by measuring, see [`gain_search`]). No gain and no limiter without a target.
    fn gain_and_limiter(&mut self) -> Result<Finish, StitchError> {
        let rate = self.mastering.sample_rate;
        let Some(target) = self.mastering.loudness else {
            return Ok(Finish {
                gain: 1.0,
                limiter: None,
                loudness: None,
            });
        };
        // Sample peaks held under the true-peak ceiling leave room for the peaks between
        // samples; a lossy encoder's ringing adds more. With a limiter that clipped, LAME rang
        // up to 3.7 dB past the master's peaks in joe's reading of the shared corpus; with the
        // limiter that does not (see `loudness::Limiter`), its MP3s of both samples by espeak
        // and joe came out at -1.5 to -2.3 dBTP with 3.2 dB of room, but one run of the loudness
        // matrix (2026-12-07) had joe's MP3 of the shared corpus at -0.9 dBTP: 3.5 dB now.
        let margin = if self.mastering.formats.any_lossy() {
            3.5
        } else {
            0.5
        };
        let ceiling = 10f32.powf((self.mastering.true_peak as f32 - margin) / 20.0);
        let Some(measured) = self.layout.track.meter.integrated() else {
            return Ok(Finish {
                gain: 1.0,
                limiter: Some(loudness::Limiter::new(ceiling, rate)),
                loudness: None,
            });
        };
        // Each voice is brought to the main voice's level first (see `voice_levels`).
        self.clip_gains = self.layout.track.levels.gains();
        let measured = self.clip_gains.reference.unwrap_or(measured);
        let start_db = (target - measured).min(30.0);
        let mut probe = gain_search::Probe {
            scratch: &mut self.layout.track.scratch,
            clip_gains: &self.clip_gains,
            rate,
            ceiling,
        };
        let found = gain_search::find(&mut probe, start_db, target)
            .map_err(|e| write_error(&self.stem, e))?;
        let (gain_db, known) = (found.gain_db, found.loudness);
        Ok(Finish {
            gain: 10f32.powf(gain_db as f32 / 20.0),
            limiter: Some(loudness::Limiter::new(ceiling, rate)),
            loudness: known,
        })
    }
}

/// How the second pass finishes the edition: its gain, its limiter, and the loudness that gain
/// and limiter reach when the gain search measured it.
struct Finish {
    gain: f32,
    limiter: Option<loudness::Limiter>,
    loudness: Option<f64>,
}

fn write_error(path: &Path, source: std::io::Error) -> StitchError {
    if crate::atomic::is_disk_full(&source) {
        return StitchError::DiskFull {
            folder: path.parent().unwrap_or(path).display().to_string(),
            source,
        };
    }
    StitchError::Write {
        path: path.display().to_string(),
        source,
    }
}
