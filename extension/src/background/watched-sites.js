// Registers the content script on Data Center workspaces listed in policy. Atlassian Cloud is
// covered by the manifest's static content script.
import { contentScriptFor, workspaceMatchPattern } from '../common/content-script-spec.js';

const REGISTRATION_ID = 'phisentry-workspaces';

export async function registerWorkspaces(scripting, workspaces) {
  const matches = workspaces.map(workspaceMatchPattern).filter(Boolean);
  const existing = await scripting.getRegisteredContentScripts({ ids: [REGISTRATION_ID] });
  if (existing.length) await scripting.unregisterContentScripts({ ids: [REGISTRATION_ID] });
  if (!matches.length) return [];
  const spec = contentScriptFor(matches);
  await scripting.registerContentScripts([
    {
      id: REGISTRATION_ID,
      matches: spec.matches,
      js: spec.js,
      allFrames: spec.all_frames,
      matchOriginAsFallback: true,
      runAt: spec.run_at,
      persistAcrossSessions: false,
    },
  ]);
  return matches;
}
