//! The feed: `feed.xml`, RSS 2.0 with the `itunes:` and Podcasting 2.0 `podcast:` namespaces,
//! written through the `rss` crate (which escapes every text and attribute) and read back with it
//! so earlier episodes are kept as they were.

use super::guid;
use super::show::Show;
use super::PublishError;
use rss::extension::itunes::{
    ITunesCategory, ITunesChannelExtension, ITunesItemExtension, ITunesOwner,
};
use rss::extension::{Extension, ExtensionMap};
use rss::{Channel, Enclosure, Guid, Item};
use std::collections::BTreeMap;
use std::path::Path;

pub const ITUNES_NAMESPACE: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
/// The Podcasting 2.0 namespace, declared in the form every reader knows: the namespace says
/// readers "must also recognize" it as identical to `https://podcastindex.org/namespace/1.0`,
/// and gPodder's podcastparser reads `podcast:chapters` and `podcast:transcript` only under it.
pub const PODCAST_NAMESPACE: &str =
    "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md";
pub const ATOM_NAMESPACE: &str = "http://www.w3.org/2005/Atom";
/// The MIME type the Podcasting 2.0 namespace gives its JSON chapters.
pub const CHAPTERS_MIME: &str = "application/json+chapters";

/// One published episode, as its feed item says it.
#[derive(Debug, Clone, PartialEq)]
pub struct Episode {
    /// Its identity in the show; its files are named after it.
    pub id: String,
    /// The item GUID (see [`guid::episode_guid`]).
    pub guid: String,
    pub title: String,
    pub description: String,
    pub author: Option<String>,
    /// RFC 2822.
    pub pub_date: String,
    pub duration_secs: f64,
    /// The audio, each format in the show's order: the first is the enclosure.
    pub audio: Vec<PublishedFile>,
    pub chapters: PublishedFile,
    /// WebVTT then SRT.
    pub transcripts: Vec<PublishedFile>,
    /// The episode's own image, when it has one fit for directories.
    pub image: Option<String>,
}

/// A file in the show's folder: its name there, MIME type, size and (for audio) bit rate.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedFile {
    pub name: String,
    pub mime: String,
    pub length: u64,
    /// kbit/s, for lossy audio.
    pub kbps: Option<u32>,
}

/// The feed at `path`, or `None` when there is none yet.
pub fn read(path: &Path) -> Result<Option<Channel>, PublishError> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(PublishError::Read {
                path: path.display().to_string(),
                source,
            })
        }
    };
    Channel::read_from(std::io::BufReader::new(file))
        .map(Some)
        .map_err(|e| PublishError::BadFeed {
            path: path.display().to_string(),
            why: e.to_string(),
        })
}

/// Writes `channel` to `path` atomically.
pub fn write(path: &Path, channel: &Channel) -> Result<(), PublishError> {
    let bytes =
        channel
            .pretty_write_to(Vec::new(), b' ', 2)
            .map_err(|e| PublishError::BadFeed {
                path: path.display().to_string(),
                why: e.to_string(),
            })?;
    crate::atomic::write(path, &bytes).map_err(|source| PublishError::Write {
        path: path.display().to_string(),
        source,
    })
}

/// An item's GUID.
pub fn item_guid(item: &Item) -> Option<&str> {
    item.guid.as_ref().map(|g| g.value.as_str())
}

/// The show's channel with `items`, newest first.
pub fn channel(show: &Show, mut items: Vec<Item>) -> Channel {
    items.sort_by_key(|item| {
        std::cmp::Reverse(
            item.pub_date
                .as_deref()
                .and_then(super::dates::parse_rfc2822)
                .unwrap_or(i64::MIN),
        )
    });
    let image_url = format!("{}{}", show.url, show_image_name(show));
    let categories = show
        .categories
        .iter()
        .map(|c| ITunesCategory {
            text: c.name.clone(),
            subcategory: c.sub.as_ref().map(|s| {
                Box::new(ITunesCategory {
                    text: s.clone(),
                    subcategory: None,
                })
            }),
        })
        .collect();
    let itunes = ITunesChannelExtension {
        author: Some(show.author.clone()),
        categories,
        image: Some(image_url.clone()),
        explicit: Some(show.explicit.to_string()),
        owner: Some(ITunesOwner {
            name: Some(show.owner_name.clone()),
            email: Some(show.owner_email.clone()),
        }),
        summary: Some(show.description.clone()),
        r#type: Some("episodic".into()),
        ..Default::default()
    };
    let show_guid = show_guid(show);
    let mut extensions = ExtensionMap::new();
    insert(
        &mut extensions,
        "podcast",
        "guid",
        element("podcast:guid", Some(show_guid), &[]),
    );
    insert(
        &mut extensions,
        "atom",
        "link",
        element(
            "atom:link",
            None,
            &[
                ("href", &show.feed_url()),
                ("rel", "self"),
                ("type", "application/rss+xml"),
            ],
        ),
    );
    Channel {
        title: show.title.clone(),
        link: show.link.clone(),
        description: show.description.clone(),
        language: Some(show.language.clone()),
        copyright: show.copyright.clone(),
        generator: Some(format!("voxpress {}", env!("CARGO_PKG_VERSION"))),
        last_build_date: Some(super::dates::rfc2822(super::dates::now(), 0)),
        image: Some(rss::Image {
            url: image_url,
            title: show.title.clone(),
            link: show.link.clone(),
            ..Default::default()
        }),
        items,
        extensions,
        itunes_ext: Some(itunes),
        namespaces: BTreeMap::from([
            ("itunes".to_string(), ITUNES_NAMESPACE.to_string()),
            ("podcast".to_string(), PODCAST_NAMESPACE.to_string()),
            ("atom".to_string(), ATOM_NAMESPACE.to_string()),
        ]),
        ..Default::default()
    }
}

/// The show's `podcast:guid`: the manifest's, or the UUIDv5 of its feed URL.
pub fn show_guid(show: &Show) -> String {
    show.guid
        .clone()
        .unwrap_or_else(|| guid::show_guid(&show.feed_url()).to_string())
}

/// The show image's name in the folder: `show-image.png` or `.jpg`.
pub fn show_image_name(show: &Show) -> String {
    format!("show-image.{}", image_extension(show.image.mime))
}

pub fn image_extension(mime: &str) -> &'static str {
    if mime == "image/png" {
        "png"
    } else {
        "jpg"
    }
}

/// The feed item of `episode`.
pub fn item(show: &Show, episode: &Episode) -> Item {
    let url = |name: &str| format!("{}{}", show.url, name);
    let main = &episode.audio[0];
    let mut extensions = ExtensionMap::new();
    insert(
        &mut extensions,
        "podcast",
        "chapters",
        element(
            "podcast:chapters",
            None,
            &[
                ("url", &url(&episode.chapters.name)),
                ("type", &episode.chapters.mime),
            ],
        ),
    );
    for transcript in &episode.transcripts {
        let mut attrs = vec![
            ("url", url(&transcript.name)),
            ("type", transcript.mime.clone()),
            ("language", show.language.clone()),
        ];
        if transcript.mime == "text/vtt" {
            attrs.push(("rel", "captions".to_string()));
        }
        let attrs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        insert(
            &mut extensions,
            "podcast",
            "transcript",
            element("podcast:transcript", None, &attrs),
        );
    }
    for (at, audio) in episode.audio.iter().enumerate() {
        let length = audio.length.to_string();
        let bitrate = audio.kbps.map(|k| (k * 1000).to_string());
        let mut attrs = vec![
            ("type", audio.mime.as_str()),
            ("length", length.as_str()),
            ("default", if at == 0 { "true" } else { "false" }),
        ];
        if let Some(bitrate) = &bitrate {
            attrs.push(("bitrate", bitrate));
        }
        let mut alternate = element("podcast:alternateEnclosure", None, &attrs);
        alternate.children.insert(
            "source".into(),
            vec![element(
                "podcast:source",
                None,
                &[("uri", &url(&audio.name))],
            )],
        );
        insert(&mut extensions, "podcast", "alternateEnclosure", alternate);
    }
    let image = episode
        .image
        .as_deref()
        .map_or_else(|| url(&show_image_name(show)), url);
    Item {
        title: Some(episode.title.clone()),
        description: Some(episode.description.clone()),
        guid: Some(Guid {
            value: episode.guid.clone(),
            permalink: false,
        }),
        pub_date: Some(episode.pub_date.clone()),
        enclosure: Some(Enclosure {
            url: url(&main.name),
            length: main.length.to_string(),
            mime_type: main.mime.clone(),
        }),
        itunes_ext: Some(ITunesItemExtension {
            author: episode.author.clone().or_else(|| Some(show.author.clone())),
            duration: Some(format!("{}", episode.duration_secs.round() as u64)),
            image: Some(image),
            explicit: Some(show.explicit.to_string()),
            episode_type: Some("full".into()),
            summary: Some(episode.description.clone()),
            ..Default::default()
        }),
        extensions,
        ..Default::default()
    }
}

/// An extension element with a text value and attributes.
fn element(name: &str, value: Option<String>, attrs: &[(&str, &str)]) -> Extension {
    Extension {
        name: name.to_string(),
        value,
        attrs: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        children: BTreeMap::new(),
    }
}

fn insert(map: &mut ExtensionMap, prefix: &str, local: &str, extension: Extension) {
    map.entry(prefix.to_string())
        .or_default()
        .entry(local.to_string())
        .or_default()
        .push(extension);
}

/// The `podcast:` elements of an item called `local` ("transcript", "chapters", ...).
pub fn podcast_elements<'a>(item: &'a Item, local: &str) -> &'a [Extension] {
    item.extensions
        .get("podcast")
        .and_then(|m| m.get(local))
        .map_or(&[], Vec::as_slice)
}

/// Every URL an item points at: enclosure, alternates, chapters, transcripts, image.
pub fn item_urls(item: &Item) -> Vec<String> {
    let mut urls = Vec::new();
    urls.extend(item.enclosure.as_ref().map(|e| e.url.clone()));
    for alternate in podcast_elements(item, "alternateEnclosure") {
        for source in alternate.children.get("source").into_iter().flatten() {
            urls.extend(source.attrs.get("uri").cloned());
        }
    }
    for local in ["chapters", "transcript"] {
        for e in podcast_elements(item, local) {
            urls.extend(e.attrs.get("url").cloned());
        }
    }
    urls.extend(item.itunes_ext.as_ref().and_then(|i| i.image.clone()));
    urls
}
