//! `voxpress doctor`: what voxpress found where (voices, the ONNX Runtime library, espeak-ng's
//! data, the default voice), and for anything missing the command that fixes it.

use crate::synth::locate::{self, Place};
use crate::synth::{self, voice_catalog};

/// One thing looked at: what, what was found, and how to fix it when it is missing.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub what: String,
    pub found: String,
    /// The command that fixes it; `None` when it is fine.
    pub fix: Option<String>,
}

impl Finding {
    fn ok(what: impl Into<String>, found: impl Into<String>) -> Finding {
        Finding {
            what: what.into(),
            found: found.into(),
            fix: None,
        }
    }
}

/// The doctor's verdict when something is missing: how many things (exit code 1).
#[derive(Debug, thiserror::Error)]
#[error("{0} thing(s) to fix, each with its command above")]
pub struct Unhealthy(pub usize);

const SETUP: &str = "voxpress setup (or, in a checkout, bash scripts/setup.sh)";

/// Everything the doctor looks at, in order.
pub fn examine() -> Vec<Finding> {
    let mut findings = Vec::new();
    let home_set = std::env::var_os("VOXPRESS_HOME").is_some();
    if !home_set {
        findings.push(Finding::ok("$VOXPRESS_HOME", "not set"));
    }
    let locations = locate::locations();
    if !locations.iter().any(|l| l.place == Place::Checkout) {
        findings.push(Finding::ok(
            "the checkout",
            "not here (no voices/ in this folder or above voxpress)",
        ));
    }
    for location in &locations {
        let presets = std::fs::read_dir(&location.voices)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
                    .count()
            })
            .ok();
        let voices = match presets {
            Some(n) => format!("{} ({n} presets)", location.voices.display()),
            None => format!("no {}", location.voices.display()),
        };
        let runtime = location.runtime.join(crate::install::RUNTIME_LIBRARY);
        let runtime = if runtime.is_file() {
            runtime.display().to_string()
        } else {
            format!("no {}", runtime.display())
        };
        findings.push(Finding::ok(
            location.place.describe(),
            format!("{}: {voices}; {runtime}", location.root.display()),
        ));
    }
    findings.push(runtime_finding());
    findings.push(match crate::ingest::pdf::glyphs::check() {
        Ok(path) => Finding::ok("PDFium", format!("{} (loads; PDF input)", path.display())),
        Err(why) => Finding {
            what: "PDFium".into(),
            found: format!("{why}: PDFs cannot be read"),
            fix: Some(SETUP.into()),
        },
    });
    match synth::espeak::Espeak::open("espeak", "en-us", synth::espeak::DEFAULT_RATE) {
        Ok(_) => findings.push(Finding::ok(
            "espeak-ng",
            format!(
                "built in; its data unpacked in {}",
                synth::espeak::data_dir().display()
            ),
        )),
        Err(e) => findings.push(Finding {
            what: "espeak-ng".into(),
            found: e.to_string(),
            fix: Some("set VOXPRESS_ESPEAK_DATA to a writable folder".into()),
        }),
    }
    let catalog: Vec<_> = voice_catalog().into_iter().filter(|v| !v.hidden).collect();
    for voice in catalog.iter().filter(|v| v.engine != "kokoro") {
        let status = if voice.installed {
            "installed"
        } else {
            "missing"
        };
        findings.push(voice_finding(
            &format!("voice {}", voice.name),
            voice,
            voice.installed,
            status.into(),
        ));
    }
    // Kokoro's voices share one model: one line for all of them.
    let kokoro: Vec<_> = catalog.iter().filter(|v| v.engine == "kokoro").collect();
    if let Some(first) = kokoro.first() {
        let installed = kokoro.iter().filter(|v| v.installed).count();
        let status = format!("{installed} of {} installed", kokoro.len());
        let all = installed == kokoro.len();
        findings.push(voice_finding("Kokoro voices", first, all, status));
    }
    let (voice, _) = crate::pipeline::default_voice();
    findings.push(Finding {
        what: "default voice".into(),
        found: voice.clone(),
        fix: (voice == crate::pipeline::FALLBACK_VOICE).then(|| SETUP.into()),
    });
    findings
}

/// What was found of `voice` (`status`: whether it is installed), and the fix when it is not
/// `installed` or a neural voice lacks its word timings.
fn voice_finding(
    what: &str,
    voice: &synth::VoiceEntry,
    installed: bool,
    status: String,
) -> Finding {
    let timings = if voice.word_timings {
        "word timings"
    } else {
        "no word timings"
    };
    let neural = matches!(voice.engine, "piper" | "kokoro");
    Finding {
        what: what.into(),
        found: format!("{status} ({}, {timings})", voice.engine),
        fix: (!installed)
            .then(|| voice.install.clone().unwrap_or_else(|| SETUP.into()))
            .or_else(|| {
                (neural && !voice.word_timings)
                    .then(|| "python3 -m pip install onnx, then voxpress setup".to_string())
            }),
    }
}

#[cfg(feature = "piper")]
fn runtime_finding() -> Finding {
    match synth::piper::runtime_path() {
        Some(path) => match synth::piper::check_runtime() {
            Ok(()) => Finding::ok("ONNX Runtime", format!("{} (loads)", path.display())),
            Err(e) => Finding {
                what: "ONNX Runtime".into(),
                found: e.to_string(),
                fix: Some(SETUP.into()),
            },
        },
        None => Finding {
            what: "ONNX Runtime".into(),
            found: format!("no {} in any place above", crate::install::RUNTIME_LIBRARY),
            fix: Some(SETUP.into()),
        },
    }
}

#[cfg(not(feature = "piper"))]
fn runtime_finding() -> Finding {
    Finding::ok(
        "ONNX Runtime",
        "not needed: built without the piper feature",
    )
}
