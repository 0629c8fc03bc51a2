//! Play: listening before publishing, and listening fast, through the computer's audio device
//! (rodio), behind the `playback` feature.
//!
//! Whatever is played (finished files, or an edition still being synthesized: [`live`]) goes onto
//! a [`tape::Tape`], a temporary file of PCM that may still be growing, with its chapters and
//! sentences marked; a [`source::TapeSource`] plays it from a playhead the listener moves (pause,
//! seek, sentence, paragraph and chapter jumps), through [`speed::Speed`] (faster or slower,
//! pitch unchanged). Audio not yet synthesized is waited for in silence. [`player`] runs it all,
//! [`terminal`] takes the keys and shows where it is, [`resume`] remembers where it stopped.

pub mod file;
pub mod live;
pub mod player;
pub mod resume;
pub mod source;
pub mod speed;
pub mod tape;
pub mod terminal;

use source::{Control, TapeSource};
use std::num::NonZero;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use tape::Tape;

#[derive(Debug, thiserror::Error)]
pub enum PlayError {
    #[error("no audio device to play on ({0}); on a machine without sound, use `voxpress build` and listen to the file elsewhere")]
    NoDevice(String),
    #[error("{path}: cannot play this file ({message})")]
    File { path: String, message: String },
    #[error("{path}: there is no chapter {wanted}; it has {count}")]
    NoChapter {
        path: String,
        wanted: usize,
        count: usize,
    },
    #[error("{what}: there is no sentence {wanted}; it has {count}")]
    NoSentence {
        what: String,
        wanted: usize,
        count: usize,
    },
    #[error("{what}: it lasts {length}, so there is nothing to play from {asked}; give an earlier --from")]
    PastEnd {
        what: String,
        asked: String,
        length: String,
    },
    #[error("give either finished audio files ({}) or articles to play, not both", file::EXTENSIONS.join(", "))]
    Mixed,
    #[error("a finished file is already read: {flags} would change how an article is read; leave {them} out (--speed or --rate set how fast a file plays)")]
    ReadingFlags { flags: String, them: &'static str },
    #[error(
        "give --rate or --speed to play a finished file, not both (--rate plays it at that speed)"
    )]
    RateAndSpeed,
    #[error("cannot write the audio to play to a temporary file: {0}")]
    Tape(String),
    #[error("cannot use the terminal: {0}")]
    Terminal(std::io::Error),
    #[error(transparent)]
    Build(#[from] crate::pipeline::BuildError),
}

impl PlayError {
    /// 2 for what the listener asked for, 1 for a failure while playing.
    pub fn exit_code(&self) -> u8 {
        match self {
            PlayError::Tape(_) | PlayError::Terminal(_) => 1,
            PlayError::Build(e) => e.exit_code(),
            _ => 2,
        }
    }
}

/// The slowest and fastest playback speeds.
pub const MIN_SPEED: f32 = 0.5;
pub const MAX_SPEED: f32 = 4.0;

/// Where to start and stop.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Span {
    /// 1-based chapter to play, alone.
    pub chapter: Option<usize>,
    /// Seconds from the start to begin at.
    pub from_secs: Option<f64>,
}

/// Playback in progress on the default device.
pub struct Session {
    _sink: rodio::MixerDeviceSink,
    control: Arc<Control>,
    tape: Arc<Tape>,
}

impl Session {
    /// Starts playing `tape` from frame `start`, stopping before frame `stop` if given.
    pub fn start(tape: Arc<Tape>, start: u64, stop: Option<u64>) -> Result<Session, PlayError> {
        let no_device = |e: &dyn std::fmt::Display| PlayError::NoDevice(e.to_string());
        let rate = NonZero::new(tape.sample_rate()).ok_or_else(|| no_device(&"sample rate 0"))?;
        let mut sink = rodio::DeviceSinkBuilder::from_default_device()
            .map_err(|e| no_device(&e))?
            .with_sample_rate(rate)
            .with_channels(NonZero::<u16>::MIN)
            .open_stream()
            .or_else(|_| rodio::DeviceSinkBuilder::open_default_sink())
            .map_err(|e| no_device(&e))?;
        sink.log_on_drop(false);
        let control = Arc::new(Control::new(start, stop));
        let source = TapeSource::new(tape.clone(), control.clone())
            .map_err(|e| PlayError::Tape(e.to_string()))?;
        sink.mixer().add(speed::Speed::new(source, control.clone()));
        Ok(Session {
            _sink: sink,
            control,
            tape,
        })
    }

    pub fn is_finished(&self) -> bool {
        self.control.finished.load(Ordering::SeqCst)
    }

    /// Blocks until the end, then lets the device drain what it was given.
    pub fn wait(&self) {
        while !self.is_finished() {
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(300));
    }

    /// When the first real audio reached the device.
    pub fn first_audio_at(&self) -> Option<std::time::Instant> {
        self.control.first_audio_at()
    }

    pub fn position_secs(&self) -> f64 {
        self.control.position.load(Ordering::SeqCst) as f64 / f64::from(self.tape.sample_rate())
    }

    /// The playback speed (1 is normal).
    pub fn speed(&self) -> f32 {
        self.control.speed()
    }

    /// Plays at `speed`, within [`MIN_SPEED`] to [`MAX_SPEED`]; pitch unchanged.
    pub fn set_speed(&self, speed: f32) {
        self.control.set_speed(speed.clamp(MIN_SPEED, MAX_SPEED));
    }

    /// Pauses or plays on; true when it is now paused.
    pub fn toggle_pause(&self) -> bool {
        !self.control.paused.fetch_xor(true, Ordering::SeqCst)
    }

    pub fn is_paused(&self) -> bool {
        self.control.paused.load(Ordering::SeqCst)
    }

    pub fn tape(&self) -> &Tape {
        &self.tape
    }

    /// The index of the sentence playing now, when sentences are marked.
    pub fn sentence(&self) -> Option<usize> {
        self.tape
            .sentence_at(self.control.position.load(Ordering::SeqCst))
    }

    /// Jumps `by` sentences (or paragraphs) on, or back when negative.
    pub fn jump_sentence(&self, by: isize, paragraphs: bool) {
        let at = self.control.playhead();
        if let Some(mark) = self
            .tape
            .sentence_from(at, by, paragraphs)
            .and_then(|k| self.tape.sentence(k))
        {
            self.control.seek(mark.frame.min(self.tape.written()));
        }
    }

    pub fn quit(&self) {
        self.control.quit.store(true, Ordering::SeqCst);
    }

    /// Moves the playhead by `secs` (negative: back), within what exists.
    pub fn seek_by(&self, secs: f64) {
        let rate = f64::from(self.tape.sample_rate());
        let now = self.control.playhead() as f64;
        let target = (now + secs * rate).max(0.0) as u64;
        self.control.seek(target.min(self.tape.written()));
    }

    /// The chapter playing now: (1-based number, title).
    pub fn chapter(&self) -> Option<(usize, String)> {
        let at = self.control.playhead();
        let chapters = self.tape.chapters();
        let k = chapters.iter().rposition(|(start, _)| *start <= at)?;
        Some((k + 1, chapters[k].1.clone()))
    }

    /// Jumps to the next chapter (`forward`) or back to the previous one.
    pub fn jump_chapter(&self, forward: bool) {
        let at = self.control.playhead();
        let chapters = self.tape.chapters();
        let current = chapters.iter().rposition(|(start, _)| *start <= at);
        let target = match (forward, current) {
            (true, Some(k)) => chapters.get(k + 1).map(|c| c.0),
            (true, None) => chapters.first().map(|c| c.0),
            // Back: to the start of this chapter if well into it, else the one before.
            (false, Some(k)) => {
                let rate = u64::from(self.tape.sample_rate());
                if at - chapters[k].0 > 3 * rate || k == 0 {
                    Some(chapters[k].0)
                } else {
                    Some(chapters[k - 1].0)
                }
            }
            (false, None) => Some(0),
        };
        if let Some(frame) = target {
            self.control.seek(frame);
        }
    }
}
