//! A cheap check that a file is an ONNX model before any work is done with it: the file is walked
//! as the protocol-buffer message an ONNX `ModelProto` is (each top-level field's tag and length,
//! the large ones skipped by seeking, never read), and must end exactly where its last field
//! does and hold a graph. A text file, an HTML error page saved under the model's name or a
//! truncated download fails here, at open, instead of on the first chunk. It does not prove the
//! model will run; loading it does that, on first use.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// `ModelProto` field numbers that matter here.
const IR_VERSION: u64 = 1;
const GRAPH: u64 = 7;

/// Ok when `path` has the shape of an ONNX model; otherwise what is wrong with it.
pub fn check_model(path: &Path) -> Result<(), String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let len = file.metadata().map_err(|e| e.to_string())?.len();
    let mut reader = BufReader::new(file);
    let (mut has_graph, mut has_version) = (false, false);
    let mut at = 0u64;
    while at < len {
        let tag = varint(&mut reader, &mut at).ok_or("not an ONNX model (a field is cut short)")?;
        let (field, wire) = (tag >> 3, tag & 7);
        if field == 0 {
            return Err("not an ONNX model (field number 0)".into());
        }
        let skip = match wire {
            0 => {
                varint(&mut reader, &mut at).ok_or("not an ONNX model (a number is cut short)")?;
                0
            }
            1 => 8,
            2 => varint(&mut reader, &mut at).ok_or("not an ONNX model (a length is cut short)")?,
            5 => 4,
            _ => return Err(format!("not an ONNX model (wire type {wire})")),
        };
        has_version |= field == IR_VERSION && wire == 0;
        has_graph |= field == GRAPH && wire == 2;
        at = at
            .checked_add(skip)
            .filter(|&end| end <= len)
            .ok_or("the model file is truncated (a field runs past its end); install it again")?;
        reader
            .seek(SeekFrom::Start(at))
            .map_err(|e| e.to_string())?;
    }
    if !(has_graph && has_version) {
        return Err("not an ONNX model (no version or no graph)".into());
    }
    Ok(())
}

/// A base-128 varint, counting the bytes read into `at`.
fn varint(reader: &mut impl Read, at: &mut u64) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let mut byte = [0u8];
        reader.read_exact(&mut byte).ok()?;
        *at += 1;
        value |= u64::from(byte[0] & 0x7f) << shift;
        if byte[0] & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal message: ir_version 8, a 3-byte graph.
    const MODEL: &[u8] = &[0x08, 0x08, 0x3a, 0x03, 1, 2, 3];

    #[test]
    fn a_model_shaped_file_passes_and_text_or_a_truncated_one_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.onnx");
        std::fs::write(&path, MODEL).unwrap();
        assert_eq!(check_model(&path), Ok(()));
        std::fs::write(&path, &MODEL[..MODEL.len() - 1]).unwrap();
        assert!(check_model(&path).unwrap_err().contains("truncated"));
        std::fs::write(&path, b"<html>Not found</html>").unwrap();
        assert!(check_model(&path).is_err());
        std::fs::write(&path, b"").unwrap();
        assert!(check_model(&path).is_err());
    }
}
