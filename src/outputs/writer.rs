//! The mastered stream's way out: one [`EditionWriter`] opens a sink for every format of the
//! build (each on a temporary name, see [`crate::atomic`]) and, with `--split chapters`, the
//! chapter splitter; it hands every block to all of them and, at the end, renames each finished
//! file into place and lists them.

use super::split::ChapterSplitter;
use super::{AudioSink, Format, Formats, Level, SinkTarget, Tags};
use crate::atomic::AtomicFile;
use std::io;
use std::path::{Path, PathBuf};

/// A file that could not be written, and why.
#[derive(Debug)]
pub struct WriteFailure {
    pub path: PathBuf,
    pub source: io::Error,
}

/// One open sink and the file it will become.
pub(super) struct Opened {
    file: AtomicFile,
    sink: Box<dyn AudioSink>,
}

impl Opened {
    pub(super) fn open(
        path: &Path,
        format: Format,
        kbps: Option<u32>,
        tags: &Tags,
        total_samples: u64,
        level: Option<Level>,
    ) -> Result<Opened, WriteFailure> {
        let file = AtomicFile::new(path);
        let target = SinkTarget {
            path: file.temp_path(),
            sample_rate: tags.sample_rate,
            total_samples,
            kbps,
            tags,
            level,
        };
        let sink = (format.open)(&target).map_err(|source| WriteFailure {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Opened { file, sink })
    }

    pub(super) fn write(&mut self, samples: &[f32]) -> Result<(), WriteFailure> {
        self.sink.write(samples).map_err(|source| WriteFailure {
            path: self.file.target().to_path_buf(),
            source,
        })
    }

    /// Finishes the file and renames it into place.
    pub(super) fn finish(self) -> Result<PathBuf, WriteFailure> {
        let path = self.file.target().to_path_buf();
        let failed = |source| WriteFailure {
            path: path.clone(),
            source,
        };
        self.sink.finish().map_err(failed)?;
        self.file.commit().map_err(failed)?;
        Ok(path)
    }
}

/// Every audio file of one edition, written together.
pub struct EditionWriter {
    whole: Vec<Opened>,
    splitter: Option<ChapterSplitter>,
}

impl EditionWriter {
    /// Opens `STEM.EXT` for every format, and the chapter files with `split_chapters`.
    pub fn open(
        stem: &Path,
        formats: &Formats,
        split_chapters: bool,
        tags: &Tags,
        total_samples: u64,
        level: Option<Level>,
    ) -> Result<EditionWriter, WriteFailure> {
        let mut whole = Vec::new();
        for format in formats.iter() {
            let path = stem.with_extension(format.extension);
            whole.push(Opened::open(
                &path,
                format,
                formats.bitrate(format),
                tags,
                total_samples,
                level,
            )?);
        }
        let splitter = if split_chapters {
            let name = stem
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let dir = stem.with_file_name(format!("{name}-chapters"));
            Some(ChapterSplitter::new(&dir, formats, tags, level)?)
        } else {
            None
        };
        Ok(EditionWriter { whole, splitter })
    }

    pub fn write(&mut self, samples: &[f32]) -> Result<(), WriteFailure> {
        if let Some(splitter) = self.splitter.as_mut() {
            splitter.feed(samples)?;
        }
        for sink in &mut self.whole {
            sink.write(samples)?;
        }
        Ok(())
    }

    /// Finishes every file: the whole edition's in the order of the formats, then the chapter
    /// files.
    pub fn finish(self) -> Result<Vec<PathBuf>, WriteFailure> {
        let mut files = Vec::new();
        for sink in self.whole {
            files.push(sink.finish()?);
        }
        if let Some(splitter) = self.splitter {
            files.extend(splitter.finish()?);
        }
        Ok(files)
    }
}
