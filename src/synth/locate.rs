//! Finds the project's installed files (voice presets, the ONNX Runtime library) without relying
//! on the folder the binary was built in: an environment variable first, then the current folder
//! and the folders above the executable (so `target/release/voxpress` finds the checkout's files).

use std::path::{Path, PathBuf};

/// Folders to look in, most specific first.
fn roots() -> Vec<PathBuf> {
    let mut roots = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        roots.push(cwd);
    }
    if let Ok(exe) = std::env::current_exe() {
        roots.extend(exe.ancestors().skip(1).take(4).map(Path::to_path_buf));
    }
    roots
}

/// The first `relative` path that exists under one of the roots.
pub fn find(relative: &str) -> Option<PathBuf> {
    roots()
        .into_iter()
        .map(|r| r.join(relative))
        .find(|p| p.exists())
}

/// The voices folder: `$VOXPRESS_VOICES`, else the first `voices/` found.
pub fn voices_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("VOXPRESS_VOICES") {
        return Some(PathBuf::from(dir));
    }
    find("voices").filter(|p| p.is_dir())
}
