//! The `kokoro` engine: Kokoro-82M (v1.0, Apache-2.0), a StyleTTS 2 model, run with the ONNX
//! Runtime Piper uses. Text is phonemized by the embedded espeak-ng as for Piper (American
//! English, or British for the `b*` voices), composed and mapped to the model's vocabulary
//! ([`tokens`]); each run goes in as `tokens` with the voice's style row for its length
//! (`style`, [`voices`]' files: 510 rows of 256 floats) and `speed`, and comes out as 24 kHz
//! audio. With the timing copy of the graph (`scripts/kokoro_timing.py`) the model also gives
//! each token's duration in frames of 600 samples, and so every word its time.
//!
//! Files, relative to the voices folder: `models/kokoro/kokoro-v1.0.int8.onnx` (and its
//! `.timing.onnx` copy), `models/kokoro/vocab.json` and `models/kokoro/voices/NAME.bin`.

mod tokens;
pub mod voices;

use super::espeak::{Espeak, DEFAULT_RATE};
use super::piper::phonemes::{phonemize_clauses, run_words, runs};
use super::piper::session::{model_checksum, runtime, SessionPool};
use super::piper::Parallelism;
use super::presets::{timing_copy, Preset};
use super::timing::Heard;
use super::{Backend, EngineFactory, EngineInfo, PresetFacts, SynthError};
use ort::value::Tensor;
use std::path::{Path, PathBuf};
use tokens::{characters, Vocab, MAX_TOKENS};

pub static ENGINE: EngineInfo = EngineInfo {
    name: "kokoro",
    description: "Kokoro-82M neural voices through ONNX Runtime",
    languages: &["en-us", "en-gb"],
    max_chunk_chars: 350,
};

/// The model's sample rate.
pub const SAMPLE_RATE: u32 = 24_000;
/// Audio samples per frame of the durations the model predicts.
const SAMPLES_PER_FRAME: f64 = 600.0;
/// Floats in one style row, and rows in a voice file (one per run length, 0 to 509 tokens).
const STYLE_WIDTH: usize = 256;
const STYLE_ROWS: usize = 510;
/// How the text becomes tokens and runs, and how words are timed: a change here must not reuse
/// cached clips (which carry their words).
const FRONT_END_VERSION: u32 = 2;
/// The most tokens a run is given: whole sentences up to this (about forty words), longer ones
/// in whole clauses. Kokoro reads up to 509, but a run's memory grows with its audio: on the
/// README's sample, with two sessions, runs of at most 250 tokens peaked at 871 MB and of 120 at
/// 664 MB, 2% slower. At 150, long clauses were cut between words, each cut a pause mid-clause
/// that listeners hear and that put the ASR tool's word starts 90th percentile at 235 ms from
/// ours; at 250, 213 ms.
const MAX_RUN_TOKENS: usize = 250;

/// A Kokoro preset's own settings (the built-in presets of [`voices`] set only `voice`).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The voice's style file stem in `models/kokoro/voices/` (af_heart, bm_george ...).
    pub voice: String,
    /// The graph, relative to the presets folder (default: the one setup installs).
    pub model: Option<PathBuf>,
}

impl Settings {
    fn model(&self, preset: &Preset) -> PathBuf {
        preset.resolve(self.model.as_deref().unwrap_or(Path::new(voices::MODEL)))
    }
}

fn vocab_path(model: &Path) -> PathBuf {
    model.with_file_name("vocab.json")
}

fn style_path(model: &Path, voice: &str) -> PathBuf {
    model.with_file_name("voices").join(format!("{voice}.bin"))
}

pub static FACTORY: EngineFactory = EngineFactory {
    info: &ENGINE,
    open: |preset, options| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let parallelism = Parallelism::one_thread_each(options.jobs, cores);
        Ok(Box::new(Kokoro::open(preset, parallelism, options.rate)?))
    },
    files: |preset| {
        let settings: Settings = preset.settings()?;
        let model = settings.model(preset);
        Ok(vec![
            model.clone(),
            vocab_path(&model),
            style_path(&model, &settings.voice),
        ])
    },
    facts: |preset| PresetFacts {
        sample_rate: SAMPLE_RATE,
        word_timings: preset
            .settings::<Settings>()
            .is_ok_and(|s| timing_copy(&s.model(preset)).is_file()),
    },
};

/// A Kokoro voice, ready to speak.
///
/// The speaking rate is Sonic's, not the model's `speed`: on the README's sample with af_heart at
/// rate 2, `speed` 2 made 51.9 s (of 93.4 s at rate 1) at an ASR word error rate of 24.8%, Sonic
/// 48.0 s at 7.1% (7.6% at rate 1).
pub struct Kokoro {
    name: String,
    /// The speaking rate, applied to each clip by Sonic (1: as the model speaks).
    rate: f32,
    model: PathBuf,
    checksum: String,
    style_checksum: String,
    vocab: Vocab,
    /// The voice's style rows, `STYLE_ROWS` x `STYLE_WIDTH`.
    styles: Vec<f32>,
    espeak: Espeak,
    american: bool,
    timed: bool,
    sessions: SessionPool,
}

impl Kokoro {
    /// Opens the preset's voice, speaking at `rate` (1 as the model speaks, 2 twice as fast);
    /// every file is checked now, before any work.
    pub fn open(
        preset: &Preset,
        parallelism: Parallelism,
        rate: f32,
    ) -> Result<Kokoro, SynthError> {
        let settings: Settings = preset.settings()?;
        let model = settings.model(preset);
        let style = style_path(&model, &settings.voice);
        for file in [&model, &vocab_path(&model), &style] {
            if !file.is_file() {
                return Err(SynthError::NotInstalled {
                    name: preset.name.clone(),
                    hint: format!(
                        "{} is missing; run `bash scripts/setup.sh` (or `voxpress setup`)",
                        file.display()
                    ),
                });
            }
        }
        let bad = |path: &Path, message: String| SynthError::Model {
            path: path.display().to_string(),
            message: format!(
                "{message}; run `bash scripts/setup.sh` (or `voxpress setup`) to install it again"
            ),
        };
        super::onnx::check_model(&model).map_err(|message| bad(&model, message))?;
        let styles = read_styles(&style).map_err(|message| bad(&style, message))?;
        let vocab = Vocab::read(&vocab_path(&model))?;
        runtime()?;
        let american = !preset.language.eq_ignore_ascii_case("en-gb");
        let espeak = Espeak::open(
            &preset.name,
            if american { "en-us" } else { "en" },
            DEFAULT_RATE,
        )?;
        let copy = timing_copy(&model);
        let timed = copy.is_file() && super::onnx::check_model(&copy).is_ok();
        let file = if timed { copy } else { model.clone() };
        Ok(Kokoro {
            name: preset.name.clone(),
            rate: rate.clamp(0.25, 4.0),
            checksum: model_checksum(&model).map_err(|e| bad(&model, e.to_string()))?,
            style_checksum: crate::checksum::of_file::<sha2::Sha256>(&style)
                .map_err(|e| bad(&style, e.to_string()))?,
            sessions: SessionPool::new(file, model.clone(), parallelism),
            model,
            vocab,
            styles,
            espeak,
            american,
            timed,
        })
    }

    /// The audio of one run of `ids` (end marks included), and with the timing copy each id's
    /// duration in frames.
    fn run(&self, ids: Vec<i64>) -> Result<(Vec<f32>, Option<Vec<f32>>), SynthError> {
        let failed = |e: ort::Error| SynthError::Model {
            path: self.model.display().to_string(),
            message: e.to_string(),
        };
        let row = ids.len().saturating_sub(2).min(STYLE_ROWS - 1) * STYLE_WIDTH;
        let style = self.styles[row..row + STYLE_WIDTH].to_vec();
        let len = ids.len();
        let tokens = Tensor::from_array(([1usize, len], ids)).map_err(failed)?;
        let style = Tensor::from_array(([1usize, STYLE_WIDTH], style)).map_err(failed)?;
        let speed = Tensor::from_array(([1usize], vec![1f32])).map_err(failed)?;
        let mut session = self.sessions.free()?;
        let outputs = session
            .run(ort::inputs!["tokens" => tokens, "style" => style, "speed" => speed])
            .map_err(failed)?;
        let (_, audio) = outputs["audio"]
            .try_extract_tensor::<f32>()
            .map_err(failed)?;
        let durations = match outputs.get("durations") {
            Some(d) => Some(d.try_extract_tensor::<f32>().map_err(failed)?.1.to_vec()),
            None => None,
        };
        Ok((audio.to_vec(), durations))
    }
}

/// How much earlier a token is heard than the sum of the durations before it says: Kokoro's own
/// pipeline (`KPipeline.join_timestamps`) starts its words three frames before, and so does this.
const ONSET_LEAD_SAMPLES: u64 = 3 * SAMPLES_PER_FRAME as u64;

/// `word` heard [`ONSET_LEAD_SAMPLES`] earlier, never before its run's start at `offset`.
fn heard_earlier(mut word: Heard, offset: u64) -> Heard {
    let earlier = |at: u64| at.saturating_sub(ONSET_LEAD_SAMPLES).max(offset);
    word.samples =
        earlier(word.samples.start)..earlier(word.samples.end).max(earlier(word.samples.start) + 1);
    word
}

/// A voice file's style rows: little-endian floats, `STYLE_ROWS` rows of `STYLE_WIDTH`.
fn read_styles(path: &Path) -> Result<Vec<f32>, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let want = STYLE_ROWS * STYLE_WIDTH * 4;
    if bytes.len() != want {
        return Err(format!(
            "not a Kokoro voice ({} bytes, not {want})",
            bytes.len()
        ));
    }
    Ok(bytes
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect())
}

impl Backend for Kokoro {
    fn engine(&self) -> &'static EngineInfo {
        &ENGINE
    }

    fn voice(&self) -> &str {
        &self.name
    }

    fn sample_rate(&self) -> u32 {
        SAMPLE_RATE
    }

    fn fingerprint(&self) -> String {
        let mut print = format!(
            "kokoro:{}:style={}:front-end={FRONT_END_VERSION}:espeak={}:{}",
            self.checksum,
            self.style_checksum,
            super::espeak::data_hash(),
            if self.american { "en-us" } else { "en" },
        );
        if self.timed {
            print.push_str(":timed");
        }
        if (self.rate - 1.0).abs() > 1e-6 {
            print.push_str(&format!(":rate={}", self.rate));
        }
        print
    }

    fn synthesize(&self, text: &str) -> Result<Vec<f32>, SynthError> {
        Ok(self.clip(text)?.samples)
    }

    fn times_words(&self) -> bool {
        self.timed
    }

    /// Speaks `text` run by run: whole sentences, or whole clauses of a long one; with the timing
    /// copy each word's samples are the sum of its tokens' frames.
    fn clip(&self, text: &str) -> Result<crate::model::Clip, SynthError> {
        let mut samples = Vec::new();
        let mut heard: Vec<Heard> = Vec::new();
        let mut timed = self.timed;
        for sentence in phonemize_clauses(&self.espeak, text)? {
            for run in runs(sentence, MAX_RUN_TOKENS) {
                let chars = characters(&run, self.american);
                let (ids, owners) = self.vocab.ids(&chars);
                if ids.len() <= 2 {
                    continue;
                }
                let (ids, owners) = if ids.len() > MAX_TOKENS + 2 {
                    // A clause-free run of over 500 symbols: cut, as kokoro-js does.
                    let mut ids = ids[..=MAX_TOKENS].to_vec();
                    let mut owners = owners[..=MAX_TOKENS].to_vec();
                    ids.push(0);
                    owners.push(None);
                    (ids, owners)
                } else {
                    (ids, owners)
                };
                let (audio, durations) = self.run(ids)?;
                let offset = samples.len() as u64;
                match durations.filter(|d| d.len() == owners.len()) {
                    Some(frames) => heard.extend(
                        run_words(&chars, &owners, &frames, SAMPLES_PER_FRAME, offset)
                            .into_iter()
                            .map(|h| heard_earlier(h, offset)),
                    ),
                    None => timed = false,
                }
                samples.extend(audio);
            }
        }
        if !timed {
            heard.clear();
        }
        let clip = crate::model::Clip {
            sample_rate: SAMPLE_RATE,
            words: super::neural::place_words(&self.espeak, text, &heard),
            samples,
        };
        Ok(super::neural::at_rate(clip, self.rate))
    }
}
