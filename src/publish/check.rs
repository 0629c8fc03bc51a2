//! `publish --check`: a show's folder read back as a podcast directory reads it. Every URL in
//! the feed must be a file in the folder; each enclosure's length and type must be its file's
//! size and content, its `itunes:duration` the file's own playing time (within a second); the
//! tags directories require must be there; images square, 1400 to 3000 px; chapters JSON and
//! transcripts readable.

use super::feed::{self, podcast_elements};
use super::media;
use super::show::{self, Show};
use super::PublishError;
use crate::outputs::{Cover, Format};
use rss::Item;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A folder that passed.
#[derive(Debug)]
pub struct CheckReport {
    pub feed: PathBuf,
    pub episodes: usize,
    /// Distinct files the feed points at.
    pub files: usize,
    /// Seconds of audio in the feed's enclosures.
    pub duration_secs: f64,
}

/// True for a file name in the folder itself: no separators, no `..`, not hidden.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\'])
}

/// Checks the show's folder; every problem found is listed in [`PublishError::CheckFailed`].
pub fn check(show: &Show) -> Result<CheckReport, PublishError> {
    let feed_path = show.feed_path();
    let channel = feed::read(&feed_path)?.ok_or_else(|| PublishError::Read {
        path: feed_path.display().to_string(),
        source: std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no feed; publish an edition first",
        ),
    })?;
    let mut problems = Vec::new();
    let mut files = BTreeSet::new();
    let mut file_of = |url: &str, what: &str, problems: &mut Vec<String>| -> Option<PathBuf> {
        let Some(name) = url.strip_prefix(&show.url) else {
            problems.push(format!(
                "{what}: {url} is not under the show's url {}",
                show.url
            ));
            return None;
        };
        let path = show.folder.join(name);
        if !is_plain_name(name) || !path.is_file() {
            problems.push(format!(
                "{what}: {url} is not a file in {}",
                show.folder.display()
            ));
            return None;
        }
        files.insert(path.clone());
        Some(path)
    };

    for (what, value) in [
        ("title", channel.title.as_str()),
        ("link", channel.link.as_str()),
        ("description", channel.description.as_str()),
    ] {
        if value.trim().is_empty() {
            problems.push(format!("the channel has no {what}"));
        }
    }
    if channel.language.as_deref().is_none_or(str::is_empty) {
        problems.push("the channel has no language".into());
    }
    let podcast_guid = channel
        .extensions
        .get("podcast")
        .and_then(|m| m.get("guid"))
        .and_then(|v| v.first())
        .and_then(|e| e.value.clone());
    match podcast_guid {
        None => problems.push("the channel has no podcast:guid".into()),
        Some(guid) if guid != feed::show_guid(show) => problems.push(format!(
            "the channel's podcast:guid {guid} is not the show's {}",
            feed::show_guid(show)
        )),
        Some(_) => {}
    }
    match &channel.itunes_ext {
        None => problems.push("the channel has no itunes: tags".into()),
        Some(itunes) => {
            if itunes.categories.is_empty() {
                problems.push("the channel has no itunes:category".into());
            }
            if itunes.explicit.is_none() {
                problems.push("the channel has no itunes:explicit".into());
            }
            if itunes.author.is_none() {
                problems.push("the channel has no itunes:author".into());
            }
            if itunes
                .owner
                .as_ref()
                .and_then(|o| o.email.as_ref())
                .is_none()
            {
                problems.push("the channel has no itunes:owner e-mail".into());
            }
            match &itunes.image {
                None => problems.push("the channel has no itunes:image".into()),
                Some(url) => {
                    if let Some(path) = file_of(url, "the show's itunes:image", &mut problems) {
                        image_problems(&path, &mut problems);
                    }
                }
            }
        }
    }

    let mut guids = BTreeSet::new();
    let mut duration_secs = 0.0;
    for item in &channel.items {
        let name = item.title.clone().unwrap_or_else(|| "an item".into());
        let what = |part: &str| format!("episode \"{name}\": {part}");
        if item.title.as_deref().is_none_or(str::is_empty) {
            problems.push("an episode has no title".into());
        }
        match feed::item_guid(item) {
            None => problems.push(what("no guid")),
            Some(guid) if !guids.insert(guid.to_string()) => {
                problems.push(what(&format!("guid {guid} is another episode's too")))
            }
            Some(_) => {}
        }
        if item
            .pub_date
            .as_deref()
            .and_then(super::dates::parse_rfc2822)
            .is_none()
        {
            problems.push(what("no pubDate in RFC 2822 form"));
        }
        let Some(enclosure) = &item.enclosure else {
            problems.push(what("no enclosure"));
            continue;
        };
        if let Some(path) = file_of(&enclosure.url, &what("the enclosure"), &mut problems) {
            audio_problems(
                &path,
                &enclosure.length,
                &enclosure.mime_type,
                &what("the enclosure"),
                &mut problems,
            );
            let listed = item
                .itunes_ext
                .as_ref()
                .and_then(|i| i.duration.as_deref())
                .and_then(duration_of);
            match (listed, media::duration_secs(&path)) {
                (None, _) => problems.push(what("no itunes:duration")),
                (Some(_), None) => problems.push(what(&format!(
                    "cannot tell how long {} plays",
                    path.display()
                ))),
                (Some(listed), Some(actual)) => {
                    duration_secs += actual;
                    if (listed - actual).abs() > 1.0 {
                        problems.push(what(&format!(
                            "itunes:duration says {listed:.0} s, but {} plays {actual:.1} s",
                            path.display()
                        )));
                    }
                    chapter_problems(item, actual, &what, &mut file_of, &mut problems);
                }
            }
        }
        for alternate in podcast_elements(item, "alternateEnclosure") {
            let source = alternate
                .children
                .get("source")
                .and_then(|s| s.first())
                .and_then(|s| s.attrs.get("uri"));
            let Some(uri) = source else {
                problems.push(what("a podcast:alternateEnclosure has no podcast:source"));
                continue;
            };
            let label = what("an alternate enclosure");
            if let Some(path) = file_of(uri, &label, &mut problems) {
                let length = alternate.attrs.get("length").cloned().unwrap_or_default();
                let mime = alternate.attrs.get("type").cloned().unwrap_or_default();
                audio_problems(&path, &length, &mime, &label, &mut problems);
                let listed = item
                    .itunes_ext
                    .as_ref()
                    .and_then(|i| i.duration.as_deref())
                    .and_then(duration_of);
                if let (Some(listed), Some(actual)) = (listed, media::duration_secs(&path)) {
                    if (listed - actual).abs() > 1.0 {
                        problems.push(format!(
                            "{label}: {} plays {actual:.1} s, but itunes:duration says {listed:.0} s",
                            path.display()
                        ));
                    }
                }
            }
        }
        let transcripts = podcast_elements(item, "transcript");
        if transcripts.is_empty() {
            problems.push(what("no podcast:transcript"));
        }
        for transcript in transcripts {
            let url = transcript.attrs.get("url").cloned().unwrap_or_default();
            let Some(path) = file_of(&url, &what("a transcript"), &mut problems) else {
                continue;
            };
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let ok = match transcript.attrs.get("type").map(String::as_str) {
                Some("text/vtt") => text.starts_with("WEBVTT"),
                Some("application/x-subrip" | "application/srt") => {
                    text.trim_start().starts_with('1') && text.contains("-->")
                }
                _ => false,
            };
            if !ok {
                problems.push(what(&format!(
                    "{} is not a transcript of the type the feed gives",
                    path.display()
                )));
            }
        }
        if let Some(url) = item.itunes_ext.as_ref().and_then(|i| i.image.as_deref()) {
            if let Some(path) = file_of(url, &what("itunes:image"), &mut problems) {
                image_problems(&path, &mut problems);
            }
        }
    }
    if problems.is_empty() {
        Ok(CheckReport {
            feed: feed_path,
            episodes: channel.items.len(),
            files: files.len(),
            duration_secs,
        })
    } else {
        Err(PublishError::CheckFailed {
            feed: feed_path.display().to_string(),
            problems,
        })
    }
}

/// `itunes:duration` as seconds: `SS`, `MM:SS` or `HH:MM:SS`.
fn duration_of(text: &str) -> Option<f64> {
    let mut secs = 0.0;
    for part in text.trim().split(':') {
        secs = secs * 60.0 + part.parse::<f64>().ok()?;
    }
    Some(secs)
}

fn audio_problems(path: &Path, length: &str, mime: &str, what: &str, problems: &mut Vec<String>) {
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    if length.parse::<u64>().ok() != Some(size) {
        problems.push(format!(
            "{what}: length is {length}, but {} has {size} bytes",
            path.display()
        ));
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match Format::by_extension(extension) {
        Some(format) if format.mime == mime => {}
        Some(format) => problems.push(format!(
            "{what}: type is {mime}, but {} is {}",
            path.display(),
            format.mime
        )),
        None => problems.push(format!(
            "{what}: {} is not audio voxpress writes",
            path.display()
        )),
    }
}

fn image_problems(path: &Path, problems: &mut Vec<String>) {
    match Cover::load(path) {
        Err(e) => problems.push(e.to_string()),
        Ok(image) => problems.extend(show::image_problem(&image)),
    }
}

/// Finds a URL's file in the folder (noting it), or says why it is not there.
type FileOf<'a> = dyn FnMut(&str, &str, &mut Vec<String>) -> Option<PathBuf> + 'a;

fn chapter_problems(
    item: &Item,
    duration: f64,
    what: &dyn Fn(&str) -> String,
    file_of: &mut FileOf<'_>,
    problems: &mut Vec<String>,
) {
    let Some(chapters) = podcast_elements(item, "chapters").first() else {
        problems.push(what("no podcast:chapters"));
        return;
    };
    if chapters.attrs.get("type").map(String::as_str) != Some(feed::CHAPTERS_MIME) {
        problems.push(what(&format!(
            "podcast:chapters type is not {}",
            feed::CHAPTERS_MIME
        )));
    }
    let url = chapters.attrs.get("url").cloned().unwrap_or_default();
    let Some(path) = file_of(&url, &what("podcast:chapters"), problems) else {
        return;
    };
    let json: Option<serde_json::Value> = std::fs::read(&path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let starts: Option<Vec<f64>> = json.as_ref().and_then(|j| {
        j.get("version")?;
        j.get("chapters")?
            .as_array()?
            .iter()
            .map(|c| c.get("startTime")?.as_f64())
            .collect()
    });
    match starts {
        None => problems.push(what(&format!(
            "{} is not Podcasting 2.0 chapters JSON",
            path.display()
        ))),
        Some(starts) => {
            let ordered = starts.windows(2).all(|w| w[0] <= w[1]);
            if !ordered || starts.iter().any(|&s| s < 0.0 || s > duration) {
                problems.push(what(&format!(
                    "{}: chapter starts are out of order or past the audio's end",
                    path.display()
                )));
            }
        }
    }
}
