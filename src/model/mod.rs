//! The data types the stages exchange, defined in one place.
//!
//! Every stage reads one of these and produces the next: ingest makes a [`Document`], script turns
//! documents into a [`Script`], synthesis turns each [`Chunk`] into a [`Clip`], and stitching places
//! clips on a timeline, giving each [`Chapter`] and chunk its real position in the output. All of
//! them derive serde so any stage's output can be printed, reviewed and fed back as a fixture.

mod audio;
mod document;
pub mod phonemes;
mod rate;
mod script;
mod span;

pub use audio::{Clip, TimedChapter, TimedChunk, TimedPassage, TimedWord, Timeline, WordTime};
pub use document::{Document, Paragraph, Role, Section, SourceMap};
pub use rate::Rate;
pub use script::{
    reader_key, Boundary, Chapter, ChapterKind, Chunk, ChunkWord, MusicPart, Passage, PauseTable,
    Script, ScriptArticle, Sentence,
};
pub use span::{line_column, parse_toml, SourceSpan};
