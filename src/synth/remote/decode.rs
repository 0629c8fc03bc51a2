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
        "opus" => decode_opus(&bytes)?,
        other => {
            crate::stitch::music::decode_source(Box::new(std::io::Cursor::new(bytes)), Some(other))?
        }
    };
    if got_rate == rate {
        return Ok(samples);
    }
    Ok(Resample::new(got_rate, rate).clip(samples))
}

/// Ogg Opus: every packet after the two headers decoded at 48 kHz, the pre-skip dropped.
fn decode_opus(bytes: &[u8]) -> Result<(u32, Vec<f32>), String> {
    let mut reader = ogg::reading::PacketReader::new(std::io::Cursor::new(bytes));
    let mut decoder: Option<(opus::Decoder, usize)> = None;
    let mut samples = Vec::new();
    let mut packets = 0;
    let mut skip = 0;
    let mut frame = vec![0f32; 5760 * 2];
    while let Some(packet) = reader.read_packet().map_err(|e| format!("not Ogg: {e}"))? {
        packets += 1;
        match packets {
            1 => {
                let head = &packet.data;
                if head.len() < 19 || &head[..8] != b"OpusHead" {
                    return Err("not an Ogg Opus stream".into());
                }
                let channels = usize::from(head[9]).clamp(1, 2);
                skip = usize::from(u16::from_le_bytes([head[10], head[11]]));
                let layout = if channels == 2 {
                    opus::Channels::Stereo
                } else {
                    opus::Channels::Mono
                };
                let opened = opus::Decoder::new(48_000, layout).map_err(|e| e.to_string())?;
                decoder = Some((opened, channels));
                frame.truncate(5760 * channels);
            }
            2 => {}
            _ => {
                let Some((decoder, channels)) = decoder.as_mut() else {
                    return Err("Opus audio before its header".into());
                };
                let n = decoder
                    .decode_float(&packet.data, &mut frame, false)
                    .map_err(|e| e.to_string())?;
                let channels = *channels;
                samples.extend(
                    frame[..n * channels]
                        .chunks(channels)
                        .map(|f| f.iter().sum::<f32>() / channels as f32),
                );
            }
        }
    }
    if decoder.is_none() {
        return Err("an empty Ogg stream".into());
    }
    let samples = samples.split_off(skip.min(samples.len()));
    Ok((48_000, samples))
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
