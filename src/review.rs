//! Reviews for editors, before anything is rendered: the script's sentences written and spoken
//! side by side, and what each entry of a pronunciation lexicon will say.

use crate::model::phonemes::{segments, to_espeak, Segment};
use crate::model::{MusicPart, Script};
use crate::normalize::lexicon::{Lexicon, LexiconError, Say};
use crate::normalize::Normalizer;
use crate::synth::espeak::{Espeak, DEFAULT_RATE};
use crate::synth::SynthError;
use std::path::Path;
use std::sync::Arc;

/// One lexicon entry and what a voice will make of it.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryReport {
    pub written: String,
    /// "respelling" or "ipa", and whether case must match.
    pub kind: String,
    /// The spoken text the normalizer makes of the written words with this lexicon.
    pub spoken: String,
    /// The phonemes the voices get, in IPA.
    pub phonemes: String,
    /// Where the entry is defined.
    pub origin: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    #[error("cannot phonemize with espeak-ng: {0}")]
    Phonemes(#[from] SynthError),
}

/// Validates the lexicon at `path` and reports what each of its entries says.
pub fn check_lexicon(path: &Path) -> Result<Vec<EntryReport>, ReviewError> {
    let lexicon = Arc::new(Lexicon::load(path)?);
    let normalizer = Normalizer {
        lexicon: lexicon.clone(),
        ..Normalizer::default()
    };
    let espeak = Espeak::open("espeak", "en-us", DEFAULT_RATE)?;
    let mut reports = Vec::new();
    for entry in lexicon.entries() {
        let spoken = normalizer.normalize(&entry.written).text;
        let mut phonemes = Vec::new();
        for segment in segments(&spoken) {
            match segment {
                Segment::Ipa(ipa) => phonemes.push(ipa.to_string()),
                Segment::Words(words) if words.trim().is_empty() => {}
                Segment::Words(words) => {
                    phonemes.push(espeak.phonemes(words, true)?.replace('\n', " "))
                }
            }
        }
        let kind = match &entry.say {
            Say::Respelling(_) => "respelling",
            Say::Ipa(ipa) => {
                debug_assert!(to_espeak(ipa).is_ok());
                "ipa"
            }
        };
        reports.push(EntryReport {
            written: entry.written.clone(),
            kind: if entry.match_case {
                format!("{kind}, case must match")
            } else {
                kind.to_string()
            },
            spoken,
            phonemes: phonemes.join(" ").trim().to_string(),
            origin: entry.origin.clone(),
        });
    }
    Ok(reports)
}

/// The script's sentences as two columns, written on the left and spoken on the right, each row
/// led by the source line and a mark: `~` where the voice will say something other than what is
/// written, blank where it reads the words as they stand. An edition's intro words come first
/// (labelled `intro`) and its outro words last. `width` is the whole line's width.
pub fn side_by_side(script: &Script, width: usize) -> String {
    let column = (width.saturating_sub(10) / 2).max(20);
    let mut out = String::new();
    let passages = |part: MusicPart| {
        script
            .passages
            .iter()
            .filter(move |p| p.part == part)
            .map(|p| {
                (
                    p.part.title().to_lowercase(),
                    p.written.as_str(),
                    p.spoken.as_str(),
                )
            })
    };
    let rows = passages(MusicPart::Intro)
        .chain(
            script
                .sentences
                .iter()
                .map(|s| (s.span.place(), s.written.as_str(), s.spoken.as_str())),
        )
        .chain(passages(MusicPart::Outro));
    for (label, written, spoken) in rows {
        if spoken.is_empty() && written.trim().is_empty() {
            continue;
        }
        let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
        let same = written.trim_end_matches('.') == spoken.trim_end_matches('.');
        let left = wrap(&written, column);
        let right = wrap(spoken, column);
        for k in 0..left.len().max(right.len()) {
            let (line, mark) = if k == 0 {
                (format!("{label:>5}"), if same { ' ' } else { '~' })
            } else {
                (String::from("     "), ' ')
            };
            let l = left.get(k).map_or("", String::as_str);
            let r = right.get(k).map_or("", String::as_str);
            out.push_str(&format!("{line} {mark} {l:<column$} | {r}\n"));
        }
    }
    out
}

/// Words in lines of at most `width` characters (a longer word stands alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_keep_words_whole_and_fit() {
        let lines = wrap("one two three four five", 9);
        assert_eq!(lines, ["one two", "three", "four five"]);
        assert_eq!(wrap("", 9), [""]);
    }
}
