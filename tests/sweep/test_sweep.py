"""`phisentry sweep` end to end: exports and a loopback Confluence site built from synthetic pages with
known PHI; the reports' figures are checked against the gold, and no output may hold a planted value."""

import collections
import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unittest
import zipfile
from pathlib import Path

import synthetic
from sweeplib import LoopbackConfluence, Sweeper

CHROMIUM = "/usr/bin/chromium"
TOKEN = "synthetic-token-7f3a9c"


SHARED_CACHE = None


def setUpModule():
    global SHARED_CACHE
    SHARED_CACHE = tempfile.mkdtemp(prefix="sweep-test-cache-")


def tearDownModule():
    shutil.rmtree(SHARED_CACHE, ignore_errors=True)


def gold_of(pages):
    return {str(p.page_id): p.gold() for p in pages}


def counts_of(record):
    return {name: c["count"] for name, c in record["categories"].items()}


def digits_only(value):
    return re.sub(r"[^0-9A-Za-z@.]", "", value)


class SweepTestCase(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="sweep-test-"))
        self.sweeper = Sweeper(self.dir, SHARED_CACHE)

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def assert_no_values(self, run, pages, extra_values=()):
        """No report, state file, log or console line holds a planted value (nor its bare characters).
        Ages (two or three digits) are left out: such numbers occur in any report's figures."""
        everything = run.every_output()
        values = [p.value for page in pages for p in page.planted if p.category != "age"]
        for value in [*values, *extra_values]:
            self.assertFalse(value in everything, f"a planted value ({len(value)} chars) is in the outputs")
            bare = digits_only(value)
            self.assertFalse(len(bare) >= 7 and bare in everything, "a planted value's characters are in the outputs")

    def assert_matches_gold(self, records, pages):
        gold = gold_of(pages)
        by_id = {r["id"]: r for r in records if r["kind"] == "page"}
        for page_id, expected in gold.items():
            with self.subTest(page=page_id):
                self.assertEqual(counts_of(by_id[page_id]), expected)


class HtmlExportTest(SweepTestCase):
    def build(self):
        self.pages = synthetic.make_pages(30, seed=11)
        # The attachment repeats an SSN of another page: both must carry the same hash.
        self.shared_ssn_page = next(p for p in self.pages if any(v.category == "ssn" for v in p.planted))
        self.attachment_ssn = next(v.value for v in self.shared_ssn_page.planted if v.category == "ssn")
        first_ops = next(p for p in self.pages if p.space == "OPS")
        self.attachments = {first_ops.page_id: (first_ops.page_id + 1, f"Call log\nPatient SSN: {self.attachment_ssn}\n")}
        self.export = self.dir / "Confluence-space-export.html.zip"
        self.names = synthetic.write_html_export(self.export, self.pages, self.attachments)
        return self.sweeper.run([str(self.export), "--covered", "BILL"], self.dir / "out")

    def test_every_page_and_attachment_is_reported_with_the_gold_counts(self):
        run = self.build()
        self.assertEqual(run.status, 1, run.stderr)
        records = run.pages()
        self.assertEqual(len(records), len(self.names))  # pages, the space indexes and the attachment
        self.assert_matches_gold(records, self.pages)
        attachment = next(r for r in records if r["kind"] == "attachment")
        self.assertEqual(counts_of(attachment), {"ssn": 1})
        first_ops = next(p for p in self.pages if p.space == "OPS")
        self.assertEqual(attachment["parent"], {"id": str(first_ops.page_id), "title": first_ops.title})
        for index in (r for r in records if r["url"].endswith("index.html")):
            self.assertEqual(index["findings"], 0)

    def test_titles_spaces_and_dates_come_from_confluence_markup(self):
        records = {r["id"]: r for r in self.build().pages()}
        page = self.pages[1]
        record = records[str(page.page_id)]
        self.assertEqual(record["title"], page.title)
        self.assertEqual(record["space"]["key"], page.space)
        self.assertEqual(record["space"]["name"], synthetic.SPACE_NAMES[page.space])
        self.assertEqual(record["last_modified"], "Mar 04, 2024")

    def test_covered_workspaces_are_reported_apart_and_totals_add_up(self):
        run = self.build()
        summary = run.summary()
        with_phi = [p for p in self.pages if p.planted]
        outside = [p for p in with_phi if p.space != "BILL"]
        self.assertEqual(summary["uncovered"]["pages_with_phi"], len(outside) + 1)  # + the attachment
        self.assertEqual(summary["covered"]["pages_with_phi"], len(with_phi) - len(outside))
        for record in run.pages():
            self.assertEqual(record["workspace"], "covered" if record["space"]["key"] == "BILL" else "uncovered")
        expected = collections.Counter()
        for page in self.pages:
            expected.update(page.gold())
        expected["ssn"] += 1
        self.assertEqual(summary["all"]["findings_by_category"], dict(expected))
        self.assertEqual(summary["all"]["findings"], sum(expected.values()))
        by_space = summary["by_space"]
        self.assertEqual(by_space["BILL"]["pages_with_phi"], summary["covered"]["pages_with_phi"])

    def test_csv_has_one_row_per_page_with_counts_per_category(self):
        run = self.build()
        rows = list(csv.DictReader(io.StringIO((run.out / "pages.csv").read_text())))
        self.assertEqual(len(rows), len(run.pages()))
        gold = gold_of(self.pages)
        for row in rows:
            if row["kind"] != "page" or row["id"] not in gold:
                continue
            expected = gold[row["id"]]
            for category in ("ssn", "date", "mrn", "phone", "fax", "email", "health_plan", "age"):
                if category in row:
                    self.assertEqual(int(row[category]), expected.get(category, 0), (row["id"], category))

    def test_no_output_holds_a_value_and_equal_values_hash_equally(self):
        run = self.build()
        self.assert_no_values(run, self.pages, [self.attachment_ssn])
        records = run.pages()
        hashes = [h for r in records for c in r["categories"].values() for h in c["hashes"]]
        self.assertTrue(all(re.fullmatch(r"b2:[0-9a-f]{32}", h) for h in hashes))
        ssn_hashes = [h for r in records if "ssn" in r["categories"] for h in r["categories"]["ssn"]["hashes"]]
        planted_ssns = sum(1 for p in self.pages for v in p.planted if v.category == "ssn")
        self.assertEqual(len(ssn_hashes), planted_ssns + 1)
        self.assertEqual(len(set(ssn_hashes)), planted_ssns)  # the attachment's SSN is a page's
        attachment = next(r for r in records if r["kind"] == "attachment")
        page = next(r for r in records if r["id"] == str(self.shared_ssn_page.page_id))
        self.assertTrue(set(attachment["categories"]["ssn"]["hashes"]) <= set(page["categories"]["ssn"]["hashes"]))
        self.assertEqual(oct(self.sweeper.key.stat().st_mode & 0o777), "0o600")

    def test_the_html_report_is_standalone_and_renders(self):
        run = self.build()
        html = (run.out / "report.html").read_text()
        self.assertIn("Content-Security-Policy", html)
        self.assertNotRegex(html, r'(src|href)="(https?:)?//')  # nothing fetched from anywhere
        self.assertIn("<svg", html)
        self.assertIn('class="sortable"', html)
        outside = run.summary()["uncovered"]["pages_with_phi"]
        self.assertIn(f"<b>{outside}</b><span>pages with PHI outside covered workspaces", html)
        if not Path(CHROMIUM).exists():
            self.skipTest("no Chromium here to render the report")
        artifacts = Path(os.environ.get("PHISENTRY_ARTIFACTS", self.dir))
        artifacts.mkdir(parents=True, exist_ok=True)
        shot = artifacts / "sweep-report.png"
        shot.unlink(missing_ok=True)
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={shot}",
                        "--window-size=1280,900", "--user-data-dir=" + str(self.dir / "chromium"),
                        (run.out / "report.html").as_uri()], capture_output=True, timeout=60)
        self.assertTrue(shot.exists())
        self.assertGreater(shot.stat().st_size, 20_000)  # a rendered page, not a blank one


class XmlExportTest(SweepTestCase):
    def test_current_pages_and_comments_are_swept_and_history_and_drafts_are_not(self):
        pages = synthetic.make_pages(12, seed=5)
        values = synthetic.ValueFactory(4242)
        old_ssn, comment_mrn = values.ssn(), values.mrn()
        extras = synthetic.skipped_versions_xml(pages[0], f"Patient SSN: {old_ssn}")
        extras += synthetic.comment_xml(777001, pages[0], f"Follow-up: MRN: {comment_mrn} &amp; fax queue.")
        export = self.dir / "Confluence-space-export.xml.zip"
        synthetic.write_xml_export(export, pages, extras)
        run = self.sweeper.run([str(export)], self.dir / "out")
        self.assertEqual(run.status, 1, run.stderr)
        records = run.pages()
        self.assertEqual(len(records), len(pages) + 1)  # no earlier version, no draft
        self.assert_matches_gold(records, pages)
        comment = next(r for r in records if r["kind"] == "comment")
        self.assertEqual(counts_of(comment), {"mrn": 1})
        self.assertEqual(comment["parent"]["title"], pages[0].title)
        self.assertEqual(comment["space"]["key"], pages[0].space)
        page = next(r for r in records if r["id"] == str(pages[3].page_id))
        self.assertEqual(page["space"]["name"], synthetic.SPACE_NAMES[pages[3].space])
        self.assertEqual(page["last_modified"], pages[3].modified)
        self.assert_no_values(run, pages, [old_ssn, comment_mrn])

    def test_an_unzipped_export_folder_is_read_the_same(self):
        pages = synthetic.make_pages(6, seed=8)
        folder = self.dir / "export"
        folder.mkdir()
        (folder / "entities.xml").write_text(synthetic.entities_xml(pages))
        run = self.sweeper.run([str(folder)], self.dir / "out")
        self.assert_matches_gold(run.pages(), pages)


class DamagedInputTest(SweepTestCase):
    def test_damaged_archives_and_malformed_xml_are_reported_and_the_rest_is_swept(self):
        good_pages = synthetic.make_pages(8, seed=21)
        good = self.dir / "good.zip"
        synthetic.write_html_export(good, good_pages)
        truncated = self.dir / "truncated.zip"
        truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
        crc_pages = synthetic.make_pages(6, seed=22)
        crc = self.dir / "crc.zip"
        names = synthetic.write_html_export(crc, crc_pages)
        damaged_name = self.corrupt_member(crc, names[1])
        xml_pages = synthetic.make_pages(6, seed=23)
        malformed = self.dir / "malformed.xml.zip"
        text = synthetic.entities_xml(xml_pages)
        cut = text.index(f'<object class="Page" package="com.atlassian.confluence.pages"><id name="id">'
                         f'{xml_pages[4].page_id}<')
        with zipfile.ZipFile(malformed, "w") as z:
            z.writestr("entities.xml", text[:cut] + "<object class='Page'><id name=\"id\">1</broken>" + text[cut:])

        run = self.sweeper.run([str(good), str(truncated), str(crc), str(malformed)], self.dir / "out")
        self.assertEqual(run.status, 1, run.stderr)
        problems = run.summary()["problems"]
        sources = {p["source"]: p["message"] for p in problems}
        self.assertIn("not a readable zip archive", sources[str(truncated)])
        self.assertTrue(any(damaged_name.split("_")[-1] in s and "damaged" in m.lower() or "crc" in m.lower()
                            for s, m in sources.items()), problems)
        xml_problem = next(m for s, m in sources.items() if s.endswith("malformed.xml.zip!entities.xml"))
        self.assertRegex(xml_problem, r"malformed XML at line \d+")
        records = run.pages()
        self.assert_matches_gold([r for r in records if r["source"] == str(good)], good_pages)
        crc_ids = {r["id"] for r in records if r["source"] == str(crc)}
        self.assertEqual(len(crc_ids), len(names) - 1)
        xml_ids = {r["id"] for r in records if r["source"] == str(malformed)}
        self.assertTrue({str(p.page_id) for p in xml_pages[:4]} <= xml_ids)
        html = (run.out / "report.html").read_text()
        self.assertIn("Problems", html)
        self.assert_no_values(run, good_pages + crc_pages + xml_pages)

    def test_nothing_readable_is_an_error(self):
        bogus = self.dir / "bogus.zip"
        bogus.write_bytes(b"PK\x03\x04 this is not really a zip archive")
        run = self.sweeper.run([str(bogus), str(self.dir / "missing.zip")], self.dir / "out")
        self.assertEqual(run.status, 2)
        self.assertEqual(len(run.summary()["problems"]), 2)

    @staticmethod
    def corrupt_member(archive, name):
        """Flips bytes inside one member's compressed data: its CRC no longer matches."""
        with zipfile.ZipFile(archive) as z:
            info = z.getinfo(name)
        data = bytearray(archive.read_bytes())
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        for offset in range(start + 5, start + min(info.compress_size, 40)):
            data[offset] ^= 0x55
        archive.write_bytes(bytes(data))
        return name


class FilesTest(SweepTestCase):
    def test_text_markdown_and_html_files_in_folders(self):
        pages = synthetic.make_pages(6, seed=31, phi_every=7)
        folder = self.dir / "notes"
        (folder / "sub").mkdir(parents=True)
        (folder / "a.txt").write_text("\n".join(pages[1].paragraphs))
        (folder / "sub" / "b.md").write_text("# Notes\n\n" + "\n\n".join(pages[2].paragraphs))
        (folder / "c.html").write_text("<html><body><p>" + "</p><p>".join(pages[3].paragraphs) + "</p></body></html>")
        (folder / "picture.png").write_bytes(b"\x89PNG not text")
        clean = self.dir / "clean.txt"
        clean.write_text(synthetic.CLEAN[0])
        run = self.sweeper.run([str(folder), str(clean)], self.dir / "out")
        self.assertEqual(run.status, 1)
        by_title = {r["title"]: r for r in run.pages()}
        self.assertEqual(set(by_title), {"a.txt", "b.md", "c.html", "clean.txt"})
        self.assertEqual(counts_of(by_title["a.txt"]), pages[1].gold())
        self.assertEqual(counts_of(by_title["b.md"]), pages[2].gold())
        self.assertEqual(counts_of(by_title["c.html"]), pages[3].gold())
        self.assertEqual(by_title["clean.txt"]["findings"], 0)

    def test_a_clean_sweep_exits_0_and_phi_only_in_covered_workspaces_too(self):
        clean = self.dir / "clean.txt"
        clean.write_text(" ".join(synthetic.CLEAN))
        self.assertEqual(self.sweeper.run([str(clean)], self.dir / "a").status, 0)
        export = self.dir / "bill.zip"
        bill = [p for p in synthetic.make_pages(12, seed=3) if p.space == "BILL"]
        self.assertTrue(any(p.planted for p in bill))
        synthetic.write_html_export(export, bill)
        run = self.sweeper.run([str(export), "--covered", "BILL"], self.dir / "b")
        self.assertEqual(run.status, 0, run.stdout)
        self.assertGreater(run.summary()["covered"]["pages_with_phi"], 0)


class ProgressAndThreadsTest(SweepTestCase):
    def export(self, count=40):
        pages = synthetic.make_pages(count, seed=51)
        export = self.dir / "export.zip"
        synthetic.write_html_export(export, pages)
        return export, pages

    def test_a_terminal_shows_the_progress_bar_and_a_pipe_does_not(self):
        export, _ = self.export()
        status, shown = self.sweeper.run_on_terminal([str(export)], self.dir / "tty")
        self.assertEqual(status, 1)
        self.assertRegex(shown, r"\r.*\d+ pages.*pages/s.*MB/s")
        self.assertIn("\x1b[K", shown)  # each redraw clears the rest of the line
        piped = self.sweeper.run([str(export)], self.dir / "pipe", progress="auto")
        self.assertEqual(piped.status, 1)
        self.assertNotIn("pages/s", piped.stderr)
        self.assertNotIn("\r", piped.stderr)

    def test_every_core_is_used_and_the_reports_do_not_depend_on_the_thread_count(self):
        export, pages = self.export(60)
        one = self.sweeper.run([str(export), "--jobs", "1"], self.dir / "one")
        two = self.sweeper.run([str(export), "--jobs", "2"], self.dir / "two")
        default = self.sweeper.run([str(export)], self.dir / "default")
        self.assertEqual(one.summary()["run"]["threads"], 1)
        self.assertEqual(two.summary()["run"]["threads"], 2)
        self.assertEqual(default.summary()["run"]["threads"], max(1, os.cpu_count() or 1))
        self.assertEqual(one.pages(), two.pages())
        self.assert_matches_gold(two.pages(), pages)


class RestTest(SweepTestCase):
    def serve(self, pages, *extra):
        fixture = self.dir / "pages.json"
        synthetic.write_rest_fixture(fixture, pages)
        return LoopbackConfluence(fixture, TOKEN, *extra)

    def sweep_site(self, site, *args, out="out", env=None):
        return self.sweeper.run(["--site", site.base, "--page-size", "5", *args], self.dir / out,
                                env=dict({"PHISENTRY_CONFLUENCE_TOKEN": TOKEN}, **(env or {})))

    def test_pagination_and_429_with_retry_after(self):
        pages = synthetic.make_pages(23, seed=41)
        with self.serve(pages, "--throttle-every", "3") as site:
            run = self.sweep_site(site)
            requests = site.requests()
        self.assertEqual(run.status, 1, run.stderr)
        self.assertEqual(len(run.pages()), 23)
        self.assert_matches_gold(run.pages(), pages)
        statuses = [r["status"] for r in requests]
        self.assertEqual(statuses.count(200), 5)  # 23 pages, 5 a request
        self.assertGreaterEqual(statuses.count(429), 2)
        for before, after in zip(requests, requests[1:]):
            if before["status"] == 429:
                self.assertGreaterEqual(after["t"] - before["t"], 0.95)  # Retry-After: 1 was honoured
                self.assertEqual(after["path"], before["path"])
        record = run.pages()[0]
        self.assertTrue(record["url"].startswith(site.base + "/pages/viewpage.action?pageId="))
        self.assertEqual(record["space"]["url"], site.base + "/spaces/" + record["space"]["key"])
        self.assert_no_values(run, pages)

    def test_only_the_given_spaces_and_cloud_basic_auth(self):
        pages = synthetic.make_pages(10, seed=42)
        with self.serve(pages, "--user", "admin@clinic.example") as site:
            run = self.sweep_site(site, "--space", "OPS", "--user", "admin@clinic.example",
                                  "--covered", site.base + "/spaces/OPS")
        self.assertEqual({r["space"]["key"] for r in run.pages()}, {"OPS"})
        self.assertEqual(len(run.pages()), sum(1 for p in pages if p.space == "OPS"))
        self.assertTrue(all(r["workspace"] == "covered" for r in run.pages()))
        self.assertEqual(run.status, 0, run.stderr)

    def test_the_policy_decides_which_spaces_are_covered(self):
        """As for the extension: the most specific workspace entry decides (a pattern names no port)."""
        pages = synthetic.make_pages(10, seed=47)
        policy = self.dir / "policy.json"
        policy.write_text(json.dumps({"workspaces": [
            {"match": "http://127.0.0.1/wiki/*", "covered": True, "label": "Clinic wiki (BAA)"},
            {"match": "http://127.0.0.1/wiki/spaces/OPS/*", "covered": False}]}))
        with self.serve(pages) as site:
            run = self.sweep_site(site, env={"PHISENTRY_POLICY": str(policy)})
            overridden = self.sweep_site(site, "--policy", str(policy), "--covered", "OPS", out="out2")
        for record in run.pages():
            covered = record["space"]["key"] != "OPS"
            self.assertEqual(record["workspace"], "covered" if covered else "uncovered")
            if covered:
                self.assertEqual(record["covered_by"], "policy Clinic wiki (BAA) (http://127.0.0.1/wiki/*)")
        outside = sum(1 for p in pages if p.space == "OPS" and p.planted)
        self.assertEqual(run.summary()["uncovered"]["pages_with_phi"], outside)
        self.assertEqual(run.status, 1 if outside else 0)
        self.assertTrue(all(r["workspace"] == "covered" for r in overridden.pages()))
        self.assertEqual(overridden.status, 0)

    def test_a_policy_with_errors_is_refused_before_anything_is_swept(self):
        policy = self.dir / "policy.json"
        policy.write_text(json.dumps({"workspaces": [{"match": "https://wiki.clinic.example/*"}]}))
        clean = self.dir / "clean.txt"
        clean.write_text(synthetic.CLEAN[0])
        run = self.sweeper.run([str(clean), "--policy", str(policy)], self.dir / "out")
        self.assertEqual(run.status, 2)
        self.assertIn("workspaces[0].covered", run.stderr)
        self.assertFalse((self.dir / "out" / "pages.jsonl").exists())
        missing = self.sweeper.run([str(clean), "--policy", str(self.dir / "none.json")], self.dir / "out2")
        self.assertEqual(missing.status, 2)
        self.assertIn("no such policy file", missing.stderr)

    def test_an_interrupted_sweep_resumes_where_it_stopped(self):
        pages = synthetic.make_pages(23, seed=43)
        outage = self.dir / "site-is-down"
        outage.touch()
        with self.serve(pages, "--fail-after", "2", "--fail-while", str(outage)) as site:
            first = self.sweep_site(site, "--max-retries", "1")
            self.assertNotEqual(first.status, 0)
            self.assertFalse(first.state()["complete"])
            self.assertFalse(first.summary()["run"]["complete"])
            self.assertEqual(len(first.pages()), 10)
            self.assertIn("--resume", first.summary()["problems"][0]["message"])
            outage.unlink()
            requests_before = len(site.requests())
            second = self.sweep_site(site, "--resume")
            resumed = [r for r in site.requests()[requests_before:] if r["status"] == 200]
        self.assertEqual(second.status, 1, second.stderr)
        self.assertIn("start=10", resumed[0]["path"])  # not from the first page again
        self.assertEqual(len(resumed), 3)
        records = second.pages()
        self.assertEqual(len(records), 23)
        self.assertEqual(len({r["id"] for r in records}), 23)
        self.assert_matches_gold(records, pages)
        self.assertTrue(second.state()["complete"])
        self.assertEqual(second.summary()["problems"], [])
        self.assertEqual(second.summary()["all"]["pages"], 23)

    def test_sigterm_stops_at_a_checkpoint_and_resume_finishes(self):
        pages = synthetic.make_pages(30, seed=44)
        with self.serve(pages, "--throttle-every", "2") as site:
            process = self.sweeper.start(["--site", site.base, "--page-size", "5"], self.dir / "out",
                                         env={"PHISENTRY_CONFLUENCE_TOKEN": TOKEN})
            deadline = time.time() + 30
            while time.time() < deadline and not any(r["status"] == 200 for r in site.requests()):
                time.sleep(0.05)
            time.sleep(0.3)  # into the sweep: later requests are throttled, each costs a second
            process.send_signal(signal.SIGTERM)
            stdout, _ = process.communicate(timeout=10)
            self.assertIn("--resume", stdout)
            state = json.loads((self.dir / "out" / "sweep-state.json").read_text())
            self.assertFalse(state["complete"])
            second = self.sweep_site(site, "--resume")
        self.assertEqual(len(second.pages()), 30)
        self.assert_matches_gold(second.pages(), pages)

    def test_a_bad_token_is_a_clear_error_and_never_echoed(self):
        pages = synthetic.make_pages(5, seed=45)
        with self.serve(pages) as site:
            run = self.sweep_site(site, env={"PHISENTRY_CONFLUENCE_TOKEN": "wrong-token-123"})
        self.assertEqual(run.status, 2)
        self.assertIn("refused the API token (HTTP 401)", run.summary()["problems"][0]["message"])
        self.assertEqual(run.pages(), [])
        self.assertNotIn("wrong-token-123", run.every_output())

    def test_the_token_is_never_taken_from_the_command_line(self):
        run = self.sweeper.run(["--site", "http://127.0.0.1:9/wiki", "--token", TOKEN], self.dir / "out")
        self.assertEqual(run.status, 2)
        missing = self.sweeper.run(["--site", "http://127.0.0.1:9/wiki"], self.dir / "out2",
                                   env={"PHISENTRY_CONFLUENCE_TOKEN": ""})
        self.assertEqual(missing.status, 2)
        self.assertIn("no API token", missing.stderr)

    def test_token_file(self):
        pages = synthetic.make_pages(4, seed=46)
        token_file = self.dir / "token"
        token_file.write_text(TOKEN + "\n")
        with self.serve(pages) as site:
            run = self.sweeper.run(["--site", site.base, "--token-file", str(token_file)], self.dir / "out",
                                   env={"PHISENTRY_CONFLUENCE_TOKEN": ""})
        self.assertEqual(len(run.pages()), 4)


if __name__ == "__main__":
    unittest.main()
