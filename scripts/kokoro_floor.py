"""The floor under any Kokoro build: the model's own calls alone, as voxpress makes them.

Phonemizes every line of a text first, untimed, with the espeak-ng of the piper-tts package (as
Kokoro's own front end does: IPA by sentence, `r x ɬ ʲ` replaced, mapped through vocab.json), cut
into runs as voxpress cuts them (whole sentences of at most 250 phonemes, longer ones in whole
clauses, a clause longer than that in whole words), and then times only the model runs: on two sessions of one thread each, two runs at once,
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

MAX_RUN = 250
model, voice, vocab_path, text_path = sys.argv[1:5]
vocab = json.load(open(vocab_path, encoding="utf-8"))["vocab"]
styles = np.fromfile(voice, dtype="<f4").reshape(510, 1, 256)
phonemizer = EspeakPhonemizer()


def tokens(phonemes: str) -> list[int]:
    ipa = unicodedata.normalize("NFC", phonemes)
    for old, new in (("ʲ", "j"), ("r", "ɹ"), ("x", "k"), ("ɬ", "l"), ("nˈaɪnti", "nˈaɪndi")):
        ipa = ipa.replace(old, new)
    return [vocab[c] for c in ipa if c in vocab]


def split(sentence: list[str], limit: int) -> list[str]:
    """voxpress's runs (`piper::phonemes::runs`): clauses (ending `, : ;` and a space) grouped up
    to `limit` code points; a clause longer than that alone cut after a space once its part
    holds two thirds of the limit."""
    pieces, part = [], []
    for p in sentence:
        part.append(p)
        if p == " " and len(part) > 1 and part[-2] in ",:;":
            pieces.append(part)
            part = []
    if part:
        pieces.append(part)
    cut = []
    for clause in pieces:
        if len(clause) <= limit:
            cut.append(clause)
            continue
        part = []
        for p in clause:
            part.append(p)
            if p == " " and len(part) >= limit * 2 // 3:
                cut.append(part)
                part = []
        if part:
            cut.append(part)
    runs = []
    for piece in cut:
        if runs and len(runs[-1]) + len(piece) <= limit:
            runs[-1] += piece
        else:
            runs.append(list(piece))
    return ["".join(r) for r in runs]


runs = []
with open(text_path, encoding="utf-8") as text:
    for line in text:
        for sentence in phonemizer.phonemize("en-us", line.strip()) if line.strip() else []:
            runs += [ids for ids in map(tokens, split(sentence, MAX_RUN)) if ids]

options = ort.SessionOptions()
options.intra_op_num_threads = 1
sessions = [ort.InferenceSession(model, options, providers=["CPUExecutionProvider"]) for _ in range(2)]


def speak(k: int, run: list[int]) -> int:
    # Worker k % 2 of two, each with its own session: never two runs on one session at once.
    feed = {
        "tokens": np.array([[0, *run[:509], 0]], dtype=np.int64),
        "style": styles[min(len(run), 509)],
        "speed": np.array([1.0], dtype=np.float32),
    }
    return sessions[k % 2].run(["audio"], feed)[0].size


for k in range(2):  # the first run of each session sets up ONNX Runtime's buffers
    speak(k, runs[0])
def worker(k: int) -> int:
    return sum(speak(k, run) for run in runs[k::2])


start = time.perf_counter()
with ThreadPoolExecutor(2) as pool:
    samples = sum(pool.map(worker, range(2)))
print(f"{time.perf_counter() - start:.2f} {samples / 24000:.1f}")
