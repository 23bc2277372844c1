"""Clean IT pages: runbooks, config snippets, release notes, postmortems, on-call and phone trees.
Full of identifier look-alikes (versions, IPs, timestamps, serials, staff numbers) and no PHI."""

import datetime as dt

from . import identifiers as ids
from . import lookalikes as lk

pick = ids.pick

RUNBOOKS = {
    "Restart the HL7 interface engine": [
        "SSH to {host} (jump host {ip_private}).", "Check the queue depth: `sudo mirthctl status` - normal is under {nn} messages.",
        "Stop the ADT channel, wait {n} seconds, start it again.", "Confirm ACKs are flowing in the dashboard ({wiki_url}).",
        "If the queue keeps growing, page the integration on-call ({pager}).", "Record the restart in {ticket}.",
    ],
    "Replace a label printer at registration": [
        "Pull a spare from the IT closet ({room}); asset tag {asset}.", "Set a static IP from the print VLAN ({cidr}) - current free address {ip_private}.",
        "Install driver {version} from the software share.", "Map the printer in the EHR device table; name it PRT-REG-{n}.",
        "Print the test label and check the barcode scans.", "Update the asset record with the new serial.",
    ],
    "Reset a locked Citrix session": [
        "Open Citrix Director and search the user's login.", "Log off the hung session (session id {uuid}).",
        "If the user is still locked, reset the AD password and force change at next login.",
        "Tell the user to call {ext} if it happens again within {n} hours.", "Close {ticket} with the root cause.",
    ],
    "Renew the TLS certificate for the patient portal": [
        "Generate the CSR on {host} with a 2048-bit key.", "Submit through the CA portal; order number {po}.",
        "Install the chain; check the SHA-256 fingerprint ({sha}).", "Reload nginx and verify with `openssl s_client -connect {host}:443`.",
        "Calendar reminder {n} days before the next expiry ({date_y}).",
    ],
    "Fax server outage": [
        "Check the fax server ({host}, {ip_private}) - service RightFax should be running.",
        "Look at the outbound queue; more than {nn} pending means the trunk is down.", "Call the carrier at {toll_free} and quote circuit ID {ticket}.",
        "Switch departments to the e-fax backup and post in the outage channel.", "When restored, resend the queue oldest first.",
    ],
}


def it_runbook(p):
    rng = p.rng
    topic, steps = pick(rng, tuple(RUNBOOKS.items()))
    p.title(pick(rng, (f"Runbook: {topic}", f"{topic} (IT runbook)", f"KB{rng.randint(1000, 9999)} - {topic}", f"HOW TO: {topic.upper()}")))
    p.kv("Owner", p.staffer())
    p.kv("Service", pick(rng, ("Interfaces", "End-user computing", "Network", "Identity", "Telephony")))
    p.kv("Last tested", p.date_text(year=True))
    p.h("When to use this")
    p.prose(("Use this when monitoring fires alert {ticket} or a user reports the symptom.", "Expected time: {duration}.",
             "This procedure does not touch patient data.", "Works for builds from {version} on."), 2)
    p.h("Steps")
    p.bullets([p.fill_lookalikes(s.replace("{cidr}", lk.cidr(rng))) for s in steps], numbered=True)
    p.h("Verification")
    p.line("```")
    for _ in range(rng.randint(3, 7)):
        p.line(p.fill_lookalikes(pick(rng, (
            "{ts} INFO  channel=ADT_IN state=STARTED queued=0", "{ts} WARN  retrying connection to {ip_private}:{port}",
            "PING {ip_private}: 56 data bytes, time={n}.{n} ms", "{ts} INFO  printer {asset} online, firmware {version}",
            "{ts} INFO  cert serial {sha} valid until {date_y}", "build {build} deployed to {host}"))))
    p.line("```")
    p.h("Escalation")
    p.table(["Level", "Who", "How"], [["1", "Service desk", p.fill_lookalikes("{ext}")], ["2", p.staffer(), p.fill_lookalikes("{pager}")],
                                      ["3", "Vendor support", p.org.toll_free]])
    if p.chance(0.5):
        p.h("Equipment")
        p.table(["Device", "Serial", "MAC", "IP"], [[pick(rng, ("Zebra ZD621", "HP M404", "Fujitsu fi-7160", "Cisco 9300")), lk.equipment_serial(rng),
                                                      lk.mac(rng), lk.private_ip(rng)] for _ in range(rng.randint(2, 6))])
    p.revision_history()


def config_snippet(p):
    rng = p.rng
    kind = pick(rng, ("yaml", "json", "ini", "nginx", "env"))
    p.title(pick(rng, (f"Config reference: {pick(rng, ('interface engine', 'portal gateway', 'fax relay', 'SSO', 'lab interface'))}",
                       "Production configuration (sanitized)", f"{kind.upper()} snippet for the {pick(rng, ('PRD', 'TST'))} environment")))
    p.para(p.fill_lookalikes("Copied from {host} on {date_y}. Secrets are in the vault, not here. Change requests go through {ticket}."))
    org = p.org
    lines = {
        "yaml": ["service:", f"  name: {pick(rng, ('adt-router', 'portal-gw', 'fax-relay'))}", f"  version: {lk.version(rng)}",
                 f"  build: \"{lk.build_number(rng, p.recent())}\"", f"  instance_id: {lk.uuid_text(rng)}", "listen:",
                 f"  host: {lk.private_ip(rng)}", f"  port: {lk.port(rng)}", "upstream:",
                 f"  - {lk.private_ip(rng)}:{lk.port(rng)}", f"  - {lk.private_ip(rng)}:{lk.port(rng)}",
                 "validation:", "  mrn_pattern: '^[0-9]{8}$'", "  ssn_mask: 'XXX-XX-####'", "  dob_format: 'MM/DD/YYYY'",
                 f"  retention_days: {rng.randint(30, 2555)}", f"schedule: \"{rng.randint(0, 59)} {rng.randint(0, 23)} * * 1-5\"",
                 f"alerts_to: {org.email('it-alerts')}", f"checksum: sha256:{lk.sha256_text(rng)}"],
        "json": ["{", f"  \"tenant\": \"{lk.uuid_text(rng)}\",", f"  \"endpoint\": \"https://api.{org.domain}/v{rng.randint(1, 3)}/\",",
                 f"  \"timeout_ms\": {rng.randint(500, 30000)},", f"  \"retry\": {{\"max\": {rng.randint(1, 9)}, \"backoff\": \"{rng.randint(1, 5)}s\"}},",
                 f"  \"allowed_cidrs\": [\"{lk.cidr(rng)}\", \"{lk.cidr(rng)}\"],", f"  \"release\": \"{lk.version(rng)}\",",
                 f"  \"created\": \"{lk.iso_timestamp(rng, p.recent())}\",", f"  \"support\": \"{org.toll_free}\",",
                 f"  \"test_account\": \"zz_test_{rng.randint(1, 9)}\"", "}"],
        "ini": ["[database]", f"server = {lk.hostname(rng, org)}", f"port = {lk.port(rng)}", "database = reporting",
                f"pool_size = {rng.randint(5, 50)}", "", "[smtp]", f"relay = {lk.private_ip(rng)}", f"from = noreply@{org.domain}",
                "", "[fax]", f"outbound_number = {org.fax}", f"station_id = {org.name[:20]}", f"modem_serial = {lk.equipment_serial(rng)}"],
        "nginx": ["server {", "    listen 443 ssl http2;", f"    server_name {org.portal_host};",
                  f"    ssl_certificate /etc/pki/{org.slug}/fullchain.pem;", f"    set_real_ip_from {lk.cidr(rng)};",
                  "    location /api/ {", f"        proxy_pass http://{lk.private_ip(rng)}:{lk.port(rng)};",
                  f"        proxy_read_timeout {rng.randint(10, 120)}s;", "    }",
                  f"    # change {lk.ticket(rng)} by {p.staff[0].first} on {p.date_text(year=True)}", "}"],
        "env": [f"APP_VERSION={lk.version(rng)}", f"BUILD_ID={lk.build_number(rng, p.recent())}", f"REDIS_URL=redis://{lk.private_ip(rng)}:6379/0",
                f"SESSION_TTL={rng.randint(300, 3600)}", f"SENTRY_RELEASE={lk.git_sha(rng)}", f"TRACE_ID_SEED={lk.uuid_text(rng)}",
                f"ADMIN_CONTACT=helpdesk@{org.domain}", f"MAIN_LINE=\"{org.main_line}\"", f"MAX_UPLOAD_MB={rng.randint(5, 100)}"],
    }[kind]
    p.line("```" + kind)
    for line in lines:
        p.line(line)
    p.line("```")
    p.blank()
    p.h("Notes")
    p.prose(("Do not put real patient data in the TST environment; use the ZZTEST patients.", "Ports {port} and {port} are open from the DMZ only.",
             "The config is deployed by the pipeline (build {build}).", "Ask {staff} before changing timeouts.",
             "Rollback: redeploy release {version}."), as_bullets=True)


def release_notes(p):
    rng = p.rng
    product = pick(rng, ("EHR client", "Patient portal", "Scheduling app", "Fax relay", "Lab interface", "PHI Sentry extension"))
    ver = lk.version(rng)
    p.title(pick(rng, (f"Release notes {product} {ver}", f"{product} - what's new in {ver}", f"RELEASE {ver} ({p.date_text(year=True)})")))
    p.kv("Release date", p.date_text(p.recent(30, 10), year=True))
    p.kv("Build", lk.build_number(rng, p.recent()))
    p.kv("Commit", lk.git_sha(rng))
    p.h("New")
    p.bullets([p.fill_lookalikes(s) for s in rng.sample((
        "MRN search now accepts 10-digit numbers ({ticket}).", "DOB field validates dates such as 02/30 as invalid ({ticket}).",
        "Phone numbers are normalized to (NNN) NNN-NNNN.", "New report: no-show rate by provider.", "Dark mode for the schedule grid.",
        "Bulk reschedule supports up to {nn} appointments.", "Insurance card OCR reads member IDs up to 20 characters.",
        "Audit log exports include the session id ({uuid})."), 4)])
    p.h("Fixed")
    p.bullets([p.fill_lookalikes(s) for s in rng.sample((
        "Crash when printing wristbands on build {build} ({ticket}).", "Timezone offset in appointment reminders (-05:00 vs -06:00).",
        "Memory leak in the results viewer ({duration} sessions).", "Fax cover sheet showed version {version}.",
        "Portal timeout shortened to {n} minutes.", "Search for 'O'Brien' with an apostrophe returned nothing."), 3)])
    p.h("Known issues")
    p.prose(("Firefox {version} users may need to clear cache.", "Reports over {nn} rows export slowly.", "Workaround in {wiki_url}."), as_bullets=True)
    p.h("Checksums")
    for name in (f"{product.lower().replace(' ', '-')}-{ver}.msi", f"{product.lower().replace(' ', '-')}-{ver}.pkg"):
        p.line(f"{lk.sha256_text(rng)}  {name}")
    p.blank()


def it_postmortem(p):
    rng = p.rng
    what = pick(rng, ("Interface engine outage", "Wi-Fi outage in the clinic", "Phone system failure", "Portal slowness", "Printer queue stuck"))
    p.title(pick(rng, (f"Postmortem: {what}", f"{lk.ticket(rng)} {what} - blameless review", f"PIR {what}")))
    p.kv("Incident", lk.ticket(rng))
    p.kv("Duration", lk.duration(rng))
    p.kv("Impact", p.fill_lookalikes(pick(rng, ("{nn} HL7 messages delayed; no data lost; no PHI exposed.", "{n} workstations offline for {duration}.",
                                               "Inbound calls to the main line ({main_line}) went to a busy signal."))))
    p.h("Timeline (UTC)")
    rows = [[lk.iso_timestamp(rng, p.recent(5)), p.fill_lookalikes(pick(rng, (
        "Alert: queue depth > {nn} on {host}", "On-call {staff} acknowledged", "Failover to {ip_private} started",
        "Vendor case {ticket} opened", "Root cause: expired certificate (serial {sha})", "Service restored; backlog drained in {duration}",
        "Switch {asset} rebooted", "DHCP scope {ip_private} exhausted")))] for _ in range(rng.randint(5, 10))]
    rows.sort()
    p.table(["Time", "Event"], rows)
    p.h("Root cause")
    p.prose(("A change ({ticket}) deployed build {build} with a wrong upstream address.", "The monitoring threshold was set at {nn}, too high.",
             "The backup link to {ip_private} had not been tested since {date_y}.", "Capacity was {pct} of the limit."), 2)
    p.h("Action items")
    p.table(["Action", "Owner", "Due", "Ticket"], [[pick(rng, ("Lower alert threshold", "Add synthetic check", "Test failover quarterly", "Document the restart")),
                                                    p.staffer(), p.date_text(p.future(7, 45)), lk.ticket(rng)] for _ in range(rng.randint(2, 5))])


def oncall_schedule(p):
    rng = p.rng
    team = pick(rng, ("IT", "Interfaces", "Nursing supervisors", "Pharmacy", "Facilities", "Lab"))
    p.title(pick(rng, (f"{team} on-call schedule {p.today.year}", f"On-call rotation - {team}", f"{team.upper()} ON CALL")))
    p.para(p.fill_lookalikes("Swap shifts in the scheduling tool before {clock} the day before. Primary answers within {n} minutes; secondary after {n}."))
    rows = []
    for week in range(rng.randint(6, 16)):
        member = pick(rng, p.staff)
        start = p.today + dt.timedelta(days=7 * week - 14)
        rows.append([p.date_text(start, year=False), f"{member.first} {member.last}",
                     member.cell, lk.pager(rng), pick(rng, p.staff).first])
    p.table(["Week of", "Primary", "Cell", "Pager", "Backup"], rows)
    p.h("Escalation")
    p.bullets([f"Manager: {p.staffer()} {p.lookalike('ext')}", f"Director: {p.staffer()}", f"Main line after hours: {p.org.main_line}"])


def phone_tree(p):
    rng = p.rng
    p.title(pick(rng, ("Phone tree", f"{p.org.name} - department numbers", "Who to call (internal directory)", "PHONE LIST")))
    p.para(f"Main line {p.org.main_line} | Fax {p.org.fax} | Toll free {p.org.toll_free}")
    depts = ("Front desk", "Scheduling", "Billing", "Nurse line", "Pharmacy", "Lab", "Radiology", "Medical records",
             "IT service desk", "Facilities", "Security", "Case management", "Social work", "Interpreter services")
    rows = []
    for d in rng.sample(depts, rng.randint(6, len(depts))):
        rows.append([d, p.org.local_number(fictional=p.chance(0.5)), lk.extension(rng),
                     pick(rng, ("", p.org.fax, p.org.local_number())), pick(rng, ("8-5 M-F", "24/7", "7:30-4:30", "8-4:30"))])
    p.table(["Department", "Direct", "Ext", "Fax", "Hours"], rows)
    p.h("Disaster / downtime calling tree")
    p.bullets([f"{p.staffer()} calls {p.staffer()} and {p.staffer()}" for _ in range(rng.randint(3, 6))])
    p.para(p.fill_lookalikes("Test the tree every quarter; last test {date_y}, reached {pct} within {duration}."))
