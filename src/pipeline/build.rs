//! Building: the prepared script synthesized in order through the cache, music placed, the
//! whole mastered into every audio format asked for, and the sidecars written; an unchanged build
//! is recognized ([`super::record`]) and left as it is.

use super::record::{build_key, up_to_date, BuildRecord};
use super::{prepare, BuildError, Prepared, Request};
use crate::cancel::Cancel;
use crate::edition::Music;
use crate::lock::{LockError, OutputLock};
use crate::model::{Chunk, Clip, MusicPart, Timeline};
use crate::outputs::sidecars::SIDECARS;
use crate::outputs::Published;
use crate::stitch::{Layout, StitchError, Stitcher, Track};
use crate::synth::cache::ChunkCache;
use crate::synth::scheduler::{self, Job, RenderError, Source};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The files a build wrote and what it made.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// The audio files written: the whole edition in each format, then any chapter files.
    pub audio: Vec<PathBuf>,
    /// The sidecars written (chapters JSON, script, transcripts, chapter files for other tools).
    pub sidecars: Vec<PathBuf>,
    /// Integrated loudness (LUFS) and sample peak (dBFS) of the finished audio.
    pub loudness: Option<(f64, f64)>,
    pub timeline: Timeline,
    pub chunks: usize,
    /// Chunks synthesized now, and chunks taken from the cache.
    pub synthesized: usize,
    pub cached: usize,
    pub elapsed: Duration,
    /// What the user should be told, one line each (see [`Prepared::notices`]).
    pub notices: Vec<String>,
    /// The output file stem, and the edition's title, author, date, description and cover.
    pub stem: String,
    pub metadata: crate::stitch::Metadata,
}

impl BuildReport {
    /// Every file the build wrote: audio, then sidecars.
    pub fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.audio.iter().chain(&self.sidecars)
    }
}

/// Where a build stands, reported after every chunk.
#[derive(Debug, Clone)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    /// Seconds of speech made so far.
    pub audio_secs: f64,
    pub elapsed: Duration,
    /// The chapter this chunk finished (1-based number, title), when it was its last.
    pub finished_chapter: Option<(usize, String)>,
}

/// Where and whether to cache rendered chunks.
#[derive(Debug, Clone)]
pub struct Output {
    pub dir: PathBuf,
    /// `None` disables the cache.
    pub cache: Option<PathBuf>,
}

/// With `--split chapters` and the page: a page per chapter file, beside it in
/// `STEM-chapters/`, each linking to the others and to the whole edition's page.
fn write_chapter_pages(
    out_dir: &Path,
    edition: &Published,
    files: &[PathBuf],
) -> Result<Vec<PathBuf>, BuildError> {
    use crate::outputs::sidecars::page::chapter_page;
    let stem = edition.stem;
    let dir = out_dir.join(format!("{stem}-chapters"));
    // As the splitter names the chapter files: every chapter with sound, numbered from 1.
    let marks: Vec<_> = edition
        .tags
        .chapters
        .iter()
        .filter(|c| c.end > c.start)
        .collect();
    let pages: Vec<(String, String)> = marks
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let name = format!("{:02}-{}", k + 1, crate::outputs::split::slug(&c.title));
            (format!("{name}.html"), c.title.clone())
        })
        .collect();
    let mut written = Vec::new();
    for (k, mark) in marks.iter().enumerate() {
        let name = pages[k].0.trim_end_matches(".html");
        let audio: Vec<String> = files
            .iter()
            .filter(|p| p.parent() == Some(dir.as_path()))
            .filter(|p| p.file_stem().is_some_and(|s| s.to_string_lossy() == name))
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        let html = chapter_page(
            edition,
            &pages,
            k,
            &audio,
            mark.start..mark.end,
            &format!("../{stem}.html"),
        );
        let path = dir.join(&pages[k].0);
        crate::atomic::write(&path, html.as_bytes())
            .map_err(|source| BuildError::output(&path, source))?;
        written.push(path);
    }
    Ok(written)
}

/// Builds the edition into `output.dir`, calling `progress` after each chunk.
pub fn build(
    request: &Request,
    output: &Output,
    progress: &mut dyn FnMut(Progress),
) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let out_dir = output.dir.as_path();
    let mut prepared = prepare(request)?;
    let sample_rate = prepared.sample_rate()?;
    crate::timings::mark("read, normalize, script, open voices");
    let output_error = |source: std::io::Error| BuildError::output(out_dir, source);
    std::fs::create_dir_all(out_dir).map_err(output_error)?;
    check_writable(out_dir).map_err(output_error)?;
    // One build of this stem into this folder at a time, held until the build returns.
    let _lock = OutputLock::acquire(out_dir, &prepared.stem).map_err(|e| match e {
        LockError::Busy { path, pid } => BuildError::Busy {
            path: path.display().to_string(),
            holder: pid.map_or_else(|| "another process".to_string(), |p| format!("PID {p}")),
        },
        LockError::Io { path, source } => BuildError::output(&path, source),
    })?;
    // Leftovers of killed builds (never a live build's files) go.
    crate::atomic::sweep_stale(out_dir);
    let cache = output.cache.as_deref().map(ChunkCache::new);
    if let Some(cache) = &cache {
        cache.sweep_stale();
    }

    let stem = &prepared.stem;
    let script = &prepared.script;
    // An unchanged build (same script, voices, settings and music, outputs still there) is
    // already done: say so without synthesizing or mastering anything.
    let record = out_dir.join(format!(".{stem}.build.json"));
    let key = build_key(&prepared, request);
    if cache.is_some() {
        if let Some(mut report) = up_to_date(&record, &key) {
            report.elapsed = started.elapsed();
            report.notices = prepared.notices.clone();
            report.stem = prepared.stem.clone();
            report.metadata = prepared.metadata.clone();
            return Ok(report);
        }
    }
    let mut stitcher =
        Stitcher::create(&out_dir.join(stem), sample_rate, request.mastering.clone())?;
    let (mut synthesized, mut cached, mut audio_samples) = (0, 0, 0usize);
    let total = script.chunks.len();
    lay_out(
        &prepared,
        0..total,
        request.jobs,
        cache.as_ref(),
        &request.cancel,
        stitcher.layout(),
        |chunk, clip, source| {
            match source {
                Source::Cache => cached += 1,
                Source::Synthesized => synthesized += 1,
            }
            audio_samples += clip.samples.len();
            let last_of_chapter = script
                .chunks
                .get(chunk.index + 1)
                .is_none_or(|next| next.chapter != chunk.chapter);
            let finished_chapter = last_of_chapter
                .then(|| script.chapters.get(chunk.chapter))
                .flatten()
                .map(|c| (chunk.chapter + 1, c.title.clone()));
            progress(Progress {
                finished_chapter,
                done: chunk.index + 1,
                total,
                audio_secs: audio_samples as f64 / f64::from(sample_rate),
                elapsed: started.elapsed(),
            });
        },
    )?;
    crate::timings::mark("synthesis and layout");
    // Every chunk is laid out: the voices (a neural voice's model sessions and their memory,
    // about 250 MB for joe) go before mastering, whose encoders would otherwise add to them.
    prepared.backends.clear();
    let (stem, script) = (&prepared.stem, &prepared.script);
    let mastered = match stitcher.finish(script, &prepared.metadata, &request.cancel) {
        Err(StitchError::Cancelled(signal)) => return Err(BuildError::cancelled(signal)),
        other => other?,
    };
    let timeline = &mastered.timeline;
    let audio_names: Vec<String> = mastered
        .files
        .iter()
        .filter(|p| p.parent() == Some(out_dir))
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let edition = Published {
        script,
        timeline,
        tags: &mastered.tags,
        stem,
        audio: &audio_names,
        page: request.mastering.page,
    };
    let mut sidecars = Vec::new();
    for sidecar in SIDECARS.iter().filter(|s| (s.wanted)(&edition)) {
        let path = out_dir.join(format!("{stem}{}", sidecar.suffix));
        crate::atomic::write(&path, (sidecar.render)(&edition).as_bytes())
            .map_err(|source| BuildError::output(&path, source))?;
        sidecars.push(path);
    }
    if edition.page && request.mastering.split_chapters {
        sidecars.extend(write_chapter_pages(out_dir, &edition, &mastered.files)?);
    }
    let report = BuildReport {
        audio: mastered.files.clone(),
        sidecars,
        loudness: mastered.loudness,
        timeline: mastered.timeline.clone(),
        chunks: total,
        synthesized,
        cached,
        elapsed: started.elapsed(),
        notices: prepared.notices.clone(),
        stem: prepared.stem.clone(),
        metadata: prepared.metadata.clone(),
    };
    crate::timings::mark("sidecars");
    // Remembering the build is an optimization: failing to write the record costs nothing.
    let _ = crate::atomic::write(
        &record,
        &serde_json::to_vec(&BuildRecord::of(&key, &report)).unwrap_or_default(),
    );
    Ok(report)
}

/// Lays the chunks `range` of a prepared edition out in order, synthesized through `cache`, with
/// its music where it belongs: the intro before the first chunk, each article's interlude before
/// the article, the outro after the last chunk. `on_chunk` hears of each chunk laid. `build`
/// lays onto the mastering stitcher, `play` onto the tape it plays.
pub fn lay_out<T: Track>(
    prepared: &Prepared,
    range: std::ops::Range<usize>,
    jobs: usize,
    cache: Option<&ChunkCache>,
    cancel: &Cancel,
    layout: &mut Layout<T>,
    mut on_chunk: impl FnMut(&Chunk, &Clip, Source),
) -> Result<(), BuildError> {
    let script = &prepared.script;
    let total = script.chunks.len();
    if range.start == 0 {
        if let Some(intro) = &prepared.intro {
            push_music(prepared, layout, intro, MusicPart::Intro)?;
        }
    }
    let article_starts: BTreeMap<usize, usize> = script
        .chapters
        .iter()
        .filter(|c| c.kind == crate::model::ChapterKind::Article)
        .map(|c| (c.first_chunk, c.article))
        .collect();
    let reaches_end = range.end >= total;
    render_chunks(
        prepared,
        range,
        jobs,
        cache,
        cancel,
        |chunk, clip, source| {
            let interlude = article_starts
                .get(&chunk.index)
                .and_then(|article| prepared.interludes.get(article));
            if let Some(path) = interlude {
                let (rate, samples) = decode_music(path)?;
                layout.push_music(rate, samples, None, None, MUSIC_PAUSE_MS)?;
            }
            layout.push(chunk, &clip, &script.articles[chunk.article].reader())?;
            on_chunk(chunk, &clip, source);
            Ok(())
        },
    )?;
    if reaches_end {
        if let Some(outro) = &prepared.outro {
            push_music(prepared, layout, outro, MusicPart::Outro)?;
        }
    }
    Ok(())
}

/// Silence after intro, interlude and outro music, in milliseconds.
const MUSIC_PAUSE_MS: u32 = 600;

fn decode_music(path: &Path) -> Result<(u32, Vec<f32>), BuildError> {
    crate::stitch::music::decode(path).map_err(|message| BuildError::Music {
        path: path.display().to_string(),
        message,
    })
}

/// Intro or outro music, its words (the script's passage) said over it by the first article's
/// voice.
fn push_music<T: Track>(
    prepared: &Prepared,
    layout: &mut Layout<T>,
    music: &Music,
    part: MusicPart,
) -> Result<(), BuildError> {
    let (rate, samples) = decode_music(&music.audio)?;
    let passage = prepared.script.passages.iter().find(|p| p.part == part);
    let voice = match passage {
        Some(passage) => {
            let name = prepared
                .script
                .articles
                .first()
                .map(|a| a.reader())
                .unwrap_or_default();
            let backend = &prepared.backends[&name];
            let clip = backend
                .synthesize(&passage.spoken)
                .map_err(|source| BuildError::Voice {
                    article: format!("{} text", part.title().to_lowercase()),
                    source,
                })?;
            Some(clip)
        }
        None => None,
    };
    layout.push_music(rate, samples, voice, Some(part.title()), MUSIC_PAUSE_MS)?;
    Ok(())
}

/// Renders the chunks `range` of a prepared script on `jobs` workers through `cache`, handing
/// each clip to `deliver` in script order. A chunk that fails is an error naming it and its source
/// line; the chunks finished before it stay cached. `cancel` stops it with
/// [`BuildError::Interrupted`].
pub fn render_chunks(
    prepared: &Prepared,
    range: std::ops::Range<usize>,
    jobs: usize,
    cache: Option<&ChunkCache>,
    cancel: &Cancel,
    mut deliver: impl FnMut(&Chunk, Clip, Source) -> Result<(), BuildError>,
) -> Result<(), BuildError> {
    let script = &prepared.script;
    let chunks =
        &script.chunks[range.start.min(script.chunks.len())..range.end.min(script.chunks.len())];
    let work: Vec<Job> = chunks
        .iter()
        .map(|chunk| Job {
            text: &chunk.text,
            backend: prepared.backends[&script.articles[chunk.article].reader()].as_ref(),
        })
        .collect();
    // Engines that carry state from one utterance to the next speak their chunks in order.
    let jobs = if work.iter().all(|j| j.backend.in_order()) {
        1
    } else {
        jobs
    };
    let rendered = scheduler::render(&work, jobs, cache, cancel, |k, clip, source| {
        deliver(&chunks[k], clip, source)
    });
    match rendered {
        Ok(()) => Ok(()),
        Err(RenderError::Deliver(e)) => Err(e),
        Err(RenderError::Cancelled(signal)) => Err(BuildError::cancelled(signal)),
        Err(RenderError::Job(failure)) => {
            let chunk = &chunks[failure.index];
            let article = &script.articles[chunk.article];
            Err(BuildError::Chunk {
                chunk: chunk.index,
                location: format!("{}:{}", article.source, chunk.span.place()),
                source: failure.error,
            })
        }
    }
}

fn check_writable(dir: &Path) -> std::io::Result<()> {
    let probe = dir.join(format!(".voxpress-write-test-{}", std::process::id()));
    std::fs::write(&probe, b"")?;
    std::fs::remove_file(&probe)
}
