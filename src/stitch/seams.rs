//! Seams: each clip's leading and trailing silence trimmed to a set amount, and short fades at
//! both ends, so that the pause table alone decides the gaps and no join ever clicks.
//!
//! Invariants: the speech between the first and last sample above the silence threshold is kept
//! whole; at most [`KEEP_MS`] of quiet stays on either side; the first and last samples of a
//! faded clip are zero, so whatever is joined to it starts and ends at rest.

/// Quiet kept before and after the speech, in milliseconds.
pub const KEEP_MS: u32 = 40;
/// The length of the fade at each end, in milliseconds.
pub const FADE_MS: u32 = 6;
/// Below this (about -50 dBFS) a sample counts as silence.
const SILENCE: f32 = 0.003;

/// Trims `samples` (at `rate` Hz) to its speech plus [`KEEP_MS`] each side and fades both ends.
/// Returns how many samples were taken off the start (so times within the clip can follow).
pub fn trim_and_fade(samples: &mut Vec<f32>, rate: u32) -> usize {
    let keep = (rate * KEEP_MS / 1000) as usize;
    let Some(first) = samples.iter().position(|s| s.abs() > SILENCE) else {
        let all = samples.len();
        samples.clear();
        return all;
    };
    let last = samples
        .iter()
        .rposition(|s| s.abs() > SILENCE)
        .unwrap_or(first);
    let end = (last + 1 + keep).min(samples.len());
    samples.truncate(end);
    let head = first.saturating_sub(keep);
    samples.drain(..head);
    fade(samples, rate);
    head
}

/// Raised-cosine fades of [`FADE_MS`] in at the start and out at the end.
pub fn fade(samples: &mut [f32], rate: u32) {
    let n = ((rate * FADE_MS / 1000) as usize).min(samples.len() / 2);
    for k in 0..n {
        let gain = 0.5 - 0.5 * (std::f32::consts::PI * k as f32 / n as f32).cos();
        samples[k] *= gain;
        let back = samples.len() - 1 - k;
        samples[back] *= gain;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silence_is_trimmed_to_the_kept_amount_and_ends_are_at_rest() {
        let rate = 1000;
        let mut clip = vec![0.0; 200];
        clip.extend(vec![0.5; 100]);
        clip.extend(vec![0.0; 300]);
        assert_eq!(trim_and_fade(&mut clip, rate), 200 - 40);
        assert_eq!(clip.len(), 40 + 100 + 40);
        assert_eq!(clip[0], 0.0);
        assert_eq!(*clip.last().unwrap(), 0.0);
        assert!(clip[40..140].iter().all(|s| *s == 0.5));
        let mut quiet = vec![0.0; 50];
        trim_and_fade(&mut quiet, rate);
        assert!(quiet.is_empty());
    }
}
