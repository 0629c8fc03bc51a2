//! `voxpress play`, start to end: finished files queued one after another, or an edition
//! synthesized while it plays ([`super::live`]); where to start (a chapter, a time, a sentence,
//! or where the listener stopped last time: [`super::resume`]); the speed; and the listener's
//! keys and display ([`super::terminal`]).

use super::tape::Tape;
use super::terminal::{self, clock, Display, Ended};
use super::{file, live, resume, PlayError, Session};
use crate::cancel::Cancel;
use crate::pipeline::{self, BuildError, Request};
use crate::synth::cache::ChunkCache;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// Where to start.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Start {
    /// 1-based chapter to play, alone.
    pub chapter: Option<usize>,
    /// Seconds from the start (of the chapter, with `chapter`) to begin at.
    pub from_secs: Option<f64>,
    /// 1-based sentence to begin at.
    pub from_sentence: Option<usize>,
}

impl Start {
    fn is_given(&self) -> bool {
        self.chapter.is_some() || self.from_secs.is_some() || self.from_sentence.is_some()
    }
}

/// How to play.
#[derive(Debug, Clone)]
pub struct PlayOptions {
    pub start: Start,
    /// Playback speed, 0.5 to 4 (pitch unchanged).
    pub speed: f32,
    /// Chunks synthesized at once.
    pub jobs: usize,
    /// The chunk cache for articles (shared with `build` when it is the same folder).
    pub cache: PathBuf,
    /// Take keys from the terminal.
    pub keys: bool,
    pub display: Display,
    /// Start where the listener stopped last time, when no start is given.
    pub resume: bool,
    /// Set by Ctrl-C and SIGTERM (see [`Cancel::on_interrupt`]): quits as a key would.
    pub interrupt: Cancel,
}

/// Resumed playback begins this much before where the listener stopped, to pick up the thread.
const RESUME_LEAD_SECS: f64 = 2.0;

/// Plays finished audio files one after another; the start applies to the first.
pub fn play_files(paths: &[PathBuf], options: &PlayOptions) -> Result<(), PlayError> {
    for (k, path) in paths.iter().enumerate() {
        let asked = Instant::now();
        let loaded = file::load(path)?;
        let start = if k == 0 {
            options.start
        } else {
            Start::default()
        };
        let what = Played {
            name: path.display().to_string(),
            key: loaded.key,
            chapters_on_tape: true,
        };
        if listen(Arc::new(loaded.tape), &what, start, options, asked)? == Ended::Quit {
            break;
        }
    }
    Ok(())
}

/// Plays the edition `request` describes while it is synthesized, through the cache.
pub fn play_edition(request: &Request, options: &PlayOptions) -> Result<(), PlayError> {
    let asked = Instant::now();
    let prepared = pipeline::prepare(request)?;
    for notice in &prepared.notices {
        eprintln!("{notice}");
    }
    let range = live::chunk_range(&prepared.script, options.start.chapter)?;
    let tape = Arc::new(
        Tape::create(prepared.sample_rate()?).map_err(|e| PlayError::Tape(e.to_string()))?,
    );
    let cache = ChunkCache::new(&options.cache);
    let stop = Cancel::new();
    let script = serde_json::to_vec(&prepared.script).unwrap_or_default();
    let what = Played {
        name: prepared.stem.clone(),
        key: resume::key_of(&script),
        chapters_on_tape: false,
    };
    std::thread::scope(|scope| {
        let feeder =
            scope.spawn(|| live::feed(&prepared, range, options.jobs, Some(&cache), &stop, &tape));
        let played = listen(tape.clone(), &what, options.start, options, asked);
        // Quitting (or a device that would not open) stops the synthesis at the next chunk.
        stop.stop();
        let fed = feeder.join();
        played?;
        match fed {
            Ok(Ok(())) | Ok(Err(BuildError::Stopped)) => Ok(()),
            Ok(Err(e)) => Err(e.into()),
            Err(_) => Err(PlayError::Tape("the synthesis stopped unexpectedly".into())),
        }
    })
}

/// What is being played, for messages and for resuming.
struct Played {
    name: String,
    key: String,
    /// The tape holds every chapter (a file), not only the one asked for (an edition's chapter).
    chapters_on_tape: bool,
}

/// Plays one tape from where `start` (or the memory of last time) says, to its end or until the
/// listener quits, and remembers where they stopped.
fn listen(
    tape: Arc<Tape>,
    what: &Played,
    start: Start,
    options: &PlayOptions,
    asked: Instant,
) -> Result<Ended, PlayError> {
    let rate = f64::from(tape.sample_rate());
    let frame = |secs: f64| (secs.max(0.0) * rate) as u64;
    let mut begin = start.from_secs.map_or(0, frame);
    let mut stop = None;
    if let (Some(n), true) = (start.chapter, what.chapters_on_tape) {
        let chapters = tape.chapters();
        let Some((first, _)) = n.checked_sub(1).and_then(|k| chapters.get(k)) else {
            return Err(PlayError::NoChapter {
                path: what.name.clone(),
                wanted: n,
                count: chapters.len(),
            });
        };
        begin += *first;
        stop = chapters.get(n).map(|c| c.0);
    }
    if let Some(n) = start.from_sentence {
        // An edition's sentences are marked as they are synthesized: wait for this one.
        while tape.sentence_count() < n && !tape.is_done() {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let mark = n
            .checked_sub(1)
            .and_then(|k| tape.sentence(k))
            .ok_or_else(|| PlayError::NoSentence {
                what: what.name.clone(),
                wanted: n,
                count: tape.sentence_count(),
            })?;
        begin = mark.frame;
    }
    if !start.is_given() && options.resume {
        if let Some(secs) = resume::recall(&what.key) {
            begin = frame(secs - RESUME_LEAD_SECS);
            let line = format!(
                "{}: resuming at {}, where you stopped; --from-start plays it from the beginning",
                what.name,
                clock(begin as f64 / rate)
            );
            eprintln!("{line}");
        }
    }
    let past_end = |tape: &Tape| tape.is_done() && begin > 0 && begin >= tape.written();
    let too_far = |tape: &Tape| PlayError::PastEnd {
        what: what.name.clone(),
        asked: clock(begin as f64 / rate),
        length: clock(tape.written() as f64 / rate),
    };
    if past_end(&tape) {
        return Err(too_far(&tape));
    }
    let session = Session::start(tape.clone(), begin, stop)?;
    session.set_speed(options.speed);
    let ended = terminal::drive(&session, options.keys, options.display, &options.interrupt)
        .map_err(PlayError::Terminal)?;
    if ended == Ended::Finished {
        // Let the device play out what it was given.
        std::thread::sleep(std::time::Duration::from_millis(300));
        if session.first_audio_at().is_none() && past_end(&tape) {
            return Err(too_far(&tape));
        }
        // Played to the end from where it left off: nothing to resume. A start given (a
        // chapter, a time) leaves the memory of the listener's place as it was.
        if !start.is_given() {
            resume::forget(&what.key);
        }
    } else {
        let at = session.position_secs();
        if at > RESUME_LEAD_SECS {
            resume::remember(&what.key, &what.name, at);
        }
    }
    if !options.keys {
        if let Some(first) = terminal::first_audio_after(&session, asked) {
            eprintln!(
                "played to {}, first audio after {first:.2} s",
                clock(session.position_secs())
            );
        }
    }
    Ok(ended)
}
