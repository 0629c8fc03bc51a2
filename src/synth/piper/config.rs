//! A Piper voice's config, its `.onnx.json`: the sample rate, the espeak-ng voice that phonemizes
//! for it, the inference scales it was trained with, and the map from phonemes to model ids.

use serde::Deserialize;
use std::collections::HashMap;

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
