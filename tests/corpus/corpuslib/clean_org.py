"""Clean organisational and clinical pages: HR notices, clinical SOPs without patients, meeting
notes with staff names, marketing, HIPAA training with placeholders, budgets, formulary updates,
facilities, quality dashboards, vaccine clinics and vendor contracts. No PHI, many look-alikes."""

import datetime as dt

from . import identifiers as ids
from . import lookalikes as lk

pick = ids.pick


def hr_notice(p):
    rng = p.rng
    topic = pick(rng, ("Open enrollment", "Holiday schedule", "Office move", "New parking policy", "Payroll calendar change", "Flu shot requirement"))
    p.title(pick(rng, (f"HR notice: {topic}", f"{topic} {p.today.year}", f"ALL STAFF - {topic.upper()}")))
    p.para(p.fill_lookalikes(f"Posted by {{staff}} (HR) on {{date_y}}. Questions: {{team_email}} or {{ext}}."))
    if topic == "Open enrollment":
        p.para(f"Open enrollment runs from {p.date_text(p.recent(5, 5), year=False)} to {p.date_text(p.future(20, 30), year=True)}. Plans:")
        plans = ("PPO 500", "HDHP + HSA", "HMO Select", "Dental Plus", "Vision")
        p.table(["Plan", "Group #", "Employee only", "Family"],
                [[pick(rng, plans), f"{rng.randint(100000, 999999)}-{rng.randint(10, 99)}", lk.money(rng, 20, 300), lk.money(rng, 300, 1500)]
                 for _ in range(rng.randint(3, 5))])
        p.prose(("The employer HSA contribution is {money}.", "Dependents up to age 26 are eligible.", "Bring your employee ID (e.g. {year}-style IDs start with E).",
                 "Benefits fair in {room} on {date} from {clock} to {clock}."), 3)
    elif topic == "Holiday schedule":
        rows = [[h, p.date_text(dt.date(p.today.year, m, d), year=True), pick(rng, ("Closed", "Closes at 2 PM", "Open - on-call only"))]
                for h, m, d in (("New Year's Day", 1, 1), ("Memorial Day", 5, 26), ("Independence Day", 7, 4), ("Labor Day", 9, 1),
                                ("Thanksgiving", 11, 27), ("Christmas Day", 12, 25))]
        p.table(["Holiday", "Date", "Clinic"], rows)
    elif topic == "Office move":
        p.para(f"Billing and HR move to {p.org.street_address()} on {p.date_text(p.future(5, 20))}. Our main line ({p.org.main_line}) does not change.")
        p.bullets([p.fill_lookalikes(s) for s in ("Pack your desk by {date}; crates are labelled with your employee ID.", "New badge access starts {date}.",
                                                   "Parking: lot C, spaces {n}-{nn}.", "IT will move your PC; asset tags stay the same ({asset}).")])
    else:
        p.prose(("Effective {date_y}, the policy applies to all staff.", "Managers will confirm by {date}.", "Exceptions require HR approval ({ticket}).",
                 "Pay dates: the {dom} and the last business day.", "Employees aged {young_age} and older may opt into the catch-up contribution.",
                 "Questions go to {staff_full} at {ext}."), 4)
    p.h("Contacts")
    p.table(["Name", "Role", "Phone", "Email"], [[f"{s.first} {s.last}", pick(rng, ("HR generalist", "Benefits", "Payroll", "HR director")),
                                                  p.lookalike("ext"), p.org.email(ids.ascii_fold(s.first).lower())] for s in rng.sample(p.staff, 3)])


CLINICAL_SOPS = {
    "Sepsis screening in triage": [
        "Screen every adult at triage: temp > 100.4 F or < 96.8 F, HR > 90, RR > 20.", "If two criteria are met, draw lactate and blood cultures x2.",
        "Give the first antibiotic (e.g. ceftriaxone 2 g IV) within 1 hour of recognition if ordered.", "Repeat lactate in {few} hours if the first was > 2 mmol/L.",
        "Document the time zero in the sepsis navigator.",
    ],
    "Insulin administration": [
        "Check point-of-care glucose before meals and at bedtime.", "Correction scale: {dose} for glucose 151-200 mg/dL.",
        "Hold prandial insulin if the patient is NPO.", "Two-nurse verification for IV insulin.", "Call the provider for glucose < 70 or > 350 mg/dL.",
    ],
    "Fall prevention bundle": [
        "Score every patient on admission and every shift with the Morse scale.", "Bed in low position, alarm on, call light in reach.",
        "Patients 65 and older on sedatives get a medication review.", "Hourly rounding between {clock} and {clock}.",
        "Post-fall huddle within {n} minutes.",
    ],
    "Vaccine cold chain": [
        "Refrigerator range 2-8 C (36-46 F); freezer -50 to -15 C.", "Log min/max temperatures at {clock} and {clock}.",
        "Data logger serial and calibration date go on the log sheet.", "If out of range, bag and label the vaccine 'DO NOT USE' and call {ext}.",
        "Doses for children 6 months to 8 years: {dose}.",
    ],
    "Pediatric fever protocol": [
        "Infants under 60 days with temp >= 100.4 F go to the ED.", "Children 2 months to 3 years: weight-based acetaminophen 15 mg/kg.",
        "Recheck temperature in {n} minutes.", "Educate parents on dehydration signs.", "Nurse line after hours: {main_line}.",
    ],
    "Hand hygiene audits": [
        "Observe {n} opportunities per unit per week.", "Enter observations in the audit app (form {version}).",
        "Target compliance {pct}.", "Share results at the monthly quality meeting.", "Coaching is immediate and anonymous.",
    ],
}


def clinical_sop(p):
    rng = p.rng
    topic, steps = pick(rng, tuple(CLINICAL_SOPS.items()))
    p.title(pick(rng, (f"Clinical SOP: {topic}", f"{topic} - nursing procedure", f"Policy {rng.randint(100, 999)}.{rng.randint(1, 20)} {topic}")))
    p.kv("Applies to", pick(rng, ("All RNs and LPNs", "Clinic MAs and RNs", "ED and inpatient units", "Pediatrics")))
    p.kv("Approved by", p.staffer())
    p.kv("Effective", p.date_text(year=True))
    p.h("Purpose")
    p.prose(("To standardize care and reduce variation.", "Based on the {year} guideline.", "Reviewed every {n} months.",
             "Identify each patient with two identifiers (name and DOB) before any procedure."), 3)
    p.h("Procedure")
    p.bullets([p.fill_lookalikes(s) for s in steps], numbered=True)
    if p.chance(0.6):
        p.h(pick(rng, ("Scenario", "Example scenario", "Case example (fictional, no identifiers)")))
        p.para(p.fill_lookalikes(pick(rng, (
            f"A {rng.randint(19, 89)}-year-old on {{drug}} presents with {{vital}} and {{vital}}. Follow steps 1-3, then call the provider.",
            f"Example: {rng.randint(19, 89)} y/o {pick(rng, 'FM')}, {{vital}}; give {{drug}} per protocol and recheck in {{few}} hours.",
            f"Age {rng.randint(2, 89)}, weight {rng.randint(12, 120)} kg: the dose is {{dose}}. Document in the MAR at {{clock}}."))))
    p.h("Documentation")
    p.prose(("Record vitals (e.g. {vital}) in the flowsheet.", "Document the date as MM/DD/YYYY and the time in 24h format.",
             "Scan the patient's wristband barcode; never type the MRN by hand.", "Use the smart phrase .SEPSISNOTE or .FALLNOTE."), as_bullets=True)
    p.h("Contacts")
    p.bullets([f"Pharmacy: {p.lookalike('ext')}", f"Charge nurse: {p.lookalike('pager')}", f"Rapid response: dial {rng.randint(2, 8)}{rng.randint(100, 999)}"])
    p.revision_history()


def meeting_notes(p):
    rng = p.rng
    meeting = pick(rng, ("Ops weekly", "Nursing leadership", "EHR optimization", "Revenue cycle", "Quality council", "IT change advisory board"))
    when = p.recent(20, 5)
    p.title(pick(rng, (f"{meeting} - {p.date_text(when, year=True)}", f"{meeting} meeting notes {when:%Y-%m-%d}", f"{meeting.upper()} {when:%m/%d}")))
    attendees = rng.sample(p.staff, rng.randint(4, 8))
    p.kv("Date", f"{p.date_text(when, year=True)} {lk.clock(rng)}")
    p.kv("Location", f"{lk.room(rng)} / Zoom")
    p.kv("Attendees", ", ".join(f"{s.first} {s.last}" if p.chance(0.6) else s.label() for s in attendees))
    if p.chance(0.5):
        bridge = f"+1 {pick(rng, ('646', '312', '669'))} {rng.randint(200, 999)} {ids.digits(rng, 4)}"
        meeting_id = f"{ids.digits(rng, 3)} {ids.digits(rng, 4)} {ids.digits(rng, 4)}"
        p.kv("Dial-in", f"{bridge}, meeting ID {meeting_id}, passcode {ids.digits(rng, 6)}")
    p.h("Agenda")
    p.bullets([p.fill_lookalikes(s) for s in rng.sample((
        "Review of action items from {date}", "Staffing: {n} open RN positions", "Budget variance ({money} over)", "EHR upgrade to {version} on {date}",
        "No-show rate {pct}", "Patient satisfaction scores", "Interface downtime ({ticket})", "New hire orientation"), 4)], numbered=True)
    p.h("Discussion")
    for s in rng.sample(attendees, min(4, len(attendees))):
        p.line(s.first, ": ", p.fill_lookalikes(pick(rng, (
            "reported that {ticket} is closed and the fix ships in build {build}.", "asked whether we can move the go-live to {date}.",
            "said the unit is at {pct} compliance; goal is 95%.", "will share the deck at {wiki_url}.",
            "noted {n} patients over 65 on the panel missed flu shots - aggregate only, list is in the registry.",
            "confirmed the vendor quote is {money}.", "proposed moving the huddle to {clock}."))))
    p.blank()
    p.h("Action items")
    actions = ("Send updated policy", "Book {room} for training", "Open {ticket}", "Follow up with vendor", "Draft the memo")
    p.table(["Action", "Owner", "Due"], [[p.fill_lookalikes(pick(rng, actions)),
                                          pick(rng, attendees).first, p.date_text(p.future(3, 30), year=False)] for _ in range(rng.randint(3, 6))])
    p.para(f"Next meeting: {p.date_text(when + dt.timedelta(days=7), year=False)} at {lk.clock(rng)}.")


def marketing(p):
    rng = p.rng
    campaign = pick(rng, ("Flu shot season", "Back-to-school physicals", "New pediatric wing", "Diabetes education classes", "Senior wellness month", "Telehealth launch"))
    p.title(pick(rng, (f"Campaign brief: {campaign}", f"{campaign} - newsletter draft", f"Social posts for {campaign}")))
    p.h("Key message")
    p.prose(("Walk-ins welcome Monday to Friday, 8 AM to 5 PM.", "Sports physicals only {money}.", "For ages 6 months and up.",
             "Seniors 65+ get the high-dose vaccine.", "Most insurance accepted, including Medicare.", "Call {main_line} or book online at https://www.{domain}/book."), 4)
    p.h("Social posts")
    for _ in range(rng.randint(2, 5)):
        em = p.emoji() if p.chance(0.7) else ""
        p.line(f"{em} " + p.fill_lookalikes(pick(rng, (
            "Flu season is here! Book today at {main_line}. #FluShot #{clinic}", "Our new wing opens {date}! Tours at {clock}.",
            "Free blood pressure checks every Tuesday in the lobby.", "Did you know? {pct} of adults over 65 benefit from an annual wellness visit.",
            "Class starts {date}: managing A1c, meal planning, and more. Register: https://www.{domain}/events"))).strip())
    p.blank()
    p.h("Footer")
    p.line(p.org.name)
    p.line(p.org.address.street_line())
    p.line(p.org.address.city_line())
    p.line(f"Tel {p.org.main_line} | Fax {p.org.fax} | www.{p.org.domain}")
    p.blank()
    p.h("Budget and timeline")
    p.table(["Item", "Cost", "Date"], [[pick(rng, ("Print mailer", "Facebook ads", "Radio spot", "Banner", "Photographer")), lk.money(rng, 200, 9000),
                                         p.date_text(p.future(5, 40))] for _ in range(rng.randint(3, 6))])
    p.para(f"Approved by {p.staffer()} and {p.staffer()}. Photo releases on file for all staff pictured.")


def hipaa_training(p):
    rng = p.rng
    p.title(pick(rng, ("HIPAA training: what counts as PHI", "Privacy basics for new staff", "Annual HIPAA refresher", "Safe Harbor de-identification cheat sheet")))
    p.para("The 18 Safe Harbor identifiers include names, geographic subdivisions smaller than a state, all elements of dates (except year), "
           "phone and fax numbers, emails, SSNs, medical record numbers, health plan beneficiary numbers, account numbers, licence numbers, "
           "vehicle and device identifiers, URLs, IP addresses, biometrics, photos and any other unique number.")
    p.h("Placeholders to use in documentation")
    rows = [["Patient name", pick(rng, ("[PATIENT NAME]", "<Patient Name>", "Jane Doe", "John Doe", "ZZTEST, PATIENT"))],
            ["Date of birth", pick(rng, ("MM/DD/YYYY", "XX/XX/XXXX", "[DOB]", "01/01/1900 (test patient)"))],
            ["SSN", pick(rng, ("XXX-XX-XXXX", "###-##-####", "000-00-0000", "[SSN]"))],
            ["MRN", pick(rng, ("[MRN]", "00000000", "MRN-XXXXXXX"))],
            ["Phone", pick(rng, ("(XXX) XXX-XXXX", "555-555-5555", "[PHONE]"))],
            ["Email", pick(rng, ("patient@example.com", "[EMAIL]", "name@domain"))],
            ["Member ID", pick(rng, ("[MEMBER ID]", "ABC000000000", "XXXXXXXXX"))]]
    p.table(["Field", "Use this"], rows)
    p.h("Examples")
    p.bullets([
        "Bad: pasting a screenshot of the chart into a ticket. Good: describe the problem and give the ticket number only.",
        "The SSA never issues numbers starting with 000, 666 or 9; 123-45-6789 is a famous invalid example.",
        "A Medicare ID looks like 1EG4-TE5-MK73 (the format example CMS publishes); never use a real one in training.",
        "Ages under 90 are not identifiers under Safe Harbor; 90 and over must be grouped as '90 or older'.",
        "A bare year (e.g. born in 1961) is allowed; the full date is not.",
        "Our main line, " + p.org.main_line + ", is public and fine to share.",
    ])
    p.h("Quiz")
    p.bullets([p.fill_lookalikes(s) for s in (
        "Q1. Is a room number such as {room} PHI on its own? (No.)", "Q2. May you text a patient's lab result to your personal phone? (No.)",
        "Q3. Who is our privacy officer? ({staff_full}, {ext})", "Q4. Where do you report a suspected breach? ({team_email})",
        "Q5. How many days do we have to notify individuals of a breach? (60)")], numbered=False)
    p.para(p.fill_lookalikes("Completion is tracked in the LMS (course {version}); due {date_y}."))


def budget(p):
    rng = p.rng
    fy = p.today.year + p.pick((0, 1))
    p.title(pick(rng, (f"FY{fy} operating budget - {pick(rng, ('Nursing', 'IT', 'Facilities', 'Clinic ops', 'Pharmacy'))}", f"Budget request {lk.po_number(rng)}",
                       f"Capital plan FY{fy % 100}")))
    p.para(p.fill_lookalikes("Prepared by {staff} for the finance committee on {date_y}. All figures in USD; cost center {gl}."))
    rows = []
    for _ in range(rng.randint(6, 18)):
        rows.append([lk.gl_code(rng), pick(rng, ("Salaries", "Overtime", "Agency staff", "Medical supplies", "Software licenses", "Maintenance contract",
                                                  "Travel", "Education", "Equipment < $5k", "Printing", "Telecom", "Minor construction")),
                     lk.money(rng, 1000, 900000), lk.money(rng, 1000, 900000), f"{rng.uniform(-15, 15):+.1f}%"])
    p.table(["GL", "Line item", f"FY{fy - 1} actual", f"FY{fy} budget", "Var"], rows)
    p.h("Capital requests")
    p.table(["Item", "Vendor quote", "PO", "Qty"], [[pick(rng, ("Vital signs monitors", "Exam tables", "Laptops", "Label printers", "Badge readers")),
                                                     lk.money(rng, 2000, 120000), lk.po_number(rng), str(rng.randint(1, 40))] for _ in range(rng.randint(2, 5))])
    p.prose(("FTE count stays at {n}.0.", "Inflation assumption {pct}.", "Contract {po} renews on {date_y}.", "Savings of {money} from the fax-to-efax switch."), as_bullets=True)


def formulary_update(p):
    rng = p.rng
    p.title(pick(rng, (f"P&T formulary update {p.date_text(year=True)}", "Formulary changes this quarter", "PHARMACY & THERAPEUTICS - DECISIONS")))
    p.para(p.fill_lookalikes("Approved at the P&T committee on {date}. Chair: {staff}. Pharmacy contact {ext}."))
    rows = []
    for _ in range(rng.randint(4, 12)):
        rows.append([lk.drug_with_dose(rng), lk.ndc(rng), pick(rng, ("Added", "Removed", "Restricted", "Therapeutic interchange")),
                     lk.money(rng, 1, 900), pick(rng, ("", "ID consult", "Adults 18-64 only", "Renal dosing", "Max 7 days"))])
    p.table(["Drug", "NDC", "Decision", "Unit cost", "Restriction"], rows)
    p.prose(("Dose ranges follow the package insert.", "For patients over 65 start at {dose}.", "Interchange: {drug} for {drug}.",
             "The ADC load list changes on {date} ({ticket})."), as_bullets=True)


def facilities_maintenance(p):
    rng = p.rng
    p.title(pick(rng, ("Facilities work orders - open", f"Preventive maintenance schedule {p.today.year}", "Building issues log")))
    rows = []
    for _ in range(rng.randint(6, 20)):
        rows.append([f"WO-{ids.digits(rng, 6)}", lk.room(rng), pick(rng, ("HVAC filter", "Leaking sink", "Door closer", "Exam light", "Badge reader", "Ceiling tile",
                                                                      "Generator test", "Fridge alarm", "Elevator inspection")),
                     lk.asset_tag(rng), lk.equipment_serial(rng) if p.chance(0.5) else "", p.date_text(year=False), pick(rng, ("open", "parts ordered", "closed", "vendor"))])
    p.table(["WO", "Location", "Issue", "Asset", "Serial", "Reported", "Status"], rows)
    p.h("Vendors")
    p.bullets([f"{v}: {ids.format_phone(rng, ids.phone_digits(rng))} (account {rng.randint(10000, 99999)})" for v in rng.sample(
        ("Elevator service", "HVAC contractor", "Generator service", "Pest control", "Locksmith"), 3)])
    p.para(p.fill_lookalikes("Emergency after hours: security {ext}, or the facilities pager {pager}. Generator load test monthly at {clock}."))


def quality_dashboard(p):
    rng = p.rng
    p.title(pick(rng, (f"Quality dashboard Q{rng.randint(1, 4)} {p.today.year}", "Clinical quality measures - monthly", "HEDIS/eCQM scorecard")))
    rows = []
    for m in rng.sample(("CMS122 Diabetes A1c > 9", "CMS165 BP control", "CMS125 Breast cancer screening", "CMS130 Colorectal screening",
                         "CMS2 Depression screening", "CMS138 Tobacco screening", "CMS147 Flu immunization", "30-day readmissions"), rng.randint(4, 8)):
        rows.append([m, str(rng.randint(40, 3000)), str(rng.randint(20, 2000)), lk.percent(rng), lk.percent(rng)])
    p.table(["Measure", "Denominator", "Numerator", "Rate", "Target"], rows)
    p.h("By age band")
    p.table(["Age", "Patients", "Rate"], [[band, str(rng.randint(50, 2000)), lk.percent(rng)] for band in ("18-44", "45-64", "65-74", "75-84", "85+")])
    p.prose(("Data through {date_y}; refreshed nightly at {clock}.", "Source: registry extract {build}.", "Small cells (< 11) are suppressed.",
             "Questions to {staff}."), as_bullets=True)


def vaccine_clinic(p):
    rng = p.rng
    p.title(pick(rng, ("Vaccine clinic logistics", f"Community flu clinic {p.date_text(year=False)}", "Mass vaccination event - run sheet")))
    p.kv("Location", f"{pick(rng, ('Gym', 'Lobby', 'Community room'))}, {p.org.street_address()}")
    p.kv("Date", p.date_text(p.future(5, 20), year=True))
    p.kv("Lead", p.staffer())
    p.h("Vaccine inventory")
    p.table(["Product", "Lot", "Expires", "Doses", "Dose"], [[pick(rng, ("Influenza quadrivalent", "High-dose flu (65+)", "COVID-19 2025-26", "Tdap", "Shingles")),
                                                              lk.lot_number(rng), p.date_text(p.future(100, 400), year=True), str(rng.randint(10, 400)),
                                                              pick(rng, ("0.5 mL IM", "0.7 mL IM", "0.25 mL IM (6-35 months)"))] for _ in range(rng.randint(3, 6))])
    p.h("Stations")
    p.table(["Station", "Staff", "Room"], [[f"Station {i}", p.staffer(), lk.room(rng)] for i in range(1, rng.randint(4, 9))])
    p.prose(("Observation 15 minutes; 30 minutes for prior reactions.", "Ages 3 and older at this event.", "Data logger {asset} in the cooler.",
             "Run sheet printed at {clock}.", "Expected turnout {nn}."), as_bullets=True)


def vendor_contract(p):
    rng = p.rng
    vendor = pick(rng, ("Acme Transcription", "CloudFax Inc.", "MedSupply Co.", "Beacon Answering Service", "Summit Shredding", "Nimbus Telehealth"))
    p.title(pick(rng, (f"Vendor: {vendor}", f"Contract summary - {vendor}", f"{vendor} BAA and contract")))
    p.kv("Contract #", f"C-{p.today.year}-{ids.digits(rng, 4)}")
    p.kv("Term", f"{p.date_text(p.recent(300), year=True)} to {p.date_text(p.future(300, 700), year=True)}")
    p.kv("Annual value", lk.money(rng, 5000, 400000))
    p.kv("BAA signed", pick(rng, ("Yes", "Yes - v2", "Pending", "Not required (no PHI)")))
    rep = p.staff[-1]
    rep_email = f"{ids.ascii_fold(rep.first).lower()}@{vendor.split()[0].lower()}.example.com"
    p.kv("Vendor contact", f"{rep.first} {rep.last}, account manager, {rep.cell}, {rep_email}")
    p.h("Service levels")
    p.table(["Metric", "Target", "Last quarter"], [[m, t, lk.percent(rng)] for m, t in (("Uptime", "99.9%"), ("Turnaround", "24h"), ("Ticket response", "4h"))])
    p.prose(("Invoices go to AP ({team_email}).", "Renewal notice due {n} days before term end.", "Security review {ticket} completed {date_y}.",
             "Their SOC 2 report is filed under {wiki_url}."), as_bullets=True)
