//! Numbers as words: cardinals, ordinals, years, decimals and digit strings (en-US).

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const SCALES: [(u64, &str); 6] = [
    (1_000_000_000_000_000_000, "quintillion"),
    (1_000_000_000_000_000, "quadrillion"),
    (1_000_000_000_000, "trillion"),
    (1_000_000_000, "billion"),
    (1_000_000, "million"),
    (1_000, "thousand"),
];

/// 1234 -> "one thousand two hundred thirty-four".
pub fn cardinal(n: u64) -> String {
    if n < 1000 {
        return below_thousand(n);
    }
    let mut parts = Vec::new();
    let mut rest = n;
    for (scale, name) in SCALES {
        if rest >= scale {
            parts.push(format!("{} {name}", cardinal(rest / scale)));
            rest %= scale;
        }
    }
    if rest > 0 {
        parts.push(below_thousand(rest));
    }
    parts.join(" ")
}

/// A cardinal up to 999 quintillion, past what `u64` holds; `None` beyond.
fn big_cardinal(n: u128) -> Option<String> {
    const QUINTILLION: u128 = 1_000_000_000_000_000_000;
    if let Ok(small) = u64::try_from(n) {
        return Some(cardinal(small));
    }
    let (top, rest) = (n / QUINTILLION, n % QUINTILLION);
    if top >= 1000 {
        return None;
    }
    let top = format!("{} quintillion", below_thousand(top as u64));
    Some(match rest {
        0 => top,
        _ => format!("{top} {}", cardinal(rest as u64)),
    })
}

fn below_thousand(n: u64) -> String {
    match n {
        0..=19 => ONES[n as usize].to_string(),
        20..=99 => {
            let tens = TENS[(n / 10) as usize];
            if n.is_multiple_of(10) {
                tens.to_string()
            } else {
                format!("{tens}-{}", ONES[(n % 10) as usize])
            }
        }
        _ => {
            let hundreds = format!("{} hundred", ONES[(n / 100) as usize]);
            if n.is_multiple_of(100) {
                hundreds
            } else {
                format!("{hundreds} {}", below_thousand(n % 100))
            }
        }
    }
}

/// 22 -> "twenty-second".
pub fn ordinal(n: u64) -> String {
    ordinal_of_words(&cardinal(n))
}

/// Turns the last word of a cardinal into its ordinal: "twenty-two" -> "twenty-second".
pub fn ordinal_of_words(words: &str) -> String {
    let split = words.rfind([' ', '-']).map_or(0, |i| i + 1);
    let (head, last) = words.split_at(split);
    let last = match last {
        "one" => "first".to_string(),
        "two" => "second".to_string(),
        "three" => "third".to_string(),
        "five" => "fifth".to_string(),
        "eight" => "eighth".to_string(),
        "nine" => "ninth".to_string(),
        "twelve" => "twelfth".to_string(),
        w if w.ends_with('y') => format!("{}ieth", &w[..w.len() - 1]),
        w => format!("{w}th"),
    };
    format!("{head}{last}")
}

/// A year as people say it: 1984 "nineteen eighty-four", 2005 "two thousand five", 2021 "twenty
/// twenty-one", 1900 "nineteen hundred".
pub fn year(y: u64) -> String {
    if !(1000..10000).contains(&y) {
        return cardinal(y);
    }
    let (high, low) = (y / 100, y % 100);
    if (2000..2010).contains(&y) || y.is_multiple_of(1000) {
        cardinal(y)
    } else if low == 0 {
        format!("{} hundred", cardinal(high))
    } else if low < 10 {
        format!("{} oh {}", cardinal(high), cardinal(low))
    } else {
        format!("{} {}", cardinal(high), cardinal(low))
    }
}

/// The last word of spoken number words made plural: "nineteen ninety" -> "nineteen nineties",
/// "eighteen hundred" -> "eighteen hundreds".
pub fn plural_of_words(words: &str) -> String {
    match words.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None if words.ends_with('x') => format!("{words}es"),
        None => format!("{words}s"),
    }
}

/// A decade or century written as digits and "s": 1990 "nineteen nineties", 1800 "eighteen
/// hundreds", 2000 "two thousands", 80 "eighties". `None` for numbers that name no decade.
pub fn decade(written: &str) -> Option<String> {
    let n: u64 = written.parse().ok()?;
    match written.len() {
        2 if n.is_multiple_of(10) && n >= 20 => Some(plural_of_words(&cardinal(n))),
        4 if n.is_multiple_of(10) && (1000..2200).contains(&n) => Some(plural_of_words(&year(n))),
        _ => None,
    }
}

/// A fraction `numerator/denominator` as said ("one third", "two thirds", "one half", "three
/// quarters", "thirty-one thirty-seconds", "five halves"); `None` past a denominator of 100,
/// which is read "over".
pub fn fraction(numerator: u64, denominator: u64) -> Option<String> {
    if numerator == 0 || !(2..=100).contains(&denominator) || numerator > 1000 {
        return None;
    }
    let one = match denominator {
        2 => "half".to_string(),
        4 => "quarter".to_string(),
        d => ordinal(d),
    };
    let name = if numerator == 1 {
        one
    } else if denominator == 2 {
        "halves".to_string()
    } else {
        format!("{one}s")
    };
    Some(format!("{} {name}", cardinal(numerator)))
}

/// Digits read one by one the way phone numbers are, with "oh" for zero: "0142" -> "oh one four two".
pub fn phone_digits(s: &str) -> String {
    s.chars()
        .filter_map(|c| c.to_digit(10))
        .map(|d| if d == 0 { "oh" } else { ONES[d as usize] })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A model, flight or road number read in pairs: 737 "seven thirty-seven", 101 "one oh one",
/// 380 "three eighty", 1549 "fifteen forty-nine".
pub fn paired(written: &str) -> Option<String> {
    let n: u64 = written.parse().ok()?;
    if written.starts_with('0') {
        return None;
    }
    Some(match written.len() {
        3 => {
            let (high, low) = (n / 100, n % 100);
            match low {
                0 => cardinal(n),
                1..=9 => format!("{} oh {}", cardinal(high), cardinal(low)),
                _ => format!("{} {}", cardinal(high), cardinal(low)),
            }
        }
        4 => year(n),
        _ => cardinal(n),
    })
}

/// Each digit as a word: "046" -> "zero four six".
pub fn digits(s: &str) -> String {
    s.chars()
        .filter_map(|c| c.to_digit(10))
        .map(|d| ONES[d as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A written number ("16,000", "3.5", "007") as words; `None` if it is not a plain number.
pub fn read_number(written: &str) -> Option<String> {
    let plain: String = written.chars().filter(|&c| c != ',').collect();
    let (whole, fraction) = match plain.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (plain.as_str(), None),
    };
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // Sixteen digits or more with no commas are an identifier, never said as quadrillions.
    let ungrouped_run = whole.len() >= 16 && !written.contains(',');
    let whole_words = match whole.parse::<u128>() {
        Ok(n) if (whole.len() == 1 || !whole.starts_with('0')) && !ungrouped_run => {
            big_cardinal(n).unwrap_or_else(|| digits(whole))
        }
        _ => digits(whole),
    };
    Some(match fraction {
        Some(f) if !f.is_empty() => format!("{whole_words} point {}", digits(f)),
        _ => whole_words,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cardinals_group_by_thousands() {
        assert_eq!(cardinal(16_000), "sixteen thousand");
        assert_eq!(cardinal(3_000_000), "three million");
        assert_eq!(cardinal(1_234), "one thousand two hundred thirty-four");
        assert_eq!(cardinal(0), "zero");
    }

    #[test]
    fn numbers_past_u64_are_read_to_quintillions_and_long_runs_digit_by_digit() {
        assert_eq!(
            read_number("124,444,234,854,823,834,553").as_deref(),
            Some(
                "one hundred twenty-four quintillion four hundred forty-four quadrillion two \
                 hundred thirty-four trillion eight hundred fifty-four billion eight hundred \
                 twenty-three million eight hundred thirty-four thousand five hundred fifty-three"
            )
        );
        assert_eq!(
            read_number("1234567890123124").as_deref(),
            Some("one two three four five six seven eight nine zero one two three one two four")
        );
        assert_eq!(
            read_number("1,000,000,000,000,000,000,000"),
            Some(digits("1000000000000000000000"))
        );
    }

    #[test]
    fn ordinals_change_only_the_last_word() {
        assert_eq!(ordinal(14), "fourteenth");
        assert_eq!(ordinal(22), "twenty-second");
        assert_eq!(ordinal(30), "thirtieth");
        assert_eq!(ordinal(101), "one hundred first");
    }

    #[test]
    fn years_are_read_in_pairs() {
        assert_eq!(year(2021), "twenty twenty-one");
        assert_eq!(year(2011), "twenty eleven");
        assert_eq!(year(2005), "two thousand five");
        assert_eq!(year(1905), "nineteen oh five");
        assert_eq!(year(1900), "nineteen hundred");
        assert_eq!(year(2000), "two thousand");
    }

    #[test]
    fn decades_pluralize_the_last_word() {
        assert_eq!(decade("1990").as_deref(), Some("nineteen nineties"));
        assert_eq!(decade("1800").as_deref(), Some("eighteen hundreds"));
        assert_eq!(decade("80").as_deref(), Some("eighties"));
        assert_eq!(decade("1995"), None);
    }

    #[test]
    fn common_fractions_have_names_and_others_do_not() {
        assert_eq!(fraction(1, 2).as_deref(), Some("one half"));
        assert_eq!(fraction(3, 4).as_deref(), Some("three quarters"));
        assert_eq!(fraction(2, 3).as_deref(), Some("two thirds"));
        assert_eq!(
            fraction(31, 32).as_deref(),
            Some("thirty-one thirty-seconds")
        );
        assert_eq!(fraction(5, 2).as_deref(), Some("five halves"));
        assert_eq!(fraction(1, 200), None);
    }

    #[test]
    fn model_numbers_read_in_pairs() {
        assert_eq!(paired("737").as_deref(), Some("seven thirty-seven"));
        assert_eq!(paired("101").as_deref(), Some("one oh one"));
        assert_eq!(paired("1549").as_deref(), Some("fifteen forty-nine"));
        assert_eq!(phone_digits("0142"), "oh one four two");
    }

    #[test]
    fn decimals_read_digits_after_the_point() {
        assert_eq!(read_number("3.5").unwrap(), "three point five");
        assert_eq!(read_number("16,000").unwrap(), "sixteen thousand");
    }
}
