// Training scenarios: the kinds of wiki pages where PHI really creeps in, and two clean pages for
// contrast. Every identifier here is invented: the SSN, MBI and card numbers are built to pass the
// validators, phone numbers are in the fictional 555-01xx range, names are made up.
// Titles live in _locales (sandboxScenario_<id>); the page text is sample content, not UI.

export const SCENARIOS = Object.freeze([
  {
    id: 'sop',
    containsPhi: true,
    paragraphs: [
      'SOP: Same-day INR results (anticoagulation clinic)',
      'Purpose: how the nurse line handles an out-of-range INR reported the same day.',
      'Worked example: patient Margaret Okonkwo (DOB 04/17/1952, MRN 00481736) called from her home phone, (503) 555-0187, with an INR of 4.1.',
      'Step 1. Confirm the caller with two identifiers before discussing results.',
      'Step 2. Hold the evening dose and page the on-call pharmacist.',
      'Step 3. Document the call in the chart, not on this page.',
    ],
  },
  {
    id: 'incident',
    containsPhi: true,
    paragraphs: [
      'Incident review IR-2026-118: wrong-patient label at registration',
      'Summary: a specimen for Daniel Whitfield was labelled with another patient\'s sticker.',
      'Registration keyed SSN 512-44-6789 and home address 2417 Larkspur Lane, Beaverton, OR 97005 into the wrong record.',
      'His daughter was contacted at d.whitfield.family@gmail.com on 11/02/2026.',
      'Contributing factors: two patients with similar names checked in within five minutes.',
      'Action items: barcode wristband scan before labelling; refresher at the next staff meeting.',
    ],
  },
  {
    id: 'huddle',
    containsPhi: true,
    paragraphs: [
      'Morning huddle, 3 West',
      'Staffing: two RNs float from 4 East until noon.',
      'Rm 312: Jorge Alvarez, 93 years old, fall risk, bed alarm on.',
      'Rm 314: pt Priya Natarajan, DOB 01/09/1948, NPO after midnight for endoscopy.',
      'Rm 318: Walter Kowalski, discharge today; his son picks him up, cell (971) 555-0134.',
      'Safety: linen cart blocking the east exit; facilities notified.',
    ],
  },
  {
    id: 'medicare',
    containsPhi: true,
    paragraphs: [
      'Training walkthrough: reading a Medicare card at check-in',
      'Here is a card a patient handed us last week, typed out so new staff can see each field:',
      'Name: Harold B. Jensen',
      'Medicare Number: 5KQ7-WD3-HN42',
      'Hospital (Part A): 03-01-2019',
      'Medical (Part B): 03-01-2019',
      'Tip: the Medicare Number replaced the SSN-based HICN; never copy it into email or wiki pages.',
    ],
  },
  {
    id: 'runbook',
    containsPhi: false,
    paragraphs: [
      'IT runbook: restarting the print spooler on front-desk workstations',
      'When label printers stop responding, open Services on the workstation as a local administrator.',
      'Find "Print Spooler", choose Restart, then print a test label from the registration app.',
      'If the queue is still stuck, delete the files under the spooler folder and restart again.',
      'Escalate to the service desk queue "Clinic Devices" with the workstation asset tag.',
    ],
  },
  {
    id: 'meeting',
    containsPhi: false,
    paragraphs: [
      'Quality committee: meeting notes',
      'Attendees: nursing, pharmacy, registration and IT leads.',
      'Hand hygiene audits are up to 94% compliance across the clinic this quarter.',
      'Registration will pilot wristband scanning on two desks next month.',
      'Decision: incident write-ups on the wiki describe events without patient details.',
    ],
  },
]);

export function scenarioById(id) {
  return SCENARIOS.find((scenario) => scenario.id === id) ?? null;
}
