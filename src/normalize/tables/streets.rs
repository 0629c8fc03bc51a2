//! Street types and compass points of US street addresses, as written and as said.

/// The street type a word abbreviates or names, in any case: "St" "Street", "Ave" "Avenue",
/// "Expy" "Expressway". Only read as such inside an address (after a house number and a name).
pub fn street_type(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_lowercase().as_str() {
        "st" | "street" => "Street",
        "ave" | "av" | "avenue" => "Avenue",
        "blvd" | "boulevard" => "Boulevard",
        "rd" | "road" => "Road",
        "dr" | "drive" => "Drive",
        "ln" | "lane" => "Lane",
        "ct" | "court" => "Court",
        "pl" | "place" => "Place",
        "ter" | "terr" | "terrace" => "Terrace",
        "cir" | "circle" => "Circle",
        "pkwy" | "parkway" => "Parkway",
        "hwy" | "highway" => "Highway",
        "expy" | "expwy" | "expressway" => "Expressway",
        "fwy" | "freeway" => "Freeway",
        "sq" | "square" => "Square",
        "trl" | "trail" => "Trail",
        "way" => "Way",
        "plz" | "plaza" => "Plaza",
        "aly" | "alley" => "Alley",
        "hts" | "heights" => "Heights",
        "pike" => "Pike",
        _ => return None,
    })
}

/// A compass point written before or after a street name: "N" "North", "NE" "Northeast".
pub fn compass_point(word: &str) -> Option<&'static str> {
    Some(match word {
        "N" => "North",
        "S" => "South",
        "E" => "East",
        "W" => "West",
        "NE" => "Northeast",
        "NW" => "Northwest",
        "SE" => "Southeast",
        "SW" => "Southwest",
        _ => return None,
    })
}

/// Words for the unit inside a building: "Apt. 3B" "apartment three B", "Ste. 200".
pub fn unit_in_building(word: &str) -> Option<&'static str> {
    Some(match word {
        "Apt" | "apt" | "APT" => "apartment",
        "Ste" | "ste" | "STE" => "suite",
        "Fl" => "floor",
        "Bldg" | "bldg" => "building",
        "Rm" | "rm" => "room",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn street_types_are_found_in_any_case_and_compass_points_in_capitals() {
        assert_eq!(street_type("ST"), Some("Street"));
        assert_eq!(street_type("Expy"), Some("Expressway"));
        assert_eq!(compass_point("NW"), Some("Northwest"));
        assert_eq!(compass_point("n"), None);
        assert_eq!(unit_in_building("Apt"), Some("apartment"));
    }
}
