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

/// The version of how words are timed, in the fingerprints of voices that time them: cached
/// clips carry their words, so a change here must not reuse them.
pub const VERSION: u32 = 2;
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

/// A heard word: its samples and how many phonemes the voice spoke for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heard {
    pub samples: Range<u64>,
    pub phonemes: usize,
}

/// The spoken words of `text` placed at the `heard` words when the phonemizer joined some (espeak
/// says "of the" as one word, `ʌvðə`) or split others: `lengths` gives each spoken word's
/// phoneme count said alone. A monotone alignment (one to one, up to four spoken words to one
/// heard, one spoken to up to three heard) minimizes the difference in phoneme counts; a heard
/// word shared by several spoken words is divided among them by their lengths.
pub fn assign_aligned(text: &str, lengths: &[usize], heard: &[Heard]) -> Vec<WordTime> {
    let words = spoken_words(text);
    if words.len() != lengths.len() || words.is_empty() || heard.is_empty() {
        let spans: Vec<Range<u64>> = heard.iter().map(|h| h.samples.clone()).collect();
        return assign(text, &spans);
    }
    let (n, m) = (words.len(), heard.len());
    const MOVES: [(usize, usize); 8] = [
        (1, 1),
        (2, 1),
        (3, 1),
        (4, 1),
        (1, 2),
        (1, 3),
        (1, 0),
        (0, 1),
    ];
    let mut cost = vec![vec![f64::INFINITY; m + 1]; n + 1];
    let mut from = vec![vec![(0usize, 0usize); m + 1]; n + 1];
    cost[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            let here = cost[i][j];
            if !here.is_finite() {
                continue;
            }
            for (a, b) in MOVES {
                let (ni, nj) = (i + a, j + b);
                if ni > n || nj > m {
                    continue;
                }
                let e: usize = lengths[i..ni].iter().sum();
                let h: usize = heard[j..nj].iter().map(|h| h.phonemes).sum();
                let step = match (a, b) {
                    (1, 0) => e as f64 + 3.0,
                    (0, 1) => h as f64 + 3.0,
                    _ => (e as f64 - h as f64).abs() + 0.75 * (a + b - 2) as f64,
                };
                if here + step < cost[ni][nj] {
                    cost[ni][nj] = here + step;
                    from[ni][nj] = (i, j);
                }
            }
        }
    }
    let mut groups = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (pi, pj) = from[i][j];
        groups.push((pi..i, pj..j));
        (i, j) = (pi, pj);
    }
    groups.reverse();
    let mut times = Vec::new();
    for (spoken, heard_range) in groups {
        if spoken.is_empty() || heard_range.is_empty() {
            continue;
        }
        let start = heard[heard_range.start].samples.start;
        let end = heard[heard_range.end - 1].samples.end.max(start);
        let total: usize = lengths[spoken.clone()].iter().map(|l| (*l).max(1)).sum();
        let mut at = start;
        for k in spoken {
            let share = (end - start) as f64 * lengths[k].max(1) as f64 / total as f64;
            let until = (at + share.round() as u64).min(end);
            times.push(WordTime {
                text_start: words[k].start as u32,
                text_end: words[k].end as u32,
                start_sample: at,
                end_sample: until,
            });
            at = until;
        }
    }
    times
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
    fn words_the_phonemizer_joined_share_their_heard_word_by_length() {
        // "of the" heard as one word of four phonemes; "people" as six.
        let heard = [
            Heard {
                samples: 0..40,
                phonemes: 4,
            },
            Heard {
                samples: 50..110,
                phonemes: 6,
            },
        ];
        let times = assign_aligned("of the people", &[2, 2, 6], &heard);
        let spans: Vec<(u64, u64)> = times
            .iter()
            .map(|t| (t.start_sample, t.end_sample))
            .collect();
        assert_eq!(spans, [(0, 20), (20, 40), (50, 110)]);
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
