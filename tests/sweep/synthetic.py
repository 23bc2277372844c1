"""Synthetic wiki pages with known PHI, and the Confluence exports built from them.

Every value is invented and valid by construction (SSN areas, NANP numbers, MBI letters), so the
scanner must find each one; the gold says which categories and how many each page holds. Nothing
here is a real person's identifier.
"""

import json
import random
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

# Sentences with no identifier in them: the pages' filler.
CLEAN = [
    "Restock gloves and gowns before the morning shift.",
    "Review the triage checklist with new staff during the huddle.",
    "The badge printer in the front office is out of ribbons again.",
    "Remember to lock the medication room when you leave it.",
    "Flu vaccine clinic moves to the north wing next week.",
    "Escalate any printer outage to the help desk queue.",
    "Hand hygiene audit results were shared with every team.",
    "Use the blue bins for sharps and the grey bins for paper.",
]
TITLE_WORDS = ["Huddle", "Incident review", "Triage", "Front desk", "Billing", "Pharmacy", "Imaging", "Lab",
               "Night shift", "Scheduling", "Referral", "Intake"]
TITLE_PLACES = ["north wing", "south wing", "annex", "main clinic", "east campus", "west campus", "satellite office"]
MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY"  # no S L O I B Z


@dataclass
class Planted:
    category: str
    text: str   # the sentence that carries it
    value: str  # the identifier itself (never to appear in a report)


@dataclass
class SyntheticPage:
    page_id: int
    space: str
    title: str
    paragraphs: list = field(default_factory=list)
    planted: list = field(default_factory=list)
    modified: str = "2024-03-04 10:11:12.000"

    def gold(self):
        counts = {}
        for p in self.planted:
            counts[p.category] = counts.get(p.category, 0) + 1
        return counts


class ValueFactory:
    """Identifiers that pass the validators by construction; each is used once."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.used = set()

    def _unique(self, make):
        while True:
            value = make()
            if value not in self.used:
                self.used.add(value)
                return value

    def ssn(self):
        def make():
            area = self.rng.choice([a for a in range(100, 666) if a not in (123, 219)])
            return f"{area:03d}-{self.rng.randint(10, 99):02d}-{self.rng.randint(1000, 9999):04d}"
        return self._unique(make)

    def dob(self):
        return self._unique(lambda: f"{self.rng.randint(1, 12):02d}/{self.rng.randint(1, 28):02d}/"
                                    f"{self.rng.randint(1931, 2004)}")

    def mrn(self):
        return self._unique(lambda: f"{self.rng.randint(10000000, 99999999)}")

    def nanp(self):
        def part():
            while True:
                digits = f"{self.rng.randint(2, 9)}{self.rng.randint(0, 9)}{self.rng.randint(0, 9)}"
                if digits[1:] != "11" and digits != "555":
                    return digits
        return self._unique(lambda: f"{part()}-{part()}-{self.rng.randint(1000, 9999):04d}")

    def email(self):
        """A personal mailbox at a consumer provider, as patients give them (never a reserved example
        domain: the email validator rightly treats those as placeholders)."""
        first = self.rng.choice(["alex", "sam", "jo", "kim", "lee", "pat", "ray", "max"])
        domain = self.rng.choice(["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "hotmail.com", "aol.com"])
        return self._unique(lambda: f"{first}{self.rng.randint(10, 9999)}@{domain}")

    def mbi(self):
        r = self.rng
        def alnum():
            return r.choice(MBI_LETTERS + "0123456789")
        return self._unique(lambda: f"{r.randint(1, 9)}{r.choice(MBI_LETTERS)}{alnum()}{r.randint(0, 9)}-"
                                    f"{r.choice(MBI_LETTERS)}{alnum()}{r.randint(0, 9)}-"
                                    f"{r.choice(MBI_LETTERS)}{r.choice(MBI_LETTERS)}{r.randint(0, 9)}{r.randint(0, 9)}")

    def age(self):
        return str(self.rng.randint(90, 104))


# How each category is written into a page: (category, sentence template, value maker).
PLANTERS = [
    ("ssn", "Patient SSN: {v} was read back at intake.", "ssn"),
    ("date", "DOB: {v} confirmed with the caller.", "dob"),
    ("mrn", "Chart pulled for MRN: {v} before the visit.", "mrn"),
    ("phone", "Call the patient back on cell: {v} after lunch.", "nanp"),
    ("fax", "Faxed the results to the patient's home fax {v} this morning.", "nanp"),
    ("email", "The patient asked for replies at email: {v} only.", "email"),
    ("health_plan", "Medicare MBI {v} was verified at check-in.", "mbi"),
    ("age", "Patient is age {v} and uses a walker.", "age"),
]


def make_pages(count, seed=7, spaces=("OPS", "BILL"), phi_every=2):
    """`count` pages; every `phi_every`-th page is clean, the others carry 1-4 planted identifiers."""
    rng = random.Random(seed)
    values = ValueFactory(seed)
    pages = []
    for i in range(count):
        title = f"{rng.choice(TITLE_WORDS)} {rng.choice(TITLE_PLACES)} {_letters(i)}"
        page = SyntheticPage(page_id=65601 + 3 * i, space=rng.choice(spaces), title=title)
        page.paragraphs = rng.sample(CLEAN, 3)
        if i % phi_every != 0:
            for category, template, maker in rng.sample(PLANTERS, rng.randint(1, 4)):
                value = getattr(values, maker)()
                sentence = template.format(v=value)
                page.planted.append(Planted(category, sentence, value))
                page.paragraphs.insert(rng.randint(0, len(page.paragraphs)), sentence)
        pages.append(page)
    return pages


def _letters(n):
    """A page's distinguishing suffix without digits (digits in titles could look like identifiers)."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


SPACE_NAMES = {"OPS": "Clinic Operations", "BILL": "Billing Team", "HR": "People Team"}


def storage_body(page):
    return "".join(f"<p>{escape(p)}</p>" for p in page.paragraphs)


# ---------------------------------------------------------------------------------------------
# HTML export, laid out as Confluence writes it: SPACE/index.html, SPACE/Title_ID.html,
# SPACE/attachments/PAGE_ID/ATTACHMENT_ID.txt, styles and images.

def html_page(page):
    space_name = SPACE_NAMES[page.space]
    return (
        "<!DOCTYPE html><html><head><title>" + escape(f"{space_name} : {page.title}") + "</title>"
        '<link rel="stylesheet" href="styles/site.css" type="text/css" />'
        '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head>'
        '<body class="theme-default aui-theme-default"><div id="page"><div id="main" class="aui-page-panel">'
        '<div id="main-header"><div id="breadcrumb-section"><ol id="breadcrumbs"><li class="first"><span>'
        f'<a href="index.html">{escape(space_name)}</a></span></li></ol></div>'
        '<h1 id="title-heading" class="pagetitle"><span id="title-text"> '
        + escape(f"{space_name} : {page.title}") + " </span></h1></div>"
        '<div id="content" class="view"><div class="page-metadata">Created by <span class="author"> Staff Writer'
        "</span>, last modified on Mar 04, 2024</div>"
        '<div id="main-content" class="wiki-content group">' + storage_body(page) + "</div>"
        "</div></div>"
        '<div id="footer" role="contentinfo"><section class="footer-body"><p>Document generated by Confluence'
        "</p></section></div></div><script>var x = 'ignored';</script></body></html>"
    )


def html_index(space, pages):
    links = "".join(f'<li><a href="{_file_name(p)}">{escape(p.title)}</a></li>' for p in pages)
    return (f"<!DOCTYPE html><html><head><title>{escape(SPACE_NAMES[space])}</title></head><body>"
            f'<div id="main-content"><h2>Available Pages:</h2><ul>{links}</ul></div></body></html>')


def _file_name(page):
    return page.title.replace(" ", "-") + f"_{page.page_id}.html"


def write_html_export(path, pages, attachments=None):
    """attachments: {page_id: (attachment_id, text)}; returns the names of the documents in the zip."""
    attachments = attachments or {}
    names = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for space in sorted({p.space for p in pages}):
            in_space = [p for p in pages if p.space == space]
            z.writestr(f"{space}/index.html", html_index(space, in_space))
            names.append(f"{space}/index.html")
            z.writestr(f"{space}/styles/site.css", "body { font-family: sans-serif; }")
            z.writestr(f"{space}/images/icons/bullet_blue.gif", b"GIF89a")
            for page in in_space:
                z.writestr(f"{space}/{_file_name(page)}", html_page(page))
                names.append(f"{space}/{_file_name(page)}")
                if page.page_id in attachments:
                    attachment_id, text = attachments[page.page_id]
                    name = f"{space}/attachments/{page.page_id}/{attachment_id}.txt"
                    z.writestr(name, text)
                    names.append(name)
    return names


# ---------------------------------------------------------------------------------------------
# XML export: entities.xml with Space, Page, BodyContent, Comment objects (and versions and drafts
# that a sweep must skip), as Confluence's Hibernate export writes them.

def _object(cls, object_id, properties):
    return (f'<object class="{cls}" package="com.atlassian.confluence.pages">'
            f'<id name="id">{object_id}</id>{"".join(properties)}</object>\n')


def _text_property(name, value):
    return f'<property name="{name}"><![CDATA[{value}]]></property>'


def _ref_property(name, cls, object_id):
    return (f'<property name="{name}" class="{cls}" package="com.atlassian.confluence.pages">'
            f'<id name="id">{object_id}</id></property>')


def entities_xml(pages, extras=""):
    space_ids = {space: 98000 + i for i, space in enumerate(sorted({p.space for p in pages}))}
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<hibernate-generic datetime="2024-03-05 09:12:00">\n']
    for space, space_id in space_ids.items():
        out.append(_object("Space", space_id, [_text_property("name", SPACE_NAMES[space]),
                                               _text_property("key", space),
                                               _text_property("lowerKey", space.lower())]))
    for page in pages:
        out.append(_object("Page", page.page_id, [
            _text_property("title", page.title), _ref_property("space", "Space", space_ids[page.space]),
            f'<property name="lastModificationDate">{page.modified}</property>',
            _text_property("contentStatus", "current"), '<property name="version">3</property>']))
        out.append(_object("BodyContent", page.page_id + 1, [
            _text_property("body", storage_body(page)), _ref_property("content", "Page", page.page_id),
            '<property name="bodyType">2</property>']))
    out.append(extras)
    out.append("</hibernate-generic>\n")
    return "".join(out)


def skipped_versions_xml(page, old_text):
    """An earlier version and a draft of `page`: a sweep of current content must skip both."""
    old_id, draft_id = page.page_id + 900000, page.page_id + 900002
    return (
        _object("Page", old_id, [_text_property("title", page.title), _text_property("contentStatus", "current"),
                                 _ref_property("originalVersion", "Page", page.page_id)])
        + _object("BodyContent", old_id + 1, [_text_property("body", f"<p>{escape(old_text)}</p>"),
                                              _ref_property("content", "Page", old_id)])
        + _object("Page", draft_id, [_text_property("title", page.title), _text_property("contentStatus", "draft")])
        + _object("BodyContent", draft_id + 1, [_text_property("body", f"<p>{escape(old_text)}</p>"),
                                                _ref_property("content", "Page", draft_id)])
    )


def comment_xml(comment_id, page, text):
    return (_object("Comment", comment_id, [_ref_property("containerContent", "Page", page.page_id),
                                            _text_property("contentStatus", "current")])
            + _object("BodyContent", comment_id + 1, [_text_property("body", f"<p>{escape(text)}</p>"),
                                                      _ref_property("content", "Comment", comment_id)]))


def write_xml_export(path, pages, extras=""):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("entities.xml", entities_xml(pages, extras))
        z.writestr("exportDescriptor.properties", "exportType=space\nspaceKey=OPS\n")


# ---------------------------------------------------------------------------------------------
# The REST API's view of the same pages (what the loopback server serves).

def rest_results(pages):
    return [{
        "id": str(p.page_id), "type": "page", "status": "current", "title": p.title,
        "space": {"key": p.space, "name": SPACE_NAMES[p.space], "_links": {"webui": f"/spaces/{p.space}"}},
        "version": {"when": "2024-03-04T10:11:12.000Z", "number": 3},
        "body": {"storage": {"value": storage_body(p), "representation": "storage"}},
        "_links": {"webui": f"/spaces/{p.space}/pages/{p.page_id}"},
    } for p in pages]


def write_rest_fixture(path, pages):
    Path(path).write_text(json.dumps(rest_results(pages)))


def planted_values(pages):
    return [p.value for page in pages for p in page.planted]
