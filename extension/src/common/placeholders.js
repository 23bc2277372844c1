// What "Replace with placeholder" inserts for a finding: the rule's own placeholder when the host sent
// one (host/PROTOCOL.md), else one by rule id prefix or category.
const BY_RULE_PREFIX = [
  ['date.dob', '[DATE OF BIRTH]'],
  ['date.birth', '[DATE OF BIRTH]'],
  ['name.patient', '[PATIENT NAME]'],
  ['phone.fax', '[FAX]'],
];

const BY_CATEGORY = Object.freeze({
  name: '[PATIENT NAME]',
  geography: '[ADDRESS]',
  date: '[DATE]',
  age: '[AGE]',
  phone: '[PHONE]',
  fax: '[FAX]',
  email: '[EMAIL]',
  ssn: '[SSN]',
  mrn: '[MRN]',
  health_plan: '[HEALTH PLAN ID]',
  account: '[ACCOUNT NUMBER]',
  license: '[LICENSE NUMBER]',
  provider_id: '[PROVIDER ID]',
  vehicle: '[VEHICLE ID]',
  device: '[DEVICE ID]',
  url: '[URL]',
  ip: '[IP ADDRESS]',
});

export function placeholderFor(finding) {
  if (typeof finding.placeholder === 'string' && finding.placeholder) return finding.placeholder;
  const rule = finding.rule ?? '';
  for (const [prefix, text] of BY_RULE_PREFIX) {
    if (rule === prefix || rule.startsWith(`${prefix}.`)) return text;
  }
  return BY_CATEGORY[finding.category] ?? '[IDENTIFIER]';
}
