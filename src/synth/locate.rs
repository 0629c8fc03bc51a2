//! Where voxpress's installed files are: voice presets and models (`voices/`) and the ONNX
//! Runtime library. They are looked up, in this order, in
//!
//! 1. `$VOXPRESS_HOME`, with `voices/` and `runtime/` inside;
//! 2. the checkout: the current folder and the folders above the executable, with `voices/` and
//!    `vendor/onnxruntime/` (so `target/release/voxpress` finds the checkout's files);
//! 3. the data folder, `$XDG_DATA_HOME/voxpress/` (else `~/.local/share/voxpress/`), with
//!    `voices/` and `runtime/`, where `voxpress setup` installs.
//!
//! `$VOXPRESS_VOICES` names a voices folder ahead of all of them; `ORT_DYLIB_PATH` names the
//! runtime library outright. A voice found in two places is the first one's.

use std::path::{Path, PathBuf};

/// Which kind of place a [`Location`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Home,
    Checkout,
    Data,
}

impl Place {
    pub fn describe(self) -> &'static str {
        match self {
            Place::Home => "$VOXPRESS_HOME",
            Place::Checkout => "the checkout",
            Place::Data => "the data folder",
        }
    }
}

/// One place voxpress looks: its voices folder and its runtime folder (neither need exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub place: Place,
    pub root: PathBuf,
    pub voices: PathBuf,
    pub runtime: PathBuf,
}

/// `$VAR/voxpress` when `VAR` holds an absolute path (the XDG rule), else `~/FALLBACK/voxpress`.
fn xdg_home(var: &str, fallback: &str) -> Option<PathBuf> {
    let base = std::env::var_os(var)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(fallback)))?;
    Some(base.join("voxpress"))
}

/// The data folder: `$XDG_DATA_HOME/voxpress`, else `~/.local/share/voxpress`.
pub fn data_home() -> Option<PathBuf> {
    xdg_home("XDG_DATA_HOME", ".local/share")
}

/// The cache folder: `$XDG_CACHE_HOME/voxpress`, else `~/.cache/voxpress`.
pub fn cache_home() -> Option<PathBuf> {
    xdg_home("XDG_CACHE_HOME", ".cache")
}

/// The state folder (where `play` remembers where you stopped): `$XDG_STATE_HOME/voxpress`,
/// else `~/.local/state/voxpress`.
pub fn state_home() -> Option<PathBuf> {
    xdg_home("XDG_STATE_HOME", ".local/state")
}

/// Where voxpress installs when asked to: `$VOXPRESS_HOME` if set, else the data folder.
pub fn install_home() -> Option<PathBuf> {
    std::env::var_os("VOXPRESS_HOME")
        .map(PathBuf::from)
        .or_else(data_home)
}

fn laid_out(place: Place, root: PathBuf) -> Location {
    Location {
        place,
        voices: root.join("voices"),
        runtime: root.join("runtime"),
        root,
    }
}

/// The first of the current folder and the executable's ancestors that holds `relative`.
fn checkout_with(relative: &str) -> Option<PathBuf> {
    let mut candidates = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        candidates.push(cwd);
    }
    if let Ok(exe) = std::env::current_exe() {
        candidates.extend(exe.ancestors().skip(1).take(4).map(Path::to_path_buf));
    }
    candidates.into_iter().find(|r| r.join(relative).is_dir())
}

/// Every place voxpress looks, in order.
pub fn locations() -> Vec<Location> {
    let mut places = Vec::new();
    if let Some(home) = std::env::var_os("VOXPRESS_HOME") {
        places.push(laid_out(Place::Home, PathBuf::from(home)));
    }
    // The checkout's voices and runtime (a folder of presets in the current folder may sit
    // beside the checkout's runtime above the executable).
    let voices = checkout_with("voices");
    let runtime = checkout_with("vendor/onnxruntime");
    if let Some(root) = voices.clone().or_else(|| runtime.clone()) {
        places.push(Location {
            place: Place::Checkout,
            voices: voices.unwrap_or_else(|| root.clone()).join("voices"),
            runtime: runtime
                .unwrap_or_else(|| root.clone())
                .join("vendor/onnxruntime"),
            root,
        });
    }
    if let Some(data) = data_home() {
        places.push(laid_out(Place::Data, data));
    }
    places
}

/// The voices folders that exist, in order of precedence.
pub fn voices_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("VOXPRESS_VOICES")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    dirs.extend(locations().into_iter().map(|l| l.voices));
    dirs.retain(|d| d.is_dir());
    dirs.dedup();
    dirs
}

/// The runtime library called `name`: `$ORT_DYLIB_PATH`, else the first runtime folder with it.
pub fn runtime_library(name: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ORT_DYLIB_PATH") {
        return Some(PathBuf::from(path));
    }
    locations()
        .into_iter()
        .map(|l| l.runtime.join(name))
        .find(|p| p.is_file())
}
