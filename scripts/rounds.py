"""Times whole commands in alternating rounds (A B C, A B C, ...) and prints ratios a noisy
machine cannot fool: each ratio is taken within a round, and the median of those per-round
ratios is printed with its spread (lowest and highest).

A command is `NAME=SHELL COMMAND`; its wall time and peak memory (of its largest process) come
from /usr/bin/time. `NAME@=SHELL COMMAND` instead takes the
time the command prints itself (the first number of its last line of output; for a floor that
times only its model calls). A ratio is asked for as `--ratio A/B`; `--floor F<R` names a floor that must stay
under a reference: in a round where F took longer than R the machine was too noisy for either to
mean anything, and every ratio that involves F is refused (printed as refused, with the round).
A command that needs a clean start (a cold build) removes what it needs to itself (`rm -rf`).

Usage: python3 scripts/rounds.py [--rounds N] [--ratio A/B]... [--floor F<R]...
       NAME=COMMAND NAME@=COMMAND ...
Prints, per command, the median wall time [min-max] and peak memory; then each ratio as
`A / B  median  [min - max] over N rounds`, or why it is refused. Exit 0; 2 for bad arguments.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile


def run(command, reports):
    """Runs one command under /usr/bin/time; returns (seconds, peak MB of its largest process)."""
    with tempfile.NamedTemporaryFile("r") as measured:
        proc = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", "-o", measured.name, "sh", "-c", command],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        if proc.returncode != 0:
            sys.exit(f"rounds: `{command}` failed with exit {proc.returncode}")
        wall, kb = measured.read().split()[-2:]
    wall, peak = float(wall), int(kb) / 1024
    if reports:
        lines = proc.stdout.decode(errors="replace").strip().splitlines()
        try:
            wall = float(lines[-1].split()[0])
        except (IndexError, ValueError):
            sys.exit(f"rounds: `{command}` printed no time on its last line")
    return wall, peak


def spread(values):
    return statistics.median(values), min(values), max(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ratio", action="append", default=[])
    parser.add_argument("--floor", action="append", default=[])
    parser.add_argument("commands", nargs="+")
    args = parser.parse_args()
    if args.rounds < 3:
        parser.error("at least 3 rounds")
    commands = {}
    for spec in args.commands:
        name, sep, command = spec.partition("=")
        if not sep or not name:
            parser.error(f"not NAME=COMMAND: {spec}")
        reports = name.endswith("@")
        commands[name.rstrip("@")] = (command, reports)
    ratios = [r.split("/") for r in args.ratio]
    floors = [f.split("<") for f in args.floor]
    for pair in ratios + floors:
        if len(pair) != 2 or any(p not in commands for p in pair):
            parser.error(f"unknown command in {pair}")

    times = {name: [] for name in commands}
    peaks = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, (command, reports) in commands.items():
            wall, peak = run(command, reports)
            times[name].append(wall)
            peaks[name].append(peak)

    for name, values in times.items():
        med, lo, hi = spread(values)
        memory = f", peak {statistics.median(peaks[name]):.0f} MB"
        how = "as it reports" if commands[name][1] else "whole process"
        print(f"{name:>12}: {med:7.2f} s [{lo:.2f} - {hi:.2f}] ({how}){memory}")
    noisy = {}
    for floor, reference in floors:
        for k, (f, r) in enumerate(zip(times[floor], times[reference]), 1):
            if f >= r:
                noisy.setdefault(floor, f"round {k}: {floor} {f:.2f} s >= {reference} {r:.2f} s")
    for a, b in ratios:
        label = f"{a} / {b}"
        if a in noisy or b in noisy:
            print(f"{label:>24}: refused, the floor took longer than its reference ({noisy.get(a) or noisy.get(b)}); run again on a quieter machine")
            continue
        per_round = [x / y for x, y in zip(times[a], times[b])]
        med, lo, hi = spread(per_round)
        print(f"{label:>24}: {med:.3f} [{lo:.3f} - {hi:.3f}] over {len(per_round)} rounds")


if __name__ == "__main__":
    main()
