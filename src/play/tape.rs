//! A [`Tape`]: the audio to play, as 16-bit mono PCM in a temporary file that may still be growing.
//!
//! Invariants: frames are only appended, never changed; `written` counts frames already flushed to
//! the file, so a reader never sees a frame before it is whole; chapter and sentence marks ascend;
//! the file is removed when the tape is dropped.

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
    sentences: Mutex<Vec<SentenceMark>>,
}

/// Where a sentence starts on a tape, what it says as written, and whether it opens a paragraph
/// (or a heading, or a chapter).
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceMark {
    pub frame: u64,
    pub paragraph: bool,
    pub text: String,
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
            sentences: Mutex::new(Vec::new()),
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

    /// Marks a sentence; one starting before the last mark is ignored.
    pub fn mark_sentence(&self, mark: SentenceMark) {
        let mut sentences = self.sentences.lock().unwrap_or_else(|p| p.into_inner());
        if sentences.last().is_none_or(|last| last.frame < mark.frame) {
            sentences.push(mark);
        }
    }

    /// The sentences marked so far.
    pub fn sentence_count(&self) -> usize {
        self.sentences
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .len()
    }

    /// The `k`th sentence mark (from 0).
    pub fn sentence(&self, k: usize) -> Option<SentenceMark> {
        self.sentences
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(k)
            .cloned()
    }

    /// The index of the sentence playing at `frame`: the last one starting at or before it.
    pub fn sentence_at(&self, frame: u64) -> Option<usize> {
        let sentences = self.sentences.lock().unwrap_or_else(|p| p.into_inner());
        sentences
            .partition_point(|m| m.frame <= frame)
            .checked_sub(1)
    }

    /// The index of the sentence to go to from `frame`, `by` sentences (or paragraphs) on or
    /// back; going back from well into a sentence goes to its own start first.
    pub fn sentence_from(&self, frame: u64, by: isize, paragraphs: bool) -> Option<usize> {
        let sentences = self.sentences.lock().unwrap_or_else(|p| p.into_inner());
        let starts: Vec<usize> = (0..sentences.len())
            .filter(|&k| !paragraphs || sentences[k].paragraph || k == 0)
            .collect();
        let current = starts
            .partition_point(|&k| sentences[k].frame <= frame)
            .checked_sub(1);
        let rate = u64::from(self.sample_rate);
        let target = match current {
            None if by > 0 => starts.first().copied(),
            None => None,
            Some(at) if by < 0 && frame - sentences[starts[at]].frame > rate => Some(starts[at]),
            Some(at) => {
                let k = at as isize + by;
                starts.get(k.max(0) as usize).copied()
            }
        };
        target
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
