// The content script registration, shared by build.mjs (static, for Atlassian Cloud) and the
// worker (dynamic, for Data Center workspaces listed in policy), so the two never drift apart.
export const CLOUD_MATCHES = Object.freeze(['https://*.atlassian.net/*']);

export const CONTENT_SCRIPT_FILES = Object.freeze(['src/content/loader.js']);

// Loaded by loader.js with import(); must be web-accessible on watched pages.
export const CONTENT_MODULES = Object.freeze(['src/*']);

export function contentScriptFor(matches) {
  return {
    matches: [...matches],
    js: [...CONTENT_SCRIPT_FILES],
    all_frames: true, // TinyMCE edits inside an iframe
    match_about_blank: true, // ...which has no URL of its own
    run_at: 'document_idle',
  };
}

// A workspace entry from policy ("https://wiki.clinic.example" or a match pattern) as a match pattern.
export function workspaceMatchPattern(entry) {
  const text = String(entry ?? '').trim();
  if (!text) return null;
  if (/^(\*|https?):\/\/[^/]+\/.*\*$/.test(text)) return text; // already a match pattern
  try {
    const url = new URL(text.includes('://') ? text : `https://${text}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    const path = url.pathname === '/' ? '/*' : `${url.pathname.replace(/\/?$/, '/')}*`;
    return `${url.protocol}//${url.hostname}${path}`;
  } catch {
    return null;
  }
}
