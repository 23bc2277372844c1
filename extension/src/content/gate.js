// The save gate, run in the top frame: gather every frame's findings, decide, and ask the user
// through the dialog when the workspace is not covered.
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
    });
    if (decision.kind === 'allow') return { proceed: true };
    const choice = await showSaveDialog(doc, buildSaveDialog(decision, t), t);
    if (choice.action === 'override') return { proceed: true, justification: choice.justification };
    if (choice.action !== 'replace') return { proceed: false };
    await send({ type: MSG.REPLACE_ALL }).catch(() => null);
  }
  return { proceed: false };
}
