// The toolbar popup: what the host is, whether it runs, and this tab's count.
import { MSG } from '../common/messages.js';
import { t } from '../common/i18n.js';

for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);

const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
const reply = await chrome.runtime.sendMessage({ type: MSG.STATUS, tabId: tab?.id }).catch(() => null);
const statusKey = { available: 'popupAvailable', unavailable: 'popupUnavailable' }[reply?.status] ?? 'popupUnknown';
document.getElementById('status').textContent = t(statusKey);
if (reply?.host) {
  document.getElementById('version').textContent = reply.host.host_version ?? '–';
  const rules = reply.host.rules;
  if (rules) document.getElementById('rules').textContent = `${rules.pack} (${rules.rule_count} rules)`;
}
if (typeof reply?.warnCount === 'number') document.getElementById('findings').textContent = String(reply.warnCount);
