//! The catalog format: Piper's published `voices.json`, one object per voice keyed by its name
//! (`en_US-joe-medium`), each with its language, quality, speakers and files. A file's path is
//! relative to the catalog's own location (a URL or a folder), and carries its size and MD5.
//!
//! ```json
//! { "en_US-joe-medium": {
//!     "key": "en_US-joe-medium", "name": "joe", "quality": "medium", "num_speakers": 1,
//!     "language": { "code": "en_US", "family": "en", "region": "US",
//!                   "name_english": "English", "country_english": "United States" },
//!     "speaker_id_map": {}, "aliases": [],
//!     "files": { "en/en_US/joe/medium/en_US-joe-medium.onnx":
//!                  { "size_bytes": 63201294, "md5_digest": "…" }, … } } }
//! ```

use serde::Deserialize;
use std::collections::BTreeMap;

/// One voice of a catalog.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CatalogVoice {
    pub key: String,
    pub name: String,
    pub language: CatalogLanguage,
    pub quality: String,
    #[serde(default = "one")]
    pub num_speakers: u32,
    #[serde(default)]
    pub speaker_id_map: BTreeMap<String, i64>,
    pub files: BTreeMap<String, CatalogFile>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

fn one() -> u32 {
    1
}

/// A voice's language, as Piper describes it.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct CatalogLanguage {
    /// `en_US`.
    pub code: String,
    pub family: String,
    pub region: String,
    pub name_native: String,
    pub name_english: String,
    pub country_english: String,
}

/// One file of a voice: its size and MD5, as the catalog promises them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CatalogFile {
    pub size_bytes: u64,
    pub md5_digest: String,
}

/// Which file of a voice a catalog path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    Model,
    Config,
    ModelCard,
    Other,
}

/// Classifies a catalog file path by its name.
pub fn role(path: &str) -> FileRole {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.ends_with(".onnx.json") {
        FileRole::Config
    } else if name.ends_with(".onnx") {
        FileRole::Model
    } else if name == "MODEL_CARD" {
        FileRole::ModelCard
    } else {
        FileRole::Other
    }
}

impl CatalogVoice {
    /// The catalog path of the file playing `wanted`, with its promise.
    pub fn file(&self, wanted: FileRole) -> Option<(&str, &CatalogFile)> {
        self.files
            .iter()
            .find(|(path, _)| role(path) == wanted)
            .map(|(p, f)| (p.as_str(), f))
    }

    /// The language tag voxpress uses: `en_US` becomes `en-us`.
    pub fn language_tag(&self) -> String {
        self.language.code.replace('_', "-").to_lowercase()
    }

    /// "English (United States)".
    pub fn language_name(&self) -> String {
        match (
            self.language.name_english.as_str(),
            self.language.country_english.as_str(),
        ) {
            ("", _) => self.language.code.clone(),
            (name, "") => name.to_string(),
            (name, country) => format!("{name} ({country})"),
        }
    }

    /// Megabytes to download: the model and its config.
    pub fn download_bytes(&self) -> u64 {
        self.files
            .iter()
            .filter(|(p, _)| matches!(role(p), FileRole::Model | FileRole::Config))
            .map(|(_, f)| f.size_bytes)
            .sum()
    }
}

/// Reads a catalog's text: its voices sorted by key, or what is wrong with it.
pub fn parse(text: &str) -> Result<Vec<CatalogVoice>, String> {
    let map: BTreeMap<String, CatalogVoice> = serde_json::from_str(text)
        .map_err(|e| format!("line {}, column {}: {e}", e.line(), e.column()))?;
    let mut voices = Vec::with_capacity(map.len());
    for (key, voice) in map {
        if voice.file(FileRole::Model).is_none() || voice.file(FileRole::Config).is_none() {
            return Err(format!(
                "voice {key} lists no .onnx model or no .onnx.json config"
            ));
        }
        for path in voice.files.keys() {
            if !safe_relative(path) {
                return Err(format!(
                    "voice {key}: the file path {path:?} leaves the catalog's folder"
                ));
            }
        }
        voices.push(voice);
    }
    Ok(voices)
}

/// True for a relative path that stays below its base: no leading slash, no `..`, no
/// backslashes or empty parts.
pub fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && path.split('/').all(|part| !part.is_empty() && part != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE_VOICE: &str = r#"{"en_US-joe-medium": {"key": "en_US-joe-medium", "name": "joe",
        "language": {"code": "en_US", "family": "en", "region": "US", "name_native": "English",
                     "name_english": "English", "country_english": "United States"},
        "quality": "medium", "num_speakers": 1, "speaker_id_map": {}, "aliases": [],
        "files": {"en/en_US/joe/medium/en_US-joe-medium.onnx": {"size_bytes": 10, "md5_digest": "a"},
                  "en/en_US/joe/medium/en_US-joe-medium.onnx.json": {"size_bytes": 2, "md5_digest": "b"},
                  "en/en_US/joe/medium/MODEL_CARD": {"size_bytes": 3, "md5_digest": "c"}}}}"#;

    #[test]
    fn a_piper_catalog_entry_gives_its_files_by_role() {
        let voices = parse(ONE_VOICE).unwrap();
        let joe = &voices[0];
        assert_eq!(joe.language_tag(), "en-us");
        assert_eq!(joe.language_name(), "English (United States)");
        assert_eq!(
            joe.file(FileRole::Model).unwrap().0,
            "en/en_US/joe/medium/en_US-joe-medium.onnx"
        );
        assert_eq!(joe.file(FileRole::ModelCard).unwrap().1.size_bytes, 3);
        assert_eq!(joe.download_bytes(), 12);
    }

    #[test]
    fn a_file_path_that_climbs_out_of_the_catalog_is_refused() {
        let bad = ONE_VOICE.replace("en/en_US/joe/medium/MODEL_CARD", "../../etc/passwd");
        assert!(parse(&bad).unwrap_err().contains("leaves the catalog"));
        assert!(!safe_relative("/etc/passwd"));
        assert!(safe_relative("en/x.onnx"));
    }

    #[test]
    fn a_catalog_that_is_not_json_says_where() {
        let err = parse("{\n  \"x\": nope }").unwrap_err();
        assert!(err.starts_with("line 2, column"), "{err}");
    }
}
