//! The build pipeline: inputs -> documents -> script -> clips -> mastered audio and sidecars.
//! This file prepares (inputs, voices, lexicons, script); [`build`] synthesizes and finishes.
//!
//! This is the only module that knows every stage; each stage only sees the data types of
//! [`crate::model`]. Everything that can be checked before synthesis (files, manifest, voices,
//! output folder) is checked first, so bad input fails fast and leaves no output behind.

use crate::cancel::Cancel;
use crate::edition::{self, EditionError, Music};
use crate::ingest::{self, IngestError};
use crate::model::{reader_key, Document, MusicPart, Passage, PauseTable, Rate, Script};
use crate::normalize::{Lexicon, LexiconError, Normalizer};
use crate::script::{
    self, ArticlePlan, BylinePolicy, CaptionPolicy, CodePolicy, ScriptError, ScriptSettings,
};
use crate::stitch::{Mastering, Metadata, StitchError};
use crate::synth::{self, Backend, OpenOptions, SynthError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use thiserror::Error;

mod build;
mod record;

pub use build::{build, lay_out, render_chunks, BuildReport, Output, Progress};

/// The voices used when none is chosen, the first installed: Kokoro's af_heart (cleared for
/// commercial use, and on the shared sample no worse by the ASR tool's word error rate than joe
/// in the same run: see the README), then joe. An edition that names a voice keeps it.
pub const PREFERRED_VOICES: &[&str] = &["af_heart", "joe"];
/// The voice used when no preferred one is installed: always there.
pub const FALLBACK_VOICE: &str = "espeak";

/// The default voice: the first installed of [`PREFERRED_VOICES`], else espeak with a notice
/// saying how to get the natural voices.
pub fn default_voice() -> (String, Option<String>) {
    if let Some(voice) = PREFERRED_VOICES
        .iter()
        .find(|v| synth::registry::is_installed(v))
    {
        return (voice.to_string(), None);
    }
    let notice = format!(
        "note: reading with espeak; for the natural '{}' voice run `voxpress setup` (or `bash scripts/setup.sh` in a checkout)",
        PREFERRED_VOICES[0]
    );
    (FALLBACK_VOICE.to_string(), Some(notice))
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
    #[error("{folder}: the disk is full ({source}); free some space there, or choose another folder with --out")]
    DiskFull {
        folder: String,
        source: std::io::Error,
    },
    #[error("{path}: already being built by {holder}; wait for it to finish, or build into another folder with --out")]
    Busy { path: String, holder: String },
    #[error("interrupted ({}); the chunks finished so far are cached, and the next build resumes there", signal_name(*signal))]
    Interrupted { signal: i32 },
    /// The listener stopped: what was being synthesized for them is no longer wanted.
    #[error("stopped by the listener; the chunks finished so far are cached")]
    Stopped,
    #[error("the voices of this edition speak at different sample rates ({rates}); use voices with one rate")]
    MixedRates { rates: String },
    #[error("{0}")]
    Usage(String),
}

/// How the user knows the signal that stopped a build.
fn signal_name(signal: i32) -> &'static str {
    match signal {
        2 => "Ctrl-C",
        15 => "SIGTERM",
        _ => "signal",
    }
}

impl BuildError {
    /// What a cancelled token means: the listener stopped ([`Cancel::stop`]), or a signal.
    pub fn cancelled(signal: i32) -> BuildError {
        if signal == crate::cancel::STOPPED {
            BuildError::Stopped
        } else {
            BuildError::Interrupted { signal }
        }
    }

    /// True when the user's input is at fault (exit code 2), false for failures while working.
    pub fn is_bad_input(&self) -> bool {
        if let BuildError::Ingest(e) = self {
            return !e.is_network();
        }
        !matches!(
            self,
            BuildError::Chunk { .. }
                | BuildError::Stitch(_)
                | BuildError::DiskFull { .. }
                | BuildError::Interrupted { .. }
                | BuildError::Stopped
        )
    }

    /// The process exit code for this error: 128 + the signal for an interrupt, 2 for bad input,
    /// 1 for a failure while working.
    pub fn exit_code(&self) -> u8 {
        match self {
            BuildError::Interrupted { signal } => {
                u8::try_from(128 + (*signal).clamp(1, 127)).unwrap_or(130)
            }
            e if e.is_bad_input() => 2,
            _ => 1,
        }
    }

    /// An output that could not be written: a full disk is a failure while working, any other
    /// cause (a folder that is not writable) is the user's to fix.
    pub fn output(path: &Path, source: std::io::Error) -> BuildError {
        if crate::atomic::is_disk_full(&source) {
            let folder = if path.is_dir() {
                path
            } else {
                path.parent().unwrap_or(path)
            };
            return BuildError::DiskFull {
                folder: folder.display().to_string(),
                source,
            };
        }
        BuildError::Output {
            path: path.display().to_string(),
            source,
        }
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
    /// Blocks of code on web pages: read or skipped.
    pub code: CodePolicy,
    /// Bylines, publication dates and datelines: read or skipped.
    pub bylines: BylinePolicy,
    /// Output rate, loudness and formats.
    pub mastering: Mastering,
    /// Chunks synthesized at once.
    pub jobs: usize,
    /// The listener's speaking rate, over the edition's and each article's own.
    pub rate: Rate,
    /// The encoding of the article files (`None`: UTF-8, or as a byte order mark says).
    pub encoding: Option<ingest::Encoding>,
    /// Fetch articles given by web address again, even when they are in the page cache.
    pub refresh: bool,
    /// Stops the build when set (the binary sets it on Ctrl-C and SIGTERM).
    pub cancel: Cancel,
}

impl Request {
    /// Where pages fetched by address are kept: `$XDG_CACHE_HOME/voxpress/pages`.
    pub fn pages(&self) -> ingest::fetch::PageCache {
        let home = crate::synth::locate::cache_home()
            .unwrap_or_else(|| std::env::temp_dir().join("voxpress"));
        ingest::fetch::PageCache {
            dir: home.join("pages"),
            refresh: self.refresh,
        }
    }
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
    /// Notices for the user, one line each: which voice was chosen for them, what in the
    /// articles will not be read as written.
    pub notices: Vec<String>,
}

struct PlannedArticle {
    path: PathBuf,
    title: Option<String>,
    voice: String,
    rate: Rate,
    interlude: Option<PathBuf>,
}

/// `base` with the voice's own lexicon (from its preset) added, then `on_top` (the edition's and
/// the command line's), each later entry replacing an earlier one.
pub fn normalizer_for_voice(
    base: &Normalizer,
    voice: &str,
    on_top: &Lexicon,
) -> Result<Normalizer, LexiconError> {
    let mut lexicon = (*base.lexicon).clone();
    if let Some(path) = synth::voice_lexicon(voice) {
        lexicon = lexicon.with(&Lexicon::load(&path)?);
    }
    Ok(Normalizer {
        lexicon: Arc::new(lexicon.with(on_top)),
        ..base.clone()
    })
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
    let on_top = Lexicon::load_all(edition_lexicons.iter().chain(&request.lexicons))?;
    let mut normalizers: BTreeMap<String, Normalizer> = BTreeMap::new();
    for article in &planned {
        if !normalizers.contains_key(&article.voice) {
            let normalizer = normalizer_for_voice(&request.normalizer, &article.voice, &on_top)?;
            normalizers.insert(article.voice.clone(), normalizer);
        }
    }
    let notice = notice.filter(|_| planned.iter().any(|a| a.voice == FALLBACK_VOICE));
    let documents: Vec<Document> = planned
        .iter()
        .map(|a| ingest::read_article(&a.path, request.encoding, &request.pages()))
        .collect::<Result<_, _>>()?;
    let mut backends: BTreeMap<String, Box<dyn Backend>> = BTreeMap::new();
    let options = OpenOptions {
        jobs: request.jobs.max(1),
        ..OpenOptions::default()
    };
    for article in &planned {
        if let std::collections::btree_map::Entry::Vacant(slot) =
            backends.entry(reader_key(&article.voice, article.rate))
        {
            let options = OpenOptions {
                rate: article.rate.get(),
                ..options
            };
            let backend =
                synth::open_voice(&article.voice, options).map_err(|source| BuildError::Voice {
                    article: article.path.display().to_string(),
                    source,
                })?;
            slot.insert(backend);
        }
    }
    let plans: Vec<ArticlePlan> = planned
        .iter()
        .zip(&documents)
        .map(|(a, document)| ArticlePlan {
            document,
            title: a.title.clone(),
            voice: a.voice.clone(),
            max_chunk_chars: backends[&reader_key(&a.voice, a.rate)]
                .engine()
                .max_chunk_chars,
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
        code: request.code,
        bylines: request.bylines,
        pauses: pauses.unwrap_or_default(),
    };
    let mut script = script::build(&title, &plans, &settings)?;
    // Each article read at its rate, its pauses shortened (or lengthened) with it.
    for (article, plan) in script.articles.iter_mut().zip(&planned) {
        article.rate = plan.rate;
    }
    for chunk in &mut script.chunks {
        chunk.pause_ms = script.articles[chunk.article].rate.pause_ms(chunk.pause_ms);
    }
    // The words said over the intro and outro music, in the first article's voice.
    for (music, part) in [(&intro, MusicPart::Intro), (&outro, MusicPart::Outro)] {
        if let (Some(text), Some(first)) = (
            music.as_ref().and_then(|m| m.text.as_ref()),
            planned.first(),
        ) {
            script.passages.push(Passage {
                part,
                written: text.trim().to_string(),
                spoken: normalizers[&first.voice].normalize(text).text,
            });
        }
    }
    // Who reads, credited in the tags, and a word for voices not cleared for commercial use.
    let mut credits = Vec::new();
    let mut licence_notices = Vec::new();
    let voices: std::collections::BTreeSet<&String> = planned.iter().map(|a| &a.voice).collect();
    for name in voices {
        let Some(entry) = synth::registry::voice_entry(name) else {
            continue;
        };
        let licence = entry.licence.clone();
        credits.push(match &licence {
            Some(l) => format!("{name}: {} ({l})", entry.description),
            None => format!("{name}: {}", entry.description),
        });
        match (entry.commercial, &licence) {
            (Some(true), _) => {}
            (Some(false), l) => licence_notices.push(format!(
                "note: the voice '{name}' is not cleared for commercial use ({}); fine to listen to, not for a commercial podcast",
                l.as_deref().unwrap_or("its preset says so")
            )),
            (None, _) => licence_notices.push(format!(
                "note: the voice '{name}' names no licence in its preset; check what it may be used for before you publish"
            )),
        }
    }
    let notices = notice
        .into_iter()
        .chain(licence_notices)
        .chain(documents.iter().flat_map(|d| d.notices.iter().cloned()))
        .chain(script.notices.iter().cloned())
        .collect();
    let interludes = planned
        .iter()
        .enumerate()
        .filter_map(|(k, a)| a.interlude.clone().map(|p| (k, p)))
        .collect();
    Ok(Prepared {
        intro,
        outro,
        interludes,
        metadata: Metadata {
            title,
            // One book or page that names its author, when the edition does not say.
            author: about.author.or_else(|| match documents.as_slice() {
                [one] => one.author.clone(),
                _ => None,
            }),
            // And its date (Markdown front matter's), likewise.
            date: about.date.or_else(|| match documents.as_slice() {
                [one] => one.date.clone(),
                _ => None,
            }),
            // And its description (a web page's).
            description: about.description.or_else(|| match documents.as_slice() {
                [one] => one.description.clone(),
                _ => None,
            }),
            voices: credits,
            ..about
        },
        script,
        stem,
        backends,
        notices,
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
        if ingest::fetch::is_address(&p.to_string_lossy()) {
            return ingest::fetch::stem(&p.to_string_lossy());
        }
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
            let edition_rate = edition.rate;
            let articles = edition
                .articles
                .into_iter()
                .map(|a| {
                    let own = a.rate.or(edition_rate).unwrap_or_default();
                    let rate = request.rate.over(own).map_err(|message| {
                        BuildError::Usage(format!(
                            "{}:{}:{}: this article's rate {own} read at --rate {}: {message}",
                            path.display(),
                            a.at.0,
                            a.at.1,
                            request.rate
                        ))
                    })?;
                    Ok(PlannedArticle {
                        interlude: a.interlude,
                        path: a.path,
                        title: a.title,
                        voice: a.voice.unwrap_or_else(|| default_voice.clone()),
                        rate,
                    })
                })
                .collect::<Result<_, BuildError>>()?;
            let stem = request.name.clone().unwrap_or_else(|| stem_of(path));
            Ok(Plan {
                about: Metadata {
                    title: String::new(),
                    author: edition.author,
                    date: edition.date,
                    description: edition.description,
                    cover: edition.cover,
                    voices: Vec::new(),
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
                    rate: request.rate,
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
