//! A streaming 16-bit mono WAV writer (hound) that can append chapter chunks after the data.

use super::cue;
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

pub struct WavSink {
    path: PathBuf,
    writer: hound::WavWriter<BufWriter<File>>,
}

impl WavSink {
    pub fn create(path: &Path, sample_rate: u32) -> io::Result<WavSink> {
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let writer = hound::WavWriter::create(path, spec).map_err(to_io)?;
        Ok(WavSink {
            path: path.to_path_buf(),
            writer,
        })
    }

    /// Appends samples in `-1.0..=1.0`, clamping anything outside.
    pub fn samples(&mut self, samples: &[f32]) -> io::Result<()> {
        let mut i16_writer = self.writer.get_i16_writer(samples.len() as u32);
        for &s in samples {
            i16_writer.write_sample(to_i16(s));
        }
        i16_writer.flush().map_err(to_io)
    }

    /// Appends `count` samples of silence, through the same buffered path as speech.
    pub fn silence(&mut self, count: u64) -> io::Result<()> {
        const ZEROS: [f32; 4096] = [0.0; 4096];
        let mut left = count;
        while left > 0 {
            let n = left.min(ZEROS.len() as u64) as usize;
            self.samples(&ZEROS[..n])?;
            left -= n as u64;
        }
        Ok(())
    }

    /// Finalizes the data chunk, then appends `cue ` and `LIST`/`adtl` chunks for `markers`
    /// (sample offset, title) and fixes the RIFF size.
    pub fn finish(self, markers: &[(u64, &str)]) -> io::Result<()> {
        self.writer.finalize().map_err(to_io)?;
        if markers.is_empty() {
            return Ok(());
        }
        let extra = cue::chunks(markers);
        let mut file = OpenOptions::new().read(true).write(true).open(&self.path)?;
        let end = file.seek(SeekFrom::End(0))?;
        file.write_all(&extra)?;
        let riff_size = u32::try_from(end + extra.len() as u64 - 8)
            .map_err(|_| io::Error::other("WAV over 4 GiB"))?;
        file.seek(SeekFrom::Start(4))?;
        file.write_all(&riff_size.to_le_bytes())?;
        let mut check = [0u8; 4];
        file.seek(SeekFrom::Start(0))?;
        file.read_exact(&mut check)?;
        if &check != b"RIFF" {
            return Err(io::Error::other("not a RIFF file"));
        }
        file.sync_all()
    }
}

/// Converts a float sample to 16 bits, clamping to the valid range.
pub fn to_i16(s: f32) -> i16 {
    (s.clamp(-1.0, 1.0) * 32767.0).round() as i16
}

fn to_io(e: hound::Error) -> io::Error {
    match e {
        hound::Error::IoError(e) => e,
        other => io::Error::other(other.to_string()),
    }
}
