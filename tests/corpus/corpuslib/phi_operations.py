"""PHI pages from day-to-day operations: SOPs with an example case, incident reviews,
huddle notes, training walkthroughs, callback lists, bug reports and one-line notes."""

import datetime as dt

from . import identifiers as ids
from . import lookalikes as lk
from . import snippets as sn
from .doc import Phi, fill, recase

pick = ids.pick

SOP_TOPICS = {
    "Prior authorization for advanced imaging": [
        "Open the Referral Work Queue (WQ {n}) and sort by scheduled date.",
        "Check the payer grid on {wiki_url} to see whether the CPT ({cpt}) needs auth.",
        "Submit through the payer portal; if it is down, call the provider line at {toll_free}.",
        "Fax clinical notes from the last {n} days; our outbound fax is {clinic_fax}.",
        "Record the auth number and the approved date range in the Auth/Cert section.",
        "If no decision after 3 business days, escalate to {staff} ({ext}).",
    ],
    "Processing a records request": [
        "Log the request in the ROI tracker with ticket number {ticket}.",
        "Verify the authorization form is signed and dated within the last {n} days.",
        "Release only the minimum necessary; psychotherapy notes need a separate form.",
        "Send by secure e-fax or the portal, never by personal email.",
        "Close the request in the tracker within {n} business days and note the page count.",
    ],
    "Critical lab value callback": [
        "Lab calls the unit at {ext}; the nurse reads back the value and the patient's two identifiers.",
        "Notify the ordering provider within {n} minutes; page via {pager} after hours.",
        "Document the time of notification and the read-back in the Critical Result activity.",
        "If the provider cannot be reached in 30 min, escalate to the medical director on call.",
        "Typical criticals: potassium > 6.0, glucose < 50 mg/dL, INR > 5.0, troponin above the 99th percentile.",
    ],
    "New patient registration": [
        "Search the MPI by name and date of birth before creating a new record; duplicates cost us {money} a year to merge.",
        "Scan both sides of the insurance card and a photo ID.",
        "Confirm the preferred phone number and send the portal invite.",
        "Collect the copay; the card terminal is at the front desk ({room}).",
        "Set the PCP and the preferred pharmacy before closing the encounter.",
    ],
    "Medication refill requests": [
        "Refill requests arrive in the Rx Request pool; target turnaround is {n} hours.",
        "Check the last visit date and the labs the protocol needs (e.g. A1c within 6 months for metformin).",
        "Controlled substances go to the prescriber; check the PDMP and document it.",
        "Route to the covering provider when the PCP is out ({staff} covers this week).",
        "Tell the patient through the portal when the refill is sent; do not leave drug names on voicemail.",
    ],
    "Scheduling a procedure with anesthesia": [
        "Confirm the procedure code ({cpt}) and the surgeon's block time.",
        "Book the pre-op call at least {n} days before; use the template 'PREOP PHONE'.",
        "Send the NPO instructions letter from the letters activity.",
        "Check the ride-home requirement and document who is driving.",
        "Add the case to the OR board in {room}.",
    ],
}

EXAMPLE_INTROS = (
    "Worked example (from last week's queue):",
    "Example case - this is how it looked in the chart:",
    "EXAMPLE: real case we used in the team huddle",
    "Here is an example from {staff}'s desk so you can follow along:",
    "For reference, the case that prompted this SOP:",
)


def sop_example_case(p):
    rng = p.rng
    topic, steps = pick(rng, tuple(SOP_TOPICS.items()))
    pt = p.old_patient() if p.chance(0.2) else p.patient(min_age=2)
    p.title(pick(rng, (f"SOP: {topic}", f"{topic} - standard work", f"[SOP] {topic} (v{lk.version(rng)})",
                       f"{topic.upper()} SOP")))
    p.h("Purpose")
    p.prose((f"This page describes how {p.org.name} staff handle {topic.lower()}.",
             "It applies to front desk, nursing and referral coordinators.",
             "Questions go to {staff} or the #ops channel.",
             "Follow the minimum necessary standard when copying information between systems.",
             "The steps below were reviewed by {staff} on {date_y}."), 3)
    p.h(pick(rng, ("Procedure", "Steps", "How to")))
    p.bullets([p.fill_lookalikes(s) for s in steps], numbered=True)
    p.h(pick(rng, ("Example", "Worked example", "Example case")))
    p.line(p.fill_lookalikes(pick(rng, EXAMPLE_INTROS)))
    if p.chance(0.6):
        p.line(sn.banner(p, pt))
    example_narrative(p, pt, topic)
    if p.chance(0.25):
        p.para(fill("Chart link from the example: {url}", url=ids.patient_url(rng, p.org)))
    if p.chance(0.12):
        p.para(fill("(The registration screen also showed the SSN: {ssn}.)", ssn=pt.ssn))
    if p.chance(0.5):
        p.h("Troubleshooting")
        p.prose(("If the EHR shows error {ticket}, log out and back in.",
                 "The payer portal times out after {n} minutes of inactivity.",
                 "Citrix sessions reset nightly at {clock}.",
                 "Call the service desk at {ext} for password resets."), as_bullets=True)
    p.revision_history()
    if p.chance(0.5):
        p.related()


def example_narrative(p, pt, topic):
    rng = p.rng
    when = sn.visit_date(p, pt, back=20, ahead=30)
    forms = [
        lambda: p.para(fill("{pt} was booked for {what} on {when}. Insurance: {ins}. We could not reach them at {ph}, so we left a generic message.",
                            pt=sn.inline(p, pt), what=pick(rng, ("MRI lumbar spine", "CT chest", "a new-patient visit", "colonoscopy", "a refill visit")),
                            when=when, ins=sn.insurance(p, pt), ph=pt.phone)),
        lambda: p.para(fill("Pt {name}, {age}, {dob}. {mrn}. Requested copies of records from {d1} to {d2}; mailing address on file is {addr}.",
                            name=pt.name(), age=pt.age_text(), dob=sn.dob(p, pt), mrn=sn.mrn(p, pt),
                            d1=sn.visit_date(p, pt, 400, year=True), d2=sn.visit_date(p, pt, 30, year=True),
                            addr=pt.address.one_line())),
        lambda: p.bullets([fill("Patient: {n}", n=pt.name("last_first")), sn.dob(p, pt), sn.mrn(p, pt),
                           fill("Phone: {ph}", ph=pt.phone), fill("Appt: {w} at {t} with {s}", w=when, t=lk.clock(rng), s=p.staffer()),
                           fill("Notes: {v}, {d}", v=lk.vital(rng), d=lk.drug_with_dose(rng))]),
        lambda: p.para(fill("e.g. {n} called on {w} asking about {topic}; she gave her email {e} for the portal invite and her {rel} will drive.",
                            n=pt.titled(), w=when, topic=topic.lower(), e=pt.email, rel=pt.relative.relation)),
    ]
    pick(rng, forms)()


# kind: (title, what happened, contributing factors)
INCIDENT_KINDS = {
    "fall": ("Patient fall with injury", "was found on the floor next to the bed",
             ("bed alarm was off", "non-slip socks not on", "call light out of reach", "toileting schedule missed")),
    "med": ("Medication error - wrong dose", "received {drug} instead of the ordered dose",
            ("look-alike vials stored together", "override pulled from the ADC", "no independent double check",
             "order changed during shift change")),
    "wrong_patient": ("Wrong-patient specimen label", "had a specimen labelled with another patient's label",
                      ("labels printed in batch", "two patients with similar names on the unit", "two-identifier check skipped")),
    "result": ("Missed abnormal result follow-up", "had an abnormal result that was not acted on for {n} days",
               ("result routed to a provider who had left", "in-basket pool not monitored", "no closed-loop tracking")),
    "elopement": ("Elopement from the unit", "left the unit without staff knowledge",
                  ("wander guard not applied", "door alarm silenced", "sitter reassigned")),
    "privacy": ("Misdirected discharge summary", "had a discharge summary faxed to the wrong practice",
                ("fax number typed by hand", "old number in the provider directory", "no cover sheet check")),
}


def incident_review(p):
    rng = p.rng
    kind = pick(rng, tuple(INCIDENT_KINDS))
    title, what, factors = INCIDENT_KINDS[kind]
    pt = p.old_patient() if p.chance(0.3) else p.patient(min_age=18)
    event_day = pt.visit_date(45)
    p.title(pick(rng, (f"Incident review: {title}", f"RCA - {title} ({lk.ticket(rng)})", f"Safety event {lk.ticket(rng)}: {title.lower()}",
                       f"{title} - event review {p.date_text(year=True)}")))
    p.kv("Event ID", lk.ticket(rng))
    p.kv("Unit", f"{pick(rng, p.org.units)}, {lk.room(rng)}")
    p.kv("Severity", pick(rng, ("Harm - temporary", "No harm", "Near miss", "Moderate harm", "Precursor safety event")))
    p.kv("Review date", p.date_text(event_day + dt.timedelta(days=rng.randint(2, 20)), year=True))
    p.h("Summary")
    p.para(recase(fill("On {d} at {t}, {pt}, a {age} admitted with {dx}, {what}. {follow}",
                d=ids.date(rng, event_day, year=p.chance(0.6)), t=lk.clock(rng), pt=sn.inline(p, pt),
                age=pt.age_text(), dx=pick(rng, ("CHF exacerbation", "pneumonia", "hip fracture", "sepsis", "COPD exacerbation", "AKI")),
                what=p.fill_lookalikes(what),
                follow=pick(rng, ("Provider was notified and imaging was ordered.", "No lasting harm; family notified.",
                                  "The patient was transferred to a higher level of care.", "The charge nurse filed the report the same shift."))),
                  "upper" if p.chance(0.15) else "keep"))
    incident_details(p, kind, pt, event_day)
    incident_follow_up(p, factors)


def incident_details(p, kind, pt, event_day):
    """Patient block and the kind-specific paragraphs of an incident review."""
    rng = p.rng
    if p.chance(0.6):
        p.h("Patient details")
        p.kv("Name", pt.name())
        p.kv("DOB", pt.dob_text())
        p.kv("MRN", pt.mrn)
        if p.chance(0.5):
            p.kv("Admit date", ids.date(rng, event_day - dt.timedelta(days=rng.randint(1, 9))))
        if p.chance(0.5):
            p.kv("Family contact", sn.relative_contact(p, pt))
    if kind == "wrong_patient":
        other = p.patient(min_age=18)
        other.last = pt.last if p.chance(0.5) else other.last
        p.para(fill("The label belonged to {o} ({od}), who was in the next room. Both patients share the surname, which is why the unit now uses name alerts.",
                    o=other.name(), od=sn.dob(p, other)))
    if kind == "elopement":
        p.para(fill("Security saw the patient leave in a {car}, {label} {pl}; police were given the description.",
                    car=pick(rng, ("taxi", "white sedan driven by a friend", "pickup truck")), label=pick(rng, ids.PLATE_LABELS), pl=ids.plate(rng)))
    if p.chance(0.25):
        p.para(fill("Chart: {url}", url=ids.patient_url(rng, p.org)))
    if p.chance(0.2):
        label, num = ids.other_number(rng)
        p.para(fill("{label} {num}", label=label, num=num))
    if kind == "privacy":
        p.para(fill("The summary for {n} was sent to an outside clinic instead of the PCP. The receiving office confirmed destruction on {d}.",
                    n=pt.name(), d=p.date_text()))


def incident_follow_up(p, factors):
    """Timeline, contributing factors, actions and attendees: staff and times, no PHI."""
    rng = p.rng
    p.h("Timeline")
    rows = []
    for _ in range(rng.randint(4, 8)):
        rows.append([lk.clock(rng), p.fill_lookalikes(pick(rng, (
            "RN rounded, patient resting, {vital}", "{drug} given", "call light answered by {staff}",
            "provider paged ({pager})", "rapid response called", "family updated by phone", "imaging completed, no fracture",
            "charge RN notified", "event report filed ({ticket})", "{vital}, pain 4/10")))])
    p.table(["Time", "Event"], rows)
    p.h("Contributing factors")
    p.bullets(rng.sample(factors, min(len(factors), rng.randint(2, 3))))
    p.h("Action items")
    p.table(["#", "Action", "Owner", "Due", "Ticket"],
            [[str(i + 1), pick(rng, ("Re-educate staff on two identifiers", "Audit bed alarms weekly", "Separate look-alike vials",
                                     "Add hard stop to order set", "Update provider directory", "Review sitter policy")),
              p.staffer(), p.date_text(p.future(10, 60)), lk.ticket(rng)] for i in range(rng.randint(2, 4))])
    p.h("Attendees")
    p.line(", ".join(p.staffer() for _ in range(rng.randint(3, 6))))
    p.blank()


DIAGNOSES = ("CHF", "COPD exac", "PNA", "UTI", "s/p hip ORIF", "sepsis", "DKA", "AFib RVR", "CVA", "GI bleed",
             "cellulitis", "AKI", "syncope", "SBO", "pancreatitis", "ESRD on HD", "hypoNa", "falls/FTT")
NOTES = ("fall risk", "DNR/DNI", "1:1 sitter", "contact iso", "NPO after MN", "d/c today", "PT eval", "tele",
         "{vital}", "{drug}", "wound care", "CM to see", "family mtg at {clock}", "blood cx pending", "strict I/O")


def bed_label(p):
    rng = p.rng
    return pick(rng, (f"{rng.randint(301, 348)}{pick(rng, ('', 'A', 'B'))}", str(rng.randint(1, 36)), f"ICU-{rng.randint(1, 12)}",
                      f"Bay {rng.randint(1, 20)}", f"Chair {rng.randint(1, 18)}", f"H{rng.randint(1, 30)}"))


def huddle_notes(p):
    rng = p.rng
    unit = pick(rng, p.org.units)
    p.title(pick(rng, (f"Safety huddle - {unit} - {p.date_text(p.today, year=False)}", f"{unit} daily huddle notes",
                       f"Bed board / huddle {p.date_text(p.today, year=True)}", f"HUDDLE {unit.upper()} {p.date_text(p.today)}")))
    p.kv("Charge RN", p.staffer())
    p.kv("Census", f"{rng.randint(14, 32)} / {rng.randint(32, 36)}   Admits: {rng.randint(0, 6)}   Discharges: {rng.randint(0, 7)}")
    p.kv("Staffing", f"{rng.randint(5, 9)} RNs, {rng.randint(1, 3)} CNAs, float from {pick(rng, p.org.units)}")
    p.h(pick(rng, ("Room list", "Patients", "Board", "Rooms")))
    rows = []
    caps = p.chance(0.3)
    for _ in range(rng.randint(6, 24)):
        pt = p.old_patient() if p.chance(0.2) else p.patient(min_age=19, max_age=89)
        name = pt.name(pick(rng, ("last_first", "first_last", "f_last", "caps_last_first", "last", "first_l")))
        age = ids.Phi(str(pt.age), "age") if pt.age >= 90 else str(pt.age)
        note = p.fill_lookalikes(pick(rng, NOTES))
        if p.chance(0.3):
            note = [note, ", adm ", ids.date(rng, pt.visit_date(10), year=False)]
        if p.chance(0.1):
            note = [note, "; ", sn.mrn(p, pt)]
        row = [bed_label(p), name, age, pick(rng, DIAGNOSES), note]
        rows.append([recase(c, "upper") for c in row] if caps else row)
    p.table(["Rm", "Patient", "Age", "Dx", "Notes"], rows)
    p.h("Safety concerns")
    p.prose(("Pyxis in the med room is down; use the one on {unit}.", "Two call lights broken ({room}, {room}); ticket {ticket}.",
             "Isolation cart restocked.", "Reminder: bed alarms on for all fall-risk patients.",
             "Rapid response x{n} overnight.", "Lift equipment in {room} tagged out ({asset})."), as_bullets=True)
    if p.chance(0.5):
        vip = p.old_patient() if p.chance(0.4) else p.patient(min_age=30)
        p.para(fill("Heads up: {n} ({age}) is a readmit; {rel} asked to be called before any procedure.",
                    n=vip.titled(), age=vip.age_text(), rel=sn.relative_contact(p, vip)))
    p.h("Follow-ups")
    p.bullets([f"{p.staffer()} - {p.fill_lookalikes(s)}" for s in rng.sample((
        "check on the broken bed in {room}", "order more IV poles", "schedule skills fair for {date}",
        "send the staffing grid by {clock}", "update the isolation signage"), 2)])


TRAINING_TOPICS = ("Registering a walk-in patient", "Checking eligibility in the payer portal", "Setting up portal proxy access",
                   "Entering a referral order", "Scanning outside records", "Merging duplicate charts")


def training_walkthrough(p):
    rng = p.rng
    topic = pick(rng, TRAINING_TOPICS)
    pt = p.old_patient() if p.chance(0.15) else p.patient(min_age=1)
    p.title(pick(rng, (f"Training walkthrough: {topic}", f"{topic} - step by step (with screenshots)", f"New hire training - {topic}")))
    p.para(p.fill_lookalikes(pick(rng, (
        "This walkthrough is for new front-desk hires. Plan on {n} minutes. Log in to the TRAINING environment if you can; it resets every night at {clock}.",
        "Follow along in the PLAY environment. The screenshots were captured on {date_y} in version {version}.",
        "Recorded session link: {wiki_url}. Ask {staff} for a training login."))))
    p.h("Before you start")
    p.bullets(["Have the patient's photo ID and insurance card ready.", "Use two identifiers: full name and date of birth.",
               p.fill_lookalikes("Know the service desk number ({ext}) in case your login locks.")])
    p.h("Steps")
    placeholder = pick(rng, ("[PATIENT NAME]", "<patient name>", "ZZTEST, PATIENT", "Test Patient"))
    p.bullets([
        fill("Search for the patient by last name and DOB, e.g. {ph}.", ph=placeholder),
        fill("Our example: type {last} in the search box; the result is {name}, {dob}.", last=Phi(pt.last.upper() if p.chance(0.4) else pt.last, "name"),
             name=pt.name("last_first"), dob=sn.dob(p, pt)),
        fill("Open the chart. The banner shows {banner}.", banner=sn.banner(p, pt)),
        fill("Update the address: {addr}.", addr=pt.address.one_line()),
        fill("Confirm the phone ({ph}) and email ({em}).", ph=pt.phone, em=pt.email),
        fill("Coverage tab: {ins}.", ins=sn.insurance(p, pt)),
        "Click Accept, then Close Encounter.",
    ], numbered=True)
    if p.chance(0.5):
        p.h("Proxy access example")
        rel = pt.relative
        p.para(fill("{rn} ({rel}) asked for proxy access. Her portal username is {em}; we verified her ID, DL# {dl}.",
                    rn=rel.name(), rel=rel.relation, em=ids.email(rng, rel.first, rel.last), dl=ids.drivers_license(rng)[1]))
    p.h("Common mistakes")
    p.prose(("Creating a duplicate chart because the DOB was typed as MM/DD/YY.", "Leaving the old phone number active.",
             "Skipping the eligibility check; denials cost about {money} per claim to rework.", "Closing the encounter before scanning the card."), as_bullets=True)
    p.related()


def callback_list(p):
    rng = p.rng
    p.title(pick(rng, ("Abnormal results - callback list", f"Results to call back week of {p.date_text(year=False)}",
                       "Lab callbacks (nurse line)", "CALLBACK LIST - RESULTS")))
    p.para(p.fill_lookalikes(pick(rng, (
        "Work top to bottom. Mark 'LM' if you left a message (no results on voicemail). Questions: {staff} {ext}.",
        "These came from the result pool on {date}. Target: all called within {n} hours.",))))
    rows = []
    for _ in range(rng.randint(5, 22)):
        pt = p.old_patient() if p.chance(0.12) else p.patient(min_age=1)
        rows.append([pt.name(pick(rng, ("last_first", "first_last", "caps_last_first"))), pt.dob_text(),
                     pt.mrn if p.chance(0.7) else "", pick(rng, ("K 5.9", "A1c 9.8%", "Hgb 7.1", "INR 4.2", "TSH 0.02", "Cr 2.3",
                                                                  "LDL 212", "PSA 8.4", "Na 126", "positive FIT")),
                     ids.phone(rng), pick(rng, ("LM", "done", "", "2nd attempt", "spoke w/ pt", "needs appt"))])
    p.table(["Name", "DOB", "MRN", "Result", "Phone", "Status"], rows)
    p.h("Scripts")
    p.prose(("Hi, this is the nurse from {clinic} calling for your recent lab results; please call us back at {main_line}.",
             "Do not leave results on voicemail.", "Offer a portal message if the patient prefers.",
             "If no answer after two attempts, send a letter."), as_bullets=True)


def bug_report(p):
    rng = p.rng
    pt = p.patient(min_age=1)
    p.title(pick(rng, (f"{lk.ticket(rng)}: Chart summary shows wrong allergies", f"Bug: portal message attachments fail ({lk.ticket(rng)})",
                       f"{lk.ticket(rng)} Referral fax not sent", "Interface error: ADT A08 rejected")))
    p.kv("Reporter", p.staffer())
    p.kv("Priority", pick(rng, ("P1", "P2", "P3", "High", "Medium")))
    p.kv("Environment", f"PRD, build {lk.build_number(rng, p.recent())}, client {lk.version(rng)}")
    p.h("Steps to reproduce")
    p.bullets([
        fill("Open the chart for {pt}", pt=sn.inline(p, pt, with_mrn=True)),
        "Go to Chart Review > Media and click the latest document",
        fill("The URL is {url}", url=ids.patient_url(rng, p.org)),
        "Observe the spinner, then the error below",
    ], numbered=True)
    p.h("Actual result")
    p.line("```")
    p.line(f"{lk.iso_timestamp(rng, p.today)} ERROR [{pick(rng, ('DocViewer', 'ReferralFax', 'HL7Inbound'))}] request {lk.uuid_text(rng)} failed: 500")
    p.line(fill("  patientId={pid} mrn={mrn} user={u}", pid=Phi(ids.digits(rng, 7), "other"), mrn=pt.mrn, u=ids.ascii_fold(p.staff[0].first).lower()))
    p.line(f"  at com.vendor.docs.Renderer.render(Renderer.java:{rng.randint(40, 900)})")
    p.line(f"  sha256={lk.sha256_text(rng)}")
    if p.chance(0.5):
        p.line(fill("  MSH|^~\\&|EPIC|{fac}|||{ts}||ADT^A08|{ctl}|P|2.5.1\n  PID|1||{mrn}^^^MRN||{last}^{first}||{dob}|{sex}",
                    fac=p.org.slug.upper()[:6], ts=lk.build_number(rng, p.today), ctl=ids.digits(rng, 8), mrn=pt.mrn,
                    last=Phi(pt.last.upper(), "name"), first=Phi(pt.first.upper(), "name"),
                    dob=Phi(pt.dob.strftime("%Y%m%d"), "date"), sex=pt.sex))
    p.line("```")
    p.h("Expected result")
    p.para("The document opens in the viewer.")
    p.h("Notes")
    p.prose(("Happens on {few} of 10 attempts.", "Started after the {version} upgrade.", "Workaround: open from the Media tab.",
             "Vendor case {ticket} opened.", "Correlation id {uuid}."), as_bullets=True)


ONE_LINERS = (
    lambda p, pt: fill("call back {n} re: results", n=pt.titled()),
    lambda p, pt: fill("cb {ph} - pt asking about MRI auth", ph=pt.phone),
    lambda p, pt: fill("MRN {m} needs the consent re-scanned", m=pt.mrn),
    lambda p, pt: fill("fyi dob for the tues add-on is {d}", d=pt.dob_text(pick(p.rng, ("mdy", "mdY", "mdY_pad", "iso")))),
    lambda p, pt: fill("SSN for the charity care app: {s}", s=pt.ssn),
    lambda p, pt: fill("pt email {e} bounced - pls update", e=pt.email),
    lambda p, pt: fill("Denied again: member ID {m}", m=pt.member_id),
    lambda p, pt: fill("MBI {m} - eligibility check failed", m=pt.mbi),
    lambda p, pt: fill("new address: {a}", a=pt.address.street_phi()),
    lambda p, pt: fill("Mailing label came back: {c}", c=ids.Phi(pt.address.city_line(), "geography")),
    lambda p, pt: fill("{n} in the lobby again, asking for the manager", n=pt.name("first_last")),
    lambda p, pt: fill("reminder: {age} in bed 4 is a high fall risk", age=ids.age_phrase(p.rng, p.rng.randint(90, 103))),
    lambda p, pt: fill("{url} <- chart with the duplicate allergy", url=ids.patient_url(p.rng, p.org)),
    lambda p, pt: fill("acct {a} - refund pending", a=pt.account),
    lambda p, pt: fill("card on file {c} declined", c=ids.card_number(p.rng)),
    lambda p, pt: fill("Pacemaker S/N {s} - remote monitoring not transmitting", s=ids.device_serial(p.rng)),
    lambda p, pt: fill("portal login from {ip} flagged", ip=ids.public_ipv4(p.rng)),
    lambda p, pt: fill("pt wants records faxed to her home fax {f}", f=ids.phone(p.rng, "fax")),
    lambda p, pt: fill("DL {d} copied for ID verification", d=ids.drivers_license(p.rng)[1]),
    lambda p, pt: fill("son's car in the ambulance bay, plate {pl}", pl=ids.plate(p.rng)),
    lambda p, pt: fill("admit {d} - still no bed", d=ids.date(p.rng, pt.visit_date(3), year=False)),
    lambda p, pt: fill("{n} no-showed again", n=pt.name("last_first")),
)


def one_liner(p):
    """A one-line note holding exactly one identifier."""
    pt = p.patient(min_age=1)
    note = pick(p.rng, ONE_LINERS)(p, pt)
    how = pick(p.rng, ("keep", "keep", "keep", "lower", "upper"))
    coded = {"health_plan", "mrn", "license", "vehicle", "device", "account", "url"}
    if how == "lower" and any(isinstance(v, Phi) and v.category in coded for v in note):
        how = "keep"  # coded identifiers keep their case; names and phrases may be typed in lower case
    p.line(recase(note, how))
