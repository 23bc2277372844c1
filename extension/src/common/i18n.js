// Looks strings up in _locales through the browser; falls back to the key so a missing
// string is visible rather than blank.
export function t(key, substitutions) {
  const text = globalThis.chrome?.i18n?.getMessage(key, substitutions);
  return text || key;
}
