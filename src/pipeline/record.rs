//! The record a finished build leaves (`.STEM.build.json` beside its outputs): the key of
//! everything that decided it, and every file it wrote with its size and modification time, so
//! that an unchanged rebuild is recognized without synthesizing or mastering anything, and a
//! deleted or changed output is noticed (and written again, from the cache).

use super::build::BuildReport;
use super::{Prepared, Request};
use crate::model::Timeline;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A file as the build left it.
#[derive(serde::Serialize, serde::Deserialize, PartialEq)]
struct WrittenFile {
    path: PathBuf,
    len: u64,
    /// Modification time in nanoseconds since the epoch.
    modified: u128,
}

impl WrittenFile {
    fn now(path: &Path) -> Option<WrittenFile> {
        let meta = std::fs::metadata(path).ok()?;
        Some(WrittenFile {
            path: path.to_path_buf(),
            len: meta.len(),
            modified: modified_nanos(&meta),
        })
    }
}

fn modified_nanos(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// What a finished build leaves behind to recognize itself next time.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct BuildRecord {
    key: String,
    audio: Vec<PathBuf>,
    sidecars: Vec<PathBuf>,
    /// Every file above, as it was left.
    files: Vec<WrittenFile>,
    timeline: Timeline,
    loudness: Option<(f64, f64)>,
    chunks: usize,
}

impl BuildRecord {
    pub(super) fn of(key: &str, report: &BuildReport) -> BuildRecord {
        BuildRecord {
            key: key.to_string(),
            audio: report.audio.clone(),
            sidecars: report.sidecars.clone(),
            files: report.files().filter_map(|p| WrittenFile::now(p)).collect(),
            timeline: report.timeline.clone(),
            loudness: report.loudness,
            chunks: report.chunks,
        }
    }
}

/// Everything that decides a build's output: voxpress's version, the script, each voice's
/// fingerprint, the mastering settings, the metadata and the music and cover files (by size and
/// modification time).
pub(super) fn build_key(prepared: &Prepared, request: &Request) -> String {
    use sha2::{Digest, Sha256};
    let stamp = |path: &Path| {
        let meta = std::fs::metadata(path).ok();
        let modified = meta.as_ref().map_or(0, modified_nanos);
        format!(
            "{}:{}:{modified}",
            path.display(),
            meta.map_or(0, |m| m.len())
        )
    };
    let mut hasher = Sha256::new();
    hasher.update(env!("CARGO_PKG_VERSION"));
    hasher.update(serde_json::to_vec(&prepared.script).unwrap_or_default());
    for (name, backend) in &prepared.backends {
        hasher.update(format!("{name}={}", backend.fingerprint()));
    }
    hasher.update(format!("{:?}{:?}", request.mastering, prepared.metadata));
    let music = prepared
        .intro
        .iter()
        .chain(&prepared.outro)
        .map(|m| format!("{}{:?}", stamp(&m.audio), m.text));
    for part in music
        .chain(
            prepared
                .interludes
                .iter()
                .map(|(k, p)| format!("{k}:{}", stamp(p))),
        )
        .chain(prepared.metadata.cover.iter().map(|c| stamp(&c.path)))
    {
        hasher.update(part);
    }
    crate::checksum::hex(&hasher.finalize())
}

/// The report of the recorded build if its key is `key` and every file it wrote is still there
/// as it left it.
pub(super) fn up_to_date(record: &Path, key: &str) -> Option<BuildReport> {
    let text = std::fs::read(record).ok()?;
    let record: BuildRecord = serde_json::from_slice(&text).ok()?;
    let listed = record.audio.len() + record.sidecars.len();
    let unchanged = record.files.len() == listed
        && record
            .files
            .iter()
            .all(|f| WrittenFile::now(&f.path).as_ref() == Some(f));
    (record.key == key && unchanged).then_some(BuildReport {
        audio: record.audio,
        sidecars: record.sidecars,
        loudness: record.loudness,
        timeline: record.timeline,
        chunks: record.chunks,
        synthesized: 0,
        cached: record.chunks,
        elapsed: Duration::ZERO,
        notices: Vec::new(),
        stem: String::new(),
        metadata: crate::stitch::Metadata::default(),
    })
}
