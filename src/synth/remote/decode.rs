//! What a speech server sends back, decoded to mono samples at the voice's rate: WAV, MP3 and
//! FLAC through symphonia, Ogg Opus through libopus (`ogg` and `opus` crates), and raw PCM
//! (16-bit little-endian mono at the preset's rate, as OpenAI's `pcm` is). Audio at another rate
//! is resampled to the voice's.

use crate::stitch::resample::Resample;

/// Decodes `bytes` in `format` (`wav`, `mp3`, `flac`, `opus`, `pcm`) to mono at `rate`.
pub fn decode(bytes: Vec<u8>, format: &str, rate: u32) -> Result<Vec<f32>, String> {
    let (got_rate, samples) = match format {
        "pcm" => {
            if !bytes.len().is_multiple_of(2) {
                return Err("raw PCM of an odd number of bytes".into());
            }
            let samples = bytes
                .chunks_exact(2)
                .map(|b| f32::from(i16::from_le_bytes([b[0], b[1]])) / 32768.0)
                .collect();
            (rate, samples)
        }
        "opus" => crate::stitch::ogg_opus::decode(&bytes)?,
        other => {
            crate::stitch::music::decode_source(Box::new(std::io::Cursor::new(bytes)), Some(other))?
        }
    };
    if got_rate == rate {
        return Ok(samples);
    }
    Ok(Resample::new(got_rate, rate).clip(samples))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_a_server_sends_decodes_to_the_length_it_was_made_with() {
        let rate = 22_050;
        let tone: Vec<f32> = (0..rate * 2)
            .map(|k| 0.3 * (k as f32 * 2.0 * std::f32::consts::PI * 300.0 / rate as f32).sin())
            .collect();
        for format in ["wav", "mp3", "flac", "opus"] {
            let bytes = if format == "flac" {
                // FLAC as libFLAC writes it, through ffmpeg (symphonia does not read flacenc's
                // streams, which `voxpress serve` sends: see the note in serve/encode.rs).
                flac_by_ffmpeg(&crate::serve::encode::whole("wav", &tone, rate, "test").unwrap())
            } else {
                crate::serve::encode::whole(format, &tone, rate, "test").unwrap()
            };
            let back = decode(bytes, format, rate).unwrap_or_else(|e| panic!("{format}: {e}"));
            let drift = (back.len() as f64 - tone.len() as f64).abs() / f64::from(rate);
            // MP3 keeps its encoder's delay and padding (about 65 ms here).
            let allowed = if format == "mp3" { 0.1 } else { 0.03 };
            assert!(
                drift < allowed,
                "{format}: {} samples for {}",
                back.len(),
                tone.len()
            );
        }
        let pcm: Vec<u8> = [0i16, 16_384, -16_384]
            .iter()
            .flat_map(|s| s.to_le_bytes())
            .collect();
        assert_eq!(decode(pcm, "pcm", 24_000).unwrap(), [0.0, 0.5, -0.5]);
        assert!(decode(vec![1, 2, 3], "pcm", 24_000).is_err());
        assert!(decode(b"not audio".to_vec(), "opus", 24_000).is_err());
    }

    fn flac_by_ffmpeg(wav: &[u8]) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let (from, to) = (dir.path().join("a.wav"), dir.path().join("a.flac"));
        std::fs::write(&from, wav).unwrap();
        let ok = std::process::Command::new("ffmpeg")
            .args(["-v", "error", "-y", "-i"])
            .arg(&from)
            .arg(&to)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "ffmpeg makes the FLAC");
        std::fs::read(to).unwrap()
    }
}
