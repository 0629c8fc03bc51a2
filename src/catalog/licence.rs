//! What a catalog voice may be used for, read from its Piper `MODEL_CARD`: the dataset's
//! `License:` lines and the voice it was fine-tuned from. A voice counts as cleared for
//! commercial use only when every licence is a known permissive one and it was not fine-tuned
//! from a voice of unknown or restricted terms; when in doubt it says so rather than guess.

/// Licences that allow commercial use, as model cards spell them (lower case, spaces for
/// dashes and underscores).
const PERMISSIVE: &[&str] = &[
    "cc0",
    "cc0 1.0",
    "public domain",
    "mit",
    "apache 2.0",
    "bsd",
    "cc by 4.0",
    "cc by 3.0",
    "cc by sa 4.0",
    "cc by sa 3.0",
];

/// Words that mark a licence as not for commercial use.
const RESTRICTIVE: &[&str] = &["non commercial", "noncommercial", "nc", "research only"];

/// Voices others are fine-tuned from whose corpus restricts commercial use, and why.
const RESTRICTED_BASES: &[(&str, &str)] = &[("lessac", "whose corpus allows no commercial use")];

/// The licence line for a preset and whether it allows commercial use (`None`: not known).
#[derive(Debug, Clone, PartialEq)]
pub struct Terms {
    pub licence: String,
    pub commercial: Option<bool>,
}

fn simplified(text: &str) -> String {
    text.to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads the terms from a model card's text.
pub fn from_model_card(card: &str) -> Terms {
    let mut licences: Vec<String> = Vec::new();
    let mut base: Option<String> = None;
    for line in card.lines() {
        let line = line.trim().trim_start_matches(['*', '-']).trim();
        if let Some((key, value)) = line.split_once(':') {
            let value = value.trim();
            if key.trim().eq_ignore_ascii_case("license") && !value.is_empty() {
                if !licences.iter().any(|l| l == value) {
                    licences.push(value.to_string());
                }
                continue;
            }
        }
        let lower = line.to_lowercase();
        if let Some(at) = lower
            .find("finetuned from")
            .or(lower.find("fine-tuned from"))
        {
            base = Some(line[at..].trim_end_matches('.').to_string());
        }
    }
    if licences.is_empty() {
        return Terms {
            licence: "not given in its model card".into(),
            commercial: None,
        };
    }
    let mut licence = licences.join("; ");
    let restrictive = licences.iter().any(|l| {
        let words = simplified(l);
        RESTRICTIVE
            .iter()
            .any(|r| format!(" {words} ").contains(&format!(" {r} ")))
    });
    let permissive = licences
        .iter()
        .all(|l| PERMISSIVE.contains(&simplified(l).as_str()));
    let mut commercial = if restrictive {
        Some(false)
    } else if permissive {
        Some(true)
    } else {
        None
    };
    if let Some(base) = base {
        let lower = base.to_lowercase();
        match RESTRICTED_BASES
            .iter()
            .find(|(name, _)| lower.contains(name))
        {
            Some((name, why)) => {
                licence = format!("{licence}, fine-tuned from {name}, {why}");
                commercial = Some(false);
            }
            None => {
                licence = format!("{licence}; {}", base.to_lowercase());
                if commercial == Some(true) {
                    commercial = None;
                }
            }
        }
    }
    Terms {
        licence,
        commercial,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_voice_fine_tuned_from_lessac_is_not_cleared_whatever_its_own_licence() {
        let card = "* License: CC0\n\n## Training\n\nFinetuned from U.S. English lessac voice (medium quality).\n";
        let terms = from_model_card(card);
        assert_eq!(terms.commercial, Some(false));
        assert!(terms.licence.starts_with("CC0, fine-tuned from lessac"));
    }

    #[test]
    fn a_cc0_voice_trained_from_scratch_is_cleared() {
        let terms = from_model_card("* License: CC0\n## Training\nTrained from scratch.\n");
        assert_eq!(terms.commercial, Some(true));
        assert_eq!(terms.licence, "CC0");
    }

    #[test]
    fn a_non_commercial_licence_is_not_cleared_and_an_unknown_one_is_not_guessed() {
        assert_eq!(
            from_model_card("* License: CC BY-NC-SA 4.0").commercial,
            Some(false)
        );
        assert_eq!(
            from_model_card("* License: see the dataset's site").commercial,
            None
        );
        assert_eq!(from_model_card("no licence here").commercial, None);
    }
}
