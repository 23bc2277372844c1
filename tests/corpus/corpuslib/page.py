"""A page under construction: document, random source, clinic, staff and a rendering style."""

import datetime as dt
import re

from . import identifiers as ids
from . import lookalikes as lk
from .doc import Doc, fill, plain, recase
from .people import Org, Patient, Staff

pick = ids.pick

EMOJI_NON_BMP = ("📌", "🔴", "🚨", "🩺", "📞", "💊", "🏠", "📝", "👉", "🟢", "🗓️", "🔒")
EMOJI_BMP = ("✅", "⚠️", "❗", "✔", "★", "☎")


class Style:
    """How this page writes headings, lists, tables and labels."""

    def __init__(self, rng):
        self.heading = pick(rng, ("plain", "plain", "md", "confluence", "caps", "underline", "numbered"))
        self.bullet = pick(rng, ("- ", "- ", "* ", "• ", "+ ", "– ", "num"))
        self.table = pick(rng, ("pipe", "pipe", "tab", "tab", "aligned", "lines", "confluence", "semicolon"))
        self.label_case = pick(rng, ("keep", "keep", "keep", "upper", "lower"))
        self.kv_sep = pick(rng, (": ", ": ", ": ", " - ", ":\t", " = ", ":  "))
        self.emoji = rng.random() < 0.18


class Page:
    def __init__(self, rng, today: dt.date | None = None):
        self.rng = rng
        self.doc = Doc()
        self.org = Org(rng)
        self.today = today or ids.random_date(rng, dt.date(2023, 1, 9), dt.date(2026, 12, 18))
        self.style = Style(rng)
        self.staff = [Staff(rng) for _ in range(10)]
        self._section = 0
        self.patients = []  # every patient the page mentions, for comments that name them again

    # ------------------------------------------------------------ people
    def patient(self, **kw) -> Patient:
        pt = Patient(self.rng, self.today, self.org, **kw)
        self.patients.append(pt)
        return pt

    def old_patient(self) -> Patient:
        return self.patient(min_age=90, max_age=104)

    def staffer(self) -> str:
        return pick(self.rng, self.staff).label()

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, options):
        return pick(self.rng, options)

    def recent(self, back=60, ahead=0) -> dt.date:
        return self.today + dt.timedelta(days=self.rng.randint(-back, ahead))

    def future(self, lo, hi) -> dt.date:
        return self.today + dt.timedelta(days=self.rng.randint(lo, hi))

    def date_text(self, d=None, year=None) -> str:
        """A date that is not about a patient (meetings, releases): plain text."""
        d = d or self.recent()
        if year is None:
            year = self.chance(0.7)
        return ids.format_date(self.rng, d, year=year)

    # ------------------------------------------------------------ writing
    def add(self, *values):
        self.doc.add(*values)

    def line(self, *values):
        self.doc.line(*values)

    def fline(self, template, **slots):
        self.doc.line(fill(template, **slots))

    def blank(self):
        self.doc.blank()

    def para(self, *values):
        self.doc.line(*values)
        self.doc.blank()

    def emoji(self, bmp_ok=True) -> str:
        return pick(self.rng, EMOJI_NON_BMP + (EMOJI_BMP if bmp_ok else ()))

    def title(self, text):
        if self.style.emoji and self.chance(0.5):
            text = f"{self.emoji()} {text}"
        self.doc.line(text)
        if self.chance(0.7):
            self.meta_line()
        self.doc.blank()

    def meta_line(self):
        who, when = self.staffer(), self.date_text(self.recent(400), year=True)
        self.doc.line(pick(self.rng, (
            f"Created by {who}, last updated on {when}",
            f"Owned by {who} · Last updated: {when} · {self.rng.randint(1, 14)} min read",
            f"Last edited by {who} on {when}",
            f"Page owner: {who}    Status: {pick(self.rng, ('DRAFT', 'IN REVIEW', 'PUBLISHED', 'CURRENT'))}",
        )))

    def h(self, text, level=2):
        self.doc.blank()
        style = self.style.heading
        if self.style.emoji and self.chance(0.3):
            text = f"{self.emoji()} {text}"
        if style == "md":
            self.doc.line("#" * level + " " + text)
        elif style == "confluence":
            self.doc.line(f"h{level}. {text}")
        elif style == "caps":
            self.doc.line(text.upper())
        elif style == "underline":
            self.doc.line(text)
            self.doc.line(("=" if level == 1 else "-") * len(text))
        elif style == "numbered" and level == 2:
            self._section += 1
            self.doc.line(f"{self._section}. {text}")
        else:
            self.doc.line(text)

    def label(self, text: str) -> str:
        case = self.style.label_case
        return text.upper() if case == "upper" else text.lower() if case == "lower" else text

    def kv(self, label, value):
        self.doc.line(self.label(label), self.style.kv_sep, value)

    def bullets(self, items, numbered=None):
        bullet = self.style.bullet
        numbered = numbered if numbered is not None else bullet == "num"
        for i, item in enumerate(items, 1):
            marker = f"{i}. " if numbered else ("- " if bullet == "num" else bullet)
            self.doc.line(marker, item)
        self.doc.blank()

    def table(self, header, rows):
        style = self.style.table
        render = getattr(self, f"_table_{style}")
        render([list(header)] + [list(r) for r in rows])
        self.doc.blank()

    def _table_pipe(self, rows):
        for i, row in enumerate(rows):
            self.doc.line(*sum(([("| " if j == 0 else " | "), c] for j, c in enumerate(row)), []), " |")
            if i == 0:
                self.doc.line("|" + "|".join("---" for _ in row) + "|")

    def _table_confluence(self, rows):
        for i, row in enumerate(rows):
            sep = "||" if i == 0 else "|"
            self.doc.line(sep, *sum(([c, sep] for c in row), []))

    def _table_tab(self, rows):
        for row in rows:
            self.doc.line(*sum(([("\t" if j else ""), c] for j, c in enumerate(row)), []))

    def _table_semicolon(self, rows):
        for row in rows:
            self.doc.line(*sum(([("; " if j else ""), c] for j, c in enumerate(row)), []))

    def _table_lines(self, rows):
        # What a browser's innerText gives for a table copied cell by cell.
        for row in rows:
            for cell in row:
                self.doc.line(cell)

    def _table_aligned(self, rows):
        widths = [max(len(plain(r[j])) for r in rows if j < len(r)) for j in range(len(rows[0]))]
        for row in rows:
            parts = []
            for j, cell in enumerate(row):
                pad = " " * (widths[j] - len(plain(cell)) + 2) if j < len(row) - 1 else ""
                parts += [cell, pad]
            self.doc.line(*parts)

    # ------------------------------------------------------------ prose with look-alikes
    def prose(self, pool, k=None, as_bullets=False):
        """k sentences from pool, placeholders filled with fresh non-PHI look-alikes."""
        k = min(k or self.rng.randint(2, 4), len(pool))
        chosen = self.rng.sample(list(pool), k)
        sentences = [self.fill_lookalikes(s) for s in chosen]
        if as_bullets:
            self.bullets(sentences)
        else:
            self.para(" ".join(sentences))

    def fill_lookalikes(self, sentence: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: self.lookalike(m.group(1)), sentence)

    def lookalike(self, name: str) -> str:
        rng, org = self.rng, self.org
        makers = {
            "ext": lambda: lk.extension(rng), "ticket": lambda: lk.ticket(rng),
            "version": lambda: lk.version(rng), "room": lambda: lk.room(rng),
            "money": lambda: lk.money(rng), "staff": self.staffer,
            "staff_full": lambda: pick(rng, self.staff).full(),
            "date": lambda: self.date_text(), "date_y": lambda: self.date_text(year=True),
            "main_line": lambda: org.main_line, "clinic_fax": lambda: org.fax, "toll_free": lambda: org.toll_free,
            "vital": lambda: lk.vital(rng), "dose": lambda: lk.dose(rng), "drug": lambda: lk.drug_with_dose(rng),
            "young_age": lambda: str(rng.randint(18, 89)), "pct": lambda: lk.percent(rng),
            "clock": lambda: lk.clock(rng), "uuid": lambda: lk.uuid_text(rng), "sha": lambda: lk.git_sha(rng),
            "ip_private": lambda: lk.private_ip(rng), "host": lambda: lk.hostname(rng, org),
            "clinic": lambda: org.name, "domain": lambda: org.domain, "unit": lambda: pick(rng, org.units),
            "wiki_url": lambda: f"https://{org.wiki_host}/wiki/spaces/{pick(rng, ('OPS', 'CLIN', 'IT', 'HR', 'QI'))}/pages/{rng.randint(10000, 99999999)}",
            "icd": lambda: lk.icd(rng), "cpt": lambda: lk.cpt(rng), "build": lambda: lk.build_number(rng, self.recent()),
            "duration": lambda: lk.duration(rng), "year": lambda: str(self.today.year + rng.randint(-3, 1)),
            "n": lambda: str(rng.randint(2, 60)), "los": lambda: f"{rng.uniform(2, 9):.1f}",
            "few": lambda: str(rng.randint(2, 9)), "dom": lambda: ids.ordinal(rng.randint(1, 28)), "nn": lambda: str(rng.randint(100, 4000)),
            "asset": lambda: lk.asset_tag(rng), "ts": lambda: lk.iso_timestamp(rng, self.recent()),
            "team_email": lambda: org.email(pick(rng, ("itservicedesk", "privacy", "compliance", "hr", "billing", "qi", "noreply"))),
            "pager": lambda: lk.pager(rng), "lot": lambda: lk.lot_number(rng), "ndc": lambda: lk.ndc(rng),
            "port": lambda: lk.port(rng), "po": lambda: lk.po_number(rng), "gl": lambda: lk.gl_code(rng),
        }
        return makers[name]()

    # ------------------------------------------------------------ page furniture (never PHI)
    def revision_history(self):
        self.h(pick(self.rng, ("Revision history", "Change log", "Document history", "Version history")))
        rows = []
        for i in range(self.rng.randint(2, 5)):
            rows.append([f"{i + 1}.{self.rng.randint(0, 3)}", self.date_text(self.recent(700), year=True),
                         self.staffer(), pick(self.rng, ("Initial draft", "Reviewed by compliance",
                                                          "Updated screenshots", "Added escalation path",
                                                          "Annual review", "Minor wording", "Aligned with policy"))])
        self.table(["Version", "Date", "Author", "Change"], rows)

    def related(self):
        self.h(pick(self.rng, ("Related pages", "See also", "References", "Links")))
        items = [f"{pick(self.rng, ('Privacy escalation path', 'Downtime procedures', 'EHR tip sheets', 'Minimum necessary policy', 'Who to call'))} - {self.lookalike('wiki_url')}"
                 for _ in range(self.rng.randint(1, 3))]
        self.bullets(items)

    def labels(self, *words):
        self.doc.line(pick(self.rng, ("Labels: ", "Tags: ", "labels ")) + ", ".join(words))

    def caps(self, value):
        return recase(value, "upper")

    def finish(self):
        return self.doc.finish()
