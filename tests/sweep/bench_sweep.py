"""Sweep throughput on a synthetic 5,000-page space export (not a test: run it by hand).

    PHISENTRY_BINARY=build/bin/phisentry python3 tests/sweep/bench_sweep.py [--pages 5000] [--repeat 3]

Builds an HTML export zip and an XML export zip from the same synthetic pages, warms the compiled-rules
cache, then sweeps each with one thread and with every core. Prints pages/s and MB/s (the bytes of page
bodies read) as the sweep itself measured them (summary.json), the best of --repeat runs, and the
speed-up of all cores over one thread measured in the same run, which is the figure to compare across
machines.
"""

import argparse
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import synthetic
from sweeplib import binary, rules_dir


def sweep(export, work, jobs):
    out = work / f"out-{export.stem}-{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    command = [binary(), "sweep", str(export), "--jobs", str(jobs), "--rules", rules_dir(),
               "--cache-dir", str(work / "cache"), "--hash-key-file", str(work / "hash.key"), "--out", str(out),
               "--progress", "never"]
    status = subprocess.run(command, capture_output=True, text=True).returncode
    if status not in (0, 1):
        raise SystemExit(f"sweep failed with status {status}")
    return json.loads((out / "summary.json").read_text())["run"]


def best(export, work, jobs, repeat):
    runs = [sweep(export, work, jobs) for _ in range(repeat)]
    return min(runs, key=lambda r: r["seconds"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sweep-bench-"))
    try:
        pages = synthetic.make_pages(args.pages, seed=97, spaces=("OPS", "BILL", "HR"))
        exports = {"HTML export": work / "space.html.zip", "XML export": work / "space.xml.zip"}
        synthetic.write_html_export(exports["HTML export"], pages)
        synthetic.write_xml_export(exports["XML export"], pages)
        sweep(exports["XML export"], work, 1)  # compiles the rules into the cache once
        cores = os.cpu_count() or 1
        print(f"{args.pages} synthetic pages, {sum(1 for p in pages if p.planted)} with PHI; best of {args.repeat}")
        for name, export in exports.items():
            one, all_cores = best(export, work, 1, args.repeat), best(export, work, cores, args.repeat)
            for label, run in (("1 thread", one), (f"{cores} threads", all_cores)):
                seconds = max(run["seconds"], 1e-9)
                print(f"  {name:12} {label:10} {run['pages']:6} pages {run['bytes'] / 1e6:7.1f} MB "
                      f"{seconds:6.2f} s  {run['pages'] / seconds:8.0f} pages/s "
                      f"{run['bytes'] / 1e6 / seconds:6.1f} MB/s")
            print(f"  {name:12} speed-up with {cores} threads: {one['seconds'] / max(all_cores['seconds'], 1e-9):.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
