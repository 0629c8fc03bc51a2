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
use crate::model::phonemes::{segments, Segment};
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

    /// [`PhonemeIds::ids`], with the index in `phonemes` each id was made for (the pad after a
    /// phoneme is its own too); `None` for the ids that open and close the run.
    pub fn ids_with_owners(&self, phonemes: &[String]) -> (Vec<i64>, Vec<Option<usize>>) {
        let get = |p: &str| self.map.get(p).cloned().unwrap_or_default();
        let mut ids = get("^");
        ids.extend(get("_"));
        let mut owners = vec![None; ids.len()];
        for (k, p) in phonemes.iter().enumerate() {
            if let Some(found) = self.map.get(p.as_str()) {
                let pad = get("_");
                owners.extend(std::iter::repeat_n(Some(k), found.len() + pad.len()));
                ids.extend(found);
                ids.extend(pad);
            }
        }
        let end = get("$");
        owners.extend(std::iter::repeat_n(None, end.len()));
        ids.extend(end);
        (ids, owners)
    }
}

/// The words of one model run at the samples its phonemes last (`frames` per input id, `hop`
/// samples a frame, the run's audio starting at `offset`), each with its phoneme count.
///
/// Between two words joined in speech the model spends a few frames on the space between them,
/// the transition from one word into the next; each word takes half of it. Where punctuation
/// stands between them (a pause) the words keep their own phonemes' edges.
fn run_words(
    run: &[String],
    owners: &[Option<usize>],
    frames: &[f32],
    hop: f64,
    offset: u64,
) -> Vec<super::timing::Heard> {
    let words = word_of_phonemes(run);
    let mut at = 0f64;
    let mut previous = None;
    let mut spans: Vec<super::timing::Heard> = Vec::new();
    let mut paused = Vec::new();
    let mut pause = true;
    for (owner, d) in owners.iter().zip(frames) {
        let from = offset + (at * hop).round() as u64;
        at += f64::from(*d);
        let to = offset + (at * hop).round() as u64;
        let Some(word) = owner.and_then(|p| words[p]) else {
            let punctuation = owner
                .and_then(|p| run.get(p))
                .is_some_and(|p| !p.trim().is_empty());
            pause |= punctuation;
            continue;
        };
        let first_id_of_phoneme = *owner != previous;
        previous = *owner;
        match spans.get_mut(word) {
            Some(span) => {
                span.samples.end = to;
                span.phonemes += usize::from(first_id_of_phoneme);
            }
            None => {
                spans.push(super::timing::Heard {
                    samples: from..to,
                    phonemes: 1,
                });
                paused.push(pause);
                pause = false;
            }
        }
    }
    for k in 1..spans.len() {
        if !paused[k] {
            let middle = (spans[k - 1].samples.end + spans[k].samples.start) / 2;
            spans[k - 1].samples.end = middle;
            spans[k].samples.start = middle;
        }
    }
    spans
}

/// How many phonemes of words (not spaces or punctuation) `phonemes` holds.
fn word_phonemes(phonemes: &[String]) -> usize {
    phonemes
        .iter()
        .filter(|p| !p.trim().is_empty() && !p.chars().all(|c| c.is_ascii_punctuation()))
        .count()
}

/// Which word of a run each phoneme belongs to: words are separated by spaces; spaces and
/// punctuation belong to none.
fn word_of_phonemes(phonemes: &[String]) -> Vec<Option<usize>> {
    let mut word = 0;
    let mut in_word = false;
    phonemes
        .iter()
        .map(|p| {
            if p.trim().is_empty() {
                if in_word {
                    word += 1;
                    in_word = false;
                }
                None
            } else if p.chars().all(|c| c.is_ascii_punctuation()) {
                None
            } else {
                in_word = true;
                Some(word)
            }
        })
        .collect()
}

/// Piper's phonemes for `text`, one list per sentence.
pub fn phonemize(espeak: &Espeak, text: &str) -> Result<Vec<Vec<String>>, SynthError> {
    Ok(phonemize_clauses(espeak, text)?
        .into_iter()
        .map(|clauses| clauses.concat())
        .collect())
}

/// Piper's phonemes for `text`: sentences, each a list of clauses (each ending with its
/// punctuation, as Piper joins them).
fn phonemize_clauses(espeak: &Espeak, text: &str) -> Result<Vec<Vec<Vec<String>>>, SynthError> {
    let mut sentences = Vec::new();
    let mut current: Vec<Vec<String>> = Vec::new();
    for segment in segments(text) {
        let words = match segment {
            Segment::Ipa(ipa) => {
                // A lexicon's IPA goes in as it is, between spaces like any word.
                let marked = format!(" {ipa} ");
                current.push(marked.nfd().map(String::from).collect());
                continue;
            }
            Segment::Words(words) => words,
        };
        if words.trim().is_empty() {
            continue;
        }
        phonemize_words(espeak, words, &mut current, &mut sentences)?;
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// Adds the clauses of `text` to the sentence being built, closing sentences at `. ? !`.
fn phonemize_words(
    espeak: &Espeak,
    text: &str,
    current: &mut Vec<Vec<String>>,
    sentences: &mut Vec<Vec<Vec<String>>>,
) -> Result<(), SynthError> {
    for clause in espeak.clauses(text)? {
        let terminator = terminator(&clause.consumed);
        let mut phonemes = strip_language_flags(&clause.phonemes);
        if let Some(t) = terminator {
            phonemes.push(t);
            if matches!(t, ',' | ':' | ';') {
                phonemes.push(' ');
            }
        }
        current.push(phonemes.nfd().map(String::from).collect());
        if matches!(terminator, Some('.' | '?' | '!')) {
            sentences.push(std::mem::take(current));
        }
    }
    Ok(())
}

/// The most phonemes one model run is given (about fifteen words, five seconds of speech).
///
/// A run's memory grows with the audio it makes (about 6 MB a word for a medium voice), so a long
/// sentence is spoken in runs of whole clauses, and a clause longer than this in runs of whole
/// words. Piper itself runs whole sentences; splitting at a comma keeps the voice's own pause there.
pub const MAX_RUN_PHONEMES: usize = 90;

/// One sentence's clauses grouped into model runs of at most `max` phonemes, never splitting a
/// word, and a clause only when it alone is longer than `max`.
pub fn runs(clauses: Vec<Vec<String>>, max: usize) -> Vec<Vec<String>> {
    let mut pieces: Vec<Vec<String>> = Vec::new();
    for clause in clauses {
        if clause.len() <= max {
            pieces.push(clause);
            continue;
        }
        let mut part = Vec::new();
        for phoneme in clause {
            let at_space = phoneme == " ";
            part.push(phoneme);
            if at_space && part.len() >= max * 2 / 3 {
                pieces.push(std::mem::take(&mut part));
            }
        }
        if !part.is_empty() {
            pieces.push(part);
        }
    }
    let mut runs: Vec<Vec<String>> = Vec::new();
    for piece in pieces {
        match runs.last_mut() {
            Some(run) if run.len() + piece.len() <= max => run.extend(piece),
            _ => runs.push(piece),
        }
    }
    runs
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
    locate::runtime_library(&format!("libonnxruntime.so.{RUNTIME_VERSION}"))
}

/// Whether the ONNX Runtime library loads (for `voxpress doctor`).
pub fn check_runtime() -> Result<(), SynthError> {
    runtime().map(|_| ())
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

/// How many model sessions run at once, and ONNX Runtime threads in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parallelism {
    pub sessions: usize,
    pub threads_per_session: usize,
}

/// Threads one session uses well; past this, another session pays better than more threads.
const THREADS_PER_SESSION: usize = 4;

impl Parallelism {
    /// Sessions x threads is the core count. Each session holds its own copy of the weights
    /// (about 100 MB for a medium voice) and its own run's working memory, and on two cores one
    /// session with two threads is as fast as two with one (measured: 6.7 s and 6.5 s for the
    /// shared sample) at half the memory, so sessions are added only for every four cores, and
    /// never more than `jobs`.
    pub fn for_jobs(jobs: usize, cores: usize) -> Parallelism {
        let cores = cores.max(1);
        let sessions = cores.div_ceil(THREADS_PER_SESSION).min(jobs).max(1);
        Parallelism {
            sessions,
            threads_per_session: (cores / sessions).max(1),
        }
    }
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
    /// The copy of the model that also outputs each phoneme's duration (`w_ceil`), made by
    /// `scripts/piper_timing.py` at install time; the model itself is used when it is missing.
    timing_model: Option<PathBuf>,
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
        // Both files are checked now, before any work, not when the first chunk is spoken.
        super::onnx::check_model(&model).map_err(|message| bad(&model, message))?;
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
        let timing_model = Some(super::presets::timing_copy(&model))
            .filter(|copy| copy.is_file() && super::onnx::check_model(copy).is_ok());
        Ok(Piper {
            timing_model,
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

    /// True when the voice reads word timings from its model (see [`super::presets::timing_copy`]).
    pub fn has_word_timings(&self) -> bool {
        self.timing_model.is_some()
    }

    /// The audio of one run, and with the timing model each input id's duration in frames.
    fn run(&self, ids: Vec<i64>) -> Result<(Vec<f32>, Option<Vec<f32>>), SynthError> {
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
        let durations = match outputs.get("w_ceil") {
            Some(w) => Some(w.try_extract_tensor::<f32>().map_err(failed)?.1.to_vec()),
            None => None,
        };
        Ok((audio.to_vec(), durations))
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
        // Sessions share one copy of the weights repacked for the CPU's kernels.
        let prepacked = ort::session::builder::PrepackedWeights::new();
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
                    .and_then(|b| b.with_prepacked_weights(&prepacked).map_err(Into::into))
                    .and_then(|mut b| {
                        b.commit_from_file(self.timing_model.as_ref().unwrap_or(&self.model))
                    })
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
        // Timed clips carry their words: a cache made without the timing model is not reused.
        format!(
            "piper:{}:speaker={:?}:scales={noise},{length},{noise_w}:espeak={}:{}{}",
            self.checksum,
            self.speaker,
            super::espeak::data_hash(),
            self.config.espeak.voice,
            if self.timing_model.is_some() {
                ":timed"
            } else {
                ""
            }
        )
    }

    fn synthesize(&self, text: &str) -> Result<Vec<f32>, SynthError> {
        Ok(self.clip(text)?.samples)
    }

    fn times_words(&self) -> bool {
        self.has_word_timings()
    }

    /// Speaks `text` run by run; with the timing model, each word's samples are the sum of its
    /// phonemes' durations (frames of the model's hop, the audio's length over the frames).
    fn clip(&self, text: &str) -> Result<crate::model::Clip, SynthError> {
        let mut samples = Vec::new();
        let mut heard: Vec<super::timing::Heard> = Vec::new();
        let mut timed = true;
        for sentence in phonemize_clauses(&self.espeak, text)? {
            for run in runs(sentence, MAX_RUN_PHONEMES) {
                let (ids, owners) = self.ids.ids_with_owners(&run);
                if ids.len() <= 3 {
                    continue;
                }
                let (audio, durations) = self.run(ids)?;
                let offset = samples.len() as u64;
                match durations.filter(|d| d.len() == owners.len()) {
                    Some(frames) => {
                        let total: f32 = frames.iter().sum();
                        let hop = audio.len() as f64 / f64::from(total.max(1.0));
                        heard.extend(run_words(&run, &owners, &frames, hop, offset));
                    }
                    None => timed = false,
                }
                samples.extend(audio);
            }
        }
        let words = if !timed {
            Vec::new()
        } else if heard.len() == super::timing::spoken_words(text).len() {
            let spans: Vec<std::ops::Range<u64>> =
                heard.iter().map(|h| h.samples.clone()).collect();
            super::timing::assign(text, &spans)
        } else {
            // The phonemizer joined or split words: align by each word's phonemes said alone.
            let lengths: Vec<usize> = super::timing::spoken_words(text)
                .into_iter()
                .map(|w| {
                    phonemize(&self.espeak, &text[w])
                        .map(|s| word_phonemes(&s.concat()))
                        .unwrap_or(1)
                })
                .collect();
            super::timing::assign_aligned(text, &lengths, &heard)
        };
        Ok(crate::model::Clip {
            sample_rate: self.sample_rate(),
            samples,
            words,
        })
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
    fn sessions_times_threads_is_the_core_count() {
        let p = |jobs, cores| {
            let p = Parallelism::for_jobs(jobs, cores);
            (p.sessions, p.threads_per_session)
        };
        assert_eq!(p(2, 2), (1, 2));
        assert_eq!(p(1, 2), (1, 2));
        assert_eq!(p(8, 8), (2, 4));
        assert_eq!(p(1, 8), (1, 8));
        assert_eq!(p(16, 16), (4, 4));
        assert_eq!(p(0, 0), (1, 1));
    }

    #[test]
    fn long_sentences_run_in_whole_clauses_and_words() {
        let clause = |s: &str| s.chars().map(String::from).collect::<Vec<_>>();
        let runs = |clauses: &[&str], max| {
            runs(clauses.iter().map(|c| clause(c)).collect(), max)
                .into_iter()
                .map(|r| r.concat())
                .collect::<Vec<_>>()
        };
        assert_eq!(runs(&["ab, ", "cd."], 10), ["ab, cd."]);
        assert_eq!(
            runs(&["abcd, ", "efgh, ", "ij."], 12),
            ["abcd, efgh, ", "ij."]
        );
        // A clause longer than the limit breaks after a space, never inside a word.
        assert_eq!(runs(&["aaa bbb ccc ddd."], 8), ["aaa bbb ", "ccc ddd."]);
    }

    #[test]
    fn the_character_read_past_the_clause_is_not_its_terminator() {
        assert_eq!(terminator("Hello, w"), Some(','));
        assert_eq!(terminator("It ended. "), Some('.'));
        assert_eq!(terminator("no stop\0"), None);
        assert_eq!(strip_language_flags("(en)hɛloʊ(fr)"), "hɛloʊ");
    }
}
