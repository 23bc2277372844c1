#!/usr/bin/env python3
"""Score phisentry's findings against a corpus with gold PHI spans.

    python3 tests/bench/accuracy.py --corpus corpus.jsonl --phisentry build/bin/phisentry [--rules DIR]
                                    [--warn-at medium] [--check]

Runs `phisentry scan --jsonl` once, feeding {"id", "text"} lines, and prints page recall (PHI pages
that warn), the false-warning rate (clean pages that warn), span recall per category, span precision
per rule, and the worst misses and false warnings. Contexts are masked: spans are replaced by their
category and digits by '#', so the report holds no PHI-looking values. --check exits 1 when a target
is missed (2 on a host or input error).
"""

import argparse
import collections
import json
import subprocess
import sys
import time
from dataclasses import dataclass, field

LEVELS = {"low": 1, "medium": 2, "high": 3}
TARGETS = {"page_recall": 0.99, "false_warning_rate": 0.03, "span_recall": 0.97}
# Provider identifiers (NPI, DEA) are flagged by policy, not patient PHI: reported on their own row
# and left out of the overall span recall.
SEPARATE_CATEGORIES = {"provider_id"}


# ------------------------------------------------------------------ input

def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# Hand-written pages (tests/corpus/handwritten/*.txt) mark gold inline as ⟦category:text⟧; the file
# name says the kind: phi-*.txt or clean-*.txt. The brackets never occur in real pages.
GOLD_OPEN, GOLD_CLOSE = "\u27e6", "\u27e7"


class PageFormatError(ValueError):
    pass


def parse_marked_page(marked, page_id, kind):
    """Strip ⟦category:text⟧ marks from marked text; return a page with UTF-16 gold spans."""
    text, gold, pos, units = [], [], 0, 0
    while True:
        start = marked.find(GOLD_OPEN, pos)
        if start < 0:
            break
        end = marked.find(GOLD_CLOSE, start)
        category, sep, value = marked[start + 1:end].partition(":")
        if end < 0 or not sep or not value or not category.replace("_", "").isalpha():
            raise PageFormatError(f"{page_id}: bad gold mark at character {start}")
        text.append(marked[pos:start])
        units += utf16_length(marked[pos:start])
        gold.append({"start": units, "end": units + utf16_length(value), "category": category, "hipaa": "?"})
        text.append(value)
        units += utf16_length(value)
        pos = end + 1
    text.append(marked[pos:])
    plain = "".join(text)
    if GOLD_CLOSE in plain:
        raise PageFormatError(f"{page_id}: unpaired {GOLD_CLOSE}")
    if (kind == "phi") != bool(gold):
        raise PageFormatError(f"{page_id}: a {kind} page {'needs' if kind == 'phi' else 'cannot have'} gold marks")
    return {"id": page_id, "kind": kind, "template": page_id, "text": plain, "gold": gold}


def load_handwritten(folder):
    """Every phi-*.txt and clean-*.txt page of folder, in name order."""
    from pathlib import Path
    pages = []
    for path in sorted(Path(folder).glob("*.txt")):
        kind = path.name.split("-", 1)[0]
        if kind not in ("phi", "clean"):
            raise PageFormatError(f"{path.name}: name must start with phi- or clean-")
        pages.append(parse_marked_page(path.read_text(encoding="utf-8"), path.stem, kind))
    return pages


class HostError(Exception):
    pass


def run_host(phisentry, pages, rules=None, timeout=900):
    """Feed every page to `phisentry scan --jsonl`; return ({id: findings}, {id: error}, seconds)."""
    cmd = [phisentry, "scan", "--jsonl"] + (["--rules", rules] if rules else [])
    payload = "".join(json.dumps({"id": p["id"], "text": p["text"]}, ensure_ascii=False) + "\n" for p in pages)
    started = time.perf_counter()
    try:
        proc = subprocess.run(cmd, input=payload.encode("utf-8"), capture_output=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise HostError(f"could not run {' '.join(cmd)}: {exc}") from exc
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):  # like grep: 0 nothing found, 1 PHI found, 2 error
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise HostError(f"{' '.join(cmd)} exited {proc.returncode}: {' / '.join(tail)}")
    findings, errors = parse_host_output(proc.stdout.decode("utf-8"), [p["id"] for p in pages])
    return findings, errors, elapsed


def parse_host_output(stdout, expected_ids):
    """One JSON line per input page, matched by id; a line without findings counts as an error."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    if len(lines) != len(expected_ids):
        raise HostError(f"expected {len(expected_ids)} output lines, got {len(lines)}")
    findings, errors = {}, {}
    for line in lines:
        try:
            reply = json.loads(line)
        except json.JSONDecodeError as exc:
            raise HostError(f"output line is not JSON: {exc}") from exc
        page_id = reply.get("id")
        if not isinstance(reply.get("findings"), list):
            errors[page_id] = str(reply.get("error") or reply.get("code") or "no findings member")
            continue
        findings[page_id] = reply["findings"]
    missing = set(expected_ids) - set(findings) - set(errors)
    if missing:
        raise HostError(f"{len(missing)} pages have no output line, e.g. {sorted(missing)[0]}")
    return findings, errors


# ------------------------------------------------------------------ scoring

def overlaps(a, b):
    return a["start"] < b["end"] and b["start"] < a["end"]


def at_warn(finding, warn_at):
    return LEVELS.get(finding.get("confidence"), 0) >= LEVELS[warn_at]


@dataclass
class Miss:
    page: dict
    gold: dict
    below: str = "-"  # rules that found the span under the warn level, if any


@dataclass
class FalseFinding:
    page: dict
    finding: dict


@dataclass
class Report:
    warn_at: str
    phi_pages: int = 0
    phi_pages_warned: int = 0
    clean_pages: int = 0
    clean_pages_warned: int = 0
    gold_by_cat: collections.Counter = field(default_factory=collections.Counter)
    hit_by_cat: collections.Counter = field(default_factory=collections.Counter)
    hit_same_cat: collections.Counter = field(default_factory=collections.Counter)
    findings_by_rule: collections.Counter = field(default_factory=collections.Counter)
    true_by_rule: collections.Counter = field(default_factory=collections.Counter)
    category_of_rule: dict = field(default_factory=dict)
    findings_by_level: collections.Counter = field(default_factory=collections.Counter)
    invalid_findings: int = 0
    errors: dict = field(default_factory=dict)
    misses: list = field(default_factory=list)
    false_findings: list = field(default_factory=list)
    warned_clean: list = field(default_factory=list)
    silent_phi: list = field(default_factory=list)

    @property
    def page_recall(self):
        return ratio(self.phi_pages_warned, self.phi_pages)

    @property
    def false_warning_rate(self):
        return ratio(self.clean_pages_warned, self.clean_pages, empty=0.0)

    def span_recall(self, same_category=False):
        hits = self.hit_same_cat if same_category else self.hit_by_cat
        cats = [c for c in self.gold_by_cat if c not in SEPARATE_CATEGORIES]
        return ratio(sum(hits[c] for c in cats), sum(self.gold_by_cat[c] for c in cats))

    @property
    def span_precision(self):
        return ratio(sum(self.true_by_rule.values()), sum(self.findings_by_rule.values()))

    def failures(self):
        """Targets missed, as readable strings (empty when all are met)."""
        out = []
        if self.page_recall < TARGETS["page_recall"]:
            out.append(f"page recall {self.page_recall:.4f} < {TARGETS['page_recall']}")
        if self.false_warning_rate > TARGETS["false_warning_rate"]:
            out.append(f"false-warning rate {self.false_warning_rate:.4f} > {TARGETS['false_warning_rate']}")
        if self.span_recall() < TARGETS["span_recall"]:
            out.append(f"span recall {self.span_recall():.4f} < {TARGETS['span_recall']}")
        if self.errors:
            out.append(f"{len(self.errors)} pages answered with an error")
        if self.invalid_findings:
            out.append(f"{self.invalid_findings} findings with spans outside the text")
        return out


def ratio(num, den, empty=1.0):
    return num / den if den else empty


def utf16_length(text):
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def score(pages, findings_by_id, warn_at="medium", errors=None):
    report = Report(warn_at=warn_at, errors=dict(errors or {}))
    for page in pages:
        findings = valid_findings(page, findings_by_id.get(page["id"], []), report)
        warned = [f for f in findings if at_warn(f, warn_at)]
        for f in findings:
            report.findings_by_level[f.get("confidence")] += 1
        score_page_level(report, page, warned)
        score_spans(report, page, warned, findings)
    return report


def valid_findings(page, findings, report):
    limit = utf16_length(page["text"])
    good = []
    for f in findings:
        if isinstance(f.get("start"), int) and isinstance(f.get("end"), int) and 0 <= f["start"] < f["end"] <= limit:
            good.append(f)
        else:
            report.invalid_findings += 1
    return good


def score_page_level(report, page, warned):
    if page["kind"] == "phi":
        report.phi_pages += 1
        report.phi_pages_warned += bool(warned)
        if not warned:
            report.silent_phi.append(page)
    else:
        report.clean_pages += 1
        report.clean_pages_warned += bool(warned)
        if warned:
            report.warned_clean.append(page)


def score_spans(report, page, warned, findings):
    for g in page["gold"]:
        cat = g["category"]
        report.gold_by_cat[cat] += 1
        touching = [f for f in warned if overlaps(f, g)]
        if touching:
            report.hit_by_cat[cat] += 1
            report.hit_same_cat[cat] += any(f.get("category") == cat for f in touching)
        else:
            below = sorted({f"{f.get('rule', '?')}@{f.get('confidence')}" for f in findings if overlaps(f, g)})
            report.misses.append(Miss(page, g, ", ".join(below) or "-"))
    for f in warned:
        rule = f.get("rule", "?")
        report.findings_by_rule[rule] += 1
        report.category_of_rule[rule] = f.get("category", "?")
        if any(overlaps(f, g) for g in page["gold"]):
            report.true_by_rule[rule] += 1
        else:
            report.false_findings.append(FalseFinding(page, f))


# ------------------------------------------------------------------ masked context

def utf16_to_index(text):
    """Map every UTF-16 offset of text to a str index (offsets inside a pair map to the next char)."""
    table = []
    for i, ch in enumerate(text):
        table.append(i)
        if ord(ch) > 0xFFFF:
            table.append(i + 1)
    table.append(len(text))
    return table


def masked_context(page, span, label, findings=(), width=40):
    """Text around span with span -> [label], other gold/finding spans -> [category], digits -> '#'."""
    text = page["text"]
    to_idx = utf16_to_index(text)
    start, end = to_idx[span["start"]], to_idx[span["end"]]
    lo, hi = max(0, start - width), min(len(text), end + width)
    masks = [(start, end, label)]
    for other in list(page["gold"]) + list(findings):
        s, e = to_idx[other["start"]], to_idx[other["end"]]
        if s < hi and lo < e and not (s < end and start < e):
            masks.append((max(s, lo), min(e, hi), other.get("category", "?")))
    masks.sort()
    out, pos = [], lo
    for s, e, name in masks:
        if s < pos:
            continue
        out.append(scrub(text[pos:s]))
        out.append(f"[{name}]")
        pos = e
    out.append(scrub(text[pos:hi]))
    return ("…" if lo > 0 else "") + "".join(out) + ("…" if hi < len(text) else "")


def scrub(text):
    return "".join("#" if ch.isdigit() else "⏎" if ch == "\n" else " " if ch == "\t" else ch for ch in text)


# ------------------------------------------------------------------ rendering

def render(report, findings_by_id, top=10, elapsed=None, corpus_bytes=0):
    lines = []
    add = lines.append
    add(f"PHI Sentry accuracy (warn at {report.warn_at} or above)")
    add("")
    add(f"  page recall          {report.page_recall:7.4f}   {report.phi_pages_warned}/{report.phi_pages} PHI pages warn"
        f"   (target >= {TARGETS['page_recall']})  {mark(report.page_recall >= TARGETS['page_recall'])}")
    add(f"  false-warning rate   {report.false_warning_rate:7.4f}   {report.clean_pages_warned}/{report.clean_pages} clean pages warn"
        f"   (target <= {TARGETS['false_warning_rate']})  {mark(report.false_warning_rate <= TARGETS['false_warning_rate'])}")
    add(f"  span recall          {report.span_recall():7.4f}   any category; {report.span_recall(True):.4f} same category"
        f"   (target >= {TARGETS['span_recall']})  {mark(report.span_recall() >= TARGETS['span_recall'])}")
    add(f"  span precision       {report.span_precision:7.4f}   {sum(report.true_by_rule.values())}/{sum(report.findings_by_rule.values())} warn-level findings touch gold")
    levels = ", ".join(f"{k} {report.findings_by_level.get(k, 0)}" for k in LEVELS)
    add(f"  findings             {levels}; invalid spans {report.invalid_findings}; error replies {len(report.errors)}")
    if elapsed is not None:
        mib = corpus_bytes / 2 ** 20
        add(f"  host time            {elapsed:.2f} s for {mib:.1f} MiB ({mib / elapsed if elapsed else 0:.1f} MiB/s)")
    add("")
    add(table(["category", "gold", "recalled", "recall", "same cat", "recall"],
              [[c + (" (separate)" if c in SEPARATE_CATEGORIES else ""), report.gold_by_cat[c], report.hit_by_cat[c],
                f"{ratio(report.hit_by_cat[c], report.gold_by_cat[c]):.4f}", report.hit_same_cat[c],
                f"{ratio(report.hit_same_cat[c], report.gold_by_cat[c]):.4f}"]
               for c in sorted(report.gold_by_cat, key=lambda c: (c in SEPARATE_CATEGORIES, c))]))
    add("")
    add(table(["rule", "category", "findings", "on gold", "precision"],
              [[r, report.category_of_rule.get(r, "?"), n, report.true_by_rule[r], f"{ratio(report.true_by_rule[r], n):.4f}"]
               for r, n in sorted(report.findings_by_rule.items(), key=lambda kv: (ratio(report.true_by_rule[kv[0]], kv[1]), -kv[1]))]))
    add("")
    render_misses(report, findings_by_id, top, add)
    render_false(report, findings_by_id, top, add)
    if report.errors:
        add("Error replies:")
        for page_id, err in list(report.errors.items())[:top]:
            add(f"  {page_id}: {err}")
    return "\n".join(lines)


def mark(ok):
    return "ok" if ok else "MISSED"


def render_misses(report, findings_by_id, top, add):
    add(f"Worst misses (gold spans with no warn-level finding): {len(report.misses)}")
    groups = collections.Counter((m.page["template"], m.gold["category"], m.below) for m in report.misses)
    add(table(["template", "category", "found below warn level by", "missed"], [[*k, n] for k, n in groups.most_common(top)]))
    for m in pick_examples(report.misses, lambda m: (m.page["template"], m.gold["category"]), top):
        ctx = masked_context(m.page, m.gold, "MISSED " + m.gold["category"], findings_by_id.get(m.page["id"], []))
        add(f"  {m.page['id']} {m.page['template']}: {ctx}")
    if report.silent_phi:
        add("PHI pages with no warning: " + ", ".join(f"{p['id']} ({p['template']})" for p in report.silent_phi[:top]))
    add("")


def render_category_misses(report, findings_by_id, category):
    """Every miss of one category, masked, for working through a class of misses."""
    misses = [m for m in report.misses if m.gold["category"] == category]
    lines = [f"Missed {category} spans: {len(misses)}"]
    for m in misses:
        ctx = masked_context(m.page, m.gold, "MISSED " + category, findings_by_id.get(m.page["id"], []))
        lines.append(f"  {m.page['id']} {m.page['template']} ({m.below}): {ctx}")
    return "\n".join(lines)


def render_false(report, findings_by_id, top, add):
    add(f"False warnings: {len(report.warned_clean)} clean pages warn; {len(report.false_findings)} warn-level findings touch no gold")
    by_template = collections.Counter(p["template"] for p in report.warned_clean)
    if by_template:
        add(table(["clean template", "pages warned"], [[t, n] for t, n in by_template.most_common(top)]))
    groups = collections.Counter((f.finding.get("rule", "?"), f.finding.get("category", "?"), f.page["kind"], f.page["template"])
                                 for f in report.false_findings)
    add(table(["rule", "category", "page kind", "template", "findings"], [[*k, n] for k, n in groups.most_common(top)]))
    for f in pick_examples(report.false_findings, lambda f: (f.finding.get("rule"), f.page["template"]), top):
        label = f"{f.finding.get('rule', '?')}:{f.finding.get('category', '?')}"
        ctx = masked_context(f.page, f.finding, label, findings_by_id.get(f.page["id"], []))
        add(f"  {f.page['id']} {f.page['template']}: {ctx}")
    add("")


def pick_examples(items, key, top):
    """One example from each of the top most common groups."""
    seen, counts = {}, collections.Counter(key(i) for i in items)
    for item in items:
        seen.setdefault(key(item), item)
    return [seen[k] for k, _ in counts.most_common(top)]


def table(header, rows):
    cells = [[str(c) for c in header]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    out = []
    for n, row in enumerate(cells):
        out.append("  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w) if c.replace(".", "").isdigit() else c.ljust(w)
                                    for i, (c, w) in enumerate(zip(row, widths))).rstrip())
        if n == 0:
            out.append("  " + "  ".join("-" * w for w in widths))
    return "\n".join(out)


def summary_json(report):
    return {
        "warn_at": report.warn_at, "page_recall": report.page_recall, "false_warning_rate": report.false_warning_rate,
        "span_recall": report.span_recall(), "span_recall_same_category": report.span_recall(True),
        "span_precision": report.span_precision, "phi_pages": report.phi_pages, "clean_pages": report.clean_pages,
        "recall_by_category": {c: ratio(report.hit_by_cat[c], n) for c, n in report.gold_by_cat.items()},
        "precision_by_rule": {r: ratio(report.true_by_rule[r], n) for r, n in report.findings_by_rule.items()},
        "failures": report.failures(),
    }


# ------------------------------------------------------------------ command line

def main(argv=None):
    ap = argparse.ArgumentParser(description="Score phisentry findings against a gold corpus.")
    pages_from = ap.add_mutually_exclusive_group(required=True)
    pages_from.add_argument("--corpus", help="JSONL written by tests/corpus/generate.py")
    pages_from.add_argument("--handwritten", help="folder of phi-*.txt / clean-*.txt pages with ⟦category:text⟧ gold")
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--phisentry", help="path to the phisentry binary")
    source.add_argument("--findings", help="score saved `scan --jsonl` output instead of running the host")
    ap.add_argument("--rules", help="rule pack directory passed to the host")
    ap.add_argument("--warn-at", choices=tuple(LEVELS), default="medium")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument("--top", type=int, default=12, help="rows in the miss / false-warning lists")
    ap.add_argument("--save-findings", help="also write the host's output lines here")
    ap.add_argument("--json", help="write the headline metrics here as JSON")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--misses", metavar="CATEGORY", help="also list every missed span of CATEGORY (masked context)")
    args = ap.parse_args(argv)

    try:
        pages = load_jsonl(args.corpus) if args.corpus else load_handwritten(args.handwritten)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    elapsed = None
    try:
        if args.phisentry:
            findings, errors, elapsed = run_host(args.phisentry, pages, args.rules, args.timeout)
        else:
            with open(args.findings, encoding="utf-8") as f:
                findings, errors = parse_host_output(f.read(), [p["id"] for p in pages])
    except (HostError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.save_findings:
        with open(args.save_findings, "w", encoding="utf-8") as f:
            for p in pages:
                reply = {"id": p["id"], "findings": findings[p["id"]]} if p["id"] in findings else {"id": p["id"], "error": errors[p["id"]]}
                f.write(json.dumps(reply) + "\n")
    report = score(pages, findings, args.warn_at, errors)
    corpus_bytes = sum(len(p["text"].encode("utf-8")) for p in pages)
    print(render(report, findings, args.top, elapsed, corpus_bytes))
    if args.misses:
        print(render_category_misses(report, findings, args.misses))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(summary_json(report), f, indent=2)
    failures = report.failures()
    if args.check and failures:
        print("\nTARGETS MISSED: " + "; ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
