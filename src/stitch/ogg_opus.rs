//! Ogg Opus read back: audio decoded through libopus (`ogg` and `opus` crates), for speech
//! servers' answers, music beds and finished editions played; and the chapters an Opus file
//! carries as `CHAPTERnnn` / `CHAPTERnnnNAME` comments (as we write them, and as players read).

/// Ogg Opus: every packet after the two headers decoded at 48 kHz, the pre-skip dropped.
pub fn decode(bytes: &[u8]) -> Result<(u32, Vec<f32>), String> {
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

/// The chapters named in the comments of an Ogg Opus (or Vorbis) stream: start in seconds and
/// title, in order of start. Unreadable comments give none.
pub fn chapters(bytes: &[u8]) -> Vec<(f64, String)> {
    let mut reader = ogg::reading::PacketReader::new(std::io::Cursor::new(bytes));
    let mut packets = 0;
    while let Ok(Some(packet)) = reader.read_packet() {
        packets += 1;
        let data = &packet.data;
        let body = if let Some(rest) = data.strip_prefix(b"OpusTags") {
            rest
        } else if let Some(rest) = data.strip_prefix(b"\x03vorbis") {
            rest
        } else if packets >= 3 {
            break;
        } else {
            continue;
        };
        return chapters_in_comments(&comments(body).unwrap_or_default());
    }
    Vec::new()
}

/// The `KEY=value` comments of a comment header after its magic: vendor, count, entries.
fn comments(body: &[u8]) -> Option<Vec<String>> {
    let mut at = 0usize;
    let word = |at: &mut usize| -> Option<u32> {
        let bytes = body.get(*at..*at + 4)?;
        *at += 4;
        Some(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    };
    let vendor = word(&mut at)? as usize;
    at = at.checked_add(vendor)?;
    let count = word(&mut at)?;
    let mut out = Vec::new();
    for _ in 0..count.min(100_000) {
        let len = word(&mut at)? as usize;
        let text = body.get(at..at.checked_add(len)?)?;
        at += len;
        out.push(String::from_utf8_lossy(text).into_owned());
    }
    Some(out)
}

/// `CHAPTER001=00:01:02.500` with `CHAPTER001NAME=Title` pairs, as chapters in order.
fn chapters_in_comments(comments: &[String]) -> Vec<(f64, String)> {
    let mut starts = std::collections::BTreeMap::new();
    let mut names = std::collections::BTreeMap::new();
    for comment in comments {
        let Some((key, value)) = comment.split_once('=') else {
            continue;
        };
        let key = key.to_ascii_uppercase();
        let Some(rest) = key.strip_prefix("CHAPTER") else {
            continue;
        };
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Ok(n) = digits.parse::<u32>() else {
            continue;
        };
        match &rest[digits.len()..] {
            "" => {
                if let Some(secs) = clock_secs(value) {
                    starts.insert(n, secs);
                }
            }
            "NAME" => {
                names.insert(n, value.to_string());
            }
            _ => {}
        }
    }
    let mut chapters: Vec<(f64, String)> = starts
        .into_iter()
        .map(|(n, secs)| (secs, names.remove(&n).unwrap_or_default()))
        .collect();
    chapters.sort_by(|a, b| a.0.total_cmp(&b.0));
    chapters
}

/// `HH:MM:SS.mmm` (or `MM:SS`, or seconds) in seconds.
fn clock_secs(text: &str) -> Option<f64> {
    text.trim().split(':').try_fold(0.0, |acc, part| {
        Some(acc * 60.0 + part.parse::<f64>().ok()?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_comments_are_read_in_order_with_their_names() {
        let comments: Vec<String> = [
            "TITLE=Weekly",
            "CHAPTER002=00:01:30.250",
            "CHAPTER002NAME=Second",
            "CHAPTER001=00:00:00.000",
            "CHAPTER001NAME=First",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            chapters_in_comments(&comments),
            vec![(0.0, "First".to_string()), (90.25, "Second".to_string())]
        );
    }
}
