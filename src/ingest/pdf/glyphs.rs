//! The one file that talks to PDFium: a PDF's pages as the characters drawn on them, each with
//! its box (in points, measured from the page's top left), font size, weight and slant, in the
//! order the file draws them. PDFium is loaded once per process from the library setup installed
//! ([`library`]); its calls are made one document at a time.

use super::rect::Rect;
use pdfium_render::prelude::*;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// One character on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub c: char,
    pub rect: Rect,
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
    /// PDFium made it up (a space between words, a line break): not drawn.
    pub generated: bool,
}

/// One page's characters in drawing order.
#[derive(Debug, Clone, Default)]
pub struct PageGlyphs {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
}

/// What the file holds: its pages and its own title.
#[derive(Debug, Default)]
pub struct PdfText {
    pub pages: Vec<PageGlyphs>,
    pub title: Option<String>,
    pub author: Option<String>,
}

/// Why a PDF could not be read: the library is missing, or the file is not a PDF it can open.
#[derive(Debug)]
pub enum ReadFailure {
    Library(String),
    Encrypted,
    Broken(String),
}

/// The PDFium library file: `$PDFIUM_DYLIB_PATH`, else `vendor/pdfium/libpdfium.so` in the
/// checkout, else `runtime/libpdfium.so` in `$VOXPRESS_HOME` or the data folder.
pub fn library() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PDFIUM_DYLIB_PATH") {
        return Some(PathBuf::from(path));
    }
    crate::synth::locate::locations()
        .into_iter()
        .map(|l| match l.place {
            crate::synth::locate::Place::Checkout => l.root.join("vendor/pdfium/libpdfium.so"),
            _ => l.runtime.join("libpdfium.so"),
        })
        .find(|p| p.is_file())
}

/// The PDFium library found and loaded, or why not.
pub fn check() -> Result<PathBuf, String> {
    pdfium().map_err(|e| match e {
        ReadFailure::Library(why) => why,
        _ => "PDFium could not be loaded".into(),
    })?;
    library().ok_or_else(|| "PDFium is not installed".into())
}

/// PDFium, bound once; the mutex keeps to one document at a time (PDFium is not thread-safe).
fn pdfium() -> Result<&'static Mutex<Pdfium>, ReadFailure> {
    static PDFIUM: OnceLock<Result<Mutex<Pdfium>, String>> = OnceLock::new();
    PDFIUM
        .get_or_init(|| {
            let path = library().ok_or_else(|| "PDFium is not installed".to_string())?;
            let bindings = Pdfium::bind_to_library(&path)
                .map_err(|e| format!("PDFium could not be loaded from {} ({e})", path.display()))?;
            Ok(Mutex::new(Pdfium::new(bindings)))
        })
        .as_ref()
        .map_err(|e| ReadFailure::Library(e.clone()))
}

/// Reads every page's characters of the PDF `bytes`.
pub fn read(bytes: &[u8]) -> Result<PdfText, ReadFailure> {
    let lock = pdfium()?;
    let pdfium = lock.lock().unwrap_or_else(|e| e.into_inner());
    let document = pdfium
        .load_pdf_from_byte_slice(bytes, None)
        .map_err(|e| match e {
            PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::PasswordError) => {
                ReadFailure::Encrypted
            }
            PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::FormatError) => {
                ReadFailure::Broken("its structure is broken".into())
            }
            PdfiumError::PdfiumLibraryInternalError(PdfiumInternalError::SecurityError) => {
                ReadFailure::Broken("it uses a security handler PDFium does not support".into())
            }
            other => ReadFailure::Broken(
                format!("{other:?}")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        })?;
    let meta = |tag| {
        document
            .metadata()
            .get(tag)
            .map(|t| t.value().trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let mut text = PdfText {
        pages: Vec::new(),
        title: meta(PdfDocumentMetadataTagType::Title),
        author: meta(PdfDocumentMetadataTagType::Author),
    };
    for page in document.pages().iter() {
        text.pages.push(page_glyphs(&page));
    }
    Ok(text)
}

/// One page's characters; a page PDFium cannot read text from is an empty page.
fn page_glyphs(page: &PdfPage) -> PageGlyphs {
    let height = page.height().value;
    let mut out = PageGlyphs {
        width: page.width().value,
        height,
        glyphs: Vec::new(),
    };
    let Ok(text) = page.text() else {
        return out;
    };
    // Font facts asked once per text object, not once per character.
    let mut last_font: Option<(String, bool, bool)> = None;
    for ch in text.chars().iter() {
        let Some(c) = ch.unicode_char() else { continue };
        let generated = ch.is_generated().unwrap_or(false);
        let Ok(bounds) = ch.loose_bounds() else {
            continue;
        };
        // Text wholly off the page is never seen.
        if bounds.top().value < 0.0 || bounds.bottom().value > height {
            continue;
        }
        let name = ch.font_name();
        let (bold, italic) = match &last_font {
            Some((n, b, i)) if *n == name => (*b, *i),
            _ => {
                let lower = name.to_ascii_lowercase();
                let bold = lower.contains("bold")
                    || lower.contains("black")
                    || lower.contains("heavy")
                    || ch.font_weight().is_some_and(|w| weight_number(w) >= 600);
                let italic =
                    lower.contains("italic") || lower.contains("oblique") || ch.font_is_italic();
                last_font = Some((name, bold, italic));
                (bold, italic)
            }
        };
        out.glyphs.push(Glyph {
            c,
            rect: Rect {
                left: bounds.left().value,
                right: bounds.right().value,
                top: height - bounds.top().value,
                bottom: height - bounds.bottom().value,
            },
            size: ch.scaled_font_size().value,
            bold,
            italic,
            generated,
        });
    }
    out
}

fn weight_number(weight: PdfFontWeight) -> u32 {
    match weight {
        PdfFontWeight::Weight100 => 100,
        PdfFontWeight::Weight200 => 200,
        PdfFontWeight::Weight300 => 300,
        PdfFontWeight::Weight400Normal => 400,
        PdfFontWeight::Weight500 => 500,
        PdfFontWeight::Weight600 => 600,
        PdfFontWeight::Weight700Bold => 700,
        PdfFontWeight::Weight800 => 800,
        PdfFontWeight::Weight900 => 900,
        PdfFontWeight::Custom(n) => n,
    }
}
