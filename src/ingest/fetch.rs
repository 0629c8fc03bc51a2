//! Articles by address: `voxpress build https://…` fetches the page once into the page cache and
//! reads it from there, so an edition rebuilds offline; `--refresh` asks the server again (with
//! the ETag and Last-Modified it gave, so an unchanged page is not sent twice).
//!
//! A fetch waits at most `CONNECT` to connect and `WHOLE` in all, follows at most
//! `REDIRECTS` redirects, takes at most `MAX_BYTES`, sends a browser's `Accept` and a
//! `User-Agent` naming voxpress. What came is an HTML page, plain text or a PDF by its content
//! type and its first bytes (an image or anything else is an error saying so); a PDF is kept as it
//! came, and text is decoded from the charset the header or the page names and kept as UTF-8, so
//! spans point into the cached copy. A missing page (404, 410) or one the server refuses is the user's to fix (exit
//! 2); no connection, a timeout or a server error is a failure while working (exit 1).

use super::IngestError;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Longest wait to connect.
const CONNECT: Duration = Duration::from_secs(15);
/// Longest wait for the whole page.
const WHOLE: Duration = Duration::from_secs(60);
/// Most redirects followed.
const REDIRECTS: u32 = 5;
/// Largest page taken.
const MAX_BYTES: u64 = 32 * 1024 * 1024;
/// What voxpress asks for: pages first, then plain text.
const ACCEPT: &str =
    "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5";

/// Where fetched pages are kept, and whether to ask the server again.
#[derive(Debug, Clone)]
pub struct PageCache {
    /// The folder of cached pages (`$XDG_CACHE_HOME/voxpress/pages`).
    pub dir: PathBuf,
    /// Ask the server again even when the page is cached.
    pub refresh: bool,
}

/// What the cache knows of a page besides its text.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Record {
    url: String,
    etag: Option<String>,
    last_modified: Option<String>,
    content_type: Option<String>,
    /// The file the page is in, beside the record: `page.html`, `page.txt` or `page.pdf`.
    file: String,
}

/// True when `input` is a web address rather than a file.
pub fn is_address(input: &str) -> bool {
    let lower = input
        .trim_start()
        .get(..8)
        .unwrap_or("")
        .to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The cached copy of the page at `url`, fetched first when it is not cached or `refresh` is asked.
pub fn page(url: &str, cache: &PageCache) -> Result<PathBuf, IngestError> {
    let folder = cache.dir.join(key(url));
    let known: Option<Record> = std::fs::read(folder.join("page.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .filter(|r: &Record| folder.join(&r.file).is_file());
    if let Some(record) = known.as_ref().filter(|_| !cache.refresh) {
        return Ok(folder.join(&record.file));
    }
    let network = |why: String| IngestError::Network {
        url: url.to_string(),
        why,
    };
    let agent = ureq::Agent::config_builder()
        .timeout_connect(Some(CONNECT))
        .timeout_global(Some(WHOLE))
        .max_redirects(REDIRECTS)
        .user_agent(concat!(
            "voxpress/",
            env!("CARGO_PKG_VERSION"),
            " (article reader)"
        ))
        .http_status_as_error(false)
        .build()
        .new_agent();
    let mut request = agent.get(url).header("Accept", ACCEPT);
    if let Some(record) = &known {
        if let Some(etag) = &record.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &record.last_modified {
            request = request.header("If-Modified-Since", date);
        }
    }
    let mut response = request.call().map_err(|e| network(why(&e)))?;
    let status = response.status().as_u16();
    if status == 304 {
        if let Some(record) = known {
            return Ok(folder.join(record.file));
        }
    }
    if !(200..300).contains(&status) {
        return Err(IngestError::HttpStatus {
            url: url.to_string(),
            status,
        });
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (content_type, etag, last_modified) = (
        header("content-type"),
        header("etag"),
        header("last-modified"),
    );
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_BYTES)
        .read_to_vec()
        .map_err(|e| network(why(&e)))?;
    let kind = kind_of(content_type.as_deref(), &body).map_err(|kind| IngestError::NotAPage {
        url: url.to_string(),
        kind,
    })?;
    let bytes = match kind {
        Kind::Pdf => body,
        _ => decode(&body, content_type.as_deref()).into_bytes(),
    };
    let record = Record {
        url: url.to_string(),
        etag,
        last_modified,
        content_type,
        file: format!("page.{}", kind.extension()),
    };
    store(&folder, &record, &bytes).map_err(|e| network(format!("cannot keep the page: {e}")))?;
    Ok(folder.join(record.file))
}

/// What was fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Html,
    Text,
    /// A PDF, kept as it came and read by [`super::pdf`].
    Pdf,
}

impl Kind {
    fn extension(self) -> &'static str {
        match self {
            Kind::Html => "html",
            Kind::Text => "txt",
            Kind::Pdf => "pdf",
        }
    }
}

/// An HTML page, plain text or a PDF, by content type and then by the first bytes; else what it
/// is.
fn kind_of(content_type: Option<&str>, body: &[u8]) -> Result<Kind, String> {
    let essence = content_type
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let start = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_string();
    if body.starts_with(b"%PDF-") || essence == "application/pdf" {
        return Ok(Kind::Pdf);
    }
    match essence.as_str() {
        "text/html" | "application/xhtml+xml" => Ok(Kind::Html),
        "text/plain" | "text/markdown" if !super::looks_like_html(&start) => Ok(Kind::Text),
        "" | "text/plain" | "application/octet-stream" | "application/xml" | "text/xml"
            if super::looks_like_html(&start) =>
        {
            Ok(Kind::Html)
        }
        "" if !start.contains('\0') => Ok(Kind::Text),
        _ => Err(format!("{essence}, not a web page")),
    }
}

/// The body as text: in the charset the header names, else a byte order mark's, else the one
/// the page's `<meta>` names, else UTF-8 (bytes that are not are replaced).
fn decode(body: &[u8], content_type: Option<&str>) -> String {
    let label = |text: &str| {
        let lower = text.to_ascii_lowercase();
        let at = lower.find("charset=")? + "charset=".len();
        let rest = lower[at..].trim_start_matches(['"', '\'']);
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || "-_:.".contains(c)))
            .unwrap_or(rest.len());
        encoding_rs::Encoding::for_label(&rest.as_bytes()[..end])
    };
    let head = String::from_utf8_lossy(&body[..body.len().min(4096)]).to_string();
    let encoding = content_type
        .and_then(label)
        .or_else(|| encoding_rs::Encoding::for_bom(body).map(|(e, _)| e))
        .or_else(|| label(&head))
        .unwrap_or(encoding_rs::UTF_8);
    encoding.decode(body).0.into_owned()
}

/// Writes the page and its record, each atomically (the page first).
fn store(folder: &Path, record: &Record, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    crate::atomic::write(&folder.join(&record.file), bytes)?;
    let json = serde_json::to_vec_pretty(record).map_err(std::io::Error::other)?;
    crate::atomic::write(&folder.join("page.json"), &json)
}

/// The cache folder's name for `url`.
fn key(url: &str) -> String {
    crate::checksum::hex(&Sha256::digest(url.trim().as_bytes())[..12])
}

/// Why a request failed, in a few words.
fn why(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => "no answer in time".into(),
        ureq::Error::HostNotFound => "no such host".into(),
        ureq::Error::TooManyRedirects => format!("more than {REDIRECTS} redirects"),
        ureq::Error::BodyExceedsLimit(_) => {
            format!("the page is over {} MB", MAX_BYTES / 1024 / 1024)
        }
        ureq::Error::Io(e) => e.to_string(),
        other => other.to_string(),
    }
}

/// A file name for an article at `url`: its last path segment without an extension, else its
/// host ("https://example.org/news/harbor-strike.html?x=1" -> "harbor-strike").
pub fn stem(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let mut parts = rest.split('/').filter(|p| !p.is_empty());
    let host = parts.next().unwrap_or("page").to_string();
    let last = parts
        .next_back()
        .map(|p| p.rsplit_once('.').map_or(p, |(s, _)| s));
    let name: String = last
        .filter(|s| !s.is_empty())
        .map_or(host, str::to_string)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    if name.is_empty() {
        "page".into()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_told_from_files() {
        assert!(is_address("https://example.org/a"));
        assert!(is_address("HTTP://example.org"));
        assert!(!is_address("notes/https.txt"));
        assert!(!is_address("ftp://example.org/a"));
    }

    #[test]
    fn a_page_is_named_by_its_last_segment_else_its_host() {
        assert_eq!(
            stem("https://example.org/news/harbor-strike.html?x=1"),
            "harbor-strike"
        );
        assert_eq!(stem("https://example.org/2024/05/story/"), "story");
        assert_eq!(stem("https://example.org/"), "example.org");
    }

    #[test]
    fn what_came_is_told_by_its_type_then_by_its_start() {
        assert_eq!(
            kind_of(Some("text/html; charset=utf-8"), b"x"),
            Ok(Kind::Html)
        );
        assert_eq!(kind_of(None, b"<!DOCTYPE html><html>"), Ok(Kind::Html));
        assert_eq!(
            kind_of(Some("text/plain"), b"Harbor strike ends"),
            Ok(Kind::Text)
        );
        assert_eq!(kind_of(Some("application/pdf"), b"%PDF-1.7"), Ok(Kind::Pdf));
        assert_eq!(
            kind_of(Some("application/octet-stream"), b"%PDF-1.7"),
            Ok(Kind::Pdf)
        );
        assert!(kind_of(Some("image/png"), b"\x89PNG").is_err());
    }

    #[test]
    fn the_charset_comes_from_the_header_else_the_page() {
        let latin = b"<html><head><meta charset=\"iso-8859-1\"></head><p>caf\xe9</p>";
        assert!(decode(latin, None).contains("café"));
        assert!(decode(b"caf\xe9", Some("text/plain; charset=windows-1252")).contains("café"));
        assert!(decode("café".as_bytes(), Some("text/html")).contains("café"));
    }
}
