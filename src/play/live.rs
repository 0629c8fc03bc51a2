//! Playing an edition while it is being synthesized: the chunks are laid onto the tape by the
//! same [`Layout`] as a build's (seams, pauses, intro, interlude and outro music), through the
//! build's cache, with each chapter and sentence marked where it starts, so what plays is what
//! the built file holds before mastering.

use super::tape::{SentenceMark, Tape};
use crate::cancel::Cancel;
use crate::model::{Boundary, Chunk, Script};
use crate::pipeline::{self, BuildError, Prepared};
use crate::stitch::{Layout, StitchError, Track};
use crate::synth::cache::ChunkCache;
use std::ops::Range;

/// The chunks to play: the whole script, or chapter `n` (from 1) alone.
pub fn chunk_range(script: &Script, chapter: Option<usize>) -> Result<Range<usize>, BuildError> {
    let Some(n) = chapter else {
        return Ok(0..script.chunks.len());
    };
    let first = n
        .checked_sub(1)
        .and_then(|k| script.chapters.get(k))
        .ok_or_else(|| {
            BuildError::Usage(format!(
                "there is no chapter {n}; this script has {}",
                script.chapters.len()
            ))
        })?;
    let end = script
        .chapters
        .get(n)
        .map_or(script.chunks.len(), |c| c.first_chunk);
    Ok(first.first_chunk..end)
}

/// The tape as a layout's track: sound and silence appended, chapters and sentences marked.
struct TapeTrack<'a> {
    tape: &'a Tape,
    script: &'a Script,
    /// The sentence of the chunk laid last, and how that chunk ended.
    last: Option<(usize, Boundary)>,
}

impl Track for TapeTrack<'_> {
    fn sound(
        &mut self,
        _at: u64,
        samples: &[f32],
        _voice: Option<&str>,
    ) -> Result<(), StitchError> {
        self.tape.append(samples).map_err(tape_error)
    }

    fn silence(&mut self, frames: u64) -> Result<(), StitchError> {
        self.tape.silence(frames).map_err(tape_error)
    }

    fn chapter(&mut self, at: u64, title: &str) {
        self.tape.mark_chapter_at(at, title);
    }

    fn chunk(&mut self, at: u64, chunk: &Chunk) {
        let new_sentence = self.last.is_none_or(|(s, _)| s != chunk.sentence);
        if new_sentence {
            let paragraph = self
                .last
                .is_none_or(|(_, boundary)| boundary >= Boundary::Paragraph)
                || self.script.sentences[chunk.sentence].heading;
            self.tape.mark_sentence(SentenceMark {
                frame: at,
                paragraph,
                text: self.script.sentences[chunk.sentence].written.clone(),
            });
        }
        self.last = Some((chunk.sentence, chunk.boundary));
    }
}

fn tape_error(source: std::io::Error) -> StitchError {
    StitchError::Write {
        path: "the playback tape".into(),
        source,
    }
}

/// Synthesizes the chunks `range` of `prepared` through `cache` onto `tape` (at the tape's
/// rate), music included, and finishes the tape, whatever happens. Stops, with
/// [`BuildError::Stopped`] or [`BuildError::Interrupted`], when `cancel` is set.
pub fn feed(
    prepared: &Prepared,
    range: Range<usize>,
    jobs: usize,
    cache: Option<&ChunkCache>,
    cancel: &Cancel,
    tape: &Tape,
) -> Result<(), BuildError> {
    let result = (|| {
        let script = &prepared.script;
        let track = TapeTrack {
            tape,
            script,
            last: None,
        };
        let chapters = script
            .chapters
            .iter()
            .filter(|c| range.contains(&c.first_chunk))
            .map(|c| (c.first_chunk, c.title.clone()));
        let mut layout = Layout::new(track, prepared.sample_rate()?, tape.sample_rate())
            .from_chunk(range.start)
            .announcing(chapters);
        pipeline::lay_out(
            prepared,
            range,
            jobs,
            cache,
            cancel,
            &mut layout,
            |_, _, _| {},
        )
    })();
    tape.finish();
    result
}
