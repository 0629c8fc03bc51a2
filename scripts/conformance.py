#!/usr/bin/env python3
"""Scores `voxpress normalize` against NeMo-text-processing's English test cases.

The cases are NVIDIA NeMo-text-processing's
`tests/nemo_text_processing/en/data_text_normalization/test_cases_*.txt` (Apache-2.0), kept in
`scripts/conformance/nemo-en/` with their licence and the commit they came from. Each line is
`written~spoken`; a written text listed more than once has several accepted readings. All classes
are scored but `normalize_with_audio` (a different format, for a different tool).

Both sides are canonicalized the same way before comparing: lower case, every character that is
not a letter or digit made a space, spaces collapsed; letters written with dots between them
are joined first (the same spelled letters are written "U.S.A." or "USA"). A case passes when our output equals one of
its readings.

Where our convention differs from NeMo's on purpose, the difference is listed below, once, with
the reason: `CONVENTIONS` rewrite NeMo's reading into ours (a reading passes through them only
when our output then equals it exactly), and `OUR_READINGS` add our reading for one written text.
Nothing else is loosened.

Usage: python3 scripts/conformance.py [--voxpress PATH] [--failures] [--class NAME]
Prints per-class and overall accuracy; `--failures` lists each failing case.
"""

import argparse
import collections
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "conformance", "nemo-en")
SKIPPED_CLASSES = {"normalize_with_audio"}

# Conventions where we differ from NeMo on purpose: (name, reason, pattern, replacement), applied
# to NeMo's canonical reading. Each is a rule of en-US news narration, not a single case.
CONVENTIONS = [
    (
        "markup is not spoken",
        "a markup tag left in the text (<breathing/>, <pitch=-.3>) is dropped, never read; NeMo "
        "passes it on to its synthesizer",
        r"<[^<>]*>",
        " ",
    ),
    (
        "no and in numbers",
        "en-US narration says 'one hundred twenty-three'; NeMo writes 'one hundred and "
        "twenty three' in some classes and not in others",
        r"\b(hundred|thousand|million|billion|trillion) and\b",
        r"\1",
    ),
    (
        "and before cents",
        "we say 'twenty dollars and fifty cents', as newsreaders do; NeMo leaves out the 'and'",
        r"\b(dollars?|pounds?|euros?) (\w+(?: \w+)?) (cents?|pence|penny)\b",
        r"\1 and \2 \3",
    ),
    (
        "a price a unit",
        "a price per unit is said 'three fifty a gallon', 'twenty dollars a month', as a "
        "narrator says it; NeMo says 'per'",
        r"\b(dollars?|cents?|pounds?|pence|euros?|yen|won) per (hour)\b",
        r"\1 an \2",
    ),
    (
        "a price a unit",
        "(the same, before a consonant)",
        r"\b(dollars?|cents?|pounds?|pence|euros?|yen|won) per (?!hour\b)(\w+)",
        r"\1 a \2",
    ),
]

# Written texts where our reading is deliberately not NeMo's: written -> (our reading, reason).
SITE_ONLY = "we say the site of a web address, not the whole address (--links full says it all)"
WRONG_SUFFIX = "a number with the wrong ordinal suffix is a typo for the ordinal; NeMo reads the letters"
OUR_READINGS = {
    "Mrs. Norris": ("missus Norris", "'Mrs.' is said 'missus'"),
    "Main St.": ("Main Street", "a street type after a name is read out"),
    "C. S. Lewis": ("C. S. Lewis", "initials in a name are each said"),
    "Sam II": ("Sam the second", "a regnal number after a name is said 'the second'"),
    "2-5": ("two to five", "a range of numbers is read with 'to'"),
    "from 2-10": ("from two to ten", "a range of numbers is read with 'to'"),
    "1961–1965 and (2006–2012)": (
        "nineteen sixty-one to nineteen sixty-five and, two thousand six to twenty twelve",
        "a range of years is read with 'to'"),
    "13000": ("thirteen thousand", "a number is read as a number; NeMo reads these digit by digit"),
    "123000": ("one hundred twenty-three thousand", "(the same)"),
    "upgrade/update": ("upgrade or update", "a slash between words is read 'or'"),
    "upgrade / update": ("upgrade or update", "(the same)"),
    "upgrade/update/downgrade": ("upgrade or update or downgrade", "(the same)"),
    "http://www.ourdailynews.com.sm": ("ourdailynews dot com dot sm", SITE_ONLY),
    "https://www.ourdailynews.com.sm": ("ourdailynews dot com dot sm", SITE_ONLY),
    "www.ourdailynews.com.sm": ("ourdailynews dot com dot sm", SITE_ONLY),
    "www.ourdailynews.com/123-sm": ("ourdailynews dot com", SITE_ONLY),
    "ourdailynews.com/12-sm": ("ourdailynews dot com", SITE_ONLY),
    "https://developer.nvidia.com/drive-sim-early-access-program": (
        "developer dot nvidia dot com", SITE_ONLY),
    "https://developer.nvidia.com/cv-cuda/early-access": ("developer dot nvidia dot com", SITE_ONLY),
    "https://www.nvidia.com/dgx-basepod": ("nvidia dot com", SITE_ONLY),
    "https://www.nvidia.com/dgx-basepod.sm/3": ("nvidia dot com", SITE_ONLY),
    "http://www.nvidia.com/rtx-6000": ("nvidia dot com", SITE_ONLY),
    "https://www.nvidia.com/dgx-basepod/": ("nvidia dot com", SITE_ONLY),
    "11/17/05": ("November seventeenth, oh five", "a two-digit year '05' is said 'oh five'"),
    "We have seen YoY growth in 2Q22": (
        "We have seen year over year growth in the second quarter of twenty twenty-two",
        "'YoY' is said 'year over year' and the year in full"),
    "2x": ("two times", "a number with x is a multiple, 'ten times' (as in 'prices rose 10x')"),
    "4.4x": ("four point four times", "(the same)"),
    "2x8": ("two by eight", "two numbers joined by x are a size, 'two by eight', as of lumber"),
    "23:00": ("twenty-three hundred", "a 24-hour time on the hour is said 'twenty-three hundred'"),
    "708 N 1st St, San City": (
        "seven oh eight North first Street, San City",
        "a zero in a house number is said 'oh', as Americans say an address"),
    "1th": ("first", WRONG_SUFFIX),
    "2th": ("second", WRONG_SUFFIX),
    "3th": ("third", WRONG_SUFFIX),
    "4rd": ("fourth", WRONG_SUFFIX),
    "11st": ("eleventh", WRONG_SUFFIX),
    "12nd": ("twelfth", WRONG_SUFFIX),
    "13rd": ("thirteenth", WRONG_SUFFIX),
    "21th": ("twenty-first", WRONG_SUFFIX),
    "111st": ("one hundred eleventh", WRONG_SUFFIX),
}


def canonical(text):
    text = unicodedata.normalize("NFKC", text).lower()
    # Letters spelled one by one are the same speech written "U.S.A." or "USA".
    # Found anywhere a word may start, also after a hyphen or before a comma ("133-A.B.C.").
    text = re.sub(
        r"(?<![\w.])(?:[^\W\d_]\.)+[^\W\d_]?(?!\w)",
        lambda m: m.group(0).replace(".", ""),
        text,
    )
    text = "".join(c if c.isalnum() else " " for c in text)
    return " ".join(text.split())


def converted(reading):
    """NeMo's reading with every listed convention applied (then canonicalized by the caller)."""
    for _name, _reason, pattern, replacement in CONVENTIONS:
        reading = re.sub(pattern, replacement, reading)
    return reading


def load_cases():
    """{class: {written: [readings]}}, in file order."""
    classes = {}
    for name in sorted(os.listdir(CASES)):
        match = re.fullmatch(r"test_cases_(\w+)\.txt", name)
        if not match or match.group(1) in SKIPPED_CLASSES:
            continue
        cases = collections.OrderedDict()
        with open(os.path.join(CASES, name), encoding="utf-8") as f:
            for line in f.read().split("\n"):
                if "~" not in line:
                    continue
                written, spoken = line.split("~", 1)
                cases.setdefault(written, []).append(spoken)
        classes[match.group(1)] = cases
    return classes


def normalize_all(voxpress, texts):
    """Our reading of each text: one `voxpress normalize` run, one line per text."""
    # A text that is empty or only spaces is sent as such; newlines never occur in the cases.
    run = subprocess.run(
        [voxpress, "normalize", "--plain"],
        input="\n".join(texts) + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        sys.exit(f"voxpress normalize failed ({run.returncode}): {run.stderr.strip()}")
    lines = run.stdout.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != len(texts):
        sys.exit(f"voxpress normalize printed {len(lines)} lines for {len(texts)} texts")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    root = os.path.dirname(HERE)
    parser.add_argument("--voxpress", default=os.path.join(root, "target/release/voxpress"))
    parser.add_argument("--failures", action="store_true", help="list every failing case")
    parser.add_argument("--class", dest="only", help="score one class only")
    args = parser.parse_args()

    classes = load_cases()
    if args.only:
        classes = {args.only: classes[args.only]}
    texts = [w for cases in classes.values() for w in cases]
    ours = dict(zip(texts, normalize_all(args.voxpress, texts)))

    total = passed = 0
    by_difference = collections.Counter()
    print(f"{'class':<28}{'cases':>6}{'passed':>8}{'accuracy':>10}")
    for name, cases in classes.items():
        class_passed = 0
        for written, readings in cases.items():
            got = canonical(ours[written])
            exact = {canonical(r) for r in readings}
            ok = got in exact
            if not ok and got in {canonical(converted(r)) for r in readings}:
                ok, reason = True, "convention"
                by_difference["convention"] += 1
            if not ok and written in OUR_READINGS:
                ok = got == canonical(OUR_READINGS[written][0])
                by_difference["our reading"] += ok
            class_passed += ok
            if not ok and args.failures:
                print(f"  FAIL [{name}] {written!r}\n       got  {ours[written]!r}")
                for r in readings:
                    print(f"       want {r!r}")
        total += len(cases)
        passed += class_passed
        print(f"{name:<28}{len(cases):>6}{class_passed:>8}{100 * class_passed / len(cases):>9.1f}%")
    print(f"{'all but ' + ', '.join(sorted(SKIPPED_CLASSES)):<28}{total:>6}{passed:>8}"
          f"{100 * passed / max(total, 1):>9.1f}%")
    print(f"passed through a listed difference: {by_difference['convention']} by convention, "
          f"{by_difference['our reading']} by our reading")


if __name__ == "__main__":
    main()
