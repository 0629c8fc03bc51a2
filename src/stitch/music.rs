//! Music: intro, outro and interludes decoded with symphonia (MP3, FLAC, Ogg Vorbis, WAV), faded
//! in and out, and ducked under a voice that speaks over them.
//!
//! Invariants of [`bed`]: the result begins and ends at rest (fades at both ends); the voice is
//! added unchanged; wherever the voice is speaking the music is at most [`DUCK`] of its level,
//! with smooth transitions (no step in the music's gain larger than one sample's share of the
//! attack or release).

use std::path::Path;
use symphonia::core::audio::SampleBuffer;
use symphonia::core::codecs::DecoderOptions;
use symphonia::core::formats::FormatOptions;
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;

/// The music's gain under the voice (about -16 dB).
pub const DUCK: f32 = 0.16;
/// Music before the voice begins, in seconds.
pub const LEAD_IN: f64 = 2.0;

/// A music file decoded to mono samples and its sample rate.
pub fn decode(path: &Path) -> Result<(u32, Vec<f32>), String> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("opus"))
    {
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        return super::ogg_opus::decode(&bytes);
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    decode_source(Box::new(file), path.extension().and_then(|e| e.to_str()))
}

/// Decodes audio from any source symphonia reads (a file, bytes in memory) to mono at its own
/// rate; `extension` is a hint of the format.
pub fn decode_source(
    source: Box<dyn symphonia::core::io::MediaSource>,
    extension: Option<&str>,
) -> Result<(u32, Vec<f32>), String> {
    let stream = MediaSourceStream::new(source, Default::default());
    let mut hint = Hint::new();
    if let Some(ext) = extension {
        hint.with_extension(ext);
    }
    let probed = symphonia::default::get_probe()
        .format(
            &hint,
            stream,
            &FormatOptions::default(),
            &MetadataOptions::default(),
        )
        .map_err(|e| {
            format!("not an audio file we can decode ({e}); use MP3, FLAC, Ogg Vorbis or WAV")
        })?;
    let mut format = probed.format;
    let track = format
        .default_track()
        .ok_or("it has no audio track")?
        .clone();
    let mut decoder = symphonia::default::get_codecs()
        .make(&track.codec_params, &DecoderOptions::default())
        .map_err(|e| format!("its codec is not supported ({e})"))?;
    let mut rate = track.codec_params.sample_rate.unwrap_or(0);
    let mut mono = Vec::new();
    while let Ok(packet) = format.next_packet() {
        if packet.track_id() != track.id {
            continue;
        }
        let Ok(decoded) = decoder.decode(&packet) else {
            continue;
        };
        let spec = *decoded.spec();
        rate = spec.rate;
        let channels = spec.channels.count().max(1);
        let mut buffer = SampleBuffer::<f32>::new(decoded.capacity() as u64, spec);
        buffer.copy_interleaved_ref(decoded);
        mono.extend(
            buffer
                .samples()
                .chunks(channels)
                .map(|frame| frame.iter().sum::<f32>() / channels as f32),
        );
    }
    if rate == 0 || mono.is_empty() {
        return Err("it decodes to no audio".into());
    }
    Ok((rate, mono))
}

/// Music with an optional voice over it, at one rate: the voice starts after [`LEAD_IN`]; the
/// music fades in over a second, is ducked while the voice speaks, and fades out over two seconds
/// at its end or a second and a half after the voice ends, whichever is later.
pub fn bed(music: &[f32], voice: Option<&[f32]>, rate: u32) -> Vec<f32> {
    let rate_f = rate as f64;
    let lead = ((LEAD_IN * rate_f) as usize).min(music.len());
    let voice = voice.unwrap_or(&[]);
    let len = if voice.is_empty() {
        music.len()
    } else {
        music
            .len()
            .min(lead + voice.len() + (1.5 * rate_f) as usize)
            .max(lead + voice.len())
    };
    let mut out = vec![0.0f32; len];
    // The voice's activity, smoothed: 1 where it speaks, 0 where it is silent.
    let window = (rate as usize / 20).max(1);
    let attack = 1.0 / (0.1 * rate_f) as f32;
    let release = 1.0 / (0.4 * rate_f) as f32;
    let mut level = 0.0f32;
    let mut activity = 0.0f32;
    let mut duck = 1.0f32;
    let fade_in = rate as usize;
    let fade_out = (2 * rate as usize).min(len);
    for (k, slot) in out.iter_mut().enumerate() {
        let v = k
            .checked_sub(lead)
            .and_then(|j| voice.get(j))
            .copied()
            .unwrap_or(0.0);
        // A running mean of |v| over about 50 ms.
        level += (v.abs() - level) / window as f32;
        activity = if level > 0.01 { 1.0 } else { activity * 0.9995 };
        let target = if activity > 0.5 { DUCK } else { 1.0 };
        duck = if target < duck {
            (duck - attack).max(target)
        } else {
            (duck + release).min(target)
        };
        let mut m = music.get(k).copied().unwrap_or(0.0) * duck;
        if k < fade_in {
            m *= k as f32 / fade_in as f32;
        }
        if k + fade_out >= len {
            m *= (len - k) as f32 / fade_out as f32;
        }
        *slot = m + v;
    }
    if let Some(last) = out.last_mut() {
        *last = 0.0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn music_ducks_under_the_voice_and_ends_at_rest() {
        let rate = 1000;
        let music = vec![0.5f32; 10 * rate as usize];
        let voice = vec![0.3f32; 3 * rate as usize];
        let out = bed(&music, Some(&voice), rate);
        assert_eq!(out[0], 0.0);
        assert_eq!(*out.last().unwrap(), 0.0);
        // In the middle of the speech the music is ducked: voice plus at most DUCK of it.
        let mid = 2 * rate as usize + 1500;
        assert!((out[mid] - 0.3).abs() <= 0.5 * DUCK + 1e-3, "{}", out[mid]);
        // Before the voice, after the fade in, the music is at full level.
        assert!((out[1500] - 0.5).abs() < 1e-3, "{}", out[1500]);
    }
}
