//! Normalize: written text becomes exactly what a voice should say (English, en-US).
//!
//! Three layers, as in NeMo's text processing. [`tokens`] splits the text. The [`readers`]
//! recognise a class of written text in context (a date, an amount of money, a street address,
//! a phone number) and say it; which reader wins where several could is listed in one place,
//! `readers/precedence.rs`. They say things with two lower layers: [`tables`], the words and
//! units of the language (abbreviations, months, initialisms, states, units), and
//! [`number_words`], numbers as words (cardinals, ordinals, years, digits). Quotes are not read;
//! dashes, brackets and ellipses become short pauses. Every spoken word keeps the written range
//! it came from ([`Spoken`]); a [`Lexicon`] is consulted before any reader.

pub mod lexicon;
pub mod number_words;
mod readers;
mod spoken;
pub mod tables;
pub mod tokens;

pub use lexicon::{Lexicon, LexiconError};

pub use spoken::{Piece, Spoken};

use std::sync::Arc;

/// A word or number longer than this many characters is not read (see [`Spoken::skipped`]): the
/// longest words in English dictionaries have 45 letters, and 64 digits take half a minute to say.
pub const MAX_TOKEN_CHARS: usize = 64;

use serde::{Deserialize, Serialize};

/// What to say for a web or e-mail address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkPolicy {
    /// Say only the site ("youtu dot be"); a link alone in brackets is a citation and is skipped.
    #[default]
    Domain,
    /// Say the whole address.
    Full,
    /// Say nothing for links.
    Silent,
}

/// What to say for a bracketed source citation such as "(AFP Jan. 15, 2022)" or "(Reuters)".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CitationPolicy {
    /// Nothing: the citation is for readers who may look it up.
    #[default]
    Skip,
    /// Read it like any other text.
    Read,
}

/// The order of month and day in a numeric date such as `01/07/98`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// Month first, as in US publications: January seventh.
    #[default]
    Mdy,
    /// Day first, as in British and most other publications: the first of July.
    Dmy,
}

/// Settings of the normalizer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalizer {
    pub links: LinkPolicy,
    pub citations: CitationPolicy,
    /// How to read a numeric date whose first two parts could each be the month.
    pub date_order: DateOrder,
    /// Pronunciations, looked up before any other rule.
    pub lexicon: Arc<Lexicon>,
}

impl Default for Normalizer {
    /// Short links and the built-in lexicon.
    fn default() -> Self {
        Normalizer {
            links: LinkPolicy::default(),
            citations: CitationPolicy::default(),
            date_order: DateOrder::default(),
            lexicon: Lexicon::built_in(),
        }
    }
}

impl Normalizer {
    /// Normalizes one sentence or line of written text.
    pub fn normalize(&self, written: &str) -> Spoken {
        readers::read(self, written)
    }
}

/// Normalizes with the default settings.
pub fn normalize(written: &str) -> Spoken {
    Normalizer::default().normalize(written)
}
