"""Synthetic identifiers, valid by construction, in the many formats staff type them.

Functions take a ``random.Random`` and return ``Phi`` spans (gold) or, for values that
are never PHI, plain strings.
"""

import datetime as dt
import string
import unicodedata

from . import checksums as ck
from .doc import Phi

DIGITS = string.digits
UPPER = string.ascii_uppercase

# Published sample numbers that real data never contains; generated values must differ.
FAMOUS_SAMPLES = {
    "078051120", "123456789", "219099999", "457555462",           # SSN samples
    "4111111111111111", "4242424242424242", "5555555555554444",   # test cards
    "378282246310005", "6011111111111117", "1234567893",          # test card, sample NPI
}


def digits(rng, n: int) -> str:
    return "".join(rng.choice(DIGITS) for _ in range(n))


def pick(rng, options):
    return options[rng.randrange(len(options))]


# ---------------------------------------------------------------- SSN (HIPAA G)

def ssn_parts(rng):
    while True:
        area = rng.randint(1, 899)
        group, serial = rng.randint(1, 99), rng.randint(1, 9999)
        raw = f"{area:03d}{group:02d}{serial:04d}"
        if ck.ssn_valid(area, group, serial) and raw not in FAMOUS_SAMPLES:
            return raw


def ssn(rng, style=None) -> Phi:
    raw = ssn_parts(rng)
    style = style or pick(rng, ("dash", "dash", "dash", "space", "plain"))
    text = {"dash": f"{raw[:3]}-{raw[3:5]}-{raw[5:]}", "space": f"{raw[:3]} {raw[3:5]} {raw[5:]}",
            "plain": raw}[style]
    return Phi(text, "ssn")


SSN_LABELS = ("SSN", "SSN:", "SS#", "SSN#", "Social Security #", "social security number",
              "Soc Sec No.", "ssn", "SOC SEC", "Social:")


# ---------------------------------------------------------------- phone / fax (D, E)

AREA_CODES = ("212", "312", "773", "847", "630", "415", "510", "617", "713", "832", "206", "253",
              "303", "404", "470", "503", "602", "614", "702", "718", "808", "813", "919", "971",
              "214", "469", "267", "412", "586", "248", "317", "502", "615", "901",
              "504", "314", "816", "402", "515", "612", "701", "605", "720", "505", "520", "775",
              "208", "509", "541", "559", "619", "916", "907", "501", "601", "205", "225", "860")


def phone_digits(rng, fictional=None) -> str:
    """Ten NANP digits. Fictional numbers use the reserved 555-0100..0199 block."""
    area = pick(rng, AREA_CODES)
    if fictional is None:
        fictional = rng.random() < 0.35
    if fictional:
        return area + "555" + "01" + digits(rng, 2)
    while True:
        exchange = str(rng.randint(2, 9)) + digits(rng, 2)
        if exchange[1:] != "11" and exchange != "555":
            return area + exchange + digits(rng, 4)


def format_phone(rng, d: str, style=None) -> str:
    a, e, n = d[:3], d[3:6], d[6:]
    style = style or pick(rng, ("paren", "paren", "dash", "dash", "dot", "space", "plus1",
                                "one_dash", "plain", "plus1_paren"))
    return {"paren": f"({a}) {e}-{n}", "dash": f"{a}-{e}-{n}", "dot": f"{a}.{e}.{n}",
            "space": f"{a} {e} {n}", "plus1": f"+1 {a} {e} {n}", "one_dash": f"1-{a}-{e}-{n}",
            "plain": d, "plus1_paren": f"+1 ({a}) {e}-{n}"}[style]


def phone(rng, category="phone", fictional=None, style=None) -> Phi:
    return Phi(format_phone(rng, phone_digits(rng, fictional), style), category)


PHONE_LABELS = ("cell", "Cell:", "home", "Home #", "ph", "Ph:", "Phone:", "tel", "mobile",
                "Mobile", "call back #", "cb#", "best number", "contact #", "c:", "H:", "M:")
FAX_LABELS = ("Fax:", "fax", "FAX", "Fax #", "fax no.", "F:", "e-fax")


# ---------------------------------------------------------------- dates and ages (C)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DATE_STYLES_YEAR = ("mdY_pad", "mdY_pad", "mdY", "mdy", "iso", "long", "long_nocomma", "d_month_Y",
                    "d_mon_Y", "mon_d_Y", "mon_dot_d_Y", "dash_mdY", "dd_mon_Y", "ordinal", "mdy_pad")
DATE_STYLES_NOYEAR = ("md", "md_pad", "mon_dot_d", "month_d", "d_mon", "mon_d", "month_ordinal")


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_date(rng, d: dt.date, style=None, year=True) -> str:
    style = style or pick(rng, DATE_STYLES_YEAR if year else DATE_STYLES_NOYEAR)
    m, day, y = d.month, d.day, d.year
    mon, month = MONTH_ABBR[m - 1], MONTHS[m - 1]
    mon_dot = mon if mon == "May" else mon + "."
    return {
        "mdY_pad": f"{m:02d}/{day:02d}/{y}", "mdY": f"{m}/{day}/{y}", "mdy": f"{m}/{day}/{y % 100:02d}",
        "mdy_pad": f"{m:02d}/{day:02d}/{y % 100:02d}", "iso": f"{y}-{m:02d}-{day:02d}",
        "long": f"{month} {day}, {y}", "long_nocomma": f"{month} {day} {y}",
        "d_month_Y": f"{day} {month} {y}", "d_mon_Y": f"{day} {mon} {y}", "mon_d_Y": f"{mon} {day}, {y}",
        "mon_dot_d_Y": f"{mon_dot} {day}, {y}", "dash_mdY": f"{m:02d}-{day:02d}-{y}",
        "dd_mon_Y": f"{day:02d}-{mon}-{y}", "ordinal": f"{month} {ordinal(day)}, {y}",
        "md": f"{m}/{day}", "md_pad": f"{m:02d}/{day:02d}", "mon_dot_d": f"{mon_dot} {day}",
        "month_d": f"{month} {day}", "d_mon": f"{day} {mon}", "mon_d": f"{mon} {day}",
        "month_ordinal": f"{month} {ordinal(day)}",
    }[style]


def date(rng, d: dt.date, style=None, year=True) -> Phi:
    return Phi(format_date(rng, d, style, year), "date")


def random_date(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


DOB_LABELS = ("DOB", "DOB:", "D.O.B.", "dob", "Date of birth:", "born", "DOB -", "birthdate",
              "b.", "Birth date:", "DoB")


def age_phrase(rng, age: int, style=None, sex=None) -> Phi:
    """An age over 89 written the ways clinicians write it."""
    style = style or pick(rng, ("yo_hyphen", "yo_hyphen", "y/o", "yo", "yo_space", "age", "aged",
                                "years_old", "y.o.", "sexed", "yr_old"))
    sex = sex or pick(rng, ("F", "M"))
    text = {"yo_hyphen": f"{age}-year-old", "y/o": f"{age} y/o", "yo": f"{age}yo",
            "yo_space": f"{age} yo", "age": f"age {age}", "aged": f"aged {age}",
            "years_old": f"{age} years old", "y.o.": f"{age} y.o.", "sexed": f"{age}{sex}",
            "yr_old": f"{age}-yr-old"}[style]
    return Phi(text, "age")


def young_age_phrase(rng, age: int, sex="F") -> str:
    """Ages under 90 are not identifiers; the same shapes, not gold."""
    return pick(rng, (f"{age}-year-old", f"{age} y/o", f"{age}yo", f"age {age}", f"{age} yo",
                      f"{age}{sex}", f"{age} years old"))


# ---------------------------------------------------------------- record numbers (H, I, J, R)

def mrn(rng) -> Phi:
    style = rng.randrange(8)
    if style == 0:
        text = digits(rng, 8)
    elif style == 1:
        text = "00" + digits(rng, 6)
    elif style == 2:
        text = pick(rng, ("E", "M", "A", "H")) + digits(rng, 7)
    elif style == 3:
        text = f"{digits(rng, 2)}-{digits(rng, 2)}-{digits(rng, 3)}"
    elif style == 4:
        text = str(rng.randint(100000, 9999999))
    elif style == 5:
        text = f"MRN{digits(rng, 7)}"
    elif style == 6:
        text = f"{pick(rng, ('LFH', 'NG', 'RBC', 'HSC'))}-{digits(rng, 6)}"
    else:
        text = digits(rng, 10)
    return Phi(text, "mrn")


MRN_LABELS = ("MRN", "MRN:", "MRN#", "MR#", "Med Rec #", "medical record number", "MR No.",
              "mrn", "Medical Record #:", "chart #", "EMR #", "Record no.", "(MRN")


def mbi(rng, dashes=None) -> Phi:
    raw = "".join(pick(rng, ck.mbi_class_chars(cls)) for cls in ck.MBI_CLASSES)
    if dashes is None:
        dashes = rng.random() < 0.4
    return Phi(f"{raw[:4]}-{raw[4:7]}-{raw[7:]}" if dashes else raw, "health_plan")


def member_id(rng) -> Phi:
    style = rng.randrange(6)
    if style == 0:   # three-letter plan prefix + digits
        text = "".join(pick(rng, UPPER) for _ in range(3)) + digits(rng, 9)
    elif style == 1:
        text = "W" + digits(rng, 9)
    elif style == 2:  # state Medicaid style
        text = digits(rng, 8) + pick(rng, UPPER)
    elif style == 3:
        text = pick(rng, UPPER) + digits(rng, 8) + "-0" + str(rng.randint(1, 4))
    elif style == 4:
        text = digits(rng, 11)
    else:
        text = "".join(pick(rng, UPPER) for _ in range(2)) + digits(rng, 7)
    return Phi(text, "health_plan")


MEMBER_LABELS = ("Member ID", "Member ID:", "member #", "Subscriber ID:", "Medicaid ID", "Medicaid #",
                 "Policy #", "Ins ID", "ID#", "Member No.", "Insurance ID:", "subscriber no")
MBI_LABELS = ("MBI", "MBI:", "Medicare #", "Medicare ID", "Medicare Beneficiary ID", "MBI #")


def card_number(rng) -> Phi:
    while True:
        kind = rng.randrange(4)
        if kind == 0:
            payload = "4" + digits(rng, 14)
        elif kind == 1:
            payload = str(rng.randint(51, 55)) + digits(rng, 13)
        elif kind == 2:
            payload = pick(rng, ("34", "37")) + digits(rng, 12)
        else:
            payload = "6011" + digits(rng, 11)
        number = payload + ck.luhn_check_digit(payload)
        if number not in FAMOUS_SAMPLES:
            break
    sep = pick(rng, (" ", "-", "", " "))
    if len(number) == 15:
        text = sep.join((number[:4], number[4:10], number[10:]))
    else:
        text = sep.join(number[i:i + 4] for i in range(0, 16, 4))
    return Phi(text, "account")


def account_number(rng) -> Phi:
    style = rng.randrange(6)
    text = {0: digits(rng, 10), 1: "PA" + digits(rng, 7), 2: f"{digits(rng, 4)}-{digits(rng, 6)}",
            3: "G" + digits(rng, 8), 4: digits(rng, 12), 5: f"HAR {digits(rng, 9)}"}[style]
    return Phi(text, "account")


ACCOUNT_LABELS = ("Acct #", "Account #:", "acct", "account number", "Guarantor acct", "Acct No.",
                  "patient account", "HAR", "Guarantor #", "billing acct")


def aba_routing(rng) -> str:
    """A valid-checksum routing number (identifies a bank, not a person: never gold)."""
    while True:
        head = f"{pick(rng, (rng.randint(1, 12), rng.randint(21, 32))):02d}" + digits(rng, 6)
        for last in DIGITS:
            if ck.aba_valid(head + last):
                return head + last


def other_number(rng):
    """Encounter, claim, accession and case numbers: (label, Phi) in category other."""
    label, text = pick(rng, (
        ("CSN", digits(rng, 10)), ("Encounter #", "E" + digits(rng, 9)),
        ("Claim #", digits(rng, 2) + pick(rng, UPPER) + digits(rng, 10)),
        ("Accession #", f"{pick(rng, ('C', 'S', 'M'))}{digits(rng, 2)}-{digits(rng, 6)}"),
        ("Prior auth #", "PA" + digits(rng, 8)), ("Rx #", digits(rng, 7)),
        ("DCFS case #", digits(rng, 8)), ("APS case", f"{digits(rng, 4)}-{digits(rng, 5)}"),
        ("Visit ID", "V" + digits(rng, 8)),
    ))
    return label, Phi(text, "other")


# ---------------------------------------------------------------- licences, providers (K)

DL_FORMATS = {
    "CA": lambda r: pick(r, UPPER) + digits(r, 7), "NY": lambda r: digits(r, 9),
    "TX": lambda r: digits(r, 8), "FL": lambda r: f"{pick(r, UPPER)}{digits(r, 3)}-{digits(r, 3)}-{digits(r, 2)}-{digits(r, 3)}-{digits(r, 1)}",
    "IL": lambda r: f"{pick(r, UPPER)}{digits(r, 3)}-{digits(r, 4)}-{digits(r, 4)}",
    "WA": lambda r: "WDL" + "".join(pick(r, UPPER + DIGITS) for _ in range(9)),
    "PA": lambda r: digits(r, 8), "OH": lambda r: "".join(pick(r, UPPER) for _ in range(2)) + digits(r, 6),
    "MI": lambda r: f"{pick(r, UPPER)} {digits(r, 3)} {digits(r, 3)} {digits(r, 3)} {digits(r, 3)}",
    "WI": lambda r: f"{pick(r, UPPER)}{digits(r, 3)}-{digits(r, 4)}-{digits(r, 4)}-{digits(r, 2)}",
}
DL_LABELS = ("DL#", "DL #", "driver's license", "Driver License No.", "drivers lic", "license #",
             "DL:", "State ID #", "driver's lic.")


def drivers_license(rng, state=None):
    state = state or pick(rng, tuple(DL_FORMATS))
    return state, Phi(DL_FORMATS[state](rng), "license")


def passport(rng) -> Phi:
    return Phi(pick(rng, (digits(rng, 9), pick(rng, UPPER) + digits(rng, 8))), "license")


def npi(rng) -> Phi:
    while True:
        first9 = pick(rng, "12") + digits(rng, 8)
        number = first9 + ck.npi_check_digit(first9)
        if number not in FAMOUS_SAMPLES:
            return Phi(number, "provider_id")


DEA_FIRST = "ABCDFGHJKLMPRSTUX"


def dea(rng, last_name: str) -> Phi:
    six = digits(rng, 6)
    initial = ascii_fold(last_name)[0].upper()  # second letter: the registrant's surname initial
    return Phi(pick(rng, DEA_FIRST[:5]) + initial + six + ck.dea_check_digit(six), "provider_id")


# ---------------------------------------------------------------- vehicles (L)

VIN_WMI = ("1HG", "1FA", "1FT", "2T1", "3VW", "5YJ", "JTD", "KMH", "1G1", "4T1", "1C4", "2HG",
           "JN1", "WBA", "5NP", "3FA", "1N4", "KNA", "JHM", "2C3")
VIN_YEAR = "ABCDEFGHJKLMNPRSTVWXY123456789"


def vin(rng) -> Phi:
    alnum = ck.VIN_ALPHABET
    body = (pick(rng, VIN_WMI) + "".join(pick(rng, alnum) for _ in range(5)) + "0"
            + pick(rng, VIN_YEAR) + pick(rng, alnum) + digits(rng, 6))
    return Phi(body[:8] + ck.vin_check_digit(body) + body[9:], "vehicle")


def plate(rng) -> Phi:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    style = rng.randrange(5)
    text = {0: f"{rng.randint(1, 9)}{''.join(pick(rng, letters) for _ in range(3))}{digits(rng, 3)}",
            1: f"{''.join(pick(rng, letters) for _ in range(3))}-{digits(rng, 4)}",
            2: f"{''.join(pick(rng, letters) for _ in range(3))} {digits(rng, 4)}",
            3: f"{digits(rng, 3)} {''.join(pick(rng, letters) for _ in range(3))}",
            4: f"{''.join(pick(rng, letters) for _ in range(2))}{digits(rng, 2)}{''.join(pick(rng, letters) for _ in range(3))}"}[style]
    return Phi(text, "vehicle")


PLATE_LABELS = ("plate", "plate #", "license plate", "lic plate", "tag", "plates:", "tag #")


# ---------------------------------------------------------------- devices (M)

def device_serial(rng) -> Phi:
    style = rng.randrange(5)
    text = {0: "".join(pick(rng, UPPER) for _ in range(3)) + digits(rng, 6) + pick(rng, UPPER),
            1: f"{digits(rng, 4)}-{digits(rng, 5)}",
            2: pick(rng, ("PJN", "RNH", "NWR", "SN")) + digits(rng, 7),
            3: f"{pick(rng, UPPER)}{digits(rng, 2)}{pick(rng, UPPER)}{digits(rng, 6)}",
            4: digits(rng, 10)}[style]
    return Phi(text, "device")


def udi(rng) -> Phi:
    payload = pick(rng, ("0", "1")) + "0" + digits(rng, 11)
    gtin = payload + ck.gs1_check_digit(payload)
    expiry = f"{rng.randint(25, 31)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    lot = pick(rng, UPPER) + digits(rng, rng.randint(4, 7))
    serial = "".join(pick(rng, UPPER + DIGITS) for _ in range(rng.randint(6, 10)))
    if rng.random() < 0.7:
        text = f"(01){gtin}(17){expiry}(10){lot}(21){serial}"
    else:
        text = f"01{gtin}17{expiry}10{lot}21{serial}"
    return Phi(text, "device")


def imei(rng) -> Phi:
    payload = pick(rng, ("35", "86", "01", "49")) + digits(rng, 12)
    number = payload + ck.luhn_check_digit(payload)
    style = rng.randrange(3)
    text = {0: number, 1: f"{number[:2]}-{number[2:8]}-{number[8:14]}-{number[14]}",
            2: f"{number[:2]} {number[2:8]} {number[8:14]} {number[14]}"}[style]
    return Phi(text, "device")


SERIAL_LABELS = ("S/N", "S/N:", "SN", "serial", "Serial #", "serial number", "Serial No.", "SN#")


# ---------------------------------------------------------------- network (N, O), email (F)

# Real mail providers only: example.com/.net/.org are reserved for documentation (RFC 2606), so a
# detector may rightly read an address there as a placeholder, never as a patient's mailbox.
FREEMAIL = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "aol.com",
            "comcast.net", "att.net", "proton.me", "live.com", "msn.com", "frontier.com")


def email_local(rng, first: str, last: str) -> str:
    f, l = ascii_fold(first).lower(), ascii_fold(last).lower().replace("'", "").replace(" ", "")
    year = str(rng.randint(40, 99)) if rng.random() < 0.5 else str(rng.randint(1, 999))
    return pick(rng, (f"{f}.{l}", f"{f[0]}{l}", f"{f}{l}{year}", f"{l}.{f}", f"{f}_{l}",
                      f"{f}{year}", f"{l}{f[0]}{year}", f"{f}.{l}{year}"))


def email(rng, first: str, last: str, domain=None) -> Phi:
    return Phi(f"{email_local(rng, first, last)}@{domain or pick(rng, FREEMAIL)}", "email")


def ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
                   ).replace("Ð", "D").replace("đ", "d").replace("ø", "o")


def public_ipv4(rng) -> Phi:
    """A routable-looking address (never private, loopback, multicast or reserved)."""
    while True:
        a = rng.randint(1, 223)
        if a in (10, 100, 127, 169, 172, 192, 198, 203):
            continue
        return Phi(f"{a}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}", "ip")


def public_ipv6(rng) -> Phi:
    groups = [pick(rng, ("2601", "2600", "2603", "2a02", "2001"))]
    groups += [f"{rng.randint(0, 0xffff):x}" for _ in range(3)]
    tail = [f"{rng.randint(0, 0xffff):x}" for _ in range(rng.choice((2, 4)))]
    sep = "::" if len(tail) == 2 else ":"
    return Phi(":".join(groups) + sep + ":".join(tail), "ip")


def patient_url(rng, org) -> Phi:
    pid = digits(rng, rng.randint(5, 8))
    text = pick(rng, (
        f"https://{org.ehr_host}/chart/patient/{pid}/summary",
        f"https://{org.portal_host}/MyChart/Billing/Details?account={digits(rng, 10)}",
        f"https://{org.ehr_host}/app/patients/{pid}?tab=encounters",
        f"https://{org.portal_host}/messages/thread/{pid}-{digits(rng, 4)}",
        f"https://{org.ehr_host}/Chart.aspx?mrn={digits(rng, 8)}",
        f"https://{org.docs_host}/share/{pid}/{pick(rng, ('referral', 'discharge-summary', 'labs'))}.pdf",
        f"http://{org.ehr_host}/pt/{pid}/imaging",
        f"https://{org.portal_host}/proxy/invite?patient={pid}",
    ))
    return Phi(text, "url")
