//! Edition manifests: a TOML file listing the articles of one audio edition.
//!
//! ```toml
//! title = "Weekly Audio Edition"
//! author = "The Harbor Weekly"   # optional, as are date and description
//! date = "2024-02-16"         # ISO 8601: 2024, 2024-02, 2024-02-16 or 2024-02-16T06:00:00Z
//! cover = "cover.jpg"         # optional cover art (JPEG or PNG, checked by content)
//! voice = "espeak"            # default voice for every article
//! rate = 1.1                  # optional speaking rate, 0.5 to 3 (1: as the voices speak)
//! lexicon = "names.toml"      # optional pronunciation lexicon (or a list), relative to the manifest
//! show = "show.toml"          # optional: the podcast this edition is published in (`voxpress publish`)
//! id = "2024-02-16"           # optional: its identity in that show's feed (default: this file's name)
//! [intro]                     # optional; so is [outro]
//! audio = "theme.mp3"         # mp3, flac, ogg or wav; faded in and out
//! text = "This is the Weekly Audio Edition."   # optional, said over the music (ducked)
//! [pauses]                    # optional, milliseconds
//! sentence = 450
//! [[article]]
//! path = "mali.txt"           # relative to the manifest; .txt, .md, .html or .epub
//! title = "optional override"
//! voice = "optional override"
//! rate = 0.9                  # optional: this article's rate, in place of the edition's
//! interlude = "sting.ogg"     # optional music before this article
//! ```
//!
//! Unknown keys and bad values are errors naming the manifest's line and column.

use crate::ingest::fetch::is_address;
use crate::model::line_column;
use crate::model::{PauseTable, Rate};
use serde::Deserialize;
use std::ops::Range;
use std::path::{Path, PathBuf};
use thiserror::Error;
use toml::Spanned;

#[derive(Debug, Error)]
pub enum EditionError {
    #[error("{path}: cannot read the edition manifest ({source}); check the path")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

/// A parsed, validated manifest with article paths resolved against its folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    pub intro: Option<Music>,
    pub outro: Option<Music>,
    pub title: Option<String>,
    pub author: Option<String>,
    /// The edition's date, checked to be ISO 8601 ("2022-01-14").
    pub date: Option<String>,
    pub description: Option<String>,
    /// Cover art, checked to be a JPEG or PNG.
    pub cover: Option<crate::outputs::Cover>,
    pub voice: Option<String>,
    /// The speaking rate of every article without its own.
    pub rate: Option<Rate>,
    pub pauses: Option<PauseTable>,
    /// Pronunciation lexicons, resolved against the manifest's folder.
    pub lexicons: Vec<PathBuf>,
    pub articles: Vec<EditionArticle>,
    /// The show manifest this edition is published in, resolved against the manifest's folder.
    pub show: Option<PathBuf>,
    /// The edition's identity in its show (its feed item's GUID and file names derive from it).
    pub id: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EditionArticle {
    pub path: PathBuf,
    pub title: Option<String>,
    pub voice: Option<String>,
    pub rate: Option<Rate>,
    /// Music played before the article.
    pub interlude: Option<PathBuf>,
    /// Where the article's entry starts in the manifest (line, column), for later errors.
    pub at: (usize, usize),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    title: Option<Spanned<String>>,
    author: Option<Spanned<String>>,
    date: Option<Spanned<DateValue>>,
    description: Option<Spanned<String>>,
    cover: Option<Spanned<String>>,
    voice: Option<Spanned<String>>,
    rate: Option<Spanned<f64>>,
    pauses: Option<PauseTable>,
    lexicon: Option<Spanned<OneOrMany>>,
    show: Option<Spanned<String>>,
    id: Option<Spanned<String>>,
    intro: Option<MusicEntry>,
    outro: Option<MusicEntry>,
    #[serde(default)]
    article: Vec<Spanned<ArticleEntry>>,
}

/// A date as a string, or as a TOML date written without quotes.
#[derive(Deserialize)]
#[serde(untagged)]
enum DateValue {
    Text(String),
    Toml(toml::value::Datetime),
}

/// Extensions of the files an edition can list as articles.
const ARTICLE_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "mdown", "html", "htm", "xhtml", "epub",
];

/// True for an ISO 8601 date or date and time: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, optionally
/// followed by `THH:MM`, seconds, fractions and a zone (`Z` or `+HH:MM`).
pub fn is_iso_date(text: &str) -> bool {
    let (date, time) = match text.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let number = |s: &str| s.parse::<u32>().unwrap_or(0);
    let ok_date = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&number(m)),
        [y, m, d] => {
            let days = match number(m) {
                2 => 29,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            digits(y, 4)
                && digits(m, 2)
                && (1..=12).contains(&number(m))
                && digits(d, 2)
                && (1..=days).contains(&number(d))
        }
        _ => false,
    };
    let Some(time) = time else {
        return ok_date;
    };
    if parts.len() != 3 || !ok_date {
        return false;
    }
    let (clock, zone) = match time.find(['Z', 'z', '+', '-']) {
        Some(at) => time.split_at(at),
        None => (time, ""),
    };
    let (clock, _fraction) = match clock.split_once('.') {
        Some((c, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => (c, f),
        Some(_) => return false,
        None => (clock, ""),
    };
    let fields: Vec<&str> = clock.split(':').collect();
    let ok_clock = matches!(fields.len(), 2 | 3)
        && fields.iter().all(|f| digits(f, 2))
        && number(fields[0]) <= 23
        && number(fields[1]) <= 59
        && fields.get(2).is_none_or(|s| number(s) <= 60);
    let ok_zone = match zone {
        "" | "Z" | "z" => true,
        z => {
            let hm = &z[1..];
            let (h, m) = hm.split_once(':').unwrap_or((hm, "00"));
            digits(h, 2) && digits(m, 2) && number(h) <= 23 && number(m) <= 59
        }
    };
    ok_clock && ok_zone
}

/// True for an episode identity that can name files and URLs as it is: ASCII letters, digits,
/// `-`, `_` and `.`, not starting with a dot, at most 100 characters.
pub fn is_episode_id(id: &str) -> bool {
    (1..=100).contains(&id.len())
        && !id.starts_with('.')
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleEntry {
    path: Option<Spanned<String>>,
    url: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    voice: Option<Spanned<String>>,
    rate: Option<Spanned<f64>>,
    interlude: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MusicEntry {
    audio: Spanned<String>,
    text: Option<String>,
}

/// Music for the intro or outro, with words to say over it.
#[derive(Debug, Clone, PartialEq)]
pub struct Music {
    pub audio: PathBuf,
    pub text: Option<String>,
}

/// The file of an article listed by `path`, checked: present, not the manifest itself, and of a
/// kind voxpress reads.
fn article_file(
    path: &Spanned<String>,
    base: &Path,
    manifest_path: Option<&Path>,
    invalid: &dyn Fn(Range<usize>, String) -> EditionError,
) -> Result<PathBuf, EditionError> {
    let relative = path.get_ref().trim();
    if relative.is_empty() {
        return Err(invalid(
            path.span(),
            "article path must not be empty".into(),
        ));
    }
    let resolved = base.join(relative);
    if !resolved.is_file() {
        return Err(invalid(
            path.span(),
            format!(
                "article file {} does not exist (paths are relative to the manifest)",
                resolved.display()
            ),
        ));
    }
    let is_self = manifest_path
        .is_some_and(|m| std::fs::canonicalize(m).ok() == std::fs::canonicalize(&resolved).ok());
    if is_self {
        return Err(invalid(
            path.span(),
            format!(
                "article {} is this manifest itself; list the articles' own files",
                resolved.display()
            ),
        ));
    }
    let extension = resolved
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !ARTICLE_EXTENSIONS.contains(&extension.as_str()) {
        return Err(invalid(
            path.span(),
            format!(
                "article {} is not an article file; list .txt, .md, .html or .epub files",
                resolved.display()
            ),
        ));
    }
    Ok(resolved)
}

/// Reads and validates the manifest at `path`.
pub fn read(path: &Path) -> Result<Edition, EditionError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| EditionError::Read {
        path: name.clone(),
        source,
    })?;
    parse_manifest(
        &name,
        &text,
        path.parent().unwrap_or(Path::new(".")),
        Some(path),
    )
}

/// Parses manifest text; article paths are resolved against `base`.
pub fn parse(name: &str, text: &str, base: &Path) -> Result<Edition, EditionError> {
    parse_manifest(name, text, base, None)
}

/// Parses manifest text read from `manifest_path`, which no article may be.
fn parse_manifest(
    name: &str,
    text: &str,
    base: &Path,
    manifest_path: Option<&Path>,
) -> Result<Edition, EditionError> {
    let invalid = |span: Range<usize>, message: String| {
        let (line, column) = line_column(text, span.start);
        EditionError::Invalid {
            path: name.to_string(),
            line,
            column,
            message,
        }
    };
    let manifest: Manifest =
        crate::model::parse_toml(text).map_err(|(line, column, message)| {
            EditionError::Invalid {
                path: name.to_string(),
                line,
                column,
                message,
            }
        })?;
    let non_empty =
        |field: &Option<Spanned<String>>, what: &str| -> Result<Option<String>, EditionError> {
            match field {
                Some(value) if value.get_ref().trim().is_empty() => {
                    Err(invalid(value.span(), format!("{what} must not be empty")))
                }
                Some(value) => Ok(Some(value.get_ref().trim().to_string())),
                None => Ok(None),
            }
        };
    if manifest.article.is_empty() {
        return Err(invalid(
            text.len()..text.len(),
            "the edition lists no articles; add [[article]] entries with a path".into(),
        ));
    }
    if let Some(pauses) = manifest.pauses.filter(|p| !p.is_ordered()) {
        let at = text.find("[pauses]").unwrap_or(0);
        return Err(invalid(at..at, format!("pauses must grow with the boundary (clause <= sentence <= paragraph <= section <= article), got {pauses:?}")));
    }
    let existing = |file: &Spanned<String>, what: &str| -> Result<PathBuf, EditionError> {
        let resolved = base.join(file.get_ref().trim());
        if resolved.is_file() {
            Ok(resolved)
        } else {
            Err(invalid(
                file.span(),
                format!(
                    "{what} {} does not exist (paths are relative to the manifest)",
                    resolved.display()
                ),
            ))
        }
    };
    let music = |entry: &Option<MusicEntry>, what: &str| -> Result<Option<Music>, EditionError> {
        entry
            .as_ref()
            .map(|m| {
                Ok(Music {
                    audio: existing(&m.audio, what)?,
                    text: m.text.clone().filter(|t| !t.trim().is_empty()),
                })
            })
            .transpose()
    };
    let rate = |value: &Option<Spanned<f64>>| -> Result<Option<Rate>, EditionError> {
        value
            .as_ref()
            .map(|v| Rate::new(*v.get_ref()).map_err(|message| invalid(v.span(), message)))
            .transpose()
    };
    let intro = music(&manifest.intro, "intro music")?;
    let outro = music(&manifest.outro, "outro music")?;
    let mut articles = Vec::new();
    for entry in &manifest.article {
        let span = entry.span();
        let entry = entry.get_ref();
        let resolved = match (&entry.path, &entry.url) {
            (Some(path), None) if is_address(path.get_ref()) => {
                PathBuf::from(path.get_ref().trim())
            }
            (Some(path), None) => article_file(path, base, manifest_path, &invalid)?,
            (None, Some(url)) if is_address(url.get_ref()) => PathBuf::from(url.get_ref().trim()),
            (None, Some(url)) => {
                return Err(invalid(
                    url.span(),
                    "an article's url must start with https:// or http://".into(),
                ))
            }
            (Some(_), Some(url)) => {
                return Err(invalid(
                    url.span(),
                    "an article has a path (a file) or a url (a web page), not both".into(),
                ))
            }
            (None, None) => {
                return Err(invalid(
                    span,
                    "an article needs a path (a file) or a url (a web page)".into(),
                ))
            }
        };
        let interlude = match &entry.interlude {
            Some(file) => Some(existing(file, "interlude music")?),
            None => None,
        };
        articles.push(EditionArticle {
            interlude,
            path: resolved,
            title: non_empty(&entry.title, "article title")?,
            voice: non_empty(&entry.voice, "article voice")?,
            rate: rate(&entry.rate)?,
            at: line_column(text, span.start),
        });
    }
    let mut lexicons = Vec::new();
    if let Some(lexicon) = &manifest.lexicon {
        let files = match lexicon.get_ref() {
            OneOrMany::One(f) => vec![f.clone()],
            OneOrMany::Many(fs) => fs.clone(),
        };
        for file in files {
            let resolved = base.join(file.trim());
            if !resolved.is_file() {
                return Err(invalid(
                    lexicon.span(),
                    format!(
                        "lexicon {} does not exist (paths are relative to the manifest)",
                        resolved.display()
                    ),
                ));
            }
            lexicons.push(resolved);
        }
    }
    Ok(Edition {
        intro,
        outro,
        lexicons,
        author: non_empty(&manifest.author, "author")?,
        date: match &manifest.date {
            None => None,
            Some(value) => {
                let text = match value.get_ref() {
                    DateValue::Text(t) => t.trim().to_string(),
                    DateValue::Toml(d) => d.to_string(),
                };
                if !is_iso_date(&text) {
                    return Err(invalid(
                        value.span(),
                        format!(
                            "date \"{text}\" is not an ISO 8601 date; write it as \"2024-02-16\" \
                             (or \"2024-02\", \"2024\", \"2024-02-16T06:00:00Z\")"
                        ),
                    ));
                }
                Some(text)
            }
        },
        description: non_empty(&manifest.description, "description")?,
        cover: match &manifest.cover {
            Some(file) => {
                let path = existing(file, "cover image")?;
                Some(
                    crate::outputs::Cover::load(&path)
                        .map_err(|e| invalid(file.span(), e.to_string()))?,
                )
            }
            None => None,
        },
        show: match &manifest.show {
            Some(file) => Some(existing(file, "show manifest")?),
            None => None,
        },
        id: match &manifest.id {
            Some(id) if !is_episode_id(id.get_ref().trim()) => {
                return Err(invalid(
                    id.span(),
                    format!(
                        "id \"{}\" must be letters, digits, '-', '_' or '.' (it names the \
                         published files), such as \"2024-02-16\"",
                        id.get_ref()
                    ),
                ))
            }
            Some(id) => Some(id.get_ref().trim().to_string()),
            None => None,
        },
        title: non_empty(&manifest.title, "title")?,
        voice: non_empty(&manifest.voice, "voice")?,
        rate: rate(&manifest.rate)?,
        pauses: manifest.pauses,
        articles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_pass_and_anything_else_does_not() {
        for good in [
            "2024",
            "2024-02",
            "2024-02-16",
            "2024-02-29",
            "2024-02-16T06:00",
            "2024-02-16T06:00:00Z",
            "2024-02-16T06:00:00.5+01:00",
        ] {
            assert!(is_iso_date(good), "{good}");
        }
        for bad in [
            "banana",
            "bana",
            "16/02/2024",
            "2024-13-01",
            "2024-04-31",
            "2024-2-16",
            "2024-02-16T25:00",
            "",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }

    fn error_of(text: &str) -> String {
        parse("e.toml", text, Path::new("."))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line_and_column() {
        let err = error_of("title = \"T\"\nvoise = \"espeak\"\n");
        assert!(
            err.starts_with("e.toml:2:1: unknown field `voise`"),
            "{err}"
        );
    }

    #[test]
    fn a_missing_article_file_points_at_its_path_value() {
        let err = error_of("[[article]]\npath = \"nope.txt\"\n");
        assert!(err.starts_with("e.toml:2:8:"), "{err}");
        assert!(err.contains("does not exist"), "{err}");
    }

    #[test]
    fn a_value_of_the_wrong_type_is_an_error() {
        let err = error_of("title = 5\n[[article]]\npath = \"x\"\n");
        assert!(err.starts_with("e.toml:1:9:"), "{err}");
    }
}
