#!/usr/bin/env python3
"""How well voxpress finds the article on saved web pages, against two public benchmarks.

Scores the written text of `voxpress script --captions read PAGE` (captions are part of the
article found; whether to read them is the listener's choice) against each page's article by bag-of-words
precision, recall and F1 (words: runs of letters and digits, lower case, counted with repeats), per
page and as means, and the share of pages at F1 >= 0.9; and, as the second benchmark's own
evaluate.py does, F1 over 4-word shingles summed across its pages.

- Readability's test pages (tests/data/extraction/readability-test-pages.tar.xz; Mozilla's
  Readability.js test suite, Apache-2.0): the article is `expected.html` with the title and byline
  of `expected-metadata.json` added, for the 122 pages it marks readerable.
- The article-extraction benchmark (tests/data/extraction/article-extraction-benchmark.tar.xz;
  Zyte's, MIT): 181 pages and their `articleBody`. It has no headline, so voxpress's title is left
  out of what is scored there. It was kept aside while the extraction was built.

When the Python packages `trafilatura` and `readability-lxml` are installed, they are scored the
same way (their title and author added on Readability's pages, as for voxpress).

`--each` adds voxpress with each extractor's proposal taken always, to compare the choice.

`--default-reading` scores voxpress as it reads by default (captions skipped).

Usage: scripts/extraction.py [--voxpress BIN] [--pages] [--each] [--default-reading]
       [--only readability|benchmark]
"""
import argparse
import collections
import html.parser
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tests", "data", "extraction")


def words(text):
    return re.findall(r"[^\W_]+", (text or "").lower())


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
        self.out.append(" ")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")
        self.out.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_text(markup):
    parser = _Text()
    parser.feed(markup)
    return "".join(parser.out)


def bag_scores(pred, true):
    p, t = collections.Counter(words(pred)), collections.Counter(words(true))
    common = sum((p & t).values())
    precision = common / sum(p.values()) if p else 0.0
    recall = common / sum(t.values()) if t else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def shingle_counts(pred, true, n=4):
    def shingles(text):
        tokens = words(text)
        return collections.Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))

    a, b = shingles(true), shingles(pred)
    tp = sum((a & b).values())
    return tp, sum(b.values()) - tp, sum(a.values()) - tp


def unpack(name, into):
    path = os.path.join(DATA, name)
    with tarfile.open(path) as tar:
        tar.extractall(into, filter="data")


def readability_pages(root):
    pages = os.path.join(root, "test-pages")
    for name in sorted(os.listdir(pages)):
        with open(os.path.join(pages, name, "expected-metadata.json"), encoding="utf-8") as f:
            meta = json.load(f)
        if not meta.get("readerable", True):
            continue
        with open(os.path.join(pages, name, "expected.html"), encoding="utf-8") as f:
            body = html_text(f.read())
        true = " ".join([meta.get("title") or "", meta.get("byline") or "", body])
        yield name, os.path.join(pages, name, "source.html"), true


def benchmark_pages(root):
    with open(os.path.join(root, "ground-truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    for key, item in sorted(truth.items()):
        yield key[:12], os.path.join(root, "html", key + ".html"), item["articleBody"]


CAPTIONS = ["--captions", "read"]


def voxpress_text(binary, path, with_title, extractor=None):
    env = dict(os.environ, VOXPRESS_EXTRACTOR=extractor) if extractor else None
    run = subprocess.run(
        [binary, "script", "--voice", "espeak", *CAPTIONS, "--format", "json", path],
        capture_output=True, text=True, env=env)
    if run.returncode != 0:
        return ""
    script = json.loads(run.stdout)
    title = script["articles"][0]["title"] if script["articles"] else None
    sentences = [s["written"] for s in script["sentences"]]
    if not with_title and sentences and sentences[0] == title:
        sentences = sentences[1:]
    return " ".join(sentences)


def python_extractors(with_title):
    found = {}
    try:
        import trafilatura

        def traf(markup):
            text = trafilatura.extract(markup) or ""
            if with_title:
                meta = trafilatura.extract_metadata(markup)
                text = " ".join([(meta and meta.title) or "", (meta and meta.author) or "", text])
            return text
        found["trafilatura"] = traf
    except ImportError:
        pass
    try:
        from readability import Document

        def rl(markup):
            doc = Document(markup)
            text = html_text(doc.summary())
            return " ".join([doc.short_title() or "", text]) if with_title else text
        found["readability-lxml"] = rl
    except ImportError:
        pass
    return found


def score(label, pages, binary, with_title, show_pages, each):
    extractors = {"voxpress": lambda path: voxpress_text(binary, path, with_title)}
    if each:
        for name in ("readability", "trafilatura"):
            extractors[f"voxpress, {name} only"] = (
                lambda path, name=name: voxpress_text(binary, path, with_title, name))
    for name, extract in python_extractors(with_title).items():
        def from_file(path, extract=extract):
            with open(path, "rb") as f:
                markup = f.read().decode("utf-8", "replace")
            try:
                return extract(markup)
            except Exception:  # a page an extractor cannot read scores 0
                return ""
        from_file.in_process = True
        extractors[name] = from_file
    print(f"\n{label}: {len(pages)} pages")
    print("| extractor | mean precision | mean recall | mean F1 | pages with F1 >= 0.9 | shingle F1 |")
    print("|---|---|---|---|---|---|")
    per_page = {}
    for name, extract in extractors.items():
        # Python extractors run one page at a time (lxml is not safe across threads).
        workers = 1 if getattr(extract, "in_process", False) else os.cpu_count() or 2
        with ThreadPoolExecutor(workers) as pool:
            texts = list(pool.map(lambda page: extract(page[1]), pages))
        scores = [bag_scores(text, page[2]) for text, page in zip(texts, pages)]
        tp = fp = fn = 0
        for text, page in zip(texts, pages):
            a, b, c = shingle_counts(text, page[2])
            tp, fp, fn = tp + a, fp + b, fn + c
        sp, sr = tp / max(1, tp + fp), tp / max(1, tp + fn)
        n = len(scores)
        print(f"| {name} | {sum(s[0] for s in scores) / n:.3f} | {sum(s[1] for s in scores) / n:.3f} "
              f"| {sum(s[2] for s in scores) / n:.3f} | {sum(s[2] >= 0.9 for s in scores)} of {n} "
              f"| {2 * sp * sr / max(1e-9, sp + sr):.3f} |")
        per_page[name] = scores
    if show_pages:
        names = list(per_page)
        print("\n| page | " + " | ".join(f"{n} P / R / F1" for n in names) + " |")
        print("|---|" + "---|" * len(names))
        for i, page in enumerate(pages):
            cells = [" / ".join(f"{x:.2f}" for x in per_page[n][i]) for n in names]
            print(f"| {page[0]} | " + " | ".join(cells) + " |")
    return per_page["voxpress"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--voxpress", default=os.path.join(ROOT, "target", "release", "voxpress"))
    parser.add_argument("--pages", action="store_true", help="print every page's figures")
    parser.add_argument("--only", choices=["readability", "benchmark"])
    parser.add_argument("--default-reading", action="store_true",
                        help="score voxpress's default reading (captions skipped)")
    parser.add_argument("--each", action="store_true",
                        help="also voxpress with each extractor alone (VOXPRESS_EXTRACTOR)")
    args = parser.parse_args()
    if args.default_reading:
        CAPTIONS.clear()
    if not os.access(args.voxpress, os.X_OK):
        sys.exit(f"extraction.py: {args.voxpress} not found; run `cargo build --release` first")
    with tempfile.TemporaryDirectory() as tmp:
        if args.only in (None, "readability"):
            unpack("readability-test-pages.tar.xz", tmp)
            pages = list(readability_pages(tmp))
            score("Readability's test pages (readerable)", pages, args.voxpress, True, args.pages,
                  args.each)
        if args.only in (None, "benchmark"):
            unpack("article-extraction-benchmark.tar.xz", tmp)
            pages = list(benchmark_pages(tmp))
            score("Article extraction benchmark", pages, args.voxpress, False, args.pages, args.each)


if __name__ == "__main__":
    main()
