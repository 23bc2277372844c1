"""Template registry and corpus assembly."""

import random

from . import clean_it, clean_org, phi_coordination as coord, phi_operations as ops
from .furniture import furnish
from .page import Page

PHI_TEMPLATES = {
    "sop_example_case": ops.sop_example_case, "incident_review": ops.incident_review,
    "huddle_notes": ops.huddle_notes, "training_walkthrough": ops.training_walkthrough,
    "callback_list": ops.callback_list, "bug_report": ops.bug_report, "one_liner": ops.one_liner,
    "referral": coord.referral, "billing_escalation": coord.billing_escalation,
    "device_recall": coord.device_recall, "portal_incident": coord.portal_incident,
    "home_visit": coord.home_visit, "social_work": coord.social_work,
    "discharge_planning": coord.discharge_planning, "pharmacy_issue": coord.pharmacy_issue,
}

CLEAN_TEMPLATES = {
    "it_runbook": clean_it.it_runbook, "config_snippet": clean_it.config_snippet,
    "release_notes": clean_it.release_notes, "it_postmortem": clean_it.it_postmortem,
    "oncall_schedule": clean_it.oncall_schedule, "phone_tree": clean_it.phone_tree,
    "hr_notice": clean_org.hr_notice, "clinical_sop": clean_org.clinical_sop,
    "meeting_notes": clean_org.meeting_notes, "marketing": clean_org.marketing,
    "hipaa_training": clean_org.hipaa_training, "budget": clean_org.budget,
    "formulary_update": clean_org.formulary_update, "facilities_maintenance": clean_org.facilities_maintenance,
    "quality_dashboard": clean_org.quality_dashboard, "vaccine_clinic": clean_org.vaccine_clinic,
    "vendor_contract": clean_org.vendor_contract,
}


def page_plan(seed: int, pages: int, phi_share: float):
    """(kind, template) for every page: templates spread evenly, order shuffled by seed."""
    n_phi = round(pages * phi_share)
    plan = [("phi", name) for name in _spread(list(PHI_TEMPLATES), n_phi)]
    plan += [("clean", name) for name in _spread(list(CLEAN_TEMPLATES), pages - n_phi)]
    random.Random(f"plan:{seed}").shuffle(plan)
    return plan


def _spread(names, count):
    return [names[i % len(names)] for i in range(count)]


def make_page(seed: int, index: int, kind: str, template: str) -> dict:
    rng = random.Random(f"page:{seed}:{index}")
    page = Page(rng)
    (PHI_TEMPLATES if kind == "phi" else CLEAN_TEMPLATES)[template](page)
    if template != "one_liner":
        furnish(page, template, page.patients if kind == "phi" else ())
    text, gold = page.finish()
    return {"id": f"s{seed}-{index:04d}", "kind": kind, "template": template, "text": text, "gold": gold}


def build_corpus(seed: int, pages: int, phi_share: float = 0.5):
    for index, (kind, template) in enumerate(page_plan(seed, pages, phi_share)):
        yield make_page(seed, index, kind, template)
