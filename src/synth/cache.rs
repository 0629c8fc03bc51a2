//! The content-addressed chunk cache: a rendered chunk is stored under a hash of everything that
//! decides its sound (the backend's fingerprint: engine, model checksum, settings) and its text.
//!
//! Entries are `<dir>/<2 hex>/<62 hex>.clip`: the magic `VXC1`, the sample rate (u32 LE), the
//! sample count (u64 LE) and the samples (f32 LE). They are written to a temporary file and
//! renamed into place, so a killed build or two builds sharing a cache never leave a torn entry;
//! an entry of the wrong size is treated as missing and written again.

use crate::model::Clip;
use sha2::{Digest, Sha256};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 4] = b"VXC1";

#[derive(Debug, Clone)]
pub struct ChunkCache {
    dir: PathBuf,
}

impl ChunkCache {
    pub fn new(dir: &Path) -> ChunkCache {
        ChunkCache {
            dir: dir.to_path_buf(),
        }
    }

    /// The key of `text` spoken by a backend with `fingerprint`.
    pub fn key(fingerprint: &str, text: &str) -> String {
        let mut hasher = Sha256::new();
        hasher.update(fingerprint.as_bytes());
        hasher.update([0]);
        hasher.update(text.as_bytes());
        hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{}.clip", &key[2..]))
    }

    /// The cached clip for `key`, if a complete entry exists.
    pub fn get(&self, key: &str) -> Option<Clip> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        if bytes.len() < 16 || &bytes[..4] != MAGIC {
            return None;
        }
        let sample_rate = u32::from_le_bytes(bytes[4..8].try_into().ok()?);
        let count = u64::from_le_bytes(bytes[8..16].try_into().ok()?) as usize;
        let body = &bytes[16..];
        if body.len() != count.checked_mul(4)? {
            return None;
        }
        let samples = body
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        Some(Clip {
            sample_rate,
            samples,
        })
    }

    /// Stores `clip` under `key` atomically.
    pub fn put(&self, key: &str, clip: &Clip) -> io::Result<()> {
        let path = self.path(key);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut bytes = Vec::with_capacity(16 + clip.samples.len() * 4);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&clip.sample_rate.to_le_bytes());
        bytes.extend_from_slice(&(clip.samples.len() as u64).to_le_bytes());
        for s in &clip.samples {
            bytes.extend_from_slice(&s.to_le_bytes());
        }
        let unique = format!(
            "{}.{}.{:?}.tmp",
            path.display(),
            std::process::id(),
            std::thread::current().id()
        );
        let temp = PathBuf::from(unique.replace(['(', ')'], ""));
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(&bytes)?;
        drop(file);
        std::fs::rename(&temp, &path).inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clip_comes_back_as_stored_and_a_torn_entry_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ChunkCache::new(dir.path());
        let key = ChunkCache::key("espeak:x", "Hello.");
        assert!(cache.get(&key).is_none());
        let clip = Clip {
            sample_rate: 22050,
            samples: vec![0.5, -0.25, 0.0],
        };
        cache.put(&key, &clip).unwrap();
        assert_eq!(cache.get(&key), Some(clip));
        let path = cache.path(&key);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 2]).unwrap();
        assert!(cache.get(&key).is_none());
    }

    #[test]
    fn keys_differ_by_fingerprint_and_by_text() {
        let a = ChunkCache::key("piper:abc", "Hello.");
        assert_ne!(a, ChunkCache::key("piper:abd", "Hello."));
        assert_ne!(a, ChunkCache::key("piper:abc", "Hello!"));
        assert_eq!(a.len(), 64);
    }
}
