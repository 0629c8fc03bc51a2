//! The `espeak` engine: espeak-ng compiled into the binary, with its English data embedded.
//!
//! The data files (phoneme tables and the English dictionary) are unpacked on first use into a
//! private, content-addressed folder under the user's cache directory (`$XDG_CACHE_HOME` or
//! `~/.cache`, or `$VOXPRESS_ESPEAK_DATA` to choose one), written to a temporary folder and renamed
//! into place so a concurrent or interrupted unpack never leaves a broken copy. Nothing depends on
//! a system espeak-ng or on the path the binary was built in.
//!
//! espeak-ng keeps global state, so one process-wide lock serializes its calls; samples are
//! collected in memory through the synchronous-mode callback.

use super::{Backend, EngineFactory, EngineInfo, PresetFacts, SynthError};
use crate::model::phonemes::{segments, to_espeak, Segment};
use espeak_rs_sys as sys;
use sha2::{Digest, Sha256};
use std::ffi::{CStr, CString};
use std::os::raw::{c_int, c_short, c_void};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

pub static ENGINE: EngineInfo = EngineInfo {
    name: "espeak",
    description: "espeak-ng, built in: always available, robotic but clear",
    languages: &["en-us", "en-gb"],
    max_chunk_chars: 400,
};

/// The default speaking rate, in words per minute.
pub const DEFAULT_RATE: u32 = 165;

/// An espeak preset's own settings: `voice` (an espeak-ng voice, default the preset's
/// `language`) and `rate` (words per minute, 80 to 450).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub voice: Option<String>,
    pub rate: Option<u32>,
}

pub static FACTORY: EngineFactory = EngineFactory {
    info: &ENGINE,
    open: |preset, options| {
        let settings: Settings = preset.settings()?;
        // espeak-ng's British English voice is `en`.
        let voice = settings
            .voice
            .as_deref()
            .unwrap_or(match preset.language.as_str() {
                "en-gb" => "en",
                other => other,
            });
        let rate = options.espeak_rate(settings.rate.unwrap_or(DEFAULT_RATE));
        Ok(Box::new(Espeak::open(&preset.name, voice, rate)?))
    },
    files: |preset| preset.settings::<Settings>().map(|_| Vec::new()),
    facts: |_| PresetFacts {
        sample_rate: 22_050,
        word_timings: true,
    },
};

/// espeak-ng's state: the sample rate it reported and the voice and rate last set.
struct Engine {
    sample_rate: u32,
    voice: String,
    rate: u32,
}

static ENGINE_STATE: OnceLock<Result<Mutex<Engine>, String>> = OnceLock::new();
static SAMPLES: Mutex<Vec<i16>> = Mutex::new(Vec::new());
/// The word events of the text being spoken: (1-based character position, sample).
static WORD_EVENTS: Mutex<Vec<(usize, u64)>> = Mutex::new(Vec::new());

/// An espeak-ng voice ("en-us") at a speaking rate.
pub struct Espeak {
    name: String,
    language: String,
    rate: u32,
    sample_rate: u32,
}

impl Espeak {
    /// Opens espeak-ng (unpacking its data on first use) with the given language voice and rate.
    pub fn open(name: &str, language: &str, rate: u32) -> Result<Espeak, SynthError> {
        let engine = engine()?;
        let sample_rate = engine.lock().unwrap_or_else(|p| p.into_inner()).sample_rate;
        Ok(Espeak {
            name: name.to_string(),
            language: language.to_string(),
            rate,
            sample_rate,
        })
    }

    /// espeak-ng's phonemes for `text`: IPA when `ipa`, else its own ASCII notation. Clauses are
    /// separated by newlines. Used to check pronunciations.
    pub fn phonemes(&self, text: &str, ipa: bool) -> Result<String, SynthError> {
        let mode = if ipa { PHONEMES_IPA } else { 0 };
        let clauses = self.clauses_in(text, mode)?;
        Ok(clauses
            .into_iter()
            .map(|c| c.phonemes)
            .collect::<Vec<_>>()
            .join("\n"))
    }

    /// Splits `text` into clauses with their IPA phonemes, as Piper's phonemizer sees them.
    pub fn clauses(&self, text: &str) -> Result<Vec<Clause>, SynthError> {
        self.clauses_in(text, PHONEMES_IPA)
    }

    /// Runs espeak-ng's phonemizer over `text` clause by clause in phoneme `mode`.
    fn clauses_in(&self, text: &str, mode: c_int) -> Result<Vec<Clause>, SynthError> {
        let engine = engine()?;
        let mut state = engine.lock().unwrap_or_else(|p| p.into_inner());
        select(&mut state, &self.language, self.rate)?;
        let c = c_text(text);
        let bytes = c.as_bytes();
        let base = c.as_ptr() as usize;
        let offset = |ptr: *const c_void| (ptr as usize).saturating_sub(base).min(bytes.len());
        let mut ptr = c.as_ptr() as *const c_void;
        let mut clauses = Vec::new();
        while !ptr.is_null() {
            let start = offset(ptr);
            // SAFETY: `ptr` points into `c`, a NUL-terminated buffer alive for the loop; espeak
            // advances it clause by clause and sets it to NULL at the end. The returned string is
            // owned by espeak and copied before the next call; the engine lock is held throughout.
            let out = unsafe {
                sys::espeak_TextToPhonemes(&mut ptr, sys::espeakCHARS_UTF8 as c_int, mode)
            };
            if out.is_null() {
                break;
            }
            let end = if ptr.is_null() {
                bytes.len()
            } else {
                offset(ptr)
            };
            // SAFETY: non-null, NUL-terminated, valid until the next espeak call.
            let phonemes = unsafe { CStr::from_ptr(out) }
                .to_string_lossy()
                .into_owned();
            let mut consumed = String::from_utf8_lossy(&bytes[start..end.max(start)]).into_owned();
            if ptr.is_null() {
                // At the end the character read past the clause is the terminating NUL.
                consumed.push('\0');
            }
            clauses.push(Clause { phonemes, consumed });
        }
        Ok(clauses)
    }
}

/// `espeakPHONEMES_IPA`: phonemes in IPA rather than espeak's ASCII notation.
const PHONEMES_IPA: c_int = 0x02;

impl Backend for Espeak {
    fn engine(&self) -> &'static EngineInfo {
        &ENGINE
    }

    fn voice(&self) -> &str {
        &self.name
    }

    fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    fn fingerprint(&self) -> String {
        format!(
            "espeak-ng:{}:{}:{}:{}:timed{}",
            data_hash(),
            self.language,
            self.rate,
            self.sample_rate,
            super::timing::VERSION
        )
    }

    fn synthesize(&self, text: &str) -> Result<Vec<f32>, SynthError> {
        Ok(self.clip(text)?.samples)
    }

    fn times_words(&self) -> bool {
        true
    }

    fn in_order(&self) -> bool {
        true
    }

    /// Speaks `text`; each word's time comes from espeak-ng's word event for it (the next
    /// word's event, or the end of the speech, ends it).
    fn clip(&self, text: &str) -> Result<crate::model::Clip, SynthError> {
        let engine = engine()?;
        let mut state = engine.lock().unwrap_or_else(|p| p.into_inner());
        select(&mut state, &self.language, self.rate)?;
        take_samples();
        take_events();
        let (input, origins) = espeak_input(text);
        let c = c_text(&input);
        // SAFETY: `c` is a NUL-terminated UTF-8 buffer that outlives the call; in synchronous mode
        // espeak returns only after every callback has run; the engine lock is held throughout.
        let code = unsafe {
            sys::espeak_Synth(
                c.as_ptr() as *const c_void,
                c.as_bytes_with_nul().len(),
                0,
                sys::espeak_POSITION_TYPE_POS_CHARACTER,
                0,
                sys::espeakCHARS_UTF8 | sys::espeakPHONEMES,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        let samples = take_samples();
        let events = take_events();
        if code != sys::espeak_ERROR_EE_OK {
            return Err(SynthError::Failed {
                engine: ENGINE.name,
                text: text.to_string(),
                message: format!("error code {code}"),
            });
        }
        let words = word_times(text, &origins, &events, samples.len() as u64);
        Ok(crate::model::Clip {
            sample_rate: self.sample_rate,
            samples: samples
                .into_iter()
                .map(|s| f32::from(s) / 32768.0)
                .collect(),
            words,
        })
    }
}

/// The text espeak is given for `text`: its marked IPA (`[[...]]`) in espeak-ng's own phoneme
/// notation, which it reads inside `[[ ]]` (IPA it cannot convert is dropped rather than read
/// out as symbols), and a stray `[[` in the words parted; with, for each of its characters, the
/// byte of `text` it stands for.
fn espeak_input(text: &str) -> (String, Vec<usize>) {
    let base = text.as_ptr() as usize;
    let mut input = String::with_capacity(text.len());
    let mut origins = Vec::with_capacity(text.len());
    for segment in segments(text) {
        match segment {
            Segment::Words(words) => {
                let offset = words.as_ptr() as usize - base;
                let mut previous = '\0';
                for (k, c) in words.char_indices() {
                    if previous == '[' && c == '[' {
                        input.push(' ');
                        origins.push(offset + k);
                    }
                    input.push(c);
                    origins.push(offset + k);
                    previous = c;
                }
            }
            Segment::Ipa(ipa) => {
                let at = (ipa.as_ptr() as usize - base).saturating_sub(OPEN_LEN);
                if let Ok(p) = to_espeak(ipa) {
                    let marked = format!("[[{p}]]");
                    origins.extend(std::iter::repeat_n(at, marked.chars().count()));
                    input.push_str(&marked);
                }
            }
        }
    }
    (input, origins)
}

const OPEN_LEN: usize = crate::model::phonemes::OPEN.len();

/// The spoken words of `text` timed by espeak's word events, which name the character of the
/// input each word starts at.
fn word_times(
    text: &str,
    origins: &[usize],
    events: &[(usize, u64)],
    total: u64,
) -> Vec<crate::model::WordTime> {
    let words = super::timing::spoken_words(text);
    let mut times: Vec<crate::model::WordTime> = Vec::new();
    for (k, &(position, sample)) in events.iter().enumerate() {
        let Some(&byte) = position.checked_sub(1).and_then(|p| origins.get(p)) else {
            continue;
        };
        let end = events.get(k + 1).map_or(total, |e| e.1).max(sample);
        let at = words.partition_point(|w| w.end <= byte);
        let Some(word) = words.get(at).filter(|w| w.start <= byte) else {
            continue;
        };
        match times.last_mut() {
            Some(last) if last.text_start as usize == word.start => last.end_sample = end,
            _ => times.push(crate::model::WordTime {
                text_start: word.start as u32,
                text_end: word.end as u32,
                start_sample: sample.min(total),
                end_sample: end.min(total),
            }),
        }
    }
    times
}

fn c_text(text: &str) -> CString {
    CString::new(text.replace('\0', " ")).unwrap_or_default()
}

fn take_samples() -> Vec<i16> {
    std::mem::take(&mut *SAMPLES.lock().unwrap_or_else(|p| p.into_inner()))
}

fn take_events() -> Vec<(usize, u64)> {
    std::mem::take(&mut *WORD_EVENTS.lock().unwrap_or_else(|p| p.into_inner()))
}

unsafe extern "C" fn collect(
    wav: *mut c_short,
    count: c_int,
    events: *mut sys::espeak_EVENT,
) -> c_int {
    if !events.is_null() {
        let mut found = Vec::new();
        let mut at = events;
        // SAFETY: espeak passes an array of events ended by one of type LIST_TERMINATED, valid
        // for the duration of the call.
        unsafe {
            while (*at).type_ != sys::espeak_EVENT_TYPE_espeakEVENT_LIST_TERMINATED {
                if (*at).type_ == sys::espeak_EVENT_TYPE_espeakEVENT_WORD {
                    found.push((
                        (*at).text_position.max(0) as usize,
                        (*at).sample.max(0) as u64,
                    ));
                }
                at = at.add(1);
            }
        }
        WORD_EVENTS
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend(found);
    }
    if !wav.is_null() && count > 0 {
        // SAFETY: espeak passes `count` valid samples at `wav` for the duration of the call.
        let chunk = unsafe { std::slice::from_raw_parts(wav, count as usize) };
        SAMPLES
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend_from_slice(chunk);
    }
    0
}

fn select(state: &mut Engine, language: &str, rate: u32) -> Result<(), SynthError> {
    if state.voice != language {
        let name = CString::new(language)
            .map_err(|_| unavailable(format!("bad voice name {language:?}")))?;
        // SAFETY: a valid NUL-terminated name; called under the engine lock.
        let code = unsafe { sys::espeak_SetVoiceByName(name.as_ptr()) };
        if code != sys::espeak_ERROR_EE_OK {
            return Err(unavailable(format!("no espeak-ng voice '{language}'")));
        }
        state.voice = language.to_string();
    }
    if state.rate != rate {
        // SAFETY: plain parameter call under the engine lock.
        unsafe { sys::espeak_SetParameter(sys::espeak_PARAMETER_espeakRATE, rate as c_int, 0) };
        state.rate = rate;
    }
    Ok(())
}

fn engine() -> Result<&'static Mutex<Engine>, SynthError> {
    ENGINE_STATE
        .get_or_init(|| {
            let dir = install_data().map_err(|e| format!("cannot unpack its data: {e}"))?;
            let path = CString::new(dir.to_string_lossy().as_bytes()).map_err(|e| e.to_string())?;
            // SAFETY: called once, before any other espeak call; `path` outlives the call.
            let rate = unsafe {
                sys::espeak_Initialize(
                    sys::espeak_AUDIO_OUTPUT_AUDIO_OUTPUT_SYNCHRONOUS,
                    0,
                    path.as_ptr(),
                    0,
                )
            };
            if rate <= 0 {
                return Err(format!("it found no usable data in {}", dir.display()));
            }
            // SAFETY: `collect` matches the callback signature and only touches `SAMPLES`.
            unsafe { sys::espeak_SetSynthCallback(Some(collect)) };
            Ok(Mutex::new(Engine {
                sample_rate: rate as u32,
                voice: String::new(),
                rate: 0,
            }))
        })
        .as_ref()
        .map_err(|e| unavailable(e.clone()))
}

/// The embedded files we unpack: the phoneme tables, the English dictionary, the English
/// language definitions and the voice variants. Other languages' definitions are left out, since
/// their dictionaries are not embedded (and listing them all overflows espeak-ng's voice table).
fn data_files() -> impl Iterator<Item = &'static (&'static str, &'static [u8])> {
    let wanted = |name: &str| {
        !name.contains('/') || name.starts_with("lang/gmw/en") || name.starts_with("voices/!v/")
    };
    espeak_ng_data_phonemes::ALL_FILES
        .iter()
        .chain(espeak_ng_data_dict_en::ALL_FILES.iter())
        .filter(move |(name, _)| wanted(name))
}

/// A short hash of all embedded data: names the unpacked folder and enters cache keys.
pub fn data_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        let mut hasher = Sha256::new();
        for (name, bytes) in data_files() {
            hasher.update(name.as_bytes());
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
        hasher
            .finalize()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect()
    })
}

fn cache_root() -> PathBuf {
    if let Some(dir) = std::env::var_os("VOXPRESS_ESPEAK_DATA") {
        return PathBuf::from(dir);
    }
    super::locate::cache_home().unwrap_or_else(|| std::env::temp_dir().join("voxpress"))
}

/// Unpacks the embedded data once into `<cache>/espeak-ng-data-<hash>` and returns that folder.
/// Where espeak-ng's data is (or will be) unpacked.
pub fn data_dir() -> PathBuf {
    cache_root().join(format!("espeak-ng-data-{}", data_hash()))
}

fn install_data() -> std::io::Result<PathBuf> {
    let root = cache_root();
    let dir = data_dir();
    if dir.join("phontab").is_file() && dir.join("en_dict").is_file() {
        return Ok(dir);
    }
    std::fs::create_dir_all(&root)?;
    let staging = root.join(format!(
        ".espeak-ng-data-{}.tmp-{}",
        data_hash(),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&staging);
    write_all(&staging)?;
    match std::fs::rename(&staging, &dir) {
        Ok(()) => Ok(dir),
        Err(_) if dir.join("phontab").is_file() => {
            let _ = std::fs::remove_dir_all(&staging);
            Ok(dir)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            Err(e)
        }
    }
}

fn write_all(dir: &Path) -> std::io::Result<()> {
    for (name, bytes) in data_files() {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)?;
    }
    Ok(())
}

/// One clause as espeak-ng split it: its phonemes and the text it consumed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub phonemes: String,
    /// The source text espeak read for this clause, including the one character it reads past
    /// the clause end to decide where the clause ends.
    pub consumed: String,
}

/// espeak-ng could not start.
fn unavailable(message: String) -> SynthError {
    SynthError::Unavailable {
        engine: ENGINE.name,
        message,
    }
}
