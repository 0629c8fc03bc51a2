//! Show manifests: `show.toml`, what a podcast feed says about the show as a whole, and where its
//! public folder is and is served from.
//!
//! ```toml
//! title = "The Harbor Weekly, read aloud"
//! author = "The Harbor Weekly"
//! description = "Every Friday's stories, narrated."
//! language = "en-us"
//! image = "show-cover.png"       # JPEG or PNG, square, 1400 to 3000 px
//! categories = ["News", "News/Daily News"]   # Apple's categories; "Parent/Child" for a subcategory
//! owner_email = "podcast@harbor.example"
//! owner_name = "Maria Chen"      # optional; default: author
//! explicit = false
//! url = "https://harbor.example/podcast/"   # where `folder` is served; the feed is url + feed.xml
//! folder = "public"              # optional; default "public", relative to this file
//! formats = ["mp3", "opus"]      # optional; the first is the enclosure, the rest alternates
//! guid = "..."                   # optional podcast:guid; default: UUIDv5 of the feed URL
//! link = "https://harbor.example/" # optional website; default: url
//! copyright = "© 2025 The Harbor Weekly"  # optional
//! ```
//!
//! Unknown keys and bad values are errors naming the manifest's line and column.

use super::PublishError;
use crate::model::line_column;
use crate::outputs::{Cover, Format};
use serde::Deserialize;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Apple Podcasts' top-level categories; a subcategory is written after a slash.
pub const CATEGORIES: &[&str] = &[
    "Arts",
    "Business",
    "Comedy",
    "Education",
    "Fiction",
    "Government",
    "Health & Fitness",
    "History",
    "Kids & Family",
    "Leisure",
    "Music",
    "News",
    "Religion & Spirituality",
    "Science",
    "Society & Culture",
    "Sports",
    "Technology",
    "True Crime",
    "TV & Film",
];

/// The smallest and largest side of a show or episode image podcast directories accept.
pub const IMAGE_SIDES: std::ops::RangeInclusive<u32> = 1400..=3000;

/// A validated show.
#[derive(Debug, Clone)]
pub struct Show {
    /// The manifest's path, for messages.
    pub manifest: PathBuf,
    pub title: String,
    pub author: String,
    pub description: String,
    pub language: String,
    pub image: Cover,
    /// "Parent" or "Parent/Child", the parent one of [`CATEGORIES`].
    pub categories: Vec<Category>,
    pub owner_email: String,
    pub owner_name: String,
    pub explicit: bool,
    /// The public base URL, ending in a slash.
    pub url: String,
    /// The public folder, served at `url`.
    pub folder: PathBuf,
    /// Audio formats: the first is the enclosure.
    pub formats: Vec<Format>,
    pub guid: Option<String>,
    pub link: String,
    pub copyright: Option<String>,
}

/// An Apple Podcasts category with an optional subcategory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub name: String,
    pub sub: Option<String>,
}

impl Show {
    /// The feed's public URL.
    pub fn feed_url(&self) -> String {
        format!("{}feed.xml", self.url)
    }

    /// The feed file.
    pub fn feed_path(&self) -> PathBuf {
        self.folder.join("feed.xml")
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    title: Spanned<String>,
    author: Spanned<String>,
    description: Spanned<String>,
    language: Spanned<String>,
    image: Spanned<String>,
    categories: Spanned<Vec<String>>,
    owner_email: Spanned<String>,
    owner_name: Option<Spanned<String>>,
    #[serde(default)]
    explicit: bool,
    url: Spanned<String>,
    folder: Option<Spanned<String>>,
    formats: Option<Spanned<Vec<String>>>,
    guid: Option<Spanned<String>>,
    link: Option<Spanned<String>>,
    copyright: Option<Spanned<String>>,
}

/// Reads and validates the show manifest at `path`.
pub fn read(path: &Path) -> Result<Show, PublishError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| PublishError::Read {
        path: name.clone(),
        source,
    })?;
    parse(&name, &text, path)
}

fn parse(name: &str, text: &str, path: &Path) -> Result<Show, PublishError> {
    let base = path.parent().unwrap_or(Path::new("."));
    let invalid = |span: Range<usize>, message: String| {
        let (line, column) = line_column(text, span.start);
        PublishError::Invalid {
            path: name.to_string(),
            line,
            column,
            message,
        }
    };
    let manifest: Manifest =
        crate::model::parse_toml(text).map_err(|(line, column, message)| {
            PublishError::Invalid {
                path: name.to_string(),
                line,
                column,
                message,
            }
        })?;
    let required = |field: &Spanned<String>, what: &str| -> Result<String, PublishError> {
        let value = field.get_ref().trim();
        if value.is_empty() {
            return Err(invalid(field.span(), format!("{what} must not be empty")));
        }
        Ok(value.to_string())
    };
    let optional = |field: &Option<Spanned<String>>, what: &str| {
        field.as_ref().map(|f| required(f, what)).transpose()
    };
    let web = |field: &Spanned<String>, what: &str| -> Result<String, PublishError> {
        let value = required(field, what)?;
        let rest = value
            .strip_prefix("https://")
            .or_else(|| value.strip_prefix("http://"));
        match rest {
            Some(host) if !host.is_empty() && !value.contains(char::is_whitespace) => Ok(value),
            _ => Err(invalid(
                field.span(),
                format!("{what} \"{value}\" is not a web address; write it as https://example.org/podcast/"),
            )),
        }
    };

    let mut url = web(&manifest.url, "url")?;
    if !url.ends_with('/') {
        url.push('/');
    }
    let language = required(&manifest.language, "language")?;
    let is_tag = language.split('-').all(|part| {
        (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
    }) && language
        .split('-')
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    if !is_tag {
        return Err(invalid(
            manifest.language.span(),
            format!(
                "language \"{language}\" is not a language tag; write it as \"en\" or \"en-us\""
            ),
        ));
    }
    let email = required(&manifest.owner_email, "owner_email")?;
    let looks_like_email = email
        .split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
        && !email.contains(char::is_whitespace);
    if !looks_like_email {
        return Err(invalid(
            manifest.owner_email.span(),
            format!("owner_email \"{email}\" is not an e-mail address"),
        ));
    }

    let categories = categories(manifest.categories.get_ref())
        .map_err(|why| invalid(manifest.categories.span(), why))?;
    if categories.is_empty() {
        return Err(invalid(
            manifest.categories.span(),
            "categories must name at least one category, such as \"News\"".into(),
        ));
    }

    let image_path = base.join(required(&manifest.image, "image")?);
    let image =
        Cover::load(&image_path).map_err(|e| invalid(manifest.image.span(), e.to_string()))?;
    if let Some(why) = image_problem(&image) {
        return Err(invalid(manifest.image.span(), why));
    }

    let formats = match &manifest.formats {
        None => vec![Format::named("mp3").expect("MP3 is always built in")],
        Some(list) => {
            let mut formats = Vec::new();
            for written in list.get_ref() {
                let format = Format::named(written.trim())
                    .filter(|f| f.name != "wav")
                    .ok_or_else(|| {
                        invalid(
                            list.span(),
                            format!(
                                "format \"{written}\" cannot go in a feed; use mp3, m4b or opus (of {})",
                                Format::names()
                            ),
                        )
                    })?;
                if !formats.contains(&format) {
                    formats.push(format);
                }
            }
            if formats.is_empty() {
                return Err(invalid(
                    list.span(),
                    "formats must name at least one format, such as \"mp3\"".into(),
                ));
            }
            formats
        }
    };

    let author = required(&manifest.author, "author")?;
    Ok(Show {
        manifest: path.to_path_buf(),
        title: required(&manifest.title, "title")?,
        owner_name: optional(&manifest.owner_name, "owner_name")?.unwrap_or_else(|| author.clone()),
        author,
        description: required(&manifest.description, "description")?,
        language: language.to_ascii_lowercase(),
        image,
        categories,
        owner_email: email,
        explicit: manifest.explicit,
        folder: base
            .join(optional(&manifest.folder, "folder")?.unwrap_or_else(|| "public".to_string())),
        formats,
        guid: optional(&manifest.guid, "guid")?,
        link: match &manifest.link {
            Some(link) => web(link, "link")?,
            None => url.clone(),
        },
        url,
        copyright: optional(&manifest.copyright, "copyright")?,
    })
}

/// Apple Podcasts categories as written (`"News"`, `"News/Politics"`), checked against
/// [`CATEGORIES`]; a parent given alone and with a subcategory is one category.
fn categories(written: &[String]) -> Result<Vec<Category>, String> {
    let mut categories: Vec<Category> = Vec::new();
    for written in written {
        let (parent, sub) = match written.split_once('/') {
            Some((p, s)) => (
                p.trim(),
                Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            ),
            None => (written.trim(), None),
        };
        let Some(known) = CATEGORIES.iter().find(|c| c.eq_ignore_ascii_case(parent)) else {
            return Err(format!(
                "category \"{parent}\" is not one of Apple Podcasts' categories ({})",
                CATEGORIES.join(", ")
            ));
        };
        let category = Category {
            name: known.to_string(),
            sub,
        };
        match categories.iter_mut().find(|c| c.name == category.name) {
            Some(c) if c.sub.is_none() => *c = category,
            Some(c) if category.sub.is_none() || *c == category => {}
            _ => categories.push(category),
        }
    }
    Ok(categories)
}

/// Why podcast directories would refuse `image`, if they would.
pub fn image_problem(image: &Cover) -> Option<String> {
    let (w, h) = (image.width, image.height);
    if w != h {
        return Some(format!(
            "{}: the image is {w}x{h}; podcast directories want a square image, 1400 to 3000 px a side",
            image.path.display()
        ));
    }
    if !IMAGE_SIDES.contains(&w) {
        return Some(format!(
            "{}: the image is {w}x{h}; podcast directories want 1400 to 3000 px a side",
            image.path.display()
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> String {
        parse("show.toml", text, Path::new("show.toml"))
            .unwrap_err()
            .to_string()
    }

    const GOOD: &str = "title = \"T\"\nauthor = \"A\"\ndescription = \"D\"\nlanguage = \"en-us\"\n\
        image = \"missing.png\"\ncategories = [\"News\"]\nowner_email = \"a@b.example\"\n\
        url = \"https://b.example/pod\"\n";

    #[test]
    fn an_unknown_category_is_named_with_the_list() {
        let err = error_of(&GOOD.replace("[\"News\"]", "[\"Newz\"]"));
        assert!(
            err.starts_with("show.toml:6:14: category \"Newz\""),
            "{err}"
        );
        assert!(err.contains("True Crime"), "{err}");
    }

    #[test]
    fn a_url_that_is_not_a_web_address_is_refused() {
        let err = error_of(&GOOD.replace("https://b.example/pod", "b.example/pod"));
        assert!(err.starts_with("show.toml:8:7:"), "{err}");
        assert!(err.contains("not a web address"), "{err}");
    }

    #[test]
    fn a_category_and_its_subcategory_are_one_category() {
        let list = |names: &[&str]| {
            categories(&names.iter().map(|n| n.to_string()).collect::<Vec<_>>()).unwrap()
        };
        let news_politics = Category {
            name: "News".into(),
            sub: Some("Politics".into()),
        };
        assert_eq!(
            list(&["News", "news/Politics"]),
            std::slice::from_ref(&news_politics)
        );
        assert_eq!(list(&["News/Politics", "News"]), [news_politics]);
        assert_eq!(list(&["News/Politics", "Arts"]).len(), 2);
    }

    #[test]
    fn a_missing_image_is_named() {
        let err = error_of(GOOD);
        assert!(err.starts_with("show.toml:5:9:"), "{err}");
        assert!(err.contains("missing.png"), "{err}");
    }

    #[test]
    fn a_bad_language_or_email_is_refused() {
        assert!(error_of(&GOOD.replace("en-us", "English")).contains("not a language tag"));
        assert!(error_of(&GOOD.replace("a@b.example", "nobody")).contains("not an e-mail"));
    }
}
