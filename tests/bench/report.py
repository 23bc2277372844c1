#!/usr/bin/env python3
"""The summary table of one benchmark run: every budget of issue 8 next to the figure measured and the
baselines of the same run (JavaScript in V8, the reference matcher), with ratios.

    report.py RESULT.jsonl...   (the --json outputs of phisentry_bench, host_process.py, baseline.mjs
                                 and bench-latency.mjs)
"""

import json
import sys

# (label, figure key, budget text, test of the budget or None, baseline key or None, higher is better)
ROWS = [
    ("Engine, pages without PHI (MB/s)", "engine.clean_mbps", ">= 500", lambda v: v >= 500, "js.clean_mbps", True),
    ("Engine, dense clinical pages (MB/s)", "engine.phi_mbps", ">= 250", lambda v: v >= 250, "js.phi_mbps", True),
    ("  vs reference matcher, clean (MB/s)", "engine.clean_reference_mbps", "", None, None, True),
    ("Host in process, 20 KiB p99 (us)", "host.20k_p99_us", "<= 300", lambda v: v <= 300, "js.scan_20k_p99_us", False),
    ("Host in process, 1 MiB p99 (us)", "host.1024k_p99_us", "<= 10000", lambda v: v <= 10000,
     "js.scan_1024k_p99_us", False),
    ("Host process, 20 KiB round trip p99 (us)", "wire.20k_round_trip_p99_us", "", None, None, False),
    ("Host process, 1 MiB round trip p99 (us)", "wire.1024k_round_trip_p99_us", "", None, None, False),
    ("  wire share of the 1 MiB round trip (us)", "wire.1024k_wire_p50_us", "", None, None, False),
    ("Cold start to hello, warm cache (ms)", "process.cold_start_ms", "<= 50", lambda v: v <= 50, "js.load_ms", False),
    ("  CPU of that start, warm cache (ms)", "process.cold_start_cpu_ms", "", None, None, False),
    ("Peak RSS, idle (MB)", "process.idle_rss_mb", "<= 40", lambda v: v <= 40, None, False),
    ("Peak RSS after 20 KiB and 1 MiB pages (MB)", "process.peak_rss_1mib_mb", "<= 40", lambda v: v <= 40, None, False),
    ("  after one 15 MiB page too (MB)", "process.peak_rss_mb", "", None, "js.heap_mb", False),
    ("10 tabs at once, 20 KiB each, p99 (ms)", "tabs.10_p99_ms", "", None, None, False),
    ("50 tabs at once, 20 KiB each, p99 (ms)", "tabs.50_p99_ms", "", None, None, False),
    ("Browser 20 KiB page, keystroke to highlight p95 (ms)", "browser.20k_p95_ms", "<= 80", lambda v: v <= 80, None,
     False),
    ("Browser 1 MiB page, keystroke to highlight p95 (ms)", "browser.1024k_p95_ms", "<= 80", lambda v: v <= 80, None,
     False),
    ("Browser 1 MiB, PHI Sentry's longest stage (ms)", "browser.1024k_longest_extension_stage_ms",
     "<= 16", lambda v: v <= 16, None, False),
    ("Browser 1 MiB, longest task, editor's too (ms)", "browser.1024k_longest_task_ms", "", None, None,
     False),
    ("  the same typing without the extension (ms)", "browser.1024k_longest_task_without_extension_ms", "", None, None,
     False),
    ("Browser 1 MiB page, long tasks over 50 ms", "browser.1024k_long_tasks", "", None, None, False),
    ("  the same typing without the extension", "browser.1024k_long_tasks_without_extension", "", None, None, False),
]


def load(paths):
    figures = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line) if line.strip().startswith("{") else {}
                if "key" in record and "value" in record:
                    figures[record["key"]] = record["value"]
    return figures


def ratio(value, baseline, higher_is_better):
    if baseline is None or not value or not baseline:
        return ""
    return f"x{(value / baseline if higher_is_better else baseline / value):.1f}"


def main(paths):
    figures = load(paths)
    shown = 0
    print(f"\n{'figure':<52} {'measured':>10} {'budget':>9} {'ok':>4} {'JavaScript/V8':>14} {'host faster':>12}")
    for label, key, budget, meets, baseline_key, higher in ROWS:
        if key not in figures:
            continue
        value = figures[key]
        baseline = figures.get(baseline_key) if baseline_key else None
        verdict = ("yes" if meets(value) else "NO") if meets else ""
        shown_baseline = f"{baseline:14.1f}" if baseline is not None else " " * 14
        print(f"{label:<52} {value:10.1f} {budget:>9} {verdict:>4} {shown_baseline} {ratio(value, baseline, higher):>12}")
        shown += 1
    clean, reference = figures.get("engine.clean_mbps"), figures.get("engine.clean_reference_mbps")
    if clean and reference:
        print(f"\nEngine vs reference matcher (PCRE2) on clean pages: x{clean / reference:.0f}")
    if shown == 0:
        print("no figures: did the benchmarks run?", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
