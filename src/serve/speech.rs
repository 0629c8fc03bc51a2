//! One speech request: OpenAI's body (`model`, `input`, `voice`, `response_format`, `speed`, and
//! our own `lexicon` and `links`), checked, then read as a short article would be: normalized
//! (lexicons included), scripted into chunks with their pauses, each chunk spoken, its seams
//! trimmed and faded, and handed on as soon as it is ready.

use crate::ingest::{self, Format};
use crate::normalize::{LinkPolicy, Normalizer};
use crate::pipeline;
use crate::script::{self, ArticlePlan, ScriptSettings};
use crate::synth::Backend;
use serde::Deserialize;

/// The body of `POST /v1/audio/speech`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeechRequest {
    #[serde(default)]
    pub model: Option<String>,
    pub input: String,
    #[serde(default)]
    pub voice: Option<String>,
    #[serde(default = "default_format")]
    pub response_format: String,
    #[serde(default)]
    pub speed: Option<f64>,
    /// A pronunciation lexicon in voxpress's TOML format, applied on top of the voice's.
    #[serde(default)]
    pub lexicon: Option<String>,
    /// How links are read: `domain` (default), `full` or `silent`.
    #[serde(default)]
    pub links: Option<String>,
    /// Accepted and ignored, as OpenAI's newer models take them.
    #[serde(default)]
    pub instructions: Option<String>,
    #[serde(default)]
    pub stream_format: Option<String>,
}

fn default_format() -> String {
    "mp3".into()
}

/// The formats the server answers in.
pub const FORMATS: &[&str] = &["wav", "mp3", "opus", "flac", "pcm"];

/// What is wrong with a request, for a 400: the message and the field.
#[derive(Debug, Clone, PartialEq)]
pub struct BadRequest {
    pub message: String,
    pub param: Option<&'static str>,
}

fn bad(message: impl Into<String>, param: &'static str) -> BadRequest {
    BadRequest {
        message: message.into(),
        param: Some(param),
    }
}

impl SpeechRequest {
    /// Checks the fields that do not need a voice; `max_input` is the longest input taken.
    pub fn check(&self, max_input: usize) -> Result<(), BadRequest> {
        let length = self.input.chars().count();
        if self.input.trim().is_empty() {
            return Err(bad("input is empty", "input"));
        }
        if length > max_input {
            return Err(bad(
                format!("input is {length} characters; this server takes at most {max_input}"),
                "input",
            ));
        }
        if !FORMATS.contains(&self.response_format.as_str()) {
            return Err(bad(
                format!(
                    "response_format {:?} is not one of {}",
                    self.response_format,
                    FORMATS.join(", ")
                ),
                "response_format",
            ));
        }
        if self.speed.is_some_and(|s| !(0.25..=4.0).contains(&s)) {
            return Err(bad("speed must be from 0.25 to 4.0", "speed"));
        }
        self.link_policy()?;
        Ok(())
    }

    fn link_policy(&self) -> Result<LinkPolicy, BadRequest> {
        match self.links.as_deref() {
            None | Some("domain") => Ok(LinkPolicy::Domain),
            Some("full") => Ok(LinkPolicy::Full),
            Some("silent") => Ok(LinkPolicy::Silent),
            Some(other) => Err(bad(
                format!("links {other:?} is not one of domain, full, silent"),
                "links",
            )),
        }
    }

    /// The normalizer for `voice`: its lexicon, then the request's.
    pub fn normalizer(&self, voice: &str) -> Result<Normalizer, BadRequest> {
        let base = Normalizer {
            links: self.link_policy()?,
            ..Normalizer::default()
        };
        let on_top = match &self.lexicon {
            Some(text) => crate::normalize::Lexicon::parse(text, "the request's lexicon")
                .map_err(|e| bad(e.to_string(), "lexicon"))?,
            None => Default::default(),
        };
        pipeline::normalizer_for_voice(&base, voice, &on_top)
            .map_err(|e| bad(e.to_string(), "voice"))
    }
}

/// Speaks `input` with `backend`, handing each chunk's samples (with the pause after it) to
/// `sink` as it is ready; stops early when `sink` says so (the client went away).
pub fn speak(
    input: &str,
    voice: &str,
    backend: &dyn Backend,
    normalizer: Normalizer,
    sink: &mut dyn FnMut(&[f32]) -> bool,
) -> Result<u64, String> {
    let document = ingest::parse("request", input, Format::Plain).map_err(|e| e.to_string())?;
    let plan = ArticlePlan {
        document: &document,
        title: None,
        voice: voice.to_string(),
        max_chunk_chars: backend.engine().max_chunk_chars,
        normalizer,
    };
    let script =
        script::build("request", &[plan], &ScriptSettings::default()).map_err(|e| e.to_string())?;
    // A script opens with its article's title, made from the file's name when the text has
    // none (an empty span): a request without a title line of its own has no name to say.
    let span = document.title.span();
    let untitled = span.end <= span.start;
    let chunks: Vec<_> = script
        .chunks
        .iter()
        .filter(|c| !(untitled && c.chapter == 0 && script.sentences[c.sentence].heading))
        .collect();
    let rate = backend.sample_rate();
    let mut total = 0u64;
    let last = chunks.len().saturating_sub(1);
    for (k, chunk) in chunks.into_iter().enumerate() {
        let mut samples = backend.synthesize(&chunk.text).map_err(|e| e.to_string())?;
        crate::stitch::seams::trim_and_fade(&mut samples, rate);
        if k < last {
            let pause = u64::from(chunk.pause_ms) * u64::from(rate) / 1000;
            samples.extend(std::iter::repeat_n(0.0, pause as usize));
        }
        total += samples.len() as u64;
        if !sink(&samples) {
            break;
        }
    }
    Ok(total)
}
