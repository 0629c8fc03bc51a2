//! Cancellation: a [`Cancel`] token that a build checks between chunks and while mastering, set
//! by the binary's SIGINT and SIGTERM handlers (or by anyone holding a clone).
//!
//! A cancelled build stops taking new chunks at once; chunks already being synthesized finish
//! and go to the cache (so the next build resumes there), the temporary files are removed as
//! their owners drop, and the build returns the signal that stopped it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// What [`Cancel::requested`] gives when the listener stopped, not a signal: no signal has it.
pub const STOPPED: i32 = 1 << 20;

/// A shared flag holding the number of the signal that asked to stop (0: none yet).
#[derive(Debug, Clone, Default)]
pub struct Cancel {
    signal: Arc<AtomicUsize>,
}

impl Cancel {
    /// A token nothing has cancelled yet.
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Asks everything holding this token to stop, because of `signal` (nonzero).
    pub fn cancel(&self, signal: i32) {
        self.signal.store(
            usize::try_from(signal.max(1)).unwrap_or(1),
            Ordering::SeqCst,
        );
    }

    /// Asks everything holding this token to stop because the listener is done with it.
    pub fn stop(&self) {
        self.cancel(STOPPED);
    }

    /// The signal that asked to stop ([`STOPPED`]: the listener), if one did.
    pub fn requested(&self) -> Option<i32> {
        match self.signal.load(Ordering::SeqCst) {
            0 => None,
            n => Some(i32::try_from(n).unwrap_or(i32::MAX)),
        }
    }

    /// Sets this token when the process gets SIGINT or SIGTERM; a second such signal ends the
    /// process at once (exit 128 + signal), for a user who does not want to wait.
    #[cfg(unix)]
    pub fn on_interrupt(&self) -> std::io::Result<()> {
        use signal_hook::consts::{SIGINT, SIGTERM};
        use signal_hook::flag;
        for signal in [SIGINT, SIGTERM] {
            let seen = Arc::new(std::sync::atomic::AtomicBool::new(false));
            flag::register_conditional_shutdown(signal, 128 + signal, Arc::clone(&seen))?;
            flag::register(signal, seen)?;
            flag::register_usize(
                signal,
                Arc::clone(&self.signal),
                usize::try_from(signal).unwrap_or(1),
            )?;
        }
        Ok(())
    }

    /// Signals cannot be caught here: the token is only set by [`Cancel::cancel`].
    #[cfg(not(unix))]
    pub fn on_interrupt(&self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_sees_the_signal_that_cancelled_the_original() {
        let token = Cancel::new();
        let seen_by = token.clone();
        assert_eq!(seen_by.requested(), None);
        token.cancel(15);
        assert_eq!(seen_by.requested(), Some(15));
    }
}
