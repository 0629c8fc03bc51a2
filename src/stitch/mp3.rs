//! MP3 through LAME (`mp3lame-encoder`, which builds its own LAME), with an ID3v2.3 tag carrying
//! the edition's title, author, date and description, and one CHAP frame per chapter under a
//! CTOC, and LAME's own Info tag in the first frame so that players know the exact length.

use mp3lame_encoder::{Bitrate, Builder, Encoder, FlushGap, MonoPcm, Quality};
use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::Path;

/// What the tag says about the edition.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TagInfo {
    pub title: String,
    pub author: Option<String>,
    pub date: Option<String>,
    pub description: Option<String>,
    /// Cover art (JPEG or PNG), embedded as the front cover.
    pub cover: Option<std::path::PathBuf>,
    /// (start ms, end ms, title) of each chapter.
    pub chapters: Vec<(u32, u32, String)>,
}

/// The ID3v2.3 tag for `info`.
pub fn id3_tag(info: &TagInfo) -> io::Result<Vec<u8>> {
    use id3::frame::{Chapter, Content, Frame, TableOfContents};
    use id3::TagLike;
    let mut tag = id3::Tag::new();
    tag.set_title(&info.title);
    tag.set_album(&info.title);
    if let Some(author) = &info.author {
        tag.set_artist(author);
    }
    if let Some(date) = &info.date {
        tag.add_frame(Frame::text(
            "TYER",
            date.chars().take(4).collect::<String>(),
        ));
    }
    if let Some(description) = &info.description {
        tag.add_frame(id3::frame::Comment {
            lang: "eng".into(),
            description: String::new(),
            text: description.clone(),
        });
    }
    if let Some(cover) = &info.cover {
        let data = std::fs::read(cover)?;
        let mime = if data.starts_with(b"\x89PNG") {
            "image/png"
        } else {
            "image/jpeg"
        };
        tag.add_frame(id3::frame::Picture {
            mime_type: mime.into(),
            picture_type: id3::frame::PictureType::CoverFront,
            description: String::new(),
            data,
        });
    }
    let mut ids = Vec::new();
    for (k, (start, end, title)) in info.chapters.iter().enumerate() {
        let id = format!("chp{k}");
        tag.add_frame(Frame::with_content(
            "CHAP",
            Content::Chapter(Chapter {
                element_id: id.clone(),
                start_time: *start,
                end_time: *end,
                start_offset: u32::MAX,
                end_offset: u32::MAX,
                frames: vec![Frame::text("TIT2", title.clone())],
            }),
        ));
        ids.push(id);
    }
    if !ids.is_empty() {
        tag.add_frame(Frame::with_content(
            "CTOC",
            Content::TableOfContents(TableOfContents {
                element_id: "toc".into(),
                top_level: true,
                ordered: true,
                elements: ids,
                frames: vec![Frame::text("TIT2", info.title.clone())],
            }),
        ));
    }
    let mut bytes = Vec::new();
    tag.write_to(&mut bytes, id3::Version::Id3v23)
        .map_err(|e| io::Error::other(e.to_string()))?;
    Ok(bytes)
}

/// Streams mono samples into an MP3 file that starts with `tag`.
pub struct Mp3Sink {
    file: BufWriter<File>,
    encoder: Encoder,
    buffer: Vec<u8>,
    audio_start: u64,
}

/// The constant bit rates (kbit/s) an MP3 can have at 32,000 Hz and above.
pub const KBPS: &[u32] = &[32, 40, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];

fn bitrate(kbps: u32) -> Option<Bitrate> {
    Some(match kbps {
        32 => Bitrate::Kbps32,
        40 => Bitrate::Kbps40,
        48 => Bitrate::Kbps48,
        64 => Bitrate::Kbps64,
        80 => Bitrate::Kbps80,
        96 => Bitrate::Kbps96,
        112 => Bitrate::Kbps112,
        128 => Bitrate::Kbps128,
        160 => Bitrate::Kbps160,
        192 => Bitrate::Kbps192,
        224 => Bitrate::Kbps224,
        256 => Bitrate::Kbps256,
        320 => Bitrate::Kbps320,
        _ => return None,
    })
}

fn lame(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("LAME: {e}"))
}

impl Mp3Sink {
    pub fn create(path: &Path, sample_rate: u32, kbps: u32, tag: &[u8]) -> io::Result<Mp3Sink> {
        let bitrate =
            bitrate(kbps).ok_or_else(|| lame(format!("{kbps} kbit/s is not an MP3 bit rate")))?;
        let mut builder = Builder::new().ok_or_else(|| lame("cannot start the encoder"))?;
        builder.set_num_channels(1).map_err(lame)?;
        builder.set_sample_rate(sample_rate).map_err(lame)?;
        builder.set_brate(bitrate).map_err(lame)?;
        builder.set_quality(Quality::Good).map_err(lame)?;
        builder.set_to_write_vbr_tag(true).map_err(lame)?;
        let encoder = builder.build().map_err(lame)?;
        let mut file = BufWriter::new(File::create(path)?);
        file.write_all(tag)?;
        Ok(Mp3Sink {
            file,
            encoder,
            buffer: Vec::new(),
            audio_start: tag.len() as u64,
        })
    }

    pub fn samples(&mut self, samples: &[f32]) -> io::Result<()> {
        self.buffer.clear();
        self.buffer
            .reserve(mp3lame_encoder::max_required_buffer_size(samples.len()));
        self.encoder
            .encode_to_vec(MonoPcm(samples), &mut self.buffer)
            .map_err(lame)?;
        self.file.write_all(&self.buffer)
    }

    /// Flushes the encoder and writes LAME's Info tag over the first (reserved) frame.
    pub fn finish(mut self) -> io::Result<()> {
        self.buffer.clear();
        self.buffer.reserve(7200);
        self.encoder
            .flush_to_vec::<FlushGap>(&mut self.buffer)
            .map_err(lame)?;
        self.file.write_all(&self.buffer)?;
        let mut info = Vec::with_capacity(self.encoder.lame_tag_size().max(1));
        if self.encoder.lame_tag_encode_to_vec(&mut info).is_some() {
            self.file.seek(SeekFrom::Start(self.audio_start))?;
            self.file.write_all(&info)?;
        }
        self.file.flush()?;
        self.file.get_ref().sync_all()
    }
}
