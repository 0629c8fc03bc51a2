//! Installing and removing voices in the install home's `voices/` folder: a catalog voice's
//! files downloaded into `voices/models/`, a model file the user already has copied there, and
//! in either case a preset written last, so a voice appears in `voxpress voices` only when all its
//! files are in place. Removing takes the preset away first, then the files no other preset uses.

use super::download::{Fetcher, Progress};
use super::format::{CatalogFile, CatalogVoice, FileRole};
use super::licence::{self, Terms};
use super::{install_voices, Catalog, CatalogError};
use crate::synth::presets;
use std::path::{Path, PathBuf};

/// A voice installed.
#[derive(Debug)]
pub struct Added {
    pub name: String,
    pub preset: PathBuf,
    pub model: PathBuf,
    pub terms: Terms,
    /// False when it was already installed and nothing was fetched.
    pub fetched: bool,
    pub notes: Vec<String>,
}

/// A voice removed: its preset and the files that went with it.
#[derive(Debug)]
pub struct Removed {
    pub name: String,
    pub files: Vec<PathBuf>,
}

/// True for names a preset file can carry.
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The preset of `name` that voxpress would use now, if any.
fn existing_preset(name: &str) -> Option<presets::Preset> {
    crate::synth::locate::voices_dirs()
        .into_iter()
        .map(|d| d.join(format!("{name}.toml")))
        .find(|p| p.is_file())
        .and_then(|p| presets::read(&p).ok())
}

fn write_error(path: &Path, source: std::io::Error) -> CatalogError {
    CatalogError::Write {
        path: path.display().to_string(),
        source,
    }
}

/// A TOML string literal.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The preset's text.
fn preset_text(
    header: &str,
    description: &str,
    language: &str,
    model: &str,
    speakers: Option<&str>,
    install: &str,
    terms: &Terms,
) -> String {
    let mut text = format!(
        "# {header}\nengine = \"piper\"\ndescription = {}\nlanguage = {}\nmodel = {}\n",
        quoted(description),
        quoted(language),
        quoted(&format!("models/{model}"))
    );
    if let Some(speakers) = speakers {
        text.push_str(&format!(
            "# A multi-speaker model; its speakers: {speakers}\nspeaker = 0\n"
        ));
    }
    text.push_str(&format!(
        "install = {}\nlicence = {}\n",
        quoted(install),
        quoted(&terms.licence)
    ));
    if let Some(commercial) = terms.commercial {
        text.push_str(&format!("commercial = {commercial}\n"));
    }
    text
}

/// Refuses a name already taken by a voice that is not this one.
fn check_free(name: &str, model_file: &str) -> Result<Option<presets::Preset>, CatalogError> {
    if !valid_name(name) {
        return Err(CatalogError::BadName { name: name.into() });
    }
    if crate::synth::voice_entry(name).is_some_and(|v| v.engine != "piper") {
        return Err(CatalogError::Exists {
            name: name.into(),
            path: "built in".into(),
        });
    }
    match existing_preset(name) {
        Some(preset)
            if preset
                .model_path()
                .is_some_and(|m| m.file_name().is_some_and(|f| f == model_file))
                && preset.installed() =>
        {
            Ok(Some(preset))
        }
        Some(preset) => Err(CatalogError::Exists {
            name: name.into(),
            path: preset.path.display().to_string(),
        }),
        None => Ok(None),
    }
}

/// Makes the word-timing copy when Python's onnx is here; a note either way.
fn add_word_timings(name: &str, model: &Path) -> String {
    let copy = presets::timing_copy(model);
    if copy.is_file() {
        return format!("{name}: word timings are there");
    }
    if !crate::install::python_has_onnx() {
        return format!("{name}: no word timings (they need Python's onnx package: `python3 -m pip install onnx`, then add the voice again)");
    }
    match crate::install::make_timing_copy(model, &copy) {
        Ok(()) => format!("{name}: word timings added"),
        Err(e) => format!("{name}: no word timings ({e})"),
    }
}

/// Writes the preset, last, so the voice appears only with all its files in place.
fn write_preset(
    voices: &Path,
    name: String,
    text: &str,
    model: PathBuf,
    terms: Terms,
    notes: Vec<String>,
) -> Result<Added, CatalogError> {
    let preset = voices.join(format!("{name}.toml"));
    crate::atomic::write(&preset, text.as_bytes()).map_err(|e| write_error(&preset, e))?;
    Ok(Added {
        name,
        preset,
        model,
        terms,
        fetched: true,
        notes,
    })
}

/// Installs the catalog voice `wanted` (a key, alias or unique name) as `as_name` (default: the
/// voice's own name, `amy` for `en_US-amy-medium`).
pub fn add(
    catalog: &Catalog,
    wanted: &str,
    as_name: Option<&str>,
    fetcher: &Fetcher,
    on_progress: &mut dyn FnMut(Progress),
) -> Result<Added, CatalogError> {
    let voice = catalog.find(wanted)?;
    let name = as_name.unwrap_or(&voice.name).to_string();
    let (model_path, model_promise) = voice.file(FileRole::Model).expect("checked by parse");
    let model_file = model_path.rsplit('/').next().unwrap_or(model_path);
    if let Some(preset) = check_free(&name, model_file)? {
        let model = preset.model_path().unwrap_or_default();
        return Ok(Added {
            name,
            preset: preset.path.clone(),
            terms: Terms {
                licence: preset.licence.clone().unwrap_or_default(),
                commercial: preset.commercial,
            },
            model,
            fetched: false,
            notes: vec![format!("{wanted}: already installed")],
        });
    }
    let voices = install_voices()?;
    let models = voices.join("models");
    let model = models.join(model_file);
    let (config_path, config_promise) = voice.file(FileRole::Config).expect("checked by parse");
    let fetch_one =
        |path: &str, promise: &CatalogFile, dest: &Path, on: &mut dyn FnMut(Progress)| {
            fetcher.fetch(&catalog.base.join(path), dest, promise, on)
        };
    fetch_one(
        config_path,
        config_promise,
        &presets::config_path(&model),
        on_progress,
    )?;
    fetch_one(model_path, model_promise, &model, on_progress)?;
    let mut notes = Vec::new();
    let terms = match voice.file(FileRole::ModelCard) {
        Some((card_path, promise)) => {
            let card = model.with_extension("MODEL_CARD");
            match fetch_one(card_path, promise, &card, on_progress) {
                Ok(()) => {
                    licence::from_model_card(&std::fs::read_to_string(&card).unwrap_or_default())
                }
                Err(e) => {
                    notes.push(format!("note: no model card ({e})"));
                    licence::from_model_card("")
                }
            }
        }
        None => licence::from_model_card(""),
    };
    notes.push(add_word_timings(&name, &model));
    let speakers = speakers_line(voice);
    let text = preset_text(
        &format!(
            "{} from the voice catalog {}, installed by voxpress voices add.",
            voice.key, catalog.source
        ),
        &format!(
            "{}, {}, {} quality (Piper voice {})",
            capitalized(&voice.name),
            voice.language_name(),
            voice.quality.replace('_', " "),
            voice.key
        ),
        &voice.language_tag(),
        model_file,
        speakers.as_deref(),
        &format!("voxpress voices add {}", voice.key),
        &terms,
    );
    write_preset(&voices, name, &text, model, terms, notes)
}

fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars)
            .collect::<String>()
            .replace('_', " "),
        None => String::new(),
    }
}

/// The speakers of a multi-speaker voice, by id, for the preset's comment.
fn speakers_line(voice: &CatalogVoice) -> Option<String> {
    if voice.num_speakers <= 1 {
        return None;
    }
    let mut by_id: Vec<(&i64, &String)> =
        voice.speaker_id_map.iter().map(|(n, i)| (i, n)).collect();
    by_id.sort();
    let listed: Vec<String> = by_id
        .iter()
        .take(12)
        .map(|(id, name)| format!("{id} {name}"))
        .collect();
    Some(if listed.is_empty() {
        format!(
            "{} speakers, 0 to {}",
            voice.num_speakers,
            voice.num_speakers - 1
        )
    } else if by_id.len() > listed.len() {
        format!("{}, … ({} in all)", listed.join(", "), voice.num_speakers)
    } else {
        listed.join(", ")
    })
}

/// The voice name in a Piper file name: `amy` in `en_US-amy-medium.onnx`, else the whole stem.
fn name_from_file(model: &Path) -> String {
    let stem = model
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parts: Vec<&str> = stem.split('-').collect();
    match parts.as_slice() {
        [lang, name, _quality] if lang.contains('_') && !name.is_empty() => name.to_string(),
        _ => stem,
    }
}

/// Installs a Piper model the user already has (`NAME.onnx`, with `NAME.onnx.json` beside it) as
/// `as_name` (default: the voice name in its file name).
pub fn import(source: &Path, as_name: Option<&str>) -> Result<Added, CatalogError> {
    let bad = |why: String| CatalogError::BadModel {
        path: source.display().to_string(),
        why,
    };
    if !source.is_file() {
        return Err(bad("no such file".into()));
    }
    if source.extension().is_none_or(|x| x != "onnx") {
        return Err(bad("not a Piper model: give its .onnx file".into()));
    }
    let config = presets::config_path(source);
    let text = std::fs::read_to_string(&config).map_err(|_| {
        bad(format!(
            "no {} beside it; a Piper voice is NAME.onnx with NAME.onnx.json",
            config.display()
        ))
    })?;
    let json: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| bad(format!("{} is not JSON: {e}", config.display())))?;
    let rate = json["audio"]["sample_rate"].as_u64();
    if rate.is_none() || !json["phoneme_id_map"].is_object() {
        return Err(bad(format!(
            "{} is not a Piper voice config (no audio.sample_rate or phoneme_id_map)",
            config.display()
        )));
    }
    let model_file = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = as_name.map_or_else(|| name_from_file(source), str::to_string);
    if let Some(preset) = check_free(&name, &model_file)? {
        return Err(CatalogError::Exists {
            name,
            path: preset.path.display().to_string(),
        });
    }
    let voices = install_voices()?;
    let model = voices.join("models").join(&model_file);
    let copy = |from: &Path, to: &Path| -> Result<(), CatalogError> {
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
        }
        let part = super::download::part_path(to);
        std::fs::copy(from, &part).map_err(|e| write_error(&part, e))?;
        std::fs::rename(&part, to).map_err(|e| write_error(to, e))
    };
    copy(&config, &presets::config_path(&model))?;
    copy(source, &model)?;
    let card = [
        source.with_extension("MODEL_CARD"),
        source.with_file_name("MODEL_CARD"),
    ]
    .into_iter()
    .find(|c| c.is_file());
    let terms = match &card {
        Some(card) => {
            copy(card, &model.with_extension("MODEL_CARD"))?;
            licence::from_model_card(&std::fs::read_to_string(card).unwrap_or_default())
        }
        None => Terms {
            licence: format!("not given (imported from {})", source.display()),
            commercial: None,
        },
    };
    let mut notes = vec![add_word_timings(&name, &model)];
    if terms.commercial.is_none() {
        notes.push(format!(
            "note: its licence is not known; add `licence` and `commercial` to {}",
            voices.join(format!("{name}.toml")).display()
        ));
    }
    let language = json["language"]["code"]
        .as_str()
        .or(json["espeak"]["voice"].as_str())
        .unwrap_or("en-us")
        .replace('_', "-")
        .to_lowercase();
    let text = preset_text(
        &format!("Imported from {} by voxpress voices add.", source.display()),
        &format!(
            "{}, imported Piper voice ({model_file})",
            capitalized(&name)
        ),
        &language,
        &model_file,
        json["num_speakers"]
            .as_u64()
            .filter(|&n| n > 1)
            .map(|n| format!("{n} speakers, 0 to {}", n - 1))
            .as_deref(),
        &format!("voxpress voices add {}", source.display()),
        &terms,
    );
    write_preset(&voices, name, &text, model, terms, notes)
}

/// Removes the voice `name` that `voices add` or `setup` installed: its preset, then the model
/// files no other preset in that folder uses.
pub fn remove(name: &str) -> Result<Removed, CatalogError> {
    let voices = install_voices()?;
    let Some(preset) = existing_preset(name) else {
        return Err(match crate::synth::voice_entry(name) {
            Some(_) => CatalogError::NotOurs {
                name: name.into(),
                path: "built in".into(),
            },
            None => CatalogError::NotInstalled { name: name.into() },
        });
    };
    if preset.path.parent() != Some(voices.as_path()) {
        return Err(CatalogError::NotOurs {
            name: name.into(),
            path: preset.path.display().to_string(),
        });
    }
    std::fs::remove_file(&preset.path).map_err(|e| write_error(&preset.path, e))?;
    let mut files = vec![preset.path.clone()];
    let models = voices.join("models");
    if let Some(model) = preset
        .model_path()
        .filter(|m| m.parent() == Some(models.as_path()))
    {
        let shared = presets::read_all(&voices)
            .into_iter()
            .flatten()
            .any(|other| other.model_path().as_ref() == Some(&model));
        if !shared {
            for file in [
                presets::config_path(&model),
                presets::timing_copy(&model),
                model.with_extension("MODEL_CARD"),
                super::download::part_path(&model),
                model.clone(),
            ] {
                if std::fs::remove_file(&file).is_ok() {
                    files.push(file);
                }
            }
        }
    }
    Ok(Removed {
        name: name.into(),
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_voice_name_is_taken_from_a_piper_file_name() {
        assert_eq!(name_from_file(Path::new("/x/en_US-amy-medium.onnx")), "amy");
        assert_eq!(name_from_file(Path::new("/x/my-voice.onnx")), "my-voice");
    }

    #[test]
    fn a_preset_names_its_licence_and_quotes_what_needs_quoting() {
        let terms = Terms {
            licence: "CC0 \"as is\"".into(),
            commercial: Some(true),
        };
        let text = preset_text(
            "h",
            "Amy",
            "en-us",
            "a.onnx",
            None,
            "voxpress voices add a",
            &terms,
        );
        let parsed: toml::Value = toml::from_str(&text).unwrap();
        assert_eq!(parsed["licence"].as_str(), Some("CC0 \"as is\""));
        assert_eq!(parsed["commercial"].as_bool(), Some(true));
        assert_eq!(parsed["model"].as_str(), Some("models/a.onnx"));
    }

    #[test]
    fn names_that_could_leave_the_folder_are_refused() {
        assert!(!valid_name("../x"));
        assert!(!valid_name(".hidden"));
        assert!(valid_name("amy-medium"));
    }
}
