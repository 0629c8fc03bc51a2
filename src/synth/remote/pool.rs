//! The endpoints of a remote voice: each with a limit on requests in flight, a count of failures
//! in a row, and a time it is set aside until after failing repeatedly. A request goes to the
//! free endpoint with the fewest in flight; one that fails is retried, after a short backoff, on
//! another endpoint where there is one.
//!
//! Invariants: no endpoint ever has more than its limit in flight; a request that keeps failing
//! ends after a bounded number of attempts; when every endpoint is set aside, a request fails at
//! once rather than wait.

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// Failures in a row that set an endpoint aside.
const FAILURES_TO_SET_ASIDE: u32 = 3;
/// How long an endpoint is set aside.
const SET_ASIDE: Duration = Duration::from_secs(30);
/// The first pause before a retry; it doubles.
const BACKOFF: Duration = Duration::from_millis(250);

#[derive(Debug)]
struct EndpointState {
    in_flight: usize,
    failures: u32,
    aside_until: Option<Instant>,
    last_error: Option<String>,
}

/// The endpoints and their states, behind one lock.
pub struct Pool {
    urls: Vec<String>,
    limit: usize,
    states: Mutex<Vec<EndpointState>>,
    freed: Condvar,
}

/// What one attempt on an endpoint came to.
pub enum Outcome<T> {
    Done(T),
    /// Worth trying again elsewhere (the connection, a timeout, a 5xx or 429).
    Retry(String),
    /// The request itself is wrong (a 4xx): no other endpoint will do better.
    Fatal(String),
}

impl Pool {
    pub fn new(urls: Vec<String>, limit: usize) -> Pool {
        let states = urls
            .iter()
            .map(|_| EndpointState {
                in_flight: 0,
                failures: 0,
                aside_until: None,
                last_error: None,
            })
            .collect();
        Pool {
            urls,
            limit: limit.max(1),
            states: Mutex::new(states),
            freed: Condvar::new(),
        }
    }

    /// Takes a slot on the best endpoint, waiting while every usable one is full; `None` when
    /// every endpoint is set aside.
    fn acquire(&self, avoid: Option<usize>) -> Option<usize> {
        let mut states = self.states.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let now = Instant::now();
            for state in states.iter_mut() {
                if state.aside_until.is_some_and(|t| t <= now) {
                    state.aside_until = None;
                    state.failures = 0;
                }
            }
            let usable: Vec<usize> = (0..states.len())
                .filter(|&k| states[k].aside_until.is_none())
                .collect();
            if usable.is_empty() {
                return None;
            }
            let free = usable
                .iter()
                .copied()
                .filter(|&k| states[k].in_flight < self.limit)
                .min_by_key(|&k| (Some(k) == avoid && usable.len() > 1, states[k].in_flight, k));
            if let Some(k) = free {
                states[k].in_flight += 1;
                return Some(k);
            }
            states = self
                .freed
                .wait_timeout(states, Duration::from_millis(200))
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    fn release(&self, k: usize, error: Option<String>) {
        let mut states = self.states.lock().unwrap_or_else(|p| p.into_inner());
        let state = &mut states[k];
        state.in_flight -= 1;
        match error {
            None => state.failures = 0,
            Some(error) => {
                state.failures += 1;
                if state.failures >= FAILURES_TO_SET_ASIDE {
                    state.aside_until = Some(Instant::now() + SET_ASIDE);
                }
                state.last_error = Some(error);
            }
        }
        drop(states);
        self.freed.notify_all();
    }

    /// Runs `attempt` on endpoints until it is done, retrying failures with backoff on another
    /// endpoint, at most `attempts` times; the error says what each endpoint last said.
    pub fn run<T>(
        &self,
        attempts: usize,
        mut attempt: impl FnMut(&str) -> Outcome<T>,
    ) -> Result<T, String> {
        let mut pause = BACKOFF;
        let mut last = None;
        for _ in 0..attempts.max(1) {
            let Some(k) = self.acquire(last) else {
                return Err(format!("every endpoint is failing: {}", self.summary()));
            };
            match attempt(&self.urls[k]) {
                Outcome::Done(value) => {
                    self.release(k, None);
                    return Ok(value);
                }
                Outcome::Fatal(why) => {
                    self.release(k, None);
                    return Err(format!("{}: {why}", self.urls[k]));
                }
                Outcome::Retry(why) => {
                    self.release(k, Some(why));
                    last = Some(k);
                }
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_secs(4));
        }
        Err(format!("no endpoint answered: {}", self.summary()))
    }

    /// Each endpoint's last error.
    fn summary(&self) -> String {
        let states = self.states.lock().unwrap_or_else(|p| p.into_inner());
        self.urls
            .iter()
            .zip(states.iter())
            .map(|(url, s)| format!("{url} ({})", s.last_error.as_deref().unwrap_or("no error")))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_endpoint_is_left_for_the_other_and_then_set_aside() {
        let pool = Pool::new(vec!["a".into(), "b".into()], 2);
        let mut tried = Vec::new();
        let got = pool.run(4, |url| {
            tried.push(url.to_string());
            if url == "a" {
                Outcome::Retry("refused".into())
            } else {
                Outcome::Done(7)
            }
        });
        assert_eq!(got, Ok(7));
        assert_eq!(tried, ["a", "b"]);
        for _ in 0..3 {
            pool.release(pool.acquire(Some(1)).unwrap(), Some("refused".into()));
        }
        // a is set aside now: everything goes to b.
        assert_eq!(pool.acquire(None), Some(1));
    }

    #[test]
    fn when_every_endpoint_is_set_aside_a_request_fails_at_once_naming_them() {
        let pool = Pool::new(vec!["http://x".into()], 1);
        let err = pool
            .run::<()>(10, |_| Outcome::Retry("connection refused".into()))
            .unwrap_err();
        assert!(
            err.contains("every endpoint is failing: http://x (connection refused)"),
            "{err}"
        );
        let fatal =
            Pool::new(vec!["u".into()], 1).run::<()>(5, |_| Outcome::Fatal("400: bad".into()));
        assert_eq!(fatal.unwrap_err(), "u: 400: bad");
    }
}
