//! `voxpress publish`: three editions published into one show and the second rebuilt with an
//! edit, read back by feedparser and gPodder's podcastparser over a static file server on
//! 127.0.0.1, and by `publish --check`; removal; mistakes in shows refused in one line.

mod common;

use common::{stderr, stdout, voxpress, voxpress_ok};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// A free port on the loopback interface, for the test's own static file server.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

fn show_toml(url: &str, folder: &str) -> String {
    format!(
        "title = \"The Harbor Weekly, read aloud\"\n\
         author = \"The Harbor Weekly\"\n\
         description = \"Every Friday's stories & <more>, narrated.\"\n\
         language = \"en-us\"\n\
         image = \"show-cover.png\"\n\
         categories = [\"News\", \"News/Daily News\", \"Society & Culture\"]\n\
         owner_email = \"podcast@harbor.example\"\n\
         url = \"{url}\"\n\
         folder = \"{folder}\"\n\
         formats = [\"mp3\", \"opus\"]\n"
    )
}

fn edition_toml(week: usize) -> String {
    format!(
        "title = \"Weekly Edition {week}\"\nauthor = \"The Harbor Weekly\"\n\
         date = \"2024-02-{:02}\"\nvoice = \"espeak\"\nshow = \"show.toml\"\n\
         [[article]]\npath = \"week{week}-a.txt\"\n[[article]]\npath = \"week{week}-b.txt\"\n",
        2 + 7 * (week - 1)
    )
}

/// One item of the feed as the test reads it: GUID and enclosure length.
#[derive(Debug, Clone, PartialEq)]
struct FeedItem {
    title: String,
    guid: String,
    length: u64,
}

fn items(feed: &Path) -> Vec<FeedItem> {
    let channel = rss::Channel::read_from(std::io::BufReader::new(
        std::fs::File::open(feed).expect("feed.xml"),
    ))
    .expect("an RSS feed");
    channel
        .items
        .iter()
        .map(|i| FeedItem {
            title: i.title.clone().unwrap_or_default(),
            guid: i.guid.as_ref().map(|g| g.value.clone()).unwrap_or_default(),
            length: i.enclosure.as_ref().unwrap().length.parse().unwrap(),
        })
        .collect()
}

struct Show {
    dir: PathBuf,
    port: u16,
    /// The folder, served as the show's url.
    folder: PathBuf,
    /// The items after the three editions were published, then after the second was rebuilt.
    first: Vec<FeedItem>,
    rebuilt: Vec<FeedItem>,
    republish_stdout: String,
    _temp: tempfile::TempDir,
}

fn show() -> &'static Show {
    static SHOW: OnceLock<Show> = OnceLock::new();
    SHOW.get_or_init(|| {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().to_path_buf();
        let port = free_port();
        let url = format!("http://127.0.0.1:{port}/harbor/");
        std::fs::write(dir.join("show.toml"), show_toml(&url, "site/harbor")).unwrap();
        std::fs::copy(
            common::root().join("tests/fixtures/show-cover-1400.png"),
            dir.join("show-cover.png"),
        )
        .unwrap();
        for week in 1..=3 {
            std::fs::write(
                dir.join(format!("week{week}-a.txt")),
                format!("Harbor news, week {week}\n\nThe dock workers met on Tuesday.\n"),
            )
            .unwrap();
            std::fs::write(
                dir.join(format!("week{week}-b.txt")),
                format!("Council notes, week {week}\n\nThe council approved the budget.\n"),
            )
            .unwrap();
            std::fs::write(dir.join(format!("week{week}.toml")), edition_toml(week)).unwrap();
            voxpress_ok(&dir, &["publish", &format!("week{week}.toml"), "-j", "2"]);
        }
        let folder = dir.join("site/harbor");
        let first = items(&folder.join("feed.xml"));
        std::fs::write(
            dir.join("week2-b.txt"),
            "Council notes, week 2\n\nThe council approved the budget. It also named a new \
             harbor master, who starts in March and will oversee the reopening of the port.\n",
        )
        .unwrap();
        let out = voxpress_ok(&dir, &["publish", "week2.toml", "-j", "2"]);
        let rebuilt = items(&folder.join("feed.xml"));
        Show {
            dir,
            port,
            folder,
            first,
            rebuilt,
            republish_stdout: stdout(&out),
            _temp: temp,
        }
    })
}

#[test]
fn a_rebuilt_edition_replaces_its_own_item_keeping_its_guid() {
    let show = show();
    let titles: Vec<&str> = show.rebuilt.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Weekly Edition 3", "Weekly Edition 2", "Weekly Edition 1"],
        "newest first"
    );
    assert_eq!(show.first.len(), 3);
    let (before, after) = (&show.first[1], &show.rebuilt[1]);
    assert_eq!(
        before.guid, after.guid,
        "the GUID does not follow the audio"
    );
    assert!(
        after.length > before.length,
        "the edit made the MP3 longer: {} -> {}",
        before.length,
        after.length
    );
    let mp3 = std::fs::metadata(show.folder.join("week2.mp3"))
        .unwrap()
        .len();
    assert_eq!(after.length, mp3, "the enclosure length is the file's");
    assert_eq!(
        show.first[0], show.rebuilt[0],
        "the other items are untouched"
    );
    assert_eq!(show.first[2], show.rebuilt[2]);
    assert!(
        show.republish_stdout.contains("replaced") && show.republish_stdout.contains("3 episodes"),
        "{}",
        show.republish_stdout
    );
    let guids: std::collections::BTreeSet<&str> =
        show.rebuilt.iter().map(|i| i.guid.as_str()).collect();
    assert_eq!(guids.len(), 3, "every episode has its own GUID");
}

#[test]
fn feedparser_and_podcastparser_read_every_episode_and_every_url_is_served() {
    let show = show();
    let url = format!("http://127.0.0.1:{}/harbor/", show.port);
    let out = Command::new("python3")
        .arg(common::root().join("tests/feed_readers.py"))
        .arg(show.dir.join("site"))
        .arg(show.port.to_string())
        .arg(format!("{url}feed.xml"))
        .output()
        .expect("python3 (scripts/setup.sh installs feedparser and podcastparser)");
    assert!(out.status.success(), "feed_readers.py: {}", stderr(&out));
    let read: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    eprintln!("{}", serde_json::to_string_pretty(&read).unwrap());

    let fp = &read["feedparser"];
    assert_eq!(fp["bozo"], false, "feedparser: {}", fp["bozo_exception"]);
    assert_eq!(fp["title"], "The Harbor Weekly, read aloud");
    assert_eq!(fp["image"], format!("{url}show-image.png"));
    let entries = fp["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3);
    let pp = &read["podcastparser"];
    assert_eq!(pp["title"], "The Harbor Weekly, read aloud");
    assert_eq!(pp["cover_url"], format!("{url}show-image.png"));
    assert_eq!(
        pp["categories"],
        serde_json::json!([["News", "Daily News"], ["Society & Culture"]])
    );
    let episodes = pp["episodes"].as_array().unwrap();
    assert_eq!(episodes.len(), 3);
    for (week, (entry, episode)) in (1..=3).rev().zip(entries.iter().zip(episodes)) {
        let mp3 = show.folder.join(format!("week{week}.mp3"));
        let length = std::fs::metadata(&mp3).unwrap().len();
        let href = format!("{url}week{week}.mp3");
        assert_eq!(entry["title"], format!("Weekly Edition {week}"));
        assert_eq!(
            entry["enclosures"],
            serde_json::json!([{"href": href, "length": length.to_string(), "type": "audio/mpeg"}])
        );
        assert_eq!(
            episode["enclosures"],
            serde_json::json!([{"url": href, "file_size": length, "mime_type": "audio/mpeg"}])
        );
        assert_eq!(entry["id"], episode["guid"]);
        // The duration both read is the MP3's own, as ffprobe measures it.
        let probed = common::ffprobe_duration(&mp3).expect("ffprobe");
        let total = episode["total_time"].as_f64().unwrap();
        assert!((total - probed).abs() <= 1.0, "{total} vs {probed}");
        assert_eq!(entry["duration"], total.to_string());
        let chapters = format!("{url}week{week}.chapters.json");
        assert_eq!(entry["chapters"], chapters);
        assert_eq!(episode["chapters_json_url"], chapters);
        assert!(episode["transcript_url"]
            .as_str()
            .is_some_and(|t| t.starts_with(&format!("{url}week{week}."))));
    }
    let transcripts: Vec<String> = read["transcripts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            format!(
                "{} {}",
                t["type"].as_str().unwrap(),
                t["url"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        transcripts.contains(&format!("text/vtt {url}week2.vtt")),
        "{transcripts:?}"
    );
    assert!(
        transcripts.contains(&format!("application/x-subrip {url}week2.srt")),
        "{transcripts:?}"
    );
    // Every URL in the feed answers 200 with the file's bytes.
    let fetched = read["fetched"].as_array().unwrap();
    // Per episode: MP3, Opus, chapters, VTT, SRT; then the image, the feed itself and the link.
    assert_eq!(fetched.len(), 3 * 5 + 3, "{fetched:?}");
    for f in fetched {
        assert_eq!(f["status"], 200, "{f}");
        let url = f["url"].as_str().unwrap();
        let name = url.strip_prefix(&url_of(show)).unwrap();
        if !name.is_empty() {
            let size = std::fs::metadata(show.folder.join(name)).unwrap().len();
            assert_eq!(f["length"], size, "{url}");
        }
    }
}

fn url_of(show: &Show) -> String {
    format!("http://127.0.0.1:{}/harbor/", show.port)
}

#[test]
fn publish_check_passes_the_folder_and_names_what_breaks_it() {
    let show = show();
    let out = voxpress_ok(&show.dir, &["publish", "--check", "--show", "show.toml"]);
    assert!(
        stdout(&out).contains("3 episodes") && stdout(&out).contains("durations match"),
        "{}",
        stdout(&out)
    );
    // A copy of the folder, broken three ways, checked through a show that serves the copy.
    let broken = copy_of_show(show, "broken");
    let opus = std::fs::read(broken.join("week1.opus")).unwrap();
    std::fs::write(broken.join("week1.opus"), &opus[..opus.len() / 2]).unwrap();
    std::fs::remove_file(broken.join("week3.vtt")).unwrap();
    std::fs::write(broken.join("week2.chapters.json"), "not json").unwrap();
    let out = voxpress(&show.dir, &["publish", "--check", "--show", "broken.toml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("4 problems found"), "{err}");
    assert!(err.contains("broken/week1.opus plays"), "{err}");
    assert!(err.contains("broken/week1.opus has"), "{err}");
    assert!(err.contains("week3.vtt is not a file in"), "{err}");
    assert!(
        err.contains("week2.chapters.json is not Podcasting 2.0 chapters JSON"),
        "{err}"
    );
}

#[test]
fn remove_takes_the_episode_and_its_files_out_of_the_folder() {
    let show = show();
    let copy = copy_of_show(show, "removal");
    let out = voxpress_ok(
        &show.dir,
        &[
            "publish",
            "--remove",
            "week1.toml",
            "--show",
            "removal.toml",
        ],
    );
    assert!(stdout(&out).contains("2 episodes left"), "{}", stdout(&out));
    let left = items(&copy.join("feed.xml"));
    assert_eq!(left, show.rebuilt[..2]);
    for suffix in [".mp3", ".opus", ".chapters.json", ".vtt", ".srt"] {
        assert!(!copy.join(format!("week1{suffix}")).exists(), "{suffix}");
        assert!(copy.join(format!("week2{suffix}")).exists(), "{suffix}");
    }
    assert!(copy.join("show-image.png").exists());
    voxpress_ok(&show.dir, &["publish", "--check", "--show", "removal.toml"]);
    let again = voxpress(
        &show.dir,
        &[
            "publish",
            "--remove",
            "week1.toml",
            "--show",
            "removal.toml",
        ],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("has no episode week1"),
        "{}",
        stderr(&again)
    );
}

/// A copy of the show's folder as `NAME/`, served by the same url through `NAME.toml`.
fn copy_of_show(show: &Show, name: &str) -> PathBuf {
    let copy = show.dir.join(name);
    copy_dir(&show.folder, &copy);
    std::fs::write(
        show.dir.join(format!("{name}.toml")),
        show_toml(&url_of(show), name),
    )
    .unwrap();
    copy
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn mistakes_in_a_show_are_refused_with_one_line_and_nothing_is_published() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    std::fs::write(dir.join("a.txt"), "Title\n\nOne sentence.\n").unwrap();
    std::fs::copy(
        common::root().join("tests/fixtures/show-cover-1400.png"),
        dir.join("show-cover.png"),
    )
    .unwrap();
    let good = show_toml("https://harbor.example/pod/", "public");
    let refused = |show: &str, args: &[&str]| {
        std::fs::write(dir.join("show.toml"), show).unwrap();
        let out = voxpress(dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(!dir.join("public/feed.xml").exists());
        let err = stderr(&out);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        err
    };
    let publish = [
        "publish",
        "a.txt",
        "--show",
        "show.toml",
        "--voice",
        "espeak",
    ];
    let err = refused(&good.replace("\"News\", ", "\"Newz\", "), &publish);
    assert!(
        err.contains("show.toml:6:") && err.contains("\"Newz\""),
        "{err}"
    );
    // A cover that is not square, and one too small.
    let wide = make_png(dir, "wide.png", 1600, 1400);
    let err = refused(&good.replace("show-cover.png", &wide), &publish);
    assert!(err.contains("1600x1400") && err.contains("square"), "{err}");
    let small = make_png(dir, "small.png", 600, 600);
    let err = refused(&good.replace("show-cover.png", &small), &publish);
    assert!(
        err.contains("600x600") && err.contains("1400 to 3000"),
        "{err}"
    );
    let err = refused(
        &good.replace("formats = [\"mp3\", \"opus\"]", "formats = [\"wav\"]"),
        &publish,
    );
    assert!(err.contains("cannot go in a feed"), "{err}");
    let err = refused(&good, &["publish", "a.txt", "--voice", "espeak"]);
    assert!(err.contains("--show show.toml"), "{err}");
    let err = refused(&good.replace("podcast@harbor.example", "nobody"), &publish);
    assert!(err.contains("not an e-mail address"), "{err}");
}

/// A PNG of one colour, drawn by ffmpeg.
fn make_png(dir: &Path, name: &str, width: u32, height: u32) -> String {
    let status = Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi", "-i"])
        .arg(format!("color=c=navy:s={width}x{height}"))
        .args(["-frames:v", "1"])
        .arg(dir.join(name))
        .status()
        .expect("ffmpeg");
    assert!(status.success());
    name.to_string()
}
