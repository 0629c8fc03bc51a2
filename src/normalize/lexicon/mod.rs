//! Pronunciation lexicons: words (whole words, or phrases of several) mapped to a respelling or to
//! IPA phonemes.
//!
//! ```toml
//! [words]
//! Goita = "Goyta"                            # a respelling, read like any other words
//! Bamako = { ipa = "bˈɑːmɑːkˌoʊ" }           # IPA, as espeak-ng writes it; Piper and espeak use it
//! WHO = { say = "W.H.O.", match_case = true } # only in capitals
//! "coup d'etat" = "coo day tah"
//! ```
//!
//! Entries match any case unless `match_case` is set. A possessive takes its entry too ("Mali's").
//! Several lexicons stack: the built-in one, then a voice's, then an edition's, then each
//! `--lexicon` file, a later entry for the same words replacing an earlier one.

use crate::model::line_column;
use crate::model::phonemes::to_espeak;
use crate::normalize::tokens::is_apostrophe;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use toml::Spanned;

/// What an entry says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Say {
    /// Words read in place of the written ones.
    Respelling(String),
    /// Phonemes, in IPA.
    Ipa(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The written words, as in the file.
    pub written: String,
    pub say: Say,
    pub match_case: bool,
    /// Where the entry comes from: "FILE:LINE".
    pub origin: String,
}

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read lexicon {path}: {message}")]
    Read { path: String, message: String },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    words: BTreeMap<String, Spanned<Definition>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Definition {
    Respelling(String),
    Table(Table),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    say: Option<String>,
    ipa: Option<String>,
    #[serde(default)]
    match_case: bool,
}

/// A stack of entries, looked up by their first word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// Lower-cased first written word -> entries starting with it, longest phrase first.
    entries: BTreeMap<String, Vec<Entry>>,
}

/// The lexicon compiled into voxpress (names in the news that voices get wrong).
const BUILT_IN: &str = include_str!("builtin.toml");

impl Lexicon {
    /// The built-in lexicon, parsed once.
    pub fn built_in() -> Arc<Lexicon> {
        static BUILT: OnceLock<Arc<Lexicon>> = OnceLock::new();
        BUILT
            .get_or_init(|| {
                Arc::new(Lexicon::parse(BUILT_IN, "built-in lexicon").unwrap_or_default())
            })
            .clone()
    }

    pub fn load(path: &Path) -> Result<Lexicon, LexiconError> {
        let text = std::fs::read_to_string(path).map_err(|e| LexiconError::Read {
            path: path.display().to_string(),
            message: format!("{e}; check the path given with --lexicon or in the edition"),
        })?;
        Lexicon::parse(&text, &path.display().to_string())
    }

    /// The lexicons at `paths` stacked in order, a later entry replacing an earlier one.
    pub fn load_all<'p>(
        paths: impl IntoIterator<Item = &'p PathBuf>,
    ) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        for path in paths {
            lexicon = lexicon.with(&Lexicon::load(path)?);
        }
        Ok(lexicon)
    }

    /// Parses a lexicon; `name` names it in errors and entry origins.
    pub fn parse(text: &str, name: &str) -> Result<Lexicon, LexiconError> {
        let invalid = |offset: usize, message: String| {
            let (line, column) = line_column(text, offset);
            LexiconError::Invalid {
                path: name.to_string(),
                line,
                column,
                message,
            }
        };
        let file: File = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            let message = e.message().trim().to_string();
            let message = if message.contains("did not match any variant") {
                "an entry is a respelling (\"...\") or a table with `say` or `ipa`".to_string()
            } else {
                message
            };
            invalid(at, message)
        })?;
        let mut lexicon = Lexicon::default();
        for (written, definition) in file.words {
            let at = definition.span().start;
            let (line, _) = line_column(text, at);
            if written.split_whitespace().next().is_none() {
                return Err(invalid(at, "an entry needs written words".into()));
            }
            let (say, match_case) = match definition.into_inner() {
                Definition::Respelling(words) => (Say::Respelling(words), false),
                Definition::Table(Table {
                    say: Some(words),
                    ipa: None,
                    match_case,
                }) => (Say::Respelling(words), match_case),
                Definition::Table(Table {
                    say: None,
                    ipa: Some(ipa),
                    match_case,
                }) => (Say::Ipa(ipa), match_case),
                Definition::Table(_) => {
                    return Err(invalid(
                        at,
                        format!("{written:?}: give exactly one of `say` or `ipa`"),
                    ))
                }
            };
            match &say {
                Say::Respelling(words) if words.trim().is_empty() || words.contains("[[") => {
                    return Err(invalid(
                        at,
                        format!("{written:?}: a respelling needs words (and no [[ ]])"),
                    ));
                }
                Say::Ipa(ipa) => {
                    if let Err((_, c)) = to_espeak(ipa) {
                        return Err(invalid(
                            at,
                            format!(
                                "{written:?}: {c:?} (U+{:04X}) is not an English IPA symbol the voices know",
                                c as u32
                            ),
                        ));
                    }
                }
                Say::Respelling(_) => {}
            }
            lexicon.insert(Entry {
                written: written.split_whitespace().collect::<Vec<_>>().join(" "),
                say,
                match_case,
                origin: format!("{name}:{line}"),
            });
        }
        Ok(lexicon)
    }

    fn insert(&mut self, entry: Entry) {
        let key = first_word(&entry.written).to_lowercase();
        let list = self.entries.entry(key).or_default();
        let same = |e: &Entry| {
            e.match_case == entry.match_case
                && if entry.match_case {
                    e.written == entry.written
                } else {
                    e.written.to_lowercase() == entry.written.to_lowercase()
                }
        };
        list.retain(|e| !same(e));
        // The newest entry first, so it wins over older ones that also match.
        list.insert(0, entry);
        list.sort_by_key(|e| std::cmp::Reverse(e.written.split(' ').count()));
    }

    /// This lexicon with `other`'s entries on top.
    pub fn with(&self, other: &Lexicon) -> Lexicon {
        let mut out = self.clone();
        for entry in other.entries() {
            out.insert(entry.clone());
        }
        out
    }

    /// Every entry, in order of their first word.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values().flatten()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry for the words starting at `words[0]`, and how many words it takes. A trailing
    /// possessive "'s" on the last word is allowed and reported.
    pub fn find(&self, words: &[&str]) -> Option<(&Entry, usize, bool)> {
        let first = words.first()?;
        let key = strip_possessive(first).0.to_lowercase();
        let candidates = self
            .entries
            .get(&key)
            .or_else(|| self.entries.get(&first.to_lowercase()))?;
        for entry in candidates {
            let wanted: Vec<&str> = entry.written.split(' ').collect();
            if wanted.len() > words.len() {
                continue;
            }
            let mut possessive = false;
            let all = wanted.iter().zip(words).enumerate().all(|(k, (w, got))| {
                let (stem, has) = if k + 1 == wanted.len() {
                    strip_possessive(got)
                } else {
                    (*got, false)
                };
                let same = |a: &str| {
                    if entry.match_case {
                        a == *w
                    } else {
                        a.eq_ignore_ascii_case(w) || a.to_lowercase() == w.to_lowercase()
                    }
                };
                if same(got) {
                    return true;
                }
                possessive = has && same(stem);
                possessive
            });
            if all {
                return Some((entry, wanted.len(), possessive));
            }
        }
        None
    }
}

impl Lexicon {
    /// Entries whose first written word is `key` in lower case ("3m", "at&t", "@nytimes",
    /// "sat."), longest phrase first.
    pub fn starting_with(&self, key: &str) -> &[Entry] {
        self.entries.get(key).map_or(&[], Vec::as_slice)
    }
}

impl Entry {
    /// How many bytes of `source` this entry matches at its start, and whether a possessive
    /// "'s" follows (included in the count). A space in the entry matches any run of white
    /// space; curly apostrophes match straight ones; the match must end where a word does.
    pub fn matches_at(&self, source: &str) -> Option<(usize, bool)> {
        let mut rest = source;
        for w in self.written.chars() {
            if w == ' ' {
                let trimmed = rest.trim_start();
                if trimmed.len() == rest.len() {
                    return None;
                }
                rest = trimmed;
                continue;
            }
            let got = rest.chars().next()?;
            let fold = |c: char| if is_apostrophe(c) { '\'' } else { c };
            let same = if self.match_case {
                fold(got) == fold(w)
            } else {
                fold(got).to_lowercase().eq(fold(w).to_lowercase())
            };
            if !same {
                return None;
            }
            rest = &rest[got.len_utf8()..];
        }
        let used = source.len() - rest.len();
        let last = self.written.chars().last()?;
        let word_ends = |s: &str| s.chars().next().is_none_or(|c| !c.is_alphanumeric());
        let mut chars = rest.chars();
        let possessive = chars.next().is_some_and(is_apostrophe)
            && chars.next() == Some('s')
            && word_ends(chars.as_str());
        if possessive && last.is_alphanumeric() {
            let apostrophe = rest.chars().next().map_or(1, char::len_utf8);
            return Some((used + apostrophe + 1, true));
        }
        (!last.is_alphanumeric() || word_ends(rest)).then_some((used, false))
    }
}

fn first_word(s: &str) -> &str {
    s.split(' ').next().unwrap_or(s)
}

/// "Mali's" -> ("Mali", true).
fn strip_possessive(word: &str) -> (&str, bool) {
    match word.strip_suffix("'s") {
        Some(stem) if !stem.is_empty() => (stem, true),
        _ => (word, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_respellings_or_ipa_and_later_ones_win() {
        let a = Lexicon::parse("[words]\nMali = \"Mahlee\"\n", "a").unwrap();
        let b = Lexicon::parse("[words]\nmali = { ipa = \"mˈɑːli\" }\n", "b").unwrap();
        let both = a.with(&b);
        let (entry, n, possessive) = both.find(&["Mali's", "capital"]).unwrap();
        assert_eq!((n, possessive), (1, true));
        assert_eq!(entry.say, Say::Ipa("mˈɑːli".into()));
    }

    #[test]
    fn phrases_match_before_single_words_and_case_only_when_asked() {
        let l = Lexicon::parse(
            "[words]\ncoup = \"coo\"\n\"coup d'etat\" = \"coo day tah\"\nWHO = { say = \"W.H.O.\", match_case = true }\n",
            "l",
        )
        .unwrap();
        assert_eq!(l.find(&["coup", "d'etat"]).unwrap().1, 2);
        assert_eq!(l.find(&["coup", "attempt"]).unwrap().1, 1);
        assert!(l.find(&["who"]).is_none());
        assert!(l.find(&["WHO"]).is_some());
    }

    #[test]
    fn bad_entries_name_the_line_and_what_is_wrong() {
        let e = Lexicon::parse("[words]\n\nX = { ipa = \"aχ\" }\n", "f.toml").unwrap_err();
        assert!(e.to_string().starts_with("f.toml:3:"), "{e}");
        assert!(e.to_string().contains('χ'), "{e}");
        let e = Lexicon::parse("[words]\nX = { say = \"a\", ipa = \"b\" }\n", "f").unwrap_err();
        assert!(e.to_string().contains("exactly one"), "{e}");
        let e = Lexicon::parse("[word]\n", "f").unwrap_err();
        assert!(e.to_string().starts_with("f:1:"), "{e}");
    }

    #[test]
    fn every_kind_of_entry_that_check_accepts_applies() {
        let lexicon = Lexicon::parse(
            "[words]\n3M = \"three M\"\n\"AT&T\" = \"A.T. and T.\"\n\"@nytimes\" = \"at New York Times\"\n\"Sat.\" = \"Saturday\"\nBrie = \"BRY\"\n\"coup d'etat\" = \"coo day tah\"\nNguyen = { ipa = \"wˈɪn\" }\n",
            "kinds",
        )
        .unwrap();
        let normalizer = crate::normalize::Normalizer {
            lexicon: Arc::new(lexicon),
            ..Default::default()
        };
        for (written, spoken) in [
            ("Shares of 3M rose.", "Shares of three M rose."),
            ("AT&T's network", "A.T. and T.'s network"),
            ("Follow @nytimes now.", "Follow at New York Times now."),
            ("The game is Sat. at noon.", "The game is Saturday at noon."),
            ("A Brie from France", "A bry from France"),
            ("The coup d'etat failed.", "The coo day tah failed."),
            ("Nguyen's plan", "[[wˈɪnz]] plan"),
        ] {
            assert_eq!(normalizer.normalize(written).text, spoken, "{written}");
        }
    }

    #[test]
    fn the_built_in_lexicon_parses() {
        assert!(!Lexicon::built_in().is_empty());
    }
}
