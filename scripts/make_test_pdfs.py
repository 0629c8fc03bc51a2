#!/usr/bin/env python3
"""Makes newspaper-style test PDFs from real published articles, as a reader's browser prints them.

    python3 scripts/make_test_pdfs.py [--style plain] PAGES_DIR OUT_DIR NAME...

Each NAME is a folder of Mozilla Readability's test pages (`expected.html`, the article, and
`expected-metadata.json`, its title and byline). The article's headings and paragraphs are laid
out as a newspaper page in one, two or three CSS columns (by the article's place in the list),
with the headline and byline across the columns, a photo with its caption, a pull quote that
repeats a sentence of the body, and a footnote marked in the text; every other PDF carries
Chromium's own running head (date, title) and foot (the file's URL, "n/m"). Headless Chromium
prints it. Beside each `NAME.pdf` go `NAME.html` (what was printed) and `NAME.txt`, the
reference: the title, the byline and the article's text in reading order, one block a line
(caption, pull quote and footnote are not in it: a listener does not hear them by default).

`--style plain` sets another paper: a sans-serif face at 9 points, a narrow gutter, a pull quote
without quotation marks in bold, a caption without a photo credit, and a footnote marked "*".
"""
import html
import json
import os
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

CHROMIUM = os.environ.get("CHROMIUM", "chromium")


class Blocks(HTMLParser):
    """The article's headings and paragraphs as (tag, text)."""

    def __init__(self):
        super().__init__()
        self.blocks, self.tag, self.text, self.skip = [], None, [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "figure", "figcaption", "table", "pre"):
            self.skip += 1
        elif tag in ("p", "h2", "h3", "h4", "li", "blockquote") and self.skip == 0:
            self.flush()
            self.tag = "h2" if tag in ("h2", "h3", "h4") else "p"

    def handle_endtag(self, tag):
        if tag in ("script", "style", "figure", "figcaption", "table", "pre"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("p", "h2", "h3", "h4", "li", "blockquote"):
            self.flush()

    def handle_data(self, data):
        if self.tag and self.skip == 0:
            self.text.append(data)

    def flush(self):
        text = " ".join("".join(self.text).split())
        if self.tag and re.search(r"\w", text):
            self.blocks.append((self.tag, text))
        self.tag, self.text = None, []


STYLE = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: 'DejaVu Serif', serif; font-size: 10pt; line-height: 1.35; }
h1 { font-size: 22pt; line-height: 1.15; margin: 0 0 6pt; column-span: all; }
.byline { font-family: sans-serif; font-size: 9pt; font-weight: bold; margin: 0 0 10pt; column-span: all; }
.columns { column-count: COLS; column-gap: 7mm; text-align: justify; hyphens: auto; }
.columns p { margin: 0; text-indent: 1.2em; }
.columns p.first { text-indent: 0; }
h2 { font-family: sans-serif; font-size: 12pt; margin: 8pt 0 3pt; }
figure { margin: 0 0 8pt; break-inside: avoid; }
.photo { height: 38mm; background: #8a8f96; }
figcaption { font-family: sans-serif; font-size: 7.5pt; font-style: italic; margin-top: 2pt; }
.pull { font-size: 15pt; font-style: italic; border-top: 2px solid #000; border-bottom: 2px solid #000;
        margin: 8pt 0; padding: 4pt 0; break-inside: avoid; text-align: left; }
.notes { column-span: all; border-top: 1px solid #000; margin-top: 10pt; font-size: 7.5pt; }
"""


PLAIN_STYLE = STYLE.replace("'DejaVu Serif', serif; font-size: 10pt", "'DejaVu Sans', sans-serif; font-size: 9pt") \
    .replace("column-gap: 7mm", "column-gap: 4mm") \
    .replace(".pull { font-size: 15pt; font-style: italic;", ".pull { font-size: 13pt; font-weight: bold;")
CAPTIONS = {
    "news": "The scene described in this report. Photograph: news agency, file.",
    "plain": "Residents wait outside the building on the morning after the announcement.",
}


def build(name, pages, out, index, style="news"):
    folder = os.path.join(pages, name)
    meta = json.load(open(os.path.join(folder, "expected-metadata.json"), encoding="utf-8"))
    parser = Blocks()
    parser.feed(open(os.path.join(folder, "expected.html"), encoding="utf-8").read())
    parser.flush()
    blocks = parser.blocks[:40]
    title = meta["title"].strip()
    byline = (meta.get("byline") or "").split("|")[0].strip()
    if byline and not byline.lower().startswith("by "):
        byline = "By " + byline
    cols = (1, 2, 3)[index % 3]
    running = index % 2 == 0
    paragraphs = [i for i, (tag, _) in enumerate(blocks) if tag == "p"]
    quote_after = paragraphs[len(paragraphs) // 2] if paragraphs else None
    note_in = paragraphs[min(2, len(paragraphs) - 1)] if paragraphs else None
    sentences = [s for i in paragraphs for s in re.split(r"(?<=[.!?])\s+", blocks[i][1])]
    quote = max(sentences, key=lambda s: (len(s.split()) <= 25, len(s))) if sentences else ""
    body = [f"<h1>{html.escape(title)}</h1>"]
    if byline:
        body.append(f'<p class="byline">{html.escape(byline)}</p>')
    body.append('<div class="columns">')
    body.append('<figure><div class="photo"></div><figcaption>'
                f"{CAPTIONS[style]}</figcaption></figure>")
    first = True
    for i, (tag, text) in enumerate(blocks):
        if tag == "h2":
            body.append(f"<h2>{html.escape(text)}</h2>")
            first = True
            continue
        escaped = html.escape(text)
        if i == note_in:
            words = escaped.split(" ")
            at = min(len(words) - 1, 12)
            words[at] += "<sup>*</sup>" if style == "plain" else "<sup>1</sup>"
            escaped = " ".join(words)
        body.append(f'<p{" class=first" if first else ""}>{escaped}</p>')
        first = False
        if i == quote_after and quote:
            marks = ("", "") if style == "plain" else ("“", "”")
            body.append(f'<aside class="pull">{marks[0]}{html.escape(quote)}{marks[1]}</aside>')
    body.append("</div>")
    marker = "*" if style == "plain" else "1"
    body.append(f'<div class="notes"><p><sup>{marker}</sup> Figures as the agencies reported them at the time '
                "of writing; they may since have changed.</p></div>")
    page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title>"
            f"<style>{(PLAIN_STYLE if style == 'plain' else STYLE).replace('COLS', str(cols))}</style>"
            f"</head><body>{''.join(body)}</body></html>")
    with open(os.path.join(out, name + ".html"), "w", encoding="utf-8") as f:
        f.write(page)
    reference = [title] + ([byline] if byline else []) + [text for _, text in blocks]
    with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(reference) + "\n")
    with tempfile.TemporaryDirectory() as profile:
        args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", f"--print-to-pdf={os.path.join(out, name + '.pdf')}"]
        if not running:
            args.append("--no-pdf-header-footer")
        args.append("file://" + os.path.abspath(os.path.join(out, name + ".html")))
        subprocess.run(args, check=True, capture_output=True, timeout=120)
    print(f"{name}: {cols} column(s), running head {'on' if running else 'off'}")


def main():
    args = sys.argv[1:]
    style = "news"
    if args[:1] == ["--style"]:
        style, args = args[1], args[2:]
    pages, out, names = args[0], args[1], args[2:]
    os.makedirs(out, exist_ok=True)
    for index, name in enumerate(names):
        build(name, pages, out, index, style)


if __name__ == "__main__":
    main()
