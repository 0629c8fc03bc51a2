//! Play: listening before publishing, through the computer's audio device (rodio), behind the
//! `playback` feature.
//!
//! Whatever is played (a finished WAV or MP3, or an article still being synthesized) goes onto a
//! [`tape::Tape`], a temporary file of PCM that may still be growing, and a
//! [`source::TapeSource`] plays it from a playhead the listener moves: pause, seek, next and
//! previous chapter. Audio not yet synthesized is waited for in silence.

pub mod source;
pub mod tape;

use source::{Control, TapeSource};
use std::num::NonZero;
use std::path::Path;
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
    #[error("cannot write the audio to play to a temporary file: {0}")]
    Tape(String),
}

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
        sink.mixer().add(source);
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

    pub fn toggle_pause(&self) -> bool {
        !self.control.paused.fetch_xor(true, Ordering::SeqCst)
    }

    pub fn quit(&self) {
        self.control.quit.store(true, Ordering::SeqCst);
    }

    /// Moves the playhead by `secs` (negative: back), within what exists.
    pub fn seek_by(&self, secs: f64) {
        let rate = f64::from(self.tape.sample_rate());
        let now = self.control.position.load(Ordering::SeqCst) as f64;
        let target = (now + secs * rate).max(0.0) as u64;
        self.control.seek(target.min(self.tape.written()));
    }

    /// The chapter playing now: (1-based number, title).
    pub fn chapter(&self) -> Option<(usize, String)> {
        let at = self.control.position.load(Ordering::SeqCst);
        let chapters = self.tape.chapters();
        let k = chapters.iter().rposition(|(start, _)| *start <= at)?;
        Some((k + 1, chapters[k].1.clone()))
    }

    /// Jumps to the next chapter (`forward`) or back to the previous one.
    pub fn jump_chapter(&self, forward: bool) {
        let at = self.control.position.load(Ordering::SeqCst);
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

/// A finished WAV (read by hound; RF64 by our own reader), MP3, FLAC or Ogg file (decoded as
/// music is, by [`crate::stitch::music::decode`]) on a tape, with a WAV's chapter markers.
pub fn load_file(path: &Path) -> Result<Tape, PlayError> {
    let bad = |message: String| PlayError::File {
        path: path.display().to_string(),
        message,
    };
    let is_wav = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("wav"));
    let (rate, samples) = if is_wav {
        crate::outputs::wav::read(path).map_err(|e| bad(e.to_string()))?
    } else {
        crate::stitch::music::decode(path).map_err(bad)?
    };
    let tape = Tape::create(rate).map_err(|e| PlayError::Tape(e.to_string()))?;
    if is_wav {
        let bytes = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
        for (frame, title) in crate::outputs::riff_markers::read(&bytes) {
            tape.mark_chapter_at(frame, &title);
        }
    }
    tape.append(&samples)
        .map_err(|e| PlayError::Tape(e.to_string()))?;
    tape.finish();
    Ok(tape)
}

/// The frames to start at and stop before for `span` on a finished tape.
pub fn frames_for(tape: &Tape, span: Span, path: &Path) -> Result<(u64, Option<u64>), PlayError> {
    let rate = f64::from(tape.sample_rate());
    let mut start = span.from_secs.map_or(0, |s| (s * rate) as u64);
    let mut stop = None;
    if let Some(n) = span.chapter {
        let chapters = tape.chapters();
        let Some((begin, _)) = n.checked_sub(1).and_then(|k| chapters.get(k)) else {
            return Err(PlayError::NoChapter {
                path: path.display().to_string(),
                wanted: n,
                count: chapters.len(),
            });
        };
        start += *begin;
        stop = chapters.get(n).map(|c| c.0);
    }
    Ok((start, stop))
}
