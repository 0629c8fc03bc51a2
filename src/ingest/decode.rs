//! Checks raw bytes before parsing: not empty, not binary, valid UTF-8 (a BOM is dropped).

use super::IngestError;

/// Turns the bytes of `path` into text, or says why they are not an article.
pub fn decode(path: &str, bytes: &[u8]) -> Result<String, IngestError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty {
            path: path.to_string(),
        });
    }
    if looks_binary(bytes) {
        return Err(IngestError::Binary {
            path: path.to_string(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.replace("\r\n", "\n").replace('\r', "\n")),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            Err(IngestError::NotUtf8 {
                path: path.to_string(),
                line,
                column,
            })
        }
    }
}

/// A NUL byte, or many control characters in the first 8 KiB, mean this is not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latin1_byte_is_reported_with_its_line_and_column() {
        let err = decode("a.txt", b"first line\nna\xefve\n").unwrap_err();
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
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert!(matches!(
            decode("a.txt", b" \n\t\n"),
            Err(IngestError::Empty { .. })
        ));
    }

    #[test]
    fn a_nul_byte_means_binary() {
        assert!(matches!(
            decode("a.bin", b"PK\x03\x04\x00\x00"),
            Err(IngestError::Binary { .. })
        ));
    }

    #[test]
    fn a_byte_order_mark_and_crlf_are_dropped() {
        assert_eq!(
            decode("a.txt", b"\xEF\xBB\xBFHi\r\nthere").unwrap(),
            "Hi\nthere"
        );
    }
}
