//! The read-along page, `NAME.html` (with `--format ...,html`): one self-contained file (its CSS,
//! script and cover inline; the audio beside it, so it works from a folder opened with no server
//! and from any static host) with the title, author, cover, chapter list, a standard `<audio
//! controls>` player, keys listed, and the text as written in its headings and paragraphs. Each
//! sentence and each timed word carries its start; the script (`page.js`) marks the sentence and
//! word being heard and keeps the sentence in view.
//!
//! Accessibility: landmarks (banner, navigation, main, contentinfo) and one heading outline, a
//! skip link, sentences focusable (Enter seeks), a polite status line for speed changes, dark mode
//! by `prefers-color-scheme`, smooth scrolling only without `prefers-reduced-motion`, and marks
//! whose contrast is at least 4.5:1 in both schemes (`page.css`).

use super::words::{heard_by_sentence, HeardWord};
use crate::model::{Boundary, ChapterKind};
use crate::outputs::{Format, Published};
use base64::Engine;

const CSS: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// Text made safe inside HTML elements and quoted attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn clock(secs: f64) -> String {
    let s = secs.max(0.0).round() as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// What one page shows: the whole edition, or one chapter of it (with `--split chapters`).
struct View<'a> {
    title: String,
    /// The audio files it plays, by name relative to the page.
    audio: &'a [String],
    /// The stretch of the edition's timeline it covers, in samples.
    from: u64,
    to: u64,
    /// For a chapter page: where the others are.
    pages: Option<ChapterPages<'a>>,
}

/// The chapter pages (file name, title), this one's index among them, and the whole edition's
/// page.
struct ChapterPages<'a> {
    pages: &'a [(String, String)],
    index: usize,
    whole: String,
}

/// The page of the whole edition.
pub fn page(edition: &Published) -> String {
    render(
        edition,
        &View {
            title: edition.tags.title.clone(),
            audio: edition.audio,
            from: 0,
            to: edition.timeline.total_samples,
            pages: None,
        },
    )
}

/// The page of chapter `index` of `pages` (file name and title of every chapter page), heard
/// in `audio` (the chapter's files), from `from` to `to` of the edition, linking to the others
/// and to `whole`, the edition's page.
pub fn chapter_page(
    edition: &Published,
    pages: &[(String, String)],
    index: usize,
    audio: &[String],
    span: std::ops::Range<u64>,
    whole: &str,
) -> String {
    render(
        edition,
        &View {
            title: format!("{} ({})", pages[index].1, edition.tags.title),
            audio,
            from: span.start,
            to: span.end,
            pages: Some(ChapterPages {
                pages,
                index,
                whole: whole.to_string(),
            }),
        },
    )
}

fn render(edition: &Published, view: &View) -> String {
    let (script, timeline, tags) = (edition.script, edition.timeline, edition.tags);
    let offset = timeline.seconds(view.from);
    let title = escape(&view.title);
    let mut html = String::with_capacity(64 * 1024);
    html.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"voxpress {}\">\n<title>{title}</title>\n\
         <style>\n{CSS}</style>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#text\">Skip to the text</a>\n<header class=\"top\">\n",
        env!("CARGO_PKG_VERSION")
    ));
    if let Some(cover) = &tags.cover {
        html.push_str(&format!(
            "<img src=\"data:{};base64,{}\" alt=\"Cover of {title}\" width=\"{}\" height=\"{}\">\n",
            cover.mime,
            base64::engine::general_purpose::STANDARD.encode(&cover.data),
            cover.width,
            cover.height
        ));
    }
    html.push_str(&format!("<h1>{title}</h1>\n"));
    let byline: Vec<String> = [tags.author.as_deref(), tags.date.as_deref()]
        .into_iter()
        .flatten()
        .map(escape)
        .collect();
    if !byline.is_empty() {
        html.push_str(&format!("<p class=\"byline\">{}</p>\n", byline.join(" · ")));
    }
    if let Some(description) = &tags.description {
        html.push_str(&format!("<p>{}</p>\n", escape(description)));
    }
    html.push_str("</header>\n");

    html.push_str("<main id=\"text\">\n<div class=\"player\">\n<audio id=\"audio\" controls preload=\"metadata\">\n");
    let mut names: Vec<(usize, &String, &'static str)> = view
        .audio
        .iter()
        .filter_map(|name| {
            let extension = name.rsplit('.').next()?;
            let format = Format::by_extension(extension)?;
            // Browsers take the first source they can play: the small, widely played ones first.
            let order = ["mp3", "opus", "m4b", "wav"]
                .iter()
                .position(|f| *f == format.name)
                .unwrap_or(9);
            Some((order, name, format.mime))
        })
        .collect();
    names.sort();
    for (_, name, mime) in &names {
        html.push_str(&format!(
            "<source src=\"{}\" type=\"{mime}\">\n",
            escape(&percent_path(name))
        ));
    }
    html.push_str(&format!(
        "<p>Your browser cannot play this audio; <a href=\"{}\">download it</a>.</p>\n</audio>\n",
        names
            .first()
            .map(|(_, n, _)| escape(&percent_path(n)))
            .unwrap_or_default()
    ));
    html.push_str("<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>\n</div>\n");
    html.push_str(KEYS);

    if let Some(ChapterPages {
        pages,
        index,
        whole,
    }) = &view.pages
    {
        html.push_str("<nav class=\"chapters\" aria-labelledby=\"chapters-heading\">\n<h2 id=\"chapters-heading\">Chapters</h2>\n<ol>\n");
        for (k, (file, name)) in pages.iter().enumerate() {
            let rel = match k {
                _ if k + 1 == *index => " rel=\"prev\"",
                _ if k == index + 1 => " rel=\"next\"",
                _ => "",
            };
            let current = if k == *index {
                " aria-current=\"page\""
            } else {
                ""
            };
            html.push_str(&format!(
                "<li><a href=\"{}\"{rel}{current}>{}</a></li>\n",
                escape(&percent_path(file)),
                escape(name)
            ));
        }
        html.push_str(&format!(
            "</ol>\n<p><a href=\"{}\">The whole edition</a></p>\n</nav>\n",
            escape(whole)
        ));
    } else if timeline.chapters.len() > 1 {
        html.push_str("<nav class=\"chapters\" aria-labelledby=\"chapters-heading\">\n<h2 id=\"chapters-heading\">Chapters</h2>\n<ol>\n");
        for chapter in &timeline.chapters {
            let start = timeline.seconds(chapter.start_sample);
            html.push_str(&format!(
                "<li><button type=\"button\" data-chapter=\"{start:.3}\">{}</button> ({})</li>\n",
                escape(&chapter.title),
                clock(start)
            ));
        }
        html.push_str("</ol>\n</nav>\n");
    }

    let by_sentence = heard_by_sentence(script, timeline);
    // Where each sentence is heard, and whether a paragraph ends after it.
    let mut spans = vec![None; script.sentences.len()];
    let mut ends_paragraph = vec![false; script.sentences.len()];
    for chunk in &script.chunks {
        if let Some(t) = timeline.chunks.get(chunk.index) {
            let span: &mut Option<(u64, u64)> = &mut spans[chunk.sentence];
            *span = Some(span.map_or((t.start_sample, t.end_sample), |(s, _)| (s, t.end_sample)));
        }
        ends_paragraph[chunk.sentence] = chunk.boundary >= Boundary::Paragraph;
    }
    let mut open_paragraph = false;
    let mut article = usize::MAX;
    for (index, sentence) in script.sentences.iter().enumerate() {
        let Some((start, _)) = spans[index].filter(|(s, _)| (view.from..view.to).contains(s))
        else {
            continue;
        };
        let chapter = script.chapters.get(sentence.chapter);
        if chapter.is_some_and(|c| c.article != article) {
            if open_paragraph {
                html.push_str("</p>\n");
                open_paragraph = false;
            }
            if article != usize::MAX {
                html.push_str("</article>\n");
            }
            article = chapter.map_or(0, |c| c.article);
            html.push_str("<article>\n");
        }
        let text = sentence_html(&sentence.written, &by_sentence[index], offset);
        let start = timeline.seconds(start) - offset;
        let marked =
            format!("<span class=\"s\" tabindex=\"0\" data-start=\"{start:.3}\">{text}</span>");
        if sentence.heading {
            if open_paragraph {
                html.push_str("</p>\n");
                open_paragraph = false;
            }
            let level = match chapter.map(|c| c.kind) {
                Some(ChapterKind::Section) => 3,
                _ => 2,
            };
            html.push_str(&format!("<h{level}>{marked}</h{level}>\n"));
            continue;
        }
        if !open_paragraph {
            html.push_str("<p>");
            open_paragraph = true;
        } else {
            html.push(' ');
        }
        html.push_str(&marked);
        if ends_paragraph[index] {
            html.push_str("</p>\n");
            open_paragraph = false;
        }
    }
    if open_paragraph {
        html.push_str("</p>\n");
    }
    if article != usize::MAX {
        html.push_str("</article>\n");
    }
    html.push_str(&format!(
        "</main>\n<footer>\n<p>Read aloud by voxpress. {}</p>\n</footer>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        if by_sentence.iter().flatten().all(|w| w.timed) {
            "Words are marked as the voice says them."
        } else {
            "Words this voice did not time are marked by their length."
        }
    ));
    html
}

const KEYS: &str = "<details class=\"keys\">\n<summary>Keys</summary>\n<dl>\n\
<dt>Space</dt><dd>play or pause</dd>\n\
<dt>Right arrow, left arrow</dt><dd>next or previous sentence</dd>\n\
<dt>] and [</dt><dd>next or previous chapter</dd>\n\
<dt>+ and -</dt><dd>faster or slower, by a quarter</dd>\n\
<dt>Enter on a sentence, or a click</dt><dd>play from there</dd>\n\
</dl>\n</details>\n";

/// A sentence's written text with each timed unit in a word span carrying its start.
fn sentence_html(written: &str, units: &[HeardWord], offset: f64) -> String {
    let mut out = String::new();
    let mut at = 0;
    for unit in units {
        let (start, end) = (unit.written.start, unit.written.end);
        if start < at
            || end > written.len()
            || !written.is_char_boundary(start)
            || !written.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&escape(&written[at..start]));
        out.push_str(&format!(
            "<span class=\"w\" data-start=\"{:.3}\">{}</span>",
            (unit.start - offset).max(0.0),
            escape(&written[start..end])
        ));
        at = end;
    }
    out.push_str(&escape(&written[at..]));
    out
}

/// A file name as a relative URL: spaces and other unsafe bytes percent-encoded.
fn percent_path(name: &str) -> String {
    name.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_names_are_escaped() {
        assert_eq!(
            escape("<b>\"Tom & Jerry's\"</b>"),
            "&lt;b&gt;&quot;Tom &amp; Jerry&#39;s&quot;&lt;/b&gt;"
        );
        assert_eq!(percent_path("my edition #2.mp3"), "my%20edition%20%232.mp3");
    }
}
