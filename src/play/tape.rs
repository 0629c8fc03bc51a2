//! A [`Tape`]: the audio to play, as 16-bit mono PCM in a temporary file that may still be growing.
//!
//! Invariants: frames are only appended, never changed; `written` counts frames already flushed to
//! the file, so a reader never sees a frame before it is whole; chapter marks ascend; the file is
//! removed when the tape is dropped.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

pub struct Tape {
    path: PathBuf,
    writer: Mutex<BufWriter<File>>,
    written: AtomicU64,
    done: AtomicBool,
    sample_rate: u32,
    chapters: Mutex<Vec<(u64, String)>>,
}

impl Tape {
    /// An empty tape in the system's temporary folder.
    pub fn create(sample_rate: u32) -> std::io::Result<Tape> {
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!(
            "voxpress-play-{}-{}.pcm",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        let file = File::create(&path)?;
        Ok(Tape {
            path,
            writer: Mutex::new(BufWriter::new(file)),
            written: AtomicU64::new(0),
            done: AtomicBool::new(false),
            sample_rate,
            chapters: Mutex::new(Vec::new()),
        })
    }

    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    /// Appends samples in `-1.0..=1.0` and makes them readable.
    pub fn append(&self, samples: &[f32]) -> std::io::Result<()> {
        let mut writer = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        for &s in samples {
            let v = (s.clamp(-1.0, 1.0) * 32767.0).round() as i16;
            writer.write_all(&v.to_le_bytes())?;
        }
        writer.flush()?;
        // Only the writer holding the lock adds, so readers never see a frame before it is flushed.
        self.written
            .fetch_add(samples.len() as u64, Ordering::SeqCst);
        Ok(())
    }

    /// Appends `frames` of silence.
    pub fn silence(&self, frames: u64) -> std::io::Result<()> {
        let block = vec![0.0f32; 4096];
        let mut left = frames;
        while left > 0 {
            let n = left.min(block.len() as u64) as usize;
            self.append(&block[..n])?;
            left -= n as u64;
        }
        Ok(())
    }

    /// Marks a chapter starting at the current end of the tape.
    pub fn mark_chapter(&self, title: &str) {
        let at = self.written();
        self.mark_chapter_at(at, title);
    }

    /// Marks a chapter starting at frame `at`.
    pub fn mark_chapter_at(&self, at: u64, title: &str) {
        let mut chapters = self.chapters.lock().unwrap_or_else(|p| p.into_inner());
        if chapters.last().is_none_or(|(last, _)| *last <= at) {
            chapters.push((at, title.to_string()));
        }
    }

    /// Nothing more will be appended.
    pub fn finish(&self) {
        self.done.store(true, Ordering::SeqCst);
    }

    pub fn is_done(&self) -> bool {
        self.done.load(Ordering::SeqCst)
    }

    /// Frames readable now.
    pub fn written(&self) -> u64 {
        self.written.load(Ordering::SeqCst)
    }

    /// The chapters marked so far: (start frame, title).
    pub fn chapters(&self) -> Vec<(u64, String)> {
        self.chapters
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// A reader of the tape's file.
    pub fn reader(&self) -> std::io::Result<TapeReader> {
        Ok(TapeReader {
            file: File::open(&self.path)?,
        })
    }
}

impl Drop for Tape {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Reads frames from a tape's file.
pub struct TapeReader {
    file: File,
}

impl TapeReader {
    /// Reads up to `out.len()` frames starting at frame `at`, as long as they are below `limit`;
    /// returns how many were read.
    pub fn read(&mut self, at: u64, limit: u64, out: &mut [f32]) -> std::io::Result<usize> {
        let n = (limit.saturating_sub(at) as usize).min(out.len());
        if n == 0 {
            return Ok(0);
        }
        let mut bytes = vec![0u8; n * 2];
        self.file.seek(SeekFrom::Start(at * 2))?;
        self.file.read_exact(&mut bytes)?;
        for (slot, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
            *slot = f32::from(i16::from_le_bytes([pair[0], pair[1]])) / 32768.0;
        }
        Ok(n)
    }
}
