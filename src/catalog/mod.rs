//! The voice catalog: the Piper voices a catalog lists (`voxpress voices --all`), installing one
//! (`voices add NAME`, or `voices add PATH.onnx` for a model already here) and removing one
//! (`voices remove NAME`). Installed voices go into `voices/` of [`locate::install_home`]
//! (`$VOXPRESS_HOME`, else the data folder), where every voxpress finds them.
//!
//! A catalog is read from a URL or a local file in the format of Piper's published
//! `voices.json` ([`format`]); a downloaded catalog is kept in the cache folder for a day, and
//! used from there when the network is not answering. Downloads ([`download`]) are resumable and
//! checked; nothing here ever runs during a build.

pub mod download;
pub mod format;
pub mod licence;
mod store;

pub use store::{add, import, remove, Added, Removed};

use crate::synth::locate;
use download::{Fetcher, Origin};
use format::CatalogVoice;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};
use thiserror::Error;

/// Piper's own published catalog: the default for `--catalog`.
pub const DEFAULT_CATALOG: &str =
    "https://huggingface.co/rhasspy/piper-voices/resolve/v1.0.0/voices.json";

/// How long a downloaded catalog is used from the cache before it is fetched again.
const CATALOG_FRESH: Duration = Duration::from_secs(24 * 3600);

#[derive(Debug, Error)]
pub enum CatalogError {
    #[error("cannot read the catalog {from}: {why}")]
    Fetch { from: String, why: String },
    #[error("{from}: not a voice catalog: {why}")]
    BadCatalog { from: String, why: String },
    #[error("{from}: the server sent nothing for {secs:.0} s, twice; run the same command again to resume the download")]
    Stalled { from: String, secs: f64 },
    #[error("{file}: the download is {got} bytes, the catalog says {promised}; it was removed, run the command again")]
    Size {
        file: String,
        promised: u64,
        got: String,
    },
    #[error("{file}: the checksum is wrong (MD5 {got}, the catalog says {promised}); the download was removed, run the command again or check the catalog")]
    Checksum {
        file: String,
        promised: String,
        got: String,
    },
    #[error("{path}: cannot write it ({source})")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("the catalog {catalog} has no voice {name}{hint}; `voxpress voices --all` lists them")]
    UnknownVoice {
        name: String,
        catalog: String,
        hint: String,
    },
    #[error("{name} is several voices in the catalog ({choices}); name one of them")]
    Ambiguous { name: String, choices: String },
    #[error("a voice called {name} is already installed ({path}); remove it first (`voxpress voices remove {name}`) or name the new one with --as")]
    Exists { name: String, path: String },
    #[error("{path}: {why}")]
    BadModel { path: String, why: String },
    #[error("no voice {name} is installed; `voxpress voices` lists them")]
    NotInstalled { name: String },
    #[error("{name} is not a voice voxpress installed ({path}); remove its preset by hand if you mean to")]
    NotOurs { name: String, path: String },
    #[error("{name}: not a usable voice name (letters, digits, '-', '_' and '.' only)")]
    BadName { name: String },
    #[error("no place to install into: set VOXPRESS_HOME, or HOME for ~/.local/share/voxpress")]
    NoHome,
}

impl CatalogError {
    /// 2 for what the user asked or gave; 1 for what went wrong while working (the network,
    /// the disk, a server's files).
    pub fn exit_code(&self) -> u8 {
        match self {
            CatalogError::Fetch { .. }
            | CatalogError::Stalled { .. }
            | CatalogError::Size { .. }
            | CatalogError::Checksum { .. }
            | CatalogError::Write { .. }
            | CatalogError::NoHome => 1,
            _ => 2,
        }
    }
}

/// A catalog read: where from, its voices, and a note when it came from the cache after a
/// failed fetch.
#[derive(Debug)]
pub struct Catalog {
    pub source: String,
    /// What its file paths are relative to.
    pub base: Origin,
    pub voices: Vec<CatalogVoice>,
    pub note: Option<String>,
}

impl Catalog {
    /// The voice a user means by `name`: a catalog key (`en_US-amy-medium`), an alias, or a
    /// voice name (`amy`) when only one voice has it.
    pub fn find(&self, name: &str) -> Result<&CatalogVoice, CatalogError> {
        if let Some(voice) = self
            .voices
            .iter()
            .find(|v| v.key == name || v.aliases.iter().any(|a| a == name))
        {
            return Ok(voice);
        }
        let named: Vec<&CatalogVoice> = self.voices.iter().filter(|v| v.name == name).collect();
        match named.as_slice() {
            [one] => Ok(one),
            [] => {
                let near: Vec<&str> = self
                    .voices
                    .iter()
                    .filter(|v| v.key.to_lowercase().contains(&name.to_lowercase()))
                    .map(|v| v.key.as_str())
                    .take(5)
                    .collect();
                Err(CatalogError::UnknownVoice {
                    name: name.into(),
                    catalog: self.source.clone(),
                    hint: if near.is_empty() {
                        String::new()
                    } else {
                        format!(" (did you mean {}?)", near.join(", "))
                    },
                })
            }
            many => Err(CatalogError::Ambiguous {
                name: name.into(),
                choices: many
                    .iter()
                    .map(|v| v.key.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }
}

/// Where a catalog given as `source` is: a URL (http or https) or a local file.
pub fn origin_of(source: &str) -> Origin {
    if source.starts_with("http://") || source.starts_with("https://") {
        Origin::Url(source.to_string())
    } else {
        Origin::Folder(PathBuf::from(source))
    }
}

/// What a catalog's file paths are relative to: the folder its URL or file is in.
fn base_of(origin: &Origin) -> Origin {
    match origin {
        Origin::Url(url) => {
            let path = url.split(['?', '#']).next().unwrap_or(url);
            Origin::Url(path.rsplit_once('/').map_or(path, |(b, _)| b).to_string())
        }
        Origin::Folder(file) => Origin::Folder(
            file.parent()
                .map(|p| p.to_path_buf())
                .unwrap_or_else(|| PathBuf::from(".")),
        ),
    }
}

/// Where downloaded catalogs are kept: `$XDG_CACHE_HOME/voxpress/catalogs/`.
fn cache_file(url: &str) -> Option<PathBuf> {
    let base = locate::cache_home()?;
    let digest = Sha256::digest(url.as_bytes());
    let name: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    Some(base.join("catalogs").join(format!("{name}.json")))
}

/// Reads the catalog at `source` (a URL, fetched or taken from the cache, or a file).
pub fn read(source: &str, fetcher: &Fetcher) -> Result<Catalog, CatalogError> {
    let origin = origin_of(source);
    let mut note = None;
    let text = match &origin {
        Origin::Folder(_) => fetcher.text(&origin)?,
        Origin::Url(url) => {
            let cached = cache_file(url);
            let fresh = cached.as_ref().and_then(|c| {
                let age = std::fs::metadata(c)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| SystemTime::now().duration_since(t).ok())?;
                (age < CATALOG_FRESH)
                    .then(|| std::fs::read_to_string(c).ok())
                    .flatten()
            });
            match fresh {
                Some(text) => text,
                None => match fetcher.text(&origin) {
                    Ok(text) => {
                        if let Some(c) = &cached {
                            if format::parse(&text).is_ok() {
                                if let Some(dir) = c.parent() {
                                    let _ = std::fs::create_dir_all(dir);
                                }
                                let _ = crate::atomic::write(c, text.as_bytes());
                            }
                        }
                        text
                    }
                    Err(e) => {
                        match cached
                            .as_ref()
                            .and_then(|c| std::fs::read_to_string(c).ok())
                        {
                            Some(text) => {
                                note = Some(format!("note: {e}; using the copy cached earlier"));
                                text
                            }
                            None => return Err(e),
                        }
                    }
                },
            }
        }
    };
    let voices = format::parse(&text).map_err(|why| CatalogError::BadCatalog {
        from: source.to_string(),
        why,
    })?;
    Ok(Catalog {
        source: source.to_string(),
        base: base_of(&origin),
        voices,
        note,
    })
}

/// The folder voices are installed into.
pub fn install_voices() -> Result<PathBuf, CatalogError> {
    locate::install_home()
        .map(|h| h.join("voices"))
        .ok_or(CatalogError::NoHome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_paths_are_relative_to_the_catalogs_own_folder() {
        assert_eq!(
            base_of(&origin_of("https://example.org/v1/voices.json?download=1")),
            Origin::Url("https://example.org/v1".into())
        );
        assert_eq!(
            base_of(&origin_of("/srv/mirror/voices.json")).join("en/x.onnx"),
            Origin::Folder("/srv/mirror/en/x.onnx".into())
        );
    }
}
