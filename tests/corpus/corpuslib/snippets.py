"""Reusable pieces of PHI pages: labelled identifiers, patient banners, inline mentions."""

from . import identifiers as ids
from .doc import Phi, recase

pick = ids.pick


def labeled(p, labels, value, sep=None):
    """'MRN: 00482913' with a label from labels; the label is never gold."""
    label = pick(p.rng, labels)
    if sep is None:
        sep = " " if label.endswith((":", "#", "-", "(")) else pick(p.rng, (": ", " ", " ", "# ", ": "))
    if label.endswith("("):
        sep = ""
        return [label, value, ")"]
    return [label, sep, value]


def dob(p, pt, style=None):
    return labeled(p, ids.DOB_LABELS, pt.dob_text(style))


def mrn(p, pt):
    return labeled(p, ids.MRN_LABELS, pt.mrn)


def phone(p, value):
    return labeled(p, ids.PHONE_LABELS, value)


def banner(p, pt, extra=()):
    """The chart header line staff paste: 'GARCIA, MARIA | DOB 03/04/1961 | MRN 00482913 | 63 y/o F'."""
    rng = p.rng
    sep = pick(rng, (" | ", " | ", " · ", "   ", "\t", " / "))
    name = pt.name(pick(rng, ("caps_last_first", "last_first", "first_last", "caps_first_last", "last_first_m")))
    fields = [name, ["DOB ", pt.dob_text()], ["MRN ", pt.mrn]]
    if pt.age >= 90:
        fields.append(ids.age_phrase(rng, pt.age, pick(rng, ("sexed", "y/o", "yo_space")), pt.sex))
    else:
        fields.append(f"{pt.age} y/o {pt.sex}")
    fields.extend(extra)
    out = []
    for i, f in enumerate(fields):
        out += [sep if i else "", f]
    return recase(out, "upper") if rng.random() < 0.25 else out


def inline(p, pt, with_mrn=None):
    """'Maria Garcia (DOB 3/4/61, MRN 482913)' and its variants."""
    rng = p.rng
    parts = [pt.any_name()]
    extras = []
    if rng.random() < 0.7:
        extras.append(dob(p, pt))
    if with_mrn if with_mrn is not None else rng.random() < 0.6:
        extras.append(mrn(p, pt))
    if extras:
        open_, close, sep = pick(rng, ((" (", ")", ", "), (", ", "", ", "), (" - ", "", " / "), (" [", "]", "; ")))
        parts.append(open_)
        for i, e in enumerate(extras):
            parts += [sep if i else "", e]
        parts.append(close)
    return parts


def age_mention(p, pt):
    """'93-year-old' or '67 y/o': gold only over 89."""
    return pt.age_text()


def relative_contact(p, pt):
    """'daughter Ana Ruiz (cell 312-555-0147)'."""
    rel = pt.relative
    rng = p.rng
    name = rel.name(pick(rng, ("first_last", "first_last", "first", "first_m_last")))
    parts = [rel.relation, " ", name]
    if rng.random() < 0.75:
        open_, close = pick(rng, ((" (", ")"), (", ", ""), (" - ", ""), (" ", "")))
        parts += [open_, phone(p, ids.phone(rng)), close]
    return parts


def address_block(p, pt):
    addr = pt.address
    form = p.rng.randrange(5)
    if form == 0:
        return addr.two_lines()
    if form == 1:
        return [addr.street_phi(), " ", Phi(addr.city_line(), "geography")]
    return addr.one_line()


def visit_date(p, pt, back=30, ahead=0, year=None):
    if year is None:
        year = p.rng.random() < 0.5
    return ids.date(p.rng, pt.visit_date(back, ahead), year=year)


def insurance(p, pt):
    """Medicare (MBI) or commercial/Medicaid member id, with a payer name."""
    rng = p.rng
    if pt.age >= 65 and rng.random() < 0.6:
        return [pick(rng, ("Medicare", "Medicare Part B", "Traditional Medicare")), ", ",
                labeled(p, ids.MBI_LABELS, pt.mbi)]
    payer = pick(rng, ("Aetna", "BCBS", "Blue Cross PPO", "UnitedHealthcare", "Cigna", "Humana Gold",
                       "Medicaid", "Molina", "Ambetter", "Tricare", "Kaiser"))
    return [payer, " ", labeled(p, ids.MEMBER_LABELS, pt.member_id)]
