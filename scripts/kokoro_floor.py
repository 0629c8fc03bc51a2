"""The floor under any Kokoro build: the model's own calls alone, as voxpress makes them.

Phonemizes every line of a text first, untimed, with the espeak-ng of the piper-tts package (as
Kokoro's own front end does: IPA by sentence, `r x ɬ ʲ` replaced, mapped through vocab.json), cut
into runs as voxpress cuts them (whole sentences of at most 150 tokens, longer ones at clause
ends), and then times only the model runs: on two sessions of one thread each, two runs at once,
as voxpress runs them on two cores. Nothing else is counted: no start-up, no model loading, no
phonemizing, no resampling, mastering or writing.

Usage: python kokoro_floor.py MODEL.onnx VOICE.bin VOCAB.json TEXT.txt
  ->  prints "SECONDS AUDIO_SECONDS"
"""

import json
import sys
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import onnxruntime as ort
from piper.phonemize_espeak import EspeakPhonemizer

MAX_RUN = 150
model, voice, vocab_path, text_path = sys.argv[1:5]
vocab = json.load(open(vocab_path, encoding="utf-8"))["vocab"]
styles = np.fromfile(voice, dtype="<f4").reshape(510, 1, 256)
phonemizer = EspeakPhonemizer()


def tokens(phonemes: str) -> list[int]:
    ipa = unicodedata.normalize("NFC", phonemes)
    for old, new in (("ʲ", "j"), ("r", "ɹ"), ("x", "k"), ("ɬ", "l"), ("nˈaɪnti", "nˈaɪndi")):
        ipa = ipa.replace(old, new)
    return [vocab[c] for c in ipa if c in vocab]


runs = []
with open(text_path, encoding="utf-8") as text:
    for line in text:
        for sentence in phonemizer.phonemize("en-us", line.strip()) if line.strip() else []:
            clauses = "".join(sentence).replace(", ", ",\0").split("\0")
            run = []
            for clause in clauses:
                ids = tokens(clause)
                if run and len(run) + len(ids) > MAX_RUN:
                    runs.append(run)
                    run = []
                run += ids
            if run:
                runs.append(run)

options = ort.SessionOptions()
options.intra_op_num_threads = 1
sessions = [ort.InferenceSession(model, options, providers=["CPUExecutionProvider"]) for _ in range(2)]


def speak(k: int, run: list[int]) -> int:
    feed = {
        "tokens": np.array([[0, *run[:509], 0]], dtype=np.int64),
        "style": styles[min(len(run), 509)],
        "speed": np.array([1.0], dtype=np.float32),
    }
    return sessions[k % 2].run(["audio"], feed)[0].size


for k in range(2):  # the first run of each session sets up ONNX Runtime's buffers
    speak(k, runs[0])
start = time.perf_counter()
with ThreadPoolExecutor(2) as pool:
    samples = sum(pool.map(speak, range(len(runs)), runs))
print(f"{time.perf_counter() - start:.2f} {samples / 24000:.1f}")
