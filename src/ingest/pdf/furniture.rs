//! Running heads and feet: what a PDF prints in the top or bottom band of its pages that is not
//! the article. A line in a band (the top or bottom tenth of its page) is furniture when
//!
//! 1. its shape says so ([`debris::running_rest`]: a page number, "n/m", a date or time, a web
//!    address or file path, alone or beside the title), or
//! 2. it comes again in the same band of another page (digits aside), or
//! 3. it is the document's title set no larger than the body (the article's own headline is
//!    larger), or
//! 4. it shares its baseline with a line that is furniture (the title beside the date).
//!
//! So a two-page PDF (or a one-page one) loses its running head by shape, not only by repetition.

use super::lines::TextLine;
use crate::ingest::debris::{self, squeeze, without_digits};

/// The share of a page's height at its top and at its bottom where heads and feet are printed.
const BAND: f32 = 0.1;

/// Which side of the page a line is printed on, if in a band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Band {
    Head,
    Foot,
}

/// For each line, whether it is a running head or foot. `heights` are the pages' heights, `body`
/// the body text's size, `title` the document's own title.
pub fn running(lines: &[TextLine], heights: &[f32], body: f32, title: Option<&str>) -> Vec<bool> {
    let band = |l: &TextLine| {
        let height = heights.get(l.page).copied().unwrap_or(0.0);
        if l.rect.top < BAND * height {
            Some(Band::Head)
        } else if l.rect.bottom > (1.0 - BAND) * height {
            Some(Band::Foot)
        } else {
            None
        }
    };
    let bands: Vec<Option<Band>> = lines.iter().map(band).collect();
    let mut seen: std::collections::HashMap<(Band, String), Vec<usize>> = Default::default();
    for (line, band) in lines.iter().zip(&bands) {
        if let Some(band) = band {
            seen.entry((*band, without_digits(&line.text)))
                .or_default()
                .push(line.page);
        }
    }
    let title = title.map(squeeze);
    let mut furniture: Vec<bool> = lines
        .iter()
        .zip(&bands)
        .map(|(line, band)| {
            let Some(band) = band else { return false };
            let repeated = seen
                .get(&(*band, without_digits(&line.text)))
                .is_some_and(|pages| pages.iter().any(|&p| p != line.page));
            let rest = debris::running_rest(&line.text).map(|r| squeeze(&r));
            debris::is_page_number(&line.text)
                || rest
                    .as_ref()
                    .is_some_and(|r| r.is_empty() || Some(r) == title.as_ref())
                || (repeated && line.words() <= 15)
                || (line.size <= body * 1.05 && title.as_deref() == Some(&squeeze(&line.text)))
        })
        .collect();
    // Rule 4: the rest of a furniture line's row (band lines only, a few a page).
    let in_bands: Vec<usize> = (0..lines.len()).filter(|&k| bands[k].is_some()).collect();
    for &k in &in_bands {
        if !furniture[k] {
            continue;
        }
        let a = &lines[k];
        for &j in &in_bands {
            let b = &lines[j];
            if a.page == b.page
                && (a.rect.top - b.rect.top).abs() < 0.5 * a.rect.height().max(b.rect.height())
                && b.size <= body * 1.05
            {
                furniture[j] = true;
            }
        }
    }
    furniture
}
