//! Edition manifests: a TOML file listing the articles of one audio edition.
//!
//! ```toml
//! title = "Weekly Audio Edition"
//! author = "The Harbor Weekly"   # optional, as are date and description
//! date = "2024-02-16"
//! cover = "cover.jpg"         # optional cover art for the MP3
//! voice = "espeak"            # default voice for every article
//! lexicon = "names.toml"      # optional pronunciation lexicon (or a list), relative to the manifest
//! [intro]                     # optional; so is [outro]
//! audio = "theme.mp3"         # mp3, flac, ogg or wav; faded in and out
//! text = "This is the Weekly Audio Edition."   # optional, said over the music (ducked)
//! [pauses]                    # optional, milliseconds
//! sentence = 450
//! [[article]]
//! path = "mali.txt"           # relative to the manifest
//! title = "optional override"
//! voice = "optional override"
//! interlude = "sting.ogg"     # optional music before this article
//! ```
//!
//! Unknown keys and bad values are errors naming the manifest's line and column.

use crate::model::line_column;
use crate::model::PauseTable;
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
    /// The edition's date as written ("2022-01-14").
    pub date: Option<String>,
    pub description: Option<String>,
    /// Cover art (JPEG or PNG) for the MP3's tag.
    pub cover: Option<PathBuf>,
    pub voice: Option<String>,
    pub pauses: Option<PauseTable>,
    /// Pronunciation lexicons, resolved against the manifest's folder.
    pub lexicons: Vec<PathBuf>,
    pub articles: Vec<EditionArticle>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EditionArticle {
    pub path: PathBuf,
    pub title: Option<String>,
    pub voice: Option<String>,
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
    date: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
    cover: Option<Spanned<String>>,
    voice: Option<Spanned<String>>,
    pauses: Option<PauseTable>,
    lexicon: Option<Spanned<OneOrMany>>,
    intro: Option<MusicEntry>,
    outro: Option<MusicEntry>,
    #[serde(default)]
    article: Vec<Spanned<ArticleEntry>>,
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
    path: Spanned<String>,
    title: Option<Spanned<String>>,
    voice: Option<Spanned<String>>,
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

/// Reads and validates the manifest at `path`.
pub fn read(path: &Path) -> Result<Edition, EditionError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| EditionError::Read {
        path: name.clone(),
        source,
    })?;
    parse(&name, &text, path.parent().unwrap_or(Path::new(".")))
}

/// Parses manifest text; article paths are resolved against `base`.
pub fn parse(name: &str, text: &str, base: &Path) -> Result<Edition, EditionError> {
    let invalid = |span: Range<usize>, message: String| {
        let (line, column) = line_column(text, span.start);
        EditionError::Invalid {
            path: name.to_string(),
            line,
            column,
            message,
        }
    };
    let manifest: Manifest = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        invalid(span, e.message().trim().to_string())
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
    let intro = music(&manifest.intro, "intro music")?;
    let outro = music(&manifest.outro, "outro music")?;
    let mut articles = Vec::new();
    for entry in &manifest.article {
        let span = entry.span();
        let entry = entry.get_ref();
        let relative = entry.path.get_ref().trim();
        if relative.is_empty() {
            return Err(invalid(
                entry.path.span(),
                "article path must not be empty".into(),
            ));
        }
        let resolved = base.join(relative);
        if !resolved.is_file() {
            return Err(invalid(
                entry.path.span(),
                format!(
                    "article file {} does not exist (paths are relative to the manifest)",
                    resolved.display()
                ),
            ));
        }
        let interlude = match &entry.interlude {
            Some(file) => Some(existing(file, "interlude music")?),
            None => None,
        };
        articles.push(EditionArticle {
            interlude,
            path: resolved,
            title: non_empty(&entry.title, "article title")?,
            voice: non_empty(&entry.voice, "article voice")?,
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
        date: non_empty(&manifest.date, "date")?,
        description: non_empty(&manifest.description, "description")?,
        cover: match &manifest.cover {
            Some(file) => Some(existing(file, "cover image")?),
            None => None,
        },
        title: non_empty(&manifest.title, "title")?,
        voice: non_empty(&manifest.voice, "voice")?,
        pauses: manifest.pauses,
        articles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
