//! Resampling with rubato: [`Resample`] one clip at a time (voices and music arrive at their own
//! rates and leave at the edition's; clips begin and end at rest, see [`super::seams`], so
//! converting each on its own leaves no seam), and [`StreamResample`] for a whole stream given
//! in blocks (the mastered edition on its way to a 48 kHz Opus file).
//!
//! Invariant of [`StreamResample`]: its output is the input's length times the ratio, rounded,
//! and starts where the input starts (the resampler's delay is trimmed).

use audioadapter_buffers::direct::SequentialSliceOfSlices;
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

/// A mono stream converted block by block.
pub struct StreamResample {
    from: u32,
    to: u32,
    fft: Option<Fft<f32>>,
    pending: Vec<f32>,
    /// Output frames still to drop: the resampler's delay.
    to_trim: usize,
    consumed: u64,
    produced: u64,
}

impl StreamResample {
    pub fn new(from: u32, to: u32) -> StreamResample {
        let fft = (from != to)
            .then(|| Fft::<f32>::new(from as usize, to as usize, 1024, 1, FixedSync::Input).ok())
            .flatten();
        let to_trim = fft.as_ref().map_or(0, |f| f.output_delay());
        StreamResample {
            from,
            to,
            fft,
            pending: Vec::new(),
            to_trim,
            consumed: 0,
            produced: 0,
        }
    }

    /// Converts what it can of `samples`, appending to `out`.
    pub fn push(&mut self, samples: &[f32], out: &mut Vec<f32>) {
        self.consumed += samples.len() as u64;
        if self.fft.is_none() {
            out.extend_from_slice(samples);
            self.produced += samples.len() as u64;
            return;
        }
        self.pending.extend_from_slice(samples);
        let mut at = 0;
        while self.pending.len() - at >= self.next_len() {
            let n = self.next_len();
            let block = self.pending[at..at + n].to_vec();
            self.convert(&block, n, out);
            at += n;
        }
        self.pending.drain(..at);
    }

    /// Converts the rest, padding with silence, so the output has its full length.
    pub fn finish(&mut self, out: &mut Vec<f32>) {
        if self.fft.is_none() {
            return;
        }
        let wanted =
            (self.consumed * u64::from(self.to) + u64::from(self.from) / 2) / u64::from(self.from);
        let mut rest = std::mem::take(&mut self.pending);
        while self.produced < wanted {
            let n = self.next_len();
            let have = rest.len().min(n);
            let mut block: Vec<f32> = rest.drain(..have).collect();
            block.resize(n, 0.0);
            let before = out.len();
            self.convert(&block, n, out);
            if out.len() == before && self.to_trim == 0 {
                break;
            }
        }
        let excess = (self.produced - wanted.min(self.produced)) as usize;
        out.truncate(out.len() - excess.min(out.len()));
        self.produced -= excess as u64;
    }

    fn next_len(&self) -> usize {
        self.fft.as_ref().map_or(1024, |f| f.input_frames_next())
    }

    fn convert(&mut self, block: &[f32], n: usize, out: &mut Vec<f32>) {
        let Some(fft) = self.fft.as_mut() else {
            return;
        };
        let slices = [block];
        let Ok(input) = SequentialSliceOfSlices::new(&slices, 1, n) else {
            return;
        };
        let Ok(converted) = fft.process(&input, None) else {
            return;
        };
        let data = converted.take_data();
        let skip = self.to_trim.min(data.len());
        self.to_trim -= skip;
        out.extend_from_slice(&data[skip..]);
        self.produced += (data.len() - skip) as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_in_odd_blocks_keeps_its_length_and_its_timing() {
        // A click at 0.5 s lands at 0.5 s of the 48 kHz output.
        let mut input = vec![0.0f32; 44_100];
        input[22_050] = 1.0;
        let mut stream = StreamResample::new(44_100, 48_000);
        let mut out = Vec::new();
        for block in input.chunks(777) {
            stream.push(block, &mut out);
        }
        stream.finish(&mut out);
        assert_eq!(out.len(), 48_000);
        let loudest = out
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
            .map(|(k, _)| k)
            .unwrap();
        assert!((loudest as i64 - 24_000).abs() <= 2, "{loudest}");
    }

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
