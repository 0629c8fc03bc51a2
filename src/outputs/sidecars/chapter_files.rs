//! Chapter files for other tools: ffmpeg's FFMETADATA (ready for an M4B conversion), a CUE sheet,
//! and Audacity labels. Each chapter ends where the next begins; the last at the end of the audio.

use crate::model::Timeline;
use crate::outputs::Published;

/// (start, end, title) of each chapter, in seconds.
fn spans(timeline: &Timeline) -> Vec<(f64, f64, &str)> {
    timeline
        .chapter_spans()
        .into_iter()
        .map(|(start, end, title)| (timeline.seconds(start), timeline.seconds(end), title))
        .collect()
}

/// FFMETADATA: `;FFMETADATA1`, the tags, then a `[CHAPTER]` in milliseconds for each chapter.
pub fn ffmetadata(edition: &Published) -> String {
    let (timeline, tags) = (edition.timeline, edition.tags);
    let escape = |s: &str| {
        let mut out = String::new();
        for c in s.chars() {
            if matches!(c, '=' | ';' | '#' | '\\' | '\n') {
                out.push('\\');
            }
            out.push(c);
        }
        out
    };
    let mut out = format!(
        ";FFMETADATA1\ntitle={}\nalbum={}\n",
        escape(&tags.title),
        escape(&tags.album)
    );
    for (key, value) in [
        ("artist", &tags.author),
        ("date", &tags.date),
        ("comment", &tags.description),
    ] {
        if let Some(value) = value {
            out.push_str(&format!("{key}={}\n", escape(value)));
        }
    }
    for (start, end, title) in spans(timeline) {
        out.push_str(&format!(
            "\n[CHAPTER]\nTIMEBASE=1/1000\nSTART={}\nEND={}\ntitle={}\n",
            (start * 1000.0).round() as u64,
            (end * 1000.0).round() as u64,
            escape(title)
        ));
    }
    out
}

/// A CUE sheet over the first audio file the build wrote, one track per chapter (times in CD
/// frames of 1/75 s).
pub fn cue_sheet(edition: &Published) -> String {
    let timeline = edition.timeline;
    let audio_file = edition.audio.first().map_or("", String::as_str);
    let kind = if audio_file.to_ascii_lowercase().ends_with(".mp3") {
        "MP3"
    } else {
        "WAVE"
    };
    let quote = |s: &str| s.replace('"', "'");
    let mut out = format!(
        "TITLE \"{}\"\nFILE \"{}\" {kind}\n",
        quote(&edition.script.title),
        quote(audio_file)
    );
    for (k, (start, _, title)) in spans(timeline).into_iter().enumerate() {
        let frames = (start * 75.0).round() as u64;
        out.push_str(&format!(
            "  TRACK {:02} AUDIO\n    TITLE \"{}\"\n    INDEX 01 {:02}:{:02}:{:02}\n",
            k + 1,
            quote(title),
            frames / 75 / 60,
            frames / 75 % 60,
            frames % 75
        ));
    }
    out
}

/// Audacity labels: `start<TAB>end<TAB>title` in seconds, one chapter a line.
pub fn audacity_labels(edition: &Published) -> String {
    spans(edition.timeline)
        .into_iter()
        .map(|(start, end, title)| {
            format!(
                "{start:.6}\t{end:.6}\t{}\n",
                title.replace(['\t', '\n'], " ")
            )
        })
        .collect()
}
