//! Finished files on a tape: WAV (hound; RF64 by our own reader), MP3, FLAC, Ogg Vorbis, Ogg Opus
//! and, with the `m4b` feature, M4B/M4A, decoded to mono, with the chapters each kind carries
//! (WAV `cue ` markers, ID3 `CHAP` frames, Opus `CHAPTERnnn` comments, MP4 chapter tracks) and
//! the sentences of the build's script beside it (`STEM.script.json`), else where its pauses are.

use super::tape::{SentenceMark, Tape};
use super::PlayError;
use std::path::{Path, PathBuf};

/// The extensions of the files `play` takes as finished audio.
pub const EXTENSIONS: &[&str] = &["wav", "mp3", "flac", "ogg", "oga", "opus", "m4b", "m4a"];

/// True when `path` names a finished audio file (by its extension).
pub fn is_audio_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Decoded audio with its chapters (start in seconds, title).
struct Audio {
    rate: u32,
    samples: Vec<f32>,
    chapters: Vec<(f64, String)>,
}

/// Decodes `path`, whose bytes are `bytes` (read once, for its markers and its key).
fn decode(path: &Path, bytes: &[u8]) -> Result<Audio, String> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "wav" => {
            let (rate, samples) = crate::outputs::wav::read(path).map_err(|e| e.to_string())?;
            let chapters = crate::outputs::riff_markers::read(bytes)
                .into_iter()
                .map(|(frame, title)| (frame as f64 / f64::from(rate), title))
                .collect();
            Ok(Audio {
                rate,
                samples,
                chapters,
            })
        }
        "m4b" | "m4a" => decode_mp4(path),
        _ => {
            let (rate, samples) = crate::stitch::music::decode(path)?;
            let chapters = match extension.as_str() {
                "mp3" => id3_chapters(path),
                "opus" | "ogg" | "oga" => crate::stitch::ogg_opus::chapters(bytes),
                _ => Vec::new(),
            };
            Ok(Audio {
                rate,
                samples,
                chapters,
            })
        }
    }
}

#[cfg(feature = "m4b")]
fn decode_mp4(path: &Path) -> Result<Audio, String> {
    let decoded = crate::stitch::ffmpeg_decode::decode(path)?;
    Ok(Audio {
        rate: decoded.sample_rate,
        samples: decoded.samples,
        chapters: decoded.chapters,
    })
}

#[cfg(not(feature = "m4b"))]
fn decode_mp4(_path: &Path) -> Result<Audio, String> {
    Err("this voxpress was built without the m4b feature, which reads MP4 audio".into())
}

/// The chapters of an MP3's ID3 tag (`CHAP` frames, titled by their `TIT2`), in order.
fn id3_chapters(path: &Path) -> Vec<(f64, String)> {
    let Ok(tag) = id3::Tag::read_from_path(path) else {
        return Vec::new();
    };
    let mut chapters: Vec<(f64, String)> = tag
        .chapters()
        .map(|c| {
            let title = c
                .frames
                .iter()
                .find(|f| f.id() == "TIT2")
                .and_then(|f| f.content().text())
                .unwrap_or(&c.element_id)
                .to_string();
            (f64::from(c.start_time) / 1000.0, title)
        })
        .collect();
    chapters.sort_by(|a, b| a.0.total_cmp(&b.0));
    chapters
}

/// The build's script beside an audio file: `NAME.script.json` for `NAME.wav` and the other
/// formats of one build.
pub fn script_beside(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.script.json"))
}

/// The sentences of a built file's script (start in seconds, opens a paragraph, text), when the
/// script is there and is one of ours.
fn sentences_from_script(path: &Path) -> Option<Vec<(f64, bool, String)>> {
    let text = std::fs::read_to_string(script_beside(path)).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    let sentences = json.get("sentences")?.as_array()?;
    let chunks = json.get("chunks")?.as_array()?;
    // A sentence opens a paragraph when the chunk before its first ends one (or it is a heading).
    let mut opens = vec![false; sentences.len()];
    let mut previous: Option<(u64, String)> = None;
    for chunk in chunks {
        let sentence = chunk.get("sentence")?.as_u64()?;
        let boundary = chunk.get("boundary")?.as_str()?.to_string();
        if previous.as_ref().is_none_or(|(s, _)| *s != sentence) {
            let after_break = previous
                .as_ref()
                .is_none_or(|(_, b)| !matches!(b.as_str(), "clause" | "sentence"));
            if let Some(slot) = opens.get_mut(sentence as usize) {
                *slot = after_break;
            }
        }
        previous = Some((sentence, boundary));
    }
    Some(
        sentences
            .iter()
            .zip(opens)
            .filter_map(|(s, opens)| {
                let start = s.get("start")?.as_f64()?;
                let heading = s.get("heading").and_then(|h| h.as_bool()) == Some(true);
                let written = s.get("written")?.as_str()?.to_string();
                Some((start, opens || heading, written))
            })
            .collect(),
    )
}

/// Where speech resumes after the pauses between sentences, for files without their script:
/// after at least [`SENTENCE_GAP`] seconds of near silence; after [`PARAGRAPH_GAP`], a paragraph.
fn sentences_from_pauses(samples: &[f32], rate: u32) -> Vec<(f64, bool, String)> {
    const QUIET: f32 = 0.003;
    let rate_f = f64::from(rate);
    let mut marks = vec![(0.0, true, String::new())];
    let mut quiet_since: Option<usize> = None;
    for (k, s) in samples.iter().enumerate() {
        if s.abs() < QUIET {
            quiet_since.get_or_insert(k);
            continue;
        }
        if let Some(from) = quiet_since.take() {
            let gap = (k - from) as f64 / rate_f;
            if gap >= SENTENCE_GAP && from > 0 {
                marks.push((k as f64 / rate_f, gap >= PARAGRAPH_GAP, String::new()));
            }
        }
    }
    marks
}

/// The shortest pause taken for a sentence's end, and a paragraph's, in seconds.
const SENTENCE_GAP: f64 = 0.3;
const PARAGRAPH_GAP: f64 = 0.65;

/// A finished file on a tape, with its chapters and sentences marked.
pub struct Loaded {
    pub tape: Tape,
    /// What [`super::resume`] knows it by: its bytes' digest.
    pub key: String,
}

/// A finished file on a tape, with its chapters and sentences marked, and its key.
pub fn load(path: &Path) -> Result<Loaded, PlayError> {
    let bad = |message: String| PlayError::File {
        path: path.display().to_string(),
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
    let audio = decode(path, &bytes).map_err(bad)?;
    let tape = Tape::create(audio.rate).map_err(|e| PlayError::Tape(e.to_string()))?;
    let frame = |secs: f64| (secs.max(0.0) * f64::from(audio.rate)).round() as u64;
    for (start, title) in &audio.chapters {
        tape.mark_chapter_at(frame(*start), title);
    }
    let sentences = sentences_from_script(path)
        .unwrap_or_else(|| sentences_from_pauses(&audio.samples, audio.rate));
    for (start, paragraph, text) in sentences {
        tape.mark_sentence(SentenceMark {
            frame: frame(start),
            paragraph,
            text,
        });
    }
    tape.append(&audio.samples)
        .map_err(|e| PlayError::Tape(e.to_string()))?;
    tape.finish();
    Ok(Loaded {
        tape,
        key: super::resume::key_of(&bytes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_mark_sentences_and_longer_pauses_paragraphs() {
        let rate = 1000;
        let mut samples = vec![0.5f32; 500];
        samples.extend(vec![0.0; 400]); // a sentence's pause
        samples.extend(vec![0.5; 500]);
        samples.extend(vec![0.0; 800]); // a paragraph's
        samples.extend(vec![0.5; 500]);
        let marks = sentences_from_pauses(&samples, rate);
        let starts: Vec<(f64, bool)> = marks.iter().map(|m| (m.0, m.1)).collect();
        assert_eq!(starts, vec![(0.0, true), (0.9, false), (2.2, true)]);
    }
}
