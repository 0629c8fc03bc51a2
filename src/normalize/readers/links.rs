//! Web and e-mail addresses, hashtags and handles, read short and listener-friendly: by default a
//! link is its site ("youtu dot be"), the whole address with [`LinkPolicy::Full`], nothing with
//! [`LinkPolicy::Silent`]. A hashtag is "hashtag" and its words ("#MeToo" "hashtag Me Too").

use super::super::LinkPolicy;
use super::{Kind, Reader, Token};
use crate::normalize::number_words::digits;
use crate::normalize::tables::initialisms::{read_capitals, Reading};

impl<'a> Reader<'_, 'a> {
    pub(super) fn link(&mut self, t: &Token<'a>) {
        let spoken = match self.settings.links {
            LinkPolicy::Silent => return,
            LinkPolicy::Domain => read_link(t.text, false),
            LinkPolicy::Full => read_link(t.text, true),
        };
        let spoken = self.with_lexicon(&spoken);
        self.out.words(&spoken, t.range.clone());
    }

    /// "@SenSchumer", "@user123": a handle at its at sign, its words split where capitals start
    /// them and its digits said one by one.
    pub(super) fn handle(&mut self, i: usize) -> Option<usize> {
        let at_start = self.tok(i.wrapping_sub(1)).is_none_or(|p| {
            p.is(Kind::Space) || p.is_punct("(") || p.is_punct("\u{201c}") || p.is_punct("\"")
        });
        if !at_start || !self.tok(i + 1).is_some_and(|w| w.is(Kind::Word)) {
            return None;
        }
        let mut k = i + 1;
        let mut written = String::new();
        while let Some(t) = self.tok(k).filter(|t| {
            t.is(Kind::Word)
                || (t.is(Kind::Number) && !t.text.contains([',', '.']))
                || t.is_punct("_")
        }) {
            written.push_str(t.text);
            k += 1;
        }
        if self.settings.links != LinkPolicy::Silent {
            let words: Vec<String> = split_camel_case(&written)
                .split(' ')
                .map(|piece| match read_capitals(piece) {
                    Some(Reading::Letters(letters)) => letters,
                    Some(Reading::Word(word)) => word,
                    None => say_address_part(piece),
                })
                .collect();
            let words = self.with_lexicon(&words.join(" "));
            let range = self.tokens[i].range.start..self.tokens[k - 1].range.end;
            self.out.words(&format!("at {words}"), range);
        }
        Some(k - i)
    }

    /// "#MeToo" at the hash sign; with [`LinkPolicy::Silent`], nothing.
    pub(super) fn hashtag(&mut self, i: usize) -> Option<usize> {
        let tag = self.tok(i + 1).filter(|w| w.is(Kind::Word))?.clone();
        if self.settings.links != LinkPolicy::Silent {
            let words = self.with_lexicon(&split_camel_case(tag.text));
            let start = self.tokens[i].range.start;
            self.out
                .words(&format!("hashtag {words}"), start..tag.range.end);
        }
        Some(2)
    }
}

/// "StandWithMali" -> "Stand With Mali"; "BLM" stays whole.
fn split_camel_case(word: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = word.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        let starts_word = k > 0
            && c.is_uppercase()
            && (chars[k - 1].is_lowercase()
                || chars.get(k + 1).is_some_and(|n| n.is_lowercase())
                    && chars[k - 1].is_uppercase());
        if starts_word {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// "youtu.be/ztYixk" -> "youtu dot be"; with `full`, the path too.
pub(super) fn read_link(link: &str, full: bool) -> String {
    let lower = link.to_lowercase();
    let rest = lower
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.");
    let say = say_address_part;
    if let Some((user, domain)) = rest.split_once('@') {
        return format!("{} at {}", say(user), say(domain));
    }
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.split(':').next().unwrap_or(host);
    let mut spoken = say(host);
    if full && !path.is_empty() {
        let path_words: Vec<&str> = path
            .split(['/', '-', '_', '.'])
            .filter(|p| !p.is_empty())
            .collect();
        spoken = format!("{spoken} slash {}", path_words.join(" slash "));
    }
    spoken
}

/// A part of an address as said: "." "dot", "-" "dash", "_" "underscore", digits one by one and
/// apart from the letters ("asdf123" "asdf one two three", "a1b2" "a one b two").
fn say_address_part(part: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut letters = String::new();
    let flush = |letters: &mut String, words: &mut Vec<String>| {
        if !letters.is_empty() {
            words.push(std::mem::take(letters));
        }
    };
    for c in part.chars() {
        let named = match c {
            '.' => Some("dot"),
            '-' => Some("dash"),
            '_' => Some("underscore"),
            '+' => Some("plus"),
            _ => None,
        };
        if let Some(name) = named {
            flush(&mut letters, &mut words);
            words.push(name.to_string());
        } else if let Some(d) = c.to_digit(10) {
            flush(&mut letters, &mut words);
            words.push(digits(&d.to_string()));
        } else {
            letters.push(c);
        }
    }
    flush(&mut letters, &mut words);
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtags_split_where_the_capitals_start_words() {
        assert_eq!(split_camel_case("MeToo"), "Me Too");
        assert_eq!(split_camel_case("BlackLivesMatter"), "Black Lives Matter");
        assert_eq!(split_camel_case("Mali"), "Mali");
    }

    #[test]
    fn a_link_is_its_site_unless_asked_for_all_of_it() {
        assert_eq!(
            read_link("https://www.bbc.co.uk/news/x", false),
            "bbc dot co dot uk"
        );
        assert_eq!(
            read_link("example.com/a-b", true),
            "example dot com slash a slash b"
        );
        assert_eq!(read_link("http://localhost:8080", false), "localhost");
    }
}
