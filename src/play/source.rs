//! [`TapeSource`]: a rodio source that plays a [`Tape`] from a playhead others may move.
//!
//! Invariants: it never returns a frame the tape has not yet written (it plays silence and holds the
//! playhead until the frame exists); it ends only when the tape is finished and played out, or at
//! the stop frame; a seek takes effect at the next sample; paused, it plays silence in place.

use super::tape::{Tape, TapeReader};
use rodio::{ChannelCount, SampleRate, Source};
use std::num::NonZero;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

const NONE: u64 = u64::MAX;

/// Shared between the player and its source.
#[derive(Debug)]
pub struct Control {
    /// The frame being played.
    pub position: AtomicU64,
    /// A frame to jump to, or none.
    pub seek_to: AtomicU64,
    /// The frame to stop before, or none.
    pub stop_at: AtomicU64,
    pub paused: AtomicBool,
    /// Set when the source has ended.
    pub finished: AtomicBool,
    /// Set to end playback at once.
    pub quit: AtomicBool,
    /// Microseconds from the control's creation to the first frame of real audio played.
    pub first_audio_us: AtomicU64,
    /// How many seeks the source has made, so a source after it holding audio knows to drop
    /// what came before the jump.
    pub seeks: AtomicU64,
    /// The playback speed's bits (an `f32`; 1 is normal).
    speed_bits: AtomicU32,
    created: std::time::Instant,
}

impl Control {
    pub fn new(start: u64, stop: Option<u64>) -> Control {
        Control {
            position: AtomicU64::new(start),
            seek_to: AtomicU64::new(NONE),
            stop_at: AtomicU64::new(stop.unwrap_or(NONE)),
            paused: AtomicBool::new(false),
            finished: AtomicBool::new(false),
            quit: AtomicBool::new(false),
            first_audio_us: AtomicU64::new(NONE),
            seeks: AtomicU64::new(0),
            speed_bits: AtomicU32::new(1.0f32.to_bits()),
            created: std::time::Instant::now(),
        }
    }

    /// When the first real audio was played, once it has been.
    pub fn first_audio_at(&self) -> Option<std::time::Instant> {
        let us = self.first_audio_us.load(Ordering::SeqCst);
        (us != NONE).then(|| self.created + Duration::from_micros(us))
    }

    pub fn seek(&self, frame: u64) {
        self.seek_to.store(frame, Ordering::SeqCst);
    }

    /// Where the playhead is, or is about to jump to: keys pressed in quick succession move on
    /// from the last jump, not from where the sound was.
    pub fn playhead(&self) -> u64 {
        match self.seek_to.load(Ordering::SeqCst) {
            NONE => self.position.load(Ordering::SeqCst),
            pending => pending,
        }
    }

    /// The playback speed (1 is normal).
    pub fn speed(&self) -> f32 {
        f32::from_bits(self.speed_bits.load(Ordering::SeqCst))
    }

    pub fn set_speed(&self, speed: f32) {
        self.speed_bits.store(speed.to_bits(), Ordering::SeqCst);
    }
}

pub struct TapeSource {
    tape: Arc<Tape>,
    reader: TapeReader,
    control: Arc<Control>,
    position: u64,
    buffer: Vec<f32>,
    next: usize,
}

impl TapeSource {
    pub fn new(tape: Arc<Tape>, control: Arc<Control>) -> std::io::Result<TapeSource> {
        Ok(TapeSource {
            reader: tape.reader()?,
            position: control.position.load(Ordering::SeqCst),
            tape,
            control,
            buffer: Vec::new(),
            next: 0,
        })
    }

    fn end(&mut self) -> Option<f32> {
        self.control.finished.store(true, Ordering::SeqCst);
        None
    }
}

impl Iterator for TapeSource {
    type Item = f32;

    fn next(&mut self) -> Option<f32> {
        if self.control.quit.load(Ordering::SeqCst) {
            return self.end();
        }
        let seek = self.control.seek_to.swap(NONE, Ordering::SeqCst);
        if seek != NONE {
            self.control.seeks.fetch_add(1, Ordering::SeqCst);
            self.position = seek;
            self.buffer.clear();
            self.next = 0;
        }
        let stop = self.control.stop_at.load(Ordering::SeqCst);
        if self.position >= stop {
            return self.end();
        }
        if self.control.paused.load(Ordering::SeqCst) {
            return Some(0.0);
        }
        if self.next >= self.buffer.len() {
            let written = self.tape.written();
            let done = self.tape.is_done();
            self.buffer.resize(2048, 0.0);
            let got = self
                .reader
                .read(self.position, written.min(stop), &mut self.buffer)
                .unwrap_or(0);
            self.buffer.truncate(got);
            self.next = 0;
            if got == 0 {
                if done || self.position >= stop {
                    return self.end();
                }
                // Not synthesized yet: wait in silence, holding the playhead.
                return Some(0.0);
            }
        }
        let sample = self.buffer[self.next];
        if self.control.first_audio_us.load(Ordering::Relaxed) == NONE {
            let us = self.control.created.elapsed().as_micros() as u64;
            self.control.first_audio_us.store(us, Ordering::SeqCst);
        }
        self.next += 1;
        self.position += 1;
        self.control.position.store(self.position, Ordering::SeqCst);
        Some(sample)
    }
}

impl Source for TapeSource {
    fn current_span_len(&self) -> Option<usize> {
        None
    }

    fn channels(&self) -> ChannelCount {
        NonZero::new(1).unwrap_or(NonZero::<u16>::MIN)
    }

    fn sample_rate(&self) -> SampleRate {
        NonZero::new(self.tape.sample_rate()).unwrap_or(NonZero::<u32>::MIN)
    }

    fn total_duration(&self) -> Option<Duration> {
        None
    }
}
