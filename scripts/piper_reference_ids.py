"""Writes the phoneme ids Piper's own code gives for the fixture sentences.

Run once with the piper-tts package (PyPI) installed, from the project root:
    python scripts/piper_reference_ids.py voices/models/en_US-joe-medium.onnx \
        tests/fixtures/piper/sentences.txt > tests/fixtures/piper/joe-ids.json
"""
import json
import sys

from piper import PiperVoice

voice = PiperVoice.load(sys.argv[1])
out = []
with open(sys.argv[2], encoding="utf-8") as f:
    for line in f:
        text = line.rstrip("\n")
        if not text:
            continue
        phonemes = voice.phonemize(text)
        ids = [voice.phonemes_to_ids(p) for p in phonemes]
        out.append({"text": text, "phonemes": phonemes, "ids": ids})
json.dump(out, sys.stdout, ensure_ascii=False, separators=(",", ":"))
print()
