//! The listener's side of a [`Session`]: keys when standard input is a terminal, and what is
//! shown on standard error, one of three ways ([`Display`]): a status line redrawn only when
//! what it says changes, never wider than the terminal; plain lines for screen readers (each
//! sentence once as it starts, each change a line of its own, nothing redrawn); or nothing.
//!
//! The keys ([`KEYS`]) are single plain keys with no modifier, so they do not clash with a
//! screen reader's own commands (which hold Insert or Caps Lock).

use super::Session;
use std::io::Write;
use std::time::{Duration, Instant};

/// How playback is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Display {
    /// One status line, redrawn in place when it changes.
    Status,
    /// Lines only, for screen readers and dumb terminals: each sentence as it starts.
    Plain,
    /// Nothing while playing.
    Quiet,
}

/// Every key and what it does, as `play --help` and the README list them.
pub const KEYS: &[(&str, &str)] = &[
    ("space", "pause or play"),
    (
        ". ,",
        "next or previous sentence (back to this sentence's start if well into it)",
    ),
    ("] [", "next or previous paragraph"),
    ("n p", "next or previous chapter"),
    ("→ ←", "ten seconds on or back"),
    (
        "+ -",
        "faster or slower by 0.25 (0.5 to 4), pitch unchanged; 0 back to normal",
    ),
    ("q Esc", "quit (where you stopped is remembered)"),
];

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// It played to its end.
    Finished,
    /// The listener quit.
    Quit,
}

/// What the listener pressed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Action {
    Pause,
    Sentence(isize),
    Paragraph(isize),
    Chapter(bool),
    Seek(f64),
    Faster,
    Slower,
    NormalSpeed,
    Quit,
}

fn action(key: crossterm::event::KeyEvent) -> Option<Action> {
    use crossterm::event::{KeyCode, KeyModifiers};
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return matches!(key.code, KeyCode::Char('c') | KeyCode::Char('d')).then_some(Action::Quit);
    }
    Some(match key.code {
        KeyCode::Char(' ') | KeyCode::Char('k') => Action::Pause,
        KeyCode::Char('.') => Action::Sentence(1),
        KeyCode::Char(',') => Action::Sentence(-1),
        KeyCode::Char(']') => Action::Paragraph(1),
        KeyCode::Char('[') => Action::Paragraph(-1),
        KeyCode::Char('n') => Action::Chapter(true),
        KeyCode::Char('p') => Action::Chapter(false),
        KeyCode::Right => Action::Seek(10.0),
        KeyCode::Left => Action::Seek(-10.0),
        KeyCode::Char('+') | KeyCode::Char('=') => Action::Faster,
        KeyCode::Char('-') | KeyCode::Char('_') => Action::Slower,
        KeyCode::Char('0') => Action::NormalSpeed,
        KeyCode::Char('q') | KeyCode::Esc => Action::Quit,
        _ => return None,
    })
}

/// Plays `session` to its end or until the listener quits (a key, or Ctrl-C or SIGTERM, which
/// set `interrupt`), taking keys when `keys` is set.
pub fn drive(
    session: &Session,
    keys: bool,
    display: Display,
    interrupt: &crate::cancel::Cancel,
) -> std::io::Result<Ended> {
    let raw = keys && crossterm::terminal::enable_raw_mode().is_ok();
    let result = run(session, raw, display, interrupt);
    if raw {
        let _ = crossterm::terminal::disable_raw_mode();
    }
    result
}

fn run(
    session: &Session,
    keys: bool,
    display: Display,
    interrupt: &crate::cancel::Cancel,
) -> std::io::Result<Ended> {
    use crossterm::event::{self, Event, KeyEventKind};
    let mut err = std::io::stderr();
    let mut shown = String::new();
    let mut said: Option<usize> = None;
    let mut ended = Ended::Finished;
    // In raw mode a line ends with a carriage return too.
    let eol = if keys { "\r\n" } else { "\n" };
    while !session.is_finished() {
        if interrupt.requested().is_some() {
            session.quit();
            ended = Ended::Quit;
        }
        let mut note = None;
        if keys && event::poll(Duration::from_millis(50))? {
            if let Event::Key(key) = event::read()? {
                if key.kind == KeyEventKind::Press {
                    if let Some(action) = action(key) {
                        note = apply(session, action);
                        if action == Action::Quit {
                            ended = Ended::Quit;
                        }
                    }
                }
            }
        } else if !keys {
            std::thread::sleep(Duration::from_millis(50));
        }
        match display {
            Display::Status => {
                let line = fit(&status(session), terminal_width());
                if line != shown {
                    write!(err, "\r\x1b[2K{line}")?;
                    err.flush()?;
                    shown = line;
                }
            }
            Display::Plain => {
                if let Some(note) = note {
                    write!(err, "{note}{eol}")?;
                }
                let now = session.sentence();
                if now.is_some() && now != said {
                    said = now;
                    if let Some(mark) = now.and_then(|k| session.tape().sentence(k)) {
                        if !mark.text.is_empty() {
                            write!(err, "{}{eol}", mark.text)?;
                        }
                    }
                }
            }
            Display::Quiet => {}
        }
    }
    if display == Display::Status && !shown.is_empty() {
        write!(err, "\r\x1b[2K")?;
        err.flush()?;
    }
    Ok(ended)
}

/// Does what the listener asked; says what changed, for the plain display.
fn apply(session: &Session, action: Action) -> Option<String> {
    match action {
        Action::Pause => {
            let paused = session.toggle_pause();
            Some(if paused { "paused" } else { "playing" }.to_string())
        }
        Action::Sentence(by) => {
            session.jump_sentence(by, false);
            None
        }
        Action::Paragraph(by) => {
            session.jump_sentence(by, true);
            None
        }
        Action::Chapter(forward) => {
            session.jump_chapter(forward);
            session
                .chapter()
                .map(|(n, title)| format!("chapter {n}: {title}"))
        }
        Action::Seek(secs) => {
            session.seek_by(secs);
            Some(format!("at {}", clock(session.position_secs())))
        }
        Action::Faster | Action::Slower | Action::NormalSpeed => {
            let speed = match action {
                Action::Faster => session.speed() + 0.25,
                Action::Slower => session.speed() - 0.25,
                _ => 1.0,
            };
            session.set_speed(speed);
            Some(format!("speed {}", speed_text(session.speed())))
        }
        Action::Quit => {
            session.quit();
            None
        }
    }
}

/// The status line: state, position, speed, chapter, and a reminder of the keys.
fn status(session: &Session) -> String {
    let state = if session.is_paused() {
        "paused"
    } else {
        "playing"
    };
    let chapter = session
        .chapter()
        .map(|(n, title)| format!("  {n}. {title}"))
        .unwrap_or_default();
    format!(
        "{state} {}  {}{chapter}  [space] pause [. ,] sentence [n p] chapter [+ -] speed [q] quit",
        clock(session.position_secs()),
        speed_text(session.speed()),
    )
}

fn speed_text(speed: f32) -> String {
    format!("{}x", (f64::from(speed) * 100.0).round() / 100.0)
}

fn terminal_width() -> usize {
    crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w.max(20)))
}

/// `line` cut to fit in `width` columns less one, so it never wraps onto a second line.
fn fit(line: &str, width: usize) -> String {
    line.chars().take(width.saturating_sub(1)).collect()
}

/// Seconds as `M:SS` or `H:MM:SS`.
pub fn clock(secs: f64) -> String {
    let s = secs.max(0.0) as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// When `asked` came to first audio in `session`, for the line after a quiet play.
pub fn first_audio_after(session: &Session, asked: Instant) -> Option<f64> {
    session
        .first_audio_at()
        .map(|first| first.saturating_duration_since(asked).as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_line_never_reaches_the_last_column() {
        let long = "x".repeat(300);
        assert_eq!(fit(&long, 80).chars().count(), 79);
        assert_eq!(fit("short", 80), "short");
    }

    #[test]
    fn every_key_in_the_list_does_something() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        for (keys, _) in KEYS {
            for key in keys.split(' ') {
                let code = match key {
                    "space" => KeyCode::Char(' '),
                    "→" => KeyCode::Right,
                    "←" => KeyCode::Left,
                    "Esc" => KeyCode::Esc,
                    k => KeyCode::Char(k.chars().next().unwrap()),
                };
                assert!(
                    action(KeyEvent::new(code, KeyModifiers::NONE)).is_some(),
                    "{key}"
                );
            }
        }
    }
}
