//! `--split chapters`: besides the whole edition, one file per chapter in every format, cut from
//! the mastered stream as it is written (so the chapters have the edition's loudness and join
//! back into it exactly), on the same sinks as the whole edition.
//!
//! Each chapter file is tagged as a track of the edition: its title the chapter's, its album the
//! edition's, its track number n of the total. Invariants: the chapter files of a format
//! together hold every sample of the edition once, in order; each is written to a temporary name
//! and renamed when complete.

use super::writer::{Opened, WriteFailure};
use super::{ChapterMark, Formats, Level, Tags};
use std::path::{Path, PathBuf};

/// Cuts the mastered stream into chapter files in `dir`.
pub struct ChapterSplitter {
    dir: PathBuf,
    formats: Formats,
    /// The edition's tags; each chapter's are made from them.
    edition: Tags,
    /// Chapters that have sound.
    chapters: Vec<ChapterMark>,
    level: Option<Level>,
    position: u64,
    open: Option<(usize, Vec<Opened>)>,
    done: Vec<PathBuf>,
}

/// "Ships wait, shelves empty" -> "ships-wait-shelves-empty" (at most 40 characters).
pub fn slug(title: &str) -> String {
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
        formats: &Formats,
        edition: &Tags,
        level: Option<Level>,
    ) -> Result<ChapterSplitter, WriteFailure> {
        std::fs::create_dir_all(dir).map_err(|source| WriteFailure {
            path: dir.to_path_buf(),
            source,
        })?;
        let chapters = edition
            .chapters
            .iter()
            .filter(|c| c.end > c.start)
            .cloned()
            .collect();
        Ok(ChapterSplitter {
            dir: dir.to_path_buf(),
            formats: formats.clone(),
            edition: edition.clone(),
            chapters,
            level,
            position: 0,
            open: None,
            done: Vec::new(),
        })
    }

    fn start(&mut self, index: usize) -> Result<(), WriteFailure> {
        self.close()?;
        let chapter = &self.chapters[index];
        let length = chapter.end - chapter.start;
        let tags = Tags {
            title: chapter.title.clone(),
            album: self.edition.title.clone(),
            track: Some((index + 1, self.chapters.len())),
            chapters: vec![ChapterMark {
                start: 0,
                end: length,
                title: chapter.title.clone(),
            }],
            ..self.edition.clone()
        };
        let name = format!("{:02}-{}", index + 1, slug(&chapter.title));
        let mut sinks = Vec::new();
        for format in self.formats.iter() {
            let path = self.dir.join(format!("{name}.{}", format.extension));
            sinks.push(Opened::open(
                &path,
                format,
                self.formats.bitrate(format),
                &tags,
                length,
                self.level,
            )?);
        }
        self.open = Some((index, sinks));
        Ok(())
    }

    fn close(&mut self) -> Result<(), WriteFailure> {
        if let Some((_, sinks)) = self.open.take() {
            for sink in sinks {
                self.done.push(sink.finish()?);
            }
        }
        Ok(())
    }

    /// The next samples of the mastered stream.
    pub fn feed(&mut self, mut block: &[f32]) -> Result<(), WriteFailure> {
        while !block.is_empty() {
            let Some(index) = self
                .chapters
                .iter()
                .position(|c| (c.start..c.end).contains(&self.position))
            else {
                // Before the first chapter or after the last: not part of any chapter file.
                self.position += block.len() as u64;
                return Ok(());
            };
            if self.open.as_ref().is_none_or(|(open, _)| *open != index) {
                self.start(index)?;
            }
            let left = (self.chapters[index].end - self.position) as usize;
            let (now, rest) = block.split_at(left.min(block.len()));
            if let Some((_, sinks)) = self.open.as_mut() {
                for sink in sinks {
                    sink.write(now)?;
                }
            }
            self.position += now.len() as u64;
            block = rest;
        }
        Ok(())
    }

    /// Closes the last files; returns every file written.
    pub fn finish(mut self) -> Result<Vec<PathBuf>, WriteFailure> {
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
