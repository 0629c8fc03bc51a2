//! Phonemes inside spoken text.
//!
//! A pronunciation given in IPA (a lexicon entry such as `Bamako = { ipa = "bˈɑːmɑːkˌoʊ" }`)
//! travels from the normalizer to the voice inside the spoken text as `[[bˈɑːmɑːkˌoʊ]]`. Voices
//! that phonemize with espeak-ng take it as they are (Piper splices the IPA into its phoneme
//! stream; espeak reads it in its own notation, converted here). Everything else in the text is
//! words.

/// Opens a stretch of IPA inside spoken text.
pub const OPEN: &str = "[[";
/// Closes a stretch of IPA.
pub const CLOSE: &str = "]]";

/// A piece of spoken text: words, or IPA to say exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    Words(&'a str),
    Ipa(&'a str),
}

/// `ipa` marked for the voice: `[[ipa]]`.
pub fn mark(ipa: &str) -> String {
    format!("{OPEN}{ipa}{CLOSE}")
}

/// Splits spoken text into words and marked IPA, in order. An unclosed `[[` is words.
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(OPEN) {
        let Some(close) = rest[open + OPEN.len()..].find(CLOSE) else {
            break;
        };
        if open > 0 {
            out.push(Segment::Words(&rest[..open]));
        }
        let inner = &rest[open + OPEN.len()..open + OPEN.len() + close];
        out.push(Segment::Ipa(inner));
        rest = &rest[open + OPEN.len() + close + CLOSE.len()..];
    }
    if !rest.is_empty() {
        out.push(Segment::Words(rest));
    }
    out
}

/// English IPA as espeak-ng writes it, and espeak-ng's own notation for each symbol; longest first
/// where one symbol starts another.
const SYMBOLS: &[(&str, &str)] = &[
    ("tʃ", "tS"),
    ("dʒ", "dZ"),
    ("eɪ", "eI"),
    ("aɪ", "aI"),
    ("aʊ", "aU"),
    ("oʊ", "oU"),
    ("ɔɪ", "OI"),
    ("ɪɹ", "i@"),
    ("ɛɹ", "e@"),
    ("ʊɹ", "U@"),
    ("ɑːɹ", "A@"),
    ("ɔːɹ", "o@"),
    ("ɜː", "3:"),
    ("ɑː", "A:"),
    ("ɔː", "O:"),
    ("iː", "i:"),
    ("uː", "u:"),
    ("ɑ", "A"),
    ("æ", "a"),
    ("ʌ", "V"),
    ("ɔ", "O"),
    ("ə", "@"),
    ("ɚ", "3"),
    ("ɛ", "E"),
    ("ɪ", "I"),
    ("ʊ", "U"),
    ("i", "i"),
    ("u", "u"),
    ("e", "e"),
    ("o", "o"),
    ("a", "a"),
    ("θ", "T"),
    ("ð", "D"),
    ("ʃ", "S"),
    ("ʒ", "Z"),
    ("ŋ", "N"),
    ("ɹ", "r"),
    ("r", "r"),
    ("ɾ", "t#"),
    ("ɡ", "g"),
    ("g", "g"),
    ("ʔ", "?"),
    ("ˈ", "'"),
    ("ˌ", ","),
    ("ː", ":"),
    ("b", "b"),
    ("d", "d"),
    ("f", "f"),
    ("h", "h"),
    ("j", "j"),
    ("k", "k"),
    ("l", "l"),
    ("m", "m"),
    ("n", "n"),
    ("p", "p"),
    ("s", "s"),
    ("t", "t"),
    ("v", "v"),
    ("w", "w"),
    ("z", "z"),
    (" ", " "),
];

/// `ipa` in espeak-ng's phoneme notation, or the byte offset and character it does not know.
pub fn to_espeak(ipa: &str) -> Result<String, (usize, char)> {
    let mut out = String::new();
    let mut at = 0;
    while at < ipa.len() {
        let rest = &ipa[at..];
        match SYMBOLS.iter().find(|(symbol, _)| rest.starts_with(symbol)) {
            Some((symbol, espeak)) => {
                out.push_str(espeak);
                at += symbol.len();
            }
            None => {
                let c = rest.chars().next().unwrap_or(' ');
                return Err((at, c));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_ipa_is_split_from_words() {
        let text = format!("in {} today", mark("bˈɑːmɑːkˌoʊ"));
        assert_eq!(
            segments(&text),
            [
                Segment::Words("in "),
                Segment::Ipa("bˈɑːmɑːkˌoʊ"),
                Segment::Words(" today")
            ]
        );
        assert_eq!(segments("a [[b"), [Segment::Words("a [[b")]);
    }

    #[test]
    fn ipa_converts_to_espeak_notation_or_names_the_unknown_symbol() {
        assert_eq!(to_espeak("bˈɑːmɑːkˌoʊ").unwrap(), "b'A:mA:k,oU");
        assert_eq!(to_espeak("ʃɛf").unwrap(), "SEf");
        assert_eq!(to_espeak("aχ"), Err((1, 'χ')));
    }
}
