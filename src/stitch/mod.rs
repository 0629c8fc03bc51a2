//! Stitch and master: rendered clips and pauses become the finished edition (WAV and MP3 with
//! chapters), plus sidecars.
//!
//! Two passes keep memory flat however long the edition. The first, as clips arrive in script
//! order: each clip's seams are trimmed and faded ([`seams`]), it is resampled to the edition's
//! rate ([`resample`]), measured ([`loudness::Meter`]) and written with its chunk's pause to a
//! scratch file ([`scratch`]); chapter and chunk positions are the real sample offsets. The
//! second, at [`Stitcher::finish`]: one gain brings the whole to the target loudness, a
//! look-ahead limiter holds the peaks under the ceiling ([`loudness`]), and the result streams
//! into a temporary WAV ([`wav`], `cue `/`labl` chapters from [`cue`]) and MP3 ([`mp3`], ID3
//! CHAP/CTOC chapters), each renamed into place when complete. [`sidecars`], [`transcript`] and
//! [`chapter_files`] render the JSON chapters, the timed script, VTT/SRT, FFMETADATA, a CUE sheet
//! and Audacity labels.

pub mod chapter_files;
pub mod cue;
pub mod loudness;
pub mod mp3;
pub mod music;
pub mod resample;
pub mod scratch;
pub mod seams;
pub mod sidecars;
pub mod split;
pub mod transcript;
pub mod wav;

use crate::atomic::AtomicFile;
use crate::cancel::Cancel;
use crate::model::{Chunk, Clip, Script, TimedChapter, TimedChunk, Timeline};
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
    pub wav: bool,
    pub mp3: bool,
    /// The MP3's constant bit rate in kbit/s (mono), one of [`mp3::KBPS`].
    pub mp3_kbps: u32,
    /// Also one file per chapter, in the folder `STEM-chapters/`.
    pub split_chapters: bool,
}

impl Default for Mastering {
    /// 44,100 Hz (what podcast hosts ask for), -16 LUFS, -1 dBTP, WAV only.
    fn default() -> Self {
        Mastering {
            sample_rate: 44_100,
            loudness: Some(-16.0),
            true_peak: -1.0,
            wav: true,
            mp3: false,
            mp3_kbps: 64,
            split_chapters: false,
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
    /// Cover art (JPEG or PNG).
    pub cover: Option<PathBuf>,
}

/// What mastering did and made.
#[derive(Debug, Clone, PartialEq)]
pub struct Mastered {
    pub timeline: Timeline,
    /// Files written, in order: WAV then MP3.
    pub files: Vec<PathBuf>,
    /// Integrated loudness (LUFS) and sample peak (dBFS) of the finished audio, when measurable.
    pub loudness: Option<(f64, f64)>,
}

pub struct Stitcher {
    stem: PathBuf,
    mastering: Mastering,
    voice_rate: u32,
    resample: resample::Resample,
    scratch: scratch::Scratch,
    meter: loudness::Meter,
    position: u64,
    chunks: Vec<TimedChunk>,
    /// Chapters that are not the script's (intro, outro): start sample and title.
    extra_chapters: Vec<(u64, String)>,
    /// Where the chapter of a chunk starts when music leads into it: chunk index -> sample.
    leads: std::collections::BTreeMap<usize, u64>,
}

impl Stitcher {
    /// A stitcher for `stem` (the output path without extension) of clips at `voice_rate`.
    pub fn create(
        stem: &Path,
        voice_rate: u32,
        mastering: Mastering,
    ) -> Result<Stitcher, StitchError> {
        let scratch = scratch::Scratch::create(stem).map_err(|source| write_error(stem, source))?;
        Ok(Stitcher {
            stem: stem.to_path_buf(),
            resample: resample::Resample::new(voice_rate, mastering.sample_rate),
            meter: loudness::Meter::new(mastering.sample_rate),
            mastering,
            voice_rate,
            scratch,
            position: 0,
            chunks: Vec::new(),
            extra_chapters: Vec::new(),
            leads: Default::default(),
        })
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
        let rate = self.mastering.sample_rate;
        let music = resample::Resample::new(music_rate, rate).clip(music);
        let voice = voice.map(|mut v| {
            seams::trim_and_fade(&mut v, self.voice_rate);
            resample::Resample::new(self.voice_rate, rate).clip(v)
        });
        let mut mixed = music::bed(&music, voice.as_deref(), rate);
        seams::fade(&mut mixed, rate);
        match chapter {
            Some(title) => self.extra_chapters.push((self.position, title.to_string())),
            None => {
                self.leads.insert(self.chunks.len(), self.position);
            }
        }
        self.append(&mixed, pause_ms)
    }

    /// Writes `sound` and `pause_ms` of silence to the scratch file, measures both and moves the
    /// position past them.
    fn append(&mut self, sound: &[f32], pause_ms: u32) -> Result<(), StitchError> {
        let pause = u64::from(pause_ms) * u64::from(self.mastering.sample_rate) / 1000;
        let silence = vec![0.0f32; pause as usize];
        let io = |e| write_error(&self.stem, e);
        self.scratch.append(sound).map_err(io)?;
        self.scratch.append(&silence).map_err(io)?;
        self.meter.add(sound);
        self.meter.add(&silence);
        self.position += sound.len() as u64 + pause;
        Ok(())
    }

    /// Appends the clip of `chunk`, seams trimmed and faded, followed by the chunk's pause.
    pub fn push(&mut self, chunk: &Chunk, clip: &Clip) -> Result<(), StitchError> {
        if chunk.index != self.chunks.len() {
            return Err(StitchError::OutOfOrder {
                expected: self.chunks.len(),
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
        let rate = self.mastering.sample_rate;
        let mut samples = clip.samples.clone();
        seams::trim_and_fade(&mut samples, self.voice_rate);
        let mut samples = self.resample.clip(samples);
        if rate != self.voice_rate {
            // The resampler's ringing may lift the ends off zero; bring them back to rest.
            seams::fade(&mut samples, rate);
        }
        let start = self.position;
        let end = start + samples.len() as u64;
        self.append(&samples, chunk.pause_ms)?;
        self.chunks.push(TimedChunk {
            start_sample: start,
            end_sample: end,
        });
        Ok(())
    }

    /// The second pass: gain and limiter, then the WAV and MP3 with their chapters, each
    /// renamed into place when complete.
    /// Stops early, with [`StitchError::Cancelled`], when `cancel` is set.
    pub fn finish(
        mut self,
        script: &Script,
        metadata: &Metadata,
        cancel: &Cancel,
    ) -> Result<Mastered, StitchError> {
        let rate = self.mastering.sample_rate;
        let mut chapters: Vec<TimedChapter> = script
            .chapters
            .iter()
            .map(|c| TimedChapter {
                title: c.title.clone(),
                start_sample: self.leads.get(&c.first_chunk).copied().unwrap_or_else(|| {
                    self.chunks
                        .get(c.first_chunk)
                        .map_or(self.position, |t| t.start_sample)
                }),
            })
            .collect();
        chapters.extend(
            self.extra_chapters
                .drain(..)
                .map(|(start, title)| TimedChapter {
                    title,
                    start_sample: start,
                }),
        );
        chapters.sort_by_key(|c| c.start_sample);
        let timeline = Timeline {
            sample_rate: rate,
            total_samples: self.position,
            chapters,
            chunks: std::mem::take(&mut self.chunks),
        };
        // Sample peaks held half a decibel under the true-peak ceiling leave room for the peaks
        // between samples.
        // An MP3 encoder's ringing adds up to about a decibel more, so with MP3 the margin grows.
        let margin = if self.mastering.mp3 { 1.5 } else { 0.5 };
        let ceiling = 10f32.powf((self.mastering.true_peak as f32 - margin) / 20.0);
        let (gain, mut limiter) = match self.mastering.loudness {
            Some(target) => {
                let mut gain = loudness::gain_for(target, self.meter.integrated());
                // Limiting takes some loudness away: measure once what the limited audio
                // reaches, reading the scratch file again (never holding it in memory), and make
                // up the difference.
                let reached = self
                    .limited_loudness(gain, ceiling)
                    .map_err(|e| write_error(&self.stem, e))?;
                if let Some(lufs) = reached.filter(|l| (target - l).abs() > 0.1) {
                    // More gain means more limiting too: make up a little more than the shortfall.
                    gain *= 10f32.powf(1.4 * (target - lufs) as f32 / 20.0);
                }
                (gain, Some(loudness::Limiter::new(ceiling, rate)))
            }
            None => (1.0, None),
        };
        let wav_path = self.stem.with_extension("wav");
        let mp3_path = self.stem.with_extension("mp3");
        let mut wav_file = self.mastering.wav.then(|| AtomicFile::new(&wav_path));
        let mut mp3_file = self.mastering.mp3.then(|| AtomicFile::new(&mp3_path));
        let mut wav_sink = match &wav_file {
            Some(f) => Some(
                wav::WavSink::create(f.temp_path(), rate).map_err(|e| write_error(&wav_path, e))?,
            ),
            None => None,
        };
        let mut mp3_sink = match &mp3_file {
            Some(f) => {
                let tag = mp3::id3_tag(&tag_info(metadata, &timeline))
                    .map_err(|e| write_error(&mp3_path, e))?;
                Some(
                    mp3::Mp3Sink::create(f.temp_path(), rate, self.mastering.mp3_kbps, &tag)
                        .map_err(|e| write_error(&mp3_path, e))?,
                )
            }
            None => None,
        };
        let mut splitter = if self.mastering.split_chapters {
            let name = self
                .stem
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            let dir = self
                .stem
                .with_file_name(format!("{}-chapters", name.unwrap_or_default()));
            Some(
                split::ChapterSplitter::new(
                    &dir,
                    &timeline,
                    rate,
                    (self.mastering.wav, self.mastering.mp3),
                    self.mastering.mp3_kbps,
                    tag_info(metadata, &timeline),
                )
                .map_err(|e| write_error(&dir, e))?,
            )
        } else {
            None
        };
        let mut out_meter = loudness::Meter::new(rate);
        let mut peak = 0.0f32;
        let mut out = Vec::with_capacity(1 << 16);
        let mut emit = |out: &mut Vec<f32>| -> std::io::Result<()> {
            out_meter.add(out);
            peak = out.iter().fold(peak, |p, s| p.max(s.abs()));
            if let Some(splitter) = splitter.as_mut() {
                splitter.feed(out)?;
            }
            if let Some(sink) = wav_sink.as_mut() {
                sink.samples(out)?;
            }
            if let Some(sink) = mp3_sink.as_mut() {
                sink.samples(out)?;
            }
            out.clear();
            Ok(())
        };
        let stem = self.stem.clone();
        self.scratch
            .read_blocks(1 << 16, |block| {
                if cancel.requested().is_some() {
                    return Err(std::io::ErrorKind::Interrupted.into());
                }
                match limiter.as_mut() {
                    Some(limiter) => {
                        let gained: Vec<f32> = block.iter().map(|s| s * gain).collect();
                        limiter.process(&gained, &mut out);
                    }
                    None => out.extend_from_slice(block),
                }
                emit(&mut out)
            })
            .map_err(|e| match cancel.requested() {
                Some(signal) => StitchError::Cancelled(signal),
                None => write_error(&stem, e),
            })?;
        if let Some(limiter) = limiter.as_mut() {
            limiter.finish(&mut out);
        }
        emit(&mut out).map_err(|e| write_error(&stem, e))?;
        let peak_db = (peak > 0.0).then(|| 20.0 * f64::from(peak).log10());
        let measured = out_meter.integrated().zip(peak_db);
        let mut files = Vec::new();
        let chapter_files = match splitter {
            Some(splitter) => splitter.finish().map_err(|e| write_error(&stem, e))?,
            None => Vec::new(),
        };
        if let (Some(sink), Some(file)) = (wav_sink, wav_file.take()) {
            let markers: Vec<(u64, &str)> = timeline
                .chapters
                .iter()
                .map(|c| (c.start_sample, c.title.as_str()))
                .collect();
            sink.finish(&markers)
                .map_err(|e| write_error(&wav_path, e))?;
            file.commit().map_err(|e| write_error(&wav_path, e))?;
            files.push(wav_path.clone());
        }
        if let (Some(sink), Some(file)) = (mp3_sink, mp3_file.take()) {
            sink.finish().map_err(|e| write_error(&mp3_path, e))?;
            file.commit().map_err(|e| write_error(&mp3_path, e))?;
            files.push(mp3_path.clone());
        }
        files.extend(chapter_files);
        Ok(Mastered {
            timeline,
            files,
            loudness: measured,
        })
    }
}

impl Stitcher {
    /// The integrated loudness the scratch audio would have with `gain` and the limiter.
    fn limited_loudness(&mut self, gain: f32, ceiling: f32) -> std::io::Result<Option<f64>> {
        let rate = self.mastering.sample_rate;
        let mut limiter = loudness::Limiter::new(ceiling, rate);
        let mut meter = loudness::Meter::new(rate);
        let mut out = Vec::with_capacity(1 << 16);
        self.scratch.read_blocks(1 << 16, |block| {
            let gained: Vec<f32> = block.iter().map(|s| s * gain).collect();
            limiter.process(&gained, &mut out);
            meter.add(&out);
            out.clear();
            Ok(())
        })?;
        limiter.finish(&mut out);
        meter.add(&out);
        Ok(meter.integrated())
    }
}

/// The MP3 tag's contents: metadata and chapters in milliseconds.
fn tag_info(metadata: &Metadata, timeline: &Timeline) -> mp3::TagInfo {
    let ms = |sample: u64| (timeline.seconds(sample) * 1000.0).round() as u32;
    mp3::TagInfo {
        title: metadata.title.clone(),
        author: metadata.author.clone(),
        date: metadata.date.clone(),
        description: metadata.description.clone(),
        cover: metadata.cover.clone(),
        chapters: timeline
            .chapter_spans()
            .into_iter()
            .map(|(start, end, title)| (ms(start), ms(end), title.to_string()))
            .collect(),
    }
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
