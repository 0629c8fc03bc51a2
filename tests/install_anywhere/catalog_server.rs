//! A small HTTP file server on 127.0.0.1 for the voice catalog tests: it serves a catalog and
//! voice files, honours `Range: bytes=N-`, logs every request, and can misbehave on purpose
//! (close a file's first response early, or stop sending in the middle of it). It stops when
//! dropped, and by itself after two minutes.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How a file is served wrongly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fault {
    /// The first response claims the whole file and closes after this many bytes.
    TruncateFirst(u64),
    /// Every response sends the file up to this byte, then nothing, holding the connection.
    StallAfter(u64),
}

/// One request served: its path and the first byte asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Served {
    pub path: String,
    pub from: u64,
}

pub struct CatalogServer {
    pub base: String,
    pub log: Arc<Mutex<Vec<Served>>>,
    stop: Arc<AtomicBool>,
}

struct Shared {
    files: BTreeMap<String, PathBuf>,
    faults: BTreeMap<String, Fault>,
    log: Arc<Mutex<Vec<Served>>>,
    stop: Arc<AtomicBool>,
}

impl CatalogServer {
    /// Serves `files` (URL path → file) with `faults` (URL path → fault).
    pub fn start(files: BTreeMap<String, PathBuf>, faults: BTreeMap<String, Fault>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let shared = Arc::new(Shared {
            files,
            faults,
            log: log.clone(),
            stop: stop.clone(),
        });
        std::thread::spawn(move || {
            let started = Instant::now();
            while !shared.stop.load(Ordering::Relaxed)
                && started.elapsed() < Duration::from_secs(120)
            {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let shared = shared.clone();
                        std::thread::spawn(move || {
                            let _ = serve(stream, &shared);
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        CatalogServer { base, log, stop }
    }

    pub fn requests(&self) -> Vec<Served> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for CatalogServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn serve(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut from = 0u64;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("range") {
                from = value
                    .trim()
                    .strip_prefix("bytes=")
                    .and_then(|v| v.strip_suffix('-'))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
            }
        }
    }
    let first = {
        let mut log = shared.log.lock().unwrap();
        let first = !log.iter().any(|s| s.path == path);
        log.push(Served {
            path: path.clone(),
            from,
        });
        first
    };
    let mut out = stream;
    let Some(file) = shared.files.get(&path) else {
        out.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")?;
        return Ok(());
    };
    let mut body = std::fs::File::open(file)?;
    let len = body.metadata()?.len();
    let from = if from < len { from } else { 0 };
    let head = if from > 0 {
        format!(
            "HTTP/1.1 206 Partial Content\r\nContent-Length: {}\r\nContent-Range: bytes {from}-{}/{len}\r\nConnection: close\r\n\r\n",
            len - from,
            len - 1
        )
    } else {
        format!("HTTP/1.1 200 OK\r\nContent-Length: {len}\r\nAccept-Ranges: bytes\r\nConnection: close\r\n\r\n")
    };
    out.write_all(head.as_bytes())?;
    body.seek(SeekFrom::Start(from))?;
    let limit = match shared.faults.get(&path) {
        Some(Fault::TruncateFirst(n)) if first => Some(*n),
        Some(Fault::StallAfter(n)) => Some(n.saturating_sub(from)),
        _ => None,
    };
    let mut left = limit.unwrap_or(u64::MAX);
    let mut block = vec![0; 256 * 1024];
    loop {
        let want = block.len().min(left as usize);
        let n = body.read(&mut block[..want])?;
        if n == 0 {
            break;
        }
        out.write_all(&block[..n])?;
        left -= n as u64;
    }
    out.flush()?;
    if let Some(Fault::StallAfter(_)) = shared.faults.get(&path) {
        // Hold the connection open, sending nothing, until the test is over.
        let started = Instant::now();
        while !shared.stop.load(Ordering::Relaxed) && started.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    Ok(())
}
