// Who may send the service worker what. Only this extension's own pages and content scripts reach
// runtime.onMessage (no externally_connectable), but a message is still checked against its sender:
// tab-scoped requests must come from a content script in that tab, and requests that name any tab
// (the popup's) must come from an extension page. Web pages never reach the worker; the text a content
// script sends is data to scan, never something to run.
import { MSG } from '../common/messages.js';

const FROM_CONTENT = new Set([MSG.FRAME_STATE, MSG.GATE_FORWARD, MSG.TAB_FLUSH, MSG.REPLACE_ALL, MSG.AUDIT]);
const FROM_EXTENSION_PAGE = new Set([MSG.STATUS, MSG.TAB_SUMMARY, MSG.POLICY_STATUS]);

// 'page' for this extension's own pages (popup, options, sandbox), 'content' for its content scripts
// in a tab, null for anything else.
export function senderRole(sender, runtime) {
  if (!sender || sender.id !== runtime.id) return null;
  const ownOrigin = runtime.getURL('');
  if (typeof sender.url === 'string' && sender.url.startsWith(ownOrigin)) return 'page';
  if (sender.tab && Number.isInteger(sender.tab.id) && sender.tab.id >= 0) return 'content';
  return null;
}

// Whether the worker should handle `message` from `sender`; members are checked for their types
// so a malformed message is refused here rather than failing halfway through a handler.
export function acceptMessage(message, sender, runtime) {
  if (!message || typeof message.type !== 'string') return false;
  const role = senderRole(sender, runtime);
  if (role === null) return false;
  if (FROM_CONTENT.has(message.type) && role !== 'content') return false;
  if (FROM_EXTENSION_PAGE.has(message.type) && role !== 'page') return false;
  if (message.type === MSG.SCAN) return typeof message.text === 'string' && (message.url === undefined || typeof message.url === 'string');
  return true;
}
