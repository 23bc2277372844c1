"""Running `phisentry sweep` and the loopback Confluence server from tests."""

import json
import os
import pty
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def binary():
    if os.environ.get("PHISENTRY_BINARY"):
        return os.environ["PHISENTRY_BINARY"]
    for build in ("build", "build-sweep"):
        candidate = REPO / build / "bin" / "phisentry"
        if candidate.exists():
            return str(candidate)
    raise RuntimeError("set PHISENTRY_BINARY to the built phisentry")


def rules_dir():
    return os.environ.get("PHISENTRY_RULES", str(REPO / "rules"))


class Run:
    def __init__(self, process, out_dir, log_file):
        self.status = process.returncode
        self.stdout = process.stdout
        self.stderr = process.stderr
        self.out = Path(out_dir)
        self.log = Path(log_file).read_text() if Path(log_file).exists() else ""

    def pages(self):
        lines = (self.out / "pages.jsonl").read_text().splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def summary(self):
        return json.loads((self.out / "summary.json").read_text())

    def state(self):
        return json.loads((self.out / "sweep-state.json").read_text())

    def every_output(self):
        """Every byte a person or a script could read afterwards: reports, state, log, stdout, stderr."""
        texts = [self.stdout, self.stderr, self.log]
        texts += [f.read_text(errors="replace") for f in sorted(self.out.iterdir()) if f.is_file()]
        return "\n".join(texts)


class Sweeper:
    """Runs the built binary with a scratch key and output folder. The compiled-rules cache may be
    shared between tests (it is keyed by the pack's hash): compiling the pack is most of a small sweep."""

    def __init__(self, workdir, cache=None):
        self.workdir = Path(workdir)
        self.key = self.workdir / "hash.key"
        self.cache = Path(cache) if cache else self.workdir / "cache"

    def command(self, args, out, progress="never"):
        return [binary(), "sweep", *args, "--rules", rules_dir(), "--cache-dir", str(self.cache),
                "--hash-key-file", str(self.key), "--out", str(out), "--progress", progress,
                "--log-level", "debug", "--log-file", str(out) + ".log"]

    def environment(self, env):
        """The caller's environment; the machine's policy is replaced by none unless a test gives one."""
        return {**os.environ, "PHISENTRY_POLICY": str(self.workdir / "no-policy.json"), **(env or {})}

    def run(self, args, out, env=None, timeout=120, progress="never"):
        full_env = self.environment(env)
        process = subprocess.run(self.command(args, out, progress), capture_output=True, text=True, env=full_env,
                                 timeout=timeout)
        return Run(process, out, str(out) + ".log")

    def run_on_terminal(self, args, out, timeout=120):
        """Runs with stderr on a pseudo-terminal (as an admin at a shell would); returns (status, what the
        terminal showed)."""
        controller, terminal = pty.openpty()
        process = subprocess.Popen(self.command(args, out, "auto"), stdout=subprocess.DEVNULL, stderr=terminal,
                                   env=self.environment(None))
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # EIO: the process closed its end
                break
            if not chunk:
                break
            shown += chunk
        os.close(controller)
        return process.wait(timeout=timeout), shown.decode(errors="replace")

    def start(self, args, out, env=None):
        full_env = self.environment(env)
        return subprocess.Popen(self.command(args, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=full_env)


class LoopbackConfluence:
    """confluence_server.py on a free loopback port, stopped on exit."""

    def __init__(self, pages_file, token, *extra):
        self.log = Path(tempfile.mkstemp(suffix=".jsonl")[1])
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "confluence_server.py"), "--pages", str(pages_file), "--token", token,
             "--log", str(self.log), *extra], stdout=subprocess.PIPE, text=True)
        self.port = int(self.process.stdout.readline())
        self.base = f"http://127.0.0.1:{self.port}/wiki"

    def requests(self):
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=10)
        self.process.stdout.close()
        self.log.unlink(missing_ok=True)
