//! MP4 audio (M4B, M4A: AAC) read back through FFmpeg's own libraries, with the chapters the file
//! carries (a QuickTime chapter track or a Nero `chpl` atom, as FFmpeg reads them): for playing
//! finished audiobooks. Behind the `m4b` feature, like the writer.

use ffmpeg::format::sample::Type as SampleType;
use ffmpeg::format::Sample;
use ffmpeg_next as ffmpeg;
use std::path::Path;

/// A file decoded to mono: its rate, its samples, and its chapters (start in seconds, title).
pub struct Decoded {
    pub sample_rate: u32,
    pub samples: Vec<f32>,
    pub chapters: Vec<(f64, String)>,
}

/// Decodes the best audio stream of `path` to mono.
pub fn decode(path: &Path) -> Result<Decoded, String> {
    let text = |e: ffmpeg::Error| e.to_string();
    ffmpeg::init().map_err(text)?;
    let mut input = ffmpeg::format::input(&path).map_err(text)?;
    let mut chapters: Vec<(f64, String)> = input
        .chapters()
        .map(|c| {
            let start = c.start() as f64 * f64::from(c.time_base());
            let title = c.metadata().get("title").unwrap_or_default().to_string();
            (start, title)
        })
        .collect();
    chapters.sort_by(|a, b| a.0.total_cmp(&b.0));
    let stream = input
        .streams()
        .best(ffmpeg::media::Type::Audio)
        .ok_or("it has no audio stream")?;
    let index = stream.index();
    let context =
        ffmpeg::codec::context::Context::from_parameters(stream.parameters()).map_err(text)?;
    let mut decoder = context.decoder().audio().map_err(text)?;
    let mut samples = Vec::new();
    let mut frame = ffmpeg::frame::Audio::empty();
    let mut sample_rate = decoder.rate();
    for (stream, packet) in input.packets() {
        if stream.index() != index {
            continue;
        }
        decoder.send_packet(&packet).map_err(text)?;
        while decoder.receive_frame(&mut frame).is_ok() {
            sample_rate = frame.rate();
            downmix(&frame, &mut samples)?;
        }
    }
    decoder.send_eof().map_err(text)?;
    while decoder.receive_frame(&mut frame).is_ok() {
        downmix(&frame, &mut samples)?;
    }
    if sample_rate == 0 || samples.is_empty() {
        return Err("it decodes to no audio".into());
    }
    Ok(Decoded {
        sample_rate,
        samples,
        chapters,
    })
}

/// Appends the frame's channels averaged.
fn downmix(frame: &ffmpeg::frame::Audio, out: &mut Vec<f32>) -> Result<(), String> {
    let channels = usize::from(frame.channels()).max(1);
    let n = frame.samples();
    match frame.format() {
        Sample::F32(SampleType::Planar) => {
            let planes: Vec<&[f32]> = (0..channels).map(|c| frame.plane::<f32>(c)).collect();
            out.extend((0..n).map(|i| planes.iter().map(|p| p[i]).sum::<f32>() / channels as f32));
        }
        Sample::F32(SampleType::Packed) => {
            let data = frame.plane::<f32>(0);
            out.extend(
                data.chunks(channels)
                    .take(n)
                    .map(|f| f.iter().sum::<f32>() / channels as f32),
            );
        }
        Sample::I16(SampleType::Planar) => {
            let planes: Vec<&[i16]> = (0..channels).map(|c| frame.plane::<i16>(c)).collect();
            out.extend((0..n).map(|i| {
                planes.iter().map(|p| f32::from(p[i])).sum::<f32>() / (32768.0 * channels as f32)
            }));
        }
        Sample::I16(SampleType::Packed) => {
            let data = frame.plane::<i16>(0);
            out.extend(data.chunks(channels).take(n).map(|f| {
                f.iter().map(|&s| f32::from(s)).sum::<f32>() / (32768.0 * channels as f32)
            }));
        }
        other => {
            return Err(format!(
                "its samples are in a format we do not read ({other:?})"
            ))
        }
    }
    Ok(())
}
