//! The WAV chapter chunks: a `cue ` chunk of cue points and a `LIST`/`adtl` chunk of `labl` titles.
//!
//! Invariants: cue point ids run 1..=n in order; every `labl` names one cue id; all `labl` entries
//! come before any `ltxt` (we write none), since ffmpeg stops reading titles at the first other
//! entry; every sub-chunk is padded to an even length as RIFF requires.

/// The bytes of the `cue ` chunk and the `LIST` chunk for `markers` (sample offset, title).
pub fn chunks(markers: &[(u64, &str)]) -> Vec<u8> {
    let mut cue = Vec::new();
    cue.extend_from_slice(&(markers.len() as u32).to_le_bytes());
    for (index, (sample, _)) in markers.iter().enumerate() {
        let id = index as u32 + 1;
        let offset = u32::try_from(*sample).unwrap_or(u32::MAX);
        cue.extend_from_slice(&id.to_le_bytes());
        cue.extend_from_slice(&offset.to_le_bytes()); // position
        cue.extend_from_slice(b"data");
        cue.extend_from_slice(&0u32.to_le_bytes()); // chunk start
        cue.extend_from_slice(&0u32.to_le_bytes()); // block start
        cue.extend_from_slice(&offset.to_le_bytes()); // sample offset
    }
    let mut list = b"adtl".to_vec();
    for (index, (_, title)) in markers.iter().enumerate() {
        let mut body = (index as u32 + 1).to_le_bytes().to_vec();
        body.extend_from_slice(title.replace('\0', " ").as_bytes());
        body.push(0);
        push_chunk(&mut list, b"labl", &body);
    }
    let mut out = Vec::new();
    push_chunk(&mut out, b"cue ", &cue);
    push_chunk(&mut out, b"LIST", &list);
    out
}

fn push_chunk(out: &mut Vec<u8>, id: &[u8; 4], body: &[u8]) {
    out.extend_from_slice(id);
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(body);
    if body.len() % 2 == 1 {
        out.push(0);
    }
}

/// The chapter markers of a WAV or RF64 file's bytes (as voxpress writes them, and audio editors
/// do): (start frame, title) of each cue point, in the order of their positions; a point without a
/// title is called "Chapter N".
/// (start frame, title) of each cue point, in the order of their positions; a point without a
/// title is called "Chapter N".
pub fn read(bytes: &[u8]) -> Vec<(u64, String)> {
    let riff = bytes.len() >= 12 && matches!(&bytes[0..4], b"RIFF" | b"RF64");
    if !riff || &bytes[8..12] != b"WAVE" {
        return Vec::new();
    }
    let mut points: Vec<(u32, u64)> = Vec::new();
    let mut labels: Vec<(u32, String)> = Vec::new();
    for (id, body) in sub_chunks(&bytes[12..]) {
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
                for (sub, text) in sub_chunks(&body[4..]) {
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
fn sub_chunks(bytes: &[u8]) -> Vec<(&[u8; 4], &[u8])> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut data_size = 0u64;
    while at + 8 <= bytes.len() {
        let Ok(id) = <&[u8; 4]>::try_from(&bytes[at..at + 4]) else {
            break;
        };
        let mut len = u32_at(bytes, at + 4) as usize;
        if id == b"ds64" && len >= 16 && at + 24 <= bytes.len() {
            data_size = u64::from_le_bytes(bytes[at + 16..at + 24].try_into().unwrap_or([0; 8]));
        }
        if id == b"data" && len == u32::MAX as usize {
            // RF64: the true size is in the ds64 chunk.
            len = usize::try_from(data_size).unwrap_or(usize::MAX);
        }
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

    #[test]
    fn labels_are_padded_to_even_lengths_and_follow_their_cues() {
        let bytes = chunks(&[(0, "Title"), (22050, "Two")]);
        assert_eq!(&bytes[0..4], b"cue ");
        let cue_len = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
        assert_eq!(cue_len, 4 + 2 * 24);
        let list = &bytes[8 + cue_len..];
        assert_eq!(&list[0..4], b"LIST");
        assert_eq!(&list[8..12], b"adtl");
        assert_eq!(&list[12..16], b"labl");
        // "Title\0" plus id is 10 bytes: even, no padding; "Two\0" plus id is 8 bytes.
        assert_eq!(u32::from_le_bytes(list[16..20].try_into().unwrap()), 10);
        assert_eq!(bytes.len() % 2, 0);
    }

    #[test]
    fn markers_written_here_read_back() {
        let mut wav = b"RIFF\0\0\0\0WAVE".to_vec();
        wav.extend_from_slice(b"data\x04\0\0\0\0\0\0\0");
        wav.extend(chunks(&[(0, "One"), (22050, "Two, odd")]));
        assert_eq!(
            read(&wav),
            [(0, "One".to_string()), (22050, "Two, odd".to_string())]
        );
        assert!(read(b"not a wav").is_empty());
    }
}
