//! Article openings: the byline ("By Maria Chen, Metro Reporter"), the publication date
//! ("Published Tues., Nov. 18, 2025") and, in Markdown, YAML front matter (`---` / `title:` /
//! `author:` / `date:` / `---`, as Hugo, Jekyll and Obsidian write it). Bylines and dates become
//! paragraphs of their own with their own [`Role`], never merged into the lead; so does the
//! dateline that opens the first paragraph ("WASHINGTON —", "BAMAKO, Mali (AP) —"). Front
//! matter is not read, but gives the title, author and date.

use crate::model::{Document, Role};
use crate::normalize::tables::initialisms::is_known;
use crate::normalize::tables::months::month_in_any_case;

/// At most this many words name a dateline's place ("SALT LAKE CITY", "RIO DE JANEIRO").
const MAX_PLACE_WORDS: usize = 4;

/// Most words a byline or date line has.
const MAX_OPENING_WORDS: usize = 12;

/// Words that open a publication date line.
const DATE_OPENERS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last updated",
    "first published",
    "originally published",
];

/// The role of a line near the top of an article, if it is a byline or a publication date.
pub fn opening_role(line: &str) -> Option<Role> {
    let line = line.trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_OPENING_WORDS {
        return None;
    }
    let lower = line.to_lowercase();
    let by = ["by ", "story by ", "written by ", "words by "]
        .iter()
        .find(|b| lower.starts_with(*b))
        .map(|b| b.len());
    if let Some(at) = by {
        let name = &line[at..];
        let named = name.starts_with(|c: char| c.is_uppercase());
        // A byline names people; a sentence ("By noon the crowd had gone.") ends with a stop.
        let sentence = name.trim_end().ends_with(['.', '!', '?'])
            && !name.trim_end().ends_with(" Jr.")
            && name.split_whitespace().last().is_none_or(|w| w.len() > 3);
        return (named && !sentence).then_some(Role::Byline);
    }
    let opener = DATE_OPENERS
        .iter()
        .any(|o| lower.starts_with(o) && lower[o.len()..].starts_with([' ', ':']));
    let has_month = words
        .iter()
        .any(|w| month_in_any_case(w.trim_matches(|c: char| !c.is_alphabetic())).is_some());
    let has_year = line
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    let dated = has_month && (has_year || opener) && words.len() <= 8;
    ((opener && (has_month || has_year)) || (dated && !line.ends_with(['!', '?'])))
        .then_some(Role::PublicationDate)
}

/// Makes the dateline opening the article's first body paragraph a paragraph of its own, with
/// [`Role::Dateline`]; its dash stays with it (the normalizer reads "WASHINGTON —" as
/// "Washington.").
pub fn split_dateline(document: &mut Document) {
    let Some(section) = document.sections.first_mut() else {
        return;
    };
    let Some(at) = section.paragraphs.iter().position(|p| p.role == Role::Body) else {
        return;
    };
    let Some(len) = dateline_len(&section.paragraphs[at].text) else {
        return;
    };
    let rest = section.paragraphs[at].split_off(len);
    section.paragraphs[at].role = Role::Dateline;
    if rest.text.chars().any(char::is_alphanumeric) {
        section.paragraphs.insert(at + 1, rest);
    }
}

/// The length of the dateline `text` opens with, through its dash: a place in capitals (one
/// to four words), maybe a region (", Mali", ", Calif.") and a wire tag ("(AP)"), then a dash
/// ("—", "–", "--", or " - "). A known initialism alone ("NATO — ...") is not a place.
pub fn dateline_len(text: &str) -> Option<usize> {
    let capitals = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars()
                .all(|c| c.is_uppercase() || c == '\'' || c == '\u{2019}')
    };
    let mut at = 0;
    let mut words = 0;
    for word in text.split(' ') {
        let bare = word.trim_end_matches(',');
        if words == MAX_PLACE_WORDS || !capitals(bare) {
            break;
        }
        words += 1;
        at += bare.len();
        if bare.len() < word.len() {
            break;
        }
        at += 1;
    }
    if words == 0 {
        return None;
    }
    let place = text[..at.min(text.len())].trim_end();
    if words == 1 && is_known(place) {
        return None;
    }
    let mut rest = &text[place.len()..];
    // ", Mali" or ", Calif.": one or two words with capitals.
    if let Some(region) = rest.strip_prefix(", ") {
        let mut taken = 0;
        for word in region.split(' ').take(2) {
            let shaped = word.starts_with(|c: char| c.is_uppercase())
                && word.trim_end_matches('.').chars().all(char::is_alphabetic);
            if !shaped || word.is_empty() {
                break;
            }
            taken += word.len() + 1;
        }
        if taken == 0 {
            return None;
        }
        rest = &region[(taken - 1).min(region.len())..];
    }
    // "(AP)", "(Reuters)".
    let trimmed = rest.trim_start_matches(' ');
    if let Some(tag) = trimmed.strip_prefix('(') {
        let close = tag.find(')').filter(|&c| c <= 20)?;
        rest = &tag[close + 1..];
    }
    let spaced = rest.len() - rest.trim_start_matches(' ').len();
    let dash = &rest[spaced..];
    let dash_len = ["\u{2014}", "\u{2013}", "--"]
        .iter()
        .find(|d| dash.starts_with(*d))
        .map(|d| d.len())
        .or_else(|| (dash.starts_with("- ") && spaced > 0).then_some(1))?;
    Some(text.len() - dash.len() + dash_len)
}

/// What YAML front matter says about an article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    /// Bytes of the text the front matter takes, its closing line included.
    pub len: usize,
}

/// Front matter at the very start of `text`: `---`, lines of `key: value`, then `---` or `...`.
pub fn front_matter(text: &str) -> Option<FrontMatter> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let skipped = text.len() - body.len();
    let mut lines = body.split_inclusive('\n');
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut front = FrontMatter::default();
    let mut len = skipped + 4;
    for line in lines {
        len += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            front.len = len;
            return Some(front);
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        let value = unquote(value.trim());
        if value.is_empty() || key.starts_with([' ', '\t']) {
            continue;
        }
        let slot = match key.trim().to_lowercase().as_str() {
            "title" => &mut front.title,
            "author" | "authors" | "byline" => &mut front.author,
            "date" | "published" | "pubdate" => &mut front.date,
            _ => continue,
        };
        slot.get_or_insert_with(|| value.to_string());
    }
    None
}

/// `"A title"` or `'A title'` or `[Ann, Bo]` -> the text inside.
fn unquote(value: &str) -> &str {
    for (open, close) in [('"', '"'), ('\'', '\''), ('[', ']')] {
        if let Some(inner) = value.strip_prefix(open).and_then(|v| v.strip_suffix(close)) {
            return inner.trim();
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_and_dates_are_told_from_sentences() {
        assert_eq!(
            opening_role("By Maria Chen, Metro Reporter"),
            Some(Role::Byline)
        );
        assert_eq!(opening_role("By MARIA CHEN"), Some(Role::Byline));
        assert_eq!(opening_role("By noon the crowd had gone home."), None);
        assert_eq!(
            opening_role("Published Tues., Nov. 18, 2025"),
            Some(Role::PublicationDate)
        );
        assert_eq!(
            opening_role("Updated: 2025-11-18"),
            Some(Role::PublicationDate)
        );
        assert_eq!(
            opening_role("November 18, 2025"),
            Some(Role::PublicationDate)
        );
        assert_eq!(
            opening_role("The council met on Nov. 18, 2025, to vote on it."),
            None
        );
    }

    #[test]
    fn datelines_are_told_from_leads_in_capitals() {
        fn len(t: &str) -> Option<&str> {
            dateline_len(t).map(|n| &t[..n])
        }
        assert_eq!(len("WASHINGTON — The Senate"), Some("WASHINGTON —"));
        assert_eq!(len("NEW YORK (AP) — Stocks rose"), Some("NEW YORK (AP) —"));
        assert_eq!(len("BAMAKO, Mali — Troops"), Some("BAMAKO, Mali —"));
        assert_eq!(
            len("LOS ANGELES, Calif. -- A fire"),
            Some("LOS ANGELES, Calif. --")
        );
        assert_eq!(len("PARIS - The talks"), Some("PARIS -"));
        assert_eq!(len("NATO — The alliance"), None);
        assert_eq!(len("The Senate — in a rare vote"), None);
        assert_eq!(len("WASHINGTON"), None);
    }

    #[test]
    fn front_matter_gives_title_author_and_date() {
        let text = "---\ntitle: \"Budget Passes\"\nauthor: Maria Chen\ndate: 2025-11-18\ntags: [a]\n---\n# Ignored\n";
        let front = front_matter(text).unwrap();
        assert_eq!(front.title.as_deref(), Some("Budget Passes"));
        assert_eq!(front.author.as_deref(), Some("Maria Chen"));
        assert_eq!(front.date.as_deref(), Some("2025-11-18"));
        assert_eq!(&text[front.len..], "# Ignored\n");
        assert_eq!(front_matter("--- not front matter\n"), None);
        assert_eq!(front_matter("---\ntitle: never closed\n"), None);
    }
}
