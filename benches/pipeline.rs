//! Speed of each stage on the shared sample, and of a whole espeak build.
//! Run with `scripts/bench.sh` (or `cargo bench --bench pipeline`).

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::PathBuf;
use std::time::Duration;
use voxpress::ingest::{self, Format};
use voxpress::normalize::Normalizer;
use voxpress::pipeline::{self, Inputs, Output, Request};
use voxpress::script::{self, ArticlePlan, ScriptSettings};

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/mali-solidarity.txt")
}

fn stages(c: &mut Criterion) {
    let text = std::fs::read_to_string(sample()).unwrap();
    c.bench_function("ingest sample", |b| {
        b.iter(|| ingest::parse("s.txt", &text, Format::Plain).unwrap())
    });
    let doc = ingest::parse("s.txt", &text, Format::Plain).unwrap();
    c.bench_function("normalize sample", |b| {
        let n = Normalizer::default();
        b.iter(|| {
            text.lines()
                .map(|l| n.normalize(l).text.len())
                .sum::<usize>()
        })
    });
    // A 100,000-word book: the sample's lines over and over.
    let words_per_copy = text.split_whitespace().count().max(1);
    let book = text.repeat(100_000usize.div_ceil(words_per_copy));
    c.bench_function("normalize a 100,000-word book", |b| {
        let n = Normalizer::default();
        b.iter(|| {
            book.lines()
                .map(|l| n.normalize(l).text.len())
                .sum::<usize>()
        })
    });
    // A 7 MB web page minified onto one line: 40,000 paragraphs of the sample's sentences.
    let sentences: Vec<&str> = text.split(". ").collect();
    let page: String = std::iter::once("<html><body><article><h1>Big page</h1>".to_string())
        .chain((0..40_000).map(|k| {
            let s = sentences[k % sentences.len()].replace('\n', " ");
            format!("<p>{s} <b>{k}</b>.</p>")
        }))
        .chain(std::iter::once("</article></body></html>".to_string()))
        .collect();
    c.bench_function("ingest a one-line 40,000-paragraph HTML page", |b| {
        b.iter(|| ingest::parse("big.html", &page, Format::Html).unwrap())
    });
    c.bench_function("script sample", |b| {
        b.iter(|| {
            let plan = ArticlePlan {
                document: &doc,
                title: None,
                voice: "espeak".into(),
                max_chunk_chars: 400,
                normalizer: Normalizer::default(),
            };
            script::build("t", &[plan], &ScriptSettings::default()).unwrap()
        })
    });
}

fn whole_build(c: &mut Criterion) {
    let out = tempfile::tempdir().unwrap();
    let request = Request {
        inputs: Inputs::Articles(vec![sample()]),
        voice: Some("espeak".into()),
        name: None,
        pauses: None,
        normalizer: Normalizer::default(),
        lexicons: Vec::new(),
        captions: Default::default(),
        bylines: Default::default(),
        mastering: Default::default(),
        jobs: 1,
        rate: Default::default(),
        encoding: None,
        refresh: false,
        code: Default::default(),
        cancel: Default::default(),
    };
    let output = Output {
        dir: out.path().to_path_buf(),
        cache: None,
    };
    let mut group = c.benchmark_group("build");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("espeak build of the shared sample", |b| {
        b.iter(|| pipeline::build(&request, &output, &mut |_| {}).unwrap())
    });
    group.finish();
}

/// The largest saved page of Readability's test pages (yahoo-2, 1.6 MB), read as an article:
/// both extractors, the page's blocks and the choice laid over them.
fn web_page(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let archive = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/extraction/readability-test-pages.tar.xz");
    let status = std::process::Command::new("tar")
        .arg("-xJf")
        .arg(&archive)
        .arg("-C")
        .arg(dir.path())
        .arg("test-pages/yahoo-2/source.html")
        .status()
        .unwrap();
    assert!(status.success());
    let page = dir.path().join("test-pages/yahoo-2/source.html");
    c.bench_function("ingest/web page of 1.6 MB", |b| {
        b.iter(|| ingest::read_document(&page).unwrap())
    });
}

criterion_group!(benches, stages, whole_build, web_page);
criterion_main!(benches);
