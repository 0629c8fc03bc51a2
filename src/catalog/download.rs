//! Fetching a catalog's files: over HTTP(S) with the ureq client, or copied from a folder, into
//! a hidden `.NAME.part` file that is resumed where it stopped (an HTTP `Range` request), checked
//! against the size and MD5 the catalog promises, and only then renamed to its real name.
//!
//! Invariants: a file appears under its real name only whole and with the promised checksum; a
//! part that turns out wrong is removed; a server that sends nothing for the stall time is
//! given up on (twice in a row ends the download, the part kept for the next try); nothing is
//! ever read into memory whole.

use super::format::CatalogFile;
use super::CatalogError;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Where a catalog, and so its files, are: a URL or a folder on this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Url(String),
    Folder(PathBuf),
}

impl Origin {
    /// `base` joined with the catalog-relative `path` (already checked to stay below it), shown
    /// to the user.
    pub fn join(&self, path: &str) -> Origin {
        match self {
            Origin::Url(base) => Origin::Url(format!("{}/{path}", base.trim_end_matches('/'))),
            Origin::Folder(dir) => Origin::Folder(dir.join(path)),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Origin::Url(url) => url.clone(),
            Origin::Folder(path) => path.display().to_string(),
        }
    }
}

/// How far one file has come.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    pub file: &'a str,
    pub done: u64,
    pub total: u64,
}

/// The HTTP client and its patience.
pub struct Fetcher {
    agent: ureq::Agent,
    /// How long a server may send nothing before the attempt is given up.
    pub stall: Duration,
}

/// Pauses between attempts: a short backoff, doubling.
const BACKOFF: Duration = Duration::from_millis(500);
/// Attempts in a row that bring no byte before the download is given up.
const FRUITLESS_ATTEMPTS: u32 = 2;
/// What is read at a time.
const BLOCK: usize = 64 * 1024;

impl Fetcher {
    pub fn new(stall: Duration) -> Fetcher {
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(stall))
            .timeout_recv_response(Some(stall))
            .user_agent(concat!("voxpress/", env!("CARGO_PKG_VERSION")))
            .http_status_as_error(false)
            .build()
            .new_agent();
        Fetcher { agent, stall }
    }

    /// The text at `origin` (a catalog), at most 64 MB.
    pub fn text(&self, origin: &Origin) -> Result<String, CatalogError> {
        match origin {
            Origin::Folder(path) => {
                std::fs::read_to_string(path).map_err(|e| CatalogError::Fetch {
                    from: path.display().to_string(),
                    why: e.to_string(),
                })
            }
            Origin::Url(url) => {
                let fail = |why: String| CatalogError::Fetch {
                    from: url.clone(),
                    why,
                };
                let mut response = self
                    .agent
                    .get(url)
                    .call()
                    .map_err(|e| fail(e.to_string()))?;
                let status = response.status();
                if !status.is_success() {
                    return Err(fail(format!("the server answered {status}")));
                }
                response
                    .body_mut()
                    .with_config()
                    .limit(64 << 20)
                    .read_to_string()
                    .map_err(|e| fail(e.to_string()))
            }
        }
    }

    /// Fetches `origin` into `dest`, which must come out as `promised`. An earlier attempt's
    /// part file is resumed.
    pub fn fetch(
        &self,
        origin: &Origin,
        dest: &Path,
        promised: &CatalogFile,
        on_progress: &mut dyn FnMut(Progress),
    ) -> Result<(), CatalogError> {
        let part = part_path(dest);
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
        }
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match origin {
            Origin::Folder(path) => {
                std::fs::copy(path, &part).map_err(|e| CatalogError::Fetch {
                    from: path.display().to_string(),
                    why: e.to_string(),
                })?;
            }
            Origin::Url(url) => self.download(url, &part, &name, promised, on_progress)?,
        }
        verify(&part, &name, promised)?;
        std::fs::rename(&part, dest).map_err(|e| write_error(dest, e))?;
        on_progress(Progress {
            file: &name,
            done: promised.size_bytes,
            total: promised.size_bytes,
        });
        Ok(())
    }

    fn download(
        &self,
        url: &str,
        part: &Path,
        name: &str,
        promised: &CatalogFile,
        on_progress: &mut dyn FnMut(Progress),
    ) -> Result<(), CatalogError> {
        let total = promised.size_bytes;
        let mut fruitless = 0;
        let mut pause = BACKOFF;
        loop {
            let have = std::fs::metadata(part).map_or(0, |m| m.len());
            if have > total {
                let _ = std::fs::remove_file(part);
                continue;
            }
            if have == total {
                return Ok(());
            }
            on_progress(Progress {
                file: name,
                done: have,
                total,
            });
            let outcome = self.attempt(url, part, have, name, total, on_progress)?;
            let now = std::fs::metadata(part).map_or(0, |m| m.len());
            if now == total {
                return Ok(());
            }
            if now > have {
                fruitless = 0;
                pause = BACKOFF;
            } else {
                fruitless += 1;
                if fruitless >= FRUITLESS_ATTEMPTS {
                    return Err(match outcome {
                        Attempt::Stalled => CatalogError::Stalled {
                            from: url.to_string(),
                            secs: self.stall.as_secs_f64(),
                        },
                        Attempt::Ended(why) => CatalogError::Fetch {
                            from: url.to_string(),
                            why,
                        },
                    });
                }
            }
            std::thread::sleep(pause);
            pause *= 2;
        }
    }

    /// One request for the bytes from `have` on, appended to `part`.
    fn attempt(
        &self,
        url: &str,
        part: &Path,
        have: u64,
        name: &str,
        total: u64,
        on_progress: &mut dyn FnMut(Progress),
    ) -> Result<Attempt, CatalogError> {
        let fail = |why: String| CatalogError::Fetch {
            from: url.to_string(),
            why,
        };
        let mut request = self.agent.get(url);
        if have > 0 {
            request = request.header("Range", format!("bytes={have}-"));
        }
        let response = match request.call() {
            Ok(response) => response,
            Err(e) => return Ok(Attempt::Ended(e.to_string())),
        };
        let status = response.status().as_u16();
        let resumed = match status {
            206 => {
                let start = response
                    .headers()
                    .get("content-range")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.strip_prefix("bytes "))
                    .and_then(|v| v.split('-').next())
                    .and_then(|v| v.parse::<u64>().ok());
                start == Some(have)
            }
            200 => false,
            416 => {
                // The part does not fit what the server has: start again.
                let _ = std::fs::remove_file(part);
                return Ok(Attempt::Ended("the server refused to resume".into()));
            }
            500..=599 | 429 | 408 => {
                return Ok(Attempt::Ended(format!("the server answered {status}")))
            }
            _ => return Err(fail(format!("the server answered {status}"))),
        };
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(resumed)
            .write(true)
            .truncate(!resumed)
            .open(part)
            .map_err(|e| write_error(part, e))?;
        let mut done = if resumed { have } else { 0 };
        // The body is read on a thread of its own so that a server that stops sending is noticed
        // after the stall time, whatever the socket does; an abandoned reader ends with its
        // connection.
        let (blocks, received) = mpsc::sync_channel::<std::io::Result<Vec<u8>>>(8);
        let mut reader = response.into_body().into_reader();
        std::thread::spawn(move || loop {
            let mut block = vec![0; BLOCK];
            match reader.read(&mut block) {
                Ok(n) => {
                    block.truncate(n);
                    if blocks.send(Ok(block)).is_err() || n == 0 {
                        return;
                    }
                }
                Err(e) => {
                    let _ = blocks.send(Err(e));
                    return;
                }
            }
        });
        loop {
            match received.recv_timeout(self.stall) {
                Ok(Ok(block)) if block.is_empty() => {
                    return Ok(Attempt::Ended(
                        "the server closed the connection early".into(),
                    ))
                }
                Ok(Ok(block)) => {
                    let room = total.saturating_sub(done) as usize;
                    let keep = &block[..block.len().min(room)];
                    file.write_all(keep).map_err(|e| write_error(part, e))?;
                    done += keep.len() as u64;
                    on_progress(Progress {
                        file: name,
                        done,
                        total,
                    });
                    if keep.len() < block.len() {
                        return Err(CatalogError::Size {
                            file: name.to_string(),
                            promised: total,
                            got: format!("more than {total}"),
                        });
                    }
                }
                Ok(Err(e)) => return Ok(Attempt::Ended(e.to_string())),
                Err(mpsc::RecvTimeoutError::Timeout) => return Ok(Attempt::Stalled),
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Ok(Attempt::Ended("the connection ended".into()))
                }
            }
        }
    }
}

/// How an attempt that did not fail outright ended.
enum Attempt {
    Stalled,
    Ended(String),
}

/// Where `dest` is downloaded to before it is whole: `.NAME.part` beside it.
pub fn part_path(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dest.with_file_name(format!(".{name}.part"))
}

/// Checks the part's size and MD5; a wrong part is removed.
fn verify(part: &Path, name: &str, promised: &CatalogFile) -> Result<(), CatalogError> {
    let size = std::fs::metadata(part).map_or(0, |m| m.len());
    if size != promised.size_bytes {
        let _ = std::fs::remove_file(part);
        return Err(CatalogError::Size {
            file: name.to_string(),
            promised: promised.size_bytes,
            got: size.to_string(),
        });
    }
    let got = md5_of(part).map_err(|e| write_error(part, e))?;
    if !got.eq_ignore_ascii_case(promised.md5_digest.trim()) {
        let _ = std::fs::remove_file(part);
        return Err(CatalogError::Checksum {
            file: name.to_string(),
            promised: promised.md5_digest.clone(),
            got,
        });
    }
    Ok(())
}

/// The MD5 of a file, in lower-case hex.
pub fn md5_of(path: &Path) -> std::io::Result<String> {
    crate::checksum::of_file::<md5::Md5>(path)
}

fn write_error(path: &Path, source: std::io::Error) -> CatalogError {
    CatalogError::Write {
        path: path.display().to_string(),
        source,
    }
}
