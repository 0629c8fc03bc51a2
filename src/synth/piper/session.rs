//! ONNX Runtime for Piper: the library loaded once per process (`ort` with `load-dynamic`, from
//! `$ORT_DYLIB_PATH` or where [`super::super::locate`] finds it), how many sessions and threads a
//! build uses, the sessions themselves (made on first use) and one model run; and the model's
//! checksum, which voices' cache keys carry.

use super::super::locate;
use super::{Piper, SynthError};
use ort::session::builder::GraphOptimizationLevel;
use ort::session::Session;
use ort::value::Tensor;
use sha2::Sha256;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The ONNX Runtime version `scripts/setup.sh` installs.
pub const RUNTIME_VERSION: &str = "1.32.0";

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
pub(in crate::synth) fn runtime() -> Result<&'static ort::environment::Environment, SynthError> {
    static RUNTIME: OnceLock<Result<ort::environment::Environment, SynthError>> = OnceLock::new();
    let loaded = RUNTIME.get_or_init(|| {
        let path = runtime_path().ok_or(SynthError::Unavailable {
            engine: "piper",
            message: "ONNX Runtime library not found; run `bash scripts/setup.sh` (or `voxpress setup`) or set ORT_DYLIB_PATH".into(),
        })?;
        let failed = |message: String| SynthError::Unavailable {
            engine: "piper",
            message: format!(
                "ONNX Runtime could not be loaded from {} ({message}); run `bash scripts/setup.sh` or set ORT_DYLIB_PATH",
                path.display()
            ),
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

/// Sessions at most: each holds its own copy of the model (about 80 MB for a medium voice once
/// loaded) and its own run's working memory (about 110 MB for a run of 90 phonemes).
const MAX_SESSIONS: usize = 4;

impl Parallelism {
    /// A session per core (never more than `jobs` or [`MAX_SESSIONS`]), the cores shared out
    /// as threads among them. Chunks in parallel use the cores better than one run's ops spread
    /// over threads: on two cores, two sessions of one thread build the shared sample with joe
    /// in 0.96 of the time of one session of two (`scripts/rounds.py`, four rounds; 0.79 to
    /// 0.98), for about 150 MB more at the peak.
    pub fn for_jobs(jobs: usize, cores: usize) -> Parallelism {
        let cores = cores.max(1);
        let sessions = cores.min(jobs).clamp(1, MAX_SESSIONS);
        Parallelism {
            sessions,
            threads_per_session: (cores / sessions).max(1),
        }
    }

    /// A session of one thread per core (never more than `jobs`): chunks in parallel rather
    /// than each op across threads. For Kokoro this is faster (the README's sample with
    /// af_heart on two cores: 26.6 s against 32.7 s with one session of two threads) at the cost
    /// of a second session's memory.
    pub fn one_thread_each(jobs: usize, cores: usize) -> Parallelism {
        Parallelism {
            sessions: cores.min(jobs).max(1),
            threads_per_session: 1,
        }
    }
}

impl Piper {
    /// The audio of one run, and with the timing model each input id's duration in frames.
    pub(super) fn run(&self, ids: Vec<i64>) -> Result<(Vec<f32>, Option<Vec<f32>>), SynthError> {
        let failed = |e: ort::Error| SynthError::Model {
            path: self.model.display().to_string(),
            message: e.to_string(),
        };
        let len = ids.len();
        let input = Tensor::from_array(([1usize, len], ids)).map_err(failed)?;
        let lengths = Tensor::from_array(([1usize], vec![len as i64])).map_err(failed)?;
        let scales = Tensor::from_array(([3usize], self.scales.to_vec())).map_err(failed)?;
        let mut session = self.sessions.free()?;
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
}

/// The model sessions of one voice, made on first use (so a build served wholly from the cache
/// never loads the model), each behind a lock: a run takes an idle one.
pub(in crate::synth) struct SessionPool {
    /// The file loaded (a timing copy where there is one), and the model it stands for.
    file: PathBuf,
    model: PathBuf,
    parallelism: Parallelism,
    sessions: OnceLock<Result<Vec<Mutex<Session>>, SynthError>>,
}

impl SessionPool {
    /// Sessions of `file`; errors name `model`, the file the user installed.
    pub(in crate::synth) fn new(file: PathBuf, model: PathBuf, parallelism: Parallelism) -> Self {
        SessionPool {
            file,
            model,
            parallelism,
            sessions: OnceLock::new(),
        }
    }

    /// An idle session, or (all busy) the first one to come free.
    pub(in crate::synth) fn free(&self) -> Result<std::sync::MutexGuard<'_, Session>, SynthError> {
        let sessions = self
            .sessions
            .get_or_init(|| self.load())
            .as_ref()
            .map_err(SynthError::clone)?;
        for s in sessions {
            if let Ok(guard) = s.try_lock() {
                return Ok(guard);
            }
        }
        Ok(sessions[0].lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// The sessions, made at once on a thread each (loading is mostly one core's work). Memory
    /// patterns are off: with inputs of a new length every run, a pattern is planned for each
    /// and the arena keeps every plan's block (joe, the shared sample, two sessions: 447 MB at
    /// the peak against 497 MB with them, in 0.998 of the time over three rounds).
    fn load(&self) -> Result<Vec<Mutex<Session>>, SynthError> {
        let environment = runtime()?;
        let failed = |e: ort::Error| SynthError::Model {
            path: self.model.display().to_string(),
            message: format!("not a usable ONNX model: {e}"),
        };
        // Sessions share one copy of the weights repacked for the CPU's kernels.
        let prepacked = ort::session::builder::PrepackedWeights::new();
        let open = || -> Result<Session, SynthError> {
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
                .and_then(|b| b.with_memory_pattern(false).map_err(Into::into))
                .and_then(|mut b| b.commit_from_file(&self.file))
                .map_err(failed)
        };
        let sessions = std::thread::scope(|scope| {
            let loading: Vec<_> = (0..self.parallelism.sessions.max(1))
                .map(|_| scope.spawn(open))
                .collect();
            loading
                .into_iter()
                .map(|l| {
                    l.join()
                        .unwrap_or_else(|_| Err(failed(ort::Error::new("loading panicked"))))
                })
                .collect::<Result<Vec<_>, _>>()
        })?;
        crate::timings::mark("load the model");
        Ok(sessions.into_iter().map(Mutex::new).collect())
    }
}

/// The model's SHA-256, remembered in `<model>.sha256` beside it (with the size and modification
/// time it was computed for) so that it is read in full only once per model file.
pub(in crate::synth) fn model_checksum(path: &Path) -> std::io::Result<String> {
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
pub(super) fn file_checksum(path: &Path) -> std::io::Result<String> {
    crate::checksum::of_file::<Sha256>(path)
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
        assert_eq!(p(2, 2), (2, 1));
        assert_eq!(p(1, 2), (1, 2));
        assert_eq!(p(8, 8), (4, 2));
        assert_eq!(p(1, 8), (1, 8));
        assert_eq!(p(16, 16), (4, 4));
        assert_eq!(p(0, 0), (1, 1));
        let one = |jobs, cores| {
            let p = Parallelism::one_thread_each(jobs, cores);
            (p.sessions, p.threads_per_session)
        };
        assert_eq!(one(2, 2), (2, 1));
        assert_eq!(one(1, 8), (1, 1));
        assert_eq!(one(0, 0), (1, 1));
    }
}
