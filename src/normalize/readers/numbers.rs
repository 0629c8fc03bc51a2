//! Numbers: ordinals ("22nd"), percentages, ranges and scores ("5-7%", "beat them 3-1"),
//! fractions ("2/3", "3 1/2"), scale words ("15bn"), decades ("1990s", "'90s"), versions
//! ("2.1.3") and years against counts ("in 2011" against "2011 people"). Numbers that belong to
//! a date, time, unit, amount or code are handed to those readers first.

use super::{Kind, Reader, Token};
use crate::normalize::number_words::{
    cardinal, decade, fraction, ordinal, paired, read_number, year,
};
use crate::normalize::tables::months::year as year_number;

/// Words after a number that make a four-digit number a count, not a year.
pub(super) const COUNT_WORDS: &[&str] = &[
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
/// Count nouns after which a number's "m" is a million ("3m users"); with [`COUNT_WORDS`].
const MILLIONS_OF: &[&str] = &[
    "users",
    "residents",
    "customers",
    "voters",
    "viewers",
    "subscribers",
    "barrels",
    "tonnes",
    "tons",
    "doses",
    "passengers",
    "visitors",
    "households",
    "homes",
    "jobs",
    "refugees",
    "migrants",
    "copies",
    "downloads",
    "followers",
    "members",
    "shares",
    "cases",
    "deaths",
    "dollars",
    "euros",
    "pounds",
    "acres",
    "hectares",
    "workers",
    "patients",
    "students",
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
pub(super) const SCALE_WORDS: &[&str] = &["thousand", "million", "billion", "trillion"];
/// Words around "3-1" that make it a score, where a nil is "nothing".
const SCORE_WORDS: &[&str] = &[
    "beat", "beats", "won", "win", "wins", "lost", "lose", "loses", "defeated", "defeat",
    "victory", "led", "lead", "leads", "trailed", "draw", "drew", "loss", "score", "scored",
];

/// A scale written short after a number: "15bn", "3tn", "$300k".
pub(super) fn scale_word(short: &str) -> Option<&'static str> {
    match short.to_ascii_lowercase().as_str() {
        "bn" | "bln" | "billion" => Some("billion"),
        "mn" | "mln" | "million" => Some("million"),
        "tn" | "trn" | "trillion" => Some("trillion"),
        "k" | "thousand" => Some("thousand"),
        _ => None,
    }
}

/// A scale written as one letter right after a number: "300k", "$1.2B", "¥30b", "2.5M".
pub(super) fn scale_letter(letter: &str) -> Option<&'static str> {
    match letter {
        "k" | "K" => Some("thousand"),
        "m" | "M" => Some("million"),
        "b" | "B" => Some("billion"),
        "t" | "T" => Some("trillion"),
        _ => None,
    }
}

impl<'a> Reader<'_, 'a> {
    /// A four-digit number read as a year where the context makes it one.
    pub(super) fn year_number(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let y = year_number(t.text).filter(|_| self.reads_as_year(i))?;
        self.out.words(&year(y), t.range);
        Some(1)
    }

    /// "340 A.D", "50 BC", "1066 AD": a year before its era, with the era spelled ("three forty
    /// A.D."). A final dot is left to end the sentence.
    pub(super) fn year_before_era(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        if !(1..=4).contains(&t.text.len()) || !t.text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let rest = &self.text[t.range.end..];
        let era_start = t.range.end + rest.len() - rest.trim_start_matches(' ').len();
        if era_start == t.range.end || era_start > t.range.end + 1 {
            return None;
        }
        let rest = &self.text[era_start..];
        const ERAS: [(&str, &str); 12] = [
            ("B.C.E", "B.C.E."),
            ("BCE", "B.C.E."),
            ("B.C", "B.C."),
            ("BC", "B.C."),
            ("A.D", "A.D."),
            ("AD", "A.D."),
            ("C.E", "C.E."),
            ("CE", "C.E."),
            ("b.c.e", "B.C.E."),
            ("b.c", "B.C."),
            ("a.d", "A.D."),
            ("c.e", "C.E."),
        ];
        let (written, era) = ERAS.iter().find(|(w, _)| {
            rest.starts_with(w)
                && rest[w.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric() && (c != '.' || w.len() > 2))
        })?;
        let end = era_start + written.len();
        // "A.D." written as one token with its final dot, which may also end the sentence.
        let (last, with_dot) = match self.token_ending_at(i, end) {
            Some(last) => (last, false),
            None if rest[written.len()..].starts_with('.') => {
                (self.token_ending_at(i, end + 1)?, true)
            }
            None => return None,
        };
        let value: u64 = t.text.parse().ok()?;
        let number = match t.text.len() {
            3 => paired(t.text)?,
            4 => year(value),
            _ => cardinal(value),
        };
        let end = self.tokens[last].range.end;
        self.out
            .words(&format!("{number} {era}"), t.range.start..end);
        let sentence_ends = self.tok(self.skip_space(last + 1)).is_none_or(|n| {
            n.text.starts_with(char::is_uppercase) && self.skip_space(last + 1) > last + 1
        });
        if with_dot && sentence_ends {
            self.out.punct('.');
        }
        Some(last + 1 - i)
    }

    /// Any other number, as a cardinal (or its digits, if it starts with a zero).
    pub(super) fn cardinal_number(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let words = read_number(t.text).unwrap_or_else(|| t.text.to_string());
        self.out.words(&words, t.range);
        Some(1)
    }

    /// "1st", "22nd", "ranked 2ND".
    pub(super) fn ordinal_number(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let suffix = self.tok(i + 1).filter(|x| x.is(Kind::Word))?;
        if !super::is_day_suffix(suffix.text) {
            return None;
        }
        let value = t.text.replace(',', "").parse::<u64>().ok()?;
        let end = suffix.range.end;
        let mut spoken = ordinal(value);
        if super::is_possessive_suffix(suffix.text) {
            spoken.push_str("'s");
        }
        self.out.words(&spoken, t.range.start..end);
        Some(2)
    }

    /// "1990s", "80s", "'90s", "the 1990s' boom".
    pub(super) fn decade_number(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let s = self
            .tok(i + 1)
            .filter(|x| x.is(Kind::Word) && x.text == "s")?;
        let mut spoken = decade(t.text)?;
        let mut end = s.range.end;
        let mut used = 2;
        let possessive = self
            .tok(i + 2)
            .is_some_and(|a| a.is(Kind::Punct) && super::is_apostrophe_text(a.text))
            && self.tok(i + 3).is_none_or(|n| n.is(Kind::Space));
        if possessive {
            spoken.push('\'');
            end = self.tokens[i + 2].range.end;
            used = 3;
        }
        // "1960s-80s", "1960s–1980s": a range of decades, read with "to".
        let dash = self
            .tok(i + 2)
            .is_some_and(|d| d.is_punct("-") || d.is_punct("\u{2013}"));
        let upper = self.number_at(i + 3).filter(|_| dash && !possessive);
        let upper_s = self
            .tok(i + 4)
            .is_some_and(|x| x.is(Kind::Word) && x.text == "s")
            && self
                .tok(i + 5)
                .is_none_or(|n| !n.is(Kind::Word) && !n.is(Kind::Number));
        if let Some(to) = upper.filter(|_| upper_s).and_then(|u| decade(u.text)) {
            spoken = format!("{spoken} to {to}");
            end = self.tokens[i + 4].range.end;
            used = 5;
        }
        self.out.words(&spoken, t.range.start..end);
        Some(used)
    }

    /// "14%", "10% to 20%", "5.25%-5.5%".
    pub(super) fn percent(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        if !self.tok(i + 1).is_some_and(|p| p.is_punct("%")) {
            return None;
        }
        let words = read_number(t.text).unwrap_or_else(|| t.text.to_string());
        // "5.25%-5.5%": a range of percentages.
        let dash = self
            .tok(i + 2)
            .is_some_and(|d| d.is_punct("-") || d.is_punct("\u{2013}"));
        let upper = self.number_at(i + 3).filter(|_| dash).cloned();
        if let Some(upper) = upper.filter(|_| self.tok(i + 4).is_some_and(|p| p.is_punct("%"))) {
            let to = read_number(upper.text).unwrap_or_else(|| upper.text.to_string());
            let end = self.tokens[i + 4].range.end;
            self.out.words(
                &format!("{words} percent to {to} percent"),
                t.range.start..end,
            );
            return Some(5);
        }
        self.out
            .words(&format!("{words} percent"), t.range.start..t.range.end + 1);
        Some(2)
    }

    /// "5-7", "10–20%", "2021-22", "beat them 3-1", "200–300 km".
    pub(super) fn range(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        if !self
            .tok(i + 1)
            .is_some_and(|d| d.is_punct("-") || d.is_punct("\u{2013}"))
        {
            return None;
        }
        // "1-2=5", "1- 2 = 5": a sum, said "minus".
        let second = self.skip_space(i + 2);
        if let Some(b) = self.number_at(second).cloned() {
            let equals = self.skip_space(second + 1);
            if second <= i + 3 && self.tok(equals).is_some_and(|e| e.is_punct("=")) {
                let spoken = format!("{} minus {}", read_number(t.text)?, read_number(b.text)?);
                self.out.words(&spoken, t.range.start..b.range.end);
                return Some(second + 1 - i);
            }
        }
        let to = self.number_at(i + 2)?.clone();
        // "1-413-te-b-1-5": numbers in a chain of hyphenated parts are a code, not a range.
        let part = |t: Option<&Token>| t.is_some_and(|t| t.is(Kind::Word) || t.is(Kind::Number));
        let hyphen = |t: Option<&Token>| t.is_some_and(|t| t.is_punct("-"));
        let chained = (i >= 2 && hyphen(self.tok(i - 1)) && part(self.tok(i - 2)))
            || (hyphen(self.tok(i + 3)) && part(self.tok(i + 4)));
        if chained {
            return None;
        }
        let score = self
            .previous_word(i)
            .is_some_and(|w| SCORE_WORDS.contains(&w.text.to_lowercase().as_str()))
            || self
                .next_word(i + 2)
                .is_some_and(|(_, w)| SCORE_WORDS.contains(&w.text.to_lowercase().as_str()));
        let say = |n: &str| {
            if score && n == "0" {
                Some("nothing".to_string())
            } else {
                read_number(n)
            }
        };
        // "1980-1970 kg": a range of a measure is of numbers, never of years.
        let measured = self.unit_after(i + 2, false).is_some();
        let first_year = year_number(t.text).filter(|_| self.reads_as_year(i) && !measured);
        let (a, b) = match first_year {
            Some(y) if to.text.len() == 2 => (year(y), cardinal(to.text.parse().ok()?)),
            Some(y) => (year(y), year(year_number(to.text)?)),
            None => (say(t.text)?, say(to.text)?),
        };
        let mut spoken = format!("{a} to {b}");
        let mut end = to.range.end;
        let mut used = 3;
        if self.tok(i + 3).is_some_and(|p| p.is_punct("%")) {
            spoken.push_str(" percent");
            end += 1;
            used = 4;
        } else if let Some((unit, last, unit_end)) = self.unit_after(i + 2, false) {
            spoken = format!("{spoken} {unit}");
            end = unit_end;
            used = last + 1 - i;
        }
        self.out.words(&spoken, t.range.start..end);
        Some(used)
    }

    /// "2/3", "1/10", "3 1/2", "24/7", "9/11", "50/50".
    pub(super) fn fraction_number(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        // A whole number before a fraction: "3 1/2".
        if self.tok(i + 1).is_some_and(|s| s.text == " ")
            && self.tok(i + 3).is_some_and(|s| s.is_punct("/"))
        {
            let (n, d) = (self.number_at(i + 2)?, self.number_at(i + 4)?);
            let part = fraction(n.text.parse().ok()?, d.text.parse().ok()?)?;
            let end = d.range.end;
            let whole = read_number(t.text)?;
            let part = part.replacen("one ", "a ", 1);
            let mut spoken = format!("{whole} and {part}");
            let (mut end, mut last) = (end, i + 4);
            if let Some((unit, unit_last, unit_end)) = self.unit_after(i + 4, false) {
                spoken = format!("{spoken} {unit}");
                (end, last) = (unit_end, unit_last);
            }
            self.out.words(&spoken, t.range.start..end);
            return Some(last + 1 - i);
        }
        if !self.tok(i + 1).is_some_and(|s| s.is_punct("/")) {
            return None;
        }
        let d = self.number_at(i + 2)?.clone();
        let spoken = match (t.text, d.text) {
            ("24", "7") => "twenty-four seven".to_string(),
            ("9", "11") => "nine eleven".to_string(),
            (a, b) if a == b && !a.contains('.') => {
                let n = read_number(a)?;
                format!("{n}-{n}")
            }
            (a, b) => fraction(a.parse().ok()?, b.parse().ok()?)?,
        };
        // "1/3rd", "1/4TH": an ordinal suffix written on the denominator.
        let suffixed = self
            .tok(i + 3)
            .is_some_and(|w| super::is_day_suffix(w.text));
        let last = if suffixed { i + 3 } else { i + 2 };
        let mut spoken = spoken;
        let mut last = last;
        let proper =
            matches!((t.text.parse::<u64>(), d.text.parse::<u64>()), (Ok(n), Ok(d)) if n < d);
        if let Some((unit, unit_last, _)) = self.unit_after(last, false) {
            spoken = format!("{spoken} of a {}", unit_singular(&unit));
            last = unit_last;
        } else if let Some((said, noun)) = self
            .fraction_of_measure(&spoken, i, last)
            .filter(|_| proper)
        {
            (spoken, last) = (said, noun);
        }
        self.out
            .words(&spoken, t.range.start..self.tokens[last].range.end);
        Some(last + 1 - i)
    }

    /// "10x" "ten times", "2x8" "two by eight", "a 2x4": a multiple or a size.
    pub(super) fn multiplier(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let x = self.tok(i + 1).filter(|w| w.text == "x")?;
        let number = read_number(t.text)?;
        if let Some(other) = self.number_at(i + 2).cloned() {
            let mut spoken = format!("{number} by {}", read_number(other.text)?);
            let mut last = i + 2;
            if let Some((unit, unit_last, _)) = self.unit_after(i + 2, false) {
                spoken = format!("{spoken} {unit}");
                last = unit_last;
            }
            self.out
                .words(&spoken, t.range.start..self.tokens[last].range.end);
            return Some(last + 1 - i);
        }
        if self.tok(i + 2).is_some_and(|n| n.is(Kind::Word)) {
            return None;
        }
        self.out
            .words(&format!("{number} times"), t.range.start..x.range.end);
        Some(2)
    }

    /// "2Q22" "the second quarter of twenty twenty-two", "1H25" "the first half of twenty
    /// twenty-five".
    pub(super) fn period_of_year(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let letter = self.tok(i + 1).filter(|w| matches!(w.text, "Q" | "H"))?;
        let n: u64 = t.text.parse().ok()?;
        let year_token = self
            .number_at(i + 2)
            .filter(|y| matches!(y.text.len(), 2 | 4))?;
        let period = part_of_year(letter.text, n)?;
        let y: u64 = year_token.text.parse().ok()?;
        let said_year = if year_token.text.len() == 4 {
            year(y)
        } else {
            year(2000 + y)
        };
        let the = if self
            .previous_word(i)
            .is_some_and(|w| w.text.eq_ignore_ascii_case("the"))
        {
            ""
        } else {
            "the "
        };
        self.out.words(
            &format!("{the}{} {period} of {said_year}", ordinal(n)),
            t.range.start..year_token.range.end,
        );
        Some(3)
    }

    /// "401(k)" "four oh one K", "403(b)": retirement plans named for their section of the tax
    /// code.
    pub(super) fn tax_code_plan(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        if t.text.len() != 3 || !self.tok(i + 1)?.is_punct("(") || !self.tok(i + 3)?.is_punct(")") {
            return None;
        }
        let letter = self
            .tok(i + 2)
            .filter(|w| w.is(Kind::Word) && w.text.len() == 1)?;
        let spoken = format!("{} {}", paired(t.text)?, letter.text.to_uppercase());
        self.out
            .words(&spoken, t.range.start..self.tokens[i + 3].range.end);
        Some(4)
    }

    /// "2.1.3": a version number, each part after a point.
    pub(super) fn version(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        if !t.text.contains('.') {
            return None;
        }
        let mut parts = vec![t.text.to_string()];
        let mut k = i + 1;
        while self.tok(k).is_some_and(|d| d.is_punct(".")) {
            match self.number_at(k + 1) {
                Some(n) => parts.push(n.text.to_string()),
                None => break,
            }
            k += 2;
        }
        if parts.len() < 2 {
            return None;
        }
        let spoken: Vec<String> = parts.iter().filter_map(|p| read_number(p)).collect();
        let end = self.tokens[k - 1].range.end;
        self.out.words(&spoken.join(" point "), t.range.start..end);
        Some(k - i)
    }

    /// "15bn", "3tn": a scale written short and attached.
    pub(super) fn scaled(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let short = self.tok(i + 1).filter(|w| w.is(Kind::Word))?;
        // "2.5m people": an "m" before people counted is a million, not meters.
        let million = short.text == "m"
            && self.next_word(i + 1).is_some_and(|(_, w)| {
                COUNT_WORDS.contains(&w.text) || MILLIONS_OF.contains(&w.text)
            });
        let scale = if million {
            "million"
        } else {
            scale_word(short.text).filter(|_| short.text.len() == 2)?
        };
        let end = short.range.end;
        let words = read_number(t.text)?;
        self.out
            .words(&format!("{words} {scale}"), t.range.start..end);
        Some(2)
    }

    /// A four-digit number is a year unless a count noun follows or a quantity word precedes it.
    pub(super) fn reads_as_year(&self, i: usize) -> bool {
        let n = self.tokens[i].text;
        if !(n.starts_with('1') || n.starts_with('2'))
            || n.len() != 4
            || n.parse::<u64>().map_or(true, |v| v > 2199)
        {
            return false;
        }
        let after = self.skip_space(i + 1);
        let next_word = self
            .tok(after)
            .filter(|t| t.is(Kind::Word) && after > i + 1)
            .map(|t| t.text);
        // "87 percent of 2019 levels": measures of a year, not things counted.
        const OF_A_YEAR: &[&str] = &[
            "levels",
            "prices",
            "figures",
            "rates",
            "results",
            "lows",
            "highs",
            "elections",
            "standards",
            "values",
            "totals",
            "numbers",
            "sales",
            "earnings",
            "forecasts",
        ];
        let counted = next_word.is_some_and(|w| {
            !OF_A_YEAR.contains(&w) && COUNT_WORDS.contains(&w)
                || SCALE_WORDS.contains(&w)
                || (w.len() > 3
                    && w.ends_with('s')
                    && w.chars().all(char::is_lowercase)
                    && !OF_A_YEAR.contains(&w))
        });
        let quantity = self
            .previous_word(i)
            .is_some_and(|p| QUANTITY_WORDS.contains(&p.text.to_lowercase().as_str()));
        !counted && !quantity
    }
}

/// "pounds" "pound": the singular of a unit's spoken name, after "of a".
fn unit_singular(unit: &str) -> String {
    match unit {
        "feet" => "foot".to_string(),
        u if u.ends_with("inches") => u.trim_end_matches("es").to_string(),
        u => u.strip_suffix('s').unwrap_or(u).to_string(),
    }
}

/// The part of a year `letter` and `n` name: "Q" 1 to 4 a quarter, "H" 1 or 2 a half ("2Q22",
/// "Q4", "H1").
pub(super) fn part_of_year(letter: &str, n: u64) -> Option<&'static str> {
    match (letter, n) {
        ("Q", 1..=4) => Some("quarter"),
        ("H", 1..=2) => Some("half"),
        _ => None,
    }
}
