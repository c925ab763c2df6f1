#!/usr/bin/env python3
"""Equal error rates of score files computed by pyeer (an independent implementation).

usage: pyeer_eer.py DIR STEM...
Reads DIR/STEM-genuine.txt and DIR/STEM-impostor.txt (one similarity score per line) for each STEM
and prints a JSON object {STEM: {"eer": ..., "eer_low": ..., "eer_high": ...}}.
Exits with status 3 and a message when pyeer is not installed.
"""
import json
import os
import sys
import warnings

try:
    from pyeer.eer_info import get_eer_stats
except ImportError as error:  # pragma: no cover - the Swift test reports this
    print(f"pyeer is not installed ({error}); install it with scripts/test or 'python3 -m pip install pyeer'",
          file=sys.stderr)
    sys.exit(3)


def read(path):
    with open(path) as handle:
        return [float(line.split()[-1]) for line in handle if line.strip()]


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    directory, stems = sys.argv[1], sys.argv[2:]
    result = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for stem in stems:
            genuine = read(os.path.join(directory, f"{stem}-genuine.txt"))
            impostor = read(os.path.join(directory, f"{stem}-impostor.txt"))
            stats = get_eer_stats(genuine, impostor)
            result[stem] = {"eer": float(stats.eer), "eer_low": float(stats.eer_low), "eer_high": float(stats.eer_high),
                            "genuine": len(genuine), "impostor": len(impostor)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
