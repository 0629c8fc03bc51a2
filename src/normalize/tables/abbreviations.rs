//! Abbreviations written with a dot and what a narrator says for them.
//!
//! Titles before a name ("Lt. Colonel", "Dr. Diallo") and common Latin forms ("e.g.", "etc.").
//! Where the same letters mean two things ("St." saint or street, "Dr." doctor or drive), the word
//! after decides: a title stands before a capitalized name.

/// What `word` (without its dot) stands for, given whether a capitalized word follows.
pub fn expand(word: &str, before_name: bool) -> Option<&'static str> {
    let expansion = match word {
        "Mr" => "Mister",
        "Mrs" => "Missus",
        "Ms" => "Miz",
        "Dr" if before_name => "Doctor",
        "Dr" => "Drive",
        "St" if before_name => "Saint",
        "St" => "Street",
        "Lt" => "Lieutenant",
        "Col" => "Colonel",
        "Gen" => "General",
        "Maj" => "Major",
        "Capt" => "Captain",
        "Sgt" => "Sergeant",
        "Cpl" => "Corporal",
        "Adm" => "Admiral",
        "Cmdr" => "Commander",
        "Gov" => "Governor",
        "Sen" => "Senator",
        "Rep" => "Representative",
        "Pres" => "President",
        "Prof" => "Professor",
        "Rev" => "Reverend",
        "Hon" => "Honorable",
        "Fr" => "Father",
        "Jr" => "Junior",
        "Sr" => "Senior",
        "Mt" => "Mount",
        "Ft" => "Fort",
        "Ave" => "Avenue",
        "Blvd" => "Boulevard",
        "Rd" => "Road",
        "Inc" => "Incorporated",
        "Co" => "Company",
        "Corp" => "Corporation",
        "Ltd" => "Limited",
        "Bros" => "Brothers",
        "Dept" => "Department",
        "Univ" => "University",
        "vs" => "versus",
        "etc" => "et cetera",
        "approx" => "approximately",
        "est" => "established",
        "Nos" => "numbers",
        "No" => "number",
        "v" if before_name => "versus",
        "p" => "page",
        "pp" => "pages",
        "fig" => "figure",
        "figs" => "figures",
        "vol" => "volume",
        "vols" => "volumes",
        "Mon" => "Monday",
        "Tue" | "Tues" => "Tuesday",
        "Wed" => "Wednesday",
        "Thu" | "Thur" | "Thurs" => "Thursday",
        "Fri" => "Friday",
        "Sat" => "Saturday",
        "Sun" => "Sunday",
        _ => return None,
    };
    Some(expansion)
}

/// Dotted lower-case abbreviations that are one token ("e.g.").
pub fn expand_dotted(word: &str) -> Option<&'static str> {
    Some(match word {
        "e.g." => "for example",
        "i.e." => "that is",
        "a.m." => "A.M.",
        "p.m." => "P.M.",
        "et al." => "and others",
        "a.k.a." => "also known as",
        "cf." => "compare",
        _ => return None,
    })
}

/// Abbreviations that are only read as such before a number ("No. 5", "p. 12").
pub fn needs_number(word: &str) -> bool {
    matches!(
        word,
        "No" | "Nos" | "p" | "pp" | "fig" | "figs" | "vol" | "vols"
    )
}

/// Weekday abbreviations, read as such only where a date or list goes on ("Tues., Jan. 4").
pub fn is_weekday(word: &str) -> bool {
    matches!(
        word,
        "Mon" | "Tue" | "Tues" | "Wed" | "Thu" | "Thur" | "Thurs" | "Fri" | "Sat" | "Sun"
    )
}

/// Abbreviations after which a dot never ends the sentence (they stand before what they modify).
pub fn binds_forward(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "St"
            | "Lt"
            | "Col"
            | "Gen"
            | "Maj"
            | "Capt"
            | "Sgt"
            | "Cpl"
            | "Adm"
            | "Cmdr"
            | "Gov"
            | "Sen"
            | "Rep"
            | "Pres"
            | "Prof"
            | "Rev"
            | "Hon"
            | "Fr"
            | "Mt"
            | "Ft"
            | "No"
            | "Nos"
            | "vs"
            | "v"
            | "p"
            | "pp"
            | "fig"
            | "vol"
            | "approx"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saint_before_a_name_and_street_after_one() {
        assert_eq!(expand("St", true), Some("Saint"));
        assert_eq!(expand("St", false), Some("Street"));
        assert_eq!(expand("Lt", true), Some("Lieutenant"));
    }
}
