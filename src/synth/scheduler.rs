//! Renders chunks on several workers and hands the clips back in script order.
//!
//! Workers take the next chunk from a shared counter, but never more than `window` chunks ahead
//! of the one the consumer is waiting for, so memory stays bounded whatever the script's length.
//! Each finished clip goes to the cache before it is handed over, so work done before a failure
//! or a kill is kept. Output order, and so the output, does not depend on the number of workers.
//! A [`Cancel`] stops it: no new chunk is started, the ones being synthesized finish into the
//! cache, and nothing more is delivered.

use super::cache::ChunkCache;
use super::{Backend, SynthError};
use crate::cancel::Cancel;
use crate::model::Clip;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// One unit of work: the text, and the backend that speaks it.
pub struct Job<'a> {
    pub text: &'a str,
    pub backend: &'a dyn Backend,
}

/// How a clip was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Cache,
    Synthesized,
}

/// A job's failure, with the index of the job.
#[derive(Debug)]
pub struct JobError {
    pub index: usize,
    pub error: SynthError,
}

/// Renders every job; `deliver` is called for job 0, 1, 2, ... in order. Stops at the first
/// failure (of a job or of `deliver`) and returns it, or when `cancel` is set.
pub fn render<E>(
    jobs: &[Job],
    workers: usize,
    cache: Option<&ChunkCache>,
    cancel: &Cancel,
    mut deliver: impl FnMut(usize, Clip, Source) -> Result<(), E>,
) -> Result<(), RenderError<E>> {
    let workers = workers.clamp(1, jobs.len().max(1));
    let window = workers * 2 + 2;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let delivered = Mutex::new(0usize);
    let advanced = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, Result<(Clip, Source), SynthError>)>();

    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, stop, delivered, advanced) = (&next, &stop, &delivered, &advanced);
            scope.spawn(move || loop {
                {
                    let mut done = delivered.lock().unwrap_or_else(|p| p.into_inner());
                    while next.load(Ordering::SeqCst) >= *done + window
                        && !stop.load(Ordering::SeqCst)
                    {
                        done = advanced.wait(done).unwrap_or_else(|p| p.into_inner());
                    }
                }
                if stop.load(Ordering::SeqCst) || cancel.requested().is_some() {
                    return;
                }
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some(job) = jobs.get(index) else { return };
                let result = render_one(job, cache);
                let failed = result.is_err();
                if tx.send((index, result)).is_err() || failed {
                    return;
                }
            });
        }
        drop(tx);

        let mut pending: BTreeMap<usize, (Clip, Source)> = BTreeMap::new();
        let mut want = 0;
        let outcome = loop {
            if want == jobs.len() {
                break Ok(());
            }
            if let Some(signal) = cancel.requested() {
                break Err(RenderError::Cancelled(signal));
            }
            if let Some((clip, source)) = pending.remove(&want) {
                if let Err(e) = deliver(want, clip, source) {
                    break Err(RenderError::Deliver(e));
                }
                want += 1;
                *delivered.lock().unwrap_or_else(|p| p.into_inner()) = want;
                advanced.notify_all();
                continue;
            }
            // Waking now and then to look at `cancel` while a long chunk is synthesized.
            match rx.recv_timeout(Duration::from_millis(50)) {
                Ok((index, Ok(done))) => {
                    pending.insert(index, done);
                }
                Ok((index, Err(error))) => break Err(RenderError::Job(JobError { index, error })),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    break match cancel.requested() {
                        Some(signal) => Err(RenderError::Cancelled(signal)),
                        None => Ok(()),
                    }
                }
            }
        };
        stop.store(true, Ordering::SeqCst);
        advanced.notify_all();
        outcome
    })
}

fn render_one(job: &Job, cache: Option<&ChunkCache>) -> Result<(Clip, Source), SynthError> {
    let key = cache.map(|_| ChunkCache::key(&job.backend.fingerprint(), job.text));
    if let (Some(cache), Some(key)) = (cache, key.as_deref()) {
        if let Some(clip) = cache.get(key) {
            return Ok((clip, Source::Cache));
        }
    }
    let clip = job.backend.clip(job.text)?;
    if let (Some(cache), Some(key)) = (cache, key.as_deref()) {
        // A cache that cannot be written only costs speed next time; the build goes on.
        let _ = cache.put(key, &clip);
    }
    Ok((clip, Source::Synthesized))
}

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderError<E> {
    Job(JobError),
    Deliver(E),
    /// Stopped by this signal before every job was delivered.
    Cancelled(i32),
}
