//! Numbers that are names, not quantities: phone numbers ("555-0142", "(202) 555-0142",
//! "+44 20 7946 0958"), ZIP codes, model, flight and road numbers read in pairs ("Boeing 737",
//! "Highway 101"), letter-and-number codes ("A320", "G7", "F-16", "COVID-19"), their plurals
//! ("F-16s", "737s") and versions ("v1.2").

use super::{Kind, Reader};
use crate::normalize::number_words::{
    cardinal, digits, ordinal, paired, phone_digits, plural_of_words, read_number, year,
};
use crate::normalize::tables::initialisms::{read_capitals, Reading};

/// Words after which a number of three or four digits is read in pairs.
const PAIRED_AFTER: &[&str] = &[
    "Boeing",
    "Flight",
    "flight",
    "Highway",
    "highway",
    "Room",
    "room",
    "Resolution",
    "Airbus",
    "H.R.",
];
/// Words naming numbers that are read digit by digit: "account 0045", "card number 4417".
const DIGIT_NUMBERS: &[&str] = &[
    "account",
    "acct",
    "routing",
    "pin",
    "otp",
    "ssn",
    "confirmation",
    "tracking",
    "serial",
    "reference",
    "card",
    "case",
];
/// Words after a Boeing-style number ("737 MAX").
const AIRCRAFT_WORDS: &[&str] = &[
    "MAX",
    "Max",
    "jet",
    "jets",
    "jetliner",
    "aircraft",
    "plane",
    "planes",
    "Dreamliner",
];
/// United States postal abbreviations, after which five digits are a ZIP code.
const STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "D.C.",
];

/// A phone number's groups, read digit by digit and separated by short pauses; an 800-style
/// prefix is read as a number ("one, eight hundred, ...").
fn say_groups(groups: &[&str]) -> String {
    groups
        .iter()
        .map(|g| {
            if g.len() == 3 && g.ends_with("00") {
                cardinal(g.parse().unwrap_or(0))
            } else {
                phone_digits(g)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl<'a> Reader<'_, 'a> {
    /// "555-0142", "202-555-0142", "1-800-555-0199".
    pub(super) fn phone_number(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let mut groups = vec![t.text];
        let mut k = i + 1;
        // No phone number has more than five groups; looking no further keeps "12-12-12-..."
        // linear.
        while groups.len() <= 5 && self.tok(k).is_some_and(|d| d.is_punct("-")) {
            match self.number_at(k + 1) {
                Some(n) if !n.text.contains([',', '.']) => groups.push(n.text),
                _ => break,
            }
            k += 2;
        }
        if let Some(used) = self.vanity_number(i, &groups, k) {
            return Some(used);
        }
        let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
        let round = |g: &str| g.ends_with('0');
        let is_phone = match lengths.as_slice() {
            [3, 4] => !(round(groups[0]) && round(groups[1])),
            // With an extension; and a Social Security number.
            [3, 3, 4] | [1, 3, 3, 4] | [3, 3, 4, 1..=5] | [3, 2, 4] => true,
            _ => false,
        };
        if !is_phone || t.text.contains([',', '.']) {
            return None;
        }
        let end = self.tokens[k - 1].range.end;
        self.out.words(&say_groups(&groups), t.range.start..end);
        Some(k - i)
    }

    /// "1-800-GO-U-HAUL", "1-800-FLOWERS": a toll-free number spelled in words, after the
    /// `groups` of digits that end before token `k`. The words are said as words, single
    /// letters as letters, digits one by one.
    fn vanity_number(&mut self, i: usize, groups: &[&str], k: usize) -> Option<usize> {
        let toll_free = matches!(
            groups,
            ["1", "800" | "888" | "877" | "866" | "855" | "844" | "833"]
        );
        if !toll_free {
            return None;
        }
        let mut parts = Vec::new();
        let mut chars = 0;
        let mut k = k;
        while parts.len() < 7 && self.tok(k).is_some_and(|d| d.is_punct("-")) {
            let Some(part) = self.tok(k + 1) else { break };
            let letters = part.is(Kind::Word) && part.text.chars().all(|c| c.is_ascii_uppercase());
            let numbers = part.is(Kind::Number) && part.text.bytes().all(|b| b.is_ascii_digit());
            if !(letters || numbers) {
                break;
            }
            chars += part.text.len();
            parts.push(match part.text.len() {
                _ if numbers => digits(part.text),
                1 => part.text.to_string(),
                _ => part.text.to_lowercase(),
            });
            k += 2;
        }
        let words = parts
            .iter()
            .any(|p| p.chars().all(|c| c.is_ascii_lowercase()) && p.len() > 1);
        if !words || !(4..=10).contains(&chars) {
            return None;
        }
        let spoken = format!("{}, {}", say_groups(groups), parts.join(" "));
        let range = self.tokens[i].range.start..self.tokens[k - 1].range.end;
        self.out.words(&spoken, range);
        Some(k - i)
    }

    /// "555.555.5555" and "123.123.0.40" (an IP address): numbers joined by dots, which the
    /// tokenizer leaves as decimals and dots. Each group is said digit by digit.
    pub(super) fn dotted_digits(&mut self, i: usize) -> Option<usize> {
        let mut written = String::new();
        let mut k = i;
        // An IP address or a phone number has at most seven tokens: look no further.
        while let Some(t) = self.tok(k).filter(|_| k < i + 9) {
            let joins = t.is(Kind::Number) && !t.text.contains(',')
                || (t.is_punct(".") && self.number_at(k + 1).is_some() && k > i);
            if !joins {
                break;
            }
            written.push_str(t.text);
            k += 1;
        }
        let groups: Vec<&str> = written.split('.').collect();
        let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
        let ip = groups.len() == 4
            && groups
                .iter()
                .all(|g| (1..=3).contains(&g.len()) && g.parse::<u16>().is_ok_and(|v| v < 256));
        let spoken = if ip {
            groups
                .iter()
                .map(|g| digits(g))
                .collect::<Vec<_>>()
                .join(" dot ")
        } else if matches!(lengths.as_slice(), [3, 3, 4] | [1, 3, 3, 4]) {
            say_groups(&groups)
        } else {
            return None;
        };
        let range = self.tokens[i].range.start..self.tokens[k - 1].range.end;
        self.out.words(&spoken, range);
        Some(k - i)
    }

    /// "(202) 555-0142", "(123)-123-5678", at the opening bracket.
    pub(super) fn phone_in_brackets(&mut self, i: usize) -> Option<usize> {
        let (groups, used) = self.bracketed_groups(i)?;
        let spoken = say_groups(&groups);
        let range = self.tokens[i].range.start..self.tokens[i + used - 1].range.end;
        self.out.words(&spoken, range);
        Some(used)
    }

    /// The groups of a phone number with its area code in brackets at `i`, and the tokens used.
    fn bracketed_groups(&self, i: usize) -> Option<(Vec<&'a str>, usize)> {
        let area = self.number_at(i + 1).filter(|n| n.text.len() == 3)?.clone();
        if !self.tok(i + 2).is_some_and(|c| c.is_punct(")")) {
            return None;
        }
        let hyphen = self.tok(i + 3).is_some_and(|d| d.is_punct("-"));
        let j = if hyphen {
            i + 4
        } else {
            self.skip_space(i + 3)
        };
        let (a, dash, b) = (self.number_at(j)?, self.tok(j + 1)?, self.number_at(j + 2)?);
        if a.text.len() != 3 || !dash.is_punct("-") || b.text.len() != 4 {
            return None;
        }
        Some((vec![area.text, a.text, b.text], j + 3 - i))
    }

    /// "+44 20 7946 0958", "+1 (123)-123-5678", at the plus sign.
    pub(super) fn international_phone(&mut self, i: usize) -> Option<usize> {
        let country = self.number_at(i + 1).filter(|n| n.text.len() <= 3)?.clone();
        let bracket = i + 3;
        if self.tok(i + 2).is_some_and(|s| s.text == " ")
            && self.tok(bracket).is_some_and(|b| b.is_punct("("))
        {
            if let Some((mut groups, used)) = self.bracketed_groups(bracket) {
                groups.insert(0, country.text);
                let spoken = format!("plus {}", say_groups(&groups));
                let end = self.tokens[bracket + used - 1].range.end;
                self.out.words(&spoken, self.tokens[i].range.start..end);
                return Some(bracket + used - i);
            }
        }
        let mut groups = vec![country.text];
        let mut k = i + 2;
        while self.tok(k).is_some_and(|s| s.text == " ") {
            match self.number_at(k + 1) {
                Some(n) if n.text.len() >= 2 && n.text.chars().all(|c| c.is_ascii_digit()) => {
                    groups.push(n.text)
                }
                _ => break,
            }
            k += 2;
        }
        if groups.len() < 3 {
            return None;
        }
        let spoken = format!("plus {}", say_groups(&groups));
        let end = self.tokens[k - 1].range.end;
        let start = self.tokens[i].range.start;
        self.out.words(&spoken, start..end);
        Some(k - i)
    }

    /// Five digits after a state ("DC 20001") or "ZIP code": a ZIP code, digit by digit.
    pub(super) fn postal_code(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        if t.text.len() != 5 || !t.text.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        // "FL, 95051": a comma may stand between the state and its ZIP code.
        let before_comma = self
            .previous_index(i)
            .filter(|&k| self.tokens[k].is_punct(","))
            .and_then(|k| self.previous_word_index(k));
        let before_index = self.previous_word_index(i).or(before_comma)?;
        let before = self.tokens[before_index].text;
        let zip_code = before.eq_ignore_ascii_case("code")
            && self.previous_word(before_index).is_some_and(|w| {
                w.text.eq_ignore_ascii_case("zip") || w.text.eq_ignore_ascii_case("postal")
            });
        if !(STATES.contains(&before) || zip_code || before.eq_ignore_ascii_case("zip")) {
            return None;
        }
        self.out.words(&digits(t.text), t.range);
        Some(1)
    }

    /// "card ending in 8876", "account 004512", "PIN 1234", "text OUT to 86753", "ab9453":
    /// numbers that are read digit by digit where people do.
    pub(super) fn digit_string(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        if t.text.len() < 3 || !t.text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let before: Vec<String> = {
            let mut words = Vec::new();
            let mut k = i;
            while words.len() < 3 {
                match self.previous_word_index(k) {
                    Some(w) => {
                        words.push(self.tokens[w].text.to_lowercase());
                        k = w;
                    }
                    None => break,
                }
            }
            words
        };
        let word = |n: usize| before.get(n).map(String::as_str).unwrap_or("");
        let ending_in =
            matches!(word(0), "in" | "with") && matches!(word(1), "ending" | "ends" | "end");
        let numbered = word(0) == "number" && DIGIT_NUMBERS.contains(&word(1));
        let named = DIGIT_NUMBERS.contains(&word(0)) && !matches!(word(0), "card" | "case");
        // "text OUT to 86753": a short code after a keyword.
        let short_code = word(0) == "to"
            && matches!(word(2), "text" | "texting" | "reply")
            && (4..=6).contains(&t.text.len());
        // "ab9453", "ref K48812": four or more digits written onto letters are a code, unless
        // they could be a year ("since2019", pasted without its space).
        let glued = self.joined_to_word_before(i)
            && t.text.len() >= 4
            && !(t.text.len() == 4 && matches!(t.text.as_bytes()[0], b'1' | b'2'));
        if !(ending_in || numbered || named || short_code || glued) {
            return None;
        }
        self.out.words(&digits(t.text), t.range);
        Some(1)
    }

    /// "text OUT to 86753": the keyword texted is a word, not letters to spell.
    pub(super) fn texted_keyword(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let texted = self
            .previous_word(i)
            .is_some_and(|w| matches!(w.text.to_lowercase().as_str(), "text" | "reply"));
        let to_a_number = self.next_word(i).is_some_and(|(k, w)| {
            w.text == "to" && self.number_at(self.skip_space(k + 1)).is_some()
        });
        if !texted || !to_a_number || !t.text.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        self.out.words(&t.text.to_lowercase(), t.range);
        Some(1)
    }

    /// "call 911", "text 988": a short number dialed is said digit by digit.
    pub(super) fn dialed_number(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let dialed = self.previous_word(i).is_some_and(|w| {
            matches!(
                w.text.to_lowercase().as_str(),
                "call"
                    | "calls"
                    | "called"
                    | "calling"
                    | "dial"
                    | "dialed"
                    | "dialing"
                    | "text"
                    | "texted"
                    | "texting"
            )
        });
        if !dialed
            || !(3..=4).contains(&t.text.len())
            || !t.text.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        self.out.words(&digits(t.text), t.range);
        Some(1)
    }

    /// "Boeing 737", "Flight 370", "Highway 101", "the 737 MAX", "Boeing 737-800", "747-8 jet".
    pub(super) fn model_number(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        if !(3..=4).contains(&t.text.len()) || !t.text.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        // A variant written onto the model: "737-800", "747-8".
        let variant = self
            .tok(i + 1)
            .filter(|d| d.is_punct("-"))
            .and_then(|_| self.number_at(i + 2))
            .filter(|v| v.text.len() <= 3 && v.text.chars().all(|c| c.is_ascii_digit()))
            .cloned();
        let last = if variant.is_some() { i + 2 } else { i };
        let after_name = self
            .previous_word(i)
            .is_some_and(|w| PAIRED_AFTER.contains(&w.text));
        let boeing_style = t.text.len() == 3
            && t.text.starts_with('7')
            && t.text.ends_with('7')
            && self
                .next_word(last)
                .is_some_and(|(_, w)| AIRCRAFT_WORDS.contains(&w.text));
        let aircraft = self
            .previous_word(i)
            .is_some_and(|w| matches!(w.text, "Boeing" | "Airbus"));
        // "The 747 landed": a Boeing number after a determiner, not counting anything.
        let counted = self.next_word(last).is_some_and(|(_, w)| {
            w.text.ends_with('s') && w.text.chars().all(|c| c.is_lowercase())
        });
        let boeing_style = boeing_style
            || (t.text.len() == 3
                && t.text.starts_with('7')
                && t.text.ends_with('7')
                && !counted
                && self.previous_word(i).is_some_and(|w| {
                    matches!(
                        w.text.to_lowercase().as_str(),
                        "the" | "a" | "its" | "their"
                    )
                }));
        if !(after_name || boeing_style) || (variant.is_some() && !(aircraft || boeing_style)) {
            return None;
        }
        let mut spoken = paired(t.text)?;
        if let Some(variant) = &variant {
            spoken = format!("{spoken} {}", read_number(variant.text)?);
        }
        let plural = self.plural_s(last + 1);
        let end = plural.unwrap_or(self.tokens[last].range.end);
        if plural.is_some() {
            spoken = plural_of_words(&spoken);
        }
        self.out.words(&spoken, t.range.start..end);
        Some(last + 1 - i + usize::from(plural.is_some()))
    }

    /// "FY2025" "fiscal year twenty twenty-five", "FY25", "H1" "the first half" (of a year).
    pub(super) fn fiscal_period(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let spaced = self.tok(i + 1).is_some_and(|s| s.text == " ") && t.text == "FY";
        let n = if spaced { i + 2 } else { i + 1 };
        let number = self.number_at(n)?.clone();
        let ends = self
            .tok(n + 1)
            .is_none_or(|x| !x.is(Kind::Word) && !x.is(Kind::Number));
        if !ends || !number.text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let value: u64 = number.text.parse().ok()?;
        let mut spoken = match (t.text, number.text.len()) {
            ("FY", 4) => format!("fiscal year {}", year(value)),
            ("FY", 2) => format!("fiscal year {}", year(2000 + value)),
            (letter @ ("H" | "Q"), 1) => {
                // "in H1" "in the first half"; "Q4 sales" "fourth quarter sales".
                let part = super::numbers::part_of_year(letter, value)?;
                let needs_the = self.previous_word(i).is_some_and(|w| {
                    matches!(
                        w.text.to_lowercase().as_str(),
                        "in" | "during" | "for" | "over" | "of" | "through" | "by"
                    )
                });
                let period = format!("{} {part}", ordinal(value));
                if needs_the {
                    format!("the {period}")
                } else {
                    period
                }
            }
            _ => return None,
        };
        // "Q4 2025" "the fourth quarter of twenty twenty-five".
        let mut last = n;
        if matches!(t.text, "Q" | "H") && self.tok(n + 1).is_some_and(|s| s.text == " ") {
            if let Some(y) = self
                .number_at(n + 2)
                .filter(|y| y.text.len() == 4 && y.text.bytes().all(|b| b.is_ascii_digit()))
            {
                let ends = self
                    .tok(n + 3)
                    .is_none_or(|x| !x.is(Kind::Word) && !x.is(Kind::Number));
                if let (true, Ok(y_value)) = (ends, y.text.parse::<u64>()) {
                    spoken = format!("{spoken} of {}", year(y_value));
                    last = n + 2;
                }
            }
        }
        // At the start of a sentence the words start with a capital.
        let opens = self
            .previous(i)
            .is_none_or(|p| p.is_punct(".") || p.is_punct("!") || p.is_punct("?"));
        let spoken = if opens {
            super::capitalize(&spoken)
        } else {
            spoken
        };
        self.out
            .words(&spoken, t.range.start..self.tokens[last].range.end);
        Some(last + 1 - i)
    }

    /// A plural "s" written onto a code or number ("F-16s", "737s"): where it ends.
    fn plural_s(&self, i: usize) -> Option<usize> {
        let s = self.tok(i).filter(|s| s.is(Kind::Word) && s.text == "s")?;
        let apart = self
            .tok(i + 1)
            .is_none_or(|n| !n.is(Kind::Word) && !n.is(Kind::Number));
        apart.then_some(s.range.end)
    }

    /// A word in capitals joined to a number: "A320", "G7", "F-16", "I-95", "COVID-19"; and "v1.2".
    pub(super) fn code(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let hyphen = self.tok(i + 1).is_some_and(|d| d.is_punct("-"));
        let n = if hyphen { i + 2 } else { i + 1 };
        let number = self.number_at(n)?.clone();
        if t.text == "v" && !hyphen {
            let version = number.text.to_string();
            let mut spoken = read_number(&version)?;
            let mut last = n;
            while self.tok(last + 1).is_some_and(|d| d.is_punct("."))
                && self.number_at(last + 2).is_some()
            {
                spoken = format!(
                    "{spoken} point {}",
                    read_number(self.tokens[last + 2].text)?
                );
                last += 2;
            }
            let end = self.tokens[last].range.end;
            self.out
                .words(&format!("version {spoken}"), t.range.start..end);
            return Some(last + 1 - i);
        }
        if !t.text.chars().all(|c| c.is_ascii_uppercase()) || t.text.len() > 5 {
            return None;
        }
        let plural = self.plural_s(n + 1);
        if number.text.contains([',', '.'])
            || (plural.is_none() && self.tok(n + 1).is_some_and(|x| x.is(Kind::Word)))
        {
            return None;
        }
        let letters = match read_capitals(t.text) {
            Some(Reading::Word(w)) => w,
            Some(Reading::Letters(l)) => l,
            None => t.text.to_string(),
        };
        let value = if number.text.len() >= 3 {
            paired(number.text)?
        } else {
            read_number(number.text)?
        };
        let spoken = format!("{letters} {value}");
        match plural {
            Some(end) => self
                .out
                .words(&plural_of_words(&spoken), t.range.start..end),
            None => self.out.words(&spoken, t.range.start..number.range.end),
        }
        Some(n + 1 - i + usize::from(plural.is_some()))
    }
}
