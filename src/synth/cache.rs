//! The content-addressed chunk cache: a rendered chunk is stored under a hash of everything that
//! decides its sound (the backend's fingerprint: engine, model checksum, settings) and its text.
//!
//! Entries are `<dir>/<2 hex>/<62 hex>.clip`: the magic `VXC3`, the sample rate (u32 LE), the
//! sample count (u64 LE), the word count (u32 LE), the CRC-32 of the body (u32 LE), and the body:
//! the samples (f32 LE), then each word's time (text start and end as u32, start and end sample
//! as u64, LE). They
//! are written to a temporary file and renamed into place, so a killed build or two builds
//! sharing a cache never leave a torn entry, and a failed write (a full disk) leaves nothing. An
//! entry that is not whole and sound (truncated, empty, a wrong header or rate, a checksum that
//! does not match: a disk fault, an older format) is removed and treated as missing, so its
//! chunk is synthesized again and never stitched in.

use crate::model::Clip;
use sha2::{Digest, Sha256};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 4] = b"VXC3";
/// Tells apart the temporary files of entries stored at once by one process.
static NEXT_TEMP: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
/// Magic, sample rate, sample count, word count and checksum.
const HEADER: usize = 24;
/// Text start and end, start and end sample.
const WORD: usize = 24;

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
        crate::checksum::hex(&hasher.finalize())
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{}.clip", &key[2..]))
    }

    /// The cached clip for `key`, if a sound entry exists; an unsound one is removed.
    pub fn get(&self, key: &str) -> Option<Clip> {
        let path = self.path(key);
        let bytes = std::fs::read(&path).ok()?;
        let clip = parse_entry(&bytes);
        if clip.is_none() {
            let _ = std::fs::remove_file(&path);
        }
        clip
    }

    /// Stores `clip` under `key` atomically; on failure nothing is left behind.
    pub fn put(&self, key: &str, clip: &Clip) -> io::Result<()> {
        let path = self.path(key);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut body = Vec::with_capacity(clip.samples.len() * 4 + clip.words.len() * WORD);
        for s in &clip.samples {
            body.extend_from_slice(&s.to_le_bytes());
        }
        for w in &clip.words {
            body.extend_from_slice(&w.text_start.to_le_bytes());
            body.extend_from_slice(&w.text_end.to_le_bytes());
            body.extend_from_slice(&w.start_sample.to_le_bytes());
            body.extend_from_slice(&w.end_sample.to_le_bytes());
        }
        let mut bytes = Vec::with_capacity(HEADER + body.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&clip.sample_rate.to_le_bytes());
        bytes.extend_from_slice(&(clip.samples.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&(clip.words.len() as u32).to_le_bytes());
        bytes.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
        bytes.extend_from_slice(&body);
        // Named as `crate::atomic` names temporary files, so its sweep finds a killed build's;
        // the counter keeps two threads storing the same entry apart.
        let file_name = path.file_name().unwrap_or_default().to_string_lossy();
        let temp = path.with_file_name(format!(
            ".{file_name}.tmp-{}-{}",
            std::process::id(),
            NEXT_TEMP.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let written = std::fs::File::create(&temp)
            .and_then(|mut file| file.write_all(&bytes))
            .and_then(|()| std::fs::rename(&temp, &path));
        written.inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
    }

    /// Removes the temporary files that killed builds left in the cache's folders (never a live
    /// build's). Returns how many were removed.
    pub fn sweep_stale(&self) -> usize {
        let subfolders = std::fs::read_dir(&self.dir).into_iter().flatten().flatten();
        crate::atomic::sweep_stale(&self.dir)
            + subfolders
                .map(|entry| crate::atomic::sweep_stale(&entry.path()))
                .sum::<usize>()
    }
}

/// The clip in a cache entry's bytes, if they are a whole, sound entry.
fn parse_entry(bytes: &[u8]) -> Option<Clip> {
    if bytes.len() < HEADER || &bytes[..4] != MAGIC {
        return None;
    }
    let sample_rate = u32::from_le_bytes(bytes[4..8].try_into().ok()?);
    let count = u64::from_le_bytes(bytes[8..16].try_into().ok()?);
    let word_count = u32::from_le_bytes(bytes[16..20].try_into().ok()?);
    let checksum = u32::from_le_bytes(bytes[20..24].try_into().ok()?);
    let body = &bytes[HEADER..];
    let samples_len = usize::try_from(count.checked_mul(4)?).ok()?;
    let words_len = usize::try_from(word_count).ok()?.checked_mul(WORD)?;
    let sound = (1..=384_000).contains(&sample_rate)
        && Some(body.len()) == samples_len.checked_add(words_len)
        && crc32fast::hash(body) == checksum;
    if !sound {
        return None;
    }
    let (sample_bytes, word_bytes) = body.split_at(samples_len);
    let samples = sample_bytes
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let u32_at = |b: &[u8], at: usize| u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    let u64_at =
        |b: &[u8], at: usize| u64::from_le_bytes(b[at..at + 8].try_into().expect("eight bytes"));
    let words = word_bytes
        .chunks_exact(WORD)
        .map(|b| crate::model::WordTime {
            text_start: u32_at(b, 0),
            text_end: u32_at(b, 4),
            start_sample: u64_at(b, 8),
            end_sample: u64_at(b, 16),
        })
        .collect();
    Some(Clip {
        sample_rate,
        samples,
        words,
    })
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
            words: vec![crate::model::WordTime {
                text_start: 0,
                text_end: 5,
                start_sample: 1,
                end_sample: 3,
            }],
        };
        cache.put(&key, &clip).unwrap();
        assert_eq!(cache.get(&key), Some(clip));
        let path = cache.path(&key);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 2]).unwrap();
        assert!(cache.get(&key).is_none());
        assert!(!path.exists(), "a torn entry is removed");
    }

    #[test]
    fn a_flipped_bit_an_empty_file_or_a_wrong_header_is_a_miss_and_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ChunkCache::new(dir.path());
        let clip = Clip {
            sample_rate: 22050,
            samples: vec![0.5; 100],
            words: Vec::new(),
        };
        let key = ChunkCache::key("espeak:x", "Hello.");
        let path = cache.path(&key);
        let damages: [fn(&mut Vec<u8>); 4] = [
            |b| b[HEADER + 7] ^= 0x10,
            |b| b.clear(),
            |b| b[..4].copy_from_slice(b"VXC1"),
            |b| b[4..8].copy_from_slice(&0u32.to_le_bytes()),
        ];
        for damage in damages {
            cache.put(&key, &clip).unwrap();
            assert_eq!(cache.get(&key).as_ref(), Some(&clip));
            let mut bytes = std::fs::read(&path).unwrap();
            damage(&mut bytes);
            std::fs::write(&path, &bytes).unwrap();
            assert!(cache.get(&key).is_none());
            assert!(!path.exists());
        }
    }

    #[test]
    fn a_dead_builds_temporary_entry_is_swept_and_a_live_ones_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ChunkCache::new(dir.path());
        let key = ChunkCache::key("espeak:x", "Hello.");
        let clip = Clip {
            sample_rate: 22050,
            samples: vec![0.5; 10],
            words: Vec::new(),
        };
        cache.put(&key, &clip).unwrap();
        let entry = cache.path(&key);
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        let temp = |pid: u32| entry.with_file_name(format!(".{name}.tmp-{pid}-3"));
        std::fs::write(temp(4_000_000_000), b"half").unwrap();
        std::fs::write(temp(std::process::id()), b"half").unwrap();
        assert_eq!(cache.sweep_stale(), 1);
        assert!(!temp(4_000_000_000).exists() && temp(std::process::id()).exists());
        assert!(entry.exists());
    }

    #[test]
    fn keys_differ_by_fingerprint_and_by_text() {
        let a = ChunkCache::key("piper:abc", "Hello.");
        assert_ne!(a, ChunkCache::key("piper:abd", "Hello."));
        assert_ne!(a, ChunkCache::key("piper:abc", "Hello!"));
        assert_eq!(a.len(), 64);
    }
}
