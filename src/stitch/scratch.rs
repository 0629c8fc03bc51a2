//! A scratch file of 32-bit float samples: the first pass of mastering writes the whole edition
//! here, so memory stays flat however long it is, and the second pass reads it back in blocks.
//! The file is removed when dropped.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

pub struct Scratch {
    path: PathBuf,
    writer: Option<BufWriter<File>>,
    len: u64,
}

impl Scratch {
    /// A scratch file beside `near` (same folder, hidden name).
    pub fn create(near: &Path) -> std::io::Result<Scratch> {
        let dir = near.parent().unwrap_or(Path::new("."));
        let name = near
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = dir.join(format!(".{name}.pass1-{}", std::process::id()));
        let file = File::create(&path)?;
        Ok(Scratch {
            path,
            writer: Some(BufWriter::new(file)),
            len: 0,
        })
    }

    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn append(&mut self, samples: &[f32]) -> std::io::Result<()> {
        let writer = self
            .writer
            .as_mut()
            .ok_or_else(|| std::io::Error::other("scratch file already read"))?;
        for s in samples {
            writer.write_all(&s.to_le_bytes())?;
        }
        self.len += samples.len() as u64;
        Ok(())
    }

    /// Reads every sample back, `block` at a time, handing each block to `each`.
    pub fn read_blocks(
        &mut self,
        block: usize,
        mut each: impl FnMut(&[f32]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        if let Some(mut writer) = self.writer.take() {
            writer.flush()?;
        }
        let mut reader = BufReader::new(File::open(&self.path)?);
        let mut bytes = vec![0u8; block * 4];
        let mut samples = Vec::with_capacity(block);
        let mut left = self.len;
        while left > 0 {
            let n = left.min(block as u64) as usize;
            reader.read_exact(&mut bytes[..n * 4])?;
            samples.clear();
            samples.extend(
                bytes[..n * 4]
                    .chunks_exact(4)
                    .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            );
            each(&samples)?;
            left -= n as u64;
        }
        Ok(())
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
