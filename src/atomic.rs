//! Atomic output files: written under a temporary name beside the target and renamed into place
//! only when complete, so a crash or Ctrl-C never leaves a half file under the real name.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file being written; it appears at its final path only on [`AtomicFile::commit`], and its
/// temporary file is removed if it is dropped uncommitted.
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    committed: bool,
}

impl AtomicFile {
    pub fn new(target: &Path) -> AtomicFile {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = target.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        AtomicFile {
            target: target.to_path_buf(),
            temp,
            committed: false,
        }
    }

    /// The temporary path to write to.
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flushes the temporary file to disk and renames it to the target.
    pub fn commit(mut self) -> io::Result<()> {
        File::open(&self.temp)?.sync_all()?;
        std::fs::rename(&self.temp, &self.target)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Writes `bytes` to `target` atomically.
pub fn write(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let file = AtomicFile::new(target);
    let mut out = BufWriter::new(File::create(file.temp_path())?);
    out.write_all(bytes)?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    file.commit()
}

/// Removes the leftovers of killed runs in `dir`: hidden temporary files (`.NAME.tmp-PID`,
/// `.NAME.pass1-PID`, either perhaps followed by `-TAG` where one process writes several at once)
/// whose process no longer runs. Finished files and the temporary files of
/// live processes are never touched. Returns how many were removed.
pub fn sweep_stale(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') {
            continue;
        }
        let pid = [".tmp-", ".pass1-"]
            .iter()
            .find_map(|mark| name.rsplit_once(mark).map(|(_, pid)| pid))
            .and_then(|pid| pid.split('-').next()?.parse::<u32>().ok());
        let Some(pid) = pid else {
            continue;
        };
        if !process_is_alive(pid) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether an error means the disk (or the user's quota) is full.
pub fn is_disk_full(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

/// Whether process `pid` may still be running. Where there is no /proc to ask, every process
/// counts as alive, so nothing of a live build is ever removed.
fn process_is_alive(pid: u32) -> bool {
    pid == std::process::id()
        || !Path::new("/proc/self").exists()
        || Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uncommitted_file_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.wav");
        {
            let file = AtomicFile::new(&target);
            std::fs::write(file.temp_path(), b"half").unwrap();
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        write(&target, b"whole").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"whole");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn only_the_leftovers_of_dead_processes_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(".a.wav.tmp-4000000000");
        let live = dir
            .path()
            .join(format!(".b.wav.tmp-{}", std::process::id()));
        let dead_tagged = dir.path().join(".c.clip.tmp-4000000000-7");
        let finished = dir.path().join("a.wav");
        for f in [&dead, &live, &dead_tagged, &finished] {
            std::fs::write(f, b"x").unwrap();
        }
        assert_eq!(sweep_stale(dir.path()), 2);
        assert!(!dead.exists() && !dead_tagged.exists() && live.exists() && finished.exists());
    }
}
