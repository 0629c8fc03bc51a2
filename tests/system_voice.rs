//! The system voice (`--feature system-voice`): live only, and a clear error where no speech service
//! runs (as on CI machines, which have the library but no speech-dispatcher).
#![cfg(feature = "system-voice")]

mod common;

use common::*;

#[test]
fn the_system_voice_is_listed_as_live_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = voxpress_ok(dir.path(), &["voices"]);
    let line = stdout(&out)
        .lines()
        .find(|l| l.starts_with("system"))
        .map(str::to_string)
        .expect("the system voice is listed");
    assert!(line.contains("live only"), "{line}");
}

#[test]
fn without_a_speech_service_say_and_play_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Title\n\nOne sentence to say.\n").unwrap();
    for args in [
        vec!["say", "hello", "--voice", "system"],
        vec!["play", article.to_str().unwrap(), "--voice", "system"],
    ] {
        let out = voxpress(dir.path(), &args);
        if out.status.success() {
            // A machine with a speech service spoke; nothing to check.
            continue;
        }
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("system voice is not available"),
            "{}",
            stderr(&out)
        );
    }
}
