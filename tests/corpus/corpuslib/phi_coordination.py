"""PHI pages from care coordination and back office: referrals, billing escalations, device
recalls, portal incidents, home visits, social work, discharge planning and pharmacy issues."""

from . import identifiers as ids
from . import lookalikes as lk
from . import snippets as sn
from .doc import Phi, fill, recase
from .people import Person

pick = ids.pick

SPECIALTIES = ("Cardiology", "Nephrology", "Orthopedics", "GI", "Neurology", "Endocrinology", "Pulmonology",
               "Behavioral Health", "Wound Care", "Physical Therapy", "Oncology", "Podiatry")


def provider_line(p):
    """'Dr. Amara Okafor, MD - NPI 1487623095': provider names are not PHI; the NPI is provider_id."""
    doc = Person(p.rng)
    return [f"Dr. {doc.first} {doc.last}", pick(p.rng, (", MD", ", DO", " (NP)", "")), pick(p.rng, (" - NPI ", ", NPI: ", " NPI# ", " | NPI ")),
            ids.npi(p.rng)], doc


def referral(p):
    rng = p.rng
    spec = pick(rng, SPECIALTIES)
    pt = p.old_patient() if p.chance(0.2) else p.patient(min_age=1)
    p.title(pick(rng, (f"Referral - {spec}", f"Care coordination: {spec} referral", f"{spec} referral packet ({lk.ticket(rng)})",
                       f"REFERRAL TO {spec.upper()}")))
    referral_demographics(p, pt)
    referral_clinical(p, pt, spec)


def referral_demographics(p, pt):
    rng = p.rng
    p.h("Patient")
    p.kv("Name", pt.name(pick(rng, ("first_last", "last_first", "first_m_last", "caps_last_first"))))
    p.kv("DOB", pt.dob_text())
    p.kv("Age", pt.age_text())
    if p.chance(0.8):
        p.kv("MRN", pt.mrn)
    if p.chance(0.7):
        p.kv("Address", pt.address.one_line())
    p.kv("Phone", [pt.phone, pick(rng, ("", " (cell)", " - ok to leave msg", " (home)"))])
    if p.chance(0.5):
        p.kv("Alt phone", pt.alt_phone)
    if p.chance(0.2):
        p.kv(pick(rng, ("Fax (home office)", "Pt fax", "Fax")), ids.phone(rng, "fax"))
    p.kv("Insurance", sn.insurance(p, pt))
    if p.chance(0.5):
        p.kv("Emergency contact", sn.relative_contact(p, pt))
    if p.chance(0.15):
        p.kv("SSN", pt.ssn)
    if p.chance(0.35):
        label, num = ids.other_number(rng)
        p.kv(label, num)


def referral_clinical(p, pt, spec):
    rng = p.rng
    p.h("Referring provider")
    line, _ = provider_line(p)
    p.line(line)
    p.line(f"{p.org.name}, phone {p.org.main_line}, fax {p.org.fax}")
    p.h("Reason for referral")
    p.para(fill("{age} {sex} with {dx} ({icd}), {vital}. On {drug}. {ask}",
                age=pt.age_text(), sex=pick(rng, ({"F": "female", "M": "male"}[pt.sex], "patient", {"F": "woman", "M": "man"}[pt.sex])),
                dx=pick(rng, ("worsening CKD stage 4", "new-onset AFib", "uncontrolled T2DM", "chronic low back pain", "syncope", "non-healing foot ulcer", "memory loss")),
                icd=lk.icd(rng), vital=lk.vital(rng), drug=lk.drug_with_dose(rng),
                ask=pick(rng, ("Please evaluate and advise.", "Requesting consult within 2 weeks.", "Pt prefers morning appointments.", "Urgent - seen in ED last week."))))
    if p.chance(0.6):
        p.para(fill("Last seen here on {d}; ED visit {d2}. Records attached: last {n} notes, labs, imaging.",
                    d=sn.visit_date(p, pt, 60), d2=sn.visit_date(p, pt, 30), n=rng.randint(2, 5)))
    p.h("Tracking")
    p.table(["Step", "Date", "By", "Status"],
            [["Referral received", sn.visit_date(p, pt, 20), p.staffer(), "done"],
             ["Auth submitted", sn.visit_date(p, pt, 10), p.staffer(), pick(rng, ("pending", "approved", "denied"))],
             ["Appointment", ids.date(rng, pt.visit_date(0, 40), year=p.chance(0.5)), p.staffer(), pick(rng, ("booked", "pt to call", "waitlist"))]])
    if p.chance(0.3):
        p.para(fill("Packet link: {url}", url=ids.patient_url(rng, p.org)))
    if p.chance(0.4):
        p.para(p.fill_lookalikes(f"Receiving office: {spec} scheduling line {{toll_free}}. Ticket {{ticket}}."))


def billing_escalation(p):
    rng = p.rng
    pt = p.patient(min_age=18)
    guarantor = pt.relative if p.chance(0.4) else None
    issue = pick(rng, ("Duplicate charge on patient card", "Balance sent to collections in error", "Refund request over $500",
                       "Denied claim - eligibility", "Payment plan dispute", "Self-pay estimate complaint"))
    p.title(pick(rng, (f"Billing escalation: {issue}", f"{lk.ticket(rng)} - {issue}", f"ESCALATION / {issue.upper()}")))
    p.kv("Opened", p.date_text(year=True))
    p.kv("Owner", p.staffer())
    p.kv("Ticket", lk.ticket(rng))
    billing_account(p, pt, guarantor)
    billing_story(p, pt, issue)


def billing_account(p, pt, guarantor):
    rng = p.rng
    p.h("Account")
    p.kv("Patient", pt.name())
    if guarantor:
        p.kv("Guarantor", [guarantor.name(), f" ({guarantor.relation})"])
    p.kv("Account #", pt.account)
    if p.chance(0.6):
        p.kv("DOB", pt.dob_text())
    if p.chance(0.5):
        p.kv("Insurance", sn.insurance(p, pt))
    if p.chance(0.5):
        label, num = ids.other_number(rng)
        p.kv(label, num)
    p.h("Charges")
    rows = []
    for _ in range(rng.randint(2, 6)):
        rows.append([ids.date(rng, pt.visit_date(200), year=p.chance(0.6)), lk.cpt(rng), lk.money(rng, 20, 4000),
                     pick(rng, ("paid", "denied CO-27", "pt resp", "adjusted", "in review"))])
    p.table(["DOS", "CPT", "Amount", "Status"], rows)


def billing_story(p, pt, issue):
    rng = p.rng
    p.h("What happened")
    if "card" in issue.lower() or p.chance(0.3):
        p.para(fill("The patient called on {d} from {ph}. The card on file ({card}) was charged twice for {amt}. {who} confirmed both transactions in the terminal batch {batch}.",
                    d=sn.visit_date(p, pt, 20), ph=pt.phone, card=ids.card_number(rng), amt=lk.money(rng, 30, 900), who=p.staffer(), batch=lk.build_number(rng, p.recent())))
    else:
        p.para(fill("{n} says the balance of {amt} should have gone to insurance. Statement mailed to {addr} was returned; the new email is {em}.",
                    n=pt.titled(), amt=lk.money(rng, 50, 6000), addr=pt.address.one_line(), em=pt.email))
    if p.chance(0.3):
        p.para(fill("Charity care application started; SSN {ssn} and {state} DL {dl} copied to the application folder.",
                    ssn=pt.ssn, state=pick(rng, tuple(ids.DL_FORMATS)), dl=ids.drivers_license(rng)[1]))
    if p.chance(0.15):
        p.para(fill("The guarantor asked for statements by fax to {fax} instead of mail.", fax=ids.phone(rng, "fax")))
    if p.chance(0.3):
        p.para(fill("Refund by ACH: routing {aba} (bank), account {acct}. Needs manager approval over $500.",
                    aba=ids.aba_routing(rng), acct=Phi(ids.digits(rng, rng.randint(8, 12)), "account")))
    p.h("Next steps")
    p.bullets([p.fill_lookalikes(s) for s in rng.sample((
        "Void the duplicate in the card portal and document the confirmation number.", "Send the corrected statement.",
        "Recall the account from the agency ({ticket}).", "Call the payer at {toll_free} and ask for reprocessing.",
        "Close the escalation within {few} days."), 3)])


DEVICES = (
    ("implantable cardioverter-defibrillator", "ICD", "firmware can drain the battery early", ("Medtronic", "Boston Scientific", "Abbott")),
    ("pacemaker", "PPM", "a sealing issue may let moisture in", ("Medtronic", "Abbott", "Biotronik")),
    ("insulin pump", "pump", "the occlusion alarm may not sound", ("Tandem", "Insulet", "Medtronic")),
    ("continuous glucose monitor receiver", "CGM", "readings may be falsely high", ("Dexcom", "Abbott")),
    ("home oxygen concentrator", "concentrator", "the unit may overheat", ("Philips", "Inogen", "Invacare")),
    ("CPAP machine", "CPAP", "the foam may degrade", ("Philips", "ResMed")),
    ("cochlear implant processor", "processor", "the battery door may crack", ("Cochlear", "Advanced Bionics")),
)


def device_recall(p):
    rng = p.rng
    device, short, problem, makers = pick(rng, DEVICES)
    maker = pick(rng, makers)
    p.title(pick(rng, (f"Recall: {maker} {device} - affected patients", f"FDA Class {pick(rng, ('I', 'II'))} recall {short} follow-up list",
                       f"{short.upper()} RECALL OUTREACH {p.today.year}")))
    p.kv("Recall number", f"Z-{rng.randint(1000, 3000)}-{p.today.year}")
    p.kv("Model", f"{pick(rng, ('A', 'W', 'MMT-', 'X'))}{rng.randint(100, 9999)}")
    p.kv("Affected lots", ", ".join(lk.lot_number(rng) for _ in range(rng.randint(1, 4))))
    p.para(f"The manufacturer reports that {problem}. Clinic owner: {p.staffer()}. Target: all patients contacted within {rng.randint(5, 30)} days.")
    p.h("Patients")
    rows = []
    for _ in range(rng.randint(3, 14)):
        pt = p.old_patient() if p.chance(0.15) else p.patient(min_age=8)
        serial = ids.udi(rng) if p.chance(0.25) else ids.device_serial(rng)
        rows.append([pt.name(pick(rng, ("last_first", "first_last", "caps_last_first"))), pt.mrn if p.chance(0.7) else pt.dob_text(),
                     serial, ids.date(rng, pt.visit_date(1500), year=True), pt.phone, pick(rng, ("called", "LM x2", "letter sent", "scheduled", ""))])
    p.table(["Patient", "MRN/DOB", "Serial / UDI", "Implant/issue date", "Phone", "Outreach"], rows)
    p.h("Script")
    p.prose((f"Tell the patient that the {short} is being checked as a precaution.", "Do not say the device is defective.",
             "Offer a device check in the clinic ({room}) or by remote monitoring.", "Document in the recall flowsheet row."), as_bullets=True)
    if p.chance(0.4):
        pt = p.patient(min_age=40)
        p.para(fill("Escalation: {n}'s {rel} called saying the {short} alarmed overnight; S/N {s}. Device rep {rep} will call her at {ph}.",
                    n=pt.name(), rel=pt.relative.relation, short=short, s=ids.device_serial(rng), rep=p.staffer(), ph=ids.phone(rng)))


def portal_incident(p):
    rng = p.rng
    pt = p.patient(min_age=14)
    kind = pick(rng, ("account takeover", "proxy access granted in error", "message sent to wrong patient", "credential stuffing"))
    p.title(pick(rng, (f"Portal incident: {kind}", f"SEC-{rng.randint(100, 999)} patient portal {kind}", f"MyChart {kind} - investigation notes")))
    p.kv("Status", pick(rng, ("Investigating", "Contained", "Closed - reportable", "Closed - not reportable")))
    p.kv("Privacy officer", p.staffer())
    p.kv("Detected", lk.iso_timestamp(rng, p.recent(10)))
    p.h("Summary")
    p.para(fill("The portal account for {pt} ({em}) showed logins from an unfamiliar location. The patient confirmed they did not log in. {ref}",
                pt=sn.inline(p, pt), em=pt.email, ref=p.fill_lookalikes("Vendor ticket {ticket}.")))
    p.h("Access log (from the vendor export)")
    rows = []
    for _ in range(rng.randint(3, 9)):
        ip = ids.public_ipv6(rng) if p.chance(0.2) else ids.public_ipv4(rng)
        rows.append([lk.clock(rng), ip, pick(rng, ("login ok", "login failed", "viewed results", "downloaded visit summary", "changed email", "MFA bypass")),
                     pick(rng, ("Chrome/124 Win10", "Safari iOS 17", "okhttp/4.9", "python-requests/2.31"))])
    p.table(["Time", "Source IP", "Event", "User agent"], rows)
    p.para(p.fill_lookalikes("Our WAF ({ip_private}) and the portal app servers ({host}) did not alert. Rule set {version}."))
    if kind.startswith("proxy") or p.chance(0.3):
        rel = pt.relative
        p.para(fill("Proxy access had been granted to {rn} ({rel}, {re}) on {d} without the signed form.",
                    rn=rel.name(), rel=rel.relation, re=ids.email(rng, rel.first, rel.last), d=sn.visit_date(p, pt, 90)))
    if kind.startswith("message"):
        other = p.patient(min_age=18)
        p.para(fill("A message meant for {a} was sent to {b}; thread {u}.", a=pt.name(), b=other.name(), u=ids.patient_url(rng, p.org)))
    if p.chance(0.3):
        p.para(fill("The phone used for MFA was changed to {ph}; the carrier lists device IMEI {imei}.", ph=ids.phone(rng), imei=ids.imei(rng)))
    if p.chance(0.35):
        state, dl = ids.drivers_license(rng)
        p.para(fill("Identity re-verified at the front desk with {state} DL# {dl}.", state=state, dl=dl))
    if p.chance(0.25):
        p.para(fill("The attacker viewed the billing page and the saved card {card}; the card was cancelled.", card=ids.card_number(rng)))
    p.h("Actions")
    p.bullets(["Reset credentials and revoke sessions", "Disable proxy access pending review", p.fill_lookalikes("Block source addresses at the edge ({ticket})"),
               "Notify the patient by letter", "Risk assessment for breach notification"])


def home_visit(p):
    rng = p.rng
    pt = p.old_patient() if p.chance(0.35) else p.patient(min_age=50)
    p.title(pick(rng, ("Home visit note", f"Home health visit - {p.staffer()}", "HOME VISIT", "Community paramedic visit summary")))
    p.kv("Visit date", sn.visit_date(p, pt, 14, year=True))
    p.kv("Clinician", p.staffer())
    p.kv("Patient", [pt.name(), ", ", pt.age_text()])
    p.kv("Address", pt.address.one_line() if p.chance(0.7) else pt.address.two_lines(indent="         "))
    if p.chance(0.5):
        p.kv("Directions", pick(rng, ("blue house behind the church, side door", "2nd floor, buzzer broken - call first",
                                      "trailer at the end of the gravel road", "enter through the garage")))
    p.kv("Phone", pt.phone)
    shout = p.chance(0.2)
    p.h("Visit")
    p.para(p.fill_lookalikes("Vitals: {vital}, {vital}, {vital}. Meds reviewed: {drug}; {drug}. Pill organizer set up for {n} days."))
    p.para(recase(fill("Lives with {rel}. {who} helps with meals. {car}",
                rel=sn.relative_contact(p, pt), who=pick(rng, ("Neighbor", "A church volunteer", "Her granddaughter", "Nobody")),
                car=pick(rng, (fill("Still drives a {car}, plate {pl}; family is worried.", car=pick(rng, ("2009 Buick", "silver Camry", "red pickup")), pl=ids.plate(rng)),
                                fill("Wheelchair van VIN {vin} needs a ramp repair.", vin=ids.vin(rng)), "Does not drive.", "Uses paratransit."))),
                  "upper" if shout else "keep"))
    p.h("Safety")
    p.bullets([p.fill_lookalikes(s) for s in rng.sample(("Loose rugs in hallway - removed", "Smoke detector battery replaced",
                                                         "Grab bars needed in bathroom", "Oxygen tubing across the kitchen - rerouted",
                                                         "Space heater near bed", "Scale reads {n} lb heavier than clinic"), 3)])
    p.h("Plan")
    p.para(fill("Next visit {d}. Call {ph2} (the {rel}) if no answer at home. Med list faxed to the PCP.",
                d=ids.date(rng, pt.visit_date(0, 14), year=False), ph2=ids.phone(rng), rel=pt.relative.relation))


def social_work(p):
    rng = p.rng
    pt = p.patient(min_age=18)
    p.title(pick(rng, ("Social work note", "SW consult - housing and benefits", "Social work follow-up", f"SW note {p.date_text(year=False)}")))
    p.kv("Client", pt.name())
    p.kv("DOB", pt.dob_text())
    p.kv("Referred by", p.staffer())
    p.h("Situation")
    p.para(fill("{n} is staying with {rel} at {addr} after losing the apartment. Income: SSI. {mh}",
                n=pt.name("first"), rel=sn.relative_contact(p, pt), addr=pt.address.one_line(),
                mh=pick(rng, ("Screened PHQ-9 score 14.", "No SI/HI.", "Reports food insecurity.", "Needs transport to dialysis 3x/week."))))
    if p.chance(0.35):
        p.para(fill("Some nights {pron} sleeps in {car} ({pl}) in the clinic lot; security is aware.",
                    pron="she" if pt.sex == "F" else "he", car=pick(rng, ("a grey 2011 Corolla", "her van", "the car", "an older SUV")),
                    pl=[pick(rng, ids.PLATE_LABELS), " ", ids.plate(rng)]))
    p.h("Benefits")
    rows = [["SSN (for application)", pt.ssn], ["Medicaid ID", pt.member_id]]
    if p.chance(0.5):
        state, dl = ids.drivers_license(rng)
        rows.append([f"{state} ID", dl])
    if p.chance(0.4):
        label, num = ids.other_number(rng)
        rows.append([label, num])
    p.table(["Item", "Value"], rows)
    p.h("Contacts")
    p.bullets([fill("Client cell: {ph}", ph=pt.phone), fill("Shelter intake: {s}", s=p.fill_lookalikes("{toll_free}")),
               fill("Caseworker at the county: {c} ({e})", c=p.staffer(), e=p.fill_lookalikes("{team_email}"))])
    p.h("Plan")
    p.bullets(["Complete the housing application", "Apply for SNAP", ["Follow up on ", sn.visit_date(p, pt, 0, 21)],
               "Bus passes given (2)"])


def discharge_planning(p):
    rng = p.rng
    pt = p.old_patient() if p.chance(0.3) else p.patient(min_age=30)
    p.title(pick(rng, ("Discharge planning", "Transitions of care - discharge plan", "D/C PLANNING ROUNDS", f"Discharge plan for {pick(rng, p.org.units)}")))
    p.line(sn.banner(p, pt))
    p.blank()
    p.kv("Admitted", ids.date(rng, pt.visit_date(12), year=p.chance(0.6)))
    p.kv("Expected discharge", ids.date(rng, pt.visit_date(0, 4), year=False))
    p.kv("Disposition", pick(rng, ("SNF", "home with home health", "acute rehab", "home", "LTACH")))
    if p.chance(0.3):
        p.kv(pick(rng, ("HAR", "Hospital account", "Acct")), pt.account)
    if p.chance(0.3):
        label, num = ids.other_number(rng)
        p.kv(label, num)
    if p.chance(0.15):
        p.kv("SSN (Medicaid application)", pt.ssn)
    if p.chance(0.6):
        facility = pick(rng, ("Willow Creek Rehab", "Maple Grove SNF", "Sunrise Care Center", "Riverside Nursing & Rehab"))
        p.kv("Facility", [facility, ", ", ids.Phi(pt.address.city_line(), "geography")])
    p.h("Needs")
    p.bullets([p.fill_lookalikes(s) for s in rng.sample(("DME: walker, shower chair", "Home O2 {few} L", "PT/OT 3x/week",
                                                         "Follow-up with PCP within 7 days", "Wound vac", "{drug}", "Insulin teaching"), 4)])
    p.h("Family")
    p.para(fill("Spoke with {rel}. They want the patient closer to home in {city}.", rel=sn.relative_contact(p, pt), city=pt.address.city_only()))
    if p.chance(0.5):
        p.para(fill("Transport: wheelchair van booked for {t}; pickup at the {door}.", t=lk.clock(rng), door=pick(rng, ("main entrance", "ED ambulance bay"))))


def pharmacy_issue(p):
    rng = p.rng
    pt = p.patient(min_age=18)
    drug = pick(rng, ("oxycodone 5 mg", "hydrocodone/APAP 5/325", "alprazolam 0.5 mg", "methylphenidate ER 36 mg", "buprenorphine/naloxone 8/2 mg"))
    p.title(pick(rng, ("Controlled substance refill issue", f"Pharmacy callback - {drug.split()[0]}", f"Rx issue {lk.ticket(rng)}", "PDMP discrepancy review")))
    p.kv("Patient", [pt.name(), "  ", sn.dob(p, pt)])
    label, rx = "Rx #", Phi(ids.digits(rng, 7), "other")
    p.kv(label, rx)
    p.kv("Medication", drug)
    prescriber = Person(rng)
    p.kv("Prescriber", [f"{prescriber.first} {prescriber.last}, MD  DEA ", ids.dea(rng, prescriber.last), "  NPI ", ids.npi(rng)])
    p.kv("Pharmacy", f"{pick(rng, ('Walgreens', 'CVS', 'Rite Aid', 'Kroger', 'Independent'))} #{rng.randint(1000, 19999)}, phone {ids.format_phone(rng, ids.phone_digits(rng))}")
    p.h("Issue")
    p.para(fill("Pharmacist called on {d}: the PDMP shows fills from two prescribers in the last {n} days. Patient reachable at {ph}.",
                d=sn.visit_date(p, pt, 10), n=rng.randint(20, 60), ph=pt.phone))
    if p.chance(0.4):
        state, dl = ids.drivers_license(rng)
        p.para(fill("Pickup ID on file: {state} driver's license {dl}.", state=state, dl=dl))
    p.h("Resolution")
    p.bullets(["Prescriber reviewed the PDMP", "Controlled substance agreement re-signed", ["Follow-up visit booked ", sn.visit_date(p, pt, 0, 30)],
               "No early refills until the next visit"])
