//! The `piper` engine: Piper neural voices (VITS models in ONNX) run with ONNX Runtime.
//!
//! A voice is an `.onnx` model plus its `.onnx.json` config. Text is phonemized by the espeak-ng
//! compiled into voxpress, clause by clause, exactly as Piper does: each clause's IPA phonemes
//! (language-switch flags removed) followed by its final punctuation, a space after `, : ;`,
//! decomposed into code points (NFD) and mapped to ids as `^ _ (id _)* $`. Each sentence runs
//! through the model with `input`, `input_lengths`, `scales` (noise, length, noise_w) and `sid`
//! for multi-speaker voices.
//!
//! ONNX Runtime is loaded at run time (`ort` with `load-dynamic`) from `$ORT_DYLIB_PATH` or the
//! library `scripts/setup.sh` puts in `vendor/onnxruntime/`.

use super::espeak::{Espeak, DEFAULT_RATE};
use super::presets::{config_path, Preset};
use super::{locate, Backend, EngineInfo, SynthError};
use ort::session::builder::GraphOptimizationLevel;
use ort::session::Session;
use ort::value::Tensor;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use unicode_normalization::UnicodeNormalization;

pub static ENGINE: EngineInfo = EngineInfo {
    name: "piper",
    description: "Piper neural voices through ONNX Runtime",
    languages: &["en-us"],
    max_chunk_chars: 350,
};

/// The ONNX Runtime version `scripts/setup.sh` installs.
pub const RUNTIME_VERSION: &str = "1.32.0";

/// What Piper's `.onnx.json` says that we use.
#[derive(Debug, Clone, Deserialize)]
pub struct PiperConfig {
    pub audio: AudioConfig,
    pub espeak: EspeakConfig,
    #[serde(default)]
    pub inference: InferenceConfig,
    #[serde(default = "one")]
    pub num_speakers: u32,
    pub phoneme_id_map: HashMap<String, Vec<i64>>,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Deserialize)]
pub struct AudioConfig {
    pub sample_rate: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EspeakConfig {
    pub voice: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct InferenceConfig {
    pub noise_scale: f32,
    pub length_scale: f32,
    pub noise_w: f32,
}

impl Default for InferenceConfig {
    fn default() -> Self {
        InferenceConfig {
            noise_scale: 0.667,
            length_scale: 1.0,
            noise_w: 0.8,
        }
    }
}

/// Maps phonemes to model input ids the way Piper does.
#[derive(Debug, Clone)]
pub struct PhonemeIds {
    map: HashMap<String, Vec<i64>>,
}

impl PhonemeIds {
    pub fn new(map: HashMap<String, Vec<i64>>) -> PhonemeIds {
        PhonemeIds { map }
    }

    /// `^ _ (id _)* $`, skipping phonemes the voice does not know.
    pub fn ids(&self, phonemes: &[String]) -> Vec<i64> {
        let get = |p: &str| self.map.get(p).cloned().unwrap_or_default();
        let mut ids = get("^");
        ids.extend(get("_"));
        for p in phonemes {
            if let Some(found) = self.map.get(p.as_str()) {
                ids.extend(found);
                ids.extend(get("_"));
            }
        }
        ids.extend(get("$"));
        ids
    }
}

/// Piper's phonemes for `text`, one list per sentence.
pub fn phonemize(espeak: &Espeak, text: &str) -> Result<Vec<Vec<String>>, SynthError> {
    let mut sentences = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for clause in espeak.clauses(text)? {
        let terminator = terminator(&clause.consumed);
        let mut phonemes = strip_language_flags(&clause.phonemes);
        if let Some(t) = terminator {
            phonemes.push(t);
            if matches!(t, ',' | ':' | ';') {
                phonemes.push(' ');
            }
        }
        current.extend(phonemes.nfd().map(String::from));
        if matches!(terminator, Some('.' | '?' | '!')) {
            sentences.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// The clause's final punctuation: espeak reads one character past the clause, which is dropped;
/// the last of `. , ? ! : ;` in what remains is the terminator.
fn terminator(consumed: &str) -> Option<char> {
    let mut chars: Vec<char> = consumed.chars().collect();
    chars.pop();
    chars
        .into_iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .filter(|c| matches!(c, '.' | ',' | '?' | '!' | ':' | ';'))
}

fn strip_language_flags(phonemes: &str) -> String {
    let mut out = String::with_capacity(phonemes.len());
    let mut depth = 0;
    for c in phonemes.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The ONNX Runtime library: `$ORT_DYLIB_PATH`, else the one setup installed.
pub fn runtime_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ORT_DYLIB_PATH") {
        return Some(PathBuf::from(path));
    }
    locate::find(&format!(
        "vendor/onnxruntime/libonnxruntime.so.{RUNTIME_VERSION}"
    ))
}

/// Loads ONNX Runtime once per process; a bad path is an error, never a panic.
fn runtime() -> Result<&'static ort::environment::Environment, SynthError> {
    static RUNTIME: OnceLock<Result<ort::environment::Environment, SynthError>> = OnceLock::new();
    let loaded = RUNTIME.get_or_init(|| {
        let path = runtime_path().ok_or(SynthError::RuntimeMissing)?;
        let failed = |message: String| SynthError::Runtime {
            path: path.display().to_string(),
            message,
        };
        if !path.is_file() {
            return Err(failed("no such file".into()));
        }
        ort::init_from(&path)
            .map_err(|e| failed(e.to_string()))?
            .with_name("voxpress")
            .build()
            .map_err(|e| failed(e.to_string()))
    });
    loaded.as_ref().map_err(SynthError::clone)
}

/// How many sessions to keep (one per worker) and threads per session.
#[derive(Debug, Clone, Copy)]
pub struct Parallelism {
    pub sessions: usize,
    pub threads_per_session: usize,
}

/// A Piper voice, ready to speak.
pub struct Piper {
    name: String,
    model: PathBuf,
    checksum: String,
    config: PiperConfig,
    ids: PhonemeIds,
    speaker: Option<i64>,
    scales: [f32; 3],
    espeak: Espeak,
    parallelism: Parallelism,
    /// Created on first use, so a build served wholly from the cache never loads the model.
    sessions: OnceLock<Result<Vec<Mutex<Session>>, SynthError>>,
}

impl Piper {
    pub fn open(preset: &Preset, parallelism: Parallelism) -> Result<Piper, SynthError> {
        let model = preset.model_path().ok_or_else(|| SynthError::Preset {
            path: preset.path.display().to_string(),
            message: "a piper preset needs `model`".into(),
        })?;
        let config_file = config_path(&model);
        if !model.is_file() || !config_file.is_file() {
            return Err(SynthError::NotInstalled {
                name: preset.name.clone(),
                hint: format!(
                    "{} is missing; run `{}`",
                    model.display(),
                    preset.install.as_deref().unwrap_or("bash scripts/setup.sh")
                ),
            });
        }
        let bad = |path: &Path, message: String| SynthError::Model {
            path: path.display().to_string(),
            message,
        };
        let text =
            std::fs::read_to_string(&config_file).map_err(|e| bad(&config_file, e.to_string()))?;
        let config: PiperConfig = serde_json::from_str(&text)
            .map_err(|e| bad(&config_file, format!("not a Piper voice config: {e}")))?;
        let inference = &config.inference;
        let scales = [
            preset.noise_scale.unwrap_or(inference.noise_scale),
            preset.length_scale.unwrap_or(inference.length_scale),
            preset.noise_w.unwrap_or(inference.noise_w),
        ];
        let speaker = (config.num_speakers > 1).then(|| preset.speaker.unwrap_or(0));
        runtime()?;
        let espeak = Espeak::open(&preset.name, &config.espeak.voice, DEFAULT_RATE)?;
        Ok(Piper {
            name: preset.name.clone(),
            checksum: model_checksum(&model).map_err(|e| bad(&model, e.to_string()))?,
            model,
            ids: PhonemeIds::new(config.phoneme_id_map.clone()),
            config,
            speaker,
            scales,
            espeak,
            parallelism,
            sessions: OnceLock::new(),
        })
    }

    /// The ids the model is given for `text`, one list per sentence.
    pub fn phoneme_ids(&self, text: &str) -> Result<Vec<Vec<i64>>, SynthError> {
        Ok(phonemize(&self.espeak, text)?
            .iter()
            .map(|p| self.ids.ids(p))
            .collect())
    }

    fn run(&self, ids: Vec<i64>) -> Result<Vec<f32>, SynthError> {
        let failed = |e: ort::Error| SynthError::Model {
            path: self.model.display().to_string(),
            message: e.to_string(),
        };
        let len = ids.len();
        let input = Tensor::from_array(([1usize, len], ids)).map_err(failed)?;
        let lengths = Tensor::from_array(([1usize], vec![len as i64])).map_err(failed)?;
        let scales = Tensor::from_array(([3usize], self.scales.to_vec())).map_err(failed)?;
        let mut session = self.free_session()?;
        let outputs = match self.speaker {
            Some(sid) => {
                let sid = Tensor::from_array(([1usize], vec![sid])).map_err(failed)?;
                session.run(ort::inputs!["input" => input, "input_lengths" => lengths, "scales" => scales, "sid" => sid])
            }
            None => session.run(ort::inputs!["input" => input, "input_lengths" => lengths, "scales" => scales]),
        }
        .map_err(failed)?;
        let (_, audio) = outputs[0].try_extract_tensor::<f32>().map_err(failed)?;
        Ok(audio.to_vec())
    }

    /// An idle session, or (all busy) the first one to come free.
    fn free_session(&self) -> Result<std::sync::MutexGuard<'_, Session>, SynthError> {
        let sessions = self
            .sessions
            .get_or_init(|| self.load_sessions())
            .as_ref()
            .map_err(SynthError::clone)?;
        for s in sessions {
            if let Ok(guard) = s.try_lock() {
                return Ok(guard);
            }
        }
        Ok(sessions[0].lock().unwrap_or_else(|p| p.into_inner()))
    }

    fn load_sessions(&self) -> Result<Vec<Mutex<Session>>, SynthError> {
        let environment = runtime()?;
        (0..self.parallelism.sessions.max(1))
            .map(|_| {
                Session::builder(environment)
                    .and_then(|b| {
                        b.with_optimization_level(GraphOptimizationLevel::All)
                            .map_err(Into::into)
                    })
                    .and_then(|b| {
                        b.with_intra_threads(self.parallelism.threads_per_session.max(1))
                            .map_err(Into::into)
                    })
                    .and_then(|mut b| b.commit_from_file(&self.model))
                    .map(Mutex::new)
                    .map_err(|e| SynthError::Model {
                        path: self.model.display().to_string(),
                        message: format!("not a usable ONNX model: {e}"),
                    })
            })
            .collect()
    }
}

impl Backend for Piper {
    fn engine(&self) -> &'static EngineInfo {
        &ENGINE
    }

    fn voice(&self) -> &str {
        &self.name
    }

    fn sample_rate(&self) -> u32 {
        self.config.audio.sample_rate
    }

    fn fingerprint(&self) -> String {
        let [noise, length, noise_w] = self.scales;
        format!(
            "piper:{}:speaker={:?}:scales={noise},{length},{noise_w}:espeak={}:{}",
            self.checksum,
            self.speaker,
            super::espeak::data_hash(),
            self.config.espeak.voice
        )
    }

    fn synthesize(&self, text: &str) -> Result<Vec<f32>, SynthError> {
        let mut samples = Vec::new();
        for ids in self.phoneme_ids(text)? {
            if ids.len() > 3 {
                samples.extend(self.run(ids)?);
            }
        }
        Ok(samples)
    }
}

/// The model's SHA-256, remembered in `<model>.sha256` beside it (with the size and modification
/// time it was computed for) so that it is read in full only once per model file.
fn model_checksum(path: &Path) -> std::io::Result<String> {
    let meta = std::fs::metadata(path)?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let stamp = format!("{} {modified}", meta.len());
    let mut memo = path.as_os_str().to_owned();
    memo.push(".sha256");
    if let Ok(text) = std::fs::read_to_string(&memo) {
        if let Some((seen, hash)) = text.trim().rsplit_once(' ') {
            if seen == stamp && hash.len() == 64 {
                return Ok(hash.to_string());
            }
        }
    }
    let hash = file_checksum(path)?;
    // Remembering is an optimization: a read-only voices folder just means hashing again.
    let _ = crate::atomic::write(Path::new(&memo), format!("{stamp} {hash}\n").as_bytes());
    Ok(hash)
}

/// SHA-256 of a file, hex.
fn file_checksum(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_character_read_past_the_clause_is_not_its_terminator() {
        assert_eq!(terminator("Hello, w"), Some(','));
        assert_eq!(terminator("It ended. "), Some('.'));
        assert_eq!(terminator("no stop\0"), None);
        assert_eq!(strip_language_flags("(en)hɛloʊ(fr)"), "hɛloʊ");
    }
}
