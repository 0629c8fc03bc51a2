//! Fuzz target: any text through the normalizer, with every link and citation policy. It must
//! never panic, and every spoken piece must point inside the written and the spoken text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use voxpress::normalize::{CitationPolicy, LinkPolicy, Normalizer};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for links in [LinkPolicy::Domain, LinkPolicy::Full, LinkPolicy::Silent] {
        for citations in [CitationPolicy::Skip, CitationPolicy::Read] {
            let normalizer = Normalizer {
                links,
                citations,
                ..Normalizer::default()
            };
            let spoken = normalizer.normalize(text);
            for piece in &spoken.pieces {
                assert!(piece.written.start <= piece.written.end && piece.written.end <= text.len());
                assert!(piece.spoken.end <= spoken.text.len());
            }
        }
    }
});
