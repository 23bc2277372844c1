// Policy in the extension: the view of the host's effective policy, the managed-policy relay, audit
// events (queued while the host is away), "Save anyway" confirmation, and the managed-policy schema
// against every template IT is given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_POLICY, extensionPolicy } from '../../extension/src/common/policy-defaults.js';
import { decideSave } from '../../extension/src/common/decision.js';
import { PolicyRelay, readManaged } from '../../extension/src/background/policy-relay.js';
import { AuditRelay } from '../../extension/src/background/audit-relay.js';
import { confirmOverride } from '../../extension/src/content/gate.js';
import { pageProduct } from '../../extension/src/content/page-product.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (path) => JSON.parse(readFileSync(join(REPO, path), 'utf8'));

function fakeStorage(managed = {}) {
  const local = new Map();
  return {
    managed: { get: async () => managed },
    local: {
      get: async (key) => (local.has(key) ? { [key]: local.get(key) } : {}),
      set: async (items) => Object.entries(items).forEach(([key, value]) => local.set(key, value)),
    },
    localMap: local,
  };
}

const HOST_STATUS = {
  type: 'policy_status',
  ok: false,
  policy: { default_action: 'block', warn_at: 'high', fail_mode: 'closed', allow_override: false, allow_not_phi: false,
    require_justification: true, justification_min_length: 25,
    workspaces: [{ match: 'https://wiki.clinic.example/*', covered: true, label: 'BAA' }] },
  sources: { default_action: 'managed', warn_at: 'system' },
  errors: [{ source: 'managed', key: 'workspaces[1].match', message: 'needs a path' }],
};

test('the host policy becomes the extension view; missing or wrong values fall back to the defaults', () => {
  const view = extensionPolicy(HOST_STATUS.policy);
  assert.deepEqual(view.workspaces, ['https://wiki.clinic.example/*']);
  assert.equal(view.action, 'block');
  assert.equal(view.failMode, 'block');
  assert.equal(view.warnLevel, 'high');
  assert.equal(view.allowOverride, false);
  assert.equal(view.userAllowlist, false);
  assert.equal(view.justificationMinLength, 25);
  assert.equal(extensionPolicy(null), DEFAULT_POLICY);
  const odd = extensionPolicy({ default_action: 'ignore', warn_at: 5, allow_override: 'no', workspaces: 'x' });
  assert.equal(odd.action, 'warn');
  assert.equal(odd.warnLevel, 'medium');
  assert.equal(odd.allowOverride, true);
  assert.deepEqual(odd.workspaces, []);
});

test('allow_override off removes "Save anyway" from findings and from scanner-unavailable dialogs', () => {
  const policy = extensionPolicy({ allow_override: false });
  const verdict = { covered: false, action: 'warn' };
  const findings = [{ category: 'ssn', confidence: 'high' }];
  assert.equal(decideSave({ findings, verdict, policy, scannerAvailable: true }).canOverride, false);
  assert.equal(decideSave({ findings, verdict, policy: DEFAULT_POLICY, scannerAvailable: true }).canOverride, true);
  assert.equal(decideSave({ findings, verdict, policy, scannerAvailable: false }).canOverride, false);
  assert.equal(decideSave({ findings, verdict: { covered: true, action: 'allow' }, policy, scannerAvailable: true }).kind, 'allow');
});

test('the relay sends managed storage to the host, keeps the status with its errors, and caches it', async () => {
  const storage = fakeStorage({ default_action: 'block' });
  const sent = [];
  const relay = new PolicyRelay({ storage, request: async (message) => (sent.push(message), HOST_STATUS) });
  const heard = [];
  relay.onChange((status) => heard.push(status));
  const status = await relay.sync();
  assert.deepEqual(sent, [{ type: 'policy', managed: { default_action: 'block' } }]);
  assert.equal(status.ok, false);
  assert.equal(status.hostAvailable, true);
  assert.deepEqual(status.errors, HOST_STATUS.errors);
  assert.equal(status.sources.default_action, 'managed');
  assert.equal(heard.length, 1);

  // A new worker (the old one was evicted) starts from the cache until the host answers.
  const restarted = new PolicyRelay({ storage, request: async () => { throw new Error('host gone'); } });
  const cached = await restarted.restore();
  assert.equal(cached.policy.default_action, 'block');
  assert.equal(cached.hostAvailable, false);
  assert.equal(cached.cached, true);
  assert.equal((await restarted.sync()).hostAvailable, false);
});

test('the relay keeps why the host refuses its rule pack, and nothing when it does not', async () => {
  const storage = fakeStorage({ require_signed_rules: true });
  const refusing = new PolicyRelay({ storage, request: async () => ({ ...HOST_STATUS, rules_refused: 'the rule pack has no signature' }) });
  assert.equal((await refusing.sync()).rulesRefused, 'the rule pack has no signature');
  const fine = new PolicyRelay({ storage, request: async () => HOST_STATUS });
  assert.equal((await fine.sync()).rulesRefused, null);
  const odd = new PolicyRelay({ storage, request: async () => ({ ...HOST_STATUS, rules_refused: { text: 1 } }) });
  assert.equal((await odd.sync()).rulesRefused, null);
});

test('no managed policy is sent as null; a browser without managed storage is no policy', async () => {
  assert.equal(await readManaged(fakeStorage({})), null);
  assert.equal(await readManaged({ managed: { get: async () => { throw new Error('unsupported'); } } }), null);
});

test('audit events go to the host; without it they wait, without their values, and go when it is back', async () => {
  let hostUp = false;
  const delivered = [];
  const relay = new AuditRelay({
    request: async (message) => {
      if (!hostUp) throw new Error('unavailable');
      delivered.push(message);
      return { type: 'audit_result', recorded: true };
    },
  });
  const waiting = await relay.send({ event: 'scanner_unavailable', url: 'https://a.atlassian.net/wiki/x',
    matches: [{ rule: 'ssn.formatted', value: '512-44-6789' }], justification: 'ignored' });
  assert.deepEqual(waiting, { recorded: false, queued: true });
  assert.equal(relay.waiting, 1);
  hostUp = true;
  await relay.flush();
  assert.equal(relay.waiting, 0);
  assert.deepEqual(delivered, [{ type: 'audit', event: 'scanner_unavailable', url: 'https://a.atlassian.net/wiki/x' }]);
  const reply = await relay.send({ event: 'warning_shown', url: 'u', matches: [{ rule: 'r', value: 'v' }] });
  assert.equal(reply.recorded, true);
  assert.deepEqual(delivered[1].matches, [{ rule: 'r', value: 'v' }]);
});

test('"Save anyway" closes the dialog only when the host recorded it; a refusal shows the host\'s reason', async () => {
  const t = (key) => key;
  const replies = {
    recorded: { type: 'audit_result', recorded: true },
    phi: { type: 'audit_result', recorded: false, refused: 'justification_phi', message: 'the justification looks like it contains PHI (ssn); please rephrase it' },
  };
  const asked = [];
  const audit = (reply) => async (event, extra) => (asked.push([event, extra]), reply);
  assert.deepEqual(await confirmOverride(audit(replies.recorded), 'vendor contract id', t), { ok: true });
  const refused = await confirmOverride(audit(replies.phi), 'SSN 512-44-6789', t);
  assert.equal(refused.ok, false);
  assert.match(refused.message, /contains PHI \(ssn\)/);
  assert.deepEqual(asked[0], ['save_anyway', { justification: 'vendor contract id' }]);
  assert.deepEqual(await confirmOverride(audit({ recorded: false, queued: true }), 'host away', t), { ok: true });
});

test('Data Center pages are recognised from their markers', () => {
  const docWith = (metas) => ({
    querySelector: (selector) => {
      const found = metas.find(([name]) => selector.includes(`name="${name}"`));
      return found ? { getAttribute: () => found[1] } : null;
    },
  });
  assert.equal(pageProduct(docWith([['application-name', 'Confluence']])), 'confluence');
  assert.equal(pageProduct(docWith([['confluence-base-url', 'https://wiki.clinic.example']])), 'confluence');
  assert.equal(pageProduct(docWith([['application-name', 'JIRA']])), 'jira');
  assert.equal(pageProduct(docWith([])), null);
});

// The subset of JSON Schema Chrome applies to managed storage: type, properties, items, enum,
// minimum, maximum, pattern. Returns the paths that do not conform.
function schemaProblems(schema, value, path = '') {
  const types = { string: 'string', boolean: 'boolean', object: 'object', array: 'object', integer: 'number' };
  if (typeof value !== types[schema.type] || (schema.type === 'array') !== Array.isArray(value)) return [`${path}: not ${schema.type}`];
  if (schema.type === 'integer' && !Number.isInteger(value)) return [`${path}: not an integer`];
  const problems = [];
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${path}: not one of ${schema.enum}`);
  if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${path}: below ${schema.minimum}`);
  if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${path}: above ${schema.maximum}`);
  if (schema.pattern && !new RegExp(schema.pattern).test(value)) problems.push(`${path}: does not match ${schema.pattern}`);
  if (schema.type === 'array') value.forEach((item, i) => problems.push(...schemaProblems(schema.items, item, `${path}[${i}]`)));
  if (schema.type === 'object') {
    for (const [key, member] of Object.entries(value)) {
      if (!schema.properties?.[key]) problems.push(`${path}.${key}: unknown key`);
      else problems.push(...schemaProblems(schema.properties[key], member, `${path}.${key}`));
    }
  }
  return problems;
}

test('the managed-policy schema: the shipped default and every per-OS template conform; bad documents do not', () => {
  const schema = readJson('extension/schema/managed-policy.json');
  const chromeIds = (policies) => Object.values(policies['3rdparty'].extensions);
  const documents = [
    readJson('installer/policy/policy.json'),
    ...chromeIds(readJson('installer/policies/linux/chrome.json')),
    ...chromeIds(readJson('installer/policies/linux/edge.json')),
    ...Object.values(readJson('installer/policies/firefox/policies.json').policies['3rdparty'].Extensions),
    readJson('extension/schema/examples/two-sites.json'),
    readJson('extension/schema/examples/strict-data-center.json'),
  ];
  assert.equal(documents.length, 6);
  for (const document of documents) assert.deepEqual(schemaProblems(schema, document), []);
  assert.deepEqual(schemaProblems(schema, { default_action: 'ignore' }), ['.default_action: not one of allow,warn,block']);
  assert.deepEqual(schemaProblems(schema, { workspaces: [{ match: 'clinic.example', covered: 'yes' }] }).length, 2);
  assert.deepEqual(schemaProblems(schema, { colour: 'blue' }), ['.colour: unknown key']);
  // Every key the host knows is in the schema (host/src/phisentry/policy/policy.cpp policy_keys()).
  const hostKeys = [...readFileSync(join(REPO, 'host/src/phisentry/policy/policy.cpp'), 'utf8')
    .matchAll(/\{"([a-z_]+)", (?:workspaces_check|enum_check|boolean_check|integer_check|string_list_check|audit_check)/g)].map((m) => m[1]);
  assert.equal(hostKeys.length, 13);
  assert.deepEqual(Object.keys(schema.properties).sort(), hostKeys.sort());
});
