//! Reads the chapter markers of a WAV file: the `cue ` chunk's points and the `labl` titles of its
//! `LIST`/`adtl` chunk, as voxpress writes them (and audio editors do).

/// (start frame, title) of each cue point, in the order of their positions; a point without a
/// title is called "Chapter N".
pub fn read(bytes: &[u8]) -> Vec<(u64, String)> {
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        return Vec::new();
    }
    let mut points: Vec<(u32, u64)> = Vec::new();
    let mut labels: Vec<(u32, String)> = Vec::new();
    for (id, body) in chunks(&bytes[12..]) {
        match id {
            b"cue " if body.len() >= 4 => {
                let count = u32_at(body, 0) as usize;
                for k in 0..count {
                    let at = 4 + k * 24;
                    if at + 24 > body.len() {
                        break;
                    }
                    points.push((u32_at(body, at), u64::from(u32_at(body, at + 20))));
                }
            }
            b"LIST" if body.len() >= 4 && &body[0..4] == b"adtl" => {
                for (sub, text) in chunks(&body[4..]) {
                    if sub == b"labl" && text.len() >= 4 {
                        let title = String::from_utf8_lossy(&text[4..])
                            .trim_end_matches('\0')
                            .to_string();
                        labels.push((u32_at(text, 0), title));
                    }
                }
            }
            _ => {}
        }
    }
    let mut out: Vec<(u64, String)> = points
        .iter()
        .enumerate()
        .map(|(k, (id, frame))| {
            let title = labels
                .iter()
                .find(|(l, _)| l == id)
                .map_or_else(|| format!("Chapter {}", k + 1), |(_, t)| t.clone());
            (*frame, title)
        })
        .collect();
    out.sort_by_key(|(frame, _)| *frame);
    out
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// The RIFF sub-chunks of `bytes`: (id, body), stopping at the first that does not fit.
fn chunks(bytes: &[u8]) -> Vec<(&[u8; 4], &[u8])> {
    let mut out = Vec::new();
    let mut at = 0;
    while at + 8 <= bytes.len() {
        let Ok(id) = <&[u8; 4]>::try_from(&bytes[at..at + 4]) else {
            break;
        };
        let len = u32_at(bytes, at + 4) as usize;
        let start = at + 8;
        let Some(end) = start.checked_add(len).filter(|e| *e <= bytes.len()) else {
            break;
        };
        out.push((id, &bytes[start..end]));
        at = end + len % 2;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stitch::cue;

    #[test]
    fn markers_written_by_the_stitcher_read_back() {
        let mut wav = b"RIFF\0\0\0\0WAVE".to_vec();
        wav.extend_from_slice(b"data\x04\0\0\0\0\0\0\0");
        wav.extend(cue::chunks(&[(0, "One"), (22050, "Two, odd")]));
        assert_eq!(
            read(&wav),
            [(0, "One".to_string()), (22050, "Two, odd".to_string())]
        );
        assert!(read(b"not a wav").is_empty());
    }
}
