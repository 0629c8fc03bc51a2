//! Resampling with rubato, one clip at a time: voices and music arrive at their own rates and
//! leave at the edition's. Clips begin and end at rest (see [`super::seams`]), so converting each
//! on its own leaves no seam.

use audioadapter_buffers::owned::InterleavedOwned;
use rubato::{Fft, FixedSync, Resampler};

/// Converts mono clips from one rate to another.
pub struct Resample {
    from: u32,
    to: u32,
    fft: Option<Fft<f32>>,
}

impl Resample {
    pub fn new(from: u32, to: u32) -> Resample {
        let fft = (from != to)
            .then(|| Fft::<f32>::new(from as usize, to as usize, 1024, 1, FixedSync::Input).ok())
            .flatten();
        Resample { from, to, fft }
    }

    /// `samples` at the output rate (the same samples when the rates agree).
    pub fn clip(&mut self, samples: Vec<f32>) -> Vec<f32> {
        let (Some(fft), false) = (self.fft.as_mut(), samples.is_empty()) else {
            return samples;
        };
        let len = samples.len();
        let Ok(input) = InterleavedOwned::new_from(samples, 1, len) else {
            return Vec::new();
        };
        match fft.process_all(&input, len, None) {
            Ok(out) => out.take_data(),
            // Cannot happen for a mono buffer of the stated length; keep the length right anyway.
            Err(_) => vec![0.0; (len as u64 * u64::from(self.to) / u64::from(self.from)) as usize],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_stays_a_second_at_the_new_rate() {
        let tone: Vec<f32> = (0..16_000)
            .map(|k| (k as f32 * 440.0 * std::f32::consts::TAU / 16_000.0).sin() * 0.5)
            .collect();
        let out = Resample::new(16_000, 44_100).clip(tone);
        assert!((out.len() as i64 - 44_100).abs() <= 2, "{}", out.len());
        let peak = out.iter().fold(0.0f32, |m, s| m.max(s.abs()));
        assert!((0.45..0.56).contains(&peak), "{peak}");
    }
}
