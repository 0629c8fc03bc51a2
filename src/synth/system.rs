//! The `system` voice: the computer's own text-to-speech (speech-dispatcher on Linux, SAPI or
//! WinRT on Windows, AVFoundation on macOS) through the `tts` crate, behind the `system-voice`
//! feature.
//!
//! It speaks live, straight to the speakers, and gives no samples back, so it is not a
//! [`super::Backend`]: `play` and `say` use it, and `build` refuses it with that explanation.

use super::SynthError;
use std::time::Duration;

/// The voice's name on the command line.
pub const NAME: &str = "system";

/// Speaks each line in turn, waiting for each to finish; `stop` is asked between lines.
pub fn speak(lines: &[String], stop: &dyn Fn() -> bool) -> Result<(), SynthError> {
    let unavailable = |e: tts::Error| {
        SynthError::Unavailable {
        engine: "system",
        message: format!(
            "the system voice is not available here ({e}); on Linux it needs speech-dispatcher running"
        ),
    }
    };
    let mut tts = tts::Tts::default().map_err(unavailable)?;
    let can_wait = tts.supported_features().is_speaking;
    for line in lines {
        if stop() {
            break;
        }
        tts.speak(line.as_str(), false).map_err(unavailable)?;
        if can_wait {
            // Give the service a moment to start, then wait for it to finish.
            std::thread::sleep(Duration::from_millis(100));
            while tts.is_speaking().map_err(unavailable)? {
                if stop() {
                    let _ = tts.stop();
                    return Ok(());
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        } else {
            // No way to ask: allow a reading pace of about 15 characters a second.
            std::thread::sleep(Duration::from_millis(line.len() as u64 * 1000 / 15));
        }
    }
    Ok(())
}
