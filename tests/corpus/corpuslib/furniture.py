"""Sections every wiki page grows: background, FAQ, glossary, comments, checklists, contacts.

They make pages as long as real ones (1-20 KiB) and scatter non-PHI look-alikes through
PHI and clean pages alike. Comments on PHI pages may name the page's patient again.
"""

import math

from . import identifiers as ids
from .doc import fill

pick = ids.pick

BACKGROUND = {
    "clinical": (
        "Over the last quarter the unit averaged {n} admissions a day; the average length of stay was {los} days.",
        "Nursing leadership asked for a single place to find the current workflow after the {version} upgrade.",
        "The workflow was piloted on {unit} for {few} weeks before go-live.",
        "Most questions come from float staff and travelers who do not know the local phone extensions.",
        "Every step assumes two patient identifiers are checked at the bedside.",
        "The medication administration record is the source of truth; paper MARs are only used during downtime.",
        "Downtime forms are in the red binder at each nurses' station and on the shared drive.",
        "Vital signs are charted within {n} minutes of collection ({vital} would trigger an early warning score).",
        "Patients 65 and older are screened for delirium every shift with the CAM.",
        "The pharmacy verifies new orders within {n} minutes during the day and {n} minutes overnight.",
        "Interpreters are available 24/7 by video; the cart is in {room}.",
        "The rapid response team can be called by anyone, including family, at extension {ext}.",
        "Supplies are restocked nightly by central supply; call {ext} for urgent needs.",
        "Bed management posts the census every day at {clock}.",
        "The quality team reviews falls and medication events weekly and reports trends monthly.",
        "Education was delivered in {n} sessions with {pct} attendance.",
        "Physician leads are {staff} and {staff}; nursing lead is {staff}.",
        "The order set was built in build {build} and validated against {n} test scenarios.",
        "Typical doses: {drug}; {drug}; titrate per protocol.",
        "Isolation carts are stocked with gowns, gloves and N95s in sizes S, M and L.",
        "Glucometers are docked at the end of each shift so results upload to the chart.",
        "Call lights are answered within {few} minutes on average; the goal is under 5.",
        "Pain is reassessed {n} minutes after IV and {n} minutes after oral analgesics.",
        "Night shift completes the chart checks by {clock}.",
        "Wound photos are taken only with the approved app, never with a personal phone.",
        "Telemetry boxes are cleaned with the purple-top wipes between patients.",
        "The charge nurse assigns sitters based on the fall and delirium scores.",
        "Blood products are checked by two licensed staff at the bedside.",
        "Patients on {drug} need a level checked before the fourth dose.",
        "The clinic sees about {nn} patients a month; {pct} are over 65.",
    ),
    "admin": (
        "Front desk teams handle about {nn} calls a day across the three locations.",
        "Denials dropped by {pct} after we started checking eligibility two days before the visit.",
        "The revenue cycle dashboard refreshes every night at {clock}.",
        "Self-pay estimates are generated with the price transparency tool ({version}).",
        "Patients can pay online, by phone at {main_line}, or at any front desk.",
        "Statements go out on the {dom} of each month; the vendor's batch number appears in the footer.",
        "We average {n} days in accounts receivable; the goal is under 40.",
        "Write-offs above {money} need director approval.",
        "Scanned documents must be indexed within {n} business days.",
        "The records team fulfilled {nn} requests last year, {pct} within 15 days.",
        "Referral coordinators cover {n} specialties; the queue is split alphabetically by specialty.",
        "Prior authorizations are tracked in the referral work queue; there is no separate spreadsheet anymore.",
        "Use the team mailbox {team_email} for anything that must not depend on one person.",
        "Staff who work remotely must use the VPN and the virtual desktop.",
        "The payer contact list is maintained by {staff} and reviewed quarterly.",
        "Collections agencies are only used after three statements and a final notice.",
        "The compliance team audits a random sample of {n} charts each month.",
        "Training for new hires takes {n} days, including {n} hours of shadowing.",
        "Copays are collected at check-in; the card terminals were replaced in {year}.",
        "The budget assumes {pct} growth in visit volume.",
        "The clearinghouse rejects about {pct} of claims on the first pass, mostly for demographics.",
        "Price estimates are valid for {n} days.",
        "Financial counselors are in {room} Monday to Friday.",
        "The fee schedule is updated every January; the {year} schedule is on the shared drive.",
        "Appointment reminders go out {n} days and again 1 day before the visit.",
        "No-show rates run around {pct}; the overbooking rule uses that number.",
        "Front desk scripts are reviewed by the compliance team every year.",
        "The lockbox deposit is reconciled daily by {staff}.",
        "Refunds are issued within {n} business days of approval.",
        "Call recordings are kept for {n} days and then purged.",
    ),
    "it": (
        "The environment runs on {n} virtual machines across two data centers.",
        "Monitoring checks every endpoint every {n} seconds and pages on three consecutive failures.",
        "Change windows are Tuesdays and Thursdays from {clock} to {clock}.",
        "All changes need a ticket ({ticket}) and a rollback plan.",
        "Backups run nightly; restores are tested quarterly (last test {date_y}).",
        "The service desk is reachable at {ext} or {team_email}.",
        "Workstations get patches on the second Tuesday; servers the following weekend.",
        "The interface engine processes about {nn} messages an hour at peak.",
        "TLS 1.2 or newer is required; TLS 1.0 was disabled in {year}.",
        "Logs are kept for {n} days in the SIEM and never contain message bodies.",
        "Service accounts are reviewed every {n} days by {staff}.",
        "The load balancer VIP is {ip_private}; health checks hit /healthz on port {port}.",
        "Current client version is {version}; the minimum supported is {version}.",
        "Error budget for the quarter is {pct}; we used {pct}.",
        "Asset {asset} is the spare; it is kept imaged and ready.",
        "The vendor's status page is bookmarked in the NOC browser.",
        "DNS changes propagate within {duration}.",
        "Release {version} (build {build}) is the last one that supports Windows 10.",
        "Correlation ids look like {uuid}; search for them in the log viewer.",
        "Hash of the approved installer: {sha}.",
        "The SFTP drop for the clearinghouse is polled every {n} minutes.",
        "MFA is enforced for every remote login; hardware tokens are available from {staff}.",
        "Firewall rules are reviewed twice a year; the last review closed {ticket}.",
        "Printers on the clinical VLAN get addresses from a reserved scope.",
        "Disk usage alerts fire at {pct}.",
        "Standard laptop image is {version}; reimaging takes about {duration}.",
        "Release candidates are deployed to TST first and soaked for {n} days.",
        "The on-call engineer acknowledges pages within {n} minutes.",
        "Certificates are issued by the internal CA and renewed {n} days before expiry.",
        "Database maintenance runs Sundays at {clock}; expect slowness for {duration}.",
    ),
}

FAQ = (
    ("Who do I call if the system is down?", "The service desk at {ext}; after hours the on-call pager {pager}."),
    ("Where is the latest version of this page?", "Here: {wiki_url}. Printed copies are not controlled."),
    ("Can I email this to a patient?", "Use the portal. Personal email is never allowed."),
    ("What if the patient has no insurance?", "Offer the self-pay discount and the financial assistance application."),
    ("Do I need a ticket?", "Yes, for anything that changes configuration or access ({ticket})."),
    ("How long do we keep these records?", "Per the retention schedule, usually {n} years."),
    ("Who approves exceptions?", "{staff} or the director on call."),
    ("What does 'LM' mean?", "Left message. Never leave results or diagnoses on voicemail."),
    ("Is the clinic's main number OK to share?", "Yes, {main_line} is public."),
    ("How do I request access?", "Submit a request in the portal; your manager approves it within {few} days."),
    ("Where are the forms?", "On the shared drive under Forms > {year}."),
    ("Can float staff use this workflow?", "Yes, after the {n}-minute orientation."),
    ("What if the printer jams?", "Use the backup printer in {room} and call {ext}."),
    ("How do I report a privacy concern?", "Email {team_email} or call the compliance hotline {toll_free}."),
)

GLOSSARY = (
    ("ADT", "admission, discharge, transfer messages"), ("MPI", "master patient index"), ("WQ", "work queue"),
    ("ROI", "release of information"), ("DOS", "date of service"), ("PDMP", "prescription drug monitoring program"),
    ("CAM", "confusion assessment method"), ("ADC", "automated dispensing cabinet"), ("SBAR", "situation, background, assessment, recommendation"),
    ("VPN", "virtual private network"), ("SIEM", "security information and event management"), ("BAA", "business associate agreement"),
    ("PHI", "protected health information"), ("MBI", "Medicare Beneficiary Identifier"), ("NPI", "National Provider Identifier"),
    ("EOB", "explanation of benefits"), ("CPT", "procedure code"), ("ICD-10", "diagnosis code"), ("HL7", "health data message standard"),
    ("CMS", "Centers for Medicare & Medicaid Services"), ("QI", "quality improvement"), ("RCA", "root cause analysis"),
)

COMMENTS_CLEAN = (
    "Thanks, updated the link.", "Can we add the after-hours number?", "Reviewed - looks good to me.", "Moved to the new space.",
    "Is this still current after {version}?", "Added the escalation table.", "Fixed a typo in step {few}.", "Please archive the old version.",
    "+1, we hit this again on {date}.", "Linked from {ticket}.", "Who owns this now that {staff} moved teams?", "Screenshot replaced.",
)

COMMENTS_PHI = (
    "Called {pt} back, issue resolved.", "{pt} is the one from last week's huddle, right?", "FYI {pt}'s daughter called again.",
    "Please remove {pt}'s details from this page before sharing.", "Same thing happened with {pt}.", "Left a message for {pt}.",
)

CHECKLIST = (
    "Read this page end to end", "Shadow a colleague for one shift", "Complete the LMS module ({version})", "Sign the attestation",
    "Know where the downtime binder is", "Save the service desk number ({ext})", "Practice in the training environment",
    "Review the escalation path with your manager", "Bookmark {wiki_url}",
)


def domain_of(template: str) -> str:
    it = ("it_runbook", "config_snippet", "release_notes", "it_postmortem", "oncall_schedule", "bug_report", "portal_incident")
    admin = ("billing_escalation", "budget", "hr_notice", "marketing", "vendor_contract", "phone_tree", "meeting_notes",
             "training_walkthrough", "hipaa_training", "facilities_maintenance", "callback_list", "sop_example_case")
    return "it" if template in it else "admin" if template in admin else "clinical"


LOG_ACTIONS = ("Reviewed", "Updated", "Approved", "Trained", "Audited", "Escalated", "Closed", "Tested", "Signed off")


def target_length(p) -> int:
    """Log-uniform page length between about 1.2 and 18 KiB."""
    return int(math.exp(p.rng.uniform(math.log(1200), math.log(18000))))


def furnish(p, template: str, patients=()):
    """Append sections (each kind at most twice) until the page reaches its target length."""
    target = target_length(p)
    domain = domain_of(template)
    used = set()  # sentences already on the page
    makers = [background, background, background, faq, glossary, checklist, contacts, comments, log_table, log_table]
    p.rng.shuffle(makers)
    makers += [log_table, comments, log_table, contacts, log_table]  # long pages are mostly tables
    for make in makers:
        if len(p.doc.text().encode()) >= target:
            break
        make(p, domain, patients, used)


def fresh(p, pool, k, used):
    """Up to k sentences of pool not yet on the page."""
    left = [s for s in pool if s not in used]
    chosen = p.rng.sample(left, min(k, len(left)))
    used.update(chosen)
    return chosen


def background(p, domain, patients, used):
    pool = BACKGROUND[domain] + (BACKGROUND["admin"] if domain != "admin" and p.chance(0.3) else ())
    sentences = fresh(p, pool, p.rng.randint(4, 12), used)
    if not sentences:
        return
    p.h(pick(p.rng, ("Background", "Context", "Notes", "Details", "More information", "Overview", "Why this matters")))
    per_para = p.rng.randint(2, 5)
    for i in range(0, len(sentences), per_para):
        p.para(" ".join(p.fill_lookalikes(s) for s in sentences[i:i + per_para]))


def faq(p, domain, patients, used):
    p.h(pick(p.rng, ("FAQ", "Frequently asked questions", "Questions")))
    q_mark, a_mark = pick(p.rng, (("Q: ", "A: "), ("", ""), ("Q. ", "A. "), ("• ", "  ")))
    for q, a in p.rng.sample(FAQ, p.rng.randint(3, 8)):
        p.line(q_mark + q)
        p.line(a_mark + p.fill_lookalikes(a))
        p.blank()


def glossary(p, domain, patients, used):
    p.h(pick(p.rng, ("Glossary", "Abbreviations", "Terms")))
    p.table(["Term", "Meaning"], [list(t) for t in p.rng.sample(GLOSSARY, p.rng.randint(4, 12))])


def checklist(p, domain, patients, used):
    p.h(pick(p.rng, ("Checklist", "Onboarding checklist", "Before you go live")))
    box = pick(p.rng, ("[ ] ", "[x] ", "☐ ", "- [ ] ", "✅ "))
    for item in p.rng.sample(CHECKLIST, p.rng.randint(3, 7)):
        p.line(box + p.fill_lookalikes(item))
    p.blank()


def contacts(p, domain, patients, used):
    p.h(pick(p.rng, ("Contacts", "Escalation contacts", "Who to call")))
    rows = []
    for s in p.rng.sample(p.staff, p.rng.randint(2, 6)):
        rows.append([f"{s.first} {s.last}", pick(p.rng, ("Manager", "Lead", "Director", "Analyst", "Educator", "Coordinator")),
                     s.ext, p.org.email(ids.ascii_fold(f"{s.first[0]}{s.last}").lower().replace("'", "").replace("-", ""))])
    p.table(["Name", "Role", "Ext", "Email"], rows)


def log_table(p, domain, patients, used):
    """Audit/training/change logs: long tables of staff, dates and ticket ids."""
    p.h(pick(p.rng, ("Audit log", "Training log", "Change log", "Sign-off log", "Activity")))
    rows = []
    for _ in range(p.rng.randint(5, 60)):
        rows.append([p.date_text(p.recent(365), year=p.chance(0.7)), p.staffer(), pick(p.rng, LOG_ACTIONS),
                     p.fill_lookalikes(pick(p.rng, ("{ticket}", "{version}", "{room}", "{pct}", "{duration}", "-")))])
    p.table(["Date", "Who", "What", "Ref"], rows)


def comments(p, domain, patients, used):
    p.h(pick(p.rng, ("Comments", f"{p.rng.randint(2, 9)} comments", "Page comments")))
    for _ in range(p.rng.randint(2, 6)):
        who, when = p.staffer(), p.date_text(p.recent(90), year=p.chance(0.5))
        if patients and p.chance(0.3):
            pt = pick(p.rng, patients)
            body = fill(pick(p.rng, COMMENTS_PHI), pt=pt.any_name())
        else:
            body = p.fill_lookalikes(pick(p.rng, COMMENTS_CLEAN))
        p.line(f"{who} - {when}")
        p.line(body)
        p.blank()
