"""Patients, relatives, staff and the clinic, each rendered in the forms staff write them."""

import datetime as dt
from functools import cached_property

from . import identifiers as ids
from .doc import Phi
from .names import CREDENTIALS, FIRST_FEMALE, FIRST_MALE, LAST, NICKNAMES, RELATIONS, TITLES
from .places import CITIES, DIRECTIONS, STREET_NAMES, STREET_SUFFIXES, UNIT_WORDS

pick = ids.pick


class Person:
    """A synthetic person: a random first/last combination, sometimes hyphenated."""

    def __init__(self, rng, sex=None):
        self.rng = rng
        self.sex = sex or pick(rng, "FM")
        self.first = pick(rng, FIRST_FEMALE if self.sex == "F" else FIRST_MALE)
        self.last = pick(rng, LAST)
        if rng.random() < 0.06:
            other = pick(rng, LAST)
            if other != self.last:
                self.last = f"{self.last}-{other}"
        self.middle = pick(rng, FIRST_MALE + FIRST_FEMALE)

    @property
    def title(self) -> str:
        return pick(self.rng, TITLES[self.sex])

    def full(self) -> str:
        return f"{self.first} {self.last}"

    def name_text(self, form=None) -> str:
        """The name alone, in one of the usual written forms."""
        rng = self.rng
        form = form or pick(rng, ("first_last", "first_last", "last_first", "f_last", "first_m_last",
                                  "last_first_m", "caps_last_first", "first_last"))
        f, l, m = self.first, self.last, self.middle
        return {
            "first_last": f"{f} {l}", "last_first": f"{l}, {f}", "f_last": f"{f[0]}. {l}",
            "first_m_last": f"{f} {m[0]}. {l}", "last_first_m": f"{l}, {f} {m[0]}.",
            "caps_last_first": f"{l.upper()}, {f.upper()}", "caps_first_last": f"{f.upper()} {l.upper()}",
            "last_comma_first_nospace": f"{l},{f}", "first": f, "last": l,
            "first_l": f"{f} {l[0]}.",
        }[form]

    def name(self, form=None) -> Phi:
        return Phi(self.name_text(form), "name")

    def titled(self):
        """'Mr. Okafor': the title is not part of the gold span."""
        return [self.title + " ", Phi(self.last, "name")]

    def any_name(self):
        """A name form chosen at random, sometimes with a title."""
        return self.titled() if self.rng.random() < 0.18 else self.name()


class Patient(Person):
    """A patient; identifiers are created on first use so each page draws only what it shows."""

    def __init__(self, rng, today: dt.date, org, min_age=0, max_age=99, sex=None):
        super().__init__(rng, sex)
        self.today, self.org = today, org
        age_days = rng.randint(min_age * 365 + 30, max_age * 365 + 300)
        self.dob = today - dt.timedelta(days=age_days)

    @property
    def age(self) -> int:
        t, b = self.today, self.dob
        return t.year - b.year - ((t.month, t.day) < (b.month, b.day))

    def age_text(self):
        """An age phrase; gold only when the patient is over 89."""
        if self.age >= 90:
            return ids.age_phrase(self.rng, self.age, sex=self.sex)
        return ids.young_age_phrase(self.rng, self.age, self.sex)

    def dob_text(self, style=None) -> Phi:
        return ids.date(self.rng, self.dob, style)

    @cached_property
    def address(self):
        return Address(self.rng)

    @cached_property
    def phone(self):
        return ids.phone(self.rng)

    @cached_property
    def alt_phone(self):
        return ids.phone(self.rng)

    @cached_property
    def email(self):
        return ids.email(self.rng, self.first, self.last)

    @cached_property
    def mrn(self):
        return ids.mrn(self.rng)

    @cached_property
    def ssn(self):
        return ids.ssn(self.rng)

    @cached_property
    def mbi(self):
        return ids.mbi(self.rng)

    @cached_property
    def member_id(self):
        return ids.member_id(self.rng)

    @cached_property
    def account(self):
        return ids.account_number(self.rng)

    @cached_property
    def relative(self):
        rel = Person(self.rng)
        if self.rng.random() < 0.6:
            rel.last = self.last
        rel.relation = pick(self.rng, RELATIONS[rel.sex])
        return rel

    def nickname(self):
        return NICKNAMES.get(self.first)

    def visit_date(self, back_days=60, ahead_days=0) -> dt.date:
        return self.today + dt.timedelta(days=self.rng.randint(-back_days, ahead_days))


class Address:
    def __init__(self, rng):
        self.rng = rng
        self.number = str(rng.choice((rng.randint(1, 99), rng.randint(100, 999), rng.randint(1000, 29999))))
        self.street = pick(rng, STREET_NAMES)
        has_digits = any(c.isdigit() for c in self.street)
        self.suffix = "" if has_digits else pick(rng, STREET_SUFFIXES)
        self.direction = pick(rng, DIRECTIONS) if rng.random() < 0.3 else ""
        self.unit = ""
        if rng.random() < 0.35:
            word = pick(rng, UNIT_WORDS)
            num = pick(rng, (str(rng.randint(1, 40)), f"{rng.randint(1, 9)}{pick(rng, 'ABCD')}",
                             str(rng.randint(100, 1520))))
            self.unit = f"{word}{'' if word == '#' else ' '}{num}"
        self.city, self.state, zip3 = pick(rng, CITIES)
        self.zip = zip3 + ids.digits(rng, 2)
        if rng.random() < 0.15:
            self.zip += "-" + ids.digits(rng, 4)

    def street_line(self, with_unit=True) -> str:
        parts = [self.number, self.direction, self.street, self.suffix]
        line = " ".join(p for p in parts if p)
        if with_unit and self.unit:
            line += pick(self.rng, (", ", " ")) + self.unit
        return line

    def city_line(self, with_zip=True) -> str:
        sep = pick(self.rng, (", ", ", ", " "))
        line = f"{self.city}{sep}{self.state}"
        return f"{line} {self.zip}" if with_zip else line

    def street_phi(self) -> Phi:
        return Phi(self.street_line(), "geography")

    def one_line(self):
        """'12 Elm St, Apt 3, Springfield, IL 62704' as two gold spans."""
        return [Phi(self.street_line(), "geography"), ", ", Phi(self.city_line(), "geography")]

    def two_lines(self, indent=""):
        return [Phi(self.street_line(), "geography"), "\n" + indent, Phi(self.city_line(), "geography")]

    def city_only(self) -> Phi:
        return Phi(self.city_line(with_zip=False), "geography")

    def zip_phi(self) -> Phi:
        return Phi(self.zip, "geography")


class Staff(Person):
    """A clinic employee: names and numbers here are never PHI."""

    def __init__(self, rng, role=None):
        super().__init__(rng)
        self.credential = pick(rng, CREDENTIALS)
        self.role = role
        self.ext = f"x{rng.randint(2000, 7999)}"
        self.cell = ids.format_phone(rng, ids.phone_digits(rng))

    def label(self) -> str:
        rng = self.rng
        form = rng.randrange(6)
        if form == 0:
            return f"{self.first} {self.last}, {self.credential}"
        if form == 1 and self.credential in ("MD", "DO"):
            return f"Dr. {self.last}"
        if form == 2:
            return f"{self.first} {self.last[0]}."
        if form == 3:
            return f"@{ids.ascii_fold(self.first).lower()}.{ids.ascii_fold(self.last).lower().replace(chr(39), '')}"
        if form == 4:
            return self.first
        return f"{self.first} {self.last}"


class Org:
    """The clinic that owns the wiki; its own published numbers are not PHI."""

    DOMAINS = {
        "Lakeside Family Health": "lakesidefamilyhealth.org", "Northgate Pediatrics": "northgatepeds.org",
        "Riverbend Cardiology Associates": "riverbendcardio.com", "Cedar Valley Community Clinic": "cedarvalleyclinic.org",
        "Harborview Orthopedics": "harborviewortho.com", "Prairie Sky Women's Health": "prairieskywh.org",
        "Summit Internal Medicine": "summitim.com", "Bluewater Dialysis Center": "bluewaterdialysis.com",
        "Oak Hollow Senior Care": "oakhollowseniorcare.org", "Mesa Verde Behavioral Health": "mesaverdebh.org",
        "Pinecrest Urgent Care": "pinecresturgentcare.com", "St. Brigid Medical Group": "stbrigidmg.org",
    }

    def __init__(self, rng):
        self.rng = rng
        self.name = pick(rng, tuple(self.DOMAINS))
        self.domain = self.DOMAINS[self.name]
        self.slug = self.domain.split(".")[0]
        self.ehr_host = pick(rng, (f"ehr.{self.domain}", f"epic.{self.domain}", f"emr-prod.{self.domain}",
                                   f"{self.slug}.athenahealth.example.com"))
        self.portal_host = pick(rng, (f"mychart.{self.domain}", f"portal.{self.domain}",
                                      f"my.{self.domain}"))
        self.docs_host = f"files.{self.domain}"
        self.wiki_host = f"{self.slug}.atlassian.net"
        self.area_code = pick(rng, ids.AREA_CODES)
        self.phone_style = pick(rng, ("paren", "dash", "dot"))
        self.main_line = self.local_number(fictional=rng.random() < 0.6)
        self.fax = self.local_number()
        self.toll_free = f"1-{pick(rng, ('800', '833', '844', '855', '866', '877', '888'))}-{rng.randint(200, 999)}-{ids.digits(rng, 4)}"
        self.address = Address(rng)
        self.address.unit = pick(rng, ("Suite 200", "Suite 110", "Building B", "Floor 3", ""))
        self.units = pick(rng, (("3 West", "4 East", "ICU", "ED"), ("Clinic A", "Clinic B", "Infusion"),
                                ("Pod 1", "Pod 2", "Pod 3"), ("Med-Surg", "Telemetry", "PACU")))

    def local_number(self, fictional=None) -> str:
        """A published clinic number in the clinic's area code (not PHI)."""
        digits = self.area_code + ids.phone_digits(self.rng, fictional)[3:]
        return ids.format_phone(self.rng, digits, self.phone_style if self.rng.random() < 0.8 else None)

    def email(self, local: str) -> str:
        return f"{local}@{self.domain}"

    def street_address(self) -> str:
        """The clinic's own address: a business address, not gold."""
        return f"{self.address.street_line()}, {self.address.city_line()}"
