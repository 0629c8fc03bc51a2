//! Lines joined into a paragraph, and a word hyphenated at a line's end rejoined: the hyphen goes
//! when it only split a word ("sanc-" + "tions"), and stays when it joins two ("whale-" + "body",
//! "Pan-" + "African"). The text's own words decide first ([`Vocabulary`]): the word written
//! whole elsewhere loses the hyphen, written with it elsewhere keeps it, and two halves that are
//! both words of the text keep it. Otherwise a capitalized half or a prefix that keeps its hyphen
//! ("anti-", "self-", "well-") keeps it, and any other hyphen goes.

use std::collections::HashSet;

use super::lines::Line;
use crate::model::Paragraph;

/// The words a text uses (lower case), not counting the halves of a word hyphenated at a line's
/// end.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: HashSet<String>,
}

impl Vocabulary {
    /// The words of `lines`, each line's text in order.
    pub fn of<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        let mut words = HashSet::new();
        let mut after_hyphen = false;
        for line in lines {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            let hyphen_end = tokens.last().is_some_and(|t| t.ends_with('-'));
            for (k, token) in tokens.iter().enumerate() {
                let half = (k == 0 && after_hyphen) || (k + 1 == tokens.len() && hyphen_end);
                let word = clean(token);
                if half || word.is_empty() {
                    continue;
                }
                words.extend(
                    word.split('-')
                        .filter(|p| !p.is_empty())
                        .map(str::to_string),
                );
                words.insert(word);
            }
            if !tokens.is_empty() {
                after_hyphen = hyphen_end;
            }
        }
        Vocabulary { words }
    }

    fn has(&self, word: &str) -> bool {
        self.words.contains(word)
    }
}

/// A token without the punctuation around it, lower case.
fn clean(token: &str) -> String {
    token
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Appends lines to a paragraph, joining hard wraps and rejoining hyphenated words.
pub fn append_lines(paragraph: &mut Paragraph, block: &[Line], words: &Vocabulary) {
    for line in block {
        if !paragraph.text.is_empty() {
            match hyphen_join(&paragraph.text, line.text, words) {
                Some(HyphenJoin::Keep) => {}
                Some(HyphenJoin::Drop) => {
                    paragraph.text.pop();
                }
                None => paragraph.text.push(' '),
            }
        }
        paragraph
            .map
            .push(paragraph.text.len(), line.span, line.text.len());
        paragraph.text.push_str(line.text);
    }
}

#[derive(Debug, PartialEq, Eq)]
enum HyphenJoin {
    Keep,
    Drop,
}

/// Prefixes whose hyphen is part of the word ("anti-imperialist"), not a line-break hyphen.
const HYPHEN_PREFIXES: &[&str] = &[
    "all", "anti", "co", "cross", "ex", "half", "mid", "multi", "non", "post", "pre", "pro",
    "self", "semi", "well", "long", "short", "full", "low", "high", "so", "quasi",
];

fn hyphen_join(before: &str, next: &str, words: &Vocabulary) -> Option<HyphenJoin> {
    if before.ends_with('\u{ad}') {
        // A soft hyphen marks where a word may break; the word is whole without it.
        return Some(HyphenJoin::Drop);
    }
    let stem = before.strip_suffix('-')?;
    if !stem.chars().last().is_some_and(char::is_alphabetic) {
        return None;
    }
    let first = next.chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let word: String = stem
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let head = word.to_lowercase();
    let tail = clean(next.split_whitespace().next().unwrap_or(""));
    let tail_first = tail.split('-').next().unwrap_or("");
    if words.has(&format!("{head}{tail}")) {
        return Some(HyphenJoin::Drop);
    }
    let keep = first.is_uppercase()
        || words.has(&format!("{head}-{tail}"))
        || (head.chars().count() >= 2 && words.has(&head) && words.has(tail_first))
        || word.chars().next().is_some_and(char::is_uppercase)
        || HYPHEN_PREFIXES.contains(&head.as_str())
        || stem.ends_with(&format!("-{word}"));
    if !keep && !first.is_lowercase() {
        return None;
    }
    Some(if keep {
        HyphenJoin::Keep
    } else {
        HyphenJoin::Drop
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_split_by_a_line_break_hyphen_is_rejoined_without_it() {
        let none = Vocabulary::default();
        let join = |a, b| hyphen_join(a, b, &none);
        assert_eq!(join("mass anti-", "imperialist"), Some(HyphenJoin::Keep));
        assert_eq!(join("the sanc-", "tions"), Some(HyphenJoin::Drop));
        assert_eq!(join("the Pan-", "African"), Some(HyphenJoin::Keep));
        assert!(join("ten -", "twenty").is_none());
    }

    #[test]
    fn the_texts_own_words_tell_a_compound_from_a_split_word() {
        let words = Vocabulary::of([
            "the whale rose and its body",
            "the whale-",
            "body was found; sanctions came",
        ]);
        assert!(words.has("whale") && words.has("body") && !words.has("whale-"));
        assert_eq!(
            hyphen_join("a whale-", "body lay", &words),
            Some(HyphenJoin::Keep)
        );
        assert_eq!(
            hyphen_join("the sanc-", "tions came", &words),
            Some(HyphenJoin::Drop)
        );
        let solid = Vocabulary::of(["everything every thing"]);
        assert_eq!(
            hyphen_join("and every-", "thing else", &solid),
            Some(HyphenJoin::Drop)
        );
    }
}
