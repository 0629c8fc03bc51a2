//! The build pipeline: inputs -> documents -> script -> clips -> WAV and sidecars.
//!
//! This is the only module that knows every stage; each stage only sees the data types of
//! [`crate::model`]. Everything that can be checked before synthesis (files, manifest, voices,
//! output folder) is checked first, so bad input fails fast and leaves no output behind.

use crate::edition::{self, EditionError, Music};
use crate::ingest::{self, IngestError};
use crate::model::{Chunk, Clip, Document, PauseTable, Script, Timeline};
use crate::normalize::{Lexicon, LexiconError, Normalizer};
use crate::script::{self, ArticlePlan, CaptionPolicy, ScriptError, ScriptSettings};
use crate::stitch::{
    chapter_files, sidecars, transcript, Mastering, Metadata, StitchError, Stitcher,
};
use crate::synth::cache::ChunkCache;
use crate::synth::scheduler::{self, Job, RenderError, Source};
use crate::synth::{self, Backend, OpenOptions, SynthError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use thiserror::Error;

/// The voice used when none is chosen and it is installed.
pub const PREFERRED_VOICE: &str = "joe";
/// The voice used when the preferred one is not installed: always there.
pub const FALLBACK_VOICE: &str = "espeak";

/// The default voice: joe when installed, else espeak with a notice saying how to get joe.
pub fn default_voice() -> (String, Option<String>) {
    if synth::registry::is_installed(PREFERRED_VOICE) {
        (PREFERRED_VOICE.to_string(), None)
    } else {
        let notice = format!(
            "note: reading with espeak; for the natural '{PREFERRED_VOICE}' voice run `bash scripts/setup.sh`"
        );
        (FALLBACK_VOICE.to_string(), Some(notice))
    }
}

#[derive(Debug, Error)]
pub enum BuildError {
    #[error(transparent)]
    Edition(#[from] EditionError),
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error(transparent)]
    Script(#[from] ScriptError),
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    #[error("{path}: cannot use this music: {message}")]
    Music { path: String, message: String },
    #[error("{article}: {source}")]
    Voice { article: String, source: SynthError },
    #[error("chunk {chunk} ({location}) failed: {source}")]
    Chunk {
        chunk: usize,
        location: String,
        source: SynthError,
    },
    #[error(transparent)]
    Stitch(#[from] StitchError),
    #[error("{path}: cannot write output here ({source}); choose another folder with --out")]
    Output {
        path: String,
        source: std::io::Error,
    },
    #[error("the voices of this edition speak at different sample rates ({rates}); use voices with one rate")]
    MixedRates { rates: String },
    #[error("{0}")]
    Usage(String),
}

impl BuildError {
    /// True when the user's input is at fault (exit code 2), false for failures while working.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, BuildError::Chunk { .. } | BuildError::Stitch(_))
    }
}

/// What to build.
#[derive(Debug, Clone)]
pub enum Inputs {
    /// One or more article files, read in order.
    Articles(Vec<PathBuf>),
    /// An edition manifest.
    Edition(PathBuf),
}

impl Inputs {
    /// A single `.toml` path is an edition manifest; anything else is a list of articles.
    pub fn from_paths(paths: Vec<PathBuf>) -> Inputs {
        match paths.as_slice() {
            [one]
                if one
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("toml")) =>
            {
                Inputs::Edition(one.clone())
            }
            _ => Inputs::Articles(paths),
        }
    }
}

/// A validated request to script or build.
#[derive(Debug, Clone)]
pub struct Request {
    pub inputs: Inputs,
    /// Overrides the manifest's default voice (but not per-article voices).
    pub voice: Option<String>,
    /// Output file stem; defaults to the single article's or manifest's stem, else "edition".
    pub name: Option<String>,
    pub pauses: Option<PauseTable>,
    /// Link policy and the built-in lexicon; voice, edition and `lexicons` are added on top.
    pub normalizer: Normalizer,
    /// Pronunciation lexicons given on the command line, applied last.
    pub lexicons: Vec<PathBuf>,
    /// Photo captions and credits: skipped or read.
    pub captions: CaptionPolicy,
    /// Output rate, loudness and formats.
    pub mastering: Mastering,
    /// Chunks synthesized at once.
    pub jobs: usize,
}

/// A request resolved into voices and a script, ready to synthesize.
pub struct Prepared {
    pub script: Script,
    /// Title, author, date and description for tags and headers.
    pub metadata: Metadata,
    /// Music before everything and after everything, with words to say over it.
    pub intro: Option<Music>,
    pub outro: Option<Music>,
    /// Music before an article: article index -> file.
    pub interludes: BTreeMap<usize, PathBuf>,
    pub stem: String,
    /// Voice name -> opened backend.
    pub backends: BTreeMap<String, Box<dyn Backend>>,
    /// A notice for the user (such as which voice was chosen for them), if any.
    pub notice: Option<String>,
}

struct PlannedArticle {
    path: PathBuf,
    title: Option<String>,
    voice: String,
    interlude: Option<PathBuf>,
}

/// Reads inputs, opens voices and builds the script, without synthesizing.
pub fn prepare(request: &Request) -> Result<Prepared, BuildError> {
    let (default_voice, notice) = match &request.voice {
        Some(voice) => (voice.clone(), None),
        None => default_voice(),
    };
    let Plan {
        title: edition_title,
        stem,
        pauses,
        articles: planned,
        lexicons: edition_lexicons,
        about,
        intro,
        outro,
    } = plan(request, &default_voice)?;
    let mut on_top = Lexicon::default();
    for path in edition_lexicons.iter().chain(&request.lexicons) {
        on_top = on_top.with(&Lexicon::load(path)?);
    }
    let mut normalizers: BTreeMap<String, Normalizer> = BTreeMap::new();
    for article in &planned {
        if normalizers.contains_key(&article.voice) {
            continue;
        }
        let mut lexicon = (*request.normalizer.lexicon).clone();
        if let Some(path) = synth::voice_lexicon(&article.voice) {
            lexicon = lexicon.with(&Lexicon::load(&path)?);
        }
        let normalizer = Normalizer {
            lexicon: Arc::new(lexicon.with(&on_top)),
            ..request.normalizer.clone()
        };
        normalizers.insert(article.voice.clone(), normalizer);
    }
    let notice = notice.filter(|_| planned.iter().any(|a| a.voice == FALLBACK_VOICE));
    let documents: Vec<Document> = planned
        .iter()
        .map(|a| ingest::read_document(&a.path))
        .collect::<Result<_, _>>()?;
    let mut backends: BTreeMap<String, Box<dyn Backend>> = BTreeMap::new();
    let options = OpenOptions {
        jobs: request.jobs.max(1),
    };
    for article in &planned {
        if !backends.contains_key(&article.voice) {
            let backend =
                synth::open_voice(&article.voice, options).map_err(|source| BuildError::Voice {
                    article: article.path.display().to_string(),
                    source,
                })?;
            backends.insert(article.voice.clone(), backend);
        }
    }
    let plans: Vec<ArticlePlan> = planned
        .iter()
        .zip(&documents)
        .map(|(a, document)| ArticlePlan {
            document,
            title: a.title.clone(),
            voice: a.voice.clone(),
            max_chunk_chars: backends[&a.voice].engine().max_chunk_chars,
            normalizer: normalizers[&a.voice].clone(),
        })
        .collect();
    let title = edition_title.unwrap_or_else(|| {
        if documents.len() == 1 {
            plans[0].title.clone().unwrap_or_else(|| {
                documents[0]
                    .title
                    .text
                    .trim_end_matches(['-', ' '])
                    .to_string()
            })
        } else {
            stem.clone()
        }
    });
    let settings = ScriptSettings {
        captions: request.captions,
        pauses: pauses.unwrap_or_default(),
    };
    let script = script::build(&title, &plans, &settings)?;
    let interludes = planned
        .iter()
        .enumerate()
        .filter_map(|(k, a)| a.interlude.clone().map(|p| (k, p)))
        .collect();
    Ok(Prepared {
        intro,
        outro,
        interludes,
        metadata: Metadata { title, ..about },
        script,
        stem,
        backends,
        notice,
    })
}

impl Prepared {
    /// The one sample rate all the edition's voices speak at.
    pub fn sample_rate(&self) -> Result<u32, BuildError> {
        let rates: Vec<u32> = self.backends.values().map(|b| b.sample_rate()).collect();
        if rates.windows(2).any(|w| w[0] != w[1]) {
            let described: Vec<String> = self
                .backends
                .iter()
                .map(|(n, b)| format!("{n}: {} Hz", b.sample_rate()))
                .collect();
            return Err(BuildError::MixedRates {
                rates: described.join(", "),
            });
        }
        Ok(rates.first().copied().unwrap_or(22_050))
    }
}

/// An edition resolved from the request: its articles and the edition-wide settings.
struct Plan {
    title: Option<String>,
    stem: String,
    pauses: Option<PauseTable>,
    articles: Vec<PlannedArticle>,
    lexicons: Vec<PathBuf>,
    /// Author, date and description from the manifest.
    about: Metadata,
    intro: Option<Music>,
    outro: Option<Music>,
}

fn plan(request: &Request, default_voice: &str) -> Result<Plan, BuildError> {
    let stem_of = |p: &Path| {
        p.file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("edition")
            .to_string()
    };
    match &request.inputs {
        Inputs::Edition(path) => {
            let edition = edition::read(path)?;
            let default_voice = request
                .voice
                .clone()
                .or(edition.voice.clone())
                .unwrap_or_else(|| default_voice.to_string());
            let articles = edition
                .articles
                .into_iter()
                .map(|a| PlannedArticle {
                    interlude: a.interlude,
                    path: a.path,
                    title: a.title,
                    voice: a.voice.unwrap_or_else(|| default_voice.clone()),
                })
                .collect();
            let stem = request.name.clone().unwrap_or_else(|| stem_of(path));
            Ok(Plan {
                about: Metadata {
                    title: String::new(),
                    author: edition.author,
                    date: edition.date,
                    description: edition.description,
                    cover: edition.cover,
                },
                intro: edition.intro,
                outro: edition.outro,
                title: edition.title,
                stem,
                pauses: request.pauses.or(edition.pauses),
                articles,
                lexicons: edition.lexicons,
            })
        }
        Inputs::Articles(paths) => {
            if paths.is_empty() {
                return Err(BuildError::Usage(
                    "give at least one article or an edition .toml".into(),
                ));
            }
            if let Some(toml) = paths
                .iter()
                .find(|p| p.extension().is_some_and(|e| e == "toml"))
            {
                return Err(BuildError::Usage(format!(
                    "{}: an edition manifest must be the only input",
                    toml.display()
                )));
            }
            let voice = request
                .voice
                .clone()
                .unwrap_or_else(|| default_voice.to_string());
            let stem = request.name.clone().unwrap_or_else(|| {
                if paths.len() == 1 {
                    stem_of(&paths[0])
                } else {
                    "edition".to_string()
                }
            });
            let articles = paths
                .iter()
                .map(|p| PlannedArticle {
                    interlude: None,
                    path: p.clone(),
                    title: None,
                    voice: voice.clone(),
                })
                .collect();
            Ok(Plan {
                title: None,
                stem,
                pauses: request.pauses,
                articles,
                lexicons: Vec::new(),
                about: Metadata::default(),
                intro: None,
                outro: None,
            })
        }
    }
}

/// The files a build wrote and what it made.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// The audio files written: WAV, MP3 or both.
    pub audio: Vec<PathBuf>,
    /// Integrated loudness (LUFS) and sample peak (dBFS) of the finished audio.
    pub loudness: Option<(f64, f64)>,
    pub chapters: PathBuf,
    pub script: PathBuf,
    pub timeline: Timeline,
    pub chunks: usize,
    /// Chunks synthesized now, and chunks taken from the cache.
    pub synthesized: usize,
    pub cached: usize,
    pub elapsed: Duration,
    pub notice: Option<String>,
}

/// Where a build stands, reported after every chunk.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    /// Seconds of speech made so far.
    pub audio_secs: f64,
    pub elapsed: Duration,
}

/// Where and whether to cache rendered chunks.
#[derive(Debug, Clone)]
pub struct Output {
    pub dir: PathBuf,
    /// `None` disables the cache.
    pub cache: Option<PathBuf>,
}

/// Builds the edition into `output.dir`, calling `progress` after each chunk.
pub fn build(
    request: &Request,
    output: &Output,
    progress: &mut dyn FnMut(Progress),
) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let out_dir = output.dir.as_path();
    let prepared = prepare(request)?;
    let sample_rate = prepared.sample_rate()?;
    let output_error = |source: std::io::Error| BuildError::Output {
        path: out_dir.display().to_string(),
        source,
    };
    std::fs::create_dir_all(out_dir).map_err(output_error)?;
    check_writable(out_dir).map_err(output_error)?;
    let cache = output.cache.as_deref().map(ChunkCache::new);

    let stem = &prepared.stem;
    let script = &prepared.script;
    // An unchanged build (same script, voices, settings and music, outputs still there) is
    // already done: say so without synthesizing or mastering anything.
    let record = out_dir.join(format!(".{stem}.build.json"));
    let key = build_key(&prepared, request);
    if cache.is_some() {
        if let Some(mut report) = up_to_date(&record, &key) {
            report.elapsed = started.elapsed();
            report.notice = prepared.notice.clone();
            return Ok(report);
        }
    }
    let mut stitcher =
        Stitcher::create(&out_dir.join(stem), sample_rate, request.mastering.clone())?;
    let (mut synthesized, mut cached, mut audio_samples) = (0, 0, 0usize);
    let total = script.chunks.len();
    if let Some(intro) = &prepared.intro {
        push_music(&prepared, &mut stitcher, intro, "Intro")?;
    }
    let article_starts: BTreeMap<usize, usize> = script
        .chapters
        .iter()
        .filter(|c| c.kind == crate::model::ChapterKind::Article)
        .map(|c| (c.first_chunk, c.article))
        .collect();
    render_chunks(
        &prepared,
        0..total,
        request.jobs,
        cache.as_ref(),
        |chunk, clip, source| {
            match source {
                Source::Cache => cached += 1,
                Source::Synthesized => synthesized += 1,
            }
            audio_samples += clip.samples.len();
            let interlude = article_starts
                .get(&chunk.index)
                .and_then(|article| prepared.interludes.get(article));
            if let Some(path) = interlude {
                let (rate, samples) = decode_music(path)?;
                stitcher.push_music(rate, samples, None, None, MUSIC_PAUSE_MS)?;
            }
            stitcher.push(chunk, &clip)?;
            let audio_secs = audio_samples as f64 / f64::from(sample_rate);
            progress(Progress {
                done: chunk.index + 1,
                total,
                audio_secs,
                elapsed: started.elapsed(),
            });
            Ok(())
        },
    )?;
    if let Some(outro) = &prepared.outro {
        push_music(&prepared, &mut stitcher, outro, "Outro")?;
    }
    let mastered = stitcher.finish(script, &prepared.metadata)?;
    let timeline = &mastered.timeline;
    let chapters = out_dir.join(format!("{stem}.chapters.json"));
    let script_path = out_dir.join(format!("{stem}.script.json"));
    let write = |path: &Path, text: String| {
        crate::atomic::write(path, text.as_bytes()).map_err(|source| BuildError::Output {
            path: path.display().to_string(),
            source,
        })
    };
    write(
        &chapters,
        sidecars::chapters_json(script, timeline, &prepared.metadata),
    )?;
    write(&script_path, sidecars::timed_script_json(script, timeline))?;
    let cues = transcript::cues(script, timeline);
    write(
        &out_dir.join(format!("{stem}.vtt")),
        transcript::vtt(&prepared.metadata, &cues),
    )?;
    write(&out_dir.join(format!("{stem}.srt")), transcript::srt(&cues))?;
    write(
        &out_dir.join(format!("{stem}.ffmeta")),
        chapter_files::ffmetadata(script, timeline),
    )?;
    write(
        &out_dir.join(format!("{stem}.cue")),
        chapter_files::cue_sheet(script, timeline, &format!("{stem}.wav")),
    )?;
    write(
        &out_dir.join(format!("{stem}.labels.txt")),
        chapter_files::audacity_labels(timeline),
    )?;
    let report = BuildReport {
        audio: mastered.files.clone(),
        loudness: mastered.loudness,
        chapters,
        script: script_path,
        timeline: mastered.timeline.clone(),
        chunks: total,
        synthesized,
        cached,
        elapsed: started.elapsed(),
        notice: prepared.notice.clone(),
    };
    // Remembering the build is an optimization: failing to write the record costs nothing.
    let _ = crate::atomic::write(
        &record,
        &serde_json::to_vec(&BuildRecord::of(&key, &report)).unwrap_or_default(),
    );
    Ok(report)
}

/// What a finished build leaves behind to recognize itself next time.
#[derive(serde::Serialize, serde::Deserialize)]
struct BuildRecord {
    key: String,
    files: Vec<PathBuf>,
    chapters: PathBuf,
    script: PathBuf,
    timeline: Timeline,
    loudness: Option<(f64, f64)>,
    chunks: usize,
}

impl BuildRecord {
    fn of(key: &str, report: &BuildReport) -> BuildRecord {
        BuildRecord {
            key: key.to_string(),
            files: report.audio.clone(),
            chapters: report.chapters.clone(),
            script: report.script.clone(),
            timeline: report.timeline.clone(),
            loudness: report.loudness,
            chunks: report.chunks,
        }
    }
}

/// Everything that decides a build's output: voxpress's version, the script, each voice's
/// fingerprint, the mastering settings, the metadata and the music and cover files (by size and
/// modification time).
fn build_key(prepared: &Prepared, request: &Request) -> String {
    use sha2::{Digest, Sha256};
    let stamp = |path: &Path| {
        let meta = std::fs::metadata(path).ok();
        let modified = meta
            .as_ref()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        format!(
            "{}:{}:{modified}",
            path.display(),
            meta.map_or(0, |m| m.len())
        )
    };
    let mut hasher = Sha256::new();
    hasher.update(env!("CARGO_PKG_VERSION"));
    hasher.update(serde_json::to_vec(&prepared.script).unwrap_or_default());
    for (name, backend) in &prepared.backends {
        hasher.update(format!("{name}={}", backend.fingerprint()));
    }
    hasher.update(format!("{:?}{:?}", request.mastering, prepared.metadata));
    let music = prepared
        .intro
        .iter()
        .chain(&prepared.outro)
        .map(|m| format!("{}{:?}", stamp(&m.audio), m.text));
    for part in music
        .chain(
            prepared
                .interludes
                .iter()
                .map(|(k, p)| format!("{k}:{}", stamp(p))),
        )
        .chain(prepared.metadata.cover.iter().map(|c| stamp(c)))
    {
        hasher.update(part);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The report of the recorded build if its key is `key` and every file it wrote is still there.
fn up_to_date(record: &Path, key: &str) -> Option<BuildReport> {
    let text = std::fs::read(record).ok()?;
    let record: BuildRecord = serde_json::from_slice(&text).ok()?;
    let present = record
        .files
        .iter()
        .chain([&record.chapters, &record.script])
        .all(|f| f.is_file());
    (record.key == key && present).then_some(BuildReport {
        audio: record.files,
        loudness: record.loudness,
        chapters: record.chapters,
        script: record.script,
        timeline: record.timeline,
        chunks: record.chunks,
        synthesized: 0,
        cached: record.chunks,
        elapsed: Duration::ZERO,
        notice: None,
    })
}

/// Silence after intro, interlude and outro music, in milliseconds.
const MUSIC_PAUSE_MS: u32 = 600;

fn decode_music(path: &Path) -> Result<(u32, Vec<f32>), BuildError> {
    crate::stitch::music::decode(path).map_err(|message| BuildError::Music {
        path: path.display().to_string(),
        message,
    })
}

/// Intro or outro music, its words said over it by the first article's voice.
fn push_music(
    prepared: &Prepared,
    stitcher: &mut Stitcher,
    music: &Music,
    title: &str,
) -> Result<(), BuildError> {
    let (rate, samples) = decode_music(&music.audio)?;
    let voice = match &music.text {
        Some(text) => {
            let name = prepared
                .script
                .articles
                .first()
                .map(|a| a.voice.clone())
                .unwrap_or_default();
            let backend = &prepared.backends[&name];
            let spoken = Normalizer::default().normalize(text).text;
            let clip = backend
                .synthesize(&spoken)
                .map_err(|source| BuildError::Voice {
                    article: format!("{} text", title.to_lowercase()),
                    source,
                })?;
            Some(clip)
        }
        None => None,
    };
    stitcher.push_music(rate, samples, voice, Some(title), MUSIC_PAUSE_MS)?;
    Ok(())
}

/// Renders the chunks `range` of a prepared script on `jobs` workers through `cache`, handing
/// each clip to `deliver` in script order. A chunk that fails is an error naming it and its source
/// line; the chunks finished before it stay cached.
pub fn render_chunks(
    prepared: &Prepared,
    range: std::ops::Range<usize>,
    jobs: usize,
    cache: Option<&ChunkCache>,
    mut deliver: impl FnMut(&Chunk, Clip, Source) -> Result<(), BuildError>,
) -> Result<(), BuildError> {
    let script = &prepared.script;
    let chunks =
        &script.chunks[range.start.min(script.chunks.len())..range.end.min(script.chunks.len())];
    let work: Vec<Job> = chunks
        .iter()
        .map(|chunk| Job {
            text: &chunk.text,
            backend: prepared.backends[&script.articles[chunk.article].voice].as_ref(),
        })
        .collect();
    let rendered = scheduler::render(&work, jobs, cache, |k, clip, source| {
        deliver(&chunks[k], clip, source)
    });
    match rendered {
        Ok(()) => Ok(()),
        Err(RenderError::Deliver(e)) => Err(e),
        Err(RenderError::Job(failure)) => {
            let chunk = &chunks[failure.index];
            let article = &script.articles[chunk.article];
            Err(BuildError::Chunk {
                chunk: chunk.index,
                location: format!("{}:{}", article.source, chunk.span.line),
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
