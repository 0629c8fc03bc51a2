//! Word timings as written: every written unit of the script ("$3.5 million" is one, said as
//! five words) with when it is heard in the final file, from the times the voice gave its spoken
//! words (placed through the seams, pauses and resampling by the stitcher), and `NAME.words.json`.
//!
//! Invariants: words are in script order, their starts never go back, each ends at or after it
//! starts and within its chunk's speech. A unit the voice did not time (a voice without word
//! timings, a word it skipped) is placed between its timed neighbours by its spoken length, and
//! says so (`timed: false`).

use crate::model::{Script, SourceSpan, Timeline};
use crate::outputs::Published;
use serde::Serialize;
use std::ops::Range;

/// A written unit and when it is heard, in seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct HeardWord {
    pub sentence: usize,
    pub chunk: usize,
    /// Byte range of its sentence's written text.
    pub written: Range<usize>,
    pub span: SourceSpan,
    pub start: f64,
    pub end: f64,
    /// True when the voice timed it; false when it was placed by its length.
    pub timed: bool,
}

/// Every written unit of `script` with its time on `timeline`, in order.
pub fn heard_words(script: &Script, timeline: &Timeline) -> Vec<HeardWord> {
    let mut out = Vec::new();
    let mut timed_words = timeline.words.iter().peekable();
    for chunk in &script.chunks {
        let Some(place) = timeline.chunks.get(chunk.index) else {
            continue;
        };
        let mut mine = Vec::new();
        while let Some(w) = timed_words.next_if(|w| w.chunk <= chunk.index) {
            if w.chunk == chunk.index {
                mine.push(*w);
            }
        }
        // Each unit: the span of the timed spoken words inside its spoken range.
        let mut times: Vec<Option<(u64, u64)>> = chunk
            .words
            .iter()
            .map(|unit| {
                let hits = mine.iter().filter(|w| {
                    (w.text_start as usize) < unit.spoken.end
                        && (w.text_end as usize) > unit.spoken.start
                });
                hits.fold(None, |acc: Option<(u64, u64)>, w| match acc {
                    None => Some((w.start_sample, w.end_sample)),
                    Some((s, e)) => Some((s.min(w.start_sample), e.max(w.end_sample))),
                })
            })
            .collect();
        let timed: Vec<bool> = times.iter().map(Option::is_some).collect();
        fill_gaps(
            &mut times,
            &chunk
                .words
                .iter()
                .map(|u| u.spoken.len())
                .collect::<Vec<_>>(),
            place.start_sample..place.end_sample,
        );
        let mut last_start = 0.0f64;
        for ((unit, time), timed) in chunk.words.iter().zip(times).zip(timed) {
            let (s, e) = time.unwrap_or((place.start_sample, place.start_sample));
            let start = timeline.seconds(s).max(last_start);
            let end = timeline.seconds(e).max(start);
            last_start = start;
            out.push(HeardWord {
                sentence: chunk.sentence,
                chunk: chunk.index,
                written: unit.written.clone(),
                span: unit.span,
                start,
                end,
                timed,
            });
        }
    }
    out
}

/// [`heard_words`] grouped by sentence: one list (maybe empty) for each of the script's sentences.
pub fn heard_by_sentence(script: &Script, timeline: &Timeline) -> Vec<Vec<HeardWord>> {
    let mut by_sentence = vec![Vec::new(); script.sentences.len()];
    for word in heard_words(script, timeline) {
        if let Some(list) = by_sentence.get_mut(word.sentence) {
            list.push(word);
        }
    }
    by_sentence
}

/// Gives the units without a time one between their neighbours' (or the chunk's ends), shared
/// out by spoken length.
fn fill_gaps(times: &mut [Option<(u64, u64)>], lengths: &[usize], chunk: Range<u64>) {
    let mut k = 0;
    while k < times.len() {
        if times[k].is_some() {
            k += 1;
            continue;
        }
        let run_end = (k..times.len())
            .find(|&j| times[j].is_some())
            .unwrap_or(times.len());
        let from = if k == 0 {
            chunk.start
        } else {
            times[k - 1].map_or(chunk.start, |t| t.1)
        };
        let to = times
            .get(run_end)
            .and_then(|t| *t)
            .map_or(chunk.end, |t| t.0)
            .max(from);
        let total: usize = lengths[k..run_end].iter().map(|l| (*l).max(1)).sum();
        let mut at = from;
        for j in k..run_end {
            let share = (to - from) as f64 * lengths[j].max(1) as f64 / total.max(1) as f64;
            let until = (at + share.round() as u64).min(to);
            times[j] = Some((at, until));
            at = until;
        }
        k = run_end;
    }
}

#[derive(Serialize)]
struct WordsFile<'a> {
    version: u32,
    title: &'a str,
    /// "voice" when the voices timed every word, "length" when none was, else "mixed".
    timing: &'static str,
    words: Vec<WordEntry<'a>>,
}

#[derive(Serialize)]
struct WordEntry<'a> {
    text: &'a str,
    start: f64,
    end: f64,
    sentence: usize,
    /// The article it is in (the script's `articles`), whose file `span` points into.
    article: usize,
    span: SourceSpan,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    untimed: bool,
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// `NAME.words.json`: each written word with its start and end in seconds and its source span.
pub fn words_json(edition: &Published) -> String {
    let (script, timeline) = (edition.script, edition.timeline);
    let heard = heard_words(script, timeline);
    let timed = heard.iter().filter(|w| w.timed).count();
    let words = heard
        .iter()
        .map(|w| {
            let sentence = &script.sentences[w.sentence];
            WordEntry {
                text: sentence.written.get(w.written.clone()).unwrap_or(""),
                start: round3(w.start),
                end: round3(w.end),
                sentence: w.sentence,
                article: script.chunks[w.chunk].article,
                span: w.span,
                untimed: !w.timed,
            }
        })
        .collect();
    let file = WordsFile {
        version: 1,
        title: &edition.tags.title,
        timing: match timed {
            0 => "length",
            n if n == heard.len() => "voice",
            _ => "mixed",
        },
        words,
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untimed_units_are_placed_between_their_neighbours_by_length() {
        let mut times = vec![Some((0, 10)), None, None, Some((40, 50)), None];
        fill_gaps(&mut times, &[1, 1, 2, 1, 1], 0..60);
        assert_eq!(
            times,
            [
                Some((0, 10)),
                Some((10, 20)),
                Some((20, 40)),
                Some((40, 50)),
                Some((50, 60))
            ]
        );
    }
}
