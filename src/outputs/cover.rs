//! Cover art, checked by content: a JPEG (a start-of-frame marker gives its size) or a PNG (its
//! `IHDR`); anything else is refused, whatever the file is called.

use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum CoverError {
    #[error("{path}: cannot read the cover ({source})")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: the cover is not a JPEG or PNG image; give a .jpg or .png file")]
    NotAnImage { path: String },
}

/// A checked cover image.
#[derive(Clone, PartialEq)]
pub struct Cover {
    pub path: PathBuf,
    pub data: Vec<u8>,
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
}

impl std::fmt::Debug for Cover {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Cover({}, {}, {}x{}, {} bytes)",
            self.path.display(),
            self.mime,
            self.width,
            self.height,
            self.data.len()
        )
    }
}

impl Cover {
    pub fn load(path: &Path) -> Result<Cover, CoverError> {
        let data = std::fs::read(path).map_err(|source| CoverError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let (mime, (width, height)) = if let Some(size) = png_size(&data) {
            ("image/png", size)
        } else if let Some(size) = jpeg_size(&data) {
            ("image/jpeg", size)
        } else {
            return Err(CoverError::NotAnImage {
                path: path.display().to_string(),
            });
        };
        Ok(Cover {
            path: path.to_path_buf(),
            data,
            mime,
            width,
            height,
        })
    }
}

fn png_size(data: &[u8]) -> Option<(u32, u32)> {
    if data.len() < 24 || &data[..8] != b"\x89PNG\r\n\x1a\n" || &data[12..16] != b"IHDR" {
        return None;
    }
    let width = u32::from_be_bytes(data[16..20].try_into().ok()?);
    let height = u32::from_be_bytes(data[20..24].try_into().ok()?);
    (width > 0 && height > 0).then_some((width, height))
}

/// Walks a JPEG's marker segments to its first start-of-frame.
fn jpeg_size(data: &[u8]) -> Option<(u32, u32)> {
    if !data.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    while at + 4 <= data.len() {
        if data[at] != 0xFF {
            return None;
        }
        let marker = data[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([data[at + 2], data[at + 3]]));
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let body = data.get(at + 4..at + 2 + len)?;
            let height = u32::from(u16::from_be_bytes([*body.get(1)?, *body.get(2)?]));
            let width = u32::from(u16::from_be_bytes([*body.get(3)?, *body.get(4)?]));
            return (width > 0 && height > 0).then_some((width, height));
        }
        if len < 2 {
            return None;
        }
        at += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_header_gives_its_size() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&1400u32.to_be_bytes());
        png.extend_from_slice(&1400u32.to_be_bytes());
        assert_eq!(png_size(&png), Some((1400, 1400)));
    }

    #[test]
    fn a_jpeg_start_of_frame_gives_its_size() {
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 20, 0, 30, 1, 1, 0x11, 0,
        ];
        assert_eq!(jpeg_size(&jpeg), Some((30, 20)));
    }

    #[test]
    fn text_is_not_a_cover() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cover.jpg");
        std::fs::write(&path, "not an image").unwrap();
        assert!(matches!(
            Cover::load(&path),
            Err(CoverError::NotAnImage { .. })
        ));
    }
}
