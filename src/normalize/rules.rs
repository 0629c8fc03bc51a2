//! The left-to-right reading of tokens: each rule looks at a token and its neighbours, says it,
//! and reports how many tokens it used.

use super::abbreviations::{expand, expand_dotted};
use super::dates;
use super::initialisms::{dotted, read_capitals, Reading};
use super::numbers::{cardinal, ordinal, read_number, year};
use super::spoken::Builder;
use super::tokens::{is_apostrophe, tokenize, Kind, Token};
use super::{LinkPolicy, Normalizer, Spoken};

pub fn read(settings: &Normalizer, written: &str) -> Spoken {
    let tokens = tokenize(written);
    let mut reader = Reader {
        settings,
        tokens: &tokens,
        out: Builder::default(),
    };
    let mut i = 0;
    while i < tokens.len() {
        i += reader.step(i).max(1);
    }
    reader.out.finish()
}

struct Reader<'t, 'a> {
    settings: &'t Normalizer,
    tokens: &'t [Token<'a>],
    out: Builder,
}

/// Words after a number that make a four-digit number a count, not a year.
const COUNT_WORDS: &[&str] = &[
    "people",
    "men",
    "women",
    "children",
    "police",
    "personnel",
    "staff",
    "troops",
    "times",
];
/// Words before a number that make it a quantity.
const QUANTITY_WORDS: &[&str] = &[
    "over",
    "about",
    "around",
    "than",
    "nearly",
    "almost",
    "some",
    "approximately",
    "roughly",
    "least",
    "only",
    "just",
    "under",
    "below",
    "above",
    "exactly",
    "total",
    "additional",
];
const SCALE_WORDS: &[&str] = &["thousand", "million", "billion", "trillion"];

impl<'a> Reader<'_, 'a> {
    fn tok(&self, i: usize) -> Option<&Token<'a>> {
        self.tokens.get(i)
    }

    /// Index of the next non-space token at or after `i`.
    fn skip_space(&self, i: usize) -> usize {
        let mut j = i;
        while self.tok(j).is_some_and(|t| t.is(Kind::Space)) {
            j += 1;
        }
        j
    }

    /// The previous word token before `i` (skipping spaces), if any.
    fn previous_word(&self, i: usize) -> Option<&Token<'a>> {
        self.tokens[..i]
            .iter()
            .rev()
            .find(|t| !t.is(Kind::Space))
            .filter(|t| t.is(Kind::Word))
    }

    /// Nothing but spaces, quotes and brackets after `i`.
    fn at_end(&self, i: usize) -> bool {
        self.tokens[i..]
            .iter()
            .all(|t| t.is(Kind::Space) || (t.is(Kind::Punct) && is_quote_or_bracket(t.text)))
    }

    fn step(&mut self, i: usize) -> usize {
        let t = self.tokens[i].clone();
        match t.kind {
            Kind::Space => {
                self.out.space();
                1
            }
            Kind::Word => self.word(i),
            Kind::Number => self.number(i),
            Kind::Link => {
                self.link(&t);
                1
            }
            Kind::Punct => self.punct(i),
        }
    }

    fn word(&mut self, i: usize) -> usize {
        let t = self.tokens[i].clone();
        let w = t.text;
        if w.contains('.') {
            if let Some(expansion) = expand_dotted(&w.to_lowercase()) {
                self.out.words(expansion, t.range);
            } else {
                let letters: String = w.split('.').collect::<String>().to_uppercase();
                self.out.words(&dotted(&letters, false), t.range);
            }
            if self.at_end(i + 1) {
                self.out.punct('.');
            }
            return 1;
        }
        if let Some(used) = self.date(i) {
            return used;
        }
        let dot_follows = self.tok(i + 1).is_some_and(|n| n.is_punct("."));
        if dot_follows {
            let after = self.skip_space(i + 2);
            let before_name = self
                .tok(after)
                .is_some_and(|n| n.is(Kind::Word) && starts_upper(n.text));
            let before_number = self.tok(after).is_some_and(|n| n.is(Kind::Number));
            let is_number_sign = matches!(w, "No" | "Nos");
            if let Some(expansion) =
                expand(w, before_name).filter(|_| !is_number_sign || before_number)
            {
                self.out.words(expansion, t.range.start..t.range.end + 1);
                if self.at_end(i + 2) {
                    self.out.punct('.');
                }
                return 2;
            }
        }
        if let Some(used) = self.roman_numeral(i) {
            return used;
        }
        match read_capitals(w) {
            Some(Reading::Letters(letters)) => self.out.words(&letters, t.range),
            Some(Reading::Word(word)) => self.out.words(&word, t.range),
            None => {
                let plain: String = w
                    .chars()
                    .map(|c| if is_apostrophe(c) { '\'' } else { c })
                    .collect();
                if self.tok(i.wrapping_sub(1)).is_some_and(|p| p.is_punct("-"))
                    && !self.out.ends_with_alphanumeric()
                {
                    self.out.attached(&plain, t.range);
                } else {
                    self.out.words(&plain, t.range);
                }
            }
        }
        1
    }

    /// "Jan. 14", "Jan.15, 2022", "May 24, 2021", "February 2022", "Jan." alone.
    fn date(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let full = dates::month(t.text)?;
        let abbreviated = dates::is_abbreviated_month(t.text);
        let mut j = i + 1;
        if abbreviated {
            if !self.tok(j).is_some_and(|n| n.is_punct(".")) {
                return None;
            }
            j += 1;
        }
        let k = self.skip_space(j);
        let number = self.tok(k).filter(|n| n.is(Kind::Number)).cloned();
        let followed = |r: &Self, at: usize| {
            r.tok(at + 1)
                .is_some_and(|n| n.is(Kind::Word) || n.is_punct(":"))
        };
        if let Some(n) = number.as_ref().filter(|_| !followed(self, k)) {
            if let Some(day) = dates::day(n.text) {
                let mut spoken = format!("{full} {}", ordinal(day));
                let mut end = n.range.end;
                let mut used = k + 1 - i;
                let comma = k + 1;
                let y = self.skip_space(comma + 1);
                if self.tok(comma).is_some_and(|c| c.is_punct(",")) {
                    if let Some(yt) = self
                        .tok(y)
                        .filter(|yt| yt.is(Kind::Number) && dates::year(yt.text).is_some())
                    {
                        spoken = format!("{spoken}, {}", year(dates::year(yt.text).unwrap_or(0)));
                        end = yt.range.end;
                        used = y + 1 - i;
                    }
                }
                self.out.words(&spoken, t.range.start..end);
                return Some(used);
            }
            if let Some(y) = dates::year(n.text) {
                self.out
                    .words(&format!("{full} {}", year(y)), t.range.start..n.range.end);
                return Some(k + 1 - i);
            }
        }
        if abbreviated {
            self.out.words(full, t.range.start..t.range.end + 1);
            if self.at_end(j) {
                self.out.punct('.');
            }
            return Some(j - i);
        }
        None
    }

    /// "World War II", "Chapter IV", "Pope Benedict XVI", "Elizabeth II"; never "I" or "Malcolm X".
    fn roman_numeral(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let value = roman_value(t.text)?;
        let previous = self.previous_word(i)?.text;
        const COUNTED: &[&str] = &[
            "War", "Chapter", "Part", "Volume", "Book", "Act", "Phase", "Article", "Title",
            "Section", "Vatican", "Bowl", "Round",
        ];
        if COUNTED.contains(&previous) {
            self.out.words(&cardinal(value), t.range);
            return Some(1);
        }
        let only_small = t.text.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
        if t.text.len() >= 2
            && only_small
            && starts_upper(previous)
            && read_capitals(previous).is_none()
        {
            self.out.words(&format!("the {}", ordinal(value)), t.range);
            return Some(1);
        }
        None
    }

    fn number(&mut self, i: usize) -> usize {
        let t = self.tokens[i].clone();
        let n = t.text;
        let next = self.tok(i + 1).cloned();
        let next_is = |s: &str| next.as_ref().is_some_and(|x| x.is_punct(s));
        // 1st, 22nd, 3rd, 4th
        if let Some(suffix) = next.as_ref().filter(|x| x.is(Kind::Word)) {
            if matches!(
                suffix.text.to_lowercase().as_str(),
                "st" | "nd" | "rd" | "th"
            ) {
                if let Ok(value) = n.replace(',', "").parse::<u64>() {
                    self.out
                        .words(&ordinal(value), t.range.start..suffix.range.end);
                    return 2;
                }
            }
        }
        if next_is("%") {
            let words = read_number(n).unwrap_or_else(|| n.to_string());
            self.out
                .words(&format!("{words} percent"), t.range.start..t.range.end + 1);
            return 2;
        }
        // 9:30
        if next_is(":") {
            if let Some(minutes) = self
                .tok(i + 2)
                .filter(|m| m.is(Kind::Number) && m.text.len() == 2)
            {
                if let (Ok(h), Ok(m)) = (n.parse::<u64>(), minutes.text.parse::<u64>()) {
                    if h < 24 && m < 60 {
                        let spoken = match m {
                            0 if h > 12 => format!("{} hundred", cardinal(h)),
                            0 => format!("{} o'clock", cardinal(h)),
                            1..=9 => format!("{} oh {}", cardinal(h), cardinal(m)),
                            _ => format!("{} {}", cardinal(h), cardinal(m)),
                        };
                        self.out.words(&spoken, t.range.start..minutes.range.end);
                        return 3;
                    }
                }
            }
        }
        // 5-7, 10–20%
        if next_is("-") || next_is("\u{2013}") {
            if let Some(to) = self.tok(i + 2).filter(|m| m.is(Kind::Number)).cloned() {
                let (a, b) = (read_number(n), read_number(to.text));
                if let (Some(a), Some(b)) = (a, b) {
                    let percent = self.tok(i + 3).is_some_and(|p| p.is_punct("%"));
                    let spoken = if percent {
                        format!("{a} to {b} percent")
                    } else {
                        format!("{a} to {b}")
                    };
                    let end = if percent {
                        to.range.end + 1
                    } else {
                        to.range.end
                    };
                    self.out.words(&spoken, t.range.start..end);
                    return if percent { 4 } else { 3 };
                }
            }
        }
        if let Some(y) = dates::year(n).filter(|_| self.reads_as_year(i)) {
            self.out.words(&year(y), t.range);
            return 1;
        }
        let words = read_number(n).unwrap_or_else(|| n.to_string());
        self.out.words(&words, t.range);
        1
    }

    /// A four-digit number is a year unless a count noun follows or a quantity word precedes it.
    fn reads_as_year(&self, i: usize) -> bool {
        let n = self.tokens[i].text;
        if !(n.starts_with('1') || n.starts_with('2'))
            || n.parse::<u64>().map_or(true, |v| v > 2099)
        {
            return false;
        }
        let after = self.skip_space(i + 1);
        let next_word = self
            .tok(after)
            .filter(|t| t.is(Kind::Word) && after > i + 1)
            .map(|t| t.text);
        let counted = next_word.is_some_and(|w| {
            COUNT_WORDS.contains(&w)
                || SCALE_WORDS.contains(&w)
                || (w.len() > 3 && w.ends_with('s') && w.chars().all(char::is_lowercase))
        });
        let quantity = self
            .previous_word(i)
            .is_some_and(|p| QUANTITY_WORDS.contains(&p.text.to_lowercase().as_str()));
        !counted && !quantity
    }

    fn link(&mut self, t: &Token<'a>) {
        let spoken = match self.settings.links {
            LinkPolicy::Silent => return,
            LinkPolicy::Domain => read_link(t.text, false),
            LinkPolicy::Full => read_link(t.text, true),
        };
        self.out.words(&spoken, t.range.clone());
    }

    fn punct(&mut self, i: usize) -> usize {
        let t = self.tokens[i].clone();
        let c = t.text.chars().next().unwrap_or(' ');
        match c {
            '.' if self.tok(i + 1).is_some_and(|n| n.is_punct(".")) => {
                let run = self.tokens[i..]
                    .iter()
                    .take_while(|n| n.is_punct("."))
                    .count();
                self.out.pause();
                run
            }
            '.' | ',' | ';' | ':' | '!' | '?' => {
                self.out.punct(c);
                1
            }
            '(' | '[' => {
                if self.settings.links != LinkPolicy::Full {
                    let first = self.skip_space(i + 1);
                    if self.tok(first).is_some_and(|n| n.is(Kind::Link)) {
                        let close = if c == '(' { ")" } else { "]" };
                        if let Some(len) = self.tokens[i..].iter().position(|n| n.is_punct(close)) {
                            return len + 1;
                        }
                    }
                }
                self.out.pause();
                1
            }
            ')' | ']' | '\u{2014}' | '\u{2013}' | '\u{2026}' => {
                self.out.pause();
                1
            }
            '-' => {
                let next = self.tok(i + 1);
                let after_space = i == 0
                    || self
                        .tok(i - 1)
                        .is_some_and(|p| p.is(Kind::Space) || p.is_punct("("));
                if next.is_some_and(|n| n.is(Kind::Number)) && after_space {
                    self.out.words("minus", t.range);
                } else if next.is_some_and(|n| n.is(Kind::Word)) && !after_space {
                    self.out.punct('-');
                } else if next.is_some_and(|n| n.is(Kind::Space)) && after_space {
                    self.out.pause();
                }
                1
            }
            '$' | '\u{a3}' | '\u{20ac}' | '\u{a5}' => self.money(i),
            '&' => self.say("and", &t),
            '+' => self.say("plus", &t),
            '=' => self.say("equals", &t),
            '@' => self.say("at", &t),
            '%' => self.say("percent", &t),
            '\u{b0}' => self.say("degrees", &t),
            '#' if self.tok(i + 1).is_some_and(|n| n.is(Kind::Number)) => self.say("number", &t),
            '/' => {
                let prev = self.tokens[..i].last();
                let next = self.tok(i + 1);
                let capital = |t: Option<&Token>| {
                    t.is_some_and(|t| t.text.chars().next().is_some_and(char::is_uppercase))
                };
                let numeric = |t: Option<&Token>| t.is_some_and(|t| t.is(Kind::Number));
                let word = if numeric(prev) && numeric(next) {
                    "over"
                } else if capital(prev) || capital(next) {
                    "and"
                } else {
                    "or"
                };
                self.say(word, &t)
            }
            _ => 1,
        }
    }

    fn say(&mut self, words: &str, t: &Token<'a>) -> usize {
        self.out.words(words, t.range.clone());
        1
    }

    /// "$500", "$3.5 million", "£5bn", "€20", "$3.50".
    fn money(&mut self, i: usize) -> usize {
        let t = self.tokens[i].clone();
        let Some(amount) = self.tok(i + 1).filter(|n| n.is(Kind::Number)).cloned() else {
            return 1;
        };
        let (one, many, cent) = match t.text {
            "$" => ("dollar", "dollars", "cents"),
            "\u{a3}" => ("pound", "pounds", "pence"),
            "\u{20ac}" => ("euro", "euros", "cents"),
            _ => ("yen", "yen", ""),
        };
        let mut used = 2;
        let mut end = amount.range.end;
        let mut scale = None;
        let after = self.skip_space(i + 2);
        if let Some(w) = self.tok(after).filter(|w| w.is(Kind::Word)) {
            let named = match w.text {
                "bn" | "billion" => Some("billion"),
                "m" | "mn" | "million" => Some("million"),
                "trillion" | "tn" => Some("trillion"),
                "k" | "thousand" => Some("thousand"),
                _ => None,
            };
            if let Some(named) = named {
                scale = Some(named);
                used = after + 1 - i;
                end = w.range.end;
            }
        }
        let spoken = match (scale, amount.text.split_once('.')) {
            (None, Some((whole, cents))) if cents.len() == 2 && !cent.is_empty() => {
                let whole_words = read_number(whole).unwrap_or_default();
                let unit = if whole_words == "one" { one } else { many };
                let cents_value: u64 = cents.parse().unwrap_or(0);
                if cents_value == 0 {
                    format!("{whole_words} {unit}")
                } else {
                    format!("{whole_words} {unit} and {} {cent}", cardinal(cents_value))
                }
            }
            _ => {
                let words = read_number(amount.text).unwrap_or_default();
                let unit = if words == "one" && scale.is_none() {
                    one
                } else {
                    many
                };
                match scale {
                    Some(s) => format!("{words} {s} {unit}"),
                    None => format!("{words} {unit}"),
                }
            }
        };
        self.out.words(&spoken, t.range.start..end);
        used
    }
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_quote_or_bracket(s: &str) -> bool {
    matches!(
        s,
        "\"" | "'" | "\u{201c}" | "\u{201d}" | "\u{2018}" | "\u{2019}" | ")" | "]" | "\u{bb}"
    )
}

fn roman_value(s: &str) -> Option<u64> {
    if s.is_empty() || !s.chars().all(|c| "IVXLCDM".contains(c)) {
        return None;
    }
    let digit = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        'D' => 500,
        _ => 1000,
    };
    let values: Vec<u64> = s.chars().map(digit).collect();
    let mut total = 0;
    for (k, v) in values.iter().enumerate() {
        if values.get(k + 1).is_some_and(|next| next > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    let total = u64::try_from(total).ok().filter(|&t| t > 0)?;
    (to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u64) -> String {
    const TABLE: [(u64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// "youtu.be/ztYixk" -> "youtu dot be"; with `full`, the path too.
fn read_link(link: &str, full: bool) -> String {
    let lower = link.to_lowercase();
    let rest = lower
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.");
    if let Some((user, domain)) = rest.split_once('@') {
        return format!(
            "{} at {}",
            user.replace('.', " dot "),
            domain.replace('.', " dot ")
        );
    }
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let mut spoken = host.split('.').collect::<Vec<_>>().join(" dot ");
    if full && !path.is_empty() {
        let path_words: Vec<&str> = path
            .split(['/', '-', '_', '.'])
            .filter(|p| !p.is_empty())
            .collect();
        spoken = format!("{spoken} slash {}", path_words.join(" slash "));
    }
    spoken
}
