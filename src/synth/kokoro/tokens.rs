//! Phonemes to Kokoro's token ids, as kokoro-js makes them: espeak-ng's IPA (composed), with
//! the few symbols Kokoro was trained without replaced by the ones it was trained with, each
//! character then looked up in the model's vocabulary (`vocab.json`), and 0 at both ends.
//! Each id keeps the index of the character it came from, so the durations the model gives per
//! token add up to words again.

use super::SynthError;
use std::collections::HashMap;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// The most tokens one run may hold between its two end marks (the style table has a row for
/// each count up to 509).
pub const MAX_TOKENS: usize = 509;

/// The model's vocabulary: character to id.
#[derive(Debug, Clone)]
pub struct Vocab(HashMap<char, i64>);

#[derive(serde::Deserialize)]
struct VocabFile {
    vocab: HashMap<String, i64>,
}

impl Vocab {
    /// Reads `vocab.json` (`{"vocab": {"a": 43, ...}}`).
    pub fn read(path: &Path) -> Result<Vocab, SynthError> {
        let bad = |message: String| SynthError::Model {
            path: path.display().to_string(),
            message: format!(
                "{message}; run `bash scripts/setup.sh` (or `voxpress setup`) to install it again"
            ),
        };
        let text = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
        let file: VocabFile = serde_json::from_str(&text)
            .map_err(|e| bad(format!("not Kokoro's vocabulary: {e}")))?;
        let mut map = HashMap::new();
        for (symbol, id) in file.vocab {
            let mut chars = symbol.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => map.insert(c, id),
                _ => return Err(bad(format!("the symbol {symbol:?} is not one character"))),
            };
        }
        if map.len() < 100 {
            return Err(bad(format!("only {} symbols, not Kokoro's 114", map.len())));
        }
        Ok(Vocab(map))
    }

    /// The run's characters (one string each, for [`crate::synth::piper::phonemes::run_words`])
    /// and its ids with the index of the character each came from (`None` for the end marks).
    /// A character the vocabulary lacks is looked up by its decomposition, else left out.
    pub fn ids(&self, chars: &[String]) -> (Vec<i64>, Vec<Option<usize>>) {
        let mut ids = vec![0];
        let mut owners = vec![None];
        for (k, c) in chars.iter().enumerate() {
            for c in c.chars() {
                match self.0.get(&c) {
                    Some(&id) => {
                        ids.push(id);
                        owners.push(Some(k));
                    }
                    None => {
                        for d in c.nfd() {
                            if let Some(&id) = self.0.get(&d) {
                                ids.push(id);
                                owners.push(Some(k));
                            }
                        }
                    }
                }
            }
        }
        ids.push(0);
        owners.push(None);
        (ids, owners)
    }
}

/// One run of Piper-style phonemes (code points, decomposed) as the characters Kokoro reads:
/// composed again, and espeak-ng's symbols Kokoro lacks replaced one for one as kokoro-js does
/// (`ʲ r x ɬ` as `j ɹ k l`; for American voices the flap in "ninety", `nˈaɪnti`, as `nˈaɪndi`).
pub fn characters(run: &[String], american: bool) -> Vec<String> {
    let composed: String = run.concat().nfc().collect();
    let mut chars: Vec<char> = composed
        .chars()
        .map(|c| match c {
            'ʲ' => 'j',
            'r' => 'ɹ',
            'x' => 'k',
            'ɬ' => 'l',
            c => c,
        })
        .collect();
    if american {
        let nine: Vec<char> = "nˈaɪnti".chars().collect();
        let mut k = 0;
        while k + nine.len() <= chars.len() {
            let followed_by_length = chars.get(k + nine.len()) == Some(&'ː');
            if chars[k..k + nine.len()] == nine[..] && !followed_by_length {
                chars[k + nine.len() - 2] = 'd';
            }
            k += 1;
        }
    }
    chars.into_iter().map(String::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocab {
        let mut map: HashMap<char, i64> = HashMap::new();
        for (k, c) in "abdeijklnstuɹɪˈaɪ ,.̃".chars().enumerate() {
            map.insert(c, k as i64 + 1);
        }
        Vocab(map)
    }

    fn split(s: &str) -> Vec<String> {
        s.nfd().map(String::from).collect()
    }

    #[test]
    fn espeak_symbols_kokoro_lacks_become_the_ones_it_knows() {
        let got = |s: &str, american| characters(&split(s), american).concat();
        assert_eq!(got("rɛd xɑː", true), "ɹɛd kɑː");
        assert_eq!(got("nˈaɪnti", true), "nˈaɪndi");
        assert_eq!(got("nˈaɪnti", false), "nˈaɪnti");
        assert_eq!(got("nˈaɪntiːn", true), "nˈaɪntiːn");
    }

    #[test]
    fn every_id_names_its_character_and_the_run_is_marked_at_both_ends() {
        let chars = characters(&split("ab, ã?"), true);
        let (ids, owners) = vocab().ids(&chars);
        assert_eq!(ids.first(), Some(&0));
        assert_eq!(ids.last(), Some(&0));
        assert_eq!(ids.len(), owners.len());
        // "?" is not in this vocabulary and is left out; "ã" goes in as "a" and the tilde.
        let named: Vec<usize> = owners.iter().flatten().copied().collect();
        assert_eq!(named, vec![0, 1, 2, 3, 4, 4]);
    }
}
