//! Loudness (ITU-R BS.1770 / EBU R128 through the `ebur128` crate): the whole edition is measured
//! on the first pass, then brought to the target by one gain and a look-ahead peak limiter on the
//! second. Sample peaks are held half a decibel under the true-peak ceiling, which leaves room for
//! the peaks between samples (checked against ffmpeg's true-peak meter in the tests).
//!
//! Invariants of [`Limiter`]: its output is its input delayed by the look-ahead and multiplied by
//! a gain that never exceeds 1 and changes smoothly (no step larger than one look-ahead's ramp);
//! no output sample exceeds the ceiling.

use ebur128::{EbuR128, Mode};
use std::collections::VecDeque;

/// Measures the integrated loudness of a mono stream.
pub struct Meter {
    inner: Option<EbuR128>,
}

impl Meter {
    /// A meter of integrated loudness (gated, ITU-R BS.1770-4).
    pub fn new(rate: u32) -> Meter {
        Meter {
            inner: EbuR128::new(1, rate, Mode::I).ok(),
        }
    }

    pub fn add(&mut self, samples: &[f32]) {
        if let Some(meter) = self.inner.as_mut() {
            let _ = meter.add_frames_f32(samples);
        }
    }

    /// Integrated loudness in LUFS, if there was anything to measure.
    pub fn integrated(&self) -> Option<f64> {
        self.inner
            .as_ref()?
            .loudness_global()
            .ok()
            .filter(|l| l.is_finite())
    }
}

/// The linear gain that takes `measured` LUFS to `target` LUFS (1 when nothing was measured),
/// never more than +30 dB.
pub fn gain_for(target: f64, measured: Option<f64>) -> f32 {
    match measured {
        Some(lufs) => 10f64.powf(((target - lufs).min(30.0)) / 20.0) as f32,
        None => 1.0,
    }
}

/// A look-ahead peak limiter for a mono stream.
///
/// Its gain never rises above what any sample needs, so it does not clip: the gain each sample
/// needs (the ceiling over its size, 1 under the ceiling) is taken as the least over the next 5
/// ms, released towards 1 over 80 ms, then averaged over the last 5 ms, a ramp that arrives at
/// every peak's gain by the time the peak plays. (A gain that only approached its target, as
/// this limiter's did before, left the peak to a hard clip, whose flat tops lossy encoders rang
/// past by up to 3.7 dB.)
pub struct Limiter {
    ceiling: f32,
    /// The window, in samples: the look-ahead and the ramp.
    window: usize,
    release: f32,
    /// The delayed input: a ring of `window` slots holding `held` samples, the oldest at `head`.
    delay: Vec<f32>,
    head: usize,
    held: usize,
    /// The gains needed within the look-ahead, as a monotonic queue (sample number, gain) whose
    /// front is the least: a sliding-window minimum in constant time per sample. Only samples
    /// over the ceiling are queued; an empty window needs 1.
    needed: VecDeque<(u64, f32)>,
    count: u64,
    /// The released least gains of the last `window` samples, and their sum: a full ring whose
    /// oldest is at `head` too (both move on once for every sample played).
    ramp: Vec<f32>,
    ramp_sum: f64,
    released: f32,
}

impl Limiter {
    /// `ceiling` as a linear sample peak; `rate` sets a 5 ms look-ahead and 80 ms release.
    pub fn new(ceiling: f32, rate: u32) -> Limiter {
        let window = (rate as usize * 5 / 1000).max(1);
        Limiter {
            ceiling,
            window,
            release: 1.0 - (-1.0 / (rate as f32 * 0.08)).exp(),
            delay: vec![0.0; window],
            head: 0,
            held: 0,
            needed: VecDeque::with_capacity(window + 1),
            count: 0,
            ramp: vec![1.0; window],
            ramp_sum: window as f64,
            released: 1.0,
        }
    }

    /// Feeds `input`, appending limited samples (delayed by the look-ahead) to `out`.
    pub fn process(&mut self, input: &[f32], out: &mut Vec<f32>) {
        out.reserve(input.len());
        for &x in input {
            if x.abs() > self.ceiling {
                let need = self.ceiling / x.abs();
                while self.needed.back().is_some_and(|&(_, g)| g >= need) {
                    self.needed.pop_back();
                }
                self.needed.push_back((self.count, need));
            }
            self.count += 1;
            self.delay[(self.head + self.held) % self.window] = x;
            self.held += 1;
            if self.held == self.window {
                out.push(self.next_out());
            }
        }
    }

    fn next_out(&mut self) -> f32 {
        // The sample about to play is number `now`; its window is it and the samples after it
        // that have come in (the look-ahead, or fewer at the end).
        let now = self.count - self.held as u64;
        while self.needed.front().is_some_and(|&(k, _)| k < now) {
            self.needed.pop_front();
        }
        let least = self.needed.front().map_or(1.0, |&(_, g)| g);
        self.released = least.min(self.released + (1.0 - self.released) * self.release);
        let old = std::mem::replace(&mut self.ramp[self.head], self.released);
        self.ramp_sum += f64::from(self.released);
        self.ramp_sum -= f64::from(old);
        let gain = (self.ramp_sum / self.window as f64) as f32;
        let x = self.delay[self.head];
        self.head = next(self.head, self.window);
        self.held -= 1;
        (x * gain).clamp(-self.ceiling, self.ceiling)
    }

    /// Flushes the look-ahead.
    pub fn finish(&mut self, out: &mut Vec<f32>) {
        while self.held > 0 {
            out.push(self.next_out());
        }
    }
}

/// The slot after `at` in a ring of `len`.
fn next(at: usize, len: usize) -> usize {
    if at + 1 == len {
        0
    } else {
        at + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limiter_keeps_every_sample_under_the_ceiling_and_the_length() {
        let input: Vec<f32> = (0..20_000)
            .map(|k| (k as f32 * 0.05).sin() * if (5000..6000).contains(&k) { 2.0 } else { 0.5 })
            .collect();
        let mut limiter = Limiter::new(0.8, 16_000);
        let mut out = Vec::new();
        limiter.process(&input, &mut out);
        limiter.finish(&mut out);
        assert_eq!(out.len(), input.len());
        assert!(out.iter().all(|s| s.abs() <= 0.8));
        // Quiet parts well away from the burst pass unchanged.
        assert!((out[1000] - input[1000]).abs() < 1e-6);
    }

    #[test]
    fn a_sudden_loud_burst_is_turned_down_in_time_not_clipped_flat() {
        // Silence, then at once a tone at twice the ceiling: the gain must be down before the
        // first loud sample plays, so no run of samples sits flat on the ceiling.
        let input: Vec<f32> = (0..8_000)
            .map(|k| {
                if k < 4_000 {
                    0.0
                } else {
                    1.6 * (k as f32 * 0.3).sin()
                }
            })
            .collect();
        let mut limiter = Limiter::new(0.8, 16_000);
        let mut out = Vec::new();
        limiter.process(&input, &mut out);
        limiter.finish(&mut out);
        let flat = out
            .windows(3)
            .filter(|w| w.iter().all(|s| s.abs() >= 0.8 * 0.9999))
            .count();
        assert_eq!(flat, 0, "samples clipped flat on the ceiling");
        assert!(out.iter().all(|s| s.abs() <= 0.8));
    }

    #[test]
    fn gain_reaches_the_target() {
        assert!((gain_for(-16.0, Some(-22.0)) - 10f32.powf(6.0 / 20.0)).abs() < 1e-4);
        assert_eq!(gain_for(-16.0, None), 1.0);
    }
}
