//! Money: "$500", "$3.5 million", "£5bn", "€20", "US$20", "C$50", "$0.99", "$10-15", "$300k".
//!
//! The unit goes after the amount and its scale ("three point five million dollars"), and is
//! singular where the amount describes a noun ("a $500 fee" "a five hundred dollar fee").

use super::numbers::{scale_letter, scale_word};
use super::{Kind, Reader};
use crate::normalize::number_words::{cardinal, read_number};

struct Currency {
    one: &'static str,
    many: &'static str,
    cent: &'static str,
    cents: &'static str,
}

fn currency(symbol: &str) -> Option<Currency> {
    let (one, many, cent, cents) = match symbol {
        "$" => ("dollar", "dollars", "cent", "cents"),
        "\u{a3}" => ("pound", "pounds", "penny", "pence"),
        "\u{20ac}" => ("euro", "euros", "cent", "cents"),
        "\u{a5}" => ("yen", "yen", "", ""),
        "\u{20b9}" => ("rupee", "rupees", "paisa", "paise"),
        "\u{20a9}" => ("won", "won", "", ""),
        _ => return None,
    };
    Some(Currency {
        one,
        many,
        cent,
        cents,
    })
}

/// The country a dollar sign's prefix names: "US$", "C$", "A$".
fn dollar_country(prefix: &str) -> Option<&'static str> {
    match prefix {
        "US" => Some("U.S."),
        "C" | "CA" => Some("Canadian"),
        "A" | "AU" => Some("Australian"),
        "NZ" => Some("New Zealand"),
        "HK" => Some("Hong Kong"),
        "S" => Some("Singapore"),
        _ => None,
    }
}

/// Nouns an amount often describes: "a $500 fee", "£5bn deal".
const PRICED_NOUNS: &[&str] = &[
    "deal",
    "fee",
    "fine",
    "bill",
    "ticket",
    "loan",
    "budget",
    "contract",
    "package",
    "project",
    "investment",
    "plan",
    "bailout",
    "payment",
    "settlement",
    "salary",
    "price",
    "tax",
    "fund",
    "grant",
    "note",
    "coin",
    "cut",
    "increase",
    "hike",
    "gift",
    "donation",
    "bond",
    "purchase",
    "sale",
    "acquisition",
    "merger",
    "stake",
    "program",
    "programme",
    "scheme",
    "bid",
    "offer",
    "wage",
    "bonus",
    "penalty",
    "debt",
    "facility",
    "check",
    "cheque",
    "item",
];
impl Reader<'_, '_> {
    /// "US$20", "C$50": a country prefix on a dollar sign.
    pub(super) fn money_with_prefix(&mut self, i: usize) -> Option<usize> {
        let country = dollar_country(self.tokens[i].text)?;
        if !self.tok(i + 1).is_some_and(|d| d.is_punct("$")) {
            return None;
        }
        let start = self.tokens[i].range.start;
        Some(1 + self.amount(i + 1, Some(country), start)?)
    }

    /// An amount starting at the currency sign at `i`; "$250-$300" is read "to".
    pub(super) fn money(&mut self, i: usize) -> usize {
        let start = self.tokens[i].range.start;
        let Some(used) = self.amount(i, None, start) else {
            return 1;
        };
        let dash = i + used;
        let range = self
            .tok(dash)
            .is_some_and(|d| d.is_punct("-") || d.is_punct("\u{2013}"))
            && self
                .tok(dash + 1)
                .is_some_and(|c| currency(c.text).is_some() && self.number_at(dash + 2).is_some());
        if range {
            self.out.words("to", self.tokens[dash].range.clone());
            return used + 1;
        }
        used
    }

    /// "¢" after a number: "99¢" "ninety-nine cents".
    pub(super) fn cents_sign(&mut self, i: usize) -> usize {
        let one = self.tok(i.wrapping_sub(1)).is_some_and(|n| n.text == "1");
        let t = self.tokens[i].clone();
        self.out.words(if one { "cent" } else { "cents" }, t.range);
        1
    }

    fn amount(&mut self, i: usize, country: Option<&str>, start: usize) -> Option<usize> {
        let c = currency(self.tokens[i].text)?;
        // "$.01", "$.506": an amount written without its zero.
        let point = self.tok(i + 1).is_some_and(|d| d.is_punct("."))
            && self
                .number_at(i + 2)
                .is_some_and(|n| !n.text.contains([',', '.']));
        let amount = self.number_at(i + 1 + usize::from(point))?.clone();
        let amount_text = if point {
            format!("0.{}", amount.text)
        } else {
            amount.text.to_string()
        };
        let i = i + usize::from(point);
        let (one, many) = match country {
            Some(country) => (
                format!("{country} {}", c.one),
                format!("{country} {}", c.many),
            ),
            None => (c.one.to_string(), c.many.to_string()),
        };
        let mut last = i + 1;
        // "$10-15": a range in one unit.
        let mut upper = None;
        if self
            .tok(i + 2)
            .is_some_and(|d| d.is_punct("-") || d.is_punct("\u{2013}"))
        {
            if let Some(to) = self.number_at(i + 3) {
                upper = Some(read_number(to.text)?);
                last = i + 3;
            }
        }
        // "$3.5 million", "£5bn", "$300k"
        let mut scale = None;
        let after = self.skip_space(last + 1);
        if let Some(w) = self.tok(after).filter(|w| w.is(Kind::Word)) {
            let attached = after == last + 1;
            if let Some(named) = scale_word(w.text).filter(|_| attached || w.text.len() >= 2) {
                scale = Some(named);
                last = after;
            } else if let Some(named) = scale_letter(w.text).filter(|_| attached) {
                scale = Some(named);
                last = after;
            }
        }
        let described = self.describes_next(i, last, PRICED_NOUNS);
        // "$.506" "point five zero six dollars", as the bare decimal ".5" is "point five".
        let words = match read_number(&amount_text)? {
            words if point => words
                .strip_prefix("zero ")
                .map(str::to_string)
                .unwrap_or(words),
            words => words,
        };
        // "$20.5" and "$20.500" are twenty dollars and fifty cents; "$20.506" is a decimal.
        let cents_of = |cents: &str| -> Option<String> {
            match cents.len() {
                1 => Some(format!("{cents}0")),
                2 => Some(cents.to_string()),
                _ if cents[2..].bytes().all(|b| b == b'0') => Some(cents[..2].to_string()),
                _ => None,
            }
        };
        let spoken = match (scale, &upper, amount_text.split_once('.')) {
            (None, None, Some((whole, cents)))
                if cents_of(cents).is_some() && !c.cents.is_empty() =>
            {
                let cents_value: u64 = cents_of(cents)?.parse().ok()?;
                let whole_value: u64 = whole.replace(',', "").parse().ok()?;
                let cent_words = format!(
                    "{} {}",
                    cardinal(cents_value),
                    if cents_value == 1 { c.cent } else { c.cents }
                );
                let whole_words = format!(
                    "{} {}",
                    cardinal(whole_value),
                    if whole_value == 1 { &one } else { &many }
                );
                match (whole_value, cents_value) {
                    (_, 0) => whole_words,
                    (0, _) => cent_words,
                    _ => format!("{whole_words} and {cent_words}"),
                }
            }
            _ => {
                let unit = if described || (words == "one" && scale.is_none() && upper.is_none()) {
                    &one
                } else {
                    &many
                };
                let mut spoken = words;
                if let Some(upper) = &upper {
                    spoken = format!("{spoken} to {upper}");
                }
                if let Some(s) = scale {
                    spoken = format!("{spoken} {s}");
                }
                format!("{spoken} {unit}")
            }
        };
        // "$3.50/gallon", "$20/mo": a price per unit is "a gallon", "a month".
        let (spoken, last) = match self.per_unit(last) {
            Some((unit, unit_last)) => (format!("{spoken} {unit}"), unit_last),
            None => (spoken, last),
        };
        let end = self.tokens[last].range.end;
        self.out.words(&spoken, start..end);
        Some(last + 1 - i + usize::from(point))
    }

    /// "/gallon", "/mo", "/kg" right after an amount at `last`: "a gallon", "a month", "a
    /// kilogram", and the index of the unit's last token.
    fn per_unit(&self, last: usize) -> Option<(String, usize)> {
        if !self.tok(last + 1).is_some_and(|s| s.is_punct("/")) {
            return None;
        }
        let word = self.tok(last + 2).filter(|w| w.is(Kind::Word))?;
        let joined_on = self
            .tok(last + 3)
            .is_some_and(|n| n.is_punct("/") || n.is(Kind::Word) || n.is(Kind::Number));
        if joined_on {
            return None;
        }
        let unit = per_unit_name(word.text)?;
        let article = if unit.starts_with(['a', 'e', 'i', 'o', 'u']) || unit == "hour" {
            "an"
        } else {
            "a"
        };
        Some((format!("{article} {unit}"), last + 2))
    }
}

/// The unit a price is given per, as said: "mo" "month", "gal" "gallon", "share" "share".
fn per_unit_name(written: &str) -> Option<String> {
    let lower = written.to_ascii_lowercase();
    let named = match lower.as_str() {
        "mo" | "mth" | "month" => "month",
        "yr" | "year" | "annum" => "year",
        "wk" | "week" => "week",
        "d" | "day" => "day",
        "hr" | "h" | "hour" => "hour",
        "min" | "minute" => "minute",
        "gal" | "gallon" => "gallon",
        "bbl" | "barrel" => "barrel",
        "oz" | "ounce" => "ounce",
        "lb" | "pound" => "pound",
        "kg" | "kilo" | "kilogram" => "kilogram",
        "t" | "ton" | "tonne" | "mt" => "ton",
        "l" | "liter" | "litre" => "liter",
        "kwh" => "kilowatt hour",
        "mwh" => "megawatt hour",
        "sq ft" | "sqft" => "square foot",
        "share" | "night" | "person" | "head" | "seat" | "ticket" | "unit" | "dose" | "pill"
        | "visit" | "ride" | "trip" | "mile" | "bushel" | "foot" | "meter" | "user" => written,
        _ => return None,
    };
    Some(named.to_string())
}
