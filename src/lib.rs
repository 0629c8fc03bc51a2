//! voxpress turns written articles into narrated, chaptered audio editions, locally and offline.
//!
//! The pipeline runs in stages that talk only through the data types of [`model`]:
//! [`ingest`] reads files into documents, [`normalize`] turns written text into what a voice
//! says, [`script`] splits documents into sentences and chunks with pauses, [`synth`] speaks each
//! chunk with a [`synth::Backend`], [`stitch`] masters the whole into one stream, and [`outputs`]
//! writes every audio file (WAV, MP3, M4B, Opus) with chapters, and the sidecars.
//! [`pipeline`] runs them in order; [`edition`] reads multi-article manifests; [`publish`] puts
//! editions into a podcast show's folder and feed.

pub mod atomic;
pub mod cancel;
pub mod catalog;
pub mod checksum;
pub mod doctor;
pub mod edition;
pub mod ingest;
pub mod install;
pub mod lock;
pub mod model;
pub mod normalize;
pub mod outputs;
pub mod pipeline;
#[cfg(feature = "playback")]
pub mod play;
pub mod publish;
pub mod review;
pub mod script;
pub mod serve;
pub mod stitch;
pub mod synth;
pub mod timings;
