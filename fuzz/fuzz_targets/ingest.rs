//! Fuzz target: any bytes as an EPUB book, and any text through ingest as plain text, Markdown and
//! HTML, then into a script. It must never panic, and every chunk's span must point inside the
//! written text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use voxpress::ingest::{parse, Format};
use voxpress::script::{build, ArticlePlan, ScriptSettings};

fuzz_target!(|data: &[u8]| {
    // Any bytes as a book: an error or a document, never a panic.
    let _ = voxpress::ingest::epub::parse("fuzz.epub", data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for format in [Format::Plain, Format::Markdown, Format::Html] {
        let Ok(document) = parse("fuzz", text, format) else {
            continue;
        };
        let plan = ArticlePlan {
            document: &document,
            title: None,
            voice: "fake".into(),
            max_chunk_chars: 200,
            normalizer: Default::default(),
        };
        let script = build("fuzz", &[plan], &ScriptSettings::default()).expect("valid settings");
        for chunk in &script.chunks {
            assert!(chunk.span.start <= chunk.span.end && chunk.span.end <= text.len());
        }
    }
});
