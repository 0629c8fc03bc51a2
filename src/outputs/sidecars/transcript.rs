//! Transcripts: WebVTT (`.vtt`) and SubRip (`.srt`) cues, timed from where the speech really is
//! in the audio and showing the words as written ("2022", not "twenty twenty-two"), the words
//! said over an intro or outro among them.
//!
//! Invariants: a cue holds at most two lines of at most [`LINE`] characters (a single longer word
//! stands alone on its line); cues ascend and never overlap; every cue ends within the audio. A
//! sentence whose words the voice timed ([`super::words`]) is cut into cues at word boundaries
//! timed by those words, and in WebVTT each word after a cue's first carries its start as a
//! timestamp tag (`<00:00:01.200>`), which players and browsers highlight by; an untimed sentence
//! too long for one cue has its time shared out by length.

use crate::model::{Script, Timeline};
use crate::outputs::Published;

/// The longest line of a cue, in characters.
pub const LINE: usize = 42;

/// One cue: start and end in seconds, and its lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub start: f64,
    pub end: f64,
    pub lines: Vec<String>,
    /// The lines with each word's start (after the cue's first) as a WebVTT timestamp tag.
    pub timed_lines: Option<Vec<String>>,
}

/// The cues of a script placed on its timeline, in order of time.
pub fn cues(script: &Script, timeline: &Timeline) -> Vec<Cue> {
    let mut cues = Vec::new();
    for (passage, t) in script.passages.iter().zip(&timeline.passages) {
        let words: Vec<&str> = passage.written.split_whitespace().collect();
        spread(
            &mut cues,
            &words,
            timeline.seconds(t.start_sample),
            timeline.seconds(t.end_sample),
        );
    }
    let by_sentence = super::words::heard_by_sentence(script, timeline);
    for (index, sentence) in script.sentences.iter().enumerate() {
        let words = &by_sentence[index];
        if !words.is_empty() && words.iter().all(|w| w.timed) {
            timed_cues(&mut cues, &sentence.written, words);
            continue;
        }
        let mut times = script
            .chunks
            .iter()
            .filter(|c| c.sentence == index)
            .filter_map(|c| timeline.chunks.get(c.index));
        let Some(first) = times.next() else {
            continue;
        };
        let last = times.next_back().unwrap_or(first);
        let (start, end) = (
            timeline.seconds(first.start_sample),
            timeline.seconds(last.end_sample),
        );
        let words: Vec<&str> = sentence.written.split_whitespace().collect();
        spread(&mut cues, &words, start, end);
    }
    cues.sort_by(|a, b| a.start.total_cmp(&b.start));
    cues
}

/// Cues for a sentence whose written units were timed: its whitespace words, each at the time
/// of the first unit it holds (a word holding none, a dash, goes with the word before).
fn timed_cues(cues: &mut Vec<Cue>, written: &str, units: &[super::words::HeardWord]) {
    let mut tokens: Vec<(&str, Option<(f64, f64)>)> = Vec::new();
    let mut offset = 0;
    for token in written.split_whitespace() {
        let start = offset + written[offset..].find(token).unwrap_or(0);
        let end = start + token.len();
        offset = end;
        let time = units
            .iter()
            .find(|u| u.written.start < end && u.written.end > start)
            .map(|u| (u.start, u.end));
        tokens.push((token, time));
    }
    let Some(first) = tokens.iter().find_map(|t| t.1) else {
        return;
    };
    let sentence_end = units.iter().map(|u| u.end).fold(first.1, f64::max);
    let words: Vec<&str> = tokens.iter().map(|t| t.0).collect();
    let groups = cue_texts(&words);
    let mut next = 0;
    let mut starts = Vec::new();
    let mut bounds = Vec::new();
    for lines in &groups {
        let count: usize = lines.iter().map(|l| l.split(' ').count()).sum();
        let range = next..next + count;
        next += count;
        let start = tokens[range.clone()].iter().find_map(|t| t.1).map(|t| t.0);
        starts.push(start);
        bounds.push(range);
    }
    let mut at = first.0;
    for (k, (lines, range)) in groups.into_iter().zip(bounds).enumerate() {
        let start = starts[k].unwrap_or(at).max(at);
        let end = starts[k + 1..]
            .iter()
            .flatten()
            .next()
            .copied()
            .unwrap_or(sentence_end)
            .max(start);
        // Each line again, with a timestamp before every word that starts after the last one.
        let mut timed_lines = Vec::new();
        let mut token = range.start;
        let mut last = start;
        for line in &lines {
            let mut out = Vec::new();
            for word in line.split(' ') {
                match tokens[token].1 {
                    Some((t, _)) if t > last && t < end => {
                        out.push(format!("<{}>{word}", timestamp(t, '.')));
                        last = t;
                    }
                    _ => out.push(word.to_string()),
                }
                token += 1;
            }
            timed_lines.push(out.join(" "));
        }
        cues.push(Cue {
            start,
            end,
            lines,
            timed_lines: Some(timed_lines),
        });
        at = end;
    }
}

/// Cues for `words` heard from `start` to `end`, the time shared out by length.
fn spread(cues: &mut Vec<Cue>, words: &[&str], start: f64, end: f64) {
    if words.is_empty() || end <= start {
        return;
    }
    let groups = cue_texts(words);
    let total: usize = groups
        .iter()
        .map(|g| g.iter().map(|l| l.len()).sum::<usize>())
        .sum();
    let mut at = start;
    for lines in groups {
        let share = lines.iter().map(|l| l.len()).sum::<usize>() as f64 / total.max(1) as f64;
        let until = (at + share * (end - start)).min(end);
        cues.push(Cue {
            start: at,
            end: until,
            lines,
            timed_lines: None,
        });
        at = until;
    }
}

/// Words wrapped into lines of at most [`LINE`] characters, two lines to a cue.
fn cue_texts(words: &[&str]) -> Vec<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    for word in words {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= LINE => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines.chunks(2).map(<[String]>::to_vec).collect()
}

fn timestamp(secs: f64, decimal: char) -> String {
    let ms = (secs.max(0.0) * 1000.0).round() as u64;
    format!(
        "{:02}:{:02}:{:02}{decimal}{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// A WebVTT file, its header note naming the edition, its author and date.
pub fn vtt(edition: &Published) -> String {
    let cues = cues(edition.script, edition.timeline);
    let tags = edition.tags;
    let mut out = String::from("WEBVTT\n\n");
    let clean = |s: &str| s.replace("-->", "->").replace('\n', " ");
    let mut note = vec![clean(&tags.title)];
    note.extend(tags.author.as_deref().map(clean));
    note.extend(tags.date.as_deref().map(clean));
    out.push_str(&format!("NOTE\n{}\n\n", note.join("\n")));
    for (k, cue) in cues.iter().enumerate() {
        out.push_str(&format!(
            "{}\n{} --> {}\n{}\n\n",
            k + 1,
            timestamp(cue.start, '.'),
            timestamp(cue.end, '.'),
            cue.timed_lines
                .as_ref()
                .unwrap_or(&cue.lines)
                .join("\n")
                .replace("-->", "->")
        ));
    }
    out
}

/// A SubRip file.
pub fn srt(edition: &Published) -> String {
    let cues = cues(edition.script, edition.timeline);
    let mut out = String::new();
    for (k, cue) in cues.iter().enumerate() {
        out.push_str(&format!(
            "{}\n{} --> {}\n{}\n\n",
            k + 1,
            timestamp(cue.start, ','),
            timestamp(cue.end, ','),
            cue.lines.join("\n")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sentences_wrap_into_cues_of_two_short_lines() {
        let words: Vec<&str> = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split(' ').collect();
        let cues = cue_texts(&words);
        assert!(cues.len() >= 2);
        for cue in &cues {
            assert!(cue.len() <= 2);
            assert!(cue.iter().all(|l| l.chars().count() <= LINE));
        }
        assert_eq!(cues.concat().join(" "), words.join(" "));
    }

    #[test]
    fn timestamps_use_the_formats_decimal_mark() {
        assert_eq!(timestamp(3723.456, '.'), "01:02:03.456");
        assert_eq!(timestamp(0.0, ','), "00:00:00,000");
    }
}
