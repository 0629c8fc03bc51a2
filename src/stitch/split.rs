//! `--split chapters`: besides the whole edition, one file per chapter, cut from the mastered
//! stream as it is written (so the chapters have the edition's loudness and join back into it
//! exactly).
//!
//! Invariants: the chapter files together hold every sample of the edition once, in order; each
//! is written to a temporary name and renamed when complete.

use super::mp3;
use super::wav::WavSink;
use crate::atomic::AtomicFile;
use crate::model::Timeline;
use std::io;
use std::path::{Path, PathBuf};

struct Open {
    index: usize,
    wav: Option<(AtomicFile, WavSink)>,
    mp3: Option<(AtomicFile, mp3::Mp3Sink)>,
}

/// Cuts the mastered stream into chapter files in `dir`.
pub struct ChapterSplitter {
    dir: PathBuf,
    rate: u32,
    wav: bool,
    mp3: bool,
    mp3_kbps: u32,
    /// (start, end, title) in samples.
    chapters: Vec<(u64, u64, String)>,
    info: mp3::TagInfo,
    position: u64,
    open: Option<Open>,
    done: Vec<PathBuf>,
}

/// "Ships wait, shelves empty" -> "ships-wait-shelves-empty" (at most 40 characters).
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(40).collect();
    if out.is_empty() {
        out.push_str("chapter");
    }
    out.trim_end_matches('-').to_string()
}

impl ChapterSplitter {
    pub fn new(
        dir: &Path,
        timeline: &Timeline,
        rate: u32,
        (wav, mp3): (bool, bool),
        mp3_kbps: u32,
        info: mp3::TagInfo,
    ) -> io::Result<ChapterSplitter> {
        std::fs::create_dir_all(dir)?;
        let chapters = timeline
            .chapter_spans()
            .into_iter()
            .filter(|(start, end, _)| end > start)
            .map(|(start, end, title)| (start, end, title.to_string()))
            .collect();
        Ok(ChapterSplitter {
            dir: dir.to_path_buf(),
            rate,
            wav,
            mp3,
            mp3_kbps,
            chapters,
            info,
            position: 0,
            open: None,
            done: Vec::new(),
        })
    }

    fn path(&self, index: usize, extension: &str) -> PathBuf {
        let title = &self.chapters[index].2;
        self.dir
            .join(format!("{:02}-{}.{extension}", index + 1, slug(title)))
    }

    fn start(&mut self, index: usize) -> io::Result<()> {
        self.close()?;
        let wav = if self.wav {
            let file = AtomicFile::new(&self.path(index, "wav"));
            let sink = WavSink::create(file.temp_path(), self.rate)?;
            Some((file, sink))
        } else {
            None
        };
        let mp3 = if self.mp3 {
            let file = AtomicFile::new(&self.path(index, "mp3"));
            let (start, end, title) = &self.chapters[index];
            let ms = |s: u64| (s * 1000 / u64::from(self.rate.max(1))) as u32;
            let info = mp3::TagInfo {
                title: title.clone(),
                chapters: vec![(0, ms(end - start), title.clone())],
                ..self.info.clone()
            };
            let sink = mp3::Mp3Sink::create(
                file.temp_path(),
                self.rate,
                self.mp3_kbps,
                &mp3::id3_tag(&info)?,
            )?;
            Some((file, sink))
        } else {
            None
        };
        self.open = Some(Open { index, wav, mp3 });
        Ok(())
    }

    fn close(&mut self) -> io::Result<()> {
        let Some(open) = self.open.take() else {
            return Ok(());
        };
        if let Some((file, sink)) = open.wav {
            let title = self.chapters[open.index].2.clone();
            sink.finish(&[(0, title.as_str())])?;
            self.done.push(file.target().to_path_buf());
            file.commit()?;
        }
        if let Some((file, sink)) = open.mp3 {
            sink.finish()?;
            self.done.push(file.target().to_path_buf());
            file.commit()?;
        }
        Ok(())
    }

    /// The next samples of the mastered stream.
    pub fn feed(&mut self, mut block: &[f32]) -> io::Result<()> {
        while !block.is_empty() {
            let Some(index) = self
                .chapters
                .iter()
                .position(|(start, end, _)| (*start..*end).contains(&self.position))
            else {
                // Before the first chapter or after the last: not part of any chapter file.
                self.position += block.len() as u64;
                return Ok(());
            };
            if self.open.as_ref().is_none_or(|o| o.index != index) {
                self.start(index)?;
            }
            let left = (self.chapters[index].1 - self.position) as usize;
            let (now, rest) = block.split_at(left.min(block.len()));
            if let Some(open) = self.open.as_mut() {
                if let Some((_, sink)) = open.wav.as_mut() {
                    sink.samples(now)?;
                }
                if let Some((_, sink)) = open.mp3.as_mut() {
                    sink.samples(now)?;
                }
            }
            self.position += now.len() as u64;
            block = rest;
        }
        Ok(())
    }

    /// Closes the last file; returns every file written.
    pub fn finish(mut self) -> io::Result<Vec<PathBuf>> {
        self.close()?;
        Ok(self.done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_short_file_names() {
        assert_eq!(
            slug("Ships wait, shelves empty"),
            "ships-wait-shelves-empty"
        );
        assert_eq!(slug("¿?"), "chapter");
    }
}
