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
}
