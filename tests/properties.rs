//! Property tests: no input (plain, Markdown or HTML) makes ingest, normalization or scripting
//! panic, and their outputs keep their invariants.

use proptest::prelude::*;
use voxpress::ingest::decode::decode;
use voxpress::ingest::{parse, Format};
use voxpress::normalize::{normalize, CitationPolicy, Normalizer};
use voxpress::script::{build, chunker, sentences, ArticlePlan, ScriptSettings};

fn messy_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<String>(),
        "[A-Za-z .,;:!?\u{201c}\u{201d}'\"()\\-\u{2014}$%&/0-9\n]{0,200}",
        Just(
            "Jan. 14, 2022 U.S./NATO (youtu.be/x y) Lt. Col. $3.5 million 16,000 \n\n".to_string()
        ),
        Just("# Heading\n\n- item\n\n```\ncode\n```\n".to_string()),
        Just("word-\nbreak\n\n  Heading Line\n\nlower start".to_string()),
        Just("<article><h1>T&amp;C</h1><p>One<sup>1</sup> &#x2014; two<br>three".to_string()),
        Just(
            "</p><figure><figcaption>A photo</figcaption><script>if (a<b) {}</script><nav>"
                .to_string()
        ),
    ];
    prop::collection::vec(pieces, 0..6).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn ingest_and_script_never_panic(text in messy_text(), max in 20usize..300) {
        for format in [Format::Plain, Format::Markdown, Format::Html] {
            if let Ok(doc) = parse("prop.txt", &text, format) {
                let plan = ArticlePlan { document: &doc, title: None, voice: "fake".into(), max_chunk_chars: max, normalizer: Default::default() };
                let script = build("t", &[plan], &ScriptSettings::default()).unwrap();
                for chunk in &script.chunks {
                    prop_assert!(chunk.text.chars().any(char::is_alphanumeric));
                    let longest_word = chunk.text.split(' ').map(|w| w.chars().count()).max().unwrap_or(0);
                    prop_assert!(chunk.text.chars().count() <= max.max(longest_word), "{:?}", chunk.text);
                    prop_assert!(chunk.span.start <= chunk.span.end && chunk.span.end <= text.len());
                }
                for pair in script.chapters.windows(2) {
                    prop_assert!(pair[0].first_chunk <= pair[1].first_chunk);
                }
            }
        }
    }

    #[test]
    fn sentences_cover_every_character_of_a_paragraph(text in messy_text()) {
        let ranges = sentences::split(&text);
        let covered: String = ranges.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>().join("");
        let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        prop_assert_eq!(strip(&covered), strip(&text));
    }

    #[test]
    fn long_runs_of_digits_and_unpunctuated_words_are_read_to_their_end(
        unit in prop::sample::select(vec![
            "12-", "1.", "9", "12/", "12:", "$1-", "Jan ", "@a1 ", "1428 Elm ", "word ", "10x ",
            "555.", "CA ", "1/3rd ", "WASHINGTON ",
        ]),
        n in 2000usize..20000,
    ) {
        let text = unit.repeat(n);
        let spoken = normalize(&text);
        // Every part of the run is read (or skipped as too long) up to the end of the text.
        let last = spoken.pieces.last().map_or(0, |p| p.written.end);
        let skipped = spoken.skipped.last().map_or(0, |r| r.end);
        prop_assert!(last.max(skipped) + unit.len() + 1 >= text.trim_end().len(), "{unit:?} x {n}");
    }

    #[test]
    fn normalizing_never_panics_and_maps_words_back_to_the_text(text in messy_text()) {
        let spoken = normalize(&text);
        for piece in &spoken.pieces {
            prop_assert!(piece.written.end <= text.len());
            prop_assert!(piece.spoken.end <= spoken.text.len());
        }
        prop_assert!(!spoken.text.starts_with([' ', ',', ';']));
    }

    #[test]
    fn chunks_never_cut_a_word(text in "[a-z]{1,12}( [a-z]{1,12}){0,60}", max in 20usize..80) {
        let words: Vec<&str> = text.split(' ').collect();
        let rejoined: Vec<&str> = chunker::chunk(&text, max).into_iter().flat_map(|r| text[r].split(' ').collect::<Vec<_>>()).collect();
        prop_assert_eq!(rejoined, words);
    }
}

/// News-like sentences: words, names, numbers, money, percentages, dates and abbreviations.
fn news_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[a-z]{1,10}",
        "[A-Z][a-z]{2,9}",
        "[A-Z]{2,5}",
        (0u64..2_000_000).prop_map(|n| n.to_string()),
        (1u64..999, 0u64..1000).prop_map(|(a, b)| format!("{a},{b:03}")),
        (0u32..100, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
        (1u32..500).prop_map(|n| format!("${n}")),
        (1u32..100).prop_map(|n| format!("{n}%")),
        (1u32..29).prop_map(|d| format!("Jan. {d}")),
        prop::sample::select(vec![
            "Dr.",
            "Mr.",
            "U.S.",
            "e.g.",
            "St.",
            "No.",
            "vs.",
            "etc.",
            "Inc.",
            "a.m.",
            "NATO",
            "World War II",
            "3rd",
            "1990s",
            "5 km",
            "9:30",
            "&",
            "/",
            "-",
            "(",
            ")",
            ",",
            ";",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(word, 1..25).prop_map(|words| words.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn no_written_word_is_silently_dropped(text in news_text()) {
        // Citations are skipped by choice; read them so that nothing may go missing.
        let reader = Normalizer { citations: CitationPolicy::Read, ..Normalizer::default() };
        let spoken = reader.normalize(&text);
        // Every run of letters or digits is covered by some spoken piece.
        let mut start = None;
        for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(at),
                (false, Some(s)) => {
                    let covered = spoken
                        .pieces
                        .iter()
                        .any(|p| p.written.start < at && s < p.written.end);
                    prop_assert!(covered, "{:?} dropped from {text:?} -> {:?}", &text[s..at], spoken.text);
                    start = None;
                }
                _ => {}
            }
        }
    }

    #[test]
    fn normalizing_spoken_text_changes_nothing(text in news_text()) {
        let once = normalize(&text).text;
        let twice = normalize(&once).text;
        prop_assert_eq!(&twice, &once, "from {:?}", text);
    }
}

/// Inputs that once took time growing with the square of their length, or were refused: long
/// runs without punctuation, long words and digit strings, text without spaces, control bytes.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        (100usize..4000, "[a-z]{1,9}").prop_map(|(n, w)| vec![w; n].join(" ")),
        (65usize..20_000).prop_map(|n| "a".repeat(n)),
        (65usize..6_000).prop_map(|n| "7".repeat(n)),
        (
            100usize..3000,
            prop::sample::select(vec!["[1]", "(", "-", ".", "1:2", "a.", "$", "'", "x/"])
        )
            .prop_map(|(n, p)| p.repeat(n)),
        "[\\x00-\\x1f a-z]{0,200}",
        messy_text(),
    ];
    prop::collection::vec(piece, 1..4).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn hostile_text_is_decoded_in_place_and_scripted_in_bounded_sentences(text in hostile_text()) {
        let Ok(decoded) = decode("prop.txt", text.as_bytes(), None) else {
            return Ok(());
        };
        prop_assert_eq!(decoded.text.len(), text.len(), "decoding keeps byte offsets");
        for format in [Format::Plain, Format::Markdown, Format::Html] {
            let Ok(doc) = parse("prop.txt", &decoded.text, format) else {
                continue;
            };
            let plan = ArticlePlan { document: &doc, title: None, voice: "fake".into(), max_chunk_chars: 200, normalizer: Default::default() };
            let script = build("t", &[plan], &ScriptSettings::default()).unwrap();
            for sentence in &script.sentences {
                // Longer only by runs too long to be words, which are read (or skipped) as one.
                let weight: usize = sentence
                    .written
                    .split_whitespace()
                    .filter(|r| r.chars().count() <= voxpress::normalize::MAX_TOKEN_CHARS)
                    .map(|r| r.len() + 1)
                    .sum();
                prop_assert!(weight <= sentences::MAX_SENTENCE_BYTES + 1, "a {}-byte sentence", sentence.written.len());
            }
            for chunk in &script.chunks {
                prop_assert!(chunk.span.end <= decoded.text.len());
            }
        }
    }
}
