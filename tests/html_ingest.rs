//! HTML ingest: the article of a saved web page, checked on fixtures named for what they show.

mod common;

use voxpress::ingest::read_document;
use voxpress::model::{Document, Role};

fn fixture(name: &str) -> (Document, String) {
    let path = common::root().join("tests/fixtures/html").join(name);
    let source = std::fs::read_to_string(&path).unwrap();
    (
        read_document(&path).unwrap_or_else(|e| panic!("{e}")),
        source,
    )
}

fn paragraphs(doc: &Document) -> Vec<(&str, Role)> {
    doc.sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .map(|p| (p.text.as_str(), p.role))
        .collect()
}

fn texts(doc: &Document) -> Vec<&str> {
    paragraphs(doc).into_iter().map(|(t, _)| t).collect()
}

#[test]
fn a_saved_news_page_reads_only_its_article() {
    let (doc, source) = fixture("a_saved_news_page_reads_only_its_article.html");
    assert_eq!(doc.title.text, "Harbor workers end strike after nine days");
    assert_eq!(doc.author.as_deref(), Some("Dana Whitfield"));
    let body = Role::Body;
    assert_eq!(
        paragraphs(&doc),
        [
            ("By Dana Whitfield", Role::Byline),
            ("Cranes stand idle at the north terminal on Monday.", Role::Caption),
            (
                "Dock workers at the port of Halden voted on Sunday to end a strike that had stopped cargo traffic for nine days.",
                body
            ),
            (
                "The union\u{2019}s leader, Marta Ruiz, said the deal \u{201c}gives every crew a fair shift\u{201d}.",
                body
            ),
            ("A 4% raise this year.", body),
            ("Shorter night shifts.", body),
            ("We waited a long time for this.", body),
            ("Ships will berth again from Tuesday. Queues are expected.", body),
        ]
    );
    let headings: Vec<_> = doc
        .sections
        .iter()
        .filter_map(|s| s.heading.as_ref().map(|h| h.text.as_str()))
        .collect();
    assert_eq!(headings, ["What the deal says"]);
    // Spans point at the HTML text each paragraph was decoded from.
    let title = doc.title.span();
    assert_eq!(
        &source[title.start..title.end],
        "Harbor workers end strike after nine days"
    );
    assert_eq!(title.line, 18);
    let halden = doc.sections[0].paragraphs[2].span();
    assert!(source[halden.start..halden.end].starts_with("Dock workers at the port of Halden"));
    assert_eq!(halden.line, 25);
}

#[test]
fn a_page_without_an_article_element_reads_its_body() {
    // The blog's header and footer and the loose line after the paragraphs are left out
    // (trafilatura's reading, the shorter of the two extractors'); the code block is code, which
    // the script reads unless told `--code skip`.
    let (doc, _) = fixture("a_page_without_an_article_element_reads_its_body.html");
    assert_eq!(doc.title.text, "Notes from the valley");
    assert_eq!(
        paragraphs(&doc),
        [
            ("The river rose two meters overnight.", Role::Body),
            ("By morning the bridge was closed.", Role::Body),
            ("code that is not read", Role::Code),
        ]
    );
}

#[test]
fn the_article_with_the_most_prose_is_chosen() {
    let (doc, _) = fixture("the_article_with_the_most_prose_is_chosen.html");
    assert_eq!(doc.title.text, "The real story");
    assert_eq!(
        texts(&doc),
        [
            "This article has the most prose on the page, so it is the one that is read aloud.",
            "It has a second paragraph as well.",
        ]
    );
}

#[test]
fn a_page_with_nothing_to_say_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty-page.html");
    std::fs::write(
        &path,
        "<html><head><script>var x = 1;</script></head><body><nav>Home</nav></body></html>",
    )
    .unwrap();
    let error = read_document(&path).unwrap_err().to_string();
    assert!(error.contains("empty-page.html"), "{error}");
    assert!(
        error.contains("nothing in the file can be spoken"),
        "{error}"
    );
}

/// Words as the extraction benchmarks count them: runs of letters and digits, in lower case.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Bag-of-words precision, recall and F1 of `found` against `truth`.
fn bag_scores(found: &str, truth: &str) -> (f64, f64, f64) {
    let mut left: std::collections::HashMap<String, usize> = Default::default();
    for w in words(truth) {
        *left.entry(w).or_default() += 1;
    }
    let found = words(found);
    let truth_count: usize = left.values().sum();
    let common = found
        .iter()
        .filter(|w| {
            left.get_mut(*w).is_some_and(|n| {
                *n > 0 && {
                    *n -= 1;
                    true
                }
            })
        })
        .count();
    let precision = common as f64 / found.len().max(1) as f64;
    let recall = common as f64 / truth_count.max(1) as f64;
    let f1 = if common == 0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (precision, recall, f1)
}

/// The text of an HTML file as a browser shows it, by html5gum's tokenizer (entities decoded;
/// scripts and styles left out), for scoring.
fn html_text(markup: &str) -> String {
    use html5gum::{Token, Tokenizer};
    let mut text = String::new();
    let mut hidden = 0usize;
    for token in Tokenizer::new(markup).flatten() {
        match token {
            Token::StartTag(t) if matches!(&t.name[..], b"script" | b"style") => hidden += 1,
            Token::EndTag(t) if matches!(&t.name[..], b"script" | b"style") => {
                hidden = hidden.saturating_sub(1)
            }
            Token::String(s) if hidden == 0 => text.push_str(&String::from_utf8_lossy(&s)),
            _ => text.push(' '),
        }
    }
    text
}

/// Everything a document says, captions included: what is scored against an article.
fn all_text(doc: &Document) -> String {
    let mut text = doc.title.text.clone();
    for section in &doc.sections {
        for p in section.heading.iter().chain(&section.paragraphs) {
            text.push(' ');
            text.push_str(&p.text);
        }
    }
    text
}

/// Mozilla Readability's test pages (tests/data/extraction, Apache-2.0): every readerable page read
/// as an article and scored against the article Readability finds there, its title and byline
/// added, as `scripts/extraction.py` does.
#[test]
fn readabilitys_test_pages_are_read_at_least_as_well_as_the_best_extractors_read_them() {
    let dir = tempfile::tempdir().unwrap();
    let archive = common::root().join("tests/data/extraction/readability-test-pages.tar.xz");
    let unpacked = std::process::Command::new("tar")
        .arg("-xJf")
        .arg(&archive)
        .arg("-C")
        .arg(dir.path())
        .status()
        .expect("tar runs");
    assert!(
        unpacked.success(),
        "tar could not unpack {}",
        archive.display()
    );
    let pages = dir.path().join("test-pages");
    let mut names: Vec<String> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut scores = std::collections::BTreeMap::new();
    for name in &names {
        let page = pages.join(name);
        let meta: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(page.join("expected-metadata.json")).unwrap(),
        )
        .unwrap();
        if meta["readerable"] == false {
            continue;
        }
        let truth = format!(
            "{} {} {}",
            meta["title"].as_str().unwrap_or(""),
            meta["byline"].as_str().unwrap_or(""),
            html_text(&std::fs::read_to_string(page.join("expected.html")).unwrap())
        );
        let found =
            read_document(&page.join("source.html")).map_or(String::new(), |d| all_text(&d));
        scores.insert(name.clone(), bag_scores(&found, &truth));
    }
    let n = scores.len();
    assert_eq!(n, 122, "readerable pages");
    let mean = scores.values().map(|s| s.2).sum::<f64>() / n as f64;
    let good = scores.values().filter(|s| s.2 >= 0.9).count();
    let report: Vec<String> = scores
        .iter()
        .filter(|(_, s)| s.2 < 0.9)
        .map(|(name, s)| format!("{name}: P {:.2} R {:.2} F1 {:.2}", s.0, s.1, s.2))
        .collect();
    assert!(
        mean >= 0.97 && good >= 116,
        "mean F1 {mean:.3}, {good} of {n} pages at 0.9 or more; below: {report:#?}"
    );
    // Pages where the whole article was once lost, or the page around it read.
    for (name, floor) in [
        ("aclu", 0.95),
        ("ietf-1", 0.9),
        ("liberation-1", 0.95),
        ("videos-1", 0.95),
        ("nytimes-5", 0.85),
        ("yahoo-4", 0.95),
        ("webmd-1", 0.95),
        ("pixnet", 0.8),
    ] {
        let s = scores[name];
        assert!(
            s.2 >= floor,
            "{name}: P {:.2} R {:.2} F1 {:.2}, under {floor}",
            s.0,
            s.1,
            s.2
        );
    }
}

/// A web server on 127.0.0.1 for one test: answers each path from `routes` (status, headers,
/// body), 404 otherwise, and records each request's path and `If-None-Match`. Stops when dropped.
/// Each request's path and `If-None-Match`, in order.
type Requests = std::sync::Arc<std::sync::Mutex<Vec<(String, Option<String>)>>>;

struct Site {
    address: String,
    requests: Requests,
    server: std::sync::Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
}

type Route = (u16, Vec<(&'static str, String)>, Vec<u8>);

impl Site {
    fn start(routes: Vec<(&'static str, Route)>) -> Site {
        let server = std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let address = format!("http://{}", server.server_addr().to_ip().unwrap());
        let requests: Requests = Default::default();
        let (serving, seen) = (server.clone(), requests.clone());
        let thread = std::thread::spawn(move || {
            for request in serving.incoming_requests() {
                let etag = request
                    .headers()
                    .iter()
                    .find(|h| h.field.equiv("If-None-Match"))
                    .map(|h| h.value.to_string());
                let path = request.url().to_string();
                seen.lock().unwrap().push((path.clone(), etag.clone()));
                let route = routes.iter().find(|(p, _)| *p == path).map(|(_, r)| r);
                let (status, headers, body) = match route {
                    Some((200, headers, _))
                        if etag.is_some()
                            && headers
                                .iter()
                                .any(|(k, v)| *k == "ETag" && Some(v) == etag.as_ref()) =>
                    {
                        (304, Vec::new(), Vec::new())
                    }
                    Some((status, headers, body)) => (*status, headers.clone(), body.clone()),
                    None => (404, Vec::new(), b"no such page".to_vec()),
                };
                let mut response = tiny_http::Response::from_data(body).with_status_code(status);
                for (key, value) in headers {
                    response.add_header(
                        tiny_http::Header::from_bytes(key.as_bytes(), value.as_bytes()).unwrap(),
                    );
                }
                let _ = request.respond(response);
            }
        });
        Site {
            address,
            requests,
            server,
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Runs voxpress in `dir` (its caches there too); returns the exit code, stdout and stderr.
fn voxpress(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = common::voxpress(dir, args);
    let code = out.status.code().unwrap_or(-1);
    (code, common::stdout(&out), common::stderr(&out))
}

/// A news page in windows-1252, as older sites still send them.
fn harbor_page() -> Vec<u8> {
    let mut page = b"<!DOCTYPE html><html lang=\"en\"><head><title>Harbor strike ends | Ledger</title></head><body>\
        <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>Harbor strike ends</h1>\
        <p>Dock workers at the port of Halden voted on Sunday to end a strike that had stopped cargo traffic for nine days.</p>\
        <p>The union's leader said the deal gives every crew a fair shift, and the port caf".to_vec();
    page.push(0xE9);
    page.extend_from_slice(
        b" opens again at six on Tuesday morning for the first crews.</p>\
        <p>Ships will berth again from Tuesday, and the harbor master expects queues for a week.</p></article>\
        <footer>Copyright The Ledger</footer></body></html>",
    );
    page
}

#[test]
fn a_page_given_by_address_is_fetched_once_kept_and_asked_again_only_on_refresh() {
    let html = (
        "Content-Type",
        "text/html; charset=windows-1252".to_string(),
    );
    let site = Site::start(vec![(
        "/news/harbor-strike.html",
        (
            200,
            vec![html, ("ETag", "\"v1\"".to_string())],
            harbor_page(),
        ),
    )]);
    let cache = tempfile::tempdir().unwrap();
    let url = site.url("/news/harbor-strike.html");
    let script = [
        "script",
        "--voice",
        "espeak",
        "--format",
        "text",
        url.as_str(),
    ];
    let (code, first, stderr) = voxpress(cache.path(), &script);
    assert_eq!(code, 0, "{stderr}");
    assert!(first.starts_with("Harbor strike ends."), "{first}");
    assert!(first.contains("café"), "decoded from windows-1252: {first}");
    assert!(
        !first.contains("Home") && !first.contains("Copyright"),
        "{first}"
    );
    assert_eq!(site.count(), 1);
    // Cached: read again without asking.
    let (code, again, _) = voxpress(cache.path(), &script);
    assert_eq!((code, again.as_str(), site.count()), (0, first.as_str(), 1));
    // --refresh asks with the ETag; the server says nothing changed.
    let refresh = [
        "script",
        "--voice",
        "espeak",
        "--refresh",
        "--format",
        "text",
        url.as_str(),
    ];
    let (code, refreshed, _) = voxpress(cache.path(), &refresh);
    assert_eq!((code, refreshed.as_str()), (0, first.as_str()));
    let last = site.requests.lock().unwrap().last().cloned().unwrap();
    assert_eq!(last.1.as_deref(), Some("\"v1\""));
    // An edition lists it by url, and a build names its file from the address.
    let manifest = cache.path().join("edition.toml");
    std::fs::write(
        &manifest,
        format!("title = \"Morning\"\n[[article]]\nurl = \"{url}\"\n"),
    )
    .unwrap();
    let out = cache.path().join("out");
    let out_arg = out.to_string_lossy().into_owned();
    let (code, _, stderr) = voxpress(
        cache.path(),
        &[
            "build",
            "--voice",
            "espeak",
            "--format",
            "wav",
            "--out",
            &out_arg,
            url.as_str(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        out.join("harbor-strike.wav").is_file(),
        "{:?}",
        std::fs::read_dir(&out).unwrap().collect::<Vec<_>>()
    );
    drop(site);
    // The server is gone: the edition still reads, offline; a refresh says why it cannot.
    let manifest_arg = manifest.to_string_lossy().into_owned();
    let (code, offline, stderr) = voxpress(
        cache.path(),
        &[
            "script",
            "--voice",
            "espeak",
            "--format",
            "text",
            &manifest_arg,
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        offline.contains("Dock workers at the port of Halden"),
        "{offline}"
    );
    let (code, _, stderr) = voxpress(cache.path(), &refresh);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&url) && stderr.contains("cannot fetch the page"),
        "{stderr}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}

#[test]
fn an_address_that_gives_no_article_is_one_line_naming_it_with_the_exit_for_its_cause() {
    let moved = |to: &str| (302, vec![("Location", to.to_string())], Vec::new());
    let nothing =
        b"<html><head><script>var a = 1;</script></head><body><nav>Home</nav></body></html>"
            .to_vec();
    let site = Site::start(vec![
        (
            "/report.pdf",
            (
                200,
                vec![("Content-Type", "application/pdf".to_string())],
                b"%PDF-1.7\n".to_vec(),
            ),
        ),
        (
            "/photo",
            (
                200,
                vec![("Content-Type", "image/png".to_string())],
                b"\x89PNG\r\n".to_vec(),
            ),
        ),
        (
            "/empty",
            (
                200,
                vec![("Content-Type", "text/html".to_string())],
                nothing,
            ),
        ),
        ("/loop", moved("/loop")),
        ("/busy", (503, Vec::new(), b"try later".to_vec())),
    ]);
    let cache = tempfile::tempdir().unwrap();
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/story", listener.local_addr().unwrap())
    };
    for (url, code, says) in [
        (site.url("/gone"), 2, "404"),
        (site.url("/report.pdf"), 2, "PDF"),
        (site.url("/photo"), 2, "image/png"),
        (site.url("/empty"), 2, "nothing in the file can be spoken"),
        (site.url("/loop"), 1, "redirects"),
        (site.url("/busy"), 1, "503"),
        (closed, 1, "cannot fetch the page"),
    ] {
        let (got, _, stderr) = voxpress(cache.path(), &["script", "--voice", "espeak", &url]);
        assert_eq!(got, code, "{url}: {stderr}");
        assert!(
            stderr.contains(&url) && stderr.contains(says),
            "{url}: {stderr}"
        );
        assert_eq!(stderr.trim().lines().count(), 1, "{url}: {stderr}");
    }
}

#[test]
fn code_blocks_are_read_unless_the_listener_skips_them() {
    let page = common::root()
        .join("tests/fixtures/html/a_page_without_an_article_element_reads_its_body.html");
    let page = page.to_string_lossy().into_owned();
    let cache = tempfile::tempdir().unwrap();
    let (code, read, stderr) = voxpress(
        cache.path(),
        &["script", "--voice", "espeak", "--format", "text", &page],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(read.contains("code that is not read"), "{read}");
    let (code, skipped, stderr) = voxpress(
        cache.path(),
        &[
            "script", "--voice", "espeak", "--code", "skip", "--format", "text", &page,
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(!skipped.contains("code that is not read"), "{skipped}");
    assert!(
        skipped.contains("By morning the bridge was closed."),
        "{skipped}"
    );
}

#[test]
fn a_pages_metadata_gives_the_headline_byline_date_and_description() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.html");
    let paragraph =
        "<p>Dock workers at the port of Halden voted on Sunday to end a strike that had \
        stopped cargo traffic for nine days, and the first ships are expected on Tuesday.</p>";
    std::fs::write(
        &path,
        format!(
            "<!DOCTYPE html><html lang=\"en-GB\"><head><title>Strike ends | The Ledger</title>\
             <meta property=\"og:description\" content=\"The harbor reopens on Tuesday.\">\
             <script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\
             \"@type\":\"NewsArticle\",\"headline\":\"Harbor strike ends after nine days\",\
             \"author\":{{\"@type\":\"Person\",\"name\":\"Maria Chen\"}},\
             \"datePublished\":\"2024-02-16T06:00:00Z\"}}</script></head><body>\
             <nav><a href=\"/\">Home</a></nav><article><h1>Harbor strike ends after nine days</h1>\
             {paragraph}{paragraph}{paragraph}</article></body></html>"
        ),
    )
    .unwrap();
    let doc = read_document(&path).unwrap();
    assert_eq!(doc.title.text, "Harbor strike ends after nine days");
    assert_eq!(doc.author.as_deref(), Some("Maria Chen"));
    assert_eq!(doc.date.as_deref(), Some("2024-02-16"));
    assert_eq!(
        doc.description.as_deref(),
        Some("The harbor reopens on Tuesday.")
    );
    assert_eq!(doc.language.as_deref(), Some("en-GB"));
    // The byline is read after the title, made from the metadata (the page has no line for it).
    assert_eq!(paragraphs(&doc)[0], ("By Maria Chen", Role::Byline));
    assert!(paragraphs(&doc)[1].0.starts_with("Dock workers"));
}

#[test]
fn a_pdf_given_by_its_address_is_read_as_a_pdf() {
    let data = tempfile::tempdir().unwrap();
    let archive = common::root().join("tests/data/pdf/newspaper-pdfs.tar.xz");
    let unpacked = std::process::Command::new("tar")
        .arg("-xJf")
        .arg(&archive)
        .arg("-C")
        .arg(data.path())
        .status()
        .expect("tar runs");
    assert!(unpacked.success());
    let pdf = std::fs::read(data.path().join("newspaper-pdfs/cnn.pdf")).unwrap();
    let site = Site::start(vec![(
        "/birth-lottery.pdf",
        (
            200,
            vec![("Content-Type", "application/pdf".to_string())],
            pdf,
        ),
    )]);
    let cache = tempfile::tempdir().unwrap();
    let url = site.url("/birth-lottery.pdf");
    let (code, read, stderr) = voxpress(
        cache.path(),
        &["script", "--voice", "espeak", "--format", "text", &url],
    );
    assert_eq!(code, 0, "{stderr}");
    let first = read.lines().next().unwrap_or("");
    assert!(
        first.contains("birth lottery and economic mobility"),
        "{read}"
    );
    assert!(!read.contains("file:"), "{read}");
}
