//! A safe wrapper of Sonic (libsonic, linked for espeak-ng already): speech sped up or slowed
//! down without changing its pitch, made for blind listeners who listen fast.
//!
//! Invariants: a [`Sonic`] owns its stream and frees it once, when dropped; every call passes
//! buffers whose length it states, so Sonic never reads or writes past them; mono only.

use std::os::raw::{c_float, c_int, c_void};

#[allow(non_snake_case)]
extern "C" {
    fn sonicCreateStream(sampleRate: c_int, numChannels: c_int) -> *mut c_void;
    fn sonicDestroyStream(stream: *mut c_void);
    fn sonicSetSpeed(stream: *mut c_void, speed: c_float);
    fn sonicWriteFloatToStream(
        stream: *mut c_void,
        samples: *const c_float,
        numSamples: c_int,
    ) -> c_int;
    fn sonicReadFloatFromStream(
        stream: *mut c_void,
        samples: *mut c_float,
        maxSamples: c_int,
    ) -> c_int;
    fn sonicFlushStream(stream: *mut c_void) -> c_int;
    fn sonicSamplesAvailable(stream: *mut c_void) -> c_int;
}

/// One mono Sonic stream.
pub struct Sonic {
    stream: *mut c_void,
}

// The stream is plain memory owned by this value alone; moving it to another thread is safe.
unsafe impl Send for Sonic {}

impl Sonic {
    /// A stream for mono audio at `sample_rate`, at normal speed; `None` if Sonic cannot make
    /// one (out of memory, or a rate it refuses).
    pub fn new(sample_rate: u32) -> Option<Sonic> {
        let rate = c_int::try_from(sample_rate).ok()?;
        // SAFETY: plain values in, a pointer (or null) out.
        let stream = unsafe { sonicCreateStream(rate, 1) };
        (!stream.is_null()).then_some(Sonic { stream })
    }

    /// Speeds the audio written from now on up by `speed` (2: twice as fast), pitch unchanged.
    pub fn set_speed(&mut self, speed: f32) {
        // SAFETY: `stream` is live until drop.
        unsafe { sonicSetSpeed(self.stream, speed) }
    }

    /// Hands `samples` to the stream; false if Sonic ran out of memory.
    pub fn write(&mut self, samples: &[f32]) -> bool {
        samples.chunks(1 << 16).all(|part| {
            // SAFETY: `part` is valid for `part.len()` floats, which is what Sonic reads.
            unsafe { sonicWriteFloatToStream(self.stream, part.as_ptr(), part.len() as c_int) != 0 }
        })
    }

    /// Processes what is left in the stream, so all of it can be read.
    pub fn flush(&mut self) {
        // SAFETY: `stream` is live until drop.
        unsafe {
            sonicFlushStream(self.stream);
        }
    }

    /// Frames ready to read.
    pub fn available(&self) -> usize {
        // SAFETY: `stream` is live until drop.
        unsafe { sonicSamplesAvailable(self.stream) }.max(0) as usize
    }

    /// Appends every frame ready to `out`.
    pub fn read_into(&mut self, out: &mut Vec<f32>) {
        let mut block = [0.0f32; 4096];
        loop {
            // SAFETY: `block` is valid for `block.len()` floats, the most Sonic writes.
            let got = unsafe {
                sonicReadFloatFromStream(self.stream, block.as_mut_ptr(), block.len() as c_int)
            };
            if got <= 0 {
                break;
            }
            out.extend_from_slice(&block[..got as usize]);
        }
    }
}

/// `samples` (mono at `sample_rate`) spoken `speed` times as fast, pitch unchanged; as they are
/// when Sonic cannot be had.
pub fn faster(samples: &[f32], sample_rate: u32, speed: f32) -> Vec<f32> {
    let Some(mut sonic) = Sonic::new(sample_rate) else {
        return samples.to_vec();
    };
    sonic.set_speed(speed);
    let mut out = Vec::with_capacity((samples.len() as f32 / speed) as usize + 4096);
    if !sonic.write(samples) {
        return samples.to_vec();
    }
    sonic.flush();
    sonic.read_into(&mut out);
    out
}

impl Drop for Sonic {
    fn drop(&mut self) {
        // SAFETY: created by `sonicCreateStream`, destroyed once.
        unsafe { sonicDestroyStream(self.stream) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Zero crossings per second of a signal: twice its frequency for a sine.
    fn crossings_per_second(samples: &[f32], rate: u32) -> f64 {
        let n = samples
            .windows(2)
            .filter(|w| (w[0] < 0.0) != (w[1] < 0.0))
            .count();
        n as f64 * f64::from(rate) / samples.len() as f64
    }

    #[test]
    fn twice_the_speed_halves_the_length_and_keeps_the_pitch() {
        let rate = 16_000;
        let tone: Vec<f32> = (0..rate * 4)
            .map(|i| {
                (0.3 * (std::f64::consts::TAU * 300.0 * f64::from(i) / f64::from(rate)).sin())
                    as f32
            })
            .collect();
        let mut sonic = Sonic::new(rate).unwrap();
        sonic.set_speed(2.0);
        assert!(sonic.write(&tone));
        sonic.flush();
        let mut out = Vec::new();
        sonic.read_into(&mut out);
        let ratio = out.len() as f64 / tone.len() as f64;
        assert!((ratio - 0.5).abs() < 0.02, "length ratio {ratio}");
        let pitch = crossings_per_second(&out, rate) / crossings_per_second(&tone, rate);
        assert!((pitch - 1.0).abs() < 0.03, "pitch ratio {pitch}");
        assert_eq!(sonic.available(), 0);
    }
}
