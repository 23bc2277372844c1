#!/usr/bin/env python3
"""Write a synthetic wiki-page corpus with gold PHI spans (JSON Lines).

    python3 tests/corpus/generate.py --seed 1 --pages 600 --out corpus.jsonl

Each line: {"id", "kind": "phi"|"clean", "template", "text", "gold": [{"start", "end",
"category", "hipaa"}]}, offsets in UTF-16 code units. Deterministic for a seed.
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpuslib.corpus import build_corpus  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pages", type=int, default=600)
    ap.add_argument("--phi-share", type=float, default=0.5, help="fraction of pages that hold PHI (default 0.5)")
    ap.add_argument("--out", required=True, help="output file, or - for stdout")
    args = ap.parse_args(argv)
    if args.pages < 0 or not 0 <= args.phi_share <= 1:
        ap.error("--pages must be >= 0 and --phi-share within [0, 1]")
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="\n")
    try:
        for page in build_corpus(args.seed, args.pages, args.phi_share):
            out.write(json.dumps(page, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
