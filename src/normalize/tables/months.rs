//! Month names and their abbreviations in any case ("Jan.", "JAN", "jan", "Sept", "SEPTEMBER"),
//! days of the month and years as written in dates.

/// A month as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Month {
    /// "January".
    pub full: &'static str,
    /// 1 to 12.
    pub number: usize,
    /// Written short ("Jan", "Sept"), so it may carry a dot.
    pub abbreviated: bool,
    /// Written "Title" case as a month normally is ("Jan", "May"), not "jan" or "JAN".
    pub title_case: bool,
    /// Also a common word ("may", "march", "mar", "dec"): a month only right beside a day or
    /// a year.
    pub also_a_word: bool,
}

/// The full names, in order, and the short forms of each.
pub const MONTHS: [(&str, &[&str]); 12] = [
    ("January", &["Jan"]),
    ("February", &["Feb"]),
    ("March", &["Mar"]),
    ("April", &["Apr"]),
    ("May", &[]),
    ("June", &["Jun"]),
    ("July", &["Jul"]),
    ("August", &["Aug"]),
    ("September", &["Sep", "Sept"]),
    ("October", &["Oct"]),
    ("November", &["Nov"]),
    ("December", &["Dec"]),
];

/// Month names that are also English words or names in some case ("may", "March" the verb,
/// "Jan" the name, "Dec" for decimal, "Sep" is not one).
const ALSO_WORDS: &[&str] = &["may", "march", "mar", "jan", "dec", "jun", "aug"];

/// The month a word names, in any case: "Jan", "JAN", "jan", "January", "JANUARY".
pub fn month_in_any_case(word: &str) -> Option<Month> {
    if word.len() < 3 || word.len() > 9 || !word.is_ascii() {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let (index, (full, short)) = MONTHS.iter().enumerate().find(|(_, (full, short))| {
        full.eq_ignore_ascii_case(&lower) || short.iter().any(|s| s.eq_ignore_ascii_case(&lower))
    })?;
    let written = if full.eq_ignore_ascii_case(&lower) {
        *full
    } else {
        short
            .iter()
            .find(|s| s.eq_ignore_ascii_case(&lower))
            .copied()?
    };
    Some(Month {
        full,
        number: index + 1,
        abbreviated: written != *full,
        title_case: word == written,
        also_a_word: ALSO_WORDS.contains(&lower.as_str()),
    })
}

/// The full month for a month name or abbreviation written in title case ("Jan", "Sept",
/// "March").
pub fn month(word: &str) -> Option<&'static str> {
    month_in_any_case(word)
        .filter(|m| m.title_case)
        .map(|m| m.full)
}

/// True for an abbreviated month in title case ("Jan"), which is written with a dot.
pub fn is_abbreviated_month(word: &str) -> bool {
    month_in_any_case(word).is_some_and(|m| m.title_case && m.abbreviated)
}

/// The full name of month `number` (1 to 12).
pub fn name(number: usize) -> Option<&'static str> {
    MONTHS.get(number.checked_sub(1)?).map(|(full, _)| *full)
}

/// A day of the month, 1 to 31 ("07" too).
pub fn day(number: &str) -> Option<u64> {
    if number.is_empty() || number.len() > 2 {
        return None;
    }
    number.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A year as written in dates, 1000 to 2999.
pub fn year(number: &str) -> Option<u64> {
    if number.len() != 4 {
        return None;
    }
    number.parse().ok().filter(|y| (1000..3000).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_and_full_names_find_the_month_in_any_case() {
        assert_eq!(month("Jan"), Some("January"));
        assert_eq!(month("Sept"), Some("September"));
        assert_eq!(month("May"), Some("May"));
        assert_eq!(month("may"), None);
        let jan = month_in_any_case("JAN").unwrap();
        assert_eq!(
            (jan.full, jan.number, jan.abbreviated),
            ("January", 1, true)
        );
        assert!(!jan.title_case);
        assert!(month_in_any_case("may").unwrap().also_a_word);
        assert!(!month_in_any_case("july").unwrap().also_a_word);
        assert_eq!(month_in_any_case("Janu"), None);
        assert!(is_abbreviated_month("Jan") && !is_abbreviated_month("May"));
        assert_eq!(name(10), Some("October"));
    }
}
