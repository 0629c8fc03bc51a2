//! Outputs: every file a build writes, known in one place.
//!
//! Audio goes through [`AudioSink`]s, one per file and one file per format: [`wav`] (hound, with
//! `cue `/`LIST` chapters appended, and [`rf64`] past 4 GiB), [`mp3`] (LAME, ID3 chapters),
//! [`m4b`] (AAC in MP4 through FFmpeg's libraries, behind the `m4b` feature) and [`opus`] (Ogg
//! Opus). [`FORMATS`] is the one list of them: **adding a format is its sink file and one line
//! of that list** (plus its bit-rate option on the command line, if it has one). The mastered
//! stream reaches every sink through one [`EditionWriter`], which also feeds the chapter
//! splitter ([`split`]) built on the same sinks; each file is encoded on a thread of its own, so
//! the formats share the cores.
//!
//! Sidecars (chapters JSON, VTT, SRT, FFMETADATA, CUE, Audacity labels, the timed script) are
//! the table [`sidecars::SIDECARS`], each a function of one [`Published`] edition. What a sink
//! or a sidecar is told about the edition is [`Tags`]; covers are checked by content
//! ([`cover`]).

pub mod cover;
#[cfg(feature = "m4b")]
pub mod m4b;
pub mod mp3;
pub mod opus;
mod opus_codec;
pub mod rf64;
pub mod riff_markers;
pub mod sidecars;
pub mod split;
pub mod tags;
pub mod wav;
mod writer;

pub use cover::{Cover, CoverError};
pub use tags::{ChapterMark, Tags};
pub use writer::{EditionWriter, WriteFailure};

use crate::model::{Script, Timeline};
use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::Path;

/// One audio file being written: mastered mono samples in `-1.0..=1.0` at the edition's rate go
/// in, block by block; `finish` completes the file (its chapters and tags were given when it
/// was opened, since some formats put them first). Sinks are `Send`: each file of an edition is
/// written on a thread of its own.
pub trait AudioSink: Send {
    fn write(&mut self, samples: &[f32]) -> io::Result<()>;
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// What a sink is opened with.
pub struct SinkTarget<'a> {
    /// Where to write (a temporary name; the caller renames it into place).
    pub path: &'a Path,
    /// The rate of the samples that will be written.
    pub sample_rate: u32,
    /// Samples that will be written in all (a sink may rely on it, as WAV does for RF64).
    pub total_samples: u64,
    /// The bit rate in kbit/s, for formats that have one.
    pub kbps: Option<u32>,
    pub tags: &'a Tags,
    /// The level the edition was mastered to, for formats that can correct their own after
    /// encoding (Opus, through its header's output gain).
    pub level: Option<Level>,
}

/// A mastering target: integrated loudness and the highest true peak.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Level {
    pub lufs: f64,
    pub true_peak: f64,
}

/// A format's bit rate: its default and which values it takes at a sample rate.
pub struct BitrateRule {
    pub default: u32,
    /// `Err` says why `kbps` cannot be used at `sample_rate`.
    pub check: fn(kbps: u32, sample_rate: u32) -> Result<(), String>,
}

/// One audio format: its name on the command line, its file, and how to open its sink.
pub struct FormatSpec {
    pub name: &'static str,
    pub extension: &'static str,
    pub mime: &'static str,
    /// Lossy formats ring past the samples' peaks, so mastering leaves them more headroom.
    pub lossy: bool,
    pub bitrate: Option<BitrateRule>,
    /// `Err` says why the format cannot be written at this sample rate.
    pub check_rate: fn(sample_rate: u32) -> Result<(), String>,
    pub open: fn(&SinkTarget) -> io::Result<Box<dyn AudioSink>>,
}

/// Every audio format voxpress writes, in the order a build writes them.
pub static FORMATS: &[&FormatSpec] = &[
    &wav::FORMAT,
    &mp3::FORMAT,
    #[cfg(feature = "m4b")]
    &m4b::FORMAT,
    &opus::FORMAT,
];

/// A format of [`FORMATS`], by name.
#[derive(Clone, Copy)]
pub struct Format(&'static FormatSpec);

impl Format {
    pub fn named(name: &str) -> Option<Format> {
        FORMATS
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .map(|f| Format(f))
    }

    /// The names of every format, for messages.
    pub fn names() -> String {
        let names: Vec<&str> = FORMATS.iter().map(|f| f.name).collect();
        names.join(", ")
    }

    /// The format whose files end in `extension`.
    pub fn by_extension(extension: &str) -> Option<Format> {
        FORMATS
            .iter()
            .find(|f| f.extension.eq_ignore_ascii_case(extension))
            .map(|f| Format(f))
    }
}

impl std::ops::Deref for Format {
    type Target = FormatSpec;
    fn deref(&self) -> &FormatSpec {
        self.0
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Format) -> bool {
        self.0.name == other.0.name
    }
}

impl fmt::Debug for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(text: &str) -> Result<Format, String> {
        Format::named(text.trim()).ok_or_else(|| {
            let hint = if text.trim().eq_ignore_ascii_case("m4b") {
                " (this voxpress was built without the m4b feature)"
            } else {
                ""
            };
            format!(
                "'{text}' is not an audio format{hint}; give one or more of {}",
                Format::names()
            )
        })
    }
}

/// The formats of a build: a set in the order of [`FORMATS`], with each format's bit rate.
#[derive(Debug, Clone, PartialEq)]
pub struct Formats {
    formats: Vec<Format>,
    /// Format name -> kbit/s, for the formats given a bit rate other than their default.
    bitrates: BTreeMap<&'static str, u32>,
}

impl Default for Formats {
    /// WAV only.
    fn default() -> Formats {
        Formats::of(&[Format(&wav::FORMAT)])
    }
}

impl Formats {
    /// `formats` as a set, in the order of [`FORMATS`].
    pub fn of(formats: &[Format]) -> Formats {
        let formats = FORMATS
            .iter()
            .map(|f| Format(f))
            .filter(|f| formats.contains(f))
            .collect();
        Formats {
            formats,
            bitrates: BTreeMap::new(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Format> + '_ {
        self.formats.iter().copied()
    }

    /// Any lossy format among them.
    pub fn any_lossy(&self) -> bool {
        self.formats.iter().any(|f| f.lossy)
    }

    /// Sets `format`'s bit rate.
    pub fn set_bitrate(&mut self, format: &str, kbps: u32) {
        if let Some(f) = Format::named(format) {
            self.bitrates.insert(f.name, kbps);
        }
    }

    /// The bit rate `format` is written at, for formats that have one.
    pub fn bitrate(&self, format: Format) -> Option<u32> {
        let rule = format.bitrate.as_ref()?;
        Some(
            self.bitrates
                .get(format.name)
                .copied()
                .unwrap_or(rule.default),
        )
    }

    /// Why these formats cannot be written at `sample_rate` with their bit rates, if they cannot.
    pub fn check(&self, sample_rate: u32) -> Result<(), String> {
        for format in self.iter() {
            (format.check_rate)(sample_rate)
                .map_err(|why| format!("--sample-rate {sample_rate}: {why}"))?;
            if let (Some(rule), Some(kbps)) = (&format.bitrate, self.bitrate(format)) {
                (rule.check)(kbps, sample_rate)
                    .map_err(|why| format!("--{}-bitrate {kbps}: {why}", format.name))?;
            }
        }
        Ok(())
    }
}

/// The finished edition, as every sidecar sees it.
pub struct Published<'a> {
    pub script: &'a Script,
    pub timeline: &'a Timeline,
    pub tags: &'a Tags,
    /// The output file stem ("harbor-strike").
    pub stem: &'a str,
    /// The audio files' names, in the order they were written.
    pub audio: &'a [String],
    /// Whether the read-along page was asked for.
    pub page: bool,
}

/// `Err` unless `kbps` is within `range`, naming the format and what speech needs.
pub(crate) fn kbps_within(
    kbps: u32,
    range: std::ops::RangeInclusive<u32>,
    format: &str,
    clear_from: u32,
) -> Result<(), String> {
    if range.contains(&kbps) {
        return Ok(());
    }
    Err(format!(
        "an {format} bit rate is {} to {} kbit/s (speech is clear from {clear_from})",
        range.start(),
        range.end()
    ))
}

/// Rates at which MP3 and AAC frames can be made.
pub(crate) const MPEG_RATES: &[u32] = &[
    8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000,
];

/// `Err` unless `rate` is one of `rates`, naming the format.
pub(crate) fn rate_among(rate: u32, rates: &[u32], format: &str) -> Result<(), String> {
    if rates.contains(&rate) {
        return Ok(());
    }
    let list: Vec<String> = rates.iter().map(u32::to_string).collect();
    Err(format!(
        "{format} cannot be made at {rate} Hz; give one of {}",
        list.join(", ")
    ))
}
