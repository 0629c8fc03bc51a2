//! Publishing: an edition built (if it is not already) and put into a podcast show's public
//! folder under stable names, with the show's `feed.xml` rewritten around it.
//!
//! The folder holds, per episode `ID`: `ID.mp3` (and `ID.opus`, `ID.m4b` as the show asks),
//! `ID.chapters.json`, `ID.vtt`, `ID.srt` and, when the edition's cover is fit for directories,
//! `ID.jpg`; once: `show-image.png` (or `.jpg`) and `feed.xml`. An episode's GUID comes from the
//! show's guid and its ID ([`guid`]), never from its audio, so a rebuilt edition replaces its
//! own item; earlier items are kept as the feed has them. The feed ([`feed`]) is written
//! atomically, under a lock on the folder, and [`check`] reads a folder back as a directory
//! would.

pub mod check;
pub mod dates;
pub mod feed;
pub mod guid;
pub mod media;
pub mod show;

use crate::lock::{LockError, OutputLock};
use crate::outputs::{Format, Formats};
use crate::pipeline::{self, BuildError, BuildReport, Inputs, Output, Progress, Request};
use feed::{Episode, PublishedFile};
use show::Show;
use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum PublishError {
    #[error("{path}: cannot read it ({source}); check the path")]
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
    #[error("{path}: the feed cannot be read ({why}); move it away to start a new feed")]
    BadFeed { path: String, why: String },
    #[error("{path}: cannot write into the show's folder ({source})")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Build(#[from] BuildError),
    #[error("{input}: no show to publish in; add show = \"show.toml\" to the edition, or pass --show show.toml")]
    NoShow { input: String },
    #[error("{feed}: has no episode {id}; `voxpress publish --check` lists what it has")]
    NotPublished { feed: String, id: String },
    #[error("{path}: already being published by {holder}; wait for it to finish")]
    Busy { path: String, holder: String },
    #[error("{feed}: {} problem{} found:\n  {}", problems.len(), if problems.len() == 1 { "" } else { "s" }, problems.join("\n  "))]
    CheckFailed { feed: String, problems: Vec<String> },
}

impl PublishError {
    /// 2 when the user's input is at fault, 1 for a failure while working or a folder that
    /// fails its check, the build's own code for a build error.
    pub fn exit_code(&self) -> u8 {
        match self {
            PublishError::Build(e) => e.exit_code(),
            PublishError::Write { .. } | PublishError::CheckFailed { .. } => 1,
            _ => 2,
        }
    }
}

/// What a publish did.
#[derive(Debug)]
pub struct PublishReport {
    pub build: BuildReport,
    pub show: Show,
    pub episode: Episode,
    /// True when the episode was in the feed already and its item was replaced.
    pub replaced: bool,
    /// Episodes in the feed now.
    pub episodes: usize,
    /// Files copied into the show's folder.
    pub copied: Vec<PathBuf>,
    pub notices: Vec<String>,
}

/// Which show an input is published in and the episode's identity there: the edition's `show`
/// and `id`, `--show`, and else the manifest's or single article's file stem (or `--name`).
pub fn target(request: &Request, show: Option<&Path>) -> Result<(PathBuf, String), PublishError> {
    let (named_show, id, input) = match &request.inputs {
        Inputs::Edition(path) => {
            let edition = crate::edition::read(path)
                .map_err(|e| PublishError::Build(BuildError::Edition(e)))?;
            (edition.show, edition.id, path.clone())
        }
        Inputs::Articles(paths) => (
            None,
            None,
            paths.first().cloned().unwrap_or_else(|| "edition".into()),
        ),
    };
    let show = show
        .map(Path::to_path_buf)
        .or(named_show)
        .ok_or_else(|| PublishError::NoShow {
            input: input.display().to_string(),
        })?;
    let id = id.or_else(|| request.name.clone()).unwrap_or_else(|| {
        let stem = match &request.inputs {
            Inputs::Articles(paths) if paths.len() > 1 => "edition".to_string(),
            _ => input
                .file_stem()
                .map_or("edition".into(), |s| s.to_string_lossy().into_owned()),
        };
        slug(&stem)
    });
    Ok((show, id))
}

/// A file stem made fit to name files and URLs: anything but ASCII letters, digits, `-`, `_`
/// and `.` becomes `-`.
pub fn slug(stem: &str) -> String {
    let slug: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug.trim_matches(['-', '.']).to_string();
    if slug.is_empty() {
        "episode".into()
    } else {
        slug
    }
}

/// Builds the edition in the show's formats (from the cache when it can) and publishes it.
pub fn publish(
    request: &Request,
    output: &Output,
    show: Option<&Path>,
    progress: &mut dyn FnMut(Progress),
) -> Result<PublishReport, PublishError> {
    let (show_path, id) = target(request, show)?;
    let show = show::read(&show_path)?;
    let mut request = request.clone();
    let bitrates = request.mastering.formats.clone();
    let mut formats = Formats::of(&show.formats);
    for format in &show.formats {
        if let Some(kbps) = bitrates.bitrate(*format) {
            formats.set_bitrate(format.name, kbps);
        }
    }
    request.mastering.formats = formats.clone();
    request.mastering.split_chapters = false;
    let built = pipeline::build(&request, output, progress)?;

    let folder = &show.folder;
    let write_error = |path: &Path, source| PublishError::Write {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(folder).map_err(|e| write_error(folder, e))?;
    let _lock = lock(folder)?;
    crate::atomic::sweep_stale(folder);
    // A feed that cannot be read stops the publish before anything is copied.
    let existing = feed::read(&show.feed_path())?;
    let mut items = existing.map(|c| c.items).unwrap_or_default();
    let guid = guid::episode_guid(&feed::show_guid(&show), &id).to_string();
    let earlier = items
        .iter()
        .position(|item| feed::item_guid(item) == Some(guid.as_str()))
        .map(|at| items.remove(at));

    let mut copied = Vec::new();
    let mut notices = built.notices.clone();
    let mut copy = |from: &Path, name: &str| -> Result<u64, PublishError> {
        let to = folder.join(name);
        copy_atomically(from, &to).map_err(|e| write_error(&to, e))?;
        copied.push(to);
        Ok(std::fs::metadata(from)
            .map_err(|e| write_error(from, e))?
            .len())
    };
    let mut audio = Vec::new();
    for format in &show.formats {
        let built_file = whole_edition_file(&built, *format).ok_or_else(|| {
            PublishError::Build(BuildError::Usage(format!(
                "the build wrote no {} file; build it again with --format {}",
                format.name, format.name
            )))
        })?;
        let name = format!("{id}.{}", format.extension);
        audio.push(PublishedFile {
            length: copy(&built_file, &name)?,
            name,
            mime: format.mime.to_string(),
            kbps: formats.bitrate(*format),
        });
    }
    let sidecar = |suffix: &str| {
        built
            .sidecars
            .iter()
            .find(|p| p.to_string_lossy().ends_with(suffix))
            .cloned()
            .ok_or_else(|| {
                PublishError::Build(BuildError::Usage(format!(
                    "the build wrote no {suffix} sidecar"
                )))
            })
    };
    let mut published_sidecar = |suffix: &str, mime: &str| -> Result<PublishedFile, PublishError> {
        let name = format!("{id}{suffix}");
        Ok(PublishedFile {
            length: copy(&sidecar(suffix)?, &name)?,
            name,
            mime: mime.to_string(),
            kbps: None,
        })
    };
    let chapters = published_sidecar(".chapters.json", feed::CHAPTERS_MIME)?;
    let transcripts = vec![
        published_sidecar(".vtt", "text/vtt")?,
        published_sidecar(".srt", "application/x-subrip")?,
    ];
    let show_image = feed::show_image_name(&show);
    copy(&show.image.path, &show_image)?;
    let metadata = &built.metadata;
    let image = match &metadata.cover {
        Some(cover) => match show::image_problem(cover) {
            None => {
                let name = format!("{id}.{}", feed::image_extension(cover.mime));
                copy(&cover.path, &name)?;
                Some(name)
            }
            Some(why) => {
                notices.push(format!(
                    "note: {why}; the episode shows the show's image instead"
                ));
                None
            }
        },
        None => None,
    };
    let pub_date = match metadata.date.as_deref().and_then(dates::from_iso) {
        Some((unix, offset)) => dates::rfc2822(unix, offset),
        None => match earlier.as_ref().and_then(|item| item.pub_date.clone()) {
            Some(date) => date,
            None => {
                notices.push(format!(
                    "note: {}: no date; the episode is dated now (add date = \"YYYY-MM-DD\" to the edition)",
                    input_name(&request)
                ));
                dates::rfc2822(dates::now(), 0)
            }
        },
    };
    let description = metadata.description.clone().unwrap_or_else(|| {
        let titles: Vec<&str> = built
            .timeline
            .chapters
            .iter()
            .map(|c| c.title.as_str())
            .collect();
        format!("In this edition: {}.", titles.join("; "))
    });
    let episode = Episode {
        id,
        guid,
        title: metadata.title.clone(),
        description,
        author: metadata.author.clone(),
        pub_date,
        duration_secs: built.timeline.duration_secs(),
        audio,
        chapters,
        transcripts,
        image,
    };
    items.push(feed::item(&show, &episode));
    let episodes = items.len();
    feed::write(&show.feed_path(), &feed::channel(&show, items))?;
    Ok(PublishReport {
        build: built,
        replaced: earlier.is_some(),
        show,
        episode,
        episodes,
        copied,
        notices,
    })
}

/// What a removal did.
#[derive(Debug)]
pub struct RemoveReport {
    pub feed: PathBuf,
    pub id: String,
    /// Files removed from the folder.
    pub removed: Vec<PathBuf>,
    /// Episodes left in the feed.
    pub episodes: usize,
}

/// Takes the edition's episode out of its show's feed and its files out of the folder.
pub fn remove(request: &Request, show: Option<&Path>) -> Result<RemoveReport, PublishError> {
    let (show_path, id) = target(request, show)?;
    let show = show::read(&show_path)?;
    let feed_path = show.feed_path();
    let not_published = || PublishError::NotPublished {
        feed: feed_path.display().to_string(),
        id: id.clone(),
    };
    if !feed_path.is_file() {
        return Err(not_published());
    }
    let _lock = lock(&show.folder)?;
    let mut items = feed::read(&feed_path)?.ok_or_else(not_published)?.items;
    let guid = guid::episode_guid(&feed::show_guid(&show), &id).to_string();
    let at = items
        .iter()
        .position(|item| feed::item_guid(item) == Some(guid.as_str()))
        .ok_or_else(not_published)?;
    let item = items.remove(at);
    let show_image = feed::show_image_name(&show);
    let mut removed = Vec::new();
    for url in feed::item_urls(&item) {
        let Some(name) = url.strip_prefix(&show.url) else {
            continue;
        };
        let path = show.folder.join(name);
        if name == show_image || !check::is_plain_name(name) || removed.contains(&path) {
            continue;
        }
        if std::fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    let episodes = items.len();
    feed::write(&feed_path, &feed::channel(&show, items))?;
    Ok(RemoveReport {
        feed: feed_path,
        id,
        removed,
        episodes,
    })
}

/// The show folder's lock: one publish (or removal) into a folder at a time.
fn lock(folder: &Path) -> Result<OutputLock, PublishError> {
    OutputLock::acquire(folder, "feed").map_err(|e| match e {
        LockError::Busy { path, pid } => PublishError::Busy {
            path: path.display().to_string(),
            holder: pid.map_or_else(|| "another process".to_string(), |p| format!("PID {p}")),
        },
        LockError::Io { path, source } => PublishError::Write {
            path: path.display().to_string(),
            source,
        },
    })
}

/// The input as the user named it, for messages.
fn input_name(request: &Request) -> String {
    match &request.inputs {
        Inputs::Edition(path) => path.display().to_string(),
        Inputs::Articles(paths) => paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The build's file of the whole edition in `format` (not a chapter file).
fn whole_edition_file(built: &BuildReport, format: Format) -> Option<PathBuf> {
    built
        .audio
        .iter()
        .find(|p| {
            p.extension().and_then(|e| e.to_str()) == Some(format.extension)
                && !p
                    .parent()
                    .and_then(|d| d.file_name())
                    .is_some_and(|n| n.to_string_lossy().ends_with("-chapters"))
        })
        .cloned()
}

/// Copies `from` to `to` through a temporary file beside `to`; an unchanged file is left as it
/// is (so a static host's caches stay valid).
fn copy_atomically(from: &Path, to: &Path) -> std::io::Result<()> {
    if let (Ok(a), Ok(b)) = (std::fs::read(from), std::fs::read(to)) {
        if a == b {
            return Ok(());
        }
    }
    let file = crate::atomic::AtomicFile::new(to);
    std::fs::copy(from, file.temp_path())?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_safe_characters_only() {
        assert_eq!(slug("2024-02-16 weekly"), "2024-02-16-weekly");
        assert_eq!(slug("Café/news"), "Caf--news");
        assert_eq!(slug("..."), "episode");
    }
}
