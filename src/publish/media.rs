//! How long a published audio file plays, read from the file itself and not from our own
//! records, so `publish --check` can compare a feed's `itunes:duration` with what a listener
//! gets: MP3 by its frames (symphonia's reader, no decoding), Ogg Opus by its last page's
//! granule position less the pre-skip, MP4/M4B by its `mvhd` box.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

/// The playing time of the audio file at `path` in seconds, by its content; `None` when it is
/// not an MP3, Ogg Opus or MP4 file that can be read.
pub fn duration_secs(path: &Path) -> Option<f64> {
    let mut head = [0u8; 12];
    File::open(path).ok()?.read_exact(&mut head).ok()?;
    if head.starts_with(b"OggS") {
        opus_duration(path).ok().flatten()
    } else if &head[4..8] == b"ftyp" {
        mp4_duration(path).ok().flatten()
    } else {
        mp3_duration(path)
    }
}

fn mp3_duration(path: &Path) -> Option<f64> {
    use symphonia::core::formats::FormatOptions;
    use symphonia::core::io::MediaSourceStream;
    use symphonia::core::meta::MetadataOptions;
    use symphonia::core::probe::Hint;
    let file = File::open(path).ok()?;
    let stream = MediaSourceStream::new(Box::new(file), Default::default());
    let mut hint = Hint::new();
    hint.with_extension("mp3");
    let mut format = symphonia::default::get_probe()
        .format(
            &hint,
            stream,
            &FormatOptions::default(),
            &MetadataOptions::default(),
        )
        .ok()?
        .format;
    let track = format.default_track()?;
    let (id, rate) = (track.id, track.codec_params.sample_rate?);
    let mut frames = 0u64;
    while let Ok(packet) = format.next_packet() {
        if packet.track_id() == id {
            frames += packet.dur;
        }
    }
    (frames > 0).then(|| frames as f64 / f64::from(rate))
}

/// Ogg Opus: the granule position of the last page (48 kHz samples) less the header's pre-skip.
fn opus_duration(path: &Path) -> io::Result<Option<f64>> {
    let mut file = File::open(path)?;
    let mut head = [0u8; 64];
    let n = file.read(&mut head)?;
    let head = &head[..n];
    // The first page holds OpusHead: after the 27-byte page header and its segment table.
    let Some(at) = head.windows(8).position(|w| w == b"OpusHead") else {
        return Ok(None);
    };
    let Some(pre_skip) = head.get(at + 10..at + 12) else {
        return Ok(None);
    };
    let pre_skip = u16::from_le_bytes([pre_skip[0], pre_skip[1]]);
    // The last page starts within its maximum size (27 + 255 + 255 * 255 bytes) of the end.
    let length = file.metadata()?.len();
    let from = length.saturating_sub(27 + 255 + 255 * 255);
    file.seek(SeekFrom::Start(from))?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail)?;
    let Some(last) = tail.windows(4).rposition(|w| w == b"OggS") else {
        return Ok(None);
    };
    let Some(granule) = tail.get(last + 6..last + 14) else {
        return Ok(None);
    };
    let granule = u64::from_le_bytes(granule.try_into().expect("eight bytes"));
    Ok(Some(
        granule.saturating_sub(u64::from(pre_skip)) as f64 / 48_000.0,
    ))
}

/// MP4: the movie header's duration over its time scale.
fn mp4_duration(path: &Path) -> io::Result<Option<f64>> {
    let mut file = File::open(path)?;
    let length = file.metadata()?.len();
    let Some((moov, moov_len)) = find_box(&mut file, 0, length, b"moov")? else {
        return Ok(None);
    };
    let Some((mvhd, _)) = find_box(&mut file, moov, moov + moov_len, b"mvhd")? else {
        return Ok(None);
    };
    file.seek(SeekFrom::Start(mvhd))?;
    let mut version = [0u8; 4];
    file.read_exact(&mut version)?;
    let (scale, duration) = if version[0] == 1 {
        let mut b = [0u8; 28];
        file.read_exact(&mut b)?;
        (
            u32::from_be_bytes(b[16..20].try_into().expect("four bytes")),
            u64::from_be_bytes(b[20..28].try_into().expect("eight bytes")),
        )
    } else {
        let mut b = [0u8; 16];
        file.read_exact(&mut b)?;
        (
            u32::from_be_bytes(b[8..12].try_into().expect("four bytes")),
            u64::from(u32::from_be_bytes(
                b[12..16].try_into().expect("four bytes"),
            )),
        )
    };
    Ok((scale > 0).then(|| duration as f64 / f64::from(scale)))
}

/// The content offset and length of the first box called `name` between `start` and `end`.
fn find_box(
    file: &mut File,
    start: u64,
    end: u64,
    name: &[u8; 4],
) -> io::Result<Option<(u64, u64)>> {
    let mut at = start;
    while at + 8 <= end {
        file.seek(SeekFrom::Start(at))?;
        let mut header = [0u8; 8];
        file.read_exact(&mut header)?;
        let mut size = u64::from(u32::from_be_bytes(header[..4].try_into().expect("four")));
        let mut header_len = 8;
        if size == 1 {
            let mut large = [0u8; 8];
            file.read_exact(&mut large)?;
            size = u64::from_be_bytes(large);
            header_len = 16;
        } else if size == 0 {
            size = end - at;
        }
        if size < header_len {
            return Ok(None);
        }
        if &header[4..8] == name {
            return Ok(Some((at + header_len, size - header_len)));
        }
        at += size;
    }
    Ok(None)
}
