"""Values that look like identifiers but are not PHI: versions, tickets, money, vitals..."""

import datetime as dt
import hashlib
import uuid

from . import identifiers as ids

pick, digits = ids.pick, ids.digits


def version(rng) -> str:
    return pick(rng, (
        f"{rng.randint(1, 12)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}",
        f"v{rng.randint(1, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 15)}",
        f"{rng.randint(1, 20)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}.{rng.randint(0, 255)}",
        f"{rng.randint(2019, 2026)}.{rng.randint(1, 12)}.{rng.randint(0, 5)}",
        f"{rng.randint(1, 5)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}-rc.{rng.randint(1, 4)}",
        f"{rng.randint(10, 99)}.{rng.randint(0, 9)}",
    ))


def build_number(rng, on: dt.date) -> str:
    return pick(rng, (on.strftime("%Y%m%d"), f"{on:%Y%m%d}.{rng.randint(1, 9)}",
                      str(rng.randint(1000, 99999)), f"{on:%y%m%d}-{rng.randint(100, 999)}"))


def ticket(rng) -> str:
    return pick(rng, (
        f"INC{digits(rng, 7)}", f"CHG{digits(rng, 7)}", f"RITM{digits(rng, 7)}", f"REQ{digits(rng, 7)}",
        f"{pick(rng, ('OPS', 'IT', 'EHR', 'JIRA', 'HELP', 'SEC', 'REV', 'QI', 'FAC'))}-{rng.randint(10, 9999)}",
        f"SR-{rng.randint(10000, 999999)}", f"PRB{digits(rng, 7)}", f"CASE-{digits(rng, 8)}",
    ))


def money(rng, low=10, high=250000) -> str:
    amount = rng.uniform(low, high)
    style = rng.randrange(4)
    if style == 0:
        return f"${amount:,.2f}"
    if style == 1:
        return f"${int(amount):,}"
    if style == 2:
        return f"USD {amount:,.2f}"
    return f"{amount:,.2f}"


def iso_timestamp(rng, on: dt.date) -> str:
    t = dt.datetime(on.year, on.month, on.day, rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))
    return pick(rng, (t.strftime("%Y-%m-%dT%H:%M:%SZ"), t.strftime("%Y-%m-%d %H:%M:%S"),
                      t.strftime("%Y-%m-%dT%H:%M:%S.") + digits(rng, 3) + "Z",
                      t.strftime("%Y-%m-%dT%H:%M:%S-05:00"), t.strftime("%d/%b/%Y:%H:%M:%S +0000")))


def uuid_text(rng) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def sha256_text(rng) -> str:
    return hashlib.sha256(rng.getrandbits(64).to_bytes(8, "big")).hexdigest()


def git_sha(rng, short=True) -> str:
    h = sha256_text(rng)
    return h[:rng.choice((7, 8, 10))] if short else h[:40]


def room(rng) -> str:
    return pick(rng, (f"Rm {rng.randint(100, 899)}", f"Room {rng.randint(1, 40)}", f"Exam {rng.randint(1, 12)}",
                      f"OR-{rng.randint(1, 9)}", f"Bay {rng.randint(1, 24)}", f"{rng.randint(2, 6)}{pick(rng, 'ABCDEFGH')}{rng.randint(10, 60)}",
                      f"Conf Rm {pick(rng, ('A', 'B', 'Maple', 'Birch', '2B'))}"))


def extension(rng) -> str:
    return pick(rng, (f"x{rng.randint(2000, 7999)}", f"ext. {rng.randint(200, 7999)}", f"Ext {rng.randint(100, 999)}"))


def vital(rng) -> str:
    return pick(rng, (f"BP {rng.randint(96, 168)}/{rng.randint(58, 98)}", f"HR {rng.randint(52, 118)}",
                      f"SpO2 {rng.randint(88, 100)}%", f"Temp {rng.randint(970, 1012) / 10:.1f} F",
                      f"RR {rng.randint(12, 26)}", f"A1c {rng.randint(55, 110) / 10:.1f}%",
                      f"BMI {rng.randint(180, 420) / 10:.1f}", f"glucose {rng.randint(70, 320)} mg/dL",
                      f"wt {rng.randint(45, 140)} kg", f"INR {rng.randint(9, 40) / 10:.1f}"))


DRUG_DOSES = {
    "metformin": ("500 mg PO BID", "1000 mg BID", "850 mg daily"), "lisinopril": ("10 mg daily", "20 mg PO daily", "2.5 mg"),
    "apixaban": ("5 mg BID", "2.5 mg PO BID"), "warfarin": ("5 mg", "2.5 mg daily", "7.5 mg M/W/F"),
    "atorvastatin": ("40 mg nightly", "80 mg", "20 mg daily"), "furosemide": ("40 mg IV BID", "20 mg PO daily", "80 mg IV"),
    "insulin glargine": ("20 units at bedtime", "12 units", "32 units daily"), "amoxicillin": ("500 mg TID", "875 mg PO BID"),
    "hydrocodone/APAP": ("5/325 mg q6h PRN", "10/325 mg"), "oxycodone": ("5 mg q4h PRN", "10 mg"), "sertraline": ("50 mg daily", "100 mg"),
    "levothyroxine": ("75 mcg daily", "100 mcg", "0.05 mg"), "prednisone": ("40 mg x5 days", "10 mg daily", "60 mg"),
    "enoxaparin": ("40 mg SC daily", "1 mg/kg SC q12h", "40 mg/0.4 mL"), "vancomycin": ("1 g IV q12h", "1250 mg IV"),
    "ceftriaxone": ("1 g IV daily", "2 g IV q24h"), "morphine": ("2 mg IV q2h PRN", "4 mg IV"), "ondansetron": ("4 mg IV q6h PRN", "8 mg ODT"),
    "heparin": ("5000 units SC q8h", "18 units/kg/h"), "albuterol": ("2.5 mg neb q4h", "2 puffs q4h PRN", "0.5 mL in 3 mL NS"),
}
DRUGS = tuple(DRUG_DOSES)


def dose(rng) -> str:
    return pick(rng, DRUG_DOSES[pick(rng, DRUGS)])


def drug_with_dose(rng) -> str:
    drug = pick(rng, DRUGS)
    return f"{drug} {pick(rng, DRUG_DOSES[drug])}"


ICD10 = ("E11.9", "I10", "I50.9", "J44.1", "N18.4", "F32.A", "Z79.01", "R26.81", "W19.XXXA", "M54.50",
         "E78.5", "J18.9", "I48.91", "Z91.81", "K21.9", "G30.9", "S72.001A", "T38.3X5A")
CPT = ("99213", "99214", "99215", "93000", "36415", "80053", "G0439", "99497", "97110", "71046")


def icd(rng) -> str:
    return pick(rng, ICD10)


def cpt(rng) -> str:
    return pick(rng, CPT)


def private_ip(rng) -> str:
    return pick(rng, (f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                      f"192.168.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                      f"172.{rng.randint(16, 31)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"))


def cidr(rng) -> str:
    return pick(rng, (f"10.{rng.randint(0, 255)}.0.0/16", f"192.168.{rng.randint(0, 255)}.0/24",
                      f"172.{rng.randint(16, 31)}.{rng.randint(0, 255)}.0/22"))


def mac(rng) -> str:
    sep = pick(rng, (":", "-"))
    return sep.join(f"{rng.randint(0, 255):02X}" for _ in range(6))


def hostname(rng, org) -> str:
    return pick(rng, (f"{pick(rng, ('app', 'db', 'web', 'fax', 'print', 'ehr-int', 'sftp', 'dc'))}{rng.randint(1, 12):02d}."
                      f"{pick(rng, ('corp', 'prod', 'dmz', 'clinic'))}.{org.domain}",
                      f"{pick(rng, ('EPIC', 'CITRIX', 'FILE', 'PRT'))}-{pick(rng, ('PRD', 'TST'))}-{rng.randint(1, 20):02d}"))


def asset_tag(rng) -> str:
    return pick(rng, (f"AT-{digits(rng, 6)}", f"BME {digits(rng, 5)}", f"IT{digits(rng, 5)}", f"FA-{digits(rng, 4)}"))


def equipment_serial(rng) -> str:
    """Serial of clinic-owned equipment (printers, scanners): not a patient's device."""
    return pick(rng, (f"CN{digits(rng, 8)}", f"{digits(rng, 2)}J{digits(rng, 9)}", f"VNB{digits(rng, 7)}",
                      f"PF{pick(rng, ids.UPPER)}{digits(rng, 5)}", f"SN{digits(rng, 8)}"))


def po_number(rng) -> str:
    return pick(rng, (f"PO-{digits(rng, 6)}", f"PO {rng.randint(2024, 2026)}-{digits(rng, 4)}", f"4500{digits(rng, 6)}"))


def gl_code(rng) -> str:
    return pick(rng, (f"{digits(rng, 4)}-{digits(rng, 3)}-{digits(rng, 4)}", f"GL {digits(rng, 5)}", f"CC{digits(rng, 4)}"))


def ndc(rng) -> str:
    return f"{digits(rng, 5)}-{digits(rng, 4)}-{digits(rng, 2)}"


def lot_number(rng) -> str:
    return pick(rng, (f"{pick(rng, ids.UPPER)}{pick(rng, ids.UPPER)}{digits(rng, 4)}", f"{digits(rng, 6)}{pick(rng, 'ABC')}",
                      f"L{digits(rng, 7)}"))


def employee_id(rng) -> str:
    return pick(rng, (f"E{digits(rng, 6)}", f"EMP-{digits(rng, 5)}", digits(rng, 6)))


def percent(rng) -> str:
    return f"{rng.uniform(0.5, 99.5):.1f}%"


def duration(rng) -> str:
    return pick(rng, (f"{rng.randint(1, 59)} min", f"{rng.randint(1, 12)}h", f"{rng.randint(100, 9000)} ms",
                      f"{rng.randint(1, 48)} hours"))


def clock(rng) -> str:
    h, m = rng.randint(0, 23), pick(rng, (0, 5, 10, 15, 20, 30, 45, rng.randint(0, 59)))
    return pick(rng, (f"{h:02d}:{m:02d}", f"{(h % 12) or 12}:{m:02d} {'AM' if h < 12 else 'PM'}",
                      f"{h:02d}{m:02d}", f"{(h % 12) or 12}:{m:02d}{'a' if h < 12 else 'p'}"))


def port(rng) -> str:
    return str(pick(rng, (22, 80, 443, 1433, 2575, 3389, 5432, 6661, 8080, 8443, 9100, 389, 636)))


def pager(rng) -> str:
    return pick(rng, (f"pgr {rng.randint(1000, 9999)}", f"pager {rng.randint(100, 999)}", f"Vocera \"{pick(rng, ('Charge RN', 'Pharmacy', 'House Sup'))}\""))
