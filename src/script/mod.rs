//! Script: documents become what will be said, sentence by sentence, cut into chunks.
//!
//! Each article opens a chapter read from its title; each section heading opens another. Every
//! paragraph is split into sentences ([`sentences`]), each sentence normalized to spoken text
//! ([`crate::normalize`]) and cut into chunks that fit the article voice's limit ([`chunker`]).
//! Each chunk records the written span it came from and the pause after it, by what ends it:
//! clause < sentence < paragraph < section < article (see [`PauseTable`]).

pub mod chunker;
pub mod sentences;

use crate::model::{
    Boundary, Chapter, ChapterKind, Chunk, ChunkWord, Document, MusicPart, Paragraph, PauseTable,
    Role, Script, ScriptArticle, Sentence,
};
use crate::normalize::Normalizer;
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ScriptError {
    #[error("pause lengths must grow with the boundary (clause <= sentence <= paragraph <= section <= article), got {0:?}")]
    PausesOutOfOrder(PauseTable),
    #[error("chunk limit must be at least 20 characters, got {0}")]
    ChunkLimitTooSmall(usize),
}

/// One article to script, with the voice that will read it and that voice's chunk limit.
#[derive(Debug, Clone)]
pub struct ArticlePlan<'a> {
    pub document: &'a Document,
    /// Replaces the document's own title when set.
    pub title: Option<String>,
    pub voice: String,
    pub max_chunk_chars: usize,
    /// How this article's text is read (its voice's lexicon included).
    pub normalizer: Normalizer,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ScriptSettings {
    pub pauses: PauseTable,
    pub captions: CaptionPolicy,
    pub code: CodePolicy,
    pub bylines: BylinePolicy,
}

/// What to do with an article's byline, publication date and dateline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BylinePolicy {
    /// Say each as a short line of its own after the title.
    #[default]
    Read,
    /// Leave them out.
    Skip,
}

/// What to do with photo captions and credits found in an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaptionPolicy {
    /// Leave them out: a listener has no photo to look at.
    #[default]
    Skip,
    /// Read them, a caption announced as "Photo caption:".
    Read,
}

/// What to do with blocks of code on a web page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodePolicy {
    /// Read them as they are written, as a screen reader does: they are part of the article.
    #[default]
    Read,
    /// Leave them out.
    Skip,
}

/// Builds the script of an edition of one or more articles.
pub fn build(
    edition_title: &str,
    articles: &[ArticlePlan],
    settings: &ScriptSettings,
) -> Result<Script, ScriptError> {
    if !settings.pauses.is_ordered() {
        return Err(ScriptError::PausesOutOfOrder(settings.pauses));
    }
    let mut writer = Writer {
        script: Script {
            title: edition_title.to_string(),
            articles: Vec::new(),
            chapters: Vec::new(),
            sentences: Vec::new(),
            chunks: Vec::new(),
            passages: Vec::new(),
            notices: Vec::new(),
        },
        normalizer: Normalizer::default(),
        captions: settings.captions,
        code: settings.code,
        bylines: settings.bylines,
    };
    for (index, plan) in articles.iter().enumerate() {
        if plan.max_chunk_chars < 20 {
            return Err(ScriptError::ChunkLimitTooSmall(plan.max_chunk_chars));
        }
        writer.article(index, plan);
    }
    writer.mark_last(Boundary::End);
    for chunk in &mut writer.script.chunks {
        chunk.pause_ms = settings.pauses.after(chunk.boundary);
    }
    Ok(writer.script)
}

struct Writer {
    script: Script,
    captions: CaptionPolicy,
    bylines: BylinePolicy,
    code: CodePolicy,
    /// The normalizer of the article being written.
    normalizer: Normalizer,
}

impl Writer {
    fn article(&mut self, index: usize, plan: &ArticlePlan) {
        self.mark_last(Boundary::Article);
        self.normalizer = plan.normalizer.clone();
        let doc = plan.document;
        let mut title = doc.title.clone();
        if let Some(custom) = &plan.title {
            title = Paragraph::verbatim(custom, doc.title.span());
        }
        if !title.text.chars().any(char::is_alphanumeric) {
            let stem = std::path::Path::new(&doc.source)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("Untitled");
            title = Paragraph::verbatim(stem, doc.title.span());
        }
        let display = title.text.trim_end_matches(['-', ' ', ':']).to_string();
        self.script.articles.push(ScriptArticle {
            title: display.clone(),
            source: doc.source.clone(),
            voice: plan.voice.clone(),
            rate: crate::model::Rate::NORMAL,
        });
        self.chapter(display, ChapterKind::Article, index);
        self.heading(&title, index, plan.max_chunk_chars);
        for section in &doc.sections {
            if let Some(heading) = &section.heading {
                self.mark_last(Boundary::Section);
                self.chapter(heading.text.clone(), ChapterKind::Section, index);
                self.heading(heading, index, plan.max_chunk_chars);
            }
            for paragraph in &section.paragraphs {
                let skipped = match paragraph.role {
                    Role::Body => false,
                    Role::Caption | Role::Credit | Role::Footnote => {
                        self.captions == CaptionPolicy::Skip
                    }
                    Role::Code => self.code == CodePolicy::Skip,
                    Role::Byline | Role::PublicationDate | Role::Dateline => {
                        self.bylines == BylinePolicy::Skip
                    }
                };
                if skipped {
                    continue;
                }
                for (k, range) in sentences::split(&paragraph.text).into_iter().enumerate() {
                    let announce = k == 0 && paragraph.role == Role::Caption && {
                        let head: String = paragraph.text.chars().take(16).collect();
                        !head.contains(':')
                    };
                    self.sentence(paragraph, range, index, plan.max_chunk_chars, false);
                    if announce {
                        self.announce_caption();
                    }
                }
                self.mark_last(Boundary::Paragraph);
            }
        }
    }

    fn chapter(&mut self, title: String, kind: ChapterKind, article: usize) {
        let first_chunk = self.script.chunks.len();
        self.script.chapters.push(Chapter {
            title,
            kind,
            article,
            first_chunk,
        });
    }

    /// A heading is read as one sentence, unless it is a run-on too long for one.
    fn heading(&mut self, heading: &Paragraph, article: usize, max: usize) {
        let mut pieces = Vec::new();
        sentences::cut_run_on(&heading.text, 0..heading.text.len(), &mut pieces);
        if pieces.is_empty() {
            pieces.push(0..heading.text.len());
        }
        for range in pieces {
            self.sentence(heading, range, article, max, true);
        }
        self.mark_last(Boundary::Paragraph);
    }

    fn sentence(
        &mut self,
        paragraph: &Paragraph,
        range: std::ops::Range<usize>,
        article: usize,
        max: usize,
        heading: bool,
    ) {
        let written = &paragraph.text[range.clone()];
        let mut spoken = self.normalizer.normalize(written);
        for skipped in &spoken.skipped {
            let what = if written[skipped.clone()].starts_with(|c: char| c.is_ascii_digit()) {
                "number"
            } else {
                "word"
            };
            let span = paragraph.span_of(range.start + skipped.start..range.start + skipped.end);
            let source = &self.script.articles[article].source;
            self.script.notices.push(format!(
                "note: {source}:{}: a {}-character {what} is not read",
                span.place(),
                written[skipped.clone()].chars().count()
            ));
        }
        if spoken.text.chars().any(char::is_alphanumeric) && !spoken.text.ends_with(['.', '!', '?'])
        {
            // A full stop gives the voice a sentence's closing intonation.
            spoken.text.push('.');
        }
        let index = self.script.sentences.len();
        let chapter = self.script.chapters.len().saturating_sub(1);
        self.script.sentences.push(Sentence {
            written: written.to_string(),
            spoken: spoken.text.clone(),
            span: paragraph.span_of(range.clone()),
            chapter,
            heading,
        });
        let pieces = chunker::chunk(&spoken.text, max);
        let count = pieces.len();
        for (k, piece) in pieces.into_iter().enumerate() {
            let span = spoken
                .written_range(piece.clone())
                .map(|w| paragraph.span_of(range.start + w.start..range.start + w.end))
                .unwrap_or_else(|| paragraph.span_of(range.clone()));
            let boundary = if k + 1 == count {
                Boundary::Sentence
            } else {
                Boundary::Clause
            };
            // The written units this chunk says, with their spoken ranges made relative to it.
            let from = spoken
                .pieces
                .partition_point(|p| p.spoken.end <= piece.start);
            let to = spoken
                .pieces
                .partition_point(|p| p.spoken.start < piece.end);
            let words = spoken.pieces[from..to.max(from)]
                .iter()
                .map(|p| ChunkWord {
                    spoken: p.spoken.start.max(piece.start) - piece.start
                        ..p.spoken.end.min(piece.end) - piece.start,
                    written: p.written.clone(),
                    span: paragraph
                        .span_of(range.start + p.written.start..range.start + p.written.end),
                })
                .collect();
            self.script.chunks.push(Chunk {
                index: self.script.chunks.len(),
                sentence: index,
                chapter,
                article,
                text: spoken.text[piece].to_string(),
                span,
                boundary,
                pause_ms: 0,
                words,
            });
        }
    }

    /// Prefixes the sentence just written, and its first chunk, with "Photo caption:".
    fn announce_caption(&mut self) {
        const ANNOUNCE: &str = "Photo caption:";
        let index = self.script.sentences.len() - 1;
        if let Some(sentence) = self.script.sentences.last_mut() {
            sentence.spoken = format!("{ANNOUNCE} {}", sentence.spoken);
        }
        // The sentence's chunks are the last ones: its first is found from the end.
        let first = self
            .script
            .chunks
            .iter()
            .rposition(|c| c.sentence != index)
            .map_or(0, |p| p + 1);
        if let Some(chunk) = self.script.chunks.get_mut(first) {
            chunk.text = format!("{ANNOUNCE} {}", chunk.text);
            let shift = ANNOUNCE.len() + 1;
            for word in &mut chunk.words {
                word.spoken = word.spoken.start + shift..word.spoken.end + shift;
            }
        }
    }

    /// Raises the boundary after the last chunk so far to at least `boundary`.
    fn mark_last(&mut self, boundary: Boundary) {
        if let Some(last) = self.script.chunks.last_mut() {
            last.boundary = last.boundary.max(boundary);
        }
    }
}

impl Script {
    /// The spoken text, one sentence per line (headings included), for review; an intro's words
    /// first and an outro's last.
    pub fn spoken_lines(&self) -> Vec<&str> {
        let passages = |part: MusicPart| {
            self.passages
                .iter()
                .filter(move |p| p.part == part)
                .map(|p| p.spoken.as_str())
        };
        passages(MusicPart::Intro)
            .chain(
                self.sentences
                    .iter()
                    .filter(|s| !s.spoken.is_empty())
                    .map(|s| s.spoken.as_str()),
            )
            .chain(passages(MusicPart::Outro))
            .collect()
    }
}
