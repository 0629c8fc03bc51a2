//! Word timings from the voices themselves: the spoken words of a chunk's text, and the sample
//! ranges a voice says it spoke words at, matched to each other.
//!
//! Piper gives each phoneme's duration (its model's `w_ceil`, see `piper.rs`) and its phonemizer
//! separates words with spaces, so a chunk's heard words come in order; espeak-ng names the text
//! position of each word it speaks (its word events, see `espeak.rs`).
//!
//! Invariants: the words returned ascend in text and in time, never overlap, and lie within the
//! clip.

use crate::model::phonemes::{segments, Segment};
use crate::model::WordTime;
use std::ops::Range;

/// The spoken words of `text`: byte ranges of its whitespace-separated tokens that hold a letter
/// or digit; a marked IPA stretch (`[[...]]`, a lexicon's pronunciation) is one word.
pub fn spoken_words(text: &str) -> Vec<Range<usize>> {
    let base = text.as_ptr() as usize;
    let mut words = Vec::new();
    for segment in segments(text) {
        match segment {
            Segment::Ipa(ipa) => {
                let at = ipa.as_ptr() as usize - base;
                let open = crate::model::phonemes::OPEN.len();
                let close = crate::model::phonemes::CLOSE.len();
                words.push(at.saturating_sub(open)..(at + ipa.len() + close).min(text.len()));
            }
            Segment::Words(part) => {
                let offset = part.as_ptr() as usize - base;
                let mut start = None;
                for (k, c) in part
                    .char_indices()
                    .chain(std::iter::once((part.len(), ' ')))
                {
                    match (c.is_whitespace(), start) {
                        (true, Some(s)) => {
                            if part[s..k].chars().any(char::is_alphanumeric) {
                                words.push(offset + s..offset + k);
                            }
                            start = None;
                        }
                        (false, None) => start = Some(k),
                        _ => {}
                    }
                }
            }
        }
    }
    words
}

/// The spoken words of `text` placed at the `heard` sample ranges, which a voice reports in
/// order, one per word it spoke. When there are as many as there are spoken words they pair one
/// to one; otherwise (the phonemizer joined or split a word) each spoken word is placed by its
/// share of the characters along the heard speech, so no word is far from where it is said.
pub fn assign(text: &str, heard: &[Range<u64>]) -> Vec<WordTime> {
    let words = spoken_words(text);
    if words.is_empty() || heard.is_empty() {
        return Vec::new();
    }
    let time = |w: &Range<usize>, h: Range<u64>| WordTime {
        text_start: w.start as u32,
        text_end: w.end as u32,
        start_sample: h.start,
        end_sample: h.end.max(h.start),
    };
    if words.len() == heard.len() {
        return words
            .iter()
            .zip(heard)
            .map(|(w, h)| time(w, h.clone()))
            .collect();
    }
    // The heard speech laid end to end (gaps left out), and a character position mapped onto it.
    let spoken_total: usize = words.iter().map(|w| w.len()).sum();
    let heard_total: u64 = heard.iter().map(|h| h.end.saturating_sub(h.start)).sum();
    let at = |fraction: f64| -> u64 {
        let mut target = (fraction * heard_total as f64).round() as u64;
        for h in heard {
            let length = h.end.saturating_sub(h.start);
            if target <= length {
                return h.start + target;
            }
            target -= length;
        }
        heard.last().map_or(0, |h| h.end)
    };
    let mut done = 0usize;
    words
        .iter()
        .map(|w| {
            let start = at(done as f64 / spoken_total.max(1) as f64);
            done += w.len();
            let end = at(done as f64 / spoken_total.max(1) as f64);
            time(w, start..end)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spoken_words_skip_punctuation_and_keep_ipa_whole() {
        let text = "Hello, [[bˈɑːmɑːkˌoʊ]] — twenty-two.";
        let words: Vec<&str> = spoken_words(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(words, ["Hello,", "[[bˈɑːmɑːkˌoʊ]]", "twenty-two."]);
    }

    #[test]
    fn as_many_heard_as_spoken_pair_one_to_one() {
        let times = assign("one two three", &[0..10, 12..20, 25..40]);
        let starts: Vec<u64> = times.iter().map(|t| t.start_sample).collect();
        assert_eq!(starts, [0, 12, 25]);
        assert_eq!((times[1].text_start, times[1].text_end), (4, 7));
    }

    #[test]
    fn a_joined_word_spreads_the_words_by_their_length_in_order() {
        // Four spoken words, three heard: still four times, ascending, within the speech.
        let times = assign("aa bb cc dd", &[0..100, 100..200, 200..400]);
        assert_eq!(times.len(), 4);
        assert!(times
            .windows(2)
            .all(|w| w[0].end_sample <= w[1].start_sample));
        assert_eq!(times[0].start_sample, 0);
        assert_eq!(times[3].end_sample, 400);
    }
}
