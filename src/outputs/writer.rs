//! The mastered stream's way out: one [`EditionWriter`] opens a sink for every format of the
//! build (each on a temporary name, see [`crate::atomic`]) and, with `--split chapters`, the
//! chapter splitter; each runs on a thread of its own, taking the blocks from a short queue, so
//! that the encoders share the cores; at the end each finished file is renamed into place and
//! all are listed, in the order of the formats.
//!
//! Invariant: a block reaches every sink once, in order; the first failure of any sink is the
//! writer's error, and the other sinks' temporary files go with their `AtomicFile`s.

use super::split::ChapterSplitter;
use super::{AudioSink, Format, Formats, Level, SinkTarget, Tags};
use crate::atomic::AtomicFile;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;

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

/// What a worker thread writes: one file, or the chapter files.
enum Job {
    Whole(Opened),
    Split(Box<ChapterSplitter>),
}

impl Job {
    fn write(&mut self, samples: &[f32]) -> Result<(), WriteFailure> {
        match self {
            Job::Whole(sink) => sink.write(samples),
            Job::Split(splitter) => splitter.feed(samples),
        }
    }

    fn finish(self) -> Result<Vec<PathBuf>, WriteFailure> {
        match self {
            Job::Whole(sink) => Ok(vec![sink.finish()?]),
            Job::Split(splitter) => splitter.finish(),
        }
    }
}

/// What a worker is sent.
enum Message {
    Block(Arc<[f32]>),
    /// Finish the files. A queue that closes without it (the build failed or was stopped)
    /// abandons them: their temporary files are removed.
    Finish,
}

/// A job on its thread, and the queue to it.
struct Worker {
    blocks: Option<SyncSender<Message>>,
    thread: Option<JoinHandle<Result<Vec<PathBuf>, WriteFailure>>>,
}

impl Drop for Worker {
    /// A worker dropped unfinished abandons its files, and is waited for, so that its temporary
    /// files are gone when the build returns.
    fn drop(&mut self) {
        self.blocks = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Blocks queued to a worker before the writer waits: a few seconds of audio.
const QUEUE: usize = 8;

impl Worker {
    fn start(mut job: Job) -> Worker {
        let (blocks, queue) = sync_channel::<Message>(QUEUE);
        let thread = std::thread::spawn(move || {
            for message in queue {
                match message {
                    Message::Block(block) => job.write(&block)?,
                    Message::Finish => return job.finish(),
                }
            }
            Ok(Vec::new())
        });
        Worker {
            blocks: Some(blocks),
            thread: Some(thread),
        }
    }

    /// Tells the worker to finish and waits for its files, or its failure.
    fn finish(mut self) -> Result<Vec<PathBuf>, WriteFailure> {
        if let Some(blocks) = self.blocks.take() {
            // A worker that already stopped has its failure to give.
            let _ = blocks.send(Message::Finish);
        }
        self.join()
    }

    /// Waits for the worker, which has been told to finish or has stopped.
    fn join(mut self) -> Result<Vec<PathBuf>, WriteFailure> {
        self.blocks = None;
        let stopped = || {
            Err(WriteFailure {
                path: PathBuf::new(),
                source: io::Error::other("an output thread stopped"),
            })
        };
        match self.thread.take() {
            Some(thread) => thread.join().unwrap_or_else(|_| stopped()),
            None => stopped(),
        }
    }
}

/// Every audio file of one edition, written together.
pub struct EditionWriter {
    workers: Vec<Worker>,
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
        let mut jobs = Vec::new();
        for format in formats.iter() {
            let path = stem.with_extension(format.extension);
            jobs.push(Job::Whole(Opened::open(
                &path,
                format,
                formats.bitrate(format),
                tags,
                total_samples,
                level,
            )?));
        }
        if split_chapters {
            let name = stem
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let dir = stem.with_file_name(format!("{name}-chapters"));
            let splitter = ChapterSplitter::new(&dir, formats, tags, level)?;
            jobs.push(Job::Split(Box::new(splitter)));
        }
        Ok(EditionWriter {
            workers: jobs.into_iter().map(Worker::start).collect(),
        })
    }

    pub fn write(&mut self, samples: &[f32]) -> Result<(), WriteFailure> {
        let block: Arc<[f32]> = samples.into();
        let mut stopped = None;
        for (k, worker) in self.workers.iter().enumerate() {
            let sent = worker
                .blocks
                .as_ref()
                .is_some_and(|q| q.send(Message::Block(block.clone())).is_ok());
            if !sent {
                stopped = Some(k);
                break;
            }
        }
        match stopped {
            // A worker that stopped taking blocks has failed: its error is the writer's.
            Some(k) => {
                let worker = self.workers.remove(k);
                Err(match worker.join() {
                    Err(failure) => failure,
                    Ok(_) => WriteFailure {
                        path: PathBuf::new(),
                        source: io::Error::other("an output stopped early"),
                    },
                })
            }
            None => Ok(()),
        }
    }

    /// Finishes every file: the whole edition's in the order of the formats, then the chapter
    /// files.
    pub fn finish(self) -> Result<Vec<PathBuf>, WriteFailure> {
        let mut files = Vec::new();
        let mut failure = None;
        for worker in self.workers {
            match worker.finish() {
                Ok(written) => files.extend(written),
                Err(f) => failure = failure.or(Some(f)),
            }
        }
        match failure {
            Some(f) => Err(f),
            None => Ok(files),
        }
    }
}
