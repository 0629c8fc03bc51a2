//! Where a build's time goes: with `VOXPRESS_TIMINGS=1` in the environment, each stage prints
//! one line to standard error as it ends, with its own seconds and the seconds since the
//! process started, and the process's peak memory so far (`timings: synthesis 6.91 s (at 7.20 s),
//! peak 273 MB`). Nothing is measured otherwise.

use std::sync::Mutex;
use std::time::Instant;

/// When the first mark was asked for (the process's start, near enough: `main` marks "start"),
/// and when the last stage ended; `None` when timings are off.
static CLOCK: Mutex<Option<(Instant, Instant)>> = Mutex::new(None);

fn enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("VOXPRESS_TIMINGS").is_some_and(|v| v != "0"))
}

/// Ends the stage called `stage` now, and prints how long it took.
pub fn mark(stage: &str) {
    if !enabled() {
        return;
    }
    let now = Instant::now();
    let mut clock = CLOCK.lock().unwrap_or_else(|p| p.into_inner());
    let (start, last) = clock.get_or_insert((now, now));
    eprintln!(
        "timings: {stage} {:.3} s (at {:.3} s), peak {}",
        (now - *last).as_secs_f64(),
        (now - *start).as_secs_f64(),
        peak_memory().map_or("unknown".into(), |kb| format!("{} MB", kb / 1024))
    );
    *last = now;
}

/// The process's peak resident memory so far in KB (Linux's `VmHWM`), when the system says.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
