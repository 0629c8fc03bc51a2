//! A mono libopus encoder and decoder at 48 kHz, in one value whose state can be saved and
//! restored, so that a frame can be encoded again when its decoded sound is not what it should
//! be (see [`super::opus`]).
//!
//! Invariants: libopus's encoder and decoder states are plain blocks of memory without pointers
//! into themselves (libopus's own API tests copy them with `memcpy`), so each lives in a buffer
//! owned here, sized by `opus_*_get_size` and initialised once, and a [`Saved`] state is a copy of
//! both buffers; every call passes buffers whose length it states.

use std::io;
use std::os::raw::{c_int, c_uchar, c_void};

#[allow(non_camel_case_types)]
type opus_int32 = i32;

extern "C" {
    fn opus_encoder_get_size(channels: c_int) -> c_int;
    fn opus_encoder_init(st: *mut c_void, fs: opus_int32, channels: c_int, app: c_int) -> c_int;
    fn opus_encode_float(
        st: *mut c_void,
        pcm: *const f32,
        frame_size: c_int,
        data: *mut c_uchar,
        max_data_bytes: opus_int32,
    ) -> opus_int32;
    fn opus_encoder_ctl(st: *mut c_void, request: c_int, ...) -> c_int;
    fn opus_decoder_get_size(channels: c_int) -> c_int;
    fn opus_decoder_init(st: *mut c_void, fs: opus_int32, channels: c_int) -> c_int;
    fn opus_decode_float(
        st: *mut c_void,
        data: *const c_uchar,
        len: opus_int32,
        pcm: *mut f32,
        frame_size: c_int,
        decode_fec: c_int,
    ) -> c_int;
}

const OPUS_APPLICATION_AUDIO: c_int = 2049;
const OPUS_SET_BITRATE_REQUEST: c_int = 4002;
const OPUS_GET_LOOKAHEAD_REQUEST: c_int = 4027;
const OPUS_SET_COMPLEXITY_REQUEST: c_int = 4010;
/// libopus's complexity, 0 to 10 (its default 10). At 5 it takes half the time for the shared
/// sample read by joe (2.5 s against 5.7 s on this machine's two cores), and the frames whose
/// decoded sound rings past the ceiling, more of them than at 10 (405 of 13,818 against 163),
/// are encoded again (see `super::opus`), so loudness and true peak stay where they were
/// (-16.0 LUFS, -3.2 dBTP against -3.0 by ffmpeg).
const COMPLEXITY: c_int = 5;
pub const RATE: u32 = 48_000;
/// 20 ms frames.
pub const FRAME: usize = 960;
/// The longest packet libopus makes of one frame.
const MAX_PACKET: usize = 1276;

/// 16-byte aligned memory, as `malloc` gives libopus.
#[derive(Clone, Copy)]
#[repr(C, align(16))]
struct Block([u8; 16]);

fn blocks(bytes: c_int) -> Vec<Block> {
    vec![Block([0; 16]); (bytes.max(0) as usize).div_ceil(16)]
}

fn failed(what: &str, code: c_int) -> io::Error {
    io::Error::other(format!("Opus: {what} failed (libopus error {code})"))
}

/// The encoder and a decoder of what it makes.
pub struct Codec {
    encoder: Vec<Block>,
    decoder: Vec<Block>,
}

/// A copy of both states, to go back to.
pub struct Saved {
    encoder: Vec<Block>,
    decoder: Vec<Block>,
}

// The states are plain memory owned by this value alone.
unsafe impl Send for Codec {}

impl Codec {
    /// A mono encoder at `kbps` and its decoder.
    pub fn new(kbps: u32) -> io::Result<Codec> {
        // SAFETY: plain values in; each state is initialised in a buffer of the size libopus
        // asked for, and used only through these buffers afterwards.
        unsafe {
            let mut encoder = blocks(opus_encoder_get_size(1));
            let code = opus_encoder_init(
                encoder.as_mut_ptr().cast(),
                RATE as i32,
                1,
                OPUS_APPLICATION_AUDIO,
            );
            if code != 0 {
                return Err(failed("opening the encoder", code));
            }
            let bits = (kbps as i32).saturating_mul(1000);
            let code =
                opus_encoder_ctl(encoder.as_mut_ptr().cast(), OPUS_SET_BITRATE_REQUEST, bits);
            if code != 0 {
                return Err(failed("setting the bit rate", code));
            }
            let code = opus_encoder_ctl(
                encoder.as_mut_ptr().cast(),
                OPUS_SET_COMPLEXITY_REQUEST,
                COMPLEXITY,
            );
            if code != 0 {
                return Err(failed("setting the complexity", code));
            }
            let mut decoder = blocks(opus_decoder_get_size(1));
            let code = opus_decoder_init(decoder.as_mut_ptr().cast(), RATE as i32, 1);
            if code != 0 {
                return Err(failed("opening the decoder", code));
            }
            Ok(Codec { encoder, decoder })
        }
    }

    /// The encoder's look-ahead in samples: the pre-skip.
    pub fn lookahead(&mut self) -> io::Result<u32> {
        let mut samples: opus_int32 = 0;
        // SAFETY: the request writes one opus_int32 through the pointer given.
        let code = unsafe {
            opus_encoder_ctl(
                self.encoder.as_mut_ptr().cast(),
                OPUS_GET_LOOKAHEAD_REQUEST,
                &mut samples as *mut opus_int32,
            )
        };
        if code != 0 {
            return Err(failed("asking the look-ahead", code));
        }
        Ok(samples.max(0) as u32)
    }

    /// Encodes one frame of `FRAME` samples, and decodes the packet into `heard` (`FRAME`
    /// samples): the packet, and what a listener's decoder makes of it.
    pub fn encode(&mut self, frame: &[f32], heard: &mut [f32]) -> io::Result<Vec<u8>> {
        assert!(frame.len() == FRAME && heard.len() == FRAME);
        let mut packet = vec![0u8; MAX_PACKET];
        // SAFETY: `frame` holds FRAME floats, `packet` MAX_PACKET bytes, as stated.
        let n = unsafe {
            opus_encode_float(
                self.encoder.as_mut_ptr().cast(),
                frame.as_ptr(),
                FRAME as c_int,
                packet.as_mut_ptr(),
                MAX_PACKET as opus_int32,
            )
        };
        if n < 0 {
            return Err(failed("encoding", n));
        }
        packet.truncate(n as usize);
        // SAFETY: `packet` holds `n` bytes and `heard` FRAME floats, as stated.
        let got = unsafe {
            opus_decode_float(
                self.decoder.as_mut_ptr().cast(),
                packet.as_ptr(),
                n,
                heard.as_mut_ptr(),
                FRAME as c_int,
                0,
            )
        };
        if got != FRAME as c_int {
            return Err(failed("decoding", got));
        }
        Ok(packet)
    }

    /// A copy of both states as they are now.
    pub fn save(&self) -> Saved {
        Saved {
            encoder: self.encoder.clone(),
            decoder: self.decoder.clone(),
        }
    }

    /// Both states back to what `saved` holds.
    pub fn restore(&mut self, saved: &Saved) {
        self.encoder.copy_from_slice(&saved.encoder);
        self.decoder.copy_from_slice(&saved.decoder);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(k: usize) -> Vec<f32> {
        (0..FRAME)
            .map(|i| ((k * FRAME + i) as f32 * 0.05).sin() * 0.3)
            .collect()
    }

    #[test]
    fn a_restored_state_encodes_the_same_packet_again() {
        let mut codec = Codec::new(32).unwrap();
        let mut heard = vec![0.0; FRAME];
        codec.encode(&tone(0), &mut heard).unwrap();
        let saved = codec.save();
        let first = codec.encode(&tone(1), &mut heard).unwrap();
        let first_heard = heard.clone();
        codec.encode(&tone(2), &mut heard).unwrap();
        codec.restore(&saved);
        let again = codec.encode(&tone(1), &mut heard).unwrap();
        assert_eq!(first, again);
        assert_eq!(first_heard, heard);
    }
}
