//! Resume: where the listener stopped each thing they played, remembered by its content (a
//! file's bytes, an edition's script and voices), so `play` starts there next time.
//!
//! Kept in `resume.json` in the state folder ([`crate::synth::locate::state_home`]), written
//! atomically; entries not touched for [`KEEP_DAYS`] days are dropped whenever it is written.
//! A missing or unreadable file is an empty memory, never an error.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

/// How long an untouched entry is kept.
pub const KEEP_DAYS: u64 = 90;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Memory {
    #[serde(default)]
    entries: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// Seconds from the start where the listener stopped.
    position: f64,
    /// When, in seconds since 1970.
    saved: u64,
    /// What it was, for a person reading the file.
    name: String,
}

/// The key of what is played, from its content.
pub fn key_of(content: &[u8]) -> String {
    let digest = Sha256::digest(content);
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

fn path() -> Option<PathBuf> {
    Some(crate::synth::locate::state_home()?.join("resume.json"))
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn read() -> Memory {
    path()
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

fn write(mut memory: Memory) {
    let Some(path) = path() else { return };
    let oldest = now().saturating_sub(KEEP_DAYS * 86_400);
    memory.entries.retain(|_, e| e.saved >= oldest);
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(json) = serde_json::to_vec_pretty(&memory) {
        // Remembering is a convenience: failing to write costs the listener nothing else.
        let _ = crate::atomic::write(&path, &json);
    }
}

/// Where the listener stopped `key`, in seconds, if they did within [`KEEP_DAYS`] days.
pub fn recall(key: &str) -> Option<f64> {
    let oldest = now().saturating_sub(KEEP_DAYS * 86_400);
    read()
        .entries
        .get(key)
        .filter(|e| e.saved >= oldest)
        .map(|e| e.position)
}

/// Remembers that the listener stopped `key` (called `name`) at `position` seconds.
pub fn remember(key: &str, name: &str, position: f64) {
    let mut memory = read();
    memory.entries.insert(
        key.to_string(),
        Entry {
            position,
            saved: now(),
            name: name.to_string(),
        },
    );
    write(memory);
}

/// Forgets `key`: it was played to the end.
pub fn forget(key: &str) {
    let mut memory = read();
    if memory.entries.remove(key).is_some() {
        write(memory);
    }
}
