"""Tests of the corpus generator: gold spans are exact, identifiers valid, output deterministic."""

import collections
import datetime as dt
import ipaddress
import json
import random
import re
import subprocess
import sys
import unittest
from functools import lru_cache
from pathlib import Path

from corpuslib import checksums as ck
from corpuslib import identifiers as ids
from corpuslib.corpus import CLEAN_TEMPLATES, PHI_TEMPLATES, build_corpus
from corpuslib.doc import HIPAA_LETTER, Doc, Phi, utf16_prefix

GENERATE = Path(__file__).resolve().parent / "generate.py"


@lru_cache(maxsize=None)
def corpus(seed=1, pages=600):
    return tuple(build_corpus(seed, pages))


def utf16_slice(text, start, end):
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


def gold_values(category):
    for page in corpus():
        for g in page["gold"]:
            if g["category"] == category:
                yield page, utf16_slice(page["text"], g["start"], g["end"])


class ChecksumTest(unittest.TestCase):
    """The check-digit code against published examples (used here only, never in the corpus)."""

    def test_luhn(self):
        self.assertTrue(ck.luhn_valid("79927398713"))
        self.assertFalse(ck.luhn_valid("79927398710"))

    def test_npi(self):
        self.assertTrue(ck.npi_valid("1234567893"))  # CMS's worked example
        self.assertFalse(ck.npi_valid("1234567890"))

    def test_dea(self):
        self.assertTrue(ck.dea_valid("AB1234563"))
        self.assertFalse(ck.dea_valid("AB1234567"))

    def test_vin(self):
        self.assertTrue(ck.vin_valid("1M8GDM9AXKP042788"))
        self.assertFalse(ck.vin_valid("1M8GDM9A1KP042788"))

    def test_gtin_and_aba(self):
        self.assertTrue(ck.gtin_valid("4006381333931"))
        self.assertFalse(ck.gtin_valid("4006381333932"))
        self.assertTrue(ck.aba_valid("011000015"))
        self.assertFalse(ck.aba_valid("011000016"))

    def test_mbi_and_ssn_rules(self):
        self.assertTrue(ck.mbi_valid("1EG4-TE5-MK73"))  # CMS's format example
        self.assertFalse(ck.mbi_valid("1SG4-TE5-MK73"))  # S is never used
        self.assertFalse(ck.ssn_valid(666, 12, 3456))
        self.assertFalse(ck.ssn_valid(901, 12, 3456))
        self.assertFalse(ck.ssn_valid(123, 0, 3456))
        self.assertTrue(ck.ssn_valid(123, 45, 6788))


class IdentifierTest(unittest.TestCase):
    def setUp(self):
        self.rng = random.Random("identifiers")

    def test_generated_numbers_pass_their_checks(self):
        for _ in range(300):
            self.assertTrue(ck.mbi_valid(ids.mbi(self.rng).text))
            self.assertTrue(ck.luhn_valid(re.sub(r"\D", "", ids.card_number(self.rng).text)))
            self.assertTrue(ck.luhn_valid(re.sub(r"\D", "", ids.imei(self.rng).text)))
            self.assertTrue(ck.npi_valid(ids.npi(self.rng).text))
            self.assertTrue(ck.dea_valid(ids.dea(self.rng, "Okafor").text))
            self.assertTrue(ck.vin_valid(ids.vin(self.rng).text))
            self.assertTrue(ck.aba_valid(ids.aba_routing(self.rng)))
            gtin = re.match(r"\(?01\)?(\d{14})", ids.udi(self.rng).text).group(1)
            self.assertTrue(ck.gtin_valid(gtin))

    def test_ssns_are_in_valid_ranges_and_never_famous(self):
        for _ in range(2000):
            raw = re.sub(r"\D", "", ids.ssn(self.rng).text)
            self.assertTrue(ck.ssn_valid(int(raw[:3]), int(raw[3:5]), int(raw[5:])), raw)
            self.assertNotIn(raw, ids.FAMOUS_SAMPLES)

    def test_every_date_style_renders_the_same_day(self):
        day = dt.date(1961, 3, 4)
        texts = {ids.format_date(self.rng, day, s) for s in ids.DATE_STYLES_YEAR}
        for expected in ("03/04/1961", "3/4/61", "1961-03-04", "March 4, 1961", "4 Mar 1961", "Mar. 4, 1961"):
            self.assertIn(expected, texts)
        short = {ids.format_date(self.rng, day, s, year=False) for s in ids.DATE_STYLES_NOYEAR}
        self.assertTrue({"3/4", "Mar. 4"} <= short)


class DocTest(unittest.TestCase):
    def test_gold_offsets_are_utf16(self):
        doc = Doc().line("🚨 ", "Pt ", Phi("Zoë Núñez", "name"), " 👉 ", Phi("03/04/1961", "date"))
        text, gold = doc.finish()
        self.assertEqual(gold[0]["start"], 6)  # "🚨 Pt ": the emoji counts two units
        self.assertEqual(utf16_slice(text, gold[1]["start"], gold[1]["end"]), "03/04/1961")
        self.assertEqual(gold[1]["hipaa"], "C")
        self.assertEqual(utf16_prefix("a😀b")[-1], 4)

    def test_gold_must_be_trimmed_and_known(self):
        with self.assertRaises(ValueError):
            Phi(" x", "name")
        with self.assertRaises(ValueError):
            Phi("x", "nickname")


class CorpusTest(unittest.TestCase):
    def test_every_gold_span_is_exact_and_well_formed(self):
        for page in corpus():
            text = page["text"]
            limit = len(text.encode("utf-16-le")) // 2
            previous_end = 0
            for g in page["gold"]:
                self.assertLessEqual(previous_end, g["start"], page["id"])
                self.assertLess(g["start"], g["end"])
                self.assertLessEqual(g["end"], limit)
                value = utf16_slice(text, g["start"], g["end"])
                self.assertEqual(value, value.strip())
                self.assertEqual(HIPAA_LETTER[g["category"]], g["hipaa"])
                previous_end = g["end"]

    def test_kinds_and_templates(self):
        pages = corpus()
        counts = collections.Counter(p["template"] for p in pages)
        self.assertEqual(set(counts), set(PHI_TEMPLATES) | set(CLEAN_TEMPLATES))
        self.assertGreaterEqual(len(counts), 30)
        for page in pages:
            if page["kind"] == "clean":
                self.assertEqual(page["gold"], [], page["id"])
            else:
                patient_gold = [g for g in page["gold"] if g["category"] != "provider_id"]
                self.assertTrue(patient_gold, page["id"])
        one_liners = [p for p in pages if p["template"] == "one_liner"]
        self.assertTrue(all(len(p["gold"]) == 1 and "\n" not in p["text"].rstrip("\n") for p in one_liners))

    def test_pages_are_wiki_sized(self):
        sizes = [len(p["text"].encode()) for p in corpus() if p["template"] != "one_liner"]
        self.assertGreaterEqual(min(sizes), 1024)
        self.assertLessEqual(max(sizes), 20 * 1024)
        self.assertGreater(sorted(sizes)[len(sizes) // 2], 3000)

    def test_some_pages_hold_non_bmp_characters_before_gold(self):
        shifted = [p for p in corpus() if p["gold"] and any(ord(c) > 0xFFFF for c in p["text"][:p["gold"][-1]["end"]])]
        self.assertGreater(len(shifted), 10)

    def test_gold_values_pass_their_validators(self):
        for _, value in gold_values("ssn"):
            raw = re.sub(r"\D", "", value)
            self.assertTrue(ck.ssn_valid(int(raw[:3]), int(raw[3:5]), int(raw[5:])), value)
        for _, value in gold_values("provider_id"):
            self.assertTrue(ck.npi_valid(value) or ck.dea_valid(value), value)
        for _, value in gold_values("vehicle"):
            if len(value) == 17:
                self.assertTrue(ck.vin_valid(value), value)
        for _, value in gold_values("phone"):
            digits = re.sub(r"\D", "", value)[-10:]
            self.assertEqual(len(digits), 10, value)
            self.assertIn(digits[0], "23456789", value)
            self.assertIn(digits[3], "23456789", value)
        for _, value in gold_values("age"):
            self.assertGreaterEqual(int(re.search(r"\d+", value).group()), 90, value)
        for _, value in gold_values("ip"):
            self.assertTrue(ipaddress.ip_address(value).is_global, value)
        for _, value in gold_values("email"):
            self.assertRegex(value, r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
            # Documentation domains (RFC 2606, RFC 6761) hold placeholders, not a patient's mailbox.
            self.assertNotRegex(value.lower(), r"@(?:[\w-]+\.)*(?:example\.(?:com|net|org)|[\w-]+\.(?:test|example|invalid|localhost))$")
        for _, value in gold_values("url"):
            self.assertRegex(value, r"^https?://")

    def test_every_category_appears(self):
        seen = {g["category"] for p in corpus() for g in p["gold"]}
        self.assertEqual(set(HIPAA_LETTER) - seen, set())

    def test_clean_pages_are_full_of_look_alikes(self):
        clean = "\n".join(p["text"] for p in corpus() if p["kind"] == "clean")
        for pattern in (r"\b\d+\.\d+\.\d+\.\d+\b", r"\b20\d{6}\b", r"\bINC\d{7}\b", r"\b[A-Z]+-\d+\b", r"\$\d{1,3}(,\d{3})*\.\d\d",
                        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r"\b[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-", r"\b[0-9a-f]{64}\b",
                        r"\bx\d{4}\b", r"\bBP \d+/\d+", r"\b\d+ mg\b", r"\(\d{3}\) \d{3}-\d{4}", r"XXX-XX-XXXX", r"\b\d{2}-year-old|\bage \d{2}\b|\b\d{2}\+"):
            self.assertRegex(clean, pattern)


class CommandLineTest(unittest.TestCase):
    def run_generate(self, seed, pages):
        out = subprocess.run([sys.executable, str(GENERATE), "--seed", str(seed), "--pages", str(pages), "--out", "-"],
                             capture_output=True, text=True, check=True).stdout
        return [json.loads(line) for line in out.splitlines()]

    def test_deterministic_for_a_seed(self):
        first, again, other = self.run_generate(7, 40), self.run_generate(7, 40), self.run_generate(8, 40)
        self.assertEqual(first, again)
        self.assertNotEqual([p["text"] for p in first], [p["text"] for p in other])
        self.assertEqual(sum(p["kind"] == "phi" for p in first), 20)
        self.assertEqual(set(first[0]), {"id", "kind", "template", "text", "gold"})


if __name__ == "__main__":
    unittest.main()
