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
//!
//! The engine is in three parts besides this one: [`config`] (the voice's `.onnx.json`),
//! [`phonemes`] (text to phoneme ids, and phonemes back to words) and [`session`] (the runtime,
//! model sessions and runs).

mod config;
pub(super) mod phonemes;
pub(super) mod session;

pub use config::{AudioConfig, EspeakConfig, InferenceConfig, PhonemeIds, PiperConfig};
pub use phonemes::{phonemize, runs};
pub use session::{check_runtime, runtime_path, Parallelism, RUNTIME_VERSION};

use super::espeak::{Espeak, DEFAULT_RATE};
use super::presets::{config_path, Preset};
use super::{Backend, EngineFactory, EngineInfo, PresetFacts, SynthError};
use phonemes::{phonemize_clauses, run_words, MAX_RUN_PHONEMES};
use session::{model_checksum, runtime, SessionPool};
use std::path::{Path, PathBuf};

pub static ENGINE: EngineInfo = EngineInfo {
    name: "piper",
    description: "Piper neural voices through ONNX Runtime",
    languages: &["en-us"],
    max_chunk_chars: 350,
};

/// A Piper preset's own settings.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The `.onnx` model, relative to the presets folder; its config is the same path + `.json`.
    pub model: PathBuf,
    /// The speaker of a multi-speaker model (default 0).
    pub speaker: Option<i64>,
    /// Above 1 is slower (default: the model's own).
    pub length_scale: Option<f32>,
    pub noise_scale: Option<f32>,
    pub noise_w: Option<f32>,
}

pub static FACTORY: EngineFactory = EngineFactory {
    info: &ENGINE,
    open: |preset, options| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let parallelism = Parallelism::for_jobs(options.jobs, cores);
        Ok(Box::new(Piper::open(preset, parallelism, options.rate)?))
    },
    files: |preset| {
        let settings: Settings = preset.settings()?;
        let model = preset.resolve(&settings.model);
        Ok(vec![model.clone(), config_path(&model)])
    },
    facts: |preset| {
        let model = preset.model_path();
        PresetFacts {
            sample_rate: model
                .as_ref()
                .and_then(|m| std::fs::read_to_string(config_path(m)).ok())
                .and_then(|t| serde_json::from_str::<PiperConfig>(&t).ok())
                .map_or(22_050, |c| c.audio.sample_rate),
            word_timings: model.is_some_and(|m| super::presets::timing_copy(&m).is_file()),
        }
    },
};

/// A Piper voice, ready to speak.
pub struct Piper {
    /// The speaking rate, applied to each clip by Sonic (1: as the model speaks).
    rate: f32,
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
    sessions: SessionPool,
}

impl Piper {
    /// Opens the preset's voice, speaking at `rate` (1 as the model speaks, 2 twice as fast).
    pub fn open(preset: &Preset, parallelism: Parallelism, rate: f32) -> Result<Piper, SynthError> {
        let settings: Settings = preset.settings()?;
        let model = preset.resolve(&settings.model);
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
            settings.noise_scale.unwrap_or(inference.noise_scale),
            settings.length_scale.unwrap_or(inference.length_scale),
            settings.noise_w.unwrap_or(inference.noise_w),
        ];
        let speaker = (config.num_speakers > 1).then(|| settings.speaker.unwrap_or(0));
        runtime()?;
        let espeak = Espeak::open(&preset.name, &config.espeak.voice, DEFAULT_RATE)?;
        let timing_model = Some(super::presets::timing_copy(&model))
            .filter(|copy| copy.is_file() && super::onnx::check_model(copy).is_ok());
        let sessions = SessionPool::new(
            timing_model.clone().unwrap_or_else(|| model.clone()),
            model.clone(),
            parallelism,
        );
        Ok(Piper {
            rate: rate.clamp(0.25, 4.0),
            timing_model,
            name: preset.name.clone(),
            checksum: model_checksum(&model).map_err(|e| bad(&model, e.to_string()))?,
            model,
            ids: PhonemeIds::new(config.phoneme_id_map.clone()),
            config,
            speaker,
            scales,
            espeak,
            sessions,
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
        ) + &if (self.rate - 1.0).abs() > 1e-6 {
            format!(":rate={}", self.rate)
        } else {
            String::new()
        }
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
        if !timed {
            heard.clear();
        }
        let clip = crate::model::Clip {
            sample_rate: self.sample_rate(),
            words: super::neural::place_words(&self.espeak, text, &heard),
            samples,
        };
        Ok(super::neural::at_rate(clip, self.rate))
    }
}
