"""The floor under any Piper build: the reference's own model calls alone.

Loads a voice with the piper-tts package (the same ONNX Runtime session the reference CLI makes),
phonemizes every line of a text first, untimed, and then times only the model runs, one sentence
at a time as the reference does. Nothing else is counted: no start-up, no model loading, no
phonemizing, no WAV writing. A build that runs the same model cannot be faster than this by more
than what running two sentences at once on two cores gains.

Usage: python model_floor.py MODEL.onnx TEXT.txt  ->  prints "SECONDS AUDIO_SECONDS"
"""

import sys
import time

from piper import PiperVoice

voice = PiperVoice.load(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as text:
    sentences = [
        voice.phonemes_to_ids(phonemes)
        for line in text
        if line.strip()
        for phonemes in voice.phonemize(line.strip())
        if phonemes
    ]
voice.phoneme_ids_to_audio(sentences[0])  # the first run sets up ONNX Runtime's buffers
start = time.perf_counter()
samples = sum(voice.phoneme_ids_to_audio(ids).size for ids in sentences)
print(f"{time.perf_counter() - start:.2f} {samples / voice.config.sample_rate:.1f}")
