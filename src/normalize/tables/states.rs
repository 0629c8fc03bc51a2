//! United States states as news copy writes them: the AP abbreviations ("Calif.", "N.Y.",
//! "W.Va."), the two-letter postal codes ("CA") and the eight names AP never shortens ("Texas").
//!
//! Used to read party-and-state tags ("Sen. Maria Lopez, D-Calif., said") and a city's state
//! ("Fresno, Calif., police said"). Some abbreviations are also ordinary words ("Pa.", "Mass.",
//! "Ill."); [`State::plain_word`] marks them so a reader can ask for stronger context.

/// One state and the ways it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub name: &'static str,
    /// The AP abbreviation without its final dot ("Calif", "N.Y", "W.Va"); `None` for the states
    /// AP writes out.
    pub abbreviation: Option<&'static str>,
    pub postal: &'static str,
}

impl State {
    /// The abbreviation is also a word or a name on its own ("Pa", "Mass", "Ill", "Miss").
    pub fn plain_word(&self) -> bool {
        matches!(
            self.abbreviation,
            Some("Pa" | "La" | "Mo" | "Miss" | "Mass" | "Ill" | "Ind" | "Wash" | "Del" | "Ore")
        )
    }
}

const fn state(name: &'static str, abbreviation: &'static str, postal: &'static str) -> State {
    State {
        name,
        abbreviation: Some(abbreviation),
        postal,
    }
}

const fn whole(name: &'static str, postal: &'static str) -> State {
    State {
        name,
        abbreviation: None,
        postal,
    }
}

pub const STATES: &[State] = &[
    state("Alabama", "Ala", "AL"),
    whole("Alaska", "AK"),
    state("Arizona", "Ariz", "AZ"),
    state("Arkansas", "Ark", "AR"),
    state("California", "Calif", "CA"),
    state("Colorado", "Colo", "CO"),
    state("Connecticut", "Conn", "CT"),
    state("Delaware", "Del", "DE"),
    state("Florida", "Fla", "FL"),
    state("Georgia", "Ga", "GA"),
    whole("Hawaii", "HI"),
    whole("Idaho", "ID"),
    state("Illinois", "Ill", "IL"),
    state("Indiana", "Ind", "IN"),
    whole("Iowa", "IA"),
    state("Kansas", "Kan", "KS"),
    state("Kentucky", "Ky", "KY"),
    state("Louisiana", "La", "LA"),
    whole("Maine", "ME"),
    state("Maryland", "Md", "MD"),
    state("Massachusetts", "Mass", "MA"),
    state("Michigan", "Mich", "MI"),
    state("Minnesota", "Minn", "MN"),
    state("Mississippi", "Miss", "MS"),
    state("Missouri", "Mo", "MO"),
    state("Montana", "Mont", "MT"),
    state("Nebraska", "Neb", "NE"),
    state("Nevada", "Nev", "NV"),
    state("New Hampshire", "N.H", "NH"),
    state("New Jersey", "N.J", "NJ"),
    state("New Mexico", "N.M", "NM"),
    state("New York", "N.Y", "NY"),
    state("North Carolina", "N.C", "NC"),
    state("North Dakota", "N.D", "ND"),
    whole("Ohio", "OH"),
    state("Oklahoma", "Okla", "OK"),
    state("Oregon", "Ore", "OR"),
    state("Pennsylvania", "Pa", "PA"),
    state("Rhode Island", "R.I", "RI"),
    state("South Carolina", "S.C", "SC"),
    state("South Dakota", "S.D", "SD"),
    state("Tennessee", "Tenn", "TN"),
    whole("Texas", "TX"),
    whole("Utah", "UT"),
    state("Vermont", "Vt", "VT"),
    state("Virginia", "Va", "VA"),
    state("Washington", "Wash", "WA"),
    state("West Virginia", "W.Va", "WV"),
    state("Wisconsin", "Wis", "WI"),
    state("Wyoming", "Wyo", "WY"),
];

/// The state whose AP abbreviation is `written` without its final dot ("Calif", "N.Y").
pub fn by_abbreviation(written: &str) -> Option<&'static State> {
    STATES.iter().find(|s| s.abbreviation == Some(written))
}

/// The state with this postal code ("CA") or this name written out ("Texas", "New York").
pub fn by_postal_or_name(written: &str) -> Option<&'static State> {
    STATES
        .iter()
        .find(|s| s.postal == written || s.name == written)
}

/// The party a one-letter tag stands for, as a narrator says it.
pub fn party(letter: &str) -> Option<&'static str> {
    Some(match letter {
        "D" => "Democrat",
        "R" => "Republican",
        "I" => "Independent",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_is_listed_once_with_a_distinct_postal_code() {
        assert_eq!(STATES.len(), 50);
        let mut codes: Vec<_> = STATES.iter().map(|s| s.postal).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 50);
    }

    #[test]
    fn abbreviations_and_codes_find_their_state() {
        assert_eq!(by_abbreviation("Calif").unwrap().name, "California");
        assert_eq!(by_abbreviation("W.Va").unwrap().name, "West Virginia");
        assert_eq!(by_postal_or_name("NY").unwrap().name, "New York");
        assert_eq!(by_postal_or_name("Texas").unwrap().postal, "TX");
        assert!(by_abbreviation("Texas").is_none());
    }
}
