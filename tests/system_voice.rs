//! The system voice (`--feature system-voice`): live only, and a clear error where no speech service
//! runs (made so here whatever the machine has: speech-dispatcher's address is a socket that does
//! not exist, and the command it would be started with fails).
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
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_voxpress"))
            .args(&args)
            .current_dir(dir.path())
            .env("XDG_CACHE_HOME", dir.path().join(".test-cache"))
            .env(
                "SPEECHD_ADDRESS",
                format!("unix_socket:{}", dir.path().join("none").display()),
            )
            .env("SPEECHD_CMD", "/bin/false")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("system voice is not available"),
            "{}",
            stderr(&out)
        );
    }
}
