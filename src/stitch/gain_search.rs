//! The search for the one gain that, with the limiter after it, brings an edition to its
//! loudness target.
//!
//! Limiting takes loudness away, more the more gain there is, so the loudness a gain reaches is
//! measured, not computed: the scratch audio is read once per round and two gains are measured
//! in each round, one on this thread and one on another (two cores measure two gains in the time
//! of one). The first round measures the gain that would reach the target without limiting and
//! one 3 dB above it; later rounds measure the secant's estimate through the two measurements
//! nearest the target, and a second gain half the last step beyond it, where the estimate
//! tends to fall short (loudness grows ever more slowly with gain). The search stops at
//! a gain within 0.05 LU of the target; or at the secant's gain between two measurements either
//! side of it less than 0.7 LU apart, where the curve is straight enough that the line misses by
//! less than the tolerance, and mastering measures what it reaches (heavily limited editions,
//! those with a lossy format, were found in two rounds instead of three); or after three rounds
//! with the nearest found.

use super::loudness::{Limiter, Meter};
use super::scratch::Scratch;
use super::voice_levels::ClipGains;
use std::sync::mpsc::sync_channel;
use std::sync::Arc;

/// How close to the target is close enough, in LU.
const TOLERANCE: f64 = 0.05;
/// Two measurements either side of the target this close (in LU) are joined by a line.
const BRACKET: f64 = 0.7;
/// Rounds of measurement at most.
const ROUNDS: usize = 3;
/// Blocks read from the scratch file at a time.
const BLOCK: usize = 1 << 16;

/// What the search found: the gain in dB and, when it met the tolerance, the loudness it reaches.
pub struct Found {
    pub gain_db: f64,
    pub loudness: Option<f64>,
}

/// One gain measured: the loudness it reached with the limiter.
#[derive(Debug, Clone, Copy)]
struct Measured {
    gain_db: f64,
    lufs: f64,
}

/// The audio the gains apply to and how it is limited.
pub struct Probe<'a> {
    pub scratch: &'a mut Scratch,
    pub clip_gains: &'a ClipGains,
    pub rate: u32,
    pub ceiling: f32,
}

/// Finds the gain (in dB, from `start_db`, at most 12 dB above it) that reaches `target` LUFS.
pub fn find(probe: &mut Probe, start_db: f64, target: f64) -> std::io::Result<Found> {
    let most = start_db + 12.0;
    let mut measured: Vec<Measured> = Vec::new();
    let mut gains = vec![start_db, (start_db + 3.0).min(most)];
    for _ in 0..ROUNDS {
        let reached = loudness_of(probe, &gains)?;
        measured.extend(
            gains
                .iter()
                .zip(reached)
                .filter_map(|(&gain_db, l)| Some(Measured { gain_db, lufs: l? })),
        );
        let Some(&Measured {
            gain_db: best,
            lufs,
        }) = nearest(&measured, target)
        else {
            break;
        };
        if (target - lufs).abs() <= TOLERANCE {
            return Ok(Found {
                gain_db: best,
                loudness: Some(lufs),
            });
        }
        let next = secant(&measured, target).min(most);
        if bracket(&measured, target).is_some_and(|(a, b)| b.lufs - a.lufs < BRACKET) {
            return Ok(Found {
                gain_db: next,
                loudness: None,
            });
        }
        let beyond = next + (next - best) * 0.5;
        gains = vec![next, beyond.min(most)];
    }
    Ok(Found {
        gain_db: nearest(&measured, target).map_or(start_db, |m| m.gain_db),
        loudness: None,
    })
}

/// The measurement whose loudness is nearest `target`.
fn nearest(measured: &[Measured], target: f64) -> Option<&Measured> {
    measured
        .iter()
        .min_by(|a, b| (a.lufs - target).abs().total_cmp(&(b.lufs - target).abs()))
}

/// The gain where the line through the two measurements nearest `target` reaches it: between
/// the two either side of it when there are such; otherwise through the two nearest, its slope
/// (dB of loudness per dB of gain) kept between 0.25 and 1.
fn secant(measured: &[Measured], target: f64) -> f64 {
    let (a, b) = match bracket(measured, target) {
        // Loudness rises with gain, so the line between them has a positive slope.
        Some((a, b)) => {
            return a.gain_db + (target - a.lufs) * (b.gain_db - a.gain_db) / (b.lufs - a.lufs)
        }
        None => {
            let mut sorted: Vec<&Measured> = measured.iter().collect();
            sorted.sort_by(|a, b| (a.lufs - target).abs().total_cmp(&(b.lufs - target).abs()));
            match sorted[..] {
                [a, b, ..] => (a, b),
                [a] => return a.gain_db + (target - a.lufs),
                [] => return 0.0,
            }
        }
    };
    let slope = if (a.gain_db - b.gain_db).abs() > 1e-3 {
        ((a.lufs - b.lufs) / (a.gain_db - b.gain_db)).clamp(0.25, 1.0)
    } else {
        1.0
    };
    a.gain_db + (target - a.lufs) / slope
}

/// The measurements nearest `target` below it and at or above it, when there are both.
fn bracket(measured: &[Measured], target: f64) -> Option<(&Measured, &Measured)> {
    let below = measured
        .iter()
        .filter(|m| m.lufs < target)
        .max_by(|a, b| a.lufs.total_cmp(&b.lufs))?;
    let above = measured
        .iter()
        .filter(|m| m.lufs >= target)
        .min_by(|a, b| a.lufs.total_cmp(&b.lufs))?;
    Some((below, above))
}

/// The integrated loudness each of `gains_db` reaches with the limiter, from one read of the
/// scratch audio: the first gain measured on this thread, the others each on a thread of its own.
fn loudness_of(probe: &mut Probe, gains_db: &[f64]) -> std::io::Result<Vec<Option<f64>>> {
    let gains: Vec<f32> = gains_db
        .iter()
        .map(|g| 10f32.powf(*g as f32 / 20.0))
        .collect();
    let Some((&first, others)) = gains.split_first() else {
        return Ok(Vec::new());
    };
    let (clip_gains, rate, ceiling) = (probe.clip_gains, probe.rate, probe.ceiling);
    std::thread::scope(|scope| {
        let mut queues = Vec::new();
        let mut threads = Vec::new();
        for &gain in others {
            let (send, blocks) = sync_channel::<(u64, Arc<[f32]>)>(4);
            queues.push(send);
            threads.push(scope.spawn(move || {
                let mut level = Level::new(gain, ceiling, rate);
                for (at, block) in blocks {
                    level.add(clip_gains, at, &block);
                }
                level.integrated()
            }));
        }
        let mut level = Level::new(first, ceiling, rate);
        let mut at = 0u64;
        probe.scratch.read_blocks(BLOCK, |block| {
            if !queues.is_empty() {
                let shared: Arc<[f32]> = Arc::from(block);
                for queue in &queues {
                    // A thread that stopped has panicked; its gain is then unmeasured.
                    let _ = queue.send((at, shared.clone()));
                }
            }
            level.add(clip_gains, at, block);
            at += block.len() as u64;
            Ok(())
        })?;
        drop(queues);
        let mut reached = vec![level.integrated()];
        reached.extend(threads.into_iter().map(|t| t.join().ok().flatten()));
        Ok(reached)
    })
}

/// One gain's limiter and meter.
struct Level {
    gain: f32,
    limiter: Limiter,
    meter: Meter,
    gained: Vec<f32>,
    out: Vec<f32>,
}

impl Level {
    fn new(gain: f32, ceiling: f32, rate: u32) -> Level {
        Level {
            gain,
            limiter: Limiter::new(ceiling, rate),
            meter: Meter::new(rate),
            gained: Vec::with_capacity(BLOCK),
            out: Vec::with_capacity(BLOCK),
        }
    }

    fn add(&mut self, clip_gains: &ClipGains, at: u64, block: &[f32]) {
        clip_gains.apply(at, block, self.gain, &mut self.gained);
        self.limiter.process(&self.gained, &mut self.out);
        self.meter.add(&self.out);
        self.out.clear();
    }

    fn integrated(mut self) -> Option<f64> {
        self.limiter.finish(&mut self.out);
        self.meter.add(&self.out);
        self.meter.integrated()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secant_goes_between_measurements_either_side_of_the_target() {
        // 10 dB reached -18, 14 dB reached -15: slope 0.75, -16 at 10 + 2 / 0.75.
        let g = secant(
            &[
                Measured {
                    gain_db: 10.0,
                    lufs: -18.0,
                },
                Measured {
                    gain_db: 14.0,
                    lufs: -15.0,
                },
                Measured {
                    gain_db: 20.0,
                    lufs: -13.0,
                },
            ],
            -16.0,
        );
        assert!((g - (10.0 + 2.0 / 0.75)).abs() < 1e-9, "{g}");
    }

    #[test]
    fn between_measurements_either_side_a_shallow_slope_is_followed_not_clamped() {
        // Heavy limiting: 0.61 LU over 2.86 dB of gain (slope 0.21, under the clamp's 0.25).
        let g = secant(
            &[
                Measured {
                    gain_db: 18.39,
                    lufs: -16.53,
                },
                Measured {
                    gain_db: 21.25,
                    lufs: -15.92,
                },
            ],
            -16.0,
        );
        assert!((g - (18.39 + 0.53 * 2.86 / 0.61)).abs() < 1e-9, "{g}");
    }

    #[test]
    fn with_measurements_on_one_side_the_secant_runs_through_the_two_nearest() {
        // Both short of -16: the line through (12, -17) and (9, -18.5) has slope 0.5.
        let g = secant(
            &[
                Measured {
                    gain_db: 9.0,
                    lufs: -18.5,
                },
                Measured {
                    gain_db: 12.0,
                    lufs: -17.0,
                },
            ],
            -16.0,
        );
        assert!((g - 14.0).abs() < 1e-9, "{g}");
    }
}
