//! Ogg Opus (RFC 7845): the mastered stream resampled to 48 kHz ([`StreamResample`]), encoded by
//! libopus ([`super::opus_codec`], at complexity 5) in 20 ms frames and paged by the `ogg`
//! crate, with the tags, the chapters and the cover in the `OpusTags` comments.
//!
//! Chapters are `CHAPTERnnn=HH:MM:SS.mmm` and `CHAPTERnnnNAME=title` comments (the Vorbis
//! chapter extension, which ffprobe and audiobook players read); the cover is a
//! `METADATA_BLOCK_PICTURE` (a FLAC picture block in base64). Invariants: the header and the tags
//! each end their page, as the specification asks; a packet's granule position counts the 48 kHz
//! samples decoded up to its end (the encoder's pre-skip among them), and the last one marks the
//! true end, so a decoder
//! trims the padding of the final frame and the file lasts exactly as long as the edition.
//!
//! Opus at speech bit rates takes some loudness away and rings past the peaks, by amounts that
//! depend on the voice, so the sink decodes its own packets as it makes them, measures the
//! decoded loudness and true peak, and at the end sets the header's output gain (which decoders
//! apply) to bring the file to the edition's target without passing its true-peak ceiling. So
//! that the ringing leaves room for that gain, the stream's peaks are first held 4.5 dB under the
//! ceiling by a limiter of the sink's own (the top 2.5 dB of the master's peaks are touched).
//! Measured on espeak over a pure tone at 32 kbit/s, where libopus rings up to 4 dB past the
//! peaks: with 3 dB of room the gain was held back to as little as -18.3 LUFS in one build of
//! four; with 4.5 dB, -16.0 to -16.2 LUFS and -1.2 to -1.5 dBTP as ffmpeg reads them, in four of
//! four. Room alone did not do for every voice: espeak's reading of our own sample rang so far
//! that the gain was held to -19.4 LUFS. So a frame whose decoded sound rings more than 1 dB past
//! the limiter's ceiling is encoded again, with the frame before it, from the codec's state
//! before them, with a short dip in their input under the loudest decoded moment (up to four
//! tries, deeper each time); every voice and sample the tests have then reaches -16 LUFS.

use super::opus_codec::{Codec, Saved, FRAME, RATE};
use super::{AudioSink, BitrateRule, FormatSpec, SinkTarget, Tags};
use crate::stitch::loudness::Limiter;
use crate::stitch::resample::StreamResample;
use base64::Engine as _;
use ogg::writing::{PacketWriteEndInfo, PacketWriter};
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

pub static FORMAT: FormatSpec = FormatSpec {
    name: "opus",
    extension: "opus",
    mime: "audio/ogg",
    lossy: true,
    bitrate: Some(BitrateRule {
        default: 32,
        check: |kbps, _| super::kbps_within(kbps, 6..=256, "Opus", 24),
    }),
    // Any rate the edition can have: the stream is resampled to 48 kHz.
    check_rate: |_| Ok(()),
    open,
};

/// Packets to a page: a page a second.
const PACKETS_PER_PAGE: u64 = 50;
const SERIAL: u32 = 0x766f_7870; // "voxp"
/// How far under the true-peak ceiling the sink's limiter holds the stream, in dB: room for the
/// codec's ringing and the output gain.
const HEADROOM_DB: f64 = 4.5;
/// How far past the limiter's ceiling a decoded frame may ring, in dB, before it is encoded again
/// with a dip under its loudest moment.
const RINGING_DB: f32 = 1.0;
/// Tries at a frame that rings too far; the last is kept whatever it rings.
const TRIES: usize = 4;

fn open(target: &SinkTarget) -> io::Result<Box<dyn AudioSink>> {
    let mut codec = Codec::new(target.kbps.unwrap_or(32))?;
    let pre_skip = u64::from(codec.lookahead()?);
    let file = BufWriter::with_capacity(1 << 16, File::create(target.path)?);
    let mut pages = PacketWriter::new(file);
    pages.write_packet(
        head(pre_skip as u16, target.sample_rate),
        SERIAL,
        PacketWriteEndInfo::EndPage,
        0,
    )?;
    pages.write_packet(
        comments(target.tags),
        SERIAL,
        PacketWriteEndInfo::EndPage,
        0,
    )?;
    let check = match target.level {
        Some(level) => Some(LevelCheck {
            meter: ebur128::EbuR128::new(1, RATE, ebur128::Mode::I | ebur128::Mode::TRUE_PEAK)
                .map_err(|e| io::Error::other(format!("loudness meter: {e}")))?,
            skip: pre_skip as usize,
            level,
        }),
        None => None,
    };
    let ceiling = target
        .level
        .map(|level| 10f32.powf((level.true_peak - HEADROOM_DB) as f32 / 20.0));
    Ok(Box::new(OpusSink {
        limiter: ceiling.map(|c| Limiter::new(c, target.sample_rate)),
        ringing_limit: ceiling.map(|c| c * 10f32.powf(RINGING_DB / 20.0)),
        path: target.path.to_path_buf(),
        check,
        pages,
        codec,
        resample: StreamResample::new(target.sample_rate, RATE),
        pending: Vec::with_capacity(FRAME * 64),
        held: None,
        pre_skip,
        encoded: 0,
        packets: 0,
    }))
}

/// The identification header: version 1, mono, the pre-skip, the input's rate, no gain,
/// mapping family 0.
fn head(pre_skip: u16, input_rate: u32) -> Vec<u8> {
    let mut out = b"OpusHead".to_vec();
    out.push(1);
    out.push(1);
    out.extend_from_slice(&pre_skip.to_le_bytes());
    out.extend_from_slice(&input_rate.to_le_bytes());
    out.extend_from_slice(&0i16.to_le_bytes());
    out.push(0);
    out
}

/// `HH:MM:SS.mmm`, as the chapter extension writes times.
fn clock(ms: u64) -> String {
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// The comment header: tags, chapters and cover.
pub fn comments(tags: &Tags) -> Vec<u8> {
    let mut list: Vec<String> = vec![format!("TITLE={}", tags.title)];
    list.push(format!("ALBUM={}", tags.album));
    list.extend(tags.author.iter().map(|a| format!("ARTIST={a}")));
    list.extend(tags.date.iter().map(|d| format!("DATE={d}")));
    list.extend(tags.description.iter().map(|d| format!("DESCRIPTION={d}")));
    list.extend(tags.voices.iter().map(|v| format!("PERFORMER={v}")));
    if let Some((track, total)) = tags.track {
        list.push(format!("TRACKNUMBER={track}"));
        list.push(format!("TRACKTOTAL={total}"));
    }
    for (k, chapter) in tags.chapters.iter().enumerate() {
        list.push(format!(
            "CHAPTER{k:03}={}",
            clock(tags.millis(chapter.start))
        ));
        list.push(format!(
            "CHAPTER{k:03}NAME={}",
            chapter.title.replace(['\n', '\r'], " ")
        ));
    }
    if let Some(cover) = &tags.cover {
        let mut block = Vec::with_capacity(cover.data.len() + 64);
        block.extend_from_slice(&3u32.to_be_bytes()); // front cover
        block.extend_from_slice(&(cover.mime.len() as u32).to_be_bytes());
        block.extend_from_slice(cover.mime.as_bytes());
        block.extend_from_slice(&0u32.to_be_bytes()); // no description
        block.extend_from_slice(&cover.width.to_be_bytes());
        block.extend_from_slice(&cover.height.to_be_bytes());
        block.extend_from_slice(&24u32.to_be_bytes());
        block.extend_from_slice(&0u32.to_be_bytes());
        block.extend_from_slice(&(cover.data.len() as u32).to_be_bytes());
        block.extend_from_slice(&cover.data);
        list.push(format!(
            "METADATA_BLOCK_PICTURE={}",
            base64::engine::general_purpose::STANDARD.encode(block)
        ));
    }
    let vendor = format!("voxpress {}", env!("CARGO_PKG_VERSION"));
    let mut out = b"OpusTags".to_vec();
    out.extend_from_slice(&(vendor.len() as u32).to_le_bytes());
    out.extend_from_slice(vendor.as_bytes());
    out.extend_from_slice(&(list.len() as u32).to_le_bytes());
    for comment in list {
        out.extend_from_slice(&(comment.len() as u32).to_le_bytes());
        out.extend_from_slice(comment.as_bytes());
    }
    out
}

/// The meter of what a listener will hear: the decoded frames.
struct LevelCheck {
    meter: ebur128::EbuR128,
    /// Decoded samples still to drop: the pre-skip.
    skip: usize,
    level: super::Level,
}

impl LevelCheck {
    fn hear(&mut self, decoded: &[f32]) {
        let skip = self.skip.min(decoded.len());
        self.skip -= skip;
        let _ = self.meter.add_frames_f32(&decoded[skip..]);
    }

    /// The output gain, in dB, that brings the decoded file to the edition's loudness while its
    /// true peak (as libopus decodes it, which reads higher than FFmpeg's own decoder) stays a
    /// tenth of a decibel under the ceiling.
    fn gain_db(&self) -> f64 {
        let Ok(lufs) = self.meter.loudness_global() else {
            return 0.0;
        };
        let peak = self
            .meter
            .true_peak(0)
            .ok()
            .filter(|p| *p > 0.0)
            .map_or(-120.0, |p| 20.0 * p.log10());
        if !lufs.is_finite() {
            return 0.0;
        }
        (self.level.lufs - lufs)
            .min(self.level.true_peak - 0.1 - peak)
            .clamp(-12.0, 12.0)
    }
}

/// The Ogg page checksum: CRC-32, polynomial 0x04c11db7, unreflected, starting at 0.
fn ogg_crc(bytes: &[u8]) -> u32 {
    let mut crc = 0u32;
    for &b in bytes {
        crc ^= u32::from(b) << 24;
        for _ in 0..8 {
            crc = if crc & 0x8000_0000 != 0 {
                (crc << 1) ^ 0x04c1_1db7
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// Sets the output gain (dB, stored in Q7.8) of the `OpusHead` that is the first page of the
/// file at `path`, and the page's checksum.
fn set_output_gain(path: &std::path::Path, gain_db: f64) -> io::Result<()> {
    let mut file = OpenOptions::new().read(true).write(true).open(path)?;
    let mut page = [0u8; 27 + 1 + 19];
    file.read_exact(&mut page)?;
    if &page[0..4] != b"OggS" || page[26] != 1 || &page[28..36] != b"OpusHead" {
        return Err(io::Error::other("the first page is not an OpusHead"));
    }
    let q78 = (gain_db * 256.0).round() as i16;
    page[28 + 16..28 + 18].copy_from_slice(&q78.to_le_bytes());
    page[22..26].fill(0);
    let crc = ogg_crc(&page);
    page[22..26].copy_from_slice(&crc.to_le_bytes());
    file.seek(SeekFrom::Start(0))?;
    file.write_all(&page)?;
    file.sync_all()
}

struct OpusSink {
    /// Holds the peaks under the ceiling with room for the codec's ringing.
    limiter: Option<Limiter>,
    /// The loudest a decoded sample may be before its frame is encoded again.
    ringing_limit: Option<f32>,
    path: std::path::PathBuf,
    check: Option<LevelCheck>,
    pages: PacketWriter<'static, BufWriter<File>>,
    codec: Codec,
    resample: StreamResample,
    /// 48 kHz samples not yet encoded.
    pending: Vec<f32>,
    /// The last frame encoded, held back so that it can be encoded again with the next one, and
    /// so that the final packet can end the stream.
    held: Option<Encoded>,
    pre_skip: u64,
    /// 48 kHz samples given to the encoder so far (whole frames).
    encoded: u64,
    packets: u64,
}

/// A frame as it was encoded: its input (with any dips), the state before it, the packet and
/// what the decoder makes of it.
struct Encoded {
    input: Vec<f32>,
    before: Saved,
    packet: Vec<u8>,
    heard: Vec<f32>,
    /// The granule position at its end.
    granule: u64,
}

fn loudest(samples: &[f32]) -> (usize, f32) {
    samples.iter().enumerate().fold(
        (0, 0.0),
        |(k, m), (i, s)| if s.abs() > m { (i, s.abs()) } else { (k, m) },
    )
}

/// Multiplies `samples` by a dip to `depth` centred on sample `at`: 2.5 ms either side at
/// `depth`, then 5 ms raised-cosine shoulders back to 1.
fn dip(samples: &mut [f32], at: usize, depth: f32) {
    const FLAT: usize = 120;
    const SHOULDER: usize = 240;
    let from = at.saturating_sub(FLAT + SHOULDER);
    let to = (at + FLAT + SHOULDER).min(samples.len());
    for (k, s) in samples.iter_mut().enumerate().take(to).skip(from) {
        let distance = k.abs_diff(at).saturating_sub(FLAT);
        let g = if distance == 0 {
            depth
        } else {
            let x = distance as f32 / SHOULDER as f32;
            let rise = 0.5 - 0.5 * (std::f32::consts::PI * x).cos();
            depth + (1.0 - depth) * rise
        };
        *s *= g;
    }
}

impl OpusSink {
    /// Encodes every whole frame of `pending`.
    fn encode_frames(&mut self) -> io::Result<()> {
        let mut at = 0;
        while self.pending.len() - at >= FRAME {
            let mut before = self.codec.save();
            let mut input = self.pending[at..at + FRAME].to_vec();
            let mut heard = vec![0.0; FRAME];
            let mut packet = self.codec.encode(&input, &mut heard)?;
            self.encoded += FRAME as u64;
            let ringing = self
                .ringing_limit
                .filter(|&limit| loudest(&heard).1 > limit);
            if let (Some(limit), Some(held)) = (ringing, self.held.as_mut()) {
                let future = &mut self.pending[at + FRAME..];
                before = Self::encode_again(
                    &mut self.codec,
                    limit,
                    self.pre_skip as usize,
                    held,
                    (&mut input, &mut packet, &mut heard),
                    future,
                )?;
            }
            at += FRAME;
            let frame = Encoded {
                input,
                before,
                packet,
                heard,
                granule: self.encoded,
            };
            if let Some(done) = self.held.replace(frame) {
                self.commit(done, PacketWriteEndInfo::NormalPacket)?;
            }
        }
        self.pending.drain(..at);
        Ok(())
    }

    /// The frame after `held` rang past `limit` as decoded: both are encoded again, from the
    /// state before `held`, with a dip in their input under the loudest decoded moment (the
    /// decoder's output lags its input by the pre-skip), deeper at each try. A dip reaching past
    /// the two frames goes on into `future`. Returns the state between the two frames.
    fn encode_again(
        codec: &mut Codec,
        limit: f32,
        pre_skip: usize,
        held: &mut Encoded,
        (input, packet, heard): (&mut Vec<f32>, &mut Vec<u8>, &mut Vec<f32>),
        future: &mut [f32],
    ) -> io::Result<Saved> {
        let mut between = codec.save();
        for _ in 0..TRIES {
            let both: Vec<f32> = held.heard.iter().chain(heard.iter()).copied().collect();
            let (k, peak) = loudest(&both);
            if peak <= limit {
                break;
            }
            let mut span: Vec<f32> = held
                .input
                .iter()
                .chain(input.iter())
                .chain(future.iter().take(FRAME))
                .copied()
                .collect();
            dip(&mut span, k.saturating_sub(pre_skip), limit / peak * 0.97);
            held.input.copy_from_slice(&span[..FRAME]);
            input.copy_from_slice(&span[FRAME..2 * FRAME]);
            let tail = span.len() - 2 * FRAME;
            future[..tail].copy_from_slice(&span[2 * FRAME..]);
            codec.restore(&held.before);
            held.packet = codec.encode(&held.input, &mut held.heard)?;
            between = codec.save();
            *packet = codec.encode(input, heard)?;
        }
        Ok(between)
    }

    /// Writes a frame's packet and lets the meter hear it.
    fn commit(&mut self, frame: Encoded, end: PacketWriteEndInfo) -> io::Result<()> {
        if let Some(check) = self.check.as_mut() {
            check.hear(&frame.heard);
        }
        self.packets += 1;
        let end = match end {
            PacketWriteEndInfo::NormalPacket if self.packets.is_multiple_of(PACKETS_PER_PAGE) => {
                PacketWriteEndInfo::EndPage
            }
            end => end,
        };
        self.pages
            .write_packet(frame.packet, SERIAL, end, frame.granule)
    }
}

impl AudioSink for OpusSink {
    fn write(&mut self, samples: &[f32]) -> io::Result<()> {
        let limited;
        let samples = match self.limiter.as_mut() {
            Some(limiter) => {
                let mut out = Vec::with_capacity(samples.len() + 512);
                limiter.process(samples, &mut out);
                limited = out;
                &limited[..]
            }
            None => samples,
        };
        let mut converted = Vec::with_capacity(samples.len() * 12 / 10 + 16);
        self.resample.push(samples, &mut converted);
        self.pending.extend_from_slice(&converted);
        self.encode_frames()
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        let mut rest = Vec::new();
        if let Some(limiter) = self.limiter.as_mut() {
            let mut tail = Vec::new();
            limiter.finish(&mut tail);
            self.resample.push(&tail, &mut rest);
        }
        self.resample.finish(&mut rest);
        self.pending.extend_from_slice(&rest);
        let total = self.encoded + self.pending.len() as u64;
        // Pad the last frame, and feed the encoder's look-ahead so that the end is heard.
        let padded = (self.pending.len() + self.pre_skip as usize).div_ceil(FRAME) * FRAME;
        self.pending.resize(padded.max(FRAME), 0.0);
        self.encode_frames()?;
        if let Some(mut last) = self.held.take() {
            last.granule = self.pre_skip + total;
            self.commit(last, PacketWriteEndInfo::EndStream)?;
        }
        let check = self.check.take();
        let path = self.path.clone();
        let mut file = self.pages.into_inner();
        file.flush()?;
        file.get_ref().sync_all()?;
        drop(file);
        match check.map(|c| c.gain_db()) {
            Some(gain) if gain.abs() >= 0.05 => set_output_gain(&path, gain),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outputs::ChapterMark;

    #[test]
    fn the_page_checksum_is_ogg_s() {
        // The CRC of "123456789" with Ogg's parameters (CRC-32/MPEG-2 without the final
        // inversion and start value: check value 0x89a1897f).
        assert_eq!(ogg_crc(b"123456789"), 0x89a1_897f);
    }

    #[test]
    fn chapters_become_numbered_comments_in_milliseconds() {
        let tags = Tags {
            title: "Edition".into(),
            sample_rate: 1000,
            chapters: vec![ChapterMark {
                start: 61_234,
                end: 70_000,
                title: "Two".into(),
            }],
            ..Tags::default()
        };
        let text = String::from_utf8_lossy(&comments(&tags)).into_owned();
        assert!(text.contains("CHAPTER000=00:01:01.234"), "{text}");
        assert!(text.contains("CHAPTER000NAME=Two"), "{text}");
    }
}
