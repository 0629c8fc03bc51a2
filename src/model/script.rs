//! A [`Script`]: what will be spoken, sentence by sentence, cut into chunks a voice can render.

use super::{Rate, SourceSpan};
use serde::{Deserialize, Serialize};

/// Everything one build will say, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Script {
    /// The edition's title (the article's, for a single article).
    pub title: String,
    pub articles: Vec<ScriptArticle>,
    pub chapters: Vec<Chapter>,
    pub sentences: Vec<Sentence>,
    pub chunks: Vec<Chunk>,
    /// Words said over music, outside the articles: an edition's intro and outro text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub passages: Vec<Passage>,
    /// What the user should know about what will not be said as written ("a.txt:3: a
    /// 200000-character word is not read"), one line each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
}

/// One input article of the script.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScriptArticle {
    pub title: String,
    pub source: String,
    /// The voice that reads it.
    pub voice: String,
    /// How fast it is read (1: as the voice speaks by itself).
    #[serde(default, skip_serializing_if = "Rate::is_normal_ref")]
    pub rate: Rate,
}

impl ScriptArticle {
    /// The name of the opened voice that reads it: the voice's name, with the rate when it is
    /// not the normal one (`joe@1.5`); one backend per voice and rate.
    pub fn reader(&self) -> String {
        reader_key(&self.voice, self.rate)
    }
}

/// The key of the backend for `voice` at `rate` (see [`ScriptArticle::reader`]).
pub fn reader_key(voice: &str, rate: Rate) -> String {
    if rate.is_normal() {
        voice.to_string()
    } else {
        format!("{voice}@{rate}")
    }
}

/// A chapter: an article's title or one of its section headings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chapter {
    pub title: String,
    pub kind: ChapterKind,
    pub article: usize,
    /// The first chunk spoken in this chapter (its heading).
    pub first_chunk: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChapterKind {
    Article,
    Section,
}

/// Words said over music: where, as written, and as spoken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    pub part: MusicPart,
    pub written: String,
    pub spoken: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MusicPart {
    Intro,
    Outro,
}

impl MusicPart {
    /// "Intro", "Outro": the chapter title of the music.
    pub fn title(self) -> &'static str {
        match self {
            MusicPart::Intro => "Intro",
            MusicPart::Outro => "Outro",
        }
    }
}

/// A sentence as written and as it will be spoken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub written: String,
    pub spoken: String,
    pub span: SourceSpan,
    pub chapter: usize,
    pub heading: bool,
}

/// The unit of synthesis: a sentence or, for a sentence over the voice's limit, part of one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chunk {
    pub index: usize,
    pub sentence: usize,
    pub chapter: usize,
    pub article: usize,
    /// The text the voice is given.
    pub text: String,
    pub span: SourceSpan,
    /// What ends this chunk, which decides the pause after it.
    pub boundary: Boundary,
    pub pause_ms: u32,
    /// The written words the chunk says, each with the spoken words made from it (not written
    /// out in the script's JSON; the script is built again whenever it is needed).
    #[serde(skip)]
    pub words: Vec<ChunkWord>,
}

/// A written unit ("$3.5 million", "Goïta") and what the chunk says for it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChunkWord {
    /// Byte range of the chunk's text spoken for it.
    pub spoken: std::ops::Range<usize>,
    /// Byte range of its sentence's written text.
    pub written: std::ops::Range<usize>,
    /// Where it is in the source file.
    pub span: SourceSpan,
}

/// What separates a chunk from the next, from weakest to strongest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Boundary {
    /// Inside a sentence that was too long for one chunk.
    Clause,
    Sentence,
    Paragraph,
    /// The last chunk before a new section heading.
    Section,
    /// The last chunk of an article followed by another article.
    Article,
    /// The very last chunk of the script.
    End,
}

/// Pause after each boundary kind, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PauseTable {
    pub clause: u32,
    pub sentence: u32,
    pub paragraph: u32,
    pub section: u32,
    pub article: u32,
}

impl Default for PauseTable {
    fn default() -> Self {
        PauseTable {
            clause: 150,
            sentence: 400,
            paragraph: 750,
            section: 1200,
            article: 2000,
        }
    }
}

impl PauseTable {
    pub fn after(&self, boundary: Boundary) -> u32 {
        match boundary {
            Boundary::Clause => self.clause,
            Boundary::Sentence => self.sentence,
            Boundary::Paragraph => self.paragraph,
            Boundary::Section => self.section,
            Boundary::Article => self.article,
            Boundary::End => 0,
        }
    }

    /// True when each boundary pauses at least as long as every weaker one.
    pub fn is_ordered(&self) -> bool {
        self.clause <= self.sentence
            && self.sentence <= self.paragraph
            && self.paragraph <= self.section
            && self.section <= self.article
    }
}
