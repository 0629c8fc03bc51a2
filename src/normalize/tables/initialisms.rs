//! Capitalized abbreviations: spelled letter by letter ("U.S.", "EU", "AFP") or said as a word
//! ("NATO", "ECOWAS", "MINUSMA").
//!
//! Built-in lists decide the common ones; for unknown capitals a word that can be pronounced
//! (vowels and consonants alternate, no long consonant runs, at least four letters) is said as a
//! word and anything else is spelled.

/// Said as words.
const ACRONYMS: &[&str] = &[
    "NATO", "ECOWAS", "MINUSMA", "UNESCO", "UNICEF", "NASA", "OPEC", "AIDS", "FIFA", "INTERPOL",
    "ASEAN", "MERCOSUR", "SADC", "COVID", "LASER", "RADAR", "SCUBA", "UNITA", "FRELIMO", "SWAPO",
    "HAMAS", "NAFTA", "OSHA", "FEMA", "GAO", "NIMBY", "ISIS", "AFRICOM", "SWAT", "POTUS", "SCOTUS",
    "NOAA", "UEFA", "CARICOM", "OK", "BRICS", "MAX", "ZIP", "HUD", "NASDAQ", "CAFTA", "GIF",
    "JPEG", "FOMO",
];

/// Spelled out even though they could be said as words.
const INITIALISMS: &[&str] = &[
    "US", "USA", "UK", "EU", "UN", "AU", "AFP", "AP", "BBC", "CNN", "CIA", "FBI", "IMF", "WHO",
    "WTO", "NGO", "CEO", "GDP", "ID", "TV", "PM", "MP", "DJ", "PC", "IT", "AI", "ICC", "ICJ",
    "IOM", "UNHCR", "UNDP", "USSR", "DRC", "CAR", "ANC", "PLO", "IRA", "NPR", "PBS", "ABC", "CBS",
    "NBC", "HIV", "DNA", "LGBT", "LGBTQ", "EV", "SUV", "VIP", "FAQ", "URL", "PDF", "USB", "NAACP",
    "NYPD", "LAPD", "GMT", "UTC", "EST", "EDT", "PST", "PDT", "CET", "ET", "PT", "BC", "AD", "GOP",
    "NYSE", "SEC", "FDA", "EPA", "DOJ", "DHS", "IRS", "CDC", "NHS", "OECD", "UAE", "ECB", "IPO",
    "UCLA", "NYU", "MIT", "NRA", "AARP", "NIH", "NSA", "TSA", "ATF", "DEA", "FAA", "FCC", "FTC",
    "NLRB", "USDA", "HHS", "VA", "ICE", "CBP", "SBA", "FDIC", "CFPB",
    // Stock tickers are spelled, every one alike.
    "AAPL", "TSLA", "MSFT", "GOOG", "GOOGL", "AMZN", "NVDA", "NFLX", "INTC", "AMD", "IBM", "ORCL",
    "CSCO", "PYPL", "BABA", "XOM", "CVX", "JPM", "WMT", "KO", "PG", "JNJ", "PFE", "MRK", "GE",
    "GM", "BA", "DIS", "VZ", "TM", "NKE", "SBUX", "ADBE", "CRM", "QCOM", "AVGO", "TXN", "COST",
];

/// True when `word` is in either built-in list: a known abbreviation even in a line of capitals.
pub fn is_known(word: &str) -> bool {
    let stem = word
        .strip_suffix('s')
        .filter(|s| s.len() >= 2)
        .unwrap_or(word);
    INITIALISMS.contains(&stem) || ACRONYMS.contains(&stem) || ACRONYMS.contains(&word)
}

/// How a word in capitals is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// Said as a word, given in the case a voice reads as a word ("Nato").
    Word(String),
    /// Spelled: the letters with dots, the form voices spell ("E.U.", plural "N.G.O.'s").
    Letters(String),
}

/// Reads `word` if it is an abbreviation in capitals (two or more capitals, maybe a plural "s").
pub fn read_capitals(word: &str) -> Option<Reading> {
    let (stem, plural) = match word.strip_suffix('s') {
        Some(stem) if stem.len() >= 2 && is_capitals(stem) => (stem, true),
        _ => (word, false),
    };
    if !is_capitals(stem) || stem.chars().count() < 2 {
        return None;
    }
    let spelled = || Reading::Letters(dotted(stem, plural));
    if INITIALISMS.contains(&stem) {
        return Some(spelled());
    }
    if ACRONYMS.contains(&stem) || pronounceable(stem) {
        let mut chars = stem.chars();
        let first = chars.next().unwrap_or_default();
        let mut word: String = std::iter::once(first)
            .chain(chars.flat_map(char::to_lowercase))
            .collect();
        if plural {
            word.push('s');
        }
        return Some(Reading::Word(word));
    }
    Some(spelled())
}

/// "EU" -> "E.U."; with `plural`, "NGO" -> "N.G.O.'s".
pub fn dotted(letters: &str, plural: bool) -> String {
    let mut out: String = letters.chars().flat_map(|c| [c, '.']).collect();
    if plural {
        out.push_str("'s");
    }
    out
}

fn is_capitals(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_uppercase())
}

/// A rough test that letters can be said as a word: four or more, with vowels, and no more than two
/// consonants in a row (three at the start when the third is L or R: "STR", "SPL").
fn pronounceable(s: &str) -> bool {
    let is_vowel = |c: char| matches!(c, 'A' | 'E' | 'I' | 'O' | 'U' | 'Y');
    if s.len() < 4 || !s.chars().any(is_vowel) {
        return false;
    }
    let mut run = 0;
    for c in s.chars() {
        run = if is_vowel(c) { 0 } else { run + 1 };
        if run > 2 {
            return false;
        }
    }
    // No English word ends in a consonant and then L ("AAPL", "PYPL") or starts with two
    // vowels the same ("AAPL", "OOXX").
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    let bad_end = chars[n - 1] == 'L' && !is_vowel(chars[n - 2]) && chars[n - 2] != 'L';
    let bad_start = chars[0] == chars[1] && is_vowel(chars[0]);
    let vowels = s.chars().filter(|&c| is_vowel(c)).count();
    vowels * 4 >= s.len() && !bad_end && !bad_start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_acronyms_are_words_and_initialisms_are_spelled() {
        assert_eq!(read_capitals("NATO"), Some(Reading::Word("Nato".into())));
        assert_eq!(
            read_capitals("ECOWAS"),
            Some(Reading::Word("Ecowas".into()))
        );
        assert_eq!(read_capitals("EU"), Some(Reading::Letters("E.U.".into())));
        assert_eq!(
            read_capitals("AFP"),
            Some(Reading::Letters("A.F.P.".into()))
        );
        assert_eq!(
            read_capitals("NGOs"),
            Some(Reading::Letters("N.G.O.'s".into()))
        );
    }

    #[test]
    fn unknown_capitals_fall_back_on_pronounceability() {
        assert_eq!(
            read_capitals("MINUSCA"),
            Some(Reading::Word("Minusca".into()))
        );
        assert_eq!(
            read_capitals("XKCD"),
            Some(Reading::Letters("X.K.C.D.".into()))
        );
        assert_eq!(read_capitals("Mali"), None);
    }
}
