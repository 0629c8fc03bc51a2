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
the reason: `CONVENTIONS` are rules that rewrite NeMo's reading into ours (a reading passes through
them only when our output then equals it exactly), and `OUR_READINGS` add our reading for one
written text where no rule says it. Nothing else is loosened. The script prints strict agreement
(our reading equals one of NeMo's) beside the figure with the listed differences.

These are the cases voxpress's normalizer was developed against, so the figure says how close we
came to NeMo on them, not how we do on text we have not seen.

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
    (
        "the site of a web address",
        "we say the site of a web address, not the whole address (--links full says it all): "
        "no scheme, no www, nothing from the first slash on",
        r"(?i)^(?:https? colon slash slash )?(?:www dot )?((?:\w+ dot )+\w+)(?: slash.*)?$",
        r"\1",
    ),
    (
        "a range with to",
        "a range of numbers or years is read with 'to' ('two to five'); NeMo keeps the dash",
        r"(\w) ?[-\u2013] (?=\w)",
        r"\1 to ",
    ),
    (
        "a slash between words is or",
        "'upgrade/update' is 'upgrade or update'; NeMo says 'slash'",
        r"(?<=[a-z]) slash (?=[a-z])",
        " or ",
    ),
    (
        "a number with x",
        "'2x' is a multiple, 'two times' (prices rose 10x), and '2x8' a size, 'two by eight'",
        r"\b(\w+) x(?: (\w+))?$",
        lambda m: f"{m.group(1)} by {m.group(2)}" if m.group(2) else f"{m.group(1)} times",
    ),
    (
        "zero said oh",
        "a zero before another digit in a number said digit by digit is 'oh' (the year '05', "
        "the house number 708), as Americans say it; NeMo says 'zero'",
        r"\bzero (?=(?:one|two|three|four|five|six|seven|eight|nine)\b)",
        "oh ",
    ),
    (
        "a wrong ordinal suffix",
        "a number with the wrong ordinal suffix ('1th', '4rd') is a typo for the ordinal; NeMo "
        "reads the letters",
        r"^(?:(.*) )?(\w+) (?:th|st|nd|rd)$",
        lambda m: " ".join(filter(None, [m.group(1), ordinal_word(m.group(2))])),
    ),
]

ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth",
                 "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}


def ordinal_word(word):
    """The ordinal of a number's last word: 'one' 'first', 'twenty' 'twentieth', 'six' 'sixth'."""
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS[word]
    if word.endswith("y"):
        return word[:-1] + "ieth"
    return word + "th"


# Written texts where our reading is deliberately not NeMo's and no rule says so: written -> (our
# reading, reason). Counted apart from the conventions.
OUR_READINGS = {
    "Mrs. Norris": ("missus Norris", "'Mrs.' is said 'missus'"),
    "Main St.": ("Main Street", "a street type after a name is read out"),
    "C. S. Lewis": ("C. S. Lewis", "initials in a name are each said"),
    "Sam II": ("Sam the second", "a regnal number after a name is said 'the second'"),
    "13000": ("thirteen thousand", "a number is read as a number; NeMo reads these digit by digit"),
    "123000": ("one hundred twenty-three thousand", "(the same)"),
    "We have seen YoY growth in 2Q22": (
        "We have seen year over year growth in the second quarter of twenty twenty-two",
        "'YoY' is said 'year over year' and the year in full"),
    "23:00": ("twenty-three hundred", "a 24-hour time on the hour is said 'twenty-three hundred'"),
    "111st": ("one hundred eleventh", "a wrong ordinal suffix is the ordinal (NeMo reads these digits one by one)"),
    "10:00:00 p.m. e.s.t": (
        "ten P.M. E.S.T.",
        "a clock time with a.m. or p.m. is a time of day, not a duration of hours and minutes"),
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
    strict = 0
    print(f"{'class':<28}{'cases':>6}{'passed':>8}{'accuracy':>10}")
    for name, cases in classes.items():
        class_passed = 0
        for written, readings in cases.items():
            got = canonical(ours[written])
            exact = {canonical(r) for r in readings}
            ok = got in exact
            strict += ok
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
    print(f"strict agreement with NeMo's readings: {strict} of {total} "
          f"({100 * strict / max(total, 1):.1f}%)")
    print(f"passed through a listed difference: {by_difference['convention']} by convention "
          f"({len(CONVENTIONS)} rules), {by_difference['our reading']} by one of "
          f"{len(OUR_READINGS)} readings listed case by case")


if __name__ == "__main__":
    main()
