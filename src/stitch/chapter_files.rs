//! Chapter files for other tools: ffmpeg's FFMETADATA (ready for an M4B conversion), a CUE sheet,
//! and Audacity labels. Each chapter ends where the next begins; the last at the end of the audio.

use crate::model::{Script, Timeline};

/// (start, end, title) of each chapter, in seconds.
fn spans(timeline: &Timeline) -> Vec<(f64, f64, &str)> {
    timeline
        .chapter_spans()
        .into_iter()
        .map(|(start, end, title)| (timeline.seconds(start), timeline.seconds(end), title))
        .collect()
}

/// FFMETADATA: `;FFMETADATA1`, the title, then a `[CHAPTER]` in milliseconds for each chapter.
pub fn ffmetadata(script: &Script, timeline: &Timeline) -> String {
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
    let mut out = format!(";FFMETADATA1\ntitle={}\n", escape(&script.title));
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

/// A CUE sheet over `audio_file`, one track per chapter (times in CD frames of 1/75 s).
pub fn cue_sheet(script: &Script, timeline: &Timeline, audio_file: &str) -> String {
    let quote = |s: &str| s.replace('"', "'");
    let mut out = format!(
        "TITLE \"{}\"\nFILE \"{}\" WAVE\n",
        quote(&script.title),
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
pub fn audacity_labels(timeline: &Timeline) -> String {
    spans(timeline)
        .into_iter()
        .map(|(start, end, title)| {
            format!(
                "{start:.6}\t{end:.6}\t{}\n",
                title.replace(['\t', '\n'], " ")
            )
        })
        .collect()
}
