#!/usr/bin/env python3
"""The host as a browser sees it: a separate `phisentry native` process behind native-messaging pipes.

Measures cold start to the `hello` answer (with a warm database cache), the peak RSS of the process,
the round trip of scan requests next to the scan time the host reports (the rest is the wire: framing,
pipes, JSON), and many tabs sending at once through one host.

    host_process.py --host build/bin/phisentry --corpus FILE.jsonl [--rules DIR] [--json OUT.jsonl]
"""

import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile
import threading
import time


def frame(message):
    payload = json.dumps(message).encode()
    return struct.pack("=I", len(payload)) + payload


def read_reply(stream):
    header = stream.read(4)
    if len(header) < 4:
        raise RuntimeError("the host closed its output")
    (length,) = struct.unpack("=I", header)
    return json.loads(stream.read(length))


class Host:
    def __init__(self, binary, rules, cache_dir):
        command = [binary, "native", "--log-level", "warn"] + (["--rules", rules] if rules else [])
        environment = dict(os.environ, XDG_CACHE_HOME=cache_dir)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, env=environment)

    def send(self, message):
        self.process.stdin.write(frame(message))
        self.process.stdin.flush()

    def ask(self, message):
        self.send(message)
        return read_reply(self.process.stdout)

    def peak_rss_mb(self):
        """The host's own peak RSS (VmHWM). Not wait4's ru_maxrss: Linux carries a forked child's
        high-water mark across exec, so that figure holds this Python process's size, corpus included."""
        with open(f"/proc/{self.process.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
        raise RuntimeError("no VmHWM in /proc/PID/status")

    def close(self):
        """Ends the host; returns its peak RSS in MB and the CPU (user + system) it used in ms."""
        peak = self.peak_rss_mb()
        self.process.stdin.close()
        _, status, usage = os.wait4(self.process.pid, 0)
        if status != 0:
            raise RuntimeError(f"the host exited with status {status}")
        return peak, (usage.ru_utime + usage.ru_stime) * 1e3


def read_phi_text(path):
    pages = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    return "\n\n".join(p["text"] for p in pages if p["kind"] == "phi")


def sized(text, size):
    """`text` repeated to about `size` UTF-8 bytes."""
    out = text
    while len(out.encode()) < size:
        out += text
    return out.encode()[:size].decode("utf-8", "ignore")


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))]


def cold_start(args, cache_dir, runs=9):
    """Medians of wall ms from process start to the hello answer and of the CPU ms the host used to
    get there (and exit), which a loaded machine inflates far less; peak RSS of an idle host."""
    Host(args.host, args.rules, cache_dir).close()  # fills the cache
    times, cpu, rss = [], [], []
    for _ in range(runs):
        host = Host(args.host, args.rules, cache_dir)
        host.ask({"type": "hello", "id": 1})
        times.append((time.perf_counter() - host.started) * 1e3)
        peak, used = host.close()
        rss.append(peak)
        cpu.append(used)
    return percentile(times, 50), percentile(cpu, 50), max(rss)


def round_trips(host, text, runs):
    """Round trip and host-reported scan time per request, in microseconds."""
    total, inside = [], []
    for i in range(runs):
        started = time.perf_counter()
        reply = host.ask({"type": "scan", "id": i, "text": text})
        total.append((time.perf_counter() - started) * 1e6)
        if reply.get("type") != "result":
            raise RuntimeError(f"unexpected reply {reply.get('type')}: {reply.get('code')}")
        inside.append(reply["elapsed_us"])
    return total, inside


def many_tabs(host, text, tabs, rounds=5):
    """`tabs` requests sent at once, as many tabs would; p50/p99 of the time each waited for its reply."""
    waits = []
    for _ in range(rounds):
        started = time.perf_counter()
        # Requests go out from a thread while replies are read here: written all before reading, the
        # requests and replies filled both pipes and host and benchmark waited on each other forever.
        sender = threading.Thread(target=lambda: [host.send({"type": "scan", "id": tab, "text": text})
                                                  for tab in range(tabs)])
        sender.start()
        for _ in range(tabs):
            read_reply(host.process.stdout)
            waits.append((time.perf_counter() - started) * 1e3)
        sender.join()
    return percentile(waits, 50), percentile(waits, 99)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--rules")
    parser.add_argument("--json")
    parser.add_argument("--quick", action="store_true", help="few runs (the smoke test)")
    args = parser.parse_args()
    out = open(args.json, "w") if args.json else None

    def row(key, label, value, unit):
        print(f"  {label:<58} {value:12.2f} {unit}")
        if out:
            out.write(json.dumps({"key": key, "value": value, "unit": unit}) + "\n")

    phi = read_phi_text(args.corpus)
    with tempfile.TemporaryDirectory(prefix="phisentry-bench-") as cache_dir:
        print("\nThe host process over native-messaging pipes")
        start_ms, start_cpu_ms, idle_rss = cold_start(args, cache_dir, 3 if args.quick else 9)
        row("process.cold_start_ms", "process start to hello answered, warm cache (median)", start_ms, "ms")
        row("process.cold_start_cpu_ms", "CPU of a start to hello and exit, warm cache (median)", start_cpu_ms, "ms")
        row("process.idle_rss_mb", "peak RSS, rules loaded, idle", idle_rss, "MB")
        host = Host(args.host, args.rules, cache_dir)
        host.ask({"type": "hello", "id": 0})
        for kib, runs in ((20, 300), (1024, 30)):
            text = sized(phi, kib << 10)
            total, inside = round_trips(host, text, 5 if args.quick else runs)
            row(f"wire.{kib}k_round_trip_p50_us", f"{kib} KiB: round trip p50", percentile(total, 50), "us")
            row(f"wire.{kib}k_round_trip_p99_us", f"{kib} KiB: round trip p99", percentile(total, 99), "us")
            row(f"wire.{kib}k_scan_p50_us", f"{kib} KiB: scan inside the host p50", percentile(inside, 50), "us")
            wire = [t - i for t, i in zip(total, inside)]
            row(f"wire.{kib}k_wire_p50_us", f"{kib} KiB: wire (framing, pipes, JSON both ways) p50",
                percentile(wire, 50), "us")
        window = sized(phi, 20 << 10)
        for tabs in (2,) if args.quick else (10, 50):
            p50, p99 = many_tabs(host, window, tabs, 1 if args.quick else 5)
            row(f"tabs.{tabs}_p50_ms", f"{tabs} tabs at once (20 KiB each): wait p50", p50, "ms")
            row(f"tabs.{tabs}_p99_ms", f"{tabs} tabs at once (20 KiB each): wait p99", p99, "ms")
        row("process.peak_rss_1mib_mb", "peak RSS after 20 KiB and 1 MiB pages", host.peak_rss_mb(), "MB")
        if not args.quick:
            round_trips(host, sized(phi, 15 << 20), 1)  # under the 16 MiB request limit
            row("process.peak_rss_mb", "peak RSS after one 15 MiB page too", host.peak_rss_mb(), "MB")
        host.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
