//! Reader precedence, in one place: for a token of each kind, the readers that may say it, in
//! the order they are asked. The first that recognises its class at that token says it and
//! reports how many tokens it used; the last of each list always reads, so every token is said.
//!
//! Before any of them, for a token of any kind where a word may start, the lexicon is
//! consulted (`Reader::lexicon_entry`): an entry beats every rule. And at the start of the
//! text a dateline is looked for (`Reader::dateline`), which makes its place's capitals a name.
//!
//! The order is the rule: more specific context first. A
//! phone number beats a range ("555-0142" is not "555 to 142"); a date beats a fraction
//! ("10/14" is October fourteenth); a measure beats a bare cardinal.

use super::Reader;

/// A reader: says the class it recognises at token `i` and returns how many tokens it used, or
/// `None` to let the next reader try.
pub(super) type ReadAt<'t, 'a> = fn(&mut Reader<'t, 'a>, usize) -> Option<usize>;

/// Readers for a word token.
pub(super) fn word_readers<'t, 'a>() -> [(&'static str, ReadAt<'t, 'a>); 16] {
    [
        ("street type ending an address", Reader::street_type_word),
        (
            "unit in a building, as in Apt. 3B",
            Reader::unit_in_building,
        ),
        ("party tag, as in (D-N.Y.)", Reader::party_tag),
        ("a city's state", Reader::state_after_city),
        (
            "dotted initialism or Latin abbreviation",
            Reader::dotted_word,
        ),
        ("date or weekday", Reader::date),
        (
            "money with a currency word before it",
            Reader::money_with_prefix,
        ),
        (
            "fiscal year or half, as in FY2025 and H1",
            Reader::fiscal_period,
        ),
        ("code of letters and digits", Reader::code),
        ("abbreviation with its dot", Reader::abbreviation),
        ("roman numeral", Reader::roman_numeral),
        ("doctorate", Reader::doctorate),
        ("period over period", Reader::period_over_period),
        ("keyword texted, as in text OUT to", Reader::texted_keyword),
        ("initialism or acronym", Reader::capitals),
        ("plain word", Reader::plain_word),
    ]
}

/// Readers for a number token.
pub(super) fn number_readers<'t, 'a>() -> [(&'static str, ReadAt<'t, 'a>); 25] {
    [
        ("phone number", Reader::phone_number),
        (
            "digits joined by dots: a phone or IP address",
            Reader::dotted_digits,
        ),
        (
            "digits read one by one, as in card ending in 8876",
            Reader::digit_string,
        ),
        ("dialed number, as in 1-800", Reader::dialed_number),
        ("numeric date", Reader::numeric_date),
        ("clock time", Reader::clock),
        ("house number of a street address", Reader::house_number),
        ("day before a month", Reader::day_before_month),
        ("ordinal", Reader::ordinal_number),
        (
            "quarter or half of a year, as in 2Q22",
            Reader::period_of_year,
        ),
        ("retirement plan, as in 401(k)", Reader::tax_code_plan),
        ("multiple or size, as in 10x and 2x4", Reader::multiplier),
        ("decade", Reader::decade_number),
        (
            "year before its era, as in 340 A.D.",
            Reader::year_before_era,
        ),
        ("percent", Reader::percent),
        ("model number", Reader::model_number),
        ("range", Reader::range),
        ("fraction", Reader::fraction_number),
        ("version", Reader::version),
        ("hour of the day", Reader::hour_of_day),
        ("scaled number, as in 3.5 million", Reader::scaled),
        ("measure", Reader::measure),
        ("postal code", Reader::postal_code),
        ("year", Reader::year_number),
        ("cardinal", Reader::cardinal_number),
    ]
}

impl Reader<'_, '_> {
    /// The first reader of `readers` that says token `i`.
    pub(super) fn first_reading<'t, 'a, const N: usize>(
        this: &mut Reader<'t, 'a>,
        readers: [(&'static str, ReadAt<'t, 'a>); N],
        i: usize,
    ) -> usize {
        readers
            .iter()
            .find_map(|(_, read)| read(this, i))
            .unwrap_or(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reader_is_named_once() {
        let mut names: Vec<&str> = word_readers()
            .iter()
            .chain(number_readers().iter())
            .map(|(name, _)| *name)
            .collect();
        let all = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), all);
    }
}
