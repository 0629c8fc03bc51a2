//! The `voxpress` binary: parses arguments, runs the library, prints results and sets the exit
//! code (0 done, 2 bad usage or input, 1 failure while working).

mod cli;

use anyhow::Result;
use clap::Parser;
use cli::{Cli, Command, ScriptFormat};
use std::io::{BufRead, Write};
use std::process::ExitCode;
use voxpress::pipeline::{self, BuildError};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
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
            let bad_input = error
                .downcast_ref::<BuildError>()
                .is_none_or(BuildError::is_bad_input);
            ExitCode::from(if bad_input { 2 } else { 1 })
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build(args) => {
            let request = args.input.request(args.name.clone());
            let report = pipeline::build(&request, &args.out)?;
            println!(
                "{}: {:.1} s of audio, {} chapters, {} chunks, in {:.1} s",
                report.audio.display(),
                report.timeline.duration_secs(),
                report.timeline.chapters.len(),
                report.chunks,
                report.elapsed.as_secs_f64()
            );
            Ok(())
        }
        Command::Script(args) => {
            let prepared = pipeline::prepare(&args.input.request(None))?;
            let mut out = std::io::stdout().lock();
            match args.format {
                ScriptFormat::Json => {
                    writeln!(out, "{}", serde_json::to_string_pretty(&prepared.script)?)?
                }
                ScriptFormat::Text => {
                    for line in prepared.script.spoken_lines() {
                        writeln!(out, "{line}")?;
                    }
                }
            }
            Ok(())
        }
        Command::Normalize(args) => {
            let normalizer = args.links.normalizer();
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
        Command::Voices => {
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "{:<12} {:<8} {:<6} {:>8}  {:<10} description",
                "voice", "engine", "lang", "rate", "status"
            )?;
            for voice in voxpress::synth::voice_catalog()
                .into_iter()
                .filter(|v| !v.hidden)
            {
                let status = if voice.installed {
                    "installed"
                } else {
                    "missing"
                };
                writeln!(
                    out,
                    "{:<12} {:<8} {:<6} {:>5} Hz  {:<10} {}",
                    voice.name,
                    voice.engine,
                    voice.language,
                    voice.sample_rate,
                    status,
                    voice.description
                )?;
                if let Some(install) = voice.install.filter(|_| !voice.installed) {
                    writeln!(out, "{:<12} to install: {install}", "")?;
                }
            }
            Ok(())
        }
    }
}
