// Content scripts cannot be ES modules; this classic script imports the module once per frame.
(() => {
  if (globalThis.__phisentryLoading) return; // the static and a dynamic registration may both match
  globalThis.__phisentryLoading = true;
  const api = globalThis.chrome;
  import(api.runtime.getURL('src/content/main.js'))
    .then((module) => module.start(api))
    .catch((error) => console.warn('PHI Sentry could not start on this page:', error?.message));
})();
