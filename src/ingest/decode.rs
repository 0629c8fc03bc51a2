//! Turns raw bytes into text before parsing: not empty, not binary, in a known encoding.
//!
//! - A byte order mark chooses the encoding: UTF-8 (the mark is dropped), UTF-16 little- or
//!   big-endian. Without one, text is UTF-8 unless the user names another ([`Encoding`]).
//! - Text that is not UTF-8 is refused with the line and column of the first bad byte and, when
//!   its bytes look like Windows-1252 or Latin-1 (the usual suspects), the encoding to name with
//!   `--encoding` or to convert from.
//! - Only what really is binary is refused: a file that starts like a zip, an executable or an
//!   image, or whose first 64 KiB are more than a tenth control bytes. Text that is mostly text is
//!   text: stray control characters (a NUL, a BEL, terminal colour codes) are replaced by spaces,
//!   once noted; tab, newline, carriage return and form feed (a page break) are kept, and Word's
//!   vertical tab (its line break) becomes a newline. Every replacement keeps the byte length, so
//!   spans still point at the file's own bytes; so does `\r\n`, read as ` \n`.

use super::IngestError;

/// A text encoding a user can name with `--encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-16 little-endian (big-endian needs its byte order mark).
    Utf16,
    Latin1,
    Windows1252,
}

impl std::str::FromStr for Encoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Encoding, String> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "utf-16" | "utf16" | "utf-16le" => Ok(Encoding::Utf16),
            "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" => Ok(Encoding::Latin1),
            "windows-1252" | "cp1252" | "win-1252" => Ok(Encoding::Windows1252),
            other => Err(format!(
                "unknown encoding '{other}'; use utf-8, utf-16, latin-1 or windows-1252"
            )),
        }
    }
}

/// The text of a file, and what the user should be told about how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub notices: Vec<String>,
}

/// Turns the bytes of `path` into text, or says why they are not an article.
pub fn decode(
    path: &str,
    bytes: &[u8],
    encoding: Option<Encoding>,
) -> Result<Decoded, IngestError> {
    let text = match (bom(bytes), encoding) {
        (Some((Encoding::Utf16, big_endian, skip)), _) => utf16(path, &bytes[skip..], big_endian)?,
        (Some((_, _, skip)), _) => utf8(path, &bytes[skip..])?,
        (None, Some(Encoding::Utf16)) => utf16(path, bytes, false)?,
        (None, Some(Encoding::Latin1)) => bytes.iter().map(|&b| char::from(b)).collect(),
        (None, Some(Encoding::Windows1252)) => bytes.iter().map(|&b| windows_1252(b)).collect(),
        (None, Some(Encoding::Utf8) | None) => utf8(path, bytes)?,
    };
    if text.chars().all(char::is_whitespace) {
        return Err(IngestError::Empty {
            path: path.to_string(),
        });
    }
    let (text, dropped) = clean_controls(&text);
    let notices = dropped
        .map(|d| {
            format!(
                "note: {path}: {} control character{} (first on line {}) not read; they are not text",
                d.count,
                if d.count == 1 { "" } else { "s" },
                d.first_line
            )
        })
        .into_iter()
        .collect();
    Ok(Decoded { text, notices })
}

/// The encoding a byte order mark at the start names, whether it is big-endian, and its length.
fn bom(bytes: &[u8]) -> Option<(Encoding, bool, usize)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        Some((Encoding::Utf8, false, 3))
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some((Encoding::Utf16, false, 2))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some((Encoding::Utf16, true, 2))
    } else {
        None
    }
}

fn utf8(path: &str, bytes: &[u8]) -> Result<String, IngestError> {
    if looks_binary(bytes) {
        return Err(binary(path, bytes));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            Err(IngestError::NotUtf8 {
                path: path.to_string(),
                line,
                column,
                hint: likely_encoding(bytes).map_or_else(
                    || "re-save it as UTF-8".to_string(),
                    |(name, iconv)| {
                        format!(
                            "it looks like {name}: pass --encoding {iconv}, or convert it with \
                             `iconv -f {iconv} -t UTF-8 {path} > {path}.utf8`"
                        )
                    },
                ),
            })
        }
    }
}

fn utf16(path: &str, bytes: &[u8], big_endian: bool) -> Result<String, IngestError> {
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut line = 1;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                line += usize::from(c == '\n');
                text.push(c);
            }
            Err(_) => {
                return Err(IngestError::NotUtf16 {
                    path: path.to_string(),
                    line,
                })
            }
        }
    }
    Ok(text)
}

/// Windows-1252 is Latin-1 but for 0x80..=0x9F, where it has printable characters.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Names the 8-bit encoding that `bytes` (not UTF-8) most likely are in, with its iconv name:
/// every byte over 0x7F that is not part of a UTF-8 sequence reads as a letter or punctuation.
fn likely_encoding(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let high: Vec<u8> = bytes.iter().copied().filter(|&b| b >= 0x80).collect();
    if high.is_empty() {
        return None;
    }
    if high.iter().any(|b| (0x80..=0x9f).contains(b)) {
        let printable = high.iter().all(|&b| !windows_1252(b).is_control());
        printable.then_some(("Windows-1252 text", "WINDOWS-1252"))
    } else {
        Some(("Latin-1 (ISO-8859-1) or Windows-1252 text", "WINDOWS-1252"))
    }
}

/// Known binary openings, or more than a tenth control bytes in the first 64 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    const MAGIC: &[&[u8]] = &[
        b"PK\x03\x04",
        b"\x7fELF",
        b"\x89PNG",
        b"\xff\xd8\xff",
        b"GIF8",
        b"%PDF-",
        b"\x1f\x8b",
        b"OggS",
        b"fLaC",
    ];
    if MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return true;
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let controls = head.iter().filter(|&&b| is_dropped_control(b)).count();
    controls * 10 > head.len()
}

fn binary(path: &str, bytes: &[u8]) -> IngestError {
    if bytes.starts_with(b"%PDF-") {
        return IngestError::Unsupported {
            path: path.to_string(),
            format: "pdf".into(),
        };
    }
    IngestError::Binary {
        path: path.to_string(),
    }
}

/// C0 control bytes that are not text: all but tab, newline, vertical tab, form feed and
/// carriage return; and DEL.
fn is_dropped_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r')) || b == 0x7f
}

/// How many control characters were replaced, and the line of the first.
struct Dropped {
    count: usize,
    first_line: usize,
}

/// Replaces control characters (and whole terminal escape sequences such as `ESC[31m`) by spaces
/// of the same byte length, a vertical tab or lone carriage return by a newline, and `\r\n` by
/// ` \n`. C1 controls (U+0080..U+009F) count as control characters too.
fn clean_controls(text: &str) -> (String, Option<Dropped>) {
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut first_line = None;
    let mut line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                line += 1;
                out.push('\n');
            }
            '\r' if chars.peek() == Some(&'\n') => out.push(' '),
            '\r' | '\u{0b}' => {
                line += 1;
                out.push('\n');
            }
            '\t' | '\u{0c}' => out.push(c),
            '\u{1b}' => {
                count += 1;
                first_line.get_or_insert(line);
                out.push(' ');
                // A CSI sequence: ESC [ parameters... final byte in @..~.
                if chars.peek() == Some(&'[') {
                    chars.next();
                    out.push(' ');
                    while let Some(&p) = chars.peek() {
                        if !p.is_ascii() || p.is_ascii_control() {
                            break;
                        }
                        chars.next();
                        out.push(' ');
                        if ('@'..='~').contains(&p) {
                            break;
                        }
                    }
                }
            }
            c if c.is_control() => {
                count += 1;
                first_line.get_or_insert(line);
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
            c => out.push(c),
        }
    }
    let dropped = first_line.map(|first_line| Dropped { count, first_line });
    (out, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        decode("a.txt", bytes, None).unwrap().text
    }

    #[test]
    fn a_latin1_byte_is_reported_with_its_line_column_and_likely_encoding() {
        let err = decode("a.txt", b"first line\nna\xefve\n", None).unwrap_err();
        assert!(
            matches!(
                err,
                IngestError::NotUtf8 {
                    line: 2,
                    column: 3,
                    ..
                }
            ),
            "{err}"
        );
        let message = err.to_string();
        assert!(message.contains("--encoding WINDOWS-1252"), "{message}");
        assert!(message.contains("iconv -f WINDOWS-1252"), "{message}");
    }

    #[test]
    fn a_named_8_bit_encoding_is_decoded() {
        let latin = decode("a.txt", b"na\xefve", Some(Encoding::Latin1)).unwrap();
        assert_eq!(latin.text, "naïve");
        let windows = decode("a.txt", b"\x93quoted\x94", Some(Encoding::Windows1252)).unwrap();
        assert_eq!(windows.text, "\u{201c}quoted\u{201d}");
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded_either_way_round() {
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Hi é".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("Hi é".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(text(&le), "Hi é");
        assert_eq!(text(&be), "Hi é");
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert!(matches!(
            decode("a.txt", b" \n\t\n", None),
            Err(IngestError::Empty { .. })
        ));
    }

    #[test]
    fn a_zip_or_mostly_control_bytes_mean_binary() {
        assert!(matches!(
            decode("a.bin", b"PK\x03\x04\x00\x00", None),
            Err(IngestError::Binary { .. })
        ));
        assert!(matches!(
            decode("a.bin", b"ab\x00\x01\x02\x03\x00\x00\x00\x05", None),
            Err(IngestError::Binary { .. })
        ));
        assert!(matches!(
            decode("a.txt", b"%PDF-1.7\n", None),
            Err(IngestError::Unsupported { .. })
        ));
    }

    #[test]
    fn stray_controls_become_spaces_of_the_same_length_and_are_noted_once() {
        let source = "Title\n\nA \x1b[1;31mred\x1b[0m word\x07 and a\x00 NUL.\x0cNext page.\n";
        let decoded = decode("a.txt", source.as_bytes(), None).unwrap();
        assert_eq!(decoded.text.len(), source.len());
        assert_eq!(
            decoded.text.split_whitespace().collect::<Vec<_>>(),
            ["Title", "A", "red", "word", "and", "a", "NUL.", "Next", "page."]
        );
        assert!(decoded.text.contains('\x0c'), "a form feed is kept");
        assert_eq!(decoded.notices.len(), 1, "{:?}", decoded.notices);
        assert!(decoded.notices[0].contains("4 control characters (first on line 3)"));
    }

    #[test]
    fn a_byte_order_mark_crlf_and_word_line_breaks_are_read() {
        assert_eq!(
            text(b"\xEF\xBB\xBFHi\r\nthere\rnow\x0bthen"),
            "Hi \nthere\nnow\nthen"
        );
    }
}
