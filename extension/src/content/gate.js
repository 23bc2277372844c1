// The save gate, run in the top frame: gather every frame's findings, decide, and ask the user
// through the dialog when the workspace is not covered. Every outcome goes to the audit trail.
import { MSG } from '../common/messages.js';
import { decideSave } from '../common/decision.js';
import { buildSaveDialog } from '../common/dialog-model.js';
import { DEFAULT_POLICY, verdictFor } from '../common/policy-defaults.js';
import { showSaveDialog } from '../ui/dialog.js';

const MAX_ROUNDS = 3;

// send(message) -> Promise(reply) talks to the worker.
export async function runGate({ doc, url, send, t }) {
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const report = await send({ type: MSG.TAB_FLUSH }).catch(() => null);
    const policy = report?.policy ?? DEFAULT_POLICY;
    const decision = decideSave({
      findings: report?.findings ?? [],
      verdict: report?.verdict ?? verdictFor(url, policy),
      policy,
      scannerAvailable: Boolean(report?.available),
      scanIncomplete: Boolean(report?.incomplete),
    });
    if (decision.kind === 'allow') return { proceed: true };
    const audit = auditor(send, url, decision.kind === 'findings' ? report?.matches ?? [] : []);
    audit(decision.kind === 'unavailable' ? 'scanner_unavailable' : 'warning_shown');
    const choice = await showSaveDialog(doc, buildSaveDialog(decision, t), t, {
      confirmOverride: (justification) => confirmOverride(audit, justification, t),
    });
    // Only an answer the user gave on the dialog they could see lets the save go on (ui/dialog.js).
    if (choice.action === 'override' && choice.confirmed) return { proceed: true, justification: choice.justification };
    if (choice.action !== 'replace' || !choice.confirmed) {
      audit('save_cancelled');
      return { proceed: false };
    }
    audit('placeholders_inserted');
    await send({ type: MSG.REPLACE_ALL }).catch(() => null);
  }
  return { proceed: false };
}

function auditor(send, url, matches) {
  return (event, extra = {}) => send({ type: MSG.AUDIT, event, url, matches, ...extra }).catch(() => null);
}

// "Save anyway" saves only once the host has recorded it. The host refuses an override the policy
// does not allow, a short justification, or one holding PHI; the dialog shows why and stays open.
// With the host unreachable (fail mode "open") the event waits in the worker and the save goes on.
export async function confirmOverride(audit, justification, t) {
  const reply = await audit('save_anyway', { justification });
  if (!reply?.refused) return { ok: true };
  // The host's message says what to change ("... contains PHI (ssn); please rephrase it").
  return { ok: false, message: reply.message || t('dialogJustificationNeeded') };
}
