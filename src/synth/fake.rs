//! The `fake` engine: deterministic tones instead of speech, so pipeline tests are fast and exact.
//!
//! A chunk of `n` characters becomes exactly `n * SAMPLES_PER_CHAR` samples of a sine tone whose
//! pitch depends on the text, at [`SAMPLE_RATE`] (at a speaking rate `r`, `n * SAMPLES_PER_CHAR / r`
//! rounded). Text containing the word `unspeakable` is
//! refused, so tests can exercise a failing chunk. It is a test engine and is not listed by
//! `voxpress voices`.

use super::{Backend, EngineInfo, SynthError};

pub const SAMPLE_RATE: u32 = 16_000;
/// 25 ms of tone per character.
pub const SAMPLES_PER_CHAR: usize = 400;

pub static ENGINE: EngineInfo = EngineInfo {
    name: "fake",
    description: "deterministic test tones (for tests, not speech)",
    languages: &["any"],
    max_chunk_chars: 200,
};

pub struct Fake {
    /// The speaking rate (1: 25 ms a character).
    pub rate: f32,
}

impl Fake {
    fn samples_for(&self, chars: usize) -> usize {
        if (self.rate - 1.0).abs() < 1e-6 {
            chars * SAMPLES_PER_CHAR
        } else {
            (chars as f64 * SAMPLES_PER_CHAR as f64 / f64::from(self.rate)).round() as usize
        }
    }
}

impl Backend for Fake {
    fn engine(&self) -> &'static EngineInfo {
        &ENGINE
    }

    fn voice(&self) -> &str {
        "fake"
    }

    fn sample_rate(&self) -> u32 {
        SAMPLE_RATE
    }

    fn fingerprint(&self) -> String {
        if (self.rate - 1.0).abs() < 1e-6 {
            format!("fake:{SAMPLE_RATE}:{SAMPLES_PER_CHAR}")
        } else {
            format!("fake:{SAMPLE_RATE}:{SAMPLES_PER_CHAR}:rate={}", self.rate)
        }
    }

    fn synthesize(&self, text: &str) -> Result<Vec<f32>, SynthError> {
        if text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("unspeakable"))
        {
            return Err(SynthError::Refused {
                engine: "fake",
                text: text.to_string(),
                reason: "the test word 'unspeakable'".into(),
            });
        }
        let hash = text.bytes().fold(2166136261u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(16777619)
        });
        let frequency = 220.0 + f64::from(hash % 220);
        let count = self.samples_for(text.chars().count());
        let step = std::f64::consts::TAU * frequency / f64::from(SAMPLE_RATE);
        Ok((0..count)
            .map(|i| (0.3 * (step * i as f64).sin()) as f32)
            .collect())
    }
}
