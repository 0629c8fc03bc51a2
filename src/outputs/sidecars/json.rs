//! JSON sidecars: Podcasting 2.0 chapters, and the timed script (what was said, where in the
//! audio, with the words said over music).

use crate::outputs::Published;
use serde::Serialize;

#[derive(Serialize)]
struct PodcastChapters<'a> {
    version: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    /// The voices that read it and their licences (not a Podcasting 2.0 field; readers skip it).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    voices: &'a [String],
    chapters: Vec<PodcastChapter<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PodcastChapter<'a> {
    start_time: f64,
    title: &'a str,
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Podcasting 2.0 chapters JSON: `version`, and `chapters` with `startTime` (s) and `title`.
/// With the edition's author and description when the manifest gives them.
pub fn chapters_json(edition: &Published) -> String {
    let (script, timeline, tags) = (edition.script, edition.timeline, edition.tags);
    let chapters = timeline
        .chapters
        .iter()
        .map(|c| PodcastChapter {
            start_time: round3(timeline.seconds(c.start_sample)),
            title: &c.title,
        })
        .collect();
    let doc = PodcastChapters {
        version: "1.2.0",
        title: &script.title,
        author: tags.author.as_deref(),
        description: tags.description.as_deref(),
        voices: &tags.voices,
        chapters,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

#[derive(Serialize)]
struct TimedScript<'a> {
    title: &'a str,
    duration: f64,
    sample_rate: u32,
    articles: &'a [crate::model::ScriptArticle],
    chapters: Vec<TimedScriptChapter<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    passages: Vec<TimedScriptPassage<'a>>,
    sentences: Vec<TimedSentence<'a>>,
    chunks: Vec<TimedScriptChunk<'a>>,
}

#[derive(Serialize)]
struct TimedScriptChapter<'a> {
    title: &'a str,
    kind: crate::model::ChapterKind,
    article: usize,
    first_chunk: usize,
    start: f64,
}

#[derive(Serialize)]
struct TimedScriptPassage<'a> {
    #[serde(flatten)]
    passage: &'a crate::model::Passage,
    start: f64,
    end: f64,
}

#[derive(Serialize)]
struct TimedSentence<'a> {
    #[serde(flatten)]
    sentence: &'a crate::model::Sentence,
    start: Option<f64>,
    end: Option<f64>,
}

#[derive(Serialize)]
struct TimedScriptChunk<'a> {
    #[serde(flatten)]
    chunk: &'a crate::model::Chunk,
    start: f64,
    end: f64,
}

/// The script with the start and end time, in seconds, of every chapter, passage, sentence and
/// chunk.
pub fn timed_script_json(edition: &Published) -> String {
    let (script, timeline) = (edition.script, edition.timeline);
    let secs = |s: u64| round3(timeline.seconds(s));
    let chunks: Vec<TimedScriptChunk> = script
        .chunks
        .iter()
        .zip(&timeline.chunks)
        .map(|(chunk, t)| TimedScriptChunk {
            chunk,
            start: secs(t.start_sample),
            end: secs(t.end_sample),
        })
        .collect();
    let mut bounds: Vec<Option<(f64, f64)>> = vec![None; script.sentences.len()];
    for c in &chunks {
        if let Some(slot) = bounds.get_mut(c.chunk.sentence) {
            let start = slot.map_or(c.start, |(s, _)| s);
            *slot = Some((start, c.end));
        }
    }
    let sentences = script
        .sentences
        .iter()
        .zip(bounds)
        .map(|(sentence, b)| TimedSentence {
            sentence,
            start: b.map(|b| b.0),
            end: b.map(|b| b.1),
        })
        .collect();
    let chapters = script
        .chapters
        .iter()
        .enumerate()
        .map(|(k, c)| TimedScriptChapter {
            title: &c.title,
            kind: c.kind,
            article: c.article,
            first_chunk: c.first_chunk,
            start: timeline
                .chapters
                .iter()
                .find(|t| t.script_chapter == Some(k))
                .map_or(0.0, |t| secs(t.start_sample)),
        })
        .collect();
    let passages = script
        .passages
        .iter()
        .zip(&timeline.passages)
        .map(|(passage, t)| TimedScriptPassage {
            passage,
            start: secs(t.start_sample),
            end: secs(t.end_sample),
        })
        .collect();
    let doc = TimedScript {
        title: &script.title,
        duration: round3(timeline.duration_secs()),
        sample_rate: timeline.sample_rate,
        articles: &script.articles,
        chapters,
        passages,
        sentences,
        chunks,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
