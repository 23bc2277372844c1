"""Unit tests of tests/bench/accuracy.py, fed with fake findings."""

import io
import json
import os
import stat
import sys
import tempfile
import textwrap
import unittest
from contextlib import redirect_stdout, redirect_stderr
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import accuracy  # noqa: E402


def gold(text, value, category, hipaa="X", nth=0):
    """Gold span of the nth occurrence of value in a BMP-only text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(value, start + 1)
    return {"start": start, "end": start + len(value), "category": category, "hipaa": hipaa}


def finding(span, confidence="high", rule="test.rule", category=None):
    return {"start": span["start"], "end": span["end"], "rule": rule,
            "category": category or span.get("category", "other"), "hipaa": "X", "confidence": confidence, "why": "test"}


def phi_page(pid, text, spans, template="t_phi"):
    return {"id": pid, "kind": "phi", "template": template, "text": text, "gold": spans}


def clean_page(pid, text, template="t_clean"):
    return {"id": pid, "kind": "clean", "template": template, "text": text, "gold": []}


SSN_TEXT = "Pt Ines Rowe, SSN 417-62-3390, seen today."
NPI_TEXT = "Referring NPI 1558036672 for Mr. Dobbs, phone 312-555-0188."
CLEAN_TEXT = "Build 20240311 shipped; INC0012345 closed; server 10.2.3.4."


class ScoreTest(unittest.TestCase):
    def setUp(self):
        self.ssn = gold(SSN_TEXT, "417-62-3390", "ssn")
        self.name = gold(SSN_TEXT, "Ines Rowe", "name")
        self.npi = gold(NPI_TEXT, "1558036672", "provider_id")
        self.phone = gold(NPI_TEXT, "312-555-0188", "phone")
        self.surname = gold(NPI_TEXT, "Dobbs", "name")
        self.pages = [phi_page("a", SSN_TEXT, [self.name, self.ssn]),
                      phi_page("b", NPI_TEXT, [self.npi, self.surname, self.phone]),
                      clean_page("c", CLEAN_TEXT), clean_page("d", "Nothing here.")]

    def test_perfect_findings_meet_every_target(self):
        findings = {"a": [finding(self.name), finding(self.ssn)],
                    "b": [finding(self.npi), finding(self.surname), finding(self.phone)], "c": [], "d": []}
        report = accuracy.score(self.pages, findings)
        self.assertEqual(report.page_recall, 1.0)
        self.assertEqual(report.false_warning_rate, 0.0)
        self.assertEqual(report.span_recall(), 1.0)
        self.assertEqual(report.span_recall(same_category=True), 1.0)
        self.assertEqual(report.span_precision, 1.0)
        self.assertEqual(report.failures(), [])

    def test_findings_below_warn_level_do_not_count(self):
        findings = {"a": [finding(self.ssn, "low")], "b": [finding(self.phone, "medium")], "c": [], "d": []}
        medium = accuracy.score(self.pages, findings, "medium")
        self.assertEqual(medium.page_recall, 0.5)
        self.assertEqual(medium.hit_by_cat["ssn"], 0)
        low = accuracy.score(self.pages, findings, "low")
        self.assertEqual(low.page_recall, 1.0)
        self.assertEqual(low.hit_by_cat["ssn"], 1)
        high = accuracy.score(self.pages, findings, "high")
        self.assertEqual(high.page_recall, 0.0)

    def test_misses_name_the_rules_that_found_them_below_the_warn_level(self):
        findings = {"a": [finding(self.ssn, "low", "ssn.bare")], "b": [], "c": [], "d": []}
        report = accuracy.score(self.pages, findings)
        below = {m.gold["category"]: m.below for m in report.misses}
        self.assertEqual(below["ssn"], "ssn.bare@low")
        self.assertEqual(below["name"], "-")

    def test_clean_page_warning_is_a_false_warning_and_a_false_finding(self):
        build = gold(CLEAN_TEXT, "20240311", "date")
        findings = {"a": [finding(self.ssn)], "b": [finding(self.phone)], "c": [finding(build, "medium", "date.compact")], "d": []}
        report = accuracy.score(self.pages, findings)
        self.assertEqual(report.false_warning_rate, 0.5)
        self.assertEqual([p["id"] for p in report.warned_clean], ["c"])
        self.assertEqual(len(report.false_findings), 1)
        self.assertEqual(report.false_findings[0].finding["rule"], "date.compact")
        self.assertAlmostEqual(report.span_precision, 2 / 3)
        self.assertIn("false-warning rate", " ".join(report.failures()))

    def test_span_recall_counts_overlap_and_reports_category_match_separately(self):
        partial = {"start": self.ssn["start"] + 4, "end": self.ssn["end"] + 2}
        findings = {"a": [finding(partial, category="phone"), finding(self.name)], "b": [], "c": [], "d": []}
        report = accuracy.score(self.pages, findings)
        self.assertEqual(report.hit_by_cat["ssn"], 1)
        self.assertEqual(report.hit_same_cat["ssn"], 0)
        # 2 of the 4 patient spans (name, ssn of a; name, phone of b) overlap a finding.
        self.assertAlmostEqual(report.span_recall(), 2 / 4)
        self.assertAlmostEqual(report.span_recall(same_category=True), 1 / 4)

    def test_adjacent_finding_does_not_overlap(self):
        touching = {"start": self.ssn["end"], "end": self.ssn["end"] + 1}
        self.assertFalse(accuracy.overlaps(touching, self.ssn))
        self.assertTrue(accuracy.overlaps({"start": self.ssn["end"] - 1, "end": self.ssn["end"]}, self.ssn))

    def test_provider_ids_are_reported_apart_from_patient_span_recall(self):
        findings = {"a": [finding(self.name), finding(self.ssn)], "b": [finding(self.surname), finding(self.phone)], "c": [], "d": []}
        report = accuracy.score(self.pages, findings)
        self.assertEqual(report.span_recall(), 1.0)
        self.assertEqual(report.gold_by_cat["provider_id"], 1)
        self.assertEqual(report.hit_by_cat["provider_id"], 0)

    def test_findings_outside_the_text_are_invalid(self):
        limit = accuracy.utf16_length(SSN_TEXT)
        findings = {"a": [finding({"start": limit - 2, "end": limit + 5}), finding(self.ssn), {"start": "x", "end": 3}],
                    "b": [], "c": [], "d": []}
        report = accuracy.score(self.pages, findings)
        self.assertEqual(report.invalid_findings, 2)
        self.assertEqual(sum(report.findings_by_rule.values()), 1)
        self.assertIn("outside the text", " ".join(report.failures()))

    def test_error_replies_fail_the_check(self):
        report = accuracy.score(self.pages, {"b": [], "c": [], "d": []}, errors={"a": "internal"})
        self.assertEqual(report.page_recall, 0.0)
        self.assertIn("error", " ".join(report.failures()))

    def test_missing_page_counts_as_silent(self):
        report = accuracy.score(self.pages, {})
        self.assertEqual(report.page_recall, 0.0)
        self.assertEqual(len(report.silent_phi), 2)
        self.assertEqual(len(report.misses), 5)


class Utf16Test(unittest.TestCase):
    TEXT = "🚨 Pt 👉 Zoë Park DOB 03/04/1961 ok"

    def spans(self):
        # Offsets in UTF-16 code units: each emoji is two units.
        name_start = len("🚨 Pt 👉 ".encode("utf-16-le")) // 2
        dob_start = len("🚨 Pt 👉 Zoë Park DOB ".encode("utf-16-le")) // 2
        return ({"start": name_start, "end": name_start + 8, "category": "name", "hipaa": "A"},
                {"start": dob_start, "end": dob_start + 10, "category": "date", "hipaa": "C"})

    def test_length_and_index_map(self):
        self.assertEqual(accuracy.utf16_length(self.TEXT), len(self.TEXT) + 2)
        table = accuracy.utf16_to_index(self.TEXT)
        name, dob = self.spans()
        self.assertEqual(self.TEXT[table[name["start"]]:table[name["end"]]], "Zoë Park")
        self.assertEqual(self.TEXT[table[dob["start"]]:table[dob["end"]]], "03/04/1961")

    def test_masked_context_hides_spans_and_digits(self):
        name, dob = self.spans()
        page = phi_page("u", self.TEXT, [name, dob])
        ctx = accuracy.masked_context(page, dob, "MISSED date")
        self.assertIn("[MISSED date]", ctx)
        self.assertIn("[name]", ctx)
        self.assertNotIn("Zoë", ctx)
        self.assertNotIn("1961", ctx)
        self.assertFalse(any(ch.isdigit() for ch in ctx.replace("[MISSED date]", "")))

    def test_masked_context_masks_other_findings_and_scrubs_digits(self):
        text = "Build 20240311 on host 10.2.3.4 for INC0012345, then more words"
        page = clean_page("c", text)
        build = gold(text, "20240311", "date")
        ip = gold(text, "10.2.3.4", "ip")
        ctx = accuracy.masked_context(page, build, "date.compact:date", [finding(build), finding(ip, category="ip")])
        self.assertEqual(ctx.count("[date.compact:date]"), 1)
        self.assertIn("[ip]", ctx)
        self.assertIn("INC#######", ctx)


class HostOutputTest(unittest.TestCase):
    def test_lines_are_matched_by_id(self):
        out = '{"id": "b", "findings": []}\n{"id": "a", "findings": [{"start": 0, "end": 2}]}\n'
        findings, errors = accuracy.parse_host_output(out, ["a", "b"])
        self.assertEqual(findings["a"][0]["end"], 2)
        self.assertEqual(errors, {})

    def test_error_lines_are_collected(self):
        out = '{"id": "a", "error": "internal"}\n{"id": "b", "findings": []}\n'
        findings, errors = accuracy.parse_host_output(out, ["a", "b"])
        self.assertEqual(errors, {"a": "internal"})
        self.assertEqual(list(findings), ["b"])

    def test_wrong_line_count_or_unknown_ids_raise(self):
        with self.assertRaises(accuracy.HostError):
            accuracy.parse_host_output('{"id": "a", "findings": []}\n', ["a", "b"])
        with self.assertRaises(accuracy.HostError):
            accuracy.parse_host_output('{"id": "a", "findings": []}\n{"id": "z", "findings": []}\n', ["a", "b"])
        with self.assertRaises(accuracy.HostError):
            accuracy.parse_host_output('not json\n', ["a"])


FAKE_HOST = textwrap.dedent('''\
    #!{python}
    """Stand-in for `phisentry scan --jsonl`: reports every occurrence of the word FLAG, exits 1 if any."""
    import json, sys
    args = sys.argv[1:]
    assert args[:2] == ["scan", "--jsonl"], args
    if "--rules" in args:
        open({marker!r}, "w").write(args[args.index("--rules") + 1])
    any_found = False
    for line in sys.stdin:
        req = json.loads(line)
        text, pos, found = req["text"], 0, []
        while (pos := text.find("FLAG", pos)) >= 0:
            u16 = len(text[:pos].encode("utf-16-le")) // 2
            found.append({{"start": u16, "end": u16 + 4, "rule": "fake.flag", "category": "other",
                          "hipaa": "R", "confidence": "high", "why": "fake"}})
            pos += 4
        print(json.dumps({{"id": req["id"], "findings": found}}))
        any_found = any_found or bool(found)
    sys.exit(1 if any_found else 0)
''')


class CommandLineTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.marker = self.dir / "rules-arg"
        host = self.dir / "fake-phisentry"
        host.write_text(FAKE_HOST.format(python=sys.executable, marker=str(self.marker)))
        host.chmod(host.stat().st_mode | stat.S_IEXEC)
        self.host = str(host)

    def tearDown(self):
        self.tmp.cleanup()

    def write_corpus(self, pages):
        path = self.dir / "corpus.jsonl"
        path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pages), encoding="utf-8")
        return str(path)

    def run_main(self, *argv):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = accuracy.main(list(argv))
        return code, out.getvalue(), err.getvalue()

    def test_host_run_meets_targets_when_every_gold_is_flagged(self):
        text = "📌 note: FLAG and FLAG again"
        u16 = lambda s: len(s.encode("utf-16-le")) // 2  # noqa: E731
        first = u16("📌 note: ")
        second = u16("📌 note: FLAG and ")
        pages = [phi_page("p1", text, [{"start": first, "end": first + 4, "category": "other", "hipaa": "R"},
                                       {"start": second, "end": second + 4, "category": "other", "hipaa": "R"}]),
                 clean_page("c1", "nothing to see")]
        corpus = self.write_corpus(pages)
        saved = self.dir / "findings.jsonl"
        code, out, _ = self.run_main("--corpus", corpus, "--phisentry", self.host, "--rules", "/some/rules",
                                     "--check", "--save-findings", str(saved))
        self.assertEqual(code, 0, out)
        self.assertIn("page recall           1.0000", out)
        self.assertEqual(self.marker.read_text(), "/some/rules")
        # The saved output scores the same without running the host.
        code, out2, _ = self.run_main("--corpus", corpus, "--findings", str(saved), "--check")
        self.assertEqual(code, 0)

    def test_check_fails_on_missed_targets_and_report_holds_no_phi(self):
        pages = [phi_page("p1", SSN_TEXT, [gold(SSN_TEXT, "Ines Rowe", "name"), gold(SSN_TEXT, "417-62-3390", "ssn")]),
                 clean_page("c1", "FLAG is not PHI, and neither is 20240311")]
        corpus = self.write_corpus(pages)
        summary = self.dir / "summary.json"
        code, out, err = self.run_main("--corpus", corpus, "--phisentry", self.host, "--check", "--json", str(summary))
        self.assertEqual(code, 1)
        self.assertIn("TARGETS MISSED", err)
        self.assertIn("[MISSED ssn]", out)
        self.assertIn("[fake.flag:other]", out)
        for value in ("417-62-3390", "Ines", "Rowe", "3390", "20240311"):
            self.assertNotIn(value, out)
        metrics = json.loads(summary.read_text())
        self.assertEqual(metrics["page_recall"], 0.0)
        self.assertEqual(metrics["false_warning_rate"], 1.0)
        self.assertEqual(len(metrics["failures"]), 3)

    def test_host_failure_exits_2(self):
        corpus = self.write_corpus([clean_page("c1", "x")])
        code, _, err = self.run_main("--corpus", corpus, "--phisentry", os.path.join(self.tmp.name, "missing"))
        self.assertEqual(code, 2)
        self.assertIn("error", err)

    def test_host_exit_status_2_is_an_error(self):
        broken = self.dir / "broken-phisentry"
        broken.write_text(f"#!{sys.executable}\nimport sys\nsys.stderr.write('bad rules\\n')\nsys.exit(2)\n")
        broken.chmod(broken.stat().st_mode | stat.S_IEXEC)
        corpus = self.write_corpus([clean_page("c1", "x")])
        code, _, err = self.run_main("--corpus", corpus, "--phisentry", str(broken))
        self.assertEqual(code, 2)
        self.assertIn("bad rules", err)


class HandwrittenPagesTest(unittest.TestCase):
    def test_marks_become_utf16_gold_spans(self):
        page = accuracy.parse_marked_page("Pt \u27e6name:Jos\u00e9 Ruiz\u27e7 \U0001F600 DOB \u27e6date:3/4/61\u27e7.", "p", "phi")
        self.assertEqual(page["text"], "Pt Jos\u00e9 Ruiz \U0001F600 DOB 3/4/61.")
        self.assertEqual([(g["start"], g["end"], g["category"]) for g in page["gold"]], [(3, 12, "name"), (20, 26, "date")])

    def test_bad_marks_and_kinds_are_refused(self):
        for text, kind in [("a \u27e6name Jo\u27e7", "phi"), ("a \u27e6name:Jo", "phi"), ("no gold", "phi"),
                           ("\u27e6ssn:529-18-4471\u27e7", "clean"), ("stray \u27e7", "clean")]:
            with self.subTest(text=text), self.assertRaises(accuracy.PageFormatError):
                accuracy.parse_marked_page(text, "p", kind)

    def test_every_shipped_page_parses(self):
        folder = Path(__file__).resolve().parent / "handwritten"
        pages = accuracy.load_handwritten(folder)
        self.assertGreaterEqual(len(pages), 20)
        self.assertTrue({"phi", "clean"} <= {p["kind"] for p in pages})
        for page in pages:
            for g in page["gold"]:
                self.assertFalse(page["text"][g["start"]:g["end"]].isspace())


if __name__ == "__main__":
    unittest.main()
