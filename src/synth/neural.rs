//! What the neural engines phonemized by espeak-ng (Piper, Kokoro) share once a chunk's runs are
//! spoken: placing the chunk's written words at the sample ranges the model says it spoke them
//! at, and the speaking rate, applied to the whole clip by Sonic.

use super::espeak::Espeak;
use super::piper::phonemes::{phonemize, word_phonemes};
use super::timing::{assign, assign_aligned, spoken_words, Heard};
use crate::model::{Clip, WordTime};

/// The words of `text` at the `heard` ranges (one per word the model spoke, in order; empty when
/// a run was not timed). When the phonemizer joined or split words, each word is aligned by its
/// phonemes said alone.
pub(super) fn place_words(espeak: &Espeak, text: &str, heard: &[Heard]) -> Vec<WordTime> {
    if heard.is_empty() {
        return Vec::new();
    }
    let words = spoken_words(text);
    if heard.len() == words.len() {
        let spans: Vec<std::ops::Range<u64>> = heard.iter().map(|h| h.samples.clone()).collect();
        return assign(text, &spans);
    }
    let lengths: Vec<usize> = words
        .into_iter()
        .map(|w| {
            phonemize(espeak, &text[w])
                .map(|s| word_phonemes(&s.concat()))
                .unwrap_or(1)
        })
        .collect();
    assign_aligned(text, &lengths, heard)
}

/// `clip` spoken at `rate` (1: as the model speaks) by Sonic, its words moved with it.
///
/// Not the models' own length or speed input: both give every token at least one frame whatever
/// the scale, so their speech shortens far less than they say (Piper at 1/2: to 63%); Sonic's is
/// exact and keeps the pitch.
pub(super) fn at_rate(mut clip: Clip, rate: f32) -> Clip {
    if (rate - 1.0).abs() <= 1e-6 {
        return clip;
    }
    clip.samples = crate::stitch::sonic::faster(&clip.samples, clip.sample_rate, rate);
    let at = |s: u64| (s as f64 / f64::from(rate)).round() as u64;
    for word in &mut clip.words {
        word.start_sample = at(word.start_sample);
        word.end_sample = at(word.end_sample);
    }
    clip
}
