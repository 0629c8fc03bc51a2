//! Roman numerals, read only where context says they are numbers: a cardinal after a counted noun
//! ("World War II", "Chapter IV", "Type II"), an ordinal after a name ("Pope Benedict XVI" "the
//! sixteenth", "Queen Elizabeth I" "the first"). Never the pronoun "I", never "Malcolm X".

use super::{starts_upper, Reader};
use crate::normalize::number_words::{cardinal, ordinal};
use crate::normalize::tables::initialisms::read_capitals;

/// Nouns after which a numeral counts: "Chapter IV" is "Chapter four".
const COUNTED: &[&str] = &[
    "War", "Wars", "Chapter", "Part", "Volume", "Book", "Act", "Phase", "Article", "Title",
    "Section", "Vatican", "Bowl", "Round", "Type", "Stage", "Category", "Episode", "Class",
    "Level", "Grade", "Schedule", "Division", "Appendix", "Annex", "Tier",
];
/// Titles of monarchs and popes, which let a lone "I" be "the first".
const TITLES: &[&str] = &[
    "Queen", "King", "Pope", "Emperor", "Empress", "Tsar", "Czar", "Tsarina", "Prince", "Princess",
    "Sultan", "Shah",
];

impl Reader<'_, '_> {
    pub(super) fn roman_numeral(&mut self, i: usize) -> Option<usize> {
        let t = self.tokens[i].clone();
        let value = roman_value(t.text)?;
        let before = self.previous_word_index(i)?;
        let previous = self.tokens[before].text;
        // In any case: "PART XL" in a heading, "part II" in a sentence.
        if COUNTED.iter().any(|c| c.eq_ignore_ascii_case(previous)) {
            self.out.words(&cardinal(value), t.range);
            return Some(1);
        }
        let only_small = t.text.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
        let name = starts_upper(previous) && read_capitals(previous).is_none();
        let titled = || {
            let mut k = before;
            // "Pope John Paul I": walk back over the name to the title.
            while let Some(j) = self.previous_word_index(k) {
                let w = self.tokens[j].text;
                if TITLES.contains(&w) {
                    return true;
                }
                if !starts_upper(w) {
                    return false;
                }
                k = j;
            }
            false
        };
        if only_small && name && (t.text.len() >= 2 || titled()) {
            self.out.words(&format!("the {}", ordinal(value)), t.range);
            return Some(1);
        }
        None
    }
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
    let values: Vec<i64> = s.chars().map(digit).collect();
    let mut total = 0;
    for (k, v) in values.iter().enumerate() {
        if values.get(k + 1).is_some_and(|next| next > v) {
            total -= v;
        } else {
            total += v;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_numerals_have_values() {
        assert_eq!(roman_value("XVI"), Some(16));
        assert_eq!(roman_value("LVII"), Some(57));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("VX"), None);
    }
}
