//! `voxpress voices`: lists the voices (and with `--all` a catalog's), and runs `voices add` and
//! `voices remove`, drawing a progress bar for downloads.

use crate::cli::{CatalogArgs, VoicesArgs, VoicesCommand};
use anyhow::Result;
use std::io::Write;
use std::path::Path;
use voxpress::catalog;

pub fn run(args: VoicesArgs) -> Result<()> {
    match &args.action {
        Some(VoicesCommand::Add {
            voice,
            as_name,
            catalog,
        }) => add(catalog, voice, as_name.as_deref()),
        Some(VoicesCommand::Remove { name }) => {
            let removed = catalog::remove(name)?;
            println!("{}: removed ({} files)", removed.name, removed.files.len());
            for file in &removed.files {
                println!("  {}", file.display());
            }
            Ok(())
        }
        None => list(&args),
    }
}

fn add(source: &CatalogArgs, voice: &str, as_name: Option<&str>) -> Result<()> {
    let added = if voice.ends_with(".onnx") || Path::new(voice).is_file() {
        catalog::import(Path::new(voice), as_name)?
    } else {
        let fetcher = source.fetcher();
        let found = catalog::read(&source.catalog, &fetcher)?;
        if let Some(note) = &found.note {
            eprintln!("{note}");
        }
        let bar = crate::progress_bar(
            false,
            "{bar:30} {bytes}/{total_bytes} {msg}, {bytes_per_sec}, ETA {eta}",
        );
        let mut on_progress = |p: catalog::download::Progress| {
            if let Some(bar) = &bar {
                bar.set_length(p.total);
                bar.set_position(p.done);
                bar.set_message(p.file.to_string());
            }
        };
        let added = catalog::add(&found, voice, as_name, &fetcher, &mut on_progress);
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        added?
    };
    for note in &added.notes {
        eprintln!("{note}");
    }
    let terms = match added.terms.commercial {
        Some(true) => "commercial use allowed",
        Some(false) => "not for commercial use",
        None => "licence not known",
    };
    println!(
        "{}: {} ({}; {terms}); preset {}, model {}",
        added.name,
        if added.fetched {
            "installed"
        } else {
            "already installed"
        },
        added.terms.licence,
        added.preset.display(),
        added.model.display()
    );
    Ok(())
}

/// `en-gb` of `en_GB` and `EN-GB`: a language tag as compared.
fn tag(language: &str) -> String {
    language.replace('_', "-").to_lowercase()
}

/// A language tag is the wanted language or one of its kinds (`en-gb` is `en`).
fn in_language(language: &str, wanted: Option<&str>) -> bool {
    wanted.is_none_or(|w| language == w || language.starts_with(&format!("{w}-")))
}

fn list(args: &VoicesArgs) -> Result<()> {
    let wanted = args.language.as_deref().map(tag);
    let wanted = wanted.as_deref();
    let voices = voxpress::synth::voice_catalog();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<12} {:<8} {:<6} {:>8}  {:<10} {:<6} description",
        "voice", "engine", "lang", "rate", "status", "words"
    )?;
    let listed = voices
        .iter()
        .filter(|v| !v.hidden && in_language(&tag(&v.language), wanted));
    for voice in listed {
        let status = if voice.installed {
            "installed"
        } else {
            "missing"
        };
        let rate = match voice.sample_rate {
            0 => "live".to_string(),
            hz => format!("{hz} Hz"),
        };
        // Whether the voice times its words (for words.json and read-along pages).
        let words = if voice.word_timings { "timed" } else { "-" };
        writeln!(
            out,
            "{:<12} {:<8} {:<6} {:>8}  {:<10} {:<6} {}",
            voice.name, voice.engine, voice.language, rate, status, words, voice.description
        )?;
        let publish = match voice.commercial {
            Some(true) => "commercial use allowed",
            Some(false) => "not for commercial use",
            None => "licence not given",
        };
        match &voice.licence {
            Some(licence) => writeln!(out, "{:<12} licence: {licence}; {publish}", "")?,
            None => writeln!(out, "{:<12} {publish}", "")?,
        }
        if let Some(install) = voice.install.as_ref().filter(|_| !voice.installed) {
            writeln!(out, "{:<12} to install: {install}", "")?;
        }
    }
    if !args.all {
        return Ok(());
    }
    let found = catalog::read(&args.catalog.catalog, &args.catalog.fetcher())?;
    if let Some(note) = &found.note {
        eprintln!("{note}");
    }
    // Installed voices by their model's file name, to mark catalog voices already here.
    let installed: Vec<(String, String)> = voxpress::synth::installed_models();
    writeln!(out)?;
    writeln!(out, "{} voices in {}", found.voices.len(), found.source)?;
    writeln!(
        out,
        "{:<32} {:<28} {:<8} {:>8} {:>7}  status",
        "voice", "language", "quality", "speakers", "MB"
    )?;
    let mut shown = 0;
    for voice in &found.voices {
        if !in_language(&voice.language_tag(), wanted) {
            continue;
        }
        let model = voice
            .file(catalog::format::FileRole::Model)
            .map(|(p, _)| p.rsplit('/').next().unwrap_or(p).to_string())
            .unwrap_or_default();
        let status = match installed.iter().find(|(_, m)| *m == model) {
            Some((name, _)) => format!("installed as {name}"),
            None => format!("voxpress voices add {}", voice.key),
        };
        writeln!(
            out,
            "{:<32} {:<28} {:<8} {:>8} {:>7.1}  {status}",
            voice.key,
            voice.language_name(),
            voice.quality,
            voice.num_speakers,
            voice.download_bytes() as f64 / 1e6
        )?;
        shown += 1;
    }
    if shown == 0 {
        writeln!(out, "(no voice in that language)")?;
    }
    Ok(())
}
