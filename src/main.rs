//! The `voxpress` binary: parses arguments, runs the library, prints results and sets the exit
//! code (0 done, 2 bad usage or input, 1 failure while working).

mod cli;
#[cfg(feature = "playback")]
mod listen;
mod voices;

use anyhow::Result;
use cli::{Cli, Command, LexiconCommand, ScriptFormat};
use std::io::{BufRead, Write};
use std::process::ExitCode;
use voxpress::pipeline::{self, BuildError};
use voxpress::publish::PublishError;

fn main() -> ExitCode {
    voxpress::timings::mark("start");
    let cli = match Cli::parse_args() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("voxpress: {error}");
            #[cfg(feature = "playback")]
            if let Some(e) = error.downcast_ref::<voxpress::play::PlayError>() {
                return ExitCode::from(e.exit_code());
            }
            let code = if let Some(e) = error.downcast_ref::<PublishError>() {
                e.exit_code()
            } else if let Some(e) = error.downcast_ref::<voxpress::catalog::CatalogError>() {
                e.exit_code()
            } else if error.is::<voxpress::doctor::Unhealthy>() {
                1
            } else {
                error
                    .downcast_ref::<BuildError>()
                    .map_or(2, BuildError::exit_code)
            };
            ExitCode::from(code)
        }
    }
}

/// "1 chapter", "2 chapters".
fn counted(n: usize, thing: &str) -> String {
    match n {
        1 => format!("1 {thing}"),
        n => format!("{n} {thing}s"),
    }
}

/// A progress bar on standard error when it is a terminal and the user did not ask for quiet.
fn progress_bar(quiet: bool, template: &str) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb")
        || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if quiet || dumb || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    let style = indicatif::ProgressStyle::with_template(template)
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// Runs `work` with a progress callback that draws the bar (when there is one: see
/// [`progress_bar`]) with chunks done, minutes of audio and speed, and clears it after.
fn with_progress<T>(
    quiet: bool,
    plain: bool,
    work: impl FnOnce(&mut dyn FnMut(pipeline::Progress)) -> T,
) -> T {
    let bar = progress_bar(
        quiet || plain,
        "{bar:30} {pos}/{len} chunks, {msg}, ETA {eta}",
    );
    let mut on_progress = |p: pipeline::Progress| {
        if plain && !quiet {
            if let Some((n, title)) = &p.finished_chapter {
                eprintln!(
                    "chapter {n} done: {title} ({} of {} chunks, {:.1} min of audio)",
                    p.done,
                    p.total,
                    p.audio_secs / 60.0
                );
            }
        }
        if let Some(bar) = &bar {
            bar.set_length(p.total as u64);
            bar.set_position(p.done as u64);
            let speed = p.audio_secs / p.elapsed.as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{:.1} min of audio, {speed:.1}x real time",
                p.audio_secs / 60.0
            ));
        }
    };
    let result = work(&mut on_progress);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result
}

fn run(cli: Cli) -> Result<()> {
    let plain = cli.is_plain();
    match cli.command {
        Command::Build(args) => {
            let mut request = args
                .input
                .request(args.name().map_err(anyhow::Error::msg)?, args.jobs());
            request.mastering = args.mastering().map_err(anyhow::Error::msg)?;
            // Ctrl-C and SIGTERM stop the build cleanly: finished chunks kept, no half file.
            request.cancel.on_interrupt()?;
            let report = with_progress(args.quiet, plain, |on_progress| {
                pipeline::build(&request, &args.output(), on_progress)
            });
            let report = report?;
            if !args.quiet {
                for notice in &report.notices {
                    eprintln!("{notice}");
                }
                let secs = report.timeline.duration_secs();
                let whole = |p: &&std::path::PathBuf| {
                    !p.parent()
                        .and_then(|d| d.file_name())
                        .is_some_and(|n| n.to_string_lossy().ends_with("-chapters"))
                };
                let split = report.audio.iter().filter(|p| !whole(p)).count();
                let mut files: Vec<String> = report
                    .audio
                    .iter()
                    .filter(whole)
                    .map(|p| p.display().to_string())
                    .collect();
                if split > 0 {
                    files.push(counted(split, "chapter file"));
                }
                let level = report
                    .loudness
                    .map(|(lufs, peak)| format!(" at {lufs:.1} LUFS, peak {peak:.1} dBFS,"))
                    .unwrap_or_else(|| ",".into());
                println!(
                    "{}: {}:{:04.1} of audio{level} {}, {} ({} synthesized, {} from cache), in {:.1} s",
                    files.join(" + "),
                    (secs / 60.0).floor(),
                    secs % 60.0,
                    counted(report.timeline.chapters.len(), "chapter"),
                    counted(report.chunks, "chunk"),
                    report.synthesized,
                    report.cached,
                    report.elapsed.as_secs_f64()
                );
            }
            Ok(())
        }
        Command::Script(args) => {
            let prepared = pipeline::prepare(&args.input.request(None, 1))?;
            for notice in &prepared.notices {
                eprintln!("{notice}");
            }
            let mut out = std::io::stdout().lock();
            if args.diff {
                let width = std::env::var("COLUMNS")
                    .ok()
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(120);
                write!(
                    out,
                    "{}",
                    voxpress::review::side_by_side(&prepared.script, width)
                )?;
                return Ok(());
            }
            match args.format {
                ScriptFormat::Json => {
                    // Streamed: a long book's script is never held twice in memory.
                    let mut buffered = std::io::BufWriter::new(out);
                    serde_json::to_writer_pretty(&mut buffered, &prepared.script)?;
                    writeln!(buffered)?;
                    buffered.flush()?;
                }
                ScriptFormat::Text => {
                    let mut buffered = std::io::BufWriter::new(out);
                    for line in prepared.script.spoken_lines() {
                        writeln!(buffered, "{line}")?;
                    }
                    buffered.flush()?;
                }
            }
            Ok(())
        }
        Command::Normalize(args) => {
            let mut normalizer = args.normalizer();
            let on_top = voxpress::normalize::Lexicon::load_all(&args.lexicon)?;
            normalizer.lexicon = std::sync::Arc::new(normalizer.lexicon.with(&on_top));
            let stdin = std::io::stdin().lock();
            let mut out = std::io::stdout().lock();
            for line in stdin.lines() {
                let line = line.map_err(|e| {
                    anyhow::anyhow!("standard input is not UTF-8 text ({e}); re-save it as UTF-8")
                })?;
                writeln!(out, "{}", normalizer.normalize(&line).text)?;
            }
            Ok(())
        }
        Command::Lexicon(LexiconCommand::Check { file }) => {
            let reports = voxpress::review::check_lexicon(&file)?;
            let mut out = std::io::stdout().lock();
            for r in &reports {
                writeln!(out, "{}  ({}, {})", r.written, r.kind, r.origin)?;
                writeln!(out, "    says:     {}", r.spoken)?;
                writeln!(out, "    phonemes: {}", r.phonemes)?;
            }
            writeln!(
                out,
                "{}: {} entries, all valid",
                file.display(),
                reports.len()
            )?;
            Ok(())
        }
        #[cfg(feature = "playback")]
        Command::Play(args) => listen::play(args, plain),
        #[cfg(feature = "playback")]
        Command::Say(args) => listen::say(args),
        #[cfg(not(feature = "playback"))]
        Command::Play(_) | Command::Say(_) => Err(anyhow::anyhow!(
            "this voxpress was built without playback; rebuild it with the `playback` feature"
        )),
        Command::Publish(args) => publish(args, plain),
        Command::Setup => {
            let report = voxpress::install::setup()?;
            println!("voxpress setup: installing into {}", report.home.display());
            for step in &report.steps {
                println!("  {step}");
            }
            Ok(())
        }
        Command::Doctor => {
            let findings = voxpress::doctor::examine();
            let width = findings.iter().map(|f| f.what.len()).max().unwrap_or(0);
            let mut missing = 0;
            for finding in &findings {
                println!("{:<width$}  {}", finding.what, finding.found);
                if let Some(fix) = &finding.fix {
                    println!("{:<width$}  to fix: {fix}", "");
                    missing += 1;
                }
            }
            if missing > 0 {
                return Err(voxpress::doctor::Unhealthy(missing).into());
            }
            Ok(())
        }
        Command::Voices(args) => voices::run(args),
        Command::Serve(args) => serve(args),
    }
}

/// `voxpress serve`: binds, says where, and serves until SIGTERM or Ctrl-C.
fn serve(args: cli::ServeArgs) -> Result<()> {
    let token = match &args.token_env {
        Some(name) => Some(
            std::env::var(name).map_err(|_| voxpress::serve::ServeError::NoToken(name.clone()))?,
        ),
        None => None,
    };
    let concurrency = cli::jobs_or_cores(args.jobs);
    let options = voxpress::serve::ServeOptions {
        host: args.host,
        port: args.port,
        default_voice: args.voice.unwrap_or_else(|| pipeline::default_voice().0),
        concurrency,
        queue: args.queue,
        max_body: args.max_input * 4 + 64 * 1024,
        max_input: args.max_input,
        token,
        idle_exit: args.idle_exit.map(std::time::Duration::from_secs),
    };
    let voice = options.default_voice.clone();
    let server = voxpress::serve::Server::bind(options)?;
    server.stop_on_signals()?;
    println!(
        "voxpress serve: listening on http://{} (voice {voice}, {concurrency} at once)",
        server.address
    );
    std::io::stdout().flush()?;
    server.run();
    println!("voxpress serve: stopped");
    Ok(())
}

/// `voxpress publish`: publish, remove or check, and say what was done.
fn publish(args: cli::PublishArgs, plain: bool) -> Result<()> {
    use voxpress::publish;
    let request = args.request();
    if args.check {
        let show_path = match (&args.show, &request) {
            (Some(show), _) => show.clone(),
            (None, Some(request)) => publish::target(request, None)?.0,
            (None, None) => anyhow::bail!(
                "publish --check needs the show: pass --show show.toml, or an edition that names it"
            ),
        };
        let show = publish::show::read(&show_path)?;
        let report = publish::check::check(&show)?;
        println!(
            "{}: {} episodes, {} files, {:.1} min of audio; every URL is a file in {}, lengths, types and durations match, images are fit for directories",
            report.feed.display(),
            report.episodes,
            report.files,
            report.duration_secs / 60.0,
            show.folder.display()
        );
        return Ok(());
    }
    let Some(request) = request else {
        anyhow::bail!("publish needs an edition: voxpress publish EDITION.toml");
    };
    if args.remove {
        let report = publish::remove(&request, args.show.as_deref())?;
        if !args.quiet {
            println!(
                "{}: episode {} removed ({} files), {} episodes left",
                report.feed.display(),
                report.id,
                report.removed.len(),
                report.episodes
            );
        }
        return Ok(());
    }
    request.cancel.on_interrupt()?;
    let report = with_progress(args.quiet, plain, |on_progress| {
        publish::publish(&request, &args.output(), args.show.as_deref(), on_progress)
    });
    let report = report?;
    if !args.quiet {
        for notice in &report.notices {
            eprintln!("{notice}");
        }
        let secs = report.episode.duration_secs;
        println!(
            "{}: episode {} \"{}\" {} ({}:{:02}, {} chunks, {} synthesized), {} episodes in the feed",
            report.show.feed_path().display(),
            report.episode.id,
            report.episode.title,
            if report.replaced { "replaced" } else { "added" },
            (secs / 60.0).floor(),
            (secs % 60.0).round() as u32,
            report.build.chunks,
            report.build.synthesized,
            report.episodes
        );
    }
    Ok(())
}
