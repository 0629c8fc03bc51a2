//! Money: "$500", "$3.5 million", "£5bn", "€20", "US$20", "C$50", "$0.99", "$10-15", "$300k".
//!
//! The unit goes after the amount and its scale ("three point five million dollars"), and is
//! singular where the amount describes a noun ("a $500 fee" "a five hundred dollar fee").

use super::numbers::scale_word;
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
/// Words that may follow an amount without being what it describes.
const NOT_DESCRIBED: &[&str] = &[
    "in",
    "of",
    "for",
    "to",
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "on",
    "at",
    "by",
    "from",
    "with",
    "per",
    "each",
    "was",
    "is",
    "were",
    "are",
    "will",
    "would",
    "could",
    "should",
    "has",
    "had",
    "have",
    "this",
    "that",
    "last",
    "next",
    "today",
    "yesterday",
    "tomorrow",
    "more",
    "less",
    "than",
    "as",
    "into",
    "over",
    "under",
    "since",
    "after",
    "before",
    "while",
    "when",
    "if",
    "so",
    "because",
    "worth",
    "apiece",
    "annually",
    "a",
    "it",
    "he",
    "she",
    "they",
    "we",
    "you",
    "plus",
    "or",
    "up",
    "down",
    "back",
    "off",
    "out",
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

    /// An amount starting at the currency sign at `i`.
    pub(super) fn money(&mut self, i: usize) -> usize {
        let start = self.tokens[i].range.start;
        self.amount(i, None, start).unwrap_or(1)
    }

    fn amount(&mut self, i: usize, country: Option<&str>, start: usize) -> Option<usize> {
        let c = currency(self.tokens[i].text)?;
        let amount = self.number_at(i + 1)?.clone();
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
            if let Some(named) = scale_word(w.text).filter(|_| attached || w.text.len() > 2) {
                scale = Some(named);
                last = after;
            } else if attached && matches!(w.text, "m" | "M") {
                scale = Some("million");
                last = after;
            }
        }
        let described = {
            let next = self.next_word(last).map(|(_, w)| w.text.to_lowercase());
            let determiner = self.previous_word(i).is_some_and(|w| {
                matches!(
                    w.text.to_lowercase().as_str(),
                    "a" | "an" | "the" | "its" | "his" | "her" | "their" | "our" | "this"
                )
            });
            next.is_some_and(|n| {
                self.tok(self.skip_space(last + 1))
                    .is_some_and(|t| t.text.chars().all(char::is_lowercase))
                    && (PRICED_NOUNS.contains(&n.as_str())
                        || (determiner && !NOT_DESCRIBED.contains(&n.as_str())))
            })
        };
        let words = read_number(amount.text)?;
        let spoken = match (scale, &upper, amount.text.split_once('.')) {
            (None, None, Some((whole, cents))) if cents.len() == 2 && !c.cents.is_empty() => {
                let cents_value: u64 = cents.parse().ok()?;
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
        let end = self.tokens[last].range.end;
        self.out.words(&spoken, start..end);
        Some(last + 1 - i)
    }
}
