//! A streaming 16-bit mono WAV writer that appends chapter chunks after the data and turns into
//! RF64 (EBU Tech 3306) when the file outgrows the 4 GiB a RIFF size can count.
//!
//! Layout: `RIFF`/`WAVE`, a 28-byte `JUNK` chunk kept free for a `ds64` chunk, `fmt `, `data`,
//! then `cue ` and `LIST`/`adtl` ([`super::cue`]). Invariants: the sizes in the header are written
//! last, once the data is complete; a file is RF64 exactly when a 32-bit size cannot hold it, and
//! then every 32-bit size it carries is `0xFFFFFFFF` with the true sizes in `ds64`.

use super::cue;
use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::Path;

/// Where the 28-byte `JUNK` body (the future `ds64`) starts.
const DS64_AT: u64 = 20;
/// Where the `data` chunk's size is.
const DATA_SIZE_AT: u64 = 12 + 36 + 24 + 4;

pub struct WavSink {
    file: BufWriter<File>,
    data_bytes: u64,
    limit: u64,
}

impl WavSink {
    pub fn create(path: &Path, sample_rate: u32) -> io::Result<WavSink> {
        WavSink::create_with_limit(path, sample_rate, u64::from(u32::MAX))
    }

    /// As [`WavSink::create`], switching to RF64 past `limit` bytes (for tests of RF64 without
    /// writing 4 GiB).
    pub fn create_with_limit(path: &Path, sample_rate: u32, limit: u64) -> io::Result<WavSink> {
        let mut file = BufWriter::new(File::create(path)?);
        let mut header = Vec::with_capacity(80);
        header.extend_from_slice(b"RIFF\0\0\0\0WAVE");
        header.extend_from_slice(b"JUNK");
        header.extend_from_slice(&28u32.to_le_bytes());
        header.extend_from_slice(&[0u8; 28]);
        header.extend_from_slice(b"fmt ");
        header.extend_from_slice(&16u32.to_le_bytes());
        header.extend_from_slice(&1u16.to_le_bytes()); // PCM
        header.extend_from_slice(&1u16.to_le_bytes()); // mono
        header.extend_from_slice(&sample_rate.to_le_bytes());
        header.extend_from_slice(&(sample_rate * 2).to_le_bytes());
        header.extend_from_slice(&2u16.to_le_bytes());
        header.extend_from_slice(&16u16.to_le_bytes());
        header.extend_from_slice(b"data\0\0\0\0");
        debug_assert_eq!(header.len() as u64, DATA_SIZE_AT + 4);
        file.write_all(&header)?;
        Ok(WavSink {
            file,
            data_bytes: 0,
            limit,
        })
    }

    /// Appends samples in `-1.0..=1.0`, clamping anything outside.
    pub fn samples(&mut self, samples: &[f32]) -> io::Result<()> {
        let mut bytes = Vec::with_capacity(samples.len() * 2);
        for &s in samples {
            bytes.extend_from_slice(&to_i16(s).to_le_bytes());
        }
        self.file.write_all(&bytes)?;
        self.data_bytes += bytes.len() as u64;
        Ok(())
    }

    /// Appends `count` samples of silence.
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

    /// Appends `cue ` and `LIST`/`adtl` chunks for `markers` (sample offset, title), then writes
    /// the sizes: plain RIFF when they fit, RF64 when they do not.
    pub fn finish(mut self, markers: &[(u64, &str)]) -> io::Result<()> {
        if !markers.is_empty() {
            self.file.write_all(&cue::chunks(markers))?;
        }
        let end = self.file.stream_position()?;
        let riff_size = end - 8;
        let rf64 = riff_size > self.limit || self.data_bytes > self.limit;
        let mut inner = self.file.into_inner().map_err(|e| e.into_error())?;
        let mut put = |at: u64, bytes: &[u8]| -> io::Result<()> {
            inner.seek(SeekFrom::Start(at))?;
            inner.write_all(bytes)
        };
        if rf64 {
            put(0, b"RF64")?;
            put(4, &u32::MAX.to_le_bytes())?;
            let mut ds64 = b"ds64".to_vec();
            ds64.extend_from_slice(&28u32.to_le_bytes());
            ds64.extend_from_slice(&riff_size.to_le_bytes());
            ds64.extend_from_slice(&self.data_bytes.to_le_bytes());
            ds64.extend_from_slice(&(self.data_bytes / 2).to_le_bytes());
            ds64.extend_from_slice(&0u32.to_le_bytes());
            put(DS64_AT - 8, &ds64)?;
            put(DATA_SIZE_AT, &u32::MAX.to_le_bytes())?;
        } else {
            put(4, &(riff_size as u32).to_le_bytes())?;
            put(DATA_SIZE_AT, &(self.data_bytes as u32).to_le_bytes())?;
        }
        inner.sync_all()
    }
}

/// Converts a float sample to 16 bits, clamping to the valid range.
pub fn to_i16(s: f32) -> i16 {
    (s.clamp(-1.0, 1.0) * 32767.0).round() as i16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_file_is_plain_riff_that_hound_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.wav");
        let mut sink = WavSink::create(&path, 16_000).unwrap();
        sink.samples(&[0.0, 0.5, -0.5]).unwrap();
        sink.finish(&[(0, "One")]).unwrap();
        let mut reader = hound::WavReader::open(&path).unwrap();
        let samples: Vec<i16> = reader.samples::<i16>().map(Result::unwrap).collect();
        assert_eq!(samples, [0, 16384, -16384]);
    }

    #[test]
    fn past_the_limit_the_file_becomes_rf64_with_true_sizes_in_ds64() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.wav");
        let mut sink = WavSink::create_with_limit(&path, 16_000, 100).unwrap();
        sink.silence(1000).unwrap();
        sink.finish(&[]).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[0..4], b"RF64");
        assert_eq!(&bytes[12..16], b"ds64");
        let data = u64::from_le_bytes(bytes[28..36].try_into().unwrap());
        assert_eq!(data, 2000);
        assert_eq!(&bytes[76..80], &u32::MAX.to_le_bytes());
    }
}
