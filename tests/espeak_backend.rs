//! The embedded espeak-ng engine, run for real.

use voxpress::synth::open_voice;

fn rms(samples: &[f32]) -> f64 {
    (samples
        .iter()
        .map(|&s| f64::from(s) * f64::from(s))
        .sum::<f64>()
        / samples.len().max(1) as f64)
        .sqrt()
}

#[test]
fn espeak_speaks_a_sentence_as_audible_speech_of_a_plausible_length() {
    let voice = open_voice("espeak", Default::default()).unwrap();
    assert_eq!(voice.sample_rate(), 22_050);
    let clip = voice
        .clip("The sanctions were announced in Accra, Ghana.")
        .unwrap();
    let seconds = clip.duration_secs();
    // Seven words at 165 words a minute is about 2.5 s.
    assert!((1.5..4.5).contains(&seconds), "{seconds} s");
    assert!(
        rms(&clip.samples) > 0.02,
        "too quiet: {}",
        rms(&clip.samples)
    );
    assert!(clip.samples.iter().all(|s| (-1.0..=1.0).contains(s)));
}

#[test]
fn espeak_reads_the_same_text_at_the_same_length_and_longer_text_takes_longer() {
    let voice = open_voice("espeak", Default::default()).unwrap();
    let short = voice.synthesize("Mali is a landlocked country.").unwrap();
    let again = voice.synthesize("Mali is a landlocked country.").unwrap();
    // espeak-ng carries its glottal phase from one call to the next, so samples differ slightly.
    let drift = (short.len() as f64 - again.len() as f64).abs() / short.len() as f64;
    assert!(drift < 0.01, "{} vs {}", short.len(), again.len());
    let long = voice.synthesize("Mali is a landlocked country whose largest export is gold, and most of its people live in the south.").unwrap();
    assert!(
        long.len() > short.len() * 2,
        "{} vs {}",
        long.len(),
        short.len()
    );
}

#[test]
fn espeak_voices_for_two_accents_sound_different() {
    let us = open_voice("espeak", Default::default())
        .unwrap()
        .synthesize("Tomato and water.")
        .unwrap();
    let gb = open_voice("espeak-gb", Default::default())
        .unwrap()
        .synthesize("Tomato and water.")
        .unwrap();
    assert_ne!(us, gb);
    assert_ne!(
        open_voice("espeak", Default::default())
            .unwrap()
            .fingerprint(),
        open_voice("espeak-gb", Default::default())
            .unwrap()
            .fingerprint()
    );
}

#[test]
fn espeak_spells_dotted_initialisms_letter_by_letter() {
    let voice = voxpress::synth::espeak::Espeak::open("espeak", "en-us", 165).unwrap();
    let unstressed = |s: String| s.replace(['ˈ', 'ˌ'], "");
    let afp = unstressed(voice.phonemes("A.F.P.", true).unwrap());
    assert!(afp.contains("eɪɛfpiː"), "{afp}");
    let eu = unstressed(voice.phonemes("the E.U. has", true).unwrap());
    assert!(eu.contains("iː") && eu.contains("juː"), "{eu}");
}
