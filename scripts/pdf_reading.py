#!/usr/bin/env python3
"""Scores how voxpress reads PDFs, beside pdftotext, on PDFs whose article text is known.

    python3 scripts/pdf_reading.py [--each] [--voxpress BIN] [--data FOLDER_OR_TAR] [--only NAME]

Each `NAME.pdf` in the set has `NAME.txt` beside it: the article's words in reading order (the
title, the byline, the text; no caption, pull quote, footnote or running head). For every PDF it
scores, against that reference:

  - `voxpress script NAME.pdf` (the written text of every sentence it would read),
  - `pdftotext NAME.pdf` (poppler's default reading) as the comparison,
  - `pdftotext -raw NAME.pdf`, saved as text, through `voxpress script` (text pasted from a PDF).

Figures: bag-of-words precision, recall and F1 (words lower-cased, letters and digits), and
reading order as difflib's ratio of the two word sequences; the mean of each over the set. With
`--each`, one line per file and the words voxpress read that the article does not have.
The default set is `tests/data/pdf/newspaper-pdfs.tar.xz` (see its LICENCE).
"""
import argparse
import collections
import difflib
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def words(text):
    text = text.replace("\u00ad", "").replace("\u2019", "'").replace("\u2018", "'").lower()
    return re.findall(r"[^\W_]+(?:'[^\W_]+)*", text)


def scores(reference, got):
    ref, out = collections.Counter(reference), collections.Counter(got)
    common = sum((ref & out).values())
    precision = common / max(1, sum(out.values()))
    recall = common / max(1, sum(ref.values()))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    order = difflib.SequenceMatcher(None, reference, got, autojunk=False).ratio()
    return precision, recall, f1, order


def voxpress_words(binary, path):
    run = subprocess.run([binary, "script", path, "--voice", "espeak"], capture_output=True,
                         text=True, timeout=300)
    if run.returncode != 0:
        return None, run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "failed"
    script = json.loads(run.stdout)
    return words(" ".join(s["written"] for s in script["sentences"])), None


def pdftotext(path, raw=False):
    args = ["pdftotext"] + (["-raw"] if raw else []) + [path, "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--each", action="store_true")
    parser.add_argument("--voxpress", default=os.path.join(ROOT, "target/release/voxpress"))
    parser.add_argument("--data", default=os.path.join(ROOT, "tests/data/pdf/newspaper-pdfs.tar.xz"))
    parser.add_argument("--only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.data
        if os.path.isfile(folder):
            with tarfile.open(folder) as tar:
                tar.extractall(tmp, filter="data")
            folder = tmp
        names = sorted(
            os.path.relpath(os.path.join(d, f), folder)[:-4]
            for d, _, files in os.walk(folder) for f in files
            if f.endswith(".pdf") and os.path.exists(os.path.join(d, f[:-4] + ".txt"))
        )
        if args.only:
            names = [n for n in names if args.only in n]
        totals = collections.defaultdict(list)
        failures = 0
        for name in names:
            pdf = os.path.join(folder, name + ".pdf")
            reference = words(open(os.path.join(folder, name + ".txt"), encoding="utf-8").read())
            ours, error = voxpress_words(args.voxpress, pdf)
            if ours is None:
                failures += 1
                print(f"{name}: voxpress failed: {error}")
                ours = []
            pasted_path = os.path.join(tmp, os.path.basename(name) + "-pasted.txt")
            with open(pasted_path, "w", encoding="utf-8") as f:
                f.write(pdftotext(pdf, raw=True))
            pasted, _ = voxpress_words(args.voxpress, pasted_path)
            theirs = words(pdftotext(pdf))
            rows = {"voxpress pdf": scores(reference, ours),
                    "pdftotext": scores(reference, theirs),
                    "voxpress pasted -raw": scores(reference, pasted or [])}
            for key, value in rows.items():
                totals[key].append(value)
            if args.each:
                cells = "  ".join(f"{k}: F1 {v[2]:.3f} order {v[3]:.3f}" for k, v in rows.items())
                print(f"{name}: {cells}")
                extra = collections.Counter(ours) - collections.Counter(reference)
                missing = collections.Counter(reference) - collections.Counter(ours)
                if extra:
                    print(f"    read, not in the article: {' '.join(sorted(extra.elements()))[:300]}")
                if missing:
                    print(f"    in the article, not read: {' '.join(sorted(missing.elements()))[:300]}")
        print(f"{len(names)} PDFs, {failures} failed")
        for key, values in totals.items():
            mean = [sum(v[i] for v in values) / max(1, len(values)) for i in range(4)]
            print(f"{key:>22}: precision {mean[0]:.3f} recall {mean[1]:.3f} F1 {mean[2]:.3f} "
                  f"order {mean[3]:.3f}  (F1 >= 0.99 in {sum(v[2] >= 0.99 for v in values)}/{len(values)})")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
