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
];

/// The unit written as `symbol`, if it is one.
pub fn find(symbol: &str) -> Option<Unit> {
    UNITS.iter().find(|(s, _)| *s == symbol).map(|(_, u)| *u)
}

/// Units whose symbol after "/" makes a rate: "km/h".
pub fn per(symbol: &str) -> Option<&'static str> {
    match symbol {
        "h" | "hr" => Some("hour"),
        "s" | "sec" => Some("second"),
        "min" => Some("minute"),
        _ => None,
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
