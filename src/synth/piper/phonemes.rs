//! Text to phonemes, as Piper phonemizes: espeak-ng's IPA clause by clause, runs of whole clauses
//! and words that fit the model, and the way back: which word each phoneme belongs to, and the
//! samples each word lasts once the model has said how many frames each phoneme takes.

use super::super::espeak::Espeak;
use super::SynthError;
use crate::model::phonemes::{segments, Segment};
use unicode_normalization::UnicodeNormalization;

/// The words of one model run at the samples its phonemes last (`frames` per input id, `hop`
/// samples a frame, the run's audio starting at `offset`), each with its phoneme count.
///
/// Between two words joined in speech the model spends a few frames on the space between them,
/// the transition from one word into the next; each word takes half of it. Where punctuation
/// stands between them (a pause) the words keep their own phonemes' edges.
pub(in crate::synth) fn run_words(
    run: &[String],
    owners: &[Option<usize>],
    frames: &[f32],
    hop: f64,
    offset: u64,
) -> Vec<crate::synth::timing::Heard> {
    let words = word_of_phonemes(run);
    let mut at = 0f64;
    let mut previous = None;
    let mut spans: Vec<crate::synth::timing::Heard> = Vec::new();
    let mut paused = Vec::new();
    let mut pause = true;
    for (owner, d) in owners.iter().zip(frames) {
        let from = offset + (at * hop).round() as u64;
        at += f64::from(*d);
        let to = offset + (at * hop).round() as u64;
        let Some(word) = owner.and_then(|p| words[p]) else {
            let punctuation = owner
                .and_then(|p| run.get(p))
                .is_some_and(|p| !p.trim().is_empty());
            pause |= punctuation;
            continue;
        };
        let first_id_of_phoneme = *owner != previous;
        previous = *owner;
        match spans.get_mut(word) {
            Some(span) => {
                span.samples.end = to;
                span.phonemes += usize::from(first_id_of_phoneme);
            }
            None => {
                spans.push(crate::synth::timing::Heard {
                    samples: from..to,
                    phonemes: 1,
                });
                paused.push(pause);
                pause = false;
            }
        }
    }
    for k in 1..spans.len() {
        if !paused[k] {
            let middle = (spans[k - 1].samples.end + spans[k].samples.start) / 2;
            spans[k - 1].samples.end = middle;
            spans[k].samples.start = middle;
        }
    }
    spans
}

/// How many phonemes of words (not spaces or punctuation) `phonemes` holds.
pub(in crate::synth) fn word_phonemes(phonemes: &[String]) -> usize {
    phonemes
        .iter()
        .filter(|p| !p.trim().is_empty() && !p.chars().all(|c| c.is_ascii_punctuation()))
        .count()
}

/// Which word of a run each phoneme belongs to: words are separated by spaces; spaces and
/// punctuation belong to none.
pub(in crate::synth) fn word_of_phonemes(phonemes: &[String]) -> Vec<Option<usize>> {
    let mut word = 0;
    let mut in_word = false;
    phonemes
        .iter()
        .map(|p| {
            if p.trim().is_empty() {
                if in_word {
                    word += 1;
                    in_word = false;
                }
                None
            } else if p.chars().all(|c| c.is_ascii_punctuation()) {
                None
            } else {
                in_word = true;
                Some(word)
            }
        })
        .collect()
}

/// Piper's phonemes for `text`, one list per sentence.
pub fn phonemize(espeak: &Espeak, text: &str) -> Result<Vec<Vec<String>>, SynthError> {
    Ok(phonemize_clauses(espeak, text)?
        .into_iter()
        .map(|clauses| clauses.concat())
        .collect())
}

/// Piper's phonemes for `text`: sentences, each a list of clauses (each ending with its
/// punctuation, as Piper joins them).
pub(in crate::synth) fn phonemize_clauses(
    espeak: &Espeak,
    text: &str,
) -> Result<Vec<Vec<Vec<String>>>, SynthError> {
    let mut sentences = Vec::new();
    let mut current: Vec<Vec<String>> = Vec::new();
    for segment in segments(text) {
        let words = match segment {
            Segment::Ipa(ipa) => {
                // A lexicon's IPA goes in as it is, between spaces like any word.
                let marked = format!(" {ipa} ");
                current.push(marked.nfd().map(String::from).collect());
                continue;
            }
            Segment::Words(words) => words,
        };
        if words.trim().is_empty() {
            continue;
        }
        phonemize_words(espeak, words, &mut current, &mut sentences)?;
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// Adds the clauses of `text` to the sentence being built, closing sentences at `. ? !`.
pub(in crate::synth) fn phonemize_words(
    espeak: &Espeak,
    text: &str,
    current: &mut Vec<Vec<String>>,
    sentences: &mut Vec<Vec<Vec<String>>>,
) -> Result<(), SynthError> {
    for clause in espeak.clauses(text)? {
        let terminator = terminator(&clause.consumed);
        let mut phonemes = strip_language_flags(&clause.phonemes);
        if let Some(t) = terminator {
            phonemes.push(t);
            if matches!(t, ',' | ':' | ';') {
                phonemes.push(' ');
            }
        }
        current.push(phonemes.nfd().map(String::from).collect());
        if matches!(terminator, Some('.' | '?' | '!')) {
            sentences.push(std::mem::take(current));
        }
    }
    Ok(())
}

/// The most phonemes one model run is given (about fifteen words, five seconds of speech).
///
/// A run's memory grows with the audio it makes (about 6 MB a word for a medium voice), so a long
/// sentence is spoken in runs of whole clauses, and a clause longer than this in runs of whole
/// words. Piper itself runs whole sentences; splitting at a comma keeps the voice's own pause there.
pub const MAX_RUN_PHONEMES: usize = 90;

/// One sentence's clauses grouped into model runs of at most `max` phonemes, never splitting a
/// word, and a clause only when it alone is longer than `max`.
pub fn runs(clauses: Vec<Vec<String>>, max: usize) -> Vec<Vec<String>> {
    let mut pieces: Vec<Vec<String>> = Vec::new();
    for clause in clauses {
        if clause.len() <= max {
            pieces.push(clause);
            continue;
        }
        let mut part = Vec::new();
        for phoneme in clause {
            let at_space = phoneme == " ";
            part.push(phoneme);
            if at_space && part.len() >= max * 2 / 3 {
                pieces.push(std::mem::take(&mut part));
            }
        }
        if !part.is_empty() {
            pieces.push(part);
        }
    }
    let mut runs: Vec<Vec<String>> = Vec::new();
    for piece in pieces {
        match runs.last_mut() {
            Some(run) if run.len() + piece.len() <= max => run.extend(piece),
            _ => runs.push(piece),
        }
    }
    runs
}

/// The clause's final punctuation: espeak reads one character past the clause, which is dropped;
/// the last of `. , ? ! : ;` in what remains is the terminator.
pub(in crate::synth) fn terminator(consumed: &str) -> Option<char> {
    let mut chars: Vec<char> = consumed.chars().collect();
    chars.pop();
    chars
        .into_iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .filter(|c| matches!(c, '.' | ',' | '?' | '!' | ':' | ';'))
}

pub(in crate::synth) fn strip_language_flags(phonemes: &str) -> String {
    let mut out = String::with_capacity(phonemes.len());
    let mut depth = 0;
    for c in phonemes.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sentences_run_in_whole_clauses_and_words() {
        let clause = |s: &str| s.chars().map(String::from).collect::<Vec<_>>();
        let runs = |clauses: &[&str], max| {
            runs(clauses.iter().map(|c| clause(c)).collect(), max)
                .into_iter()
                .map(|r| r.concat())
                .collect::<Vec<_>>()
        };
        assert_eq!(runs(&["ab, ", "cd."], 10), ["ab, cd."]);
        assert_eq!(
            runs(&["abcd, ", "efgh, ", "ij."], 12),
            ["abcd, efgh, ", "ij."]
        );
        // A clause longer than the limit breaks after a space, never inside a word.
        assert_eq!(runs(&["aaa bbb ccc ddd."], 8), ["aaa bbb ", "ccc ddd."]);
    }

    #[test]
    fn the_character_read_past_the_clause_is_not_its_terminator() {
        assert_eq!(terminator("Hello, w"), Some(','));
        assert_eq!(terminator("It ended. "), Some('.'));
        assert_eq!(terminator("no stop\0"), None);
        assert_eq!(strip_language_flags("(en)hɛloʊ(fr)"), "hɛloʊ");
    }
}
