//! A page's characters become lines of text: characters drawn one after another on the same
//! baseline, moving right, belong to one line; a step back or down starts another.
//! Words are parted where PDFium put a space or the gap between two characters is wider than a
//! fifth of the font size. Footnote markers (digits or `* † ‡ §` set small and raised above the
//! line) are left out of the text, and a line that opened with one is marked.

use super::glyphs::{Glyph, PageGlyphs};
use super::rect::Rect;

/// One line of text on a page, with its box in points from the page's top left.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub text: String,
    pub rect: Rect,
    /// The font size most of its letters have.
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    /// Its page, from 0.
    pub page: usize,
    /// It opened with a footnote marker (the note itself, at the foot of a page).
    pub marked: bool,
}

impl TextLine {
    pub fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// The lines of one page (`page` from 0), in drawing order.
pub fn lines(page: &PageGlyphs, index: usize) -> Vec<TextLine> {
    let mut out = Vec::new();
    let mut current: Vec<(Glyph, bool)> = Vec::new();
    let mut space = false;
    for glyph in &page.glyphs {
        // PDFium's line breaks are only word breaks here: it breaks around a raised footnote
        // marker too; where lines part is decided by place.
        if glyph.c.is_whitespace() || glyph.c.is_control() && glyph.c != '\u{2}' {
            space = !current.is_empty();
            continue;
        }
        if glyph.rect.right <= glyph.rect.left && glyph.generated {
            continue;
        }
        if let Some((last, _)) = current.last() {
            if starts_another_line(last, glyph) {
                flush(&mut current, index, &mut out);
                space = false;
            } else if glyph.rect.left - last.rect.right > 0.2 * glyph.size.max(last.size) {
                space = true;
            }
        }
        current.push((*glyph, space && !current.is_empty()));
        space = false;
    }
    flush(&mut current, index, &mut out);
    out
}

/// `next`, drawn after `last`, is on another line: below or above it, or back to the left of
/// where it starts (a ligature's second letter may start inside the first). Text drawn next on
/// the same row, however far right (a justified heading in a narrow column, a running head's
/// date and title), is the same line: columns are drawn one after another, not row by row.
fn starts_another_line(last: &Glyph, next: &Glyph) -> bool {
    let size = last.size.max(next.size).max(1.0);
    let overlap = last.rect.vertical_overlap(&next.rect);
    let least = last.rect.height().min(next.rect.height()).max(0.1);
    overlap < 0.3 * least || next.rect.left < last.rect.left - 0.25 * size
}

/// Ends the line being gathered: its size, baseline and text, without footnote markers.
fn flush(current: &mut Vec<(Glyph, bool)>, page: usize, out: &mut Vec<TextLine>) {
    if current.is_empty() {
        return;
    }
    let glyphs = std::mem::take(current);
    let mut sizes: Vec<f32> = glyphs
        .iter()
        .filter(|(g, _)| g.c.is_alphanumeric())
        .map(|(g, _)| g.size)
        .collect();
    if sizes.is_empty() {
        sizes = glyphs.iter().map(|(g, _)| g.size).collect();
    }
    sizes.sort_by(f32::total_cmp);
    let size = sizes[sizes.len() / 2];
    let mut baselines: Vec<f32> = glyphs
        .iter()
        .filter(|(g, _)| g.size >= 0.9 * size)
        .map(|(g, _)| g.rect.bottom)
        .collect();
    baselines.sort_by(f32::total_cmp);
    let baseline = baselines.get(baselines.len() / 2).copied().unwrap_or(0.0);
    let is_marker = |g: &Glyph| {
        (g.c.is_ascii_digit() || matches!(g.c, '*' | '\u{2020}' | '\u{2021}' | '\u{a7}'))
            && g.size < 0.9 * size
            && g.rect.bottom < baseline - 0.2 * size
    };
    let mut text = String::new();
    let mut kept: Vec<&Glyph> = Vec::new();
    let mut marked = false;
    for (glyph, space_before) in &glyphs {
        if is_marker(glyph) {
            marked |= kept.is_empty();
            continue;
        }
        if *space_before && !text.is_empty() && !text.ends_with(' ') {
            text.push(' ');
        }
        push_char(&mut text, glyph.c);
        kept.push(glyph);
    }
    let text = text.trim().to_string();
    let Some(rect) = kept.iter().map(|g| g.rect).reduce(Rect::union) else {
        return;
    };
    if text.is_empty() {
        return;
    }
    let share = |f: fn(&Glyph) -> bool| {
        let letters: Vec<_> = kept.iter().filter(|g| g.c.is_alphabetic()).collect();
        letters.iter().filter(|g| f(g)).count() * 2 > letters.len()
    };
    out.push(TextLine {
        text,
        rect,
        size,
        bold: share(|g| g.bold),
        italic: share(|g| g.italic),
        page,
        marked,
    });
}

/// Appends a character as text: ligatures spelled out, PDFium's end-of-line hyphen (U+0002) as
/// the hyphen it is drawn as (whether it stays is the reflow's call).
fn push_char(text: &mut String, c: char) {
    match c {
        '\u{fb00}' => text.push_str("ff"),
        '\u{fb01}' => text.push_str("fi"),
        '\u{fb02}' => text.push_str("fl"),
        '\u{fb03}' => text.push_str("ffi"),
        '\u{fb04}' => text.push_str("ffl"),
        '\u{fb05}' | '\u{fb06}' => text.push_str("st"),
        '\u{2}' => text.push('-'),
        _ => text.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(c: char, left: f32, top: f32, size: f32) -> Glyph {
        Glyph {
            c,
            rect: Rect {
                left,
                right: left + size * 0.5,
                top,
                bottom: top + size,
            },
            size,
            bold: false,
            italic: false,
            generated: false,
        }
    }

    fn word(text: &str, left: f32, top: f32, size: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(k, c)| glyph(c, left + k as f32 * size * 0.5, top, size))
            .collect()
    }

    #[test]
    fn a_raised_small_number_after_a_word_is_a_footnote_marker_and_is_not_read() {
        let mut glyphs = word("the", 10.0, 100.0, 10.0);
        glyphs.push(glyph('1', 25.0, 97.0, 6.0));
        glyphs.extend(word("first", 34.0, 100.0, 10.0));
        let page = PageGlyphs {
            width: 600.0,
            height: 800.0,
            glyphs,
        };
        let lines = lines(&page, 0);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "the first");
        assert!(!lines[0].marked);
    }

    #[test]
    fn text_drawn_next_far_to_the_right_on_the_same_baseline_is_the_same_line() {
        let mut glyphs = word("left", 10.0, 100.0, 10.0);
        glyphs.extend(word("right", 200.0, 100.0, 10.0));
        let page = PageGlyphs {
            width: 600.0,
            height: 800.0,
            glyphs,
        };
        let texts: Vec<String> = lines(&page, 0).into_iter().map(|l| l.text).collect();
        assert_eq!(texts, ["left right"]);
    }
}
