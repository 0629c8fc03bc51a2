//! `voxpress play` and `voxpress say`: their arguments made into the library's play options, and
//! the system voice, which speaks live and has no tape.

use crate::cli::{PlayArgs, SayArgs};
use anyhow::{anyhow, Result};
use std::io::IsTerminal;
use std::sync::Arc;
use voxpress::normalize::{Lexicon, Normalizer};
use voxpress::pipeline;
use voxpress::play::player::{self, PlayOptions, Start};
use voxpress::play::tape::Tape;
use voxpress::play::terminal::Display;
use voxpress::play::{file, PlayError, Session};

pub fn play(args: PlayArgs, plain: bool) -> Result<()> {
    let inputs = &args.input.inputs;
    let files = inputs.iter().filter(|p| file::is_audio_file(p)).count();
    if files > 0 && files < inputs.len() {
        return Err(PlayError::Mixed.into());
    }
    let speed = if files > 0 {
        finished_file_speed(&args)?
    } else {
        args.speed
    };
    if files == 0 && args.input.voice.as_deref() == Some("system") {
        return speak_system(&args);
    }
    let jobs = args
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let keys = std::io::stdin().is_terminal();
    let display = if plain {
        Display::Plain
    } else if keys && std::io::stderr().is_terminal() {
        Display::Status
    } else {
        Display::Quiet
    };
    let cache = args.cache.clone().unwrap_or_else(|| {
        voxpress::synth::locate::cache_home()
            .map_or_else(|| "output/.cache".into(), |c| c.join("chunks"))
    });
    let options = PlayOptions {
        start: Start {
            chapter: args.chapter.map(usize::from),
            from_secs: args.from,
            from_sentence: args.from_sentence.map(|n| n as usize),
        },
        speed,
        jobs,
        cache,
        keys,
        display,
        resume: !args.from_start,
        interrupt: voxpress::cancel::Cancel::new(),
    };
    options.interrupt.on_interrupt()?;
    if files > 0 {
        player::play_files(inputs, &options)?;
    } else {
        player::play_edition(&args.input.request(None, jobs), &options)?;
    }
    Ok(())
}

/// The speed to play finished files at: `--speed`, or `--rate` taken as the speed (a listener
/// asking for a faster reading gets one). The flags that change how an article is read are
/// refused: a finished file is already read.
fn finished_file_speed(args: &PlayArgs) -> Result<f32, PlayError> {
    let flags = args.input.reading_flags_given();
    if !flags.is_empty() {
        let them = if flags.len() == 1 { "it" } else { "them" };
        let flags = flags.join(", ");
        return Err(PlayError::ReadingFlags { flags, them });
    }
    let rate = args.input.rate;
    match (rate.is_normal(), args.speed == 1.0) {
        (true, _) => Ok(args.speed),
        (false, true) => Ok(rate.get()),
        (false, false) => Err(PlayError::RateAndSpeed),
    }
}

/// An article read by the computer's own voice: its script's spoken lines, live.
fn speak_system(args: &PlayArgs) -> Result<()> {
    // The script alone is wanted (the system voice renders nothing); espeak-ng, which opens
    // everywhere, will do to make it.
    let mut request = args.input.request(None, 1);
    request.voice = Some("espeak".into());
    let prepared = pipeline::prepare(&request)?;
    speak_live(
        prepared
            .script
            .spoken_lines()
            .iter()
            .map(|s| s.to_string())
            .collect(),
    )
}

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
    let options = voxpress::synth::OpenOptions {
        rate: args.rate.get(),
        ..Default::default()
    };
    let backend = voxpress::synth::open_voice(&voice, options)?;
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
