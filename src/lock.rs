//! One build at a time per output: a build holds an advisory lock on `OUT/.STEM.lock` (with the
//! holder's process id written in it) from before it writes anything until it is done.
//!
//! The operating system releases the lock when the holder exits, however it exits, so a killed
//! build never leaves a stale lock (only a file of no meaning, reused by the next build). A
//! build that finishes removes the file while it still holds the lock; a taker that then finds
//! it has locked a file no longer at that path starts again, so two builds never both hold it. Two
//! builds of different stems into one folder, or of one stem into different folders, do not wait
//! for each other; the chunk cache they may share is safe without a lock (entries are written
//! atomically and checked when read).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// A held output lock; dropping it removes the lock file and releases the lock.
#[derive(Debug)]
pub struct OutputLock {
    file: File,
    path: PathBuf,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Why the lock could not be had.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it: its id, as it wrote it (if it had yet).
    Busy { path: PathBuf, pid: Option<u32> },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl OutputLock {
    /// Takes the lock of `stem` in `dir` without waiting.
    pub fn acquire(dir: &Path, stem: &str) -> Result<OutputLock, LockError> {
        let path = dir.join(format!(".{stem}.lock"));
        loop {
            if let Some(lock) = Self::try_once(&path)? {
                return Ok(lock);
            }
        }
    }

    /// The lock, or `None` when the file locked was removed by its last holder meanwhile.
    fn try_once(path: &Path) -> Result<Option<OutputLock>, LockError> {
        let path = path.to_path_buf();
        let io = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                return Err(LockError::Busy {
                    pid: holder.trim().parse().ok(),
                    path,
                });
            }
            Err(TryLockError::Error(source)) => return Err(io(source)),
        }
        if !still_at_path(&file, &path) {
            return Ok(None);
        }
        file.set_len(0).map_err(io)?;
        file.rewind().map_err(io)?;
        write!(file, "{}", std::process::id()).map_err(io)?;
        Ok(Some(OutputLock { file, path }))
    }
}

/// Whether `path` still names the file `file` is open on.
#[cfg(unix)]
fn still_at_path(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at_path(_: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_with_the_first_ones_pid_until_it_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutputLock::acquire(dir.path(), "weekly").unwrap();
        match OutputLock::acquire(dir.path(), "weekly") {
            Err(LockError::Busy { pid, .. }) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("expected busy, got {other:?}"),
        }
        assert!(OutputLock::acquire(dir.path(), "daily").is_ok());
        drop(first);
        let again = OutputLock::acquire(dir.path(), "weekly").unwrap();
        assert!(dir.path().join(".weekly.lock").exists());
        drop(again);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "nothing left"
        );
    }
}
