//! Units of measure written after a number ("5 km", "10kg", "120 mph") and what they are called.
//!
//! Symbols are case-sensitive ("MW" megawatts, "mW" would be milliwatts) and only read after a
//! number, so "in", "a" or "m" elsewhere are never taken for units.

/// A unit's spoken name, one and many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub one: &'static str,
    pub many: &'static str,
}

const fn unit(one: &'static str, many: &'static str) -> Unit {
    Unit { one, many }
}

const UNITS: &[(&str, Unit)] = &[
    ("km", unit("kilometer", "kilometers")),
    ("m", unit("meter", "meters")),
    ("cm", unit("centimeter", "centimeters")),
    ("mm", unit("millimeter", "millimeters")),
    ("kg", unit("kilogram", "kilograms")),
    ("g", unit("gram", "grams")),
    ("mg", unit("milligram", "milligrams")),
    ("lb", unit("pound", "pounds")),
    ("lbs", unit("pound", "pounds")),
    ("oz", unit("ounce", "ounces")),
    ("ft", unit("foot", "feet")),
    ("yd", unit("yard", "yards")),
    ("yds", unit("yard", "yards")),
    ("mi", unit("mile", "miles")),
    ("mph", unit("mile per hour", "miles per hour")),
    ("kph", unit("kilometer per hour", "kilometers per hour")),
    ("kW", unit("kilowatt", "kilowatts")),
    ("MW", unit("megawatt", "megawatts")),
    ("GW", unit("gigawatt", "gigawatts")),
    ("kWh", unit("kilowatt hour", "kilowatt hours")),
    ("MWh", unit("megawatt hour", "megawatt hours")),
    ("GWh", unit("gigawatt hour", "gigawatt hours")),
    ("l", unit("liter", "liters")),
    ("L", unit("liter", "liters")),
    ("ml", unit("milliliter", "milliliters")),
    ("mL", unit("milliliter", "milliliters")),
    ("ha", unit("hectare", "hectares")),
    ("KB", unit("kilobyte", "kilobytes")),
    ("MB", unit("megabyte", "megabytes")),
    ("GB", unit("gigabyte", "gigabytes")),
    ("TB", unit("terabyte", "terabytes")),
    ("Hz", unit("hertz", "hertz")),
    ("kHz", unit("kilohertz", "kilohertz")),
    ("MHz", unit("megahertz", "megahertz")),
    ("GHz", unit("gigahertz", "gigahertz")),
    ("min", unit("minute", "minutes")),
    ("mins", unit("minute", "minutes")),
    ("sec", unit("second", "seconds")),
    ("secs", unit("second", "seconds")),
    ("hr", unit("hour", "hours")),
    ("hrs", unit("hour", "hours")),
    ("yr", unit("year", "years")),
    ("yrs", unit("year", "years")),
    ("bp", unit("basis point", "basis points")),
    ("bps", unit("basis point", "basis points")),
    ("bbl", unit("barrel", "barrels")),
    ("bbls", unit("barrel", "barrels")),
    ("bpd", unit("barrel a day", "barrels a day")),
    ("kn", unit("knot", "knots")),
    ("kB", unit("kilobyte", "kilobytes")),
    ("PB", unit("petabyte", "petabytes")),
    ("kb", unit("kilobit", "kilobits")),
    ("Mb", unit("megabit", "megabits")),
    ("Gb", unit("gigabit", "gigabits")),
    ("kbps", unit("kilobit per second", "kilobits per second")),
    ("Kbps", unit("kilobit per second", "kilobits per second")),
    ("Mbps", unit("megabit per second", "megabits per second")),
    ("Gbps", unit("gigabit per second", "gigabits per second")),
    ("Tbps", unit("terabit per second", "terabits per second")),
    ("mAh", unit("milliamp hour", "milliamp hours")),
    ("cc", unit("cubic centimeter", "cubic centimeters")),
    ("ppm", unit("part per million", "parts per million")),
    ("ppb", unit("part per billion", "parts per billion")),
    ("pp", unit("percentage point", "percentage points")),
    ("ppt", unit("percentage point", "percentage points")),
    ("sqft", unit("square foot", "square feet")),
    ("acres", unit("acre", "acres")),
    ("tons", unit("ton", "tons")),
    ("t", unit("ton", "tons")),
    ("V", unit("volt", "volts")),
    ("kV", unit("kilovolt", "kilovolts")),
    ("W", unit("watt", "watts")),
    ("mi2", unit("square mile", "square miles")),
    ("mpg", unit("mile per gallon", "miles per gallon")),
    ("m2", unit("square meter", "square meters")),
    ("km2", unit("square kilometer", "square kilometers")),
    ("m3", unit("cubic meter", "cubic meters")),
];

/// Symbols whose case carries no meaning, found in any case after a number ("12KG", "3 MPH",
/// "1 mbps"); the others are case-sensitive ("MW" and "mW").
const ANY_CASE: &[&str] = &[
    "km", "cm", "mm", "kg", "mg", "lb", "lbs", "oz", "ft", "mph", "kph", "kbps", "mbps", "gbps",
    "bps", "bbl", "bpd", "kwh", "mwh", "gwh", "ghz", "mhz", "khz",
];

/// The unit written as `symbol`, if it is one.
pub fn find(symbol: &str) -> Option<Unit> {
    let exact = UNITS.iter().find(|(s, _)| *s == symbol).map(|(_, u)| *u);
    exact.or_else(|| {
        let lower = symbol.to_ascii_lowercase();
        ANY_CASE.contains(&lower.as_str()).then(|| {
            UNITS
                .iter()
                .find(|(s, _)| s.eq_ignore_ascii_case(&lower))
                .map(|(_, u)| *u)
        })?
    })
}

/// Units spelled out after a number, so a rate or an attributive form can use them: "a
/// 9-millimeter pistol", "12kg/kg".
pub fn spelled(word: &str) -> Option<Unit> {
    let lower = word.to_ascii_lowercase();
    UNITS
        .iter()
        .map(|(_, u)| *u)
        .find(|u| u.one == lower || u.many == lower)
}

/// The unit after "/" in a rate, singular: "km/h" "per hour", "12kg/kg" "per kilogram".
pub fn per(symbol: &str) -> Option<&'static str> {
    match symbol {
        "h" | "hr" => Some("hour"),
        "s" | "sec" => Some("second"),
        "min" => Some("minute"),
        "d" | "day" => Some("day"),
        "yr" | "year" => Some("year"),
        "mo" | "month" => Some("month"),
        "wk" | "week" => Some("week"),
        _ => find(symbol).map(|u| u.one),
    }
}

/// Temperature scales after a degree sign.
pub fn scale(letter: &str) -> Option<&'static str> {
    match letter {
        "C" => Some("Celsius"),
        "F" => Some("Fahrenheit"),
        "K" => Some("Kelvin"),
        _ => None,
    }
}

/// Nouns of measure written out in the singular, after which a proper fraction is "of a" one:
/// "3/4 mile" "three quarters of a mile", "½ cup" "one half of a cup".
const MEASURE_NOUNS: &[&str] = &[
    "acre",
    "cup",
    "day",
    "foot",
    "gallon",
    "hour",
    "inch",
    "liter",
    "litre",
    "meter",
    "metre",
    "mile",
    "minute",
    "month",
    "ounce",
    "pint",
    "point",
    "pound",
    "quart",
    "second",
    "tablespoon",
    "teaspoon",
    "ton",
    "tonne",
    "week",
    "yard",
    "year",
];

/// `word` is a noun of measure in the singular, and the article it takes ("a", or "an" before
/// "hour", "inch", "ounce", "acre").
pub fn measure_noun(word: &str) -> Option<&'static str> {
    let lower = word.to_lowercase();
    let article = match lower.as_str() {
        "hour" | "inch" | "ounce" | "acre" => "an",
        _ => "a",
    };
    MEASURE_NOUNS.contains(&lower.as_str()).then_some(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_are_case_sensitive() {
        assert_eq!(find("MW").map(|u| u.many), Some("megawatts"));
        assert_eq!(find("mw"), None);
        assert_eq!(find("in"), None);
    }
}
