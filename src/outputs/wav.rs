//! WAV: 16-bit mono PCM written by `hound::WavWriter`, with the chapters appended after hound has
//! finished the file as `cue ` and `LIST`/`adtl` chunks ([`super::riff_markers`]), the RIFF size
//! then corrected. Where hound cannot go, past the 4 GiB a RIFF size can count, the file is
//! written as RF64 by [`super::rf64`] instead.
//!
//! Invariants: hound reads every file this writes; a file is RF64 exactly when a 32-bit size
//! cannot hold it; the chapter chunks follow the `data` chunk, so readers that know nothing of
//! them still find the audio.

use super::{rf64, riff_markers, AudioSink, FormatSpec, SinkTarget};
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

pub static FORMAT: FormatSpec = FormatSpec {
    name: "wav",
    extension: "wav",
    mime: "audio/wav",
    lossy: false,
    bitrate: None,
    check_rate: |rate| {
        if (8_000..=192_000).contains(&rate) {
            Ok(())
        } else {
            Err(format!(
                "WAV is written at 8000 to 192000 Hz, not {rate} Hz"
            ))
        }
    },
    open,
};

/// Size of hound's header for 16-bit mono (`RIFF`, `fmt `, `data`).
const HOUND_HEADER: u64 = 44;

fn open(target: &SinkTarget) -> io::Result<Box<dyn AudioSink>> {
    open_with_limit(target, u64::from(u32::MAX))
}

/// As the format's `open`, switching to RF64 when the RIFF size would pass `limit` (for tests of
/// RF64 without writing 4 GiB).
pub fn open_with_limit(target: &SinkTarget, limit: u64) -> io::Result<Box<dyn AudioSink>> {
    let markers: Vec<(u64, &str)> = target
        .tags
        .chapters
        .iter()
        .map(|c| (c.start, c.title.as_str()))
        .collect();
    let trailer = if markers.is_empty() {
        Vec::new()
    } else {
        riff_markers::chunks(&markers)
    };
    let riff_size = HOUND_HEADER - 8 + target.total_samples * 2 + trailer.len() as u64;
    if riff_size > limit {
        let mut sink = rf64::Rf64Sink::create_with_limit(target.path, target.sample_rate, limit)?;
        sink.set_trailer(trailer);
        return Ok(Box::new(sink));
    }
    Ok(Box::new(WavSink::create(
        target.path,
        target.sample_rate,
        trailer,
    )?))
}

/// A WAV written by hound, then given its chapter chunks.
pub struct WavSink {
    writer: hound::WavWriter<BufWriter<File>>,
    path: PathBuf,
    trailer: Vec<u8>,
}

fn hound_error(e: hound::Error) -> io::Error {
    match e {
        hound::Error::IoError(e) => e,
        other => io::Error::other(format!("hound: {other}")),
    }
}

impl WavSink {
    /// A sink writing `path`, with `trailer` (RIFF chunks) appended when finished.
    pub fn create(path: &Path, sample_rate: u32, trailer: Vec<u8>) -> io::Result<WavSink> {
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let file = BufWriter::with_capacity(1 << 16, File::create(path)?);
        let writer = hound::WavWriter::new(file, spec).map_err(hound_error)?;
        Ok(WavSink {
            writer,
            path: path.to_path_buf(),
            trailer,
        })
    }
}

impl AudioSink for WavSink {
    fn write(&mut self, samples: &[f32]) -> io::Result<()> {
        for block in samples.chunks(1 << 16) {
            let mut out = self.writer.get_i16_writer(block.len() as u32);
            for &s in block {
                out.write_sample(to_i16(s));
            }
            out.flush().map_err(hound_error)?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        let WavSink {
            writer,
            path,
            trailer,
        } = *self;
        writer.finalize().map_err(hound_error)?;
        let mut file = OpenOptions::new().read(true).write(true).open(&path)?;
        let end = file.seek(SeekFrom::End(0))?;
        if !trailer.is_empty() {
            file.write_all(&trailer)?;
            let riff_size = end + trailer.len() as u64 - 8;
            file.seek(SeekFrom::Start(4))?;
            file.write_all(&(riff_size as u32).to_le_bytes())?;
        }
        file.sync_all()
    }
}

/// Converts a float sample to 16 bits, clamping to the valid range.
pub fn to_i16(s: f32) -> i16 {
    (s.clamp(-1.0, 1.0) * 32767.0).round() as i16
}

/// A WAV or RF64 file read back as mono samples: hound for WAV, our own reader for RF64.
pub fn read(path: &Path) -> io::Result<(u32, Vec<f32>)> {
    let mut head = Vec::with_capacity(4);
    std::io::Read::read_to_end(&mut std::io::Read::take(File::open(path)?, 4), &mut head)?;
    if head == b"RF64" {
        return rf64::read(path);
    }
    let mut reader = hound::WavReader::open(path).map_err(hound_error)?;
    let spec = reader.spec();
    let channels = usize::from(spec.channels.max(1));
    let samples: Vec<f32> = match spec.sample_format {
        hound::SampleFormat::Float => reader
            .samples::<f32>()
            .collect::<Result<_, _>>()
            .map_err(hound_error)?,
        hound::SampleFormat::Int => {
            let scale = 1.0 / (1u64 << (spec.bits_per_sample.max(1) - 1)) as f32;
            reader
                .samples::<i32>()
                .map(|s| s.map(|s| s as f32 * scale))
                .collect::<Result<_, _>>()
                .map_err(hound_error)?
        }
    };
    let mono = samples
        .chunks(channels)
        .map(|frame| frame.iter().sum::<f32>() / channels as f32)
        .collect();
    Ok((spec.sample_rate, mono))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outputs::{ChapterMark, Tags};

    fn target<'a>(path: &'a Path, tags: &'a Tags, total: u64) -> SinkTarget<'a> {
        SinkTarget {
            path,
            sample_rate: 16_000,
            total_samples: total,
            kbps: None,
            tags,
            level: None,
        }
    }

    #[test]
    fn hound_reads_back_the_samples_and_the_chapters_follow_the_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.wav");
        let tags = Tags {
            chapters: vec![ChapterMark {
                start: 0,
                end: 3,
                title: "One".into(),
            }],
            ..Tags::default()
        };
        let mut sink = open(&target(&path, &tags, 3)).unwrap();
        sink.write(&[0.0, 0.5, -0.5]).unwrap();
        sink.finish().unwrap();
        let mut reader = hound::WavReader::open(&path).unwrap();
        let samples: Vec<i16> = reader.samples::<i16>().map(Result::unwrap).collect();
        assert_eq!(samples, [0, 16384, -16384]);
        let bytes = std::fs::read(&path).unwrap();
        let riff = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
        assert_eq!(riff + 8, bytes.len());
        assert_eq!(
            crate::outputs::riff_markers::read(&bytes),
            [(0, "One".to_string())]
        );
    }

    #[test]
    fn past_the_limit_the_file_is_rf64_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.wav");
        let tags = Tags::default();
        let mut sink = open_with_limit(&target(&path, &tags, 1000), 100).unwrap();
        sink.write(&[0.25; 1000]).unwrap();
        sink.finish().unwrap();
        assert_eq!(&std::fs::read(&path).unwrap()[0..4], b"RF64");
        let (rate, samples) = read(&path).unwrap();
        assert_eq!((rate, samples.len()), (16_000, 1000));
        assert!((samples[999] - 0.25).abs() < 1e-3);
    }
}
