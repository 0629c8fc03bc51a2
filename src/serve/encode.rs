//! The server's answers in each format: WAV, MP3 and Opus through the same sinks a build writes
//! with (into a temporary file, then sent whole with its length), FLAC through the flacenc crate,
//! and raw PCM (16-bit little-endian mono at 24 kHz, as OpenAI's `pcm` is), which is streamed as
//! each chunk is spoken.

use crate::outputs::{Format, SinkTarget, Tags};
use crate::stitch::resample::StreamResample;

/// The rate of raw PCM answers.
pub const PCM_RATE: u32 = 24_000;

/// The MIME type of a format's answer.
pub fn mime(format: &str) -> &'static str {
    match format {
        "wav" => "audio/wav",
        "mp3" => "audio/mpeg",
        "opus" => "audio/ogg",
        "flac" => "audio/flac",
        _ => "audio/pcm",
    }
}

/// `samples` at `rate` as a whole file in `format` (not `pcm`).
pub fn whole(format: &str, samples: &[f32], rate: u32, voice: &str) -> Result<Vec<u8>, String> {
    if format == "flac" {
        return flac(samples, rate);
    }
    let spec = Format::named(format).ok_or_else(|| format!("no {format} encoder"))?;
    let temp = tempfile_path(format);
    let tags = Tags {
        title: "voxpress speech".into(),
        voices: vec![voice.to_string()],
        sample_rate: rate,
        ..Tags::default()
    };
    let target = SinkTarget {
        path: &temp,
        sample_rate: rate,
        total_samples: samples.len() as u64,
        kbps: spec.bitrate.as_ref().map(|b| b.default),
        tags: &tags,
        level: None,
    };
    let written = (|| -> std::io::Result<Vec<u8>> {
        let mut sink = (spec.open)(&target)?;
        sink.write(samples)?;
        sink.finish()?;
        std::fs::read(&temp)
    })();
    let _ = std::fs::remove_file(&temp);
    written.map_err(|e| e.to_string())
}

fn tempfile_path(format: &str) -> std::path::PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    std::env::temp_dir().join(format!(
        "voxpress-serve-{}-{}.{format}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ))
}

fn to_i16(sample: f32) -> i16 {
    (sample.clamp(-1.0, 1.0) * 32767.0).round() as i16
}

/// FLAC through flacenc. ffmpeg, ffprobe and libFLAC read its streams; symphonia 0.5 does not
/// (it stops at the first frame), so a voxpress remote voice asks for `wav`, the default.
fn flac(samples: &[f32], rate: u32) -> Result<Vec<u8>, String> {
    use flacenc::component::BitRepr;
    use flacenc::error::Verify;
    let ints: Vec<i32> = samples.iter().map(|&s| i32::from(to_i16(s))).collect();
    let config = flacenc::config::Encoder::default()
        .into_verified()
        .map_err(|e| format!("{e:?}"))?;
    let source = flacenc::source::MemSource::from_samples(&ints, 1, 16, rate as usize);
    let stream = flacenc::encode_with_fixed_block_size(&config, source, config.block_size)
        .map_err(|e| format!("{e:?}"))?;
    let mut sink = flacenc::bitsink::ByteSink::new();
    stream.write(&mut sink).map_err(|e| format!("{e:?}"))?;
    Ok(sink.as_slice().to_vec())
}

/// Raw PCM, resampled to [`PCM_RATE`] as the samples come.
pub struct PcmStream {
    resample: Option<StreamResample>,
    out: Vec<f32>,
}

impl PcmStream {
    pub fn new(rate: u32) -> PcmStream {
        PcmStream {
            resample: (rate != PCM_RATE).then(|| StreamResample::new(rate, PCM_RATE)),
            out: Vec::new(),
        }
    }

    /// The bytes of `samples`.
    pub fn push(&mut self, samples: &[f32]) -> Vec<u8> {
        self.out.clear();
        match self.resample.as_mut() {
            Some(r) => r.push(samples, &mut self.out),
            None => self.out.extend_from_slice(samples),
        }
        bytes(&self.out)
    }

    /// The bytes still held by the resampler.
    pub fn finish(&mut self) -> Vec<u8> {
        self.out.clear();
        if let Some(r) = self.resample.as_mut() {
            r.finish(&mut self.out);
        }
        bytes(&self.out)
    }
}

fn bytes(samples: &[f32]) -> Vec<u8> {
    samples
        .iter()
        .flat_map(|&s| to_i16(s).to_le_bytes())
        .collect()
}
