// The options page: the effective policy (read-only; managed values marked with their source),
// the user's "Not PHI" list as digests with a count and a way to clear it, a link to the sandbox.
import { MSG } from '../common/messages.js';
import { t } from '../common/i18n.js';
import { Allowlist } from '../content/allowlist.js';
import { el } from '../ui/ui-root.js';
import { digestRows, policyNote, policyRows } from './options-model.js';

const api = globalThis.chrome;
const $ = (id) => document.getElementById(id);
const allowlist = new Allowlist(api.storage.local);

for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
$('clear-allowlist').addEventListener('click', () => askToClear(true));
$('confirm-clear').addEventListener('click', () => clearAllowlist());
allowlist.watch(api.storage.onChanged, () => showAllowlist());
api.runtime.onMessage.addListener((message) => {
  if (message?.type === MSG.POLICY_STATUS) showPolicy(message);
});

await Promise.all([loadPolicyStatus(), allowlist.load().then(showAllowlist)]);
document.body.dataset.ready = 'true';

async function loadPolicyStatus() {
  showPolicy(await api.runtime.sendMessage({ type: MSG.POLICY_STATUS }).catch(() => null));
}

function showPolicy(status) {
  const rows = policyRows(status, t);
  $('policy').hidden = rows.length === 0;
  $('policy').tBodies[0].replaceChildren(...rows.map((row) => {
    const tr = el(document, 'tr', { 'data-key': row.key, 'data-source': row.source });
    tr.dataset.key = row.key;
    tr.dataset.source = row.source;
    const source = el(document, 'span', { class: `source ${row.source}`, text: t(row.sourceKey) });
    const name = el(document, 'th', { scope: 'row' }, [
      ...(row.labelKey ? [el(document, 'span', { class: 'label', text: t(row.labelKey) })] : []),
      el(document, 'code', { text: row.key }),
    ]);
    tr.append(name, el(document, 'td', { class: 'value', text: row.value }),
      el(document, 'td', {}, [source]));
    return tr;
  }));
  const note = policyNote(status);
  $('policy-note').hidden = !note;
  $('policy-note').textContent = note ? t(note) : '';
  const errors = status?.errors ?? [];
  $('policy-errors').hidden = errors.length === 0;
  $('policy-errors').textContent = errors.map((error) => `${error.source}: ${error.key} — ${error.message}`).join('\n');
}

function showAllowlist() {
  const rows = digestRows([...allowlist.digests]);
  $('allowlist-count').textContent = t('optionsAllowlistCount', [String(rows.length)]);
  $('allowlist').replaceChildren(...rows.map((row) => el(document, 'li', { title: row.digest, text: row.short })));
  $('clear-allowlist').disabled = rows.length === 0;
  askToClear(false);
}

// Clearing takes two presses: the second button confirms, so a stray key press cannot.
function askToClear(asking) {
  $('confirm-clear').hidden = !asking;
  if (asking) $('confirm-clear').focus();
}

async function clearAllowlist() {
  await allowlist.clear();
  showAllowlist();
  $('clear-allowlist').focus();
}
