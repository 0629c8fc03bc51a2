//! RF64 (EBU Tech 3306): WAV past the 4 GiB a RIFF size can count, where hound cannot go.
//!
//! Layout: `RIFF`/`WAVE`, a 28-byte `JUNK` chunk kept free for a `ds64` chunk, `fmt `, `data`,
//! then the chapter chunks ([`super::riff_markers`]). Invariants: the sizes in the header are
//! written last, once the data is complete; the file becomes RF64 exactly when a 32-bit size
//! cannot hold it (below that it stays plain RIFF, the `JUNK` chunk unused), and then every
//! 32-bit size it carries is `0xFFFFFFFF` with the true sizes in `ds64`.

use super::wav::to_i16;
use super::AudioSink;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

/// Where the 28-byte `JUNK` body (the future `ds64`) starts.
const DS64_AT: u64 = 20;
/// Where the `data` chunk's size is.
const DATA_SIZE_AT: u64 = 12 + 36 + 24 + 4;

pub struct Rf64Sink {
    file: BufWriter<File>,
    data_bytes: u64,
    limit: u64,
    trailer: Vec<u8>,
}

impl Rf64Sink {
    /// A sink at `sample_rate` that becomes RF64 past `limit` bytes.
    pub fn create_with_limit(path: &Path, sample_rate: u32, limit: u64) -> io::Result<Rf64Sink> {
        let mut file = BufWriter::with_capacity(1 << 16, File::create(path)?);
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
        Ok(Rf64Sink {
            file,
            data_bytes: 0,
            limit,
            trailer: Vec::new(),
        })
    }

    /// RIFF chunks to append after the data (the chapters).
    pub fn set_trailer(&mut self, trailer: Vec<u8>) {
        self.trailer = trailer;
    }
}

impl AudioSink for Rf64Sink {
    fn write(&mut self, samples: &[f32]) -> io::Result<()> {
        let mut bytes = Vec::with_capacity(samples.len() * 2);
        for &s in samples {
            bytes.extend_from_slice(&to_i16(s).to_le_bytes());
        }
        self.file.write_all(&bytes)?;
        self.data_bytes += bytes.len() as u64;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        let trailer = std::mem::take(&mut self.trailer);
        self.file.write_all(&trailer)?;
        let end = self.file.stream_position()?;
        let riff_size = end - 8;
        let rf64 = riff_size > self.limit || self.data_bytes > self.limit;
        let data_bytes = self.data_bytes;
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
            ds64.extend_from_slice(&data_bytes.to_le_bytes());
            ds64.extend_from_slice(&(data_bytes / 2).to_le_bytes());
            ds64.extend_from_slice(&0u32.to_le_bytes());
            put(DS64_AT - 8, &ds64)?;
            put(DATA_SIZE_AT, &u32::MAX.to_le_bytes())?;
        } else {
            put(4, &(riff_size as u32).to_le_bytes())?;
            put(DATA_SIZE_AT, &(data_bytes as u32).to_le_bytes())?;
        }
        inner.sync_all()
    }
}

/// A 16-bit mono RF64 file as written here, read back as samples.
pub fn read(path: &Path) -> io::Result<(u32, Vec<f32>)> {
    let bad = |what: &str| io::Error::new(io::ErrorKind::InvalidData, format!("RF64: {what}"));
    let mut file = BufReader::new(File::open(path)?);
    let mut header = [0u8; DATA_SIZE_AT as usize + 4];
    file.read_exact(&mut header)?;
    let le32 = |at: usize| u32::from_le_bytes(header[at..at + 4].try_into().unwrap_or([0; 4]));
    if &header[0..4] != b"RF64" || &header[12..16] != b"ds64" || &header[48..52] != b"fmt " {
        return Err(bad("not an RF64 file as voxpress writes them"));
    }
    let (channels, bits) = (
        u16::from_le_bytes([header[58], header[59]]),
        u16::from_le_bytes([header[70], header[71]]),
    );
    if channels != 1 || bits != 16 {
        return Err(bad("only 16-bit mono is read"));
    }
    let rate = le32(60);
    let data = u64::from_le_bytes(header[28..36].try_into().unwrap_or([0; 8]));
    let mut samples = Vec::with_capacity((data / 2) as usize);
    let mut left = data;
    let mut buffer = vec![0u8; 1 << 16];
    while left > 0 {
        let n = left.min(buffer.len() as u64) as usize;
        file.read_exact(&mut buffer[..n])?;
        samples.extend(
            buffer[..n]
                .chunks_exact(2)
                .map(|b| f32::from(i16::from_le_bytes([b[0], b[1]])) / 32768.0),
        );
        left -= n as u64;
    }
    Ok((rate, samples))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_limit_the_file_becomes_rf64_with_true_sizes_in_ds64() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.wav");
        let mut sink = Box::new(Rf64Sink::create_with_limit(&path, 16_000, 100).unwrap());
        sink.write(&[0.0; 1000]).unwrap();
        sink.finish().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[0..4], b"RF64");
        assert_eq!(&bytes[12..16], b"ds64");
        let data = u64::from_le_bytes(bytes[28..36].try_into().unwrap());
        assert_eq!(data, 2000);
        assert_eq!(&bytes[76..80], &u32::MAX.to_le_bytes());
    }
}
