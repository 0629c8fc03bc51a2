//! `voxpress play` and `voxpress say`: the binary's side of playback. It chooses what goes on the
//! tape (a finished file, or an article synthesized chunk by chunk through the build's cache),
//! starts the session and, in a terminal, turns keys into controls with one status line.

use crate::cli::{PlayArgs, SayArgs};
use anyhow::{anyhow, Result};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use voxpress::cancel::Cancel;
use voxpress::normalize::{Lexicon, Normalizer};
use voxpress::pipeline::{self, BuildError};
use voxpress::play::tape::Tape;
use voxpress::play::{self, Session, Span};
use voxpress::synth::cache::ChunkCache;

fn is_audio_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "wav" | "mp3" | "flac" | "ogg"
        )
    })
}

pub fn play(args: PlayArgs) -> Result<()> {
    let asked = Instant::now();
    let span = Span {
        chapter: args.chapter.map(usize::from),
        from_secs: args.from,
    };
    let inputs = &args.input.inputs;
    if let [path] = inputs.as_slice() {
        if is_audio_file(path) {
            let tape = Arc::new(play::load_file(path)?);
            let (start, stop) = play::frames_for(&tape, span, path)?;
            let session = Session::start(tape, start, stop)?;
            return drive(&session, asked);
        }
    }
    if args.input.voice.as_deref() == Some("system") {
        // The script alone is wanted (the system voice renders nothing); any voice that opens
        // everywhere will do to make it.
        let mut request = args.input.request(None, 1);
        request.voice = Some("fake".into());
        let prepared = pipeline::prepare(&request)?;
        return speak_live(
            prepared
                .script
                .spoken_lines()
                .iter()
                .map(|s| s.to_string())
                .collect(),
        );
    }
    let jobs = args
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let request = args.input.request(None, jobs);
    let prepared = pipeline::prepare(&request)?;
    for notice in &prepared.notices {
        eprintln!("{notice}");
    }
    let script = &prepared.script;
    let rate = prepared.sample_rate()?;
    let range = match span.chapter {
        None => 0..script.chunks.len(),
        Some(n) => {
            let chapter = script.chapters.get(n - 1).ok_or_else(|| {
                anyhow!(
                    "there is no chapter {n}; this script has {}",
                    script.chapters.len()
                )
            })?;
            let end = script
                .chapters
                .get(n)
                .map_or(script.chunks.len(), |c| c.first_chunk);
            chapter.first_chunk..end
        }
    };
    let tape = Arc::new(Tape::create(rate)?);
    let cache = ChunkCache::new(&args.cache);
    let stop = Cancel::new();
    let start = span.from_secs.map_or(0, |s| (s * f64::from(rate)) as u64);
    std::thread::scope(|scope| -> Result<()> {
        let feeder = scope.spawn(|| {
            let result = pipeline::render_chunks(
                &prepared,
                range.clone(),
                jobs,
                Some(&cache),
                &stop,
                |chunk, clip, _| {
                    for chapter in script
                        .chapters
                        .iter()
                        .filter(|c| c.first_chunk == chunk.index)
                    {
                        tape.mark_chapter(&chapter.title);
                    }
                    let io = |e: std::io::Error| BuildError::Output {
                        path: "the playback tape".into(),
                        source: e,
                    };
                    // The same seams as a build: trimmed silences, faded ends.
                    let mut samples = clip.samples;
                    voxpress::stitch::seams::trim_and_fade(&mut samples, rate);
                    tape.append(&samples).map_err(io)?;
                    let pause = u64::from(chunk.pause_ms) * u64::from(rate) / 1000;
                    // The pause after the last chunk played is silence nobody needs.
                    if chunk.index + 1 < range.end {
                        tape.silence(pause).map_err(io)?;
                    }
                    Ok(())
                },
            );
            tape.finish();
            result
        });
        let played = Session::start(tape.clone(), start, None)
            .map_err(anyhow::Error::from)
            .and_then(|session| drive(&session, asked));
        // Quitting (or a device that would not open) stops the synthesis at the next chunk.
        stop.cancel(QUIT);
        let fed = feeder.join();
        played?;
        match fed {
            Ok(Err(BuildError::Interrupted { .. })) | Ok(Ok(())) | Err(_) => Ok(()),
            Ok(Err(e)) => Err(e.into()),
        }
    })
}

/// The "signal" with which quitting playback cancels the synthesis behind it (SIGINT's number).
const QUIT: i32 = 2;

pub fn say(args: SayArgs) -> Result<()> {
    let voice = args
        .voice
        .clone()
        .unwrap_or_else(|| pipeline::default_voice().0);
    let on_top = Lexicon::load_all(&args.lexicon)?;
    let normalizer = pipeline::normalizer_for_voice(&Normalizer::default(), &voice, &on_top)?;
    if voice == "system" {
        let spoken = normalizer.normalize(&args.text).text;
        return speak_live(vec![spoken]);
    }
    let backend = voxpress::synth::open_voice(&voice, voxpress::synth::OpenOptions::default())?;
    let spoken = normalizer.normalize(&args.text).text;
    if !spoken.chars().any(char::is_alphanumeric) {
        return Err(anyhow!("there is nothing to say in {:?}", args.text));
    }
    let samples = backend.synthesize(&spoken)?;
    let tape = Arc::new(Tape::create(backend.sample_rate())?);
    tape.append(&samples)?;
    tape.finish();
    let session = Session::start(tape, 0, None)?;
    session.wait();
    Ok(())
}

#[cfg(feature = "system-voice")]
fn speak_live(lines: Vec<String>) -> Result<()> {
    voxpress::synth::system::speak(&lines, &|| false)?;
    Ok(())
}

#[cfg(not(feature = "system-voice"))]
fn speak_live(_lines: Vec<String>) -> Result<()> {
    Err(anyhow!(
        "this voxpress was built without the system voice; rebuild it with the `system-voice` feature"
    ))
}

/// Plays to the end: with keys and a status line in a terminal, else quietly, reporting at the
/// end how long after `asked` (the command's start) the first audio came.
fn drive(session: &Session, asked: Instant) -> Result<()> {
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if !interactive {
        session.wait();
        if let Some(first) = session.first_audio_at() {
            eprintln!(
                "played to {}, first audio after {:.2} s",
                clock(session.position_secs()),
                first.saturating_duration_since(asked).as_secs_f64()
            );
        }
        return Ok(());
    }
    use crossterm::event::{self, Event, KeyCode, KeyEventKind};
    crossterm::terminal::enable_raw_mode()?;
    let result = (|| -> Result<()> {
        let mut stderr = std::io::stderr();
        let mut paused = false;
        while !session.is_finished() {
            if event::poll(Duration::from_millis(100))? {
                if let Event::Key(key) = event::read()? {
                    if key.kind != KeyEventKind::Press {
                        continue;
                    }
                    match key.code {
                        KeyCode::Char(' ') => paused = !session.toggle_pause(),
                        KeyCode::Char('n') => session.jump_chapter(true),
                        KeyCode::Char('p') => session.jump_chapter(false),
                        KeyCode::Right => session.seek_by(10.0),
                        KeyCode::Left => session.seek_by(-10.0),
                        KeyCode::Char('q') | KeyCode::Esc => session.quit(),
                        KeyCode::Char('c')
                            if key.modifiers.contains(event::KeyModifiers::CONTROL) =>
                        {
                            session.quit()
                        }
                        _ => {}
                    }
                }
            }
            let chapter = session
                .chapter()
                .map(|(n, title)| format!("{n}. {title}"))
                .unwrap_or_default();
            let state = if paused { "paused" } else { "playing" };
            write!(
                stderr,
                "\r\x1b[2K{state} {}  {chapter}   [space] pause  [n/p] chapter  [←/→] 10 s  [q] quit",
                clock(session.position_secs())
            )?;
            stderr.flush()?;
        }
        writeln!(stderr, "\r")?;
        Ok(())
    })();
    crossterm::terminal::disable_raw_mode()?;
    result
}

fn clock(secs: f64) -> String {
    let s = secs.max(0.0) as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}
