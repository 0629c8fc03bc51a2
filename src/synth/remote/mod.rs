//! The `remote` engine: voices on speech servers that already exist, over HTTP. Two protocols:
//! `openai` (`POST /v1/audio/speech`, as Kokoro-FastAPI, LocalAI, openedai-speech and
//! `voxpress serve` speak it) and `piper-http` (Piper's own `python -m piper.http_server`:
//! `POST /` with `{"text": …}`, WAV back).
//!
//! ```toml
//! engine = "remote"
//! protocol = "openai"                    # or "piper-http"
//! endpoints = ["http://127.0.0.1:8880"]  # one or more: a pool of identical servers
//! voice = "joe"                          # the server's voice name
//! # model = "tts-1", format = "wav", sample_rate = 24000, api_key_env = "TTS_API_KEY",
//! # timeout_s = 60, max_in_flight = 4
//! ```
//!
//! Chunks are spread over the endpoints ([`pool`]), each with at most `max_in_flight` requests;
//! `--jobs` is the number of requests in flight in all. The API key is read from the environment
//! variable the preset names, never stored. The cache key has the protocol, voice, model,
//! format and rate, not the URLs, so a pool of identical servers shares one cache.

mod decode;
mod pool;

use super::{Backend, EngineFactory, EngineInfo, PresetFacts, SynthError};
use pool::{Outcome, Pool};
use std::time::Duration;

pub static ENGINE: EngineInfo = EngineInfo {
    name: "remote",
    description: "voices on speech servers (OpenAI's speech API, Piper's HTTP server)",
    languages: &["any"],
    // As Piper's: a pool of Piper servers chunks the text as a local Piper voice would.
    max_chunk_chars: 350,
};

/// Which protocol the servers speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Protocol {
    Openai,
    PiperHttp,
}

/// A remote preset's own settings.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub protocol: Protocol,
    pub endpoints: Vec<String>,
    /// The server's voice name.
    pub voice: Option<String>,
    /// The server's model (`tts-1` for OpenAI's own).
    #[serde(default = "default_model")]
    pub model: String,
    /// What to ask the server for: wav (default), mp3, flac, opus or pcm.
    #[serde(default = "default_format")]
    pub format: String,
    /// The voice's rate; audio at another rate is resampled to it.
    #[serde(default = "default_rate")]
    pub sample_rate: u32,
    /// OpenAI's `speed` (0.25 to 4).
    pub speed: Option<f32>,
    /// The environment variable holding the bearer token, if the servers want one.
    pub api_key_env: Option<String>,
    #[serde(default = "default_timeout")]
    pub timeout_s: f64,
    #[serde(default = "default_in_flight")]
    pub max_in_flight: usize,
}

fn default_model() -> String {
    "tts-1".into()
}
fn default_format() -> String {
    "wav".into()
}
fn default_rate() -> u32 {
    24_000
}
fn default_timeout() -> f64 {
    60.0
}
fn default_in_flight() -> usize {
    4
}

const FORMATS: &[&str] = &["wav", "mp3", "flac", "opus", "pcm"];

impl Settings {
    fn check(&self, path: &str) -> Result<(), SynthError> {
        let bad = |message: String| SynthError::Preset {
            path: path.to_string(),
            message,
        };
        if self.endpoints.is_empty() {
            return Err(bad("`endpoints` lists no server".into()));
        }
        if let Some(url) = self
            .endpoints
            .iter()
            .find(|u| !(u.starts_with("http://") || u.starts_with("https://")))
        {
            return Err(bad(format!("endpoint {url:?} is not an http(s) URL")));
        }
        if !FORMATS.contains(&self.format.as_str()) {
            return Err(bad(format!(
                "format {:?} is not one of {}",
                self.format,
                FORMATS.join(", ")
            )));
        }
        if self.protocol == Protocol::PiperHttp && self.format != "wav" {
            return Err(bad("Piper's HTTP server sends only wav".into()));
        }
        if !(8_000..=192_000).contains(&self.sample_rate) {
            return Err(bad(format!(
                "sample_rate {} is out of range",
                self.sample_rate
            )));
        }
        if !(self.timeout_s > 0.0 && self.timeout_s <= 3600.0) {
            return Err(bad("timeout_s must be from 0 to 3600 seconds".into()));
        }
        Ok(())
    }
}

pub static FACTORY: EngineFactory = EngineFactory {
    info: &ENGINE,
    open: |preset, options| {
        let mut settings: Settings = preset.settings()?;
        settings.check(&preset.path.display().to_string())?;
        // The rate asked for at open goes to the server as its speed.
        if (options.rate - 1.0).abs() > 1e-6 {
            settings.speed = Some(settings.speed.unwrap_or(1.0) * options.rate);
        }
        Ok(Box::new(Remote::open(&preset.name, settings)?))
    },
    files: |preset| {
        let settings: Settings = preset.settings()?;
        settings.check(&preset.path.display().to_string())?;
        Ok(Vec::new())
    },
    facts: |preset| PresetFacts {
        sample_rate: preset
            .settings::<Settings>()
            .map_or(default_rate(), |s| s.sample_rate),
        word_timings: false,
    },
};

/// A voice on speech servers.
pub struct Remote {
    name: String,
    settings: Settings,
    agent: ureq::Agent,
    pool: Pool,
    api_key: Option<String>,
}

impl Remote {
    pub fn open(name: &str, settings: Settings) -> Result<Remote, SynthError> {
        let api_key = match &settings.api_key_env {
            Some(var) => Some(std::env::var(var).map_err(|_| SynthError::NotInstalled {
                name: name.into(),
                hint: format!("its servers need a key: set the environment variable {var}"),
            })?),
            None => None,
        };
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs_f64(settings.timeout_s)))
            .http_status_as_error(false)
            .user_agent(concat!("voxpress/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        let pool = Pool::new(
            settings
                .endpoints
                .iter()
                .map(|u| u.trim_end_matches('/').to_string())
                .collect(),
            settings.max_in_flight,
        );
        Ok(Remote {
            name: name.into(),
            settings,
            agent,
            pool,
            api_key,
        })
    }

    /// One request to `base` for `text`.
    fn request(&self, base: &str, text: &str) -> Outcome<Vec<u8>> {
        let s = &self.settings;
        let (url, body) = match s.protocol {
            Protocol::Openai => {
                let mut body = serde_json::json!({
                    "model": s.model,
                    "input": text,
                    "voice": s.voice.as_deref().unwrap_or("alloy"),
                    "response_format": s.format,
                });
                if let Some(speed) = s.speed {
                    body["speed"] = speed.into();
                }
                (format!("{base}/v1/audio/speech"), body)
            }
            Protocol::PiperHttp => {
                let mut body = serde_json::json!({ "text": text });
                if let Some(speed) = s.speed {
                    body["length_scale"] = (1.0 / speed).into();
                }
                if let Some(voice) = &s.voice {
                    body["voice"] = voice.as_str().into();
                }
                (format!("{base}/"), body)
            }
        };
        let mut request = self
            .agent
            .post(&url)
            .header("Content-Type", "application/json");
        if let Some(key) = &self.api_key {
            request = request.header("Authorization", format!("Bearer {key}"));
        }
        let mut response = match request.send(body.to_string()) {
            Ok(response) => response,
            Err(e) => return Outcome::Retry(e.to_string()),
        };
        let status = response.status().as_u16();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(512 << 20)
            .read_to_vec();
        match (status, bytes) {
            (200, Ok(bytes)) => Outcome::Done(bytes),
            (200, Err(e)) => Outcome::Retry(e.to_string()),
            (408 | 429 | 500..=599, _) => Outcome::Retry(format!("HTTP {status}")),
            (_, body) => {
                let said = body
                    .ok()
                    .map(|b| {
                        String::from_utf8_lossy(&b)
                            .chars()
                            .take(300)
                            .collect::<String>()
                    })
                    .unwrap_or_default();
                Outcome::Fatal(format!("HTTP {status} {said}"))
            }
        }
    }
}

impl Backend for Remote {
    fn engine(&self) -> &'static EngineInfo {
        &ENGINE
    }

    fn voice(&self) -> &str {
        &self.name
    }

    fn sample_rate(&self) -> u32 {
        self.settings.sample_rate
    }

    fn fingerprint(&self) -> String {
        let s = &self.settings;
        format!(
            "remote:{:?}:voice={:?}:model={}:format={}:rate={}:speed={:?}",
            s.protocol, s.voice, s.model, s.format, s.sample_rate, s.speed
        )
    }

    fn synthesize(&self, text: &str) -> Result<Vec<f32>, SynthError> {
        let failed = |message: String| SynthError::Failed {
            engine: ENGINE.name,
            text: text.to_string(),
            message,
        };
        let attempts = 2 * self.settings.endpoints.len() + 2;
        let bytes = self
            .pool
            .run(attempts, |base| self.request(base, text))
            .map_err(|why| {
                if why.starts_with("every endpoint") || why.starts_with("no endpoint") {
                    SynthError::Unavailable {
                        engine: ENGINE.name,
                        message: why,
                    }
                } else {
                    failed(why)
                }
            })?;
        decode::decode(bytes, &self.settings.format, self.settings.sample_rate)
            .map_err(|why| failed(format!("the server's audio cannot be decoded: {why}")))
    }
}
