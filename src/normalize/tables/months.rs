//! Month names and their abbreviations, for dates like "Jan. 14", "May 24, 2021", "14 January".

/// The full month for a written month name or abbreviation ("Jan", "Sept", "March").
pub fn month(word: &str) -> Option<&'static str> {
    const MONTHS: [(&str, &[&str]); 12] = [
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
    MONTHS
        .iter()
        .find(|(full, abbreviations)| *full == word || abbreviations.contains(&word))
        .map(|(full, _)| *full)
}

/// True for an abbreviated month ("Jan"), which is written with a dot.
pub fn is_abbreviated_month(word: &str) -> bool {
    month(word).is_some_and(|full| full != word)
}

/// A day of the month, 1 to 31.
pub fn day(number: &str) -> Option<u64> {
    if number.len() > 2 {
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
    fn abbreviations_and_full_names_find_the_month() {
        assert_eq!(month("Jan"), Some("January"));
        assert_eq!(month("Sept"), Some("September"));
        assert_eq!(month("May"), Some("May"));
        assert_eq!(month("may"), None);
        assert!(is_abbreviated_month("Jan") && !is_abbreviated_month("May"));
    }
}
