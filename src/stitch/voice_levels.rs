//! Matching the voices of an edition: voices differ in level (espeak-ng speaks about 2.5 LU louder
//! than joe), so an edition that mixes them would jump at every article join. Each voice's clips
//! are measured as they are stitched (integrated loudness, ITU-R BS.1770), and on the second pass
//! every clip of a voice gets that voice's gain, which brings it to the level of the edition's
//! main voice (the one with the most audio) before the edition's own gain and limiter.
//!
//! Invariants: an edition of one voice gets no gain at all from here; a gain changes only at a
//! clip's edge, where the seams have faded the sound to rest; gains are kept within ±15 dB.

use super::loudness::Meter;

/// The most a voice is raised or lowered to match, in dB.
const MAX_MATCH_DB: f64 = 15.0;

/// One voice's clips so far: their meter and length.
struct VoiceMeter {
    voice: String,
    meter: Meter,
    samples: u64,
}

/// Where one clip is in the stitched audio, and whose voice it is.
struct ClipSpan {
    start: u64,
    end: u64,
    voice: usize,
}

/// The level of each voice, measured clip by clip.
pub struct VoiceLevels {
    rate: u32,
    voices: Vec<VoiceMeter>,
    clips: Vec<ClipSpan>,
}

impl VoiceLevels {
    pub fn new(rate: u32) -> VoiceLevels {
        VoiceLevels {
            rate,
            voices: Vec::new(),
            clips: Vec::new(),
        }
    }

    /// Notes that `samples`, starting at sample `start` of the output, are `voice` speaking.
    pub fn record(&mut self, voice: &str, start: u64, samples: &[f32]) {
        let index = match self.voices.iter().position(|v| v.voice == voice) {
            Some(k) => k,
            None => {
                self.voices.push(VoiceMeter {
                    voice: voice.to_string(),
                    meter: Meter::new(self.rate),
                    samples: 0,
                });
                self.voices.len() - 1
            }
        };
        let entry = &mut self.voices[index];
        entry.meter.add(samples);
        entry.samples += samples.len() as u64;
        self.clips.push(ClipSpan {
            start,
            end: start + samples.len() as u64,
            voice: index,
        });
    }

    /// The gain of each clip that brings its voice to the main voice's level; empty for an
    /// edition of one voice (or voices that cannot be measured).
    pub fn gains(&self) -> ClipGains {
        let levels: Vec<Option<f64>> = self.voices.iter().map(|v| v.meter.integrated()).collect();
        let main = self
            .voices
            .iter()
            .enumerate()
            .filter(|(k, _)| levels[*k].is_some())
            .max_by_key(|(_, v)| v.samples)
            .map(|(k, _)| k);
        let (Some(main), true) = (main, self.voices.len() > 1) else {
            return ClipGains::default();
        };
        let reference = levels[main].unwrap_or_default();
        let voice_gain: Vec<f32> = levels
            .iter()
            .map(|level| {
                let db = level.map_or(0.0, |l| (reference - l).clamp(-MAX_MATCH_DB, MAX_MATCH_DB));
                10f32.powf(db as f32 / 20.0)
            })
            .collect();
        ClipGains {
            spans: self
                .clips
                .iter()
                .filter(|c| (voice_gain[c.voice] - 1.0).abs() > 1e-4)
                .map(|c| (c.start, c.end, voice_gain[c.voice]))
                .collect(),
            reference: Some(reference),
        }
    }
}

/// Gains for spans of the stitched audio (start, end, factor), in order; 1 elsewhere.
#[derive(Debug, Default, Clone)]
pub struct ClipGains {
    spans: Vec<(u64, u64, f32)>,
    /// The main voice's loudness, which every voice is brought to.
    pub reference: Option<f64>,
}

impl ClipGains {
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// `block`, which starts at sample `at`, times `gain` and each clip's own gain, into `out`.
    pub fn apply(&self, at: u64, block: &[f32], gain: f32, out: &mut Vec<f32>) {
        out.clear();
        out.extend(block.iter().map(|s| s * gain));
        if self.spans.is_empty() {
            return;
        }
        let end = at + block.len() as u64;
        let first = self.spans.partition_point(|&(_, e, _)| e <= at);
        for &(s, e, factor) in self.spans[first..].iter().take_while(|&&(s, _, _)| s < end) {
            let from = (s.max(at) - at) as usize;
            let to = (e.min(end) - at) as usize;
            for sample in &mut out[from..to] {
                *sample *= factor;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(amplitude: f32, n: usize) -> Vec<f32> {
        (0..n)
            .map(|k| amplitude * (k as f32 * 2.0 * std::f32::consts::PI * 440.0 / 22_050.0).sin())
            .collect()
    }

    #[test]
    fn one_voice_gets_no_gain() {
        let mut levels = VoiceLevels::new(22_050);
        levels.record("joe", 0, &tone(0.3, 44_100));
        levels.record("joe", 44_100, &tone(0.1, 44_100));
        assert!(levels.gains().is_empty());
    }

    #[test]
    fn a_louder_second_voice_is_brought_down_to_the_main_voice() {
        let mut levels = VoiceLevels::new(22_050);
        levels.record("joe", 0, &tone(0.1, 88_200));
        levels.record("espeak", 88_200, &tone(0.2, 44_100));
        let gains = levels.gains();
        let mut out = Vec::new();
        let block = vec![1.0f32; 132_300];
        gains.apply(0, &block, 1.0, &mut out);
        assert_eq!(out[0], 1.0, "the main voice is left alone");
        assert!((out[100_000] - 0.5).abs() < 0.01, "{}", out[100_000]);
        // Applied block by block, from any start, the same.
        let mut pieces = Vec::new();
        for (k, part) in block.chunks(10_000).enumerate() {
            let mut o = Vec::new();
            gains.apply(k as u64 * 10_000, part, 2.0, &mut o);
            pieces.extend(o);
        }
        assert!(pieces
            .iter()
            .zip(&out)
            .all(|(a, b)| (a - 2.0 * b).abs() < 1e-6));
    }
}
