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
const SCALES: [(u64, &str); 5] = [
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

fn below_thousand(n: u64) -> String {
    match n {
        0..=19 => ONES[n as usize].to_string(),
        20..=99 => {
            let tens = TENS[(n / 10) as usize];
            if n % 10 == 0 {
                tens.to_string()
            } else {
                format!("{tens}-{}", ONES[(n % 10) as usize])
            }
        }
        _ => {
            let hundreds = format!("{} hundred", ONES[(n / 100) as usize]);
            if n % 100 == 0 {
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
    if (2000..2010).contains(&y) || y % 1000 == 0 {
        cardinal(y)
    } else if low == 0 {
        format!("{} hundred", cardinal(high))
    } else if low < 10 {
        format!("{} oh {}", cardinal(high), cardinal(low))
    } else {
        format!("{} {}", cardinal(high), cardinal(low))
    }
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
    let whole_words = match whole.parse::<u64>() {
        Ok(n) if whole.len() == 1 || !whole.starts_with('0') => cardinal(n),
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
    fn decimals_read_digits_after_the_point() {
        assert_eq!(read_number("3.5").unwrap(), "three point five");
        assert_eq!(read_number("16,000").unwrap(), "sixteen thousand");
    }
}
