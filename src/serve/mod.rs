//! `voxpress serve`: our voices and our reading over OpenAI's speech API, on loopback unless told
//! otherwise. `POST /v1/audio/speech` (OpenAI's body; `lexicon` and `links` too), `GET
//! /v1/models`, `GET /v1/audio/voices`, `GET /health`. OpenAI's voice names are Kokoro's voices
//! of the same name, or the default voice ([`voice_for`]); the answer's `X-Voxpress-Voice` header
//! names the voice that spoke. Text goes through the normalizer and
//! lexicons first, and is spoken chunk by chunk ([`speech`]); answers are encoded in [`encode`].
//!
//! Each request has a thread; at most `concurrency` are spoken at once and `queue` more wait,
//! past which a request is answered `429` at once. Errors are JSON in OpenAI's shape (400 for a
//! bad request, 401 without the token, 413 for a body over the limit). SIGTERM or Ctrl-C stops
//! taking requests, lets those running finish (up to 30 s), and returns; so does `idle_exit`.

pub mod encode;
pub mod speech;

use crate::synth::{self, Backend};
use speech::{BadRequest, SpeechRequest};
use std::collections::BTreeMap;
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};
use thiserror::Error;
use tiny_http::{Header, Method, Response, StatusCode};

#[derive(Debug, Error)]
pub enum ServeError {
    #[error("cannot listen on {address}: {why}")]
    Bind { address: String, why: String },
    #[error("the token variable {0} is not set; set it or leave out --token-env")]
    NoToken(String),
    #[error("voice {voice}: {source}")]
    Voice {
        voice: String,
        source: synth::SynthError,
    },
    #[error("cannot watch for SIGTERM: {0}")]
    Signals(std::io::Error),
}

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub host: String,
    /// 0 picks a free port.
    pub port: u16,
    /// The voice when a request names none (or `default`).
    pub default_voice: String,
    /// Requests spoken at once.
    pub concurrency: usize,
    /// Requests that may wait for a turn before the server answers 429.
    pub queue: usize,
    /// The largest request body, in bytes.
    pub max_body: usize,
    /// The longest input, in characters.
    pub max_input: usize,
    /// The bearer token requests must carry, if any.
    pub token: Option<String>,
    /// Stop after this long without a request.
    pub idle_exit: Option<Duration>,
}

/// Turns for speaking: running and waiting counts under one lock.
struct Turns {
    counts: Mutex<(usize, usize)>,
    freed: Condvar,
    running_max: usize,
    waiting_max: usize,
}

impl Turns {
    /// Waits for a turn; `false` (answer 429) when the queue is full.
    fn take(&self) -> bool {
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        if counts.0 >= self.running_max && counts.1 >= self.waiting_max {
            return false;
        }
        counts.1 += 1;
        while counts.0 >= self.running_max {
            counts = self.freed.wait(counts).unwrap_or_else(|p| p.into_inner());
        }
        counts.1 -= 1;
        counts.0 += 1;
        true
    }

    fn give_back(&self) {
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        counts.0 -= 1;
        drop(counts);
        self.freed.notify_all();
    }

    fn busy(&self) -> usize {
        let counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        counts.0 + counts.1
    }
}

/// What every request thread shares.
struct Shared {
    options: ServeOptions,
    turns: Turns,
    /// Voices opened, by name and speed.
    voices: Mutex<BTreeMap<String, Arc<dyn Backend>>>,
}

/// A running server: where it listens, and how to stop it.
pub struct Server {
    http: Arc<tiny_http::Server>,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    pub address: String,
}

impl Server {
    /// Binds and opens the default voice (so a bad voice is said at once, not on a request).
    pub fn bind(options: ServeOptions) -> Result<Server, ServeError> {
        let address = format!("{}:{}", options.host, options.port);
        let http = tiny_http::Server::http(&address).map_err(|e| ServeError::Bind {
            address: address.clone(),
            why: e.to_string(),
        })?;
        let address = http
            .server_addr()
            .to_ip()
            .map_or(address, |a| a.to_string());
        let shared = Arc::new(Shared {
            turns: Turns {
                counts: Mutex::new((0, 0)),
                freed: Condvar::new(),
                running_max: options.concurrency.max(1),
                waiting_max: options.queue,
            },
            options,
            voices: Mutex::new(BTreeMap::new()),
        });
        let default = shared.options.default_voice.clone();
        open_voice(&shared, &default, 1.0).map_err(|source| ServeError::Voice {
            voice: default,
            source,
        })?;
        Ok(Server {
            http: Arc::new(http),
            shared,
            stop: Arc::new(AtomicBool::new(false)),
            address,
        })
    }

    /// Stops the server when SIGTERM or SIGINT arrives.
    pub fn stop_on_signals(&self) -> Result<(), ServeError> {
        for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
            signal_hook::flag::register(signal, self.stop.clone()).map_err(ServeError::Signals)?;
        }
        Ok(())
    }

    /// Serves until stopped; then waits for the requests being spoken (up to 30 s).
    pub fn run(self) {
        let mut last = Instant::now();
        while !self.stop.load(Ordering::Relaxed) {
            let request = match self.http.recv_timeout(Duration::from_millis(100)) {
                Ok(Some(request)) => request,
                Ok(None) => {
                    let idle = self.shared.turns.busy() == 0;
                    if idle
                        && self
                            .shared
                            .options
                            .idle_exit
                            .is_some_and(|d| last.elapsed() > d)
                    {
                        break;
                    }
                    if !idle {
                        last = Instant::now();
                    }
                    continue;
                }
                Err(_) => break,
            };
            last = Instant::now();
            let shared = self.shared.clone();
            std::thread::spawn(move || handle(&shared, request));
        }
        let started = Instant::now();
        while self.shared.turns.busy() > 0 && started.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The voice `name` at `speed`, opened once and kept.
fn open_voice(
    shared: &Shared,
    name: &str,
    speed: f32,
) -> Result<Arc<dyn Backend>, synth::SynthError> {
    let key = format!("{name}@{speed}");
    let mut voices = shared.voices.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(voice) = voices.get(&key) {
        return Ok(voice.clone());
    }
    let options = synth::OpenOptions {
        jobs: shared.options.concurrency,
        rate: speed,
    };
    let voice: Arc<dyn Backend> = Arc::from(synth::open_voice(name, options)?);
    voices.insert(key, voice.clone());
    Ok(voice)
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

/// An error in OpenAI's shape.
fn error(
    status: u16,
    kind: &str,
    message: &str,
    param: Option<&str>,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let body = serde_json::json!({
        "error": {"message": message, "type": kind, "param": param, "code": null}
    });
    Response::from_data(body.to_string().into_bytes())
        .with_status_code(status)
        .with_header(header("Content-Type", "application/json"))
}

fn json(value: serde_json::Value) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(value.to_string().into_bytes())
        .with_header(header("Content-Type", "application/json"))
}

fn handle(shared: &Shared, request: tiny_http::Request) {
    if let Some(token) = &shared.options.token {
        let given = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Authorization"))
            .map(|h| h.value.as_str().to_string());
        if given.as_deref() != Some(format!("Bearer {token}").as_str()) {
            let _ = request.respond(error(
                401,
                "invalid_request_error",
                "a bearer token is needed",
                None,
            ));
            return;
        }
    }
    let path = request.url().split('?').next().unwrap_or("").to_string();
    let answer = match (request.method(), path.as_str()) {
        (Method::Get, "/health") => json(serde_json::json!({"status": "ok"})),
        (Method::Get, "/v1/models") => json(models()),
        (Method::Get, "/v1/audio/voices") => json(voices()),
        (Method::Post, "/v1/audio/speech") => return speak(shared, request),
        (_, "/health" | "/v1/models" | "/v1/audio/voices" | "/v1/audio/speech") => {
            error(405, "invalid_request_error", "method not allowed", None)
        }
        _ => error(
            404,
            "invalid_request_error",
            &format!("no such path: {path}"),
            None,
        ),
    };
    let _ = request.respond(answer);
}

fn models() -> serde_json::Value {
    let ids = ["voxpress", "tts-1", "tts-1-hd"];
    serde_json::json!({
        "object": "list",
        "data": ids.iter().map(|id| serde_json::json!({"id": id, "object": "model", "owned_by": "voxpress"})).collect::<Vec<_>>()
    })
}

/// The header that names the voice a speech response was spoken by.
const VOICE_HEADER: &str = "X-Voxpress-Voice";

/// OpenAI's voice names, which clients send unchanged.
const OPENAI_VOICES: &[&str] = &[
    "alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse",
    "marin", "cedar",
];

/// The voice a request's `voice` names: ours by its name; an OpenAI name that is not one of ours
/// is the installed Kokoro voice of that name (alloy is af_alloy, fable bm_fable ...), else the
/// server's default voice, so an OpenAI client works unchanged; none, or "default", the default.
fn voice_for(requested: Option<&str>, default: &str) -> String {
    let Some(name) = requested.filter(|n| *n != "default") else {
        return default.to_string();
    };
    if !OPENAI_VOICES.contains(&name) || synth::voice_entry(name).is_some() {
        return name.to_string();
    }
    synth::voice_catalog()
        .into_iter()
        .find(|v| v.engine == "kokoro" && v.installed && v.name.get(3..) == Some(name))
        .map_or_else(|| default.to_string(), |v| v.name)
}

fn voices() -> serde_json::Value {
    let list: Vec<serde_json::Value> = synth::voice_catalog()
        .into_iter()
        .filter(|v| !v.hidden && v.installed && v.sample_rate > 0)
        .map(|v| {
            serde_json::json!({"name": v.name, "engine": v.engine, "language": v.language,
                "sample_rate": v.sample_rate, "description": v.description,
                "licence": v.licence, "commercial": v.commercial})
        })
        .collect();
    serde_json::json!({ "voices": list })
}

/// Reads and checks the body of a speech request.
fn read_speech(
    shared: &Shared,
    request: &mut tiny_http::Request,
) -> Result<SpeechRequest, (u16, BadRequest)> {
    let limit = shared.options.max_body;
    if request.body_length().is_some_and(|n| n > limit) {
        return Err((
            413,
            BadRequest {
                message: format!("the body is over {limit} bytes"),
                param: None,
            },
        ));
    }
    let mut body = Vec::new();
    let read = request
        .as_reader()
        .take(limit as u64 + 1)
        .read_to_end(&mut body);
    if read.is_err() || body.len() > limit {
        return Err((
            413,
            BadRequest {
                message: format!("the body is over {limit} bytes"),
                param: None,
            },
        ));
    }
    let speech: SpeechRequest = serde_json::from_slice(&body).map_err(|e| {
        (
            400,
            BadRequest {
                message: format!("not a speech request: {e}"),
                param: None,
            },
        )
    })?;
    speech
        .check(shared.options.max_input)
        .map_err(|e| (400, e))?;
    Ok(speech)
}

fn speak(shared: &Shared, mut request: tiny_http::Request) {
    let speech = match read_speech(shared, &mut request) {
        Ok(speech) => speech,
        Err((status, bad)) => {
            let _ = request.respond(error(
                status,
                "invalid_request_error",
                &bad.message,
                bad.param,
            ));
            return;
        }
    };
    let voice_name = voice_for(speech.voice.as_deref(), &shared.options.default_voice);
    let speed = speech.speed.unwrap_or(1.0) as f32;
    let voice = match open_voice(shared, &voice_name, speed) {
        Ok(voice) => voice,
        Err(e) => {
            let _ = request.respond(error(
                400,
                "invalid_request_error",
                &e.to_string(),
                Some("voice"),
            ));
            return;
        }
    };
    let normalizer = match speech.normalizer(&voice_name) {
        Ok(n) => n,
        Err(bad) => {
            let _ = request.respond(error(400, "invalid_request_error", &bad.message, bad.param));
            return;
        }
    };
    if !shared.turns.take() {
        let _ = request.respond(
            error(
                429,
                "rate_limit_error",
                "the server is busy; try again shortly",
                None,
            )
            .with_header(header("Retry-After", "1")),
        );
        return;
    }
    let format = speech.response_format.clone();
    if format == "pcm" {
        stream_pcm(shared, request, &speech, &voice_name, voice, normalizer);
        return;
    }
    let mut samples = Vec::new();
    let spoken = speech::speak(
        &speech.input,
        &voice_name,
        voice.as_ref(),
        normalizer,
        &mut |s| {
            samples.extend_from_slice(s);
            true
        },
    );
    let encoded =
        spoken.and_then(|_| encode::whole(&format, &samples, voice.sample_rate(), &voice_name));
    shared.turns.give_back();
    let answer = match encoded {
        Ok(bytes) => Response::from_data(bytes)
            .with_header(header("Content-Type", encode::mime(&format)))
            .with_header(header(VOICE_HEADER, &voice_name)),
        Err(why) => error(500, "server_error", &why, None),
    };
    let _ = request.respond(answer);
}

/// Raw PCM, sent chunk by chunk as each is spoken (chunked transfer).
fn stream_pcm(
    shared: &Shared,
    request: tiny_http::Request,
    speech: &SpeechRequest,
    voice_name: &str,
    voice: Arc<dyn Backend>,
    normalizer: crate::normalize::Normalizer,
) {
    let (blocks, received) = std::sync::mpsc::sync_channel::<Vec<u8>>(4);
    let input = speech.input.clone();
    let name = voice_name.to_string();
    let speaker = std::thread::spawn(move || {
        let mut pcm = encode::PcmStream::new(voice.sample_rate());
        let _ = speech::speak(&input, &name, voice.as_ref(), normalizer, &mut |s| {
            blocks.send(pcm.push(s)).is_ok()
        });
        let _ = blocks.send(pcm.finish());
    });
    let reader = ChannelReader {
        received,
        block: Vec::new(),
        at: 0,
    };
    let response = Response::new(
        StatusCode(200),
        vec![
            header("Content-Type", encode::mime("pcm")),
            header(VOICE_HEADER, voice_name),
        ],
        reader,
        None,
        None,
    );
    let _ = request.respond(response);
    let _ = speaker.join();
    shared.turns.give_back();
}

/// Reads the blocks a channel brings, in order, until its sender is gone.
struct ChannelReader {
    received: std::sync::mpsc::Receiver<Vec<u8>>,
    block: Vec<u8>,
    at: usize,
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at >= self.block.len() {
            match self.received.recv() {
                Ok(block) => {
                    self.block = block;
                    self.at = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.block.len() - self.at);
        buf[..n].copy_from_slice(&self.block[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}
