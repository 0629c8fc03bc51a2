//! Fuzz target: any bytes as an EPUB book, and any bytes decoded as a text file (UTF-8, UTF-16 by
//! its byte order mark, control characters set aside) through ingest as plain text, Markdown and
//! HTML, then into a script. It must never panic, decoding UTF-8 keeps every byte offset, and
//! every chunk's span must point inside the decoded text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use voxpress::ingest::{parse, Format};
use voxpress::script::{build, ArticlePlan, ScriptSettings};

fuzz_target!(|data: &[u8]| {
    // Any bytes as a book: an error or a document, never a panic.
    let _ = voxpress::ingest::epub::parse("fuzz.epub", data);
    let Ok(decoded) = voxpress::ingest::decode::decode("fuzz", data, None) else {
        return;
    };
    let text = decoded.text.as_str();
    if !data.starts_with(&[0xff, 0xfe]) && !data.starts_with(&[0xfe, 0xff]) {
        let bom = if data.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        assert_eq!(text.len(), data.len() - bom, "decoding keeps byte offsets");
    }
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
