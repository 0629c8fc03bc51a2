//! Article openings: the byline ("By Maria Chen, Metro Reporter"), the publication date
//! ("Published Tues., Nov. 18, 2025") and, in Markdown, YAML front matter (`---` / `title:` /
//! `author:` / `date:` / `---`, as Hugo, Jekyll and Obsidian write it). Bylines and dates become
//! paragraphs of their own with their own [`Role`], never merged into the lead; front matter is
//! not read, but gives the title, author and date.

use crate::model::Role;
use crate::normalize::tables::months::month_in_any_case;

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
