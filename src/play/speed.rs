//! [`Speed`]: a rodio source that plays another faster or slower without changing its pitch,
//! through [`Sonic`], at the speed the listener sets on the shared [`Control`].
//!
//! Invariants: at speed 1, with nothing held back in Sonic, every sample of the inner source
//! passes through unchanged; a seek (a new [`Control::seeks`] count, made by the inner source as
//! it jumps) drops whatever Sonic held and whatever was taken before the jump, so what is heard
//! next starts exactly at the new playhead; paused, it plays silence without
//! taking from the inner source; it ends when the inner source has ended and Sonic is drained.

use super::source::Control;
use crate::stitch::sonic::Sonic;
use rodio::{ChannelCount, SampleRate, Source};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

/// Samples taken from the inner source at a time when sped up or slowed down.
const BLOCK: usize = 1024;

pub struct Speed<S> {
    inner: S,
    control: Arc<Control>,
    sample_rate: u32,
    sonic: Option<Sonic>,
    /// The speed Sonic was last set to.
    speed: f32,
    /// The seek count seen last.
    seeks: u64,
    out: Vec<f32>,
    next: usize,
    inner_ended: bool,
}

impl<S: Source<Item = f32>> Speed<S> {
    /// Plays mono `inner` at the speed `control` asks for.
    pub fn new(inner: S, control: Arc<Control>) -> Speed<S> {
        let sample_rate = inner.sample_rate().get();
        Speed {
            seeks: control.seeks.load(Ordering::SeqCst),
            inner,
            control,
            sample_rate,
            sonic: None,
            speed: 1.0,
            out: Vec::new(),
            next: 0,
            inner_ended: false,
        }
    }

    /// Drops what Sonic holds: what comes next starts at the inner source's playhead.
    fn reset(&mut self) {
        self.sonic = None;
        self.out.clear();
        self.next = 0;
    }

    /// Takes a block from the inner source through Sonic; false when nothing more will come.
    fn refill(&mut self, speed: f32) -> bool {
        self.out.clear();
        self.next = 0;
        if self.inner_ended {
            return false;
        }
        if self.sonic.is_none() {
            self.sonic = Sonic::new(self.sample_rate);
            self.speed = 1.0;
        }
        let mut block = Vec::with_capacity(BLOCK);
        while block.len() < BLOCK {
            let sample = self.inner.next();
            let seeks = self.control.seeks.load(Ordering::SeqCst);
            if seeks != self.seeks {
                // The inner source jumped: nothing from before the jump is heard.
                self.seeks = seeks;
                block.clear();
                self.sonic = Sonic::new(self.sample_rate);
                self.speed = 1.0;
            }
            match sample {
                Some(sample) => block.push(sample),
                None => {
                    self.inner_ended = true;
                    break;
                }
            }
        }
        let Some(sonic) = self.sonic.as_mut() else {
            // No Sonic to be had (out of memory): the audio as it is, rather than none.
            self.out = block;
            return true;
        };
        if (speed - self.speed).abs() > 1e-6 {
            sonic.set_speed(speed);
            self.speed = speed;
        }
        sonic.write(&block);
        if self.inner_ended {
            sonic.flush();
        }
        sonic.read_into(&mut self.out);
        true
    }
}

impl<S: Source<Item = f32>> Iterator for Speed<S> {
    type Item = f32;

    fn next(&mut self) -> Option<f32> {
        let seeks = self.control.seeks.load(Ordering::SeqCst);
        if seeks != self.seeks {
            self.seeks = seeks;
            self.reset();
        }
        if self.control.paused.load(Ordering::SeqCst) && !self.control.quit.load(Ordering::SeqCst) {
            return Some(0.0);
        }
        loop {
            if let Some(&sample) = self.out.get(self.next) {
                self.next += 1;
                return Some(sample);
            }
            let speed = self.control.speed();
            if (speed - 1.0).abs() < 1e-6 {
                let Some(mut sonic) = self.sonic.take() else {
                    return self.inner.next();
                };
                // Back to normal speed: what Sonic holds is played out, then straight through.
                sonic.flush();
                self.out.clear();
                self.next = 0;
                sonic.read_into(&mut self.out);
                self.speed = 1.0;
                continue;
            }
            if !self.refill(speed) {
                return None;
            }
            if self.out.is_empty() && self.inner_ended {
                return None;
            }
        }
    }
}

impl<S: Source<Item = f32>> Source for Speed<S> {
    fn current_span_len(&self) -> Option<usize> {
        None
    }

    fn channels(&self) -> ChannelCount {
        self.inner.channels()
    }

    fn sample_rate(&self) -> SampleRate {
        self.inner.sample_rate()
    }

    fn total_duration(&self) -> Option<Duration> {
        None
    }
}
